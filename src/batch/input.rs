//! Reading a batch: a `.csv` (as LibreOffice or Excel export it: UTF-8 with or without BOM,
//! `,` or `;` between cells) or a `.jsonl` (one case object per line), one row at a time.
//!
//! Rows are read lazily, so memory stays flat whatever the file's size. A row that cannot be
//! read (a bad cell, a broken JSON line) is returned as an error for that row only; a header
//! that cannot be used stops the batch before anything is written.

use std::fs::File;
use std::io::{BufRead, BufReader, Read};
use std::path::Path;

use serde_json::{Map, Value};

use super::columns::{self, Kind, LIST_SEPARATOR};
use super::csv_scan::{Record, ScanError, Scanner};
use crate::error::Error;

/// Longest line of a `.jsonl` file, or record of a `.csv`: a case is a few kilobytes.
pub const MAX_ROW_BYTES: usize = 256 * 1024;

/// One input row: its line number in the file and its case value (or why it has none).
#[derive(Debug)]
pub struct Row {
    /// 1-based physical line of the file where the row starts (the header is line 1 of a
    /// CSV), whatever the line endings.
    pub ligne: u64,
    /// The row as a case-file structure, or the French reason it cannot be read.
    pub value: Result<Value, String>,
    /// The surname, when readable, for the output file name.
    pub nom: Option<String>,
}

/// The text encoding a CSV was read in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    Utf8,
    /// Windows-1252: what Excel writes as « CSV » on a French Windows.
    Windows1252,
}

impl Encoding {
    /// The name shown in the summary.
    pub fn label(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1252 => "Windows-1252",
        }
    }

    fn decode(self, bytes: &[u8]) -> Option<String> {
        match self {
            Encoding::Utf8 => std::str::from_utf8(bytes).ok().map(str::to_string),
            Encoding::Windows1252 => Some(
                encoding_rs::WINDOWS_1252
                    .decode_without_bom_handling(bytes)
                    .0
                    .into_owned(),
            ),
        }
    }
}

/// A batch file being read.
pub struct Rows {
    kind: RowsKind,
    /// The separator the file uses; the report uses it too.
    pub delimiter: u8,
    /// The encoding the file was read in.
    pub encoding: Encoding,
    /// Rows the file holds (blank lines excepted), counted before the batch starts.
    pub count: Option<u64>,
    /// Said once before the rows: ignored columns.
    pub warnings: Vec<String>,
}

enum RowsKind {
    Csv {
        scanner: Scanner<BufReader<File>>,
        /// The column of each cell; `None` for a column that is ignored.
        headers: Vec<Option<String>>,
    },
    Jsonl {
        reader: BufReader<File>,
        ligne: u64,
        path: std::path::PathBuf,
    },
}

impl std::fmt::Debug for Rows {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.kind {
            RowsKind::Csv { .. } => "Rows::Csv",
            RowsKind::Jsonl { .. } => "Rows::Jsonl",
        })
    }
}

impl Rows {
    /// True for a CSV file.
    pub fn is_csv(&self) -> bool {
        matches!(self.kind, RowsKind::Csv { .. })
    }
}

/// A table that is not there is the user's path to fix (exit 2, as `lettre` says of a missing
/// case file); any other failure to read it is the system's (exit 1).
fn missing_or_io(path: &Path, e: std::io::Error) -> Error {
    if e.kind() == std::io::ErrorKind::NotFound {
        return Error::usage(
            format!(
                "impossible de lire « {} » : fichier introuvable",
                path.display()
            ),
            "vérifiez le chemin du tableau (.csv ou .jsonl)",
        );
    }
    Error::io("impossible de lire", path, e)
}

