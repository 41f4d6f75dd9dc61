//! The `recours` binary: parse the command line, run, print errors, pick the exit code.

use std::io::Write;
use std::process::ExitCode;

fn main() -> ExitCode {
    let stdout = std::io::stdout();
    let stderr = std::io::stderr();
    // Standard error is not locked for the whole run: the progress bar's own thread writes to
    // it too, and a lock held here would block that thread forever (issue 14, item 0).
    let result = recours::cli::run(std::env::args_os(), &mut stdout.lock(), &mut &stderr);
    match result {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            let mut err = stderr.lock();
            // Input quoted in a message is data: ESC or BEL from a case file must not drive
            // the terminal (issue 14, item 10).
            let shown = |s: String| recours::shown::terminal(&s);
            let _ = writeln!(err, "erreur : {}", shown(e.to_string()));
            let mut source = std::error::Error::source(&e);
            while let Some(cause) = source {
                let _ = writeln!(err, "  cause : {}", shown(cause.to_string()));
                source = cause.source();
            }
            if let Some(conseil) = e.conseil() {
                let _ = writeln!(err, "  conseil : {}", shown(conseil.to_string()));
            }
            ExitCode::from(e.exit_code() as u8)
        }
    }
}
