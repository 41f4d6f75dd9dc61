//! The endpoints (`shared/spec/cli.md`, second wave): `GET /`, `GET /sante`,
//! `POST /lettre.pdf`, `POST /explique.json`, `POST /lot.zip`, and the pages around them;
//! `/suivi…` (the followed cases) when started with `--base`.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Multipart, Path, Request, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::{get, post};

use super::lot::{self, Job};
use super::{AppState, guard, pages, suivi};
use crate::case::{Context, Format, Problem};
use crate::deadlines::{self, IcsOptions};
use crate::error::Error;
use crate::offices::Offices;
use crate::plan::Plan;
use crate::questionnaire::proposals::Proposals;
use crate::questionnaire::{Answers, to_toml};

/// Largest form body: a case is a few kilobytes.
pub const MAX_FORM_BYTES: usize = 256 * 1024;

const CSS: &str = include_str!("static/style.css");
const JS: &str = include_str!("static/app.js");

/// Every route, behind the guard and the body limits.
pub(super) fn router(state: AppState) -> Router {
    let lot_routes = Router::new()
        .route("/lot.zip", post(lot_zip))
        .route("/lot", get(lot_form).post(lot_start))
        .layer(DefaultBodyLimit::max(lot::MAX_LOT_BYTES + 64 * 1024));
    Router::new()
        .route("/", get(index).post(index_post))
        .route("/formulaire", post(index_post))
        .route("/sante", get(|| async { "ok" }))
        .route(
            "/style.css",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/css; charset=utf-8"),
                        (header::CACHE_CONTROL, "max-age=3600"),
                    ],
                    CSS,
                )
            }),
        )
        .route(
            "/app.js",
            get(|| async {
                (
                    [
                        (header::CONTENT_TYPE, "text/javascript; charset=utf-8"),
                        (header::CACHE_CONTROL, "max-age=3600"),
                    ],
                    JS,
                )
            }),
        )
        .route("/modele.csv", get(modele_csv))
        .route("/resultat", post(resultat))
        .route("/apercu", post(apercu))
        .route("/reprendre", post(reprendre))
        .route("/lettre.pdf", post(lettre_pdf))
        .route("/explique.json", post(explique_json))
        .route("/dossier.toml", post(dossier_toml))
        .route("/calendrier.ics", post(calendrier_ics))
        .route("/suivi", get(suivi::list))
        .route("/suivi/{id}", get(suivi::show))
        .route("/suivi/{id}/evenement", post(suivi::record))
        .route(
            "/suivi/{id}/lettre.pdf",
            get(suivi::letter).post(suivi::letter),
        )
        .route("/lot/{id}", get(lot_status))
        .route("/lot/{id}/lettres.zip", get(lot_download))
        .layer(DefaultBodyLimit::max(MAX_FORM_BYTES))
        .merge(lot_routes)
        .fallback(|| async {
            (
                StatusCode::NOT_FOUND,
                Html(pages::message_page(
                    "Page introuvable",
                    "Cette adresse n'existe pas.",
                    "/",
                )),
            )
        })
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            guard::check,
        ))
        .with_state(state)
}

fn ctx() -> Context<'static> {
    Context {
        offices: Offices::builtin(),
        date_override: None,
        today: super::clock().today,
    }
}

/// The fields of a form, URL-encoded or multipart.
pub(super) struct Fields(pub(super) Vec<(String, String)>);

impl<S: Send + Sync> FromRequest<S> for Fields {
    type Rejection = Response;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let multipart = req
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        if multipart {
            let mut m = Multipart::from_request(req, state)
                .await
                .map_err(|e| too_big_or_bad(&e.body_text()))?;
            let mut pairs = Vec::new();
            while let Some(f) = m
                .next_field()
                .await
                .map_err(|e| too_big_or_bad(&e.body_text()))?
            {
                let name = f.name().unwrap_or("").to_string();
                let text = f.text().await.map_err(|e| too_big_or_bad(&e.body_text()))?;
                pairs.push((name, text));
            }
            Ok(Fields(pairs))
        } else {
            let body = Bytes::from_request(req, state)
                .await
                .map_err(|e| too_big_or_bad(&e.body_text()))?;
            Ok(Fields(
                form_urlencoded::parse(&body)
                    .map(|(k, v)| (k.into_owned(), v.into_owned()))
                    .collect(),
            ))
        }
    }
}

