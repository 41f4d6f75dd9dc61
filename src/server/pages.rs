//! The pages: the form with its explanation, the result, the batch pages.

use super::explain;
use super::form::{error_summary, form};
use super::html::{esc, hidden, page};
use super::lot::{Finished, Ligne};
use crate::case::Problem;
use crate::questionnaire::Answers;
use crate::questionnaire::proposals::Proposals;

/// The letter form, with the explanation beside it and the problems in a summary.
pub fn form_page(answers: &Answers, proposals: Option<&Proposals>, problems: &[Problem]) -> String {
    let panel = proposals.map_or_else(
        || {
            "<p>L'explication (destinataire, délais) apparaît ici au fur et à mesure des \
             réponses ; sans JavaScript, appuyez sur « Voir l'explication ».</p>"
                .to_string()
        },
        explain::panel,
    );
    let body = format!(
        "<h1>Écrire une lettre de recours</h1>\n\
         <p class=\"intro\">Votre demande de carte d'identité ou de passeport a été refusée ? \
         Répondez aux questions, la décision sous les yeux : l'outil choisit la lettre et son \
         destinataire, calcule les délais et écrit la lettre en PDF, à imprimer, signer et \
         envoyer en recommandé. Les réponses ne sont gardées nulle part : téléchargez le \
         dossier pour reprendre plus tard.</p>\n\
         <details class=\"reprendre\"><summary>Reprendre un dossier enregistré</summary>\
         <form method=\"post\" action=\"/reprendre\" enctype=\"multipart/form-data\">\
         <label for=\"dossier\">Fichier dossier (.toml ou .json)</label>\
         <input type=\"file\" id=\"dossier\" name=\"dossier\" accept=\".toml,.json\">\
         <button type=\"submit\" class=\"secondaire\">Reprendre</button></form></details>\n\
         {summary}\n<div class=\"mise-en-page\">\n<div class=\"colonne-formulaire\">{form}</div>\n\
         <aside class=\"explication\" aria-labelledby=\"titre-explication\">\
         <h2 id=\"titre-explication\">Explication</h2>\
         <div id=\"explication\" aria-live=\"polite\">{panel}</div></aside>\n</div>",
        summary = error_summary(problems),
        form = form(answers, problems),
    );
    page(
        if problems.is_empty() {
            "Écrire une lettre"
        } else {
            "Erreurs — écrire une lettre"
        },
        &body,
    )
}

/// The result: warnings first, then what to download, then the explanation.
pub fn result_page(answers: &Answers, proposals: &Proposals) -> String {
    let keep = hidden(answers);
    let button = |action: &str, label: &str, class: &str| {
        format!(
            "<form method=\"post\" action=\"{action}\" class=\"telechargement\">{keep}\
             <button type=\"submit\" class=\"{class}\">{label}</button></form>"
        )
    };
    let warnings = proposals
        .plan
        .as_ref()
        .map(|p| p.warnings())
        .unwrap_or_default();
    let warn = if warnings.is_empty() {
        String::new()
    } else {
        let items: Vec<String> = warnings
            .iter()
            .map(|w| format!("<li>{}</li>", esc(w)))
            .collect();
        format!(
            "<div class=\"a-verifier\" role=\"status\"><h2>À vérifier avant d'envoyer</h2>\
             <ul>{}</ul></div>",
            items.join("")
        )
    };
    let body = format!(
        "<h1>Votre lettre est prête</h1>\n{warn}\n\
         <h2>Télécharger</h2>\n<div class=\"telechargements\">{pdf}{toml}{ics}</div>\n\
         <p>Imprimez la lettre, signez-la, joignez les copies des pièces et envoyez-la en \
         recommandé avec accusé de réception. Gardez le dossier : il permet de corriger la \
         lettre ou d'écrire la suivante.</p>\n{fix}\n\
         <h2>Explication</h2>\n<div class=\"explication-resultat\">{panel}</div>",
        pdf = button("/lettre.pdf", "La lettre (PDF)", ""),
        toml = button(
            "/dossier.toml",
            "Le dossier (pour reprendre plus tard)",
            "secondaire"
        ),
        ics = button(
            "/calendrier.ics",
            "Les délais (calendrier .ics)",
            "secondaire"
        ),
        fix = button("/formulaire", "Corriger les réponses", "secondaire"),
        panel = explain::panel_without_warnings(proposals),
    );
    page("Lettre prête", &body)
}

