//! The report as a reader takes it away: a CSV of every figure (one tidy row per value,
//! provenance included, docs/inputs.md#provenance) and the table that screen readers get in place of the
//! chart.

use crate::chart::format;
use crate::chart::{self, By, ChartKind, ChartOptions, Said, Word};
use crate::number::parse_f64;
use crate::report::{CategoryRow, ModelRow, OwnerRow, Period, Report};
use serde_json::Value;
use std::fmt::Write;

/// A report's figures as the widget exports them; a trait because [`Report`] is defined
/// below the charts (in hubpulse-core) whose words the rows use.
pub trait ToCsv: Sized {
    /// Every figure as CSV rows `section,name,day,value` (see [`csv`]), handed to `piece` in
    /// pieces of about `bytes` bytes: a hub's CSV of tens of megabytes written whole in the
    /// wasm would grow its memory by twice that, for good.
    fn write_csv(self, bytes: usize, piece: &mut dyn FnMut(&str));

    /// The whole CSV as one text.
    fn to_csv(self) -> String {
        let mut all = String::new();
        self.write_csv(1 << 16, &mut |text| all.push_str(text));
        all
    }
}

impl ToCsv for Report {
    fn write_csv(self, bytes: usize, piece: &mut dyn FnMut(&str)) {
        csv(self, bytes, piece)
    }
}

/// A report's rows of models, owners and categories, taken out of it to be written a row at
/// a time, as the CSV and the page's report object write them: a hub's hundreds of thousands
/// of rows as `serde_json::Value`s all at once (~100 bytes a figure) would grow the wasm
/// memory for good.
pub struct Rows {
    models: Vec<ModelRow>,
    owners: Vec<OwnerRow>,
    categories: Vec<CategoryRow>,
}

impl Rows {
    /// The report's fields that hold rows.
    pub const SECTIONS: [&'static str; 3] = ["models", "owners", "categories"];

    /// Takes `report`'s rows out of it, leaving those fields empty.
    pub fn take(report: &mut Report) -> Rows {
        Rows {
            models: std::mem::take(&mut report.models),
            owners: std::mem::take(&mut report.owners),
            categories: std::mem::take(&mut report.categories),
        }
    }

    /// The rows of `section` (one of [`Rows::SECTIONS`]), each as a `Value` when its turn comes.
    pub fn values(&self, section: &str) -> Box<dyn Iterator<Item = serde_json::Result<Value>> + '_> {
        match section {
            "models" => Box::new(self.models.iter().map(serde_json::to_value)),
            "owners" => Box::new(self.owners.iter().map(serde_json::to_value)),
            _ => Box::new(self.categories.iter().map(serde_json::to_value)),
        }
    }
}

