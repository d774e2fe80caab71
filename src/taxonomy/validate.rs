//! Loading and checking every data file. Each check names the file and line and says how to fix.

use std::collections::{HashMap, HashSet};

use super::model::*;
use super::{parse, DataFile, DataSet, Lines, Taxonomy};
use crate::error::Diagnostic;

struct Ctx<'a> {
    set: &'a DataSet,
    diags: Vec<Diagnostic>,
}

impl<'a> Ctx<'a> {
    fn err(&mut self, f: &DataFile, line: usize, msg: impl Into<String>) {
        self.diags
            .push(Diagnostic::new(self.set.display_path(f), line, msg));
    }
    fn sources(&mut self, f: &DataFile, sources: &[String]) {
        if sources.iter().all(|s| s.trim().is_empty()) {
            let line = Lines::new(&f.text).find("sources", "", 0).max(1);
            self.err(
                f,
                line,
                "no sources: name the document(s) and year this file rests on under `sources:`",
            );
        }
    }

    /// An evaluation-practice file: known destination, kinds, fields, groups and EQF levels.
    fn practice(&mut self, f: &DataFile, t: &Taxonomy) -> Option<EvaluationPractice> {
        let mut p = parse::<EvaluationPractice>(self.set, f, &mut self.diags)?;
        self.sources(f, &p.sources);
        let lines = Lines::new(&f.text);
        let line = lines.find("destination", &p.destination, 0).max(1);
        match crate::country::resolve(&p.destination) {
            Some(c) if c.code == p.destination => {}
            _ => self.err(
                f,
                line,
                format!(
                    "destination {:?} is not an ISO 3166-1 alpha-2 code",
                    p.destination
                ),
            ),
        }
        if !t
            .frameworks
            .iter()
            .any(|fw| fw.country.as_deref() == Some(p.destination.as_str()))
        {
            self.err(f, line, format!("destination {} has no framework in taxonomies/frameworks/: practice rules could never apply", p.destination));
        }
        for (g, list) in &p.groups {
            for c in list {
                if crate::country::resolve(c)
                    .map(|r| r.code != *c)
                    .unwrap_or(true)
                {
                    self.err(
                        f,
                        lines.containing(&format!("{g}:")).max(1),
                        format!("group {g}: {c:?} is not an ISO 3166-1 alpha-2 code"),
                    );
                }
            }
        }
        let mut ids = HashSet::new();
        for r in &p.rules {
            let line = lines.find("id", &r.id, 0).max(1);
            if !ids.insert(r.id.as_str()) {
                self.err(
                    f,
                    lines.find("id", &r.id, 1).max(1),
                    format!("duplicate rule id {}", r.id),
                );
            }
            let w = &r.when;
            for k in &w.kind {
                if !CREDENTIAL_KINDS.contains(&k.as_str()) {
                    self.err(
                        f,
                        line,
                        format!(
                            "rule {}: kind {k:?} is not one of {}",
                            r.id,
                            CREDENTIAL_KINDS.join(", ")
                        ),
                    );
                }
            }
            for x in &w.regulated {
                if !REGULATED_FIELDS.contains(&x.as_str()) {
                    self.err(
                        f,
                        line,
                        format!(
                            "rule {}: regulated {x:?} is not one of {}",
                            r.id,
                            REGULATED_FIELDS.join(", ")
                        ),
                    );
                }
            }
            for g in w.origin_in.iter().chain(&w.origin_not_in) {
                if !p.groups.contains_key(g) {
                    self.err(
                        f,
                        line,
                        format!("rule {}: group {g:?} is not defined under `groups:`", r.id),
                    );
                }
            }
            if r.eqf.is_empty()
                || r.eqf
                    .iter()
                    .chain(w.catalogue_eqf.iter())
                    .any(|e| !(1..=8).contains(e))
            {
                self.err(
                    f,
                    line,
                    format!(
                        "rule {}: EQF levels must be 1-8 and `eqf:` must name at least one",
                        r.id
                    ),
                );
            }
            if w.isced.iter().any(|i| *i > 8) {
                self.err(
                    f,
                    line,
                    format!("rule {}: ISCED level out of range (0-8)", r.id),
                );
            }
        }
        p.path = self.set.display_path(f);
        Some(p)
    }
}

