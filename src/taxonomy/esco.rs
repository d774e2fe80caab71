//! ESCO import: reads the official ESCO CSV download as it is (every `occupations_<lang>.csv`
//! and `ISCOGroups_<lang>.csv` present, with the full or the reduced column layout; and, when
//! present, `skills_<lang>.csv`, `occupationSkillRelations.csv`) and compiles it, together with
//! the embedded titles, into one binary index that later commands load fast.

use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

use std::path::{Path, PathBuf};

use crate::error::{Diagnostic, Error, Result};
use crate::occupation::{EscoOccupation, Label, LabelSource, TitleIndex, TitleIndexBuilder};
use crate::taxonomy::Taxonomy;

pub(crate) const FORMAT: u32 = 15;
/// File name of the compiled ESCO index inside a data directory.
pub const INDEX_FILE: &str = "esco/index.bin";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EscoOcc {
    pub uri: String,
    pub code: String,
    /// (language, label, source)
    pub labels: Vec<(String, String, LabelSource)>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EscoSkill {
    pub uri: String,
    pub label: String,
    pub skill_type: String,
}

#[derive(Debug, Clone, Serialize, Deserialize, PartialEq, Eq)]
pub enum Relation {
    Essential,
    Optional,
}

/// What was read from an ESCO download.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EscoData {
    pub languages: Vec<String>,
    pub occupations: Vec<EscoOcc>,
    /// (language, ISCO-08 code, label)
    pub isco_labels: Vec<(String, String, String)>,
    /// (language, ISCO-08 unit group, title): the examples and related titles of the ISCO-08
    /// group definitions
    #[serde(default)]
    pub isco_examples: Vec<(String, String, String)>,
    pub skills: Vec<EscoSkill>,
    /// (occupation index, skill index, relation)
    pub relations: Vec<(u32, u32, Relation)>,
}

/// Counts and problems of an import.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ImportReport {
    pub languages: Vec<String>,
    pub occupations: usize,
    pub occupation_labels: usize,
    pub isco_labels: usize,
    pub isco_examples: usize,
    pub skills: usize,
    pub relations: usize,
    pub index_entries: usize,
    pub problems: Vec<Diagnostic>,
    pub output: String,
}

/// The compiled file: the title index built from ESCO and the embedded titles, and the ESCO
/// skills with their occupation relations (occupation indexes are those of `index.occupations`).
#[derive(Debug, Serialize, Deserialize)]
pub struct Compiled {
    format: u32,
    titles_hash: u64,
    pub languages: Vec<String>,
    pub skills: Vec<EscoSkill>,
    pub relations: Vec<(u32, u32, Relation)>,
    pub index: TitleIndex,
}

/// A fingerprint of the files the embedded labels come from (ISCO-08 titles and curated
/// titles), so a compiled index built from other data is rebuilt. Computed from the raw texts,
/// so checking it needs no YAML parsing.
pub fn titles_hash(set: &crate::taxonomy::DataSet) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for f in set
        .files()
        .filter(|f| f.path == "taxonomies/isco08.yaml" || f.path.starts_with("taxonomies/titles/"))
    {
        f.path.hash(&mut h);
        f.text.hash(&mut h);
    }
    h.finish()
}

fn read_compiled(data_dir: &Path) -> Result<Option<Compiled>> {
    let p = data_dir.join(INDEX_FILE);
    if !p.exists() {
        return Ok(None);
    }
    let bytes = std::fs::read(&p).map_err(|e| Error::io(p.display().to_string(), e))?;
    let c: Compiled = bincode::deserialize(&bytes).map_err(|e| {
        Error::input(format!(
            "{}: unreadable ESCO index ({e}): run `skillbridge import esco DIR` again",
            p.display()
        ))
    })?;
    if c.format != FORMAT {
        return Err(Error::input(format!(
            "{}: ESCO index of another format: run `skillbridge import esco DIR` again",
            p.display()
        )));
    }
    Ok(Some(c))
}

