//! Dates hand-computed from reference `legal.md` §1.8 (and its §1.4 worked example), on cases
//! shaped as the store returns them.

use super::*;
use crate::case::Format;
use crate::deadlines::Warning;
use crate::store::CaseId;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn case(recours: LetterKind, notification: NaiveDate, abroad: bool) -> TrackedCase {
    let faits = BaseFacts {
        notification: Some(notification),
        voies_mentionnees: true,
        reside_a_l_etranger: abroad,
        recours_gracieux: None,
        recours_hierarchique: None,
        demande_motifs: None,
    };
    TrackedCase {
        id: CaseId(7),
        nom: "Camille Martin".into(),
        recours,
        source: "dossier.toml".into(),
        format: Format::Toml,
        cas: String::new(),
        faits: faits.to_json(),
        ajoute_le: notification,
        evenements: Vec::new(),
    }
}

fn event(c: &mut TrackedCase, kind: EventKind, date: NaiveDate) -> i64 {
    let id = 100 + c.evenements.len() as i64;
    c.evenements.push(Event {
        id,
        kind,
        recours: c.recours,
        date,
        note: None,
        remplace: None,
        annule: false,
        enregistre_le: date,
    });
    id
}

fn next(c: &TrackedCase, as_of: NaiveDate) -> NextStep {
    status(c, as_of).unwrap().next.expect("a next step")
}

#[test]
fn pending_gracieux_is_due_by_limit_a() {
    // N = 20 Oct 2026: addMonths(N, 2) + 1 = 21 Dec 2026, a Monday.
    let c = case(LetterKind::Gracieux, d(2026, 10, 20), false);
    let s = status(&c, d(2026, 11, 27)).unwrap();
    assert_eq!(s.pending, Some(LetterKind::Gracieux));
    let n = s.next.unwrap();
    assert_eq!(n.kind, StepKind::Envoyer(LetterKind::Gracieux));
    assert_eq!(n.date, d(2026, 12, 21));
    assert!(n.safe.unwrap() < n.date);
    assert_eq!(n.document, Some("gracieux"));
}

#[test]
fn received_recours_waits_for_the_implicit_rejection() {
    // R = 4 Nov 2026: implicit rejection addMonths(R, 2) = 4 Jan 2027 (no roll-over); court
    // limit addMonths(4 Jan, 2) + 1 = 5 Mar 2027, a Friday.
    let mut c = case(LetterKind::Gracieux, d(2026, 10, 20), false);
    event(&mut c, EventKind::Envoi, d(2026, 11, 2));
    event(&mut c, EventKind::Reception, d(2026, 11, 4));
    let s = status(&c, d(2026, 11, 27)).unwrap();
    assert_eq!(s.pending, None);
    let n = s.next.unwrap();
    assert_eq!(n.kind, StepKind::RejetImplicite);
    assert_eq!(n.date, d(2027, 1, 4));
    assert_eq!(n.document, Some("motifs"));
    assert_eq!(s.deadlines.tribunal.unwrap().date, d(2027, 3, 5));
    assert!(
        !s.deadlines
            .warnings
            .iter()
            .any(|w| matches!(w, Warning::SecondRecours { .. })),
        "a sent letter is not a second recours: {:?}",
        s.deadlines.warnings
    );
}

#[test]
fn explicit_rejection_opens_two_months_before_the_court_in_any_event_order() {
    // E = 10 Dec 2026: addMonths(E, 2) + 1 = 11 Feb 2027, a Thursday.
    let mut forward = case(LetterKind::Gracieux, d(2026, 10, 20), false);
    event(&mut forward, EventKind::Envoi, d(2026, 11, 2));
    event(&mut forward, EventKind::Reception, d(2026, 11, 4));
    event(&mut forward, EventKind::Rejet, d(2026, 12, 10));
    let mut backward = case(LetterKind::Gracieux, d(2026, 10, 20), false);
    event(&mut backward, EventKind::Rejet, d(2026, 12, 10));
    event(&mut backward, EventKind::Reception, d(2026, 11, 4));
    event(&mut backward, EventKind::Envoi, d(2026, 11, 2));
    let as_of = d(2026, 12, 15);
    let (a, b) = (next(&forward, as_of), next(&backward, as_of));
    assert_eq!(a, b);
    assert_eq!(a.kind, StepKind::Tribunal);
    assert_eq!(a.date, d(2027, 2, 11));
    assert_eq!(a.document, Some("requete"), "recours writes the requête");
}

