//! Per-document font subsets: only the glyphs a document draws are embedded.
//!
//! printpdf built without `text_layout` embeds whole fonts (about 750 KB per Charis face), so
//! we subset ourselves with `subsetter`, which keeps the used glyphs (and the components of
//! composite ones) renumbered from 1 in the order we give them; we give them in increasing
//! glyph id, so the new ids are consecutive and the PDF `/W` array is a single run.
//!
//! printpdf is then handed its feature-less `ParsedFont`, filled from what the layout already
//! measured rather than by parsing the subset again: the character → new glyph map of the
//! characters drawn (printpdf encodes text and writes `/ToUnicode` from it), the advances in
//! thousandths of an em (printpdf writes them as `/W`, so readers place every glyph exactly
//! where the layout did), and the face's metrics.
//!
//! The tables identical in every subset of a face (hinting programs, `name`) are made once
//! per process, with their compressed form (see `flate`): the subsetter gets the face without
//! them, and each program is laid out as directory, the letter's own tables, those tables.
//! printpdf holds a short marker in place of the program, and the document writer swaps the
//! program's compressed form into the font stream printpdf writes with it.
//!
//! The regular face always carries the letters, digits and French accented letters
//! ([`REPERTOIRE`]), so that the letters of a batch mostly draw the same glyph set, and each
//! thread reuses the faces it embedded lately (`recent`).

use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock, RwLock};

use md5::{Digest, Md5};
use printpdf::{FontId, FontMetrics, FontType, ParsedFont, PdfFont, PdfFontMetricsStub};

use super::error::PdfError;
use super::flate::{self, Level, Part, Precompressed};
use super::recent;
use crate::letter::Style;
use crate::typeset::{FaceMetrics, Fonts, Page};

/// One face as embedded in one document.
#[derive(Clone, Debug)]
pub(crate) struct EmbeddedFace {
    pub style: Style,
    /// The face's resource name in content streams.
    pub id: FontId,
    /// What printpdf embeds: the subset program, its glyph map, widths and metrics.
    pub font: PdfFont,
    pub metrics: FaceMetrics,
    /// The font program as a zlib stream, to replace the marker printpdf writes.
    pub program_zlib: Vec<u8>,
    /// The length of the font program, uncompressed (the stream's `/Length1`).
    pub program_len: usize,
    /// Old glyph id → new glyph id; 0 where the glyph is not used.
    remap: Vec<u16>,
    /// Characters drawn with more than one glyph of this face, sorted. The character map can
    /// hold only one glyph per character: the other glyphs are given to printpdf by id.
    /// Empty for anything our layout produces (one glyph per character and face).
    pub ambiguous: Vec<char>,
}

impl EmbeddedFace {
    /// The subset's glyph id for a glyph of the full font (0, `.notdef`, if unknown).
    #[inline]
    pub fn new_gid(&self, old: u16) -> u16 {
        self.remap.get(usize::from(old)).copied().unwrap_or(0)
    }

