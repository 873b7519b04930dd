//! Replicate's model list, saved once a day or more: each page as the API returns it
//! (`{results: [{owner, name, run_count, …}], next, …}`) with the day it was fetched added
//! as `date`. Pages come as a JSON array or one per line (a cron job's log). `run_count` is
//! a running total, so the rows are counter snapshots (docs/inputs.md#counter-snapshots).

use super::{day_of, row, Adapted, Row};
use crate::day::Day;
use hashbrown::HashMap;
use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::Value;

/// One saved page. Only the fields hubpulse reads are kept: a model object's description,
/// cover image and example are skipped as they are parsed, so a month of pages costs the
/// ids and counts, not the documents.
#[derive(Deserialize)]
struct Page {
    #[serde(default)]
    date: Value,
    #[serde(default)]
    day: Value,
    #[serde(default)]
    fetched_at: Value,
    results: Vec<Entry>,
}

/// A model object, or anything else in its place (a rejected row, not a broken document).
#[derive(Deserialize)]
#[serde(untagged)]
enum Entry {
    Model {
        #[serde(default)]
        owner: Value,
        #[serde(default)]
        name: Value,
        #[serde(default)]
        run_count: Value,
    },
    Other(IgnoredAny),
}

/// `date` (or `day`, `fetched_at`) of the page → `day`; `owner/name` → `model`;
/// `run_count` → `total`. Each model is listed from the first day a page has it, with its
/// owner and name (Replicate's objects carry no creation date).
pub fn adapt(body: &[u8]) -> Result<Adapted, String> {
    let pages = pages(body)?;
    let mut adapted = Adapted::default();
    let mut first_seen: HashMap<String, (Day, Value, Value)> = HashMap::new();
    for page in pages {
        let date = [page.date, page.day, page.fetched_at].into_iter().find(|v| !v.is_null()).unwrap_or(Value::Null);
        let day = day_of(&date);
        for entry in page.results {
            let Entry::Model { owner, name, run_count } = entry else {
                adapted.rows.push(Row::new()); // rejected as a row without fields
                continue;
            };
            let model = match (owner.as_str(), name.as_str()) {
                (Some(o), Some(n)) if !o.is_empty() && !n.is_empty() => Value::String(format!("{o}/{n}")),
                _ => Value::Null,
            };
            if let (Some(id), Some(day)) = (model.as_str(), day) {
                let seen = first_seen.entry(id.to_owned()).or_insert_with(|| (day, owner.clone(), name.clone()));
                if day < seen.0 {
                    seen.0 = day;
                }
            }
            adapted.rows.push(row([("day", date.clone()), ("model", model), ("total", run_count)]));
        }
    }
    let mut listed: Vec<_> = first_seen.into_iter().collect();
    listed.sort_by(|a, b| (a.1 .0, &a.0).cmp(&(b.1 .0, &b.0)));
    adapted.listings = listed
        .into_iter()
        .map(|(model, (day, owner, name))| {
            row([
                ("model", Value::String(model)),
                ("listed_at", Value::String(day.to_string())),
                ("owner", owner),
                ("name", name),
            ])
        })
        .collect();
    Ok(adapted)
}

/// The pages of `body`: a JSON array of them, or one after another (NDJSON).
fn pages(body: &[u8]) -> Result<Vec<Page>, String> {
    const SHAPE: &str = "expected pages of Replicate's model list, each {date, results: [...]}";
    let not_pages = |e: serde_json::Error| format!("{SHAPE}: {}", super::super::json::reason(&e));
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'[') => serde_json::from_slice(body).map_err(not_pages),
        Some(b'{') => {
            serde_json::Deserializer::from_slice(body).into_iter().collect::<Result<_, _>>().map_err(not_pages)
        }
        _ => Err(SHAPE.to_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_become_snapshots_and_models_are_listed_when_first_seen() {
        let body = br#"{"date":"2026-03-01","results":[{"owner":"acme","name":"llm","run_count":100,"description":"x"}],"next":null}
{"date":"2026-03-02T06:00:00Z","results":[{"owner":"acme","name":"llm","run_count":130},{"owner":"bo","name":"sd","run_count":7},{"name":"no-owner"},3]}"#;
        let a = adapt(body).unwrap();
        let rows: Vec<_> = a.rows.iter().map(|r| (r.get("model").cloned(), r.get("total").cloned())).collect();
        assert_eq!(rows.len(), 5);
        assert_eq!(rows[1], (Some("acme/llm".into()), Some(130.into())));
        assert_eq!(rows[3], (None, None), "no owner: no model id");
        assert!(a.rows[4].is_empty(), "not a model object");
        let listed: Vec<_> = a.listings.iter().map(|r| (r["model"].as_str(), r["listed_at"].as_str())).collect();
        assert_eq!(listed, [(Some("acme/llm"), Some("2026-03-01")), (Some("bo/sd"), Some("2026-03-02"))]);
        assert_eq!(a.listings[1]["owner"], "bo");
        let array = format!("[{}]", String::from_utf8_lossy(body).replace('\n', ","));
        assert_eq!(adapt(array.as_bytes()).unwrap().rows.len(), 5, "the same pages as an array");
        assert!(adapt(b"{\"results\": 3}").unwrap_err().starts_with("expected pages of Replicate's model list"));
        assert!(adapt(b"42").is_err());
    }
}
