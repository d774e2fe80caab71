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
            out.push((
                m.id.clone(),
                format!(
                    "table method {} needs `otherwise:` (the class of cells not listed)",
                    m.id
                ),
            ));
        }
        for c in &m.cells {
            for i in &c.isced {
                if *i > 8 {
                    out.push((
                        m.id.clone(),
                        format!("method {}: ISCED level {i} out of range (0-8)", m.id),
                    ));
                }
            }
            for g in &c.major_groups {
                if g.len() != 1 || !g.as_bytes()[0].is_ascii_digit() {
                    out.push((
                        m.id.clone(),
                        format!("method {}: {g:?} is not an ISCO-08 major group (0-9)", m.id),
                    ));
                }
            }
        }
    }
    out
}

use crate::taxonomy::Taxonomy;

/// Vertical mismatch of one person in one job.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Mismatch {
    pub method: String,
    pub class: MismatchClass,
    /// Skill levels between the person's education and the job (positive: over-qualified);
    /// only for skill-level methods.
    pub levels: Option<i32>,
    pub required_isced: Vec<u8>,
    pub person_isced: Option<u8>,
    /// Why the class is `unknown`, or how it was decided.
    pub reason: String,
}

/// The skill levels of an ISCO-08 code at any depth (1-4 digits): from the data for the group,
/// else the ISCO-08 rule for its major/sub-major group.
pub fn skill_levels_of(t: &Taxonomy, code: &str) -> Vec<u8> {
    match t.isco_group(code) {
        Some(g) if !g.skill_levels.is_empty() => g.skill_levels.clone(),
        _ => crate::taxonomy::isco_rule_skill_levels(code),
    }
}

/// Classify a person (ISCED level) in a job (ISCO-08 code, any depth) with a method.
pub fn classify(
    t: &Taxonomy,
    method: &MismatchMethod,
    person_isced: Option<u8>,
    job: Option<&str>,
) -> Mismatch {
    let mut m = Mismatch {
        method: method.id.clone(),
        class: MismatchClass::Unknown,
        levels: None,
        required_isced: Vec::new(),
        person_isced,
        reason: String::new(),
    };
    let Some(job) = job.filter(|j| !j.is_empty()) else {
        m.reason = "the current job could not be coded to ISCO-08".into();
        return m;
    };
    let sls = skill_levels_of(t, job);
    let mut req: Vec<u8> = sls
        .iter()
        .flat_map(|s| t.isced_for_skill_level(*s))
        .collect();
    req.sort();
    req.dedup();
    m.required_isced = req.clone();
    let Some(p) = person_isced else {
        m.reason = "the credential's ISCED level is unknown".into();
        return m;
    };
    match method.rule {
        MismatchRule::SkillLevel => {
            if sls.is_empty() || req.is_empty() {
                m.reason = format!(
                    "ISCO-08 {job} has no skill level at this depth (major group 0 needs 2 digits)"
                );
                return m;
            }
            let Some(psl) = t.skill_level_for_isced(p) else {
                m.reason =
                    format!("ISCED {p} has no ISCO skill level (ISCED 0 is below skill level 1)");
                // ISCED 0: below every job's requirement
                if p == 0 {
                    m.class = MismatchClass::UnderQualified;
                    m.levels = Some(-(*sls.iter().min().unwrap_or(&1) as i32));
                }
                return m;
            };
            let (lo, hi) = (
                *sls.iter().min().unwrap_or(&1) as i32,
                *sls.iter().max().unwrap_or(&4) as i32,
            );
            let psl = psl as i32;
            if req.contains(&p) {
                m.class = MismatchClass::Matched;
                m.levels = Some(0);
                m.reason = format!(
                    "ISCED {p} is within ISCED {:?} required by skill level {:?}",
                    req, sls
                );
            } else if psl > hi {
                m.class = MismatchClass::OverQualified;
                m.levels = Some(psl - hi);
                m.reason = format!(
                    "ISCED {p} (skill level {psl}) above skill level {hi} of ISCO-08 {job}"
                );
            } else if psl < lo {
                m.class = MismatchClass::UnderQualified;
                m.levels = Some(psl - lo);
                m.reason = format!(
                    "ISCED {p} (skill level {psl}) below skill level {lo} of ISCO-08 {job}"
                );
            } else {
                m.class = MismatchClass::Matched;
                m.levels = Some(0);
            }
        }
        MismatchRule::Table => {
            let major = &job[..1];
            let cell = method
                .cells
                .iter()
                .find(|c| c.isced.contains(&p) && c.major_groups.iter().any(|g| g == major));
            m.class = cell
                .map(|c| c.class)
                .or(method.otherwise)
                .unwrap_or(MismatchClass::Unknown);
            m.reason = match cell {
                Some(_) => format!(
                    "ISCED {p} in major group {major}: listed in the {} table",
                    method.id
                ),
                None => format!(
                    "ISCED {p} in major group {major}: not listed in the {} table",
                    method.id
                ),
            };
        }
    }
    m
}

