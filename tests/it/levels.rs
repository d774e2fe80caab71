//! `skillbridge levels`, `lookup`, `frameworks`, `export` end to end.
use crate::common::{json, run, stdout};

fn levels(from: &str, to: &str) -> serde_json::Value {
    let (code, v) = json(&["levels", "--from", from, "--to", to, "--json"]);
    assert_eq!(code, 0, "{v}");
    v
}

fn result_levels(v: &serde_json::Value) -> Vec<String> {
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["level"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn philippine_pqf_6_is_dqr_6_through_aqrf_and_eqf() {
    let v = levels("PH-PQF:6", "DE-DQR");
    assert_eq!(v["from"]["framework"], "PH-PQF");
    assert_eq!(v["from"]["level"], "6");
    assert_eq!(v["to"], "DE-DQR");
    assert_eq!(result_levels(&v), vec!["6"]);
    let r = &v["results"][0];
    assert_eq!(r["framework"], "DE-DQR");
    let path: Vec<String> = r["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["to"]["framework"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(path, vec!["AQRF", "EQF", "DE-DQR"]);
    let c = r["confidence"].as_f64().unwrap();
    assert!(c > 0.0 && c <= 1.0);
    // the product of the step confidences
    let prod: f64 = r["path"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["confidence"].as_f64().unwrap())
        .product();
    assert!((prod - c).abs() < 0.001, "{prod} vs {c}");
}

#[test]
fn scqf_10_is_nfq_7_and_8() {
    let v = levels("GB-SCT-SCQF:10", "IE-NFQ");
    assert_eq!(result_levels(&v), vec!["7", "8"]);
    for r in v["results"].as_array().unwrap() {
        assert!(r["path"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["to"]["framework"] == "EQF" && s["to"]["level"] == "6"));
    }
}

#[test]
fn french_niveau_5_is_rqf_4_and_5_with_country_codes() {
    let v = levels("FR-CNCP:5", "GB-ENG");
    assert_eq!(v["to"], "GB-ENG-RQF");
    assert_eq!(result_levels(&v), vec!["4", "5"]);
    let v = levels("FR:5", "EQF");
    assert_eq!(result_levels(&v), vec!["5"]);
}

#[test]
fn to_eqf_and_to_country_work() {
    assert_eq!(result_levels(&levels("PH-PQF:6", "EQF")), vec!["6"]);
    assert_eq!(result_levels(&levels("PH-PQF:6", "DE")), vec!["6"]);
}

#[test]
fn bad_level_and_framework_exit_2() {
    let o = run(&["levels", "--from", "PH-PQF:42", "--to", "DE"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no level 42"));
    let o = run(&["levels", "--from", "XX-NOPE:1", "--to", "DE"]);
    assert_eq!(o.status.code(), Some(2));
    let o = run(&["levels", "--from", "PH-PQF6", "--to", "DE"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn lookup_isco_code_and_title() {
    let (code, v) = json(&["lookup", "isco", "2221", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(v["group"]["title"], "Nursing professionals");
    assert_eq!(v["group"]["skill_levels"], serde_json::json!([4]));
    let h: Vec<&str> = v["group"]["hierarchy"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["code"].as_str().unwrap())
        .collect();
    assert_eq!(h, vec!["2", "22", "222", "2221"]);
    assert_eq!(v["group"]["required_isced"], serde_json::json!([6, 7, 8]));

    let (code, v) = json(&["lookup", "isco", "nurse", "--json"]);
    assert_eq!(code, 0);
    let codes: Vec<&str> = v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|x| x["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.iter().take(5).any(|c| c.starts_with("222")),
        "{codes:?}"
    );

    let o = run(&["lookup", "isco", "9999"]);
    assert_eq!(o.status.code(), Some(1));
    let o = run(&["lookup", "isco", "zzzzqqq"]);
    assert_eq!(o.status.code(), Some(1));
}

#[test]
fn export_isco08_csv_has_619_rows() {
    let o = run(&["export", "isco08", "--format", "csv"]);
    assert_eq!(o.status.code(), Some(0));
    let mut rdr = csv::Reader::from_reader(o.stdout.as_slice());
    assert_eq!(
        rdr.headers().unwrap().iter().collect::<Vec<_>>(),
        vec!["code", "title", "parent", "skill_levels"]
    );
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), 619);
    let one = rows.iter().find(|r| &r[0] == "1").unwrap();
    assert_eq!(&one[3], "3|4");
    let unit = rows.iter().find(|r| &r[0] == "2221").unwrap();
    assert_eq!(&unit[2], "222");
}

#[test]
fn frameworks_list_and_show() {
    let (code, v) = json(&["frameworks", "--json"]);
    assert_eq!(code, 0);
    let ids: Vec<&str> = v["frameworks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap())
        .collect();
    for id in [
        "EQF",
        "AQRF",
        "SADCQF",
        "ACQF",
        "CVQ",
        "DE-DQR",
        "FR-CNCP",
        "GB-ENG-RQF",
        "GB-SCT-SCQF",
        "IE-NFQ",
        "PH-PQF",
    ] {
        assert!(ids.contains(&id), "{id} missing from {ids:?}");
    }
    let (code, v) = json(&["frameworks", "DE", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(v["framework"]["id"], "DE-DQR");
    assert_eq!(v["framework"]["levels"].as_array().unwrap().len(), 8);
    assert!(!v["referencing"].as_array().unwrap().is_empty());
    let o = run(&["frameworks", "DE-DQR"]);
    assert!(stdout(&o).contains("level 6"));
}
