//! Vertical (skill-level) and horizontal (field) mismatch.
//!
//! A mismatch method is a table in `mappings/mismatch-methods.yaml`:
//! - `rule: skill-level` compares the person's ISCED level with the ISCED levels that the job's
//!   ISCO-08 skill level requires (`mappings/isced-isco-skill-levels.yaml`) — the ILO normative
//!   measure;
//! - `rule: table` classifies by cells of ISCED level × ISCO major group (the Eurostat measure:
//!   ISCED 5–8 in major groups 4–9 is over-qualification), with an `otherwise` class.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MismatchRule {
    SkillLevel,
    Table,
}

/// One cell of a table method.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MismatchCell {
    pub isced: Vec<u8>,
    #[serde(deserialize_with = "crate::taxonomy::model::de_vec_str")]
    pub major_groups: Vec<String>,
    pub class: MismatchClass,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MismatchMethod {
    pub id: String,
    #[serde(default)]
    pub description: String,
    pub rule: MismatchRule,
    #[serde(default)]
    pub cells: Vec<MismatchCell>,
    #[serde(default)]
    pub otherwise: Option<MismatchClass>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct MismatchFile {
    pub sources: Vec<String>,
    pub methods: Vec<MismatchMethod>,
}

/// Vertical mismatch classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum MismatchClass {
    Matched,
    OverQualified,
    UnderQualified,
    Unknown,
}

impl MismatchClass {
    pub fn as_str(&self) -> &'static str {
        match self {
            MismatchClass::Matched => "matched",
            MismatchClass::OverQualified => "over-qualified",
            MismatchClass::UnderQualified => "under-qualified",
            MismatchClass::Unknown => "unknown",
        }
    }
}

/// Problems of a methods file: (text to find the line by, message).
pub(crate) fn check_methods(f: &MismatchFile) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut ids = std::collections::HashSet::new();
    for m in &f.methods {
        if !ids.insert(m.id.clone()) {
            out.push((m.id.clone(), format!("duplicate mismatch method {}", m.id)));
        }
        if m.rule == MismatchRule::Table && m.otherwise.is_none() {
            out.push((m.id.clone(), format!("table method {} needs `otherwise:` (the class of cells not listed)", m.id)));
        }
        for c in &m.cells {
            for i in &c.isced {
                if *i > 8 {
                    out.push((m.id.clone(), format!("method {}: ISCED level {i} out of range (0-8)", m.id)));
                }
            }
            for g in &c.major_groups {
                if g.len() != 1 || !g.as_bytes()[0].is_ascii_digit() {
                    out.push((m.id.clone(), format!("method {}: {g:?} is not an ISCO-08 major group (0-9)", m.id)));
                }
            }
        }
    }
    out
}
