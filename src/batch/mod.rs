//! `recours lot`: the same pipeline over a spreadsheet, for associations.
//!
//! Rows stream through a bounded queue to worker threads (`--jobs`) and come back in input
//! order to the report, so memory stays flat whatever the number of rows. A bad row never
//! stops the others: it is recorded in `rapport.csv` with its reason, and the batch ends with
//! exit code 3. Every PDF is written under a temporary name and renamed; a rerun with
//! `--reprendre` redoes only what is missing or older than the input.

mod columns;
mod input;
mod names;
mod report;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

pub use columns::{COLUMNS, LIST_SEPARATOR};
pub use names::DEFAULT_PATTERN;

use crate::case::{self, Context, LetterKind, Problem};
use crate::error::Error;
use crate::offices::Offices;
use crate::pipeline::Renderer;
use crate::plan::Plan;
use crate::typeset::LaidOutLetter;

/// What to do with letters already in the output folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Refuse to start if the folder already holds a batch (a `rapport.csv`).
    Refuse,
    /// Keep letters newer than the input; write the others.
    Resume,
    /// Write everything again.
    Overwrite,
}

/// A batch to run.
#[derive(Debug)]
pub struct Options {
    /// `.csv` or `.jsonl`.
    pub input: PathBuf,
    /// Output folder (created if missing).
    pub output: PathBuf,
    /// Worker threads.
    pub jobs: usize,
    /// `--date`.
    pub date: Option<NaiveDate>,
    /// `--modeles`.
    pub modeles: Option<PathBuf>,
    /// File name pattern.
    pub noms: String,
    /// Letters already there.
    pub existing: Existing,
    /// One PDF of all letters, and whether each starts on an odd page.
    pub assemble: Option<(PathBuf, bool)>,
    /// Show a progress bar.
    pub progress: bool,
}

/// How a batch went.
#[derive(Debug, Default)]
pub struct Summary {
    /// Rows read.
    pub rows: usize,
    /// Letters written.
    pub written: usize,
    /// Letters kept from an earlier run (`--reprendre`).
    pub kept: usize,
    /// Rows that failed.
    pub failed: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// `DOSSIER/rapport.csv`.
    pub report: PathBuf,
    /// The assembled PDF, if any.
    pub assembled: Option<PathBuf>,
}

/// A row on its way to a worker.
struct Job {
    index: usize,
    ligne: u64,
    value: Result<serde_json::Value, String>,
    fichier: String,
}

/// A row's outcome, on its way back.
struct Done {
    index: usize,
    line: report::Line,
    written: bool,
    laid_out: Option<LaidOutLetter>,
}

