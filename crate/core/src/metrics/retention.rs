//! Retention (docs/metrics.md): weekly cohorts, weeks starting on Monday. An entity's cohort is
//! the week of its first event in the window; cell (cohort, k) is the share of the cohort
//! with an event in week cohort + k. The retention chart of a long window asks for the same
//! by calendar month (docs/charts.md#long-windows).

use super::Window;
use crate::day::Day;
use crate::report::{Cohorts, Period};

/// The cohorts of the entities (ids below `count`) seen on the days of `seen`, which must
/// come in day order and lie inside `window`, by `period`.
pub fn cohorts(window: Window, count: usize, seen: impl Iterator<Item = (Day, u32)>, period: Period) -> Cohorts {
    let first = period.start(window.from);
    let periods = period.index(first, window.to) as usize + 1;
    let mut first_period = vec![u32::MAX; count];
    let mut last_period = vec![u32::MAX; count];
    let mut active = vec![vec![0u64; periods]; periods];
    for (day, e) in seen {
        let e = e as usize;
        let at = period.index(first, day);
        if last_period[e] == at {
            continue;
        }
        last_period[e] = at; // days come in order, so periods only grow
        if first_period[e] == u32::MAX {
            first_period[e] = at;
        }
        let cohort = first_period[e] as usize;
        active[cohort][at as usize - cohort] += 1;
    }
    let mut out = Cohorts { period, ..Cohorts::default() };
    for (cohort, row) in active.iter().enumerate() {
        let size = row[0];
        if size == 0 {
            continue;
        }
        out.cohorts.push(period.nth(first, cohort as u32));
        out.sizes.push(size);
        out.cells.push(row[..periods - cohort].iter().map(|&n| n as f64 / size as f64).collect());
    }
    out
}

impl Period {
    /// The first day of `day`'s period: its week's Monday, or its month's first.
    fn start(self, day: Day) -> Day {
        match self {
            Period::Week => day.week_start(),
            Period::Month => {
                let (y, m, _) = day.ymd();
                Day::from_ymd(y, m, 1).unwrap_or(day)
            }
        }
    }

    /// How many periods after the one starting on `first` `day`'s lies.
    fn index(self, first: Day, day: Day) -> u32 {
        match self {
            Period::Week => ((day.week_start().0 - first.0) / 7) as u32,
            Period::Month => {
                let ((y0, m0, _), (y, m, _)) = (first.ymd(), day.ymd());
                ((y - y0) * 12 + m as i32 - m0 as i32) as u32
            }
        }
    }

    /// The first day of the `k`th period after the one starting on `first`.
    fn nth(self, first: Day, k: u32) -> Day {
        match self {
            Period::Week => first.plus(7 * k as i32),
            Period::Month => {
                let (y, m, _) = first.ymd();
                let months = y * 12 + m as i32 - 1 + k as i32;
                Day::from_ymd(months.div_euclid(12), months.rem_euclid(12) as u32 + 1, 1).unwrap_or(first)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        Day::parse(s).expect("a day")
    }

    #[test]
    fn monthly_cohorts_are_calendar_months_and_weekly_ones_mondays() {
        let window = Window::new(day("2026-01-05"), day("2026-04-10")).expect("a window");
        // Model 0 first on Jan 31, again on Feb 1 (the next month, the same week) and in April;
        // model 1 first on Feb 2.
        let seen = [("2026-01-31", 0), ("2026-02-01", 0), ("2026-02-02", 1), ("2026-04-01", 0)];
        let seen = || seen.iter().map(|&(d, m)| (day(d), m));
        let months = cohorts(window, 2, seen(), Period::Month);
        assert_eq!(months.period, Period::Month);
        assert_eq!(months.cohorts, [day("2026-01-01"), day("2026-02-01")]);
        assert_eq!(months.sizes, [1, 1]);
        assert_eq!(months.cells, [vec![1.0, 1.0, 0.0, 1.0], vec![1.0, 0.0, 0.0]]);
        let weeks = cohorts(window, 2, seen(), Period::Week);
        assert_eq!(weeks.cohorts, [day("2026-01-26"), day("2026-02-02")]);
        assert_eq!(weeks.cells[0][..2], [1.0, 0.0], "Jan 31 and Feb 1 are one week");
        assert_eq!(Period::Month.nth(day("2026-11-01"), 3), day("2027-02-01"));
    }
}
