//! The frame every time chart shares: title and subtitle, value grid with labels, day
//! labels along the bottom, and the transform that places marks inside it.

use super::axis::{day_ticks, nice_ticks};
use super::paint::{Anchor, DrawError, Painter};
use super::transform::{PlotTransform, Rect};
use super::words::Word;
use crate::window::Window;
use plotters::prelude::DrawingBackend;

/// Outer padding in CSS pixels.
pub const PAD: f64 = 16.0;
pub const TITLE_SIZE: f64 = 15.0;
pub const SUBTITLE_SIZE: f64 = 12.0;
pub const LABEL_SIZE: f64 = 11.0;
/// The height of the axis's line of years.
const YEAR_LINE: f64 = 13.0;

/// The most lines a title or a subtitle takes, and the height of each.
const HEADING_LINES: usize = 2;
const TITLE_LINE: f64 = 20.0;
const SUBTITLE_LINE: f64 = 15.0;

/// A title that states the finding and a subtitle that says what is counted.
pub struct Heading {
    pub title: String,
    pub subtitle: String,
}

/// Draws the heading and returns the y where the plot may start.
pub fn heading<DB: DrawingBackend>(p: &Painter<DB>, heading: &Heading) -> Result<f64, DrawError<DB>> {
    heading_keeping(p, heading, "")
}

/// Draws the heading as [`heading`] does; a subtitle cut short keeps `end`, its last words,
/// whole (a time chart's days and year, a leaderboard's compared period: the part a reader
/// cannot guess).
pub(super) fn heading_keeping<DB: DrawingBackend>(
    p: &Painter<DB>,
    heading: &Heading,
    end: &str,
) -> Result<f64, DrawError<DB>> {
    // The widget's export button sits in the top right corner: keep the title clear of it.
    let room = p.size().0 - 2.0 * PAD - 28.0;
    // A title or subtitle too long for one line (a narrow widget) takes a second, never cut
    // mid-figure (nor the subtitle's window, whose year comes last).
    let title = two_lines(p, &heading.title, room, TITLE_SIZE, true, "");
    for (k, line) in title.iter().enumerate() {
        p.text(line, PAD, PAD + k as f64 * TITLE_LINE, TITLE_SIZE, p.theme.text, true, Anchor::TopLeft)?;
    }
    let below = (title.len().max(1) - 1) as f64 * TITLE_LINE;
    let subtitle = match &p.scope {
        Some(scope) => two_lines(p, &format!("{scope} · {}", heading.subtitle), room, SUBTITLE_SIZE, false, end),
        None => two_lines(p, &heading.subtitle, room, SUBTITLE_SIZE, false, end),
    };
    for (k, line) in subtitle.iter().enumerate() {
        let y = PAD + 22.0 + below + k as f64 * SUBTITLE_LINE;
        p.text(line, PAD, y, SUBTITLE_SIZE, p.theme.muted, false, Anchor::TopLeft)?;
    }
    let top = PAD + 50.0 + below + (subtitle.len().max(1) - 1) as f64 * SUBTITLE_LINE;
    if p.scope.is_none() || !p.chips {
        return Ok(top);
    }
    // A band under the heading for the chips that remove the filter's values.
    p.chips_at.set(Some((PAD, top - 8.0)));
    Ok(top + CHIPS_BAND)
}

/// The height of the band a filtered chart leaves under its heading for the chips.
const CHIPS_BAND: f64 = 20.0;

