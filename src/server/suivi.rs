//! « Dossiers suivis »: the caseload of `recours suivi` as pages, when the server was started
//! with `--base`. Every request opens the store itself inside a blocking task (a `Store` is
//! Send, not Sync), so nothing about a case is kept in memory between requests; writes are
//! POST only and go through [`followup::record_event`], the command's own checks.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::NaiveDate;

use super::html::{esc, page};
use super::{AppState, pages};
use crate::case::{LetterKind, parse_plausible_date as parse_date};
use crate::error::Error;
use crate::followup::{self, AgendaEntry, EventRequest, Status};
use crate::french::date::date as fr_date;
use crate::store::{self, Base, CaseId, EventKind, TrackedCase};

/// Runs `f` on a freshly opened store, off the async threads.
async fn with_store<T: Send + 'static>(
    base: &Base,
    f: impl FnOnce(&mut dyn store::Store) -> Result<T, Error> + Send + 'static,
) -> Result<T, Error> {
    let base = base.clone();
    tokio::task::spawn_blocking(move || {
        let mut s = store::open(&base)?;
        f(s.as_mut())
    })
    .await
    .map_err(|_| Error::Internal("tâche interrompue".into()))?
}

/// The page saying how to turn the follow-up on; `status` is 200 for a page asked for and
/// 404 for a write or a document, which exist only with a base.
fn no_base(status: StatusCode) -> Response {
    (
        status,
        Html(page(
            "Dossiers suivis",
            "<h1>Dossiers suivis</h1>\n<p>Le suivi des dossiers n'est pas activé : ce serveur a \
         été démarré sans base de suivi, et rien n'est enregistré.</p>\n<p>Pour suivre des \
         dossiers (délais recalculés à chaque événement, document suivant à écrire), arrêtez \
         le serveur et relancez-le avec une base : <code>recours serveur --base \
         suivi.sqlite</code> (un fichier lisible par vous seul, créé s'il n'existe pas) ou \
         <code>--base postgres://…</code> pour une base partagée ; la variable \
         d'environnement <code>RECOURS_BASE</code> fait de même. Ajoutez des dossiers avec \
         <code>recours suivi ajoute dossier.toml</code> ou <code>recours lot … --suivi</code>.\
         </p>",
        )),
    )
        .into_response()
}

/// Whether `e` says there is no case `id` ([`store::StoreError::NoCase`] once converted).
fn is_no_case(e: &Error, id: CaseId) -> bool {
    matches!(e, Error::Input { message, .. } if *message == store::StoreError::NoCase(id).to_string())
}

fn failure(e: &Error, id: Option<CaseId>) -> Response {
    let status = if id.is_some_and(|id| is_no_case(e, id)) {
        StatusCode::NOT_FOUND
    } else if e.exit_code() == crate::error::ExitCode::Input {
        StatusCode::UNPROCESSABLE_ENTITY
    } else {
        StatusCode::INTERNAL_SERVER_ERROR
    };
    let msg = match e.conseil() {
        Some(c) => format!("{e} (conseil : {c})"),
        None => e.to_string(),
    };
    let back = match id {
        Some(id) if status != StatusCode::NOT_FOUND => format!("/suivi/{id}"),
        _ => "/suivi".to_string(),
    };
    (
        status,
        Html(pages::message_page("Dossiers suivis", &msg, &back)),
    )
        .into_response()
}

/// A case number from the address; anything else is no case (axum's own refusal is English).
fn parse_id(s: &str) -> Option<i64> {
    s.parse().ok()
}

fn unknown_case() -> Response {
    (
        StatusCode::NOT_FOUND,
        Html(pages::message_page(
            "Dossier introuvable",
            "Cette adresse ne désigne aucun dossier suivi.",
            "/suivi",
        )),
    )
        .into_response()
}

fn today() -> NaiveDate {
    super::clock().today
}

/// `GET /suivi`: every case by next deadline, soonest first.
pub(super) async fn list(State(state): State<AppState>) -> Response {
    let Some(base) = state.base.as_deref() else {
        return no_base(StatusCode::OK);
    };
    let as_of = today();
    match with_store(base, move |s| Ok(followup::agenda(s, as_of, None)?)).await {
        Ok(entries) => Html(list_page(&entries, as_of)).into_response(),
        Err(e) => failure(&e, None),
    }
}

