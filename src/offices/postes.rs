//! French posts abroad: embassies (with their 2015 directory address, « probable ») and
//! consulates (town and website, 2022), from `data/ambassades.toml` and `data/consulats.toml`.
//!
//! They let routing check the post a case file names, suggest the nearest name when a town has
//! no known post, address a letter to an embassy, and give each post's website so the user
//! can check an address that is only probable.

use serde::Deserialize;

use super::AddressStatus;
use crate::suggest::fold;

/// A French embassy.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ambassade {
    /// Country, as in `pays.toml`.
    pub pays: String,
    /// Town of the embassy.
    pub ville: String,
    /// Street lines; empty when the record's address cannot be used as is.
    pub voie: Vec<String>,
    /// Postcode and town line, as the record gives it.
    pub localite: String,
    /// The post's website, to check the address.
    pub site: String,
    /// `probable` with an address, `a-verifier` without.
    pub adresse_statut: AddressStatus,
    /// The directory record and its date.
    pub source: String,
}

impl Ambassade {
    /// The postal lines under « Ambassade de France / au Maroc »: street, town, country.
    pub fn lines(&self) -> Vec<String> {
        if self.voie.is_empty() {
            return Vec::new();
        }
        let mut l = self.voie.clone();
        l.push(self.localite.clone());
        l.push(crate::postal::machine_line(&self.pays));
        l
    }
}

/// A consulate général or consulate.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Consulat {
    /// Country, as in `pays.toml`.
    pub pays: String,
    /// Town, in its French form.
    pub ville: String,
    /// The extract's own name for the town.
    pub ville_source: String,
    /// `consulat-general` or `consulat`.
    #[serde(rename = "type")]
    pub kind: String,
    /// The post's website, when the extract gives it.
    pub site: String,
    /// False when the extract has consulates in that country without a town.
    pub liste_complete: bool,
    /// The extract and the post's Wikidata id.
    pub source: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct AmbassadeFile {
    pub ambassade: Vec<Ambassade>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct ConsulatFile {
    pub consulat: Vec<Consulat>,
}

/// What the tables say about a consulate a case file names.
#[derive(Debug, PartialEq, Eq)]
pub enum ConsulatLookup<'a> {
    /// Listed.
    Connu(&'a Consulat),
    /// Not listed, in a country whose list is complete: the nearest names, if any.
    Inconnu(Vec<&'a str>),
    /// Not listed, but the list for that country is known to be incomplete.
    Incertain,
}

impl super::Offices {
    /// The embassy in a country (the first record when a country has two).
    pub fn ambassade(&self, pays: &str) -> Option<&Ambassade> {
        self.ambassades.iter().find(|a| a.pays == pays)
    }

    /// The consulate in `ville`, `pays`, ignoring case and accents; else the nearest towns.
    pub fn consulat(&self, pays: &str, ville: &str) -> ConsulatLookup<'_> {
        let wanted = fold(ville);
        let in_country: Vec<&Consulat> = self.consulats.iter().filter(|c| c.pays == pays).collect();
        if let Some(c) = in_country
            .iter()
            .find(|c| fold(&c.ville) == wanted || fold(&c.ville_source) == wanted)
        {
            return ConsulatLookup::Connu(c);
        }
        if in_country.iter().any(|c| !c.liste_complete) {
            return ConsulatLookup::Incertain;
        }
        let mut near: Vec<(f64, &str)> = in_country
            .iter()
            .map(|c| {
                (
                    strsim::jaro_winkler(&fold(&c.ville), &wanted),
                    c.ville.as_str(),
                )
            })
            .filter(|(score, _)| *score > 0.8)
            .collect();
        near.sort_by(|a, b| b.0.total_cmp(&a.0));
        ConsulatLookup::Inconnu(near.into_iter().map(|(_, v)| v).collect())
    }
}
