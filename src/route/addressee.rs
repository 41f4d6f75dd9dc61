//! Choosing the addressee: the table's office for the situation, replaced by the case file's
//! `[destinataire]` when present.

use serde::Serialize;

use super::Reason;
use super::forms;
use crate::case::{Case, Civilite, Depot, LetterKind};
use crate::error::Error;
use crate::offices::{AddressStatus, Fonction, Office, Offices, Pays};
use crate::suggest::fold;

/// The service-public page every route starts from.
pub(super) const SEED: &str = "service-public.fr, « Quels recours si le dossier de carte d'identité ou \
    passeport est refusé ? » (fiche F12567, mise à jour le 06/03/2023)";

/// Who receives the letter, and how to address them.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Addressee {
    /// Contract id: `cert-toulon`, `consul-general`, `fourni`…
    pub id: String,
    /// Name for running text.
    pub nom: String,
    /// Identity lines of the recipient block.
    pub lignes: Vec<String>,
    /// Postal lines under them; empty when no address is known.
    pub adresse: Vec<String>,
    /// Whether the address can be used as is.
    pub adresse_statut: AddressStatus,
    /// Where the address comes from.
    pub adresse_source: String,
    /// The holder's role, when known.
    pub fonction: Option<Fonction>,
    /// The holder's gender, when the case file gives it.
    pub civilite: Option<Civilite>,
    /// « Madame, Monsieur, ».
    pub appel: String,
    /// The closing formula, repeating the appel.
    pub formule: String,
    /// Its degree alone, « ma haute considération », for templates that write their own
    /// closing sentence.
    pub consideration: String,
}

impl Addressee {
    /// The whole recipient block: identity lines, then postal lines.
    pub fn bloc(&self) -> Vec<String> {
        self.lignes.iter().chain(&self.adresse).cloned().collect()
    }

    /// True when the letter cannot be posted as is: no address known.
    pub fn adresse_manquante(&self) -> bool {
        self.adresse.is_empty()
    }
}

/// The office the tables point to, before any `[destinataire]`.
#[derive(Clone)]
struct Candidate {
    id: String,
    nom: String,
    lignes: Vec<String>,
    adresse: Vec<String>,
    statut: AddressStatus,
    source: String,
    fonction: Fonction,
    /// For a Cert, « du Var »: the préfet in whose name it decides.
    prefet_de: String,
    /// For a ministry, « de l'Intérieur ».
    ministere: String,
    /// Words that identify this office in a name copied from a decision.
    mots: Vec<String>,
}

impl Candidate {
    fn from_office(o: &Office) -> Candidate {
        let mots = match o.id.as_str() {
            "prefecture-de-police" => {
                vec!["prefecture de police".into(), "prefet de police".into()]
            }
            "dlpaj" => vec![
                "libertes publiques".into(),
                "dlpaj".into(),
                "interieur".into(),
            ],
            "service-francais-etranger" => {
                vec![
                    "francais a l etranger".into(),
                    "francais de l etranger".into(),
                    "affaires etrangeres".into(),
                ]
            }
            "defenseur-des-droits" => vec!["defenseur des droits".into()],
            _ => vec![fold(&o.ville), "centre d expertise".into(), "cert".into()],
        };
        Candidate {
            id: o.id.clone(),
            nom: o.nom.clone(),
            lignes: o.destinataire.clone(),
            adresse: o.adresse.as_ref().map(|a| a.lines()).unwrap_or_default(),
            statut: o.adresse_statut,
            source: o.adresse_source.clone(),
            fonction: o.fonction,
            prefet_de: o.prefet_de.clone(),
            ministere: o.ministere.clone(),
            mots,
        }
    }
}

