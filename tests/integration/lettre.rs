//! `recours lettre` and `recours exemple`: the PDF, its messages, and template overrides.

use crate::harness::{Workdir, base_case};

#[test]
fn exemple_writes_the_sample_letter_in_the_current_folder() {
    let w = Workdir::new();
    let r = w.run(&["exemple"]);
    r.expect_code(0);
    let pdf = std::fs::read(w.path().join("lettre-exemple.pdf")).unwrap();
    assert!(
        pdf.starts_with(b"%PDF-") && pdf.len() < 40_000,
        "{} bytes",
        pdf.len()
    );
    assert!(
        r.stderr.starts_with("lettre écrite : lettre-exemple.pdf ("),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("avertissement : adresse probable pour"),
        "{}",
        r.stderr
    );
    let r = w.run(&["exemple", "-o", "autre.pdf"]);
    r.expect_code(0);
    assert_eq!(
        std::fs::read(w.path().join("autre.pdf")).unwrap(),
        pdf,
        "same input, same bytes"
    );
}

#[test]
fn lettre_defaults_to_the_case_name_and_accepts_output_and_date() {
    let w = Workdir::new();
    w.file("dossier.toml", base_case());
    let r = w.run(&["lettre", "dossier.toml"]);
    r.expect_code(0);
    assert!(w.path().join("dossier.pdf").exists());
    let r = w.run(&["lettre", "dossier.toml", "-o", "sortie/lettre.pdf"]);
    r.expect_code(1);
    assert!(
        r.stderr
            .contains("impossible d'écrire la lettre « sortie/lettre.pdf »"),
        "{}",
        r.stderr
    );
    std::fs::create_dir(w.path().join("sortie")).unwrap();
    w.run(&[
        "lettre",
        "dossier.toml",
        "-o",
        "sortie/lettre.pdf",
        "--date",
        "2026-12-01",
    ])
    .expect_code(0);
    let t = w.run(&["lettre", "dossier.toml", "--date", "2026-12-01", "--texte"]);
    t.expect_code(0);
    assert!(
        t.stdout.contains("Cavaillon, le 1er décembre 2026"),
        "{}",
        t.stdout
    );
}

#[test]
fn the_closing_formula_does_not_open_page_two_alone_with_the_signature() {
    let w = Workdir::new();
    w.file("dossier.toml", base_case());
    w.run(&["lettre", "dossier.toml", "--date", "2026-12-01"])
        .expect_code(0);
    let bytes = std::fs::read(w.path().join("dossier.pdf")).unwrap();
    let pages: Vec<Vec<String>> = recours::pdf::extract::extract(&bytes)
        .iter()
        .map(|p| recours::pdf::extract::page_lines(p))
        .collect();
    assert_eq!(pages.len(), 2, "{pages:#?}");
    let two = &pages[1];
    let closing = two
        .iter()
        .position(|l| l.starts_with("Je vous prie d’agréer"))
        .unwrap_or_else(|| panic!("closing on page 2: {two:#?}"));
    // The running head, then the last lines of the text, then the closing and the signature.
    assert!(two[0].contains("page 2/2"), "{two:#?}");
    assert_eq!(
        two[1..closing],
        [
            "À défaut de réponse favorable, je saisirai le tribunal administratif compétent.",
            "Je reste à votre disposition pour tout document ou renseignement complémentaire.",
        ],
        "{two:#?}"
    );
    assert_eq!(two[closing + 1], "Camille MARTIN", "{two:#?}");
}

#[test]
fn deadline_warnings_are_printed() {
    let w = Workdir::new();
    w.file("dossier.toml", base_case());
    let r = w.run(&["lettre", "dossier.toml", "--date", "2026-12-28"]);
    r.expect_code(0);
    assert!(r.stderr.contains("avertissement :"), "{}", r.stderr);
    assert!(
        r.stderr.to_lowercase().contains("pass"),
        "a past deadline is announced: {}",
        r.stderr
    );
}

