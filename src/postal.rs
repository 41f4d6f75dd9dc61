//! Postal address blocks as La Poste reads them (norme NF Z10-011, `reference/legal.md` §5.4).
//!
//! Sorting machines read the last lines of the block: the street, the lieu-dit or post-office
//! box, and the postcode with the town. Those lines go in capitals without accents or
//! punctuation; the block has at most six lines (seven with the country) of at most 38
//! characters. The rules live here because both the tables' addresses and the addresses users
//! type must obey them.

use serde::Serialize;

/// Longest line La Poste accepts, spaces included.
pub const MAX_LINE_CHARS: usize = 38;
/// Most lines in a French address block (a seventh holds the country for mail from abroad).
pub const MAX_LINES: usize = 6;

/// A postal address whose parts are known, as in the offices tables.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PostalAddress {
    /// Street, building, BP or CS lines, in the order they are written.
    pub voie: Vec<String>,
    /// Five-digit postcode (or CEDEX code).
    pub code_postal: String,
    /// Town, as written in running text (« Paris »).
    pub localite: String,
    /// « Cedex 08 », or empty.
    pub cedex: String,
}

impl PostalAddress {
    /// The lines under the recipient's identity, normalised for sorting machines.
    pub fn lines(&self) -> Vec<String> {
        let mut lines: Vec<String> = self.voie.iter().map(|l| machine_line(l)).collect();
        let mut last = format!("{} {}", self.code_postal, self.localite);
        if !self.cedex.is_empty() {
            last.push(' ');
            last.push_str(&self.cedex);
        }
        lines.push(machine_line(&last));
        lines
    }
}

/// Capitals without accents, letters, digits and single spaces only: what La Poste asks of
/// the street and town lines. « 2-4, boulevard de l'Hautil » becomes « 2 4 BOULEVARD DE L HAUTIL ».
pub fn machine_line(line: &str) -> String {
    crate::suggest::fold(line).to_ascii_uppercase()
}

/// True when the line looks like « 84300 Cavaillon »: the line La Poste sorts on.
pub fn is_postcode_line(line: &str) -> bool {
    let t = line.trim();
    let digits = t.chars().take_while(char::is_ascii_digit).count();
    digits == 5 && t[5..].starts_with(' ') && t.len() > 6
}

/// A recipient address as typed, normalised for sorting machines: La Poste's « three last
/// lines » (the street, the lieu-dit or post-office box, the postcode and town), and a country
/// line after them, in capitals without accents or punctuation. The first line (the
/// recipient's name) and service lines above the street stay as typed. Without a French
/// postcode line, the lines from the first street-looking one are normalised.
pub fn normalise_block(lines: &[String]) -> Vec<String> {
    let first_machine = match lines.iter().rposition(|l| is_postcode_line(l)) {
        Some(p) => Some(p.saturating_sub(2).max(1).min(p)),
        None => lines
            .iter()
            .skip(1)
            .position(|l| is_street_line(l))
            .map(|i| i + 1),
    };
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| match first_machine {
            Some(f) if i >= f => machine_line(l),
            _ => l.trim().to_string(),
        })
        .collect()
}

/// The sender's address: as typed, but the postcode line's town in capitals (« 84300
/// CAVAILLON »), as French letters write it.
pub fn sender_block(lines: &[String]) -> Vec<String> {
    lines
        .iter()
        .map(|l| {
            if is_postcode_line(l) {
                machine_line(l)
            } else {
                l.trim().to_string()
            }
        })
        .collect()
}

/// « 12 rue des Lilas », « BP 71014 », « CS 60022 »: the lines La Poste reads by machine.
fn is_street_line(line: &str) -> bool {
    let t = line.trim();
    let upper = t.to_ascii_uppercase();
    t.starts_with(|c: char| c.is_ascii_digit())
        || upper.starts_with("BP ")
        || upper.starts_with("CS ")
        || upper.starts_with("TSA ")
        || upper.starts_with("LIBRE REPONSE")
}

