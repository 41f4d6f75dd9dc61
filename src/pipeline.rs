//! One letter end to end: a plan is composed with the templates, laid out and written as PDF.
//!
//! The [`Renderer`] holds what is costly to prepare (the Tera templates, the parsed fonts) and
//! is shared by every thread of a batch.

use std::path::Path;

use crate::compose::{self, Templates};
use crate::error::Error;
use crate::letter::Letter;
use crate::plan::Plan;
use crate::typeset::{self, Fonts, LaidOutLetter, PageGeometry};

/// Templates, fonts and page geometry, ready to render letters.
#[derive(Debug)]
pub struct Renderer {
    templates: Templates,
    fonts: &'static Fonts,
    geometry: PageGeometry,
}

/// A rendered letter: its words, its pages and its PDF bytes.
#[derive(Debug)]
pub struct Rendered {
    /// The composed letter.
    pub letter: Letter,
    /// Its pages.
    pub laid_out: LaidOutLetter,
    /// The PDF file.
    pub pdf: Vec<u8>,
}

impl Renderer {
    /// The embedded templates, or those of `modeles` replacing them by name.
    pub fn new(modeles: Option<&Path>) -> Result<Renderer, Error> {
        let templates = match modeles {
            Some(dir) => Templates::with_overrides(dir),
            None => Templates::builtin(),
        }
        .map_err(compose_error)?;
        Ok(Renderer {
            templates,
            fonts: Fonts::charis(),
            geometry: PageGeometry::default(),
        })
    }

    /// The fonts letters are set in.
    pub fn fonts(&self) -> &'static Fonts {
        self.fonts
    }

    /// Composes, lays out and writes the letter of a plan.
    pub fn render(&self, plan: &Plan) -> Result<Rendered, Error> {
        let letter = compose::compose(plan, &self.templates).map_err(compose_error)?;
        let laid_out =
            typeset::layout(&letter, &self.geometry, self.fonts).map_err(|e| Error::Input {
                message: format!("mise en page impossible : {e}"),
                conseil: Some(
                    "vérifiez les textes du dossier (caractère inconnu, texte très long)".into(),
                ),
            })?;
        let pdf = crate::pdf::write(&laid_out, self.fonts)
            .map_err(|e| Error::Internal(format!("écriture du PDF : {e}")))?;
        Ok(Rendered {
            letter,
            laid_out,
            pdf,
        })
    }
}

/// Template problems are the user's to fix (their `--modeles` folder), hence exit 2.
fn compose_error(e: compose::ComposeError) -> Error {
    Error::Compose(e)
}
