//! Case files in, domain types or French problems out.

use chrono::NaiveDate;

use super::*;
use crate::offices::Offices;

pub(crate) fn d(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

pub(crate) fn ctx() -> Context<'static> {
    Context {
        offices: Offices::builtin(),
        date_override: None,
        today: d("2026-11-27"),
    }
}

/// The contract's example, trimmed to its required keys.
pub(crate) const BASE: &str = r#"
recours = "gracieux"

[lettre]
date = 2026-11-27

[demandeur]
civilite = "Madame"
prenom = "Camille"
nom = "Martin"
adresse = ["12 rue des Lilas", "84300 Cavaillon"]

[demande]
document = "carte-identite"
motif = "renouvellement"
depot = "mairie"
departement = "84"
commune = "Cavaillon"

[decision]
date = 2026-10-15
notification = 2026-10-20
motif = "Justificatif de nationalité insuffisant"
"#;

pub(crate) fn parse_toml(text: &str) -> Result<Case, CaseError> {
    parse(text, Format::Toml, "dossier.toml", ctx())
}

/// BASE with `key = value` replaced or added in `[table]` (value is raw TOML; "" is the root).
pub(crate) fn with(table: &str, key: &str, value: &str) -> String {
    with_in(BASE, table, key, value)
}

/// `text` with `key = value` replaced or added in `[table]`.
pub(crate) fn with_in(text: &str, table: &str, key: &str, value: &str) -> String {
    let header = format!("[{table}]");
    let mut out = Vec::new();
    let mut in_table = table.is_empty();
    let mut done = false;
    for line in text.lines() {
        if line.starts_with('[') {
            if in_table && !done {
                out.push(format!("{key} = {value}"));
                done = true;
            }
            in_table = line == header;
        }
        if in_table && line.split('=').next().map(str::trim) == Some(key) {
            if !done {
                out.push(format!("{key} = {value}"));
                done = true;
            }
            continue;
        }
        out.push(line.to_string());
    }
    if !done {
        if !in_table {
            out.push(header);
        }
        out.push(format!("{key} = {value}"));
    }
    out.join("\n") + "\n"
}

fn only_problem(r: Result<Case, CaseError>) -> Problem {
    let e = r.expect_err("the case must be refused");
    assert_eq!(e.problems.len(), 1, "{e}");
    e.problems.into_iter().next().unwrap()
}

#[test]
fn contract_case_validates_with_defaults() {
    let c = parse_toml(BASE).unwrap();
    assert_eq!(c.recours, LetterKind::Gracieux);
    assert_eq!(c.lettre.date, d("2026-11-27"));
    assert!(c.lettre.recommande);
    assert!(!c.demandeur.reside_a_l_etranger);
    let dec = c.decision.unwrap();
    assert_eq!(dec.notification, d("2026-10-20"));
    assert!(dec.mentionne_voies_recours);
    assert_eq!(
        c.demande.depot,
        Depot::Mairie {
            departement: "84".into(),
            commune: Some("Cavaillon".into()),
            deduit_du_code_postal: false
        }
    );
}

#[test]
fn notification_defaults_to_decision_date() {
    let text = BASE.replace("notification = 2026-10-20\n", "");
    assert_eq!(
        parse_toml(&text).unwrap().decision.unwrap().notification,
        d("2026-10-15")
    );
}

#[test]
fn consulate_application_with_a_french_address_is_not_residence_abroad() {
    let place = "pays = \"Maroc\"\nville = \"Casablanca\"";
    let c = parse_toml(&abroad_from_france(BASE, "consulat", place)).unwrap();
    assert!(matches!(c.demande.depot, Depot::Consulat { ref ville, .. } if ville == "Casablanca"));
    assert!(!c.demandeur.reside_a_l_etranger);
    assert!(c.avertissements.is_empty(), "{:?}", c.avertissements);
    let c = parse_toml(&abroad(BASE, "consulat", place)).unwrap();
    assert!(c.demandeur.reside_a_l_etranger);
}

#[test]
fn residence_key_and_address_that_disagree_are_warned_and_the_key_wins() {
    let place = "pays = \"Maroc\"\nville = \"Casablanca\"";
    let text = with_in(
        &abroad_from_france(BASE, "consulat", place),
        "demandeur",
        "reside_a_l_etranger",
        "true",
    );
    let c = parse_toml(&text).unwrap();
    assert!(c.demandeur.reside_a_l_etranger);
    assert!(
        c.avertissements
            .iter()
            .any(|w| w.contains("reside_a_l_etranger = true") && w.contains("en France")),
        "{:?}",
        c.avertissements
    );
}

