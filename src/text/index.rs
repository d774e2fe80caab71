//! An inverted index over short labels: token postings with IDF weights, and a character-trigram
//! index over the vocabulary for tokens the index does not know (misspellings, compounds).
//!
//! Built once by [`LabelIndexBuilder`], then immutable. It is stored flat (sorted vocabulary,
//! postings in one buffer, trigrams packed into integers) so that a large index (ESCO in 21
//! languages) loads in milliseconds.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

use super::arena::{Lists, Strings};

/// The immutable index. Label ids are positions in the builder's insertion order; token ids are
/// positions in the sorted vocabulary.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LabelIndex {
    tokens: Strings,
    idf: Vec<f32>,
    postings: Lists,
    /// Sorted packed trigrams and, in the same order, the tokens that contain them.
    gram_keys: Vec<u32>,
    gram_tokens: Lists,
    label_tokens: Lists,
    n_labels: u32,
    /// Token ids in the order of their reversed spelling: tokens that end alike are neighbours
    /// (the compounds of one head: "maschinenarbeiter", "fabrikarbeiter", "hilfsarbeiter").
    by_suffix: Vec<u32>,
}

/// Collects labels (as token lists), then builds the index.
#[derive(Debug, Default)]
pub struct LabelIndexBuilder {
    vocab: HashMap<String, u32>,
    tokens: Vec<String>,
    label_tokens: Vec<Vec<u32>>,
}

/// Scratch space of [`LabelIndex::resolve`]: trigram counts per token, reset after each use.
#[derive(Default)]
struct GramCounts {
    counts: Vec<u8>,
    touched: Vec<u32>,
}

thread_local! {
    static GRAM_COUNTS: std::cell::RefCell<GramCounts> = std::cell::RefCell::new(GramCounts::default());
}

/// Trigrams of a token with ^ and $ padding, packed 3 bytes to a u32 (tokens are folded ASCII;
/// other bytes are kept as they are).
fn trigrams(t: &str) -> Vec<u32> {
    let mut b = Vec::with_capacity(t.len() + 2);
    b.push(b'^');
    b.extend_from_slice(t.as_bytes());
    b.push(b'$');
    let mut v: Vec<u32> = b
        .windows(3)
        .map(|w| (w[0] as u32) << 16 | (w[1] as u32) << 8 | w[2] as u32)
        .collect();
    v.sort_unstable();
    v.dedup();
    v
}

impl LabelIndexBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    /// Add a label given as normalised tokens; returns its id.
    pub fn add(&mut self, toks: &[String]) -> u32 {
        let mut ids = Vec::with_capacity(toks.len());
        for t in toks {
            let id = match self.vocab.get(t) {
                Some(&i) => i,
                None => {
                    let i = self.tokens.len() as u32;
                    self.vocab.insert(t.clone(), i);
                    self.tokens.push(t.clone());
                    i
                }
            };
            ids.push(id);
        }
        self.label_tokens.push(ids);
        (self.label_tokens.len() - 1) as u32
    }

    pub fn build(self) -> LabelIndex {
        let n = self.label_tokens.len();
        // renumber tokens in sorted order
        let mut order: Vec<u32> = (0..self.tokens.len() as u32).collect();
        order.sort_by(|a, b| self.tokens[*a as usize].cmp(&self.tokens[*b as usize]));
        let mut new_id = vec![0u32; self.tokens.len()];
        for (new, old) in order.iter().enumerate() {
            new_id[*old as usize] = new as u32;
        }
        let mut tokens = Strings::default();
        for old in &order {
            tokens.push(&self.tokens[*old as usize]);
        }
        let mut post: Vec<Vec<u32>> = vec![Vec::new(); self.tokens.len()];
        let mut label_tokens = Lists::default();
        for (li, toks) in self.label_tokens.iter().enumerate() {
            let mapped: Vec<u32> = toks.iter().map(|t| new_id[*t as usize]).collect();
            label_tokens.push(&mapped);
            let mut seen = mapped;
            seen.sort_unstable();
            seen.dedup();
            for t in seen {
                post[t as usize].push(li as u32);
            }
        }
        let idf = post
            .iter()
            .map(|p| ((1.0 + n as f64) / (1.0 + p.len() as f64)).ln() as f32 + 0.1)
            .collect();
        let mut postings = Lists::default();
        for p in &post {
            postings.push(p);
        }
        let mut grams: HashMap<u32, Vec<u32>> = HashMap::new();
        for (ti, t) in tokens.iter().enumerate() {
            if t.len() >= 4 {
                for g in trigrams(t) {
                    grams.entry(g).or_default().push(ti as u32);
                }
            }
        }
        let mut gram_keys: Vec<u32> = grams.keys().copied().collect();
        gram_keys.sort_unstable();
        let mut gram_tokens = Lists::default();
        for k in &gram_keys {
            gram_tokens.push(&grams[k]);
        }
        let mut by_suffix: Vec<u32> = (0..tokens.len() as u32).collect();
        by_suffix.sort_by(|&a, &b| tokens.get(a).bytes().rev().cmp(tokens.get(b).bytes().rev()));
        LabelIndex {
            tokens,
            idf,
            postings,
            gram_keys,
            gram_tokens,
            label_tokens,
            n_labels: n as u32,
            by_suffix,
        }
    }
}

