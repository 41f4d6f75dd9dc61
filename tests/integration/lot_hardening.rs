//! `recours lot` against what a hurried user or an attacker does (issue 14): nothing lost,
//! nothing overwritten, every line of the table accounted for.

use std::path::Path;

use crate::harness::Workdir;

const HEADER: &str = "recours,lettre.date,demandeur.prenom,demandeur.nom,demandeur.adresse,demande.document,demande.motif,demande.depot,demande.departement,decision.date,decision.motif";

fn row(prenom: &str, nom: &str, decision_date: &str) -> String {
    format!(
        "gracieux,2026-11-27,{prenom},{nom},12 rue des Lilas | 84300 Cavaillon,carte-identite,renouvellement,mairie,84,{decision_date},Pièces insuffisantes"
    )
}

/// A header and `n` good rows (Martin0…), joined with `eol`.
fn table(n: usize, eol: &str) -> String {
    let mut lines = vec![HEADER.to_string()];
    lines.extend((0..n).map(|i| row("Camille", &format!("Martin{i}"), "2026-10-15")));
    lines.join(eol) + eol
}

fn report(dir: &Path) -> Vec<Vec<String>> {
    let mut r = csv::Reader::from_path(dir.join("rapport.csv")).unwrap();
    r.records()
        .map(|rec| rec.unwrap().iter().map(str::to_string).collect())
        .collect()
}

