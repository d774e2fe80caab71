//! Foreign credential → destination-country equivalents.
//!
//! 1. The text is folded (case, diacritics, any script to Latin), split into segments (the whole
//!    text, the text outside parentheses, each parenthesised gloss) and searched for hints:
//!    duration ("duration: 3 years", "4-year"), year ("since 2008", "before 2007") and track.
//! 2. Each segment is scored against every name and abbreviation of the origin country's
//!    catalogue with IDF token weights (fuzzy token equality by Jaro-Winkler) blended with a
//!    normalised Levenshtein similarity; hints choose between variants.
//! 3. The matched entry's level goes through the graph: the evaluator placement (`eqf`) or the
//!    origin NQF level → EQF (→ AQRF …) → destination framework; without either, through its
//!    ISCED 2011 level (lower confidence).
//! 4. With no catalogue, or nothing that matches, generic degree-name rules in many languages
//!    give a low-confidence answer flagged `generic rule`; with nothing at all: unknown.

use serde::Serialize;
use std::collections::HashMap;

use crate::country;
use crate::error::{Error, Result};
use crate::graph::{round3, PathStep};
use crate::taxonomy::{Credential, EducationSystem, Framework, Taxonomy};
use crate::text::{fold, tokens};
use crate::Skillbridge;

/// What the user asks.
#[derive(Debug, Clone, Default, Serialize)]
pub struct CredentialQuery {
    /// Origin country: ISO alpha-2, alpha-3 or English name.
    pub origin: String,
    /// The credential as written (any language or script).
    pub text: String,
    /// Destination country or framework id.
    pub destination: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duration_years: Option<f32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub year: Option<i32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub nqf_level: Option<String>,
}

/// The catalogue entry a credential matched.
#[derive(Debug, Clone, Serialize)]
pub struct Matched {
    pub country: String,
    pub id: String,
    pub name: String,
    pub english: String,
    pub kind: String,
    pub isced: u8,
    pub score: f64,
    pub catalogue: String,
}

/// One step of an explanation, from the matched entry to the destination.
#[derive(Debug, Clone, Serialize)]
pub struct Step {
    pub from: String,
    pub to: String,
    pub relation: String,
    pub confidence: f64,
    pub source: String,
}

/// One equivalence: a destination level with its evidence.
#[derive(Debug, Clone, Serialize)]
pub struct Equivalence {
    pub destination_framework: String,
    pub destination_level: String,
    pub eqf_level: Option<u8>,
    pub isced_level: Option<u8>,
    pub confidence: f64,
    /// `catalogue` (matched an entry of the origin catalogue) or `generic rule`.
    pub method: String,
    pub matched: Option<Matched>,
    pub path: Vec<Step>,
    /// Typical destination qualification types at that level.
    pub comparable_to: Vec<String>,
    pub notes: Vec<String>,
}

/// The answer: best equivalence and alternatives; `best` is `None` when unknown.
#[derive(Debug, Clone, Serialize)]
pub struct CredentialResult {
    pub query: CredentialQuery,
    pub origin_country: String,
    pub best: Option<Equivalence>,
    pub alternatives: Vec<Equivalence>,
    pub notes: Vec<String>,
}

/// Below this score a catalogue entry is not taken.
const MIN_SCORE: f64 = 0.5;
/// A name written exactly as in other catalogues, while the home catalogue only comes close,
/// leads abroad when at most this many other systems write it so.
const EXACT_ABROAD_MAX_COUNTRIES: usize = 2;
/// A word of another system's language is written by at most this many catalogues.
const FOREIGN_WORD_MAX_COUNTRIES: usize = 3;
/// Below this best score at home, other catalogues are searched too …
const CROSS_TRIGGER: f64 = 0.75;
/// … and an entry found there must score at least this.
const CROSS_MIN: f64 = 0.72;
/// The same when the origin's catalogue has no usable match at all.
const CROSS_MIN_ALONE: f64 = 0.6;
/// How much below the origin's best a match in a country the text names may be and still win.
const NAMED_MARGIN: f64 = 0.05;
/// Abroad, what the parts of a glossed name that all name the same entry add (at most).
const PARTS_BONUS: f64 = 0.05;

const STOP: &[&str] = &[
    "of", "the", "and", "in", "for", "a", "an", "with", "or", "de", "del", "la", "las", "los",
    "el", "le", "les", "des", "du", "d", "l", "en", "et", "y", "e", "i", "o", "u", "za", "na",
    "po", "ve", "und", "der", "die", "das", "von", "zu", "fur", "im", "da", "do", "dos", "em",
    "com", "di", "della", "al", "a", "from", "name", "similar", "duration", "years", "year",
    "started", "before", "after", "since", "until", "s", "te", "ne", "se", "per",
];

/// Roman numerals that grade or level a credential ("Grade XII", "D III").
const ROMAN: &[(&str, &str)] = &[
    ("ii", "2"),
    ("iii", "3"),
    ("iv", "4"),
    ("vi", "6"),
    ("vii", "7"),
    ("viii", "8"),
    ("ix", "9"),
    ("xi", "11"),
    ("xii", "12"),
];

/// Shortened words of credential names, as people write them, with the word they stand for.
const SHORT_WORDS: &[(&str, &str)] = &[
    ("cert", "certificate"),
    ("certif", "certificate"),
    ("dip", "diploma"),
    ("adv", "advanced"),
    ("assoc", "associate"),
    ("grad", "graduate"),
    ("postgrad", "postgraduate"),
    ("pg", "postgraduate"),
    ("eng", "engineering"),
    ("engg", "engineering"),
    ("mgmt", "management"),
    ("admin", "administration"),
    ("sci", "science"),
    ("educ", "education"),
];

/// Degree abbreviations and the words of the name they abbreviate.
const DEGREE_ABBREVIATIONS: &[(&str, &[&str])] = &[
    ("bsc", &["bachelor", "science"]),
    ("msc", &["master", "science"]),
    ("beng", &["bachelor", "engineering"]),
    ("meng", &["master", "engineering"]),
    ("bcom", &["bachelor", "commerce"]),
    ("mcom", &["master", "commerce"]),
    ("bba", &["bachelor", "business", "administration"]),
    ("mba", &["master", "business", "administration"]),
    ("llb", &["bachelor", "laws"]),
    ("llm", &["master", "laws"]),
    ("phd", &["doctor", "philosophy"]),
    ("bpharm", &["bachelor", "pharmacy"]),
    ("bsn", &["bachelor", "science", "nursing"]),
    ("mbbs", &["bachelor", "medicine", "surgery"]),
    ("mbchb", &["bachelor", "medicine", "surgery"]),
    ("bds", &["bachelor", "dental", "surgery"]),
    ("march", &["master", "architecture"]),
    ("barch", &["bachelor", "architecture"]),
];

/// Words a roman "I" numbers, before or after them ("I stopnia", "Stage I", "Level I").
const NUMBERED: &[&str] = &[
    "stopnia", "stopnja", "stupnja", "stupne", "stupen", "stage", "level", "cycle", "ciklus",
    "ciklusa", "cyklu", "grade", "class", "degree",
];

/// Words that count years after a number ("3 years", "4 anos").
const YEAR_WORDS: &[&str] = &[
    "years", "year", "yrs", "yr", "ans", "an", "anos", "ano", "annees", "anni", "jahre", "jahr",
    "godini", "godine", "vjet",
];

/// Tokens of a text to match: a count of years ("duration: 2 years") is a hint, not part of
/// the name.
fn content_tokens(folded: &str) -> Vec<String> {
    tokens_of(folded, true)
}

/// Tokens of a catalogue name ("5-year integrated degree" keeps its 5).
fn name_tokens(folded: &str) -> Vec<String> {
    tokens_of(folded, false)
}

fn tokens_of(folded: &str, drop_year_counts: bool) -> Vec<String> {
    let f = folded
        .replace("field of study", " ")
        .replace("or a similar name", " ");
    let all: Vec<&str> = tokens(&f).collect();
    let is_number = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    // small numbers (grade 12, level 3) and ECTS totals (180, 240) carry meaning; years and
    // other counts do not; roman numerals grade too ("Grade XII", "D III")
    let number = |t: &str| -> Option<String> {
        if let Some((_, d)) = ROMAN.iter().find(|(r, _)| *r == t) {
            return Some(d.to_string());
        }
        if is_number(t) {
            return t
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=13).contains(n) || (*n >= 60 && *n <= 360 && n % 30 == 0))
                .map(|n| n.to_string());
        }
        None
    };
    let mut out = Vec::new();
    let mut spelled: Vec<String> = Vec::new();
    let mut i = 0;
    while i < all.len() {
        let t = all[i];
        let next = all.get(i + 1).copied();
        if drop_year_counts && is_number(t) && next.is_some_and(|n| YEAR_WORDS.contains(&n)) {
            i += 1;
            continue;
        }
        // a letter that a number grades is one word ("D-II", "S 2", "S1")
        if t.len() == 1 && !"aeiouy".contains(t) && t.bytes().all(|b| b.is_ascii_lowercase()) {
            // ("S I" at the end: a lone "I" that ends a name is 1, see below)
            let last_i = next == Some("i") && all.get(i + 2).is_none();
            if let Some(d) = next
                .and_then(number)
                .or_else(|| last_i.then(|| "1".to_string()))
            {
                out.push(format!("{t}{d}"));
                i += 2;
                continue;
            }
        }
        // "L3" is level 3 ("NCEA L1", "L3 Diploma")
        if t.len() == 2 && t.starts_with('l') && t.as_bytes()[1].is_ascii_digit() && t != "l0" {
            out.push("level".to_string());
            out.push(t[1..].to_string());
            i += 1;
            continue;
        }
        // the letter of a GCE level is part of its name ("O level", "A levels", "AS level")
        if matches!(t, "o" | "a" | "as") && next.is_some_and(|n| n == "level" || n == "levels") {
            out.push(format!("{t}level"));
            i += 2;
            continue;
        }
        // "I" next to what it numbers is 1 ("Szkoła I stopnia", "Stage I", "Level I")
        if t == "i"
            && (next.is_some_and(|n| NUMBERED.contains(&n))
                || (i > 0 && NUMBERED.contains(&all[i - 1])))
        {
            out.push("1".to_string());
            i += 1;
            continue;
        }
        // a lone "I" that ends a name numbers it ("Certificate I", "Diploma I"): no
        // conjunction ends a phrase
        if t == "i" && next.is_none() && i > 0 {
            out.push("1".to_string());
            i += 1;
            continue;
        }
        if !STOP.contains(&t) {
            if t == "hons" || t == "honors" {
                // "B.Com. (Hons)", "Bachelor of Arts (Honors)": one word
                out.push("honours".to_string());
            } else if let Some((_, full)) = SHORT_WORDS.iter().find(|(a, _)| *a == t) {
                // "Cert I", "Adv Dip", "Leaving Cert"
                out.push(full.to_string());
            } else if let Some((_, words)) = DEGREE_ABBREVIATIONS.iter().find(|(a, _)| *a == t) {
                // "BSc Nursing" is also "Bachelor of Science in Nursing"
                out.push(t.to_string());
                spelled.extend(words.iter().map(|w| w.to_string()));
            } else if let Some(d) = number(t) {
                out.push(d);
            } else if !is_number(t) {
                out.push(t.to_string());
            }
        }
        i += 1;
    }
    // (the words an abbreviation spells, once, after the words written)
    for w in spelled {
        if !out.contains(&w) {
            out.push(w);
        }
    }
    out
}

/// A name of a catalogue entry, prepared for scoring.
#[derive(Debug, Clone)]
struct NameForm {
    entry: usize,
    folded: String,
    toks: Vec<String>,
    /// Weight of each token: its IDF, less for the country's own name.
    weights: Vec<f64>,
    abbreviation: bool,
    original: String,
    /// The entry leads to a regulated profession: a name of it matched by generic words
    /// alone ("Diploma" for "Diploma in Nursing") is weak evidence.
    regulated: bool,
    /// The name without a parenthesis that only names the country ("Diploma (Eritrea)" →
    /// "diploma"): written out at home, it is this name.
    home_bare: Option<String>,
    /// The name is written in a consonantal script (see [`Written::abjad_only`]).
    abjad: bool,
}

