//! The explanation shown beside the form and on the result page: the letter, the addressee
//! with its address to confirm, the deadlines, the warnings and the grounds that fit. The
//! same HTML is sent to the live panel (JavaScript) and written into pages (without it).

use super::html::esc;
use crate::deadlines::{Deadline, DeadlineKind};
use crate::french::date::date as fr_date;
use crate::offices::AddressStatus;
use crate::questionnaire::argument_label;
use crate::questionnaire::proposals::Proposals;

fn deadline_title(kind: DeadlineKind) -> &'static str {
    match kind {
        DeadlineKind::RecoursAdministratif => "Dernier jour pour envoyer le recours",
        DeadlineKind::RejetImplicite => "Rejet implicite (silence de l'administration) le",
        DeadlineKind::Tribunal => "Dernier jour pour saisir le tribunal administratif",
        DeadlineKind::Czabaj => "Limite d'un an (décision sans voies de recours)",
    }
}

/// The explanation panel's content.
pub fn panel(p: &Proposals) -> String {
    explanation(p, true)
}

/// The same, for a page that lists the warnings on its own.
pub fn panel_without_warnings(p: &Proposals) -> String {
    explanation(p, false)
}

fn explanation(p: &Proposals, with_warnings: bool) -> String {
    let Some(plan) = &p.plan else {
        return "<p>L'explication apparaîtra dès que la lettre, le lieu de dépôt et les dates \
                seront remplis.</p>"
            .to_string();
    };
    let mut out = String::new();
    if p.provisoire {
        out.push_str(
            "<p class=\"provisoire\">Explication provisoire : le dossier n'est pas complet.</p>",
        );
    }
    let a = &plan.route.destinataire;
    out.push_str(&format!(
        "<h3>Lettre : {}</h3>\n<h3>Destinataire</h3>\n<p class=\"adresse\">",
        esc(plan.case.recours.label())
    ));
    let lines: Vec<String> = a.bloc().iter().map(|l| esc(l)).collect();
    out.push_str(&lines.join("<br>"));
    out.push_str("</p>\n");
    let status = match a.adresse_statut {
        AddressStatus::Confirmee => "Adresse confirmée par une source publique",
        AddressStatus::Fournie => "Adresse recopiée de la décision",
        _ => {
            "Adresse probable : comparez-la à celle de la décision et corrigez-la dans « L'autorité, telle qu'écrite sur la décision »"
        }
    };
    out.push_str(&format!(
        "<p class=\"statut statut-{}\">{} ({}).</p>\n",
        esc(a.adresse_statut.as_str()),
        esc(status),
        esc(&a.adresse_source)
    ));
    if a.adresse_manquante() {
        out.push_str("<p class=\"statut\">Adresse inconnue : recopiez celle de la décision.</p>\n");
    }
    let d = &plan.deadlines;
    let all: Vec<&Deadline> = [
        &d.recours_administratif,
        &d.rejet_implicite,
        &d.tribunal,
        &d.czabaj,
    ]
    .into_iter()
    .flatten()
    .collect();
    out.push_str("<h3>Délais</h3>\n");
    if all.is_empty() {
        out.push_str("<p>Aucun délai ne peut encore être calculé.</p>\n");
    } else {
        out.push_str("<dl class=\"delais\">");
        for x in all {
            out.push_str(&format!(
                "<dt>{}</dt><dd data-delai=\"{}\"><strong>{}</strong> ({}) — {}</dd>",
                esc(deadline_title(x.kind)),
                esc(x.kind.json_key()),
                esc(&fr_date(x.date)),
                esc(&crate::deadlines::model::iso(x.date)),
                esc(&x.meaning)
            ));
        }
        out.push_str("</dl>\n");
    }
    let warnings = plan.warnings();
    if with_warnings && !warnings.is_empty() {
        out.push_str("<h3>À vérifier</h3>\n<ul class=\"avertissements\">");
        for w in warnings {
            out.push_str(&format!("<li>{}</li>", esc(&w)));
        }
        out.push_str("</ul>\n");
    }
    let grounds = p.arguments();
    if !grounds.is_empty() {
        out.push_str("<h3>Arguments qui peuvent convenir</h3>\n<ul>");
        for g in grounds {
            out.push_str(&format!("<li>{}</li>", esc(argument_label(g))));
        }
        out.push_str("</ul>\n");
    }
    out.push_str("<h3>Pourquoi ce destinataire</h3>\n<ul>");
    for r in &plan.route.raisons {
        out.push_str(&format!("<li>{}</li>", esc(&r.regle)));
    }
    out.push_str("</ul>\n");
    out
}
