//! A big unsigned integer, just what reading a long or extreme decimal exactly needs:
//! multiplying by small factors, shifting, comparing, subtracting. Little-endian 32-bit limbs.

use std::cmp::Ordering;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Big(Vec<u32>);

impl Big {
    pub fn from_u64(value: u64) -> Big {
        let mut big = Big(vec![value as u32, (value >> 32) as u32]);
        big.trim();
        big
    }

    /// The number written by `digits` (each 0–9), most significant first.
    pub fn from_digits(digits: &[u8]) -> Big {
        let mut big = Big(Vec::with_capacity(digits.len() / 9 + 1));
        for chunk in digits.chunks(9) {
            let value = chunk.iter().fold(0u32, |n, &d| n * 10 + u32::from(d));
            big.mul_add(10u32.pow(chunk.len() as u32), value);
        }
        big
    }

    /// `self × factor^power`, a `u32`'s worth of factors at a time.
    pub fn mul_pow(&mut self, factor: u32, power: u64) {
        let per = (u32::MAX.ilog(factor)) as u64;
        for _ in 0..power / per {
            self.mul_add(factor.pow(per as u32), 0);
        }
        self.mul_add(factor.pow((power % per) as u32), 0);
    }

    /// `self × factor + add`.
    fn mul_add(&mut self, factor: u32, add: u32) {
        let mut carry = u64::from(add);
        for limb in &mut self.0 {
            let product = u64::from(*limb) * u64::from(factor) + carry;
            *limb = product as u32;
            carry = product >> 32;
        }
        if carry > 0 {
            self.0.push(carry as u32);
        }
    }

    /// How many bits the number takes (0 for zero).
    pub fn bits(&self) -> u64 {
        match self.0.last() {
            Some(&top) => self.0.len() as u64 * 32 - u64::from(top.leading_zeros()),
            None => 0,
        }
    }

    pub fn shift_left(&mut self, bits: u64) {
        let (limbs, bits) = ((bits / 32) as usize, (bits % 32) as u32);
        if bits > 0 {
            let mut carry = 0;
            for limb in &mut self.0 {
                let next = *limb >> (32 - bits);
                *limb = (*limb << bits) | carry;
                carry = next;
            }
            if carry > 0 {
                self.0.push(carry);
            }
        }
        self.0.splice(0..0, std::iter::repeat_n(0, limbs));
        self.trim();
    }

    /// `self >> bits`, and whether any bit shifted out was set.
    pub fn shift_right(&mut self, bits: u64) -> bool {
        let limbs = ((bits / 32) as usize).min(self.0.len());
        let bits = (bits % 32) as u32;
        let mut sticky = self.0.drain(..limbs).any(|l| l != 0);
        if bits > 0 {
            let mut carry = 0;
            for limb in self.0.iter_mut().rev() {
                let next = *limb << (32 - bits);
                *limb = (*limb >> bits) | carry;
                carry = next;
            }
            sticky |= carry != 0;
        }
        self.trim();
        sticky
    }

    /// The number's top 128 bits (all of it when it takes fewer), whether any bit below them
    /// is set, and how many bits were dropped: `self ≈ top × 2^dropped`.
    pub fn top128(&self) -> (u128, bool, u64) {
        let dropped = self.bits().saturating_sub(128);
        let mut top = self.clone();
        let sticky = top.shift_right(dropped);
        (top.0.iter().rev().fold(0u128, |n, &l| (n << 32) | u128::from(l)), sticky, dropped)
    }

    /// `self - other`, where `other ≤ self`.
    pub fn subtract(&mut self, other: &Big) {
        let mut borrow = 0i64;
        for (i, limb) in self.0.iter_mut().enumerate() {
            let difference = i64::from(*limb) - i64::from(other.0.get(i).copied().unwrap_or(0)) - borrow;
            *limb = difference as u32;
            borrow = i64::from(difference < 0);
        }
        self.trim();
    }

    pub fn is_zero(&self) -> bool {
        self.0.is_empty()
    }

    fn trim(&mut self) {
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
    }
}

impl PartialOrd for Big {
    fn partial_cmp(&self, other: &Big) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Big {
    fn cmp(&self, other: &Big) -> Ordering {
        self.0.len().cmp(&other.0.len()).then_with(|| self.0.iter().rev().cmp(other.0.iter().rev()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arithmetic_agrees_with_u128() {
        let mut a = Big::from_digits(&[1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 1]);
        assert_eq!(a.top128(), (123456789012345678901, false, 0));
        a.mul_pow(5, 20);
        assert_eq!(a.top128(), (123456789012345678901 * 5u128.pow(20), false, 0));
        let product = 123456789012345678901 * 5u128.pow(20);
        a.shift_left(40);
        assert_eq!(a.top128(), (product << (40 - (a.bits() - 128)), false, a.bits() - 128));
        let mut b = Big::from_u64(3);
        b.shift_left(100);
        assert_eq!(b.top128(), (3 << 100, false, 0));
        assert!(!b.shift_right(1));
        assert_eq!(b.top128(), (3 << 99, false, 0));
        assert!(b.shift_right(100), "a set bit shifted out");
        assert_eq!(b.top128(), (1, false, 0));
        let mut c = Big::from_u64(u64::MAX);
        c.shift_left(90);
        assert_eq!(c.bits(), 154);
        assert_eq!(c.top128(), (u128::from(u64::MAX) << 64, false, 26));
        c.subtract(&Big::from_u64(1));
        let (top, sticky, dropped) = c.top128();
        assert_eq!((top, sticky, dropped), ((u128::from(u64::MAX) << 64) - 1, true, 26));
        assert!(Big::from_u64(5) < Big::from_u64(1 << 40) && Big::from_u64(7) > Big::from_u64(6));
    }
}
