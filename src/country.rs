//! Country codes: ISO 3166-1 alpha-2, alpha-3 and English names (from the `rust_iso3166` crate),
//! plus Kosovo (`XK`/`XKX`, user-assigned) and the UK nations used by qualifications frameworks
//! (`GB-ENG`, `GB-SCT`, `GB-WLS`, `GB-NIR`).

use crate::text::fold;

/// A resolved country.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Country {
    /// ISO alpha-2 (`DE`), or a UK nation code (`GB-SCT`).
    pub code: String,
    pub alpha3: String,
    pub name: String,
}

const EXTRA: &[(&str, &str, &str)] = &[
    ("XK", "XKX", "Kosovo"),
    ("GB-ENG", "GB-ENG", "England"),
    ("GB-SCT", "GB-SCT", "Scotland"),
    ("GB-WLS", "GB-WLS", "Wales"),
    ("GB-NIR", "GB-NIR", "Northern Ireland"),
];

/// Common short English names that differ from the ISO long names.
const ALIASES: &[(&str, &str)] = &[
    ("united kingdom", "GB"),
    ("uk", "GB"),
    ("great britain", "GB"),
    ("britain", "GB"),
    ("united states", "US"),
    ("usa", "US"),
    ("america", "US"),
    ("russia", "RU"),
    ("syria", "SY"),
    ("iran", "IR"),
    ("south korea", "KR"),
    ("korea", "KR"),
    ("north korea", "KP"),
    ("vietnam", "VN"),
    ("viet nam", "VN"),
    ("laos", "LA"),
    ("bolivia", "BO"),
    ("venezuela", "VE"),
    ("tanzania", "TZ"),
    ("moldova", "MD"),
    ("palestine", "PS"),
    ("czech republic", "CZ"),
    ("czechia", "CZ"),
    ("dr congo", "CD"),
    ("democratic republic of the congo", "CD"),
    ("congo", "CG"),
    ("ivory coast", "CI"),
    ("cote d'ivoire", "CI"),
    ("turkey", "TR"),
    ("turkiye", "TR"),
    ("netherlands", "NL"),
    ("holland", "NL"),
    ("macedonia", "MK"),
    ("north macedonia", "MK"),
    ("taiwan", "TW"),
    ("brunei", "BN"),
    ("cape verde", "CV"),
    ("eswatini", "SZ"),
    ("swaziland", "SZ"),
    ("micronesia", "FM"),
    ("st lucia", "LC"),
    ("saint lucia", "LC"),
    ("st kitts and nevis", "KN"),
    ("st vincent and the grenadines", "VC"),
    ("burma", "MM"),
    ("east timor", "TL"),
    ("timor leste", "TL"),
    ("the gambia", "GM"),
    ("gambia", "GM"),
    ("bosnia", "BA"),
    ("bosnia herzegovina", "BA"),
    ("the netherlands", "NL"),
    ("uae", "AE"),
    ("emirates", "AE"),
    ("hong kong", "HK"),
    ("macau", "MO"),
    ("macao", "MO"),
    ("kyrgyzstan", "KG"),
    ("south sudan", "SS"),
    ("sao tome and principe", "ST"),
    ("curacao", "CW"),
    ("sint maarten", "SX"),
    ("st maarten", "SX"),
    ("bonaire", "BQ"),
    ("caribbean netherlands", "BQ"),
    // the EU's country code for Greece
    ("el", "GR"),
];

fn iso_name_simplified(name: &str) -> String {
    // "Korea, Republic of" -> "korea republic of"; drop bracketed parts.
    let mut s = String::new();
    let mut depth = 0;
    for c in name.chars() {
        match c {
            '(' | '[' => depth += 1,
            ')' | ']' => depth -= 1,
            _ if depth == 0 => s.push(c),
            _ => {}
        }
    }
    fold(&s)
}

fn make(code: &str) -> Option<Country> {
    if let Some((c, a3, n)) = EXTRA.iter().find(|(c, _, _)| c.eq_ignore_ascii_case(code)) {
        return Some(Country {
            code: c.to_string(),
            alpha3: a3.to_string(),
            name: n.to_string(),
        });
    }
    rust_iso3166::from_alpha2(&code.to_ascii_uppercase()).map(|c| Country {
        code: c.alpha2.to_string(),
        alpha3: c.alpha3.to_string(),
        name: c.name.to_string(),
    })
}

