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

/// The URL rebuilt from what the PostgreSQL client reads in it (user, hosts, ports,
/// database), so that errors never print a secret wherever the URL puts it: `user:pw@`, a
/// password holding `/` or `?`, or `?password=…`. A URL the client cannot read shows only its
/// scheme, since any part of it may be the password.
fn redact(url: &str) -> String {
    let scheme = url.split_once("://").map_or("postgres", |(s, _)| s);
    let Ok(config) = url.parse::<postgres::Config>() else {
        return format!("{scheme}://…");
    };
    let mut out = format!("{scheme}://");
    if let Some(user) = config.get_user() {
        out.push_str(user);
        if config.get_password().is_some() {
            out.push_str(":***");
        }
        out.push('@');
    }
    let ports = config.get_ports();
    let hosts: Vec<String> = config
        .get_hosts()
        .iter()
        .enumerate()
        .map(|(i, host)| {
            let mut h = match host {
                postgres::config::Host::Tcp(name) if name.contains(':') => format!("[{name}]"),
                postgres::config::Host::Tcp(name) => name.clone(),
                #[cfg(unix)]
                postgres::config::Host::Unix(path) => path.display().to_string(),
            };
            // One port for every host, or one each.
            if let Some(port) = ports.get(i).or(ports.first().filter(|_| ports.len() == 1)) {
                h.push_str(&format!(":{port}"));
            }
            h
        })
        .collect();
    out.push_str(&hosts.join(","));
    if let Some(db) = config.get_dbname() {
        out.push('/');
        out.push_str(db);
    }
    out
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
            "postgres://asso@h:5432/suivi"
        );
    }

    #[test]
    fn messages_never_show_a_password_given_as_a_parameter_or_holding_a_slash() {
        for (url, shown) in [
            (
                "postgres://10.0.0.2:5432/suivi?user=asso&password=s3cret",
                "postgres://asso:***@10.0.0.2:5432/suivi",
            ),
            (
                "postgres://asso:s3/cret@10.0.0.2/suivi",
                "postgres://asso:***@10.0.0.2:5432/suivi",
            ),
            (
                "postgresql://asso:s3?cret@[::1]:5433/suivi",
                "postgresql://asso:***@[::1]:5433/suivi",
            ),
            ("postgres://asso:s3cret@h:notaport/suivi", "postgres://…"),
        ] {
            let b = Base::parse(url);
            assert_eq!(b.display(), shown, "{url}");
            assert!(!format!("{b:?}").contains("s3"), "{url}");
        }
    }
}