fn files(dir: &Path) -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(dir)
        .map(|d| {
            d.map(|e| e.unwrap().file_name().into_string().unwrap())
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// Item 2: a folder named like a batch made `lot` loop forever, filling the disk.
#[test]
fn a_folder_named_like_a_table_is_refused_at_once() {
    let w = Workdir::new();
    std::fs::create_dir(w.path().join("d.jsonl")).unwrap();
    let r = w.run(&["lot", "d.jsonl", "-o", "out"]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("« d.jsonl » est un dossier"),
        "{}",
        r.stderr
    );
    assert!(!w.path().join("out").join("rapport.csv").exists());
}

/// Item 3: an unclosed quote swallowed every row after it, with one misleading error.
#[test]
fn an_unclosed_quote_refuses_the_whole_table_naming_its_line() {
    let w = Workdir::new();
    let text = table(100, "\n").replace("Camille,Martin9,", "\"Camille,Martin9,");
    w.file("t.csv", text);
    let r = w.run(&["lot", "t.csv", "-o", "out"]);
    r.expect_code(2);
    assert!(
        r.stderr
            .contains("le guillemet ouvert ligne 11 n'est jamais fermé"),
        "{}",
        r.stderr
    );
    assert!(files(&w.path().join("out")).is_empty());
}

/// Item 3: a quote closed many lines later joins those lines into one row; the report says
/// which lines it took, so none vanishes unseen.
#[test]
fn a_quote_closed_lines_later_is_reported_with_every_line_it_took() {
    let w = Workdir::new();
    let text = table(6, "\n")
        .replace("Camille,Martin1,", "\"Camille,Martin1,")
        .replace("Camille,Martin3,", "Camille\",Martin3,");
    w.file("t.csv", text);
    let r = w.run(&["lot", "t.csv", "-o", "out"]);
    r.expect_code(3);
    let rows = report(&w.path().join("out"));
    let lines: Vec<&str> = rows.iter().map(|r| r[0].as_str()).collect();
    assert_eq!(lines, ["2", "3", "6", "7"]);
    assert!(
        rows[1][6].contains("les lignes 3 à 5 du fichier ont été lues comme une seule"),
        "{}",
        rows[1][6]
    );
}

/// Item 4: Excel's CRLF export shifted row numbers and named files after the wrong row.
#[test]
fn crlf_rows_are_numbered_by_their_physical_line() {
    let w = Workdir::new();
    w.file("t.csv", table(4, "\r\n"));
    w.run(&["lot", "t.csv", "-o", "out"]).expect_code(0);
    let rows = report(&w.path().join("out"));
    let got: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        got,
        [
            ("2", "00002-martin0.pdf"),
            ("3", "00003-martin1.pdf"),
            ("4", "00004-martin2.pdf"),
            ("5", "00005-martin3.pdf")
        ]
    );
    assert_eq!(rows[3][7], "Camille Martin3");
}

/// Item 5: outputs that overwrite inputs all exited 0 and destroyed data.
#[test]
fn outputs_that_would_overwrite_an_input_are_refused() {
    let w = Workdir::new();
    let case = w.file("x.toml", crate::harness::base_case());
    let r = w.run(&["lettre", "x.toml", "-o", "x.toml"]);
    r.expect_code(2);
    assert!(r.stderr.contains("il serait écrasé"), "{}", r.stderr);
    assert_eq!(
        std::fs::read_to_string(&case).unwrap(),
        crate::harness::base_case()
    );
    w.run(&["explique", "x.toml", "--ics", "./x.toml"])
        .expect_code(2);

    let text = table(3, "\n");
    w.file("t.csv", &text);
    for target in ["t.csv", "d/rapport.csv"] {
        let r = w.run(&["lot", "t.csv", "-o", "d", "--assemble", target, "--force"]);
        r.expect_code(2);
        assert!(
            r.stderr.contains("il serait écrasé"),
            "{target}: {}",
            r.stderr
        );
    }
    assert_eq!(
        std::fs::read_to_string(w.path().join("t.csv")).unwrap(),
        text
    );
    // Onto one of the batch's own letters: the letter takes another name.
    let r = w.run(&[
        "lot",
        "t.csv",
        "-o",
        "d",
        "--assemble",
        "d/00002-martin0.pdf",
    ]);
    r.expect_code(0);
    let rows = report(&w.path().join("d"));
    assert_eq!(rows[0][2], "00002-martin0-00002.pdf");
    let assembled = std::fs::read(w.path().join("d/00002-martin0.pdf")).unwrap();
    let one = std::fs::read(w.path().join("d/00002-martin0-00002.pdf")).unwrap();
    assert!(
        assembled.len() > 2 * one.len(),
        "the assembled file holds three letters"
    );
    assert!(r.stderr.contains("lettres assemblées"), "{}", r.stderr);
}

/// Item 7: two batches into one folder deleted each other's files.
#[test]
fn a_second_batch_into_a_busy_folder_is_refused() {
    let w = Workdir::new();
    w.file("t.csv", table(2, "\n"));
    std::fs::create_dir(w.path().join("out")).unwrap();
    let folder = std::fs::File::open(w.path().join("out")).unwrap();
    folder.try_lock().unwrap();
    let r = w.run(&["lot", "t.csv", "-o", "out"]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("écrit déjà dans le dossier"),
        "{}",
        r.stderr
    );
    folder.unlock().unwrap();
    w.run(&["lot", "t.csv", "-o", "out"]).expect_code(0);
}

/// Items 7 and 11: after an interruption the report is there; `--reprendre` redoes what is
/// missing, cut short or changed, and keeps the rest with its warnings.
#[test]
fn an_interrupted_batch_resumes_only_what_is_missing_cut_or_changed() {
    let w = Workdir::new();
    w.file("t.csv", table(5, "\n"));
    w.run(&["lot", "t.csv", "-o", "out"]).expect_code(0);
    let out = w.path().join("out");
    // As after kill -9 during row 6 (line 6): rows up to line 5 reported, one PDF cut short.
    let text = std::fs::read_to_string(out.join("rapport.csv")).unwrap();
    let kept: Vec<&str> = text.lines().take(5).collect();
    std::fs::write(out.join("rapport.csv"), kept.join("\n") + "\n").unwrap();
    let pdf = std::fs::read(out.join("00003-martin1.pdf")).unwrap();
    std::fs::write(out.join("00003-martin1.pdf"), &pdf[..pdf.len() / 2]).unwrap();
    // And the person on line 4 was corrected in the table meanwhile.
    w.file(
        "t.csv",
        table(5, "\n").replace("Martin2,12 rue des Lilas", "Martin2,14 rue des Lilas"),
    );
    let r = w.run(&["lot", "t.csv", "-o", "out"]);
    r.expect_code(2);
    assert!(r.stderr.contains("--reprendre"), "{}", r.stderr);
    let r = w.run(&["lot", "t.csv", "-o", "out", "--reprendre"]);
    r.expect_code(0);
    let rows = report(&out);
    let what: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| (r[0].as_str(), r[9].as_str()))
        .collect();
    assert_eq!(
        what,
        [
            ("2", "déjà à jour"),
            ("3", "écrite"),
            ("4", "écrite"),
            ("5", "déjà à jour"),
            ("6", "écrite")
        ]
    );
    assert!(rows[0][6].starts_with("adresse probable"), "{:?}", rows[0]);
    assert!(
        r.stderr.contains("3 lettre(s) écrite(s), 2 déjà à jour"),
        "{}",
        r.stderr
    );
    assert_eq!(std::fs::read(out.join("00003-martin1.pdf")).unwrap(), pdf);
    let hidden: Vec<String> = files(&out)
        .into_iter()
        .filter(|n| n.starts_with('.'))
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
}

