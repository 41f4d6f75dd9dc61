//! Bad case files: each is refused with exit code 2 and a French message that names the
//! file, the line when known, the key and the fix.

use crate::harness::{Workdir, base_case};

/// The base case with `from` replaced by `to` (which must change it).
fn edit(from: &str, to: &str) -> String {
    let base = base_case();
    assert!(base.contains(from), "fixture lacks {from:?}");
    base.replacen(from, to, 1)
}

struct Bad {
    name: &'static str,
    file: &'static str,
    content: String,
    /// Substrings stderr must contain.
    expect: &'static [&'static str],
}

fn cases() -> Vec<Bad> {
    let consulat = edit(
        "depot = \"mairie\"\ndepartement = \"84\"\ncommune = \"Cavaillon\"",
        "depot = \"consulat\"\npays = \"Maroc\"",
    );
    vec![
        Bad { name: "syntax error", file: "d.toml", content: edit("nom = \"Martin\"", "nom = \"Martin"),
              expect: &["d.toml, ligne 12 : texte mal délimité : « nom = \"Martin »", "conseil : entourez le texte de guillemets"] },
        Bad { name: "unknown key", file: "d.toml", content: edit("commune = ", "comune = "),
              expect: &["d.toml, ligne 21, clé demande.comune : clé inconnue « comune » dans la table [demande]", "conseil : vouliez-vous dire « commune » ?"] },
        Bad { name: "wrong type", file: "d.toml", content: edit("departement = \"84\"", "departement = 84"),
              expect: &["ligne 20, clé demande.departement : le nombre 84 au lieu de texte entre guillemets", "departement = \"84\""] },
        Bad { name: "French date", file: "d.toml", content: edit("date = 2026-10-15", "date = \"15/10/2026\""),
              expect: &["ligne 24, clé decision.date : « 15/10/2026 » n'est pas au format AAAA-MM-JJ (écrivez par exemple 2026-10-15"] },
        Bad { name: "impossible date", file: "d.toml", content: edit("notification = 2026-10-20", "notification = 2026-09-31"),
              expect: &["clé decision.notification", "2026-09-31"] },
        Bad { name: "unknown département", file: "d.toml", content: edit("departement = \"84\"", "departement = \"99\""),
              expect: &["ligne 20, clé demande.departement : le département « 99 » n'existe pas"] },
        Bad { name: "Corsica as 20", file: "d.toml", content: edit("departement = \"84\"", "departement = \"20\""),
              expect: &["clé demande.departement : la Corse compte deux départements : « 2A » (Corse-du-Sud) ou « 2B »"] },
        Bad { name: "consulate without ville", file: "d.toml", content: consulat.clone(),
              expect: &["clé demande.ville : pour un dépôt au consulat, la ville du consulat est nécessaire", "ville = \"Casablanca\""] },
        Bad { name: "hierarchique abroad without country", file: "d.toml",
              content: edit("recours = \"gracieux\"", "recours = \"hierarchique\"").replacen("depot = \"mairie\"\ndepartement = \"84\"\ncommune = \"Cavaillon\"", "depot = \"ambassade\"", 1),
              expect: &["clé demande.pays : pour un dépôt au ambassade, le pays est nécessaire"] },
        Bad { name: "unknown country", file: "d.toml", content: consulat.replace("pays = \"Maroc\"", "pays = \"Marok\"\nville = \"Rabat\""),
              expect: &["clé demande.pays : pays « Marok » inconnu", "vouliez-vous dire « Maroc » ?"] },
        Bad { name: "unknown letter kind", file: "d.toml", content: edit("recours = \"gracieux\"", "recours = \"grâcieux\""),
              expect: &["ligne 3, clé recours : type de lettre « grâcieux » inconnu", "vouliez-vous dire « gracieux » ?"] },
        Bad { name: "gracieux without decision", file: "d.toml",
              content: base_case().split("[decision]").next().unwrap().to_string(),
              expect: &["clé decision : la table [decision] manque"] },
        Bad { name: "missing name", file: "d.toml", content: edit("nom = \"Martin\"\n", ""),
              expect: &["clé demandeur.nom : la clé obligatoire « nom » manque", "nom = \"Martin\""] },
        Bad { name: "notification before decision", file: "d.toml", content: edit("notification = 2026-10-20", "notification = 2026-10-01"),
              expect: &["clé decision.notification : la notification (2026-10-01) précède la décision (2026-10-15)"] },
        Bad { name: "decision after the letter", file: "d.toml", content: edit("date = 2026-10-15", "date = 2026-12-15").replace("notification = 2026-10-20", "notification = 2026-12-16"),
              expect: &["clé decision.date : la date 2026-12-15 est postérieure à la date de la lettre (2026-11-27, lettre.date ou aujourd'hui)"] },
        Bad { name: "recours received before sent", file: "d.toml",
              content: format!("{}\n[recours_gracieux]\nenvoi = 2026-11-02\nreception = 2026-11-01\n", base_case()),
              expect: &["clé recours_gracieux.reception : la réception (2026-11-01) précède l'envoi (2026-11-02)"] },
        Bad { name: "abbreviated civilité", file: "d.toml", content: edit("civilite = \"Madame\"", "civilite = \"Mme\""),
              expect: &["clé demandeur.civilite : civilité « Mme » inconnue", "écrivez « Madame » en toutes lettres"] },
        Bad { name: "unknown argument", file: "d.toml", content: edit("lieu = \"Cavaillon\"", "lieu = \"Cavaillon\"\narguments = [\"doute-suffisent\"]"),
              expect: &["clé lettre.arguments[0] : argument « doute-suffisent » inconnu", "vouliez-vous dire « doute-suffisant » ?"] },
        Bad { name: "name too long", file: "d.toml", content: edit("nom = \"Martin\"", &format!("nom = \"{}\"", "M".repeat(300))),
              expect: &["clé demandeur.nom : texte trop long (300 caractères ; 100 au plus)"] },
        Bad { name: "JSON trailing comma", file: "d.json", content: "{\n  \"recours\": \"gracieux\",\n}\n".to_string(),
              expect: &["d.json, ligne 3 : JSON invalide", "supprimez la virgule"] },
        Bad { name: "JSON wrong type", file: "d.json",
              content: r#"{"recours": "gracieux", "demandeur": {"prenom": "A", "nom": "B", "adresse": "1 rue X"}, "demande": {}}"#.to_string(),
              expect: &["clé demandeur.adresse : le texte « 1 rue X » au lieu d'une liste entre crochets", "adresse = [\"…\", \"…\"]"] },
        Bad { name: "Saint-Pierre-et-Miquelon without addressee", file: "d.toml", content: edit("departement = \"84\"", "departement = \"975\""),
              expect: &["aucune source ne dit quel service instruit", "Saint-Pierre-et-Miquelon", "conseil : recopiez le nom et l'adresse"] },
        Bad { name: "signalement at a consulate", file: "d.toml",
              content: consulat.replace("recours = \"gracieux\"", "recours = \"signalement\"").replace("pays = \"Maroc\"", "pays = \"Maroc\"\nville = \"Rabat\""),
              expect: &["clé recours : un signalement concerne une difficulté rencontrée en mairie"] },
        Bad { name: "unknown addressee id", file: "d.toml",
              content: format!("{}\n[destinataire]\nid = \"cert-toulone\"\n", base_case()),
              expect: &["clé destinataire.id : identifiant de bureau « cert-toulone » inconnu", "vouliez-vous dire « cert-toulon » ?"] },
        // Issue 14, item 10: JSON duplicate keys, lists and null said in English or garbled.
        Bad { name: "JSON duplicate key", file: "d.json", content: r#"{"recours": "gracieux", "recours": "defenseur"}"#.to_string(),
              expect: &["clé recours : la clé « recours » apparaît deux fois"] },
        Bad { name: "JSON list for a table", file: "d.json", content: r#"{"recours": "gracieux", "demandeur": [1, 2]}"#.to_string(),
              expect: &["clé demandeur : une liste [ … ] au lieu d'une table { … }"] },
        Bad { name: "JSON list for the case", file: "d.json", content: "[1, 2]".to_string(),
              expect: &["d.json : le dossier JSON est une liste [ … ], pas un objet { … }"] },
        Bad { name: "JSON null table", file: "d.json", content: r#"{"recours": "gracieux", "demandeur": null}"#.to_string(),
              expect: &["clé demandeur : null au lieu d'un objet { … }", "écrivez \"demandeur\": { \"clé\": \"valeur\", … }"] },
        Bad { name: "empty file", file: "d.toml", content: String::new(),
              expect: &["d.toml, ligne 1, clé recours : la clé obligatoire « recours » manque"] },
    ]
}

