//! The caseload as files: a CSV of every case's dates and next step, one iCalendar for the
//! whole caseload, and one case with everything the store holds about it (a person's access
//! to their data).

use std::io::Write;

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::agenda::AgendaEntry;
use super::timeline::timeline;
use super::{Status, status};
use crate::deadlines::{self, IcsOptions, model::iso};
use crate::store::{Store, StoreError, TrackedCase};

/// CSV columns of `recours suivi exporte --csv`.
pub const CSV_HEADER: [&str; 16] = [
    "dossier",
    "nom",
    "recours",
    "source",
    "evenements",
    "prochaine_echeance",
    "date",
    "date_conseillee",
    "action",
    "document",
    "certitude",
    "requete_deposee",
    "limite_recours_administratif",
    "rejet_implicite",
    "limite_tribunal",
    "limite_czabaj",
];

/// The agenda as CSV (comma-separated, UTF-8, one header row). A cell that a spreadsheet
/// would read as a formula is prefixed with `'`.
pub fn write_csv(entries: &[AgendaEntry], out: &mut dyn Write) -> csv::Result<()> {
    let mut w = csv::Writer::from_writer(out);
    w.write_record(CSV_HEADER)?;
    let d = |x: Option<NaiveDate>| x.map(iso).unwrap_or_default();
    for e in entries {
        let (kind, date, safe, action, document, certitude) = match &e.next {
            Ok(Some(n)) => (
                n.kind.key().to_string(),
                iso(n.date),
                d(n.safe),
                n.action.clone(),
                n.document.unwrap_or("").to_string(),
                n.certitude.to_string(),
            ),
            Ok(None) => Default::default(),
            Err(why) => (
                "erreur".into(),
                String::new(),
                String::new(),
                why.clone(),
                String::new(),
                String::new(),
            ),
        };
        let row = [
            e.id.to_string(),
            e.nom.clone(),
            e.recours.as_str().to_string(),
            e.source.clone(),
            e.evenements.to_string(),
            kind,
            date,
            safe,
            action,
            document,
            certitude,
            d(e.requete),
            d(e.limites[0]),
            d(e.limites[1]),
            d(e.limites[2]),
            d(e.limites[3]),
        ];
        w.write_record(row.iter().map(|c| defuse(c)))?;
    }
    w.flush()?;
    Ok(())
}

/// A spreadsheet runs a cell starting with `=`, `+`, `-` or `@`: names are user text.
fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// Why an export stopped.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the caseload failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Writing the export failed.
    #[error("écriture impossible : {}", crate::error::io_reason(.0))]
    Write(#[from] std::io::Error),
}

/// One calendar for the whole caseload, written as the cases are read (memory stays flat):
/// the limits still ahead of `as_of` of every case not yet before the tribunal, each event
/// labelled with the case's number and name. Passed limits are left out: at thousands of
/// cases they would bury the ones that matter.
pub fn write_ics(
    store: &mut dyn Store,
    as_of: NaiveDate,
    w: &mut dyn Write,
) -> Result<(), ExportError> {
    let stamp = as_of.and_hms_opt(0, 0, 0).expect("midnight exists");
    w.write_all(
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//recours//suivi//FR\r\n\
          CALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nX-WR-CALNAME:Dossiers suivis (recours)\r\n",
    )?;
    let mut failed: Option<std::io::Error> = None;
    store.for_each_case(&mut |case| {
        if failed.is_some() {
            return Ok(());
        }
        let Ok(mut s) = status(&case, as_of) else {
            return Ok(());
        };
        if s.requete.is_some() {
            return Ok(());
        }
        let d = &mut s.deadlines;
        for slot in [
            &mut d.recours_administratif,
            &mut d.rejet_implicite,
            &mut d.tribunal,
            &mut d.czabaj,
        ] {
            if slot.as_ref().is_some_and(|x| x.date < as_of) {
                *slot = None;
            }
        }
        if d.all().next().is_none() {
            return Ok(());
        }
        let label = format!("n° {} {}", case.id, case.nom);
        let one = deadlines::to_ics(
            d,
            &IcsOptions {
                stamp: Some(stamp),
                case_label: Some(&label),
            },
        );
        // Keep the events of this case's calendar, without its header and footer.
        if let (Some(start), Some(end)) = (one.find("BEGIN:VEVENT"), one.rfind("END:VCALENDAR"))
            && let Err(e) = w.write_all(&one.as_bytes()[start..end])
        {
            failed = Some(e);
        }
        Ok(())
    })?;
    if let Some(e) = failed {
        return Err(e.into());
    }
    w.write_all(b"END:VCALENDAR\r\n")?;
    Ok(())
}

