//! `recours verifie CAS...`: checks case files without rendering, one line per problem.
//!
//! A case is checked as far as `lettre` goes before writing: validation, routing and the
//! deadlines, with the same warnings (a deadline passed or days away). A `.csv` or `.jsonl`
//! table gets a dry run of `recours lot`: every row checked, nothing written.

use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;

use super::write_out;
use crate::case;
use crate::error::{Error, ExitCode};
use crate::offices::Offices;
use crate::plan::Plan;

pub(super) fn run(
    paths: &[PathBuf],
    date: Option<NaiveDate>,
    today: NaiveDate,
    out: &mut dyn Write,
) -> Result<ExitCode, Error> {
    let mut invalid = 0;
    for path in paths {
        if crate::batch::is_table(path) {
            let mut lines = Vec::new();
            let check = crate::batch::dry_run(path, date, today, &mut |l| lines.push(l))?;
            let mut text = lines.join("\n");
            text.push('\n');
            text.push_str(&format!(
                "{} : {} ligne(s), {} valide(s), {} en erreur\n",
                path.display(),
                check.rows,
                check.rows - check.failed,
                check.failed
            ));
            write_out(out, &crate::shown::terminal(&text))?;
            if check.failed > 0 {
                invalid += 1;
            }
            continue;
        }
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
            Ok(c) => match Plan::new(c, Offices::builtin()) {
                Err(e) => {
                    invalid += 1;
                    text.push_str(&format!("{name} : {e}"));
                    if let Some(conseil) = e.conseil() {
                        text.push_str(&format!(" (conseil : {conseil})"));
                    }
                    text.push('\n');
                }
                Ok(plan) => {
                    let r = &plan.route;
                    text.push_str(&format!(
                        "{name} : valide ({}, destinataire {}, adresse {})\n",
                        plan.case.recours.label(),
                        r.destinataire.id,
                        r.destinataire.adresse_statut.label()
                    ));
                    for w in plan.warnings() {
                        text.push_str(&format!("{name} : avertissement : {w}\n"));
                    }
                }
            },
        }
        write_out(out, &crate::shown::terminal(&text))?;
    }
    if invalid > 0 {
        Err(Error::InvalidCases { fichiers: invalid })
    } else {
        Ok(ExitCode::Success)
    }
}
