//! The command line: clap definitions (French help), and one module per command that
//! translates arguments into calls to the library. Nothing here decides anything about
//! letters; it only reads options, calls the pipeline and prints.

mod bureaux;
mod clap_fr;
mod explique;
mod lettre;
mod lot;

mod modele;
mod nouveau;
mod serveur;
mod text;
mod verifie;

use std::ffi::OsString;
use std::io::Write;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{ArgAction, Args, Parser, Subcommand};

use crate::error::{Error, ExitCode};

const HELP_TEMPLATE: &str = "\
{before-help}{about-with-newline}
Utilisation : {usage}

{all-args}{after-help}";

const AFTER_HELP: &str = "\
Codes de sortie : 0 succès ; 1 échec qui ne vient pas des données (disque, erreur interne) ;
2 dossier ou ligne de commande invalide ; 3 lot terminé avec des lignes en erreur.

Exemple : recours modele > dossier.toml, complétez-le, puis recours explique dossier.toml";

/// Écrit les lettres de recours contre un refus de carte d'identité ou de passeport.
///
/// À partir d'un dossier (fichier TOML ou JSON), recours choisit la lettre à écrire et son
/// destinataire, calcule les délais et produit une lettre datée, prête à imprimer, en PDF.
#[derive(Debug, Parser)]
#[command(
    name = "recours",
    version,
    help_template = HELP_TEMPLATE,
    after_help = AFTER_HELP,
    disable_help_flag = true,
    disable_version_flag = true,
    disable_help_subcommand = true,
    subcommand_help_heading = "Commandes ",
    subcommand_value_name = "COMMANDE",
    next_help_heading = "Options "
)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Affiche l'aide.
    #[arg(short = 'h', long = "help", action = ArgAction::Help, global = true)]
    help: Option<bool>,
    /// Affiche la version.
    #[arg(short = 'V', long = "version", action = ArgAction::Version)]
    version: Option<bool>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Écrit la lettre d'exemple (renouvellement refusé à Cavaillon) en PDF.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Options ")]
    Exemple(ExempleArgs),
    /// Écrit la lettre qu'appelle un dossier, en PDF prêt à imprimer.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Options ")]
    Lettre(LettreArgs),
    /// Explique quelle lettre écrire, à qui, pourquoi, et les délais.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Options ")]
    Explique(ExpliqueArgs),
    /// Écrit une lettre par ligne d'un tableau (.csv) ou d'un fichier .jsonl.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Options ")]
    Lot(LotArgs),
    /// Vérifie des dossiers sans rien produire (une ligne par problème).
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Options ")]
    Verifie(VerifieArgs),
    /// Affiche un modèle de dossier commenté, à compléter.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Options ")]
    Modele,
    /// Liste les bureaux connus, ou celui qui est compétent pour un département.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Options ")]
    Bureaux(BureauxArgs),
    /// Pose les questions une à une, puis écrit le dossier et la lettre.
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Options ")]
    Nouveau(NouveauArgs),
    /// Ouvre le questionnaire dans une page web locale (une lettre, ou un lot).
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Options ")]
    Serveur(ServeurArgs),
    /// Écrit le script de complétion pour un shell (bash, zsh, fish, elvish, powershell).
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Options ")]
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
struct NouveauArgs {
    /// Dossier à écrire (par défaut : dossier.toml) ; la lettre est écrite à côté, en .pdf.
    #[arg(
        short = 'o',
        long = "sortie",
        value_name = "FICHIER.toml",
        default_value = "dossier.toml",
        hide_default_value = true
    )]
    output: PathBuf,
    /// Lit les réponses dans ce fichier, une ligne par question posée (sans terminal, elles
    /// sont lues sur l'entrée standard).
    #[arg(long, value_name = "FICHIER")]
    reponses: Option<PathBuf>,
    /// Remplace le dossier et la lettre s'ils existent déjà.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    date: DateArg,
}

#[derive(Debug, Args)]
struct ServeurArgs {
    /// Adresse IP d'écoute (par défaut : 127.0.0.1) ; ailleurs, un jeton est obligatoire.
    #[arg(
        long,
        value_name = "IP",
        default_value = "127.0.0.1",
        hide_default_value = true
    )]
    adresse: std::net::IpAddr,
    /// Port d'écoute (par défaut : 8080) ; 0 en choisit un libre.
    #[arg(
        long,
        value_name = "N",
        default_value_t = 8080,
        hide_default_value = true
    )]
    port: u16,
    /// Jeton exigé à chaque requête (sinon la variable d'environnement RECOURS_JETON).
    #[arg(long, value_name = "JETON")]
    jeton: Option<String>,
}

#[derive(Debug, Args)]
struct CompletionsArgs {
    /// Le shell : bash, zsh, fish, elvish ou powershell.
    #[arg(value_name = "SHELL", help_heading = "Arguments ")]
    shell: clap_complete::Shell,
}

