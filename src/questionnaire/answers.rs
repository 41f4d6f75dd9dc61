//! The answers given so far, by case key, and their case-file structure.

use std::collections::BTreeMap;

use serde_json::{Map, Value};

use super::{Kind, QUESTIONS, Question, question};
use crate::case::{self, Case, CaseError, Context, Format, Problem};

/// The answers, by dotted case key. A list key holds several values.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Answers {
    values: BTreeMap<String, Vec<String>>,
}

/// How the answers are named in messages about them.
pub const NOM: &str = "questionnaire";

impl Answers {
    /// No answer yet.
    pub fn new() -> Answers {
        Answers::default()
    }

    /// From form fields: a key may come several times (a list, or checkboxes). Empty values
    /// are no answer; names starting with `_` are the form's own controls, not case keys.
    pub fn from_pairs<K: AsRef<str>, V: AsRef<str>>(
        pairs: impl IntoIterator<Item = (K, V)>,
    ) -> Answers {
        let mut a = Answers::new();
        for (k, v) in pairs {
            let (k, v) = (k.as_ref().trim(), v.as_ref().trim());
            if k.is_empty() || k.starts_with('_') || v.is_empty() {
                continue;
            }
            a.values
                .entry(k.to_string())
                .or_default()
                .push(v.replace("\r\n", "\n"));
        }
        a
    }

    /// Sets (or, with an empty value, clears) one answer.
    pub fn set(&mut self, cle: &str, value: &str) {
        let value = value.trim();
        if value.is_empty() {
            self.values.remove(cle);
        } else {
            self.values.insert(cle.to_string(), vec![value.to_string()]);
        }
    }

    /// Sets a list answer.
    pub fn set_list(&mut self, cle: &str, values: Vec<String>) {
        let values: Vec<String> = values
            .into_iter()
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
            .collect();
        if values.is_empty() {
            self.values.remove(cle);
        } else {
            self.values.insert(cle.to_string(), values);
        }
    }

    /// The values given for a key.
    pub fn get(&self, cle: &str) -> &[String] {
        self.values.get(cle).map_or(&[], Vec::as_slice)
    }

    /// The first value given for a key.
    pub fn first(&self, cle: &str) -> Option<&str> {
        self.get(cle).first().map(String::as_str)
    }

    /// The answer, else the question's default, else empty: what conditions look at.
    pub fn effective(&self, cle: &str) -> String {
        self.first(cle)
            .map(str::to_string)
            .or_else(|| question(cle).and_then(|q| q.defaut).map(str::to_string))
            .unwrap_or_default()
    }

    /// Every key answered.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.values.keys().map(String::as_str)
    }

    /// Whether a question is asked given the other answers.
    pub fn asks(&self, q: &Question) -> bool {
        q.condition.holds(self)
    }

    /// The list items of a key: each value split on `|` and on line breaks.
    pub fn items(&self, cle: &str) -> Vec<String> {
        self.get(cle)
            .iter()
            .flat_map(|v| v.split(['|', '\n']))
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }

    /// The case-file structure: dotted keys become tables; answers to questions not asked
    /// (a consulate's country once the mairie is chosen) are left out; keys that are no
    /// question are kept, so that the case's own check names them.
    pub fn to_value(&self) -> Value {
        let mut root = Map::new();
        for (cle, values) in &self.values {
            let value = match question(cle) {
                Some(q) if !self.asks(q) => continue,
                Some(q) => match q.kind {
                    k if k.is_list() => {
                        Value::Array(self.items(cle).into_iter().map(Value::String).collect())
                    }
                    Kind::OuiNon => match parse_bool(&values[0]) {
                        Some(b) => Value::Bool(b),
                        None => Value::String(values[0].clone()),
                    },
                    _ => Value::String(values[0].clone()),
                },
                None if values.len() > 1 => {
                    Value::Array(values.iter().cloned().map(Value::String).collect())
                }
                None => Value::String(values[0].clone()),
            };
            insert(&mut root, cle, value);
        }
        Value::Object(root)
    }

    /// The validated case, or every problem with its key: the case file's own validation.
    ///
    /// That validation stops at the first missing key (serde reads the structure before the
    /// rules run), which would make a person fix a form one field per submit. So a missing
    /// answer is reported, stood in for by a placeholder, and the case checked again, until
    /// nothing new is missing: every message still comes from the case validation, and
    /// problems about a placeholder itself are dropped.
    pub fn case(&self, ctx: Context<'_>) -> Result<Case, CaseError> {
        let mut filled = self.clone();
        let mut placeholders: Vec<String> = Vec::new();
        let mut problems: Vec<Problem> = Vec::new();
        for _ in 0..QUESTIONS.len() {
            let e = match case::from_json_value(filled.to_value(), NOM, ctx) {
                Ok(case) if problems.is_empty() => return Ok(case),
                Ok(_) => break,
                Err(e) => e,
            };
            let mut progressed = false;
            for p in e.problems {
                let key = p.cle.clone().unwrap_or_default();
                let table_missing = !key.is_empty()
                    && !key.contains('.')
                    && !missing_questions(&filled, &key).is_empty();
                if p.manque || table_missing {
                    for q in missing_questions(&filled, &key) {
                        if placeholders.iter().any(|k| k == q.cle) {
                            continue;
                        }
                        let mut shown = p.clone();
                        shown.cle = Some(q.cle.to_string());
                        shown.message = "réponse obligatoire".to_string();
                        shown.conseil = Some(missing_hint(q));
                        problems.push(shown);
                        filled.set(q.cle, &placeholder(q));
                        placeholders.push(q.cle.to_string());
                        progressed = true;
                    }
                    if !progressed && !problems.contains(&p) {
                        problems.push(p);
                    }
                } else if !placeholders.contains(&key) && !problems.contains(&p) {
                    problems.push(p);
                }
            }
            if !progressed {
                break;
            }
        }
        let rank = |p: &Problem| {
            p.cle
                .as_deref()
                .and_then(|k| QUESTIONS.iter().position(|q| q.cle == k))
                .unwrap_or(usize::MAX)
        };
        problems.sort_by_key(rank);
        Err(CaseError {
            fichier: NOM.to_string(),
            problems,
        })
    }

    /// The answers a case file holds, to resume or correct it.
    pub fn from_case_text(text: &str, format: Format) -> Result<Answers, CaseError> {
        let fail = |message: String| CaseError {
            fichier: "dossier".to_string(),
            problems: vec![
                Problem::file(message)
                    .conseil("envoyez le fichier .toml (ou .json) enregistré par recours"),
            ],
        };
        if text.len() as u64 > case::MAX_CASE_BYTES {
            return Err(fail("fichier trop gros pour un dossier".to_string()));
        }
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        let value = match format {
            Format::Toml => toml::from_str::<toml::Value>(text)
                .map(crate::case::toml_to_json)
                .map_err(|e| {
                    fail(format!(
                        "ce n'est pas un dossier TOML lisible ({})",
                        e.message()
                    ))
                })?,
            Format::Json => serde_json::from_str::<Value>(text)
                .map_err(|_| fail("ce n'est pas un dossier JSON lisible".to_string()))?,
        };
        let mut a = Answers::new();
        flatten(&value, "", &mut a);
        Ok(a)
    }

    /// Every question, in order, that the answers leave unanswered and that the case needs.
    pub fn missing(&self) -> impl Iterator<Item = &'static Question> + '_ {
        QUESTIONS
            .iter()
            .filter(|q| q.requis && self.asks(q) && self.get(q.cle).is_empty())
    }
}

