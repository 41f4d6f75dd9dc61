//! Pagination: pours the letter's flowing part (mentions, subject, body, signature,
//! enclosures) onto pages.
//!
//! The flow is a list of chunks, each one line or one unbreakable block (the signature), and
//! each saying whether a page may end just before it. The paragraph code decides those
//! permissions (no orphan or widow line, no page ending on a divided word, the signature kept
//! with the end of the text); this module only finds, for each page, the last permitted break
//! that fits, and falls back to the last chunk that fits when nothing is permitted.
//! Deciding (`paginate`) is separate from moving the glyphs (`place`), so the letter layout
//! can try a page-1 geometry and retry with another.

use super::error::TypesetError;
use super::output::GlyphRun;

/// A unit of the flow, measured from baseline to baseline.
#[derive(Clone, Debug)]
pub(crate) struct Chunk {
    /// From the previous chunk's last baseline to this chunk's last baseline, space before
    /// included.
    pub advance: f32,
    /// From the top of the page's flow area to the last baseline, when the chunk opens a page
    /// (the space before is dropped there).
    pub top_advance: f32,
    /// Below the last baseline (descenders).
    pub depth: f32,
    /// May a page end just before this chunk?
    pub break_before: bool,
    /// Must a page end just before this chunk? (The first line of the inventory page.)
    pub new_page: bool,
    /// The glyphs; `x` is absolute, `baseline` is relative to the chunk's last baseline.
    pub runs: Vec<GlyphRun>,
    /// The letter block it belongs to, in French, for error messages.
    pub block: &'static str,
}

/// The vertical extent of the flow area of each page.
#[derive(Clone, Copy, Debug)]
pub(crate) struct FlowArea {
    /// Top of the flow on the first page (below the address blocks), in points from the top.
    pub first_top: f32,
    /// Top of the flow on the following pages (below the running head).
    pub next_top: f32,
    /// Lowest point any glyph of the flow may reach on the first page.
    pub first_bottom: f32,
    /// Lowest point on the following pages.
    pub next_bottom: f32,
}

/// Where each chunk goes: its page and its last baseline.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Placement {
    pub pages: usize,
    /// For each chunk, (page index, baseline).
    pub spots: Vec<(usize, f32)>,
}

/// Decides where each chunk goes.
pub(crate) fn paginate(chunks: &[Chunk], area: FlowArea) -> Result<Placement, TypesetError> {
    let mut baselines = vec![0.0_f32; chunks.len()];
    let mut page_starts = vec![0_usize];
    let mut i = 0;
    let mut last: Option<f32> = None;
    let mut first_on_page = 0;
    while i < chunks.len() {
        let (page_top, bottom) = if page_starts.len() == 1 {
            (area.first_top, area.first_bottom)
        } else {
            (area.next_top, area.next_bottom)
        };
        let c = &chunks[i];
        if c.new_page && last.is_some() {
            page_starts.push(i);
            first_on_page = i;
            last = None;
            continue;
        }
        let baseline = match last {
            None => page_top + c.top_advance,
            Some(b) => b + c.advance,
        };
        if baseline + c.depth <= bottom {
            baselines[i] = baseline;
            last = Some(baseline);
            i += 1;
            continue;
        }
        if last.is_none() {
            // Nothing fits on an empty page: on the first page the address blocks took the
            // room, so start over on the next; on any other page the chunk is taller than a
            // page, which only a pathological letter could produce.
            if page_starts.len() == 1 && area.next_top < area.first_top {
                page_starts.push(i);
                first_on_page = i;
                continue;
            }
            return Err(TypesetError::TallerThanAPage { block: c.block });
        }
        let permitted = (first_on_page + 1..=i)
            .rev()
            .find(|&j| chunks[j].break_before);
        let next = permitted.unwrap_or(i);
        page_starts.push(next);
        first_on_page = next;
        i = next;
        last = None;
    }

    let mut spots = Vec::with_capacity(chunks.len());
    let mut page = 0;
    for (idx, baseline) in baselines.into_iter().enumerate() {
        while page + 1 < page_starts.len() && idx >= page_starts[page + 1] {
            page += 1;
        }
        spots.push((page, baseline));
    }
    Ok(Placement {
        pages: page_starts.len(),
        spots,
    })
}

