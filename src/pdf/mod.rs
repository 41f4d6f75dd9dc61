//! The PDF writer: turns laid-out letters into print-ready PDF files, one letter per file or
//! many in one file for a batch.
//!
//! Files embed subsets of the Charis SIL faces, carry a `/ToUnicode` map so copying or
//! extracting text gives back the letter's exact characters (accents, « », ’, the French
//! no-break spaces), and fill the Info dictionary from the letter's metadata. Output is
//! byte-identical for identical input, whatever the thread or what was written before: the
//! only date is the letter's own, and every id is fixed or derived from the content.
//!
//! printpdf 0.12 builds the documents, without its `text_layout` feature: fonts are subset
//! beforehand (`subset`) and handed to printpdf ready to embed, pages go in as printpdf
//! operations (`content`), and `document` finishes printpdf's output (compression,
//! deterministic `/ID`, language, Info tidy-up).
//!
//! Where the time goes (perf, a batch of varied one-page letters, 2,235 glyphs each): about
//! three quarters of the PDF time is printpdf's `to_lopdf_doc` and lopdf's saving, mostly per
//! character and not avoidable through printpdf's API: two `BTreeMap` lookups per character,
//! a `String` allocated per character for its `/ToUnicode` bookkeeping, and lopdf writing each
//! glyph-id byte through `fmt`. Compressing the content streams is most of the rest.
//! Subsetting is paid once per glyph set and thread (`recent`), and printpdf never holds the
//! font programs themselves (see `subset::program_marker`).
//!
//! ```
//! let letter = recours::typeset::fixtures::one_page();
//! let bytes = recours::pdf::render(&letter).unwrap();
//! assert!(bytes.starts_with(b"%PDF-"));
//! ```

mod assemble;
mod content;
mod document;
mod error;
// Public (hidden) so that the integration tests read back the PDFs the server sends.
#[doc(hidden)]
pub mod extract;
mod flate;
mod recent;
mod subset;
#[cfg(test)]
mod tests;

pub use assemble::Assembler;
pub use error::PdfError;

use crate::letter::{Letter, Metadata};
use crate::typeset::{Fonts, LaidOutLetter, Page, PageGeometry, layout};

/// Forgets the faces this thread has embedded, so the next file subsets its fonts from
/// scratch: for benchmarks of a single letter, which a batch's later letters do not pay.
#[doc(hidden)]
pub fn forget_faces() {
    recent::forget();
}

/// Writes one laid-out letter as a PDF file. `fonts` must be those it was laid out with.
pub fn write(letter: &LaidOutLetter, fonts: &Fonts) -> Result<Vec<u8>, PdfError> {
    let pages: Vec<&Page> = letter.pages.iter().collect();
    document::write_pages(&pages, letter.page_size, &letter.metadata, fonts)
}

/// How [`assemble`] puts letters together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Assembly {
    /// Start every letter on an odd page, adding a blank page where needed, so a batch
    /// printed recto-verso can be cut into letters.
    pub recto_verso: bool,
    /// Title, author, subject and date of the assembled file.
    pub metadata: Metadata,
}

/// Writes several laid-out letters, in order, as one PDF file (for `recours lot
/// --assemble`). Page numbers stay those of each letter. All letters must have the same page
/// size (the first one's is used) and have been laid out with `fonts`.
pub fn assemble(
    letters: &[LaidOutLetter],
    assembly: &Assembly,
    fonts: &Fonts,
) -> Result<Vec<u8>, PdfError> {
    let Some(first) = letters.first() else {
        return Err(PdfError::NothingToAssemble);
    };
    let blank = Page::default();
    let mut pages: Vec<&Page> = Vec::with_capacity(letters.iter().map(|l| l.pages.len() + 1).sum());
    for letter in letters {
        if assembly.recto_verso && pages.len() % 2 == 1 {
            pages.push(&blank);
        }
        pages.extend(letter.pages.iter());
    }
    document::write_pages(&pages, first.page_size, &assembly.metadata, fonts)
}

/// Lays out `letter` with the default geometry and the embedded Charis SIL, and writes it.
pub fn render(letter: &Letter) -> Result<Vec<u8>, PdfError> {
    let fonts = Fonts::charis();
    let laid_out = layout(letter, &PageGeometry::default(), fonts)?;
    write(&laid_out, fonts)
}
