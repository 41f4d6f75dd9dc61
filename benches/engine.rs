//! Engine benchmarks: one letter end to end (layout, PDF bytes, both), and batches of 1,000
//! letters on one and two threads, as `recours lot` would run them.
//!
//! Run with `cargo bench --bench engine`. The per-letter figures are wall-clock medians on an
//! otherwise idle machine; for CPU time per letter divide the batch time by 1,000 × threads.
//!
//! A thread remembers the long paragraphs it has set and the font subsets it has made, which
//! the letters of a batch share. The single-letter benchmarks forget them first (`cold`, what
//! `recours lettre` pays); the `in_batch` ones measure a letter after others like it.

use divan::counter::ItemsCount;
use divan::{Bencher, black_box};
use rayon::prelude::*;
use recours::letter::{Letter, Text};
use recours::typeset::{Fonts, PageGeometry, fixtures, layout};

fn main() {
    divan::main();
}

/// The one-page fixture with a different sender per letter, as in a batch.
fn batch_letter(i: usize) -> Letter {
    let mut letter = fixtures::one_page();
    letter.sender[0] = Text::plain(format!("Jeanne Lefèvre-Nguyễn n° {i}"));
    letter
}

/// Forgets what earlier letters left in this thread's memos.
fn cold() {
    recours::typeset::forget_paragraphs();
    recours::pdf::forget_faces();
}

#[divan::bench]
fn layout_one_page_cold(bencher: Bencher) {
    let letter = fixtures::one_page();
    let geometry = PageGeometry::default();
    let fonts = Fonts::charis();
    bencher.bench(|| {
        cold();
        layout(black_box(&letter), &geometry, fonts).unwrap()
    });
}

#[divan::bench]
fn layout_one_page_in_batch(bencher: Bencher) {
    let letter = fixtures::one_page();
    let geometry = PageGeometry::default();
    let fonts = Fonts::charis();
    bencher.bench(|| layout(black_box(&letter), &geometry, fonts).unwrap());
}

#[divan::bench]
fn pdf_one_page_cold(bencher: Bencher) {
    let fonts = Fonts::charis();
    let laid_out = layout(&fixtures::one_page(), &PageGeometry::default(), fonts).unwrap();
    bencher.bench(|| {
        cold();
        recours::pdf::write(black_box(&laid_out), fonts).unwrap()
    });
}

#[divan::bench]
fn pdf_one_page_in_batch(bencher: Bencher) {
    let fonts = Fonts::charis();
    let laid_out = layout(&fixtures::one_page(), &PageGeometry::default(), fonts).unwrap();
    bencher.bench(|| recours::pdf::write(black_box(&laid_out), fonts).unwrap());
}

#[divan::bench]
fn render_one_page_cold(bencher: Bencher) {
    let letter = fixtures::one_page();
    bencher.bench(|| {
        cold();
        recours::pdf::render(black_box(&letter)).unwrap()
    });
}

#[divan::bench]
fn render_three_pages_cold(bencher: Bencher) {
    let letter = fixtures::three_pages();
    bencher.bench(|| {
        cold();
        recours::pdf::render(black_box(&letter)).unwrap()
    });
}

/// 1,000 one-page letters rendered to PDF bytes on a pool of `threads` workers.
#[divan::bench(args = [1, 2], sample_count = 3, sample_size = 1)]
fn render_1000_letters(bencher: Bencher, threads: usize) {
    let letters: Vec<Letter> = (0..1000).map(batch_letter).collect();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(threads)
        .build()
        .unwrap();
    Fonts::charis();
    bencher.counter(ItemsCount::new(letters.len())).bench(|| {
        pool.install(|| {
            letters
                .par_iter()
                .map(|l| recours::pdf::render(l).unwrap().len())
                .sum::<usize>()
        })
    });
}
