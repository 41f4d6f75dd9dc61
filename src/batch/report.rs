//! `rapport.csv`: one line per input row, in input order, so an association can see at a
//! glance which letters were written, to whom, with which address status and deadline, and
//! which rows failed and why.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// The report's columns.
pub const HEADER: [&str; 7] = [
    "ligne",
    "statut",
    "fichier",
    "destinataire",
    "adresse_statut",
    "date_limite",
    "message",
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
}

/// Writes the report under a temporary name, renamed when the batch ends.
#[derive(Debug)]
pub struct Report {
    writer: csv::Writer<std::fs::File>,
    tmp: PathBuf,
    path: PathBuf,
}

impl Report {
    /// Starts `dir/rapport.csv`, with `delimiter` (the input's, so a spreadsheet opens it the
    /// same way).
    pub fn create(dir: &Path, delimiter: u8) -> Result<Report, Error> {
        let path = dir.join("rapport.csv");
        let tmp = crate::output::temp_path(&path);
        let file =
            std::fs::File::create(&tmp).map_err(|e| Error::io("impossible de créer", &tmp, e))?;
        let mut writer = csv::WriterBuilder::new()
            .delimiter(delimiter)
            .from_writer(file);
        writer
            .write_record(HEADER)
            .map_err(|e| csv_error(&tmp, e))?;
        Ok(Report { writer, tmp, path })
    }

    /// Adds a line.
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
            ])
            .map_err(|e| csv_error(&self.tmp, e))
    }

    /// Flushes and puts the report in place.
    pub fn finish(mut self) -> Result<PathBuf, Error> {
        self.writer
            .flush()
            .map_err(|e| Error::io("impossible d'écrire", &self.tmp, e))?;
        std::fs::rename(&self.tmp, &self.path)
            .map_err(|e| Error::io("impossible d'écrire", &self.path, e))?;
        Ok(self.path)
    }
}

fn csv_error(path: &Path, e: csv::Error) -> Error {
    Error::io(
        "impossible d'écrire",
        path,
        std::io::Error::other(e.to_string()),
    )
}