/// The prepared catalogue of one country.
#[derive(Debug, Clone)]
struct CountryIndex {
    country: String,
    names: Vec<NameForm>,
    /// Words of the country's name ("sudan", "uganda"): in its own catalogue they say little
    /// ("Sudan Secondary School Certificate" is the secondary school certificate of Sudan).
    home_words: Vec<String>,
}

impl CountryIndex {
    fn is_home_word(&self, t: &str) -> bool {
        is_home_word(&self.home_words, t)
    }

    /// The weight of a token in this catalogue.
    fn weight(&self, idf: &Idf, t: &str) -> f64 {
        if self.is_home_word(t) {
            0.1 * idf.get(t)
        } else {
            idf.get(t)
        }
    }
}

/// Token weights over the names of all catalogues: a word found in many credential names
/// ("diploma", "certificate") weighs little, a distinctive one ("bakalavr", "matura") much.
#[derive(Debug, Default)]
struct Idf {
    idf: HashMap<String, f64>,
    max_idf: f64,
    generic: f64,
}

impl Idf {
    fn get(&self, t: &str) -> f64 {
        self.idf.get(t).copied().unwrap_or(self.max_idf)
    }
    fn is_generic(&self, t: &str) -> bool {
        self.get(t) < self.generic
    }
    /// The word is in some catalogue's names.
    fn knows(&self, t: &str) -> bool {
        self.idf.contains_key(t)
    }
}

/// The credential matcher: immutable after construction, shareable across threads.
#[derive(Debug)]
pub struct CredentialMatcher<'a> {
    sb: &'a Skillbridge,
    countries: HashMap<String, CountryIndex>,
    idf: Idf,
    /// token -> (country, name index) over all catalogues, for the cross-country search
    postings: HashMap<String, Vec<(String, u32)>>,
    /// the same for generic words, used only when a text has no distinctive word
    generic_postings: HashMap<String, Vec<(String, u32)>>,
    /// folded name written out (not an abbreviation) -> (country, name index), by country
    exact_names: HashMap<String, Vec<(String, usize)>>,
    generic: Vec<(Vec<String>, u8, u8, &'static str)>,
    /// Words of the ISCED-F field titles ("finance", "nursing"): a field of study names no
    /// education system, so these words do not lead the search abroad.
    field_words: std::collections::HashSet<String>,
}

/// A word of the country's own name ("sudan", "sudanese").
fn is_home_word(home_words: &[String], t: &str) -> bool {
    home_words
        .iter()
        .any(|h| t.starts_with(h.as_str()) || (t.len() >= 6 && h.starts_with(t)))
}

fn build_country(es: &EducationSystem) -> CountryIndex {
    let home_words: Vec<String> = tokens(&fold(&es.name))
        .filter(|t| t.len() >= 4)
        .map(|t| t.to_string())
        .collect();
    // "Diploma (Eritrea)" names the country for readers abroad; at home it is "Diploma"
    let home_bare = |name: &str| -> Option<String> {
        let inner = name.trim_end().strip_suffix(')')?;
        let (before, gloss) = inner.rsplit_once('(')?;
        let gloss = fold(gloss);
        let bare = fold(before);
        (!bare.is_empty()
            && !gloss.is_empty()
            && tokens(&gloss).all(|t| is_home_word(&home_words, t)))
        .then_some(bare)
    };
    let mut names = Vec::new();
    for (i, c) in es.credentials.iter().enumerate() {
        let mut push = |s: &str, abbreviation: bool| {
            // a name that says what it follows is matched without it, as a query is
            let folded = fold(&join_initials(&split_after_clause(s).0));
            if folded.is_empty() {
                return;
            }
            let mut toks = if abbreviation {
                vec![folded.replace(' ', "")]
            } else {
                name_tokens(&folded)
            };
            if toks.is_empty() {
                // a name made only of short words ("O/L", "A/L"): matched as a whole
                toks = vec![folded.replace(' ', "")];
            }
            names.push(NameForm {
                entry: i,
                folded,
                weights: Vec::new(),
                toks,
                abbreviation,
                original: s.to_string(),
                regulated: c.regulated.is_some(),
                home_bare: if abbreviation { None } else { home_bare(s) },
                abjad: s.chars().any(is_abjad),
            });
        };
        for n in &c.names {
            // a name written as dotted initials ("B.C.L.", "M.Sc.") is an abbreviation: it
            // counts only when written, not when single letters happen to occur in a text
            push(n, is_dotted_initials(n));
        }
        push(&c.english, false);
        for a in &c.abbreviations {
            push(a, true);
        }
    }
    CountryIndex {
        country: es.country.to_ascii_uppercase(),
        names,
        home_words,
    }
}

/// Degree abbreviations written with dots are one word ("Ph.D." → "PhD", "M.Sc." → "MSc",
/// "M.B.Ch.B." → "MBChB"), in the texts and in the catalogue names alike; a title with a
/// long part ("Dipl.-Ing.", "Dr.med.dent.") is left alone.
fn join_initials(text: &str) -> std::borrow::Cow<'_, str> {
    let joins = |core: &str| -> Option<String> {
        let groups: Vec<&str> = core.strip_suffix('.').unwrap_or(core).split('.').collect();
        let long = groups.iter().filter(|g| g.len() > 2).count();
        (groups.len() >= 2
            && groups.iter().all(|g| {
                !g.is_empty() && g.len() <= 5 && g.bytes().all(|b| b.is_ascii_alphabetic())
            })
            && long <= 1
            && !groups[0].eq_ignore_ascii_case("dr"))
        .then(|| groups.concat())
    };
    if !text.contains('.') {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut changed = false;
    for (i, word) in text.split(' ').enumerate() {
        if i > 0 {
            out.push(' ');
        }
        // the word without what surrounds it ("(Ph.D.),")
        let start = word
            .find(|c: char| c.is_ascii_alphabetic())
            .unwrap_or(word.len());
        let end = word
            .rfind(|c: char| c.is_ascii_alphabetic() || c == '.')
            .map_or(start, |e| e + 1)
            .max(start);
        match joins(&word[start..end]) {
            Some(j) => {
                changed = true;
                out.push_str(&word[..start]);
                out.push_str(&j);
                out.push_str(&word[end..]);
            }
            None => out.push_str(word),
        }
    }
    if changed {
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

fn is_dotted_initials(name: &str) -> bool {
    let words: Vec<&str> = name.split(['.', ' ']).filter(|w| !w.is_empty()).collect();
    let longest = if name.contains(' ') { 1 } else { 3 };
    // one short word with a dot is an abbreviated title too ("dr.", "Ing.")
    let short_title = words.len() == 1 && name.trim_end().ends_with('.');
    name.contains('.')
        && (words.len() >= 2 || short_title)
        && words
            .iter()
            .all(|w| w.len() <= longest && w.bytes().all(|b| b.is_ascii_alphabetic()))
}

fn build_idf(countries: &HashMap<String, CountryIndex>) -> Idf {
    // document = one credential entry (its names pooled), so synonyms of one entry count once
    let mut df: HashMap<String, usize> = HashMap::new();
    let mut total = 0usize;
    for ci in countries.values() {
        let mut by_entry: HashMap<usize, Vec<&String>> = HashMap::new();
        for n in ci.names.iter().filter(|n| !n.abbreviation) {
            by_entry.entry(n.entry).or_default().extend(n.toks.iter());
        }
        for (_, mut toks) in by_entry {
            toks.sort();
            toks.dedup();
            total += 1;
            for t in toks {
                *df.entry(t.clone()).or_default() += 1;
            }
        }
    }
    let total = total.max(1) as f64;
    let idf: HashMap<String, f64> = df
        .into_iter()
        .map(|(t, d)| (t, (1.0 + total / d as f64).ln()))
        .collect();
    let max_idf = (1.0 + total).ln();
    // a token in more than 4% of all entries is generic
    let generic = (1.0 + 1.0 / 0.04f64).ln();
    Idf {
        idf,
        max_idf,
        generic,
    }
}

/// One letter left out, added, changed or two swapped (optimal string alignment distance 1).
fn typo_of(a: &str, b: &str) -> bool {
    strsim::osa_distance(a, b) == 1
}

fn tok_eq(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.len(), b.len());
    if la >= 5 && lb >= 5 && strsim::jaro_winkler(a, b) >= 0.93 {
        return true;
    }
    // abbreviation-like prefix ("profes" / "profesionalen"), or glued words ("diplomaof")
    if la >= 5 && lb >= 5 && (a.starts_with(b) || b.starts_with(a)) {
        return true;
    }
    // inflected forms share a long stem: "osnovnih"/"osnovne", "akademskih"/"akademske",
    // "magistra"/"magister"
    let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    la.min(lb) >= 6 && common >= 5.max(la.max(lb) - 2)
}

/// Hints read from the credential text.
#[derive(Debug, Default, Clone, Serialize)]
struct Hints {
    /// ISCED-F field of study given with the query (code of any depth)
    field: Option<String>,
    duration: Option<f32>,
    year_from: Option<i32>,
    year_until: Option<i32>,
    vocational: bool,
    general: bool,
    /// The text says "honours" ("BA (Hons)").
    honours: bool,
    /// Years of study after school the text states ("bac+3").
    after_school_years: Option<u8>,
    /// The catalogue entry the text says the credential follows.
    follows: Option<String>,
}

fn read_hints(folded: &str, q: &CredentialQuery) -> Hints {
    let t: Vec<&str> = tokens(folded).collect();
    let mut h = Hints {
        duration: q.duration_years,
        ..Default::default()
    };
    for (i, w) in t.iter().enumerate() {
        // "bac+3" folds to "bac 3"
        if *w == "bac" {
            if let Some(n) = t.get(i + 1).and_then(|n| n.parse::<u8>().ok()) {
                if (1..=8).contains(&n) {
                    h.after_school_years = Some(n);
                }
            }
        }
        let num = w.parse::<f32>().ok();
        if let Some(n) = num {
            let next = t.get(i + 1).copied().unwrap_or("");
            // "1.5 years" folds to "1 5 years"
            let next2 = t.get(i + 2).copied().unwrap_or("");
            if next == "5" && YEAR_WORDS.contains(&next2) && (1.0..=8.0).contains(&n) {
                h.duration.get_or_insert(n + 0.5);
            }
            if (1.0..=9.0).contains(&n) && YEAR_WORDS.contains(&next) {
                h.duration.get_or_insert(n);
            }
            if (1950.0..=2035.0).contains(&n) {
                let prev = if i > 0 { t[i - 1] } else { "" };
                let prev2 = if i > 1 { t[i - 2] } else { "" };
                let y = n as i32;
                if matches!(
                    prev,
                    "since" | "from" | "after" | "depuis" | "desde" | "ab" | "od"
                ) {
                    h.year_from = Some(y);
                } else if matches!(
                    prev,
                    "before" | "until" | "till" | "avant" | "antes" | "bis" | "do" | "prior"
                ) || prev2 == "before"
                {
                    h.year_until = Some(y);
                }
            }
        }
        if matches!(*w, "hons" | "honours" | "honors") {
            h.honours = true;
        }
        if matches!(
            *w,
            "vocational"
                | "professional"
                | "professionnel"
                | "professionnelle"
                | "technique"
                | "technical"
                | "tecnico"
                | "strucni"
                | "profesionalen"
                | "profesional"
                // Persian kār-dānesh (work and knowledge), as its script folds
                | "khrdnsh"
        ) {
            h.vocational = true;
        }
        if matches!(
            *w,
            "general" | "academic" | "generale" | "gimnazija" | "gymnasium"
                // Persian nazari (theoretical)
                | "theoretical" | "nzry"
        ) {
            h.general = true;
        }
    }
    if let Some(y) = q.year {
        h.year_from.get_or_insert(y);
        h.year_until.get_or_insert(y);
    }
    h
}

/// Segments of the text: the whole, its head (the text before a qualifier, else the whole
/// again), the part outside parentheses, each parenthesised part and parts split by '/' or ','.
fn segments(original: &str) -> Vec<String> {
    let text = &split_glued(original);
    let mut outside = String::new();
    let mut inside: Vec<String> = Vec::new();
    let mut depth = 0usize;
    let mut cur = String::new();
    for c in text.chars() {
        match c {
            '(' | '[' => {
                if depth == 0 {
                    cur.clear();
                } else {
                    cur.push(' ');
                }
                depth += 1;
                outside.push(' ');
            }
            ')' | ']' if depth > 0 => {
                depth -= 1;
                if depth == 0 {
                    inside.push(cur.clone());
                } else {
                    cur.push(' ');
                }
            }
            _ if depth > 0 => cur.push(c),
            _ => outside.push(c),
        }
    }
    if depth > 0 {
        inside.push(cur);
    }
    let mut segs = vec![original.to_string()];
    // the name comes first and what follows a qualifier describes it ("National Senior
    // Certificate on which it is mentioned that … bachelor's programmes", "Certificate of
    // Secondary Education with an A, B or C"): the head is the second segment and weighs
    // almost as much as the whole text ("Bachelor of Arts with Honours" is a name)
    segs.push(head_of(text).unwrap_or_else(|| text.to_string()));
    segs.extend([text.to_string(), outside.clone()]);
    // a name in one script glossed in another ("Certificate of general educationگواهینامه ..."):
    // each script's run is a segment of its own
    let mut run = String::new();
    let mut run_ascii: Option<bool> = None;
    let chars: Vec<char> = original.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_alphabetic() {
            let a = is_latin(c);
            // a single look-alike letter of the other script ("cреднем") is no change
            let stays = chars
                .get(i + 1)
                .is_some_and(|n| n.is_alphabetic() && is_latin(*n) == a);
            if run_ascii.is_some_and(|r| r != a) && stays {
                segs.push(std::mem::take(&mut run));
                run_ascii = Some(a);
            } else if run_ascii.is_none() {
                run_ascii = Some(a);
            }
        }
        run.push(c);
    }
    if run_ascii.is_some() && segs.len() > 3 {
        segs.push(run);
    }
    // the parts between commas (or after a label's colon) outside brackets, with their
    // brackets ("Bachelor of Science (Nursing), Faculty of Science")
    let mut depth = 0usize;
    let mut part = String::new();
    for c in text.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        if depth == 0 && matches!(c, ',' | ';' | ':') {
            segs.push(std::mem::take(&mut part));
        } else {
            part.push(c);
        }
    }
    // (without a separator the part is the text again, and is dropped as a duplicate below)
    segs.push(part);
    for part in std::iter::once(outside.as_str()).chain(inside.iter().map(|s| s.as_str())) {
        segs.push(part.to_string());
        // ("Qualification: Bachelor of Arts": a label, then the name)
        for p in part.split(['/', ',', ';', ':']) {
            segs.push(p.to_string());
        }
    }
    // the first two keep their places (whole text, head), even when they are the same
    let mut out: Vec<String> = segs[..2].iter().map(|s| fold(s)).collect();
    for s in &segs[2..] {
        let f = fold(s);
        if !f.is_empty() && !out.contains(&f) {
            out.push(f);
        }
    }
    out
}

