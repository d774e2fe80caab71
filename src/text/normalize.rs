//! Folding: any script to lower-case ASCII words.
//!
//! `fold` transliterates to Latin with `deunicode` (Cyrillic, Greek, Arabic, Devanagari, CJK …),
//! which also strips diacritics, lower-cases, turns punctuation into spaces and collapses spaces.
//! It is idempotent: `fold(fold(x)) == fold(x)`.

/// Fold a text to lower-case ASCII words separated by single spaces.
pub fn fold(s: &str) -> String {
    let ascii = if s.is_ascii() { std::borrow::Cow::Borrowed(s) } else { std::borrow::Cow::Owned(deunicode::deunicode(s)) };
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
        assert_eq!(fold("Diplôme d’Études Collégiales (DEC)"), "diplome d etudes collegiales dec");
        assert_eq!(fold("  Bakalavr  "), "bakalavr");
        assert_eq!(fold("Диплома за средно образование"), "diploma za sredno obrazovanie");
        assert_eq!(fold(""), "");
        let x = fold("Agrarberater/in (m/w/d)");
        assert_eq!(fold(&x), x);
    }
}
