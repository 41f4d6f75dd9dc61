//! `recours lot ENTREE -o DOSSIER`: letters for every row of a spreadsheet.

use std::io::Write;

use crate::batch::{self, Options};
use crate::error::{Error, ExitCode};

pub(super) fn run(
    opts: &Options,
    clock: &crate::clock::Clock,
    err: &mut dyn Write,
) -> Result<ExitCode, Error> {
    let summary = batch::run_with_clock(opts, clock)?;
    batch::print_summary(&summary, err);
    if summary.failed > 0 {
        return Err(Error::BatchRows {
            echecs: summary.failed,
            total: summary.rows,
            rapport: summary.report,
        });
    }
    Ok(ExitCode::Success)
}