/// Opens a batch file by its extension, checking a CSV's header, quotes and encoding before
/// any row is read.
pub fn open(path: &Path) -> Result<Rows, Error> {
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let meta = std::fs::metadata(path).map_err(|e| missing_or_io(path, e))?;
    if meta.is_dir() {
        return Err(Error::usage(
            format!("« {} » est un dossier, pas un tableau", path.display()),
            "donnez un fichier .csv ou .jsonl",
        ));
    }
    let open = || File::open(path).map_err(|e| Error::io("impossible de lire", path, e));
    match ext.as_deref() {
        Some("csv") => open_csv(path, open()?),
        Some("jsonl") | Some("ndjson") => Ok(Rows {
            kind: RowsKind::Jsonl {
                reader: BufReader::new(open()?),
                ligne: 0,
                path: path.to_path_buf(),
            },
            delimiter: b',',
            encoding: Encoding::Utf8,
            count: None,
            warnings: Vec::new(),
        }),
        Some("xlsx" | "xls" | "ods" | "xlsm" | "numbers") => Err(Error::usage(
            format!("« {} » est un classeur, pas un tableau CSV", path.display()),
            "enregistrez-le en CSV (LibreOffice : Fichier > Enregistrer sous > Texte CSV ; \
             Excel : Enregistrer sous > CSV UTF-8) et donnez le fichier .csv",
        )),
        _ => Err(Error::usage(
            format!("« {} » : format de lot inconnu", path.display()),
            "donnez un fichier .csv (une ligne par dossier) ou .jsonl (un objet JSON par ligne)",
        )),
    }
}

fn open_csv(path: &Path, file: File) -> Result<Rows, Error> {
    let delimiter = sniff_delimiter(path)?;
    // A first pass over the whole file: a quote left open, or a file that is not UTF-8, is
    // known before anything is written, and said once rather than on every row.
    let mut scan = Scanner::new(
        BufReader::new(
            file.try_clone()
                .map_err(|e| Error::io("impossible de lire", path, e))?,
        ),
        delimiter,
        MAX_ROW_BYTES,
    );
    let mut utf8 = true;
    let mut count: u64 = 0;
    while let Some(record) = scan.next_record().map_err(|e| scan_error(path, e))? {
        if is_blank(&record) {
            continue;
        }
        count += 1;
        utf8 = utf8 && record.fields.iter().all(|f| std::str::from_utf8(f).is_ok());
    }
    drop(scan);
    let encoding = if utf8 {
        Encoding::Utf8
    } else {
        Encoding::Windows1252
    };
    let mut file = file;
    std::io::Seek::rewind(&mut file).map_err(|e| Error::io("impossible de lire", path, e))?;
    let mut scanner = Scanner::new(BufReader::new(file), delimiter, MAX_ROW_BYTES);
    let header = match scanner.next_record().map_err(|e| scan_error(path, e))? {
        None => Vec::new(),
        Some(r) if r.too_long => return Err(header_error(path, "ligne trop longue")),
        Some(r) => r.fields,
    };
    let headers: Vec<String> = header
        .iter()
        .map(|h| {
            encoding
                .decode(h)
                .unwrap_or_default()
                .trim()
                .trim_start_matches('\u{feff}')
                .to_string()
        })
        .collect();
    let (headers, warnings) = check_headers(path, &headers, delimiter)?;
    let mut warnings = warnings;
    if encoding == Encoding::Windows1252 {
        warnings.push(format!(
            "« {} » n'est pas en UTF-8 : lu comme Windows-1252 (l'encodage d'Excel) ; \
             vérifiez les accents des premières lettres",
            path.display()
        ));
    }
    Ok(Rows {
        kind: RowsKind::Csv { scanner, headers },
        delimiter,
        encoding,
        count: Some(count.saturating_sub(1)),
        warnings,
    })
}

fn is_blank(r: &Record) -> bool {
    !r.too_long
        && r.fields
            .iter()
            .all(|c| c.iter().all(u8::is_ascii_whitespace))
}