/// An input that cannot be used at all (not a field's problem).
pub fn message_page(title: &str, message: &str, back: &str) -> String {
    page(
        title,
        &format!(
            "<h1>{}</h1>\n<div class=\"erreurs\" role=\"alert\"><p>{}</p></div>\n\
             <p><a href=\"{}\">Revenir</a></p>",
            esc(title),
            esc(message),
            esc(back)
        ),
    )
}

/// The batch upload page.
pub fn lot_page() -> String {
    page(
        "Un lot de lettres",
        "<h1>Écrire un lot de lettres</h1>\n\
         <p class=\"intro\">Pour les associations et les travailleurs sociaux : un tableau \
         (.csv, une personne par ligne, colonnes nommées par les clés du dossier comme \
         <code>demandeur.nom</code>) ou un fichier .jsonl (un dossier JSON par ligne). Les \
         listes s'écrivent dans une cellule, séparées par « | ». Une ligne en erreur n'arrête \
         pas les autres.</p>\n\
         <p><a href=\"/modele.csv\" download>Télécharger le modèle de tableau (en-têtes et une \
         ligne d'exemple)</a></p>\n\
         <form method=\"post\" action=\"/lot\" enctype=\"multipart/form-data\" id=\"form-lot\">\
         <div class=\"champ\"><label for=\"fichier\">Le tableau (.csv ou .jsonl)</label>\
         <input type=\"file\" id=\"fichier\" name=\"fichier\" accept=\".csv,.jsonl\" required></div>\
         <div class=\"choix\"><input type=\"checkbox\" id=\"assemble\" name=\"assemble\" value=\"oui\">\
         <label for=\"assemble\">Ajouter toutes les lettres dans un seul PDF, à imprimer</label></div>\
         <div class=\"actions\"><button type=\"submit\">Écrire les lettres</button></div></form>\n\
         <p>Les fichiers ne restent sur cet ordinateur que le temps de faire les lettres ; le \
         ZIP est oublié dès son téléchargement, ou au bout de 15 minutes.</p>",
    )
}

/// A batch still running: the page reloads itself (no JavaScript needed).
pub fn lot_progress(id: &str, done: usize, total: usize) -> String {
    let body = format!(
        "<h1>Lot en cours</h1>\n<p role=\"status\"><label for=\"avancement\">Lettres écrites : \
         {done} sur {total}</label></p>\
         <progress id=\"avancement\" max=\"{total}\" value=\"{done}\">{done} sur {total}</progress>\
         <p>Cette page se met à jour toute seule. <a href=\"/lot/{id}\">Mettre à jour</a></p>",
    );
    page("Lot en cours", &body).replacen(
        "<meta charset=\"utf-8\">",
        "<meta charset=\"utf-8\">\n<meta http-equiv=\"refresh\" content=\"1\">",
        1,
    )
}

/// A finished batch: the download and the table of rows.
pub fn lot_done(id: &str, f: &Finished) -> String {
    let failed: Vec<&Ligne> = f.lignes.iter().filter(|l| l.statut != "ok").collect();
    let mut rows = String::new();
    for l in &f.lignes {
        rows.push_str(&format!(
            "<tr class=\"statut-{}\"><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            esc(&l.statut),
            esc(&l.ligne),
            if l.statut == "ok" {
                "écrite"
            } else {
                "erreur"
            },
            esc(&l.message),
            esc(&l.fichier),
            esc(&l.destinataire)
        ));
    }
    let body = format!(
        "<h1>Lot terminé</h1>\n<p role=\"status\">{ok} lettre(s) écrite(s), {ko} ligne(s) en \
         erreur.</p>\n<p><a class=\"bouton\" href=\"/lot/{id}/lettres.zip\">Télécharger le ZIP \
         (lettres et rapport.csv)</a></p>\n\
         <div class=\"tableau\"><table><caption>Une ligne par ligne du tableau</caption>\
         <thead><tr><th scope=\"col\">Ligne</th><th scope=\"col\">Statut</th>\
         <th scope=\"col\">Message</th><th scope=\"col\">Fichier</th>\
         <th scope=\"col\">Destinataire</th></tr></thead><tbody>{rows}</tbody></table></div>\n\
         <p><a href=\"/lot\">Un autre lot</a></p>",
        ok = f.lignes.len() - failed.len(),
        ko = failed.len(),
    );
    page("Lot terminé", &body)
}