fn list_page(entries: &[AgendaEntry], as_of: NaiveDate) -> String {
    let mut rows = String::new();
    for e in entries {
        let (date, action, document) = match &e.next {
            Ok(Some(n)) => (
                fr_date(n.date),
                esc(&n.action),
                n.document.map(esc).unwrap_or_else(|| "—".into()),
            ),
            Ok(None) => match e.requete {
                Some(r) => (
                    "—".into(),
                    format!("requête déposée le {} : devant le tribunal", fr_date(r)),
                    "—".into(),
                ),
                None => ("—".into(), "aucune échéance à venir".into(), "—".into()),
            },
            Err(why) => (
                "—".into(),
                format!("délais incalculables : {}", esc(why)),
                "—".into(),
            ),
        };
        let class = if e.next.is_err() {
            " class=\"statut-erreur\""
        } else {
            ""
        };
        rows.push_str(&format!(
            "<tr{class}><td><a href=\"/suivi/{id}\">n° {id}</a></td><td>{nom}</td>\
             <td>{recours}</td><td>{date}</td><td>{action}</td><td>{document}</td></tr>\n",
            id = e.id,
            nom = esc(&e.nom),
            recours = esc(e.recours.label()),
        ));
    }
    let table = if entries.is_empty() {
        "<p>Aucun dossier suivi pour l'instant. Ajoutez-en avec <code>recours suivi ajoute \
         dossier.toml</code> ou <code>recours lot … --suivi</code>.</p>"
            .to_string()
    } else {
        format!(
            "<div class=\"tableau\"><table>\n<caption>{n} dossier{s}, la prochaine échéance \
             la plus proche d'abord</caption>\n<thead><tr><th scope=\"col\">Dossier</th>\
             <th scope=\"col\">Personne</th><th scope=\"col\">Lettre</th>\
             <th scope=\"col\">Échéance</th><th scope=\"col\">À faire</th>\
             <th scope=\"col\">Document</th></tr></thead>\n<tbody>\n{rows}</tbody></table></div>",
            n = entries.len(),
            s = if entries.len() > 1 { "s" } else { "" },
        )
    };
    page(
        "Dossiers suivis",
        &format!(
            "<h1>Dossiers suivis</h1>\n<p class=\"intro\">Délais recalculés au {} d'après les \
             événements enregistrés. Ouvrez un dossier pour enregistrer un envoi, un avis de \
             réception ou une réponse, et pour écrire le document suivant.</p>\n{table}",
            fr_date(as_of)
        ),
    )
}

