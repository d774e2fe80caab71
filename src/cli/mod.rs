//! Command-line layer: clap definitions, one file per subcommand. Each subcommand turns its
//! arguments into library calls and writes text or JSON to stdout.

use clap::{Parser, Subcommand};
use std::io::{self, Write};
use std::path::PathBuf;

use skillbridge::occupation::{TitleIndex, TitleIndexBuilder};
use skillbridge::taxonomy::DataSet;
use skillbridge::{Error, Skillbridge};

mod check;
mod code;
mod credential;
mod eval;
mod export;
mod frameworks;
mod import;
mod levels;
mod lookup;
mod matchcmd;

#[derive(Parser, Debug)]
#[command(
    name = "skillbridge",
    version,
    about = "Recognition of migrants' skills and qualifications: ISCO-08, qualifications frameworks, credential equivalence, deskilling"
)]
pub struct Cli {
    /// Data directory that extends or overrides the embedded data (DIR/taxonomies/..., DIR/mappings/...)
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,
    /// Write one JSON document on stdout instead of text
    #[arg(long, global = true)]
    pub json: bool,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Validate all data files; print every problem as path:line: message
    Check(check::Args),
    /// Look up an ISCO-08 group by code or title
    Lookup(lookup::Args),
    /// List frameworks, or show one framework's levels, types and referencing
    Frameworks(frameworks::Args),
    /// Compare a level of one framework with another framework
    Levels(levels::Args),
    /// Export a taxonomy as CSV or JSON
    Export(export::Args),
    /// Foreign credential -> destination-country equivalents
    Credential(credential::Args),
    /// Evaluate a matcher on a labelled CSV file
    Eval(eval::Args),
    /// Code a job title to ISCO-08 unit groups
    Code(code::Args),
    /// Import ESCO (CSV download) into the data directory
    Import(import::Args),
    /// One migrant record: credential equivalence, occupations, deskilling gap
    Match(matchcmd::Args),
}

/// What a command achieved: decides the exit code.
pub enum Outcome {
    Found,
    NothingFound,
    /// The problems were written to stdout already (e.g. `check`): exit 2.
    Failed,
}

pub struct Globals {
    pub data: Option<PathBuf>,
    pub json: bool,
}

impl Globals {
    pub fn data_set(&self) -> Result<DataSet, Error> {
        match &self.data {
            Some(d) => DataSet::with_overlay(d),
            None => Ok(DataSet::embedded()),
        }
    }
    /// Where the compiled ESCO index lives: `--data DIR`, else the per-OS data directory.
    pub fn esco_dir(&self) -> Option<PathBuf> {
        self.data
            .clone()
            .or_else(skillbridge::taxonomy::esco::default_data_dir)
    }
    pub fn load(&self) -> Result<Skillbridge, Error> {
        Skillbridge::load(&self.data_set()?)
    }
    /// The index of the embedded titles (no ESCO): from the cache when it was built from the
    /// same title files, else built from `sb` (or the data, loaded here) and cached.
    pub fn embedded_titles(&self, sb: Option<&Skillbridge>) -> Result<TitleIndex, Error> {
        let set = self.data_set()?;
        let dir = skillbridge::cache::default_dir();
        if let Some(ix) = dir
            .as_deref()
            .and_then(|d| skillbridge::cache::load(&set, d))
        {
            return Ok(ix);
        }
        let build = |sb: &Skillbridge| TitleIndexBuilder::from_taxonomy(&sb.taxonomy).build();
        let ix = match sb {
            Some(sb) => build(sb),
            None => build(&Skillbridge::load(&set)?),
        };
        if let Some(d) = dir {
            // a cache that cannot be written only costs time on the next start
            let _ = skillbridge::cache::store(&set, &d, &ix);
        }
        Ok(ix)
    }
}

pub fn main() -> i32 {
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let g = Globals {
        data: cli.data,
        json: cli.json,
    };
    let stdout = io::stdout();
    let mut out = io::BufWriter::new(stdout.lock());
    let r = match cli.command {
        Command::Check(a) => check::run(a, &g, &mut out),
        Command::Lookup(a) => lookup::run(a, &g, &mut out),
        Command::Frameworks(a) => frameworks::run(a, &g, &mut out),
        Command::Levels(a) => levels::run(a, &g, &mut out),
        Command::Export(a) => export::run(a, &g, &mut out),
        Command::Credential(a) => credential::run(a, &g, &mut out),
        Command::Eval(a) => eval::run(a, &g, &mut out),
        Command::Code(a) => code::run(a, &g, &mut out),
        Command::Import(a) => import::run(a, &g, &mut out),
        Command::Match(a) => matchcmd::run(a, &g, &mut out),
    };
    let flushed = out.flush();
    match r {
        Ok(Outcome::Found) => 0,
        Ok(Outcome::NothingFound) => 1,
        Ok(Outcome::Failed) => 2,
        Err(CliError::BrokenPipe) => 0,
        Err(CliError::Lib(e)) => {
            let _ = flushed;
            eprintln!("error: {e:#}");
            2
        }
        Err(CliError::Io(e)) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(CliError::Io(e)) => {
            eprintln!("error: {e}");
            2
        }
    }
}

#[derive(Debug)]
pub enum CliError {
    Lib(Error),
    Io(io::Error),
    BrokenPipe,
}

impl From<Error> for CliError {
    fn from(e: Error) -> Self {
        CliError::Lib(e)
    }
}
impl From<io::Error> for CliError {
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            CliError::BrokenPipe
        } else {
            CliError::Io(e)
        }
    }
}
impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> Self {
        CliError::Io(io::Error::other(e))
    }
}

pub type CliResult = Result<Outcome, CliError>;

/// Write a value as one JSON document.
pub fn write_json<T: serde::Serialize>(out: &mut dyn Write, v: &T) -> Result<(), CliError> {
    serde_json::to_writer_pretty(&mut *out, v)?;
    writeln!(out)?;
    Ok(())
}
