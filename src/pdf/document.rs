//! From pages to PDF bytes: printpdf builds the document, then we finish what it leaves
//! undone or nondeterministic.
//!
//! printpdf makes the whole object graph (catalog, page tree, pages and their content
//! streams, the Type 0 fonts with `/W` and `/ToUnicode`, the Info dictionary) in
//! `printpdf::serialize::to_lopdf_doc`. Then, on that lopdf document, we
//! - drop the empty `/GTS_PDFXVersion`, `/Identifier` and `/Keywords` entries of the Info
//!   dictionary (the first names a PDF/X version; we claim no conformance, PDF/A included);
//! - give the catalog the document's language (`fr-FR`) and ask viewers to show the title,
//!   and the font descriptors the faces' real cap height (printpdf without `text_layout`
//!   writes the ascent there); both need PDF 1.4, so the header says 1.4, not printpdf's 1.3;
//! - compress every stream ourselves (see `flate`): content streams and CMaps at a fast
//!   level, font programs by swapping in their ready-made compressed form (see `subset`);
//! - replace printpdf's trailer `/ID`, drawn from a process-wide counter, by the MD5 of the
//!   file itself.
//!
//! Nothing depends on the clock or on process state: fonts get fixed resource names, object
//! numbers follow printpdf's construction order, dates come from the metadata, and the `/ID`
//! from the content, so identical letters give identical bytes in any process, thread or
//! order.

use chrono::{Datelike, NaiveDateTime, Timelike};
use lopdf::{Dictionary, Object, StringFormat};
use md5::{Digest, Md5};
use printpdf::{
    Date, DateTime, FontId, Offset, PdfDocument, PdfDocumentInfo, PdfPage, PdfSaveOptions, Pt,
    Rect, Time,
};

use super::content::page_ops;
use super::error::PdfError;
use super::flate;
use super::subset::embed;
use crate::letter::Metadata;
use crate::typeset::{FaceMetrics, Fonts, Page};

/// Written as the PDF's producer.
const PRODUCER: &str = concat!("recours ", env!("CARGO_PKG_VERSION"));

/// The 16 bytes the trailer `/ID` holds until the file's hash is known.
const ID_PLACEHOLDER: [u8; 16] = [0; 16];

/// Writes `pages` (each of size `page_size` points) as one PDF file.
pub(crate) fn write_pages(
    pages: &[&Page],
    page_size: (f32, f32),
    metadata: &Metadata,
    fonts: &Fonts,
) -> Result<Vec<u8>, PdfError> {
    let faces = embed(pages.iter().copied(), fonts)?;
    let date = pdf_date(metadata.created);

    let mut doc = PdfDocument::new(&metadata.title);
    doc.metadata.info = PdfDocumentInfo {
        creation_date: date,
        modification_date: date,
        metadata_date: date,
        document_title: metadata.title.clone(),
        author: metadata.author.clone(),
        subject: metadata.subject.clone(),
        creator: "recours".to_string(),
        producer: PRODUCER.to_string(),
        ..PdfDocumentInfo::default()
    };
    let bounds = Rect::from_wh(Pt(round3(page_size.0)), Pt(round3(page_size.1)));
    doc.pages = pages
        .iter()
        .map(|page| PdfPage {
            media_box: bounds.clone(),
            trim_box: bounds.clone(),
            crop_box: bounds.clone(),
            ops: page_ops(page, page_size.1, &faces),
        })
        .collect();
    // What printpdf does not keep: each face's compressed program and real metrics.
    let mut finishing = Vec::with_capacity(faces.len());
    for face in faces {
        finishing.push(Finishing {
            id: face.id.clone(),
            name: face.font.parsed_font.font_name.clone().unwrap_or_default(),
            metrics: face.metrics,
            program_zlib: face.program_zlib,
        });
        doc.resources.fonts.map.insert(face.id, face.font);
    }

    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: true,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = printpdf::serialize::to_lopdf_doc(&doc, &options, &mut warnings);
    debug_assert!(warnings.is_empty(), "printpdf warnings: {warnings:?}");

    lo.version = "1.4".to_string();
    tidy_info(&mut lo);
    describe_catalog(&mut lo);
    finish_fonts_and_streams(&mut lo, &doc, &mut finishing);
    let id = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    lo.trailer.set("ID", Object::Array(vec![id.clone(), id]));

    let mut bytes = Vec::with_capacity(48 * 1024);
    lo.save_to(&mut bytes)?;
    stamp_id(&mut bytes);
    Ok(bytes)
}