pub(super) fn choose(
    case: &Case,
    offices: &Offices,
    raisons: &mut Vec<Reason>,
    avertissements: &mut Vec<String>,
) -> Result<Addressee, Error> {
    own_request_reason(case, raisons);
    let candidate = match super::routed_as(case) {
        LetterKind::Gracieux | LetterKind::Signalement => {
            decider(case, offices, raisons, avertissements)?
        }
        LetterKind::Hierarchique => Some(superior(case, offices, raisons)),
        LetterKind::Defenseur => Some(defenseur(offices, raisons)),
        LetterKind::Motifs | LetterKind::Communication | LetterKind::Requete => {
            unreachable!("routed_as maps the requests and the requête onto a recours")
        }
    };
    if let Some(t) = &case.titulaire {
        raisons.push(Reason::new(
            format!(
                "Le document est demandé pour {} {} par {} {}, en qualité de {} : c'est le \
                 représentant légal qui écrit et signe, et qui justifie de sa qualité.",
                t.prenom, t.nom, case.demandeur.prenom, case.demandeur.nom, t.qualite
            ),
            if case.demande.document == crate::case::Document::Passeport {
                "décret n° 2005-1726, art. 8 ; service-public F18605"
            } else {
                "décret n° 55-1397 du 22 octobre 1955 ; service-public F18605"
            },
        ));
    }
    let opposed = case
        .decision
        .as_ref()
        .is_some_and(|d| d.sujet.opposition_parentale);
    if case.titulaire.is_some() && opposed {
        raisons.push(Reason::new(
            "La décision retient l'opposition de l'autre parent : l'administration ne considère \
             alors plus le parent qui demande comme agissant avec l'accord de l'autre, et la lettre \
             ne s'appuie pas sur cette présomption. Si les parents restent en désaccord, c'est le juge aux affaires \
             familiales qui tranche : la lettre demande un réexamen au vu de sa décision, s'il est \
             saisi. Faites-vous aider (point-justice, avocat) pour le saisir.",
            "réponse du ministère de l'Europe et des affaires étrangères, JO Sénat du 18 décembre \
             2025 ; code civil, art. 372-2",
        ));
    }
    let override_ = case.destinataire.as_ref();
    let civilite = override_.and_then(|d| d.civilite);
    let addressee = match (override_, candidate) {
        (Some(d), candidate) if d.nom.is_some() => {
            let nom = d.nom.clone().unwrap_or_default();
            let adresse = d.adresse.clone().unwrap_or_default();
            let forced = d.id.as_deref().and_then(|id| {
                offices
                    .office(id)
                    .map(Candidate::from_office)
                    .or_else(|| candidate.as_ref().filter(|c| c.id == id).cloned())
            });
            let matched = forced.or_else(|| {
                candidate.filter(|c| {
                    c.mots
                        .iter()
                        .any(|m| !m.is_empty() && fold(&nom).contains(m.as_str()))
                })
            });
            let (id, fonction) = match &matched {
                Some(c) => (c.id.clone(), Some(c.fonction)),
                None => ("fourni".to_string(), None),
            };
            raisons.push(Reason::new(
                format!("Nom et adresse du destinataire recopiés de la décision : « {nom} »."),
                "dossier, table [destinataire]",
            ));
            if matched.is_none()
                && let Some(expected) = expected_name(case, offices)
            {
                avertissements.push(format!(
                    "le destinataire indiqué (« {nom} ») ne ressemble pas au bureau attendu ({expected}) : \
                     vérifiez qu'il s'agit bien de l'autorité qui a signé la décision, ou indiquez destinataire.id"
                ));
            }
            let appel = forms::appel(fonction, civilite);
            let formule = forms::formule(&appel, fonction);
            Addressee {
                id,
                nom: nom.clone(),
                lignes: vec![nom],
                adresse,
                adresse_statut: AddressStatus::Fournie,
                adresse_source: "recopiée de la décision (table [destinataire] du dossier)"
                    .to_string(),
                fonction,
                civilite,
                consideration: forms::consideration(&appel, fonction).to_string(),
                appel,
                formule,
            }
        }
        (_, Some(c)) => {
            match c.statut {
                AddressStatus::Confirmee => raisons.push(Reason::new(
                    format!("Adresse confirmée pour : {}.", c.nom),
                    c.source.clone(),
                )),
                AddressStatus::Probable => {
                    raisons.push(Reason::new(
                        format!("Adresse probable pour : {}.", c.nom),
                        c.source.clone(),
                    ));
                    avertissements.push(format!(
                        "adresse probable pour « {} » : elle vient d'une source datée, non \
                         confirmée ; comparez-la avec l'adresse qui figure sur la décision et, si elle \
                         diffère, recopiez celle de la décision dans la table [destinataire] du dossier",
                        c.nom
                    ));
                }
                _ => avertissements.push(format!(
                    "adresse à vérifier : aucune adresse confirmée n'est connue pour {} ; recopiez le nom et \
                     l'adresse qui figurent sur la décision dans la table [destinataire] du dossier",
                    c.nom
                )),
            }
            let appel = forms::appel(Some(c.fonction), civilite);
            let formule = forms::formule(&appel, Some(c.fonction));
            let mut lignes = c.lignes;
            if !c.prefet_de.is_empty() {
                lignes.insert(0, forms::prefet_line(&c.prefet_de, civilite));
            } else if c.fonction == Fonction::Ministre
                && let Some(first) = forms::ministre_line(&c.ministere, civilite)
            {
                lignes = ministre_lines(&c.id, first).unwrap_or(lignes);
            }
            Addressee {
                id: c.id,
                nom: c.nom,
                lignes,
                adresse: c.adresse,
                adresse_statut: c.statut,
                adresse_source: c.source,
                fonction: Some(c.fonction),
                civilite,
                consideration: forms::consideration(&appel, Some(c.fonction)).to_string(),
                appel,
                formule,
            }
        }
        (_, None) => unreachable!("decider() returns Err when there is no candidate"),
    };
    if addressee.civilite.is_none() && addressee.fonction.is_some() {
        raisons.push(Reason::new(
            format!(
                "Formule d'appel « {} » : on ne sait pas si le poste est occupé par une femme ou un homme \
                 (indiquez destinataire.civilite pour écrire par exemple « {} »).",
                addressee.appel,
                forms::appel(addressee.fonction, Some(crate::case::Civilite::Monsieur))
            ),
            "usage administratif des formules d'appel et de politesse",
        ));
    }
    Ok(addressee)
}

