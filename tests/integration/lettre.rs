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
        t.stdout.contains("Cavaillon, le 1^er décembre 2026"),
        "{}",
        t.stdout
    );
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
