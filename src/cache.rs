//! A cache of the compiled embedded title index.
//!
//! Without an imported ESCO index, coding titles needs the index of the embedded ISCO-08 and
//! curated titles; building it from the YAML files takes most of a second. The compiled index is
//! kept in a cache directory (per OS; `$SKILLBRIDGE_CACHE` to choose), keyed by a fingerprint of
//! the title files, and loaded in milliseconds the next time. A missing, stale or unreadable cache
//! is rebuilt, never an error; the library never writes one unless asked ([`store`]).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::occupation::TitleIndex;
use crate::taxonomy::{esco, DataSet};

/// File name of the cached embedded index inside the cache directory.
pub const FILE: &str = "embedded-titles.bin";

#[derive(Deserialize)]
struct Cached {
    format: u32,
    titles_hash: u64,
    index: TitleIndex,
}

#[derive(Serialize)]
struct CachedRef<'a> {
    format: u32,
    titles_hash: u64,
    index: &'a TitleIndex,
}

/// `$SKILLBRIDGE_CACHE` when set, else the per-OS cache directory (`$XDG_CACHE_HOME/skillbridge`
/// on Linux).
pub fn default_dir() -> Option<PathBuf> {
    if let Some(d) = std::env::var_os("SKILLBRIDGE_CACHE") {
        return Some(PathBuf::from(d));
    }
    directories::ProjectDirs::from("org", "skillbridge", "skillbridge")
        .map(|p| p.cache_dir().to_path_buf())
}

/// The cached index of the title files of `set`; `None` when `dir` has none, or one built from
/// other files or by another version.
pub fn load(set: &DataSet, dir: &Path) -> Option<TitleIndex> {
    let bytes = std::fs::read(dir.join(FILE)).ok()?;
    let c: Cached = bincode::deserialize(&bytes).ok()?;
    (c.format == esco::FORMAT && c.titles_hash == esco::titles_hash(set)).then_some(c.index)
}

/// Write `index`, built from the title files of `set`, into `dir` (created when missing). The
/// file is replaced whole, so a concurrent reader sees the old index or the new one.
pub fn store(set: &DataSet, dir: &Path, index: &TitleIndex) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir.display().to_string(), e))?;
    let out = dir.join(FILE);
    let tmp = dir.join(format!("{FILE}.{}.tmp", std::process::id()));
    let c = CachedRef {
        format: esco::FORMAT,
        titles_hash: esco::titles_hash(set),
        index,
    };
    let written = std::fs::File::create(&tmp)
        .map_err(|e| Error::io(tmp.display().to_string(), e))
        .and_then(|f| {
            bincode::serialize_into(std::io::BufWriter::new(f), &c).map_err(|e| {
                Error::input(format!("{}: cannot write the cache: {e}", tmp.display()))
            })
        })
        .and_then(|()| {
            std::fs::rename(&tmp, &out).map_err(|e| Error::io(out.display().to_string(), e))
        });
    if written.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::occupation::TitleIndexBuilder;

    /// A stored index loads back and codes as the built one; other title files miss the cache.
    #[test]
    fn a_cached_index_codes_as_the_built_one() {
        let set = DataSet::embedded();
        let sb = crate::Skillbridge::load(&set).unwrap();
        let built = TitleIndexBuilder::from_taxonomy(&sb.taxonomy).build();
        let dir = tempfile::tempdir().unwrap();
        assert!(load(&set, dir.path()).is_none());
        store(&set, dir.path(), &built).unwrap();
        let cached = load(&set, dir.path()).expect("the stored index");
        for t in ["staff nurse", "Krankenpfleger", "plombier", "محاسب"] {
            let (a, b) = (built.code(t, "", 3), cached.code(t, "", 3));
            assert_eq!(
                serde_json::to_string(&a.candidates).unwrap(),
                serde_json::to_string(&b.candidates).unwrap(),
                "{t}"
            );
        }
        // another fingerprint (an overlay with other title files) is a miss, not an error
        let other = dir.path().join("overlay");
        std::fs::create_dir_all(other.join("taxonomies/titles")).unwrap();
        std::fs::write(
            other.join("taxonomies/titles/xx.yaml"),
            "lang: en\nsources: [\"test, 2026\"]\ntitles:\n  \"2221\": [ward sister]\n",
        )
        .unwrap();
        let overlay = DataSet::with_overlay(&other).unwrap();
        assert!(load(&overlay, dir.path()).is_none());
        // a damaged file is a miss too
        std::fs::write(dir.path().join(FILE), b"not an index").unwrap();
        assert!(load(&set, dir.path()).is_none());
    }
}
