//! The knowledge graph (petgraph): ISCO-08 groups, ISCED levels and fields, framework levels and
//! qualification types as nodes; broader, referenced-to, has-isced-level, has-type and skill-level
//! relations as edges.
//!
//! The graph is built once from a [`Taxonomy`] and never changes afterwards; it is `Send + Sync`
//! and can be shared across rayon threads by reference. Level queries run Dijkstra on
//! `-ln(confidence)` over referenced-to edges, so the best path is the one whose product of
//! confidences is highest; every destination level reached at that best confidence is returned,
//! each with its chain of edges as the explanation.

use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use serde::Serialize;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, HashMap};

use crate::error::{Error, Result};
use crate::taxonomy::{link_confidence, ReferencingKind, Relation, Taxonomy};

/// A node of the graph.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Node {
    Isco(String),
    IscedLevel(u8),
    IscedField(String),
    Level {
        framework: String,
        level: String,
    },
    QualificationType {
        framework: String,
        level: String,
        name: String,
    },
}

/// An edge of the graph.
#[derive(Debug, Clone, PartialEq)]
pub enum Edge {
    /// From a narrower to a broader group (ISCO, ISCED-F).
    Broader,
    /// From a framework level to a level of another framework it is referenced to.
    ReferencedTo {
        confidence: f64,
        kind: ReferencingKind,
        relation: Relation,
        source: String,
    },
    /// From a qualification type (or ISCO group) to an ISCED level.
    HasIscedLevel,
    /// From a framework level to a typical qualification type at that level.
    HasType,
    /// From an ISCO group to an ISCED level its skill level requires.
    SkillLevel(u8),
}

/// A level of a framework.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, PartialOrd, Ord)]
pub struct LevelRef {
    pub framework: String,
    pub level: String,
}

/// One step of an explanation.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PathStep {
    pub from: LevelRef,
    pub to: LevelRef,
    pub relation: Relation,
    pub kind: ReferencingKind,
    pub confidence: f64,
    /// The referencing table the step comes from.
    pub source: String,
}

/// A destination level with its confidence and explanation.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LevelResult {
    pub framework: String,
    pub level: String,
    pub confidence: f64,
    pub path: Vec<PathStep>,
}

/// The immutable knowledge graph.
#[derive(Debug)]
pub struct Graph {
    g: DiGraph<Node, Edge>,
    levels: HashMap<(String, String), NodeIndex>,
    isco: HashMap<String, NodeIndex>,
}

#[derive(PartialEq)]
struct State {
    cost: f64,
    node: NodeIndex,
}
impl Eq for State {}
impl Ord for State {
    fn cmp(&self, o: &Self) -> Ordering {
        o.cost
            .total_cmp(&self.cost)
            .then_with(|| o.node.cmp(&self.node))
    }
}
impl PartialOrd for State {
    fn partial_cmp(&self, o: &Self) -> Option<Ordering> {
        Some(self.cmp(o))
    }
}

const TIE: f64 = 1e-9;

impl Graph {
    /// Build the graph from a loaded taxonomy. Referencing links that name missing levels are
    /// skipped (they are reported by `Taxonomy::load`).
    pub fn build(t: &Taxonomy) -> Graph {
        let mut g = DiGraph::new();
        let mut isced = HashMap::new();
        for l in 0..=8u8 {
            isced.insert(l, g.add_node(Node::IscedLevel(l)));
        }
        let mut isco = HashMap::new();
        for grp in &t.isco {
            isco.insert(grp.code.clone(), g.add_node(Node::Isco(grp.code.clone())));
        }
        for grp in &t.isco {
            let n = isco[&grp.code];
            if let Some(p) = grp.parent.as_ref().and_then(|p| isco.get(p)) {
                g.add_edge(n, *p, Edge::Broader);
            }
            for s in &grp.skill_levels {
                for i in t.isced_for_skill_level(*s) {
                    if let Some(x) = isced.get(&i) {
                        g.add_edge(n, *x, Edge::SkillLevel(*s));
                    }
                }
            }
        }
        let mut fields = HashMap::new();
        for f in &t.isced_fields {
            fields.insert(f.code.clone(), g.add_node(Node::IscedField(f.code.clone())));
        }
        for f in &t.isced_fields {
            if let Some(p) = f.parent.as_ref().and_then(|p| fields.get(p)) {
                g.add_edge(fields[&f.code], *p, Edge::Broader);
            }
        }
        let mut levels = HashMap::new();
        for fw in &t.frameworks {
            for l in &fw.levels {
                let n = g.add_node(Node::Level {
                    framework: fw.id.clone(),
                    level: l.level.clone(),
                });
                levels.insert(
                    (fw.id.to_ascii_uppercase(), l.level.to_ascii_uppercase()),
                    n,
                );
                for ty in &l.types {
                    let q = g.add_node(Node::QualificationType {
                        framework: fw.id.clone(),
                        level: l.level.clone(),
                        name: ty.name.clone(),
                    });
                    g.add_edge(n, q, Edge::HasType);
                    if let Some(x) = isced.get(&ty.isced) {
                        g.add_edge(q, *x, Edge::HasIscedLevel);
                    }
                }
            }
        }
        for r in &t.referencing {
            let (fa, fb) = (r.from.to_ascii_uppercase(), r.to.to_ascii_uppercase());
            for link in &r.links {
                let Some(&a) = levels.get(&(fa.clone(), link.from.to_ascii_uppercase())) else {
                    continue;
                };
                for to in &link.to {
                    let Some(&b) = levels.get(&(fb.clone(), to.to_ascii_uppercase())) else {
                        continue;
                    };
                    let e = Edge::ReferencedTo {
                        confidence: link_confidence(r.kind, link.relation),
                        kind: r.kind,
                        relation: link.relation,
                        source: r.path.clone(),
                    };
                    // Referencing is read both ways: a level referenced to EQF 6 is what EQF 6
                    // points to in that country.
                    g.add_edge(a, b, e.clone());
                    g.add_edge(b, a, e);
                }
            }
        }
        Graph { g, levels, isco }
    }

