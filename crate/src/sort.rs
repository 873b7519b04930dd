//! Sorting and selecting through one comparator type, `&dyn Fn`.
//!
//! `slice::sort_by` and `select_nth_unstable_by` are compiled anew for every closure they are
//! given, and each copy costs the wasm 3–4 KiB gzipped. Through these two functions there is
//! one copy per element type, at the price of an indirect call per comparison (the sorts of
//! the figures sort models and counts, not the events themselves).

use std::cmp::Ordering;

/// How two items compare.
pub type Compare<'a, T> = &'a dyn Fn(&T, &T) -> Ordering;

/// Sorts `items`; equal items keep their order (a stable sort).
pub fn sort<T>(items: &mut [T], compare: Compare<T>) {
    items.sort_by(compare);
}

/// Puts the item that a sort would put at `index` there, the items before it no greater and
/// those after no smaller, and returns it. `index` must be within `items`.
pub fn select<'a, T>(items: &'a mut [T], index: usize, compare: Compare<T>) -> &'a mut T {
    items.select_nth_unstable_by(index, compare).1
}
