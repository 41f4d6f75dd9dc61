//! The next thing due on a followed case, from its recomputed deadlines: what to do by when,
//! and which `recours = "…"` document writes it.
//!
//! Candidates are the limits still ahead (or due today); the soonest wins, and on the same day
//! sending the pending recours comes before seizing the court (both run out together when no
//! recours has interrupted the délai). A date that cannot be computed because the reception
//! of a sent recours is not recorded yields a step asking for it, dated the earliest the
//! implicit rejection can arise.

use chrono::NaiveDate;

use crate::case::LetterKind;
use crate::deadlines::{Certainty, DeadlineKind, Deadlines, Trigger, Warning};

/// What a step is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// Send the case's recours gracieux or hiérarchique (limit A).
    Envoyer(LetterKind),
    /// Silence becomes a rejection that day (B).
    RejetImplicite,
    /// Ask for the reasons of the implicit rejection the court délai runs from, before it
    /// ends: the request extends it (CRPA L. 232-4).
    Motifs,
    /// Last day to file the requête (C).
    Tribunal,
    /// Last day of the one-year limit when the decision did not state the voies et délais.
    TribunalUnAn,
    /// A sent recours's receipt is not recorded: its dates cannot be computed.
    ReceptionAEnregistrer,
}

impl StepKind {
    /// The value in `echeances --json` and CSV exports.
    pub fn key(self) -> &'static str {
        match self {
            StepKind::Envoyer(_) => "envoyer-recours",
            StepKind::RejetImplicite => "rejet-implicite",
            StepKind::Motifs => "demander-motifs",
            StepKind::Tribunal => "tribunal",
            StepKind::TribunalUnAn => "tribunal-un-an",
            StepKind::ReceptionAEnregistrer => "reception-a-enregistrer",
        }
    }
}

/// The next thing due on a case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NextStep {
    /// What it is.
    pub kind: StepKind,
    /// The legal date (the last day, or the day the rejection arises).
    pub date: NaiveDate,
    /// The date to aim for, a few working days earlier.
    pub safe: Option<NaiveDate>,
    /// What to do, in French.
    pub action: String,
    /// The `recours = "…"` value of the case file that writes the document, if `recours`
    /// writes one for this step.
    pub document: Option<&'static str>,
    /// Whether the date is an estimate or not enforceable (then it says why).
    pub certitude: &'static str,
}

