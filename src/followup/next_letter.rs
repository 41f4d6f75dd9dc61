//! The case file for the next document of a followed case: its stored case file with
//! `recours` set to the document the next step names, and the recorded events written into
//! its `[recours_gracieux]` / `[recours_hierarchique]` tables, so that the new letter states
//! the history the store holds. `lettre.date` is dropped: the new letter is dated the day it
//! is written.

use serde_json::{Map, Value};

use super::Status;
use crate::case::Format;
use crate::deadlines::{EarlierRecours, model::iso};
use crate::store::TrackedCase;

/// Why no case file can be made.
#[derive(Debug, thiserror::Error)]
pub enum NextLetterError {
    /// Nothing is due, or what is due is not a document `recours` writes.
    #[error("aucun document à écrire pour le dossier n° {0} à cette date")]
    NothingToWrite(crate::store::CaseId),
    /// What is due is not a document `recours` writes (yet): the step says what to do.
    #[error(
        "la prochaine échéance du dossier n° {0} n'est pas un document que recours écrit : {1}"
    )]
    NotADocument(crate::store::CaseId, String),
    /// The stored case file cannot be read any more.
    #[error("le dossier enregistré n° {0} est illisible ({1})")]
    Unreadable(crate::store::CaseId, String),
}

/// The case file (as JSON) for the document the next step names, and that document's
/// `recours` value.
pub fn next_letter_case(
    case: &TrackedCase,
    status: &Status,
) -> Result<(Value, &'static str), NextLetterError> {
    let next = status
        .next
        .as_ref()
        .filter(|_| status.requete.is_none())
        .ok_or(NextLetterError::NothingToWrite(case.id))?;
    let document = next
        .document
        .ok_or_else(|| NextLetterError::NotADocument(case.id, next.action.clone()))?;
    let mut value = case_value(case)?;
    let root = value
        .as_object_mut()
        .ok_or_else(|| NextLetterError::Unreadable(case.id, "pas une table".into()))?;
    root.insert("recours".into(), Value::String(document.into()));
    if let Some(Value::Object(lettre)) = root.get_mut("lettre") {
        lettre.remove("date");
    }
    for (key, dates) in [
        ("recours_gracieux", status.facts.gracieux),
        ("recours_hierarchique", status.facts.hierarchique),
    ] {
        let Some(dates) = dates else { continue };
        let table = root.entry(key).or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(t) = table {
            set_dates(t, &dates);
        }
    }
    // The request for reasons, once recorded, is a fact of the requête (and moves its limit).
    if let Some(m) = status.facts.reasons {
        let mut t = Map::new();
        t.insert("envoi".into(), Value::String(iso(m.envoi)));
        if let Some(c) = m.communication {
            t.insert("communication".into(), Value::String(iso(c)));
        }
        root.insert("demande_motifs".into(), Value::Object(t));
    }
    Ok((value, document))
}

fn set_dates(t: &mut Map<String, Value>, r: &EarlierRecours) {
    for (field, date) in [
        ("envoi", r.envoi),
        ("reception", r.reception),
        ("rejet", r.rejet),
    ] {
        match date {
            Some(d) => {
                t.insert(field.into(), Value::String(iso(d)));
            }
            None => {
                t.remove(field);
            }
        }
    }
}

/// The stored case file as a JSON value (a TOML file's dates become `AAAA-MM-JJ` strings, as
/// a JSON case file writes them).
fn case_value(case: &TrackedCase) -> Result<Value, NextLetterError> {
    let bad = |e: String| NextLetterError::Unreadable(case.id, e);
    match case.format {
        Format::Json => serde_json::from_str(&case.cas).map_err(|e| bad(e.to_string())),
        Format::Toml => {
            let table: toml::Table = case
                .cas
                .parse()
                .map_err(|e: toml::de::Error| bad(e.message().to_string()))?;
            Ok(crate::case::toml_to_json(toml::Value::Table(table)))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::{Context, LetterKind};
    use crate::offices::Offices;
    use crate::store::{CaseId, Event, EventKind};
    use chrono::NaiveDate;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn the_pending_recours_is_the_case_itself_dated_today() {
        let text = include_str!("../../tests/fixtures/cases/cavaillon.toml");
        let ctx = Context {
            offices: Offices::builtin(),
            date_override: None,
            today: d(2026, 11, 27),
        };
        let parsed = crate::case::parse(text, Format::Toml, "cavaillon.toml", ctx).unwrap();
        let new = super::super::new_case(
            &parsed,
            text.into(),
            Format::Toml,
            "cavaillon.toml".into(),
            d(2026, 11, 27),
        );
        let case = TrackedCase {
            id: CaseId(1),
            nom: new.nom,
            recours: new.recours,
            source: new.source,
            format: new.format,
            cas: new.cas,
            faits: new.faits,
            ajoute_le: new.ajoute_le,
            evenements: Vec::new(),
        };
        let as_of = d(2026, 12, 1);
        let status = super::super::status(&case, as_of).unwrap();
        let (v, doc) = next_letter_case(&case, &status).unwrap();
        assert_eq!(doc, "gracieux");
        assert_eq!(v["decision"]["notification"], "2026-10-20");
        assert!(v["lettre"].get("date").is_none(), "{v}");
        let ctx = Context {
            offices: Offices::builtin(),
            date_override: Some(as_of),
            today: as_of,
        };
        let again = crate::case::from_json_value(v, "suivi", ctx).unwrap();
        assert_eq!(again.lettre.date, as_of);
        assert_eq!(again.recours, LetterKind::Gracieux);

        // Sent and received: the implicit rejection is next.
        let received = |recours| {
            let mut c = case.clone();
            c.recours = recours;
            for (id, kind, date) in [
                (1, EventKind::Envoi, d(2026, 11, 2)),
                (2, EventKind::Reception, d(2026, 11, 4)),
            ] {
                c.evenements.push(Event {
                    id,
                    kind,
                    recours: LetterKind::Gracieux,
                    date,
                    note: None,
                    remplace: None,
                    annule: false,
                    enregistre_le: date,
                });
            }
            c
        };
        // The gracieux's silence: the request for its reasons is named ahead (the case's
        // validation then refuses it until the rejection arises).
        let gracieux = received(LetterKind::Gracieux);
        let status = super::super::status(&gracieux, as_of).unwrap();
        let (v, doc) = next_letter_case(&gracieux, &status).unwrap();
        assert_eq!(doc, "motifs");
        assert_eq!(v["recours_gracieux"]["reception"], "2026-11-04");
        // The hiérarchique still to send: its case file carries the gracieux's events.
        let hierarchique = received(LetterKind::Hierarchique);
        let status = super::super::status(&hierarchique, as_of).unwrap();
        let (v, doc) = next_letter_case(&hierarchique, &status).unwrap();
        assert_eq!(doc, "hierarchique");
        assert_eq!(v["recours"], "hierarchique");
        assert_eq!(v["recours_gracieux"]["envoi"], "2026-11-02");
        assert_eq!(v["recours_gracieux"]["reception"], "2026-11-04");
        assert!(v["recours_gracieux"].get("rejet").is_none());
    }
}
