//! The three Charis SIL faces, parsed once per process and shared by every thread.
//!
//! Measuring is the engine's innermost loop, so each face keeps a dense table from character
//! to glyph id and advance for the first 8,704 code points (Latin, general punctuation,
//! currency and letter-like symbols: everything a French letter uses), and falls back to the
//! font's `cmap` beyond it.
//!
//! Advances are kept in thousandths of an em, rounded, because that is the unit of the PDF
//! `/W` array that tells readers how far to move after each glyph. Measuring with exactly the
//! numbers the reader will use means a justified line ends exactly on the margin.

use std::sync::OnceLock;

use ttf_parser::GlyphId;

use super::error::TypesetError;
use crate::assets;
use crate::letter::Style;

/// Code points below this are looked up in a table instead of the font's `cmap`.
const DENSE_END: usize = 0x2200;

/// A glyph of the font and how far it advances the pen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GlyphInfo {
    /// Glyph id in the full (not subset) font.
    pub gid: u16,
    /// Advance width in thousandths of an em.
    pub advance: u16,
}

/// Vertical metrics and descriptor values of a face, in thousandths of an em.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FaceMetrics {
    /// Height of ascenders above the baseline.
    pub ascent: i16,
    /// Depth of descenders below the baseline (negative).
    pub descent: i16,
    /// Height of capitals.
    pub cap_height: i16,
    /// Font bounding box: x min, y min, x max, y max.
    pub bbox: [i16; 4],
    /// `hhea` caret slope, from which PDF readers learn the italic angle.
    pub caret_slope: (i16, i16),
    /// OS/2 weight class (400 regular, 700 bold).
    pub weight: u16,
}

/// One face: its bytes (for embedding), its parsed tables (for rare characters) and its
/// dense measuring table.
struct FaceData {
    postscript_name: &'static str,
    bytes: &'static [u8],
    face: ttf_parser::Face<'static>,
    units_per_em: u16,
    /// Indexed by code point; `gid == 0` means the font has no glyph for it.
    dense: Box<[GlyphInfo]>,
    metrics: FaceMetrics,
}

impl std::fmt::Debug for FaceData {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FaceData")
            .field("postscript_name", &self.postscript_name)
            .field("bytes", &self.bytes.len())
            .field("metrics", &self.metrics)
            .finish_non_exhaustive()
    }
}

/// The regular, bold and italic faces of the letter's typeface, ready to measure.
///
/// Parse once and share: [`Fonts::charis`] returns a process-wide instance; the type is
/// `Send + Sync`, so batch workers can all borrow it.
#[derive(Debug)]
pub struct Fonts {
    faces: [FaceData; 3],
}

