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
    /// A list, items separated by `|`.
    List,
    /// `oui`/`non`, `vrai`/`faux`, `true`/`false`, `1`/`0`.
    Bool,
}

/// Every column, with its kind.
pub const COLUMNS: &[(&str, Kind)] = &[
    ("recours", Kind::Text),
    ("lettre.date", Kind::Text),
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
    ("demandeur.date_naissance", Kind::Text),
    ("demandeur.lieu_naissance", Kind::Text),
    ("demandeur.telephone", Kind::Text),
    ("demandeur.courriel", Kind::Text),
    ("titulaire.civilite", Kind::Text),
    ("titulaire.prenom", Kind::Text),
    ("titulaire.nom", Kind::Text),
    ("titulaire.date_naissance", Kind::Text),
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
    ("demande.date", Kind::Text),
    ("decision.date", Kind::Text),
    ("decision.notification", Kind::Text),
    ("decision.reference", Kind::Text),
    ("decision.motif", Kind::Text),
    ("decision.mentionne_voies_recours", Kind::Bool),
    ("decision.tribunal", Kind::Text),
    ("destinataire.id", Kind::Text),
    ("destinataire.nom", Kind::Text),
    ("destinataire.adresse", Kind::List),
    ("destinataire.civilite", Kind::Text),
    ("recours_gracieux.envoi", Kind::Text),
    ("recours_gracieux.reception", Kind::Text),
    ("recours_gracieux.rejet", Kind::Text),
    ("recours_gracieux.numero_recommande", Kind::Text),
    ("recours_hierarchique.envoi", Kind::Text),
    ("recours_hierarchique.reception", Kind::Text),
    ("recours_hierarchique.rejet", Kind::Text),
    ("recours_hierarchique.numero_recommande", Kind::Text),
    ("signalement.date", Kind::Text),
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
    fn booleans_in_french_and_english() {
        assert_eq!(parse_bool("Oui"), Some(true));
        assert_eq!(parse_bool("FAUX"), Some(false));
        assert_eq!(parse_bool("peut-être"), None);
    }
}
