//! Forms of address: the appel that opens the letter and the closing formula that repeats it
//! (`reference/legal.md` §3.4).
//!
//! The appel depends on the office holder's role and, when known, gender; with an unknown
//! gender it falls back to « Madame, Monsieur, ». The closing repeats the appel word for word,
//! and the pair is one row of the reference's table: a titled appel (« Monsieur le Préfet, »)
//! takes the degree of its role (« haute », « très haute » for a minister or an ambassador);
//! the neutral « Madame, Monsieur, » always takes « considération distinguée ».

use crate::case::Civilite;
use crate::offices::Fonction;

/// The appel: « Monsieur le Préfet, », « Madame l'Ambassadrice, », « Madame, Monsieur, ».
pub fn appel(fonction: Option<Fonction>, civilite: Option<Civilite>) -> String {
    use Civilite::{Madame, Monsieur};
    use Fonction::*;
    let Some(c) = civilite else {
        return NEUTRE.to_string();
    };
    let s = match (fonction, c) {
        (Some(Prefet), Monsieur) => "Monsieur le Préfet,",
        (Some(Prefet), Madame) => "Madame la Préfète,",
        (Some(PrefetDePolice), Monsieur) => "Monsieur le Préfet de police,",
        (Some(PrefetDePolice), Madame) => "Madame la Préfète de police,",
        (Some(ConsulGeneral), Monsieur) => "Monsieur le Consul général,",
        (Some(ConsulGeneral), Madame) => "Madame la Consule générale,",
        (Some(Ambassadeur), Monsieur) => "Monsieur l'Ambassadeur,",
        (Some(Ambassadeur), Madame) => "Madame l'Ambassadrice,",
        (Some(Ministre), Monsieur) => "Monsieur le Ministre,",
        (Some(Ministre), Madame) => "Madame la Ministre,",
        (Some(Directeur), Monsieur) => "Monsieur le Directeur,",
        (Some(Directeur), Madame) => "Madame la Directrice,",
        (Some(Defenseur), Monsieur) => "Monsieur le Défenseur des droits,",
        (Some(Defenseur), Madame) => "Madame la Défenseure des droits,",
        (None, Monsieur) => "Monsieur,",
        (None, Madame) => "Madame,",
    };
    s.to_string()
}

/// The neutral appel, used whenever the holder's gender is unknown.
pub const NEUTRE: &str = "Madame, Monsieur,";

/// « ma haute considération »: the degree that goes with `appel` (§3.4 of the reference).
pub fn consideration(appel: &str, fonction: Option<Fonction>) -> &'static str {
    if appel == NEUTRE {
        return "ma considération distinguée";
    }
    match fonction {
        Some(Fonction::Ambassadeur | Fonction::Ministre) => "ma très haute considération",
        Some(_) => "ma haute considération",
        None => "ma considération distinguée",
    }
}

/// The closing formula, repeating `appel` exactly.
pub fn formule(appel: &str, fonction: Option<Fonction>) -> String {
    let degre = consideration(appel, fonction);
    let appel = appel.trim_end_matches(',');
    format!("Je vous prie d'agréer, {appel}, l'expression de {degre}.")
}

/// The first line of a Cert's recipient block: the préfet in whose name it decides.
/// « Monsieur le Préfet du Var », « Madame la Préfète du Var », and, with no known gender,
/// the office: « Préfecture du Var ».
pub fn prefet_line(prefet_de: &str, civilite: Option<Civilite>) -> String {
    match civilite {
        Some(Civilite::Monsieur) => format!("Monsieur le Préfet {prefet_de}"),
        Some(Civilite::Madame) => format!("Madame la Préfète {prefet_de}"),
        None => format!("Préfecture {prefet_de}"),
    }
}

/// The first line of a minister's block, when the holder's gender is known: « Monsieur le
/// Ministre de l'Intérieur »; `None` keeps the ministry's own lines.
pub fn ministre_line(ministere: &str, civilite: Option<Civilite>) -> Option<String> {
    match civilite? {
        Civilite::Monsieur => Some(format!("Monsieur le Ministre {ministere}")),
        Civilite::Madame => Some(format!("Madame la Ministre {ministere}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_gender_falls_back_to_madame_monsieur() {
        for f in [
            None,
            Some(Fonction::Prefet),
            Some(Fonction::Ministre),
            Some(Fonction::Ambassadeur),
        ] {
            assert_eq!(appel(f, None), "Madame, Monsieur,");
        }
    }

    #[test]
    fn role_and_gender_pick_the_appel() {
        assert_eq!(
            appel(Some(Fonction::Prefet), Some(Civilite::Madame)),
            "Madame la Préfète,"
        );
        assert_eq!(
            appel(Some(Fonction::Ambassadeur), Some(Civilite::Madame)),
            "Madame l'Ambassadrice,"
        );
        assert_eq!(
            appel(Some(Fonction::ConsulGeneral), Some(Civilite::Madame)),
            "Madame la Consule générale,"
        );
        assert_eq!(
            appel(Some(Fonction::PrefetDePolice), Some(Civilite::Monsieur)),
            "Monsieur le Préfet de police,"
        );
        assert_eq!(
            appel(Some(Fonction::Directeur), Some(Civilite::Madame)),
            "Madame la Directrice,"
        );
    }

    #[test]
    fn closing_repeats_the_appel_and_ranks_by_role() {
        let a = appel(Some(Fonction::Ambassadeur), Some(Civilite::Monsieur));
        assert_eq!(
            formule(&a, Some(Fonction::Ambassadeur)),
            "Je vous prie d'agréer, Monsieur l'Ambassadeur, l'expression de ma très haute considération."
        );
        assert_eq!(
            formule("Madame, Monsieur,", None),
            "Je vous prie d'agréer, Madame, Monsieur, l'expression de ma considération distinguée."
        );
    }

    #[test]
    fn neutral_appel_always_closes_with_distinguished_consideration() {
        for f in [
            None,
            Some(Fonction::Prefet),
            Some(Fonction::Ministre),
            Some(Fonction::Defenseur),
        ] {
            assert_eq!(
                formule(NEUTRE, f),
                "Je vous prie d'agréer, Madame, Monsieur, l'expression de ma considération distinguée."
            );
        }
        let ministre = appel(Some(Fonction::Ministre), Some(Civilite::Monsieur));
        assert_eq!(
            formule(&ministre, Some(Fonction::Ministre)),
            "Je vous prie d'agréer, Monsieur le Ministre, l'expression de ma très haute considération."
        );
    }
}
