//! The questions, in the order a person can answer them with the decision in hand.
//!
//! One row per case-file key: the terminal and the web page both walk this table, and a test
//! checks that it names every column a batch spreadsheet may have, so the three ways in stay
//! the same case file.

use super::{Condition, Kind, Question, Section};

const MAIRIE: &[&str] = &["mairie"];
const ETRANGER: &[&str] = &["consulat", "ambassade"];
const SIGNALEMENT: &[&str] = &["signalement"];
const REQUETE: &[&str] = &["requete"];
const INJONCTIONS: &[(&str, &str)] = &[
    (
        "delivrance",
        "Délivrer le document (à défaut, réexaminer la demande)",
    ),
    ("reexamen", "Réexaminer la demande"),
];
/// Letters that follow an earlier recours gracieux (every letter but the first and the
/// signalement).
const SANS_GRACIEUX_ANTERIEUR: &[&str] = &["gracieux", "signalement"];
const SANS_HIERARCHIQUE_ANTERIEUR: &[&str] = &["gracieux", "hierarchique", "signalement"];

const CIVILITES: &[(&str, &str)] = &[("Madame", "Madame"), ("Monsieur", "Monsieur")];

const fn q(
    section: Section,
    cle: &'static str,
    libelle: &'static str,
    aide: &'static str,
    kind: Kind,
) -> Question {
    Question {
        section,
        cle,
        libelle,
        aide,
        kind,
        requis: false,
        defaut: None,
        condition: Condition::Toujours,
        exemple: "",
    }
}

impl Question {
    const fn requis(mut self) -> Self {
        self.requis = true;
        self
    }
    const fn si(mut self, condition: Condition) -> Self {
        self.condition = condition;
        self
    }
    const fn defaut(mut self, v: &'static str) -> Self {
        self.defaut = Some(v);
        self
    }
    const fn exemple(mut self, v: &'static str) -> Self {
        self.exemple = v;
        self
    }
}

use Kind::*;
use Section::*;

