//! From styled text to measured glyphs grouped into words.
//!
//! Charis has no kerning and we use no ligatures, so "shaping" a French text is one glyph per
//! character: look each up, in its face, and take its advance. Runs of ordinary white space
//! become one breakable word space; U+00A0 and U+202F are glyphs like any other, which is what
//! keeps « 1er » and « : » on the line of the word before them. Soft hyphens in the source are
//! not drawn; they only mark where a word may be divided.

use std::borrow::Cow;
use std::ops::Range;

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use super::error::TypesetError;
use super::fonts::Fonts;
use crate::letter::{Span, Style};

/// One measured character.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) struct Atom {
    pub character: char,
    pub gid: u16,
    /// Thousandths of an em.
    pub advance: u16,
    pub style: Style,
    pub superscript: bool,
    /// Advance in points at the size this atom is set.
    pub width: f32,
}

impl Atom {
    /// Spaces that justification may stretch: the word space and the no-break word space
    /// (as TeX stretches `~`). The narrow no-break space keeps its width.
    pub fn is_stretchable(&self) -> bool {
        self.character == ' ' || self.character == '\u{A0}'
    }
}

/// A paragraph's atoms and its words. Consecutive words are separated by exactly one word
/// space atom, at index `words[i].end`.
#[derive(Debug, Default)]
pub(crate) struct Shaped {
    pub atoms: Vec<Atom>,
    pub words: Vec<Range<usize>>,
    /// Atom indices before which the source had a soft hyphen (a preferred division).
    pub soft_hyphens: Vec<usize>,
}

/// Sizes used to measure a paragraph.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Sizes {
    pub size: f32,
    pub superscript_scale: f32,
}

impl Sizes {
    pub fn of(&self, superscript: bool) -> f32 {
        if superscript {
            self.size * self.superscript_scale
        } else {
            self.size
        }
    }
}

/// Measures `spans` and splits them into words.
pub(crate) fn shape(spans: &[Span], sizes: Sizes, fonts: &Fonts) -> Result<Shaped, TypesetError> {
    let mut shaped = Shaped::default();
    let mut word_start: Option<usize> = None;
    let mut pending_space: Option<Style> = None;
    for span in spans {
        let text: Cow<'_, str> = match is_nfc_quick(span.text.chars()) {
            IsNormalized::Yes => Cow::Borrowed(&span.text),
            _ => Cow::Owned(span.text.nfc().collect()),
        };
        let size = sizes.of(span.superscript);
        for c in text.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r') {
                if let Some(start) = word_start.take() {
                    shaped.words.push(start..shaped.atoms.len());
                    pending_space = Some(span.style);
                }
                continue;
            }
            if c == '\u{AD}' {
                if word_start.is_some() {
                    shaped.soft_hyphens.push(shaped.atoms.len());
                }
                continue;
            }
            if let Some(style) = pending_space.take() {
                // The space between two words, in the face of the text around it; it is set at
                // the body size even next to a superscript.
                let g = fonts.require(style, ' ')?;
                shaped.atoms.push(Atom {
                    character: ' ',
                    gid: g.gid,
                    advance: g.advance,
                    style,
                    superscript: false,
                    width: f32::from(g.advance) * sizes.size / 1000.0,
                });
            }
            if word_start.is_none() {
                word_start = Some(shaped.atoms.len());
            }
            let g = fonts.require(span.style, c)?;
            shaped.atoms.push(Atom {
                character: c,
                gid: g.gid,
                advance: g.advance,
                style: span.style,
                superscript: span.superscript,
                width: f32::from(g.advance) * size / 1000.0,
            });
        }
    }
    if let Some(start) = word_start {
        shaped.words.push(start..shaped.atoms.len());
    }
    Ok(shaped)
}

/// Natural width of a range of atoms, in points.
pub(crate) fn width_of(atoms: &[Atom]) -> f32 {
    atoms.iter().map(|a| a.width).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes() -> Sizes {
        Sizes {
            size: 10.0,
            superscript_scale: 0.5,
        }
    }

    fn text_of(s: &Shaped) -> String {
        s.atoms.iter().map(|a| a.character).collect()
    }

    #[test]
    fn white_space_runs_become_one_word_space() {
        let s = shape(
            &[Span::plain("  Madame,\n  Monsieur, ")],
            sizes(),
            Fonts::charis(),
        )
        .unwrap();
        assert_eq!(text_of(&s), "Madame, Monsieur,");
        assert_eq!(s.words, vec![0..7, 8..17]);
    }

    #[test]
    fn no_break_spaces_stay_inside_words() {
        let s = shape(
            &[Span::plain("Objet\u{A0}: refus\u{202F}!")],
            sizes(),
            Fonts::charis(),
        )
        .unwrap();
        assert_eq!(s.words.len(), 2);
        assert_eq!(text_of(&s), "Objet\u{A0}: refus\u{202F}!");
    }

    #[test]
    fn words_continue_across_spans_and_superscripts_are_smaller() {
        let spans = [
            Span::plain("le 1"),
            Span {
                text: "er".into(),
                style: Style::Regular,
                superscript: true,
            },
            Span::plain(" mai"),
        ];
        let s = shape(&spans, sizes(), Fonts::charis()).unwrap();
        assert_eq!(s.words, vec![0..2, 3..6, 7..10]);
        let e = s.atoms[4];
        assert!(e.superscript);
        assert!((e.width - f32::from(e.advance) * 5.0 / 1000.0).abs() < 1e-6);
    }

    #[test]
    fn decomposed_accents_are_composed() {
        let s = shape(&[Span::plain("re\u{301}ponse")], sizes(), Fonts::charis()).unwrap();
        assert_eq!(text_of(&s), "réponse");
    }

    #[test]
    fn soft_hyphens_mark_a_division_and_are_not_drawn() {
        let s = shape(&[Span::plain("Tran\u{AD}quille")], sizes(), Fonts::charis()).unwrap();
        assert_eq!(text_of(&s), "Tranquille");
        assert_eq!(s.soft_hyphens, vec![4]);
    }

    #[test]
    fn a_missing_character_is_reported() {
        let e = shape(&[Span::plain("neige ☃")], sizes(), Fonts::charis()).unwrap_err();
        assert_eq!(
            e,
            TypesetError::MissingGlyph {
                character: '☃',
                style: Style::Regular
            }
        );
    }
}
