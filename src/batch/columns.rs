//! The columns a batch spreadsheet may have: the case file's keys, dotted.
//!
//! A cell is text; this table says which keys are lists (split on [`LIST_SEPARATOR`]) and
//! which are booleans, so that a row becomes the same structure as a case file.

/// Separates the items of a list in a cell: « 12 rue des Lilas | 84300 Cavaillon ».
pub const LIST_SEPARATOR: char = '|';

/// How a cell's text becomes a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// Text (dates are text too: `AAAA-MM-JJ`).
    Text,
    /// A date: `AAAA-MM-JJ`, or `JJ/MM/AAAA` as a spreadsheet writes it.
    Date,
    /// A list, items separated by `|`.
    List,
    /// `oui`/`non`, `vrai`/`faux`, `true`/`false`, `1`/`0`.
    Bool,
}

/// Every column, with its kind.
pub const COLUMNS: &[(&str, Kind)] = &[
    ("recours", Kind::Text),
    ("lettre.date", Kind::Date),
    ("lettre.lieu", Kind::Text),
    ("lettre.recommande", Kind::Bool),
    ("lettre.numero_recommande", Kind::Text),
    ("lettre.arguments", Kind::List),
    ("lettre.paragraphes", Kind::List),
    ("lettre.demande", Kind::Text),
    ("lettre.pieces_jointes", Kind::List),
    ("lettre.pieces_jointes_par_defaut", Kind::Bool),
    ("lettre.urgence", Kind::Text),
    ("demandeur.civilite", Kind::Text),
    ("demandeur.prenom", Kind::Text),
    ("demandeur.nom", Kind::Text),
    ("demandeur.adresse", Kind::List),
    ("demandeur.reside_a_l_etranger", Kind::Bool),
    ("demandeur.date_naissance", Kind::Date),
    ("demandeur.lieu_naissance", Kind::Text),
    ("demandeur.telephone", Kind::Text),
    ("demandeur.courriel", Kind::Text),
    ("titulaire.civilite", Kind::Text),
    ("titulaire.prenom", Kind::Text),
    ("titulaire.nom", Kind::Text),
    ("titulaire.date_naissance", Kind::Date),
    ("titulaire.lieu_naissance", Kind::Text),
    ("titulaire.qualite", Kind::Text),
    ("demande.document", Kind::Text),
    ("demande.motif", Kind::Text),
    ("demande.depot", Kind::Text),
    ("demande.departement", Kind::Text),
    ("demande.code_postal", Kind::Text),
    ("demande.commune", Kind::Text),
    ("demande.pays", Kind::Text),
    ("demande.ville", Kind::Text),
    ("demande.numero", Kind::Text),
    ("demande.date", Kind::Date),
    ("decision.date", Kind::Date),
    ("decision.notification", Kind::Date),
    ("decision.reference", Kind::Text),
    ("decision.motif", Kind::Text),
    ("decision.mentionne_voies_recours", Kind::Bool),
    ("decision.tribunal", Kind::Text),
    ("destinataire.id", Kind::Text),
    ("destinataire.nom", Kind::Text),
    ("destinataire.adresse", Kind::List),
    ("destinataire.civilite", Kind::Text),
    ("recours_gracieux.envoi", Kind::Date),
    ("recours_gracieux.reception", Kind::Date),
    ("recours_gracieux.rejet", Kind::Date),
    ("recours_gracieux.numero_recommande", Kind::Text),
    ("recours_hierarchique.envoi", Kind::Date),
    ("recours_hierarchique.reception", Kind::Date),
    ("recours_hierarchique.rejet", Kind::Date),
    ("recours_hierarchique.numero_recommande", Kind::Text),
    ("demande_motifs.envoi", Kind::Date),
    ("demande_motifs.communication", Kind::Date),
    ("requete.injonction", Kind::Text),
    ("requete.delai_injonction_jours", Kind::Text),
    ("requete.astreinte", Kind::Text),
    ("requete.urgence", Kind::Bool),
    ("requete.urgence_date", Kind::Date),
    ("requete.adresse_tribunal", Kind::List),
    ("signalement.date", Kind::Date),
    ("signalement.description", Kind::Text),
    ("faits.acte_etranger", Kind::Text),
    ("faits.certificat_nationalite", Kind::Text),
    ("faits.titre_anterieur", Kind::Text),
    ("faits.possession_etat", Kind::Text),
];

/// The kind of a column, if it exists.
pub fn kind(column: &str) -> Option<Kind> {
    COLUMNS.iter().find(|(c, _)| *c == column).map(|(_, k)| *k)
}

/// The known column a misspelt one was meant to be: a close spelling (« demandeur.prenon »),
/// or the same key with accents or without its table (« département »).
pub fn near_miss(column: &str) -> Option<&'static str> {
    let folded = crate::suggest::fold(column);
    let keys = COLUMNS.iter().map(|(c, _)| *c);
    if let Some(k) = keys.clone().find(|k| {
        crate::suggest::fold(k) == folded || k.rsplit('.').next() == Some(folded.as_str())
    }) {
        return Some(k);
    }
    crate::suggest::closest(column, keys)
}

/// `15/10/2026` (a spreadsheet's French date) as `2026-10-15`; anything else unchanged, for
/// the case's validation to judge.
pub fn spreadsheet_date(cell: &str) -> String {
    let parts: Vec<&str> = cell.split('/').collect();
    let digits = |s: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    match parts.as_slice() {
        [d, m, y] if digits(d, 1..=2) && digits(m, 1..=2) && digits(y, 4..=4) => {
            format!("{y}-{m:0>2}-{d:0>2}")
        }
        _ => cell.to_string(),
    }
}

/// A cell's boolean, in the words spreadsheets use.
pub fn parse_bool(cell: &str) -> Option<bool> {
    match crate::suggest::fold(cell).as_str() {
        "oui" | "vrai" | "true" | "1" | "o" | "x" => Some(true),
        "non" | "faux" | "false" | "0" | "n" => Some(false),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spreadsheet_dates_become_iso() {
        assert_eq!(spreadsheet_date("15/10/2026"), "2026-10-15");
        assert_eq!(spreadsheet_date("5/3/2026"), "2026-03-05");
        assert_eq!(spreadsheet_date("2026-10-15"), "2026-10-15");
        assert_eq!(spreadsheet_date("15/10/26"), "15/10/26");
    }

    #[test]
    fn near_misses_and_accented_keys_find_their_column() {
        assert_eq!(near_miss("demandeur.prenon"), Some("demandeur.prenom"));
        assert_eq!(near_miss("département"), Some("demande.departement"));
        assert_eq!(
            near_miss("demande.département"),
            Some("demande.departement")
        );
        assert_eq!(near_miss("notes"), None);
        assert_eq!(near_miss("commentaire"), None);
    }

    #[test]
    fn booleans_in_french_and_english() {
        assert_eq!(parse_bool("Oui"), Some(true));
        assert_eq!(parse_bool("FAUX"), Some(false));
        assert_eq!(parse_bool("peut-être"), None);
    }
}
