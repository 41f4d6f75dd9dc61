//! What the deadline rules produce: dated limits with their meaning and legal basis, typed
//! warnings, and their JSON form for `recours explique --json`.
//!
//! Warnings are an enum rather than strings so that the rules can be tested on *what* was
//! said, and the wording (in [`super::explain`]) can change without touching the rules. The
//! JSON keeps the contract's French keys (`spec/cli.md`): the three dates at the top, ISO
//! `AAAA-MM-JJ` or `null`, then extra keys with the details.

use chrono::{Datelike, NaiveDate};
use serde::ser::{Serialize, SerializeMap, Serializer};

use super::facts::{Key, LetterKind, RecoursKind};

/// Which limit a [`Deadline`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum DeadlineKind {
    /// Algorithm A: last day to send a recours gracieux or hiérarchique that interrupts the
    /// délai contentieux.
    RecoursAdministratif,
    /// Algorithm B: the day the administration's silence becomes a rejection.
    RejetImplicite,
    /// Algorithm C: last day to seize the tribunal administratif.
    Tribunal,
    /// The one-year « délai raisonnable » when the decision did not state the voies et délais.
    Czabaj,
}

impl DeadlineKind {
    /// The key under `delais` in the JSON contract.
    pub fn json_key(self) -> &'static str {
        match self {
            DeadlineKind::RecoursAdministratif => "limite_recours_administratif",
            DeadlineKind::RejetImplicite => "rejet_implicite",
            DeadlineKind::Tribunal => "limite_tribunal",
            DeadlineKind::Czabaj => "limite_czabaj",
        }
    }
}

/// How far a date can be relied on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Certainty {
    /// Computed by a rule the reference supports, from complete facts.
    Computed,
    /// An estimate: a fact is missing, or the law is unsettled on this point. The date given
    /// is the earlier (safer) reading.
    Uncertain,
    /// The date is the one to aim for, but it cannot be held against the person because the
    /// decision did not state the voies et délais (CJA R. 421-5).
    NotEnforceable,
}

impl Certainty {
    fn json(self) -> &'static str {
        match self {
            Certainty::Computed => "calculee",
            Certainty::Uncertain => "incertaine",
            Certainty::NotEnforceable => "non-opposable",
        }
    }
}

/// The event a limit is counted from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    /// The contested decision's notification.
    Notification(NaiveDate),
    /// A recours's receipt by the administration (starts the two months of silence).
    Reception(RecoursKind, NaiveDate),
    /// The notification of an explicit rejection of a recours.
    ExplicitRejection(RecoursKind, NaiveDate),
    /// The birth of an implicit rejection of a recours.
    ImplicitRejection(RecoursKind, NaiveDate),
    /// The day the reasons of an implicit rejection were received (CRPA L. 232-4).
    ReasonsCommunicated(NaiveDate),
    /// The request for those reasons, when they did not come (one year from it).
    ReasonsRequested(NaiveDate),
}

impl Trigger {
    /// The triggering date.
    pub fn date(self) -> NaiveDate {
        match self {
            Trigger::Notification(d)
            | Trigger::Reception(_, d)
            | Trigger::ExplicitRejection(_, d)
            | Trigger::ImplicitRejection(_, d)
            | Trigger::ReasonsCommunicated(d)
            | Trigger::ReasonsRequested(d) => d,
        }
    }
}

/// One computed limit.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadline {
    /// Which limit this is.
    pub kind: DeadlineKind,
    /// The legal date: the last day to act, or (for an implicit rejection) the day it arises.
    pub date: NaiveDate,
    /// The date to advise, [`super::arith::SAFETY_MARGIN_DAYS`] earlier on a working day;
    /// `None` for the implicit rejection, which is not something to do.
    pub safe: Option<NaiveDate>,
    /// What the limit is counted from.
    pub trigger: Trigger,
    /// Length in months.
    pub months: u32,
    /// The échéance before it was moved past a weekend or holiday, when it was.
    pub rolled_from: Option<NaiveDate>,
    /// How far the date can be relied on.
    pub certainty: Certainty,
    /// `Some(d)` when, on the letter's date, this délai has not started yet: it will start on
    /// `d` if nothing changes (the future implicit rejection). `None` when it is running.
    pub starts_on: Option<NaiveDate>,
    /// What the date means, in French, for a non-lawyer.
    pub meaning: String,
    /// The articles and decisions the date rests on, in French citation style.
    pub basis: String,
    /// Further French sentences: roll-over, possible extensions, options.
    pub notes: Vec<String>,
}

