//! `recours suivi`: one suite, run on SQLite and on PostgreSQL (see `suivi_bases`). Dates are
//! hand-computed from reference `legal.md` §1.8: N = notification, A = addMonths(N, 2) + 1
//! then the next working day, B = addMonths(reception, 2), C = addMonths(rejection, 2) + 1
//! then the next working day.

use serde_json::Value;

use crate::harness::{EPOCH_2026_11_27, Run, Workdir};
use crate::suivi_bases::{TestBase, bases};

/// 2026-12-15T12:00:00Z: « today » for runs that record December events.
pub(crate) const EPOCH_2026_12_15: &str = "1797336000";

pub(crate) fn case_toml(prenom: &str, nom: &str, notification: &str) -> String {
    format!(
        r#"recours = "gracieux"
[demandeur]
civilite = "Madame"
prenom = "{prenom}"
nom = "{nom}"
adresse = ["12 rue des Lilas", "84300 Cavaillon"]
[demande]
document = "carte-identite"
motif = "renouvellement"
depot = "mairie"
departement = "84"
[decision]
date = "{notification}"
notification = "{notification}"
motif = "Pièces insuffisantes"
"#
    )
}

pub(crate) fn suivi(w: &Workdir, b: &TestBase, args: &[&str]) -> Run {
    suivi_on(w, b, EPOCH_2026_12_15, args)
}

fn suivi_on(w: &Workdir, b: &TestBase, epoch: &str, args: &[&str]) -> Run {
    let mut all = vec!["suivi", "--base", b.arg.as_str()];
    all.extend_from_slice(args);
    w.run_env(&all, &[("SOURCE_DATE_EPOCH", epoch)])
}

