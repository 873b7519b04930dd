//! NDJSON: one JSON object a line, split as the bytes arrive.

use super::json::parse_object;
use super::Sink;
use crate::problems::Problems;

/// Splits a stream into lines; only an unfinished last line is ever copied.
#[derive(Default)]
pub struct Lines {
    pending: Vec<u8>,
    line: u64,
}

impl Lines {
    /// Parses every line that `chunk` completes.
    pub fn feed<S: Sink<N>, const N: usize>(&mut self, mut chunk: &[u8], sink: &mut S, problems: &mut Problems) {
        if !self.pending.is_empty() {
            let Some(end) = memchr::memchr(b'\n', chunk) else {
                self.pending.extend_from_slice(chunk);
                return;
            };
            self.pending.extend_from_slice(&chunk[..end]);
            self.line += 1;
            parse_line(&self.pending, self.line, sink, problems);
            self.pending.clear();
            chunk = &chunk[end + 1..];
        }
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', chunk) {
            self.line += 1;
            parse_line(&chunk[start..end], self.line, sink, problems);
            start = end + 1;
        }
        self.pending.extend_from_slice(&chunk[start..]);
    }

    /// Parses a last line that has no newline.
    pub fn finish<S: Sink<N>, const N: usize>(&mut self, sink: &mut S, problems: &mut Problems) {
        if !self.pending.is_empty() {
            self.line += 1;
            parse_line(&std::mem::take(&mut self.pending), self.line, sink, problems);
        }
    }
}

/// Blank lines are skipped and not counted; any other line is one row.
fn parse_line<S: Sink<N>, const N: usize>(bytes: &[u8], line: u64, sink: &mut S, problems: &mut Problems) {
    if !bytes.iter().all(u8::is_ascii_whitespace) {
        parse_object(bytes, line, sink, problems);
    }
}
