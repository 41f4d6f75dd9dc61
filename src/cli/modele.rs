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

/// `recours modele --csv`: every column of a batch table, with the example case as its one
/// row, so the table opens ready to fill in LibreOffice or Excel.
pub(super) fn csv(out: &mut dyn Write) -> Result<ExitCode, Error> {
    write_out(out, &example_table())?;
    Ok(ExitCode::Success)
}

fn example_table() -> String {
    let case: toml::Value = toml::from_str(crate::assets::EXEMPLE).expect("the example parses");
    let cell = |column: &str| -> String {
        let mut v = Some(&case);
        for part in column.split('.') {
            v = v.and_then(|t| t.get(part));
        }
        match v {
            Some(toml::Value::String(s)) => s.clone(),
            Some(toml::Value::Boolean(b)) => if *b { "oui" } else { "non" }.to_string(),
            Some(toml::Value::Array(items)) => items
                .iter()
                .filter_map(toml::Value::as_str)
                .collect::<Vec<_>>()
                .join(&format!(" {} ", crate::batch::LIST_SEPARATOR)),
            Some(other) => other.to_string().trim_matches('"').to_string(),
            None => String::new(),
        }
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    let columns: Vec<&str> = crate::batch::COLUMNS.iter().map(|(c, _)| *c).collect();
    let _ = w.write_record(&columns);
    let _ = w.write_record(columns.iter().map(|c| cell(c)));
    String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
}

/// `recours exporte-modeles DOSSIER`: the built-in templates, to start an association's own.
/// Nothing already there is overwritten.
pub(super) fn export(dir: &std::path::Path, err: &mut dyn Write) -> Result<ExitCode, Error> {
    for (name, _) in crate::assets::TEMPLATES {
        let path = dir.join(name);
        if path.exists() {
            return Err(Error::usage(
                format!("« {} » existe déjà", path.display()),
                "choisissez un dossier vide ou nouveau : aucun modèle n'est écrasé",
            ));
        }
    }
    for (name, text) in crate::assets::TEMPLATES {
        let path = dir.join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)
                .map_err(|e| Error::io("impossible de créer le dossier", parent, e))?;
        }
        crate::output::write_atomic(&path, text.as_bytes())
            .map_err(|e| Error::output("impossible d'écrire", &path, e))?;
    }
    let _ = writeln!(
        err,
        "{} modèles copiés dans {} ; modifiez-les, puis : recours lettre dossier.toml --modeles {}",
        crate::assets::TEMPLATES.len(),
        dir.display(),
        dir.display()
    );
    Ok(ExitCode::Success)
}

#[cfg(test)]
mod tests {
    use crate::assets::MODELE;
    use crate::case::tests::{ctx, parse_toml};
    use crate::case::{Format, parse};

    /// Issue 14, item 11: `modele --csv` gives every column and a row that `lot` accepts.
    #[test]
    fn the_csv_template_has_every_column_and_a_valid_row() {
        let text = super::example_table();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
        assert_eq!(header.len(), crate::batch::COLUMNS.len());
        let rows: Vec<_> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        let get = |k: &str| rows[0][header.iter().position(|h| h == k).unwrap()].to_string();
        assert_eq!(get("demandeur.nom"), "Martin");
        assert_eq!(get("decision.date"), "2026-10-15");
        assert!(
            get("demandeur.adresse").contains(" | "),
            "{}",
            get("demandeur.adresse")
        );
    }

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