fn scan_error(path: &Path, e: ScanError) -> Error {
    match e {
        ScanError::Io(e) => Error::io("impossible de lire", path, e),
        ScanError::UnclosedQuote { line } => Error::usage(
            format!(
                "« {} » : le guillemet ouvert ligne {line} n'est jamais fermé ; toutes les \
                 lignes suivantes seraient lues comme une seule cellule",
                path.display()
            ),
            format!(
                "fermez le guillemet de la ligne {line} (ou retirez-le) ; une cellule qui \
                 contient un guillemet s'écrit entre guillemets, le guillemet doublé : \
                 \"12 rue \"\"Les Lilas\"\"\""
            ),
        ),
    }
}

fn header_error(path: &Path, why: &str) -> Error {
    Error::usage(
        format!("« {} » : en-tête illisible ({why})", path.display()),
        "la première ligne doit nommer les colonnes",
    )
}

/// `,` or `;`, whichever splits the header line into more cells.
fn sniff_delimiter(path: &Path) -> Result<u8, Error> {
    let file = File::open(path).map_err(|e| Error::io("impossible de lire", path, e))?;
    let mut reader = BufReader::new(file.take(MAX_ROW_BYTES as u64));
    let mut bytes = Vec::new();
    reader
        .read_until(b'\n', &mut bytes)
        .map_err(|e| Error::io("impossible de lire", path, e))?;
    let first = bytes.split(|&b| b == b'\r').next().unwrap_or_default();
    let count = |c: u8| first.iter().filter(|&&x| x == c).count();
    Ok(if count(b';') > count(b',') {
        b';'
    } else {
        b','
    })
}

/// The columns in use (`None` for one ignored), and a warning per ignored column.
type Headers = (Vec<Option<String>>, Vec<String>);

fn check_headers(path: &Path, headers: &[String], delimiter: u8) -> Result<Headers, Error> {
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
    let mut used = Vec::new();
    let mut warnings = Vec::new();
    for h in headers {
        if h.is_empty() {
            used.push(None);
            continue;
        }
        if columns::kind(h).is_none() {
            let unknown = |conseil: String| {
                Error::usage(
                    format!(
                        "« {} » : colonne inconnue « {} »",
                        path.display(),
                        crate::shown::shown(h)
                    ),
                    conseil,
                )
            };
            if h.contains('\t') || (h.contains(',') && delimiter == b';') || h.contains(';') {
                return Err(unknown(
                    "les colonnes doivent être séparées par des virgules ou des points-virgules"
                        .to_string(),
                ));
            }
            if let Some(key) = columns::near_miss(h) {
                let accents = if h.is_ascii() {
                    String::new()
                } else {
                    "les clés s'écrivent sans accents ; ".to_string()
                };
                return Err(unknown(format!("{accents}vouliez-vous dire « {key} » ?")));
            }
            warnings.push(format!(
                "colonne « {} » ignorée : ce n'est pas une clé du dossier (voir recours modele --csv)",
                crate::shown::shown(h)
            ));
            used.push(None);
            continue;
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
        used.push(Some(h.clone()));
    }
    Ok((used, warnings))
}

impl Iterator for Rows {
    type Item = Result<Row, Error>;

    fn next(&mut self) -> Option<Result<Row, Error>> {
        let encoding = self.encoding;
        match &mut self.kind {
            RowsKind::Csv { scanner, headers } => loop {
                match scanner.next_record() {
                    Ok(None) => return None,
                    Ok(Some(record)) => {
                        if is_blank(&record) {
                            continue; // a blank line between rows
                        }
                        return Some(Ok(csv_row(&record, headers, encoding)));
                    }
                    // The first pass read the whole file: only the disk can fail here.
                    Err(ScanError::Io(e)) => {
                        return Some(Err(Error::io(
                            "impossible de lire",
                            Path::new("le tableau"),
                            e,
                        )));
                    }
                    Err(ScanError::UnclosedQuote { line }) => {
                        return Some(Err(Error::Internal(format!(
                            "guillemet non fermé ligne {line} vu au second passage"
                        ))));
                    }
                }
            },
            RowsKind::Jsonl {
                reader,
                ligne,
                path,
            } => loop {
                let mut bytes = Vec::new();
                let read = reader
                    .by_ref()
                    .take(MAX_ROW_BYTES as u64 + 1)
                    .read_until(b'\n', &mut bytes);
                match read {
                    Ok(0) => return None,
                    Ok(_) => {}
                    // Any read error that is not one line's encoding ends the batch: reading on
                    // would fail the same way forever (issue 14, item 2).
                    Err(e) => return Some(Err(Error::io("impossible de lire", path, e))),
                }
                *ligne += 1;
                let n = *ligne;
                if bytes.len() > MAX_ROW_BYTES && !bytes.ends_with(b"\n") {
                    // Skip the rest of the line without holding it.
                    if let Err(e) = skip_line(reader) {
                        return Some(Err(Error::io("impossible de lire", path, e)));
                    }
                    return Some(Ok(Row {
                        ligne: n,
                        value: Err(format!(
                            "ligne trop longue (plus de {MAX_ROW_BYTES} octets)"
                        )),
                        nom: None,
                    }));
                }
                let Ok(line) = std::str::from_utf8(&bytes) else {
                    return Some(Ok(Row {
                        ligne: n,
                        value: Err(
                            "ligne qui n'est pas en UTF-8 (enregistrez le fichier en UTF-8)".into(),
                        ),
                        nom: None,
                    }));
                };
                let trimmed = line.trim().trim_start_matches('\u{feff}');
                if trimmed.is_empty() {
                    continue;
                }
                let value = jsonl_value(trimmed);
                let nom = value
                    .as_ref()
                    .ok()
                    .and_then(|v| v.pointer("/demandeur/nom"))
                    .and_then(Value::as_str)
                    .map(str::to_string);
                return Some(Ok(Row {
                    ligne: n,
                    value,
                    nom,
                }));
            },
        }
    }
}

/// A JSON line to a value, or the French reason it is not one. A key given twice is
/// refused: a JSON value keeps only the last, so one of the two would be lost unseen.
fn jsonl_value(line: &str) -> Result<Value, String> {
    let value: Value = serde_json::from_str(line).map_err(|e| {
        format!(
            "JSON invalide à la colonne {} : vérifiez les guillemets, virgules et accolades",
            e.column()
        )
    })?;
    serde_json::from_str::<NoDuplicate>(line).map_err(|e| {
        let m = e.to_string();
        m.split(" at line ").next().unwrap_or(&m).to_string()
    })?;
    Ok(value)
}

/// Walks a JSON text and fails on the first object that repeats a key.
struct NoDuplicate;

impl<'de> serde::Deserialize<'de> for NoDuplicate {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(NoDuplicateVisitor)
    }
}

