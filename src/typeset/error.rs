//! Why a letter could not be laid out, in words a user can act on.

use crate::letter::Style;

/// A layout failure. Messages are in French because they reach the user.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum TypesetError {
    /// The text holds a character Charis SIL cannot draw. We refuse rather than leave a hole
    /// or a box in an official letter.
    #[error("le caractère {}(U+{:04X}) n'existe pas dans la police Charis SIL{}", shown(*.character), *.character as u32, style_note(*.style))]
    MissingGlyph {
        /// The character.
        character: char,
        /// The face it was asked in.
        style: Style,
    },
    /// A block placed at a fixed position (sender, recipient, place and date) is so long it
    /// leaves no room for the letter on the first page.
    #[error(
        "le bloc « {block} » est trop long : il ne laisse plus de place à la lettre sur la première page"
    )]
    BlockTooTall {
        /// Which block, in French.
        block: &'static str,
    },
    /// One unbreakable block of the flow (the signature, with its space for the handwritten
    /// signature) does not fit on a whole page.
    #[error("le bloc « {block} » est plus haut qu'une page")]
    TallerThanAPage {
        /// Which block, in French.
        block: &'static str,
    },
    /// The page geometry leaves no room for text.
    #[error("géométrie de page invalide : {0}")]
    InvalidGeometry(String),
    /// The embedded fonts could not be read (a build problem, not a user one).
    #[error("la police intégrée {0} est illisible")]
    BrokenFont(&'static str),
}

/// The character between guillemets, or nothing for invisible control characters, which
/// would garble a terminal.
fn shown(c: char) -> String {
    if c.is_control() {
        String::new()
    } else {
        format!("« {c} » ")
    }
}

fn style_note(style: Style) -> &'static str {
    match style {
        Style::Regular => "",
        Style::Bold => " (graisse grasse)",
        Style::Italic => " (italique)",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_glyph_message_names_the_character_and_its_code() {
        let e = TypesetError::MissingGlyph {
            character: '☃',
            style: Style::Regular,
        };
        assert_eq!(
            e.to_string(),
            "le caractère « ☃ » (U+2603) n'existe pas dans la police Charis SIL"
        );
    }

    #[test]
    fn control_characters_are_named_by_code_only() {
        let e = TypesetError::MissingGlyph {
            character: '\u{7}',
            style: Style::Bold,
        };
        assert_eq!(
            e.to_string(),
            "le caractère (U+0007) n'existe pas dans la police Charis SIL (graisse grasse)"
        );
    }
}
