//! Where a paragraph's words may be divided, turned into the pieces the line breaker sees.
//!
//! A piece is a word or part of a word. Between the pieces of one word the line may break:
//! after a hyphenation point (a hyphen is then added), after a hyphen the word already has
//! (« Jean-|Pierre ») or, as a last resort for a word wider than the line, after any
//! character, so nothing ever runs into the margin.

use std::ops::Range;

use super::hyphenate::{hyphenation_points, is_apostrophe};
use super::shape::{Atom, Shaped};
use crate::letter::Style;

/// How a line that ends after this piece ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PieceEnd {
    /// The end of a word: a word space follows unless the line ends.
    Word,
    /// A hyphenation point: a hyphen is added if the line ends here.
    Hyphen,
    /// Inside a word, after a hyphen it already has, or at an emergency break.
    Glued,
}

/// A fragment for `textwrap`'s optimal fit, widths in `unit`s.
#[derive(Clone, Debug)]
pub(crate) struct Piece {
    pub atoms: Range<usize>,
    pub end: PieceEnd,
    pub width: f64,
    pub space: f64,
    pub penalty: f64,
}

impl textwrap::core::Fragment for Piece {
    fn width(&self) -> f64 {
        self.width
    }
    fn whitespace_width(&self) -> f64 {
        self.space
    }
    fn penalty_width(&self) -> f64 {
        self.penalty
    }
}

/// Options for dividing words.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Division {
    /// Use the hyphenation patterns (body text); off for addresses and names.
    pub hyphenate: bool,
    /// Width of the added hyphen, in points, at the paragraph size, in the regular, bold and
    /// italic faces (the hyphen takes the face of the letter before it).
    pub hyphen_width: [f32; 3],
    /// Points per width unit given to the line breaker.
    pub unit: f32,
    /// The narrowest line of the paragraph, in points: no piece may be wider.
    pub narrowest: f32,
    /// Fraction of its width a word space may lose so a line fits (justified text only).
    pub shrink: f32,
}

impl Division {
    fn hyphen_width_after(&self, atom: &Atom) -> f32 {
        match atom.style {
            Style::Regular => self.hyphen_width[0],
            Style::Bold => self.hyphen_width[1],
            Style::Italic => self.hyphen_width[2],
        }
    }
}

/// Cuts the paragraph's words into pieces.
pub(crate) fn pieces(shaped: &Shaped, division: Division) -> Vec<Piece> {
    let atoms = &shaped.atoms;
    let mut out = Vec::with_capacity(shaped.words.len() * 2);
    let mut cuts: Vec<(usize, PieceEnd)> = Vec::new();
    let mut scratch = WordScratch::default();
    let last_word = shaped.words.len().saturating_sub(1);
    for (w, word) in shaped.words.iter().enumerate() {
        cuts.clear();
        // No division in the last word of a paragraph: its end would stand alone.
        if w != last_word {
            word_cuts(
                atoms,
                word.clone(),
                shaped,
                division.hyphenate,
                &mut scratch,
                &mut cuts,
            );
        }
        // The breaker sees word spaces at their narrowest: a line fits if it fits with its
        // spaces shrunk, and `build_line` shrinks them only as much as needed.
        let space = if w == last_word {
            0.0
        } else {
            atoms[word.end].width * (1.0 - division.shrink)
        };
        let mut start = word.start;
        for &(at, end) in cuts
            .iter()
            .chain(std::iter::once(&(word.end, PieceEnd::Word)))
        {
            let width = super::shape::width_of(&atoms[start..at]);
            let (penalty, space) = match end {
                PieceEnd::Hyphen => (division.hyphen_width_after(&atoms[at - 1]), 0.0),
                PieceEnd::Glued => (0.0, 0.0),
                PieceEnd::Word => (0.0, space),
            };
            push_fitting(
                &mut out,
                atoms,
                start..at,
                end,
                width,
                penalty,
                space,
                division,
            );
            start = at;
        }
    }
    out
}

/// Pushes a piece, first splitting it if it is wider than the narrowest line.
#[allow(clippy::too_many_arguments)]
fn push_fitting(
    out: &mut Vec<Piece>,
    atoms: &[Atom],
    range: Range<usize>,
    end: PieceEnd,
    width: f32,
    penalty: f32,
    space: f32,
    d: Division,
) {
    let u = f64::from(d.unit);
    if width + penalty <= d.narrowest {
        out.push(Piece {
            atoms: range,
            end,
            width: f64::from(width) / u,
            space: f64::from(space) / u,
            penalty: f64::from(penalty) / u,
        });
        return;
    }
    // Emergency: a word (a reference, an address, a very long name) wider than the line.
    // Cut it where a reader would (after « / - _ . @ » or a no-break space) if that leaves
    // the chunk at least half full, otherwise after any character.
    let mut start = range.start;
    while start < range.end {
        let mut filled = 0.0;
        let mut stop = start;
        let mut soft_stop = None;
        while stop < range.end {
            let w = atoms[stop].width;
            if stop > start && filled + w > d.narrowest {
                break;
            }
            filled += w;
            stop += 1;
            if matches!(
                atoms[stop - 1].character,
                '/' | '-' | '_' | '.' | '@' | '\u{A0}'
            ) {
                soft_stop = Some((stop, filled));
            }
        }
        if stop < range.end
            && let Some((s, f)) = soft_stop
            && f >= d.narrowest / 2.0
        {
            stop = s;
        }
        let last = stop >= range.end;
        let chunk_width = super::shape::width_of(&atoms[start..stop]);
        let (chunk_end, chunk_penalty, chunk_space) = if last {
            (end, penalty, space)
        } else {
            (PieceEnd::Glued, 0.0, 0.0)
        };
        // A final chunk whose hyphen would not fit loses its hyphenation point.
        let (chunk_end, chunk_penalty) = if last && chunk_width + chunk_penalty > d.narrowest {
            (PieceEnd::Glued, 0.0)
        } else {
            (chunk_end, chunk_penalty)
        };
        out.push(Piece {
            atoms: start..stop,
            end: chunk_end,
            width: f64::from(chunk_width) / u,
            space: f64::from(chunk_space) / u,
            penalty: f64::from(chunk_penalty) / u,
        });
        start = stop;
    }
}

