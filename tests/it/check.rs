//! `skillbridge check` on the shipped data and on a directory of broken files.
use std::fs;
use std::path::Path;

use crate::common::{json, run, stdout};

#[test]
fn shipped_data_is_clean() {
    let o = run(&["check"]);
    assert_eq!(o.status.code(), Some(0), "{}", stdout(&o));
    assert!(stdout(&o).starts_with("ok:"));
}

fn write(dir: &Path, rel: &str, text: &str) {
    let p = dir.join(rel);
    fs::create_dir_all(p.parent().unwrap()).unwrap();
    fs::write(p, text).unwrap();
}

/// Every kind of breakage we promise to catch, one file each, all reported in one run.
#[test]
fn broken_directory_reports_every_problem_with_path_and_line() {
    let tmp = tempfile::tempdir().unwrap();
    let d = tmp.path();
    // 1. YAML syntax error
    write(
        d,
        "taxonomies/frameworks/syntax.yaml",
        "id: XX-SYN\nname: [unclosed\n",
    );
    // 2. unknown field
    write(d, "taxonomies/frameworks/unknown-field.yaml", "id: XX-UNK\nname: x\nkind: national\ncountry: FR\nsources: [s]\ncolour: red\nlevels:\n  - level: \"1\"\n");
    // 3. duplicate level
    write(d, "taxonomies/frameworks/dup.yaml", "id: XX-DUP\nname: x\nkind: national\ncountry: FR\nsources: [s]\nlevels:\n  - level: \"1\"\n  - level: \"2\"\n  - level: \"1\"\n");
    // 4. reference to a missing framework, 5. to a missing level
    write(
        d,
        "mappings/referencing/xx--eqf.yaml",
        "from: XX-DUP\nto: NOPE\nkind: referencing\nsources: [s]\nlinks:\n  - from: \"2\"\n    to: [\"2\"]\n    relation: exact\n  - from: \"9\"\n    to: [\"1\"]\n    relation: exact\n",
    );
    write(
        d,
        "mappings/referencing/xx2--eqf.yaml",
        "from: XX-DUP\nto: EQF\nkind: referencing\nsources: [s]\nlinks:\n  - from: \"2\"\n    to: [\"12\"]\n    relation: exact\n",
    );
    // 6. missing sources
    write(
        d,
        "taxonomies/frameworks/nosrc.yaml",
        "id: XX-NOSRC\nname: x\nkind: meta\nsources: []\nlevels:\n  - level: \"1\"\n",
    );
    // 7. duplicate ISCED-F code, 8. unknown parent, 9. cycle in broader relations
    write(
        d,
        "taxonomies/isced-f2013.yaml",
        "sources: [s]\nfields:\n  - code: \"01\"\n    title: Education\n  - code: \"01\"\n    title: Again\n  - code: \"011\"\n    title: Child\n    parent: \"99x\"\n  - code: \"02\"\n    title: A\n    parent: \"03\"\n  - code: \"03\"\n    title: B\n    parent: \"02\"\n",
    );
    // 10. levels out of range, unknown kind, unknown follows, unknown framework in a catalogue
    write(
        d,
        "taxonomies/education-systems/FR.yaml",
        "country: FR\nname: France\nnqf: NOPE-NQF\nsources: [s]\ncredentials:\n  - id: bac\n    names: [Baccalaureat]\n    english: Baccalaureate\n    kind: school-upper-secondary\n    isced: 9\n    eqf: [11]\n  - id: lic\n    names: [Licence]\n    english: Licence\n    kind: degree\n    isced: 6\n    follows: nothing\n",
    );
    // 11. a title under a code that is not a unit group
    write(
        d,
        "taxonomies/titles/xx.yaml",
        "lang: en\nsources: [s]\ntitles:\n  \"22\": [nurse]\n",
    );
    // 12. an unknown data file
    write(d, "mappings/stray.yaml", "a: 1\n");
    // 13. an evaluation-practice file: unknown destination, kind, group and EQF level
    write(
        d,
        "mappings/evaluation-practice/QQ.yaml",
        "destination: QQ\nbody: x\nsources: [s]\ngroups:\n  g: [FR]\nrules:\n  - id: r1\n    when:\n      kind: [degree]\n      origin_in: [nope]\n    eqf: [9]\n    note: n\n",
    );

    let o = run(&["check", "--data", d.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let out = stdout(&o);
    let root = d.display().to_string();
    let expect = [
        ("taxonomies/frameworks/syntax.yaml:", ""),
        (
            "taxonomies/frameworks/unknown-field.yaml:6:",
            "unknown field `colour`",
        ),
        ("taxonomies/frameworks/dup.yaml:9:", "duplicate level 1"),
        (
            "mappings/referencing/xx--eqf.yaml:2:",
            "framework NOPE does not exist",
        ),
        (
            "mappings/referencing/xx--eqf.yaml:9:",
            "level 9 does not exist in XX-DUP",
        ),
        (
            "mappings/referencing/xx2--eqf.yaml:6:",
            "level 12 does not exist in EQF",
        ),
        ("taxonomies/frameworks/nosrc.yaml:4:", "no sources"),
        (
            "taxonomies/isced-f2013.yaml:5:",
            "duplicate ISCED-F field code 01",
        ),
        ("taxonomies/isced-f2013.yaml:9:", "unknown parent 99x"),
        ("taxonomies/isced-f2013.yaml:", "cycle in broader relations"),
        (
            "taxonomies/education-systems/FR.yaml:3:",
            "framework NOPE-NQF does not exist",
        ),
        (
            "taxonomies/education-systems/FR.yaml:6:",
            "ISCED level 9 out of range",
        ),
        (
            "taxonomies/education-systems/FR.yaml:6:",
            "EQF level 11 out of range",
        ),
        (
            "taxonomies/education-systems/FR.yaml:12:",
            "kind \"degree\" is not one of",
        ),
        (
            "taxonomies/education-systems/FR.yaml:12:",
            "follows nothing",
        ),
        (
            "taxonomies/titles/xx.yaml:4:",
            "22 is not an ISCO-08 unit group",
        ),
        ("mappings/stray.yaml:", "unknown data file"),
        (
            "mappings/evaluation-practice/QQ.yaml:1:",
            "destination \"QQ\" is not an ISO 3166-1 alpha-2 code",
        ),
        (
            "mappings/evaluation-practice/QQ.yaml:7:",
            "rule r1: kind \"degree\" is not one of",
        ),
        (
            "mappings/evaluation-practice/QQ.yaml:7:",
            "rule r1: group \"nope\" is not defined",
        ),
        (
            "mappings/evaluation-practice/QQ.yaml:7:",
            "rule r1: EQF levels must be 1-8",
        ),
    ];
    for (pos, msg) in expect {
        let want = format!("{root}/{pos}");
        assert!(
            out.lines().any(|l| l.starts_with(&want) && l.contains(msg)),
            "missing `{want} … {msg}` in:\n{out}"
        );
    }
    // every problem line has path:line: or path: form
    for l in out.lines().filter(|l| l.starts_with(&root)) {
        assert!(l[root.len()..].contains(".yaml:"), "{l}");
    }
}

#[test]
fn check_json_is_one_document() {
    let (code, v) = json(&["check", "--json"]);
    assert_eq!(code, 0);
    assert_eq!(v["ok"], true);
    assert!(v["files"].as_u64().unwrap() > 10);
}

#[test]
fn missing_data_dir_is_an_error() {
    let o = run(&["check", "--data", "/nonexistent/skillbridge-data"]);
    assert_eq!(o.status.code(), Some(2));
}
