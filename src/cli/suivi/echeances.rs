//! `recours suivi echeances`: every case's next step, soonest first.

use std::io::Write;

use chrono::NaiveDate;

use super::write_out;
use crate::cli::text::Report;
use crate::deadlines::model::iso;
use crate::error::{Error, ExitCode};
use crate::followup::{self, AgendaEntry};
use crate::store::Store;

pub(super) fn run(
    store: &mut dyn Store,
    as_of: NaiveDate,
    avant: Option<NaiveDate>,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, Error> {
    let entries = followup::agenda(store, as_of, avant)?;
    if json {
        let mut w = std::io::BufWriter::new(&mut *out);
        let written =
            followup::write_agenda_json(&entries, as_of, avant, &mut w).and_then(|()| w.flush());
        super::stdout_result(written)?;
    } else {
        write_out(out, &report(&entries, as_of, avant))?;
    }
    Ok(ExitCode::Success)
}

fn report(entries: &[AgendaEntry], as_of: NaiveDate, avant: Option<NaiveDate>) -> String {
    let mut t = Report::default();
    let due: Vec<_> = entries
        .iter()
        .filter(|e| matches!(e.next, Ok(Some(_))))
        .collect();
    let title = match avant {
        Some(a) => format!(
            "Échéances au {} jusqu'au {} : {} dossier(s)",
            iso(as_of),
            iso(a),
            due.len()
        ),
        None => format!("Échéances au {} : {} dossier(s)", iso(as_of), due.len()),
    };
    t.heading(&title);
    for e in &due {
        let Ok(Some(n)) = &e.next else { continue };
        t.line("");
        t.hanging(
            0,
            &format!("{}  ", iso(n.date)),
            &format!("n° {} {} — {}", e.id, e.nom, e.recours.label()),
        );
        t.hanging(12, "", &n.action);
        let mut detail = Vec::new();
        if let Some(s) = n.safe {
            detail.push(format!("date conseillée : {}", iso(s)));
        }
        if let Some(d) = n.document {
            detail.push(format!("document : recours = \"{d}\""));
        }
        if n.certitude != "calculee" {
            detail.push(format!("certitude : {}", n.certitude));
        }
        if !detail.is_empty() {
            t.hanging(12, "", &detail.join(" ; "));
        }
    }
    let idle: Vec<_> = entries
        .iter()
        .filter(|e| matches!(e.next, Ok(None)))
        .collect();
    if !idle.is_empty() {
        t.heading("Sans échéance à venir");
        for e in idle {
            let why = match e.requete {
                Some(r) => format!("requête déposée le {}", iso(r)),
                None => "délais passés ou sans objet".into(),
            };
            t.hanging(
                2,
                "",
                &format!(
                    "n° {} {} — {why} (recours suivi montre {})",
                    e.id, e.nom, e.id
                ),
            );
        }
    }
    let failed: Vec<_> = entries.iter().filter(|e| e.next.is_err()).collect();
    if !failed.is_empty() {
        t.heading("Délais impossibles à calculer");
        for e in failed {
            if let Err(why) = &e.next {
                t.hanging(2, "! ", &format!("n° {} {} : {why}", e.id, e.nom));
            }
        }
    }
    t.finish()
}
