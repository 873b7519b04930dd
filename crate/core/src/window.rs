//! The window of docs/metrics.md: a range of whole UTC days that every metric is computed over.

use crate::day::Day;
use crate::error::Error;
use crate::text::quoted;
use serde::Serialize;

/// What a reader asks of a window, each part optional: `from` and `to` as `YYYY-MM-DD`,
/// `range` as a number of days (`"30d"`). The data's span fills in the rest.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct WindowAsk<'a> {
    pub from: Option<&'a str>,
    pub to: Option<&'a str>,
    pub range: Option<&'a str>,
}

/// A non-empty range of whole days, both ends included.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Window {
    /// The first and last day, both included.
    pub from: Day,
    /// The last day.
    pub to: Day,
    /// `to − from + 1`, kept for readers of the JSON.
    pub days: u32,
}

/// What `compare` names besides a `FROM/TO` range: the days of the same length just before.
pub const PREVIOUS: &str = "previous";

/// The longest window accepted: the plausible years of a timestamp (2000 to 2099), so the
/// accepted rows always make a window and a typo cannot allocate millennia of zeroes.
pub const MAX_DAYS: u32 = 366 * 100;

impl Window {
    /// A window from `from` to `to`; an error when `to` is before `from`.
    pub fn new(from: Day, to: Day) -> Result<Window, Error> {
        if to < from {
            return Err(Error::Window(format!("to ({to}) is before from ({from})")));
        }
        let days = (to.0 - from.0 + 1) as u32;
        if days > MAX_DAYS {
            return Err(Error::Window(format!("{days} days is longer than the {MAX_DAYS} days supported")));
        }
        Ok(Window { from, to, days })
    }

    /// The window this one is compared with: `previous`, the as many days just before it, or
    /// `FROM/TO` (`YYYY-MM-DD/YYYY-MM-DD`, an ISO 8601 interval).
    pub fn compared(self, ask: &str) -> Result<Window, Error> {
        match ask.trim() {
            PREVIOUS => Window::new(self.from.plus(-(self.days as i32)), self.from.plus(-1)),
            range => {
                let (from, to) = range.split_once('/').ok_or_else(|| {
                    Error::Window(format!(
                        "compare is {PREVIOUS} or FROM/TO (YYYY-MM-DD/YYYY-MM-DD), not {}",
                        quoted(range)
                    ))
                })?;
                Window::new(parse_day("compare", from.trim())?, parse_day("compare", to.trim())?)
            }
        }
    }

    /// Resolves a spec against the data's span (first and last day of any accepted
    /// event, failed ones included). `None` when there is neither data nor a full spec.
    ///
    /// `range = Nd` means the N days ending at `to` and wins over `from`.
    pub fn resolve(ask: WindowAsk, span: Option<(Day, Day)>) -> Result<Option<Window>, Error> {
        let from = ask.from.map(|t| parse_day("from", t)).transpose()?;
        let to = ask.to.map(|t| parse_day("to", t)).transpose()?;
        let range = ask.range.map(parse_range).transpose()?;
        let Some(to) = to.or(span.map(|s| s.1)) else {
            return Ok(None);
        };
        let from = match (range, from) {
            (Some(n), _) => to.plus(1 - n as i32),
            (None, Some(from)) => from,
            (None, None) => match span {
                Some((first, _)) => first.min(to),
                None => return Ok(None),
            },
        };
        Window::new(from, to).map(Some)
    }

    /// This window, when it is the only one the data can show (totals over a period): an
    /// error unless `spec` asks for it or for nothing.
    pub fn only_window(self, ask: WindowAsk) -> Result<Window, Error> {
        match Window::resolve(ask, Some((self.from, self.to)))? {
            Some(w) if w != self => Err(Error::Window(format!(
                "the input counts totals over {} to {}, so that is the only window it can show",
                self.from, self.to
            ))),
            _ => Ok(self),
        }
    }

    /// Every day of the window, in order.
    pub fn days(&self) -> impl Iterator<Item = Day> {
        (self.from.0..=self.to.0).map(Day)
    }
}

fn parse_day(name: &str, text: &str) -> Result<Day, Error> {
    Day::parse(text.trim())
        .ok_or_else(|| Error::Window(format!("{name} must be a date as YYYY-MM-DD, not {}", quoted(text))))
}

/// `"30d"` (or `"30"`) → 30.
fn parse_range(text: &str) -> Result<u32, Error> {
    let t = text.trim();
    let digits = t.strip_suffix(['d', 'D']).unwrap_or(t);
    match digits.parse::<u32>() {
        Ok(n) if (1..=MAX_DAYS).contains(&n) => Ok(n),
        _ => Err(Error::Window(format!(
            "range must be a number of days such as \"30d\" (1 to {MAX_DAYS}), not {}",
            quoted(text)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> Day {
        Day::parse(s).unwrap()
    }

    fn spec<'a>(from: Option<&'a str>, to: Option<&'a str>, range: Option<&'a str>) -> WindowAsk<'a> {
        WindowAsk { from, to, range }
    }

    #[test]
    fn default_window_is_the_data_span() {
        let w = Window::resolve(WindowAsk::default(), Some((d("2026-03-02"), d("2026-05-15")))).unwrap().unwrap();
        assert_eq!((w.from, w.to, w.days), (d("2026-03-02"), d("2026-05-15"), 75));
    }

    #[test]
    fn range_is_the_n_days_ending_at_to() {
        let span = Some((d("2026-03-02"), d("2026-05-15")));
        let w = Window::resolve(spec(None, None, Some("30d")), span).unwrap().unwrap();
        assert_eq!((w.from, w.to, w.days), (d("2026-04-16"), d("2026-05-15"), 30));
        let w = Window::resolve(spec(Some("2026-01-01"), Some("2026-03-31"), Some("7d")), span).unwrap().unwrap();
        assert_eq!((w.from, w.to), (d("2026-03-25"), d("2026-03-31")));
    }

    #[test]
    fn bad_windows_are_errors_that_say_why() {
        let span = Some((d("2026-03-02"), d("2026-05-15")));
        let why = |ask| Window::resolve(ask, span).map_err(|e| e.to_string());
        assert_eq!(
            why(spec(Some("2026-05-01"), Some("2026-04-01"), None)),
            Err("window: to (2026-04-01) is before from (2026-05-01)".into())
        );
        assert_eq!(
            why(spec(None, None, Some("week"))),
            Err(format!("window: range must be a number of days such as \"30d\" (1 to {MAX_DAYS}), not \"week\""))
        );
        assert_eq!(
            why(spec(Some("May 1"), None, None)),
            Err("window: from must be a date as YYYY-MM-DD, not \"May 1\"".into())
        );
        assert_eq!(Window::resolve(WindowAsk::default(), None), Ok(None));
    }
}
