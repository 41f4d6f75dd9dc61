//! The letter on the page: where each block of a French letter goes.
//!
//! The first page has fixed blocks (sender top left, recipient in the envelope window, place
//! and date under it) and then the flow: mentions, « Objet » and « Réf. » lines, the body,
//! the signature and the enclosures, which continue on the next pages under a running head
//! (« Jeanne Martin — page 2/3 »). Everything is set inside the text area of
//! [`PageGeometry`]; only the fold marks sit in the margin.

use super::error::TypesetError;
use super::flow::{FlowArea, paginate, place};
use super::flowing::{Flow, blocks, signature, subject};
use super::fonts::Fonts;
use super::furniture::{fold_marks, place_right, running_head};
use super::geometry::{PT_PER_MM, PageGeometry};
use super::linebreak::{Align, ParagraphStyle, set_paragraph};
use super::output::{GlyphRun, LaidOutLetter, Page};
use crate::letter::{Letter, Style, Text};

/// Every position of the geometry, in points from the top-left corner.
pub(super) struct Frame {
    pub(super) page: (f32, f32),
    pub(super) left: f32,
    pub(super) right: f32,
    pub(super) top: f32,
    pub(super) bottom: f32,
    pub(super) recipient_left: f32,
    pub(super) recipient_top: f32,
    pub(super) place_date_top: f32,
    pub(super) signature_left: f32,
    pub(super) signature_space: f32,
    /// Ascender height per point of type: the font's ascent line, above the tallest French
    /// accented capital, so a first line never pokes above its block's top.
    pub(super) ascent: f32,
    /// Descender depth per point of type.
    pub(super) descent: f32,
}

impl Frame {
    pub(super) fn new(g: &PageGeometry, fonts: &Fonts) -> Frame {
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

    pub(super) fn text_width(&self) -> f32 {
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
    let closing = blocks(
        &letter.body,
        &f,
        ts,
        fonts,
        &mut flow,
        (before_body, ts.body_leading),
        "corps",
    )?;
    // The closing formula (the body's last paragraph, after the appel) never opens a page
    // alone with the signature.
    if let Some(start) = closing.filter(|_| letter.body.len() > 1) {
        flow.keep_with_two_lines_before(start);
    }
    signature(
        &letter.signature,
        &f,
        ts,
        fonts,
        &mut flow,
        body(0.0, 0.0, Align::Left, false),
    )?;
    let _ = blocks(
        &letter.enclosures,
        &f,
        ts,
        fonts,
        &mut flow,
        (ts.body_leading, ts.paragraph_skip),
        "pièces jointes",
    )?;
    if !letter.inventory.is_empty() {
        let start = flow.chunks.len();
        let _ = blocks(
            &letter.inventory,
            &f,
            ts,
            fonts,
            &mut flow,
            (0.0, ts.paragraph_skip),
            "inventaire des pièces",
        )?;
        if let Some(first) = flow.chunks.get_mut(start) {
            first.new_page = true;
        }
    }

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