impl Fonts {
    /// The embedded Charis SIL faces, parsed on first use.
    pub fn charis() -> &'static Fonts {
        static CHARIS: OnceLock<Fonts> = OnceLock::new();
        CHARIS.get_or_init(|| {
            // The bytes are compiled in and parsed by a unit test, so this cannot fail at run
            // time unless the binary itself is corrupt.
            Fonts::from_faces([
                ("CharisSIL", assets::CHARIS_SIL_REGULAR),
                ("CharisSIL-Bold", assets::CHARIS_SIL_BOLD),
                ("CharisSIL-Italic", assets::CHARIS_SIL_ITALIC),
            ])
            .expect("the embedded Charis SIL fonts parse")
        })
    }

    /// Parses three faces given as (PostScript name, TrueType bytes), in the order regular,
    /// bold, italic. Faces with CFF outlines are refused as unreadable.
    pub fn from_faces(faces: [(&'static str, &'static [u8]); 3]) -> Result<Fonts, TypesetError> {
        let [r, b, i] = faces;
        Ok(Fonts {
            faces: [
                FaceData::parse(r.0, r.1)?,
                FaceData::parse(b.0, b.1)?,
                FaceData::parse(i.0, i.1)?,
            ],
        })
    }

    fn face(&self, style: Style) -> &FaceData {
        match style {
            Style::Regular => &self.faces[0],
            Style::Bold => &self.faces[1],
            Style::Italic => &self.faces[2],
        }
    }

    /// The glyph for `c` in the given face, or `None` if the font cannot draw it.
    #[inline]
    pub fn glyph(&self, style: Style, c: char) -> Option<GlyphInfo> {
        let face = self.face(style);
        let info = match face.dense.get(c as usize) {
            Some(info) => *info,
            None => face.lookup(c),
        };
        (info.gid != 0).then_some(info)
    }

    /// Like [`Fonts::glyph`], but a missing glyph is the user-facing error.
    #[inline]
    pub fn require(&self, style: Style, c: char) -> Result<GlyphInfo, TypesetError> {
        self.glyph(style, c).ok_or(TypesetError::MissingGlyph {
            character: c,
            style,
        })
    }

    /// Advance of a glyph id in thousandths of an em (0 for an unknown id).
    pub fn advance_of(&self, style: Style, gid: u16) -> u16 {
        let face = self.face(style);
        face.face
            .glyph_hor_advance(GlyphId(gid))
            .map_or(0, |a| scale(a, face.units_per_em))
    }

    /// Number of glyphs in a face; glyph ids are below it.
    pub fn glyph_count(&self, style: Style) -> u16 {
        self.face(style).face.number_of_glyphs()
    }

    /// Metrics of a face, in thousandths of an em.
    pub fn metrics(&self, style: Style) -> &FaceMetrics {
        &self.face(style).metrics
    }

    /// The face's PostScript name, which PDF readers show in font lists.
    pub fn postscript_name(&self, style: Style) -> &'static str {
        self.face(style).postscript_name
    }

    /// The complete TrueType file of a face, to be subset for embedding.
    pub fn font_bytes(&self, style: Style) -> &'static [u8] {
        self.face(style).bytes
    }
}

impl FaceData {
    fn parse(
        postscript_name: &'static str,
        bytes: &'static [u8],
    ) -> Result<FaceData, TypesetError> {
        let face = ttf_parser::Face::parse(bytes, 0)
            .map_err(|_| TypesetError::BrokenFont(postscript_name))?;
        let units_per_em = face.units_per_em();
        // TrueType outlines only: the PDF writer embeds every face as a TrueType program
        // (`/FontFile2`), see `pdf::subset`.
        if units_per_em == 0 || face.tables().glyf.is_none() {
            return Err(TypesetError::BrokenFont(postscript_name));
        }
        let mut dense = vec![GlyphInfo { gid: 0, advance: 0 }; DENSE_END].into_boxed_slice();
        for (cp, slot) in dense.iter_mut().enumerate() {
            // Every code point is asked once at start-up; invalid ones (surrogates) are absent
            // from the table anyway.
            if let Some(c) = char::from_u32(cp as u32) {
                *slot = lookup_in(&face, units_per_em, c);
            }
        }
        let em = |v: i16| (i32::from(v) * 1000 / i32::from(units_per_em)) as i16;
        let bbox = face.global_bounding_box();
        let hhea_caret = caret_slope(&face);
        let metrics = FaceMetrics {
            ascent: em(face.ascender()),
            descent: em(face.descender()),
            cap_height: em(face.capital_height().unwrap_or(face.ascender())),
            bbox: [
                em(bbox.x_min),
                em(bbox.y_min),
                em(bbox.x_max),
                em(bbox.y_max),
            ],
            caret_slope: hhea_caret,
            weight: face.weight().to_number(),
        };
        Ok(FaceData {
            postscript_name,
            bytes,
            face,
            units_per_em,
            dense,
            metrics,
        })
    }

    fn lookup(&self, c: char) -> GlyphInfo {
        lookup_in(&self.face, self.units_per_em, c)
    }
}

