//! The scan against a node simulated in memory: range limits, batching, refresh, logs that
//! are not events, a node that fails, refuses batches or asks to slow down, what is kept
//! between visits, and reorganisations.

use super::abi::InferencePrecompile as Abi;
use super::scan::PRECOMPILE;
use super::*;
use crate::dataset::Dataset;
use crate::metrics::ReportOptions;
use crate::provenance::Origin;
use alloy_primitives::LogData;
use alloy_sol_types::SolEvent;
use serde_json::{json, Value};

const ADDRESS: &str = PRECOMPILE;

/// A node that knows some logs; `max_range`: it refuses `eth_getLogs` over more blocks.
#[derive(Clone)]
struct Node {
    head: u64,
    max_range: u64,
    /// (block, transaction, sender, log)
    logs: Vec<(u64, String, String, LogData)>,
    refuse_everything: bool,
    /// Blocks come with their transactions' hashes alone, never their senders.
    hashes_only: bool,
    /// Blocks from `.0` on are another chain's: their hashes differ by `.1`.
    fork: Option<(u64, u64)>,
    /// A batch is answered with one error object.
    no_batches: bool,
    /// Requests still to answer with HTTP 429.
    too_many: u32,
    requests: usize,
    /// The method of every call asked, in order.
    methods: Vec<String>,
    /// The calls in each request.
    sizes: Vec<usize>,
    /// The first block of each `eth_getLogs`.
    logs_from: Vec<u64>,
}

impl Node {
    /// The body of the answer, or the HTTP status of a refusal.
    fn answer(&mut self, body: &[u8]) -> Result<Vec<u8>, u16> {
        self.requests += 1;
        if self.too_many > 0 {
            self.too_many -= 1;
            return Err(429);
        }
        let request: Value = serde_json::from_slice(body).unwrap();
        let calls = match request {
            Value::Array(calls) => calls,
            one => vec![one],
        };
        self.sizes.push(calls.len());
        if self.no_batches && calls.len() > 1 {
            return Ok(
                br#"{"jsonrpc":"2.0","id":null,"error":{"code":-32600,"message":"batch requests are not supported"}}"#
                    .to_vec(),
            );
        }
        self.methods.extend(calls.iter().map(|c| c["method"].as_str().unwrap_or_default().to_owned()));
        let from = calls.iter().filter(|c| c["method"] == "eth_getLogs").map(|c| &c["params"][0]["fromBlock"]);
        self.logs_from.extend(from.filter_map(super::rpc::quantity));
        let answers: Vec<Value> = calls.iter().map(|c| self.call(c)).collect();
        let value = if answers.len() == 1 { answers[0].clone() } else { Value::Array(answers) };
        Ok(value.to_string().into_bytes())
    }

    fn hash(&self, n: u64) -> String {
        let salt = self.fork.filter(|&(from, _)| n >= from).map_or(0, |(_, salt)| salt);
        format!("0x{:064x}", n + (salt << 32))
    }

