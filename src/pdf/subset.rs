//! Per-document font subsets: only the glyphs a document draws are embedded.
//!
//! printpdf built without `text_layout` embeds whole fonts (about 750 KB per Charis face), so
//! we subset ourselves with `subsetter`, which renumbers glyphs. We then hand printpdf a
//! `ParsedFont` built from values we already have: a character → new glyph map for the
//! characters used (printpdf encodes text and writes `/ToUnicode` from it) and the advances
//! in thousandths of an em the layout measured with (printpdf writes them as `/W`), so readers
//! place every glyph exactly where the layout did.
//!
//! The subset's tables are reordered so that those identical in every subset of a face
//! (hinting programs, `name`) sit together; their compressed form is made once per process
//! (see `flate`), and the document writer swaps it into the font stream.

use std::collections::BTreeMap;
use std::sync::Arc;

use md5::{Digest, Md5};
use printpdf::{FontId, FontMetrics, FontType, ParsedFont, PdfFont, PdfFontMetricsStub};

use super::error::PdfError;
use super::flate::{self, Part, Precompressed};
use crate::letter::Style;
use crate::typeset::{Fonts, Page};

/// One face as embedded in one document.
#[derive(Debug)]
pub(crate) struct EmbeddedFace {
    pub style: Style,
    pub id: FontId,
    pub font: PdfFont,
    /// The font program's zlib stream, to replace the uncompressed one printpdf writes.
    pub program_zlib: Vec<u8>,
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

/// What a document uses of one face: advance by glyph id (0 = unused) and the characters.
struct Usage {
    advance: Vec<u16>,
    /// The character first seen for each glyph id.
    first_char: Vec<char>,
    /// Characters drawn with a glyph first seen for another character (fonts may share a
    /// glyph between, say, µ and μ).
    shared: Vec<(char, u16)>,
}

impl Usage {
    fn new(glyph_count: u16) -> Self {
        let n = usize::from(glyph_count);
        Usage {
            advance: vec![0; n],
            first_char: vec!['\0'; n],
            shared: Vec::new(),
        }
    }

