//! The tables are facts people rely on: these tests check their shape and their coverage.

use std::collections::BTreeSet;

use super::*;

fn offices() -> &'static Offices {
    Offices::builtin()
}

/// cert-coverage.md, transcribed independently of data/certs.toml.
const COVERAGE: &[(&str, &str)] = &[
    ("cert-saint-etienne", "01 03 07 15 26 38 42 43 63 69 73 74"),
    ("cert-nevers", "21 25 39 58 70 71 89 90"),
    ("cert-quimper", "22 29 35 56"),
    ("cert-bourges", "18 28 36 37 41 45"),
    ("cert-bastia", "2A 2B"),
    ("cert-metz", "08 10 51 52 54 55 57 67 68 88"),
    ("cert-arras", "02 59 60 62 80"),
    ("prefecture-de-police", "75"),
    ("cert-melun", "77 93"),
    ("cert-versailles", "78 95"),
    ("cert-creteil", "91 94"),
    ("cert-boulogne-billancourt", "92"),
    ("cert-alencon", "14 27 50 61 76"),
    ("cert-agen", "16 17 19 23 24 33 40 47 64 79 86 87"),
    ("cert-montpellier", "09 11 12 30 31 32 34 46 48 65 66 81 82"),
    ("cert-le-mans", "44 49 53 72 85"),
    ("cert-toulon", "04 05 06 13 83 84"),
    ("cert-martinique", "971 972 977 978"),
    ("cert-guyane", "973"),
    ("cert-la-reunion", "974 976"),
];

#[test]
fn every_departement_resolves_to_exactly_one_cert_as_in_cert_coverage() {
    let o = offices();
    for d in o
        .departements
        .iter()
        .filter(|d| d.categorie == Categorie::Departement)
    {
        let certs: Vec<&str> = o
            .certs
            .iter()
            .filter(|c| c.departements.contains(&d.code))
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(
            certs.len(),
            1,
            "{} ({}) is covered by {certs:?}",
            d.code,
            d.nom
        );
        let expected = COVERAGE
            .iter()
            .find(|(_, deps)| deps.split(' ').any(|x| x == d.code))
            .map(|(id, _)| *id);
        assert_eq!(Some(certs[0]), expected, "département {}", d.code);
    }
}

#[test]
fn coverage_table_lists_every_cert_and_101_departements() {
    let o = offices();
    let listed: usize = COVERAGE.iter().map(|(_, d)| d.split(' ').count()).sum();
    assert_eq!(
        listed,
        101 + 2,
        "101 départements plus Saint-Barthélemy and Saint-Martin"
    );
    assert_eq!(
        o.departements
            .iter()
            .filter(|d| d.categorie == Categorie::Departement)
            .count(),
        101
    );
    for (id, deps) in COVERAGE {
        let cert = o.office(id).unwrap_or_else(|| panic!("{id} missing"));
        let mut got: Vec<&str> = cert.departements.iter().map(String::as_str).collect();
        let mut want: Vec<&str> = deps.split(' ').collect();
        got.sort_unstable();
        want.sort_unstable();
        assert_eq!(got, want, "{id}");
    }
    assert_eq!(o.certs.len(), COVERAGE.len());
}

#[test]
fn collectivites_without_a_known_cert_resolve_to_none() {
    let o = offices();
    for code in ["975", "986", "987", "988"] {
        assert!(
            o.departement(code).is_some(),
            "{code} is a known collectivité"
        );
        assert!(o.cert_for(code).is_none(), "{code} must not be guessed");
    }
    assert_eq!(o.cert_for("977").unwrap().id, "cert-martinique");
    assert_eq!(o.cert_for("978").unwrap().id, "cert-martinique");
}

