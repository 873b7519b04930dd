//! The latency column: 4 bytes an event while every value is a whole number of tenths of a
//! millisecond (as latencies almost always are), exact `f64` from the first value that is
//! not. Either way a value reads back as exactly the `f64` that was parsed, so quantiles
//! print the input's own numbers.

/// Marks a missing value among tenths.
const MISSING: u32 = u32::MAX;

/// Latencies in milliseconds, one optional value per event.
#[derive(Clone, Debug, PartialEq)]
pub enum Latencies {
    /// Tenths of a millisecond: `t / 10.0` is the value.
    Tenths(Vec<u32>),
    /// Any value; `NaN` where missing.
    Exact(Vec<f64>),
}

impl Default for Latencies {
    fn default() -> Self {
        Latencies::Tenths(Vec::new())
    }
}

/// Tenths of a millisecond read back as milliseconds.
pub fn from_tenths(t: u32) -> f64 {
    f64::from(t) / 10.0
}

/// Some events' latencies, as [`Latencies::values`] gathers them for quantiles.
pub enum Values {
    /// Tenths of a millisecond ([`from_tenths`]), which order as their values do: a quantile
    /// selects among 4-byte integers, half the memory of doubles.
    Tenths(Vec<u32>),
    Exact(Vec<f64>),
}

/// `value` as tenths, when that reads back exactly. `t / 10.0` is the double nearest to
/// the decimal t/10, as is the parsed value of that decimal, so the check accepts every
/// latency written with at most one decimal.
fn tenths(value: f64) -> Option<u32> {
    let t = (value * 10.0).round();
    (t >= 0.0 && t < f64::from(MISSING) && t / 10.0 == value).then_some(t as u32)
}

impl Latencies {
    /// A column of `n` missing values.
    pub fn missing(n: usize) -> Latencies {
        Latencies::Tenths(vec![MISSING; n])
    }

    pub fn push(&mut self, value: Option<f64>) {
        match (&mut *self, value) {
            (Latencies::Tenths(column), None) => column.push(MISSING),
            (Latencies::Exact(column), None) => column.push(f64::NAN),
            (Latencies::Exact(column), Some(v)) => column.push(v),
            (Latencies::Tenths(column), Some(v)) => match tenths(v) {
                Some(t) => column.push(t),
                None => self.exact().push(v),
            },
        }
    }

    /// The values as exact doubles, converting tenths once: what a value tenths cannot
    /// hold makes of the whole column.
    fn exact(&mut self) -> &mut Vec<f64> {
        if let Latencies::Tenths(column) = self {
            *self = Latencies::Exact(
                column.iter().map(|&t| if t == MISSING { f64::NAN } else { from_tenths(t) }).collect(),
            );
        }
        match self {
            Latencies::Exact(column) => column,
            Latencies::Tenths(_) => unreachable!("converted above"),
        }
    }

    /// Appends `other`'s values after these, in tenths while both are.
    pub fn append(&mut self, mut other: Latencies) {
        match (&mut *self, &mut other) {
            (Latencies::Tenths(column), Latencies::Tenths(more)) => column.append(more),
            (_, Latencies::Exact(more)) => self.exact().append(more),
            (_, Latencies::Tenths(_)) => {
                let more = std::mem::take(other.exact());
                self.exact().extend(more);
            }
        }
    }

    /// Values held, missing ones included.
    pub fn len(&self) -> usize {
        match self {
            Latencies::Tenths(column) => column.len(),
            Latencies::Exact(column) => column.len(),
        }
    }

    #[inline]
    pub fn get(&self, i: usize) -> Option<f64> {
        match self {
            Latencies::Tenths(column) => Some(column[i]).filter(|&t| t != MISSING).map(from_tenths),
            Latencies::Exact(column) => Some(column[i]).filter(|v| !v.is_nan()),
        }
    }

    /// The values of the events `indices` that have one.
    pub fn values(&self, indices: impl Iterator<Item = usize>) -> Values {
        match self {
            Latencies::Tenths(column) => Values::Tenths(indices.map(|i| column[i]).filter(|&t| t != MISSING).collect()),
            Latencies::Exact(column) => Values::Exact(indices.map(|i| column[i]).filter(|v| !v.is_nan()).collect()),
        }
    }

    /// Reorders the values: entry `k` becomes the value at `order[k]`.
    /// Makes room for `additional` more values.
    pub fn reserve_exact(&mut self, additional: usize) {
        match self {
            Latencies::Tenths(column) => column.reserve_exact(additional),
            Latencies::Exact(column) => column.reserve_exact(additional),
        }
    }

    /// The values at `order`, in its order (see [`super::gathered`]).
    pub fn gathered(&self, order: &[u32]) -> Latencies {
        match self {
            Latencies::Tenths(column) => Latencies::Tenths(super::gathered(column, order)),
            Latencies::Exact(column) => Latencies::Exact(super::gathered(column, order)),
        }
    }

    pub fn shrink_to_fit(&mut self) {
        match self {
            Latencies::Tenths(column) => column.shrink_to_fit(),
            Latencies::Exact(column) => column.shrink_to_fit(),
        }
    }

    pub fn heap_bytes(&self) -> usize {
        match self {
            Latencies::Tenths(column) => column.capacity() * 4,
            Latencies::Exact(column) => column.capacity() * 8,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_read_back_exactly_in_either_form() {
        let mut l = Latencies::default();
        for v in [Some(1168.1), None, Some(0.0), Some(253.0)] {
            l.push(v);
        }
        assert!(matches!(l, Latencies::Tenths(_)));
        assert_eq!((0..4).map(|i| l.get(i)).collect::<Vec<_>>(), [Some(1168.1), None, Some(0.0), Some(253.0)]);
        l.push(Some(2584.9730149236802));
        assert!(matches!(l, Latencies::Exact(_)));
        let read: Vec<_> = (0..5).map(|i| l.get(i)).collect();
        assert_eq!(read, [Some(1168.1), None, Some(0.0), Some(253.0), Some(2584.9730149236802)]);
    }

    #[test]
    fn every_one_decimal_value_fits_in_tenths() {
        for t in (0..2_000_000u32).step_by(7) {
            let parsed: f64 = format!("{}.{}", t / 10, t % 10).parse().unwrap();
            assert_eq!(tenths(parsed), Some(t), "{parsed}");
        }
    }
}
