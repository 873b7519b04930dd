//! A dataset as flat parts, to move it between threads: a worker fetches and parses, the
//! page shows. The columns move without being copied where their types allow (the browser
//! copies each once into the page's memory); the small rest (listings, problems, sources)
//! is written into one byte buffer. Taking the parts back checks that they fit together,
//! so a dataset from parts is as sound as one assembled here.

use super::Dataset;
use crate::day::Day;
use crate::error::Error;
use crate::problems::{Problem, Problems, Severity};
use crate::provenance::{Basis, ChainProvenance, Reorg, Source};
use crate::store::{Column, ColumnsIn, ColumnsOut, Events, Listings, Tallies};
use crate::window::Window;

/// A dataset as a byte buffer of its small parts and its columns.
pub struct Parts {
    /// Listings, problems, sources and the rest, in a fixed binary form.
    pub meta: Vec<u8>,
    /// The event columns and the tallies, in a fixed order.
    pub columns: Vec<Column>,
}

/// Bumped whenever the form changes: parts of another version are refused.
const VERSION: u8 = 4;

/// The units a shape names, as the static strings the dataset keeps.
const UNITS: [&str; 4] = ["inferences", "runs", "downloads", "tokens"];

impl Dataset {
    /// The dataset as parts (its columns moved, not copied).
    pub fn into_parts(self) -> Result<Parts, Error> {
        let mut meta = Writer(vec![VERSION]);
        meta.u8(self.basis as u8);
        meta.u8(u8::from(self.has_registry));
        meta.u64(self.problems.len() as u64);
        for (input, problems) in &self.problems {
            meta.str(input).u64(problems.rows_read).u64(problems.rows_rejected).u64(problems.warnings);
            meta.u64(problems.problems.len() as u64);
            for p in &problems.problems {
                meta.str(&p.input).u8(p.severity as u8).u64(p.line).str(&p.field).str(&p.reason);
            }
        }
        meta.u64(self.sources.len() as u64);
        for s in &self.sources {
            meta.str(&s.input).str(&s.source).u64(s.bytes).str(&s.sha256).str(&s.fetched_at);
            meta.u8(u8::from(s.chain.is_some()));
            if let Some(c) = &s.chain {
                meta.u64(c.chain_id).str(&c.address).u64(c.from_block).u64(c.to_block).str(&c.last_block_hash);
                meta.opt_u64(c.kept_to_block);
                meta.opt_u64(c.reorg.map(|r| r.from_block)).u64(c.reorg.map_or(0, |r| r.to_block));
            }
        }
        meta.opt_str(self.attribution.as_deref());
        meta.opt_str(self.unit);
        meta.u8(u8::from(self.period.is_some()));
        if let Some(p) = self.period {
            meta.i32(p.from.0).i32(p.to.0);
        }
        meta.u64(self.carried.len() as u64);
        for &(day, days) in &self.carried {
            meta.i32(day.0).u64(u64::from(days));
        }
        let mut columns = ColumnsOut::default();
        let unfit = |why: &str| Error::Inputs(format!("the dataset cannot be handed over: {why}"));
        self.events.columns_out(&mut columns).map_err(unfit)?;
        self.tallies.columns_out(&mut columns).map_err(unfit)?;
        self.listings.columns_out(&mut columns).map_err(unfit)?;
        Ok(Parts { meta: meta.0, columns: columns.0 })
    }

    /// The dataset of `parts`, or why they do not make one.
    pub fn from_parts(parts: Parts) -> Result<Dataset, Error> {
        let unfit = |why: &str| Error::Inputs(format!("the dataset handed over is damaged: {why}"));
        let mut columns = ColumnsIn::new(parts.columns);
        let events = Events::columns_in(&mut columns).map_err(unfit)?;
        let tallies = Tallies::columns_in(&mut columns, events.models.len()).map_err(unfit)?;
        let listings = Listings::columns_in(&mut columns, events.models.len(), events.callers.len()).map_err(unfit)?;
        if !columns.is_done() {
            return Err(unfit("columns are left over"));
        }
        let mut data = Dataset { events, tallies, listings, ..Dataset::default() };
        read_meta(&mut Reader(&parts.meta), &mut data).map_err(unfit)?;
        Ok(data)
    }
}

/// Why parts do not make a dataset.
type Fail = &'static str;

