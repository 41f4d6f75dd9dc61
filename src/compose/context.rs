//! The facts a template can use, as a Tera context.
//!
//! Everything here is data: names, dates (ISO, formatted by the `date_fr` and `date_longue`
//! filters), keys such as `demande.motif`, and the addressee lines and forms of address that
//! routing chose. Sentences belong to the templates. The names are documented for template
//! authors in `letter_templates/README.md`; keys are always present (null when unknown), so a
//! template can test them without tripping over an undefined variable.

use serde::Serialize;

use crate::case::{Argument, Depot, EarlierRecours};
use crate::deadlines::model::iso;
use crate::french::grammar;
use crate::plan::Plan;
use crate::postal;

#[derive(Debug, Serialize)]
pub(super) struct LetterContext<'a> {
    lettre: Lettre<'a>,
    expediteur: Expediteur<'a>,
    titulaire: Option<Titulaire<'a>>,
    demande: Demande<'a>,
    decision: Option<Decision<'a>>,
    destinataire: Destinataire<'a>,
    /// Who took the decision, as routing named them (« le préfet du Var (Cert de Toulon) »).
    decideur: &'a crate::route::Author,
    recours_gracieux: Option<Recours<'a>>,
    recours_hierarchique: Option<Recours<'a>>,
    /// The recours whose silence formed the implicit rejection (`motifs` letters).
    recours_sans_reponse: Option<SansReponse<'a>>,
    signalement: Option<Signalement>,
    faits: Faits<'a>,
    delais: Delais,
    /// What a requête asks and produces (null for a letter).
    requete: Option<Requete<'a>>,
    /// The request for the reasons of the implicit rejection, once sent.
    demande_motifs: Option<DemandeMotifs>,
}

#[derive(Debug, Serialize)]
struct DemandeMotifs {
    envoi: String,
    communication: Option<String>,
}

/// `requete`: the conclusions, the grounds split as a court reads them, the inventory.
#[derive(Debug, Serialize)]
struct Requete<'a> {
    /// `delivrance` or `reexamen`.
    injonction: &'static str,
    delai_injonction_jours: u16,
    astreinte: Option<u32>,
    urgence: bool,
    urgence_date: Option<String>,
    /// « tribunal administratif de Nîmes », for running text.
    tribunal: String,
    /// The day the silence on each recours became a rejection, when it has (no explicit
    /// answer, two months after receipt, on or before the requête's date).
    implicite_gracieux: Option<String>,
    implicite_hierarchique: Option<String>,
    /// Grounds of external legality (the reasons given), then internal (the merits).
    moyens_externes: Vec<&'static str>,
    moyens_internes: Vec<&'static str>,
    /// Opening words of each ground within its group.
    lieux_externes: std::collections::BTreeMap<&'static str, &'static str>,
    lieux_internes: std::collections::BTreeMap<&'static str, &'static str>,
    /// The inventory, piece 1 first.
    pieces: &'a [super::inventory::Piece],
}

#[derive(Debug, Serialize)]
struct Lettre<'a> {
    #[serde(rename = "type")]
    kind: &'static str,
    date: String,
    lieu: String,
    recommande: bool,
    numero_recommande: Option<&'a str>,
    arguments: Vec<&'static str>,
    /// Each ground's opening words when there are several: « En premier lieu, »… « Enfin, ».
    lieux: std::collections::BTreeMap<&'static str, &'static str>,
    paragraphes: &'a [String],
    demande: Option<&'a str>,
    pieces_jointes: &'a [String],
    pieces_jointes_par_defaut: bool,
    urgence: Option<&'a str>,
}

/// Facts the grounds rest on (`[faits]`).
#[derive(Debug, Serialize)]
struct Faits<'a> {
    acte_etranger: Option<&'a str>,
    certificat_nationalite: Option<String>,
    titre_anterieur: Option<&'a str>,
    possession_etat: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct Expediteur<'a> {
    civilite: Option<&'static str>,
    prenom: &'a str,
    nom: &'a str,
    adresse: Vec<String>,
    telephone: Option<&'a str>,
    courriel: Option<&'a str>,
    date_naissance: Option<String>,
    lieu_naissance: Option<&'a str>,
    /// « Née le 14 mai 1980 à Avignon »: the birth line under the name, so the file can be
    /// found; null when neither is given.
    naissance: Option<String>,
    /// The address as typed, on one line, for running text (« demeurant … »).
    adresse_texte: String,
}

