//! `recours serveur`: translates the options and starts the web server.

use std::io::Write;
use std::net::IpAddr;

use crate::error::{Error, ExitCode};
use crate::server::{self, Config};

pub(super) fn run(
    adresse: IpAddr,
    port: u16,
    jeton: Option<String>,
    base: Option<String>,
    clock: crate::clock::Clock,
    out: &mut dyn Write,
) -> Result<ExitCode, Error> {
    let jeton = jeton
        .or_else(|| std::env::var("RECOURS_JETON").ok())
        .filter(|j| !j.trim().is_empty());
    if let Some(j) = &jeton
        && (j.len() < 8
            || !j
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b"-_.~".contains(&b)))
    {
        return Err(Error::usage(
            "jeton refusé : 8 caractères au moins, lettres, chiffres, - _ . ~",
            "choisissez par exemple un jeton de 20 lettres et chiffres au hasard",
        ));
    }
    server::run(
        &Config {
            adresse,
            port,
            jeton,
            clock,
            base: base
                .filter(|b| !b.trim().is_empty())
                .map(|b| crate::store::Base::parse(&b)),
        },
        out,
    )?;
    Ok(ExitCode::Success)
}
