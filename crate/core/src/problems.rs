//! Rejected rows and warnings (docs/inputs.md#bad-input): counted, never dropped silently.

use serde::Serialize;

/// How many problems are kept word for word; the rest are only counted.
pub const KEPT_PROBLEMS: usize = 10;

/// What a problem did to its row.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The row was not counted.
    Rejected,
    /// The row was counted without the field's value.
    Warning,
}

/// One problem found in an input: where, which field, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Problem {
    /// Which input: `events`, `registry`, … (filled in when inputs are summed).
    pub input: String,
    /// Whether the row was counted.
    pub severity: Severity,
    /// The 1-based line of the input (for a JSON array, the element's 1-based index).
    pub line: u64,
    /// The field at fault, or `record` for the whole row.
    pub field: String,
    /// Why, in words.
    pub reason: String,
}

/// The tally of one input's rows: what was read, rejected and warned about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Problems {
    /// Rows read (blank lines are not rows).
    pub rows_read: u64,
    /// Rows not counted.
    pub rows_rejected: u64,
    /// Rows counted without one of their fields' values.
    pub warnings: u64,
    /// The first [`KEPT_PROBLEMS`] rejections and warnings, in input order.
    pub problems: Vec<Problem>,
}

impl Problems {
    /// Counts a row that was rejected because of `field`.
    pub fn reject(&mut self, line: u64, field: &str, reason: impl FnOnce() -> String) {
        self.rows_rejected += 1;
        self.keep(Severity::Rejected, line, field, reason);
    }

    /// Counts a warning: the row is kept, the value of `field` is not.
    pub fn warn(&mut self, line: u64, field: &str, reason: impl FnOnce() -> String) {
        self.warnings += 1;
        self.keep(Severity::Warning, line, field, reason);
    }

    /// Adds another input's tally to this one (the report sums all inputs).
    pub fn absorb(&mut self, other: &Problems) {
        self.rows_read += other.rows_read;
        self.rows_rejected += other.rows_rejected;
        self.warnings += other.warnings;
        let room = KEPT_PROBLEMS.saturating_sub(self.problems.len());
        self.problems.extend(other.problems.iter().take(room).cloned());
    }

    fn keep(&mut self, severity: Severity, line: u64, field: &str, reason: impl FnOnce() -> String) {
        if self.problems.len() < KEPT_PROBLEMS {
            // A reason may quote the input (serde_json's does): never more than a person reads.
            let (input, field, reason) = (String::new(), field.to_owned(), crate::text::bounded(reason()));
            self.problems.push(Problem { input, severity, line, field, reason });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_first_ten_problems_are_kept_but_all_are_counted() {
        let mut p = Problems::default();
        for line in 1..=12 {
            p.reject(line, "ts", || "missing".into());
        }
        p.warn(13, "latency_ms", || "not a number".into());
        assert_eq!((p.rows_rejected, p.warnings, p.problems.len()), (12, 1, 10));
        assert_eq!(p.problems[9].line, 10);
    }
}
