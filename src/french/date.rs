//! French date formatting: « le lundi 21 décembre 2026 », « 1er décembre 2026 ».
//!
//! The rules follow French typographic usage (Lacroux, Imprimerie nationale; reference
//! `legal.md` §5.2): day and month names in lower case, never abbreviated, the day of the
//! month in digits, the ordinal « 1er » for the first day only, no final period. The names are
//! written out here rather than taken from a locale table so that the output never depends on
//! the machine it runs on.

use chrono::{Datelike, NaiveDate, Weekday};

/// Month names, January first, as they appear in running text.
const MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];

/// The lower-case French name of a day of the week.
pub fn weekday_name(weekday: Weekday) -> &'static str {
    match weekday {
        Weekday::Mon => "lundi",
        Weekday::Tue => "mardi",
        Weekday::Wed => "mercredi",
        Weekday::Thu => "jeudi",
        Weekday::Fri => "vendredi",
        Weekday::Sat => "samedi",
        Weekday::Sun => "dimanche",
    }
}

/// The lower-case French name of month `month` (1 = janvier).
///
/// # Panics
/// When `month` is not in `1..=12`; chrono never produces such a month, so a caller passing
/// one has a bug worth stopping on.
pub fn month_name(month: u32) -> &'static str {
    assert!((1..=12).contains(&month), "month out of range: {month}");
    MONTHS[month as usize - 1]
}

/// The suffix written after the day of the month: « er » for the 1st, nothing otherwise.
///
/// Exposed separately because a typeset letter raises it as a superscript (« 1ᵉʳ »), which
/// plain text cannot express.
pub fn ordinal_suffix(day: u32) -> &'static str {
    if day == 1 { "er" } else { "" }
}

/// The date as written in running text and in the place-and-date line: « 1er décembre 2026 »,
/// « 21 décembre 2026 ». A letter writes « Paris, le » before it.
pub fn date(d: NaiveDate) -> String {
    format!(
        "{}{} {} {}",
        d.day(),
        ordinal_suffix(d.day()),
        month_name(d.month()),
        d.year()
    )
}

/// The date with its article and weekday, « le lundi 21 décembre 2026 », for deadlines: a
/// reader plans around the weekday, and seeing it also catches a mistyped date.
pub fn long_date(d: NaiveDate) -> String {
    format!("le {} {}", weekday_name(d.weekday()), date(d))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn first_of_month_takes_the_ordinal() {
        assert_eq!(date(ymd(2026, 12, 1)), "1er décembre 2026");
        assert_eq!(long_date(ymd(2026, 12, 1)), "le mardi 1er décembre 2026");
    }

    #[test]
    fn other_days_are_cardinal() {
        assert_eq!(date(ymd(2026, 12, 2)), "2 décembre 2026");
        assert_eq!(date(ymd(2026, 12, 11)), "11 décembre 2026");
        assert_eq!(date(ymd(2026, 12, 21)), "21 décembre 2026");
        assert_eq!(date(ymd(2026, 12, 31)), "31 décembre 2026");
        assert_eq!(ordinal_suffix(21), "");
        assert_eq!(ordinal_suffix(31), "");
    }

    #[test]
    fn deadline_example_from_the_contract() {
        // cli.md: the limit for a decision notified on 20 October 2026.
        assert_eq!(long_date(ymd(2026, 12, 21)), "le lundi 21 décembre 2026");
    }

    #[test]
    fn every_month_is_named_in_lower_case_without_abbreviation() {
        let expected = [
            "1er janvier 2027",
            "1er février 2027",
            "1er mars 2027",
            "1er avril 2027",
            "1er mai 2027",
            "1er juin 2027",
            "1er juillet 2027",
            "1er août 2027",
            "1er septembre 2027",
            "1er octobre 2027",
            "1er novembre 2027",
            "1er décembre 2027",
        ];
        for (m, want) in (1..=12).zip(expected) {
            assert_eq!(date(ymd(2027, m, 1)), want);
        }
    }

    #[test]
    fn every_weekday_is_named() {
        // 21 to 27 December 2026 run from Monday to Sunday.
        let expected = [
            "le lundi 21 décembre 2026",
            "le mardi 22 décembre 2026",
            "le mercredi 23 décembre 2026",
            "le jeudi 24 décembre 2026",
            "le vendredi 25 décembre 2026",
            "le samedi 26 décembre 2026",
            "le dimanche 27 décembre 2026",
        ];
        for (d, want) in (21..=27).zip(expected) {
            assert_eq!(long_date(ymd(2026, 12, d)), want);
        }
    }

    #[test]
    fn leap_day_and_far_years() {
        assert_eq!(long_date(ymd(2028, 2, 29)), "le mardi 29 février 2028");
        assert_eq!(date(ymd(2100, 3, 1)), "1er mars 2100");
    }

    #[test]
    #[should_panic(expected = "month out of range")]
    fn month_zero_is_a_bug() {
        month_name(0);
    }
}
