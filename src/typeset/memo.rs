//! Paragraphs already set, remembered by each thread.
//!
//! In a batch, most of every letter is text the letters share: the template's paragraphs and
//! the grounds, set at the same width in the same style. Breaking a paragraph (shaping,
//! hyphenation, optimal fit) is most of the layout time, and its result depends on nothing
//! but the text, the paragraph style and the faces, so a thread gives back the lines it set
//! for the same paragraph before. Output is the same with or without the memo, in any order.
//!
//! Only long paragraphs are remembered: short ones (names, addresses, dates) differ from
//! letter to letter and are quickly set. The memo is bounded by the glyphs and text it holds
//! and is emptied when full, so a batch of any size keeps a few megabytes per thread.

use std::cell::RefCell;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};

use super::error::TypesetError;
use super::fonts::Fonts;
use super::linebreak::{Align, ParagraphStyle, SetLine};
use crate::letter::{Span, Style};

/// Paragraphs shorter than this (bytes of text) are set each time.
const MIN_TEXT: usize = 160;

/// Glyphs (about 12 bytes each) plus bytes of text a thread's memo may hold before it is
/// emptied: a few megabytes.
const CAPACITY: usize = 300_000;

/// What the lines of a paragraph depend on.
#[derive(Clone, Debug, PartialEq)]
struct Key {
    /// The faces, by the address and length of their static font data.
    faces: [(usize, usize); 3],
    /// The paragraph style's numbers, bit for bit.
    numbers: [u32; 5],
    align: Align,
    hyphenate: bool,
    spans: Vec<Span>,
}

#[derive(Default)]
struct Memo {
    /// By the hash of a key, the keys and lines set for them.
    entries: HashMap<u64, Vec<(Key, Vec<SetLine>)>>,
    /// Glyphs held plus bytes of key text, against [`CAPACITY`].
    weight: usize,
}

thread_local! {
    static MEMO: RefCell<Memo> = RefCell::new(Memo::default());
}

/// How a paragraph is set when it is not remembered.
type SetAfresh = fn(&[Span], ParagraphStyle, &Fonts) -> Result<Vec<SetLine>, TypesetError>;

/// Empties this thread's memo.
pub(crate) fn forget() {
    MEMO.with_borrow_mut(|memo| *memo = Memo::default());
}

/// The lines of `spans` set in `style`: those remembered, or `set`'s, then remembered.
pub(crate) fn remembered(
    spans: &[Span],
    style: ParagraphStyle,
    fonts: &Fonts,
    set: SetAfresh,
) -> Result<Vec<SetLine>, TypesetError> {
    if spans.iter().map(|s| s.text.len()).sum::<usize>() < MIN_TEXT {
        return set(spans, style, fonts);
    }
    let faces = [Style::Regular, Style::Bold, Style::Italic].map(|face| {
        let bytes = fonts.font_bytes(face);
        (bytes.as_ptr() as usize, bytes.len())
    });
    let numbers = [
        style.size,
        style.superscript_scale,
        style.superscript_rise,
        style.first_width,
        style.width,
    ]
    .map(f32::to_bits);
    let matches = |key: &Key| {
        key.faces == faces
            && key.numbers == numbers
            && key.align == style.align
            && key.hyphenate == style.hyphenate
            && key.spans == spans
    };
    let mut hasher = DefaultHasher::new();
    (faces, numbers, style.align, style.hyphenate, spans).hash(&mut hasher);
    let hash = hasher.finish();

    let hit = MEMO.with_borrow(|memo| {
        memo.entries
            .get(&hash)
            .and_then(|list| list.iter().find(|(key, _)| matches(key)))
            .map(|(_, lines)| lines.clone())
    });
    if let Some(lines) = hit {
        return Ok(lines);
    }
    let lines = set(spans, style, fonts)?;
    // What an entry holds: its lines' glyphs and its key's text (which can exceed the glyphs,
    // and is all there is when a paragraph sets to nothing).
    let weight: usize = lines
        .iter()
        .flat_map(|l| &l.runs)
        .map(|r| r.glyphs.len())
        .sum::<usize>()
        + spans.iter().map(|s| s.text.len()).sum::<usize>();
    MEMO.with_borrow_mut(|memo| {
        if memo.weight + weight > CAPACITY {
            *memo = Memo::default();
        }
        memo.weight += weight;
        let key = Key {
            faces,
            numbers,
            align: style.align,
            hyphenate: style.hyphenate,
            spans: spans.to_vec(),
        };
        memo.entries
            .entry(hash)
            .or_default()
            .push((key, lines.clone()));
    });
    Ok(lines)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::linebreak::set_paragraph;

    const TEXT: &str = "Je conteste le refus opposé à ma demande de carte nationale \
        d’identité : les pièces produites établissent ma nationalité française, et la \
        décision ne dit pas lesquelles feraient défaut ni pourquoi celles-ci ne suffisent pas.";

    fn style(width: f32) -> ParagraphStyle {
        ParagraphStyle {
            size: 11.0,
            superscript_scale: 0.6,
            superscript_rise: 3.0,
            first_width: width,
            width,
            align: Align::Justify,
            hyphenate: true,
        }
    }

    fn set(spans: &[Span], style: ParagraphStyle) -> Vec<SetLine> {
        set_paragraph(spans, style, Fonts::charis()).unwrap()
    }

    #[test]
    fn a_remembered_paragraph_is_set_as_if_afresh() {
        let spans = [Span::plain(TEXT)];
        let count = || MEMO.with_borrow(|m| m.entries.values().map(Vec::len).sum::<usize>());
        let before = count();
        let first = set(&spans, style(300.0));
        assert_eq!(count(), before + 1);
        let again = set(&spans, style(300.0));
        assert_eq!(count(), before + 1, "found, not stored twice");
        assert_eq!(first, again);
        // Another width, another style, another text: set afresh, and differently.
        let narrow = set(&spans, style(200.0));
        assert!(narrow.len() > first.len());
        let bold = [Span {
            style: Style::Bold,
            ..Span::plain(TEXT)
        }];
        assert_ne!(set(&bold, style(300.0)), first);
        let ragged = ParagraphStyle {
            align: Align::Left,
            ..style(300.0)
        };
        assert_ne!(set(&spans, ragged), first);
        assert_eq!(count(), before + 4);
        // Short paragraphs are not remembered.
        set(&[Span::plain("Camille Martin")], style(300.0));
        assert_eq!(count(), before + 4);
        forget();
        assert_eq!(count(), 0);
    }
}
