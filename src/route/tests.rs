//! Routing for every situation of the service-public page.

use super::*;
use crate::case::Case;
use crate::case::tests::{BASE, abroad, minor, parse_toml, with, with_in};
use crate::offices::{AddressStatus, Categorie};

fn route_of(text: &str) -> Result<Route, Error> {
    let case: Case = parse_toml(text).unwrap_or_else(|e| panic!("{e}"));
    route(&case, Offices::builtin())
}

fn mairie(kind: &str, departement: &str) -> String {
    with_in(
        &with("", "recours", &format!("\"{kind}\"")),
        "demande",
        "departement",
        &format!("\"{departement}\""),
    )
}

#[test]
fn every_departement_routes_to_its_cert_for_gracieux_and_signalement() {
    let offices = Offices::builtin();
    let mut routed = 0;
    for d in offices
        .departements
        .iter()
        .filter(|d| d.categorie == Categorie::Departement)
    {
        let expected = offices.cert_for(&d.code).unwrap().id.clone();
        for kind in ["gracieux", "signalement"] {
            let r = route_of(&mairie(kind, &d.code)).unwrap();
            assert_eq!(r.destinataire.id, expected, "{kind} {}", d.code);
            routed += 1;
        }
    }
    assert_eq!(routed, 202);
    assert_eq!(
        route_of(&mairie("gracieux", "84")).unwrap().destinataire.id,
        "cert-toulon"
    );
    assert_eq!(
        route_of(&mairie("gracieux", "2A")).unwrap().destinataire.id,
        "cert-bastia"
    );
    assert_eq!(
        route_of(&mairie("gracieux", "93")).unwrap().destinataire.id,
        "cert-melun"
    );
    assert_eq!(
        route_of(&mairie("gracieux", "976"))
            .unwrap()
            .destinataire
            .id,
        "cert-la-reunion"
    );
    assert_eq!(
        route_of(&mairie("gracieux", "977"))
            .unwrap()
            .destinataire
            .id,
        "cert-martinique"
    );
}

#[test]
fn postcodes_route_like_departements() {
    for (cp, id) in [
        ("20169", "cert-bastia"),
        ("20600", "cert-bastia"),
        ("97150", "cert-martinique"),
        ("75011", "prefecture-de-police"),
        ("97600", "cert-la-reunion"),
    ] {
        let t = BASE.replace("departement = \"84\"", &format!("code_postal = \"{cp}\""));
        let r = route_of(&t).unwrap();
        assert_eq!(r.destinataire.id, id, "{cp}");
        assert!(
            r.raisons
                .iter()
                .any(|x| x.regle.contains("déduit du code postal")),
            "{cp}"
        );
    }
}

#[test]
fn paris_goes_to_the_prefecture_de_police_with_its_confirmed_address() {
    let r = route_of(&mairie("gracieux", "75")).unwrap();
    let a = &r.destinataire;
    assert_eq!(a.id, "prefecture-de-police");
    assert_eq!(a.adresse_statut, AddressStatus::Confirmee);
    assert_eq!(
        a.bloc(),
        vec![
            "Préfecture de police",
            "DPG – 2e bureau",
            "9 BOULEVARD DU PALAIS",
            "75195 PARIS CEDEX 04"
        ]
    );
    assert!(r.raisons.iter().any(|x| x.source.contains("55-1397")));
    assert_eq!(r.tribunal.unwrap().tribunal.unwrap().id, "ta-paris");
}

#[test]
fn cert_letter_goes_to_the_prefet_at_the_host_prefecture_address_marked_probable() {
    let r = route_of(BASE).unwrap();
    assert_eq!(r.destinataire.adresse_statut, AddressStatus::Probable);
    assert_eq!(
        r.destinataire.bloc(),
        vec![
            "Préfecture du Var",
            "Centre d'expertise et de ressources",
            "titres (Cert) de Toulon",
            "BD DU 112E REGIMENT D INFANTERIE",
            "CS 31209",
            "83070 TOULON CEDEX",
        ]
    );
    assert!(
        r.avertissements
            .iter()
            .any(|w| w.starts_with("adresse probable") && w.contains("décision")),
        "{:?}",
        r.avertissements
    );
    assert_eq!(r.auteur.avec_article, "le préfet du Var (Cert de Toulon)");
    let hint = r.tribunal.unwrap();
    assert_eq!(hint.certitude, "probable");
    assert_eq!(hint.tribunal.unwrap().id, "ta-toulon");
    // Appel and closing form one row of the reference's table.
    assert_eq!(r.destinataire.appel, "Madame, Monsieur,");
    assert!(
        r.destinataire
            .formule
            .ends_with("ma considération distinguée.")
    );
    let r = route_of(&with("destinataire", "civilite", "\"Monsieur\"")).unwrap();
    assert_eq!(r.destinataire.lignes[0], "Monsieur le Préfet du Var");
    assert_eq!(r.destinataire.appel, "Monsieur le Préfet,");
    assert!(r.destinataire.formule.ends_with("ma haute considération."));
}

