//! DDSketch for latency (Masson, Rim and Lee, VLDB 2019): values fall into buckets whose
//! bounds grow by γ = (1 + α)/(1 − α), so a quantile read from the merged buckets is within
//! α = 1 % of the exact nearest-rank value, however many rows are merged.

use super::varint::{self, Reader};
use std::collections::BTreeMap;

/// α: an estimated quantile is within this share of the true value.
pub const RELATIVE_ACCURACY: f64 = 0.01;
const VERSION: u8 = 1;

fn gamma() -> f64 {
    (1.0 + RELATIVE_ACCURACY) / (1.0 - RELATIVE_ACCURACY)
}

/// Latencies of a rollup row (or of a window, merged): zeros apart, buckets by index.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LatencySketch {
    zeros: u64,
    buckets: BTreeMap<i32, u64>,
}

impl LatencySketch {
    /// Counts a latency in milliseconds (≥ 0, as the events' field rules ensure).
    pub fn insert(&mut self, ms: f64) {
        if ms <= 0.0 {
            self.zeros += 1;
        } else {
            *self.buckets.entry((ms.ln() / gamma().ln()).ceil() as i32).or_default() += 1;
        }
    }

    pub fn merge(&mut self, other: &LatencySketch) {
        self.zeros += other.zeros;
        for (&index, &n) in &other.buckets {
            *self.buckets.entry(index).or_default() += n;
        }
    }

    pub fn count(&self) -> u64 {
        self.zeros + self.buckets.values().sum::<u64>()
    }

    /// The nearest-rank `percent` quantile (docs/metrics.md's definition: the ⌈p/100 · n⌉-th
    /// smallest value), within α of the exact one; `None` without values.
    pub fn quantile(&self, percent: u64) -> Option<f64> {
        let n = self.count();
        if n == 0 {
            return None;
        }
        let rank = (percent * n).div_ceil(100).max(1);
        if rank <= self.zeros {
            return Some(0.0);
        }
        let mut seen = self.zeros;
        let g = gamma();
        for (&index, &count) in &self.buckets {
            seen += count;
            if seen >= rank {
                // The bucket (γ^(i−1), γ^i]'s point within α of every value in it.
                return Some(2.0 * g.powi(index) / (g + 1.0));
            }
        }
        None
    }

    /// The sketch as a rollup row carries it (docs/sources.md#sketches-distinct-callers-and-latency-from-rollups).
    pub fn encode(&self) -> Vec<u8> {
        let mut out = vec![VERSION];
        varint::put(&mut out, self.zeros);
        varint::put(&mut out, self.buckets.len() as u64);
        let mut previous = 0i64;
        for (k, (&index, &count)) in self.buckets.iter().enumerate() {
            let index = i64::from(index);
            if k == 0 {
                varint::put_signed(&mut out, index);
            } else {
                varint::put(&mut out, (index - previous) as u64);
            }
            varint::put(&mut out, count);
            previous = index;
        }
        out
    }

    /// Reads the bytes of `latency_sketch`, or says why they are not a sketch.
    pub fn decode(bytes: &[u8]) -> Result<LatencySketch, String> {
        let mut r = Reader(bytes);
        let version = r.byte()?;
        if version != VERSION {
            return Err(format!("a latency sketch of version {version}; hubpulse reads version {VERSION}"));
        }
        let mut sketch = LatencySketch { zeros: r.get()?, buckets: BTreeMap::new() };
        let mut index = 0i64;
        for k in 0..r.get()? {
            index = if k == 0 { r.get_signed()? } else { index.saturating_add(r.get()?.max(1) as i64) };
            let index = i32::try_from(index).map_err(|_| "a latency bucket out of range")?;
            sketch.buckets.insert(index, r.get()?);
        }
        r.end()?;
        Ok(sketch)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::metrics::latency::nearest_rank;

    #[test]
    fn quantiles_are_within_one_percent_of_the_exact_nearest_rank() {
        let values: Vec<f64> = (0..20_000).map(|i| ((i * 7_919) % 20_000) as f64 * 0.37 + (i % 3) as f64).collect();
        let (mut a, mut b) = (LatencySketch::default(), LatencySketch::default());
        for (i, &v) in values.iter().enumerate() {
            if i % 2 == 0 {
                a.insert(v)
            } else {
                b.insert(v)
            }
        }
        a.merge(&b);
        for percent in [1, 50, 95, 99, 100] {
            let exact = nearest_rank(&mut values.clone(), percent, f64::total_cmp).unwrap();
            let estimate = a.quantile(percent).unwrap();
            assert!((estimate - exact).abs() <= RELATIVE_ACCURACY * exact + 1e-9, "p{percent}: {estimate} vs {exact}");
        }
        assert_eq!(LatencySketch::default().quantile(50), None);
    }

    #[test]
    fn encodings_round_trip_and_garbage_is_refused() {
        let mut s = LatencySketch::default();
        [0.0, 0.5, 3.0, 3.0, 120.0, 9_000.0].into_iter().for_each(|v| s.insert(v));
        assert_eq!(LatencySketch::decode(&s.encode()), Ok(s.clone()));
        assert_eq!(s.quantile(10), Some(0.0));
        assert!(LatencySketch::decode(&[2]).is_err());
        assert!(LatencySketch::decode(&[1, 0, 3, 2]).is_err());
        assert!(LatencySketch::decode(&[1, 0, 0, 9]).is_err(), "bytes after the end");
    }
}
