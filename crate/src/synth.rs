//! A deterministic synthetic hub: the demo's default data, and inputs of any size for
//! tests and benchmarks. Same seed, same bytes, on every machine.
//!
//! The shape follows what real hubs show: models listed over time, a power law of use
//! with a long idle tail, growth with a weekly rhythm, three verification modes,
//! thousands of callers (a few very busy), owners calling their own models, scheduled
//! traffic, and some failed calls.

use crate::dataset::Dataset;
use crate::day::{Day, SECONDS_PER_DAY};
use std::io::{self, Write};

/// The encoding of generated events.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SynthFormat {
    /// One JSON object a line.
    #[default]
    Ndjson,
    /// With a header row; ids need no quoting.
    Csv,
}

/// What to generate.
#[derive(Clone, Debug)]
pub struct SynthConfig {
    /// The same seed writes the same bytes.
    pub seed: u64,
    /// How the events are written.
    pub format: SynthFormat,
    /// Inference events.
    pub events: u64,
    /// Models listed over the days.
    pub models: u32,
    /// Distinct callers.
    pub callers: u32,
    /// Days the events span, from `first_day`.
    pub days: u32,
    /// The day the events start.
    pub first_day: Day,
}

impl SynthConfig {
    /// Writes the registry as a JSON array (docs/inputs.md#registry).
    pub fn write_registry(&self, out: &mut impl Write) -> io::Result<()> {
        write_registry(self, out)
    }

    /// Writes `events` inference events in `format`, in time order (docs/inputs.md#events).
    pub fn write_events(&self, out: &mut impl Write) -> io::Result<()> {
        write_events(self, out)
    }
}

/// The made-up hub in the shapes of hubs that publish counters, lists or rankings, derived
/// from a dataset of its events and registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SynthShape {
    /// Daily counter snapshots, `day,model,total`.
    Snapshots,
    /// OpenRouter's rankings-daily document.
    Rankings,
    /// Replicate's model list saved once a day.
    ReplicatePages,
    /// Hugging Face's `/api/models` list.
    HfModels,
}

impl SynthShape {
    /// Every shape, in the order `hubpulse synth` writes them.
    pub const ALL: [SynthShape; 4] =
        [SynthShape::Snapshots, SynthShape::Rankings, SynthShape::ReplicatePages, SynthShape::HfModels];

    /// The file `hubpulse synth` writes it to.
    pub fn file_name(self) -> &'static str {
        match self {
            SynthShape::Snapshots => "snapshots.csv",
            SynthShape::Rankings => "rankings.json",
            SynthShape::ReplicatePages => "replicate-models.ndjson",
            SynthShape::HfModels => "hf-models.json",
        }
    }

    /// Writes `data` (read from the made-up events and registry) in this shape.
    pub fn write(self, data: &Dataset, out: &mut impl Write) -> io::Result<()> {
        match self {
            SynthShape::Snapshots => write_snapshots(data, out),
            SynthShape::Rankings => write_rankings(data, out),
            SynthShape::ReplicatePages => write_replicate_pages(data, out),
            SynthShape::HfModels => write_hf_models(data, out),
        }
    }
}

impl Default for SynthConfig {
    fn default() -> Self {
        SynthConfig {
            seed: 7,
            format: SynthFormat::Ndjson,
            events: 40_000,
            models: 400,
            callers: 3_000,
            days: 90,
            first_day: Day::from_ymd(2026, 8, 1).unwrap_or(Day(20_666)),
        }
    }
}

/// A small, fast, seedable generator (SplitMix64): the stream never changes with a
/// dependency's version, so the demo data stays byte-identical.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// Uniform in [0, 1).
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
    fn below(&mut self, n: u64) -> u64 {
        ((self.next() >> 32) * n) >> 32
    }
    fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }
    fn hex(&mut self, digits: usize) -> String {
        (0..digits).map(|_| char::from_digit(self.below(16) as u32, 16).unwrap_or('0')).collect()
    }
}

