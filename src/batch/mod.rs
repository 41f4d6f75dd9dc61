//! `recours lot`: the same pipeline over a spreadsheet, for associations.
//!
//! Rows stream through a bounded queue to worker threads (`--jobs`) and come back in input
//! order to the report, so memory stays flat whatever the number of rows: nothing is kept per
//! row, and `--assemble` copies each letter into the assembled file as it comes back. A bad
//! row never stops the others: it is recorded in `rapport.csv` with its reason, and the batch
//! ends with exit code 3; a failure of the disk stops the batch at once (exit 1). Every PDF
//! is written under a temporary name and renamed; the report is written as rows finish, so an
//! interrupted batch leaves a readable one, and a rerun with `--reprendre` redoes only the
//! rows whose content changed or whose PDF is missing or incomplete.

mod columns;
mod csv_scan;
mod input;
mod lock;
mod names;
mod report;
mod resume;

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use chrono::NaiveDate;

pub use columns::{COLUMNS, LIST_SEPARATOR};
pub use input::Encoding;
/// The batch reader, for other commands that take a batch (`recours suivi ajoute`).
pub use input::{Row, Rows, open as read_rows};
pub use names::DEFAULT_PATTERN;

use crate::case::{self, Context, LetterKind, Problem};
use crate::error::Error;
use crate::offices::Offices;
use crate::pipeline::Renderer;
use crate::plan::Plan;

/// What to do with letters already in the output folder.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Existing {
    /// Refuse to start if the folder already holds a batch (a `rapport.csv`).
    Refuse,
    /// Keep the letters of rows that did not change; write the others.
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
    /// One PDF of all letters (`-` for standard output), and whether each starts on an odd
    /// page.
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
    /// The encoding a CSV was read in.
    pub encoding: Option<Encoding>,
    /// Said once about the whole input (ignored columns, encoding).
    pub warnings: Vec<String>,
}

/// A row on its way to a worker.
struct Job {
    index: usize,
    ligne: u64,
    value: Result<serde_json::Value, String>,
    fichier: String,
    /// The earlier run's line for this row (`--reprendre`).
    previous: Option<report::Line>,
}

/// A row's outcome, on its way back.
struct Done {
    index: usize,
    line: report::Line,
    written: bool,
    /// Writing the letter failed: the batch stops.
    fatal: Option<Error>,
}

/// Runs a batch dated `today`. Returns the summary; the caller turns failed rows into exit
/// code 3.
pub fn run(opts: &Options, today: NaiveDate) -> Result<Summary, Error> {
    run_with_clock(opts, &crate::clock::Clock::at(today))
}

