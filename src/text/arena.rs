//! Flat storage for many small strings and lists: one buffer and offsets, so a large index
//! (de)serialises as a few contiguous arrays instead of millions of small allocations.

use serde::{Deserialize, Serialize};

/// The range of item `i` in a buffer, from the end offsets of all items.
fn range(ends: &[u32], i: u32) -> std::ops::Range<usize> {
    let i = i as usize;
    let start = if i == 0 { 0 } else { ends[i - 1] as usize };
    start..ends[i] as usize
}

/// Many strings in one buffer.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Strings {
    data: String,
    ends: Vec<u32>,
}

impl Strings {
    pub fn push(&mut self, s: &str) -> u32 {
        self.data.push_str(s);
        self.ends.push(self.data.len() as u32);
        (self.ends.len() - 1) as u32
    }
    pub fn get(&self, i: u32) -> &str {
        &self.data[range(&self.ends, i)]
    }
    pub fn len(&self) -> usize {
        self.ends.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
    pub fn iter(&self) -> impl Iterator<Item = &str> {
        (0..self.ends.len() as u32).map(move |i| self.get(i))
    }
}

/// Many lists of u32 in one buffer.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Lists {
    data: Vec<u32>,
    ends: Vec<u32>,
}

impl Lists {
    pub fn push(&mut self, v: &[u32]) -> u32 {
        self.data.extend_from_slice(v);
        self.ends.push(self.data.len() as u32);
        (self.ends.len() - 1) as u32
    }
    pub fn get(&self, i: u32) -> &[u32] {
        &self.data[range(&self.ends, i)]
    }
    pub fn len(&self) -> usize {
        self.ends.len()
    }
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn round_trip() {
        let mut s = Strings::default();
        assert_eq!(s.push("ab"), 0);
        s.push("");
        s.push("cde");
        assert_eq!((s.get(0), s.get(1), s.get(2)), ("ab", "", "cde"));
        let mut l = Lists::default();
        l.push(&[1, 2]);
        l.push(&[]);
        l.push(&[3]);
        assert_eq!(
            (l.get(0), l.get(1), l.get(2)),
            (&[1, 2][..], &[][..], &[3][..])
        );
    }
}
