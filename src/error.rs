//! Errors and diagnostics.
//!
//! Data problems are [`Diagnostic`]s: a file, a line and a message that says what is wrong and,
//! where it can, how to fix it. Loading collects every diagnostic of every file instead of
//! stopping at the first one, so `skillbridge check` can list them all.

use std::fmt;

/// One problem found in a data file, with its position.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Path of the file, relative to the data root (`taxonomies/isco08.yaml`).
    pub path: String,
    /// 1-based line, 0 when the problem concerns the whole file.
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

impl Diagnostic {
    pub fn new(path: impl Into<String>, line: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            path: path.into(),
            line,
            message: message.into(),
        }
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: {}", self.path, self.line, self.message)
        } else {
            write!(f, "{}: {}", self.path, self.message)
        }
    }
}

/// Errors of the library.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The data files have problems; all of them are listed.
    #[error("{} problem(s) in the data files:\n{}", .0.len(), .0.iter().map(|d| d.to_string()).collect::<Vec<_>>().join("\n"))]
    Data(Vec<Diagnostic>),
    /// Bad input from the user (unknown framework, empty credential ...).
    #[error("{0}")]
    Input(String),
    /// An I/O error with the path it concerns.
    #[error("{path}: {source}")]
    Io {
        path: String,
        source: std::io::Error,
    },
    /// A CSV error with the path it concerns.
    #[error("{path}: {source}")]
    Csv { path: String, source: csv::Error },
}

impl Error {
    pub fn input(msg: impl Into<String>) -> Self {
        Error::Input(msg.into())
    }
    pub fn io(path: impl Into<String>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
