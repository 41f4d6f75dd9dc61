//! `recours serveur --base`: the « Dossiers suivis » pages over a SQLite store filled by
//! `recours suivi`. Dates are hand-computed from reference `legal.md` §1.8 (see `suivi`).

use super::harness::Workdir;
use super::http::Server;
use crate::suivi::{EPOCH_2026_12_15, case_toml};

/// Adds a case with `recours suivi ajoute` and returns its number.
fn add(w: &Workdir, base: &str, file: &str, toml: &str) -> i64 {
    let path = w.file(file, toml);
    let run = w.run_env(
        &["suivi", "--base", base, "ajoute", path.to_str().unwrap()],
        &[("SOURCE_DATE_EPOCH", EPOCH_2026_12_15)],
    );
    run.expect_code(0);
    run.stdout
        .split("dossier n° ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{}", run.stdout))
}

fn start(base: &str) -> Server {
    Server::start(
        &["--base", base],
        &[("SOURCE_DATE_EPOCH", EPOCH_2026_12_15)],
    )
}

/// A form's fields.
type Fields<'a> = &'a [(&'a str, &'a str)];

fn event(s: &Server, id: i64, fields: &[(&str, &str)]) -> super::http::Response {
    s.post_form(&format!("/suivi/{id}/evenement"), fields)
}

/// The page's text without its non-breaking spaces, for plain `contains`.
fn text(r: &super::http::Response) -> String {
    r.text()
        .replace(['\u{a0}', '\u{202f}'], " ")
        .replace("&#39;", "'")
}

#[test]
fn suivi_page_lists_cases_by_next_deadline_with_the_document_to_write() {
    let w = Workdir::new();
    let base = w.path().join("suivi.sqlite").display().to_string();
    // Added latest-due first, so the order comes from the sort.
    let late = add(
        &w,
        &base,
        "d.toml",
        &case_toml("Denis", "Tard", "2026-01-05"),
    );
    let pending = add(
        &w,
        &base,
        "a.toml",
        &case_toml("Alice", "Attente", "2026-10-20"),
    );
    let s = start(&base);
    // The first event through the page: the gracieux of a third case, sent and received.
    let received = add(
        &w,
        &base,
        "b.toml",
        &case_toml("Bruno", "<b>Reçu</b>", "2026-10-20"),
    );
    for (kind, date) in [("envoi", "2026-11-02"), ("reception", "2026-11-04")] {
        let r = event(
            &s,
            received,
            &[
                ("type", kind),
                ("date", date),
                ("recours", ""),
                ("note", ""),
                ("remplace", ""),
            ],
        );
        assert_eq!(r.status, 303, "{}", r.text());
        assert_eq!(
            r.header("location"),
            Some(format!("/suivi/{received}").as_str())
        );
    }
    let r = s.get("/suivi");
    assert_eq!(r.status, 200);
    let page = text(&r);
    let rows: Vec<&str> = page.split("<tr>").skip(2).collect();
    assert_eq!(rows.len(), 3, "{page}");
    // A: addMonths(20 Oct, 2) + 1 = Mon 21 Dec 2026, by sending the recours gracieux.
    assert!(
        rows[0].contains(&format!("href=\"/suivi/{pending}\"")),
        "{}",
        rows[0]
    );
    assert!(rows[0].contains("21 décembre 2026"), "{}", rows[0]);
    assert!(rows[0].contains("<td>gracieux</td>"), "{}", rows[0]);
    // B: addMonths(4 Nov, 2) = 4 Jan 2027, the implicit rejection; no document.
    assert!(
        rows[1].contains(&format!("href=\"/suivi/{received}\"")),
        "{}",
        rows[1]
    );
    assert!(rows[1].contains("4 janvier 2027"), "{}", rows[1]);
    assert!(
        rows[1].contains("&lt;b&gt;Reçu&lt;/b&gt;"),
        "user text escaped: {}",
        rows[1]
    );
    // Notified in January: every limit has passed.
    assert!(
        rows[2].contains(&format!("href=\"/suivi/{late}\"")),
        "{}",
        rows[2]
    );
    assert!(rows[2].contains("aucune échéance à venir"), "{}", rows[2]);
    // Its request for reasons is due only once the rejection arises: no button before that,
    // the reason instead, and the document itself is refused with the same words.
    let page = text(&s.get(&format!("/suivi/{received}")));
    assert!(!page.contains("lettre.pdf"), "{page}");
    assert!(page.contains("ne peut pas encore être écrit"), "{page}");
    assert!(page.contains("ne naîtra que le 4 janvier 2027"), "{page}");
    let r = s.send("POST", &format!("/suivi/{received}/lettre.pdf"), &[], b"");
    assert_eq!(r.status, 422);
    assert!(
        text(&r).contains("ne naîtra que le 4 janvier 2027"),
        "{}",
        r.text()
    );
    // Reachable from every page, the main one included.
    assert!(
        s.get("/")
            .text()
            .contains("<a href=\"/suivi\">Dossiers suivis</a>")
    );
}

