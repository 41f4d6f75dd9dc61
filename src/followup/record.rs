//! Putting things into the caseload: a validated case becomes a [`NewCase`], an event is
//! checked before it is stored.

use chrono::NaiveDate;

use super::{BaseFacts, StatusError};
use crate::case::{Case, Format, LetterKind};
use crate::deadlines::RecoursKind;
use crate::error::Error;
use crate::store::{CaseId, Event, EventKind, NewCase, NewEvent, Store, TrackedCase};

/// The record of a validated case: its text as given, and the deadline facts it states.
pub fn new_case(
    case: &Case,
    text: String,
    format: Format,
    source: String,
    today: NaiveDate,
) -> NewCase {
    let d = &case.demandeur;
    let mut nom = format!("{} {}", d.prenom, d.nom);
    if let Some(t) = &case.titulaire {
        nom.push_str(&format!(" (pour {} {})", t.prenom, t.nom));
    }
    use md5::{Digest, Md5};
    let empreinte = Md5::digest(text.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    NewCase {
        nom,
        recours: case.recours,
        source,
        format,
        cas: text,
        empreinte,
        faits: BaseFacts::from_case(case).to_json(),
        ajoute_le: today,
    }
}

/// What `recours suivi evenement` (or the web page) asks to record.
#[derive(Clone, Debug)]
pub struct EventRequest {
    /// The case.
    pub case: CaseId,
    /// What happened.
    pub kind: EventKind,
    /// When.
    pub date: NaiveDate,
    /// Which letter it concerns; by default the case's own.
    pub recours: Option<LetterKind>,
    /// A free note.
    pub note: Option<String>,
    /// The event it corrects.
    pub remplace: Option<i64>,
}

/// Longest note kept with an event.
pub const MAX_NOTE_CHARS: usize = 2_000;

/// Checks and records an event; returns its number.
pub fn record_event(
    store: &mut dyn Store,
    req: &EventRequest,
    today: NaiveDate,
) -> Result<i64, Error> {
    if req.date > today {
        return Err(Error::usage(
            format!(
                "la date de l'événement ({}) est postérieure à aujourd'hui ({})",
                crate::deadlines::model::iso(req.date),
                crate::deadlines::model::iso(today)
            ),
            "enregistrez un événement une fois qu'il a eu lieu, à sa date (AAAA-MM-JJ)",
        ));
    }
    if let Some(note) = &req.note
        && note.chars().count() > MAX_NOTE_CHARS
    {
        return Err(Error::usage(
            format!("--note : {} caractères au plus", MAX_NOTE_CHARS),
            "raccourcissez la note",
        ));
    }
    let case = store
        .case(req.case)?
        .ok_or(crate::store::StoreError::NoCase(req.case))?;
    let recours = match req.recours {
        Some(r) => r,
        None => default_recours(&case, req.kind, today)?,
    };
    let event = NewEvent {
        kind: req.kind,
        recours,
        date: req.date,
        note: req.note.clone(),
        remplace: req.remplace,
        enregistre_le: today,
    };
    check_chronology(case, &event, today)?;
    Ok(store.add_event(req.case, &event)?)
}

/// The recours an event concerns when `--recours` is not given: the case's own letter, unless
/// the event answers a recours (a receipt, an answer, a rejection) and the other recours on
/// file still awaits that answer. A gracieux rejected while the hiérarchique is being prepared
/// would otherwise be booked on the hiérarchique, mark it sent and move the court limit:
/// which recours it answers is asked instead.
pub(super) fn default_recours(
    case: &TrackedCase,
    kind: EventKind,
    today: NaiveDate,
) -> Result<LetterKind, Error> {
    let own = case.recours;
    let Some(own_kind) = own.recours() else {
        return Ok(own);
    };
    let Ok(status) = super::status(case, today) else {
        return Ok(own);
    };
    let awaits = |r: &crate::deadlines::EarlierRecours| match kind {
        EventKind::Reception => r.reception.is_none() && r.rejet.is_none(),
        EventKind::Reponse | EventKind::Rejet => r.rejet.is_none(),
        EventKind::Envoi | EventKind::Requete => false,
    };
    let other = match own_kind {
        RecoursKind::Gracieux => RecoursKind::Hierarchique,
        RecoursKind::Hierarchique => RecoursKind::Gracieux,
    };
    if !status.facts.earlier(other).is_some_and(awaits) {
        return Ok(own);
    }
    let mut conseil = format!(
        "précisez --recours {} ou --recours {}",
        letter_key(other),
        letter_key(own_kind)
    );
    if status.pending == Some(own) {
        conseil.push_str(&format!(
            " (pour le {}, enregistrez aussi son envoi : recours suivi evenement {} envoi \
             AAAA-MM-JJ)",
            own_kind.name_fr(),
            case.id
        ));
    }
    Err(Error::usage(
        format!(
            "dossier n° {} : l'événement « {} » concerne-t-il le {} ou le {} ? Les deux \
             figurent au dossier",
            case.id,
            kind.label(),
            other.name_fr(),
            own_kind.name_fr()
        ),
        conseil,
    ))
}

fn letter_key(kind: RecoursKind) -> &'static str {
    match kind {
        RecoursKind::Gracieux => LetterKind::Gracieux.as_str(),
        RecoursKind::Hierarchique => LetterKind::Hierarchique.as_str(),
    }
}

/// Refuses an event that makes the case's dates impossible (a receipt before the sending, a
/// rejection before the decision…): the same check as a case file's, on the case as it
/// would stand with the event. A typing mistake is caught when it is made, not later in
/// every list.
fn check_chronology(
    mut case: TrackedCase,
    event: &NewEvent,
    today: NaiveDate,
) -> Result<(), Error> {
    let before = super::status(&case, today).is_ok();
    if let Some(old) = event.remplace
        && let Some(e) = case.evenements.iter_mut().find(|e| e.id == old)
    {
        e.annule = true;
    }
    case.evenements.push(Event {
        id: i64::MAX,
        kind: event.kind,
        recours: event.recours,
        date: event.date,
        note: None,
        remplace: event.remplace,
        annule: false,
        enregistre_le: event.enregistre_le,
    });
    match super::status(&case, today) {
        // A case already in error is not made worse by recording: let the fix go in.
        Err(StatusError::Facts(e)) if before => Err(Error::Input {
            message: format!(
                "événement refusé : avec lui, {}",
                e.to_string()
                    .replace(", ou datez la lettre plus tard (lettre.date ou --date)", "")
            ),
            conseil: Some(format!(
                "vérifiez la date ; pour corriger un événement déjà enregistré : recours suivi \
                 evenement {} … --remplace N (numéros : recours suivi montre {})",
                case.id, case.id
            )),
        }),
        _ => Ok(()),
    }
}
