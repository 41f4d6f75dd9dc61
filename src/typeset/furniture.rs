//! What a page carries besides the letter: the running head of pages 2 and after
//! (« Jeanne Martin … page 2/3 »), the « page 1/3 » footer, and the fold marks.

use super::error::TypesetError;
use super::fonts::Fonts;
use super::geometry::{PT_PER_MM, PageGeometry, TypeScale};
use super::letter_layout::Frame;
use super::linebreak::{Align, ParagraphStyle, SetLine, set_paragraph};
use super::output::{GlyphRun, PlacedGlyph, Rule};
use crate::letter::{Span, Style};

/// Pages 2 and after: the sender's name on the left, « page 2/3 » on the right.
#[allow(clippy::too_many_arguments)]
pub(super) fn running_head(
    head: &str,
    number: usize,
    count: usize,
    f: &Frame,
    ts: &TypeScale,
    fonts: &Fonts,
    baseline: f32,
    out: &mut Vec<GlyphRun>,
) -> Result<(), TypesetError> {
    let label = format!("page {number}/{count}");
    let label_width = place_right(&label, f, ts, fonts, baseline, out)?;
    let room = f.text_width() - label_width - 4.0 * ts.small_size;
    let head = one_line(head, room, ts.small_size, fonts)?;
    out.extend(head.placed(f.left, baseline));
    Ok(())
}

/// Sets `text` flush right on the text area; returns its width.
pub(super) fn place_right(
    text: &str,
    f: &Frame,
    ts: &TypeScale,
    fonts: &Fonts,
    baseline: f32,
    out: &mut Vec<GlyphRun>,
) -> Result<f32, TypesetError> {
    let line = one_line(text, f.text_width(), ts.small_size, fonts)?;
    let width = line.width;
    out.extend(line.placed(f.right - width, baseline));
    Ok(width)
}

/// `text` on one line at `size`, cut with « … » if it is wider than `room`.
fn one_line(text: &str, room: f32, size: f32, fonts: &Fonts) -> Result<SetLine, TypesetError> {
    let style = ParagraphStyle {
        size,
        superscript_scale: 1.0,
        superscript_rise: 0.0,
        first_width: f32::MAX / 4.0,
        width: f32::MAX / 4.0,
        align: Align::Left,
        hyphenate: false,
    };
    let mut lines = set_paragraph(&[Span::plain(text)], style, fonts)?;
    let Some(mut line) = lines.pop() else {
        return Ok(SetLine {
            runs: Vec::new(),
            width: 0.0,
            hyphenated: false,
        });
    };
    if line.width <= room {
        return Ok(line);
    }
    let ellipsis = fonts.require(Style::Regular, '…')?;
    let ellipsis_width = f32::from(ellipsis.advance) * size / 1000.0;
    let Some(run) = line.runs.first_mut() else {
        return Ok(line);
    };
    let mut width = 0.0;
    let mut keep = 0;
    for g in &run.glyphs {
        let w = f32::from(g.advance) * size / 1000.0;
        if width + w + ellipsis_width > room {
            break;
        }
        width += w;
        keep += 1;
    }
    run.glyphs.truncate(keep);
    while run.glyphs.last().is_some_and(|g| g.character == ' ') {
        if let Some(g) = run.glyphs.pop() {
            width -= f32::from(g.advance) * size / 1000.0;
        }
    }
    run.glyphs.push(PlacedGlyph {
        gid: ellipsis.gid,
        character: '…',
        advance: ellipsis.advance,
        extra: 0.0,
    });
    line.runs.truncate(1);
    line.width = width + ellipsis_width;
    Ok(line)
}

/// Short ticks in the left margin where the page is folded.
pub(super) fn fold_marks(g: &PageGeometry) -> Vec<Rule> {
    let (from, to) = g.fold_mark_span;
    g.fold_marks
        .iter()
        .map(|&y| Rule {
            from: (from * PT_PER_MM, y * PT_PER_MM),
            to: (to * PT_PER_MM, y * PT_PER_MM),
            thickness: 0.4,
        })
        .collect()
}