#[test]
fn legal_md_worked_example_implicit_rejection_then_court() {
    // legal.md §1.4 (vagneux.fr): received 23 April, rejection born 23 June, court until
    // 24 August inclusive (23 Aug 2026 is a Sunday, 24 a Monday).
    let mut c = case(LetterKind::Gracieux, d(2026, 4, 10), false);
    event(&mut c, EventKind::Envoi, d(2026, 4, 20));
    event(&mut c, EventKind::Reception, d(2026, 4, 23));
    let s = status(&c, d(2026, 7, 1)).unwrap();
    assert_eq!(s.deadlines.rejet_implicite.unwrap().date, d(2026, 6, 23));
    // The reasons can still be asked (CRPA L. 232-4) by the same date: that step comes first.
    let n = s.next.unwrap();
    assert_eq!(n.kind, StepKind::Motifs);
    assert_eq!(n.date, d(2026, 8, 24));
    assert_eq!(n.document, Some("motifs"));
}

#[test]
fn recorded_request_for_reasons_moves_the_court_limit_and_ends_the_motifs_step() {
    // The gracieux of the worked example above (court limit 24 Aug 2026). Reasons asked
    // 5 Jul, received Monday 20 Jul: addMonths(20 Jul, 2) + 1 = Monday 21 Sep 2026.
    let mut c = case(LetterKind::Gracieux, d(2026, 4, 10), false);
    event(&mut c, EventKind::Envoi, d(2026, 4, 20));
    event(&mut c, EventKind::Reception, d(2026, 4, 23));
    c.recours = LetterKind::Motifs;
    let id = event(&mut c, EventKind::Envoi, d(2026, 7, 5));
    // Before the answer: the earliest the limit can be, two months after the request
    // (5 Sep + 1 = Sunday 6 Sep → Monday 7 Sep 2026), later than 24 Aug.
    let n = next(&c, d(2026, 7, 10));
    assert_eq!((n.kind, n.date), (StepKind::Tribunal, d(2026, 9, 7)));
    assert_eq!(n.certitude, "incertaine");
    event(&mut c, EventKind::Reponse, d(2026, 7, 20));
    let s = status(&c, d(2026, 7, 25)).unwrap();
    assert_eq!(s.facts.reasons.unwrap().envoi, d(2026, 7, 5));
    let n = s.next.unwrap();
    assert_eq!((n.kind, n.date), (StepKind::Tribunal, d(2026, 9, 21)));
    assert_eq!(n.document, Some("requete"));
    assert!(
        c.evenements
            .iter()
            .any(|e| e.id == id && e.recours == LetterKind::Motifs)
    );
}

#[test]
fn abroad_after_explicit_rejection_has_four_months() {
    // addMonths(10 Dec 2026, 4) + 1 = Sunday 11 Apr 2027 → Monday 12 Apr.
    let mut c = case(LetterKind::Gracieux, d(2026, 10, 20), true);
    event(&mut c, EventKind::Envoi, d(2026, 11, 2));
    event(&mut c, EventKind::Rejet, d(2026, 12, 10));
    assert_eq!(next(&c, d(2026, 12, 15)).date, d(2027, 4, 12));
}

