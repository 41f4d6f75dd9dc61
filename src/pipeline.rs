//! One letter end to end: a plan is composed with the templates, laid out and written as PDF.
//!
//! The [`Renderer`] holds what is costly to prepare (the Tera templates, the parsed fonts) and
//! is shared by every thread of a batch.

use std::path::Path;

use crate::compose::{self, Templates};
use crate::error::Error;
use crate::letter::Letter;
use crate::plan::Plan;
use crate::typeset::{self, Fonts, LaidOutLetter, PageGeometry};

/// Templates, fonts and page geometry, ready to render letters.
#[derive(Debug)]
pub struct Renderer {
    templates: Templates,
    /// `SOURCE_DATE_EPOCH`, written into every PDF in place of the letter's noon.
    epoch: Option<chrono::NaiveDateTime>,
    fonts: &'static Fonts,
    geometry: PageGeometry,
}

/// A rendered letter: its words, its pages and its PDF bytes.
#[derive(Debug)]
pub struct Rendered {
    /// The composed letter.
    pub letter: Letter,
    /// Its pages.
    pub laid_out: LaidOutLetter,
    /// The PDF file: the document, followed by the requête en référé-suspension when the
    /// case asks for one (its pages start after the requête's inventory).
    pub pdf: Vec<u8>,
    /// With a référé-suspension, the two requêtes as separate files: each is filed on its own
    /// (CJA art. R. 522-1), so `--pieces` writes them apart.
    pub separate: Option<Separate>,
}

/// The requête and its référé-suspension, each in its own PDF.
#[derive(Debug)]
pub struct Separate {
    /// The requête en annulation alone.
    pub requete: Vec<u8>,
    /// The requête en référé-suspension.
    pub refere: Vec<u8>,
    /// Its words.
    pub refere_letter: Letter,
    /// Its page count.
    pub refere_pages: usize,
}

impl Renderer {
    /// The embedded templates, or those of `modeles` replacing them by name.
    pub fn new(modeles: Option<&Path>) -> Result<Renderer, Error> {
        let templates = match modeles {
            Some(dir) => Templates::with_overrides(dir),
            None => Templates::builtin(),
        }
        .map_err(compose_error)?;
        Ok(Renderer {
            templates,
            epoch: None,
            fonts: Fonts::charis(),
            geometry: PageGeometry::default(),
        })
    }

    /// Stamps every PDF with the clock's fixed timestamp (`SOURCE_DATE_EPOCH`), if any.
    pub fn with_clock(mut self, clock: &crate::clock::Clock) -> Renderer {
        self.epoch = clock.epoch;
        self
    }

    /// Said once: user template files that replace nothing.
    pub fn warnings(&self) -> &[String] {
        &self.templates.warnings
    }

    /// The fonts letters are set in.
    pub fn fonts(&self) -> &'static Fonts {
        self.fonts
    }

    /// Composes, lays out and writes the letter of a plan.
    pub fn render(&self, plan: &Plan) -> Result<Rendered, Error> {
        let letter = compose::compose(plan, &self.templates).map_err(compose_error)?;
        let (letter, laid_out, pdf) = self.typeset(plan, letter)?;
        let Some(refere) = compose::compose_refere(plan, &self.templates) else {
            return Ok(Rendered {
                letter,
                laid_out,
                pdf,
                separate: None,
            });
        };
        let (refere_letter, refere_laid_out, refere_pdf) =
            self.typeset(plan, refere.map_err(compose_error)?)?;
        let whole = (|| {
            let mut a = crate::pdf::Assembler::new(Vec::new(), false)?;
            a.add(&pdf)?;
            a.add(&refere_pdf)?;
            a.finish(&letter.metadata)
        })()
        .map_err(|e| Error::Internal(format!("écriture du PDF : {e}")))?;
        Ok(Rendered {
            letter,
            laid_out,
            pdf: whole,
            separate: Some(Separate {
                requete: pdf,
                refere: refere_pdf,
                refere_letter,
                refere_pages: refere_laid_out.pages.len(),
            }),
        })
    }

    /// Lays out one composed document and writes its PDF.
    fn typeset(
        &self,
        plan: &Plan,
        mut letter: Letter,
    ) -> Result<(Letter, LaidOutLetter, Vec<u8>), Error> {
        if let Some(t) = self.epoch {
            letter.metadata.created = t;
        }
        let laid_out = typeset::layout(&letter, &self.geometry, self.fonts).map_err(|e| {
            let conseil = match &e {
                typeset::TypesetError::MissingGlyph { character, .. } => {
                    match field_with(&plan.case, *character) {
                        Some(key) => {
                            format!("le caractère est dans {key} : remplacez-le ou supprimez-le")
                        }
                        None => "le caractère vient d'un modèle : corrigez le modèle".to_string(),
                    }
                }
                _ => "raccourcissez les textes du dossier concernés".to_string(),
            };
            Error::Input {
                message: format!("mise en page impossible : {e}"),
                conseil: Some(conseil),
            }
        })?;
        let pdf = crate::pdf::write(&laid_out, self.fonts)
            .map_err(|e| Error::Internal(format!("écriture du PDF : {e}")))?;
        Ok((letter, laid_out, pdf))
    }
}

