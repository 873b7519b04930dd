//! What a scan keeps between visits (docs/sources.md#a-cache-of-what-was-read): the event
//! lines read, the logs that were not events, the hashes a reorganisation is looked for
//! with, and the first block not read. One line of JSON, then the event lines as they are,
//! so that a return visit reads only the blocks added since. Written and read through
//! `serde_json::Value`, which the chain source parses with anyway: a derived deserializer
//! would cost the optional part its own code.

use super::reorg::Known;
use serde_json::{json, Value};

/// Bumped when the layout changes: an older one is not read, and the chain is read again.
const LAYOUT: u64 = 1;

/// The name a scan is kept under: the chain, the contract and the blocks asked for.
pub fn key(chain_id: u64, address: &str, from_block: u64, to_block: Option<u64>) -> String {
    let to = to_block.map_or_else(|| "head".to_owned(), |b| b.to_string());
    format!("chain-{chain_id}-{address}-{from_block}-{to}")
}

/// A log that was not an inference event.
#[derive(Clone, Debug, PartialEq)]
pub struct Rejected {
    pub block: u64,
    /// Its place among the logs read, where a rejected row's line would be.
    pub line: u64,
    pub reason: String,
}

/// Everything but the event lines.
#[derive(Debug, PartialEq)]
pub struct Header {
    pub key: String,
    pub next: u64,
    pub seen: u64,
    pub known: Known,
    pub rejected: Vec<Rejected>,
}

/// The header line, then the event lines.
pub fn write(header: &Header, lines: &[u8]) -> Vec<u8> {
    let known: Vec<Value> = header.known.iter().map(|(block, hash)| json!([block, hash])).collect();
    let rejected: Vec<Value> = header.rejected.iter().map(|r| json!([r.block, r.line, r.reason])).collect();
    let head = json!({"layout": LAYOUT, "key": header.key, "next": header.next, "seen": header.seen,
        "known": known, "rejected": rejected});
    let mut out = head.to_string().into_bytes();
    out.push(b'\n');
    out.extend_from_slice(lines);
    out
}

/// The header and event lines of what [`write`] wrote under `key`; `None` for anything
/// else (another layout or key, a truncated or foreign file), which is then read again.
pub fn read<'a>(bytes: &'a [u8], key: &str) -> Option<(Header, &'a [u8])> {
    let end = memchr::memchr(b'\n', bytes)?;
    let head: Value = serde_json::from_slice(&bytes[..end]).ok()?;
    let lines = &bytes[end + 1..];
    let whole = lines.is_empty() || lines.ends_with(b"\n");
    if head["layout"].as_u64() != Some(LAYOUT) || head["key"].as_str() != Some(key) || !whole {
        return None;
    }
    let list = |name: &str| head[name].as_array().cloned().unwrap_or_default();
    let known =
        list("known").iter().map(|k| Some((k[0].as_u64()?, k[1].as_str()?.to_owned()))).collect::<Option<_>>()?;
    let rejected = list("rejected")
        .iter()
        .map(|r| Some(Rejected { block: r[0].as_u64()?, line: r[1].as_u64()?, reason: r[2].as_str()?.to_owned() }))
        .collect::<Option<_>>()?;
    let (next, seen) = (head["next"].as_u64()?, head["seen"].as_u64()?);
    Some((Header { key: key.to_owned(), next, seen, known, rejected }, lines))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn what_is_written_is_read_back_under_its_key_alone() {
        let known = Known::from_iter([(7, "0xab".to_owned())]);
        let rejected = vec![Rejected { block: 3, line: 2, reason: "not an event".into() }];
        let k = key(1, "0xf4", 0, None);
        let header = Header { key: k.clone(), next: 8, seen: 5, known, rejected };
        let bytes = write(&header, b"{\"block\":3}\n");
        let (back, lines) = read(&bytes, &k).unwrap();
        assert_eq!((&back, lines), (&header, &b"{\"block\":3}\n"[..]));
        assert!(read(&bytes, &key(1, "0xf4", 0, Some(9))).is_none(), "another range");
        assert!(read(&bytes[..bytes.len() - 1], &k).is_none(), "cut short");
        assert!(read(b"garbage\n", &k).is_none());
        let other_layout = String::from_utf8(bytes.clone()).unwrap().replace("\"layout\":1", "\"layout\":0");
        assert!(read(other_layout.as_bytes(), &k).is_none());
    }
}