/// A cumulative weight table to draw indices from.
struct Weighted(Vec<f64>);

impl Weighted {
    fn new(weights: impl IntoIterator<Item = f64>) -> Weighted {
        let mut total = 0.0;
        Weighted(
            weights
                .into_iter()
                .map(|w| {
                    total += w;
                    total
                })
                .collect(),
        )
    }
    fn draw(&self, rng: &mut Rng) -> usize {
        let total = self.0.last().copied().unwrap_or(0.0);
        let x = rng.unit() * total;
        self.0.partition_point(|&c| c <= x).min(self.0.len().saturating_sub(1))
    }
}

struct Model {
    id: String,
    name: String,
    category: &'static str,
    owner: usize,
    listed: Day,
    weight: f64,
    /// Probabilities of vanilla, tee and zkml.
    modes: [f64; 3],
}

const CATEGORIES: [&str; 5] = ["llm", "defi-risk", "forecasting", "vision", "embedding"];
const WORDS: [&str; 16] = [
    "Atlas", "Beacon", "Cobalt", "Delta", "Ember", "Falcon", "Granite", "Harbor", "Iris", "Juniper", "Kestrel",
    "Lumen", "Meridian", "Nova", "Orbit", "Prism",
];
const APPS: [&str; 6] = ["og-studio", "alpha-bot", "defi-dash", "risk-oracle", "chat-web", "research-nb"];

fn models(cfg: &SynthConfig, owners: &[String], rng: &mut Rng) -> Vec<Model> {
    let last = cfg.first_day.plus(cfg.days as i32 - 1);
    (0..cfg.models as usize)
        .map(|i| {
            let category = CATEGORIES[rng.below(CATEGORIES.len() as u64) as usize];
            // Two models in five were listed before the data starts; the rest over the window.
            let listed = if rng.chance(0.4) {
                cfg.first_day.plus(-(rng.below(240) as i32) - 1)
            } else {
                cfg.first_day.plus(rng.below(u64::from(cfg.days)) as i32).min(last)
            };
            // A Zipf-like popularity over a random rank; a quarter of the models are idle.
            let rank = rng.below(u64::from(cfg.models)) as f64 + 1.0;
            let weight = if rng.chance(0.25) { 0.0 } else { rank.powf(-1.1) };
            let verified = rng.unit();
            let modes = match category {
                "llm" => [1.0 - 0.5 * verified, 0.5 * verified, 0.0],
                _ => [1.0 - 0.6 * verified, 0.35 * verified, 0.25 * verified],
            };
            let prefix = if category == "llm" { "llm" } else { "ml" };
            Model {
                id: format!("og/{prefix}-{i:04}"),
                name: format!("{} {} {}", WORDS[i % 16], WORDS[(i / 16 + 3) % 16], category),
                category,
                owner: rng.below(owners.len() as u64) as usize,
                listed,
                weight,
                modes,
            }
        })
        .collect()
}

/// Writes the registry as a JSON array (docs/inputs.md#registry).
fn write_registry(cfg: &SynthConfig, out: &mut impl Write) -> io::Result<()> {
    let (models, owners, _) = world(cfg);
    writeln!(out, "[")?;
    for (i, m) in models.iter().enumerate() {
        let comma = if i + 1 < models.len() { "," } else { "" };
        writeln!(
            out,
            r#"{{"model":"{}","listed_at":"{}","owner":"{}","name":"{}","category":"{}"}}{comma}"#,
            m.id, m.listed, owners[m.owner], m.name, m.category
        )?;
    }
    writeln!(out, "]")
}

fn world(cfg: &SynthConfig) -> (Vec<Model>, Vec<String>, Rng) {
    let mut rng = Rng(cfg.seed);
    let owners: Vec<String> = (0..(cfg.models / 3).max(1)).map(|_| format!("0x{}", rng.hex(40))).collect();
    let models = models(cfg, &owners, &mut rng);
    (models, owners, rng)
}