fn read_meta(meta: &mut Reader, data: &mut Dataset) -> Result<(), Fail> {
    if meta.u8()? != VERSION {
        return Err("parts of another version");
    }
    data.basis = match meta.u8()? {
        0 => Basis::Events,
        1 => Basis::Rollups,
        2 => Basis::Snapshots,
        3 => Basis::Totals,
        _ => return Err("an unknown basis"),
    };
    data.has_registry = meta.u8()? == 1;
    data.problems = (0..meta.count()?)
        .map(|_| -> Result<_, Fail> {
            let input = meta.str()?;
            let mut p = Problems {
                rows_read: meta.u64()?,
                rows_rejected: meta.u64()?,
                warnings: meta.u64()?,
                ..Problems::default()
            };
            p.problems = (0..meta.count()?)
                .map(|_| -> Result<_, Fail> {
                    let input = meta.str()?;
                    let severity = if meta.u8()? == 0 { Severity::Rejected } else { Severity::Warning };
                    Ok(Problem { input, severity, line: meta.u64()?, field: meta.str()?, reason: meta.str()? })
                })
                .collect::<Result<_, _>>()?;
            Ok((input, p))
        })
        .collect::<Result<_, _>>()?;
    data.sources = (0..meta.count()?)
        .map(|_| -> Result<_, Fail> {
            let (input, source, bytes, sha256, fetched_at) =
                (meta.str()?, meta.str()?, meta.u64()?, meta.str()?, meta.str()?);
            let chain = match meta.u8()? {
                0 => None,
                _ => Some(ChainProvenance {
                    chain_id: meta.u64()?,
                    address: meta.str()?,
                    from_block: meta.u64()?,
                    to_block: meta.u64()?,
                    last_block_hash: meta.str()?,
                    kept_to_block: meta.opt_u64()?,
                    reorg: match (meta.opt_u64()?, meta.u64()?) {
                        (Some(from_block), to_block) => Some(Reorg { from_block, to_block }),
                        (None, _) => None,
                    },
                }),
            };
            Ok(Source { input, source, bytes, sha256, fetched_at, chain })
        })
        .collect::<Result<_, _>>()?;
    data.attribution = meta.opt_str()?;
    data.unit = meta.opt_str()?.and_then(|u| UNITS.into_iter().find(|&known| known == u));
    data.period = match meta.u8()? {
        0 => None,
        _ => Some(Window::new(Day(meta.i32()?), Day(meta.i32()?)).map_err(|_| "a period that is not a window")?),
    };
    data.carried = (0..meta.count()?)
        .map(|_| -> Result<_, Fail> {
            let (day, days) = (Day(meta.i32()?), meta.u64()?);
            Ok((day, u32::try_from(days).ok().filter(|&d| d > 1).ok_or("a day that carries no gap")?))
        })
        .collect::<Result<_, _>>()?;
    if !data.carried.windows(2).all(|w| w[0].0 < w[1].0) {
        return Err("days that carry gaps out of order");
    }
    if !meta.0.is_empty() {
        return Err("bytes are left over");
    }
    Ok(())
}

/// Little-endian numbers and length-prefixed strings.
struct Writer(Vec<u8>);

impl Writer {
    fn u8(&mut self, n: u8) -> &mut Self {
        self.0.push(n);
        self
    }
    fn i32(&mut self, n: i32) -> &mut Self {
        self.0.extend_from_slice(&n.to_le_bytes());
        self
    }
    fn u64(&mut self, n: u64) -> &mut Self {
        self.0.extend_from_slice(&n.to_le_bytes());
        self
    }
    fn str(&mut self, s: &str) -> &mut Self {
        self.u64(s.len() as u64);
        self.0.extend_from_slice(s.as_bytes());
        self
    }
    fn opt_u64(&mut self, n: Option<u64>) -> &mut Self {
        self.u8(u8::from(n.is_some())).u64(n.unwrap_or(0))
    }
    fn opt_str(&mut self, s: Option<&str>) -> &mut Self {
        self.u8(u8::from(s.is_some()));
        if let Some(s) = s {
            self.str(s);
        }
        self
    }
}

/// Reads what a [`Writer`] wrote.
struct Reader<'a>(&'a [u8]);

