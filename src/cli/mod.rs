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
mod suivi;
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
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Options ",
        after_help = "Exemples : recours exemple ; recours exemple --dossier > dossier.toml"
    )]
    Exemple(ExempleArgs),
    /// Écrit la lettre qu'appelle un dossier, en PDF prêt à imprimer.
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Options ",
        after_help = "Exemples : recours lettre dossier.toml ; recours lettre dossier.toml -o recours.pdf --date 2026-12-01 ; recours lettre dossier.toml --texte ; recours lettre requete.toml --pieces a-deposer"
    )]
    Lettre(LettreArgs),
    /// Explique quelle lettre écrire, à qui, pourquoi, et les délais.
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Options ",
        after_help = "Exemples : recours explique dossier.toml ; recours explique dossier.toml --ics delais.ics"
    )]
    Explique(ExpliqueArgs),
    /// Écrit une lettre par ligne d'un tableau (.csv) ou d'un fichier .jsonl.
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Options ",
        after_help = "Exemples : recours modele --csv > lot.csv, complétez-le, puis recours lot lot.csv -o lettres ; après une interruption : recours lot lot.csv -o lettres --reprendre"
    )]
    Lot(LotArgs),
    /// Vérifie des dossiers sans rien produire (une ligne par problème).
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Options ",
        after_help = "Exemples : recours verifie dossier.toml autre.toml ; recours verifie lot.csv (vérifie chaque ligne sans rien écrire)"
    )]
    Verifie(VerifieArgs),
    /// Affiche un modèle de dossier commenté, à compléter (ou, avec --csv, un tableau).
    #[command(help_template = HELP_TEMPLATE, next_help_heading = "Options ")]
    Modele(ModeleArgs),
    /// Copie les modèles de lettre intégrés dans un dossier, pour les adapter (--modeles).
    #[command(
        name = "exporte-modeles",
        help_template = HELP_TEMPLATE,
        next_help_heading = "Options "
    )]
    ExporteModeles(ExporteArgs),
    /// Suit des dossiers : événements (envoi, réception, rejet…) et prochaines échéances.
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Options ",
        subcommand_help_heading = "Commandes ",
        subcommand_value_name = "COMMANDE",
        after_help = "Exemples : recours suivi ajoute dossier.toml ; \
                      recours suivi evenement 1 envoi 2026-11-02 ; \
                      recours suivi echeances --avant 2027-01-31"
    )]
    Suivi(suivi::SuiviArgs),
    /// Liste les bureaux connus, ou celui qui est compétent pour un département.
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Options ",
        after_help = "Exemples : recours bureaux ; recours bureaux --departement 84"
    )]
    Bureaux(BureauxArgs),
    /// Pose les questions une à une, puis écrit le dossier et la lettre.
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Options ",
        after_help = "Exemples : recours nouveau (écrit dossier.toml et dossier.pdf) ; \
                      recours nouveau -o martin.toml --reponses reponses.txt"
    )]
    Nouveau(NouveauArgs),
    /// Ouvre le questionnaire dans une page web locale (une lettre, ou un lot).
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Options ",
        after_help = "Exemples : recours serveur, puis ouvrez l'adresse affichée dans votre \
                      navigateur ; recours serveur --port 0 (un port libre)"
    )]
    Serveur(ServeurArgs),
    /// Écrit le script de complétion pour un shell (bash, zsh, fish, elvish, powershell).
    #[command(
        help_template = HELP_TEMPLATE,
        next_help_heading = "Options ",
        after_help = "Exemple : recours completions bash > ~/.local/share/bash-completion/completions/recours"
    )]
    Completions(CompletionsArgs),
}

