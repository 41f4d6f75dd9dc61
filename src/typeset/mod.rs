//! The layout engine: measures the letter's text in Charis SIL, divides French words,
//! breaks lines over whole paragraphs, justifies, and paginates onto A4 pages laid out for a
//! window envelope.
//!
//! It owns every typographic decision so the PDF writer only transcribes: the result, a
//! [`LaidOutLetter`], is pages of glyph runs at absolute positions. Keeping layout apart from
//! PDF syntax lets us test line breaking and pagination on plain data, and lets the batch mode
//! lay letters out in parallel before assembling them into one file.
//!
//! ```
//! use recours::typeset::{Fonts, PageGeometry, layout};
//! let letter = recours::typeset::fixtures::one_page();
//! let laid_out = layout(&letter, &PageGeometry::default(), Fonts::charis()).unwrap();
//! assert_eq!(laid_out.page_count(), 1);
//! ```

mod breaks;
mod error;
#[doc(hidden)]
pub mod fixtures;
mod flow;
mod flowing;
mod fonts;
mod furniture;
mod geometry;
mod hyphenate;
mod letter_layout;
mod linebreak;
mod memo;
mod output;
mod shape;
#[cfg(test)]
mod tests;

pub use error::TypesetError;
pub use fonts::{FaceMetrics, Fonts, GlyphInfo};
pub use geometry::{PageGeometry, TypeScale};
pub use letter_layout::layout;
pub use output::{GlyphRun, LaidOutLetter, Page, PlacedGlyph, Rule};

/// Forgets the paragraphs this thread has set, so the next letter is laid out from scratch:
/// for benchmarks of a single letter, which a batch's later letters do not pay in full.
#[doc(hidden)]
pub fn forget_paragraphs() {
    memo::forget();
}
