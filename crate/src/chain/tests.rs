//! The scan against a node simulated in memory: range limits, batching, refresh, logs that
//! are not events, and a node that fails.

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
struct Node {
    head: u64,
    max_range: u64,
    /// (block, transaction, sender, log)
    logs: Vec<(u64, String, String, LogData)>,
    refuse_everything: bool,
    /// Blocks come with their transactions' hashes alone, never their senders.
    hashes_only: bool,
    requests: usize,
    /// The method of every call asked, in order.
    methods: Vec<String>,
}

impl Node {
    fn answer(&mut self, body: &[u8]) -> Vec<u8> {
        self.requests += 1;
        let request: Value = serde_json::from_slice(body).unwrap();
        let calls = match request {
            Value::Array(calls) => calls,
            one => vec![one],
        };
        self.methods.extend(calls.iter().map(|c| c["method"].as_str().unwrap_or_default().to_owned()));
        let answers: Vec<Value> = calls.iter().map(|c| self.call(c)).collect();
        let value = if answers.len() == 1 { answers[0].clone() } else { Value::Array(answers) };
        value.to_string().into_bytes()
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
                    "hash": format!("0x{n:064x}")});
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
        requests: 0,
        methods: Vec::new(),
    }
}

fn config(to_block: Option<u64>) -> ScanConfig {
    ScanConfig { rpc: "http://node".into(), from_block: 0, to_block, address: ADDRESS.into() }
}

fn run(scan: &mut Scan, node: &mut Node) -> Result<(), crate::Error> {
    while let Some(request) = scan.request() {
        let answer = node.answer(&request.body);
        scan.respond(&answer)?;
    }
    Ok(())
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
    assert!(bounded.request().is_none());
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
