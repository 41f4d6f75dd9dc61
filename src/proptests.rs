//! Property tests of the whole pipeline (issue 14, « done means »): generated case files and
//! batch rows, hostile strings included, go from text to letter. Whatever the input, the
//! outcome is a letter whose PDF parses, or an error the user can fix (exit code 2); never a
//! panic, never an internal error, never a row missing from the report.

use proptest::prelude::*;

use crate::case::tests::{BASE, with_in};
use crate::case::{Format, parse};
use crate::error::ExitCode;
use crate::offices::Offices;
use crate::pipeline::Renderer;
use crate::plan::Plan;

/// Text a person or an attacker may type: accents, quotes, markup and template syntax,
/// control characters, right-to-left marks, very long runs, characters the font lacks.
fn hostile() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Zéèàçœ' -]{0,30}",
        Just("{{ demandeur.nom }}{% include '_entete.tera' %}".to_string()),
        Just("@corps\n**gras** ^e".to_string()),
        Just("\u{1b}[2J\u{7}\0".to_string()),
        Just("\u{202e}abc\u{200f}".to_string()),
        Just("☃ 𝕏 😀".to_string()),
        Just("\"\\\"'".to_string()),
        "[ -~]{0,40}",
        ".{0,20}",
        (1usize..400).prop_map(|n| "A".repeat(n)),
    ]
}

/// A case file: the base with some fields replaced by hostile strings, quoted as TOML
/// strings or (sometimes) pasted raw.
fn case_text() -> impl Strategy<Value = String> {
    let fields = [
        ("demandeur", "prenom"),
        ("demandeur", "nom"),
        ("demande", "commune"),
        ("decision", "motif"),
        ("decision", "reference"),
        ("lettre", "lieu"),
        ("lettre", "date"),
        ("demande", "departement"),
    ];
    proptest::collection::vec((0..fields.len(), hostile(), any::<bool>()), 0..4).prop_map(
        move |edits| {
            let mut text = BASE.to_string();
            for (i, value, raw) in edits {
                let (table, key) = fields[i];
                let literal = if raw {
                    value
                } else {
                    toml::Value::String(value).to_string()
                };
                text = with_in(&text, table, key, &literal);
            }
            text
        },
    )
}

fn renderer() -> &'static Renderer {
    static R: std::sync::OnceLock<Renderer> = std::sync::OnceLock::new();
    R.get_or_init(|| Renderer::new(None).unwrap())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_case_file_gives_a_parsing_pdf_or_an_input_error(text in case_text()) {
        let ctx = crate::case::tests::ctx();
        let outcome = parse(&text, Format::Toml, "dossier.toml", ctx)
            .map_err(crate::error::Error::from)
            .and_then(|case| Plan::new(case, Offices::builtin()))
            .and_then(|plan| renderer().render(&plan));
        match outcome {
            Ok(r) => {
                prop_assert!(lopdf::Document::load_mem(&r.pdf).is_ok(), "the PDF parses");
                prop_assert!(r.pdf.trim_ascii_end().ends_with(b"%%EOF"));
            }
            Err(e) => prop_assert_eq!(e.exit_code(), ExitCode::Input, "{}", e),
        }
    }

    #[test]
    fn any_table_gives_one_report_line_per_row_and_no_internal_error(
        cells in proptest::collection::vec((hostile(), hostile(), 0u8..4), 1..5),
        crlf in any::<bool>(),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let eol = if crlf { "\r\n" } else { "\n" };
        let quote = |s: &str| format!("\"{}\"", s.replace('"', "\"\""));
        let mut lines = vec!["recours,lettre.date,demandeur.prenom,demandeur.nom,demandeur.adresse,demande.document,demande.motif,demande.depot,demande.departement,decision.date,decision.motif".to_string()];
        for (prenom, nom, shape) in &cells {
            let (prenom, nom) = match shape {
                0 => (quote(prenom), quote(nom)),
                // Raw cells: may hold separators, quotes, line breaks.
                _ => (prenom.replace(['\n', '\r'], " "), nom.replace(['\n', '\r'], " ")),
            };
            lines.push(format!("gracieux,2026-11-27,{prenom},{nom},12 rue des Lilas | 84300 Cavaillon,carte-identite,renouvellement,mairie,84,15/10/2026,Pièces insuffisantes"));
        }
        let input = dir.path().join("t.csv");
        std::fs::write(&input, lines.join(eol) + eol).unwrap();
        let opts = crate::batch::Options {
            input,
            output: dir.path().join("sortie"),
            jobs: 2,
            date: None,
            modeles: None,
            noms: crate::batch::DEFAULT_PATTERN.to_string(),
            existing: crate::batch::Existing::Refuse,
            assemble: None,
            progress: false,
        };
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 27).unwrap();
        match crate::batch::run(&opts, today) {
            Ok(summary) => {
                prop_assert_eq!(summary.written + summary.failed, summary.rows);
                let report = std::fs::read_to_string(dir.path().join("sortie/rapport.csv")).unwrap();
                let mut r = csv::Reader::from_reader(report.as_bytes());
                let reported: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
                prop_assert_eq!(reported.len(), summary.rows);
                for rec in &reported {
                    if &rec[1] == "ok" {
                        let pdf = std::fs::read(dir.path().join("sortie").join(&rec[2])).unwrap();
                        prop_assert!(lopdf::Document::load_mem(&pdf).is_ok());
                    }
                }
            }
            // A whole table refused (an unclosed quote…) is the user's to fix.
            Err(e) => prop_assert_eq!(e.exit_code(), ExitCode::Input, "{}", e),
        }
    }
}