#[derive(Default)]
struct WordScratch {
    letters: String,
    atom_of_byte: Vec<usize>,
    points: Vec<usize>,
}

/// Break opportunities inside one word, in increasing order.
fn word_cuts(
    atoms: &[Atom],
    word: Range<usize>,
    shaped: &Shaped,
    hyphenate: bool,
    scratch: &mut WordScratch,
    cuts: &mut Vec<(usize, PieceEnd)>,
) {
    let slice = &atoms[word.clone()];
    let has_digit = slice.iter().any(|a| a.character.is_ascii_digit());

    // Soft hyphens from the source are the author's choice and win over the patterns.
    let soft = shaped
        .soft_hyphens
        .iter()
        .filter(|&&i| i > word.start && i < word.end);
    cuts.extend(soft.map(|&i| (i, PieceEnd::Hyphen)));
    if !cuts.is_empty() {
        return;
    }
    if has_digit {
        return;
    }

    // After a hyphen the word already has, with three characters on each side.
    for (k, a) in slice.iter().enumerate() {
        let at = word.start + k + 1;
        if matches!(a.character, '-' | '\u{2010}') && k >= 3 && word.end - at >= 3 {
            cuts.push((at, PieceEnd::Glued));
        }
    }

    if hyphenate {
        // Each run of letters (and inner apostrophes) is a word for the patterns.
        let mut k = word.start;
        while k < word.end {
            if !is_letter(&atoms[k]) {
                k += 1;
                continue;
            }
            let run_start = k;
            while k < word.end && (is_letter(&atoms[k]) || is_apostrophe(atoms[k].character)) {
                k += 1;
            }
            hyphenate_run(atoms, run_start..k, scratch, cuts);
        }
        cuts.sort_unstable_by_key(|c| c.0);
        cuts.dedup_by_key(|c| c.0);
    }
}

fn is_letter(a: &Atom) -> bool {
    a.character.is_alphabetic() && !a.superscript
}

fn hyphenate_run(
    atoms: &[Atom],
    run: Range<usize>,
    s: &mut WordScratch,
    cuts: &mut Vec<(usize, PieceEnd)>,
) {
    if run.len() < 6 {
        return;
    }
    s.letters.clear();
    s.atom_of_byte.clear();
    for i in run.clone() {
        let c = atoms[i].character;
        s.letters.push(c);
        s.atom_of_byte.extend(std::iter::repeat_n(i, c.len_utf8()));
    }
    hyphenation_points(&s.letters, &mut s.points);
    for &byte in &s.points {
        if let Some(&atom) = s.atom_of_byte.get(byte) {
            cuts.push((atom, PieceEnd::Hyphen));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::letter::Span;
    use crate::typeset::fonts::Fonts;
    use crate::typeset::shape::{Sizes, shape};

    fn cut(text: &str, hyphenate: bool, narrowest: f32) -> Vec<String> {
        let shaped = shape(
            &[Span::plain(text)],
            Sizes {
                size: 10.0,
                superscript_scale: 0.6,
            },
            Fonts::charis(),
        )
        .unwrap();
        let division = Division {
            hyphenate,
            hyphen_width: [3.0; 3],
            unit: 5.0,
            narrowest,
            shrink: 0.0,
        };
        pieces(&shaped, division)
            .iter()
            .map(|p| {
                let s: String = shaped.atoms[p.atoms.clone()]
                    .iter()
                    .map(|a| a.character)
                    .collect();
                match p.end {
                    PieceEnd::Word => format!("{s}_"),
                    PieceEnd::Hyphen => format!("{s}-"),
                    PieceEnd::Glued => s,
                }
            })
            .collect()
    }

    #[test]
    fn words_are_divided_but_not_the_last_one() {
        let p = cut("administration conventionnelle", true, 400.0);
        assert_eq!(
            p,
            ["ad-", "mi-", "nis-", "tra-", "tion_", "conventionnelle_"]
        );
    }

    #[test]
    fn without_hyphenation_only_existing_hyphens_break() {
        let p = cut("Jean-Pierre Marie-Hélène Dupont", false, 400.0);
        assert_eq!(p, ["Jean-", "Pierre_", "Marie-", "Hélène_", "Dupont_"]);
    }

    #[test]
    fn references_with_digits_are_never_divided() {
        let p = cut("n°\u{A0}2026-000421 suite", true, 400.0);
        assert_eq!(p, ["n°\u{A0}2026-000421_", "suite_"]);
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut_to_fit() {
        let long = "x".repeat(70);
        let p = cut(&format!("{long} fin"), true, 100.0);
        assert!(p.len() > 2);
        let joined: String = p.concat().replace('_', "");
        assert_eq!(joined, format!("{long}fin"));
    }

    #[test]
    fn emergency_cuts_prefer_slashes() {
        let url = "https://www.service-public.fr/particuliers/vosdroits/F1342";
        let p = cut(url, false, 150.0);
        assert!(p.len() >= 2, "{p:?}");
        assert!(
            p[0].ends_with('/') || p[0].ends_with('.') || p[0].ends_with('-'),
            "{p:?}"
        );
    }
}