#[derive(Debug, Serialize)]
struct Titulaire<'a> {
    civilite: Option<&'static str>,
    prenom: &'a str,
    nom: &'a str,
    /// « de Léa Martin », « d'Awa Diallo ».
    de_nom: String,
    date_naissance: String,
    lieu_naissance: Option<&'a str>,
    qualite: &'a str,
    /// « la mère », « le tuteur ».
    qualite_article: String,
    /// Under 18 on the letter's date.
    mineur: bool,
    /// The writer is a tutor (« tuteur », « tutrice »), not a parent.
    tutelle: bool,
}

#[derive(Debug, Serialize)]
struct Demande<'a> {
    document: &'static str,
    motif: &'static str,
    depot: &'static str,
    departement: Option<&'a str>,
    departement_nom: Option<String>,
    commune: Option<&'a str>,
    /// « la mairie de Cavaillon », « la mairie du 11e arrondissement de Paris ».
    mairie: Option<String>,
    pays: Option<&'a str>,
    pays_locatif: Option<String>,
    ville: Option<&'a str>,
    ville_locatif: Option<String>,
    numero: Option<&'a str>,
    date: Option<String>,
}

#[derive(Debug, Serialize)]
struct Decision<'a> {
    date: String,
    notification: String,
    reference: Option<&'a str>,
    motif: &'a str,
    /// The reason names the other parent's opposition.
    opposition_parentale: bool,
    /// The reason puts a civil-status act in doubt.
    etat_civil: bool,
    /// The reason says a document is missing or insufficient.
    pieces: bool,
    mentionne_voies_recours: bool,
    tribunal: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct Destinataire<'a> {
    id: &'a str,
    nom: &'a str,
    lignes: Vec<String>,
    adresse_connue: bool,
    adresse_statut: &'static str,
    appel: &'a str,
    appel_nu: &'a str,
    consideration: &'a str,
}

#[derive(Debug, Serialize)]
struct Recours<'a> {
    envoi: Option<String>,
    reception: Option<String>,
    rejet: Option<String>,
    numero_recommande: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct SansReponse<'a> {
    /// `gracieux` or `hierarchique`.
    kind: &'static str,
    /// « recours gracieux ».
    nom: &'static str,
    envoi: Option<String>,
    reception: Option<String>,
    numero_recommande: Option<&'a str>,
}

#[derive(Debug, Serialize)]
struct Signalement {
    date: Option<String>,
    /// The writer's account, printed as a paragraph of the letter: it ends with a full stop.
    description: String,
}

#[derive(Debug, Serialize)]
struct Delais {
    limite_recours_administratif: Option<String>,
    rejet_implicite: Option<String>,
    limite_tribunal: Option<String>,
}

