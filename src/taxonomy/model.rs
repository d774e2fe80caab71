//! The typed model of the data files. Each type deserialises from the YAML format documented in
//! `taxonomies/FORMAT.md`; unknown fields are rejected so typos surface in `skillbridge check`.

use serde::{Deserialize, Deserializer, Serialize};
use std::collections::BTreeMap;

/// A code or level written as `6`, `6.0` or `"6"`.
#[derive(Deserialize)]
#[serde(untagged)]
enum Scalar {
    Text(String),
    Int(i64),
    Float(f64),
}

impl Scalar {
    fn into_string(self) -> String {
        match self {
            Scalar::Text(s) => s,
            Scalar::Int(i) => i.to_string(),
            Scalar::Float(f) => f.to_string(),
        }
    }
}

/// Accept `6`, `6.0` or `"6"` for a code or level and keep it as a string.
pub(crate) fn de_str<'de, D: Deserializer<'de>>(d: D) -> Result<String, D::Error> {
    Ok(Scalar::deserialize(d)?.into_string())
}

pub(crate) fn de_opt_str<'de, D: Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    Ok(Option::<Scalar>::deserialize(d)?.map(Scalar::into_string))
}

/// A list of codes, or a single code.
pub(crate) fn de_vec_str<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        Many(Vec<Scalar>),
        One(Scalar),
    }
    Ok(match Option::<OneOrMany>::deserialize(d)? {
        None => Vec::new(),
        Some(OneOrMany::Many(v)) => v.into_iter().map(Scalar::into_string).collect(),
        Some(OneOrMany::One(s)) => vec![s.into_string()],
    })
}

// ---------------------------------------------------------------- ISCO-08

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IscoGroup {
    #[serde(deserialize_with = "de_str")]
    pub code: String,
    pub title: String,
    #[serde(
        default,
        deserialize_with = "de_opt_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub parent: Option<String>,
    #[serde(default)]
    pub skill_levels: Vec<u8>,
}