/// Why a request (not a recours) goes where it goes, before the reasons of the recours whose
/// addressee it shares.
fn own_request_reason(case: &Case, raisons: &mut Vec<Reason>) {
    match case.recours {
        LetterKind::Communication => raisons.push(Reason::new(
            "La demande de communication des documents du dossier s'adresse à l'autorité qui a pris \
             la décision et détient le dossier : le même destinataire que le recours gracieux.",
            "CRPA art. L. 311-1",
        )),
        LetterKind::Motifs => {
            if let Some((kind, r)) = case.silent_recours() {
                let reception = r
                    .reception
                    .map_or(String::new(), |d| format!(", reçu le {}", crate::french::date::date(d)));
                raisons.push(Reason::new(
                    format!(
                        "Les motifs d'un rejet implicite se demandent à l'autorité dont le silence l'a fait \
                         naître : celle qui a reçu le {}{reception}.",
                        kind.name_fr()
                    ),
                    "CRPA art. L. 232-4",
                ));
            }
        }
        _ => {}
    }
}

/// The authority that decided: the Cert (or Préfecture de police) for a mairie, the consul
/// général or the ambassadeur abroad. `None` only with a `[destinataire]` for a territory with
/// no known Cert.
fn decider(
    case: &Case,
    offices: &Offices,
    raisons: &mut Vec<Reason>,
    avertissements: &mut Vec<String>,
) -> Result<Option<Candidate>, Error> {
    let gracieux = super::routed_as(case) == LetterKind::Gracieux;
    match &case.demande.depot {
        Depot::Mairie {
            departement,
            commune,
            deduit_du_code_postal,
        } => {
            let dep = offices.departement(departement);
            let dep_name = dep.map_or_else(
                || departement.clone(),
                |d| format!("{} ({})", d.nom, d.code),
            );
            let lieu = match commune {
                Some(c) => format!("{c}, {dep_name}"),
                None => dep_name.clone(),
            };
            raisons.push(Reason::new(
                format!(
                    "La demande a été déposée en mairie ({lieu}) : la mairie enregistre la demande et la \
                     transmet, elle ne l'accepte ni ne la refuse. Le Centre d'expertise et de ressources \
                     titres (Cert) dont relève le département instruit la demande, et la décision est \
                     prise au nom du préfet du département où il siège (la carte est « délivrée ou \
                     renouvelée par le préfet »)."
                ),
                format!("{SEED} ; décret n° 55-1397 du 22 octobre 1955, art. 2"),
            ));
            if *deduit_du_code_postal {
                raisons.push(Reason::new(
                    format!(
                        "Le département {departement} a été déduit du code postal. Quelques communes \
                         frontalières ont le code postal d'un département voisin : en cas de doute, \
                         indiquez demande.departement."
                    ),
                    "numérotation des codes postaux de La Poste",
                ));
            }
            let Some(office) = offices.cert_for(departement) else {
                if case.destinataire.as_ref().is_some_and(|d| d.nom.is_some()) {
                    raisons.push(Reason::new(
                        format!("Aucune source ne dit quel service décide pour {dep_name} : le destinataire \
                                 est celui que la décision indique."),
                        "page service-public et sources consultées : aucune ne nomme le service compétent ici",
                    ));
                    return Ok(None);
                }
                return Err(Error::Input {
                    message: format!(
                        "aucune source ne dit quel service instruit les cartes d'identité et passeports pour \
                         {dep_name} : l'outil ne devine pas le destinataire"
                    ),
                    conseil: Some(
                        "recopiez le nom et l'adresse de l'autorité qui a signé la décision dans la table \
                         [destinataire] du dossier : nom = \"…\" et adresse = [\"…\", \"…\"]"
                            .to_string(),
                    ),
                });
            };
            if office.id == "prefecture-de-police" {
                raisons.push(Reason::new(
                    "À Paris, la carte d'identité et le passeport sont délivrés par le préfet de police ; sa \
                     direction de la police générale (DPG) instruit les demandes.",
                    "décret n° 55-1397 du 22 octobre 1955, art. 2 ; service-public A12563",
                ));
            }
            let why = if gracieux {
                "Le recours gracieux s'adresse à l'auteur de la décision"
            } else {
                "Une difficulté rencontrée en mairie se signale par courrier au Cert, qui instruit la \
                 demande ; ce n'est pas un recours et aucun délai n'en dépend"
            };
            // The Cert instructs; the decision is the préfet's (décret 55-1397, art. 2), so the
            // gracieux names him as its author, as the letter does.
            let who = if gracieux && !office.prefet_de.is_empty() {
                format!(
                    "le préfet {}, au nom duquel {} (région {}) instruit la demande",
                    office.prefet_de,
                    short_name(office),
                    office.region
                )
            } else {
                format!("{} (région {})", short_name(office), office.region)
            };
            let coverage = office.couverture.as_ref();
            raisons.push(Reason::new(
                format!(
                    "{why} : pour le département {dep_name}, {who}. Confiance dans ce \
                     rattachement : {}{}.",
                    coverage.map_or("", |c| c.confiance.as_str()),
                    coverage
                        .filter(|c| !c.preuve.is_empty())
                        .map_or(String::new(), |c| format!(" ; {}", c.preuve)),
                ),
                if gracieux {
                    format!(
                        "CRPA art. L. 410-1, 2° ; {}",
                        coverage.map_or(SEED, |c| c.source.as_str())
                    )
                } else {
                    SEED.to_string()
                },
            ));
            Ok(Some(Candidate::from_office(office)))
        }
        Depot::Consulat { pays, ville } => {
            raisons.push(Reason::new(
                format!(
                    "La demande a été déposée au consulat général de France {} ({}) : à l'étranger, la carte \
                     d'identité et le passeport sont délivrés par le chef de poste consulaire. Le recours \
                     gracieux s'adresse au consul général.",
                    a_ville(ville),
                    pays.nom
                ),
                format!("décret n° 55-1397, art. 2 ; {SEED}"),
            ));
            check_consulat(offices, pays, ville, raisons, avertissements);
            Ok(Some(post(
                "consul-general",
                format!("le consul général de France {}", a_ville(ville)),
                vec!["Consulat général de France".to_string(), a_ville(ville)],
                Fonction::ConsulGeneral,
                vec![
                    "consul".into(),
                    "consulat".into(),
                    "consulat general".into(),
                ],
            )))
        }
        Depot::Ambassade { pays, ville } => {
            raisons.push(Reason::new(
                format!(
                    "La demande a été déposée à la section consulaire de l'ambassade de France {}{} : le \
                     recours gracieux s'adresse à l'ambassadeur.",
                    pays.locatif(),
                    ville.as_ref().map_or(String::new(), |v| format!(" ({v})"))
                ),
                format!("décret n° 55-1397, art. 2 ; {SEED}"),
            ));
            let mut c = post(
                "ambassadeur",
                format!("l'ambassadeur de France {}", pays.locatif()),
                ambassade_lines(pays),
                Fonction::Ambassadeur,
                vec![
                    "ambassade".into(),
                    "ambassadeur".into(),
                    "ambassadrice".into(),
                ],
            );
            if let Some(a) = offices.ambassade(&pays.nom) {
                if !a.site.is_empty() {
                    raisons.push(Reason::new(
                        format!(
                            "Site de l'ambassade de France {}, pour vérifier son adresse : {}.",
                            pays.locatif(),
                            a.site
                        ),
                        a.source.clone(),
                    ));
                }
                if a.adresse_statut == AddressStatus::Probable {
                    c.adresse = a.lines();
                    c.statut = AddressStatus::Probable;
                    c.source = a.source.clone();
                }
            }
            Ok(Some(c))
        }
    }
}