fn field_with(case: &crate::case::Case, c: char) -> Option<String> {
    fn walk(v: &serde_json::Value, path: &str, c: char) -> Option<String> {
        match v {
            serde_json::Value::String(s) if s.contains(c) => Some(path.to_string()),
            serde_json::Value::Array(items) => items
                .iter()
                .enumerate()
                .find_map(|(i, x)| walk(x, &format!("{path}[{i}]"), c)),
            serde_json::Value::Object(m) => m.iter().find_map(|(k, x)| {
                let key = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                walk(x, &key, c)
            }),
            _ => None,
        }
    }
    walk(&serde_json::to_value(case).ok()?, "", c).map(|path| file_key(&path))
}

/// The case file's key for a path in the validated case: where the file says
/// `demande.commune`, the case holds the filing place as `demande.depot.…commune`.
fn file_key(domain: &str) -> String {
    match domain.strip_prefix("demande.depot.") {
        Some(rest) => format!("demande.{}", rest.rsplit('.').next().unwrap_or(rest)),
        None => domain.to_string(),
    }
}

/// Template problems are the user's to fix (their `--modeles` folder), hence exit 2.
fn compose_error(e: compose::ComposeError) -> Error {
    Error::Compose(e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::case::tests::{BASE, abroad, parse_toml, with};
    use crate::compose::typography::fix;
    use crate::offices::Offices;
    use crate::pdf::extract::{extract, page_text};

    /// The PDF's text, lines joined, hyphenation undone.
    fn pdf_text(pdf: &[u8]) -> String {
        let pages: Vec<String> = extract(pdf).iter().map(|p| page_text(p)).collect();
        pages.join("\n").replace("\u{AD}\n", "").replace('\n', " ")
    }

    fn render(text: &str) -> (Plan, Rendered) {
        let plan = Plan::new(parse_toml(text).unwrap(), Offices::builtin()).unwrap();
        let rendered = Renderer::new(None).unwrap().render(&plan).unwrap();
        (plan, rendered)
    }

    #[test]
    fn every_letter_kind_pdf_shows_addressee_date_object_appel_and_matching_closing() {
        let kinds = [
            BASE.to_string(),
            abroad(BASE, "consulat", "pays = \"Maroc\"\nville = \"Casablanca\""),
            with("", "recours", "\"hierarchique\""),
            abroad(
                &with("", "recours", "\"hierarchique\""),
                "ambassade",
                "pays = \"Japon\"",
            ),
            with("", "recours", "\"signalement\""),
            with("", "recours", "\"defenseur\""),
        ];
        for case in kinds {
            let (plan, rendered) = render(&case);
            let text = pdf_text(&rendered.pdf);
            let a = &plan.route.destinataire;
            assert!(
                text.contains(&fix(&a.lignes[0])),
                "{}: addressee in\n{text}",
                a.id
            );
            assert!(
                text.contains(", le 27 novembre 2026"),
                "{}: date line",
                a.id
            );
            assert!(
                text.contains(&format!("Objet{}:", '\u{a0}')),
                "{}: object",
                a.id
            );
            assert!(text.contains(&fix(&a.appel)), "{}: appel", a.id);
            let closing = fix(&format!(
                "Je vous prie d'agréer, {}, l'expression de",
                a.appel.trim_end_matches(',')
            ));
            assert!(
                text.contains(&closing),
                "{}: closing repeats the appel in\n{text}",
                a.id
            );
        }
    }

    /// BASE refused on 25 Aug 2026 (notified 28 Aug), a recours gracieux received 24 Sep and
    /// unanswered: implicitly rejected on 24 Nov, before the letter (27 Nov).
    fn after_silent_gracieux(recours: &str) -> String {
        let t = with("", "recours", &format!("\"{recours}\""))
            .replace("date = 2026-10-15", "date = 2026-08-25")
            .replace("notification = 2026-10-20", "notification = 2026-08-28");
        format!("{t}\n[recours_gracieux]\nenvoi = 2026-09-22\nreception = 2026-09-24\n")
    }

    #[test]
    fn motifs_pdf_asks_the_silent_authority_for_the_reasons_under_l232_4() {
        let (plan, rendered) = render(&after_silent_gracieux("motifs"));
        let text = pdf_text(&rendered.pdf);
        assert_eq!(plan.route.destinataire.id, "cert-toulon");
        for expected in [
            "Objet : demande de communication des motifs de la décision implicite de rejet de mon recours gracieux",
            "j'ai formé auprès de vous un recours gracieux contre cette décision, reçu le 24 septembre 2026",
            "ce silence a fait naître, le 24 novembre 2026, une décision implicite de rejet",
            "En application de l'article L. 232-4 du code des relations entre le public et l'administration, je vous demande de bien vouloir me communiquer les motifs de cette décision implicite de rejet.",
            "accusé de réception de cette demande",
            "Copie de mon recours gracieux du 22 septembre 2026",
        ] {
            assert!(text.contains(&fix(expected)), "{expected}\nin\n{text}");
        }
        assert!(!text.contains("ancienne carte"), "{text}");
        assert!(!text.contains(&fix("je saisirai le tribunal")), "{text}");
    }

    #[test]
    fn communication_pdf_asks_the_author_for_the_documents_under_l311_1() {
        let (plan, rendered) = render(&with("", "recours", "\"communication\""));
        let text = pdf_text(&rendered.pdf);
        assert_eq!(plan.route.destinataire.id, "cert-toulon");
        for expected in [
            "Objet : demande de communication des documents du dossier (refus de renouvellement",
            "le préfet du Var (Cert de Toulon) a rejeté cette demande",
            "en application de l'article L. 311-1 du code des relations entre le public et l'administration, les documents du dossier sur lesquels elle repose",
            "les pièces de la demande, telles qu'elles ont été enregistrées",
            "s'il en existe, les avis, vérifications et échanges",
            "accusé de réception de cette demande",
        ] {
            assert!(text.contains(&fix(expected)), "{expected}\nin\n{text}");
        }
        assert!(!text.contains("recours gracieux"), "{text}");
    }

    #[test]
    fn a_character_the_font_lacks_names_the_field() {
        let plan = Plan::new(
            parse_toml(&with("demandeur", "prenom", "\"Camille ☃\"")).unwrap(),
            Offices::builtin(),
        )
        .unwrap();
        let e = Renderer::new(None).unwrap().render(&plan).unwrap_err();
        assert_eq!(e.exit_code(), crate::error::ExitCode::Input);
        assert!(e.to_string().contains("U+2603"), "{e}");
        assert_eq!(
            e.conseil(),
            Some("le caractère est dans demandeur.prenom : remplacez-le ou supprimez-le")
        );
    }

    /// Issue 14, item 10: the key named was the case's inner path
    /// (`demande.depot.commune`), not the file's (`demande.commune`).
    #[test]
    fn a_character_the_font_lacks_names_the_file_key() {
        let plan = Plan::new(
            parse_toml(&BASE.replace("commune = \"Cavaillon\"", "commune = \"Cavaillon ☃\""))
                .unwrap(),
            Offices::builtin(),
        )
        .unwrap();
        let e = Renderer::new(None).unwrap().render(&plan).unwrap_err();
        assert_eq!(
            e.conseil(),
            Some("le caractère est dans demande.commune : remplacez-le ou supprimez-le")
        );
    }

    #[test]
    fn the_same_case_gives_the_same_bytes() {
        let (_, one) = render(BASE);
        let (_, two) = render(BASE);
        assert_eq!(one.pdf, two.pdf);
        let (_, other) = render(&with("lettre", "date", "2026-11-28"));
        assert_ne!(one.pdf, other.pdf);
    }
}