/// Runs a batch. Returns the summary; the caller turns failed rows into exit code 3.
pub fn run(opts: &Options, today: NaiveDate) -> Result<Summary, Error> {
    let started = Instant::now();
    let renderer = Renderer::new(opts.modeles.as_deref())?;
    let mut namer = names::Namer::new(&opts.noms)?;
    let rows = input::open(&opts.input)?;
    let format = match &rows {
        input::Rows::Csv { .. } => RowFormat::Csv,
        input::Rows::Jsonl { .. } => RowFormat::Jsonl,
    };
    let delimiter = match &rows {
        input::Rows::Csv { delimiter, .. } => *delimiter,
        input::Rows::Jsonl { .. } => b',',
    };
    prepare_output(&opts.output, opts.existing)?;
    let resume_after = match opts.existing {
        Existing::Resume => std::fs::metadata(&opts.input)
            .and_then(|m| m.modified())
            .ok(),
        _ => None,
    };
    let mut report = report::Report::create(&opts.output, delimiter)?;
    let jobs = opts.jobs.max(1);
    let keep_pages = opts.assemble.is_some();
    let ctx = Context {
        offices: Offices::builtin(),
        date_override: opts.date,
        today,
    };
    let progress = opts.progress.then(progress_bar);

    let shared = Shared {
        renderer: &renderer,
        ctx,
        dir: &opts.output,
        format,
        keep_pages,
        resume_after,
    };
    let mut summary = Summary::default();
    let mut pages: Vec<LaidOutLetter> = Vec::new();
    let (job_tx, job_rx) = mpsc::sync_channel::<Job>(jobs * 4);
    let job_rx = std::sync::Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<Done>();
    std::thread::scope(|scope| -> Result<(), Error> {
        for _ in 0..jobs {
            let job_rx = &job_rx;
            let done_tx = done_tx.clone();
            let shared = &shared;
            scope.spawn(move || {
                loop {
                    let job = {
                        let Ok(guard) = job_rx.lock() else { return };
                        match guard.recv() {
                            Ok(job) => job,
                            Err(_) => return,
                        }
                    };
                    let done = process(job, shared);
                    if done_tx.send(done).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        // The reader feeds the queue from its own thread so results are collected meanwhile.
        let reader = scope.spawn(move || -> usize {
            let mut count = 0;
            for (index, row) in rows.enumerate() {
                count += 1;
                let fields = row_fields(&row);
                let fichier = namer.name(
                    row.ligne,
                    &names::Fields {
                        nom: fields.0.as_deref().or(row.nom.as_deref()),
                        prenom: fields.1.as_deref(),
                        recours: fields.2.as_deref(),
                    },
                );
                let job = Job {
                    index,
                    ligne: row.ligne,
                    value: row.value,
                    fichier,
                };
                if job_tx.send(job).is_err() {
                    break;
                }
            }
            count
        });
        let mut pending: BTreeMap<usize, Done> = BTreeMap::new();
        let mut next = 0;
        for done in done_rx {
            pending.insert(done.index, done);
            while let Some(done) = pending.remove(&next) {
                next += 1;
                let mut line = done.line;
                if done.written {
                    summary.written += 1;
                } else if line.statut == "ok" {
                    summary.kept += 1;
                } else {
                    summary.failed += 1;
                }
                if line.statut == "ok" && !done.written && opts.existing == Existing::Resume {
                    line.message = "déjà à jour".into();
                }
                report.push(&line)?;
                if let Some(l) = done.laid_out {
                    pages.push(l);
                }
                if let Some(p) = &progress {
                    p.inc(1);
                }
            }
        }
        summary.rows = reader
            .join()
            .map_err(|_| Error::Internal("le lecteur du lot s'est arrêté".into()))?;
        Ok(())
    })?;
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    summary.report = report.finish()?;
    if let Some((path, recto_verso)) = &opts.assemble {
        if pages.is_empty() {
            return Err(Error::Input {
                message: "aucune lettre à assembler : toutes les lignes sont en erreur".into(),
                conseil: None,
            });
        }
        let metadata = crate::letter::Metadata {
            title: format!("Lot de {} lettres", pages.len()),
            author: "recours".into(),
            subject: format!("Lettres produites depuis {}", opts.input.display()),
            created: crate::clock::pdf_timestamp(opts.date.unwrap_or(today)),
        };
        let assembly = crate::pdf::Assembly {
            recto_verso: *recto_verso,
            metadata,
        };
        let bytes = crate::pdf::assemble(&pages, &assembly, renderer.fonts())
            .map_err(|e| Error::Internal(format!("assemblage du PDF : {e}")))?;
        crate::output::write_atomic(path, &bytes)
            .map_err(|e| Error::output("impossible d'écrire", path, e))?;
        summary.assembled = Some(path.clone());
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Surname, first name and letter kind of a row, for its file name.
fn row_fields(row: &input::Row) -> (Option<String>, Option<String>, Option<String>) {
    let Ok(v) = &row.value else {
        return (None, None, None);
    };
    let s = |p: &str| {
        v.pointer(p)
            .and_then(serde_json::Value::as_str)
            .map(str::to_string)
    };
    (s("/demandeur/nom"), s("/demandeur/prenom"), s("/recours"))
}

/// What the rows are: the fix for a missing key names a column or a JSON key accordingly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RowFormat {
    Csv,
    Jsonl,
}

/// What every worker of a batch reads.
struct Shared<'a> {
    renderer: &'a Renderer,
    ctx: Context<'a>,
    /// The output folder.
    dir: &'a Path,
    format: RowFormat,
    /// Keep the laid-out pages for `--assemble`.
    keep_pages: bool,
    /// With `--reprendre`: the input's modification time; letters newer than it are kept.
    resume_after: Option<std::time::SystemTime>,
}

fn process(job: Job, shared: &Shared<'_>) -> Done {
    let Shared {
        renderer,
        ctx,
        dir,
        format,
        keep_pages,
        resume_after,
    } = *shared;
    let name = format!("ligne {}", job.ligne);
    let mut line = report::Line {
        ligne: job.ligne,
        statut: "erreur",
        ..Default::default()
    };
    let fail = |mut line: report::Line, message: String| {
        line.message = message;
        Done {
            index: job.index,
            line,
            written: false,
            laid_out: None,
        }
    };
    let value = match job.value {
        Ok(v) => v,
        Err(why) => return fail(line, format!("{name} : {why}")),
    };
    let case = match case::from_json_value(value, &name, ctx) {
        Ok(c) => c,
        Err(e) => {
            let msg = e
                .problems
                .iter()
                .map(|p| row_problem(p, &e.fichier, format))
                .collect::<Vec<_>>()
                .join(" ; ");
            return fail(line, msg);
        }
    };
    let plan = match Plan::new(case, ctx.offices) {
        Ok(p) => p,
        Err(e) => return fail(line, one_line(&name, &e)),
    };
    line.destinataire = plan.route.destinataire.id.clone();
    line.adresse_statut = plan.route.destinataire.adresse_statut.as_str().to_string();
    line.date_limite = key_deadline(&plan);
    let path = dir.join(&job.fichier);
    let up_to_date = resume_after.is_some_and(|input| {
        std::fs::metadata(&path)
            .and_then(|m| m.modified())
            .is_ok_and(|output| output >= input)
    });
    // A letter already up to date is kept; with --assemble it is still laid out for the
    // assembled file, but not written again.
    let rendered = if up_to_date && !keep_pages {
        None
    } else {
        match renderer.render(&plan) {
            Ok(r) => Some(r),
            Err(e) => return fail(line, one_line(&name, &e)),
        }
    };
    line.statut = "ok";
    line.fichier = job.fichier;
    let rendered = match rendered {
        Some(r) if !up_to_date => r,
        kept => {
            let laid_out = kept.map(|r| r.laid_out);
            return Done {
                index: job.index,
                line,
                written: false,
                laid_out,
            };
        }
    };
    if let Err(e) = crate::output::write_atomic(&path, &rendered.pdf) {
        let why = format!(
            "{name} : impossible d'écrire {} ({})",
            line.fichier,
            crate::error::io_reason(&e)
        );
        line.statut = "erreur";
        line.fichier.clear();
        return fail(line, why);
    }
    line.message = plan.warnings().join(" | ");
    Done {
        index: job.index,
        line,
        written: true,
        laid_out: keep_pages.then_some(rendered.laid_out),
    }
}

/// A problem of a row, on one line. The case-file advice for a missing key is a TOML line
/// (« ajoutez motif = … dans la table [decision] »); a row's fix is a cell to fill.
fn row_problem(p: &Problem, name: &str, format: RowFormat) -> String {
    let (Some(cle), true) = (&p.cle, p.manque) else {
        return p.one_line(name);
    };
    let conseil = match format {
        RowFormat::Csv => format!(
            "remplissez la colonne « {cle} » pour cette ligne (ajoutez-la à l'en-tête si le \
             tableau ne l'a pas)"
        ),
        RowFormat::Jsonl => format!("ajoutez la clé « {cle} » à l'objet de cette ligne"),
    };
    Problem {
        conseil: Some(conseil),
        ..p.clone()
    }
    .one_line(name)
}

fn one_line(name: &str, e: &Error) -> String {
    match e.conseil() {
        Some(c) => format!("{name} : {e} (conseil : {c})"),
        None => format!("{name} : {e}"),
    }
}

/// The date that matters most for the letter: when it must be sent to interrupt the délai,
/// or, for the Défenseur des droits, the court deadline it does not stop.
fn key_deadline(plan: &Plan) -> String {
    let d = &plan.deadlines;
    let date = match plan.case.recours {
        LetterKind::Gracieux | LetterKind::Hierarchique => {
            d.recours_administratif.as_ref().or(d.tribunal.as_ref())
        }
        LetterKind::Defenseur => d.tribunal.as_ref(),
        LetterKind::Signalement => None,
    };
    date.map(|d| crate::deadlines::model::iso(d.date))
        .unwrap_or_default()
}

/// Creates the folder, refuses to mix with an earlier batch unless told, and removes the
/// temporary files an interrupted run left.
fn prepare_output(dir: &Path, existing: Existing) -> Result<(), Error> {
    std::fs::create_dir_all(dir)
        .map_err(|e| Error::io("impossible de créer le dossier", dir, e))?;
    if existing == Existing::Refuse && dir.join("rapport.csv").exists() {
        return Err(Error::usage(
            format!(
                "le dossier « {} » contient déjà un lot (rapport.csv)",
                dir.display()
            ),
            "ajoutez --reprendre pour ne refaire que les lettres manquantes, ou --force pour tout refaire",
        ));
    }
    let entries =
        std::fs::read_dir(dir).map_err(|e| Error::io("impossible de lire le dossier", dir, e))?;
    for entry in entries.flatten() {
        let p = entry.path();
        if crate::output::is_temp_file(&p) {
            let _ = std::fs::remove_file(&p);
        }
    }
    Ok(())
}

fn progress_bar() -> indicatif::ProgressBar {
    let bar = indicatif::ProgressBar::new_spinner();
    bar.set_style(
        indicatif::ProgressStyle::with_template("{spinner} {pos} lettres ({per_sec}) {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// The summary printed on standard error at the end.
pub fn print_summary(s: &Summary, err: &mut dyn Write) {
    let rate = if s.elapsed.as_secs_f64() > 0.0 {
        s.written as f64 / s.elapsed.as_secs_f64()
    } else {
        0.0
    };
    let _ = writeln!(
        err,
        "{} ligne(s) lue(s) : {} lettre(s) écrite(s), {} déjà à jour, {} en erreur ({:.1} s, {:.0} lettres/s)",
        s.rows,
        s.written,
        s.kept,
        s.failed,
        s.elapsed.as_secs_f64(),
        rate
    );
    let _ = writeln!(err, "rapport : {}", s.report.display());
    if let Some(a) = &s.assembled {
        let _ = writeln!(err, "lettres assemblées : {}", a.display());
    }
}
