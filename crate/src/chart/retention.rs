//! `retention`: weekly cohorts as a heat map, a row per cohort and a column per week
//! since; darker is more of the cohort still active. A long window's cohorts are months
//! (element/reports.rs), and the words follow.

use super::format::Locale;
use super::frame::{empty_state, heading, Heading, LABEL_SIZE, PAD};
use super::paint::{Anchor, DrawError, Painter};
use super::theme::mix;
use super::transform::Rect;
use super::words::Word;
use super::{Cohort, Drawn};
use crate::report::{Cohorts, Period, Report};
use plotters::prelude::DrawingBackend;

/// The cohorts the chart shows, or `None` when the input cannot say (callers from rollups).
pub fn cohorts(report: &Report, cohort: Cohort) -> Option<&Cohorts> {
    match cohort {
        Cohort::Models => Some(&report.retention.models),
        Cohort::Callers => report.retention.callers.as_ref(),
    }
}

/// Whose cohorts, in the reader's words: `models` or `callers`.
pub fn noun(cohort: Cohort, f: &Locale) -> &str {
    f.word(match cohort {
        Cohort::Models => Word::NounModels,
        Cohort::Callers => Word::WhatCallers,
    })
}

pub fn draw<DB: DrawingBackend>(p: &Painter<DB>, report: &Report, cohort: Cohort) -> Result<Drawn, DrawError<DB>> {
    let f = &p.fmt;
    let noun = noun(cohort, f);
    let period = cohorts(report, cohort).map(|c| c.period).unwrap_or_default();
    let weekly = period == Period::Week;
    let what = if weekly { Word::RetentionWhatWeek } else { Word::RetentionWhatMonth };
    let subtitle = f.say(what, &[("noun", noun)]);
    let Some(c) = cohorts(report, cohort).filter(|c| !c.cohorts.is_empty()) else {
        let title = f.say(Word::NoCohorts, &[("noun", noun)]);
        let why = f.word(if report.events == 0 {
            Word::NoEventsInWindow
        } else if report.daily.day.is_empty() {
            Word::NoDays
        } else {
            Word::RollupsNoCallers
        });
        empty_state(p, &Heading { title, subtitle }, why)?;
        return Ok(Drawn::default());
    };
    let later: Vec<f64> = c.cells.iter().filter_map(|row| row.get(1).copied()).collect();
    let title = if later.is_empty() {
        let sizes = if weekly { Word::CohortSizesWeek } else { Word::CohortSizesMonth };
        let (n, k) = (f.integer(c.sizes.iter().sum()), c.cohorts.len().to_string());
        f.say(sizes, &[("n", &n), ("noun", noun), ("k", &k)])
    } else {
        let mean = later.iter().sum::<f64>() / later.len() as f64;
        let of = match later.len() {
            1 => f.word(Word::OneCohort).to_owned(),
            n => f.say(Word::MeanOfCohorts, &[("n", &n.to_string())]),
        };
        let back = if weekly { Word::ComeBackWeek } else { Word::ComeBackMonth };
        f.say(back, &[("share", &f.percent(Some(mean))), ("noun", noun), ("of", &of)])
    };
    let top = heading(p, &Heading { title, subtitle })?;
    let (width, height) = p.size();
    let weeks = c.cells.first().map_or(0, Vec::len);
    let label_w = 88.0;
    let cell_w = ((width - 2.0 * PAD - label_w) / weeks.max(1) as f64).min(64.0);
    let cell_h = ((height - top - PAD - 18.0) / c.cohorts.len() as f64).clamp(2.0, 28.0);
    let grid_top = top + 16.0;
    // Every `step`th column is labelled, so that no two labels touch.
    let widest = p.text_width(&format!("+{}", weeks.saturating_sub(1)), LABEL_SIZE, false) + 6.0;
    let step =
        [1, 2, 3, 4, 6, 12, 24, 48, 96].into_iter().find(|&s| s as f64 * cell_w >= widest).unwrap_or(weeks.max(1));
    for k in (0..weeks).step_by(step) {
        let x = PAD + label_w + (k as f64 + 0.5) * cell_w;
        p.text(&format!("+{k}"), x, top, LABEL_SIZE, p.theme.muted, false, Anchor::TopCenter)?;
    }
    let mut boxes = Vec::new();
    for (row, (&day, cells)) in c.cohorts.iter().zip(&c.cells).enumerate() {
        let y = grid_top + row as f64 * cell_h;
        if cell_h >= 11.0 {
            let when = match c.period {
                Period::Week => p.fmt.day_short(day),
                Period::Month => p.fmt.month_year(day),
            };
            let mut label = format!("{when} ({})", p.fmt.compact(c.sizes[row] as f64));
            if p.text_width(&label, LABEL_SIZE, false) > label_w - 4.0 {
                label = when;
            }
            p.text(&label, PAD, y + cell_h / 2.0, LABEL_SIZE, p.theme.muted, false, Anchor::MiddleLeft)?;
        }
        for (k, &share) in cells.iter().enumerate() {
            let r = Rect {
                left: PAD + label_w + k as f64 * cell_w,
                top: y,
                right: PAD + label_w + (k + 1) as f64 * cell_w - 1.0,
                bottom: y + cell_h - 1.0,
            };
            let color = mix(mix(p.theme.background, p.theme.grid, 0.7), p.theme.demand_line, share.sqrt());
            p.fill_rect(r.left, r.top, r.right, r.bottom, color)?;
            if cell_w >= 36.0 && cell_h >= 14.0 {
                let ink = if share > 0.45 { p.theme.background } else { p.theme.text };
                p.text(
                    &p.fmt.percent(Some(share)),
                    (r.left + r.right) / 2.0,
                    (r.top + r.bottom) / 2.0,
                    10.0,
                    ink,
                    false,
                    Anchor::Center,
                )?;
            }
            boxes.push(r);
        }
    }
    Ok(Drawn { boxes, ..Drawn::default() })
}