/// Resolve a country from an alpha-2, alpha-3 code or an English name.
pub fn resolve(input: &str) -> Option<Country> {
    let t = input.trim();
    if t.is_empty() {
        return None;
    }
    let up = t.to_ascii_uppercase();
    if let Some(c) = make(&up) {
        return Some(c);
    }
    if let Some((c, _, _)) = EXTRA.iter().find(|(_, a3, _)| a3.eq_ignore_ascii_case(&up)) {
        return make(c);
    }
    if up.len() == 3 {
        if let Some(c) = rust_iso3166::from_alpha3(&up) {
            return make(c.alpha2);
        }
    }
    let f = fold(t);
    if let Some((_, code)) = ALIASES.iter().find(|(n, _)| fold(n) == f) {
        return make(code);
    }
    if let Some((c, _, _)) = EXTRA.iter().find(|(_, _, n)| fold(n) == f) {
        return make(c);
    }
    rust_iso3166::ALL
        .iter()
        .find(|c| iso_name_simplified(c.name) == f || fold(c.name) == f)
        .and_then(|c| make(c.alpha2))
}

/// Adjectives of countries that name credentials ("Scottish Higher", "Malaysian Certificate of
/// Education", "Nigerian Certificate in Education"). Adjectives that are also the name of a
/// language ("French", "Chinese", "Arabic") are left out: a language course is no country's
/// credential; so is "American" ("American University of Beirut").
const ADJECTIVES: &[(&str, &str)] = &[
    ("scottish", "GB"),
    ("welsh", "GB"),
    ("british", "GB"),
    ("irish", "IE"),
    ("nigerian", "NG"),
    ("ghanaian", "GH"),
    ("kenyan", "KE"),
    ("ugandan", "UG"),
    ("tanzanian", "TZ"),
    ("zimbabwean", "ZW"),
    ("zambian", "ZM"),
    ("malawian", "MW"),
    ("south african", "ZA"),
    ("egyptian", "EG"),
    ("syrian", "SY"),
    ("iraqi", "IQ"),
    ("iranian", "IR"),
    ("afghan", "AF"),
    ("pakistani", "PK"),
    ("indian", "IN"),
    ("bangladeshi", "BD"),
    ("sri lankan", "LK"),
    ("nepalese", "NP"),
    ("nepali", "NP"),
    ("philippine", "PH"),
    ("malaysian", "MY"),
    ("singaporean", "SG"),
    ("indonesian", "ID"),
    ("jamaican", "JM"),
    ("trinidadian", "TT"),
    ("barbadian", "BB"),
    ("guyanese", "GY"),
    ("surinamese", "SR"),
    ("antillean", "CW"),
    ("aruban", "AW"),
    ("moroccan", "MA"),
    ("algerian", "DZ"),
    ("tunisian", "TN"),
    ("libyan", "LY"),
    ("sudanese", "SD"),
    ("ethiopian", "ET"),
    ("eritrean", "ER"),
    ("lebanese", "LB"),
    ("jordanian", "JO"),
    ("palestinian", "PS"),
    ("saudi", "SA"),
    ("yemeni", "YE"),
    ("moldovan", "MD"),
    ("colombian", "CO"),
    ("venezuelan", "VE"),
    ("peruvian", "PE"),
    ("brazilian", "BR"),
    ("argentine", "AR"),
    ("argentinian", "AR"),
    ("chilean", "CL"),
    ("cuban", "CU"),
    ("mexican", "MX"),
    ("ecuadorian", "EC"),
    ("bolivian", "BO"),
    ("australian", "AU"),
    ("canadian", "CA"),
    ("cameroonian", "CM"),
    ("senegalese", "SN"),
    ("ivorian", "CI"),
    ("congolese", "CD"),
    ("rwandan", "RW"),
    ("burundian", "BI"),
];

/// Aliases that are words of other meanings in running text ("el" is Spanish "the").
const NOT_IN_TEXT: &[&str] = &["el", "uk"];

/// Folded country names, aliases and adjectives to look for in a text, longest first, each
/// between spaces (a whole-word pattern).
fn names_in_text() -> &'static [(String, String)] {
    static NAMES: std::sync::OnceLock<Vec<(String, String)>> = std::sync::OnceLock::new();
    NAMES.get_or_init(|| {
        let mut v: Vec<(String, String)> = ALIASES
            .iter()
            .filter(|(n, _)| !NOT_IN_TEXT.contains(n))
            .map(|(n, c)| (fold(n), c.to_string()))
            .chain(
                ADJECTIVES
                    .iter()
                    .map(|(n, c)| (n.to_string(), c.to_string())),
            )
            .chain(
                rust_iso3166::ALL
                    .iter()
                    .map(|c| (iso_name_simplified(c.name), c.alpha2.to_string())),
            )
            // the UK nations: their qualifications are in the United Kingdom's catalogue
            .chain(EXTRA.iter().map(|(c, _, n)| {
                let code = if c.starts_with("GB-") { "GB" } else { c };
                (fold(n), code.to_string())
            }))
            .filter(|(n, _)| n.len() >= 4)
            .collect();
        v.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.cmp(b)));
        v.dedup();
        v.into_iter().map(|(n, c)| (format!(" {n} "), c)).collect()
    })
}

