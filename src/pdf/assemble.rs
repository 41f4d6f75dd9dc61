//! Many letters in one PDF file, written as they come, so that memory stays flat whatever
//! the number of letters (issue 14, item 8: the first `--assemble` held every page, about
//! 1.1 GB for 10,000 letters).
//!
//! Each letter is a finished PDF (the one the batch wrote); its objects are renumbered after
//! those already written and copied to the output one by one, its pages hung under one page
//! tree. Objects are numbered in the order they are written, so the cross-reference table is
//! written as they go, to an anonymous temporary file copied at the end: only the page ids
//! stay in memory (4 bytes a page). Fonts are not shared between letters: each keeps its own
//! subsets, as in its own file.

use std::io::{self, Write};

use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use md5::{Digest, Md5};

use super::PdfError;
use crate::letter::Metadata;

const CATALOG: u32 = 1;
const PAGES: u32 = 2;
const INFO: u32 = 3;

/// Page attributes a page may inherit from its page tree, copied onto each page when its
/// letter's tree is dropped.
const INHERITED: [&[u8]; 4] = [b"Resources", b"MediaBox", b"CropBox", b"Rotate"];

/// Writes letters one after the other into one PDF.
#[derive(Debug)]
pub struct Assembler<W: Write> {
    out: W,
    written: u64,
    hash: Md5,
    /// Byte offsets of the catalog, the page tree and the Info dictionary, written last.
    reserved: [u64; 3],
    /// The next object id to write; ids below it have their cross-reference entry in `xref`.
    next_id: u32,
    /// Cross-reference entries of objects 4, 5… in order, 20 bytes each.
    xref: std::io::BufWriter<std::fs::File>,
    kids: Vec<u32>,
    recto_verso: bool,
    letters: usize,
    lang: Option<Object>,
}