/// Occupational downgrading from the job abroad to the current job.
#[derive(Debug, Clone, Serialize)]
pub struct Downgrading {
    /// `downgraded`, `same`, `upgraded` or `unknown`.
    pub class: String,
    pub previous_skill_level: Option<u8>,
    pub current_skill_level: Option<u8>,
    /// Drop in ISCO skill level (positive = down).
    pub skill_level_drop: Option<i32>,
    pub major_group_fell: Option<bool>,
}

fn top_skill_level(t: &Taxonomy, code: &str) -> Option<u8> {
    skill_levels_of(t, code).into_iter().max()
}

/// Compare the previous job with the current one.
pub fn downgrading(t: &Taxonomy, previous: Option<&str>, current: Option<&str>) -> Downgrading {
    let p = previous.and_then(|c| top_skill_level(t, c));
    let c = current.and_then(|c| top_skill_level(t, c));
    let drop = match (p, c) {
        (Some(p), Some(c)) => Some(p as i32 - c as i32),
        _ => None,
    };
    // major groups 1-9 are ordered by skill; 0 (armed forces) is not comparable
    let fell = match (previous, current) {
        (Some(a), Some(b))
            if !a.starts_with('0') && !b.starts_with('0') && !a.is_empty() && !b.is_empty() =>
        {
            Some(b[..1] > a[..1])
        }
        _ => None,
    };
    let class = match drop {
        None => "unknown",
        Some(d) if d > 0 => "downgraded",
        Some(0) => {
            if fell == Some(true) {
                "downgraded"
            } else {
                "same"
            }
        }
        Some(_) => "upgraded",
    };
    Downgrading {
        class: class.into(),
        previous_skill_level: p,
        current_skill_level: c,
        skill_level_drop: drop,
        major_group_fell: fell,
    }
}

/// Horizontal (field-of-study) match.
#[derive(Debug, Clone, Serialize)]
pub struct FieldMatch {
    /// `related`, `unrelated` or `unknown`.
    pub class: String,
    pub field: Option<String>,
    pub field_title: Option<String>,
    /// ISCO-08 groups the field leads to.
    pub related_occupations: Vec<String>,
    pub reason: String,
}

/// Resolve a field of study given as an ISCED-F code or as text.
pub fn resolve_field<'a>(t: &'a Taxonomy, field: &str) -> Option<&'a crate::taxonomy::IscedField> {
    let f = field.trim();
    if f.bytes().all(|b| b.is_ascii_digit()) && !f.is_empty() {
        return t.isced_field_known(f);
    }
    let q = crate::text::fold(f);
    let qt: Vec<String> = crate::text::tokens(&q)
        .map(crate::text::normalize::stem)
        .collect();
    if qt.is_empty() {
        return None;
    }
    let mut best: Option<(f64, &crate::taxonomy::IscedField)> = None;
    for x in &t.isced_fields {
        let tt: Vec<String> = crate::text::tokens(&crate::text::fold(&x.title))
            .map(crate::text::normalize::stem)
            .collect();
        let hit = qt.iter().filter(|w| tt.contains(w)).count() as f64;
        if hit == 0.0 {
            continue;
        }
        // coverage of the query, then specificity (deeper codes), then shorter titles
        let s = hit / qt.len() as f64 + 0.1 * hit / tt.len() as f64 + 0.01 * x.code.len() as f64;
        if best.map(|b| s > b.0).unwrap_or(true) {
            best = Some((s, x));
        }
    }
    best.filter(|b| b.0 >= 0.5).map(|b| b.1)
}