/// What the event form sends back when it is refused: the values, and one message per field.
#[derive(Default)]
struct EventForm {
    kind: String,
    date: String,
    recours: String,
    note: String,
    remplace: String,
    errors: Vec<(&'static str, String)>,
}

/// `GET /suivi/{id}`: the case, its timeline, its deadlines, the event form.
pub(super) async fn show(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(base) = state.base.as_deref() else {
        return no_base(StatusCode::OK);
    };
    let Some(id) = parse_id(&id) else {
        return unknown_case();
    };
    case_response(base, CaseId(id), EventForm::default(), StatusCode::OK).await
}

async fn case_response(base: &Base, id: CaseId, form: EventForm, code: StatusCode) -> Response {
    let as_of = today();
    let found = with_store(base, move |s| {
        Ok(s.case(id)?.ok_or(store::StoreError::NoCase(id))?)
    })
    .await;
    match found {
        Ok(case) => {
            let st = followup::status(&case, as_of).map_err(|e| e.to_string());
            (code, Html(case_page(&case, st.as_ref(), as_of, &form))).into_response()
        }
        Err(e) => failure(&e, Some(id)),
    }
}

fn case_page(
    case: &TrackedCase,
    st: Result<&Status, &String>,
    as_of: NaiveDate,
    form: &EventForm,
) -> String {
    let mut b = format!(
        "<p><a href=\"/suivi\">← Tous les dossiers suivis</a></p>\n\
         <h1>Dossier n° {} — {}</h1>\n<p>{} ; suivi depuis le {} (source : {}).</p>\n",
        case.id,
        esc(&case.nom),
        esc(case.recours.label()),
        fr_date(case.ajoute_le),
        esc(&case.source)
    );
    if !form.errors.is_empty() {
        b.push_str(
            "<div class=\"erreurs\" role=\"alert\" tabindex=\"-1\" id=\"erreurs\">\
             <h2>L'événement n'a pas été enregistré</h2><ul>",
        );
        for (field, msg) in &form.errors {
            b.push_str(&format!(
                "<li><a href=\"#ev-{field}\">{}</a></li>",
                esc(msg)
            ));
        }
        b.push_str("</ul></div>\n");
    }
    b.push_str("<h2>Prochaine échéance</h2>\n");
    match st {
        Err(why) => b.push_str(&format!(
            "<p class=\"erreur\">Délais incalculables : {}</p>\n",
            esc(why)
        )),
        Ok(s) => {
            match (&s.next, s.requete) {
                (_, Some(r)) => b.push_str(&format!(
                    "<p>Requête déposée le {} : l'affaire est devant le tribunal \
                     administratif, ce suivi ne calcule plus de délai.</p>\n",
                    fr_date(r)
                )),
                (Some(n), None) => {
                    b.push_str(&format!(
                        "<p><strong>{}</strong> : {}</p>\n<ul>",
                        fr_date(n.date),
                        esc(&n.action)
                    ));
                    if let Some(safe) = n.safe {
                        b.push_str(&format!("<li>Date conseillée : {}</li>", fr_date(safe)));
                    }
                    if n.certitude != "calculee" {
                        b.push_str(&format!("<li>Certitude : {}</li>", esc(n.certitude)));
                    }
                    b.push_str("</ul>\n");
                    if n.document.is_some() {
                        match next_document(case, s, as_of) {
                            Ok((_, doc)) => b.push_str(&format!(
                                "<form method=\"post\" action=\"/suivi/{}/lettre.pdf\">\
                                 <button type=\"submit\">Écrire le document suivant ({}) en \
                                 PDF</button></form>\n",
                                case.id,
                                esc(doc)
                            )),
                            Err(e) => b.push_str(&format!(
                                "<p>Le document suivant ne peut pas encore être écrit : {}</p>\n",
                                esc(&e.to_string())
                            )),
                        }
                    }
                }
                (None, None) => b.push_str("<p>Aucune échéance à venir.</p>\n"),
            }
            if !s.notes.is_empty() {
                b.push_str("<div class=\"a-verifier\"><h2>Remarques</h2><ul>");
                for n in &s.notes {
                    b.push_str(&format!("<li>{}</li>", esc(n)));
                }
                b.push_str("</ul></div>\n");
            }
        }
    }
    b.push_str("<h2>Chronologie</h2>\n<ol class=\"chronologie\">");
    for item in followup::timeline(case) {
        let mut line = format!("{} — {}", fr_date(item.date), esc(&item.label));
        if let Some(ev) = &item.event {
            line.push_str(&format!(" (événement n° {}", ev.id));
            if let Some(old) = ev.remplace {
                line.push_str(&format!(", corrige le n° {old}"));
            }
            line.push(')');
            if ev.date > as_of {
                line.push_str(" [après aujourd'hui : non compté]");
            }
            if let Some(note) = &ev.note {
                line.push_str(&format!(" — {}", esc(note)));
            }
            if ev.annule {
                line = format!("<del>{line}</del> [annulé]");
            }
        }
        b.push_str(&format!("<li>{line}</li>"));
    }
    b.push_str("</ol>\n");
    if let Ok(s) = st {
        let rendered =
            crate::deadlines::render(&s.deadlines).replacen(" (date de la lettre)", "", 1);
        b.push_str(&format!(
            "<h2>Délais recalculés</h2>\n<pre class=\"delais-texte\">{}</pre>\n",
            esc(rendered.trim_end())
        ));
    }
    b.push_str(&event_form(case.id, form));
    page(
        &if form.errors.is_empty() {
            format!("Dossier n° {}", case.id)
        } else {
            format!("Erreurs — dossier n° {}", case.id)
        },
        &b,
    )
}

fn event_form(id: CaseId, form: &EventForm) -> String {
    let err = |field: &str| {
        form.errors
            .iter()
            .find(|(f, _)| *f == field)
            .map(|(_, m)| m.as_str())
    };
    let wrap = |field: &str, label: &str, help: &str, input: String| {
        let e = err(field);
        format!(
            "<div class=\"champ{cls}\"><label for=\"ev-{field}\">{label}</label>\
             {help}{msg}{input}</div>",
            cls = if e.is_some() { " en-erreur" } else { "" },
            help = if help.is_empty() {
                String::new()
            } else {
                format!("<p class=\"aide\" id=\"aide-ev-{field}\">{help}</p>")
            },
            msg = e
                .map(|m| format!(
                    "<p class=\"erreur\" id=\"erreur-ev-{field}\">Erreur : {}</p>",
                    esc(m)
                ))
                .unwrap_or_default(),
        )
    };
    let described = |field: &str, help: bool| {
        let mut ids = Vec::new();
        if help {
            ids.push(format!("aide-ev-{field}"));
        }
        if err(field).is_some() {
            ids.push(format!("erreur-ev-{field}"));
        }
        let invalid = if err(field).is_some() {
            " aria-invalid=\"true\""
        } else {
            ""
        };
        if ids.is_empty() {
            invalid.to_string()
        } else {
            format!(" aria-describedby=\"{}\"{invalid}", ids.join(" "))
        }
    };
    let options = |current: &str, choices: &[(&str, &str)]| {
        choices
            .iter()
            .map(|(v, l)| {
                format!(
                    "<option value=\"{}\"{}>{}</option>",
                    esc(v),
                    if *v == current { " selected" } else { "" },
                    esc(l)
                )
            })
            .collect::<String>()
    };
    let kinds: Vec<(&str, &str)> = EventKind::ALL
        .iter()
        .map(|k| (k.as_str(), k.label()))
        .collect();
    let mut recours: Vec<(&str, &str)> = vec![("", "celui du dossier")];
    recours.extend(LetterKind::ALL.iter().map(|k| (k.as_str(), k.label())));
    let fields = [
        wrap(
            "type",
            "Ce qui s'est passé",
            "envoi : cachet de la poste ; reception : avis de réception ; reponse : réponse \
             qui n'est pas un refus ; rejet : refus notifié ; requete : tribunal saisi.",
            format!(
                "<select id=\"ev-type\" name=\"type\"{}>{}</select>",
                described("type", true),
                options(&form.kind, &kinds)
            ),
        ),
        wrap(
            "date",
            "Date de l'événement (AAAA-MM-JJ)",
            "",
            format!(
                "<input type=\"date\" id=\"ev-date\" name=\"date\" value=\"{}\" required{}>",
                esc(&form.date),
                described("date", false)
            ),
        ),
        wrap(
            "recours",
            "Recours concerné",
            "Par défaut celui du dossier ; à préciser pour une réception, une réponse ou un \
             rejet quand un autre recours du dossier l'attend encore.",
            format!(
                "<select id=\"ev-recours\" name=\"recours\"{}>{}</select>",
                described("recours", true),
                options(&form.recours, &recours)
            ),
        ),
        wrap(
            "note",
            "Note (facultative)",
            "Numéro de recommandé, contenu de la réponse… 2 000 caractères au plus.",
            format!(
                "<textarea id=\"ev-note\" name=\"note\"{}>{}</textarea>",
                described("note", true),
                esc(&form.note)
            ),
        ),
        wrap(
            "remplace",
            "Corrige l'événement n° (facultatif)",
            "L'événement indiqué est annulé et remplacé par celui-ci.",
            format!(
                "<input type=\"text\" inputmode=\"numeric\" id=\"ev-remplace\" \
                 name=\"remplace\" value=\"{}\"{}>",
                esc(&form.remplace),
                described("remplace", true)
            ),
        ),
    ];
    format!(
        "<form method=\"post\" action=\"/suivi/{id}/evenement\" novalidate>\
         <fieldset class=\"section\"><legend>Enregistrer un événement</legend>{}\
         <div class=\"actions\"><button type=\"submit\">Enregistrer</button></div>\
         </fieldset></form>\n",
        fields.join("")
    )
}

/// The field a refusal from [`followup::record_event`] is about.
fn field_of(message: &str) -> &'static str {
    if message.starts_with("--note") {
        "note"
    } else if message.contains("concerne-t-il") {
        "recours"
    } else if message.contains("n'a pas d'événement n°") {
        "remplace"
    } else {
        "date"
    }
}

