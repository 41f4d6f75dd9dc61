//! `recours lettre` on a requête: the PDF as the court receives it (inventory on its own last
//! page, the référé after it), and `--pieces`, the folder ready to file.

use crate::harness::{Workdir, base_case};

fn requete_case() -> String {
    base_case().replace("recours = \"gracieux\"", "recours = \"requete\"")
        + "\n[recours_gracieux]\nenvoi = 2026-10-22\nreception = 2026-10-24\nrejet = 2026-11-16\n"
}

fn pages(bytes: &[u8]) -> Vec<String> {
    recours::pdf::extract::extract(bytes)
        .iter()
        .map(|p| {
            recours::pdf::extract::page_text(p)
                .replace("\u{AD}\n", "")
                .replace('\n', " ")
                .replace(['\u{202F}', '\u{A0}'], " ")
        })
        .collect()
}

#[test]
fn requete_pdf_ends_with_its_inventory_page() {
    let w = Workdir::new();
    w.file("requete.toml", requete_case());
    let r = w.run(&["lettre", "requete.toml"]);
    r.expect_code(0);
    assert!(
        r.stderr.contains("requête en annulation au tribunal administratif ; destinataire : Tribunal administratif de Toulon"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("tribunal probable, pas certain"),
        "{}",
        r.stderr
    );
    let p = pages(&std::fs::read(w.path().join("requete.pdf")).unwrap());
    let last = p.last().unwrap();
    assert!(last.contains("Inventaire détaillé des pièces"), "{last}");
    assert!(
        last.contains(
            "Pièce n° 1 : Décision attaquée du 15 octobre 2026, référence CERT-84-2026-1234 (refus de renouvellement"
        ),
        "{last}"
    );
    assert!(
        !last.contains("Par ces motifs"),
        "the inventory is alone on its page"
    );
    let all = p.join(" ");
    assert!(
        all.contains("Par ces motifs, je demande au tribunal"),
        "{all}"
    );
    assert!(all.contains("rejetant mon recours gracieux"), "{all}");
    assert_eq!(all.matches("Inventaire détaillé des pièces").count(), 1);
}

#[test]
fn urgency_adds_the_refere_after_the_requete_and_pieces_writes_them_apart() {
    let w = Workdir::new();
    let case = requete_case().replace(
        "[lettre]\n",
        "[lettre]\nurgence = \"je commence un emploi à Genève le 4 janvier 2027\"\npieces_jointes = [\"Promesse d'embauche\"]\n",
    ) + "\n[requete]\nurgence = true\n[requete.fichiers]\ndecision = \"scans/decision.pdf\"\npiece_1 = \"scans/embauche.PDF\"\n";
    w.file("requete.toml", &case);
    std::fs::create_dir(w.path().join("scans")).unwrap();
    w.file("scans/decision.pdf", "%PDF-1.4 décision");
    w.file("scans/embauche.PDF", "%PDF-1.4 embauche");
    let r = w.run(&["lettre", "requete.toml", "--pieces", "a-deposer"]);
    r.expect_code(0);
    assert!(
        r.stderr
            .contains("suivie de la requête en référé-suspension"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("dossier à déposer écrit : a-deposer (2 pièces copiées"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr
            .contains("pièce n° 2 (Recours gracieux envoyé le 22 octobre 2026"),
        "{}",
        r.stderr
    );
    let all = pages(&std::fs::read(w.path().join("requete.pdf")).unwrap()).join(" ");
    let refere = all
        .find("À Madame ou Monsieur le juge des référés")
        .expect("référé");
    assert!(all[..refere].contains("Par ces motifs, je demande au tribunal"));
    assert!(
        all[refere..].contains("de suspendre l’exécution de la décision"),
        "{all}"
    );
    let d = w.path().join("a-deposer");
    let a = d.join("1-annulation");
    let s = d.join("2-refere-suspension");
    assert_eq!(
        std::fs::read(a.join("01 - Décision attaquée du 15 octobre 2026, référence CERT-84-2026-1234 (refus de renouvellement de carte nationale d'identité).pdf")).unwrap(),
        "%PDF-1.4 décision".as_bytes()
    );
    assert!(a.join("05 - Promesse d'embauche.pdf").exists());
    assert!(
        s.join("01 - Copie de la requête en annulation présentée le même jour.pdf")
            .exists()
    );
    assert!(s.join("06 - Promesse d'embauche.pdf").exists());
    let alone = pages(&std::fs::read(a.join("requete-annulation.pdf")).unwrap()).join(" ");
    assert!(
        !alone.contains("À Madame ou Monsieur le juge des référés"),
        "the requête alone"
    );
    assert!(alone.contains("Par une requête distincte, présentée le même jour"));
    let listing = std::fs::read_to_string(d.join("inventaire.txt")).unwrap();
    assert!(listing.contains("Pièce n° 2 : Recours gracieux envoyé le 22 octobre 2026 et avis de réception du 24 octobre 2026 : À AJOUTER (requete.fichiers.recours_gracieux dans le dossier)"), "{listing}");
    // A second run refuses to mix with what is there.
    let r = w.run(&[
        "lettre",
        "requete.toml",
        "-o",
        "autre.pdf",
        "--pieces",
        "a-deposer",
    ]);
    r.expect_code(2);
    assert!(
        r.stderr
            .contains("le dossier « a-deposer » existe et n'est pas vide"),
        "{}",
        r.stderr
    );
}

#[test]
fn pieces_refuses_files_outside_the_case_folder_unknown_ids_and_other_letters() {
    let w = Workdir::new();
    w.file("gracieux.toml", base_case());
    let r = w.run(&["lettre", "gracieux.toml", "--pieces", "p"]);
    r.expect_code(2);
    assert!(
        r.stderr
            .contains("--pieces ne s'applique qu'à une requête au tribunal"),
        "{}",
        r.stderr
    );
    assert!(!w.path().join("gracieux.pdf").exists(), "nothing written");

    w.file(
        "a.toml",
        requete_case() + "\n[requete.fichiers]\ndecision = \"../secret.pdf\"\n",
    );
    let r = w.run(&["lettre", "a.toml", "--pieces", "p"]);
    r.expect_code(2);
    assert!(
        r.stderr
            .contains("requete.fichiers.decision : « ../secret.pdf » sort du dossier"),
        "{}",
        r.stderr
    );
    assert!(!w.path().join("p").exists(), "no folder left behind");
    assert!(
        !w.path().join("a.pdf").exists(),
        "checked before the requête is written"
    );

    w.file(
        "b.toml",
        requete_case() + "\n[requete.fichiers]\ndecison = \"d.pdf\"\n",
    );
    let r = w.run(&["lettre", "b.toml", "--pieces", "p"]);
    r.expect_code(2);
    assert!(
        r.stderr
            .contains("requete.fichiers.decison : aucune pièce n'a cet identifiant"),
        "{}",
        r.stderr
    );
    assert!(
        r.stderr.contains("vouliez-vous dire « decision » ?"),
        "{}",
        r.stderr
    );

    w.file(
        "c.toml",
        requete_case() + "\n[requete.fichiers]\ndecision = \"absente.pdf\"\n",
    );
    let r = w.run(&["lettre", "c.toml", "--pieces", "p"]);
    r.expect_code(2);
    assert!(
        r.stderr.contains(
            "requete.fichiers.decision : « absente.pdf » : fichier ou dossier introuvable"
        ),
        "{}",
        r.stderr
    );
}
