//! HyperLogLog for distinct callers: precision 12 (4,096 registers, standard error
//! 1.04/√4096 ≈ 1.6 %), estimated with Ertl's improved raw estimator ("New cardinality
//! estimation algorithms for HyperLogLog sketches", 2017), which is unbiased from one
//! caller to billions without HLL++'s empirical bias tables.

use super::varint::{self, Reader};
use crate::sort;
use sha2::{Digest, Sha256};

/// Bits of the hash that pick a register.
pub const PRECISION: u32 = 12;
const M: usize = 1 << PRECISION;
/// Bits left for the rank; ranks go from 1 to `Q + 1`.
const Q: u32 = 64 - PRECISION;
/// One standard error of an estimate, relative.
pub const HLL_STANDARD_ERROR: f64 = 1.04 / 64.0;
const VERSION: u8 = 1;
const SPARSE: u8 = 0;
const DENSE: u8 = 1;

/// A caller's 64-bit hash: the first 8 bytes of SHA-256 of its id as stored (`0x`
/// addresses lowercased), big-endian, so that any language or SQL engine can compute it.
pub fn caller_hash(id: &str) -> u64 {
    let digest = Sha256::digest(id.as_bytes());
    u64::from_be_bytes([digest[0], digest[1], digest[2], digest[3], digest[4], digest[5], digest[6], digest[7]])
}

/// A sketch as a rollup row carries it: its non-zero registers as `index << 8 | rank`, by
/// index. A few bytes for the few callers most (day, model) cells have.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Registers(Vec<u32>);

impl Registers {
    /// Reads the bytes of `callers_hll` (docs/sources.md#sketches-distinct-callers-and-latency-from-rollups), or says why they are not a sketch.
    pub fn decode(bytes: &[u8]) -> Result<Registers, String> {
        let mut r = Reader(bytes);
        let (version, precision) = (r.byte()?, r.byte()?);
        if version != VERSION || u32::from(precision) != PRECISION {
            return Err(format!("a HyperLogLog of version {version} and precision {precision}; hubpulse reads version {VERSION}, precision {PRECISION}"));
        }
        let mut registers = Vec::new();
        let valid = |rank: u8| u32::from(rank) <= Q + 1;
        match r.byte()? {
            SPARSE => {
                let count = r.get()?;
                let mut index = 0u64;
                for k in 0..count {
                    let delta = r.get()?;
                    index = if k == 0 { delta } else { index.saturating_add(delta) };
                    let rank = r.byte()?;
                    if index >= M as u64 || rank == 0 || !valid(rank) || (k > 0 && delta == 0) {
                        return Err("a HyperLogLog register out of range".into());
                    }
                    registers.push((index as u32) << 8 | u32::from(rank));
                }
            }
            DENSE => {
                for index in 0..M as u32 {
                    let rank = r.byte()?;
                    if !valid(rank) {
                        return Err("a HyperLogLog rank out of range".into());
                    }
                    if rank > 0 {
                        registers.push(index << 8 | u32::from(rank));
                    }
                }
            }
            other => return Err(format!("a HyperLogLog of unknown form {other}")),
        }
        r.end()?;
        Ok(Registers(registers))
    }

    /// The registers that these callers' [`caller_hash`]es set.
    pub fn of_hashes(hashes: impl IntoIterator<Item = u64>) -> Registers {
        Registers::of_unsorted(hashes.into_iter().map(|hash| {
            let rest = hash << PRECISION;
            let rank = if rest == 0 { Q + 1 } else { rest.leading_zeros() + 1 };
            ((hash >> Q) as u32) << 8 | rank
        }))
    }

    /// Registers (`index << 8 | rank`) in any order and with repeats: the highest rank of
    /// each index, by index.
    fn of_unsorted(registers: impl IntoIterator<Item = u32>) -> Registers {
        let mut all: Vec<u32> = registers.into_iter().collect();
        // Sorted by index then rank: the last of each index has the highest rank.
        sort::sort(&mut all, &u32::cmp);
        let mut union: Vec<u32> = Vec::with_capacity(all.len());
        for r in all {
            match union.last_mut() {
                Some(last) if *last >> 8 == r >> 8 => *last = r,
                _ => union.push(r),
            }
        }
        Registers(union)
    }

    /// The bytes a rollup row carries in base64 (docs/sources.md#sketches-distinct-callers-and-latency-from-rollups): `[1, 12, form, …]`,
    /// sparse (form 0: a count, then each register's index as a varint difference from the
    /// previous one and its rank as a byte) while that is smaller than dense (form 1: 4,096
    /// ranks, one byte each).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = vec![VERSION, PRECISION as u8];
        if self.0.len() * 3 < M {
            out.push(SPARSE);
            varint::put(&mut out, self.0.len() as u64);
            let mut previous = 0;
            for (k, &r) in self.0.iter().enumerate() {
                let index = r >> 8;
                varint::put(&mut out, u64::from(if k == 0 { index } else { index - previous }));
                out.push(r as u8);
                previous = index;
            }
        } else {
            out.push(DENSE);
            let mut dense = vec![0u8; M];
            self.0.iter().for_each(|&r| dense[(r >> 8) as usize] = r as u8);
            out.extend_from_slice(&dense);
        }
        out
    }

    /// The union of row sketches (a model's rows over a window), kept sparse: as cheap as
    /// the registers they set, for any number of models.
    pub fn union<'a>(rows: impl IntoIterator<Item = &'a Registers>) -> Registers {
        Registers::of_unsorted(rows.into_iter().flat_map(|r| r.0.iter().copied()))
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The estimated number of distinct callers.
    pub fn estimate(&self) -> f64 {
        let mut counts = [0u32; Q as usize + 2];
        self.0.iter().for_each(|&r| counts[(r & 0xff) as usize] += 1);
        counts[0] = (M - self.0.len()) as u32;
        estimate(&counts)
    }
}

