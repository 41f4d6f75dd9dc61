//! The small markup templates write, and its parser into a [`Letter`](crate::letter::Letter).
//!
//! A template renders to plain text divided into sections by lines such as `@objet`. In line
//! sections (sender, recipient, date, mentions, object, signature) each line is a line of the
//! letter; in block sections (`@corps`, `@pieces`) blank lines separate paragraphs and lines
//! starting with `- ` are list items. Inline, `**…**` is bold and `*…*` italic.
//!
//! Values from the case file go through [`escape`] (Tera's escape function for our templates),
//! so a name containing `*`, `@`, `- ` or a line break is printed as typed and can never add
//! a section, a list or a style: user text is data, never markup.

use std::io::{self, Write};

use crate::letter::{Block, Span, Style, Text};

/// The sections a template may write, in the order of the letter.
pub const SECTIONS: [&str; 9] = [
    "expediteur",
    "destinataire",
    "lieu_date",
    "mentions",
    "objet",
    "corps",
    "signature",
    "pieces",
    "inventaire",
];

/// Tera's escape function for letter templates: backslash before the markup characters (and
/// `{`, so that user text can never look like an unrendered Tera tag), and line breaks turned
/// into spaces.
pub fn escape(input: &str, out: &mut dyn Write) -> io::Result<()> {
    let mut buf = String::with_capacity(input.len() + 8);
    for (i, c) in input.chars().enumerate() {
        match c {
            '\\' | '*' | '@' | '{' => {
                buf.push('\\');
                buf.push(c);
            }
            '-' if i == 0 => buf.push_str("\\-"),
            '\n' | '\r' => buf.push(' '),
            _ => buf.push(c),
        }
    }
    out.write_all(buf.as_bytes())
}

/// The rendered template, cut into its sections.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Sections {
    /// One `Vec<Text>` per line section, keyed by name.
    pub lines: std::collections::BTreeMap<String, Vec<Text>>,
    /// Block sections.
    pub blocks: std::collections::BTreeMap<String, Vec<Block>>,
}

/// A section name the markup does not know, or text before the first section.
#[derive(Debug, PartialEq, Eq)]
pub struct MarkupError {
    /// 1-based line of the rendered text.
    pub ligne: usize,
    /// What is wrong, in French.
    pub message: String,
}

/// Cuts the rendered text into sections and parses each.
pub fn parse(rendered: &str) -> Result<Sections, MarkupError> {
    let mut out = Sections::default();
    let mut current: Option<(String, Vec<&str>)> = None;
    for (i, line) in rendered.lines().enumerate() {
        let trimmed = line.trim();
        if let Some(name) = trimmed.strip_prefix('@')
            && !name.is_empty()
            && name.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        {
            if !SECTIONS.contains(&name) {
                return Err(MarkupError {
                    ligne: i + 1,
                    message: format!(
                        "section « @{name} » inconnue ; sections possibles : {}",
                        SECTIONS.map(|s| format!("@{s}")).join(", ")
                    ),
                });
            }
            if let Some((n, body)) = current.take() {
                store(&mut out, n, &body);
            }
            current = Some((name.to_string(), Vec::new()));
            continue;
        }
        match &mut current {
            Some((_, body)) => body.push(line),
            None if trimmed.is_empty() => {}
            None => {
                return Err(MarkupError {
                    ligne: i + 1,
                    message:
                        "texte avant la première section : commencez le modèle par @expediteur"
                            .into(),
                });
            }
        }
    }
    if let Some((n, body)) = current.take() {
        store(&mut out, n, &body);
    }
    Ok(out)
}

fn store(out: &mut Sections, name: String, body: &[&str]) {
    if name == "corps" || name == "pieces" || name == "inventaire" {
        out.blocks.entry(name).or_default().extend(blocks(body));
    } else {
        let lines = body
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .map(inline);
        out.lines.entry(name).or_default().extend(lines);
    }
}

