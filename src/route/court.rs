//! Which tribunal administratif would hear a challenge, as far as the facts allow.
//!
//! Decisions of consuls and ambassadors go to the tribunal administratif de Paris (CJA
//! R. 312-19): certain. For a Cert, the competent court is the one where the deciding authority
//! sits (R. 312-1): the decision is taken in the name of the préfet of the Cert's département
//! (décret n° 55-1397, art. 2), so the tool names the court the decision gives when the case
//! file has it, and otherwise the court of that préfecture as the likely one, saying that the
//! decision itself is the reference and that a court seized by mistake transmits the request
//! (R. 351-3).

use serde::Serialize;

use super::Addressee;
use crate::case::{Case, Depot, LetterKind};
use crate::offices::{Offices, Tribunal};

/// The court, and how sure we are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CourtHint {
    /// The court, when one can be named from the tables.
    pub tribunal: Option<Tribunal>,
    /// The court's name as the decision gives it, when not in the tables.
    pub nom_indique: Option<String>,
    /// « certain », « indique-par-la-decision », « probable ».
    pub certitude: &'static str,
    /// Why this court, for people.
    pub explication: String,
    /// Legal basis.
    pub source: String,
}

pub(super) fn hint(case: &Case, addressee: &Addressee, offices: &Offices) -> Option<CourtHint> {
    if case.recours == LetterKind::Signalement {
        return None;
    }
    if let Some(named) = case.decision.as_ref().and_then(|d| d.tribunal.as_ref()) {
        let found = offices.tribunal_named(named).cloned();
        return Some(CourtHint {
            nom_indique: found.is_none().then(|| named.clone()),
            tribunal: found,
            certitude: "indique-par-la-decision",
            explication: "tribunal indiqué par la décision dans ses voies et délais de recours"
                .into(),
            source: "décision (decision.tribunal du dossier)".into(),
        });
    }
    match &case.demande.depot {
        Depot::Consulat { .. } | Depot::Ambassade { .. } => Some(CourtHint {
            tribunal: offices.tribunal("ta-paris").cloned(),
            nom_indique: None,
            certitude: "certain",
            explication:
                "les décisions des consuls et des ambassadeurs ne relèvent d'aucun tribunal \
                          administratif territorial : elles vont au tribunal administratif de Paris"
                    .into(),
            source: "CJA art. R. 312-19 ; CE, 17 décembre 2024, n° 479074".into(),
        }),
        Depot::Mairie { departement, .. } => {
            let cert = offices.cert_for(departement)?;
            let siege = cert.departement_siege.as_deref()?;
            let tribunal = offices.tribunal_for(siege).cloned()?;
            let explication = if cert.id == "prefecture-de-police" {
                "la décision est prise au nom du préfet de police, qui siège à Paris".to_string()
            } else {
                format!(
                    "le tribunal compétent est celui du lieu où siège l'autorité qui a pris la décision ; \
                     le Cert de {} instruit le dossier et la décision est prise au nom du préfet {} : \
                     c'est donc probablement le {} ; la décision l'indique dans ses voies et délais de \
                     recours, et c'est elle qui fait foi ; un tribunal saisi à tort transmet la requête \
                     au tribunal compétent (CJA art. R. 351-3){}",
                    cert.ville,
                    cert.prefet_de,
                    lower_first(&tribunal.nom),
                    if addressee.id == "fourni" {
                        " (le destinataire indiqué peut être un autre service)"
                    } else {
                        ""
                    }
                )
            };
            Some(CourtHint {
                tribunal: Some(tribunal),
                nom_indique: None,
                certitude: if cert.id == "prefecture-de-police" {
                    "certain"
                } else {
                    "probable"
                },
                explication,
                source: "CJA art. R. 312-1, R. 221-3 et R. 351-3 ; décret n° 55-1397, art. 2"
                    .into(),
            })
        }
    }
}

/// « Tribunal administratif de Nîmes » → « tribunal administratif de Nîmes ».
fn lower_first(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}
