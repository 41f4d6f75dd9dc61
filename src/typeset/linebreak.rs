//! Setting a paragraph: choose the line breaks over the whole paragraph (optimal fit), then
//! build each line's glyph runs, justified with extra space after each word space.
//!
//! `textwrap`'s optimal fit minimises the sum of squared gaps, which for justified text means
//! spreading the slack evenly across lines. Widths are given in units of half the type size,
//! the scale its penalties were designed for (terminal columns), and lines that would run past
//! the margin get a prohibitive penalty: nothing may overflow, and every piece fits a line on
//! its own (see `breaks`), so an overflowing line is never the best choice.
//!
//! Justified word spaces may shrink by up to [`MAX_SHRINK`] of their width as well as stretch,
//! as TeX's do: the breaker measures spaces at their narrowest, so it can choose a slightly
//! tight line over a loose one, and the line is then set with its spaces shrunk just enough.

use textwrap::wrap_algorithms::{Penalties, wrap_optimal_fit};

use super::breaks::{Division, Piece, PieceEnd, pieces};
use super::error::TypesetError;
use super::fonts::Fonts;
use super::memo;
use super::output::{GlyphRun, PlacedGlyph};
use super::shape::{Atom, Shaped, Sizes, shape};
use crate::letter::{Span, Style};

/// How the lines of a paragraph are aligned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Align {
    /// Both margins, except the last line.
    Justify,
    /// Left margin only.
    Left,
}

/// How to set one paragraph.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ParagraphStyle {
    pub size: f32,
    pub superscript_scale: f32,
    pub superscript_rise: f32,
    /// Width available to the first line, in points.
    pub first_width: f32,
    /// Width available to the other lines.
    pub width: f32,
    pub align: Align,
    pub hyphenate: bool,
}

/// A set line: runs positioned relative to the line's left end and baseline.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct SetLine {
    pub runs: Vec<GlyphRun>,
    /// Width taken, in points (justification included).
    pub width: f32,
    /// The line ends with a hyphen added by the breaker.
    pub hyphenated: bool,
}

impl SetLine {
    /// Moves the line to its place on the page.
    pub fn placed(mut self, x: f32, baseline: f32) -> Vec<GlyphRun> {
        for run in &mut self.runs {
            run.x += x;
            run.baseline += baseline;
        }
        self.runs
    }
}

/// How much of its width a justified word space may lose (TeX allows a third).
pub(crate) const MAX_SHRINK: f32 = 0.25;

/// How much a justified space may grow, as a multiple of its width, before the line is set
/// ragged instead.
const MAX_STRETCH: f32 = 1.5;

/// Penalties tuned for text measured in half-ems: a line break costs 50, an added hyphen 40
/// (as much as a 6.3 half-em gap), overflowing is prohibitive.
const PENALTIES: Penalties = Penalties {
    nline_penalty: 10,
    overflow_penalty: 1_000_000_000,
    short_last_line_fraction: 4,
    short_last_line_penalty: 25,
    hyphen_penalty: 10,
};

/// Sets `spans` as one paragraph, or gives back the lines this thread set for the same
/// paragraph before (see `memo`).
pub(crate) fn set_paragraph(
    spans: &[Span],
    style: ParagraphStyle,
    fonts: &Fonts,
) -> Result<Vec<SetLine>, TypesetError> {
    memo::remembered(spans, style, fonts, set_afresh)
}

/// Sets `spans` as one paragraph.
fn set_afresh(
    spans: &[Span],
    style: ParagraphStyle,
    fonts: &Fonts,
) -> Result<Vec<SetLine>, TypesetError> {
    let sizes = Sizes {
        size: style.size,
        superscript_scale: style.superscript_scale,
    };
    let shaped = shape(spans, sizes, fonts)?;
    if shaped.atoms.is_empty() {
        return Ok(Vec::new());
    }
    let unit = style.size / 2.0;
    let hyphen = |face| -> Result<f32, TypesetError> {
        Ok(f32::from(fonts.require(face, '\u{AD}')?.advance) * style.size / 1000.0)
    };
    let division = Division {
        hyphenate: style.hyphenate,
        hyphen_width: [
            hyphen(Style::Regular)?,
            hyphen(Style::Bold)?,
            hyphen(Style::Italic)?,
        ],
        unit,
        narrowest: style.first_width.min(style.width),
        shrink: if style.align == Align::Justify {
            MAX_SHRINK
        } else {
            0.0
        },
    };
    let pieces = pieces(&shaped, division);
    let widths = [
        f64::from(style.first_width / unit),
        f64::from(style.width / unit),
    ];
    let lines = match wrap_optimal_fit(&pieces, &widths, &PENALTIES) {
        Ok(lines)
            if lines
                .iter()
                .enumerate()
                .all(|(i, l)| fits(l, widths[i.min(1)])) =>
        {
            lines
        }
        // Cannot happen with finite widths and fitting pieces; first fit is the safe fallback.
        _ => first_fit(&pieces, widths),
    };
    let count = lines.len();
    let mut out = Vec::with_capacity(count);
    for (i, line) in lines.iter().enumerate() {
        let available = if i == 0 {
            style.first_width
        } else {
            style.width
        };
        let justify = style.align == Align::Justify && i + 1 < count;
        out.push(build_line(&shaped, line, available, justify, style, fonts)?);
    }
    Ok(out)
}

