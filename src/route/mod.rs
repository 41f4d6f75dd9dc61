//! Which letter, to whom, and why.
//!
//! From the validated case this stage picks the addressee for every situation of the
//! service-public page (mairie → Cert or Préfecture de police; consulate → consul général;
//! embassy → ambassadeur; hiérarchique → DLPAJ or Service des Français à l'étranger;
//! signalement → Cert; Défenseur des droits), the forms of address, the court that would hear
//! the case, and the next steps. Each choice carries the rule and its source, so a user (or
//! the association helping them) can check it. A `[destinataire]` in the case file always wins
//! over the tables: it is copied from the decision itself.

mod addressee;
mod author;
mod court;
mod court_steps;
pub mod forms;
mod next_steps;

use serde::Serialize;

pub use addressee::{Addressee, a_ville};
pub use author::Author;
pub use court::CourtHint;

use crate::case::{Case, LetterKind};
use crate::error::Error;
use crate::offices::Offices;

/// A rule applied, and where it comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// The rule, as it applies to this case.
    pub regle: String,
    /// Its source: a text, a decision, a page.
    pub source: String,
}

impl Reason {
    fn new(regle: impl Into<String>, source: impl Into<String>) -> Self {
        Reason {
            regle: regle.into(),
            source: source.into(),
        }
    }
}

/// Everything routing decided for a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Route {
    /// The letter to write.
    pub recours: LetterKind,
    /// Who receives it.
    pub destinataire: Addressee,
    /// Who took the contested decision.
    pub auteur: Author,
    /// Why, rule by rule.
    pub raisons: Vec<Reason>,
    /// The court that would hear a challenge, as far as it can be known.
    pub tribunal: Option<CourtHint>,
    /// What to do after this letter.
    pub etapes_suivantes: Vec<String>,
    /// Things to check.
    pub avertissements: Vec<String>,
}

/// The letter whose addressee this case's letter shares: the request for the file goes to the
/// author of the decision, as the gracieux does; the request for reasons goes to the authority
/// whose silence formed the rejection, the addressee of the recours left unanswered.
pub fn routed_as(case: &Case) -> LetterKind {
    use crate::deadlines::RecoursKind;
    match case.recours {
        // The requête's addressee is the court; the author of the decision, its defendant,
        // is found as for the gracieux.
        LetterKind::Communication | LetterKind::Requete => LetterKind::Gracieux,
        LetterKind::Motifs => match case.silent_recours() {
            Some((RecoursKind::Hierarchique, _)) => LetterKind::Hierarchique,
            _ => LetterKind::Gracieux,
        },
        other => other,
    }
}

/// Routes a case. Fails (exit 2) only when no addressee can be chosen without guessing, and
/// then says what to add to the case file.
pub fn route(case: &Case, offices: &Offices) -> Result<Route, Error> {
    let mut raisons = Vec::new();
    let mut avertissements = Vec::new();
    let mut destinataire = addressee::choose(case, offices, &mut raisons, &mut avertissements)?;
    let auteur = author::of(case, offices, &destinataire);
    let tribunal = court::hint(case, &destinataire, offices);
    if case.recours == LetterKind::Requete {
        // What was chosen is the author, the defendant; the requête goes to the court. The
        // reasons and warnings about the author's address do not concern it.
        raisons.clear();
        avertissements.clear();
        raisons.push(Reason::new(
            format!(
                "La requête demande au tribunal administratif d'annuler la décision {} et, le \
                 cas échéant, celles qui ont rejeté les recours formés contre elle.",
                auteur.de
            ),
            "CJA art. R. 411-1",
        ));
        destinataire =
            court::addressee(case, tribunal.as_ref(), &mut raisons, &mut avertissements)?;
    }
    let etapes_suivantes = next_steps::after(case);
    Ok(Route {
        recours: case.recours,
        destinataire,
        auteur,
        raisons,
        tribunal,
        etapes_suivantes,
        avertissements,
    })
}

#[cfg(test)]
mod tests;
