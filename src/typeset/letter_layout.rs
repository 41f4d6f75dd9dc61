//! The letter on the page: where each block of a French letter goes.
//!
//! The first page has fixed blocks (sender top left, recipient in the envelope window, place
//! and date under it) and then the flow: mentions, « Objet » and « Réf. » lines, the body,
//! the signature and the enclosures, which continue on the next pages under a running head
//! (« Jeanne Martin — page 2/3 »). Everything is set inside the text area of
//! [`PageGeometry`]; only the fold marks sit in the margin.

use super::error::TypesetError;
use super::flow::{Chunk, FlowArea, paginate, place};
use super::fonts::Fonts;
use super::geometry::{PT_PER_MM, PageGeometry, TypeScale};
use super::linebreak::{Align, ParagraphStyle, SetLine, set_paragraph};
use super::output::{GlyphRun, LaidOutLetter, Page, Rule};
use crate::letter::{Block, Letter, Span, Style, Text};

/// Every position of the geometry, in points from the top-left corner.
struct Frame {
    page: (f32, f32),
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
    recipient_left: f32,
    recipient_top: f32,
    place_date_top: f32,
    signature_left: f32,
    signature_space: f32,
    /// Ascender height per point of type: the font's ascent line, above the tallest French
    /// accented capital, so a first line never pokes above its block's top.
    ascent: f32,
    /// Descender depth per point of type.
    descent: f32,
}

impl Frame {
    fn new(g: &PageGeometry, fonts: &Fonts) -> Frame {
        let mm = |v: f32| v * PT_PER_MM;
        let m = fonts.metrics(Style::Regular);
        Frame {
            page: (mm(g.page_width), mm(g.page_height)),
            left: mm(g.margin_left),
            right: mm(g.page_width - g.margin_right),
            top: mm(g.margin_top),
            bottom: mm(g.page_height - g.margin_bottom),
            recipient_left: mm(g.recipient_left),
            recipient_top: mm(g.recipient_top),
            place_date_top: mm(g.place_date_top),
            signature_left: mm(g.signature_left),
            signature_space: mm(g.signature_space),
            ascent: f32::from(m.ascent) / 1000.0,
            descent: -f32::from(m.descent) / 1000.0,
        }
    }

    fn text_width(&self) -> f32 {
        self.right - self.left
    }
}