/// Load a compiled index without parsing the taxonomy when it was built from the same title
/// files; `None` when there is none or it must be rebuilt (then use [`load`]).
pub fn load_if_current(
    set: &crate::taxonomy::DataSet,
    data_dir: &Path,
) -> Result<Option<Compiled>> {
    Ok(read_compiled(data_dir)?.filter(|c| c.titles_hash == titles_hash(set)))
}

fn csv_err(path: &Path, e: csv::Error) -> Error {
    Error::Csv {
        path: path.display().to_string(),
        source: e,
    }
}

fn open(path: &Path) -> Result<(csv::Reader<std::fs::File>, HashMap<String, usize>)> {
    let mut r = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(|e| csv_err(path, e))?;
    let h = r
        .headers()
        .map_err(|e| csv_err(path, e))?
        .iter()
        .enumerate()
        .map(|(i, s)| (s.trim_start_matches('\u{feff}').to_string(), i))
        .collect();
    Ok((r, h))
}

fn split_labels(s: &str) -> impl Iterator<Item = &str> {
    s.split(['\n', '\r'])
        .map(|x| x.trim())
        .filter(|x| !x.is_empty())
}

/// Languages present in a directory: those with an `occupations_<lang>.csv`.
fn languages(dir: &Path) -> Result<Vec<String>> {
    let mut langs: Vec<String> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir.display().to_string(), e))?
        .filter_map(|e| e.ok())
        .filter_map(|e| {
            let n = e.file_name().to_string_lossy().to_string();
            n.strip_prefix("occupations_")
                .and_then(|x| x.strip_suffix(".csv"))
                .map(|x| x.to_string())
        })
        .collect();
    langs.sort();
    Ok(langs)
}

