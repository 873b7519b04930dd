//! Strings stored once and named by a dense `u32` id.

use hashbrown::HashTable;
use std::cell::OnceCell;
use std::hash::BuildHasher;

/// Maps each distinct string to a dense id (0, 1, 2, … in first-seen order) and back.
///
/// Ids make the event columns 4 bytes wide however long the model CID or wallet address
/// is, and let metrics count with plain vectors indexed by id instead of hash maps. The
/// strings live end to end in one buffer (no allocation per string), so a million distinct
/// callers cost their bytes and an offset each, and the interner moves between threads as
/// two flat buffers. The lookup table is built when first needed: a dataset handed over
/// whole may never look a name up.
#[derive(Default)]
pub struct Interner {
    /// Every string, end to end.
    bytes: String,
    /// `ends[i]`: where string `i` ends in `bytes` (it starts where `i − 1` ends).
    ends: Vec<usize>,
    table: OnceCell<HashTable<u32>>,
    hasher: foldhash::fast::FixedState,
}

/// A copy of the strings, whose lookup table is built again if it is needed (a filtered
/// dataset's interners are copied and rarely asked for a name).
impl Clone for Interner {
    fn clone(&self) -> Self {
        Interner { bytes: self.bytes.clone(), ends: self.ends.clone(), table: OnceCell::new(), hasher: self.hasher }
    }
}

impl Interner {
    /// The strings of `bytes` ending at `ends` (as [`Interner::parts`] gave them); `None`
    /// when the ends do not fit the bytes or fall inside a character.
    pub fn from_parts(bytes: String, ends: Vec<usize>) -> Option<Interner> {
        let mut start = 0;
        for &end in &ends {
            if end < start || !bytes.is_char_boundary(end) {
                return None;
            }
            start = end;
        }
        (start == bytes.len()).then(|| Interner { bytes, ends, ..Interner::default() })
    }

    /// The strings end to end, and where each ends.
    pub fn into_parts(self) -> (String, Vec<usize>) {
        (self.bytes, self.ends)
    }

    fn table(&self) -> &HashTable<u32> {
        self.table.get_or_init(|| self.build())
    }

    /// The lookup table of the strings so far.
    fn build(&self) -> HashTable<u32> {
        let mut table = HashTable::with_capacity(self.ends.len());
        for id in 0..self.ends.len() as u32 {
            table.insert_unique(self.hasher.hash_one(self.name(id)), id, |&id| self.hasher.hash_one(self.name(id)));
        }
        table
    }

    /// The id of `s`, adding it if it is new.
    pub fn intern(&mut self, s: &str) -> u32 {
        let mut table = self.table.take().unwrap_or_else(|| self.build());
        let hash = self.hasher.hash_one(s);
        let id = match table.find(hash, |&id| self.name(id) == s) {
            Some(&id) => id,
            None => {
                let id = self.ends.len() as u32;
                self.bytes.push_str(s);
                self.ends.push(self.bytes.len());
                table.insert_unique(hash, id, |&id| self.hasher.hash_one(self.name(id)));
                id
            }
        };
        self.table = OnceCell::from(table);
        id
    }

    /// The id of `s`, if it has one.
    pub fn get(&self, s: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(s);
        self.table().find(hash, |&id| self.name(id) == s).copied()
    }

    /// The id of `s`, if it has one, found without building the lookup table when there is
    /// none yet: for one question about a dataset handed over whole, a pass over the strings
    /// is cheaper than hashing them all (a million model ids: a few milliseconds, not ~140).
    pub fn find(&self, s: &str) -> Option<u32> {
        if self.table.get().is_some() {
            return self.get(s);
        }
        let mut start = 0;
        for (id, &end) in self.ends.iter().enumerate() {
            if end - start == s.len() && &self.bytes[start..end] == s {
                return Some(id as u32);
            }
            start = end;
        }
        None
    }

    /// The string named by `id`.
    ///
    /// # Panics
    /// If `id` did not come from this interner: ids are never made up elsewhere.
    #[inline]
    pub fn name(&self, id: u32) -> &str {
        let id = id as usize;
        let start = if id == 0 { 0 } else { self.ends[id - 1] };
        &self.bytes[start..self.ends[id]]
    }

    /// How many distinct strings there are (ids run from 0 to `len() - 1`).
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Bytes held by the strings and the table, for the memory figures of the benchmark.
    pub fn heap_bytes(&self) -> usize {
        self.bytes.capacity()
            + self.ends.capacity() * std::mem::size_of::<usize>()
            + self.table.get().map_or(0, |t| t.capacity() * (std::mem::size_of::<u32>() + 1))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_share_an_id_and_ids_are_dense() {
        let mut i = Interner::default();
        assert_eq!(i.intern("a"), 0);
        assert_eq!(i.intern("bé"), 1);
        assert_eq!(i.intern("a"), 0);
        assert_eq!((i.len(), i.name(1), i.get("bé"), i.get("c")), (2, "bé", Some(1), None));
        let (bytes, ends) = i.into_parts();
        let handed = Interner::from_parts(bytes, ends).unwrap();
        assert_eq!(
            (handed.find("bé"), handed.find("a"), handed.find("b"), handed.find("")),
            (Some(1), Some(0), None, None)
        );
        assert!(handed.table.get().is_none(), "found without the table");
    }

    #[test]
    fn an_interner_rebuilt_from_its_parts_finds_the_same_ids() {
        let mut i = Interner::default();
        for s in ["x", "", "0xabc", "x", "model/é"] {
            i.intern(s);
        }
        let (bytes, ends) = i.into_parts();
        let mut back = Interner::from_parts(bytes, ends).unwrap();
        assert_eq!((back.get("0xabc"), back.get(""), back.name(3)), (Some(2), Some(1), "model/é"));
        assert_eq!(back.intern("new"), 4);
        assert!(Interner::from_parts("é".into(), vec![1]).is_none(), "inside a character");
        assert!(Interner::from_parts("ab".into(), vec![1]).is_none(), "bytes left over");
    }
}
