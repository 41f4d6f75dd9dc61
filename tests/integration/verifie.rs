//! `recours verifie`: one line per problem, every file checked.

use crate::harness::{Workdir, base_case};

#[test]
fn valid_and_invalid_files_are_all_reported() {
    let w = Workdir::new();
    w.file("bon.toml", base_case());
    w.file(
        "mauvais.toml",
        base_case()
            .replace("departement = \"84\"", "departement = \"99\"")
            .replace("motif = \"renouvellement\"", "motif = \"renouvelement\""),
    );
    let r = w.run(&["verifie", "bon.toml", "mauvais.toml"]);
    r.expect_code(2);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert!(
        lines[0].starts_with(
            "bon.toml : valide (recours gracieux, destinataire cert-toulon, adresse probable, à comparer avec la décision)"
        ),
        "{}",
        r.stdout
    );
    assert!(
        lines.iter().any(|l| l.starts_with(
            "mauvais.toml, ligne 20, clé demande.departement : le département « 99 » n'existe pas"
        )),
        "{}",
        r.stdout
    );
    assert!(lines.iter().any(|l| l.starts_with("mauvais.toml, ligne 18, clé demande.motif : motif de demande « renouvelement » inconnu (conseil : vouliez-vous dire « renouvellement » ?)")), "{}", r.stdout);
    assert!(r.stderr.contains("erreur : 1 dossier(s) invalide(s)"));
}

#[test]
fn all_valid_exits_0() {
    let w = Workdir::new();
    w.file("bon.toml", base_case());
    w.fixture("cases/casablanca-mineur.json");
    w.fixture("cases/paris-hierarchique.toml");
    let r = w.run(&[
        "verifie",
        "bon.toml",
        "casablanca-mineur.json",
        "paris-hierarchique.toml",
    ]);
    r.expect_code(0);
    assert_eq!(
        r.stdout
            .lines()
            .filter(|l| l.contains(": valide ("))
            .count(),
        3,
        "{}",
        r.stdout
    );
}
