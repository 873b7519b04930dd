//! Gzip (RFC 1952) undone as the bytes arrive: members one after another (as `cat a.gz b.gz`
//! makes them), each member's header read and skipped, its deflate data inflated by
//! `miniz_oxide`, and its CRC-32 and length checked against its trailer.
//!
//! flate2 did the same through crc32fast, whose 16 KB of tables (a CRC eight bytes at a time)
//! weighed 4% of the wasm every page downloads; the CRC here takes four bytes at a time from
//! 4 KB of tables, at a fraction of inflating's own cost (docs/architecture.md#what-a-page-downloads).

use miniz_oxide::inflate::stream::{inflate, InflateState};
use miniz_oxide::{DataFormat, MZError, MZFlush, MZStatus};

/// Why undoing gzip stopped.
#[derive(Debug)]
pub enum Stop<E> {
    /// The bytes are not gzip as RFC 1952 has it; the reason reads after "the gzip data …".
    Corrupt(&'static str),
    /// Whoever took the text refused it.
    Refused(E),
}

/// The decoder of one body of gzip members.
pub struct Gunzip {
    inflater: Box<InflateState>,
    part: Part,
    /// The current header's or trailer's bytes so far.
    pending: Vec<u8>,
    /// The CRC-32 and length (mod 2³²) of the current member's text so far.
    crc: u32,
    crc_tables: Crc,
    size: u32,
    /// Where text is inflated to before it is handed on.
    out: Vec<u8>,
    members: u64,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    Header,
    Deflate,
    Trailer,
}

/// A header longer than this (a file name or comment that never ends) is refused; a real
/// one is a few dozen bytes.
const MAX_HEADER: usize = 1 << 17;

/// Text inflated at a time.
const OUT: usize = 1 << 15;

const TRAILER: usize = 8;

impl Default for Gunzip {
    fn default() -> Self {
        Gunzip {
            inflater: InflateState::new_boxed(DataFormat::Raw),
            part: Part::Header,
            pending: Vec::new(),
            crc: 0,
            crc_tables: Crc::new(),
            size: 0,
            out: vec![0; OUT],
            members: 0,
        }
    }
}

impl Gunzip {
    /// Undoes the next `input`, handing the text to `text` a piece at a time as it comes, so
    /// that a limit it enforces stops a decompression bomb within one piece.
    pub fn feed<E>(&mut self, mut input: &[u8], text: &mut impl FnMut(&[u8]) -> Result<(), E>) -> Result<(), Stop<E>> {
        // Each part reads what it can and hands back the rest once it ended, else `None`.
        while let Some(rest) = match self.part {
            Part::Header => self.header(input)?,
            Part::Deflate => self.inflate(input, text)?,
            Part::Trailer => self.trailer(input)?,
        } {
            input = rest;
        }
        Ok(())
    }

    /// Ends the body: hands on the text still held, and says whether the last member ended.
    pub fn finish<E>(&mut self, text: &mut impl FnMut(&[u8]) -> Result<(), E>) -> Result<(), Stop<E>> {
        self.feed(&[], text)?;
        match self.part {
            Part::Header if self.pending.is_empty() && self.members > 0 => Ok(()),
            _ => Err(Stop::Corrupt("is cut short")),
        }
    }

