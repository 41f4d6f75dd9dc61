//! The requête and its référé-suspension: snapshots of every variant, the parts a court
//! checks (parties, contested decisions, conclusions, inventory), and the dates they rest on.

use super::inventory::inventory;
use super::tests::compose_text;
use super::*;
use crate::case::tests::{BASE, abroad, minor, parse_toml, with_in};
use crate::offices::Offices;

/// The composed text with its typographic spaces as plain ones and without bold markers, so
/// sentences can be compared as typed.
fn flat(text: &str) -> String {
    text.replace(['\u{202F}', '\u{A0}', '⍽', '·'], " ")
        .replace("**", "")
}

fn requete(text: &str) -> String {
    with_in(text, "", "recours", "\"requete\"")
}

const GRACIEUX_REJETE: &str =
    "\n[recours_gracieux]\nenvoi = 2026-10-22\nreception = 2026-10-24\nrejet = 2026-11-16\n";

/// Refused 25 Aug (notified 28 Aug), recours gracieux received 24 Sep, unanswered: the
/// implicit rejection arose on 24 Nov 2026.
fn after_silent_gracieux(text: &str) -> String {
    let t = with_in(text, "decision", "date", "2026-08-25")
        .replace("notification = 2026-10-20", "notification = 2026-08-28");
    format!("{t}\n[recours_gracieux]\nenvoi = 2026-09-22\nreception = 2026-09-24\n")
}

