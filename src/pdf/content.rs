//! A laid-out page as a PDF content stream, written byte by byte.
//!
//! Each glyph run becomes a font selection (when it changes), a text matrix and one `TJ`
//! array of two-byte subset glyph ids. Justification is written as `TJ` offsets after the
//! stretched spaces, because the word-spacing operator `Tw` has no effect on two-byte fonts.
//! Numbers are written with at most three decimals, from integers, so the bytes do not depend
//! on float formatting.

use super::subset::EmbeddedFace;
use crate::typeset::{GlyphRun, Page};

/// Grey of the fold marks: visible enough to fold on, light enough not to distract.
const RULE_GREY: f32 = 0.55;

/// The content stream drawing `page`, whose height is `page_height` points. `faces` are the
/// document's embedded faces, named in the resources by [`resource_name`].
pub(crate) fn page_content(page: &Page, page_height: f32, faces: &[EmbeddedFace]) -> Vec<u8> {
    let glyph_count: usize = page.runs.iter().map(|r| r.glyphs.len()).sum();
    let mut out = Vec::with_capacity(glyph_count * 5 + page.runs.len() * 40 + 64);
    if !page.rules.is_empty() {
        number(&mut out, RULE_GREY);
        out.extend_from_slice(b" G\n");
        for rule in &page.rules {
            number(&mut out, rule.thickness);
            out.extend_from_slice(b" w ");
            point(&mut out, rule.from.0, page_height - rule.from.1);
            out.extend_from_slice(b" m ");
            point(&mut out, rule.to.0, page_height - rule.to.1);
            out.extend_from_slice(b" l S\n");
        }
    }
    if page.runs.is_empty() {
        return out;
    }
    out.extend_from_slice(b"BT\n");
    let mut current: Option<(usize, f32)> = None;
    for run in &page.runs {
        let Some(face) = faces.iter().position(|f| f.style == run.style) else {
            continue;
        };
        if current != Some((face, run.size)) {
            out.push(b'/');
            out.extend_from_slice(resource_name(faces[face].style).as_bytes());
            out.push(b' ');
            number(&mut out, run.size);
            out.extend_from_slice(b" Tf\n");
            current = Some((face, run.size));
        }
        out.extend_from_slice(b"1 0 0 1 ");
        point(&mut out, run.x, page_height - run.baseline);
        out.extend_from_slice(b" Tm\n");
        show(&mut out, run, &faces[face]);
    }
    out.extend_from_slice(b"ET\n");
    out
}

/// The font resource name of a face. Fixed names keep output independent of anything but
/// the letter.
pub(crate) fn resource_name(style: crate::letter::Style) -> &'static str {
    match style {
        crate::letter::Style::Regular => "R",
        crate::letter::Style::Bold => "B",
        crate::letter::Style::Italic => "I",
    }
}

/// `[<gids> offset <gids> …] TJ`. Offsets are in thousandths of an em, negative to move
/// right, and rounded to a tenth on the running total so rounding never accumulates along a
/// line.
fn show(out: &mut Vec<u8>, run: &GlyphRun, face: &EmbeddedFace) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    out.extend_from_slice(b"[<");
    let mut wanted = 0.0_f64;
    let mut written = 0.0_f64;
    for g in &run.glyphs {
        let gid = face.new_gid(g.gid);
        out.extend_from_slice(&[
            HEX[usize::from(gid >> 12)],
            HEX[usize::from(gid >> 8 & 15)],
            HEX[usize::from(gid >> 4 & 15)],
            HEX[usize::from(gid & 15)],
        ]);
        if g.extra != 0.0 {
            wanted += f64::from(g.extra) * 1000.0 / f64::from(run.size);
            let step = ((wanted - written) * 10.0).round() / 10.0;
            if step != 0.0 {
                written += step;
                out.extend_from_slice(b"> ");
                number(out, -(step as f32));
                out.extend_from_slice(b" <");
            }
        }
    }
    out.extend_from_slice(b">] TJ\n");
}

fn point(out: &mut Vec<u8>, x: f32, y: f32) {
    number(out, x);
    out.push(b' ');
    number(out, y);
}

/// `v` rounded to three decimals, without trailing zeros (`12`, `-3.5`, `0.125`).
pub(crate) fn number(out: &mut Vec<u8>, v: f32) {
    let thousandths = (f64::from(v) * 1000.0).round() as i64;
    if thousandths < 0 {
        out.push(b'-');
    }
    let magnitude = thousandths.unsigned_abs();
    integer(out, magnitude / 1000);
    let mut fraction = magnitude % 1000;
    if fraction != 0 {
        out.push(b'.');
        let mut digits = 3;
        while fraction.is_multiple_of(10) {
            fraction /= 10;
            digits -= 1;
        }
        let mut unit = 10_u64.pow(digits - 1);
        while unit > 0 {
            out.push(b'0' + (fraction / unit % 10) as u8);
            unit /= 10;
        }
    }
}

/// The decimal digits of `v`.
pub(crate) fn integer(out: &mut Vec<u8>, mut v: u64) {
    let mut buf = [0u8; 20];
    let mut i = buf.len();
    loop {
        i -= 1;
        buf[i] = b'0' + (v % 10) as u8;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    out.extend_from_slice(&buf[i..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(v: f32) -> String {
        let mut out = Vec::new();
        number(&mut out, v);
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn numbers_are_short_and_exact_to_the_thousandth() {
        assert_eq!(n(12.0), "12");
        assert_eq!(n(-3.5), "-3.5");
        assert_eq!(n(0.125), "0.125");
        assert_eq!(n(0.0504), "0.05");
        assert_eq!(n(595.2756), "595.276");
        assert_eq!(n(-0.0004), "0");
        assert_eq!(n(0.0005), "0.001");
    }
}
