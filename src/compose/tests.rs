//! Composed letters for every situation, snapshotted as text before layout
//! (`INSTA_UPDATE=always cargo test` rewrites them; review the diff before committing).

use super::*;
use crate::case::tests::{
    BASE, abroad, abroad_from_france, minor, parse_toml, with, with_in, with_text,
};
use crate::offices::Offices;

fn plan(text: &str) -> Plan {
    let case = parse_toml(text).unwrap_or_else(|e| panic!("{e}"));
    Plan::new(case, Offices::builtin()).unwrap_or_else(|e| panic!("{e}"))
}

pub(super) fn compose_text(text: &str) -> String {
    let letter =
        compose(&plan(text), &Templates::builtin().unwrap()).unwrap_or_else(|e| panic!("{e}"));
    plain_text(&letter)
}

fn set(text: &str, table: &str, key: &str, value: &str) -> String {
    with_in(text, table, key, value)
}

const GRACIEUX_REJETE: &str = "\n[recours_gracieux]\nenvoi = 2026-10-22\nreception = 2026-10-24\nrejet = 2026-11-16\nnumero_recommande = \"1A 123 456 7890 1\"\n";
const GRACIEUX_SANS_REPONSE: &str =
    "\n[recours_gracieux]\nenvoi = 2026-09-22\nreception = 2026-09-24\n";

#[test]
fn gracieux_cert_adult_renewal_cni() {
    insta::assert_snapshot!(compose_text(BASE));
}

#[test]
fn gracieux_prefecture_de_police_minor_first_passport() {
    let t = set(
        &set(BASE, "demande", "departement", "\"75\""),
        "demande",
        "commune",
        "\"Paris 11e\"",
    );
    let t = set(
        &set(&t, "demande", "document", "\"passeport\""),
        "demande",
        "motif",
        "\"premiere-demande\"",
    );
    insta::assert_snapshot!(compose_text(&minor(&t, "mère")));
}

#[test]
fn gracieux_consulate_adult_lost_passport() {
    let t = set(
        &set(BASE, "demande", "document", "\"passeport\""),
        "demande",
        "motif",
        "\"perte\"",
    );
    let t = abroad_from_france(&t, "consulat", "pays = \"Maroc\"\nville = \"Casablanca\"");
    let t = t.replace(
        "adresse = [\"12 rue des Lilas\", \"84300 Cavaillon\"]",
        "adresse = [\"24 boulevard d'Anfa\", \"20000 Casablanca\", \"MAROC\"]",
    );
    insta::assert_snapshot!(compose_text(&t));
}

#[test]
fn gracieux_embassy_minor_stolen_cni() {
    let t = set(BASE, "demande", "motif", "\"vol\"");
    let t = abroad(&t, "ambassade", "pays = \"Sénégal\"\nville = \"Dakar\"");
    insta::assert_snapshot!(compose_text(&minor(&t, "père")));
}

#[test]
fn hierarchique_interieur_adult_stolen_after_explicit_rejection() {
    let t = set(
        &set(BASE, "", "recours", "\"hierarchique\""),
        "demande",
        "motif",
        "\"vol\"",
    );
    insta::assert_snapshot!(compose_text(&format!("{t}{GRACIEUX_REJETE}")));
}

#[test]
fn hierarchique_interieur_minor_lost_after_silence() {
    let t = set(
        &set(BASE, "", "recours", "\"hierarchique\""),
        "demande",
        "motif",
        "\"perte\"",
    );
    let t = set(&t, "decision", "date", "2026-09-01")
        .replace("notification = 2026-10-20", "notification = 2026-09-04");
    insta::assert_snapshot!(compose_text(&minor(
        &format!("{t}{GRACIEUX_SANS_REPONSE}"),
        "tutrice"
    )));
}

