//! A TOML case file as the JSON structure every other reader of cases takes (the caseload
//! store's stored files, the questionnaire resuming from a file): one translation, so a date
//! written `2026-10-15` in TOML is the same string `"2026-10-15"` wherever it is read again.

use serde_json::Value;

/// The JSON value of a TOML value; dates become their ISO text.
pub fn toml_to_json(v: toml::Value) -> Value {
    match v {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(a) => Value::Array(a.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => {
            Value::Object(t.into_iter().map(|(k, v)| (k, toml_to_json(v))).collect())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_become_iso_text_and_tables_objects() {
        let t: toml::Value =
            toml::from_str("[decision]\ndate = 2026-10-15\nn = [1, true]").unwrap();
        assert_eq!(
            toml_to_json(t),
            serde_json::json!({"decision": {"date": "2026-10-15", "n": [1, true]}})
        );
    }
}
