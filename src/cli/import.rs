//! `skillbridge import esco DIR [--data OUT]`.
use std::io::Write;

use super::{write_json, CliResult, Globals, Outcome};
use skillbridge::Error;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// What to import
    #[arg(value_parser = ["esco"])]
    pub what: String,
    /// The folder of the ESCO CSV download
    pub dir: std::path::PathBuf,
}

pub fn run(a: Args, g: &Globals, out: &mut dyn Write) -> CliResult {
    let target = g
        .esco_dir()
        .ok_or_else(|| Error::input("no data directory: pass --data DIR"))?;
    // the data directory may not exist yet: importing is how it is made
    std::fs::create_dir_all(&target).map_err(|e| Error::io(target.display().to_string(), e))?;
    let sb = g.load()?;
    let r = skillbridge::taxonomy::esco::import(&sb.taxonomy, &sb.data, &a.dir, &target)?;
    if g.json {
        write_json(out, &r)?;
    } else {
        writeln!(
            out,
            "imported {} languages ({}), {} occupations, {} occupation labels, {} ISCO labels, {} ISCO example titles, {} skills, {} relations; {} index entries",
            r.languages.len(),
            r.languages.join(" "),
            r.occupations,
            r.occupation_labels,
            r.isco_labels,
            r.isco_examples,
            r.skills,
            r.relations,
            r.index_entries
        )?;
        writeln!(out, "written to {}", r.output)?;
        for p in r.problems.iter().take(50) {
            writeln!(out, "{p}")?;
        }
        if r.problems.len() > 50 {
            writeln!(out, "… and {} more problems", r.problems.len() - 50)?;
        }
    }
    Ok(Outcome::Found)
}