/// Read an ESCO CSV download.
pub fn read_dir(dir: &Path) -> Result<(EscoData, Vec<Diagnostic>)> {
    let langs = languages(dir)?;
    if langs.is_empty() {
        return Err(Error::input(format!(
            "{}: no occupations_<lang>.csv here: point to the folder of the ESCO CSV download",
            dir.display()
        )));
    }
    let mut d = EscoData {
        languages: langs.clone(),
        ..Default::default()
    };
    let mut problems = Vec::new();
    let mut occ_ix: HashMap<String, u32> = HashMap::new();
    for lang in &langs {
        let path = dir.join(format!("occupations_{lang}.csv"));
        let (mut r, h) = open(&path)?;
        let col = |n: &str| h.get(n).copied();
        let (Some(uri_c), Some(pref_c)) = (col("conceptUri"), col("preferredLabel")) else {
            problems.push(Diagnostic::new(
                path.display().to_string(),
                1,
                "missing column conceptUri or preferredLabel: not an ESCO occupations file",
            ));
            continue;
        };
        let isco_c = col("iscoGroup").or_else(|| col("code"));
        let (alt_c, hid_c) = (col("altLabels"), col("hiddenLabels"));
        for rec in r.records() {
            let rec = match rec {
                Ok(r) => r,
                Err(e) => {
                    let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                    problems.push(Diagnostic::new(
                        path.display().to_string(),
                        line,
                        e.to_string(),
                    ));
                    continue;
                }
            };
            let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
            let uri = rec.get(uri_c).unwrap_or("").trim();
            let code = isco_c.and_then(|c| rec.get(c)).unwrap_or("").trim();
            let code = code.split('.').next().unwrap_or("");
            if uri.is_empty() {
                problems.push(Diagnostic::new(
                    path.display().to_string(),
                    line,
                    "row without conceptUri: skipped",
                ));
                continue;
            }
            if code.len() != 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
                problems.push(Diagnostic::new(
                    path.display().to_string(),
                    line,
                    format!("ISCO-08 group {code:?} is not a 4-digit unit group: row skipped"),
                ));
                continue;
            }
            let i = *occ_ix.entry(uri.to_string()).or_insert_with(|| {
                d.occupations.push(EscoOcc {
                    uri: uri.to_string(),
                    code: code.to_string(),
                    labels: Vec::new(),
                });
                (d.occupations.len() - 1) as u32
            });
            let o = &mut d.occupations[i as usize];
            let pref = rec.get(pref_c).unwrap_or("").trim();
            if !pref.is_empty() {
                o.labels
                    .push((lang.clone(), pref.to_string(), LabelSource::EscoPreferred));
            }
            for (c, src) in [
                (alt_c, LabelSource::EscoAlternative),
                (hid_c, LabelSource::EscoHidden),
            ] {
                if let Some(v) = c.and_then(|c| rec.get(c)) {
                    for l in split_labels(v) {
                        o.labels.push((lang.clone(), l.to_string(), src));
                    }
                }
            }
        }
        let gpath = dir.join(format!("ISCOGroups_{lang}.csv"));
        if gpath.exists() {
            let (mut r, h) = open(&gpath)?;
            if let (Some(code_c), Some(pref_c)) =
                (h.get("code").copied(), h.get("preferredLabel").copied())
            {
                let alt_c = h.get("altLabels").copied();
                let desc_c = h.get("description").copied();
                for rec in r.records() {
                    let Ok(rec) = rec else { continue };
                    let code = rec.get(code_c).unwrap_or("").trim().to_string();
                    if let Some(desc) = desc_c.and_then(|c| rec.get(c)) {
                        for (c, title) in definition_titles(&code, desc) {
                            d.isco_examples.push((lang.clone(), c, title));
                        }
                    }
                    if let Some(p) = rec.get(pref_c) {
                        d.isco_labels
                            .push((lang.clone(), code.clone(), p.trim().to_string()));
                    }
                    if let Some(v) = alt_c.and_then(|c| rec.get(c)) {
                        for l in split_labels(v) {
                            d.isco_labels
                                .push((lang.clone(), code.clone(), l.to_string()));
                        }
                    }
                }
            } else {
                problems.push(Diagnostic::new(
                    gpath.display().to_string(),
                    1,
                    "missing column code or preferredLabel",
                ));
            }
        }
    }
    // skills (English labels) and relations
    let spath = dir.join("skills_en.csv");
    let mut skill_ix: HashMap<String, u32> = HashMap::new();
    if spath.exists() {
        let (mut r, h) = open(&spath)?;
        if let (Some(u), Some(p)) = (
            h.get("conceptUri").copied(),
            h.get("preferredLabel").copied(),
        ) {
            let t = h.get("skillType").copied();
            for rec in r.records() {
                let rec = match rec {
                    Ok(r) => r,
                    Err(e) => {
                        problems.push(Diagnostic::new(
                            spath.display().to_string(),
                            e.position().map(|p| p.line() as usize).unwrap_or(0),
                            e.to_string(),
                        ));
                        continue;
                    }
                };
                let uri = rec.get(u).unwrap_or("").trim().to_string();
                if uri.is_empty() {
                    continue;
                }
                skill_ix.insert(uri.clone(), d.skills.len() as u32);
                d.skills.push(EscoSkill {
                    uri,
                    label: rec.get(p).unwrap_or("").trim().to_string(),
                    skill_type: t.and_then(|t| rec.get(t)).unwrap_or("").to_string(),
                });
            }
        }
    }
    let rpath = dir.join("occupationSkillRelations.csv");
    if rpath.exists() {
        let (mut r, h) = open(&rpath)?;
        if let (Some(o), Some(rt), Some(s)) = (
            h.get("occupationUri").copied(),
            h.get("relationType").copied(),
            h.get("skillUri").copied(),
        ) {
            for rec in r.records() {
                let Ok(rec) = rec else { continue };
                let line = rec.position().map(|p| p.line() as usize).unwrap_or(0);
                let (Some(&oi), Some(&si)) = (
                    occ_ix.get(rec.get(o).unwrap_or("")),
                    skill_ix.get(rec.get(s).unwrap_or("")),
                ) else {
                    if problems.len() < 1000 {
                        problems.push(Diagnostic::new(
                            rpath.display().to_string(),
                            line,
                            "relation to an unknown occupation or skill: skipped",
                        ));
                    }
                    continue;
                };
                let rel = if rec.get(rt).unwrap_or("") == "essential" {
                    Relation::Essential
                } else {
                    Relation::Optional
                };
                d.relations.push((oi, si, rel));
            }
        }
    }
    Ok((d, problems))
}

