//! `recours bureaux`: the offices the tool knows, or the ones competent for a département.

use std::io::Write;

use serde_json::json;

use super::text::Report;
use super::write_out;
use crate::error::{Error, ExitCode};
use crate::offices::{
    Categorie, Office, Offices, Tribunal, departement_from_postcode, normalise_departement,
};
use crate::suggest;

pub(super) fn run(
    departement: Option<&str>,
    json: bool,
    out: &mut dyn Write,
) -> Result<ExitCode, Error> {
    let offices = Offices::builtin();
    let text = match departement {
        None if json => pretty(&json!({
            "certs": offices.certs,
            "administrations": offices.administrations,
            "tribunaux": offices.tribunaux,
        })),
        None => list(offices),
        Some(code) => {
            let code = resolve(code, offices)?;
            if json {
                pretty(&for_departement_json(&code, offices))
            } else {
                for_departement(&code, offices)
            }
        }
    };
    write_out(out, &text)?;
    Ok(ExitCode::Success)
}

fn pretty(v: &serde_json::Value) -> String {
    serde_json::to_string_pretty(v).expect("a JSON value always serializes") + "\n"
}

/// A département code, or a postcode, to an INSEE code the tables know.
fn resolve(input: &str, offices: &Offices) -> Result<String, Error> {
    let trimmed = input.trim();
    let code = if trimmed.len() == 5 && trimmed.chars().all(|c| c.is_ascii_digit()) {
        departement_from_postcode(trimmed).map_err(|e| {
            Error::usage(
                e,
                "indiquez un code postal français, par exemple --departement 84300",
            )
        })?
    } else {
        normalise_departement(trimmed)
            .map_err(|e| Error::usage(e, "par exemple --departement 2A"))?
    };
    if offices.departement(&code).is_none() {
        let codes = offices.departements.iter().map(|d| d.code.as_str());
        let close = suggest::closest(&code, codes).map(|k| format!("vouliez-vous dire « {k} » ? "));
        return Err(Error::usage(
            format!("département « {code} » inconnu"),
            format!(
                "{}codes INSEE : 01 à 95, 2A, 2B, 971 à 976, ou un code postal",
                close.unwrap_or_default()
            ),
        ));
    }
    Ok(code)
}

fn list(offices: &Offices) -> String {
    let mut r = Report::default();
    r.heading("Centres d'expertise et de ressources titres (dépôt en mairie : recours gracieux, signalement)");
    for c in &offices.certs {
        r.hanging(
            2,
            "",
            &format!(
                "{:<26} {} — départements {} — adresse {}",
                c.id,
                c.ville,
                c.departements.join(" "),
                c.adresse_statut.label()
            ),
        );
    }
    r.heading("Administrations (recours hiérarchique, Défenseur des droits)");
    for a in &offices.administrations {
        r.hanging(
            2,
            "",
            &format!(
                "{:<26} {} — adresse {}",
                a.id,
                a.nom,
                a.adresse_statut.label()
            ),
        );
    }
    r.heading("Dépôt au consulat ou à l'ambassade");
    r.hanging(2, "", "consul-general / ambassadeur : le poste où la demande a été déposée (adresse à recopier de la décision)");
    r.heading("Tribunaux administratifs (adresses datées, à vérifier)");
    for t in &offices.tribunaux {
        r.hanging(
            2,
            "",
            &format!("{:<26} {} — {}", t.id, t.nom, t.departements.join(" ")),
        );
    }
    r.line("");
    r.para(
        0,
        "Détail d'un département : recours bureaux --departement 84",
    );
    r.finish()
}

fn office_lines(r: &mut Report, o: &Office) {
    r.para(2, &o.nom);
    let mut block = o.destinataire.clone();
    if !o.prefet_de.is_empty() {
        // The letter goes to the préfet in whose name the Cert decides (route::forms).
        block.insert(0, crate::route::forms::prefet_line(&o.prefet_de, None));
    }
    match &o.adresse {
        Some(a) => block.extend(a.lines()),
        None => block.push("(adresse inconnue : recopiez celle de la décision)".into()),
    }
    for l in block {
        r.para(4, &l);
    }
    r.hanging(
        2,
        "adresse : ",
        &format!(
            "{} — {}",
            o.adresse_statut.label(),
            crate::shown::source(&o.adresse_source)
        ),
    );
    if let Some(c) = &o.couverture {
        r.hanging(
            2,
            "rattachement : ",
            &format!("confiance {} ; {}", c.confiance, c.preuve),
        );
    }
    if !o.remarque.is_empty() {
        r.hanging(2, "remarque : ", &o.remarque);
    }
}

fn tribunal_lines(r: &mut Report, t: &Tribunal) {
    r.para(2, &t.nom);
    match &t.adresse {
        Some(a) => {
            for l in a.lines() {
                r.para(4, &l);
            }
        }
        None => r.para(4, "(adresse inconnue)"),
    }
    r.hanging(
        2,
        "adresse : ",
        &format!(
            "{} — {}",
            t.adresse_statut.label(),
            crate::shown::source(&t.adresse_source)
        ),
    );
}

fn for_departement(code: &str, offices: &Offices) -> String {
    let d = offices
        .departement(code)
        .expect("resolve() checked the code");
    let mut r = Report::default();
    r.heading(&format!("{} ({})", d.nom, d.code));
    r.heading("Recours gracieux et signalement (demande déposée en mairie)");
    match offices.cert_for(code) {
        Some(c) => office_lines(&mut r, c),
        None => r.para(2, &format!(
            "Aucune source ne dit quel service décide pour {} : recopiez le nom et l'adresse de l'autorité qui a \
             signé la décision dans la table [destinataire] du dossier.",
            d.nom
        )),
    }
    r.heading("Recours hiérarchique");
    if let Some(o) = offices.office("dlpaj") {
        office_lines(&mut r, o);
    }
    r.heading("Tribunal administratif du département (CJA R. 221-3)");
    match offices.tribunal_for(code) {
        Some(t) => tribunal_lines(&mut r, t),
        None => r.para(2, "aucun"),
    }
    if d.categorie == Categorie::Departement {
        r.para(2, "Le tribunal compétent pour contester un refus est celui du siège de l'autorité qui a décidé \
                   (CJA R. 312-1) : la décision l'indique.");
    }
    r.finish()
}

fn for_departement_json(code: &str, offices: &Offices) -> serde_json::Value {
    json!({
        "departement": offices.departement(code),
        "cert": offices.cert_for(code),
        "recours_hierarchique": offices.office("dlpaj"),
        "tribunal_du_departement": offices.tribunal_for(code),
    })
}
