//! Concentration (docs/metrics.md) over the universe of listed ∪ active models, idle ones as 0.
//! Shares are of all `events`, which from rollups include the long tail (`other`): it is
//! volume but not a model, so it takes no place among the busiest models, and the Gini and
//! Lorenz curve, which describe how use spreads over models, leave it out.

use super::scope::Scope;
use crate::report::{ratio, Report};
use crate::sort;

/// Fills top shares, HHI, effective models, Gini, models for 80 % and the Lorenz curve
/// from the event counts of every model of the universe and the window's `events`; the
/// curve has at most `points` points (`None`: one per model).
pub fn fill(counts: &[u64], events: u64, points: Option<usize>, report: &mut Report) {
    // Idle models are zeros at the end of the descending order: only the others are sorted,
    // which is what matters when a registry lists a million models and a tenth are used.
    let mut sorted: Vec<u64> = counts.iter().copied().filter(|&c| c > 0).collect();
    sort::sort(&mut sorted, &|a, b| b.cmp(a));
    let idle = counts.len() - sorted.len();
    let t = events as f64;
    report.top1_share = ratio(sorted.first().copied().unwrap_or(0) as f64, t);
    report.top10_share = ratio(sorted.iter().take(10).sum::<u64>() as f64, t);
    report.hhi = (events > 0).then(|| sorted.iter().map(|&c| (c as f64 / t).powi(2)).sum());
    report.effective_models = report.hhi.and_then(|h| ratio(1.0, h));
    report.gini = gini(&sorted, idle);
    report.models_for_80pct = models_for_80pct(&sorted, events);
    report.lorenz = lorenz(&sorted, idle, points.unwrap_or(usize::MAX));
}

/// Each day's effective number of models, 1 / Σ (c_i / events)² = events² / Σ c_i², from
/// the day's cells
/// (`daily_events` includes the long tail, as `events` does).
pub fn daily_effective_models(scope: &Scope, daily_events: &[u64]) -> Vec<Option<f64>> {
    // Σ c² in integers, so the result does not depend on the order of the cells (events
    // and rollups list them differently).
    let t = scope.tallies;
    let mut squares = vec![0u128; daily_events.len()];
    for c in scope.model_cells() {
        squares[scope.slot_of(t.day[c])] += u128::from(t.events[c]).pow(2);
    }
    squares.iter().zip(daily_events).map(|(&sq, &n)| ratio((u128::from(n).pow(2)) as f64, sq as f64)).collect()
}

/// The fewest of the busiest models whose events reach 80 % of `events`, in integers since
/// 5·cumulative ≥ 4·events is exactly "≥ 80 %" where a float share could round either
/// way. `None` without events, or when a long tail holds more than 20 % of them.
fn models_for_80pct(descending: &[u64], events: u64) -> Option<u64> {
    let (mut cumulative, events) = (0u128, u128::from(events));
    let mut n = 0;
    for &c in descending {
        if 5 * cumulative >= 4 * events {
            break;
        }
        cumulative += u128::from(c);
        n += 1;
    }
    (events > 0 && 5 * cumulative >= 4 * events).then_some(n)
}

/// G = 2·Σ i·c₍ᵢ₎ / (n·Σc) − (n+1)/n over the n counts sorted ascending (i = 1..n): the
/// `idle` zeros first, then `busy` (which comes in descending order).
fn gini(busy: &[u64], idle: usize) -> Option<f64> {
    let n = (busy.len() + idle) as f64;
    let total: u64 = busy.iter().sum();
    if total == 0 {
        return None;
    }
    let weighted: f64 = busy.iter().rev().enumerate().map(|(i, &c)| (idle as f64 + i as f64 + 1.0) * c as f64).sum();
    Some(2.0 * weighted / (n * total as f64) - (n + 1.0) / n)
}

