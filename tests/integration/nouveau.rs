//! `recours nouveau`: the questionnaire in the terminal, with answers from standard input and
//! in a real pseudo-terminal.

use std::io::Write;
use std::process::{Command, Stdio};

use super::harness::{EPOCH_2026_11_27, Workdir};

/// The Cavaillon case, one line per question asked (an empty line keeps the proposal).
const REPONSES: &[&str] = &[
    "",
    "",
    "",
    "",
    "84",
    "",
    "Cavaillon",
    "",
    "", // letter, application
    "2026-10-15",
    "2026-10-20",
    "Nationalité non établie",
    "CERT-84-2026-1234",
    "oui",
    "", // decision
    "1",
    "Camille",
    "Martin",
    "12 rue des Lilas | 84300 Cavaillon",
    "non",
    "",
    "",
    "",
    "", // writer
    "non",
    "non",
    "non", // no child, no addressee copied, no arguments
    "2026-11-27",
    "",
    "",
    "",    // date and sending
    "oui", // write
];

fn nouveau(w: &Workdir, input: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_recours"))
        .arg("nouveau")
        .current_dir(w.path())
        .env_clear()
        .env("SOURCE_DATE_EPOCH", EPOCH_2026_11_27)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

#[test]
fn answers_on_standard_input_write_the_case_file_the_letter_and_the_explanation() {
    let w = Workdir::new();
    let (code, stdout, stderr) = nouveau(&w, &(REPONSES.join("\n") + "\n"));
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("== Résumé =="), "{stderr}");
    assert!(stderr.contains("dossier écrit : dossier.toml ; lettre écrite : dossier.pdf"));
    let pdf = std::fs::read(w.path().join("dossier.pdf")).unwrap();
    let explique = w.run(&["explique", "dossier.toml"]);
    assert_eq!(
        stdout,
        explique.expect_code(0).stdout,
        "prints what explique would"
    );
    w.run(&["lettre", "dossier.toml", "-o", "again.pdf"])
        .expect_code(0);
    assert!(
        pdf == std::fs::read(w.path().join("again.pdf")).unwrap(),
        "same letter"
    );
    // A second run does not overwrite the person's file.
    let (code, _, stderr) = nouveau(&w, "");
    assert_eq!(code, 2);
    assert!(stderr.contains("« dossier.toml » existe déjà"), "{stderr}");
}

#[test]
fn a_refused_answer_names_the_question_the_key_and_the_case_files_message() {
    let w = Workdir::new();
    let mut lines = REPONSES.to_vec();
    lines[4] = "99";
    let (code, _, stderr) = nouveau(&w, &(lines.join("\n") + "\n"));
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(
            "réponse 5 (« 99 ») refusée pour « Département de la mairie » \
             (demande.departement) : le département « 99 » n'existe pas"
        ),
        "{stderr}"
    );
    assert!(
        !w.path().join("dossier.toml").exists(),
        "nothing half-written"
    );
}

#[test]
fn in_a_pseudo_terminal_choices_take_arrows_or_numbers() {
    let w = Workdir::new();
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_recours"));
    cmd.arg("nouveau")
        .current_dir(w.path())
        .env_clear()
        .env("SOURCE_DATE_EPOCH", EPOCH_2026_11_27)
        .env("TERM", "xterm");
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000)).expect("a pseudo-terminal");
    // rexpect decodes the terminal byte by byte (Latin-1): the needles are ASCII fragments.
    let enter = "\n";
    let down = "\x1b[B";
    p.exp_string("Quelle lettre ").unwrap();
    p.send(enter).unwrap();
    p.exp_string("Quel document avez-vous").unwrap();
    p.send("2").unwrap(); // by number: « 2. Passeport »
    p.send(enter).unwrap();
    p.exp_string("Pour quelle raison").unwrap();
    p.send(down).unwrap(); // by arrow: from « Renouvellement » to « Perte »
    p.send(enter).unwrap();
    p.exp_string("avez-vous d").unwrap();
    p.send(enter).unwrap();
    let texts: &[(&str, &str)] = &[
        ("partement de la mairie", "84"),
        ("Code postal de la mairie", ""),
        ("Commune de la mairie", "Cavaillon"),
        ("ro de la demande", ""),
        ("Date du d", ""),
        ("cision de refus", "2026-10-15"),
        ("laquelle vous avez re", "2026-10-20"),
        ("Motif du refus", "Nationalité non établie"),
        ("rence de la d", ""),
    ];
    for (prompt, answer) in texts {
        p.exp_string(prompt).unwrap();
        p.send(answer).unwrap();
        p.send(enter).unwrap();
    }
    p.exp_string("voies").unwrap(); // oui (proposed)
    p.send(enter).unwrap();
    p.exp_string("Tribunal administratif").unwrap();
    p.send(enter).unwrap();
    p.exp_string("Civilit").unwrap();
    p.send(enter).unwrap();
    for (prompt, answer) in [
        ("Votre pr", "Camille"),
        ("Votre nom", "Martin"),
        ("Votre adresse", "12 rue des Lilas | 84300 Cavaillon"),
    ] {
        p.exp_string(prompt).unwrap();
        p.send(answer).unwrap();
        p.send(enter).unwrap();
    }
    p.exp_string("hors de France").unwrap();
    p.send("2").unwrap(); // Non
    p.send(enter).unwrap();
    for prompt in [
        "date de naissance",
        "lieu de naissance",
        "Votre t",
        "lectronique",
    ] {
        p.exp_string(prompt).unwrap();
        p.send(enter).unwrap();
    }
    // No child, no addressee copied, no arguments: « Non » is proposed.
    for prompt in [
        "pour un enfant",
        "recopier l'autorit",
        "choisir des arguments",
    ] {
        p.exp_string(prompt).unwrap();
        p.send(enter).unwrap();
    }
    for prompt in [
        "Date de la lettre",
        "Lieu ",
        "en recommand",
        "ro du recommand",
    ] {
        p.exp_string(prompt).unwrap();
        if prompt == "Date de la lettre" {
            p.send("2026-11-27").unwrap();
        }
        p.send(enter).unwrap();
    }
    p.exp_string("crire le dossier et la lettre ?").unwrap();
    p.send(enter).unwrap();
    p.exp_string("crire : recours gracieux").unwrap();
    p.exp_eof().unwrap();
    let toml = std::fs::read_to_string(w.path().join("dossier.toml")).unwrap();
    assert!(toml.contains("document = \"passeport\""), "{toml}");
    assert!(toml.contains("motif = \"perte\""), "{toml}");
    assert!(w.path().join("dossier.pdf").exists());
}
