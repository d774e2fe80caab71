//! Folding: any script to lower-case ASCII words.
//!
//! `fold` transliterates to Latin with `deunicode` (Cyrillic, Greek, Arabic, Devanagari, CJK …),
//! which also strips diacritics, lower-cases, turns punctuation into spaces and collapses spaces.
//! It is idempotent: `fold(fold(x)) == fold(x)`.

/// Fold a text to lower-case ASCII words separated by single spaces.
pub fn fold(s: &str) -> String {
    let ascii = if s.is_ascii() {
        std::borrow::Cow::Borrowed(s)
    } else {
        // lower case first: capitals some scripts' tables lack (Georgian Mtavruli
        // "ᲡᲢᲝᲛᲐᲢᲝᲚᲝᲒᲘᲐ") have small letters they know
        std::borrow::Cow::Owned(deunicode::deunicode(&s.to_lowercase()))
    };
    let mut out = String::with_capacity(ascii.len());
    let mut space = true;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
            space = false;
        } else if !space {
            out.push(' ');
            space = true;
        }
    }
    if out.ends_with(' ') {
        out.pop();
    }
    out
}

/// The words of a folded text.
pub fn tokens(folded: &str) -> impl Iterator<Item = &str> {
    folded.split(' ').filter(|t| !t.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn folds_scripts_and_marks() {
        assert_eq!(
            fold("Diplôme d’Études Collégiales (DEC)"),
            "diplome d etudes collegiales dec"
        );
        assert_eq!(fold("  Bakalavr  "), "bakalavr");
        assert_eq!(
            fold("Диплома за средно образование"),
            "diploma za sredno obrazovanie"
        );
        assert_eq!(fold(""), "");
        assert_eq!(fold("ᲡᲢᲝᲛᲐᲢᲝᲚᲝᲒᲘᲐ"), fold("სტომატოლოგია"));
        assert_eq!(fold("İSTANBUL Ünİversİtesİ"), "istanbul universitesi");
        let x = fold("Agrarberater/in (m/w/d)");
        assert_eq!(fold(&x), x);
    }
}

// ------------------------------------------------------------------ job titles

/// Gender markers that are dropped when they stand in parentheses: "(m/w/d)", "(h/f/x)",
/// "(in)", "(e)", "(ère)", "(a)" …
const GENDER_MARKERS: &[&str] = &[
    "m w d",
    "w m d",
    "m f d",
    "m w",
    "w m",
    "m f",
    "f m",
    "h f",
    "f h",
    "h f x",
    "f h x",
    "m f x",
    "m w x",
    // Dutch (man/vrouw), Polish (kobieta/mężczyzna), Czech and Slovak (muž/žena), Hungarian
    // (férfi/nő), Spanish (hombre/mujer)
    "m v",
    "v m",
    "m v x",
    "v m x",
    "k m",
    "m k",
    "m z",
    "z m",
    "f n",
    "n f",
    "h m",
    "m h",
    "d m w",
    "w d m",
    "m d w",
    "x",
    "in",
    "innen",
    "e",
    "a",
    "o",
    "ere",
    "euse",
    "rice",
    "trice",
    "ice",
    "ne",
    "esse",
    "ive",
    "eure",
    "ale",
    "o a",
    "a o",
    "es",
    "as",
    "os",
    "f",
    "m",
    "m f div",
    "all genders",
];

/// Abbreviations in job titles, expanded after folding.
const ABBREVIATIONS: &[(&str, &str)] = &[
    ("asst", "assistant"),
    ("assist", "assistant"),
    ("mgr", "manager"),
    ("mngr", "manager"),
    ("eng", "engineer"),
    ("engr", "engineer"),
    ("tech", "technician"),
    ("techn", "technician"),
    ("rep", "representative"),
    ("repr", "representative"),
    ("admin", "administrator"),
    ("dir", "director"),
    ("sr", "senior"),
    ("snr", "senior"),
    ("jr", "junior"),
    ("jnr", "junior"),
    ("supv", "supervisor"),
    ("supvr", "supervisor"),
    ("coord", "coordinator"),
    ("spec", "specialist"),
    ("svc", "service"),
    ("svcs", "services"),
    ("mech", "mechanic"),
    ("maint", "maintenance"),
    ("ops", "operations"),
    ("acct", "accountant"),
    ("exec", "executive"),
    ("dev", "developer"),
    ("prog", "programmer"),
    ("hr", "human resources"),
    ("qa", "quality assurance"),
    ("cust", "customer"),
    ("dept", "department"),
    ("govt", "government"),
    ("gen", "general"),
    ("elec", "electrical"),
    ("equip", "equipment"),
    ("mfg", "manufacturing"),
    ("nrs", "nurse"),
    ("rn", "registered nurse"),
    ("lpn", "licensed practical nurse"),
    ("cna", "certified nursing assistant"),
    ("hgv", "heavy goods vehicle"),
    ("ceo", "chief executive officer"),
    ("cfo", "chief financial officer"),
    ("cto", "chief technology officer"),
    ("coo", "chief operating officer"),
    ("it", "information technology"),
    ("ict", "information communication technology"),
];

/// Function words dropped from titles, per language (folded forms). An unknown language uses the
/// union minus words that are occupations elsewhere.
fn stop_words(lang: &str) -> &'static [&'static str] {
    match lang {
        "en" => &[
            "of", "and", "the", "in", "for", "a", "an", "to", "with", "on", "at", "or", "other",
            "all",
        ],
        "fr" => &[
            "de", "du", "des", "la", "le", "les", "l", "d", "en", "et", "au", "aux", "a", "un",
            "une", "pour", "ou", "sur",
        ],
        "es" => &[
            "de", "del", "la", "las", "los", "el", "y", "en", "para", "con", "a", "al", "o", "e",
            "un", "una",
        ],
        "pt" => &[
            "de", "da", "do", "das", "dos", "e", "em", "para", "com", "a", "o", "os", "as", "no",
            "na", "ou",
        ],
        "it" => &[
            "di", "del", "della", "dei", "delle", "e", "in", "per", "con", "il", "la", "lo", "le",
            "gli", "i", "a", "o", "d", "l",
        ],
        "de" => &[
            "und",
            "der",
            "die",
            "das",
            "fur",
            "im",
            "in",
            "von",
            "mit",
            "den",
            "dem",
            "des",
            "zur",
            "zum",
            "oder",
            "am",
            "bei",
            "auf",
            // the certificate before a title ("Staatlich geprüfte Technikerin", "Geprüfter
            // Meister") says how it was earned, not what the work is
            "staatlich",
            "gepruft",
            "geprufte",
            "geprufter",
            "gepruften",
            "anerkannt",
            "anerkannte",
            "anerkannter",
        ],
        "nl" => &["en", "van", "de", "het", "voor", "in", "met", "of", "op"],
        "da" => &[
            "og", "i", "af", "for", "til", "pa", "med", "ved", "den", "det", "de", "en", "et",
            "inden", "om", "fra", "hos", "eller",
        ],
        "no" | "nb" | "nn" => &[
            "og", "i", "av", "for", "til", "pa", "med", "ved", "den", "det", "en", "et", "ei",
            "innen", "om", "fra", "hos", "eller",
        ],
        "sv" => &[
            "och", "i", "av", "for", "till", "pa", "med", "vid", "den", "det", "en", "ett", "inom",
            "om", "fran", "hos", "eller",
        ],
        "pl" => &[
            "i", "w", "we", "z", "ze", "do", "dla", "na", "o", "oraz", "lub", "od", "po", "przy",
            "ds", "a",
        ],
        "cs" => &[
            "a", "v", "ve", "z", "ze", "s", "se", "na", "pro", "do", "o", "u", "k", "ke", "nebo",
            "pri",
        ],
        "sk" => &[
            "a", "v", "vo", "z", "zo", "s", "so", "na", "pre", "do", "o", "u", "k", "alebo", "pri",
        ],
        "sl" => &[
            "in", "v", "z", "s", "na", "za", "do", "o", "pri", "ali", "iz",
        ],
        "hr" => &[
            "i", "u", "za", "na", "s", "sa", "iz", "do", "o", "ili", "pri",
        ],
        "bg" => &["i", "v", "na", "za", "po", "s", "ot", "do", "ili"],
        "ro" => &[
            "si", "de", "la", "in", "cu", "pentru", "din", "sau", "a", "al", "ale", "un", "o",
        ],
        "hu" => &["es", "a", "az", "vagy", "egy"],
        "lt" => &["ir", "ar", "bei"],
        "lv" => &["un", "vai", "ar"],
        "et" => &["ja", "voi"],
        _ => &[
            "of", "and", "the", "in", "for", "a", "an", "to", "with", "on", "de", "du", "des",
            "la", "le", "les", "l", "d", "en", "et", "au", "aux", "del", "las", "los", "el", "y",
            "para", "con", "da", "do", "das", "dos", "e", "em", "di", "della", "und", "der", "das",
            "fur", "von", "mit", "van", "het", "voor",
        ],
    }
}

