//! Dates in case files: TOML dates (`2026-10-15`), or strings (`"2026-10-15"`) in JSON, CSV
//! and TOML alike, always `AAAA-MM-JJ` and without a time.

use std::fmt;

use chrono::NaiveDate;
use serde::Deserializer;
use serde::de::{self, MapAccess, Visitor};

/// TOML hands a datetime to serde as a one-entry map under this key.
const TOML_DATETIME_KEY: &str = "$__toml_private_datetime";

/// Parses `AAAA-MM-JJ`, with a French message that says what is wrong.
pub fn parse_iso(s: &str) -> Result<NaiveDate, String> {
    let t = s.trim();
    if t == "AAAA-MM-JJ" {
        return Err(
            "date « AAAA-MM-JJ » à remplir : le modèle n'est pas complété (par exemple 2026-10-15)"
                .into(),
        );
    }
    let shape_ok = t.len() == 10
        && t.char_indices().all(|(i, c)| {
            if i == 4 || i == 7 {
                c == '-'
            } else {
                c.is_ascii_digit()
            }
        });
    if !shape_ok {
        if t.contains('T') || t.contains(' ') && t.len() > 10 {
            return Err(format!(
                "« {t} » contient une heure ; écrivez seulement la date, AAAA-MM-JJ"
            ));
        }
        if looks_french(t) {
            return Err(format!(
                "« {t} » n'est pas au format AAAA-MM-JJ (écrivez par exemple {} pour le {})",
                reorder_french(t).unwrap_or_else(|| "2026-10-15".into()),
                t
            ));
        }
        return Err(format!("« {t} » n'est pas une date au format AAAA-MM-JJ"));
    }
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .map_err(|_| format!("« {t} » n'existe pas dans le calendrier"))
}

/// A date given on the command line or in a form (`--date`, an event's date): a real day in
/// the years the procedure dates are checked against, the same rule as in case files.
pub fn parse_plausible(s: &str) -> Result<NaiveDate, String> {
    use chrono::Datelike;
    let d = parse_iso(s.trim())?;
    let years = crate::deadlines::facts::PLAUSIBLE_YEARS;
    if !years.contains(&d.year()) {
        return Err(format!(
            "la date {d} n'est pas plausible : une lettre se date entre {} et {}",
            years.start(),
            years.end()
        ));
    }
    Ok(d)
}

/// « 15/10/2026 » and « 15-10-2026 », the way dates are written in France.
fn looks_french(t: &str) -> bool {
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    parts.len() == 3 && parts[0].len() <= 2 && parts[2].len() == 4
}

fn reorder_french(t: &str) -> Option<String> {
    let parts: Vec<&str> = t.split(['/', '-', '.']).collect();
    let d: u32 = parts.first()?.parse().ok()?;
    let m: u32 = parts.get(1)?.parse().ok()?;
    let y: i32 = parts.get(2)?.parse().ok()?;
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// A date as written in the file: parsed, or the French reason it is not a date.
///
/// A text that is not a date is kept as an error value rather than failing the whole parse,
/// so that validation can report every bad date of a file at once, with its key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawDate(pub Result<NaiveDate, String>);

struct DateVisitor;

impl<'de> Visitor<'de> for DateVisitor {
    type Value = RawDate;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("une date AAAA-MM-JJ")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<RawDate, E> {
        Ok(RawDate(parse_iso(v)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<RawDate, A::Error> {
        match map.next_key::<String>()? {
            Some(k) if k == TOML_DATETIME_KEY => {
                let text: String = map.next_value()?;
                Ok(RawDate(parse_iso(&text)))
            }
            _ => Err(de::Error::custom(
                "une date AAAA-MM-JJ est attendue, pas une table",
            )),
        }
    }
}

impl<'de> serde::Deserialize<'de> for RawDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<RawDate, D::Error> {
        d.deserialize_any(DateVisitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_dates_parse() {
        assert_eq!(
            parse_iso("2026-10-15").unwrap(),
            NaiveDate::from_ymd_opt(2026, 10, 15).unwrap()
        );
        assert_eq!(
            parse_iso(" 2024-02-29 ").unwrap(),
            NaiveDate::from_ymd_opt(2024, 2, 29).unwrap()
        );
    }

    #[test]
    fn bad_dates_say_why() {
        assert!(
            parse_iso("2026-02-30")
                .unwrap_err()
                .contains("n'existe pas")
        );
        assert!(
            parse_iso("2025-02-29")
                .unwrap_err()
                .contains("n'existe pas")
        );
        let fr = parse_iso("15/10/2026").unwrap_err();
        assert!(fr.contains("2026-10-15"), "{fr}");
        assert!(
            parse_iso("2026-10-15T10:00:00")
                .unwrap_err()
                .contains("heure")
        );
        assert!(parse_iso("demain").unwrap_err().contains("AAAA-MM-JJ"));
    }
}
