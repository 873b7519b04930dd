//! An optional text field of events (`app`, `kind`): its values interned, each event's
//! value as an id no wider than the number of distinct values needs.

use super::Interner;

/// The bytes an id takes among `count` distinct values, with one more (all ones) kept to
/// mark "not given": 1 up to 255 values, 2 up to 65,535, 4 beyond.
fn width(count: usize) -> usize {
    match count {
        0..=0xFF => 1,
        0x100..=0xFFFF => 2,
        _ => 4,
    }
}

/// One optional text field of every event: the distinct values and each event's among them.
///
/// Kinds are a handful and apps rarely more than a few hundred, but a 32-bit id would cost
/// them 4 B an event (a fifth of a million-event store) for filters alone: the ids are kept
/// as narrow as the values so far allow, and widened (once at the 256th value, once more at
/// the 65,536th) as more come. One byte column for every width keeps the code one path.
#[derive(Clone)]
pub struct Labels {
    /// Each event's id in `width` little-endian bytes; all ones where it has no value.
    ids: Vec<u8>,
    /// [`width`] of the number of `names`.
    width: usize,
    /// The distinct values, in first-seen order.
    pub names: Interner,
}

impl Labels {
    /// `n` events without a value: how the column starts at its first value, `n` events in.
    pub fn missing(n: usize) -> Labels {
        Labels { ids: vec![0xFF; n], width: 1, names: Interner::default() }
    }

    /// Ids and names as [`Labels::into_parts`] gave them; `None` when the ids are not whole
    /// or one names no value.
    pub(super) fn from_parts(ids: Vec<u8>, names: Interner) -> Option<Labels> {
        let labels = Labels { width: width(names.len()), ids, names };
        let whole = labels.ids.len().is_multiple_of(labels.width);
        let named = labels
            .ids
            .chunks_exact(labels.width)
            .map(read)
            .all(|id| id.is_none_or(|id| id < labels.names.len() as u32));
        (whole && named).then_some(labels)
    }

    /// The ids' bytes and the values (the ids' width follows from the number of values).
    pub(super) fn into_parts(self) -> (Vec<u8>, Interner) {
        (self.ids, self.names)
    }

    /// Appends one event's value.
    pub fn push(&mut self, name: Option<&str>) {
        let id = name.map(|name| self.names.intern(name));
        self.widen();
        self.write(id);
    }

    /// Widens the ids if the values have outgrown them.
    fn widen(&mut self) {
        let wide = width(self.names.len());
        if wide != self.width {
            let narrow = std::mem::replace(&mut self.width, wide);
            let ids = std::mem::take(&mut self.ids);
            self.ids.reserve_exact(ids.len() / narrow * wide);
            for id in ids.chunks_exact(narrow).map(read) {
                self.write(id);
            }
        }
    }

    fn write(&mut self, id: Option<u32>) {
        self.ids.extend_from_slice(&id.unwrap_or(u32::MAX).to_le_bytes()[..self.width]);
    }

    /// Appends `other`'s events, its values renamed to these names (a value new here takes
    /// the next id).
    pub fn append(&mut self, other: Labels) {
        let renamed: Vec<u32> =
            (0..other.names.len() as u32).map(|id| self.names.intern(other.names.name(id))).collect();
        self.widen();
        for id in other.ids.chunks_exact(other.width).map(read) {
            self.write(id.map(|id| renamed[id as usize]));
        }
    }

    /// The number of events.
    pub fn len(&self) -> usize {
        self.ids.len() / self.width
    }

    /// The id among [`Labels::names`] of event `i`'s value, `None` where it has none.
    #[inline]
    pub fn get(&self, i: usize) -> Option<u32> {
        read(&self.ids[i * self.width..(i + 1) * self.width])
    }

    /// The events at `rows`, in its order (see [`super::gathered`]).
    pub fn gathered(&self, rows: &[u32]) -> Labels {
        let w = self.width;
        let mut ids = Vec::with_capacity(rows.len() * w);
        for &i in rows {
            ids.extend_from_slice(&self.ids[i as usize * w..][..w]);
        }
        Labels { ids, width: w, names: self.names.clone() }
    }

    pub fn reserve_exact(&mut self, additional: usize) {
        self.ids.reserve_exact(additional * self.width);
    }

    pub fn shrink_to_fit(&mut self) {
        self.ids.shrink_to_fit();
    }

    pub fn heap_bytes(&self) -> usize {
        self.ids.capacity() + self.names.heap_bytes()
    }
}

/// The id in `bytes` (little-endian), `None` for all ones.
#[inline]
fn read(bytes: &[u8]) -> Option<u32> {
    let id = bytes.iter().rev().fold(0u32, |id, &b| id << 8 | u32::from(b));
    let none = u32::MAX >> (32 - 8 * bytes.len());
    (id != none).then_some(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_widen_as_values_grow_and_keep_every_event() {
        let mut labels = Labels::missing(2);
        let names: Vec<String> = (0..70_000).map(|k| format!("v{k}")).collect();
        for (k, name) in names.iter().enumerate() {
            labels.push(Some(name));
            if k % 1000 == 0 {
                labels.push(None);
            }
            assert_eq!(
                labels.width,
                if k < 255 {
                    1
                } else if k < 65_535 {
                    2
                } else {
                    4
                },
                "after {k} values"
            );
        }
        assert_eq!((labels.get(0), labels.get(1), labels.get(2), labels.get(3)), (None, None, Some(0), None));
        let read: Vec<&str> = (0..labels.len()).filter_map(|i| labels.get(i)).map(|id| labels.names.name(id)).collect();
        assert_eq!(read, names);
    }

    #[test]
    fn appended_events_keep_their_values() {
        let mut a = Labels::missing(1);
        a.push(Some("x"));
        let mut b = Labels::missing(0);
        for name in [Some("y"), None, Some("x")] {
            b.push(name);
        }
        a.append(b);
        let read: Vec<Option<&str>> = (0..a.len()).map(|i| a.get(i).map(|id| a.names.name(id))).collect();
        assert_eq!(read, [None, Some("x"), Some("y"), None, Some("x")]);
        assert_eq!(a.gathered(&[4, 1]).get(0), a.get(1));
    }

    #[test]
    fn ids_from_elsewhere_must_name_a_value() {
        let mut names = Interner::default();
        names.intern("a");
        assert!(Labels::from_parts(vec![0, 0xFF], names.clone()).is_some());
        assert!(Labels::from_parts(vec![1], names.clone()).is_none());
        for _ in 0..300 {
            names.intern(&format!("{}", names.len()));
        }
        assert!(Labels::from_parts(vec![0, 1, 0xFF, 0xFF], names.clone()).is_some());
        assert!(Labels::from_parts(vec![0, 1, 0xFF], names).is_none(), "half an id");
    }
}
