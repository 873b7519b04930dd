//! The `hubpulse` command line: the same figures as the widget, for data engineers,
//! scripts and checks (README "The command line").
//!
//! ```text
//! hubpulse report (--events FILE | --rollups FILE | --snapshots FILE) [--registry FILE] [--unit NAME] [--from DAY] [--to DAY] [--range Nd]
//! hubpulse render --chart NAME --out FILE.svg|FILE.png [--width W] [--height H] [--theme light|dark] …inputs…
//! hubpulse rollup --events FILE [--registry FILE] [--sketches]  (NDJSON rollups on stdout)
//! hubpulse synth --out DIR [--count N] [--models N] [--callers N] [--days N] [--seed N] [--no-shapes]
//! hubpulse fetch-evm --rpc URL --from-block N [--to-block M] [--address 0x…] [--cache DIR] [--reorg-depth N]
//!                                                                                  (NDJSON events on stdout)
//! ```
//! Bad input prints the file, line and reason on stderr and exits with status 2.

use hubpulse::{
    ChartConfig, Dataset, Inputs, Limits, Origin, Render, ReportOptions, Scan, ScanConfig, Shape, SharedReports, Step,
    SynthConfig, SynthFormat, SynthShape, ThemeChoice, ThemeName,
};
use std::collections::BTreeMap;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

const USAGE: &str = "usage:
  hubpulse report (--events FILE | --rollups FILE | --snapshots FILE) [--registry FILE] [--unit runs]
                  [--format replicate-models|hf-models|openrouter-rankings]
                  [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--range Nd] [--first-party APP]...
                  [--filter-model ID]... [--filter-owner OWNER]... [--filter-category CATEGORY]...
                  [--filter-mode MODE]... [--filter-kind KIND]... [--filter-app APP]...
                  [--compare previous|YYYY-MM-DD/YYYY-MM-DD]
                  [--max-rows N] [--max-bytes N] [--threads N]
  hubpulse render --chart NAME --out FILE.svg|FILE.png [--width W] [--height H] [--theme light|dark]
                  [--stack mode] [--cohort models|callers] [--by model|owner|category|mode] [--model ID] [--locale TAG] [--words JSON]  …and the inputs, window, filters and comparison of report
  hubpulse rollup --events FILE [--registry FILE] [--sketches]
  hubpulse synth --out DIR [--count N] [--models N] [--callers N] [--days N] [--seed N] [--format ndjson|csv]
                 [--no-shapes]
  hubpulse fetch-evm --rpc URL --from-block N [--to-block M] [--address 0x…] [--cache DIR] [--reorg-depth N]
                                                                                  (NDJSON events on stdout)
FILE may be - for standard input; NDJSON, a JSON array or CSV, gzipped or not.";

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("hubpulse: {message}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = lexopt::Parser::from_env();
    let command = match args.next().map_err(|e| e.to_string())? {
        Some(lexopt::Arg::Value(v)) => v.into_string().map_err(|_| "the command is not UTF-8".to_string())?,
        Some(lexopt::Arg::Long("help") | lexopt::Arg::Short('h')) | None => {
            println!("{USAGE}");
            return Ok(());
        }
        Some(other) => return Err(format!("{}\n{USAGE}", other.unexpected())),
    };
    let options = Options::parse(&mut args)?;
    match command.as_str() {
        "report" => report(&options),
        "rollup" => rollup(&options),
        "render" => render(&options),
        "synth" => synth(&options),
        "fetch-evm" => fetch_evm(&options),
        other => Err(format!("unknown command {other:?}\n{USAGE}")),
    }
}

