//! User text echoed in a message: control characters made visible, length capped.
//!
//! A case file or a spreadsheet cell can hold ESC, BEL or NUL; printed as they are, they
//! drive the user's terminal (issue 14, item 10). Every piece of input quoted back in an
//! error goes through [`shown`].

/// Longest piece of input quoted back in a message, in characters.
pub const MAX_SHOWN_CHARS: usize = 80;

/// `text` with control characters escaped (`\u{1b}`) and cut after [`MAX_SHOWN_CHARS`]
/// characters with « … ».
pub fn shown(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == MAX_SHOWN_CHARS {
            out.push('…');
            break;
        }
        if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{202e}' | '\u{200f}') {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// A whole message for the terminal: control characters escaped as in [`shown`], line
/// breaks kept, nothing cut.
pub fn terminal(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if (c.is_control() && c != '\n') || matches!(c, '\u{202e}' | '\u{200f}') {
            out.extend(c.escape_unicode());
        } else {
            out.push(c);
        }
    }
    out
}

/// A data row's source as a person reads it: the public source, without the revision id
/// (` @ a5eacb35…`) that lets maintainers re-check it (issue 14, item 11).
pub fn source(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(" @ ") {
        let after = &rest[at + 3..];
        let id_len = after.chars().take_while(char::is_ascii_hexdigit).count();
        out.push_str(&rest[..at]);
        if id_len >= 7 {
            rest = &after[id_len..];
        } else {
            out.push_str(" @ ");
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn sources_lose_their_revision_ids() {
        assert_eq!(
            super::source(
                "CJA art. R221-3 (x/legifrance, code.md @ f2786d8b63074df1b94063596df22fde92464575)"
            ),
            "CJA art. R221-3 (x/legifrance, code.md)"
        );
        assert_eq!(super::source("a @ b"), "a @ b");
    }

    use super::*;

    #[test]
    fn terminal_text_keeps_lines_and_escapes_the_rest() {
        assert_eq!(terminal("a\nb\u{1b}]0;x\u{7}"), "a\nb\\u{1b}]0;x\\u{7}");
    }

    #[test]
    fn control_characters_are_escaped_and_long_text_cut() {
        assert_eq!(shown("a\u{1b}[2Jb\u{7}\0"), "a\\u{1b}[2Jb\\u{7}\\u{0}");
        let long = "x".repeat(200);
        assert_eq!(shown(&long).chars().count(), MAX_SHOWN_CHARS + 1);
        assert_eq!(shown("Élodie"), "Élodie");
    }
}
