//! The offices `recours` knows: the Certs and the Préfecture de police, the national
//! administrations, the tribunaux administratifs, the départements and the countries.
//!
//! They live in small TOML tables under `data/`, one per kind of office, each row with its
//! source and the status of its address. The tables are embedded in the binary (see
//! [`crate::assets`]) and parsed once. An address the research could not confirm is absent or
//! marked [`AddressStatus::AVerifier`]: the tool never invents one.

mod geography;
mod postes;
mod table;

use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

pub use geography::{departement_from_postcode, normalise_departement};
pub use postes::{Ambassade, Consulat, ConsulatLookup};

use crate::postal::PostalAddress;

/// How far an address can be trusted.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum AddressStatus {
    /// Read verbatim in a cited, current source.
    Confirmee,
    /// Unknown or from a dated source: check it (on the decision) before sending.
    AVerifier,
    /// From a sourced, dated record (the host préfecture's, a 2015 embassy record): likely
    /// right, to compare with the decision.
    Probable,
    /// Taken from the case file (`[destinataire]`), as printed on the decision.
    Fournie,
}

impl AddressStatus {
    /// The value printed in reports and JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            AddressStatus::Confirmee => "confirmee",
            AddressStatus::AVerifier => "a-verifier",
            AddressStatus::Probable => "probable",
            AddressStatus::Fournie => "fournie",
        }
    }

    /// Words for people.
    pub fn label(self) -> &'static str {
        match self {
            AddressStatus::Confirmee => "confirmée",
            AddressStatus::AVerifier => "à vérifier",
            AddressStatus::Probable => "probable, à comparer avec la décision",
            AddressStatus::Fournie => "fournie par le dossier",
        }
    }
}

/// The role of the person who holds the office: it decides the appel and the closing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fonction {
    /// A préfet, in whose name a Cert decides.
    Prefet,
    /// The préfet de police, in Paris.
    PrefetDePolice,
    /// A consul général.
    ConsulGeneral,
    /// An ambassadeur.
    Ambassadeur,
    /// A minister, who decides on a recours hiérarchique.
    Ministre,
    /// A director of a central administration.
    Directeur,
    /// The Défenseur des droits.
    Defenseur,
}

/// Where a Cert's coverage comes from and how sure it is.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Coverage {
    /// The primary source (the service-public page).
    pub source: String,
    /// What outside evidence says.
    pub preuve: String,
    /// « haute », « moyenne », « faible »…
    pub confiance: String,
}

/// An office that receives letters.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Office {
    /// Stable id, as in `recours explique --json` (`cert-toulon`, `dlpaj`…).
    pub id: String,
    /// Full name, for running text.
    pub nom: String,
    /// Identity lines of the recipient block.
    pub destinataire: Vec<String>,
    /// Role of the holder.
    pub fonction: Fonction,
    /// For a ministry: « de l'Intérieur ».
    pub ministere: String,
    /// Town where the office sits.
    pub ville: String,
    /// Département of that town.
    pub departement_siege: Option<String>,
    /// For a Cert: that département with its preposition (« du Var »), naming the préfet in
    /// whose name the decision is taken (décret n° 55-1397, art. 2); empty otherwise.
    pub prefet_de: String,
    /// Départements this office decides for (Certs only).
    pub departements: Vec<String>,
    /// Region (Certs only).
    pub region: String,
    /// Source of the coverage (Certs only).
    pub couverture: Option<Coverage>,
    /// Postal address, when one is known.
    pub adresse: Option<PostalAddress>,
    /// Whether the address can be used as is.
    pub adresse_statut: AddressStatus,
    /// Where the address comes from, or why there is none.
    pub adresse_source: String,
    /// Caveats.
    pub remarque: String,
}

/// Whether a code is a département or an overseas collectivité.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Categorie {
    /// A département (with Mayotte and the other DROM).
    Departement,
    /// An overseas collectivité (Saint-Pierre-et-Miquelon, Saint-Barthélemy…).
    Collectivite,
}

/// A département or overseas collectivité.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Departement {
    /// INSEE code: "01", "2A", "974"…
    pub code: String,
    /// INSEE name.
    pub nom: String,
    /// Region.
    pub region: String,
    /// Département or collectivité.
    pub categorie: Categorie,
    /// Source of the row.
    pub source: String,
}

/// A tribunal administratif.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Tribunal {
    /// Stable id: `ta-nimes`.
    pub id: String,
    /// « Tribunal administratif de Nîmes ».
    pub nom: String,
    /// Départements of its ressort (CJA R. 221-3).
    pub departements: Vec<String>,
    /// Source of the ressort.
    pub departements_source: String,
    /// Postal address, when one is known.
    pub adresse: Option<PostalAddress>,
    /// Always to be checked: the addresses are from a dated annuaire.
    pub adresse_statut: AddressStatus,
    /// Where the address comes from.
    pub adresse_source: String,
    /// Caveats.
    pub remarque: String,
}

/// A country where France has an embassy or consulate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Pays {
    /// French short name: « Maroc ».
    pub nom: String,
    /// Locative preposition: « au », « en », « aux », « à »…
    pub preposition: String,
    /// Other spellings users type.
    pub alias: Vec<String>,
    /// Source of the row.
    pub source: String,
    /// Anything unusual.
    pub note: String,
}

impl Pays {
    /// « au Maroc », « en Algérie ».
    pub fn locatif(&self) -> String {
        format!("{} {}", self.preposition, self.nom)
    }
}

