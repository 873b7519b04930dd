//! What part of the use a chart shows, in the reader's words. A filtered report's charts say
//! it before every subtitle, in their summary and in the source panel, and the element's
//! chips remove its values one at a time (docs/charts.md#filters).

use super::format::Locale;
use super::words::Word;
use crate::report::{Filter, InputSummary};
use crate::text::visible;
use serde::Serialize;

/// One value of a filter, as the chip that removes it shows it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Chip {
    /// One of [`Filter::DIMENSIONS`].
    pub dimension: &'static str,
    /// The value, as the filter names it.
    pub value: String,
    /// "owner acme".
    pub label: String,
    /// "Remove the filter owner acme".
    pub hint: String,
}

/// Each dimension of the filter `input` counts by: its name, its values and its noun in the
/// reader's words.
fn dimensions<'a>(
    input: &'a InputSummary,
    f: &'a Locale,
) -> impl Iterator<Item = (&'static str, &'a [String], &'a str)> {
    let nouns = [Word::NounModel, Word::NounOwner, Word::NounCategory, Word::NounMode, Word::NounKind, Word::NounApp];
    let dimensions = input.filter.iter().flat_map(Filter::dimensions);
    dimensions.zip(nouns).map(|((dimension, values), noun)| (dimension, values, f.word(noun)))
}

/// A value of the filter as the reader knows it: a model by the registry's name for it (as
/// the leaderboard shows it), anything else as the filter names it.
fn shown(input: &InputSummary, dimension: &str, value: &str) -> String {
    let name = input.filter_names.get(value).filter(|_| dimension == "model");
    visible(name.map_or(value, String::as_str)).into_owned()
}

/// "Filter: owner acme or beta; category chat", or `None` when `input` counts everything.
pub fn statement(input: &InputSummary, f: &Locale) -> Option<String> {
    let parts: Vec<String> = dimensions(input, f)
        .filter_map(|(dimension, values, noun)| {
            let values: Vec<String> = values.iter().map(|v| shown(input, dimension, v)).collect();
            let listed = match values.as_slice() {
                [] => return None,
                [one] => one.clone(),
                [first @ .., last] => f.say(Word::FilterOr, &[("list", &first.join(", ")), ("last", last)]),
            };
            Some(format!("{noun} {listed}"))
        })
        .collect();
    (!parts.is_empty()).then(|| f.say(Word::FilterStatement, &[("filter", &parts.join("; "))]))
}

/// A chip for each value of the filter `input` counts by, in the order of [`statement`].
pub fn chips(input: &InputSummary, f: &Locale) -> Vec<Chip> {
    dimensions(input, f)
        .flat_map(|(dimension, values, noun)| {
            values.iter().map(move |value| {
                let label = format!("{noun} {}", shown(input, dimension, value));
                let hint = f.say(Word::RemoveFilter, &[("filter", &label)]);
                Chip { dimension, value: value.clone(), label, hint }
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_filter_is_said_a_dimension_at_a_time_and_each_value_is_a_chip() {
        let f = Locale::default();
        assert_eq!(statement(&InputSummary::default(), &f), None);
        let filter = Filter {
            model: vec!["a\u{202e}b".into()],
            owner: vec!["acme".into(), "beta".into(), "gamma".into()],
            mode: vec!["tee".into()],
            app: vec!["studio".into()],
            ..Filter::default()
        };
        let input = InputSummary { filter: Some(filter), ..InputSummary::default() };
        let said = statement(&input, &f);
        assert_eq!(said.as_deref(), Some("Filter: model a\\u{202e}b; owner acme, beta or gamma; mode tee; app studio"));
        let chips = chips(&input, &f);
        let shown: Vec<(&str, &str, &str)> =
            chips.iter().map(|c| (c.dimension, c.value.as_str(), c.hint.as_str())).collect();
        assert_eq!(shown[0], ("model", "a\u{202e}b", "Remove the filter model a\\u{202e}b"));
        assert_eq!(shown[1..].iter().map(|c| c.1).collect::<Vec<_>>(), ["acme", "beta", "gamma", "tee", "studio"]);
        assert_eq!(chips[3].label, "owner gamma");
        assert_eq!((chips[4].dimension, chips[5].label.as_str()), ("mode", "app studio"));
    }

    #[test]
    fn a_model_is_said_by_the_registry_s_name_and_its_chip_removes_its_id() {
        let f = Locale::default();
        let filter =
            Filter { model: vec!["og/1".into(), "og/2".into()], owner: vec!["og/1".into()], ..Filter::default() };
        let filter_names = [("og/1".to_owned(), "Atlas".to_owned())].into();
        let input = InputSummary { filter: Some(filter), filter_names, ..InputSummary::default() };
        assert_eq!(statement(&input, &f).as_deref(), Some("Filter: model Atlas or og/2; owner og/1"));
        let chips = chips(&input, &f);
        assert_eq!((chips[0].value.as_str(), chips[0].hint.as_str()), ("og/1", "Remove the filter model Atlas"));
        assert_eq!(chips[2].label, "owner og/1", "an owner is no model");
    }
}