/// The options of every command; each command reads those it needs.
struct Options {
    events: Option<PathBuf>,
    registry: Option<PathBuf>,
    rollups: Option<PathBuf>,
    snapshots: Option<PathBuf>,
    /// `synth`: ndjson or csv; `report`, `render`: a hub's document shape.
    format: Option<String>,
    limits: Limits,
    /// Threads that parse a large body of events (default: one a core).
    threads: usize,
    out: Option<PathBuf>,
    /// `render`: the chart's options, named as the element's attributes (`chart`,
    /// `stack`, `cohort`, `by`, `model`, `locale`, `theme`), read by the same rules.
    chart: BTreeMap<String, String>,
    size: (u32, u32),
    report: ReportOptions,
    synth: SynthConfig,
    /// `rollup`: also write each row's callers and latencies as sketches.
    sketches: bool,
    /// `synth`: also write the hub's shapes (a day's page per listed model: large for
    /// many models over many days).
    shapes: bool,
    /// `fetch-evm`: the node, the blocks and the contract.
    rpc: Option<String>,
    from_block: Option<u64>,
    to_block: Option<u64>,
    address: Option<String>,
    /// `fetch-evm`: where what was read is kept between runs, and how deep a
    /// reorganisation is looked for.
    cache: Option<PathBuf>,
    reorg_depth: Option<u64>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            events: None,
            registry: None,
            rollups: None,
            snapshots: None,
            format: None,
            limits: Limits::default(),
            threads: std::thread::available_parallelism().map_or(1, |n| n.get()),
            out: None,
            chart: BTreeMap::new(),
            size: (960, 400),
            report: ReportOptions::default(),
            synth: SynthConfig::default(),
            sketches: false,
            shapes: true,
            rpc: None,
            from_block: None,
            to_block: None,
            address: None,
            cache: None,
            reorg_depth: None,
        }
    }
}

impl Options {
    fn parse(args: &mut lexopt::Parser) -> Result<Options, String> {
        use lexopt::Arg::Long;
        let mut o = Options::default();
        while let Some(arg) = args.next().map_err(|e| e.to_string())? {
            let name = match arg {
                Long(name) => name.to_owned(),
                other => return Err(format!("{}\n{USAGE}", other.unexpected())),
            };
            let mut value = || -> Result<String, String> {
                args.value()
                    .map_err(|e| e.to_string())?
                    .into_string()
                    .map_err(|_| "an option value is not UTF-8".to_string())
            };
            match name.as_str() {
                "events" => o.events = Some(value()?.into()),
                "rpc" => o.rpc = Some(value()?),
                "from-block" => o.from_block = Some(number("--from-block", &value()?)?),
                "to-block" => o.to_block = Some(number("--to-block", &value()?)?),
                "cache" => o.cache = Some(value()?.into()),
                "reorg-depth" => o.reorg_depth = Some(number("--reorg-depth", &value()?)?),
                "address" => o.address = Some(value()?),
                "registry" => o.registry = Some(value()?.into()),
                "rollups" => o.rollups = Some(value()?.into()),
                "snapshots" => o.snapshots = Some(value()?.into()),
                "unit" => o.report.unit = Some(value()?),
                "max-rows" => o.limits.max_rows = Some(number("--max-rows", &value()?)?),
                "max-bytes" => o.limits.max_bytes = Some(number("--max-bytes", &value()?)?),
                "threads" => o.threads = number::<usize>("--threads", &value()?)?.max(1),
                "out" => o.out = Some(value()?.into()),
                "width" => o.size.0 = number("--width", &value()?)?,
                "height" => o.size.1 = number("--height", &value()?)?,
                name @ ("chart" | "theme" | "stack" | "cohort" | "by" | "model" | "locale" | "words") => {
                    o.chart.insert(name.to_owned(), value()?);
                }
                "from" => o.report.from = Some(value()?),
                "to" => o.report.to = Some(value()?),
                "range" => o.report.range = Some(value()?),
                "first-party" => o.report.first_party.push(value()?),
                "compare" => o.report.compare = Some(value()?),
                dimension if dimension.starts_with("filter-") => match o.report.filter.values_mut(&dimension[7..]) {
                    Some(values) => values.push(value()?),
                    None => return Err(format!("unknown option --{dimension}\n{USAGE}")),
                },
                "sketches" => o.sketches = true,
                "no-shapes" => o.shapes = false,
                "seed" => o.synth.seed = number("--seed", &value()?)?,
                "models" => o.synth.models = number("--models", &value()?)?,
                "callers" => o.synth.callers = number("--callers", &value()?)?,
                "days" => o.synth.days = number("--days", &value()?)?,
                "count" => o.synth.events = number("--count", &value()?)?,
                "format" => o.format = Some(value()?),
                other => return Err(format!("unknown option --{other}\n{USAGE}")),
            }
        }
        Ok(o)
    }
}

fn number<T: std::str::FromStr>(name: &str, text: &str) -> Result<T, String> {
    text.parse().map_err(|_| format!("{name} takes a whole number, not {text:?}"))
}

/// Opens an input file, or standard input for `-`, noting where and when: the dataset
/// reads it as a stream, applying the limits as it goes.
fn open_input(path: &Path) -> Result<(Origin, Box<dyn Read>), String> {
    let name = path.display().to_string();
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() as i64);
    if name == "-" {
        return Ok((Origin::at("stdin", now), Box::new(io::stdin().lock())));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("{name}: could not read: {e}"))?;
    Ok((Origin::at(name, now), Box::new(file)))
}

