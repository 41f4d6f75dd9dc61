//! The answers written as a case file the person keeps, to resume or correct it later.

use super::{Answers, QUESTIONS};

/// A TOML case file: the questions' keys in their order, tables grouped, each list and
/// text quoted by TOML's own rules. Keys that are no question are left out.
pub fn to_toml(answers: &Answers) -> String {
    let mut out = String::from(
        "# Dossier écrit par recours (questionnaire). Gardez-le : il permet de reprendre ou de\n\
         # corriger la lettre (recours lettre dossier.toml, ou « Reprendre un dossier » dans la\n\
         # page de recours serveur).\n",
    );
    let value = answers.to_value();
    let mut tables: Vec<&str> = Vec::new();
    for q in QUESTIONS {
        if let Some((table, _)) = q.cle.split_once('.')
            && !tables.contains(&table)
        {
            tables.push(table);
        }
    }
    if let Some(v) = value.get("recours") {
        out.push_str(&format!("recours = {}\n", toml_value(v)));
    }
    for table in tables {
        let Some(serde_json::Value::Object(m)) = value.get(table) else {
            continue;
        };
        out.push_str(&format!("\n[{table}]\n"));
        for q in QUESTIONS
            .iter()
            .filter(|q| q.cle.starts_with(&format!("{table}.")))
        {
            let key = &q.cle[table.len() + 1..];
            if let Some(v) = m.get(key) {
                out.push_str(&format!("{key} = {}\n", toml_value(v)));
            }
        }
    }
    out
}

fn toml_value(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => match crate::case::parse_date(s) {
            Ok(_) if s.len() == 10 => s.clone(),
            _ => toml::Value::String(s.clone()).to_string(),
        },
        serde_json::Value::Bool(b) => b.to_string(),
        serde_json::Value::Array(items) => {
            let parts: Vec<String> = items.iter().map(toml_value).collect();
            format!("[{}]", parts.join(", "))
        }
        other => toml::Value::String(other.to_string()).to_string(),
    }
}
