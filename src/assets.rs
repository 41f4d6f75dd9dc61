//! Every file the binary carries: data tables, templates and fonts, embedded at build time so
//! `recours` runs from any folder. This is the only place that uses `include_str!` and
//! `include_bytes!`.

// ---- Data tables (data/) -------------------------------------------------------------------

/// The text of the `data/` tables.
#[derive(Debug)]
pub struct DataFiles {
    /// `data/certs.toml`.
    pub certs: &'static str,
    /// `data/administrations.toml`.
    pub administrations: &'static str,
    /// `data/departements.toml`.
    pub departements: &'static str,
    /// `data/tribunaux.toml`.
    pub tribunaux: &'static str,
    /// `data/pays.toml`.
    pub pays: &'static str,
}

/// The tables as shipped.
pub static DATA: DataFiles = DataFiles {
    certs: include_str!("../data/certs.toml"),
    administrations: include_str!("../data/administrations.toml"),
    departements: include_str!("../data/departements.toml"),
    tribunaux: include_str!("../data/tribunaux.toml"),
    pays: include_str!("../data/pays.toml"),
};
