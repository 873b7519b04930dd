//! A column of counts that holds nothing while every count is zero.
//!
//! Counter snapshots never fail and never name a verification mode, and two years of a
//! hub's daily listing are millions of (day, model) cells: four zero columns of `u64` there
//! would be half the store. Such a column costs a length until its first nonzero count.

/// Counts, one per cell; all zero until [`Counts::add`] or [`Counts::push`] says otherwise.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    len: usize,
    /// `None`: every count is zero.
    values: Option<Vec<u64>>,
}

impl Counts {
    /// `len` zeros.
    pub fn zeros(len: usize) -> Counts {
        Counts { len, values: None }
    }

    /// The given counts, kept as they are.
    pub fn from_vec(values: Vec<u64>) -> Counts {
        Counts { len: values.len(), values: Some(values) }
    }

    /// The count of cell `c` (which must be below [`Counts::len`]).
    #[inline]
    pub fn get(&self, c: usize) -> u64 {
        self.values.as_ref().map_or(0, |values| values[c])
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// Appends a cell's count.
    pub fn push(&mut self, count: u64) {
        match &mut self.values {
            Some(values) => values.push(count),
            None if count == 0 => {}
            None => {
                let mut values = vec![0; self.len];
                values.push(count);
                self.values = Some(values);
            }
        }
        self.len += 1;
    }

    /// Adds `count` to cell `c`.
    #[inline]
    pub fn add(&mut self, c: usize, count: u64) {
        if count != 0 {
            let len = self.len;
            self.values.get_or_insert_with(|| vec![0; len])[c] += count;
        }
    }

    /// The counts as a vector, or `None` when all are zero (to be handed over as parts).
    pub fn into_values(self) -> Option<Vec<u64>> {
        self.values
    }

    /// The counts at `order`, in its order (see [`super::gathered`]).
    pub fn gathered(&self, order: &[u32]) -> Counts {
        Counts { len: order.len(), values: self.values.as_deref().map(|values| super::gathered(values, order)) }
    }

    /// The sum of every count.
    pub fn sum(&self) -> u64 {
        self.values.iter().flatten().sum()
    }

    /// Bytes held.
    pub fn heap_bytes(&self) -> usize {
        self.values.as_ref().map_or(0, |v| v.capacity() * std::mem::size_of::<u64>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zeros_take_no_room_until_a_count_is_not_zero() {
        let mut counts = Counts::default();
        (0..1000).for_each(|_| counts.push(0));
        assert_eq!((counts.len(), counts.heap_bytes(), counts.get(999)), (1000, 0, 0));
        counts.add(7, 0);
        assert_eq!(counts.heap_bytes(), 0, "adding zero keeps it empty");
        counts.add(7, 3);
        counts.push(2);
        assert_eq!((counts.len(), counts.get(7), counts.get(1000), counts.get(6)), (1001, 3, 2, 0));
        assert!(counts.heap_bytes() >= 1001 * 8);
    }

    #[test]
    fn a_first_nonzero_push_keeps_the_zeros_before_it() {
        let mut counts = Counts::zeros(2);
        counts.push(5);
        assert_eq!(counts.gathered(&[2, 0, 1]).into_values(), Some(vec![5, 0, 0]));
        assert_eq!(counts.gathered(&[2]).len(), 1);
    }
}
