//! `overview`: the KPI tiles of docs/charts.md, each with its daily series as a sparkline. The
//! demand side comes first: inferences, then how many of the listed models carry them.

use super::format::{self, Locale};
use super::frame::{footnote, heading, two_lines, Heading, PAD};
use super::paint::{Anchor, DrawError, Painter};
use super::said::Said;
use super::series::listed_and_active;
use super::theme::mix;
use super::transform::Rect;
use super::words::Word;
use super::Drawn;
use crate::report::{ratio, Report};
use plotters::prelude::DrawingBackend;

/// One tile: what it counts, its figure, a line of context, and its daily series.
pub struct Tile {
    pub label: String,
    pub value: String,
    pub context: String,
    pub series: Vec<Option<f64>>,
}

/// The tiles of `report`, in reading order (the tooltip lists them too). Where the source
/// does not report callers, modes or self-calls, their tiles give way to figures it has.
pub fn tiles(report: &Report, f: &Locale) -> Vec<Tile> {
    let d = &report.daily;
    let said = Said::of(report);
    let share = |part: &dyn Fn(usize) -> u64| -> Vec<Option<f64>> {
        (0..d.events.len()).map(|i| ratio(part(i) as f64, d.events[i] as f64)).collect()
    };
    let organic = report.organic_events.and_then(|o| ratio(o as f64, report.events as f64));
    // Against a compared period, a count's tile says its change since then instead.
    let versus = |now: Option<f64>, then: &dyn Fn(&Report) -> Option<f64>, otherwise: String| {
        let Some(before) = report.compared.as_deref() else { return otherwise };
        let change = now.zip(then(before)).and_then(|(now, then)| ratio(now - then, then));
        let period = before.window.map_or_else(String::new, |w| f.day_range(w.from, w.to));
        f.say(Word::VersusPeriod, &[("change", &f.change(change)), ("period", &period)])
    };
    let mut tiles = vec![
        Tile {
            label: super::unit_label(report, f),
            value: f.integer(report.events),
            context: versus(
                Some(report.events as f64),
                &|r| Some(r.events as f64),
                f.say(Word::WeekOverWeek, &[("change", &f.change(report.events_wow))]),
            ),
            series: d.events.iter().map(|&n| Some(n as f64)).collect(),
        },
        Tile {
            label: f.word(Word::ListedModelsUsed).into(),
            value: format!("{} / {}", f.integer(listed_and_active(report)), f.integer(report.models_listed)),
            context: versus(
                Some(listed_and_active(report) as f64),
                &|r| Some(listed_and_active(r) as f64),
                f.say(
                    Word::ActiveIdle,
                    &[("active", &f.percent(report.active_ratio)), ("idle", &f.integer(report.models_idle))],
                ),
            ),
            series: d.models_active.iter().map(|&n| Some(n as f64)).collect(),
        },
        Tile {
            label: f.word(Word::EffectiveModels).into(),
            value: f.decimal_or_undefined(report.effective_models, 1),
            context: versus(
                report.effective_models,
                &|r| r.effective_models,
                f.say(Word::Top10Carry, &[("share", &f.percent(report.top10_share))]),
            ),
            series: d.effective_models.clone(),
        },
    ];
    tiles.push(match said.modes {
        true => Tile {
            label: f.word(Word::Verified).into(),
            value: f.percent(report.verified_share),
            context: "TEE + zkML".into(),
            series: share(&|i| d.by_mode.tee[i] + d.by_mode.zkml[i]),
        },
        false => top_model(report, f),
    });
    tiles.push(match said.callers {
        true => Tile {
            label: f.word(Word::CallersDauMau).into(),
            value: report.mau.map_or(format::UNDEFINED.into(), |m| {
                format!("{}{} MAU", super::approx(report, "mau"), f.compact(m as f64))
            }),
            context: versus(
                report.mau.map(|n| n as f64),
                &|r| r.mau.map(|n| n as f64),
                f.say(Word::Stickiness, &[("share", &f.percent(report.stickiness))]),
            ),
            series: d.callers.as_ref().map_or_else(Vec::new, |c| c.iter().map(|&n| Some(n as f64)).collect()),
        },
        false => Tile {
            label: f.say(Word::ModelsFor80, &[("share", &f.percent(Some(0.8)))]),
            value: report.models_for_80pct.map_or(format::UNDEFINED.into(), |n| f.integer(n)),
            context: f.say(Word::OfUsed, &[("n", &f.integer(report.models_active))]),
            series: Vec::new(),
        },
    });
    tiles.push(match said.self_calls {
        true => Tile {
            label: f.word(Word::Organic).into(),
            value: f.percent(organic),
            context: report.self_calls.map_or_else(
                || f.word(Word::SelfCallsUnknown).into(),
                |s| f.say(Word::NSelfCalls.one_or(s, Word::NSelfCallsOne), &[("n", &f.integer(s))]),
            ),
            series: match &d.self_calls {
                Some(selfs) => share(&|i| d.events[i] - selfs[i]),
                None => Vec::new(),
            },
        },
        false => Tile {
            label: f.word(Word::PerListedModel).into(),
            value: f.decimal_or_undefined(report.events_per_listed_model, 1),
            context: f.say(
                Word::UnitOverListed,
                &[("unit", super::unit(report, f)), ("n", &f.integer(report.models_listed))],
            ),
            series: (0..d.events.len()).map(|i| ratio(d.events[i] as f64, d.models_listed[i] as f64)).collect(),
        },
    });
    tiles
}

