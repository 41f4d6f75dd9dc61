//! Where a French word may be divided at the end of a line.
//!
//! Liang's patterns (TeX's `hyph-fr`, through the `hyphenation` crate) propose the breaks;
//! this module adds the rules of French typesetting the patterns do not know: leave at least
//! two letters before and three after a break (babel-french's minima), never divide short
//! words, words with a capital (proper nouns, acronyms such as CERT), or anything holding a
//! digit (references, dates).
//!
//! Pattern matching is the engine's costliest step per word, and the letters of a batch share
//! most of their words, so each thread remembers the words it has divided.

use std::cell::RefCell;
use std::collections::HashMap;
use std::sync::OnceLock;

use hyphenation::{Hyphenator, Language, Load, Standard};

use crate::assets;

/// Letters that must stay before a break.
const LEFT_MIN: usize = 2;
/// Letters that must go after a break.
const RIGHT_MIN: usize = 3;
/// Shorter words are never divided.
const MIN_WORD: usize = 6;

fn dictionary() -> Option<&'static Standard> {
    static FRENCH: OnceLock<Option<Standard>> = OnceLock::new();
    FRENCH
        .get_or_init(|| {
            // Compiled in; a unit test proves it loads. If it ever did not, letters would
            // still be set, only without hyphenation.
            Standard::from_reader(Language::French, &mut &assets::FRENCH_HYPHENATION[..]).ok()
        })
        .as_ref()
}

/// Words remembered per thread before the memory is cleared (a few hundred kilobytes).
const CACHE_WORDS: usize = 8192;

thread_local! {
    static DIVIDED: RefCell<HashMap<Box<str>, Box<[u16]>>> = RefCell::new(HashMap::new());
}

/// Byte offsets in `word` where a hyphen may be inserted. `word` is one run of letters and
/// apostrophes (such as `l’expression`), without surrounding punctuation.
pub(crate) fn hyphenation_points(word: &str, out: &mut Vec<usize>) {
    out.clear();
    DIVIDED.with_borrow_mut(|cache| {
        if let Some(points) = cache.get(word) {
            out.extend(points.iter().map(|&p| usize::from(p)));
            return;
        }
        compute_points(word, out);
        if cache.len() >= CACHE_WORDS {
            cache.clear();
        }
        let points: Box<[u16]> = out.iter().filter_map(|&p| u16::try_from(p).ok()).collect();
        if points.len() == out.len() {
            cache.insert(word.into(), points);
        }
    });
}

fn compute_points(word: &str, out: &mut Vec<usize>) {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            if !c.is_lowercase() {
                return;
            }
            letters += 1;
        } else if !is_apostrophe(c) {
            return;
        }
    }
    if letters < MIN_WORD {
        return;
    }
    let Some(dict) = dictionary() else { return };
    let hyphenated = dict.hyphenate(word);
    for &at in &hyphenated.breaks {
        let (before, after) = word.split_at(at);
        let letters_before = before.chars().filter(|c| c.is_alphabetic()).count();
        let letters_after = after.chars().filter(|c| c.is_alphabetic()).count();
        // No break right after an elision: « l’|expression » is not a French division.
        let after_apostrophe = before.chars().next_back().is_some_and(is_apostrophe);
        if letters_before >= LEFT_MIN && letters_after >= RIGHT_MIN && !after_apostrophe {
            out.push(at);
        }
    }
}

pub(crate) fn is_apostrophe(c: char) -> bool {
    c == '’' || c == '\''
}

#[cfg(test)]
mod tests {
    use super::*;

    fn divide(word: &str) -> String {
        let mut points = Vec::new();
        hyphenation_points(word, &mut points);
        let mut out = String::new();
        let mut last = 0;
        for p in points {
            out.push_str(&word[last..p]);
            out.push('-');
            last = p;
        }
        out.push_str(&word[last..]);
        out
    }

    #[test]
    fn the_embedded_french_dictionary_loads() {
        assert!(dictionary().is_some());
    }

    #[test]
    fn french_words_are_divided_by_syllable() {
        // The French patterns forbid « con- » at the start of a word.
        assert_eq!(divide("conventionnelle"), "conven-tion-nelle");
        assert_eq!(divide("administration"), "ad-mi-nis-tra-tion");
        assert_eq!(divide("œuvrer"), "œu-vrer");
    }

    #[test]
    fn at_least_two_letters_before_and_three_after() {
        // « abandonner » would allow a-ban-don-ner by the patterns.
        let d = divide("abandonnée");
        assert!(!d.starts_with("a-"), "{d}");
        assert!(!d.ends_with("-ée"), "{d}");
    }

    #[test]
    fn no_break_right_after_an_elision() {
        let d = divide("l’expression");
        assert!(!d.starts_with("l’-"), "{d}");
        assert!(d.contains('-'), "the word itself may be divided: {d}");
    }

    #[test]
    fn short_words_capitals_and_digits_are_left_whole() {
        for word in [
            "refus",
            "Dupont",
            "PRÉFECTURE",
            "Cavaillon",
            "2026abc",
            "décision2",
        ] {
            assert_eq!(divide(word), word);
        }
    }
}