    /// Whether `c` is written as a glyph id rather than as text (see `ambiguous`).
    #[inline]
    pub fn needs_glyph_id(&self, c: char, old: u16) -> bool {
        !self.ambiguous.is_empty()
            && self.ambiguous.binary_search(&c).is_ok()
            && self.font.parsed_font.lookup_glyph_index(u32::from(c)) != Some(self.new_gid(old))
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

/// What printpdf is given as a face's font program, and writes as its font stream: a marker
/// the document writer replaces by the real program, compressed. printpdf copies the program
/// it holds several times per document (20 to 30 KB each time, a few percent of a letter);
/// with its subsetting off it never reads it, except to check it is neither empty, a font
/// collection nor a CID-keyed CFF font.
pub(crate) fn program_marker(style: Style) -> Vec<u8> {
    format!("%recours-font-program-{}", font_id(style).0).into_bytes()
}

/// What a document uses of one face: by glyph id, the advance plus one (0 = unused) and the
/// first character drawn with it; and the glyph each character was first drawn with.
pub(crate) struct Usage {
    advance: Vec<u32>,
    character: Vec<char>,
    /// Characters and the first glyph drawn for them, in drawing order.
    glyph_of: Vec<(char, u16)>,
    ambiguous: Vec<char>,
}

impl Usage {
    /// Everything the embedded face is made from, as numbers: two usages with the same
    /// fingerprint give the same face.
    pub(crate) fn fingerprint(&self) -> Vec<u64> {
        let mut out = Vec::with_capacity(self.glyph_of.len() * 2 + self.ambiguous.len() + 2);
        for (gid, &advance) in self.advance.iter().enumerate() {
            if advance != 0 {
                out.push(
                    (gid as u64) << 48 | u64::from(advance) << 21 | u64::from(self.character[gid]),
                );
            }
        }
        out.push(u64::MAX);
        let start = out.len();
        out.extend(
            self.glyph_of
                .iter()
                .map(|&(c, gid)| u64::from(c) << 16 | u64::from(gid)),
        );
        out[start..].sort_unstable();
        out.push(u64::MAX);
        out.extend(self.ambiguous.iter().map(|&c| u64::from(c)));
        out
    }

    /// Records that `c` was drawn with glyph `gid`, seen for the first time with `c`.
    fn note(&mut self, c: char, gid: u16) {
        match self.glyph_of.iter().find(|&&(seen, _)| seen == c) {
            None => self.glyph_of.push((c, gid)),
            Some(&(_, first)) if first != gid => self.ambiguous.push(c),
            Some(_) => {}
        }
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
            let u = usage[index(run.style)].get_or_insert_with(|| {
                let n = usize::from(fonts.glyph_count(run.style));
                Usage {
                    advance: vec![0; n],
                    character: vec!['\0'; n],
                    glyph_of: Vec::new(),
                    ambiguous: Vec::new(),
                }
            });
            for g in &run.glyphs {
                let gid = usize::from(g.gid);
                let Some(slot) = u.advance.get_mut(gid) else {
                    continue;
                };
                if *slot == 0 {
                    *slot = u32::from(g.advance) + 1;
                    u.character[gid] = g.character;
                    u.note(g.character, g.gid);
                } else if u.character[gid] != g.character {
                    // Rare: a glyph drawn for two characters (µ and μ in some fonts).
                    u.note(g.character, g.gid);
                }
            }
        }
    }
    let mut faces = Vec::new();
    for (style, u) in STYLES.into_iter().zip(usage) {
        if let Some(mut u) = u {
            if style == Style::Regular {
                u.add_repertoire(style, fonts);
            }
            u.ambiguous.sort_unstable();
            u.ambiguous.dedup();
            faces.push(recent::embedded(style, u, fonts, embed_face)?);
        }
    }
    Ok(faces)
}

/// Characters the regular face always carries: the letters, digits and French accented
/// letters. A letter's text uses most of them anyway (the templates use the small letters);
/// the capitals, digits and accents of names, addresses and dates vary from letter to
/// letter, and with them the subset would. With them all, the letters of a batch mostly share
/// one regular subset, made once per thread (see `recent`), for about 2 KB more per file
/// (accented letters are small composite glyphs). Measured on 2,000 rows with varied French
/// and foreign names: 1.43 ms of CPU per letter against 1.67 ms with letters and digits only.
const REPERTOIRE: &str = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789\
    àâäçéèêëîïôöùûüÿœæÀÂÄÇÉÈÊËÎÏÔÖÙÛÜŸŒÆ";

impl Usage {
    /// Adds the glyphs of [`REPERTOIRE`] the face has.
    fn add_repertoire(&mut self, style: Style, fonts: &Fonts) {
        for c in REPERTOIRE.chars() {
            let Some(g) = fonts.glyph(style, c) else {
                continue;
            };
            let gid = usize::from(g.gid);
            if self.advance.get(gid) == Some(&0) {
                self.advance[gid] = u32::from(g.advance) + 1;
                self.character[gid] = c;
                self.note(c, g.gid);
            }
        }
    }
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
    let mut tag = Md5::new();
    tag.update(name.as_bytes());
    for (old, &advance) in usage.advance.iter().enumerate() {
        if advance == 0 {
            continue;
        }
        let old_gid = old as u16;
        let new = remapper.remap(old_gid);
        remap[old] = new;
        glyph_widths.insert(new, (advance - 1) as u16);
        tag.update(old_gid.to_be_bytes());
    }
    let codepoint_to_glyph = usage
        .glyph_of
        .iter()
        .map(|&(c, old)| (u32::from(c), remap[usize::from(old)]))
        .collect();
    let failed = |reason: String| PdfError::Subset { face: name, reason };
    let unreadable =
        || failed("le sous-ensemble produit n'est pas une police TrueType lisible".to_string());
    let shared = SharedTables::of(fonts.font_bytes(style))
        .map_err(|e| failed(e.to_string()))?
        .ok_or_else(unreadable)?;
    let subset =
        subsetter::subset(&shared.lean, 0, &remapper).map_err(|e| failed(e.to_string()))?;
    let program = FontProgram::arrange(&subset, &shared).ok_or_else(unreadable)?;

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
        original_bytes: program_marker(style),
        font_index: 0,
        // printpdf writes this name as is (it adds no tag to a font it did not subset).
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
        metrics: *m,
        program_zlib: program.zlib,
        program_len: program.bytes.len(),
        remap,
        ambiguous: usage.ambiguous.clone(),
    })
}