/// The busiest model's tile: its share, its name, its daily series.
fn top_model(report: &Report, f: &Locale) -> Tile {
    let top = report.models.first().filter(|m| m.events > 0);
    Tile {
        label: f.word(Word::TopModel).into(),
        value: f.percent(report.top1_share),
        context: top.map_or_else(|| format::UNDEFINED.into(), |m| m.name.clone()),
        series: top.map_or_else(Vec::new, |m| m.daily.iter().map(|&n| Some(n as f64)).collect()),
    }
}

/// `text` at the largest size from `size` down to `smallest` at which it fits `room` (measured
/// as drawn, hidden characters as their escapes), and that size; at the smallest, cut between
/// words if it must be.
pub(super) fn fitted<DB: DrawingBackend>(
    p: &Painter<DB>,
    text: &str,
    room: f64,
    size: f64,
    smallest: f64,
    bold: bool,
) -> (String, f64) {
    let drawn = crate::text::visible(text);
    let mut size = size;
    while size > smallest && p.text_width(&drawn, size, bold) > room {
        size -= 1.0;
    }
    (p.fit_words(text, room, size, bold), size)
}

/// The least height of a tile: its label and its value.
const MIN_TILE: f64 = 40.0;
/// The least height of a tile drawn tight (label and value closer, no context line).
const TIGHT_TILE: f64 = 32.0;
/// The least height of a tile whose label may take two lines, and the height of a line.
const TWO_LINE_TILE: f64 = 60.0;
const LABEL_LINE: f64 = 12.0;

