//! The case file exactly as written: serde structs that mirror the TOML (or JSON) tables.
//!
//! Every struct denies unknown keys, so a misspelt key is an error rather than a fact the
//! letter silently ignores. Values stay as typed here; `validate` turns them into the
//! domain types once.

use serde::Deserialize;

use super::dates::RawDate;

/// The whole file.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawCase {
    pub recours: String,
    #[serde(default)]
    pub lettre: Option<RawLettre>,
    pub demandeur: RawDemandeur,
    #[serde(default)]
    pub titulaire: Option<RawTitulaire>,
    pub demande: RawDemande,
    #[serde(default)]
    pub decision: Option<RawDecision>,
    #[serde(default)]
    pub destinataire: Option<RawDestinataire>,
    #[serde(default)]
    pub recours_gracieux: Option<RawRecours>,
    #[serde(default)]
    pub recours_hierarchique: Option<RawRecours>,
    #[serde(default)]
    pub signalement: Option<RawSignalement>,
    #[serde(default)]
    pub demande_motifs: Option<RawDemandeMotifs>,
    #[serde(default)]
    pub faits: Option<RawFaits>,
    #[serde(default)]
    pub requete: Option<RawRequete>,
}

/// A whole number as a file writes it, or as a spreadsheet cell or a form field gives it
/// (text).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
pub enum RawNumber {
    /// `30`.
    Number(i64),
    /// `"30"`.
    Text(String),
}

/// `[requete]`.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRequete {
    #[serde(default)]
    pub injonction: Option<String>,
    #[serde(default)]
    pub delai_injonction_jours: Option<RawNumber>,
    #[serde(default)]
    pub astreinte: Option<RawNumber>,
    #[serde(default)]
    pub urgence: Option<bool>,
    #[serde(default)]
    pub urgence_date: Option<RawDate>,
    #[serde(default)]
    pub adresse_tribunal: Option<Vec<String>>,
    #[serde(default)]
    pub fichiers: std::collections::BTreeMap<String, String>,
}

/// `[faits]`: facts a ground rests on; each ground is argued only when its fact is given.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawFaits {
    #[serde(default)]
    pub acte_etranger: Option<String>,
    #[serde(default)]
    pub certificat_nationalite: Option<RawDate>,
    #[serde(default)]
    pub titre_anterieur: Option<String>,
    #[serde(default)]
    pub possession_etat: Option<String>,
}

/// `[lettre]`: the letter itself and what its body says beyond the facts.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawLettre {
    #[serde(default)]
    pub date: Option<RawDate>,
    #[serde(default)]
    pub lieu: Option<String>,
    #[serde(default)]
    pub recommande: Option<bool>,
    #[serde(default)]
    pub numero_recommande: Option<String>,
    #[serde(default)]
    pub arguments: Vec<String>,
    #[serde(default)]
    pub paragraphes: Vec<String>,
    #[serde(default)]
    pub demande: Option<String>,
    #[serde(default)]
    pub pieces_jointes: Vec<String>,
    #[serde(default)]
    pub pieces_jointes_par_defaut: Option<bool>,
    #[serde(default)]
    pub urgence: Option<String>,
}

/// `[demandeur]`: who writes and signs.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDemandeur {
    #[serde(default)]
    pub civilite: Option<String>,
    pub prenom: String,
    pub nom: String,
    pub adresse: Vec<String>,
    #[serde(default)]
    pub reside_a_l_etranger: Option<bool>,
    #[serde(default)]
    pub date_naissance: Option<RawDate>,
    #[serde(default)]
    pub lieu_naissance: Option<String>,
    #[serde(default)]
    pub telephone: Option<String>,
    #[serde(default)]
    pub courriel: Option<String>,
}

/// `[titulaire]`: the person the document is for, when it is not the writer (a minor).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawTitulaire {
    #[serde(default)]
    pub civilite: Option<String>,
    pub prenom: String,
    pub nom: String,
    pub date_naissance: RawDate,
    #[serde(default)]
    pub lieu_naissance: Option<String>,
    pub qualite: String,
}

/// `[demande]`: the application that was refused.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDemande {
    pub document: String,
    pub motif: String,
    pub depot: String,
    #[serde(default)]
    pub departement: Option<String>,
    #[serde(default)]
    pub code_postal: Option<String>,
    #[serde(default)]
    pub commune: Option<String>,
    #[serde(default)]
    pub pays: Option<String>,
    #[serde(default)]
    pub ville: Option<String>,
    #[serde(default)]
    pub numero: Option<String>,
    #[serde(default)]
    pub date: Option<RawDate>,
}

/// `[decision]`: the refusal.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDecision {
    pub date: RawDate,
    #[serde(default)]
    pub notification: Option<RawDate>,
    #[serde(default)]
    pub reference: Option<String>,
    pub motif: String,
    #[serde(default)]
    pub mentionne_voies_recours: Option<bool>,
    #[serde(default)]
    pub tribunal: Option<String>,
}

/// `[destinataire]`: the authority as printed on the decision.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDestinataire {
    #[serde(default)]
    pub id: Option<String>,
    #[serde(default)]
    pub nom: Option<String>,
    #[serde(default)]
    pub adresse: Option<Vec<String>>,
    #[serde(default)]
    pub civilite: Option<String>,
}

/// `[recours_gracieux]` and `[recours_hierarchique]`: an earlier recours.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawRecours {
    #[serde(default)]
    pub envoi: Option<RawDate>,
    #[serde(default)]
    pub reception: Option<RawDate>,
    #[serde(default)]
    pub rejet: Option<RawDate>,
    #[serde(default)]
    pub numero_recommande: Option<String>,
}

/// `[demande_motifs]`: a request for the reasons of an implicit rejection, already sent.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawDemandeMotifs {
    pub envoi: RawDate,
    #[serde(default)]
    pub communication: Option<RawDate>,
}

/// `[signalement]`: the trouble met at the mairie.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RawSignalement {
    #[serde(default)]
    pub date: Option<RawDate>,
    pub description: String,
}