/// Item 10: a letter that cannot be written (here a folder in its place; in the field, a
/// full disk) stopped nothing: one error per remaining row and exit 3. It is exit 1, at once.
#[test]
fn a_letter_that_cannot_be_written_stops_the_batch_with_exit_1() {
    let w = Workdir::new();
    w.file("t.csv", table(20, "\n"));
    std::fs::create_dir_all(w.path().join("out/00004-martin2.pdf")).unwrap();
    let r = w.run(&["lot", "t.csv", "-o", "out", "--jobs", "1"]);
    r.expect_code(1);
    assert!(
        r.stderr.contains("impossible d'écrire la lettre")
            && r.stderr.contains("00004-martin2.pdf"),
        "{}",
        r.stderr
    );
    let rows = report(&w.path().join("out"));
    assert_eq!(rows.len(), 2, "the rows before are reported: {rows:?}");
}

/// Items 9 and 11: Excel's Windows-1252 CSV, French dates, an extra column.
#[test]
fn a_spreadsheet_as_it_comes_windows_1252_french_dates_and_notes() {
    let w = Workdir::new();
    let text = table(3, "\r\n")
        .replace(HEADER, &format!("{HEADER},notes"))
        .replace(
            "2026-10-15,Pièces insuffisantes",
            "15/10/2026,Pièces insuffisantes,à rappeler",
        )
        .replace("Camille", "Hélène");
    let bytes: Vec<u8> = text
        .chars()
        .map(|c| match c {
            'è' => 0xE8,
            'é' => 0xE9,
            'à' => 0xE0,
            c if c.is_ascii() => c as u8,
            c => panic!("{c}"),
        })
        .collect();
    w.file("excel.csv", bytes);
    let r = w.run(&["lot", "excel.csv", "-o", "out"]);
    r.expect_code(0);
    assert!(
        r.stderr.contains("encodage du tableau : Windows-1252"),
        "{}",
        r.stderr
    );
    assert_eq!(
        r.stderr.matches("colonne « notes » ignorée").count(),
        1,
        "{}",
        r.stderr
    );
    let rows = report(&w.path().join("out"));
    assert_eq!(rows.len(), 3);
    assert_eq!(rows[0][7], "Hélène Martin0");
    assert_eq!(rows[0][5], "2026-12-16", "15/10/2026 read as 2026-10-15");
}

/// Item 11: an accented key, a workbook.
#[test]
fn an_accented_key_or_a_workbook_gets_advice() {
    let w = Workdir::new();
    w.file(
        "t.csv",
        table(1, "\n").replace("demande.departement", "département"),
    );
    let r = w.run(&["lot", "t.csv", "-o", "out"]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("les clés s'écrivent sans accents")
            && r.stderr.contains("« demande.departement »"),
        "{}",
        r.stderr
    );
    w.file("t.xlsx", b"PK\x03\x04");
    for cmd in ["lot", "verifie"] {
        let r = w.run(&[cmd, "t.xlsx", "-o", "out"][..if cmd == "lot" { 4 } else { 2 }]);
        r.expect_code(2);
        assert!(
            r.stderr.contains("enregistrez-le en CSV"),
            "{cmd}: {}",
            r.stderr
        );
    }
}

/// Item 7, for real: `kill -9` in the middle of a batch left no `rapport.csv`, only a hidden
/// temporary file, and a plain rerun silently redid everything.
#[cfg(unix)]
#[test]
fn a_batch_killed_mid_way_leaves_a_readable_report_and_resumes() {
    let w = Workdir::new();
    w.file("t.csv", table(400, "\n"));
    let out = w.path().join("out");
    let mut child = std::process::Command::new(crate::harness::binary())
        .args(["lot", "t.csv", "-o", "out", "--jobs", "1", "-q"])
        .current_dir(w.path())
        .env_clear()
        .env("SOURCE_DATE_EPOCH", crate::harness::EPOCH_2026_11_27)
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    loop {
        let lines = std::fs::read_to_string(out.join("rapport.csv"))
            .map(|t| t.lines().count())
            .unwrap_or(0);
        if lines > 5 || started.elapsed().as_secs() > 60 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    child.kill().unwrap(); // SIGKILL
    let status = child.wait().unwrap();
    let done = report(&out);
    assert!(
        !status.success() && !done.is_empty() && done.len() < 400,
        "killed after {} rows",
        done.len()
    );
    assert!(done.iter().all(|r| r[1] == "ok"), "{done:?}");
    let r = w.run(&["lot", "t.csv", "-o", "out"]);
    r.expect_code(2);
    let r = w.run(&["lot", "t.csv", "-o", "out", "--reprendre", "--jobs", "2"]);
    r.expect_code(0);
    let all = report(&out);
    assert_eq!(all.len(), 400);
    let kept = all.iter().filter(|r| r[9] == "déjà à jour").count();
    assert!(kept >= done.len() - 1, "kept {kept} of {} done", done.len());
}