/// Words after which a credential text stops naming the credential and starts describing it.
const DESCRIPTION_OPENERS: &[&str] = &[
    "with",
    "which",
    "that",
    "from",
    "obtained",
    "issued",
    "awarded",
    "granted",
    "where",
    "including",
    "giving",
    "mentioning",
    "stating",
    "avec",
    "mit",
    "con",
    "com",
];

/// What a document says it is before the credential's name ("Certified copy of …").
const DOCUMENT_PREFIXES: &[&str] = &[
    "certified true copy of ",
    "certified copy of ",
    "certified translation of ",
    "certified translation: ",
    "true copy of ",
    "copy of ",
    "translation of ",
    "duplicate of ",
    "original of ",
];

/// Words a diploma writes before the name it awards ("Título de Profesor de Educación
/// Primaria", "Title of Master", "Diplôme de Licence"), folded.
const AWARD_PREFIXES: &[&str] = &[
    "titulo de ",
    "titulo del ",
    "titulo ",
    "title of ",
    "title of the ",
    "diploma de ",
    "diploma do ",
    "diploma da ",
    "diploma of ",
    "diplome de ",
    "diplome d ",
    "diplome du ",
    "certificado de ",
    "certificat de ",
    "certificate of ",
    "degree of ",
    "grado de ",
];

/// Below a name written out exactly, for a name written after an award word.
const AWARD_WORD: f64 = 0.02;

/// A folded text that is one of [`AWARD_PREFIXES`] and then a name: the name.
fn award_bare(folded: &str) -> Option<&str> {
    AWARD_PREFIXES
        .iter()
        .find_map(|p| folded.strip_prefix(p))
        .filter(|rest| !rest.is_empty())
}

/// The text without a leading [`DOCUMENT_PREFIXES`] phrase (when a name follows it).
fn strip_document_prefix(text: &str) -> &str {
    let t = text.trim_start();
    for p in DOCUMENT_PREFIXES {
        if t.len() > p.len() && t.is_char_boundary(p.len()) && t[..p.len()].eq_ignore_ascii_case(p)
        {
            return &t[p.len()..];
        }
    }
    text
}

/// Words that open what a credential follows ("Master's degree (2 years after the Bachelor
/// Pass)", "Higher National Diploma, après le BTS"), lower case.
const AFTER_WORDS: &[&str] = &[
    "after ",
    "après ",
    "apres ",
    "nach ",
    "após ",
    "apos ",
    "tras ",
    "después de ",
    "despues de ",
];

/// Articles after an [`AFTER_WORDS`] word, left out of what the credential follows.
const AFTER_ARTICLES: &[&str] = &[
    "a ", "an ", "the ", "le ", "la ", "l'", "el ", "dem ", "der ",
];

/// The text without a clause, in brackets or after a comma, that says what the credential
/// follows ("Master's degree (after Bachelor Pass)" → "Master's degree ()"), and that clause
/// ("Bachelor Pass"). A year ("after 2012") is a date, not a credential: it stays.
fn split_after_clause(text: &str) -> (String, Option<String>) {
    let lower = text.to_lowercase();
    // (lower-casing keeps byte offsets only for texts whose case mapping keeps lengths)
    if lower.len() != text.len() {
        return (text.to_string(), None);
    }
    let mut depth = 0usize;
    let mut after_comma = false;
    let mut prev_alnum = false;
    for (i, ch) in text.char_indices() {
        match ch {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            ',' | ';' => after_comma = true,
            _ => {}
        }
        let at_word = !prev_alnum && ch.is_alphabetic();
        prev_alnum = ch.is_alphanumeric() || ch == '\'';
        if !at_word || (depth == 0 && !after_comma) {
            continue;
        }
        let rest = &lower[i..];
        let Some(w) = AFTER_WORDS.iter().find(|w| rest.starts_with(*w)) else {
            continue;
        };
        let start = i + w.len();
        let mut clause = &text[start..];
        // the clause ends with its bracket, or with its comma part
        let end = if depth > 0 {
            clause.find([')', ']'])
        } else {
            clause.find([',', ';', '(', '['])
        }
        .unwrap_or(clause.len());
        clause = clause[..end].trim();
        if clause.is_empty() || clause.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        for a in AFTER_ARTICLES {
            if clause.len() > a.len()
                && clause
                    .get(..a.len())
                    .is_some_and(|x| x.eq_ignore_ascii_case(a))
            {
                clause = &clause[a.len()..];
                break;
            }
        }
        let mut out = String::with_capacity(text.len());
        let head = text[..i].trim_end();
        out.push_str(head.strip_suffix([',', ';']).unwrap_or(head).trim_end());
        out.push_str(&text[start + end..]);
        return (out, Some(clause.to_string()));
    }
    (text.to_string(), None)
}

/// The text without a year in brackets ("B.Tech. (Pass) (2015)"), and that year.
fn strip_year_gloss(text: &str) -> (String, Option<i32>) {
    let mut out = String::with_capacity(text.len());
    let mut year = None;
    let mut rest = text;
    while let Some(i) = rest.find(['(', '[']) {
        let close = if rest[i..].starts_with('(') { ')' } else { ']' };
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let inner_end = after.find(close);
        let y = inner_end
            .map(|e| after[..e].trim())
            .filter(|x| x.len() == 4 && x.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|x| x.parse::<i32>().ok())
            .filter(|y| (1900..=2100).contains(y));
        match (y, inner_end) {
            (Some(y), Some(e)) => {
                year = Some(y);
                rest = &after[e + 1..];
            }
            _ => {
                out.push_str(&rest[i..i + 1]);
                rest = after;
            }
        }
    }
    out.push_str(rest);
    // "…, 2019" at the end: the year too
    let mut out = out.trim_end().to_string();
    if let Some((head, tail)) = out.rsplit_once(',') {
        let t = tail.trim();
        if let Some(y) = t
            .parse::<i32>()
            .ok()
            .filter(|y| t.len() == 4 && (1900..=2100).contains(y))
        {
            year = year.or(Some(y));
            out = head.trim_end().to_string();
        }
    }
    (strip_bac_plus(&out), year)
}

/// The French level label "bac+5" (years of study after the baccalauréat) says how long, not
/// what: it is not a name of the baccalauréat ("Master 2 Finance (bac+5)").
fn strip_bac_plus(text: &str) -> String {
    let low = text.to_ascii_lowercase();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while let Some(j) = low[i..].find("bac").map(|j| i + j) {
        let rest = &low[j + 3..];
        let plus = rest.trim_start();
        let skipped = rest.len() - plus.len();
        let digits = plus
            .strip_prefix('+')
            .map(|p| {
                let p2 = p.trim_start();
                let d = p2.bytes().take_while(u8::is_ascii_digit).count();
                (p.len() - p2.len(), d)
            })
            .filter(|(_, d)| *d > 0);
        let starts_word = j == 0 || !low.as_bytes()[j - 1].is_ascii_alphanumeric();
        match digits {
            Some((sp, d)) if starts_word => {
                out.push_str(&text[i..j]);
                i = j + 3 + skipped + 1 + sp + d;
            }
            _ => {
                out.push_str(&text[i..j + 3]);
                i = j + 3;
            }
        }
    }
    out.push_str(&text[i..]);
    // brackets left empty ("Master ()") are dropped
    out.replace("()", "")
        .replace("( )", "")
        .trim_end()
        .to_string()
}

/// How much a match of the name before a field of study counts (see [`before_field`]): it
/// decides whether to search abroad, and confirms the best entry at home.
const BEFORE_FIELD: f64 = 0.9;

/// Words that introduce a field of study after a credential's name, in the languages of the
/// catalogues' Latin names (English, French, Spanish, Portuguese, Italian, Slavic, German).
const FIELD_OPENERS: &[&str] = &["in", "en", "em", "di", "na", "po", "w", "v", "u", "im"];

/// The field of study a text names after the credential's name: the words after a word that
/// opens a field ("Licence en droit") or after a degree abbreviation that starts the text ("BSc
/// Civil Engineering"), up to a comma or bracket.
fn field_part(text: &str) -> Option<String> {
    let head: &str = text.split([',', '(', '[', ';']).next().unwrap_or(text);
    let f = fold(&split_glued(head));
    let words: Vec<&str> = f.split(' ').filter(|w| !w.is_empty()).collect();
    let after = match field_opener(&words) {
        Some(i) => i + 1,
        None => {
            // a degree abbreviation first: "BSc", "BEng", "MA", "BBA", "LLB"
            let first = head.split_whitespace().next().unwrap_or("");
            let abbreviation = (2..=5).contains(&first.len())
                && first.bytes().all(|b| b.is_ascii_alphabetic())
                && first.starts_with(['B', 'M', 'D', 'L'])
                && first.bytes().filter(u8::is_ascii_uppercase).count() >= 2;
            if !abbreviation || words.len() < 2 {
                return None;
            }
            1
        }
    };
    Some(words[after..].join(" "))
}

/// The folded text before the first word that introduces a field of study, when a name of
/// at least one word precedes it and a field follows: "Licence en droit" → "licence".
fn before_field(text: &str) -> Option<String> {
    let f = fold(&split_glued(text));
    let words: Vec<&str> = f.split(' ').collect();
    let cut = field_opener(&words)?;
    Some(words[..cut].join(" "))
}

