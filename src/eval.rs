//! Evaluation against labelled files (the layouts of `../shared/eval/*.csv`).

use rayon::prelude::*;
use serde::Serialize;
use std::collections::BTreeMap;
use std::path::Path;

use crate::credential::{CredentialMatcher, CredentialQuery};
use crate::error::{Error, Result};
use crate::Skillbridge;

/// Lists are written `a|b` (CSV cells cannot hold sequences).
fn join_bar<T: std::fmt::Display, S: serde::Serializer>(
    v: &[T],
    s: S,
) -> std::result::Result<S::Ok, S::Error> {
    s.serialize_str(
        &v.iter()
            .map(|x| x.to_string())
            .collect::<Vec<_>>()
            .join("|"),
    )
}

#[derive(Debug, Default, Serialize, Clone)]
pub struct CountryScore {
    pub n: usize,
    pub correct: usize,
}

/// One evaluated credential row.
#[derive(Debug, Serialize, Clone)]
pub struct CredentialRow {
    pub line: usize,
    pub id: String,
    pub origin: String,
    pub credential: String,
    #[serde(serialize_with = "join_bar")]
    pub expected: Vec<u8>,
    pub predicted: Option<u8>,
    pub correct: bool,
    pub method: Option<String>,
    pub matched: Option<String>,
    /// The country of the catalogue the matched entry is in (another than the origin when the
    /// credential was found abroad).
    pub matched_country: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct CredentialReport {
    pub n: usize,
    pub correct: usize,
    pub accuracy: f64,
    pub by_country: BTreeMap<String, CountryScore>,
    pub unmatched: usize,
    /// Rows that could not be read, with line numbers and reasons.
    pub rejects: Vec<String>,
    #[serde(skip)]
    pub rows: Vec<CredentialRow>,
}

/// Open a labelled CSV file and find its columns; a missing column is an error naming the file.
fn open_labelled(
    path: &Path,
    columns: &[&str],
) -> Result<(csv::Reader<std::fs::File>, Vec<usize>)> {
    let p = path.display().to_string();
    let csv_err = |e| Error::Csv {
        path: p.clone(),
        source: e,
    };
    let mut rdr = csv::ReaderBuilder::new()
        .flexible(true)
        .from_path(path)
        .map_err(csv_err)?;
    let headers = rdr.headers().map_err(csv_err)?.clone();
    let idx = columns
        .iter()
        .map(|name| {
            headers.iter().position(|h| h == *name).ok_or_else(|| {
                Error::input(format!(
                    "{p}:1: missing column {name:?} (need {})",
                    columns.join(",")
                ))
            })
        })
        .collect::<Result<Vec<usize>>>()?;
    Ok((rdr, idx))
}

/// Evaluate the credential matcher on a file with columns
/// `id,origin_country,credential,destination_country,eqf_levels[,…]`.
pub fn credentials(sb: &Skillbridge, path: &Path) -> Result<CredentialReport> {
    let p = path.display().to_string();
    let (mut rdr, cols) = open_labelled(
        path,
        &[
            "id",
            "origin_country",
            "credential",
            "destination_country",
            "eqf_levels",
        ],
    )?;
    let (ci, co, cc, cd, ce) = (cols[0], cols[1], cols[2], cols[3], cols[4]);
    let mut rows = Vec::new();
    let mut rejects = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        let line = i + 2;
        match rec {
            Ok(r) => {
                let get = |c: usize| r.get(c).unwrap_or("").to_string();
                let expected: std::result::Result<Vec<u8>, _> =
                    get(ce).split('|').map(|x| x.trim().parse::<u8>()).collect();
                match expected {
                    Ok(e) if !e.is_empty() => {
                        rows.push((line, get(ci), get(co), get(cc), get(cd), e))
                    }
                    _ => rejects.push(format!(
                        "{p}:{}: eqf_levels {:?} is not a list of levels like 5|6",
                        r.position().map(|x| x.line() as usize).unwrap_or(line),
                        get(ce)
                    )),
                }
            }
            Err(e) => rejects.push(format!("{p}:{line}: {e}")),
        }
    }
    let m = CredentialMatcher::new(sb);
    let results: Vec<CredentialRow> = rows
        .par_iter()
        .map(|(line, id, origin, text, dest, expected)| {
            let q = CredentialQuery {
                origin: origin.clone(),
                text: text.clone(),
                destination: dest.clone(),
                ..Default::default()
            };
            let r = m.match_credential(&q);
            let best = r.as_ref().ok().and_then(|r| r.best.clone());
            let predicted = best.as_ref().and_then(|b| b.eqf_level);
            CredentialRow {
                line: *line,
                id: id.clone(),
                origin: origin.clone(),
                credential: text.clone(),
                expected: expected.clone(),
                predicted,
                correct: predicted.map(|p| expected.contains(&p)).unwrap_or(false),
                method: best.as_ref().map(|b| b.method.clone()),
                matched: best
                    .as_ref()
                    .and_then(|b| b.matched.as_ref().map(|m| m.id.clone())),
                matched_country: best.and_then(|b| b.matched.map(|m| m.country)),
            }
        })
        .collect();
    let mut by_country: BTreeMap<String, CountryScore> = BTreeMap::new();
    for r in &results {
        let s = by_country.entry(r.origin.clone()).or_default();
        s.n += 1;
        s.correct += r.correct as usize;
    }
    let n = results.len();
    let correct = results.iter().filter(|r| r.correct).count();
    Ok(CredentialReport {
        n,
        correct,
        accuracy: if n == 0 {
            0.0
        } else {
            (correct as f64 / n as f64 * 10000.0).round() / 10000.0
        },
        by_country,
        unmatched: results.iter().filter(|r| r.predicted.is_none()).count(),
        rejects,
        rows: results,
    })
}

