//! Golden images: every chart drawn natively (the widget's drawing code, the bundled font)
//! from fixed generated data, compared with the PNG kept in `tests/golden/`. A pixel
//! counts as changed when a channel moves by more than 24; an image fails when more than
//! 0.5 % of its pixels changed, so anti-aliasing noise passes and a moved bar does not.
//!
//! After an intended change, refresh them: `npm run golden` (UPDATE_GOLDEN=1 cargo test
//! --test golden), then look at the new images before committing them.

use hubpulse::{
    By, ChartConfig, ChartKind, ChartOptions, Dataset, Inputs, Render, Report, ReportOptions, SynthConfig, ThemeName,
};
use std::collections::BTreeMap;
use std::path::PathBuf;

const SIZE: (u32, u32) = (800, 360);

fn report() -> Report {
    let cfg = SynthConfig { events: 8_000, models: 120, callers: 900, days: 60, ..SynthConfig::default() };
    let (mut events, mut registry) = (Vec::new(), Vec::new());
    cfg.write_events(&mut events).expect("writing to memory");
    cfg.write_registry(&mut registry).expect("writing to memory");
    let data = Dataset::from_bytes(Inputs { events: Some(&events), registry: Some(&registry), ..Inputs::default() })
        .expect("valid data");
    data.report(&ReportOptions::default()).expect("a valid window")
}

fn check(name: &str, kind: ChartKind, options: ChartOptions, theme: ThemeName) {
    let report = report();
    let r = Render { report: &report, kind, options: &options, theme, width: SIZE.0, height: SIZE.1 };
    let pixels = r.rgb().expect("the chart draws");
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/golden").join(format!("{name}.png"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        image::save_buffer(&path, &pixels, SIZE.0, SIZE.1, image::ColorType::Rgb8).expect("writing the golden image");
        return;
    }
    // A missing image is a failure, never a new reference: it is made on purpose, and looked at.
    assert!(
        path.exists(),
        "{name}: no golden image at {}; draw it with `npm run golden` and look at it",
        path.display()
    );
    let golden = image::open(&path).expect("a readable golden image").to_rgb8();
    assert_eq!(golden.dimensions(), SIZE, "{name}: the golden image has another size");
    let changed = golden
        .as_raw()
        .chunks(3)
        .zip(pixels.chunks(3))
        .filter(|(a, b)| a.iter().zip(*b).any(|(x, y)| x.abs_diff(*y) > 24))
        .count();
    let total = (SIZE.0 * SIZE.1) as usize;
    if changed * 200 > total {
        let actual = path.with_extension("actual.png");
        image::save_buffer(&actual, &pixels, SIZE.0, SIZE.1, image::ColorType::Rgb8).expect("writing the actual image");
        panic!("{name}: {changed} of {total} pixels differ from {}; see {}", path.display(), actual.display());
    }
}

fn light(kind: ChartKind) {
    check(kind.name(), kind, ChartOptions::default(), ThemeName::Light);
}

#[test]
fn overview() {
    light(ChartKind::Overview);
    check("overview-dark", ChartKind::Overview, ChartOptions::default(), ThemeName::Dark);
}

#[test]
fn volume() {
    light(ChartKind::Volume);
    let stacked = ChartOptions { stack_by_mode: true, ..ChartOptions::default() };
    check("volume-by-mode-dark", ChartKind::Volume, stacked, ThemeName::Dark);
}

#[test]
fn supply_demand() {
    light(ChartKind::SupplyDemand);
}

#[test]
fn concentration() {
    light(ChartKind::Concentration);
}

#[test]
fn verification() {
    light(ChartKind::Verification);
}

#[test]
fn callers() {
    light(ChartKind::Callers);
}

#[test]
fn leaderboard() {
    light(ChartKind::Leaderboard);
}

#[test]
fn retention() {
    light(ChartKind::Retention);
}

#[test]
fn model() {
    let busiest = report().models.first().map(|m| m.model.clone());
    let options = ChartOptions { model: busiest, ..ChartOptions::default() };
    check("model", ChartKind::Model, options, ThemeName::Light);
}

#[test]
fn share() {
    let by_owner = ChartOptions { by: By::Owner, ..ChartOptions::default() };
    check("share-by-owner", ChartKind::Share, by_owner, ThemeName::Light);
    let by_category = ChartOptions { by: By::Category, ..ChartOptions::default() };
    check("share-by-category-dark", ChartKind::Share, by_category, ThemeName::Dark);
}

#[test]
fn categories() {
    light(ChartKind::Categories);
}

#[test]
fn leaderboard_by_owner() {
    let by_owner = ChartOptions { by: By::Owner, ..ChartOptions::default() };
    check("leaderboard-by-owner", ChartKind::Leaderboard, by_owner, ThemeName::Light);
}

/// A chart in German, its words from `crate/words/de.json` as the `locale` attribute takes
/// them: titles, legends, tiles and the footnote in the reader's language.
#[test]
fn german() {
    let options = |attributes: &[(&str, &str)]| {
        let attributes: BTreeMap<String, String> =
            attributes.iter().map(|&(k, v)| (k.to_owned(), v.to_owned())).collect();
        ChartConfig::parse(&attributes, "en", None).expect("valid attributes").options
    };
    let de = options(&[("locale", "de-DE")]);
    check("overview-de", ChartKind::Overview, de, ThemeName::Light);
    let stacked = options(&[("locale", "de-DE"), ("stack", "mode")]);
    check("volume-by-mode-de", ChartKind::Volume, stacked, ThemeName::Light);
}
