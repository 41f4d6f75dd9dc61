//! The letter templates: those embedded in the binary, and an association's folder that
//! replaces any of them by name (`--modeles DOSSIER`).
//!
//! Templates are Tera 2 with our own escape function (see [`super::markup::escape`]), so a
//! value from the case file is always data. A folder of templates is read with limits: only
//! `*.tera` files directly in it or in `arguments/`, no symbolic links, at most
//! [`MAX_TEMPLATE_BYTES`] each. Tera itself offers templates no way to read files.

use std::path::{Path, PathBuf};
use std::sync::{Arc, mpsc};
use std::time::Duration;

use tera::{Kwargs, State, Tera};

use super::ComposeError;
use crate::assets;

/// Largest template file we read from a user folder.
pub const MAX_TEMPLATE_BYTES: u64 = 64 * 1024;
/// Most template files in a user folder.
pub const MAX_TEMPLATE_FILES: usize = 200;

/// Most text a template may produce: a letter is a few kilobytes (issue 14, item 6).
pub const MAX_RENDER_BYTES: usize = 256 * 1024;
/// Longest a user's template may take to render one letter; ours take a millisecond.
pub const RENDER_BUDGET: Duration = Duration::from_secs(2);

/// A ready Tera instance with the letter filters.
#[derive(Debug)]
pub struct Templates {
    pub(super) tera: Arc<Tera>,
    /// The templates that come from a user folder: rendering then gets a time budget.
    custom: Vec<String>,
    /// User files that replace no template and that no template includes (a misspelt name).
    pub warnings: Vec<String>,
}

impl Templates {
    /// The embedded templates only.
    pub fn builtin() -> Result<Templates, ComposeError> {
        Templates::build(Vec::new())
    }

    /// The embedded templates, with those of `dir` replacing them by name.
    pub fn with_overrides(dir: &Path) -> Result<Templates, ComposeError> {
        Templates::build(read_folder(dir)?)
    }

    /// Renders `name`, its output capped at [`MAX_RENDER_BYTES`]; a user's template also
    /// within [`RENDER_BUDGET`], on a thread of its own that is abandoned when it overruns
    /// (Tera cannot be interrupted; the process ends soon after, with the error).
    pub(super) fn render(&self, name: &str, ctx: tera::Context) -> Result<String, ComposeError> {
        if self.custom.is_empty() {
            return render_capped(&self.tera, name, &ctx);
        }
        let tera = Arc::clone(&self.tera);
        let owned = name.to_string();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let _ = tx.send(render_capped(&tera, &owned, &ctx));
        });
        match rx.recv_timeout(RENDER_BUDGET) {
            Ok(result) => result,
            Err(_) => Err(ComposeError::Budget {
                modele: name.to_string(),
                message: format!(
                    "le rendu prend plus de {} s : une boucle sans fin ou des boucles \
                     imbriquées dans {} ?",
                    RENDER_BUDGET.as_secs(),
                    self.custom
                        .iter()
                        .map(|n| format!("« {n} »"))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            }),
        }
    }

    fn build(user: Vec<(String, String)>) -> Result<Templates, ComposeError> {
        let custom: Vec<String> = user.iter().map(|(n, _)| n.clone()).collect();
        let warnings = unused(&user);
        let mut tera = Tera::new();
        tera.autoescape_on([".tera"]);
        tera.set_escape_fn(super::markup::escape);
        tera.register_filter("date_fr", |s: &str, _: Kwargs, _: &State| -> String {
            french_date(s, false)
        });
        tera.register_filter("date_longue", |s: &str, _: Kwargs, _: &State| -> String {
            french_date(s, true)
        });
        let overridden: Vec<String> = user.iter().map(|(n, _)| n.clone()).collect();
        let mut all: Vec<(String, String)> = assets::TEMPLATES
            .iter()
            .filter(|(name, _)| !overridden.iter().any(|o| o == name))
            .map(|(n, t)| ((*n).to_string(), (*t).to_string()))
            .collect();
        all.extend(user);
        tera.add_raw_templates(all)
            .map_err(|e| ComposeError::from_tera(&e))?;
        Ok(Templates {
            tera: Arc::new(tera),
            custom,
            warnings,
        })
    }
}