/// Runs a batch with the command line's clock (`SOURCE_DATE_EPOCH` stamps every PDF).
pub fn run_with_clock(opts: &Options, clock: &crate::clock::Clock) -> Result<Summary, Error> {
    let started = Instant::now();
    let today = clock.today;
    let renderer = Renderer::new(opts.modeles.as_deref())?.with_clock(clock);
    let mut namer = names::Namer::new(&opts.noms)?;
    let rows = input::open(&opts.input)?;
    let format = if rows.is_csv() {
        RowFormat::Csv
    } else {
        RowFormat::Jsonl
    };
    let delimiter = rows.delimiter;
    check_outputs(opts, &mut namer)?;
    std::fs::create_dir_all(&opts.output)
        .map_err(|e| Error::io("impossible de créer le dossier", &opts.output, e))?;
    let _lock = lock::FolderLock::take(&opts.output)?;
    let previous = prepare_output(&opts.output, opts.existing)?;
    let mut summary = Summary {
        encoding: rows.is_csv().then_some(rows.encoding),
        warnings: renderer
            .warnings()
            .iter()
            .chain(&rows.warnings)
            .cloned()
            .collect(),
        ..Summary::default()
    };
    let mut report = report::Report::create(&opts.output, delimiter)?;
    let jobs = opts.jobs.max(1);
    let ctx = Context {
        offices: Offices::builtin(),
        date_override: opts.date,
        today,
    };
    let progress = opts.progress.then(|| progress_bar(rows.count));
    let mut assembler = match &opts.assemble {
        Some((path, recto_verso)) => Some((
            path,
            crate::pdf::Assembler::new(AssemblyOut::open(path)?, *recto_verso)
                .map_err(|e| pdf_write_error(path, e))?,
        )),
        None => None,
    };

    let shared = Shared {
        renderer: &renderer,
        ctx,
        dir: &opts.output,
        format,
    };
    let stop = AtomicBool::new(false);
    let mut fatal: Option<Error> = None;
    let (job_tx, job_rx) = mpsc::sync_channel::<Job>(jobs * 4);
    let job_rx = std::sync::Mutex::new(job_rx);
    let (done_tx, done_rx) = mpsc::channel::<Done>();
    let read = std::thread::scope(|scope| -> Result<usize, Error> {
        for _ in 0..jobs {
            let job_rx = &job_rx;
            let done_tx = done_tx.clone();
            let shared = &shared;
            let stop = &stop;
            scope.spawn(move || {
                loop {
                    let job = {
                        let Ok(guard) = job_rx.lock() else { return };
                        match guard.recv() {
                            Ok(job) => job,
                            Err(_) => return,
                        }
                    };
                    // Once the batch stops, the queue is drained so the reader can end.
                    if stop.load(Ordering::Relaxed) {
                        continue;
                    }
                    let done = process(job, shared);
                    if done_tx.send(done).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        // The reader feeds the queue from its own thread so results are collected meanwhile.
        let stop_reader = &stop;
        let mut previous = previous;
        let reader = scope.spawn(move || -> Result<usize, Error> {
            let mut count = 0;
            for (index, row) in rows.enumerate() {
                if stop_reader.load(Ordering::Relaxed) {
                    break;
                }
                let row = match row {
                    Ok(r) => r,
                    Err(e) => {
                        stop_reader.store(true, Ordering::Relaxed);
                        return Err(e);
                    }
                };
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
                    previous: previous.as_mut().and_then(|p| p.line_for(row.ligne)),
                };
                if job_tx.send(job).is_err() {
                    break;
                }
            }
            Ok(count)
        });
        let mut pending: BTreeMap<usize, Done> = BTreeMap::new();
        let mut next = 0;
        for done in done_rx {
            if fatal.is_some() {
                continue;
            }
            pending.insert(done.index, done);
            while let Some(done) = pending.remove(&next) {
                next += 1;
                if let Some(e) = done.fatal {
                    stop.store(true, Ordering::Relaxed);
                    fatal = Some(e);
                    break;
                }
                let line = done.line;
                if done.written {
                    summary.written += 1;
                } else if line.statut == "ok" {
                    summary.kept += 1;
                } else {
                    summary.failed += 1;
                }
                if let Err(e) = report.push(&line) {
                    stop.store(true, Ordering::Relaxed);
                    fatal = Some(e);
                    break;
                }
                if let (Some((_, a)), "ok") = (assembler.as_mut(), line.statut) {
                    let path = opts.output.join(&line.fichier);
                    let added = std::fs::read(&path)
                        .map_err(|e| Error::io("impossible de relire", &path, e))
                        .and_then(|pdf| {
                            a.add(&pdf).map_err(|e| {
                                Error::Internal(format!("assemblage de {} : {e}", line.fichier))
                            })
                        });
                    if let Err(e) = added {
                        stop.store(true, Ordering::Relaxed);
                        fatal = Some(e);
                        break;
                    }
                }
                if let Some(p) = &progress {
                    p.inc(1);
                }
            }
        }
        reader
            .join()
            .map_err(|_| Error::Internal("le lecteur du lot s'est arrêté".into()))?
    });
    if let Some(p) = progress {
        p.finish_and_clear();
    }
    let report_path = report.finish();
    if let Some(e) = fatal {
        return Err(e);
    }
    summary.rows = read?;
    summary.report = report_path?;
    // The earlier report `--reprendre` read: everything it said is in the new one now.
    let _ = std::fs::remove_file(opts.output.join(".rapport-precedent.csv"));
    if let Some((path, assembler)) = assembler.take() {
        if assembler.letters() == 0 {
            return Err(Error::Input {
                message: "aucune lettre à assembler : toutes les lignes sont en erreur".into(),
                conseil: None,
            });
        }
        let metadata = crate::letter::Metadata {
            title: format!("Lot de {} lettres", assembler.letters()),
            author: "recours".into(),
            subject: format!("Lettres produites depuis {}", opts.input.display()),
            created: clock.pdf_timestamp(opts.date.unwrap_or(today)),
        };
        let out = assembler
            .finish(&metadata)
            .map_err(|e| pdf_write_error(path, e))?;
        out.commit()
            .map_err(|e| Error::output("impossible d'écrire", path, e))?;
        summary.assembled = Some(path.clone());
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// True for a table, by its extension: a file `recours lot` reads (`.csv`, `.jsonl`), or a
/// workbook it explains how to save as CSV (`.xlsx`, `.ods`…).
pub fn is_table(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        [
            "csv", "jsonl", "ndjson", "xlsx", "xls", "xlsm", "ods", "numbers",
        ]
        .contains(&e.to_ascii_lowercase().as_str())
    })
}

/// What a dry run found.
#[derive(Debug, Default)]
pub struct Check {
    /// Rows read.
    pub rows: usize,
    /// Rows that would fail.
    pub failed: usize,
}

/// `recours verifie` on a table: every row checked as `lot` would (validation, routing,
/// deadlines), one line per row given to `say`, nothing written.
pub fn dry_run(
    input: &Path,
    date: Option<NaiveDate>,
    today: NaiveDate,
    say: &mut dyn FnMut(String),
) -> Result<Check, Error> {
    let rows = input::open(input)?;
    let format = if rows.is_csv() {
        RowFormat::Csv
    } else {
        RowFormat::Jsonl
    };
    for w in &rows.warnings {
        say(format!("{} : avertissement : {w}", input.display()));
    }
    let ctx = Context {
        offices: Offices::builtin(),
        date_override: date,
        today,
    };
    let file = input.display().to_string();
    let mut check = Check::default();
    for row in rows {
        let row = row?;
        check.rows += 1;
        let name = format!("ligne {}", row.ligne);
        let outcome = row
            .value
            .map_err(|why| format!("{name} : {why}"))
            .and_then(|value| {
                case::from_json_value(value, &name, ctx).map_err(|e| {
                    e.problems
                        .iter()
                        .map(|p| row_problem(p, &e.fichier, format))
                        .collect::<Vec<_>>()
                        .join(" ; ")
                })
            })
            .and_then(|case| Plan::new(case, ctx.offices).map_err(|e| one_line(&name, &e)));
        match outcome {
            Ok(plan) => {
                say(format!(
                    "{file}, {name} : valide ({}, destinataire {})",
                    plan.case.recours.label(),
                    plan.route.destinataire.id
                ));
                for w in plan.warnings() {
                    say(format!("{file}, {name} : avertissement : {w}"));
                }
            }
            Err(why) => {
                check.failed += 1;
                say(format!("{file}, {why}"));
            }
        }
    }
    Ok(check)
}

/// Where `--assemble` writes: a file (through a temporary name), a device, or standard
/// output for `-`.
#[derive(Debug)]
enum AssemblyOut {
    File(crate::output::Sink),
    Stdout(std::io::BufWriter<std::io::Stdout>),
}

impl AssemblyOut {
    fn open(path: &Path) -> Result<AssemblyOut, Error> {
        if path.as_os_str() == "-" {
            return Ok(AssemblyOut::Stdout(std::io::BufWriter::new(
                std::io::stdout(),
            )));
        }
        crate::output::Sink::create(path)
            .map(AssemblyOut::File)
            .map_err(|e| Error::output("impossible d'écrire", path, e))
    }

    fn commit(self) -> std::io::Result<()> {
        match self {
            AssemblyOut::File(sink) => sink.commit(),
            AssemblyOut::Stdout(mut out) => out.flush(),
        }
    }
}

impl Write for AssemblyOut {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            AssemblyOut::File(f) => f.write(buf),
            AssemblyOut::Stdout(o) => o.write(buf),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            AssemblyOut::File(f) => f.flush(),
            AssemblyOut::Stdout(o) => o.flush(),
        }
    }
}

fn pdf_write_error(path: &Path, e: crate::pdf::PdfError) -> Error {
    match e {
        crate::pdf::PdfError::Write(io) => Error::io("impossible d'écrire", path, io),
        other => Error::Internal(format!("assemblage du PDF : {other}")),
    }
}

/// Refuses outputs that would destroy an input or each other (issue 14, item 5): the
/// assembled file onto the table or onto the report, the report onto the table. The
/// assembled file's name, when it lies in the output folder, is kept from the letters.
fn check_outputs(opts: &Options, namer: &mut names::Namer) -> Result<(), Error> {
    use crate::output::same_file;
    let report = opts.output.join("rapport.csv");
    let clash = |what: &str, a: &Path, b: &Path| {
        Error::usage(
            format!(
                "{what} « {} » est aussi « {} » : il serait écrasé",
                a.display(),
                b.display()
            ),
            "choisissez un autre nom de fichier ou un autre dossier de sortie",
        )
    };
    if same_file(&opts.input, &report) {
        return Err(clash("le tableau", &opts.input, &report));
    }
    if let Some((assembled, _)) = &opts.assemble
        && assembled.as_os_str() != "-"
    {
        if same_file(assembled, &opts.input) {
            return Err(clash("le fichier assemblé", assembled, &opts.input));
        }
        if same_file(assembled, &report) {
            return Err(clash("le fichier assemblé", assembled, &report));
        }
        if let (Some(name), Some(parent)) = (assembled.file_name(), assembled.parent()) {
            let parent = if parent.as_os_str().is_empty() {
                Path::new(".")
            } else {
                parent
            };
            if same_file(parent, &opts.output) || same_file(&opts.output.join(name), assembled) {
                namer.reserve(&name.to_string_lossy());
            }
        }
    }
    Ok(())
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
}

fn process(job: Job, shared: &Shared<'_>) -> Done {
    let Shared {
        renderer,
        ctx,
        dir,
        format,
    } = *shared;
    let name = format!("ligne {}", job.ligne);
    let mut line = report::Line {
        ligne: job.ligne,
        statut: "erreur",
        ..Default::default()
    };
    let done = |line: report::Line, written: bool| Done {
        index: job.index,
        line,
        written,
        fatal: None,
    };
    let fail = |mut line: report::Line, message: String| {
        line.message = message;
        done(line, false)
    };
    let value = match job.value {
        Ok(v) => v,
        Err(why) => return fail(line, format!("{name} : {why}")),
    };
    line.empreinte = resume::fingerprint(&value, ctx.date_override, ctx.today);
    line.nom = person(&value);
    // --reprendre: an unchanged row whose letter is complete is kept, with its warnings.
    if let Some(prev) = job.previous
        && prev.statut == "ok"
        && prev.empreinte == line.empreinte
        && prev.fichier == job.fichier
        && resume::pdf_complete(&dir.join(&prev.fichier))
    {
        return done(
            report::Line {
                lettre: "déjà à jour".into(),
                ..prev
            },
            false,
        );
    }
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
    line.destinataire_nom = plan.route.destinataire.nom.clone();
    line.adresse_statut = plan.route.destinataire.adresse_statut.as_str().to_string();
    line.date_limite = key_deadline(&plan);
    let rendered = match renderer.render(&plan) {
        Ok(r) => r,
        // A template over its budget would be over it for every row: stop at once.
        Err(e @ Error::Compose(crate::compose::ComposeError::Budget { .. })) => {
            return Done {
                index: job.index,
                line,
                written: false,
                fatal: Some(e),
            };
        }
        Err(e) => return fail(line, one_line(&name, &e)),
    };
    let path = dir.join(&job.fichier);
    if let Err(e) = crate::output::write_atomic(&path, &rendered.pdf) {
        // The disk, not the row: every row after would fail the same way (issue 14, item 10).
        return Done {
            index: job.index,
            line,
            written: false,
            fatal: Some(Error::io("impossible d'écrire la lettre", &path, e)),
        };
    }
    line.statut = "ok";
    line.fichier = job.fichier;
    line.lettre = "écrite".into();
    line.message = plan.warnings().join(" | ");
    done(line, true)
}

/// « Camille Martin », from a row.
fn person(v: &serde_json::Value) -> String {
    let s = |p: &str| {
        v.pointer(p)
            .and_then(serde_json::Value::as_str)
            .unwrap_or("")
    };
    format!("{} {}", s("/demandeur/prenom"), s("/demandeur/nom"))
        .trim()
        .to_string()
}

/// A problem of a row, on one line. The case-file advice for a missing key is a TOML line
/// (« ajoutez motif = … dans la table [decision] »); a row's fix is a cell to fill.
fn row_problem(p: &Problem, name: &str, format: RowFormat) -> String {
    let (Some(cle), true) = (&p.cle, p.manque) else {
        return p.one_line(name);
    };
    // A missing table (`demandeur`) is no column of its own: name the columns under it.
    let under: Vec<&str> = COLUMNS
        .iter()
        .map(|(c, _)| *c)
        .filter(|c| {
            c.strip_prefix(cle.as_str())
                .is_some_and(|r| r.starts_with('.'))
        })
        .collect();
    let conseil = match format {
        RowFormat::Csv if !under.is_empty() && !COLUMNS.iter().any(|(c, _)| c == cle) => format!(
            "remplissez pour cette ligne les colonnes « {cle}.… » ({}…) ; ajoutez-les à \
             l'en-tête si le tableau ne les a pas",
            under.iter().take(3).copied().collect::<Vec<_>>().join(", ")
        ),
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
/// or, for the Défenseur des droits and the two requests (reasons, file), the court deadline
/// they do not stop (a request for reasons must also be sent by then to extend it).
fn key_deadline(plan: &Plan) -> String {
    let d = &plan.deadlines;
    let date = match plan.case.recours {
        LetterKind::Gracieux | LetterKind::Hierarchique => {
            d.recours_administratif.as_ref().or(d.tribunal.as_ref())
        }
        // Neither request interrupts the délai: the court limit is the one to keep (for
        // `motifs`, the letter must also be sent by then to extend it).
        LetterKind::Defenseur
        | LetterKind::Motifs
        | LetterKind::Communication
        | LetterKind::Requete => d.tribunal.as_ref(),
        LetterKind::Signalement => None,
    };
    date.map(|d| crate::deadlines::model::iso(d.date))
        .unwrap_or_default()
}

/// Refuses to mix with an earlier batch unless told, removes the temporary files an
/// interrupted run left, and, for `--reprendre`, sets the earlier report aside to read it.
fn prepare_output(dir: &Path, existing: Existing) -> Result<Option<report::Previous>, Error> {
    let report = dir.join("rapport.csv");
    if existing == Existing::Refuse && report.exists() {
        return Err(Error::usage(
            format!(
                "le dossier « {} » contient déjà un lot (rapport.csv)",
                dir.display()
            ),
            "ajoutez --reprendre pour ne refaire que les lettres manquantes ou dont la ligne a changé, ou --force pour tout refaire",
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
    if existing != Existing::Resume || !report.exists() {
        return Ok(None);
    }
    let kept = dir.join(".rapport-precedent.csv");
    std::fs::rename(&report, &kept).map_err(|e| Error::io("impossible de renommer", &report, e))?;
    report::Previous::open(&kept).map(Some)
}

fn progress_bar(rows: Option<u64>) -> indicatif::ProgressBar {
    let (bar, template) = match rows {
        Some(n) => (
            indicatif::ProgressBar::new(n),
            "{bar:30} {pos}/{len} lignes ({per_sec}, reste {eta}) {elapsed}",
        ),
        None => (
            indicatif::ProgressBar::new_spinner(),
            "{spinner} {pos} lignes ({per_sec}) {elapsed}",
        ),
    };
    bar.set_style(
        indicatif::ProgressStyle::with_template(template)
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(200));
    bar
}

/// The summary printed on standard error at the end.
pub fn print_summary(s: &Summary, err: &mut dyn Write) {
    for w in &s.warnings {
        let _ = writeln!(err, "avertissement : {}", crate::shown::terminal(w));
    }
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
    if let Some(e) = s.encoding {
        let _ = writeln!(err, "encodage du tableau : {}", e.label());
    }
    let _ = writeln!(err, "rapport : {}", s.report.display());
    if let Some(a) = &s.assembled {
        let _ = writeln!(err, "lettres assemblées : {}", a.display());
    }
}
