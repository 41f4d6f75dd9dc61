//! Who took the decision, named for the letter's sentences (« le préfet du Var (Cert de
//! Toulon) a rejeté… », « auprès du consul général de France à Casablanca »).
//!
//! A Cert instructs the file; the decision is taken in the name of the préfet of the
//! département where it sits (décret n° 55-1397, art. 2: « délivrée ou renouvelée par le
//! préfet »), in Paris the préfet de police, abroad the head of the consular post.

use serde::Serialize;

use super::addressee::{Addressee, a_ville};
use crate::case::{Case, Civilite, Depot, LetterKind};
use crate::offices::{Office, Offices};

/// The author of the contested decision.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Author {
    /// « le préfet du Var (Cert de Toulon) », « l'ambassadeur de France au Maroc ».
    pub avec_article: String,
    /// The same after « de »: « du préfet du Var (Cert de Toulon) ».
    pub de: String,
}

impl Author {
    fn new(avec_article: String) -> Author {
        let de = if let Some(rest) = avec_article.strip_prefix("le ") {
            format!("du {rest}")
        } else if let Some(rest) = avec_article.strip_prefix("la ") {
            format!("de la {rest}")
        } else if let Some(rest) = avec_article.strip_prefix("l'") {
            format!("de l'{rest}")
        } else {
            format!("de {avec_article}")
        };
        Author { avec_article, de }
    }
}

/// The author from the tables, unless the case's `[destinataire]` names another authority for
/// a letter that goes to the author itself: the letter then does not guess its name.
pub(super) fn of(case: &Case, offices: &Offices, addressee: &Addressee) -> Author {
    let to_author = matches!(
        super::routed_as(case),
        LetterKind::Gracieux | LetterKind::Signalement
    );
    if to_author && addressee.id == "fourni" {
        return Author::new("l'autorité qui a pris la décision".to_string());
    }
    let nom = match &case.demande.depot {
        Depot::Mairie { departement, .. } => match offices.cert_for(departement) {
            Some(o) => cert_author(o),
            None => "l'autorité qui a pris la décision".to_string(),
        },
        Depot::Consulat { ville, .. } => {
            format!("le consul général de France {}", a_ville(ville))
        }
        Depot::Ambassade { pays, .. } => format!("l'ambassadeur de France {}", pays.locatif()),
    };
    // A letter that opens « Madame la Préfète, » goes on with « la préfète du Var a rejeté »:
    // the addressee is then the author, and her title is feminine (circulaire of 2002).
    if to_author && addressee.civilite == Some(Civilite::Madame) {
        return Author::new(feminine(&nom));
    }
    Author::new(nom)
}

/// The feminine title of the author's office; a name it does not know is kept as it is.
fn feminine(nom: &str) -> String {
    const TITLES: [(&str, &str); 3] = [
        ("le préfet ", "la préfète "),
        ("le consul général ", "la consule générale "),
        ("l'ambassadeur ", "l'ambassadrice "),
    ];
    TITLES
        .iter()
        .find_map(|(m, f)| nom.strip_prefix(m).map(|rest| format!("{f}{rest}")))
        .unwrap_or_else(|| nom.to_string())
}

/// « le préfet du Var (Cert de Toulon) », « le préfet de police ».
fn cert_author(o: &Office) -> String {
    if o.id == "prefecture-de-police" {
        return "le préfet de police".to_string();
    }
    let cert = o
        .destinataire
        .last()
        .map_or(String::new(), |l| l.replace("titres (Cert) ", "Cert "));
    if o.prefet_de.is_empty() {
        format!("le préfet dont relève le {cert}")
    } else {
        format!("le préfet {} ({cert})", o.prefet_de)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::tests::{BASE, abroad, parse_toml};

    fn author(text: &str) -> Author {
        let case = parse_toml(text).unwrap();
        let route = crate::route::route(&case, Offices::builtin()).unwrap();
        of(&case, Offices::builtin(), &route.destinataire)
    }

    #[test]
    fn a_cert_decides_in_the_name_of_the_prefet_of_its_departement() {
        let a = author(BASE);
        assert_eq!(a.avec_article, "le préfet du Var (Cert de Toulon)");
        assert_eq!(a.de, "du préfet du Var (Cert de Toulon)");
    }

    #[test]
    fn a_supplied_addressee_that_is_not_the_tables_office_is_not_renamed() {
        let text = format!(
            "{BASE}\n[destinataire]\nnom = \"Préfecture des Bouches-du-Rhône\"\nadresse = [\"Place Félix-Baret\", \"13006 Marseille\"]\n"
        );
        assert_eq!(
            author(&text).avec_article,
            "l'autorité qui a pris la décision"
        );
    }

    /// « Madame la Préfète, » was followed by « le préfet du Var (Cert de Toulon) a rejeté ».
    #[test]
    fn a_woman_addressed_as_author_is_named_with_her_feminine_title() {
        let with_madame = |text: &str| format!("{text}\n[destinataire]\ncivilite = \"Madame\"\n");
        let a = author(&with_madame(BASE));
        assert_eq!(a.avec_article, "la préfète du Var (Cert de Toulon)");
        assert_eq!(a.de, "de la préfète du Var (Cert de Toulon)");
        let a = author(&with_madame(&abroad(BASE, "ambassade", "pays = \"Maroc\"")));
        assert_eq!(a.avec_article, "l'ambassadrice de France au Maroc");
        let a = author(&with_madame(&abroad(
            BASE,
            "consulat",
            "pays = \"Maroc\"\nville = \"Casablanca\"",
        )));
        assert_eq!(a.de, "de la consule générale de France à Casablanca");
        // A hiérarchique goes to the minister: the author is someone else, left as it was.
        let hier = BASE.replace("recours = \"gracieux\"", "recours = \"hierarchique\"");
        assert_eq!(
            author(&with_madame(&hier)).avec_article,
            "le préfet du Var (Cert de Toulon)"
        );
    }

    #[test]
    fn abroad_the_head_of_post_decides() {
        let a = author(&abroad(BASE, "ambassade", "pays = \"Maroc\""));
        assert_eq!(a.de, "de l'ambassadeur de France au Maroc");
    }
}