#[test]
fn agen_uses_the_lot_et_garonne_prefecture_not_the_torcy_data_error() {
    let r = route_of(&mairie("gracieux", "47")).unwrap();
    let bloc = r.destinataire.bloc();
    assert_eq!(bloc.last().unwrap(), "47920 AGEN CEDEX 9");
    assert!(!bloc.iter().any(|l| l.contains("TORCY")), "{bloc:?}");
}

#[test]
fn hierarchique_goes_to_dlpaj_in_france_and_to_the_sfe_abroad() {
    let r = route_of(&mairie("hierarchique", "13")).unwrap();
    assert_eq!(r.destinataire.id, "dlpaj");
    assert_eq!(r.destinataire.adresse_statut, AddressStatus::Confirmee);
    assert_eq!(
        r.destinataire.bloc().last().unwrap(),
        "75800 PARIS CEDEX 08"
    );
    let r = route_of(&abroad(
        &with("", "recours", "\"hierarchique\""),
        "consulat",
        "pays = \"Maroc\"\nville = \"Casablanca\"",
    ))
    .unwrap();
    assert_eq!(r.destinataire.id, "service-francais-etranger");
    assert_eq!(r.destinataire.bloc().len(), 6);
    assert_eq!(r.tribunal.unwrap().tribunal.unwrap().id, "ta-paris");
}

#[test]
fn gracieux_abroad_goes_to_the_consul_or_the_ambassador() {
    let r = route_of(&abroad(
        &with("", "recours", "\"gracieux\""),
        "consulat",
        "pays = \"Maroc\"\nville = \"Casablanca\"",
    ))
    .unwrap();
    assert_eq!(r.destinataire.id, "consul-general");
    assert_eq!(
        r.destinataire.lignes,
        vec!["Consulat général de France", "à Casablanca"]
    );
    assert_eq!(r.destinataire.adresse_statut, AddressStatus::AVerifier);
    let r = route_of(&abroad(
        &with("", "recours", "\"gracieux\""),
        "consulat",
        "pays = \"Égypte\"\nville = \"Le Caire\"",
    ))
    .unwrap();
    assert_eq!(r.destinataire.lignes[1], "au Caire");
    let r = route_of(&abroad(
        &with("", "recours", "\"gracieux\""),
        "ambassade",
        "pays = \"etats-unis\"",
    ))
    .unwrap();
    assert_eq!(r.destinataire.id, "ambassadeur");
    assert_eq!(
        r.destinataire.lignes,
        vec!["Ambassade de France", "aux États-Unis"]
    );
    assert_eq!(r.destinataire.appel, "Madame, Monsieur,");
    assert!(r.destinataire.formule.contains("considération distinguée"));
}

#[test]
fn defenseur_goes_to_the_defenseur_des_droits_from_anywhere() {
    for text in [
        mairie("defenseur", "59"),
        abroad(
            &with("", "recours", "\"defenseur\""),
            "ambassade",
            "pays = \"Sénégal\"",
        ),
    ] {
        let r = route_of(&text).unwrap();
        assert_eq!(r.destinataire.id, "defenseur-des-droits");
        assert_eq!(
            r.destinataire.bloc(),
            vec![
                "Défenseur des droits",
                "LIBRE REPONSE 71120",
                "75342 PARIS CEDEX 07"
            ]
        );
        assert!(
            r.etapes_suivantes
                .iter()
                .any(|s| s.contains("n'interrompt ni ne suspend"))
        );
    }
}

