//! Hostile bytes, bounded (docs/inputs.md#bounds): for each input an attacker could point a
//! page at, reading it ends in a counted rejection or a clear error, in bounded time and
//! with bounded memory. Memory is the peak of the heap, counted by this test binary's own
//! allocator; time has a margin of orders of magnitude (the failures these guard against
//! took minutes or never ended), so it does not flake on a busy machine.

use hubpulse::{Dataset, Error, InputKind, InputLoader, Inputs, Limits, Origin, ReportOptions, ToCsv};
use std::alloc::{GlobalAlloc, Layout, System};
use std::io::{Read, Write};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The system allocator, counting the bytes in use and their peak.
struct Counting;

static IN_USE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let now = IN_USE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
        PEAK.fetch_max(now, Ordering::Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.fetch_sub(layout.size(), Ordering::Relaxed);
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// One case at a time, so that each measures its own peak.
static ONE_AT_A_TIME: Mutex<()> = Mutex::new(());

/// Runs `read`, and says how long it took and how much more heap it held at its peak.
fn measured<T>(read: impl FnOnce() -> T) -> (T, Duration, usize) {
    let before = IN_USE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    let start = Instant::now();
    let result = read();
    (result, start.elapsed(), PEAK.load(Ordering::Relaxed).saturating_sub(before))
}

const MIB: usize = 1 << 20;
/// What any case may take: the failures guarded against took minutes, or forever.
const TIME: Duration = Duration::from_secs(30);

/// A body that is `len` copies of `byte`, made as it is read, never held.
struct Repeat {
    byte: u8,
    left: usize,
}

impl Read for Repeat {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = buf.len().min(self.left);
        buf[..n].fill(self.byte);
        self.left -= n;
        Ok(n)
    }
}

/// A body that is `line` written `times` times, made as it is read, never held.
struct Lines {
    line: &'static [u8],
    times: usize,
    at: usize,
}

impl Read for Lines {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let mut n = 0;
        while n < buf.len() && self.times > 0 {
            let take = (buf.len() - n).min(self.line.len() - self.at);
            buf[n..n + take].copy_from_slice(&self.line[self.at..self.at + take]);
            (n, self.at) = (n + take, self.at + take);
            if self.at == self.line.len() {
                (self.at, self.times) = (0, self.times - 1);
            }
        }
        Ok(n)
    }
}

fn gzip(body: impl Read) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    std::io::copy(&mut { body }, &mut encoder).expect("writing to memory");
    encoder.finish().expect("writing to memory")
}

/// The events of `body`, read as a file would be, with `limits`.
fn events(body: impl Read, limits: Limits) -> Result<Dataset, Error> {
    let origin = Origin { source: "hostile".into(), fetched_at: String::new() };
    Dataset::read(Inputs { events: Some((origin, body)), limits, ..Inputs::default() })
}

fn message(result: Result<Dataset, Error>) -> String {
    result.err().map(|e| e.to_string()).unwrap_or_else(|| "no error".into())
}

#[test]
fn blanks_however_many_are_skipped_in_linear_time_without_being_kept() {
    let _one = ONE_AT_A_TIME.lock();
    for byte in [b' ', b'\n'] {
        let (result, time, peak) = measured(|| events(Repeat { byte, left: 128 * MIB }, Limits::default()));
        let report = result.expect("blanks are no data").report(&ReportOptions::default()).expect("no window");
        assert_eq!((report.input.rows_read, report.window), (0, None));
        assert!(time < TIME, "{:?} of {byte:?}", time);
        assert!(peak < 4 * MIB, "{peak} bytes held for 128 MiB of {byte:?}");
    }
}

#[test]
fn a_gzip_bomb_is_stopped_at_a_hundred_times_its_size() {
    let _one = ONE_AT_A_TIME.lock();
    // A gigabyte in about a megabyte: NUL bytes are refused as binary at once, blanks expand
    // until the ratio stops them.
    for (byte, reason) in [(b'\0', "this is binary data"), (b' ', "expands more than 100 times")] {
        let bomb = gzip(Repeat { byte, left: 1024 * MIB });
        let (result, time, peak) = measured(|| events(&bomb[..], Limits::default()));
        let error = message(result);
        assert!(error.contains(reason), "{error}");
        assert!(error.len() < 400, "a short message: {error}");
        assert!(time < TIME && peak < 16 * MIB, "{time:?}, {peak} bytes, for a gigabyte of {byte:?} in gzip");
    }
    // Ten members of it, one after the other: the same bound, over all of them.
    let member = gzip(Repeat { byte: b' ', left: 64 * MIB });
    let members: Vec<u8> = std::iter::repeat_n(member, 10).flatten().collect();
    let (result, time, peak) = measured(|| events(&members[..], Limits::default()));
    assert!(message(result).contains("expands more than 100 times"));
    assert!(time < TIME && peak < 16 * MIB, "{time:?}, {peak} bytes");
}