/// Reads the dataset the options name.
fn dataset(o: &Options) -> Result<Dataset, String> {
    let open = |path: &Option<PathBuf>| path.as_deref().map(open_input).transpose();
    let inputs = Inputs {
        events: open(&o.events)?,
        rollups: open(&o.rollups)?,
        snapshots: open(&o.snapshots)?,
        registry: open(&o.registry)?,
        shape: o.format.as_deref().map(Shape::named).transpose().map_err(|e| e.to_string())?,
        limits: o.limits,
        threads: o.threads,
    };
    Dataset::read(inputs).map_err(|e| e.to_string())
}

fn report(o: &Options) -> Result<(), String> {
    if o.events.is_none() && o.rollups.is_none() && o.snapshots.is_none() {
        return Err(format!("report needs --events, --rollups or --snapshots FILE\n{USAGE}"));
    }
    let data = dataset(o)?;
    let report = data.report(&o.report).map_err(|e| e.to_string())?;
    // Standard output is line-buffered, and a pretty report has a line per figure.
    let mut out = io::BufWriter::new(io::stdout().lock());
    serde_json::to_writer_pretty(&mut out, &report).map_err(|e| e.to_string())?;
    writeln!(out).and_then(|()| out.flush()).map_err(|e| e.to_string())
}

fn render(o: &Options) -> Result<(), String> {
    if !o.chart.contains_key("chart") {
        return Err(format!("render needs --chart NAME\n{USAGE}"));
    }
    let chart = ChartConfig::parse(&o.chart, "en", None).map_err(|e| format!("--{e}"))?;
    let theme = match chart.theme {
        ThemeChoice::Fixed(name) => name,
        ThemeChoice::Auto => ThemeName::Light,
    };
    let out = o.out.as_deref().ok_or_else(|| format!("render needs --out FILE.svg or FILE.png\n{USAGE}"))?;
    if o.events.is_none() && o.rollups.is_none() && o.snapshots.is_none() {
        return Err(format!("render needs --events, --rollups or --snapshots FILE\n{USAGE}"));
    }
    // The report a widget of this chart draws (a long window's retention by month).
    let data = dataset(o)?;
    let report = SharedReports::default().for_chart(&data, &o.report, chart.kind, &chart.options);
    let report = report.map_err(|e| e.to_string())?;
    let (width, height) = o.size;
    if !(64..=8192).contains(&width) || !(64..=8192).contains(&height) {
        return Err("--width and --height must be from 64 to 8192 pixels".into());
    }
    let r = Render { report: &report, kind: chart.kind, options: &chart.options, theme, width, height };
    r.to_file(out)
}

fn rollup(o: &Options) -> Result<(), String> {
    if o.events.is_none() || o.rollups.is_some() {
        return Err(format!("rollup needs --events FILE\n{USAGE}"));
    }
    let data = dataset(o)?;
    let mut out = io::BufWriter::new(io::stdout().lock());
    let written = hubpulse::write_rollups(&data, &mut out, o.sketches);
    written.and_then(|()| out.flush()).map_err(|e| e.to_string())
}

fn synth(o: &Options) -> Result<(), String> {
    let mut cfg = o.synth.clone();
    cfg.format = match o.format.as_deref() {
        None | Some("ndjson") => SynthFormat::Ndjson,
        Some("csv") => SynthFormat::Csv,
        Some(other) => return Err(format!("--format is ndjson or csv, not {other:?}")),
    };
    let dir = o.out.as_deref().ok_or_else(|| format!("synth needs --out DIR\n{USAGE}"))?;
    std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let write = |file: &str, body: &dyn Fn(&mut io::BufWriter<std::fs::File>) -> io::Result<()>| {
        let path = dir.join(file);
        let file = std::fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut out = io::BufWriter::new(file);
        body(&mut out).and_then(|()| out.flush()).map_err(|e| format!("{}: {e}", path.display()))
    };
    let mut body = Vec::new();
    cfg.write_events(&mut body).map_err(|e| e.to_string())?;
    let events = if cfg.format == SynthFormat::Csv { "events.csv" } else { "events.ndjson" };
    write(events, &|out| out.write_all(&body))?;
    let mut registry = Vec::new();
    cfg.write_registry(&mut registry).map_err(|e| e.to_string())?;
    write("models.json", &|out| out.write_all(&registry))?;
    if !o.shapes {
        return Ok(());
    }
    // The same made-up hub in the shapes of hubs that publish counters, lists or rankings.
    let inputs = Inputs {
        events: Some((Origin::at(events, 0), &body[..])),
        registry: Some((Origin::at("models.json", 0), &registry[..])),
        ..Inputs::default()
    };
    let data = Dataset::read(inputs).map_err(|e| e.to_string())?;
    SynthShape::ALL.into_iter().try_for_each(|shape| write(shape.file_name(), &|out| shape.write(&data, out)))
}

