//! `skillbridge levels --from PH-PQF:6 --to DE-DQR`.
use std::io::Write;

use super::{write_json, CliResult, Globals, Outcome};
use skillbridge::Error;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// FRAMEWORK:LEVEL, e.g. PH-PQF:6 or DE:4
    #[arg(long)]
    pub from: String,
    /// Destination framework id or country code, e.g. DE-DQR, EQF, DE
    #[arg(long)]
    pub to: String,
}

pub fn run(a: Args, g: &Globals, out: &mut dyn Write) -> CliResult {
    let sb = g.load()?;
    let t = &sb.taxonomy;
    let (fw, level) = a.from.rsplit_once(':').ok_or_else(|| {
        Error::input(format!(
            "--from {:?}: write FRAMEWORK:LEVEL, e.g. PH-PQF:6",
            a.from
        ))
    })?;
    let list = || {
        t.frameworks
            .iter()
            .map(|f| f.id.as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let from = t
        .resolve_framework(fw)
        .ok_or_else(|| Error::input(format!("no framework {fw} (frameworks: {})", list())))?;
    let to = t
        .resolve_framework(&a.to)
        .ok_or_else(|| Error::input(format!("no framework {} (frameworks: {})", a.to, list())))?;
    if from.level(level).is_none() {
        return Err(Error::input(format!(
            "{} has no level {level} (levels {})",
            from.id,
            from.levels
                .iter()
                .map(|l| l.level.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
        .into());
    }
    let results = sb.graph.levels(&from.id, level, &to.id)?;
    if g.json {
        write_json(
            out,
            &serde_json::json!({"from": {"framework": from.id, "level": from.level(level).map(|l| &l.level)}, "to": to.id, "results": results}),
        )?;
    } else if results.is_empty() {
        writeln!(
            out,
            "no referencing path from {} level {level} to {}",
            from.id, to.id
        )?;
    } else {
        for r in &results {
            writeln!(
                out,
                "{} level {}  confidence {:.2}",
                r.framework, r.level, r.confidence
            )?;
            for s in &r.path {
                writeln!(
                    out,
                    "  {} {} -> {} {}  ({:?} {:?}, {:.2}; {})",
                    s.from.framework,
                    s.from.level,
                    s.to.framework,
                    s.to.level,
                    s.kind,
                    s.relation,
                    s.confidence,
                    s.source
                )?;
            }
            if let Some(l) = to.level(&r.level) {
                for ty in &l.types {
                    writeln!(out, "    e.g. {} ({})", ty.name, ty.english)?;
                }
            }
        }
    }
    Ok(if results.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