pub fn draw<DB: DrawingBackend>(p: &Painter<DB>, report: &Report) -> Result<Drawn, DrawError<DB>> {
    let (f, unit) = (&p.fmt, super::unit(report, &p.fmt));
    let title = match report.window {
        Some(w) => f.say(
            Word::OverviewTitle,
            &[
                ("n", &f.integer(report.events)),
                ("unit", super::counted_unit(report, f, report.events)),
                ("days", &f.days(w.days)),
                ("used", &f.integer(listed_and_active(report))),
                ("listed", &f.integer(report.models_listed)),
            ],
        ),
        None => f.say(Word::NoUnitYet, &[("unit", unit)]),
    };
    let subtitle = match report.window {
        Some(w) => {
            let lines = f.word(if report.daily.day.is_empty() { Word::TotalsOverPeriod } else { Word::LinesAreDaily });
            f.say(Word::OverviewSubtitle, &[("range", &f.day_range(w.from, w.to)), ("lines", lines)])
        }
        None => f.word(Word::Slogan).into(),
    };
    let top = heading(p, &Heading { title, subtitle })?;
    let (width, height) = p.size();
    let tiles = tiles(report, &p.fmt);
    let bottom = match Said::of(report).notice(f) {
        Some(notice) => footnote(p, &notice)?,
        None => height - PAD,
    };
    let gap = 10.0;
    // Columns as the width allows, and more where a column of tiles would not fit the height
    // (a narrow, short widget): a tile needs 40 px for its label and value.
    let tile_height = |columns: usize| {
        let rows = tiles.len().div_ceil(columns) as f64;
        (bottom - top - gap * (rows - 1.0)) / rows
    };
    let mut columns = if width >= 640.0 {
        3
    } else if width >= 360.0 {
        2
    } else {
        1
    };
    while columns < 3 && tile_height(columns) < MIN_TILE {
        columns += 1;
    }
    // Three columns under 480 px cut labels and values ("Callers…", "1.1 K…" of "1.1 K MAU"):
    // two columns of tight tiles read better while they fit.
    if columns == 3 && width < 480.0 && tile_height(2) >= TIGHT_TILE {
        columns = 2;
    }
    let tile_w = (width - 2.0 * PAD - gap * (columns as f64 - 1.0)) / columns as f64;
    let tile_h = tile_height(columns).max(TIGHT_TILE);
    let (label_y, value_y) = if tile_h < MIN_TILE { (4.0, 18.0) } else { (8.0, 26.0) };
    let fill = mix(p.theme.background, p.theme.grid, 0.6);
    let mut boxes = Vec::new();
    for (k, tile) in tiles.iter().enumerate() {
        let (col, row) = ((k % columns) as f64, (k / columns) as f64);
        let r = Rect {
            left: PAD + col * (tile_w + gap),
            top: top + row * (tile_h + gap),
            right: PAD + col * (tile_w + gap) + tile_w,
            bottom: top + row * (tile_h + gap) + tile_h,
        };
        p.fill_rect(r.left, r.top, r.right, r.bottom, fill)?;
        let inner = tile_w - 20.0;
        // A narrow tile draws its label and value smaller rather than cut a figure
        // ("284 / 2…" of "284 / 284" at 320 px).
        let (label, label_size) = fitted(p, &tile.label, inner, 12.0, 10.0, false);
        // A label cut short takes a second line where the tile has room for it ("Genutzte
        // gelistete Modelle" at 320 px); the figures move down.
        let label = if label.ends_with('…') && tile_h >= TWO_LINE_TILE {
            two_lines(p, &tile.label, inner, label_size, false, "")
        } else {
            vec![label]
        };
        for (k, line) in label.iter().enumerate() {
            let y = r.top + label_y + k as f64 * LABEL_LINE;
            p.text(line, r.left + 10.0, y, label_size, p.theme.muted, false, Anchor::TopLeft)?;
        }
        let value_y = value_y + (label.len() - 1) as f64 * LABEL_LINE;
        let (value, value_size) = fitted(p, &tile.value, inner, (tile_h * 0.3).clamp(14.0, 24.0), 12.0, true);
        p.text(&value, r.left + 10.0, r.top + value_y, value_size, p.theme.text, true, Anchor::TopLeft)?;
        let context_y = r.top + value_y + 4.0 + value_size;
        if context_y + 12.0 < r.bottom {
            let (context, size) = fitted(p, &tile.context, inner, 11.0, 9.0, false);
            p.text(&context, r.left + 10.0, context_y, size, p.theme.muted, false, Anchor::TopLeft)?;
        }
        let spark = Rect { left: r.left + 10.0, top: context_y + 18.0, right: r.right - 10.0, bottom: r.bottom - 8.0 };
        if spark.height() >= 12.0 {
            sparkline(p, &spark, &tile.series)?;
        }
        boxes.push(r);
    }
    Ok(Drawn { boxes, ..Drawn::default() })
}