/// Writes `cfg.events` inference events in `cfg.format`, in time order (docs/inputs.md#events).
fn write_events(cfg: &SynthConfig, out: &mut impl Write) -> io::Result<()> {
    if cfg.format == SynthFormat::Csv {
        writeln!(out, "ts,model,caller,mode,latency_ms,units,kind,app,automated,ok")?;
    }
    let (models, owners, mut rng) = world(cfg);
    let callers: Vec<String> = (0..cfg.callers).map(|_| format!("0x{}", rng.hex(40))).collect();
    let busy_callers = Weighted::new((0..callers.len()).map(|i| (i as f64 + 1.0).powf(-0.8)));
    // Volume grows threefold over the window, with quieter weekends.
    let day_weights = Weighted::new((0..cfg.days).map(|d| {
        let growth = 1.0 + 2.0 * f64::from(d) / f64::from(cfg.days.max(1));
        let weekday = (cfg.first_day.plus(d as i32).0 + 3).rem_euclid(7);
        growth * if weekday >= 5 { 0.7 } else { 1.0 }
    }));
    let who = Callers { owners: &owners, others: &callers, busy: &busy_callers };
    let mut per_day = vec![0u64; cfg.days as usize];
    for _ in 0..cfg.events {
        per_day[day_weights.draw(&mut rng)] += 1;
    }
    for (d, &count) in per_day.iter().enumerate() {
        let day = cfg.first_day.plus(d as i32);
        let listed = Weighted::new(models.iter().map(|m| if m.listed <= day { m.weight } else { 0.0 }));
        let mut seconds: Vec<i64> = (0..count).map(|_| rng.below(SECONDS_PER_DAY as u64) as i64).collect();
        seconds.sort_unstable();
        for s in seconds {
            let m = &models[listed.draw(&mut rng)];
            let ts = i64::from(day.0) * SECONDS_PER_DAY + s;
            write_event(out, &mut rng, cfg.format, ts, m, &who)?;
        }
    }
    Ok(())
}

/// Who calls: the models' owners, the other callers, and how busy each of those is.
struct Callers<'a> {
    owners: &'a [String],
    others: &'a [String],
    busy: &'a Weighted,
}