    fn call(&self, call: &Value) -> Value {
        let id = call["id"].clone();
        let p = &call["params"];
        let q = |v: &Value| u64::from_str_radix(v.as_str().unwrap().trim_start_matches("0x"), 16).unwrap();
        let result = match call["method"].as_str().unwrap() {
            _ if self.refuse_everything => {
                return json!({"jsonrpc":"2.0","id":id,"error":{"code":-32603,"message":"internal error"}})
            }
            "eth_chainId" => json!("0x539"),
            "eth_getBlockByNumber" if q(&p[0]) > self.head => Value::Null,
            "eth_blockNumber" => json!(format!("{:#x}", self.head)),
            "eth_getLogs" => {
                let (from, to) = (q(&p[0]["fromBlock"]), q(&p[0]["toBlock"]));
                if to - from + 1 > self.max_range {
                    return json!({"jsonrpc":"2.0","id":id,"error":{"code":-32005,"message":"block range too large"}});
                }
                let logs: Vec<Value> = self
                    .logs
                    .iter()
                    .enumerate()
                    .filter(|(_, (b, ..))| (from..=to).contains(b))
                    .map(|(i, (b, tx, _, log))| {
                        json!({"address": ADDRESS, "blockNumber": format!("{b:#x}"), "transactionHash": tx,
                           "logIndex": format!("{i:#x}"), "removed": false,
                           "topics": log.topics().iter().map(|t| t.to_string()).collect::<Vec<_>>(),
                           "data": format!("0x{}", alloy_primitives::hex::encode(&log.data))})
                    })
                    .collect();
                Value::Array(logs)
            }
            "eth_getBlockByNumber" => {
                let n = q(&p[0]);
                let mut block = json!({"number": p[0], "timestamp": format!("{:#x}", 1_772_323_200 + n * 3_600),
                    "hash": self.hash(n)});
                // Asked for whole, a block lists its transactions (a hash and a sender each,
                // one more that has no log), else their hashes.
                let mut txs: Vec<(String, String)> =
                    self.logs.iter().filter(|l| l.0 == n).map(|l| (l.1.clone(), l.2.clone())).collect();
                txs.push((format!("0x{:064x}", 1_000 + n), "0x00000000000000000000000000000000000000aa".into()));
                block["transactions"] = match p[1].as_bool() {
                    Some(true) if !self.hashes_only => txs.iter().map(|(h, f)| json!({"hash": h, "from": f})).collect(),
                    _ => txs.iter().map(|(h, _)| json!(h)).collect(),
                };
                block
            }
            "eth_getTransactionByHash" => {
                let tx = p[0].as_str().unwrap();
                let from = self.logs.iter().find(|l| l.1 == tx).map(|l| l.2.clone()).unwrap();
                json!({"hash": tx, "from": from})
            }
            other => panic!("unexpected {other}"),
        };
        json!({"jsonrpc": "2.0", "id": id, "result": result})
    }
}

fn completion(model: &str, mode: u8, max_tokens: u32) -> LogData {
    Abi::LLMCompletionEvent {
        inferenceID: "i".into(),
        request: Abi::LLMCompletionRequest {
            mode,
            modelCID: model.into(),
            prompt: "p".into(),
            max_tokens,
            stop_sequence: vec!["\n".into()],
            temperature: 0,
        },
        response: Abi::LLMCompletionResponse { answer: "a".into() },
    }
    .encode_log_data()
}

fn inference(model: &str, mode: u8) -> LogData {
    let empty = Abi::ModelInput { numbers: vec![], strings: vec![] };
    Abi::ModelInferenceEvent {
        inferenceID: "j".into(),
        request: Abi::ModelInferenceRequest { mode, modelCID: model.into(), input: empty },
        response: Abi::ModelOutput { numbers: vec![], strings: vec![], jsons: vec![], is_simulation_result: false },
    }
    .encode_log_data()
}

fn node() -> Node {
    let tx = |n: u32| format!("0x{n:064x}");
    let garbage = LogData::new_unchecked(completion("x", 0, 1).topics().to_vec(), vec![1, 2, 3].into());
    Node {
        head: 40,
        max_range: 7,
        logs: vec![
            (3, tx(1), "0xAAAA000000000000000000000000000000000001".into(), inference("QmModelA", 2)),
            (3, tx(2), "0xaaaa000000000000000000000000000000000002".into(), inference("QmModelA", 1)),
            (10, tx(3), "0xaaaa000000000000000000000000000000000001".into(), completion("llama", 1, 512)),
            (27, tx(4), "0xaaaa000000000000000000000000000000000003".into(), completion("llama", 0, 64)),
            (27, tx(5), "0xaaaa000000000000000000000000000000000003".into(), garbage),
            (30, tx(6), "0xaaaa000000000000000000000000000000000002".into(), inference("QmModelB", 9)),
        ],
        refuse_everything: false,
        hashes_only: false,
        fork: None,
        no_batches: false,
        too_many: 0,
        requests: 0,
        methods: Vec::new(),
        sizes: Vec::new(),
        logs_from: Vec::new(),
    }
}

