//! Engine tests on whole fixture letters: page counts, margins, pagination rules, text order.

use super::fixtures;
use super::*;
use crate::letter::Style;

fn lay(letter: &crate::letter::Letter) -> LaidOutLetter {
    layout(letter, &PageGeometry::default(), Fonts::charis()).unwrap()
}

/// Every glyph's box must be inside the text area: its advance box horizontally, and its ink
/// (from the font's outlines) vertically. Ink may overhang the advance box sideways by the
/// glyph's side bearing (the tail of a « j » at the start of a line), as in all typesetting;
/// we allow 1.5 pt for that.
fn assert_inside_margins(laid: &LaidOutLetter, g: &PageGeometry) {
    let mm = |v: f32| v * 72.0 / 25.4;
    let (left, right) = (mm(g.margin_left), mm(g.page_width - g.margin_right));
    let (top, bottom) = (mm(g.margin_top), mm(g.page_height - g.margin_bottom));
    let faces: Vec<ttf_parser::Face<'static>> = [
        crate::assets::CHARIS_SIL_REGULAR,
        crate::assets::CHARIS_SIL_BOLD,
        crate::assets::CHARIS_SIL_ITALIC,
    ]
    .iter()
    .map(|b| ttf_parser::Face::parse(b, 0).unwrap())
    .collect();
    for (p, page) in laid.pages.iter().enumerate() {
        for run in &page.runs {
            let face = &faces[match run.style {
                Style::Regular => 0,
                Style::Bold => 1,
                Style::Italic => 2,
            }];
            let scale = run.size / f32::from(face.units_per_em());
            let mut x = run.x;
            for glyph in &run.glyphs {
                let advance = f32::from(glyph.advance) * run.size / 1000.0;
                let where_ = || {
                    format!(
                        "page {}: « {} » in « {} »",
                        p + 1,
                        glyph.character,
                        run.text()
                    )
                };
                assert!(
                    x >= left - 0.01 && x + advance <= right + 0.01,
                    "{} at x {x:.2}–{:.2}",
                    where_(),
                    x + advance
                );
                if let Some(b) = face.glyph_bounding_box(ttf_parser::GlyphId(glyph.gid)) {
                    let (x0, x1) = (
                        x + f32::from(b.x_min) * scale,
                        x + f32::from(b.x_max) * scale,
                    );
                    let (y0, y1) = (
                        run.baseline - f32::from(b.y_max) * scale,
                        run.baseline - f32::from(b.y_min) * scale,
                    );
                    assert!(
                        y0 >= top - 0.01 && y1 <= bottom + 0.01,
                        "{} at y {y0:.2}–{y1:.2}",
                        where_()
                    );
                    assert!(
                        x0 >= left - 1.5 && x1 <= right + 1.5,
                        "{} ink at x {x0:.2}–{x1:.2}",
                        where_()
                    );
                }
                x += advance + glyph.extra;
            }
        }
    }
}

fn page_text(page: &Page) -> String {
    page.runs
        .iter()
        .map(|r| r.text())
        .collect::<Vec<_>>()
        .join("|")
}

#[test]
fn the_one_page_letter_fits_on_one_page_inside_the_margins() {
    let laid = lay(&fixtures::one_page());
    assert_eq!(laid.page_count(), 1);
    assert_inside_margins(&laid, &PageGeometry::default());
    assert!(
        !page_text(&laid.pages[0]).contains("page 1/"),
        "no page number on a one-page letter"
    );
    assert_eq!(laid.pages[0].rules.len(), 2, "two fold marks");
}

#[test]
fn the_three_page_letter_has_numbered_pages_and_running_heads() {
    let laid = lay(&fixtures::three_pages());
    assert_eq!(laid.page_count(), 3);
    assert_inside_margins(&laid, &PageGeometry::default());
    assert!(page_text(&laid.pages[0]).contains("page 1/3"));
    for (i, page) in laid.pages.iter().enumerate().skip(1) {
        let head: Vec<String> = page.runs.iter().take(2).map(|r| r.text()).collect();
        assert!(head.contains(&format!("page {}/3", i + 1)), "{head:?}");
        assert!(
            head.iter().any(|h| h == "Jeanne Lefèvre-Nguyễn"),
            "{head:?}"
        );
        assert!(page.rules.is_empty(), "fold marks only on the first page");
    }
}

#[test]
fn recipient_block_sits_in_the_envelope_window() {
    let g = PageGeometry::default();
    let laid = lay(&fixtures::one_page());
    let mm = |v: f32| v * 72.0 / 25.4;
    let runs: Vec<&GlyphRun> = laid.pages[0]
        .runs
        .iter()
        .filter(|r| (r.x - mm(g.recipient_left)).abs() < 0.01)
        .collect();
    let address: Vec<&&GlyphRun> = runs
        .iter()
        .filter(|r| r.baseline < mm(g.recipient_bottom))
        .collect();
    assert_eq!(address.len(), 5, "five address lines in the window");
    assert!(address.iter().all(|r| r.baseline > mm(g.recipient_top)));
}

