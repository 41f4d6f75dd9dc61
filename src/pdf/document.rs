//! From pages to PDF bytes: printpdf builds the document objects, then we finish what it
//! leaves undone or nondeterministic.
//!
//! After `printpdf::serialize::to_lopdf_doc` we
//! - drop the empty `/GTS_PDFXVersion`, `/Identifier` and `/Keywords` entries of the Info
//!   dictionary (the first names a PDF/X version; we claim no conformance, PDF/A included);
//! - compress every stream ourselves (see `flate`): lopdf's `compress` uses the slowest
//!   level, and font programs come with their compressed form already made (see `subset`);
//! - replace printpdf's trailer `/ID`, drawn from a process-wide counter, by the MD5 of the
//!   file itself, so identical letters give identical bytes in any process, thread or order.

use lopdf::{Object, StringFormat};
use md5::{Digest, Md5};
use printpdf::{Mm, OffsetDateTime, PdfDocument, PdfDocumentInfo, PdfPage, PdfSaveOptions};

use super::content::page_ops;
use super::error::PdfError;
use super::flate;
use super::subset::{EmbeddedFace, embed};
use crate::letter::Metadata;
use crate::typeset::{Fonts, Page};

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
    let date = pdf_date(metadata)?;

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
    let to_mm = |pt: f32| Mm(pt * 25.4 / 72.0);
    doc.pages = pages
        .iter()
        .map(|page| {
            PdfPage::new(
                to_mm(page_size.0),
                to_mm(page_size.1),
                page_ops(page, page_size.1, &faces),
            )
        })
        .collect();
    let mut programs = Vec::with_capacity(faces.len());
    for EmbeddedFace {
        id,
        font,
        program_zlib,
        ..
    } in faces
    {
        programs.push((id.clone(), program_zlib));
        doc.resources.fonts.map.insert(id, font);
    }

    let options = PdfSaveOptions {
        optimize: false,
        subset_fonts: false,
        secure: false,
        image_optimization: None,
    };
    let mut warnings = Vec::new();
    let mut lo = printpdf::serialize::to_lopdf_doc(&doc, &options, &mut warnings);
    debug_assert!(warnings.is_empty(), "printpdf warnings: {warnings:?}");

    tidy_info(&mut lo);
    // Font programs as printpdf wrote them, with their ready-made compressed form.
    let ready: Vec<(&[u8], &[u8])> = programs
        .iter()
        .filter_map(|(id, zlib)| {
            doc.resources
                .fonts
                .map
                .get(id)
                .map(|f| (f.parsed_font.original_bytes.as_slice(), zlib.as_slice()))
        })
        .collect();
    compress_streams(&mut lo, &ready);
    let id = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    lo.trailer.set("ID", Object::Array(vec![id.clone(), id]));

    let mut bytes = Vec::with_capacity(64 * 1024);
    lo.save_to(&mut bytes)?;
    stamp_id(&mut bytes);
    Ok(bytes)
}

fn pdf_date(metadata: &Metadata) -> Result<OffsetDateTime, PdfError> {
    OffsetDateTime::from_unix_timestamp(metadata.created.and_utc().timestamp())
        .map_err(|_| PdfError::Date(metadata.created))
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

/// Compresses every stream; a font program gets its ready-made compressed form.
fn compress_streams(lo: &mut lopdf::Document, programs: &[(&[u8], &[u8])]) {
    for object in lo.objects.values_mut() {
        let Object::Stream(stream) = object else {
            continue;
        };
        if stream.dict.has(b"Filter") {
            continue;
        }
        let ready = programs
            .iter()
            .find(|(bytes, _)| *bytes == stream.content.as_slice());
        let compressed = match ready {
            Some((_, zlib)) => zlib.to_vec(),
            None => flate::zlib(&stream.content),
        };
        if compressed.len() < stream.content.len() {
            stream
                .dict
                .set("Filter", Object::Name(b"FlateDecode".to_vec()));
            stream.set_content(compressed);
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