/// The questions a missing key stands for: itself, or a whole table's required questions.
fn missing_questions(a: &Answers, key: &str) -> Vec<&'static Question> {
    if key.contains('.') {
        return question(key).into_iter().collect();
    }
    let prefix = format!("{key}.");
    QUESTIONS
        .iter()
        .filter(|q| q.cle.starts_with(&prefix) && q.requis && a.asks(q) && a.get(q.cle).is_empty())
        .collect()
}

fn missing_hint(q: &Question) -> String {
    if q.exemple.is_empty() {
        format!("répondez à « {} »", q.libelle)
    } else {
        format!(
            "répondez à « {} » (par exemple : {})",
            q.libelle,
            q.exemple.replace('\n', " / ")
        )
    }
}

/// A stand-in that passes the structure check, never shown and never used in a letter.
fn placeholder(q: &Question) -> String {
    match q.kind {
        // Early, so that the dates after it (notification, recours) stay in order.
        Kind::Date => "2000-01-01".to_string(),
        Kind::OuiNon => "non".to_string(),
        Kind::Choix(_) | Kind::Recours => q
            .defaut
            .map(str::to_string)
            .or_else(|| q.kind.choices().first().map(|(v, _)| v.to_string()))
            .unwrap_or_default(),
        Kind::Lignes => "(à compléter) | (à compléter)".to_string(),
        _ => "(à compléter)".to_string(),
    }
}

/// `oui`/`non` in the words forms and spreadsheets use.
pub fn parse_bool(s: &str) -> Option<bool> {
    match crate::suggest::fold(s).as_str() {
        "oui" | "vrai" | "true" | "1" | "o" | "on" => Some(true),
        "non" | "faux" | "false" | "0" | "n" => Some(false),
        _ => None,
    }
}

fn insert(root: &mut Map<String, Value>, dotted: &str, value: Value) {
    match dotted.split_once('.') {
        None => {
            root.insert(dotted.to_string(), value);
        }
        Some((table, rest)) => {
            let entry = root
                .entry(table.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            if let Value::Object(m) = entry {
                insert(m, rest, value);
            }
        }
    }
}

fn flatten(v: &Value, path: &str, out: &mut Answers) {
    let key = |k: &str| {
        if path.is_empty() {
            k.to_string()
        } else {
            format!("{path}.{k}")
        }
    };
    match v {
        Value::Object(m) => m.iter().for_each(|(k, x)| flatten(x, &key(k), out)),
        Value::Array(items) => {
            let list = items.iter().map(scalar).collect();
            out.set_list(path, list);
        }
        other => out.set(path, &scalar(other)),
    }
}

fn scalar(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Bool(true) => "oui".to_string(),
        Value::Bool(false) => "non".to_string(),
        other => other.to_string(),
    }
}
