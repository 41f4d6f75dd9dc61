//! `rapport.csv`: one line per input row, in input order, so an association can see at a
//! glance which letters were written, for whom, to whom, with which address status and
//! deadline, and which rows failed and why.
//!
//! The report is written in place as rows finish, each line flushed, so that a batch stopped
//! by `kill -9` or a power cut leaves a readable report of what was done; `--reprendre`
//! reads it back to keep what is still right. It starts with a byte-order mark so that Excel
//! opens it as UTF-8.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// The report's columns. The first seven are the contract's; the others were added after.
pub const HEADER: [&str; 11] = [
    "ligne",
    "statut",
    "fichier",
    "destinataire",
    "adresse_statut",
    "date_limite",
    "message",
    "nom",
    "destinataire_nom",
    "lettre",
    "empreinte",
];

/// One report line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Line {
    /// Row number (line in the input file).
    pub ligne: u64,
    /// `ok` or `erreur`.
    pub statut: &'static str,
    /// The PDF written (or kept), relative to the output folder.
    pub fichier: String,
    /// Addressee id (`cert-toulon`…).
    pub destinataire: String,
    /// `confirmee`, `a-verifier`, `fournie`.
    pub adresse_statut: String,
    /// The date that matters most for this letter (AAAA-MM-JJ).
    pub date_limite: String,
    /// Why the row failed, or the warnings for a written letter.
    pub message: String,
    /// The person the letter is for (« Camille Martin »).
    pub nom: String,
    /// The addressee's name, beside its id.
    pub destinataire_nom: String,
    /// `écrite`, `déjà à jour`, or empty for a failed row.
    pub lettre: String,
    /// A digest of the row's content (and the date it was written for): `--reprendre` keeps
    /// a letter only when it is unchanged.
    pub empreinte: String,
}

/// Writes the report as rows finish.
#[derive(Debug)]
pub struct Report {
    writer: csv::Writer<std::fs::File>,
    path: PathBuf,
}

const BOM: &[u8] = "\u{feff}".as_bytes();

impl Report {
    /// Starts `dir/rapport.csv`, with `delimiter` (the input's, so a spreadsheet opens it the
    /// same way).
    pub fn create(dir: &Path, delimiter: u8) -> Result<Report, Error> {
        let path = dir.join("rapport.csv");
        let mut file =
            std::fs::File::create(&path).map_err(|e| Error::io("impossible de créer", &path, e))?;
        std::io::Write::write_all(&mut file, BOM)
            .map_err(|e| Error::io("impossible d'écrire", &path, e))?;
        let mut writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_writer(file);
        writer
            .write_record(HEADER)
            .and_then(|()| writer.flush().map_err(csv::Error::from))
            .map_err(|e| csv_error(&path, e))?;
        Ok(Report { writer, path })
    }

    /// Adds a line and flushes it to the file.
    pub fn push(&mut self, l: &Line) -> Result<(), Error> {
        let ligne = l.ligne.to_string();
        self.writer
            .write_record([
                ligne.as_str(),
                l.statut,
                &l.fichier,
                &l.destinataire,
                &l.adresse_statut,
                &l.date_limite,
                &l.message,
                &l.nom,
                &l.destinataire_nom,
                &l.lettre,
                &l.empreinte,
            ])
            .map_err(|e| csv_error(&self.path, e))?;
        self.writer
            .flush()
            .map_err(|e| Error::io("impossible d'écrire", &self.path, e))
    }

    /// Flushes the report; returns its path.
    pub fn finish(mut self) -> Result<PathBuf, Error> {
        self.writer
            .flush()
            .map_err(|e| Error::io("impossible d'écrire", &self.path, e))?;
        Ok(self.path)
    }
}

/// An earlier run's report, read line by line in row order for `--reprendre`.
pub struct Previous {
    records: csv::StringRecordsIntoIter<std::fs::File>,
    columns: Vec<String>,
    ahead: Option<Line>,
}

impl std::fmt::Debug for Previous {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Previous")
            .field("columns", &self.columns)
            .finish()
    }
}

impl Previous {
    /// Opens a report written by any version (missing columns read as empty).
    pub fn open(path: &Path) -> Result<Previous, Error> {
        let mut first = Vec::new();
        let file =
            std::fs::File::open(path).map_err(|e| Error::io("impossible de lire", path, e))?;
        std::io::BufRead::read_until(&mut std::io::BufReader::new(&file), b'\n', &mut first)
            .map_err(|e| Error::io("impossible de lire", path, e))?;
        let delimiter = if first.contains(&b';') { b';' } else { b',' };
        let file =
            std::fs::File::open(path).map_err(|e| Error::io("impossible de lire", path, e))?;
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(delimiter)
            .flexible(true)
            .from_reader(file);
        let columns = reader
            .headers()
            .map(|h| {
                h.iter()
                    .map(|c| c.trim_start_matches('\u{feff}').to_string())
                    .collect()
            })
            .unwrap_or_default();
        Ok(Previous {
            records: reader.into_records(),
            columns,
            ahead: None,
        })
    }

    /// The earlier line for row `ligne`, if there was one. Rows must be asked in order.
    pub fn line_for(&mut self, ligne: u64) -> Option<Line> {
        loop {
            if self.ahead.is_none() {
                let record = self.records.next()?.ok()?;
                let get = |name: &str| {
                    self.columns
                        .iter()
                        .position(|c| c == name)
                        .and_then(|i| record.get(i))
                        .unwrap_or_default()
                        .to_string()
                };
                self.ahead = Some(Line {
                    ligne: get("ligne").parse().unwrap_or(0),
                    statut: if get("statut") == "ok" {
                        "ok"
                    } else {
                        "erreur"
                    },
                    fichier: get("fichier"),
                    destinataire: get("destinataire"),
                    adresse_statut: get("adresse_statut"),
                    date_limite: get("date_limite"),
                    message: get("message"),
                    nom: get("nom"),
                    destinataire_nom: get("destinataire_nom"),
                    lettre: get("lettre"),
                    empreinte: get("empreinte"),
                });
            }
            let next = self.ahead.as_ref()?.ligne;
            if next < ligne {
                self.ahead = None;
            } else if next == ligne {
                return self.ahead.take();
            } else {
                return None;
            }
        }
    }
}

fn csv_error(path: &Path, e: csv::Error) -> Error {
    match e.into_kind() {
        csv::ErrorKind::Io(io) => Error::io("impossible d'écrire", path, io),
        other => Error::Internal(format!("rapport {} : {other:?}", path.display())),
    }
}
