//! Our ISCO-08 file against the ESCO v1.1.1 ISCO groups (codes and English titles).
use std::collections::BTreeMap;

use crate::common::shared;
use skillbridge::taxonomy::Taxonomy;

/// The named columns of every row of a CSV file with a header.
fn columns<const N: usize>(path: &std::path::Path, names: [&str; N]) -> Vec<[String; N]> {
    let mut rdr = csv::Reader::from_path(path).unwrap();
    let h = rdr.headers().unwrap().clone();
    let at = names.map(|n| h.iter().position(|c| c == n).unwrap());
    rdr.records()
        .map(|r| {
            let r = r.unwrap();
            at.map(|i| r[i].to_string())
        })
        .collect()
}

#[test]
fn isco08_codes_and_titles_equal_the_reference() {
    let Some(path) = shared("reference/esco-v1.1.1/ISCOGroups_en.csv") else {
        return;
    };
    let reference: BTreeMap<String, String> = columns(&path, ["code", "preferredLabel"])
        .into_iter()
        .map(|[code, label]| (code.trim().to_string(), label.trim().to_string()))
        .collect();
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

/// Our curated English titles against the examples the ISCO-08 group definitions give (ILO 2012,
/// as ESCO v1.1.1 carries them): a title the ILO names as an example of one unit group is not
/// ours to place in another.
#[test]
fn curated_titles_follow_the_examples_of_the_isco_definitions() {
    use skillbridge::taxonomy::esco::definition_titles;
    use skillbridge::text::fold;
    let Some(path) = shared("reference/esco-v1.1.1/ISCOGroups_en.csv") else {
        return;
    };
    let mut examples: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for [code, desc] in columns(&path, ["code", "description"]) {
        for (c, title) in definition_titles(code.trim(), &desc) {
            let codes = examples.entry(fold(&title)).or_default();
            if !codes.contains(&c) {
                codes.push(c);
            }
        }
    }
    assert!(examples.len() > 1500, "{} example titles", examples.len());
    let t = Taxonomy::embedded().unwrap();
    let mut checked = 0;
    let wrong: Vec<String> = t
        .titles
        .iter()
        .filter(|c| c.lang == "en")
        .filter_map(|c| {
            let codes = examples.get(&fold(&c.title))?;
            checked += 1;
            (!codes.contains(&c.code)).then(|| {
                format!(
                    "{:?} is under {}, the ILO gives {:?}",
                    c.title, c.code, codes
                )
            })
        })
        .collect();
    assert!(
        checked > 300,
        "only {checked} curated titles are ILO examples"
    );
    assert!(
        wrong.is_empty(),
        "{} titles:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}