#[test]
fn a_later_event_corrects_an_earlier_one_and_says_so() {
    let mut c = case(LetterKind::Gracieux, d(2026, 10, 20), false);
    event(&mut c, EventKind::Envoi, d(2026, 11, 2));
    let wrong = event(&mut c, EventKind::Reception, d(2026, 11, 4));
    event(&mut c, EventKind::Reception, d(2026, 11, 5));
    let s = status(&c, d(2026, 11, 27)).unwrap();
    assert_eq!(s.next.as_ref().unwrap().date, d(2027, 1, 5));
    assert_eq!(s.notes.len(), 1, "{:?}", s.notes);
    assert!(
        s.notes[0].contains(&format!("pas le n° {wrong}")),
        "{:?}",
        s.notes
    );
    // Once the wrong one is cancelled the note goes and the date stays.
    c.evenements[1].annule = true;
    let s = status(&c, d(2026, 11, 27)).unwrap();
    assert!(s.notes.is_empty());
    assert_eq!(s.next.unwrap().date, d(2027, 1, 5));
}

#[test]
fn cancelled_event_no_longer_counts() {
    let mut c = case(LetterKind::Gracieux, d(2026, 10, 20), false);
    event(&mut c, EventKind::Envoi, d(2026, 11, 2));
    c.evenements[0].annule = true;
    let s = status(&c, d(2026, 11, 27)).unwrap();
    assert_eq!(s.pending, Some(LetterKind::Gracieux));
}

#[test]
fn sent_without_reception_asks_for_it() {
    // Earliest implicit rejection: addMonths(2 Nov 2026, 2) = 2 Jan 2027.
    let mut c = case(LetterKind::Gracieux, d(2026, 10, 20), false);
    event(&mut c, EventKind::Envoi, d(2026, 11, 2));
    let n = next(&c, d(2026, 11, 27));
    assert_eq!(n.kind, StepKind::ReceptionAEnregistrer);
    assert_eq!(n.date, d(2027, 1, 2));
    assert_eq!(n.document, None);
}

#[test]
fn requete_ends_the_follow_up() {
    let mut c = case(LetterKind::Gracieux, d(2026, 10, 20), false);
    event(&mut c, EventKind::Envoi, d(2026, 11, 2));
    event(&mut c, EventKind::Rejet, d(2026, 12, 10));
    event(&mut c, EventKind::Requete, d(2027, 1, 20));
    let s = status(&c, d(2027, 1, 25)).unwrap();
    assert_eq!(s.requete, Some(d(2027, 1, 20)));
    assert_eq!(s.next, None);
}

#[test]
fn a_day_before_an_event_shows_the_case_as_it_stood() {
    let mut c = case(LetterKind::Gracieux, d(2026, 10, 20), false);
    event(&mut c, EventKind::Envoi, d(2026, 11, 2));
    let s = status(&c, d(2026, 11, 1)).unwrap();
    assert_eq!(s.pending, Some(LetterKind::Gracieux));
}

#[test]
fn passed_limits_leave_nothing_due() {
    let c = case(LetterKind::Gracieux, d(2026, 1, 5), false);
    let s = status(&c, d(2026, 11, 27)).unwrap();
    assert_eq!(s.next, None);
    assert!(
        s.deadlines
            .warnings
            .iter()
            .any(|w| matches!(w, Warning::Passed { .. }))
    );
}

#[test]
fn hierarchique_event_on_a_gracieux_case_fills_the_hierarchique() {
    let mut c = case(LetterKind::Gracieux, d(2026, 10, 20), false);
    event(&mut c, EventKind::Envoi, d(2026, 11, 2));
    c.evenements.push(Event {
        id: 300,
        kind: EventKind::Envoi,
        recours: LetterKind::Hierarchique,
        date: d(2026, 11, 3),
        note: None,
        remplace: None,
        annule: false,
        enregistre_le: d(2026, 11, 3),
    });
    let s = status(&c, d(2026, 11, 27)).unwrap();
    assert_eq!(s.facts.hierarchique.unwrap().envoi, Some(d(2026, 11, 3)));
}

