//! The chain source as a state machine that does no I/O: it says which JSON-RPC request
//! to send next and takes the node's answer. The browser (fetch) and the command line (a
//! blocking client) drive the same logic, and tests drive it with canned answers.
//!
//! One pass: the chain id and head; `eth_getLogs` over block ranges (halved when the node
//! refuses one); each block that has logs, with its transactions (one call a block gives
//! its timestamp and the senders: a call per transaction would be one per inference); a
//! transaction whose sender the block did not give (a node that answers with hashes alone)
//! is asked for on its own; then each log becomes one NDJSON event line. All of it batched.
//! A later pass (`refresh`) scans only the blocks that are new.

use super::abi;
use super::rpc::{self, Call, NodeError};
use crate::error::Error;
use crate::problems::Problems;
use crate::provenance::ChainProvenance;
use alloy_primitives::B256;
use hashbrown::{HashMap, HashSet};
use serde_json::{json, Value};

/// OpenGradient's inference precompile, where the events are emitted.
pub const PRECOMPILE: &str = "0x00000000000000000000000000000000000000f4";

/// Blocks asked for in the first `eth_getLogs`; halved each time the node refuses.
pub const FIRST_CHUNK: u64 = 10_000;

/// Calls per batched request.
const BATCH: usize = 100;

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
        Ok(ScanConfig { rpc, from_block, to_block, address })
    }
}

/// A 20-byte hex address, lowercased.
fn contract(text: &str) -> Result<String, Error> {
    let t = text.trim().to_ascii_lowercase();
    match t.strip_prefix("0x") {
        Some(hex) if hex.len() == 40 && hex.bytes().all(|b| b.is_ascii_hexdigit()) => Ok(t),
        _ => Err(Error::Inputs(format!("address must be a contract address as 0x and 40 hex digits, not {text:?}"))),
    }
}

/// A request to send: a JSON-RPC body, and what it asks for, for messages.
pub struct Request {
    pub body: Vec<u8>,
    pub what: String,
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
    /// Block number → (timestamp, hash), for the blocks that had logs.
    blocks: HashMap<u64, (u64, String)>,
    /// Transaction hash → sender, for the range being read (cleared once it is written).
    senders: HashMap<String, String>,
    /// The calls of the request handed out and not answered yet.
    in_flight: Vec<Call>,
    ndjson: Vec<u8>,
    /// Logs seen, so that a rejected one has a place (its "line").
    seen: u64,
    /// Logs that are not events: their rows are read and rejected here, while every event
    /// line is counted when it is parsed.
    problems: Problems,
    last_hash: Option<String>,
}

impl Scan {
    /// A scan of what `config` names, that has read nothing yet.
    pub fn new(config: ScanConfig) -> Scan {
        Scan {
            next: config.from_block,
            config,
            stage: Stage::Head,
            chain_id: 0,
            end: None,
            chunk: FIRST_CHUNK,
            blocks: HashMap::new(),
            senders: HashMap::new(),
            in_flight: Vec::new(),
            ndjson: Vec::new(),
            seen: 0,
            problems: Problems::default(),
            last_hash: None,
        }
    }

    /// The next request to send, or `None` when the pass is done.
    pub fn request(&mut self) -> Option<Request> {
        let (calls, what) = match &self.stage {
            Stage::Head => {
                let calls = vec![call("eth_chainId", json!([])), call("eth_blockNumber", json!([]))];
                (calls, "the chain id and the latest block".to_owned())
            }
            Stage::Logs => {
                let (from, to) = self.range();
                let filter = json!({"fromBlock": rpc::hex(from), "toBlock": rpc::hex(to),
                    "address": self.config.address, "topics": [abi::TOPICS.map(|t| t.to_string())]});
                (vec![call("eth_getLogs", json!([filter]))], format!("eth_getLogs for blocks {from} to {to}"))
            }
            Stage::Details { pending, .. } => {
                let calls: Vec<Call> = pending.iter().take(BATCH).cloned().collect();
                let what = format!("{} block times and senders", calls.len());
                (calls, what)
            }
            Stage::LastBlock => {
                let end = self.end.unwrap_or(self.next);
                (vec![call("eth_getBlockByNumber", json!([rpc::hex(end), false]))], format!("block {end}"))
            }
            Stage::Done => return None,
        };
        let body = rpc::body(&calls);
        self.in_flight = calls;
        Some(Request { body, what })
    }

