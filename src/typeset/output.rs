//! The laid-out letter: pages of positioned glyph runs and rules, with nothing left to decide.
//!
//! This is the contract between the layout engine and the PDF writer. It carries glyph ids of
//! the full font (the writer subsets and renumbers them), the source character of each glyph
//! (so text extraction returns exactly the letter's text) and absolute positions in points.

use crate::letter::{Metadata, Style};

/// A letter after layout, ready to be written.
#[derive(Clone, Debug, PartialEq)]
pub struct LaidOutLetter {
    /// Page width and height in points.
    pub page_size: (f32, f32),
    /// The pages in order.
    pub pages: Vec<Page>,
    /// Title, author, subject and date for the PDF Info dictionary.
    pub metadata: Metadata,
}

/// One page.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Page {
    /// Text, in reading order.
    pub runs: Vec<GlyphRun>,
    /// Lines drawn on the page (fold marks).
    pub rules: Vec<Rule>,
}

/// Glyphs set one after the other on one baseline, in one face and size.
#[derive(Clone, Debug, PartialEq)]
pub struct GlyphRun {
    /// The face.
    pub style: Style,
    /// Size in points.
    pub size: f32,
    /// Left end of the run, in points from the left edge of the page.
    pub x: f32,
    /// Baseline, in points from the top edge of the page.
    pub baseline: f32,
    /// The glyphs, left to right.
    pub glyphs: Vec<PlacedGlyph>,
}

/// One glyph and the space it takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PlacedGlyph {
    /// Glyph id in the full font.
    pub gid: u16,
    /// The character it stands for in the source text. A hyphen added at a line break is
    /// U+00AD SOFT HYPHEN: it is not part of the text, and extraction can drop it.
    pub character: char,
    /// Advance in thousandths of an em.
    pub advance: u16,
    /// Space added after the glyph, in points (justification).
    pub extra: f32,
}

/// A straight line.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rule {
    /// Start, in points from the left and top edges of the page.
    pub from: (f32, f32),
    /// End, same units.
    pub to: (f32, f32),
    /// Line width in points.
    pub thickness: f32,
}

impl GlyphRun {
    /// Total advance of the run in points, justification included.
    pub fn width(&self) -> f32 {
        let em: u32 = self.glyphs.iter().map(|g| u32::from(g.advance)).sum();
        let extra: f32 = self.glyphs.iter().map(|g| g.extra).sum();
        em as f32 * self.size / 1000.0 + extra
    }

    /// The characters of the run, as a reader copying it would get them.
    pub fn text(&self) -> String {
        self.glyphs.iter().map(|g| g.character).collect()
    }
}

impl LaidOutLetter {
    /// Number of pages.
    pub fn page_count(&self) -> usize {
        self.pages.len()
    }
}
