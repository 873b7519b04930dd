//! The chain source as a state machine that does no I/O: it says which JSON-RPC request
//! to send next, and how long to wait before it, and takes the node's answer. The browser
//! (fetch) and the command line (a blocking client) drive the same logic, and tests drive
//! it with canned answers.
//!
//! One pass: the chain id and head; where something was read before (an earlier pass, or a
//! visit kept in a cache), a few known hashes checked for a reorganisation, and the events
//! of replaced blocks dropped; `eth_getLogs` over block ranges (halved when the node
//! refuses one); each block that has logs, with its transactions (one call a block gives
//! its timestamp and the senders: a call per transaction would be one per inference); a
//! transaction whose sender the block did not give (a node that answers with hashes alone)
//! is asked for on its own; then each log becomes one NDJSON event line. All of it batched,
//! or in paced single calls to a node that refuses batches. A later pass (`refresh`) reads
//! only the blocks that are new.

use super::abi;
use super::pace::Pace;
use super::reorg::{self, Known};
use super::rpc::{self, Call, NodeError, Unanswered};
use super::saved::{self, Header, Rejected};
use crate::error::Error;
use crate::problems::{Problems, KEPT_PROBLEMS};
use crate::provenance::{ChainProvenance, Reorg};
use crate::text::quoted;
use alloy_primitives::B256;
use hashbrown::{HashMap, HashSet};
use serde_json::{json, Value};

/// OpenGradient's inference precompile, where the events are emitted.
pub const PRECOMPILE: &str = "0x00000000000000000000000000000000000000f4";

/// Blocks asked for in the first `eth_getLogs`; halved each time the node refuses.
pub const FIRST_CHUNK: u64 = 10_000;

/// Blocks below the last one read in which a reorganisation is looked for, unless told:
/// Ethereum's finality (two epochs of 32 slots). A chain whose blocks are final at once
/// can say 0; the deeper, the more hashes are kept.
pub const REORG_DEPTH: u64 = 64;

/// What to read.
#[derive(Clone, Debug)]
pub struct ScanConfig {
    /// The node's URL, for messages.
    pub rpc: String,
    /// The first block to read.
    pub from_block: u64,
    /// `None`: up to the head, and on to new blocks at each refresh.
    pub to_block: Option<u64>,
    /// The emitting contract (lowercase hex), the precompile unless told.
    pub address: String,
    /// How far below the last block read a reorganisation is looked for ([`REORG_DEPTH`]).
    pub reorg_depth: u64,
    /// Whether what was read is kept between visits: the scan then asks its driver for
    /// what was kept ([`Step::Restore`]) and hands it what to keep ([`Scan::saved`]).
    pub cached: bool,
}

impl ScanConfig {
    /// What to read, as the element's attributes or the command line's options give it:
    /// the contract is the precompile unless `address` names another; an error for an
    /// address that is not one, or a `to_block` before `from_block`.
    pub fn new(rpc: String, from_block: u64, to_block: Option<u64>, address: Option<&str>) -> Result<Self, Error> {
        if let Some(to) = to_block.filter(|&to| to < from_block) {
            return Err(Error::Inputs(format!("to-block ({to}) is before from-block ({from_block})")));
        }
        let address = address.map_or(Ok(PRECOMPILE.to_owned()), contract)?;
        Ok(ScanConfig { rpc, from_block, to_block, address, reorg_depth: REORG_DEPTH, cached: false })
    }
}

/// A 20-byte hex address, lowercased.
fn contract(text: &str) -> Result<String, Error> {
    let t = text.trim().to_ascii_lowercase();
    match t.strip_prefix("0x") {
        Some(hex) if hex.len() == 40 && hex.bytes().all(|b| b.is_ascii_hexdigit()) => Ok(t),
        _ => Err(Error::Inputs(format!(
            "address must be a contract address as 0x and 40 hex digits, not {}",
            quoted(text)
        ))),
    }
}

