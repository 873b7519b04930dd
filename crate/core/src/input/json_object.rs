//! One JSON object (RFC 8259) read by hand: each field's name and raw [`Value`], handed on as
//! they are read. A row of NDJSON or of a JSON array, and a table of words, is a flat object;
//! anything nested is read through (and must be JSON) but kept only as "an object or array".
//!
//! serde_json did this through its generic deserializer, which brought its readers and its
//! whole number machinery to every page (58 KB of the raw wasm, 11 KiB gzipped:
//! docs/architecture.md#what-a-page-downloads); reading one object's flat fields needs a
//! fraction of it. It reads what serde_json reads and
//! refuses what it refuses: a whole non-negative number that fits a `u64` stays exact, every
//! other number is the correctly rounded `f64` (too large for one is refused), strings are
//! borrowed unless they hold escapes, and a lone surrogate or a control character in a string
//! is an error. Nesting is read through however deep, without recursion, as serde_json
//! skipped what it did not keep.

use super::value::Value;
use crate::number::parse_f64;
use crate::text::quoted;
use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;

/// Why a text is not one JSON object, and where.
#[derive(Debug)]
pub struct Fault {
    reason: &'static str,
    /// 1-based, counted in bytes from the start of the fault's line.
    column: usize,
}

impl fmt::Display for Fault {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{} (column {})", self.reason, self.column)
    }
}

/// Reads `text` as one JSON object and hands each field to `field`: its name and its value
/// (`None` for `null`), in the order written, duplicates included.
pub fn read_object<'a>(text: &'a str, field: &mut dyn FnMut(Cow<'a, str>, Option<Value<'a>>)) -> Result<(), Fault> {
    let mut reader = Reader { text, at: 0 };
    reader.space();
    if reader.peek() != Some(b'{') {
        return Err(reader.fault("expected a JSON object"));
    }
    reader.object(field)?;
    reader.space();
    match reader.peek() {
        None => Ok(()),
        Some(_) => Err(reader.fault("trailing characters")),
    }
}

/// Reads `text` as one JSON object of texts by key (a table of words); a key given twice
/// takes the later text. A value that is not text is refused by its key.
pub fn read_texts(text: &str) -> Result<BTreeMap<String, String>, String> {
    let mut texts = BTreeMap::new();
    let mut not_text = None;
    read_object(text, &mut |key, value| match value {
        Some(Value::Text(text)) => {
            texts.insert(key.into_owned(), text.into_owned());
        }
        _ => {
            not_text.get_or_insert(key.into_owned());
        }
    })
    .map_err(|fault| fault.to_string())?;
    match not_text {
        Some(key) => Err(format!("the value of {} is not text", quoted(&key))),
        None => Ok(texts),
    }
}

