//! OpenRouter's rankings-daily dataset: `{data: [{date, model_permaslug, total_tokens}],
//! meta: {as_of}}`, the top models of each day and an `other` row, in tokens, licensed
//! CC BY 4.0 with a citation that the widget draws under every chart.

use super::{row, Adapted};
use serde_json::Value;

/// `date` → `day`, `model_permaslug` → `model` (its `other` row is the long tail, as in
/// rollups), `total_tokens` (a decimal string) → `events`.
pub fn adapt(document: &Value) -> Result<Adapted, String> {
    let data = document
        .get("data")
        .and_then(Value::as_array)
        .ok_or("expected OpenRouter's rankings: an object with a data array")?;
    let rows = data
        .iter()
        .map(|r| {
            // A row that is not an object has no fields: rejected, with its index.
            let field = |name: &str| r.get(name).cloned().unwrap_or(Value::Null);
            row([("day", field("date")), ("model", field("model_permaslug")), ("events", field("total_tokens"))])
        })
        .collect();
    let as_of = document.pointer("/meta/as_of").and_then(Value::as_str);
    let attribution =
        format!("Source: OpenRouter (openrouter.ai/rankings), as of {}", as_of.unwrap_or("an unknown date"));
    Ok(Adapted { rows, attribution: Some(attribution), ..Adapted::default() })
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
        let adapted = adapt(&doc).unwrap();
        assert_eq!(adapted.rows.len(), 2);
        assert_eq!(adapted.rows[0]["model"], "a/b");
        assert_eq!(adapted.rows[0]["events"], "123456789012");
        assert_eq!(
            adapted.attribution.as_deref(),
            Some("Source: OpenRouter (openrouter.ai/rankings), as of 2026-03-02T00:00:00Z")
        );
        assert!(adapt(&Value::Array(vec![])).is_err());
    }
}
