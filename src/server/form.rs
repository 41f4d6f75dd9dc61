//! The letter form, generated from the questionnaire: one fieldset per section, one field per
//! question named by its case key, the help text tied to it, and each problem the case
//! validation found shown next to its field and in a summary linking to it.

use super::html::esc;
use crate::case::Problem;
use crate::questionnaire::{
    Answers, Condition, Kind, QUESTIONS, Question, Section, question, question_key,
};

/// The HTML id of a question's field.
pub fn field_id(cle: &str) -> String {
    format!("champ-{}", cle.replace('.', "-"))
}

/// The summary of problems, each linking to its field (or to the top of the form).
pub fn error_summary(problems: &[Problem]) -> String {
    if problems.is_empty() {
        return String::new();
    }
    let mut out = String::from(
        "<div class=\"erreurs\" role=\"alert\" tabindex=\"-1\" id=\"erreurs\">\
         <h2>Le dossier n'est pas encore complet</h2><ul>",
    );
    for p in problems {
        let (target, label) = match p.cle.as_deref().map(question_key) {
            Some(k) => (
                field_id(question(k).map_or(k, |q| q.cle)),
                question(k).map_or_else(|| k.to_string(), |q| q.libelle.to_string()),
            ),
            None => ("formulaire".to_string(), "Dossier".to_string()),
        };
        out.push_str(&format!(
            "<li><a href=\"#{}\">{} : {}</a>{} <span class=\"cle\">({})</span></li>",
            esc(&target),
            esc(&label),
            esc(&p.message),
            p.conseil
                .as_ref()
                .map(|c| format!(" — {}", esc(c)))
                .unwrap_or_default(),
            esc(p.cle.as_deref().unwrap_or("dossier")),
        ));
    }
    out.push_str("</ul></div>");
    out
}

/// The form, filled with `answers`, with `problems` next to their fields.
pub fn form(answers: &Answers, problems: &[Problem]) -> String {
    let mut out =
        String::from("<form id=\"formulaire\" method=\"post\" action=\"/resultat\" novalidate>\n");
    for section in Section::ALL {
        let questions: Vec<&Question> = QUESTIONS.iter().filter(|q| q.section == section).collect();
        let conds: Vec<String> = questions.iter().map(|q| cond_attr(q.condition)).collect();
        let section_cond = if conds.iter().all(|c| c == &conds[0]) {
            conds[0].clone()
        } else {
            String::new()
        };
        out.push_str(&format!(
            "<fieldset class=\"section\" id=\"section-{}\"{}>\n<legend>{}</legend>\n",
            section.id(),
            section_cond,
            esc(section.titre())
        ));
        if !section_cond.is_empty() {
            out.push_str(&format!(
                "<p class=\"condition\">{}</p>\n",
                esc(&condition_text(questions[0].condition))
            ));
        }
        for q in questions {
            out.push_str(&field(q, answers, problems, section_cond.is_empty()));
        }
        out.push_str("</fieldset>\n");
    }
    out.push_str(
        "<div class=\"actions\">\
         <button type=\"submit\" name=\"_action\" value=\"expliquer\" class=\"secondaire\">\
         Voir l'explication</button>\
         <button type=\"submit\" name=\"_action\" value=\"lettre\">Écrire la lettre</button>\
         </div>\n</form>\n",
    );
    out
}

fn cond_attr(c: Condition) -> String {
    match c {
        Condition::Toujours => String::new(),
        Condition::Egal(k, vs) => format!(" data-si=\"{}={}\"", esc(k), esc(&vs.join(","))),
        Condition::Different(k, vs) => format!(" data-si=\"{}!={}\"", esc(k), esc(&vs.join(","))),
    }
}

/// When a question is asked, said for people (the page works without JavaScript, so
/// every question is shown and says when it applies).
fn condition_text(c: Condition) -> String {
    let labels = |k: &str, vs: &[&str]| -> (String, String) {
        let q = question(k);
        let choices = q.map(|q| q.kind.choices()).unwrap_or_default();
        let names: Vec<String> = vs
            .iter()
            .map(|v| {
                choices
                    .iter()
                    .find(|(c, _)| c == v)
                    .map_or_else(|| v.to_string(), |(_, l)| format!("« {l} »"))
            })
            .collect();
        (q.map_or(k, |q| q.libelle).to_string(), names.join(" ou "))
    };
    match c {
        Condition::Toujours => String::new(),
        Condition::Egal(k, vs) => {
            let (q, v) = labels(k, vs);
            format!("Seulement si la réponse à « {q} » est {v}.")
        }
        Condition::Different(k, vs) => {
            let (q, v) = labels(k, vs);
            format!("Pas si la réponse à « {q} » est {v} : sinon, laissez vide.")
        }
    }
}

