//! `recours bureaux`.

use crate::harness::Workdir;

#[test]
fn lists_every_office() {
    let r = Workdir::new().run(&["bureaux"]);
    r.expect_code(0);
    for id in [
        "cert-toulon",
        "prefecture-de-police",
        "dlpaj",
        "service-francais-etranger",
        "defenseur-des-droits",
        "ta-paris",
    ] {
        assert!(r.stdout.contains(id), "{id}");
    }
}

#[test]
fn one_departement_by_code_or_postcode() {
    let w = Workdir::new();
    let r = w.run(&["bureaux", "--departement", "2a"]);
    r.expect_code(0);
    assert!(r.stdout.starts_with("Corse-du-Sud (2A)"), "{}", r.stdout);
    assert!(r.stdout.contains("de Bastia"));
    assert!(r.stdout.contains("Tribunal administratif de Bastia"));
    let r = w.run(&["bureaux", "--departement", "75011", "--json"]);
    r.expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["cert"]["id"], "prefecture-de-police");
    assert_eq!(v["cert"]["adresse_statut"], "confirmee");
    let r = w.run(&["bureaux", "--departement", "975"]);
    r.expect_code(0);
    assert!(
        r.stdout
            .contains("Aucune source ne dit quel service décide")
    );
}

#[test]
fn unknown_departement_is_a_usage_error() {
    let r = Workdir::new().run(&["bureaux", "--departement", "96"]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("erreur : département « 96 » inconnu"),
        "{}",
        r.stderr
    );
}
