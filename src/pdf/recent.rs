//! Faces embedded lately, remembered by each thread.
//!
//! Subsetting a face and compressing the subset is a tenth of a letter's time. The letters of
//! a batch draw the same glyphs most of the time (the regular face always carries the letters
//! and digits, see `subset`, and bold and italic text comes from the templates), so each
//! thread keeps the last few faces it embedded and gives one back when a letter uses exactly
//! the same glyphs. A face depends on nothing else, so the output is the same with or without
//! this, in any thread and order.

use std::cell::RefCell;
use std::sync::Arc;

use super::error::PdfError;
use super::subset::{EmbeddedFace, Usage};
use crate::letter::Style;
use crate::typeset::Fonts;

/// Faces a thread remembers (each about 50 KB): enough for the regular subsets that the
/// accents of a batch's names bring, besides the bold and italic ones of its templates.
const CAPACITY: usize = 32;

struct Entry {
    face_key: FaceKey,
    fingerprint: Vec<u64>,
    face: Arc<EmbeddedFace>,
}

/// Which face of which fonts: an embedded face carries its style (resource name) and
/// PostScript name as well as the glyphs of its font data, which is static, so known by its
/// address and length.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct FaceKey {
    style: Style,
    name: &'static str,
    bytes: (usize, usize),
}

thread_local! {
    /// Most recently used first.
    static RECENT: RefCell<Vec<Entry>> = const { RefCell::new(Vec::new()) };
}

/// Empties this thread's memory of faces.
pub(crate) fn forget() {
    RECENT.with_borrow_mut(Vec::clear);
}

/// How many faces this thread remembers.
#[cfg(test)]
pub(crate) fn remembered() -> usize {
    RECENT.with_borrow(Vec::len)
}

/// The face `make` embeds for `usage`, or the same one made before by this thread.
pub(crate) fn embedded(
    style: Style,
    usage: Usage,
    fonts: &Fonts,
    make: fn(Style, &Usage, &Fonts) -> Result<EmbeddedFace, PdfError>,
) -> Result<EmbeddedFace, PdfError> {
    let bytes = fonts.font_bytes(style);
    let face_key = FaceKey {
        style,
        name: fonts.postscript_name(style),
        bytes: (bytes.as_ptr() as usize, bytes.len()),
    };
    let fingerprint = usage.fingerprint();
    let hit = RECENT.with_borrow_mut(|recent| {
        let at = recent
            .iter()
            .position(|e| e.face_key == face_key && e.fingerprint == fingerprint)?;
        let entry = recent.remove(at);
        let face = Arc::clone(&entry.face);
        recent.insert(0, entry);
        Some(face)
    });
    if let Some(face) = hit {
        return Ok(EmbeddedFace::clone(&face));
    }
    let face = make(style, &usage, fonts)?;
    RECENT.with_borrow_mut(|recent| {
        recent.truncate(CAPACITY - 1);
        recent.insert(
            0,
            Entry {
                face_key,
                fingerprint,
                face: Arc::new(face.clone()),
            },
        );
    });
    Ok(face)
}