#[test]
fn suivi_event_recorded_through_the_page_moves_the_deadline() {
    let w = Workdir::new();
    let base = w.path().join("suivi.sqlite").display().to_string();
    let id = add(
        &w,
        &base,
        "a.toml",
        &case_toml("Camille", "Martin", "2026-10-20"),
    );
    let s = start(&base);
    let before = text(&s.get(&format!("/suivi/{id}")));
    assert!(
        before.contains("<strong>21 décembre 2026</strong>"),
        "{before}"
    );
    assert!(
        before.contains(&format!("action=\"/suivi/{id}/lettre.pdf\"")),
        "{before}"
    );
    for (kind, date) in [("envoi", "2026-11-02"), ("rejet", "2026-12-10")] {
        let r = event(
            &s,
            id,
            &[
                ("type", kind),
                ("date", date),
                ("note", "recommandé 1A <x>"),
            ],
        );
        assert_eq!(r.status, 303, "{}", r.text());
    }
    let after = text(&s.get(&format!("/suivi/{id}")));
    // C: addMonths(10 Dec, 2) + 1 = Thu 11 Feb 2027, the tribunal.
    assert!(
        after.contains("<strong>11 février 2027</strong>"),
        "{after}"
    );
    assert!(
        !after.contains("<strong>21 décembre 2026</strong>"),
        "{after}"
    );
    assert!(after.contains("recommandé 1A &lt;x&gt;"), "{after}");
    // The command line sees the same store.
    let run = w.run_env(
        &[
            "suivi",
            "--base",
            &base,
            "montre",
            &id.to_string(),
            "--json",
        ],
        &[("SOURCE_DATE_EPOCH", EPOCH_2026_12_15)],
    );
    run.expect_code(0);
    assert!(run.stdout.contains("\"2027-02-11\""), "{}", run.stdout);
}

#[test]
fn suivi_bad_event_gets_the_commands_french_message_beside_the_field() {
    let w = Workdir::new();
    let base = w.path().join("suivi.sqlite").display().to_string();
    let id = add(
        &w,
        &base,
        "a.toml",
        &case_toml("Camille", "Martin", "2026-10-20"),
    );
    let s = start(&base);
    let cases: [(Fields, &str, &str); 5] = [
        (
            &[("type", "envoye"), ("date", "2026-11-02")],
            "type",
            "valeurs possibles : envoi, reception, reponse, rejet, requete",
        ),
        (
            &[("type", "envoi"), ("date", "2026-13-45")],
            "date",
            "« 2026-13-45 » n'existe pas dans le calendrier",
        ),
        // Today is 15 December 2026.
        (
            &[("type", "envoi"), ("date", "2027-01-01")],
            "date",
            "la date de l'événement (2027-01-01) est postérieure à aujourd'hui (2026-12-15)",
        ),
        (
            &[("type", "envoi"), ("date", "2026-11-02"), ("remplace", "x")],
            "remplace",
            "nombre entier",
        ),
        (
            &[
                ("type", "envoi"),
                ("date", "2026-11-02"),
                ("remplace", "99"),
            ],
            "remplace",
            &format!("le dossier n° {id} n'a pas d'événement n° 99"),
        ),
    ];
    for (fields, field, message) in cases {
        let r = event(&s, id, fields);
        assert_eq!(r.status, 422, "{fields:?}: {}", r.text());
        let page = text(&r);
        let beside = page
            .split(&format!("id=\"erreur-ev-{field}\""))
            .nth(1)
            .unwrap_or_else(|| panic!("no message beside {field}: {page}"));
        let beside = &beside[..beside.find("</p>").unwrap()];
        assert!(beside.contains(message), "{field}: {beside}");
        assert!(
            page.contains(&format!("href=\"#ev-{field}\"")),
            "summary links the field"
        );
        assert!(page.contains(&format!("id=\"ev-{field}\"")));
    }
    // Nothing was recorded: the deadline is still the gracieux's.
    assert!(text(&s.get(&format!("/suivi/{id}"))).contains("<strong>21 décembre 2026</strong>"));
    assert_eq!(
        event(&s, 999, &[("type", "envoi"), ("date", "2026-11-02")]).status,
        404
    );
    let r = s.get("/suivi/abc");
    assert_eq!(r.status, 404);
    assert!(r.text().contains("aucun dossier suivi"), "{}", r.text());
    // A receipt before the sending is refused with the command's message, beside the date,
    // and the values typed are kept in the form.
    assert_eq!(
        event(&s, id, &[("type", "envoi"), ("date", "2026-11-02")]).status,
        303
    );
    let r = event(&s, id, &[("type", "reception"), ("date", "2026-11-01")]);
    assert_eq!(r.status, 422, "{}", r.text());
    let page = text(&r);
    let beside = page.split("id=\"erreur-ev-date\"").nth(1).unwrap();
    let beside = &beside[..beside.find("</p>").unwrap()];
    assert!(beside.contains("événement refusé"), "{beside}");
    assert!(
        beside.contains("recours_gracieux.reception (1er novembre 2026) est antérieure"),
        "{beside}"
    );
    assert!(page.contains("value=\"2026-11-01\""), "{page}");
    assert!(
        page.contains("<option value=\"reception\" selected>"),
        "{page}"
    );
}

