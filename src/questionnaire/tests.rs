//! The questionnaire's answers are case files: same keys, same validation, same plan.

use super::proposals::Proposals;
use super::*;
use crate::case::tests::{BASE, ctx, parse_toml};
use crate::case::{Format, LetterKind};

/// The contract's example, as a form would send it.
pub(crate) fn base_pairs() -> Vec<(&'static str, &'static str)> {
    vec![
        ("recours", "gracieux"),
        ("lettre.date", "2026-11-27"),
        ("demandeur.civilite", "Madame"),
        ("demandeur.prenom", "Camille"),
        ("demandeur.nom", "Martin"),
        ("demandeur.adresse", "12 rue des Lilas\r\n84300 Cavaillon"),
        ("demande.document", "carte-identite"),
        ("demande.motif", "renouvellement"),
        ("demande.depot", "mairie"),
        ("demande.departement", "84"),
        ("demande.commune", "Cavaillon"),
        ("decision.date", "2026-10-15"),
        ("decision.notification", "2026-10-20"),
        ("decision.motif", "Justificatif de nationalité insuffisant"),
    ]
}

#[test]
fn every_batch_column_is_a_question_and_every_question_a_column() {
    for (column, _) in crate::batch::COLUMNS {
        assert!(question(column).is_some(), "{column} has no question");
    }
    for q in QUESTIONS {
        assert!(
            crate::batch::COLUMNS.iter().any(|(c, _)| *c == q.cle),
            "{} is no case key",
            q.cle
        );
    }
}

#[test]
fn the_form_answers_give_the_same_case_as_the_case_file() {
    let from_form = Answers::from_pairs(base_pairs()).case(ctx()).unwrap();
    assert_eq!(from_form, parse_toml(BASE).unwrap());
}

#[test]
fn the_written_case_file_reads_back_to_the_same_case_and_answers() {
    let answers = Answers::from_pairs(base_pairs());
    let text = to_toml(&answers);
    let case = crate::case::parse(&text, Format::Toml, "dossier.toml", ctx())
        .unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(case, answers.case(ctx()).unwrap());
    assert!(text.contains("\n[decision]\ndate = 2026-10-15\n"), "{text}");
    assert!(
        text.contains("adresse = [\"12 rue des Lilas\", \"84300 Cavaillon\"]"),
        "{text}"
    );
    let back = Answers::from_case_text(&text, Format::Toml).unwrap();
    assert_eq!(back.case(ctx()).unwrap(), case);
}

#[test]
fn a_bad_answer_gets_the_case_files_own_message_and_key() {
    let mut pairs = base_pairs();
    pairs.retain(|(k, _)| *k != "demande.departement");
    pairs.push(("demande.departement", "99"));
    let form = Answers::from_pairs(pairs).case(ctx()).unwrap_err();
    let file =
        parse_toml(&BASE.replace("departement = \"84\"", "departement = \"99\"")).unwrap_err();
    let strip = |e: &crate::case::CaseError| {
        e.problems
            .iter()
            .map(|p| (p.cle.clone(), p.message.clone(), p.conseil.clone()))
            .collect::<Vec<_>>()
    };
    assert_eq!(strip(&form), strip(&file));
    assert_eq!(form.problems[0].cle.as_deref(), Some("demande.departement"));
}

#[test]
fn answers_to_questions_not_asked_are_left_out() {
    let mut pairs = base_pairs();
    pairs.push(("demande.pays", "Maroc"));
    pairs.push(("signalement.description", "rien"));
    let a = Answers::from_pairs(pairs);
    assert!(a.to_value()["demande"].get("pays").is_none());
    assert!(a.to_value().get("signalement").is_none());
    a.case(ctx()).unwrap();
}