/// Something the person must know, rendered in French by [`super::explain`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Warning {
    /// A fact needed to compute a date is missing. `earliest` is what can still be said.
    Missing {
        /// The case-file key to fill in.
        key: Key,
        /// The date that could not be computed.
        needed_for: DeadlineKind,
        /// The earliest the date can be, when an approximate fact allows saying it.
        earliest: Option<NaiveDate>,
    },
    /// An earlier recours has no sending date and the other dates do not show it was in time.
    EnvoiUnknown {
        /// Which recours.
        recours: RecoursKind,
        /// The limit it had to be sent by.
        deadline: NaiveDate,
    },
    /// A limit has passed on the letter's date.
    Passed {
        /// Which limit.
        kind: DeadlineKind,
        /// Its date.
        date: NaiveDate,
    },
    /// The two-month limit has passed but cannot be held against the person (R. 421-5); the
    /// one-year limit has not.
    PassedNotEnforceable {
        /// Which limit.
        kind: DeadlineKind,
        /// Its date.
        date: NaiveDate,
        /// The one-year limit.
        czabaj: NaiveDate,
    },
    /// A limit falls within [`SOON_DAYS`] of the letter's date.
    Soon {
        /// Which limit.
        kind: DeadlineKind,
        /// Its date.
        date: NaiveDate,
        /// Days left after the letter's date (0: it is the last day).
        days: i64,
    },
    /// The letter being written is a recours sent after limit A: it interrupts nothing.
    LetterTooLate {
        /// Which recours the letter is.
        recours: RecoursKind,
        /// Limit A.
        deadline: NaiveDate,
        /// Whether a recours gracieux sent in time already interrupted the délai (so the
        /// court délai runs from its rejection).
        gracieux_counts: bool,
    },
    /// The letter is sent after limit A, but the decision did not state the voies et délais,
    /// so it can still interrupt the one-year limit (CE avis 12 juill. 2023).
    LetterLateButCzabaj {
        /// Which recours the letter is.
        recours: RecoursKind,
        /// Limit A.
        deadline: NaiveDate,
        /// The one-year limit.
        czabaj: NaiveDate,
    },
    /// An earlier recours was sent after limit A and interrupted nothing.
    EarlierTooLate {
        /// Which recours.
        recours: RecoursKind,
        /// When it was sent.
        envoi: NaiveDate,
        /// Limit A.
        deadline: NaiveDate,
    },
    /// An earlier recours was sent after limit A, but within the one-year limit that applies
    /// because the decision did not state the voies et délais; it is taken to interrupt it.
    EarlierLateButCzabaj {
        /// Which recours.
        recours: RecoursKind,
        /// When it was sent (or, if unknown, the latest it can have been sent).
        envoi: NaiveDate,
        /// Limit A.
        deadline: NaiveDate,
    },
    /// The letter is a second recours of a kind already sent: it does not restart the délai.
    SecondRecours {
        /// Which recours.
        recours: RecoursKind,
    },
    /// Seizing the Défenseur des droits stops no délai (§4).
    DefenseurStopsNothing,
    /// Asking for the file (CRPA L. 311-1) is not among the recours that extend a délai.
    CommunicationStopsNothing,
    /// The reasons of an implicit rejection were (or would be) asked after the court limit:
    /// the request extends nothing (CRPA L. 232-4 wants it within the délai).
    ReasonsTooLate {
        /// When the request is (or was) sent.
        envoi: NaiveDate,
        /// The court limit it had to beat.
        deadline: NaiveDate,
    },
    /// A signalement is not a recours.
    SignalementNoDeadline,
    /// The decision did not state the voies et délais: R. 421-5 and Czabaj.
    NoVoiesMention,
    /// The court délai has not started: it will when the implicit rejection arises.
    NotYetRunning {
        /// The implicit rejection that will start it.
        starts: NaiveDate,
        /// The court limit it will lead to.
        tribunal: NaiveDate,
    },
    /// An earlier recours bears a date before the decision's notification.
    BeforeNotification {
        /// Which recours.
        recours: RecoursKind,
    },
    /// An explicit rejection came after the délai opened by the implicit rejection had ended:
    /// it most likely does not reopen it.
    LateExplicitRejection {
        /// Which recours.
        recours: RecoursKind,
        /// The explicit rejection's notification.
        rejet: NaiveDate,
        /// The court limit counted from the implicit rejection.
        deadline: NaiveDate,
    },
}

