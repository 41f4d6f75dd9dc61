//! `recours suivi ajoute CAS…` and `recours lot … --suivi`: validated cases into the store.
//!
//! Every input is validated as `explique` would (case, route, deadlines) before anything is
//! written; the good ones are then added in one transaction, so a kill leaves all or none. A
//! bad case file or batch row is reported and the others still go in (exit code 3), except
//! for a single case file, whose error is the command's (exit code 2).

use std::collections::BTreeSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::BaseArg;
use super::write_out;
use crate::case::{self, Context, Format};
use crate::error::{Error, ExitCode};
use crate::followup;
use crate::offices::Offices;
use crate::plan::Plan;
use crate::store::NewCase;

/// Inputs read and checked: the cases to add, and one French line per input that failed.
#[derive(Debug, Default)]
struct Checked {
    cases: Vec<NewCase>,
    failures: Vec<String>,
    /// The error of the only input, when it was one case file.
    single: Option<Error>,
}

pub(super) fn run(
    inputs: &[PathBuf],
    base: &BaseArg,
    today: NaiveDate,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, Error> {
    let mut checked = Checked::default();
    for path in inputs {
        if is_batch(path) {
            read_batch(path, None, today, &mut checked)?;
        } else {
            read_case_file(path, today, inputs.len() == 1, &mut checked);
        }
    }
    if let Some(e) = checked.single.take() {
        return Err(e);
    }
    finish(checked, base, out, err)
}

/// `recours lot … --suivi`: the rows the batch wrote (status `ok` in its report).
pub(in crate::cli) fn add_batch_rows(
    input: &Path,
    report: &Path,
    base: &BaseArg,
    today: NaiveDate,
    date: Option<NaiveDate>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, Error> {
    let ok = ok_lines(report)?;
    let mut checked = Checked::default();
    read_batch(input, Some((&ok, date)), today, &mut checked)?;
    finish(checked, base, out, err)
}

fn finish(
    checked: Checked,
    base: &BaseArg,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<ExitCode, Error> {
    for f in &checked.failures {
        let _ = writeln!(err, "{f}");
    }
    let mut store = base.open()?;
    let ids = store.add_cases(&checked.cases)?;
    let mut text = String::new();
    for (added, c) in ids.iter().zip(&checked.cases) {
        let what = if added.new { "suivi" } else { "déjà suivi" };
        text.push_str(&format!(
            "dossier n° {} {what} : {} ({}) — {}\n",
            added.id,
            c.nom,
            c.recours.label(),
            c.source
        ));
    }
    write_out(out, &text)?;
    if checked.failures.is_empty() {
        Ok(ExitCode::Success)
    } else {
        Err(Error::BatchRows {
            echecs: checked.failures.len(),
            total: checked.failures.len() + ids.len(),
            rapport: PathBuf::from("les messages ci-dessus (les autres dossiers sont ajoutés)"),
        })
    }
}

fn is_batch(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("csv") || e.eq_ignore_ascii_case("jsonl"))
}

fn read_case_file(path: &Path, today: NaiveDate, single: bool, checked: &mut Checked) {
    let name = path.display().to_string();
    let result = case::load(path, None, today)
        .map_err(Error::from)
        .and_then(|c| Plan::new(c, Offices::builtin()))
        .and_then(|plan| {
            let text = std::fs::read_to_string(path)
                .map_err(|e| Error::io("impossible de lire", path, e))?;
            let text = text.strip_prefix('\u{feff}').unwrap_or(&text).to_string();
            Ok(followup::new_case(
                &plan.case,
                text,
                Format::from_path(path),
                name.clone(),
                today,
            ))
        });
    match result {
        Ok(c) => checked.cases.push(c),
        Err(e) if single => checked.single = Some(e),
        Err(e) => checked.failures.push(one_line(&name, &e)),
    }
}

/// Reads a batch; with `only`, keeps the rows whose line is in the set and validates them
/// with the batch's letter date.
fn read_batch(
    path: &Path,
    only: Option<(&BTreeSet<u64>, Option<NaiveDate>)>,
    today: NaiveDate,
    checked: &mut Checked,
) -> Result<(), Error> {
    let ctx = Context {
        offices: Offices::builtin(),
        date_override: only.and_then(|(_, d)| d),
        today,
    };
    let file = path.display().to_string();
    for row in crate::batch::read_rows(path)? {
        let row = row?;
        if only.is_some_and(|(lines, _)| !lines.contains(&row.ligne)) {
            continue;
        }
        let name = format!("{file}, ligne {}", row.ligne);
        let value = match row.value {
            Ok(v) => v,
            Err(why) => {
                checked.failures.push(format!("{name} : {why}"));
                continue;
            }
        };
        let text = serde_json::to_string(&value).expect("a JSON value serializes");
        let plan = case::from_json_value(value, &name, ctx)
            .map_err(Error::from)
            .and_then(|c| Plan::new(c, ctx.offices));
        match plan {
            Ok(plan) => checked.cases.push(followup::new_case(
                &plan.case,
                text,
                Format::Json,
                name,
                today,
            )),
            Err(e) => checked.failures.push(one_line(&name, &e)),
        }
    }
    Ok(())
}

fn one_line(name: &str, e: &Error) -> String {
    match e {
        Error::Case(c) => c
            .problems
            .iter()
            .map(|p| p.one_line(&c.fichier))
            .collect::<Vec<_>>()
            .join(" ; "),
        _ => match e.conseil() {
            Some(c) => format!("{name} : {e} (conseil : {c})"),
            None => format!("{name} : {e}"),
        },
    }
}

/// The row numbers a batch report marks `ok` (first two columns: row number, status).
fn ok_lines(report: &Path) -> Result<BTreeSet<u64>, Error> {
    let text =
        std::fs::read_to_string(report).map_err(|e| Error::io("impossible de lire", report, e))?;
    let first = text.lines().next().unwrap_or("");
    let delimiter = if first.contains(';') { b';' } else { b',' };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut ok = BTreeSet::new();
    for record in reader.records() {
        let record = record.map_err(|e| Error::Internal(format!("rapport du lot : {e}")))?;
        if record.get(1) == Some("ok")
            && let Some(n) = record.get(0).and_then(|n| n.trim().parse().ok())
        {
            ok.insert(n);
        }
    }
    Ok(ok)
}
