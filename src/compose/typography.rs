//! French typography, applied to every text of the letter, the user's included
//! (`reference/legal.md` §5.1–5.2).
//!
//! - a no-break space (U+00A0) before « : », a narrow no-break space (U+202F) before « ; »,
//!   « ! », « ? » and inside « », so that no line ever starts with a colon;
//! - the typographic apostrophe ’ and French quotation marks for "…";
//! - « 1er », « 1re », « 2e » set with a superscript ending;
//! - « … » for three dots, « – » for a spaced hyphen, single spaces.
//!
//! The rules run on plain strings ([`fix`]) and on styled text ([`fix_text`]), where the
//! ordinal endings become superscript spans.

use crate::letter::{Span, Text};

/// U+00A0 NO-BREAK SPACE.
pub const NBSP: char = '\u{a0}';
/// U+202F NARROW NO-BREAK SPACE.
pub const NNBSP: char = '\u{202f}';

/// The typographic rules on one string.
pub fn fix(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    let mut open_quote = true;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        match c {
            '\'' => out.push('’'),
            '"' => {
                if open_quote {
                    out.push('«');
                    out.push(NNBSP);
                } else {
                    trim_trailing_spaces(&mut out);
                    out.push(NNBSP);
                    out.push('»');
                }
                open_quote = !open_quote;
                // Spaces after an opening mark are replaced by the NNBSP just pushed.
                if !open_quote {
                    while chars.get(i + 1) == Some(&' ') {
                        i += 1;
                    }
                }
            }
            '«' => {
                out.push('«');
                out.push(NNBSP);
                while matches!(chars.get(i + 1), Some(&(' ' | NBSP | NNBSP))) {
                    i += 1;
                }
            }
            '»' => {
                trim_trailing_spaces(&mut out);
                if !out.is_empty() {
                    out.push(NNBSP);
                }
                out.push('»');
            }
            ':' | ';' | '!' | '?' => {
                let space = if c == ':' { NBSP } else { NNBSP };
                let ends_word = next.is_none_or(|n| {
                    n.is_whitespace() || matches!(n, '»' | ')' | '"' | '!' | '?' | '.' | ',')
                });
                let after_text = out
                    .chars()
                    .last()
                    .is_some_and(|p| !p.is_whitespace() || p == NBSP || p == NNBSP);
                let spaced = out.ends_with([' ', NBSP, NNBSP]);
                // Only punctuation that ends a word: not « 10:30 », « https:// », « ?id=3 ».
                if ends_word && (spaced || after_text) && !out.is_empty() {
                    trim_trailing_spaces(&mut out);
                    if !out.ends_with(['!', '?']) || c == ':' {
                        out.push(space);
                    }
                }
                out.push(c);
            }
            '.' if next == Some('.') && chars.get(i + 2) == Some(&'.') => {
                out.push('…');
                i += 2;
            }
            '-' if out.ends_with(' ') && next == Some(' ') => out.push('–'),
            ' ' | '\t' if out.ends_with([' ', NBSP, NNBSP]) || out.is_empty() => {}
            '\t' => out.push(' '),
            _ => out.push(c),
        }
        i += 1;
    }
    while out.ends_with(' ') {
        out.pop();
    }
    if let Some(rest) = out.strip_prefix("n° ") {
        out = format!("n°{NBSP}{rest}");
    }
    legal_refs(&out.replace(" n° ", &format!(" n°{NBSP}")))
}

/// « art. L. 211-2 » keeps together: no break after « art. » nor inside « L. 211-2 ».
fn legal_refs(s: &str) -> String {
    let mut out = s.replace("art. ", &format!("art.{NBSP}"));
    for code in ["L", "R", "D"] {
        let mut from = 0;
        let pat = format!("{code}. ");
        while let Some(pos) = out[from..].find(&pat) {
            let at = from + pos;
            let standalone = out[..at]
                .chars()
                .last()
                .is_none_or(|p| !p.is_alphanumeric());
            let digit_after = out[at + pat.len()..]
                .chars()
                .next()
                .is_some_and(|d| d.is_ascii_digit());
            if standalone && digit_after {
                out.replace_range(at + 2..at + 3, &NBSP.to_string());
            }
            from = at + 2;
        }
    }
    out
}

fn trim_trailing_spaces(out: &mut String) {
    while out.ends_with([' ', NBSP, NNBSP]) {
        out.pop();
    }
}

/// The rules on styled text: each span is fixed, a span boundary inside a word is kept, and
/// ordinal endings (« 1er », « 2e ») become superscript.
pub fn fix_text(t: &Text, superscripts: bool) -> Text {
    let mut spans = Vec::new();
    for span in &t.spans {
        let text = fix(&span.text);
        // `fix` drops leading spaces; keep the one that separates this span from the last.
        let text = if span.text.starts_with(' ') && !spans.is_empty() {
            format!(" {text}")
        } else {
            text
        };
        let text = if span.text.ends_with(' ') && !text.ends_with(' ') {
            format!("{text} ")
        } else {
            text
        };
        if superscripts && !span.superscript {
            split_ordinals(&text, span, &mut spans);
        } else {
            spans.push(Span {
                text,
                ..span.clone()
            });
        }
    }
    Text { spans }
}