/// Cheap singular per language: Spanish/Portuguese/French/Italian plurals
/// ("directores" → "director", "enfermeros" → "enfermero", "infirmiers" → "infirmier"),
/// otherwise English ("nurses" → "nurse", "secretaries" → "secretary").
pub fn stem_lang(t: &str, lang: &str) -> String {
    if t.len() > 4 {
        match lang {
            "es" => {
                if let Some(s) = t.strip_suffix("ces") {
                    return format!("{s}z");
                }
                if let Some(s) = t.strip_suffix("es") {
                    if s.ends_with(['r', 'l', 'n', 'd', 'j', 'y']) {
                        return s.to_string();
                    }
                }
                if let Some(s) = t.strip_suffix('s') {
                    return s.to_string();
                }
                return t.to_string();
            }
            "pt" => {
                if let Some(s) = t.strip_suffix("oes").or_else(|| t.strip_suffix("aes")) {
                    return format!("{s}ao");
                }
                if let Some(s) = t.strip_suffix("res") {
                    return format!("{s}r");
                }
                if let Some(s) = t.strip_suffix('s') {
                    return s.to_string();
                }
                return t.to_string();
            }
            "fr" => {
                // "réseaux", "bureaux", "chapeaux": the singular ends in -eau
                if t.ends_with("eaux") {
                    return t[..t.len() - 1].to_string();
                }
                if let Some(s) = t.strip_suffix("aux") {
                    return format!("{s}al");
                }
                if let Some(s) = t.strip_suffix('s').or_else(|| t.strip_suffix('x')) {
                    return s.to_string();
                }
                return t.to_string();
            }
            "hu" | "lt" | "lv" | "pl" | "cs" | "sk" | "sl" | "bg" | "hr" | "ro" => {
                // once, and only when once more would change nothing (so normalising twice is
                // normalising once)
                let once = |w: &str| inflection_stem(w, lang).unwrap_or_else(|| w.to_string());
                let s = once(t);
                return if once(&s) == s { s } else { t.to_string() };
            }
            "de" | "nl" | "it" | "ru" | "uk" | "ar" | "fi" | "et" | "sv" | "no" | "da" => {
                return t.to_string();
            }
            _ => {}
        }
    }
    stem(t)
}

