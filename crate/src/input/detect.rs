//! Which format a body is in, decided from its first bytes (docs/inputs.md: "detected from the
//! content, not only the file extension").

/// The text formats hubpulse reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// One JSON object a line.
    Ndjson,
    /// One JSON array of objects.
    JsonArray,
    /// Comma-separated values with a header row.
    Csv,
}

/// What the start of a body says about it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Detected {
    /// Only whitespace (or nothing) so far: wait for more bytes.
    Undecided,
    Format(Format),
    /// An HTML page (an error page or a login wall, typically), never data.
    Html,
}

/// The UTF-8 byte-order mark, which some tools write at the start of CSV files.
pub const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Looks at the first non-blank byte: `{` is NDJSON, `[` a JSON array, `<` HTML, and
/// anything else is read as CSV (whose header row is then checked).
pub fn detect(start: &[u8]) -> Detected {
    if start.len() < BOM.len() && BOM.starts_with(start) {
        return Detected::Undecided; // perhaps the start of a byte-order mark
    }
    let start = start.strip_prefix(BOM).unwrap_or(start);
    match start.iter().find(|b| !b.is_ascii_whitespace()) {
        None => Detected::Undecided,
        Some(b'{') => Detected::Format(Format::Ndjson),
        Some(b'[') => Detected::Format(Format::JsonArray),
        Some(b'<') => Detected::Html,
        Some(_) => Detected::Format(Format::Csv),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_apart_by_their_first_byte() {
        assert_eq!(detect(b"  \n{\"ts\":1}"), Detected::Format(Format::Ndjson));
        assert_eq!(detect(b"\xEF\xBB\xBF[{}]"), Detected::Format(Format::JsonArray));
        assert_eq!(detect(b"ts,model\n"), Detected::Format(Format::Csv));
        assert_eq!(detect(b"<!doctype html>"), Detected::Html);
        assert_eq!(detect(b"  \n"), Detected::Undecided);
        assert_eq!(detect(b"\xEF\xBB"), Detected::Undecided);
    }
}