/// Line width in units, as `textwrap` computes it, checked against the target.
fn fits(line: &[Piece], target: f64) -> bool {
    let Some(last) = line.last() else { return true };
    let w: f64 = line.iter().map(|p| p.width + p.space).sum::<f64>() - last.space + last.penalty;
    w <= target + 1e-6
}

/// Greedy breaking, used only if optimal fit ever fails.
fn first_fit(pieces: &[Piece], widths: [f64; 2]) -> Vec<&[Piece]> {
    let mut lines = Vec::new();
    let mut start = 0;
    while start < pieces.len() {
        let target = widths[lines.len().min(1)];
        let mut end = start + 1;
        while end < pieces.len() && fits(&pieces[start..=end], target) {
            end += 1;
        }
        lines.push(&pieces[start..end]);
        start = end;
    }
    lines
}

fn build_line(
    shaped: &Shaped,
    line: &[Piece],
    available: f32,
    justify: bool,
    style: ParagraphStyle,
    fonts: &Fonts,
) -> Result<SetLine, TypesetError> {
    let (Some(first), Some(last)) = (line.first(), line.last()) else {
        return Ok(SetLine {
            runs: Vec::new(),
            width: 0.0,
            hyphenated: false,
        });
    };
    let atoms = &shaped.atoms[first.atoms.start..last.atoms.end];
    let hyphenated = last.end == PieceEnd::Hyphen;
    let hyphen = match (hyphenated, atoms.last()) {
        (true, Some(a)) => {
            let g = fonts.require(a.style, '\u{AD}')?;
            Some(Atom {
                character: '\u{AD}',
                gid: g.gid,
                advance: g.advance,
                style: a.style,
                superscript: false,
                width: f32::from(g.advance) * style.size / 1000.0,
            })
        }
        _ => None,
    };
    let natural: f32 = atoms.iter().map(|a| a.width).sum::<f32>() + hyphen.map_or(0.0, |h| h.width);
    // Word spaces shrink (proportionally) when the breaker counted on it; otherwise, in a
    // justified line, every stretchable space grows by the same amount.
    let word_spaces: f32 = atoms
        .iter()
        .filter(|a| a.character == ' ')
        .map(|a| a.width)
        .sum();
    let (shrink_ratio, stretch) = if natural > available && word_spaces > 0.0 {
        (((natural - available) / word_spaces).min(MAX_SHRINK), 0.0)
    } else {
        let stretchable: Vec<f32> = atoms
            .iter()
            .filter(|a| a.is_stretchable())
            .map(|a| a.width)
            .collect();
        let stretch = if stretchable.is_empty() {
            0.0
        } else {
            (available - natural) / stretchable.len() as f32
        };
        // A line that could only be justified with gaping spaces (before a word too long to
        // share a line) is left ragged: holes read worse than a short line.
        let widest = stretchable.iter().copied().fold(0.0_f32, f32::max);
        if justify && stretch > 0.0 && stretch <= MAX_STRETCH * widest {
            (0.0, stretch)
        } else {
            (0.0, 0.0)
        }
    };

    let mut runs: Vec<GlyphRun> = Vec::new();
    let mut pen = 0.0_f32;
    for a in atoms.iter().chain(hyphen.iter()) {
        let add = if a.character == ' ' && shrink_ratio > 0.0 {
            -a.width * shrink_ratio
        } else if a.is_stretchable() {
            stretch
        } else {
            0.0
        };
        let size = if a.superscript {
            style.size * style.superscript_scale
        } else {
            style.size
        };
        let baseline = if a.superscript {
            -style.size * style.superscript_rise
        } else {
            0.0
        };
        let glyph = PlacedGlyph {
            gid: a.gid,
            character: a.character,
            advance: a.advance,
            extra: add,
        };
        match runs.last_mut() {
            Some(run) if run.style == a.style && run.size == size && run.baseline == baseline => {
                run.glyphs.push(glyph)
            }
            _ => runs.push(GlyphRun {
                style: a.style,
                size,
                x: pen,
                baseline,
                glyphs: vec![glyph],
            }),
        }
        pen += a.width + add;
    }
    Ok(SetLine {
        runs,
        width: pen,
        hyphenated,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn style(width: f32, align: Align) -> ParagraphStyle {
        ParagraphStyle {
            size: 11.0,
            superscript_scale: 0.66,
            superscript_rise: 0.36,
            first_width: width,
            width,
            align,
            hyphenate: true,
        }
    }

    const TEXT: &str = "Par une décision du 3 novembre 2026, notifiée le 10 novembre, le préfet a \
        refusé de me délivrer une carte nationale d’identité au motif que les pièces produites ne \
        permettraient pas d’établir ma nationalité française. Cette décision est entachée d’une \
        erreur d’appréciation : l’acte de naissance transcrit que j’ai produit suffit à établir \
        ma nationalité, conformément à la jurisprudence du Conseil d’État.";

    fn text_of(lines: &[SetLine]) -> String {
        let mut s = String::new();
        for l in lines {
            for r in &l.runs {
                s.push_str(&r.text());
            }
            s.push('\n');
        }
        s
    }

    #[test]
    fn justified_lines_end_on_the_margin_except_the_last() {
        let lines = set_paragraph(
            &[Span::plain(TEXT)],
            style(300.0, Align::Justify),
            Fonts::charis(),
        )
        .unwrap();
        assert!(lines.len() > 3);
        for l in &lines[..lines.len() - 1] {
            assert!((l.width - 300.0).abs() < 0.01, "{}", l.width);
        }
        assert!(lines.last().unwrap().width < 300.0);
    }

    #[test]
    fn no_line_is_wider_than_the_measure() {
        for width in [120.0, 200.0, 300.0, 467.0] {
            for align in [Align::Justify, Align::Left] {
                let lines =
                    set_paragraph(&[Span::plain(TEXT)], style(width, align), Fonts::charis())
                        .unwrap();
                for l in &lines {
                    assert!(l.width <= width + 0.01, "{} > {width}", l.width);
                }
            }
        }
    }

    #[test]
    fn the_text_survives_line_breaking() {
        let lines = set_paragraph(
            &[Span::plain(TEXT)],
            style(200.0, Align::Justify),
            Fonts::charis(),
        )
        .unwrap();
        let joined = text_of(&lines).replace("\u{AD}\n", "").replace('\n', " ");
        assert_eq!(joined.trim_end(), TEXT);
    }

    #[test]
    fn a_no_break_space_never_ends_a_line() {
        let lines = set_paragraph(
            &[Span::plain(TEXT)],
            style(150.0, Align::Justify),
            Fonts::charis(),
        )
        .unwrap();
        for l in &lines {
            let t: String = l.runs.iter().map(|r| r.text()).collect();
            assert!(!t.ends_with('\u{A0}') && !t.starts_with(':'), "{t:?}");
        }
    }

    #[test]
    fn an_unbreakable_seventy_character_word_is_cut_inside_the_line() {
        let word = "A".repeat(70);
        let lines = set_paragraph(
            &[Span::plain(format!("Référence {word} fin"))],
            style(150.0, Align::Justify),
            Fonts::charis(),
        )
        .unwrap();
        assert!(lines.len() >= 3);
        for l in &lines {
            assert!(l.width <= 150.01, "{}", l.width);
        }
        let letters = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
        assert_eq!(
            letters(&text_of(&lines)),
            letters(&format!("Référence {word} fin"))
        );
    }

    #[test]
    fn a_line_that_would_gape_before_a_long_word_stays_ragged() {
        let word = "ABCDEFGHIJ".repeat(4);
        let text = format!("Référence à rappeler : {word}, merci.");
        let lines = set_paragraph(
            &[Span::plain(text)],
            style(250.0, Align::Justify),
            Fonts::charis(),
        )
        .unwrap();
        assert_eq!(lines.len(), 3);
        assert!(
            lines[0].width < 200.0,
            "first line left short, not stretched: {}",
            lines[0].width
        );
        assert!(
            lines[0]
                .runs
                .iter()
                .flat_map(|r| &r.glyphs)
                .all(|g| g.extra == 0.0)
        );
    }

    #[test]
    fn superscripts_are_raised_and_smaller() {
        let spans = [
            Span::plain("le 1"),
            Span {
                text: "er".into(),
                style: Style::Regular,
                superscript: true,
            },
            Span::plain(" décembre"),
        ];
        let lines = set_paragraph(&spans, style(300.0, Align::Left), Fonts::charis()).unwrap();
        assert_eq!(lines.len(), 1);
        let sup = lines[0].runs.iter().find(|r| r.text() == "er").unwrap();
        assert!(sup.size < 11.0);
        assert!(sup.baseline < 0.0);
    }
}