pub(super) fn next_step(
    d: &Deadlines,
    pending: Option<LetterKind>,
    as_of: NaiveDate,
    reasons_asked: bool,
) -> Option<NextStep> {
    let mut candidates: Vec<NextStep> = Vec::new();
    let ahead = |date: NaiveDate| date >= as_of;
    if let (Some(kind), Some(a)) = (pending, &d.recours_administratif)
        && ahead(a.date)
    {
        candidates.push(NextStep {
            kind: StepKind::Envoyer(kind),
            date: a.date,
            safe: a.safe,
            action: format!(
                "envoyer le {} (le cachet de la poste fait foi)",
                kind.label()
            ),
            document: Some(kind.as_str()),
            certitude: certainty(a.certainty),
        });
    }
    // Past limit A, a decision that did not state the voies et délais can still be contested
    // by a first recours within the year (CE avis 12 juill. 2023): sending stays the step.
    if let Some(kind) = pending
        && let Some(czabaj) = d.warnings.iter().find_map(|w| match w {
            Warning::LetterLateButCzabaj { czabaj, .. } => Some(*czabaj),
            _ => None,
        })
        && ahead(czabaj)
    {
        candidates.push(NextStep {
            kind: StepKind::Envoyer(kind),
            date: czabaj,
            safe: d.czabaj.as_ref().and_then(|c| c.safe),
            action: format!(
                "envoyer le {} avant la fin du délai d'un an (la décision ne mentionnait pas \
                 les voies et délais de recours ; le cachet de la poste fait foi)",
                kind.label()
            ),
            document: Some(kind.as_str()),
            certitude: "incertaine",
        });
    }
    if let Some(r) = &d.rejet_implicite
        && r.date > as_of
    {
        candidates.push(NextStep {
            kind: StepKind::RejetImplicite,
            date: r.date,
            safe: None,
            action: "sans réponse d'ici là, le silence vaut rejet ce jour-là ; vous pourrez \
                     alors en demander les motifs et saisir le tribunal administratif"
                .into(),
            // Named ahead: `suivi lettre` then says the day the request becomes possible
            // (the case's validation refuses it before the rejection arises).
            document: writable("motifs"),
            certitude: certainty(r.certainty),
        });
    }
    let tribunal_ahead = d.tribunal.as_ref().is_some_and(|t| ahead(t.date));
    // Once the implicit rejection has arisen, asking for its reasons is the document that
    // keeps the right alive longest; on the same day it comes before the requête.
    if let Some(t) = &d.tribunal
        && tribunal_ahead
        && !reasons_asked
        && t.starts_on.is_none()
        && matches!(t.trigger, Trigger::ImplicitRejection(..))
    {
        candidates.push(NextStep {
            kind: StepKind::Motifs,
            date: t.date,
            safe: t.safe,
            action: "demander les motifs du rejet implicite (envoyée avant cette date, la \
                     demande prolonge le délai pour saisir le tribunal, CRPA art. L. 232-4), \
                     ou saisir le tribunal administratif"
                .into(),
            document: Some("motifs"),
            certitude: certainty(t.certainty),
        });
    }
    if let Some(t) = &d.tribunal
        && tribunal_ahead
    {
        candidates.push(NextStep {
            kind: StepKind::Tribunal,
            date: t.date,
            safe: t.safe,
            action: "saisir le tribunal administratif (requête)".into(),
            document: writable("requete"),
            certitude: certainty(t.certainty),
        });
    }
    if let Some(c) = &d.czabaj
        && !tribunal_ahead
        && ahead(c.date)
    {
        candidates.push(NextStep {
            kind: StepKind::TribunalUnAn,
            date: c.date,
            safe: c.safe,
            action: "saisir le tribunal administratif avant la fin du délai d'un an (la \
                     décision ne mentionnait pas les voies et délais de recours)"
                .into(),
            document: writable("requete"),
            certitude: certainty(c.certainty),
        });
    }
    if d.tribunal.is_none() {
        for w in &d.warnings {
            if let Warning::Missing {
                key,
                needed_for: DeadlineKind::Tribunal,
                earliest,
            } = w
                && key.field == "reception"
            {
                let name = if key.table == "recours_hierarchique" {
                    "recours hiérarchique"
                } else {
                    "recours gracieux"
                };
                candidates.push(NextStep {
                    kind: StepKind::ReceptionAEnregistrer,
                    date: earliest.unwrap_or(as_of),
                    safe: None,
                    action: format!(
                        "enregistrer la date de réception du {name} (avis de réception) : sans \
                         elle, le rejet implicite et la limite du tribunal ne peuvent pas être \
                         calculés (date indiquée : le rejet implicite au plus tôt)"
                    ),
                    document: None,
                    certitude: "incertaine",
                });
            }
        }
    }
    candidates
        .into_iter()
        .enumerate()
        .min_by_key(|(i, s)| (s.date, *i))
        .map(|(_, s)| s)
}

/// A document key, only if `recours` writes that document: a step never sends the user to a
/// `recours = "…"` value the case file would refuse.
fn writable(key: &'static str) -> Option<&'static str> {
    LetterKind::from_key(key).map(LetterKind::as_str)
}

fn certainty(c: Certainty) -> &'static str {
    match c {
        Certainty::Computed => "calculee",
        Certainty::Uncertain => "incertaine",
        Certainty::NotEnforceable => "non-opposable",
    }
}
