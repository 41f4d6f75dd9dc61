//! Output file names for a batch: from a pattern (`{ligne}-{nom}` by default), made safe.
//!
//! A name can never leave the output folder (no `/`, no `..`, no leading dot), stays
//! readable (accents transliterated the same way every time: « Élodie Müller » →
//! `elodie-muller`), and never overwrites another row's letter: a name already used gets the
//! row number appended.

use std::collections::HashSet;

use crate::error::Error;

/// The default pattern: row number and surname.
pub const DEFAULT_PATTERN: &str = "{ligne}-{nom}";

/// Longest file name we produce, extension included.
const MAX_NAME_CHARS: usize = 100;

/// Hands out one unique, safe file name per row.
#[derive(Debug)]
pub struct Namer {
    pattern: String,
    /// Names handed out (lower case). With the row number first in the pattern, names are
    /// unique by construction and only reserved ones are kept, so memory does not grow with
    /// the rows (issue 14, item 8).
    used: HashSet<String>,
    unique_by_row: bool,
}

impl Namer {
    /// Checks the pattern: only `{ligne}`, `{nom}`, `{prenom}` and `{recours}` placeholders.
    pub fn new(pattern: &str) -> Result<Namer, Error> {
        let mut rest = pattern;
        while let Some(start) = rest.find('{') {
            let Some(len) = rest[start..].find('}') else {
                return Err(Error::usage(
                    format!("modèle de nom « {pattern} » : accolade non fermée"),
                    "par exemple --noms \"{ligne}-{nom}\"",
                ));
            };
            let name = &rest[start + 1..start + len];
            if !["ligne", "nom", "prenom", "recours"].contains(&name) {
                return Err(Error::usage(
                    format!("modèle de nom « {pattern} » : « {{{name}}} » inconnu"),
                    "utilisez {ligne}, {nom}, {prenom} et {recours}",
                ));
            }
            rest = &rest[start + len + 1..];
        }
        if pattern.trim().is_empty() {
            return Err(Error::usage(
                "modèle de nom vide",
                "par exemple --noms \"{ligne}-{nom}\"",
            ));
        }
        Ok(Namer {
            pattern: pattern.to_string(),
            used: HashSet::new(),
            unique_by_row: pattern.starts_with("{ligne}"),
        })
    }

    /// Keeps `name` from every row (the assembled file, when it lies among the letters).
    pub fn reserve(&mut self, name: &str) {
        self.used.insert(name.to_lowercase());
    }

    /// The file name for a row (with `.pdf`), unique among the names handed out so far.
    pub fn name(&mut self, ligne: u64, fields: &Fields<'_>) -> String {
        let filled = self
            .pattern
            .replace("{ligne}", &format!("{ligne:05}"))
            .replace("{nom}", &slug(fields.nom.unwrap_or("sans-nom")))
            .replace("{prenom}", &slug(fields.prenom.unwrap_or("")))
            .replace("{recours}", &slug(fields.recours.unwrap_or("")));
        let mut base = safe(&filled);
        if base.is_empty() {
            base = format!("{ligne:05}");
        }
        if reserved_on_windows(&base) {
            base = format!("{ligne:05}-{base}");
        }
        let mut name = format!("{base}.pdf");
        let taken = if self.unique_by_row {
            self.used.contains(&name.to_lowercase())
        } else {
            !self.used.insert(name.to_lowercase())
        };
        if taken {
            name = format!("{base}-{ligne:05}.pdf");
            let mut n = 2;
            while !self.used.insert(name.to_lowercase()) {
                name = format!("{base}-{ligne:05}-{n}.pdf");
                n += 1;
            }
        }
        name
    }
}

/// `con`, `lpt1`…: names Windows cannot open, whatever the extension (issue 14, item 10).
fn reserved_on_windows(base: &str) -> bool {
    let stem = base.split('.').next().unwrap_or("").to_ascii_lowercase();
    matches!(stem.as_str(), "con" | "prn" | "aux" | "nul")
        || ((stem.starts_with("com") || stem.starts_with("lpt"))
            && stem.len() == 4
            && stem.as_bytes()[3].is_ascii_digit())
}

/// What a pattern can use from a row.
#[derive(Debug, Default)]
pub struct Fields<'a> {
    /// `demandeur.nom`.
    pub nom: Option<&'a str>,
    /// `demandeur.prenom`.
    pub prenom: Option<&'a str>,
    /// `recours`.
    pub recours: Option<&'a str>,
}

/// « Élodie Müller » → `elodie-muller`: ASCII letters and digits, single dashes.
pub fn slug(s: &str) -> String {
    let folded = crate::suggest::fold(s);
    let slug = folded
        .split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-");
    slug.chars()
        .take(40)
        .collect::<String>()
        .trim_end_matches('-')
        .to_string()
}

/// Keeps letters, digits, `-`, `_` and `.`; no leading dot; bounded length.
fn safe(name: &str) -> String {
    let mapped: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let mut out = String::new();
    for c in mapped.chars() {
        if (c == '-' || c == '.') && out.ends_with(c) {
            continue;
        }
        out.push(c);
    }
    let out = out
        .trim_start_matches(['.', '-'])
        .trim_end_matches(['.', '-']);
    out.chars().take(MAX_NAME_CHARS - 4).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(nom: &str) -> Fields<'_> {
        Fields {
            nom: Some(nom),
            prenom: Some("Élodie"),
            recours: Some("gracieux"),
        }
    }

    #[test]
    fn default_names_are_readable_and_sortable() {
        let mut n = Namer::new(DEFAULT_PATTERN).unwrap();
        assert_eq!(n.name(3, &fields("Müller")), "00003-muller.pdf");
        assert_eq!(n.name(4, &fields("N'Diaye-Sarr")), "00004-n-diaye-sarr.pdf");
        assert_eq!(n.name(5, &Fields::default()), "00005-sans-nom.pdf");
    }

    #[test]
    fn paths_cannot_escape_and_duplicates_get_the_row_number() {
        let mut n = Namer::new("{nom}").unwrap();
        assert_eq!(n.name(2, &fields("../../etc/passwd")), "etc-passwd.pdf");
        assert_eq!(n.name(3, &fields("Martin")), "martin.pdf");
        assert_eq!(n.name(4, &fields("MARTIN")), "martin-00004.pdf");
        assert_eq!(n.name(5, &fields("martin")), "martin-00005.pdf");
        let mut n = Namer::new("../{nom}/x").unwrap();
        let name = n.name(1, &fields("a"));
        assert!(!name.contains('/') && !name.starts_with('.'), "{name}");
    }

    #[test]
    fn windows_reserved_names_get_the_row_number() {
        let mut n = Namer::new("{nom}").unwrap();
        assert_eq!(n.name(2, &fields("Con")), "00002-con.pdf");
        assert_eq!(n.name(3, &fields("LPT1")), "00003-lpt1.pdf");
        assert_eq!(n.name(4, &fields("Conte")), "conte.pdf");
    }

    #[test]
    fn a_reserved_name_is_never_handed_out() {
        let mut n = Namer::new(DEFAULT_PATTERN).unwrap();
        n.reserve("00002-martin.pdf");
        assert_eq!(n.name(2, &fields("Martin")), "00002-martin-00002.pdf");
        assert_eq!(n.name(3, &fields("Martin")), "00003-martin.pdf");
    }

    #[test]
    fn bad_patterns_are_refused() {
        assert!(
            Namer::new("{ligne}-{nomm}")
                .unwrap_err()
                .to_string()
                .contains("{nomm}")
        );
        assert!(Namer::new("{ligne").is_err());
        assert!(Namer::new(" ").is_err());
    }
}
