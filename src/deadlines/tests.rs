//! Dated cases for algorithms A, B, C and Czabaj, one row per case, each with the reason its
//! expected dates are right; then the warnings, the JSON contract and the rendered text.

use chrono::NaiveDate;

use super::*;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn od(s: &str) -> Option<NaiveDate> {
    Some(day(s))
}

/// A case with a notification and nothing else; rows adjust it.
fn facts(letter: LetterKind, letter_date: &str, notification: &str) -> Facts {
    Facts {
        letter: Some(letter),
        letter_date: day(letter_date),
        notification: od(notification),
        voies_mentionnees: true,
        lives_abroad: false,
        gracieux: None,
        hierarchique: None,
        reasons: None,
    }
}

fn rec(envoi: &str, reception: &str, rejet: &str) -> Option<EarlierRecours> {
    let o = |s: &str| (!s.is_empty()).then(|| day(s));
    Some(EarlierRecours {
        envoi: o(envoi),
        reception: o(reception),
        rejet: o(rejet),
    })
}

use LetterKind::{Defenseur, Gracieux, Hierarchique, Motifs, Signalement};

struct Row {
    why: &'static str,
    facts: Facts,
    calendar: Calendar,
    /// limite_recours_administratif, rejet_implicite, limite_tribunal, limite_czabaj ("" = null)
    expect: [&'static str; 4],
}

fn row(why: &'static str, facts: Facts, expect: [&'static str; 4]) -> Row {
    Row {
        why,
        facts,
        calendar: Calendar::NATIONAL,
        expect,
    }
}

fn with(mut f: Facts, change: impl FnOnce(&mut Facts)) -> Facts {
    change(&mut f);
    f
}