/// `POST /suivi/{id}/evenement`: checks and records; back to the case page, or 422 with the
/// message beside the field.
pub(super) async fn record(
    State(state): State<AppState>,
    Path(id): Path<String>,
    super::routes::Fields(fields): super::routes::Fields,
) -> Response {
    let Some(base) = state.base.as_deref() else {
        return no_base(StatusCode::NOT_FOUND);
    };
    let Some(id) = parse_id(&id) else {
        return unknown_case();
    };
    let get = |k: &str| {
        fields
            .iter()
            .find(|(n, _)| n == k)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let mut form = EventForm {
        kind: get("type"),
        date: get("date"),
        recours: get("recours"),
        note: get("note"),
        remplace: get("remplace"),
        errors: Vec::new(),
    };
    let values = |all: Vec<&str>| format!("valeurs possibles : {}", all.join(", "));
    let kind = EventKind::from_key(form.kind.trim());
    if kind.is_none() {
        form.errors.push((
            "type",
            values(EventKind::ALL.iter().map(|k| k.as_str()).collect()),
        ));
    }
    let date = parse_date(&form.date)
        .map_err(|e| form.errors.push(("date", e)))
        .ok();
    let recours = match form.recours.trim() {
        "" => None,
        r => {
            let k = LetterKind::from_key(r);
            if k.is_none() {
                form.errors.push((
                    "recours",
                    values(LetterKind::ALL.iter().map(|k| k.as_str()).collect()),
                ));
            }
            k
        }
    };
    let remplace = match form.remplace.trim() {
        "" => None,
        r => r
            .parse::<i64>()
            .map_err(|_| {
                form.errors.push((
                    "remplace",
                    "le numéro de l'événement à corriger est un nombre entier".into(),
                ))
            })
            .ok(),
    };
    let (Some(kind), Some(date), true) = (kind, date, form.errors.is_empty()) else {
        return case_response(base, CaseId(id), form, StatusCode::UNPROCESSABLE_ENTITY).await;
    };
    let note = Some(form.note.trim().to_string()).filter(|n| !n.is_empty());
    let req = EventRequest {
        case: CaseId(id),
        kind,
        date,
        recours,
        note,
        remplace,
    };
    let as_of = today();
    match with_store(base, move |s| followup::record_event(s, &req, as_of)).await {
        Ok(_) => Redirect::to(&format!("/suivi/{id}")).into_response(),
        Err(e) if is_no_case(&e, CaseId(id)) => failure(&e, Some(CaseId(id))),
        Err(e) => {
            let mut msg = e.to_string();
            if let Some(c) = e.conseil() {
                msg.push_str(&format!(" (conseil : {c})"));
            }
            form.errors.push((field_of(&e.to_string()), msg));
            case_response(base, CaseId(id), form, StatusCode::UNPROCESSABLE_ENTITY).await
        }
    }
}

/// The validated case file of the next document and that document, as `recours suivi
/// lettre` makes it; the case page asks it too, so that its button is offered only when the
/// document can be written today.
fn next_document(
    case: &TrackedCase,
    status: &Status,
    as_of: NaiveDate,
) -> Result<(crate::case::Case, &'static str), Error> {
    let (value, document) = followup::next_letter_case(case, status)
        .map_err(|e| Error::usage(e.to_string(), "voir la prochaine échéance du dossier"))?;
    let name = format!("dossier n° {} ({document})", case.id);
    let ctx = crate::case::Context {
        offices: crate::offices::Offices::builtin(),
        date_override: Some(as_of),
        today: as_of,
    };
    Ok((crate::case::from_json_value(value, &name, ctx)?, document))
}

/// `GET|POST /suivi/{id}/lettre.pdf`: the next document, validated and rendered like
/// `/lettre.pdf`.
pub(super) async fn letter(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Some(base) = state.base.as_deref() else {
        return no_base(StatusCode::NOT_FOUND);
    };
    let Some(id) = parse_id(&id) else {
        return unknown_case();
    };
    let as_of = today();
    let renderer = state.renderer.clone();
    let id = CaseId(id);
    let made = with_store(base, move |s| {
        let case = s.case(id)?.ok_or(store::StoreError::NoCase(id))?;
        let status = followup::status(&case, as_of).map_err(|e| Error::Input {
            message: format!("dossier n° {id} : {e}"),
            conseil: Some("corrigez les événements sur la page du dossier".into()),
        })?;
        let (validated, document) = next_document(&case, &status, as_of)?;
        let plan = crate::plan::Plan::new(validated, crate::offices::Offices::builtin())?;
        Ok((renderer.render(&plan)?.pdf, document))
    })
    .await;
    match made {
        Ok((pdf, document)) => (
            [
                (
                    axum::http::header::CONTENT_TYPE,
                    "application/pdf".to_string(),
                ),
                (
                    axum::http::header::CONTENT_DISPOSITION,
                    format!("attachment; filename=\"dossier-{id}-{document}.pdf\""),
                ),
            ],
            pdf,
        )
            .into_response(),
        Err(e) => failure(&e, Some(id)),
    }
}
