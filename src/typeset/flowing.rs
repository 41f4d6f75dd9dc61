//! The flowing part of a letter (mentions, « Objet » and « Réf. » lines, body, signature,
//! enclosures) as chunks for the paginator, with the permissions that keep French letters
//! tidy across pages: no orphan or widow line, no page ending on a divided word, a
//! paragraph ending with a colon kept with what it introduces, at least two list items on
//! each side of a break, the closing formula kept with two lines of text before it (and
//! the signature with the closing formula).

use super::error::TypesetError;
use super::flow::Chunk;
use super::fonts::Fonts;
use super::geometry::TypeScale;
use super::letter_layout::Frame;
use super::linebreak::{Align, ParagraphStyle, SetLine, set_paragraph};
use crate::letter::{Block, Span, Style, Text};

/// The flowing part of the letter, as chunks for the paginator.
pub(super) struct Flow {
    pub(super) chunks: Vec<Chunk>,
    pub(super) leading: f32,
    pub(super) depth: f32,
}

impl Flow {
    /// Adds a paragraph's lines. A page may break inside it only where two lines stay on each
    /// side and the line before the break does not end with a divided word.
    pub(super) fn paragraph(
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
                new_page: false,
                runs: line.placed(x, 0.0),
                block,
            });
        }
    }

    /// Forbids a page break just before the chunk at `start` and before the line above it, so
    /// at least two lines of text go with it onto its page. The closing formula needs this: alone
    /// at the top of a page with the signature, it reads as cut off from the letter.
    pub(super) fn keep_with_two_lines_before(&mut self, start: usize) {
        for chunk in &mut self.chunks[start.saturating_sub(1)..=start] {
            chunk.break_before = false;
        }
    }
}

/// « Objet : » and « Réf. : » lines: the bold label hangs in the margin of its text, and the
/// texts of all lines start at the same column.
pub(super) fn subject(
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
/// before the first block and the space between the first and the second. Returns the index of
/// the first chunk of the last block when that block is a paragraph with lines (the body's last
/// paragraph is the closing formula), for [`Flow::keep_with_two_lines_before`].
pub(super) fn blocks(
    blocks: &[Block],
    f: &Frame,
    ts: &TypeScale,
    fonts: &Fonts,
    flow: &mut Flow,
    spaces: (f32, f32),
    name: &'static str,
) -> Result<Option<usize>, TypesetError> {
    let width = f.text_width();
    let mut last_paragraph = None;
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
                last_paragraph = (!lines.is_empty()).then_some(flow.chunks.len());
                flow.paragraph(lines, f.left, space, keep_next, name);
                // A paragraph ending with a colon introduces what follows, and a paragraph all
                // in bold is a heading (« I. Les faits »): keep either with what follows.
                keep_next = text.to_plain().trim_end().ends_with(':')
                    || (!text.is_empty()
                        && text
                            .spans
                            .iter()
                            .all(|s| s.style == Style::Bold || s.text.trim().is_empty()));
            }
            Block::List(items) => {
                last_paragraph = None;
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
    Ok(last_paragraph)
}

/// The signature block, in the right half: the space for the handwritten signature, then the
/// printed name. It stays with the end of the text (and so with at least
/// two lines of it, by the widow rule).
pub(super) fn signature(
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
        new_page: false,
        runs,
        block: "signature",
    });
    Ok(())
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
    fn the_closing_keeps_the_two_lines_before_it() {
        let mut flow = Flow {
            chunks: Vec::new(),
            leading: 14.0,
            depth: 3.0,
        };
        for _ in 0..3 {
            flow.paragraph(vec![line(false)], 0.0, 6.0, false, "corps");
        }
        flow.paragraph(vec![line(false)], 0.0, 6.0, false, "corps");
        flow.keep_with_two_lines_before(3);
        assert_eq!(breaks(&flow), [false, true, false, false]);
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