#[test]
fn residence_that_the_address_cannot_tell_keeps_two_months_and_warns() {
    let text = BASE.replace(
        "adresse = [\"12 rue des Lilas\", \"84300 Cavaillon\"]",
        "adresse = [\"12 rue des Lilas\", \"Quartier Nord\"]",
    );
    let c = parse_toml(&text).unwrap();
    assert!(!c.demandeur.reside_a_l_etranger);
    assert!(
        c.avertissements
            .iter()
            .any(|w| w.contains("reside_a_l_etranger = true") && w.contains("2 mois")),
        "{:?}",
        c.avertissements
    );
}

/// `text` moved abroad: the mairie keys removed, `depot` set, `place` (pays, ville) added.
/// The sender lives in that country too: the address ends with its name (a person who
/// applied abroad while living in France is `abroad_from_france`).
pub(crate) fn abroad(text: &str, depot: &str, place: &str) -> String {
    let value = |key: &str| {
        place.lines().find_map(|l| {
            let (k, v) = l.split_once('=')?;
            (k.trim() == key).then(|| v.trim().trim_matches('"').to_string())
        })
    };
    let pays = value("pays").unwrap_or_default();
    let ville = value("ville").unwrap_or_else(|| "Centre".to_string());
    let address = format!(
        "adresse = [\"12 rue des Lilas\", \"{ville}\", \"{}\"]",
        pays.to_uppercase()
    );
    let t = abroad_from_france(text, depot, place);
    t.replace(
        "adresse = [\"12 rue des Lilas\", \"84300 Cavaillon\"]",
        &address,
    )
}

/// `text` moved abroad, the sender's French address kept.
pub(crate) fn abroad_from_france(text: &str, depot: &str, place: &str) -> String {
    let t = text
        .replace("departement = \"84\"\n", "")
        .replace("commune = \"Cavaillon\"\n", "");
    with_text(
        &with_in(&t, "demande", "depot", &format!("\"{depot}\"")),
        "demande",
        place,
    )
}

/// `text` for a minor, Léa Martin, written by the demandeur in the given capacity.
pub(crate) fn minor(text: &str, qualite: &str) -> String {
    format!(
        "{text}\n[titulaire]\nprenom = \"Léa\"\nnom = \"Martin\"\ndate_naissance = 2014-03-02\nqualite = \"{qualite}\"\n"
    )
}

/// Appends raw lines at the end of a table.
pub(crate) fn with_text(text: &str, table: &str, lines: &str) -> String {
    text.replace(&format!("[{table}]\n"), &format!("[{table}]\n{lines}\n"))
}

#[test]
fn date_override_beats_the_file() {
    let c = parse(
        BASE,
        Format::Toml,
        "x",
        Context {
            date_override: Some(d("2026-12-01")),
            ..ctx()
        },
    )
    .unwrap();
    assert_eq!(c.lettre.date, d("2026-12-01"));
}

#[test]
fn json_has_the_same_structure() {
    let json = r#"{
      "recours": "hierarchique",
      "demandeur": {"prenom": "Ali", "nom": "Ben", "adresse": ["1 rue X", "75001 Paris"]},
      "demande": {"document": "passeport", "motif": "perte", "depot": "mairie", "code_postal": "75011"},
      "decision": {"date": "2026-10-01", "motif": "dossier incomplet"}
    }"#;
    let c = parse(json, Format::Json, "d.json", ctx()).unwrap();
    assert_eq!(c.recours, LetterKind::Hierarchique);
    assert_eq!(
        c.demande.depot,
        Depot::Mairie {
            departement: "75".into(),
            commune: None,
            deduit_du_code_postal: true
        }
    );
}

#[test]
fn nfc_normalises_decomposed_accents() {
    let text = with("demandeur", "prenom", "\"Le\u{301}a\"");
    assert_eq!(parse_toml(&text).unwrap().demandeur.prenom, "Léa");
}

#[test]
fn unknown_key_names_line_and_suggests() {
    let text = with("demande", "departemnt", "\"84\"");
    let p = only_problem(parse_toml(&text));
    assert_eq!(p.cle.as_deref(), Some("demande.departemnt"));
    assert_eq!(
        p.message,
        "clé inconnue « departemnt » dans la table [demande]"
    );
    assert_eq!(
        p.conseil.as_deref(),
        Some("vouliez-vous dire « departement » ?")
    );
    let line = text
        .lines()
        .position(|l| l.starts_with("departemnt"))
        .unwrap()
        + 1;
    assert_eq!(p.ligne, Some(line));
}

