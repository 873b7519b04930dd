//! Typed reading of raw values, shared by every input kind: what counts as text, a
//! number or a boolean in JSON and in CSV (docs/inputs.md: in CSV, numbers are plain decimals
//! and booleans `true`/`false` in any case or `1`/`0`).

use super::time;
use super::value::{Record, Value};
use crate::number::parse_f64;
use crate::problems::Problems;
use crate::text::quoted;
use std::borrow::Cow;

/// Why a value does not fit its field, in words for the report.
pub type FieldError = String;

fn wrong(expected: &str, value: &Value) -> FieldError {
    format!("expected {expected}, found {}", value.kind())
}

/// Reads the optional fields of one record, turning a wrong type into a warning and no
/// value (docs/inputs.md#bad-input: the record is kept).
pub struct Optional<'r, 'a> {
    pub record: &'r mut Record<'a>,
    /// The canonical name of each slot, for problems.
    pub names: &'r [&'static str],
    pub line: u64,
    pub problems: &'r mut Problems,
}

impl<'a> Optional<'_, 'a> {
    pub fn get<T>(&mut self, slot: usize, read: impl FnOnce(Value<'a>) -> Result<T, FieldError>) -> Option<T> {
        match read(self.record.take(slot)?) {
            Ok(value) => Some(value),
            Err(why) => {
                self.problems.warn(self.line, self.names[slot], || why);
                None
            }
        }
    }
}

/// Reads a required field: missing or unreadable, the whole record is rejected (`None`).
/// `aliases` names the other names looked for, for the message.
pub fn required<'a, T>(
    record: &mut Record<'a>,
    (slot, name, aliases): (usize, &str, &str),
    line: u64,
    problems: &mut Problems,
    read: impl FnOnce(Value<'a>) -> Result<T, FieldError>,
) -> Option<T> {
    match record.take(slot).map(read) {
        Some(Ok(value)) => Some(value),
        Some(Err(why)) => {
            problems.reject(line, name, || why);
            None
        }
        None if aliases.is_empty() => {
            problems.reject(line, name, || "missing".into());
            None
        }
        None => {
            problems.reject(line, name, || format!("missing (also looked for {aliases})"));
            None
        }
    }
}

/// A required string: present and not blank.
pub fn non_empty(value: Value) -> Result<Cow<str>, FieldError> {
    text(value)?.ok_or_else(|| "empty".to_owned())
}

/// A non-empty string. Empty text counts as no value (`Ok(None)`).
pub fn text<'a>(value: Value<'a>) -> Result<Option<Cow<'a, str>>, FieldError> {
    let text = match value {
        Value::Text(t) => t,
        Value::Cell(c) => Cow::Borrowed(c),
        other => return Err(wrong("text", &other)),
    };
    Ok((!is_blank_text(&text)).then_some(text))
}

/// Whether `text` is empty or whitespace, without scanning text that starts with a letter.
#[inline]
fn is_blank_text(text: &str) -> bool {
    match text.as_bytes().first() {
        None => true,
        Some(b) if b.is_ascii() && !b.is_ascii_whitespace() => false,
        Some(_) => text.trim().is_empty(),
    }
}

/// `text` without surrounding whitespace; ids almost never have any, so those are not copied
/// or scanned twice.
#[inline]
fn trimmed(text: &str) -> &str {
    let b = text.as_bytes();
    let clean = |c: Option<&u8>| c.is_some_and(|c| c.is_ascii() && !c.is_ascii_whitespace());
    if clean(b.first()) && clean(b.last()) {
        text
    } else {
        text.trim()
    }
}

/// A finite number ≥ 0 (latency, units, counts).
pub fn non_negative(value: Value) -> Result<f64, FieldError> {
    let n = match value {
        Value::Number(n) => n,
        Value::Integer(n) => n as f64,
        Value::Cell(c) => parse_f64(c.trim()).ok_or_else(|| format!("{} is not a number", quoted(c)))?,
        other => return Err(wrong("a number", &other)),
    };
    if n.is_finite() && n >= 0.0 {
        Ok(n)
    } else {
        Err(format!("{n} is not a number ≥ 0"))
    }
}

/// A count: a whole number ≥ 0 as a JSON integer (exact at any size), a JSON number that is
/// whole and at most 2⁵³, or decimal digits in text (hubs publish large counters as strings
/// so that JavaScript does not round them).
pub fn whole(value: Value) -> Result<u64, FieldError> {
    match value {
        Value::Integer(n) => Ok(n),
        Value::Number(n) if n.fract() == 0.0 && (0.0..=9_007_199_254_740_992.0).contains(&n) => Ok(n as u64),
        Value::Number(n) => Err(format!("{n} is not a whole number ≥ 0")),
        Value::Text(t) => digits(&t),
        Value::Cell(c) => digits(c),
        other => Err(wrong("a whole number ≥ 0", &other)),
    }
}

fn digits(text: &str) -> Result<u64, FieldError> {
    text.trim().parse::<u64>().map_err(|_| format!("{} is not a whole number ≥ 0", quoted(text)))
}