#[test]
fn templates_folder_overrides_by_name() {
    let w = Workdir::new();
    w.file("dossier.toml", base_case());
    w.file(
        "modeles/_cloture.tera",
        "Avec mes salutations associatives.\n\nJe vous prie d'agréer, {{ destinataire.appel_nu }}, l'expression de {{ destinataire.consideration }}.\n@signature\n{{ expediteur.prenom }} {{ expediteur.nom | upper }}\nAssociation Entraide Cavaillon\n",
    );
    let r = w.run(&["lettre", "dossier.toml", "--modeles", "modeles", "--texte"]);
    r.expect_code(0);
    assert!(
        r.stdout.contains("Avec mes salutations associatives."),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("Association Entraide Cavaillon"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("J’ai l’honneur de former un recours gracieux"),
        "the other templates are still the built-in ones"
    );
}

#[test]
fn template_errors_name_the_template_the_line_and_the_cause() {
    let w = Workdir::new();
    w.file("dossier.toml", base_case());
    w.file(
        "modeles/_cloture.tera",
        "Merci.\n\n{{ expediteur.surnom }}\n@signature\nx\n",
    );
    let r = w.run(&["lettre", "dossier.toml", "--modeles", "modeles"]);
    r.expect_code(2);
    assert!(
        r.stderr
            .contains("modèle « _cloture.tera », ligne 3 : le champ « surnom » n'existe pas"),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("cause : détail de Tera"), "{}", r.stderr);
    assert!(!w.path().join("dossier.pdf").exists(), "nothing is written");

    w.file("modeles/_cloture.tera", "Merci {% if %}\n");
    let r = w.run(&["lettre", "dossier.toml", "--modeles", "modeles"]);
    r.expect_code(2);
    assert!(
        r.stderr
            .contains("modèle « _cloture.tera », ligne 1 : erreur de syntaxe"),
        "{}",
        r.stderr
    );
}

#[cfg(unix)]
#[test]
fn template_folders_cannot_reach_other_files() {
    let w = Workdir::new();
    w.file("dossier.toml", base_case());
    w.file("secret.txt", "mot de passe");
    std::fs::create_dir(w.path().join("modeles")).unwrap();
    std::os::unix::fs::symlink(
        w.path().join("secret.txt"),
        w.path().join("modeles/_cloture.tera"),
    )
    .unwrap();
    let r = w.run(&["lettre", "dossier.toml", "--modeles", "modeles"]);
    r.expect_code(2);
    assert!(r.stderr.contains("est un lien symbolique"), "{}", r.stderr);
    w.file(
        "modeles2/_cloture.tera",
        "{% include \"../secret.txt\" %}\n",
    );
    let r = w.run(&["lettre", "dossier.toml", "--modeles", "modeles2"]);
    r.expect_code(2);
    assert!(r.stderr.contains("n'existe pas"), "{}", r.stderr);
    assert!(!r.stderr.contains("mot de passe"));
}

#[test]
fn user_text_that_looks_like_template_code_is_printed_as_typed() {
    let w = Workdir::new();
    w.file(
        "dossier.toml",
        base_case().replace(
            "motif = \"Les pièces produites ne permettent pas d'établir la nationalité française\"",
            "motif = \"{{ demandeur.nom }} {% include '_entete.tera' %} @corps **x**\"",
        ),
    );
    let r = w.run(&["lettre", "dossier.toml", "--texte"]);
    r.expect_code(0);
    assert!(
        r.stdout
            .contains("{{ demandeur.nom }} {% include ’_entete.tera’ %} @corps **x**"),
        "{}",
        r.stdout
    );
}

/// Issue 14, item 11: `--texte` showed the snapshot markers (`**`, `^e`, `⍽`, `·`), which
/// a person pasting the letter into a form would send as they are.
#[test]
fn texte_prints_plain_text_that_pastes_into_a_form() {
    let w = Workdir::new();
    w.file("dossier.toml", base_case());
    let r = w.run(&["lettre", "dossier.toml", "--texte", "--date", "2026-12-01"]);
    r.expect_code(0);
    for marker in [
        "**",
        "^",
        "⍽",
        "·",
        "\u{a0}",
        "\u{202f}",
        "[expediteur]",
        "[corps]",
    ] {
        assert!(!r.stdout.contains(marker), "{marker:?} in\n{}", r.stdout);
    }
    assert!(
        r.stdout.contains("Objet : recours gracieux"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("le 1er décembre 2026"), "{}", r.stdout);
    assert!(
        r.stdout.contains("(CE, 3 mars 2003, n° 242515 ; CE"),
        "{}",
        r.stdout
    );
}

/// Issue 14, item 1: `-o /dev/null` replaced the device node with a PDF (as root), a link to
/// a folder was replaced, and `-o dossier` exited 1.
#[cfg(unix)]
#[test]
fn output_onto_a_device_a_folder_or_stdout() {
    use std::os::unix::fs::FileTypeExt;
    let w = Workdir::new();
    w.file("c.toml", base_case());
    let table = w.run(&["modele", "--csv"]).stdout;
    w.file("t.csv", table);
    // A private copy of /dev/null (root can make one; CI runs as root): a regression
    // replaces this node, never the machine's own.
    let null = w.path().join("null");
    let made = std::process::Command::new("mknod")
        .args(["-m", "666"])
        .arg(&null)
        .args(["c", "1", "3"])
        .status()
        .is_ok_and(|s| s.success());
    if made {
        let is_device = || {
            std::fs::symlink_metadata(&null)
                .unwrap()
                .file_type()
                .is_char_device()
        };
        w.run(&["lettre", "c.toml", "-o", "null"]).expect_code(0);
        assert!(is_device(), "the device node was replaced");
        w.run(&["explique", "c.toml", "--ics", "null"])
            .expect_code(0);
        assert!(is_device(), "the device node was replaced");
        w.run(&["lot", "t.csv", "-o", "lot", "--assemble", "null"])
            .expect_code(0);
        assert!(is_device(), "the device node was replaced");
    } else {
        eprintln!("mknod refused (not root): device outputs not checked");
    }

    let r = w.run(&["lettre", "c.toml", "-o", "-"]);
    r.expect_code(0);
    assert!(r.stdout.starts_with("%PDF-"), "the PDF goes to stdout");
    assert!(r.stdout.trim_end().ends_with("%%EOF"));
    assert!(!w.path().join("-").exists());

    std::fs::create_dir(w.path().join("adir")).unwrap();
    std::os::unix::fs::symlink("adir", w.path().join("lien")).unwrap();
    for target in ["adir", "lien"] {
        let r = w.run(&["lettre", "c.toml", "-o", target]);
        r.expect_code(2);
        assert!(
            r.stderr
                .contains(&format!("« {target} » : c'est un dossier")),
            "{}",
            r.stderr
        );
    }
    assert!(
        std::fs::symlink_metadata(w.path().join("lien"))
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(std::fs::read_dir(w.path().join("adir")).unwrap().count(), 0);
}

/// Issue 14, item 6: nested loops in a user's template hung forever; doubling a text forty
/// times aborted the program (signal 6).
#[test]
fn a_template_that_loops_or_doubles_text_is_stopped_with_exit_2() {
    let w = Workdir::new();
    w.file("dossier.toml", base_case());
    w.file(
        "modeles/_cloture.tera",
        "{% for a in range(end=100000) %}{% for b in range(end=100000) %}{% endfor %}{% endfor %}Merci.\n@signature\nx\n",
    );
    let started = std::time::Instant::now();
    let r = w.run(&["lettre", "dossier.toml", "--modeles", "modeles"]);
    r.expect_code(2);
    assert!(started.elapsed().as_secs() < 30, "stopped by the budget");
    assert!(
        r.stderr.contains("le rendu prend plus de 2 s") && r.stderr.contains("« _cloture.tera »"),
        "{}",
        r.stderr
    );
    assert!(!w.path().join("dossier.pdf").exists());

    let doubling: String = std::iter::once("{% set t = \"ab\" %}".to_string())
        .chain((0..40).map(|_| "{% set t = t ~ t %}".to_string()))
        .collect::<Vec<_>>()
        .join("\n");
    w.file(
        "modeles/_cloture.tera",
        format!("{doubling}\n{{{{ t }}}}\n@signature\nx\n"),
    );
    let r = w.run(&["lettre", "dossier.toml", "--modeles", "modeles"]);
    r.expect_code(2);
    assert!(r.stderr.contains("double un texte"), "{}", r.stderr);

    // Writing too much is stopped too, without any `set`.
    w.file(
        "modeles/_cloture.tera",
        "{% for a in range(end=100000) %}{{ expediteur.nom }} et encore du texte {% endfor %}\n@signature\nx\n",
    );
    let r = w.run(&["lettre", "dossier.toml", "--modeles", "modeles"]);
    r.expect_code(2);
    assert!(
        r.stderr.contains("le texte produit dépasse 256 Ko"),
        "{}",
        r.stderr
    );
}

/// Issue 14, item 10: a linked `--modeles` folder was « not a folder », and a misspelt
/// template file was ignored without a word.
#[cfg(unix)]
#[test]
fn a_linked_templates_folder_works_and_a_misnamed_file_is_warned_of() {
    let w = Workdir::new();
    w.file("dossier.toml", base_case());
    w.file("vrais/gracieux_cert.tera", "x");
    std::os::unix::fs::symlink("vrais", w.path().join("modeles")).unwrap();
    let r = w.run(&["lettre", "dossier.toml", "--modeles", "modeles"]);
    r.expect_code(0);
    assert!(
        r.stderr
            .contains("avertissement : le modèle « gracieux_cert.tera » ne remplace aucun modèle")
            && r.stderr
                .contains("vouliez-vous dire « gracieux-cert.tera » ?"),
        "{}",
        r.stderr
    );
}
