//! `skillbridge frameworks [ID]`.
use std::io::Write;

use super::{write_json, CliResult, Globals, Outcome};
use skillbridge::taxonomy::FrameworkKind;
use skillbridge::Error;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// A framework id (DE-DQR) or country code (DE); omit to list all frameworks
    pub id: Option<String>,
}

pub fn run(a: Args, g: &Globals, out: &mut dyn Write) -> CliResult {
    let sb = g.load()?;
    let t = &sb.taxonomy;
    let Some(id) = a.id else {
        let mut fws: Vec<_> = t.frameworks.iter().collect();
        fws.sort_by(|a, b| {
            (a.kind == FrameworkKind::National, &a.id)
                .cmp(&(b.kind == FrameworkKind::National, &b.id))
        });
        if g.json {
            let v: Vec<_> = fws
                .iter()
                .map(|f| serde_json::json!({"id": f.id, "name": f.name, "kind": f.kind, "country": f.country, "levels": f.levels.len()}))
                .collect();
            write_json(out, &serde_json::json!({ "frameworks": v }))?;
        } else {
            for f in fws {
                let kind = match f.kind {
                    FrameworkKind::Meta => "meta".to_string(),
                    FrameworkKind::National => f.country.clone().unwrap_or_default(),
                };
                writeln!(
                    out,
                    "{:<14} {:<7} {:>2} levels  {}",
                    f.id,
                    kind,
                    f.levels.len(),
                    f.name
                )?;
            }
        }
        return Ok(Outcome::Found);
    };
    let fw = t.resolve_framework(&id).ok_or_else(|| {
        Error::input(format!(
            "no framework {id}: use an id or a country code ({})",
            t.frameworks
                .iter()
                .map(|f| f.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })?;
    let refs = t.referencing_of(&fw.id);
    if g.json {
        write_json(
            out,
            &serde_json::json!({"framework": fw, "referencing": refs}),
        )?;
        return Ok(Outcome::Found);
    }
    writeln!(out, "{} — {}", fw.id, fw.name)?;
    if let Some(c) = &fw.country {
        writeln!(out, "country: {c}")?;
    }
    if !fw.countries.is_empty() {
        writeln!(out, "used by: {}", fw.countries.join(" "))?;
    }
    for s in &fw.sources {
        writeln!(out, "source: {s}")?;
    }
    for l in &fw.levels {
        let mut targets = Vec::new();
        for r in &refs {
            for link in &r.links {
                if r.from.eq_ignore_ascii_case(&fw.id) && link.from.eq_ignore_ascii_case(&l.level) {
                    targets.push(
                        format!("{} {} ({:?})", r.to, link.to.join("/"), link.relation)
                            .to_lowercase()
                            .replace(&r.to.to_lowercase(), &r.to),
                    );
                }
            }
        }
        writeln!(out, "\nlevel {}: {}", l.level, l.descriptor)?;
        if !targets.is_empty() {
            writeln!(out, "  referenced to: {}", targets.join("; "))?;
        }
        for ty in &l.types {
            writeln!(out, "  - {} ({}) ISCED {}", ty.name, ty.english, ty.isced)?;
        }
    }
    Ok(Outcome::Found)
}