fn superior(case: &Case, offices: &Offices, raisons: &mut Vec<Reason>) -> Candidate {
    let (id, text, source) = if case.demande.depot.is_abroad() {
        (
            "service-francais-etranger",
            "Le recours hiérarchique s'adresse au supérieur de l'auteur de la décision : pour un consul \
             général ou un ambassadeur, le ministre de l'Europe et des affaires étrangères, Service des \
             Français à l'étranger.",
            format!("CRPA art. L. 410-1, 3° ; {SEED}"),
        )
    } else {
        (
            "dlpaj",
            "Le recours hiérarchique s'adresse au supérieur de l'auteur de la décision : pour un Cert ou le \
             préfet de police, le ministre de l'Intérieur, direction des libertés publiques et des affaires \
             juridiques (DLPAJ).",
            format!("CRPA art. L. 410-1, 3° ; {SEED} ; service-public A12563"),
        )
    };
    raisons.push(Reason::new(text, source));
    let office = offices
        .office(id)
        .expect("administrations.toml has dlpaj and service-francais-etranger");
    Candidate::from_office(office)
}

fn defenseur(offices: &Offices, raisons: &mut Vec<Reason>) -> Candidate {
    raisons.push(Reason::new(
        "Le Défenseur des droits peut être saisi gratuitement par une personne en désaccord avec un service \
         public, après des démarches auprès de l'administration en cause ; pour un enfant, par ses \
         représentants légaux. Il ne tranche pas le litige et n'interrompt aucun délai.",
        "defenseurdesdroits.fr (« Obtenir de l'aide ») ; décret n° 2011-904, art. 1er ; tribunal \
         administratif de Saint-Pierre-et-Miquelon, « Faut-il vraiment saisir le juge »",
    ));
    let office = offices
        .office("defenseur-des-droits")
        .expect("administrations.toml has defenseur-des-droits");
    Candidate::from_office(office)
}

