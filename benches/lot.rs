//! Batch throughput: generated rows through `recours lot`'s pipeline (read, validate, route,
//! compute deadlines, compose, lay out, write PDF, report), on 1 and 2 threads.
//!
//! `cargo bench --bench lot`. Letters per second are shown as item throughput; the peak
//! resident memory of the whole process is printed at the end (from /proc/self/status).

use std::io::Write;
use std::path::{Path, PathBuf};

use divan::Bencher;
use divan::counter::ItemsCount;
use recours::batch::{self, Existing, Options};

fn main() {
    divan::main();
    if let Ok(status) = std::fs::read_to_string("/proc/self/status")
        && let Some(line) = status.lines().find(|l| l.starts_with("VmHWM"))
    {
        println!(
            "pic de mémoire du processus : {}",
            line.trim_start_matches("VmHWM:").trim()
        );
    }
}

const DEPARTEMENTS: [&str; 12] = [
    "01", "13", "2A", "29", "33", "59", "69", "75", "84", "93", "974", "976",
];
const NOMS: [&str; 8] = [
    "Martin", "Bernard", "N'Diaye", "Müller", "Nguyễn", "Lefèvre", "Dubois", "García",
];
const MOTIFS: [&str; 4] = ["premiere-demande", "renouvellement", "perte", "vol"];

/// A realistic spreadsheet of `rows` cases, varied enough to exercise every path.
fn generate(dir: &Path, rows: usize) -> PathBuf {
    let path = dir.join(format!("lot-{rows}.csv"));
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    writeln!(f, "recours,lettre.date,demandeur.civilite,demandeur.prenom,demandeur.nom,demandeur.adresse,demande.document,demande.motif,demande.depot,demande.departement,decision.date,decision.notification,decision.motif,lettre.arguments").unwrap();
    for i in 0..rows {
        writeln!(
            f,
            "gracieux,2026-11-27,{},Camille,{},{} rue des Lilas | 84300 Cavaillon,{},{},mairie,{},2026-10-15,2026-10-20,Pièces insuffisantes pour établir la nationalité française,{}",
            if i % 2 == 0 { "Madame" } else { "Monsieur" },
            NOMS[i % NOMS.len()],
            1 + i % 200,
            if i % 3 == 0 { "passeport" } else { "carte-identite" },
            MOTIFS[i % MOTIFS.len()],
            DEPARTEMENTS[i % DEPARTEMENTS.len()],
            if i % 2 == 0 { "doute-suffisant" } else { "motivation-insuffisante | doute-suffisant" },
        )
        .unwrap();
    }
    path
}

fn run(bencher: Bencher, rows: usize, jobs: usize) {
    let dir = tempfile::tempdir().unwrap();
    let input = generate(dir.path(), rows);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    bencher.counter(ItemsCount::new(rows)).bench_local(|| {
        let opts = Options {
            input: input.clone(),
            output: dir.path().join("sortie"),
            jobs,
            date: None,
            modeles: None,
            noms: batch::DEFAULT_PATTERN.to_string(),
            existing: Existing::Overwrite,
            assemble: None,
            progress: false,
        };
        let summary = batch::run(&opts, today).unwrap();
        assert_eq!(summary.written, rows);
        summary
    });
}

/// 10,000 letters, the target workload (at least 1,000 letters/s on 2 cores).
#[divan::bench(args = [1, 2], sample_count = 2, sample_size = 1)]
fn lot_10000(bencher: Bencher, jobs: usize) {
    run(bencher, 10_000, jobs);
}

/// 1,000 letters: memory must not grow with the row count.
#[divan::bench(args = [2], sample_count = 3, sample_size = 1)]
fn lot_1000(bencher: Bencher, jobs: usize) {
    run(bencher, 1_000, jobs);
}
