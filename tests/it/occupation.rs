//! Occupation coding: CLI, ESCO import, evaluation figures, index properties.
use crate::common::{bin, esco_dir, json, run, shared, stderr, stdout};
use proptest::prelude::*;
use skillbridge::occupation::{collision_key, Label, TitleIndex, TitleIndexBuilder};
use skillbridge::text::normalize::title_variants;
use skillbridge::Skillbridge;
use std::sync::OnceLock;

fn sb() -> &'static Skillbridge {
    static S: OnceLock<Skillbridge> = OnceLock::new();
    S.get_or_init(|| Skillbridge::embedded().unwrap())
}

#[test]
fn code_staff_nurse_embedded() {
    let (code, v) = json(&["code", "staff nurse", "--lang", "en", "--no-esco", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(v["candidates"][0]["code"], "2221");
    assert_eq!(v["coded"]["code"], "2221");
    for c in v["candidates"].as_array().unwrap() {
        let x = c["confidence"].as_f64().unwrap();
        assert!((0.0..=1.0).contains(&x));
    }
}

/// A title written exactly as the ISCO-08 group title is coded more confidently than one that
/// only our curated list gives.
#[test]
fn an_official_title_is_more_certain_than_a_curated_one() {
    let conf = |t: &str| {
        let (code, v) = json(&["code", t, "--lang", "en", "--no-esco", "--json"]);
        assert_eq!(code, 0);
        (
            v["candidates"][0]["code"].as_str().unwrap().to_string(),
            v["coded"]["confidence"].as_f64().unwrap(),
        )
    };
    let (c1, official) = conf("Accountants");
    let (c2, curated) = conf("accompanist");
    assert_eq!((c1.as_str(), c2.as_str()), ("2411", "2652"));
    assert!(
        official > curated && official <= 1.0,
        "{official} vs {curated}"
    );
}

/// Without ESCO the first run builds the embedded index and caches it; the next run loads it and
/// answers the same.
#[test]
fn the_embedded_index_is_cached_between_runs() {
    let dir = tempfile::tempdir().unwrap();
    let code = |title: &str| {
        let o = bin()
            .env("SKILLBRIDGE_CACHE", dir.path())
            .args(["code", title, "--no-esco", "--json"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
        stdout(&o)
    };
    let first = code("Krankenpfleger");
    assert!(dir.path().join(skillbridge::cache::FILE).exists());
    assert_eq!(code("Krankenpfleger"), first);
    // a damaged cache is rebuilt, not an error
    std::fs::write(dir.path().join(skillbridge::cache::FILE), b"x").unwrap();
    assert_eq!(code("Krankenpfleger"), first);
}

#[test]
fn code_normalises_gender_inversion_and_abbreviations() {
    let idx = TitleIndexBuilder::from_taxonomy(&sb().taxonomy).build();
    for (title, lang, want) in [
        ("Accountant, chartered", "en", "2411"),
        ("Sales Mgr", "en", "1221"),
        ("infirmier/infirmière (h/f)", "fr", "2221"),
        ("Krankenpfleger/in (m/w/d)", "de", "2221"),
        ("enfermero/a", "es", "2221"),
        ("Software Dev", "en", "2512"),
        // words the index knows written together, and exclusions that are not the job
        ("Cook, take away", "en", "9411"),
        ("Worker, glass", "en", "7315"),
        ("Hawker, except food", "en", "9520"),
        // "First-Line Supervisors of …": the supervisor, named head last, not a line worker;
        // "first line support" keeps its words
        (
            "First-Line Supervisors of Retail Sales Workers",
            "en",
            "5222",
        ),
        (
            "First-Line Supervisors of Housekeeping and Janitorial Workers",
            "en",
            "5151",
        ),
        ("first line support analyst", "en", "3512"),
        // a residual title goes to the residual ("not elsewhere classified") unit group
        ("Engineers, All Other", "en", "2149"),
        ("Personal Care and Service Workers, All Other", "en", "5169"),
    ] {
        let c = idx.code(title, lang, 3);
        assert_eq!(
            c.top().map(|t| t.code.as_str()),
            Some(want),
            "{title}: {:?}",
            c.candidates
        );
    }
}

/// The unit group the embedded index codes a title to at rank 1.
fn top(title: &str, lang: &str) -> Option<String> {
    static IX: OnceLock<TitleIndex> = OnceLock::new();
    let ix = IX.get_or_init(|| sb().title_index(None).unwrap().0);
    ix.code(title, lang, 1).top().map(|c| c.code.clone())
}

#[test]
fn a_helper_of_a_trade_codes_to_its_labourers() {
    // the trade alone, then its helper in major group 9
    assert_eq!(top("glazier", "en").as_deref(), Some("7125"));
    assert_eq!(top("glazier helper", "en").as_deref(), Some("9313"));
    assert_eq!(top("baker", "en").as_deref(), Some("7512"));
    assert_eq!(top("baker helper", "en").as_deref(), Some("9329"));
    // a helper in care is no labourer, and a driver's helper keeps the driver's group
    assert_eq!(top("aide-soignant", "fr").as_deref(), Some("5321"));
    assert_eq!(top("forklift driver helper", "en").as_deref(), Some("8344"));
}

#[test]
fn a_supervisor_of_workers_codes_to_their_supervisors() {
    // the workers alone, then their first-line supervisor
    assert_eq!(top("welder", "en").as_deref(), Some("7212"));
    assert_eq!(top("welder supervisor", "en").as_deref(), Some("3122"));
    assert_eq!(top("miner foreman", "en").as_deref(), Some("3121"));
    assert_eq!(top("Vorarbeiter Tischlerei", "de").as_deref(), Some("3122"));
    // drivers' supervisors are coded with the drivers
    assert_eq!(top("bus driver supervisor", "en").as_deref(), Some("8331"));
}

/// The same with ESCO v1.1.1 imported (450,000 labels in 21 languages): every label the index
/// holds codes to its own unit group, or its text is also a label of another group (spaces and
/// word order aside). Labels the index does not hold are left out: a curated title that ESCO
/// writes in another group outside English, and the ESCO labels we correct.
#[test]
fn every_esco_index_label_codes_to_its_group_or_is_a_known_collision() {
    let Some(dir) = esco_dir() else {
        return;
    };
    let (idx, esco) = sb().title_index(Some(dir)).unwrap();
    assert!(esco);
    let collisions = idx.collisions();
    let labels = idx.labels();
    // the same words in another order ("supervisor of pipeline", "pipeline supervisor")
    let words = |v: &[String]| {
        let mut w = v.to_vec();
        w.sort();
        w.join(" ")
    };
    let mut by_words: std::collections::HashMap<String, Vec<&str>> = Default::default();
    for l in &labels {
        for v in title_variants(&l.text, &l.lang) {
            let codes = by_words.entry(words(&v)).or_default();
            if !codes.contains(&l.code.as_str()) {
                codes.push(&l.code);
            }
        }
    }
    let indexed: Vec<_> = labels.iter().filter(|l| idx.is_indexed(l)).collect();
    assert!(indexed.len() > 400_000, "{} labels indexed", indexed.len());
    let wrong = labels_off_their_group(&idx, indexed, |v| {
        collisions.contains_key(&collision_key(&v.join(" ")))
            || by_words.get(&words(v)).is_some_and(|c| c.len() > 1)
    });
    assert!(
        wrong.is_empty(),
        "{} labels neither code to their group nor are known collisions:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

#[test]
fn empty_title_is_an_error() {
    let o = run(&["code", "  "]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn coarser_code_when_candidates_disagree() {
    let idx = TitleIndexBuilder::from_taxonomy(&sb().taxonomy).build();
    // every answer's coded group is a prefix of the top candidate, with confidence in [0,1]
    for t in [
        "teacher",
        "engineer",
        "clerk",
        "manager",
        "operator",
        "assistant",
        "technician",
        "worker",
    ] {
        let c = idx.code(t, "en", 5);
        if let (Some(k), Some(top)) = (&c.coded, c.top()) {
            assert!(top.code.starts_with(&k.code), "{t}: {k:?} vs {}", top.code);
            assert!((0.0..=1.0).contains(&k.confidence));
        }
    }
}

/// Every label of the embedded index codes to its own unit group at rank 1, or is a known
/// collision (the same normalised text under several unit groups).
#[test]
fn every_embedded_label_codes_to_its_group_or_is_a_known_collision() {
    let idx = TitleIndexBuilder::from_taxonomy(&sb().taxonomy).build();
    let collisions = idx.collisions();
    let labels = idx.labels();
    let wrong = labels_off_their_group(&idx, labels.iter().collect(), |v| {
        collisions.contains_key(&collision_key(&v.join(" ")))
    });
    assert!(
        wrong.is_empty(),
        "{} labels neither code to their group nor are known collisions:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// The labels that do not code to their own unit group at rank 1 and have no variant that
/// `collides` (with their text, language, source, group and what they coded to).
fn labels_off_their_group(
    idx: &TitleIndex,
    labels: Vec<&Label>,
    collides: impl Fn(&[String]) -> bool + Sync,
) -> Vec<String> {
    use rayon::prelude::*;
    labels
        .par_iter()
        .filter_map(|l| {
            let c = idx.code(&l.text, &l.lang, 1);
            let ok = c.top().is_some_and(|x| x.code == l.code);
            let known = title_variants(&l.text, &l.lang).iter().any(|v| collides(v));
            (!ok && !known).then(|| {
                format!(
                    "{} [{}, {:?}] {} -> {:?}",
                    l.text,
                    l.lang,
                    l.source,
                    l.code,
                    c.top().map(|x| &x.code)
                )
            })
        })
        .collect()
}

proptest! {
    #[test]
    fn normalisation_is_idempotent(s in "\\PC{0,40}") {
        for v in title_variants(&s, "en") {
            let again = title_variants(&v.join(" "), "en");
            prop_assert_eq!(again.first().cloned().unwrap_or_default(), v);
        }
    }

    #[test]
    fn scores_and_confidences_are_in_unit_interval(s in "[a-zA-Zéüß ,/()-]{0,30}") {
        static IDX: OnceLock<skillbridge::occupation::TitleIndex> = OnceLock::new();
        let idx = IDX.get_or_init(|| TitleIndexBuilder::from_taxonomy(&sb().taxonomy).build());
        let c = idx.code(&s, "", 5);
        for x in &c.candidates {
            prop_assert!((0.0..=1.0).contains(&x.score) && (0.0..=1.0).contains(&x.confidence));
        }
        if let Some(k) = &c.coded {
            prop_assert!((0.0..=1.0).contains(&k.confidence));
        }
    }
}

#[test]
fn esco_import_reads_all_languages_and_codes_with_esco() {
    let Some(dir) = esco_dir() else { return };
    let d = dir.to_str().unwrap();
    let (code, v) = json(&[
        "code",
        "Pflegefachkraft",
        "--lang",
        "de",
        "--data",
        d,
        "--json",
    ]);
    assert_eq!(code, 0);
    assert!(v["esco"].as_bool().unwrap());
    assert!(
        v["candidates"][0]["code"]
            .as_str()
            .unwrap()
            .starts_with("222"),
        "{v}"
    );
    let (_, v) = json(&["code", "staff nurse", "--data", d, "--json"]);
    assert_eq!(v["candidates"][0]["code"], "2221");
    // the example titles of the ISCO-08 group definitions (ISCOGroups_en.csv, description)
    let (_, v) = json(&[
        "code",
        "Cigar production machine operator",
        "--data",
        d,
        "--json",
    ]);
    assert_eq!(v["candidates"][0]["code"], "8160");
    assert_eq!(v["candidates"][0]["source"], "isco-example");
}

/// The everyday words for the regulated health professions, in every ESCO language, code to
/// their unit group with ESCO imported (hand-checked; ESCO's own labels mistranslate some of
/// them, see `esco_corrections` in taxonomies/titles/).
#[test]
fn everyday_health_titles_in_every_esco_language() {
    let Some(dir) = esco_dir() else { return };
    let c = skillbridge::taxonomy::esco::load_if_current(
        &skillbridge::taxonomy::DataSet::embedded(),
        dir,
    )
    .unwrap()
    .expect("the imported index");
    let cases: &[(&str, &str, &str)] = &[
        ("bg", "медицинска сестра", "2221"),
        ("bg", "лекар", "2211"),
        ("cs", "všeobecná sestra", "2221"),
        ("cs", "lékař", "2211"),
        ("da", "sygeplejerske", "2221"),
        ("da", "læge", "2211"),
        ("de", "Krankenschwester", "2221"),
        ("de", "Gesundheits- und Krankenpfleger", "2221"),
        ("de", "Pflegehelfer", "5321"),
        ("de", "Arzt", "2211"),
        ("en", "registered nurse", "2221"),
        ("es", "enfermera", "2221"),
        ("es", "médico", "2211"),
        ("et", "õde", "2221"),
        ("et", "arst", "2211"),
        ("fr", "infirmière", "2221"),
        ("fr", "médecin", "2211"),
        ("hr", "medicinska sestra", "2221"),
        ("hr", "liječnik", "2211"),
        ("hu", "ápoló", "2221"),
        ("hu", "orvos", "2211"),
        ("it", "infermiera", "2221"),
        ("it", "medico", "2211"),
        ("lt", "slaugytoja", "2221"),
        ("lt", "gydytojas", "2211"),
        ("lv", "medicīnas māsa", "2221"),
        ("lv", "ārsts", "2211"),
        ("nl", "verpleegkundige", "2221"),
        ("nl", "arts", "2211"),
        ("no", "sykepleier", "2221"),
        ("no", "lege", "2211"),
        ("pl", "pielęgniarka", "2221"),
        ("pl", "lekarz", "2211"),
        ("pt", "enfermeira", "2221"),
        ("pt", "médico", "2211"),
        ("ro", "asistent medical", "2221"),
        ("ro", "medic", "2211"),
        ("sk", "lekár", "2211"),
        ("sl", "medicinska sestra", "2221"),
        ("sl", "zdravnik", "2211"),
        ("sv", "sjuksköterska", "2221"),
        ("sv", "undersköterska", "5321"),
        ("sv", "läkare", "2211"),
        // the woman's title where ESCO writes the man's
        ("lt", "mikrobiologė", "2131"),
        ("lt", "matematikė", "2120"),
        ("ro", "asistentă medicală", "2221"),
        ("hr", "kuharica", "5120"),
    ];
    let wrong: Vec<String> = cases
        .iter()
        .filter_map(|&(lang, title, want)| {
            let got = c.index.code(title, lang, 3);
            let top = got.coded.as_ref().map(|k| k.code.clone());
            (top.as_deref() != Some(want)).then(|| format!("{lang} {title}: {top:?}, want {want}"))
        })
        .collect();
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn esco_import_reports_bad_rows_with_file_and_line() {
    let Some(_) = shared("reference/esco-v1.1.1/occupations_en.csv") else {
        return;
    };
    let src = tempfile::tempdir().unwrap();
    std::fs::write(
        src.path().join("occupations_xx.csv"),
        "conceptType,conceptUri,iscoGroup,preferredLabel,altLabels\nOccupation,http://x/1,2221,nurse xx,\"a\nb\"\nOccupation,http://x/2,22,bad group,\nOccupation,,2221,no uri,\n",
    )
    .unwrap();
    // the data directory is made by the import
    let out = tempfile::tempdir().unwrap();
    let out = out.path().join("new-data-dir");
    let (code, v) = json(&[
        "import",
        "esco",
        src.path().to_str().unwrap(),
        "--data",
        out.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["occupations"], 1);
    let problems: Vec<String> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{}:{}: {}",
                p["path"].as_str().unwrap(),
                p["line"],
                p["message"].as_str().unwrap()
            )
        })
        .collect();
    assert!(
        problems
            .iter()
            .any(|p| p.contains("occupations_xx.csv:4:") && p.contains("not a 4-digit")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|p| p.contains("occupations_xx.csv:5:") && p.contains("conceptUri")),
        "{problems:?}"
    );
}

/// The evaluation figures on the development titles. These floors guard against regressions;
/// they are the levels reached, not the targets (see the closing notes).
#[test]
fn eval_titles_dev_figures() {
    let (Some(dir), Some(file)) = (esco_dir(), shared("eval/titles-dev.csv")) else {
        return;
    };
    let (code, v) = json(&[
        "eval",
        "titles",
        file.to_str().unwrap(),
        "--data",
        dir.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["n"], 7358);
    let acc = |s: &str| v["by_source"][s]["acc4"].as_f64().unwrap();
    eprintln!(
        "titles-dev with ESCO: {}",
        serde_json::to_string(&v["by_source"]).unwrap()
    );
    // the floors: 0.75 on ilo-index, 0.65 on each national set (0.777, 0.657, 0.694,
    // 0.872, 0.758 when this was written)
    assert!(acc("ilo-index") >= 0.75, "{}", acc("ilo-index"));
    for s in ["melo-deu-de", "melo-esp-es", "melo-fra-fr", "melo-usa-en"] {
        assert!(acc(s) >= 0.65, "{s}: {}", acc(s));
    }
    // calibration bins are monotone in share
    let bins = v["calibration"].as_array().unwrap();
    for w in bins.windows(2) {
        assert!(w[0]["share"].as_f64() >= w[1]["share"].as_f64());
    }
    // and calibrated: among titles coded with confidence >= c, about c or more are right
    for b in bins.iter().filter(|b| b["share"].as_f64().unwrap() >= 0.05) {
        let c = b["min_confidence"].as_f64().unwrap();
        let a = b["acc4"].as_f64().unwrap();
        assert!(a >= c - 0.03, "confidence >= {c}: acc4 {a}");
    }
    // 0.156 when this was written (0.025 before exact support counted); the issue asks for 0.5
    let auto = v["auto_share_at_95"].as_f64().unwrap();
    assert!(auto >= 0.12, "auto_share_at_95 {auto}");
    let (_, e) = json(&[
        "eval",
        "titles",
        file.to_str().unwrap(),
        "--no-esco",
        "--json",
    ]);
    eprintln!(
        "titles-dev embedded only: {}",
        serde_json::to_string(&e["by_source"]).unwrap()
    );
    // 0.623 when this was written; the issue asks for 0.55
    assert!(e["by_source"]["ilo-index"]["acc4"].as_f64().unwrap() >= 0.6);
}
