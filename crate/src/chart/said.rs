//! What a report's source says besides counts. A hub's counters, rankings and download lists
//! name no callers, no verification modes and no self-calls: a chart of such a source shows
//! no figure of them (a "0 % verified" would read as a finding) and says once what the
//! source does not report (docs/charts.md#what-a-source-does-not-say).

use super::format::{Locale, UNDEFINED};
use super::words::Word;
use crate::provenance::Basis;
use crate::report::{ModelRow, Report};

/// Which figures beyond counts the report's source gives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Said {
    /// Verification modes: some event of the window names one.
    pub modes: bool,
    /// Callers: distinct callers are counted (or estimated from sketches) and some event of
    /// the window names one.
    pub callers: bool,
    /// Self-calls: counted by a rollup column, or knowable from events that name both a
    /// caller and the model's owner.
    pub self_calls: bool,
}

impl Said {
    /// What `report`'s source says. A window without events says nothing either way: only
    /// what the input cannot count at all (`null` figures) is taken as unsaid then.
    pub fn of(report: &Report) -> Said {
        let empty = report.events == 0;
        let knowable = empty || report.self_call_share.is_some() || report.input.demand_source != Basis::Events;
        Said {
            modes: empty || report.by_mode.unknown < report.events,
            callers: report.callers.is_some_and(|n| n > 0 || empty),
            self_calls: report.self_calls.is_some() && knowable,
        }
    }

    /// "callers, verification modes or self-calls": what the source does not report, or
    /// `None` when it reports all three.
    pub fn unsaid(&self, f: &Locale) -> Option<String> {
        let missing: Vec<&str> =
            [(self.callers, Word::WhatCallers), (self.modes, Word::WhatModes), (self.self_calls, Word::WhatSelfCalls)]
                .into_iter()
                .filter(|(said, _)| !said)
                .map(|(_, what)| f.word(what))
                .collect();
        match missing.as_slice() {
            [] => None,
            [one] => Some((*one).to_owned()),
            [first @ .., last] => Some(f.say(Word::ListOr, &[("list", &first.join(", ")), ("last", last)])),
        }
    }

    /// A model's callers, verified share and self-call share, as (label, value), each where
    /// the source reports it.
    pub fn model_figures(&self, m: &ModelRow, f: &Locale) -> Vec<(String, String)> {
        let values = [
            m.callers.map_or(UNDEFINED.into(), |n| f.integer(n)),
            f.percent(m.verified_share),
            f.percent(m.self_call_share),
        ];
        self.model_labels(f)
            .into_iter()
            .zip(values)
            .filter_map(|(label, value)| Some((label?.to_owned(), value)))
            .collect()
    }

    /// The labels of [`Said::model_figures`], in order: `None` for a figure not reported.
    pub fn model_labels<'f>(&self, f: &'f Locale) -> [Option<&'f str>; 3] {
        [(self.callers, Word::Callers), (self.modes, Word::Verified), (self.self_calls, Word::SelfCalls)]
            .map(|(said, label)| said.then(|| f.word(label)))
    }

    /// The sentence a chart shows under its figures, or `None`.
    pub fn notice(&self, f: &Locale) -> Option<String> {
        self.unsaid(f).map(|what| f.say(Word::NotReported, &[("what", &what)]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::{Dataset, Inputs};
    use crate::metrics::ReportOptions;

    /// What events say, with a registry that names model `a`'s owner, `x`.
    fn said(events: &str) -> Said {
        let registry = br#"[{"model":"a","owner":"x","listed_at":"2026-03-01"}]"#;
        let inputs = Inputs { events: Some(events.as_bytes()), registry: Some(&registry[..]), ..Inputs::default() };
        let data = Dataset::from_bytes(inputs).expect("the test's inputs read");
        Said::of(&data.report(&ReportOptions::default()).expect("a report"))
    }

    #[test]
    fn events_say_what_their_fields_name() {
        let all = "{\"ts\":\"2026-03-02\",\"model\":\"a\",\"caller\":\"x\",\"mode\":\"tee\"}\n";
        assert_eq!(said(all), Said { modes: true, callers: true, self_calls: true });
        let f = Locale::default();
        assert_eq!(said(all).notice(&f), None);
        let bare = "{\"ts\":\"2026-03-02\",\"model\":\"a\"}\n";
        assert_eq!(said(bare), Said { modes: false, callers: false, self_calls: false });
        assert_eq!(
            said(bare).notice(&f).as_deref(),
            Some("This source does not report callers, verification modes or self-calls.")
        );
        let no_mode = "{\"ts\":\"2026-03-02\",\"model\":\"a\",\"caller\":\"x\"}\n";
        assert_eq!(said(no_mode).unsaid(&f).as_deref(), Some("verification modes"));
        // A caller of a model whose owner nobody names: whether it is the owner is unknown.
        let unowned = "{\"ts\":\"2026-03-02\",\"model\":\"b\",\"caller\":\"x\",\"mode\":\"tee\"}\n";
        assert_eq!(said(unowned).unsaid(&f).as_deref(), Some("self-calls"));
    }
}
