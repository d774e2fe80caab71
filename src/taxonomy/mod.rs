//! The typed taxonomy: ISCO-08, ISCED 2011, ISCED-F 2013, qualifications frameworks, referencing
//! tables, education-system catalogues, curated job titles and the mappings used for deskilling.
//!
//! [`Taxonomy::load`] reads a [`DataSet`], checks every file and returns the taxonomy together
//! with all problems found (`file:line: message`), never stopping at the first.

pub mod esco;
pub mod model;
pub mod source;
mod validate;

use std::collections::{BTreeMap, HashMap};

pub use model::*;
pub use source::{DataFile, DataSet};

use crate::error::{Diagnostic, Error, Result};

/// All the data, typed and indexed.
#[derive(Debug, Clone, Default)]
pub struct Taxonomy {
    pub isco: Vec<IscoGroup>,
    isco_index: HashMap<String, usize>,
    pub isced_levels: Vec<IscedLevel>,
    pub isced_fields: Vec<IscedField>,
    pub frameworks: Vec<Framework>,
    framework_index: HashMap<String, usize>,
    pub referencing: Vec<Referencing>,
    pub skill_levels: Vec<SkillLevelIsced>,
    pub education_systems: BTreeMap<String, EducationSystem>,
    pub titles: Vec<CuratedTitle>,
    pub field_occupations: Vec<FieldOccupation>,
    pub regulated_professions: Vec<RegulatedProfession>,
    pub country_regulations: Vec<CountryRegulation>,
    pub mismatch_methods: Vec<crate::deskilling::MismatchMethod>,
    /// Destination evaluation bodies' placement rules, one per destination country.
    pub evaluation_practice: Vec<EvaluationPractice>,
}

/// Finds the line of a `key: value` pair in a YAML text (the n-th occurrence), so that problems
/// found after deserialisation can still name a line.
pub(crate) struct Lines<'a> {
    lines: Vec<&'a str>,
}

impl<'a> Lines<'a> {
    pub fn new(text: &'a str) -> Self {
        Lines {
            lines: text.lines().collect(),
        }
    }
    /// 1-based line of the `nth` (0-based) `key: value`, or of the first `key:` when value is empty.
    pub fn find(&self, key: &str, value: &str, nth: usize) -> usize {
        let mut seen = 0;
        for (i, l) in self.lines.iter().enumerate() {
            let t = l.trim_start().trim_start_matches("- ").trim_start();
            if let Some(rest) = t.strip_prefix(key) {
                if let Some(v) = rest.strip_prefix(':') {
                    let v = v
                        .split(" #")
                        .next()
                        .unwrap_or("")
                        .trim()
                        .trim_matches(|c| c == '"' || c == '\'');
                    if value.is_empty() || v == value {
                        if seen == nth {
                            return i + 1;
                        }
                        seen += 1;
                    }
                }
            }
        }
        0
    }
    /// 1-based line of the first line containing `needle`.
    pub fn containing(&self, needle: &str) -> usize {
        self.lines
            .iter()
            .position(|l| l.contains(needle))
            .map(|i| i + 1)
            .unwrap_or(0)
    }
}

/// Turn a serde_yaml error into a diagnostic with the file and line.
pub(crate) fn yaml_diag(path: &str, e: &serde_yaml::Error) -> Diagnostic {
    let line = e.location().map(|l| l.line()).unwrap_or(0);
    let mut msg = e.to_string();
    if let Some(p) = msg.find(" at line ") {
        msg.truncate(p);
    }
    if msg.contains("unknown field") {
        msg.push_str(" (see taxonomies/FORMAT.md for the fields this file may have)");
    }
    Diagnostic::new(path, line, msg)
}

pub(crate) fn parse<T: serde::de::DeserializeOwned>(
    set: &DataSet,
    f: &DataFile,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    match serde_yaml::from_str::<T>(&f.text) {
        Ok(v) => Some(v),
        Err(e) => {
            diags.push(yaml_diag(&set.display_path(f), &e));
            None
        }
    }
}

