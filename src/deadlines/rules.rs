//! Algorithms A, B and C of reference `legal.md` §1.8, applied to the facts as they stand on
//! the letter's date.
//!
//! A: last day to send a recours gracieux or hiérarchique that interrupts the délai
//! contentieux (two months, délai franc, never the distance extension). B: the day silence on
//! a recours becomes a rejection (two months from receipt, no roll-over). C: last day to seize
//! the tribunal administratif, counted from the notification when no recours interrupted the
//! délai, otherwise from the rejection (the later one when a gracieux and a hiérarchique were
//! both sent within the initial délai, CRPA L. 411-2 al. 2). Czabaj replaces the two months by
//! one year when the decision did not state the voies et délais (CJA R. 421-5).
//!
//! The letter being written is *not* counted as sent: the dates describe the case before it is
//! posted, and notes say what posting it in time will change. With no letter being written (a
//! caseload review), nothing is said about one. Wording lives in
//! [`super::explain`]; this file decides only dates, certainty and which warnings apply.

use chrono::NaiveDate;

use super::arith::{add_months, days_between, delai_franc, safe_date};
use super::calendar::Calendar;
use super::explain;
use super::facts::Facts;
use super::facts::{EarlierRecours, FactsError, Key, LetterKind, NOTIFICATION_KEY, RecoursKind};
use super::model::{Certainty, Deadline, DeadlineKind, Deadlines, SOON_DAYS, Trigger, Warning};

/// The limits for `facts`, with the national holiday calendar.
pub fn compute(facts: &Facts) -> Result<Deadlines, FactsError> {
    compute_with(facts, &Calendar::NATIONAL)
}

/// The limits for `facts` with a given holiday calendar (see [`Calendar`] for the regions).
pub fn compute_with(facts: &Facts, calendar: &Calendar) -> Result<Deadlines, FactsError> {
    facts.validate()?;
    let mut out = Deadlines {
        letter: facts.letter,
        letter_date: facts.letter_date,
        recours_administratif: None,
        rejet_implicite: None,
        tribunal: None,
        czabaj: None,
        warnings: Vec::new(),
    };
    match facts.letter {
        Some(LetterKind::Signalement) => {
            // No decision, so no délai: nothing to compute, whatever else the file holds.
            out.warnings.push(Warning::SignalementNoDeadline);
            return Ok(out);
        }
        Some(LetterKind::Defenseur) => out.warnings.push(Warning::DefenseurStopsNothing),
        Some(LetterKind::Communication) => out.warnings.push(Warning::CommunicationStopsNothing),
        Some(
            LetterKind::Gracieux
            | LetterKind::Hierarchique
            | LetterKind::Motifs
            | LetterKind::Requete,
        )
        | None => {}
    }
    let mut ctx = Ctx {
        facts,
        cal: calendar,
        warnings: Vec::new(),
    };
    out.rejet_implicite = ctx.latest_implicit_rejection();
    if let Some(n) = facts.notification {
        let a = ctx.limit_a(n);
        let czabaj = (!facts.voies_mentionnees).then(|| ctx.czabaj(n));
        let czabaj_date = czabaj.as_ref().map(|c| c.date);
        let timings = ctx.timings(n, a.date, czabaj_date);
        let mut tribunal = ctx.limit_c(n, &timings);
        ctx.current_letter(&timings, a.date, czabaj_date);
        if let Some(t) = tribunal.as_mut() {
            ctx.current_letter_notes(&timings, a.date, t);
            ctx.reasons(t);
        }
        if let Some(ri) = out.rejet_implicite.as_mut()
            && let Trigger::Reception(kind, _) = ri.trigger
            && timings.iter().any(|(k, _, t)| *k == kind && !t.counts())
        {
            ri.notes.push(explain::implicit_of_late_recours(kind));
        }
        out.recours_administratif = Some(a);
        out.tribunal = tribunal;
        out.czabaj = czabaj;
        ctx.urgency(&out, &timings);
    } else {
        let needed_for = DeadlineKind::RecoursAdministratif;
        ctx.warnings.push(Warning::Missing {
            key: NOTIFICATION_KEY,
            needed_for,
            earliest: None,
        });
    }
    out.warnings.extend(ctx.warnings);
    out.warnings.sort_by_key(priority);
    Ok(out)
}

