//! Stable sorting through one copy of the standard library's sort.
//!
//! Every `sort_by_key` with a closure of its own is a copy of the standard
//! stable sort in the WebAssembly, 3–6 KB each (72 KB of the page for its
//! twenty call sites, measured with twiggy). These functions sort a list of
//! indices with one comparator type instead, then move the elements into
//! place: one copy of the sort for the whole crate, whatever is sorted.
//! They are stable, like [`slice::sort_by`], and allocate one index per
//! element.

use std::cmp::Ordering;

/// Sorts `v` stably by `cmp`, like [`slice::sort_by`].
pub fn sort_by<T>(v: &mut [T], mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let mut order = order(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    permute(v, &mut order);
}

/// Sorts `v` stably by `key`, like [`slice::sort_by_key`].
pub fn sort_by_key<T, K: Ord>(v: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v` stably by `key`, computing it once per element, like
/// [`slice::sort_by_cached_key`].
pub fn sort_by_cached_key<T, K: Ord>(v: &mut [T], key: impl FnMut(&T) -> K) {
    if v.len() < 2 {
        return;
    }
    let keys: Vec<K> = v.iter().map(key).collect();
    let mut order = order(v.len(), &mut |a, b| keys[a].cmp(&keys[b]));
    permute(v, &mut order);
}

/// Sorts `v` stably, like [`slice::sort`].
pub fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// The indices `0..n` in the order `cmp` puts them, ties in index order.
/// Not generic: the one copy of the sort.
#[inline(never)]
fn order(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    idx.sort_by(|&a, &b| cmp(a, b));
    idx
}

/// Rearranges `v` so that position `i` holds what was at `order[i]`, one
/// cycle of the permutation at a time (`order` is used up).
fn permute<T>(v: &mut [T], order: &mut [usize]) {
    for start in 0..v.len() {
        let mut at = start;
        while order[at] != at {
            let from = order[at];
            order[at] = at;
            if from == start {
                break;
            }
            v.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_like_the_standard_stable_sort(v in proptest::collection::vec((0u8..6, any::<u16>()), 0..200)) {
            let mut ours = v.clone();
            let mut std = v.clone();
            sort_by_key(&mut ours, |x| x.0);
            std.sort_by_key(|x| x.0);
            prop_assert_eq!(&ours, &std);

            let mut ours = v.clone();
            sort_by_cached_key(&mut ours, |x| std::cmp::Reverse(x.0));
            let mut std = v.clone();
            std.sort_by_cached_key(|x| std::cmp::Reverse(x.0));
            prop_assert_eq!(&ours, &std);

            let mut ours = v.clone();
            sort(&mut ours);
            let mut std = v;
            std.sort();
            prop_assert_eq!(ours, std);
        }
    }

    #[test]
    fn moves_owned_values_without_losing_any() {
        let mut v: Vec<String> = ["d", "b", "a", "c", "b"].map(String::from).to_vec();
        sort(&mut v);
        assert_eq!(v, ["a", "b", "b", "c", "d"]);
        let mut one = vec![String::from("x")];
        sort(&mut one);
        assert_eq!(one, ["x"]);
    }
}