#[rustfmt::skip]
fn rows() -> Vec<Row> {
    vec![
        // ---- Worked examples from the reference -------------------------------------------
        // Icard: notified 1 Oct 2007; échéance 1 Dec, last day Sunday 2 Dec → Monday 3 Dec.
        // No recours yet, so the court limit is the same date.
        row("icard-2007", facts(Gracieux, "2007-10-15", "2007-10-01"),
            ["2007-12-03", "", "2007-12-03", ""]),
        // lex-publica: notified 4 Feb 2019 → « recevable au plus tard le 5 avril 2019 » (Fri).
        row("lex-publica-2019", facts(Gracieux, "2019-02-20", "2019-02-04"),
            ["2019-04-05", "", "2019-04-05", ""]),
        // cli.md contract: notified 20 Oct 2026; 20 Dec is a Sunday, so +1 = Monday 21 Dec.
        row("contract-example", facts(Gracieux, "2026-11-27", "2026-10-20"),
            ["2026-12-21", "", "2026-12-21", ""]),
        // vagneux: received 23 April → implicit 23 June (a Saturday in 2029: no roll-over);
        // court: 23 Aug + 1 = Friday 24 Aug 2029 « inclus ». A: 10 Jun + 1 = Monday 11 June.
        row("vagneux-2029", with(facts(Defenseur, "2029-07-01", "2029-04-10"), |f| {
                f.gracieux = rec("2029-04-20", "2029-04-23", "") }),
            ["2029-06-11", "2029-06-23", "2029-08-24", ""]),
        // Same in 2026: 23 June is a Tuesday, 24 August a Monday.
        row("vagneux-2026", with(facts(Defenseur, "2026-07-01", "2026-04-10"), |f| {
                f.gracieux = rec("2026-04-20", "2026-04-23", "") }),
            ["2026-06-11", "2026-06-23", "2026-08-24", ""]),

        // ---- End of month ---------------------------------------------------------------
        // 30 Dec: add_months+1 = 1 Mar, add_months(31 Dec) = 28 Feb; the earlier is Saturday
        // 28 Feb 2026 → Monday 2 Mar.
        row("eom-30-dec", facts(Gracieux, "2026-01-05", "2025-12-30"),
            ["2026-03-02", "", "2026-03-02", ""]),
        // 31 Dec: both readings give Sunday 1 Mar 2026 → Monday 2 Mar.
        row("eom-31-dec", facts(Gracieux, "2026-01-05", "2025-12-31"),
            ["2026-03-02", "", "2026-03-02", ""]),
        // Leap 2024: 30 Dec 2023 → min(29 Feb + 1, add_months(31 Dec)) = Thursday 29 Feb.
        row("eom-leap-2024", facts(Gracieux, "2024-01-10", "2023-12-30"),
            ["2024-02-29", "", "2024-02-29", ""]),
        // Leap 2028: 30 Dec 2027 → Tuesday 29 Feb 2028.
        row("eom-leap-2028", facts(Gracieux, "2028-01-10", "2027-12-30"),
            ["2028-02-29", "", "2028-02-29", ""]),
        // 2100 is not a leap year: 30 Dec 2099 → Sunday 28 Feb 2100 → Monday 1 Mar.
        row("eom-2100", facts(Gracieux, "2100-01-10", "2099-12-30"),
            ["2100-03-01", "", "2100-03-01", ""]),
        // 30 Jul → min(30 Sep + 1, add_months(31 Jul) = 30 Sep) = Wednesday 30 Sep 2026.
        row("eom-30-jul", facts(Gracieux, "2026-08-10", "2026-07-30"),
            ["2026-09-30", "", "2026-09-30", ""]),
        // 31 Jul → 30 Sep + 1 = 1 Oct = add_months(1 Aug): Thursday 1 Oct 2026.
        row("eom-31-jul", facts(Gracieux, "2026-08-10", "2026-07-31"),
            ["2026-10-01", "", "2026-10-01", ""]),
        // 28 Feb 2026 (last day of Feb): min(28 Apr + 1, add_months(1 Mar) = 1 May) = 29 Apr.
        row("eom-28-feb", facts(Gracieux, "2026-03-10", "2026-02-28"),
            ["2026-04-29", "", "2026-04-29", ""]),
        // 31 Aug → 1 Nov 2026, a Sunday (and Toussaint) → Monday 2 Nov.
        row("eom-31-aug", facts(Gracieux, "2026-09-10", "2026-08-31"),
            ["2026-11-02", "", "2026-11-02", ""]),
        // 30 Apr → 30 Jun + 1 = 1 Jul = add_months(1 May): Wednesday 1 Jul 2026.
        row("eom-30-apr", facts(Gracieux, "2026-05-10", "2026-04-30"),
            ["2026-07-01", "", "2026-07-01", ""]),

        // ---- Public holidays --------------------------------------------------------------
        // 5 Feb 2026 → 6 Apr = Easter Monday (Easter 5 Apr) → Tuesday 7 Apr.
        row("easter-monday-2026", facts(Gracieux, "2026-02-20", "2026-02-05"),
            ["2026-04-07", "", "2026-04-07", ""]),
        // 13 Mar 2026 → 14 May = Ascension → Friday 15 May.
        row("ascension-2026", facts(Gracieux, "2026-03-20", "2026-03-13"),
            ["2026-05-15", "", "2026-05-15", ""]),
        // 24 Mar 2026 → 25 May = Whit Monday → Tuesday 26 May.
        row("whit-monday-2026", facts(Gracieux, "2026-03-30", "2026-03-24"),
            ["2026-05-26", "", "2026-05-26", ""]),
        // 28 Jan 2027 → 29 Mar = Easter Monday (Easter 28 Mar) → Tuesday 30 Mar.
        row("easter-monday-2027", facts(Gracieux, "2027-02-10", "2027-01-28"),
            ["2027-03-30", "", "2027-03-30", ""]),
        // 5 Mar 2027 → 6 May = Ascension → Friday 7 May.
        row("ascension-2027", facts(Gracieux, "2027-03-10", "2027-03-05"),
            ["2027-05-07", "", "2027-05-07", ""]),
        // 16 Mar 2027 → 17 May = Whit Monday → Tuesday 18 May.
        row("whit-monday-2027", facts(Gracieux, "2027-03-20", "2027-03-16"),
            ["2027-05-18", "", "2027-05-18", ""]),
        // 13 Apr 2038 → 14 Jun = Whit Monday (Easter 25 Apr, the latest possible) → 15 Jun.
        row("whit-monday-2038", facts(Gracieux, "2038-04-20", "2038-04-13"),
            ["2038-06-15", "", "2038-06-15", ""]),
        // 13 May 2026 → 14 Jul (Tuesday, fête nationale) → Wednesday 15 Jul.
        row("14-july", facts(Gracieux, "2026-05-20", "2026-05-13"),
            ["2026-07-15", "", "2026-07-15", ""]),
        // 14 Jun 2026 → 15 Aug, a Saturday and a holiday → Monday 17 Aug.
        row("15-august", facts(Gracieux, "2026-06-20", "2026-06-14"),
            ["2026-08-17", "", "2026-08-17", ""]),
        // 31 Aug 2027 → 1 Nov 2027, Monday Toussaint → Tuesday 2 Nov.
        row("toussaint-2027", facts(Gracieux, "2027-09-10", "2027-08-31"),
            ["2027-11-02", "", "2027-11-02", ""]),
        // 10 Sep 2026 → 11 Nov (Wednesday) → Thursday 12 Nov.
        row("11-november", facts(Gracieux, "2026-09-20", "2026-09-10"),
            ["2026-11-12", "", "2026-11-12", ""]),
        // 24 Oct 2026 → 25 Dec (Friday) → Monday 28 Dec.
        row("christmas", facts(Gracieux, "2026-11-01", "2026-10-24"),
            ["2026-12-28", "", "2026-12-28", ""]),
        // 31 Oct 2026 → 1 Jan 2027 (Friday) → Monday 4 Jan.
        row("new-year", facts(Gracieux, "2026-11-10", "2026-10-31"),
            ["2027-01-04", "", "2027-01-04", ""]),
        // 7 Mar 2026 → 8 May (Friday) → Monday 11 May.
        row("8-may", facts(Gracieux, "2026-03-10", "2026-03-07"),
            ["2026-05-11", "", "2026-05-11", ""]),
        // 2 Feb 2026 → 3 Apr, Good Friday: a working day nationally.
        row("good-friday-national", facts(Gracieux, "2026-02-10", "2026-02-02"),
            ["2026-04-03", "", "2026-04-03", ""]),
        // Same in Alsace-Moselle: Good Friday, the weekend, Easter Monday → Tuesday 7 Apr.
        Row { why: "good-friday-alsace", facts: facts(Gracieux, "2026-02-10", "2026-02-02"),
            calendar: Calendar::new(Region::AlsaceMoselle),
            expect: ["2026-04-07", "", "2026-04-07", ""] },

        // ---- Implicit and explicit rejections -----------------------------------------------
        // Gracieux received 4 Nov 2026 → implicit Monday 4 Jan 2027 (future on 27 Nov): court
        // limit counted from it, 4 Mar + 1 = Friday 5 Mar, not yet running.
        row("implicit-future", with(facts(Hierarchique, "2026-11-27", "2026-10-20"), |f| {
                f.gracieux = rec("2026-11-02", "2026-11-04", "") }),
            ["2026-12-21", "2027-01-04", "2027-03-05", ""]),
        // Received 20 Oct 2026 → implicit Sunday 20 Dec (no roll-over); court: 20 Feb + 1 =
        // Sunday 21 Feb 2027 → Monday 22 Feb.
        row("implicit-on-sunday", with(facts(Defenseur, "2027-01-10", "2026-10-01"), |f| {
                f.gracieux = rec("2026-10-16", "2026-10-20", "") }),
            ["2026-12-02", "2026-12-20", "2027-02-22", ""]),
        // Received 31 Dec 2026 → implicit clamped to 28 Feb 2027; court: min(28 Apr + 1,
        // add_months(1 Mar) = 1 May) = Thursday 29 Apr.
        row("implicit-eom", with(facts(Defenseur, "2027-03-10", "2026-12-01"), |f| {
                f.gracieux = rec("2026-12-29", "2026-12-31", "") }),
            ["2027-02-02", "2027-02-28", "2027-04-29", ""]),
        // Explicit rejection 10 Dec 2026 before the implicit date: rejet_implicite null; court
        // 10 Feb + 1 = Thursday 11 Feb 2027.
        row("explicit-rejection", with(facts(Defenseur, "2027-01-05", "2026-10-20"), |f| {
                f.gracieux = rec("2026-11-02", "2026-11-04", "2026-12-10") }),
            ["2026-12-21", "", "2027-02-11", ""]),
        // Abroad, explicit rejection: 4 months (R. 421-7): 10 Apr + 1 = Sunday 11 Apr → Monday
        // 12 Apr 2027. A keeps 2 months.
        row("abroad-explicit-rejection", with(facts(Defenseur, "2027-01-05", "2026-10-20"), |f| {
                f.lives_abroad = true;
                f.gracieux = rec("2026-11-02", "2026-11-04", "2026-12-10") }),
            ["2026-12-21", "", "2027-04-12", ""]),
        // Applied at a consulate while living in France: the place of the application gives
        // no extension (R. 421-7 is for those who live abroad): 2 months, as in France.
        row("consulate-living-in-france", facts(Gracieux, "2026-11-27", "2026-10-20"),
            ["2026-12-21", "", "2026-12-21", ""]),
        // Abroad, implicit rejection 4 Jan 2027: 2 months as the safe date → 5 Mar.
        row("abroad-implicit-rejection", with(facts(Defenseur, "2027-01-20", "2026-10-20"), |f| {
                f.lives_abroad = true;
                f.gracieux = rec("2026-11-02", "2026-11-04", "") }),
            ["2026-12-21", "2027-01-04", "2027-03-05", ""]),
        // Abroad, no recours, explicit decision: 20 Oct + 4 months = 20 Feb + 1 = Sunday 21 Feb
        // → Monday 22 Feb 2027; A is still 21 Dec 2026 (no distance extension).
        row("abroad-no-recours", with(facts(Gracieux, "2026-11-27", "2026-10-20"), |f| {
                f.lives_abroad = true }),
            ["2026-12-21", "", "2027-02-22", ""]),
        // Abroad, explicit rejection notified 31 Dec 2027: 4 months → 30 Apr + 1 = 1 May =
        // add_months(1 Jan) → Monday 1 May 2028 is a holiday → Tuesday 2 May.
        row("abroad-1-may", with(facts(Defenseur, "2028-01-10", "2027-11-15"), |f| {
                f.lives_abroad = true;
                f.gracieux = rec("2027-11-20", "2027-11-25", "2027-12-31") }),
            ["2028-01-17", "", "2028-05-02", ""]),
        // Abroad, both recours in time and explicitly rejected; the later rejection (15 Jan
        // 2027) + 4 months = 15 May + 1 = Sunday 16 May → Monday 17 May is Whit Monday →
        // Tuesday 18 May.
        row("abroad-both-explicit", with(facts(Defenseur, "2027-01-20", "2026-10-20"), |f| {
                f.lives_abroad = true;
                f.gracieux = rec("2026-11-02", "2026-11-04", "2026-12-10");
                f.hierarchique = rec("2026-11-28", "2026-12-01", "2027-01-15") }),
            ["2026-12-21", "", "2027-05-18", ""]),
        // Explicit rejection 1 Feb 2027 after the implicit one (4 Jan) but within its délai
        // (until 5 Mar): R. 421-2, the délai restarts: 1 Apr + 1 = Friday 2 Apr.
        row("explicit-after-implicit", with(facts(Defenseur, "2027-02-10", "2026-10-20"), |f| {
                f.gracieux = rec("2026-11-02", "2026-11-04", "2027-02-01") }),
            ["2026-12-21", "", "2027-04-02", ""]),
        // Explicit rejection 20 Mar 2027, after the délai against the implicit one ended
        // (5 Mar): it does not reopen it; the limit stays 5 Mar.
        row("explicit-too-late", with(facts(Defenseur, "2027-03-25", "2026-10-20"), |f| {
                f.gracieux = rec("2026-11-02", "2026-11-04", "2027-03-20") }),
            ["2026-12-21", "", "2027-03-05", ""]),

        // ---- Reasons of an implicit rejection (CRPA L. 232-4; CE, avis, 2 oct. 2025) ------
        // The gracieux of « implicit-future » (implicit 4 Jan 2027, court limit Friday 5 Mar).
        // Writing the request on 15 Jan: not counted as sent, the limit stays 5 Mar (a note
        // says what sending it changes).
        row("motifs-letter", with(facts(Motifs, "2027-01-15", "2026-10-20"), |f| {
                f.gracieux = rec("2026-11-02", "2026-11-04", "") }),
            ["2026-12-21", "2027-01-04", "2027-03-05", ""]),
        // Asked 15 Jan, reasons received Wednesday 10 Feb: 10 Apr + 1 = Sunday 11 Apr →
        // Monday 12 Apr 2027 (Easter Monday is 29 Mar); one year after the request (15 Jan
        // 2028) is later, so no cap.
        row("motifs-communicated", with(facts(Defenseur, "2027-03-01", "2026-10-20"), |f| {
                f.gracieux = rec("2026-11-02", "2026-11-04", "");
                f.reasons = Some(ReasonsRequest { envoi: day("2027-01-15"),
                    communication: od("2027-02-10") }) }),
            ["2026-12-21", "2027-01-04", "2027-04-12", ""]),
        // Asked 15 Jan, nothing yet on 5 Feb (the month runs to 15 Feb): the earliest the
        // limit can be is two months after the request, 15 Mar + 1 = Tuesday 16 Mar, later
        // than 5 Mar.
        row("motifs-awaited", with(facts(Defenseur, "2027-02-05", "2026-10-20"), |f| {
                f.gracieux = rec("2026-11-02", "2026-11-04", "");
                f.reasons = Some(ReasonsRequest { envoi: day("2027-01-15"), communication: None }) }),
            ["2026-12-21", "2027-01-04", "2027-03-16", ""]),
        // Asked 15 Jan, nothing by 15 Feb: one year from the request, 15 Jan 2028 (a Saturday,
        // kept without « +1 day » or roll-over, the earliest reading, as for Czabaj).
        row("motifs-never-came", with(facts(Defenseur, "2027-03-20", "2026-10-20"), |f| {
                f.gracieux = rec("2026-11-02", "2026-11-04", "");
                f.reasons = Some(ReasonsRequest { envoi: day("2027-01-15"), communication: None }) }),
            ["2026-12-21", "2027-01-04", "2028-01-15", ""]),
        // Reasons received late, 1 Dec 2027: two months would run to 1 Feb + 1 = Wednesday
        // 2 Feb 2028, past one year after the request: capped at 15 Jan 2028.
        row("motifs-capped-at-one-year", with(facts(Defenseur, "2027-12-05", "2026-10-20"), |f| {
                f.gracieux = rec("2026-11-02", "2026-11-04", "");
                f.reasons = Some(ReasonsRequest { envoi: day("2027-01-15"),
                    communication: od("2027-12-01") }) }),
            ["2026-12-21", "2027-01-04", "2028-01-15", ""]),
        // Asked 10 Mar, after the 5 Mar limit: L. 232-4 wants the request within the délai; no
        // extension, the limit stays 5 Mar.
        row("motifs-asked-too-late", with(facts(Defenseur, "2027-03-25", "2026-10-20"), |f| {
                f.gracieux = rec("2026-11-02", "2026-11-04", "");
                f.reasons = Some(ReasonsRequest { envoi: day("2027-03-10"),
                    communication: od("2027-03-20") }) }),
            ["2026-12-21", "2027-01-04", "2027-03-05", ""]),
        // « both-in-time »: the court délai runs from the hiérarchique's implicit rejection
        // (1 Feb 2027, limit 2 Apr). Reasons asked 15 Feb, received Monday 1 Mar: 1 May + 1 =
        // Sunday 2 May → Monday 3 May 2027.
        row("motifs-hierarchique", with(facts(Defenseur, "2027-03-10", "2026-10-20"), |f| {
                f.gracieux = rec("2026-11-02", "2026-11-04", "2026-12-10");
                f.hierarchique = rec("2026-11-28", "2026-12-01", "");
                f.reasons = Some(ReasonsRequest { envoi: day("2027-02-15"),
                    communication: od("2027-03-01") }) }),
            ["2026-12-21", "2027-02-01", "2027-05-03", ""]),
        // Abroad, same dates: after an implicit rejection the safe reading is two months
        // (R. 421-7 may not apply), and the same two months run after the reasons: 12 Apr.
        row("motifs-abroad", with(facts(Defenseur, "2027-03-01", "2026-10-20"), |f| {
                f.lives_abroad = true;
                f.gracieux = rec("2026-11-02", "2026-11-04", "");
                f.reasons = Some(ReasonsRequest { envoi: day("2027-01-15"),
                    communication: od("2027-02-10") }) }),
            ["2026-12-21", "2027-01-04", "2027-04-12", ""]),
        // Explicit rejection: no implicit decision, so the request extends nothing; the
        // limit stays 11 Feb from « explicit-rejection ».
        row("motifs-after-explicit-rejection", with(facts(Defenseur, "2027-01-05", "2026-10-20"), |f| {
                f.gracieux = rec("2026-11-02", "2026-11-04", "2026-12-10");
                f.reasons = Some(ReasonsRequest { envoi: day("2026-12-20"), communication: None }) }),
            ["2026-12-21", "", "2027-02-11", ""]),

        // ---- Which recours count --------------------------------------------------------------
        // Gracieux (rejected 10 Dec) and hiérarchique (sent 28 Nov, received 1 Dec, implicit
        // Monday 1 Feb 2027) both within the initial délai: the later rejection wins (L. 411-2
        // al. 2): 1 Apr + 1 = Friday 2 Apr. rejet_implicite: the latest received (hiérarchique).
        row("both-in-time", with(facts(Defenseur, "2027-02-15", "2026-10-20"), |f| {
                f.gracieux = rec("2026-11-02", "2026-11-04", "2026-12-10");
                f.hierarchique = rec("2026-11-28", "2026-12-01", "") }),
            ["2026-12-21", "2027-02-01", "2027-04-02", ""]),
        // Both in time, the hiérarchique rejected explicitly (15 Dec) before the gracieux's
        // implicit rejection (4 Jan): the court délai runs from 4 Jan → 5 Mar. The latest
        // recours received is the hiérarchique, explicitly rejected: rejet_implicite null.
        row("both-in-time-gracieux-later", with(facts(Defenseur, "2027-01-20", "2026-10-20"), |f| {
                f.gracieux = rec("2026-11-02", "2026-11-04", "");
                f.hierarchique = rec("2026-11-10", "2026-11-13", "2026-12-15") }),
            ["2026-12-21", "", "2027-03-05", ""]),
        // Hiérarchique sent 15 Jan 2027, after A (21 Dec): ignored; the délai runs from the
        // gracieux's rejection (10 Dec) → 11 Feb. rejet_implicite: the hiérarchique, the latest
        // received (18 Jan → 18 Mar).
        row("hierarchique-late", with(facts(Defenseur, "2027-02-01", "2026-10-20"), |f| {
                f.gracieux = rec("2026-11-02", "2026-11-04", "2026-12-10");
                f.hierarchique = rec("2027-01-15", "2027-01-18", "") }),
            ["2026-12-21", "2027-03-18", "2027-02-11", ""]),
        // Writing the hiérarchique on 5 Jan 2027, after A: it will not count; the court limit
        // stays 11 Feb from the gracieux's rejection.
        row("letter-hierarchique-late", with(facts(Hierarchique, "2027-01-05", "2026-10-20"), |f| {
                f.gracieux = rec("2026-11-02", "2026-11-04", "2026-12-10") }),
            ["2026-12-21", "", "2027-02-11", ""]),
        // A second gracieux does not restart anything: the court limit comes from the first
        // one's implicit rejection (4 Jan → 5 Mar), not yet running on 1 Dec.
        row("second-gracieux", with(facts(Gracieux, "2026-12-01", "2026-10-20"), |f| {
                f.gracieux = rec("2026-11-02", "2026-11-04", "") }),
            ["2026-12-21", "2027-01-04", "2027-03-05", ""]),
        // Gracieux sent 10 Jan 2027, after A: it interrupted nothing; the court limit is still
        // counted from the notification (21 Dec 2026, passed).
        row("late-gracieux", with(facts(Hierarchique, "2027-02-05", "2026-10-20"), |f| {
                f.gracieux = rec("2027-01-10", "2027-01-12", "2027-02-01") }),
            ["2026-12-21", "", "2026-12-21", ""]),
        // Gracieux postmarked on A itself (21 Dec) is in time: received 23 Dec → implicit
        // Tuesday 23 Feb 2027 → 23 Apr + 1 = Saturday 24 Apr → Monday 26 Apr.
        row("gracieux-on-last-day", with(facts(Defenseur, "2027-01-10", "2026-10-20"), |f| {
                f.gracieux = rec("2026-12-21", "2026-12-23", "") }),
            ["2026-12-21", "2027-02-23", "2027-04-26", ""]),
        // Postmarked one day late (22 Dec): interrupts nothing; the limit is 21 Dec.
        row("gracieux-one-day-late", with(facts(Defenseur, "2027-01-10", "2026-10-20"), |f| {
                f.gracieux = rec("2026-12-22", "2026-12-23", "") }),
            ["2026-12-21", "2027-02-23", "2026-12-21", ""]),
        // No postmark, but received 1 Dec (before A): it was sent in time. Implicit Monday
        // 1 Feb 2027 → Friday 2 Apr.
        row("envoi-unknown-received-in-time",
            with(facts(Defenseur, "2027-03-01", "2026-10-20"), |f| {
                f.gracieux = rec("", "2026-12-01", "") }),
            ["2026-12-21", "2027-02-01", "2027-04-02", ""]),
        // No postmark and received 28 Dec (after A): cannot tell; conservatively from the
        // notification (21 Dec).
        row("envoi-unknown-received-late", with(facts(Defenseur, "2027-01-10", "2026-10-20"), |f| {
                f.gracieux = rec("", "2026-12-28", "") }),
            ["2026-12-21", "2027-02-28", "2026-12-21", ""]),
        // Sent in time but no receipt date: no implicit date, no court limit.
        row("reception-missing", with(facts(Defenseur, "2027-01-10", "2026-10-20"), |f| {
                f.gracieux = rec("2026-11-02", "", "") }),
            ["2026-12-21", "", "", ""]),
        // No notification date: nothing counted from it; the implicit date still is.
        row("notification-missing", with(facts(Hierarchique, "2026-11-27", "2026-10-20"), |f| {
                f.notification = None;
                f.gracieux = rec("2026-11-02", "2026-11-04", "") }),
            ["", "2027-01-04", "", ""]),
        // Signalement: no decision, no dates, even if a notification is given.
        row("signalement", facts(Signalement, "2026-11-27", "2026-10-20"),
            ["", "", "", ""]),

        // ---- Czabaj (no voies et délais) -------------------------------------------------------
        // One year from 20 Oct 2026: 20 Oct 2027 (no +1, no roll-over); the two-month dates
        // are still shown as the recommendation.
        row("czabaj-basic", with(facts(Gracieux, "2026-11-27", "2026-10-20"), |f| {
                f.voies_mentionnees = false }),
            ["2026-12-21", "", "2026-12-21", "2027-10-20"]),
        // Gracieux sent 1 Feb 2027 (after A, within the year) interrupts the one-year délai:
        // received 3 Feb → implicit Saturday 3 Apr → 3 Jun + 1 = Friday 4 Jun.
        row("czabaj-late-gracieux-counts", with(facts(Defenseur, "2027-05-01", "2026-10-20"), |f| {
                f.voies_mentionnees = false;
                f.gracieux = rec("2027-02-01", "2027-02-03", "") }),
            ["2026-12-21", "2027-04-03", "2027-06-04", "2027-10-20"]),
        // Two recours sent after A but within the year: only the first (gracieux, 1 Feb)
        // interrupts; implicit Saturday 3 Apr → Friday 4 Jun. The hiérarchique (received
        // 12 Feb → implicit Monday 12 Apr) is the latest received, so it is rejet_implicite.
        row("czabaj-two-late-recours", with(facts(Defenseur, "2027-05-01", "2026-10-20"), |f| {
                f.voies_mentionnees = false;
                f.gracieux = rec("2027-02-01", "2027-02-03", "");
                f.hierarchique = rec("2027-02-10", "2027-02-12", "") }),
            ["2026-12-21", "2027-04-12", "2027-06-04", "2027-10-20"]),
        // Leap day: 29 Feb 2024 + 12 months clamps to 28 Feb 2025.
        row("czabaj-leap", with(facts(Gracieux, "2024-03-10", "2024-02-29"), |f| {
                f.voies_mentionnees = false }),
            ["2024-04-30", "", "2024-04-30", "2025-02-28"]),
        // One year already passed on the letter's date (20 Oct 2025 + 12 months).
        row("czabaj-passed", with(facts(Defenseur, "2026-11-27", "2025-10-20"), |f| {
                f.voies_mentionnees = false }),
            ["2025-12-22", "", "2025-12-22", "2026-10-20"]),
    ]
}