/// What the writer finishes for one embedded face, found by its font name.
struct Finishing {
    id: FontId,
    name: String,
    metrics: FaceMetrics,
    program_zlib: Vec<u8>,
}

/// `v` rounded to three decimals.
fn round3(v: f32) -> f32 {
    (v * 1000.0).round() / 1000.0
}

/// The letter's date (`Metadata::created`, UTC) as printpdf's date.
fn pdf_date(d: NaiveDateTime) -> DateTime {
    DateTime {
        date: Date {
            year: d.year(),
            month: d.month() as u8,
            day: d.day() as u8,
        },
        time: Time {
            hour: d.hour() as u8,
            minute: d.minute() as u8,
            second: d.second() as u8,
            millisecond: 0,
        },
        offset: Offset {
            hours: 0,
            minutes: 0,
            seconds: 0,
            milliseconds: 0,
        },
    }
}

/// Removes Info entries printpdf always writes, empty, and one that names a PDF/X version.
fn tidy_info(lo: &mut lopdf::Document) {
    let Ok(Object::Reference(id)) = lo.trailer.get(b"Info").cloned() else {
        return;
    };
    if let Ok(Object::Dictionary(info)) = lo.get_object_mut(id) {
        for key in [&b"GTS_PDFXVersion"[..], b"Identifier", b"Keywords"] {
            info.remove(key);
        }
    }
}

/// The document's language, for screen readers and hyphenation when reflowed, and the title
/// rather than the file name in the viewer's window.
fn describe_catalog(lo: &mut lopdf::Document) {
    let Ok(Object::Reference(id)) = lo.trailer.get(b"Root").cloned() else {
        return;
    };
    if let Ok(Object::Dictionary(catalog)) = lo.get_object_mut(id) {
        catalog.set(
            "Lang",
            Object::String(b"fr-FR".to_vec(), StringFormat::Literal),
        );
        catalog.set(
            "ViewerPreferences",
            Dictionary::from_iter([("DisplayDocTitle", Object::Boolean(true))]),
        );
    }
}

/// Compresses every stream, a font program by swapping in its ready-made compressed form, and
/// writes each face's cap height in its descriptor.
fn finish_fonts_and_streams(lo: &mut lopdf::Document, doc: &PdfDocument, faces: &mut [Finishing]) {
    for object in lo.objects.values_mut() {
        match object {
            Object::Stream(stream) if !stream.dict.has(b"Filter") => {
                let program =
                    stream.dict.has(b"Length1").then(|| {
                        faces.iter_mut().find(|face| {
                            doc.resources.fonts.map.get(&face.id).is_some_and(|font| {
                                font.parsed_font.original_bytes == stream.content
                            })
                        })
                    });
                let compressed = match program.flatten() {
                    Some(face) => std::mem::take(&mut face.program_zlib),
                    None => flate::zlib(&stream.content, flate::Level::Text),
                };
                stream
                    .dict
                    .set("Filter", Object::Name(b"FlateDecode".to_vec()));
                stream.set_content(compressed);
            }
            Object::Dictionary(dict)
                if dict.get(b"Type").and_then(Object::as_name).ok() == Some(b"FontDescriptor") =>
            {
                let name = dict.get(b"FontName").and_then(Object::as_name).ok();
                if let Some(face) = faces.iter().find(|f| Some(f.name.as_bytes()) == name) {
                    dict.set("CapHeight", i64::from(face.metrics.cap_height));
                }
            }
            _ => {}
        }
    }
}

/// Replaces the placeholder `/ID` in the saved file by the MD5 of the file (computed with the
/// placeholder in place), as two hexadecimal strings.
fn stamp_id(bytes: &mut [u8]) {
    let digest = Md5::digest(&*bytes);
    let placeholder = format!("<{}>", "00".repeat(ID_PLACEHOLDER.len()));
    let stamp: String = format!(
        "<{}>",
        digest
            .iter()
            .map(|b| format!("{b:02X}"))
            .collect::<String>()
    );
    // The trailer comes last: search backwards, so no content can be mistaken for it.
    let p = placeholder.as_bytes();
    let mut end = bytes.len();
    for _ in 0..2 {
        let Some(at) = bytes[..end].windows(p.len()).rposition(|w| w == p) else {
            return;
        };
        bytes[at..at + p.len()].copy_from_slice(stamp.as_bytes());
        end = at;
    }
}
