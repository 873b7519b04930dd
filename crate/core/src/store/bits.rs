//! A packed column of booleans: one bit per event.

/// A growable bit vector; `ok` and `automated` flags cost 1 bit per event instead of 8.
#[derive(Clone, Default)]
pub struct Bits {
    words: Vec<u64>,
    len: usize,
}

impl Bits {
    /// A column of `len` copies of `value`.
    pub fn filled(len: usize, value: bool) -> Bits {
        let mut bits = Bits::default();
        for _ in 0..len {
            bits.push(value);
        }
        bits
    }

    pub fn push(&mut self, value: bool) {
        if self.len.is_multiple_of(64) {
            self.words.push(0);
        }
        if value {
            self.words[self.len / 64] |= 1 << (self.len % 64);
        }
        self.len += 1;
    }

    /// The bits at `order`, in its order (see [`super::gathered`]).
    pub fn gathered(&self, order: &[u32]) -> Bits {
        // Word by word, without a branch per bit: a filter gathers a million of them.
        let mut words = vec![0u64; order.len().div_ceil(64)];
        for (word, chunk) in words.iter_mut().zip(order.chunks(64)) {
            *word = chunk.iter().enumerate().fold(0, |w, (j, &i)| w | u64::from(self.get(i as usize)) << j);
        }
        Bits { words, len: order.len() }
    }

    /// Appends `other`'s bits after these: whole words when these end on a word's end, as
    /// a body cut into segments of whole rows rarely does, else bit by bit.
    pub fn append(&mut self, other: &Bits) {
        if self.len.is_multiple_of(64) {
            self.words.extend_from_slice(&other.words);
            self.len += other.len;
        } else {
            (0..other.len).for_each(|i| self.push(other.get(i)));
        }
    }

    /// Makes room for `additional` more bits.
    pub fn reserve_exact(&mut self, additional: usize) {
        self.words.reserve_exact(additional.div_ceil(64));
    }

    /// The words and the number of bits, to move them elsewhere.
    pub fn into_parts(self) -> (Vec<u64>, usize) {
        (self.words, self.len)
    }

    /// Bits from [`Bits::into_parts`]; `None` when the words do not hold `len` bits.
    pub fn from_parts(words: Vec<u64>, len: usize) -> Option<Bits> {
        (words.len() == len.div_ceil(64)).then_some(Bits { words, len })
    }

    pub fn len(&self) -> usize {
        self.len
    }

    #[inline]
    pub fn get(&self, i: usize) -> bool {
        self.words[i / 64] >> (i % 64) & 1 == 1
    }

    pub fn heap_bytes(&self) -> usize {
        self.words.capacity() * 8
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bits_read_back_what_was_pushed_across_word_boundaries() {
        let mut b = Bits::default();
        let pattern: Vec<bool> = (0..130).map(|i| i % 3 == 0).collect();
        pattern.iter().for_each(|&v| b.push(v));
        assert_eq!((0..130).map(|i| b.get(i)).collect::<Vec<_>>(), pattern);
        assert!(Bits::filled(65, true).get(64));
        for cut in [0, 1, 64, 100, 130] {
            let (mut head, mut tail) = (Bits::default(), Bits::default());
            pattern[..cut].iter().for_each(|&v| head.push(v));
            pattern[cut..].iter().for_each(|&v| tail.push(v));
            head.append(&tail);
            assert_eq!((0..130).map(|i| head.get(i)).collect::<Vec<_>>(), pattern, "cut at {cut}");
            assert_eq!(head.into_parts().0.len(), 3);
        }
    }
}
