//! The caseload store behind `recours suivi`: followed cases and the events recorded on them.
//!
//! One trait, [`Store`], two backends: an embedded SQLite file (the default, for one person or
//! one office) and PostgreSQL (for an association whose workers share a caseload on several
//! machines). Both run the same SQL migrations from `migrations/`, embedded in the binary, and
//! every write is one transaction, so a crash or a kill never leaves half a batch or half an
//! event. The store keeps facts, not conclusions: deadlines are recomputed from the recorded
//! events each time ([`crate::followup`]), so a fix to the deadline rules reaches every case.
//!
//! The trait takes `&mut self` and is `Send`: a server keeps one store behind a mutex, or
//! opens one per request (opening is cheap once the schema is migrated).
//!
//! These records are personal data: the SQLite file is created readable by its owner only, one
//! case can be exported whole and deleted whole (a person's right to be forgotten).

mod base;
mod migrations;
mod postgres;
mod sqlite;

use chrono::NaiveDate;

pub use base::{Base, default_sqlite_path};

use crate::case::{Format, LetterKind};
use crate::error::Error;

/// A followed case's number, as users type it (`recours suivi montre 12`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CaseId(pub i64);

impl std::fmt::Display for CaseId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// What happened to a case, as `recours suivi evenement` names it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum EventKind {
    /// The letter was posted (postmark date).
    Envoi,
    /// The administration received it (date on the acknowledgement of receipt).
    Reception,
    /// An answer came that is not (or not yet read as) a rejection.
    Reponse,
    /// An explicit rejection was notified.
    Rejet,
    /// The requête was filed with the tribunal administratif.
    Requete,
}

impl EventKind {
    /// Every kind, in the order of a procedure.
    pub const ALL: [EventKind; 5] = [
        EventKind::Envoi,
        EventKind::Reception,
        EventKind::Reponse,
        EventKind::Rejet,
        EventKind::Requete,
    ];

    /// The command-line and database value.
    pub fn as_str(self) -> &'static str {
        match self {
            EventKind::Envoi => "envoi",
            EventKind::Reception => "reception",
            EventKind::Reponse => "reponse",
            EventKind::Rejet => "rejet",
            EventKind::Requete => "requete",
        }
    }

    /// The kind a value names.
    pub fn from_key(key: &str) -> Option<EventKind> {
        Self::ALL.into_iter().find(|k| k.as_str() == key)
    }

    /// For people: « envoi », « réception (avis de réception) »…
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Envoi => "envoi",
            EventKind::Reception => "réception",
            EventKind::Reponse => "réponse",
            EventKind::Rejet => "rejet explicite",
            EventKind::Requete => "requête au tribunal",
        }
    }
}

/// A case to start following.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewCase {
    /// Whose case it is, for lists: « Camille Martin ».
    pub nom: String,
    /// The letter the case file asks for.
    pub recours: LetterKind,
    /// Where it came from: the file name, or « lot.csv, ligne 12 ».
    pub source: String,
    /// The case file's syntax.
    pub format: Format,
    /// The case file's text, as given (kept for `montre` and for the export of one case).
    pub cas: String,
    /// A digest of `cas`: adding the same case file or batch row again finds the case
    /// already followed instead of making a duplicate.
    pub empreinte: String,
    /// The deadline facts read from the case file, as JSON ([`crate::followup::BaseFacts`]).
    pub faits: String,
    /// The day it was added.
    pub ajoute_le: NaiveDate,
}

/// An event to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewEvent {
    /// What happened.
    pub kind: EventKind,
    /// The letter it concerns (by default the case's own).
    pub recours: LetterKind,
    /// When it happened.
    pub date: NaiveDate,
    /// A free note.
    pub note: Option<String>,
    /// An earlier event of the same case this one corrects: it is cancelled in the same
    /// transaction.
    pub remplace: Option<i64>,
    /// The day it was recorded.
    pub enregistre_le: NaiveDate,
}

/// A recorded event.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// Its number, in recording order across the store.
    pub id: i64,
    /// What happened, which letter, when, the note, what it corrects.
    pub kind: EventKind,
    /// The letter it concerns.
    pub recours: LetterKind,
    /// When it happened.
    pub date: NaiveDate,
    /// A free note.
    pub note: Option<String>,
    /// The event it corrects, if any.
    pub remplace: Option<i64>,
    /// Cancelled (by `annule` or by a correction): kept in the timeline, ignored for dates.
    pub annule: bool,
    /// The day it was recorded.
    pub enregistre_le: NaiveDate,
}

/// A followed case with its events, in recording order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TrackedCase {
    /// Its number.
    pub id: CaseId,
    /// The case as added.
    pub nom: String,
    /// The letter the case file asks for.
    pub recours: LetterKind,
    /// Where it came from.
    pub source: String,
    /// The case file's syntax.
    pub format: Format,
    /// The case file's text; empty when listed without it ([`Store::for_each_case`]).
    pub cas: String,
    /// The deadline facts from the case file, as JSON.
    pub faits: String,
    /// The day it was added.
    pub ajoute_le: NaiveDate,
    /// Its events, oldest recorded first.
    pub evenements: Vec<Event>,
}

/// A case given to [`Store::add_cases`], and whether it was new.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Added {
    /// Its number.
    pub id: CaseId,
    /// False when the same case file was already followed (under this number).
    pub new: bool,
}

