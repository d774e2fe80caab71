//! `skillbridge code "staff nurse" [--lang en] [--top 5]`.
use std::io::Write;

use super::{write_json, CliResult, Globals, Outcome};
use skillbridge::Error;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The job title (any language)
    pub title: String,
    /// Language of the title (ISO 639-1), when known
    #[arg(long, default_value = "")]
    pub lang: String,
    /// How many candidates to show
    #[arg(long, default_value_t = 5)]
    pub top: usize,
    /// Use only the embedded index even when ESCO was imported
    #[arg(long)]
    pub no_esco: bool,
}

pub fn run(a: Args, g: &Globals, out: &mut dyn Write) -> CliResult {
    if a.title.trim().is_empty() {
        return Err(Error::input("empty job title").into());
    }
    // fast path: a compiled ESCO index built from the same title files needs no taxonomy parsing
    let dir = if a.no_esco { None } else { g.esco_dir() };
    let fast = match &dir {
        Some(d) => skillbridge::taxonomy::esco::load_if_current(&g.data_set()?, d)?,
        None => None,
    };
    let imported = dir
        .as_deref()
        .is_some_and(|d| d.join(skillbridge::taxonomy::esco::INDEX_FILE).exists());
    let (index, esco) = match fast {
        Some(c) => (c.index, true),
        None if !imported => (g.embedded_titles(None)?, false),
        None => g.load()?.title_index(dir.as_deref())?,
    };
    let c = index.code(&a.title, &a.lang, a.top.max(1));
    if g.json {
        write_json(
            out,
            &serde_json::json!({"query": c.query, "esco": esco, "coded": c.coded, "candidates": c.candidates}),
        )?;
    } else {
        match &c.coded {
            Some(k) => writeln!(
                out,
                "coded: {} {} ({} digits, confidence {:.2})",
                k.code, k.title, k.digits, k.confidence
            )?,
            None => writeln!(out, "coded: none (too little evidence)")?,
        }
        for x in &c.candidates {
            write!(
                out,
                "  {} {:<50} {:.2}  matched {:?} [{}]",
                x.code, x.title, x.confidence, x.matched, x.lang
            )?;
            if let Some(e) = &x.esco {
                write!(out, "  ESCO: {}", e.label)?;
            }
            writeln!(out)?;
        }
    }
    Ok(if c.candidates.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}
