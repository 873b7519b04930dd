//! CSV with a header row, parsed as the bytes arrive. Most lines have no quotes: they are
//! split at their commas directly. A line with a quote goes to `csv-core` (quoted fields,
//! escaped quotes, newlines inside quotes) until its record ends, and the direct way resumes
//! after it. Cells are untyped text ([`Value::Cell`]); each field gives its type. A record
//! longer than the limit streams by without being kept and is one rejected row.

use super::ndjson::is_blank;
use super::too_long;
use super::value::{Record, Value};
use super::{Sink, MAX_RECORD};
use crate::problems::Problems;
use crate::text::quoted_bytes;
use csv_core::ReadRecordResult;

/// Fields a record may have, at most.
const MAX_FIELDS: usize = 4096;

/// What the next line of the input is, to the fast way.
enum Scanned {
    /// A whole line without quotes, ending at this newline.
    Line(usize),
    /// A line for `csv-core`.
    Special,
    /// A line that goes on in the next chunk.
    Unfinished,
}

/// A streaming CSV reader that knows its header.
pub struct Rows {
    /// For quoted records.
    reader: csv_core::Reader,
    out: Vec<u8>,
    out_len: usize,
    ends: Vec<usize>,
    ends_len: usize,
    /// Whether `reader` is inside a record (a quoted one, or one begun in `pending`).
    in_record: bool,
    /// The current record outgrew the limit: its bytes are dropped until it ends.
    overflowed: bool,
    /// An unfinished line without quotes so far, begun in an earlier chunk.
    pending: Vec<u8>,
    /// Where the cells of the line being split end (kept to spare an allocation a line).
    cell_ends: Vec<usize>,
    /// For each column, the slot it fills (and whether by its canonical name).
    header: Option<Vec<Option<(usize, bool)>>>,
    /// Lines passed so far.
    line: u64,
    /// The line the current record started on.
    record_line: u64,
}

impl Rows {
    /// The rows of a body whose first `lines` lines were blank.
    pub fn starting_after(lines: u64) -> Rows {
        Rows {
            reader: csv_core::Reader::new(),
            out: vec![0; 4096],
            out_len: 0,
            ends: vec![0; 32],
            ends_len: 0,
            in_record: false,
            overflowed: false,
            pending: Vec::new(),
            cell_ends: Vec::new(),
            header: None,
            line: lines,
            record_line: lines + 1,
        }
    }

    /// Parses every record that `input` completes (an empty `input` ends the body). An
    /// error means the header names none of the fields this input kind knows.
    pub fn feed(&mut self, mut input: &[u8], sink: &mut dyn Sink, problems: &mut Problems) -> Result<(), String> {
        if input.is_empty() {
            return self.end(sink, problems);
        }
        while !input.is_empty() {
            if self.in_record {
                input = self.quoted(input, sink, problems)?;
                continue;
            }
            let end = match self.scan(input) {
                Scanned::Special => {
                    input = self.start_quoted(input, sink, problems)?;
                    continue;
                }
                Scanned::Unfinished => {
                    self.keep(input);
                    return Ok(());
                }
                Scanned::Line(end) => end,
            };
            self.line += 1;
            self.record_line = self.line;
            if self.pending.is_empty() && !self.overflowed {
                self.plain(&input[..end], true, sink, problems)?;
            } else {
                self.keep(&input[..end]);
                let (pending, overflowed) = (std::mem::take(&mut self.pending), self.overflowed);
                self.overflowed = false;
                if overflowed {
                    too_long(self.record_line, MAX_RECORD, problems);
                } else {
                    self.plain(&pending, false, sink, problems)?;
                }
            }
            input = &input[end + 1..];
        }
        Ok(())
    }

    /// One pass over the next line of `input`: where its commas are (into `cell_ends`) and
    /// where it ends, or that it needs `csv-core` (a quote, a carriage return that does not
    /// end a CRLF line), or that it goes on in the next chunk.
    fn scan(&mut self, input: &[u8]) -> Scanned {
        if memchr::memchr(b'"', &self.pending).is_some() {
            return Scanned::Special;
        }
        self.cell_ends.clear();
        scan_line(input, &mut self.cell_ends)
    }

    /// Keeps part of an unfinished line without quotes, up to the limit.
    fn keep(&mut self, part: &[u8]) {
        if self.overflowed || self.pending.len() + part.len() > MAX_RECORD {
            self.overflowed = self.overflowed || !is_blank(&self.pending) || !is_blank(part);
            self.pending = Vec::new();
        } else {
            self.pending.extend_from_slice(part);
        }
    }

