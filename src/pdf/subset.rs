//! Per-document font subsets: only the glyphs a document draws are embedded.
//!
//! `subsetter` keeps the used glyphs (and the components of composite ones), renumbered from
//! 1 in the order we give them; we give them in increasing glyph id, so the new ids are
//! consecutive and the PDF `/W` array is a single run. Each face records, per new glyph, the
//! advance the layout measured with (in thousandths of an em, so readers place every glyph
//! exactly where the layout did) and the character it stands for (for `/ToUnicode`).
//!
//! The subset's tables are then reordered so that those identical in every subset of a face
//! (hinting programs, `name`) sit together; their compressed form is made once per process
//! (see `flate`).

use std::collections::BTreeMap;
use std::sync::Arc;

use md5::{Digest, Md5};

use super::error::PdfError;
use super::flate::{self, Level, Part, Precompressed};
use crate::letter::Style;
use crate::typeset::{FaceMetrics, Fonts, Page};

/// One face as embedded in one document.
#[derive(Debug)]
pub(crate) struct EmbeddedFace {
    pub style: Style,
    /// `XXXXXX+CharisSIL…`: the subset tag and the face's PostScript name.
    pub base_font: String,
    /// Old glyph id → new glyph id; 0 where the glyph is not used.
    remap: Vec<u16>,
    /// For new glyph ids 1, 2, …: advance (thousandths of an em) and character.
    pub glyphs: Vec<(u16, char)>,
    pub metrics: FaceMetrics,
    /// Length of the font program, uncompressed.
    pub program_len: usize,
    /// The font program as a zlib stream.
    pub program_zlib: Vec<u8>,
}

impl EmbeddedFace {
    /// The subset's glyph id for a glyph of the full font (0, `.notdef`, if unknown).
    #[inline]
    pub fn new_gid(&self, old: u16) -> u16 {
        self.remap.get(usize::from(old)).copied().unwrap_or(0)
    }
}

