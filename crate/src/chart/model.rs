//! `model`: one model's card, for its publisher's page: its use in the window, how it
//! ranks, who calls it, and its daily inferences.

use super::format::Locale;
use super::frame::{empty_state, heading, Heading, LABEL_SIZE, PAD};
use super::overview::fitted;
use super::paint::{Anchor, DrawError, Painter};
use super::said::Said;
use super::transform::{PlotTransform, Rect};
use super::words::Word;
use super::Drawn;
use crate::report::{ModelRow, Report};
use plotters::prelude::DrawingBackend;

/// The row of `model` (its id, or else its display name).
pub fn find<'r>(report: &'r Report, model: Option<&str>) -> Option<&'r ModelRow> {
    let wanted = model?.trim();
    let rows = report.models.iter();
    rows.clone().find(|m| m.model == wanted).or_else(|| rows.clone().find(|m| m.name == wanted))
}

/// The card's figures, as (label, value).
pub fn figures(report: &Report, m: &ModelRow, f: &Locale) -> Vec<(String, String)> {
    let active = report.models_active;
    let mut figures = vec![
        (super::unit_label(report, f), f.integer(m.events)),
        (f.word(Word::WeekOverWeekLabel).into(), f.change(m.events_wow)),
        (f.word(Word::ShareOfHub).into(), f.percent(m.share)),
        (
            f.word(Word::Rank).into(),
            if m.events > 0 {
                f.say(Word::RankOf, &[("rank", &m.rank.to_string()), ("n", &f.integer(active))])
            } else {
                f.word(Word::Idle).into()
            },
        ),
    ];
    figures.extend(Said::of(report).model_figures(m, f));
    figures
}

pub fn draw<DB: DrawingBackend>(p: &Painter<DB>, report: &Report, model: Option<&str>) -> Result<Drawn, DrawError<DB>> {
    let (f, unit) = (&p.fmt, super::unit(report, &p.fmt));
    let Some(m) = find(report, model) else {
        let title = match model {
            Some(id) => f.say(Word::NoSuchModel, &[("id", id)]),
            None => f.word(Word::WhichModel).into(),
        };
        let head = Heading { title, subtitle: f.word(Word::ModelCardWhat).into() };
        empty_state(p, &head, f.word(Word::SetModel))?;
        return Ok(Drawn::default());
    };
    let Some(window) = report.window else { return Ok(Drawn::default()) };
    let title = f.say(
        Word::ModelTitle,
        &[
            ("name", &m.name),
            ("n", &f.integer(m.events)),
            ("unit", super::counted_unit(report, f, m.events)),
            ("days", &f.days(window.days)),
        ],
    );
    let subtitle =
        if m.name == m.model { f.word(Word::Model).to_owned() } else { f.say(Word::ModelId, &[("id", &m.model)]) };
    let top = heading(p, &Heading { title, subtitle })?;
    let (width, height) = p.size();
    let columns = if width >= 560.0 { 4 } else { 2 };
    let col_w = (width - 2.0 * PAD) / columns as f64;
    let mut y = top;
    for (k, (label, value)) in figures(report, m, &p.fmt).iter().enumerate() {
        let (col, row) = (k % columns, k / columns);
        let x = PAD + col as f64 * col_w;
        y = top + row as f64 * 44.0;
        p.text(label, x, y, 12.0, p.theme.muted, false, Anchor::TopLeft)?;
        // Smaller rather than cut ("n° 188 sur…" of "n° 188 sur 283" at 320 px in French).
        let (value, size) = fitted(p, value, col_w - 8.0, 18.0, 12.0, true);
        p.text(&value, x, y + 15.0, size, p.theme.text, true, Anchor::TopLeft)?;
    }
    let plot = Rect { left: PAD, top: y + 54.0, right: width - PAD, bottom: height - PAD - 14.0 };
    if plot.height() < 24.0 {
        return Ok(Drawn::default());
    }
    let peak = m.daily.iter().copied().max().unwrap_or(0);
    let max = peak.max(1) as f64;
    let t = PlotTransform { plot, x_min: -0.5, x_max: m.daily.len() as f64 - 0.5, y_min: 0.0, y_max: max };
    p.line(&[(plot.left, plot.bottom), (plot.right, plot.bottom)], p.theme.axis, 1)?;
    let bar = (t.x_scale() * 0.72).max(1.0);
    for (i, &n) in m.daily.iter().enumerate().filter(|(_, &n)| n > 0) {
        let x = t.x_px(i as f64);
        p.fill_rect(x - bar / 2.0, t.y_px(n as f64), x + bar / 2.0, t.y_px(0.0), p.theme.demand_fill)?;
    }
    let peak = match peak {
        0 => f.say(Word::NoUnitLower, &[("unit", unit)]),
        n => f.say(Word::DailyPeak, &[("unit", unit), ("n", &f.integer(n))]),
    };
    p.text(&peak, plot.left, plot.bottom + 4.0, LABEL_SIZE, p.theme.muted, false, Anchor::TopLeft)?;
    let range = f.say(Word::RangeUtc, &[("range", &f.day_range(window.from, window.to))]);
    p.text(&range, plot.right, plot.bottom + 4.0, LABEL_SIZE, p.theme.muted, false, Anchor::TopRight)?;
    Ok(Drawn { transform: Some(t), ..Drawn::default() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{Theme, ThemeName};
    use crate::dataset::Dataset;
    use crate::metrics::ReportOptions;
    use plotters::prelude::SVGBackend;

    /// The SVG of the card of `model` among 200 models (m000 the busiest, with 200 events, m199
    /// with one), `width` pixels wide.
    fn card(model: &str, width: u32) -> String {
        let events: String = (0..200)
            .flat_map(|m| (0..(200 - m)).map(move |_| format!("{{\"ts\":\"2026-03-02\",\"model\":\"m{m:03}\"}}\n")))
            .collect();
        let data = Dataset::from_events("e.ndjson", events.as_bytes()).expect("read");
        let report = data.report(&ReportOptions::default()).expect("a report");
        let theme = Theme::named(ThemeName::Light);
        let mut svg = String::new();
        {
            let p = Painter::new(SVGBackend::with_string(&mut svg, (width, 320)), &theme, Locale::default());
            draw(&p, &report, Some(model)).expect("drawn");
            p.present().expect("presented");
        }
        svg
    }

    #[test]
    fn a_card_of_one_inference_says_it_in_the_singular() {
        let svg = card("m199", 640);
        assert!(svg.lines().any(|l| l == "m199: 1 inference in 1 day"), "{svg}");
        assert!(card("m198", 640).lines().any(|l| l == "m198: 2 inferences in 1 day"));
    }

    #[test]
    fn a_narrow_card_draws_its_figures_smaller_rather_than_cut() {
        // m150 ranks "#151 of 200", wider than half of 240 px.
        let svg = card("m150", 240);
        assert!(svg.lines().any(|l| l == "#151 of 200"), "{svg}");
        assert!(!svg.lines().any(|l| l.ends_with('…') && l.starts_with('#')), "{svg}");
    }
}
