//! `recours explique`: text for people, JSON for programs.

use crate::harness::{Workdir, base_case};

#[test]
fn explains_the_contract_case_in_text() {
    let w = Workdir::new();
    w.file("dossier.toml", base_case());
    let r = w.run(&["explique", "dossier.toml"]);
    r.expect_code(0);
    let t = &r.stdout;
    assert!(t.starts_with("Lettre à écrire : recours gracieux\n"), "{t}");
    assert!(t.contains("Destinataire : Centre d'expertise et de ressources titres (Cert) CNI-passeport\nde Toulon"), "{t}");
    assert!(t.contains("Adresse : probable"), "{t}");
    assert!(t.contains("le lundi 21 décembre 2026"));
    assert!(t.contains("Tribunal administratif de Toulon (probable)"));
    assert!(t.contains("Et ensuite"));
    assert!(
        t.lines()
            .all(|l| l.chars().count() <= 80 || !l.contains(' ')),
        "a line is wider than 80 columns"
    );
}

#[test]
fn json_has_the_contract_fields() {
    let w = Workdir::new();
    w.file("dossier.toml", base_case());
    let r = w.run(&["explique", "dossier.toml", "--json"]);
    r.expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("one JSON object");
    assert_eq!(v["recours"], "gracieux");
    assert_eq!(v["destinataire"]["id"], "cert-toulon");
    assert_eq!(v["destinataire"]["adresse_statut"], "probable");
    assert_eq!(v["destinataire"]["appel"], "Madame, Monsieur,");
    assert!(v["destinataire"]["adresse"].is_array());
    assert_eq!(v["delais"]["limite_recours_administratif"], "2026-12-21");
    assert_eq!(v["delais"]["rejet_implicite"], serde_json::Value::Null);
    assert_eq!(v["delais"]["limite_tribunal"], "2026-12-21");
    assert!(
        v["avertissements"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w.as_str().unwrap().starts_with("adresse probable pour"))
    );
}

#[test]
fn json_for_a_minor_at_a_consulate() {
    let w = Workdir::new();
    w.fixture("cases/casablanca-mineur.json");
    let r = w.run(&["explique", "casablanca-mineur.json", "--json"]);
    r.expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["destinataire"]["id"], "consul-general");
    assert_eq!(
        v["destinataire"]["adresse"],
        serde_json::json!(["Consulat général de France", "à Casablanca"])
    );
    assert_eq!(v["tribunal"]["tribunal"]["id"], "ta-paris");
    // Notified 5 November; abroad, but the recours deadline has no distance extension.
    assert_eq!(v["delais"]["limite_recours_administratif"], "2027-01-06");
    // Abroad after an explicit decision: 4 months (CJA R421-7).
    assert_eq!(v["delais"]["limite_tribunal"], "2027-03-08");
}

#[test]
fn hierarchique_after_an_explicit_rejection() {
    let w = Workdir::new();
    w.fixture("cases/paris-hierarchique.toml");
    let r = w.run(&["explique", "paris-hierarchique.toml", "--json"]);
    r.expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["destinataire"]["id"], "dlpaj");
    assert_eq!(v["destinataire"]["adresse_statut"], "confirmee");
    // The gracieux (sent 1 October, in time) was rejected on 10 November: two months from then.
    assert_eq!(v["delais"]["limite_tribunal"], "2027-01-11");
    assert_eq!(v["delais"]["rejet_implicite"], serde_json::Value::Null);
}

#[test]
fn ics_export_is_written_atomically() {
    let w = Workdir::new();
    w.file("dossier.toml", base_case());
    let r = w.run(&["explique", "dossier.toml", "--ics", "delais.ics"]);
    r.expect_code(0);
    let ics = std::fs::read_to_string(w.path().join("delais.ics")).unwrap();
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.contains("DTSTART;VALUE=DATE:20261221"));
    assert!(r.stderr.contains("calendrier écrit : delais.ics"));
    let names: Vec<_> = std::fs::read_dir(w.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");
}

/// Issue 14, item 11: sources shown to people carried a commit id (` @ f2786d8b…`).
#[test]
fn sources_name_the_public_source_without_a_revision_id() {
    let w = crate::harness::Workdir::new();
    w.file("c.toml", crate::harness::base_case());
    for args in [
        vec!["explique", "c.toml"],
        vec!["explique", "c.toml", "--json"],
        vec!["bureaux", "--departement", "84"],
        vec!["bureaux"],
    ] {
        let r = w.run(&args);
        r.expect_code(0);
        let text = &r.stdout;
        let leaked = text
            .split(" @ ")
            .skip(1)
            .any(|after| after.chars().take_while(char::is_ascii_hexdigit).count() >= 7);
        assert!(!leaked, "{args:?}: {text}");
    }
}

/// `motifs`: the JSON court limit follows the recorded request (two months after the reasons
/// came), with its basis; the letter's own next steps say to record the dates.
#[test]
fn motifs_json_shows_the_limit_extended_by_the_reasons() {
    let w = Workdir::new();
    let case = base_case().replace("recours = \"gracieux\"", "recours = \"motifs\"")
        + "\n[recours_gracieux]\nenvoi = 2026-11-02\nreception = 2026-11-04\n\n[demande_motifs]\nenvoi = 2027-01-15\ncommunication = 2027-02-10\n";
    w.file("motifs.toml", case);
    let r = w.run(&["explique", "motifs.toml", "--json", "--date", "2027-03-01"]);
    r.expect_code(0);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(v["recours"], "motifs");
    assert_eq!(v["destinataire"]["id"], "cert-toulon");
    assert_eq!(v["delais"]["rejet_implicite"], "2027-01-04");
    assert_eq!(v["delais"]["limite_tribunal"], "2027-04-12");
    let t = &v["delais"]["details"]["limite_tribunal"];
    assert_eq!(t["point_de_depart"], "2027-02-10");
    assert!(t["fondement"].as_str().unwrap().contains("504677"), "{t}");
    let warnings = v["avertissements"].to_string();
    assert!(
        warnings.contains("une demande de motifs a déjà été envoyée"),
        "{warnings}"
    );
    let steps = v["etapes_suivantes"].to_string();
    assert!(steps.contains("[demande_motifs]"), "{steps}");
}

#[test]
fn communication_explains_the_cada_route_as_advice_to_check() {
    let w = Workdir::new();
    w.file(
        "dossier.toml",
        base_case().replace("recours = \"gracieux\"", "recours = \"communication\""),
    );
    let r = w.run(&["explique", "dossier.toml"]);
    r.expect_code(0);
    let flat = r.stdout.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        flat.contains("Commission d'accès aux documents administratifs (CADA)"),
        "{flat}"
    );
    assert!(
        flat.contains("vérifiez-le auprès de la CADA avant d'agir"),
        "{flat}"
    );
    assert!(
        flat.contains("Nos sources ne donnent pas les délais de cette voie"),
        "{flat}"
    );
}