#[test]
fn suivi_next_document_pdf_is_the_one_recours_suivi_lettre_writes() {
    let w = Workdir::new();
    let base = w.path().join("suivi.sqlite").display().to_string();
    let id = add(
        &w,
        &base,
        "a.toml",
        &case_toml("Camille", "Martin", "2026-10-20"),
    );
    w.run_env(
        &[
            "suivi",
            "--base",
            &base,
            "lettre",
            &id.to_string(),
            "-o",
            "attendu.pdf",
        ],
        &[("SOURCE_DATE_EPOCH", EPOCH_2026_12_15)],
    )
    .expect_code(0);
    let expected = std::fs::read(w.path().join("attendu.pdf")).unwrap();
    let s = start(&base);
    for method in ["GET", "POST"] {
        let r = s.send(method, &format!("/suivi/{id}/lettre.pdf"), &[], b"");
        assert_eq!(r.status, 200, "{method}: {}", r.text());
        assert_eq!(r.header("content-type"), Some("application/pdf"));
        assert!(
            r.header("content-disposition")
                .unwrap()
                .contains(&format!("dossier-{id}-gracieux.pdf")),
        );
        assert!(
            r.body == expected,
            "{method}: the served PDF differs from recours suivi lettre's"
        );
    }
    let pages: Vec<String> = recours::pdf::extract::extract(&expected)
        .iter()
        .map(|p| recours::pdf::extract::page_text(p))
        .collect();
    let text = pages
        .join("\n")
        .replace("\u{AD}\n", "")
        .replace('\n', " ")
        .replace(['\u{a0}', '\u{202f}'], " ");
    assert!(text.contains("recours gracieux"), "{text}");
    assert!(text.contains("le 15 décembre 2026"), "{text}");
}

#[test]
fn suivi_cross_site_post_is_refused_and_records_nothing() {
    let w = Workdir::new();
    let base = w.path().join("suivi.sqlite").display().to_string();
    let id = add(
        &w,
        &base,
        "a.toml",
        &case_toml("Camille", "Martin", "2026-10-20"),
    );
    let s = start(&base);
    let r = s.send(
        "POST",
        &format!("/suivi/{id}/evenement"),
        &[
            ("Content-Type", "application/x-www-form-urlencoded"),
            ("Origin", "http://evil.example"),
        ],
        b"type=envoi&date=2026-11-02",
    );
    assert_eq!(r.status, 403);
    let page = text(&s.get(&format!("/suivi/{id}")));
    assert!(!page.contains("(événement n° "), "{page}");
    assert!(page.contains("<strong>21 décembre 2026</strong>"), "{page}");
}

#[test]
fn suivi_without_base_says_how_to_enable_it_and_writes_no_store() {
    let w = Workdir::new();
    let home = w.path().display().to_string();
    let s = Server::start(&[], &[("HOME", &home), ("XDG_DATA_HOME", &home)]);
    let r = s.get("/suivi");
    assert_eq!(r.status, 200);
    assert!(
        text(&r).contains("recours serveur --base suivi.sqlite"),
        "{}",
        r.text()
    );
    assert_eq!(s.get("/suivi/1").status, 200);
    assert_eq!(
        event(&s, 1, &[("type", "envoi"), ("date", "2026-11-02")]).status,
        404
    );
    assert_eq!(s.send("POST", "/suivi/1/lettre.pdf", &[], b"").status, 404);
    let mut left = Vec::new();
    let mut dirs = vec![w.path().to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(d).unwrap().flatten() {
            if e.path().is_dir() {
                dirs.push(e.path());
            } else {
                left.push(e.path());
            }
        }
    }
    assert!(left.is_empty(), "files written: {left:?}");
}
