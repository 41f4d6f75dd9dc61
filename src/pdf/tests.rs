//! PDF tests on fixture letters, read back with lopdf (no external tool): the text a reader
//! extracts, where it is drawn, the embedded fonts, metadata, size and byte-for-byte
//! reproducibility.

use lopdf::{Document, Object};

use super::extract::{ExtractedGlyph, extract, page_lines, page_text};
use super::*;
use crate::letter::{Block, Text};
use crate::typeset::fixtures;

fn laid(letter: &Letter) -> LaidOutLetter {
    layout(letter, &PageGeometry::default(), Fonts::charis()).unwrap()
}

/// Words of the letter's texts in the order they are set, split on ASCII white space only
/// (so words joined by U+00A0 or U+202F stay one word).
fn source_words(letter: &Letter) -> Vec<String> {
    let blocks = |blocks: &[Block]| -> Vec<Text> {
        blocks
            .iter()
            .flat_map(|b| match b {
                Block::Paragraph(t) => vec![t.clone()],
                // Each item is drawn after a dash.
                Block::List(items) => items
                    .iter()
                    .map(|t| {
                        let mut t = t.clone();
                        t.spans.insert(0, crate::letter::Span::plain("– "));
                        t
                    })
                    .collect(),
            })
            .collect()
    };
    let mut texts: Vec<Text> = Vec::new();
    texts.extend(letter.sender.iter().cloned());
    texts.extend(letter.recipient.iter().cloned());
    texts.push(letter.place_date.clone());
    texts.extend(letter.mentions.iter().cloned());
    texts.extend(letter.subject.iter().cloned());
    texts.extend(blocks(&letter.body));
    texts.extend(letter.signature.iter().cloned());
    texts.extend(blocks(&letter.enclosures));
    texts.extend(blocks(&letter.inventory));
    texts
        .iter()
        .flat_map(|t| {
            t.to_plain()
                .split_ascii_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect()
}

/// Words a reader extracts: divided words joined again (the added hyphen is a soft hyphen),
/// running heads and page numbers left out.
fn extracted_words(pages: &[Vec<ExtractedGlyph>]) -> Vec<String> {
    let mut joined = String::new();
    for (i, glyphs) in pages.iter().enumerate() {
        let lines = page_lines(glyphs);
        let skip = if i == 0 { 0 } else { 1 };
        for line in lines.iter().skip(skip).filter(|l| !l.starts_with("page ")) {
            if let Some(divided) = line.strip_suffix('\u{AD}') {
                joined.push_str(divided);
            } else if line.ends_with('-') {
                // Broken after a hyphen the word already had: the same word goes on.
                joined.push_str(line);
            } else {
                joined.push_str(line);
                joined.push(' ');
            }
        }
    }
    joined
        .split_ascii_whitespace()
        .map(str::to_string)
        .collect()
}

#[test]
fn extracted_text_is_the_letter_text() {
    for letter in [fixtures::one_page(), fixtures::three_pages()] {
        let bytes = write(&laid(&letter), Fonts::charis()).unwrap();
        let pages = extract(&bytes);
        assert_eq!(extracted_words(&pages), source_words(&letter));
    }
}

#[test]
fn french_characters_and_spaces_survive_extraction() {
    let bytes = render(&fixtures::one_page()).unwrap();
    let text: String = extract(&bytes).iter().map(|p| page_text(p)).collect();
    for expected in [
        "Objet\u{A0}:",
        "l’Œuvre",
        "«\u{202F}ne permettraient pas",
        "demandeur\u{202F}»",
        "français\u{202F};",
        "Lefèvre-Nguyễn",
        "d’agréer",
    ] {
        assert!(
            text.contains(expected),
            "{expected:?} not in extracted text"
        );
    }
}

#[test]
fn glyphs_are_drawn_where_the_layout_put_them() {
    let letter = laid(&fixtures::three_pages());
    let bytes = write(&letter, Fonts::charis()).unwrap();
    let pages = extract(&bytes);
    assert_eq!(pages.len(), letter.pages.len());
    let height = letter.page_size.1;
    for (page, got) in letter.pages.iter().zip(&pages) {
        let mut want = Vec::new();
        for run in &page.runs {
            let mut x = run.x;
            for g in &run.glyphs {
                want.push((g.character, x, height - run.baseline));
                x += f32::from(g.advance) * run.size / 1000.0 + g.extra;
            }
        }
        assert_eq!(want.len(), got.len());
        for ((c, x, y), g) in want.into_iter().zip(got) {
            assert_eq!(g.text, c.to_string());
            assert!(
                (g.x - x).abs() < 0.02 && (g.y - y).abs() < 0.01,
                "« {c} » at ({}, {}) instead of ({x}, {y})",
                g.x,
                g.y
            );
        }
    }
}

#[test]
fn fonts_are_embedded_as_subsets() {
    // Twice: the second time the subsets are those this thread remembers (`recent`).
    for _ in 0..2 {
        fonts_of_one_page_are_embedded_as_subsets();
    }
}

fn fonts_of_one_page_are_embedded_as_subsets() {
    let bytes = render(&fixtures::one_page()).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    let mut names = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        if dict.get(b"Type").and_then(Object::as_name).ok() != Some(b"FontDescriptor") {
            continue;
        }
        let name =
            String::from_utf8(dict.get(b"FontName").unwrap().as_name().unwrap().to_vec()).unwrap();
        let (tag, family) = name.split_once('+').unwrap();
        assert!(
            tag.len() == 6 && tag.chars().all(|c| c.is_ascii_uppercase()),
            "{name}"
        );
        assert!(family.starts_with("CharisSIL"), "{name}");
        let file = doc
            .dereference(dict.get(b"FontFile2").expect("/FontFile2"))
            .unwrap()
            .1
            .as_stream()
            .unwrap();
        let program = file.decompressed_content().unwrap();
        assert!(program.len() < 40_000, "{name}: {} bytes", program.len());
        assert!(ttf_parser::Face::parse(&program, 0).is_ok());
        // `/Length1` is the program's real length, not that of what printpdf was given.
        assert_eq!(
            file.dict.get(b"Length1").unwrap().as_i64().unwrap(),
            program.len() as i64
        );
        names.push(family.to_string());
    }
    names.sort();
    assert_eq!(names, ["CharisSIL", "CharisSIL-Bold"]);
}

#[test]
fn a_one_page_letter_is_under_40_kb() {
    let bytes = render(&fixtures::one_page()).unwrap();
    assert!(bytes.len() < 40 * 1024, "{} bytes", bytes.len());
}

#[test]
fn metadata_is_written_and_no_conformance_is_claimed() {
    let letter = fixtures::one_page();
    let bytes = render(&letter).unwrap();
    let doc = Document::load_mem(&bytes).unwrap();
    let info = doc
        .dereference(doc.trailer.get(b"Info").unwrap())
        .unwrap()
        .1
        .as_dict()
        .unwrap();
    // PDF text strings: UTF-16BE after a byte-order mark, or plain ASCII.
    let text = |key: &[u8]| {
        let raw = info.get(key).unwrap().as_str().unwrap();
        match raw.strip_prefix(&[0xFE, 0xFF]) {
            Some(utf16) => {
                let units: Vec<u16> = utf16
                    .chunks(2)
                    .map(|c| u16::from_be_bytes([c[0], c[1]]))
                    .collect();
                String::from_utf16(&units).unwrap()
            }
            None => String::from_utf8(raw.to_vec()).unwrap(),
        }
    };
    assert_eq!(text(b"Title"), letter.metadata.title);
    assert_eq!(text(b"Author"), "Jeanne Lefèvre-Nguyễn");
    assert_eq!(text(b"Subject"), letter.metadata.subject);
    assert_eq!(
        text(b"Producer"),
        concat!("recours ", env!("CARGO_PKG_VERSION"))
    );
    for key in [&b"CreationDate"[..], b"ModDate"] {
        assert_eq!(
            info.get(key).unwrap().as_str().unwrap(),
            b"D:20261201093000+00'00'"
        );
    }
    assert!(info.get(b"GTS_PDFXVersion").is_err());
    assert!(!bytes.windows(5).any(|w| w == b"PDF/A"));
    assert!(
        doc.catalog().unwrap().get(b"Metadata").is_err(),
        "no XMP, so no PDF/A claim"
    );
}

#[test]
fn identical_letters_give_identical_bytes_in_any_thread_and_order() {
    let first = render(&fixtures::one_page()).unwrap();
    let again = render(&fixtures::one_page()).unwrap();
    assert_eq!(first, again);
    let threads: Vec<_> = (0..2)
        .map(|i| {
            std::thread::spawn(move || {
                // Other letters first, in a different order in each thread.
                let others = [
                    fixtures::three_pages(),
                    fixtures::long_name(),
                    fixtures::unbreakable_word(),
                ];
                for k in 0..others.len() {
                    render(&others[(k + i) % others.len()]).unwrap();
                }
                render(&fixtures::one_page()).unwrap()
            })
        })
        .collect();
    for t in threads {
        assert_eq!(t.join().unwrap(), first);
    }
}

#[test]
fn the_trailer_id_is_a_hash_of_the_content() {
    let id = |bytes: &[u8]| {
        let doc = Document::load_mem(bytes).unwrap();
        let Ok(Object::Array(ids)) = doc.trailer.get(b"ID") else {
            panic!("no /ID")
        };
        assert_eq!(ids.len(), 2);
        assert_eq!(ids[0], ids[1]);
        ids[0].as_str().unwrap().to_vec()
    };
    let a = id(&render(&fixtures::one_page()).unwrap());
    let b = id(&render(&fixtures::three_pages()).unwrap());
    assert_eq!(a.len(), 16);
    assert_ne!(a, vec![0; 16]);
    assert_ne!(a, b);
}

#[test]
fn three_pages_are_numbered_with_the_running_head() {
    let bytes = render(&fixtures::three_pages()).unwrap();
    let pages = extract(&bytes);
    assert_eq!(pages.len(), 3);
    assert!(page_text(&pages[0]).contains("page 1/3"));
    for (i, page) in pages.iter().enumerate().skip(1) {
        let text = page_text(page);
        assert!(text.contains(&format!("page {}/3", i + 1)), "{text}");
        assert!(
            text.starts_with("page") || text.starts_with("Jeanne Lefèvre-Nguyễn"),
            "{text}"
        );
    }
}

#[test]
fn pathological_letters_are_written() {
    for letter in [fixtures::unbreakable_word(), fixtures::long_name()] {
        let bytes = render(&letter).unwrap();
        assert!(!extract(&bytes).is_empty());
    }
}

#[test]
fn a_missing_glyph_is_reported_in_french() {
    let e = render(&fixtures::missing_glyph()).unwrap_err();
    assert_eq!(
        e.to_string(),
        "le caractère « ☃ » (U+2603) n'existe pas dans la police Charis SIL"
    );
}

#[test]
fn assembly_keeps_order_and_starts_letters_on_odd_pages_for_recto_verso() {
    let letters = [
        laid(&fixtures::one_page()),
        laid(&fixtures::three_pages()),
        laid(&fixtures::one_page()),
    ];
    let counts: Vec<usize> = letters.iter().map(|l| l.page_count()).collect();
    let metadata = fixtures::one_page().metadata;
    let plain = assemble(
        &letters,
        &Assembly {
            recto_verso: false,
            metadata: metadata.clone(),
        },
        Fonts::charis(),
    )
    .unwrap();
    let duplex = assemble(
        &letters,
        &Assembly {
            recto_verso: true,
            metadata,
        },
        Fonts::charis(),
    )
    .unwrap();
    let plain_pages = extract(&plain);
    let duplex_pages = extract(&duplex);
    assert_eq!(plain_pages.len(), counts.iter().sum::<usize>());
    // Each letter starts on an odd page: pad after every letter with an odd page count.
    let mut starts = Vec::new();
    let mut n = 0;
    for c in &counts {
        if n % 2 == 1 {
            n += 1;
        }
        starts.push(n);
        n += c;
    }
    assert_eq!(duplex_pages.len(), n);
    for (letter, &start) in letters.iter().zip(&starts) {
        assert_eq!(
            page_text(&duplex_pages[start]),
            page_text(&extract(&write(letter, Fonts::charis()).unwrap())[0])
        );
    }
    let blanks = duplex_pages.iter().filter(|p| p.is_empty()).count();
    assert_eq!(blanks, n - counts.iter().sum::<usize>());
}

#[test]
fn assembling_nothing_is_an_error() {
    let a = Assembly {
        recto_verso: true,
        metadata: fixtures::one_page().metadata,
    };
    assert!(matches!(
        assemble(&[], &a, Fonts::charis()),
        Err(PdfError::NothingToAssemble)
    ));
}

#[test]
fn a_character_drawn_with_two_glyphs_extracts_as_itself_both_times() {
    // Our layout draws each character with one glyph; any laid-out letter is still written
    // correctly if it does not: the second glyph goes to printpdf by id, with its character.
    let fonts = Fonts::charis();
    let mut letter = laid(&fixtures::one_page());
    let other = fonts.require(crate::letter::Style::Regular, 'Ж').unwrap();
    let glyph = letter.pages[0]
        .runs
        .iter_mut()
        .filter(|r| r.style == crate::letter::Style::Regular)
        .flat_map(|r| r.glyphs.iter_mut())
        .find(|g| g.character == 'e')
        .unwrap();
    glyph.gid = other.gid;
    glyph.advance = other.advance;
    let want: Vec<String> = letter.pages[0]
        .runs
        .iter()
        .flat_map(|r| r.glyphs.iter().map(|g| g.character.to_string()))
        .collect();
    let bytes = write(&letter, fonts).unwrap();
    let got: Vec<String> = extract(&bytes)[0].iter().map(|g| g.text.clone()).collect();
    assert_eq!(got, want);
}