fn config(to_block: Option<u64>) -> ScanConfig {
    ScanConfig { cached: false, ..ScanConfig::new("http://node".into(), 0, to_block, None).unwrap() }
}

fn cached() -> ScanConfig {
    ScanConfig { cached: true, ..config(None) }
}

/// Runs a pass; the waits asked for, in order.
fn run(scan: &mut Scan, node: &mut Node) -> Result<Vec<u64>, crate::error::Error> {
    run_kept(scan, node, &mut None)
}

/// Runs a pass with `kept` as the store: what an earlier visit kept is given to the scan,
/// and what it keeps is put there.
fn run_kept(scan: &mut Scan, node: &mut Node, kept: &mut Option<Vec<u8>>) -> Result<Vec<u64>, crate::error::Error> {
    let mut waits = Vec::new();
    loop {
        match scan.step() {
            Step::Send(request) => {
                waits.push(request.wait_ms);
                match node.answer(&request.body) {
                    Ok(answer) => scan.respond(&answer)?,
                    Err(status) => scan.refused(status, "Too Many Requests", None)?,
                }
            }
            Step::Restore(_) => scan.restore(kept.as_deref()),
            Step::Done => break,
        }
    }
    if let Some((_, bytes)) = scan.saved() {
        *kept = Some(bytes);
    }
    Ok(waits)
}

/// The event lines of a full read of what `node` holds now.
fn fresh(node: &Node) -> Vec<u8> {
    let (mut node, mut scan) = (Node { too_many: 0, ..node.clone() }, Scan::new(config(None)));
    run(&mut scan, &mut node).unwrap();
    scan.ndjson().to_vec()
}

