//! A laid-out page as printpdf operations.
//!
//! Each glyph run becomes one text matrix and one `TJ` array. The text goes in as the run's
//! source characters: printpdf encodes them through the subset's character → glyph map
//! (one glyph per character, see `subset`) and writes the `/ToUnicode` map from the same
//! pairs, so readers copy the exact text. Justification is written as `TJ` offsets after the
//! stretched spaces, because the word-spacing operator `Tw` has no effect on two-byte fonts.
//!
//! (`TextItem::GlyphIds` would say the same thing glyph by glyph; one string per stretch of
//! text makes printpdf build and write a tenth of the objects, and the content stream half
//! as long.)

use printpdf::{
    Color, Greyscale, Line, LinePoint, Op, PdfFontHandle, Point, Pt, TextItem, TextMatrix,
};

use super::subset::EmbeddedFace;
use crate::typeset::{GlyphRun, Page};

/// Grey of the fold marks: visible enough to fold on, light enough not to distract.
const RULE_GREY: f32 = 0.55;

/// The operations drawing `page`, whose height is `page_height` points.
pub(crate) fn page_ops(page: &Page, page_height: f32, faces: &[EmbeddedFace]) -> Vec<Op> {
    let mut ops = Vec::with_capacity(page.runs.len() * 3 + page.rules.len() * 2 + 4);
    if !page.rules.is_empty() {
        ops.push(Op::SetOutlineColor {
            col: Color::Greyscale(Greyscale {
                percent: RULE_GREY,
                icc_profile: None,
            }),
        });
        for rule in &page.rules {
            ops.push(Op::SetOutlineThickness {
                pt: Pt(rule.thickness),
            });
            ops.push(Op::DrawLine {
                line: Line {
                    points: vec![
                        LinePoint {
                            p: Point {
                                x: Pt(rule.from.0),
                                y: Pt(page_height - rule.from.1),
                            },
                            bezier: false,
                        },
                        LinePoint {
                            p: Point {
                                x: Pt(rule.to.0),
                                y: Pt(page_height - rule.to.1),
                            },
                            bezier: false,
                        },
                    ],
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
    for run in &page.runs {
        let Some(face_index) = faces.iter().position(|f| f.style == run.style) else {
            continue;
        };
        if current != Some((face_index, run.size)) {
            ops.push(Op::SetFont {
                font: PdfFontHandle::External(faces[face_index].id.clone()),
                size: Pt(run.size),
            });
            current = Some((face_index, run.size));
        }
        ops.push(Op::SetTextMatrix {
            matrix: TextMatrix::Translate(Pt(run.x), Pt(page_height - run.baseline)),
        });
        ops.push(Op::ShowText {
            items: text_items(run),
        });
    }
    ops.push(Op::EndTextSection);
    ops
}

/// The run's text, cut after each justified space to insert its `TJ` offset. Offsets are in
/// thousandths of an em, negative to move right, and rounded to a tenth on the running total
/// so rounding never accumulates along a line.
fn text_items(run: &GlyphRun) -> Vec<TextItem> {
    let mut items = Vec::new();
    let mut text = String::new();
    let mut wanted = 0.0_f64;
    let mut written = 0.0_f64;
    for g in &run.glyphs {
        text.push(g.character);
        if g.extra != 0.0 {
            wanted += f64::from(g.extra) * 1000.0 / f64::from(run.size);
            let step = ((wanted - written) * 10.0).round() / 10.0;
            written += step;
            if step != 0.0 {
                items.push(TextItem::Text(std::mem::take(&mut text)));
                items.push(TextItem::Offset(-(step as f32)));
            }
        }
    }
    if !text.is_empty() {
        items.push(TextItem::Text(text));
    }
    items
}
