use super::*;
use crate::store::{Column, ColumnsOut};

/// A made-up body: rows good and bad, blank lines, CRLF, latencies in tenths and not,
/// optional fields coming and going; `quotes`: some CSV rows quoted, a few holding a newline.
fn body(seed: u64, csv: bool, quotes: bool) -> Vec<u8> {
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut next = move |n: u64| {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 33) % n
    };
    let mut out = String::new();
    if next(4) == 0 {
        out.push('\u{feff}');
    }
    for _ in 0..next(3) {
        out.push('\n');
    }
    if csv {
        out.push_str(if next(2) == 0 {
            "ts,model,caller,mode,latency_ms,app,automated\n"
        } else {
            "timestamp,model_id,user,mode,latency_ms,app,automated\r\n"
        });
    }
    for i in 0..next(120) + 20 {
        let (day, model, caller) = (next(9) + 1, next(13), next(40));
        let latency = match next(4) {
            0 => String::new(),
            1 => format!("{}.{}", next(900), next(10)),
            2 if i > 60 => "12.3456".into(),
            _ => next(2000).to_string(),
        };
        let app = if i > 30 && next(3) == 0 { format!("app{}", next(4)) } else { String::new() };
        let automated = match next(5) {
            0 if i > 50 => "true",
            1 if i > 50 => "false",
            _ => "",
        };
        let mode = ["tee", "zkml", "vanilla", "", "weird"][next(5) as usize];
        let ts = match next(25) {
            0 => "not a time".to_owned(),
            _ => format!("2026-03-{day:02}T0{}:00:00Z", next(10)),
        };
        let model = if next(30) == 0 { String::new() } else { format!("m{model}") };
        let end = if next(6) == 0 { "\r\n" } else { "\n" };
        match (csv, next(20)) {
            (_, 0) => out.push_str(end),
            (true, 1) if quotes => {
                out.push_str(&format!("{ts},\"{model},x\",c{caller},{mode},{latency},{app},{automated}{end}"))
            }
            (true, 2) if quotes => out.push_str(&format!("{ts},\"{model}\nline\",c{caller},,,,{end}")),
            (true, _) => out.push_str(&format!("{ts},{model},c{caller},{mode},{latency},{app},{automated}{end}")),
            (false, 1) => out.push_str(&format!("{{\"ts\":\"{ts}\",\"model\":oops{end}")),
            (false, 2) => out.push_str(&format!("not json{end}")),
            (false, _) => {
                let mut fields = vec![format!("\"ts\":\"{ts}\""), format!("\"model\":\"{model}\"")];
                fields.push(format!("\"caller\":\"c{caller}\""));
                if !mode.is_empty() {
                    fields.push(format!("\"mode\":\"{mode}\""));
                }
                if !latency.is_empty() {
                    fields.push(format!("\"latency_ms\":{latency}"));
                }
                if !app.is_empty() {
                    fields.push(format!("\"app\":\"{app}\""));
                }
                if !automated.is_empty() {
                    fields.push(format!("\"automated\":{automated}"));
                }
                out.push_str(&format!("{{{}}}{end}", fields.join(",")));
            }
        }
    }
    if next(2) == 0 {
        out.pop(); // no newline at the end
    }
    out.into_bytes()
}

/// The log's columns, doubles as their bits (a missing latency is NaN, which equals nothing).
fn columns(log: EventLog) -> Vec<Column> {
    let mut out = ColumnsOut::default();
    log.columns_out(&mut out).expect("a small log has offsets");
    let bits = |column| match column {
        Column::F64(v) => Column::U64(v.into_iter().map(f64::to_bits).collect()),
        other => other,
    };
    out.0.into_iter().map(bits).collect()
}

/// The body read whole by one parser, fed `chunk` bytes at a time.
fn whole(body: &[u8], chunk: usize) -> Result<(Vec<Column>, Problems), Error> {
    let mut loader = super::super::stream::Loader::shaped("t", EventLog::default(), Limits::default(), None);
    body.chunks(chunk).try_for_each(|c| loader.feed(c))?;
    let loaded = loader.finish()?;
    Ok((columns(loaded.sink), loaded.problems))
}

