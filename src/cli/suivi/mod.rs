//! `recours suivi …`: follow a caseload in a store (SQLite file or PostgreSQL). Each
//! subcommand is a thin call into [`crate::store`] and [`crate::followup`], then printing.

mod ajoute;
mod echeances;
mod montre;

pub(super) use ajoute::add_batch_rows;

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use clap::{Args, Subcommand};

use super::{HELP_TEMPLATE, parse_date_arg, write_out};
use crate::case::LetterKind;
use crate::error::{Error, ExitCode};
use crate::followup::{self, EventRequest};
use crate::store::{self, Base, CaseId, EventKind};

#[derive(Debug, Args)]
pub(super) struct SuiviArgs {
    #[command(subcommand)]
    command: SuiviCommand,
    #[command(flatten)]
    base: BaseArg,
    /// Jour à considérer (AAAA-MM-JJ) pour les délais ; par défaut aujourd'hui.
    #[arg(long, value_name = "AAAA-MM-JJ", value_parser = parse_date_arg, global = true)]
    date: Option<NaiveDate>,
}

/// `--base`, shared with `recours lot --suivi`.
#[derive(Debug, Args)]
pub(super) struct BaseArg {
    /// Base de suivi : un fichier SQLite (créé s'il n'existe pas, lisible par vous seul) ou
    /// une adresse postgres://utilisateur:mot-de-passe@hôte/base ; par défaut la variable
    /// RECOURS_BASE, sinon suivi.sqlite dans votre dossier de données.
    #[arg(
        long,
        value_name = "FICHIER.sqlite|postgres://…",
        env = "RECOURS_BASE",
        hide_env = true,
        global = true
    )]
    pub base: Option<String>,
}

impl BaseArg {
    pub(super) fn open(&self) -> Result<Box<dyn store::Store>, Error> {
        let base = Base::from_option(self.base.as_deref())?;
        Ok(store::open(&base)?)
    }
}