/// What a document uses of one face: by glyph id, the advance plus one (0 = unused) and the
/// first character drawn with it. A font may draw two characters with one glyph (µ and μ);
/// `/ToUnicode` can name only one, the first.
struct Usage {
    advance: Vec<u32>,
    character: Vec<char>,
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
            let u = usage[index(run.style)].get_or_insert_with(|| {
                let n = usize::from(fonts.glyph_count(run.style));
                Usage {
                    advance: vec![0; n],
                    character: vec!['\0'; n],
                }
            });
            for g in &run.glyphs {
                let gid = usize::from(g.gid);
                if let Some(slot) = u.advance.get_mut(gid)
                    && *slot == 0
                {
                    *slot = u32::from(g.advance) + 1;
                    u.character[gid] = g.character;
                }
            }
        }
    }
    let mut faces = Vec::new();
    for (style, u) in STYLES.into_iter().zip(usage) {
        if let Some(u) = u {
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
    let mut glyphs = Vec::new();
    let mut tag = Md5::new();
    tag.update(name.as_bytes());
    for (old, (&advance, &character)) in usage.advance.iter().zip(&usage.character).enumerate() {
        if advance == 0 {
            continue;
        }
        let old_gid = old as u16;
        remap[old] = remapper.remap(old_gid);
        glyphs.push(((advance - 1) as u16, character));
        tag.update(old_gid.to_be_bytes());
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
    // The six capital letters that mark a subset (ISO 32000-1, 9.6.4), derived from the glyph
    // set: the same text always gets the same tag, different subsets different ones.
    let tag: String = tag
        .finalize()
        .iter()
        .take(6)
        .map(|b| char::from(b'A' + b % 26))
        .collect();
    Ok(EmbeddedFace {
        style,
        base_font: format!("{tag}+{name}"),
        remap,
        glyphs,
        metrics: *fonts.metrics(style),
        program_len: program.len,
        program_zlib: program.zlib,
    })
}

/// Tables a subset copies unchanged from the full font.
const CONSTANT_TABLES: [&[u8; 4]; 4] = [b"cvt ", b"fpgm", b"prep", b"name"];

/// A subset rearranged as directory, constant tables, other tables, as a zlib stream.
struct FontProgram {
    len: usize,
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
        let padded = |len: usize| len.div_ceil(4) * 4;

        // Constant tables, in a fixed order, each padded to four bytes; then the others.
        let directory_len = 12 + 16 * count;
        let mut offsets = BTreeMap::new();
        let mut constant = Vec::new();
        for wanted in CONSTANT_TABLES {
            if let Some((tag, _, data)) = tables.iter().find(|t| &t.0 == wanted) {
                offsets.insert(*tag, directory_len + constant.len());
                constant.extend_from_slice(data);
                constant.resize(padded(constant.len()), 0);
            }
        }
        let mut rest = Vec::new();
        for (tag, _, data) in tables.iter().filter(|t| !CONSTANT_TABLES.contains(&&t.0)) {
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
        if let Some(at) = offsets
            .get(b"head")
            .map(|o| o - directory_len - constant.len())
            && rest.len() >= at + 12
        {
            rest[at + 8..at + 12].fill(0);
            let sum = [&directory[..], &constant, &rest]
                .iter()
                .fold(0u32, |s, part| s.wrapping_add(checksum(part)));
            rest[at + 8..at + 12].copy_from_slice(&0xB1B0_AFBA_u32.wrapping_sub(sum).to_be_bytes());
        }

        let cached: Arc<Precompressed> = flate::cached(&constant);
        let parts = [
            Part::Fresh(&directory),
            Part::Cached(&cached),
            Part::Fresh(&rest),
        ];
        let zlib = flate::zlib_from_parts(&parts, Level::Font);
        Some(FontProgram {
            len: directory.len() + constant.len() + rest.len(),
            zlib,
        })
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

    fn program(face: &EmbeddedFace) -> Vec<u8> {
        let mut bytes = Vec::new();
        flate2::read::ZlibDecoder::new(&face.program_zlib[..])
            .read_to_end(&mut bytes)
            .unwrap();
        bytes
    }

    #[test]
    fn a_subset_is_a_small_valid_font_with_consecutive_new_glyph_ids() {
        let text = "Préfecture œuvre « éà »";
        let pages = [page(Style::Regular, text)];
        let faces = embed(pages.iter(), Fonts::charis()).unwrap();
        assert_eq!(faces.len(), 1);
        let face = &faces[0];
        let bytes = program(face);
        assert_eq!(bytes.len(), face.program_len);
        assert!(bytes.len() < 40_000, "{} bytes", bytes.len());
        // The rearranged file keeps a valid whole-font checksum.
        assert_eq!(checksum(&bytes), 0xB1B0_AFBA);

        let fonts = Fonts::charis();
        let p = fonts.require(Style::Regular, 'P').unwrap();
        let new_p = face.new_gid(p.gid);
        assert_eq!(face.glyphs[usize::from(new_p) - 1], (p.advance, 'P'));
        let distinct: std::collections::BTreeSet<char> = text.chars().collect();
        assert_eq!(face.glyphs.len(), distinct.len());
        let sub = ttf_parser::Face::parse(&bytes, 0).unwrap();
        assert!(sub.glyph_bounding_box(ttf_parser::GlyphId(new_p)).is_some());
        assert_eq!(face.new_gid(3000), 0);
    }

    #[test]
    fn subset_tags_differ_between_subsets_and_repeat_for_the_same_text() {
        let tag = |t: &str| {
            let pages = [page(Style::Bold, t)];
            embed(pages.iter(), Fonts::charis())
                .unwrap()
                .remove(0)
                .base_font
        };
        assert_eq!(tag("Objet"), tag("Objet"));
        assert_ne!(tag("Objet"), tag("Réf."));
        let name = tag("Objet");
        assert!(
            name[..6].chars().all(|c| c.is_ascii_uppercase()) && &name[6..] == "+CharisSIL-Bold"
        );
    }
}
