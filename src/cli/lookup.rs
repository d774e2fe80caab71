//! `skillbridge lookup isco 2221` / `skillbridge lookup isco "nurse"`.
use std::io::Write;

use super::{write_json, CliResult, Globals, Outcome};
use skillbridge::taxonomy::IscoGroup;
use skillbridge::Error;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// What to look up: `isco`
    #[arg(value_parser = ["isco"])]
    pub what: String,
    /// An ISCO-08 code (1 to 4 digits) or words of a title
    pub query: String,
    /// How many title matches to show
    #[arg(long, default_value_t = 10)]
    pub top: usize,
}

#[derive(serde::Serialize)]
struct GroupView<'a> {
    code: &'a str,
    title: &'a str,
    kind: &'a str,
    skill_levels: &'a [u8],
    required_isced: Vec<u8>,
    hierarchy: Vec<Brief<'a>>,
    children: Vec<Brief<'a>>,
}

#[derive(serde::Serialize)]
struct Brief<'a> {
    code: &'a str,
    title: &'a str,
}

pub fn run(a: Args, g: &Globals, out: &mut dyn Write) -> CliResult {
    let sb = g.load()?;
    let t = &sb.taxonomy;
    let q = a.query.trim();
    if q.is_empty() {
        return Err(Error::input(
            "empty query: give an ISCO-08 code (e.g. 2221) or words of a title (e.g. nurse)",
        )
        .into());
    }
    if q.bytes().all(|b| b.is_ascii_digit()) {
        let Some(grp) = t.isco_group(q) else {
            if q.len() > 4 {
                return Err(Error::input(format!(
                    "{q} is not an ISCO-08 code: codes have 1 to 4 digits"
                ))
                .into());
            }
            if g.json {
                write_json(out, &serde_json::json!({"query": q, "group": null}))?;
            } else {
                writeln!(out, "no ISCO-08 group {q}")?;
            }
            return Ok(Outcome::NothingFound);
        };
        let view = view(t, &sb.graph, grp);
        if g.json {
            write_json(out, &serde_json::json!({"query": q, "group": view}))?;
        } else {
            for (i, h) in view.hierarchy.iter().enumerate() {
                writeln!(out, "{}{} {}", "  ".repeat(i), h.code, h.title)?;
            }
            writeln!(
                out,
                "{} ({}), skill level(s) {:?}, ISCED {:?}",
                grp.code,
                grp.kind(),
                grp.skill_levels,
                view.required_isced
            )?;
            for c in &view.children {
                writeln!(out, "  - {} {}", c.code, c.title)?;
            }
        }
        return Ok(Outcome::Found);
    }
    // unit groups through the embedded title index (ISCO titles and curated job titles), then
    // groups at any level whose ISCO title matches
    let index = skillbridge::occupation::TitleIndexBuilder::from_taxonomy(t).build();
    let coded = index.code(q, "", a.top);
    let mut hits: Vec<(&IscoGroup, f64, Option<String>)> = coded
        .candidates
        .iter()
        .filter(|c| c.score >= 0.5)
        .filter_map(|c| {
            t.isco_group(&c.code)
                .map(|g| (g, c.score, Some(c.matched.clone())))
        })
        .collect();
    for h in t.search_isco_titles(q, a.top) {
        if hits.len() >= a.top {
            break;
        }
        if !hits.iter().any(|x| x.0.code == h.group.code) {
            hits.push((h.group, h.score, None));
        }
    }
    hits.truncate(a.top);
    if g.json {
        let results: Vec<_> = hits
            .iter()
            .map(|(g, s, m)| serde_json::json!({"code": g.code, "title": g.title, "kind": g.kind(), "skill_levels": g.skill_levels, "score": s, "matched": m}))
            .collect();
        write_json(out, &serde_json::json!({"query": q, "results": results}))?;
    } else {
        for (g, s, m) in &hits {
            writeln!(
                out,
                "{:<5} {:.3}  {} ({}){}",
                g.code,
                s,
                g.title,
                g.kind(),
                m.as_ref()
                    .map(|m| format!("  matched {m:?}"))
                    .unwrap_or_default()
            )?;
        }
        if hits.is_empty() {
            writeln!(out, "no ISCO-08 title matches {q:?}")?;
        }
    }
    Ok(if hits.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

fn view<'a>(
    t: &'a skillbridge::taxonomy::Taxonomy,
    graph: &skillbridge::graph::Graph,
    grp: &'a IscoGroup,
) -> GroupView<'a> {
    GroupView {
        code: &grp.code,
        title: &grp.title,
        kind: grp.kind(),
        skill_levels: &grp.skill_levels,
        required_isced: graph.isco_required_isced(&grp.code),
        hierarchy: briefs(t.isco_hierarchy(&grp.code)),
        children: briefs(t.isco_children(&grp.code)),
    }
}

fn briefs(groups: Vec<&IscoGroup>) -> Vec<Brief<'_>> {
    groups
        .into_iter()
        .map(|x| Brief {
            code: &x.code,
            title: &x.title,
        })
        .collect()
}
