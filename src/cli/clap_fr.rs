//! clap speaks English; our users read French. This turns clap's parse errors into [`Error`]s
//! with French messages (exit code 2), using the structured context clap attaches to them.

use std::error::Error as _;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::error::Error;

/// A French usage error from a clap error that is not `--help` or `--version`.
pub fn translate(e: &clap::Error) -> Error {
    let ctx = |k: ContextKind| e.get(k).map(value_text);
    let invalid = ctx(ContextKind::InvalidArg).unwrap_or_default();
    let suggested = |k: ContextKind| {
        e.get(k).map(|v| match v {
            ContextValue::Strings(all) => all
                .iter()
                .map(|s| format!("« {s} »"))
                .collect::<Vec<_>>()
                .join(" ou "),
            other => format!("« {} »", value_text(other)),
        })
    };
    let conseil = suggested(ContextKind::SuggestedArg)
        .or_else(|| suggested(ContextKind::SuggestedSubcommand))
        .or_else(|| suggested(ContextKind::SuggestedValue))
        .map(|s| format!("vouliez-vous dire {s} ? (voir recours --help)"))
        .unwrap_or_else(|| "voir recours --help".to_string());
    let message = match e.kind() {
        ErrorKind::UnknownArgument => format!("option inconnue « {invalid} »"),
        ErrorKind::InvalidSubcommand => {
            let sub = ctx(ContextKind::InvalidSubcommand).unwrap_or_default();
            format!("commande inconnue « {sub} »")
        }
        ErrorKind::MissingRequiredArgument => format!("argument obligatoire manquant : {invalid}"),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            return Error::usage(
                format!("indiquez une commande : {}", command_names()),
                "sans fichier à écrire, recours nouveau pose les questions une à une ; \
                 recours serveur les pose dans votre navigateur (voir recours --help)",
            );
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            let value = ctx(ContextKind::InvalidValue).unwrap_or_default();
            let reason = e.source().map(|s| format!(" : {s}")).unwrap_or_default();
            format!("valeur « {value} » invalide pour {invalid}{reason}")
        }
        ErrorKind::TooManyValues => format!("argument en trop : {invalid}"),
        ErrorKind::ArgumentConflict => {
            let prior = ctx(ContextKind::PriorArg).unwrap_or_default();
            format!("{invalid} ne peut pas être utilisé avec {prior}")
        }
        ErrorKind::WrongNumberOfValues | ErrorKind::TooFewValues => {
            format!("nombre de valeurs incorrect pour {invalid}")
        }
        ErrorKind::NoEquals => format!("{invalid} attend une valeur après « = »"),
        ErrorKind::InvalidUtf8 => "un argument n'est pas en UTF-8".to_string(),
        _ => "ligne de commande invalide".to_string(),
    };
    Error::Usage {
        message,
        conseil: Some(conseil),
    }
}

/// The subcommands, from the clap definitions, so the list never falls behind them.
fn command_names() -> String {
    let cmd = <super::Cli as clap::CommandFactory>::command();
    let names: Vec<&str> = cmd.get_subcommands().map(|c| c.get_name()).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} ou {last}", rest.join(", ")),
        _ => names.join(""),
    }
}

fn value_text(v: &ContextValue) -> String {
    match v {
        ContextValue::String(s) => s.clone(),
        ContextValue::Strings(v) => v.join(", "),
        ContextValue::StyledStr(s) => s.to_string(),
        ContextValue::StyledStrs(v) => v
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        ContextValue::Number(n) => n.to_string(),
        ContextValue::Bool(b) => b.to_string(),
        _ => String::new(),
    }
}