/// Lays out a letter on pages. Deterministic: the same letter, geometry and fonts give the
/// same pages.
pub fn layout(
    letter: &Letter,
    geometry: &PageGeometry,
    fonts: &Fonts,
) -> Result<LaidOutLetter, TypesetError> {
    geometry.validate()?;
    let f = Frame::new(geometry, fonts);
    let ts = &geometry.type_scale;
    let mut first_page: Vec<GlyphRun> = Vec::new();
    let body = |first_width: f32, width: f32, align: Align, hyphenate: bool| ParagraphStyle {
        size: ts.body_size,
        superscript_scale: ts.superscript_scale,
        superscript_rise: ts.superscript_rise,
        first_width,
        width,
        align,
        hyphenate,
    };

    // Sender, top left, in the column left of the window.
    let sender_width = f.recipient_left - f.left - 6.0 * PT_PER_MM;
    let sender_style = body(sender_width, sender_width, Align::Left, false);
    let sender_first = f.top + f.ascent * ts.body_size;
    let sender_last = set_lines(
        &letter.sender,
        sender_style,
        fonts,
        f.left,
        sender_first,
        ts.address_leading,
        &mut first_page,
    )?;

    // Recipient, in the window.
    let recipient_width = f.right - f.recipient_left;
    let recipient_style = body(recipient_width, recipient_width, Align::Left, false);
    let recipient_first = f.recipient_top + f.ascent * ts.body_size;
    let recipient_last = set_lines(
        &letter.recipient,
        recipient_style,
        fonts,
        f.recipient_left,
        recipient_first,
        ts.address_leading,
        &mut first_page,
    )?;

    // Place and date, under the window; lower if the recipient block is longer than it.
    let mut date_first = f.place_date_top + f.ascent * ts.body_size;
    if let Some(last) = recipient_last {
        date_first = date_first.max(last + 2.0 * ts.body_leading);
    }
    let date_last = set_lines(
        std::slice::from_ref(&letter.place_date),
        recipient_style,
        fonts,
        f.recipient_left,
        date_first,
        ts.body_leading,
        &mut first_page,
    )?;

    // The flow starts under the lowest fixed block, after one blank line: `first_top` is a
    // virtual baseline one line above the first flowing line.
    let fixed_bottom = [sender_last, recipient_last, date_last]
        .into_iter()
        .flatten()
        .fold(f.top, f32::max);
    let head_baseline = f.top + f.ascent * ts.small_size;
    // A letter of several pages says « page 1/2 » at the bottom of the first: room is kept for
    // it only if the letter does not fit on one page without it.
    let footer_reserve = 2.0 * ts.small_size;
    let mut area = FlowArea {
        first_top: fixed_bottom + ts.body_leading,
        next_top: head_baseline + ts.body_leading,
        first_bottom: f.bottom,
        next_bottom: f.bottom,
    };
    if area.first_top + ts.body_leading + f.descent * ts.body_size > f.bottom {
        return Err(TypesetError::BlockTooTall {
            block: "expéditeur ou destinataire",
        });
    }

    let mut flow = Flow {
        chunks: Vec::new(),
        leading: ts.body_leading,
        depth: f.descent * ts.body_size,
    };
    for (i, mention) in letter.mentions.iter().enumerate() {
        let lines = set_paragraph(
            &mention.spans,
            body(f.text_width(), f.text_width(), Align::Left, false),
            fonts,
        )?;
        let space = if i == 0 { 0.0 } else { ts.paragraph_skip / 2.0 };
        flow.paragraph(lines, f.left, space, false, "mentions");
    }
    subject(
        &letter.subject,
        &f,
        ts,
        fonts,
        &mut flow,
        body(f.text_width(), f.text_width(), Align::Left, false),
    )?;
    let before_body = if flow.chunks.is_empty() {
        0.0
    } else {
        ts.body_leading
    };
    // The formule d'appel (the body's first paragraph) is followed by a blank line.
    blocks(
        &letter.body,
        &f,
        ts,
        fonts,
        &mut flow,
        (before_body, ts.body_leading),
        "corps",
    )?;
    signature(
        &letter.signature,
        &f,
        ts,
        fonts,
        &mut flow,
        body(0.0, 0.0, Align::Left, false),
    )?;
    blocks(
        &letter.enclosures,
        &f,
        ts,
        fonts,
        &mut flow,
        (ts.body_leading, ts.paragraph_skip),
        "pièces jointes",
    )?;

    let mut placement = paginate(&flow.chunks, area)?;
    if placement.pages > 1 {
        area.first_bottom = f.bottom - footer_reserve;
        placement = paginate(&flow.chunks, area)?;
    }
    let flowed = place(flow.chunks, &placement);
    let count = flowed.len();
    let mut pages = Vec::with_capacity(count);
    for (i, runs) in flowed.into_iter().enumerate() {
        let mut page = Page {
            runs: Vec::new(),
            rules: Vec::new(),
        };
        if i == 0 {
            page.runs.append(&mut first_page);
            page.rules = fold_marks(geometry);
        } else {
            running_head(
                &letter.running_head,
                i + 1,
                count,
                &f,
                ts,
                fonts,
                head_baseline,
                &mut page.runs,
            )?;
        }
        page.runs.extend(runs);
        if i == 0 && count > 1 {
            let label = format!("page 1/{count}");
            let baseline = f.bottom - f.descent * ts.small_size;
            place_right(&label, &f, ts, fonts, baseline, &mut page.runs)?;
        }
        pages.push(page);
    }
    Ok(LaidOutLetter {
        page_size: f.page,
        pages,
        metadata: letter.metadata.clone(),
    })
}

/// Sets each text as its own paragraph, one under the other; returns the last baseline.
fn set_lines(
    texts: &[Text],
    style: ParagraphStyle,
    fonts: &Fonts,
    x: f32,
    first_baseline: f32,
    leading: f32,
    out: &mut Vec<GlyphRun>,
) -> Result<Option<f32>, TypesetError> {
    let mut baseline = first_baseline;
    let mut last = None;
    for text in texts {
        for line in set_paragraph(&text.spans, style, fonts)? {
            out.extend(line.placed(x, baseline));
            last = Some(baseline);
            baseline += leading;
        }
    }
    Ok(last)
}

/// The flowing part of the letter, as chunks for the paginator.
struct Flow {
    chunks: Vec<Chunk>,
    leading: f32,
    depth: f32,
}

