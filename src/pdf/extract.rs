//! Test helper: reads a PDF back with lopdf the way a text extractor does: decode each page's
//! content stream, map glyph codes to characters through each font's `/ToUnicode` CMap, and
//! place each glyph with the font's `/W` widths and the `TJ` offsets. It knows only what our
//! writer produces (`Tf`, `Tm`/`Td`, `TJ`/`Tj` with two-byte codes) and fails loudly on anything it
//! cannot map.

use std::collections::BTreeMap;

use lopdf::{Document, Object};

/// A glyph as a reader sees it.
#[derive(Clone, Debug, PartialEq)]
pub struct ExtractedGlyph {
    /// Origin, in PDF coordinates (points from the bottom-left corner).
    pub x: f32,
    pub y: f32,
    pub size: f32,
    /// The text `/ToUnicode` gives for it.
    pub text: String,
    /// Advance in points, from `/W`.
    pub advance: f32,
}

/// One font resource: its code → text map and code → width (thousandths of an em).
struct FontMaps {
    to_unicode: BTreeMap<u16, String>,
    widths: BTreeMap<u16, f32>,
}

/// The glyphs of every page, in content-stream order.
pub fn extract(bytes: &[u8]) -> Vec<Vec<ExtractedGlyph>> {
    let doc = Document::load_mem(bytes).expect("the PDF parses");
    let mut pages = Vec::new();
    for (_, page_id) in doc.get_pages() {
        let fonts: BTreeMap<String, FontMaps> = doc
            .get_page_fonts(page_id)
            .expect("font resources")
            .into_iter()
            .map(|(name, dict)| {
                (
                    String::from_utf8_lossy(&name).into_owned(),
                    font_maps(&doc, dict),
                )
            })
            .collect();
        let content = doc
            .get_and_decode_page_content(page_id)
            .expect("content stream");
        let mut glyphs = Vec::new();
        let (mut font, mut size, mut x, mut y) = (String::new(), 0.0_f32, 0.0_f32, 0.0_f32);
        // Start of the current line: `Td` moves from there.
        let (mut line_x, mut line_y) = (0.0_f32, 0.0_f32);
        for op in content.operations {
            match op.operator.as_str() {
                "BT" => (line_x, line_y, x, y) = (0.0, 0.0, 0.0, 0.0),
                "Tf" => {
                    font = String::from_utf8_lossy(op.operands[0].as_name().expect("font name"))
                        .into_owned();
                    size = number(&op.operands[1]);
                }
                "Tm" => {
                    (line_x, line_y) = (number(&op.operands[4]), number(&op.operands[5]));
                    (x, y) = (line_x, line_y);
                }
                "Td" => {
                    line_x += number(&op.operands[0]);
                    line_y += number(&op.operands[1]);
                    (x, y) = (line_x, line_y);
                }
                "TJ" | "Tj" => {
                    let maps = fonts
                        .get(&font)
                        .unwrap_or_else(|| panic!("font {font} is in the resources"));
                    let items = match &op.operands[0] {
                        Object::Array(items) => items.clone(),
                        other => vec![other.clone()],
                    };
                    for item in items {
                        match item {
                            Object::String(codes, _) => {
                                for pair in codes.chunks(2) {
                                    let code = u16::from_be_bytes([pair[0], pair[1]]);
                                    let text = maps.to_unicode.get(&code).unwrap_or_else(|| {
                                        panic!("code {code} has no /ToUnicode entry")
                                    });
                                    let width = maps
                                        .widths
                                        .get(&code)
                                        .unwrap_or_else(|| panic!("code {code} has no /W width"));
                                    let advance = width * size / 1000.0;
                                    glyphs.push(ExtractedGlyph {
                                        x,
                                        y,
                                        size,
                                        text: text.clone(),
                                        advance,
                                    });
                                    x += advance;
                                }
                            }
                            other => x -= number(&other) * size / 1000.0,
                        }
                    }
                }
                _ => {}
            }
        }
        pages.push(glyphs);
    }
    pages
}

