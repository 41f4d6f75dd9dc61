//! The caseload as files: a CSV of every case's dates and next step, one iCalendar for the
//! whole caseload, and one case with everything the store holds about it (a person's access
//! to their data).

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
pub fn csv(entries: &[AgendaEntry]) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(CSV_HEADER).expect("writing to memory");
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
        w.write_record(row.iter().map(|c| defuse(c)))
            .expect("writing to memory");
    }
    w.into_inner().expect("writing to memory")
}

/// A spreadsheet runs a cell starting with `=`, `+`, `-` or `@`: names are user text.
fn defuse(cell: &str) -> String {
    if cell.starts_with(['=', '+', '-', '@']) {
        format!("'{cell}")
    } else {
        cell.to_string()
    }
}

/// One calendar for the whole caseload: every computed limit of every case still followed
/// (not yet before the tribunal), each labelled with the case's number and name.
pub fn ics(store: &mut dyn Store, as_of: NaiveDate) -> Result<String, StoreError> {
    let stamp = as_of.and_hms_opt(0, 0, 0).expect("midnight exists");
    let mut events = String::new();
    store.for_each_case(&mut |case| {
        let Ok(s) = status(&case, as_of) else {
            return Ok(());
        };
        if s.requete.is_some() {
            return Ok(());
        }
        let label = format!("n° {} {}", case.id, case.nom);
        let one = deadlines::to_ics(
            &s.deadlines,
            &IcsOptions {
                stamp: Some(stamp),
                case_label: Some(&label),
            },
        );
        // Keep the events of this case's calendar, without its header and footer.
        if let (Some(start), Some(end)) = (one.find("BEGIN:VEVENT"), one.rfind("END:VCALENDAR")) {
            events.push_str(&one[start..end]);
        }
        Ok(())
    })?;
    Ok(format!(
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//recours//suivi//FR\r\nCALSCALE:GREGORIAN\r\n\
         METHOD:PUBLISH\r\nX-WR-CALNAME:Dossiers suivis (recours)\r\n{events}END:VCALENDAR\r\n"
    ))
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