/// A request to send: a JSON-RPC body, what it asks for (for messages), and how long to
/// wait before sending it.
pub struct Request {
    pub body: Vec<u8>,
    pub what: String,
    pub wait_ms: u64,
}

/// What a scan's driver does next.
pub enum Step {
    /// Waits `wait_ms`, sends the request and gives the answer to [`Scan::respond`] (or its
    /// HTTP refusal to [`Scan::refused`]).
    Send(Request),
    /// Gives [`Scan::restore`] what was kept under this key, if anything.
    Restore(String),
    /// The pass is done.
    Done,
}

/// A log as the node gave it.
struct RawLog {
    block: u64,
    tx: String,
    index: u64,
    topics: Vec<B256>,
    data: Vec<u8>,
}

enum Stage {
    Head,
    /// The driver is asked for what was kept (the first pass of a cached scan).
    Restore,
    /// The hashes of these known blocks are asked for, to find a reorganisation: first the
    /// last block read's alone (`below: false`); where it changed, those of the probes below
    /// it (`below: true`).
    Verify {
        probes: Vec<u64>,
        below: bool,
    },
    Logs,
    /// Blocks (and, where they lacked them, senders) still to fetch for the logs of blocks up
    /// to `to`.
    Details {
        logs: Vec<RawLog>,
        to: u64,
        pending: Vec<Call>,
    },
    LastBlock,
    Done,
}

/// A scan of the chain in progress.
pub struct Scan {
    config: ScanConfig,
    stage: Stage,
    chain_id: u64,
    /// The last block of this pass, once the head is known.
    end: Option<u64>,
    /// The first block not scanned yet.
    next: u64,
    chunk: u64,
    /// Block number → timestamp, for the blocks with logs of the range being read.
    times: HashMap<u64, u64>,
    /// Hashes of blocks read, within `reorg_depth` of the last: where reorganisations are
    /// looked for, and the last block's hash.
    known: Known,
    /// Transaction hash → sender, for the range being read (cleared once it is written).
    senders: HashMap<String, String>,
    /// The calls of the request handed out and not answered yet.
    in_flight: Vec<Call>,
    /// Answers gathered for a stage whose calls go out one a request (a node that refuses
    /// batches), handled once all are in.
    gathered: Vec<Result<Value, NodeError>>,
    pace: Pace,
    ndjson: Vec<u8>,
    /// Logs seen, so that a rejected one has a place (its "line").
    seen: u64,
    /// Logs that are not events: their rows are rejected here, while every event line is
    /// counted when it is parsed.
    rejected: Vec<Rejected>,
    /// Whether what was kept has been asked for (once, in the first pass).
    restored: bool,
    /// The last block kept from an earlier visit, if one was.
    kept_to: Option<u64>,
    /// The blocks whose events were replaced at the last reorganisation handled.
    reorg: Option<Reorg>,
    /// Whether anything changed since what the driver was last handed to keep.
    changed: bool,
}

impl Scan {
    /// A scan of what `config` names, that has read nothing yet.
    pub fn new(config: ScanConfig) -> Scan {
        Scan {
            next: config.from_block,
            restored: !config.cached,
            config,
            stage: Stage::Head,
            chain_id: 0,
            end: None,
            chunk: FIRST_CHUNK,
            times: HashMap::new(),
            known: Known::default(),
            senders: HashMap::new(),
            in_flight: Vec::new(),
            gathered: Vec::new(),
            pace: Pace::default(),
            ndjson: Vec::new(),
            seen: 0,
            rejected: Vec::new(),
            kept_to: None,
            reorg: None,
            changed: false,
        }
    }

