//! What the letters say, ground by ground: each test names the fault it guards against
//! (issue 13). The text is flattened (plain spaces and apostrophes) so the assertions read
//! as French.

use super::tests::compose_text;
use crate::case::tests::{BASE, minor, with, with_in};

fn letter(text: &str) -> String {
    compose_text(text)
        .replace(['\u{a0}', '\u{202f}', '⍽', '·'], " ")
        .replace('’', "'")
}

fn with_motif(text: &str, motif: &str) -> String {
    with_in(text, "decision", "motif", &format!("\"{motif}\""))
}

#[test]
fn minor_cni_letter_cites_the_cni_decret_not_the_passport_one() {
    let l = letter(&minor(BASE, "mère"));
    assert!(l.contains("décret n° 55-1397 du 22 octobre 1955"), "{l}");
    assert!(l.contains("fiche F18605"), "{l}");
    assert!(!l.contains("2005-1726"), "{l}");
    let passport = with_in(BASE, "demande", "document", "\"passeport\"");
    let l = letter(&minor(&passport, "mère"));
    assert!(
        l.contains("décret n° 2005-1726 du 30 décembre 2005, art. 8"),
        "{l}"
    );
}

#[test]
fn doubt_ground_asserts_nothing_the_case_does_not_say() {
    let l = letter(&with_motif(
        BASE,
        "Doute sur l'authenticité de l'acte de naissance",
    ));
    assert!(!l.contains("ne fait état d'aucun élément"), "{l}");
    assert!(!l.contains("établissent"), "{l}");
    assert!(
        l.contains("Si un doute existe sur l'acte d'état civil produit, je vous demande"),
        "{l}"
    );
    // The default enclosures (the decision, the old card) are not said to prove nationality…
    assert!(!l.contains("Les pièces que je joins"), "{l}");
    // …the pieces the user lists are.
    let listed = with(
        "lettre",
        "pieces_jointes",
        "[\"Copie de mon acte de naissance\"]",
    );
    let l = letter(&listed);
    assert!(
        l.contains("Les pièces que je joins à la présente lettre sont de nature à établir"),
        "{l}"
    );
}

#[test]
fn insufficient_reasons_ground_asks_instead_of_asserting_what_the_decision_omits() {
    let t = with("lettre", "arguments", "[\"motivation-insuffisante\"]");
    let l = letter(&t);
    assert!(!l.contains("sans préciser quelle pièce"), "{l}");
    assert!(l.contains("art. L. 211-2"), "{l}");
    assert!(
        l.contains("je vous demande de bien vouloir me préciser quelle pièce ferait défaut"),
        "{l}"
    );
    let l = letter(&with_motif(
        &t,
        "Doute sur l'authenticité de l'acte de naissance",
    ));
    assert!(
        l.contains("me préciser les éléments de fait sur lesquels il repose"),
        "{l}"
    );
}

#[test]
fn other_parents_opposition_points_to_the_family_judge_not_to_article_372_2() {
    let t = with_motif(&minor(BASE, "mère"), "Opposition écrite de l'autre parent");
    let l = letter(&t);
    assert!(!l.contains("372-2"), "{l}");
    assert!(!l.contains("tiers de bonne foi"), "{l}");
    assert!(l.contains("juge aux affaires familiales"), "{l}");
    // The doubt on identity is not the point: that ground is left out.
    assert!(!l.contains("doute suffisant"), "{l}");
}

#[test]
fn minors_tutor_is_appointed_by_the_family_council_without_the_adult_clause() {
    let l = letter(&minor(BASE, "tuteur"));
    assert!(l.contains("désigné par le conseil de famille"), "{l}");
    assert!(
        l.contains("Copie de la délibération du conseil de famille me désignant comme tuteur"),
        "{l}"
    );
    assert!(!l.contains("majeur"), "{l}");
    assert!(!l.contains("décision de justice me désignant"), "{l}");
}

#[test]
fn freedom_to_come_and_go_cites_the_decisions_that_state_it() {
    let l = letter(&with("lettre", "arguments", "[\"liberte-aller-venir\"]"));
    assert!(!l.contains("263121"), "{l}");
    assert!(l.contains("CE, 8 avril 1987, Peltier, n° 55895"), "{l}");
    assert!(
        l.contains("CE, juge des référés, 22 août 2003, n° 259583"),
        "{l}"
    );
}

#[test]
fn french_elides_names_the_capacity_with_its_article_and_the_arrondissement() {
    let t = minor(BASE, "mère")
        .replace("prenom = \"Léa\"", "prenom = \"Awa\"")
        .replace("commune = \"Cavaillon\"", "commune = \"Paris 11e\"")
        .replace("departement = \"84\"", "departement = \"75\"");
    let l = letter(&t);
    assert!(l.contains("en qualité de mère d'Awa Martin"), "{l}");
    assert!(!l.contains("de Awa"), "{l}");
    assert!(
        l.contains("la mairie du 11^e arrondissement de Paris"),
        "{l}"
    );
    let d = letter(&with_in(&t, "", "recours", "\"defenseur\""));
    assert!(d.contains("dont je suis la mère"), "{d}");
}

