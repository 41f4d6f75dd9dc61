//! Every file the binary carries: data tables, templates and fonts, embedded at build time so
//! `recours` runs from any folder. This is the only place that uses `include_str!` and
//! `include_bytes!`.

// ---------------------------------------------------------------------------------------------
// Layout engine: fonts and hyphenation patterns (owned by `typeset` / `pdf`).
// Licences: fonts/OFL.txt and fonts/README.md; data/hyphenation/README.md.
// ---------------------------------------------------------------------------------------------

/// Charis SIL 6.101 Regular: roman text.
pub const CHARIS_SIL_REGULAR: &[u8] = include_bytes!("../fonts/CharisSIL-Regular.ttf");
/// Charis SIL 6.101 Bold: labels such as « Objet : ».
pub const CHARIS_SIL_BOLD: &[u8] = include_bytes!("../fonts/CharisSIL-Bold.ttf");
/// Charis SIL 6.101 Italic: quotations and foreign words.
pub const CHARIS_SIL_ITALIC: &[u8] = include_bytes!("../fonts/CharisSIL-Italic.ttf");
/// French hyphenation patterns (TeX hyph-utf8 `hyph-fr`, MIT) compiled by the `hyphenation`
/// crate; loaded alone so the crate's 2.8 MB `embed_all` is not needed.
pub const FRENCH_HYPHENATION: &[u8] = include_bytes!("../data/hyphenation/fr.standard.bincode");