/// Tables a subset copies unchanged from the full font (`name` filtered the same way for
/// every subset), in the order they are laid out.
const CONSTANT_TABLES: [&[u8; 4]; 4] = [b"cvt ", b"fpgm", b"prep", b"name"];

/// What every subset of a face shares, made once per process: the tables every subset copies
/// unchanged (about 14 KB of Charis's 16 to 30 KB subsets), and the face without them, which
/// is what we give the subsetter. The subsetter then neither copies, filters nor checksums
/// those tables again for each letter; we put them back when arranging the subset, so the
/// program is the same, byte for byte, as a subset of the whole face.
#[derive(Debug)]
struct SharedTables {
    /// The face without its constant tables (the subsetter skips tables that are absent).
    lean: Vec<u8>,
    /// Tag, directory checksum and length of each constant table, in `CONSTANT_TABLES` order.
    records: Vec<([u8; 4], u32, usize)>,
    /// The constant tables, each padded to four bytes, and their compressed form.
    constant: Arc<Precompressed>,
    /// Their share of the whole-font checksum.
    constant_sum: u32,
}

impl SharedTables {
    /// The shared tables of the face in `font`, made on first request.
    fn of(font: &'static [u8]) -> Result<Option<Arc<SharedTables>>, subsetter::Error> {
        type Entries = Vec<(usize, Arc<SharedTables>)>;
        static CACHE: OnceLock<RwLock<Entries>> = OnceLock::new();
        let cache = CACHE.get_or_init(|| RwLock::new(Vec::new()));
        // Faces are static data: their address identifies them.
        let key = font.as_ptr() as usize;
        let find = |entries: &Entries| entries.iter().find(|e| e.0 == key).map(|e| e.1.clone());
        if let Ok(entries) = cache.read()
            && let Some(hit) = find(&entries)
        {
            return Ok(Some(hit));
        }
        let Some(made) = Self::make(font)? else {
            return Ok(None);
        };
        let made = Arc::new(made);
        if let Ok(mut entries) = cache.write() {
            if let Some(hit) = find(&entries) {
                return Ok(Some(hit));
            }
            // A few faces are ever embedded; beyond this, faces are prepared each time.
            if entries.len() < 16 {
                entries.push((key, Arc::clone(&made)));
            }
        }
        Ok(Some(made))
    }