/// Every question, in order.
pub const QUESTIONS: &[Question] = &[
    q(
        Lettre,
        "recours",
        "Quelle lettre écrire ?",
        "Pour contester un refus pour la première fois : le recours gracieux, adressé à qui a \
         signé la décision. Le recours hiérarchique s'adresse ensuite à son ministère ; le \
         signalement informe d'une difficulté en mairie, sans décision ; le Défenseur des \
         droits peut aider à tout moment, sans arrêter les délais. Sans réponse à un recours, \
         vous pouvez en demander les motifs ; à tout moment, la communication du dossier. \
         Après un rejet, la requête demande au tribunal administratif d'annuler le refus.",
        Recours,
    )
    .requis()
    .defaut("gracieux"),
    // The application: where it was filed decides the addressee.
    q(
        Demande,
        "demande.document",
        "Quel document avez-vous demandé ?",
        "Écrit en haut de la décision de refus.",
        Choix(&[
            ("carte-identite", "Carte nationale d'identité"),
            ("passeport", "Passeport"),
        ]),
    )
    .requis()
    .defaut("carte-identite"),
    q(
        Demande,
        "demande.motif",
        "Pour quelle raison l'aviez-vous demandé ?",
        "Coché sur le formulaire de demande (ou la pré-demande en ligne).",
        Choix(&[
            ("premiere-demande", "Première demande"),
            ("renouvellement", "Renouvellement"),
            ("perte", "Perte"),
            ("vol", "Vol"),
        ]),
    )
    .requis()
    .defaut("renouvellement"),
    q(
        Demande,
        "demande.depot",
        "Où avez-vous déposé la demande ?",
        "En France, toujours dans une mairie ; hors de France, au consulat ou à la section \
         consulaire de l'ambassade.",
        Choix(&[
            ("mairie", "Dans une mairie, en France"),
            ("consulat", "Dans un consulat"),
            ("ambassade", "Dans une ambassade"),
        ]),
    )
    .requis()
    .defaut("mairie"),
    q(
        Demande,
        "demande.departement",
        "Département de la mairie",
        "Le numéro du département : « 84 », « 2A », « 974 ». Ou remplissez le code postal \
         ci-dessous à la place.",
        Texte,
    )
    .si(Condition::Egal("demande.depot", MAIRIE))
    .exemple("84"),
    q(
        Demande,
        "demande.code_postal",
        "Code postal de la mairie",
        "À la place du département, si vous ne le connaissez pas.",
        Texte,
    )
    .si(Condition::Egal("demande.depot", MAIRIE))
    .exemple("84300"),
    q(
        Demande,
        "demande.commune",
        "Commune de la mairie",
        "Facultatif : la mairie où vous avez déposé le dossier.",
        Texte,
    )
    .si(Condition::Egal("demande.depot", MAIRIE))
    .exemple("Cavaillon"),
    q(
        Demande,
        "demande.pays",
        "Pays du consulat ou de l'ambassade",
        "Le pays où vous avez déposé la demande.",
        Texte,
    )
    .si(Condition::Egal("demande.depot", ETRANGER))
    .exemple("Maroc"),
    q(
        Demande,
        "demande.ville",
        "Ville du consulat",
        "La ville du consulat (facultatif pour une ambassade).",
        Texte,
    )
    .si(Condition::Egal("demande.depot", ETRANGER))
    .exemple("Casablanca"),
    q(
        Demande,
        "demande.numero",
        "Numéro de la demande",
        "Facultatif : le numéro de pré-demande ANTS ou de dossier, sur le récépissé de dépôt.",
        Texte,
    ),
    q(
        Demande,
        "demande.date",
        "Date du dépôt de la demande",
        "Facultatif : le jour du rendez-vous en mairie ou au consulat, sur le récépissé.",
        Date,
    ),
    // The decision.
    q(
        Decision,
        "decision.date",
        "Date de la décision de refus",
        "La date écrite sur la décision, en général en haut ou près de la signature.",
        Date,
    )
    .requis()
    .si(Condition::Different("recours", SIGNALEMENT)),
    q(
        Decision,
        "decision.notification",
        "Date à laquelle vous avez reçu la décision",
        "Le jour où vous l'avez reçue (avis de réception, courriel, remise en main propre). \
         Les délais partent de ce jour ; sans elle, de la date de la décision.",
        Date,
    )
    .si(Condition::Different("recours", SIGNALEMENT)),
    q(
        Decision,
        "decision.motif",
        "Motif du refus",
        "Recopiez la raison donnée par l'administration, telle qu'elle est écrite.",
        Long,
    )
    .requis()
    .si(Condition::Different("recours", SIGNALEMENT)),
    q(
        Decision,
        "decision.reference",
        "Référence de la décision",
        "Facultatif : « N/Réf. », « Référence » ou numéro de dossier, en haut de la décision.",
        Texte,
    )
    .si(Condition::Different("recours", SIGNALEMENT)),
    q(
        Decision,
        "decision.mentionne_voies_recours",
        "La décision indique-t-elle comment et dans quel délai la contester ?",
        "Cherchez « voies et délais de recours », souvent en bas de la décision. Sans cette \
         mention, le délai de deux mois ne court pas.",
        OuiNon,
    )
    .si(Condition::Different("recours", SIGNALEMENT))
    .defaut("oui"),
    q(
        Decision,
        "decision.tribunal",
        "Tribunal administratif indiqué",
        "Facultatif : le tribunal que la décision nomme dans ses voies de recours.",
        Texte,
    )
    .si(Condition::Different("recours", SIGNALEMENT)),
    // Earlier recours.
    q(
        Gracieux,
        "recours_gracieux.envoi",
        "Recours gracieux : date d'envoi",
        "La date du cachet de la poste sur le reçu du recommandé.",
        Date,
    )
    .si(Condition::Different("recours", SANS_GRACIEUX_ANTERIEUR)),
    q(
        Gracieux,
        "recours_gracieux.reception",
        "Recours gracieux : date de réception",
        "La date sur l'avis de réception revenu signé.",
        Date,
    )
    .si(Condition::Different("recours", SANS_GRACIEUX_ANTERIEUR)),
    q(
        Gracieux,
        "recours_gracieux.rejet",
        "Recours gracieux : date du refus écrit reçu",
        "Seulement si l'administration a répondu par écrit ; laissez vide sinon.",
        Date,
    )
    .si(Condition::Different("recours", SANS_GRACIEUX_ANTERIEUR)),
    q(
        Gracieux,
        "recours_gracieux.numero_recommande",
        "Recours gracieux : numéro du recommandé",
        "Facultatif : le numéro sur le reçu du recommandé.",
        Texte,
    )
    .si(Condition::Different("recours", SANS_GRACIEUX_ANTERIEUR)),
    q(
        Hierarchique,
        "recours_hierarchique.envoi",
        "Recours hiérarchique : date d'envoi",
        "La date du cachet de la poste sur le reçu du recommandé.",
        Date,
    )
    .si(Condition::Different("recours", SANS_HIERARCHIQUE_ANTERIEUR)),
    q(
        Hierarchique,
        "recours_hierarchique.reception",
        "Recours hiérarchique : date de réception",
        "La date sur l'avis de réception revenu signé.",
        Date,
    )
    .si(Condition::Different("recours", SANS_HIERARCHIQUE_ANTERIEUR)),
    q(
        Hierarchique,
        "recours_hierarchique.rejet",
        "Recours hiérarchique : date du refus écrit reçu",
        "Seulement si le ministère a répondu par écrit ; laissez vide sinon.",
        Date,
    )
    .si(Condition::Different("recours", SANS_HIERARCHIQUE_ANTERIEUR)),
    q(
        Hierarchique,
        "recours_hierarchique.numero_recommande",
        "Recours hiérarchique : numéro du recommandé",
        "Facultatif : le numéro sur le reçu du recommandé.",
        Texte,
    )
    .si(Condition::Different("recours", SANS_HIERARCHIQUE_ANTERIEUR)),
    // The request for the reasons of an implicit rejection, once sent.
    q(
        Motifs,
        "demande_motifs.envoi",
        "Date d'envoi de votre demande des motifs",
        "Seulement si vous avez déjà demandé les motifs d'un rejet implicite (lettre \
         « motifs ») : la date du cachet de la poste. Le délai pour saisir le tribunal en \
         dépend.",
        Date,
    )
    .si(Condition::Different("recours", SANS_GRACIEUX_ANTERIEUR)),
    q(
        Motifs,
        "demande_motifs.communication",
        "Date à laquelle les motifs vous ont été communiqués",
        "Seulement si l'administration vous a répondu en donnant ses motifs : le délai pour \
         saisir le tribunal court alors de cette date.",
        Date,
    )
    .si(Condition::Different("recours", SANS_GRACIEUX_ANTERIEUR)),
    // The requête: what the court is asked to order, the référé, the court's address.
    q(
        Requete,
        "requete.injonction",
        "Que demandez-vous au tribunal d'ordonner, s'il annule le refus ?",
        "Le tribunal peut ordonner à l'administration de délivrer le document, ou de réexaminer \
         la demande (code de justice administrative, art. L. 911-1 et L. 911-2). Demander la \
         délivrance ajoute le réexamen à titre subsidiaire.",
        Choix(INJONCTIONS),
    )
    .si(Condition::Egal("recours", REQUETE))
    .defaut("delivrance"),
    q(
        Requete,
        "requete.delai_injonction_jours",
        "Dans quel délai, en jours ?",
        "Le délai que vous proposez au tribunal pour que l'administration s'exécute après le \
         jugement ; c'est lui qui le fixe.",
        Texte,
    )
    .si(Condition::Egal("recours", REQUETE))
    .defaut("30"),
    q(
        Requete,
        "requete.astreinte",
        "Astreinte demandée, en euros par jour de retard (facultatif)",
        "Une somme par jour de retard si l'administration ne s'exécute pas (art. L. 911-3). \
         Laissez vide pour ne pas en demander.",
        Texte,
    )
    .si(Condition::Egal("recours", REQUETE))
    .exemple("100"),
    q(
        Requete,
        "requete.urgence",
        "Ne pouvez-vous pas attendre le jugement (voyage, examen, emploi) ?",
        "Oui : recours écrit aussi une requête en référé-suspension, à déposer en même temps \
         (art. L. 521-1). Décrivez alors les faits dans « Pourquoi c'est urgent ».",
        OuiNon,
    )
    .si(Condition::Egal("recours", REQUETE))
    .defaut("non"),
    q(
        Requete,
        "requete.urgence_date",
        "Date du voyage, de l'examen ou de l'embauche",
        "La date qui ne peut pas attendre, si elle existe.",
        Date,
    )
    .si(Condition::Egal("recours", REQUETE)),
    q(
        Requete,
        "requete.adresse_tribunal",
        "Adresse du tribunal, telle que l'indique la décision",
        "Les voies et délais de recours de la décision nomment le tribunal et souvent son \
         adresse : recopiez-la, une ligne par élément. Sinon, recours donne une adresse à vérifier.",
        Lignes,
    )
    .si(Condition::Egal("recours", REQUETE)),
    // Signalement.
    q(
        Signalement,
        "signalement.description",
        "Ce qui s'est passé en mairie",
        "Les faits, datés : ce qu'on vous a dit ou refusé, et par qui.",
        Long,
    )
    .requis()
    .si(Condition::Egal("recours", SIGNALEMENT)),
    q(
        Signalement,
        "signalement.date",
        "Date de la difficulté en mairie",
        "Le jour du rendez-vous ou du passage en mairie.",
        Date,
    )
    .si(Condition::Egal("recours", SIGNALEMENT)),
    // The writer.
    q(
        Demandeur,
        "demandeur.civilite",
        "Civilité",
        "Facultatif : comment la lettre vous nomme.",
        Choix(CIVILITES),
    ),
    q(Demandeur, "demandeur.prenom", "Votre prénom", "", Texte)
        .requis()
        .exemple("Camille"),
    q(Demandeur, "demandeur.nom", "Votre nom", "", Texte)
        .requis()
        .exemple("Martin"),
    q(
        Demandeur,
        "demandeur.adresse",
        "Votre adresse",
        "Une ligne par ligne de l'enveloppe : rue, puis code postal et ville.",
        Lignes,
    )
    .requis()
    .exemple("12 rue des Lilas\n84300 Cavaillon"),
    q(
        Demandeur,
        "demandeur.reside_a_l_etranger",
        "Habitez-vous hors de France ?",
        "Le délai pour saisir le tribunal est alors de quatre mois au lieu de deux. Laissé \
         vide : déduit de la dernière ligne de votre adresse (un pays étranger : oui ; la \
         France ou un code postal français : non).",
        OuiNon,
    ),
    q(
        Demandeur,
        "demandeur.date_naissance",
        "Votre date de naissance",
        "Facultatif : aide l'administration à retrouver le dossier.",
        Date,
    ),
    q(
        Demandeur,
        "demandeur.lieu_naissance",
        "Votre lieu de naissance",
        "Facultatif.",
        Texte,
    ),
    q(
        Demandeur,
        "demandeur.telephone",
        "Votre téléphone",
        "Facultatif.",
        Texte,
    ),
    q(
        Demandeur,
        "demandeur.courriel",
        "Votre adresse électronique",
        "Facultatif.",
        Texte,
    ),
    // The minor (or protected adult) the document is for.
    q(
        Titulaire,
        "titulaire.civilite",
        "Civilité de la personne",
        "Facultatif.",
        Choix(CIVILITES),
    ),
    q(
        Titulaire,
        "titulaire.prenom",
        "Son prénom",
        "Remplissez cette partie seulement si le document est pour un enfant ou un majeur \
         protégé : sinon laissez-la vide.",
        Texte,
    ),
    q(Titulaire, "titulaire.nom", "Son nom", "", Texte),
    q(
        Titulaire,
        "titulaire.date_naissance",
        "Sa date de naissance",
        "",
        Date,
    ),
    q(
        Titulaire,
        "titulaire.lieu_naissance",
        "Son lieu de naissance",
        "Facultatif.",
        Texte,
    ),
    q(
        Titulaire,
        "titulaire.qualite",
        "Vous êtes son…",
        "Votre qualité : père, mère, tuteur, tutrice.",
        Texte,
    )
    .exemple("mère"),
    // The addressee, as printed on the decision.
    q(
        Destinataire,
        "destinataire.nom",
        "Nom de l'autorité",
        "Facultatif mais conseillé : l'autorité qui a signé, telle qu'écrite sur la décision. \
         Elle remplace l'adresse que propose l'outil.",
        Texte,
    ),
    q(
        Destinataire,
        "destinataire.adresse",
        "Son adresse",
        "Recopiée de la décision, une ligne par ligne.",
        Lignes,
    ),
    q(
        Destinataire,
        "destinataire.civilite",
        "Civilité du signataire",
        "Seulement si vous savez qui occupe le poste.",
        Choix(CIVILITES),
    ),
    q(
        Destinataire,
        "destinataire.id",
        "Identifiant du bureau",
        "Pour les connaisseurs : un identifiant de « recours bureaux » (par exemple \
         cert-toulon), à la place de celui que choisit l'outil.",
        Texte,
    ),
    // What the letter says.
    q(
        Contenu,
        "lettre.arguments",
        "Arguments à développer",
        "Cochez ceux qui correspondent à votre situation ; la lettre les expose.",
        Arguments,
    ),
    q(
        Contenu,
        "lettre.paragraphes",
        "Vos propres paragraphes",
        "Facultatif : un paragraphe par ligne, ajouté tel quel à la lettre.",
        Lignes,
    ),
    q(
        Contenu,
        "lettre.demande",
        "Ce que vous demandez",
        "Facultatif : si vous voulez formuler la demande vous-même.",
        Long,
    ),
    q(
        Contenu,
        "lettre.pieces_jointes",
        "Pièces jointes en plus",
        "Une par ligne, en plus des pièces habituelles.",
        Lignes,
    ),
    q(
        Contenu,
        "lettre.pieces_jointes_par_defaut",
        "Lister les pièces habituelles ?",
        "Copie de la décision, de la pièce d'identité… (oui par défaut).",
        OuiNon,
    ),
    q(
        Contenu,
        "lettre.urgence",
        "Pourquoi est-ce urgent ?",
        "Facultatif : un voyage prévu, un examen, un emploi… avec sa date ; la lettre le dit \
         avec vos mots.",
        Long,
    )
    .exemple("un voyage prévu le 15 janvier 2027 pour un concours"),
    q(
        Contenu,
        "faits.acte_etranger",
        "Votre acte d'état civil étranger",
        "Facultatif : l'acte étranger que vous produisez (par exemple « acte de naissance \
         dressé à Dakar (Sénégal) ») ; la lettre rappelle qu'un tel acte fait foi, sauf preuve \
         contraire (code civil, art. 47).",
        Texte,
    ),
    q(
        Contenu,
        "faits.certificat_nationalite",
        "Date de votre certificat de nationalité française",
        "Facultatif : la date écrite sur le certificat délivré par le tribunal judiciaire ; la \
         lettre rappelle qu'il revient alors à qui conteste votre nationalité de prouver le \
         contraire (code civil, art. 30).",
        Date,
    ),
    q(
        Contenu,
        "faits.titre_anterieur",
        "Un titre sécurisé déjà obtenu",
        "Facultatif : par exemple « passeport délivré le 3 mars 2015 » ; la lettre rappelle \
         qu'il a été délivré après les mêmes vérifications.",
        Texte,
    ),
    q(
        Contenu,
        "faits.possession_etat",
        "Vous avez toujours été traité comme Français",
        "Facultatif : les faits (cartes d'identité depuis 1998, listes électorales…) ; la \
         lettre invoque la possession d'état de Français (code civil, art. 30-2).",
        Long,
    ),
    q(
        Envoi,
        "lettre.date",
        "Date de la lettre",
        "Laissée vide : aujourd'hui. Les délais sont calculés à cette date.",
        Date,
    ),
    q(
        Envoi,
        "lettre.lieu",
        "Lieu écrit avant la date",
        "Laissé vide : votre ville.",
        Texte,
    ),
    q(
        Envoi,
        "lettre.recommande",
        "Envoi en recommandé avec accusé de réception ?",
        "Conseillé : l'avis de réception prouve la date (oui par défaut).",
        OuiNon,
    ),
    q(
        Envoi,
        "lettre.numero_recommande",
        "Numéro du recommandé",
        "Facultatif : si vous l'avez déjà.",
        Texte,
    ),
];
