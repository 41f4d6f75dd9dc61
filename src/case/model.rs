//! The validated case: domain types that cannot hold an invalid state.
//!
//! Everything downstream (routing, deadlines, composition) works on these types only and never
//! re-checks user input. Defaults from the contract are already applied here: a missing
//! notification date is the decision date, a person who applied at a consulate lives abroad.

use chrono::NaiveDate;
use serde::Serialize;

use crate::offices::Pays;

/// Which letter the case asks for (`recours = …`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LetterKind {
    /// Recours gracieux, to the author of the decision.
    Gracieux,
    /// Recours hiérarchique, to the author's superior.
    Hierarchique,
    /// Information letter to the Cert about trouble at the mairie (not a recours).
    Signalement,
    /// Réclamation to the Défenseur des droits.
    Defenseur,
    /// Request for the reasons of an implicit rejection (CRPA L. 232-4), to the authority whose
    /// silence formed it.
    Motifs,
    /// Request for the documents of the file (CRPA L. 311-1), to the author of the decision.
    Communication,
    /// Requête en annulation to the tribunal administratif (CJA R. 411-1), with its inventory
    /// of pieces (R. 412-2) and, when urgent, a requête en référé-suspension (L. 521-1).
    Requete,
}

impl LetterKind {
    /// Every kind, in the order the contract lists them.
    pub const ALL: [LetterKind; 7] = [
        LetterKind::Gracieux,
        LetterKind::Hierarchique,
        LetterKind::Signalement,
        LetterKind::Defenseur,
        LetterKind::Motifs,
        LetterKind::Communication,
        LetterKind::Requete,
    ];

    /// The case-file value.
    pub fn as_str(self) -> &'static str {
        match self {
            LetterKind::Gracieux => "gracieux",
            LetterKind::Hierarchique => "hierarchique",
            LetterKind::Signalement => "signalement",
            LetterKind::Defenseur => "defenseur",
            LetterKind::Motifs => "motifs",
            LetterKind::Communication => "communication",
            LetterKind::Requete => "requete",
        }
    }

    /// The value a case file names, if any.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.as_str() == key)
    }

    /// What the letter is, for people: « recours gracieux ».
    pub fn label(self) -> &'static str {
        match self {
            LetterKind::Gracieux => "recours gracieux",
            LetterKind::Hierarchique => "recours hiérarchique",
            LetterKind::Signalement => "lettre d'information (signalement)",
            LetterKind::Defenseur => "réclamation au Défenseur des droits",
            LetterKind::Motifs => "demande de communication des motifs d'un rejet implicite",
            LetterKind::Communication => "demande de communication du dossier",
            LetterKind::Requete => "requête en annulation au tribunal administratif",
        }
    }

    /// Whether the letter contests a decision (and so needs `[decision]`).
    pub fn contests_decision(self) -> bool {
        !matches!(self, LetterKind::Signalement)
    }
}

/// Madame or Monsieur; never abbreviated in a letter.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Civilite {
    /// Madame.
    Madame,
    /// Monsieur.
    Monsieur,
}

impl Civilite {
    /// « Madame » or « Monsieur ».
    pub fn as_str(self) -> &'static str {
        match self {
            Civilite::Madame => "Madame",
            Civilite::Monsieur => "Monsieur",
        }
    }
}

/// The document applied for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Document {
    /// Carte nationale d'identité.
    CarteIdentite,
    /// Passeport.
    Passeport,
}

impl Document {
    /// Case-file values.
    pub const KEYS: [&'static str; 2] = ["carte-identite", "passeport"];

    /// The case-file value.
    pub fn as_str(self) -> &'static str {
        match self {
            Document::CarteIdentite => "carte-identite",
            Document::Passeport => "passeport",
        }
    }

    /// « carte nationale d'identité », « passeport ».
    pub fn label(self) -> &'static str {
        match self {
            Document::CarteIdentite => "carte nationale d'identité",
            Document::Passeport => "passeport",
        }
    }
}

/// Why the document was applied for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Motif {
    /// First application.
    PremiereDemande,
    /// Renewal of an expiring or expired document.
    Renouvellement,
    /// Replacement of a lost document.
    Perte,
    /// Replacement of a stolen document.
    Vol,
}

