//! `skillbridge eval credentials FILE.csv` (and `eval titles FILE.csv`).
use std::io::Write;

use super::{write_json, CliResult, Globals, Outcome};
use skillbridge::eval;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// What to evaluate
    #[arg(value_parser = ["credentials", "titles"])]
    pub what: String,
    /// The labelled CSV file
    pub file: std::path::PathBuf,
    /// Titles: use only the embedded index even when ESCO was imported
    #[arg(long)]
    pub no_esco: bool,
    /// Also list the rows the matcher got wrong
    #[arg(long)]
    pub show_errors: bool,
    /// Write every evaluated row (prediction, confidence, correctness) to this CSV file
    #[arg(long, value_name = "FILE")]
    pub rows: Option<std::path::PathBuf>,
}

fn write_rows<T: serde::Serialize>(
    path: &std::path::Path,
    rows: &[T],
) -> Result<(), skillbridge::Error> {
    let mut w = csv::Writer::from_path(path).map_err(|e| skillbridge::Error::Csv {
        path: path.display().to_string(),
        source: e,
    })?;
    for r in rows {
        w.serialize(r).map_err(|e| skillbridge::Error::Csv {
            path: path.display().to_string(),
            source: e,
        })?;
    }
    w.flush()
        .map_err(|e| skillbridge::Error::io(path.display().to_string(), e))?;
    Ok(())
}

pub fn run(a: Args, g: &Globals, out: &mut dyn Write) -> CliResult {
    let sb = g.load()?;
    if a.what == "titles" {
        let (index, esco) = {
            let dir = if a.no_esco { None } else { g.esco_dir() };
            sb.title_index(dir.as_deref())?
        };
        let r = eval::titles(&index, &a.file)?;
        if let Some(p) = &a.rows {
            write_rows(p, &r.rows)?;
        }
        if g.json {
            let mut v = serde_json::to_value(&r)?;
            v["esco"] = serde_json::Value::Bool(esco);
            write_json(out, &v)?;
        } else {
            writeln!(out, "n {}  acc1 {:.3} acc2 {:.3} acc3 {:.3} acc4 {:.3}  {} titles/s  auto@95 {:.3}  (ESCO: {esco})", r.n, r.acc1, r.acc2, r.acc3, r.acc4, r.titles_per_second, r.auto_share_at_95)?;
            for (s, x) in &r.by_source {
                writeln!(
                    out,
                    "  {s:<14} n {:>5}  acc1 {:.3} acc2 {:.3} acc3 {:.3} acc4 {:.3}  auto@95 {:.3}",
                    x.n, x.acc1, x.acc2, x.acc3, x.acc4, x.auto_share_at_95
                )?;
            }
            if a.show_errors {
                for x in r.rows.iter().filter(|x| x.digits_right < 4) {
                    writeln!(
                        out,
                        "wrong: line {} [{}] {:?} expected {:?} got {:?} ({:.2})",
                        x.line, x.source, x.title, x.expected, x.predicted, x.confidence
                    )?;
                }
            }
            for c in &r.calibration {
                writeln!(
                    out,
                    "  confidence >= {:.2}: share {:.3}, acc4 {:.3}",
                    c.min_confidence, c.share, c.acc4
                )?;
            }
        }
        return Ok(Outcome::Found);
    }
    let report = eval::credentials(&sb, &a.file)?;
    if let Some(p) = &a.rows {
        write_rows(p, &report.rows)?;
    }
    if g.json {
        write_json(out, &report)?;
    } else {
        writeln!(
            out,
            "n {}  correct {}  accuracy {:.3}  unmatched {}",
            report.n, report.correct, report.accuracy, report.unmatched
        )?;
        for (c, s) in &report.by_country {
            writeln!(out, "  {c}  {}/{}", s.correct, s.n)?;
        }
        if a.show_errors {
            for r in report.rows.iter().filter(|r| !r.correct) {
                writeln!(
                    out,
                    "wrong: line {} {} {:?} expected {:?} got {:?} via {:?} {:?}",
                    r.line, r.origin, r.credential, r.expected, r.predicted, r.method, r.matched
                )?;
            }
        }
        for r in &report.rejects {
            writeln!(out, "reject: {r}")?;
        }
    }
    Ok(Outcome::Found)
}
