//! Following a case after its letter: the recorded events mapped onto the deadline facts, the
//! deadlines recomputed from them by [`crate::deadlines`] (no second implementation), and the
//! next thing to do.
//!
//! The case file gives the facts known when it was added ([`BaseFacts`]); each event then
//! fills one date of one recours: `envoi`, `reception` and `rejet` of the recours gracieux or
//! hiérarchique it concerns. When two live events give the same date of the same recours, the
//! one recorded last wins (it is a correction) and a note says so; the order in which events
//! happened or were recorded otherwise changes nothing. Events dated after the day looked at
//! are left out, so `--date` shows a case as it stood that day. A `requete` event ends the
//! follow-up: the case is before the tribunal.
//!
//! A front end (the command line, a web page) needs only: [`agenda`] for the list by next
//! deadline, [`status`] and [`timeline`] for one case, [`record_event`] to record what
//! happened (checked like the command's), and [`next_letter_case`] for the case file of the
//! next document, to render through [`crate::pipeline`]; [`crate::store::open`] gives the
//! store.

mod agenda;
mod export;
mod next;
mod next_letter;
mod record;
mod timeline;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

pub use agenda::{AgendaEntry, agenda};
pub use export::{
    CSV_HEADER, ExportError, agenda_entry_json, case_json, next_json, write_agenda_json, write_csv,
    write_ics,
};
pub use next::{NextStep, StepKind};
pub use next_letter::{NextLetterError, next_letter_case};
pub use record::{EventRequest, MAX_NOTE_CHARS, new_case, record_event};
pub use timeline::{Item, timeline};

use crate::case::{Case, LetterKind};
use crate::deadlines::{self, Deadlines, EarlierRecours, Facts, FactsError, RecoursKind};
use crate::french::date::date as fr_date;
use crate::store::{Event, EventKind, TrackedCase};

/// The deadline facts a case file gives, stored with the case (as JSON).
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct BaseFacts {
    /// `decision.notification` (or `decision.date`).
    pub notification: Option<NaiveDate>,
    /// `decision.mentionne_voies_recours`.
    pub voies_mentionnees: bool,
    /// `demandeur.reside_a_l_etranger`.
    pub reside_a_l_etranger: bool,
    /// `[recours_gracieux]`.
    pub recours_gracieux: Option<EarlierRecours>,
    /// `[recours_hierarchique]`.
    pub recours_hierarchique: Option<EarlierRecours>,
    /// `[demande_motifs]`; absent from cases stored before it existed, and left out of the
    /// JSON when there is none so that those cases' stored facts stay byte for byte the same.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub demande_motifs: Option<deadlines::ReasonsRequest>,
}

impl BaseFacts {
    /// The facts of a validated case, through the same mapping `explique` uses.
    pub fn from_case(case: &Case) -> BaseFacts {
        let f = crate::plan::facts(case);
        BaseFacts {
            notification: f.notification,
            voies_mentionnees: f.voies_mentionnees,
            reside_a_l_etranger: f.lives_abroad,
            recours_gracieux: f.gracieux,
            recours_hierarchique: f.hierarchique,
            demande_motifs: f.reasons,
        }
    }

    /// The JSON stored in the `faits` column.
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("plain data serializes")
    }
}

/// Where a followed case stands on a given day.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Status {
    /// The day looked at.
    pub as_of: NaiveDate,
    /// The facts the events lead to.
    pub facts: Facts,
    /// The deadlines recomputed from them.
    pub deadlines: Deadlines,
    /// The case's own letter when it is a recours not sent yet.
    pub pending: Option<LetterKind>,
    /// The day the requête was filed, when it was: the follow-up ends there.
    pub requete: Option<NaiveDate>,
    /// What comes next, soonest first; `None` when nothing is due any more.
    pub next: Option<NextStep>,
    /// Follow-up remarks in French (corrections, answers to read).
    pub notes: Vec<String>,
}

/// Why a case's deadlines cannot be computed.
#[derive(Debug, thiserror::Error)]
pub enum StatusError {
    /// The stored facts cannot be read.
    #[error("faits enregistrés illisibles ({0})")]
    Faits(String),
    /// The facts contradict each other.
    #[error("d'après le dossier et les événements enregistrés, {0}")]
    Facts(FactsError),
}