/// A warning for each user file that replaces none of ours and that no user template
/// includes: `gracieux_cert.tera` for `gracieux-cert.tera` was silently ignored.
fn unused(user: &[(String, String)]) -> Vec<String> {
    let ours: Vec<&str> = assets::TEMPLATES.iter().map(|(n, _)| *n).collect();
    user.iter()
        .filter(|(name, _)| !ours.contains(&name.as_str()))
        .filter(|(name, _)| {
            !user
                .iter()
                .any(|(other, text)| other != name && text.contains(name.as_str()))
        })
        .map(|(name, _)| {
            format!(
                "le modèle « {name} » ne remplace aucun modèle de recours et n'est inclus par \
                 aucun : il est ignoré ({})",
                crate::suggest::hint(name, ours.iter().copied())
            )
        })
        .collect()
}

/// Collects rendered text, refusing more than [`MAX_RENDER_BYTES`].
struct Capped {
    text: Vec<u8>,
    over: bool,
}

impl std::io::Write for Capped {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.text.len() + buf.len() > MAX_RENDER_BYTES {
            self.over = true;
            return Err(std::io::Error::other("rendered text too long"));
        }
        self.text.extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

fn render_capped(tera: &Tera, name: &str, ctx: &tera::Context) -> Result<String, ComposeError> {
    let mut out = Capped {
        text: Vec::new(),
        over: false,
    };
    let result = tera.render_to(name, ctx, &mut out);
    if out.over {
        return Err(ComposeError::Budget {
            modele: name.to_string(),
            message: format!(
                "le texte produit dépasse {} Ko ; une lettre en fait quelques-uns",
                MAX_RENDER_BYTES / 1024
            ),
        });
    }
    result.map_err(|e| ComposeError::from_tera(&e))?;
    String::from_utf8(out.text).map_err(|_| ComposeError::Budget {
        modele: name.to_string(),
        message: "le texte produit n'est pas de l'UTF-8".into(),
    })
}

/// A `set` that doubles a text (`{% set t = t ~ t %}`, `{% set b = a ~ a %}`): forty of
/// them ask for a terabyte, and the allocation failure aborts the program before any budget
/// can stop it. Refused when the folder is read.
fn doubling_set(text: &str) -> Option<(usize, String)> {
    for (i, line) in text.lines().enumerate() {
        let mut rest = line;
        while let Some(start) = rest.find("{%") {
            let tag = &rest[start + 2..];
            let end = tag.find("%}").unwrap_or(tag.len());
            let inner = tag[..end].trim().trim_start_matches('-').trim();
            rest = &tag[end..];
            let Some(body) = inner
                .strip_prefix("set_global ")
                .or_else(|| inner.strip_prefix("set "))
            else {
                continue;
            };
            let Some((name, expr)) = body.split_once('=') else {
                continue;
            };
            let mut idents = identifiers(expr);
            idents.push(name.trim().to_string());
            let mut seen = std::collections::HashSet::new();
            if idents.iter().any(|id| !seen.insert(id.clone())) {
                return Some((i + 1, inner.to_string()));
            }
        }
    }
    None
}

/// The variable names of an expression, string literals left out.
fn identifiers(expr: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut chars = expr.chars().peekable();
    let mut quote: Option<char> = None;
    let mut word = String::new();
    let mut after_pipe = false;
    while let Some(c) = chars.next() {
        if let Some(q) = quote {
            if c == '\\' {
                chars.next();
            } else if c == q {
                quote = None;
            }
            continue;
        }
        if c.is_alphanumeric() || c == '_' || (c == '.' && !word.is_empty()) {
            word.push(c);
            continue;
        }
        if !word.is_empty() {
            let is_call = c == '(';
            if !after_pipe && !is_call && !word.starts_with(|d: char| d.is_ascii_digit()) {
                out.push(std::mem::take(&mut word));
            }
            word.clear();
            after_pipe = false;
        }
        match c {
            '"' | '\'' | '`' => quote = Some(c),
            '|' => after_pipe = true,
            _ => {}
        }
    }
    if !word.is_empty() && !after_pipe && !word.starts_with(|d: char| d.is_ascii_digit()) {
        out.push(word);
    }
    out.retain(|w| {
        !matches!(
            w.as_str(),
            "and" | "or" | "not" | "in" | "true" | "false" | "none"
        )
    });
    out
}

/// ISO date → « 1er décembre 2026 » or « lundi 21 décembre 2026 »; anything else unchanged.
fn french_date(iso: &str, weekday: bool) -> String {
    match crate::case::parse_date(iso) {
        Ok(d) if weekday => {
            let long = crate::french::date::long_date(d);
            long.strip_prefix("le ").unwrap_or(&long).to_string()
        }
        Ok(d) => crate::french::date::date(d),
        Err(_) => iso.to_string(),
    }
}

/// The `*.tera` files of a user folder (and its `arguments/` subfolder), by template name.
fn read_folder(dir: &Path) -> Result<Vec<(String, String)>, ComposeError> {
    let refuse = |message: String| ComposeError::Folder {
        dossier: dir.to_path_buf(),
        message,
    };
    // The folder itself may be a link (`modeles -> /srv/asso/modeles`); its files may not.
    let meta = std::fs::metadata(dir).map_err(|e| {
        refuse(format!(
            "dossier illisible ({})",
            crate::error::io_reason(&e)
        ))
    })?;
    if !meta.is_dir() {
        return Err(refuse("ce n'est pas un dossier".into()));
    }
    let mut found = Vec::new();
    collect(dir, "", &mut found, &refuse)?;
    let sub = dir.join("arguments");
    if std::fs::symlink_metadata(&sub).is_ok_and(|m| m.is_dir()) {
        collect(&sub, "arguments/", &mut found, &refuse)?;
    }
    if found.len() > MAX_TEMPLATE_FILES {
        return Err(refuse(format!(
            "{} modèles ; {MAX_TEMPLATE_FILES} au plus",
            found.len()
        )));
    }
    found.sort();
    Ok(found)
}

fn collect(
    dir: &Path,
    prefix: &str,
    found: &mut Vec<(String, String)>,
    refuse: &dyn Fn(String) -> ComposeError,
) -> Result<(), ComposeError> {
    let entries = std::fs::read_dir(dir).map_err(|e| {
        refuse(format!(
            "dossier illisible ({})",
            crate::error::io_reason(&e)
        ))
    })?;
    for entry in entries {
        let entry = entry.map_err(|e| refuse(crate::error::io_reason(&e)))?;
        let path: PathBuf = entry.path();
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        if !name.ends_with(".tera") {
            continue;
        }
        let meta =
            std::fs::symlink_metadata(&path).map_err(|e| refuse(crate::error::io_reason(&e)))?;
        if meta.file_type().is_symlink() {
            return Err(refuse(format!(
                "« {name} » est un lien symbolique ; copiez le fichier lui-même dans le dossier"
            )));
        }
        if !meta.is_file() {
            continue;
        }
        let valid = name
            .trim_end_matches(".tera")
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
        if !valid {
            return Err(refuse(format!(
                "nom de modèle « {name} » invalide : lettres minuscules sans accent, chiffres, - et _"
            )));
        }
        if meta.len() > MAX_TEMPLATE_BYTES {
            return Err(refuse(format!(
                "« {name} » est trop gros ({} octets ; {MAX_TEMPLATE_BYTES} au plus)",
                meta.len()
            )));
        }
        let text = std::fs::read_to_string(&path).map_err(|e| {
            refuse(format!(
                "« {name} » illisible ({})",
                crate::error::io_reason(&e)
            ))
        })?;
        if let Some((line, tag)) = doubling_set(&text) {
            return Err(refuse(format!(
                "« {name} », ligne {line} : « {{% {} %}} » double un texte ; un modèle ne peut \
                 pas construire de texte en le répétant",
                crate::shown::shown(&tag)
            )));
        }
        found.push((format!("{prefix}{name}"), text));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_dates_in_templates() {
        assert_eq!(french_date("2026-12-01", false), "1er décembre 2026");
        assert_eq!(french_date("2026-12-21", true), "lundi 21 décembre 2026");
        assert_eq!(french_date("pas une date", false), "pas une date");
    }

    #[test]
    fn a_set_that_doubles_a_text_is_found() {
        assert!(doubling_set("{% set t = t ~ t %}").is_some());
        assert!(doubling_set("a\n{%- set b = a ~ a -%}").is_some());
        assert_eq!(doubling_set("x\n{% set s = s ~ \"!\" %}").unwrap().0, 2);
        assert!(doubling_set("{% set nom = demandeur.nom | upper %}").is_none());
        assert!(doubling_set("{% set t = a ~ \" a \" ~ b %}").is_none());
        assert!(doubling_set("{% if a %}{{ a ~ a }}{% endif %}").is_none());
    }

    #[test]
    fn builtin_templates_compile() {
        let t = Templates::builtin().unwrap();
        for name in super::super::LETTER_TEMPLATES {
            assert!(t.tera.contains_template(name), "{name}");
        }
    }
}