/// The stem of a title word in a language that writes the woman's title, or a possessive,
/// with another ending (folded forms); `None` when nothing is stripped.
fn inflection_stem(t: &str, lang: &str) -> Option<String> {
    let strip = |w: &str, end: &str, min: usize| {
        w.strip_suffix(end)
            .filter(|s| s.len() >= min)
            .map(str::to_string)
    };
    match lang {
        // Hungarian "X vezetője" (X's head) is the "X-vezető": the possessive -ja/-je after a
        // vowel goes
        "hu" => t
            .strip_suffix("je")
            .or_else(|| t.strip_suffix("ja"))
            .filter(|s| s.ends_with(['a', 'e', 'i', 'o', 'u']))
            .map(str::to_string),
        // Lithuanian and Latvian write the man's and the woman's title with other endings
        // ("mikrobiologas", "mikrobiologė"; "skolotājs", "skolotāja"): both lose them
        "lt" => Some(strip_endings(t, &["ius", "as", "is", "ys", "us", "e", "a"])),
        "lv" => Some(strip_endings(t, &["is", "s", "a", "e"])),
        // the woman's title in -ka ("programátorka", "nauczycielka", "учителка"), in Croatian
        // also -ica ("učiteljica")
        "pl" | "cs" | "sk" | "sl" | "bg" => strip(t, "ka", 5),
        "hr" => strip(t, "ica", 5).or_else(|| strip(t, "ka", 5)),
        // Romanian: "lucrătoare", "profesoară" are the "lucrător", "profesor"; "asistentă"
        // the "asistent"
        "ro" => strip(t, "oare", 4)
            .or_else(|| strip(t, "oara", 4))
            .map(|s| format!("{s}or"))
            .or_else(|| strip(t, "a", 5)),
        _ => None,
    }
}