/// The ESCO occupations and labels of a download, in index form.
/// The titles an ISCO-08 group definition names, with their unit group: the "Examples of the
/// occupations classified here" (this group, when it is a unit group) and the "related
/// occupations classified elsewhere" ("- Bottling machine operator - 8183").
pub fn definition_titles(code: &str, desc: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut examples = false;
    for line in desc.lines() {
        let l = line.trim();
        let Some(item) = l.strip_prefix("- ") else {
            // a header opens the next list ("Examples of the occupations classified here:")
            examples = l.ends_with(':') && l.to_ascii_lowercase().contains("example");
            continue;
        };
        let item = item.trim();
        // "Title - 8183": a related title placed in another unit group
        if let Some((title, c)) = item.rsplit_once(" - ") {
            let c = c.trim();
            if c.len() == 4 && c.bytes().all(|b| b.is_ascii_digit()) {
                out.push((c.to_string(), title.trim().to_string()));
                continue;
            }
        }
        if examples && code.len() == 4 && !item.is_empty() {
            out.push((code.to_string(), item.to_string()));
        }
    }
    out
}

fn esco_labels(d: &EscoData) -> (Vec<EscoOccupation>, Vec<Label>) {
    let mut occs = Vec::new();
    let mut labels = Vec::new();
    for (oi, o) in d.occupations.iter().enumerate() {
        let en = o
            .labels
            .iter()
            .find(|(l, _, s)| l == "en" && *s == LabelSource::EscoPreferred)
            .or_else(|| o.labels.first());
        occs.push(EscoOccupation {
            uri: o.uri.clone(),
            code: o.code.clone(),
            label: en.map(|x| x.1.clone()).unwrap_or_default(),
        });
        for (lang, label, src) in &o.labels {
            labels.push(Label {
                text: label.clone(),
                code: o.code.clone(),
                lang: lang.clone(),
                source: *src,
                occupation: Some(oi as u32),
            });
        }
    }
    for (lang, code, title) in &d.isco_examples {
        labels.push(Label {
            text: title.clone(),
            code: code.clone(),
            lang: lang.clone(),
            source: LabelSource::IscoExample,
            occupation: None,
        });
    }
    for (lang, code, label) in &d.isco_labels {
        if code.len() == 4 {
            labels.push(Label {
                text: label.clone(),
                code: code.clone(),
                lang: lang.clone(),
                source: LabelSource::EscoIscoGroup,
                occupation: None,
            });
        }
    }
    (occs, labels)
}

/// Build the title index from the embedded taxonomy and ESCO occupations and labels.
pub fn build_index(
    t: &Taxonomy,
    occupations: Vec<EscoOccupation>,
    labels: Vec<Label>,
) -> TitleIndex {
    let mut b = TitleIndexBuilder::from_taxonomy(t);
    for o in occupations {
        b.add_occupation(o);
    }
    for l in labels {
        b.add_label(l);
    }
    b.build()
}