#[derive(Debug, Args)]
#[command(after_help = "Exemples : recours modele > dossier.toml ; recours modele --csv > lot.csv")]
struct ModeleArgs {
    /// Affiche un tableau CSV : l'en-tête de toutes les colonnes et une ligne d'exemple, à
    /// ouvrir dans LibreOffice ou Excel pour recours lot.
    #[arg(long)]
    csv: bool,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Exemple : recours exporte-modeles mes-modeles, modifiez-les, puis recours lettre dossier.toml --modeles mes-modeles"
)]
struct ExporteArgs {
    /// Dossier où copier les modèles (créé s'il n'existe pas ; aucun fichier n'y est écrasé).
    #[arg(value_name = "DOSSIER", help_heading = "Arguments ")]
    dossier: PathBuf,
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
    /// Active la page « Dossiers suivis » sur cette base de suivi : un fichier SQLite ou une
    /// adresse postgres://… (sinon la variable RECOURS_BASE) ; sans elle, rien n'est
    /// enregistré.
    #[arg(
        long,
        value_name = "FICHIER.sqlite|postgres://…",
        env = "RECOURS_BASE",
        hide_env = true
    )]
    base: Option<String>,
}

#[derive(Debug, Args)]
struct CompletionsArgs {
    /// Le shell : bash, zsh, fish, elvish ou powershell.
    #[arg(
        value_name = "SHELL",
        help_heading = "Arguments ",
        hide_possible_values = true
    )]
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
    /// Fichier PDF à écrire (par défaut : lettre-exemple.pdf ; - pour la sortie standard).
    #[arg(short = 'o', long = "sortie", value_name = "FICHIER.pdf")]
    output: Option<PathBuf>,
    /// Affiche le texte de la lettre au lieu d'écrire le PDF.
    #[arg(long)]
    texte: bool,
    /// Affiche le dossier (TOML) de l'exemple, point de départ d'un vrai dossier.
    #[arg(long, conflicts_with_all = ["texte", "output"])]
    dossier: bool,
}

#[derive(Debug, Args)]
struct LettreArgs {
    /// Le dossier (.toml ou .json).
    #[arg(value_name = "CAS", help_heading = "Arguments ")]
    cas: PathBuf,
    /// Fichier PDF à écrire (par défaut : le nom du dossier avec .pdf ; - pour la sortie
    /// standard).
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
    /// Pour une requête : écrit aussi un dossier prêt à déposer (la requête, les pièces
    /// numérotées comme l'inventaire, inventaire.txt).
    #[arg(long, value_name = "DOSSIER", conflicts_with = "texte")]
    pieces: Option<PathBuf>,
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
    #[arg(long, value_name = "N", value_parser = parse_jobs)]
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
    /// Ajoute aussi au suivi (recours suivi) chaque ligne dont la lettre est écrite.
    #[arg(long)]
    suivi: bool,
    #[command(flatten)]
    base: suivi::BaseArg,
}

