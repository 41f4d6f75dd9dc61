//! The rows of the `data/*.toml` tables as serde reads them, before they become [`Office`]s.
//!
//! Rows are parsed strictly (`deny_unknown_fields`) so a misspelt field in a data file fails
//! the tests instead of silently dropping a fact.

use serde::Deserialize;

use super::{AddressStatus, Categorie, Coverage, Departement, Fonction, Office, Pays, Tribunal};
use crate::postal::PostalAddress;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct OfficeFile {
    pub bureau: Vec<OfficeRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct OfficeRow {
    id: String,
    nom: String,
    destinataire: Vec<String>,
    fonction: Fonction,
    #[serde(default)]
    ministere: String,
    ville: String,
    #[serde(default)]
    departement_siege: Option<String>,
    #[serde(default)]
    prefet_de: String,
    #[serde(default)]
    departements: Vec<String>,
    #[serde(default)]
    region: String,
    #[serde(default)]
    couverture_source: Option<String>,
    #[serde(default)]
    couverture_preuve: Option<String>,
    #[serde(default)]
    couverture_confiance: Option<String>,
    voie: Vec<String>,
    code_postal: String,
    localite: String,
    cedex: String,
    adresse_statut: AddressStatus,
    adresse_source: String,
    #[serde(default)]
    remarque: String,
}

impl From<OfficeRow> for Office {
    fn from(r: OfficeRow) -> Self {
        let adresse = address(r.voie, r.code_postal, r.localite, r.cedex);
        let couverture = r.couverture_source.map(|source| Coverage {
            source,
            preuve: r.couverture_preuve.unwrap_or_default(),
            confiance: r.couverture_confiance.unwrap_or_default(),
        });
        Office {
            id: r.id,
            nom: r.nom,
            destinataire: r.destinataire,
            fonction: r.fonction,
            ministere: r.ministere,
            ville: r.ville,
            departement_siege: r.departement_siege,
            prefet_de: r.prefet_de,
            departements: r.departements,
            region: r.region,
            couverture,
            adresse,
            adresse_statut: r.adresse_statut,
            adresse_source: r.adresse_source,
            remarque: r.remarque,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DepartementFile {
    pub departement: Vec<DepartementRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct DepartementRow {
    code: String,
    nom: String,
    region: String,
    categorie: Categorie,
    source: String,
}

impl From<DepartementRow> for Departement {
    fn from(r: DepartementRow) -> Self {
        Departement {
            code: r.code,
            nom: r.nom,
            region: r.region,
            categorie: r.categorie,
            source: r.source,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TribunalFile {
    pub tribunal: Vec<TribunalRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct TribunalRow {
    id: String,
    nom: String,
    departements: Vec<String>,
    departements_source: String,
    voie: Vec<String>,
    code_postal: String,
    localite: String,
    cedex: String,
    adresse_statut: AddressStatus,
    adresse_source: String,
    #[serde(default)]
    remarque: String,
}

impl From<TribunalRow> for Tribunal {
    fn from(r: TribunalRow) -> Self {
        Tribunal {
            id: r.id,
            nom: r.nom,
            departements: r.departements,
            departements_source: r.departements_source,
            adresse: address(r.voie, r.code_postal, r.localite, r.cedex),
            adresse_statut: r.adresse_statut,
            adresse_source: r.adresse_source,
            remarque: r.remarque,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PaysFile {
    pub pays: Vec<PaysRow>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct PaysRow {
    nom: String,
    preposition: String,
    #[serde(default)]
    alias: Vec<String>,
    source: String,
    #[serde(default)]
    note: String,
}

impl From<PaysRow> for Pays {
    fn from(r: PaysRow) -> Self {
        Pays {
            nom: r.nom,
            preposition: r.preposition,
            alias: r.alias,
            source: r.source,
            note: r.note,
        }
    }
}

/// An address only when its postcode is known: a row without one has no usable address.
fn address(
    voie: Vec<String>,
    code_postal: String,
    localite: String,
    cedex: String,
) -> Option<PostalAddress> {
    (!code_postal.is_empty()).then_some(PostalAddress {
        voie,
        code_postal,
        localite,
        cedex,
    })
}
