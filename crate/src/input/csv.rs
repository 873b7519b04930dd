//! CSV with a header row, parsed as the bytes arrive. Most lines have no quotes: they are
//! split at their commas directly. A line with a quote goes to `csv-core` (quoted fields,
//! escaped quotes, newlines inside quotes) until its record ends, and the direct way resumes
//! after it. Cells are untyped text ([`Value::Cell`]); each field gives its type. A record
//! longer than the limit streams by without being kept and is one rejected row.

use super::ndjson::{is_blank, too_long};
use super::value::{Record, Schema, Value};
use super::{Sink, MAX_RECORD};
use crate::problems::Problems;
use crate::text::quoted_bytes;
use csv_core::ReadRecordResult;

/// Fields a record may have, at most.
const MAX_FIELDS: usize = 4096;

/// Whether a line (`whole`: up to its newline, else the unfinished end of the input) needs
/// `csv-core`: it has a quote, or a carriage return that does not end a CRLF line.
fn needs_csv_core(line: &[u8], whole: bool) -> bool {
    match memchr::memchr2(b'"', b'\r', line) {
        None => false,
        Some(at) if line[at] == b'"' => true,
        Some(at) => !(whole && at + 1 == line.len()) || memchr::memchr(b'"', line).is_some(),
    }
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
            header: None,
            line: lines,
            record_line: lines + 1,
        }
    }

    /// Parses every record that `input` completes (an empty `input` ends the body). An
    /// error means the header names none of the fields this input kind knows.
    pub fn feed<S: Sink<N>, const N: usize>(
        &mut self,
        mut input: &[u8],
        sink: &mut S,
        problems: &mut Problems,
    ) -> Result<(), String> {
        if input.is_empty() {
            return self.end(sink, problems);
        }
        while !input.is_empty() {
            if self.in_record {
                input = self.quoted(input, sink, problems)?;
                continue;
            }
            let Some(end) = memchr::memchr(b'\n', input) else {
                if needs_csv_core(input, false) {
                    input = self.start_quoted(input, sink, problems)?;
                    continue;
                }
                self.keep(input);
                return Ok(());
            };
            if needs_csv_core(&input[..end], true) || memchr::memchr(b'"', &self.pending).is_some() {
                input = self.start_quoted(input, sink, problems)?;
                continue;
            }
            let line = &input[..end];
            self.line += 1;
            self.record_line = self.line;
            if self.pending.is_empty() && !self.overflowed {
                self.plain(line, sink, problems)?;
            } else {
                self.keep(line);
                let (pending, overflowed) = (std::mem::take(&mut self.pending), self.overflowed);
                self.overflowed = false;
                if overflowed {
                    too_long(self.record_line, MAX_RECORD, problems);
                } else {
                    self.plain(&pending, sink, problems)?;
                }
            }
            input = &input[end + 1..];
        }
        Ok(())
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

    /// One whole line without quotes: its cells are what lies between its commas.
    fn plain<S: Sink<N>, const N: usize>(
        &mut self,
        line: &[u8],
        sink: &mut S,
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
        let mut cells = [(0usize, 0usize); 64];
        let mut count = 0;
        let mut start = 0;
        let mut many = Vec::new();
        for end in memchr::memchr_iter(b',', line).chain(std::iter::once(line.len())) {
            if count < cells.len() {
                cells[count] = (start, end);
            } else {
                many.push((start, end));
            }
            count += 1;
            start = end + 1;
        }
        if count > MAX_FIELDS {
            too_long(self.record_line, MAX_RECORD, problems);
            return Ok(());
        }
        let all: Vec<(usize, usize)>;
        let spans: &[(usize, usize)] = if many.is_empty() {
            &cells[..count]
        } else {
            all = cells.iter().copied().chain(many).collect();
            &all
        };
        self.record(|i| &line[spans[i].0..spans[i].1], spans.len(), sink, problems)
    }

    /// A record with a quote starts at the beginning of `input`, after any unfinished line
    /// kept: `csv-core` reads it; what follows its end is handed back.
    fn start_quoted<'i, S: Sink<N>, const N: usize>(
        &mut self,
        input: &'i [u8],
        sink: &mut S,
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
    fn quoted<'i, S: Sink<N>, const N: usize>(
        &mut self,
        mut input: &'i [u8],
        sink: &mut S,
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
                        let cell = |i: usize| &out[if i == 0 { 0 } else { fields[i - 1] }..fields[i]];
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
    fn end<S: Sink<N>, const N: usize>(&mut self, sink: &mut S, problems: &mut Problems) -> Result<(), String> {
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
        self.plain(&pending, sink, problems)
    }

    /// One record of `count` cells: the header, or a row for the sink.
    fn record<'c, S: Sink<N>, const N: usize>(
        &mut self,
        cell: impl Fn(usize) -> &'c [u8],
        count: usize,
        sink: &mut S,
        problems: &mut Problems,
    ) -> Result<(), String> {
        let Some(header) = &self.header else {
            let header: Vec<_> = (0..count)
                .map(|i| std::str::from_utf8(cell(i)).ok().and_then(|name| S::Schema::slot(name.trim())))
                .collect();
            if header.iter().all(Option::is_none) {
                let names: Vec<u8> = (0..count).flat_map(|i| [cell(i), b", "].concat()).collect();
                return Err(format!(
                    "the CSV header {} names none of the fields this input needs",
                    quoted_bytes(names.strip_suffix(b", ").unwrap_or(&names))
                ));
            }
            self.header = Some(header);
            return Ok(());
        };
        problems.rows_read += 1;
        let mut record = Record::<N>::new();
        for (i, slot) in header.iter().enumerate().take(count) {
            let Some((slot, canonical)) = *slot else { continue };
            let Ok(text) = std::str::from_utf8(cell(i)) else {
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
