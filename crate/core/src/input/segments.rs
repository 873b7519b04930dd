//! One body of events parsed by several threads (docs/architecture.md#several-workers-one-body):
//! the [`Cutter`] cuts its text at row boundaries into pieces that other workers parse
//! ([`parse_piece`]), and [`Joined`] appends their event logs in order, so that the result is
//! the one a single parser makes: the same rows, ids, problems and line numbers.
//!
//! Only events in NDJSON or CSV are cut. Any newline ends an NDJSON line, but a CSV row ends
//! at a newline only outside quotes, and a stray quote inside a field makes counting quotes
//! unreliable: from the first quote on, the rest of a CSV body is parsed in one piece, here.
//! So is a body of any other format (a JSON array; something the parser will refuse).

use super::parser::Parser;
use super::stream::{room_for, Feed, Limits, Text};
use super::MAX_RECORD;
use crate::error::Error;
use crate::problems::{Problem, Problems, Severity};
use crate::store::{Column, ColumnsIn, ColumnsOut, EventLog, Mismatch};

/// Text in a piece: enough that a worker's start on it costs nothing beside its parse, few
/// enough that the last piece, parsed after the body's end, is short.
pub const PIECE_BYTES: usize = 2 << 20;

/// The UTF-8 byte-order mark, which the first piece keeps for its parser.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How a piece's text begins, so that a parser can read it on its own.
#[derive(Clone, Debug, PartialEq)]
pub enum Head {
    /// The body's first piece: read as the whole body would be.
    First,
    /// NDJSON lines.
    Ndjson,
    /// CSV rows under this header line (its newline included).
    Csv(Vec<u8>),
}

#[cfg(any(test, target_arch = "wasm32"))]
impl Head {
    /// The head as bytes, to travel with its piece: a tag, then a CSV header.
    pub fn encode(&self) -> Vec<u8> {
        match self {
            Head::First => vec![0],
            Head::Ndjson => vec![1],
            Head::Csv(header) => [&[2], &header[..]].concat(),
        }
    }

    /// The head of [`Head::encode`]'s bytes.
    pub fn decode(bytes: &[u8]) -> Option<Head> {
        match bytes.split_first()? {
            (0, []) => Some(Head::First),
            (1, []) => Some(Head::Ndjson),
            (2, header) => Some(Head::Csv(header.to_vec())),
            _ => None,
        }
    }
}

/// A piece of a body's text, cut after a newline that ends a row.
pub struct Piece {
    pub head: Head,
    pub text: Vec<u8>,
}

/// What one piece made: its events, its problems with lines counted from the piece's first
/// line, and the lines it spans.
pub struct Segment {
    pub log: EventLog,
    pub problems: Problems,
    pub lines: u64,
}

impl Segment {
    /// The segment as columns, to go back from the worker that parsed it: the log's, then
    /// the counts, then the problems kept (their fields and reasons end to end).
    pub fn into_columns(self) -> Result<Vec<Column>, Mismatch> {
        let mut out = ColumnsOut::default();
        self.log.columns_out(&mut out)?;
        let p = &self.problems;
        out.0.push(Column::U64(vec![self.lines, p.rows_read, p.rows_rejected, p.warnings]));
        out.0.push(Column::U8(p.problems.iter().map(|p| p.severity as u8).collect()));
        out.0.push(Column::U64(p.problems.iter().map(|p| p.line).collect()));
        let (mut words, mut ends) = (Vec::new(), Vec::new());
        for text in p.problems.iter().flat_map(|p| [&p.field, &p.reason]) {
            words.extend_from_slice(text.as_bytes());
            ends.push(words.len() as u64);
        }
        out.0.extend([Column::U64(ends), Column::U8(words)]);
        Ok(out.0)
    }

    /// The segment of [`Segment::into_columns`]' columns, or why they do not make one.
    pub fn from_columns(columns: Vec<Column>) -> Result<Segment, Mismatch> {
        let mut columns = ColumnsIn::new(columns);
        let log = EventLog::columns_in(&mut columns)?;
        let [lines, rows_read, rows_rejected, warnings] = columns.u64()?[..] else {
            return Err("a segment without its counts");
        };
        let (severities, at, ends, words) = (columns.u8()?, columns.u64()?, columns.u64()?, columns.u8()?);
        let words = String::from_utf8(words).map_err(|_| "problems that are not UTF-8")?;
        let mut start = 0;
        let mut texts = ends.iter().map(|&end| {
            let text = words.get(start..end as usize).map(str::to_owned);
            start = end as usize;
            text
        });
        let problems = severities
            .iter()
            .zip(at)
            .map(|(&severity, line)| {
                let severity = if severity == 0 { Severity::Rejected } else { Severity::Warning };
                let (field, reason) = (texts.next().flatten(), texts.next().flatten());
                let (field, reason) = field.zip(reason).ok_or("problems without their words")?;
                Ok(Problem { input: String::new(), severity, line, field, reason })
            })
            .collect::<Result<_, Mismatch>>()?;
        if !columns.is_done() || ends.len() != severities.len() * 2 {
            return Err("a segment's columns that do not fit together");
        }
        let problems = Problems { rows_read, rows_rejected, warnings, problems };
        Ok(Segment { log, problems, lines })
    }
}

