//! Strings stored once and named by a dense `u32` id.

use hashbrown::HashTable;
use std::hash::BuildHasher;

/// Maps each distinct string to a dense id (0, 1, 2, … in first-seen order) and back.
///
/// Ids make the event columns 4 bytes wide however long the model CID or wallet address
/// is, and let metrics count with plain vectors indexed by id instead of hash maps.
/// Each string is stored once: the table holds ids, and hashes the strings they name.
#[derive(Default)]
pub struct Interner {
    strings: Vec<Box<str>>,
    table: HashTable<u32>,
    hasher: foldhash::fast::FixedState,
}

impl Interner {
    /// The id of `s`, adding it if it is new.
    pub fn intern(&mut self, s: &str) -> u32 {
        let hash = self.hasher.hash_one(s);
        let strings = &self.strings;
        if let Some(&id) = self.table.find(hash, |&id| &*strings[id as usize] == s) {
            return id;
        }
        let id = self.strings.len() as u32;
        self.strings.push(s.into());
        let (strings, hasher) = (&self.strings, &self.hasher);
        self.table.insert_unique(hash, id, |&id| hasher.hash_one(&*strings[id as usize]));
        id
    }

    /// The id of `s`, if it has one.
    pub fn get(&self, s: &str) -> Option<u32> {
        let hash = self.hasher.hash_one(s);
        self.table.find(hash, |&id| &*self.strings[id as usize] == s).copied()
    }

    /// The string named by `id`.
    ///
    /// # Panics
    /// If `id` did not come from this interner: ids are never made up elsewhere.
    pub fn name(&self, id: u32) -> &str {
        &self.strings[id as usize]
    }

    /// How many distinct strings there are (ids run from 0 to `len() - 1`).
    pub fn len(&self) -> usize {
        self.strings.len()
    }

    /// Bytes held by the strings and the table, for the memory figures of the benchmark.
    pub fn heap_bytes(&self) -> usize {
        self.strings.iter().map(|s| s.len()).sum::<usize>()
            + self.strings.capacity() * std::mem::size_of::<Box<str>>()
            + self.table.capacity() * (std::mem::size_of::<u32>() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_strings_share_an_id_and_ids_are_dense() {
        let mut i = Interner::default();
        assert_eq!(i.intern("a"), 0);
        assert_eq!(i.intern("b"), 1);
        assert_eq!(i.intern("a"), 0);
        assert_eq!((i.len(), i.name(1), i.get("b"), i.get("c")), (2, "b", Some(1), None));
    }
}
