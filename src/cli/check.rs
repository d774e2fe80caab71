//! `skillbridge check`: validate every data file.
use std::io::Write;

use super::{write_json, CliResult, Globals, Outcome};
use skillbridge::taxonomy::Taxonomy;

#[derive(clap::Args, Debug)]
pub struct Args {}

pub fn run(_a: Args, g: &Globals, out: &mut dyn Write) -> CliResult {
    let set = g.data_set()?;
    let files = set.files().count();
    let (t, diags) = Taxonomy::load(&set);
    if g.json {
        write_json(
            out,
            &serde_json::json!({
                "ok": diags.is_empty(),
                "files": files,
                "problems": diags,
                "counts": counts(&t),
            }),
        )?;
    } else if diags.is_empty() {
        let c = counts(&t);
        writeln!(
            out,
            "ok: {files} files, {}",
            c.iter()
                .map(|(k, v)| format!("{v} {k}"))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    } else {
        for d in &diags {
            writeln!(out, "{d}")?;
        }
        writeln!(out, "{} problem(s) in {files} files", diags.len())?;
    }
    if diags.is_empty() {
        Ok(Outcome::Found)
    } else {
        Ok(Outcome::Failed)
    }
}

fn counts(t: &Taxonomy) -> Vec<(&'static str, usize)> {
    vec![
        ("ISCO-08 groups", t.isco.len()),
        ("ISCED-F fields", t.isced_fields.len()),
        ("frameworks", t.frameworks.len()),
        ("referencing tables", t.referencing.len()),
        ("education systems", t.education_systems.len()),
        (
            "credentials",
            t.education_systems
                .values()
                .map(|e| e.credentials.len())
                .sum(),
        ),
        ("curated titles", t.titles.len()),
    ]
}