    /// What the driver does next.
    pub fn step(&mut self) -> Step {
        let (calls, what) = match &self.stage {
            Stage::Head => {
                let calls = vec![call("eth_chainId", json!([])), call("eth_blockNumber", json!([]))];
                (calls, "the chain id and the latest block".to_owned())
            }
            Stage::Restore => return Step::Restore(self.key()),
            Stage::Verify { probes, .. } => {
                let calls = probes.iter().map(|&b| call("eth_getBlockByNumber", json!([rpc::hex(b), false])));
                (calls.collect(), format!("the hashes of {} blocks read before", probes.len()))
            }
            Stage::Logs => {
                let (from, to) = self.range();
                let filter = json!({"fromBlock": rpc::hex(from), "toBlock": rpc::hex(to),
                    "address": self.config.address, "topics": [abi::TOPICS.map(|t| t.to_string())]});
                (vec![call("eth_getLogs", json!([filter]))], format!("eth_getLogs for blocks {from} to {to}"))
            }
            Stage::Details { pending, .. } => {
                let calls: Vec<Call> = pending.iter().take(self.pace.batch()).cloned().collect();
                let what = format!("{} block times and senders", calls.len());
                (calls, what)
            }
            Stage::LastBlock => {
                let end = self.end.unwrap_or(self.next);
                (vec![call("eth_getBlockByNumber", json!([rpc::hex(end), false]))], format!("block {end}"))
            }
            Stage::Done => return Step::Done,
        };
        // Calls whose answers are gathered go out a batch at a time, from the first unanswered.
        let calls: Vec<Call> = calls.into_iter().skip(self.gathered.len()).take(self.pace.batch()).collect();
        let body = rpc::body(&calls);
        self.in_flight = calls;
        Step::Send(Request { body, what, wait_ms: self.pace.take_wait() })
    }

    /// Takes the node's answer to the last request. After an error the pass starts again
    /// from the head at the first block not yet read, so a retry loses and repeats nothing.
    pub fn respond(&mut self, body: &[u8]) -> Result<(), Error> {
        let calls = std::mem::take(&mut self.in_flight);
        let result = match rpc::answers(body, calls.len()) {
            Ok(answers) => {
                self.pace.answered();
                self.take(calls, answers)
            }
            // Sent again one by one.
            Err(Unanswered::Batch(_)) if self.pace.singles() => Ok(()),
            Err(Unanswered::Batch(reason) | Unanswered::Broken(reason)) => Err(self.error(reason)),
        };
        if result.is_err() {
            self.stage = Stage::Head;
            self.gathered.clear();
        }
        result
    }

    /// The node answered the last request with an HTTP error `status` (`status_text`, its
    /// words): too many requests (429, or 503 that says when to come back) are sent again
    /// after a wait that grows, a batch refused (400, 413) again one call at a time;
    /// anything else is the error.
    pub fn refused(&mut self, status: u16, status_text: &str, retry_after: Option<u32>) -> Result<(), Error> {
        let batched = std::mem::take(&mut self.in_flight).len() > 1;
        let again = match status {
            429 => self.pace.slow_down(retry_after),
            503 if retry_after.is_some() => self.pace.slow_down(retry_after),
            400 | 413 if batched => self.pace.singles(),
            _ => false,
        };
        if again {
            return Ok(());
        }
        self.stage = Stage::Head;
        self.gathered.clear();
        let status_text = match status {
            429 => format!("{status_text} (still, after waiting)"),
            _ => status_text.to_owned(),
        };
        Err(Error::Http { source: self.config.rpc.clone(), status, status_text, retry_after })
    }