/// Every figure of `report` as CSV rows `section,name,day,value`: window-level figures,
/// each daily series by day, per-model figures, the input tally and the sources with
/// their SHA-256, so the file carries what is needed to check it. The figures are read
/// through a `serde_json::Value`, the rows a row at a time ([`Rows`]).
fn csv(mut report: Report, bytes: usize, piece: &mut dyn FnMut(&str)) {
    let mut out = String::from("section,name,day,value\n");
    let rows = Rows::take(&mut report);
    let Ok(Value::Object(json)) = serde_json::to_value(&report) else { return piece(&out) };
    let days: Vec<String> = report.daily.day.iter().map(ToString::to_string).collect();
    let mut row = |section: &str, name: &str, day: &str, value: &Value| {
        let value = match value {
            Value::Null => String::new(),
            Value::String(s) => s.clone(),
            other => json_text(other),
        };
        let _ = writeln!(out, "{},{},{},{}", cell(section), cell(name), day, cell(&value));
        if out.len() >= bytes {
            piece(&out);
            out.clear();
        }
    };
    for (key, value) in &json {
        match (key.as_str(), value) {
            ("daily", Value::Object(series)) => {
                for (name, values) in flatten(series) {
                    for (day, v) in days.iter().zip(values.as_array().into_iter().flatten()) {
                        row("daily", &name, day, v);
                    }
                }
            }
            // A row's figures but its daily series, named by its id (an owner or category that
            // is null, the models without one, by an empty id).
            _ if Rows::SECTIONS.contains(&key.as_str()) => {
                let (section, id) = match key.as_str() {
                    "models" => ("model", "model"),
                    "owners" => ("owner", "owner"),
                    _ => ("category", "category"),
                };
                for r in rows.values(key).flatten() {
                    let name = r[id].as_str().unwrap_or_default();
                    for (field, v) in
                        r.as_object().into_iter().flatten().filter(|(k, _)| ![id, "daily"].contains(&k.as_str()))
                    {
                        row(section, &format!("{name}.{field}"), "", v);
                    }
                }
            }
            ("input", Value::Object(input)) => {
                for (name, v) in input.iter().filter(|(_, v)| !v.is_array() && !v.is_object()) {
                    row("input", name, "", v);
                }
                // The part of the use counted, a value a row: `input,filter.owner,,acme`.
                for (dimension, values) in input.get("filter").and_then(Value::as_object).into_iter().flatten() {
                    for v in values.as_array().into_iter().flatten() {
                        row("input", &format!("filter.{dimension}"), "", v);
                    }
                }
                for s in input.get("sources").and_then(Value::as_array).into_iter().flatten() {
                    let which = s["input"].as_str().unwrap_or_default();
                    for (field, v) in s.as_object().into_iter().flatten().filter(|(k, _)| k.as_str() != "input") {
                        match v {
                            // The chain's provenance: chain.chain_id, chain.last_block_hash,
                            // chain.reorg.from_block, …
                            Value::Object(inner) => flatten(inner)
                                .iter()
                                .for_each(|(name, v)| row("source", &format!("{which}.{name}"), "", v)),
                            v => row("source", &format!("{which}.{field}"), "", v),
                        }
                    }
                }
            }
            (_, Value::Object(inner)) => {
                for (name, v) in flatten(inner).iter().filter(|(_, v)| !v.is_array()) {
                    row("figure", &format!("{key}.{name}"), "", v);
                }
            }
            (_, Value::Array(_)) => {} // lorenz, by_app, retention: see the JSON
            (_, scalar) => row("figure", key, "", scalar),
        }
    }
    if !out.is_empty() {
        piece(&out);
    }
}

/// A value that is not text as JSON, its numbers written as Rust writes an `f64` (`{:?}`: the
/// shortest digits that read back the same, `0.25`, `12.0`, `1e-7`): serde_json's own float
/// writer carried ~13 KB of tables into the wasm for this one use.
fn json_text(value: &Value) -> String {
    struct RustFloats;
    impl serde_json::ser::Formatter for RustFloats {
        fn write_f64<W: ?Sized + std::io::Write>(&mut self, writer: &mut W, value: f64) -> std::io::Result<()> {
            write!(writer, "{value:?}")
        }
    }
    let mut out = Vec::new();
    let written = serde::Serialize::serialize(value, &mut serde_json::Serializer::with_formatter(&mut out, RustFloats));
    written.ok().and_then(|()| String::from_utf8(out).ok()).unwrap_or_default()
}

/// An object's leaves with dotted names (`by_mode.tee`).
fn flatten(object: &serde_json::Map<String, Value>) -> Vec<(String, Value)> {
    let mut leaves = Vec::new();
    for (key, value) in object {
        match value {
            Value::Object(inner) => leaves.extend(flatten(inner).into_iter().map(|(k, v)| (format!("{key}.{k}"), v))),
            other => leaves.push((key.clone(), other.clone())),
        }
    }
    leaves
}

/// One CSV cell, quoted when it must be (RFC 4180). Text that a spreadsheet would run as a
/// formula (it starts with `=`, `+`, `-`, `@`, a tab or a carriage return, and is not a
/// number) gets a leading `'`, as OWASP recommends, so a model named `=HYPERLINK(…)` is
/// shown, never run.
fn cell(text: &str) -> String {
    let formula = text.starts_with(['=', '+', '-', '@', '\t', '\r']) && parse_f64(text).is_none();
    let text = if formula { format!("'{text}") } else { text.to_owned() };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}