/// Whether an earlier recours counts as sent within the initial délai.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Timing {
    /// Sent by limit A: it interrupted the délai.
    InTime,
    /// Sent after limit A but within the one-year limit, when R. 421-5 applies: taken as
    /// interrupting (CE avis 12 juill. 2023, n° 474865), with less certainty.
    LateButCzabaj,
    /// Sent too late: ignored.
    Late,
    /// Sending date unknown and not bounded by the other dates: ignored, conservatively.
    Unknown,
}

impl Timing {
    fn counts(self) -> bool {
        matches!(self, Timing::InTime | Timing::LateButCzabaj)
    }
}

/// The earlier recours and how they were timed, gracieux first.
type Timings = Vec<(RecoursKind, EarlierRecours, Timing)>;

/// A rejection a court délai runs from.
#[derive(Clone, Copy, Debug)]
struct Rejection {
    trigger: Trigger,
    explicit: bool,
    /// An explicit rejection came too late to reopen the délai: less certain.
    doubtful: bool,
}

struct Ctx<'a> {
    facts: &'a Facts,
    cal: &'a Calendar,
    warnings: Vec<Warning>,
}

impl Ctx<'_> {
    fn earlier(&self) -> impl Iterator<Item = (RecoursKind, EarlierRecours)> + '_ {
        [RecoursKind::Gracieux, RecoursKind::Hierarchique]
            .into_iter()
            .filter_map(|k| self.facts.earlier(k).map(|r| (k, *r)))
    }

    /// Algorithm A, from the notification, m = 2 whatever the residence.
    fn limit_a(&self, n: NaiveDate) -> Deadline {
        let f = delai_franc(n, 2, self.cal);
        let certainty = if self.facts.voies_mentionnees {
            Certainty::Computed
        } else {
            Certainty::NotEnforceable
        };
        let mut notes = Vec::new();
        if f.rolled_over() {
            notes.push(explain::rolled_over(f.unrolled, f.last_day, self.cal));
        }
        if self.facts.lives_abroad {
            notes.push(explain::no_distance_extension());
        }
        if self.facts.letter_recours().is_some() {
            notes.push(explain::double_appeal_tip());
        }
        Deadline {
            kind: DeadlineKind::RecoursAdministratif,
            date: f.last_day,
            safe: Some(safe_date(f.last_day, self.cal)),
            trigger: Trigger::Notification(n),
            months: 2,
            rolled_from: f.rolled_over().then_some(f.unrolled),
            certainty,
            starts_on: None,
            meaning: explain::meaning_a(),
            basis: explain::basis_a(),
            notes,
        }
    }

    /// One year from the notification, without « +1 day » or roll-over: how the délai
    /// raisonnable is counted is unconfirmed, so the earliest reading is taken.
    fn czabaj(&self, n: NaiveDate) -> Deadline {
        let date = add_months(n, 12);
        Deadline {
            kind: DeadlineKind::Czabaj,
            date,
            safe: Some(safe_date(date, self.cal)),
            trigger: Trigger::Notification(n),
            months: 12,
            rolled_from: None,
            certainty: Certainty::Uncertain,
            starts_on: None,
            meaning: explain::meaning_czabaj(),
            basis: explain::basis_czabaj(),
            notes: vec![explain::czabaj_interrupted_by_recours()],
        }
    }

    /// Which earlier recours were sent in time, judged on the postmark (CE 30 juin 2025).
    fn timings(&mut self, n: NaiveDate, a: NaiveDate, czabaj: Option<NaiveDate>) -> Timings {
        let mut out = Vec::new();
        for (kind, r) in self.earlier().collect::<Vec<_>>() {
            let known = [r.envoi, r.reception, r.rejet].into_iter().flatten();
            if known.min().is_some_and(|first| first < n) {
                self.warnings
                    .push(Warning::BeforeNotification { recours: kind });
            }
            // Without a postmark, a receipt or a rejection still proves it was sent by then.
            let sent_by = r
                .envoi
                .or_else(|| [r.reception, r.rejet].into_iter().flatten().min());
            let timing = match sent_by {
                Some(d) if d <= a => Timing::InTime,
                Some(d) if czabaj.is_some_and(|c| d <= c) => Timing::LateButCzabaj,
                Some(_) if r.envoi.is_some() => Timing::Late,
                _ => Timing::Unknown,
            };
            out.push((kind, r, timing, sent_by));
        }
        // Past the initial délai only the first recours can interrupt the one-year limit, and
        // none can once a recours sent in time has interrupted the délai (legal.md §1.3).
        let any_in_time = out.iter().any(|(_, _, t, _)| *t == Timing::InTime);
        let first_late = out
            .iter()
            .filter(|(_, _, t, _)| *t == Timing::LateButCzabaj)
            .map(|(k, _, _, sent)| (*sent, *k))
            .min();
        for (kind, r, timing, _) in &mut out {
            if *timing == Timing::LateButCzabaj
                && (any_in_time || first_late.is_some_and(|(_, k)| k != *kind))
            {
                *timing = if r.envoi.is_some() {
                    Timing::Late
                } else {
                    Timing::Unknown
                };
            }
        }
        for (kind, r, timing, sent_by) in &out {
            let (recours, deadline) = (*kind, a);
            match (timing, sent_by) {
                (Timing::LateButCzabaj, Some(envoi)) => {
                    self.warnings.push(Warning::EarlierLateButCzabaj {
                        recours,
                        envoi: *envoi,
                        deadline,
                    })
                }
                (Timing::Late, Some(envoi)) => self.warnings.push(Warning::EarlierTooLate {
                    recours,
                    envoi: *envoi,
                    deadline,
                }),
                (Timing::Unknown, _) => {
                    debug_assert!(r.envoi.is_none());
                    self.warnings
                        .push(Warning::EnvoiUnknown { recours, deadline })
                }
                _ => {}
            }
        }
        out.into_iter().map(|(k, r, t, _)| (k, r, t)).collect()
    }

    /// The rejection of one recours that a court délai runs from (algorithm B, then R. 421-2).
    fn rejection(&mut self, kind: RecoursKind, r: &EarlierRecours) -> Option<Rejection> {
        let implicit = r.reception.map(|rec| add_months(rec, 2));
        let explicit = |date| Rejection {
            trigger: Trigger::ExplicitRejection(kind, date),
            explicit: true,
            doubtful: false,
        };
        match (r.rejet, implicit) {
            (Some(e), Some(i)) if e > i => {
                // R. 421-2: an explicit rejection notified while the délai against the implicit
                // one runs makes the délai start again; after it, it reopens nothing.
                let deadline = delai_franc(i, 2, self.cal).last_day;
                if e <= deadline {
                    Some(explicit(e))
                } else {
                    self.warnings.push(Warning::LateExplicitRejection {
                        recours: kind,
                        rejet: e,
                        deadline,
                    });
                    Some(Rejection {
                        trigger: Trigger::ImplicitRejection(kind, i),
                        explicit: false,
                        doubtful: true,
                    })
                }
            }
            (Some(e), _) => Some(explicit(e)),
            (None, Some(i)) => Some(Rejection {
                trigger: Trigger::ImplicitRejection(kind, i),
                explicit: false,
                doubtful: false,
            }),
            (None, None) => {
                self.warnings.push(Warning::Missing {
                    key: Key {
                        table: kind.case_key(),
                        field: "reception",
                    },
                    needed_for: DeadlineKind::Tribunal,
                    earliest: r.envoi.map(|e| add_months(e, 2)),
                });
                None
            }
        }
    }

    /// Algorithm C.
    fn limit_c(&mut self, n: NaiveDate, timings: &Timings) -> Option<Deadline> {
        let counted: Vec<_> = timings.iter().filter(|(_, _, t)| t.counts()).collect();
        let mut rejections = Vec::new();
        for (kind, r, _) in &counted {
            rejections.push(self.rejection(*kind, r)?);
        }
        // L. 411-2 al. 2: with both recours in time, the délai restarts only once both are
        // rejected. On a tie, the implicit one wins: its délai is never extended abroad.
        let from = rejections
            .into_iter()
            .max_by_key(|r| (r.trigger.date(), !r.explicit))
            .unwrap_or(Rejection {
                trigger: Trigger::Notification(n),
                explicit: true,
                doubtful: false,
            });
        let abroad = self.facts.lives_abroad;
        let months = if abroad && from.explicit { 4 } else { 2 };
        let t = from.trigger.date();
        let f = delai_franc(t, months, self.cal);
        let uncertain = from.doubtful
            || (abroad && !from.explicit)
            || timings
                .iter()
                .any(|(_, _, t)| matches!(t, Timing::Unknown | Timing::LateButCzabaj));
        let certainty = if !self.facts.voies_mentionnees {
            Certainty::NotEnforceable
        } else if uncertain {
            Certainty::Uncertain
        } else {
            Certainty::Computed
        };
        let starts_on = (t > self.facts.letter_date).then_some(t);
        let mut notes = Vec::new();
        if f.rolled_over() {
            notes.push(explain::rolled_over(f.unrolled, f.last_day, self.cal));
        }
        if months == 4 {
            notes.push(explain::abroad_four_months());
        }
        if let Trigger::ImplicitRejection(..) = from.trigger {
            if abroad {
                notes.push(explain::abroad_after_implicit(
                    delai_franc(t, 4, self.cal).last_day,
                ));
            }
            notes.push(explain::implicit_without_ar_notice());
            notes.push(explain::ask_for_reasons());
        }
        if let Trigger::ExplicitRejection(kind, e) = from.trigger
            && let Some(i) = self.facts.earlier(kind).and_then(|r| r.reception)
            && e > add_months(i, 2)
        {
            notes.push(explain::explicit_after_implicit(add_months(i, 2), e));
        }
        if let Some(s) = starts_on {
            self.warnings.push(Warning::NotYetRunning {
                starts: s,
                tribunal: f.last_day,
            });
        }
        Some(Deadline {
            kind: DeadlineKind::Tribunal,
            date: f.last_day,
            safe: Some(safe_date(f.last_day, self.cal)),
            trigger: from.trigger,
            months,
            rolled_from: f.rolled_over().then_some(f.unrolled),
            certainty,
            starts_on,
            meaning: explain::meaning_c(from.trigger, starts_on.is_some()),
            basis: explain::basis_c(from.trigger, months, counted.len() == 2),
            notes,
        })
    }

    /// CRPA L. 232-4 as read by CE, avis, 2 oct. 2025, n° 504677: reasons of an implicit
    /// rejection asked for within the délai extend it until two months after they are
    /// communicated, never beyond one year after the request; without an answer within the
    /// month, one year after the request. Only a délai counted from an implicit rejection is
    /// concerned. The letter being written is not counted as sent: it gets a note.
    fn reasons(&mut self, t: &mut Deadline) {
        if !matches!(t.trigger, Trigger::ImplicitRejection(..)) {
            return;
        }
        let limit = t.date;
        let ask = explain::ask_for_reasons();
        // The letter being written is the request itself, when none is recorded yet.
        if self.facts.letter == Some(LetterKind::Motifs) && self.facts.reasons.is_none() {
            let d = self.facts.letter_date;
            t.notes.retain(|n| *n != ask);
            if d > limit {
                self.warnings.push(Warning::ReasonsTooLate {
                    envoi: d,
                    deadline: limit,
                });
            } else {
                t.notes
                    .push(explain::reasons_letter_effect(limit, add_months(d, 12)));
            }
            return;
        }
        let Some(req) = self.facts.reasons else {
            return;
        };
        t.notes.retain(|n| *n != ask);
        if req.envoi > limit {
            self.warnings.push(Warning::ReasonsTooLate {
                envoi: req.envoi,
                deadline: limit,
            });
            return;
        }
        let one_year = add_months(req.envoi, 12);
        let (date, trigger, certain, note) = match req.communication {
            Some(m) => {
                let two = delai_franc(m, 2, self.cal).last_day;
                let capped = two > one_year;
                let date = if capped { one_year } else { two };
                (
                    date,
                    Trigger::ReasonsCommunicated(m),
                    true,
                    explain::reasons_came(req.envoi, capped),
                )
            }
            None if self.facts.letter_date <= add_months(req.envoi, 1) => {
                // They may still come tomorrow: the earliest the limit can then be.
                let earliest = delai_franc(req.envoi, 2, self.cal).last_day.max(limit);
                (
                    earliest,
                    t.trigger,
                    false,
                    explain::reasons_awaited(req.envoi, add_months(req.envoi, 1), one_year),
                )
            }
            None => (
                one_year,
                Trigger::ReasonsRequested(req.envoi),
                false,
                explain::reasons_never_came(req.envoi),
            ),
        };
        t.notes.push(note);
        if date <= limit {
            return;
        }
        t.rolled_from = None;
        t.months = if matches!(trigger, Trigger::ReasonsRequested(_)) {
            12
        } else {
            2
        };
        t.date = date;
        t.safe = Some(safe_date(date, self.cal));
        if !certain && t.certainty == Certainty::Computed {
            t.certainty = Certainty::Uncertain;
        }
        if t.trigger != trigger {
            t.meaning = explain::meaning_c(trigger, false);
            t.basis = explain::basis_c(trigger, t.months, false);
            t.trigger = trigger;
            t.starts_on = None;
        } else {
            // Awaited: still counted from the rejection, but moved by the request.
            t.meaning = explain::meaning_reasons_awaited(req.envoi);
            t.basis = format!(
                "{} ; {}",
                t.basis,
                explain::typo("CRPA art. L. 232-4 ; CE, avis, 2 oct. 2025, n° 504677")
            );
        }
    }

    /// Algorithm B for the contract's `rejet_implicite`: the latest recours received, unless
    /// it was explicitly rejected.
    fn latest_implicit_rejection(&self) -> Option<Deadline> {
        // On equal receipt dates the hiérarchique, later in the procedure, is the latest.
        let (kind, r) = self
            .earlier()
            .filter(|(_, r)| r.reception.is_some())
            .max_by_key(|(k, r)| (r.reception, *k == RecoursKind::Hierarchique))?;
        if r.rejet.is_some() {
            return None;
        }
        let reception = r.reception?;
        let date = add_months(reception, 2);
        let past = date <= self.facts.letter_date;
        Some(Deadline {
            kind: DeadlineKind::RejetImplicite,
            date,
            safe: None,
            trigger: Trigger::Reception(kind, reception),
            months: 2,
            rolled_from: None,
            certainty: Certainty::Computed,
            starts_on: None,
            meaning: explain::meaning_b(kind, reception, past),
            basis: explain::basis_b(),
            notes: vec![explain::implicit_on_any_day()],
        })
    }

    /// Warnings about the letter being written, if it is itself a recours.
    fn current_letter(&mut self, timings: &Timings, a: NaiveDate, czabaj: Option<NaiveDate>) {
        let Some(kind) = self.facts.letter_recours() else {
            return;
        };
        let date = self.facts.letter_date;
        if self.facts.earlier(kind).is_some() {
            self.warnings.push(Warning::SecondRecours { recours: kind });
        }
        // Under R. 421-5 a late letter can still interrupt the one-year limit, but only if it is
        // the first recours to do so.
        let any_counted = timings.iter().any(|(_, _, t)| t.counts());
        if date > a {
            if let Some(c) = czabaj.filter(|c| date <= *c && !any_counted) {
                self.warnings.push(Warning::LetterLateButCzabaj {
                    recours: kind,
                    deadline: a,
                    czabaj: c,
                });
            } else {
                let gracieux_counts = timings
                    .iter()
                    .any(|(k, _, t)| *k == RecoursKind::Gracieux && t.counts());
                self.warnings.push(Warning::LetterTooLate {
                    recours: kind,
                    deadline: a,
                    gracieux_counts,
                });
            }
        }
    }

    /// Notes on the court limit about what sending this letter in time will change.
    fn current_letter_notes(&self, timings: &Timings, a: NaiveDate, tribunal: &mut Deadline) {
        let Some(kind) = self.facts.letter_recours() else {
            return;
        };
        if self.facts.letter_date > a || self.facts.earlier(kind).is_some() {
            return;
        }
        let counted: Vec<RecoursKind> = timings
            .iter()
            .filter(|(_, _, t)| t.counts())
            .map(|(k, _, _)| *k)
            .collect();
        if counted.is_empty() {
            tribunal.notes.push(explain::letter_will_interrupt(kind, a));
        } else if !counted.contains(&kind) {
            tribunal.notes.push(explain::letter_double_appeal(kind, a));
        }
    }

    /// Passed and imminent limits.
    fn urgency(&mut self, out: &Deadlines, timings: &Timings) {
        let today = self.facts.letter_date;
        let czabaj = out.czabaj.as_ref().map(|c| c.date);
        let letter_interrupts = self.facts.letter_recours().is_some_and(|k| {
            today <= out.recours_administratif.as_ref().map_or(today, |a| a.date)
                && self.facts.earlier(k).is_none()
                && !timings.iter().any(|(_, _, t)| t.counts())
        });
        if let Some(a) = &out.recours_administratif
            && self
                .facts
                .letter_recours()
                .is_some_and(|k| self.facts.earlier(k).is_none())
        {
            self.soon(a, today);
        }
        if let Some(t) = &out.tribunal
            && t.starts_on.is_none()
            && !letter_interrupts
        {
            if today > t.date {
                match czabaj.filter(|c| today <= *c) {
                    Some(c) => self.warnings.push(Warning::PassedNotEnforceable {
                        kind: t.kind,
                        date: t.date,
                        czabaj: c,
                    }),
                    None => self.warnings.push(Warning::Passed {
                        kind: t.kind,
                        date: t.date,
                    }),
                }
            } else {
                self.soon(t, today);
            }
        }
        if let Some(c) = &out.czabaj {
            if today > c.date {
                self.warnings.push(Warning::Passed {
                    kind: c.kind,
                    date: c.date,
                });
            } else {
                self.soon(c, today);
            }
        }
        if czabaj.is_some() {
            self.warnings.push(Warning::NoVoiesMention);
        }
    }

    fn soon(&mut self, d: &Deadline, today: NaiveDate) {
        let days = days_between(today, d.date);
        if (0..=SOON_DAYS).contains(&days) {
            self.warnings.push(Warning::Soon {
                kind: d.kind,
                date: d.date,
                days,
            });
        }
    }
}

/// Most urgent first: what is lost or about to be, then what the letter will not achieve,
/// then facts to check.
fn priority(w: &Warning) -> u8 {
    match w {
        Warning::Passed { .. } | Warning::LetterTooLate { .. } | Warning::ReasonsTooLate { .. } => {
            0
        }
        Warning::Soon { .. } | Warning::PassedNotEnforceable { .. } => 1,
        Warning::SecondRecours { .. }
        | Warning::LetterLateButCzabaj { .. }
        | Warning::DefenseurStopsNothing
        | Warning::CommunicationStopsNothing
        | Warning::SignalementNoDeadline => 2,
        Warning::EarlierTooLate { .. }
        | Warning::EarlierLateButCzabaj { .. }
        | Warning::LateExplicitRejection { .. }
        | Warning::NotYetRunning { .. }
        | Warning::NoVoiesMention => 3,
        Warning::Missing { .. }
        | Warning::EnvoiUnknown { .. }
        | Warning::BeforeNotification { .. } => 4,
    }
}
