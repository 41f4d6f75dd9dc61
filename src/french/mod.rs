//! French-language conventions shared by the letters, the deadlines and the terminal output.
//!
//! Everything a user reads is French, and French has fixed rules for writing dates that no
//! locale library of ours should be trusted with (chrono's locales are an unstable feature
//! and would pull a large table for two dozen words). This module owns those words.

pub mod date;
pub mod grammar;