    /// Reads the header from the start of `input`: the rest of `input` once it is whole. A
    /// header within one chunk is read where it lies; only one split across chunks is kept.
    fn header<'a, E>(&mut self, input: &'a [u8]) -> Result<Option<&'a [u8]>, Stop<E>> {
        if input.is_empty() {
            return Ok(None);
        }
        let before = self.pending.len();
        let whole = if before == 0 {
            header_len(input)
        } else {
            self.pending.extend_from_slice(input);
            header_len(&self.pending)
        };
        match whole.map_err(Stop::Corrupt)? {
            Some(len) => {
                self.pending.clear();
                self.part = Part::Deflate;
                Ok(Some(&input[len - before..]))
            }
            None => {
                if before == 0 {
                    self.pending.extend_from_slice(input);
                }
                match self.pending.len() > MAX_HEADER {
                    true => Err(Stop::Corrupt("has a header longer than 128 KiB")),
                    false => Ok(None),
                }
            }
        }
    }

    /// Inflates what `input` holds: the rest of `input` once the member's deflate data ended.
    fn inflate<'a, E>(
        &mut self,
        mut input: &'a [u8],
        text: &mut impl FnMut(&[u8]) -> Result<(), E>,
    ) -> Result<Option<&'a [u8]>, Stop<E>> {
        loop {
            let result = inflate(&mut self.inflater, input, &mut self.out, MZFlush::None);
            let out = &self.out[..result.bytes_written];
            self.crc = self.crc_tables.update(self.crc, out);
            self.size = self.size.wrapping_add(out.len() as u32);
            if !out.is_empty() {
                text(out).map_err(Stop::Refused)?;
            }
            input = &input[result.bytes_consumed..];
            match result.status {
                Ok(MZStatus::StreamEnd) => {
                    self.part = Part::Trailer;
                    return Ok(Some(input));
                }
                Ok(_) if result.bytes_consumed + result.bytes_written > 0 => {}
                Ok(_) | Err(MZError::Buf) => return Ok(None),
                Err(_) => return Err(Stop::Corrupt("is corrupt: its deflate data is invalid")),
            }
        }
    }

    /// Reads the trailer from the start of `input` and checks it: the rest of `input` once
    /// it is whole.
    fn trailer<'a, E>(&mut self, input: &'a [u8]) -> Result<Option<&'a [u8]>, Stop<E>> {
        let take = input.len().min(TRAILER - self.pending.len());
        self.pending.extend_from_slice(&input[..take]);
        let Ok(trailer) = <[u8; TRAILER]>::try_from(self.pending.as_slice()) else { return Ok(None) };
        let word = |at: usize| u32::from_le_bytes([trailer[at], trailer[at + 1], trailer[at + 2], trailer[at + 3]]);
        if word(0) != self.crc {
            return Err(Stop::Corrupt("is corrupt: a member's CRC-32 does not match its text"));
        }
        if word(4) != self.size {
            return Err(Stop::Corrupt("is corrupt: a member's length does not match its text"));
        }
        self.pending.clear();
        self.inflater.reset(DataFormat::Raw);
        (self.crc, self.size, self.part) = (0, 0, Part::Header);
        self.members += 1;
        Ok(Some(&input[take..]))
    }
}

/// The length of the member header `bytes` start with, once all of it is there.
fn header_len(bytes: &[u8]) -> Result<Option<usize>, &'static str> {
    const FHCRC: u8 = 2;
    const FEXTRA: u8 = 4;
    const FNAME: u8 = 8;
    const FCOMMENT: u8 = 16;
    if bytes.first().is_some_and(|&b| b != 0x1f) || bytes.get(1).is_some_and(|&b| b != 0x8b) {
        return Err("is followed by bytes that are not gzip");
    }
    let [_, _, method, flags, ..] = *bytes else { return Ok(None) };
    if method != 8 {
        return Err("is not deflate data");
    }
    if flags & 0xe0 != 0 {
        return Err("is corrupt: a header sets reserved flags");
    }
    let mut at = 10;
    if flags & FEXTRA != 0 {
        let Some(&[low, high]) = bytes.get(at..at + 2) else { return Ok(None) };
        at += 2 + usize::from(u16::from_le_bytes([low, high]));
    }
    for flag in [FNAME, FCOMMENT] {
        if flags & flag != 0 {
            let Some(end) = bytes.get(at..).and_then(|rest| memchr::memchr(0, rest)) else { return Ok(None) };
            at += end + 1;
        }
    }
    if flags & FHCRC != 0 {
        at += 2;
    }
    Ok((bytes.len() >= at).then_some(at))
}

/// CRC-32 as gzip has it (IEEE 802.3, reflected), four bytes at a time: `tables[k][b]` is
/// the CRC of byte `b` followed by `k` zero bytes. Four tables (4 KB) make it three times as
/// fast as one; crc32fast's sixteen were 16 KB. They are built with each decoder (microseconds)
/// rather than kept in the wasm, where 4 KB of tables are 4 KB that gzip cannot shrink.
struct Crc(Box<[[u32; 256]; 4]>);

impl Crc {
    fn new() -> Crc {
        let mut tables = Box::new([[0; 256]; 4]);
        for byte in 0..256 {
            tables[0][byte] =
                (0..8).fold(byte as u32, |crc, _| if crc & 1 == 1 { 0xedb8_8320 ^ (crc >> 1) } else { crc >> 1 });
        }
        for k in 1..4 {
            for byte in 0..256 {
                let before = tables[k - 1][byte];
                tables[k][byte] = (before >> 8) ^ tables[0][(before & 0xff) as usize];
            }
        }
        Crc(tables)
    }