/// Paragraphs and lists of a block section.
fn blocks(body: &[&str]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut para: Vec<&str> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    let flush_para = |para: &mut Vec<&str>, blocks: &mut Vec<Block>| {
        if !para.is_empty() {
            blocks.push(Block::Paragraph(inline(&para.join(" "))));
            para.clear();
        }
    };
    let flush_list = |items: &mut Vec<String>, blocks: &mut Vec<Block>| {
        if !items.is_empty() {
            blocks.push(Block::List(items.iter().map(|i| inline(i)).collect()));
            items.clear();
        }
    };
    for raw in body {
        let line = raw.trim();
        if line.is_empty() {
            flush_para(&mut para, &mut blocks);
            flush_list(&mut items, &mut blocks);
        } else if let Some(item) = line.strip_prefix("- ") {
            flush_para(&mut para, &mut blocks);
            items.push(item.trim().to_string());
        } else if let Some(last) = items.last_mut() {
            last.push(' ');
            last.push_str(line);
        } else {
            para.push(line);
        }
    }
    flush_para(&mut para, &mut blocks);
    flush_list(&mut items, &mut blocks);
    blocks
}

/// Bold, italic and escapes inside one line or paragraph.
pub fn inline(s: &str) -> Text {
    let mut spans: Vec<Span> = Vec::new();
    let mut buf = String::new();
    let mut style = Style::Regular;
    let mut chars = s.chars().peekable();
    let push = |buf: &mut String, style: Style, spans: &mut Vec<Span>| {
        if !buf.is_empty() {
            match spans.last_mut() {
                Some(last) if last.style == style && !last.superscript => last.text.push_str(buf),
                _ => spans.push(Span::styled(buf.clone(), style)),
            }
            buf.clear();
        }
    };
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    buf.push(next);
                }
            }
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                push(&mut buf, style, &mut spans);
                style = if style == Style::Bold {
                    Style::Regular
                } else {
                    Style::Bold
                };
            }
            '*' => {
                push(&mut buf, style, &mut spans);
                style = if style == Style::Italic {
                    Style::Regular
                } else {
                    Style::Italic
                };
            }
            ' ' | '\t'
                if buf.ends_with(' ')
                    || (buf.is_empty() && spans.last().is_some_and(|s| s.text.ends_with(' '))) => {}
            '\t' => buf.push(' '),
            _ => buf.push(c),
        }
    }
    push(&mut buf, style, &mut spans);
    Text { spans }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn esc(s: &str) -> String {
        let mut out = Vec::new();
        escape(s, &mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn sections_lines_paragraphs_and_lists() {
        let s = parse(
            "@expediteur\nCamille MARTIN\n12 rue des Lilas\n\n@corps\nMadame, Monsieur,\n\nUne phrase\nqui continue.\n\n- un\n- deux\n  suite\n@pieces\n**Pièces jointes :**\n- copie",
        )
        .unwrap();
        assert_eq!(
            s.lines["expediteur"],
            vec![
                Text::plain("Camille MARTIN"),
                Text::plain("12 rue des Lilas")
            ]
        );
        assert_eq!(
            s.blocks["corps"],
            vec![
                Block::Paragraph(Text::plain("Madame, Monsieur,")),
                Block::Paragraph(Text::plain("Une phrase qui continue.")),
                Block::List(vec![Text::plain("un"), Text::plain("deux suite")]),
            ]
        );
        assert_eq!(
            s.blocks["pieces"][0],
            Block::Paragraph(Text {
                spans: vec![Span::styled("Pièces jointes :", Style::Bold)]
            })
        );
    }

    #[test]
    fn inline_styles() {
        let t = inline("**Objet :** recours *gracieux* ici");
        assert_eq!(
            t.spans,
            vec![
                Span::styled("Objet :", Style::Bold),
                Span::plain(" recours "),
                Span::styled("gracieux", Style::Italic),
                Span::plain(" ici"),
            ]
        );
    }

    #[test]
    fn user_text_is_data_never_markup() {
        let hostile = "- **gras** @corps\n@pieces \\ *x* {{ nom }} {% if %}";
        let rendered = format!("@corps\n{}\n", esc(hostile));
        let s = parse(&rendered).unwrap();
        assert_eq!(
            s.blocks["corps"],
            vec![Block::Paragraph(Text::plain(
                "- **gras** @corps @pieces \\ *x* {{ nom }} {% if %}"
            ))]
        );
        assert!(!s.blocks.contains_key("pieces"));
    }

    #[test]
    fn unknown_section_and_text_before_sections_are_errors() {
        assert_eq!(parse("@corp\nx").unwrap_err().ligne, 1);
        assert!(parse("@corp\nx").unwrap_err().message.contains("@corps"));
        assert_eq!(parse("\nbonjour\n@corps").unwrap_err().ligne, 2);
    }
}
