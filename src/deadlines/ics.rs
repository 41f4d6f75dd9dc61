//! iCalendar (RFC 5545) export of the deadlines, so that a person or an association can put
//! the dates in a calendar with reminders.
//!
//! Each limit becomes two all-day events, the safe date and the legal last day, each with two
//! reminders; the implicit rejection becomes one event without reminder. The output is a pure
//! function of its inputs: UIDs are hashes of the event's content and DTSTAMP comes from the
//! caller (or the letter's date), never from the clock, so the same case exports to the same
//! bytes. Lines end in CRLF and are folded at 75 octets on UTF-8 boundaries (RFC 5545 §3.1).

use std::fmt::Write as _;

use chrono::{Days, NaiveDate, NaiveDateTime, NaiveTime};
use md5::{Digest, Md5};

use super::explain::{NOTICE, typo};
use super::model::{Deadline, DeadlineKind, Deadlines, iso};
use crate::french::date::long_date;

/// Reminders, as RFC 5545 durations before the all-day event's start (midnight): 09:00 seven
/// days before, and 09:00 the day before.
const ALARMS: [(&str, &str); 2] = [("-P6DT15H", "dans 7 jours"), ("-PT15H", "demain")];

/// Longest line, in octets, before folding (RFC 5545 §3.1), CRLF excluded.
pub const MAX_LINE_OCTETS: usize = 75;

/// What the caller can add to the export.
#[derive(Clone, Copy, Debug, Default)]
pub struct IcsOptions<'a> {
    /// DTSTAMP of every event; default: the letter's date at 00:00:00 UTC.
    pub stamp: Option<NaiveDateTime>,
    /// Whose case this is (a name or a file reference). It is shown in the summaries and
    /// enters the UIDs, so that an association's calendar keeps two people's identical dates
    /// apart.
    pub case_label: Option<&'a str>,
}

/// The deadlines as an iCalendar file (VCALENDAR with all-day VEVENTs and VALARMs).
pub fn to_ics(deadlines: &Deadlines, opts: &IcsOptions<'_>) -> String {
    let stamp = opts
        .stamp
        .unwrap_or_else(|| deadlines.letter_date.and_time(NaiveTime::MIN));
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let mut w = Writer::default();
    w.line("BEGIN:VCALENDAR");
    w.line("VERSION:2.0");
    w.line("PRODID:-//recours//delais//FR");
    w.line("CALSCALE:GREGORIAN");
    w.line("METHOD:PUBLISH");
    for d in deadlines.all() {
        if let Some(safe) = d.safe {
            let summary = format!("Date conseillée : {}", short_title(d.kind));
            event(
                &mut w,
                d,
                "conseillee",
                safe,
                &summary,
                &stamp,
                opts.case_label,
                true,
            );
        }
        let summary = match d.kind {
            DeadlineKind::RejetImplicite => short_title(d.kind).to_string(),
            _ => format!("Dernier jour : {}", short_title(d.kind)),
        };
        let alarms = d.kind != DeadlineKind::RejetImplicite;
        event(
            &mut w,
            d,
            "legale",
            d.date,
            &summary,
            &stamp,
            opts.case_label,
            alarms,
        );
    }
    w.line("END:VCALENDAR");
    w.out
}

fn short_title(kind: DeadlineKind) -> &'static str {
    match kind {
        DeadlineKind::RecoursAdministratif => "envoyer le recours gracieux ou hiérarchique",
        DeadlineKind::RejetImplicite => "rejet implicite du recours (silence)",
        DeadlineKind::Tribunal => "saisir le tribunal administratif",
        DeadlineKind::Czabaj => "saisir le tribunal (limite d’un an)",
    }
}

