//! One migrant's record → credential equivalence, occupations, vertical and horizontal
//! mismatch, downgrading, skills gap, regulated-profession note and a plain-language summary.
//!
//! [`RecordMatcher`] holds every index (immutable, `Sync`), so a batch can call
//! [`RecordMatcher::match_record`] per record from rayon workers.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

use crate::credential::{CredentialMatcher, CredentialQuery, Equivalence};
use crate::deskilling::{self, Downgrading, FieldMatch, Mismatch, MismatchClass, MismatchMethod};
use crate::error::{Error, Result};
use crate::graph::round3;
use crate::occupation::TitleIndex;
use crate::taxonomy::esco::{Compiled, Relation};
use crate::text::index::{LabelIndex, LabelIndexBuilder};
use crate::text::normalize::title_tokens;
use crate::Skillbridge;

/// One person's record.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    #[serde(default)]
    pub id: String,
    #[serde(default)]
    pub origin_country: String,
    #[serde(default)]
    pub credential: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub field_of_study: Option<String>,
    #[serde(default)]
    pub destination_country: String,
    #[serde(default)]
    pub current_job: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous_job: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skills: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years_experience: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration_years: Option<f32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub year_awarded: Option<i32>,
}

/// The credential part of a report.
#[derive(Debug, Clone, Serialize)]
pub struct CredentialPart {
    pub status: String,
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub best: Option<Equivalence>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// A coded job.
#[derive(Debug, Clone, Serialize)]
pub struct Job {
    pub text: String,
    /// ISCO-08 code at the depth the evidence allows (None when uncodable).
    pub isco: Option<String>,
    pub title: Option<String>,
    pub digits: usize,
    pub confidence: f64,
    pub skill_levels: Vec<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub esco_occupation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub esco_uri: Option<String>,
}

/// Essential skills of an occupation that the person has and lacks.
#[derive(Debug, Clone, Serialize)]
pub struct SkillsGap {
    pub status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occupation: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub occupation_uri: Option<String>,
    pub essential: usize,
    pub have: Vec<String>,
    pub missing: Vec<String>,
    pub coverage: Option<f64>,
    /// Skills of the record that were not found in ESCO.
    pub unresolved: Vec<String>,
    pub best_occupations: Vec<OccupationCoverage>,
}

#[derive(Debug, Clone, Serialize)]
pub struct OccupationCoverage {
    pub occupation: String,
    pub uri: String,
    pub isco: String,
    pub covered: usize,
    pub essential: usize,
    pub coverage: f64,
}

/// Regulated-profession note.
#[derive(Debug, Clone, Serialize)]
pub struct Regulated {
    pub regulated: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub profession: Option<String>,
    pub isco: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub country: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub procedure: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The full report for one record.
#[derive(Debug, Clone, Serialize)]
pub struct RecordReport {
    pub id: String,
    pub credential: CredentialPart,
    pub current_job: Option<Job>,
    pub previous_job: Option<Job>,
    pub mismatch: Mismatch,
    pub downgrading: Downgrading,
    pub field_match: FieldMatch,
    pub skills_gap: SkillsGap,
    pub regulated: Regulated,
    pub summary: String,
}

/// ESCO skills and occupation-skill relations, indexed for the skills gap.
#[derive(Debug)]
pub struct SkillData {
    skills: Vec<(String, String)>,
    by_uri: HashMap<String, u32>,
    names: LabelIndex,
    occupations: Vec<(String, String, String)>,
    occ_by_uri: HashMap<String, u32>,
    essential: Vec<Vec<u32>>,
    skill_occs: HashMap<u32, Vec<u32>>,
}

impl SkillsGap {
    /// A gap that could not be computed, with the reason.
    fn empty(status: &str) -> Self {
        SkillsGap {
            status: status.into(),
            occupation: None,
            occupation_uri: None,
            essential: 0,
            have: vec![],
            missing: vec![],
            coverage: None,
            unresolved: vec![],
            best_occupations: vec![],
        }
    }
}

impl SkillData {
    pub fn from_compiled(c: &Compiled) -> SkillData {
        let skills: Vec<(String, String)> = c
            .skills
            .iter()
            .map(|s| (s.uri.clone(), s.label.clone()))
            .collect();
        let by_uri = skills
            .iter()
            .enumerate()
            .map(|(i, s)| (s.0.clone(), i as u32))
            .collect();
        let mut b = LabelIndexBuilder::new();
        for s in &skills {
            b.add(&title_tokens(&s.1, "en"));
        }
        let occupations: Vec<(String, String, String)> = c
            .index
            .occupations
            .iter()
            .map(|o| (o.uri.clone(), o.code.clone(), o.label.clone()))
            .collect();
        let occ_by_uri = occupations
            .iter()
            .enumerate()
            .map(|(i, o)| (o.0.clone(), i as u32))
            .collect();
        let mut essential = vec![Vec::new(); occupations.len()];
        let mut skill_occs: HashMap<u32, Vec<u32>> = HashMap::new();
        for (o, s, r) in &c.relations {
            if *r == Relation::Essential {
                essential[*o as usize].push(*s);
                skill_occs.entry(*s).or_default().push(*o);
            }
        }
        SkillData {
            skills,
            by_uri,
            names: b.build(),
            occupations,
            occ_by_uri,
            essential,
            skill_occs,
        }
    }

