//! UTC calendar days, the unit every metric of docs/metrics.md is counted in.

use std::fmt;

/// Seconds in one UTC day (leap seconds are not counted, as in Unix time).
pub const SECONDS_PER_DAY: i64 = 86_400;

/// A UTC calendar day, as the number of days since 1970-01-01.
///
/// A plain integer keeps the event store compact and makes windows, weeks and
/// zero-filled series simple arithmetic; conversion to a civil date happens only at
/// the edges (parsing and display).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Day(pub i32);

impl Day {
    /// The day that contains `seconds` since the Unix epoch (UTC).
    #[inline]
    pub fn from_epoch_seconds(seconds: i64) -> Day {
        Day(seconds.div_euclid(SECONDS_PER_DAY) as i32)
    }

    /// The day of a proleptic Gregorian date; `None` when the date does not exist.
    pub fn from_ymd(year: i32, month: u32, day: u32) -> Option<Day> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Day(days_from_civil(year, month, day)))
    }

    /// The civil date `(year, month, day)` of this day.
    pub fn ymd(self) -> (i32, u32, u32) {
        civil_from_days(self.0)
    }

    /// Parses `YYYY-MM-DD` exactly (the form of docs/inputs.md#rollups `day` and of window bounds).
    pub fn parse(text: &str) -> Option<Day> {
        let b = text.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year = digits(&b[0..4])? as i32;
        let month = digits(&b[5..7])?;
        let day = digits(&b[8..10])?;
        Day::from_ymd(year, month, day)
    }

    /// The Monday that starts this day's ISO week (retention cohorts start on Mondays).
    pub fn week_start(self) -> Day {
        // 1970-01-01 was a Thursday: day 0 is weekday 3 when Monday is 0.
        Day(self.0 - (self.0 + 3).rem_euclid(7))
    }

    /// The day `n` days later (earlier for negative `n`).
    #[inline]
    pub fn plus(self, n: i32) -> Day {
        Day(self.0 + n)
    }
}

impl fmt::Display for Day {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, m, d) = self.ymd();
        write!(f, "{y:04}-{m:02}-{d:02}")
    }
}

impl serde::Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// Parses a run of ASCII digits as an unsigned number.
pub(crate) fn digits(bytes: &[u8]) -> Option<u32> {
    if bytes.is_empty() || bytes.len() > 9 {
        return None;
    }
    bytes.iter().try_fold(0u32, |acc, &b| b.is_ascii_digit().then(|| acc * 10 + u32::from(b - b'0')))
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Howard Hinnant's `days_from_civil`: exact for the whole proleptic Gregorian calendar.
fn days_from_civil(year: i32, month: u32, day: u32) -> i32 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = month as i32;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + day as i32 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(days: i32) -> (i32, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let y = yoe + era * 400 + i32::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_is_day_zero_and_round_trips() {
        assert_eq!(Day::from_ymd(1970, 1, 1), Some(Day(0)));
        assert_eq!(Day::parse("2026-03-02").map(|d| d.to_string()).as_deref(), Some("2026-03-02"));
        for n in [-800_000, -1, 0, 59, 60, 365, 20_513, 2_000_000] {
            let (y, m, d) = Day(n).ymd();
            assert_eq!(Day::from_ymd(y, m, d), Some(Day(n)));
        }
    }

    #[test]
    fn invalid_dates_do_not_parse() {
        for bad in ["2026-02-29", "2026-13-01", "2026-00-10", "2026-1-01", "20260301", "2026-03-0x"] {
            assert_eq!(Day::parse(bad), None, "{bad}");
        }
        assert!(Day::parse("2024-02-29").is_some());
    }

    #[test]
    fn weeks_start_on_monday() {
        // 2026-03-02 is a Monday, 2026-03-08 a Sunday.
        let monday = Day::parse("2026-03-02").unwrap();
        assert_eq!(monday.week_start(), monday);
        assert_eq!(Day::parse("2026-03-08").unwrap().week_start(), monday);
        assert_eq!(Day::parse("2026-03-09").unwrap().week_start(), monday.plus(7));
    }

    #[test]
    fn negative_seconds_fall_on_the_day_before_the_epoch() {
        assert_eq!(Day::from_epoch_seconds(-1), Day(-1));
        assert_eq!(Day::from_epoch_seconds(86_399), Day(0));
    }
}
