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
use crate::french::grammar::lower_first;
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

/// The addressee of a requête: the court's registry (greffe), at the address the case file
/// copied from the decision (`requete.adresse_tribunal`), else the table's dated one, always
/// to be checked. Fails when no court can be named: the letter would not know where to go.
pub(super) fn addressee(
    case: &Case,
    hint: Option<&CourtHint>,
    raisons: &mut Vec<super::Reason>,
    avertissements: &mut Vec<String>,
) -> Result<Addressee, crate::error::Error> {
    use crate::offices::AddressStatus;
    let Some(hint) = hint else {
        return Err(crate::error::Error::Input {
            message: "aucun tribunal administratif ne peut être nommé pour cette décision".into(),
            conseil: Some(
                "recopiez le tribunal que la décision indique dans ses voies et délais de recours : \
                 decision.tribunal = \"Tribunal administratif de …\", et son adresse dans \
                 requete.adresse_tribunal = [\"…\", \"…\"]"
                    .into(),
            ),
        });
    };
    let (id, nom) = match (&hint.tribunal, &hint.nom_indique) {
        (Some(t), _) => (t.id.clone(), t.nom.clone()),
        (None, Some(n)) => ("tribunal-indique".to_string(), n.clone()),
        (None, None) => unreachable!("a court hint names a court"),
    };
    let given = case.requete.adresse_tribunal.clone();
    let (adresse, adresse_statut, adresse_source) = match (given, &hint.tribunal) {
        (Some(lines), _) => (
            lines,
            AddressStatus::Fournie,
            "recopiée de la décision (requete.adresse_tribunal du dossier)".to_string(),
        ),
        (None, Some(t)) => (
            t.adresse.as_ref().map(|a| a.lines()).unwrap_or_default(),
            t.adresse_statut,
            t.adresse_source.clone(),
        ),
        (None, None) => (Vec::new(), AddressStatus::AVerifier, String::new()),
    };
    raisons.push(super::Reason::new(
        format!(
            "La requête est adressée au greffe du {} : {}.",
            lower_first(&nom),
            hint.explication
        ),
        hint.source.clone(),
    ));
    if hint.certitude == "probable" {
        avertissements.push(format!(
            "le {} est le tribunal probable, pas certain : la décision indique le tribunal \
             compétent dans ses voies et délais de recours ; vérifiez-le et, s'il diffère, \
             indiquez-le dans decision.tribunal",
            lower_first(&nom)
        ));
    }
    if adresse_statut != AddressStatus::Fournie {
        avertissements.push(if adresse.is_empty() {
            format!(
                "adresse du {} inconnue : recopiez celle que la décision indique dans \
                 requete.adresse_tribunal",
                lower_first(&nom)
            )
        } else {
            format!(
                "l'adresse du {} vient d'un annuaire daté : comparez-la avec celle que la décision \
                 indique (ou le site du tribunal) avant d'envoyer, ou recopiez-la dans \
                 requete.adresse_tribunal",
                lower_first(&nom)
            )
        });
    }
    let appel = format!(
        "À Mesdames et Messieurs les président et juges du {}",
        lower_first(&nom)
    );
    Ok(Addressee {
        id,
        lignes: vec![nom.clone(), "Greffe".to_string()],
        nom,
        adresse,
        adresse_statut,
        adresse_source,
        fonction: None,
        civilite: None,
        formule: String::new(),
        consideration: String::new(),
        appel,
    })
}