/// Reads inference events from a chain's logs and writes them as NDJSON; progress, the
/// logs that are not events and the provenance go to stderr. Without `--cache` the lines
/// are written as they arrive; with it, what was read before is kept in that folder, only
/// the blocks added since (and any a reorganisation replaced) are read, and all the lines
/// are written at the end.
fn fetch_evm(o: &Options) -> Result<(), String> {
    let rpc = o.rpc.clone().ok_or(format!("fetch-evm needs --rpc URL\n{USAGE}"))?;
    let from_block = o.from_block.ok_or(format!("fetch-evm needs --from-block N\n{USAGE}"))?;
    let mut config =
        ScanConfig::new(rpc.clone(), from_block, o.to_block, o.address.as_deref()).map_err(|e| e.to_string())?;
    config.reorg_depth = o.reorg_depth.unwrap_or(config.reorg_depth);
    config.cached = o.cache.is_some();
    let mut scan = Scan::new(config);
    // HTTP errors are answers the scan reads (too many requests, a refused batch).
    let agent: ureq::Agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
    let mut out = io::BufWriter::new(io::stdout().lock());
    loop {
        let request = match scan.step() {
            Step::Send(request) => request,
            Step::Restore(key) => {
                let kept = o.cache.as_ref().and_then(|dir| std::fs::read(dir.join(&key)).ok());
                scan.restore(kept.as_deref());
                if scan.kept() > 0 {
                    eprintln!("hubpulse: {} blocks kept from an earlier read", scan.kept());
                }
                continue;
            }
            Step::Done => break,
        };
        std::thread::sleep(std::time::Duration::from_millis(request.wait_ms));
        let mut response = agent
            .post(&rpc)
            .header("content-type", "application/json")
            .send(&request.body[..])
            .map_err(|e| format!("{rpc}: {}: {e}", request.what))?;
        let status = response.status().as_u16();
        if !(200..300).contains(&status) {
            let retry_after = response.headers().get("retry-after").and_then(|v| v.to_str().ok()?.trim().parse().ok());
            let words = response.status().canonical_reason().unwrap_or_default();
            scan.refused(status, words, retry_after).map_err(|e| format!("{e} ({})", request.what))?;
            continue;
        }
        let answer = response.body_mut().read_to_vec().map_err(|e| format!("{rpc}: {}: {e}", request.what))?;
        scan.respond(&answer).map_err(|e| e.to_string())?;
        if o.cache.is_none() {
            out.write_all(&scan.drain_ndjson()).map_err(|e| format!("stdout: {e}"))?;
        }
        if let (done, Some(total)) = scan.progress() {
            eprint!("\rhubpulse: {done} of {total} blocks scanned");
        }
    }
    out.write_all(scan.ndjson()).and_then(|()| out.flush()).map_err(|e| format!("stdout: {e}"))?;
    eprintln!();
    if let (Some(dir), Some((key, bytes))) = (&o.cache, scan.saved()) {
        keep(dir, &key, &bytes).map_err(|e| format!("--cache {}: {e}", dir.display()))?;
    }
    for problem in &scan.problems().problems {
        eprintln!("hubpulse: log {}: {}", problem.line, problem.reason);
    }
    if let Some(p) = scan.provenance() {
        eprintln!(
            "hubpulse: chain {} contract {} blocks {} to {}, last block hash {}",
            p.chain_id, p.address, p.from_block, p.to_block, p.last_block_hash
        );
        if let Some(r) = p.reorg {
            eprintln!("hubpulse: a reorganisation replaced blocks {} to {}: read again", r.from_block, r.to_block);
        }
    }
    Ok(())
}

/// Writes what a scan keeps under `key` in `dir`, whole or not at all (a file written
/// beside it, then renamed over it).
fn keep(dir: &Path, key: &str, bytes: &[u8]) -> io::Result<()> {
    std::fs::create_dir_all(dir)?;
    let part = dir.join(format!("{key}.part"));
    std::fs::write(&part, bytes)?;
    std::fs::rename(part, dir.join(key))
}