// ------------------------------------------------------------------ titles

use crate::occupation::TitleIndex;

#[derive(Debug, Default, Serialize, Clone)]
pub struct SourceScore {
    pub n: usize,
    pub acc1: f64,
    pub acc2: f64,
    pub acc3: f64,
    pub acc4: f64,
    /// [`auto_share`] at 0.95 within the source.
    pub auto_share_at_95: f64,
}

#[derive(Debug, Serialize, Clone)]
pub struct CalibrationBin {
    pub min_confidence: f64,
    pub share: f64,
    pub acc4: f64,
}

/// One evaluated title.
#[derive(Debug, Serialize, Clone)]
pub struct TitleRow {
    pub line: usize,
    pub title: String,
    pub source: String,
    #[serde(serialize_with = "join_bar")]
    pub expected: Vec<String>,
    pub predicted: Option<String>,
    pub confidence: f64,
    pub digits_right: usize,
    /// Score of the best candidate and the label it matched (for error analysis).
    pub score: f64,
    pub second_score: f64,
    pub matched: String,
    pub support: f64,
    pub raw: f64,
    pub exact_groups: usize,
    /// The answer coded as deep as the evidence allows, its confidence, and whether it is right
    /// (its digits are the first digits of an accepted code).
    pub coded: Option<String>,
    pub coded_confidence: f64,
    pub coded_right: bool,
}

#[derive(Debug, Serialize)]
pub struct TitleReport {
    pub n: usize,
    pub acc1: f64,
    pub acc2: f64,
    pub acc3: f64,
    pub acc4: f64,
    pub by_source: BTreeMap<String, SourceScore>,
    pub titles_per_second: f64,
    pub calibration: Vec<CalibrationBin>,
    pub auto_share_at_95: f64,
    pub rejects: Vec<String>,
    #[serde(skip)]
    pub rows: Vec<TitleRow>,
}

fn r4(x: f64) -> f64 {
    (x * 10000.0).round() / 10000.0
}

fn score_rows(rows: &[&TitleRow]) -> SourceScore {
    let n = rows.len();
    let acc = |k: usize| {
        if n == 0 {
            0.0
        } else {
            r4(rows.iter().filter(|r| r.digits_right >= k).count() as f64 / n as f64)
        }
    };
    SourceScore {
        n,
        acc1: acc(1),
        acc2: acc(2),
        acc3: acc(3),
        acc4: acc(4),
        auto_share_at_95: auto_share(rows.iter().copied(), 0.95),
    }
}

/// The largest share of rows whose confidence is at or above a threshold at which 4-digit
/// precision is still at least `target`.
pub fn auto_share<'a>(rows: impl IntoIterator<Item = &'a TitleRow>, target: f64) -> f64 {
    let mut v: Vec<(f64, bool)> = rows
        .into_iter()
        .map(|r| (r.confidence, r.digits_right >= 4))
        .collect();
    v.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut best = 0usize;
    let mut right = 0usize;
    let mut i = 0;
    while i < v.len() {
        // take all rows with the same confidence together
        let c = v[i].0;
        while i < v.len() && v[i].0 == c {
            right += v[i].1 as usize;
            i += 1;
        }
        if right as f64 >= target * i as f64 {
            best = i;
        }
    }
    if v.is_empty() {
        0.0
    } else {
        r4(best as f64 / v.len() as f64)
    }
}

