//! A loaded dataset: the stored inputs, what was refused, and where they came from.
//! `report` is cheap enough to call on every brush move.

use crate::error::Error;
use crate::input::{parse_all, Problems};
use crate::metrics::{self, Window, WindowSpec};
use crate::report::{InputSummary, Report, Source};
use crate::store::EventLog;

/// Everything `load` produced, ready to report on any window.
#[derive(Default)]
pub struct Dataset {
    pub events: EventLog,
    pub problems: Problems,
    pub sources: Vec<Source>,
}

impl Dataset {
    /// A dataset of one events body, read whole (the command line and tests).
    pub fn from_events(source: &str, body: &[u8]) -> Result<Dataset, Error> {
        let (events, problems) = parse_all(source, EventLog::default(), body)?;
        let sources = vec![Source {
            input: "events".into(),
            source: source.into(),
            bytes: body.len() as u64,
        }];
        Ok(Dataset {
            events,
            problems,
            sources,
        })
    }

    /// The report over the window that `spec` asks for.
    pub fn report(&self, spec: &WindowSpec) -> Result<Report, Error> {
        let window = Window::resolve(spec, self.events.span())?;
        Ok(metrics::report(self, window))
    }

    /// The report's `input` block.
    pub fn input_summary(&self) -> InputSummary {
        let p = &self.problems;
        InputSummary {
            rows_read: p.rows_read,
            rows_rejected: p.rows_rejected,
            warnings: p.warnings,
            problems: p.problems.clone(),
            sources: self.sources.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const BODY: &str = r#"{"ts":"2026-03-02T10:00:00Z","model":"a","caller":"0xAB"}
{"ts":"2026-03-02T23:59:59Z","model":"b","ok":false}

{"timestamp":1772582400,"model_id":"a","latency_ms":"slow"}
{"model":"a"}
not json
{"ts":"2026-03-05T01:00:00+03:00","model":"c"}"#;

    #[test]
    fn rows_are_read_rejected_or_warned_and_counted() {
        let data = Dataset::from_events("events.ndjson", BODY.as_bytes()).unwrap();
        let r = data.report(&WindowSpec::default()).unwrap();
        assert_eq!(
            (r.input.rows_read, r.input.rows_rejected, r.input.warnings),
            (6, 2, 1)
        );
        let lines: Vec<_> = r
            .input
            .problems
            .iter()
            .map(|p| (p.line, p.field.as_str()))
            .collect();
        assert_eq!(lines, [(4, "latency_ms"), (5, "ts"), (6, "record")]);
        let w = r.window.unwrap();
        assert_eq!(
            (w.from.to_string(), w.to.to_string()),
            ("2026-03-02".into(), "2026-03-04".into())
        );
        assert_eq!((r.events, r.failed), (3, 1));
        assert_eq!(r.daily.events, [1, 0, 2]); // 1772582400 is 2026-03-04T00:00Z
    }

    #[test]
    fn chunk_boundaries_do_not_change_the_result() {
        let whole = Dataset::from_events("e", BODY.as_bytes())
            .unwrap()
            .report(&WindowSpec::default())
            .unwrap();
        for size in [1, 2, 7, 64] {
            let mut parser = crate::input::Parser::new("e", EventLog::default());
            for chunk in BODY.as_bytes().chunks(size) {
                parser.feed(chunk).unwrap();
            }
            let (events, problems) = parser.finish().unwrap();
            let data = Dataset {
                events,
                problems,
                sources: whole.input.sources.clone(),
            };
            assert_eq!(
                data.report(&WindowSpec::default()).unwrap(),
                whole,
                "chunks of {size}"
            );
        }
    }

    #[test]
    fn html_and_empty_bodies_are_clear_errors() {
        let err = Dataset::from_events("https://hub/x", b"<!DOCTYPE html><p>404</p>")
            .err()
            .unwrap();
        assert_eq!(
            err.to_string(),
            "https://hub/x: this is an HTML page, not data"
        );
        let empty = Dataset::from_events("e", b"").unwrap();
        assert_eq!(empty.report(&WindowSpec::default()).unwrap().window, None);
    }
}
