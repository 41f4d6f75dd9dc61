//! The one place that reads the wall clock.
//!
//! A letter's date decides its deadlines and its PDF bytes, so it must come from the case,
//! `--date` or `SOURCE_DATE_EPOCH`. Only when none is given do we ask the system for today.