fn field(q: &Question, answers: &Answers, problems: &[Problem], show_cond: bool) -> String {
    let id = field_id(q.cle);
    let name = esc(q.cle);
    let errors: Vec<&Problem> = problems
        .iter()
        .filter(|p| p.cle.as_deref().map(question_key) == Some(q.cle))
        .collect();
    let mut describe = Vec::new();
    let mut extra = String::new();
    if !q.aide.is_empty() || (show_cond && q.condition != Condition::Toujours) {
        describe.push(format!("aide-{id}"));
        let cond = if show_cond {
            condition_text(q.condition)
        } else {
            String::new()
        };
        extra.push_str(&format!(
            "<p class=\"aide\" id=\"aide-{id}\">{} {}</p>",
            esc(q.aide),
            esc(&cond)
        ));
    }
    if !errors.is_empty() {
        describe.push(format!("erreur-{id}"));
        extra.push_str(&format!("<p class=\"erreur\" id=\"erreur-{id}\">"));
        for p in &errors {
            extra.push_str(&format!("<strong>Erreur :</strong> {}", esc(&p.message)));
            if let Some(c) = &p.conseil {
                extra.push_str(&format!(" — {}", esc(c)));
            }
            extra.push(' ');
        }
        extra.push_str("</p>");
    }
    let aria = format!(
        "{}{}{}",
        if q.requis
            && !matches!(
                q.kind,
                Kind::OuiNon | Kind::Choix(_) | Kind::Recours | Kind::Arguments
            )
        {
            " aria-required=\"true\""
        } else {
            ""
        },
        if describe.is_empty() {
            String::new()
        } else {
            format!(" aria-describedby=\"{}\"", describe.join(" "))
        },
        if errors.is_empty() {
            ""
        } else {
            " aria-invalid=\"true\""
        }
    );
    let requis = if q.requis {
        " <span class=\"requis\">(obligatoire)</span>"
    } else {
        ""
    };
    let cond = if show_cond {
        cond_attr(q.condition)
    } else {
        String::new()
    };
    let class = if errors.is_empty() {
        "champ"
    } else {
        "champ en-erreur"
    };
    let value = answers.first(q.cle).unwrap_or_default();
    let placeholder = if q.kind == Kind::Date {
        " placeholder=\"AAAA-MM-JJ\"".to_string()
    } else if q.exemple.is_empty() {
        String::new()
    } else {
        format!(
            " placeholder=\"Ex. : {}\"",
            esc(&q.exemple.replace('\n', " / "))
        )
    };
    match q.kind {
        Kind::Texte | Kind::Date => {
            // Dates are typed as the case file writes them (a native date picker's format
            // changes with the browser's language).
            let ty = if q.kind == Kind::Date {
                "text\" inputmode=\"numeric\" autocomplete=\"off"
            } else {
                "text"
            };
            format!(
                "<div class=\"{class}\"{cond}><label for=\"{id}\">{}{requis}</label>{extra}\
                 <input type=\"{ty}\" id=\"{id}\" name=\"{name}\" value=\"{}\"{placeholder}{aria}>\
                 </div>\n",
                esc(q.libelle),
                esc(value)
            )
        }
        Kind::Long | Kind::Lignes => {
            let text = if q.kind == Kind::Lignes {
                answers.items(q.cle).join("\n")
            } else {
                value.to_string()
            };
            let rows = if q.kind == Kind::Long { 4 } else { 3 };
            format!(
                "<div class=\"{class}\"{cond}><label for=\"{id}\">{}{requis}</label>{extra}\
                 <textarea id=\"{id}\" name=\"{name}\" rows=\"{rows}\"{placeholder}{aria}>{}</textarea>\
                 </div>\n",
                esc(q.libelle),
                esc(&text)
            )
        }
        Kind::OuiNon | Kind::Choix(_) | Kind::Recours | Kind::Arguments => {
            let multiple = q.kind == Kind::Arguments;
            let mut choices: Vec<(String, String)> = match q.kind {
                Kind::OuiNon => vec![("oui".into(), "Oui".into()), ("non".into(), "Non".into())],
                k => k
                    .choices()
                    .into_iter()
                    .map(|(v, l)| (v.to_string(), l.to_string()))
                    .collect(),
            };
            if !q.requis && !multiple {
                choices.push((String::new(), "Je ne sais pas / sans objet".into()));
            }
            let current: Vec<String> = if multiple {
                answers.get(q.cle).to_vec()
            } else {
                vec![answers.effective(q.cle)]
            };
            let ty = if multiple { "checkbox" } else { "radio" };
            let mut inputs = String::new();
            for (i, (v, l)) in choices.iter().enumerate() {
                let checked = if current.iter().any(|c| c == v) {
                    " checked"
                } else {
                    ""
                };
                let first_id = if i == 0 {
                    id.clone()
                } else {
                    format!("{id}-{i}")
                };
                inputs.push_str(&format!(
                    "<div class=\"choix\"><input type=\"{ty}\" id=\"{first_id}\" name=\"{name}\" \
                     value=\"{}\"{checked}{aria}><label for=\"{first_id}\">{}</label></div>",
                    esc(v),
                    esc(l)
                ));
            }
            format!(
                "<fieldset class=\"{class} groupe\"{cond}><legend>{}{requis}</legend>{extra}{inputs}\
                 </fieldset>\n",
                esc(q.libelle)
            )
        }
    }
}
