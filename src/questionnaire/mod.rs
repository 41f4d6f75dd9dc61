//! The guided questionnaire: the questions a case needs, for people who will never write a
//! case file, shared by `recours nouveau` (terminal) and `recours serveur` (web page).
//!
//! Each answer is a dotted case key (the same names as batch columns), so the answers *are*
//! a case file: they are turned into the case-file structure and validated by [`crate::case`]
//! itself, which keeps one rule and one French message per field. The questionnaire only adds
//! what a form needs: order, conditions, help text, and the proposals the tool can make
//! (see [`proposals`]).

mod answers;
pub mod proposals;
mod questions;
mod toml_out;

pub use answers::{Answers, parse_bool};
pub use questions::QUESTIONS;
pub use toml_out::to_toml;

use crate::case::{Argument, LetterKind};

/// A group of questions, shown as one fieldset.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    /// Which letter.
    Lettre,
    /// The refused application.
    Demande,
    /// The refusal.
    Decision,
    /// An earlier recours gracieux.
    Gracieux,
    /// An earlier recours hiérarchique.
    Hierarchique,
    /// The request for the reasons of an implicit rejection (`recours = "motifs"`).
    Motifs,
    /// The trouble at the mairie.
    Signalement,
    /// What a requête asks the court (`recours = "requete"`).
    Requete,
    /// The writer.
    Demandeur,
    /// The minor the document is for.
    Titulaire,
    /// The addressee as printed on the decision.
    Destinataire,
    /// What the letter argues and asks.
    Contenu,
    /// Date, place, registered mail.
    Envoi,
}

impl Section {
    /// Every section, in order.
    pub const ALL: [Section; 13] = [
        Section::Lettre,
        Section::Demande,
        Section::Decision,
        Section::Gracieux,
        Section::Hierarchique,
        Section::Motifs,
        Section::Signalement,
        Section::Requete,
        Section::Demandeur,
        Section::Titulaire,
        Section::Destinataire,
        Section::Contenu,
        Section::Envoi,
    ];

    /// The fieldset's legend.
    pub fn titre(self) -> &'static str {
        match self {
            Section::Lettre => "La lettre",
            Section::Demande => "Votre demande",
            Section::Decision => "La décision de refus",
            Section::Gracieux => "Votre recours gracieux déjà envoyé",
            Section::Hierarchique => "Votre recours hiérarchique déjà envoyé",
            Section::Motifs => "Votre demande des motifs du rejet",
            Section::Signalement => "La difficulté en mairie",
            Section::Requete => "Ce que vous demandez au tribunal",
            Section::Demandeur => "Vous, qui écrivez et signez",
            Section::Titulaire => "Pour un enfant (ou un majeur protégé)",
            Section::Destinataire => "L'autorité, telle qu'écrite sur la décision",
            Section::Contenu => "Ce que dit la lettre",
            Section::Envoi => "Date et envoi",
        }
    }

    /// A short id for HTML anchors.
    pub fn id(self) -> &'static str {
        match self {
            Section::Lettre => "lettre",
            Section::Demande => "demande",
            Section::Decision => "decision",
            Section::Gracieux => "gracieux",
            Section::Hierarchique => "hierarchique",
            Section::Motifs => "motifs",
            Section::Signalement => "signalement",
            Section::Requete => "requete",
            Section::Demandeur => "demandeur",
            Section::Titulaire => "titulaire",
            Section::Destinataire => "destinataire",
            Section::Contenu => "contenu",
            Section::Envoi => "envoi",
        }
    }
}

/// What kind of answer a question takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// One line of text.
    Texte,
    /// A paragraph.
    Long,
    /// A date, `AAAA-MM-JJ`.
    Date,
    /// Yes or no.
    OuiNon,
    /// A list, one item per line (or `|`-separated, as in a batch cell).
    Lignes,
    /// One value among these (value, label).
    Choix(&'static [(&'static str, &'static str)]),
    /// Which letter: the case's letter kinds.
    Recours,
    /// Grounds to argue: the case's arguments, several allowed.
    Arguments,
}

