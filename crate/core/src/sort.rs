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

/// [`sort`] of ids, for the crates above: a generic function is compiled again in each crate
/// that calls it, this one only here, where the figures sort their ids with the same copy.
pub fn sort_ids(ids: &mut [u32], compare: Compare<u32>) {
    sort(ids, compare);
}

/// Puts the `k` first of `ids` by `order` at its front, in that order, and the others after
/// them in no order; `order` must put larger `count`s first. The first are found by their
/// counts alone where those differ, `order` (names, say) deciding only among the ids whose
/// count equals the `k`th's: on a hub where most models or owners have a call or two,
/// comparing all their names took longer than everything else.
pub fn busiest_first(ids: &mut Vec<u32>, k: usize, count: &dyn Fn(u32) -> u64, order: Compare<u32>) {
    if k >= ids.len() {
        return sort(ids, order);
    }
    if k == 0 {
        return;
    }
    let mut counts: Vec<u64> = ids.iter().map(|&id| count(id)).collect();
    let kth = *select(&mut counts, k - 1, &|a, b| b.cmp(a));
    // At least k are as busy as the kth.
    let (mut first, rest): (Vec<u32>, Vec<u32>) = ids.iter().partition(|&&id| count(id) >= kth);
    if k < first.len() {
        select(&mut first, k, order);
    }
    sort(&mut first[..k], order);
    first.extend(rest);
    *ids = first;
}

/// Puts the item that a sort would put at `index` there, the items before it no greater and
/// those after no smaller, and returns it. `index` must be within `items`.
pub fn select<'a, T>(items: &'a mut [T], index: usize, compare: Compare<T>) -> &'a mut T {
    items.select_nth_unstable_by(index, compare).1
}