pub(super) fn build<'a>(
    plan: &'a Plan,
    pieces: &'a [super::inventory::Piece],
) -> LetterContext<'a> {
    let c = &plan.case;
    let a = &plan.route.destinataire;
    let offices = crate::offices::Offices::builtin();
    let lieu = c
        .lettre
        .lieu
        .clone()
        .unwrap_or_else(|| sender_town(&c.demandeur.adresse));
    let (departement, departement_nom, commune, pays, pays_locatif, ville, ville_locatif) =
        match &c.demande.depot {
            Depot::Mairie {
                departement,
                commune,
                ..
            } => (
                Some(departement.as_str()),
                offices.departement(departement).map(|d| d.nom.clone()),
                commune.as_deref(),
                None,
                None,
                None,
                None,
            ),
            Depot::Consulat { pays, ville } => (
                None,
                None,
                None,
                Some(pays.nom.as_str()),
                Some(pays.locatif()),
                Some(ville.as_str()),
                Some(crate::route::a_ville(ville)),
            ),
            Depot::Ambassade { pays, ville } => (
                None,
                None,
                None,
                Some(pays.nom.as_str()),
                Some(pays.locatif()),
                ville.as_deref(),
                ville.as_deref().map(crate::route::a_ville),
            ),
        };
    let arguments = arguments(plan);
    let arguments_all = arguments.clone();
    let mut lignes = a.lignes.clone();
    lignes.extend(
        if a.adresse_statut == crate::offices::AddressStatus::Fournie {
            postal::normalise_block(&a.adresse)
        } else {
            a.adresse.clone()
        },
    );
    LetterContext {
        lettre: Lettre {
            kind: c.recours.as_str(),
            date: iso(c.lettre.date),
            lieu,
            recommande: c.lettre.recommande,
            numero_recommande: c.lettre.numero_recommande.as_deref(),
            lieux: lieux(&arguments),
            arguments,
            paragraphes: &c.lettre.paragraphes,
            demande: c.lettre.demande.as_deref(),
            pieces_jointes: &c.lettre.pieces_jointes,
            pieces_jointes_par_defaut: c.lettre.pieces_jointes_par_defaut,
            urgence: c
                .lettre
                .urgence
                .as_deref()
                .map(|u| u.trim_end_matches(['.', ' '])),
        },
        expediteur: Expediteur {
            civilite: c.demandeur.civilite.map(|c| c.as_str()),
            prenom: &c.demandeur.prenom,
            nom: &c.demandeur.nom,
            adresse: postal::sender_block(&c.demandeur.adresse),
            telephone: c.demandeur.telephone.as_deref(),
            courriel: c.demandeur.courriel.as_deref(),
            date_naissance: c.demandeur.date_naissance.map(iso),
            lieu_naissance: c.demandeur.lieu_naissance.as_deref(),
            naissance: naissance(&c.demandeur),
            adresse_texte: c.demandeur.adresse.join(", "),
        },
        titulaire: c.titulaire.as_ref().map(|t| Titulaire {
            civilite: t.civilite.map(|c| c.as_str()),
            prenom: &t.prenom,
            nom: &t.nom,
            de_nom: grammar::de(&format!("{} {}", t.prenom, t.nom)),
            date_naissance: iso(t.date_naissance),
            lieu_naissance: t.lieu_naissance.as_deref(),
            qualite: &t.qualite,
            qualite_article: grammar::with_article(&t.qualite),
            mineur: crate::case::years_between(t.date_naissance, c.lettre.date) < 18,
            tutelle: is_tutelle(&t.qualite),
        }),
        demande: Demande {
            document: c.demande.document.as_str(),
            motif: c.demande.motif.as_str(),
            depot: match c.demande.depot {
                Depot::Mairie { .. } => "mairie",
                Depot::Consulat { .. } => "consulat",
                Depot::Ambassade { .. } => "ambassade",
            },
            departement,
            departement_nom,
            commune,
            mairie: commune.map(grammar::mairie),
            pays,
            pays_locatif,
            ville,
            ville_locatif,
            numero: c.demande.numero.as_deref(),
            date: c.demande.date.map(iso),
        },
        decision: c.decision.as_ref().map(|d| Decision {
            date: iso(d.date),
            notification: iso(d.notification),
            reference: d.reference.as_deref(),
            motif: &d.motif,
            opposition_parentale: d.sujet.opposition_parentale,
            etat_civil: d.sujet.etat_civil,
            pieces: d.sujet.pieces,
            mentionne_voies_recours: d.mentionne_voies_recours,
            tribunal: d.tribunal.as_deref(),
        }),
        destinataire: Destinataire {
            id: &a.id,
            nom: &a.nom,
            adresse_connue: !a.adresse.is_empty(),
            lignes,
            adresse_statut: a.adresse_statut.as_str(),
            appel: &a.appel,
            appel_nu: a.appel.trim_end_matches(','),
            consideration: &a.consideration,
        },
        decideur: &plan.route.auteur,
        recours_gracieux: c.recours_gracieux.as_ref().map(recours),
        recours_hierarchique: c.recours_hierarchique.as_ref().map(recours),
        recours_sans_reponse: c.silent_recours().map(|(k, r)| SansReponse {
            kind: match k {
                crate::deadlines::RecoursKind::Gracieux => "gracieux",
                crate::deadlines::RecoursKind::Hierarchique => "hierarchique",
            },
            nom: k.name_fr(),
            envoi: r.envoi.map(iso),
            reception: r.reception.map(iso),
            numero_recommande: r.numero_recommande.as_deref(),
        }),
        signalement: c.signalement.as_ref().map(|s| Signalement {
            date: s.date.map(iso),
            description: as_sentence(&s.description),
        }),
        faits: Faits {
            acte_etranger: c.faits.acte_etranger.as_deref(),
            certificat_nationalite: c.faits.certificat_nationalite.map(iso),
            titre_anterieur: c.faits.titre_anterieur.as_deref(),
            possession_etat: c.faits.possession_etat.as_deref(),
        },
        delais: Delais {
            limite_recours_administratif: plan
                .deadlines
                .recours_administratif
                .as_ref()
                .map(|d| iso(d.date)),
            rejet_implicite: plan.deadlines.rejet_implicite.as_ref().map(|d| iso(d.date)),
            limite_tribunal: plan.deadlines.tribunal.as_ref().map(|d| iso(d.date)),
        },
        demande_motifs: c.demande_motifs.map(|m| DemandeMotifs {
            envoi: iso(m.envoi),
            communication: m.communication.map(iso),
        }),
        requete: (c.recours == crate::case::LetterKind::Requete)
            .then(|| requete(plan, &arguments_all, pieces)),
    }
}

