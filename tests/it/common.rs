//! Helpers: run the built binary, find `../shared`.
#![allow(dead_code)]

use std::path::PathBuf;
use std::process::{Command, Output};

/// The binary, with its cache of the embedded title index kept in the build's temporary
/// directory (not the user's cache).
pub fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_skillbridge"));
    c.env(
        "SKILLBRIDGE_CACHE",
        PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cache"),
    );
    c
}

pub fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("run skillbridge")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

pub fn json(args: &[&str]) -> (i32, serde_json::Value) {
    let o = run(args);
    let v = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("{args:?}: not JSON ({e}): {}{}", stdout(&o), stderr(&o)));
    (o.status.code().unwrap_or(-1), v)
}

/// A file under `../shared`. Missing: fails when `CI=true`, otherwise skips (returns None)
/// with a message.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join("shared")
        .join(rel);
    if p.exists() {
        return Some(p);
    }
    if std::env::var("CI").map(|v| v == "true").unwrap_or(false) {
        panic!(
            "{} is missing and CI=true: the shared reference data must be beside the checkout",
            p.display()
        );
    }
    eprintln!(
        "skipping: {} not found (clone ../shared beside the project to run this test)",
        p.display()
    );
    None
}

/// A data directory with ESCO v1.1.1 from ../shared imported once per test run (through the CLI).
pub fn esco_dir() -> Option<&'static std::path::Path> {
    use std::sync::OnceLock;
    static DIR: OnceLock<Option<PathBuf>> = OnceLock::new();
    DIR.get_or_init(|| {
        let src = shared("reference/esco-v1.1.1/occupations_en.csv")?;
        let src = src.parent().unwrap().to_path_buf();
        let dir = tempfile::tempdir().unwrap().keep();
        let o = bin()
            .args([
                "import",
                "esco",
                src.to_str().unwrap(),
                "--data",
                dir.to_str().unwrap(),
                "--json",
            ])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "import failed: {}", stderr(&o));
        Some(dir)
    })
    .as_deref()
}
