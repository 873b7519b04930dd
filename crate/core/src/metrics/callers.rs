//! Callers (docs/metrics.md): distinct callers in the window, per day, in the last 7 and 30 days.
//! Events without a caller are left out. Raw events only: rollups count callers per model
//! and day, which do not add up across models or days.

use super::scope::Scope;
use crate::report::{ratio, Report};
use crate::store::NONE;

pub fn fill(scope: &Scope, report: &mut Report) {
    if !scope.has_events() {
        return;
    }
    let days = scope.window.days as usize;
    let mut last_slot = vec![usize::MAX; scope.log.callers.len()];
    let mut daily = vec![0u64; days];
    let mut with_caller = 0u64;
    let (mut weekly, mut monthly) = (Rolling::new(7, days), Rolling::new(30, days));
    for (day, i) in scope.ok_days() {
        let caller = scope.log.caller[i];
        if caller == NONE {
            continue;
        }
        with_caller += 1;
        let slot = scope.slot_of(day);
        let last = &mut last_slot[caller as usize];
        if *last != slot {
            let previous = (*last != usize::MAX).then_some(*last);
            *last = slot; // days come in order, so this is the caller's latest day so far
            daily[slot] += 1;
            weekly.add(slot, previous);
            monthly.add(slot, previous);
        }
    }
    let seen = last_slot.iter().filter(|&&s| s != usize::MAX);
    let callers = seen.clone().count() as u64;
    // The last 7 and 30 days of the window (all of it when it is shorter).
    let since = |n: usize| days.saturating_sub(n);
    let mau = seen.clone().filter(|&&s| s >= since(30)).count() as u64;
    report.wau = Some(seen.filter(|&&s| s >= since(7)).count() as u64);
    let last_30 = &daily[since(30)..];
    let mean_daily = last_30.iter().sum::<u64>() as f64 / last_30.len().max(1) as f64;
    report.stickiness = ratio(mean_daily, mau as f64);
    report.events_per_caller = ratio(with_caller as f64, callers as f64);
    report.callers = Some(callers);
    report.mau = Some(mau);
    report.daily.callers = Some(daily);
    report.daily.wau = Some(weekly.counts());
    report.daily.mau = Some(monthly.counts());
}

/// Distinct callers over a trailing span of days, for every day at once: a caller seen
/// on day `d` (and before that on day `p`) is counted on the days `d..d + span` that did
/// not already count it from `p`, as +1/−1 marks summed at the end.
struct Rolling {
    span: usize,
    marks: Vec<i64>,
}

impl Rolling {
    fn new(span: usize, days: usize) -> Rolling {
        Rolling { span, marks: vec![0; days + 1] }
    }

    fn add(&mut self, day: usize, previous: Option<usize>) {
        let start = previous.map_or(day, |p| day.max(p + self.span));
        let end = (day + self.span).min(self.marks.len() - 1);
        if start < end {
            self.marks[start] += 1;
            self.marks[end] -= 1;
        }
    }

    fn counts(&self) -> Vec<u64> {
        let mut running = 0i64;
        self.marks[..self.marks.len() - 1]
            .iter()
            .map(|m| {
                running += m;
                running as u64
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rolling_distinct_counts_each_caller_once_per_span() {
        // One caller on days 0 and 3, another on day 8, spans of 7 over 12 days.
        let mut r = Rolling::new(7, 12);
        r.add(0, None);
        r.add(3, Some(0));
        r.add(8, None);
        assert_eq!(r.counts(), [1, 1, 1, 1, 1, 1, 1, 1, 2, 2, 1, 1]);
    }
}
