//! Where data files come from: the files embedded in the binary at build time, overlaid by the
//! files of a user's data directory (`--data DIR`, same layout: `DIR/taxonomies/...`,
//! `DIR/mappings/...`). A user file with the same relative path replaces the embedded one; other
//! user files are added.

use include_dir::{include_dir, Dir};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

static TAXONOMIES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/taxonomies");
static MAPPINGS: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/mappings");

/// One data file: its path relative to the data root and its text.
#[derive(Debug, Clone)]
pub struct DataFile {
    pub path: String,
    pub text: String,
    /// Whether the file comes from the embedded defaults.
    pub embedded: bool,
}

/// The set of data files that make up a taxonomy, keyed by relative path.
#[derive(Debug, Clone, Default)]
pub struct DataSet {
    files: BTreeMap<String, DataFile>,
    /// The user data directory, when one was given.
    pub user_dir: Option<PathBuf>,
}

fn collect_embedded(dir: &Dir<'_>, prefix: &str, out: &mut BTreeMap<String, DataFile>) {
    for f in dir.files() {
        let rel = format!("{}/{}", prefix, f.path().to_string_lossy());
        if !is_data_file(&rel) {
            continue;
        }
        if let Some(text) = f.contents_utf8() {
            out.insert(
                rel.clone(),
                DataFile {
                    path: rel,
                    text: text.to_string(),
                    embedded: true,
                },
            );
        }
    }
    for d in dir.dirs() {
        collect_embedded(d, prefix, out);
    }
}

fn is_data_file(path: &str) -> bool {
    path.ends_with(".yaml") || path.ends_with(".yml")
}

impl DataSet {
    /// The data embedded in the binary.
    pub fn embedded() -> DataSet {
        let mut files = BTreeMap::new();
        collect_embedded(&TAXONOMIES, "taxonomies", &mut files);
        collect_embedded(&MAPPINGS, "mappings", &mut files);
        DataSet {
            files,
            user_dir: None,
        }
    }

    /// Only the files of a directory (no embedded data); useful for tests and for checking a
    /// directory on its own.
    pub fn from_dir_only(dir: &Path) -> Result<DataSet> {
        let mut set = DataSet {
            files: BTreeMap::new(),
            user_dir: Some(dir.to_path_buf()),
        };
        set.add_dir(dir)?;
        Ok(set)
    }

    /// The embedded data overlaid with the files of `dir`.
    pub fn with_overlay(dir: &Path) -> Result<DataSet> {
        let mut set = DataSet::embedded();
        set.user_dir = Some(dir.to_path_buf());
        set.add_dir(dir)?;
        Ok(set)
    }

    fn add_dir(&mut self, dir: &Path) -> Result<()> {
        if !dir.is_dir() {
            return Err(Error::input(format!(
                "{}: not a directory (--data takes a directory laid out like the project: DIR/taxonomies/..., DIR/mappings/...)",
                dir.display()
            )));
        }
        for top in ["taxonomies", "mappings"] {
            let root = dir.join(top);
            if root.is_dir() {
                self.walk(&root, top)?;
            }
        }
        Ok(())
    }

    fn walk(&mut self, dir: &Path, rel: &str) -> Result<()> {
        let mut entries: Vec<_> = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir.display().to_string(), e))?
            .filter_map(|e| e.ok())
            .collect();
        entries.sort_by_key(|e| e.file_name());
        for e in entries {
            let name = e.file_name().to_string_lossy().to_string();
            let path = e.path();
            let rel_path = format!("{rel}/{name}");
            if path.is_dir() {
                self.walk(&path, &rel_path)?;
            } else if is_data_file(&rel_path) {
                let bytes =
                    std::fs::read(&path).map_err(|e| Error::io(path.display().to_string(), e))?;
                let text = String::from_utf8_lossy(&bytes).into_owned();
                self.files.insert(
                    rel_path.clone(),
                    DataFile {
                        path: rel_path,
                        text,
                        embedded: false,
                    },
                );
            }
        }
        Ok(())
    }

    /// Add or replace one file (used by tests and by callers that build data in memory).
    pub fn insert(&mut self, path: &str, text: &str) {
        self.files.insert(
            path.to_string(),
            DataFile {
                path: path.to_string(),
                text: text.to_string(),
                embedded: false,
            },
        );
    }

    /// All files, ordered by path.
    pub fn files(&self) -> impl Iterator<Item = &DataFile> {
        self.files.values()
    }

    /// The files under a directory prefix such as `taxonomies/frameworks/`.
    pub fn under<'a>(&'a self, prefix: &'a str) -> impl Iterator<Item = &'a DataFile> + 'a {
        self.files
            .values()
            .filter(move |f| f.path.starts_with(prefix))
    }

    pub fn get(&self, path: &str) -> Option<&DataFile> {
        self.files.get(path)
    }

    /// Show a path the way a user can find it: user files with their directory.
    pub fn display_path(&self, f: &DataFile) -> String {
        match (&self.user_dir, f.embedded) {
            (Some(d), false) => d.join(&f.path).display().to_string(),
            _ => f.path.clone(),
        }
    }
}
