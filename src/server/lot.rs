//! Batches through the web page: the uploaded file goes through `recours lot` in a private
//! temporary folder; the PDFs and `rapport.csv` come back as a ZIP held in memory, and the
//! folder is removed as soon as the ZIP is made. A batch started from the page is kept (in
//! memory only) until its ZIP is downloaded or [`KEEP`] has passed.

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use chrono::NaiveDate;

use crate::batch::{self, Existing, Options};
use crate::error::Error;

/// How long a finished batch waits for its download.
pub const KEEP: Duration = Duration::from_secs(15 * 60);
/// Largest batch file accepted.
pub const MAX_LOT_BYTES: usize = 20 * 1024 * 1024;
/// Most rows in a batch sent to the server: its ZIP is held in memory (about 35 Kio a
/// letter); larger batches are for `recours lot`, which writes to a folder.
pub const MAX_LOT_ROWS: usize = 2000;
/// Batches running or waiting for their download at once.
pub const MAX_JOBS: usize = 4;

/// One line of `rapport.csv`, for the page's table.
#[derive(Clone, Debug)]
pub struct Ligne {
    /// Row number.
    pub ligne: String,
    /// `ok` or `erreur`.
    pub statut: String,
    /// The PDF's name.
    pub fichier: String,
    /// Addressee id.
    pub destinataire: String,
    /// Why the row failed, or its warnings.
    pub message: String,
}

/// A finished batch.
#[derive(Debug)]
pub struct Finished {
    /// The ZIP's bytes.
    pub zip: Vec<u8>,
    /// The report's lines.
    pub lignes: Vec<Ligne>,
}

/// A batch started from the page.
#[derive(Debug)]
pub struct Job {
    /// When it started (for the timeout).
    pub started: Instant,
    /// Rows in the input, counted before the run.
    pub total: usize,
    /// Where its PDFs are being written (to show progress).
    pub dossier: PathBuf,
    /// Its outcome, once done.
    pub result: Option<Result<Finished, String>>,
}

/// The batches started from the page, by their unguessable id.
pub type Jobs = Arc<Mutex<HashMap<String, Job>>>;

/// The input's extension, from the uploaded file's name.
pub fn extension(filename: &str) -> Result<&'static str, String> {
    let lower = filename.to_ascii_lowercase();
    if lower.ends_with(".csv") {
        Ok("csv")
    } else if lower.ends_with(".jsonl") {
        Ok("jsonl")
    } else {
        Err(format!(
            "« {filename} » n'est ni un .csv ni un .jsonl : enregistrez le tableau au format \
             CSV (UTF-8)"
        ))
    }
}

/// A private temporary folder holding the input.
pub fn stage(bytes: &[u8], ext: &str) -> Result<(tempfile::TempDir, PathBuf), Error> {
    let dir = tempfile::Builder::new()
        .prefix("recours-lot-")
        .tempdir()
        .map_err(|e| Error::io("impossible de créer", Path::new("le dossier temporaire"), e))?;
    let input = dir.path().join(format!("entree.{ext}"));
    std::fs::write(&input, bytes)
        .map_err(|e| Error::io("impossible d'écrire", Path::new("le lot reçu"), e))?;
    Ok((dir, input))
}

/// Records in a batch file (a CSV's header included) or its non-empty JSON lines.
pub fn count_rows(bytes: &[u8], ext: &str) -> usize {
    let text = String::from_utf8_lossy(bytes);
    if ext == "jsonl" {
        text.lines().filter(|l| !l.trim().is_empty()).count()
    } else {
        csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes())
            .byte_records()
            .count()
    }
}

/// Runs the batch in `dir` (holding `input`), zips its output and returns it; the caller
/// drops `dir`, which removes every file.
pub fn run(dir: &Path, input: &Path, assemble: bool, today: NaiveDate) -> Result<Finished, Error> {
    let output = dir.join("lettres");
    let assembled = dir.join("lettres-assemblees.pdf");
    let opts = Options {
        input: input.to_path_buf(),
        output: output.clone(),
        jobs: 1,
        date: None,
        modeles: None,
        noms: batch::DEFAULT_PATTERN.to_string(),
        existing: Existing::Overwrite,
        assemble: assemble.then(|| (assembled.clone(), false)),
        progress: false,
    };
    batch::run(&opts, today)?;
    let lignes = read_report(&output.join("rapport.csv"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&output)
        .map_err(|e| Error::io("impossible de lire", &output, e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    files.sort();
    if assemble && assembled.exists() {
        files.push(assembled);
    }
    let zip = zip_files(&files).map_err(|e| Error::Internal(format!("ZIP : {e}")))?;
    Ok(Finished { zip, lignes })
}

fn zip_files(files: &[PathBuf]) -> Result<Vec<u8>, Box<dyn std::error::Error>> {
    use zip::write::SimpleFileOptions;
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for f in files {
        let name = f
            .file_name()
            .and_then(|n| n.to_str())
            .ok_or("nom de fichier")?;
        let method = if name.ends_with(".pdf") {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        w.start_file(
            name,
            SimpleFileOptions::default().compression_method(method),
        )?;
        w.write_all(&std::fs::read(f)?)?;
    }
    Ok(w.finish()?.into_inner())
}

fn read_report(path: &Path) -> Vec<Ligne> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let delimiter = if text.lines().next().is_some_and(|l| l.contains(';')) {
        b';'
    } else {
        b','
    };
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(text.trim_start_matches('\u{feff}').as_bytes());
    r.records()
        .filter_map(Result::ok)
        .map(|rec| {
            let get = |i: usize| rec.get(i).unwrap_or("").to_string();
            Ligne {
                ligne: get(0),
                statut: get(1),
                fichier: get(2),
                destinataire: get(3),
                message: get(6),
            }
        })
        .collect()
}

/// Forgets batches whose download never came.
pub fn sweep(jobs: &Jobs) {
    let mut jobs = jobs.lock().unwrap_or_else(|e| e.into_inner());
    jobs.retain(|_, j| j.started.elapsed() < KEEP);
}

/// A new unguessable id (128 random bits), so that users never reach each other's batch.
pub fn new_id() -> String {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).expect("the system's random source works");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
