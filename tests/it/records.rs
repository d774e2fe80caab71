//! The migrant record: hand-checked records across methods, the CLI, and the skills gap on ESCO.
use crate::common::{esco_dir, json, run, shared};
use skillbridge::deskilling::MismatchClass::{self, *};
use skillbridge::record::{Record, RecordMatcher};
use skillbridge::Skillbridge;
use std::sync::OnceLock;

fn sb() -> &'static Skillbridge {
    static S: OnceLock<Skillbridge> = OnceLock::new();
    S.get_or_init(|| Skillbridge::embedded().unwrap())
}

fn matcher() -> &'static RecordMatcher<'static> {
    static M: OnceLock<RecordMatcher<'static>> = OnceLock::new();
    M.get_or_init(|| RecordMatcher::new(sb(), None))
}

struct Case {
    origin: &'static str,
    credential: &'static str,
    dest: &'static str,
    current: &'static str,
    previous: Option<&'static str>,
    field: Option<&'static str>,
    method: &'static str,
    class: MismatchClass,
    levels: Option<i32>,
    downgrading: Option<&'static str>,
    field_match: Option<&'static str>,
}

const fn c(
    origin: &'static str,
    credential: &'static str,
    dest: &'static str,
    current: &'static str,
    method: &'static str,
    class: MismatchClass,
    levels: Option<i32>,
) -> Case {
    Case {
        origin,
        credential,
        dest,
        current,
        previous: None,
        field: None,
        method,
        class,
        levels,
        downgrading: None,
        field_match: None,
    }
}