/// Is the job related to the field of study?
pub fn field_match(t: &Taxonomy, field: Option<&str>, job: Option<&str>) -> FieldMatch {
    let mut fm = FieldMatch {
        class: "unknown".into(),
        field: None,
        field_title: None,
        related_occupations: vec![],
        reason: String::new(),
    };
    let Some(field) = field.filter(|f| !f.trim().is_empty()) else {
        fm.reason = "no field of study given".into();
        return fm;
    };
    let Some(f) = resolve_field(t, field) else {
        fm.reason = format!(
            "{field:?} is not an ISCED-F 2013 field (give a code like 0913 or a field name)"
        );
        return fm;
    };
    fm.field = Some(f.code.clone());
    fm.field_title = Some(f.title.clone());
    // the most specific entry of the relatedness table: detailed, then narrow, then broad field
    let entry = (1..=f.code.len())
        .rev()
        .filter_map(|n| t.field_occupations.iter().find(|x| x.field == f.code[..n]))
        .next();
    let Some(entry) = entry else {
        fm.reason = format!("no occupations recorded for field {}", f.code);
        return fm;
    };
    fm.related_occupations = entry.occupations.clone();
    if entry.occupations.is_empty() {
        fm.reason = format!(
            "field {} ({}) does not prepare for particular occupations",
            f.code, f.title
        );
        return fm;
    }
    let Some(job) = job.filter(|j| !j.is_empty()) else {
        fm.reason = "the current job could not be coded".into();
        return fm;
    };
    if entry
        .occupations
        .iter()
        .any(|o| job.starts_with(o.as_str()))
    {
        fm.class = "related".into();
        fm.reason = format!(
            "ISCO-08 {job} is among the occupations field {} leads to",
            f.code
        );
    } else if entry.occupations.iter().any(|o| o.starts_with(job)) {
        fm.reason = format!("the job is coded only to {job}, which contains some related groups");
    } else {
        fm.class = "unrelated".into();
        fm.reason = format!(
            "ISCO-08 {job} is not among {:?}, the occupations field {} leads to",
            entry.occupations, f.code
        );
    }
    fm
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::taxonomy::{DataSet, Taxonomy};
    use proptest::prelude::*;
    use std::sync::OnceLock;

    fn tax() -> &'static Taxonomy {
        static T: OnceLock<Taxonomy> = OnceLock::new();
        T.get_or_init(|| Taxonomy::load(&DataSet::embedded()).0)
    }

    fn method(id: &str) -> MismatchMethod {
        tax()
            .mismatch_methods
            .iter()
            .find(|m| m.id == id)
            .cloned()
            .expect("method")
    }

    proptest! {
        /// Eurostat: over-qualified exactly when ISCED 5-8 and major group 4-9.
        #[test]
        fn eurostat_agrees_with_its_definition(isced in 0u8..=8, major in 0u8..=9) {
            let t = tax();
            let unit = t.unit_groups().find(|g| g.code.starts_with(&major.to_string())).unwrap().code.clone();
            let m = classify(t, &method("eurostat"), Some(isced), Some(&unit));
            let expected = if (5..=8).contains(&isced) && (4..=9).contains(&major) { MismatchClass::OverQualified } else { MismatchClass::Matched };
            prop_assert_eq!(m.class, expected);
        }
    }

    /// The same definition, checked on every ISCED level × ISCO major group (90 cells).
    #[test]
    fn eurostat_every_cell() {
        let t = tax();
        let m = method("eurostat");
        for major in 0u8..=9 {
            let unit = t
                .unit_groups()
                .find(|g| g.code.starts_with(&major.to_string()))
                .unwrap()
                .code
                .clone();
            for isced in 0u8..=8 {
                let expected = if (5..=8).contains(&isced) && (4..=9).contains(&major) {
                    MismatchClass::OverQualified
                } else {
                    MismatchClass::Matched
                };
                assert_eq!(
                    classify(t, &m, Some(isced), Some(&unit)).class,
                    expected,
                    "ISCED {isced}, major group {major}"
                );
            }
        }
    }

    #[test]
    fn ilo_normative_levels() {
        let t = tax();
        let m = classify(t, &method("ilo-normative"), Some(6), Some("5321"));
        assert_eq!((m.class, m.levels), (MismatchClass::OverQualified, Some(2)));
        let m = classify(t, &method("ilo-normative"), Some(3), Some("2221"));
        assert_eq!(
            (m.class, m.levels),
            (MismatchClass::UnderQualified, Some(-2))
        );
        let m = classify(t, &method("ilo-normative"), Some(7), Some("1120"));
        assert_eq!(m.class, MismatchClass::Matched);
        let m = classify(t, &method("ilo-normative"), None, Some("1120"));
        assert_eq!(m.class, MismatchClass::Unknown);
    }
}