/// The letter's date, from `--date`.
#[derive(Debug, Args)]
struct DateArg {
    /// Date de la lettre (AAAA-MM-JJ) ; sinon lettre.date du dossier, sinon aujourd'hui.
    #[arg(long, value_name = "AAAA-MM-JJ", value_parser = parse_date_arg)]
    date: Option<NaiveDate>,
}

#[derive(Debug, Args)]
struct ExempleArgs {
    /// Fichier PDF à écrire (par défaut : lettre-exemple.pdf).
    #[arg(short = 'o', long = "sortie", value_name = "FICHIER.pdf")]
    output: Option<PathBuf>,
    /// Affiche le texte de la lettre au lieu d'écrire le PDF.
    #[arg(long)]
    texte: bool,
}

#[derive(Debug, Args)]
struct LettreArgs {
    /// Le dossier (.toml ou .json).
    #[arg(value_name = "CAS", help_heading = "Arguments ")]
    cas: PathBuf,
    /// Fichier PDF à écrire (par défaut : le nom du dossier avec .pdf).
    #[arg(short = 'o', long = "sortie", value_name = "FICHIER.pdf")]
    output: Option<PathBuf>,
    #[command(flatten)]
    date: DateArg,
    /// Dossier de modèles qui remplacent, par leur nom, ceux de recours.
    #[arg(long, value_name = "DOSSIER")]
    modeles: Option<PathBuf>,
    /// Affiche le texte de la lettre au lieu d'écrire le PDF.
    #[arg(long)]
    texte: bool,
}

#[derive(Debug, Args)]
struct LotArgs {
    /// Le tableau (.csv, colonnes nommées par les clés du dossier : demandeur.nom…) ou un
    /// fichier .jsonl (un dossier JSON par ligne).
    #[arg(value_name = "ENTREE", help_heading = "Arguments ")]
    entree: PathBuf,
    /// Dossier où écrire les lettres et rapport.csv.
    #[arg(short = 'o', long = "sortie", value_name = "DOSSIER", required = true)]
    output: PathBuf,
    /// Nombre de lettres produites en parallèle (par défaut : tous les cœurs).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=256))]
    jobs: Option<u16>,
    #[command(flatten)]
    date: DateArg,
    /// Dossier de modèles qui remplacent, par leur nom, ceux de recours.
    #[arg(long, value_name = "DOSSIER")]
    modeles: Option<PathBuf>,
    /// Modèle des noms de fichiers : {ligne}, {nom}, {prenom}, {recours} (par défaut « {ligne}-{nom} »).
    #[arg(long, value_name = "MODELE")]
    noms: Option<String>,
    /// Ne refait que les lettres absentes ou plus anciennes que le tableau.
    #[arg(long, conflicts_with = "force")]
    reprendre: bool,
    /// Refait toutes les lettres, même si le dossier contient déjà un lot.
    #[arg(long)]
    force: bool,
    /// Écrit aussi toutes les lettres, dans l'ordre, dans un seul PDF à imprimer.
    #[arg(long, value_name = "FICHIER.pdf")]
    assemble: Option<PathBuf>,
    /// Avec --assemble : chaque lettre commence sur une page impaire (impression recto verso).
    #[arg(long, requires = "assemble")]
    recto_verso: bool,
    /// N'affiche pas la barre de progression.
    #[arg(short = 'q', long)]
    quiet: bool,
}

#[derive(Debug, Args)]
struct ExpliqueArgs {
    /// Le dossier (.toml ou .json).
    #[arg(value_name = "CAS", help_heading = "Arguments ")]
    cas: PathBuf,
    /// Écrit un seul objet JSON au lieu du texte.
    #[arg(long)]
    json: bool,
    /// Écrit aussi les dates dans un fichier calendrier (.ics), avec des rappels.
    #[arg(long, value_name = "FICHIER.ics")]
    ics: Option<PathBuf>,
    #[command(flatten)]
    date: DateArg,
}

#[derive(Debug, Args)]
struct VerifieArgs {
    /// Un ou plusieurs dossiers (.toml ou .json).
    #[arg(value_name = "CAS", required = true, help_heading = "Arguments ")]
    cas: Vec<PathBuf>,
    #[command(flatten)]
    date: DateArg,
}

#[derive(Debug, Args)]
struct BureauxArgs {
    /// Code du département (« 84 », « 2A », « 974 ») ou code postal (« 84300 »).
    #[arg(long, value_name = "CODE")]
    departement: Option<String>,
    /// Écrit du JSON au lieu du texte.
    #[arg(long)]
    json: bool,
}

fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    crate::case::parse_date(s)
}

