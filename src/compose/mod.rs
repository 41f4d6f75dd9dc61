//! From a routed case to the words of the letter: Tera templates render a light markup
//! ([`markup`]) that becomes a [`Letter`], with French typography applied to every text
//! ([`typography`]).
//!
//! The templates in `letter_templates/` own every word; this module only picks the template
//! for the situation, gives it the facts (`context`) and checks what comes back. A template
//! error names the template, the line and the real cause, whether the template is ours or an
//! association's (`--modeles`).

mod context;
mod form_text;
pub mod inventory;
pub mod markup;
mod plain;
mod templates;
pub mod typography;

use std::path::PathBuf;

use crate::case::{Depot, LetterKind};
use crate::letter::{Block, Letter, Metadata, Text};
use crate::plan::Plan;

pub use form_text::form_text;
pub use plain::plain_text;
pub use templates::{MAX_TEMPLATE_BYTES, Templates};

/// The top-level templates, one per letter.
pub const LETTER_TEMPLATES: [&str; 6] = [
    "gracieux-cert.tera",
    "gracieux-poste.tera",
    "hierarchique-interieur.tera",
    "hierarchique-etrangeres.tera",
    "signalement.tera",
    "defenseur.tera",
];

/// Why a letter could not be composed.
#[derive(Debug, thiserror::Error)]
pub enum ComposeError {
    /// Tera refused a template, or failed while rendering it.
    #[error("{}{}: {message}", if modele.is_empty() { "modèles".to_string() } else { format!("modèle « {modele} »") }, ligne.map(|l| format!(", ligne {l} ")).unwrap_or_else(|| " ".into()))]
    Template {
        /// The template file.
        modele: String,
        /// Line in the template, when known.
        ligne: Option<usize>,
        /// What is wrong, in French.
        message: String,
        /// Tera's own words, for template authors.
        #[source]
        cause: Option<TeraCause>,
    },
    /// The rendered text does not follow the letter markup.
    #[error("modèle « {modele} », ligne {ligne} du texte produit : {message}")]
    Markup {
        /// The template file.
        modele: String,
        /// Line of the rendered text.
        ligne: usize,
        /// What is wrong.
        message: String,
    },
    /// A template that runs too long or writes too much (a user's template).
    #[error("modèle « {modele} » : {message}")]
    Budget {
        /// The template file.
        modele: String,
        /// What it overran.
        message: String,
    },
    /// A template folder that cannot be used.
    #[error("dossier de modèles « {} » : {message}", dossier.display())]
    Folder {
        /// The folder.
        dossier: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// Tera's message, kept as the cause so the whole chain is printed.
#[derive(Debug, thiserror::Error)]
#[error("détail de Tera : {0}")]
pub struct TeraCause(String);

impl ComposeError {
    fn from_tera(e: &tera::Error) -> ComposeError {
        use tera::ErrorKind;
        let mut chain = e.to_string();
        let mut source = std::error::Error::source(e);
        while let Some(s) = source {
            chain.push_str(" ; ");
            chain.push_str(&s.to_string());
            source = s.source();
        }
        let (modele, ligne, raw) = match e.kind() {
            ErrorKind::SyntaxError(r) | ErrorKind::RenderingError(r) => (
                r.filename().to_string(),
                Some(r.span().start_line),
                r.message().to_string(),
            ),
            ErrorKind::TemplateNotFound(name) => {
                (name.clone(), None, format!("Template '{name}' not found"))
            }
            ErrorKind::MissingParent { current, parent } => (
                current.clone(),
                None,
                format!("parent template '{parent}' missing"),
            ),
            ErrorKind::CircularInclude { tpl, .. } => {
                (tpl.clone(), None, "circular include".to_string())
            }
            _ => {
                let text = e.to_string();
                let (name, line) = report_location(&text).unwrap_or_default();
                (name, (line > 0).then_some(line), text)
            }
        };
        ComposeError::Template {
            modele,
            ligne,
            message: french_tera_message(&raw, matches!(e.kind(), ErrorKind::SyntaxError(_))),
            cause: Some(TeraCause(
                chain.lines().next().unwrap_or_default().to_string(),
            )),
        }
    }
}

/// The `--> name:line:col` a Tera report carries, when an error comes as plain text.
fn report_location(text: &str) -> Option<(String, usize)> {
    let rest = text
        .lines()
        .find_map(|l| l.trim_start().strip_prefix("--> "))?;
    let mut parts = rest.rsplitn(3, ':');
    let _col = parts.next()?;
    let line = parts.next()?.parse().ok()?;
    Some((parts.next()?.to_string(), line))
}

/// Tera's English messages, in French.
fn french_tera_message(raw: &str, syntax: bool) -> String {
    let quoted = raw.split('`').nth(1);
    if raw.starts_with("Variable") && raw.contains("is not defined") {
        return format!(
            "la variable « {} » n'existe pas (voir letter_templates/README.md)",
            quoted.unwrap_or("?")
        );
    }
    if raw.starts_with("Field") && raw.contains("is not defined") {
        return format!(
            "le champ « {} » n'existe pas (voir letter_templates/README.md)",
            quoted.unwrap_or("?")
        );
    }
    if raw.contains("exists but its value is undefined") {
        return format!(
            "la variable « {} » n'a pas de valeur",
            quoted.unwrap_or("?")
        );
    }
    if let Some(name) = raw
        .strip_prefix("Template '")
        .and_then(|r| r.strip_suffix("' not found"))
    {
        return format!("le modèle inclus « {name} » n'existe pas");
    }
    if raw.contains("Unknown template") {
        return format!(
            "le modèle inclus « {} » n'existe pas (seuls les modèles de recours et du dossier --modeles sont visibles)",
            quoted.unwrap_or("?")
        );
    }
    if raw.contains("Unknown filter") || raw.contains("filter") && raw.contains("not found") {
        return format!(
            "filtre inconnu{}",
            quoted.map(|q| format!(" « {q} »")).unwrap_or_default()
        );
    }
    if syntax {
        return "erreur de syntaxe dans le modèle (balise {{ }} ou {% %} mal fermée ?)".to_string();
    }
    "erreur pendant le rendu du modèle".to_string()
}

/// The top-level template for the situation.
pub fn template_for(plan: &Plan) -> &'static str {
    let abroad = !matches!(plan.case.demande.depot, Depot::Mairie { .. });
    match (plan.case.recours, abroad) {
        (LetterKind::Gracieux, false) => "gracieux-cert.tera",
        (LetterKind::Gracieux, true) => "gracieux-poste.tera",
        (LetterKind::Hierarchique, false) => "hierarchique-interieur.tera",
        (LetterKind::Hierarchique, true) => "hierarchique-etrangeres.tera",
        (LetterKind::Signalement, _) => "signalement.tera",
        (LetterKind::Defenseur, _) => "defenseur.tera",
        (LetterKind::Motifs, _) => "motifs.tera",
        (LetterKind::Communication, _) => "communication.tera",
        (LetterKind::Requete, _) => "requete.tera",
    }
}

/// Renders the letter for a plan.
pub fn compose(plan: &Plan, templates: &Templates) -> Result<Letter, ComposeError> {
    let pieces = if plan.case.recours == LetterKind::Requete {
        inventory::inventory(&plan.case)
    } else {
        Vec::new()
    };
    compose_with(plan, templates, template_for(plan), &pieces)
}

/// The requête en référé-suspension that goes with a requête when `requete.urgence` is set
/// (CJA art. L. 521-1): a separate document, which R. 522-1 requires to be « présentée par
/// requête distincte » and accompanied by a copy of the requête en annulation.
pub fn compose_refere(plan: &Plan, templates: &Templates) -> Option<Result<Letter, ComposeError>> {
    (plan.case.recours == LetterKind::Requete && plan.case.requete.urgence).then(|| {
        let pieces = inventory::refere(&plan.case);
        compose_with(plan, templates, REFERE_TEMPLATE, &pieces)
    })
}

/// The référé-suspension's template.
pub const REFERE_TEMPLATE: &str = "refere-suspension.tera";

fn compose_with(
    plan: &Plan,
    templates: &Templates,
    name: &'static str,
    pieces: &[inventory::Piece],
) -> Result<Letter, ComposeError> {
    let ctx = tera::Context::from_serialize(&context::build(plan, pieces))
        .map_err(|e| ComposeError::from_tera(&e))?;
    let rendered = templates.render(name, ctx)?;
    let markup_error = |ligne: usize, message: String| ComposeError::Markup {
        modele: name.to_string(),
        ligne,
        message,
    };
    if let Some((i, _)) = rendered.lines().enumerate().find(|(_, l)| leaked_tag(l)) {
        return Err(markup_error(
            i + 1,
            "une balise {{ }} ou {% %} n'a pas été interprétée".into(),
        ));
    }
    let mut sections = markup::parse(&rendered).map_err(|e| markup_error(e.ligne, e.message))?;
    for required in ["expediteur", "destinataire", "lieu_date", "signature"] {
        if sections.lines.get(required).is_none_or(Vec::is_empty) {
            return Err(markup_error(
                1,
                format!("la section @{required} manque ou est vide"),
            ));
        }
    }
    if sections.blocks.get("corps").is_none_or(Vec::is_empty) {
        return Err(markup_error(
            1,
            "la section @corps manque ou est vide".into(),
        ));
    }
    let mut take = |k: &str| sections.lines.remove(k).unwrap_or_default();
    let fix_all = |lines: Vec<Text>, sup: bool| {
        lines
            .iter()
            .map(|t| typography::fix_text(t, sup))
            .collect::<Vec<_>>()
    };
    let sender = fix_all(take("expediteur"), false);
    let recipient = fix_all(take("destinataire"), false);
    let place_date = fix_all(take("lieu_date"), true)
        .into_iter()
        .next()
        .unwrap_or_default();
    let mentions = fix_all(take("mentions"), true);
    let subject = fix_all(take("objet"), true);
    let signature = fix_all(take("signature"), false);
    let fix_blocks = |blocks: Vec<Block>| -> Vec<Block> {
        blocks
            .into_iter()
            .map(|b| match b {
                Block::Paragraph(t) => Block::Paragraph(typography::fix_text(&t, true)),
                Block::List(items) => Block::List(
                    items
                        .iter()
                        .map(|t| typography::fix_text(t, true))
                        .collect(),
                ),
            })
            .collect()
    };
    let body = fix_blocks(sections.blocks.remove("corps").unwrap_or_default());
    let inventory = fix_blocks(sections.blocks.remove("inventaire").unwrap_or_default());
    let mut enclosures = fix_blocks(sections.blocks.remove("pieces").unwrap_or_default());
    // A heading with nothing under it (no default enclosure applies, none added) is dropped.
    if !enclosures.iter().any(|b| matches!(b, Block::List(_))) {
        enclosures.clear();
    }
    let c = &plan.case;
    let author = format!("{} {}", c.demandeur.prenom, c.demandeur.nom);
    let kind = if name == REFERE_TEMPLATE {
        "requête en référé-suspension"
    } else {
        c.recours.label()
    };
    let mut title = format!("{kind} – {author}");
    if let Some(first) = title.get(..1) {
        title = first.to_uppercase() + &title[1..];
    }
    Ok(Letter {
        metadata: Metadata {
            title,
            author,
            subject: subject.first().map(Text::to_plain).unwrap_or_default(),
            created: crate::clock::noon(c.lettre.date),
        },
        running_head: sender.first().map(Text::to_plain).unwrap_or_default(),
        sender,
        recipient,
        place_date,
        mentions,
        subject,
        body,
        signature,
        enclosures,
        inventory,
    })
}

/// An unrendered Tera tag in the output. User text cannot produce one: [`markup::escape`]
/// escapes its braces.
fn leaked_tag(line: &str) -> bool {
    let bytes = line.as_bytes();
    bytes
        .windows(2)
        .enumerate()
        .any(|(i, w)| (w == b"{{" || w == b"{%") && (i == 0 || bytes[i - 1] != b'\\'))
}

#[cfg(test)]
mod requete_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod wording_tests;
