//! The letter as plain text to paste into a web form or an e-mail (`lettre --texte`): real
//! spaces, no style or layout markers, blocks separated by a blank line.
//!
//! The marked-up rendering of [`super::plain_text`] (`**gras**`, `^e`, `⍽` for a no-break
//! space) is for snapshots; pasted into a form it shows those markers (issue 14, item 11).

use crate::letter::{Block, Letter, Text};

/// The letter's words, ready to paste.
pub fn form_text(l: &Letter) -> String {
    let mut parts: Vec<String> = Vec::new();
    let lines = |ts: &[Text]| ts.iter().map(plain).collect::<Vec<_>>().join("\n");
    for group in [&l.sender, &l.recipient] {
        if !group.is_empty() {
            parts.push(lines(group));
        }
    }
    parts.push(plain(&l.place_date));
    for group in [&l.mentions, &l.subject] {
        if !group.is_empty() {
            parts.push(lines(group));
        }
    }
    parts.extend(blocks(&l.body));
    if !l.signature.is_empty() {
        parts.push(lines(&l.signature));
    }
    let enclosures = blocks(&l.enclosures);
    if !enclosures.is_empty() {
        parts.push(enclosures.join("\n"));
    }
    let inventory = blocks(&l.inventory);
    if !inventory.is_empty() {
        parts.push(inventory.join("\n"));
    }
    parts.retain(|p| !p.trim().is_empty());
    parts.join("\n\n") + "\n"
}

fn blocks(bs: &[Block]) -> Vec<String> {
    bs.iter()
        .map(|b| match b {
            Block::Paragraph(t) => plain(t),
            Block::List(items) => items
                .iter()
                .map(|t| format!("- {}", plain(t)))
                .collect::<Vec<_>>()
                .join("\n"),
        })
        .collect()
}

/// A line's characters, no-break and thin spaces made plain spaces, soft hyphens dropped.
fn plain(t: &Text) -> String {
    t.to_plain()
        .replace(['\u{a0}', '\u{202f}', '\u{2009}'], " ")
        .replace('\u{ad}', "")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_marker_survives_in_the_pasted_text() {
        let letter = crate::typeset::fixtures::one_page();
        let text = form_text(&letter);
        for marker in ["**", "^", "⍽", "·", "\u{a0}", "\u{202f}", "[corps]"] {
            assert!(!text.contains(marker), "{marker:?} in\n{text}");
        }
        assert!(text.contains(&plain(&letter.place_date)), "{text}");
    }
}