#[derive(Debug, Args)]
struct ExpliqueArgs {
    /// Le dossier (.toml ou .json).
    #[arg(value_name = "CAS", help_heading = "Arguments ")]
    cas: PathBuf,
    /// Écrit un seul objet JSON au lieu du texte.
    #[arg(long)]
    json: bool,
    /// Écrit aussi les dates dans un fichier calendrier (.ics), avec des rappels (- pour la
    /// sortie standard).
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

/// `--jobs`: 1 to 256, said in French (clap's range check speaks English).
fn parse_jobs(s: &str) -> Result<u16, String> {
    match s.trim().parse::<u16>() {
        Ok(n @ 1..=256) => Ok(n),
        _ => Err("un nombre de 1 à 256 est attendu".into()),
    }
}

fn parse_date_arg(s: &str) -> Result<NaiveDate, String> {
    crate::case::parse_plausible_date(s)
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
    let clock = crate::clock::Clock::from_env().map_err(|e| {
        Error::usage(
            e,
            "donnez à SOURCE_DATE_EPOCH un nombre de secondes (par exemple 1795780800 pour le 27 novembre 2026), ou retirez-la",
        )
    })?;
    let today = clock.today;
    match cli.command {
        Command::Exemple(a) if a.dossier => {
            write_out(out, crate::assets::EXEMPLE)?;
            Ok(ExitCode::Success)
        }
        Command::Exemple(a) => lettre::exemple(
            &lettre::Request {
                output: a.output.as_deref(),
                date: None,
                modeles: None,
                texte: a.texte,
                pieces: None,
                clock,
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
                pieces: a.pieces.as_deref(),
                clock,
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
            let result = lot::run(&opts, &clock, err);
            if a.suivi && matches!(result, Ok(_) | Err(Error::BatchRows { .. })) {
                let report = opts.output.join("rapport.csv");
                suivi::add_batch_rows(&opts.input, &report, &a.base, today, opts.date, out, err)?;
            }
            result
        }
        Command::Explique(a) => explique::run(
            explique::Request {
                cas: &a.cas,
                json: a.json,
                ics: a.ics.as_ref(),
                date: a.date.date,
                clock,
            },
            out,
            err,
        ),
        Command::Verifie(a) => verifie::run(&a.cas, a.date.date, today, out),
        Command::Modele(a) if a.csv => modele::csv(out),
        Command::Modele(_) => modele::run(out),
        Command::ExporteModeles(a) => modele::export(&a.dossier, err),
        Command::Suivi(a) => suivi::run(a, &clock, out, err),
        Command::Bureaux(a) => bureaux::run(a.departement.as_deref(), a.json, out),
        Command::Nouveau(a) => nouveau::run(
            &nouveau::Request {
                sortie: &a.output,
                reponses: a.reponses.as_deref(),
                force: a.force,
                date: a.date.date,
                clock,
            },
            out,
            err,
        ),
        Command::Serveur(a) => serveur::run(a.adresse, a.port, a.jeton, a.base, clock, out),
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

/// An input error about a case, prefixed with the file it is in (the case's own errors name
/// it already; routing, deadline and layout errors did not).
fn in_file(name: &str, e: Error) -> Error {
    match e {
        Error::Input { message, conseil } => Error::Input {
            message: format!("{name} : {message}"),
            conseil,
        },
        other => other,
    }
}

/// Refuses an output that is the input itself (`lettre x.toml -o x.toml` destroyed the case
/// file: issue 14, item 5).
fn refuse_overwriting(input: &std::path::Path, output: &std::path::Path) -> Result<(), Error> {
    if output.as_os_str() != "-" && crate::output::same_file(input, output) {
        return Err(Error::usage(
            format!(
                "la sortie « {} » est le dossier lu « {} » : il serait écrasé",
                output.display(),
                input.display()
            ),
            "donnez un autre nom de fichier avec -o, par exemple lettre.pdf",
        ));
    }
    Ok(())
}

/// Writes an output file the user named: `-` is standard output, anything else goes through
/// [`crate::output::write_atomic`] (never half-written, never replacing a device or folder).
fn write_file(
    path: &std::path::Path,
    bytes: &[u8],
    out: &mut dyn Write,
    action: &'static str,
) -> Result<(), Error> {
    if path.as_os_str() == "-" {
        return write_bytes(out, bytes);
    }
    crate::output::write_atomic(path, bytes).map_err(|e| Error::output(action, path, e))
}

/// Writes to standard output; a closed pipe (`recours bureaux | head`) is not an error.
fn write_out(out: &mut dyn Write, text: &str) -> Result<(), Error> {
    write_bytes(out, text.as_bytes())
}

fn write_bytes(out: &mut dyn Write, bytes: &[u8]) -> Result<(), Error> {
    match out.write_all(bytes).and_then(|()| out.flush()) {
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

    /// Issue 14, item 11: clap's « possible values » showed in English, and no subcommand
    /// gave an example.
    #[test]
    fn every_subcommand_help_is_french_with_an_example() {
        for cmd in Cli::command().get_subcommands() {
            let name = cmd.get_name().to_string();
            let mut out = Vec::new();
            run(["recours", &name, "--help"], &mut out, &mut Vec::new()).unwrap();
            let help = String::from_utf8(out).unwrap();
            assert!(help.contains("Exemple"), "{name}: {help}");
            for english in ["possible values", "default:", "Usage:", "Print help"] {
                assert!(!help.contains(english), "{name}: {english} in {help}");
            }
        }
    }

    #[test]
    fn a_bad_jobs_count_is_refused_in_french() {
        let e = run(
            ["recours", "lot", "t.csv", "-o", "x", "--jobs", "0"],
            &mut Vec::new(),
            &mut Vec::new(),
        )
        .unwrap_err();
        assert_eq!(e.exit_code(), ExitCode::Input);
        assert!(
            e.to_string().contains("un nombre de 1 à 256 est attendu"),
            "{e}"
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