#[test]
fn without_the_voies_mention_a_late_recours_is_still_due_within_the_year() {
    // N = 5 Jan 2026, voies et délais not stated: A (6 Mar 2026) has passed on 27 Nov, but a
    // first recours gracieux still interrupts the one-year limit, addMonths(N, 12) = 5 Jan
    // 2027 (no « +1 day », no roll-over).
    let mut c = case(LetterKind::Gracieux, d(2026, 1, 5), false);
    let mut faits: BaseFacts = serde_json::from_str(&c.faits).unwrap();
    faits.voies_mentionnees = false;
    c.faits = faits.to_json();
    let n = next(&c, d(2026, 11, 27));
    assert_eq!(n.kind, StepKind::Envoyer(LetterKind::Gracieux));
    assert_eq!(n.date, d(2027, 1, 5));
    assert_eq!(n.certitude, "incertaine");
    // Once sent and rejected, the court date is counted from the rejection, not enforceable.
    event(&mut c, EventKind::Envoi, d(2026, 11, 30));
    event(&mut c, EventKind::Rejet, d(2026, 12, 10));
    let n = next(&c, d(2026, 12, 15));
    assert_eq!(n.kind, StepKind::Tribunal);
    assert_eq!(n.date, d(2027, 2, 11));
    assert_eq!(n.certitude, "non-opposable");
}

#[test]
fn defenseur_case_keeps_the_court_date_it_does_not_stop() {
    // A réclamation to the Défenseur des droits after a gracieux rejected on 10 Dec 2026:
    // the court limit still runs, addMonths(10 Dec, 2) + 1 = 11 Feb 2027.
    let mut c = case(LetterKind::Defenseur, d(2026, 10, 20), false);
    let mut faits: BaseFacts = serde_json::from_str(&c.faits).unwrap();
    faits.recours_gracieux = Some(EarlierRecours {
        envoi: Some(d(2026, 11, 2)),
        reception: Some(d(2026, 11, 4)),
        rejet: Some(d(2026, 12, 10)),
    });
    c.faits = faits.to_json();
    event(&mut c, EventKind::Envoi, d(2026, 12, 12));
    let s = status(&c, d(2026, 12, 15)).unwrap();
    assert_eq!(s.pending, None);
    assert!(
        s.deadlines
            .warnings
            .contains(&Warning::DefenseurStopsNothing)
    );
    let n = s.next.unwrap();
    assert_eq!((n.kind, n.date), (StepKind::Tribunal, d(2027, 2, 11)));
}

#[test]
fn a_sent_recours_is_reviewed_with_no_letter_in_progress() {
    // Once the gracieux is posted no letter is being written: the facts say so, rather than
    // passing the case off as a letter to the Défenseur des droits.
    let mut c = case(LetterKind::Gracieux, d(2026, 10, 20), false);
    assert_eq!(
        status(&c, d(2026, 11, 1)).unwrap().facts.letter,
        Some(LetterKind::Gracieux)
    );
    event(&mut c, EventKind::Envoi, d(2026, 11, 2));
    let s = status(&c, d(2026, 11, 27)).unwrap();
    assert_eq!(s.facts.letter, None);
    assert_eq!(s.deadlines.letter, None);
    assert!(
        !s.deadlines.warnings.iter().any(|w| matches!(
            w,
            Warning::DefenseurStopsNothing
                | Warning::SecondRecours { .. }
                | Warning::LetterTooLate { .. }
        )),
        "{:?}",
        s.deadlines.warnings
    );
}

#[test]
fn stored_facts_keep_the_json_earlier_versions_wrote() {
    // The `faits` column of existing bases: read as written, written back the same.
    let stored = r#"{"notification":"2026-10-20","voies_mentionnees":true,"reside_a_l_etranger":false,"recours_gracieux":{"envoi":"2026-11-02","reception":null,"rejet":null},"recours_hierarchique":null}"#;
    let faits: BaseFacts = serde_json::from_str(stored).unwrap();
    assert_eq!(faits.recours_gracieux.unwrap().envoi, Some(d(2026, 11, 2)));
    assert_eq!(faits.to_json(), stored);
}

