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
        let deadlines = deadlines::compute(&facts(&case)).map_err(|e| Error::Input {
            message: format!("{} : {e}", e.key()),
            conseil: Some("corrigez la date dans le dossier (format AAAA-MM-JJ)".to_string()),
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
        serde_json::json!({
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
            "avertissements": self.warnings(),
        })
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
    }
}
