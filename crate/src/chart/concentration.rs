//! `concentration`: the Lorenz curve of use over models against the line of equality,
//! with the figures that summarise it.

use super::format::{self, Locale};
use super::frame::{heading, Heading, LABEL_SIZE, PAD};
use super::paint::{Anchor, DrawError, Painter};
use super::transform::{PlotTransform, Rect};
use super::words::Word;
use super::Drawn;
use crate::report::Report;
use plotters::prelude::DrawingBackend;

/// The figures shown beside the curve, as (label, value).
pub fn figures(report: &Report, f: &Locale) -> Vec<(String, String)> {
    vec![
        ("Gini".into(), f.decimal_or_undefined(report.gini, 2)),
        (f.word(Word::TopModel).into(), f.percent(report.top1_share)),
        (f.word(Word::TopTenModels).into(), f.percent(report.top10_share)),
        (f.word(Word::EffectiveModels).into(), f.decimal_or_undefined(report.effective_models, 1)),
        (
            f.say(Word::ModelsFor80, &[("share", &f.percent(Some(0.8)))]),
            report.models_for_80pct.map_or(format::UNDEFINED.into(), |n| f.integer(n)),
        ),
    ]
}

pub fn draw<DB: DrawingBackend>(p: &Painter<DB>, report: &Report) -> Result<Drawn, DrawError<DB>> {
    let (f, unit) = (&p.fmt, super::unit(report, &p.fmt));
    let title = match (report.top10_share, report.gini) {
        (Some(top10), Some(gini)) => f.say(
            Word::ConcentrationTitle,
            &[
                ("n", &f.integer(report.models_in_universe)),
                ("share", &f.percent(Some(top10))),
                ("unit", unit),
                ("gini", &f.decimal(gini, 2)),
            ],
        ),
        _ => f.say(Word::NoUnitInWindow, &[("unit", unit)]),
    };
    let subtitle = f.say(Word::LorenzWhat, &[("unit", unit)]);
    let top = heading(p, &Heading { title, subtitle })?;
    let (width, height) = p.size();
    let side_by_side = width >= 520.0;
    let room_h = height - top - PAD - 18.0;
    let size = if side_by_side { room_h.min(width * 0.6) } else { room_h.min(width - 2.0 * PAD) * 0.7 };
    let plot = Rect { left: PAD + 34.0, top: top + 4.0, right: PAD + 34.0 + size, bottom: top + 4.0 + size };
    let t = PlotTransform { plot, x_min: 0.0, x_max: 1.0, y_min: 0.0, y_max: 1.0 };
    for tick in [0.0, 0.5, 1.0] {
        let (x, y) = (t.x_px(tick), t.y_px(tick));
        p.line(&[(plot.left, y), (plot.right, y)], p.theme.grid, 1)?;
        p.line(&[(x, plot.top), (x, plot.bottom)], p.theme.grid, 1)?;
        p.text(&p.fmt.percent(Some(tick)), plot.left - 6.0, y, LABEL_SIZE, p.theme.muted, false, Anchor::MiddleRight)?;
        p.text(&p.fmt.percent(Some(tick)), x, plot.bottom + 5.0, LABEL_SIZE, p.theme.muted, false, Anchor::TopCenter)?;
    }
    p.line(&[(t.x_px(0.0), t.y_px(0.0)), (t.x_px(1.0), t.y_px(1.0))], p.theme.axis, 1)?;
    if report.lorenz.len() > 1 {
        let curve: Vec<(f64, f64)> = report.lorenz.iter().map(|&[x, y]| (t.x_px(x), t.y_px(y))).collect();
        let mut area = curve.clone();
        area.push((t.x_px(1.0), t.y_px(0.0)));
        p.polygon(&area, p.theme.demand_fill)?;
        p.line(&curve, p.theme.demand_line, 2)?;
    }
    let (mut x, mut y) = if side_by_side { (plot.right + 28.0, plot.top + 4.0) } else { (PAD, plot.bottom + 24.0) };
    for (label, value) in figures(report, &p.fmt) {
        if y + 30.0 > height {
            break;
        }
        p.text(&label, x, y, 12.0, p.theme.muted, false, Anchor::TopLeft)?;
        p.text(&value, x, y + 15.0, 18.0, p.theme.text, true, Anchor::TopLeft)?;
        if side_by_side {
            y += 44.0;
        } else {
            x += 120.0;
            if x + 100.0 > width {
                x = PAD;
                y += 44.0;
            }
        }
    }
    Ok(Drawn { transform: Some(t), ..Drawn::default() })
}
