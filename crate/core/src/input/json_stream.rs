//! A JSON document split into its items as the bytes arrive, never held whole: the elements
//! of a top-level array (a JSON array of events), or, when the top level is an object, the
//! elements of the array under one of its keys (`{"data": [...]}`, `{"models": [...]}`) and
//! the object's other small fields (`as_of`, `meta`). Each item is bounded: an element longer
//! than the limit is skipped as it streams by and reported as too long, so no document can
//! make this hold more than one item's worth of bytes.

/// What the scanner found.
#[derive(Debug, PartialEq)]
pub enum Item<'a> {
    /// The `index`-th element (1-based), its bytes as written.
    Element { index: u64, bytes: &'a [u8] },
    /// The `index`-th element was longer than the limit; its bytes are gone.
    TooLong { index: u64 },
    /// A field of the top-level object other than the streamed array, with its value's bytes
    /// (`None` when the value was longer than the limit).
    Field { key: &'a str, value: Option<&'a [u8]> },
}

/// Where the scanner is in the document's outer structure.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Outer {
    /// Before the first byte of the top-level value.
    Start,
    /// In the top-level array: its elements are the items.
    Array,
    /// In the top-level object, between its fields.
    Object(Field),
    /// In the streamed array under one of the object's keys.
    Streamed,
    /// After the top-level value.
    Done,
}

/// Where the scanner is in one field of the top-level object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Field {
    /// A key (or the object's end) comes next.
    Key,
    /// Inside the key's string.
    InKey,
    /// The `:` comes next.
    Colon,
    /// The value comes next.
    Value,
    /// Inside a value that is captured as a field.
    InValue,
    /// `,` or `}` comes next.
    Comma,
}

/// A streaming splitter of JSON documents into items.
pub struct JsonStream {
    outer: Outer,
    /// The keys whose array value is streamed when the top level is an object (none: the
    /// top level must be an array).
    streamed: &'static [&'static str],
    /// Whether a top-level array is accepted (its elements are the items).
    array: bool,
    /// Whether one of `streamed` was found.
    found_streamed: bool,
    /// Whether the top level was an object.
    object: bool,
    /// The longest item kept, in bytes.
    max: usize,
    /// Nesting inside the current item (0: between items).
    depth: u32,
    in_string: bool,
    escaped: bool,
    /// Whether an item (or a key, or a field's value) is being read.
    in_item: bool,
    /// An item that is a string or a number rather than an object or array: it ends at the
    /// `,` or the closing bracket after it.
    scalar: bool,
    /// The start of the current item, when it began in an earlier chunk.
    pending: Vec<u8>,
    /// The item outgrew `max`: its bytes are dropped until it ends.
    overflowed: bool,
    /// Items of the streamed array (or top-level array) so far.
    index: u64,
    /// The key of the field being read.
    key: Vec<u8>,
}

/// Keys longer than this are not streamed keys, and are not kept.
const MAX_KEY: usize = 256;

impl JsonStream {
    /// A splitter of a top-level array into its elements; no item longer than `max` bytes
    /// is kept.
    pub fn array(max: usize) -> JsonStream {
        JsonStream::new(true, &[], max)
    }