#[test]
fn several_grounds_are_numbered_and_one_is_not() {
    let l = letter(&minor(BASE, "mère"));
    assert!(
        l.contains("En premier lieu, l'administration doit vérifier"),
        "{l}"
    );
    assert!(
        l.contains("En second lieu, j'agis en qualité de mère"),
        "{l}"
    );
    let l = letter(BASE);
    assert!(!l.contains("En premier lieu"), "{l}");
    assert!(l.contains("\nL'administration doit vérifier"), "{l}");
}

#[test]
fn three_grounds_say_deuxieme_not_second() {
    let t = with_in(
        &minor(BASE, "mère"),
        "lettre",
        "arguments",
        "[\"motivation-insuffisante\", \"doute-suffisant\", \"autorite-parentale\"]",
    );
    let l = letter(&t);
    assert!(!l.contains("second lieu"), "{l}");
    let premier = l.find("\nEn premier lieu, cette décision").expect(&l);
    let deuxieme = l
        .find("\nEn deuxième lieu, l'administration doit vérifier")
        .expect(&l);
    let enfin = l.find("\nEnfin, j'agis en qualité de mère").expect(&l);
    assert!(premier < deuxieme && deuxieme < enfin, "{l}");
}

#[test]
fn hierarchique_asks_to_annul_and_to_have_the_title_issued() {
    let l = letter(&with("", "recours", "\"hierarchique\""));
    assert!(
        l.contains("annuler cette décision et de faire procéder"),
        "{l}"
    );
}

#[test]
fn cert_decision_is_the_prefets_and_the_letter_says_so() {
    let l = letter(BASE);
    assert!(
        l.contains("le préfet du Var (Cert de Toulon) a rejeté cette demande"),
        "{l}"
    );
    assert!(
        l.contains("[destinataire]\nPréfecture du Var\nCentre d'expertise"),
        "{l}"
    );
    assert!(!l.contains("[adresse à recopier"), "{l}");
}

#[test]
fn hierarchique_goes_to_the_minister_and_attacks_both_decisions() {
    let t = format!(
        "{}\n[recours_gracieux]\nenvoi = 2026-10-22\nreception = 2026-10-24\nrejet = 2026-11-16\n",
        with_in(
            &with("", "recours", "\"hierarchique\""),
            "destinataire",
            "civilite",
            "\"Monsieur\""
        )
    );
    let l = letter(&t);
    assert!(
        l.contains(
            "[destinataire]\nMonsieur le Ministre de l'Intérieur\nDirection des libertés publiques"
        ),
        "{l}"
    );
    assert!(l.contains("\nMonsieur le Ministre,\n"), "{l}");
    assert!(
        l.contains("J'ai l'honneur de former auprès de vous un recours hiérarchique"),
        "{l}"
    );
    assert!(l.contains("et contre la décision, qui m'a été notifiée le 16 novembre 2026, rejetant mon recours gracieux"), "{l}");
    assert!(l.contains("annuler ces décisions"), "{l}");
    assert!(
        l.contains("Je vous prie d'agréer, Monsieur le Ministre, l'expression de ma très haute considération."),
        "{l}"
    );
}

#[test]
fn neutral_appel_is_closed_with_distinguished_consideration_for_every_letter() {
    for kind in ["gracieux", "hierarchique", "signalement", "defenseur"] {
        let l = letter(&with("", "recours", &format!("\"{kind}\"")));
        assert!(l.contains("\nMadame, Monsieur,\n"), "{kind}: {l}");
        assert!(
            l.contains("Je vous prie d'agréer, Madame, Monsieur, l'expression de ma considération distinguée."),
            "{kind}: {l}"
        );
        assert!(!l.contains("haute considération"), "{kind}: {l}");
    }
}

#[test]
fn every_recours_asks_for_the_missing_pieces_the_file_and_an_acknowledgement() {
    for kind in ["gracieux", "hierarchique"] {
        let l = letter(&with("", "recours", &format!("\"{kind}\"")));
        assert!(l.contains("m'indiquer précisément lesquelles"), "{l}");
        assert!(l.contains("communication des documents du dossier (code des relations entre le public et l'administration, art. L. 311-1)"), "{l}");
        assert!(
            l.contains("accusé de réception de ce recours (même code, art. L. 112-3)"),
            "{l}"
        );
        assert!(
            l.contains(
                "À défaut de réponse favorable, je saisirai le tribunal administratif compétent."
            ),
            "{l}"
        );
    }
    let l = letter(&with("", "recours", "\"signalement\""));
    assert!(!l.contains("je saisirai le tribunal"), "{l}");
}

