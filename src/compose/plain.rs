//! A composed letter as plain text, section by section: what snapshot tests compare and what
//! `recours lettre --texte` shows. Bold is `**…**`, italic `*…*`, superscript `^…`.

use crate::letter::{Block, Letter, Style, Text};

/// The letter's words, before layout.
pub fn plain_text(l: &Letter) -> String {
    let mut out = String::new();
    let mut section = |name: &str, lines: Vec<String>| {
        if lines.is_empty() {
            return;
        }
        out.push_str(&format!("[{name}]\n"));
        for line in lines {
            out.push_str(&line);
            out.push('\n');
        }
        out.push('\n');
    };
    let lines = |ts: &[Text]| ts.iter().map(styled).collect::<Vec<_>>();
    section("expediteur", lines(&l.sender));
    section("destinataire", lines(&l.recipient));
    section("lieu_date", vec![styled(&l.place_date)]);
    section("mentions", lines(&l.mentions));
    section("objet", lines(&l.subject));
    section("corps", blocks(&l.body));
    section("signature", lines(&l.signature));
    section("pieces", blocks(&l.enclosures));
    section("inventaire", blocks(&l.inventory));
    out.trim_end().to_string() + "\n"
}

fn blocks(bs: &[Block]) -> Vec<String> {
    let mut out = Vec::new();
    for (i, b) in bs.iter().enumerate() {
        if i > 0 {
            out.push(String::new());
        }
        match b {
            Block::Paragraph(t) => out.push(styled(t)),
            Block::List(items) => out.extend(items.iter().map(|t| format!("- {}", styled(t)))),
        }
    }
    out
}

/// Spaces shown visibly: U+00A0 as `⍽`, U+202F as `·`, so snapshots catch typography.
fn styled(t: &Text) -> String {
    t.spans
        .iter()
        .map(|s| {
            let text = s.text.replace('\u{a0}', "⍽").replace('\u{202f}', "·");
            let text = if s.superscript {
                format!("^{text}")
            } else {
                text
            };
            match s.style {
                Style::Regular => text,
                Style::Bold => format!("**{text}**"),
                Style::Italic => format!("*{text}*"),
            }
        })
        .collect()
}