fn write_event(
    out: &mut impl Write,
    rng: &mut Rng,
    format: SynthFormat,
    ts: i64,
    m: &Model,
    who: &Callers,
) -> io::Result<()> {
    let (owners, callers, busy) = (who.owners, who.others, who.busy);
    let caller = if rng.chance(0.04) { &owners[m.owner] } else { &callers[busy.draw(rng)] };
    let x = rng.unit();
    let mode = if x < m.modes[0] {
        "vanilla"
    } else if x < m.modes[0] + m.modes[1] {
        "tee"
    } else {
        "zkml"
    };
    let base = match mode {
        "zkml" => 600.0,
        "tee" => 180.0,
        _ => 110.0,
    };
    let latency = (base * (0.4 + 1.6 * rng.unit() * rng.unit() + rng.unit()) * 10.0).round() / 10.0;
    let (h, mi, s) = (ts.rem_euclid(86_400) / 3600, ts.rem_euclid(3600) / 60, ts.rem_euclid(60));
    let date = Day::from_epoch_seconds(ts);
    let (units, kind) = if m.category == "llm" {
        let kind = if rng.chance(0.7) { "llm_chat" } else { "llm_completion" };
        (Some(50 + rng.below(2000)), kind)
    } else {
        (None, "ml")
    };
    let app = APPS[busy.draw(rng) % APPS.len()];
    let automated = rng.chance(0.1);
    let failed = rng.chance(0.03);
    let ts = format!("{date}T{h:02}:{mi:02}:{s:02}Z");
    match format {
        SynthFormat::Ndjson => {
            write!(
                out,
                r#"{{"ts":"{ts}","model":"{}","caller":"{caller}","mode":"{mode}","latency_ms":{latency}"#,
                m.id
            )?;
            if let Some(units) = units {
                write!(out, r#","units":{units}"#)?;
            }
            write!(out, r#","kind":"{kind}","app":"{app}""#)?;
            if automated {
                write!(out, r#","automated":true"#)?;
            }
            if failed {
                write!(out, r#","ok":false"#)?;
            }
            writeln!(out, "}}")
        }
        SynthFormat::Csv => {
            let units = units.map_or(String::new(), |u| u.to_string());
            let (automated, ok) = (if automated { "true" } else { "" }, if failed { "false" } else { "" });
            writeln!(out, "{ts},{},{caller},{mode},{latency},{units},{kind},{app},{automated},{ok}", m.id)
        }
    }
}

/// Writes the daily running totals of `data`'s models as docs/inputs.md#counter-snapshots counter snapshots
/// (CSV `day,model,total`), the shape of hubs that publish counters only: every model's
/// total on every day from the day before the data starts (all zeros).
fn write_snapshots(data: &Dataset, out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "day,model,total")?;
    running_totals(data, |day, totals| {
        for (m, total) in totals.iter().enumerate() {
            writeln!(out, "{day},{},{total}", data.events.models.name(m as u32))?;
        }
        Ok(())
    })
}

/// Calls `each` with every day from the day before the data's first to its last, and each
/// model's running total by the end of that day.
fn running_totals(data: &Dataset, mut each: impl FnMut(Day, &[u64]) -> io::Result<()>) -> io::Result<()> {
    let t = &data.tallies;
    let Some((first, last)) = t.span() else { return Ok(()) };
    let mut totals = vec![0u64; data.events.models.len()];
    let mut c = 0;
    for day in (first.0 - 1..=last.0).map(Day) {
        while c < t.len() && t.day[c] <= day {
            if t.model[c] != crate::store::NONE {
                totals[t.model[c] as usize] += t.events[c];
            }
            c += 1;
        }
        each(day, &totals)?;
    }
    Ok(())
}

/// `og/llm-0002` → (`og`, `llm-0002`): Replicate's owner and name, Hugging Face's author.
fn owner_and_name(id: &str) -> (&str, &str) {
    id.split_once('/').unwrap_or(("synth", id))
}

/// Writes `data` (with its registry) as a month of Replicate's model list saved once a
/// day, one page per line with the day added as `date`: every model listed by that day,
/// with its running `run_count` (made-up runs: one per inference).
fn write_replicate_pages(data: &Dataset, out: &mut impl Write) -> io::Result<()> {
    running_totals(data, |day, totals| {
        let results: Vec<_> = (0..totals.len())
            .filter(|&m| data.listings.get(m).is_some_and(|l| l.listed <= day))
            .map(|m| {
                let (owner, name) = owner_and_name(data.events.models.name(m as u32));
                serde_json::json!({
                    "url": format!("https://replicate.example/{owner}/{name}"), "owner": owner, "name": name,
                    "description": "synthetic: made up by hubpulse synth", "visibility": "public",
                    "run_count": totals[m], "cover_image_url": null, "github_url": null,
                })
            })
            .collect();
        let page = serde_json::json!({"date": day.to_string(), "results": results, "next": null});
        serde_json::to_writer(&mut *out, &page).map_err(io::Error::other)?;
        writeln!(out)
    })
}

/// Writes `data` (with its registry) as Hugging Face's `/api/models` list fetched the day
/// after its last: `downloads` are the last 30 days' inferences, models used in them were
/// modified on the last day, the others when they were listed.
fn write_hf_models(data: &Dataset, out: &mut impl Write) -> io::Result<()> {
    let t = &data.tallies;
    let Some((_, last)) = t.span() else { return writeln!(out, "[]") };
    let mut downloads = vec![0u64; data.events.models.len()];
    for c in (0..t.len()).filter(|&c| t.day[c] > last.plus(-30) && t.model[c] != crate::store::NONE) {
        downloads[t.model[c] as usize] += t.events[c];
    }
    let models: Vec<_> = (0..data.listings.len())
        .filter_map(|m| data.listings.get(m).map(|l| (m, l)))
        .map(|(m, l)| {
            let id = data.events.models.name(m as u32);
            let modified = if downloads[m] > 0 { last } else { l.listed };
            serde_json::json!({
                "id": id, "modelId": id, "author": owner_and_name(id).0, "downloads": downloads[m], "likes": downloads[m] / 100,
                "createdAt": format!("{}T00:00:00.000Z", l.listed), "lastModified": format!("{modified}T12:00:00.000Z"),
                "pipeline_tag": l.category, "tags": ["synthetic"], "library_name": "transformers",
            })
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &models).map_err(io::Error::other)?;
    writeln!(out)
}

/// Writes `data`'s daily use in the shape of OpenRouter's rankings-daily document: each
/// day's top 50 models and an `other` row, `total_tokens` as a decimal string (made-up
/// tokens: 1,000 per inference).
fn write_rankings(data: &Dataset, out: &mut impl Write) -> io::Result<()> {
    let t = &data.tallies;
    let mut rows = Vec::new();
    let mut c = 0;
    while c < t.len() {
        let day = t.day[c];
        let mut today: Vec<(u64, u32)> = Vec::new();
        while c < t.len() && t.day[c] == day {
            if t.events[c] > 0 && t.model[c] != crate::store::NONE {
                today.push((t.events[c], t.model[c]));
            }
            c += 1;
        }
        today.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let tail: u64 = today.iter().skip(50).map(|(n, _)| n).sum();
        for &(n, m) in today.iter().take(50) {
            rows.push(serde_json::json!({"date": day.to_string(), "model_permaslug": data.events.models.name(m), "total_tokens": (n * 1000).to_string()}));
        }
        if tail > 0 {
            rows.push(serde_json::json!({"date": day.to_string(), "model_permaslug": "other", "total_tokens": (tail * 1000).to_string()}));
        }
    }
    let as_of = t.span().map_or(String::new(), |(_, last)| last.plus(1).to_string());
    let document =
        serde_json::json!({"data": rows, "meta": {"as_of": as_of, "note": "synthetic: made up by hubpulse synth"}});
    serde_json::to_writer_pretty(&mut *out, &document).map_err(io::Error::other)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Dataset, ReportOptions};

    #[test]
    fn the_same_seed_writes_the_same_bytes_and_every_row_is_accepted() {
        let cfg = SynthConfig { events: 2_000, models: 50, callers: 100, days: 20, ..SynthConfig::default() };
        let (mut a, mut b) = (Vec::new(), Vec::new());
        write_events(&cfg, &mut a).unwrap();
        write_events(&cfg, &mut b).unwrap();
        assert_eq!(a, b);
        let report = Dataset::from_events("synth", &a).unwrap().report(&ReportOptions::default()).unwrap();
        assert_eq!((report.input.rows_read, report.input.rows_rejected, report.input.warnings), (2_000, 0, 0));
        assert_eq!(report.events + report.failed, 2_000);
        let mut registry = Vec::new();
        write_registry(&cfg, &mut registry).unwrap();
        let parsed: serde_json::Value = serde_json::from_slice(&registry).unwrap();
        assert_eq!(parsed.as_array().map(Vec::len), Some(50));
        let mut csv = Vec::new();
        write_events(&SynthConfig { format: SynthFormat::Csv, ..cfg }, &mut csv).unwrap();
        let csv_report = Dataset::from_events("synth", &csv).unwrap().report(&ReportOptions::default()).unwrap();
        assert_eq!(
            (csv_report.events, csv_report.by_mode, csv_report.latency_p95),
            (report.events, report.by_mode, report.latency_p95)
        );
    }
}