    /// A skill given as an ESCO URI or a name (exact after normalisation).
    pub fn resolve(&self, s: &str) -> Option<u32> {
        if let Some(&i) = self.by_uri.get(s.trim()) {
            return Some(i);
        }
        let toks = title_tokens(s, "en");
        if toks.is_empty() {
            return None;
        }
        // all tokens known, and a skill whose tokens are exactly these
        let ids: Option<Vec<u32>> = toks.iter().map(|t| self.names.token_id(t)).collect();
        let ids = ids?;
        let mut sorted = ids.clone();
        sorted.sort();
        self.names.postings(ids[0]).iter().copied().find(|&l| {
            let mut lt = self.names.label_tokens(l).to_vec();
            lt.sort();
            lt == sorted
        })
    }

    pub fn occupation(&self, uri: &str) -> Option<u32> {
        self.occ_by_uri.get(uri).copied()
    }

    /// The gap for an occupation and the 5 occupations the person's skills cover best.
    pub fn gap(&self, occupation: Option<u32>, person: &[String]) -> SkillsGap {
        let mut have_ids = Vec::new();
        let mut unresolved = Vec::new();
        for s in person {
            match self.resolve(s) {
                Some(i) => have_ids.push(i),
                None => unresolved.push(s.clone()),
            }
        }
        have_ids.sort();
        have_ids.dedup();
        let mut gap = SkillsGap {
            unresolved,
            ..SkillsGap::empty("ok")
        };
        match occupation {
            Some(o) => {
                let ess = &self.essential[o as usize];
                gap.occupation = Some(self.occupations[o as usize].2.clone());
                gap.occupation_uri = Some(self.occupations[o as usize].0.clone());
                gap.essential = ess.len();
                for s in ess {
                    let name = self.skills[*s as usize].1.clone();
                    if have_ids.binary_search(s).is_ok() {
                        gap.have.push(name);
                    } else {
                        gap.missing.push(name);
                    }
                }
                gap.have.sort();
                gap.missing.sort();
                gap.coverage = if ess.is_empty() {
                    None
                } else {
                    Some(round3(gap.have.len() as f64 / ess.len() as f64))
                };
            }
            None => gap.status = "no ESCO occupation for the credential or previous job".into(),
        }
        let mut counts: BTreeMap<u32, usize> = BTreeMap::new();
        for s in &have_ids {
            for o in self.skill_occs.get(s).map(|v| v.as_slice()).unwrap_or(&[]) {
                *counts.entry(*o).or_default() += 1;
            }
        }
        let mut best: Vec<OccupationCoverage> = counts
            .into_iter()
            .map(|(o, n)| {
                let e = self.essential[o as usize].len().max(1);
                let (uri, isco, label) = &self.occupations[o as usize];
                OccupationCoverage {
                    occupation: label.clone(),
                    uri: uri.clone(),
                    isco: isco.clone(),
                    covered: n,
                    essential: e,
                    coverage: round3(n as f64 / e as f64),
                }
            })
            .collect();
        best.sort_by(|a, b| {
            b.coverage
                .total_cmp(&a.coverage)
                .then_with(|| b.covered.cmp(&a.covered))
                .then_with(|| a.uri.cmp(&b.uri))
        });
        best.truncate(5);
        gap.best_occupations = best;
        gap
    }
}

/// Everything needed to match records, built once.
pub struct RecordMatcher<'a> {
    sb: &'a Skillbridge,
    credentials: CredentialMatcher<'a>,
    titles: TitleIndex,
    skills: Option<SkillData>,
}

impl<'a> RecordMatcher<'a> {
    /// `esco`: the compiled ESCO data when imported (titles and skills), else the embedded index.
    pub fn new(sb: &'a Skillbridge, esco: Option<Compiled>) -> Self {
        let (titles, skills) = match esco {
            Some(c) => {
                let s = SkillData::from_compiled(&c);
                (c.index, Some(s))
            }
            None => (
                crate::occupation::TitleIndexBuilder::from_taxonomy(&sb.taxonomy).build(),
                None,
            ),
        };
        RecordMatcher {
            sb,
            credentials: CredentialMatcher::new(sb),
            titles,
            skills,
        }
    }

