//! `skillbridge export isco08 --format csv`.
use std::io::Write;

use super::{write_json, CliError, CliResult, Globals, Outcome};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// What to export
    #[arg(value_parser = ["isco08", "isced-f2013"])]
    pub what: String,
    /// Output format
    #[arg(long, default_value = "csv", value_parser = ["csv", "json"])]
    pub format: String,
}

pub fn run(a: Args, g: &Globals, out: &mut dyn Write) -> CliResult {
    let sb = g.load()?;
    let t = &sb.taxonomy;
    let json = g.json || a.format == "json";
    match a.what.as_str() {
        "isco08" => {
            if json {
                write_json(out, &serde_json::json!({ "groups": t.isco }))?;
            } else {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(["code", "title", "parent", "skill_levels"])
                    .map_err(csv_err)?;
                for grp in &t.isco {
                    let sl = grp
                        .skill_levels
                        .iter()
                        .map(|s| s.to_string())
                        .collect::<Vec<_>>()
                        .join("|");
                    w.write_record([
                        grp.code.as_str(),
                        grp.title.as_str(),
                        grp.parent.as_deref().unwrap_or(""),
                        sl.as_str(),
                    ])
                    .map_err(csv_err)?;
                }
                w.flush()?;
            }
        }
        _ => {
            if json {
                write_json(out, &serde_json::json!({ "fields": t.isced_fields }))?;
            } else {
                let mut w = csv::Writer::from_writer(out);
                w.write_record(["code", "title", "parent"])
                    .map_err(csv_err)?;
                for f in &t.isced_fields {
                    w.write_record([
                        f.code.as_str(),
                        f.title.as_str(),
                        f.parent.as_deref().unwrap_or(""),
                    ])
                    .map_err(csv_err)?;
                }
                w.flush()?;
            }
        }
    }
    Ok(Outcome::Found)
}

fn csv_err(e: csv::Error) -> CliError {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => CliError::from(e),
        other => CliError::Io(std::io::Error::other(format!("{other:?}"))),
    }
}