fn too_big_or_bad(why: &str) -> Response {
    if why.to_ascii_lowercase().contains("length limit") || why.contains("too large") {
        (
            StatusCode::PAYLOAD_TOO_LARGE,
            Html(pages::message_page(
                "Envoi trop gros",
                "Le formulaire envoyé dépasse la taille permise : un dossier ne fait que \
                 quelques kilo-octets (un lot, 20 Mo au plus).",
                "/",
            )),
        )
            .into_response()
    } else {
        (
            StatusCode::BAD_REQUEST,
            Html(pages::message_page(
                "Envoi illisible",
                "Le formulaire envoyé n'a pas pu être lu ; renvoyez-le depuis la page.",
                "/",
            )),
        )
            .into_response()
    }
}

fn problems_of(e: Error) -> Vec<Problem> {
    match e {
        Error::Case(c) => c.problems,
        other => {
            let mut p = Problem::file(other.to_string());
            p.conseil = other.conseil().map(str::to_string);
            vec![p]
        }
    }
}

/// The validated and planned case, or every problem.
fn plan(answers: &Answers) -> Result<Plan, Vec<Problem>> {
    let case = answers.case(ctx()).map_err(|e| e.problems)?;
    Plan::new(case, Offices::builtin()).map_err(problems_of)
}

fn html_422(answers: &Answers, problems: &[Problem]) -> Response {
    let proposals = Proposals::new(answers, ctx());
    (
        StatusCode::UNPROCESSABLE_ENTITY,
        Html(pages::form_page(answers, Some(&proposals), problems)),
    )
        .into_response()
}

fn attachment(content_type: &'static str, name: &'static str, body: Vec<u8>) -> Response {
    (
        [
            (header::CONTENT_TYPE, content_type.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        body,
    )
        .into_response()
}

async fn index() -> Html<String> {
    Html(pages::form_page(&Answers::new(), None, &[]))
}

async fn index_post(Fields(f): Fields) -> Html<String> {
    let answers = Answers::from_pairs(f);
    let proposals = Proposals::new(&answers, ctx());
    Html(pages::form_page(&answers, Some(&proposals), &[]))
}

async fn apercu(Fields(f): Fields) -> Html<String> {
    let answers = Answers::from_pairs(f);
    Html(super::explain::panel(&Proposals::new(&answers, ctx())))
}

async fn resultat(Fields(f): Fields) -> Response {
    let explain_only = f.iter().any(|(k, v)| k == "_action" && v == "expliquer");
    let answers = Answers::from_pairs(f);
    let proposals = Proposals::new(&answers, ctx());
    if explain_only {
        return Html(pages::form_page(
            &answers,
            Some(&proposals),
            &proposals.problemes,
        ))
        .into_response();
    }
    if proposals.problemes.is_empty() && proposals.plan.is_some() {
        Html(pages::result_page(&answers, &proposals)).into_response()
    } else {
        html_422(&answers, &proposals.problemes)
    }
}

async fn reprendre(mut m: Multipart) -> Response {
    let mut file = None;
    while let Ok(Some(f)) = m.next_field().await {
        if f.name() == Some("dossier") {
            let name = f.file_name().unwrap_or("dossier.toml").to_string();
            match f.text().await {
                Ok(t) => file = Some((name, t)),
                Err(_) => break,
            }
        }
    }
    let Some((name, text)) = file else {
        return (
            StatusCode::BAD_REQUEST,
            Html(pages::message_page(
                "Aucun dossier reçu",
                "Choisissez le fichier .toml (ou .json) enregistré par recours.",
                "/",
            )),
        )
            .into_response();
    };
    match Answers::from_case_text(&text, Format::from_path(std::path::Path::new(&name))) {
        Ok(answers) => {
            let proposals = Proposals::new(&answers, ctx());
            Html(pages::form_page(
                &answers,
                Some(&proposals),
                &proposals.problemes,
            ))
            .into_response()
        }
        Err(e) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Html(pages::message_page(
                "Dossier illisible",
                &e.to_string(),
                "/",
            )),
        )
            .into_response(),
    }
}

async fn lettre_pdf(State(state): State<AppState>, Fields(f): Fields) -> Response {
    let answers = Answers::from_pairs(f);
    let plan = match plan(&answers) {
        Ok(p) => p,
        Err(problems) => return html_422(&answers, &problems),
    };
    let renderer = state.renderer.clone();
    let rendered = tokio::task::spawn_blocking(move || renderer.render(&plan).map(|r| r.pdf)).await;
    match rendered {
        Ok(Ok(pdf)) => attachment("application/pdf", "lettre-recours.pdf", pdf),
        Ok(Err(e)) => html_422(&answers, &problems_of(e)),
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "erreur interne").into_response(),
    }
}