#[test]
fn hierarchique_etrangeres_adult_first_request() {
    let t = set(
        &set(BASE, "", "recours", "\"hierarchique\""),
        "demande",
        "motif",
        "\"premiere-demande\"",
    );
    let t = abroad(&t, "consulat", "pays = \"Algérie\"\nville = \"Oran\"");
    insta::assert_snapshot!(compose_text(&format!("{t}{GRACIEUX_REJETE}")));
}

#[test]
fn hierarchique_etrangeres_minor_renewal() {
    let t = set(
        &set(BASE, "", "recours", "\"hierarchique\""),
        "demande",
        "document",
        "\"passeport\"",
    );
    let t = abroad_from_france(&t, "ambassade", "pays = \"États-Unis\"").replace(
        "adresse = [\"12 rue des Lilas\", \"84300 Cavaillon\"]",
        "adresse = [\"3 Main Street\", \"Boston\", \"ÉTATS-UNIS\"]",
    );
    insta::assert_snapshot!(compose_text(&minor(&t, "mère")));
}

#[test]
fn signalement_adult_with_description() {
    let t = set(BASE, "", "recours", "\"signalement\"")
        .split("[decision]")
        .next()
        .unwrap()
        .to_string();
    let t = set(&t, "demande", "motif", "\"premiere-demande\"");
    let t = format!(
        "{t}\n[signalement]\ndate = 2026-11-10\ndescription = \"L'agent a refusé d'enregistrer ma demande sans acte de naissance de moins de trois mois, alors que j'ai un passeport valide.\"\n"
    );
    insta::assert_snapshot!(compose_text(&t));
}

#[test]
fn signalement_minor_without_description() {
    let t = set(BASE, "", "recours", "\"signalement\"")
        .split("[decision]")
        .next()
        .unwrap()
        .to_string();
    insta::assert_snapshot!(compose_text(&minor(&t, "père")));
}

#[test]
fn defenseur_adult_after_both_recours() {
    let t = set(BASE, "", "recours", "\"defenseur\"");
    let t = set(&t, "decision", "date", "2026-06-01")
        .replace("notification = 2026-10-20", "notification = 2026-06-03");
    let t = format!(
        "{t}\n[recours_gracieux]\nenvoi = 2026-06-20\nreception = 2026-06-23\nrejet = 2026-07-30\n\n[recours_hierarchique]\nenvoi = 2026-07-01\nreception = 2026-07-04\n"
    );
    insta::assert_snapshot!(compose_text(&t));
}

#[test]
fn defenseur_minor_abroad_without_earlier_recours() {
    let t = set(BASE, "", "recours", "\"defenseur\"");
    let t = abroad(&t, "consulat", "pays = \"Tunisie\"\nville = \"Tunis\"");
    insta::assert_snapshot!(compose_text(&minor(&t, "mère")));
}

#[test]
fn every_argument_user_paragraphs_request_enclosures_and_supplied_addressee() {
    let t = with(
        "lettre",
        "arguments",
        "[\"motivation-insuffisante\", \"doute-suffisant\", \"pieces-nationalite\", \"acte-etranger-transcrit\", \"liberte-aller-venir\"]",
    );
    let t = with_text(
        &t,
        "lettre",
        "paragraphes = [\"Je vis en France depuis ma naissance; mes deux parents sont français!\"]\ndemande = \"Je vous demande de réexaminer mon dossier.\"\npieces_jointes = [\"Copie de mon acte de naissance transcrit\", \"Copie du passeport de ma mère\"]\nnumero_recommande = \"1A 234 567 8901 2\"",
    );
    let t = set(&t, "demande", "numero", "\"ANTS-2026-77\"");
    let t = format!(
        "{t}\n[destinataire]\nnom = \"Préfecture du Var - CERT\"\nadresse = [\"Boulevard du 112e Régiment d'Infanterie\", \"CS 31209\", \"83070 Toulon Cedex\"]\ncivilite = \"Monsieur\"\n"
    );
    insta::assert_snapshot!(compose_text(&t));
}

