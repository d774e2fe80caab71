//! Text normalisation and matching: Unicode folding and transliteration to Latin (deunicode),
//! case, punctuation; token and character n-gram indexes; scoring with strsim.

pub mod arena;
pub mod index;
pub mod normalize;

pub use normalize::{fold, tokens};