impl Reader<'_> {
    fn take<const N: usize>(&mut self) -> Result<[u8; N], &'static str> {
        let (head, rest) = self.0.split_first_chunk::<N>().ok_or("the parts end early")?;
        self.0 = rest;
        Ok(*head)
    }
    fn u8(&mut self) -> Result<u8, &'static str> {
        Ok(self.take::<1>()?[0])
    }
    fn i32(&mut self) -> Result<i32, &'static str> {
        Ok(i32::from_le_bytes(self.take()?))
    }
    fn u64(&mut self) -> Result<u64, &'static str> {
        Ok(u64::from_le_bytes(self.take()?))
    }
    /// A count of items that each take at least a byte: never more than the bytes left.
    fn count(&mut self) -> Result<usize, &'static str> {
        let n = self.u64()?;
        if n > self.0.len() as u64 {
            return Err("a count larger than the parts");
        }
        Ok(n as usize)
    }
    fn str(&mut self) -> Result<String, &'static str> {
        let n = self.count()?;
        let (text, rest) = self.0.split_at(n);
        self.0 = rest;
        String::from_utf8(text.to_vec()).map_err(|_| "text that is not UTF-8")
    }
    fn opt_u64(&mut self) -> Result<Option<u64>, &'static str> {
        let (some, n) = (self.u8()?, self.u64()?);
        Ok((some != 0).then_some(n))
    }
    fn opt_str(&mut self) -> Result<Option<String>, &'static str> {
        match self.u8()? {
            0 => Ok(None),
            _ => self.str().map(Some),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::Inputs;
    use crate::metrics::ReportOptions;
    use crate::report::Filter;

    fn round_trip(data: Dataset) -> Dataset {
        Dataset::from_parts(data.into_parts().unwrap()).unwrap()
    }

    #[test]
    fn a_dataset_from_its_parts_reports_the_same_figures() {
        let events =
            br#"{"ts":"2026-03-02T10:00:00Z","model":"a","caller":"0xAB","app":"x","latency_ms":12.25,"automated":true}
{"ts":"2026-03-03","model":"b","ok":false,"kind":"chat"}
{"model":"broken"}
{"ts":"2026-03-05","model":"c","caller":"0xab","mode":"tee","kind":"chat","app":"y"}"#;
        let registry = br#"[{"model":"a","listed_at":"2026-01-01","owner":"0xab","name":"Alpha","category":"llm"}]"#;
        let inputs = || Inputs { events: Some(&events[..]), registry: Some(&registry[..]), ..Inputs::default() };
        let options =
            [ReportOptions::default(), ReportOptions { range: Some("2d".into()), ..ReportOptions::default() }];
        for options in options {
            let expected = Dataset::from_bytes(inputs()).unwrap().report(&options).unwrap();
            let back = round_trip(Dataset::from_bytes(inputs()).unwrap());
            assert_eq!(back.report(&options).unwrap(), expected);
            // Kinds and apps travel too: a filter by them cuts the same events.
            let filter = Filter { kind: vec!["chat".into()], app: vec!["y".into()], ..Filter::default() };
            let cut = |data: &Dataset| data.filtered(&filter).unwrap().report(&options).unwrap();
            assert_eq!(cut(&back), cut(&Dataset::from_bytes(inputs()).unwrap()));
            assert_eq!(cut(&back).events, 1);
        }
        let rollups = b"day,model,events,callers,tee\n2026-03-02,a,10,3,4\n2026-03-02,other,5,,\n";
        let data = || Dataset::from_bytes(Inputs { rollups: Some(&rollups[..]), ..Inputs::default() }).unwrap();
        let expected = data().report(&ReportOptions::default()).unwrap();
        assert_eq!(round_trip(data()).report(&ReportOptions::default()).unwrap(), expected);
        let snapshots = b"day,model,total\n2026-03-01,a,5\n2026-03-02,a,9\n2026-03-03,a,9\n";
        let data = || Dataset::from_bytes(Inputs { snapshots: Some(&snapshots[..]), ..Inputs::default() }).unwrap();
        let expected = data().report(&ReportOptions::default()).unwrap();
        assert_eq!((expected.events, expected.by_mode.unknown), (4, 4));
        assert_eq!(round_trip(data()).report(&ReportOptions::default()).unwrap(), expected);
    }

    #[test]
    fn damaged_parts_are_refused_not_trusted() {
        let data = Dataset::from_bytes(Inputs::events(&b"{\"ts\":\"2026-03-02\",\"model\":\"a\"}"[..])).unwrap();
        let mut parts = data.into_parts().unwrap();
        if let Some(Column::U32(models)) = parts.columns.get_mut(2) {
            models[0] = 7; // a model id with no name
        }
        let err = Dataset::from_parts(parts).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(err, "inputs: the dataset handed over is damaged: event columns that do not fit together");
        let data = Dataset::from_bytes(Inputs::events(&b"{\"ts\":\"2026-03-02\",\"model\":\"a\"}"[..])).unwrap();
        let mut parts = data.into_parts().unwrap();
        parts.meta.truncate(parts.meta.len() - 3);
        assert!(Dataset::from_parts(parts).is_err());
    }

    #[test]
    fn listings_that_name_a_missing_owner_are_refused() {
        let events = br#"{"ts":"2026-03-02","model":"a","caller":"0xab"}"#;
        let registry = br#"[{"model":"a","listed_at":"2026-01-01","owner":"0xab","name":"Alpha"}]"#;
        let data = Dataset::from_bytes(Inputs { events: Some(events), registry: Some(registry), ..Inputs::default() })
            .unwrap();
        let mut parts = data.into_parts().unwrap();
        // The listings come last: listed, owner, name, category, then two interners' ends and bytes.
        let owner = parts.columns.len() - 7;
        match &mut parts.columns[owner] {
            Column::U32(owners) => owners[0] = 5,
            _ => panic!("the owners are not where the listings put them"),
        }
        let err = Dataset::from_parts(parts).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(err, "inputs: the dataset handed over is damaged: listings that name what is not there");
    }

    #[test]
    fn modes_that_outnumber_their_events_are_refused() {
        let rollups = b"day,model,events,tee\n2026-03-02,a,10,4\n2026-03-03,a,5,\n";
        let data = Dataset::from_bytes(Inputs { rollups: Some(&rollups[..]), ..Inputs::default() }).unwrap();
        let mut parts = data.into_parts().unwrap();
        let tee = parts.columns.iter_mut().find_map(|c| match c {
            Column::U64(tee) if tee == &[4, 0] => Some(tee),
            _ => None,
        });
        tee.expect("the tee column travels, the all-zero ones do not")[0] = 11;
        let err = Dataset::from_parts(parts).err().map(|e| e.to_string()).unwrap_or_default();
        assert_eq!(err, "inputs: the dataset handed over is damaged: tallies that do not fit together");
    }
}