    /// Takes the node's answer to the last request. After an error the pass starts again
    /// from the head at the first block not yet read, so a retry loses and repeats nothing.
    pub fn respond(&mut self, body: &[u8]) -> Result<(), Error> {
        let result = self.take(body);
        if result.is_err() {
            self.stage = Stage::Head;
        }
        result
    }

    fn take(&mut self, body: &[u8]) -> Result<(), Error> {
        let calls = std::mem::take(&mut self.in_flight);
        let answers = rpc::answers(body, calls.len()).map_err(|reason| self.error(reason))?;
        match std::mem::replace(&mut self.stage, Stage::Done) {
            Stage::Head => {
                let number = |answer: &Result<Value, NodeError>, what: &str| match answer {
                    Ok(value) => rpc::quantity(value).ok_or_else(|| format!("the node gave no {what}: {value}")),
                    Err(e) => Err(format!("the node refused to give its {what}: {e}")),
                };
                self.chain_id = number(&answers[0], "chain id").map_err(|r| self.error(r))?;
                let head = number(&answers[1], "latest block").map_err(|r| self.error(r))?;
                self.end = Some(self.config.to_block.map_or(head, |to| to.min(head)));
                self.advance();
            }
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
                let block = answers.into_iter().next().and_then(Result::ok).unwrap_or(Value::Null);
                let hash = block.get("hash").and_then(Value::as_str);
                let hash =
                    hash.ok_or_else(|| self.error(format!("the node has no block {}", self.end.unwrap_or(0))))?;
                self.last_hash = Some(hash.to_owned());
                self.stage = Stage::Done;
            }
            Stage::Done => {}
        }
        Ok(())
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

    /// The events read so far, one NDJSON line each (docs/inputs.md#events), in chain order.
    pub fn ndjson(&self) -> &[u8] {
        &self.ndjson
    }

    /// Hands over the event lines written since the last call (the command line writes
    /// them as they come).
    pub fn drain_ndjson(&mut self) -> Vec<u8> {
        std::mem::take(&mut self.ndjson)
    }

    /// Logs that are not inference events, as rejected rows.
    pub fn problems(&self) -> &Problems {
        &self.problems
    }

    /// Where the figures come from, once a pass is done: the blocks it read up to and the
    /// hash of the last one (`to_block` < `from_block` when the chain has not reached
    /// `from_block` yet).
    pub fn provenance(&self) -> Option<ChainProvenance> {
        if !matches!(self.stage, Stage::Done) {
            return None;
        }
        Some(ChainProvenance {
            chain_id: self.chain_id,
            address: self.config.address.clone(),
            from_block: self.config.from_block,
            to_block: self.end?,
            last_block_hash: self.last_hash.clone()?,
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
        self.stage = if self.next <= end {
            Stage::Logs
        } else if let Some((_, hash)) = self.blocks.get(&end) {
            self.last_hash = Some(hash.clone());
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
                self.reject(|| format!("the node gave a log without its fields: {log}"));
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
            self.blocks.insert(number, (time, hash.to_owned()));
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
                    self.reject(|| format!("{at}: not an inference event: {reason}"));
                    continue;
                }
            };
            self.seen += 1;
            let ts = self.blocks.get(&log.block).map_or(0, |b| b.0);
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
    }

    /// Counts a log that is not an event as a rejected row.
    fn reject(&mut self, reason: impl FnOnce() -> String) {
        self.seen += 1;
        self.problems.rows_read += 1;
        self.problems.reject(self.seen, "log", reason);
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
