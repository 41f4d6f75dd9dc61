//! The composed letter, between `compose` and `typeset`.
//!
//! Templates decide every word; the layout engine decides every position. This model is the
//! contract between the two: it carries text already typeset for French (non-breaking spaces,
//! apostrophes) and grouped into the blocks of a French administrative letter, but no
//! coordinates. Keeping it free of layout lets associations rewrite templates without touching
//! geometry, and lets the engine be tested with fixture letters.

use chrono::NaiveDateTime;

/// How a run of text is set.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Style {
    /// Roman text.
    #[default]
    Regular,
    /// Labels such as « Objet : ».
    Bold,
    /// Quotations and foreign words.
    Italic,
}

/// A run of text in one style.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Span {
    /// The characters, already typeset (U+00A0, U+202F, U+2019 where French wants them).
    pub text: String,
    /// Roman, bold or italic.
    pub style: Style,
    /// Set smaller and raised, as « er » in « 1er ».
    pub superscript: bool,
}

impl Span {
    /// A roman, non-superscript run.
    pub fn plain(text: impl Into<String>) -> Self {
        Span {
            text: text.into(),
            style: Style::Regular,
            superscript: false,
        }
    }

    /// A run in the given style.
    pub fn styled(text: impl Into<String>, style: Style) -> Self {
        Span {
            text: text.into(),
            style,
            superscript: false,
        }
    }
}

/// A line or paragraph of styled text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Text {
    /// The runs in reading order.
    pub spans: Vec<Span>,
}

impl Text {
    /// One roman run.
    pub fn plain(text: impl Into<String>) -> Self {
        Text {
            spans: vec![Span::plain(text)],
        }
    }

    /// The characters without styling, as a reader copying the text would get them.
    pub fn to_plain(&self) -> String {
        self.spans.iter().map(|s| s.text.as_str()).collect()
    }

    /// True when there is no character to set.
    pub fn is_empty(&self) -> bool {
        self.spans.iter().all(|s| s.text.is_empty())
    }
}

/// A unit of the body that the engine flows and may break across pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Block {
    /// A justified paragraph.
    Paragraph(Text),
    /// A bulleted list; each item is justified with a hanging indent.
    List(Vec<Text>),
}

/// Document-level information written into the PDF Info dictionary.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Metadata {
    /// Shown as the window title by PDF readers.
    pub title: String,
    /// The person who signs the letter.
    pub author: String,
    /// One line on what the letter is.
    pub subject: String,
    /// Creation and modification date (UTC): the letter date, or `SOURCE_DATE_EPOCH`.
    pub created: NaiveDateTime,
}

/// A whole letter, in the order a reader meets its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Letter {
    /// PDF metadata.
    pub metadata: Metadata,
    /// Sender block, top left, one entry per line.
    pub sender: Vec<Text>,
    /// Recipient block, placed in the envelope window, one entry per line.
    pub recipient: Vec<Text>,
    /// « Cavaillon, le 1er décembre 2026 ».
    pub place_date: Text,
    /// Lines set before the object, such as the sending mode.
    pub mentions: Vec<Text>,
    /// « Objet : » and « Réf. : » lines. A line's leading bold run is its label, and
    /// continuation lines align after it.
    pub subject: Vec<Text>,
    /// The appel, the body and the closing formula.
    pub body: Vec<Block>,
    /// The printed name and capacity, under the space left for the handwritten signature.
    pub signature: Vec<Text>,
    /// « Pièces jointes » and their list, after the signature.
    pub enclosures: Vec<Block>,
    /// Set on a page of its own after everything else: a requête's detailed inventory of
    /// pieces (CJA art. R. 412-2), which the court reads as a separate list. Empty for a
    /// letter.
    pub inventory: Vec<Block>,
    /// Repeated at the top of the second and following pages (the sender's name).
    pub running_head: String,
}