/// Moves the chunks' runs onto their pages, at their baselines.
pub(crate) fn place(chunks: Vec<Chunk>, placement: &Placement) -> Vec<Vec<GlyphRun>> {
    let mut pages: Vec<Vec<GlyphRun>> = vec![Vec::new(); placement.pages];
    for (chunk, &(page, baseline)) in chunks.into_iter().zip(&placement.spots) {
        for mut run in chunk.runs {
            run.baseline += baseline;
            pages[page].push(run);
        }
    }
    pages
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::letter::Style;
    use crate::typeset::output::PlacedGlyph;

    fn line(tag: u16, break_before: bool) -> Chunk {
        Chunk {
            advance: 10.0,
            top_advance: 8.0,
            depth: 2.0,
            break_before,
            new_page: false,
            runs: vec![GlyphRun {
                style: Style::Regular,
                size: 10.0,
                x: 0.0,
                baseline: 0.0,
                glyphs: vec![PlacedGlyph {
                    gid: tag,
                    character: 'x',
                    advance: 500,
                    extra: 0.0,
                }],
            }],
            block: "corps",
        }
    }

    fn tags(pages: &[Vec<GlyphRun>]) -> Vec<Vec<u16>> {
        pages
            .iter()
            .map(|p| p.iter().map(|r| r.glyphs[0].gid).collect())
            .collect()
    }

    const AREA: FlowArea = FlowArea {
        first_top: 50.0,
        next_top: 0.0,
        first_bottom: 100.0,
        next_bottom: 100.0,
    };

    fn paginate_all(
        chunks: Vec<Chunk>,
        area: FlowArea,
    ) -> Result<Vec<Vec<GlyphRun>>, TypesetError> {
        let placement = paginate(&chunks, area)?;
        Ok(place(chunks, &placement))
    }

    #[test]
    fn lines_flow_onto_the_next_page() {
        // First page: baselines 58, 68, 78, 88, 98 (depth 2 → 100 fits).
        let chunks = (0..8).map(|t| line(t, true)).collect();
        let pages = paginate_all(chunks, AREA).unwrap();
        assert_eq!(tags(&pages), vec![vec![0, 1, 2, 3, 4], vec![5, 6, 7]]);
        assert_eq!(pages[1][0].baseline, 8.0);
    }

    #[test]
    fn the_page_ends_at_the_last_permitted_break() {
        let chunks = (0..8).map(|t| line(t, t != 5 && t != 4)).collect();
        let pages = paginate_all(chunks, AREA).unwrap();
        assert_eq!(tags(&pages), vec![vec![0, 1, 2], vec![3, 4, 5, 6, 7]]);
    }

    #[test]
    fn with_no_permitted_break_the_page_is_filled() {
        let chunks = (0..8).map(|t| line(t, t == 0)).collect();
        let pages = paginate_all(chunks, AREA).unwrap();
        assert_eq!(tags(&pages), vec![vec![0, 1, 2, 3, 4], vec![5, 6, 7]]);
    }

    #[test]
    fn a_new_page_chunk_opens_a_page_even_with_room_left() {
        let mut chunks: Vec<Chunk> = (0..4).map(|t| line(t, true)).collect();
        chunks[2].new_page = true;
        let pages = paginate_all(chunks, AREA).unwrap();
        assert_eq!(tags(&pages), vec![vec![0, 1], vec![2, 3]]);
        assert_eq!(pages[1][0].baseline, 8.0, "set at the top of its page");
    }

    #[test]
    fn a_chunk_taller_than_a_page_is_an_error() {
        let mut big = line(0, true);
        big.top_advance = 500.0;
        assert!(paginate(&[big], AREA).is_err());
    }
}