pub(crate) fn json(run: &Run) -> Value {
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

/// Adds one case file and returns its number.
pub(crate) fn add(w: &Workdir, b: &TestBase, file: &str, toml: &str) -> i64 {
    let path = w.file(file, toml);
    let run = suivi(w, b, &["ajoute", path.to_str().unwrap()]);
    run.expect_code(0);
    let n = run
        .stdout
        .split("dossier n° ")
        .nth(1)
        .and_then(|s| s.split(' ').next())
        .unwrap_or_else(|| panic!("{}", run.stdout));
    n.parse().unwrap()
}

pub(crate) fn event(w: &Workdir, b: &TestBase, id: i64, args: &[&str]) -> Run {
    let id = id.to_string();
    let mut all = vec!["evenement", id.as_str()];
    all.extend_from_slice(args);
    let run = suivi(w, b, &all);
    run.expect_code(0);
    run
}

fn next_of(w: &Workdir, b: &TestBase, id: i64) -> Value {
    let run = suivi(w, b, &["montre", &id.to_string(), "--json"]);
    run.expect_code(0);
    json(&run)["prochaine_echeance"].clone()
}

pub(crate) fn count_cases(w: &Workdir, b: &TestBase) -> usize {
    let run = suivi(w, b, &["echeances", "--json"]);
    run.expect_code(0);
    json(&run)["echeances"].as_array().unwrap().len()
}

#[test]
fn suivi_events_in_any_order_give_the_same_deadlines() {
    let w = Workdir::new();
    for b in bases(&w, "order") {
        let forward = add(
            &w,
            &b,
            "a.toml",
            &case_toml("Camille", "Martin", "2026-10-20"),
        );
        let backward = add(
            &w,
            &b,
            "b.toml",
            &case_toml("Claire", "Martin", "2026-10-20"),
        );
        for (kind, date) in [
            ("envoi", "2026-11-02"),
            ("reception", "2026-11-04"),
            ("rejet", "2026-12-10"),
        ] {
            event(&w, &b, forward, &[kind, date]);
        }
        for (kind, date) in [
            ("rejet", "2026-12-10"),
            ("reception", "2026-11-04"),
            ("envoi", "2026-11-02"),
        ] {
            event(&w, &b, backward, &[kind, date]);
        }
        let (a, z) = (next_of(&w, &b, forward), next_of(&w, &b, backward));
        assert_eq!(a, z, "{}", b.kind);
        // C from the explicit rejection: addMonths(10 Dec 2026, 2) + 1 = Thu 11 Feb 2027.
        assert_eq!(a["type"], "tribunal", "{}", b.kind);
        assert_eq!(a["date"], "2027-02-11", "{}", b.kind);
        // The document is the requête, which recours writes.
        assert_eq!(a["document"], "requete", "{}", b.kind);
    }
}

#[test]
fn suivi_rejection_of_the_gracieux_is_not_booked_on_the_hierarchique_being_prepared() {
    // A hiérarchique case whose file says the gracieux was sent on 2 Nov and received on
    // 4 Nov 2026. A rejection recorded without --recours used to be booked on the hiérarchique:
    // it was then taken as sent, the « send it by 21 Dec » step vanished and the court limit
    // became 5 Mar 2027 (from the gracieux's implicit rejection) instead of 11 Feb.
    let w = Workdir::new();
    let toml = case_toml("Camille", "Martin", "2026-10-20")
        .replace("recours = \"gracieux\"", "recours = \"hierarchique\"")
        + "[recours_gracieux]\nenvoi = \"2026-11-02\"\nreception = \"2026-11-04\"\n";
    for b in bases(&w, "which_recours") {
        let id = add(&w, &b, "h.toml", &toml);
        let run = suivi(
            &w,
            &b,
            &["evenement", &id.to_string(), "rejet", "2026-12-10"],
        );
        run.expect_code(2);
        assert!(
            run.stderr
                .contains("recours gracieux ou le recours hiérarchique")
                && run.stderr.contains("--recours gracieux"),
            "{}",
            run.stderr
        );
        event(
            &w,
            &b,
            id,
            &["rejet", "2026-12-10", "--recours", "gracieux"],
        );
        let run = suivi(&w, &b, &["montre", &id.to_string(), "--json"]);
        run.expect_code(0);
        let v = json(&run);
        // A: addMonths(20 Oct, 2) + 1 = Mon 21 Dec 2026, still the step.
        assert_eq!(
            v["prochaine_echeance"]["type"], "envoyer-recours",
            "{}",
            b.kind
        );
        assert_eq!(v["prochaine_echeance"]["date"], "2026-12-21", "{}", b.kind);
        // C from the gracieux's explicit rejection: addMonths(10 Dec, 2) + 1 = Thu 11 Feb.
        assert_eq!(v["delais"]["limite_tribunal"], "2027-02-11", "{}", b.kind);
    }
}

#[test]
fn suivi_echeances_lists_hand_computed_dates_soonest_first() {
    let w = Workdir::new();
    for b in bases(&w, "echeances") {
        // Added latest-due first, so the order below comes from the sort.
        let rejected = add(&w, &b, "c.toml", &case_toml("Chloé", "Rejet", "2026-10-20"));
        event(&w, &b, rejected, &["envoi", "2026-11-02"]);
        event(&w, &b, rejected, &["rejet", "2026-12-10"]);
        let received = add(&w, &b, "b.toml", &case_toml("Bruno", "Recu", "2026-10-20"));
        event(&w, &b, received, &["envoi", "2026-11-02"]);
        event(&w, &b, received, &["reception", "2026-11-04"]);
        let pending = add(
            &w,
            &b,
            "a.toml",
            &case_toml("Alice", "Attente", "2026-10-20"),
        );
        let late = add(&w, &b, "d.toml", &case_toml("Denis", "Tard", "2026-01-05"));

        let run = suivi(&w, &b, &["echeances", "--json", "--date", "2026-12-15"]);
        run.expect_code(0);
        let list = json(&run)["echeances"].as_array().unwrap().clone();
        let got: Vec<(i64, Value, Value)> = list
            .iter()
            .map(|e| {
                let n = &e["prochaine_echeance"];
                (
                    e["dossier"].as_i64().unwrap(),
                    n["date"].clone(),
                    n["type"].clone(),
                )
            })
            .collect();
        assert_eq!(
            got,
            vec![
                // A: addMonths(20 Oct, 2) + 1 = Mon 21 Dec 2026.
                (pending, "2026-12-21".into(), "envoyer-recours".into()),
                // B: addMonths(4 Nov, 2) = 4 Jan 2027 (never rolled over).
                (received, "2027-01-04".into(), "rejet-implicite".into()),
                // C: addMonths(10 Dec, 2) + 1 = Thu 11 Feb 2027.
                (rejected, "2027-02-11".into(), "tribunal".into()),
                // Notified in January: every limit has passed.
                (late, Value::Null, Value::Null),
            ],
            "{}",
            b.kind
        );
        assert_eq!(list[0]["prochaine_echeance"]["document"], "gracieux");

        let run = suivi(
            &w,
            &b,
            &["echeances", "--avant", "2027-01-04", "--date", "2026-12-15"],
        );
        run.expect_code(0);
        assert!(run.stdout.contains("2026-12-21  n° "), "{}", run.stdout);
        assert!(run.stdout.contains("2027-01-04  n° "), "{}", run.stdout);
        assert!(!run.stdout.contains("2027-02-11"), "{}", run.stdout);
        assert!(
            run.stdout.contains("document : recours = \"gracieux\""),
            "{}",
            run.stdout
        );
    }
}

#[test]
fn suivi_corrections_replace_and_cancel_events() {
    let w = Workdir::new();
    for b in bases(&w, "corrections") {
        let id = add(
            &w,
            &b,
            "a.toml",
            &case_toml("Camille", "Martin", "2026-10-20"),
        );
        event(&w, &b, id, &["envoi", "2026-11-02"]);
        let wrong = event(&w, &b, id, &["reception", "2026-11-14"]);
        let wrong: String = wrong
            .stdout
            .split("événement n° ")
            .nth(1)
            .unwrap()
            .split(' ')
            .next()
            .unwrap()
            .to_string();
        // B from the corrected receipt: addMonths(4 Nov, 2) = 4 Jan 2027.
        event(
            &w,
            &b,
            id,
            &["reception", "2026-11-04", "--remplace", &wrong],
        );
        let run = suivi(&w, &b, &["montre", &id.to_string(), "--json"]);
        let v = json(&run);
        assert_eq!(v["prochaine_echeance"]["date"], "2027-01-04", "{}", b.kind);
        let events = v["evenements"].as_array().unwrap();
        assert_eq!(events.len(), 3);
        assert_eq!(events[1]["annule"], true, "{}", b.kind);
        assert_eq!(events[2]["remplace"].as_i64().unwrap().to_string(), wrong);
        assert_eq!(v["remarques"].as_array().unwrap().len(), 0);

        // A receipt before the sending is a typing mistake: refused when it is made.
        let run = suivi(
            &w,
            &b,
            &["evenement", &id.to_string(), "reception", "2026-11-01"],
        );
        run.expect_code(2);
        assert!(run.stderr.contains("événement refusé"), "{}", run.stderr);
        assert!(
            run.stderr
                .contains("recours_gracieux.reception (1er novembre 2026) est antérieure"),
            "{}",
            run.stderr
        );

        // Cancelling the sending and the receipt: the recours is pending again.
        let list: Vec<String> = events
            .iter()
            .filter(|e| e["annule"] == false)
            .map(|e| e["id"].to_string())
            .collect();
        for ev in &list {
            suivi(&w, &b, &["annule", &id.to_string(), ev]).expect_code(0);
        }
        assert_eq!(next_of(&w, &b, id)["type"], "envoyer-recours", "{}", b.kind);
        let text = suivi(&w, &b, &["montre", &id.to_string()]);
        assert!(text.stdout.contains("[annulé]"), "{}", text.stdout);

        // An event of another case, a future date, an unknown case: refused, exit 2.
        let other = add(&w, &b, "b.toml", &case_toml("Paul", "Durand", "2026-10-20"));
        let run = suivi(&w, &b, &["annule", &other.to_string(), &list[0]]);
        run.expect_code(2);
        assert!(
            run.stderr
                .contains(&format!("n'a pas d'événement n° {}", list[0]))
        );
        let run = suivi(
            &w,
            &b,
            &["evenement", &id.to_string(), "rejet", "2027-01-01"],
        );
        run.expect_code(2);
        assert!(
            run.stderr.contains("postérieure à aujourd'hui"),
            "{}",
            run.stderr
        );
        let run = suivi(&w, &b, &["evenement", "999", "envoi", "2026-11-02"]);
        run.expect_code(2);
        assert!(
            run.stderr.contains("aucun dossier suivi n° 999"),
            "{}",
            run.stderr
        );
        let run = suivi(
            &w,
            &b,
            &["evenement", &id.to_string(), "envoye", "2026-11-02"],
        );
        run.expect_code(2);
        assert!(
            run.stderr
                .contains("envoi, reception, reponse, rejet, requete"),
            "{}",
            run.stderr
        );
    }
}

#[test]
fn suivi_deletion_forgets_the_person() {
    let w = Workdir::new();
    for b in bases(&w, "deletion") {
        let keep = add(&w, &b, "k.toml", &case_toml("Paul", "Durand", "2026-10-20"));
        let id = add(
            &w,
            &b,
            "z.toml",
            &case_toml("Zéphyrine", "Oubliée", "2026-10-20"),
        );
        event(
            &w,
            &b,
            id,
            &["envoi", "2026-11-02", "--note", "recommandé Zéphyrine 1A2B"],
        );

        // The person's export holds their case file and their events.
        let run = suivi(&w, &b, &["exporte", "--dossier", &id.to_string()]);
        run.expect_code(0);
        let v = json(&run);
        assert!(
            v["fichier_dossier"]["texte"]
                .as_str()
                .unwrap()
                .contains("Zéphyrine")
        );
        assert_eq!(v["evenements"][0]["note"], "recommandé Zéphyrine 1A2B");

        let run = suivi(&w, &b, &["supprime", &id.to_string()]);
        run.expect_code(2);
        assert!(run.stderr.contains("--oui"), "{}", run.stderr);
        suivi(&w, &b, &["supprime", &id.to_string(), "--oui"]).expect_code(0);
        suivi(&w, &b, &["montre", &id.to_string()]).expect_code(2);
        suivi(&w, &b, &["montre", &keep.to_string()]).expect_code(0);
        let all = suivi(&w, &b, &["exporte", "--csv"]);
        assert!(!all.stdout.contains("Zéphyrine") && all.stdout.contains("Durand"));
        // A new case never gets the forgotten one's number.
        let again = add(
            &w,
            &b,
            "n.toml",
            &case_toml("Nina", "Nouvelle", "2026-10-20"),
        );
        assert!(again > id, "{}", b.kind);

        match b.pg_client() {
            None => {
                // secure_delete and the checkpoint leave no copy in the file.
                let path = std::path::Path::new(&b.arg);
                let mut bytes = std::fs::read(path).unwrap();
                bytes.extend(std::fs::read(path.with_extension("sqlite-wal")).unwrap_or_default());
                let needle = "Zéphyrine".as_bytes();
                assert!(
                    !bytes.windows(needle.len()).any(|w| w == needle),
                    "the deleted name is still in the SQLite file"
                );
            }
            Some(mut c) => {
                let n: i64 = c
                    .query_one("SELECT count(*) FROM evenements WHERE dossier = $1", &[&id])
                    .unwrap()
                    .get(0);
                assert_eq!(n, 0);
            }
        }
    }
}

#[test]
fn suivi_lot_adds_the_rows_it_wrote() {
    let w = Workdir::new();
    for b in bases(&w, "lot") {
        let header = "recours,demandeur.prenom,demandeur.nom,demandeur.adresse,demande.document,demande.motif,demande.depot,demande.departement,decision.date,decision.motif";
        let row = |nom: &str, date: &str| {
            format!(
                "gracieux,Léa,{nom},1 rue A | 84300 Cavaillon,carte-identite,renouvellement,mairie,84,{date},Pièces"
            )
        };
        let csv = format!(
            "{header}\n{}\n{}\n{}\n",
            row("Petit", "2026-10-20"),
            row("Faux", "2026-13-45"),
            row("Grand", "2026-10-20")
        );
        let input = w.file("lot.csv", csv);
        let out = w.path().join(format!("lettres-{}", b.kind));
        let run = w.run_env(
            &[
                "lot",
                input.to_str().unwrap(),
                "-o",
                out.to_str().unwrap(),
                "--suivi",
                "--base",
                &b.arg,
                "-q",
            ],
            &[("SOURCE_DATE_EPOCH", EPOCH_2026_11_27)],
        );
        run.expect_code(3);
        assert!(run.stdout.contains("Léa Petit"), "{}", run.stdout);
        assert!(run.stdout.contains("lot.csv, ligne 4"), "{}", run.stdout);
        assert!(!run.stdout.contains("Faux"), "{}", run.stdout);
        assert_eq!(count_cases(&w, &b), 2, "{}", b.kind);

        // `ajoute` on the same batch: the bad row reported (exit 3), the good ones found
        // already followed rather than added twice.
        let run = suivi(&w, &b, &["ajoute", input.to_str().unwrap()]);
        run.expect_code(3);
        assert!(run.stderr.contains("lot.csv, ligne 3"), "{}", run.stderr);
        assert_eq!(
            run.stdout.matches("déjà suivi").count(),
            2,
            "{}",
            run.stdout
        );
        assert_eq!(count_cases(&w, &b), 2, "{}", b.kind);
        // An edited row is another case file: followed as a new case.
        let edited = std::fs::read_to_string(&input)
            .unwrap()
            .replace("Grand", "Grande");
        let input = w.file("lot2.csv", edited);
        suivi(&w, &b, &["ajoute", input.to_str().unwrap()]).expect_code(3);
        assert_eq!(count_cases(&w, &b), 3, "{}", b.kind);
    }
}

/// The gracieux received 4 Nov 2026 is implicitly rejected on 4 Jan 2027; on 20 Jan the next
/// document is the request for its reasons, and `suivi lettre` writes it to the Cert. On
/// 15 Dec, before the rejection, the same request is refused with the day it becomes possible.
#[test]
fn suivi_lettre_writes_the_request_for_reasons_once_the_rejection_has_arisen() {
    const EPOCH_2027_01_20: &str = "1800446400";
    let w = Workdir::new();
    for b in bases(&w, "motifs") {
        let id = add(
            &w,
            &b,
            "a.toml",
            &case_toml("Camille", "Martin", "2026-10-20"),
        );
        event(&w, &b, id, &["envoi", "2026-11-02"]);
        event(&w, &b, id, &["reception", "2026-11-04"]);
        let early = suivi(&w, &b, &["lettre", &id.to_string(), "--texte"]);
        early.expect_code(2);
        assert!(
            early.stderr.contains("ne naîtra que le 4 janvier 2027"),
            "{}",
            early.stderr
        );
        let run = suivi_on(
            &w,
            &b,
            EPOCH_2027_01_20,
            &["montre", &id.to_string(), "--json"],
        );
        run.expect_code(0);
        let next = json(&run)["prochaine_echeance"].clone();
        assert_eq!(next["type"], "demander-motifs", "{next}");
        assert_eq!(next["date"], "2027-03-05", "{next}");
        let run = suivi_on(
            &w,
            &b,
            EPOCH_2027_01_20,
            &["lettre", &id.to_string(), "--texte"],
        );
        run.expect_code(0);
        let text = run.stdout.replace(['\u{a0}', '\u{202f}'], " ");
        assert!(text.contains("le 20 janvier 2027"), "{text}");
        assert!(
            text.contains("demande de communication des motifs de la décision implicite de rejet de mon recours gracieux"),
            "{text}"
        );
        assert!(
            text.contains(
                "ce silence a fait naître, le 4 janvier 2027, une décision implicite de rejet"
            ),
            "{text}"
        );
        // Once the request is recorded, the court limit follows it and the step is the requête.
        suivi_on(
            &w,
            &b,
            EPOCH_2027_01_20,
            &[
                "evenement",
                &id.to_string(),
                "envoi",
                "2027-01-15",
                "--recours",
                "motifs",
            ],
        )
        .expect_code(0);
        let run = suivi_on(
            &w,
            &b,
            EPOCH_2027_01_20,
            &["montre", &id.to_string(), "--json"],
        );
        let next = json(&run)["prochaine_echeance"].clone();
        // Two months after the request at the earliest: 15 Mar + 1 = Tuesday 16 Mar 2027.
        assert_eq!(next["type"], "tribunal", "{next}");
        assert_eq!(next["date"], "2027-03-16", "{next}");
        assert_eq!(next["document"], "requete", "{next}");
        // And `suivi lettre` now writes the requête, with the request for reasons in its facts
        // and its pieces.
        let run = suivi_on(
            &w,
            &b,
            EPOCH_2027_01_20,
            &["lettre", &id.to_string(), "--texte"],
        );
        run.expect_code(0);
        let text = run
            .stdout
            .replace(['\u{a0}', '\u{202f}'], " ")
            .replace("**", "");
        assert!(
            text.contains("ensemble la décision implicite, née le 4 janvier 2027, rejetant mon recours gracieux"),
            "{text}"
        );
        assert!(
            text.contains(
                "Le 15 janvier 2027, j’ai demandé la communication des motifs de ce rejet implicite"
            ),
            "{text}"
        );
        assert!(text.contains("Inventaire détaillé des pièces"), "{text}");
    }
}