    fn make(font: &[u8]) -> Result<Option<SharedTables>, subsetter::Error> {
        // The constant tables as the subsetter writes them: from a subset of `.notdef` alone.
        let mut notdef = subsetter::GlyphRemapper::new();
        notdef.remap(0);
        let sample = subsetter::subset(font, 0, &notdef)?;
        let Some(sample_tables) = tables(&sample) else {
            return Ok(None);
        };
        let mut records = Vec::new();
        let mut constant = Vec::new();
        for wanted in CONSTANT_TABLES {
            if let Some(&(tag, checksum, data)) = sample_tables.iter().find(|t| &t.0 == wanted) {
                records.push((tag, checksum, data.len()));
                constant.extend_from_slice(data);
                constant.resize(constant.len().div_ceil(4) * 4, 0);
            }
        }

        // The face without them: same header and tables, fewer of them.
        let Some(all) = tables(font) else {
            return Ok(None);
        };
        let kept: Vec<_> = all
            .iter()
            .filter(|t| !CONSTANT_TABLES.contains(&&t.0))
            .collect();
        let directory_len = 12 + 16 * kept.len();
        let mut lean = Vec::with_capacity(font.len());
        lean.extend_from_slice(&font[..4]);
        lean.extend_from_slice(&header_fields(kept.len()));
        lean.resize(directory_len, 0);
        for (i, (tag, checksum, data)) in kept.iter().enumerate() {
            let offset = lean.len();
            lean.extend_from_slice(data);
            lean.resize(lean.len().div_ceil(4) * 4, 0);
            let record = &mut lean[12 + 16 * i..28 + 16 * i];
            record[0..4].copy_from_slice(tag);
            record[4..8].copy_from_slice(&checksum.to_be_bytes());
            record[8..12].copy_from_slice(&(offset as u32).to_be_bytes());
            record[12..16].copy_from_slice(&(data.len() as u32).to_be_bytes());
        }
        Ok(Some(SharedTables {
            lean,
            records,
            constant_sum: checksum(&constant),
            constant: flate::cached(&constant),
        }))
    }
}

/// One table of an sfnt: tag, directory checksum and data.
type Table<'a> = ([u8; 4], u32, &'a [u8]);

/// The tables of an sfnt, in directory order.
fn tables(font: &[u8]) -> Option<Vec<Table<'_>>> {
    let count = usize::from(u16::from_be_bytes(font.get(4..6)?.try_into().ok()?));
    let mut tables = Vec::with_capacity(count);
    for i in 0..count {
        let record = font.get(12 + 16 * i..28 + 16 * i)?;
        let tag: [u8; 4] = record[0..4].try_into().ok()?;
        let checksum = u32::from_be_bytes(record[4..8].try_into().ok()?);
        let offset = u32::from_be_bytes(record[8..12].try_into().ok()?) as usize;
        let length = u32::from_be_bytes(record[12..16].try_into().ok()?) as usize;
        tables.push((tag, checksum, font.get(offset..offset + length)?));
    }
    Some(tables)
}

/// `numTables`, `searchRange`, `entrySelector` and `rangeShift` of an sfnt header.
fn header_fields(count: usize) -> [u8; 8] {
    let count = count as u16;
    let selector = count.max(1).ilog2() as u16;
    let range = (1u16 << selector) * 16;
    let mut out = [0u8; 8];
    out[0..2].copy_from_slice(&count.to_be_bytes());
    out[2..4].copy_from_slice(&range.to_be_bytes());
    out[4..6].copy_from_slice(&selector.to_be_bytes());
    out[6..8].copy_from_slice(&(count * 16 - range).to_be_bytes());
    out
}

/// A subset arranged as directory, constant tables, other tables; and its zlib stream.
struct FontProgram {
    bytes: Vec<u8>,
    zlib: Vec<u8>,
}

