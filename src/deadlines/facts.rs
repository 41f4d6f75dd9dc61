//! The plain facts the deadlines are computed from, and their consistency check.
//!
//! These types are deliberately independent of the case-file module: the router maps a
//! validated case onto [`Facts`], so the date rules can be tested (and reasoned about) without
//! any file format. [`Facts::validate`] refuses facts that contradict each other, because a
//! deadline computed from an impossible chronology is worse than no deadline: its
//! [`FactsError`] names the case-file key to fix, in French, for the user.

use chrono::{Datelike, NaiveDate};
use thiserror::Error;

use super::model::iso;
use crate::french::date::date as fr_date;

/// The letter being written now: the case file's `recours`, one type for the whole pipeline.
pub use crate::case::LetterKind;

impl LetterKind {
    /// The kind of recours administratif this letter is, if it is one.
    pub fn recours(self) -> Option<RecoursKind> {
        match self {
            LetterKind::Gracieux => Some(RecoursKind::Gracieux),
            LetterKind::Hierarchique => Some(RecoursKind::Hierarchique),
            LetterKind::Signalement
            | LetterKind::Defenseur
            | LetterKind::Motifs
            | LetterKind::Communication
            | LetterKind::Requete => None,
        }
    }
}

/// The two recours administratifs that can interrupt the délai contentieux (CRPA L. 411-2).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum RecoursKind {
    /// To the authority that decided.
    Gracieux,
    /// To its superior.
    Hierarchique,
}

impl RecoursKind {
    /// The case-file table holding this recours, used to name keys in messages.
    pub fn case_key(self) -> &'static str {
        match self {
            RecoursKind::Gracieux => "recours_gracieux",
            RecoursKind::Hierarchique => "recours_hierarchique",
        }
    }

    /// « recours gracieux » / « recours hiérarchique ».
    pub fn name_fr(self) -> &'static str {
        match self {
            RecoursKind::Gracieux => "recours gracieux",
            RecoursKind::Hierarchique => "recours hiérarchique",
        }
    }
}

/// A recours administratif already sent before the letter being written (serializable: the
/// caseload store keeps these dates as JSON).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct EarlierRecours {
    /// Postmark date (`envoi`): what decides whether it came in time.
    pub envoi: Option<NaiveDate>,
    /// Date the administration received it (`reception`): starts the two months of silence.
    pub reception: Option<NaiveDate>,
    /// Notification date of an explicit rejection (`rejet`), if one came.
    pub rejet: Option<NaiveDate>,
}

/// A request for the reasons of an implicit rejection (CRPA L. 232-4), already sent
/// (serializable: the caseload store keeps these dates as JSON).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ReasonsRequest {
    /// Postmark of the request (`demande_motifs.envoi`).
    pub envoi: NaiveDate,
    /// The day the reasons were received (`demande_motifs.communication`), if they were.
    pub communication: Option<NaiveDate>,
}

/// Everything the deadlines depend on, as the case stands on the letter's date.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Facts {
    /// The letter being written now; `None` when none is: a caseload review looks at a case
    /// whose letters are all sent, and nothing is said about a letter in progress.
    pub letter: Option<LetterKind>,
    /// The letter's date, taken as its postmark (or the day a review looks at the case):
    /// « now » for every computation.
    pub letter_date: NaiveDate,
    /// When the contested decision was notified (`decision.notification`, else
    /// `decision.date`); `None` for a signalement or when the file does not say.
    pub notification: Option<NaiveDate>,
    /// Whether the decision stated the voies et délais de recours (`decision.
    /// mentionne_voies_recours`, true by default). When false, R. 421-5 and Czabaj apply.
    pub voies_mentionnees: bool,
    /// Whether the person lives abroad (`demandeur.reside_a_l_etranger`): 4 months before
    /// the court after an explicit decision (CJA R. 421-7).
    pub lives_abroad: bool,
    /// The earlier recours gracieux (`[recours_gracieux]`), if one was sent.
    pub gracieux: Option<EarlierRecours>,
    /// The earlier recours hiérarchique (`[recours_hierarchique]`), if one was sent.
    pub hierarchique: Option<EarlierRecours>,
    /// The reasons of the implicit rejection, asked for (`[demande_motifs]`), if they were.
    pub reasons: Option<ReasonsRequest>,
}