impl Flow {
    /// Adds a paragraph's lines. A page may break inside it only where two lines stay on each
    /// side and the line before the break does not end with a divided word.
    fn paragraph(
        &mut self,
        lines: Vec<SetLine>,
        x: f32,
        space_before: f32,
        keep_with_previous: bool,
        block: &'static str,
    ) {
        let n = lines.len();
        let hyphenated: Vec<bool> = lines.iter().map(|l| l.hyphenated).collect();
        for (k, line) in lines.into_iter().enumerate() {
            let break_before = if k == 0 {
                !keep_with_previous && !self.chunks.is_empty()
            } else {
                k >= 2 && n - k >= 2 && !hyphenated[k - 1]
            };
            self.chunks.push(Chunk {
                advance: self.leading + if k == 0 { space_before } else { 0.0 },
                top_advance: self.leading,
                depth: self.depth,
                break_before,
                runs: line.placed(x, 0.0),
                block,
            });
        }
    }
}

/// « Objet : » and « Réf. : » lines: the bold label hangs in the margin of its text, and the
/// texts of all lines start at the same column.
fn subject(
    lines: &[Text],
    f: &Frame,
    ts: &TypeScale,
    fonts: &Fonts,
    flow: &mut Flow,
    style: ParagraphStyle,
) -> Result<(), TypesetError> {
    let space = f32::from(fonts.require(Style::Regular, ' ')?.advance) * ts.body_size / 1000.0;
    let mut labels = Vec::with_capacity(lines.len());
    let mut indent: f32 = 0.0;
    for text in lines {
        let label = match text.spans.first() {
            Some(first)
                if first.style == Style::Bold
                    && !first.text.trim().is_empty()
                    && text.spans.len() > 1 =>
            {
                let label = Span {
                    text: first.text.trim().to_string(),
                    ..first.clone()
                };
                let set = set_paragraph(std::slice::from_ref(&label), style, fonts)?;
                match <[SetLine; 1]>::try_from(set) {
                    Ok([line]) if line.width + space <= f.text_width() / 3.0 => {
                        indent = indent.max(line.width + space);
                        Some(line)
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        labels.push(label);
    }
    for (i, (text, label)) in lines.iter().zip(labels).enumerate() {
        let space_before = if i == 0 && !flow.chunks.is_empty() {
            ts.paragraph_skip
        } else {
            0.0
        };
        let keep = i > 0;
        match label {
            Some(label) => {
                let mut rest: Vec<Span> = text.spans[1..].to_vec();
                if let Some(first) = rest.first_mut() {
                    first.text = first.text.trim_start().to_string();
                }
                let width = f.text_width() - indent;
                let mut set = set_paragraph(
                    &rest,
                    ParagraphStyle {
                        first_width: width,
                        width,
                        ..style
                    },
                    fonts,
                )?;
                // The label hangs left of the text column the paragraph is placed at.
                let label_runs = label.runs.into_iter().map(|mut r| {
                    r.x -= indent;
                    r
                });
                match set.first_mut() {
                    Some(first) => {
                        first.runs.splice(0..0, label_runs);
                    }
                    None => set.push(SetLine {
                        runs: label_runs.collect(),
                        width: 0.0,
                        hyphenated: false,
                    }),
                }
                flow.paragraph(set, f.left + indent, space_before, keep, "objet");
            }
            None => {
                let set = set_paragraph(&text.spans, style, fonts)?;
                flow.paragraph(set, f.left, space_before, keep, "objet");
            }
        }
    }
    Ok(())
}

/// Body or enclosure blocks: justified paragraphs and dashed lists. `spaces` are the space
/// before the first block and the space between the first and the second.
fn blocks(
    blocks: &[Block],
    f: &Frame,
    ts: &TypeScale,
    fonts: &Fonts,
    flow: &mut Flow,
    spaces: (f32, f32),
    name: &'static str,
) -> Result<(), TypesetError> {
    let width = f.text_width();
    let style = ParagraphStyle {
        size: ts.body_size,
        superscript_scale: ts.superscript_scale,
        superscript_rise: ts.superscript_rise,
        first_width: width - ts.paragraph_indent,
        width,
        align: Align::Justify,
        hyphenate: true,
    };
    let mut keep_next = false;
    for (b, block) in blocks.iter().enumerate() {
        let space = match b {
            0 => spaces.0,
            1 => spaces.1,
            _ => ts.paragraph_skip,
        };
        match block {
            Block::Paragraph(text) => {
                let mut lines = set_paragraph(&text.spans, style, fonts)?;
                if let Some(first) = lines.first_mut() {
                    for run in &mut first.runs {
                        run.x += ts.paragraph_indent;
                    }
                }
                flow.paragraph(lines, f.left, space, keep_next, name);
                // A paragraph ending with a colon introduces what follows: keep them together.
                keep_next = text.to_plain().trim_end().ends_with(':');
            }
            Block::List(items) => {
                let item_width = width - ts.list_indent;
                let item_style = ParagraphStyle {
                    first_width: item_width,
                    width: item_width,
                    ..style
                };
                let dash = set_paragraph(&[Span::plain("–")], item_style, fonts)?;
                let n = items.len();
                for (i, item) in items.iter().enumerate() {
                    let mut lines = set_paragraph(&item.spans, item_style, fonts)?;
                    if let Some(first) = lines.first_mut() {
                        let dash_runs =
                            dash.iter()
                                .flat_map(|d| d.runs.iter().cloned())
                                .map(|mut r| {
                                    r.x -= ts.list_indent * 0.6;
                                    r
                                });
                        first.runs.splice(0..0, dash_runs);
                    }
                    let item_space = if i == 0 {
                        space
                    } else {
                        ts.paragraph_skip / 2.0
                    };
                    // Like lines in a paragraph: at least two items on each side of a break.
                    let keep = if i == 0 {
                        keep_next
                    } else {
                        i < 2 || n - i < 2
                    };
                    flow.paragraph(lines, f.left + ts.list_indent, item_space, keep, name);
                }
                keep_next = false;
            }
        }
    }
    Ok(())
}

/// The signature block, in the right half: the space for the handwritten signature, then the
/// printed name. It stays with the end of the text (and so with at least
/// two lines of it, by the widow rule).
fn signature(
    texts: &[Text],
    f: &Frame,
    ts: &TypeScale,
    fonts: &Fonts,
    flow: &mut Flow,
    style: ParagraphStyle,
) -> Result<(), TypesetError> {
    let width = f.right - f.signature_left;
    let style = ParagraphStyle {
        first_width: width,
        width,
        ..style
    };
    let mut lines = Vec::new();
    for text in texts {
        lines.extend(set_paragraph(&text.spans, style, fonts)?);
    }
    if lines.is_empty() {
        return Ok(());
    }
    let k = lines.len() as f32;
    let mut runs = Vec::new();
    for (i, line) in lines.into_iter().enumerate() {
        runs.extend(line.placed(f.signature_left, -(k - 1.0 - i as f32) * ts.body_leading));
    }
    flow.chunks.push(Chunk {
        advance: f.signature_space + k * ts.body_leading,
        top_advance: f.signature_space + k * ts.body_leading,
        depth: flow.depth,
        break_before: flow.chunks.is_empty(),
        runs,
        block: "signature",
    });
    Ok(())
}

/// Pages 2 and after: the sender's name on the left, « page 2/3 » on the right.
#[allow(clippy::too_many_arguments)]
fn running_head(
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
fn place_right(
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
    run.glyphs.push(super::output::PlacedGlyph {
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
fn fold_marks(g: &PageGeometry) -> Vec<Rule> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn line(hyphenated: bool) -> SetLine {
        SetLine {
            runs: Vec::new(),
            width: 0.0,
            hyphenated,
        }
    }

    fn breaks(flow: &Flow) -> Vec<bool> {
        flow.chunks.iter().map(|c| c.break_before).collect()
    }

    #[test]
    fn paragraphs_break_only_with_two_lines_each_side_and_not_after_a_divided_word() {
        let mut flow = Flow {
            chunks: Vec::new(),
            leading: 14.0,
            depth: 3.0,
        };
        flow.paragraph(
            vec![line(false), line(false), line(false)],
            0.0,
            0.0,
            false,
            "corps",
        );
        // First paragraph: nothing before it, and three lines cannot be split 2 + 2.
        assert_eq!(breaks(&flow), [false, false, false]);
        flow.paragraph(
            (0..6).map(|i| line(i == 2)).collect(),
            0.0,
            6.0,
            false,
            "corps",
        );
        // Before its first line: yes. Inside: after two lines, and leaving two, and not after
        // line 3, which ends with a divided word.
        assert_eq!(breaks(&flow)[3..], [true, false, true, false, true, false]);
    }

    #[test]
    fn a_kept_paragraph_cannot_start_a_page() {
        let mut flow = Flow {
            chunks: Vec::new(),
            leading: 14.0,
            depth: 3.0,
        };
        flow.paragraph(vec![line(false)], 0.0, 0.0, false, "corps");
        flow.paragraph(vec![line(false), line(false)], 0.0, 6.0, true, "corps");
        assert_eq!(breaks(&flow), [false, false, false]);
    }
}