struct NoDuplicateVisitor;

impl<'de> serde::de::Visitor<'de> for NoDuplicateVisitor {
    type Value = NoDuplicate;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("une valeur JSON")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<NoDuplicate, A::Error> {
        let mut seen = std::collections::HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(serde::de::Error::custom(format!(
                    "la clé « {} » apparaît deux fois dans le même objet ; gardez-en une seule",
                    crate::shown::shown(&key)
                )));
            }
            map.next_value::<NoDuplicate>()?;
        }
        Ok(NoDuplicate)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<NoDuplicate, A::Error> {
        while seq.next_element::<NoDuplicate>()?.is_some() {}
        Ok(NoDuplicate)
    }

    fn visit_bool<E>(self, _: bool) -> Result<NoDuplicate, E> {
        Ok(NoDuplicate)
    }
    fn visit_i64<E>(self, _: i64) -> Result<NoDuplicate, E> {
        Ok(NoDuplicate)
    }
    fn visit_u64<E>(self, _: u64) -> Result<NoDuplicate, E> {
        Ok(NoDuplicate)
    }
    fn visit_f64<E>(self, _: f64) -> Result<NoDuplicate, E> {
        Ok(NoDuplicate)
    }
    fn visit_str<E>(self, _: &str) -> Result<NoDuplicate, E> {
        Ok(NoDuplicate)
    }
    fn visit_unit<E>(self) -> Result<NoDuplicate, E> {
        Ok(NoDuplicate)
    }
}