/// A query token resolved against the vocabulary: which token id, with what similarity.
#[derive(Debug, Clone, Copy)]
pub struct TokenMatch {
    pub query_pos: usize,
    pub token: u32,
    pub sim: f32,
}

impl LabelIndex {
    /// Number of distinct tokens.
    pub fn vocabulary_len(&self) -> usize {
        self.tokens.len()
    }
    pub fn len(&self) -> usize {
        self.n_labels as usize
    }
    pub fn is_empty(&self) -> bool {
        self.n_labels == 0
    }
    /// Binary search in the sorted vocabulary.
    pub fn token_id(&self, t: &str) -> Option<u32> {
        let (mut lo, mut hi) = (0usize, self.tokens.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            match self.tokens.get(mid as u32).cmp(t) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return Some(mid as u32),
            }
        }
        None
    }
    pub fn token(&self, id: u32) -> &str {
        self.tokens.get(id)
    }
    pub fn idf(&self, id: u32) -> f32 {
        self.idf[id as usize]
    }
    /// The IDF given to a token the index has never seen.
    pub fn unknown_idf(&self) -> f32 {
        ((1.0 + self.n_labels as f64).ln() as f32) + 0.1
    }
    pub fn label_tokens(&self, label: u32) -> &[u32] {
        self.label_tokens.get(label)
    }
    pub fn postings(&self, token: u32) -> &[u32] {
        self.postings.get(token)
    }

    fn gram(&self, g: u32) -> &[u32] {
        match self.gram_keys.binary_search(&g) {
            Ok(i) => self.gram_tokens.get(i as u32),
            Err(_) => &[],
        }
    }

    /// Resolve query tokens: exact vocabulary hits, else up to 3 similar tokens (trigram
    /// candidates confirmed by Jaro-Winkler), else the longest known suffix of a compound
    /// ("agrarberater" → "berater"). With `compounds` (a language that writes compounds as one
    /// word), a compound with no known head is resolved to the compounds that end like it, and
    /// a near spelling that differs before the last letters is another compound ("Fallmanager"
    /// is not a "Farmmanager"): only the compound's known head and modifier are asked for.
    pub fn resolve(&self, toks: &[String], compounds: bool) -> Vec<TokenMatch> {
        let mut out = Vec::new();
        for (pos, t) in toks.iter().enumerate() {
            if let Some(id) = self.token_id(t) {
                out.push(TokenMatch {
                    query_pos: pos,
                    token: id,
                    sim: 1.0,
                });
                continue;
            }
            if t.len() < 4 {
                continue;
            }
            let tg = trigrams(t);
            // tokens sharing at least half of the trigrams: count them in a per-thread table
            let need = tg.len().div_ceil(2);
            let mut cands: Vec<(f32, u32)> = Vec::new();
            GRAM_COUNTS.with(|c| {
                let mut c = c.borrow_mut();
                let GramCounts { counts, touched } = &mut *c;
                if counts.len() < self.tokens.len() {
                    counts.resize(self.tokens.len(), 0);
                }
                for g in &tg {
                    let p = self.gram(*g);
                    if p.len() <= 4000 {
                        for &ti in p {
                            let n = &mut counts[ti as usize];
                            if *n == 0 {
                                touched.push(ti);
                            }
                            *n = n.saturating_add(1);
                        }
                    }
                }
                // (candidates are sorted by similarity and id below: no need to order these)
                for &ti in touched.iter() {
                    if counts[ti as usize] as usize >= need {
                        let c = self.tokens.get(ti);
                        let s = strsim::jaro_winkler(t, c) as f32;
                        if s >= 0.9 && (!compounds || !other_compound(t, c)) {
                            cands.push((s, ti));
                        }
                    }
                    counts[ti as usize] = 0;
                }
                touched.clear();
            });
            cands.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            for (s, ti) in cands.into_iter().take(3) {
                out.push(TokenMatch {
                    query_pos: pos,
                    token: ti,
                    sim: s * 0.9,
                });
            }
            // near spellings may all be words of other languages' labels: a compound's known
            // head is asked for too
            let mut head_len = 0;
            if t.len() >= 7 {
                for i in 1..t.len().saturating_sub(3) {
                    if !t.is_char_boundary(i) {
                        continue;
                    }
                    if let Some(id) = self.token_id(&t[i..]) {
                        // a compound: its longest known head ("agrarberater" → "berater") and
                        // the known modifier before it ("pflegefachkraft" → "pflege")
                        out.push(TokenMatch {
                            query_pos: pos,
                            token: id,
                            sim: 0.7,
                        });
                        head_len = t.len() - i;
                        let head = &t[..i];
                        let modifier = head
                            .strip_suffix('s')
                            .filter(|m| m.len() >= 4)
                            .unwrap_or(head);
                        if modifier.len() >= 4 {
                            if let Some(m) = self.token_id(modifier) {
                                out.push(TokenMatch {
                                    query_pos: pos,
                                    token: m,
                                    sim: 0.4,
                                });
                            }
                        }
                        break;
                    }
                }
                // the compounds that end like this one, longer than its known head: they share
                // its head word even when the index has no such word on its own
                // ("rensemaskinearbejder" → "fabriksarbejder", "flugzeugbauer" → "werkzeugbauer")
                let family = if compounds && head_len == 0 {
                    self.same_ending(t, FAMILY_MIN)
                } else {
                    Vec::new()
                };
                for id in family {
                    if !out.iter().any(|m| m.query_pos == pos && m.token == id) {
                        out.push(TokenMatch {
                            query_pos: pos,
                            token: id,
                            sim: FAMILY_SIM,
                        });
                    }
                }
            }
        }
        out
    }

    /// Up to [`FAMILY_MAX`] tokens that share the longest ending with `t`, when that ending
    /// has at least `min` bytes and is not `t` itself.
    fn same_ending(&self, t: &str, min: usize) -> Vec<u32> {
        let common = |id: u32| {
            self.tokens
                .get(id)
                .bytes()
                .rev()
                .zip(t.bytes().rev())
                .take_while(|(a, b)| a == b)
                .count()
        };
        let at = self
            .by_suffix
            .partition_point(|&id| self.tokens.get(id).bytes().rev().lt(t.bytes().rev()));
        // the longest common ending is found beside the insertion point
        let best = [at.checked_sub(1), Some(at)]
            .into_iter()
            .flatten()
            .filter_map(|i| self.by_suffix.get(i))
            .map(|&id| common(id))
            .max()
            .unwrap_or(0);
        if best < min || best >= t.len() {
            return Vec::new();
        }
        let mut lo = at;
        while lo > 0 && common(self.by_suffix[lo - 1]) >= best {
            lo -= 1;
        }
        let mut hi = at;
        while hi < self.by_suffix.len() && common(self.by_suffix[hi]) >= best {
            hi += 1;
        }
        self.by_suffix[lo..hi]
            .iter()
            .copied()
            .take(FAMILY_MAX)
            .collect()
    }
}