    fn take(&mut self, calls: Vec<Call>, answers: Vec<Result<Value, NodeError>>) -> Result<(), Error> {
        // A stage whose calls went out one by one waits for all of its answers.
        let asked = match &self.stage {
            Stage::Head => 2,
            Stage::Verify { probes, .. } => probes.len(),
            _ => 0,
        };
        let answers = if asked > 0 {
            self.gathered.extend(answers);
            if self.gathered.len() < asked {
                return Ok(());
            }
            std::mem::take(&mut self.gathered)
        } else {
            answers
        };
        match std::mem::replace(&mut self.stage, Stage::Done) {
            Stage::Head => self.head(&answers)?,
            Stage::Restore => self.stage = Stage::Restore,
            Stage::Verify { probes, below } => self.verify(&probes, below, &answers),
            Stage::Logs => {
                let (from, to) = self.range();
                match answers.into_iter().next() {
                    Some(Ok(Value::Array(logs))) => self.logs_arrived(logs, to),
                    Some(Err(_)) if to > from => {
                        // Nodes cap a range's blocks or logs, each in its own words: halve and retry.
                        self.chunk = (to - from).div_ceil(2).max(1);
                        self.stage = Stage::Logs;
                    }
                    Some(Err(e)) => {
                        return Err(self.error(format!("the node refused eth_getLogs for block {from}: {e}")))
                    }
                    Some(Ok(other)) => return Err(self.error(format!("eth_getLogs gave no list of logs: {other}"))),
                    None => return Err(self.error("eth_getLogs went unanswered".into())),
                }
            }
            Stage::Details { logs, to, mut pending } => {
                for (call, answer) in calls.iter().zip(answers) {
                    let result = answer.map_err(|e| self.error(format!("{} failed: {e}", call.method)))?;
                    self.detail(call, &result)?;
                }
                pending.drain(..calls.len().min(pending.len()));
                if pending.is_empty() {
                    pending = self.senders_missing(&logs);
                }
                if pending.is_empty() {
                    self.range_done(logs, to);
                } else {
                    self.stage = Stage::Details { logs, to, pending };
                }
            }
            Stage::LastBlock => {
                let end = self.end.unwrap_or(0);
                let block = answers.into_iter().next().and_then(Result::ok).unwrap_or(Value::Null);
                let hash = block.get("hash").and_then(Value::as_str);
                let hash = hash.ok_or_else(|| self.error(format!("the node has no block {end}")))?;
                self.known.insert(end, hash.to_ascii_lowercase());
                self.stage = Stage::Done;
            }
            Stage::Done => {}
        }
        Ok(())
    }

    /// The chain id and the head: the blocks this pass reads up to. A cached scan then asks
    /// for what was kept; a scan that read something before checks it first.
    fn head(&mut self, answers: &[Result<Value, NodeError>]) -> Result<(), Error> {
        let number = |answer: &Result<Value, NodeError>, what: &str| match answer {
            Ok(value) => rpc::quantity(value).ok_or_else(|| format!("the node gave no {what}: {value}")),
            Err(e) => Err(format!("the node refused to give its {what}: {e}")),
        };
        let chain_id = number(&answers[0], "chain id").map_err(|r| self.error(r))?;
        let head = number(&answers[1], "latest block").map_err(|r| self.error(r))?;
        if chain_id != self.chain_id && self.next > self.config.from_block {
            // The node now serves another chain: nothing read stands.
            self.rewind(self.config.from_block);
        }
        self.chain_id = chain_id;
        self.end = Some(self.config.to_block.map_or(head, |to| to.min(head)));
        self.verify_or_advance();
        Ok(())
    }

    fn verify_or_advance(&mut self) {
        if !self.restored {
            self.stage = Stage::Restore;
        } else if self.known.is_empty() || self.config.reorg_depth == 0 {
            self.advance();
        } else {
            let last = reorg::probes(&self.known).into_iter().take(1).collect();
            self.stage = Stage::Verify { probes: last, below: false };
        }
    }

    /// Takes what was kept under [`Step::Restore`]'s key by an earlier visit (`None`:
    /// nothing was, or it could not be read). What is not this scan's, or not whole, is
    /// ignored: the chain is then read from the start.
    pub fn restore(&mut self, kept: Option<&[u8]>) {
        self.restored = true;
        let key = self.key();
        if let Some((header, lines)) = kept.and_then(|bytes| saved::read(bytes, &key)) {
            self.kept_to = header.next.checked_sub(1).filter(|&b| b >= self.config.from_block);
            self.next = header.next.max(self.config.from_block);
            self.seen = header.seen;
            self.known = header.known;
            self.rejected = header.rejected;
            self.ndjson = lines.to_vec();
        }
        self.verify_or_advance();
    }