/// The page's lines, top to bottom as drawn. Glyphs whose baselines differ by less than half
/// their size (a superscript) share a line; a horizontal gap wider than 0.15 em that is
/// not a justified space reads as a space, as extractors do (a word space is 0.29 em).
pub fn page_lines(glyphs: &[ExtractedGlyph]) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut previous: Option<&ExtractedGlyph> = None;
    for g in glyphs {
        match previous {
            Some(p) if (p.y - g.y).abs() < 0.5 * p.size.max(g.size) => {
                let gap = g.x - (p.x + p.advance);
                if gap > 0.15 * g.size && p.text != " " && p.text != "\u{A0}" {
                    lines.last_mut().expect("a line").push(' ');
                }
            }
            _ => lines.push(String::new()),
        }
        lines.last_mut().expect("a line").push_str(&g.text);
        previous = Some(g);
    }
    lines
}

/// The page's text, lines joined with `\n`.
pub fn page_text(glyphs: &[ExtractedGlyph]) -> String {
    page_lines(glyphs).join("\n")
}

fn number(o: &Object) -> f32 {
    match o {
        Object::Integer(i) => *i as f32,
        Object::Real(r) => *r,
        other => panic!("not a number: {other:?}"),
    }
}

fn font_maps(doc: &Document, font: &lopdf::Dictionary) -> FontMaps {
    let stream = doc
        .dereference(font.get(b"ToUnicode").expect("every font has /ToUnicode"))
        .expect("ToUnicode stream")
        .1
        .as_stream()
        .expect("a stream");
    let cmap =
        String::from_utf8(stream.decompressed_content().expect("inflates")).expect("ASCII CMap");
    let to_unicode = parse_cmap(&cmap);

    let descendant = match doc
        .dereference(font.get(b"DescendantFonts").expect("Type0 font"))
        .expect("array")
        .1
    {
        Object::Array(a) => doc
            .dereference(&a[0])
            .expect("CIDFont")
            .1
            .as_dict()
            .expect("dict")
            .clone(),
        other => panic!("DescendantFonts: {other:?}"),
    };
    let mut widths = BTreeMap::new();
    if let Ok(Object::Array(w)) = descendant.get(b"W") {
        let mut i = 0;
        while i + 1 < w.len() {
            let first = number(&w[i]) as u16;
            if let Object::Array(ws) = &w[i + 1] {
                for (k, width) in ws.iter().enumerate() {
                    widths.insert(first + k as u16, number(width));
                }
                i += 2;
            } else {
                let last = number(&w[i + 1]) as u16;
                for code in first..=last {
                    widths.insert(code, number(&w[i + 2]));
                }
                i += 3;
            }
        }
    }
    FontMaps { to_unicode, widths }
}

/// `bfchar` and `bfrange` sections of a ToUnicode CMap.
fn parse_cmap(cmap: &str) -> BTreeMap<u16, String> {
    let hex = |s: &str| -> Vec<u16> {
        let s = s.trim().trim_start_matches('<').trim_end_matches('>');
        (0..s.len() / 4)
            .map(|i| u16::from_str_radix(&s[4 * i..4 * i + 4], 16).expect("hex"))
            .collect()
    };
    let mut map = BTreeMap::new();
    let mut section = "";
    for line in cmap.lines() {
        let line = line.trim();
        if line.ends_with("beginbfchar") {
            section = "char";
        } else if line.ends_with("beginbfrange") {
            section = "range";
        } else if line.starts_with("end") {
            section = "";
        } else if section == "char" {
            let parts: Vec<&str> = line.split_whitespace().collect();
            map.insert(
                hex(parts[0])[0],
                String::from_utf16(&hex(parts[1])).expect("UTF-16"),
            );
        } else if section == "range" {
            let parts: Vec<&str> = line.split_whitespace().collect();
            let (lo, hi, start) = (hex(parts[0])[0], hex(parts[1])[0], hex(parts[2]));
            for (k, code) in (lo..=hi).enumerate() {
                let mut target = start.clone();
                if let Some(last) = target.last_mut() {
                    *last += k as u16;
                }
                map.insert(code, String::from_utf16(&target).expect("UTF-16"));
            }
        }
    }
    map
}