struct Reader<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.at).copied()
    }

    fn fault(&self, reason: &'static str) -> Fault {
        let line_start =
            self.text.as_bytes()[..self.at.min(self.text.len())].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        Fault { reason, column: self.at + 1 - line_start }
    }

    /// Skips JSON's whitespace (space, tab, line feed, carriage return; nothing else).
    fn space(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.at += 1;
        }
    }

    /// Takes `byte` after optional whitespace, or says what was expected.
    fn expect(&mut self, byte: u8, reason: &'static str) -> Result<(), Fault> {
        self.space();
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(self.fault(reason))
        }
    }

    /// Reads the top object from its `{`, handing each field to `field`.
    fn object(&mut self, field: &mut dyn FnMut(Cow<'a, str>, Option<Value<'a>>)) -> Result<(), Fault> {
        self.at += 1;
        self.space();
        if self.peek() == Some(b'}') {
            self.at += 1;
            return Ok(());
        }
        loop {
            let name = self.key()?;
            let value = self.value()?;
            field(name, value);
            self.space();
            match self.peek() {
                Some(b',') => self.at += 1,
                Some(b'}') => {
                    self.at += 1;
                    return Ok(());
                }
                None => return Err(self.fault("EOF while parsing an object")),
                Some(_) => return Err(self.fault("expected `,` or `}`")),
            }
        }
    }

    /// Reads a field's name and its `:`.
    fn key(&mut self) -> Result<Cow<'a, str>, Fault> {
        self.space();
        match self.peek() {
            Some(b'"') => {
                let name = self.string()?;
                self.expect(b':', "expected `:`")?;
                Ok(name)
            }
            None => Err(self.fault("EOF while parsing an object")),
            Some(_) => Err(self.fault("key must be a string")),
        }
    }

    /// Reads any value; `null` is no value, an object or array is read through.
    fn value(&mut self) -> Result<Option<Value<'a>>, Fault> {
        self.space();
        let value = match self.peek() {
            Some(b'"') => Value::Text(self.string()?),
            Some(b'{' | b'[') => {
                self.composite()?;
                Value::Composite
            }
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(_) if self.word("true") => Value::Bool(true),
            Some(_) if self.word("false") => Value::Bool(false),
            Some(_) if self.word("null") => return Ok(None),
            None => return Err(self.fault("EOF while parsing a value")),
            Some(_) => return Err(self.fault("expected value")),
        };
        Ok(Some(value))
    }

    /// Reads an object or array through from its opening bracket, keeping none of it, with
    /// the closers it owes on a stack of its own: a row nested 100,000 deep is read like any
    /// other, not a stack overflow.
    fn composite(&mut self) -> Result<(), Fault> {
        let mut owed: Vec<u8> = Vec::new();
        loop {
            // At a value: open a container, or read a scalar.
            self.space();
            match self.peek() {
                Some(b'{') => {
                    self.at += 1;
                    owed.push(b'}');
                    self.space();
                    if self.peek() != Some(b'}') {
                        self.key()?;
                        continue;
                    }
                }
                Some(b'[') => {
                    self.at += 1;
                    owed.push(b']');
                    self.space();
                    if self.peek() != Some(b']') {
                        continue;
                    }
                }
                _ => {
                    self.value()?;
                }
            }
            // After a value: close what it ends, until a `,` leads to the next value.
            loop {
                self.space();
                let Some(&closer) = owed.last() else { return Ok(()) };
                match self.peek() {
                    Some(b',') => {
                        self.at += 1;
                        if closer == b'}' {
                            self.key()?;
                        }
                        break;
                    }
                    Some(byte) if byte == closer => {
                        self.at += 1;
                        owed.pop();
                        if owed.is_empty() {
                            return Ok(());
                        }
                    }
                    None if closer == b'}' => return Err(self.fault("EOF while parsing an object")),
                    None => return Err(self.fault("EOF while parsing a list")),
                    Some(_) if closer == b'}' => return Err(self.fault("expected `,` or `}`")),
                    Some(_) => return Err(self.fault("expected `,` or `]`")),
                }
            }
        }
    }

    /// Takes `word` if the text goes on with it.
    fn word(&mut self, word: &str) -> bool {
        let found = self.text.as_bytes()[self.at..].starts_with(word.as_bytes());
        if found {
            self.at += word.len();
        }
        found
    }

    /// Reads a number: a whole one ≥ 0 that fits a `u64` exactly, any other as an `f64`.
    fn number(&mut self) -> Result<Value<'a>, Fault> {
        let start = self.at;
        let bytes = self.text.as_bytes();
        let digits = |at: usize| bytes[at.min(bytes.len())..].iter().take_while(|b| b.is_ascii_digit()).count();
        let mut at = start + usize::from(bytes[start] == b'-');
        let whole = digits(at);
        if whole == 0 || (whole > 1 && bytes[at] == b'0') {
            self.at = at;
            return Err(self.fault("invalid number"));
        }
        at += whole;
        let mut integer = true;
        if bytes.get(at) == Some(&b'.') {
            let fraction = digits(at + 1);
            if fraction == 0 {
                self.at = at + 1;
                return Err(self.fault("invalid number"));
            }
            at += 1 + fraction;
            integer = false;
        }
        if matches!(bytes.get(at), Some(b'e' | b'E')) {
            at += 1;
            if matches!(bytes.get(at), Some(b'+' | b'-')) {
                at += 1;
            }
            let exponent = digits(at);
            if exponent == 0 {
                self.at = at;
                return Err(self.fault("invalid number"));
            }
            at += exponent;
            integer = false;
        }
        let text = &self.text[start..at];
        if integer && bytes[start] != b'-' {
            if let Ok(whole) = text.parse::<u64>() {
                self.at = at;
                return Ok(Value::Integer(whole));
            }
        }
        match parse_f64(text) {
            Some(number) if number.is_finite() => {
                self.at = at;
                Ok(Value::Number(number))
            }
            _ => Err(self.fault("number out of range")),
        }
    }

    /// Reads a string from its `"`: borrowed from the text unless it holds escapes.
    fn string(&mut self) -> Result<Cow<'a, str>, Fault> {
        self.at += 1;
        let start = self.at;
        let bytes = self.text.as_bytes();
        let mut owned: Option<String> = None;
        let mut run = start;
        loop {
            self.skip_plain();
            let Some(&byte) = bytes.get(self.at) else {
                return Err(self.fault("EOF while parsing a string"));
            };
            match byte {
                b'"' => {
                    let rest = &self.text[run..self.at];
                    self.at += 1;
                    return Ok(match owned {
                        None => Cow::Borrowed(rest),
                        Some(mut text) => {
                            text.push_str(rest);
                            Cow::Owned(text)
                        }
                    });
                }
                b'\\' => {
                    let text = owned.get_or_insert_with(String::new);
                    text.push_str(&self.text[run..self.at]);
                    self.at += 1;
                    self.escape(text)?;
                    run = self.at;
                }
                0..=0x1f => return Err(self.fault("control character (\\u0000-\\u001F) found while parsing a string")),
                _ => self.at += 1,
            }
        }
    }

    /// Moves on eight bytes at a time while none of them ends a string's plain run (a `"`, a
    /// `\` or a control character): most of a row is its strings, and a byte at a time read
    /// them slower than serde_json, which reads them this way too.
    fn skip_plain(&mut self) {
        const ONES: u64 = u64::MAX / 255;
        for chunk in self.text.as_bytes()[self.at..].chunks_exact(8) {
            let Ok(chunk) = <[u8; 8]>::try_from(chunk) else { return };
            let word = u64::from_le_bytes(chunk);
            let (quote, backslash) = (word ^ (ONES * 0x22), word ^ (ONES * 0x5c));
            // Mycroft's test for a zero byte (and for a byte below 0x20): a word's lowest
            // flagged byte is always a true one.
            let flagged = (word.wrapping_sub(ONES * 0x20) & !word
                | quote.wrapping_sub(ONES) & !quote
                | backslash.wrapping_sub(ONES) & !backslash)
                & (ONES << 7);
            if flagged != 0 {
                self.at += flagged.trailing_zeros() as usize / 8;
                return;
            }
            self.at += 8;
        }
    }

    /// Reads the escape after a `\` onto `text`.
    fn escape(&mut self, text: &mut String) -> Result<(), Fault> {
        let Some(byte) = self.peek() else {
            return Err(self.fault("EOF while parsing a string"));
        };
        self.at += 1;
        let unescaped = match byte {
            b'"' => '"',
            b'\\' => '\\',
            b'/' => '/',
            b'b' => '\u{8}',
            b'f' => '\u{c}',
            b'n' => '\n',
            b'r' => '\r',
            b't' => '\t',
            b'u' => self.unicode()?,
            _ => {
                self.at -= 1;
                return Err(self.fault("invalid escape"));
            }
        };
        text.push(unescaped);
        Ok(())
    }

    /// Reads the four hex digits after `\u`, and the low half after a high surrogate.
    fn unicode(&mut self) -> Result<char, Fault> {
        let high = self.hex4()?;
        let code = match high {
            0xd800..=0xdbff => {
                if !self.word("\\u") {
                    return Err(self.fault("lone leading surrogate in hex escape"));
                }
                let low = self.hex4()?;
                if !(0xdc00..=0xdfff).contains(&low) {
                    return Err(self.fault("lone leading surrogate in hex escape"));
                }
                0x10000 + ((high - 0xd800) << 10) + (low - 0xdc00)
            }
            code => code,
        };
        char::from_u32(code).ok_or_else(|| self.fault("lone trailing surrogate in hex escape"))
    }

    fn hex4(&mut self) -> Result<u32, Fault> {
        let digits = self.text.get(self.at..self.at + 4).filter(|d| d.bytes().all(|b| b.is_ascii_hexdigit()));
        let Some(digits) = digits else {
            return Err(self.fault("invalid escape"));
        };
        self.at += 4;
        u32::from_str_radix(digits, 16).map_err(|_| self.fault("invalid escape"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::tests::json_value;
    use proptest::prelude::*;

    /// The fields as read, each `name=value` (a value as its Debug form).
    fn fields(text: &str) -> Result<Vec<String>, Fault> {
        let mut seen = Vec::new();
        read_object(text, &mut |name, value| seen.push(format!("{name}={value:?}")))?;
        Ok(seen)
    }

    fn reason(text: &str) -> String {
        fields(text).map(|f| format!("read {f:?}")).unwrap_or_else(|e| e.to_string())
    }

    #[test]
    fn flat_fields_keep_their_kind_and_nested_ones_are_read_through() {
        let text = r#" { "a" : "x\"\u00e9\ud83d\ude00" ,"n":-0,"u":18446744073709551615,"big":18446744073709551616,
            "f":2.5e-3,"t":true,"z":null,"o":{"k":[1,{"deep":[]}]},"a":"again" } "#;
        assert_eq!(
            fields(text).unwrap(),
            [
                r#"a=Some(Text("x\"é😀"))"#,
                "n=Some(Number(-0.0))",
                "u=Some(Integer(18446744073709551615))",
                "big=Some(Number(1.8446744073709552e19))",
                "f=Some(Number(0.0025))",
                "t=Some(Bool(true))",
                "z=None",
                "o=Some(Composite)",
                r#"a=Some(Text("again"))"#,
            ]
        );
        let mut borrowed = Vec::new();
        read_object(r#"{"plain":"text","esc":"a\nb"}"#, &mut |_, v| {
            borrowed.push(matches!(v, Some(Value::Text(Cow::Borrowed(_)))))
        })
        .unwrap();
        assert_eq!(borrowed, [true, false], "strings without escapes are borrowed");
    }

    #[test]
    fn what_is_not_one_json_object_is_refused_with_where() {
        for (text, why) in [
            ("[1]", "expected a JSON object (column 1)"),
            ("{\"a\":1} x", "trailing characters (column 9)"),
            ("{\"a\":1,}", "key must be a string (column 8)"),
            ("{\"a\" 1}", "expected `:` (column 6)"),
            ("{\"a\":01}", "invalid number (column 6)"),
            ("{\"a\":1.}", "invalid number (column 8)"),
            ("{\"a\":1e}", "invalid number (column 8)"),
            ("{\"a\":+1}", "expected value (column 6)"),
            ("{\"a\":1e999}", "number out of range (column 6)"),
            ("{\"a\":\"\u{1}\"}", "control character (\\u0000-\\u001F) found while parsing a string (column 7)"),
            ("{\"a\":\"\\x\"}", "invalid escape (column 8)"),
            ("{\"a\":\"\\ud800\"}", "lone leading surrogate in hex escape (column 13)"),
            ("{\"a\":\"\\udc00\"}", "lone trailing surrogate in hex escape (column 13)"),
            ("{\"a\":[1 2]}", "expected `,` or `]` (column 9)"),
            ("{\"a\":tru}", "expected value (column 6)"),
            ("{\"a\":\"x", "EOF while parsing a string (column 8)"),
            ("{\"a\":1", "EOF while parsing an object (column 7)"),
            ("{\n\"a\":\n x}", "expected value (column 2)"),
        ] {
            assert_eq!(reason(text), why, "{text:?}");
        }
        let deep = format!("{{\"a\":{}{{\"b\":[1,{{}}]}}{}}}", "[".repeat(100_000), "]".repeat(100_000));
        assert_eq!(fields(&deep).unwrap(), ["a=Some(Composite)"], "read through however deep");
        for (text, why) in [
            ("{\"a\":[[1]}", "expected `,` or `]` (column 10)"),
            ("{\"a\":[{\"b\":1]}", "expected `,` or `}` (column 13)"),
            ("{\"a\":{\"b\":1,}}", "key must be a string (column 13)"),
            ("{\"a\":[1,]}", "expected value (column 9)"),
            ("{\"a\":[[", "EOF while parsing a value (column 8)"),
            ("{\"a\":[{}", "EOF while parsing a list (column 9)"),
        ] {
            assert_eq!(reason(text), why, "{text:?}");
        }
    }

    /// What serde_json reads a field's value as, in this reader's terms.
    fn as_serde_reads(value: &serde_json::Value) -> Option<Value<'static>> {
        Some(match value {
            serde_json::Value::Null => return None,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => match n.as_u64() {
                Some(u) => Value::Integer(u),
                None => Value::Number(n.as_f64().unwrap_or(f64::NAN)),
            },
            serde_json::Value::String(s) => Value::Text(Cow::Owned(s.clone())),
            serde_json::Value::Array(_) | serde_json::Value::Object(_) => Value::Composite,
        })
    }

    proptest! {
        /// Every object serde_json writes, compact or pretty, reads back as serde_json reads it.
        #[test]
        fn objects_read_as_serde_json_reads_them(
            fields in prop::collection::vec(("\\PC{0,4}", json_value()), 0..6),
            pretty: bool,
        ) {
            let object = serde_json::Value::Object(fields.iter().cloned().collect());
            let text = if pretty { serde_json::to_string_pretty(&object) } else { serde_json::to_string(&object) }.unwrap();
            let mut seen = Vec::new();
            read_object(&text, &mut |name, value| seen.push((name.into_owned(), value)))
                .map_err(|e| TestCaseError::fail(format!("{e}: {text}")))?;
            let expected: Vec<_> = object.as_object().unwrap().iter().map(|(k, v)| (k.clone(), as_serde_reads(v))).collect();
            prop_assert_eq!(seen, expected);
        }

        /// Any text: refused exactly when serde_json refuses it as an object.
        #[test]
        fn any_text_is_refused_exactly_when_serde_json_refuses_it(text in "[{}\\[\\]\":,0-9eE.+\\-a-z \\\\ntu]{0,24}") {
            let ours = read_object(&text, &mut |_, _| {}).is_ok();
            let theirs = serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&text).is_ok();
            prop_assert_eq!(ours, theirs, "{}", text);
        }
    }
}