#[derive(Debug, Subcommand)]
enum SuiviCommand {
    /// Ajoute des dossiers au suivi : des fichiers .toml / .json, ou chaque ligne d'un
    /// tableau .csv ou d'un fichier .jsonl.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Options ")]
    Ajoute {
        /// Les dossiers ou tableaux.
        #[arg(value_name = "CAS", required = true, help_heading = "Arguments ")]
        cas: Vec<PathBuf>,
    },
    /// Enregistre un événement : envoi, reception, reponse, rejet ou requete, à sa date.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Options ")]
    Evenement {
        /// Le numéro du dossier suivi.
        #[arg(value_name = "ID", help_heading = "Arguments ")]
        id: i64,
        /// envoi (cachet de la poste), reception (avis de réception), reponse (réponse qui
        /// n'est pas un refus), rejet (refus explicite notifié), requete (tribunal saisi).
        #[arg(value_name = "TYPE", value_parser = parse_event_kind, help_heading = "Arguments ")]
        kind: EventKind,
        /// La date de l'événement (AAAA-MM-JJ).
        #[arg(value_name = "AAAA-MM-JJ", value_parser = parse_date_arg, help_heading = "Arguments ")]
        quand: NaiveDate,
        /// Une note libre (numéro de recommandé, contenu de la réponse…).
        #[arg(long, value_name = "TEXTE")]
        note: Option<String>,
        /// Le recours concerné (gracieux, hierarchique…) ; par défaut celui du dossier, sauf
        /// pour une réception, une réponse ou un rejet quand un autre recours au dossier
        /// l'attend encore : il faut alors le préciser.
        #[arg(long, value_name = "RECOURS", value_parser = parse_letter_kind)]
        recours: Option<LetterKind>,
        /// Corrige l'événement n° N : il est annulé et remplacé par celui-ci.
        #[arg(long, value_name = "N")]
        remplace: Option<i64>,
    },
    /// Annule un événement enregistré par erreur (il reste visible, barré).
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Options ")]
    Annule {
        /// Le numéro du dossier suivi.
        #[arg(value_name = "ID", help_heading = "Arguments ")]
        id: i64,
        /// Le numéro de l'événement.
        #[arg(value_name = "EVENEMENT", help_heading = "Arguments ")]
        evenement: i64,
    },
    /// Montre un dossier : sa chronologie et ses délais recalculés d'après ses événements.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Options ")]
    Montre {
        /// Le numéro du dossier suivi.
        #[arg(value_name = "ID", help_heading = "Arguments ")]
        id: i64,
        /// Écrit un seul objet JSON au lieu du texte.
        #[arg(long)]
        json: bool,
    },
    /// Écrit le document de la prochaine échéance d'un dossier (le recours à envoyer, la
    /// requête…), avec les événements enregistrés, daté du jour.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Options ")]
    Lettre {
        /// Le numéro du dossier suivi.
        #[arg(value_name = "ID", help_heading = "Arguments ")]
        id: i64,
        /// Fichier PDF à écrire (par défaut : dossier-ID-DOCUMENT.pdf).
        #[arg(short = 'o', long = "sortie", value_name = "FICHIER.pdf")]
        output: Option<PathBuf>,
        /// Écrit aussi le dossier de ce document (.json), à relire ou compléter.
        #[arg(long, value_name = "FICHIER.json")]
        dossier: Option<PathBuf>,
        /// Affiche le texte de la lettre au lieu d'écrire le PDF.
        #[arg(long)]
        texte: bool,
    },
    /// Liste la prochaine échéance de chaque dossier, la plus proche d'abord.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Options ")]
    Echeances {
        /// Seulement les échéances jusqu'à ce jour inclus (AAAA-MM-JJ).
        #[arg(long, value_name = "AAAA-MM-JJ", value_parser = parse_date_arg)]
        avant: Option<NaiveDate>,
        /// Écrit un seul objet JSON au lieu du texte.
        #[arg(long)]
        json: bool,
    },
    /// Exporte le suivi : un calendrier (.ics), un tableau (.csv), ou tout un dossier (JSON).
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Options ")]
    Exporte {
        /// Un calendrier de toutes les échéances de tous les dossiers.
        #[arg(long, group = "quoi", required_unless_present_any = ["csv", "dossier"])]
        ics: bool,
        /// Un tableau : une ligne par dossier, ses délais et sa prochaine échéance.
        #[arg(long, group = "quoi")]
        csv: bool,
        /// Tout ce que la base contient sur un dossier (droit d'accès de la personne).
        #[arg(long, value_name = "ID", group = "quoi")]
        dossier: Option<i64>,
        /// Fichier à écrire (par défaut : la sortie standard).
        #[arg(short = 'o', long = "sortie", value_name = "FICHIER")]
        output: Option<PathBuf>,
    },
    /// Supprime un dossier et tous ses événements (droit à l'effacement).
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Options ")]
    Supprime {
        /// Le numéro du dossier suivi.
        #[arg(value_name = "ID", help_heading = "Arguments ")]
        id: i64,
        /// Confirme la suppression, qui est définitive.
        #[arg(long)]
        oui: bool,
    },
}

fn parse_event_kind(s: &str) -> Result<EventKind, String> {
    EventKind::from_key(s).ok_or_else(|| {
        let all: Vec<&str> = EventKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("valeurs possibles : {}", all.join(", "))
    })
}

fn parse_letter_kind(s: &str) -> Result<LetterKind, String> {
    LetterKind::from_key(s).ok_or_else(|| {
        let all: Vec<&str> = LetterKind::ALL.iter().map(|k| k.as_str()).collect();
        format!("valeurs possibles : {}", all.join(", "))
    })
}

