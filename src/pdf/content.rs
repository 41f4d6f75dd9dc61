//! A laid-out page as printpdf operations.
//!
//! Each glyph run becomes one text position (`Td`, from the start of the previous run) and one
//! `TJ` array. The text goes in as the run's
//! source characters: printpdf encodes them through the subset's character → glyph map and
//! writes the `/ToUnicode` map from the same pairs, so readers copy the exact text.
//! Justification is written as `TJ` offsets after the stretched spaces, because the
//! word-spacing operator `Tw` has no effect on two-byte fonts.
//!
//! One string per stretch of text between two offsets, rather than `TextItem::GlyphIds`
//! (one `Codepoint`, and in printpdf one PDF string object, per glyph), keeps printpdf's work
//! and the content stream small. Coordinates are rounded to the thousandth of a point and
//! offsets to the tenth of a thousandth of an em, so the numbers printpdf writes are short.

use printpdf::{
    Codepoint, Color, Greyscale, Line, LinePoint, Op, PdfFontHandle, Point, Pt, TextItem,
};

use super::subset::EmbeddedFace;
use crate::typeset::{GlyphRun, Page};

/// Grey of the fold marks: visible enough to fold on, light enough not to distract.
const RULE_GREY: f32 = 0.55;

/// The operations drawing `page`, whose height is `page_height` points.
pub(crate) fn page_ops(page: &Page, page_height: f32, faces: &[EmbeddedFace]) -> Vec<Op> {
    let mut ops = Vec::with_capacity(page.runs.len() * 2 + page.rules.len() * 2 + 8);
    if !page.rules.is_empty() {
        ops.push(Op::SetOutlineColor {
            col: Color::Greyscale(Greyscale {
                percent: RULE_GREY,
                icc_profile: None,
            }),
        });
        let point = |(x, y): (f32, f32)| LinePoint {
            p: Point {
                x: Pt(round3(x)),
                y: Pt(round3(page_height - y)),
            },
            bezier: false,
        };
        for rule in &page.rules {
            ops.push(Op::SetOutlineThickness {
                pt: Pt(round3(rule.thickness)),
            });
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![point(rule.from), point(rule.to)],
                    is_closed: false,
                },
            });
        }
    }
    if page.runs.is_empty() {
        return ops;
    }
    ops.push(Op::StartTextSection);
    let mut current: Option<(usize, f32)> = None;
    // Where the current line starts: each run moves from there with `Td` (two numbers, often
    // short ones like `0 -13`, where `Tm` would need six).
    let mut line = (0.0_f64, 0.0_f64);
    let mut text = String::new();
    for run in &page.runs {
        let Some(face_index) = faces.iter().position(|f| f.style == run.style) else {
            continue;
        };
        if current != Some((face_index, run.size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(faces[face_index].id.clone()),
                size: Pt(round3(run.size)),
            });
            current = Some((face_index, run.size));
        }
        let start = (thousandths(run.x), thousandths(page_height - run.baseline));
        ops.push(Op::SetTextCursor {
            pos: Point {
                x: Pt(((start.0 - line.0) / 1000.0) as f32),
                y: Pt(((start.1 - line.1) / 1000.0) as f32),
            },
        });
        line = start;
        ops.push(Op::ShowText {
            items: text_items(run, &faces[face_index], &mut text),
        });
    }
    ops.push(Op::EndTextSection);
    ops
}

/// The run's text, cut after each justified space to insert its `TJ` offset. `text` is
/// scratch space, reused across runs.
fn text_items(run: &GlyphRun, face: &EmbeddedFace, text: &mut String) -> Vec<TextItem> {
    if !face.ambiguous.is_empty() {
        return items_with_glyph_ids(run, face);
    }
    // The run's characters once, then each piece copied out at its exact size.
    text.clear();
    let mut cuts: Vec<(usize, f32)> = Vec::new();
    let mut spacing = Spacing::default();
    for g in &run.glyphs {
        text.push(g.character);
        if let Some(offset) = spacing.after(g.extra, run.size) {
            cuts.push((text.len(), offset));
        }
    }
    let mut items = Vec::with_capacity(cuts.len() * 2 + 1);
    let mut start = 0;
    for &(end, offset) in &cuts {
        if end > start {
            items.push(TextItem::Text(text[start..end].to_string()));
        }
        items.push(TextItem::Offset(offset));
        start = end;
    }
    if start < text.len() {
        items.push(TextItem::Text(text[start..].to_string()));
    }
    items
}

/// [`text_items`] for a face that draws some character with two glyphs: the glyphs its
/// character map cannot name go in by id, with their character for `/ToUnicode`.
fn items_with_glyph_ids(run: &GlyphRun, face: &EmbeddedFace) -> Vec<TextItem> {
    let mut items = Vec::new();
    let mut text = String::new();
    let mut spacing = Spacing::default();
    for g in &run.glyphs {
        if face.needs_glyph_id(g.character, g.gid) {
            if !text.is_empty() {
                items.push(TextItem::Text(std::mem::take(&mut text)));
            }
            items.push(TextItem::GlyphIds(vec![Codepoint {
                gid: face.new_gid(g.gid),
                offset: 0.0,
                cid: Some(g.character.to_string()),
            }]));
        } else {
            text.push(g.character);
        }
        if let Some(offset) = spacing.after(g.extra, run.size) {
            if !text.is_empty() {
                items.push(TextItem::Text(std::mem::take(&mut text)));
            }
            items.push(TextItem::Offset(offset));
        }
    }
    if !text.is_empty() {
        items.push(TextItem::Text(text));
    }
    items
}

/// Justification along a run, as `TJ` offsets: thousandths of an em, negative to move right,
/// rounded to a tenth on the running total so rounding never accumulates along a line.
#[derive(Default)]
struct Spacing {
    wanted: f64,
    written: f64,
}

impl Spacing {
    /// The offset to write after a glyph followed by `extra` points, if any.
    fn after(&mut self, extra: f32, size: f32) -> Option<f32> {
        if extra == 0.0 {
            return None;
        }
        self.wanted += f64::from(extra) * 1000.0 / f64::from(size);
        let step = ((self.wanted - self.written) * 10.0).round() / 10.0;
        if step == 0.0 {
            return None;
        }
        self.written += step;
        Some(-(step as f32))
    }
}

/// `v` rounded to three decimals.
fn round3(v: f32) -> f32 {
    (v * 1000.0).round() / 1000.0
}

/// `v` in whole thousandths, so differences of positions are exact.
fn thousandths(v: f32) -> f64 {
    (f64::from(v) * 1000.0).round()
}