#[test]
fn every_bad_case_file_is_refused_with_exit_2_and_its_message() {
    let all = cases();
    assert!(all.len() >= 15);
    for bad in all {
        let w = Workdir::new();
        w.file(bad.file, &bad.content);
        let r = w.run(&["explique", bad.file]);
        assert_eq!(
            r.code, 2,
            "{}: exit {} stderr {}",
            bad.name, r.code, r.stderr
        );
        assert!(r.stdout.is_empty(), "{}: nothing on stdout", bad.name);
        assert!(
            r.stderr.starts_with("erreur : "),
            "{}: {}",
            bad.name,
            r.stderr
        );
        for e in bad.expect {
            assert!(
                r.stderr.contains(e),
                "{}: expected {e:?} in\n{}",
                bad.name,
                r.stderr
            );
        }
    }
}

#[test]
fn missing_file_is_an_input_error() {
    let r = Workdir::new().run(&["explique", "absent.toml"]);
    r.expect_code(2);
    assert!(
        r.stderr.contains(
            "absent.toml : impossible de lire le fichier (fichier ou dossier introuvable)"
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn oversized_file_is_refused() {
    let w = Workdir::new();
    w.file(
        "gros.toml",
        format!("{}\n# {}\n", base_case(), "x".repeat(300 * 1024)),
    );
    let r = w.run(&["explique", "gros.toml"]);
    r.expect_code(2);
    assert!(r.stderr.contains("fichier trop gros"), "{}", r.stderr);
}

/// Issue 14, item 10: ESC and BEL from a case file reached the terminal as they were.
#[test]
fn control_characters_from_input_are_escaped_in_messages() {
    let w = Workdir::new();
    w.file(
        "d.toml",
        edit("civilite = \"Madame\"", "civilite = \"M\u{1b}[2J\u{7}me\""),
    );
    let r = w.run(&["explique", "d.toml"]);
    r.expect_code(2);
    assert!(
        !r.stderr.contains('\u{1b}') && !r.stderr.contains('\u{7}'),
        "{:?}",
        r.stderr
    );
    assert!(r.stderr.contains("M\\u{1b}[2J\\u{7}me"), "{}", r.stderr);
}

/// Issue 14, item 10: the size limit was skipped for a pipe (no length to check).
#[cfg(unix)]
#[test]
fn an_oversized_case_from_a_pipe_is_refused() {
    let w = Workdir::new();
    let fifo = w.path().join("tube.toml");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new().write(true).open(fifo).unwrap();
        let _ = f.write_all(format!("{}\n# {}\n", base_case(), "x".repeat(400 * 1024)).as_bytes());
    });
    let r = w.run(&["explique", "tube.toml"]);
    r.expect_code(2);
    assert!(r.stderr.contains("fichier trop gros"), "{}", r.stderr);
    let _ = writer.join();
}

/// Issue 14, item 10: an I/O error printed the French reason, then the system's English text.
#[test]
fn io_errors_are_said_in_french_only() {
    let w = Workdir::new();
    w.file("d.toml", base_case());
    let r = w.run(&["lettre", "d.toml", "-o", "absent/x.pdf"]);
    r.expect_code(1);
    assert!(
        r.stderr
            .contains("« absent/x.pdf » : fichier ou dossier introuvable"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains("No such file"), "{}", r.stderr);
    assert!(!r.stderr.contains("cause :"), "{}", r.stderr);
}