/// Where the first word that opens a field of study stands, after a name of at least one word
/// and before a field.
fn field_opener(words: &[&str]) -> Option<usize> {
    words
        .iter()
        .enumerate()
        .skip(1)
        .find(|(i, w)| FIELD_OPENERS.contains(w) && *i + 1 < words.len())
        .map(|(i, _)| i)
}

/// Words that end no credential name, left out at the end of a head ("… Certificate on which").
const HEAD_TRAILERS: &[&str] = &[
    "on", "in", "of", "at", "for", "to", "by", "and", "or", "the", "a", "an",
];

/// The text before its first qualifier word, when a word precedes it ("Diploma from …").
fn head_of(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let cut = words.iter().enumerate().skip(1).find_map(|(i, w)| {
        let w = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        DESCRIPTION_OPENERS.contains(&w.as_str()).then_some(i)
    })?;
    // a name does not end with a preposition: "Certificate on which …" is the certificate
    let mut end = cut;
    while end > 1
        && HEAD_TRAILERS.contains(
            &words[end - 1]
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
                .as_str(),
        )
    {
        end -= 1;
    }
    let head = words[..end].join(" ");
    // a parenthesis opened in the head and closed after the cut is not a name
    (head.matches('(').count() == head.matches(')').count()).then_some(head)
}

/// The folded runs of text in scripts other than Latin ("고등학교 졸업장" of "High School
/// Certificate (고등학교 졸업장)"), with the spaces and punctuation inside them.
fn non_latin_runs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut run = String::new();
    for c in text.chars() {
        let other_script = c.is_alphabetic() && !is_latin(c);
        // spaces and marks inside a run belong to it; brackets and separators end it
        let inside = !run.is_empty()
            && !c.is_alphabetic()
            && !matches!(c, '(' | ')' | '[' | ']' | ',' | '/' | ';');
        if other_script || inside {
            run.push(c);
        } else if !run.is_empty() {
            out.push(fold(&run));
            run.clear();
        }
    }
    if !run.is_empty() {
        out.push(fold(&run));
    }
    out.retain(|r| !r.is_empty());
    out
}

/// Latin letters, with diacritics ("č", "ă", "ß", "ơ").
fn is_latin(c: char) -> bool {
    c.is_ascii_alphabetic()
        || ('\u{00C0}'..='\u{024F}').contains(&c)
        || ('\u{1E00}'..='\u{1EFF}').contains(&c)
}

/// Scraped texts glue words: "DiplomaII", "Level2", "SarjanaII (S II)". Put a space at
/// lower→upper and letter↔digit boundaries.
fn split_glued(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut prev: Option<char> = None;
    let mut letters = 0usize; // length of the current run of letters
    let mut lower = 0usize; // length of the current run of lower-case letters
    for c in text.chars() {
        if let Some(p) = prev {
            // "DiplomaII" and "Level2" split; "PhD", "BScN", "MBChB", "S1", "D3" do not; nor
            // does a change of script ("educationگواهینامه")
            // (a single letter of the other script is a look-alike typed by mistake: "cреднем")
            let script_change = p.is_alphabetic()
                && c.is_alphabetic()
                && is_latin(p) != is_latin(c)
                && letters >= 2;
            if script_change
                || (p.is_lowercase() && c.is_uppercase() && lower >= 4)
                || (p.is_alphabetic() && c.is_ascii_digit() && letters >= 3)
            {
                out.push(' ');
            }
        }
        letters = if c.is_alphabetic() { letters + 1 } else { 0 };
        lower = if c.is_lowercase() { lower + 1 } else { 0 };
        out.push(c);
        prev = Some(c);
    }
    out
}

/// Short words that scraped texts glue to their neighbours ("Diplomaof abasic", "Certificatefrom
/// acollege", "Artsfrom theInstituto").
const GLUE: &[&str] = &[
    "a", "an", "and", "at", "from", "in", "of", "on", "the", "to", "with",
];

impl Idf {
    fn known(&self, t: &str) -> bool {
        self.idf.contains_key(t)
    }

    /// Split a word the catalogues do not know into a known word and a glued short word, or two
    /// known words: "Diplomaof" → "Diploma of", "abasic" → "a basic", "Certificateon" →
    /// "Certificate on". Words the catalogues know are left alone.
    fn unglue_word(&self, w: &str) -> Option<String> {
        if w.len() < 5 || !w.chars().all(|c| c.is_ascii_alphabetic()) {
            return None;
        }
        let low = w.to_ascii_lowercase();
        if self.known(&low) {
            return None;
        }
        let ok = |l: &str, r: &str| {
            let glue_l = GLUE.contains(&l);
            let glue_r = GLUE.contains(&r);
            (glue_l && r.len() >= 4 && self.known(r))
                || (glue_r && l.len() >= 4 && self.known(l))
                || (l.len() >= 4 && r.len() >= 4 && self.known(l) && self.known(r))
        };
        (1..low.len())
            .find(|&i| ok(&low[..i], &low[i..]))
            .map(|i| format!("{} {}", &w[..i], &w[i..]))
    }

    fn unglue(&self, text: &str) -> String {
        let mut changed = false;
        let words: Vec<String> = text
            .split(' ')
            .map(|w| match self.unglue_word(w) {
                Some(s) => {
                    changed = true;
                    s
                }
                None => w.to_string(),
            })
            .collect();
        if changed {
            words.join(" ")
        } else {
            text.to_string()
        }
    }
}

/// Words of the text as written (Latin letters and digits), for abbreviation matching: an
/// abbreviation counts only when it is written, not when a transliteration happens to spell it.
fn raw_words(text: &str) -> Vec<String> {
    // "Dipl.-Ing." is one abbreviation, not "Dipl." and "Ing."
    let text = text.replace(".-", ".");
    text.split(|c: char| !c.is_ascii_alphanumeric() && c != '.')
        .map(|w| w.trim_matches('.').replace('.', ""))
        .filter(|w| !w.is_empty())
        .collect()
}

/// How the words of a credential text were written.
struct Written {
    /// Latin words and abbreviations as written ([`raw_words`]).
    raw: Vec<String>,
    /// Folded words that only a consonantal script (Arabic, Hebrew, Syriac, Thaana) wrote.
    /// Transliterated, such a word is a skeleton without vowels ("مساعد" → "ms d"): it may
    /// match a name written in such a script, never a Latin one ("MS").
    abjad_only: Vec<String>,
}

impl Written {
    fn of(text: &str) -> Written {
        let mut abjad = Vec::new();
        let mut other = String::new();
        for w in text.split_whitespace() {
            if w.chars().any(is_abjad) {
                let (a, o): (String, String) = w
                    .chars()
                    .map(|c| {
                        if is_abjad(c) || !c.is_alphabetic() {
                            (c, ' ')
                        } else {
                            (' ', c)
                        }
                    })
                    .unzip();
                abjad.extend(tokens(&fold(&a)).map(str::to_string));
                other.push(' ');
                other.push_str(&o);
            } else {
                other.push(' ');
                other.push_str(w);
            }
        }
        let other = fold(&split_glued(&other));
        let latin: Vec<&str> = tokens(&other).collect();
        abjad.retain(|t| !latin.contains(&t.as_str()));
        abjad.sort();
        abjad.dedup();
        Written {
            raw: raw_words(&split_glued(text)),
            abjad_only: abjad,
        }
    }
}

/// Letters of the Arabic, Hebrew, Syriac and Thaana scripts.
fn is_abjad(c: char) -> bool {
    matches!(c as u32,
        0x0590..=0x05FF | 0x0600..=0x06FF | 0x0700..=0x074F | 0x0750..=0x077F | 0x0780..=0x07BF
        | 0x08A0..=0x08FF | 0xFB1D..=0xFB4F | 0xFB50..=0xFDFF | 0xFE70..=0xFEFF)
        && c.is_alphabetic()
}

fn abbreviation_written(raw: &[String], n: &NameForm) -> bool {
    let a = n.original.replace(['.', ' ', '-'], "");
    if a.len() < 2 {
        return false;
    }
    // two-letter abbreviations must be written as such (upper case: "BA", "MA", "LT"); so must
    // a capitals-only one in a text that writes capitals ("DES", not the article "des")
    let capitals = a.bytes().all(|b| !b.is_ascii_lowercase());
    let text_has_capitals = raw
        .iter()
        .any(|w| w.bytes().any(|b| b.is_ascii_uppercase()));
    raw.iter().any(|w| {
        if a.len() <= 2 {
            *w == a || *w == a.to_ascii_uppercase()
        } else if capitals && text_has_capitals && w.bytes().any(|b| b.is_ascii_lowercase()) {
            false
        } else {
            w.eq_ignore_ascii_case(&a)
        }
    })
}

/// Degree words that name a cycle: a text naming one cycle does not match a name of another
/// ("Master of Philosophy" is not "Doctor of Philosophy").
fn cycle_of(t: &str) -> Option<u8> {
    match t {
        "associate" | "associates" => Some(1),
        "bachelor" | "bachelors" | "bakalavr" | "bakalaureat" | "bakalar" | "licencjat" => Some(2),
        "master" | "masters" | "magister" | "magistr" | "magistra" | "maitrise" | "mestrado"
        | "maestria" => Some(3),
        "doctor" | "doctorate" | "doctoral" | "phd" | "doktor" | "doctorat" | "doctorado"
        | "doutorado" | "dottorato" => Some(4),
        _ => None,
    }
}

/// Whether the text names a cycle and the name names only other cycles.
fn cycle_conflict(seg_toks: &[String], name_toks: &[String]) -> bool {
    let q: Vec<u8> = seg_toks.iter().filter_map(|t| cycle_of(t)).collect();
    let n: Vec<u8> = name_toks.iter().filter_map(|t| cycle_of(t)).collect();
    !q.is_empty() && !n.is_empty() && !q.iter().any(|c| n.contains(c))
}

/// Ordinal words: in a name they count a degree or cycle ("Third Degree", "Second Cycle"), in
/// a text they may count a school year instead ("intermediate third grade").
const ORDINALS: &[&str] = &[
    "first",
    "second",
    "third",
    "fourth",
    "fifth",
    "sixth",
    "1st",
    "2nd",
    "3rd",
    "4th",
    "5th",
    "6th",
    "premier",
    "premiere",
    "deuxieme",
    "troisieme",
    "primer",
    "primero",
    "segundo",
    "tercer",
    "tercero",
];

/// Nouns that an ordinal makes a stage of school, not a degree ("third grade", "second year").
const STAGE_NOUNS: &[&str] = &[
    "grade", "grades", "year", "class", "form", "semester", "standard", "classe", "annee",
];

/// What an ordinal counts in a name of a degree ("Second Degree", "Third Cycle").
const DEGREE_NOUNS: &[&str] = &["degree", "cycle", "diploma", "level"];

/// The name counts a degree with an ordinal ("Third Degree") that the text binds to a stage
/// of school ("third grade"): the same word names another thing.
fn ordinal_bound_elsewhere(seg_toks: &[String], name_toks: &[String]) -> bool {
    name_toks.windows(2).any(|nw| {
        ORDINALS.contains(&nw[0].as_str())
            && DEGREE_NOUNS.contains(&nw[1].as_str())
            && seg_toks
                .windows(2)
                .any(|sw| sw[0] == nw[0] && sw[1] != nw[1] && STAGE_NOUNS.contains(&sw[1].as_str()))
    })
}

/// Words that raise a credential above the plain one of its name ("Postgraduate Diploma",
/// "Higher Diploma", "Advanced Diploma", "Diplôme supérieur").
const RAISING: &[&str] = &[
    "postgraduate",
    "graduate",
    "higher",
    "advanced",
    "superior",
    "superieur",
    "superieure",
    "avance",
    // Persian "arshad" (senior: kārshenāsi-ye arshad, the master) and "fowq" (above: fowq-e
    // lisāns), in Latin and as their Arabic-script spelling folds ("rshd", "fwq")
    "arshad",
    "rshd",
    "fowq",
    "fogh",
    "foq",
    "fwq",
];

/// The name carries a raising word the text does not (or, arguments swapped, the text one the
/// name does not).
fn raised_beyond(seg_toks: &[String], name_toks: &[String]) -> bool {
    name_toks
        .iter()
        .any(|t| RAISING.contains(&t.as_str()) && !seg_toks.contains(t))
}

/// Below a name written out exactly, for a text that is two names of one entry.
const TWO_NAMES: f64 = 0.005;

