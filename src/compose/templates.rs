//! The letter templates: those embedded in the binary, and an association's folder that
//! replaces any of them by name (`--modeles DOSSIER`).
//!
//! Templates are Tera 2 with our own escape function (see [`super::markup::escape`]), so a
//! value from the case file is always data. A folder of templates is read with limits: only
//! `*.tera` files directly in it or in `arguments/`, no symbolic links, at most
//! [`MAX_TEMPLATE_BYTES`] each. Tera itself offers templates no way to read files.

use std::path::{Path, PathBuf};

use tera::{Kwargs, State, Tera};

use super::ComposeError;
use crate::assets;

/// Largest template file we read from a user folder.
pub const MAX_TEMPLATE_BYTES: u64 = 64 * 1024;
/// Most template files in a user folder.
pub const MAX_TEMPLATE_FILES: usize = 200;

/// A ready Tera instance with the letter filters.
#[derive(Debug)]
pub struct Templates {
    pub(super) tera: Tera,
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

    fn build(user: Vec<(String, String)>) -> Result<Templates, ComposeError> {
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
        Ok(Templates { tera })
    }
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
    let meta = std::fs::symlink_metadata(dir).map_err(|e| {
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
    fn builtin_templates_compile() {
        let t = Templates::builtin().unwrap();
        for name in super::super::LETTER_TEMPLATES {
            assert!(t.tera.contains_template(name), "{name}");
        }
    }
}