/// The countries a text names ("from the University of Curaçao", "Hong Kong Certificate of
/// Education", "Scotland"), in the order they appear, each once: whole words, the longest
/// name first ("Papua New Guinea" is not Guinea).
pub fn mentioned(text: &str) -> Vec<Country> {
    mentioned_in_folded(&fold(text))
}

/// [`mentioned`] for a text already folded with [`fold`].
pub fn mentioned_in_folded(folded: &str) -> Vec<Country> {
    let mut hay = format!(" {folded} ");
    let mut found: Vec<(usize, String)> = Vec::new();
    for (pat, code) in names_in_text() {
        while let Some(i) = hay.find(pat.as_str()) {
            if !found.iter().any(|(_, c)| c == code) {
                found.push((i, code.clone()));
            }
            // a shorter name inside a longer one found first is not named again
            hay.replace_range(i + 1..i + pat.len() - 1, &"#".repeat(pat.len() - 2));
        }
    }
    found.sort();
    found.into_iter().filter_map(|(_, c)| make(&c)).collect()
}

/// The closest countries to an unresolvable input, for error messages.
pub fn closest(input: &str, n: usize) -> Vec<String> {
    let f = fold(input);
    let mut scored: Vec<(f64, String)> = rust_iso3166::ALL
        .iter()
        .map(|c| {
            let name = iso_name_simplified(c.name);
            let s = strsim::jaro_winkler(&f, &name)
                .max(strsim::jaro_winkler(&f, &fold(c.alpha3)) * 0.9);
            (s, format!("{} ({})", c.alpha2, c.name))
        })
        .chain(
            EXTRA
                .iter()
                .map(|(c, _, n)| (strsim::jaro_winkler(&f, &fold(n)), format!("{c} ({n})"))),
        )
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    scored.into_iter().take(n).map(|(_, s)| s).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn resolves_codes_and_names() {
        assert_eq!(resolve("de").unwrap().code, "DE");
        assert_eq!(resolve("DZA").unwrap().code, "DZ");
        assert_eq!(resolve("XKX").unwrap().code, "XK");
        assert_eq!(resolve("Syria").unwrap().code, "SY");
        assert_eq!(resolve("Germany").unwrap().code, "DE");
        assert_eq!(resolve("GB-SCT").unwrap().code, "GB-SCT");
        assert!(resolve("Atlantis").is_none());
        assert_eq!(resolve("Côte d'Ivoire").unwrap().code, "CI");
        assert_eq!(resolve("Burma").unwrap().code, "MM");
        assert_eq!(resolve("EL").unwrap().code, "GR");
        assert_eq!(resolve("Bosnia-Herzegovina").unwrap().code, "BA");
        assert!(closest("Germny", 3).iter().any(|s| s.starts_with("DE")));
    }
}

#[cfg(test)]
mod mention_tests {
    use super::mentioned;

    fn codes(t: &str) -> Vec<String> {
        mentioned(t).into_iter().map(|c| c.code).collect()
    }

    #[test]
    fn countries_named_in_a_text() {
        assert_eq!(
            codes("Bachelor's degree from the University of Curaçao"),
            ["CW"]
        );
        assert_eq!(
            codes("Hong Kong Certificate of Education Examination"),
            ["HK"]
        );
        assert_eq!(codes("Diploma, Papua New Guinea"), ["PG"]);
        assert_eq!(
            codes("Scottish Qualifications Certificate, Scotland"),
            ["GB"]
        );
        // parts of words and words of other meanings are not countries
        assert!(codes("American University of Beirut Bachelor").is_empty());
        assert!(codes("Título de Licenciado en el área de Chadiana").is_empty());
        assert_eq!(codes("Diploma from Nigeria and Niger"), ["NG", "NE"]);
        // adjectives of countries, not of languages
        assert_eq!(codes("Malaysian Certificate of Education"), ["MY"]);
        assert_eq!(codes("Scottish Higher"), ["GB"]);
        assert!(codes("Certificate in French and Chinese").is_empty());
    }
}