/// The figures a chart shows, as a table for screen readers: a header row, then rows.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Table {
    pub caption: String,
    pub columns: Vec<String>,
    pub rows: Vec<Vec<String>>,
}

/// The most rows of a table of models, owners or categories: what a screen reader can take in
/// (a hub of a million owners would be a million rows in the page); all are in the CSV export.
const TABLE_ROWS: usize = 50;

/// `f` writes the numbers in the reader's locale.
pub fn table(report: &Report, kind: ChartKind, options: &ChartOptions) -> Table {
    let f = &options.locale;
    // The columns a source does not report are left out, as the charts leave them out.
    let said = Said::of(report);
    if let Some(m) = chart::find_model(report, options.model.as_deref()).filter(|_| kind == ChartKind::Model) {
        return model_table(report, m, options);
    }
    if kind == ChartKind::Leaderboard && options.by == By::Owner {
        let columns = vec![
            f.word(Word::Owner).into(),
            chart::unit_label(report, f),
            f.word(Word::Share).into(),
            f.word(Word::ModelsListed).into(),
            f.word(Word::ModelsUsed).into(),
        ];
        let rows = report
            .owners
            .iter()
            .filter(|o| o.usage.events > 0)
            .take(TABLE_ROWS)
            .map(|o| {
                let u = &o.usage;
                let name = chart::owner_name(o, f).to_owned();
                vec![
                    name,
                    f.integer(u.events),
                    f.percent(u.share),
                    f.integer(u.models_listed),
                    f.integer(u.models_active),
                ]
            })
            .collect();
        return Table { caption: f.word(Word::BusiestOwners).into(), columns, rows };
    }
    if kind == ChartKind::Categories {
        let columns = [Word::Category, Word::ModelsListed, Word::ShareOfListed, Word::ModelsUsed, Word::IdleLabel];
        let mut columns: Vec<String> = columns.map(|w| f.word(w).to_owned()).into();
        columns.extend([chart::unit_label(report, f), f.word(Word::Share).into()]);
        let rows = chart::category_rows(report)
            .into_iter()
            .take(TABLE_ROWS)
            .map(|c| {
                let u = &c.usage;
                vec![
                    chart::category_label(c, f).to_owned(),
                    f.integer(u.models_listed),
                    f.percent(c.share_listed),
                    f.integer(u.models_active),
                    f.integer(u.models_idle),
                    f.integer(u.events),
                    f.percent(u.share),
                ]
            })
            .collect();
        return Table { caption: f.word(Word::CategoriesMostListed).into(), columns, rows };
    }
    // A model card without its model asks which: the busiest are the choices.
    if kind == ChartKind::Leaderboard || kind == ChartKind::Concentration || kind == ChartKind::Model {
        let mut columns =
            vec![f.word(Word::Model).to_owned(), chart::unit_label(report, f), f.word(Word::Share).into()];
        columns.extend(said.model_labels(f).into_iter().flatten().map(String::from));
        columns.push(f.word(Word::WeekOverWeekLabel).into());
        let rows = report
            .models
            .iter()
            .filter(|m| m.events > 0)
            .take(TABLE_ROWS)
            .map(|m| {
                let mut row = vec![m.name.clone(), f.integer(m.events), f.percent(m.share)];
                row.extend(said.model_figures(m, f).into_iter().map(|(_, value)| value));
                row.push(f.change(m.events_wow));
                row
            })
            .collect();
        return Table { caption: f.word(Word::BusiestModels).into(), columns, rows };
    }
    if kind == ChartKind::Retention {
        return cohort_table(report, options);
    }
    let d = &report.daily;
    let optional = [(said.callers, Word::Callers), (said.modes, Word::Verified)];
    let mut columns: Vec<String> = [
        f.word(Word::DayUtc).into(),
        chart::unit_label(report, f),
        f.word(Word::ModelsUsed).into(),
        f.word(Word::ModelsListed).into(),
    ]
    .into();
    columns.extend(optional.iter().filter(|(said, _)| *said).map(|(_, label)| f.word(*label).to_owned()));
    let rows = (0..d.day.len())
        .map(|i| {
            let verified = d.by_mode.tee[i] + d.by_mode.zkml[i];
            let mut row = vec![
                d.day[i].to_string(),
                f.integer(d.events[i]),
                f.integer(d.models_active[i]),
                f.integer(d.models_listed[i]),
            ];
            if said.callers {
                row.push(d.callers.as_ref().map_or(format::UNDEFINED.into(), |c| f.integer(c[i])));
            }
            if said.modes {
                row.push(f.percent(crate::report::ratio(verified as f64, d.events[i] as f64)));
            }
            row
        })
        .collect();
    Table { caption: f.word(Word::DailyFigures).into(), columns, rows }
}