/// A small line of `series` filling `r`, scaled from 0 to its maximum; gaps break it.
pub fn sparkline<DB: DrawingBackend>(p: &Painter<DB>, r: &Rect, series: &[Option<f64>]) -> Result<(), DrawError<DB>> {
    let max = series.iter().flatten().copied().fold(0.0, f64::max);
    if series.len() < 2 || max <= 0.0 {
        return Ok(());
    }
    let step = r.width() / (series.len() - 1) as f64;
    let mut run = Vec::new();
    for (i, v) in series.iter().enumerate() {
        match v {
            Some(v) => run.push((r.left + i as f64 * step, r.bottom - v / max * r.height())),
            None => {
                if run.len() > 1 {
                    p.line(&run, p.theme.demand_line, 2)?;
                }
                run.clear();
            }
        }
    }
    if run.len() > 1 {
        p.line(&run, p.theme.demand_line, 2)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::frame::footnote_height;
    use crate::chart::{Theme, ThemeName};
    use crate::dataset::{Dataset, Inputs};
    use crate::metrics::ReportOptions;
    use plotters::prelude::SVGBackend;

    #[test]
    fn the_tiles_of_a_narrow_short_widget_stay_above_its_footnote() {
        // Counters say nothing of callers or modes: six tiles and a footnote that says so.
        let mut body = String::from("day,model,total\n");
        for day in 1..=20 {
            for (model, per_day) in [("a", 30), ("b", 7)] {
                body.push_str(&format!("2026-03-{day:02},{model},{}\n", day * per_day));
            }
        }
        let inputs = Inputs { snapshots: Some(body.as_bytes()), ..Inputs::default() };
        let report =
            Dataset::from_bytes(inputs).expect("snapshots").report(&ReportOptions::default()).expect("a report");
        let notice = Said::of(&report).notice(&Locale::default()).expect("a source without callers says so");
        let theme = Theme::named(ThemeName::Light);
        let mut svg = String::new();
        let p = Painter::new(SVGBackend::with_string(&mut svg, (320, 420)), &theme, Locale::default());
        let drawn = draw(&p, &report).expect("drawn");
        let limit = 420.0 - PAD - footnote_height(&p, &notice);
        assert_eq!(drawn.boxes.len(), 6);
        assert!(drawn.boxes.iter().all(|b| b.bottom <= limit), "{:?} past {limit}", drawn.boxes.last());
    }

    #[test]
    fn a_narrow_short_widget_draws_two_columns_of_tight_tiles_rather_than_cut_three() {
        let events: String = (0..3_000)
            .map(|k| {
                format!(
                    "{{\"ts\":\"2026-03-{:02}\",\"model\":\"m{}\",\"caller\":\"c{k}\",\"mode\":\"tee\"}}\n",
                    1 + k % 28,
                    k % 40
                )
            })
            .collect();
        // A registry that names owners: the source says all it can, no footnote takes the room.
        let registry = br#"[{"model":"m0","owner":"x","listed_at":"2026-03-01"}]"#;
        let inputs = Inputs { events: Some(events.as_bytes()), registry: Some(&registry[..]), ..Inputs::default() };
        let report = Dataset::from_bytes(inputs).expect("events").report(&ReportOptions::default()).expect("a report");
        assert_eq!(Said::of(&report).notice(&Locale::default()), None);
        let theme = Theme::named(ThemeName::Light);
        let mut svg = String::new();
        let drawn = {
            let p = Painter::new(SVGBackend::with_string(&mut svg, (320, 240)), &theme, Locale::default());
            let drawn = draw(&p, &report).expect("drawn");
            p.present().expect("presented");
            drawn
        };
        let columns: std::collections::BTreeSet<u64> = drawn.boxes.iter().map(|b| b.left as u64).collect();
        assert_eq!((drawn.boxes.len(), columns.len()), (6, 2), "{:?}", drawn.boxes);
        assert!(drawn.boxes.iter().all(|b| b.bottom <= 240.0 - PAD + 1e-9), "{:?}", drawn.boxes.last());
        for tile in tiles(&report, &Locale::default()) {
            assert!(svg.contains(&format!("\n{}\n", tile.value)), "{} drawn whole: {svg}", tile.value);
        }
    }

    #[test]
    fn a_label_too_long_for_its_tile_takes_a_second_line_where_the_tile_has_room() {
        let events: String = (0..40).map(|m| format!("{{\"ts\":\"2026-03-02\",\"model\":\"m{m}\"}}\n")).collect();
        let report = Dataset::from_events("e.ndjson", events.as_bytes()).expect("events");
        let report = report.report(&ReportOptions::default()).expect("a report");
        let label = "Listed models that were used at least once in the window shown here";
        let table = [("listed_models_used".to_owned(), label.to_owned())].into_iter().collect();
        let f = Locale { words: crate::chart::words::Words::with(&[&table]).expect("words"), ..Locale::default() };
        let theme = Theme::named(ThemeName::Light);
        for (height, lines) in [(560, 2), (340, 1)] {
            let mut svg = String::new();
            {
                let p = Painter::new(SVGBackend::with_string(&mut svg, (320, height)), &theme, f.clone());
                draw(&p, &report).expect("drawn");
                p.present().expect("presented");
            }
            let drawn: Vec<&str> =
                svg.lines().filter(|l| l.starts_with("Listed models") || l.ends_with("shown here")).collect();
            assert_eq!(drawn.len(), lines, "{height} px: {drawn:?}");
            if lines == 2 {
                assert_eq!(drawn.join(" "), label, "whole, on two lines");
            } else {
                assert!(drawn[0].ends_with('…'), "a short tile cuts it: {drawn:?}");
            }
        }
    }

    #[test]
    fn a_narrow_tile_draws_its_figures_smaller_rather_than_cut_them() {
        let events: String = (0..1_284).map(|m| format!("{{\"ts\":\"2026-03-02\",\"model\":\"m{m}\"}}\n")).collect();
        let data = Dataset::from_events("e.ndjson", events.as_bytes()).expect("events");
        let report = data.report(&ReportOptions::default()).expect("a report");
        let theme = Theme::named(ThemeName::Light);
        let mut svg = String::new();
        {
            let p = Painter::new(SVGBackend::with_string(&mut svg, (320, 420)), &theme, Locale::default());
            draw(&p, &report).expect("drawn");
            p.present().expect("presented");
        }
        assert!(svg.contains("\n1,284 / 1,284\n"), "the models used of those listed, whole: {svg}");
        let cut =
            svg.lines().find(|l| l.ends_with('…') && l.trim_end_matches('…').ends_with(|c: char| c.is_ascii_digit()));
        assert_eq!(cut, None, "no figure cut");
    }
}