#[test]
fn conditions_follow_the_letter_and_the_place_of_filing() {
    let mut a = Answers::from_pairs(base_pairs());
    let asked = |a: &Answers, k: &str| a.asks(question(k).unwrap());
    assert!(asked(&a, "demande.departement") && !asked(&a, "demande.pays"));
    assert!(!asked(&a, "recours_gracieux.envoi"));
    a.set("demande.depot", "consulat");
    assert!(!asked(&a, "demande.departement") && asked(&a, "demande.pays"));
    a.set("recours", "hierarchique");
    assert!(asked(&a, "recours_gracieux.envoi") && !asked(&a, "recours_hierarchique.envoi"));
    a.set("recours", "signalement");
    assert!(!asked(&a, "decision.date") && asked(&a, "signalement.description"));
}

#[test]
fn list_answers_split_on_lines_and_bars_and_checkboxes_repeat() {
    let mut pairs = base_pairs();
    pairs.push(("lettre.arguments", "doute-suffisant"));
    pairs.push(("lettre.arguments", "motivation-insuffisante"));
    pairs.push(("lettre.pieces_jointes", "Copie A | Copie B"));
    let case = Answers::from_pairs(pairs).case(ctx()).unwrap();
    assert_eq!(case.lettre.arguments.len(), 2);
    assert_eq!(case.lettre.pieces_jointes, ["Copie A", "Copie B"]);
}

#[test]
fn proposals_show_the_deadline_before_the_names_are_typed() {
    let pairs: Vec<_> = base_pairs()
        .into_iter()
        .filter(|(k, _)| !k.starts_with("demandeur.") && *k != "decision.motif")
        .collect();
    let p = Proposals::new(&Answers::from_pairs(pairs), ctx());
    assert!(p.provisoire);
    assert!(
        p.problemes
            .iter()
            .any(|x| x.cle.as_deref() == Some("demandeur.nom"))
    );
    let plan = p.plan.expect("provisional plan");
    assert_eq!(plan.route.destinataire.id, "cert-toulon");
    let limit = plan.deadlines.recours_administratif.expect("deadline");
    assert_eq!(crate::deadlines::model::iso(limit.date), "2026-12-21");
}

#[test]
fn grounds_fit_the_case() {
    let case = parse_toml(BASE).unwrap();
    let grounds = proposals::fitting_arguments(&case);
    assert!(!grounds.contains(&crate::case::Argument::AutoriteParentale));
    assert!(!grounds.contains(&crate::case::Argument::LiberteAllerVenir));
    assert!(grounds.contains(&crate::case::Argument::DouteSuffisant));
}

#[test]
fn the_letter_choices_are_the_case_letter_kinds() {
    let choices = question("recours").unwrap().kind.choices();
    assert_eq!(choices.len(), LetterKind::ALL.len());
}

#[test]
fn every_missing_answer_is_reported_at_once() {
    let pairs: Vec<_> = base_pairs()
        .into_iter()
        .filter(|(k, _)| !matches!(*k, "demandeur.prenom" | "demandeur.nom" | "decision.date"))
        .collect();
    let e = Answers::from_pairs(pairs).case(ctx()).unwrap_err();
    let keys: Vec<&str> = e.problems.iter().filter_map(|p| p.cle.as_deref()).collect();
    assert_eq!(
        keys,
        ["decision.date", "demandeur.prenom", "demandeur.nom"],
        "{e}"
    );
    assert!(
        e.problems
            .iter()
            .all(|p| p.message == "réponse obligatoire"),
        "{e}"
    );
}

#[test]
fn a_missing_table_names_each_of_its_questions() {
    let pairs: Vec<_> = base_pairs()
        .into_iter()
        .filter(|(k, _)| !k.starts_with("demandeur."))
        .collect();
    let e = Answers::from_pairs(pairs).case(ctx()).unwrap_err();
    let keys: Vec<&str> = e.problems.iter().filter_map(|p| p.cle.as_deref()).collect();
    assert_eq!(
        keys,
        ["demandeur.prenom", "demandeur.nom", "demandeur.adresse"],
        "{e}"
    );
}