#[test]
fn signalement_abroad_is_refused() {
    let text = abroad(
        &with("", "recours", "\"signalement\""),
        "consulat",
        "pays = \"Maroc\"\nville = \"Rabat\"",
    );
    let e = parse_toml(&text).unwrap_err();
    assert!(
        e.problems
            .iter()
            .any(|p| p.message.contains("difficulté rencontrée en mairie")),
        "{e}"
    );
}

#[test]
fn minor_letters_name_the_representative_for_every_kind() {
    for kind in ["gracieux", "hierarchique", "signalement", "defenseur"] {
        let r = route_of(&minor(&mairie(kind, "84"), "mère")).unwrap();
        assert!(
            r.raisons.iter().any(|x| x
                .regle
                .contains("Léa Martin par Camille Martin, en qualité de mère")),
            "{kind}: {:?}",
            r.raisons
        );
    }
    let r = route_of(&minor(
        &abroad(
            &with("", "recours", "\"gracieux\""),
            "consulat",
            "pays = \"Maroc\"\nville = \"Fès\"",
        ),
        "mère",
    ))
    .unwrap();
    assert_eq!(r.destinataire.id, "consul-general");
}

#[test]
fn destinataire_from_the_case_file_wins() {
    let text = format!(
        "{BASE}\n[destinataire]\nnom = \"Préfecture du Var – CERT de Toulon\"\nadresse = [\"Boulevard du 112e RI\", \"83000 Toulon\"]\ncivilite = \"Madame\"\n"
    );
    let r = route_of(&text).unwrap();
    let a = &r.destinataire;
    assert_eq!(a.id, "cert-toulon");
    assert_eq!(a.adresse_statut, AddressStatus::Fournie);
    assert_eq!(a.appel, "Madame la Préfète,");
    assert_eq!(
        a.bloc(),
        vec![
            "Préfecture du Var – CERT de Toulon",
            "Boulevard du 112e RI",
            "83000 Toulon"
        ]
    );
    assert!(
        !r.avertissements
            .iter()
            .any(|w| w.starts_with("adresse à vérifier"))
    );

    let other = text.replace("Préfecture du Var – CERT de Toulon", "Service des titres");
    let r = route_of(&other).unwrap();
    assert_eq!(r.destinataire.id, "fourni");
    assert_eq!(r.destinataire.appel, "Madame,");
    assert!(
        r.avertissements
            .iter()
            .any(|w| w.contains("ne ressemble pas au bureau attendu"))
    );

    let forced = format!("{other}id = \"cert-toulon\"\n");
    assert_eq!(route_of(&forced).unwrap().destinataire.id, "cert-toulon");
}

#[test]
fn saint_pierre_et_miquelon_asks_for_the_addressee() {
    let err = route_of(&mairie("gracieux", "975")).unwrap_err();
    assert_eq!(err.exit_code(), crate::error::ExitCode::Input);
    let shown = err.to_string();
    assert!(
        shown.contains("Saint-Pierre-et-Miquelon") && shown.contains("ne devine pas"),
        "{shown}"
    );
    assert!(err.conseil().unwrap().contains("[destinataire]"));
    let text = format!(
        "{}\n[destinataire]\nnom = \"Préfecture de Saint-Pierre-et-Miquelon\"\nadresse = [\"Place du Lieutenant-Colonel-Pigeaud\", \"97500 Saint-Pierre\"]\n",
        mairie("gracieux", "975")
    );
    assert_eq!(route_of(&text).unwrap().destinataire.id, "fourni");
    // The hiérarchique still goes to the DLPAJ.
    assert_eq!(
        route_of(&mairie("hierarchique", "975"))
            .unwrap()
            .destinataire
            .id,
        "dlpaj"
    );
}

#[test]
fn every_motif_and_document_routes_the_same() {
    for motif in ["premiere-demande", "renouvellement", "perte", "vol"] {
        for document in ["carte-identite", "passeport"] {
            let t = with_in(
                &with("demande", "motif", &format!("\"{motif}\"")),
                "demande",
                "document",
                &format!("\"{document}\""),
            );
            assert_eq!(
                route_of(&t).unwrap().destinataire.id,
                "cert-toulon",
                "{motif} {document}"
            );
        }
    }
}