#[allow(clippy::too_many_arguments)] // one call site per role; a struct would only rename them
fn event(
    w: &mut Writer,
    d: &Deadline,
    role: &str,
    day: NaiveDate,
    summary: &str,
    stamp: &str,
    label: Option<&str>,
    alarms: bool,
) {
    let summary = typo(&match label {
        Some(l) => format!("{summary} ({l})"),
        None => summary.to_string(),
    });
    let uid_source = format!(
        "{}|{role}|{}|{}|{}",
        d.kind.json_key(),
        iso(day),
        iso(d.trigger.date()),
        label.unwrap_or("")
    );
    let mut description = format!(
        "{}\n\nDernier jour légal : {}",
        d.meaning,
        long_date(d.date)
    );
    if let Some(safe) = d.safe {
        let _ = write!(description, "\nDate conseillée : {}", long_date(safe));
    }
    let _ = write!(description, "\nFondement : {}", d.basis);
    let mut description = typo(&description);
    for note in &d.notes {
        let _ = write!(description, "\n– {note}");
    }
    let _ = write!(description, "\n\n{NOTICE}");
    let next = day
        .checked_add_days(Days::new(1))
        .expect("date within range");

    w.line("BEGIN:VEVENT");
    w.line(&format!(
        "UID:{}@recours",
        hex(&Md5::digest(uid_source.as_bytes()))
    ));
    w.line(&format!("DTSTAMP:{stamp}"));
    w.line(&format!("DTSTART;VALUE=DATE:{}", day.format("%Y%m%d")));
    w.line(&format!("DTEND;VALUE=DATE:{}", next.format("%Y%m%d")));
    w.line(&format!("SUMMARY;LANGUAGE=fr:{}", escape(&summary)));
    w.line(&format!("DESCRIPTION;LANGUAGE=fr:{}", escape(&description)));
    w.line("TRANSP:TRANSPARENT");
    if alarms {
        for (trigger, when) in ALARMS {
            w.line("BEGIN:VALARM");
            w.line("ACTION:DISPLAY");
            w.line(&format!("TRIGGER:{trigger}"));
            w.line(&format!(
                "DESCRIPTION:{}",
                escape(&format!("{summary} : {when}"))
            ));
            w.line("END:VALARM");
        }
    }
    w.line("END:VEVENT");
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

/// TEXT value escaping (RFC 5545 §3.3.11).
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c => out.push(c),
        }
    }
    out
}

#[derive(Default)]
struct Writer {
    out: String,
}