/// Parses the arguments and runs the command. `--help` and `--version` print and succeed.
pub fn run<I, T>(args: I, out: &mut dyn Write, err: &mut dyn Write) -> Result<ExitCode, Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let cli = match Cli::try_parse_from(args) {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind::*;
            return match e.kind() {
                DisplayHelp | DisplayVersion => {
                    write_out(out, &e.render().to_string())?;
                    Ok(ExitCode::Success)
                }
                _ => Err(clap_fr::translate(&e)),
            };
        }
    };
    let today = crate::clock::today();
    match cli.command {
        Command::Exemple(a) => lettre::exemple(
            &lettre::Request {
                output: a.output.as_deref(),
                date: None,
                modeles: None,
                texte: a.texte,
                today,
            },
            out,
            err,
        ),
        Command::Lettre(a) => lettre::lettre(
            &a.cas,
            &lettre::Request {
                output: a.output.as_deref(),
                date: a.date.date,
                modeles: a.modeles.as_deref(),
                texte: a.texte,
                today,
            },
            out,
            err,
        ),
        Command::Lot(a) => {
            use std::io::IsTerminal;
            let opts = crate::batch::Options {
                input: a.entree,
                output: a.output,
                jobs: a.jobs.map_or_else(default_jobs, usize::from),
                date: a.date.date,
                modeles: a.modeles,
                noms: a
                    .noms
                    .unwrap_or_else(|| crate::batch::DEFAULT_PATTERN.to_string()),
                existing: if a.force {
                    crate::batch::Existing::Overwrite
                } else if a.reprendre {
                    crate::batch::Existing::Resume
                } else {
                    crate::batch::Existing::Refuse
                },
                assemble: a.assemble.map(|p| (p, a.recto_verso)),
                progress: !a.quiet && std::io::stderr().is_terminal(),
            };
            lot::run(&opts, today, err)
        }
        Command::Explique(a) => explique::run(
            explique::Request {
                cas: &a.cas,
                json: a.json,
                ics: a.ics.as_ref(),
                date: a.date.date,
                today,
            },
            out,
            err,
        ),
        Command::Verifie(a) => verifie::run(&a.cas, a.date.date, today, out),
        Command::Modele => modele::run(out),
        Command::Bureaux(a) => bureaux::run(a.departement.as_deref(), a.json, out),
        Command::Nouveau(a) => nouveau::run(
            &nouveau::Request {
                sortie: &a.output,
                reponses: a.reponses.as_deref(),
                force: a.force,
                date: a.date.date,
                today,
            },
            out,
            err,
        ),
        Command::Serveur(a) => serveur::run(a.adresse, a.port, a.jeton, out),
        Command::Completions(a) => {
            use clap::CommandFactory;
            let mut script = Vec::new();
            clap_complete::generate(a.shell, &mut Cli::command(), "recours", &mut script);
            write_out(out, &String::from_utf8_lossy(&script))?;
            Ok(ExitCode::Success)
        }
    }
}

fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Writes to standard output; a closed pipe (`recours bureaux | head`) is not an error.
fn write_out(out: &mut dyn Write, text: &str) -> Result<(), Error> {
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Error::io(
            "impossible d'écrire sur",
            std::path::Path::new("la sortie standard"),
            e,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn clap_definition_is_consistent() {
        Cli::command().debug_assert();
    }

    #[test]
    fn help_is_french() {
        let mut out = Vec::new();
        let code = run(["recours", "--help"], &mut out, &mut Vec::new()).unwrap();
        assert_eq!(code, ExitCode::Success);
        let help = String::from_utf8(out).unwrap();
        assert!(help.contains("Utilisation : recours"), "{help}");
        assert!(help.contains("Commandes"), "{help}");
        assert!(help.contains("Affiche l'aide"), "{help}");
        assert!(
            !help.contains("Usage:") && !help.contains("Print help"),
            "{help}"
        );
    }

    #[test]
    fn no_subcommand_help_shows_clap_english_defaults() {
        for sub in Cli::command().get_subcommands_mut() {
            let help = sub.render_help().to_string();
            assert!(!help.contains("[default"), "{}: {help}", sub.get_name());
        }
    }

    #[test]
    fn unknown_command_is_a_french_usage_error() {
        let e = run(
            ["recours", "expliqe", "x.toml"],
            &mut Vec::new(),
            &mut Vec::new(),
        )
        .unwrap_err();
        assert_eq!(e.exit_code(), ExitCode::Input);
        assert_eq!(e.to_string(), "commande inconnue « expliqe »");
        assert_eq!(
            e.conseil(),
            Some("vouliez-vous dire « exemple » ou « explique » ? (voir recours --help)")
        );
    }

    #[test]
    fn bad_date_option_is_refused_in_french() {
        let e = run(
            ["recours", "explique", "x.toml", "--date", "12/01/2026"],
            &mut Vec::new(),
            &mut Vec::new(),
        )
        .unwrap_err();
        assert!(
            e.to_string()
                .contains("« 12/01/2026 » invalide pour --date"),
            "{e}"
        );
        assert!(e.to_string().contains("2026-01-12"), "{e}");
    }
}