/// Where `case` stands on `as_of`.
pub fn status(case: &TrackedCase, as_of: NaiveDate) -> Result<Status, StatusError> {
    let base: BaseFacts =
        serde_json::from_str(&case.faits).map_err(|e| StatusError::Faits(e.to_string()))?;
    let mut facts = Facts {
        letter: Some(case.recours),
        letter_date: as_of,
        notification: base.notification,
        voies_mentionnees: base.voies_mentionnees,
        lives_abroad: base.reside_a_l_etranger,
        gracieux: base.recours_gracieux,
        hierarchique: base.recours_hierarchique,
        reasons: base.demande_motifs,
    };
    let mut notes = Vec::new();
    let mut requete = None;
    let mut reponse: Option<&Event> = None;
    let mut seen: Vec<(EventKind, RecoursKind, &Event)> = Vec::new();
    for ev in live_events(case, as_of) {
        match (ev.kind, ev.recours.recours()) {
            // The request for reasons (CRPA L. 232-4): its postmark, then the answer that
            // brings them; both move the court limit.
            (EventKind::Envoi, _) if ev.recours == LetterKind::Motifs => {
                let r = facts.reasons.get_or_insert(deadlines::ReasonsRequest {
                    envoi: ev.date,
                    communication: None,
                });
                r.envoi = ev.date;
            }
            (EventKind::Reponse, _) if ev.recours == LetterKind::Motifs => {
                if let Some(r) = facts.reasons.as_mut() {
                    r.communication = Some(ev.date);
                } else {
                    notes.push(format!(
                        "motifs reçus le {} sans envoi de la demande enregistré : enregistrez \
                         l'envoi (recours suivi evenement {} envoi AAAA-MM-JJ --recours motifs) \
                         pour que le délai en tienne compte",
                        fr_date(ev.date),
                        case.id
                    ));
                }
            }
            (EventKind::Requete, _) => requete = requete.max(Some(ev.date)),
            (EventKind::Reponse, _) => {
                if reponse.is_none_or(|r| ev.date >= r.date) {
                    reponse = Some(ev);
                }
            }
            (kind, Some(recours)) => {
                if let Some((_, _, earlier)) =
                    seen.iter().find(|(k, r, _)| *k == kind && *r == recours)
                {
                    notes.push(format!(
                        "deux événements « {} » du {} : le dernier enregistré (n° {}, {}) \
                         compte, pas le n° {} ({}) ; s'il est faux, annulez-le \
                         (recours suivi annule {} {})",
                        kind.label(),
                        recours.name_fr(),
                        ev.id,
                        fr_date(ev.date),
                        earlier.id,
                        fr_date(earlier.date),
                        case.id,
                        ev.id
                    ));
                }
                seen.retain(|(k, r, _)| !(*k == kind && *r == recours));
                seen.push((kind, recours, ev));
                let slot = match recours {
                    RecoursKind::Gracieux => facts.gracieux.get_or_insert_default(),
                    RecoursKind::Hierarchique => facts.hierarchique.get_or_insert_default(),
                };
                match kind {
                    EventKind::Envoi => slot.envoi = Some(ev.date),
                    EventKind::Reception => slot.reception = Some(ev.date),
                    _ => slot.rejet = Some(ev.date),
                }
            }
            // The Défenseur des droits or a signalement: part of the timeline, no délai.
            (_, None) => {}
        }
    }
    if let Some(r) = reponse {
        notes.push(format!(
            "réponse reçue le {} : si elle refuse, enregistrez-la comme rejet \
             (recours suivi evenement {} rejet {} --recours {} --remplace {}) pour que les \
             délais en tiennent compte",
            fr_date(r.date),
            case.id,
            crate::deadlines::model::iso(r.date),
            r.recours.as_str(),
            r.id
        ));
    }
    // The case's own recours is « being written » until something shows it was sent; after
    // that no letter is in progress: the deadlines are those of a caseload review.
    let pending = case.recours.recours().and_then(|k| {
        let sent = facts
            .earlier(k)
            .is_some_and(|r| r.envoi.is_some() || r.reception.is_some() || r.rejet.is_some());
        (!sent).then_some(case.recours)
    });
    if case.recours.recours().is_some() {
        facts.letter = pending;
    }
    let deadlines = deadlines::compute(&facts).map_err(StatusError::Facts)?;
    let next = if requete.is_some() {
        None
    } else {
        next::next_step(&deadlines, pending, as_of, facts.reasons.is_some())
    };
    Ok(Status {
        as_of,
        facts,
        deadlines,
        pending,
        requete,
        next,
        notes,
    })
}

/// The events that count on `as_of`: not cancelled, not dated later, in recording order.
pub fn live_events(case: &TrackedCase, as_of: NaiveDate) -> impl Iterator<Item = &Event> {
    case.evenements
        .iter()
        .filter(move |e| !e.annule && e.date <= as_of)
}

#[cfg(test)]
mod tests;