/// `t` without any of `endings`, again while one is left, the word is longer than 5 bytes and
/// at least 4 remain (so stripping twice strips nothing more).
fn strip_endings(t: &str, endings: &[&str]) -> String {
    let mut w = t;
    while w.len() > 5 {
        match endings.iter().find_map(|e| w.strip_suffix(e)) {
            Some(rest) if rest.len() >= 4 => w = rest,
            _ => break,
        }
    }
    w.to_string()
}

/// Qualifiers that do not change the occupation: "en general", "n.e.c.", German "(ohne
/// Schwerpunkt)" … (folded; removed as whole phrases).
const QUALIFIERS: &[&str] = &[
    "en general",
    "in general",
    "not elsewhere classified",
    "nec",
    "n e c",
    "ohne schwerpunkt",
    "ohne angabe der fachrichtung",
    "a n g",
    "non classe ailleurs",
    "no clasificado bajo otros epigrafes",
    "no clasificados bajo otros epigrafes",
    "all other",
];

/// "First-Line Supervisors of …" (O*NET): the supervisor, not a line worker ("first line
/// support" keeps its words).
const FIRST_LINE: &[(&str, &str)] = &[
    (" first line supervisor ", " supervisor "),
    (" first line supervisors ", " supervisors "),
    (" first line manager ", " manager "),
    (" first line managers ", " managers "),
];

/// Cheap singular: "nurses" → "nurse", "secretaries" → "secretary" (tokens over 4 letters).
pub fn stem(t: &str) -> String {
    if t.len() > 4 {
        if let Some(s) = t.strip_suffix("ies") {
            return format!("{s}y");
        }
        if t.ends_with('s') && !t.ends_with("ss") && !t.ends_with("us") && !t.ends_with("is") {
            return t[..t.len() - 1].to_string();
        }
    }
    t.to_string()
}

/// Words that open an exclusion ("Hawker, except food", "Painter (excluding construction)").
const EXCLUSION_MARKERS: &[&str] = &[
    "except",
    "excluding",
    "excl",
    "sauf",
    "excepto",
    "salvo",
    "außer",
    "ausser",
    "ausgenommen",
];

/// Whether a word opens an exclusion (without allocating for the usual ASCII words: this runs
/// on every word of every title and label).
fn is_exclusion_marker(word: &str) -> bool {
    if word.len() < 4 || word.len() > 11 {
        return false;
    }
    if word.is_ascii() {
        EXCLUSION_MARKERS
            .iter()
            .any(|m| m.eq_ignore_ascii_case(word))
    } else {
        EXCLUSION_MARKERS.contains(&word.to_lowercase().as_str())
    }
}