impl FontProgram {
    /// The program made of `subset` (a subset of `shared.lean`) and the shared tables, laid
    /// out as directory, the subset's tables, the shared tables: what changes from letter to
    /// letter comes first, so it is compressed in one piece.
    fn arrange(subset: &[u8], shared: &SharedTables) -> Option<FontProgram> {
        let own = tables(subset)?;
        let padded = |len: usize| len.div_ceil(4) * 4;
        let count = own.len() + shared.records.len();
        let directory_len = 12 + 16 * count;
        let own_end = directory_len + own.iter().map(|t| padded(t.2.len())).sum::<usize>();
        let total = own_end + shared.constant.bytes.len();

        // Every table's directory record, sorted by tag as the subsetter does.
        let mut records: Vec<([u8; 4], u32, usize, usize)> = Vec::with_capacity(count);
        let mut offset = directory_len;
        for (tag, checksum, data) in &own {
            records.push((*tag, *checksum, offset, data.len()));
            offset += padded(data.len());
        }
        for &(tag, checksum, len) in &shared.records {
            records.push((tag, checksum, offset, len));
            offset += padded(len);
        }
        records.sort_unstable_by_key(|r| r.0);

        let mut bytes = Vec::with_capacity(total);
        bytes.extend_from_slice(subset.get(..4)?);
        bytes.extend_from_slice(&header_fields(count));
        for (tag, checksum, offset, len) in &records {
            bytes.extend_from_slice(tag);
            bytes.extend_from_slice(&checksum.to_be_bytes());
            bytes.extend_from_slice(&(*offset as u32).to_be_bytes());
            bytes.extend_from_slice(&(*len as u32).to_be_bytes());
        }
        let mut head = None;
        for (tag, _, data) in &own {
            if tag == b"head" {
                head = Some(bytes.len());
            }
            bytes.extend_from_slice(data);
            bytes.resize(padded(bytes.len()), 0);
        }
        bytes.extend_from_slice(&shared.constant.bytes);

        // The whole-font checksum in `head` covers everything, the new directory included.
        if let Some(at) = head
            && bytes.len() >= at + 12
        {
            bytes[at + 8..at + 12].fill(0);
            let sum = checksum(&bytes[..own_end]).wrapping_add(shared.constant_sum);
            bytes[at + 8..at + 12]
                .copy_from_slice(&0xB1B0_AFBA_u32.wrapping_sub(sum).to_be_bytes());
        }

        let parts = [
            Part::Fresh(&bytes[..own_end]),
            Part::Cached(&shared.constant),
        ];
        let zlib = flate::zlib_from_parts(&parts, Level::Font);
        Some(FontProgram { bytes, zlib })
    }
}