#[test]
fn binary_bytes_and_a_gzip_inside_a_gzip_are_named_and_never_quoted_at_length() {
    let _one = ONE_AT_A_TIME.lock();
    let nul = message(events(Repeat { byte: 0, left: 64 * MIB }, Limits::default()));
    assert_eq!(nul, "hostile: this is binary data, not text");
    let inner = gzip(&b"ts,model\n2026-03-01,m\n"[..]);
    let nested = message(events(&gzip(&inner[..])[..], Limits::default()));
    assert_eq!(nested, "hostile: this is gzip inside gzip: hubpulse undoes one layer of compression");
    // A spreadsheet's "Unicode text", with and without its byte-order mark, either way round.
    let text = "ts,model\n2026-03-01,m\n";
    let le: Vec<u8> = text.encode_utf16().flat_map(u16::to_le_bytes).collect();
    let be: Vec<u8> = text.encode_utf16().flat_map(u16::to_be_bytes).collect();
    for body in [[&b"\xFF\xFE"[..], &le].concat(), [&b"\xFE\xFF"[..], &be].concat(), le, be] {
        let utf16 = message(events(&body[..], Limits::default()));
        assert_eq!(utf16, "hostile: this is UTF-16 text; hubpulse reads UTF-8, so save the file as UTF-8");
    }
    // A picture: text never holds a NUL, wherever in its first bytes.
    let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\x01\0";
    assert_eq!(message(events(&png[..], Limits::default())), "hostile: this is binary data, not text");
    let mut garbage = b"\x01\x02".to_vec();
    garbage.extend(std::iter::repeat_n(b'x', 8 * MIB));
    assert!(message(events(&garbage[..], Limits::default())).len() < 400);
}

#[test]
fn one_enormous_line_is_one_rejected_row_and_is_never_held() {
    let _one = ONE_AT_A_TIME.lock();
    let start = &b"{\"ts\":\"2026-03-01\",\"model\":\""[..];
    let end = &b"\"}\n{\"ts\":\"2026-03-01\",\"model\":\"m\"}\n"[..];
    let line = start.chain(Repeat { byte: b'x', left: 300 * MIB }).chain(end);
    let (result, time, peak) = measured(|| events(line, Limits::default()));
    let report = result.expect("one bad row").report(&ReportOptions::default()).expect("a window");
    assert_eq!((report.input.rows_read, report.input.rows_rejected, report.events), (2, 1, 1));
    assert!(report.input.problems[0].reason.starts_with("longer than 1048576 bytes"));
    assert!(time < TIME && peak < 8 * MIB, "{time:?}, {peak} bytes for a 300 MiB line");
}

#[test]
fn limits_apply_to_the_text_as_it_is_read() {
    let _one = ONE_AT_A_TIME.lock();
    // max-bytes counts the text after gzip, not the gzip.
    let rows: Vec<u8> = (0..400_000u64)
        .flat_map(|i| format!("2026-03-01,m{:x}\n", i.wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 20).into_bytes())
        .collect();
    let mut csv = b"ts,model\n".to_vec();
    csv.extend(&rows);
    let small = gzip(&csv[..]);
    let limited = message(events(&small[..], Limits { max_bytes: Some(csv.len() as u64 / 2), max_rows: None }));
    assert!(limited.contains("larger than the limit of"), "{limited}");
    // max-rows stops a stream that is never held whole, long before its end.
    let endless = Lines { line: b"{\"ts\":\"2026-03-01\",\"model\":\"m\"}\n", times: 100_000_000, at: 0 };
    let (result, time, peak) = measured(|| events(endless, Limits { max_rows: Some(10), max_bytes: None }));
    assert!(message(result).contains("larger than the limit of 10 rows"));
    assert!(time < Duration::from_secs(1) && peak < 4 * MIB, "{time:?}, {peak} bytes to stop at 10 rows");
}

#[test]
fn a_false_content_length_makes_no_room_the_rows_do_not_justify() {
    let _one = ONE_AT_A_TIME.lock();
    let body: Vec<u8> = (0..20_000)
        .flat_map(|i| format!("{{\"ts\":\"2026-03-01\",\"model\":\"m{}\"}}\n", i % 5).into_bytes())
        .collect();
    let (result, _, peak) = measured(|| {
        let origin = Origin { source: "liar".into(), fetched_at: String::new() };
        let mut loader = InputLoader::new(InputKind::Events, origin, Limits::default(), None);
        loader.expect(40_000_000_000);
        body.chunks(64 * 1024).try_for_each(|c| loader.feed(c)).and_then(|()| loader.finish())
    });
    assert_eq!(result.expect("a valid body").rows_stored(), 20_000);
    assert!(peak < 16 * MIB, "{peak} bytes reserved for 20,000 rows announced as 40 GB");
}

#[test]
fn an_absurd_time_is_one_rejected_row_and_the_window_is_the_others() {
    let _one = ONE_AT_A_TIME.lock();
    let body = b"{\"ts\":\"2026-03-01\",\"model\":\"m\"}\n{\"ts\":0,\"model\":\"m\"}\n{\"ts\":\"2026-03-03\",\"model\":\"m\"}\n";
    let report = events(&body[..], Limits::default()).expect("valid").report(&ReportOptions::default());
    let report = report.expect("the accepted rows make a window");
    assert_eq!(report.window.map(|w| w.days), Some(3));
    assert_eq!((report.input.problems[0].line, report.input.problems[0].field.as_str()), (2, "ts"));
    assert!(report.input.problems[0].reason.contains("outside the plausible years 2000 to 2099"));
}

#[test]
fn an_exported_name_that_is_a_formula_is_shown_not_run() {
    let _one = ONE_AT_A_TIME.lock();
    let body =
        b"ts,model\n2026-03-01,\"=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\"\n2026-03-01,@SUM(A1)\n2026-03-01,-1+2\n";
    let csv = events(&body[..], Limits::default()).expect("valid").report(&ReportOptions::default()).expect("a window");
    let csv = csv.to_csv();
    assert!(csv.contains("'=HYPERLINK") && csv.contains("'@SUM(A1)") && csv.contains("'-1+2"), "{csv}");
    assert!(!csv.lines().any(|l| l.split(',').any(|cell| cell.starts_with('='))));
    let mut out = Vec::new();
    out.write_all(csv.as_bytes()).expect("writing to memory");
}