fn lookup_in(face: &ttf_parser::Face<'_>, units_per_em: u16, c: char) -> GlyphInfo {
    match face.glyph_index(c) {
        Some(gid) if gid.0 != 0 => GlyphInfo {
            gid: gid.0,
            advance: face
                .glyph_hor_advance(gid)
                .map_or(0, |a| scale(a, units_per_em)),
        },
        _ => GlyphInfo { gid: 0, advance: 0 },
    }
}

/// Font units to thousandths of an em, rounded to nearest.
fn scale(advance: u16, units_per_em: u16) -> u16 {
    let v = (u32::from(advance) * 1000 + u32::from(units_per_em) / 2) / u32::from(units_per_em);
    u16::try_from(v).unwrap_or(u16::MAX)
}

/// The `hhea` caret slope (rise, run). ttf-parser exposes only the italic angle, so the
/// slope is rebuilt from it; an upright face gives (1, 0).
fn caret_slope(face: &ttf_parser::Face<'_>) -> (i16, i16) {
    let angle = face.italic_angle();
    if angle == 0.0 {
        return (1, 0);
    }
    // PDF readers compute the angle back with atan2(run, rise); 1000 keeps three digits.
    let run = (-(angle.to_radians().tan()) * 1000.0).round() as i16;
    (1000, run)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fonts_are_shared_across_threads() {
        fn assert_send_sync<T: Send + Sync>() {}
        assert_send_sync::<Fonts>();
    }

    #[test]
    fn charis_draws_french_and_distinguishes_the_spaces() {
        let fonts = Fonts::charis();
        for style in [Style::Regular, Style::Bold, Style::Italic] {
            for c in "’«»œŒ€éèêàçùÉÀ°–—…ășțłńőğıżñøå".chars() {
                assert!(fonts.glyph(style, c).is_some(), "{c} in {style:?}");
            }
            let space = fonts.require(style, ' ').unwrap();
            let nbsp = fonts.require(style, '\u{A0}').unwrap();
            let nnbsp = fonts.require(style, '\u{202F}').unwrap();
            assert_ne!(space.gid, nbsp.gid);
            assert_ne!(space.gid, nnbsp.gid);
            assert_ne!(nbsp.gid, nnbsp.gid);
            assert_eq!(
                space.advance, nbsp.advance,
                "the no-break space is a word space"
            );
            assert!(
                nnbsp.advance < space.advance,
                "the narrow space is narrower"
            );
            let hyphen = fonts.require(style, '-').unwrap();
            let soft = fonts.require(style, '\u{AD}').unwrap();
            assert_ne!(hyphen.gid, soft.gid);
        }
    }

    #[test]
    fn advances_are_rounded_thousandths_of_an_em() {
        // Charis: space is 600/2048 em, the em dash a full em.
        let fonts = Fonts::charis();
        assert_eq!(fonts.require(Style::Regular, ' ').unwrap().advance, 293);
        assert_eq!(fonts.require(Style::Regular, '—').unwrap().advance, 1000);
    }

    #[test]
    fn a_character_beyond_the_dense_table_is_found_through_the_cmap() {
        let fonts = Fonts::charis();
        // U+A78B LATIN CAPITAL LETTER SALTILLO is in Charis, far above the table.
        assert!(fonts.glyph(Style::Regular, '\u{A78B}').is_some());
        assert_eq!(fonts.glyph(Style::Regular, '☃'), None);
    }

    #[test]
    fn missing_glyph_is_an_error_naming_the_character() {
        let e = Fonts::charis().require(Style::Regular, '☃').unwrap_err();
        assert_eq!(
            e,
            TypesetError::MissingGlyph {
                character: '☃',
                style: Style::Regular
            }
        );
    }

    #[test]
    fn italic_face_reports_a_slanted_caret() {
        let fonts = Fonts::charis();
        assert_eq!(fonts.metrics(Style::Regular).caret_slope, (1, 0));
        assert!(fonts.metrics(Style::Italic).caret_slope.1 > 0);
        assert_eq!(fonts.metrics(Style::Bold).weight, 700);
    }
}