impl Motif {
    /// Case-file values.
    pub const KEYS: [&'static str; 4] = ["premiere-demande", "renouvellement", "perte", "vol"];

    /// The case-file value.
    pub fn as_str(self) -> &'static str {
        match self {
            Motif::PremiereDemande => "premiere-demande",
            Motif::Renouvellement => "renouvellement",
            Motif::Perte => "perte",
            Motif::Vol => "vol",
        }
    }

    /// « première demande », « renouvellement »…
    pub fn label(self) -> &'static str {
        match self {
            Motif::PremiereDemande => "première demande",
            Motif::Renouvellement => "renouvellement",
            Motif::Perte => "remplacement après perte",
            Motif::Vol => "remplacement après vol",
        }
    }
}

/// Where the application was filed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(tag = "depot", rename_all = "kebab-case")]
pub enum Depot {
    /// At a mairie in France; a Cert (or the Préfecture de police) decides.
    Mairie {
        /// INSEE code of the département.
        departement: String,
        /// The commune, when given.
        commune: Option<String>,
        /// Whether the département was deduced from `code_postal`.
        deduit_du_code_postal: bool,
    },
    /// At a consulate; the consul général decides.
    Consulat {
        /// The country.
        pays: Pays,
        /// The town of the consulate.
        ville: String,
    },
    /// At an embassy's consular section; the ambassadeur decides.
    Ambassade {
        /// The country.
        pays: Pays,
        /// The town, when given.
        ville: Option<String>,
    },
}

impl Depot {
    /// True for a consulate or an embassy.
    pub fn is_abroad(&self) -> bool {
        !matches!(self, Depot::Mairie { .. })
    }
}

/// The person who writes and signs.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Person {
    /// Madame or Monsieur, if given.
    pub civilite: Option<Civilite>,
    /// First name(s).
    pub prenom: String,
    /// Surname.
    pub nom: String,
    /// Postal address lines, as typed.
    pub adresse: Vec<String>,
    /// Whether the person lives abroad (R. 421-7 extension).
    pub reside_a_l_etranger: bool,
    /// Date of birth, if given.
    pub date_naissance: Option<NaiveDate>,
    /// Place of birth, if given.
    pub lieu_naissance: Option<String>,
    /// Phone number, if given.
    pub telephone: Option<String>,
    /// E-mail address, if given.
    pub courriel: Option<String>,
}

/// The person the document is for, when it is someone else (a minor, an adult in tutelle).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Titulaire {
    /// Madame or Monsieur, if given (for an adult in tutelle).
    pub civilite: Option<Civilite>,
    /// First name(s).
    pub prenom: String,
    /// Surname.
    pub nom: String,
    /// Date of birth.
    pub date_naissance: NaiveDate,
    /// Place of birth, if given.
    pub lieu_naissance: Option<String>,
    /// The writer's capacity: « mère », « père », « tuteur »…
    pub qualite: String,
}

/// The refused application.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Application {
    /// CNI or passport.
    pub document: Document,
    /// First application, renewal, loss, theft.
    pub motif: Motif,
    /// Where it was filed.
    pub depot: Depot,
    /// Application number, if given.
    pub numero: Option<String>,
    /// Filing date, if given.
    pub date: Option<NaiveDate>,
}

/// The refusal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Decision {
    /// Date of the decision.
    pub date: NaiveDate,
    /// Date it was received (defaults to the decision date).
    pub notification: NaiveDate,
    /// Its reference, if given.
    pub reference: Option<String>,
    /// The reason the administration gave.
    pub motif: String,
    /// What that reason is about, for the grounds that answer it.
    pub sujet: super::motif::MotifFacts,
    /// Whether it states the voies et délais de recours.
    pub mentionne_voies_recours: bool,
    /// The court the decision names, if given.
    pub tribunal: Option<String>,
}

/// The addressee as printed on the decision, from `[destinataire]`.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct AddresseeOverride {
    /// A table id the user ties the addressee to.
    pub id: Option<String>,
    /// Name, when given (always with `adresse`).
    pub nom: Option<String>,
    /// Address lines, when given.
    pub adresse: Option<Vec<String>>,
    /// Gender of the office holder, which refines the appel.
    pub civilite: Option<Civilite>,
}

/// An earlier recours gracieux or hiérarchique.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct EarlierRecours {
    /// Postmark date.
    pub envoi: Option<NaiveDate>,
    /// Date on the acknowledgement of receipt.
    pub reception: Option<NaiveDate>,
    /// Notification of an explicit rejection; `None` if none was received.
    pub rejet: Option<NaiveDate>,
    /// Registered-mail number, if given.
    pub numero_recommande: Option<String>,
}