/// `echeances --json`, written entry by entry: `{"date", "avant", "echeances": [...]}`.
pub fn write_agenda_json(
    entries: &[AgendaEntry],
    as_of: NaiveDate,
    avant: Option<NaiveDate>,
    w: &mut dyn Write,
) -> std::io::Result<()> {
    let head = |v: Option<NaiveDate>| match v {
        Some(d) => format!("\"{}\"", iso(d)),
        None => "null".into(),
    };
    write!(
        w,
        "{{\n  \"date\": {},\n  \"avant\": {},\n  \"echeances\": [",
        head(Some(as_of)),
        head(avant)
    )?;
    for (i, e) in entries.iter().enumerate() {
        let text = serde_json::to_string_pretty(&agenda_entry_json(e)).expect("JSON serializes");
        w.write_all(if i == 0 { b"\n" } else { b",\n" })?;
        for (j, line) in text.lines().enumerate() {
            if j > 0 {
                w.write_all(b"\n")?;
            }
            write!(w, "    {line}")?;
        }
    }
    if entries.is_empty() {
        w.write_all(b"]\n}\n")
    } else {
        w.write_all(b"\n  ]\n}\n")
    }
}

/// One case of `echeances --json`.
pub fn agenda_entry_json(e: &AgendaEntry) -> Value {
    let mut v = json!({
        "dossier": e.id.0,
        "nom": e.nom,
        "recours": e.recours.as_str(),
        "source": e.source,
        "requete_deposee": e.requete.map(iso),
    });
    let m = v.as_object_mut().expect("an object");
    match &e.next {
        Ok(n) => {
            m.insert(
                "prochaine_echeance".into(),
                n.as_ref().map_or(Value::Null, next_json),
            );
        }
        Err(why) => {
            m.insert("prochaine_echeance".into(), Value::Null);
            m.insert("erreur".into(), json!(why));
        }
    }
    v
}

/// Everything about one case as JSON: what `montre --json` prints, and with `with_text` the
/// case file's text too (`exporte --dossier`).
pub fn case_json(case: &TrackedCase, st: Result<&Status, String>, with_text: bool) -> Value {
    let events: Vec<Value> = case
        .evenements
        .iter()
        .map(|e| {
            json!({
                "id": e.id,
                "type": e.kind.as_str(),
                "recours": e.recours.as_str(),
                "date": iso(e.date),
                "note": e.note,
                "remplace": e.remplace,
                "annule": e.annule,
                "enregistre_le": iso(e.enregistre_le),
            })
        })
        .collect();
    let chronologie: Vec<Value> = timeline(case)
        .iter()
        .map(|i| {
            json!({
                "date": iso(i.date),
                "quoi": i.label,
                "evenement": i.event.as_ref().map(|e| e.id),
                "annule": i.event.as_ref().is_some_and(|e| e.annule),
            })
        })
        .collect();
    let mut v = json!({
        "dossier": case.id.0,
        "nom": case.nom,
        "recours": case.recours.as_str(),
        "source": case.source,
        "ajoute_le": iso(case.ajoute_le),
        "evenements": events,
        "chronologie": chronologie,
    });
    let m = v.as_object_mut().expect("an object");
    match st {
        Ok(s) => {
            m.insert("date".into(), json!(iso(s.as_of)));
            m.insert("requete_deposee".into(), json!(s.requete.map(iso)));
            m.insert(
                "prochaine_echeance".into(),
                s.next.as_ref().map_or(Value::Null, next_json),
            );
            m.insert(
                "delais".into(),
                serde_json::to_value(&s.deadlines).expect("deadlines serialize"),
            );
            m.insert("remarques".into(), json!(s.notes));
        }
        Err(why) => {
            m.insert("erreur".into(), json!(why));
        }
    }
    if with_text {
        m.insert(
            "fichier_dossier".into(),
            json!({ "format": match case.format {
                crate::case::Format::Toml => "toml",
                crate::case::Format::Json => "json",
            }, "texte": case.cas }),
        );
    }
    v
}

/// A next step as JSON, as `echeances --json` lists it.
pub fn next_json(n: &super::NextStep) -> Value {
    json!({
        "type": n.kind.key(),
        "date": iso(n.date),
        "date_conseillee": n.safe.map(iso),
        "action": n.action,
        "document": n.document,
        "certitude": n.certitude,
    })
}