/// A parser of a piece that begins as `head` says, with the lines its head adds.
fn piece_parser(source: &str, head: &Head) -> Result<(Parser<EventLog>, u64), Error> {
    Ok(match head {
        Head::First => (Parser::shaped(source, EventLog::default(), None), 0),
        Head::Ndjson => (Parser::ndjson(source, EventLog::default()), 0),
        Head::Csv(header) => {
            let mut parser = Parser::shaped(source, EventLog::default(), None);
            parser.feed(header)?;
            (parser, 1)
        }
    })
}

/// What a piece's parser made, its problems' lines counted from the piece's first line.
fn segment(parser: Parser<EventLog>, head_lines: u64, lines: u64) -> Result<Segment, Error> {
    let (log, mut problems, _) = parser.finish()?;
    problems.problems.iter_mut().for_each(|p| p.line = p.line.saturating_sub(head_lines));
    Ok(Segment { log, problems, lines })
}

/// Parses one piece of the input named `source` (in a worker of its own).
pub fn parse_piece(source: &str, head: &Head, text: &[u8]) -> Result<Segment, Error> {
    let (mut parser, head_lines) = piece_parser(source, head)?;
    parser.feed(text)?;
    segment(parser, head_lines, memchr::memchr_iter(b'\n', text).count() as u64)
}

/// Parses `pieces` at once, one thread each, their segments in order (natively: the browser
/// parses pieces in workers instead).
#[cfg(not(target_arch = "wasm32"))]
pub fn parse_pieces(source: &str, pieces: &[Piece]) -> Vec<Result<Segment, Error>> {
    let parse = |piece: &Piece| parse_piece(source, &piece.head, &piece.text);
    if pieces.len() < 2 {
        return pieces.iter().map(parse).collect();
    }
    std::thread::scope(|scope| {
        let threads: Vec<_> = pieces.iter().map(|piece| scope.spawn(move || parse(piece))).collect();
        // A panic in a thread is a bug: it goes on as one, here.
        threads.into_iter().map(|t| t.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))).collect()
    })
}

/// Where the cutter is in the body.
enum State {
    /// The start of the body, until its format is known and a CSV header is whole.
    Opening(Vec<u8>),
    /// Text since the last cut; `first`: nothing was cut yet.
    Cutting { head: Head, text: Vec<u8>, first: bool },
    /// The rest of the body, parsed here; its head added `head_lines` lines.
    Here { parser: Box<Parser<EventLog>>, head_lines: u64 },
    /// Only while switching.
    Switching,
}

/// What is left when the body ends.
pub enum Tail {
    /// The last piece, for a worker (none when the body ended with a cut).
    Cut(Option<Piece>),
    /// The rest of the body, parsed here.
    Here(Box<Segment>),
}

/// The text of a body of events, cut into pieces of about `size` bytes at row boundaries
/// (take them with [`Cutter::take_cut`] after each feed), or parsed here from where it
/// cannot be cut.
pub struct Cutter {
    source: String,
    size: usize,
    state: State,
    cut: Vec<Piece>,
}

impl Cutter {
    /// A cutter of the input named `source` into pieces of about `size` bytes.
    pub fn new(source: impl Into<String>, size: usize) -> Cutter {
        Cutter { source: source.into(), size, state: State::Opening(Vec::new()), cut: Vec::new() }
    }

    /// The pieces cut since the last call, in body order.
    pub fn take_cut(&mut self) -> Vec<Piece> {
        std::mem::take(&mut self.cut)
    }

    /// Decides, once the body's first row is whole, whether it can be cut.
    fn open(&mut self) -> Result<(), Error> {
        let State::Opening(start) = &self.state else { return Ok(()) };
        let body = start.strip_prefix(BOM).unwrap_or(start);
        let Some(first) = body.iter().position(|b| !b.is_ascii_whitespace()) else {
            return if start.len() > self.size { self.parse_here() } else { Ok(()) };
        };
        let head = match body[first] {
            b'{' => Head::Ndjson,
            b'[' | b'<' | 0x1f => return self.parse_here(),
            b if b < 0x20 || b == 0x7f => return self.parse_here(),
            _ => match memchr::memchr(b'\n', &body[first..]) {
                None if start.len() > self.size => return self.parse_here(),
                None => return Ok(()),
                Some(end) => Head::Csv(body[first..first + end + 1].to_vec()),
            },
        };
        let quoted = matches!(head, Head::Csv(_)) && memchr::memchr(b'"', start).is_some();
        let State::Opening(text) = std::mem::replace(&mut self.state, State::Switching) else { return Ok(()) };
        self.state = State::Cutting { head, text, first: true };
        if quoted {
            return self.parse_here();
        }
        self.cut_rows();
        Ok(())
    }

