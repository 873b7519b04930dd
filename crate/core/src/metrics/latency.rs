//! Latency (docs/metrics.md): nearest-rank quantiles of `latency_ms` over the window's events.

use super::scope::Scope;
use crate::report::Report;
use crate::sort;
use crate::store::{from_tenths, Values};
use std::cmp::Ordering;

pub fn fill(scope: &Scope, report: &mut Report) {
    let Some(latency) = &scope.log.latency else { return };
    const PERCENTS: [u64; 3] = [50, 95, 99];
    [report.latency_p50, report.latency_p95, report.latency_p99] = match latency.values(scope.ok()) {
        Values::Tenths(mut tenths) => nearest_ranks(&mut tenths, PERCENTS, u32::cmp).map(|t| t.map(from_tenths)),
        Values::Exact(values) => {
            // Selected as integers that order as the doubles do (a selection compiled for
            // doubles alone would cost the wasm 2 KiB): in place, the keys reuse the values'
            // memory.
            let mut keys: Vec<u64> = values.into_iter().map(ordered_bits).collect();
            nearest_ranks(&mut keys, PERCENTS, u64::cmp).map(|k| k.map(from_ordered_bits))
        }
    };
}

/// `x`'s bits as an integer that orders as [`f64::total_cmp`] orders the doubles: negative
/// doubles' bits reversed below the others.
fn ordered_bits(x: f64) -> u64 {
    let bits = x.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | 1 << 63
    }
}

/// The double whose [`ordered_bits`] are `key`.
fn from_ordered_bits(key: u64) -> f64 {
    f64::from_bits(if key >> 63 == 1 { key & !(1 << 63) } else { !key })
}

/// [`nearest_rank`] of several ascending percents at once: each selection leaves the values
/// above its rank behind it, so the next one only searches those.
pub fn nearest_ranks<T: Copy, const N: usize>(
    values: &mut [T],
    percents: [u64; N],
    order: impl Fn(&T, &T) -> Ordering + Copy,
) -> [Option<T>; N] {
    let n = values.len() as u64;
    let mut done = 0usize; // values[..done] are all ≤ the previous result
    percents.map(|percent| {
        let rank = ((percent * n).div_ceil(100).max(1) - 1) as usize;
        if n == 0 {
            return None;
        }
        if rank < done {
            return nearest_rank(values, percent, order); // percents out of order: start over
        }
        let value = *sort::select(&mut values[done..], rank - done, &order);
        done = rank;
        Some(value)
    })
}

/// The ⌈p/100 · n⌉-th smallest value. The rank is computed in integers: in floats,
/// 0.95 · 100 is 95.00000000000001, whose ceiling would be one rank too high.
pub fn nearest_rank<T: Copy>(values: &mut [T], percent: u64, order: impl Fn(&T, &T) -> Ordering) -> Option<T> {
    let n = values.len() as u64;
    if n == 0 {
        return None;
    }
    let rank = (percent * n).div_ceil(100).max(1);
    Some(*sort::select(values, (rank - 1) as usize, &order))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latency_quantiles_are_nearest_rank() {
        let mut values: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(nearest_rank(&mut values, 95, f64::total_cmp), Some(95.0));
        assert_eq!(nearest_rank(&mut values, 50, f64::total_cmp), Some(50.0));
        let mut values = vec![15.0, 20.0, 35.0, 40.0, 50.0];
        assert_eq!(nearest_rank(&mut values, 50, f64::total_cmp), Some(35.0)); // ⌈2.5⌉ = 3rd
        assert_eq!(nearest_rank(&mut values, 99, f64::total_cmp), Some(50.0));
        assert_eq!(nearest_rank(&mut [], 50, f64::total_cmp), None);
    }

    #[test]
    fn several_ranks_at_once_equal_one_at_a_time() {
        let mut values: Vec<f64> = (0..1000).map(|i| f64::from((i * 7919) % 1000)).collect();
        let expected = [50, 95, 99].map(|p| nearest_rank(&mut values.clone(), p, f64::total_cmp));
        assert_eq!(nearest_ranks(&mut values, [50, 95, 99], f64::total_cmp), expected);
        assert_eq!(nearest_ranks(&mut [3.0], [50, 95, 99], f64::total_cmp), [Some(3.0); 3]);
        assert_eq!(nearest_ranks(&mut [] as &mut [f64], [50, 99], f64::total_cmp), [None, None]);
    }

    proptest::proptest! {
        /// Doubles' keys order as the doubles do, and read back as the same bits.
        #[test]
        fn keys_order_as_the_doubles(a: u64, b: u64) {
            let (x, y) = (f64::from_bits(a), f64::from_bits(b));
            proptest::prop_assert_eq!(ordered_bits(x).cmp(&ordered_bits(y)), x.total_cmp(&y));
            proptest::prop_assert_eq!(from_ordered_bits(ordered_bits(x)).to_bits(), a);
        }
    }
}
