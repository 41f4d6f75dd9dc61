//! What the tool proposes while the questions are being answered: the addressee it routes
//! to (with its address to confirm against the decision), the deadlines as soon as the dates
//! are in, the grounds that fit the case. All of it comes from [`Plan`], the same code as
//! `recours explique`.

use super::Answers;
use crate::case::{Argument, Case, Context, Document, Problem};
use crate::offices::Offices;
use crate::plan::Plan;

/// Answers standing in for facts that decide neither the addressee nor the deadlines, so
/// that they can be shown before the person has typed their name. Never in a letter: a
/// provisional plan is only explained.
const PROVISOIRE: &[(&str, &str)] = &[
    ("demandeur.prenom", "(à compléter)"),
    ("demandeur.nom", "(à compléter)"),
    ("demandeur.adresse", "(à compléter) | (à compléter)"),
    ("decision.motif", "(à compléter)"),
    ("signalement.description", "(à compléter)"),
];

/// The proposals for the answers so far.
#[derive(Debug)]
pub struct Proposals {
    /// What the case validation says is wrong, by key (empty when the case is complete).
    pub problemes: Vec<Problem>,
    /// The routed case with its deadlines, when it can be computed.
    pub plan: Option<Plan>,
    /// Whether the plan stands on placeholder names (the case is not complete yet).
    pub provisoire: bool,
}

impl Proposals {
    /// Validates the answers and plans the case; when only names or the motif are
    /// missing, still plans it from the rest.
    pub fn new(answers: &Answers, ctx: Context<'_>) -> Proposals {
        match answers.case(ctx) {
            Ok(case) => match Plan::new(case, Offices::builtin()) {
                Ok(plan) => Proposals {
                    problemes: Vec::new(),
                    plan: Some(plan),
                    provisoire: false,
                },
                Err(e) => Proposals {
                    problemes: vec![Problem::file(e.to_string())],
                    plan: None,
                    provisoire: false,
                },
            },
            Err(e) => {
                let mut filled = answers.clone();
                for (k, v) in PROVISOIRE {
                    if filled.get(k).is_empty() {
                        filled.set(k, v);
                    }
                }
                let plan = filled
                    .case(ctx)
                    .ok()
                    .and_then(|c| Plan::new(c, Offices::builtin()).ok());
                Proposals {
                    problemes: e.problems,
                    plan,
                    provisoire: true,
                }
            }
        }
    }

    /// The grounds worth proposing for the case.
    pub fn arguments(&self) -> Vec<Argument> {
        self.plan
            .as_ref()
            .map_or_else(|| Argument::ALL.to_vec(), |p| fitting_arguments(&p.case))
    }
}

/// Grounds that can apply: parental authority only for a minor's document, freedom to come
/// and go only for a passport, nothing to argue in a signalement.
pub fn fitting_arguments(case: &Case) -> Vec<Argument> {
    if !case.recours.contests_decision() {
        return Vec::new();
    }
    Argument::ALL
        .into_iter()
        .filter(|a| match a {
            Argument::AutoriteParentale => case.titulaire.is_some(),
            Argument::LiberteAllerVenir => case.demande.document == Document::Passeport,
            _ => true,
        })
        .collect()
}