impl Taxonomy {
    /// Load the embedded data.
    pub fn embedded() -> Result<Taxonomy> {
        Self::load_strict(&DataSet::embedded())
    }

    /// Load and fail with every problem when there is any.
    pub fn load_strict(set: &DataSet) -> Result<Taxonomy> {
        let (t, diags) = Self::load(set);
        if diags.is_empty() {
            Ok(t)
        } else {
            Err(Error::Data(diags))
        }
    }

    /// Load every file of the set; returns the taxonomy (with whatever could be read) and the
    /// problems found, in file order.
    pub fn load(set: &DataSet) -> (Taxonomy, Vec<Diagnostic>) {
        validate::load(set)
    }

    // ------------------------------------------------------------ lookups

    pub fn isco_group(&self, code: &str) -> Option<&IscoGroup> {
        self.isco_index.get(code).map(|&i| &self.isco[i])
    }

    /// The chain from the major group down to `code` (inclusive).
    pub fn isco_hierarchy(&self, code: &str) -> Vec<&IscoGroup> {
        (1..=code.len())
            .filter_map(|n| code.get(..n).and_then(|c| self.isco_group(c)))
            .collect()
    }

    pub fn isco_children(&self, code: &str) -> Vec<&IscoGroup> {
        self.isco
            .iter()
            .filter(|g| g.parent.as_deref() == Some(code))
            .collect()
    }

    pub fn unit_groups(&self) -> impl Iterator<Item = &IscoGroup> {
        self.isco.iter().filter(|g| g.code.len() == 4)
    }

    pub fn framework(&self, id: &str) -> Option<&Framework> {
        self.framework_index
            .get(&id.to_ascii_uppercase())
            .map(|&i| &self.frameworks[i])
    }

    /// Resolve a framework from an id (`DE-DQR`), a country code (`DE`, `GB-SCT`, `DEU`) or a
    /// country whose members use a meta-framework directly (CARICOM members → `CVQ`).
    pub fn resolve_framework(&self, name: &str) -> Option<&Framework> {
        if let Some(f) = self.framework(name.trim()) {
            return Some(f);
        }
        let c = crate::country::resolve(name)?;
        self.framework_for_country(&c.code)
    }

    /// The national framework of a country, or the meta-framework it uses directly.
    pub fn framework_for_country(&self, code: &str) -> Option<&Framework> {
        let code = code.to_ascii_uppercase();
        let national: Vec<&Framework> = self
            .frameworks
            .iter()
            .filter(|f| {
                f.kind == FrameworkKind::National
                    && f.country
                        .as_deref()
                        .map(|c| c.eq_ignore_ascii_case(&code))
                        .unwrap_or(false)
            })
            .collect();
        if let Some(f) = national.first() {
            return Some(f);
        }
        if code == "GB" {
            return self.framework_for_country("GB-ENG");
        }
        self.frameworks
            .iter()
            .find(|f| f.countries.iter().any(|c| c.eq_ignore_ascii_case(&code)))
    }

    pub fn education_system(&self, country: &str) -> Option<&EducationSystem> {
        self.education_systems.get(&country.to_ascii_uppercase())
    }

    /// Referencing tables touching a framework.
    pub fn referencing_of(&self, id: &str) -> Vec<&Referencing> {
        self.referencing
            .iter()
            .filter(|r| r.from.eq_ignore_ascii_case(id) || r.to.eq_ignore_ascii_case(id))
            .collect()
    }

    /// ISCED levels that an ISCO skill level requires.
    pub fn isced_for_skill_level(&self, skill_level: u8) -> Vec<u8> {
        self.skill_levels
            .iter()
            .find(|s| s.skill_level == skill_level)
            .map(|s| s.isced.clone())
            .unwrap_or_default()
    }

    /// The ISCO skill level matching an ISCED level.
    pub fn skill_level_for_isced(&self, isced: u8) -> Option<u8> {
        self.skill_levels
            .iter()
            .find(|s| s.isced.contains(&isced))
            .map(|s| s.skill_level)
    }