/// A limit this close to the letter's date (in days) gets a warning.
pub const SOON_DAYS: i64 = 10;

/// The computed limits as the case stands on the letter's date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Deadlines {
    /// The letter being written; `None` in a caseload review (see [`super::Facts::letter`]).
    pub letter: Option<LetterKind>,
    /// Its date, « now » for every check.
    pub letter_date: NaiveDate,
    /// Algorithm A; `None` for a signalement or without a notification date.
    pub recours_administratif: Option<Deadline>,
    /// Algorithm B for the latest recours received; `None` when none was received or it was
    /// explicitly rejected.
    pub rejet_implicite: Option<Deadline>,
    /// Algorithm C; `None` when a needed fact is missing (see the warnings).
    pub tribunal: Option<Deadline>,
    /// The one-year limit, only when the decision did not state the voies et délais.
    pub czabaj: Option<Deadline>,
    /// What the person must know, most urgent first.
    pub warnings: Vec<Warning>,
}

impl Deadlines {
    /// The limits that were computed, in the order a reader meets them.
    pub fn all(&self) -> impl Iterator<Item = &Deadline> {
        [
            &self.recours_administratif,
            &self.rejet_implicite,
            &self.tribunal,
            &self.czabaj,
        ]
        .into_iter()
        .flatten()
    }
}

/// ISO 8601 calendar date, as the contract wants (`AAAA-MM-JJ`).
pub fn iso(d: NaiveDate) -> String {
    format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day())
}

struct IsoDate(Option<NaiveDate>);

impl Serialize for IsoDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self.0 {
            Some(d) => s.serialize_str(&iso(d)),
            None => s.serialize_none(),
        }
    }
}

impl Serialize for Deadline {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let mut m = s.serialize_map(None)?;
        m.serialize_entry("date", &IsoDate(Some(self.date)))?;
        m.serialize_entry("date_conseillee", &IsoDate(self.safe))?;
        m.serialize_entry("point_de_depart", &IsoDate(Some(self.trigger.date())))?;
        m.serialize_entry("mois", &self.months)?;
        m.serialize_entry("report_depuis", &IsoDate(self.rolled_from))?;
        m.serialize_entry("certitude", self.certainty.json())?;
        m.serialize_entry("delai_ouvert", &self.starts_on.is_none())?;
        m.serialize_entry("ouverture", &IsoDate(self.starts_on))?;
        m.serialize_entry("sens", &self.meaning)?;
        m.serialize_entry("fondement", &self.basis)?;
        m.serialize_entry("remarques", &self.notes)?;
        m.end()
    }
}

impl Serialize for Warning {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// The `delais` object of `recours explique --json`: the contract's three dates first, then
/// `limite_czabaj`, `date_lettre`, `details` (one object per computed date, keyed like the
/// dates), `avertissements` and `avis`.
impl Serialize for Deadlines {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let date = |d: &Option<Deadline>| IsoDate(d.as_ref().map(|d| d.date));
        let mut m = s.serialize_map(None)?;
        m.serialize_entry(
            "limite_recours_administratif",
            &date(&self.recours_administratif),
        )?;
        m.serialize_entry("rejet_implicite", &date(&self.rejet_implicite))?;
        m.serialize_entry("limite_tribunal", &date(&self.tribunal))?;
        m.serialize_entry("limite_czabaj", &date(&self.czabaj))?;
        m.serialize_entry("date_lettre", &IsoDate(Some(self.letter_date)))?;
        let details: std::collections::BTreeMap<&str, &Deadline> =
            self.all().map(|d| (d.kind.json_key(), d)).collect();
        m.serialize_entry("details", &details)?;
        m.serialize_entry("avertissements", &self.warnings)?;
        m.serialize_entry("avis", super::explain::NOTICE)?;
        m.end()
    }
}
