//! The one place that reads the wall clock.
//!
//! A letter's date decides its deadlines and its PDF bytes, so it must come from the case,
//! `--date` or `SOURCE_DATE_EPOCH`. Only when none is given do we ask the system for today.

use chrono::{DateTime, NaiveDate, NaiveDateTime};

/// Today in France, or the day `SOURCE_DATE_EPOCH` names when it is set (reproducible builds
/// and tests).
pub fn today() -> NaiveDate {
    if let Some(t) = source_date_epoch() {
        return t.date();
    }
    #[allow(
        clippy::disallowed_methods,
        reason = "this is the one place that reads the clock"
    )]
    let now = chrono::Local::now();
    now.date_naive()
}

/// `SOURCE_DATE_EPOCH` as a UTC timestamp, when set to a valid number of seconds.
pub fn source_date_epoch() -> Option<NaiveDateTime> {
    let raw = std::env::var("SOURCE_DATE_EPOCH").ok()?;
    let secs: i64 = raw.trim().parse().ok()?;
    DateTime::from_timestamp(secs, 0).map(|d| d.naive_utc())
}

/// The timestamp written into a PDF: `SOURCE_DATE_EPOCH` when set, else noon UTC on the
/// letter's date, so that the same letter gives the same bytes whenever it is produced.
pub fn pdf_timestamp(letter_date: NaiveDate) -> NaiveDateTime {
    source_date_epoch().unwrap_or_else(|| letter_date.and_hms_opt(12, 0, 0).expect("noon exists"))
}
