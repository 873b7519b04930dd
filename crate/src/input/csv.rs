//! CSV with a header row (quoted fields, CRLF, a UTF-8 BOM), parsed by `csv-core` as the
//! bytes arrive. Cells are untyped text ([`Value::Cell`]); each field gives its type.

use super::value::{Record, Schema, Value};
use crate::problems::Problems;

use super::Sink;
use csv_core::ReadRecordResult;

/// A streaming CSV reader that knows its header.
pub struct Rows {
    reader: csv_core::Reader,
    out: Vec<u8>,
    out_len: usize,
    ends: Vec<usize>,
    ends_len: usize,
    /// For each column, the slot it fills (and whether by its canonical name).
    header: Option<Vec<Option<(usize, bool)>>>,
    /// The line the record being read started on.
    line: u64,
}

impl Default for Rows {
    fn default() -> Self {
        Rows {
            reader: csv_core::Reader::new(),
            out: vec![0; 4096],
            out_len: 0,
            ends: vec![0; 32],
            ends_len: 0,
            header: None,
            line: 1,
        }
    }
}

impl Rows {
    /// Parses every record that `input` completes (an empty `input` ends the body). An
    /// error means the header names none of the fields this input kind knows.
    pub fn feed<S: Sink<N>, const N: usize>(
        &mut self,
        mut input: &[u8],
        sink: &mut S,
        problems: &mut Problems,
    ) -> Result<(), String> {
        let at_end = input.is_empty();
        loop {
            if self.out_len == 0 && self.ends_len == 0 {
                self.line = self.reader.line(); // counts from 1
            }
            let (result, nin, nout, nend) =
                self.reader.read_record(input, &mut self.out[self.out_len..], &mut self.ends[self.ends_len..]);
            input = &input[nin..];
            self.out_len += nout;
            self.ends_len += nend;
            match result {
                ReadRecordResult::InputEmpty if !at_end => return Ok(()),
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => self.out.resize(self.out.len() * 2, 0),
                ReadRecordResult::OutputEndsFull => self.ends.resize(self.ends.len() * 2, 0),
                ReadRecordResult::Record => {
                    self.record(sink, problems)?;
                    self.out_len = 0;
                    self.ends_len = 0;
                }
                ReadRecordResult::End => return Ok(()),
            }
        }
    }

    fn record<S: Sink<N>, const N: usize>(&mut self, sink: &mut S, problems: &mut Problems) -> Result<(), String> {
        let fields = &self.ends[..self.ends_len];
        let cell = |i: usize| {
            let start = if i == 0 { 0 } else { fields[i - 1] };
            &self.out[start..fields[i]]
        };
        let Some(header) = &self.header else {
            let header: Vec<_> = (0..fields.len())
                .map(|i| std::str::from_utf8(cell(i)).ok().and_then(|name| S::Schema::slot(name.trim())))
                .collect();
            if header.iter().all(Option::is_none) {
                let names: Vec<String> =
                    (0..fields.len()).map(|i| String::from_utf8_lossy(cell(i)).into_owned()).collect();
                return Err(format!("the CSV header ({}) names none of the fields this input needs", names.join(", ")));
            }
            self.header = Some(header);
            return Ok(());
        };
        problems.rows_read += 1;
        let mut record = Record::<N>::new();
        for (i, slot) in header.iter().enumerate().take(fields.len()) {
            let Some((slot, canonical)) = *slot else { continue };
            let Ok(text) = std::str::from_utf8(cell(i)) else {
                problems.reject(self.line, "record", || format!("column {} is not valid UTF-8", i + 1));
                return Ok(());
            };
            if !text.is_empty() {
                record.set(slot, canonical, Some(Value::Cell(text)));
            }
        }
        sink.accept(record, self.line, problems);
        Ok(())
    }
}