#[test]
fn tribunal_named_on_the_decision_wins() {
    let r = route_of(&with(
        "decision",
        "tribunal",
        "\"Tribunal administratif de Nîmes\"",
    ))
    .unwrap();
    let hint = r.tribunal.unwrap();
    assert_eq!(hint.certitude, "indique-par-la-decision");
    assert_eq!(hint.tribunal.unwrap().id, "ta-nimes");
    assert!(
        route_of(&mairie("signalement", "84"))
            .unwrap()
            .tribunal
            .is_none()
    );
}

#[test]
fn embassy_letter_uses_the_2015_directory_address_as_probable_with_the_website() {
    let r = route_of(&abroad(
        &with("", "recours", "\"gracieux\""),
        "ambassade",
        "pays = \"Maroc\"",
    ))
    .unwrap();
    assert_eq!(r.destinataire.adresse_statut, AddressStatus::Probable);
    assert_eq!(
        r.destinataire.bloc(),
        vec![
            "Ambassade de France",
            "au Maroc",
            "1 rue Ibn Hajar",
            "Rabat Agdal",
            "MAROC"
        ]
    );
    assert!(
        r.raisons
            .iter()
            .any(|x| x.regle.contains("http://www.ambafrance-ma.org")),
        "{:?}",
        r.raisons
    );
}

#[test]
fn consulate_town_without_a_post_gets_vouliez_vous_dire_or_the_embassy() {
    let case = |ville: &str| {
        abroad(
            &with("", "recours", "\"gracieux\""),
            "consulat",
            &format!("pays = \"Canada\"\nville = \"{ville}\""),
        )
    };
    let r = route_of(&case("Torronto")).unwrap();
    assert!(
        r.avertissements
            .iter()
            .any(|w| w.contains("vouliez-vous dire Toronto ?")
                && w.contains("depot = \"ambassade\"")),
        "{:?}",
        r.avertissements
    );
    let r = route_of(&case("Montréal")).unwrap();
    assert!(
        !r.avertissements
            .iter()
            .any(|w| w.contains("vouliez-vous dire")),
        "{:?}",
        r.avertissements
    );
    assert!(
        r.raisons
            .iter()
            .any(|x| x.regle.contains("consulfrance-montreal.org")),
        "{:?}",
        r.raisons
    );
}

#[test]
fn minor_cni_reason_cites_the_cni_decret() {
    let r = route_of(&minor(BASE, "mère")).unwrap();
    let reason = r
        .raisons
        .iter()
        .find(|x| x.regle.contains("représentant légal"))
        .unwrap();
    assert!(reason.source.contains("55-1397"), "{}", reason.source);
    assert!(!reason.source.contains("2005-1726"), "{}", reason.source);
}

#[test]
fn probable_court_follows_the_prefet_and_says_a_misdirected_request_is_transmitted() {
    let hint = route_of(BASE).unwrap().tribunal.unwrap();
    assert!(
        hint.explication.contains("au nom du préfet du Var"),
        "{}",
        hint.explication
    );
    assert!(
        hint.explication.contains("R. 351-3"),
        "{}",
        hint.explication
    );
    assert!(hint.source.contains("R. 312-1"), "{}", hint.source);
}

#[test]
fn motifs_go_to_the_authority_whose_silence_formed_the_rejection() {
    let base = with_in(BASE, "", "recours", "\"motifs\"")
        .replace("date = 2026-10-15", "date = 2026-08-01")
        .replace("notification = 2026-10-20", "notification = 2026-08-04");
    // Silent gracieux: the author of the decision, as for the gracieux.
    let gracieux =
        format!("{base}\n[recours_gracieux]\nenvoi = 2026-08-10\nreception = 2026-08-12\n");
    let r = route(&parse_toml(&gracieux).unwrap(), Offices::builtin()).unwrap();
    assert_eq!(r.destinataire.id, "cert-toulon");
    assert!(
        r.raisons[0]
            .regle
            .contains("dont le silence l'a fait naître"),
        "{:?}",
        r.raisons
    );
    assert_eq!(r.raisons[0].source, "CRPA art. L. 232-4");
    // Gracieux rejected, hiérarchique silent: the minister.
    let hierarchique = format!(
        "{base}\n[recours_gracieux]\nenvoi = 2026-08-10\nreception = 2026-08-12\nrejet = 2026-08-30\n\n[recours_hierarchique]\nenvoi = 2026-09-15\nreception = 2026-09-20\n"
    );
    let r = route(&parse_toml(&hierarchique).unwrap(), Offices::builtin()).unwrap();
    assert_eq!(r.destinataire.id, "dlpaj");
    assert!(
        r.raisons[0].regle.contains("recours hiérarchique"),
        "{:?}",
        r.raisons
    );
}

