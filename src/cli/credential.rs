//! `skillbridge credential --from SY --to DE "Shahadat al-Thanawiyya al-Amma"`.
use std::io::Write;

use super::{write_json, CliResult, Globals, Outcome};
use skillbridge::credential::{CredentialMatcher, CredentialQuery, Equivalence};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Origin country (ISO alpha-2, alpha-3 or English name)
    #[arg(long)]
    pub from: String,
    /// Destination country or framework (DE, NL, EQF, DE-DQR …)
    #[arg(long)]
    pub to: String,
    /// The credential as written on the diploma (any language or script)
    pub credential: String,
    /// Field of study (ISCED-F code or text)
    #[arg(long)]
    pub field: Option<String>,
    /// Duration of the programme in years
    #[arg(long)]
    pub duration: Option<f32>,
    /// Year awarded
    #[arg(long)]
    pub year: Option<i32>,
    /// Level in the origin country's NQF, when stated on the diploma
    #[arg(long)]
    pub nqf_level: Option<String>,
}

pub fn run(a: Args, g: &Globals, out: &mut dyn Write) -> CliResult {
    let sb = g.load()?;
    let m = CredentialMatcher::new(&sb);
    let q = CredentialQuery {
        origin: a.from,
        text: a.credential,
        destination: a.to,
        field: a.field,
        duration_years: a.duration,
        year: a.year,
        nqf_level: a.nqf_level,
    };
    let r = m.match_credential(&q)?;
    if g.json {
        write_json(out, &r)?;
    } else {
        match &r.best {
            Some(b) => {
                writeln!(out, "{}", line(b))?;
                explain(out, b)?;
                if !r.alternatives.is_empty() {
                    writeln!(out, "alternatives:")?;
                    for alt in &r.alternatives {
                        writeln!(out, "  {}", line(alt))?;
                    }
                }
            }
            None => writeln!(
                out,
                "unknown: no equivalence found for {:?} from {}",
                q.text, r.origin_country
            )?,
        }
        for n in &r.notes {
            writeln!(out, "note: {n}")?;
        }
    }
    Ok(if r.best.is_some() {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

fn line(e: &Equivalence) -> String {
    let what = e
        .matched
        .as_ref()
        .map(|m| format!("{} [{}]", m.english, m.id))
        .unwrap_or_else(|| e.method.clone());
    format!(
        "{} level {} (EQF {}, ISCED {})  confidence {:.2}  — {}",
        e.destination_framework,
        e.destination_level,
        e.eqf_level
            .map(|x| x.to_string())
            .unwrap_or_else(|| "?".into()),
        e.isced_level
            .map(|x| x.to_string())
            .unwrap_or_else(|| "?".into()),
        e.confidence,
        what
    )
}

fn explain(out: &mut dyn Write, e: &Equivalence) -> std::io::Result<()> {
    for s in &e.path {
        writeln!(
            out,
            "  {} -> {}  ({}, {:.2}; {})",
            s.from, s.to, s.relation, s.confidence, s.source
        )?;
    }
    if !e.comparable_to.is_empty() {
        writeln!(out, "  comparable to: {}", e.comparable_to.join("; "))?;
    }
    for n in &e.notes {
        writeln!(out, "  note: {n}")?;
    }
    Ok(())
}
