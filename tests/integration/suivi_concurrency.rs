//! `recours suivi` under concurrent writers and a kill: two processes writing at once lose
//! nothing, a kill -9 inside a write transaction leaves all or none of it. On both backends.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::harness::Workdir;
use crate::suivi::{EPOCH_2026_12_15, add, case_toml, count_cases, json, suivi};
use crate::suivi_bases::{TestBase, bases};

/// Writes a JSONL batch of `n` valid cases.
fn batch(w: &Workdir, name: &str, n: usize) -> std::path::PathBuf {
    let mut text = String::new();
    for i in 0..n {
        text.push_str(&format!(
            r#"{{"recours":"gracieux","demandeur":{{"prenom":"P{i}","nom":"N{name}","adresse":["1 rue A","84300 Cavaillon"]}},"demande":{{"document":"passeport","motif":"renouvellement","depot":"mairie","departement":"84"}},"decision":{{"date":"2026-10-20","motif":"Pièces insuffisantes, {}"}}}}"#,
            "x".repeat(400)
        ));
        text.push('\n');
    }
    w.file(&format!("{name}.jsonl"), text)
}

fn spawn(w: &Workdir, b: &TestBase, args: &[&str]) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_recours"))
        .args(["suivi", "--base", &b.arg])
        .args(args)
        .current_dir(w.path())
        .env_clear()
        .env("SOURCE_DATE_EPOCH", EPOCH_2026_12_15)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn recours")
}

#[test]
fn suivi_two_processes_writing_at_once_lose_nothing() {
    let w = Workdir::new();
    for b in bases(&w, "concurrent") {
        let id = add(
            &w,
            &b,
            "a.toml",
            &case_toml("Camille", "Martin", "2026-10-20"),
        );
        let (one, two) = (batch(&w, "un", 300), batch(&w, "deux", 300));
        // Two big transactions at once, and two streams of single events meanwhile.
        let mut adders = [
            spawn(&w, &b, &["ajoute", one.to_str().unwrap()]),
            spawn(&w, &b, &["ajoute", two.to_str().unwrap()]),
        ];
        std::thread::scope(|s| {
            for _ in 0..2 {
                s.spawn(|| {
                    for _ in 0..12 {
                        let child = spawn(
                            &w,
                            &b,
                            &["evenement", &id.to_string(), "reponse", "2026-12-01"],
                        );
                        let out = child.wait_with_output().unwrap();
                        assert!(
                            out.status.success(),
                            "{}",
                            String::from_utf8_lossy(&out.stderr)
                        );
                    }
                });
            }
        });
        for a in &mut adders {
            assert!(a.wait().unwrap().success(), "{}", b.kind);
        }
        assert_eq!(count_cases(&w, &b), 601, "{}", b.kind);
        let v = json(&suivi(&w, &b, &["montre", &id.to_string(), "--json"]));
        assert_eq!(v["evenements"].as_array().unwrap().len(), 24, "{}", b.kind);
    }
}

#[test]
fn suivi_kill_during_a_write_leaves_all_or_nothing() {
    let w = Workdir::new();
    for b in bases(&w, "kill") {
        add(
            &w,
            &b,
            "a.toml",
            &case_toml("Camille", "Martin", "2026-10-20"),
        );
        let big = batch(&w, "gros", 4000);
        let mut killed_mid_write = false;
        let mut child = spawn(&w, &b, &["ajoute", big.to_str().unwrap()]);
        let started = Instant::now();
        // Wait until the transaction is writing rows, then kill -9.
        loop {
            if child.try_wait().unwrap().is_some() {
                break;
            }
            if writing(&b) {
                child.kill().unwrap();
                killed_mid_write = true;
                break;
            }
            assert!(
                started.elapsed() < Duration::from_secs(120),
                "never saw the write"
            );
            std::thread::sleep(Duration::from_millis(2));
        }
        child.wait().unwrap();
        assert!(
            killed_mid_write,
            "{}: the batch finished before the kill",
            b.kind
        );
        let n = count_cases(&w, &b);
        eprintln!("{}: {n} case(s) after the kill", b.kind);
        // Killed inside its transaction: none of the batch; a kill that landed between the
        // commit and the exit would leave all of it. Never part.
        assert!(
            n == 1 || n == 4001,
            "{}: {n} cases, half a batch after a kill",
            b.kind
        );
        // The store still works, and the batch can be run again whole.
        suivi(&w, &b, &["ajoute", big.to_str().unwrap()]).expect_code(0);
        assert_eq!(count_cases(&w, &b), 4001, "{}", b.kind);
    }
}

/// Whether an `ajoute` is inside its write transaction: SQLite's write lock is taken (the
/// probe does not wait), or PostgreSQL shows the session inserting.
fn writing(b: &TestBase) -> bool {
    match b.pg_client() {
        None => {
            let Ok(c) = rusqlite::Connection::open(&b.arg) else {
                return false;
            };
            // rusqlite waits 5 s for a lock by default: the probe must not.
            c.busy_timeout(Duration::ZERO).unwrap();
            match c.execute_batch("BEGIN IMMEDIATE; ROLLBACK;") {
                Ok(()) => false,
                Err(e) => e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy),
            }
        }
        Some(mut c) => c
            .query_one(
                "SELECT count(*) FROM pg_stat_activity
                 WHERE application_name = 'recours suivi'
                   AND state IN ('active', 'idle in transaction')
                   AND query LIKE 'INSERT INTO dossiers%'",
                &[],
            )
            .map(|r| r.get::<_, i64>(0) > 0)
            .unwrap_or(false),
    }
}

#[test]
fn suivi_first_opens_at_once_create_the_schema_once() {
    let w = Workdir::new();
    for b in bases(&w, "first") {
        // A new base opened by four processes at the same moment: one creates the schema
        // (SQLite's write lock, PostgreSQL's advisory lock), the others wait and find it.
        let children: Vec<_> = (0..4)
            .map(|_| spawn(&w, &b, &["echeances", "--json"]))
            .collect();
        for c in children {
            let out = c.wait_with_output().unwrap();
            assert!(
                out.status.success(),
                "{}: {}",
                b.kind,
                String::from_utf8_lossy(&out.stderr)
            );
        }
        assert_eq!(count_cases(&w, &b), 0);
        add(
            &w,
            &b,
            "a.toml",
            &case_toml("Camille", "Martin", "2026-10-20"),
        );
        assert_eq!(count_cases(&w, &b), 1);
    }
}
