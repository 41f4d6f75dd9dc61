//! Why a PDF could not be written, in words a user can act on.

use crate::typeset::TypesetError;

/// A failure while writing a PDF. Messages are in French because they reach the user.
#[derive(Debug, thiserror::Error)]
pub enum PdfError {
    /// The letter could not be laid out (only from [`super::render`]).
    #[error(transparent)]
    Layout(#[from] TypesetError),
    /// The font could not be reduced to the glyphs the letter uses.
    #[error("impossible d'extraire de la police {face} les glyphes de la lettre ({reason})")]
    Subset {
        /// The face's PostScript name.
        face: &'static str,
        /// What the subsetter said.
        reason: String,
    },
    /// printpdf wrote no font stream where a face's program was to go (a change in
    /// printpdf's output; the file would show no text).
    #[error("la police {0} n'a pas pu être intégrée au PDF")]
    FontNotEmbedded(String),
    /// Nothing to assemble.
    #[error("aucune lettre à assembler")]
    NothingToAssemble,
    /// A letter could not be read back into an assembled file.
    #[error("une lettre n'a pas pu être relue pour l'assemblage ({0})")]
    Assemble(String),
    /// Writing the bytes failed.
    #[error("l'écriture du PDF a échoué : {0}")]
    Write(#[from] std::io::Error),
}