/// `text` on at most two lines of `room` pixels, the second cut short with "…" if need be,
/// before `end` when the text ends with it. An `end` that takes most of a line (a long
/// window's days in German at 320 px) takes the second line alone, the words before it the
/// first, cut short: a reader can guess what is counted but not over which days. An `end`
/// wider than a line (a window of years in English under ~260 px) takes both lines, broken
/// after its dash, rather than lose its last day.
pub(super) fn two_lines<DB: DrawingBackend>(
    p: &Painter<DB>,
    text: &str,
    room: f64,
    size: f64,
    bold: bool,
    end: &str,
) -> Vec<String> {
    let mut lines = p.wrap(text, room, size, bold);
    if lines.len() <= HEADING_LINES {
        return lines;
    }
    let end_width = p.text_width(end, size, bold);
    if let Some(head) = text.strip_suffix(end).filter(|_| !end.is_empty()) {
        if end_width >= room * 0.8 {
            let end = end.trim_start_matches([',', ' ']);
            // Split at a char, not at " – ": a search for a string compiled its own 1 KiB.
            let halves = end.split_once('–').filter(|_| p.text_width(end, size, bold) > room);
            let (first, second) = match halves {
                Some((from, to)) => (format!("{} –", from.trim_end()), to.trim_start()),
                None => (head.to_owned(), end),
            };
            return vec![p.fit_words(&first, room, size, bold), p.fit_words(second, room, size, bold)];
        }
        let mut lines = p.wrap(head, room, size, bold);
        let rest = lines.split_off(HEADING_LINES - 1).join(" ");
        lines.push(format!("{}{end}", p.fit_words(&rest, room - end_width, size, bold)));
        return lines;
    }
    let rest = lines.split_off(HEADING_LINES - 1).join(" ");
    lines.push(p.fit_words(&rest, room, size, bold));
    lines
}

/// How a time chart's values read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scale {
    /// Counts from 0: 1.2 K, 3.4 M.
    Count,
    /// Shares from 0 to 100 %.
    Share,
}

/// What a time chart's frame shows around its marks.
pub struct TimeFrame<'a> {
    pub head: Heading,
    pub window: Window,
    /// Whether the axis names the years (`years_named`): under the first tick of each.
    pub years: bool,
    /// A footnote under the axis, when the marks need one.
    pub note: Option<String>,
    /// The largest value to fit (ignored for [`Scale::Share`]).
    pub y_max: f64,
    pub scale: Scale,
    pub legend: &'a [LegendItem],
}

/// Draws a time chart's frame (heading, legend, value grid, day labels) and returns the
/// transform for its marks (x is the day's index in the window) and the legend's places.
pub fn time_frame<DB: DrawingBackend>(
    p: &Painter<DB>,
    frame: &TimeFrame,
) -> Result<(PlotTransform, Vec<LegendHit>), DrawError<DB>> {
    // The subtitle's span without its count of days: the part kept whole when it is cut.
    let range = p.fmt.day_range(frame.window.from, frame.window.to);
    let days = p.fmt.say(Word::Span, &[("days", ""), ("range", &range)]);
    let mut top = heading_keeping(p, &frame.head, &days)?;
    let legend_hits = if frame.legend.is_empty() {
        Vec::new()
    } else {
        let (hits, rows) = legend(p, frame.legend, top + 2.0)?;
        top += LEGEND_ROW * rows as f64;
        hits
    };
    let (width, height) = p.size();
    let ticks = match frame.scale {
        Scale::Count => nice_ticks(0.0, frame.y_max.max(1.0), ((height - top) / 60.0).clamp(2.0, 6.0) as usize),
        Scale::Share => vec![0.0, 0.25, 0.5, 0.75, 1.0],
    };
    let labels: Vec<String> = ticks
        .iter()
        .map(|&t| if frame.scale == Scale::Share { p.fmt.percent(Some(t)) } else { p.fmt.compact(t) })
        .collect();
    let label_width = labels.iter().map(|l| p.text_width(l, LABEL_SIZE, false)).fold(0.0, f64::max);
    let window = frame.window;
    // Years are named under the axis, on a second line of labels.
    let years = frame.years;
    let year_line = if years { YEAR_LINE } else { 0.0 };
    let labels_end = match &frame.note {
        Some(note) => footnote(p, note)?,
        None => height - PAD,
    };
    let plot = Rect {
        left: PAD + label_width + 8.0,
        top: top + 6.0,
        right: width - PAD,
        bottom: labels_end - 16.0 - year_line,
    };
    let t = PlotTransform {
        plot,
        x_min: -0.5,
        x_max: f64::from(window.days) - 0.5,
        y_min: 0.0,
        y_max: ticks.last().copied().unwrap_or(1.0),
    };
    for (&tick, label) in ticks.iter().zip(&labels) {
        let y = t.y_px(tick);
        let color = if tick == 0.0 { p.theme.axis } else { p.theme.grid };
        p.line(&[(plot.left, y), (plot.right, y)], color, 1)?;
        p.text(label, plot.left - 6.0, y, LABEL_SIZE, p.theme.muted, false, Anchor::MiddleRight)?;
    }
    let min_gap_days = 56.0 / t.x_scale();
    let mut last_year = None;
    for day in day_ticks(window.from, window.to, min_gap_days) {
        let x = t.x_px(f64::from(day.0 - window.from.0));
        p.line(&[(x, plot.bottom), (x, plot.bottom + 4.0)], p.theme.axis, 1)?;
        p.text(&p.fmt.day_tick(day, years), x, plot.bottom + 6.0, LABEL_SIZE, p.theme.muted, false, Anchor::TopCenter)?;
        // The first tick of each year says its year below, unless it is the first of January,
        // whose label is the year itself.
        let (year, month, date) = day.ymd();
        if years && last_year != Some(year) && (month, date) != (1, 1) {
            let y = plot.bottom + 6.0 + YEAR_LINE;
            p.text(&year.to_string(), x, y, LABEL_SIZE, p.theme.muted, false, Anchor::TopCenter)?;
        }
        last_year = Some(year);
    }
    Ok((t, legend_hits))
}

