//! `recours suivi montre ID`: one case, its timeline, its next step and its deadlines.

use std::io::Write;

use chrono::NaiveDate;

use super::write_out;
use crate::case::{self, Context};
use crate::cli::text::Report;
use crate::error::{Error, ExitCode};
use crate::followup::{self, Status};
use crate::french::date::date as fr_date;
use crate::offices::Offices;
use crate::store::{CaseId, Store, StoreError, TrackedCase};

pub(super) fn run(
    store: &mut dyn Store,
    id: CaseId,
    as_of: NaiveDate,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, Error> {
    let case = store.case(id)?.ok_or(StoreError::NoCase(id))?;
    let st = followup::status(&case, as_of).map_err(|e| e.to_string());
    if json {
        let v = followup::case_json(&case, st.as_ref().map_err(Clone::clone), false);
        let text = serde_json::to_string_pretty(&v).expect("JSON serializes");
        write_out(out, &(text + "\n"))?;
    } else {
        write_out(out, &report(&case, st.as_ref(), as_of))?;
    }
    Ok(ExitCode::Success)
}

fn report(case: &TrackedCase, st: Result<&Status, &String>, as_of: NaiveDate) -> String {
    let mut t = Report::default();
    t.heading(&format!("Dossier n° {} — {}", case.id, case.nom));
    t.para(
        2,
        &format!(
            "{} ; suivi depuis le {} (source : {})",
            case.recours.label(),
            fr_date(case.ajoute_le),
            case.source
        ),
    );
    let ctx = Context {
        offices: Offices::builtin(),
        date_override: Some(as_of),
        today: as_of,
    };
    if let Ok(c) = case::parse(&case.cas, case.format, &case.source, ctx) {
        let mut what = format!(
            "Demande : {} ({})",
            c.demande.document.label(),
            c.demande.motif.label()
        );
        if let Some(d) = &c.decision {
            what.push_str(&format!(" ; refus du {}", fr_date(d.date)));
        }
        t.para(2, &what);
    }

    t.heading("Chronologie");
    for item in followup::timeline(case) {
        let mut line = item.label.clone();
        if let Some(ev) = &item.event {
            line.push_str(&format!(" — événement n° {}", ev.id));
            if let Some(old) = ev.remplace {
                line.push_str(&format!(", corrige le n° {old}"));
            }
            if ev.annule {
                line.push_str(" [annulé]");
            }
            if ev.date > as_of {
                line.push_str(" [après le jour considéré : non compté]");
            }
            if let Some(note) = &ev.note {
                line.push_str(&format!(" — {note}"));
            }
        }
        t.hanging(2, &format!("{:<20}", fr_date(item.date)), &line);
    }

    let st = match st {
        Ok(s) => s,
        Err(why) => {
            t.heading("Délais");
            t.hanging(2, "! ", why);
            return t.finish();
        }
    };
    t.heading("Prochaine échéance");
    match (&st.next, st.requete) {
        (_, Some(r)) => t.para(
            2,
            &format!(
                "requête déposée le {} : l'affaire est devant le tribunal administratif, ce \
                 suivi ne calcule plus de délai",
                fr_date(r)
            ),
        ),
        (Some(n), None) => {
            t.hanging(2, &format!("{} : ", fr_date(n.date)), &n.action);
            if let Some(s) = n.safe {
                t.hanging(4, "date conseillée : ", &fr_date(s));
            }
            if let Some(doc) = n.document {
                t.hanging(
                    4,
                    "document : ",
                    &format!("recours = \"{doc}\" dans le dossier, puis recours lettre"),
                );
            }
            if n.certitude != "calculee" {
                t.hanging(4, "certitude : ", n.certitude);
            }
        }
        (None, None) => t.para(
            2,
            "aucune échéance à venir (voir les avertissements ci-dessous)",
        ),
    }
    if !st.notes.is_empty() {
        t.heading("Remarques");
        for n in &st.notes {
            t.hanging(2, "! ", n);
        }
    }
    t.line("");
    let rendered = crate::deadlines::render(&st.deadlines);
    // The rules speak of « the letter's date »: here it is the day looked at.
    let rendered = rendered.replacen(" (date de la lettre)", "", 1);
    t.line(rendered.trim_end());
    t.finish()
}