/// The Lorenz curve: point k of n + 1 says that the poorest k of the n models (the `idle`
/// zeros first, then `busy`, which comes in descending order) carry this share of their
/// events. At most `max` points, evenly spread over the curve, its ends kept: a chart needs
/// no more than its pixels.
fn lorenz(busy: &[u64], idle: usize, max: usize) -> Vec<[f64; 2]> {
    let total: u64 = busy.iter().sum();
    if total == 0 {
        return Vec::new();
    }
    let n = busy.len() + idle;
    // Point k of the curve is kept when it is one of `max` evenly spread over 0..=n.
    let every = n < max || max < 2;
    let wanted = |j: usize| if every { j } else { j * n / (max - 1) };
    let count = if every { n + 1 } else { max };
    let mut points = Vec::with_capacity(count);
    let mut next = 0;
    let mut cumulative = 0u64;
    let ascending = std::iter::repeat_n(0, idle).chain(busy.iter().rev().copied());
    for (k, c) in std::iter::once(0).chain(ascending).enumerate() {
        cumulative += c;
        while next < count && wanted(next) == k {
            points.push([k as f64 / n as f64, cumulative as f64 / total as f64]);
            next += 1;
        }
    }
    points
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::{InputSummary, Report};

    fn report_of(counts: &[u64]) -> Report {
        let input = InputSummary { supply_source: "estimated", unit: "inferences".into(), ..InputSummary::default() };
        let mut r = Report::empty(input, None);
        fill(counts, counts.iter().sum(), None, &mut r);
        r
    }

    #[test]
    fn gini_counts_idle_models_as_zeros() {
        // Sorted ascending 0, 0, 10, 30: G = 2·(3·10 + 4·30)/(4·40) − 5/4 = 300/160 − 1.25 = 0.625.
        let r = report_of(&[30, 0, 10, 0]);
        assert_eq!(r.gini, Some(0.625));
        assert_eq!(report_of(&[5, 5, 5, 5]).gini, Some(0.0));
    }

    #[test]
    fn hhi_top_shares_and_effective_models() {
        let r = report_of(&[30, 0, 10, 0]);
        assert_eq!((r.top1_share, r.top10_share), (Some(0.75), Some(1.0)));
        assert_eq!(r.hhi, Some(0.75 * 0.75 + 0.25 * 0.25));
        assert_eq!(r.effective_models, Some(1.0 / 0.625));
    }

    #[test]
    fn models_for_80pct_is_the_fewest_that_reach_it() {
        assert_eq!(report_of(&[30, 0, 10, 0]).models_for_80pct, Some(2)); // 30 is 75 %, 40 is 100 %
        assert_eq!(report_of(&[8, 1, 1]).models_for_80pct, Some(1)); // exactly 80 % counts
        assert_eq!(report_of(&[0, 0]).models_for_80pct, None);
    }

    #[test]
    fn lorenz_runs_from_origin_to_one_one() {
        let r = report_of(&[30, 0, 10, 0]);
        assert_eq!(r.lorenz, [[0.0, 0.0], [0.25, 0.0], [0.5, 0.0], [0.75, 0.25], [1.0, 1.0]]);
    }

    #[test]
    fn a_thinned_lorenz_curve_keeps_its_ends_and_evenly_spread_points() {
        let counts: Vec<u64> = (0..1000).map(|m| m % 7).collect();
        let whole = report_of(&counts).lorenz;
        let mut r = report_of(&[]);
        fill(&counts, counts.iter().sum(), Some(5), &mut r);
        assert_eq!(r.lorenz, [whole[0], whole[250], whole[500], whole[750], whole[1000]]);
        fill(&counts, counts.iter().sum(), Some(2000), &mut r);
        assert_eq!(r.lorenz, whole);
    }

    #[test]
    fn a_long_tail_counts_in_shares_but_not_as_a_model() {
        let mut r = report_of(&[]);
        fill(&[30, 10], 50, None, &mut r); // a long tail of 10 events
        assert_eq!((r.top1_share, r.top10_share), (Some(0.6), Some(0.8)));
        assert_eq!(r.models_for_80pct, Some(2));
        assert_eq!(r.lorenz.last(), Some(&[1.0, 1.0]));
        fill(&[30, 10], 60, None, &mut r);
        assert_eq!(r.models_for_80pct, None, "the models reach only 2/3 of the events");
    }

    #[test]
    fn everything_is_undefined_without_events() {
        let r = report_of(&[0, 0, 0]);
        assert_eq!((r.top1_share, r.hhi, r.effective_models, r.gini), (None, None, None, None));
        assert!(r.lorenz.is_empty());
    }
}