#[test]
fn urgency_and_birth_are_printed_only_when_the_case_gives_them() {
    let l = letter(BASE);
    assert!(!l.contains("urgence"), "{l}");
    assert!(!l.contains("Née le"), "{l}");
    let t = with_in(
        &with_in(
            &with(
                "lettre",
                "urgence",
                "\"un voyage prévu le 15 janvier 2027.\"",
            ),
            "demandeur",
            "date_naissance",
            "1980-05-14",
        ),
        "demandeur",
        "lieu_naissance",
        "\"Avignon\"",
    );
    let l = letter(&t);
    assert!(
        l.contains("J'attire votre attention sur l'urgence de ma situation : un voyage prévu le 15 janvier 2027. Je vous remercie"),
        "{l}"
    );
    assert!(
        l.contains("Camille MARTIN\nNée le 14 mai 1980 à Avignon\n"),
        "{l}"
    );
}

#[test]
fn grounds_with_their_facts_are_argued_and_numbered() {
    let t = format!(
        "{BASE}\n[faits]\nacte_etranger = \"acte de naissance dressé à Dakar (Sénégal)\"\ncertificat_nationalite = 2019-05-03\ntitre_anterieur = \"passeport délivré le 3 mars 2015\"\npossession_etat = \"cartes d'identité depuis 1998\"\n"
    );
    let l = letter(&t);
    assert!(
        l.contains("En premier lieu, l'administration doit vérifier"),
        "{l}"
    );
    assert!(
        l.contains("En deuxième lieu, un certificat de nationalité française a été délivré à mon nom le 3 mai 2019")
            && l.contains("(code civil, art. 30, al. 2)"),
        "{l}"
    );
    assert!(
        l.contains("En troisième lieu, mon état civil est établi par un acte dressé à l'étranger : acte de naissance dressé à Dakar (Sénégal). Or")
            && l.contains("(code civil, art. 47)"),
        "{l}"
    );
    assert!(
        l.contains("En quatrième lieu, j'ai déjà été titulaire d'un titre sécurisé (passeport délivré le 3 mars 2015)"),
        "{l}"
    );
    assert!(
        l.contains(
            "Enfin, lorsque la nationalité française ne peut avoir sa source que dans la filiation"
        ) && l.contains("(code civil, art. 30-2)")
            && l.contains(": cartes d'identité depuis 1998."),
        "{l}"
    );
}

#[test]
fn a_ground_named_without_its_fact_is_refused_with_the_key_to_add() {
    let t = with("lettre", "arguments", "[\"certificat-nationalite\"]");
    let e = crate::case::tests::parse_toml(&t).expect_err("the fact is missing");
    let text = e.to_string();
    assert!(text.contains("faits.certificat_nationalite"), "{text}");
    assert!(text.contains("ajoutez dans [faits]"), "{text}");
}

/// The case's `faits.possession_etat` is the writer's own possession d'état; the letter once
/// asserted « Celui de mes parents susceptible de me la transmettre et moi-même en avons joui »,
/// a fact about the parent that no case key gives.
#[test]
fn possession_etat_does_not_assert_the_parents_possession() {
    let t = format!("{BASE}\n[faits]\npossession_etat = \"cartes d'identité depuis 1998\"\n");
    let l = letter(&t);
    assert!(!l.contains("Celui de mes parents"), "{l}");
    assert!(
        l.contains(
            "J'ai joui de façon constante de la possession d'état de Français : cartes d'identité depuis 1998. Je vous demande de bien vouloir en tenir compte"
        ),
        "{l}"
    );
    assert!(
        l.contains("les justificatifs attendus quant à la possession d'état du parent"),
        "{l}"
    );
}

/// A gracieux written after the court's time limit had passed still ended « je saisirai le
/// tribunal administratif compétent », a step the writer can no longer take in time.
#[test]
fn no_court_threat_once_the_courts_time_limit_has_passed() {
    let sentence = "je saisirai le tribunal administratif compétent";
    assert!(letter(BASE).contains(sentence));
    let late = BASE
        .replace("date = 2026-10-15", "date = 2026-06-01")
        .replace("notification = 2026-10-20", "notification = 2026-06-03");
    assert_ne!(late, BASE);
    let l = letter(&late);
    assert!(!l.contains(sentence), "{l}");
    assert!(l.contains("accusé de réception de ce recours"), "{l}");
}

/// A signalement with no description asserted « Ma demande n'a pas pu être enregistrée dans
/// des conditions normales », a fact the case file did not give.
#[test]
fn signalement_without_description_asserts_no_fact() {
    let l = letter(&with("", "recours", "\"signalement\""));
    assert!(!l.contains("n'a pas pu être enregistrée"), "{l}");
    assert!(
        l.contains("Je comprends que la mairie a pour rôle d'accueillir les demandes"),
        "{l}"
    );
}