/// What breaks La Poste's rules in an address block the user typed, as French sentences.
/// `lines` includes the identity line(s).
pub fn problems(lines: &[String]) -> Vec<String> {
    let mut problems = Vec::new();
    let nonempty = lines.iter().filter(|l| !l.trim().is_empty()).count();
    if nonempty > MAX_LINES {
        problems.push(format!(
            "l'adresse compte {nonempty} lignes ; La Poste en accepte {MAX_LINES} au plus \
             (regroupez ou supprimez des lignes)"
        ));
    }
    for line in lines {
        let n = line.chars().count();
        if n > MAX_LINE_CHARS {
            problems.push(format!(
                "la ligne « {line} » compte {n} caractères ; La Poste en accepte \
                 {MAX_LINE_CHARS} au plus, espaces compris (abrégez le type de voie : bd, av…)"
            ));
        }
    }
    if lines.iter().any(|l| l.trim().is_empty()) {
        problems.push("l'adresse contient une ligne vide ; supprimez-la".to_string());
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn machine_line_drops_accents_and_punctuation() {
        assert_eq!(
            machine_line("2-4, boulevard de l'Hautil"),
            "2 4 BOULEVARD DE L HAUTIL"
        );
        assert_eq!(machine_line("75195 Paris cedex 04"), "75195 PARIS CEDEX 04");
        assert_eq!(
            machine_line("97404 Saint-Denis Cedex"),
            "97404 SAINT DENIS CEDEX"
        );
        assert_eq!(machine_line("  Allée de l'Œuvre  "), "ALLEE DE L OEUVRE");
    }

    #[test]
    fn address_lines_end_with_postcode_town_and_cedex() {
        let a = PostalAddress {
            voie: vec!["Place Beauvau".into()],
            code_postal: "75800".into(),
            localite: "Paris".into(),
            cedex: "Cedex 08".into(),
        };
        assert_eq!(a.lines(), vec!["PLACE BEAUVAU", "75800 PARIS CEDEX 08"]);
    }

    #[test]
    fn typed_blocks_are_normalised_from_the_street_line() {
        let typed: Vec<String> = [
            "Préfecture du Var",
            "Service des titres",
            "Boulevard du 112e RI",
            "CS 31209",
            "83070 Toulon Cedex",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            normalise_block(&typed),
            vec![
                "Préfecture du Var",
                "Service des titres",
                "BOULEVARD DU 112E RI",
                "CS 31209",
                "83070 TOULON CEDEX"
            ]
        );
        let typed: Vec<String> = [
            "Consulat général",
            "1, rue Prince Moulay Abdallah",
            "20000 Casablanca",
            "Maroc",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(
            normalise_block(&typed),
            vec![
                "Consulat général",
                "1 RUE PRINCE MOULAY ABDALLAH",
                "20000 CASABLANCA",
                "MAROC"
            ]
        );
        let foreign: Vec<String> = ["Ambassade de France", "Rue X", "12 avenue Y", "Rabat"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            normalise_block(&foreign),
            vec!["Ambassade de France", "Rue X", "12 AVENUE Y", "RABAT"]
        );
        assert_eq!(
            sender_block(&["12 rue des Lilas".into(), "84300 Cavaillon".into()]),
            vec!["12 rue des Lilas", "84300 CAVAILLON"]
        );
    }

    #[test]
    fn postcode_line_is_recognised() {
        assert!(is_postcode_line("84300 Cavaillon"));
        assert!(!is_postcode_line("12 rue des Lilas"));
        assert!(!is_postcode_line("8430 Cavaillon"));
        assert!(!is_postcode_line("84300"));
    }

    #[test]
    fn problems_name_long_lines_and_too_many_lines() {
        let long = "12 boulevard du Général-de-Gaulle prolongé".to_string();
        let p = problems(std::slice::from_ref(&long));
        assert_eq!(p.len(), 1);
        assert!(p[0].contains("42 caractères"), "{p:?}");
        let many: Vec<String> = (0..7).map(|i| format!("ligne {i}")).collect();
        assert!(problems(&many)[0].contains("7 lignes"));
        assert!(
            problems(&["a".into(), " ".into()])
                .iter()
                .any(|p| p.contains("ligne vide"))
        );
        assert!(problems(&["Camille MARTIN".into(), "84300 Cavaillon".into()]).is_empty());
    }
}
