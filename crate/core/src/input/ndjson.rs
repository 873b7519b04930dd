//! NDJSON: one JSON object a line, split as the bytes arrive. A line longer than the limit
//! is not kept: it streams by and is counted as one rejected row (unless it was blank).

use super::json::parse_object;
use super::{too_long, Sink, MAX_RECORD};
use crate::problems::Problems;

/// Splits a stream into lines; only an unfinished last line is ever copied.
#[derive(Default)]
pub struct Lines {
    pending: Vec<u8>,
    line: u64,
    /// The current line outgrew the limit: its bytes are dropped until its end.
    overflowed: bool,
    /// Whether the dropped part of an overflowed line had anything but blanks.
    dropped_text: bool,
    max: usize,
}

impl Lines {
    /// Lines of rows, after `lines` blank lines the body started with.
    pub fn starting_after(lines: u64) -> Lines {
        Lines::bounded(lines, MAX_RECORD)
    }

    /// Lines of at most `max` bytes each, after `lines` lines already passed.
    pub fn bounded(lines: u64, max: usize) -> Lines {
        Lines { line: lines, max, ..Lines::default() }
    }

    /// Calls `each(line_number, Some(bytes))` for every line that `chunk` completes, and
    /// `each(line_number, None)` for one with text that was longer than the limit.
    pub fn split(&mut self, mut chunk: &[u8], each: &mut impl FnMut(u64, Option<&[u8]>)) {
        if !self.pending.is_empty() || self.overflowed {
            let Some(end) = memchr::memchr(b'\n', chunk) else {
                self.keep(chunk);
                return;
            };
            self.keep(&chunk[..end]);
            self.line += 1;
            self.end_pending(each);
            chunk = &chunk[end + 1..];
        }
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', chunk) {
            self.line += 1;
            if end - start <= self.max {
                each(self.line, Some(&chunk[start..end]));
            } else if !is_blank(&chunk[start..end]) {
                each(self.line, None);
            }
            start = end + 1;
        }
        self.keep(&chunk[start..]);
    }

    /// The last line, when the body does not end with a newline.
    pub fn split_end(&mut self, each: &mut impl FnMut(u64, Option<&[u8]>)) {
        if !self.pending.is_empty() || self.overflowed {
            self.line += 1;
            self.end_pending(each);
        }
    }

    fn end_pending(&mut self, each: &mut impl FnMut(u64, Option<&[u8]>)) {
        if self.overflowed {
            if self.dropped_text {
                each(self.line, None);
            }
        } else {
            each(self.line, Some(&self.pending));
        }
        self.pending.clear();
        self.overflowed = false;
        self.dropped_text = false;
    }

    /// Keeps part of the unfinished line, up to the limit; beyond it, notes only whether
    /// the line had text.
    fn keep(&mut self, part: &[u8]) {
        if !self.overflowed && self.pending.len() + part.len() > self.max {
            self.overflowed = true;
            self.dropped_text = !is_blank(&self.pending);
            self.pending = Vec::new();
        }
        if self.overflowed {
            self.dropped_text = self.dropped_text || !is_blank(part);
        } else {
            self.pending.extend_from_slice(part);
        }
    }

    /// Parses every line of rows that `chunk` completes.
    pub fn feed(&mut self, chunk: &[u8], sink: &mut dyn Sink, problems: &mut Problems) {
        let max = self.max;
        self.split(chunk, &mut |line, bytes| parse_line(bytes, line, max, sink, problems));
    }

    /// Parses a last line that has no newline.
    pub fn finish(&mut self, sink: &mut dyn Sink, problems: &mut Problems) {
        let max = self.max;
        self.split_end(&mut |line, bytes| parse_line(bytes, line, max, sink, problems));
    }
}

/// Whether `bytes` are all blanks (a blank line is not a row).
pub fn is_blank(bytes: &[u8]) -> bool {
    bytes.iter().all(u8::is_ascii_whitespace)
}

/// Blank lines are skipped and not counted; a line that was too long is one rejected row;
/// any other line is one row.
fn parse_line(bytes: Option<&[u8]>, line: u64, max: usize, sink: &mut dyn Sink, problems: &mut Problems) {
    match bytes {
        None => too_long(line, max, problems),
        Some(bytes) if !is_blank(bytes) => parse_object(bytes, line, sink, problems),
        Some(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(body: &[u8], size: usize, max: usize) -> Vec<String> {
        let mut lines = Lines::bounded(0, max);
        let mut seen = Vec::new();
        let mut note = |n: u64, bytes: Option<&[u8]>| match bytes {
            Some(b) => seen.push(format!("{n}:{}", String::from_utf8_lossy(b))),
            None => seen.push(format!("{n}:too long")),
        };
        for chunk in body.chunks(size) {
            lines.split(chunk, &mut note);
        }
        lines.split_end(&mut note);
        seen
    }

    #[test]
    fn long_lines_are_dropped_as_they_stream_and_blank_ones_are_not_rows() {
        let spaces = " ".repeat(50);
        let body = format!("ab\n{}\n0123456789x\nc\n{spaces}x\nd", "z".repeat(30));
        for size in [1, 3, 7, 100] {
            let seen = lines(body.as_bytes(), size, 10);
            assert_eq!(seen, ["1:ab", "2:too long", "3:too long", "4:c", "5:too long", "6:d"], "chunks of {size}");
            let blank = format!("a\n{spaces}\n{spaces}");
            assert_eq!(lines(blank.as_bytes(), size, 10), ["1:a"], "blank lines, however long, are not rows");
        }
    }
}
