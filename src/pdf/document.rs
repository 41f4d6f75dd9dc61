//! From pages to PDF bytes: the document's objects, built with lopdf and saved.
//!
//! The structure is the smallest a reader needs: a catalog (French language, title shown in
//! the window), one page tree, pages sharing one resource dictionary, the embedded faces, an
//! Info dictionary from the letter's metadata. Nothing depends on the clock or on process
//! state: object numbers follow construction order, dates come from the metadata, and the
//! trailer `/ID` is the MD5 of the file itself, so identical letters give identical bytes in
//! any process, thread or order.

use chrono::NaiveDateTime;
use lopdf::xref::XrefType;
use lopdf::{Dictionary, Object, Stream, StringFormat};
use md5::{Digest, Md5};

use super::content::{page_content, resource_name};
use super::error::PdfError;
use super::flate;
use super::font_objects::add_face;
use super::subset::embed;
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

    let mut doc = lopdf::Document::with_version("1.4");
    doc.reference_table.cross_reference_type = XrefType::CrossReferenceTable;
    let pages_id = doc.new_object_id();

    let mut font_dict = Dictionary::new();
    for face in &faces {
        font_dict.set(
            resource_name(face.style),
            Object::Reference(add_face(&mut doc, face)),
        );
    }
    let resources_id = doc.add_object(Dictionary::from_iter([(
        "Font",
        Object::Dictionary(font_dict),
    )]));

    let media_box = Object::Array(vec![
        Object::Integer(0),
        Object::Integer(0),
        Object::Real(round3(page_size.0)),
        Object::Real(round3(page_size.1)),
    ]);

    let mut kids = Vec::with_capacity(pages.len());
    for page in pages {
        let mut dict = Dictionary::from_iter([
            ("Type", Object::Name(b"Page".to_vec())),
            ("Parent", Object::Reference(pages_id)),
            ("MediaBox", media_box.clone()),
            ("Resources", Object::Reference(resources_id)),
        ]);
        let content = page_content(page, page_size.1, &faces);
        if !content.is_empty() {
            dict.set(
                "Contents",
                Object::Reference(doc.add_object(compressed_stream(&content))),
            );
        }
        kids.push(Object::Reference(doc.add_object(dict)));
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(Dictionary::from_iter([
            ("Type", Object::Name(b"Pages".to_vec())),
            ("Kids", Object::Array(kids)),
            ("Count", Object::Integer(count)),
        ])),
    );

    let catalog_id = doc.add_object(Dictionary::from_iter([
        ("Type", Object::Name(b"Catalog".to_vec())),
        ("Pages", Object::Reference(pages_id)),
        ("Lang", text("fr-FR")),
        (
            "ViewerPreferences",
            Object::Dictionary(Dictionary::from_iter([(
                "DisplayDocTitle",
                Object::Boolean(true),
            )])),
        ),
    ]));
    let info_id = doc.add_object(info(metadata));
    doc.trailer.set("Root", Object::Reference(catalog_id));
    doc.trailer.set("Info", Object::Reference(info_id));
    let placeholder = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    doc.trailer
        .set("ID", Object::Array(vec![placeholder.clone(), placeholder]));

    let mut bytes = Vec::with_capacity(48 * 1024);
    doc.save_to(&mut bytes)?;
    stamp_id(&mut bytes);
    Ok(bytes)
}

/// `v` rounded to three decimals, as a PDF real.
fn round3(v: f32) -> f32 {
    (v * 1000.0).round() / 1000.0
}

/// A stream holding `content` deflated.
pub(crate) fn compressed_stream(content: &[u8]) -> Stream {
    let mut stream = Stream::new(
        Dictionary::from_iter([("Filter", Object::Name(b"FlateDecode".to_vec()))]),
        flate::zlib(content, flate::Level::Text),
    );
    stream.allows_compression = false;
    stream
}

/// The Info dictionary. Both dates are the letter's own (`Metadata::created`, UTC).
fn info(m: &Metadata) -> Dictionary {
    let date = pdf_date(m.created);
    Dictionary::from_iter([
        ("Title", text(&m.title)),
        ("Author", text(&m.author)),
        ("Subject", text(&m.subject)),
        ("Creator", text("recours")),
        ("Producer", text(PRODUCER)),
        (
            "CreationDate",
            Object::String(date.clone().into_bytes(), StringFormat::Literal),
        ),
        (
            "ModDate",
            Object::String(date.into_bytes(), StringFormat::Literal),
        ),
    ])
}

/// `D:YYYYMMDDHHmmSS+00'00'`.
fn pdf_date(d: NaiveDateTime) -> String {
    format!("D:{}+00'00'", d.format("%Y%m%d%H%M%S"))
}

/// A PDF text string: plain ASCII as is, anything else as UTF-16BE with a byte-order mark.
fn text(s: &str) -> Object {
    if s.is_ascii() {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut bytes = vec![0xFE, 0xFF];
    for unit in s.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    Object::String(bytes, StringFormat::Hexadecimal)
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