#[test]
fn wrong_type_is_explained() {
    let text = with("demande", "departement", "84");
    let p = only_problem(parse_toml(&text));
    assert_eq!(p.cle.as_deref(), Some("demande.departement"));
    assert_eq!(p.message, "le nombre 84 au lieu de texte entre guillemets");
    assert_eq!(
        p.conseil.as_deref(),
        Some("mettez la valeur entre guillemets : departement = \"84\"")
    );
    assert!(p.ligne.is_some());
}

#[test]
fn bad_dates_are_refused_with_the_format() {
    let p = only_problem(parse_toml(&with("decision", "date", "\"15/10/2026\"")));
    assert_eq!(p.cle.as_deref(), Some("decision.date"));
    assert!(
        p.message.contains("AAAA-MM-JJ") && p.message.contains("2026-10-15"),
        "{}",
        p.message
    );
    let p = only_problem(parse_toml(&with("decision", "date", "2026-02-30")));
    assert!(p.message.contains("2026-02-30"), "{}", p.message);
}

#[test]
fn missing_required_key_gives_an_example() {
    let text = BASE.replace("motif = \"renouvellement\"\n", "");
    let p = only_problem(parse_toml(&text));
    assert_eq!(p.cle.as_deref(), Some("demande.motif"));
    assert_eq!(p.message, "la clé obligatoire « motif » manque");
    assert!(p.conseil.unwrap().contains("motif = \"renouvellement\""));
}

#[test]
fn unknown_values_get_suggestions() {
    let p = only_problem(parse_toml(&with("", "recours", "\"gracieu\"")));
    assert_eq!(p.message, "type de lettre « gracieu » inconnu");
    assert_eq!(
        p.conseil.as_deref(),
        Some("vouliez-vous dire « gracieux » ?")
    );
    assert_eq!(p.ligne, Some(2));
    let p = only_problem(parse_toml(&with("demande", "motif", "\"renouvelement\"")));
    assert_eq!(
        p.conseil.as_deref(),
        Some("vouliez-vous dire « renouvellement » ?")
    );
}

#[test]
fn unknown_departement_is_refused() {
    let p = only_problem(parse_toml(&with("demande", "departement", "\"99\"")));
    assert_eq!(p.cle.as_deref(), Some("demande.departement"));
    assert_eq!(p.message, "le département « 99 » n'existe pas");
    let p = only_problem(parse_toml(&with("demande", "departement", "\"20\"")));
    assert!(p.message.contains("2A"), "{}", p.message);
}

#[test]
fn consulate_needs_a_town_and_a_known_country() {
    let base = with("demande", "depot", "\"consulat\"")
        .replace("departement = \"84\"\n", "")
        .replace("commune = \"Cavaillon\"\n", "");
    let p = only_problem(parse_toml(&with_text(&base, "demande", "pays = \"Maroc\"")));
    assert_eq!(p.cle.as_deref(), Some("demande.ville"));
    assert!(p.message.contains("la ville du consulat est nécessaire"));
    let p = only_problem(parse_toml(&with_text(
        &base,
        "demande",
        "pays = \"Marocc\"\nville = \"Fès\"",
    )));
    assert_eq!(p.cle.as_deref(), Some("demande.pays"));
    assert_eq!(p.conseil.as_deref(), Some("vouliez-vous dire « Maroc » ?"));
}

#[test]
fn every_problem_in_a_file_is_listed() {
    let text = with("demande", "document", "\"carte\"");
    let text = with_text(&text, "decision", "").replace("date = 2026-10-15", "date = 2026-12-15");
    let e = parse_toml(&text).unwrap_err();
    let keys: Vec<_> = e.problems.iter().filter_map(|p| p.cle.clone()).collect();
    assert!(keys.contains(&"demande.document".to_string()), "{keys:?}");
    assert!(keys.contains(&"decision.date".to_string()), "{keys:?}");
}

#[test]
fn syntax_errors_point_at_the_line() {
    let text = BASE.replace("prenom = \"Camille\"", "prenom = \"Camille");
    let p = only_problem(parse_toml(&text));
    let line = text.lines().position(|l| l.starts_with("prenom")).unwrap() + 1;
    assert_eq!(p.ligne, Some(line));
    assert!(p.message.contains("prenom = \"Camille"), "{}", p.message);
    assert!(p.conseil.is_some());
}

#[test]
fn json_errors_have_lines() {
    let p = only_problem(parse(
        "{\n \"recours\": \"gracieux\",\n}",
        Format::Json,
        "d.json",
        ctx(),
    ));
    assert_eq!(p.ligne, Some(3));
    assert!(p.message.starts_with("JSON invalide"));
    assert_eq!(
        p.conseil.as_deref(),
        Some("supprimez la virgule avant } ou ]")
    );
}