    #[cfg(feature = "shapes")]
    /// A splitter of a top-level object whose array under one of `streamed` holds the items
    /// (and, when `array`, of a top-level array too).
    pub fn object(streamed: &'static [&'static str], array: bool, max: usize) -> JsonStream {
        JsonStream::new(array, streamed, max)
    }

    fn new(array: bool, streamed: &'static [&'static str], max: usize) -> JsonStream {
        JsonStream {
            outer: Outer::Start,
            streamed,
            array,
            found_streamed: false,
            object: false,
            max,
            depth: 0,
            in_string: false,
            escaped: false,
            in_item: false,
            scalar: false,
            pending: Vec::new(),
            overflowed: false,
            index: 0,
            key: Vec::new(),
        }
    }

    #[cfg(feature = "shapes")]
    /// Whether the top level is an object without one of the streamed keys (with an array
    /// value): a document of another shape.
    pub fn missed_streamed(&self) -> bool {
        self.object && !self.found_streamed
    }

    /// Scans `chunk`, calling `found` with each item it completes; an error says where the
    /// document's outer structure is broken (an item's own content is its reader's concern).
    pub fn feed(&mut self, chunk: &[u8], found: &mut impl FnMut(Item<'_>)) -> Result<(), String> {
        let mut start = 0; // where the current item starts in this chunk (0: in an earlier one)
        let mut i = 0;
        while i < chunk.len() {
            if self.in_string {
                if self.escaped {
                    self.escaped = false; // the byte after a backslash, whatever it is
                    i += 1;
                    continue;
                }
                match memchr::memchr2(b'"', b'\\', &chunk[i..]) {
                    None => i = chunk.len(),
                    Some(off) if chunk[i + off] == b'\\' => {
                        self.escaped = true;
                        i += off + 1;
                    }
                    Some(off) => {
                        self.string_ends(chunk, start, i + off, found);
                        i += off + 1;
                    }
                }
                continue;
            }
            let b = chunk[i];
            if self.in_item {
                self.step_in_item(b, chunk, &mut start, i, found)?;
            } else if !b.is_ascii_whitespace() {
                self.step_between(b, &mut start, i)?;
            }
            i += 1;
        }
        if self.in_item {
            self.keep(&chunk[start..]);
        }
        Ok(())
    }

    /// A string closed at `at`: the end of a key, of a string item, or nothing structural.
    fn string_ends(&mut self, chunk: &[u8], start: usize, at: usize, found: &mut impl FnMut(Item<'_>)) {
        self.in_string = false;
        if self.outer == Outer::Object(Field::InKey) {
            self.outer = Outer::Object(Field::Colon);
            let key = self.item(chunk, start, at + 1);
            // The key without its quotes (escapes are kept as written: keys are compared raw).
            let key =
                if key.len() <= MAX_KEY + 2 && key.len() >= 2 { key[1..key.len() - 1].to_vec() } else { Vec::new() };
            self.key = key;
            self.reset_item();
            return;
        }
        if self.depth == 0 && self.in_item && self.scalar {
            // A string item ends with its closing quote; a `,` or bracket follows.
            self.end_item(chunk, start, at + 1, found);
        }
    }

    /// One byte, outside strings, inside an item.
    fn step_in_item(
        &mut self,
        b: u8,
        chunk: &[u8],
        start: &mut usize,
        i: usize,
        found: &mut impl FnMut(Item<'_>),
    ) -> Result<(), String> {
        match b {
            b'"' => self.in_string = true,
            b'{' | b'[' => self.depth += 1,
            b'}' | b']' if self.depth > 0 => {
                self.depth -= 1;
                if self.depth == 0 {
                    self.end_item(chunk, *start, i + 1, found);
                }
            }
            b',' | b'}' | b']' if self.scalar => {
                // A number, `true`, `null`… ends where the next separator starts.
                self.end_item(chunk, *start, i, found);
                return self.step_between(b, start, i);
            }
            _ => {}
        }
        Ok(())
    }

    /// One byte, outside strings, between items: the outer structure.
    fn step_between(&mut self, b: u8, start: &mut usize, i: usize) -> Result<(), String> {
        let unexpected = |what: &str| {
            if b.is_ascii_graphic() {
                format!("{what}, found '{}'", char::from(b))
            } else {
                format!("{what}, found the byte 0x{b:02X}")
            }
        };
        match self.outer {
            Outer::Start => match b {
                b'[' if self.array => self.outer = Outer::Array,
                b'{' if !self.streamed.is_empty() => {
                    self.outer = Outer::Object(Field::Key);
                    self.object = true;
                }
                _ if self.streamed.is_empty() => return Err(unexpected("expected a JSON array")),
                _ => return Err(unexpected("expected a JSON object")),
            },
            Outer::Array | Outer::Streamed => match b {
                b']' => self.outer = if self.outer == Outer::Array { Outer::Done } else { Outer::Object(Field::Comma) },
                b',' => {}
                _ => {
                    self.begin_item(b, start, i);
                    self.index += 1;
                }
            },
            Outer::Object(field) => match (field, b) {
                (Field::Key, b'}') => self.outer = Outer::Done,
                (Field::Key, b'"') => {
                    self.outer = Outer::Object(Field::InKey);
                    self.begin_item(b, start, i);
                    self.in_string = true;
                }
                (Field::Colon, b':') => self.outer = Outer::Object(Field::Value),
                (Field::Value, b'[') if self.streams_key() => {
                    self.outer = Outer::Streamed;
                    self.found_streamed = true;
                }
                (Field::Value, _) => {
                    self.outer = Outer::Object(Field::InValue);
                    self.begin_item(b, start, i);
                }
                (Field::Comma, b',') => self.outer = Outer::Object(Field::Key),
                (Field::Comma, b'}') => self.outer = Outer::Done,
                _ => return Err(unexpected("the document's top-level object is broken")),
            },
            Outer::Done => return Err("there is data after the end of the document".into()),
        }
        Ok(())
    }

    fn streams_key(&self) -> bool {
        self.streamed.iter().any(|s| s.as_bytes() == self.key)
    }

    /// An item starts with byte `b` at `i`.
    fn begin_item(&mut self, b: u8, start: &mut usize, i: usize) {
        *start = i;
        self.in_item = true;
        self.overflowed = false;
        self.pending.clear();
        match b {
            b'{' | b'[' => self.depth = 1,
            b'"' => {
                self.in_string = true;
                self.scalar = true;
            }
            _ => self.scalar = true,
        }
    }

    /// The bytes of the current item: from `start` to `end` of this chunk, after what earlier
    /// chunks gave.
    fn item<'a>(&'a mut self, chunk: &'a [u8], start: usize, end: usize) -> &'a [u8] {
        if self.pending.is_empty() && !self.overflowed {
            &chunk[start..end]
        } else {
            self.keep(&chunk[..end]);
            &self.pending
        }
    }

    /// Keeps the part of the current item that this chunk holds, up to the limit.
    fn keep(&mut self, part: &[u8]) {
        if self.overflowed {
            return;
        }
        if self.pending.len() + part.len() > self.max {
            self.overflowed = true;
            self.pending = Vec::new();
        } else {
            self.pending.extend_from_slice(part);
        }
    }

    fn reset_item(&mut self) {
        self.in_item = false;
        self.scalar = false;
        self.depth = 0;
        self.overflowed = false;
        self.pending.clear();
    }

    /// The current item ends at `end` of this chunk.
    fn end_item(&mut self, chunk: &[u8], start: usize, end: usize, found: &mut impl FnMut(Item<'_>)) {
        let begun_here = self.pending.is_empty() && !self.overflowed;
        let within = if begun_here { end - start <= self.max } else { !self.overflowed };
        let field = self.outer == Outer::Object(Field::InValue);
        if field {
            self.outer = Outer::Object(Field::Comma);
        }
        let index = self.index;
        let key = std::mem::take(&mut self.key);
        let bytes: Option<&[u8]> = match (within, begun_here) {
            (false, _) => None,
            (true, true) => Some(&chunk[start..end]),
            (true, false) => {
                self.keep(&chunk[..end]);
                (!self.overflowed).then_some(&self.pending[..])
            }
        };
        if field {
            found(Item::Field { key: std::str::from_utf8(&key).unwrap_or(""), value: bytes });
        } else {
            match bytes {
                Some(bytes) => found(Item::Element { index, bytes }),
                None => found(Item::TooLong { index }),
            }
        }
        self.key = key;
        self.key.clear();
        self.reset_item();
    }

    /// How the body ended: complete, empty, cut between items or inside one.
    pub fn finish(&mut self) -> Ending {
        if self.in_item && self.outer != Outer::Object(Field::InKey) && self.outer != Outer::Object(Field::InValue) {
            self.reset_item();
            return Ending::CutInItem { index: self.index };
        }
        match self.outer {
            Outer::Start => Ending::Empty,
            Outer::Done => Ending::Complete,
            _ => Ending::Unclosed,
        }
    }
}

/// How a document ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    /// Nothing but whitespace.
    Empty,
    /// Its top-level value closed.
    Complete,
    /// It stopped between items, before its closing bracket (cut off?).
    Unclosed,
    /// It stopped inside item `index` (cut off?).
    CutInItem { index: u64 },
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::tests::json_value;
    use proptest::prelude::*;

    /// Every item of `body` fed in chunks of `size`, as text, and how it ended.
    fn items(streamed: &'static [&'static str], body: &[u8], size: usize, max: usize) -> (Vec<String>, Ending) {
        let mut stream =
            if streamed.is_empty() { JsonStream::array(max) } else { JsonStream::object(streamed, true, max) };
        let mut seen = Vec::new();
        let mut note = |item: Item<'_>| {
            seen.push(match item {
                Item::Element { index, bytes } => format!("{index}:{}", String::from_utf8_lossy(bytes).trim()),
                Item::TooLong { index } => format!("{index}:too long"),
                Item::Field { key, value } => {
                    format!(
                        "{key}={}",
                        value.map_or("too long".into(), |v| String::from_utf8_lossy(v).trim().to_owned())
                    )
                }
            })
        };
        for chunk in body.chunks(size.max(1)) {
            stream.feed(chunk, &mut note).unwrap();
        }
        (seen, stream.finish())
    }

    #[test]
    fn a_top_level_array_gives_its_elements_whatever_the_chunks() {
        let body = br#" [ {"a":"x,]}\"y","b":[1,{"c":2}]}, 17 , "s]" ,null,{} ] "#;
        for size in 1..body.len() {
            let (seen, ending) = items(&[], body, size, 1000);
            let expected = [r#"1:{"a":"x,]}\"y","b":[1,{"c":2}]}"#, "2:17", r#"3:"s]""#, "4:null", "5:{}"];
            assert_eq!((seen, ending), (expected.map(String::from).to_vec(), Ending::Complete), "chunks of {size}");
        }
    }

    #[test]
    fn an_object_streams_its_named_array_and_keeps_its_small_fields() {
        let body = br#"{"meta":{"as_of":"2026-03-02"},"data":[{"x":1},{"x":2}],"note":"a \"b\"","n":3}"#;
        for size in 1..body.len() {
            let (seen, ending) = items(&["models", "data"], body, size, 1000);
            let expected =
                [r#"meta={"as_of":"2026-03-02"}"#, r#"1:{"x":1}"#, r#"2:{"x":2}"#, r#"note="a \"b\"""#, "n=3"];
            assert_eq!((seen, ending), (expected.map(String::from).to_vec(), Ending::Complete), "chunks of {size}");
        }
    }

    #[test]
    fn an_item_over_the_limit_is_skipped_and_said_whatever_the_chunks() {
        let body = br#"[{"a":"0123456789"},{"b":1},"0123456789abc"]"#;
        for size in 1..body.len() {
            let (seen, _) = items(&[], body, size, 12);
            assert_eq!(seen, ["1:too long", r#"2:{"b":1}"#, "3:too long"], "chunks of {size}");
        }
    }

    #[test]
    fn cut_and_broken_documents_say_so() {
        assert_eq!(items(&[], br#"[{"a":1},{"b""#, 4, 100).1, Ending::CutInItem { index: 2 });
        assert_eq!(items(&[], br#"[{"a":1},"#, 4, 100).1, Ending::Unclosed);
        assert_eq!(items(&[], b"  ", 1, 100).1, Ending::Empty);
        let mut stream = JsonStream::array(100);
        assert!(stream.feed(b"[1] 2", &mut |_| {}).is_err(), "data after the end");
        let mut stream = JsonStream::array(100);
        assert_eq!(stream.feed(b"{\"a\":1}", &mut |_| {}), Err("expected a JSON array, found '{'".into()));
    }

    proptest! {
        /// Any array of JSON values, compact or spaced, split anywhere: the elements are
        /// exactly the values serde_json reads from the whole.
        #[test]
        fn elements_are_what_serde_json_reads(values in prop::collection::vec(json_value(), 0..8), size in 1usize..40, spaced: bool) {
            let body = if spaced { serde_json::to_string_pretty(&values) } else { serde_json::to_string(&values) }.unwrap();
            let mut stream = JsonStream::array(usize::MAX);
            let mut seen: Vec<serde_json::Value> = Vec::new();
            for chunk in body.as_bytes().chunks(size) {
                stream.feed(chunk, &mut |item| {
                    if let Item::Element { bytes, .. } = item {
                        seen.push(serde_json::from_slice(bytes).unwrap());
                    }
                }).unwrap();
            }
            prop_assert_eq!(stream.finish(), Ending::Complete);
            prop_assert_eq!(seen, values);
        }
    }
}