/// Sum of big-endian u32 words, the last one zero-padded (the sfnt table checksum).
fn checksum(data: &[u8]) -> u32 {
    let words = data.chunks_exact(4);
    let tail = words.remainder();
    let sum = words.fold(0u32, |sum, w| {
        sum.wrapping_add(u32::from_be_bytes([w[0], w[1], w[2], w[3]]))
    });
    let mut last = [0u8; 4];
    last[..tail.len()].copy_from_slice(tail);
    sum.wrapping_add(u32::from_be_bytes(last))
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;
    use crate::typeset::{GlyphRun, PlacedGlyph};

    fn page(style: Style, text: &str) -> Page {
        page_in(Fonts::charis(), style, text)
    }

    fn page_in(fonts: &Fonts, style: Style, text: &str) -> Page {
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
        // Italic: the regular face carries more than the text (see the next test).
        let text = "Préfecture œuvre « éà »";
        let pages = [page(Style::Italic, text)];
        let faces = embed(pages.iter(), Fonts::charis()).unwrap();
        assert_eq!(faces.len(), 1);
        let face = &faces[0];
        let font = &face.font.parsed_font;
        let bytes = program(face);
        // printpdf is given a marker in its place, and the program's length for `/Length1`.
        assert_eq!(font.original_bytes, program_marker(Style::Italic));
        assert_eq!(bytes.len(), face.program_len);
        assert!(bytes.len() < 40_000, "{} bytes", bytes.len());
        // The rearranged file keeps a valid whole-font checksum.
        assert_eq!(checksum(&bytes), 0xB1B0_AFBA);

        let fonts = Fonts::charis();
        let p = fonts.require(Style::Italic, 'P').unwrap();
        let new_p = face.new_gid(p.gid);
        assert_eq!(font.codepoint_to_glyph[&u32::from('P')], new_p);
        assert_eq!(font.glyph_widths[&new_p], p.advance);
        let distinct: std::collections::BTreeSet<char> = text.chars().collect();
        assert_eq!(font.glyph_widths.len(), distinct.len());
        assert_eq!(font.codepoint_to_glyph.len(), distinct.len());
        // New ids are 1..=n: `/W` is one run.
        assert!(
            font.glyph_widths
                .keys()
                .copied()
                .eq(1..=distinct.len() as u16)
        );
        assert!(face.ambiguous.is_empty());
        let sub = ttf_parser::Face::parse(&bytes, 0).unwrap();
        assert!(sub.glyph_bounding_box(ttf_parser::GlyphId(new_p)).is_some());
        assert_eq!(face.new_gid(3000), 0);
    }

    #[test]
    fn the_regular_face_always_carries_the_letters_and_digits() {
        let fonts = Fonts::charis();
        let face = |text: &str| {
            let pages = [page(Style::Regular, text)];
            embed(pages.iter(), fonts).unwrap().remove(0)
        };
        let a = face("Jeanne Martin, 12 rue des Lilas");
        let b = face("Kévin Łazarz, 4 rue des Lilas");
        for c in REPERTOIRE.chars().chain("Ł".chars()) {
            let gid = b.font.parsed_font.codepoint_to_glyph[&u32::from(c)];
            assert_eq!(
                gid,
                b.new_gid(fonts.require(Style::Regular, c).unwrap().gid)
            );
        }
        // Only the letter outside the repertoire differs: the subsets differ by one glyph.
        assert_eq!(
            a.font.parsed_font.glyph_widths.len() + 1,
            b.font.parsed_font.glyph_widths.len()
        );
        // The same text twice gives the same subset, made once by this thread.
        let remembered = recent::remembered();
        let again = face("Kévin Łazarz, 4 rue des Lilas");
        assert_eq!(recent::remembered(), remembered, "found, not made again");
        assert_eq!(again.font, b.font);
        assert_eq!(again.program_zlib, b.program_zlib);
        recent::forget();
        assert_eq!(recent::remembered(), 0);
        let afresh = face("Kévin Łazarz, 4 rue des Lilas");
        assert_eq!(recent::remembered(), 1);
        assert_eq!((afresh.font, afresh.program_zlib), (b.font, b.program_zlib));
        // Other faces carry only what they draw.
        let pages = [page(Style::Bold, "Objet")];
        let bold = embed(pages.iter(), fonts).unwrap().remove(0);
        assert_eq!(bold.font.parsed_font.glyph_widths.len(), 5);
    }

    #[test]
    fn a_program_holds_the_same_tables_as_a_subset_of_the_whole_face() {
        let fonts = Fonts::charis();
        for style in [Style::Regular, Style::Bold, Style::Italic] {
            let text = "Préfecture œuvre « éà » fi 0123";
            let pages = [page(style, text)];
            let face = embed(pages.iter(), fonts).unwrap().remove(0);
            let program = program(&face);

            let mut remapper = subsetter::GlyphRemapper::new();
            remapper.remap(0);
            let carried = if style == Style::Regular {
                REPERTOIRE
            } else {
                ""
            };
            let mut used: Vec<u16> = text
                .chars()
                .chain(carried.chars())
                .map(|c| fonts.require(style, c).unwrap().gid)
                .collect();
            used.sort_unstable();
            used.dedup();
            for gid in used {
                remapper.remap(gid);
            }
            let direct = subsetter::subset(fonts.font_bytes(style), 0, &remapper).unwrap();

            let ours = tables(&program).unwrap();
            let theirs = tables(&direct).unwrap();
            // Same tables, in the same (tag) order, with the same checksums and bytes; `head`
            // differs only by the whole-font checksum adjustment, which covers the layout.
            assert_eq!(ours.len(), theirs.len());
            for (a, b) in ours.iter().zip(&theirs) {
                assert_eq!((a.0, a.1), (b.0, b.1));
                if &a.0 == b"head" {
                    assert_eq!((&a.2[..8], &a.2[12..]), (&b.2[..8], &b.2[12..]));
                } else {
                    assert_eq!(a.2, b.2, "{}", String::from_utf8_lossy(&a.0));
                }
            }
            assert_eq!(program[4..12], direct[4..12], "header fields");
            assert_eq!(checksum(&program), 0xB1B0_AFBA);
        }
    }

    #[test]
    fn faces_with_the_same_font_data_are_remembered_apart() {
        // Same bytes for every style, other names: the style and name are part of the face.
        let charis = crate::assets::CHARIS_SIL_REGULAR;
        let fonts = Fonts::from_faces([
            ("CharisSIL", charis),
            ("Autre-Gras", charis),
            ("Autre-Italique", charis),
        ])
        .unwrap();
        let embedded = |style: Style| {
            let pages = [page_in(&fonts, style, "Objet")];
            embed(pages.iter(), &fonts).unwrap().remove(0)
        };
        let bold = embedded(Style::Bold);
        let italic = embedded(Style::Italic);
        assert_eq!((bold.style, italic.style), (Style::Bold, Style::Italic));
        assert_eq!((bold.id.0.as_str(), italic.id.0.as_str()), ("B", "I"));
        let name = |f: &EmbeddedFace| f.font.parsed_font.font_name.clone().unwrap();
        assert!(name(&bold).ends_with("+Autre-Gras"), "{}", name(&bold));
        assert!(
            name(&italic).ends_with("+Autre-Italique"),
            "{}",
            name(&italic)
        );
    }

    #[test]
    fn the_checksum_pads_the_last_word_with_zeros() {
        assert_eq!(checksum(&[1, 2, 3, 4, 5]), 0x0102_0304 + 0x0500_0000);
        assert_eq!(checksum(&[0xFF; 8]), 0xFFFF_FFFE);
        assert_eq!(checksum(&[]), 0);
    }

    #[test]
    fn subset_tags_differ_between_subsets_and_repeat_for_the_same_text() {
        let tag = |t: &str| {
            let pages = [page(Style::Bold, t)];
            embed(pages.iter(), Fonts::charis())
                .unwrap()
                .remove(0)
                .font
                .parsed_font
                .font_name
                .unwrap()
        };
        assert_eq!(tag("Objet"), tag("Objet"));
        assert_ne!(tag("Objet"), tag("Réf."));
        let name = tag("Objet");
        assert!(
            name[..6].chars().all(|c| c.is_ascii_uppercase()) && &name[6..] == "+CharisSIL-Bold"
        );
    }

    #[test]
    fn a_character_drawn_with_two_glyphs_is_marked_ambiguous() {
        let fonts = Fonts::charis();
        let mut page = page(Style::Regular, "ab");
        // 'a' drawn a second time with the glyph of 'b', and 'b' once more as itself.
        let b = fonts.require(Style::Regular, 'b').unwrap();
        let a = fonts.require(Style::Regular, 'a').unwrap();
        let glyphs = &mut page.runs[0].glyphs;
        glyphs.push(PlacedGlyph {
            character: 'a',
            ..glyphs[1]
        });
        let face = embed([page].iter(), fonts).unwrap().remove(0);
        assert_eq!(face.ambiguous, ['a']);
        assert!(face.needs_glyph_id('a', b.gid));
        assert!(!face.needs_glyph_id('a', a.gid));
        assert!(!face.needs_glyph_id('b', b.gid));
    }
}