impl Kind {
    /// The values and labels a choice offers.
    pub fn choices(self) -> Vec<(&'static str, &'static str)> {
        match self {
            Kind::Choix(c) => c.to_vec(),
            Kind::Recours => LetterKind::ALL
                .iter()
                .map(|k| (k.as_str(), k.label()))
                .collect(),
            Kind::Arguments => Argument::ALL
                .iter()
                .map(|a| (a.as_str(), argument_label(*a)))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// Whether the answer is a list in the case file.
    pub fn is_list(self) -> bool {
        matches!(self, Kind::Lignes | Kind::Arguments)
    }
}

/// What a ground says, for people choosing it.
pub fn argument_label(a: Argument) -> &'static str {
    match a {
        Argument::MotivationInsuffisante => {
            "La décision ne dit pas, ou pas assez, pourquoi elle refuse"
        }
        Argument::DouteSuffisant => {
            "Le refus ne repose pas sur un doute précis sur votre identité ou votre nationalité"
        }
        Argument::PiecesNationalite => "Vous avez fourni les pièces qui prouvent la nationalité",
        Argument::ActeEtrangerTranscrit => {
            "Votre acte de naissance étranger est transcrit à l'état civil français"
        }
        Argument::AutoriteParentale => {
            "Vous exercez l'autorité parentale sur l'enfant (demande pour un mineur)"
        }
        Argument::LiberteAllerVenir => {
            "Le refus de passeport vous empêche de voyager (liberté d'aller et venir)"
        }
        Argument::ActeEtranger => {
            "Votre acte d'état civil étranger fait foi (donnez-le dans les faits)"
        }
        Argument::CertificatNationalite => {
            "Vous avez un certificat de nationalité française (donnez sa date)"
        }
        Argument::TitreAnterieur => {
            "Un titre sécurisé vous a déjà été délivré (dites lequel et quand)"
        }
        Argument::PossessionEtat => {
            "Vous avez toujours été traité comme Français (possession d'état)"
        }
    }
}

/// When a question is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Condition {
    /// Always.
    Toujours,
    /// When the answer to a key is one of these values (its default counts).
    Egal(&'static str, &'static [&'static str]),
    /// When the answer to a key is none of these values.
    Different(&'static str, &'static [&'static str]),
}

impl Condition {
    /// Whether the question is asked, given the answers so far.
    pub fn holds(self, answers: &Answers) -> bool {
        match self {
            Condition::Toujours => true,
            Condition::Egal(k, vs) => vs.contains(&answers.effective(k).as_str()),
            Condition::Different(k, vs) => !vs.contains(&answers.effective(k).as_str()),
        }
    }
}

/// One question.
#[derive(Clone, Copy, Debug)]
pub struct Question {
    /// Its fieldset.
    pub section: Section,
    /// The dotted case key its answer fills.
    pub cle: &'static str,
    /// The question, in French.
    pub libelle: &'static str,
    /// Where to find the answer (on the decision, the receipt…).
    pub aide: &'static str,
    /// The kind of answer.
    pub kind: Kind,
    /// Whether the case needs it (when asked); the case validator says so too.
    pub requis: bool,
    /// The answer proposed when none is given.
    pub defaut: Option<&'static str>,
    /// When it is asked.
    pub condition: Condition,
    /// An example answer, shown as a placeholder.
    pub exemple: &'static str,
}

/// The question a problem's key is about: `lettre.arguments[0]` is the list's question.
pub fn question_key(cle: &str) -> &str {
    cle.split_once('[').map_or(cle, |(k, _)| k)
}

/// The question for a case key.
pub fn question(cle: &str) -> Option<&'static Question> {
    QUESTIONS.iter().find(|q| q.cle == cle)
}

#[cfg(test)]
mod tests;