/// A chart that has nothing to show says so in its middle, in words.
pub fn empty_state<DB: DrawingBackend>(p: &Painter<DB>, head: &Heading, message: &str) -> Result<(), DrawError<DB>> {
    heading(p, head)?;
    let (w, h) = p.size();
    let lines = p.wrap(message, w - 2.0 * PAD, 13.0, false);
    let first = h / 2.0 + 16.0 - (lines.len() as f64 - 1.0) * LINE / 2.0;
    for (k, line) in lines.iter().enumerate() {
        p.text(line, w / 2.0, first + k as f64 * LINE, 13.0, p.theme.muted, false, Anchor::Center)?;
    }
    Ok(())
}

/// The height of a line of a message or a footnote.
const LINE: f64 = 17.0;

/// Draws `text` as a footnote at the bottom of the chart, wrapped to its width, and returns
/// the y above it, where the chart's marks end.
pub fn footnote<DB: DrawingBackend>(p: &Painter<DB>, text: &str) -> Result<f64, DrawError<DB>> {
    let (w, h) = p.size();
    let lines = p.wrap(text, w - 2.0 * PAD, LABEL_SIZE, false);
    let top = h - PAD - lines.len() as f64 * LINE;
    for (k, line) in lines.iter().enumerate() {
        p.text(line, PAD, top + k as f64 * LINE, LABEL_SIZE, p.theme.muted, false, Anchor::TopLeft)?;
    }
    Ok(top - FOOTNOTE_GAP)
}

/// The height [`footnote`] takes for `text`, its gap above included.
pub fn footnote_height<DB: DrawingBackend>(p: &Painter<DB>, text: &str) -> f64 {
    p.wrap(text, p.size().0 - 2.0 * PAD, LABEL_SIZE, false).len() as f64 * LINE + FOOTNOTE_GAP
}

/// Between a footnote and the marks above it.
const FOOTNOTE_GAP: f64 = 6.0;

/// One entry of a legend: a swatch, a label, and whether its series is shown.
pub struct LegendItem {
    /// The key the widget toggles (`tee`, `wau`, …).
    pub key: String,
    pub label: String,
    pub color: plotters::style::RGBColor,
    pub shown: bool,
}

/// A legend entry's place on screen, for clicks.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct LegendHit {
    pub key: String,
    pub rect: Rect,
}

/// The height of a row of the legend.
const LEGEND_ROW: f64 = 18.0;
/// The least width of a legend's column, when its rows become columns: a swatch and a
/// label of about ten letters.
const LEGEND_COLUMN: f64 = 100.0;