/// A model card's table: the model's events by day, as its line draws them, or its figures
/// where the source has no days (totals over a period).
fn model_table(report: &Report, m: &ModelRow, options: &ChartOptions) -> Table {
    let f = &options.locale;
    let unit = chart::unit_label(report, f);
    if m.daily.is_empty() {
        let rows = chart::model_figures(report, m, f).into_iter().map(|(label, value)| vec![label, value]).collect();
        let columns = vec![f.word(Word::Figure).into(), f.word(Word::Value).into()];
        return Table { caption: m.name.clone(), columns, rows };
    }
    let days = report.daily.day.iter().zip(&m.daily);
    Table {
        caption: f.say(Word::ModelByDay, &[("name", &m.name), ("unit", chart::unit(report, f))]),
        columns: vec![f.word(Word::DayUtc).into(), unit],
        rows: days.map(|(day, &n)| vec![day.to_string(), f.integer(n)]).collect(),
    }
}

/// The table of a time chart: a row for each day or bar it draws (a week or a month where its
/// bars are those: three years are ~160 rows, not ~1,100), its columns what the tooltips say
/// (a column only some rows have is empty in the others), so the table holds what the chart
/// draws. `None` for the other charts, and before the chart is drawn.
pub fn time_table(report: &Report, kind: ChartKind, options: &ChartOptions, drawn: &chart::Drawn) -> Option<Table> {
    drawn.transform.filter(|_| kind.is_time())?;
    let targets = chart::target_count(report, kind, drawn);
    let tips: Vec<chart::Tooltip> =
        (0..targets).map(|i| chart::describe(report, kind, options, drawn, i)).collect::<Option<_>>()?;
    let mut labels: Vec<&str> = Vec::new();
    for (label, _) in tips.iter().flat_map(|tip| &tip.lines) {
        if !labels.contains(&label.as_str()) {
            labels.push(label);
        }
    }
    let f = &options.locale;
    let bins = drawn.grouped();
    let (each, caption) = match bins.map(|b| b.weekly()) {
        Some(true) => (Word::WeekUtc, Word::FiguresByWeek),
        Some(false) => (Word::MonthUtc, Word::FiguresByMonth),
        None => (Word::DayUtc, Word::DailyFigures),
    };
    let (caption, mut columns) = (f.word(caption).to_owned(), vec![f.word(each).to_owned()]);
    columns.extend(labels.iter().map(|&l| l.to_owned()));
    let rows = tips
        .iter()
        .enumerate()
        .map(|(i, tip)| {
            let mut row = vec![match bins {
                Some(bins) => bins.label(i, f),
                None => report.daily.day.get(i).map_or_else(String::new, ToString::to_string),
            }];
            let value = |label: &str| tip.lines.iter().find(|(l, _)| l == label).map(|(_, v)| v.clone());
            row.extend(labels.iter().map(|&label| value(label).unwrap_or_default()));
            row
        })
        .collect();
    Some(Table { caption, columns, rows })
}