    /// What to keep for the next visit, under its key, once a pass is done and read
    /// something new; then `None` until another pass does.
    pub fn saved(&mut self) -> Option<(String, Vec<u8>)> {
        if !matches!(self.stage, Stage::Done) || !self.changed {
            return None;
        }
        self.changed = false;
        let (known, rejected) = (self.known.clone(), self.rejected.clone());
        let header = Header { key: self.key(), next: self.next, seen: self.seen, known, rejected };
        Some((self.key(), saved::write(&header, &self.ndjson)))
    }

    fn key(&self) -> String {
        let c = &self.config;
        saved::key(self.chain_id, &c.address, c.from_block, c.to_block)
    }

    /// The known blocks' hashes now. The last block read unchanged (one call, on every
    /// refresh) vouches for all; where it changed, the probes below it find how far, and the
    /// events of the blocks above the highest unchanged one are dropped and read again.
    fn verify(&mut self, asked: &[u64], below: bool, answers: &[Result<Value, NodeError>]) {
        let hash = |answer: &Result<Value, NodeError>| {
            answer.as_ref().ok()?.get("hash")?.as_str().map(str::to_ascii_lowercase)
        };
        let all = reorg::probes(&self.known);
        // Below the last block, whose hash is known to have changed.
        let (probes, now): (&[u64], Vec<Option<String>>) = if below {
            (&all, std::iter::once(None).chain(answers.iter().map(hash)).collect())
        } else {
            (asked, answers.iter().map(hash).collect())
        };
        let floor = self.next.saturating_sub(self.config.reorg_depth).max(self.config.from_block);
        match reorg::first_changed(&self.known, probes, &now, floor) {
            None => {}
            Some(_) if !below && all.len() > 1 => {
                self.stage = Stage::Verify { probes: all[1..].to_vec(), below: true };
                return;
            }
            Some(first) => {
                self.reorg = Some(Reorg { from_block: first, to_block: self.next.saturating_sub(1) });
                self.rewind(first);
            }
        }
        self.advance();
    }

    /// Drops what was read from block `first` on (event lines, rejected logs, hashes), to
    /// read it again.
    fn rewind(&mut self, first: u64) {
        let mut cut = self.ndjson.len();
        for line in self.ndjson[..cut].rsplit(|&b| b == b'\n').filter(|l| !l.is_empty()) {
            let block = serde_json::from_slice::<Value>(line).ok().and_then(|v| v.get("block")?.as_u64());
            if block.is_some_and(|b| b < first) {
                break;
            }
            cut = line.as_ptr() as usize - self.ndjson.as_ptr() as usize;
        }
        self.ndjson.truncate(cut);
        self.rejected.retain(|r| r.block < first);
        self.known.retain(|b| b < first);
        let lines = memchr::memchr_iter(b'\n', &self.ndjson).count() as u64;
        self.seen = lines + self.rejected.len() as u64;
        let below = first.checked_sub(1).filter(|&b| b >= self.config.from_block);
        self.kept_to = self.kept_to.and_then(|kept| below.map(|b| b.min(kept)));
        self.next = first;
        self.changed = true;
    }

    /// Starts a pass over the blocks added since the last one; `false` when the scan
    /// reached its `to_block` and will read no more.
    pub fn refresh(&mut self) -> bool {
        let reached = self.config.to_block.is_some_and(|to| self.next > to);
        if matches!(self.stage, Stage::Done) && !reached {
            self.stage = Stage::Head;
        }
        !reached
    }

    /// Blocks scanned and blocks to scan in this scan (`None` before the head is known).
    pub fn progress(&self) -> (u64, Option<u64>) {
        let from = self.config.from_block;
        (self.next.saturating_sub(from), self.end.map(|end| (end + 1).saturating_sub(from)))
    }

    /// Blocks kept from an earlier visit and not read again.
    pub fn kept(&self) -> u64 {
        self.kept_to.map_or(0, |to| to + 1 - self.config.from_block)
    }

