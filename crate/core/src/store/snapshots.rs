//! Counter snapshots as read, and the daily rollups their differences make (docs/inputs.md#counter-snapshots).

use super::{Cell, Interner, Rollups, MAX_COUNTED};
use crate::day::Day;
use crate::mode::Mode;
use crate::problems::Problems;

/// One snapshot: a model's running total on a day, and where it was read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Snapshot {
    day: Day,
    model: u32,
    total: u64,
    line: u64,
}

/// The snapshots of an input, in input order.
#[derive(Default)]
pub struct Snapshots {
    pub models: Interner,
    rows: Vec<Snapshot>,
}

impl Snapshots {
    pub fn push(&mut self, day: Day, model: &str, total: u64, line: u64) {
        let model = self.models.intern(model);
        self.rows.push(Snapshot { day, model, total, line });
    }

    /// Makes room for `additional` more snapshots (two years of a hub's daily listing are
    /// millions).
    pub fn reserve(&mut self, additional: usize) {
        self.rows.reserve_exact(additional);
    }

    /// The snapshots stored.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// The daily rollups of these snapshots: each model's difference between consecutive
    /// snapshots counts on the later day. A model's first snapshot gives no day; a counter
    /// that goes down counts nothing and is a problem (it is the new baseline); two
    /// snapshots more than a day apart give the later day the whole difference, with a
    /// warning (and the day is among [`Rollups::carried`]); two on the same day keep the later
    /// one, with a warning.
    pub fn into_rollups(mut self, problems: &mut Problems) -> Rollups {
        // Lines are unique, so an unstable sort gives the one order, without a buffer of half
        // the rows; each snapshot after a model's first makes at most one cell.
        self.rows.sort_unstable_by_key(|s| (s.model, s.day, s.line));
        let mut rollups = Rollups::default();
        rollups.tallies.reserve(self.rows.len());
        rollups.models = self.models;
        let mut previous: Option<Snapshot> = None;
        for s in self.rows {
            let Some(p) = previous.filter(|p| p.model == s.model) else {
                previous = Some(s);
                continue;
            };
            previous = Some(s);
            if s.day == p.day {
                problems
                    .warn(s.line, "day", || format!("a second snapshot of this model on {}; the later counts", s.day));
                continue;
            }
            let Some(difference) = s.total.checked_sub(p.total) else {
                problems.warn(s.line, "total", || {
                    format!(
                        "the counter went down from {} to {}: no use counted, the new total is the baseline",
                        p.total, s.total
                    )
                });
                continue;
            };
            let gap = s.day.0 - p.day.0;
            if gap > 1 {
                rollups.carried.push((s.day, gap as u32));
                problems.warn(s.line, "day", || {
                    format!(
                        "{} days without a snapshot before this one: the whole difference counts on {}",
                        gap - 1,
                        s.day
                    )
                });
            }
            let mut by_mode = [0; 5];
            by_mode[Mode::Unknown as usize] = difference;
            let cell = Cell { day: s.day, model: s.model, events: difference, by_mode, ..Cell::default() };
            if !rollups.push(&cell) {
                problems.warn(s.line, "total", || format!("the use adds up past {MAX_COUNTED}: not counted"));
            }
        }
        rollups.carried = each_day_once(&rollups.carried);
        rollups
    }
}

/// `gaps` in day order, each day once with the longest gap that ends on it (days are within
/// a century, docs/inputs.md#bounds, so a slot a day costs little, and no sort is needed).
fn each_day_once(gaps: &[(Day, u32)]) -> Vec<(Day, u32)> {
    let Some(first) = gaps.iter().map(|g| g.0 .0).min() else { return Vec::new() };
    let last = gaps.iter().map(|g| g.0 .0).max().unwrap_or(first);
    let mut longest = vec![0u32; (last - first + 1) as usize];
    for &(day, gap) in gaps {
        let slot = &mut longest[(day.0 - first) as usize];
        *slot = (*slot).max(gap);
    }
    (first..=last).zip(longest).filter(|&(_, gap)| gap > 0).map(|(day, gap)| (Day(day), gap)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    #[test]
    fn differences_count_on_the_later_day_and_problems_are_said() {
        let mut s = Snapshots::default();
        s.push(day("2026-03-01"), "a", 100, 2);
        s.push(day("2026-03-02"), "a", 130, 3);
        s.push(day("2026-03-05"), "a", 190, 4); // two days missing
        s.push(day("2026-03-06"), "a", 10, 5); // reset
        s.push(day("2026-03-07"), "a", 15, 6);
        s.push(day("2026-03-01"), "b", 7, 7); // only one snapshot: no day
        let mut problems = Problems::default();
        let r = s.into_rollups(&mut problems);
        let t = &r.tallies;
        let cells: Vec<(String, u64)> = (0..t.len()).map(|c| (t.day[c].to_string(), t.events[c])).collect();
        assert_eq!(cells, [("2026-03-02".into(), 30), ("2026-03-05".into(), 60), ("2026-03-07".into(), 5)]);
        let fields: Vec<(u64, &str)> = problems.problems.iter().map(|p| (p.line, p.field.as_str())).collect();
        assert_eq!(fields, [(4, "day"), (5, "total")]);
        assert_eq!(problems.warnings, 2);
        assert_eq!(r.carried, [(day("2026-03-05"), 3)], "the day after the gap carries three days");
    }
}
