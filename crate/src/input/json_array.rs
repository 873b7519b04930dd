//! A JSON array of objects, split into its elements as the bytes arrive, so that even a
//! large array is parsed element by element without being held whole.

use super::json::parse_object;
use super::Sink;
use crate::problems::Problems;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum State {
    /// Before the opening `[`.
    Start,
    /// After `[` or `,`: an element or `]` comes next.
    BeforeElement,
    /// Inside an element.
    InElement,
    /// After an element: `,` or `]` comes next.
    AfterElement,
    /// After the closing `]`.
    Done,
}

/// Finds the top-level elements of an array; element `n` (1-based) is reported as line
/// `n` in problems.
pub struct Elements {
    state: State,
    depth: u32,
    in_string: bool,
    escaped: bool,
    /// The start of an element that began in an earlier chunk.
    pending: Vec<u8>,
    index: u64,
}

impl Default for Elements {
    fn default() -> Self {
        Elements { state: State::Start, depth: 0, in_string: false, escaped: false, pending: Vec::new(), index: 0 }
    }
}

impl Elements {
    /// Parses every element that `chunk` completes; an error describes broken structure
    /// between elements.
    pub fn feed<S: Sink<N>, const N: usize>(
        &mut self,
        chunk: &[u8],
        sink: &mut S,
        problems: &mut Problems,
    ) -> Result<(), String> {
        let mut start = 0;
        for (i, &b) in chunk.iter().enumerate() {
            match self.state {
                State::Start | State::AfterElement | State::Done | State::BeforeElement if b.is_ascii_whitespace() => {}
                State::Start if b == b'[' => self.state = State::BeforeElement,
                State::Start => return Err(format!("expected a JSON array, found {:?}", char::from(b))),
                State::BeforeElement if b == b']' => self.state = State::Done,
                State::BeforeElement => {
                    self.state = State::InElement;
                    start = i;
                    self.step(b, chunk, start, i, sink, problems);
                }
                State::InElement => self.step(b, chunk, start, i, sink, problems),
                State::AfterElement if b == b',' => self.state = State::BeforeElement,
                State::AfterElement if b == b']' => self.state = State::Done,
                State::AfterElement => {
                    return Err(format!("expected , or ] after element {}, found {:?}", self.index, char::from(b)))
                }
                State::Done => return Err("there is data after the end of the array".into()),
            }
        }
        if self.state == State::InElement {
            let begun = if self.pending.is_empty() { start } else { 0 };
            self.pending.extend_from_slice(&chunk[begun..]);
        }
        Ok(())
    }

    /// Moves through one byte of an element; ends it at its closing bracket, or for a
    /// scalar element at the `,` or `]` that follows it.
    fn step<S: Sink<N>, const N: usize>(
        &mut self,
        b: u8,
        chunk: &[u8],
        start: usize,
        i: usize,
        sink: &mut S,
        problems: &mut Problems,
    ) {
        if self.in_string {
            match (self.escaped, b) {
                (true, _) => self.escaped = false,
                (false, b'\\') => self.escaped = true,
                (false, b'"') => self.in_string = false,
                _ => {}
            }
            return;
        }
        match b {
            b'"' => self.in_string = true,
            b'{' | b'[' => self.depth += 1,
            b'}' | b']' if self.depth > 0 => {
                self.depth -= 1;
                if self.depth == 0 {
                    self.emit(&chunk[self.begin(start)..=i], sink, problems);
                    self.state = State::AfterElement;
                }
            }
            b',' | b']' if self.depth == 0 => {
                self.emit(&chunk[self.begin(start)..i], sink, problems);
                self.state = if b == b',' { State::BeforeElement } else { State::Done };
            }
            _ => {}
        }
    }

    /// Where the current element starts in this chunk (0 when it began in an earlier one).
    fn begin(&self, start: usize) -> usize {
        if self.pending.is_empty() {
            start
        } else {
            0
        }
    }

    fn emit<S: Sink<N>, const N: usize>(&mut self, tail: &[u8], sink: &mut S, problems: &mut Problems) {
        self.index += 1;
        if self.pending.is_empty() {
            parse_object(tail, self.index, sink, problems);
        } else {
            self.pending.extend_from_slice(tail);
            let element = std::mem::take(&mut self.pending);
            parse_object(&element, self.index, sink, problems);
        }
    }

    /// At the end of the body: an element cut off is a rejected row, a missing `]` a
    /// warning; rows already read are kept either way.
    pub fn finish(&mut self, problems: &mut Problems) {
        match self.state {
            State::InElement => {
                self.index += 1;
                problems.rows_read += 1;
                problems.reject(self.index, "record", || "the body ends inside this element (cut off?)".into());
            }
            State::BeforeElement | State::AfterElement => {
                problems.warn(self.index, "record", || "the array has no closing ] (cut off?)".into());
            }
            State::Start | State::Done => {}
        }
    }
}
