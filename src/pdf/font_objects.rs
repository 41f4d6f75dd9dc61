//! The PDF objects of an embedded face: a Type 0 font over a CIDFontType2 descendant
//! (TrueType outlines addressed by two-byte glyph ids, `Identity-H`), its descriptor, the
//! font program, and the `/ToUnicode` CMap that maps each glyph back to its character, which
//! is what makes copying and text extraction return the letter's exact text.

use lopdf::{Dictionary, Object, Stream, StringFormat};

use super::content::integer;
use super::document::compressed_stream;
use super::subset::EmbeddedFace;
use crate::letter::Style;

/// Adds the face's objects to `doc`; returns the reference to its font dictionary.
pub(crate) fn add_face(doc: &mut lopdf::Document, face: &EmbeddedFace) -> lopdf::ObjectId {
    let m = &face.metrics;
    let mut program = Stream::new(
        Dictionary::from_iter([
            ("Length1", Object::Integer(face.program_len as i64)),
            ("Filter", Object::Name(b"FlateDecode".to_vec())),
        ]),
        face.program_zlib.clone(),
    );
    program.allows_compression = false;
    let program_id = doc.add_object(program);

    // ItalicAngle: degrees counter-clockwise from vertical, so an italic face is negative.
    let (rise, run) = m.caret_slope;
    let italic_angle = if rise == 0 {
        0.0
    } else {
        -(f32::from(run)).atan2(f32::from(rise)).to_degrees()
    };
    let italic_angle = (italic_angle * 10.0).round() / 10.0;
    // Flags (ISO 32000-1, table 123): non-symbolic (Latin text), italic when slanted.
    let flags = 32
        | if face.style == Style::Italic || run != 0 {
            64
        } else {
            0
        };
    // No table gives the stem width; estimate it from the weight class as producers do.
    let stem_v = 50 + (f32::from(m.weight) / 65.0).powi(2).round() as i64;
    let descriptor = Dictionary::from_iter([
        ("Type", Object::Name(b"FontDescriptor".to_vec())),
        ("FontName", Object::Name(face.base_font.as_bytes().to_vec())),
        ("Flags", Object::Integer(flags)),
        (
            "FontBBox",
            Object::Array(
                m.bbox
                    .iter()
                    .map(|&v| Object::Integer(i64::from(v)))
                    .collect(),
            ),
        ),
        ("ItalicAngle", Object::Real(italic_angle)),
        ("Ascent", Object::Integer(i64::from(m.ascent))),
        ("Descent", Object::Integer(i64::from(m.descent))),
        ("CapHeight", Object::Integer(i64::from(m.cap_height))),
        ("StemV", Object::Integer(stem_v)),
        ("FontFile2", Object::Reference(program_id)),
    ]);
    let descriptor_id = doc.add_object(descriptor);

    // New glyph ids are 1..=n, consecutive: one run in /W.
    let widths: Vec<Object> = face
        .glyphs
        .iter()
        .map(|&(advance, _)| Object::Integer(i64::from(advance)))
        .collect();
    let descendant = Dictionary::from_iter([
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"CIDFontType2".to_vec())),
        ("BaseFont", Object::Name(face.base_font.as_bytes().to_vec())),
        (
            "CIDSystemInfo",
            Object::Dictionary(Dictionary::from_iter([
                (
                    "Registry",
                    Object::String(b"Adobe".to_vec(), StringFormat::Literal),
                ),
                (
                    "Ordering",
                    Object::String(b"Identity".to_vec(), StringFormat::Literal),
                ),
                ("Supplement", Object::Integer(0)),
            ])),
        ),
        ("FontDescriptor", Object::Reference(descriptor_id)),
        (
            "W",
            Object::Array(vec![Object::Integer(1), Object::Array(widths)]),
        ),
        ("CIDToGIDMap", Object::Name(b"Identity".to_vec())),
    ]);
    let descendant_id = doc.add_object(descendant);

    let to_unicode_id = doc.add_object(compressed_stream(&to_unicode_cmap(face)));

    doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Font".to_vec())),
        ("Subtype", Object::Name(b"Type0".to_vec())),
        ("BaseFont", Object::Name(face.base_font.as_bytes().to_vec())),
        ("Encoding", Object::Name(b"Identity-H".to_vec())),
        (
            "DescendantFonts",
            Object::Array(vec![Object::Reference(descendant_id)]),
        ),
        ("ToUnicode", Object::Reference(to_unicode_id)),
    ]))
}

/// The ToUnicode CMap: glyph id → UTF-16BE of its character, in `bfchar` blocks of at most
/// 100 entries (the PostScript limit).
fn to_unicode_cmap(face: &EmbeddedFace) -> Vec<u8> {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    let hex4 = |out: &mut Vec<u8>, v: u16| {
        out.extend_from_slice(&[
            HEX[usize::from(v >> 12)],
            HEX[usize::from(v >> 8 & 15)],
            HEX[usize::from(v >> 4 & 15)],
            HEX[usize::from(v & 15)],
        ]);
    };
    let mut out = Vec::with_capacity(400 + face.glyphs.len() * 16);
    out.extend_from_slice(
        b"/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
          /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
          /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n\
          1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n",
    );
    let mut units = [0u16; 2];
    for (block, chunk) in face.glyphs.chunks(100).enumerate() {
        integer(&mut out, chunk.len() as u64);
        out.extend_from_slice(b" beginbfchar\n");
        for (i, &(_, character)) in chunk.iter().enumerate() {
            let gid = (block * 100 + i + 1) as u16;
            out.push(b'<');
            hex4(&mut out, gid);
            out.extend_from_slice(b"> <");
            for &unit in character.encode_utf16(&mut units).iter() {
                hex4(&mut out, unit);
            }
            out.extend_from_slice(b">\n");
        }
        out.extend_from_slice(b"endbfchar\n");
    }
    out.extend_from_slice(b"endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
    out
}
