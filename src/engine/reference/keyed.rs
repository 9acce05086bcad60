//! Values keyed by a fixed list of names: a unit's counts by quantity id,
//! its published scores by group or indicator code. A unit of a reference
//! table is a few fixed-size arrays of numbers (no map, no string per
//! value), so a table of 50 000 units stays small and fast to score; a name
//! outside the list (a group code a custom method invents) is kept aside.

use std::fmt;
use std::ops::Index;

/// A value that has a "missing" mark of its own.
pub trait Slot: Copy + PartialEq + fmt::Debug {
    const MISSING: Self;
}

impl Slot for u64 {
    const MISSING: u64 = u64::MAX;
}

impl Slot for i64 {
    const MISSING: i64 = i64::MIN;
}

/// Values for the names of `names` (by position), and any others aside.
#[derive(Clone, PartialEq, Eq)]
pub struct Keyed<V: Slot, const N: usize> {
    names: &'static [&'static str; N],
    values: [V; N],
    other: Vec<(String, V)>,
}

impl<V: Slot, const N: usize> Keyed<V, N> {
    pub const fn new(names: &'static [&'static str; N]) -> Self {
        Keyed { names, values: [V::MISSING; N], other: Vec::new() }
    }

    /// The position of `name` in the fixed list.
    pub fn slot(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| *n == name)
    }

    /// The value at a position of the fixed list.
    pub fn at(&self, slot: usize) -> Option<V> {
        self.values.get(slot).copied().filter(|v| *v != V::MISSING)
    }

    pub fn get(&self, name: &str) -> Option<V> {
        match self.slot(name) {
            Some(s) => self.at(s),
            None => self.other.iter().find(|(n, _)| n == name).map(|(_, v)| *v),
        }
    }

    pub fn contains_key(&self, name: &str) -> bool {
        self.get(name).is_some()
    }

    /// Sets a value (the missing mark itself cannot be stored).
    pub fn insert(&mut self, name: &str, value: V) {
        if value == V::MISSING {
            return;
        }
        match self.slot(name) {
            Some(s) => self.values[s] = value,
            None => match self.other.iter_mut().find(|(n, _)| n == name) {
                Some(slot) => slot.1 = value,
                None => self.other.push((name.to_string(), value)),
            },
        }
    }

    /// Sets the value at a position of the fixed list.
    pub fn set_at(&mut self, slot: usize, value: V) {
        self.values[slot] = value;
    }

    pub fn is_empty(&self) -> bool {
        self.iter().next().is_none()
    }

    pub fn len(&self) -> usize {
        self.iter().count()
    }

    /// The values present, the fixed names' first (in their order).
    pub fn iter(&self) -> impl Iterator<Item = (&str, V)> + '_ {
        let fixed = self.names.iter().zip(&self.values).filter(|(_, v)| **v != V::MISSING).map(|(n, v)| (*n, *v));
        fixed.chain(self.other.iter().map(|(n, v)| (n.as_str(), *v)))
    }
}

impl<V: Slot, const N: usize> Index<&str> for Keyed<V, N> {
    type Output = V;
    /// The value of `name`; panics when it is missing, like a map.
    fn index(&self, name: &str) -> &V {
        let found = match self.slot(name) {
            Some(s) => Some(&self.values[s]).filter(|v| **v != V::MISSING),
            None => self.other.iter().find(|(n, _)| n == name).map(|(_, v)| v),
        };
        found.unwrap_or_else(|| panic!("no value for {name}"))
    }
}

impl<V: Slot, const N: usize> fmt::Debug for Keyed<V, N> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.iter()).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static NAMES: [&str; 2] = ["a", "b"];

    #[test]
    fn behaves_as_a_small_map() {
        let mut k: Keyed<u64, 2> = Keyed::new(&NAMES);
        assert!(k.is_empty());
        k.insert("b", 7);
        k.insert("z", 9);
        assert_eq!((k.get("a"), k.get("b"), k.get("z")), (None, Some(7), Some(9)));
        assert_eq!(k["b"], 7);
        assert_eq!(k.iter().collect::<Vec<_>>(), [("b", 7), ("z", 9)]);
        assert_eq!(k.len(), 2);
        k.insert("a", u64::MAX);
        assert!(!k.contains_key("a"), "the missing mark is never a value");
        assert_eq!(format!("{k:?}"), "{\"b\": 7, \"z\": 9}");
    }
}
