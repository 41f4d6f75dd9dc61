//! From pages to PDF bytes: printpdf builds the document, then we finish what it leaves
//! undone or nondeterministic.
//!
//! printpdf makes the whole object graph (catalog, page tree, pages and their content
//! streams, the Type 0 fonts with `/W` and `/ToUnicode`, the Info dictionary) in
//! `printpdf::serialize::to_lopdf_doc`. Then, on that lopdf document, we
//! - drop the empty `/GTS_PDFXVersion`, `/Identifier` and `/Keywords` entries of the Info
//!   dictionary (the first names a PDF/X version; we claim no conformance, PDF/A included);
//! - give the catalog the document's language (`fr-FR`) and ask viewers to show the title
//!   (both PDF 1.4, so the header says 1.4, not printpdf's 1.3), and the font descriptors the
//!   faces' real cap height (printpdf without `text_layout` writes the ascent there);
//! - compress every stream ourselves (see `flate`): content streams and CMaps at a fast
//!   level, font programs by swapping in their ready-made compressed form (see `subset`);
//! - replace printpdf's trailer `/ID`, drawn from a process-wide counter, by an MD5 of the
//!   file itself, hashed as it is written (see [`IdHash`]).
//!
//! Nothing depends on the clock or on process state: fonts get fixed resource names, object
//! numbers follow printpdf's construction order, dates come from the metadata, and the `/ID`
//! from the content, so identical letters give identical bytes in any process, thread or
//! order.

use chrono::{Datelike, NaiveDateTime, Timelike};
use lopdf::{Dictionary, Object, StringFormat};
use md5::{Digest, Md5};
use printpdf::{
    Date, DateTime, Offset, PdfDocument, PdfDocumentInfo, PdfPage, PdfSaveOptions, Pt, Rect, Time,
};

use super::content::page_ops;
use super::error::PdfError;
use super::flate;
use super::subset::{embed, program_marker};
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
            name: face.font.parsed_font.font_name.clone().unwrap_or_default(),
            metrics: face.metrics,
            marker: program_marker(face.style),
            program_zlib: face.program_zlib,
            program_len: face.program_len,
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
    // The pages are in `lo` now; their operations would only add to the peak memory of a
    // large assembly while its streams are compressed and written.
    drop(std::mem::take(&mut doc.pages));

    lo.version = "1.4".to_string();
    tidy_info(&mut lo);
    describe_catalog(&mut lo);
    let programs = finish_fonts_and_streams(&mut lo, &mut finishing);
    if let Some(lost) = finishing.iter().find(|f| !f.program_zlib.is_empty()) {
        return Err(PdfError::FontNotEmbedded(lost.name.clone()));
    }
    let id = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Hexadecimal);
    lo.trailer.set("ID", Object::Array(vec![id.clone(), id]));

    let mut out = IdHash {
        bytes: Vec::with_capacity(48 * 1024),
        programs: &programs,
        written: Vec::with_capacity(programs.len()),
    };
    lo.save_to(&mut out)?;
    let (mut bytes, digest) = out.finish();
    stamp_id(&mut bytes, &digest);
    Ok(bytes)
}

