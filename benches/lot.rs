//! Batch throughput: generated rows through `recours lot`'s pipeline (read, validate, route,
//! compute deadlines, compose, lay out, write PDF, report), on 1 and 2 threads.
//!
//! `cargo bench --bench lot`. Letters per second are shown as item throughput; the peak
//! resident memory of the whole process is printed at the end (from /proc/self/status).
//!
//! `RECOURS_BENCH_MEMOIRE=1 cargo bench --bench lot` measures instead the peak memory of the
//! `recours` binary itself running `lot` and `lot --assemble` over 10,000 and 100,000 rows
//! (it writes about 3.5 GB per 100,000 letters; `RECOURS_BENCH_DOSSIER` says where).
//! `RECOURS_BENCH_BINAIRE` measures another build of the binary (an older one, to compare).

use std::io::Write;
use std::path::{Path, PathBuf};

use divan::Bencher;
use divan::counter::ItemsCount;
use recours::batch::{self, Existing, Options};

fn main() {
    if std::env::var_os("RECOURS_BENCH_MEMOIRE").is_some() {
        peak_memory();
        return;
    }
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

/// Where the cases were filed: postcode, town, département.
const COMMUNES: [(&str, &str, &str); 12] = [
    ("01000", "Bourg-en-Bresse", "01"),
    ("13001", "Marseille", "13"),
    ("20000", "Ajaccio", "2A"),
    ("29200", "Brest", "29"),
    ("33000", "Bordeaux", "33"),
    ("59000", "Lille", "59"),
    ("69003", "Lyon", "69"),
    ("75011", "Paris", "75"),
    ("84300", "Cavaillon", "84"),
    ("93200", "Saint-Denis", "93"),
    ("97400", "Saint-Denis", "974"),
    ("97600", "Mamoudzou", "976"),
];
/// Names as an association's spreadsheet has them: French, accented, and from elsewhere.
/// Their letters vary the glyphs each letter embeds, so the subsets a thread reuses (see
/// `pdf::recent`) are not flattered by repetitive rows.
const PRENOMS: [&str; 24] = [
    "Camille",
    "Léa",
    "Maëlle",
    "Anaïs",
    "Hélène",
    "Éloïse",
    "Françoise",
    "Jérôme",
    "Gaëtan",
    "Loïc",
    "Benoît",
    "Raphaël",
    "Kévin",
    "Yasmine",
    "Fatoumata",
    "Mamadou",
    "Aïcha",
    "Zoë",
    "Björn",
    "Ángel",
    "Iñès",
    "Wassim",
    "Xavier",
    "Œlvia",
];
const NOMS: [&str; 24] = [
    "Martin",
    "Bernard",
    "N'Diaye",
    "Müller",
    "Nguyễn",
    "Lefèvre",
    "Dubois",
    "García",
    "Traoré",
    "Kéita",
    "Ben Saïd",
    "El Amrani",
    "Schäfer",
    "Łukasiewicz",
    "Ødegaard",
    "Yılmaz",
    "Würtz",
    "Kowalski",
    "Hoàng",
    "Quéré",
    "Le Goff",
    "Kerhervé",
    "Zidane",
    "Petit",
];
const RUES: [&str; 8] = [
    "rue des Lilas",
    "avenue Jean-Jaurès",
    "boulevard de l'Yser",
    "impasse du Château-d'Eau",
    "rue Émile-Zola",
    "chemin des Écoliers",
    "quai Voltaire",
    "rue Xavier-Bichat",
];
const MOTIFS: [&str; 4] = ["premiere-demande", "renouvellement", "perte", "vol"];
const DECISIONS: [&str; 3] = [
    "Pièces insuffisantes pour établir la nationalité française",
    "Défaut de justificatif de domicile",
    "Doute sur l'identité du demandeur",
];

/// The `n`-th number of a fixed pseudo-random sequence (splitmix64): the same rows on every
/// run, drawn independently for each column.
fn draw(n: u64) -> usize {
    let mut z = n.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    (z ^ (z >> 31)) as usize
}

/// A realistic spreadsheet of `rows` cases, varied enough to exercise every path, each
/// column drawn independently.
fn generate(dir: &Path, rows: usize) -> PathBuf {
    let path = dir.join(format!("lot-{rows}.csv"));
    let mut f = std::io::BufWriter::new(std::fs::File::create(&path).unwrap());
    let pick = |i: usize, column: u64, len: usize| draw(i as u64 * 16 + column) % len;
    writeln!(f, "recours,lettre.date,demandeur.civilite,demandeur.prenom,demandeur.nom,demandeur.adresse,demande.document,demande.motif,demande.depot,demande.departement,decision.date,decision.notification,decision.motif,lettre.arguments").unwrap();
    for i in 0..rows {
        let (cp, ville, departement) = COMMUNES[pick(i, 0, COMMUNES.len())];
        writeln!(
            f,
            "gracieux,2026-11-27,{},{},{},{} {} | {cp} {ville},{},{},mairie,{departement},2026-10-{},2026-10-{},{},{}",
            if i % 2 == 0 { "Madame" } else { "Monsieur" },
            PRENOMS[pick(i, 1, PRENOMS.len())],
            NOMS[pick(i, 2, NOMS.len())],
            1 + pick(i, 3, 250),
            RUES[pick(i, 4, RUES.len())],
            if i % 3 == 0 { "passeport" } else { "carte-identite" },
            MOTIFS[i % MOTIFS.len()],
            10 + pick(i, 5, 10),
            20 + pick(i, 6, 9),
            DECISIONS[pick(i, 7, DECISIONS.len())],
            if i % 2 == 0 { "doute-suffisant" } else { "motivation-insuffisante | doute-suffisant" },
        )
        .unwrap();
    }
    path
}

/// Each sample writes into a new folder, as a first run does; the folder is removed after
/// the timing. The folders are made in `RECOURS_BENCH_DOSSIER` if set (a tmpfs such as
/// `/dev/shm` takes the disk out of the figure), else in the system's temporary folder.
fn run(bencher: Bencher, rows: usize, jobs: usize) {
    let dir = match std::env::var_os("RECOURS_BENCH_DOSSIER") {
        Some(base) => tempfile::tempdir_in(base).unwrap(),
        None => tempfile::tempdir().unwrap(),
    };
    let input = generate(dir.path(), rows);
    let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
    bencher
        .counter(ItemsCount::new(rows))
        .with_inputs(|| tempfile::tempdir_in(dir.path()).unwrap())
        .bench_local_values(|sortie| {
            let opts = Options {
                input: input.clone(),
                output: sortie.path().join("sortie"),
                jobs,
                date: None,
                modeles: None,
                noms: batch::DEFAULT_PATTERN.to_string(),
                existing: Existing::Refuse,
                assemble: None,
                progress: false,
            };
            let summary = batch::run(&opts, today).unwrap();
            assert_eq!(summary.written, rows);
            (summary, sortie)
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

/// Peak resident memory of `recours lot` (and `--assemble`) at 10,000 and 100,000 rows: it
/// must stay flat (under 60 MB) whatever the number of rows (issue 14, item 8).
fn peak_memory() {
    let binary = std::env::var_os("RECOURS_BENCH_BINAIRE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_BIN_EXE_recours")));
    let dir = match std::env::var_os("RECOURS_BENCH_DOSSIER") {
        Some(base) => tempfile::tempdir_in(base).unwrap(),
        None => tempfile::tempdir().unwrap(),
    };
    // `RECOURS_BENCH_ASSEMBLE_MAX` skips `--assemble` above that many rows (an old build
    // held every page: about 11 GB at 100,000 letters).
    let assemble_max: usize = std::env::var("RECOURS_BENCH_ASSEMBLE_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(usize::MAX);
    for rows in [10_000, 100_000] {
        let input = generate(dir.path(), rows);
        for assemble in [false, true] {
            if assemble && rows > assemble_max {
                continue;
            }
            let out = dir.path().join(format!("sortie-{rows}-{assemble}"));
            let mut cmd = std::process::Command::new(&binary);
            cmd.arg("lot")
                .arg(&input)
                .arg("-o")
                .arg(&out)
                .args(["--jobs", "2", "-q"])
                .env("SOURCE_DATE_EPOCH", "1795780800")
                .stderr(std::process::Stdio::null());
            if assemble {
                cmd.arg("--assemble").arg(dir.path().join("tout.pdf"));
            }
            let started = std::time::Instant::now();
            let mut child = cmd.spawn().unwrap();
            let status = format!("/proc/{}/status", child.id());
            let mut peak_kb = 0u64;
            let code = loop {
                if let Ok(text) = std::fs::read_to_string(&status)
                    && let Some(kb) = text
                        .lines()
                        .find(|l| l.starts_with("VmHWM:"))
                        .and_then(|l| l.split_whitespace().nth(1))
                        .and_then(|v| v.parse::<u64>().ok())
                {
                    peak_kb = peak_kb.max(kb);
                }
                if let Some(code) = child.try_wait().unwrap() {
                    break code;
                }
                std::thread::sleep(std::time::Duration::from_millis(5));
            };
            println!(
                "lot{} {rows} lignes : pic de mémoire {:.1} Mo ({:.0} s, sortie {code})",
                if assemble { " --assemble" } else { "" },
                peak_kb as f64 / 1024.0,
                started.elapsed().as_secs_f64()
            );
            let _ = std::fs::remove_dir_all(&out);
            let _ = std::fs::remove_file(dir.path().join("tout.pdf"));
        }
    }
}