#[test]
fn a_step_names_only_a_document_recours_writes() {
    // Every step a case goes through: pending, sent, received, rejected, past the limits.
    let mut c = case(LetterKind::Gracieux, d(2026, 10, 20), false);
    let mut seen = vec![status(&c, d(2026, 11, 1)).unwrap().next];
    event(&mut c, EventKind::Envoi, d(2026, 11, 2));
    seen.push(status(&c, d(2026, 11, 3)).unwrap().next);
    event(&mut c, EventKind::Reception, d(2026, 11, 4));
    seen.push(status(&c, d(2026, 11, 27)).unwrap().next);
    seen.push(status(&c, d(2027, 1, 10)).unwrap().next);
    event(&mut c, EventKind::Rejet, d(2026, 12, 10));
    seen.push(status(&c, d(2026, 12, 15)).unwrap().next);
    let steps: Vec<NextStep> = seen.into_iter().flatten().collect();
    assert_eq!(steps.len(), 5);
    for s in &steps {
        if let Some(doc) = s.document {
            assert!(
                LetterKind::from_key(doc).is_some(),
                "« {doc} » is not a recours value a case file accepts"
            );
        }
    }
    assert_eq!(steps[0].document, Some("gracieux"));
}

#[test]
fn the_answer_to_the_gracieux_is_turned_into_its_rejection_not_the_hierarchique_s() {
    // On a hiérarchique case, an answer to the gracieux: the command the note suggests names
    // the gracieux, so that copying it does not book the rejection on the hiérarchique.
    let mut c = case(LetterKind::Hierarchique, d(2026, 10, 20), false);
    c.evenements.push(Event {
        id: 41,
        kind: EventKind::Reponse,
        recours: LetterKind::Gracieux,
        date: d(2026, 12, 10),
        note: None,
        remplace: None,
        annule: false,
        enregistre_le: d(2026, 12, 10),
    });
    let s = status(&c, d(2026, 12, 15)).unwrap();
    assert!(
        s.notes.iter().any(|n| n.contains(
            "recours suivi evenement 7 rejet 2026-12-10 --recours gracieux --remplace 41"
        )),
        "{:?}",
        s.notes
    );
}

#[test]
fn legal_md_worked_examples_of_the_court_limit_from_the_notification() {
    // legal.md §1.6: notified 1 Oct 2007 → the délai ends Sunday 2 Dec, so Monday 3 Dec 2007
    // (Icard); notified 4 Feb 2019 → 5 Apr 2019 (lex-publica). With no recours sent, the
    // recours must leave by that same day (limit A): sending comes first, then the court.
    // Rejected on `as_of`: addMonths(15 Nov 2007, 2) + 1 = Wed 16 Jan 2008; addMonths(1 Mar
    // 2019, 2) + 1 = Thu 2 May 2019.
    for (notified, last_day, as_of, after_rejection) in [
        (
            d(2007, 10, 1),
            d(2007, 12, 3),
            d(2007, 11, 15),
            d(2008, 1, 16),
        ),
        (d(2019, 2, 4), d(2019, 4, 5), d(2019, 3, 1), d(2019, 5, 2)),
    ] {
        let c = case(LetterKind::Gracieux, notified, false);
        let s = status(&c, as_of).unwrap();
        assert_eq!(s.deadlines.tribunal.as_ref().unwrap().date, last_day);
        let n = s.next.unwrap();
        assert_eq!(n.kind, StepKind::Envoyer(LetterKind::Gracieux));
        assert_eq!(n.date, last_day);
        // Once the gracieux is rejected explicitly, the court limit counts from that.
        let mut c = c;
        event(&mut c, EventKind::Envoi, as_of);
        event(&mut c, EventKind::Rejet, as_of);
        let n = next(&c, as_of);
        assert_eq!(n.kind, StepKind::Tribunal);
        assert_eq!(n.date, after_rejection);
    }
}
