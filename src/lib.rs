//! # skillbridge
//!
//! Recognition of migrants' skills and qualifications. skillbridge loads ISCO-08, ISCED 2011,
//! ISCED-F 2013, regional meta-frameworks (EQF, AQRF, SADCQF, ACQF, CARICOM CVQ) and national
//! qualifications frameworks from YAML files we write, links them into one immutable
//! [`graph::Graph`], and answers: what level is a foreign qualification at the destination, which
//! ISCO-08 occupation is a job title, how far below their skills does a person work.
//!
//! Data flows one way: files → typed, validated [`taxonomy::Taxonomy`] → immutable graph and
//! indexes (`Send + Sync`, built once) → matchers → reports. The library never prints; the
//! `skillbridge` binary is a thin layer that parses arguments and writes results.
//!
//! ```
//! let sb = skillbridge::Skillbridge::embedded().unwrap();
//! let to = sb.taxonomy.resolve_framework("DE").unwrap();
//! let r = sb.graph.levels("EQF", "6", &to.id).unwrap();
//! assert_eq!(r[0].level, "6");
//! ```

pub mod cache;
pub mod country;
pub mod credential;
pub mod deskilling;
pub mod error;
pub mod eval;
pub mod graph;
pub mod occupation;
pub mod record;
pub mod taxonomy;
pub mod text;

pub use error::{Diagnostic, Error, Result};

use taxonomy::{DataSet, Taxonomy};

/// The loaded taxonomy and the graph built from it.
#[derive(Debug)]
pub struct Skillbridge {
    pub taxonomy: Taxonomy,
    pub graph: graph::Graph,
    /// The files the taxonomy was loaded from.
    pub data: DataSet,
}

impl Skillbridge {
    /// Load from a data set; fails with every data problem found.
    pub fn load(set: &DataSet) -> Result<Skillbridge> {
        let taxonomy = Taxonomy::load_strict(set)?;
        let graph = graph::Graph::build(&taxonomy);
        Ok(Skillbridge {
            taxonomy,
            graph,
            data: set.clone(),
        })
    }

    /// Load the data embedded in the binary.
    pub fn embedded() -> Result<Skillbridge> {
        Self::load(&DataSet::embedded())
    }
}

impl Skillbridge {
    /// The title index: the compiled ESCO index of `data_dir` when one was imported there,
    /// otherwise the embedded default (ISCO-08 titles and curated titles). The flag tells
    /// whether ESCO is in it.
    pub fn title_index(
        &self,
        data_dir: Option<&std::path::Path>,
    ) -> Result<(occupation::TitleIndex, bool)> {
        if let Some(d) = data_dir {
            if let Some(c) = taxonomy::esco::load(&self.taxonomy, &self.data, d)? {
                return Ok((c.index, true));
            }
        }
        Ok((
            occupation::TitleIndexBuilder::from_taxonomy(&self.taxonomy).build(),
            false,
        ))
    }
}