fn plan(text: &str) -> Plan {
    Plan::new(
        parse_toml(text).unwrap_or_else(|e| panic!("{e}")),
        Offices::builtin(),
    )
    .unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn requete_cert_adult_after_explicit_rejection_of_the_gracieux() {
    let t = format!("{}{GRACIEUX_REJETE}", requete(BASE));
    let text = flat(&compose_text(&t));
    assert!(text.contains(
        "Contre : la décision du 15 octobre 2026 par laquelle le préfet du Var (Cert de Toulon) a \
         rejeté ma demande de carte nationale d’identité, ensemble la décision, notifiée le 16 \
         novembre 2026, rejetant mon recours gracieux"
    ), "{text}");
    assert!(text.contains("d’enjoindre à l’administration de délivrer la carte nationale d’identité demandée dans un délai de 30 jours"));
    insta::assert_snapshot!(text);
}

#[test]
fn requete_cert_adult_after_implicit_rejection_with_reexamen_and_astreinte() {
    let t = after_silent_gracieux(&requete(BASE));
    let t = format!(
        "{t}\n[requete]\ninjonction = \"reexamen\"\ndelai_injonction_jours = \"15\"\nastreinte = 50\n"
    );
    let text = flat(&compose_text(&t));
    assert!(
        text.contains(
            "ensemble la décision implicite, née le 24 novembre 2026, rejetant mon recours gracieux"
        ),
        "{text}"
    );
    assert!(text.contains("réexaminer ma demande dans un délai de 15 jours à compter de la notification du jugement, sous astreinte de 50 euros par jour de retard (code de justice administrative, art. L. 911-2 et L. 911-3)"), "{text}");
    assert!(!text.contains("délivrer"), "réexamen only: {text}");
    insta::assert_snapshot!(text);
}

#[test]
fn requete_consulate_minor_with_motivation_ground_and_pieces() {
    let t = abroad(
        &requete(BASE),
        "consulat",
        "pays = \"Maroc\"\nville = \"Casablanca\"",
    );
    let t = minor(&t, "mère");
    let t = with_in(
        &t,
        "lettre",
        "arguments",
        "[\"motivation-insuffisante\", \"doute-suffisant\", \"autorite-parentale\"]",
    );
    let t = with_in(
        &t,
        "lettre",
        "pieces_jointes",
        "[\"Acte de naissance de l'enfant\"]",
    );
    let text = flat(&compose_text(&t));
    let externe = text
        .find("A. Sur la légalité externe")
        .expect("external legality");
    let interne = text
        .find("B. Sur la légalité interne")
        .expect("internal legality");
    assert!(externe < interne);
    assert!(text.contains("Tribunal administratif de Paris"), "{text}");
    assert!(text.contains("la décision est par suite entachée d’un défaut de motivation"));
    insta::assert_snapshot!(text);
}

#[test]
fn refere_suspension_with_urgency() {
    let t = format!("{}{GRACIEUX_REJETE}", requete(BASE));
    let t = with_in(
        &t,
        "lettre",
        "urgence",
        "\"je dois passer un concours à Bruxelles\"",
    );
    let t = format!("{t}\n[requete]\nurgence = true\nurgence_date = 2027-01-12\n");
    let p = plan(&t);
    let templates = Templates::builtin().unwrap();
    let annulation = flat(&plain_text(&compose(&p, &templates).unwrap()));
    assert!(annulation.contains(
        "Par une requête distincte, présentée le même jour, je demande au juge des référés"
    ));
    let refere = flat(&plain_text(
        &compose_refere(&p, &templates).unwrap().unwrap(),
    ));
    assert!(refere.contains("Attendre le jugement de la requête en annulation n’est pas possible : je dois passer un concours à Bruxelles (échéance : 12 janvier 2027)."), "{refere}");
    assert!(
        refere.contains("Pièce n° 1** : Copie de la requête en annulation")
            || refere.contains("Pièce n° 1 : Copie de la requête en annulation"),
        "{refere}"
    );
    insta::assert_snapshot!(refere);
}

#[test]
fn no_refere_without_urgency() {
    let p = plan(&requete(BASE));
    assert!(compose_refere(&p, &Templates::builtin().unwrap()).is_none());
}

#[test]
fn inventory_starts_with_the_decision_then_the_recours_and_its_rejection() {
    let t = format!("{}{GRACIEUX_REJETE}", requete(BASE));
    let t = with_in(
        &t,
        "lettre",
        "pieces_jointes",
        "[\"certificat de nationalité\"]",
    );
    let ids: Vec<(usize, String)> = inventory(&parse_toml(&t).unwrap())
        .into_iter()
        .map(|p| (p.numero, p.id))
        .collect();
    assert_eq!(
        ids,
        [
            (1, "decision".to_string()),
            (2, "recours_gracieux".into()),
            (3, "rejet_gracieux".into()),
            (4, "ancien_titre".into()),
            (5, "piece_1".into()),
        ]
    );
    let labels: Vec<String> = inventory(&parse_toml(&t).unwrap())
        .into_iter()
        .map(|p| p.intitule)
        .collect();
    assert_eq!(
        labels[0],
        "Décision attaquée du 15 octobre 2026 (refus de renouvellement de carte nationale d'identité)"
    );
    assert_eq!(
        labels[1],
        "Recours gracieux envoyé le 22 octobre 2026 et avis de réception du 24 octobre 2026"
    );
    assert_eq!(labels[4], "Certificat de nationalité");
}

#[test]
fn urgency_without_its_facts_is_refused() {
    let t = format!("{}\n[requete]\nurgence = true\n", requete(BASE));
    let e = parse_toml(&t).unwrap_err();
    let s = e.to_string();
    assert!(s.contains("lettre.urgence"), "{s}");
    assert!(
        s.contains("requete.urgence = true demande les faits qui rendent l'attente impossible"),
        "{s}"
    );
}

#[test]
fn bad_injunction_values_are_refused_with_the_key() {
    for (line, expected) in [
        (
            "delai_injonction_jours = 0",
            "requete.delai_injonction_jours",
        ),
        (
            "delai_injonction_jours = \"trente\"",
            "« trente » n'est pas un nombre entier",
        ),
        ("astreinte = 0", "requete.astreinte"),
        (
            "injonction = \"delivrer\"",
            "vouliez-vous dire « delivrance » ?",
        ),
    ] {
        let t = format!("{}\n[requete]\n{line}\n", requete(BASE));
        let s = parse_toml(&t).unwrap_err().to_string();
        assert!(s.contains(expected), "{line}: {s}");
    }
}

#[test]
fn the_court_address_from_the_case_replaces_the_dated_one() {
    let t = format!(
        "{}\n[requete]\nadresse_tribunal = [\"5 rue Racine\", \"CS 40510\", \"83041 Toulon Cedex 9\"]\n",
        requete(BASE)
    );
    let p = plan(&t);
    assert_eq!(p.route.destinataire.adresse_statut.as_str(), "fournie");
    assert_eq!(p.route.destinataire.id, "ta-toulon");
    assert!(
        p.warnings()
            .iter()
            .any(|w| w.contains("tribunal probable, pas certain"))
    );
    assert!(!p.warnings().iter().any(|w| w.contains("annuaire daté")));
}

#[test]
fn requete_court_limits_after_explicit_and_implicit_rejections_in_france_and_abroad() {
    // Explicit rejection of the gracieux notified 16 Nov 2026: two months → 17 Jan 2027, a
    // Sunday → Monday 18 Jan (legal.md §1.8 C).
    let t = format!("{}{GRACIEUX_REJETE}", requete(BASE));
    assert_eq!(
        plan(&t).deadlines.tribunal.unwrap().date,
        crate::case::tests::d("2027-01-18")
    );
    // Implicit rejection born 24 Nov 2026: 24 Jan 2027 + 1 = 25 Jan, a Monday.
    let t = after_silent_gracieux(&requete(BASE));
    assert_eq!(
        plan(&t).deadlines.tribunal.unwrap().date,
        crate::case::tests::d("2027-01-25")
    );
    // Abroad, explicit refusal notified 20 Oct 2026, no recours: four months (R. 421-7) →
    // 21 Feb 2027, a Sunday → Monday 22 Feb.
    let t = abroad(
        &requete(BASE),
        "consulat",
        "pays = \"Maroc\"\nville = \"Casablanca\"",
    );
    let p = plan(&t);
    assert_eq!(
        p.deadlines.tribunal.as_ref().unwrap().date,
        crate::case::tests::d("2027-02-22")
    );
    assert_eq!(p.route.destinataire.id, "ta-paris");
    // Abroad, implicit rejection born 24 Nov: the safe two months, 25 Jan 2027.
    let t = after_silent_gracieux(&abroad(
        &requete(BASE),
        "consulat",
        "pays = \"Maroc\"\nville = \"Casablanca\"",
    ));
    assert_eq!(
        plan(&t).deadlines.tribunal.unwrap().date,
        crate::case::tests::d("2027-01-25")
    );
}

#[test]
fn the_next_steps_say_how_to_file_that_no_lawyer_is_needed_and_the_urgent_procedures() {
    let p = plan(&requete(BASE));
    let steps = p.route.etapes_suivantes.join("\n");
    for expected in [
        "Télérecours citoyens",
        "L'avocat n'est pas obligatoire",
        "art. R. 431-2",
        "aide juridictionnelle",
        "requete.urgence = true",
        "référé-liberté",
        "L. 521-2",
    ] {
        assert!(steps.contains(expected), "{expected}: {steps}");
    }
}

#[test]
fn requete_prefecture_de_police_minor_after_both_recours() {
    let t = requete(BASE)
        .replace("departement = \"84\"", "departement = \"75\"")
        .replace("commune = \"Cavaillon\"\n", "");
    let t = minor(&t, "père");
    let t = format!(
        "{t}{GRACIEUX_REJETE}\n[recours_hierarchique]\nenvoi = 2026-10-25\nreception = 2026-10-27\n"
    );
    let t = with_in(&t, "lettre", "date", "2027-01-04");
    let text = flat(&compose_text(&t));
    assert!(
        text.contains(
            "par laquelle le préfet de police a rejeté la demande de carte nationale d’identité \
             présentée pour Léa Martin, ensemble la décision, notifiée le 16 novembre 2026, \
             rejetant mon recours gracieux et la décision implicite, née le 27 décembre 2026, \
             rejetant mon recours hiérarchique"
        ),
        "{text}"
    );
    assert!(text.contains("auprès du ministre de l’Intérieur, qui l’a reçu le 27 octobre 2026"));
    insta::assert_snapshot!(text);
}
