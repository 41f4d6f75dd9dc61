//! Everything decided about a case before composing the letter: the route and the deadlines,
//! computed once and shared by `explique`, `lettre` and `lot`.

use crate::case::Case;
use crate::deadlines::{self, Deadlines, Facts};
use crate::error::Error;
use crate::offices::Offices;
use crate::route::{self, Route};

/// A routed case with its dates.
#[derive(Clone, Debug)]
pub struct Plan {
    /// The validated case.
    pub case: Case,
    /// Which letter, to whom, why.
    pub route: Route,
    /// The legal dates as the case stands on the letter's date.
    pub deadlines: Deadlines,
}

impl Plan {
    /// Routes the case and computes its deadlines.
    pub fn new(case: Case, offices: &Offices) -> Result<Plan, Error> {
        let route = route::route(&case, offices)?;
        // The message names its key already (« lettre.date : … »): it was said twice.
        let deadlines = deadlines::compute(&facts(&case)).map_err(|e| Error::Input {
            message: e.to_string(),
            conseil: Some(format!("vérifiez {} (format AAAA-MM-JJ)", e.key())),
        })?;
        Ok(Plan {
            case,
            route,
            deadlines,
        })
    }

    /// Every warning for the user: the case's, the route's, then the deadlines', most
    /// urgent deadline warnings first.
    pub fn warnings(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .deadlines
            .warnings
            .iter()
            .map(ToString::to_string)
            .collect();
        all.extend(self.route.avertissements.iter().cloned());
        all.extend(self.case.avertissements.iter().cloned());
        all
    }

    /// The `recours explique --json` object.
    pub fn to_json(&self) -> serde_json::Value {
        let a = &self.route.destinataire;
        let mut v = serde_json::json!({
            "recours": self.case.recours,
            "lettre": {
                "type": self.case.recours.label(),
                "date": deadlines::model::iso(self.case.lettre.date),
            },
            "destinataire": {
                "id": a.id,
                "nom": a.nom,
                "adresse": a.bloc(),
                "adresse_statut": a.adresse_statut,
                "adresse_source": a.adresse_source,
                "fonction": a.fonction,
                "appel": a.appel,
                "formule": a.formule,
            },
            "delais": self.deadlines,
            "raisons": self.route.raisons,
            "tribunal": self.route.tribunal,
            "etapes_suivantes": self.route.etapes_suivantes,
            "chemin": crate::path::path(self),
            "avertissements": self.warnings(),
        });
        public_sources(&mut v);
        v
    }
}

/// Every `…source` text of the JSON as people read it (see [`crate::shown::source`]).
fn public_sources(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m.iter_mut() {
                match x {
                    serde_json::Value::String(s) if k.ends_with("source") => {
                        *s = crate::shown::source(s);
                    }
                    other => public_sources(other),
                }
            }
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(public_sources),
        _ => {}
    }
}

/// The facts the deadlines depend on, from the validated case.
pub fn facts(case: &Case) -> Facts {
    let earlier = |r: &Option<crate::case::EarlierRecours>| {
        r.as_ref().map(|r| deadlines::EarlierRecours {
            envoi: r.envoi,
            reception: r.reception,
            rejet: r.rejet,
        })
    };
    Facts {
        letter: Some(case.recours),
        letter_date: case.lettre.date,
        notification: case.decision.as_ref().map(|d| d.notification),
        voies_mentionnees: case
            .decision
            .as_ref()
            .is_none_or(|d| d.mentionne_voies_recours),
        lives_abroad: case.demandeur.reside_a_l_etranger,
        gracieux: earlier(&case.recours_gracieux),
        hierarchique: earlier(&case.recours_hierarchique),
        reasons: case.demande_motifs.map(|m| deadlines::ReasonsRequest {
            envoi: m.envoi,
            communication: m.communication,
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::tests::{BASE, abroad, abroad_from_france, d, parse_toml};

    fn court_limit(text: &str) -> chrono::NaiveDate {
        let plan = Plan::new(parse_toml(text).unwrap(), Offices::builtin()).unwrap();
        plan.deadlines.tribunal.unwrap().date
    }

    #[test]
    fn consulate_application_from_france_keeps_two_months_before_the_court() {
        let place = "pays = \"Maroc\"\nville = \"Casablanca\"";
        // Notified 20 Oct 2026: 2 months → Monday 21 Dec; 4 months → Monday 22 Feb 2027.
        assert_eq!(
            court_limit(&abroad_from_france(BASE, "consulat", place)),
            d("2026-12-21")
        );
        assert_eq!(
            court_limit(&abroad(BASE, "consulat", place)),
            d("2027-02-22")
        );
    }
}