/// Hand-checked against the ISCO-08 skill-level rules, the ISCED↔skill-level table and the
/// Eurostat definition. ISCED of the credentials: BSN 6, Thanawiyya 3, MSc 7, 博士 8, bac 3,
/// Abitur 3, Técnico Superior 5, magister 7, бакалавр 6, lise 3, brevet 2.
fn cases() -> Vec<Case> {
    vec![
        c(
            "PH",
            "Bachelor of Science in Nursing",
            "DE",
            "care assistant",
            "ilo-normative",
            OverQualified,
            Some(2),
        ),
        c(
            "PH",
            "Bachelor of Science in Nursing",
            "DE",
            "care assistant",
            "eurostat",
            OverQualified,
            None,
        ),
        c(
            "SY",
            "Shahadat al-Thanawiyya al-Amma",
            "DE",
            "5321",
            "ilo-normative",
            Matched,
            Some(0),
        ),
        c(
            "SY",
            "Shahadat al-Thanawiyya al-Amma",
            "DE",
            "5321",
            "eurostat",
            Matched,
            None,
        ),
        c(
            "IN",
            "Master of Science (M.Sc.)",
            "GB",
            "2512",
            "ilo-normative",
            Matched,
            Some(0),
        ),
        c(
            "IN",
            "Master of Science (M.Sc.)",
            "GB",
            "taxi driver",
            "ilo-normative",
            OverQualified,
            Some(2),
        ),
        c(
            "IN",
            "Master of Science (M.Sc.)",
            "GB",
            "8322",
            "eurostat",
            OverQualified,
            None,
        ),
        c(
            "CN",
            "博士学位",
            "DE",
            "9412",
            "ilo-normative",
            OverQualified,
            Some(3),
        ),
        c(
            "FR",
            "Baccalauréat général",
            "DE",
            "2211",
            "ilo-normative",
            UnderQualified,
            Some(-2),
        ),
        c(
            "FR",
            "Baccalauréat général",
            "DE",
            "2211",
            "eurostat",
            Matched,
            None,
        ),
        c(
            "DE",
            "Allgemeine Hochschulreife (Abitur)",
            "FR",
            "2221",
            "ilo-normative",
            UnderQualified,
            Some(-2),
        ),
        c(
            "ES",
            "Título de Técnico Superior",
            "DE",
            "3211",
            "ilo-normative",
            Matched,
            Some(0),
        ),
        c(
            "ES",
            "Título de Técnico Superior",
            "DE",
            "3211",
            "eurostat",
            Matched,
            None,
        ),
        c(
            "ES",
            "Título de Técnico Superior",
            "DE",
            "9112",
            "ilo-normative",
            OverQualified,
            Some(2),
        ),
        c(
            "ES",
            "Título de Técnico Superior",
            "DE",
            "9112",
            "eurostat",
            OverQualified,
            None,
        ),
        c(
            "PL",
            "Magister",
            "DE",
            "0110",
            "ilo-normative",
            Matched,
            Some(0),
        ),
        c(
            "PL",
            "Magister",
            "DE",
            "0310",
            "ilo-normative",
            OverQualified,
            Some(3),
        ),
        c("PL", "Magister", "DE", "0310", "eurostat", Matched, None),
        c(
            "ES",
            "Título de Técnico Superior",
            "DE",
            "1120",
            "ilo-normative",
            Matched,
            Some(0),
        ),
        c(
            "TR",
            "Lise Diploması",
            "DE",
            "1120",
            "ilo-normative",
            UnderQualified,
            Some(-1),
        ),
        c(
            "CN",
            "博士学位",
            "DE",
            "1120",
            "ilo-normative",
            Matched,
            Some(0),
        ),
        c("PL", "Magister", "DE", "1120", "eurostat", Matched, None),
        c(
            "PL",
            "Magister",
            "DE",
            "4110",
            "eurostat",
            OverQualified,
            None,
        ),
        c(
            "PL",
            "Magister",
            "DE",
            "2341",
            "ilo-normative",
            Matched,
            Some(0),
        ),
        c(
            "RU",
            "Диплом бакалавра",
            "DE",
            "5131",
            "ilo-normative",
            OverQualified,
            Some(2),
        ),
        c(
            "TR",
            "Lise Diploması",
            "DE",
            "8322",
            "ilo-normative",
            Matched,
            Some(0),
        ),
        c(
            "FR",
            "Diplôme national du brevet",
            "DE",
            "9112",
            "ilo-normative",
            OverQualified,
            Some(1),
        ),
        // unknown inputs
        c("PH", "", "DE", "5321", "ilo-normative", Unknown, None),
        c(
            "PH",
            "Bachelor of Science in Nursing",
            "DE",
            "qwxzy plorf",
            "ilo-normative",
            Unknown,
            None,
        ),
        c(
            "Atlantis",
            "Bachelor",
            "DE",
            "5321",
            "ilo-normative",
            Unknown,
            None,
        ),
        c(
            "PH",
            "Bachelor of Science in Nursing",
            "DE",
            "",
            "eurostat",
            Unknown,
            None,
        ),
        Case {
            previous: Some("2221"),
            downgrading: Some("downgraded"),
            field: Some("0913"),
            field_match: Some("related"),
            ..c(
                "PH",
                "Bachelor of Science in Nursing",
                "DE",
                "5321",
                "ilo-normative",
                OverQualified,
                Some(2),
            )
        },
        Case {
            previous: Some("7115"),
            downgrading: Some("downgraded"),
            field: Some("0732"),
            field_match: Some("unrelated"),
            ..c(
                "TR",
                "Lise Diploması",
                "DE",
                "9313",
                "ilo-normative",
                OverQualified,
                Some(1),
            )
        },
        Case {
            previous: Some("5321"),
            downgrading: Some("upgraded"),
            field: Some("nursing"),
            field_match: Some("related"),
            ..c(
                "PH",
                "Bachelor of Science in Nursing",
                "DE",
                "2221",
                "ilo-normative",
                Matched,
                Some(0),
            )
        },
        Case {
            previous: Some("zzzz qqq"),
            downgrading: Some("unknown"),
            field: Some("Basket weaving"),
            field_match: Some("unknown"),
            ..c(
                "PH",
                "Bachelor of Science in Nursing",
                "DE",
                "9112",
                "ilo-normative",
                OverQualified,
                Some(3),
            )
        },
    ]
}