#[test]
fn user_text_with_template_syntax_is_printed_literally() {
    let t = set(
        BASE,
        "decision",
        "motif",
        "\"{{ demandeur.nom }} {% if true %}x{% endif %} **gras** @corps\"",
    );
    let t = set(&t, "demandeur", "prenom", "\"- Camille*\"");
    let text = compose_text(&t);
    assert!(
        text.contains("{{ demandeur.nom }} {% if true %}x{% endif %} **gras** @corps"),
        "{text}"
    );
    assert!(text.contains("- Camille* MARTIN"), "{text}");
    assert!(!text.contains("[corps]\n[corps]"));
}

#[test]
fn no_pieces_heading_without_pieces() {
    let t = with("lettre", "pieces_jointes_par_defaut", "false");
    assert!(!compose_text(&t).contains("Pièces jointes"));
}

#[test]
fn every_letter_uses_its_template() {
    let cases = [
        (BASE.to_string(), "gracieux-cert.tera"),
        (
            abroad(BASE, "consulat", "pays = \"Maroc\"\nville = \"Fès\""),
            "gracieux-poste.tera",
        ),
        (
            set(BASE, "", "recours", "\"hierarchique\""),
            "hierarchique-interieur.tera",
        ),
        (
            abroad(
                &set(BASE, "", "recours", "\"hierarchique\""),
                "ambassade",
                "pays = \"Chine\"",
            ),
            "hierarchique-etrangeres.tera",
        ),
        (
            set(BASE, "", "recours", "\"signalement\""),
            "signalement.tera",
        ),
        (set(BASE, "", "recours", "\"defenseur\""), "defenseur.tera"),
    ];
    for (text, name) in cases {
        assert_eq!(template_for(&plan(&text)), name);
    }
}

/// A refusal notified 28 Aug 2026 and a recours gracieux received 24 Sep, unanswered: its
/// implicit rejection arose on 24 Nov, before the letter (27 Nov).
fn after_silent_gracieux(text: &str) -> String {
    let t = set(text, "decision", "date", "2026-08-25")
        .replace("notification = 2026-10-20", "notification = 2026-08-28");
    format!(
        "{t}\n[recours_gracieux]\nenvoi = 2026-09-22\nreception = 2026-09-24\nnumero_recommande = \"1A 987 654 3210 9\"\n"
    )
}

#[test]
fn motifs_cert_adult_after_silent_gracieux() {
    let t = set(BASE, "", "recours", "\"motifs\"");
    insta::assert_snapshot!(compose_text(&after_silent_gracieux(&t)));
}

#[test]
fn motifs_minister_minor_abroad_after_silent_hierarchique() {
    let t = set(BASE, "", "recours", "\"motifs\"");
    let t = set(&t, "decision", "date", "2026-08-01")
        .replace("notification = 2026-10-20", "notification = 2026-08-04");
    let t = abroad(&t, "consulat", "pays = \"Algérie\"\nville = \"Oran\"");
    let t = format!(
        "{t}\n[recours_gracieux]\nenvoi = 2026-08-10\nreception = 2026-08-12\nrejet = 2026-08-30\n\n[recours_hierarchique]\nenvoi = 2026-09-15\nreception = 2026-09-20\n"
    );
    insta::assert_snapshot!(compose_text(&minor(&t, "mère")));
}

#[test]
fn communication_cert_adult_with_email() {
    let t = set(BASE, "", "recours", "\"communication\"");
    let t = set(
        &t,
        "demandeur",
        "courriel",
        "\"camille.martin@example.org\"",
    );
    insta::assert_snapshot!(compose_text(&t));
}

#[test]
fn communication_embassy_minor_civil_status_in_doubt() {
    let t = set(BASE, "", "recours", "\"communication\"");
    let t = set(
        &t,
        "decision",
        "motif",
        "\"Doute sur l'authenticité de l'acte de naissance\"",
    );
    let t = abroad(&t, "ambassade", "pays = \"Sénégal\"\nville = \"Dakar\"");
    insta::assert_snapshot!(compose_text(&minor(&t, "père")));
}
