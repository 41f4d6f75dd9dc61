//! The error type shown to users, with its exit code and an optional `conseil :` hint.
//!
//! Exit codes are part of the contract (`shared/spec/cli.md`): 2 for input the user can fix
//! (a case file, an option, a template), 1 for failures that are not the input's fault
//! (disk, internal), 3 for a batch where some rows failed. `main` is the only place that
//! prints an [`Error`] and exits.

use std::io;
use std::path::{Path, PathBuf};

use crate::case::CaseError;

/// Process exit codes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ExitCode {
    /// Everything went well.
    Success = 0,
    /// A failure not caused by the input (I/O, internal).
    Failure = 1,
    /// Invalid input or usage.
    Input = 2,
    /// A batch finished but some rows failed.
    BatchRows = 3,
}

/// Everything that can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A case file that cannot be used.
    #[error(transparent)]
    Case(#[from] CaseError),
    /// Several case files that cannot be used (`recours verifie`); already printed.
    #[error("{fichiers} dossier(s) invalide(s)")]
    InvalidCases {
        /// How many.
        fichiers: usize,
    },
    /// A wrong option or argument.
    #[error("{message}")]
    Usage {
        /// What is wrong.
        message: String,
        /// How to fix it.
        conseil: Option<String>,
    },
    /// The case is valid but the tool cannot choose the addressee or build the letter from it.
    #[error("{message}")]
    Input {
        /// What is missing.
        message: String,
        /// How to fix it.
        conseil: Option<String>,
    },
    /// A letter template could not be used (exit 2: templates are input, ours are tested).
    #[error(transparent)]
    Compose(#[from] crate::compose::ComposeError),
    /// Reading or writing a file failed.
    #[error("{action} « {} » : {}", chemin.display(), io_reason(raison))]
    Io {
        /// « impossible d'écrire ».
        action: &'static str,
        /// The file.
        chemin: PathBuf,
        /// The cause, already said in French by the message (not named `source`, which
        /// would make it the error's source: the system's English words would follow).
        raison: io::Error,
    },
    /// A batch finished with failed rows (already reported).
    #[error("{echecs} ligne(s) sur {total} en erreur ; voir {}", rapport.display())]
    BatchRows {
        /// Failed rows.
        echecs: usize,
        /// All rows.
        total: usize,
        /// The report file.
        rapport: PathBuf,
    },
    /// The caseload store (`recours suivi`) could not be opened, read or written.
    #[error("{message}")]
    Store {
        /// What failed, naming the base.
        message: String,
    },
    /// A bug: something the tool should never do.
    #[error("erreur interne : {0}")]
    Internal(String),
}

impl Error {
    /// The exit code this error maps to.
    pub fn exit_code(&self) -> ExitCode {
        match self {
            Error::Case(_)
            | Error::InvalidCases { .. }
            | Error::Usage { .. }
            | Error::Input { .. }
            | Error::Compose(_) => ExitCode::Input,
            Error::BatchRows { .. } => ExitCode::BatchRows,
            Error::Io { .. } | Error::Store { .. } | Error::Internal(_) => ExitCode::Failure,
        }
    }

    /// The `conseil :` line, when there is one beyond what Display says.
    pub fn conseil(&self) -> Option<&str> {
        match self {
            Error::Usage { conseil, .. } | Error::Input { conseil, .. } => conseil.as_deref(),
            _ => None,
        }
    }

    /// A usage error with a hint.
    pub fn usage(message: impl Into<String>, conseil: impl Into<String>) -> Self {
        Error::Usage {
            message: message.into(),
            conseil: Some(conseil.into()),
        }
    }

    /// An error writing an output the user named: a folder is their mistake to fix (exit 2),
    /// anything else is the system's (exit 1).
    pub fn output(action: &'static str, chemin: &Path, source: io::Error) -> Self {
        if source.kind() == io::ErrorKind::IsADirectory {
            return Error::usage(
                format!("{action} « {} » : c'est un dossier", chemin.display()),
                "donnez un nom de fichier (par exemple dossier/lettre.pdf), ou - pour la sortie standard",
            );
        }
        Error::io(action, chemin, source)
    }

    /// An I/O error on a file.
    pub fn io(action: &'static str, chemin: &Path, source: io::Error) -> Self {
        Error::Io {
            action,
            chemin: chemin.to_path_buf(),
            raison: source,
        }
    }
}

/// The cause of an I/O error in French (the system's messages are English).
pub fn io_reason(e: &io::Error) -> String {
    use io::ErrorKind::*;
    match e.kind() {
        NotFound => "fichier ou dossier introuvable".into(),
        PermissionDenied => "permission refusée".into(),
        AlreadyExists => "le fichier existe déjà".into(),
        IsADirectory => "c'est un dossier".into(),
        NotADirectory => "un élément du chemin n'est pas un dossier".into(),
        StorageFull => "disque plein".into(),
        ReadOnlyFilesystem => "système de fichiers en lecture seule".into(),
        InvalidData => "données invalides".into(),
        Interrupted => "opération interrompue".into(),
        TimedOut => "délai dépassé".into(),
        WouldBlock => "ressource occupée".into(),
        DirectoryNotEmpty => "le dossier n'est pas vide".into(),
        FileTooLarge => "fichier trop gros".into(),
        CrossesDevices => "déplacement entre deux disques impossible".into(),
        QuotaExceeded => "quota de disque dépassé".into(),
        ResourceBusy => "ressource occupée".into(),
        InvalidFilename => "nom de fichier invalide".into(),
        WriteZero | UnexpectedEof => "écriture ou lecture incomplète".into(),
        BrokenPipe => "la sortie a été fermée".into(),
        _ => match e.raw_os_error() {
            Some(code) => format!("erreur du système n° {code}"),
            None => "erreur d'entrée-sortie".into(),
        },
    }
}
