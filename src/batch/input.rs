//! Reading a batch: a `.csv` (as LibreOffice or Excel export it: UTF-8 with or without BOM,
//! `,` or `;` between cells) or a `.jsonl` (one case object per line), one row at a time.
//!
//! Rows are read lazily, so memory stays flat whatever the file's size. A row that cannot be
//! read (a bad cell, a broken JSON line) is returned as an error for that row only; a header
//! that cannot be used stops the batch before anything is written.

use std::fs::File;
use std::io::{BufRead, BufReader};
use std::path::Path;

use serde_json::{Map, Value};

use super::columns::{self, Kind, LIST_SEPARATOR};
use crate::error::Error;
use crate::suggest;

/// Longest line of a `.jsonl` file, or record of a `.csv`: a case is a few kilobytes.
pub const MAX_ROW_BYTES: usize = 256 * 1024;

/// One input row: its line number in the file and its case value (or why it has none).
#[derive(Debug)]
pub struct Row {
    /// 1-based line of the file where the row starts (the header is line 1 of a CSV).
    pub ligne: u64,
    /// The row as a case-file structure, or the French reason it cannot be read.
    pub value: Result<Value, String>,
    /// The surname, when readable, for the output file name.
    pub nom: Option<String>,
}

/// A batch file being read.
pub enum Rows {
    /// CSV records.
    Csv {
        reader: csv::Reader<File>,
        headers: Vec<String>,
        /// The separator the file uses; the report uses it too.
        delimiter: u8,
    },
    /// JSON lines.
    Jsonl {
        lines: std::io::Lines<BufReader<File>>,
        ligne: u64,
    },
}

impl std::fmt::Debug for Rows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Rows::Csv { .. } => "Rows::Csv",
            Rows::Jsonl { .. } => "Rows::Jsonl",
        })
    }
}

/// Opens a batch file by its extension, checking a CSV header.
pub fn open(path: &Path) -> Result<Rows, Error> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let open = || File::open(path).map_err(|e| Error::io("impossible de lire", path, e));
    match ext.as_deref() {
        Some("csv") => {
            let delimiter = sniff_delimiter(path)?;
            let mut reader = csv::ReaderBuilder::new()
                .delimiter(delimiter)
                .flexible(true)
                .has_headers(true)
                .from_reader(open()?);
            let raw = reader
                .byte_headers()
                .map_err(|e| header_error(path, &e.to_string()))?
                .clone();
            let mut headers = Vec::new();
            for (i, h) in raw.iter().enumerate() {
                let h = std::str::from_utf8(h).map_err(|_| not_utf8(path))?;
                let h = if i == 0 {
                    h.trim_start_matches('\u{feff}')
                } else {
                    h
                };
                headers.push(h.trim().to_string());
            }
            check_headers(path, &headers, delimiter)?;
            Ok(Rows::Csv {
                reader,
                headers,
                delimiter,
            })
        }
        Some("jsonl") | Some("ndjson") => Ok(Rows::Jsonl {
            lines: BufReader::new(open()?).lines(),
            ligne: 0,
        }),
        _ => Err(Error::usage(
            format!("« {} » : format de lot inconnu", path.display()),
            "donnez un fichier .csv (une ligne par dossier) ou .jsonl (un objet JSON par ligne)",
        )),
    }
}

fn not_utf8(path: &Path) -> Error {
    Error::usage(
        format!("« {} » n'est pas en UTF-8", path.display()),
        "enregistrez le fichier en « CSV UTF-8 » (Excel) ou avec le jeu de caractères Unicode (UTF-8) (LibreOffice)",
    )
}

fn header_error(path: &Path, why: &str) -> Error {
    Error::usage(
        format!("« {} » : en-tête illisible ({why})", path.display()),
        "la première ligne doit nommer les colonnes",
    )
}

/// `,` or `;`, whichever splits the header line into more cells.
fn sniff_delimiter(path: &Path) -> Result<u8, Error> {
    let mut first = String::new();
    let mut reader =
        BufReader::new(File::open(path).map_err(|e| Error::io("impossible de lire", path, e))?);
    let mut bytes = Vec::new();
    reader
        .read_until(b'\n', &mut bytes)
        .map_err(|e| Error::io("impossible de lire", path, e))?;
    first.push_str(&String::from_utf8_lossy(&bytes));
    let count = |c: char| first.chars().filter(|&x| x == c).count();
    Ok(if count(';') > count(',') { b';' } else { b',' })
}

fn check_headers(path: &Path, headers: &[String], delimiter: u8) -> Result<(), Error> {
    if headers.iter().all(String::is_empty) {
        return Err(Error::usage(
            format!(
                "« {} » est vide ou n'a pas de ligne d'en-tête",
                path.display()
            ),
            "la première ligne nomme les colonnes : recours,demandeur.prenom,demandeur.nom,…",
        ));
    }
    let mut seen = std::collections::BTreeSet::new();
    for h in headers {
        if h.is_empty() {
            continue;
        }
        if columns::kind(h).is_none() {
            let known = columns::COLUMNS.iter().map(|(c, _)| *c);
            let hint =
                if h.contains('\t') || (h.contains(',') && delimiter == b';') || h.contains(';') {
                    "les colonnes doivent être séparées par des virgules ou des points-virgules"
                        .to_string()
                } else {
                    suggest::hint(h, known)
                };
            return Err(Error::usage(
                format!("« {} » : colonne inconnue « {h} »", path.display()),
                hint,
            ));
        }
        if !seen.insert(h.as_str()) {
            return Err(Error::usage(
                format!(
                    "« {} » : la colonne « {h} » apparaît deux fois",
                    path.display()
                ),
                "gardez une seule colonne de ce nom",
            ));
        }
    }
    Ok(())
}

