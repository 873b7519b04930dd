//! Figures estimated from the sketches that rollup rows may carry (docs/sources.md#sketches-distinct-callers-and-latency-from-rollups):
//! distinct callers across models and days from their HyperLogLogs, latency quantiles from
//! their DDSketches. Raw events need none of this; rollups without sketches leave these
//! figures `null`.

use super::scope::Scope;
use crate::report::{ratio, Report};
use crate::sketch::{CallerSketch, LatencySketch, Registers};

/// Distinct callers in the window, per day, and over the trailing 7 and 30 days.
pub fn callers(scope: &Scope, report: &mut Report) {
    let (Some(sketches), false) = (&scope.tallies.callers_sketch, scope.has_events()) else { return };
    let days = scope.window.days as usize;
    let mut per_day: Vec<Option<CallerSketch>> = vec![None; days];
    for c in scope.cells.clone().filter(|&c| !sketches[c].is_empty()) {
        per_day[scope.slot_of(scope.tallies.day[c])].get_or_insert_with(CallerSketch::default).merge(&sketches[c]);
    }
    // Distinct callers over the `span` days ending on each day (within the window).
    let trailing = |span: usize| -> Vec<u64> {
        (0..days)
            .map(|d| {
                let mut union = CallerSketch::default();
                per_day[d.saturating_sub(span - 1)..=d].iter().flatten().for_each(|s| union.merge_sketch(s));
                count(union.estimate())
            })
            .collect()
    };
    let daily: Vec<u64> = per_day.iter().map(|s| s.as_ref().map_or(0, |s| count(s.estimate()))).collect();
    let (weekly, monthly) = (trailing(7), trailing(30));
    let mut all = CallerSketch::default();
    per_day.iter().flatten().for_each(|s| all.merge_sketch(s));
    let last_30 = &daily[days.saturating_sub(30)..];
    let mean_daily = last_30.iter().sum::<u64>() as f64 / last_30.len().max(1) as f64;
    report.callers = Some(count(all.estimate()));
    report.wau = weekly.last().copied();
    report.mau = monthly.last().copied();
    report.stickiness = ratio(mean_daily, report.mau.unwrap_or(0) as f64);
    report.daily.callers = Some(daily);
    report.daily.wau = Some(weekly);
    report.daily.mau = Some(monthly);
}

/// Each model's distinct callers over the window, where its rows have sketches.
pub fn model_callers(scope: &Scope, models: usize) -> Option<Vec<Option<u64>>> {
    let sketches = scope.tallies.callers_sketch.as_ref().filter(|_| !scope.has_events())?;
    let mut rows: Vec<Vec<&Registers>> = vec![Vec::new(); models];
    for c in scope.model_cells() {
        rows[scope.tallies.model[c] as usize].push(&sketches[c]);
    }
    Some(
        rows.iter()
            .map(|r| (!r.iter().all(|s| s.is_empty())).then(|| count(Registers::union(r.iter().copied()).estimate())))
            .collect(),
    )
}

/// p50, p95 and p99 of the window's latencies.
pub fn latency(scope: &Scope, report: &mut Report) {
    let (Some(sketches), false) = (&scope.tallies.latency_sketch, scope.has_events()) else { return };
    let mut all = LatencySketch::default();
    scope.cells.clone().for_each(|c| all.merge(&sketches[c]));
    [report.latency_p50, report.latency_p95, report.latency_p99] = [50, 95, 99].map(|p| all.quantile(p));
}

/// An estimate as a count.
fn count(estimate: f64) -> u64 {
    estimate.round() as u64
}