pub(super) fn run(
    a: SuiviArgs,
    clock: &crate::clock::Clock,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, Error> {
    let today = clock.today;
    let as_of = a.date.unwrap_or(today);
    match a.command {
        SuiviCommand::Ajoute { cas } => ajoute::run(&cas, &a.base, today, out, err),
        SuiviCommand::Evenement {
            id,
            kind,
            quand,
            note,
            recours,
            remplace,
        } => {
            let mut store = a.base.open()?;
            let req = EventRequest {
                case: CaseId(id),
                kind,
                date: quand,
                recours,
                note,
                remplace,
            };
            let n = followup::record_event(store.as_mut(), &req, today)?;
            let next = store
                .case(CaseId(id))?
                .and_then(|c| followup::status(&c, as_of).ok())
                .and_then(|s| s.next);
            let mut text = format!(
                "événement n° {n} enregistré : {} le {} (dossier n° {id})\n",
                kind.label(),
                crate::deadlines::model::iso(quand)
            );
            if let Some(n) = next {
                text.push_str(&format!(
                    "prochaine échéance : {} — {}\n",
                    crate::deadlines::model::iso(n.date),
                    n.action
                ));
            }
            write_out(out, &text)?;
            Ok(ExitCode::Success)
        }
        SuiviCommand::Annule { id, evenement } => {
            let mut store = a.base.open()?;
            store.cancel_event(CaseId(id), evenement)?;
            write_out(
                out,
                &format!("événement n° {evenement} du dossier n° {id} annulé\n"),
            )?;
            Ok(ExitCode::Success)
        }
        SuiviCommand::Montre { id, json } => {
            let mut store = a.base.open()?;
            montre::run(store.as_mut(), CaseId(id), as_of, json, out)
        }
        SuiviCommand::Lettre {
            id,
            output,
            dossier,
            texte,
        } => {
            let mut store = a.base.open()?;
            lettre(
                store.as_mut(),
                CaseId(id),
                crate::clock::Clock {
                    today: as_of,
                    epoch: clock.epoch,
                },
                output,
                dossier,
                texte,
                out,
                err,
            )
        }
        SuiviCommand::Echeances { avant, json } => {
            let mut store = a.base.open()?;
            echeances::run(store.as_mut(), as_of, avant, json, out)
        }
        SuiviCommand::Exporte {
            ics,
            csv,
            dossier,
            output,
        } => {
            let mut store = a.base.open()?;
            if ics {
                emit(output.as_deref(), out, err, &mut |w| {
                    followup::write_ics(store.as_mut(), as_of, w).map_err(|e| match e {
                        followup::ExportError::Store(e) => Error::from(e),
                        followup::ExportError::Write(e) => write_error(output.as_deref(), e),
                    })
                })
            } else if csv {
                let entries = followup::agenda(store.as_mut(), as_of, None)?;
                emit(output.as_deref(), out, err, &mut |w| {
                    followup::write_csv(&entries, w).map_err(|e| match e.into_kind() {
                        csv::ErrorKind::Io(e) => write_error(output.as_deref(), e),
                        other => Error::Internal(format!("CSV : {other:?}")),
                    })
                })
            } else {
                let id = CaseId(dossier.expect("clap requires one of the three"));
                let case = store.case(id)?.ok_or(store::StoreError::NoCase(id))?;
                let st = followup::status(&case, as_of).map_err(|e| e.to_string());
                let v = followup::case_json(&case, st.as_ref().map_err(Clone::clone), true);
                let mut text = serde_json::to_string_pretty(&v).expect("JSON serializes");
                text.push('\n');
                emit(output.as_deref(), out, err, &mut |w| {
                    w.write_all(text.as_bytes())
                        .map_err(|e| write_error(output.as_deref(), e))
                })
            }
        }
        SuiviCommand::Supprime { id, oui } => {
            if !oui {
                return Err(Error::usage(
                    format!("la suppression du dossier n° {id} est définitive"),
                    format!(
                        "pour confirmer : recours suivi supprime {id} --oui (exportez-le avant \
                         si la personne le demande : recours suivi exporte --dossier {id})"
                    ),
                ));
            }
            let mut store = a.base.open()?;
            if !store.delete_case(CaseId(id))? {
                return Err(store::StoreError::NoCase(CaseId(id)).into());
            }
            write_out(
                out,
                &format!("dossier n° {id} supprimé, avec tous ses événements\n"),
            )?;
            Ok(ExitCode::Success)
        }
    }
}

/// `suivi lettre`: the next document's case file, validated and rendered like `lettre`.
#[allow(clippy::too_many_arguments)] // the command's options, passed through once
fn lettre(
    store: &mut dyn store::Store,
    id: CaseId,
    clock: crate::clock::Clock,
    output: Option<PathBuf>,
    dossier: Option<PathBuf>,
    texte: bool,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, Error> {
    let as_of = clock.today;
    let case = store.case(id)?.ok_or(store::StoreError::NoCase(id))?;
    let status = followup::status(&case, as_of).map_err(|e| Error::Input {
        message: format!("dossier n° {id} : {e}"),
        conseil: Some(format!(
            "corrigez les événements (recours suivi montre {id})"
        )),
    })?;
    let (value, document) = followup::next_letter_case(&case, &status).map_err(|e| {
        Error::usage(
            e.to_string(),
            format!("voir la prochaine échéance : recours suivi montre {id}"),
        )
    })?;
    if let Some(path) = &dossier {
        let text = serde_json::to_string_pretty(&value).expect("JSON serializes") + "\n";
        crate::output::write_private(path, text.as_bytes())
            .map_err(|e| Error::io("impossible d'écrire", path, e))?;
        let _ = writeln!(err, "dossier écrit : {}", path.display());
    }
    let name = format!("dossier n° {id} ({document})");
    let ctx = crate::case::Context {
        offices: crate::offices::Offices::builtin(),
        date_override: Some(as_of),
        today: as_of,
    };
    let validated = crate::case::from_json_value(value, &name, ctx)?;
    let default = PathBuf::from(format!("dossier-{id}-{document}.pdf"));
    let req = super::lettre::Request {
        output: output.as_deref(),
        date: Some(as_of),
        modeles: None,
        texte,
        pieces: None,
        clock,
    };
    super::lettre::render(
        validated,
        &name,
        &req,
        req.output.unwrap_or(&default),
        out,
        err,
    )
    .map(|(code, _, _)| code)
}

/// Writes an export as it is produced: to standard output, or to a file readable by its
/// owner only (it holds personal data), under a temporary name renamed at the end so that an
/// interrupted export never leaves half a file.
fn emit(
    path: Option<&Path>,
    out: &mut dyn Write,
    err: &mut dyn Write,
    produce: &mut dyn FnMut(&mut dyn Write) -> Result<(), Error>,
) -> Result<ExitCode, Error> {
    let Some(path) = path else {
        let mut w = std::io::BufWriter::new(&mut *out);
        match produce(&mut w) {
            Err(Error::Io { raison, .. }) => stdout_result(Err(raison))?,
            other => other?,
        }
        stdout_result(w.flush())?;
        return Ok(ExitCode::Success);
    };
    let tmp = crate::output::temp_path(path);
    let result = (|| {
        let mut o = std::fs::OpenOptions::new();
        o.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut o, 0o600);
        let file = o.open(&tmp).map_err(|e| write_error(Some(path), e))?;
        let mut w = std::io::BufWriter::new(file);
        produce(&mut w)?;
        let file = w
            .into_inner()
            .map_err(|e| write_error(Some(path), e.into_error()))?;
        file.sync_all().map_err(|e| write_error(Some(path), e))?;
        std::fs::rename(&tmp, path).map_err(|e| write_error(Some(path), e))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result?;
    let _ = writeln!(err, "écrit : {}", path.display());
    Ok(ExitCode::Success)
}

fn write_error(path: Option<&Path>, e: std::io::Error) -> Error {
    Error::io(
        "impossible d'écrire",
        path.unwrap_or(Path::new("la sortie standard")),
        e,
    )
}

/// A write to standard output: a closed pipe (`… | head`) is not an error.
fn stdout_result(r: std::io::Result<()>) -> Result<(), Error> {
    match r {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(write_error(None, e)),
        _ => Ok(()),
    }
}
