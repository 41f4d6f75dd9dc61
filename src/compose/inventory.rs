//! The pieces a requête produces, numbered in the order of its inventory (CJA art. R. 412-2:
//! « un numéro dans un ordre continu et croissant ainsi qu'un libellé suffisamment
//! explicite »).
//!
//! The list is computed here rather than in a template because three readers need the same
//! numbers: the inventory page, the `--pieces` folder whose files are named after it
//! (Télérecours citoyens wants one file per piece with an explicit title, art. R. 414-5), and
//! `explique`. Piece 1 is the contested decision, which R. 412-1 requires; the recours and
//! their receipts follow, which prove the date an implicit rejection was born (R. 421-2).

use serde::Serialize;

use crate::case::{Case, EarlierRecours, Motif};
use crate::french::date::date as fr_date;

/// One piece of the inventory.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Piece {
    /// 1, 2, 3… in the inventory's order.
    pub numero: usize,
    /// Stable key for `requete.fichiers`: `decision`, `recours_gracieux`, `piece_1`…
    pub id: String,
    /// The label printed in the inventory and used to name the file.
    pub intitule: String,
}

/// The ids a case file may give a file for, other than `piece_N`.
pub const FIXED_IDS: [&str; 11] = [
    "decision",
    "recours_gracieux",
    "rejet_gracieux",
    "recours_hierarchique",
    "rejet_hierarchique",
    "demande_motifs",
    "motifs_communiques",
    "ancien_titre",
    "declaration_perte",
    "declaration_vol",
    "justificatif_qualite",
];

/// The inventory of a requête en annulation.
pub fn inventory(case: &Case) -> Vec<Piece> {
    let mut out: Vec<(String, String)> = Vec::new();
    if let Some(d) = &case.decision {
        let reference = d
            .reference
            .as_ref()
            .map_or(String::new(), |r| format!(", référence {r}"));
        out.push((
            "decision".into(),
            format!(
                "Décision attaquée du {}{reference} ({})",
                fr_date(d.date),
                refused(case)
            ),
        ));
    }
    recours_pieces(&mut out, &case.recours_gracieux, "gracieux");
    recours_pieces(&mut out, &case.recours_hierarchique, "hierarchique");
    if let Some(m) = &case.demande_motifs {
        out.push((
            "demande_motifs".into(),
            format!(
                "Demande de communication des motifs du rejet implicite, envoyée le {}",
                fr_date(m.envoi)
            ),
        ));
        if let Some(c) = m.communication {
            out.push((
                "motifs_communiques".into(),
                format!("Motifs communiqués le {}", fr_date(c)),
            ));
        }
    }
    if case.lettre.pieces_jointes_par_defaut {
        let m = if case.titulaire.is_some() {
            "son"
        } else {
            "mon"
        };
        match case.demande.motif {
            Motif::Renouvellement => out.push((
                "ancien_titre".into(),
                match case.demande.document {
                    crate::case::Document::Passeport => format!("Copie de {m} ancien passeport"),
                    crate::case::Document::CarteIdentite => {
                        format!("Copie de {m} ancienne carte nationale d'identité")
                    }
                },
            )),
            Motif::Perte => out.push(("declaration_perte".into(), "Déclaration de perte".into())),
            Motif::Vol => out.push((
                "declaration_vol".into(),
                "Récépissé de déclaration de vol".into(),
            )),
            Motif::PremiereDemande => {}
        }
        if let Some(t) = &case.titulaire {
            out.push((
                "justificatif_qualite".into(),
                format!(
                    "Justificatif de ma qualité de {} {}",
                    t.qualite,
                    crate::french::grammar::de(&format!("{} {}", t.prenom, t.nom))
                ),
            ));
        }
    }
    for (i, p) in case.lettre.pieces_jointes.iter().enumerate() {
        out.push((
            format!("piece_{}", i + 1),
            crate::french::grammar::first_upper(p),
        ));
    }
    out.into_iter()
        .enumerate()
        .map(|(i, (id, intitule))| Piece {
            numero: i + 1,
            id,
            intitule,
        })
        .collect()
}

/// The référé-suspension's inventory: the copy of the requête en annulation first (CJA
/// art. R. 522-1), then the requête's own pieces.
pub fn refere(case: &Case) -> Vec<Piece> {
    let mut pieces = vec![Piece {
        numero: 1,
        id: "requete_annulation".into(),
        intitule: "Copie de la requête en annulation présentée le même jour".into(),
    }];
    pieces.extend(inventory(case).into_iter().map(|p| Piece {
        numero: p.numero + 1,
        ..p
    }));
    pieces
}

/// « refus de délivrance d'un passeport », « refus de renouvellement de carte nationale
/// d'identité ».
fn refused(case: &Case) -> String {
    let doc = match case.demande.document {
        crate::case::Document::Passeport => "passeport",
        crate::case::Document::CarteIdentite => "carte nationale d'identité",
    };
    match case.demande.motif {
        Motif::Renouvellement => format!("refus de renouvellement de {doc}"),
        _ if doc == "passeport" => "refus de délivrance d'un passeport".into(),
        _ => "refus de délivrance d'une carte nationale d'identité".into(),
    }
}

fn recours_pieces(out: &mut Vec<(String, String)>, r: &Option<EarlierRecours>, kind: &str) {
    let Some(r) = r else { return };
    let name = if kind == "gracieux" {
        "Recours gracieux"
    } else {
        "Recours hiérarchique"
    };
    let envoi = r
        .envoi
        .map_or(String::new(), |d| format!(" envoyé le {}", fr_date(d)));
    let preuve = match r.reception {
        Some(d) => format!(" et avis de réception du {}", fr_date(d)),
        None => " et preuve de son envoi".to_string(),
    };
    out.push((format!("recours_{kind}"), format!("{name}{envoi}{preuve}")));
    if let Some(d) = r.rejet {
        out.push((
            format!("rejet_{kind}"),
            format!(
                "Décision rejetant le {}, notifiée le {}",
                name.to_lowercase(),
                fr_date(d)
            ),
        ));
    }
}
