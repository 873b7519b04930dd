//! LEB128 unsigned varints and zigzag signed ones: the sketches' compact integers.

pub fn put(out: &mut Vec<u8>, mut n: u64) {
    while n >= 0x80 {
        out.push((n as u8) | 0x80);
        n >>= 7;
    }
    out.push(n as u8);
}

pub fn put_signed(out: &mut Vec<u8>, n: i64) {
    put(out, ((n << 1) ^ (n >> 63)) as u64);
}

/// Reads bytes from the front of a slice.
pub struct Reader<'a>(pub &'a [u8]);

impl Reader<'_> {
    pub fn byte(&mut self) -> Result<u8, String> {
        let (&b, rest) = self.0.split_first().ok_or("the sketch ends early")?;
        self.0 = rest;
        Ok(b)
    }

    pub fn get(&mut self) -> Result<u64, String> {
        let mut n = 0u64;
        for shift in (0..64).step_by(7) {
            let b = self.byte()?;
            n |= u64::from(b & 0x7f) << shift;
            if b < 0x80 {
                return Ok(n);
            }
        }
        Err("a number in the sketch is too long".into())
    }

    pub fn get_signed(&mut self) -> Result<i64, String> {
        let n = self.get()?;
        Ok((n >> 1) as i64 ^ -((n & 1) as i64))
    }

    pub fn end(&self) -> Result<(), String> {
        if self.0.is_empty() {
            Ok(())
        } else {
            Err("the sketch has bytes after its end".into())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_round_trip() {
        let mut out = Vec::new();
        for n in [0, 1, 127, 128, 300, u64::MAX] {
            put(&mut out, n);
        }
        for n in [0i64, -1, 1, -300, i64::MIN, i64::MAX] {
            put_signed(&mut out, n);
        }
        let mut r = Reader(&out);
        for n in [0, 1, 127, 128, 300, u64::MAX] {
            assert_eq!(r.get(), Ok(n));
        }
        for n in [0i64, -1, 1, -300, i64::MIN, i64::MAX] {
            assert_eq!(r.get_signed(), Ok(n));
        }
        assert!(r.end().is_ok() && r.get().is_err());
    }
}