async fn explique_json(Fields(f): Fields) -> Response {
    let answers = Answers::from_pairs(f);
    match plan(&answers) {
        Ok(p) => axum::Json(p.to_json()).into_response(),
        Err(problems) => {
            let list: Vec<serde_json::Value> = problems
                .iter()
                .map(|p| {
                    serde_json::json!({"cle": p.cle, "message": p.message, "conseil": p.conseil})
                })
                .collect();
            (
                StatusCode::UNPROCESSABLE_ENTITY,
                axum::Json(serde_json::json!({ "problemes": list })),
            )
                .into_response()
        }
    }
}

async fn dossier_toml(Fields(f): Fields) -> Response {
    let answers = Answers::from_pairs(f);
    attachment(
        "application/toml; charset=utf-8",
        "dossier.toml",
        to_toml(&answers).into_bytes(),
    )
}

async fn calendrier_ics(Fields(f): Fields) -> Response {
    let answers = Answers::from_pairs(f);
    let plan = match plan(&answers) {
        Ok(p) => p,
        Err(problems) => return html_422(&answers, &problems),
    };
    let label = format!("{} {}", plan.case.demandeur.prenom, plan.case.demandeur.nom);
    let ics = deadlines::to_ics(
        &plan.deadlines,
        &IcsOptions {
            stamp: Some(super::clock().pdf_timestamp(plan.case.lettre.date)),
            case_label: Some(&label),
        },
    );
    attachment(
        "text/calendar; charset=utf-8",
        "delais-recours.ics",
        ics.into_bytes(),
    )
}

async fn modele_csv() -> Response {
    let header: Vec<&str> = crate::batch::COLUMNS.iter().map(|(c, _)| *c).collect();
    let example: Vec<&str> = header
        .iter()
        .map(|c| match *c {
            "recours" => "gracieux",
            "demandeur.civilite" => "Madame",
            "demandeur.prenom" => "Camille",
            "demandeur.nom" => "Martin",
            "demandeur.adresse" => "12 rue des Lilas | 84300 Cavaillon",
            "demande.document" => "carte-identite",
            "demande.motif" => "renouvellement",
            "demande.depot" => "mairie",
            "demande.departement" => "84",
            "demande.commune" => "Cavaillon",
            "decision.date" => "2026-10-15",
            "decision.notification" => "2026-10-20",
            "decision.motif" => "Justificatif de nationalité insuffisant",
            _ => "",
        })
        .collect();
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(&header);
    let _ = w.write_record(&example);
    let body = w.into_inner().unwrap_or_default();
    attachment("text/csv; charset=utf-8", "modele-lot.csv", body)
}

/// The uploaded batch file and whether to assemble, from the multipart body.
async fn upload(mut m: Multipart) -> Result<(Vec<u8>, &'static str, bool), Response> {
    let bad = |status: StatusCode, msg: &str| {
        (status, Html(pages::message_page("Lot refusé", msg, "/lot"))).into_response()
    };
    let mut file = None;
    let mut assemble = false;
    loop {
        let field = match m.next_field().await {
            Ok(Some(f)) => f,
            Ok(None) => break,
            Err(e) => return Err(too_big_or_bad(&e.body_text())),
        };
        match field.name() {
            Some("fichier") => {
                let name = field.file_name().unwrap_or("").to_string();
                let ext =
                    lot::extension(&name).map_err(|m| bad(StatusCode::UNPROCESSABLE_ENTITY, &m))?;
                let bytes = field
                    .bytes()
                    .await
                    .map_err(|e| too_big_or_bad(&e.body_text()))?;
                if bytes.len() > lot::MAX_LOT_BYTES {
                    return Err(too_big_or_bad("length limit"));
                }
                file = Some((bytes.to_vec(), ext));
            }
            Some("assemble") => {
                assemble = field
                    .text()
                    .await
                    .is_ok_and(|t| crate::questionnaire::parse_bool(&t) == Some(true));
            }
            _ => {}
        }
    }
    let (bytes, ext) = file.ok_or_else(|| {
        bad(
            StatusCode::UNPROCESSABLE_ENTITY,
            "Aucun fichier reçu : le champ « fichier » doit contenir le tableau .csv ou .jsonl.",
        )
    })?;
    let rows = lot::count_rows(&bytes, ext).saturating_sub(usize::from(ext == "csv"));
    if rows > lot::MAX_LOT_ROWS {
        return Err(bad(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!(
                "{rows} lignes : la page accepte {} lignes au plus. Coupez le tableau, ou \
                 utilisez la commande recours lot, qui écrit les lettres dans un dossier.",
                lot::MAX_LOT_ROWS
            ),
        ));
    }
    Ok((bytes, ext, assemble))
}

