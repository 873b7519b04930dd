//! Callers (SPEC §2): distinct callers in the window, per day, in the last 7 and 30 days.
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
    for (day, i) in scope.ok_days() {
        let caller = scope.log.caller[i];
        if caller == NONE {
            continue;
        }
        with_caller += 1;
        let slot = scope.slot_of(day);
        let last = &mut last_slot[caller as usize];
        if *last != slot {
            *last = slot; // days come in order, so this is the caller's latest day so far
            daily[slot] += 1;
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
}