/// `[demande_motifs]`: the request for the reasons of an implicit rejection, once sent. It
/// extends the court délai (CRPA L. 232-4; CE, avis, 2 oct. 2025, n° 504677), so its dates
/// are deadline facts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct ReasonsRequest {
    /// Postmark of the request.
    pub envoi: NaiveDate,
    /// The day the reasons were received, if they were.
    pub communication: Option<NaiveDate>,
}

/// The trouble met at the mairie, for a signalement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Signalement {
    /// When it happened, if given.
    pub date: Option<NaiveDate>,
    /// What happened, in the user's words.
    pub description: String,
}

/// A ground the letter can argue, from the library in `letter_templates/arguments/`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Argument {
    /// The decision gives no or insufficient reasons (CRPA L. 211-2, L. 211-5).
    MotivationInsuffisante,
    /// Only a « doute suffisant » on identity or nationality justifies a refusal.
    DouteSuffisant,
    /// Nationality is shown by the documents the décret lists.
    PiecesNationalite,
    /// A transcribed foreign birth certificate shows French nationality.
    ActeEtrangerTranscrit,
    /// The writer holds parental authority over the minor.
    AutoriteParentale,
    /// Refusing a passport restricts the freedom to come and go.
    LiberteAllerVenir,
    /// A foreign civil-status act is presumed valid (C. civ. art. 47).
    ActeEtranger,
    /// A certificat de nationalité shifts the burden of proof (C. civ. art. 30 al. 2).
    CertificatNationalite,
    /// An earlier secure title was issued after the same checks.
    TitreAnterieur,
    /// Possession d'état de Français (C. civ. art. 30-2).
    PossessionEtat,
}

impl Argument {
    /// Every ground, in the order a letter argues them.
    pub const ALL: [Argument; 10] = [
        Argument::MotivationInsuffisante,
        Argument::DouteSuffisant,
        Argument::PiecesNationalite,
        Argument::CertificatNationalite,
        Argument::ActeEtranger,
        Argument::ActeEtrangerTranscrit,
        Argument::TitreAnterieur,
        Argument::PossessionEtat,
        Argument::AutoriteParentale,
        Argument::LiberteAllerVenir,
    ];

    /// The case-file key.
    pub fn as_str(self) -> &'static str {
        match self {
            Argument::MotivationInsuffisante => "motivation-insuffisante",
            Argument::DouteSuffisant => "doute-suffisant",
            Argument::PiecesNationalite => "pieces-nationalite",
            Argument::ActeEtrangerTranscrit => "acte-etranger-transcrit",
            Argument::AutoriteParentale => "autorite-parentale",
            Argument::LiberteAllerVenir => "liberte-aller-venir",
            Argument::ActeEtranger => "acte-etranger",
            Argument::CertificatNationalite => "certificat-nationalite",
            Argument::TitreAnterieur => "titre-anterieur",
            Argument::PossessionEtat => "possession-etat",
        }
    }

    /// The ground a case file names, if any.
    pub fn from_key(key: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == key)
    }
}

/// `[lettre]`, resolved.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LetterOptions {
    /// The letter's date: `--date`, else `lettre.date`, else today.
    pub date: NaiveDate,
    /// Place in the date line; defaults to the sender's town.
    pub lieu: Option<String>,
    /// Whether the letter is sent by registered mail with acknowledgement (default yes).
    pub recommande: bool,
    /// The registered-mail number, if known.
    pub numero_recommande: Option<String>,
    /// Grounds to argue.
    pub arguments: Vec<Argument>,
    /// The writer's own paragraphs.
    pub paragraphes: Vec<String>,
    /// The request, in the writer's words (replaces the default request).
    pub demande: Option<String>,
    /// Enclosures added to the defaults.
    pub pieces_jointes: Vec<String>,
    /// Whether the default enclosures are listed (default yes).
    pub pieces_jointes_par_defaut: bool,
    /// Why an answer is urgent (a planned trip, an exam, a job), in the writer's words.
    pub urgence: Option<String>,
}

/// Facts that grounds rest on (`[faits]`): a ground is argued only when its fact is given.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Faits {
    /// The civil-status act drawn up abroad, as the writer describes it (C. civ. art. 47).
    pub acte_etranger: Option<String>,
    /// The date a certificat de nationalité française was issued (C. civ. art. 30 al. 2).
    pub certificat_nationalite: Option<NaiveDate>,
    /// The earlier secure title (« passeport délivré le 3 mars 2015 »).
    pub titre_anterieur: Option<String>,
    /// What shows the possession d'état de Français (C. civ. art. 30-2).
    pub possession_etat: Option<String>,
}

