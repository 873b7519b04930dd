//! Numbers, dates and words as a reader expects them: 1.2 K, 3.4 M, 38,827 (in the reader's
//! locale), "Mar 2", and "—" for a value that is undefined (never NaN, Infinity or 0).

use super::words::{Word, Words};
use crate::day::Day;

/// The sign shown for an undefined value.
pub const UNDEFINED: &str = "—";

const MONTHS: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/// How numbers, days and words are written in the reader's locale: the digit-group separator
/// and the decimal mark, the months, and the words of the reader's language. The suffixes K, M
/// and B and the space before % stay as docs/charts.md writes them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Locale {
    /// The thousands separator.
    pub group: char,
    /// The decimal separator.
    pub decimal: char,
    /// Short month names, and how a day is written with them.
    pub months: &'static [&'static str; 12],
    /// How days are written.
    pub day_style: DayStyle,
    /// The words around the figures.
    pub words: Words,
}

/// How a day and its month are written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DayStyle {
    /// "Mar 2", "Mar 2, 2026".
    MonthDay,
    /// "2 mars", "2 mars 2026".
    DayMonth,
    /// "2. März", "2. März 2026".
    DayDotMonth,
}

impl Default for Locale {
    fn default() -> Self {
        Locale { group: ',', decimal: '.', months: &MONTHS, day_style: DayStyle::MonthDay, words: Words::default() }
    }
}

impl Locale {
    /// The language of a BCP 47 locale: `de` of `de-DE`.
    pub fn language(locale: &str) -> String {
        locale.trim().split(['-', '_']).next().unwrap_or("").to_ascii_lowercase()
    }

    /// The conventions of a BCP 47 locale (`en-US`, `de`, `fr-CA`), by its language;
    /// English's for a language not listed. The words stay English (see [`Words::with`]).
    pub fn for_locale(locale: &str) -> Locale {
        let language = Locale::language(locale);
        let (group, decimal) = match language.as_str() {
            "de" | "es" | "it" | "nl" | "pt" | "id" | "tr" | "da" | "el" | "ro" | "hr" | "sl" | "sr" | "vi" => {
                ('.', ',')
            }
            "fr" | "ru" | "pl" | "cs" | "sk" | "sv" | "nb" | "no" | "nn" | "fi" | "uk" | "hu" | "bg" | "lt" | "lv"
            | "et" => ('\u{202f}', ','),
            _ => (',', '.'),
        };
        let (months, day_style): (&'static [&'static str; 12], DayStyle) = match language.as_str() {
            "de" => (
                &["Jan.", "Feb.", "März", "Apr.", "Mai", "Juni", "Juli", "Aug.", "Sept.", "Okt.", "Nov.", "Dez."],
                DayStyle::DayDotMonth,
            ),
            "fr" => (
                &["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
                DayStyle::DayMonth,
            ),
            "es" => (
                &["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sept", "oct", "nov", "dic"],
                DayStyle::DayMonth,
            ),
            "it" => (
                &["gen", "feb", "mar", "apr", "mag", "giu", "lug", "ago", "set", "ott", "nov", "dic"],
                DayStyle::DayMonth,
            ),
            "nl" => (
                &["jan", "feb", "mrt", "apr", "mei", "jun", "jul", "aug", "sep", "okt", "nov", "dec"],
                DayStyle::DayMonth,
            ),
            "pt" => (
                &["jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.", "nov.", "dez."],
                DayStyle::DayMonth,
            ),
            _ => (&MONTHS, DayStyle::MonthDay),
        };
        Locale { group, decimal, months, day_style, words: Words::default() }
    }

    /// The text of `word`. Not inlined, nor is [`Locale::say`]: some 150 places call them,
    /// and each inlined copy cost the wasm (3 KiB gzipped in all).
    #[inline(never)]
    pub fn word(&self, word: Word) -> &str {
        self.words.get(word)
    }

    /// A number of days: "1 day", "90 days", "1,100 days".
    pub fn days(&self, n: u32) -> String {
        match n {
            1 => self.word(Word::OneDay).to_owned(),
            n => self.say(Word::Days, &[("n", &self.integer(u64::from(n)))]),
        }
    }

    /// The text of `word` with its blanks filled (`{name}` by the value given for `name`).
    #[inline(never)]
    pub fn say(&self, word: Word, values: &[(&str, &str)]) -> String {
        self.words.fill(word, values)
    }

    /// A day as a tick label in the locale: "Mar 2", "2 mars", "2. März".
    pub fn day_short(&self, day: Day) -> String {
        let (_, m, d) = day.ymd();
        let month = self.months[m as usize - 1];
        match self.day_style {
            DayStyle::MonthDay => format!("{month} {d}"),
            DayStyle::DayMonth => format!("{d} {month}"),
            DayStyle::DayDotMonth => format!("{d}. {month}"),
        }
    }

