//! `recours lettre CAS` and `recours exemple`: one letter, written as PDF.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::write_out;
use crate::case::{self, Context, Format};
use crate::error::{Error, ExitCode};
use crate::offices::Offices;
use crate::pipeline::Renderer;
use crate::plan::Plan;

/// What `lettre` was asked for.
#[derive(Debug)]
pub(super) struct Request<'a> {
    pub output: Option<&'a Path>,
    pub date: Option<NaiveDate>,
    pub modeles: Option<&'a Path>,
    pub texte: bool,
    /// `--pieces DOSSIER`: the requête's folder, ready to file.
    pub pieces: Option<&'a Path>,
    pub clock: crate::clock::Clock,
}

/// `recours lettre CAS`.
pub(super) fn lettre(
    cas: &Path,
    req: &Request<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, Error> {
    let default = cas.with_extension("pdf");
    super::refuse_overwriting(cas, req.output.unwrap_or(&default))?;
    let case = case::load(cas, req.date, req.clock.today)?;
    if req.pieces.is_some() && case.recours != case::LetterKind::Requete {
        return Err(Error::usage(
            format!(
                "--pieces ne s'applique qu'à une requête au tribunal ; {} demande : {}",
                cas.display(),
                case.recours.label()
            ),
            "écrivez recours = \"requete\" dans le dossier, ou retirez --pieces",
        ));
    }
    let dir = cas.parent().unwrap_or(Path::new(""));
    let prepared = match req.pieces {
        Some(dest) => Some(
            crate::pieces::prepare(dest, &case, dir)
                .map_err(|e| super::in_file(&cas.display().to_string(), e))?,
        ),
        None => None,
    };
    render(
        case,
        &cas.display().to_string(),
        req,
        req.output.unwrap_or(&default),
        out,
        err,
    )
    .and_then(|(code, plan, rendered)| {
        if let (Some(dest), Some(prepared)) = (req.pieces, prepared) {
            let written = crate::pieces::write_folder(dest, &plan.case, prepared, &rendered)
                .map_err(|e| super::in_file(&cas.display().to_string(), e))?;
            let _ = writeln!(
                err,
                "dossier à déposer écrit : {} ({} pièce{} copiée{}, voir inventaire.txt)",
                dest.display(),
                written.copied,
                if written.copied > 1 { "s" } else { "" },
                if written.copied > 1 { "s" } else { "" },
            );
            for (n, label) in &written.missing {
                let _ = writeln!(
                    err,
                    "avertissement : pièce n° {n} ({}) : aucun fichier dans requete.fichiers, à ajouter au dossier",
                    crate::shown::terminal(label)
                );
            }
        }
        Ok(code)
    })
}

/// `recours exemple`: the embedded Cavaillon case.
pub(super) fn exemple(
    req: &Request<'_>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, Error> {
    let ctx = Context {
        offices: Offices::builtin(),
        date_override: req.date,
        today: req.clock.today,
    };
    let case = case::parse(crate::assets::EXEMPLE, Format::Toml, "exemple intégré", ctx)?;
    let default = PathBuf::from("lettre-exemple.pdf");
    render(
        case,
        "exemple intégré",
        req,
        req.output.unwrap_or(&default),
        out,
        err,
    )
    .map(|(code, _, _)| code)
}

/// Renders a validated case to `output` (or its text), then prints the warnings.
pub(super) fn render(
    case: case::Case,
    name: &str,
    req: &Request<'_>,
    output: &Path,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<(ExitCode, Plan, crate::pipeline::Rendered), Error> {
    let plan = Plan::new(case, Offices::builtin()).map_err(|e| super::in_file(name, e))?;
    let renderer = Renderer::new(req.modeles)?.with_clock(&req.clock);
    // A letter that cannot be laid out names the case file it comes from.
    let rendered = renderer
        .render(&plan)
        .map_err(|e| super::in_file(name, e))?;
    if req.texte {
        write_out(out, &crate::compose::form_text(&rendered.letter))?;
        if let Some(sep) = &rendered.separate {
            write_out(out, "\n\u{c}\n")?;
            write_out(out, &crate::compose::form_text(&sep.refere_letter))?;
        }
    } else {
        super::write_file(output, &rendered.pdf, out, "impossible d'écrire la lettre")?;
        let pages = rendered.laid_out.pages.len();
        let _ = writeln!(
            err,
            "lettre écrite : {} ({} page{}, {} ; destinataire : {})",
            output.display(),
            pages,
            if pages > 1 { "s" } else { "" },
            plan.case.recours.label(),
            plan.route.destinataire.nom
        );
        if let Some(sep) = &rendered.separate {
            let _ = writeln!(
                err,
                "suivie de la requête en référé-suspension ({} page{}), à déposer séparément : \
                 les deux requêtes sont dans le même fichier, --pieces les écrit à part",
                sep.refere_pages,
                if sep.refere_pages > 1 { "s" } else { "" },
            );
        }
    }
    for w in renderer.warnings().iter().cloned().chain(plan.warnings()) {
        let _ = writeln!(err, "avertissement : {}", crate::shown::terminal(&w));
    }
    Ok((ExitCode::Success, plan, rendered))
}
