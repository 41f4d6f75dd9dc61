//! `recours serveur`: the questionnaire as a local web page, and the same pipeline over HTTP.
//!
//! Nothing personal is kept: answers travel in the forms themselves (hidden fields from page
//! to page), a letter is made in memory per request, a batch lives in a private temporary
//! folder only while it runs and its ZIP in memory until downloaded; only with `--base` are
//! followed cases kept, in that store (`suivi`). Nothing is logged. The
//! server binds to loopback unless told otherwise, and then needs a token (see `guard`).

mod explain;
mod form;
mod guard;
mod html;
mod lot;
mod pages;
mod routes;
mod suivi;

use std::io::Write;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, OnceLock};

use crate::clock::Clock;
use crate::error::Error;
use crate::pipeline::Renderer;

pub use lot::MAX_LOT_BYTES;
pub use routes::MAX_FORM_BYTES;

/// How to serve.
#[derive(Clone, Debug)]
pub struct Config {
    /// The address to bind (loopback by default).
    pub adresse: IpAddr,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// The token every request must carry; required off loopback.
    pub jeton: Option<String>,
    /// The command line's clock (`SOURCE_DATE_EPOCH` or the system's).
    pub clock: Clock,
    /// The caseload store for « Dossiers suivis »; without it nothing is stored.
    pub base: Option<crate::store::Base>,
}

/// The clock the server was started with, set once in [`run`]: handlers take today from it
/// per request ([`Clock::refreshed`]) instead of reading the environment again.
static CLOCK: OnceLock<Clock> = OnceLock::new();

/// Today's clock for a request.
fn clock() -> Clock {
    CLOCK
        .get()
        .copied()
        .unwrap_or_else(Clock::system)
        .refreshed()
}

/// What every request shares.
#[derive(Clone, Debug)]
struct AppState {
    renderer: Arc<Renderer>,
    guard: Arc<guard::Guard>,
    jobs: lot::Jobs,
    base: Option<Arc<crate::store::Base>>,
}

/// Binds, prints the URL as the first line of `out`, and serves until the process ends.
pub fn run(config: &Config, out: &mut dyn Write) -> Result<(), Error> {
    if !config.adresse.is_loopback() && config.jeton.as_deref().is_none_or(str::is_empty) {
        return Err(Error::usage(
            format!(
                "--adresse {} rend le serveur joignable depuis d'autres machines : un jeton est \
                 obligatoire",
                config.adresse
            ),
            "ajoutez --jeton UN_MOT_DE_PASSE_LONG (ou la variable d'environnement \
             RECOURS_JETON), ou gardez l'adresse locale 127.0.0.1",
        ));
    }
    let _ = CLOCK.set(config.clock);
    let renderer = Arc::new(Renderer::new(None)?.with_clock(&config.clock));
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Internal(format!("démarrage du serveur : {e}")))?;
    runtime.block_on(async {
        let addr = SocketAddr::new(config.adresse, config.port);
        let listener = tokio::net::TcpListener::bind(addr)
            .await
            .map_err(|e| Error::Usage {
                message: format!(
                    "impossible d'écouter sur {addr} : {}",
                    crate::error::io_reason(&e)
                ),
                conseil: Some("choisissez un autre port avec --port (ou --port 0)".to_string()),
            })?;
        let local = listener
            .local_addr()
            .map_err(|e| Error::Internal(format!("adresse du serveur : {e}")))?;
        let host = match local.ip() {
            IpAddr::V6(ip) => format!("[{ip}]:{}", local.port()),
            IpAddr::V4(ip) => format!("{ip}:{}", local.port()),
        };
        let hosts = if local.ip().is_unspecified() {
            Vec::new()
        } else {
            let mut h = vec![host.clone()];
            if local.ip().is_loopback() {
                h.push(format!("localhost:{}", local.port()));
            }
            h
        };
        let url = match &config.jeton {
            Some(j) => format!("http://{host}/?jeton={j}"),
            None => format!("http://{host}/"),
        };
        let _ = writeln!(out, "{url}");
        let _ = writeln!(out, "Serveur recours démarré ; arrêtez-le avec Ctrl+C.");
        let _ = out.flush();
        let state = AppState {
            renderer,
            guard: Arc::new(guard::Guard {
                hosts,
                jeton: config.jeton.clone(),
            }),
            jobs: Default::default(),
            base: config.base.clone().map(Arc::new),
        };
        let jobs = state.jobs.clone();
        tokio::spawn(async move {
            loop {
                tokio::time::sleep(std::time::Duration::from_secs(60)).await;
                lot::sweep(&jobs);
            }
        });
        axum::serve(listener, routes::router(state))
            .await
            .map_err(|e| Error::Internal(format!("serveur : {e}")))
    })
}