    fn is_empty(&self) -> bool {
        self.advance.iter().all(|&a| a == 0)
    }
}

/// Subsets every face the pages use, in the order regular, bold, italic.
pub(crate) fn embed<'p>(
    pages: impl Iterator<Item = &'p Page>,
    fonts: &Fonts,
) -> Result<Vec<EmbeddedFace>, PdfError> {
    const STYLES: [Style; 3] = [Style::Regular, Style::Bold, Style::Italic];
    let mut usage: [Option<Usage>; 3] = [None, None, None];
    for page in pages {
        for run in &page.runs {
            let i = index(run.style);
            let u = usage[i].get_or_insert_with(|| Usage::new(fonts.glyph_count(run.style)));
            for g in &run.glyphs {
                let gid = usize::from(g.gid);
                let Some(slot) = u.advance.get_mut(gid) else {
                    continue;
                };
                if *slot == 0 {
                    // A zero advance (a combining mark) is stored as 1 so the glyph counts as
                    // used; `/W` gets the real advance from `first_char`'s lookup below.
                    *slot = g.advance.max(1);
                    u.first_char[gid] = g.character;
                } else if u.first_char[gid] != g.character
                    && !u.shared.iter().any(|&(c, _)| c == g.character)
                {
                    u.shared.push((g.character, g.gid));
                }
            }
        }
    }
    let mut faces = Vec::new();
    for (style, u) in STYLES.into_iter().zip(usage) {
        if let Some(u) = u
            && !u.is_empty()
        {
            faces.push(embed_face(style, &u, fonts)?);
        }
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

fn embed_face(style: Style, usage: &Usage, fonts: &Fonts) -> Result<EmbeddedFace, PdfError> {
    let name = fonts.postscript_name(style);
    let mut remapper = subsetter::GlyphRemapper::new();
    remapper.remap(0);
    let mut remap = vec![0_u16; usage.advance.len()];
    let mut glyph_widths = BTreeMap::new();
    let mut codepoint_to_glyph = BTreeMap::new();
    let mut tag = Md5::new();
    tag.update(name.as_bytes());
    for (old, &advance) in usage.advance.iter().enumerate() {
        if advance == 0 {
            continue;
        }
        let old_gid = old as u16;
        let new = remapper.remap(old_gid);
        remap[old] = new;
        let advance = if advance == 1 {
            fonts.advance_of(style, old_gid)
        } else {
            advance
        };
        glyph_widths.insert(new, advance);
        codepoint_to_glyph.insert(u32::from(usage.first_char[old]), new);
        tag.update(old_gid.to_be_bytes());
    }
    for &(c, old) in &usage.shared {
        codepoint_to_glyph.insert(u32::from(c), remap[usize::from(old)]);
    }
    let subset =
        subsetter::subset(fonts.font_bytes(style), 0, &remapper).map_err(|e| PdfError::Subset {
            face: name,
            reason: e.to_string(),
        })?;
    let program = FontProgram::arrange(&subset).ok_or_else(|| PdfError::Subset {
        face: name,
        reason: "le sous-ensemble produit n'est pas une police TrueType lisible".to_string(),
    })?;

    let m = fonts.metrics(style);
    // The six capital letters that mark a subset (ISO 32000-1, 9.6.4), derived from the glyph
    // set: the same text always gets the same tag, different subsets different ones.
    let tag: String = tag
        .finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect();
    let parsed = ParsedFont {
        original_bytes: program.bytes,
        font_index: 0,
        font_name: Some(format!("{tag}+{name}")),
        codepoint_to_glyph,
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
        font: PdfFont::new(parsed),
        program_zlib: program.zlib,
    })
}

/// Tables a subset copies unchanged from the full font.
const CONSTANT_TABLES: [&[u8; 4]; 4] = [b"cvt ", b"fpgm", b"prep", b"name"];

/// A subset rearranged as directory, constant tables, other tables; and its zlib stream.
struct FontProgram {
    bytes: Vec<u8>,
    zlib: Vec<u8>,
}

impl FontProgram {
    fn arrange(subset: &[u8]) -> Option<FontProgram> {
        let count = usize::from(u16::from_be_bytes(subset.get(4..6)?.try_into().ok()?));
        let mut tables: Vec<([u8; 4], u32, &[u8])> = Vec::with_capacity(count);
        for i in 0..count {
            let record = subset.get(12 + 16 * i..28 + 16 * i)?;
            let tag: [u8; 4] = record[0..4].try_into().ok()?;
            let checksum = u32::from_be_bytes(record[4..8].try_into().ok()?);
            let offset = u32::from_be_bytes(record[8..12].try_into().ok()?) as usize;
            let length = u32::from_be_bytes(record[12..16].try_into().ok()?) as usize;
            tables.push((tag, checksum, subset.get(offset..offset + length)?));
        }
        let is_constant = |tag: &[u8; 4]| CONSTANT_TABLES.contains(&tag);
        let padded = |len: usize| len.div_ceil(4) * 4;

        // Constant tables, in a fixed order, each padded to four bytes.
        let mut constant = Vec::new();
        let mut offsets = BTreeMap::new();
        let directory_len = 12 + 16 * count;
        for wanted in CONSTANT_TABLES {
            if let Some((tag, _, data)) = tables.iter().find(|t| &t.0 == wanted) {
                offsets.insert(*tag, directory_len + constant.len());
                constant.extend_from_slice(data);
                constant.resize(padded(constant.len()), 0);
            }
        }
        let mut rest = Vec::new();
        for (tag, _, data) in tables.iter().filter(|t| !is_constant(&t.0)) {
            offsets.insert(*tag, directory_len + constant.len() + rest.len());
            rest.extend_from_slice(data);
            rest.resize(padded(rest.len()), 0);
        }

        // The directory keeps the subset's header and tag order, with the new offsets.
        let mut directory = subset.get(..12)?.to_vec();
        for (tag, checksum, data) in &tables {
            directory.extend_from_slice(tag);
            directory.extend_from_slice(&checksum.to_be_bytes());
            directory.extend_from_slice(&(*offsets.get(tag)? as u32).to_be_bytes());
            directory.extend_from_slice(&(data.len() as u32).to_be_bytes());
        }

        // The whole-font checksum in `head` covers the directory, whose offsets changed.
        let head_at = offsets
            .get(b"head")
            .copied()
            .map(|o| o - directory_len - constant.len());
        if let Some(at) = head_at
            && rest.len() >= at + 12
        {
            rest[at + 8..at + 12].fill(0);
            let sum = [&directory[..], &constant, &rest]
                .iter()
                .fold(0u32, |s, part| s.wrapping_add(checksum(part)));
            rest[at + 8..at + 12].copy_from_slice(&0xB1B0_AFBA_u32.wrapping_sub(sum).to_be_bytes());
        }

        let cached: Arc<Precompressed> = flate::cached(&constant);
        let zlib = flate::zlib_from_parts(&[
            Part::Fresh(&directory),
            Part::Cached(&cached),
            Part::Fresh(&rest),
        ]);
        let mut bytes = directory;
        bytes.extend_from_slice(&constant);
        bytes.extend_from_slice(&rest);
        Some(FontProgram { bytes, zlib })
    }
}

/// Sum of big-endian u32 words, the last one zero-padded (the sfnt table checksum).
fn checksum(data: &[u8]) -> u32 {
    data.chunks(4).fold(0u32, |sum, chunk| {
        let mut word = [0u8; 4];
        word[..chunk.len()].copy_from_slice(chunk);
        sum.wrapping_add(u32::from_be_bytes(word))
    })
}

#[cfg(test)]
mod tests {
    use std::io::Read;

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
    fn a_subset_is_a_small_valid_font_with_renumbered_glyphs() {
        let pages = [page(Style::Regular, "Préfecture œuvre « éà »")];
        let faces = embed(pages.iter(), Fonts::charis()).unwrap();
        assert_eq!(faces.len(), 1);
        let font = &faces[0].font.parsed_font;
        assert!(
            font.original_bytes.len() < 40_000,
            "{} bytes",
            font.original_bytes.len()
        );
        let new_p = font.codepoint_to_glyph[&u32::from('P')];
        assert!(new_p >= 1);
        assert_eq!(
            font.glyph_widths[&new_p],
            Fonts::charis()
                .require(Style::Regular, 'P')
                .unwrap()
                .advance
        );
        let sub = ttf_parser::Face::parse(&font.original_bytes, 0).unwrap();
        assert!(sub.glyph_bounding_box(ttf_parser::GlyphId(new_p)).is_some());
        // The rearranged file keeps a valid whole-font checksum.
        assert_eq!(checksum(&font.original_bytes), 0xB1B0_AFBA);
    }

    #[test]
    fn the_compressed_program_inflates_to_the_embedded_bytes() {
        let pages = [page(Style::Bold, "Objet : Réf. :")];
        let face = embed(pages.iter(), Fonts::charis()).unwrap().remove(0);
        let mut inflated = Vec::new();
        flate2::read::ZlibDecoder::new(&face.program_zlib[..])
            .read_to_end(&mut inflated)
            .unwrap();
        assert_eq!(inflated, face.font.parsed_font.original_bytes);
    }

    #[test]
    fn subset_tags_differ_between_subsets_and_repeat_for_the_same_text() {
        let tag = |t: &str| {
            let pages = [page(Style::Bold, t)];
            embed(pages.iter(), Fonts::charis()).unwrap()[0]
                .font
                .parsed_font
                .font_name
                .clone()
                .unwrap()
        };
        assert_eq!(tag("Objet"), tag("Objet"));
        assert_ne!(tag("Objet"), tag("Réf."));
        let name = tag("Objet");
        assert!(
            name[..6].chars().all(|c| c.is_ascii_uppercase()) && &name[6..] == "+CharisSIL-Bold"
        );
    }
}
