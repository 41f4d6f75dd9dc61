//! Which store a `--base` names: a SQLite file path, or a `postgres://` URL.

use std::path::{Path, PathBuf};

use crate::error::Error;

/// A store location.
#[derive(Clone, PartialEq, Eq)]
pub enum Base {
    /// A SQLite file, created when missing.
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL (`postgres://user:password@host:port/database`).
    Postgres(String),
}

impl std::fmt::Debug for Base {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Base({})", self.display())
    }
}

impl Base {
    /// From the `--base` value: a URL when it starts with `postgres://` or `postgresql://`,
    /// otherwise a file path.
    pub fn parse(value: &str) -> Base {
        if value.starts_with("postgres://") || value.starts_with("postgresql://") {
            Base::Postgres(value.to_string())
        } else {
            Base::Sqlite(PathBuf::from(value))
        }
    }

    /// The `--base` value, or the default file in the user's data folder.
    pub fn from_option(value: Option<&str>) -> Result<Base, Error> {
        match value {
            Some(v) if !v.trim().is_empty() => Ok(Base::parse(v)),
            _ => default_sqlite_path().map(Base::Sqlite).ok_or_else(|| {
                Error::usage(
                    "impossible de trouver le dossier de données de l'utilisateur pour la base \
                     de suivi",
                    "indiquez la base : --base chemin/suivi.sqlite (ou RECOURS_BASE)",
                )
            }),
        }
    }

    /// How messages name the base: the path, or the URL without its password.
    pub fn display(&self) -> String {
        match self {
            Base::Sqlite(p) => p.display().to_string(),
            Base::Postgres(url) => redact(url),
        }
    }
}

/// `suivi.sqlite` in the user's data folder (`~/.local/share/recours` on Linux).
pub fn default_sqlite_path() -> Option<PathBuf> {
    let dirs = directories::ProjectDirs::from("fr", "", "recours")?;
    Some(dirs.data_dir().join("suivi.sqlite"))
}

/// The URL with `:password@` replaced, so that errors never print a secret.
fn redact(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let (authority, tail) = rest.split_at(rest.find('/').unwrap_or(rest.len()));
    match authority.rsplit_once('@') {
        Some((userinfo, host)) => {
            let user = userinfo.split(':').next().unwrap_or("");
            let masked = if userinfo.contains(':') {
                format!("{user}:***")
            } else {
                user.to_string()
            };
            format!("{scheme}://{masked}@{host}{tail}")
        }
        None => url.to_string(),
    }
}

/// Whether a path is a SQLite file we may create: its folder exists or can be created.
pub(super) fn parent_of(path: &Path) -> Option<&Path> {
    path.parent().filter(|p| !p.as_os_str().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postgres_urls_and_paths_are_told_apart() {
        assert!(matches!(
            Base::parse("postgres://u@h/db"),
            Base::Postgres(_)
        ));
        assert!(matches!(
            Base::parse("postgresql://h/db"),
            Base::Postgres(_)
        ));
        assert_eq!(
            Base::parse("suivi.sqlite"),
            Base::Sqlite(PathBuf::from("suivi.sqlite"))
        );
    }

    #[test]
    fn messages_never_show_the_password() {
        let b = Base::parse("postgres://asso:s3cret@10.0.0.2:5432/suivi");
        assert_eq!(b.display(), "postgres://asso:***@10.0.0.2:5432/suivi");
        assert!(!format!("{b:?}").contains("s3cret"));
        assert_eq!(
            Base::parse("postgres://asso@h/suivi").display(),
            "postgres://asso@h/suivi"
        );
    }
}