/// The body cut into pieces of about `size` bytes, each parsed on its own (its head passed
/// through its bytes, as to a worker), and joined; with the number of pieces cut.
fn cut(body: &[u8], chunk: usize, size: usize) -> Result<(Vec<Column>, Problems, usize), Error> {
    let mut loader = super::super::stream::Loader::new("t".into(), Cutter::new("t", size), Limits::default());
    let mut joined = Joined::new("t", Limits::default(), Some(body.len() as u64));
    let mut pieces = 0;
    let mut join = |piece: Piece, joined: &mut Joined| -> Result<(), Error> {
        let head = Head::decode(&piece.head.encode()).expect("a head reads back");
        pieces += 1;
        let columns = parse_piece("t", &head, &piece.text)?.into_columns().expect("a small segment has offsets");
        let segment = Segment::from_columns(columns).expect("a segment reads back from its columns");
        joined.join(segment, piece.text.len() as u64)
    };
    for c in body.chunks(chunk) {
        loader.feed(c)?;
        for piece in loader.text_mut().take_cut() {
            join(piece, &mut joined)?;
        }
    }
    match loader.end()?.0 {
        Tail::Cut(Some(piece)) => join(piece, &mut joined)?,
        Tail::Cut(None) => {}
        Tail::Here(segment) => joined.join(*segment, 0)?,
    }
    let (log, problems) = joined.finish();
    Ok((columns(log), problems, pieces))
}

#[test]
fn a_body_cut_into_pieces_and_joined_is_the_body_read_whole() {
    let mut cut_often = 0;
    for seed in 0..400 {
        for (csv, quotes) in [(true, false), (false, false), (true, true)] {
            let body = body(seed, csv, quotes);
            let (chunk, size) = (1 + (seed as usize * 7) % 97, 16 + (seed as usize * 13) % 300);
            let expected = whole(&body, chunk).map_err(|e| e.to_string());
            let got = cut(&body, chunk, size).map_err(|e| e.to_string());
            let text = String::from_utf8_lossy(&body);
            match (expected, got) {
                (Ok((columns, problems)), Ok((cut_columns, cut_problems, pieces))) => {
                    assert_eq!(cut_columns, columns, "seed {seed}, chunk {chunk}, size {size}:\n{text}");
                    assert_eq!(cut_problems, problems, "seed {seed}, chunk {chunk}, size {size}:\n{text}");
                    cut_often += usize::from(pieces > 3);
                }
                (expected, got) => assert_eq!(got.map(|_| ()), expected.map(|_| ()), "seed {seed}:\n{text}"),
            }
        }
    }
    assert!(cut_often > 600, "bodies were cut into several pieces only {cut_often} times");
}

#[test]
fn a_json_array_and_a_quoted_csv_are_parsed_here_and_still_joined_right() {
    let array = br#"[{"ts":"2026-03-01","model":"a"},{"ts":"x","model":"b"},{"ts":"2026-03-02","model":"a"}]"#;
    let quoted = b"ts,model\n2026-03-01,a\n2026-03-01,b\n2026-03-01,\"c\nd\"\n2026-03-02,a\nbad,a\n";
    for body in [&array[..], &quoted[..]] {
        let (columns, problems) = whole(body, 5).unwrap();
        let (cut_columns, cut_problems, _) = cut(body, 5, 8).unwrap();
        assert_eq!((cut_columns, cut_problems.clone()), (columns, problems));
        assert_eq!(cut_problems.rows_rejected, 1);
    }
    let (_, problems, pieces) = cut(quoted, 5, 8).unwrap();
    assert!(pieces >= 1, "pieces were cut before the quote");
    assert_eq!(problems.problems[0].line, 7);
}

#[test]
fn joined_segments_stop_at_the_row_limit_like_one_parser() {
    let body: String = (0..50).map(|i| format!("{{\"ts\":\"2026-03-01\",\"model\":\"m{i}\"}}\n")).collect();
    let limits = Limits { max_rows: Some(20), max_bytes: None };
    let mut joined = Joined::new("t", limits, None);
    let segments = body.as_bytes().chunks(body.len() / 5).map(|_| ());
    let mut error = None;
    for (i, _) in segments.enumerate() {
        let lines: String = body.lines().skip(i * 10).take(10).map(|l| format!("{l}\n")).collect();
        let head = if i == 0 { Head::First } else { Head::Ndjson };
        if let Err(e) = joined.join(parse_piece("t", &head, lines.as_bytes()).unwrap(), lines.len() as u64) {
            error = Some((i, e.to_string()));
            break;
        }
    }
    let (at, message) = error.expect("the limit is passed");
    assert_eq!(at, 2);
    assert!(message.contains("20 rows"), "{message}");
}
