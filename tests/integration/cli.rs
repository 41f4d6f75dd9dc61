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
            .contains("dossier.toml, ligne 37, clé demandeur.prenom : valeur « à remplir »"),
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