/// All tables, parsed.
#[derive(Debug)]
pub struct Offices {
    /// Certs and the Préfecture de police.
    pub certs: Vec<Office>,
    /// DLPAJ, Service des Français à l'étranger, Défenseur des droits.
    pub administrations: Vec<Office>,
    /// Départements and collectivités.
    pub departements: Vec<Departement>,
    /// Tribunaux administratifs.
    pub tribunaux: Vec<Tribunal>,
    /// Countries.
    pub pays: Vec<Pays>,
    /// French embassies (2015 directory).
    pub ambassades: Vec<Ambassade>,
    /// French consulates (2022 extract).
    pub consulats: Vec<Consulat>,
}

/// A data table that does not parse: only possible if `data/` was edited badly, which the
/// tests catch; the message names the file.
#[derive(Debug, thiserror::Error)]
#[error("table de données « {fichier} » illisible : {message}")]
pub struct TableError {
    /// The data file.
    pub fichier: String,
    /// What is wrong.
    pub message: String,
}

impl Offices {
    /// The tables embedded in the binary, parsed on first use.
    pub fn builtin() -> &'static Offices {
        static OFFICES: OnceLock<Offices> = OnceLock::new();
        OFFICES.get_or_init(|| {
            Offices::parse(&crate::assets::DATA)
                .expect("the embedded data tables are valid: tests/offices checks them")
        })
    }

    /// Parses the tables from their TOML text.
    pub fn parse(files: &crate::assets::DataFiles) -> Result<Offices, TableError> {
        fn read<T: serde::de::DeserializeOwned>(name: &str, text: &str) -> Result<T, TableError> {
            toml::from_str(text).map_err(|e| TableError {
                fichier: name.to_string(),
                message: e.to_string(),
            })
        }
        let certs: table::OfficeFile = read("certs.toml", files.certs)?;
        let admin: table::OfficeFile = read("administrations.toml", files.administrations)?;
        let deps: table::DepartementFile = read("departements.toml", files.departements)?;
        let tribunaux: table::TribunalFile = read("tribunaux.toml", files.tribunaux)?;
        let pays: table::PaysFile = read("pays.toml", files.pays)?;
        let ambassades: postes::AmbassadeFile = read("ambassades.toml", files.ambassades)?;
        let consulats: postes::ConsulatFile = read("consulats.toml", files.consulats)?;
        Ok(Offices {
            certs: certs.bureau.into_iter().map(Office::from).collect(),
            administrations: admin.bureau.into_iter().map(Office::from).collect(),
            departements: deps
                .departement
                .into_iter()
                .map(Departement::from)
                .collect(),
            tribunaux: tribunaux.tribunal.into_iter().map(Tribunal::from).collect(),
            pays: pays.pays.into_iter().map(Pays::from).collect(),
            ambassades: ambassades.ambassade,
            consulats: consulats.consulat,
        })
    }

    /// The département or collectivité with this INSEE code.
    pub fn departement(&self, code: &str) -> Option<&Departement> {
        self.departements.iter().find(|d| d.code == code)
    }

    /// The Cert (or the Préfecture de police) that decides for a département.
    pub fn cert_for(&self, code: &str) -> Option<&Office> {
        self.certs
            .iter()
            .find(|c| c.departements.iter().any(|d| d == code))
    }

    /// Any office by id.
    pub fn office(&self, id: &str) -> Option<&Office> {
        self.certs
            .iter()
            .chain(&self.administrations)
            .find(|o| o.id == id)
    }

    /// Every office id, in table order.
    pub fn office_ids(&self) -> impl Iterator<Item = &str> {
        self.certs
            .iter()
            .chain(&self.administrations)
            .map(|o| o.id.as_str())
    }

    /// The tribunal administratif whose ressort includes a département.
    pub fn tribunal_for(&self, code: &str) -> Option<&Tribunal> {
        self.tribunaux
            .iter()
            .find(|t| t.departements.iter().any(|d| d == code))
    }

    /// A tribunal by id.
    pub fn tribunal(&self, id: &str) -> Option<&Tribunal> {
        self.tribunaux.iter().find(|t| t.id == id)
    }

    /// The tribunal whose name a user typed (« TA de Nîmes », « tribunal administratif de
    /// Nimes »), ignoring case, accents and the words every name shares.
    pub fn tribunal_named(&self, name: &str) -> Option<&Tribunal> {
        let wanted = crate::suggest::fold(name);
        let wanted = strip_court_words(&wanted);
        if wanted.is_empty() {
            return None;
        }
        self.tribunaux
            .iter()
            .find(|t| strip_court_words(&crate::suggest::fold(&t.nom)) == wanted)
    }

    /// The country a user typed, ignoring case, accents and hyphens; aliases count.
    pub fn pays(&self, name: &str) -> Option<&Pays> {
        let wanted = crate::suggest::fold(name);
        self.pays.iter().find(|p| {
            crate::suggest::fold(&p.nom) == wanted
                || p.alias.iter().any(|a| crate::suggest::fold(a) == wanted)
        })
    }
}

/// « tribunal administratif de la guyane » → « guyane »; « ta de nimes » → « nimes ».
fn strip_court_words(folded: &str) -> String {
    let words: Vec<&str> = folded
        .split(' ')
        .filter(|w| {
            !matches!(
                *w,
                "tribunal" | "administratif" | "ta" | "de" | "d" | "du" | "la" | "le" | "l"
            )
        })
        .collect();
    words.join(" ")
}

#[cfg(test)]
mod tests;
