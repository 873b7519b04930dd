//! Hubs' own document shapes, read as they are published (selected by `format`): each
//! becomes rows in hubpulse's field names, plus the credit its licence asks for.

use serde_json::{Map, Value};

/// A document shape that is not one of SPEC §1's formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// OpenRouter's rankings-daily dataset: `{data: [{date, model_permaslug, total_tokens}],
    /// meta: {as_of}}`, the top models of each day and an `other` row, in tokens, licensed
    /// CC BY 4.0.
    OpenRouterRankings,
}

/// Rows in hubpulse's field names, and the attribution the source's licence asks for.
pub struct Adapted {
    pub rows: Vec<Map<String, Value>>,
    pub attribution: Option<String>,
}

impl Shape {
    /// The shape a `format` attribute names.
    pub fn parse(name: &str) -> Option<Shape> {
        match name.trim() {
            "openrouter-rankings" => Some(Shape::OpenRouterRankings),
            _ => None,
        }
    }

    /// The shape a `format` attribute or option names, or an error that lists the shapes.
    pub fn named(name: &str) -> Result<Shape, crate::Error> {
        Shape::parse(name).ok_or_else(|| {
            crate::Error::Inputs(format!("format {name:?} is not a shape hubpulse reads; it reads openrouter-rankings"))
        })
    }

    /// What the shape counts.
    pub fn unit(self) -> &'static str {
        match self {
            Shape::OpenRouterRankings => "tokens",
        }
    }

    /// The rows of `document`, or why it is not in this shape.
    pub fn adapt(self, document: &Value) -> Result<Adapted, String> {
        match self {
            Shape::OpenRouterRankings => open_router(document),
        }
    }
}

/// `date` → `day`, `model_permaslug` → `model` (its `other` row is the long tail, as in
/// rollups), `total_tokens` (a decimal string) → `events`.
fn open_router(document: &Value) -> Result<Adapted, String> {
    let data = document
        .get("data")
        .and_then(Value::as_array)
        .ok_or("expected OpenRouter's rankings: an object with a data array")?;
    fn rename(name: &str) -> &str {
        match name {
            "date" => "day",
            "model_permaslug" => "model",
            "total_tokens" => "events",
            other => other,
        }
    }
    let rows = data
        .iter()
        .map(|row| match row.as_object() {
            Some(fields) => fields.iter().map(|(k, v)| (rename(k).to_owned(), v.clone())).collect(),
            None => Map::new(), // rejected as a row without fields, with its index
        })
        .collect();
    let as_of = document.pointer("/meta/as_of").and_then(Value::as_str);
    let attribution =
        format!("Source: OpenRouter (openrouter.ai/rankings), as of {}", as_of.unwrap_or("an unknown date"));
    Ok(Adapted { rows, attribution: Some(attribution) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn open_router_rankings_map_to_rollups_with_their_credit() {
        let doc: Value = serde_json::from_str(
            r#"{"data":[{"date":"2026-03-01","model_permaslug":"a/b","total_tokens":"123456789012"},
                        {"date":"2026-03-01","model_permaslug":"other","total_tokens":"5"}],
                "meta":{"as_of":"2026-03-02T00:00:00Z"}}"#,
        )
        .unwrap();
        let adapted = Shape::OpenRouterRankings.adapt(&doc).unwrap();
        assert_eq!(adapted.rows.len(), 2);
        assert_eq!(adapted.rows[0]["model"], "a/b");
        assert_eq!(adapted.rows[0]["events"], "123456789012");
        assert_eq!(
            adapted.attribution.as_deref(),
            Some("Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-02T00:00:00Z")
        );
        assert!(Shape::OpenRouterRankings.adapt(&Value::Array(vec![])).is_err());
    }
}