/// Entries two or more of whose names, each written out whole in the text, together make up
/// all of its words (a name with its translation or its abbreviation spelled out): (entry,
/// first such name).
fn two_names_of_one_entry(
    ci: &CountryIndex,
    st: &[String],
    written: &Written,
) -> Vec<(usize, usize)> {
    if st.len() < 2 {
        return Vec::new();
    }
    // names wholly in the text, per entry: the words they cover
    let mut covered: Vec<(usize, usize, Vec<bool>, usize)> = Vec::new();
    for (ni, n) in ci.names.iter().enumerate() {
        if n.toks.is_empty()
            || !n.toks.iter().all(|t| st.contains(t))
            // an abbreviation counts as written the way it is written ("MD", not "md")
            || (n.abbreviation && !abbreviation_written(&written.raw, n))
        {
            continue;
        }
        // (one name that is all of the text is scored as that name)
        if st.iter().all(|t| n.toks.contains(t)) {
            continue;
        }
        let i = match covered.iter().position(|c| c.0 == n.entry) {
            Some(i) => i,
            None => {
                covered.push((n.entry, ni, vec![false; st.len()], 0));
                covered.len() - 1
            }
        };
        let c = &mut covered[i];
        let adds = st
            .iter()
            .enumerate()
            .any(|(k, t)| !c.2[k] && n.toks.contains(t));
        if adds {
            for (k, t) in st.iter().enumerate() {
                c.2[k] |= n.toks.contains(t);
            }
            c.3 += 1;
        }
    }
    covered
        .into_iter()
        .filter(|c| c.3 >= 2 && c.2.iter().all(|&b| b))
        .map(|c| (c.0, c.1))
        .collect()
}

fn score_name(
    idf: &Idf,
    seg_folded: &str,
    seg_toks: &[String],
    seg_w: &[f64],
    n: &NameForm,
    written: &Written,
) -> f64 {
    if n.abbreviation {
        if !abbreviation_written(&written.raw, n) {
            return 0.0;
        }
        let a = &n.toks[0];
        // written with dots, the abbreviation folds to its letters apart ("M.Sc." → "m sc")
        let dotted = || {
            (2..=4).any(|k| {
                seg_toks
                    .windows(k)
                    .any(|w| w.iter().all(|t| t.len() <= 4) && w.concat() == *a)
            })
        };
        if a.len() >= 2
            && (seg_toks.iter().any(|t| t == a)
                // (a function word of some language, "DES", "CAP", is still the abbreviation
                // where it is written as one)
                || seg_folded.split(' ').any(|w| w == a)
                || seg_folded.replace(' ', "") == *a
                || dotted())
        {
            return if seg_folded.replace(' ', "") == *a {
                0.95
            } else {
                0.8
            };
        }
        return 0.0;
    }
    if seg_toks.is_empty() {
        return 0.0;
    }
    // a generic word ("diploma", "degree") counts only as itself: its near-spellings in other
    // languages ("diplomuar", "degrees") are other words
    let plural = |a: &str, b: &str| a.len() == b.len() + 1 && a.ends_with('s') && a.starts_with(b);
    let teq = |q: &str, t: &str| {
        if !n.abjad && written.abjad_only.iter().any(|a| a == q) {
            return false;
        }
        if q == t || plural(q, t) || plural(t, q) {
            return true;
        }
        if idf.is_generic(t) {
            // a word no catalogue writes, one slip of the keyboard from a generic one, is
            // that word mistyped ("Diplooma", "Bahcelor"); a near spelling that some
            // catalogue writes is another word ("diplomuar")
            q.len() >= 5 && q.len().abs_diff(t.len()) <= 1 && !idf.knows(q) && typo_of(q, t)
        } else {
            !idf.is_generic(q) && tok_eq(q, t)
        }
    };
    let name_total: f64 = n.weights.iter().sum();
    let hits: Vec<usize> = (0..n.toks.len())
        .filter(|&i| seg_toks.iter().any(|q| teq(q, &n.toks[i])))
        .collect();
    let name_hit: f64 = hits.iter().map(|&i| n.weights[i]).sum();
    let q_total: f64 = seg_w.iter().sum();
    let q_hit: f64 = seg_toks
        .iter()
        .zip(seg_w)
        .filter(|(q, _)| n.toks.iter().any(|t| teq(q, t)))
        .map(|(_, w)| w)
        .sum();
    // numbers alone ("+2" against "2 subjects") do not make a match, unless they are all
    // that is written ("S II" for "S-2")
    let numbers_only = hits
        .iter()
        .all(|&i| n.toks[i].bytes().all(|b| b.is_ascii_digit()));
    if name_hit == 0.0 || (numbers_only && seg_toks != n.toks.as_slice()) {
        return 0.0;
    }
    let cov_name = name_hit / name_total;
    let cov_q = q_hit / q_total;
    let lev = strsim::normalized_levenshtein(seg_folded, &n.folded);
    let s = 0.55 * cov_name + 0.3 * cov_q + 0.15 * lev;
    // only generic words in common ("diploma", "certificate"): weak evidence
    // (when the text itself has distinctive words that found nothing here)
    let generic_hits = hits.iter().all(|&i| idf.is_generic(&n.toks[i]));
    let generic_only = generic_hits && seg_toks.iter().any(|t| !idf.is_generic(t));
    let s = if generic_only { s * 0.7 } else { s };
    // a regulated profession is named by its own words, not by "Diploma" alone
    let s = if generic_hits && n.regulated && n.toks.len() > hits.len() {
        s * 0.85
    } else {
        s
    };
    let s = if cycle_conflict(seg_toks, &n.toks) || ordinal_bound_elsewhere(seg_toks, &n.toks) {
        s * 0.6
    } else {
        s
    };
    // a plain "Diploma" is not the "Postgraduate Diploma"
    let s = if raised_beyond(seg_toks, &n.toks) {
        s * 0.9
    } else {
        s
    };
    // and the "Master's" ("کارشناسی ارشد", senior expert) is not the plain "کارشناسی"
    let s = if raised_beyond(&n.toks, seg_toks) {
        s * 0.95
    } else {
        s
    };
    s.clamp(0.0, 1.0)
}

/// Typical EQF level of an ISCED 2011 level, used when a catalogue entry has neither an
/// evaluator placement nor an NQF level.
pub fn isced_to_eqf(isced: u8) -> Option<u8> {
    match isced {
        0 => None,
        1 => Some(1),
        2 => Some(2),
        3 => Some(4),
        4 => Some(4),
        5 => Some(5),
        6 => Some(6),
        7 => Some(7),
        8 => Some(8),
        _ => None,
    }
}

/// Generic degree-name rules: words in many languages and scripts, the EQF and ISCED levels
/// they usually mean. Written in original script where relevant; folded at start-up.
const GENERIC: &[(&str, u8, u8, &str)] = &[
    ("doctor of philosophy", 8, 8, "doctorate"),
    ("phd", 8, 8, "doctorate"),
    ("doctorate", 8, 8, "doctorate"),
    ("doctorat", 8, 8, "doctorate"),
    ("doctorado", 8, 8, "doctorate"),
    ("doutorado", 8, 8, "doctorate"),
    ("dottorato", 8, 8, "doctorate"),
    ("promotion", 8, 8, "doctorate"),
    ("doktor", 8, 8, "doctorate"),
    ("доктор наук", 8, 8, "doctorate"),
    ("кандидат наук", 8, 8, "doctorate"),
    ("博士", 8, 8, "doctorate"),
    ("دكتوراه", 8, 8, "doctorate"),
    ("master", 7, 7, "master"),
    ("masters", 7, 7, "master"),
    ("msc", 7, 7, "master"),
    ("mba", 7, 7, "master"),
    ("magister", 7, 7, "master"),
    ("magistr", 7, 7, "master"),
    ("магистр", 7, 7, "master"),
    ("maestria", 7, 7, "master"),
    ("mestrado", 7, 7, "master"),
    ("laurea magistrale", 7, 7, "master"),
    ("硕士", 7, 7, "master"),
    ("ماجستير", 7, 7, "master"),
    ("yuksek lisans", 7, 7, "master"),
    ("bachelor", 6, 6, "bachelor"),
    ("bsc", 6, 6, "bachelor"),
    ("licence", 6, 6, "bachelor"),
    ("licenciatura", 6, 6, "bachelor"),
    ("licenciado", 6, 6, "bachelor"),
    ("bakalavr", 6, 6, "bachelor"),
    ("бакалавр", 6, 6, "bachelor"),
    ("bachiller universitario", 6, 6, "bachelor"),
    ("laurea", 6, 6, "bachelor"),
    ("学士", 6, 6, "bachelor"),
    ("بكالوريوس", 6, 6, "bachelor"),
    ("lisans", 6, 6, "bachelor"),
    ("sarjana", 6, 6, "bachelor"),
    ("associate degree", 5, 5, "short-cycle"),
    ("higher national diploma", 5, 5, "short-cycle"),
    ("hnd", 5, 5, "short-cycle"),
    ("brevet de technicien superieur", 5, 5, "short-cycle"),
    ("tecnico superior", 5, 5, "short-cycle"),
    ("technologue", 5, 5, "short-cycle"),
    ("dut", 5, 5, "short-cycle"),
    ("专科", 5, 5, "short-cycle"),
    ("دبلوم", 5, 5, "short-cycle"),
    ("baccalaureat", 4, 3, "school-upper-secondary"),
    ("bachillerato", 4, 3, "school-upper-secondary"),
    ("matura", 4, 3, "school-upper-secondary"),
    ("abitur", 4, 3, "school-upper-secondary"),
    ("high school diploma", 4, 3, "school-upper-secondary"),
    (
        "secondary school certificate",
        4,
        3,
        "school-upper-secondary",
    ),
    ("upper secondary", 4, 3, "school-upper-secondary"),
    ("аттестат о среднем", 4, 3, "school-upper-secondary"),
    ("الثانوية العامة", 4, 3, "school-upper-secondary"),
    ("thanawiyya", 4, 3, "school-upper-secondary"),
    ("高中毕业", 4, 3, "school-upper-secondary"),
    ("lower secondary", 2, 2, "school-lower-secondary"),
    ("brevet", 2, 2, "school-lower-secondary"),
];