/// Import a download and write the compiled index into `data_dir`. `set` is the data the
/// taxonomy `t` was loaded from.
pub fn import(
    t: &Taxonomy,
    set: &crate::taxonomy::DataSet,
    src: &Path,
    data_dir: &Path,
) -> Result<ImportReport> {
    let (data, problems) = read_dir(src)?;
    let (occs, labels) = esco_labels(&data);
    let index = build_index(t, occs, labels);
    let out = data_dir.join(INDEX_FILE);
    if let Some(p) = out.parent() {
        std::fs::create_dir_all(p).map_err(|e| Error::io(p.display().to_string(), e))?;
    }
    let report = ImportReport {
        languages: data.languages.clone(),
        occupations: data.occupations.len(),
        occupation_labels: data.occupations.iter().map(|o| o.labels.len()).sum(),
        isco_labels: data.isco_labels.len(),
        isco_examples: data.isco_examples.len(),
        skills: data.skills.len(),
        relations: data.relations.len(),
        index_entries: index.len(),
        problems,
        output: out.display().to_string(),
    };
    let compiled = Compiled {
        format: FORMAT,
        titles_hash: titles_hash(set),
        languages: data.languages,
        skills: data.skills,
        relations: data.relations,
        index,
    };
    let tmp = out.with_extension("bin.tmp");
    let f = std::fs::File::create(&tmp).map_err(|e| Error::io(tmp.display().to_string(), e))?;
    bincode::serialize_into(std::io::BufWriter::new(f), &compiled)
        .map_err(|e| Error::input(format!("{}: cannot write the index: {e}", tmp.display())))?;
    std::fs::rename(&tmp, &out).map_err(|e| Error::io(out.display().to_string(), e))?;
    Ok(report)
}

/// Load a compiled index; `None` when the data directory has none. Rebuilds the title index when
/// the embedded titles changed since the import.
pub fn load(
    t: &Taxonomy,
    set: &crate::taxonomy::DataSet,
    data_dir: &Path,
) -> Result<Option<Compiled>> {
    let Some(mut c) = read_compiled(data_dir)? else {
        return Ok(None);
    };
    let h = titles_hash(set);
    if c.titles_hash != h {
        // the embedded titles changed since the import: rebuild with the ESCO labels kept
        let labels: Vec<Label> = c
            .index
            .labels()
            .into_iter()
            .filter(|l| {
                !matches!(
                    l.source,
                    LabelSource::IscoTitle | LabelSource::Curated | LabelSource::CuratedCorrection
                )
            })
            .collect();
        c.index = build_index(t, c.index.occupations.clone(), labels);
        c.titles_hash = h;
    }
    Ok(Some(c))
}

/// The per-OS default data directory (`$XDG_DATA_HOME/skillbridge` on Linux), or
/// `$SKILLBRIDGE_DATA` when set.
pub fn default_data_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("SKILLBRIDGE_DATA") {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("org", "skillbridge", "skillbridge")
        .map(|p| p.data_dir().to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::definition_titles;

    /// The example titles of a unit group's definition, and the related titles it places
    /// elsewhere with their codes; task lists and exclusions are not titles.
    #[test]
    fn definition_titles_reads_examples_and_related_titles() {
        let desc = "Widget makers make widgets.\n\
            Tasks include -\n\
            (a)  shaping widgets;\n\
            Examples of the occupations classified here:\n\
            - Widget maker\n\
            - Widget finisher \n\
            Some related occupations classified elsewhere:\n\
            - Widget machine operator - 8189\n\
            - Widget seller - 5223 \n\
            Notes\n\
            Excluded are:\n\
            - those who sell widgets";
        assert_eq!(
            definition_titles("7319", desc),
            vec![
                ("7319".to_string(), "Widget maker".to_string()),
                ("7319".to_string(), "Widget finisher".to_string()),
                ("8189".to_string(), "Widget machine operator".to_string()),
                ("5223".to_string(), "Widget seller".to_string()),
            ]
        );
        // a group above the unit groups has no examples of its own to give
        assert_eq!(
            definition_titles("731", "Examples:\n- Widget maker\n- Seller - 5223"),
            vec![("5223".to_string(), "Seller".to_string())]
        );
    }
}
