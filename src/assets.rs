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
    /// `data/ambassades.toml`.
    pub ambassades: &'static str,
    /// `data/consulats.toml`.
    pub consulats: &'static str,
}

/// The tables as shipped.
pub static DATA: DataFiles = DataFiles {
    certs: include_str!("../data/certs.toml"),
    administrations: include_str!("../data/administrations.toml"),
    departements: include_str!("../data/departements.toml"),
    tribunaux: include_str!("../data/tribunaux.toml"),
    pays: include_str!("../data/pays.toml"),
    ambassades: include_str!("../data/ambassades.toml"),
    consulats: include_str!("../data/consulats.toml"),
};

// ---- Letter templates (letter_templates/) ---------------------------------------------------

/// The letter templates as shipped, by Tera name (`arguments/…` for the grounds).
pub static TEMPLATES: &[(&str, &str)] = &[
    (
        "_arguments.tera",
        include_str!("../letter_templates/_arguments.tera"),
    ),
    (
        "_cloture.tera",
        include_str!("../letter_templates/_cloture.tera"),
    ),
    (
        "_demande_deposee.tera",
        include_str!("../letter_templates/_demande_deposee.tera"),
    ),
    (
        "_document.tera",
        include_str!("../letter_templates/_document.tera"),
    ),
    (
        "_entete.tera",
        include_str!("../letter_templates/_entete.tera"),
    ),
    (
        "_objet_refus.tera",
        include_str!("../letter_templates/_objet_refus.tera"),
    ),
    (
        "_pieces.tera",
        include_str!("../letter_templates/_pieces.tera"),
    ),
    (
        "_recours_gracieux_rappel.tera",
        include_str!("../letter_templates/_recours_gracieux_rappel.tera"),
    ),
    (
        "_references.tera",
        include_str!("../letter_templates/_references.tera"),
    ),
    (
        "_refus.tera",
        include_str!("../letter_templates/_refus.tera"),
    ),
    (
        "defenseur.tera",
        include_str!("../letter_templates/defenseur.tera"),
    ),
    (
        "gracieux-cert.tera",
        include_str!("../letter_templates/gracieux-cert.tera"),
    ),
    (
        "gracieux-poste.tera",
        include_str!("../letter_templates/gracieux-poste.tera"),
    ),
    (
        "hierarchique-etrangeres.tera",
        include_str!("../letter_templates/hierarchique-etrangeres.tera"),
    ),
    (
        "hierarchique-interieur.tera",
        include_str!("../letter_templates/hierarchique-interieur.tera"),
    ),
    (
        "motifs.tera",
        include_str!("../letter_templates/motifs.tera"),
    ),
    (
        "communication.tera",
        include_str!("../letter_templates/communication.tera"),
    ),
    (
        "requete.tera",
        include_str!("../letter_templates/requete.tera"),
    ),
    (
        "_requete_parties.tera",
        include_str!("../letter_templates/_requete_parties.tera"),
    ),
    (
        "_requete_ensemble.tera",
        include_str!("../letter_templates/_requete_ensemble.tera"),
    ),
    (
        "_requete_faits.tera",
        include_str!("../letter_templates/_requete_faits.tera"),
    ),
    (
        "_moyens.tera",
        include_str!("../letter_templates/_moyens.tera"),
    ),
    (
        "refere-suspension.tera",
        include_str!("../letter_templates/refere-suspension.tera"),
    ),
    (
        "signalement.tera",
        include_str!("../letter_templates/signalement.tera"),
    ),
    (
        "arguments/acte-etranger.tera",
        include_str!("../letter_templates/arguments/acte-etranger.tera"),
    ),
    (
        "arguments/certificat-nationalite.tera",
        include_str!("../letter_templates/arguments/certificat-nationalite.tera"),
    ),
    (
        "arguments/titre-anterieur.tera",
        include_str!("../letter_templates/arguments/titre-anterieur.tera"),
    ),
    (
        "arguments/possession-etat.tera",
        include_str!("../letter_templates/arguments/possession-etat.tera"),
    ),
    (
        "arguments/acte-etranger-transcrit.tera",
        include_str!("../letter_templates/arguments/acte-etranger-transcrit.tera"),
    ),
    (
        "arguments/autorite-parentale.tera",
        include_str!("../letter_templates/arguments/autorite-parentale.tera"),
    ),
    (
        "arguments/doute-suffisant.tera",
        include_str!("../letter_templates/arguments/doute-suffisant.tera"),
    ),
    (
        "arguments/liberte-aller-venir.tera",
        include_str!("../letter_templates/arguments/liberte-aller-venir.tera"),
    ),
    (
        "arguments/motivation-insuffisante.tera",
        include_str!("../letter_templates/arguments/motivation-insuffisante.tera"),
    ),
    (
        "arguments/pieces-nationalite.tera",
        include_str!("../letter_templates/arguments/pieces-nationalite.tera"),
    ),
];

// ---- Case files shown to users (src/cli/) ------------------------------------------------

/// The annotated starter case file `recours modele` prints.
pub const MODELE: &str = include_str!("cli/modele.toml");

/// The example case `recours exemple` renders (a renewal refused at Cavaillon).
pub const EXEMPLE: &str = include_str!("cli/exemple.toml");

// ---------------------------------------------------------------------------------------------
// Layout engine: fonts and hyphenation patterns (owned by `typeset` / `pdf`).
// Licences: fonts/OFL.txt and fonts/README.md; data/hyphenation/README.md.
// ---------------------------------------------------------------------------------------------

/// Charis SIL 6.101 Regular: roman text.
pub const CHARIS_SIL_REGULAR: &[u8] = include_bytes!("../fonts/CharisSIL-Regular.ttf");
/// Charis SIL 6.101 Bold: labels such as « Objet : ».
pub const CHARIS_SIL_BOLD: &[u8] = include_bytes!("../fonts/CharisSIL-Bold.ttf");
/// Charis SIL 6.101 Italic: quotations and foreign words.
pub const CHARIS_SIL_ITALIC: &[u8] = include_bytes!("../fonts/CharisSIL-Italic.ttf");
/// French hyphenation patterns (TeX hyph-utf8 `hyph-fr`, MIT) compiled by the `hyphenation`
/// crate; loaded alone so the crate's 2.8 MB `embed_all` is not needed.
pub const FRENCH_HYPHENATION: &[u8] = include_bytes!("../data/hyphenation/fr.standard.bincode");
