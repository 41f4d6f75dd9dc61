//! The whole path from where the case stands: what to send next, to whom, by when, and which
//! document `recours` writes for it (`recours = "…"`), for `explique`'s « Le chemin » and the
//! `chemin` key of its JSON.
//!
//! The dates are those the deadlines computed for the case as it stands; a step whose date
//! depends on an event still to come (a rejection not yet received) says so instead of
//! guessing one.

use chrono::NaiveDate;
use serde::Serialize;

use crate::case::LetterKind;
use crate::deadlines::Deadline;
use crate::plan::Plan;

/// One step of the path.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    /// What to do, for people.
    pub quoi: String,
    /// To whom, when it is known.
    pub a_qui: Option<String>,
    /// The last day, when it can be computed now.
    #[serde(serialize_with = "iso_opt")]
    pub avant: Option<NaiveDate>,
    /// The advised day, a few working days earlier.
    #[serde(serialize_with = "iso_opt")]
    pub conseille: Option<NaiveDate>,
    /// The `recours` value that writes the document, if `recours` writes one.
    pub document: Option<&'static str>,
}

fn iso_opt<S: serde::Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
    match d {
        Some(d) => s.serialize_str(&crate::deadlines::model::iso(*d)),
        None => s.serialize_none(),
    }
}

fn step(
    quoi: impl Into<String>,
    a_qui: Option<String>,
    limit: Option<&Deadline>,
    document: Option<LetterKind>,
) -> Step {
    Step {
        quoi: quoi.into(),
        a_qui,
        avant: limit.map(|d| d.date),
        conseille: limit.and_then(|d| d.safe),
        document: document.map(LetterKind::as_str),
    }
}

/// The path for the plan's case.
pub fn path(plan: &Plan) -> Vec<Step> {
    let c = &plan.case;
    let d = &plan.deadlines;
    let to = Some(plan.route.destinataire.nom.clone());
    let court = plan.route.tribunal.as_ref().and_then(|t| {
        t.tribunal
            .as_ref()
            .map(|t| t.nom.clone())
            .or(t.nom_indique.clone())
    });
    let abroad = c.demande.depot.is_abroad();
    let superior = if abroad {
        "le Service des Français à l'étranger (ministère de l'Europe et des affaires étrangères)"
    } else {
        "le ministre de l'Intérieur (DLPAJ)"
    };
    let months = if c.demandeur.reside_a_l_etranger {
        "dans les deux mois (quatre après un rejet explicite, pour qui réside à l'étranger)"
    } else {
        "dans les deux mois"
    };
    let tribunal_after_rejection = step(
        format!(
            "après un rejet (une réponse négative, ou deux mois de silence après la réception \
             du recours), saisir le tribunal administratif {months}"
        ),
        court.clone(),
        None,
        Some(LetterKind::Requete),
    );
    let tribunal_now = step(
        "saisir le tribunal administratif (requête en annulation)",
        court.clone(),
        d.tribunal.as_ref(),
        Some(LetterKind::Requete),
    );
    let a = d.recours_administratif.as_ref();
    match c.recours {
        LetterKind::Gracieux => vec![
            step(
                "envoyer ce recours gracieux",
                to,
                a,
                Some(LetterKind::Gracieux),
            ),
            step(
                "au besoin en même temps, envoyer un recours hiérarchique",
                Some(superior.to_string()),
                a,
                Some(LetterKind::Hierarchique),
            ),
            tribunal_after_rejection,
        ],
        LetterKind::Hierarchique => vec![
            step(
                "envoyer ce recours hiérarchique",
                to,
                a,
                Some(LetterKind::Hierarchique),
            ),
            tribunal_after_rejection,
        ],
        LetterKind::Motifs => vec![
            step(
                "envoyer cette demande des motifs (avant cette date, elle prolonge le délai du \
                 tribunal)",
                to,
                d.tribunal.as_ref(),
                Some(LetterKind::Motifs),
            ),
            step(
                "saisir le tribunal administratif dans les deux mois qui suivent la communication \
                 des motifs (un an après la demande s'ils ne viennent pas dans le mois)",
                court,
                None,
                Some(LetterKind::Requete),
            ),
        ],
        LetterKind::Communication => vec![
            step(
                "envoyer cette demande de communication (elle n'interrompt aucun délai)",
                to,
                None,
                Some(LetterKind::Communication),
            ),
            step(
                "contester la décision elle-même : recours gracieux",
                None,
                a,
                Some(LetterKind::Gracieux),
            ),
            tribunal_now,
        ],
        LetterKind::Defenseur => vec![
            step(
                "envoyer cette réclamation (elle n'interrompt aucun délai)",
                to,
                None,
                Some(LetterKind::Defenseur),
            ),
            tribunal_now,
        ],
        LetterKind::Signalement => vec![
            step(
                "envoyer ce signalement (ce n'est pas un recours)",
                to,
                None,
                Some(LetterKind::Signalement),
            ),
            step(
                "si la demande est ensuite refusée : un recours gracieux dans les deux mois de \
                 la notification du refus",
                None,
                None,
                Some(LetterKind::Gracieux),
            ),
        ],
        LetterKind::Requete => {
            let mut steps = vec![step(
                "déposer la requête en annulation (Télérecours citoyens, courrier recommandé ou \
                 greffe)",
                court.clone(),
                d.tribunal.as_ref(),
                Some(LetterKind::Requete),
            )];
            if c.requete.urgence {
                steps.push(step(
                    "déposer en même temps, séparément, la requête en référé-suspension",
                    court.map(|n| {
                        format!(
                            "le juge des référés du {}",
                            crate::french::grammar::lower_first(&n)
                        )
                    }),
                    d.tribunal.as_ref(),
                    Some(LetterKind::Requete),
                ));
            }
            steps
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::tests::{BASE, d, parse_toml, with_in};
    use crate::offices::Offices;

    fn plan(text: &str) -> Plan {
        Plan::new(parse_toml(text).unwrap(), Offices::builtin()).unwrap()
    }

    #[test]
    fn a_gracieux_path_names_each_document_its_addressee_and_its_date() {
        let p = path(&plan(BASE));
        let docs: Vec<_> = p.iter().map(|s| s.document).collect();
        assert_eq!(
            docs,
            [Some("gracieux"), Some("hierarchique"), Some("requete")]
        );
        // Notified 20 Oct 2026: the recours by Monday 21 Dec (legal.md §1.8 A).
        assert_eq!(p[0].avant, Some(d("2026-12-21")));
        assert_eq!(
            p[1].a_qui.as_deref(),
            Some("le ministre de l'Intérieur (DLPAJ)")
        );
        assert_eq!(p[2].avant, None, "the court date waits for the rejection");
        assert_eq!(
            p[2].a_qui.as_deref(),
            Some("Tribunal administratif de Toulon")
        );
    }

    #[test]
    fn a_requete_path_has_the_court_limit_and_the_refere_when_urgent() {
        let t = with_in(BASE, "", "recours", "\"requete\"");
        let t = with_in(&t, "lettre", "urgence", "\"un concours le 12 janvier\"");
        let t = format!("{t}\n[requete]\nurgence = true\n");
        let p = path(&plan(&t));
        assert_eq!(p.len(), 2);
        // No recours: two months from the notification of 20 Oct 2026 → Monday 21 Dec.
        assert_eq!(p[0].avant, Some(d("2026-12-21")));
        assert!(p[1].quoi.contains("référé-suspension"));
        let json = plan(&t).to_json();
        assert_eq!(json["chemin"][0]["avant"], "2026-12-21");
        assert_eq!(json["chemin"][0]["document"], "requete");
    }
}