/// Registers being filled or merged.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CallerSketch {
    registers: Vec<u8>,
}

impl Default for CallerSketch {
    fn default() -> Self {
        CallerSketch { registers: vec![0; M] }
    }
}

impl CallerSketch {
    /// The union with a row's sketch.
    pub fn merge(&mut self, row: &Registers) {
        for &r in &row.0 {
            let register = &mut self.registers[(r >> 8) as usize];
            *register = (*register).max(r as u8);
        }
    }

    /// The union with another sketch.
    pub fn merge_sketch(&mut self, other: &CallerSketch) {
        self.registers.iter_mut().zip(&other.registers).for_each(|(a, &b)| *a = (*a).max(b));
    }

    /// The estimated number of distinct callers.
    pub fn estimate(&self) -> f64 {
        let mut counts = [0u32; Q as usize + 2];
        self.registers.iter().for_each(|&r| counts[r as usize] += 1);
        estimate(&counts)
    }
}

/// Ertl's improved raw estimate from the number of registers at each rank (`counts[0]`:
/// registers still zero).
fn estimate(counts: &[u32; Q as usize + 2]) -> f64 {
    let m = M as f64;
    if counts[0] as usize == M {
        return 0.0;
    }
    let mut z = m * tau(1.0 - f64::from(counts[Q as usize + 1]) / m);
    for k in (1..=Q as usize).rev() {
        z = 0.5 * (z + f64::from(counts[k]));
    }
    z += m * sigma(f64::from(counts[0]) / m);
    m * m / (2.0 * std::f64::consts::LN_2) / z
}

/// Ertl's σ(x) = x + Σ_{k≥1} x^(2^k) 2^(k−1).
fn sigma(mut x: f64) -> f64 {
    if x == 1.0 {
        return f64::INFINITY;
    }
    let (mut y, mut z) = (1.0, x);
    loop {
        x *= x;
        let before = z;
        z += x * y;
        y += y;
        if z == before {
            return z;
        }
    }
}

/// Ertl's τ(x) = (1 − x − Σ_{k≥1} (1 − x^(2^−k))² 2^−k) / 3.
fn tau(mut x: f64) -> f64 {
    if x == 0.0 || x == 1.0 {
        return 0.0;
    }
    let (mut y, mut z) = (1.0, 1.0 - x);
    loop {
        x = x.sqrt();
        let before = z;
        y *= 0.5;
        z -= (1.0 - x).powi(2) * y;
        if z == before {
            return z / 3.0;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn registers(ids: std::ops::Range<u32>) -> Registers {
        Registers::of_hashes(ids.map(|i| caller_hash(&format!("0x{i:040x}"))))
    }

    fn sketch(ids: std::ops::Range<u32>) -> CallerSketch {
        let mut s = CallerSketch::default();
        s.merge(&registers(ids));
        s
    }

    #[test]
    fn estimates_stay_within_four_standard_errors_from_one_to_many() {
        for n in [1u32, 2, 10, 100, 1_000, 5_000, 12_000, 30_000, 100_000, 300_000] {
            let estimate = sketch(0..n).estimate();
            let error = (estimate - f64::from(n)).abs() / f64::from(n);
            assert!(error < 4.0 * HLL_STANDARD_ERROR, "{n} callers estimated as {estimate:.0}");
        }
        assert_eq!(CallerSketch::default().estimate(), 0.0);
    }

    #[test]
    fn a_merge_is_the_union_and_encodings_round_trip() {
        let (a, b) = (sketch(0..3_000), sketch(2_000..9_000));
        let mut union = a.clone();
        union.merge_sketch(&b);
        assert_eq!(union, sketch(0..9_000));
        for ids in [0..5, 0..9_000] {
            let bytes = registers(ids.clone()).encode();
            let mut read = CallerSketch::default();
            read.merge(&Registers::decode(&bytes).unwrap());
            assert_eq!(read, sketch(ids));
        }
        assert!(registers(0..5).encode().len() < 20, "a few callers take a few bytes");
        let rows = [registers(0..3_000), registers(2_000..9_000)].map(|r| Registers::decode(&r.encode()).unwrap());
        assert_eq!(Registers::union(&rows).estimate(), union.estimate(), "sparse and dense unions agree");
        assert_eq!(registers(0..9_000).encode().len(), 3 + M);
        assert!(Registers::decode(&[1, 12, 0, 1, 0, 99]).is_err(), "rank 99");
        assert!(Registers::decode(&[1, 14, 0, 0]).unwrap_err().contains("precision 14"));
        assert!(Registers::decode(&[1, 12, 0, 2, 5, 1]).is_err(), "ends early");
        assert!(Registers::decode(&[]).is_err());
    }

    #[test]
    fn the_hash_is_sha256s_first_eight_bytes() {
        // sha256("abc") = ba7816bf8f01cfea…
        assert_eq!(caller_hash("abc"), 0xba78_16bf_8f01_cfea);
    }
}