/// What the writer finishes for one embedded face, found by its font name.
struct Finishing {
    name: String,
    metrics: FaceMetrics,
    /// What printpdf wrote as the font program (see [`program_marker`]).
    marker: Vec<u8>,
    program_zlib: Vec<u8>,
    program_len: usize,
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
/// writes each face's cap height in its descriptor. Returns where the font programs' bytes are
/// (address and length), for [`IdHash`].
fn finish_fonts_and_streams(
    lo: &mut lopdf::Document,
    faces: &mut [Finishing],
) -> Vec<(usize, usize)> {
    let mut programs = Vec::with_capacity(faces.len());
    for object in lo.objects.values_mut() {
        match object {
            Object::Stream(stream) if !stream.dict.has(b"Filter") => {
                let program = if stream.dict.has(b"Length1") {
                    faces.iter_mut().find(|face| face.marker == stream.content)
                } else {
                    None
                };
                let is_program = program.is_some();
                let compressed = match program {
                    Some(face) => {
                        stream.dict.set("Length1", face.program_len as i64);
                        std::mem::take(&mut face.program_zlib)
                    }
                    // printpdf's `/ToUnicode` CMaps begin with their PostScript prologue.
                    None if stream.content.starts_with(b"/CIDInit") => {
                        flate::zlib(&stream.content, flate::Level::Map)
                    }
                    None => flate::zlib(&stream.content, flate::Level::Text),
                };
                stream
                    .dict
                    .set("Filter", Object::Name(b"FlateDecode".to_vec()));
                stream.set_content(compressed);
                if is_program {
                    programs.push((stream.content.as_ptr() as usize, stream.content.len()));
                }
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
    programs
}

/// Where a document is saved, noting where the font programs land, for the trailer `/ID`.
///
/// The `/ID` hash covers every byte written, the `/ID` placeholder included, except the bodies
/// of the font programs: each counts by its length and its last four bytes, the checksum of
/// the uncompressed program (a zlib stream's trailer). A program is derived from the face and
/// the glyphs the text uses, which the rest of the file names (subset tag, `/W`,
/// `/ToUnicode`, the text), and hashing its 20 KB or so would be most of the hashing time.
struct IdHash<'a> {
    bytes: Vec<u8>,
    /// Address and length of each font program's compressed bytes in the document.
    programs: &'a [(usize, usize)],
    /// Where in `bytes` each program was written: start and length.
    written: Vec<(usize, usize)>,
}

impl IdHash<'_> {
    fn take(&mut self, data: &[u8]) {
        if self
            .programs
            .contains(&(data.as_ptr() as usize, data.len()))
        {
            self.written.push((self.bytes.len(), data.len()));
        }
        self.bytes.extend_from_slice(data);
    }

    /// The saved bytes and their hash.
    fn finish(self) -> (Vec<u8>, [u8; 16]) {
        let mut md5 = Md5::new();
        let mut from = 0;
        for &(start, len) in &self.written {
            md5.update(&self.bytes[from..start]);
            md5.update((len as u64).to_be_bytes());
            md5.update(&self.bytes[start + len.saturating_sub(4)..start + len]);
            from = start + len;
        }
        md5.update(&self.bytes[from..]);
        (self.bytes, md5.finalize().into())
    }
}

impl std::io::Write for IdHash<'_> {
    fn write(&mut self, data: &[u8]) -> std::io::Result<usize> {
        self.take(data);
        Ok(data.len())
    }

    fn write_all(&mut self, data: &[u8]) -> std::io::Result<()> {
        self.take(data);
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Replaces the placeholder `/ID` in the saved file by `digest` (the file's hash, computed
/// with the placeholder in place), as two hexadecimal strings.
fn stamp_id(bytes: &mut [u8], digest: &[u8]) {
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

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn id(program: &[u8], registered: bool) -> Vec<u8> {
        let programs = [(program.as_ptr() as usize, program.len())];
        let mut out = IdHash {
            bytes: Vec::new(),
            programs: if registered { &programs } else { &[] },
            written: Vec::new(),
        };
        out.write_all(b"1 0 obj <</Length1 9>> stream\n").unwrap();
        out.write_all(program).unwrap();
        out.write_all(b"\nendstream").unwrap();
        let (bytes, digest) = out.finish();
        assert_eq!(
            bytes,
            [
                &b"1 0 obj <</Length1 9>> stream\n"[..],
                program,
                b"\nendstream"
            ]
            .concat()
        );
        digest.to_vec()
    }

    #[test]
    fn a_font_program_counts_by_its_length_and_checksum_everything_else_byte_by_byte() {
        let a = b"program A-checksum".to_vec();
        let b = b"program B-checksum".to_vec();
        let c = b"program A-checksun".to_vec();
        assert_eq!(id(&a, true), id(&b, true));
        assert_ne!(id(&a, true), id(&c, true));
        assert_ne!(id(&a, true), id(&a[..17], true));
        // Unregistered bytes are hashed as they are: the whole file's MD5.
        let whole =
            Md5::digest([&b"1 0 obj <</Length1 9>> stream\n"[..], &a, b"\nendstream"].concat());
        assert_eq!(id(&a, false), whole.to_vec());
        assert_ne!(id(&a, false), id(&b, false));
    }
}