impl Facts {
    /// The recours administratif being written now, if the letter is one.
    pub fn letter_recours(&self) -> Option<RecoursKind> {
        self.letter.and_then(LetterKind::recours)
    }

    /// The earlier recours of a kind.
    pub fn earlier(&self, kind: RecoursKind) -> Option<&EarlierRecours> {
        match kind {
            RecoursKind::Gracieux => self.gracieux.as_ref(),
            RecoursKind::Hierarchique => self.hierarchique.as_ref(),
        }
    }

    /// Checks that the dates can all be true at once, as seen on the letter's date.
    ///
    /// Refused: a date outside [`PLAUSIBLE_YEARS`] (a typo such as 20266 or 1026), any fact
    /// dated after the letter (the letter is written « now », so a future fact is a mistake or
    /// a guess), a recours received before it was sent, a rejection before the recours was
    /// sent or received, and a rejection before the decision was notified. A recours *sent*
    /// before the notification is only odd (the person may have learnt of the refusal at the
    /// counter), so it gets a warning instead, from the rules.
    pub fn validate(&self) -> Result<(), FactsError> {
        check_plausible(LETTER_DATE_KEY, self.letter_date)?;
        if let Some(n) = self.notification {
            check_plausible(NOTIFICATION_KEY, n)?;
            check_not_after_letter(NOTIFICATION_KEY, n, self.letter_date)?;
        }
        for kind in [RecoursKind::Gracieux, RecoursKind::Hierarchique] {
            let Some(r) = self.earlier(kind) else {
                continue;
            };
            let table = kind.case_key();
            let fields = [
                ("envoi", r.envoi),
                ("reception", r.reception),
                ("rejet", r.rejet),
            ];
            for (field, date) in fields {
                if let Some(date) = date {
                    let key = Key { table, field };
                    check_plausible(key, date)?;
                    check_not_after_letter(key, date, self.letter_date)?;
                }
            }
            let envoi = Key {
                table,
                field: "envoi",
            };
            let reception = Key {
                table,
                field: "reception",
            };
            let rejet = Key {
                table,
                field: "rejet",
            };
            check_order(envoi, r.envoi, reception, r.reception)?;
            check_order(envoi, r.envoi, rejet, r.rejet)?;
            check_order(reception, r.reception, rejet, r.rejet)?;
            check_order(NOTIFICATION_KEY, self.notification, rejet, r.rejet)?;
        }
        if let Some(r) = self.reasons {
            let table = "demande_motifs";
            let envoi = Key {
                table,
                field: "envoi",
            };
            let communication = Key {
                table,
                field: "communication",
            };
            check_plausible(envoi, r.envoi)?;
            check_not_after_letter(envoi, r.envoi, self.letter_date)?;
            if let Some(m) = r.communication {
                check_plausible(communication, m)?;
                check_not_after_letter(communication, m, self.letter_date)?;
            }
            check_order(envoi, Some(r.envoi), communication, r.communication)?;
        }
        Ok(())
    }
}

/// Years a fact may fall in. The law these rules encode dates from 2016 (CRPA) to 2025 (CE,
/// postmark), so a date far outside this window is a typing mistake, not a case.
pub const PLAUSIBLE_YEARS: std::ops::RangeInclusive<i32> = 2000..=2199;

/// A case-file key such as `recours_gracieux.reception`, kept as two parts so that messages
/// and tests can name it without allocating.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    /// The table: `decision`, `lettre`, `recours_gracieux`, `recours_hierarchique`,
    /// `demande_motifs`.
    pub table: &'static str,
    /// The field inside it.
    pub field: &'static str,
}