/// A consulate the tables know gives its website; a town with no known post, in a country
/// whose list is complete, gets « vouliez-vous dire … ? » and the embassy as the other place
/// the application may have been filed.
fn check_consulat(
    offices: &Offices,
    pays: &Pays,
    ville: &str,
    raisons: &mut Vec<Reason>,
    avertissements: &mut Vec<String>,
) {
    use crate::offices::ConsulatLookup;
    match offices.consulat(&pays.nom, ville) {
        ConsulatLookup::Connu(c) if !c.site.is_empty() => raisons.push(Reason::new(
            format!(
                "Site du consulat général de France {}, pour vérifier son adresse : {}.",
                a_ville(&c.ville),
                c.site
            ),
            c.source.clone(),
        )),
        ConsulatLookup::Connu(_) | ConsulatLookup::Incertain => {}
        ConsulatLookup::Inconnu(near) => {
            let hint = match near.as_slice() {
                [] => ".".to_string(),
                [one, ..] => format!(" : vouliez-vous dire {one} ?"),
            };
            avertissements.push(format!(
                "aucun consulat de France {} ({}) ne figure dans la liste des postes \
                 (database-of-embassies, 2022){hint} Si la demande a été déposée à l'ambassade de \
                 France {}, indiquez depot = \"ambassade\" dans [demande]",
                a_ville(ville),
                pays.nom,
                pays.locatif()
            ));
        }
    }
}

