//! How a time chart groups the window's days into bars. A bar narrower than a few pixels is
//! noise: two years of daily bars in 850 pixels are a solid mass. Where a day gets fewer than
//! [`LEAST_BAR`] pixels, the bars are calendar weeks (from Monday), and where a week does,
//! calendar months, each clipped to the window. The x axis stays in days, so a bin's bar
//! spans its own days and brushing stays exact to the day (docs/charts.md#long-windows).

use super::format::Locale;
use super::frame::PAD;
use super::words::Word;
use crate::window::Window;
use std::ops::Range;

/// The fewest pixels a bar's slot may have.
const LEAST_BAR: f64 = 3.0;
/// About what a time chart's value labels take of its width.
const VALUE_LABELS: f64 = 40.0;

/// What one bar counts.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    Day,
    Week,
    Month,
}

/// The window's days in bars: each bin a range of day indices.
#[derive(Clone, Debug, PartialEq)]
pub struct Bins {
    pub unit: Unit,
    window: Window,
    pub ranges: Vec<Range<usize>>,
}

impl Bins {
    /// The bins for `window` on a chart `width` pixels wide (its plot is about that less
    /// the margins and the value labels).
    pub fn of(window: Window, width: f64) -> Bins {
        let per_day = (width - 2.0 * PAD - VALUE_LABELS) / f64::from(window.days);
        let unit = if per_day >= LEAST_BAR {
            Unit::Day
        } else if per_day * 7.0 >= LEAST_BAR {
            Unit::Week
        } else {
            Unit::Month
        };
        Bins::in_units(window, unit)
    }

    fn in_units(window: Window, unit: Unit) -> Bins {
        let days = window.days as usize;
        let mut ranges: Vec<Range<usize>> = Vec::new();
        for i in 0..days {
            let day = window.from.plus(i as i32);
            let starts = match unit {
                Unit::Day => true,
                Unit::Week => day.week_start() == day,
                Unit::Month => day.ymd().2 == 1,
            };
            match ranges.last_mut() {
                Some(last) if !starts => last.end = i + 1,
                _ => ranges.push(i..i + 1),
            }
        }
        Bins { unit, window, ranges }
    }

    /// Whether each bar is one day.
    pub fn daily(&self) -> bool {
        self.unit == Unit::Day
    }

    /// Whether each bar is a week.
    pub fn weekly(&self) -> bool {
        self.unit == Unit::Week
    }

    /// The bin that holds day index `day`.
    pub fn of_day(&self, day: usize) -> Option<usize> {
        self.ranges.iter().position(|r| r.contains(&day))
    }

    /// The mean per day of `values` (one a day) over each bin.
    pub fn means(&self, values: &[f64]) -> Vec<f64> {
        self.ranges.iter().map(|r| values[r.clone()].iter().sum::<f64>() / r.len() as f64).collect()
    }

    /// The sum of `values` (one a day) over bin `bin`.
    pub fn sum(&self, bin: usize, values: &[u64]) -> u64 {
        self.ranges.get(bin).map_or(0, |r| values[r.clone()].iter().sum())
    }

    /// What a bar of a count per day shows, for a subtitle: nothing for days, ": weekly
    /// means", ": monthly means".
    pub fn means_note<'f>(&self, f: &'f Locale) -> &'f str {
        match self.unit {
            Unit::Day => "",
            Unit::Week => f.word(Word::WeeklyMeans),
            Unit::Month => f.word(Word::MonthlyMeans),
        }
    }

    /// What each bar is, for a subtitle: "UTC day", "week", "month".
    pub fn each<'f>(&self, f: &'f Locale) -> &'f str {
        f.word(match self.unit {
            Unit::Day => Word::EachDay,
            Unit::Week => Word::EachWeek,
            Unit::Month => Word::EachMonth,
        })
    }

    /// A bin's name: the day, "Week of Mar 3, 2025", or "Mar 2025" (UTC days).
    pub fn label(&self, bin: usize, f: &Locale) -> String {
        let Some(r) = self.ranges.get(bin) else { return String::new() };
        let first = self.window.from.plus(r.start as i32);
        match self.unit {
            Unit::Day => f.day_long(first),
            Unit::Week => f.say(Word::WeekOf, &[("day", &f.day_long(first.week_start()))]),
            Unit::Month => f.month_year(first),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::day::Day;

    fn window(from: &str, days: u32) -> Window {
        let from = Day::parse(from).expect("a day");
        Window { from, to: from.plus(days as i32 - 1), days }
    }

    #[test]
    fn bars_are_days_weeks_or_months_as_the_width_allows_and_cover_every_day_once() {
        for (days, width, unit) in
            [(90, 850.0, Unit::Day), (730, 850.0, Unit::Week), (1188, 850.0, Unit::Week), (1188, 200.0, Unit::Month)]
        {
            let w = window("2024-03-01", days);
            let bins = Bins::of(w, width);
            assert_eq!(bins.unit, unit, "{days} days in {width} px");
            let covered: Vec<usize> = bins.ranges.iter().flat_map(Clone::clone).collect();
            assert_eq!(covered, (0..days as usize).collect::<Vec<_>>());
        }
    }

    #[test]
    fn weeks_start_on_monday_and_months_on_the_first_clipped_to_the_window() {
        // 2024-03-01 was a Friday.
        let weeks = Bins::in_units(window("2024-03-01", 17), Unit::Week);
        assert_eq!(weeks.ranges, vec![0..3, 3..10, 10..17]);
        let f = Locale::default();
        assert_eq!(weeks.label(0, &f), format!("Week of {}", f.day_long(Day::parse("2024-02-26").expect("a day"))));
        let months = Bins::in_units(window("2024-01-15", 60), Unit::Month);
        assert_eq!(months.ranges, vec![0..17, 17..46, 46..60]);
        assert_eq!(months.means(&[1.0; 60]), vec![1.0, 1.0, 1.0]);
        assert_eq!(months.sum(1, &[2; 60]), 58);
    }
}