    /// The events read so far, one NDJSON line each (docs/inputs.md#events), in chain order.
    pub fn ndjson(&self) -> &[u8] {
        &self.ndjson
    }

    /// Hands over the event lines written since the last call (the command line writes
    /// them as they come, when nothing is kept and no reorganisation can take them back).
    pub fn drain_ndjson(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.ndjson)
    }

    /// Logs that are not inference events, as rejected rows.
    pub fn problems(&self) -> Problems {
        let mut problems = Problems::default();
        for r in &self.rejected {
            problems.rows_read += 1;
            problems.reject(r.line, "log", || r.reason.clone());
        }
        problems
    }

    /// Where the figures come from, once a pass is done: the blocks it read up to and the
    /// hash of the last one (`to_block` < `from_block` when the chain has not reached
    /// `from_block` yet), what was kept from an earlier visit and the last reorganisation.
    pub fn provenance(&self) -> Option<ChainProvenance> {
        if !matches!(self.stage, Stage::Done) {
            return None;
        }
        let end = self.end?;
        Some(ChainProvenance {
            chain_id: self.chain_id,
            address: self.config.address.clone(),
            from_block: self.config.from_block,
            to_block: end,
            last_block_hash: self.known.get(end)?.to_owned(),
            kept_to_block: self.kept_to,
            reorg: self.reorg,
        })
    }

    /// The block range of the next `eth_getLogs`.
    fn range(&self) -> (u64, u64) {
        let end = self.end.unwrap_or(self.next);
        (self.next, end.min(self.next.saturating_add(self.chunk - 1)))
    }

    /// After a range is done: the next range, or the last block's hash, or done.
    fn advance(&mut self) {
        let end = self.end.unwrap_or(0);
        // Hashes deeper than a reorganisation is looked for are not needed again.
        let floor = self.next.saturating_sub(self.config.reorg_depth.saturating_add(1));
        self.known.retain(|b| b >= floor || b == end);
        self.stage = if self.next <= end {
            Stage::Logs
        } else if self.known.get(end).is_some() {
            Stage::Done
        } else {
            Stage::LastBlock
        };
    }

    /// The logs of blocks up to `to`: what they need fetched first, if anything.
    fn logs_arrived(&mut self, logs: Vec<Value>, to: u64) {
        let mut raw = Vec::with_capacity(logs.len());
        let mut pending = Vec::new();
        let mut blocks = HashSet::new();
        for log in logs.iter().filter(|l| l.get("removed") != Some(&Value::Bool(true))) {
            let Some(parsed) = parse_log(log) else {
                let block = log.get("blockNumber").and_then(rpc::quantity).unwrap_or(to);
                self.reject(block, || format!("the node gave a log without its fields: {log}"));
                continue;
            };
            // The whole block, for its time and its transactions' senders.
            if blocks.insert(parsed.block) {
                pending.push(call("eth_getBlockByNumber", json!([rpc::hex(parsed.block), true])));
            }
            raw.push(parsed);
        }
        if pending.is_empty() {
            self.range_done(raw, to);
        } else {
            self.stage = Stage::Details { logs: raw, to, pending };
        }
    }

    /// A call for each transaction of `logs` whose sender its block did not give. After
    /// these, none is missing: a transaction answered without a sender is an error.
    fn senders_missing(&self, logs: &[RawLog]) -> Vec<Call> {
        let mut asked = HashSet::new();
        logs.iter()
            .filter(|log| !self.senders.contains_key(&log.tx) && asked.insert(&log.tx))
            .map(|log| call("eth_getTransactionByHash", json!([log.tx])))
            .collect()
    }

    /// The logs of blocks up to `to` have all they need: they become event lines.
    fn range_done(&mut self, logs: Vec<RawLog>, to: u64) {
        self.write(logs);
        self.next = to + 1;
        self.changed = true;
        self.advance();
    }

    /// Keeps what a block or transaction answer says.
    fn detail(&mut self, call: &Call, result: &Value) -> Result<(), Error> {
        let key = call.params[0].as_str().unwrap_or_default().to_owned();
        if call.method == "eth_getBlockByNumber" {
            let time = result.get("timestamp").and_then(rpc::quantity);
            let hash = result.get("hash").and_then(Value::as_str);
            let (Some(time), Some(hash), Some(number)) = (time, hash, rpc::quantity(&call.params[0])) else {
                return Err(self.error(format!("block {key}: the node gave no timestamp and hash: {result}")));
            };
            self.times.insert(number, time);
            self.known.insert(number, hash.to_ascii_lowercase());
            // Transactions as objects give their senders; as hashes (a node that will not give
            // whole blocks), nothing: they are asked for one by one.
            let transactions = result.get("transactions").and_then(Value::as_array).into_iter().flatten();
            for tx in transactions {
                if let (Some(hash), Some(from)) =
                    (tx.get("hash").and_then(Value::as_str), tx.get("from").and_then(Value::as_str))
                {
                    self.senders.insert(hash.to_ascii_lowercase(), from.to_ascii_lowercase());
                }
            }
        } else {
            let from = result.get("from").and_then(Value::as_str);
            let from = from.ok_or_else(|| self.error(format!("transaction {key}: the node gave no sender")))?;
            self.senders.insert(key, from.to_ascii_lowercase());
        }
        Ok(())
    }

    /// Writes each log as an event line, or counts it as a rejected row.
    fn write(&mut self, logs: Vec<RawLog>) {
        for log in logs {
            let inference = match abi::decode(&log.topics, &log.data) {
                Ok(inference) => inference,
                Err(reason) => {
                    let at = format!("block {}, transaction {}, log {}", log.block, log.tx, log.index);
                    self.reject(log.block, || format!("{at}: not an inference event: {reason}"));
                    continue;
                }
            };
            self.seen += 1;
            let ts = self.times.get(&log.block).copied().unwrap_or(0);
            let caller = self.senders.get(&log.tx).cloned().unwrap_or_default();
            let mut event = json!({"ts": ts, "model": inference.model, "caller": caller, "mode": inference.mode,
                "kind": inference.kind, "block": log.block, "tx": log.tx, "log_index": log.index});
            if let Some(units) = inference.units {
                event["units"] = units.into();
            }
            if inference.mode == "other" {
                event["mode_code"] = inference.mode_code.into();
            }
            self.ndjson.extend_from_slice(event.to_string().as_bytes());
            self.ndjson.push(b'\n');
        }
        self.senders.clear();
        self.times.clear();
    }

    /// Counts a log of `block` that is not an event as a rejected row.
    fn reject(&mut self, block: u64, reason: impl FnOnce() -> String) {
        self.seen += 1;
        // Only the first few reasons are ever shown (Problems): the others are counted.
        let reason = if self.rejected.len() < KEPT_PROBLEMS { crate::text::bounded(reason()) } else { String::new() };
        self.rejected.push(Rejected { block, line: self.seen, reason });
    }

    fn error(&self, reason: String) -> Error {
        Error::Network { source: self.config.rpc.clone(), reason }
    }
}

fn call(method: &'static str, params: Value) -> Call {
    Call { method, params }
}

/// A log's block, transaction, index, topics and data, if the node gave them all.
fn parse_log(log: &Value) -> Option<RawLog> {
    let topics = log.get("topics")?.as_array()?.iter().map(|t| t.as_str()?.parse().ok()).collect::<Option<_>>()?;
    let data = log.get("data")?.as_str()?;
    Some(RawLog {
        block: rpc::quantity(log.get("blockNumber")?)?,
        tx: log.get("transactionHash")?.as_str()?.to_ascii_lowercase(),
        index: rpc::quantity(log.get("logIndex")?)?,
        topics,
        data: alloy_primitives::hex::decode(data).ok()?,
    })
}
