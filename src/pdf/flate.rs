//! zlib streams for the PDF, built so that work done once is not redone per letter.
//!
//! A deflate stream may be made of independently compressed pieces, provided each piece but
//! the last ends on a byte boundary (a "sync flush") and none refers back into another. So a
//! part of a font program that every letter embeds identically (the hinting programs and the
//! `name` table, nearly half of a Charis subset) is compressed once per process and spliced
//! between the freshly compressed parts; only the zlib checksum covers everything.

use std::cell::RefCell;
use std::sync::{Arc, OnceLock, RwLock};

use flate2::{Compress, Compression, FlushCompress, Status};

/// zlib levels for what is compressed per letter; the parts compressed once use level 9.
///
/// Measured with zlib-rs on the one-page fixture's streams (this VM, µs per stream):
/// - font subsets (mostly `glyf` outlines) gain little from more effort: the regular face's
///   16.3 KB of per-letter tables give 11.5 KB at level 1 in 79 µs, 10.1 KB at 2 in 169 µs;
/// - content streams of hexadecimal glyph ids shrink a lot with effort: 11.4 KB give 4.7 KB at
///   level 1 (44 µs), 3.0 KB at 2 (64 µs), 2.7 KB at 3 (70 µs), 2.4 KB at 4 (102 µs);
/// - `/ToUnicode` CMaps are small, and above level 1 their cost is mostly the fixed cost of
///   building Huffman tables: 1.6 KB give 832 B at level 1 (11 µs), 637 B at 2 (22 µs).
///
/// Content streams stay at level 2: level 3 would save about 330 B a page for 6 to 30 µs
/// (measurements vary on this VM), which the per-letter time budget does not allow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Level {
    /// Font programs: zlib level FONT_LEVEL.
    Font,
    /// Content streams: zlib level TEXT_LEVEL.
    Text,
    /// CMaps: zlib level MAP_LEVEL.
    Map,
}

const FONT_LEVEL: u32 = 1;
const TEXT_LEVEL: u32 = 2;
const MAP_LEVEL: u32 = 1;

impl Level {
    fn zlib_level(self) -> u32 {
        match self {
            Level::Font => FONT_LEVEL,
            Level::Text => TEXT_LEVEL,
            Level::Map => MAP_LEVEL,
        }
    }
}

/// A whole zlib stream of `data`.
pub(crate) fn zlib(data: &[u8], level: Level) -> Vec<u8> {
    zlib_from_parts(&[Part::Fresh(data)], level)
}