impl std::fmt::Display for Key {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}", self.table, self.field)
    }
}

/// `decision.notification`.
pub const NOTIFICATION_KEY: Key = Key {
    table: "decision",
    field: "notification",
};
/// `lettre.date` (or `--date`).
pub const LETTER_DATE_KEY: Key = Key {
    table: "lettre",
    field: "date",
};

/// Facts that cannot all be true. Each message names the key to correct and how.
#[derive(Clone, Copy, Debug, Error, PartialEq, Eq)]
pub enum FactsError {
    /// A date outside [`PLAUSIBLE_YEARS`].
    #[error(
        "{key}\u{a0}: la date {} n’est pas plausible\u{202f}; vérifiez l’année (format AAAA-MM-JJ)",
        iso(*date)
    )]
    Implausible {
        /// The offending key.
        key: Key,
        /// Its value.
        date: NaiveDate,
    },
    /// A fact dated after the letter.
    #[error(
        "{key} ({}) est postérieure à la date de la lettre ({})\u{202f}; corrigez cette date, ou \
         datez la lettre plus tard (lettre.date ou --date)",
        fr_date(*date),
        fr_date(*letter_date)
    )]
    AfterLetter {
        /// The offending key.
        key: Key,
        /// Its value.
        date: NaiveDate,
        /// The letter's date.
        letter_date: NaiveDate,
    },
    /// Two facts in the wrong order.
    #[error(
        "{later_key} ({}) est antérieure à {earlier_key} ({}), ce qui est impossible\u{202f}; \
         corrigez l’une des deux dates",
        fr_date(*later),
        fr_date(*earlier)
    )]
    OutOfOrder {
        /// The key that must come first.
        earlier_key: Key,
        /// Its value.
        earlier: NaiveDate,
        /// The key that must come after it.
        later_key: Key,
        /// Its value, which is earlier.
        later: NaiveDate,
    },
}

impl FactsError {
    /// The case-file key the user should correct.
    pub fn key(&self) -> Key {
        match self {
            FactsError::Implausible { key, .. } | FactsError::AfterLetter { key, .. } => *key,
            FactsError::OutOfOrder { later_key, .. } => *later_key,
        }
    }
}

fn check_plausible(key: Key, date: NaiveDate) -> Result<(), FactsError> {
    if PLAUSIBLE_YEARS.contains(&date.year()) {
        Ok(())
    } else {
        Err(FactsError::Implausible { key, date })
    }
}

fn check_not_after_letter(key: Key, date: NaiveDate, letter: NaiveDate) -> Result<(), FactsError> {
    if date > letter {
        Err(FactsError::AfterLetter {
            key,
            date,
            letter_date: letter,
        })
    } else {
        Ok(())
    }
}

