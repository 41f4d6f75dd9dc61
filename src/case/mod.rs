//! Reading a case file: TOML or JSON, parsed strictly, then validated once into a [`Case`].
//!
//! This is the first stage of the pipeline. Its errors are the ones users meet most, so each
//! names the file, the line when the format gives one, the key, what was expected and how to
//! fix it, in French (see `problem`).

mod convert;
mod dates;
mod locate;
pub mod model;
pub mod motif;
mod problem;
pub mod raw;
mod serde_fr;
mod validate;

use std::path::Path;

use chrono::NaiveDate;

pub use convert::toml_to_json;
pub use dates::{parse_iso as parse_date, parse_plausible as parse_plausible_date};
pub use model::*;
pub use problem::{CaseError, Problem};
pub use validate::{Context, MAX_LONG_CHARS, MAX_NAME_CHARS, MAX_SHORT_CHARS, years_between};

use crate::offices::Offices;

/// Largest case file we read: a real one is a few kilobytes.
pub const MAX_CASE_BYTES: u64 = 256 * 1024;

/// The syntax of a case file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// `.toml`, the documented format.
    Toml,
    /// `.json`, the same structure.
    Json,
}

impl Format {
    /// From the file extension; anything but `.json` is read as TOML.
    pub fn from_path(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some(e) if e.eq_ignore_ascii_case("json") => Format::Json,
            _ => Format::Toml,
        }
    }
}

/// Reads, parses and validates a case file.
pub fn load(
    path: &Path,
    date_override: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<Case, CaseError> {
    let name = path.display().to_string();
    let fail = |message: String, conseil: &str| CaseError {
        fichier: name.clone(),
        problems: vec![Problem::file(message).conseil(conseil)],
    };
    let unreadable = |e: std::io::Error| {
        fail(
            format!(
                "impossible de lire le fichier ({})",
                crate::error::io_reason(&e)
            ),
            "vérifiez le chemin du dossier",
        )
    };
    let meta = std::fs::metadata(path).map_err(unreadable)?;
    if meta.is_dir() {
        return Err(fail(
            "c'est un dossier, pas un fichier".into(),
            "indiquez le fichier .toml ou .json du dossier",
        ));
    }
    if meta.len() > MAX_CASE_BYTES {
        return Err(fail(
            format!(
                "fichier trop gros ({} octets ; {MAX_CASE_BYTES} au plus)",
                meta.len()
            ),
            "un dossier ne fait que quelques kilo-octets : vérifiez que c'est le bon fichier",
        ));
    }
    // A pipe or a device reports no length: read at most the limit all the same.
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(
        &mut std::io::Read::take(
            std::fs::File::open(path).map_err(unreadable)?,
            MAX_CASE_BYTES + 1,
        ),
        &mut bytes,
    )
    .map_err(unreadable)?;
    if bytes.len() as u64 > MAX_CASE_BYTES {
        return Err(fail(
            format!("fichier trop gros (plus de {MAX_CASE_BYTES} octets)"),
            "un dossier ne fait que quelques kilo-octets : vérifiez que c'est le bon fichier",
        ));
    }
    let text = String::from_utf8(bytes).map_err(|_| {
        fail(
            "le fichier n'est pas en UTF-8".into(),
            "enregistrez-le en UTF-8 depuis votre éditeur",
        )
    })?;
    let ctx = Context {
        offices: Offices::builtin(),
        date_override,
        today,
    };
    parse(&text, Format::from_path(path), &name, ctx)
}

/// Parses and validates case-file text. `name` is how the file is named in messages.
pub fn parse(text: &str, format: Format, name: &str, ctx: Context<'_>) -> Result<Case, CaseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let wrap = |problems: Vec<Problem>| CaseError {
        fichier: name.to_string(),
        problems,
    };
    let raw = match format {
        Format::Toml => parse_toml(text),
        Format::Json => parse_json(text),
    }
    .map_err(|p| wrap(vec![p]))?;
    validate::validate(raw, ctx).map_err(|problems| {
        let located = problems
            .into_iter()
            .map(|p| match (format, &p.cle, p.ligne) {
                (Format::Toml, Some(k), None) => {
                    let line = locate::line_of_key(text, k);
                    p.ligne(line)
                }
                _ => p,
            })
            .collect();
        wrap(located)
    })
}

/// Validates an already-parsed JSON value (a batch row). `name` is « ligne 12 ».
pub fn from_json_value(
    value: serde_json::Value,
    name: &str,
    ctx: Context<'_>,
) -> Result<Case, CaseError> {
    let wrap = |problems: Vec<Problem>| CaseError {
        fichier: name.to_string(),
        problems,
    };
    if let Some(p) = serde_fr::json_shape(&value) {
        return Err(wrap(vec![p]));
    }
    let raw: raw::RawCase = serde_path_to_error::deserialize(value).map_err(|e| {
        wrap(vec![serde_fr::translate(
            &e.path().to_string(),
            &e.inner().to_string(),
        )])
    })?;
    validate::validate(raw, ctx).map_err(wrap)
}

fn parse_toml(text: &str) -> Result<raw::RawCase, Problem> {
    if let Err(e) = toml::de::DeTable::parse(text) {
        let line = e.span().map(|s| locate::line_of_offset(text, s.start));
        return Err(toml_syntax_problem(text, line, e.message()));
    }
    let de = toml::Deserializer::parse(text).map_err(|e| {
        let line = e.span().map(|s| locate::line_of_offset(text, s.start));
        toml_syntax_problem(text, line, e.message())
    })?;
    serde_path_to_error::deserialize(de).map_err(|e| {
        let inner = e.inner();
        let path = e.path().to_string();
        let mut p = serde_fr::translate(&path, inner.message());
        p.ligne = inner
            .span()
            .map(|s| locate::line_of_offset(text, s.start))
            .or_else(|| p.cle.as_deref().and_then(|k| locate::line_of_key(text, k)));
        p
    })
}