fn batch_error(e: &Error) -> Response {
    let status = match e.exit_code() {
        crate::error::ExitCode::Input => StatusCode::UNPROCESSABLE_ENTITY,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    };
    let msg = match e.conseil() {
        Some(c) => format!("{e} (conseil : {c})"),
        None => e.to_string(),
    };
    (
        status,
        Html(pages::message_page("Lot refusé", &msg, "/lot")),
    )
        .into_response()
}

async fn lot_zip(m: Multipart) -> Response {
    let (bytes, ext, assemble) = match upload(m).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    let today = super::clock().today;
    let done = tokio::task::spawn_blocking(move || {
        let (dir, input) = lot::stage(&bytes, ext)?;
        let r = lot::run(dir.path(), &input, assemble, today);
        drop(dir);
        r
    })
    .await;
    match done {
        Ok(Ok(f)) => attachment("application/zip", "lettres.zip", f.zip),
        Ok(Err(e)) => batch_error(&e),
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, "erreur interne").into_response(),
    }
}

async fn lot_form() -> Html<String> {
    Html(pages::lot_page())
}

async fn lot_start(State(state): State<AppState>, m: Multipart) -> Response {
    let (bytes, ext, assemble) = match upload(m).await {
        Ok(u) => u,
        Err(r) => return r,
    };
    lot::sweep(&state.jobs);
    if state.jobs.lock().map_or(0, |j| j.len()) >= lot::MAX_JOBS {
        return (
            StatusCode::SERVICE_UNAVAILABLE,
            Html(pages::message_page(
                "Trop de lots en cours",
                "Attendez la fin d'un lot (ou son téléchargement) et recommencez.",
                "/lot",
            )),
        )
            .into_response();
    }
    let (dir, input) = match lot::stage(&bytes, ext) {
        Ok(s) => s,
        Err(e) => return batch_error(&e),
    };
    let id = lot::new_id();
    let job = Job {
        started: std::time::Instant::now(),
        total: lot::count_rows(&bytes, ext).saturating_sub(usize::from(ext == "csv")),
        dossier: dir.path().join("lettres"),
        result: None,
    };
    if let Ok(mut jobs) = state.jobs.lock() {
        jobs.insert(id.clone(), job);
    }
    let jobs = state.jobs.clone();
    let key = id.clone();
    let today = super::clock().today;
    tokio::task::spawn_blocking(move || {
        let r = lot::run(dir.path(), &input, assemble, today).map_err(|e| match e.conseil() {
            Some(c) => format!("{e} (conseil : {c})"),
            None => e.to_string(),
        });
        drop(dir);
        if let Ok(mut jobs) = jobs.lock()
            && let Some(j) = jobs.get_mut(&key)
        {
            j.result = Some(r);
        }
    });
    Redirect::to(&format!("/lot/{id}")).into_response()
}

fn unknown_lot() -> Response {
    (
        StatusCode::NOT_FOUND,
        Html(pages::message_page(
            "Lot introuvable",
            "Ce lot n'existe pas ou plus : il est oublié après son téléchargement, ou au bout \
             de 15 minutes.",
            "/lot",
        )),
    )
        .into_response()
}

async fn lot_status(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let Ok(jobs) = state.jobs.lock() else {
        return unknown_lot();
    };
    let Some(job) = jobs.get(&id) else {
        return unknown_lot();
    };
    match &job.result {
        None => {
            let done = std::fs::read_dir(&job.dossier)
                .map(|d| {
                    d.filter_map(Result::ok)
                        .filter(|e| e.path().extension().is_some_and(|x| x == "pdf"))
                        .count()
                })
                .unwrap_or(0);
            Html(pages::lot_progress(&id, done.min(job.total), job.total)).into_response()
        }
        Some(Ok(f)) => Html(pages::lot_done(&id, f)).into_response(),
        Some(Err(msg)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            Html(pages::message_page("Lot refusé", msg, "/lot")),
        )
            .into_response(),
    }
}

async fn lot_download(State(state): State<AppState>, Path(id): Path<String>) -> Response {
    let finished = {
        let Ok(mut jobs) = state.jobs.lock() else {
            return unknown_lot();
        };
        match jobs.get(&id) {
            Some(Job {
                result: Some(Ok(_)),
                ..
            }) => jobs.remove(&id).and_then(|j| j.result).and_then(Result::ok),
            _ => None,
        }
    };
    match finished {
        Some(f) => attachment("application/zip", "lettres.zip", f.zip),
        None => unknown_lot(),
    }
}