impl IscoGroup {
    /// 1 major, 2 sub-major, 3 minor, 4 unit group.
    pub fn depth(&self) -> usize {
        self.code.len()
    }
    pub fn kind(&self) -> &'static str {
        match self.code.len() {
            1 => "major group",
            2 => "sub-major group",
            3 => "minor group",
            _ => "unit group",
        }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IscoFile {
    pub sources: Vec<String>,
    pub groups: Vec<IscoGroup>,
}

/// The ISCO-08 rule for the skill levels of a group (from its code).
pub fn isco_rule_skill_levels(code: &str) -> Vec<u8> {
    let b = code.as_bytes();
    match b.first() {
        Some(b'1') => vec![3, 4],
        Some(b'2') => vec![4],
        Some(b'3') => vec![3],
        Some(b'4'..=b'8') => vec![2],
        Some(b'9') => vec![1],
        Some(b'0') => match b.get(1) {
            Some(b'1') => vec![4],
            Some(b'2') => vec![2],
            Some(b'3') => vec![1],
            None => vec![1, 2, 4],
            _ => vec![],
        },
        _ => vec![],
    }
}

// ---------------------------------------------------------------- ISCED

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IscedLevel {
    pub level: u8,
    pub title: String,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IscedFile {
    pub sources: Vec<String>,
    pub levels: Vec<IscedLevel>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct IscedField {
    #[serde(deserialize_with = "de_str")]
    pub code: String,
    pub title: String,
    #[serde(
        default,
        deserialize_with = "de_opt_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub parent: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct IscedFFile {
    pub sources: Vec<String>,
    pub fields: Vec<IscedField>,
}

// ---------------------------------------------------------------- frameworks

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum FrameworkKind {
    Meta,
    National,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct QualificationType {
    pub name: String,
    #[serde(default)]
    pub english: String,
    pub isced: u8,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FrameworkLevel {
    #[serde(deserialize_with = "de_str")]
    pub level: String,
    #[serde(default)]
    pub descriptor: String,
    #[serde(default)]
    pub types: Vec<QualificationType>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Framework {
    pub id: String,
    pub name: String,
    pub kind: FrameworkKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub countries: Vec<String>,
    pub sources: Vec<String>,
    pub levels: Vec<FrameworkLevel>,
    #[serde(skip)]
    pub path: String,
}

impl Framework {
    pub fn level(&self, level: &str) -> Option<&FrameworkLevel> {
        self.levels
            .iter()
            .find(|l| l.level.eq_ignore_ascii_case(level))
    }
    pub fn level_index(&self, level: &str) -> Option<usize> {
        self.levels
            .iter()
            .position(|l| l.level.eq_ignore_ascii_case(level))
    }
}

// ---------------------------------------------------------------- referencing

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ReferencingKind {
    Referencing,
    Comparison,
    Alignment,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    Exact,
    Partial,
}

/// The confidence of one referencing link, from the kind of table and the relation.
pub fn link_confidence(kind: ReferencingKind, relation: Relation) -> f64 {
    match (kind, relation) {
        (ReferencingKind::Referencing, Relation::Exact) => 0.95,
        (ReferencingKind::Referencing, Relation::Partial) => 0.75,
        (_, Relation::Exact) => 0.9,
        (_, Relation::Partial) => 0.7,
    }
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReferencingLink {
    #[serde(deserialize_with = "de_str")]
    pub from: String,
    #[serde(deserialize_with = "de_vec_str")]
    pub to: Vec<String>,
    pub relation: Relation,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Referencing {
    pub from: String,
    pub to: String,
    pub kind: ReferencingKind,
    pub sources: Vec<String>,
    pub links: Vec<ReferencingLink>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(skip)]
    pub path: String,
}

// ---------------------------------------------------------------- skill levels

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct SkillLevelIsced {
    pub skill_level: u8,
    pub isced: Vec<u8>,
    #[serde(default)]
    pub description: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SkillLevelFile {
    pub sources: Vec<String>,
    pub skill_levels: Vec<SkillLevelIsced>,
}

// ---------------------------------------------------------------- education systems

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Credential {
    pub id: String,
    pub names: Vec<String>,
    #[serde(default)]
    pub abbreviations: Vec<String>,
    pub english: String,
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub track: Option<String>,
    pub isced: u8,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_years: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follows: Option<String>,
    #[serde(
        default,
        deserialize_with = "de_opt_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub nqf_level: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eqf: Vec<u8>,
    #[serde(
        default,
        deserialize_with = "de_opt_str",
        skip_serializing_if = "Option::is_none"
    )]
    pub field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub regulated: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awarded_from: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awarded_until: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

pub const CREDENTIAL_KINDS: &[&str] = &[
    "school-basic",
    "school-lower-secondary",
    "school-upper-secondary",
    "vocational-secondary",
    "vocational-post-secondary",
    "short-cycle",
    "bachelor",
    "master",
    "integrated-master",
    "specialist",
    "doctorate",
    "professional",
    "other",
];

pub const REGULATED_FIELDS: &[&str] = &[
    "medicine",
    "nursing",
    "midwifery",
    "dentistry",
    "pharmacy",
    "veterinary",
    "architecture",
    "law",
    "engineering",
    "teaching",
];

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EducationSystem {
    pub country: String,
    pub name: String,
    #[serde(default)]
    pub nqf: Option<String>,
    pub sources: Vec<String>,
    pub credentials: Vec<Credential>,
    #[serde(skip)]
    pub path: String,
}

// ---------------------------------------------------------------- titles

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TitlesFile {
    pub lang: String,
    pub sources: Vec<String>,
    pub titles: BTreeMap<String, Vec<String>>,
    /// Titles that ESCO writes the same in another unit group by mistake (a mistranslation):
    /// they are placed here, and ESCO's labels of the same text and language are not indexed.
    #[serde(default)]
    pub esco_corrections: BTreeMap<String, Vec<String>>,
}

/// One curated job title.
#[derive(Debug, Clone, Serialize)]
pub struct CuratedTitle {
    pub code: String,
    pub title: String,
    pub lang: String,
    /// Listed under `esco_corrections`: placed against an ESCO label of the same text.
    pub corrects_esco: bool,
}

// ---------------------------------------------------------------- mappings for deskilling

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct FieldOccupation {
    #[serde(deserialize_with = "de_str")]
    pub field: String,
    #[serde(deserialize_with = "de_vec_str")]
    pub occupations: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct FieldOccupationFile {
    pub sources: Vec<String>,
    pub fields: Vec<FieldOccupation>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RegulatedProfession {
    pub id: String,
    pub title: String,
    #[serde(deserialize_with = "de_vec_str")]
    pub isco: Vec<String>,
    #[serde(default)]
    pub eu_sectoral: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct CountryRegulation {
    pub country: String,
    #[serde(default)]
    pub procedure: String,
    #[serde(default)]
    pub authority: String,
    pub regulated: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RegulatedFile {
    pub sources: Vec<String>,
    pub professions: Vec<RegulatedProfession>,
    pub countries: Vec<CountryRegulation>,
}

/// How a destination's credential-evaluation body usually places foreign credentials
/// (`mappings/evaluation-practice/<CC>.yaml`): rules over catalogue facts, first match wins.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct EvaluationPractice {
    /// ISO 3166-1 alpha-2 of the destination whose body this describes.
    pub destination: String,
    /// The evaluation body ("Nuffic (ENIC-NARIC Netherlands)").
    pub body: String,
    pub sources: Vec<String>,
    /// Named lists of origin countries the rules refer to (`ehea: [AL, AD, …]`).
    #[serde(default)]
    pub groups: BTreeMap<String, Vec<String>>,
    pub rules: Vec<PracticeRule>,
    #[serde(skip)]
    pub path: String,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PracticeRule {
    pub id: String,
    pub when: PracticeCondition,
    /// EQF level(s) the body usually gives; the first is the usual one.
    pub eqf: Vec<u8>,
    /// One line, shown with the result.
    pub note: String,
}

/// Every condition given must hold; an empty condition holds for every credential.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct PracticeCondition {
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub kind: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub track: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub isced: Vec<u8>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub regulated: Vec<String>,
    /// The catalogue's own EQF placement (first level) is one of these.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub catalogue_eqf: Vec<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_years: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_years: Option<f32>,
    /// `true`: the credential follows school directly (it names nothing it follows, or what it
    /// follows is a school certificate, general or vocational, ISCED 3 or below); `false`: it
    /// follows a post-secondary or higher-education credential.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after_school: Option<bool>,
    /// `true`: an upper-secondary school certificate of the same catalogue follows it (a
    /// pre-university year, an A level, a second part of the baccalauréat), so it does not
    /// complete school; `false`: none does.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school_follows: Option<bool>,
    /// The ISCED level of the credential it follows is one of these (a credential that names
    /// nothing it follows never meets this condition).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub follows_isced: Vec<u8>,
    /// Names of groups in `groups:`: the origin country belongs to one of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub origin_in: Vec<String>,
    /// Names of groups in `groups:`: the origin country belongs to none of them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub origin_not_in: Vec<String>,
}

impl PracticeCondition {
    /// Whether a catalogue entry of `origin` meets the condition. `years` is the duration to
    /// judge by (the one stated with the query, else the catalogue's); a condition on the
    /// duration fails when there is none. `follows` is the entry the credential follows, if
    /// the catalogue names one; `school_follows`, whether a school certificate follows it.
    pub fn holds(
        &self,
        c: &Credential,
        origin: &str,
        years: Option<f32>,
        (follows, school_follows): (Option<&Credential>, bool),
        groups: &BTreeMap<String, Vec<String>>,
    ) -> bool {
        // a vocational upper-secondary diploma is school too (Pakistan's DAE before a B.Tech.)
        let after_school = follows.map_or(true, |f| f.kind.starts_with("school") || f.isced <= 3);
        let any = |list: &[String], v: Option<&str>| {
            list.is_empty() || v.map(|v| list.iter().any(|x| x == v)).unwrap_or(false)
        };
        let in_group = |g: &str| {
            groups
                .get(g)
                .map(|l| l.iter().any(|x| x.eq_ignore_ascii_case(origin)))
                .unwrap_or(false)
        };
        any(&self.kind, Some(&c.kind))
            && any(&self.track, c.track.as_deref())
            && any(&self.regulated, c.regulated.as_deref())
            && (self.isced.is_empty() || self.isced.contains(&c.isced))
            && (self.catalogue_eqf.is_empty()
                || c.eqf
                    .first()
                    .map(|e| self.catalogue_eqf.contains(e))
                    .unwrap_or(false))
            && self
                .min_years
                .map(|m| years.map(|d| d >= m).unwrap_or(false))
                .unwrap_or(true)
            && self
                .max_years
                .map(|m| years.map(|d| d <= m).unwrap_or(false))
                .unwrap_or(true)
            && self.after_school.map_or(true, |a| a == after_school)
            && self.school_follows.map_or(true, |a| a == school_follows)
            && (self.follows_isced.is_empty()
                || follows.is_some_and(|f| self.follows_isced.contains(&f.isced)))
            && (self.origin_in.is_empty() || self.origin_in.iter().any(|g| in_group(g)))
            && !self.origin_not_in.iter().any(|g| in_group(g))
    }
}

impl EvaluationPractice {
    /// The first rule that places a catalogue entry of `origin`; `years` and the neighbours
    /// as in [`PracticeCondition::holds`].
    pub fn rule_for(
        &self,
        c: &Credential,
        origin: &str,
        years: Option<f32>,
        neighbours: (Option<&Credential>, bool),
    ) -> Option<&PracticeRule> {
        self.rules
            .iter()
            .find(|r| r.when.holds(c, origin, years, neighbours, &self.groups))
    }
}
