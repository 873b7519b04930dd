//! Retention (docs/metrics.md): weekly cohorts, weeks starting on Monday. An entity's cohort is
//! the week of its first event in the window; cell (cohort, k) is the share of the cohort
//! with an event in week cohort + k.

use super::Window;
use crate::day::Day;
use crate::report::Cohorts;

/// The cohorts of the entities (ids below `count`) seen on the days of `seen`, which must
/// come in day order and lie inside `window`.
pub fn cohorts(window: Window, count: usize, seen: impl Iterator<Item = (Day, u32)>) -> Cohorts {
    let first_monday = window.from.week_start();
    let weeks = ((window.to.week_start().0 - first_monday.0) / 7 + 1) as usize;
    let mut first_week = vec![u32::MAX; count];
    let mut last_week = vec![u32::MAX; count];
    let mut active = vec![vec![0u64; weeks]; weeks];
    for (day, e) in seen {
        let e = e as usize;
        let week = ((day.week_start().0 - first_monday.0) / 7) as u32;
        if last_week[e] == week {
            continue;
        }
        last_week[e] = week; // days come in order, so weeks only grow
        if first_week[e] == u32::MAX {
            first_week[e] = week;
        }
        let cohort = first_week[e] as usize;
        active[cohort][week as usize - cohort] += 1;
    }
    let mut out = Cohorts::default();
    for (cohort, row) in active.iter().enumerate() {
        let size = row[0];
        if size == 0 {
            continue;
        }
        out.cohorts.push(first_monday.plus(7 * cohort as i32));
        out.sizes.push(size);
        out.cells.push(row[..weeks - cohort].iter().map(|&n| n as f64 / size as f64).collect());
    }
    out
}