    /// A day with its year, for titles and tooltips: "Mar 2, 2026", "2 mars 2026".
    pub fn day_long(&self, day: Day) -> String {
        let (y, _, _) = day.ymd();
        match self.day_style {
            DayStyle::MonthDay => format!("{}, {y}", self.day_short(day)),
            DayStyle::DayMonth | DayStyle::DayDotMonth => format!("{} {y}", self.day_short(day)),
        }
    }

    /// A month with its year: "Mar 2026", "mars 2026".
    pub fn month_year(&self, day: Day) -> String {
        let (y, m, _) = day.ymd();
        format!("{} {y}", self.months[m as usize - 1])
    }

    /// A range of days, its year said once when both ends share it ("Aug 1 – Oct 29, 2026")
    /// and at each end when they do not ("Aug 1, 2026 – Aug 4, 2029"); one day is that day.
    pub fn day_range(&self, from: Day, to: Day) -> String {
        if from == to {
            return self.day_long(to);
        }
        let first = if from.ymd().0 == to.ymd().0 { self.day_short(from) } else { self.day_long(from) };
        format!("{first} – {}", self.day_long(to))
    }

    /// A date axis's label: the year alone on the first of January when the axis spans more
    /// than one year (its other ticks then need no year of their own), else the short day.
    pub fn day_tick(&self, day: Day, years: bool) -> String {
        let (y, m, d) = day.ymd();
        if years && m == 1 && d == 1 {
            y.to_string()
        } else {
            self.day_short(day)
        }
    }

    /// A whole number with digit groups: 38,827.
    pub fn integer(&self, n: u64) -> String {
        self.grouped(&n.to_string())
    }

    /// `digits` (ASCII digits) with the locale's digit groups.
    fn grouped(&self, digits: &str) -> String {
        let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 3);
        for (i, c) in digits.chars().enumerate() {
            if i > 0 && (digits.len() - i).is_multiple_of(3) {
                out.push(self.group);
            }
            out.push(c);
        }
        out
    }

    /// `x` with `places` decimals and digit groups: 16.1, 168,051.9.
    pub fn decimal(&self, x: f64, places: usize) -> String {
        if !x.is_finite() {
            return UNDEFINED.into();
        }
        let text = format!("{:.places$}", x.abs());
        let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
        let sign = if x < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0') { "-" } else { "" };
        let mark = if fraction.is_empty() { String::new() } else { format!("{}{fraction}", self.decimal) };
        format!("{sign}{}{mark}", self.grouped(whole))
    }

    /// An optional value with `places` decimals, or "—".
    pub fn decimal_or_undefined(&self, x: Option<f64>, places: usize) -> String {
        x.map_or(UNDEFINED.into(), |x| self.decimal(x, places))
    }

    /// A short magnitude for ticks and tiles: 950, 1.2 K, 38 K, 3.4 M, 1.1 B, 2.5 T (token
    /// counts reach trillions).
    pub fn compact(&self, x: f64) -> String {
        if !x.is_finite() {
            return UNDEFINED.into();
        }
        let (scaled, suffix) = match x.abs() {
            a if a >= 1e12 => (x / 1e12, "\u{a0}T"),
            a if a >= 1e9 => (x / 1e9, "\u{a0}B"),
            a if a >= 1e6 => (x / 1e6, "\u{a0}M"),
            a if a >= 1e3 => (x / 1e3, "\u{a0}K"),
            _ => (x, ""),
        };
        let text = if scaled.abs() >= 100.0 || scaled.fract() == 0.0 {
            format!("{scaled:.0}")
        } else {
            self.mark(trim_zero(format!("{scaled:.1}")))
        };
        format!("{text}{suffix}")
    }

    /// A ratio as a percentage with sensible precision: 30 %, 0.4 %, —. The space before "%"
    /// (and before a magnitude's "K") is a no-break space: a wrapped title never starts a line
    /// with "%" ([`super::paint::Painter::wrap`]).
    pub fn percent(&self, ratio: Option<f64>) -> String {
        match ratio {
            Some(r) if r.is_finite() => {
                let p = r * 100.0;
                if p.abs() >= 10.0 {
                    format!("{p:.0}\u{a0}%")
                } else {
                    format!("{}\u{a0}%", self.mark(trim_zero(format!("{p:.1}"))))
                }
            }
            _ => UNDEFINED.into(),
        }
    }

    /// A signed change: +14.8 %, −3 %.
    pub fn change(&self, ratio: Option<f64>) -> String {
        match ratio {
            Some(r) if r.is_finite() => {
                let text = self.percent(Some(r.abs()));
                if r < 0.0 {
                    format!("−{text}")
                } else {
                    format!("+{text}")
                }
            }
            _ => UNDEFINED.into(),
        }
    }

    /// Puts the locale's decimal mark in a number Rust wrote.
    fn mark(&self, text: String) -> String {
        if self.decimal == '.' {
            text
        } else {
            text.replace('.', &self.decimal.to_string())
        }
    }
}