fn requete<'a>(
    plan: &'a Plan,
    arguments: &[&'static str],
    pieces: &'a [super::inventory::Piece],
) -> Requete<'a> {
    let c = &plan.case;
    let r = &c.requete;
    let born = |e: &Option<EarlierRecours>| {
        let e = e.as_ref()?;
        if e.rejet.is_some() {
            return None;
        }
        let d = crate::deadlines::add_months(e.reception?, 2);
        (d <= c.lettre.date).then(|| iso(d))
    };
    let (externes, internes): (Vec<&'static str>, Vec<&'static str>) = arguments
        .iter()
        .partition(|a| **a == Argument::MotivationInsuffisante.as_str());
    let tribunal = plan.route.destinataire.nom.clone();
    Requete {
        injonction: r.injonction.as_str(),
        delai_injonction_jours: r.delai_injonction_jours,
        astreinte: r.astreinte,
        urgence: r.urgence,
        urgence_date: r.urgence_date.map(iso),
        tribunal: crate::french::grammar::lower_first(&tribunal),
        implicite_gracieux: born(&c.recours_gracieux),
        implicite_hierarchique: born(&c.recours_hierarchique),
        lieux_externes: lieux(&externes),
        lieux_internes: lieux(&internes),
        moyens_externes: externes,
        moyens_internes: internes,
        pieces,
    }
}

/// The grounds the letter argues: those the case file names, else those its facts support. A
/// refusal for the other parent's opposition is about parental authority, not about a doubt on
/// identity, so it gets that ground alone.
fn arguments(plan: &Plan) -> Vec<&'static str> {
    let c = &plan.case;
    if !c.lettre.arguments.is_empty() {
        return Argument::ALL
            .into_iter()
            .filter(|a| c.lettre.arguments.contains(a))
            .map(Argument::as_str)
            .collect();
    }
    let opposition = c
        .decision
        .as_ref()
        .is_some_and(|d| d.sujet.opposition_parentale);
    let f = &c.faits;
    let mut chosen = Vec::new();
    if !(opposition && c.titulaire.is_some()) {
        chosen.push(Argument::DouteSuffisant);
    }
    for (given, ground) in [
        (
            f.certificat_nationalite.is_some(),
            Argument::CertificatNationalite,
        ),
        (f.acte_etranger.is_some(), Argument::ActeEtranger),
        (f.titre_anterieur.is_some(), Argument::TitreAnterieur),
        (f.possession_etat.is_some(), Argument::PossessionEtat),
    ] {
        if given {
            chosen.push(ground);
        }
    }
    if c.titulaire.is_some() {
        chosen.push(Argument::AutoriteParentale);
    }
    Argument::ALL
        .into_iter()
        .filter(|a| chosen.contains(a))
        .map(Argument::as_str)
        .collect()
}

/// « Née le 14 mai 1980 à Avignon », « Né(e) le… » without a civilité.
fn naissance(p: &crate::case::Person) -> Option<String> {
    if p.date_naissance.is_none() && p.lieu_naissance.is_none() {
        return None;
    }
    let ne = match p.civilite {
        Some(crate::case::Civilite::Madame) => "Née",
        Some(crate::case::Civilite::Monsieur) => "Né",
        None => "Né(e)",
    };
    let mut s = ne.to_string();
    if let Some(d) = p.date_naissance {
        s.push_str(" le ");
        s.push_str(&crate::french::date::date(d));
    }
    if let Some(l) = &p.lieu_naissance {
        s.push_str(" à ");
        s.push_str(l);
    }
    Some(s)
}

/// « En premier lieu, », then « En second lieu, » when there are exactly two grounds (careful
/// French keeps « second » for a pair), else « En deuxième lieu, », …, « Enfin, »; one ground
/// needs none.
fn lieux(arguments: &[&'static str]) -> std::collections::BTreeMap<&'static str, &'static str> {
    // Up to the ninth: with all ten grounds the tenth is « Enfin ».
    const RANKS: [&str; 9] = [
        "En premier lieu, ",
        "En deuxième lieu, ",
        "En troisième lieu, ",
        "En quatrième lieu, ",
        "En cinquième lieu, ",
        "En sixième lieu, ",
        "En septième lieu, ",
        "En huitième lieu, ",
        "En neuvième lieu, ",
    ];
    let n = arguments.len();
    arguments
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let lieu = match (n, i) {
                (1, _) => "",
                (2, 1) => "En second lieu, ",
                (_, i) if i + 1 == n && n > 2 => "Enfin, ",
                (_, i) => RANKS[i.min(RANKS.len() - 1)],
            };
            (*a, lieu)
        })
        .collect()
}

