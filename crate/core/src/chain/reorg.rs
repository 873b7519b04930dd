//! Where the chain a scan read and the chain now part (docs/sources.md#reorganisations).
//! A block's hash commits to every block before it, so a block read earlier whose hash
//! is unchanged vouches for all blocks up to it: a few known hashes, checked in one batch,
//! find the first block to read again without asking for every block.

/// The hashes (lowercase) of the blocks read whose hashes are known: the blocks with logs
/// and the last block of each pass, no deeper than the reorganisation depth. A few dozen,
/// in block order (a sorted list: a map would cost the optional part its own code).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Known(Vec<(u64, String)>);

impl Known {
    /// Keeps `hash` as block `block`'s.
    pub fn insert(&mut self, block: u64, hash: String) {
        match self.0.binary_search_by_key(&block, |k| k.0) {
            Ok(at) => self.0[at].1 = hash,
            Err(at) => self.0.insert(at, (block, hash)),
        }
    }

    pub fn get(&self, block: u64) -> Option<&str> {
        let at = self.0.binary_search_by_key(&block, |k| k.0).ok()?;
        Some(&self.0[at].1)
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Keeps the blocks `keep` says yes to.
    pub fn retain(&mut self, keep: impl Fn(u64) -> bool) {
        self.0.retain(|k| keep(k.0));
    }

    /// Block and hash, in block order.
    pub fn iter(&self) -> std::slice::Iter<'_, (u64, String)> {
        self.0.iter()
    }
}

impl FromIterator<(u64, String)> for Known {
    fn from_iter<I: IntoIterator<Item = (u64, String)>>(blocks: I) -> Self {
        let mut known = Known::default();
        blocks.into_iter().for_each(|(block, hash)| known.insert(block, hash));
        known
    }
}

/// The known blocks whose hashes are checked, highest first: the last block read, then the
/// known blocks 1, 2, 4, 8, … places below it, and the lowest known.
pub fn probes(known: &Known) -> Vec<u64> {
    let blocks: Vec<u64> = known.iter().rev().map(|k| k.0).collect();
    let mut at = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        at.push(blocks[i]);
        i = (i * 2).max(1);
    }
    if let Some(&lowest) = blocks.last().filter(|&&b| at.last() != Some(&b)) {
        at.push(lowest);
    }
    at
}

/// The first block to read again, given the chain's hashes of the `probes` now (`None` for
/// a block the chain no longer has): `None` when the last block read is unchanged; just
/// after the highest unchanged probe; else `floor`, the deepest block a reorganisation is
/// looked for in.
pub fn first_changed(known: &Known, probes: &[u64], now: &[Option<String>], floor: u64) -> Option<u64> {
    let unchanged = |(block, hash): (&u64, &Option<String>)| {
        hash.as_deref().is_some_and(|h| known.get(*block).is_some_and(|k| k.eq_ignore_ascii_case(h)))
    };
    match probes.iter().zip(now).position(unchanged) {
        Some(0) => None,
        Some(i) => Some(probes[i] + 1),
        None => Some(floor),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn known(blocks: impl IntoIterator<Item = u64>) -> Known {
        blocks.into_iter().map(|b| (b, format!("0x{b:x}"))).collect()
    }

    #[test]
    fn probes_are_the_last_block_then_ever_further_below() {
        assert_eq!(probes(&known(0..20)), [19, 18, 17, 15, 11, 3, 0]);
        assert_eq!(probes(&known([5])), [5]);
        assert!(probes(&Known::default()).is_empty());
    }

    #[test]
    fn the_first_changed_block_is_just_above_the_highest_unchanged_probe() {
        let k = known(10..30);
        let at = probes(&k); // 29, 28, 27, 25, 21, 13, 10
        let hashes = |changed_from: u64| -> Vec<Option<String>> {
            at.iter().map(|&b| Some(if b >= changed_from { "0xother".into() } else { format!("0x{b:X}") })).collect()
        };
        assert_eq!(first_changed(&k, &at, &hashes(30), 5), None, "nothing changed (hashes compared in any case)");
        assert_eq!(first_changed(&k, &at, &hashes(27), 5), Some(26), "27 and up changed: 25 stands");
        assert_eq!(first_changed(&k, &at, &hashes(0), 5), Some(5), "all changed: from the floor");
        let gone: Vec<Option<String>> = at.iter().map(|&b| (b < 24).then(|| format!("0x{b:x}"))).collect();
        assert_eq!(first_changed(&k, &at, &gone, 5), Some(22), "blocks the chain no longer has changed");
    }
}