/// One piece of a stream: compressed now, or already compressed by [`cached`].
pub(crate) enum Part<'a> {
    Fresh(&'a [u8]),
    Cached(&'a Precompressed),
}

/// Bytes, their raw deflate form, sync-flushed so more can follow, and their checksum.
#[derive(Debug)]
pub(crate) struct Precompressed {
    pub bytes: Vec<u8>,
    deflated: Vec<u8>,
    adler: u32,
}

/// An empty last deflate block (fixed codes: the end-of-block code alone), to close a stream
/// after a cached part without starting a compressor.
const EMPTY_FINAL_BLOCK: [u8; 2] = [0x03, 0x00];

/// A zlib stream whose uncompressed content is the parts' bytes, in order.
pub(crate) fn zlib_from_parts(parts: &[Part<'_>], level: Level) -> Vec<u8> {
    let level = level.zlib_level();
    let total: usize = parts
        .iter()
        .map(|p| match p {
            Part::Fresh(d) => d.len(),
            Part::Cached(c) => c.bytes.len(),
        })
        .sum();
    let mut out = Vec::with_capacity(total / 2 + 64);
    // CMF 0x78: deflate, 32 KB window; FLG 0x01: no dictionary, "fastest" hint, checksum ok.
    out.extend_from_slice(&[0x78, 0x01]);
    let mut adler = Adler32::new();
    let last = parts.len().saturating_sub(1);
    for (i, part) in parts.iter().enumerate() {
        let flush = if i == last {
            FlushCompress::Finish
        } else {
            FlushCompress::Sync
        };
        match part {
            Part::Fresh(data) => {
                deflate_raw(data, level, flush, &mut out);
                adler.update(data);
            }
            Part::Cached(c) => {
                out.extend_from_slice(&c.deflated);
                adler.append(c.adler, c.bytes.len());
                if i == last {
                    out.extend_from_slice(&EMPTY_FINAL_BLOCK);
                }
            }
        }
    }
    if parts.is_empty() {
        out.extend_from_slice(&EMPTY_FINAL_BLOCK);
    }
    out.extend_from_slice(&adler.finish().to_be_bytes());
    out
}

/// The process-wide precompressed form of `bytes`: computed on first request, then shared.
/// Entries are found by content, so a font whose "constant" part differs is still right.
pub(crate) fn cached(bytes: &[u8]) -> Arc<Precompressed> {
    static CACHE: OnceLock<RwLock<Vec<Arc<Precompressed>>>> = OnceLock::new();
    /// Only a few faces are ever embedded; beyond this the cache stops growing.
    const MAX_ENTRIES: usize = 16;
    let cache = CACHE.get_or_init(|| RwLock::new(Vec::new()));
    let find = |entries: &[Arc<Precompressed>]| entries.iter().find(|e| e.bytes == bytes).cloned();
    if let Ok(entries) = cache.read()
        && let Some(hit) = find(&entries)
    {
        return hit;
    }
    let mut deflated = Vec::with_capacity(bytes.len() / 2 + 64);
    deflate_raw(bytes, 9, FlushCompress::Sync, &mut deflated);
    let mut adler = Adler32::new();
    adler.update(bytes);
    let entry = Arc::new(Precompressed {
        bytes: bytes.to_vec(),
        deflated,
        adler: adler.finish(),
    });
    if let Ok(mut entries) = cache.write() {
        if let Some(hit) = find(&entries) {
            return hit;
        }
        if entries.len() < MAX_ENTRIES {
            entries.push(Arc::clone(&entry));
        }
    }
    entry
}

thread_local! {
    /// One raw-deflate compressor per thread, reset between uses and set to the level wanted.
    /// A compressor holds a few hundred kilobytes of tables; allocating one per stream cost
    /// time, and, interleaved with the streams kept for a large assembly, fragmented the heap
    /// by about that much per page. One for all levels rather than one per level halves that
    /// memory per thread.
    static COMPRESSOR: RefCell<Option<(u32, Compress)>> = const { RefCell::new(None) };
}

/// Appends the raw deflate form of `data` to `out`, ending with `flush`.
fn deflate_raw(data: &[u8], level: u32, flush: FlushCompress, out: &mut Vec<u8>) {
    COMPRESSOR.with_borrow_mut(|slot| {
        let (current, c) =
            slot.get_or_insert_with(|| (level, Compress::new(Compression::new(level), false)));
        c.reset();
        if *current != level {
            // Just reset, so nothing is pending and the change cannot fail; if it did, the
            // stream would still be valid, at the previous level.
            if c.set_level(Compression::new(level)).is_ok() {
                *current = level;
            }
        }
        run(c, data, flush, out);
    });
}

fn run(c: &mut Compress, data: &[u8], flush: FlushCompress, out: &mut Vec<u8>) {
    let start = c.total_in();
    loop {
        out.reserve(data.len() / 2 + 1024);
        let consumed = (c.total_in() - start) as usize;
        let status = c.compress_vec(&data[consumed.min(data.len())..], out, flush);
        let done_input = (c.total_in() - start) as usize >= data.len();
        let room_left = out.len() < out.capacity();
        match (status, flush) {
            (Ok(Status::StreamEnd), _) => return,
            (Ok(_), FlushCompress::Sync) if done_input && room_left => return,
            (Ok(_), _) => continue,
            // Errors only come from misuse of the stream state, which the loop above rules
            // out; stop rather than spin.
            (Err(_), _) => return,
        }
    }
}

/// The zlib checksum (RFC 1950).
struct Adler32 {
    a: u32,
    b: u32,
}

/// The Adler-32 modulus.
const MOD: u32 = 65_521;

impl Adler32 {
    fn new() -> Self {
        Adler32 { a: 1, b: 0 }
    }

    fn update(&mut self, data: &[u8]) {
        // 5,552 bytes is the longest run whose sums cannot overflow a u32 before reduction.
        for chunk in data.chunks(5552) {
            // Sixteen bytes at a time without a chain from byte to byte: after bytes x0..x15,
            // a grows by their sum and b by 16 a + 16 x0 + 15 x1 + … + 1 x15, the same values
            // the byte-by-byte definition reaches.
            let mut blocks = chunk.chunks_exact(16);
            for block in &mut blocks {
                let mut sum = 0;
                let mut weighted = 0;
                for (i, &byte) in block.iter().enumerate() {
                    sum += u32::from(byte);
                    weighted += (16 - i as u32) * u32::from(byte);
                }
                self.b += 16 * self.a + weighted;
                self.a += sum;
            }
            for &byte in blocks.remainder() {
                self.a += u32::from(byte);
                self.b += self.a;
            }
            self.a %= MOD;
            self.b %= MOD;
        }
    }

    /// As if `len` bytes whose own checksum is `adler` were passed to `update`
    /// (zlib's `adler32_combine`).
    fn append(&mut self, adler: u32, len: usize) {
        let rem = (len % MOD as usize) as u32;
        let (a2, b2) = (adler & 0xFFFF, adler >> 16);
        // a = a1 + a2 - 1, b = b1 + b2 + len (a1 - 1), all modulo MOD.
        let a = (self.a + a2 + MOD - 1) % MOD;
        let b = (self.b + b2 + rem * self.a % MOD + MOD - rem) % MOD;
        self.a = a;
        self.b = b;
    }

    fn finish(&self) -> u32 {
        (self.b << 16) | self.a
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    fn inflate(z: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        flate2::read::ZlibDecoder::new(z)
            .read_to_end(&mut out)
            .unwrap();
        out
    }

    #[test]
    fn a_stream_round_trips() {
        let data: Vec<u8> = (0..100_000u32)
            .map(|i| (i % 251) as u8 ^ (i / 7) as u8)
            .collect();
        assert_eq!(inflate(&zlib(&data, Level::Text)), data);
        assert_eq!(inflate(&zlib(&[], Level::Font)), Vec::<u8>::new());
    }

    #[test]
    fn spliced_parts_inflate_to_their_concatenation() {
        let head = b"table directory".repeat(10);
        let constant: Vec<u8> = b"fpgm prep cvt name "
            .iter()
            .cycle()
            .take(20_000)
            .copied()
            .collect();
        let tail = b"glyf loca hmtx".repeat(300);
        let cached = cached(&constant);
        for parts in [
            vec![
                Part::Fresh(&head),
                Part::Cached(&cached),
                Part::Fresh(&tail),
            ],
            vec![Part::Fresh(&head), Part::Cached(&cached)],
            vec![Part::Cached(&cached), Part::Fresh(&tail)],
        ] {
            let mut want = Vec::new();
            for p in &parts {
                want.extend_from_slice(match p {
                    Part::Fresh(d) => d,
                    Part::Cached(c) => &c.bytes,
                });
            }
            assert_eq!(inflate(&zlib_from_parts(&parts, Level::Font)), want);
        }
    }

    #[test]
    fn the_cache_returns_the_same_entry_for_the_same_bytes() {
        let a = cached(b"some constant font tables");
        let b = cached(b"some constant font tables");
        assert!(Arc::ptr_eq(&a, &b));
    }

    #[test]
    fn adler32_by_blocks_and_appended_matches_byte_by_byte() {
        let data: Vec<u8> = (0..20_000u32).map(|i| (i * 7919 % 256) as u8).collect();
        let reference = |d: &[u8]| {
            let (mut a, mut b) = (1u32, 0u32);
            for &x in d {
                a = (a + u32::from(x)) % MOD;
                b = (b + a) % MOD;
            }
            (b << 16) | a
        };
        let mut whole = Adler32::new();
        whole.update(&data);
        assert_eq!(whole.finish(), reference(&data));
        for split in [0, 1, 17, 5552, 12_345, 20_000] {
            let (head, tail) = data.split_at(split);
            let mut joined = Adler32::new();
            joined.update(head);
            joined.append(reference(tail), tail.len());
            assert_eq!(joined.finish(), reference(&data), "split at {split}");
        }
        let mut all_ff = Adler32::new();
        all_ff.update(&[0xFF; 100_000]);
        assert_eq!(all_ff.finish(), reference(&[0xFF; 100_000]));
    }

    #[test]
    fn adler32_matches_the_reference_value() {
        let mut a = Adler32::new();
        a.update(b"Wikipedia");
        assert_eq!(a.finish(), 0x11E6_0398);
    }
}
