//! `recours verifie CAS...`: checks case files without rendering, one line per problem.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::write_out;
use crate::case;
use crate::error::{Error, ExitCode};
use crate::offices::Offices;

pub(super) fn run(
    paths: &[PathBuf],
    date: Option<NaiveDate>,
    today: NaiveDate,
    out: &mut dyn Write,
) -> Result<ExitCode, Error> {
    let mut invalid = 0;
    for path in paths {
        let name = path.display().to_string();
        let mut text = String::new();
        match case::load(path, date, today) {
            Err(e) => {
                invalid += 1;
                for p in &e.problems {
                    text.push_str(&p.one_line(&e.fichier));
                    text.push('\n');
                }
            }
            Ok(c) => match crate::route::route(&c, Offices::builtin()) {
                Err(e) => {
                    invalid += 1;
                    text.push_str(&format!("{name} : {e}"));
                    if let Some(conseil) = e.conseil() {
                        text.push_str(&format!(" (conseil : {conseil})"));
                    }
                    text.push('\n');
                }
                Ok(r) => {
                    text.push_str(&format!(
                        "{name} : valide ({}, destinataire {}, adresse {})\n",
                        c.recours.label(),
                        r.destinataire.id,
                        r.destinataire.adresse_statut.label()
                    ));
                    for w in c.avertissements.iter().chain(&r.avertissements) {
                        text.push_str(&format!("{name} : avertissement : {w}\n"));
                    }
                }
            },
        }
        write_out(out, &text)?;
    }
    if invalid > 0 {
        Err(Error::InvalidCases { fichiers: invalid })
    } else {
        Ok(ExitCode::Success)
    }
}