    /// The ISCED-F field for a code, accepting the "not further defined" codes of ISCED-F 2013
    /// (`0710` = 071 n.f.d., `0700` = 07 n.f.d.), which resolve to their narrow or broad field.
    pub fn isced_field_known(&self, code: &str) -> Option<&IscedField> {
        let find = |c: &str| self.isced_fields.iter().find(|f| f.code == c);
        if let Some(f) = find(code) {
            return Some(f);
        }
        if code.len() == 4 && code.ends_with('0') {
            if code.ends_with("00") {
                if let Some(f) = find(&code[..2]) {
                    return Some(f);
                }
            }
            return find(&code[..3]);
        }
        if code.len() == 3 && code.ends_with('0') {
            return find(&code[..2]);
        }
        None
    }

    pub fn regulated_profession(&self, id: &str) -> Option<&RegulatedProfession> {
        self.regulated_professions.iter().find(|p| p.id == id)
    }

    /// The regulated professions recorded for a destination (a UK nation such as `GB-SCT` falls
    /// back to `GB`), with the country code they are reported under, and whether `profession`
    /// is among them.
    pub fn regulation_at(
        &self,
        country: &str,
        profession: &str,
    ) -> (String, Option<&CountryRegulation>, bool) {
        let base = country.split('-').next().unwrap_or(country).to_string();
        let reg = self
            .country_regulation(country)
            .or_else(|| self.country_regulation(&base));
        let regulated = reg
            .map(|r| r.regulated.iter().any(|x| x == profession))
            .unwrap_or(false);
        (base, reg, regulated)
    }

    pub fn country_regulation(&self, country: &str) -> Option<&CountryRegulation> {
        self.country_regulations
            .iter()
            .find(|c| c.country.eq_ignore_ascii_case(country))
    }

    /// The evaluation-practice rules of a destination country, if recorded.
    pub fn practice_for(&self, country: &str) -> Option<&EvaluationPractice> {
        self.evaluation_practice
            .iter()
            .find(|p| p.destination.eq_ignore_ascii_case(country))
    }

    pub(crate) fn reindex(&mut self) {
        self.isco_index = self
            .isco
            .iter()
            .enumerate()
            .map(|(i, g)| (g.code.clone(), i))
            .collect();
        self.framework_index = self
            .frameworks
            .iter()
            .enumerate()
            .map(|(i, f)| (f.id.to_ascii_uppercase(), i))
            .collect();
    }
}

/// A group found by a title search.
#[derive(Debug, Clone, serde::Serialize)]
pub struct TitleHit<'a> {
    pub group: &'a IscoGroup,
    pub score: f64,
}

fn stem(t: &str) -> &str {
    if t.len() > 3 && t.ends_with('s') && !t.ends_with("ss") {
        &t[..t.len() - 1]
    } else {
        t
    }
}

impl Taxonomy {
    /// ISCO-08 groups whose titles match a text, best first (a linear scan of the 619 titles;
    /// the occupation coder has the indexed matcher for free-text job titles).
    pub fn search_isco_titles(&self, query: &str, limit: usize) -> Vec<TitleHit<'_>> {
        let q = crate::text::fold(query);
        let qt: Vec<&str> = crate::text::tokens(&q).map(stem).collect();
        if qt.is_empty() {
            return Vec::new();
        }
        let mut hits: Vec<TitleHit<'_>> = self
            .isco
            .iter()
            .filter_map(|g| {
                let t = crate::text::fold(&g.title);
                let tt: Vec<&str> = crate::text::tokens(&t).map(stem).collect();
                let covered = qt
                    .iter()
                    .filter(|w| tt.iter().any(|x| x.starts_with(*w)))
                    .count() as f64
                    / qt.len() as f64;
                if covered == 0.0 {
                    return None;
                }
                let score = 0.75 * covered + 0.25 * strsim::jaro_winkler(&q, &t)
                    - 0.01 * (4 - g.code.len().min(4)) as f64;
                Some(TitleHit {
                    group: g,
                    score: (score.clamp(0.0, 1.0) * 1000.0).round() / 1000.0,
                })
            })
            .collect();
        hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| a.group.code.cmp(&b.group.code))
        });
        hits.truncate(limit);
        hits
    }
}