fn file_kind(path: &str) -> Option<&'static str> {
    let name = path.rsplit('/').next().unwrap_or(path);
    let dir = &path[..path.len() - name.len()];
    match (dir, name) {
        ("taxonomies/", "isco08.yaml") => Some("isco"),
        ("taxonomies/", "isced2011.yaml") => Some("isced"),
        ("taxonomies/", "isced-f2013.yaml") => Some("iscedf"),
        ("taxonomies/frameworks/", _) => Some("framework"),
        ("taxonomies/education-systems/", _) => Some("education"),
        ("taxonomies/titles/", _) => Some("titles"),
        ("mappings/referencing/", _) => Some("referencing"),
        ("mappings/", "isced-isco-skill-levels.yaml") => Some("skill"),
        ("mappings/", "field-occupation.yaml") => Some("field"),
        ("mappings/", "regulated-professions.yaml") => Some("regulated"),
        ("mappings/", n) if n.starts_with("mismatch-methods") => Some("mismatch"),
        ("mappings/evaluation-practice/", _) => Some("practice"),
        _ => None,
    }
}

pub(super) fn load(set: &DataSet) -> (Taxonomy, Vec<Diagnostic>) {
    let mut cx = Ctx {
        set,
        diags: Vec::new(),
    };
    let mut t = Taxonomy::default();
    let mut framework_files: Vec<&DataFile> = Vec::new();
    let mut referencing_files: Vec<&DataFile> = Vec::new();
    let mut education_files: Vec<&DataFile> = Vec::new();
    let mut title_files: Vec<&DataFile> = Vec::new();
    let mut isco_file = None;
    let mut iscedf_file = None;
    let mut field_file = None;
    let mut regulated_file = None;
    let mut practice_files: Vec<&DataFile> = Vec::new();

    for f in set.files() {
        match file_kind(&f.path) {
            Some("isco") => {
                if let Some(v) = parse::<IscoFile>(set, f, &mut cx.diags) {
                    cx.sources(f, &v.sources);
                    t.isco = v.groups;
                    isco_file = Some(f);
                }
            }
            Some("isced") => {
                if let Some(v) = parse::<IscedFile>(set, f, &mut cx.diags) {
                    cx.sources(f, &v.sources);
                    let lines = Lines::new(&f.text);
                    let mut seen = HashSet::new();
                    for l in &v.levels {
                        if l.level > 8 {
                            cx.err(f, lines.find("level", &l.level.to_string(), 0), format!("ISCED 2011 level {} out of range (0-8)", l.level));
                        }
                        if !seen.insert(l.level) {
                            cx.err(f, lines.find("level", &l.level.to_string(), 1), format!("duplicate ISCED level {}", l.level));
                        }
                    }
                    t.isced_levels = v.levels;
                }
            }
            Some("iscedf") => {
                if let Some(v) = parse::<IscedFFile>(set, f, &mut cx.diags) {
                    cx.sources(f, &v.sources);
                    t.isced_fields = v.fields;
                    iscedf_file = Some(f);
                }
            }
            Some("framework") => framework_files.push(f),
            Some("referencing") => referencing_files.push(f),
            Some("education") => education_files.push(f),
            Some("titles") => title_files.push(f),
            Some("skill") => {
                if let Some(v) = parse::<SkillLevelFile>(set, f, &mut cx.diags) {
                    cx.sources(f, &v.sources);
                    let lines = Lines::new(&f.text);
                    for s in &v.skill_levels {
                        if !(1..=4).contains(&s.skill_level) {
                            cx.err(f, lines.find("skill_level", &s.skill_level.to_string(), 0), format!("ISCO skill level {} out of range (1-4)", s.skill_level));
                        }
                        for i in &s.isced {
                            if *i > 8 {
                                cx.err(f, lines.find("skill_level", &s.skill_level.to_string(), 0), format!("ISCED level {i} out of range (0-8)"));
                            }
                        }
                    }
                    t.skill_levels = v.skill_levels;
                }
            }
            Some("field") => field_file = Some(f),
            Some("practice") => practice_files.push(f),
            Some("regulated") => regulated_file = Some(f),
            Some("mismatch") => {
                if let Some(v) = parse::<crate::deskilling::MismatchFile>(set, f, &mut cx.diags) {
                    cx.sources(f, &v.sources);
                    for d in crate::deskilling::check_methods(&v) {
                        let line = Lines::new(&f.text).containing(&d.0).max(1);
                        cx.err(f, line, d.1);
                    }
                    for m in v.methods {
                        // a later file (a user's table) replaces a method of the same id
                        t.mismatch_methods.retain(|x| x.id != m.id);
                        t.mismatch_methods.push(m);
                    }
                }
            }
            _ => cx.err(
                f,
                0,
                "unknown data file: expected taxonomies/{isco08,isced2011,isced-f2013}.yaml, taxonomies/{frameworks,education-systems,titles}/*.yaml, mappings/{referencing,evaluation-practice}/*.yaml or mappings/{isced-isco-skill-levels,field-occupation,regulated-professions,mismatch-methods*}.yaml",
            ),
        }
    }

    if let Some(f) = isco_file {
        check_isco(&mut cx, f, &t.isco);
    }
    if let Some(f) = iscedf_file {
        check_tree(
            &mut cx,
            f,
            t.isced_fields
                .iter()
                .map(|x| (x.code.as_str(), x.parent.as_deref(), x.title.as_str()))
                .collect(),
            "ISCED-F field",
        );
    }
    t.reindex();

    // frameworks
    let mut fw_paths: HashMap<String, String> = HashMap::new();
    for f in framework_files {
        let Some(mut fw) = parse::<Framework>(set, f, &mut cx.diags) else {
            continue;
        };
        fw.path = f.path.clone();
        cx.sources(f, &fw.sources);
        let lines = Lines::new(&f.text);
        if let Some(prev) = fw_paths.get(&fw.id.to_ascii_uppercase()) {
            cx.err(
                f,
                lines.find("id", &fw.id, 0),
                format!(
                    "framework {} is already defined in {prev}: give one of them another id",
                    fw.id
                ),
            );
            continue;
        }
        let mut seen = HashSet::new();
        for (i, l) in fw.levels.iter().enumerate() {
            if !seen.insert(l.level.to_ascii_uppercase()) {
                cx.err(
                    f,
                    lines.find("level", &l.level, 1),
                    format!("duplicate level {} in {}", l.level, fw.id),
                );
            }
            for ty in &l.types {
                if ty.isced > 8 {
                    cx.err(
                        f,
                        lines.find("name", &ty.name, 0),
                        format!(
                            "ISCED level {} of type {:?} out of range (0-8)",
                            ty.isced, ty.name
                        ),
                    );
                }
            }
            let _ = i;
        }
        match fw.kind {
            FrameworkKind::National => {
                if fw
                    .country
                    .as_deref()
                    .and_then(crate::country::resolve)
                    .is_none()
                {
                    cx.err(f, lines.find("country", "", 0).max(1), format!("national framework {} needs `country:` with an ISO 3166 code (DE, GB-SCT ...)", fw.id));
                }
            }
            FrameworkKind::Meta => {
                for c in &fw.countries {
                    if crate::country::resolve(c).is_none() {
                        cx.err(f, lines.containing(c), format!("unknown country code {c}"));
                    }
                }
            }
        }
        if fw.levels.is_empty() {
            cx.err(
                f,
                lines.find("levels", "", 0),
                format!("framework {} has no levels", fw.id),
            );
        }
        fw_paths.insert(fw.id.to_ascii_uppercase(), f.path.clone());
        t.frameworks.push(fw);
    }
    t.reindex();

    // referencing
    for f in referencing_files {
        let Some(mut r) = parse::<Referencing>(set, f, &mut cx.diags) else {
            continue;
        };
        r.path = f.path.clone();
        cx.sources(f, &r.sources);
        let lines = Lines::new(&f.text);
        let from = t.framework(&r.from).cloned();
        let to = t.framework(&r.to).cloned();
        for (key, id, fw) in [("from", &r.from, &from), ("to", &r.to, &to)] {
            if fw.is_none() {
                cx.err(
                    f,
                    lines.find(key, id, 0),
                    format!(
                        "framework {id} does not exist ({})",
                        known_frameworks(&t, id)
                    ),
                );
            }
        }
        let mut seen: HashMap<String, usize> = HashMap::new();
        for l in &r.links {
            let n = seen.entry(l.from.clone()).or_insert(0);
            // the n-th `from: <level>` (the table's own `from: <framework>` has another value)
            let line = lines.find("from", &l.from, *n);
            *n += 1;
            if *n > 1 {
                cx.err(
                    f,
                    line,
                    format!(
                        "level {} of {} is referenced twice: list all its targets in one `to:`",
                        l.from, r.from
                    ),
                );
            }
            if let Some(fw) = &from {
                if fw.level(&l.from).is_none() {
                    cx.err(
                        f,
                        line,
                        format!(
                            "level {} does not exist in {} (levels {})",
                            l.from,
                            fw.id,
                            level_list(fw)
                        ),
                    );
                }
            }
            if let Some(fw) = &to {
                for x in &l.to {
                    if fw.level(x).is_none() {
                        cx.err(
                            f,
                            line,
                            format!(
                                "level {} does not exist in {} (levels {})",
                                x,
                                fw.id,
                                level_list(fw)
                            ),
                        );
                    }
                }
            }
            if l.to.is_empty() {
                cx.err(f, line, "a link needs at least one target level in `to:`");
            }
        }
        t.referencing.push(r);
    }

    // education systems
    for f in education_files {
        let Some(mut es) = parse::<EducationSystem>(set, f, &mut cx.diags) else {
            continue;
        };
        es.path = f.path.clone();
        cx.sources(f, &es.sources);
        check_education(&mut cx, f, &es, &t);
        let key = es.country.to_ascii_uppercase();
        if t.education_systems.contains_key(&key) {
            cx.err(f, 1, format!("country {key} already has a catalogue"));
            continue;
        }
        t.education_systems.insert(key, es);
    }

    // titles
    for f in title_files {
        let Some(v) = parse::<TitlesFile>(set, f, &mut cx.diags) else {
            continue;
        };
        cx.sources(f, &v.sources);
        let lines = Lines::new(&f.text);
        let sections = v
            .titles
            .into_iter()
            .map(|e| (e, false))
            .chain(v.esco_corrections.into_iter().map(|e| (e, true)));
        for ((code, list), corrects_esco) in sections {
            match t.isco_group(&code) {
                Some(g) if g.code.len() == 4 => {}
                _ => {
                    let line = lines
                        .containing(&format!("\"{code}\""))
                        .max(lines.containing(&format!("{code}:")));
                    cx.err(f, line, format!("{code} is not an ISCO-08 unit group: titles must sit under a 4-digit code"));
                    continue;
                }
            }
            for title in list {
                if title.trim().is_empty() {
                    cx.err(
                        f,
                        lines.containing(&code),
                        format!("empty title under {code}"),
                    );
                    continue;
                }
                t.titles.push(CuratedTitle {
                    code: code.clone(),
                    title,
                    lang: v.lang.clone(),
                    corrects_esco,
                });
            }
        }
    }

    if let Some(f) = field_file {
        if let Some(v) = parse::<FieldOccupationFile>(set, f, &mut cx.diags) {
            cx.sources(f, &v.sources);
            let lines = Lines::new(&f.text);
            let fields: HashSet<&str> = t.isced_fields.iter().map(|x| x.code.as_str()).collect();
            for fo in &v.fields {
                let line = lines.find("field", &fo.field, 0);
                if !fields.is_empty() && t.isced_field_known(&fo.field).is_none() {
                    cx.err(
                        f,
                        line,
                        format!("{} is not an ISCED-F 2013 field", fo.field),
                    );
                }
                for o in &fo.occupations {
                    if t.isco_group(o).is_none() {
                        cx.err(
                            f,
                            line,
                            format!("{o} is not an ISCO-08 group (field {})", fo.field),
                        );
                    }
                }
            }
            t.field_occupations = v.fields;
        }
    }
    if let Some(f) = regulated_file {
        if let Some(v) = parse::<RegulatedFile>(set, f, &mut cx.diags) {
            cx.sources(f, &v.sources);
            let lines = Lines::new(&f.text);
            let ids: HashSet<&str> = v.professions.iter().map(|p| p.id.as_str()).collect();
            for p in &v.professions {
                for c in &p.isco {
                    if t.isco_group(c).is_none() {
                        cx.err(
                            f,
                            lines.find("id", &p.id, 0),
                            format!("{c} is not an ISCO-08 group (profession {})", p.id),
                        );
                    }
                }
            }
            for c in &v.countries {
                let line = lines.find("country", &c.country, 0);
                if crate::country::resolve(&c.country).is_none() {
                    cx.err(f, line, format!("unknown country code {}", c.country));
                }
                for r in &c.regulated {
                    if !ids.contains(r.as_str()) {
                        cx.err(f, line, format!("{} regulates {r}, which is not a profession listed under `professions:`", c.country));
                    }
                }
            }
            t.regulated_professions = v.professions;
            t.country_regulations = v.countries;
        }
    }
    for f in practice_files {
        if let Some(p) = cx.practice(f, &t) {
            t.evaluation_practice
                .retain(|x| x.destination != p.destination);
            t.evaluation_practice.push(p);
        }
    }
    t.reindex();
    (t, cx.diags)
}