impl<W: Write> Assembler<W> {
    /// Starts the file. With `recto_verso`, every letter starts on an odd page.
    pub fn new(out: W, recto_verso: bool) -> Result<Assembler<W>, PdfError> {
        let mut a = Assembler {
            out,
            written: 0,
            hash: Md5::new(),
            reserved: [0; 3],
            next_id: INFO + 1,
            xref: std::io::BufWriter::new(tempfile::tempfile()?),
            kids: Vec::new(),
            recto_verso,
            letters: 0,
            lang: None,
        };
        a.put(b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n")?;
        Ok(a)
    }

    /// Letters added so far.
    pub fn letters(&self) -> usize {
        self.letters
    }

    /// Appends one letter, given as the PDF file the batch wrote.
    pub fn add(&mut self, pdf: &[u8]) -> Result<(), PdfError> {
        let mut doc =
            lopdf::Document::load_mem(pdf).map_err(|e| PdfError::Assemble(e.to_string()))?;
        doc.renumber_objects_with(self.next_id);
        let reference = |d: &Dictionary, key: &[u8]| match d.get(key) {
            Ok(Object::Reference(id)) => Some(*id),
            _ => None,
        };
        let root = reference(&doc.trailer, b"Root");
        let info = reference(&doc.trailer, b"Info");
        let catalog = root.and_then(|id| doc.get_dictionary(id).ok()).cloned();
        let tree = catalog.as_ref().and_then(|c| reference(c, b"Pages"));
        if self.lang.is_none() {
            self.lang = catalog.as_ref().and_then(|c| c.get(b"Lang").ok()).cloned();
        }
        let inherited: Vec<(Vec<u8>, Object)> = tree
            .and_then(|id| doc.get_dictionary(id).ok())
            .map(|d| {
                INHERITED
                    .iter()
                    .filter_map(|k| d.get(k).ok().map(|v| (k.to_vec(), v.clone())))
                    .collect()
            })
            .unwrap_or_default();
        let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
        if pages.is_empty() {
            return Err(PdfError::Assemble("lettre sans page".into()));
        }
        let blank_id = doc.max_id + 1;
        let mut blank_page = None;
        if self.recto_verso && self.kids.len() % 2 == 1 {
            let mut blank = Dictionary::new();
            blank.set("Type", Object::Name(b"Page".to_vec()));
            blank.set("Parent", Object::Reference((PAGES, 0)));
            let media = doc
                .get_dictionary(pages[0])
                .ok()
                .and_then(|p| p.get(b"MediaBox").ok().cloned())
                .or_else(|| {
                    inherited
                        .iter()
                        .find(|(k, _)| k == b"MediaBox")
                        .map(|(_, v)| v.clone())
                });
            if let Some(m) = media {
                blank.set("MediaBox", m);
            }
            blank.set("Resources", Object::Dictionary(Dictionary::new()));
            self.kids.push(blank_id);
            blank_page = Some(blank);
        }
        let skip = [root, info, tree];
        let ids: Vec<ObjectId> = doc.objects.keys().copied().collect();
        for id in ids {
            if skip.contains(&Some(id)) {
                continue;
            }
            let Some(mut object) = doc.objects.remove(&id) else {
                continue;
            };
            if let Object::Stream(s) = &object
                && matches!(s.dict.get(b"Type"), Ok(Object::Name(n)) if n == b"ObjStm" || n == b"XRef")
            {
                continue;
            }
            if pages.contains(&id)
                && let Object::Dictionary(page) = &mut object
            {
                page.set("Parent", Object::Reference((PAGES, 0)));
                for (k, v) in &inherited {
                    if page.get(k).is_err() {
                        page.set(k.clone(), v.clone());
                    }
                }
            }
            self.object(id.0, &object)?;
        }
        // Written after the letter's objects, whose ids it follows.
        if let Some(blank) = blank_page {
            self.object(blank_id, &Object::Dictionary(blank))?;
        }
        self.kids.extend(pages.iter().map(|p| p.0));
        self.letters += 1;
        Ok(())
    }

    /// Writes the page tree, the catalog, the Info dictionary and the cross-reference table.
    pub fn finish(mut self, metadata: &Metadata) -> Result<W, PdfError> {
        if self.letters == 0 {
            return Err(PdfError::NothingToAssemble);
        }
        // The page tree, its kids written in chunks rather than built as one object.
        self.reserved[(PAGES - 1) as usize] = self.written;
        let head = format!(
            "{PAGES} 0 obj\n<</Type/Pages/Count {}/Kids[",
            self.kids.len()
        );
        self.put(head.as_bytes())?;
        let kids = std::mem::take(&mut self.kids);
        for chunk in kids.chunks(4096) {
            let mut text = String::with_capacity(chunk.len() * 10);
            for k in chunk {
                text.push_str(&format!("{k} 0 R "));
            }
            self.put(text.as_bytes())?;
        }
        self.put(b"]>>\nendobj\n")?;
        let mut catalog = Dictionary::new();
        catalog.set("Type", Object::Name(b"Catalog".to_vec()));
        catalog.set("Pages", Object::Reference((PAGES, 0)));
        if let Some(lang) = self.lang.take() {
            catalog.set("Lang", lang);
        }
        self.object(CATALOG, &Object::Dictionary(catalog))?;
        let mut info = Dictionary::new();
        info.set("Title", lopdf::text_string(&metadata.title));
        info.set("Author", lopdf::text_string(&metadata.author));
        info.set("Subject", lopdf::text_string(&metadata.subject));
        info.set("Creator", lopdf::text_string("recours"));
        let c = metadata.created;
        info.set(
            "CreationDate",
            Object::String(
                c.format("D:%Y%m%d%H%M%S+00'00'").to_string().into_bytes(),
                StringFormat::Literal,
            ),
        );
        self.object(INFO, &Object::Dictionary(info))?;

        let digest: Vec<u8> = self.hash.clone().finalize().to_vec();
        let xref = self.written;
        let size = self.next_id;
        let mut table = format!("xref\n0 {size}\n0000000000 65535 f \n");
        for o in self.reserved {
            table.push_str(&format!("{o:010} 00000 n \n"));
        }
        self.put(table.as_bytes())?;
        let mut entries = self.xref.into_inner().map_err(|e| e.into_error())?;
        std::io::Seek::rewind(&mut entries)?;
        self.written += std::io::copy(&mut entries, &mut self.out)?;
        self.xref = std::io::BufWriter::new(entries);
        let id = Object::String(digest, StringFormat::Hexadecimal);
        let mut trailer = Dictionary::new();
        trailer.set("Size", Object::Integer(size as i64));
        trailer.set("Root", Object::Reference((CATALOG, 0)));
        trailer.set("Info", Object::Reference((INFO, 0)));
        trailer.set("ID", Object::Array(vec![id.clone(), id]));
        let mut tail = b"trailer\n".to_vec();
        write_object(&mut tail, &Object::Dictionary(trailer))?;
        tail.extend_from_slice(format!("\nstartxref\n{xref}\n%%EOF\n").as_bytes());
        self.put(&tail)?;
        self.out.flush()?;
        Ok(self.out)
    }

    fn object(&mut self, id: u32, object: &Object) -> Result<(), PdfError> {
        if (CATALOG..=INFO).contains(&id) {
            self.reserved[(id - 1) as usize] = self.written;
        } else {
            if id < self.next_id {
                return Err(PdfError::Assemble(format!("objet {id} écrit hors d'ordre")));
            }
            // Ids a letter does not use any more (its catalog, its page tree) are free.
            for _ in self.next_id..id {
                self.xref.write_all(b"0000000000 00000 f \n")?;
            }
            self.xref
                .write_all(format!("{:010} 00000 n \n", self.written).as_bytes())?;
            self.next_id = id + 1;
        }
        let mut bytes = format!("{id} 0 obj\n").into_bytes();
        write_object(&mut bytes, object)?;
        bytes.extend_from_slice(b"\nendobj\n");
        self.put(&bytes)
    }

    fn put(&mut self, bytes: &[u8]) -> Result<(), PdfError> {
        self.out.write_all(bytes)?;
        self.hash.update(bytes);
        self.written += bytes.len() as u64;
        Ok(())
    }
}

/// One PDF object in the syntax of ISO 32000 (lopdf keeps its own writer private).
fn write_object(out: &mut Vec<u8>, object: &Object) -> io::Result<()> {
    match object {
        Object::Null => out.extend_from_slice(b"null"),
        Object::Boolean(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Object::Integer(i) => out.extend_from_slice(i.to_string().as_bytes()),
        Object::Real(r) => {
            let mut s = format!("{r}");
            if s.contains('.') {
                s = s.trim_end_matches('0').trim_end_matches('.').to_string();
            }
            out.extend_from_slice(s.as_bytes());
        }
        Object::Name(n) => write_name(out, n),
        Object::String(s, StringFormat::Hexadecimal) => {
            out.push(b'<');
            for b in s {
                out.extend_from_slice(format!("{b:02X}").as_bytes());
            }
            out.push(b'>');
        }
        Object::String(s, StringFormat::Literal) => {
            out.push(b'(');
            for &b in s {
                match b {
                    b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', b]),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    _ => out.push(b),
                }
            }
            out.push(b')');
        }
        Object::Array(items) => {
            out.push(b'[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_object(out, item)?;
            }
            out.push(b']');
        }
        Object::Dictionary(d) => write_dictionary(out, d)?,
        Object::Stream(s) => {
            let mut dict = s.dict.clone();
            dict.set("Length", Object::Integer(s.content.len() as i64));
            write_dictionary(out, &dict)?;
            out.extend_from_slice(b"\nstream\n");
            out.extend_from_slice(&s.content);
            out.extend_from_slice(b"\nendstream");
        }
        Object::Reference((id, generation)) => {
            out.extend_from_slice(format!("{id} {generation} R").as_bytes());
        }
    }
    Ok(())
}

fn write_dictionary(out: &mut Vec<u8>, d: &Dictionary) -> io::Result<()> {
    out.extend_from_slice(b"<<");
    for (k, v) in d.iter() {
        write_name(out, k);
        out.push(b' ');
        write_object(out, v)?;
    }
    out.extend_from_slice(b">>");
    Ok(())
}

fn write_name(out: &mut Vec<u8>, name: &[u8]) {
    out.push(b'/');
    for &b in name {
        let regular = b.is_ascii_graphic()
            && !matches!(
                b,
                b'#' | b'/' | b'%' | b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}'
            );
        if regular {
            out.push(b);
        } else {
            out.extend_from_slice(format!("#{b:02X}").as_bytes());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::extract::{extract, page_text};
    use crate::typeset::fixtures;

    fn metadata() -> Metadata {
        Metadata {
            title: "Lot de 2 lettres".into(),
            author: "recours".into(),
            subject: "Lettres produites depuis t.csv".into(),
            created: chrono::NaiveDate::from_ymd_opt(2026, 11, 27)
                .unwrap()
                .and_hms_opt(12, 0, 0)
                .unwrap(),
        }
    }

    /// Issue 14, item 8: the assembled file is built from the letters' own files, one at a
    /// time; it must still read back page by page with every letter's text.
    #[test]
    fn letters_streamed_into_one_file_read_back_in_order_with_blank_pages() {
        let one = crate::pdf::render(&fixtures::one_page()).unwrap();
        let three = crate::pdf::render(&fixtures::three_pages()).unwrap();
        let mut a = Assembler::new(Vec::new(), true).unwrap();
        a.add(&one).unwrap();
        a.add(&three).unwrap();
        a.add(&one).unwrap();
        let bytes = a.finish(&metadata()).unwrap();
        let doc = lopdf::Document::load_mem(&bytes).unwrap();
        // 1 page, a blank, 3 pages, a blank, 1 page.
        assert_eq!(doc.get_pages().len(), 7);
        let pages: Vec<String> = extract(&bytes).iter().map(|p| page_text(p)).collect();
        let alone: Vec<String> = extract(&one).iter().map(|p| page_text(p)).collect();
        let thrice: Vec<String> = extract(&three).iter().map(|p| page_text(p)).collect();
        assert_eq!(pages[0], alone[0]);
        assert!(pages[1].trim().is_empty());
        assert_eq!(pages[2..5], thrice[..]);
        assert!(pages[5].trim().is_empty());
        assert_eq!(pages[6], alone[0]);
        let info = doc.trailer.get(b"Info").unwrap().as_reference().unwrap();
        let title = doc.get_dictionary(info).unwrap().get(b"Title").unwrap();
        assert_eq!(
            lopdf::decode_text_string(title).unwrap(),
            "Lot de 2 lettres"
        );
        assert!(bytes.ends_with(b"%%EOF\n"));
        xref_points_at_every_object(&bytes);
    }

    /// Every in-use entry of the cross-reference table names the byte where its object
    /// starts (lopdf would read past a wrong table by scanning the file).
    fn xref_points_at_every_object(bytes: &[u8]) {
        let tail = String::from_utf8_lossy(&bytes[bytes.len() - 64..]).into_owned();
        let start: usize = tail
            .rsplit("startxref\n")
            .next()
            .and_then(|t| t.lines().next())
            .and_then(|n| n.parse().ok())
            .unwrap();
        let table = std::str::from_utf8(&bytes[start..]).unwrap();
        let mut lines = table.lines().skip(1);
        let size: usize = lines
            .next()
            .unwrap()
            .split(' ')
            .nth(1)
            .unwrap()
            .parse()
            .unwrap();
        let mut in_use = 0;
        for (id, entry) in lines.take(size).enumerate() {
            if entry.ends_with(" n ") {
                let offset: usize = entry[..10].parse().unwrap();
                let head = format!("{id} 0 obj");
                assert_eq!(
                    &bytes[offset..offset + head.len()],
                    head.as_bytes(),
                    "object {id}"
                );
                in_use += 1;
            }
        }
        assert!(in_use > 10);
    }

    #[test]
    fn nothing_to_assemble_is_an_error() {
        let a = Assembler::new(Vec::new(), false).unwrap();
        assert!(matches!(
            a.finish(&metadata()),
            Err(PdfError::NothingToAssemble)
        ));
    }
}