impl Writer {
    /// Appends a content line, folded so that no physical line exceeds 75 octets: the first
    /// holds up to 75, each continuation a space and up to 74, never splitting a character.
    ///
    /// RFC 5545 makes any fold point valid, but several readers trim whitespace around folds,
    /// so a fold is moved back (a few characters at most) to fall between two non-space
    /// characters.
    fn line(&mut self, content: &str) {
        let chars: Vec<char> = content.chars().collect();
        let mut start = 0;
        let mut budget = MAX_LINE_OCTETS;
        while start < chars.len() {
            // The longest run from `start` that fits in `budget` octets.
            let mut end = start;
            let mut used = 0;
            while end < chars.len() && used + chars[end].len_utf8() <= budget {
                used += chars[end].len_utf8();
                end += 1;
            }
            if end < chars.len() {
                let fits = end;
                while end > start + 1
                    && (chars[end - 1].is_whitespace() || chars[end].is_whitespace())
                {
                    end -= 1;
                }
                if end == start + 1 {
                    end = fits; // all spaces: any fold will do
                }
            }
            if start > 0 {
                self.out.push_str("\r\n ");
            }
            self.out.extend(&chars[start..end]);
            start = end;
            budget = MAX_LINE_OCTETS - 1;
        }
        self.out.push_str("\r\n");
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::deadlines::{EarlierRecours, Facts, LetterKind, compute};

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    /// A hiérarchique written after an explicit rejection of the gracieux, for a decision
    /// without the voies et délais: three limits (A, court, one year), six events.
    fn sample() -> Deadlines {
        compute(&Facts {
            letter: Some(LetterKind::Hierarchique),
            letter_date: d("2027-01-05"),
            notification: Some(d("2026-10-20")),
            voies_mentionnees: false,
            lives_abroad: false,
            gracieux: Some(EarlierRecours {
                envoi: Some(d("2026-11-02")),
                reception: Some(d("2026-11-04")),
                rejet: Some(d("2026-12-10")),
            }),
            hierarchique: None,
            reasons: None,
        })
        .unwrap()
    }

    fn unfold(ics: &str) -> String {
        ics.replace("\r\n ", "")
    }

    fn parse(ics: &str) -> ical::parser::ical::component::IcalCalendar {
        let mut parser = ical::IcalParser::new(ics.as_bytes());
        let cal = parser.next().expect("one calendar").expect("parses");
        assert!(parser.next().is_none());
        cal
    }

    fn prop<'a>(props: &'a [ical::property::Property], name: &str) -> Vec<&'a str> {
        props
            .iter()
            .filter(|p| p.name == name)
            .filter_map(|p| p.value.as_deref())
            .collect()
    }

    #[test]
    fn parses_with_expected_dates_and_alarms() {
        let ics = to_ics(&sample(), &IcsOptions::default());
        let cal = parse(&ics);
        let starts: Vec<&str> = cal
            .events
            .iter()
            .flat_map(|e| prop(&e.properties, "DTSTART"))
            .collect();
        // A: safe Wed 16 Dec, last Mon 21 Dec 2026; court from the rejection of 10 Dec:
        // safe Fri 5 Feb, last Thu 11 Feb 2027; one year: safe Fri 15 Oct, last Wed 20 Oct.
        assert_eq!(
            starts,
            [
                "20261216", "20261221", "20270205", "20270211", "20271015", "20271020"
            ]
        );
        for e in &cal.events {
            let start = e.properties.iter().find(|p| p.name == "DTSTART").unwrap();
            let params = start.params.as_ref().unwrap();
            assert!(params.iter().any(|(k, v)| k == "VALUE" && v == &["DATE"]));
            assert_eq!(e.alarms.len(), 2);
            let triggers: Vec<&str> = e
                .alarms
                .iter()
                .flat_map(|a| prop(&a.properties, "TRIGGER"))
                .collect();
            assert_eq!(triggers, ["-P6DT15H", "-PT15H"]);
            assert_eq!(prop(&e.properties, "DTSTAMP"), ["20270105T000000Z"]);
        }
        let uids: std::collections::BTreeSet<&str> = cal
            .events
            .iter()
            .flat_map(|e| prop(&e.properties, "UID"))
            .collect();
        assert_eq!(uids.len(), 6, "UIDs must differ");
    }

    #[test]
    fn implicit_rejection_event_has_no_alarm() {
        let facts = Facts {
            letter: Some(LetterKind::Defenseur),
            letter_date: d("2026-11-27"),
            notification: Some(d("2026-10-20")),
            voies_mentionnees: true,
            lives_abroad: false,
            gracieux: Some(EarlierRecours {
                envoi: Some(d("2026-11-02")),
                reception: Some(d("2026-11-04")),
                rejet: None,
            }),
            hierarchique: None,
            reasons: None,
        };
        let cal = parse(&to_ics(&compute(&facts).unwrap(), &IcsOptions::default()));
        let implicit = cal
            .events
            .iter()
            .find(|e| prop(&e.properties, "DTSTART") == ["20270104"])
            .expect("implicit rejection event");
        assert!(implicit.alarms.is_empty());
        assert_eq!(cal.events.len(), 5);
    }

    #[test]
    fn lines_are_crlf_and_folded_at_75_octets() {
        let ics = to_ics(
            &sample(),
            &IcsOptions {
                stamp: None,
                case_label: Some("Zoé Léa"),
            },
        );
        assert!(ics.ends_with("\r\n"));
        assert!(!ics.replace("\r\n", "").contains('\n'), "bare LF");
        assert!(!ics.replace("\r\n", "").contains('\r'), "bare CR");
        let mut folded = 0;
        for line in ics.split("\r\n") {
            assert!(
                line.len() <= MAX_LINE_OCTETS,
                "{} octets: {line}",
                line.len()
            );
            folded += usize::from(line.starts_with(' '));
        }
        assert!(folded > 10, "long descriptions must fold");
        // Folding never split a character: each physical line is valid UTF-8 on its own (it is
        // a &str), and unfolding gives back the unbroken text.
        let unfolded = unfold(&ics);
        assert!(unfolded.contains("SUMMARY;LANGUAGE=fr:Dernier jour\u{a0}: saisir le tribunal"));
        assert!(unfolded.contains("(Zoé Léa)"));
    }

    #[test]
    fn folding_handles_multibyte_characters_at_the_boundary() {
        // 74 ASCII octets then « é » (2 octets): the first line must stop before it.
        let mut w = Writer::default();
        let content = format!("{}é{}", "x".repeat(74), "€".repeat(40));
        w.line(&content);
        let lines: Vec<&str> = w.out.trim_end_matches("\r\n").split("\r\n").collect();
        assert_eq!(lines[0].len(), 74);
        for l in &lines {
            assert!(l.len() <= MAX_LINE_OCTETS);
        }
        assert_eq!(w.out.replace("\r\n ", "").trim_end(), content);
    }

    #[test]
    fn folds_avoid_whitespace_so_lax_readers_keep_every_space() {
        let ics = to_ics(&sample(), &IcsOptions::default());
        for line in ics.split("\r\n") {
            assert!(!line.ends_with(' '), "{line:?}");
            if let Some(rest) = line.strip_prefix(' ') {
                assert!(!rest.starts_with(' '), "{line:?}");
            }
        }
        // The ical crate trims around folds; its values must still equal the unfolded text.
        let cal = parse(&ics);
        let unfolded = unfold(&ics);
        for e in &cal.events {
            for desc in prop(&e.properties, "DESCRIPTION") {
                assert!(unfolded.contains(&format!("DESCRIPTION;LANGUAGE=fr:{desc}\r\n")));
            }
        }
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let ics = to_ics(&sample(), &IcsOptions::default());
        let unfolded = unfold(&ics);
        // The basis « CRPA art. L. 411-2 ; CJA art. R. 421-1 » has a semicolon and commas.
        assert!(
            unfolded.contains("L. 411-2\u{202f}\\; CJA art. R. 421-1"),
            "{unfolded}"
        );
        assert!(unfolded.contains("CE 19 sept. 2014\\, n°"));
        assert!(unfolded.contains("\\n\\nDernier jour légal\u{a0}: "));
    }

    #[test]
    fn output_is_deterministic_and_uses_the_given_stamp() {
        let dl = sample();
        assert_eq!(
            to_ics(&dl, &IcsOptions::default()),
            to_ics(&dl, &IcsOptions::default())
        );
        let stamp = d("2027-01-06").and_hms_opt(14, 30, 5);
        let ics = to_ics(
            &dl,
            &IcsOptions {
                stamp,
                case_label: None,
            },
        );
        assert!(ics.contains("DTSTAMP:20270106T143005Z\r\n"));
    }

    #[test]
    fn the_case_label_separates_uids() {
        let d = sample();
        let a = to_ics(
            &d,
            &IcsOptions {
                stamp: None,
                case_label: Some("dossier 1"),
            },
        );
        let b = to_ics(
            &d,
            &IcsOptions {
                stamp: None,
                case_label: Some("dossier 2"),
            },
        );
        let uids = |s: &str| -> Vec<String> {
            s.lines()
                .filter(|l| l.starts_with("UID:"))
                .map(str::to_string)
                .collect()
        };
        assert!(uids(&a).iter().all(|u| !uids(&b).contains(u)));
        // … while the same label gives the same UIDs on a later export (same content).
        let c = to_ics(
            &d,
            &IcsOptions {
                stamp: None,
                case_label: Some("dossier 1"),
            },
        );
        assert_eq!(uids(&a), uids(&c));
    }
}
