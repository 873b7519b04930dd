//! The day of each event while a log is read, kept as runs of equal days.
//!
//! Most logs come in time order, so their days are a few hundred runs, not 4 bytes an
//! event: at 10 M events the column that outweighed every other while a dataset was put
//! together (40 MB, dropped once the events are sealed) is a few kilobytes. A log in no
//! time order falls back to a day per event, so it never costs more than that.

use super::day_order;
use crate::day::Day;
use std::ops::Range;

/// A log shorter than this keeps its runs however short they are.
const RUNS_FROM: usize = 1024;

/// Each event's day, in input order.
#[derive(Clone, Debug)]
pub struct EventDays {
    /// The day of each run, in input order.
    days: Vec<Day>,
    /// Where each run ends (its last event's index + 1); no two neighbouring runs are the
    /// same day. `None` once runs averaged fewer than two events (a log in no time order):
    /// then each event is a run of its own.
    ends: Option<Vec<usize>>,
}

impl Default for EventDays {
    fn default() -> Self {
        EventDays { days: Vec::new(), ends: Some(Vec::new()) }
    }
}

impl PartialEq for EventDays {
    /// The same days in the same order, however they are kept.
    fn eq(&self, other: &Self) -> bool {
        self.to_vec() == other.to_vec()
    }
}

impl EventDays {
    /// Appends the day of the next event; `room`: how many events the log's other columns
    /// have room for, which a switch to a day per event makes room for too.
    pub fn push(&mut self, day: Day, room: usize) {
        self.push_run(day, 1, room);
    }

    /// Appends `count` events of `day`.
    fn push_run(&mut self, day: Day, count: usize, room: usize) {
        let Some(ends) = &mut self.ends else {
            self.days.extend(std::iter::repeat_n(day, count));
            return;
        };
        let end = ends.last().copied().unwrap_or(0) + count;
        match (self.days.last(), ends.last_mut()) {
            (Some(&last), Some(last_end)) if last == day => *last_end = end,
            _ => {
                self.days.push(day);
                ends.push(end);
            }
        }
        if end >= RUNS_FROM && self.days.len() * 2 > end {
            let mut each = Vec::with_capacity(room.max(end));
            self.spread_into(&mut each);
            (self.days, self.ends) = (each, None);
        }
    }

    /// Appends `other`'s days after these.
    pub fn append(&mut self, other: &EventDays, room: usize) {
        for (day, events) in other.runs() {
            self.push_run(day, events.len(), room);
        }
    }

    /// Makes room for `additional` more events, where a day per event is kept.
    pub fn reserve_exact(&mut self, additional: usize) {
        if self.ends.is_none() {
            self.days.reserve_exact(additional);
        }
    }

    /// The number of events.
    pub fn len(&self) -> usize {
        match &self.ends {
            Some(ends) => ends.last().copied().unwrap_or(0),
            None => self.days.len(),
        }
    }

    /// Each run of days in input order, with the events it spans (neighbouring runs may be
    /// the same day where a day per event is kept).
    pub fn runs(&self) -> impl Iterator<Item = (Day, Range<usize>)> + '_ {
        self.days.iter().enumerate().map(move |(k, &day)| match &self.ends {
            Some(ends) => (day, if k == 0 { 0 } else { ends[k - 1] }..ends[k]),
            None => (day, k..k + 1),
        })
    }

    /// Each event's day, in input order.
    pub fn to_vec(&self) -> Vec<Day> {
        let mut each = Vec::with_capacity(self.len());
        self.spread_into(&mut each);
        each
    }

    /// Appends each event's day to `each`, in input order.
    fn spread_into(&self, each: &mut Vec<Day>) {
        for (day, events) in self.runs() {
            each.extend(std::iter::repeat_n(day, events.len()));
        }
    }

    /// The stable permutation that puts the events in day order, or `None` when they
    /// already are.
    pub fn order(&self) -> Option<Vec<u32>> {
        match &self.ends {
            Some(_) if self.days.is_sorted() => None,
            Some(_) => day_order(&self.to_vec()),
            None => day_order(&self.days),
        }
    }

    /// The days after the events were reordered by `order` (from [`EventDays::order`]).
    pub fn permuted(&self, order: &[u32]) -> EventDays {
        let each = self.to_vec();
        let mut sorted = EventDays::default();
        for &i in order {
            sorted.push(each[i as usize], 0);
        }
        sorted
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn days(list: &[i32]) -> EventDays {
        let mut d = EventDays::default();
        list.iter().for_each(|&day| d.push(Day(day), 0));
        d
    }

    #[test]
    fn a_log_in_time_order_keeps_a_run_a_day() {
        let list: Vec<i32> = (0..5000).map(|i| 20_000 + i / 1000).collect();
        let kept = days(&list);
        assert_eq!((kept.days.len(), kept.ends.as_ref().and_then(|e| e.last()), kept.len()), (5, Some(&5000), 5000));
        assert_eq!(kept.runs().nth(2), Some((Day(20_002), 2000..3000)));
        assert_eq!(kept.order(), None);
    }

    #[test]
    fn a_log_in_no_time_order_keeps_a_day_an_event_with_the_same_days() {
        let list: Vec<i32> = (0..3000).map(|i| 20_000 + (i * 7919) % 13).collect();
        let kept = days(&list);
        assert!(kept.ends.is_none(), "a day per event");
        assert_eq!(kept, days(&list), "compared by the days, not how they are kept");
        let order = kept.order().expect("out of order");
        let sorted = kept.permuted(&order);
        let mut expected = list.clone();
        expected.sort();
        assert_eq!(sorted, days(&expected));
        assert_eq!(sorted.ends.as_ref().map(Vec::len), Some(13), "sorted days are runs again");
    }

    #[test]
    fn appended_days_join_the_last_run_and_read_like_one_log() {
        let (a, b) = ([5, 5, 6, 6], [6, 7, 5]);
        let mut joined = days(&a);
        joined.append(&days(&b), 0);
        assert_eq!(joined, days(&[5, 5, 6, 6, 6, 7, 5]));
        let runs: Vec<_> = joined.runs().collect();
        assert_eq!(runs, [(Day(5), 0..2), (Day(6), 2..5), (Day(7), 5..6), (Day(5), 6..7)]);
        let order = joined.order().expect("a 5 after a 7");
        assert_eq!(order, [0, 1, 6, 2, 3, 4, 5]);
    }
}
