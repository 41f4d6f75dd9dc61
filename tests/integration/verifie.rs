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

/// Issue 14, item 10: `verifie` said « valide » for dates that `lettre` then refused, and the
/// message doubled its key and said « dans le dossier » for `--date`.
#[test]
fn verifie_and_lettre_refuse_the_same_dates() {
    let w = Workdir::new();
    let far = base_case().replace("date = 2026-11-27", "date = 9999-12-31");
    assert_ne!(far, base_case());
    w.file("loin.toml", far);
    for cmd in ["verifie", "lettre"] {
        let r = w.run(&[cmd, "loin.toml"]);
        r.expect_code(2);
        let all = format!("{}{}", r.stdout, r.stderr);
        assert!(
            all.contains(
                "loin.toml, ligne 6, clé lettre.date : la date 9999-12-31 n'est pas plausible"
            ),
            "{cmd}: {all}"
        );
        assert!(!all.contains("lettre.date : lettre.date"), "{all}");
    }
    let r = w.run(&["lettre", "loin.toml", "--date", "1901-01-01"]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("« 1901-01-01 » invalide pour --date")
            && r.stderr.contains("n'est pas plausible"),
        "{}",
        r.stderr
    );
}

/// Issue 14, item 10: a bad SOURCE_DATE_EPOCH was silently ignored (today was used).
#[test]
fn a_bad_source_date_epoch_is_refused() {
    let w = Workdir::new();
    w.file("c.toml", base_case());
    for bad in ["demain", "0"] {
        let r = w.run_env(&["verifie", "c.toml"], &[("SOURCE_DATE_EPOCH", bad)]);
        r.expect_code(2);
        assert!(r.stderr.contains("SOURCE_DATE_EPOCH"), "{}", r.stderr);
    }
}

/// Issue 14, item 10: a date after the letter's said « dans le dossier » when the letter's
/// date came from --date.
#[test]
fn a_date_after_the_letter_names_date_when_it_comes_from_there() {
    let w = Workdir::new();
    w.file("c.toml", base_case());
    let r = w.run(&["verifie", "c.toml", "--date", "2026-10-01"]);
    r.expect_code(2);
    assert!(
        r.stdout
            .contains("c.toml, ligne 24, clé decision.date : la date 2026-10-15 est postérieure à la date de la lettre (2026-10-01, donnée par --date)"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("ou la valeur de --date"), "{}", r.stdout);
}