    /// Without ESCO, with a title index built or loaded by the caller (a cached embedded index).
    pub fn with_titles(sb: &'a Skillbridge, titles: TitleIndex) -> Self {
        RecordMatcher {
            sb,
            credentials: CredentialMatcher::new(sb),
            titles,
            skills: None,
        }
    }

    pub fn method(&self, id: &str) -> Result<&MismatchMethod> {
        self.sb
            .taxonomy
            .mismatch_methods
            .iter()
            .find(|m| m.id == id)
            .ok_or_else(|| {
                Error::input(format!(
                    "unknown mismatch method {id:?}; methods: {}",
                    self.sb
                        .taxonomy
                        .mismatch_methods
                        .iter()
                        .map(|m| m.id.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ))
            })
    }

    /// Code a job given as a 4-digit ISCO-08 code or a title.
    pub fn code_job(&self, text: &str) -> Option<Job> {
        let t = &self.sb.taxonomy;
        let s = text.trim();
        if s.is_empty() {
            return None;
        }
        if s.bytes().all(|b| b.is_ascii_digit()) && (1..=4).contains(&s.len()) {
            let g = t.isco_group(s);
            return Some(Job {
                text: s.into(),
                isco: g.map(|g| g.code.clone()),
                title: g.map(|g| g.title.clone()),
                digits: if g.is_some() { s.len() } else { 0 },
                confidence: if g.is_some() { 1.0 } else { 0.0 },
                skill_levels: g
                    .map(|g| deskilling::skill_levels_of(t, &g.code))
                    .unwrap_or_default(),
                esco_occupation: None,
                esco_uri: None,
            });
        }
        let c = self.titles.code(s, "", 3);
        let top = c.top();
        let coded = c.coded.as_ref();
        Some(Job {
            text: s.into(),
            isco: coded.map(|k| k.code.clone()),
            title: coded.map(|k| k.title.clone()),
            digits: coded.map(|k| k.digits).unwrap_or(0),
            confidence: coded.map(|k| k.confidence).unwrap_or(0.0),
            skill_levels: coded
                .map(|k| deskilling::skill_levels_of(t, &k.code))
                .unwrap_or_default(),
            esco_occupation: top
                .filter(|x| coded.map(|k| x.code.starts_with(&k.code)).unwrap_or(false))
                .and_then(|x| x.esco.as_ref().map(|e| e.label.clone())),
            esco_uri: top
                .filter(|x| coded.map(|k| x.code.starts_with(&k.code)).unwrap_or(false))
                .and_then(|x| x.esco.as_ref().map(|e| e.uri.clone())),
        })
    }

    /// Match one record with a mismatch method. Never fails: problems become `unknown` parts
    /// with reasons.
    pub fn match_record(&self, r: &Record, method: &MismatchMethod) -> RecordReport {
        let t = &self.sb.taxonomy;
        // 1. credential
        let credential = if r.credential.trim().is_empty() {
            CredentialPart {
                status: "unknown".into(),
                best: None,
                error: Some("no credential given".into()),
            }
        } else {
            let q = CredentialQuery {
                origin: r.origin_country.clone(),
                text: r.credential.clone(),
                destination: r.destination_country.clone(),
                field: r.field_of_study.clone(),
                duration_years: r.duration_years,
                year: r.year_awarded,
                nqf_level: None,
            };
            match self.credentials.match_credential(&q) {
                Ok(res) => match res.best {
                    Some(b) => CredentialPart {
                        status: "matched".into(),
                        best: Some(b),
                        error: None,
                    },
                    None => CredentialPart {
                        status: "unknown".into(),
                        best: None,
                        error: Some(res.notes.join("; ")),
                    },
                },
                Err(e) => CredentialPart {
                    status: "error".into(),
                    best: None,
                    error: Some(e.to_string()),
                },
            }
        };
        // 2. jobs
        let current = self.code_job(&r.current_job);
        let previous = r.previous_job.as_deref().and_then(|p| self.code_job(p));
        let cur_code = current.as_ref().and_then(|j| j.isco.clone());
        let prev_code = previous.as_ref().and_then(|j| j.isco.clone());
        // 3. mismatch
        let person_isced = credential.best.as_ref().and_then(|b| b.isced_level);
        let mismatch = deskilling::classify(t, method, person_isced, cur_code.as_deref());
        // 4. downgrading
        let downgrading = deskilling::downgrading(t, prev_code.as_deref(), cur_code.as_deref());
        // 5. field
        let field = r
            .field_of_study
            .clone()
            .or_else(|| self.credential_field(&credential));
        let field_match = deskilling::field_match(t, field.as_deref(), cur_code.as_deref());
        // 7. regulated
        let regulated = self.regulated(&credential, &r.destination_country);
        // 6. skills gap
        let skills_gap = self.skills_gap(r, previous.as_ref(), &regulated);
        let summary = summary(&credential, current.as_ref(), &mismatch, &regulated);
        RecordReport {
            id: r.id.clone(),
            credential,
            current_job: current,
            previous_job: previous,
            mismatch,
            downgrading,
            field_match,
            skills_gap,
            regulated,
            summary,
        }
    }

    fn catalogue_entry(&self, c: &CredentialPart) -> Option<&crate::taxonomy::Credential> {
        let m = c.best.as_ref()?.matched.as_ref()?;
        self.sb
            .taxonomy
            .education_system(&m.country)?
            .credentials
            .iter()
            .find(|x| x.id == m.id)
    }

    fn credential_field(&self, c: &CredentialPart) -> Option<String> {
        self.catalogue_entry(c)?.field.clone()
    }

    fn regulated(&self, c: &CredentialPart, destination: &str) -> Regulated {
        let t = &self.sb.taxonomy;
        let none = Regulated {
            regulated: false,
            profession: None,
            isco: vec![],
            country: None,
            procedure: None,
            note: None,
        };
        let Some(entry) = self.catalogue_entry(c) else {
            return none;
        };
        let Some(prof) = entry
            .regulated
            .as_deref()
            .and_then(|p| t.regulated_profession(p))
        else {
            return none;
        };
        let country = crate::country::resolve(destination)
            .map(|c| c.code)
            .unwrap_or_else(|| destination.to_string());
        let (base, reg, is_reg) = t.regulation_at(&country, &prof.id);
        Regulated {
            regulated: is_reg,
            profession: Some(prof.title.clone()),
            isco: prof.isco.clone(),
            country: Some(base.clone()),
            procedure: reg.filter(|_| is_reg).map(|r| r.procedure.clone()),
            note: if is_reg {
                Some(format!(
                    "{} is a regulated profession in {base}: recognition is required to work as ISCO-08 {}{}",
                    prof.title,
                    prof.isco.join("/"),
                    reg.map(|r| if r.procedure.is_empty() { String::new() } else { format!(" — {}", r.procedure) }).unwrap_or_default(),
                ))
            } else if reg.is_none() {
                Some(format!(
                    "no list of regulated professions recorded for {base}"
                ))
            } else {
                None
            },
        }
    }

    fn skills_gap(&self, r: &Record, previous: Option<&Job>, regulated: &Regulated) -> SkillsGap {
        let empty = SkillsGap::empty;
        if r.skills.is_empty() {
            return empty("no skills given");
        }
        let Some(sd) = &self.skills else {
            return empty("ESCO not imported: run `skillbridge import esco DIR`");
        };
        // the occupation the previous job (or the regulated profession of the credential) points to
        let occ = previous
            .and_then(|p| p.esco_uri.as_deref())
            .and_then(|u| sd.occupation(u))
            .or_else(|| {
                let code = regulated.isco.first()?;
                let label = regulated.profession.as_deref().unwrap_or("");
                let c = self.titles.code(label, "en", 10);
                c.candidates
                    .iter()
                    .filter(|x| &x.code == code)
                    .find_map(|x| x.esco.as_ref())
                    .and_then(|e| sd.occupation(&e.uri))
            });
        sd.gap(occ, &r.skills)
    }
}

fn summary(c: &CredentialPart, job: Option<&Job>, m: &Mismatch, reg: &Regulated) -> String {
    let cred = match &c.best {
        Some(b) => format!(
            "{} ({}EQF {}, comparable to {} {})",
            b.matched
                .as_ref()
                .map(|x| x.english.clone())
                .unwrap_or_else(|| "a credential matched by generic rules".into()),
            b.isced_level
                .map(|i| format!("ISCED {i}, "))
                .unwrap_or_default(),
            b.eqf_level
                .map(|e| e.to_string())
                .unwrap_or_else(|| "?".into()),
            b.destination_framework,
            b.destination_level
        ),
        None => "a credential of unknown level".into(),
    };
    let jobtxt = match job {
        Some(j) if j.isco.is_some() => format!(
            "working as {} (ISCO {}, skill level {})",
            j.text,
            j.isco.as_deref().unwrap_or(""),
            j.skill_levels
                .iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join("/")
        ),
        Some(j) => format!("working as {} (not codable)", j.text),
        None => "with no current job given".into(),
    };
    let head = match (m.class, m.levels) {
        (MismatchClass::OverQualified, Some(n)) => format!(
            "Over-qualified by {n} skill level{}",
            if n == 1 { "" } else { "s" }
        ),
        (MismatchClass::OverQualified, None) => "Over-qualified".into(),
        (MismatchClass::UnderQualified, Some(n)) => format!(
            "Under-qualified by {} skill level{}",
            -n,
            if n == -1 { "" } else { "s" }
        ),
        (MismatchClass::UnderQualified, None) => "Under-qualified".into(),
        (MismatchClass::Matched, _) => "Matched".into(),
        (MismatchClass::Unknown, _) => format!("Mismatch unknown ({})", m.reason),
    };
    let mut s = format!("{head}: {cred} {jobtxt}.");
    if let Some(n) = reg.note.as_ref().filter(|_| reg.regulated) {
        s.push(' ');
        let mut cs = n.chars();
        if let Some(first) = cs.next() {
            s.push_str(&format!("{}{}.", first.to_uppercase(), cs.as_str()));
        }
    }
    s
}
