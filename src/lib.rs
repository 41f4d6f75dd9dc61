//! `recours` writes French administrative appeal letters for people whose national identity
//! card or passport application was refused.
//!
//! The library is a pipeline, one module per stage, in the order data flows:
//! [`case`] reads and validates a case file → [`route`] chooses the letter and the addressee
//! (from the [`offices`] tables) and says why → [`deadlines`] computes the legal dates →
//! [`compose`] renders the Tera templates into a [`letter::Letter`] → [`typeset`] measures,
//! hyphenates, breaks lines and paginates → [`pdf`] writes the file. [`batch`] runs the same
//! pipeline over a spreadsheet; [`store`] keeps a caseload and [`followup`] recomputes each
//! case's deadlines from its recorded events; [`cli`] only translates the command line.

pub mod assets;
pub mod batch;
pub mod case;
pub mod cli;
pub mod clock;
pub mod compose;
pub mod deadlines;
pub mod error;
pub mod followup;
pub mod french;
pub mod letter;
pub mod offices;
pub mod output;
pub mod path;
pub mod pdf;
pub mod pieces;
pub mod pipeline;
pub mod plan;
pub mod postal;
pub mod questionnaire;
pub mod route;
pub mod server;
pub mod shown;
pub mod store;
pub mod suggest;
pub mod typeset;

#[cfg(test)]
mod proptests;
