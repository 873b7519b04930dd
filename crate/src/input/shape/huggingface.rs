//! Hugging Face Hub's model list, as `/api/models` returns it: an array of
//! `{id, author, createdAt, lastModified, downloads, pipeline_tag, …}`. `downloads` counts
//! the last 30 days, so the rows are totals over that period, not days; the list is also
//! the registry. The list carries no date of its own: wrap it as `{as_of, models}` to say
//! when it was fetched, or the newest `lastModified` in it is taken as that day.

use super::{day_of, row, Adapted};
use serde::de::IgnoredAny;
use serde::Deserialize;
use serde_json::Value;

/// The days Hugging Face counts `downloads` over.
pub const PERIOD_DAYS: i32 = 30;

/// The list wrapped with the day it was fetched.
#[derive(Deserialize)]
struct Wrapped {
    #[serde(default)]
    as_of: Value,
    models: Vec<Entry>,
}

/// A model object, or anything else in its place (a rejected row, not a broken document).
#[derive(Deserialize)]
#[serde(untagged)]
enum Entry {
    Model(Box<Model>),
    Other(IgnoredAny),
}

/// The fields of a model object that hubpulse reads; the others are skipped as parsed.
#[derive(Deserialize)]
struct Model {
    #[serde(default)]
    id: Value,
    #[serde(default, rename = "modelId")]
    model_id: Value,
    #[serde(default)]
    author: Value,
    #[serde(default, rename = "createdAt")]
    created_at: Value,
    #[serde(default, rename = "lastModified")]
    last_modified: Value,
    #[serde(default)]
    downloads: Value,
    #[serde(default)]
    pipeline_tag: Value,
}

/// `id` → `model`; `downloads` → `events` on the period's last day; and as listings,
/// `createdAt` → `listed_at`, `author` (else the id's part before `/`) → `owner`,
/// `pipeline_tag` → `category`.
pub fn adapt(body: &[u8]) -> Result<Adapted, String> {
    const SHAPE: &str = "expected Hugging Face's model list: an array of models, or {as_of, models}";
    let not_a_list = |e: serde_json::Error| format!("{SHAPE}: {}", super::super::json::reason(&e));
    let (as_of, entries) = match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'[') => (None, serde_json::from_slice::<Vec<Entry>>(body).map_err(not_a_list)?),
        Some(b'{') => {
            let Wrapped { as_of, models } = serde_json::from_slice(body).map_err(not_a_list)?;
            match day_of(&as_of) {
                Some(day) => (Some(day), models),
                None => return Err(format!("as_of must be the day the list was fetched, not {as_of}")),
            }
        }
        _ => return Err(SHAPE.to_owned()),
    };
    let newest = entries.iter().filter_map(|e| match e {
        Entry::Model(m) => day_of(&m.last_modified).or(day_of(&m.created_at)),
        Entry::Other(_) => None,
    });
    let end = as_of
        .or_else(|| newest.max())
        .ok_or("Hugging Face's list has no date: give it as {\"as_of\": day, \"models\": [...]}")?;
    let day = Value::String(end.to_string());
    let mut adapted = Adapted { period: Some((end.plus(1 - PERIOD_DAYS), end)), ..Adapted::default() };
    for entry in entries {
        let Entry::Model(model) = entry else {
            adapted.rows.push(super::Row::new());
            adapted.listings.push(super::Row::new());
            continue;
        };
        let Model { id, model_id, author, created_at, downloads, pipeline_tag, .. } = *model;
        let id = if id.is_null() { model_id } else { id };
        let owner = match (&author, id.as_str().and_then(|i| i.split_once('/'))) {
            (Value::Null, Some((owner, _))) => Value::String(owner.to_owned()),
            _ => author,
        };
        adapted.rows.push(row([("day", day.clone()), ("model", id.clone()), ("events", downloads)]));
        adapted.listings.push(row([
            ("model", id),
            ("listed_at", created_at),
            ("owner", owner),
            ("category", pipeline_tag),
        ]));
    }
    Ok(adapted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::day::Day;

    #[test]
    fn downloads_are_totals_over_the_thirty_days_to_the_newest_modification() {
        let body = br#"[{"_id":"x","id":"org/a","createdAt":"2025-01-02T00:00:00.000Z","lastModified":"2026-03-09T10:00:00.000Z","downloads":120,"pipeline_tag":"text-generation","tags":["a"]},
                        {"id":"b","author":"me","createdAt":"2026-03-01T00:00:00.000Z","downloads":0},
                        "junk"]"#;
        let a = adapt(body).unwrap();
        let end = Day::parse("2026-03-09").unwrap();
        assert_eq!(a.period, Some((end.plus(-29), end)));
        assert_eq!(a.rows[0]["day"], "2026-03-09");
        assert_eq!((&a.rows[0]["model"], &a.rows[0]["events"]), (&Value::from("org/a"), &Value::from(120)));
        assert_eq!(a.listings[0]["owner"], "org", "no author: the id's namespace");
        assert_eq!(a.listings[0]["category"], "text-generation");
        assert_eq!(a.listings[1]["owner"], "me");
        assert!(a.rows[2].is_empty() && a.listings[2].is_empty());
        let wrapped = adapt(br#"{"as_of":"2026-04-01","models":[{"id":"a","downloads":1}]}"#).unwrap();
        assert_eq!(wrapped.period.map(|p| p.1.to_string()), Some("2026-04-01".into()));
        assert!(adapt(br#"[{"id":"a","downloads":1}]"#).unwrap_err().contains("has no date"));
        assert!(adapt(br#"{"data":[]}"#).unwrap_err().starts_with("expected Hugging Face's model list"));
    }
}