/// A boolean: JSON `true`/`false`, or a word that says it (in a CSV cell or a JSON string):
/// `true`/`false`, `yes`/`no`, `y`/`n`, `1`/`0`, in any case. A word that says neither is an
/// error, never counted as true.
pub fn boolean(value: Value) -> Result<bool, FieldError> {
    let word = match &value {
        Value::Bool(b) => return Ok(*b),
        Value::Cell(c) => c.trim(),
        Value::Text(t) => t.trim(),
        other => return Err(wrong("a boolean", other)),
    };
    match word.to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" => Ok(true),
        "false" | "no" | "n" | "0" => Ok(false),
        _ => Err(format!("{} is not true or false", quoted(word))),
    }
}

/// A time in any form of docs/inputs.md#events, as epoch seconds.
pub fn timestamp(value: Value) -> Result<i64, FieldError> {
    let result = match &value {
        Value::Number(n) => time::from_number(*n),
        Value::Integer(n) => time::from_number(*n as f64),
        Value::Text(t) => time::from_text(t),
        Value::Cell(c) => time::from_text(c),
        other => return Err(wrong("a time", other)),
    };
    result.map_err(|why| format!("{why}: {}", shown(&value)))
}

/// A caller id: `0x…` hex addresses compare case-insensitively, so they are lowercased.
pub fn caller(id: Cow<str>) -> Cow<str> {
    let trimmed = trimmed(&id);
    if hex_address_with_capitals(trimmed.as_bytes()) {
        Cow::Owned(trimmed.to_ascii_lowercase())
    } else if trimmed.len() != id.len() {
        Cow::Owned(trimmed.to_owned())
    } else {
        id
    }
}

/// What a byte of a would-be hex address is: 0 a digit or `a`-`f`, 1 `A`-`F`, 2 anything else.
const HEX_CLASS: [u8; 256] = {
    let mut class = [2u8; 256];
    let mut b = 0;
    while b < 256 {
        class[b] = match b as u8 {
            b'0'..=b'9' | b'a'..=b'f' => 0,
            b'A'..=b'F' => 1,
            _ => 2,
        };
        b += 1;
    }
    class
};

/// Whether `b` is `0x` and hex digits, with some capital: the one case to lowercase. One
/// branch-free pass, as callers are read for every event.
fn hex_address_with_capitals(b: &[u8]) -> bool {
    let [b'0', x @ (b'x' | b'X'), digits @ ..] = b else { return false };
    let class = digits.iter().fold(u8::from(*x == b'X'), |acc, &c| acc | HEX_CLASS[usize::from(c)]);
    class == 1 && !digits.is_empty()
}

/// A short rendering of a bad value for a problem's reason.
fn shown(value: &Value) -> String {
    match value {
        Value::Text(t) => quoted(t),
        Value::Cell(c) => quoted(c),
        Value::Number(n) => n.to_string(),
        Value::Integer(n) => n.to_string(),
        other => other.kind().to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_take_the_type_of_their_field() {
        assert_eq!(non_negative(Value::Cell("12.5")), Ok(12.5));
        assert_eq!(boolean(Value::Cell("TRUE")), Ok(true));
        assert_eq!(boolean(Value::Cell("0")), Ok(false));
        assert_eq!(boolean(Value::Cell("no")), Ok(false));
        assert_eq!(boolean(Value::Text("False".into())), Ok(false));
        assert_eq!(boolean(Value::Cell("maybe")), Err("\"maybe\" is not true or false".into()));
    }

    #[test]
    fn counts_are_whole_numbers_exact_at_any_size() {
        assert_eq!(whole(Value::Cell("12")), Ok(12));
        assert_eq!(whole(Value::Number(3.0)), Ok(3));
        assert_eq!(whole(Value::Integer(18_446_744_073_709_551_615)), Ok(u64::MAX));
        assert_eq!(whole(Value::Text(" 123456789012345678 ".into())), Ok(123_456_789_012_345_678));
        assert_eq!(whole(Value::Number(3.5)), Err("3.5 is not a whole number ≥ 0".into()));
        assert_eq!(whole(Value::Cell("-1")), Err("\"-1\" is not a whole number ≥ 0".into()));
        assert_eq!(whole(Value::Text("12.5".into())), Err("\"12.5\" is not a whole number ≥ 0".into()));
        assert_eq!(whole(Value::Bool(true)), Err("expected a whole number ≥ 0, found a boolean".into()));
    }

    #[test]
    fn json_values_of_the_wrong_type_are_errors() {
        assert!(non_negative(Value::Text("12".into())).is_err());
        assert!(boolean(Value::Number(1.0)).is_err());
        assert!(text(Value::Number(3.0)).is_err());
        assert!(non_negative(Value::Number(-1.0)).is_err());
    }

    #[test]
    fn hex_callers_are_lowercased_and_others_kept() {
        assert_eq!(caller("0xABCdef01".into()), "0xabcdef01");
        assert_eq!(caller("Alice".into()), "Alice");
        assert_eq!(caller("0xNotHex".into()), "0xNotHex");
    }
}