/// The text with a final full stop unless it already ends a sentence.
fn as_sentence(text: &str) -> String {
    let t = text.trim_end();
    if t.ends_with(['.', '!', '?', '…', '»', ')']) {
        t.to_string()
    } else {
        format!("{t}.")
    }
}

fn is_tutelle(qualite: &str) -> bool {
    matches!(crate::suggest::fold(qualite).as_str(), "tuteur" | "tutrice")
}

fn recours(r: &EarlierRecours) -> Recours<'_> {
    Recours {
        envoi: r.envoi.map(iso),
        reception: r.reception.map(iso),
        rejet: r.rejet.map(iso),
        numero_recommande: r.numero_recommande.as_deref(),
    }
}

/// The town of the sender's postcode line (« 84300 Cavaillon » → « Cavaillon »), else the
/// last address line that is not a country line (« MAROC », in capitals, without digits).
fn sender_town(adresse: &[String]) -> String {
    let is_country = |l: &String| {
        !l.chars().any(|ch| ch.is_ascii_digit())
            && l.chars().any(char::is_alphabetic)
            && !l.chars().any(char::is_lowercase)
    };
    let lines = match adresse.split_last() {
        Some((last, rest)) if rest.len() >= 2 && is_country(last) => rest,
        _ => adresse,
    };
    lines
        .iter()
        .rev()
        .find(|l| postal::is_postcode_line(l))
        .map(|l| l.trim()[6..].trim())
        .map(|t| {
            t.split(" CEDEX")
                .next()
                .unwrap_or(t)
                .split(" Cedex")
                .next()
                .unwrap_or(t)
                .to_string()
        })
        .or_else(|| lines.last().cloned())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sender_town_comes_from_the_postcode_line() {
        assert_eq!(
            sender_town(&["12 rue des Lilas".into(), "84300 Cavaillon".into()]),
            "Cavaillon"
        );
        assert_eq!(
            sender_town(&["BP 12".into(), "75800 Paris Cedex 08".into()]),
            "Paris"
        );
        assert_eq!(
            sender_town(&[
                "24 bd d'Anfa".into(),
                "20000 Casablanca".into(),
                "MAROC".into()
            ]),
            "Casablanca"
        );
        assert_eq!(sender_town(&["Rue X".into(), "Tunis".into()]), "Tunis");
        assert_eq!(
            sender_town(&["Rue X".into(), "Tokyo".into(), "JAPON".into()]),
            "Tokyo"
        );
    }

    #[test]
    fn signalement_account_reads_as_a_sentence() {
        assert_eq!(as_sentence("On m'a renvoyé"), "On m'a renvoyé.");
        assert_eq!(as_sentence("On m'a renvoyé."), "On m'a renvoyé.");
    }

    #[test]
    fn second_is_kept_for_exactly_two_grounds() {
        assert_eq!(lieux(&["doute-suffisant"])["doute-suffisant"], "");
        let two = lieux(&["doute-suffisant", "autorite-parentale"]);
        assert_eq!(two["doute-suffisant"], "En premier lieu, ");
        assert_eq!(two["autorite-parentale"], "En second lieu, ");
        let three = lieux(&["a", "b", "c"]);
        assert_eq!(
            [three["a"], three["b"], three["c"]],
            ["En premier lieu, ", "En deuxième lieu, ", "Enfin, "]
        );
        let four = lieux(&["a", "b", "c", "d"]);
        assert_eq!(
            [four["a"], four["b"], four["c"], four["d"]],
            [
                "En premier lieu, ",
                "En deuxième lieu, ",
                "En troisième lieu, ",
                "Enfin, "
            ]
        );
    }

    #[test]
    fn every_ground_has_its_own_rank_up_to_all_ten() {
        let all: Vec<&'static str> = Argument::ALL.into_iter().map(Argument::as_str).collect();
        let ranks = lieux(&all);
        let mut said: Vec<&str> = all.iter().map(|a| ranks[a]).collect();
        assert_eq!(said.last(), Some(&"Enfin, "));
        assert_eq!(said[8], "En neuvième lieu, ");
        said.sort_unstable();
        said.dedup();
        assert_eq!(said.len(), all.len(), "a rank said twice");
    }
}
