//! What `--reprendre` may keep: a letter whose row has not changed since it was written, and
//! whose PDF is complete.

use std::path::Path;

use chrono::NaiveDate;
use md5::{Digest, Md5};

/// A digest of what a row's letter depends on: the row's content, and the date it is dated
/// when the row does not say (`--date`, or today).
pub fn fingerprint(row: &serde_json::Value, date: Option<NaiveDate>, today: NaiveDate) -> String {
    let mut h = Md5::new();
    h.update(row.to_string().as_bytes());
    let dated = row.pointer("/lettre/date").is_some();
    match (date, dated) {
        (Some(d), _) => h.update(format!("\n--date {d}").as_bytes()),
        (None, false) => h.update(format!("\ntoday {today}").as_bytes()),
        (None, true) => {}
    }
    h.finalize()
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect::<String>()
}

/// A PDF that was written to the end: it starts as a PDF, ends with `%%EOF` and parses. A
/// file cut short by an interrupted run, or edited by hand into something else, is redone.
pub fn pdf_complete(path: &Path) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let end = bytes.trim_ascii_end();
    bytes.starts_with(b"%PDF-")
        && end.ends_with(b"%%EOF")
        && lopdf::Document::load_mem(&bytes).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_truncated_pdf_is_not_complete() {
        let dir = tempfile::tempdir().unwrap();
        let good = crate::pdf::render(&crate::typeset::fixtures::one_page()).unwrap();
        let p = dir.path().join("a.pdf");
        std::fs::write(&p, &good).unwrap();
        assert!(pdf_complete(&p));
        std::fs::write(&p, &good[..good.len() / 2]).unwrap();
        assert!(!pdf_complete(&p));
        std::fs::write(&p, b"%PDF-1.7\n%%EOF\n").unwrap();
        assert!(!pdf_complete(&p));
    }

    #[test]
    fn the_fingerprint_follows_the_content_and_the_date() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        let other = NaiveDate::from_ymd_opt(2026, 11, 28).unwrap();
        let a = serde_json::json!({"demandeur": {"nom": "Martin"}});
        let b = serde_json::json!({"demandeur": {"nom": "Martine"}});
        let dated = serde_json::json!({"lettre": {"date": "2026-11-27"}});
        assert_eq!(fingerprint(&a, None, today), fingerprint(&a, None, today));
        assert_ne!(fingerprint(&a, None, today), fingerprint(&b, None, today));
        assert_ne!(fingerprint(&a, None, today), fingerprint(&a, None, other));
        assert_eq!(
            fingerprint(&dated, None, today),
            fingerprint(&dated, None, other)
        );
        assert_ne!(
            fingerprint(&dated, Some(other), today),
            fingerprint(&dated, None, today)
        );
    }
}
