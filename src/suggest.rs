//! Matching what people type against the names the tool knows, and « vouliez-vous dire … ? ».
//!
//! Users type « cote d ivoire », « Nimes » or « renouvelement »: comparisons ignore case,
//! accents and punctuation, and an unknown value is answered with the closest known one.

/// Lower case, accents removed, every run of non-alphanumeric characters made one space.
/// « Côte-d'Ivoire » and « cote d ivoire » both give « cote d ivoire ».
pub fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        let ascii: std::borrow::Cow<'_, str> = if c.is_ascii() {
            std::borrow::Cow::Owned(c.to_string())
        } else {
            std::borrow::Cow::Borrowed(deunicode::deunicode_char(c).unwrap_or(" "))
        };
        for a in ascii.chars() {
            if a.is_ascii_alphanumeric() {
                if pending_space && !out.is_empty() {
                    out.push(' ');
                }
                pending_space = false;
                out.push(a.to_ascii_lowercase());
            } else {
                pending_space = true;
            }
        }
    }
    out
}

/// The known value closest to `wanted`, if it is close enough to be a typo.
pub fn closest<'a, I>(wanted: &str, known: I) -> Option<&'a str>
where
    I: IntoIterator<Item = &'a str>,
{
    let w = fold(wanted);
    known
        .into_iter()
        .map(|k| (strsim::jaro_winkler(&w, &fold(k)), k))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, k)| k)
}

/// « ; vouliez-vous dire « X » ? » when a close value exists, otherwise the list of values.
pub fn hint<'a, I>(wanted: &str, known: I) -> String
where
    I: IntoIterator<Item = &'a str> + Clone,
{
    match closest(wanted, known.clone()) {
        Some(k) => format!("vouliez-vous dire « {k} » ?"),
        None => {
            let all: Vec<String> = known.into_iter().map(|k| format!("« {k} »")).collect();
            format!("valeurs possibles : {}", all.join(", "))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_ignores_case_accents_and_punctuation() {
        assert_eq!(fold("Côte-d'Ivoire"), "cote d ivoire");
        assert_eq!(fold("  ÉTATS-UNIS "), "etats unis");
        assert_eq!(fold("Nîmes"), "nimes");
        assert_eq!(fold("Œuvre"), "oeuvre");
    }

    #[test]
    fn closest_finds_typos_only() {
        let known = ["gracieux", "hierarchique", "signalement", "defenseur"];
        assert_eq!(closest("gracieu", known), Some("gracieux"));
        assert_eq!(closest("hiérarchique", known), Some("hierarchique"));
        assert_eq!(closest("zzz", known), None);
        assert_eq!(hint("graceux", known), "vouliez-vous dire « gracieux » ?");
        assert!(hint("zzz", known).starts_with("valeurs possibles : « gracieux »"));
    }
}
