//! The schema migrations, one SQL file per version and backend under `migrations/`, embedded
//! in the binary. A store is brought to the latest version when opened, in one transaction.

/// SQLite migrations, version 1 first; the version is kept in `PRAGMA user_version`.
pub(super) const SQLITE: &[&str] = &[include_str!("../../migrations/sqlite/0001_dossiers.sql")];

/// PostgreSQL migrations, version 1 first; applied versions are rows of `recours_migrations`.
pub(super) const POSTGRES: &[&str] = &[include_str!("../../migrations/postgres/0001_dossiers.sql")];

#[cfg(test)]
mod tests {
    #[test]
    fn both_backends_have_the_same_versions() {
        assert_eq!(super::SQLITE.len(), super::POSTGRES.len());
    }
}
