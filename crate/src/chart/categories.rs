//! `categories`: each category's share of the models listed beside its share of the events,
//! and its idle models, most listed first (docs/charts.md#owners-and-categories): the question "are the
//! listed models used?" asked per category. The title states the category whose share of the
//! inventory most exceeds its share of the use.

use super::format::Locale;
use super::frame::{footnote, footnote_height, heading, legend, Heading, LegendItem, LABEL_SIZE, PAD};
use super::paint::{Anchor, DrawError, Painter};
use super::transform::Rect;
use super::words::Word;
use super::{By, ChartOptions, Drawn};
use crate::report::{CategoryRow, Report};
use crate::sort;
use plotters::prelude::DrawingBackend;

const ROW: f64 = 38.0;

/// A category's name as the chart writes it.
pub fn label<'a>(row: &'a CategoryRow, f: &'a Locale) -> &'a str {
    row.category.as_deref().unwrap_or(f.word(Word::NoCategory))
}

/// The rows the chart draws, in its order: most models listed first, then busiest, then by
/// name; empty when the source names no category.
pub fn rows(report: &Report) -> Vec<&CategoryRow> {
    if !report.categories.iter().any(|c| c.category.is_some()) {
        return Vec::new();
    }
    let all = &report.categories;
    let mut order: Vec<u32> = (0..all.len() as u32).collect();
    // A stable sort: equal rows keep the report's order, busiest then by name.
    sort::sort_ids(&mut order, &|&a, &b| {
        let (a, b) = (&all[a as usize].usage, &all[b as usize].usage);
        b.models_listed.cmp(&a.models_listed).then(b.events.cmp(&a.events))
    });
    order.iter().map(|&i| &all[i as usize]).collect()
}

/// "image: 40 % of models, 2 % of inferences": the category listed furthest beyond its use,
/// or, where none is listed, the busiest.
fn finding<DB: DrawingBackend>(p: &Painter<DB>, report: &Report, rows: &[&CategoryRow]) -> String {
    let (f, unit) = (&p.fmt, super::unit(report, &p.fmt));
    let gap = |c: &CategoryRow| c.share_listed.map(|l| l - c.usage.share.unwrap_or(0.0));
    let widest = rows.iter().filter_map(|c| Some((*c, gap(c)?))).max_by(|a, b| a.1.total_cmp(&b.1)).map(|(c, _)| c);
    match widest {
        Some(c) => f.say(
            Word::CategoryFinding,
            &[
                ("category", label(c, f)),
                ("listed", &f.percent(c.share_listed)),
                ("used", &f.percent(c.usage.share)),
                ("unit", unit),
            ],
        ),
        None => {
            let busiest = rows.iter().max_by_key(|c| c.usage.events);
            busiest.map_or_else(String::new, |c| {
                let share = f.percent(c.usage.share);
                f.say(Word::CategoryCarries, &[("category", label(c, f)), ("share", &share), ("unit", unit)])
            })
        }
    }
}

pub fn draw<DB: DrawingBackend>(
    p: &Painter<DB>,
    report: &Report,
    options: &ChartOptions,
) -> Result<Drawn, DrawError<DB>> {
    let (f, unit) = (&p.fmt, super::unit(report, &p.fmt));
    let subtitle = f.say(Word::CategoriesWhat, &[("unit", unit)]);
    let rows = rows(report);
    if rows.is_empty() {
        return super::share::unnamed(p, By::Category, subtitle);
    }
    let (width, height) = p.size();
    let top = heading(p, &Heading { title: finding(p, report, &rows), subtitle })?;
    let items = [
        LegendItem {
            key: "listed".into(),
            label: f.word(Word::ModelsListed).into(),
            color: p.theme.supply,
            shown: options.shows("listed"),
        },
        LegendItem {
            key: "used".into(),
            label: super::capitalized(unit),
            color: p.theme.demand_fill,
            shown: options.shows("used"),
        },
    ];
    let (hits, legend_rows) = legend(p, &items, top + 6.0)?;
    let top = top + 6.0 + legend_rows as f64 * 18.0;
    let fit = |bottom: f64| (((bottom - top) / ROW).floor().max(0.0) as usize).min(rows.len());
    let note = |shown: usize| {
        let hidden = rows.len() - shown;
        (hidden > 0).then(|| {
            let more = Word::MoreCategories.one_or(hidden as u64, Word::MoreCategoriesOne);
            f.say(more, &[("n", &f.integer(hidden as u64))])
        })
    };
    let mut shown = fit(height - PAD);
    if let Some(text) = note(shown) {
        shown = fit(height - PAD - footnote_height(p, &text));
        footnote(p, &note(shown).unwrap_or(text))?;
    }
    let max = rows.iter().flat_map(|c| [c.share_listed, c.usage.share]).flatten().fold(0.0, f64::max).max(1e-9);
    let bar_right = width - PAD;
    let mut boxes = Vec::with_capacity(shown);
    for (k, c) in rows.iter().take(shown).enumerate() {
        let y = top + k as f64 * ROW;
        let (listed, used, idle) =
            (p.fmt.percent(c.share_listed), p.fmt.percent(c.usage.share), p.fmt.integer(c.usage.models_idle));
        // Words where they fit, the bare figures (the legend's order) where they do not.
        let figures = [("listed", listed.as_str()), ("used", used.as_str()), ("idle", idle.as_str()), ("unit", unit)];
        let long = f.say(Word::CategoryStats, &figures);
        let stats = if p.text_width(&long, LABEL_SIZE, false) <= width * 0.55 {
            long
        } else {
            p.fit(&f.say(Word::CategoryStatsShort, &figures), width * 0.55, LABEL_SIZE, false)
        };
        let stats_w = p.text_width(&stats, LABEL_SIZE, false);
        let name = p.fit(label(c, f), width - 2.0 * PAD - stats_w - 8.0, 12.0, false);
        p.text(&name, PAD, y + 9.0, 12.0, p.theme.text, false, Anchor::MiddleLeft)?;
        p.text(&stats, width - PAD, y + 9.0, LABEL_SIZE, p.theme.muted, false, Anchor::MiddleRight)?;
        let bar = |share: Option<f64>, at: f64, color, key: &str| {
            let end = PAD + (bar_right - PAD) * share.unwrap_or(0.0) / max;
            if options.shows(key) && share.is_some() {
                p.fill_rect(PAD, at, end.max(PAD + 1.0), at + 6.0, color)?;
            }
            Ok(())
        };
        bar(c.share_listed, y + 19.0, p.theme.supply, "listed")?;
        bar(c.usage.share, y + 27.0, p.theme.demand_fill, "used")?;
        boxes.push(Rect { left: PAD, top: y, right: width - PAD, bottom: y + ROW });
    }
    Ok(Drawn { legend: hits, boxes, ..Drawn::default() })
}
