//! An inverted index over short labels: token postings with IDF weights, and a character-trigram
//! index over the vocabulary for tokens the index does not know (misspellings, compounds).
//!
//! Built once by [`LabelIndexBuilder`], then immutable; it serialises (bincode) so a large index
//! (ESCO in 21 languages) loads fast instead of being rebuilt.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// The immutable index. Label ids are positions in the builder's insertion order.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct LabelIndex {
    vocab: HashMap<String, u32>,
    tokens: Vec<String>,
    idf: Vec<f32>,
    postings: Vec<Vec<u32>>,
    grams: HashMap<String, Vec<u32>>,
    /// Token ids of each label.
    label_tokens: Vec<Vec<u32>>,
    n_labels: u32,
}

/// Collects labels (as token lists), then builds the index.
#[derive(Debug, Default)]
pub struct LabelIndexBuilder {
    vocab: HashMap<String, u32>,
    tokens: Vec<String>,
    label_tokens: Vec<Vec<u32>>,
}

fn trigrams(t: &str) -> Vec<String> {
    let padded: Vec<char> = format!("^{t}$").chars().collect();
    if padded.len() < 3 {
        return vec![padded.iter().collect()];
    }
    let mut v: Vec<String> = padded.windows(3).map(|w| w.iter().collect()).collect();
    v.sort();
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
        let mut postings: Vec<Vec<u32>> = vec![Vec::new(); self.tokens.len()];
        for (li, toks) in self.label_tokens.iter().enumerate() {
            let mut seen = toks.clone();
            seen.sort();
            seen.dedup();
            for t in seen {
                postings[t as usize].push(li as u32);
            }
        }
        let idf = postings.iter().map(|p| ((1.0 + n as f64) / (1.0 + p.len() as f64)).ln() as f32 + 0.1).collect();
        let mut grams: HashMap<String, Vec<u32>> = HashMap::new();
        for (ti, t) in self.tokens.iter().enumerate() {
            if t.len() >= 4 {
                for g in trigrams(t) {
                    grams.entry(g).or_default().push(ti as u32);
                }
            }
        }
        LabelIndex { vocab: self.vocab, tokens: self.tokens, idf, postings, grams, label_tokens: self.label_tokens, n_labels: n as u32 }
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
    pub fn len(&self) -> usize {
        self.n_labels as usize
    }
    pub fn is_empty(&self) -> bool {
        self.n_labels == 0
    }
    pub fn token_id(&self, t: &str) -> Option<u32> {
        self.vocab.get(t).copied()
    }
    pub fn token(&self, id: u32) -> &str {
        &self.tokens[id as usize]
    }
    pub fn idf(&self, id: u32) -> f32 {
        self.idf[id as usize]
    }
    /// The IDF given to a token the index has never seen.
    pub fn unknown_idf(&self) -> f32 {
        ((1.0 + self.n_labels as f64).ln() as f32) + 0.1
    }
    pub fn label_tokens(&self, label: u32) -> &[u32] {
        &self.label_tokens[label as usize]
    }
    pub fn postings(&self, token: u32) -> &[u32] {
        &self.postings[token as usize]
    }

    /// Resolve query tokens: exact vocabulary hits, else up to 3 similar tokens (trigram
    /// candidates confirmed by Jaro-Winkler), else the longest known suffix of a compound
    /// ("agrarberater" → "berater").
    pub fn resolve(&self, toks: &[String]) -> Vec<TokenMatch> {
        let mut out = Vec::new();
        for (pos, t) in toks.iter().enumerate() {
            if let Some(id) = self.token_id(t) {
                out.push(TokenMatch { query_pos: pos, token: id, sim: 1.0 });
                continue;
            }
            if t.len() < 4 {
                continue;
            }
            let tg = trigrams(t);
            let mut counts: HashMap<u32, u16> = HashMap::new();
            for g in &tg {
                if let Some(p) = self.grams.get(g) {
                    if p.len() > 4000 {
                        continue;
                    }
                    for &ti in p {
                        *counts.entry(ti).or_default() += 1;
                    }
                }
            }
            let mut cands: Vec<(f32, u32)> = counts
                .into_iter()
                .filter(|(_, c)| *c as usize * 2 >= tg.len())
                .filter_map(|(ti, _)| {
                    let cand = &self.tokens[ti as usize];
                    let s = strsim::jaro_winkler(t, cand) as f32;
                    (s >= 0.9).then_some((s, ti))
                })
                .collect();
            cands.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
            let found = !cands.is_empty();
            for (s, ti) in cands.into_iter().take(3) {
                out.push(TokenMatch { query_pos: pos, token: ti, sim: s * 0.9 });
            }
            if !found && t.len() >= 7 {
                for i in 1..t.len().saturating_sub(3) {
                    if !t.is_char_boundary(i) {
                        continue;
                    }
                    if let Some(id) = self.token_id(&t[i..]) {
                        out.push(TokenMatch { query_pos: pos, token: id, sim: 0.7 });
                        break;
                    }
                }
            }
        }
        out
    }
}
