//! Latency (SPEC §2): nearest-rank quantiles of `latency_ms` over the window's events.

use super::scope::Scope;
use crate::report::Report;

pub fn fill(scope: &Scope, report: &mut Report) {
    let Some(latency) = &scope.log.latency else { return };
    let mut values: Vec<f64> = scope.ok().filter_map(|i| latency.get(i)).collect();
    report.latency_p50 = nearest_rank(&mut values, 50);
    report.latency_p95 = nearest_rank(&mut values, 95);
    report.latency_p99 = nearest_rank(&mut values, 99);
}

/// The ⌈p/100 · n⌉-th smallest value. The rank is computed in integers: in floats,
/// 0.95 · 100 is 95.00000000000001, whose ceiling would be one rank too high.
pub fn nearest_rank(values: &mut [f64], percent: u64) -> Option<f64> {
    let n = values.len() as u64;
    if n == 0 {
        return None;
    }
    let rank = (percent * n).div_ceil(100).max(1);
    let (_, value, _) = values.select_nth_unstable_by((rank - 1) as usize, f64::total_cmp);
    Some(*value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latency_quantiles_are_nearest_rank() {
        let mut values: Vec<f64> = (1..=100).map(f64::from).collect();
        assert_eq!(nearest_rank(&mut values, 95), Some(95.0));
        assert_eq!(nearest_rank(&mut values, 50), Some(50.0));
        let mut values = vec![15.0, 20.0, 35.0, 40.0, 50.0];
        assert_eq!(nearest_rank(&mut values, 50), Some(35.0)); // ⌈2.5⌉ = 3rd
        assert_eq!(nearest_rank(&mut values, 99), Some(50.0));
        assert_eq!(nearest_rank(&mut [], 50), None);
    }
}
