//! What part of the use a chart shows, in the reader's words. A filtered report's charts say
//! it before every subtitle, in their summary and in the source panel, and the element's
//! chips remove its values one at a time (docs/charts.md#filters).

use super::format::Locale;
use super::words::Word;
use crate::report::Filter;
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

/// Each dimension of `filter`: its name, its values and its noun in the reader's words.
fn dimensions<'a>(filter: &'a Filter, f: &'a Locale) -> impl Iterator<Item = (&'static str, &'a [String], &'a str)> {
    let nouns = [Word::NounModel, Word::NounOwner, Word::NounCategory, Word::NounMode, Word::NounKind, Word::NounApp];
    filter.dimensions().into_iter().zip(nouns).map(|((dimension, values), noun)| (dimension, values, f.word(noun)))
}

/// "Filter: owner acme or beta; category chat", or `None` when `filter` keeps everything.
pub fn statement(filter: &Filter, f: &Locale) -> Option<String> {
    let parts: Vec<String> = dimensions(filter, f)
        .filter_map(|(_, values, noun)| {
            let values: Vec<String> = values.iter().map(|v| visible(v).into_owned()).collect();
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

/// A chip for each value of `filter`, in the order of [`statement`].
pub fn chips(filter: &Filter, f: &Locale) -> Vec<Chip> {
    dimensions(filter, f)
        .flat_map(|(dimension, values, noun)| {
            values.iter().map(move |value| {
                let label = format!("{noun} {}", visible(value));
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
        assert_eq!(statement(&Filter::default(), &f), None);
        let filter = Filter {
            model: vec!["a\u{202e}b".into()],
            owner: vec!["acme".into(), "beta".into(), "gamma".into()],
            mode: vec!["tee".into()],
            app: vec!["studio".into()],
            ..Filter::default()
        };
        let said = statement(&filter, &f);
        assert_eq!(said.as_deref(), Some("Filter: model a\\u{202e}b; owner acme, beta or gamma; mode tee; app studio"));
        let chips = chips(&filter, &f);
        let shown: Vec<(&str, &str, &str)> =
            chips.iter().map(|c| (c.dimension, c.value.as_str(), c.hint.as_str())).collect();
        assert_eq!(shown[0], ("model", "a\u{202e}b", "Remove the filter model a\\u{202e}b"));
        assert_eq!(shown[1..].iter().map(|c| c.1).collect::<Vec<_>>(), ["acme", "beta", "gamma", "tee", "studio"]);
        assert_eq!(chips[3].label, "owner gamma");
        assert_eq!((chips[4].dimension, chips[5].label.as_str()), ("mode", "app studio"));
    }
}