impl Iterator for Rows {
    type Item = Row;

    fn next(&mut self) -> Option<Row> {
        match self {
            Rows::Csv {
                reader, headers, ..
            } => {
                let mut record = csv::ByteRecord::new();
                loop {
                    match reader.read_byte_record(&mut record) {
                        Ok(false) => return None,
                        Ok(true) => {
                            let ligne = record.position().map_or(0, |p| p.line());
                            if record.iter().all(|c| c.iter().all(u8::is_ascii_whitespace)) {
                                continue; // a blank line between rows
                            }
                            return Some(csv_row(ligne, headers, &record));
                        }
                        Err(e) => {
                            let ligne = e.position().map_or(0, |p| p.line());
                            return Some(Row {
                                ligne,
                                value: Err(format!("ligne CSV illisible ({e})")),
                                nom: None,
                            });
                        }
                    }
                }
            }
            Rows::Jsonl { lines, ligne } => loop {
                let line = lines.next()?;
                *ligne += 1;
                let n = *ligne;
                let line = match line {
                    Ok(l) => l,
                    Err(_) => {
                        return Some(Row {
                            ligne: n,
                            value: Err("ligne illisible (pas en UTF-8 ?)".into()),
                            nom: None,
                        });
                    }
                };
                let trimmed = line.trim().trim_start_matches('\u{feff}');
                if trimmed.is_empty() {
                    continue;
                }
                if trimmed.len() > MAX_ROW_BYTES {
                    return Some(Row {
                        ligne: n,
                        value: Err(format!(
                            "ligne trop longue ({} octets ; {MAX_ROW_BYTES} au plus)",
                            trimmed.len()
                        )),
                        nom: None,
                    });
                }
                let value: Result<Value, String> = serde_json::from_str(trimmed)
                    .map_err(|e| format!("JSON invalide à la colonne {} : vérifiez les guillemets, virgules et accolades", e.column()));
                let nom = value
                    .as_ref()
                    .ok()
                    .and_then(|v| v.pointer("/demandeur/nom"))
                    .and_then(Value::as_str)
                    .map(str::to_string);
                return Some(Row {
                    ligne: n,
                    value,
                    nom,
                });
            },
        }
    }
}

/// A CSV record to a case value: dotted columns become nested tables; empty cells are absent.
fn csv_row(ligne: u64, headers: &[String], record: &csv::ByteRecord) -> Row {
    let mut root = Map::new();
    let mut nom = None;
    if record.as_slice().len() > MAX_ROW_BYTES {
        return Row {
            ligne,
            value: Err(format!(
                "ligne trop longue ({MAX_ROW_BYTES} octets au plus)"
            )),
            nom,
        };
    }
    if record.len() > headers.len() {
        return Row {
            ligne,
            value: Err(format!(
                "{} cellules pour {} colonnes : vérifiez le séparateur et les guillemets",
                record.len(),
                headers.len()
            )),
            nom,
        };
    }
    for (header, cell) in headers.iter().zip(record.iter()) {
        let Ok(cell) = std::str::from_utf8(cell) else {
            return Row {
                ligne,
                value: Err(format!(
                    "colonne {header} : texte qui n'est pas en UTF-8 (enregistrez le fichier en « CSV UTF-8 »)"
                )),
                nom,
            };
        };
        let cell = cell.trim();
        if cell.is_empty() || header.is_empty() {
            continue;
        }
        let kind = columns::kind(header).unwrap_or(Kind::Text);
        let value = match kind {
            Kind::Text => Value::String(cell.to_string()),
            Kind::List => Value::Array(
                cell.split(LIST_SEPARATOR)
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.to_string()))
                    .collect(),
            ),
            Kind::Bool => match columns::parse_bool(cell) {
                Some(b) => Value::Bool(b),
                None => {
                    return Row {
                        ligne,
                        value: Err(format!("colonne {header} : « {cell} » n'est ni oui ni non")),
                        nom,
                    };
                }
            },
        };
        if header == "demandeur.nom" {
            nom = Some(cell.to_string());
        }
        insert(&mut root, header, value);
    }
    Row {
        ligne,
        value: Ok(Value::Object(root)),
        nom,
    }
}

/// Sets `a.b` = value in nested objects.
fn insert(root: &mut Map<String, Value>, dotted: &str, value: Value) {
    match dotted.split_once('.') {
        None => {
            root.insert(dotted.to_string(), value);
        }
        Some((table, key)) => {
            let entry = root
                .entry(table.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if let Value::Object(m) = entry {
                m.insert(key.to_string(), value);
            }
        }
    }
}