    /// One whole line without quotes: its cells are what lies between its commas (found by
    /// [`Rows::scan`] when `scanned`, else here).
    fn plain(
        &mut self,
        line: &[u8],
        scanned: bool,
        sink: &mut dyn Sink,
        problems: &mut Problems,
    ) -> Result<(), String> {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            return Ok(()); // a blank line is not a record
        }
        if line.len() > MAX_RECORD {
            too_long(self.record_line, MAX_RECORD, problems);
            return Ok(());
        }
        // Where each cell ends, in a buffer kept from line to line.
        let mut ends = std::mem::take(&mut self.cell_ends);
        if !scanned {
            ends.clear();
            ends.extend(memchr::memchr_iter(b',', line));
        }
        ends.push(line.len());
        if ends.len() > MAX_FIELDS {
            too_long(self.record_line, MAX_RECORD, problems);
            self.cell_ends = ends;
            return Ok(());
        }
        let span = |i: usize| if i == 0 { 0 } else { ends[i - 1] + 1 }..ends[i];
        // One check of the whole line: its cells, cut at ASCII commas, are then text too.
        let result = match std::str::from_utf8(line) {
            Ok(text) => self.record(|i| Ok(&text[span(i)]), ends.len(), sink, problems),
            Err(_) => self.record(|i| cell_text(&line[span(i)]), ends.len(), sink, problems),
        };
        self.cell_ends = ends;
        result
    }

    /// A record with a quote starts at the beginning of `input`, after any unfinished line
    /// kept: `csv-core` reads it; what follows its end is handed back.
    fn start_quoted<'i>(
        &mut self,
        input: &'i [u8],
        sink: &mut dyn Sink,
        problems: &mut Problems,
    ) -> Result<&'i [u8], String> {
        self.in_record = true;
        self.record_line = self.line + 1;
        let pending = std::mem::take(&mut self.pending);
        if !pending.is_empty() {
            let rest = self.quoted(&pending, sink, problems)?;
            debug_assert!(rest.is_empty() || !self.in_record);
            if !self.in_record {
                // The kept start was a whole record after all (it cannot be: it had no newline).
                return Ok(input);
            }
        }
        self.quoted(input, sink, problems)
    }

    /// Feeds `csv-core` until the current record ends (what follows is handed back) or the
    /// input does.
    fn quoted<'i>(
        &mut self,
        mut input: &'i [u8],
        sink: &mut dyn Sink,
        problems: &mut Problems,
    ) -> Result<&'i [u8], String> {
        loop {
            let (result, nin, nout, nend) =
                self.reader.read_record(input, &mut self.out[self.out_len..], &mut self.ends[self.ends_len..]);
            self.line += memchr::memchr_iter(b'\n', &input[..nin]).count() as u64;
            input = &input[nin..];
            self.out_len += nout;
            self.ends_len += nend;
            match result {
                ReadRecordResult::InputEmpty | ReadRecordResult::End => return Ok(input),
                ReadRecordResult::OutputFull if self.out.len() < MAX_RECORD => self.out.resize(self.out.len() * 2, 0),
                ReadRecordResult::OutputEndsFull if self.ends.len() < MAX_FIELDS => {
                    self.ends.resize(self.ends.len() * 2, 0)
                }
                ReadRecordResult::OutputFull | ReadRecordResult::OutputEndsFull => {
                    // Too long: keep reading the record, keeping nothing of it.
                    self.overflowed = true;
                    (self.out_len, self.ends_len) = (0, 0);
                }
                ReadRecordResult::Record => {
                    self.in_record = false;
                    if std::mem::take(&mut self.overflowed) {
                        too_long(self.record_line, MAX_RECORD, problems);
                    } else {
                        let (out, ends) = (std::mem::take(&mut self.out), std::mem::take(&mut self.ends));
                        let fields = &ends[..self.ends_len];
                        let cell = |i: usize| cell_text(&out[if i == 0 { 0 } else { fields[i - 1] }..fields[i]]);
                        let result = self.record(cell, fields.len(), sink, problems);
                        (self.out, self.ends) = (out, ends);
                        result?;
                    }
                    (self.out_len, self.ends_len) = (0, 0);
                    self.record_line = self.line + 1;
                    return Ok(input);
                }
            }
        }
    }

    /// The end of the body: a last line without a newline, or a quoted record left open.
    fn end(&mut self, sink: &mut dyn Sink, problems: &mut Problems) -> Result<(), String> {
        if self.in_record {
            self.quoted(&[], sink, problems)?;
            return Ok(());
        }
        self.line += 1;
        self.record_line = self.line;
        let pending = std::mem::take(&mut self.pending);
        if std::mem::take(&mut self.overflowed) {
            too_long(self.record_line, MAX_RECORD, problems);
            return Ok(());
        }
        self.plain(&pending, false, sink, problems)
    }

    /// One record of `count` cells (each text, or its bytes when they are not UTF-8): the
    /// header, or a row for the sink.
    fn record<'c>(
        &mut self,
        cell: impl Fn(usize) -> Result<&'c str, &'c [u8]>,
        count: usize,
        sink: &mut dyn Sink,
        problems: &mut Problems,
    ) -> Result<(), String> {
        let Some(header) = &self.header else {
            let header: Vec<_> = (0..count).map(|i| cell(i).ok().and_then(|name| sink.slot(name.trim()))).collect();
            if header.iter().all(Option::is_none) {
                let names: Vec<u8> =
                    (0..count).flat_map(|i| [cell(i).map_or_else(|b| b, str::as_bytes), b", "].concat()).collect();
                return Err(format!(
                    "the CSV header {} names none of the fields this input needs",
                    quoted_bytes(names.strip_suffix(b", ").unwrap_or(&names))
                ));
            }
            self.header = Some(header);
            return Ok(());
        };
        problems.rows_read += 1;
        let mut record = Record::new();
        for (i, slot) in header.iter().enumerate().take(count) {
            let Some((slot, canonical)) = *slot else { continue };
            let Ok(text) = cell(i) else {
                problems.reject(self.record_line, "record", || format!("column {} is not valid UTF-8", i + 1));
                return Ok(());
            };
            if !text.is_empty() {
                record.set(slot, canonical, Some(Value::Cell(text)));
            }
        }
        sink.accept(record, self.record_line, problems);
        Ok(())
    }
}

