//! Every form of `ts` that docs/inputs.md#events accepts, reduced to seconds since the Unix epoch.

use crate::day::{digits, Day, SECONDS_PER_DAY};
use crate::number::parse_f64;

/// Epoch numbers at or above this magnitude are milliseconds (docs/inputs.md#events).
const MILLIS_THRESHOLD: f64 = 1e11;

/// The plausible span of a usage timestamp: 2000-01-01 up to (not including) 2100-01-01.
///
/// A timestamp outside it parses but is rejected: one absurd row (`"ts": 0`) would otherwise
/// stretch the default window over decades and every zero-filled daily series with it. The
/// longest window (`window::MAX_DAYS`) covers the whole span, so the accepted rows always make
/// a window.
const EARLIEST: i64 = 946_684_800;
const LATEST: i64 = 4_102_444_800;

/// Why a timestamp was not accepted; the text goes into the report's problems.
pub type TimeError = &'static str;

/// A timestamp given as a JSON number: epoch seconds, or milliseconds from 1e11 up.
pub fn from_number(value: f64) -> Result<i64, TimeError> {
    if !value.is_finite() {
        return Err("not a finite number");
    }
    let seconds = if value.abs() >= MILLIS_THRESHOLD { value / 1000.0 } else { value };
    in_range(seconds.floor() as i64)
}

/// A timestamp given as text: RFC 3339 / ISO-8601 (`2026-03-01T12:00:00Z`, offsets,
/// fractions, a space for `T`), a bare date (midnight UTC), or an epoch number written as
/// text (the CSV form). A date-time without an offset is taken as UTC, the project's
/// time zone by contract.
pub fn from_text(text: &str) -> Result<i64, TimeError> {
    let text = text.trim();
    let bytes = text.as_bytes();
    if bytes.first().is_some_and(|b| b.is_ascii_digit() || *b == b'-' || *b == b'+') && !looks_like_date(bytes) {
        let value = parse_f64(text).ok_or("not a date or an epoch number")?;
        return from_number(value);
    }
    parse_iso(bytes).and_then(in_range)
}

#[cfg(feature = "shapes")]
/// The UTC day of a text timestamp.
pub fn day_of_text(text: &str) -> Result<Day, TimeError> {
    from_text(text).map(Day::from_epoch_seconds)
}

fn in_range(seconds: i64) -> Result<i64, TimeError> {
    if (EARLIEST..LATEST).contains(&seconds) {
        Ok(seconds)
    } else {
        Err("outside the plausible years 2000 to 2099")
    }
}

fn looks_like_date(b: &[u8]) -> bool {
    b.len() >= 10 && b[4] == b'-' && b[7] == b'-'
}

fn parse_iso(b: &[u8]) -> Result<i64, TimeError> {
    const BAD: TimeError = "not an RFC 3339 date or date-time";
    if !looks_like_date(b) {
        return Err(BAD);
    }
    let year = digits(&b[0..4]).ok_or(BAD)? as i32;
    let month = digits(&b[5..7]).ok_or(BAD)?;
    let day = digits(&b[8..10]).ok_or(BAD)?;
    let date = Day::from_ymd(year, month, day).ok_or("no such calendar date")?;
    let midnight = i64::from(date.0) * SECONDS_PER_DAY;
    if b.len() == 10 {
        return Ok(midnight);
    }
    if !matches!(b[10], b'T' | b't' | b' ') || b.len() < 16 || b[13] != b':' {
        return Err(BAD);
    }
    let hour = digits(&b[11..13]).ok_or(BAD)?;
    let minute = digits(&b[14..16]).ok_or(BAD)?;
    let mut rest = &b[16..];
    let mut second = 0;
    if let [b':', s1, s2, tail @ ..] = rest {
        second = digits(&[*s1, *s2]).ok_or(BAD)?;
        rest = tail;
    }
    if let [b'.' | b',', tail @ ..] = rest {
        let frac = tail.iter().take_while(|b| b.is_ascii_digit()).count();
        if frac == 0 {
            return Err(BAD);
        }
        rest = &tail[frac..];
    }
    if hour > 23 || minute > 59 || second > 60 {
        return Err("time of day out of range");
    }
    // A leap second (23:59:60) belongs to its day, not to the next.
    let second = second.min(59);
    let offset = parse_offset(rest).ok_or(BAD)?;
    Ok(midnight + i64::from(hour * 3600 + minute * 60 + second) - offset)
}

/// `Z`, nothing (UTC), or `±HH`, `±HHMM`, `±HH:MM`, as seconds east of UTC.
fn parse_offset(b: &[u8]) -> Option<i64> {
    let (sign, rest) = match b {
        [] | [b'Z' | b'z'] => return Some(0),
        [b'+', rest @ ..] => (1, rest),
        [b'-', rest @ ..] => (-1, rest),
        _ => return None,
    };
    let (h, m) = match rest {
        [h1, h2] => ([*h1, *h2], [b'0', b'0']),
        [h1, h2, m1, m2] | [h1, h2, b':', m1, m2] => ([*h1, *h2], [*m1, *m2]),
        _ => return None,
    };
    let (h, m) = (digits(&h)?, digits(&m)?);
    (h <= 23 && m <= 59).then(|| sign * i64::from(h * 3600 + m * 60))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> String {
        day_of_text(text).map(|d| d.to_string()).unwrap_or_else(|e| format!("error: {e}"))
    }

    #[test]
    fn rfc3339_forms_fall_on_their_utc_day() {
        assert_eq!(day("2026-03-01T12:00:00Z"), "2026-03-01");
        assert_eq!(day("2026-03-01"), "2026-03-01");
        assert_eq!(day("2026-03-01T23:30:00-02:00"), "2026-03-02");
        assert_eq!(day("2026-03-01T01:30:00+05:30"), "2026-02-28");
        assert_eq!(day("2026-03-01 12:00:00.123456z"), "2026-03-01");
        assert_eq!(day("2026-03-01T12:00"), "2026-03-01");
        assert_eq!(day("2026-03-01T00:30:00+0100"), "2026-02-28");
    }

    #[test]
    fn epoch_numbers_are_seconds_below_1e11_and_milliseconds_above() {
        assert_eq!(from_number(1_772_366_400.0), Ok(1_772_366_400));
        assert_eq!(from_number(1_772_366_400_000.0), Ok(1_772_366_400));
        assert_eq!(from_text("1772366400"), Ok(1_772_366_400));
        assert_eq!(from_text("1772366400500"), Ok(1_772_366_400));
        assert_eq!(from_number(1_772_366_400.9), Ok(1_772_366_400));
    }

    #[test]
    fn rfc3339_output_round_trips() {
        let rfc3339 = |seconds| crate::provenance::Origin::at("t", seconds).fetched_at;
        assert_eq!(rfc3339(1_772_366_400 + 3_723), "2026-03-01T13:02:03Z");
        assert_eq!(from_text(&rfc3339(1_772_366_400)), Ok(1_772_366_400));
    }

    #[test]
    fn garbage_and_absurd_times_are_errors() {
        for bad in [
            "",
            "yesterday",
            "2026-02-30",
            "2026-03-01T25:00:00Z",
            "2026-03-01T12:00:00+2",
            "2026-03-01X",
            "99999999999999999999",
            "-5",
            "2200-01-01",
        ] {
            assert!(from_text(bad).is_err(), "{bad}");
        }
        assert!(from_number(f64::NAN).is_err());
    }
}
