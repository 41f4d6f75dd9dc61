//! Per-document font subsets: only the glyphs a document draws are embedded.
//!
//! printpdf built without `text_layout` embeds whole fonts (about 750 KB per Charis face), so
//! we subset ourselves with `subsetter`, which renumbers glyphs; the content stream then uses
//! the new numbers. We also build printpdf's `ParsedFont` by hand from values we already
//! have: its advances in thousandths of an em are exactly those the layout measured with, so
//! the `/W` widths readers use reproduce the layout's positions to the unit.

use std::collections::BTreeMap;

use md5::{Digest, Md5};
use printpdf::{FontId, FontMetrics, FontType, ParsedFont, PdfFont, PdfFontMetricsStub};

use super::error::PdfError;
use crate::letter::Style;
use crate::typeset::{Fonts, Page};

/// One face as embedded in one document.
#[derive(Debug)]
pub(crate) struct EmbeddedFace {
    pub style: Style,
    pub id: FontId,
    /// Old glyph id → new glyph id; 0 where the glyph is not used.
    remap: Vec<u16>,
    pub font: PdfFont,
}

impl EmbeddedFace {
    /// The subset's glyph id for a glyph of the full font.
    pub fn new_gid(&self, old: u16) -> u16 {
        self.remap.get(usize::from(old)).copied().unwrap_or(0)
    }
}

/// The resource name of a face in content streams. Fixed, so that output does not depend on
/// printpdf's process-wide id counter.
pub(crate) fn font_id(style: Style) -> FontId {
    FontId(
        match style {
            Style::Regular => "R",
            Style::Bold => "B",
            Style::Italic => "I",
        }
        .to_string(),
    )
}

/// Subsets every face the pages use, in the order regular, bold, italic.
pub(crate) fn embed<'p>(
    pages: impl Iterator<Item = &'p Page>,
    fonts: &Fonts,
) -> Result<Vec<EmbeddedFace>, PdfError> {
    // Used glyphs per face, as (gid → advance), ordered by gid.
    let mut used: [BTreeMap<u16, u16>; 3] = Default::default();
    for page in pages {
        for run in &page.runs {
            let set = &mut used[index(run.style)];
            for g in &run.glyphs {
                set.insert(g.gid, g.advance);
            }
        }
    }
    let mut faces = Vec::new();
    for style in [Style::Regular, Style::Bold, Style::Italic] {
        let glyphs = &used[index(style)];
        if glyphs.is_empty() {
            continue;
        }
        faces.push(embed_face(style, glyphs, fonts)?);
    }
    Ok(faces)
}

fn index(style: Style) -> usize {
    match style {
        Style::Regular => 0,
        Style::Bold => 1,
        Style::Italic => 2,
    }
}

fn embed_face(
    style: Style,
    glyphs: &BTreeMap<u16, u16>,
    fonts: &Fonts,
) -> Result<EmbeddedFace, PdfError> {
    let name = fonts.postscript_name(style);
    let mut remapper = subsetter::GlyphRemapper::new();
    remapper.remap(0);
    let max = glyphs.keys().next_back().copied().unwrap_or(0);
    let mut remap = vec![0_u16; usize::from(max) + 1];
    let mut glyph_widths = BTreeMap::new();
    for (&old, &advance) in glyphs {
        let new = remapper.remap(old);
        remap[usize::from(old)] = new;
        glyph_widths.insert(new, advance);
    }
    let bytes =
        subsetter::subset(fonts.font_bytes(style), 0, &remapper).map_err(|e| PdfError::Subset {
            face: name,
            reason: e.to_string(),
        })?;

    let m = fonts.metrics(style);
    let parsed = ParsedFont {
        original_bytes: bytes,
        font_index: 0,
        font_name: Some(format!("{}+{name}", subset_tag(name, glyphs))),
        codepoint_to_glyph: BTreeMap::new(),
        glyph_widths,
        // Everything below is already in thousandths of an em.
        units_per_em: 1000,
        font_metrics: FontMetrics {
            ascent: m.ascent,
            descent: m.descent,
        },
        font_type: FontType::TrueType,
        pdf_font_metrics: PdfFontMetricsStub {
            units_per_em: 1000,
            x_min: m.bbox[0],
            y_min: m.bbox[1],
            x_max: m.bbox[2],
            y_max: m.bbox[3],
            caret_slope_rise: m.caret_slope.0,
            caret_slope_run: m.caret_slope.1,
            us_weight_class: m.weight,
        },
    };
    Ok(EmbeddedFace {
        style,
        id: font_id(style),
        remap,
        font: PdfFont::new(parsed),
    })
}

/// The six capital letters that mark a subset (ISO 32000-1, 9.6.4). Derived from the glyph
/// set, so the same text always gets the same tag and different subsets get different ones.
fn subset_tag(name: &str, glyphs: &BTreeMap<u16, u16>) -> String {
    let mut hash = Md5::new();
    hash.update(name.as_bytes());
    for gid in glyphs.keys() {
        hash.update(gid.to_be_bytes());
    }
    hash.finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::{GlyphRun, PlacedGlyph};

    fn page(style: Style, text: &str) -> Page {
        let fonts = Fonts::charis();
        let glyphs = text
            .chars()
            .map(|c| {
                let g = fonts.require(style, c).unwrap();
                PlacedGlyph {
                    gid: g.gid,
                    character: c,
                    advance: g.advance,
                    extra: 0.0,
                }
            })
            .collect();
        Page {
            runs: vec![GlyphRun {
                style,
                size: 11.0,
                x: 0.0,
                baseline: 0.0,
                glyphs,
            }],
            rules: vec![],
        }
    }

    #[test]
    fn a_subset_is_small_and_renumbers_from_one() {
        let pages = [page(Style::Regular, "Préfecture œuvre « éà »")];
        let faces = embed(pages.iter(), Fonts::charis()).unwrap();
        assert_eq!(faces.len(), 1);
        let face = &faces[0];
        let bytes = &face.font.parsed_font.original_bytes;
        assert!(bytes.len() < 40_000, "{} bytes", bytes.len());
        let p = Fonts::charis().require(Style::Regular, 'P').unwrap().gid;
        assert!(face.new_gid(p) >= 1);
        assert_eq!(face.new_gid(3000), 0);
        let name = face.font.parsed_font.font_name.clone().unwrap();
        assert_eq!(name.len(), "ABCDEF+CharisSIL".len());
        assert!(name[..6].chars().all(|c| c.is_ascii_uppercase()) && name.ends_with("+CharisSIL"));
        // The subset parses and its glyphs have outlines.
        let sub = ttf_parser::Face::parse(bytes, 0).unwrap();
        assert!(
            sub.glyph_bounding_box(ttf_parser::GlyphId(face.new_gid(p)))
                .is_some()
        );
    }

    #[test]
    fn tags_differ_between_subsets_and_repeat_for_the_same_text() {
        let tag = |t: &str| {
            let pages = [page(Style::Bold, t)];
            embed(pages.iter(), Fonts::charis()).unwrap()[0]
                .font
                .parsed_font
                .font_name
                .clone()
        };
        assert_eq!(tag("Objet"), tag("Objet"));
        assert_ne!(tag("Objet"), tag("Réf."));
    }
}
