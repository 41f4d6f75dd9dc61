//! The legal dates of a case: until when a recours gracieux or hiérarchique still interrupts
//! the délai, when silence becomes a rejection, and until when the tribunal administratif can
//! be seized — as the case stands on the letter's date.
//!
//! Wrong dates hurt real people, so this module is pure date logic over [`chrono::NaiveDate`]
//! (no clock, no I/O) that follows reference `legal.md` §1.8 step by step, and every date
//! carries its meaning, its legal basis, a safe date and how certain it is. Files, one concept
//! each: [`calendar`] (public holidays, working days), [`arith`] (months, délai franc),
//! [`facts`] (input and its consistency check), [`rules`] (algorithms A, B, C and Czabaj),
//! [`model`] (output and JSON), [`explain`] (French wording and terminal text), [`ics`]
//! (calendar export).
//!
//! ```
//! use chrono::NaiveDate;
//! use recours::deadlines::{compute, Facts, LetterKind};
//!
//! let d = |y, m, j| NaiveDate::from_ymd_opt(y, m, j).unwrap();
//! let facts = Facts {
//!     letter: Some(LetterKind::Gracieux),
//!     letter_date: d(2026, 11, 27),
//!     notification: Some(d(2026, 10, 20)),
//!     voies_mentionnees: true,
//!     lives_abroad: false,
//!     gracieux: None,
//!     hierarchique: None,
//!     reasons: None,
//! };
//! let deadlines = compute(&facts).unwrap();
//! assert_eq!(deadlines.recours_administratif.unwrap().date, d(2026, 12, 21));
//! ```

pub mod arith;
pub mod calendar;
pub mod explain;
pub mod facts;
pub mod ics;
pub mod model;
pub mod rules;

#[cfg(test)]
mod tests;

pub use arith::{SAFETY_MARGIN_DAYS, add_months, delai_franc, safe_date};
pub use calendar::{Calendar, Holiday, Region, easter_sunday, is_working_day, next_working_day};
pub use explain::{NOTICE, render};
pub use facts::{EarlierRecours, Facts, FactsError, Key, LetterKind, ReasonsRequest, RecoursKind};
pub use ics::{IcsOptions, to_ics};
pub use model::{Certainty, Deadline, DeadlineKind, Deadlines, Trigger, Warning};
pub use rules::{compute, compute_with};