/// Split a title into what it names and what it excludes: the exclusion runs from its marker
/// to the end of the parenthesis it stands in, or of the title.
pub fn split_exclusions(s: &str) -> (String, String) {
    let mut kept = String::with_capacity(s.len());
    let mut excluded = String::new();
    let mut depth = 0usize;
    let mut open_at: Option<usize> = None;
    for piece in s.split_inclusive(|c: char| !c.is_alphanumeric()) {
        let word = piece.trim_end_matches(|c: char| !c.is_alphanumeric());
        let sep = &piece[word.len()..];
        if open_at.is_none() && is_exclusion_marker(word) {
            open_at = Some(depth);
        } else if open_at.is_some() {
            excluded.push_str(word);
            excluded.push(' ');
        } else {
            kept.push_str(word);
        }
        for c in sep.chars() {
            match c {
                '(' | '[' => depth += 1,
                ')' | ']' => {
                    if open_at == Some(depth) {
                        open_at = None;
                    }
                    depth = depth.saturating_sub(1);
                }
                _ => {}
            }
        }
        if open_at.is_none() || sep.contains([')', ']']) {
            kept.push_str(sep);
        }
    }
    (kept, excluded.trim_end().to_string())
}

/// "and/or" in its languages ("y/o", "et/ou", "und/oder") joins, it does not separate two
/// titles: it becomes a space before alternatives are split on '/'.
fn either_or(s: &str) -> String {
    const PAIRS: &[&str] = &["and/or", "y/o", "et/ou", "und/oder", "e/o", "e/ou", "i/lub"];
    if !s.contains('/') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    'outer: while !rest.is_empty() {
        for p in PAIRS {
            if rest.len() >= p.len()
                && rest.is_char_boundary(p.len())
                && rest[..p.len()].eq_ignore_ascii_case(p)
                && out.chars().last().map_or(true, |c| !c.is_alphanumeric())
                && rest[p.len()..]
                    .chars()
                    .next()
                    .map_or(true, |c| !c.is_alphanumeric())
            {
                out.push(' ');
                rest = &rest[p.len()..];
                continue 'outer;
            }
        }
        let c = rest.chars().next().unwrap_or(' ');
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

fn strip_gender_parens(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(open) = rest.find('(') {
        let Some(close_rel) = rest[open..].find(')') else {
            break;
        };
        let inner = &rest[open + 1..open + close_rel];
        out.push_str(&rest[..open]);
        if !GENDER_MARKERS.contains(&fold(inner).as_str()) {
            out.push(' ');
            out.push_str(inner);
            out.push(' ');
        }
        rest = &rest[open + close_rel + 1..];
    }
    out.push_str(rest);
    // "Berater:in", "Berater*in", "Berater_in", "BeraterIn"
    for m in [":innen", "*innen", "_innen", ":in", "*in", "_in"] {
        out = out.replace(m, "");
    }
    out
}

/// Alternatives split on '/': gendered endings ("infirmier/ère", "Berater/in", "técnico/a") are
/// dropped; two full titles ("directeur technique/directrice technique") are both kept.
fn slash_alternatives(s: &str) -> Vec<String> {
    if !s.contains('/') {
        return vec![s.to_string()];
    }
    let parts: Vec<&str> = s.split('/').collect();
    let mut out = vec![parts[0].trim().to_string()];
    for p in &parts[1..] {
        let f = fold(p);
        let letters = f.chars().filter(|c| c.is_ascii_alphabetic()).count();
        let words = f.split(' ').filter(|w| !w.is_empty()).count();
        let gendered_ending = GENDER_MARKERS.contains(&f.as_str())
            || (words == 1 && letters <= 5)
            || p.trim_start().starts_with('-');
        if gendered_ending {
            // keep the rest of a multi-word ending ("técnico/a de sistemas")
            if words > 1 {
                let tail: String = f.split(' ').skip(1).collect::<Vec<_>>().join(" ");
                if let Some(last) = out.last_mut() {
                    last.push(' ');
                    last.push_str(&tail);
                }
            }
            continue;
        }
        out.push(p.trim().to_string());
    }
    // "Opérateur / Opératrice de fabrication", "Tierwirt/Tierwirtin Fachrichtung Schweinehaltung":
    // the first form shares the tail of the second
    // ("Staatlich geprüfter Techniker/Staatlich geprüfte Technikerin Fachrichtung Mechatronik":
    // also when the first form is several words, each the other gender of the second's)
    if out.len() == 2 {
        let first: Vec<&str> = out[0].split_whitespace().collect();
        let second: Vec<&str> = out[1].split_whitespace().collect();
        let n = first.len();
        let gendered_pair = n == 1
            || first
                .iter()
                .zip(&second)
                .all(|(a, b)| other_gender_of(&fold(a), &fold(b)));
        if n >= 1 && second.len() > n && gendered_pair {
            out[0] = format!("{} {}", out[0], second[n..].join(" "));
        }
    }
    out
}

/// Whether two folded words are one word in two genders ("geprufter"/"geprufte",
/// "techniker"/"technikerin", "tecnico"/"tecnica", "operateur"/"operatrice"): equal, or sharing
/// a stem of at least four letters that is most of the shorter word.
fn other_gender_of(a: &str, b: &str) -> bool {
    let common = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
    let shorter = a.len().min(b.len());
    a == b || (common >= 4 && common * 5 >= shorter * 3)
}

/// Normalise a job title into one or more token lists (alternatives), with gender markers
/// removed, inverted index forms put right ("Accountant, chartered" → "chartered accountant"),
/// abbreviations expanded, stop words dropped and plurals singularised.
pub fn title_variants(raw: &str, lang: &str) -> Vec<Vec<String>> {
    let (named, _) = split_exclusions(raw);
    let cleaned = strip_gender_parens(&either_or(&named));
    let mut out: Vec<Vec<String>> = Vec::new();
    for alt in slash_alternatives(&cleaned) {
        let parts: Vec<&str> = alt
            .split(',')
            .map(|p| p.trim())
            .filter(|p| !p.is_empty())
            .collect();
        // "Accountant, chartered": an index form puts the head noun first; a longer first part
        // is a title followed by more of it ("Operadores de máquinas para elaborar cal, yeso")
        let text = if parts.len() == 2
            && fold(parts[0]).split(' ').count() <= 3
            && fold(parts[1]).split(' ').count() <= 5
        {
            format!("{} {}", parts[1], parts[0])
        } else {
            parts.join(" ")
        };
        let toks = title_tokens(&text, lang);
        if !toks.is_empty() && !out.contains(&toks) {
            out.push(toks);
        }
    }
    out
}

/// Words after which a title names its specialisation.
const SPECIALISATION_MARKERS: &[&str] = &[
    "fachrichtung",
    "schwerpunkt",
    "fachbereich",
    "teilbereich",
    "einsatzgebiet",
];

/// Whether `hay` contains the ASCII text `needle`, ignoring ASCII case, without allocating.
pub fn contains_ignore_ascii_case(hay: &str, needle: &str) -> bool {
    let n = needle.as_bytes();
    !n.is_empty()
        && hay
            .as_bytes()
            .windows(n.len())
            .any(|w| w.eq_ignore_ascii_case(n))
}

/// A word after which a title names its specialisation ("Fachrichtung", "Schwerpunkt").
pub fn is_specialisation_marker(folded_word: &str) -> bool {
    SPECIALISATION_MARKERS.contains(&folded_word)
}

/// The context a title gives in parentheses (index forms: "Operator, machine: drilling
/// (plastics)", "Worker, farm: skilled (jute)"): the industry, material or product that decides
/// the unit group among occupations doing the same work. Only index forms (a comma or colon
/// before the parenthesis) carry it; elsewhere a parenthesis is as likely a school type or a
/// field ("Informatiker (Hochschule)"). Gender markers are not context.
pub fn title_context(raw: &str, lang: &str) -> Vec<String> {
    let mut out = Vec::new();
    // most titles have neither: nothing to fold (this runs for every title coded)
    if !raw.contains('(')
        && !SPECIALISATION_MARKERS
            .iter()
            .any(|m| contains_ignore_ascii_case(raw, m))
    {
        return out;
    }
    let (named, _) = split_exclusions(raw);
    // German titles name the specialisation after a marker ("Techniker Fachrichtung
    // Bautechnik", "Fachwirt Schwerpunkt Logistik")
    let folded = fold(&named);
    let words: Vec<&str> = folded.split(' ').collect();
    if let Some(i) = words.iter().position(|w| is_specialisation_marker(w)) {
        for t in title_tokens(&words[i + 1..].join(" "), lang) {
            if !out.contains(&t) {
                out.push(t);
            }
        }
    }
    let before = named.split('(').next().unwrap_or("");
    if !before.contains([',', ':']) {
        return out;
    }
    let mut rest = named.as_str();
    while let Some(open) = rest.find('(') {
        let Some(close_rel) = rest[open..].find(')') else {
            break;
        };
        let inner = &rest[open + 1..open + close_rel];
        if !GENDER_MARKERS.contains(&fold(inner).as_str()) {
            for t in title_tokens(inner, lang) {
                if !out.contains(&t) {
                    out.push(t);
                }
            }
        }
        rest = &rest[open + close_rel + 1..];
    }
    out
}

/// The normalised tokens of a text that has no alternatives.
pub fn title_tokens(text: &str, lang: &str) -> Vec<String> {
    let mut f = format!(" {} ", fold(text));
    if f.contains(" first line ") {
        for (from, to) in FIRST_LINE {
            f = f.replace(from, to);
        }
    }
    // cheap test first: most titles carry no qualifier, so look for their first words
    let has_first_word = |q: &str| {
        let first = q.split(' ').next().unwrap_or(q);
        f.split(' ').any(|w| w == first)
    };
    let present: Vec<&str> = QUALIFIERS
        .iter()
        .copied()
        .filter(|q| has_first_word(q))
        .collect();
    for q in present {
        let pat = format!(" {q} ");
        while let Some(i) = f.find(&pat) {
            f.replace_range(i..i + pat.len(), " ");
        }
    }
    let stops = stop_words(lang);
    let mut toks = Vec::new();
    for t in tokens(f.trim()) {
        if stops.contains(&t) || t.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        if let Some((_, exp)) = ABBREVIATIONS.iter().find(|(a, _)| *a == t) {
            for e in exp.split(' ') {
                toks.push(stem_lang(e, lang));
            }
        } else {
            let st = stem_lang(t, lang);
            // checked again after stemming ("0010s" → "0010"), so normalising is idempotent
            if !st.bytes().all(|b| b.is_ascii_digit()) && !stops.contains(&st.as_str()) {
                toks.push(st);
            }
        }
    }
    toks
}

#[cfg(test)]
mod title_tests {
    use super::*;
    #[test]
    fn and_or_joins() {
        assert_eq!(
            title_variants("Pintores de bandas y/o señales", "es"),
            title_variants("Pintores de bandas señales", "es")
        );
        assert_eq!(either_or("Cal, yeso Y/O escayola"), "Cal, yeso   escayola");
        assert_eq!(either_or("Lehrer/in"), "Lehrer/in");
    }

    #[test]
    fn exclusions_are_split_off() {
        assert_eq!(
            split_exclusions("Hawker, except food"),
            ("Hawker, ".to_string(), "food".to_string())
        );
        let (kept, ex) = split_exclusions(
            "Operator, still: batch (chemical processes except petroleum and gas)",
        );
        assert_eq!(ex, "petroleum and gas");
        assert_eq!(fold(&kept), "operator still batch chemical processes");
        assert_eq!(
            title_variants("Painter, brush: except construction", "en"),
            title_variants("Painter, brush:", "en")
        );
        assert_eq!(split_exclusions("Exceptional child teacher").1, "");
    }

    #[test]
    fn gendered_and_inverted_forms() {
        assert_eq!(
            title_variants("Agrarberater/in (m/w/d)", "de"),
            vec![vec!["agrarberater"]]
        );
        assert_eq!(
            title_variants("director técnico/directora técnica", "es"),
            vec![vec!["director", "tecnico"], vec!["directora", "tecnica"]]
        );
        assert_eq!(
            title_variants("infirmier/ière (h/f)", "fr"),
            vec![vec!["infirmier"]]
        );
        assert_eq!(
            title_variants("Accountant, chartered", "en"),
            vec![vec!["chartered", "accountant"]]
        );
        assert_eq!(
            title_variants("Sales Mgr", "en"),
            vec![vec!["sale", "manager"]]
        );
        assert_eq!(title_variants("Nurses", "en"), vec![vec!["nurse"]]);
        // a specialisation written once, after the second form, belongs to both; the
        // certificate before the title is no part of the work
        assert_eq!(
            title_variants(
                "Staatlich geprüfter Techniker/Staatlich geprüfte Technikerin Fachrichtung Mechatronik",
                "de"
            ),
            vec![
                vec!["techniker", "fachrichtung", "mechatronik"],
                vec!["technikerin", "fachrichtung", "mechatronik"]
            ]
        );
        assert_eq!(
            title_variants("Électricien monteur / Électricienne monteuse réseaux", "fr"),
            vec![
                vec!["electricien", "monteur", "reseau"],
                vec!["electricienne", "monteuse", "reseau"]
            ]
        );
        // two titles that are not one title in two genders keep their own words
        assert_eq!(
            title_variants(
                "Sachbearbeiter Einkauf/Assistent der Geschäftsführung",
                "de"
            ),
            vec![
                vec!["sachbearbeiter", "einkauf"],
                vec!["assistent", "geschaftsfuhrung"]
            ]
        );
        // the markers of other languages: Dutch, Polish, Czech, Hungarian
        assert_eq!(
            title_variants("Verkoopmedewerker (m/v/x)", "nl"),
            vec![vec!["verkoopmedewerker"]]
        );
        assert_eq!(
            title_variants("Kierownik sprzedaży (k/m)", "pl"),
            title_variants("Kierownik sprzedaży", "pl")
        );
        assert_eq!(title_variants("Účetní (m/ž)", "cs"), vec![vec!["ucetni"]]);
        assert_eq!(title_variants("Eladó (f/n)", "hu"), vec![vec!["elado"]]);
        // the woman's title and the man's, and a possessive, are one title
        for (a, b, lang) in [
            ("mikrobiologė", "mikrobiologas", "lt"),
            ("skolotāja", "skolotājs", "lv"),
            ("programátorka", "programátor", "cs"),
            ("učiteljica", "učitelj", "hr"),
            ("profesoară", "profesor", "ro"),
            ("lucrătoare", "lucrător", "ro"),
            (
                "takarítószolgálat vezetője",
                "takarítószolgálat-vezető",
                "hu",
            ),
        ] {
            assert_eq!(
                title_variants(a, lang),
                title_variants(b, lang),
                "{a} / {b}"
            );
        }
        // function words of each ESCO language
        assert_eq!(
            title_variants("ingeniør inden for telekommunikation", "da"),
            vec![vec!["ingenior", "telekommunikation"]]
        );
        assert_eq!(
            title_variants("kierownik ds. sprzedaży", "pl"),
            vec![vec!["kierownik", "sprzedazy"]]
        );
    }
}