    /// `crc` carried on over `bytes`.
    fn update(&self, crc: u32, bytes: &[u8]) -> u32 {
        let at = |table: usize, crc: u32, shift: u32| self.0[table][((crc >> shift) & 0xff) as usize];
        let mut words = bytes.chunks_exact(4);
        let mut crc = !crc;
        for word in &mut words {
            crc ^= u32::from_le_bytes([word[0], word[1], word[2], word[3]]);
            crc = at(3, crc, 0) ^ at(2, crc, 8) ^ at(1, crc, 16) ^ at(0, crc, 24);
        }
        !words.remainder().iter().fold(crc, |crc, &b| at(0, crc ^ u32::from(b), 0) ^ (crc >> 8))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use flate2::write::GzEncoder;
    use flate2::{Compression, GzBuilder};
    use std::io::Write;

    fn gzip(text: &[u8]) -> Vec<u8> {
        let mut encoder = GzEncoder::new(Vec::new(), Compression::default());
        encoder.write_all(text).unwrap();
        encoder.finish().unwrap()
    }

    /// The text of `body` fed in chunks of `chunk` bytes, or why it stopped.
    fn gunzip(body: &[u8], chunk: usize) -> Result<Vec<u8>, &'static str> {
        let (mut gunzip, mut out) = (Gunzip::default(), Vec::new());
        let mut text = |piece: &[u8]| -> Result<(), ()> {
            out.extend_from_slice(piece);
            Ok(())
        };
        let stopped =
            body.chunks(chunk).try_for_each(|c| gunzip.feed(c, &mut text)).and_then(|()| gunzip.finish(&mut text));
        match stopped {
            Ok(()) => Ok(out),
            Err(Stop::Corrupt(why)) => Err(why),
            Err(Stop::Refused(())) => unreachable!(),
        }
    }

    fn text() -> Vec<u8> {
        (0..40_000).flat_map(|i| format!("{i},model-{},{}\n", i % 97, i * 7919 % 1000).into_bytes()).collect()
    }

    #[test]
    fn members_in_chunks_of_any_size_give_the_text_back() {
        let text = text();
        let mut body = gzip(&text[..1000]);
        body.extend(gzip(&text[1000..]));
        body.extend(gzip(b""));
        for chunk in [1, 2, 7, 10, 4096, 1 << 20] {
            assert_eq!(gunzip(&body, chunk).unwrap(), text, "chunks of {chunk}");
        }
    }

    #[test]
    fn optional_header_fields_are_skipped() {
        let mut encoder = GzBuilder::new()
            .filename("events.csv")
            .comment("a comment")
            .extra(vec![1, 2, 3])
            .write(Vec::new(), Compression::fast());
        encoder.write_all(b"a,b\n").unwrap();
        let body = encoder.finish().unwrap();
        for chunk in [1, 3, 64] {
            assert_eq!(gunzip(&body, chunk).unwrap(), b"a,b\n");
        }
    }

    #[test]
    fn the_crc_is_gzips() {
        let crc = Crc::new();
        assert_eq!(crc.update(0, b"123456789"), 0xcbf4_3926);
        assert_eq!(crc.update(crc.update(0, b"12345"), b"6789"), 0xcbf4_3926);
        let text = text();
        let bytewise = !text.iter().fold(!0, |c, &b| crc.0[0][((c ^ u32::from(b)) & 0xff) as usize] ^ (c >> 8));
        assert_eq!(crc.update(0, &text), bytewise);
    }

    #[test]
    fn damage_is_named() {
        let body = gzip(&text());
        let mut flipped = body.clone();
        flipped[body.len() - 6] ^= 1;
        assert_eq!(gunzip(&flipped, 999), Err("is corrupt: a member's CRC-32 does not match its text"));
        let mut flipped = body.clone();
        flipped[body.len() - 2] ^= 1;
        assert_eq!(gunzip(&flipped, 999), Err("is corrupt: a member's length does not match its text"));
        let mut flipped = body.clone();
        flipped[body.len() / 2] ^= 0x40;
        assert!(matches!(gunzip(&flipped, 999), Err(why) if why.starts_with("is corrupt")));
        assert_eq!(gunzip(&body[..body.len() - 3], 999), Err("is cut short"));
        assert_eq!(gunzip(&body[..body.len() / 2], 999), Err("is cut short"));
        assert_eq!(gunzip(&[0x1f, 0x8b, 8], 1), Err("is cut short"));
        let mut trailing = body.clone();
        trailing.extend_from_slice(b"\n");
        assert_eq!(gunzip(&trailing, 999), Err("is followed by bytes that are not gzip"));
        let mut reserved = body.clone();
        reserved[3] = 0x80;
        assert_eq!(gunzip(&reserved, 999), Err("is corrupt: a header sets reserved flags"));
        let mut name = vec![0x1f, 0x8b, 8, 8 /* a file name follows */, 0, 0, 0, 0, 0, 0];
        name.resize(MAX_HEADER + 10, b'n');
        assert_eq!(gunzip(&name, 4096), Err("has a header longer than 128 KiB"));
    }

    #[test]
    fn a_refusal_stops_it_within_one_piece() {
        let body = gzip(&vec![0; 10 << 20]);
        let (mut gunzip, mut seen) = (Gunzip::default(), 0);
        let stopped = gunzip.feed(&body, &mut |piece: &[u8]| {
            seen += piece.len();
            if seen > 1 << 20 {
                Err("too much")
            } else {
                Ok(())
            }
        });
        assert!(matches!(stopped, Err(Stop::Refused("too much"))));
        assert!(seen <= (1 << 20) + OUT);
    }
}
