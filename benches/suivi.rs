//! `recours suivi echeances` over a caseload of 100,000 cases on SQLite: read every case and
//! its events, recompute its deadlines from them, pick its next step, sort, and write the
//! JSON list (to nowhere).
//!
//! `cargo bench --bench suivi`. The caseload is built once in a temporary folder (a third of
//! the cases still to send, a third received, a third rejected, with varied notification
//! dates); each sample opens the store as the command does. After the samples, the memory one
//! `echeances` run adds is printed (the peak is reset through `/proc/self/clear_refs`, and the
//! resident size left by the setup subtracted). The real command's own peak is measured with
//! `/usr/bin/time -f %M recours suivi echeances --json` (see README).

use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use std::time::Instant;

use chrono::{Days, NaiveDate};
use recours::case::{Format, LetterKind};
use recours::followup::{self, BaseFacts};
use recours::store::{self, Base, NewCase};

const CASES: usize = 100_000;

/// Set in the child process that builds the caseload, so that the benchmark's own process
/// never holds it and its peak memory is the command's.
const BUILD_VAR: &str = "RECOURS_BENCH_SUIVI_CONSTRUIRE";

fn main() {
    if let Some(path) = std::env::var_os(BUILD_VAR) {
        build(Path::new(&path));
        return;
    }
    let path = caseload();
    divan::main();
    if let Ok(status) = std::fs::read_to_string("/proc/self/status")
        && let Some(line) = status.lines().find(|l| l.starts_with("VmHWM"))
    {
        println!(
            "pic de mémoire du processus (echeances sur {CASES} dossiers) : {}",
            line.trim_start_matches("VmHWM:").trim()
        );
    }
    if let Some(dir) = path.parent() {
        let _ = std::fs::remove_dir_all(dir);
    }
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn echeances_100k() -> usize {
    echeances(caseload())
}

fn as_of() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 15).unwrap()
}

/// What `recours suivi echeances --json` does, writing to nowhere instead of the terminal.
fn echeances(path: &Path) -> usize {
    let mut store = store::open(&Base::Sqlite(path.to_path_buf())).expect("open the caseload");
    let list = followup::agenda(store.as_mut(), as_of(), None).expect("read the caseload");
    let mut out = std::io::BufWriter::new(std::io::sink());
    followup::write_agenda_json(&list, as_of(), None, &mut out).unwrap();
    list.len()
}

/// The caseload, built once by a child process in a temporary folder.
fn caseload() -> &'static PathBuf {
    static PATH: OnceLock<PathBuf> = OnceLock::new();
    PATH.get_or_init(|| {
        let dir = tempfile::tempdir().unwrap().keep();
        let path = dir.join("suivi.sqlite");
        let status = std::process::Command::new(std::env::current_exe().unwrap())
            .env(BUILD_VAR, &path)
            .status()
            .expect("run the caseload builder");
        assert!(status.success(), "building the caseload failed");
        path
    })
}

/// Builds the caseload: cases through the store's API, their events in one transaction (one
/// transaction per event, as the command does, would only time fsync).
fn build(path: &Path) {
    let started = Instant::now();
    let mut store = store::open(&Base::Sqlite(path.to_path_buf())).unwrap();
    let text = include_str!("../tests/fixtures/cases/cavaillon.toml");
    let first = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let cases: Vec<NewCase> = (0..CASES)
        .map(|i| {
            let notification = first + Days::new((i % 180) as u64);
            NewCase {
                nom: format!("Personne {i}"),
                recours: LetterKind::Gracieux,
                source: format!("lot.csv, ligne {}", i + 2),
                format: Format::Toml,
                cas: format!("{text}# ligne {}\n", i + 2),
                empreinte: format!("bench-{i}"),
                faits: BaseFacts {
                    notification: Some(notification),
                    voies_mentionnees: true,
                    reside_a_l_etranger: i % 10 == 0,
                    recours_gracieux: None,
                    recours_hierarchique: None,
                    demande_motifs: None,
                }
                .to_json(),
                ajoute_le: notification,
            }
        })
        .collect();
    let ids = store.add_cases(&cases).unwrap();
    drop(store);
    let mut conn = rusqlite::Connection::open(path).unwrap();
    let tx = conn.transaction().unwrap();
    {
        let mut insert = tx
            .prepare(
                "INSERT INTO evenements (dossier, type, recours, date, enregistre_le)
                 VALUES (?1, ?2, 'gracieux', ?3, ?3)",
            )
            .unwrap();
        for (i, (id, c)) in ids.iter().zip(&cases).enumerate() {
            let day = |n: u64| recours::deadlines::model::iso(c.ajoute_le + Days::new(n));
            let events: &[(&str, u64)] = match i % 3 {
                0 => &[],
                1 => &[("envoi", 10), ("reception", 13)],
                _ => &[("envoi", 10), ("reception", 13), ("rejet", 40)],
            };
            for (kind, after) in events {
                insert
                    .execute(rusqlite::params![id.id.0, kind, day(*after)])
                    .unwrap();
            }
        }
    }
    tx.commit().unwrap();
    let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
    println!(
        "caseload: {CASES} dossiers, {:.0} Mo, construit en {:.1} s",
        size as f64 / 1e6,
        started.elapsed().as_secs_f64()
    );
}
