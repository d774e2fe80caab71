//! `skillbridge match`: one migrant record → equivalence, occupations, deskilling.
use std::io::{Read, Write};

use super::{write_json, CliResult, Globals, Outcome};
use skillbridge::record::{Record, RecordMatcher, RecordReport};
use skillbridge::Error;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A record file (JSON or YAML; one record or a list), or `-` for stdin
    #[arg(long, value_name = "FILE")]
    pub record: Option<String>,
    /// Record id
    #[arg(long, default_value = "")]
    pub id: String,
    /// Origin country of the credential
    #[arg(long = "from")]
    pub origin: Option<String>,
    /// Destination country
    #[arg(long = "to")]
    pub destination: Option<String>,
    /// The credential as written
    #[arg(long)]
    pub credential: Option<String>,
    /// Field of study (ISCED-F code or text)
    #[arg(long)]
    pub field: Option<String>,
    /// Current job (title or ISCO-08 code)
    #[arg(long)]
    pub current_job: Option<String>,
    /// Previous job abroad (title or ISCO-08 code)
    #[arg(long)]
    pub previous_job: Option<String>,
    /// Skills: ESCO skill URIs or names, comma-separated or repeated
    #[arg(long, value_delimiter = ',')]
    pub skills: Vec<String>,
    /// Years of experience
    #[arg(long)]
    pub years: Option<f32>,
    /// Mismatch method: ilo-normative (default), eurostat, or one from --data
    #[arg(long, default_value = "ilo-normative")]
    pub method: String,
    /// Use only the embedded index even when ESCO was imported
    #[arg(long)]
    pub no_esco: bool,
}

fn read_records(src: &str) -> Result<Vec<Record>, Error> {
    let (name, text) = if src == "-" {
        let mut s = String::new();
        std::io::stdin()
            .read_to_string(&mut s)
            .map_err(|e| Error::io("stdin", e))?;
        ("stdin".to_string(), s)
    } else {
        (
            src.to_string(),
            std::fs::read_to_string(src).map_err(|e| Error::io(src, e))?,
        )
    };
    // YAML is a superset of JSON: one parser reads both, with line numbers in errors
    let v: serde_yaml::Value = serde_yaml::from_str(&text).map_err(|e| {
        Error::input(format!(
            "{name}:{}: {e}",
            e.location().map(|l| l.line()).unwrap_or(0)
        ))
    })?;
    let list = match v {
        serde_yaml::Value::Sequence(s) => s,
        other => vec![other],
    };
    list.into_iter()
        .enumerate()
        .map(|(i, x)| serde_yaml::from_value::<Record>(x).map_err(|e| Error::input(format!("{name}: record {}: {e} (fields: id, origin_country, credential, field_of_study, destination_country, current_job, previous_job, skills, years_experience)", i + 1))))
        .collect()
}

pub fn run(a: Args, g: &Globals, out: &mut dyn Write) -> CliResult {
    let mut records = match &a.record {
        Some(f) => read_records(f)?,
        None => vec![Record {
            id: a.id.clone(),
            origin_country: a.origin.clone().unwrap_or_default(),
            credential: a.credential.clone().unwrap_or_default(),
            field_of_study: a.field.clone(),
            destination_country: a.destination.clone().unwrap_or_default(),
            current_job: a.current_job.clone().unwrap_or_default(),
            previous_job: a.previous_job.clone(),
            skills: a
                .skills
                .iter()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            years_experience: a.years,
            ..Default::default()
        }],
    };
    for r in records.iter_mut() {
        if r.destination_country.trim().is_empty() {
            return Err(Error::input(format!(
                "record {:?}: no destination country (--to DE)",
                r.id
            ))
            .into());
        }
    }
    let sb = g.load()?;
    let esco = if a.no_esco {
        None
    } else {
        match g.esco_dir() {
            Some(d) => skillbridge::taxonomy::esco::load(&sb.taxonomy, &sb.data, &d)?,
            None => None,
        }
    };
    let m = match esco {
        Some(c) => RecordMatcher::new(&sb, Some(c)),
        None => RecordMatcher::with_titles(&sb, g.embedded_titles(Some(&sb))?),
    };
    let method = m.method(&a.method)?.clone();
    let reports: Vec<RecordReport> = records.iter().map(|r| m.match_record(r, &method)).collect();
    if g.json {
        if a.record.is_some() && reports.len() != 1 {
            write_json(out, &reports)?;
        } else {
            write_json(out, &reports[0])?;
        }
    } else {
        for r in &reports {
            if !r.id.is_empty() {
                writeln!(out, "[{}]", r.id)?;
            }
            writeln!(out, "{}", r.summary)?;
            if let Some(b) = &r.credential.best {
                writeln!(
                    out,
                    "  credential: {} {} (EQF {}, ISCED {}), confidence {:.2}",
                    b.destination_framework,
                    b.destination_level,
                    b.eqf_level
                        .map(|x| x.to_string())
                        .unwrap_or_else(|| "?".into()),
                    b.isced_level
                        .map(|x| x.to_string())
                        .unwrap_or_else(|| "?".into()),
                    b.confidence
                )?;
            } else if let Some(e) = &r.credential.error {
                writeln!(out, "  credential: unknown ({e})")?;
            }
            for (label, j) in [
                ("current job", &r.current_job),
                ("previous job", &r.previous_job),
            ] {
                if let Some(j) = j {
                    writeln!(
                        out,
                        "  {label}: {:?} -> {} {} (confidence {:.2})",
                        j.text,
                        j.isco.as_deref().unwrap_or("?"),
                        j.title.as_deref().unwrap_or("not codable"),
                        j.confidence
                    )?;
                }
            }
            writeln!(
                out,
                "  mismatch ({}): {} — {}",
                r.mismatch.method,
                r.mismatch.class.as_str(),
                r.mismatch.reason
            )?;
            writeln!(out, "  downgrading: {}", r.downgrading.class)?;
            writeln!(
                out,
                "  field match: {} — {}",
                r.field_match.class, r.field_match.reason
            )?;
            if r.skills_gap.status == "ok" {
                writeln!(
                    out,
                    "  skills: {}/{} essential skills of {:?}",
                    r.skills_gap.have.len(),
                    r.skills_gap.essential,
                    r.skills_gap.occupation
                )?;
            }
        }
    }
    let any = reports.iter().any(|r| {
        r.credential.best.is_some()
            || r.current_job
                .as_ref()
                .and_then(|j| j.isco.as_ref())
                .is_some()
    });
    Ok(if any {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}