/// Why the store refused or failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// No case has this number.
    #[error("aucun dossier suivi n° {0}")]
    NoCase(CaseId),
    /// The case has no event with this number.
    #[error("le dossier n° {case} n'a pas d'événement n° {event}")]
    NoEvent {
        /// The case.
        case: CaseId,
        /// The event asked for.
        event: i64,
    },
    /// The database could not be opened, read or written.
    #[error("base de suivi « {base} » : {message}")]
    Backend {
        /// The base, as the user named it (a URL without its password).
        base: String,
        /// What failed.
        message: String,
    },
    /// `--base` names something that is not a caseload store: a file that is not a SQLite
    /// base, a URL the PostgreSQL client cannot read. Bad input, not a failure.
    #[error("base de suivi « {base} » : {message}")]
    NotABase {
        /// The base, as the user named it (a URL without its password).
        base: String,
        /// What is wrong.
        message: String,
        /// How to fix it.
        conseil: &'static str,
    },
    /// A row in the database that this version cannot read (edited by hand, or newer).
    #[error("base de suivi « {base} » : donnée illisible ({message})")]
    Corrupt {
        /// The base.
        base: String,
        /// What is wrong.
        message: String,
    },
}

impl From<StoreError> for Error {
    fn from(e: StoreError) -> Error {
        match e {
            StoreError::NoCase(_) | StoreError::NoEvent { .. } => Error::Input {
                message: e.to_string(),
                conseil: Some(
                    "la liste des dossiers et de leurs numéros : recours suivi echeances".into(),
                ),
            },
            StoreError::NotABase { conseil, .. } => Error::Input {
                message: e.to_string(),
                conseil: Some(conseil.into()),
            },
            StoreError::Backend { .. } | StoreError::Corrupt { .. } => Error::Store {
                message: e.to_string(),
            },
        }
    }
}

/// Where followed cases live. Every method that writes is one transaction.
pub trait Store: std::fmt::Debug + Send {
    /// Adds cases, all or none, and returns their numbers in order; a case whose
    /// [`NewCase::empreinte`] is already there is not added again.
    fn add_cases(&mut self, cases: &[NewCase]) -> Result<Vec<Added>, StoreError>;
    /// Records an event on a case (cancelling the one it corrects) and returns its number.
    fn add_event(&mut self, case: CaseId, event: &NewEvent) -> Result<i64, StoreError>;
    /// Cancels an event: it stays in the timeline, marked, and no longer counts.
    fn cancel_event(&mut self, case: CaseId, event: i64) -> Result<(), StoreError>;
    /// One case with its text and events.
    fn case(&mut self, id: CaseId) -> Result<Option<TrackedCase>, StoreError>;
    /// Every case in number order, with its events but without its text, one at a time so
    /// that memory stays flat whatever the caseload.
    fn for_each_case(
        &mut self,
        f: &mut dyn FnMut(TrackedCase) -> Result<(), StoreError>,
    ) -> Result<(), StoreError>;
    /// Deletes a case and its events, leaving no copy in the database file where the backend
    /// allows it. Returns false when there was no such case.
    fn delete_case(&mut self, id: CaseId) -> Result<bool, StoreError>;
}

/// Opens (creating and migrating when needed) the store a `--base` names.
pub fn open(base: &Base) -> Result<Box<dyn Store>, StoreError> {
    match base {
        Base::Sqlite(path) => Ok(Box::new(sqlite::SqliteStore::open(path)?)),
        Base::Postgres(url) => Ok(Box::new(postgres::PgStore::open(url)?)),
    }
}

fn format_key(f: Format) -> &'static str {
    match f {
        Format::Toml => "toml",
        Format::Json => "json",
    }
}

fn format_from_key(k: &str) -> Option<Format> {
    match k {
        "toml" => Some(Format::Toml),
        "json" => Some(Format::Json),
        _ => None,
    }
}

/// The text columns of a row, decoded the same way on both backends.
struct RawCase {
    id: i64,
    nom: String,
    recours: String,
    source: String,
    format: String,
    cas: String,
    faits: String,
    ajoute_le: String,
}

struct RawEvent {
    id: i64,
    kind: String,
    recours: String,
    date: String,
    note: Option<String>,
    remplace: Option<i64>,
    annule: bool,
    enregistre_le: String,
}

fn decode_case(base: &str, r: RawCase) -> Result<TrackedCase, StoreError> {
    let bad = |what: &str, v: &str| StoreError::Corrupt {
        base: base.to_string(),
        message: format!("dossier {} : {what} « {v} »", r.id),
    };
    Ok(TrackedCase {
        id: CaseId(r.id),
        recours: LetterKind::from_key(&r.recours).ok_or_else(|| bad("recours", &r.recours))?,
        format: format_from_key(&r.format).ok_or_else(|| bad("format", &r.format))?,
        ajoute_le: crate::case::parse_date(&r.ajoute_le)
            .map_err(|_| bad("ajoute_le", &r.ajoute_le))?,
        nom: r.nom,
        source: r.source,
        cas: r.cas,
        faits: r.faits,
        evenements: Vec::new(),
    })
}

fn decode_event(base: &str, r: RawEvent) -> Result<Event, StoreError> {
    let bad = |what: &str, v: &str| StoreError::Corrupt {
        base: base.to_string(),
        message: format!("événement {} : {what} « {v} »", r.id),
    };
    let date = |v: &str, what: &str| crate::case::parse_date(v).map_err(|_| bad(what, v));
    Ok(Event {
        id: r.id,
        kind: EventKind::from_key(&r.kind).ok_or_else(|| bad("type", &r.kind))?,
        recours: LetterKind::from_key(&r.recours).ok_or_else(|| bad("recours", &r.recours))?,
        date: date(&r.date, "date")?,
        enregistre_le: date(&r.enregistre_le, "enregistre_le")?,
        note: r.note,
        remplace: r.remplace,
        annule: r.annule,
    })
}

fn iso(d: NaiveDate) -> String {
    crate::deadlines::model::iso(d)
}
