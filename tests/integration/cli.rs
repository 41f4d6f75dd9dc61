//! The command line itself: help, usage errors, exit codes.

use crate::harness::Workdir;

#[test]
fn help_and_version_succeed_in_french() {
    let w = Workdir::new();
    let r = w.run(&["--help"]);
    r.expect_code(0);
    assert!(
        r.stdout.contains("Utilisation : recours <COMMANDE>"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("Codes de sortie"));
    let r = w.run(&["explique", "--help"]);
    r.expect_code(0);
    assert!(
        r.stdout.contains("Écrit un seul objet JSON"),
        "{}",
        r.stdout
    );
    assert!(
        w.run(&["--version"])
            .expect_code(0)
            .stdout
            .starts_with("recours ")
    );
}

#[test]
fn usage_errors_exit_2_with_a_french_message() {
    let w = Workdir::new();
    let r = w.run(&["explique"]);
    r.expect_code(2);
    assert!(
        r.stderr
            .starts_with("erreur : argument obligatoire manquant : <CAS>"),
        "{}",
        r.stderr
    );
    let r = w.run(&["bureaux", "--departemnt", "84"]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("option inconnue « --departemnt »"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("conseil : vouliez-vous dire « --departement » ?"),
        "{}",
        r.stderr
    );
    let r = w.run(&[]);
    r.expect_code(2);
    assert!(r.stderr.contains("indiquez une commande"), "{}", r.stderr);
    // The list once stopped at « completions »: the questionnaire, the server and the
    // follow-up, added later, were not named to someone who typed `recours` alone.
    for name in ["nouveau", "serveur", "suivi", "exporte-modeles", "lettre"] {
        assert!(r.stderr.contains(name), "{name} in {}", r.stderr);
    }
    assert!(
        r.stderr
            .contains("conseil : sans fichier à écrire, recours nouveau"),
        "{}",
        r.stderr
    );
}

#[test]
fn modele_is_refused_until_filled() {
    let w = Workdir::new();
    let r = w.run(&["modele"]);
    r.expect_code(0);
    assert!(r.stdout.contains("recours = \"gracieux\""));
    w.file("dossier.toml", &r.stdout);
    let v = w.run(&["verifie", "dossier.toml"]);
    v.expect_code(2);
    assert!(
        v.stdout
            .contains("dossier.toml, ligne 43, clé demandeur.prenom : valeur « à remplir »"),
        "{}",
        v.stdout
    );
}

#[test]
fn completions_come_from_the_clap_definitions() {
    let r = Workdir::new().run(&["completions", "bash"]);
    r.expect_code(0);
    assert!(
        r.stdout.contains("_recours()"),
        "{}",
        &r.stdout[..200.min(r.stdout.len())]
    );
    for sub in [
        "exemple", "lettre", "explique", "verifie", "lot", "modele", "bureaux",
    ] {
        assert!(r.stdout.contains(sub), "{sub}");
    }
    let r = Workdir::new().run(&["completions", "tcsh"]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("valeur « tcsh » invalide"),
        "{}",
        r.stderr
    );
}

/// Issue 14, item 11: the starting points an association asks for.
#[test]
fn modele_csv_exemple_dossier_and_exported_templates_are_ready_to_use() {
    let w = Workdir::new();
    let r = w.run(&["modele", "--csv"]);
    r.expect_code(0);
    w.file("lot.csv", &r.stdout);
    let r = w.run(&["lot", "lot.csv", "-o", "sortie"]);
    r.expect_code(0);
    assert!(r.stderr.contains("1 lettre(s) écrite(s)"), "{}", r.stderr);

    let r = w.run(&["exemple", "--dossier"]);
    r.expect_code(0);
    assert!(r.stdout.contains("[demandeur]"), "{}", r.stdout);
    w.file("exemple.toml", &r.stdout);
    w.run(&["verifie", "exemple.toml"]).expect_code(0);

    let r = w.run(&["exporte-modeles", "mes-modeles"]);
    r.expect_code(0);
    assert!(w.path().join("mes-modeles/gracieux-cert.tera").exists());
    assert!(w.path().join("mes-modeles/_cloture.tera").exists());
    w.run(&[
        "lettre",
        "exemple.toml",
        "--modeles",
        "mes-modeles",
        "-o",
        "x.pdf",
    ])
    .expect_code(0);
    let r = w.run(&["exporte-modeles", "mes-modeles"]);
    r.expect_code(2);
    assert!(r.stderr.contains("existe déjà"), "{}", r.stderr);
}

/// Issue 14, item 11: `verifie` read a table as TOML, and said « valide » on a case whose
/// deadline had passed.
#[test]
fn verifie_dry_runs_a_table_and_warns_of_deadlines() {
    let w = Workdir::new();
    let table = w.run(&["modele", "--csv"]).stdout;
    let mut lines: Vec<String> = table.lines().map(str::to_string).collect();
    lines.push(lines[1].replace("Martin", "Durand").replace(",84,", ",99,"));
    w.file("t.csv", lines.join("\n") + "\n");
    let r = w.run(&["verifie", "t.csv"]);
    r.expect_code(2);
    assert!(r.stdout.contains("t.csv, ligne 2 : valide"), "{}", r.stdout);
    assert!(
        r.stdout.contains("t.csv, ligne 3, clé demande.departement"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("2 ligne(s), 1 valide(s), 1 en erreur"),
        "{}",
        r.stdout
    );
    assert!(!w.path().join("rapport.csv").exists());

    w.file("c.toml", crate::harness::base_case());
    let r = w.run(&["verifie", "c.toml", "--date", "2026-12-28"]);
    r.expect_code(0);
    assert!(
        r.stdout
            .contains("avertissement : Le délai pour saisir le tribunal administratif a expiré"),
        "{}",
        r.stdout
    );
}