#[test]
fn inconsistent_recours_dates_are_refused() {
    let text = format!("{BASE}\n[recours_gracieux]\nenvoi = 2026-11-02\nreception = 2026-10-30\n");
    let p = only_problem(parse_toml(&text));
    assert_eq!(p.cle.as_deref(), Some("recours_gracieux.reception"));
    assert!(p.message.contains("précède l'envoi"));
}

#[test]
fn long_and_control_text_is_refused() {
    let long = "x".repeat(300);
    let p = only_problem(parse_toml(&with(
        "demandeur",
        "nom",
        &format!("\"{long}\""),
    )));
    assert_eq!(p.message, "texte trop long (300 caractères ; 100 au plus)");
    let p = only_problem(parse_toml(&with("demandeur", "nom", "\"Mar\\u0007tin\"")));
    assert!(p.message.contains("caractère de contrôle"));
}

#[test]
fn abbreviated_civilite_is_refused_with_the_full_word() {
    let p = only_problem(parse_toml(&with("demandeur", "civilite", "\"Mme\"")));
    assert_eq!(
        p.conseil.as_deref(),
        Some("écrivez « Madame » en toutes lettres")
    );
}

#[test]
fn years_between_counts_birthdays() {
    assert_eq!(years_between(d("2014-03-02"), d("2026-03-01")), 11);
    assert_eq!(years_between(d("2014-03-02"), d("2026-03-02")), 12);
}

#[test]
fn motifs_without_an_unanswered_recours_is_refused_with_the_table_to_add() {
    let p = only_problem(parse_toml(&with("", "recours", "\"motifs\"")));
    assert_eq!(p.cle.as_deref(), Some("recours"));
    assert!(p.message.contains("aucun recours reçu"), "{}", p.message);
    assert!(
        p.conseil.as_deref().unwrap().contains("[recours_gracieux]"),
        "{p:?}"
    );
}

#[test]
fn motifs_before_the_implicit_rejection_arises_is_refused_with_its_date() {
    // Received 4 Nov 2026: silence becomes a rejection on 4 Jan 2027, after the letter.
    let text = format!(
        "{}\n[recours_gracieux]\nenvoi = 2026-11-02\nreception = 2026-11-04\n",
        with("", "recours", "\"motifs\"")
    );
    let p = only_problem(parse_toml(&text));
    assert!(
        p.message.contains("ne naîtra que le 4 janvier 2027"),
        "{}",
        p.message
    );
    // The same case is accepted once that day has come.
    let later = text.replace("date = 2026-11-27", "date = 2027-01-04");
    let case = parse_toml(&later).unwrap();
    assert_eq!(
        case.silent_recours().map(|(k, _)| k),
        Some(crate::deadlines::RecoursKind::Gracieux)
    );
}

#[test]
fn motifs_after_an_explicit_rejection_is_refused() {
    let text = format!(
        "{}\n[recours_gracieux]\nenvoi = 2026-10-21\nreception = 2026-10-22\nrejet = 2026-11-10\n",
        with("", "recours", "\"motifs\"")
    );
    let p = only_problem(parse_toml(&text));
    assert!(p.message.contains("rejeté explicitement"), "{}", p.message);
}

#[test]
fn reasons_communicated_before_they_were_asked_are_refused() {
    let text =
        format!("{BASE}\n[demande_motifs]\nenvoi = 2026-11-20\ncommunication = 2026-11-10\n");
    let p = only_problem(parse_toml(&text));
    assert_eq!(p.cle.as_deref(), Some("demande_motifs.communication"));
    let ok = parse_toml(&format!(
        "{BASE}\n[demande_motifs]\nenvoi = 2026-11-10\ncommunication = 2026-11-20\n"
    ))
    .unwrap();
    assert_eq!(
        ok.demande_motifs,
        Some(ReasonsRequest {
            envoi: d("2026-11-10"),
            communication: Some(d("2026-11-20"))
        })
    );
}

/// `département = "84"` was answered « texte mal délimité … entourez le texte de guillemets ».
#[test]
fn accented_key_says_keys_have_no_accents_and_gives_the_key() {
    let text = BASE.replacen("departement = ", "département = ", 1);
    assert_ne!(text, BASE);
    let e = parse_toml(&text).unwrap_err();
    let p = &e.problems[0];
    assert!(
        p.message.contains(
            "la clé « département » contient des accents : les clés s'écrivent sans accents"
        ),
        "{e}"
    );
    assert_eq!(p.conseil.as_deref(), Some("écrivez departement = …"), "{e}");
    assert!(!e.to_string().contains("guillemets"), "{e}");
}