fn trim_zero(s: String) -> String {
    match s.strip_suffix(".0") {
        Some(t) => t.to_owned(),
        None => s,
    }
}

/// A name as a chart's legend or row shows it: a 42-character `0x` address (an owner on a
/// chain) as `0x841c…2760`, the way wallets write one; any other name whole. Tooltip titles,
/// tables and exports keep the whole name.
pub fn short_name(name: &str) -> std::borrow::Cow<'_, str> {
    let address = name.len() == 42 && name.starts_with("0x") && name[2..].bytes().all(|b| b.is_ascii_hexdigit());
    if address {
        std::borrow::Cow::Owned(format!("{}…{}", &name[..6], &name[38..]))
    } else {
        std::borrow::Cow::Borrowed(name)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_address_is_written_short_and_other_names_whole() {
        assert_eq!(short_name("0x841c656fc49f056af51cb245102361382b302760"), "0x841c…2760");
        for whole in ["acme", "0x841c", "0xZZ1c656fc49f056af51cb245102361382b302760", "Unknown owner"] {
            assert_eq!(short_name(whole), whole);
        }
    }

    #[test]
    fn numbers_read_like_a_person_writes_them() {
        let en = Locale::default();
        assert_eq!(en.integer(38_827), "38,827");
        assert_eq!(en.integer(999), "999");
        assert_eq!(en.compact(950.0), "950");
        assert_eq!(en.compact(1_200.0), "1.2\u{a0}K");
        assert_eq!(en.compact(38_000.0), "38\u{a0}K");
        assert_eq!(en.compact(3_400_000.0), "3.4\u{a0}M");
        assert_eq!(en.compact(1.5e12), "1.5\u{a0}T");
        assert_eq!(en.compact(f64::NAN), "—");
        assert_eq!(en.percent(Some(0.303)), "30\u{a0}%");
        assert_eq!(en.percent(Some(0.004)), "0.4\u{a0}%");
        assert_eq!(en.percent(None), "—");
        assert_eq!(en.change(Some(-0.031)), "−3.1\u{a0}%");
        assert_eq!(en.decimal(16.14, 1), "16.1");
        assert_eq!(
            (en.decimal(168_051.94, 1), en.decimal(-1_234.0, 0), en.decimal(-0.04, 1)),
            ("168,051.9".into(), "-1,234".into(), "0.0".into())
        );
    }

    #[test]
    fn numbers_follow_the_readers_locale() {
        let de = Locale::for_locale("de-DE");
        assert_eq!(
            (de.integer(1_234_567), de.compact(1_200.0), de.percent(Some(0.004))),
            ("1.234.567".into(), "1,2\u{a0}K".into(), "0,4\u{a0}%".into())
        );
        assert_eq!(de.change(Some(0.044)), "+4,4\u{a0}%");
        let fr = Locale::for_locale("fr");
        assert_eq!((fr.integer(38_827), fr.decimal(16.14, 1)), ("38\u{202f}827".into(), "16,1".into()));
        assert_eq!(fr.decimal(168_051.94, 1), "168\u{202f}051,9");
        assert_eq!(Locale::for_locale("ja-JP"), Locale::default());
        assert_eq!(Locale::for_locale(""), Locale::default());
    }

    #[test]
    fn days_are_labelled_in_words_of_the_locale() {
        let d = Day::parse("2026-03-02").unwrap();
        let en = Locale::default();
        assert_eq!((en.day_short(d), en.day_long(d)), ("Mar 2".into(), "Mar 2, 2026".into()));
        let fr = Locale::for_locale("fr-CA");
        assert_eq!((fr.day_short(d), fr.day_long(d)), ("2 mars".into(), "2 mars 2026".into()));
        assert_eq!(Locale::for_locale("de").day_long(d), "2. März 2026");
        assert_eq!(Locale::for_locale("ru").day_short(d), "Mar 2", "other languages keep English months");
    }

    #[test]
    fn a_range_over_years_names_both_years_and_an_axis_over_years_labels_them() {
        let (from, to) = (Day::parse("2026-08-01").unwrap(), Day::parse("2029-08-04").unwrap());
        let en = Locale::default();
        assert_eq!(en.day_range(from, to), "Aug 1, 2026 – Aug 4, 2029");
        assert_eq!(en.day_range(from, Day::parse("2026-10-29").unwrap()), "Aug 1 – Oct 29, 2026");
        assert_eq!(Locale::for_locale("de").day_range(from, to), "1. Aug. 2026 – 4. Aug. 2029");
        let new_year = Day::parse("2027-01-01").unwrap();
        assert_eq!((en.day_tick(new_year, true), en.day_tick(new_year, false)), ("2027".into(), "Jan 1".into()));
        assert_eq!(en.day_tick(Day::parse("2027-04-01").unwrap(), true), "Apr 1");
    }
}
