//! `recours modele`: an annotated starter case file.
//!
//! Every value to fill reads « à remplir » or « AAAA-MM-JJ », which `verifie` refuses with a
//! message naming the key, so a half-filled file cannot produce a letter.

use std::io::Write;

use super::write_out;
use crate::error::{Error, ExitCode};

use crate::assets::MODELE;

pub(super) fn run(out: &mut dyn Write) -> Result<ExitCode, Error> {
    write_out(out, MODELE)?;
    Ok(ExitCode::Success)
}

#[cfg(test)]
mod tests {
    use crate::assets::MODELE;
    use crate::case::tests::{ctx, parse_toml};
    use crate::case::{Format, parse};

    #[test]
    fn the_template_is_refused_until_filled() {
        let e = parse(MODELE, Format::Toml, "dossier.toml", ctx()).unwrap_err();
        let keys: Vec<String> = e.problems.iter().filter_map(|p| p.cle.clone()).collect();
        for key in [
            "demandeur.prenom",
            "demandeur.nom",
            "demande.departement",
            "decision.date",
        ] {
            assert!(keys.iter().any(|k| k == key), "{key} not reported: {e}");
        }
        assert!(
            e.problems.iter().any(|p| p.message.contains("à remplir")),
            "{e}"
        );
    }

    #[test]
    fn the_template_is_accepted_once_filled() {
        let filled = MODELE
            .replacen("prenom = \"à remplir\"", "prenom = \"Camille\"", 1)
            .replacen("nom = \"à remplir\"", "nom = \"Martin\"", 1)
            .replacen(
                "[\"à remplir\", \"à remplir\"]",
                "[\"12 rue des Lilas\", \"84300 Cavaillon\"]",
                1,
            )
            .replacen("departement = \"à remplir\"", "departement = \"84\"", 1)
            .replacen("date = \"AAAA-MM-JJ\"", "date = 2026-10-15", 1)
            .replacen(
                "notification = \"AAAA-MM-JJ\"",
                "notification = 2026-10-20",
                1,
            )
            .replacen(
                "motif = \"à remplir\"",
                "motif = \"Pièces insuffisantes\"",
                1,
            );
        assert!(!filled.contains("\"à remplir\"") && !filled.contains("\"AAAA-MM-JJ\""));
        let case = parse_toml(&filled).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(case.demande.document.as_str(), "carte-identite");
    }
}