#[test]
fn ids_and_codes_are_unique() {
    let o = offices();
    let mut ids = BTreeSet::new();
    for id in o
        .office_ids()
        .chain(o.tribunaux.iter().map(|t| t.id.as_str()))
    {
        assert!(ids.insert(id), "duplicate id {id}");
    }
    let mut codes = BTreeSet::new();
    for d in &o.departements {
        assert!(codes.insert(&d.code), "duplicate département {}", d.code);
    }
    let mut names = BTreeSet::new();
    for p in &o.pays {
        for n in std::iter::once(&p.nom).chain(&p.alias) {
            assert!(
                names.insert(crate::suggest::fold(n)),
                "duplicate country name {n}"
            );
        }
    }
}

#[test]
fn every_row_has_a_source_and_confirmed_addresses_are_complete() {
    let o = offices();
    for office in o.certs.iter().chain(&o.administrations) {
        assert!(!office.adresse_source.is_empty(), "{}", office.id);
        assert!(!office.destinataire.is_empty(), "{}", office.id);
        for line in &office.destinataire {
            assert!(
                line.chars().count() <= crate::postal::MAX_LINE_CHARS,
                "{}: {line}",
                office.id
            );
        }
        match office.adresse_statut {
            AddressStatus::Confirmee | AddressStatus::Probable => {
                let a = office
                    .adresse
                    .as_ref()
                    .unwrap_or_else(|| panic!("{} confirmed without address", office.id));
                assert!(
                    !a.voie.is_empty() && a.code_postal.len() == 5 && !a.localite.is_empty(),
                    "{}",
                    office.id
                );
                for line in a.lines() {
                    assert!(
                        line.chars().count() <= crate::postal::MAX_LINE_CHARS,
                        "{}: {line}",
                        office.id
                    );
                }
                // A Cert's block adds the préfet's line above its own.
                let prefet = usize::from(!office.prefet_de.is_empty());
                let block = prefet + office.destinataire.len() + a.lines().len();
                assert!(
                    block <= crate::postal::MAX_LINES,
                    "{}: {block} lines",
                    office.id
                );
            }
            AddressStatus::AVerifier => {}
            AddressStatus::Fournie => {
                panic!("{}: tables never hold a case-file address", office.id)
            }
        }
        if office.id.starts_with("cert-") {
            assert!(office.couverture.is_some(), "{}", office.id);
            assert_eq!(
                office.adresse_statut,
                AddressStatus::Probable,
                "{}: a Cert's own address is never confirmed; the host préfecture's is probable",
                office.id
            );
            assert!(
                office
                    .adresse_source
                    .contains("lannuaire.service-public.fr")
                    && office.adresse_source.contains("fiche du 20"),
                "{}: a probable address names its directory record and date",
                office.id
            );
            assert!(
                office.prefet_de.starts_with("du ")
                    || office.prefet_de.starts_with("de ")
                    || office.prefet_de.starts_with("des "),
                "{}: prefet_de « {} »",
                office.id,
                office.prefet_de
            );
            assert!(
                !office.adresse_source.contains("Torcy") || office.id == "cert-agen",
                "{}",
                office.id
            );
        }
    }
    for d in &o.departements {
        assert!(!d.source.is_empty() && !d.nom.is_empty(), "{}", d.code);
    }
    for t in &o.tribunaux {
        assert!(!t.departements_source.is_empty(), "{}", t.id);
        assert_eq!(
            t.adresse_statut,
            AddressStatus::AVerifier,
            "{}: court addresses are dated",
            t.id
        );
    }
    for p in &o.pays {
        assert!(!p.source.is_empty(), "{}", p.nom);
        assert!(
            ["au", "en", "aux", "à", "à la", "près le"].contains(&p.preposition.as_str()),
            "{}: {}",
            p.nom,
            p.preposition
        );
    }
}