fn toml_syntax_problem(text: &str, line: Option<usize>, message: &str) -> Problem {
    if let Some(p) = line.and_then(|l| impossible_toml_date(text, l)) {
        return p;
    }
    if let Some(p) = line.and_then(|l| accented_toml_key(text, l)) {
        return p;
    }
    let shown = line
        .and_then(|l| text.lines().nth(l - 1))
        .map(|l| format!(" : « {} »", l.trim()))
        .unwrap_or_default();
    let m = message.to_ascii_lowercase();
    let (what, conseil) = if m.contains("duplicate key") || m.contains("duplicate") {
        (
            "une clé ou une table apparaît deux fois",
            "gardez une seule occurrence de la clé ou de la table",
        )
    } else if m.contains("string") || m.contains("quote") || m.contains("unterminated") {
        (
            "texte mal délimité",
            "entourez le texte de guillemets droits \"…\" et fermez-les sur la même ligne",
        )
    } else if m.contains("table") && m.contains("header") || m.contains("`]`") {
        (
            "en-tête de table mal formé",
            "une table s'écrit sur sa propre ligne entre crochets : [demande]",
        )
    } else if m.contains("`=`") || m.contains("key") {
        (
            "une ligne doit être de la forme clé = valeur",
            "écrivez par exemple nom = \"Martin\" (le texte entre guillemets)",
        )
    } else {
        (
            "syntaxe TOML invalide",
            "vérifiez les guillemets, les crochets et le signe = de cette ligne",
        )
    };
    Problem::file(format!("{what}{shown}"))
        .ligne(line)
        .conseil(conseil)
}

/// `département = "84"` is a TOML syntax error (a bare key is ASCII), which the parser words as
/// a string problem; say that keys are written without accents and give the key.
fn accented_toml_key(text: &str, line: usize) -> Option<Problem> {
    let src = text.lines().nth(line - 1)?;
    let (key, _) = src.split_once('=')?;
    let key = key.trim();
    if key.is_ascii() || key.starts_with('"') || key.starts_with('\'') {
        return None;
    }
    let plain: String = deunicode::deunicode(key);
    Some(
        Problem::file(format!(
            "la clé « {key} » contient des accents : les clés s'écrivent sans accents"
        ))
        .ligne(Some(line))
        .conseil(format!("écrivez {plain} = …")),
    )
}

/// `notification = 2026-09-31` is a TOML syntax error; say it as the date problem it is.
fn impossible_toml_date(text: &str, line: usize) -> Option<Problem> {
    let src = text.lines().nth(line - 1)?;
    let (key, value) = src.split_once('=')?;
    let value = value.split('#').next()?.trim();
    let shaped = value.len() == 10
        && value.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shaped {
        return None;
    }
    let why = dates::parse_iso(value).err()?;
    let table = text
        .lines()
        .take(line - 1)
        .filter_map(|l| l.trim().strip_prefix('[').and_then(|l| l.strip_suffix(']')))
        .last()
        .map(|t| format!("{}.", t.trim()))
        .unwrap_or_default();
    Some(
        Problem::at(format!("{table}{}", key.trim()), why)
            .ligne(Some(line))
            .conseil("écrivez une date qui existe, AAAA-MM-JJ"),
    )
}

fn parse_json(text: &str) -> Result<raw::RawCase, Problem> {
    if let Ok(value) = serde_json::from_str::<serde_json::Value>(text)
        && let Some(p) = serde_fr::json_shape(&value)
    {
        return Err(p);
    }
    let mut de = serde_json::Deserializer::from_str(text);
    let raw: Result<raw::RawCase, _> = serde_path_to_error::deserialize(&mut de);
    let raw = raw.map_err(|e| {
        let inner = e.inner();
        let line = (inner.line() > 0).then_some(inner.line());
        match inner.classify() {
            serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
                let msg = inner.to_string();
                let conseil = if msg.contains("trailing comma") {
                    "supprimez la virgule avant } ou ]"
                } else if msg.contains("EOF") {
                    "le fichier s'arrête trop tôt : fermez les accolades et crochets ouverts"
                } else if msg.contains("key must be a string") {
                    "les clés JSON s'écrivent entre guillemets : \"nom\": \"Martin\""
                } else {
                    "vérifiez les guillemets, les virgules, les deux-points et les accolades"
                };
                Problem::file(format!("JSON invalide à la colonne {}", inner.column()))
                    .ligne(line)
                    .conseil(conseil)
            }
            _ => {
                let msg = strip_json_position(&inner.to_string(), inner.line(), inner.column());
                serde_fr::translate(&e.path().to_string(), &msg).ligne(line)
            }
        }
    })?;
    de.end().map_err(|e| {
        Problem::file("du texte suit l'objet JSON".to_string())
            .ligne(Some(e.line()))
            .conseil("un dossier JSON contient un seul objet { … }")
    })?;
    Ok(raw)
}

/// serde_json appends « at line L column C » to its messages; we give the line separately.
fn strip_json_position(msg: &str, line: usize, column: usize) -> String {
    msg.strip_suffix(&format!(" at line {line} column {column}"))
        .unwrap_or(msg)
        .to_string()
}

#[cfg(test)]
pub(crate) mod tests;
