//! `recours explique CAS`: which letter, to whom, why, the deadlines and the next steps.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::text::Report;
use super::write_out;
use crate::case;
use crate::deadlines::{self, IcsOptions};
use crate::error::{Error, ExitCode};
use crate::french::date::date as fr_date;
use crate::offices::Offices;
use crate::plan::Plan;

/// What `explique` was asked for.
#[derive(Debug)]
pub(super) struct Request<'a> {
    pub cas: &'a Path,
    pub json: bool,
    pub ics: Option<&'a PathBuf>,
    pub date: Option<NaiveDate>,
    pub clock: crate::clock::Clock,
}

pub(super) fn run(
    req: Request<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, Error> {
    if let Some(ics) = req.ics {
        super::refuse_overwriting(req.cas, ics)?;
    }
    let case = case::load(req.cas, req.date, req.clock.today)?;
    let plan = Plan::new(case, Offices::builtin())
        .map_err(|e| super::in_file(&req.cas.display().to_string(), e))?;
    if let Some(path) = req.ics {
        let label = format!("{} {}", plan.case.demandeur.prenom, plan.case.demandeur.nom);
        let stamp = req.clock.pdf_timestamp(plan.case.lettre.date);
        let ics = deadlines::to_ics(
            &plan.deadlines,
            &IcsOptions {
                stamp: Some(stamp),
                case_label: Some(&label),
            },
        );
        super::write_file(
            path,
            ics.as_bytes(),
            out,
            "impossible d'écrire le calendrier",
        )?;
        let _ = writeln!(err, "calendrier écrit : {}", path.display());
    }
    if req.json {
        let text =
            serde_json::to_string_pretty(&plan.to_json()).expect("plan JSON always serializes");
        write_out(out, &(text + "\n"))?;
    } else {
        write_out(out, &report(&plan))?;
    }
    Ok(ExitCode::Success)
}

/// The explanation for people, wrapped at 80 columns.
pub(super) fn report(plan: &Plan) -> String {
    let c = &plan.case;
    let r = &plan.route;
    let a = &r.destinataire;
    let mut t = Report::default();
    t.heading(&format!("Lettre à écrire : {}", c.recours.label()));
    let object = match &c.decision {
        Some(d) => format!(
            "contre le refus de {} ({}) du {}",
            c.demande.document.label(),
            c.demande.motif.label(),
            fr_date(d.date)
        ),
        None => format!(
            "au sujet de la demande de {} ({})",
            c.demande.document.label(),
            c.demande.motif.label()
        ),
    };
    t.para(2, &object);
    if let Some(ti) = &c.titulaire {
        t.para(
            2,
            &format!(
                "pour {} {}, écrite par {} {} ({})",
                ti.prenom, ti.nom, c.demandeur.prenom, c.demandeur.nom, ti.qualite
            ),
        );
    }

    t.heading(&format!("Destinataire : {}", a.nom));
    for line in a.bloc() {
        t.para(4, &line);
    }
    if a.adresse_manquante() {
        t.para(
            4,
            if plan.case.recours == crate::case::LetterKind::Requete {
                "(adresse inconnue : recopiez celle que la décision indique dans requete.adresse_tribunal)"
            } else {
                "(adresse inconnue : recopiez celle de la décision dans [destinataire])"
            },
        );
    }
    t.hanging(
        2,
        "Adresse : ",
        &format!(
            "{} — {}",
            a.adresse_statut.label(),
            crate::shown::source(&a.adresse_source)
        ),
    );
    t.hanging(2, "Formule d'appel : ", &format!("« {} »", a.appel));
    if !a.formule.is_empty() {
        t.hanging(2, "Formule de politesse : ", &format!("« {} »", a.formule));
    }

    t.heading("Pourquoi");
    for (i, reason) in r.raisons.iter().enumerate() {
        let bullet = format!("{}. ", i + 1);
        t.hanging(2, &bullet, &reason.regle);
        t.hanging(
            2 + bullet.len(),
            "Source : ",
            &crate::shown::source(&reason.source),
        );
    }

    t.line("");
    t.line(deadlines::render(&plan.deadlines).trim_end());

    if let Some(court) = &r.tribunal {
        t.heading("Tribunal administratif");
        let name = court.tribunal.as_ref().map_or_else(
            || court.nom_indique.clone().unwrap_or_default(),
            |tr| tr.nom.clone(),
        );
        let certainty = match court.certitude {
            "certain" => "certain",
            "indique-par-la-decision" => "indiqué par la décision",
            _ => "probable",
        };
        t.para(2, &format!("{name} ({certainty})"));
        if let Some(tr) = &court.tribunal {
            match &tr.adresse {
                Some(addr) => {
                    for l in addr.lines() {
                        t.para(4, &l);
                    }
                    t.hanging(
                        2,
                        "Adresse : ",
                        &format!(
                            "{} — {}",
                            tr.adresse_statut.label(),
                            crate::shown::source(&tr.adresse_source)
                        ),
                    );
                }
                None => t.para(4, "(adresse inconnue)"),
            }
        }
        t.hanging(2, "Pourquoi : ", &court.explication);
        t.hanging(2, "Source : ", &crate::shown::source(&court.source));
    }

    t.heading("Le chemin");
    for (i, step) in crate::path::path(plan).iter().enumerate() {
        let mut line = crate::french::grammar::first_upper(&step.quoi);
        if let Some(who) = &step.a_qui {
            line.push_str(&format!(" — à\u{a0}: {who}"));
        }
        match (step.avant, step.conseille) {
            (Some(avant), Some(c)) if c != avant => line.push_str(&format!(
                " — avant le {} (conseillé\u{a0}: le {})",
                crate::french::date::date(avant),
                crate::french::date::date(c)
            )),
            (Some(avant), _) => {
                line.push_str(&format!(" — avant le {}", crate::french::date::date(avant)))
            }
            (None, _) => {}
        }
        if let Some(doc) = step.document {
            line.push_str(&format!(" — recours = \"{doc}\""));
        }
        t.hanging(2, &format!("{}. ", i + 1), &line);
    }

    t.heading("Et ensuite");
    for step in &r.etapes_suivantes {
        t.hanging(2, "- ", step);
    }

    let others: Vec<&String> = r.avertissements.iter().chain(&c.avertissements).collect();
    if !others.is_empty() {
        t.heading("À vérifier");
        for w in others {
            t.hanging(2, "! ", w);
        }
    }
    t.finish()
}