#[test]
fn dated_cases() {
    let rows = rows();
    assert!(rows.len() >= 40, "only {} dated cases", rows.len());
    let mut failures = Vec::new();
    for r in &rows {
        let got = compute_with(&r.facts, &r.calendar).unwrap_or_else(|e| panic!("{}: {e}", r.why));
        let got = [
            &got.recours_administratif,
            &got.rejet_implicite,
            &got.tribunal,
            &got.czabaj,
        ]
        .map(|x| x.as_ref().map(|x| model::iso(x.date)).unwrap_or_default());
        let want = r.expect.map(str::to_string);
        if got != want {
            failures.push(format!("{}: got {got:?}, want {want:?}", r.why));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

fn case(name: &str) -> Deadlines {
    let r = rows()
        .into_iter()
        .find(|r| r.why == name)
        .expect("row exists");
    compute_with(&r.facts, &r.calendar).unwrap()
}

fn has(d: &Deadlines, pred: impl Fn(&Warning) -> bool) -> bool {
    d.warnings.iter().any(pred)
}

// ---- Warnings and flags, on the rows above ------------------------------------------------

#[test]
fn future_implicit_rejection_means_not_yet_running() {
    let d = case("implicit-future");
    let t = d.tribunal.as_ref().unwrap();
    assert_eq!(t.starts_on, od("2027-01-04"));
    assert!(matches!(
        t.trigger,
        Trigger::ImplicitRejection(RecoursKind::Gracieux, _)
    ));
    assert!(has(
        &d,
        |w| matches!(w, Warning::NotYetRunning { starts, .. } if *starts == day("2027-01-04"))
    ));
    // No « passed » or « soon » about a délai that has not started.
    assert!(!has(&d, |w| matches!(w, Warning::Passed { .. })));
    // The hiérarchique being written, in time, would extend it (L. 411-2 al. 2): said in a note.
    assert!(
        t.notes
            .iter()
            .any(|n| n.contains("L. 411-2, al.\u{a0}2") || n.contains("L. 411-2, al. 2"))
    );
}

#[test]
fn past_implicit_rejection_is_running() {
    let d = case("implicit-on-sunday");
    assert_eq!(d.tribunal.as_ref().unwrap().starts_on, None);
    assert_eq!(d.rejet_implicite.as_ref().unwrap().safe, None);
}

#[test]
fn abroad_implicit_is_uncertain_and_mentions_four_months() {
    let d = case("abroad-implicit-rejection");
    let t = d.tribunal.unwrap();
    assert_eq!(t.months, 2);
    assert_eq!(t.certainty, Certainty::Uncertain);
    // 4 Jan 2027 + 4 months = 4 May + 1 = Wednesday 5 May.
    assert!(
        t.notes.iter().any(|n| n.contains("mercredi 5 mai 2027")),
        "{:?}",
        t.notes
    );
}

#[test]
fn abroad_explicit_is_four_months_and_computed() {
    let d = case("abroad-explicit-rejection");
    let t = d.tribunal.unwrap();
    assert_eq!(t.months, 4);
    assert_eq!(t.certainty, Certainty::Computed);
    assert!(t.basis.contains("R. 421-7"));
    let a = d.recours_administratif.unwrap();
    assert_eq!(a.months, 2);
    assert!(a.notes.iter().any(|n| n.contains("R. 421-7")));
}

#[test]
fn late_hierarchique_is_ignored_with_a_warning() {
    let d = case("hierarchique-late");
    assert!(has(&d, |w| matches!(
        w,
        Warning::EarlierTooLate {
            recours: RecoursKind::Hierarchique,
            ..
        }
    )));
    let t = d.tribunal.unwrap();
    assert_eq!(
        t.trigger,
        Trigger::ExplicitRejection(RecoursKind::Gracieux, day("2026-12-10"))
    );
}

#[test]
fn letter_sent_after_a_is_flagged() {
    let d = case("letter-hierarchique-late");
    assert!(has(&d, |w| matches!(
        w,
        Warning::LetterTooLate {
            recours: RecoursKind::Hierarchique,
            gracieux_counts: true,
            ..
        }
    )));
    let text = d.warnings[0].to_string();
    assert!(text.contains("rejet de votre recours gracieux"), "{text}");
}

#[test]
fn second_gracieux_is_flagged() {
    let d = case("second-gracieux");
    assert!(has(&d, |w| matches!(
        w,
        Warning::SecondRecours {
            recours: RecoursKind::Gracieux
        }
    )));
}

#[test]
fn late_gracieux_interrupts_nothing_and_the_deadline_has_passed() {
    let d = case("late-gracieux");
    assert!(has(&d, |w| matches!(
        w,
        Warning::EarlierTooLate {
            recours: RecoursKind::Gracieux,
            ..
        }
    )));
    assert!(has(&d, |w| matches!(
        w,
        Warning::Passed {
            kind: DeadlineKind::Tribunal,
            ..
        }
    )));
    assert!(has(&d, |w| matches!(
        w,
        Warning::LetterTooLate {
            gracieux_counts: false,
            ..
        }
    )));
    // Most urgent first.
    assert!(matches!(
        d.warnings[0],
        Warning::Passed { .. } | Warning::LetterTooLate { .. }
    ));
}

#[test]
fn unknown_envoi_is_conservative_and_says_which_key() {
    let d = case("envoi-unknown-received-late");
    assert_eq!(d.tribunal.as_ref().unwrap().certainty, Certainty::Uncertain);
    let w = d
        .warnings
        .iter()
        .find(|w| matches!(w, Warning::EnvoiUnknown { .. }))
        .unwrap();
    assert!(w.to_string().contains("recours_gracieux.envoi"));
}

#[test]
fn missing_reception_names_the_key_and_gives_the_earliest_date() {
    let d = case("reception-missing");
    let w = d
        .warnings
        .iter()
        .find(|w| matches!(w, Warning::Missing { .. }))
        .unwrap();
    let text = w.to_string();
    assert!(text.contains("recours_gracieux.reception"), "{text}");
    // Sent 2 Nov → implicit rejection not before 2 Jan 2027.
    assert!(text.contains("2 janvier 2027"), "{text}");
}

#[test]
fn missing_notification_names_the_key() {
    let d = case("notification-missing");
    let w = d
        .warnings
        .iter()
        .find(|w| matches!(w, Warning::Missing { .. }))
        .unwrap();
    assert!(w.to_string().contains("decision.notification"));
}

#[test]
fn signalement_has_no_deadline_and_says_why() {
    let d = case("signalement");
    assert_eq!(d.warnings, vec![Warning::SignalementNoDeadline]);
}

#[test]
fn defenseur_stops_nothing() {
    let d = case("explicit-rejection");
    assert!(has(&d, |w| *w == Warning::DefenseurStopsNothing));
    assert!(
        Warning::DefenseurStopsNothing
            .to_string()
            .contains("n’interrompt ni ne suspend aucun délai")
    );
}

#[test]
fn explicit_rejection_too_late_is_doubtful() {
    let d = case("explicit-too-late");
    assert_eq!(d.tribunal.as_ref().unwrap().certainty, Certainty::Uncertain);
    assert!(has(&d, |w| matches!(
        w,
        Warning::LateExplicitRejection { .. }
    )));
    assert!(has(&d, |w| matches!(
        w,
        Warning::Passed {
            kind: DeadlineKind::Tribunal,
            ..
        }
    )));
}

#[test]
fn czabaj_shows_both_dates_and_flags_the_two_months_as_not_enforceable() {
    let d = case("czabaj-basic");
    assert_eq!(
        d.tribunal.as_ref().unwrap().certainty,
        Certainty::NotEnforceable
    );
    assert_eq!(
        d.recours_administratif.as_ref().unwrap().certainty,
        Certainty::NotEnforceable
    );
    assert!(d.czabaj.as_ref().unwrap().basis.contains("387763"));
    assert!(has(&d, |w| *w == Warning::NoVoiesMention));
}

#[test]
fn czabaj_letter_after_two_months_still_interrupts_the_year() {
    let f = with(facts(Gracieux, "2027-03-01", "2026-10-20"), |f| {
        f.voies_mentionnees = false
    });
    let d = compute(&f).unwrap();
    assert!(has(&d, |w| matches!(
        w,
        Warning::LetterLateButCzabaj { .. }
    )));
    assert!(!has(&d, |w| matches!(w, Warning::LetterTooLate { .. })));
    assert!(has(
        &d,
        |w| matches!(w, Warning::PassedNotEnforceable { czabaj, .. }
        if *czabaj == day("2027-10-20"))
    ));
}

#[test]
fn czabaj_only_the_first_late_recours_counts() {
    let d = case("czabaj-two-late-recours");
    assert!(has(&d, |w| matches!(
        w,
        Warning::EarlierLateButCzabaj {
            recours: RecoursKind::Gracieux,
            ..
        }
    )));
    assert!(has(&d, |w| matches!(
        w,
        Warning::EarlierTooLate {
            recours: RecoursKind::Hierarchique,
            ..
        }
    )));
    // The implicit rejection shown is the hiérarchique's, which opens nothing: said so.
    let ri = d.rejet_implicite.unwrap();
    assert!(
        ri.notes
            .iter()
            .any(|n| n.contains("n’ouvre pas de nouveau")),
        "{:?}",
        ri.notes
    );
    assert_eq!(d.tribunal.unwrap().certainty, Certainty::NotEnforceable);
}

#[test]
fn czabaj_late_letter_after_a_counted_gracieux_interrupts_nothing() {
    // The gracieux (in time) already interrupted the délai; a hiérarchique after A cannot,
    // even though the decision lacked the voies et délais.
    let f = with(facts(Hierarchique, "2027-01-05", "2026-10-20"), |f| {
        f.voies_mentionnees = false;
        f.gracieux = rec("2026-11-02", "2026-11-04", "2026-12-10");
    });
    let d = compute(&f).unwrap();
    assert!(has(&d, |w| matches!(
        w,
        Warning::LetterTooLate {
            gracieux_counts: true,
            ..
        }
    )));
    assert!(!has(&d, |w| matches!(
        w,
        Warning::LetterLateButCzabaj { .. }
    )));
}

#[test]
fn abroad_four_months_is_explained() {
    let t = case("abroad-both-explicit").tribunal.unwrap();
    assert_eq!(t.months, 4);
    assert!(
        t.basis.contains("L. 411-2, al.\u{a0}2") || t.basis.contains("L. 411-2, al. 2"),
        "{}",
        t.basis
    );
    assert!(
        t.notes.iter().any(|n| n.contains("quatre mois")),
        "{:?}",
        t.notes
    );
    assert!(
        t.notes.iter().any(|n| n.contains("lundi de Pentecôte")),
        "{:?}",
        t.notes
    );
}

#[test]
fn czabaj_passed() {
    let d = case("czabaj-passed");
    assert!(has(&d, |w| matches!(
        w,
        Warning::Passed {
            kind: DeadlineKind::Czabaj,
            ..
        }
    )));
}

#[test]
fn deadline_within_ten_days_is_flagged() {
    // Letter on 15 Dec 2026, A on Monday 21 Dec: 6 days left to post the recours.
    let d = compute(&facts(Gracieux, "2026-12-15", "2026-10-20")).unwrap();
    assert!(has(&d, |w| *w
        == Warning::Soon {
            kind: DeadlineKind::RecoursAdministratif,
            date: NaiveDate::from_ymd_opt(2026, 12, 21).unwrap(),
            days: 6
        }));
    // 11 days before: no warning.
    let d = compute(&facts(Gracieux, "2026-12-10", "2026-10-20")).unwrap();
    assert!(!has(&d, |w| matches!(w, Warning::Soon { .. })));
    // On the last day itself.
    let d = compute(&facts(Gracieux, "2026-12-21", "2026-10-20")).unwrap();
    assert!(has(&d, |w| matches!(w, Warning::Soon { days: 0, .. })));
    assert!(d.warnings[0].to_string().contains("aujourd’hui"));
    // The court limit, for a Défenseur letter: 12 days before Thursday 11 Feb → none; 5 → yes.
    let late = |date| {
        compute(&with(facts(Defenseur, date, "2026-10-20"), |f| {
            f.gracieux = rec("2026-11-02", "2026-11-04", "2026-12-10")
        }))
        .unwrap()
    };
    assert!(!has(&late("2027-01-30"), |w| matches!(
        w,
        Warning::Soon { .. }
    )));
    assert!(has(&late("2027-02-06"), |w| matches!(
        w,
        Warning::Soon {
            kind: DeadlineKind::Tribunal,
            days: 5,
            ..
        }
    )));
}

#[test]
fn letter_in_time_is_said_to_interrupt() {
    let d = case("contract-example");
    let t = d.tribunal.as_ref().unwrap();
    assert!(
        t.notes.iter().any(|n| n.contains("interrompt ce délai")),
        "{:?}",
        t.notes
    );
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
}

#[test]
fn roll_over_is_explained() {
    let d = case("easter-monday-2026");
    let a = d.recours_administratif.unwrap();
    assert_eq!(a.rolled_from, od("2026-04-06"));
    assert!(
        a.notes.iter().any(|n| n.contains("le lundi de Pâques")),
        "{:?}",
        a.notes
    );
    assert!(a.notes[0].contains("le mardi 7 avril 2026"));
}

#[test]
fn safe_dates_are_five_days_earlier_on_working_days() {
    let d = case("contract-example");
    // Monday 21 Dec − 5 = Wednesday 16 Dec.
    assert_eq!(d.recours_administratif.unwrap().safe, od("2026-12-16"));
    let d = case("czabaj-basic");
    // Wednesday 20 Oct 2027 − 5 = Friday 15 Oct.
    assert_eq!(d.czabaj.unwrap().safe, od("2027-10-15"));
}

#[test]
fn inconsistent_facts_are_errors() {
    let f = with(facts(Defenseur, "2027-01-10", "2026-10-20"), |f| {
        f.gracieux = rec("2026-11-05", "2026-11-04", "")
    });
    let e = compute(&f).unwrap_err();
    assert_eq!(e.key().to_string(), "recours_gracieux.reception");
}

// ---- JSON contract ------------------------------------------------------------------------

#[test]
fn json_has_the_contract_keys() {
    let d = case("implicit-future");
    let v = serde_json::to_value(&d).unwrap();
    assert_eq!(v["limite_recours_administratif"], "2026-12-21");
    assert_eq!(v["rejet_implicite"], "2027-01-04");
    assert_eq!(v["limite_tribunal"], "2027-03-05");
    assert!(v["limite_czabaj"].is_null());
    let t = &v["details"]["limite_tribunal"];
    assert_eq!(t["delai_ouvert"], false);
    assert_eq!(t["ouverture"], "2027-01-04");
    assert_eq!(t["certitude"], "calculee");
    assert_eq!(t["date_conseillee"], "2027-02-26");
    assert!(t["fondement"].as_str().unwrap().contains("R. 421-2"));
    assert!(
        v["avertissements"]
            .as_array()
            .unwrap()
            .iter()
            .all(|w| w.is_string())
    );
    assert!(v["avis"].as_str().unwrap().contains("conseil juridique"));
}

#[test]
fn json_nulls_when_unknown() {
    let v = serde_json::to_value(case("signalement")).unwrap();
    for key in [
        "limite_recours_administratif",
        "rejet_implicite",
        "limite_tribunal",
    ] {
        assert!(v[key].is_null(), "{key}");
    }
    let v = serde_json::to_value(case("explicit-rejection")).unwrap();
    assert!(v["rejet_implicite"].is_null());
    assert_eq!(v["limite_tribunal"], "2027-02-11");
}

// ---- Rendered text --------------------------------------------------------------------------

#[test]
fn rendered_text_fits_80_columns_and_says_everything() {
    for r in rows() {
        let d = compute_with(&r.facts, &r.calendar).unwrap();
        let text = render(&d);
        for line in text.lines() {
            assert!(line.chars().count() <= 80, "{}: {line:?}", r.why);
        }
        assert!(text.contains("conseil juridique"), "{}", r.why);
        for w in &d.warnings {
            let first_words: String = w.to_string().chars().take(20).collect();
            assert!(text.contains(&first_words), "{}: {first_words}", r.why);
        }
    }
    // No split inside a hyphenated word.
    let text = render(&case("late-gracieux"));
    assert!(!text.lines().any(|l| l.ends_with("faites-")), "{text}");
    let text = render(&case("contract-example"));
    assert!(text.contains("le lundi 21 décembre 2026"), "{text}");
    assert!(
        text.contains("Date conseillée\u{a0}: le mercredi 16 décembre 2026"),
        "{text}"
    );
    assert!(text.contains("CE 15 déc. 2023, n°\u{a0}472836"), "{text}");
}

// ---- Properties of whole computations -------------------------------------------------------

mod properties {
    use super::*;
    use crate::deadlines::arith::add_months;
    use proptest::prelude::*;

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        (0i64..36_500).prop_map(|n| day("2001-01-01") + chrono::Duration::days(n))
    }

    fn working(x: NaiveDate) -> bool {
        Calendar::NATIONAL.is_working_day(x)
    }

    /// A Défenseur letter a year after `n`, with a gracieux sent `sent` days after `n` and
    /// received `delay` days later, optionally abroad.
    fn with_gracieux(n: NaiveDate, sent: i64, delay: i64, abroad: bool) -> Facts {
        let envoi = n + chrono::Duration::days(sent);
        let reception = envoi + chrono::Duration::days(delay);
        Facts {
            letter: Some(Defenseur),
            letter_date: n + chrono::Duration::days(400),
            notification: Some(n),
            voies_mentionnees: true,
            lives_abroad: abroad,
            gracieux: Some(EarlierRecours {
                envoi: Some(envoi),
                reception: Some(reception),
                rejet: None,
            }),
            hierarchique: None,
            reasons: None,
        }
    }

    proptest! {
        #[test]
        fn limits_fall_on_working_days_after_two_months(
            n in any_date(), sent in 0i64..90, delay in 0i64..20, abroad in any::<bool>()
        ) {
            let dl = compute(&with_gracieux(n, sent, delay, abroad)).unwrap();
            let a = dl.recours_administratif.unwrap();
            prop_assert!(working(a.date));
            prop_assert!(a.date >= add_months(n, 2));
            let t = dl.tribunal.unwrap();
            prop_assert!(working(t.date));
            prop_assert!(t.date >= add_months(t.trigger.date(), 2));
            prop_assert!(t.safe.unwrap() < t.date && working(t.safe.unwrap()));
            // In time iff postmarked by A; then the limit runs from the implicit rejection.
            let envoi = n + chrono::Duration::days(sent);
            if envoi <= a.date {
                prop_assert!(matches!(t.trigger, Trigger::ImplicitRejection(..)));
            } else {
                prop_assert_eq!(t.trigger, Trigger::Notification(n));
            }
        }

        #[test]
        fn later_receipt_never_gives_an_earlier_court_limit(
            n in any_date(), delay in 0i64..30, extra in 0i64..30
        ) {
            // Sent on the notification day, so always in time.
            let early = compute(&with_gracieux(n, 0, delay, false)).unwrap();
            let late = compute(&with_gracieux(n, 0, delay + extra, false)).unwrap();
            prop_assert!(early.tribunal.unwrap().date <= late.tribunal.unwrap().date);
            prop_assert!(
                early.rejet_implicite.unwrap().date <= late.rejet_implicite.unwrap().date
            );
        }

        #[test]
        fn later_notification_never_gives_earlier_limits(n in any_date(), gap in 0i64..400) {
            let f = |n: NaiveDate| {
                compute(&facts(Gracieux, "2199-01-01", &model::iso(n))).unwrap()
            };
            let (x, y) = (f(n), f(n + chrono::Duration::days(gap)));
            let a = |d: &Deadlines| d.recours_administratif.as_ref().unwrap().date;
            prop_assert!(a(&x) <= a(&y));
            prop_assert!(x.tribunal.unwrap().date <= y.tribunal.unwrap().date);
        }

        #[test]
        fn rendering_never_exceeds_80_columns(
            n in any_date(), sent in 0i64..90, delay in 0i64..20, abroad in any::<bool>()
        ) {
            let text = render(&compute(&with_gracieux(n, sent, delay, abroad)).unwrap());
            prop_assert!(text.lines().all(|l| l.chars().count() <= explain::WIDTH));
        }
    }
}

#[test]
fn reasons_of_an_implicit_rejection_extend_the_delay_at_most_one_year_after_the_request() {
    let t = case("implicit-future").tribunal.unwrap();
    let note = t
        .notes
        .iter()
        .find(|n| n.contains("L. 232-4"))
        .expect("the L. 232-4 note");
    let flat = note.replace(['\u{a0}', '\u{202f}'], " ");
    assert!(
        flat.contains("à condition de le faire avant cette date"),
        "{flat}"
    );
    assert!(
        flat.contains("deux mois après leur communication"),
        "{flat}"
    );
    assert!(
        flat.contains("sans pouvoir dépasser, dans tous les cas, un an après votre demande"),
        "{flat}"
    );
    assert!(
        !flat.contains("s'ils ne vous sont pas communiqués"),
        "{flat}"
    );
}

#[test]
fn a_caseload_review_has_the_dates_of_the_case_and_no_letter_warning() {
    // A gracieux sent on 2 Nov and received on 4 Nov 2026, looked at on 27 Nov with no letter
    // being written: the same dates as when writing to the Défenseur des droits that day,
    // but no warning about a letter (neither « Défenseur » nor « second recours »).
    let sent = |letter| {
        with(facts(Gracieux, "2026-11-27", "2026-10-20"), |f| {
            f.letter = letter;
            f.gracieux = rec("2026-11-02", "2026-11-04", "");
        })
    };
    let review = compute(&sent(None)).unwrap();
    let defenseur = compute(&sent(Some(Defenseur))).unwrap();
    let dates = |d: &Deadlines| d.all().map(|x| x.date).collect::<Vec<_>>();
    assert_eq!(dates(&review), dates(&defenseur));
    assert_eq!(review.letter, None);
    assert!(defenseur.warnings.contains(&Warning::DefenseurStopsNothing));
    assert!(
        !review.warnings.iter().any(|w| matches!(
            w,
            Warning::DefenseurStopsNothing
                | Warning::SecondRecours { .. }
                | Warning::LetterTooLate { .. }
                | Warning::LetterLateButCzabaj { .. }
        )),
        "{:?}",
        review.warnings
    );
    // Writing the gracieux again would be a second recours: the review is not that either.
    let again = compute(&sent(Some(Gracieux))).unwrap();
    assert!(again.warnings.contains(&Warning::SecondRecours {
        recours: RecoursKind::Gracieux
    }));
}

#[test]
fn reasons_letter_says_what_sending_it_in_time_changes() {
    let t = case("motifs-letter").tribunal.unwrap();
    let flat: Vec<String> = t
        .notes
        .iter()
        .map(|n| n.replace(['\u{a0}', '\u{202f}'], " "))
        .collect();
    let note = flat
        .iter()
        .find(|n| n.contains("Si cette demande de motifs est envoyée au plus tard le 5 mars 2027"))
        .unwrap_or_else(|| panic!("{flat:?}"));
    assert!(note.contains("soit le 15 janvier 2028"), "{note}");
    // The generic « you may ask for the reasons » note is replaced by this one.
    assert!(
        !flat
            .iter()
            .any(|n| n.contains("Vous pouvez demander les motifs")),
        "{flat:?}"
    );
    assert_eq!(t.certainty, Certainty::Computed);
}

#[test]
fn reasons_received_extend_the_court_limit_from_their_communication() {
    let t = case("motifs-communicated").tribunal.unwrap();
    assert_eq!(t.trigger, Trigger::ReasonsCommunicated(day("2027-02-10")));
    assert_eq!(t.certainty, Certainty::Computed);
    assert_eq!(t.months, 2);
    assert!(t.basis.contains("504677"), "{}", t.basis);
    assert!(
        t.meaning.contains("communiqués le 10 février 2027"),
        "{}",
        t.meaning
    );
}

#[test]
fn reasons_not_received_give_the_earliest_limit_and_say_it_is_uncertain() {
    let awaited = case("motifs-awaited").tribunal.unwrap();
    assert_eq!(awaited.certainty, Certainty::Uncertain);
    assert!(
        awaited.meaning.contains("au plus tôt"),
        "{}",
        awaited.meaning
    );
    assert!(awaited.basis.contains("504677"), "{}", awaited.basis);
    let note = awaited
        .notes
        .last()
        .unwrap()
        .replace(['\u{a0}', '\u{202f}'], " ");
    assert!(note.contains("le 15 février 2027"), "{note}");
    assert!(note.contains("au 15 janvier 2028"), "{note}");
    let never = case("motifs-never-came").tribunal.unwrap();
    assert_eq!(never.trigger, Trigger::ReasonsRequested(day("2027-01-15")));
    assert_eq!(never.certainty, Certainty::Uncertain);
    assert_eq!(never.months, 12);
}

#[test]
fn reasons_asked_after_the_court_limit_extend_nothing() {
    let d = case("motifs-asked-too-late");
    assert!(has(
        &d,
        |w| matches!(w, Warning::ReasonsTooLate { envoi, deadline }
        if *envoi == day("2027-03-10") && *deadline == day("2027-03-05"))
    ));
    let text = render(&d).replace(['\u{a0}', '\u{202f}'], " ");
    assert!(text.contains("ne le prolonge donc pas"), "{text}");
    let late_letter = compute(&with(facts(Motifs, "2027-03-08", "2026-10-20"), |f| {
        f.gracieux = rec("2026-11-02", "2026-11-04", "");
    }))
    .unwrap();
    assert!(has(&late_letter, |w| matches!(
        w,
        Warning::ReasonsTooLate { .. }
    )));
}

#[test]
fn a_request_for_the_file_is_said_to_stop_nothing() {
    let d = compute(&facts(
        LetterKind::Communication,
        "2026-11-27",
        "2026-10-20",
    ))
    .unwrap();
    assert!(has(&d, |w| matches!(w, Warning::CommunicationStopsNothing)));
    assert_eq!(d.tribunal.unwrap().date, day("2026-12-21"));
}
