//! The legal dates of a case: until when a recours gracieux or hiérarchique still interrupts
//! the délai, when silence becomes a rejection, and until when the tribunal administratif can
//! be seized — as the case stands on the letter's date.
//!
//! Wrong dates hurt real people, so this module is pure date logic over [`chrono::NaiveDate`]
//! (no clock, no I/O) that follows reference `legal.md` §1.8 step by step.

pub mod arith;
pub mod calendar;

pub use arith::{SAFETY_MARGIN_DAYS, add_months, delai_franc, safe_date};
pub use calendar::{Calendar, Holiday, Region, easter_sunday};