impl<'a> CredentialMatcher<'a> {
    /// Prepare the catalogues of every country.
    pub fn new(sb: &'a Skillbridge) -> Self {
        let mut countries: HashMap<String, CountryIndex> = sb
            .taxonomy
            .education_systems
            .iter()
            .map(|(k, es)| (k.clone(), build_country(es)))
            .collect();
        let idf = build_idf(&countries);
        for ci in countries.values_mut() {
            let weights: Vec<Vec<f64>> = ci
                .names
                .iter()
                .map(|n| n.toks.iter().map(|t| ci.weight(&idf, t)).collect())
                .collect();
            for (n, w) in ci.names.iter_mut().zip(weights) {
                n.weights = w;
            }
        }
        let mut postings: HashMap<String, Vec<(String, u32)>> = HashMap::new();
        let mut generic_postings: HashMap<String, Vec<(String, u32)>> = HashMap::new();
        for ci in countries.values() {
            for (i, n) in ci.names.iter().enumerate() {
                for t in &n.toks {
                    let p = if idf.is_generic(t) {
                        &mut generic_postings
                    } else {
                        &mut postings
                    };
                    p.entry(t.clone())
                        .or_default()
                        .push((ci.country.clone(), i as u32));
                }
            }
        }
        for p in postings.values_mut().chain(generic_postings.values_mut()) {
            p.sort();
            p.dedup();
        }
        let mut exact_names: HashMap<String, Vec<(String, usize)>> = HashMap::new();
        for ci in countries.values() {
            for (i, n) in ci.names.iter().enumerate().filter(|(_, n)| !n.abbreviation) {
                exact_names
                    .entry(n.folded.clone())
                    .or_default()
                    .push((ci.country.clone(), i));
            }
        }
        for v in exact_names.values_mut() {
            v.sort();
        }
        let generic = GENERIC
            .iter()
            .map(|(w, e, i, k)| {
                (
                    tokens(&fold(w)).map(|s| s.to_string()).collect(),
                    *e,
                    *i,
                    *k,
                )
            })
            .collect();
        let field_words = sb
            .taxonomy
            .isced_fields
            .iter()
            .flat_map(|f| {
                tokens(&fold(&f.title))
                    .filter(|t| t.len() >= 4)
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        CredentialMatcher {
            sb,
            countries,
            idf,
            postings,
            generic_postings,
            exact_names,
            generic,
            field_words,
        }
    }

    fn taxonomy(&self) -> &Taxonomy {
        &self.sb.taxonomy
    }

    /// Resolve the destination framework or explain which destinations exist.
    pub fn destination(&self, dest: &str) -> Result<&'a Framework> {
        let t = &self.sb.taxonomy;
        if dest.trim().is_empty() {
            return Err(Error::input("no destination: give a destination country (DE, NL …) or framework (EQF, DE-DQR …)"));
        }
        t.resolve_framework(dest).ok_or_else(|| {
            let mut with: Vec<String> = t.frameworks.iter().filter_map(|f| f.country.clone()).collect();
            with.sort();
            with.dedup();
            Error::input(format!(
                "{dest} has no qualifications framework in the data; destinations with one: {} (or a meta-framework: EQF, AQRF, SADCQF, ACQF, CVQ)",
                with.join(", ")
            ))
        })
    }

    /// Match one credential. A "combination" of credentials ("the following combination: A;
    /// and B") is worth its highest part.
    pub fn match_credential(&self, q: &CredentialQuery) -> Result<CredentialResult> {
        let folded = fold(&q.text);
        if folded.contains("combination") && q.text.contains(';') {
            let mut best: Option<CredentialResult> = None;
            for part in q.text.split(';') {
                let part = part.trim_start_matches(|c: char| !c.is_alphanumeric());
                let part = part.strip_prefix("and").unwrap_or(part);
                let part = part
                    .split_once(':')
                    .map(|(a, b)| {
                        if fold(a).contains("combination") {
                            b
                        } else {
                            part
                        }
                    })
                    .unwrap_or(part);
                if fold(part).len() < 6 {
                    continue;
                }
                let sub = CredentialQuery {
                    text: part.to_string(),
                    ..q.clone()
                };
                let r = self.match_one(&sub)?;
                let level = |r: &CredentialResult| {
                    r.best
                        .as_ref()
                        .filter(|b| b.confidence >= 0.3)
                        .and_then(|b| b.eqf_level)
                };
                if best.as_ref().map(|b| level(&r) > level(b)).unwrap_or(true) {
                    best = Some(r);
                }
            }
            if let Some(mut b) = best {
                b.query = q.clone();
                b.notes
                    .push("a combination of credentials: the highest part counts".into());
                return Ok(b);
            }
        }
        self.match_one(q)
    }

    fn match_one(&self, q: &CredentialQuery) -> Result<CredentialResult> {
        let t = self.taxonomy();
        if q.text.trim().is_empty() || fold(&q.text).is_empty() {
            return Err(Error::input(
                "empty credential: give the name of the qualification as written on the diploma",
            ));
        }
        if q.origin.trim().is_empty() {
            return Err(Error::input("no origin country: give where the credential was awarded (ISO code like SY or SYR, or a name)"));
        }
        let origin = country::resolve(&q.origin).ok_or_else(|| {
            Error::input(format!(
                "unknown origin country {:?}; closest: {}",
                q.origin,
                country::closest(&q.origin, 3).join(", ")
            ))
        })?;
        let dest = self.destination(&q.destination)?;
        let folded = fold(&q.text);
        let mut hints = read_hints(&folded, q);
        // the field of study given with the query, or else the one the text names after the
        // credential's name ("BSc Civil Engineering", "Licence en droit")
        let field_text = q
            .field
            .clone()
            .or_else(|| field_part(&join_initials(&q.text)));
        hints.field = field_text
            .as_deref()
            .and_then(|f| crate::deskilling::resolve_field(t, f))
            .map(|f| f.code.clone());
        let mut notes = Vec::new();
        let mut candidates: Vec<Equivalence> = Vec::new();

        // "(2015)": the year it was awarded, not a part of the name; nor is "Certified copy of"
        let (text, year) = strip_year_gloss(strip_document_prefix(&q.text));
        // "(after Bachelor Pass)" says what it follows: not a part of the name
        let (text, after) = split_after_clause(&text);
        if let Some(y) = year.filter(|_| q.year.is_none()) {
            hints.year_from.get_or_insert(y);
            hints.year_until.get_or_insert(y);
        }
        let text = self.idf.unglue(&join_initials(&text));
        let segs = segments(&text);
        let raw = Written::of(&text);
        let es = t.education_system(&origin.code);
        let mut origin_best = 0.0;
        if let (Some(es), Some(ci)) = (es, self.countries.get(&origin.code)) {
            // the credential it follows, when the text names one of this catalogue: it picks
            // the variant that follows it ("Master's degree (2 years after BA)")
            let follows = after.as_deref().and_then(|a| {
                let f = fold(a);
                let (e, s, _) = *self
                    .rank_in(ci, es, &[f], &Hints::default(), &Written::of(a), true)
                    .first()?;
                (s >= MIN_SCORE).then(|| &es.credentials[e])
            });
            hints.follows = follows.map(|f| f.id.clone());
            let mut ranked = self.rank_in(ci, es, &segs, &hints, &raw, true);
            // the name before a field of study ("Doctor of Sciences in Civil Engineering") is
            // written at home: the field's words do not send the search abroad, where a name
            // with the same field ("Diploma in Civil Engineering") would outscore it
            // (a lone generic word, "Diplôme en …", names no credential of its own)
            if let Some(before) = before_field(&text).filter(|b| {
                let toks = content_tokens(b);
                toks.len() > 1 || toks.iter().any(|t| !self.idf.is_generic(t))
            }) {
                let typed = self.rank_in(ci, es, std::slice::from_ref(&before), &hints, &raw, true);
                if let Some(&(entry, score, _)) = typed.first() {
                    let score = BEFORE_FIELD * score;
                    origin_best = score;
                    // the name before the field confirms the best entry: it is as sure as
                    // that name (the ranking stays that of the whole text)
                    if let Some(r) = ranked.first_mut().filter(|r| r.0 == entry) {
                        r.1 = r.1.max(score);
                    } else if let Some(top) = ranked.first() {
                        // … unless the best entry was found by the field's words alone
                        // ("Economista" for "Magíster en Economía"): the name written out
                        // before the field leads
                        // (an entry with a name of that degree, "Licenciado en Ciencias
                        // Jurídicas", is the degree in that field)
                        let mut degree = content_tokens(&before);
                        degree.retain(|t| !matches!(t.as_str(), "degree" | "degrees" | "s"));
                        let of_degree = ci.names.iter().any(|n| {
                            n.entry == top.0
                                && degree.iter().all(|d| n.toks.iter().any(|t| tok_eq(d, t)))
                        });
                        if score > top.1 && !of_degree {
                            if let Some(r) = ranked.iter_mut().find(|r| r.0 == entry) {
                                r.1 = score;
                            } else {
                                ranked.push((entry, score, typed[0].2));
                            }
                            ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                        }
                    }
                }
            }
            origin_best = f64::max(origin_best, ranked.first().map(|r| r.1).unwrap_or(0.0));
            for (entry, score, ni) in ranked.into_iter().take(4) {
                if score < MIN_SCORE {
                    continue;
                }
                let c = &es.credentials[entry];
                let matched = self.matched(es, ci, entry, ni, score);
                candidates.extend(self.equivalences_for(
                    es,
                    c,
                    matched,
                    dest,
                    (q, hints.duration, follows.filter(|f| f.id != c.id)),
                    1.0,
                ));
            }
        } else {
            notes.push(format!(
                "no education-system catalogue for {} ({})",
                origin.name, origin.code
            ));
        }
        // Not found at home: the credential may come from another system (a school abroad, a
        // wrong country on the form). Search every catalogue, and say so.
        // A name written exactly as another catalogue has it, where the home catalogue only
        // comes close ("Diplomă de bacalaureat" from a country whose bachelor is "Bakalaureat"),
        // is the better lead too.
        let home = self.countries.get(&origin.code);
        let exact_only = origin_best >= CROSS_TRIGGER
            && es.is_some()
            && !home.is_some_and(|ci| {
                ci.names.iter().any(|n| {
                    segs[..2].contains(&n.folded)
                        || n.home_bare.as_ref().is_some_and(|b| segs[..2].contains(b))
                        || segs[..2]
                            .iter()
                            .any(|s| award_bare(s) == Some(n.folded.as_str()))
                })
                // (or as two names of one entry: "Doctor of Medicine (MD)")
                || !two_names_of_one_entry(ci, &content_tokens(&segs[0]), &raw).is_empty()
            });
        // a country the text names ("… from the University of Curaçao") is where to look
        // first when the name is not found at home
        // (the countries the text names, read once)
        let mentioned = country::mentioned_in_folded(&folded);
        let named = self.in_named_country(&mentioned, &origin.code, &segs, &hints, &raw);
        // (a country the text names needs only to match as well as the origin does)
        // — unless the origin writes the whole text as a name of its own (South Sudan's "Sudan
        // School Certificate")
        let whole_at_home =
            home.is_some_and(|ci| ci.names.iter().any(|n| segs.first() == Some(&n.folded)));
        let named_lead = |a: &(String, usize, f64, usize)| {
            !whole_at_home
                && named.as_ref().is_some_and(|n| n.0 == a.0)
                && a.2 >= origin_best - NAMED_MARGIN
        };
        // a text that names its own country ("Vocational high school diploma (Bulgaria)")
        // is not from abroad, when the home catalogue has a usable match
        let names_origin =
            origin_best >= MIN_SCORE && mentioned.iter().any(|c| c.code == origin.code);
        let abroad = if named.as_ref().is_some_and(named_lead) {
            named.clone()
        } else if names_origin {
            None
        } else if origin_best < CROSS_TRIGGER {
            // words common to many credential names lead abroad only from a country whose own
            // catalogue had nothing usable; without a catalogue the generic rules answer those
            self.cross_country(
                (&segs, &non_latin_runs(&text)),
                &origin.code,
                &hints,
                &raw,
                // (one generic word, "Certificate", names no system: only a phrase of them,
                // "Higher Certificate", may)
                es.is_some() && origin_best < MIN_SCORE && content_tokens(&segs[0]).len() > 1,
            )
            .filter(|&(_, _, score, _)| {
                // with nothing usable at home, a weaker match abroad is still the best lead
                let floor = if origin_best < MIN_SCORE {
                    CROSS_MIN_ALONE
                } else {
                    CROSS_MIN
                };
                score >= floor
            })
        } else if exact_only {
            self.exact_abroad(&segs[..2], &origin.code, &hints)
        } else {
            None
        };
        if let Some((cc, entry, score, ni)) =
            abroad.filter(|a| a.2 > origin_best + 0.1 || named_lead(a))
        {
            let es2 = &t.education_systems[&cc];
            let ci2 = &self.countries[&cc];
            let c = &es2.credentials[entry];
            let matched = self.matched(es2, ci2, entry, ni, score);
            // a country the text names is as good a lead as the origin
            let named_it = named.as_ref().is_some_and(|n| n.0 == cc);
            let factor = if named_it { 1.0 } else { 0.75 };
            let mut eqs =
                self.equivalences_for(es2, c, matched, dest, (q, hints.duration, None), factor);
            for e in eqs.iter_mut() {
                e.notes.push(if named_it {
                    format!(
                        "the text names {} ({}): matched in its catalogue, not {}'s",
                        es2.name, es2.country, origin.code
                    )
                } else {
                    format!(
                        "matched in the catalogue of {} ({}), not {}: check where the credential was awarded",
                        es2.name, es2.country, origin.code
                    )
                });
            }
            let top = eqs.first().map(|e| e.confidence).unwrap_or(0.0);
            if exact_only {
                // the near match at home stays as an alternative, below the exact name
                for c in candidates.iter_mut() {
                    c.confidence = c.confidence.min(top * 0.9);
                }
            } else {
                candidates.retain(|c| c.confidence > top);
            }
            candidates.extend(eqs);
        }
        if es.is_none() && candidates.is_empty() {
            notes.push("generic rules used".to_string());
        }

        if candidates.is_empty() {
            if let Some(eq) = self.generic_rule(&folded, dest) {
                candidates.push(eq);
            } else {
                notes.push(
                    "no catalogue entry or generic rule matches: the level is unknown".to_string(),
                );
            }
        }
        // dedupe by destination level, keep best confidence
        // stable: equal confidences keep the catalogue ranking (unclamped match scores)
        candidates.sort_by(|a, b| b.confidence.total_cmp(&a.confidence));
        let mut out: Vec<Equivalence> = Vec::new();
        for c in candidates {
            if !out.iter().any(|o| {
                o.destination_level == c.destination_level
                    && o.matched.as_ref().map(|m| &m.id) == c.matched.as_ref().map(|m| &m.id)
            }) {
                out.push(c);
            }
        }
        let best = if out.is_empty() {
            None
        } else {
            Some(out.remove(0))
        };
        out.truncate(4);
        Ok(CredentialResult {
            query: q.clone(),
            origin_country: origin.code,
            best,
            alternatives: out,
            notes,
        })
    }

    /// Entries of one catalogue ranked by their best name score over all segments, adjusted by
    /// the hints; (entry, score, name index).
    fn rank_in(
        &self,
        ci: &CountryIndex,
        es: &EducationSystem,
        segs: &[String],
        hints: &Hints,
        raw: &Written,
        home: bool,
    ) -> Vec<(usize, f64, usize)> {
        let mut best: HashMap<usize, (f64, usize)> = HashMap::new();
        for (si, seg) in segs.iter().enumerate() {
            // the head is the whole text again when there is no qualifier: scored once
            if si == 1 && *seg == segs[0] {
                continue;
            }
            let st = content_tokens(seg);
            let sw: Vec<f64> = st.iter().map(|t| ci.weight(&self.idf, t)).collect();
            // the whole text is stronger evidence than a part of it, and a name written out
            // whole outweighs hints read from its words ("General Medicine" is no hint of a
            // general track)
            let (part, exact) = match si {
                0 => (1.0, 1.1),
                // the head before a qualifier, or the whole text again (deduplicated)
                1 => (1.0, 1.05),
                _ => (0.97, 0.97),
            };
            for (ni, n) in ci.names.iter().enumerate() {
                // abbreviations are too ambiguous across a hundred countries
                if n.abbreviation && !home {
                    continue;
                }
                let s = if !n.abbreviation
                    && (*seg == n.folded || (home && n.home_bare.as_ref() == Some(seg)))
                {
                    // of two parts written out exactly, the longer names more ("Bachelor of
                    // Science (Nursing)" before "Bachelor of Science")
                    exact + 0.001 * st.len().min(10) as f64
                } else if !n.abbreviation && home && award_bare(seg) == Some(n.folded.as_str()) {
                    // "Título de X" for the home name "X": written out, after any name that
                    // is the whole phrase ("Título de Especialista")
                    exact - AWARD_WORD
                } else {
                    part * score_name(&self.idf, seg, &st, &sw, n, raw)
                };
                let e = best.entry(n.entry).or_insert((0.0, ni));
                if s > e.0 {
                    *e = (s, ni);
                }
            }
            if si == 0 {
                // a name and its translation, both of one entry ("Yrkesexamen (professional
                // degree)"): written out together, they are that entry's name
                for (entry, ni) in two_names_of_one_entry(ci, &st, raw) {
                    let e = best.entry(entry).or_insert((0.0, ni));
                    e.0 = e.0.max(1.1 - TWO_NAMES);
                }
            }
        }
        let mut ranked: Vec<(usize, f64, usize)> = best
            .into_iter()
            .filter(|(_, (s, _))| *s > 0.0)
            .map(|(e, (s, n))| (e, s, n))
            .collect();
        for r in ranked.iter_mut() {
            r.1 = adjust_for_hints(r.1, &es.credentials[r.0], hints);
            // "bac+3": the years after school along what the entry follows
            if let Some(y) = hints.after_school_years {
                if let Some(total) = years_after_school(es, &es.credentials[r.0]) {
                    r.1 += if (total - y as f32).abs() < 0.5 {
                        0.06
                    } else {
                        -0.06
                    };
                }
            }
        }
        ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        ranked
    }

    /// How many catalogues write the word in a name.
    fn countries_writing(&self, t: &str) -> usize {
        let mut cs: Vec<&str> = self
            .postings
            .get(t)
            .into_iter()
            .chain(self.generic_postings.get(t))
            .flatten()
            .map(|(c, _)| c.as_str())
            .collect();
        cs.sort_unstable();
        cs.dedup();
        cs.len()
    }

    /// The entry of another catalogue that has one of `texts` (the whole text, its head) as
    /// a name written out, the best placed by the hints; ties go to the first country code.
    fn exact_abroad(
        &self,
        texts: &[String],
        exclude: &str,
        hints: &Hints,
    ) -> Option<(String, usize, f64, usize)> {
        let mut best: Option<(String, usize, f64, usize)> = None;
        for (i, text) in texts.iter().enumerate() {
            // the same weights as in `rank_in`: the whole text, then its head
            let exact = if i == 0 { 1.1 } else { 1.05 };
            let found = self.exact_names.get(text).map(Vec::as_slice).unwrap_or(&[]);
            // a name many systems write the same ("Bachelor of Science (Honours)") points to
            // none of them: the near name at home stands
            let mut abroad: Vec<&str> = found
                .iter()
                .map(|(cc, _)| cc.as_str())
                .filter(|cc| *cc != exclude)
                .collect();
            abroad.dedup();
            if abroad.len() > EXACT_ABROAD_MAX_COUNTRIES {
                continue;
            }
            // and it is another system's only in words of that system: a name in words the
            // home catalogue writes too, or that many systems write ("B.Sc. Civil
            // Engineering"), may as well be written at home
            let home = self.countries.get(exclude);
            let foreign = content_tokens(text).iter().any(|t| {
                !self.idf.is_generic(t)
                    && !home.is_some_and(|ci| ci.names.iter().any(|n| n.toks.contains(t)))
                    && self.countries_writing(t) <= FOREIGN_WORD_MAX_COUNTRIES
            });
            if !foreign {
                continue;
            }
            for (cc, ni) in found {
                if cc == exclude {
                    continue;
                }
                let (Some(ci), Some(es)) = (
                    self.countries.get(cc),
                    self.sb.taxonomy.education_systems.get(cc),
                ) else {
                    continue;
                };
                let entry = ci.names[*ni].entry;
                let s = adjust_for_hints(exact, &es.credentials[entry], hints);
                if best.as_ref().map_or(true, |b| s > b.2) {
                    best = Some((cc.clone(), entry, s, *ni));
                }
            }
        }
        best
    }

    /// The best entry, at least [`MIN_SCORE`], in the catalogue of a country the text names
    /// (`mentioned`, other than the origin): (country, entry, score, name).
    fn in_named_country(
        &self,
        mentioned: &[country::Country],
        origin: &str,
        segs: &[String],
        hints: &Hints,
        raw: &Written,
    ) -> Option<(String, usize, f64, usize)> {
        let t = self.taxonomy();
        let mut best: Option<(String, usize, f64, usize)> = None;
        for c in mentioned {
            if c.code == origin {
                continue;
            }
            let (Some(es), Some(ci)) = (t.education_system(&c.code), self.countries.get(&c.code))
            else {
                continue;
            };
            if let Some(&(e, s, n)) = self.rank_in(ci, es, segs, hints, raw, true).first() {
                if s >= MIN_SCORE && best.as_ref().map_or(true, |b| s > b.2) {
                    best = Some((es.country.clone(), e, s, n));
                }
            }
        }
        best
    }

    /// The best entry of any other catalogue, found through the token postings (only names that
    /// share a distinctive word with the text are scored).
    fn cross_country(
        &self,
        (segs, own_script): (&[String], &[String]),
        exclude: &str,
        hints: &Hints,
        raw: &Written,
        allow_generic: bool,
    ) -> Option<(String, usize, f64, usize)> {
        let mut countries: Vec<&str> = Vec::new();
        let all_generic = allow_generic
            && segs
                .iter()
                .flat_map(|s| content_tokens(s))
                .all(|t| self.idf.is_generic(&t));
        for seg in segs {
            for t in content_tokens(seg) {
                // (a field of study names no system)
                if !all_generic && self.field_words.contains(&t) {
                    continue;
                }
                // only distinctive words lead to other countries, unless the text has none
                let p = if all_generic {
                    self.generic_postings.get(&t)
                } else {
                    self.postings.get(&t)
                };
                if let Some(p) = p {
                    for (c, _) in p {
                        if c != exclude && !countries.contains(&c.as_str()) {
                            countries.push(c);
                        }
                    }
                }
            }
        }
        countries.sort();
        let mut best: Option<(String, usize, f64, usize, f64)> = None;
        for c in countries {
            let (Some(ci), Some(es)) = (
                self.countries.get(c),
                self.sb.taxonomy.education_systems.get(c),
            ) else {
                continue;
            };
            // abbreviations are too ambiguous across a hundred countries
            if let Some(&(e, s, ni)) = self.rank_in(ci, es, segs, hints, raw, false).first() {
                // the parts below add at most PARTS_BONUS: a country that cannot reach the
                // best so far is not asked about them
                if best.as_ref().is_some_and(|b| s + PARTS_BONUS <= b.4) {
                    continue;
                }
                // a name glossed in another script or language ("High School Certificate
                // (고등학교 졸업장)"): the entry that every part names is the better lead
                // a part written in another script than Latin names the system in its own
                // words and counts twice
                let parts: usize = segs
                    .iter()
                    .skip(2)
                    .filter(|seg| {
                        self.rank_in(ci, es, std::slice::from_ref(*seg), hints, raw, false)
                            .first()
                            .is_some_and(|r| r.0 == e && r.1 >= 0.8)
                    })
                    .map(|seg| if own_script.contains(seg) { 2 } else { 1 })
                    .sum();
                let s_eff = s + PARTS_BONUS / 5.0 * parts.min(5) as f64;
                if best.as_ref().map(|b| s_eff > b.4).unwrap_or(true) {
                    best = Some((c.to_string(), e, s, ni, s_eff));
                }
            }
        }
        best.map(|(c, e, s, ni, _)| (c, e, s, ni))
    }

    fn matched(
        &self,
        es: &EducationSystem,
        ci: &CountryIndex,
        entry: usize,
        ni: usize,
        score: f64,
    ) -> Matched {
        let c = &es.credentials[entry];
        Matched {
            country: es.country.clone(),
            id: c.id.clone(),
            name: ci.names[ni].original.clone(),
            english: c.english.clone(),
            kind: c.kind.clone(),
            isced: c.isced,
            score: round3(score.min(1.0)),
            catalogue: es.path.clone(),
        }
    }

    /// The destination level(s) of a catalogue entry.
    fn equivalences_for(
        &self,
        es: &EducationSystem,
        c: &Credential,
        matched: Matched,
        dest: &Framework,
        asked: (&CredentialQuery, Option<f32>, Option<&Credential>),
        factor: f64,
    ) -> Vec<Equivalence> {
        // the query, the duration to judge by (stated with it or read from its text) and the
        // credential it follows when the text names one ("after the Bachelor Pass")
        let (q, years, stated_follows) = asked;
        let t = self.taxonomy();
        let g = &self.sb.graph;
        let mut out = Vec::new();
        let mut base_steps = vec![Step {
            from: format!("{} {}", es.country, c.id),
            to: String::new(),
            relation: String::new(),
            confidence: 1.0,
            source: es.path.clone(),
        }];
        // (start framework, level, confidence of the first step, relation text)
        let mut starts: Vec<(String, String, f64, String)> = Vec::new();
        // a level stated on the diploma in the origin NQF is the strongest evidence
        let stated = q.nqf_level.as_ref().and_then(|l| {
            let nqf = es.nqf.as_ref()?;
            t.framework(nqf)?.level(l)?;
            Some((nqf.clone(), l.clone()))
        });
        if let Some((nqf, l)) = stated.clone() {
            starts.push((nqf, l, 0.95, "NQF level stated on the diploma".into()));
        }
        // the destination's evaluation body places some kinds of credentials its own way
        let practice = dest
            .country
            .as_deref()
            .and_then(|d| t.practice_for(d))
            .and_then(|p| {
                let follows = stated_follows.or_else(|| {
                    c.follows
                        .as_deref()
                        .and_then(|f| es.credentials.iter().find(|x| x.id == f))
                });
                // a school certificate that another follows does not complete school
                let school_follows = c.kind.starts_with("school")
                    && es.credentials.iter().any(|x| {
                        x.follows.as_deref() == Some(c.id.as_str())
                            && x.kind == "school-upper-secondary"
                    });
                p.rule_for(
                    c,
                    &es.country,
                    years.or(c.duration_years),
                    (follows, school_follows),
                )
                .map(|r| (p, r))
            });
        let mut practice_note = None;
        if let Some((p, r)) = practice {
            for (i, e) in r.eqf.iter().enumerate() {
                starts.push((
                    "EQF".into(),
                    e.to_string(),
                    if i == 0 { 0.85 } else { 0.6 },
                    format!(
                        "evaluation practice of {} (rule {}, {})",
                        p.body, r.id, p.path
                    ),
                ));
            }
            practice_note = Some(format!("{}: {}", p.body, r.note));
        } else if !c.eqf.is_empty() {
            // the catalogue's placement too: it answers when the stated level has no path
            for (i, e) in c.eqf.iter().enumerate() {
                starts.push((
                    "EQF".into(),
                    e.to_string(),
                    if i == 0 { 0.85 } else { 0.7 },
                    "evaluator placement (catalogue)".into(),
                ));
            }
        } else if let (Some(nqf), Some(l)) = (&es.nqf, c.nqf_level.as_ref()) {
            if t.framework(nqf).and_then(|f| f.level(l)).is_some() {
                starts.push((nqf.clone(), l.clone(), 0.9, "NQF level (catalogue)".into()));
            }
        }
        if starts.is_empty() {
            if let Some(e) = isced_to_eqf(c.isced) {
                starts.push((
                    "EQF".into(),
                    e.to_string(),
                    0.6,
                    format!("typical EQF level of ISCED {}", c.isced),
                ));
            }
        }
        let has_stated = stated.is_some();
        for (k, (fw, level, conf, rel)) in starts.into_iter().enumerate() {
            // a stated level that reaches the destination decides alone
            if k > 0 && has_stated && !out.is_empty() {
                break;
            }
            let Ok(results) = g.levels(&fw, &level, &dest.id) else {
                continue;
            };
            base_steps[0].to = format!("{fw} {level}");
            base_steps[0].relation = rel.clone();
            base_steps[0].confidence = conf;
            let eqf = if fw == "EQF" {
                level.parse().ok()
            } else {
                g.levels(&fw, &level, "EQF")
                    .ok()
                    .and_then(|r| r.first().and_then(|x| x.level.parse().ok()))
            };
            for r in results {
                let mut path = base_steps.clone();
                path.extend(r.path.iter().map(step_of));
                let confidence = round3(matched.score * conf * r.confidence * factor);
                let mut notes = Vec::new();
                if let Some(n) = &c.notes {
                    notes.push(n.clone());
                }
                if let Some(n) = &practice_note {
                    notes.push(n.clone());
                }
                if let Some(n) = self.regulated_note(c, dest) {
                    notes.push(n);
                }
                let dest_eqf = if dest.id == "EQF" {
                    r.level.parse().ok()
                } else {
                    eqf
                };
                out.push(Equivalence {
                    destination_framework: r.framework.clone(),
                    destination_level: r.level.clone(),
                    eqf_level: dest_eqf,
                    isced_level: Some(c.isced),
                    confidence,
                    method: "catalogue".into(),
                    matched: Some(matched.clone()),
                    path,
                    comparable_to: types_at(dest, &r.level),
                    notes,
                });
            }
        }
        out
    }

    fn generic_rule(&self, folded: &str, dest: &Framework) -> Option<Equivalence> {
        let qt: Vec<&str> = tokens(folded).collect();
        let hit = self.generic.iter().find(|(words, _, _, _)| {
            !words.is_empty()
                && qt
                    .windows(words.len())
                    .any(|w| w.iter().zip(words).all(|(a, b)| a == b))
        })?;
        let (words, eqf, isced, kind) = hit;
        let results = self
            .sb
            .graph
            .levels("EQF", &eqf.to_string(), &dest.id)
            .ok()?;
        let r = results.into_iter().next()?;
        let mut path = vec![Step {
            from: format!("generic rule \"{}\"", words.join(" ")),
            to: format!("EQF {eqf}"),
            relation: format!("usual level of a {kind}"),
            confidence: 0.4,
            source: "skillbridge generic degree-name rules".into(),
        }];
        path.extend(r.path.iter().map(step_of));
        Some(Equivalence {
            destination_framework: r.framework,
            destination_level: r.level.clone(),
            eqf_level: Some(*eqf),
            isced_level: Some(*isced),
            confidence: round3(0.4 * r.confidence),
            method: "generic rule".into(),
            matched: None,
            path,
            comparable_to: types_at(dest, &r.level),
            notes: vec!["generic rule: the name was not found in the origin catalogue; have the credential evaluated".into()],
        })
    }

    /// A note when the credential leads to a profession regulated at the destination.
    pub fn regulated_note(&self, c: &Credential, dest: &Framework) -> Option<String> {
        let t = self.taxonomy();
        let prof = t.regulated_profession(c.regulated.as_deref()?)?;
        let (base, reg, regulated) = t.regulation_at(dest.country.as_deref()?, &prof.id);
        let reg = reg.filter(|_| regulated)?;
        Some(format!(
            "{} is a regulated profession in {}: recognition procedure needed ({}) to work as ISCO-08 {}",
            prof.title,
            base,
            if reg.procedure.is_empty() { "ask the competent authority" } else { reg.procedure.as_str() },
            prof.isco.join("/")
        ))
    }
}

fn adjust_for_hints(score: f64, c: &Credential, h: &Hints) -> f64 {
    let mut s = score;
    // a field of study picks the field-specific variant (medicine, nursing, engineering …)
    if let (Some(f), Some(cf)) = (&h.field, &c.field) {
        let broad = |x: &str| x.get(..2).map(|b| b.to_string());
        if cf.starts_with(f.as_str()) || f.starts_with(cf.as_str()) {
            s += 0.06;
        } else if broad(f) != broad(cf) {
            s -= 0.04;
        }
    }
    if let (Some(d), Some(cd)) = (h.duration, c.duration_years) {
        let diff = (d - cd).abs() as f64;
        if diff < 0.01 {
            s += 0.1;
        } else {
            s -= (0.08 + 0.06 * diff).min(0.3);
        }
    }
    if let Some(y) = h.year_from {
        if c.awarded_until.map(|u| y > u).unwrap_or(false) {
            s -= 0.1;
        }
        if c.awarded_from.map(|f| y >= f).unwrap_or(false) {
            s += 0.04;
        }
    }
    if let Some(y) = h.year_until {
        if c.awarded_from.map(|f| y < f).unwrap_or(false) {
            s -= 0.1;
        }
        if c.awarded_until.map(|u| y <= u + 1).unwrap_or(false) {
            s += 0.04;
        }
    }
    if let (Some(f), Some(cf)) = (&h.follows, &c.follows) {
        if f == cf {
            s += 0.08;
        }
    }
    let voc = c
        .track
        .as_deref()
        .map(|t| t == "vocational" || t == "professional")
        .unwrap_or(false)
        || c.kind.starts_with("vocational");
    if h.vocational && voc {
        s += 0.04;
    }
    // "(Hons)" picks the honours variant of a degree written the same with and without
    if h.honours && c.english.to_ascii_lowercase().contains("honours") {
        s += 0.05;
    }
    if h.general && !voc && c.track.is_some() {
        s += 0.03;
    }
    s
}

/// Years of study after school to complete a credential of higher education: its duration
/// and that of the post-secondary credentials it follows (None for school credentials or an
/// unknown duration).
fn years_after_school(es: &EducationSystem, c: &Credential) -> Option<f32> {
    let post_school = |c: &Credential| !c.kind.starts_with("school") && c.isced > 3;
    if !post_school(c) {
        return None;
    }
    let mut total = c.duration_years?;
    let mut cur = c;
    // (a chain is short; the bound keeps a cycle in the data from looping)
    for _ in 0..6 {
        let Some(f) = cur
            .follows
            .as_deref()
            .and_then(|id| es.credentials.iter().find(|x| x.id == id))
        else {
            break;
        };
        if !post_school(f) {
            break;
        }
        total += f.duration_years?;
        cur = f;
    }
    Some(total)
}

fn step_of(p: &PathStep) -> Step {
    Step {
        from: format!("{} {}", p.from.framework, p.from.level),
        to: format!("{} {}", p.to.framework, p.to.level),
        relation: format!("{:?} {:?}", p.kind, p.relation).to_lowercase(),
        confidence: p.confidence,
        source: p.source.clone(),
    }
}

fn types_at(fw: &Framework, level: &str) -> Vec<String> {
    fw.level(level)
        .map(|l| {
            l.types
                .iter()
                .map(|t| {
                    if t.english.is_empty() {
                        t.name.clone()
                    } else {
                        format!("{} ({})", t.name, t.english)
                    }
                })
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod after_clause_tests {
    use super::split_after_clause;

    #[test]
    fn a_clause_naming_what_it_follows_is_split_off() {
        assert_eq!(
            split_after_clause("Master's degree (duration: 2 years, after Bachelor Pass)"),
            (
                "Master's degree (duration: 2 years)".to_string(),
                Some("Bachelor Pass".to_string())
            )
        );
        assert_eq!(
            split_after_clause("Maîtrise, après la licence"),
            ("Maîtrise".to_string(), Some("licence".to_string()))
        );
        // a year is a date; a name that starts with the word keeps it
        for t in [
            "Bachelor's degree (obtained in or after 2012)",
            "Master after Master",
            "After-school Certificate",
        ] {
            assert_eq!(split_after_clause(t), (t.to_string(), None));
        }
        // multi-byte letters right after the word do not split a character
        assert_eq!(
            split_after_clause("Diplôme (après l'année préparatoire)").1,
            Some("année préparatoire".to_string())
        );
    }
}

#[cfg(test)]
mod ordinal_tests {
    use super::ordinal_bound_elsewhere;

    fn toks(s: &str) -> Vec<String> {
        s.split(' ').map(str::to_string).collect()
    }

    #[test]
    fn an_ordinal_of_a_school_year_is_not_a_degree_ordinal() {
        let third_degree = toks("third degree");
        assert!(ordinal_bound_elsewhere(
            &toks("degree transcript intermediate third grade"),
            &third_degree
        ));
        assert!(ordinal_bound_elsewhere(
            &toks("certificate second year university"),
            &toks("second degree")
        ));
        // the degree itself, or an ordinal that counts something else in the name
        assert!(!ordinal_bound_elsewhere(
            &toks("third degree"),
            &third_degree
        ));
        assert!(!ordinal_bound_elsewhere(
            &toks("doctorate third degree"),
            &third_degree
        ));
        assert!(!ordinal_bound_elsewhere(
            &toks("intermediate third grade"),
            &toks("third intermediate certificate")
        ));
    }
}

#[cfg(test)]
mod gloss_tests {
    use super::{strip_bac_plus, strip_year_gloss};

    #[test]
    fn bac_plus_labels_and_trailing_years_are_not_names() {
        assert_eq!(
            strip_bac_plus("Master 2 Finance (bac+5)"),
            "Master 2 Finance"
        );
        assert_eq!(
            strip_bac_plus("Licence (Bac + 3) – économie"),
            "Licence  – économie"
        );
        // the word itself stays, and so do words that start with it
        assert_eq!(strip_bac_plus("Bac S"), "Bac S");
        assert_eq!(strip_bac_plus("Baccalauréat +2"), "Baccalauréat +2");
        assert_eq!(strip_bac_plus("Diplôme bac+2 été"), "Diplôme  été");
        assert_eq!(
            strip_year_gloss("BBA (Hons), HKUST, 2019"),
            ("BBA (Hons), HKUST".to_string(), Some(2019))
        );
        assert_eq!(
            strip_year_gloss("Diploma, level 2"),
            ("Diploma, level 2".to_string(), None)
        );
    }
}