#[test]
fn no_page_ends_with_a_divided_word_or_a_lone_line() {
    let laid = lay(&fixtures::three_pages());
    for page in &laid.pages[..laid.pages.len() - 1] {
        let last = page
            .runs
            .iter()
            .filter(|r| !r.text().starts_with("page "))
            .max_by(|a, b| a.baseline.total_cmp(&b.baseline))
            .unwrap();
        assert!(
            !last.text().ends_with('\u{AD}'),
            "page ends with a divided word: {}",
            last.text()
        );
    }
}

#[test]
fn signature_follows_the_closing_formula_on_its_page() {
    let laid = lay(&fixtures::three_pages());
    let last = laid.pages.last().unwrap();
    let text = page_text(last);
    let closing = text
        .find("l’expression de ma très haute considération.")
        .expect("closing on the last page");
    let signature = text.rfind("Jeanne Lefèvre-Nguyễn").unwrap();
    assert!(closing < signature);
}

/// The page's lines, top to bottom: runs sharing a baseline make one line.
fn page_lines(page: &Page) -> Vec<String> {
    let mut runs: Vec<&GlyphRun> = page.runs.iter().collect();
    runs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline).then(a.x.total_cmp(&b.x)));
    let mut lines: Vec<(f32, String)> = Vec::new();
    for r in runs {
        match lines.last_mut() {
            Some((b, text)) if (*b - r.baseline).abs() < 0.5 => text.push_str(&r.text()),
            _ => lines.push((r.baseline, r.text())),
        }
    }
    lines.into_iter().map(|(_, t)| t).collect()
}

#[test]
fn the_closing_formula_never_opens_a_page_alone_with_the_signature() {
    // One-line paragraphs added before the end push the closing across the page boundary one
    // line at a time, so some count puts it first on page 2 unless it is kept with the text.
    let mut signature_follows = 0;
    let mut two_pages = 0;
    for k in 0..40 {
        let mut letter = fixtures::one_page();
        let at = letter.body.len() - 2;
        for i in 0..k {
            letter.body.insert(
                at,
                crate::letter::Block::Paragraph(crate::letter::Text::plain(format!(
                    "Paragraphe de remplissage numéro {i}."
                ))),
            );
        }
        let laid = lay(&letter);
        if laid.page_count() < 2 {
            continue;
        }
        two_pages += 1;
        let page = laid
            .pages
            .iter()
            .find(|p| page_text(p).contains("l’expression de ma haute considération."))
            .expect("closing on some page");
        let lines = page_lines(page);
        let closing = lines
            .iter()
            .position(|l| l.starts_with("Je vous prie d’agréer"))
            .unwrap();
        // Line 0 of a following page is the running head.
        let text_before = closing - 1;
        assert!(
            text_before >= 2,
            "{k} fillers: only {text_before} line(s) before the closing: {lines:#?}"
        );
        if lines.len() > closing + 1 && lines[closing + 1] == "Jeanne Lefèvre-Nguyễn" {
            signature_follows += 1;
        }
    }
    assert!(two_pages >= 10, "the sweep reaches two-page letters");
    assert!(signature_follows > 0, "the signature follows the closing");
}

#[test]
fn a_seventy_character_word_and_a_two_hundred_character_name_stay_inside() {
    for letter in [fixtures::unbreakable_word(), fixtures::long_name()] {
        let laid = lay(&letter);
        assert_inside_margins(&laid, &PageGeometry::default());
    }
}

#[test]
fn a_missing_glyph_is_a_french_error() {
    let e = layout(
        &fixtures::missing_glyph(),
        &PageGeometry::default(),
        Fonts::charis(),
    )
    .unwrap_err();
    assert_eq!(
        e.to_string(),
        "le caractère « ☃ » (U+2603) n'existe pas dans la police Charis SIL"
    );
}

#[test]
fn an_empty_letter_is_one_page_with_fold_marks() {
    let mut letter = fixtures::one_page();
    letter.sender.clear();
    letter.recipient.clear();
    letter.place_date = Default::default();
    letter.mentions.clear();
    letter.subject.clear();
    letter.body.clear();
    letter.signature.clear();
    letter.enclosures.clear();
    let laid = lay(&letter);
    assert_eq!(laid.page_count(), 1);
    assert!(laid.pages[0].runs.is_empty());
}

#[test]
fn subject_texts_start_at_one_column_after_the_bold_labels() {
    let laid = lay(&fixtures::one_page());
    let page = &laid.pages[0];
    let label = page
        .runs
        .iter()
        .find(|r| r.text() == "Objet\u{A0}:")
        .unwrap();
    assert_eq!(label.style, Style::Bold);
    let objet_text = page
        .runs
        .iter()
        .find(|r| r.text().starts_with("recours gracieux"))
        .unwrap();
    let ref_text = page
        .runs
        .iter()
        .find(|r| r.text().starts_with("décision n°"))
        .unwrap();
    assert!((objet_text.x - ref_text.x).abs() < 0.01);
    assert!(objet_text.x > label.x + label.width());
    // A continuation line of the subject, if any, starts at the same column.
    for r in page
        .runs
        .iter()
        .filter(|r| r.baseline > objet_text.baseline && r.baseline < ref_text.baseline)
    {
        assert!((r.x - objet_text.x).abs() < 0.01, "{}", r.text());
    }
}

