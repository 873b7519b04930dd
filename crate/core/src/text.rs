//! Text from the input, made safe to show: characters that would hide or reorder what is
//! around them (controls, bidirectional overrides, zero-width marks) are written as escapes,
//! and messages that quote the input are bounded, whatever the input holds.

use std::borrow::Cow;

/// At most this many characters of an input value are quoted in a message.
pub const QUOTED_CHARS: usize = 40;

/// The longest message, in characters, that a problem or an error carries.
pub const MAX_MESSAGE: usize = 300;

/// Whether `c` would hide or reorder text around it rather than show as itself.
fn is_invisible(c: char) -> bool {
    c.is_control()
        || matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2069}' | '\u{FEFF}')
}

/// `text` with every control, bidirectional and zero-width character written as `\u{…}`, so
/// that a name shows what it holds (`evil\u{202e}gnp.exe`) instead of being reordered.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(is_invisible) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if is_invisible(c) {
            out.push_str(&format!("\\u{{{:x}}}", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// An input value quoted for a message: in double quotes, visible, and cut to
/// [`QUOTED_CHARS`] characters with "…".
pub fn quoted(text: &str) -> String {
    let cut: String = text.chars().take(QUOTED_CHARS).collect();
    let more = if cut.len() < text.len() { "…" } else { "" };
    format!("\"{}{more}\"", visible(&cut).replace('"', "\\\""))
}

/// Bytes of the input quoted for a message, as text where they are UTF-8.
pub fn quoted_bytes(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(QUOTED_CHARS * 4)];
    let text = String::from_utf8_lossy(head);
    let mut quoted = quoted(&text);
    if head.len() < bytes.len() && !quoted.ends_with("…\"") {
        quoted.insert(quoted.len() - 1, '…');
    }
    quoted
}

/// `message` cut to [`MAX_MESSAGE`] characters (with "…"), control characters made visible:
/// a message never carries more of the input than a person reads.
pub fn bounded(message: String) -> String {
    if message.chars().count() <= MAX_MESSAGE && !message.chars().any(is_invisible) {
        return message;
    }
    let cut: String = message.chars().take(MAX_MESSAGE).collect();
    let more = if cut.len() < message.len() { "…" } else { "" };
    format!("{}{more}", visible(&cut))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hidden_characters_show_as_escapes() {
        assert_eq!(visible("evil\u{202E}gnp.exe"), "evil\\u{202e}gnp.exe");
        assert_eq!(visible("a\u{200B}b\u{0007}"), "a\\u{200b}b\\u{7}");
        assert!(matches!(visible("plain, café"), Cow::Borrowed(_)));
    }

    #[test]
    fn quotes_and_messages_are_bounded() {
        assert_eq!(quoted("short"), "\"short\"");
        assert_eq!(quoted(&"x".repeat(100)), format!("\"{}…\"", "x".repeat(QUOTED_CHARS)));
        assert_eq!(quoted_bytes(&[b'a'; 1000]).len(), QUOTED_CHARS + 2 + "…".len());
        assert_eq!(quoted_bytes(b"\x1f\x8b\x08"), "\"\\u{1f}\\u{fffd}\\u{8}\"".replace("\\u{fffd}", "\u{fffd}"));
        let long = bounded("y".repeat(10_000));
        assert_eq!(long.chars().count(), MAX_MESSAGE + 1);
    }
}