/// What the requête asks the court to order once the refusal is annulled.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Injonction {
    /// Issue the document (CJA L. 911-1), and at least re-examine the application (L. 911-2).
    Delivrance,
    /// Re-examine the application only (L. 911-2).
    Reexamen,
}

impl Injonction {
    /// Case-file values.
    pub const KEYS: [&'static str; 2] = ["delivrance", "reexamen"];

    /// The case-file value.
    pub fn as_str(self) -> &'static str {
        match self {
            Injonction::Delivrance => "delivrance",
            Injonction::Reexamen => "reexamen",
        }
    }
}

/// `[requete]`: what a requête asks of the court, and the files of its pieces.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CourtRequest {
    /// The injunction asked for.
    pub injonction: Injonction,
    /// Days the administration would have to comply (CJA L. 911-1: « assortie, le cas
    /// échéant, d'un délai d'exécution »).
    pub delai_injonction_jours: u16,
    /// Euros per day of delay asked as astreinte (L. 911-3), if any.
    pub astreinte: Option<u32>,
    /// Whether a requête en référé-suspension is written too (L. 521-1); its facts are
    /// `lettre.urgence`.
    pub urgence: bool,
    /// The day of the trip, exam or job that cannot wait, when there is one.
    pub urgence_date: Option<NaiveDate>,
    /// The court's postal address as the decision gives it, replacing the table's.
    pub adresse_tribunal: Option<Vec<String>>,
    /// Files of the pieces for `--pieces`, by piece id (`decision`, `recours_gracieux`…, and
    /// `piece_N` for the N-th of `lettre.pieces_jointes`), relative to the case file's folder.
    pub fichiers: std::collections::BTreeMap<String, String>,
}

impl Default for CourtRequest {
    fn default() -> Self {
        CourtRequest {
            injonction: Injonction::Delivrance,
            delai_injonction_jours: 30,
            astreinte: None,
            urgence: false,
            urgence_date: None,
            adresse_tribunal: None,
            fichiers: Default::default(),
        }
    }
}

/// A validated case file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Case {
    /// The letter to write.
    pub recours: LetterKind,
    /// The letter's own options.
    pub lettre: LetterOptions,
    /// Who writes.
    pub demandeur: Person,
    /// Who the document is for, when not the writer.
    pub titulaire: Option<Titulaire>,
    /// The application.
    pub demande: Application,
    /// The refusal (absent only for a signalement).
    pub decision: Option<Decision>,
    /// The addressee as printed on the decision.
    pub destinataire: Option<AddresseeOverride>,
    /// An earlier recours gracieux.
    pub recours_gracieux: Option<EarlierRecours>,
    /// An earlier recours hiérarchique.
    pub recours_hierarchique: Option<EarlierRecours>,
    /// The trouble at the mairie (signalement).
    pub signalement: Option<Signalement>,
    /// A request already sent for the reasons of the implicit rejection (CRPA L. 232-4).
    pub demande_motifs: Option<ReasonsRequest>,
    /// Facts the grounds rest on.
    pub faits: Faits,
    /// What a requête asks (defaults when the table is absent).
    pub requete: CourtRequest,
    /// Things worth telling the user that do not stop the letter.
    pub avertissements: Vec<String>,
}

impl Case {
    /// The recours whose silence formed the implicit rejection a `motifs` letter asks about:
    /// the latest received (the hiérarchique on a tie), when it had no explicit answer. The
    /// same choice as the deadlines' `rejet_implicite`.
    pub fn silent_recours(&self) -> Option<(crate::deadlines::RecoursKind, &EarlierRecours)> {
        use crate::deadlines::RecoursKind;
        let (kind, r) = [
            (RecoursKind::Gracieux, &self.recours_gracieux),
            (RecoursKind::Hierarchique, &self.recours_hierarchique),
        ]
        .into_iter()
        .filter_map(|(k, r)| r.as_ref().map(|r| (k, r)))
        .filter(|(_, r)| r.reception.is_some())
        .max_by_key(|(k, r)| (r.reception, *k == RecoursKind::Hierarchique))?;
        r.rejet.is_none().then_some((kind, r))
    }
}
