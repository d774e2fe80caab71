//! Our ISCO-08 file against the ESCO v1.1.1 ISCO groups (codes and English titles).
use std::collections::BTreeMap;

use crate::common::shared;
use skillbridge::taxonomy::Taxonomy;

#[test]
fn isco08_codes_and_titles_equal_the_reference() {
    let Some(path) = shared("reference/esco-v1.1.1/ISCOGroups_en.csv") else {
        return;
    };
    let mut rdr = csv::Reader::from_path(&path).unwrap();
    let h = rdr.headers().unwrap().clone();
    let code = h.iter().position(|c| c == "code").unwrap();
    let label = h.iter().position(|c| c == "preferredLabel").unwrap();
    let mut reference = BTreeMap::new();
    for r in rdr.records() {
        let r = r.unwrap();
        reference.insert(r[code].trim().to_string(), r[label].trim().to_string());
    }
    let t = Taxonomy::embedded().unwrap();
    let ours: BTreeMap<String, String> = t
        .isco
        .iter()
        .map(|g| (g.code.clone(), g.title.trim().to_string()))
        .collect();
    assert_eq!(reference.len(), 619);
    assert_eq!(ours.len(), 619, "isco08.yaml must hold all 619 groups");
    let by_len = |n: usize| ours.keys().filter(|c| c.len() == n).count();
    assert_eq!(
        (by_len(1), by_len(2), by_len(3), by_len(4)),
        (10, 43, 130, 436)
    );
    let diffs: Vec<String> = reference
        .iter()
        .filter(|(c, t)| ours.get(*c) != Some(*t))
        .map(|(c, t)| format!("{c}: reference {t:?}, ours {:?}", ours.get(c)))
        .collect();
    assert!(
        diffs.is_empty(),
        "{} differences:\n{}",
        diffs.len(),
        diffs.join("\n")
    );
}