    /// Cuts pieces off the text while there is a piece's worth, each after its last newline.
    fn cut_rows(&mut self) {
        let size = self.size;
        let State::Cutting { head, text, first } = &mut self.state else { return };
        while text.len() >= size {
            let Some(end) = memchr::memrchr(b'\n', text) else { return };
            let mut rest = Vec::with_capacity(size + size / 4);
            rest.extend_from_slice(&text[end + 1..]);
            text.truncate(end + 1);
            let head = if std::mem::take(first) { Head::First } else { head.clone() };
            self.cut.push(Piece { head, text: std::mem::replace(text, rest) });
        }
    }

    /// Parses the rest of the body here, from the text not yet cut.
    fn parse_here(&mut self) -> Result<(), Error> {
        let (head, text) = match std::mem::replace(&mut self.state, State::Switching) {
            State::Opening(text) => (Head::First, text),
            State::Cutting { head, text, first } => (if first { Head::First } else { head }, text),
            here => {
                self.state = here;
                return Ok(());
            }
        };
        let (mut parser, head_lines) = piece_parser(&self.source, &head)?;
        parser.feed(&text)?;
        self.state = State::Here { parser: Box::new(parser), head_lines };
        Ok(())
    }
}

impl Feed for Cutter {
    fn feed(&mut self, more: &[u8]) -> Result<(), Error> {
        match &mut self.state {
            State::Opening(start) => {
                start.extend_from_slice(more);
                self.open()
            }
            State::Cutting { head, text, .. } => {
                let quoted = matches!(head, Head::Csv(_)) && memchr::memchr(b'"', more).is_some();
                text.extend_from_slice(more);
                if quoted {
                    return self.parse_here();
                }
                self.cut_rows();
                // A line longer than any row kept has no newline to cut at: parse it here,
                // rather than hold it.
                match &self.state {
                    State::Cutting { text, .. } if text.len() > self.size + MAX_RECORD => self.parse_here(),
                    _ => Ok(()),
                }
            }
            State::Here { parser, .. } => parser.feed(more),
            State::Switching => Ok(()),
        }
    }

    fn rows_read(&self) -> u64 {
        match &self.state {
            State::Here { parser, .. } => parser.problems().rows_read,
            _ => 0,
        }
    }

    fn reserve(&mut self, additional: usize) {
        if let State::Here { parser, .. } = &mut self.state {
            parser.reserve(additional);
        }
    }
}

impl Text for Cutter {
    type Output = Tail;

    fn finish(mut self) -> Result<Tail, Error> {
        if matches!(self.state, State::Opening(_)) {
            self.parse_here()?;
        }
        match self.state {
            State::Cutting { head, text, first } => {
                let head = if first { Head::First } else { head };
                Ok(Tail::Cut((!text.is_empty() || first).then_some(Piece { head, text })))
            }
            State::Here { parser, head_lines } => Ok(Tail::Here(Box::new(segment(*parser, head_lines, 0)?))),
            State::Opening(_) | State::Switching => {
                Err(Error::Io { source: self.source, reason: "the load was interrupted".into() })
            }
        }
    }
}

/// The segments of one body put back together, in body order.
pub struct Joined {
    source: String,
    log: EventLog,
    problems: Problems,
    /// Lines of the segments joined so far.
    lines: u64,
    max_rows: Option<u64>,
    /// The body's announced size, and the text joined so far, to make room for its rows.
    expected: Option<u64>,
    text: u64,
    room: u64,
}

impl Joined {
    /// Segments of the input named `source`, bounded by `limits`; `expected`: the body's
    /// announced size in bytes (a `Content-Length`), for the room made for its rows.
    pub fn new(source: impl Into<String>, limits: Limits, expected: Option<u64>) -> Joined {
        let (log, problems) = (EventLog::default(), Problems::default());
        Joined { source: source.into(), log, problems, lines: 0, max_rows: limits.max_rows, expected, text: 0, room: 0 }
    }

    /// Appends the next segment, made of `bytes` of text.
    pub fn join(&mut self, mut segment: Segment, bytes: u64) -> Result<(), Error> {
        segment.problems.problems.iter_mut().for_each(|p| p.line += self.lines);
        self.problems.absorb(&segment.problems);
        if let Some(max) = self.max_rows.filter(|&max| self.problems.rows_read > max) {
            return Err(Error::TooLarge { source: self.source.clone(), limit: format!("{max} rows") });
        }
        self.lines += segment.lines;
        self.text += bytes;
        let rows = (self.log.len() + segment.log.len()) as u64;
        if let Some(target) = self.expected.and_then(|expected| room_for(expected, self.text, rows, self.room)) {
            self.log.reserve((target - self.log.len() as u64) as usize);
            self.room = target;
        }
        self.log.append(segment.log);
        Ok(())
    }

    /// The events of every segment, and their problems.
    pub fn finish(self) -> (EventLog, Problems) {
        (self.log, self.problems)
    }
}

#[cfg(test)]
mod tests;