fn check_order(
    earlier_key: Key,
    earlier: Option<NaiveDate>,
    later_key: Key,
    later: Option<NaiveDate>,
) -> Result<(), FactsError> {
    match (earlier, later) {
        (Some(earlier), Some(later)) if later < earlier => Err(FactsError::OutOfOrder {
            earlier_key,
            earlier,
            later_key,
            later,
        }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn base() -> Facts {
        Facts {
            letter: Some(LetterKind::Hierarchique),
            letter_date: d(2026, 12, 15),
            notification: Some(d(2026, 10, 20)),
            voies_mentionnees: true,
            lives_abroad: false,
            gracieux: Some(EarlierRecours {
                envoi: Some(d(2026, 11, 2)),
                reception: Some(d(2026, 11, 4)),
                rejet: Some(d(2026, 12, 10)),
            }),
            hierarchique: None,
            reasons: None,
        }
    }

    #[test]
    fn consistent_facts_pass() {
        assert_eq!(base().validate(), Ok(()));
    }

    #[test]
    fn reception_before_envoi_names_the_reception_key() {
        let mut f = base();
        f.gracieux.as_mut().unwrap().reception = Some(d(2026, 11, 1));
        let err = f.validate().unwrap_err();
        assert_eq!(err.key().to_string(), "recours_gracieux.reception");
        assert_eq!(
            err.to_string(),
            "recours_gracieux.reception (1er novembre 2026) est antérieure à \
             recours_gracieux.envoi (2 novembre 2026), ce qui est impossible\u{202f}; corrigez \
             l’une des deux dates"
        );
    }

    #[test]
    fn rejet_before_reception_is_refused() {
        let mut f = base();
        f.gracieux.as_mut().unwrap().rejet = Some(d(2026, 11, 3));
        assert_eq!(
            f.validate().unwrap_err().key().to_string(),
            "recours_gracieux.rejet"
        );
    }

    #[test]
    fn rejet_before_envoi_is_refused_without_reception() {
        let mut f = base();
        let g = f.gracieux.as_mut().unwrap();
        g.reception = None;
        g.rejet = Some(d(2026, 11, 1));
        let err = f.validate().unwrap_err();
        assert!(matches!(err, FactsError::OutOfOrder { earlier_key, .. }
            if earlier_key.to_string() == "recours_gracieux.envoi"));
    }

    #[test]
    fn rejet_before_notification_is_refused() {
        let mut f = base();
        f.hierarchique = Some(EarlierRecours {
            envoi: None,
            reception: None,
            rejet: Some(d(2026, 10, 1)),
        });
        let err = f.validate().unwrap_err();
        assert_eq!(err.key().to_string(), "recours_hierarchique.rejet");
    }

    #[test]
    fn notification_after_the_letter_is_refused() {
        let mut f = base();
        f.gracieux = None;
        f.notification = Some(d(2026, 12, 16));
        let err = f.validate().unwrap_err();
        assert_eq!(err.key(), NOTIFICATION_KEY);
        assert!(
            err.to_string()
                .contains("postérieure à la date de la lettre (15 décembre 2026)")
        );
        assert!(err.to_string().contains("--date"));
    }

    #[test]
    fn recours_fact_after_the_letter_is_refused() {
        let mut f = base();
        f.gracieux.as_mut().unwrap().rejet = Some(d(2027, 1, 5));
        assert_eq!(
            f.validate().unwrap_err().key().to_string(),
            "recours_gracieux.rejet"
        );
    }

    #[test]
    fn far_dates_are_implausible() {
        let mut f = base();
        f.letter_date = d(2266, 1, 1);
        let err = f.validate().unwrap_err();
        assert_eq!(err.key(), LETTER_DATE_KEY);
        assert!(
            err.to_string()
                .starts_with("lettre.date\u{a0}: la date 2266-01-01")
        );
        let mut f = base();
        f.notification = Some(d(1026, 10, 20));
        assert_eq!(f.validate().unwrap_err().key(), NOTIFICATION_KEY);
    }

    #[test]
    fn recours_sent_before_notification_is_not_an_error() {
        let mut f = base();
        f.gracieux.as_mut().unwrap().envoi = Some(d(2026, 10, 19));
        assert_eq!(f.validate(), Ok(()));
    }

    #[test]
    fn reasons_received_before_they_were_asked_are_refused_with_both_keys() {
        let mut f = base();
        f.reasons = Some(ReasonsRequest {
            envoi: d(2026, 12, 12),
            communication: Some(d(2026, 12, 11)),
        });
        let e = f.validate().unwrap_err();
        assert_eq!(e.key().to_string(), "demande_motifs.communication");
        f.reasons = Some(ReasonsRequest {
            envoi: d(2026, 12, 20),
            communication: None,
        });
        assert!(matches!(f.validate(), Err(FactsError::AfterLetter { .. })));
    }
}