/// Draws `items` from `y` down and returns where each entry landed and how many rows it
/// took: one row from the right edge where the entries fit in 60 % of the width, else rows
/// from the left edge, wrapped, so that a narrow chart keeps every label. Rows that would
/// take more than a quarter of the chart's height (eight long names at 320 px took seven
/// rows and left the plot 45 px) become columns of labels cut to fit, when that takes fewer
/// rows (a bar's tooltip names each series whole). Hidden series are drawn hollow and muted.
pub fn legend<DB: DrawingBackend>(
    p: &Painter<DB>,
    items: &[LegendItem],
    y: f64,
) -> Result<(Vec<LegendHit>, usize), DrawError<DB>> {
    let (width, height) = p.size();
    let room = width - 2.0 * PAD;
    let fitted = |label_room: f64| -> Vec<String> {
        items.iter().map(|i| p.fit(&i.label, label_room - 26.0, LABEL_SIZE, false)).collect()
    };
    let mut labels = fitted(room);
    let mut entries: Vec<f64> = labels.iter().map(|l| p.text_width(l, LABEL_SIZE, false) + 26.0).collect();
    let full: f64 = entries.iter().sum();
    // Where each entry starts, and on which row.
    let mut places = Vec::with_capacity(items.len());
    if full <= width * 0.6 {
        let mut x = width - PAD - full;
        for entry in &entries {
            places.push((x, 0));
            x += entry;
        }
    } else {
        let (mut x, mut row) = (PAD, 0);
        for entry in &entries {
            if x > PAD && x + entry > width - PAD + 6.0 {
                (x, row) = (PAD, row + 1);
            }
            places.push((x, row));
            x += entry;
        }
        let rows = places.last().map_or(0, |&(_, row)| row + 1);
        let columns = ((room / LEGEND_COLUMN).floor() as usize).max(1);
        if rows as f64 * LEGEND_ROW > height * 0.25 && items.len().div_ceil(columns) < rows {
            let column = room / columns as f64;
            labels = fitted(column);
            entries = vec![column; items.len()];
            places = (0..items.len()).map(|k| (PAD + (k % columns) as f64 * column, k / columns)).collect();
        }
    }
    let mut hits = Vec::with_capacity(items.len());
    for ((item, label), (&(x, row), entry)) in items.iter().zip(&labels).zip(places.iter().zip(&entries)) {
        let y = y + row as f64 * LEGEND_ROW;
        let swatch = Rect { left: x, top: y - 5.0, right: x + 10.0, bottom: y + 5.0 };
        if item.shown {
            p.fill_rect(swatch.left, swatch.top, swatch.right, swatch.bottom, item.color)?;
        } else {
            let (l, t, r, b) = (swatch.left, swatch.top, swatch.right, swatch.bottom);
            p.line(&[(l, t), (r, t), (r, b), (l, b), (l, t)], item.color, 1)?;
        }
        let color = if item.shown { p.theme.text } else { p.theme.muted };
        p.text(label, x + 14.0, y, LABEL_SIZE, color, false, Anchor::MiddleLeft)?;
        hits.push(LegendHit {
            key: item.key.clone(),
            rect: Rect { left: x - 2.0, top: y - 9.0, right: x + entry - 6.0, bottom: y + 9.0 },
        });
    }
    let rows = places.last().map_or(0, |&(_, row)| row + 1);
    Ok((hits, rows))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::chart::{Locale, Theme, ThemeName};
    use plotters::prelude::SVGBackend;

    /// The text of every `<text>` element of a heading drawn `width` pixels wide, and where
    /// the plot below it may start.
    fn drawn(width: u32, title: &str) -> (Vec<String>, f64) {
        let mut svg = String::new();
        let theme = Theme::named(ThemeName::Light);
        let top = {
            let p = Painter::new(SVGBackend::with_string(&mut svg, (width, 300)), &theme, Locale::default());
            let top = heading(&p, &Heading { title: title.into(), subtitle: "per UTC day".into() }).expect("drawn");
            p.present().expect("presented");
            top
        };
        (texts(&svg), top)
    }

    /// The text of every `<text>` element of `svg`.
    fn texts(svg: &str) -> Vec<String> {
        svg.split("<text")
            .skip(1)
            .filter_map(|t| Some(t.split_once('>')?.1.split_once("</text>")?.0.trim().to_owned()))
            .collect()
    }

    /// The text of a time frame's labels over `from` to `to`.
    fn axis_texts(from: &str, to: &str, years: bool) -> Vec<String> {
        frame_texts(from, to, years, "s", 900)
    }

    /// The texts of a time frame `width` pixels wide over `from` to `to`, under `subtitle`.
    fn frame_texts(from: &str, to: &str, years: bool, subtitle: &str, width: u32) -> Vec<String> {
        let (from, to) = (crate::day::Day::parse(from).expect("a day"), crate::day::Day::parse(to).expect("a day"));
        let window = Window { from, to, days: (to.0 - from.0 + 1) as u32 };
        let theme = Theme::named(ThemeName::Light);
        let mut svg = String::new();
        {
            let p = Painter::new(SVGBackend::with_string(&mut svg, (width, 340)), &theme, Locale::default());
            let head = Heading { title: "t".into(), subtitle: subtitle.into() };
            let frame = TimeFrame { head, window, years, note: None, y_max: 10.0, scale: Scale::Count, legend: &[] };
            time_frame(&p, &frame).expect("drawn");
            p.present().expect("presented");
        }
        texts(&svg)
    }

    #[test]
    fn a_narrow_time_chart_cuts_its_subtitle_short_before_the_days_and_year() {
        // However long the words before it, the cut falls between words, never in the days' figure.
        for padding in 0..40 {
            let subtitle = format!(
                "Downloads per UTC day (bars) and {} their 7-day mean (line), 18181 days, Mar 2 – Mar 4, 2026 (UTC)",
                "x".repeat(padding)
            );
            let texts = frame_texts("2026-03-02", "2026-03-04", false, &subtitle, 320);
            let second = texts.iter().find(|t| t.ends_with("(UTC)")).expect("the days are drawn whole");
            assert!(second.contains('…') && second.ends_with(", Mar 2 – Mar 4, 2026 (UTC)"), "{texts:?}");
            let before = second.split('…').next().unwrap_or_default();
            assert!(!before.ends_with(|c: char| c.is_ascii_digit()), "cut in a figure: {second}");
        }
    }

    #[test]
    fn a_window_too_wide_to_follow_the_words_takes_the_second_line_whole() {
        let subtitle = "Inferences per UTC day: monthly means (bars) and their 7-day mean (line), 1,500 days, \
                        May 19, 2021 – Jun 26, 2025 (UTC)";
        // From 320 px, where the window is most of a line, to where it barely fits alone.
        for width in (300..=320).step_by(10) {
            let texts = frame_texts("2021-05-19", "2025-06-26", false, subtitle, width);
            assert!(texts.iter().any(|t| t.ends_with("May 19, 2021 – Jun 26, 2025 (UTC)")), "{width} px: {texts:?}");
            assert!(texts.iter().any(|t| t.starts_with("Inferences per")), "{width} px: {texts:?}");
        }
        // Narrower, the window alone is wider than a line: it takes both, broken after its dash.
        for width in [240, 260] {
            let texts = frame_texts("2021-05-19", "2025-06-26", false, subtitle, width);
            let at =
                texts.iter().position(|t| t == "May 19, 2021 –").unwrap_or_else(|| panic!("{width} px: {texts:?}"));
            assert_eq!(texts.get(at + 1).map(String::as_str), Some("Jun 26, 2025 (UTC)"), "{width} px");
        }
    }

    #[test]
    fn a_window_in_another_year_than_its_data_was_read_in_names_its_year() {
        use crate::dataset::{Dataset, Inputs};
        use crate::metrics::ReportOptions;
        let events = b"{\"ts\":\"2025-03-02\",\"model\":\"a\"}\n{\"ts\":\"2025-03-09\",\"model\":\"a\"}\n";
        let data = Dataset::from_bytes(Inputs::events(&events[..])).expect("events");
        let mut report = data.report(&ReportOptions::default()).expect("a report");
        let window = report.window.expect("a window");
        assert!(!crate::chart::years_named(&report, &window), "bytes have no time: only a window across years");
        report.input.sources[0].fetched_at = "2026-12-02T10:00:00Z".into();
        assert!(crate::chart::years_named(&report, &window), "read in 2026, the window is in 2025");
        report.input.sources[0].fetched_at = "2025-12-02T10:00:00Z".into();
        assert!(!crate::chart::years_named(&report, &window));
    }

    #[test]
    fn an_axis_across_new_year_names_each_year_under_its_first_tick() {
        let texts = axis_texts("2027-09-17", "2028-01-13", true);
        assert!(texts.iter().any(|t| t == "2027") && texts.iter().any(|t| t == "2028"), "{texts:?}");
        let within = axis_texts("2027-03-01", "2027-05-30", false);
        assert!(!within.iter().any(|t| t == "2027"), "one year: no line of years: {within:?}");
        let named = axis_texts("2027-03-01", "2027-05-30", true);
        assert_eq!(named.iter().filter(|t| *t == "2027").count(), 1, "a year named once: {named:?}");
    }

    #[test]
    fn a_legend_of_long_names_leaves_a_short_narrow_chart_three_quarters_of_its_height() {
        let theme = Theme::named(ThemeName::Light);
        let names = [
            "Orbit Cobalt embedding",
            "Kestrel Kestrel vision",
            "Delta Meridian forecasting",
            "Lumen Harbor forecasting",
            "Ember Delta forecasting",
            "Ember Falcon defi-risk",
            "Beacon Orbit embedding",
            "Other",
        ];
        let items: Vec<LegendItem> = names
            .iter()
            .map(|&n| LegendItem { key: n.into(), label: n.into(), color: theme.text, shown: true })
            .collect();
        for (width, height) in [(240, 320), (320, 320), (320, 700)] {
            let mut svg = String::new();
            let (hits, rows) = {
                let p = Painter::new(SVGBackend::with_string(&mut svg, (width, height)), &theme, Locale::default());
                let placed = legend(&p, &items, 100.0).expect("drawn");
                p.present().expect("presented");
                placed
            };
            let whole = names.iter().filter(|n| svg.contains(&format!("\n{n}\n"))).count();
            if height == 700 {
                // Tall enough for every name whole, on rows of their own.
                assert_eq!((whole, rows), (names.len(), 7), "{width}×{height}");
            } else {
                assert!(rows as f64 * LEGEND_ROW <= f64::from(height) * 0.25, "{width}×{height}: {rows} rows");
                assert!(whole < names.len() && svg.contains("Orbit"), "{width}×{height}: cut, not dropped");
            }
            assert_eq!(hits.len(), names.len());
            assert!(hits.iter().all(|h| h.rect.left >= PAD - 2.0 && h.rect.right <= f64::from(width)), "{width} px");
        }
    }

    #[test]
    fn a_narrow_legend_keeps_every_label_on_rows_of_its_own_width() {
        let theme = Theme::named(ThemeName::Light);
        let names = ["Vanilla", "TEE", "zkML", "Other", "Unknown", "Listed models", "Models used"];
        let items: Vec<LegendItem> = names
            .iter()
            .map(|&n| LegendItem { key: "k".into(), label: n.into(), color: theme.text, shown: true })
            .collect();
        for width in [240, 320, 1000] {
            let mut svg = String::new();
            let (hits, rows) = {
                let p = Painter::new(SVGBackend::with_string(&mut svg, (width, 200)), &theme, Locale::default());
                let placed = legend(&p, &items, 100.0).expect("drawn");
                p.present().expect("presented");
                placed
            };
            for name in names {
                assert!(svg.contains(&format!("\n{name}\n")), "{width} px: {name} kept");
            }
            assert!(hits.iter().all(|h| h.rect.left >= PAD - 2.0 && h.rect.right <= f64::from(width)), "{width} px");
            assert_eq!(rows > 1, width < 1000, "{width} px: {rows} rows");
        }
    }

    #[test]
    fn a_title_too_long_for_the_width_takes_a_second_line_and_the_plot_moves_down() {
        let title = "38,820 runs in 90 days on 284 of 400 listed models";
        let (wide, wide_top) = drawn(900, title);
        assert_eq!(wide, [title, "per UTC day"]);
        let (narrow, narrow_top) = drawn(320, title);
        assert_eq!(narrow.len(), 3, "{narrow:?}");
        assert_eq!(format!("{} {}", narrow[0], narrow[1]), title, "no figure is cut");
        assert_eq!(narrow_top, wide_top + TITLE_LINE);
        let (tiny, _) = drawn(120, title);
        assert_eq!(tiny.len(), 4, "at most two lines each for the title and the subtitle: {tiny:?}");
        assert!(tiny[1].ends_with('…'), "the rest is cut short on the second: {tiny:?}");
        assert_eq!(tiny[2..], ["per UTC", "day"], "the subtitle wraps too");
    }
}