/// Splits « le 1er décembre » into « le 1 », superscript « er », « décembre ».
fn split_ordinals(text: &str, span: &Span, spans: &mut Vec<Span>) {
    let mut rest = text;
    let mut pending = String::new();
    while !rest.is_empty() {
        let word_end = rest
            .find(|c: char| c.is_whitespace() || c == ',' || c == ')')
            .unwrap_or(rest.len());
        let (word, tail) = rest.split_at(word_end);
        match ordinal_split(word) {
            Some((number, ending)) => {
                pending.push_str(number);
                spans.push(Span {
                    text: std::mem::take(&mut pending),
                    ..span.clone()
                });
                spans.push(Span {
                    text: ending.to_string(),
                    style: span.style,
                    superscript: true,
                });
            }
            None => pending.push_str(word),
        }
        let sep_len = tail.chars().next().map_or(0, char::len_utf8);
        pending.push_str(&tail[..sep_len]);
        rest = &tail[sep_len..];
    }
    if !pending.is_empty() {
        spans.push(Span {
            text: pending,
            ..span.clone()
        });
    }
}

/// « 1er » → (« 1 », « er »); « 2e » → (« 2 », « e »); others → None.
fn ordinal_split(word: &str) -> Option<(&str, &str)> {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 3 {
        return None;
    }
    let (n, ending) = word.split_at(digits);
    match ending {
        "er" | "re" if n == "1" => Some((n, ending)),
        "e" if n != "1" => Some((n, ending)),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::letter::Style;

    #[test]
    fn spaces_before_high_punctuation() {
        assert_eq!(fix("Objet : recours"), format!("Objet{NBSP}: recours"));
        assert_eq!(fix("Objet: recours"), format!("Objet{NBSP}: recours"));
        assert_eq!(
            fix("Pourquoi ? Parce que ; enfin !"),
            format!("Pourquoi{NNBSP}? Parce que{NNBSP}; enfin{NNBSP}!")
        );
        assert_eq!(
            fix("à 10:30, voir https://exemple.fr/?a=1"),
            "à 10:30, voir https://exemple.fr/?a=1"
        );
        assert_eq!(fix("Vraiment ?!"), format!("Vraiment{NNBSP}?!"));
    }

    #[test]
    fn quotes_and_apostrophes() {
        assert_eq!(fix("l'adresse"), "l’adresse");
        assert_eq!(
            fix("le motif \"dossier incomplet\" est"),
            format!("le motif «{NNBSP}dossier incomplet{NNBSP}» est")
        );
        assert_eq!(
            fix("« doute  suffisant »"),
            format!("«{NNBSP}doute suffisant{NNBSP}»")
        );
        assert_eq!(fix("«doute»"), format!("«{NNBSP}doute{NNBSP}»"));
    }

    #[test]
    fn dots_dashes_spaces_numbers() {
        assert_eq!(fix("et ainsi de suite..."), "et ainsi de suite…");
        assert_eq!(fix("Paris - Lyon"), "Paris – Lyon");
        assert_eq!(fix("Saint-Étienne"), "Saint-Étienne");
        assert_eq!(fix("  deux   espaces  "), "deux espaces");
        assert_eq!(fix("décision n° 12"), format!("décision n°{NBSP}12"));
        assert_eq!(
            fix("(art. L. 211-2 ; R. 421-1)"),
            format!("(art.{NBSP}L.{NBSP}211-2{NNBSP}; R.{NBSP}421-1)")
        );
    }

    #[test]
    fn ordinals_become_superscript() {
        let t = fix_text(&Text::plain("Cavaillon, le 1er décembre 2026"), true);
        assert_eq!(
            t.spans,
            vec![
                Span::plain("Cavaillon, le 1"),
                Span {
                    text: "er".into(),
                    style: Style::Regular,
                    superscript: true
                },
                Span::plain(" décembre 2026"),
            ]
        );
        assert_eq!(t.to_plain(), "Cavaillon, le 1er décembre 2026");
        let t = fix_text(&Text::plain("le 21 décembre, 2e étage, 1A"), true);
        assert_eq!(t.spans.iter().filter(|s| s.superscript).count(), 1);
        assert_eq!(fix_text(&Text::plain("le 1er"), false).spans.len(), 1);
    }

    #[test]
    fn styled_spans_keep_their_separating_spaces() {
        let t = Text {
            spans: vec![
                Span::styled("Objet :", Style::Bold),
                Span::plain(" recours gracieux"),
            ],
        };
        assert_eq!(
            fix_text(&t, true).to_plain(),
            format!("Objet{NBSP}: recours gracieux")
        );
    }
}