fn skip_line(reader: &mut BufReader<File>) -> std::io::Result<()> {
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(());
        }
        if let Some(i) = buf.iter().position(|&b| b == b'\n') {
            reader.consume(i + 1);
            return Ok(());
        }
        let n = buf.len();
        reader.consume(n);
    }
}

/// A CSV record to a case value: dotted columns become nested tables; empty cells are absent.
fn csv_row(record: &Record, headers: &[Option<String>], encoding: Encoding) -> Row {
    let mut root = Map::new();
    let mut nom = None;
    let ligne = record.first_line;
    let fail = |why: String| Row {
        ligne,
        value: Err(why),
        nom: None,
    };
    let span = if record.last_line > record.first_line {
        format!(
            " (cette ligne du tableau va de la ligne {} à la ligne {} du fichier : un guillemet \
             ouvert n'est-il pas fermé ?)",
            record.first_line, record.last_line
        )
    } else {
        String::new()
    };
    if record.too_long {
        return fail(format!(
            "ligne trop longue ({MAX_ROW_BYTES} octets au plus){span}"
        ));
    }
    if let Some(swallowed) = swallowed_lines(record, headers.len()) {
        return fail(swallowed);
    }
    if record.fields.len() > headers.len() {
        return fail(format!(
            "{} cellules pour {} colonnes : vérifiez le séparateur et les guillemets{span}",
            record.fields.len(),
            headers.len()
        ));
    }
    for (header, cell) in headers.iter().zip(&record.fields) {
        let Some(header) = header else { continue };
        let Some(cell) = encoding.decode(cell) else {
            return fail(format!(
                "colonne {header} : texte qui n'est pas en UTF-8 (enregistrez le fichier en « CSV UTF-8 »)"
            ));
        };
        let cell = cell.trim();
        if cell.is_empty() {
            continue;
        }
        let kind = columns::kind(header).unwrap_or(Kind::Text);
        let value = match kind {
            Kind::Text => Value::String(cell.replace('\n', " ")),
            Kind::Date => Value::String(columns::spreadsheet_date(cell)),
            Kind::List => Value::Array(
                cell.split([LIST_SEPARATOR, '\n'])
                    .map(str::trim)
                    .filter(|s| !s.is_empty())
                    .map(|s| Value::String(s.to_string()))
                    .collect(),
            ),
            Kind::Bool => match columns::parse_bool(cell) {
                Some(b) => Value::Bool(b),
                None => {
                    return fail(format!(
                        "colonne {header} : « {} » n'est ni oui ni non",
                        crate::shown::shown(cell)
                    ));
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

/// A cell whose line breaks are followed by what looks like rows of the table (half as many
/// separators as columns): a quote opened on the first line and closed only lines later took
/// those rows into one cell. Said with every line it took, so none vanishes unseen.
fn swallowed_lines(record: &Record, columns: usize) -> Option<String> {
    if record.last_line == record.first_line {
        return None;
    }
    let looks_like_rows = record.fields.iter().any(|cell| {
        cell.split(|&b| b == b'\n').skip(1).any(|line| {
            let separators = line.iter().filter(|&&b| b == b',' || b == b';').count();
            separators >= (columns / 2).max(2)
        })
    });
    looks_like_rows.then(|| {
        format!(
            "les lignes {} à {} du fichier ont été lues comme une seule ligne du tableau : un \
             guillemet ouvert ligne {} n'est fermé que ligne {} ; corrigez les guillemets et \
             relancez ces lignes",
            record.first_line, record.last_line, record.first_line, record.last_line
        )
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_jsonl_row_with_a_key_twice_is_refused() {
        let e = jsonl_value(r#"{"demandeur": {"nom": "A", "nom": "B"}}"#).unwrap_err();
        assert!(e.contains("la clé « nom » apparaît deux fois"), "{e}");
        assert!(
            jsonl_value(r#"{"a": {"nom": "A"}, "b": {"nom": "B"}, "l": [1, {"x": null}]}"#).is_ok()
        );
    }
}