/// The next line of `input` for the fast way: its commas pushed to `commas`, where it ends,
/// or that it needs `csv-core`. Eight bytes at a time: a word without any of `,` `\n` `"`
/// `\r` (most of a cell) is passed over in a few operations.
fn scan_line(input: &[u8], commas: &mut Vec<usize>) -> Scanned {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    // The high bit of each byte of `word` that equals `b`, exactly.
    let equal = |word: u64, b: u8| {
        let x = word ^ (ONES * u64::from(b));
        !(((x & LOW7).wrapping_add(LOW7)) | x | LOW7)
    };
    let mut at = 0;
    while at + 8 <= input.len() {
        let mut word_bytes = [0u8; 8];
        word_bytes.copy_from_slice(&input[at..at + 8]);
        let word = u64::from_le_bytes(word_bytes);
        let special = equal(word, b'\n') | equal(word, b'"') | equal(word, b'\r');
        let mut comma = equal(word, b',');
        // Commas before the first special byte (or in the whole word).
        let limit = if special == 0 { 8 } else { special.trailing_zeros() as usize / 8 };
        while comma != 0 {
            let i = comma.trailing_zeros() as usize / 8;
            if i >= limit {
                break;
            }
            commas.push(at + i);
            comma &= comma - 1;
        }
        if special != 0 {
            return special_at(input, at + limit);
        }
        at += 8;
    }
    for (i, &b) in input.iter().enumerate().skip(at) {
        match b {
            b',' => commas.push(i),
            b'\n' | b'"' | b'\r' => return special_at(input, i),
            _ => {}
        }
    }
    Scanned::Unfinished
}

/// What the special byte at `i` means: the line's end, or a line for `csv-core`.
fn special_at(input: &[u8], i: usize) -> Scanned {
    match input[i] {
        b'\n' => Scanned::Line(i),
        b'\r' if input.get(i + 1) == Some(&b'\n') => {
            // A CRLF line: its carriage return is stripped with the line.
            Scanned::Line(i + 1)
        }
        _ => Scanned::Special,
    }
}

/// A cell's text, or its bytes when they are not UTF-8.
fn cell_text(bytes: &[u8]) -> Result<&str, &[u8]> {
    std::str::from_utf8(bytes).map_err(|_| bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The scan a byte at a time, to check the word-at-a-time one against.
    fn naive(input: &[u8]) -> (Vec<usize>, Option<Result<usize, ()>>) {
        let mut commas = Vec::new();
        for (i, &b) in input.iter().enumerate() {
            match b {
                b',' => commas.push(i),
                b'\n' => return (commas, Some(Ok(i))),
                b'\r' if input.get(i + 1) == Some(&b'\n') => return (commas, Some(Ok(i + 1))),
                b'"' | b'\r' => return (commas, Some(Err(()))),
                _ => {}
            }
        }
        (commas, None)
    }

    proptest! {
        #[test]
        fn the_word_scan_finds_what_a_byte_scan_finds(input in proptest::collection::vec(prop_oneof![
            6 => Just(b'a'), 2 => Just(b','), 1 => Just(b'\n'), 1 => Just(b'\r'), 1 => Just(b'"'), 1 => any::<u8>()
        ], 0..40)) {
            let mut commas = Vec::new();
            let scanned = match scan_line(&input, &mut commas) {
                Scanned::Line(i) => Some(Ok(i)),
                Scanned::Special => Some(Err(())),
                Scanned::Unfinished => None,
            };
            prop_assert_eq!((commas, scanned), naive(&input));
        }
    }
}
