//! `recours suivi` exports, the next document, and bases that cannot be used. On both
//! backends.

use crate::harness::Workdir;
use crate::suivi::{add, case_toml, event, suivi};
use crate::suivi_bases::bases;

#[test]
fn suivi_store_file_is_private_and_exports_are_whole() {
    let w = Workdir::new();
    for b in bases(&w, "exports") {
        let id = add(
            &w,
            &b,
            "a.toml",
            &case_toml("=Camille", "Martin", "2026-10-20"),
        );
        if b.kind == "sqlite" {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&b.arg).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "{mode:o}");
        }
        let ics = w.path().join(format!("{}.ics", b.kind));
        let run = suivi(&w, &b, &["exporte", "--ics", "-o", ics.to_str().unwrap()]);
        run.expect_code(0);
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&ics).unwrap().permissions().mode();
            assert_eq!(mode & 0o777, 0o600, "exports hold personal data: {mode:o}");
        }
        let text = std::fs::read_to_string(&ics).unwrap();
        // Unfolded, and with the typography's no-break spaces as plain ones.
        let unfolded = text.replace("\r\n ", "").replace('\u{a0}', " ");
        let cal = ical::IcalParser::new(text.as_bytes())
            .next()
            .expect("one calendar")
            .expect("a valid calendar");
        assert!(!cal.events.is_empty());
        assert!(text.contains("DTSTART;VALUE=DATE:20261221"), "{text}");
        assert!(
            unfolded.contains(&format!("(n° {id} =Camille Martin)")),
            "{text}"
        );

        let run = suivi(&w, &b, &["exporte", "--csv"]);
        run.expect_code(0);
        let mut r = csv::Reader::from_reader(run.stdout.as_bytes());
        let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), 1);
        // A cell a spreadsheet would run as a formula is defused.
        assert_eq!(&rows[0][1], "'=Camille Martin");
        assert_eq!(&rows[0][6], "2026-12-21");
        assert_eq!(&rows[0][9], "gracieux");
    }
}

#[test]
fn suivi_lettre_writes_the_next_document_with_the_recorded_events() {
    let w = Workdir::new();
    for b in bases(&w, "lettre") {
        let id = add(
            &w,
            &b,
            "a.toml",
            &case_toml("Camille", "Martin", "2026-10-20"),
        );
        let run = suivi(&w, &b, &["lettre", &id.to_string(), "--texte"]);
        run.expect_code(0);
        // The pending recours gracieux, dated the day it is written.
        let text = run.stdout.replace(['\u{a0}', '\u{202f}'], " ");
        assert!(text.contains("Cavaillon, le 15 décembre 2026"), "{text}");
        assert!(text.contains("recours gracieux contre un refus"), "{text}");

        event(&w, &b, id, &["envoi", "2026-11-02"]);
        event(&w, &b, id, &["reception", "2026-11-04"]);
        // The implicit rejection is next; the request for its reasons is named, and refused
        // with the day it becomes possible until the rejection has arisen.
        let run = suivi(&w, &b, &["lettre", &id.to_string()]);
        run.expect_code(2);
        assert!(
            run.stderr.contains("ne naîtra que le 4 janvier 2027"),
            "{}",
            run.stderr
        );
        let run = suivi(&w, &b, &["echeances"]);
        assert!(run.stdout.contains("\"motifs\""), "{}", run.stdout);

        event(&w, &b, id, &["requete", "2026-12-14"]);
        let run = suivi(&w, &b, &["lettre", &id.to_string()]);
        run.expect_code(2);
        assert!(
            run.stderr.contains("aucun document à écrire"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn suivi_a_base_that_cannot_be_used_is_named_in_french() {
    let w = Workdir::new();
    let not_a_base = w.file("notes.sqlite", "ceci n'est pas une base\n");
    let run = w.run(&["suivi", "--base", not_a_base.to_str().unwrap(), "echeances"]);
    // A wrong --base is bad input, with its fix.
    run.expect_code(2);
    assert!(
        run.stderr
            .contains("conseil : indiquez une base de suivi .sqlite"),
        "{}",
        run.stderr
    );
    assert!(
        run.stderr
            .contains("ce fichier n'est pas une base de suivi SQLite"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("notes.sqlite"), "{}", run.stderr);
    // The file is left as it was.
    assert_eq!(
        std::fs::read_to_string(&not_a_base).unwrap(),
        "ceci n'est pas une base\n"
    );
    let run = w.run(&[
        "suivi",
        "--base",
        "postgres://asso:s3cret@h:port/suivi",
        "echeances",
    ]);
    run.expect_code(2);
    assert!(
        run.stderr.contains("adresse PostgreSQL illisible") && run.stderr.contains("%40"),
        "{}",
        run.stderr
    );
    assert!(!run.stderr.contains("s3cret"), "{}", run.stderr);
    for b in bases(&w, "errors") {
        let Some((server, db)) = b.arg.rsplit_once('/').filter(|_| b.kind == "postgres") else {
            continue;
        };
        let (scheme_user, _) = server.rsplit_once('@').unwrap();
        let (scheme_user, _) = scheme_user.rsplit_once(':').unwrap();
        let host = server.rsplit_once('@').unwrap().1;
        let wrong = format!("{scheme_user}:mauvais@{host}/{db}");
        let run = w.run(&["suivi", "--base", &wrong, "echeances"]);
        run.expect_code(1);
        assert!(
            run.stderr.contains("identifiant ou mot de passe refusé"),
            "{}",
            run.stderr
        );
        assert!(
            !run.stderr.contains("mauvais"),
            "the password is never printed: {}",
            run.stderr
        );
    }
}