#[test]
fn layout_is_deterministic() {
    assert_eq!(lay(&fixtures::three_pages()), lay(&fixtures::three_pages()));
}

#[test]
fn list_items_hang_after_their_dash() {
    let g = PageGeometry::default();
    let laid = lay(&fixtures::three_pages());
    let left = g.margin_left * 72.0 / 25.4;
    let text_x = left + g.type_scale.list_indent;
    let runs: Vec<&GlyphRun> = laid.pages.iter().flat_map(|p| &p.runs).collect();
    let dashes: Vec<usize> = (0..runs.len()).filter(|&i| runs[i].text() == "–").collect();
    assert_eq!(dashes.len(), 6, "three items in the body, three enclosures");
    for i in dashes {
        assert!(runs[i].x >= left && runs[i].x + runs[i].width() < text_x);
        let item = runs[i + 1];
        assert_eq!(
            item.baseline, runs[i].baseline,
            "the dash comes first, on the item's line"
        );
        assert!((item.x - text_x).abs() < 0.01);
    }
}

#[test]
fn a_sender_block_taller_than_the_page_is_an_error_not_an_overflow() {
    let mut letter = fixtures::one_page();
    letter.sender = (0..80)
        .map(|i| crate::letter::Text::plain(format!("ligne {i}")))
        .collect();
    let e = layout(&letter, &PageGeometry::default(), Fonts::charis()).unwrap_err();
    assert!(matches!(e, TypesetError::BlockTooTall { .. }), "{e}");
}

#[test]
fn a_signature_taller_than_a_page_is_an_error() {
    let mut letter = fixtures::one_page();
    letter.signature = (0..80)
        .map(|i| crate::letter::Text::plain(format!("ligne {i}")))
        .collect();
    let e = layout(&letter, &PageGeometry::default(), Fonts::charis()).unwrap_err();
    assert_eq!(e, TypesetError::TallerThanAPage { block: "signature" });
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig { cases: 24, ..Default::default() })]

    /// Whatever the words (long, short, accented, joined by no-break spaces), layout succeeds,
    /// nothing leaves the text area, and the closing formula never opens a page without two
    /// lines of text before it.
    #[test]
    fn any_body_text_stays_inside_the_margins(
        paragraphs in proptest::collection::vec(
            proptest::collection::vec("[a-zéèàçœA-Z’«»;:!?0-9\u{A0}\u{202F}-]{1,90}", 1..60),
            1..8,
        ),
        sender in "[A-Za-zéÉ -]{1,220}",
    ) {
        let mut letter = fixtures::one_page();
        letter.body = paragraphs
            .iter()
            .map(|words| crate::letter::Block::Paragraph(crate::letter::Text::plain(words.join(" "))))
            .collect();
        letter.body.push(crate::letter::Block::Paragraph(crate::letter::Text::plain(
            "Je vous prie d’agréer, Madame, Monsieur, l’expression de ma considération distinguée.",
        )));
        letter.sender[0] = crate::letter::Text::plain(sender.clone());
        letter.running_head = sender;
        let laid = layout(&letter, &PageGeometry::default(), Fonts::charis()).unwrap();
        assert_inside_margins(&laid, &PageGeometry::default());
        for page in laid.pages.iter().skip(1) {
            let lines = page_lines(page);
            if let Some(closing) = lines.iter().position(|l| l.starts_with("Je vous prie d’agréer")) {
                proptest::prop_assert!(closing >= 3, "{lines:#?}");
            }
        }
    }
}

#[test]
fn a_heading_never_ends_a_page_without_the_text_it_heads() {
    use crate::letter::{Block, Span, Text};
    // Push the heading down one short paragraph at a time, across the page bottom.
    for filler in 0..30 {
        let mut letter = fixtures::one_page();
        for _ in 0..filler {
            letter
                .body
                .push(Block::Paragraph(Text::plain("Une ligne de texte.")));
        }
        letter.body.push(Block::Paragraph(Text {
            spans: vec![Span::styled("III. Quintessence", Style::Bold)],
        }));
        letter.body.push(Block::Paragraph(Text::plain(
            "Zorglub, je demande au tribunal d'annuler la décision attaquée et d'enjoindre \
             à l'administration de réexaminer ma demande dans un délai de trente jours.",
        )));
        // The closing formula comes last, so the heading is not protected by its rule.
        letter.body.push(Block::Paragraph(Text::plain(
            "Je vous prie d'agréer l'expression de ma considération distinguée.",
        )));
        let laid = lay(&letter);
        let page_of = |needle: &str| {
            laid.pages
                .iter()
                .position(|p| page_text(p).contains(needle))
                .unwrap_or_else(|| panic!("{needle} not found"))
        };
        assert_eq!(
            page_of("Quintessence"),
            page_of("Zorglub"),
            "heading alone at the bottom of a page with {filler} fillers"
        );
    }
}