/// The framework ids closest to an unknown one, for "did you mean" messages.
fn known_frameworks(t: &Taxonomy, wanted: &str) -> String {
    let mut v: Vec<(f64, &str)> = t
        .frameworks
        .iter()
        .map(|f| {
            (
                strsim::jaro_winkler(&wanted.to_ascii_uppercase(), &f.id.to_ascii_uppercase()),
                f.id.as_str(),
            )
        })
        .collect();
    v.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(b.1)));
    let close: Vec<&str> = v.iter().take(3).map(|x| x.1).collect();
    format!("closest: {}; `skillbridge frameworks` lists all, or use `nqf: null` when the country has none in taxonomies/frameworks/", close.join(", "))
}

fn level_list(fw: &Framework) -> String {
    fw.levels
        .iter()
        .map(|l| l.level.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn check_isco(cx: &mut Ctx, f: &DataFile, groups: &[IscoGroup]) {
    let lines = Lines::new(&f.text);
    check_tree(
        cx,
        f,
        groups
            .iter()
            .map(|g| (g.code.as_str(), g.parent.as_deref(), g.title.as_str()))
            .collect(),
        "ISCO-08 group",
    );
    for g in groups {
        let line = lines.find("code", &g.code, 0);
        if !(1..=4).contains(&g.code.len()) || !g.code.bytes().all(|b| b.is_ascii_digit()) {
            cx.err(
                f,
                line,
                format!("ISCO-08 code {:?} must be 1 to 4 digits", g.code),
            );
            continue;
        }
        if let Some(p) = &g.parent {
            if !g.code.starts_with(p.as_str()) || p.len() + 1 != g.code.len() {
                cx.err(
                    f,
                    line,
                    format!(
                        "parent {p} of {} is not its one-digit-shorter prefix",
                        g.code
                    ),
                );
            }
        } else if g.code.len() > 1 {
            cx.err(
                f,
                line,
                format!(
                    "{} has no parent: add `parent: \"{}\"`",
                    g.code,
                    &g.code[..g.code.len() - 1]
                ),
            );
        }
        for s in &g.skill_levels {
            if !(1..=4).contains(s) {
                cx.err(
                    f,
                    line,
                    format!("skill level {s} of {} out of range (1-4)", g.code),
                );
            }
        }
        let rule = isco_rule_skill_levels(&g.code);
        if !g.skill_levels.is_empty()
            && g.skill_levels.iter().all(|s| (1..=4).contains(s))
            && g.skill_levels != rule
        {
            cx.err(
                f,
                line,
                format!(
                    "skill levels {:?} of {} differ from the ISCO-08 rule {:?}",
                    g.skill_levels, g.code, rule
                ),
            );
        }
    }
}

/// Duplicate codes, unknown parents, empty titles and cycles in a code tree.
fn check_tree(cx: &mut Ctx, f: &DataFile, items: Vec<(&str, Option<&str>, &str)>, what: &str) {
    let lines = Lines::new(&f.text);
    let mut count: HashMap<&str, usize> = HashMap::new();
    let parents: HashMap<&str, Option<&str>> = items.iter().map(|(c, p, _)| (*c, *p)).collect();
    for (code, parent, title) in &items {
        let n = count.entry(code).or_insert(0);
        *n += 1;
        if *n > 1 {
            cx.err(
                f,
                lines.find("code", code, *n - 1),
                format!("duplicate {what} code {code}"),
            );
        }
        if title.trim().is_empty() {
            cx.err(
                f,
                lines.find("code", code, 0),
                format!("{what} {code} has an empty title"),
            );
        }
        if let Some(p) = parent {
            if !parents.contains_key(p) {
                cx.err(
                    f,
                    lines.find("parent", p, 0),
                    format!("{what} {code} has unknown parent {p}"),
                );
            }
        }
    }
    // cycles in broader relations
    let mut reported = HashSet::new();
    for (code, _, _) in &items {
        let mut seen = HashSet::new();
        let mut cur = Some(*code);
        while let Some(c) = cur {
            if !seen.insert(c) {
                if reported.insert(c) {
                    cx.err(
                        f,
                        lines.find("code", c, 0),
                        format!("cycle in broader relations through {what} {c}"),
                    );
                }
                break;
            }
            cur = parents.get(c).copied().flatten();
        }
    }
}

fn check_education(cx: &mut Ctx, f: &DataFile, es: &EducationSystem, t: &Taxonomy) {
    let lines = Lines::new(&f.text);
    if crate::country::resolve(&es.country).is_none() {
        cx.err(
            f,
            lines.find("country", &es.country, 0),
            format!("unknown country code {}", es.country),
        );
    }
    let stem = f
        .path
        .rsplit('/')
        .next()
        .unwrap_or("")
        .trim_end_matches(".yaml");
    if !stem.eq_ignore_ascii_case(&es.country) {
        cx.err(
            f,
            lines.find("country", &es.country, 0),
            format!(
                "file {stem}.yaml holds country {}: name the file after the country code",
                es.country
            ),
        );
    }
    let nqf = match &es.nqf {
        Some(id) => match t.framework(id) {
            Some(fw) => Some(fw),
            None => {
                cx.err(
                    f,
                    lines.find("nqf", id, 0),
                    format!(
                        "framework {id} does not exist ({})",
                        known_frameworks(t, id)
                    ),
                );
                None
            }
        },
        None => None,
    };
    let ids: HashSet<&str> = es.credentials.iter().map(|c| c.id.as_str()).collect();
    let mut seen = HashSet::new();
    for c in &es.credentials {
        let line = lines.find("id", &c.id, 0);
        if !seen.insert(c.id.as_str()) {
            cx.err(
                f,
                lines.find("id", &c.id, 1),
                format!("duplicate credential id {}", c.id),
            );
        }
        if c.id.is_empty()
            || !c
                .id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        {
            cx.err(
                f,
                line,
                format!("credential id {:?} must use only a-z, 0-9 and '-'", c.id),
            );
        }
        if c.names.iter().all(|n| crate::text::fold(n).is_empty()) {
            cx.err(f, line, format!("credential {} has no usable name", c.id));
        }
        if !CREDENTIAL_KINDS.contains(&c.kind.as_str()) {
            cx.err(
                f,
                line,
                format!(
                    "credential {}: kind {:?} is not one of {}",
                    c.id,
                    c.kind,
                    CREDENTIAL_KINDS.join(", ")
                ),
            );
        }
        if c.isced > 8 {
            cx.err(
                f,
                line,
                format!(
                    "credential {}: ISCED level {} out of range (0-8)",
                    c.id, c.isced
                ),
            );
        }
        for e in &c.eqf {
            if !(1..=8).contains(e) {
                cx.err(
                    f,
                    line,
                    format!("credential {}: EQF level {e} out of range (1-8)", c.id),
                );
            }
        }
        if let Some(fo) = &c.follows {
            if !ids.contains(fo.as_str()) {
                cx.err(
                    f,
                    line,
                    format!(
                        "credential {} follows {fo}, which is not a credential id in this file",
                        c.id
                    ),
                );
            }
        }
        if let Some(r) = &c.regulated {
            if !REGULATED_FIELDS.contains(&r.as_str()) {
                cx.err(
                    f,
                    line,
                    format!(
                        "credential {}: regulated {:?} is not one of {}",
                        c.id,
                        r,
                        REGULATED_FIELDS.join(", ")
                    ),
                );
            }
        }
        if let Some(fd) = &c.field {
            if !t.isced_fields.is_empty() && t.isced_field_known(fd).is_none() {
                cx.err(
                    f,
                    line,
                    format!("credential {}: {fd} is not an ISCED-F 2013 field", c.id),
                );
            }
        }
        if let Some(l) = &c.nqf_level {
            match nqf {
                Some(fw) if fw.level(l).is_none() => cx.err(
                    f,
                    line,
                    format!(
                        "credential {}: level {l} does not exist in {} (levels {})",
                        c.id,
                        fw.id,
                        level_list(fw)
                    ),
                ),
                None if es.nqf.is_none() => cx.err(
                    f,
                    line,
                    format!(
                        "credential {} has nqf_level {l} but the file sets no `nqf:` framework",
                        c.id
                    ),
                ),
                _ => {}
            }
        }
    }
}