/// Least length of a shared ending that makes two compounds one family.
const FAMILY_MIN: usize = 5;
/// Most compounds of one family asked for.
const FAMILY_MAX: usize = 8;
/// Similarity given to a compound of the same family.
const FAMILY_SIM: f32 = 0.6;

/// Whether a near spelling `c` of the compound `t` is another compound rather than the same word
/// inflected or mistyped: both long, more than one edit apart, and differing before their last
/// three letters ("fallmanager"/"farmmanager", "produktingenieur"/"produktionsingenieur"; but
/// "technikerin"/"techniker" and "flugtriebwerksmechaniker"/"flugtriebwerkmechaniker" are one).
fn other_compound(t: &str, c: &str) -> bool {
    const INFLECTION: usize = 3;
    if t.len().min(c.len()) < 8 {
        return false;
    }
    let prefix = t.bytes().zip(c.bytes()).take_while(|(a, b)| a == b).count();
    prefix + INFLECTION < t.len().min(c.len()) && strsim::levenshtein(t, c) > 1
}

#[cfg(test)]
mod compound_tests {
    use super::other_compound;

    #[test]
    fn a_near_compound_with_another_modifier_is_another_word() {
        assert!(other_compound("fallmanager", "farmmanager"));
        assert!(other_compound("produktingenieur", "produktionsingenieur"));
        assert!(other_compound("verkaufsgartner", "verkaufstrainer"));
        // inflections and single typos are the same word
        assert!(!other_compound("technikerin", "techniker"));
        assert!(!other_compound(
            "flugtriebwerksmechaniker",
            "flugtriebwerkmechaniker"
        ));
        assert!(!other_compound("krankenpfleger", "krankenpflger"));
        // short words are left to the usual similarity
        assert!(!other_compound("maler", "mauer"));
    }
}