#[test]
fn logs_become_events_with_block_times_senders_and_modes() {
    let (mut node, mut scan) = (node(), Scan::new(config(None)));
    run(&mut scan, &mut node).unwrap();
    let lines: Vec<Value> = scan
        .ndjson()
        .split(|&b| b == b'\n')
        .filter(|l| !l.is_empty())
        .map(|l| serde_json::from_slice(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 5);
    assert_eq!(lines[0]["caller"], "0xaaaa000000000000000000000000000000000001", "senders are lowercased");
    assert_eq!((&lines[0]["mode"], &lines[1]["mode"]), (&json!("tee"), &json!("zkml")), "ML: 1 = zkml, 2 = tee");
    assert_eq!(
        (&lines[2]["mode"], &lines[2]["units"], &lines[2]["kind"]),
        (&json!("tee"), &json!(512), &json!("llm_completion"))
    );
    assert_eq!(lines[2]["ts"], 1_772_323_200 + 10 * 3_600);
    assert_eq!((&lines[4]["mode"], &lines[4]["mode_code"]), (&json!("other"), &json!(9)));
    assert_eq!(scan.problems().rows_rejected, 1, "the log that does not decode");
    assert!(scan.problems().problems[0].reason.starts_with("block 27, transaction 0x"));
    assert_eq!(scan.progress(), (41, Some(41)));
    let p = scan.provenance().unwrap();
    assert_eq!((p.chain_id, p.from_block, p.to_block), (1337, 0, 40));
    assert_eq!(p.last_block_hash, format!("0x{:064x}", 40));
}

#[test]
fn senders_come_with_their_blocks_and_one_by_one_only_from_a_node_that_gives_hashes() {
    let count = |node: &Node, method: &str| node.methods.iter().filter(|m| *m == method).count();
    let (mut whole, mut scan) = (node(), Scan::new(config(None)));
    run(&mut scan, &mut whole).unwrap();
    // Six logs in four blocks: a call a block (and one for the last block's hash), none a transaction.
    assert_eq!(count(&whole, "eth_getBlockByNumber"), 5);
    assert_eq!(count(&whole, "eth_getTransactionByHash"), 0);
    let (mut hashes, mut fallback) = (node(), Scan::new(config(None)));
    hashes.hashes_only = true;
    run(&mut fallback, &mut hashes).unwrap();
    assert_eq!(count(&hashes, "eth_getTransactionByHash"), 6, "each transaction with a log, once");
    assert_eq!(fallback.ndjson(), scan.ndjson(), "the same events, senders and all");
}

#[test]
fn a_node_that_refuses_large_ranges_gets_halved_ranges() {
    let (mut node, mut scan) = (node(), Scan::new(config(None)));
    node.max_range = 3;
    run(&mut scan, &mut node).unwrap();
    assert_eq!(scan.ndjson().iter().filter(|&&b| b == b'\n').count(), 5);
    node.max_range = 0;
    let mut scan = Scan::new(config(None));
    let err = run(&mut scan, &mut node).unwrap_err().to_string();
    assert_eq!(
        err,
        "http://node: could not fetch: the node refused eth_getLogs for block 0: block range too large (code -32005)"
    );
}

#[test]
fn a_refresh_reads_only_the_new_blocks() {
    let (mut node, mut scan) = (node(), Scan::new(config(None)));
    node.head = 20;
    run(&mut scan, &mut node).unwrap();
    assert_eq!(scan.ndjson().iter().filter(|&&b| b == b'\n').count(), 3);
    node.head = 40;
    let before = node.requests;
    assert!(scan.refresh());
    run(&mut scan, &mut node).unwrap();
    assert_eq!(scan.ndjson().iter().filter(|&&b| b == b'\n').count(), 5);
    assert!(node.requests - before < 12, "blocks 21–40 only: {} requests", node.requests - before);
    let mut bounded = Scan::new(config(Some(5)));
    run(&mut bounded, &mut node).unwrap();
    assert!(!bounded.refresh(), "a scan with a to-block is finished");
    assert!(matches!(bounded.step(), Step::Done));
}

#[test]
fn the_report_from_the_chain_is_the_report_of_its_event_lines() {
    let (mut node, mut scan) = (node(), Scan::new(config(None)));
    run(&mut scan, &mut node).unwrap();
    let origin = Origin { source: "http://node".into(), fetched_at: String::new() };
    let data = Dataset::from_chain(&scan, origin, None, crate::input::Limits::default()).unwrap();
    let chain = data.report(&ReportOptions::default()).unwrap();
    let lines = Dataset::from_events("events.ndjson", scan.ndjson()).unwrap();
    let lines = lines.report(&ReportOptions::default()).unwrap();
    assert_eq!((chain.events, chain.models_active, chain.callers), (lines.events, 3, Some(3)));
    assert_eq!((chain.by_mode.tee, chain.by_mode.zkml, chain.by_mode.vanilla), (2, 1, 1));
    assert_eq!((chain.input.rows_read, chain.input.rows_rejected), (6, 1));
    assert_eq!(chain.input.sources[0].input, "chain");
    assert_eq!(chain.input.sources[0].chain.as_ref().map(|c| c.to_block), Some(40));
    assert_eq!((chain.daily.clone(), chain.models.clone()), (lines.daily, lines.models));
}

#[test]
fn a_failing_node_is_a_clear_error() {
    let (mut node, mut scan) = (node(), Scan::new(config(None)));
    node.refuse_everything = true;
    let err = run(&mut scan, &mut node).unwrap_err().to_string();
    assert_eq!(
        err,
        "http://node: could not fetch: the node refused to give its chain id: internal error (code -32603)"
    );
    let config = |address: &str| ScanConfig::new("http://node".into(), 0, None, Some(address)).map(|c| c.address);
    assert!(config("0xF4").is_err());
    assert_eq!(config(" 0x00000000000000000000000000000000000000F4 ").unwrap(), PRECOMPILE);
    assert!(ScanConfig::new("http://node".into(), 5, Some(4), None).is_err(), "to-block before from-block");
}

#[test]
fn a_from_block_past_the_head_reads_nothing_yet_and_says_so() {
    let (mut node, mut scan) = (node(), Scan::new(ScanConfig { from_block: 100, ..config(None) }));
    run(&mut scan, &mut node).unwrap();
    assert!(scan.ndjson().is_empty());
    assert_eq!(scan.progress(), (0, Some(0)));
    assert_eq!(scan.provenance().map(|p| (p.from_block, p.to_block)), Some((100, 40)));
    node.head = 120;
    assert!(scan.refresh());
    run(&mut scan, &mut node).unwrap();
    assert_eq!(scan.provenance().map(|p| p.to_block), Some(120));
}

#[test]
fn a_node_that_refuses_batches_gets_single_calls_paced() {
    let (mut node, mut scan) = (node(), Scan::new(config(None)));
    node.no_batches = true;
    let waits = run(&mut scan, &mut node).unwrap();
    assert_eq!(scan.ndjson(), fresh(&node), "the same events");
    assert_eq!(node.sizes[0], 2, "the first request is a batch, refused");
    assert!(node.sizes[1..].iter().all(|&n| n == 1), "then one call a request: {:?}", node.sizes);
    assert!(waits[1..].iter().all(|&w| w == super::pace::PACE_MS), "paced: {waits:?}");
}

#[test]
fn too_many_requests_are_waited_out_longer_each_time() {
    let (mut node, mut scan) = (node(), Scan::new(config(None)));
    node.too_many = 3;
    let waits = run(&mut scan, &mut node).unwrap();
    assert_eq!(scan.ndjson(), fresh(&node));
    assert_eq!(waits[..4], [0, 1_000, 2_000, 4_000]);
    assert!(waits[4..].iter().all(|&w| w == 0), "batched again at full speed once answered");
    let (mut node, mut scan) = (node, Scan::new(config(None)));
    node.too_many = 100;
    let err = run(&mut scan, &mut node).unwrap_err().to_string();
    assert_eq!(err, "http://node: the server answered HTTP 429 Too Many Requests (still, after waiting)");
}

/// The node after a reorganisation from block 27: its blocks have other hashes, and its
/// inferences are others.
fn reorganised(mut node: Node) -> Node {
    node.fork = Some((27, 1));
    node.logs.retain(|l| l.0 < 27);
    let tx = |n: u32| format!("0x{n:064x}");
    node.logs.push((28, tx(7), "0xaaaa000000000000000000000000000000000004".into(), inference("QmModelC", 0)));
    node.logs.push((33, tx(8), "0xaaaa000000000000000000000000000000000004".into(), completion("llama", 1, 8)));
    node
}

#[test]
fn a_reorganisation_drops_the_replaced_blocks_events_and_reads_them_again() {
    let (mut node, mut scan) = (node(), Scan::new(config(None)));
    run(&mut scan, &mut node).unwrap();
    assert_eq!(scan.provenance().unwrap().reorg, None);
    let mut node = reorganised(node);
    node.head = 45;
    let (before, logs_before) = (node.methods.len(), node.logs_from.len());
    assert!(scan.refresh());
    run(&mut scan, &mut node).unwrap();
    assert_eq!(scan.ndjson(), fresh(&node), "exactly the new chain's events");
    let p = scan.provenance().unwrap();
    assert_eq!(p.last_block_hash, node.hash(45));
    // Known: blocks 3, 10, 27, 30 and 40; asked 40 (changed), then 30, 27 (changed) and 3.
    assert_eq!(p.reorg, Some(crate::provenance::Reorg { from_block: 4, to_block: 40 }));
    let problems = scan.problems();
    assert_eq!((problems.rows_read, problems.rows_rejected), (0, 0), "the bad log of block 27 is gone with it");
    assert!(node.logs_from[logs_before..].iter().all(|&b| b >= 4), "from block 4 on: {:?}", node.logs_from);
    let probes = node.methods[before..].iter().filter(|m| *m == "eth_getBlockByNumber").count();
    assert_eq!(probes, 4 + 3 + 1, "four hashes checked, blocks 10, 28 and 33 with logs, the last block");
    let (before, logs_before) = (node.methods.len(), node.logs_from.len());
    // Unchanged since: the last block's hash alone is asked for, and nothing is read again.
    assert!(scan.refresh());
    run(&mut scan, &mut node).unwrap();
    assert_eq!(scan.ndjson(), fresh(&node));
    assert_eq!(node.methods[before..], ["eth_chainId", "eth_blockNumber", "eth_getBlockByNumber"]);
    assert_eq!(node.logs_from.len(), logs_before);
}

#[test]
fn a_reorganisation_deeper_than_the_depth_looked_at_is_not_looked_for() {
    let (mut node, mut scan) = (node(), Scan::new(ScanConfig { reorg_depth: 0, ..config(None) }));
    run(&mut scan, &mut node).unwrap();
    let mut node = reorganised(node);
    node.head = 45;
    assert!(scan.refresh());
    run(&mut scan, &mut node).unwrap();
    assert_eq!(scan.provenance().unwrap().reorg, None);
    assert_ne!(scan.ndjson(), fresh(&node), "depth 0: blocks are final once read");
}

#[test]
fn a_cached_scan_reads_only_the_blocks_added_since_the_last_visit() {
    let mut kept = None;
    let (mut node, mut first) = (node(), Scan::new(cached()));
    node.head = 20;
    run_kept(&mut first, &mut node, &mut kept).unwrap();
    assert!(kept.is_some());
    node.head = 40;
    let logs_before = node.logs_from.len();
    let mut again = Scan::new(cached());
    run_kept(&mut again, &mut node, &mut kept).unwrap();
    assert_eq!(again.ndjson(), fresh(&node), "the kept events and the new ones");
    assert_eq!(again.kept(), 21);
    let p = again.provenance().unwrap();
    assert_eq!((p.kept_to_block, p.reorg), (Some(20), None));
    assert!(node.logs_from[logs_before..].iter().all(|&b| b >= 21), "blocks 21–40 only: {:?}", node.logs_from);
    assert_eq!(again.problems().rows_rejected, 1, "the kept bad log counts too");
    // Nothing new: the store is left as it is.
    assert!(again.refresh());
    run_kept(&mut again, &mut node, &mut kept).unwrap();
    assert!(again.saved().is_none());
}

#[test]
fn what_was_kept_is_checked_against_the_chain_and_other_stores_are_ignored() {
    let mut kept = None;
    let (mut node, mut first) = (node(), Scan::new(cached()));
    run_kept(&mut first, &mut node, &mut kept).unwrap();
    let mut node = reorganised(node);
    let mut again = Scan::new(cached());
    run_kept(&mut again, &mut node, &mut kept).unwrap();
    assert_eq!(again.ndjson(), fresh(&node), "a reorganisation while away");
    assert_eq!(again.provenance().unwrap().kept_to_block, Some(3));
    for other in [b"not what a scan keeps\n".to_vec(), Vec::new()] {
        let mut scan = Scan::new(cached());
        run_kept(&mut scan, &mut node, &mut Some(other)).unwrap();
        assert_eq!((scan.ndjson(), scan.kept()), (&fresh(&node)[..], 0), "read from the start");
    }
    let mut elsewhere = Scan::new(ScanConfig { from_block: 5, ..cached() });
    run_kept(&mut elsewhere, &mut node, &mut kept.clone()).unwrap();
    assert_eq!(elsewhere.kept(), 0, "kept for other blocks");
}
