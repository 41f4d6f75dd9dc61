//! Forms of address: the appel that opens the letter and the closing formula that repeats it
//! (`reference/legal.md` §3.4).
//!
//! The appel depends on the office holder's role and, when known, gender; with an unknown
//! gender it falls back to « Madame, Monsieur, ». The closing repeats the appel word for word,
//! and its degree of respect (« haute », « très haute ») follows the role, not the gender: a
//! minister is addressed with « très haute considération » whoever holds the post. With no
//! known role, « considération distinguée », the safe generic closing.

use crate::case::Civilite;
use crate::offices::Fonction;

/// The appel: « Monsieur le Préfet, », « Madame l'Ambassadrice, », « Madame, Monsieur, ».
pub fn appel(fonction: Option<Fonction>, civilite: Option<Civilite>) -> String {
    use Civilite::{Madame, Monsieur};
    use Fonction::*;
    let Some(c) = civilite else {
        return "Madame, Monsieur,".to_string();
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

/// The closing formula, repeating `appel` exactly.
pub fn formule(appel: &str, fonction: Option<Fonction>) -> String {
    let degre = match fonction {
        Some(Fonction::Ambassadeur | Fonction::Ministre) => "ma très haute considération",
        Some(_) => "ma haute considération",
        None => "ma considération distinguée",
    };
    let appel = appel.trim_end_matches(',');
    format!("Je vous prie d'agréer, {appel}, l'expression de {degre}.")
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
        assert_eq!(
            formule("Madame, Monsieur,", Some(Fonction::Prefet)),
            "Je vous prie d'agréer, Madame, Monsieur, l'expression de ma haute considération."
        );
    }
}