#[test]
fn communication_goes_to_the_author_of_the_decision() {
    let t = with_in(BASE, "", "recours", "\"communication\"");
    let r = route(&parse_toml(&t).unwrap(), Offices::builtin()).unwrap();
    assert_eq!(r.destinataire.id, "cert-toulon");
    assert_eq!(r.raisons[0].source, "CRPA art. L. 311-1");
    assert!(
        r.etapes_suivantes
            .iter()
            .any(|s| s.contains("CADA") && s.contains("vérifiez"))
    );
    let t = abroad(&t, "consulat", "pays = \"Maroc\"\nville = \"Casablanca\"");
    let r = route(&parse_toml(&t).unwrap(), Offices::builtin()).unwrap();
    assert_eq!(r.destinataire.id, "consul-general");
}

/// The minor's and the representative's genders are not in the case: the reason once said
/// « Léa Martin, représenté par … » and « il justifie » of a mother.
#[test]
fn minor_reason_does_not_give_the_child_or_the_parent_a_gender() {
    let r = route_of(&minor(&mairie("gracieux", "84"), "mère")).unwrap();
    let reason = r
        .raisons
        .iter()
        .find(|x| x.regle.contains("Le document est demandé pour"))
        .expect("a reason names the representative");
    for gendered in ["représenté", "représentée", "il justifie", "elle justifie"] {
        assert!(!reason.regle.contains(gendered), "{}", reason.regle);
    }
}

/// The hint for an unknown holder offered « Monsieur le Préfet, » to a consul, an
/// ambassador and a minister alike.
#[test]
fn unknown_holder_hint_gives_the_appel_of_the_addressees_own_role() {
    let cases = [
        (mairie("gracieux", "84"), "« Monsieur le Préfet, »"),
        (mairie("hierarchique", "84"), "« Monsieur le Ministre, »"),
        (
            abroad(
                &with("", "recours", "\"gracieux\""),
                "consulat",
                "pays = \"Maroc\"\nville = \"Casablanca\"",
            ),
            "« Monsieur le Consul général, »",
        ),
    ];
    for (text, expected) in cases {
        let r = route_of(&text).unwrap();
        let hint = r
            .raisons
            .iter()
            .find(|x| x.regle.contains("indiquez destinataire.civilite"))
            .expect("a hint for the unknown holder");
        assert!(hint.regle.contains(expected), "{}", hint.regle);
    }
}

/// `explique` said the gracieux goes to « l'auteur de la décision : … le Cert de Toulon »,
/// while the letter (rightly) names the préfet du Var as the author.
#[test]
fn gracieux_reason_names_the_prefet_as_author_not_the_cert() {
    let r = route_of(&mairie("gracieux", "84")).unwrap();
    let why = r
        .raisons
        .iter()
        .find(|x| x.regle.contains("s'adresse à l'auteur de la décision"))
        .expect("a reason for the addressee");
    assert!(
        why.regle.contains(
            "le préfet du Var, au nom duquel le Cert de Toulon (région Provence-Alpes-Côte d'Azur) \
             instruit la demande"
        ),
        "{}",
        why.regle
    );
}

/// A refusal resting on the other parent's opposition changed the letter's ground, but
/// `explique` said nothing of it (rule 14 of the reference: flag that case).
#[test]
fn the_other_parents_opposition_is_flagged_in_the_reasons() {
    let text = minor(&mairie("gracieux", "84"), "mère").replace(
        "motif = \"Justificatif de nationalité insuffisant\"",
        "motif = \"Opposition écrite du père à la délivrance\"",
    );
    let r = route_of(&text).unwrap();
    assert!(
        r.raisons.iter().any(|x| x
            .regle
            .contains("La décision retient l'opposition de l'autre parent")
            && x.regle.contains("juge aux affaires familiales")),
        "{:?}",
        r.raisons
    );
    let plain = route_of(&minor(&mairie("gracieux", "84"), "mère")).unwrap();
    assert!(
        !plain
            .raisons
            .iter()
            .any(|x| x.regle.contains("opposition de l'autre parent")),
        "{:?}",
        plain.raisons
    );
}