#[test]
fn hand_checked_records() {
    let m = matcher();
    let mut wrong = Vec::new();
    let all = cases();
    assert!(all.len() >= 25);
    for (i, k) in all.iter().enumerate() {
        let r = Record {
            id: format!("case-{i}"),
            origin_country: k.origin.into(),
            credential: k.credential.into(),
            destination_country: k.dest.into(),
            current_job: k.current.into(),
            previous_job: k.previous.map(|s| s.into()),
            field_of_study: k.field.map(|s| s.into()),
            ..Default::default()
        };
        let rep = m.match_record(&r, m.method(k.method).unwrap());
        let mut bad = Vec::new();
        if rep.mismatch.class != k.class {
            bad.push(format!(
                "class {:?} (want {:?}; {})",
                rep.mismatch.class, k.class, rep.mismatch.reason
            ));
        }
        if k.method == "ilo-normative" && rep.mismatch.levels != k.levels {
            bad.push(format!(
                "levels {:?} (want {:?})",
                rep.mismatch.levels, k.levels
            ));
        }
        if let Some(d) = k.downgrading {
            if rep.downgrading.class != d {
                bad.push(format!("downgrading {} (want {d})", rep.downgrading.class));
            }
        }
        if let Some(f) = k.field_match {
            if rep.field_match.class != f {
                bad.push(format!(
                    "field {} (want {f}; {})",
                    rep.field_match.class, rep.field_match.reason
                ));
            }
        }
        if rep.mismatch.class == Unknown && rep.mismatch.reason.is_empty() {
            bad.push("unknown without a reason".into());
        }
        if !bad.is_empty() {
            wrong.push(format!(
                "case {i} {} {:?} as {:?} [{}]: {}",
                k.origin,
                k.credential,
                k.current,
                k.method,
                bad.join("; ")
            ));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn must_show_nursing_bachelor_as_care_assistant() {
    let (code, v) = json(&[
        "match",
        "--from",
        "PH",
        "--to",
        "DE",
        "--credential",
        "Bachelor of Science in Nursing",
        "--current-job",
        "care assistant",
        "--no-esco",
        "--json",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v["mismatch"]["method"], "ilo-normative");
    assert_eq!(v["mismatch"]["class"], "over-qualified");
    assert_eq!(v["mismatch"]["levels"], 2);
    assert_eq!(v["mismatch"]["person_isced"], 6);
    assert_eq!(
        v["mismatch"]["required_isced"],
        serde_json::json!([2, 3, 4])
    );
    assert_eq!(v["current_job"]["isco"], "5321");
    assert_eq!(v["regulated"]["regulated"], true);
    assert!(v["regulated"]["isco"]
        .as_array()
        .unwrap()
        .iter()
        .any(|x| x == "2221"));
    let s = v["summary"].as_str().unwrap();
    assert!(s.starts_with("Over-qualified by 2 skill levels"), "{s}");
    assert!(s.contains("regulated profession in DE"), "{s}");
    for k in [
        "id",
        "credential",
        "current_job",
        "previous_job",
        "mismatch",
        "downgrading",
        "field_match",
        "skills_gap",
        "regulated",
        "summary",
    ] {
        assert!(v.get(k).is_some(), "missing {k}");
    }
}

#[test]
fn record_from_yaml_file_and_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("p.yaml");
    std::fs::write(&f, "- id: a\n  origin_country: PH\n  credential: Bachelor of Science in Nursing\n  destination_country: DE\n  current_job: \"5321\"\n- id: b\n  origin_country: SYR\n  credential: Shahadat al-Thanawiyya al-Amma\n  destination_country: DE\n  current_job: \"5321\"\n").unwrap();
    let (code, v) = json(&[
        "match",
        "--record",
        f.to_str().unwrap(),
        "--method",
        "eurostat",
        "--no-esco",
        "--json",
    ]);
    assert_eq!(code, 0);
    assert_eq!(v[0]["id"], "a");
    assert_eq!(v[0]["mismatch"]["class"], "over-qualified");
    assert_eq!(v[1]["mismatch"]["class"], "matched");
    let mut child = crate::common::bin()
        .args(["match", "--record", "-", "--no-esco", "--json"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all(br#"{"id":"j","origin_country":"PH","credential":"Bachelor of Science in Nursing","destination_country":"DE","current_job":"care assistant"}"#).unwrap();
    let out = child.wait_with_output().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["id"], "j");
    assert_eq!(v["mismatch"]["levels"], 2);
    // a bad field names the record
    std::fs::write(&f, "id: x\norigin: PH\n").unwrap();
    let o = run(&["match", "--record", f.to_str().unwrap(), "--no-esco"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("unknown field `origin`"));
    let o = run(&[
        "match",
        "--from",
        "PH",
        "--to",
        "DE",
        "--credential",
        "x",
        "--method",
        "nope",
    ]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn user_mismatch_table_via_data() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("mappings")).unwrap();
    std::fs::write(
        dir.path().join("mappings/mismatch-methods-strict.yaml"),
        "sources: [\"test table, 2026\"]\nmethods:\n  - id: strict\n    rule: table\n    cells:\n      - isced: [3, 4, 5, 6, 7, 8]\n        major_groups: [\"9\"]\n        class: over-qualified\n    otherwise: matched\n",
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    let (code, v) = json(&[
        "match",
        "--from",
        "SY",
        "--to",
        "DE",
        "--credential",
        "Shahadat al-Thanawiyya al-Amma",
        "--current-job",
        "9112",
        "--method",
        "strict",
        "--data",
        d,
        "--no-esco",
        "--json",
    ]);
    assert_eq!(code, 0, "{v}");
    assert_eq!(v["mismatch"]["method"], "strict");
    assert_eq!(v["mismatch"]["class"], "over-qualified");
}

/// Skills gap on a real ESCO occupation: coverage = have / essential.
#[test]
fn skills_gap_arithmetic_on_esco() {
    let (Some(dir), Some(rel)) = (
        esco_dir(),
        shared("reference/esco-v1.1.1/occupationSkillRelations.csv"),
    ) else {
        return;
    };
    // the essential skills of "nurse responsible for general care", read from the CSV itself
    let occ_csv = shared("reference/esco-v1.1.1/occupations_en.csv").unwrap();
    let mut rdr = csv::Reader::from_path(&occ_csv).unwrap();
    let h = rdr.headers().unwrap().clone();
    let (u, p) = (
        h.iter().position(|x| x == "conceptUri").unwrap(),
        h.iter().position(|x| x == "preferredLabel").unwrap(),
    );
    let uri = rdr
        .records()
        .map(|r| r.unwrap())
        .find(|r| &r[p] == "nurse responsible for general care")
        .map(|r| r[u].to_string())
        .expect("occupation in ESCO");
    let mut rdr = csv::Reader::from_path(&rel).unwrap();
    let essential: Vec<String> = rdr
        .records()
        .map(|r| r.unwrap())
        .filter(|r| r[0] == uri && &r[1] == "essential")
        .map(|r| r[3].to_string())
        .collect();
    assert!(essential.len() > 5);
    let have: Vec<String> = essential
        .iter()
        .take(3)
        .cloned()
        .chain(["no such skill at all".to_string()])
        .collect();
    let (code, v) = json(&[
        "match",
        "--from",
        "PH",
        "--to",
        "DE",
        "--credential",
        "Bachelor of Science in Nursing",
        "--current-job",
        "care assistant",
        "--previous-job",
        "nurse responsible for general care",
        "--skills",
        &have.join(","),
        "--data",
        dir.to_str().unwrap(),
        "--json",
    ]);
    assert_eq!(code, 0);
    let g = &v["skills_gap"];
    assert_eq!(g["status"], "ok", "{g}");
    assert_eq!(g["occupation_uri"], uri.as_str());
    assert_eq!(g["essential"].as_u64().unwrap() as usize, essential.len());
    assert_eq!(g["have"].as_array().unwrap().len(), 3);
    assert_eq!(g["missing"].as_array().unwrap().len(), essential.len() - 3);
    let cov = g["coverage"].as_f64().unwrap();
    assert!((cov - 3.0 / essential.len() as f64).abs() < 0.001, "{cov}");
    assert_eq!(g["unresolved"], serde_json::json!(["no such skill at all"]));
    let best = g["best_occupations"].as_array().unwrap();
    assert!(!best.is_empty() && best.len() <= 5);
}