    pub fn node_count(&self) -> usize {
        self.g.node_count()
    }
    pub fn edge_count(&self) -> usize {
        self.g.edge_count()
    }

    fn level_node(&self, fw: &str, level: &str) -> Option<NodeIndex> {
        self.levels
            .get(&(fw.to_ascii_uppercase(), level.to_ascii_uppercase()))
            .copied()
    }

    /// ISCED levels an ISCO group's skill level(s) require, from the skill-level edges (for a
    /// group without its own edges, those of its unit groups are not merged: ask per unit group).
    pub fn isco_required_isced(&self, code: &str) -> Vec<u8> {
        let Some(&n) = self.isco.get(code) else {
            return Vec::new();
        };
        let mut v: Vec<u8> = self
            .g
            .edges(n)
            .filter_map(|e| match (e.weight(), &self.g[e.target()]) {
                (Edge::SkillLevel(_), Node::IscedLevel(l)) => Some(*l),
                _ => None,
            })
            .collect();
        v.sort();
        v.dedup();
        v
    }

    /// The best level(s) of framework `to` for level `level` of framework `from`.
    ///
    /// Framework ids must be canonical (resolve country codes with
    /// [`Taxonomy::resolve_framework`] first). Returns an input error when the level does not
    /// exist, and an empty list when no referencing path connects the two frameworks.
    pub fn levels(&self, from: &str, level: &str, to: &str) -> Result<Vec<LevelResult>> {
        let start = self
            .level_node(from, level)
            .ok_or_else(|| Error::input(format!("{from} has no level {level}")))?;
        if from.eq_ignore_ascii_case(to) {
            let Node::Level { framework, level } = &self.g[start] else {
                unreachable!("level index holds level nodes")
            };
            return Ok(vec![LevelResult {
                framework: framework.clone(),
                level: level.clone(),
                confidence: 1.0,
                path: vec![],
            }]);
        }
        let to_up = to.to_ascii_uppercase();
        let mut dist: HashMap<NodeIndex, f64> = HashMap::new();
        let mut prev: HashMap<NodeIndex, petgraph::graph::EdgeIndex> = HashMap::new();
        let mut heap = BinaryHeap::new();
        dist.insert(start, 0.0);
        heap.push(State {
            cost: 0.0,
            node: start,
        });
        let mut best: Option<f64> = None;
        let mut found = Vec::new();
        while let Some(State { cost, node }) = heap.pop() {
            if cost > dist.get(&node).copied().unwrap_or(f64::INFINITY) + TIE {
                continue;
            }
            if let Some(b) = best {
                if cost > b + TIE {
                    break;
                }
            }
            if let Node::Level { framework, .. } = &self.g[node] {
                if framework.eq_ignore_ascii_case(&to_up) && node != start {
                    best.get_or_insert(cost);
                    if !found.contains(&node) {
                        found.push(node);
                    }
                    continue; // do not walk on through the destination framework
                }
            }
            for e in self.g.edges(node) {
                if let Edge::ReferencedTo { confidence, .. } = e.weight() {
                    let next = e.target();
                    let c = cost - confidence.ln();
                    if c + TIE < dist.get(&next).copied().unwrap_or(f64::INFINITY) {
                        dist.insert(next, c);
                        prev.insert(next, e.id());
                        heap.push(State {
                            cost: c,
                            node: next,
                        });
                    }
                }
            }
        }
        let mut out: Vec<LevelResult> = found
            .into_iter()
            .map(|n| {
                let mut steps = Vec::new();
                let mut cur = n;
                while let Some(&eid) = prev.get(&cur) {
                    let (a, b) = self.g.edge_endpoints(eid).expect("edge exists");
                    if let Edge::ReferencedTo {
                        confidence,
                        kind,
                        relation,
                        source,
                    } = &self.g[eid]
                    {
                        steps.push(PathStep {
                            from: self.level_ref(a),
                            to: self.level_ref(b),
                            relation: *relation,
                            kind: *kind,
                            confidence: *confidence,
                            source: source.clone(),
                        });
                    }
                    cur = a;
                }
                steps.reverse();
                let lr = self.level_ref(n);
                LevelResult {
                    framework: lr.framework,
                    level: lr.level,
                    confidence: round3((-dist[&n]).exp()),
                    path: steps,
                }
            })
            .collect();
        out.sort_by(|a, b| {
            b.confidence
                .total_cmp(&a.confidence)
                .then_with(|| natural_cmp(&a.level, &b.level))
        });
        Ok(out)
    }

    fn level_ref(&self, n: NodeIndex) -> LevelRef {
        match &self.g[n] {
            Node::Level { framework, level } => LevelRef {
                framework: framework.clone(),
                level: level.clone(),
            },
            other => LevelRef {
                framework: format!("{other:?}"),
                level: String::new(),
            },
        }
    }
}

/// Round a confidence to 3 decimals for stable output.
pub fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

/// Compare level names so that "2" < "10" and "E1" < "1".
pub fn natural_cmp(a: &str, b: &str) -> Ordering {
    match (a.parse::<f64>(), b.parse::<f64>()) {
        (Ok(x), Ok(y)) => x.total_cmp(&y),
        (Err(_), Ok(_)) => Ordering::Less,
        (Ok(_), Err(_)) => Ordering::Greater,
        _ => a.cmp(b),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    fn assert_send_sync<T: Send + Sync>() {}
    #[test]
    fn graph_is_send_sync() {
        assert_send_sync::<Graph>();
    }
}
