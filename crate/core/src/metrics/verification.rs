//! Verification (docs/metrics.md): events per mode, per day, and the verified (TEE + ZKML) share.

use super::scope::Scope;
use crate::mode::Mode;
use crate::report::{ratio, ByMode, Report};

pub fn fill(scope: &Scope, report: &mut Report) {
    let days = scope.window.days as usize;
    let mut daily = ByMode::<Vec<u64>> {
        vanilla: vec![0; days],
        tee: vec![0; days],
        zkml: vec![0; days],
        other: vec![0; days],
        unknown: vec![0; days],
    };
    let t = scope.tallies;
    for c in scope.cells.clone() {
        let slot = scope.slot_of(t.day[c]);
        for mode in Mode::ALL {
            daily.get_mut(mode)[slot] += t.mode(mode, c);
        }
    }
    for mode in Mode::ALL {
        *report.by_mode.get_mut(mode) = daily.get(mode).iter().sum();
    }
    let verified = report.by_mode.tee + report.by_mode.zkml;
    report.verified_share = ratio(verified as f64, report.events as f64);
    report.daily.by_mode = daily;
}
