//! What the reason a decision states is about, read from its words, so that a ground is argued
//! only where it meets that reason (a letter must not answer « the other parent objected » with
//! the presumption of the other parent's agreement).

use serde::Serialize;

use crate::suggest::fold;

/// The subjects a stated reason can name.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
pub struct MotifFacts {
    /// The other parent objected to the application.
    pub opposition_parentale: bool,
    /// A civil-status act (its authenticity, its content) is in doubt.
    pub etat_civil: bool,
    /// A document is said to be missing or insufficient.
    pub pieces: bool,
}

/// Reads the reason as the user copied it from the decision.
pub fn read(motif: &str) -> MotifFacts {
    let m = fold(motif);
    let has = |w: &str| m.contains(w);
    let parent = has("parent") || has("pere") || has("mere");
    MotifFacts {
        opposition_parentale: parent && (has("oppos") || has("desaccord") || has("refus")),
        etat_civil: has("acte de naissance")
            || has("etat civil")
            || has("authenticite")
            || has("acte d etat"),
        pieces: has("piece")
            || has("justificatif")
            || has("insuffisant")
            || has("manquant")
            || has("incomplet"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_other_parents_opposition_is_recognised() {
        assert!(read("Opposition écrite de l'autre parent").opposition_parentale);
        assert!(read("Le père s'oppose à la délivrance").opposition_parentale);
        assert!(!read("Justificatif de nationalité insuffisant").opposition_parentale);
    }

    #[test]
    fn doubt_on_a_civil_status_act_is_not_a_missing_piece() {
        let f = read("Doute sur l'authenticité de l'acte de naissance");
        assert!(f.etat_civil);
        assert!(!f.pieces);
        assert!(read("Justificatif de nationalité insuffisant").pieces);
    }
}