/// Evaluate the occupation coder on a file with columns `id,title,lang,isco08,source`.
pub fn titles(index: &TitleIndex, path: &Path) -> Result<TitleReport> {
    let p = path.display().to_string();
    let (mut rdr, cols) = open_labelled(path, &["title", "lang", "isco08", "source"])?;
    let (ct, cl, cc, cs) = (cols[0], cols[1], cols[2], cols[3]);
    let mut input = Vec::new();
    let mut rejects = Vec::new();
    for (i, rec) in rdr.records().enumerate() {
        match rec {
            Ok(r) => {
                let line = r.position().map(|x| x.line() as usize).unwrap_or(i + 2);
                let codes: Vec<String> = r
                    .get(cc)
                    .unwrap_or("")
                    .split('|')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect();
                let title = r.get(ct).unwrap_or("").to_string();
                if codes.is_empty()
                    || codes
                        .iter()
                        .any(|c| c.len() != 4 || !c.bytes().all(|b| b.is_ascii_digit()))
                {
                    rejects.push(format!(
                        "{p}:{line}: isco08 {:?} is not a list of 4-digit codes",
                        r.get(cc).unwrap_or("")
                    ));
                } else if title.trim().is_empty() {
                    rejects.push(format!("{p}:{line}: empty title"));
                } else {
                    input.push((
                        line,
                        title,
                        r.get(cl).unwrap_or("").to_string(),
                        codes,
                        r.get(cs).unwrap_or("").to_string(),
                    ));
                }
            }
            Err(e) => rejects.push(format!("{p}:{}: {e}", i + 2)),
        }
    }
    let start = std::time::Instant::now();
    let rows: Vec<TitleRow> = input
        .par_iter()
        .map(|(line, title, lang, codes, source)| {
            let c = index.code(title, lang, 3);
            let top = c.top();
            let predicted = top.map(|t| t.code.clone());
            let digits_right = predicted
                .as_ref()
                .map(|p| {
                    codes
                        .iter()
                        .map(|e| e.bytes().zip(p.bytes()).take_while(|(a, b)| a == b).count())
                        .max()
                        .unwrap_or(0)
                })
                .unwrap_or(0);
            TitleRow {
                line: *line,
                title: title.clone(),
                source: source.clone(),
                expected: codes.clone(),
                predicted,
                confidence: top.map(|t| t.confidence).unwrap_or(0.0),
                digits_right,
                score: top.map(|t| t.score).unwrap_or(0.0),
                second_score: c.candidates.get(1).map(|t| t.score).unwrap_or(0.0),
                matched: top
                    .map(|t| format!("{} [{}, {:?}]", t.matched, t.lang, t.source))
                    .unwrap_or_default(),
                support: top.map(|t| t.support).unwrap_or(0.0),
                raw: top.map(|t| t.raw).unwrap_or(0.0),
                exact_groups: top.map(|t| t.exact_groups).unwrap_or(0),
                coded: c.coded.as_ref().map(|k| k.code.clone()),
                coded_confidence: c.coded.as_ref().map(|k| k.confidence).unwrap_or(0.0),
                coded_right: c
                    .coded
                    .as_ref()
                    .is_some_and(|k| codes.iter().any(|e| e.starts_with(&k.code))),
            }
        })
        .collect();
    let secs = start.elapsed().as_secs_f64().max(1e-9);
    let all: Vec<&TitleRow> = rows.iter().collect();
    let total = score_rows(&all);
    let mut by_source: BTreeMap<String, Vec<&TitleRow>> = BTreeMap::new();
    for r in &rows {
        by_source.entry(r.source.clone()).or_default().push(r);
    }
    let calibration = [0.0, 0.3, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95]
        .iter()
        .map(|&c| {
            let sel: Vec<&TitleRow> = rows.iter().filter(|r| r.confidence >= c).collect();
            CalibrationBin {
                min_confidence: c,
                share: if rows.is_empty() {
                    0.0
                } else {
                    r4(sel.len() as f64 / rows.len() as f64)
                },
                acc4: score_rows(&sel).acc4,
            }
        })
        .collect();
    Ok(TitleReport {
        n: total.n,
        acc1: total.acc1,
        acc2: total.acc2,
        acc3: total.acc3,
        acc4: total.acc4,
        by_source: by_source
            .into_iter()
            .map(|(k, v)| (k, score_rows(&v)))
            .collect(),
        titles_per_second: (rows.len() as f64 / secs).round(),
        calibration,
        auto_share_at_95: auto_share(&rows, 0.95),
        rejects,
        rows,
    })
}