fn post(
    id: &str,
    nom: String,
    lignes: Vec<String>,
    fonction: Fonction,
    mots: Vec<String>,
) -> Candidate {
    Candidate {
        id: id.to_string(),
        nom,
        lignes,
        adresse: Vec::new(),
        statut: AddressStatus::AVerifier,
        source: "recours ne connaît pas d'adresse à jour des consulats et ambassades (l'annuaire consulté date \
                 de 2015) : recopier celle de la décision"
            .to_string(),
        fonction,
        prefet_de: String::new(),
        ministere: String::new(),
        mots,
    }
}

/// A ministry's block headed by its minister: « Monsieur le Ministre de l'Intérieur », then
/// the direction; each line under 38 characters, six lines at most with the address.
fn ministre_lines(id: &str, first: String) -> Option<Vec<String>> {
    match id {
        "dlpaj" => Some(vec![
            first,
            "Direction des libertés publiques".to_string(),
            "et des affaires juridiques".to_string(),
        ]),
        "service-francais-etranger" => {
            let first = first.replace(" et des affaires étrangères", "");
            Some(vec![
                first,
                "et des affaires étrangères – DFAE".to_string(),
                "Service des Français à l'étranger".to_string(),
            ])
        }
        _ => None,
    }
}

/// « Ambassade de France » / « au Maroc »: two lines keep each under 38 characters.
fn ambassade_lines(pays: &Pays) -> Vec<String> {
    vec!["Ambassade de France".to_string(), pays.locatif()]
}

/// « à Casablanca », « au Caire », « aux Abymes ».
pub fn a_ville(ville: &str) -> String {
    if let Some(rest) = ville.strip_prefix("Le ") {
        format!("au {rest}")
    } else if let Some(rest) = ville.strip_prefix("Les ") {
        format!("aux {rest}")
    } else {
        format!("à {ville}")
    }
}

/// « le Cert de Toulon », « la Préfecture de police ».
fn short_name(office: &Office) -> String {
    if office.id == "prefecture-de-police" {
        "la Préfecture de police".to_string()
    } else {
        let de = office
            .destinataire
            .last()
            .map_or("", |l| l.trim_start_matches("titres (Cert) "));
        format!("le Cert {de}")
    }
}

/// What the tables would have chosen, for the warning when `[destinataire]` differs.
fn expected_name(case: &Case, offices: &Offices) -> Option<String> {
    match (super::routed_as(case), &case.demande.depot) {
        (LetterKind::Gracieux | LetterKind::Signalement, Depot::Mairie { departement, .. }) => {
            offices.cert_for(departement).map(short_name)
        }
        (LetterKind::Gracieux, Depot::Consulat { ville, .. }) => {
            Some(format!("le consul général {}", a_ville(ville)))
        }
        (LetterKind::Gracieux, Depot::Ambassade { pays, .. }) => {
            Some(format!("l'ambassadeur {}", pays.locatif()))
        }
        (LetterKind::Hierarchique, d) if d.is_abroad() => {
            Some("le Service des Français à l'étranger".into())
        }
        (LetterKind::Hierarchique, _) => Some("la DLPAJ du ministère de l'Intérieur".into()),
        (LetterKind::Defenseur, _) => Some("le Défenseur des droits".into()),
        _ => None,
    }
}