/// The retention chart's cohorts as its table: a row per cohort (its first day and size), a
/// column per week or month since, as the chart draws them.
fn cohort_table(report: &Report, options: &ChartOptions) -> Table {
    let f = &options.locale;
    let noun = chart::cohort_noun(options.cohort, f);
    let Some(c) = chart::cohorts_of(report, options.cohort) else {
        let caption = f.say(Word::NoCohortsTable, &[("noun", noun)]);
        return Table { caption, columns: Vec::new(), rows: Vec::new() };
    };
    let (from, caption) = match c.period {
        Period::Week => (Word::CohortFromWeek, Word::CohortTableWeek),
        Period::Month => (Word::CohortFromMonth, Word::CohortTableMonth),
    };
    let span = c.cells.first().map_or(0, Vec::len);
    let mut columns = vec![f.word(from).to_owned(), chart::capitalized(noun)];
    columns.extend((0..span).map(|k| format!("+{k}")));
    let rows = c
        .cohorts
        .iter()
        .zip(&c.sizes)
        .zip(&c.cells)
        .map(|((day, &size), cells)| {
            let mut row = vec![day.to_string(), f.integer(size)];
            row.extend(cells.iter().map(|&share| f.percent(Some(share))));
            row.resize(span + 2, String::new());
            row
        })
        .collect();
    Table { caption: f.say(caption, &[("noun", noun)]), columns, rows }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Dataset, ReportOptions};

    #[test]
    fn the_csv_has_every_figure_daily_values_and_the_sources_hash() {
        let body =
            b"{\"ts\":\"2026-03-02\",\"model\":\"a,b\",\"caller\":\"x\"}\n{\"ts\":\"2026-03-03\",\"model\":\"c\"}\n";
        let report = Dataset::from_events("e.ndjson", body).unwrap().report(&ReportOptions::default()).unwrap();
        let text = report.to_csv();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines[0], "section,name,day,value");
        assert!(lines.contains(&"figure,events,,2"));
        assert!(lines.contains(&"figure,events_wow,,"), "null is an empty cell");
        assert!(lines.contains(&"daily,events,2026-03-03,1"));
        assert!(
            lines.contains(&"figure,hhi,,0.5") && lines.contains(&"figure,effective_models,,2.0"),
            "decimals as f64s"
        );
        assert_eq!(json_text(&serde_json::json!([1e-7, 1e21, 0.1, -3])), "[1e-7,1e21,0.1,-3]");
        assert!(lines.contains(&"daily,by_mode.unknown,2026-03-02,1"));
        assert!(lines.contains(&"model,\"a,b.events\",,1"));
        assert!(lines.contains(&"owner,.events,,2"), "the models without an owner: {text}");
        assert!(lines.iter().any(|l| l.starts_with("source,events.sha256,,") && l.len() > 60));
        let filters: Vec<&str> = lines.iter().copied().filter(|l| l.contains("filter")).collect();
        assert_eq!(filters, ["input,filter,,"], "the whole use: null");
        let filter = crate::report::Filter { model: vec!["a,b".into(), "c".into()], ..Default::default() };
        let part =
            Dataset::from_events("e.ndjson", body).unwrap().report(&ReportOptions { filter, ..Default::default() });
        let text = part.unwrap().to_csv();
        let filters: Vec<&str> = text.lines().filter(|l| l.contains("filter")).collect();
        assert_eq!(filters, ["input,filter.model,,\"a,b\"", "input,filter.model,,c"]);
    }

    #[test]
    fn the_csv_comes_in_pieces_of_whole_rows() {
        let body: String = (0..500).map(|m| format!("{{\"ts\":\"2026-03-02\",\"model\":\"m{m}\"}}\n")).collect();
        let report = Dataset::from_events("e.ndjson", body.as_bytes()).unwrap().report(&ReportOptions::default());
        let report = report.unwrap();
        let mut pieces = Vec::new();
        report.clone().write_csv(4096, &mut |piece| pieces.push(piece.to_owned()));
        assert!(pieces.len() > 5, "{} pieces", pieces.len());
        let (last, whole) = pieces.split_last().unwrap();
        assert!(whole.iter().all(|p| (4096..4096 + 200).contains(&p.len()) && p.ends_with('\n')));
        assert!(last.ends_with('\n') && !last.is_empty());
        assert_eq!(pieces.concat(), report.to_csv());
    }
}