#[test]
fn every_departement_has_exactly_one_tribunal() {
    let o = offices();
    for d in &o.departements {
        let n = o
            .tribunaux
            .iter()
            .filter(|t| t.departements.contains(&d.code))
            .count();
        assert_eq!(n, 1, "{} ({})", d.code, d.nom);
    }
    assert_eq!(o.tribunal_for("84").unwrap().id, "ta-nimes");
    assert_eq!(o.tribunal_for("93").unwrap().id, "ta-montreuil");
    assert_eq!(o.tribunal_for("92").unwrap().id, "ta-cergy-pontoise");
    assert_eq!(o.tribunal_for("91").unwrap().id, "ta-versailles");
}

#[test]
fn every_cert_seat_is_a_known_departement_with_a_court() {
    let o = offices();
    for c in &o.certs {
        let seat = c
            .departement_siege
            .as_deref()
            .unwrap_or_else(|| panic!("{} has no seat", c.id));
        assert!(o.departement(seat).is_some(), "{}", c.id);
        assert!(o.tribunal_for(seat).is_some(), "{}", c.id);
    }
}

#[test]
fn names_are_matched_loosely() {
    let o = offices();
    assert_eq!(o.pays("cote d'ivoire").unwrap().nom, "Côte d'Ivoire");
    assert_eq!(o.pays("ETATS-UNIS").unwrap().locatif(), "aux États-Unis");
    assert_eq!(o.pays("Maroc").unwrap().locatif(), "au Maroc");
    assert_eq!(o.pays("Algérie").unwrap().locatif(), "en Algérie");
    assert_eq!(o.pays("madagascar").unwrap().locatif(), "à Madagascar");
    assert!(o.pays("Atlantide").is_none());
    assert_eq!(o.tribunal_named("TA de Nimes").unwrap().id, "ta-nimes");
    assert_eq!(
        o.tribunal_named("Tribunal administratif de la Guyane")
            .unwrap()
            .id,
        "ta-guyane"
    );
    assert!(o.tribunal_named("tribunal administratif").is_none());
}

#[test]
fn every_post_is_in_a_known_country_and_probable_addresses_fit_the_envelope() {
    let o = offices();
    assert!(o.ambassades.len() > 180 && o.consulats.len() > 70);
    for a in &o.ambassades {
        assert!(o.pays(&a.pays).is_some(), "{}", a.pays);
        assert!(
            a.source.contains("lannuaire.service-public.fr"),
            "{}",
            a.pays
        );
        match a.adresse_statut {
            AddressStatus::Probable => {
                let lines = a.lines();
                assert!(lines.len() >= 3, "{}", a.pays);
                // « Ambassade de France », « au Maroc », then the postal lines: 7 at most
                // for mail abroad.
                assert!(2 + lines.len() <= 7, "{}: {lines:?}", a.pays);
                for l in &lines {
                    assert!(
                        l.chars().count() <= crate::postal::MAX_LINE_CHARS,
                        "{}: {l}",
                        a.pays
                    );
                }
            }
            AddressStatus::AVerifier => assert!(a.voie.is_empty(), "{}", a.pays),
            other => panic!("{}: {other:?}", a.pays),
        }
    }
    for c in &o.consulats {
        assert!(o.pays(&c.pays).is_some(), "{}", c.pays);
        assert!(c.source.contains("2022-11-16"), "{}", c.ville);
    }
}

#[test]
fn consulates_are_found_by_town_and_a_misspelt_town_gets_a_suggestion() {
    use crate::offices::ConsulatLookup;
    let o = offices();
    assert!(
        matches!(o.consulat("Canada", "montreal"), ConsulatLookup::Connu(c) if c.ville == "Montréal")
    );
    assert_eq!(
        o.consulat("Canada", "Torronto"),
        ConsulatLookup::Inconnu(vec!["Toronto"])
    );
    assert_eq!(
        o.consulat("Canada", "Ottawa"),
        ConsulatLookup::Inconnu(vec![])
    );
    // The extract lists a Moroccan consulate without its town: no suggestion there.
    assert_eq!(o.consulat("Maroc", "Rabat"), ConsulatLookup::Incertain);
}
