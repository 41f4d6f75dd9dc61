//! Finds the line of a key in a TOML case file, so that a problem found after parsing (an
//! unknown département, inconsistent dates) still points at the line to fix.
//!
//! JSON gives no positions once parsed, so JSON problems name the key only.

use toml::de::{DeTable, DeValue};

/// 1-based line of the byte `offset` in `text`.
pub fn line_of_offset(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// 1-based line where the key at `path` (`demande.departement`, `demandeur.adresse[1]`) is
/// written, when the text is TOML and the key is there. For a missing key, the line of the
/// nearest table that exists.
pub fn line_of_key(text: &str, path: &str) -> Option<usize> {
    let doc = DeTable::parse(text).ok()?;
    let mut table = doc.get_ref();
    let mut best: Option<usize> = None;
    let segments: Vec<&str> = path.split('.').filter(|s| !s.is_empty()).collect();
    for (i, segment) in segments.iter().enumerate() {
        let (name, index) = split_index(segment);
        let Some((key, value)) = table.get_key_value(name) else {
            break;
        };
        best = Some(key.span().start);
        let mut value = value;
        if let Some(i) = index {
            let DeValue::Array(items) = value.get_ref() else {
                break;
            };
            let Some(item) = items.get(i) else { break };
            best = Some(item.span().start);
            value = item;
        }
        match value.get_ref() {
            DeValue::Table(t) if i + 1 < segments.len() => table = t,
            _ => break,
        }
    }
    best.map(|o| line_of_offset(text, o))
}

/// `adresse[1]` → (`adresse`, Some(1)).
fn split_index(segment: &str) -> (&str, Option<usize>) {
    match segment.split_once('[') {
        Some((name, rest)) => (name, rest.trim_end_matches(']').parse().ok()),
        None => (segment, None),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CASE: &str = "recours = \"gracieux\"\n\n[demandeur]\nprenom = \"Camille\"\nadresse = [\n  \"12 rue\",\n  \"84300 Cavaillon\",\n]\n\n[demande]\ndepartement = \"99\"\n";

    #[test]
    fn finds_keys_in_tables_and_arrays() {
        assert_eq!(line_of_key(CASE, "recours"), Some(1));
        assert_eq!(line_of_key(CASE, "demande.departement"), Some(11));
        assert_eq!(line_of_key(CASE, "demandeur.adresse"), Some(5));
        assert_eq!(line_of_key(CASE, "demandeur.adresse[1]"), Some(7));
    }

    #[test]
    fn missing_key_points_at_its_table() {
        assert_eq!(line_of_key(CASE, "demande.motif"), Some(10));
        assert_eq!(line_of_key(CASE, "decision.date"), None);
    }
}
