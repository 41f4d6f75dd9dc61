//! Month arithmetic and the délai franc: the two computations every deadline is built from.
//!
//! French procedural délais are counted in months, « de quantième à quantième », and the
//! recours délais are « francs »: the day of the triggering event does not count, the last
//! day is the day after the échéance, and a last day that is not a working day moves to the
//! next working day (CE 15 déc. 2023, n° 472836; CE 19 sept. 2014, n° 362568; reference
//! `legal.md` §1.6 and §1.8 step A1). When the starting day has no twin in the final month,
//! the échéance is the month's last day (Icard). Whether that clamp happens before or after the
//! « +1 day » is not settled, so [`delai_franc`] takes the earlier of the two readings.

use chrono::{Datelike, Days, Months, NaiveDate};

use super::calendar::Calendar;

/// How many calendar days before a legal last day the « safe » date is set, before moving it
/// back to a working day.
///
/// Five days leave a working week for a forgotten enclosure, a closed post office or a queue
/// at the counter, while keeping the advice close enough to the real limit to be credible.
/// The postmark is what counts (CE 30 juin 2025, n° 494573), so postal delivery time does not
/// need a margin of its own.
pub const SAFETY_MARGIN_DAYS: u64 = 5;

/// `d` plus `k` months, on the same day of the month, or on the month's last day when that day
/// does not exist (31 December + 2 months = 28 or 29 February).
///
/// # Panics
/// Outside chrono's date range (years beyond ±262 000), which validated facts never reach.
pub fn add_months(d: NaiveDate, k: u32) -> NaiveDate {
    // chrono's `checked_add_months` clamps to the end of the month, which is exactly the rule.
    d.checked_add_months(Months::new(k))
        .expect("date within chrono's range")
}

/// The last day of a délai franc of `months` months triggered on `trigger`, with how it was
/// reached, so that an explanation can say when the échéance fell on a non-working day.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FrancDeadline {
    /// The day after the échéance, before any roll-over: `min(add_months(T, m) + 1 day,
    /// add_months(T + 1 day, m))`.
    pub unrolled: NaiveDate,
    /// The legal last day: `unrolled`, or the first working day after it.
    pub last_day: NaiveDate,
}

impl FrancDeadline {
    /// Whether the last day was pushed past a weekend or a holiday.
    pub fn rolled_over(&self) -> bool {
        self.unrolled != self.last_day
    }
}

/// A délai franc of `months` months from `trigger` (legal.md §1.8, step A1 and C).
pub fn delai_franc(trigger: NaiveDate, months: u32, calendar: &Calendar) -> FrancDeadline {
    let next_day = |d: NaiveDate| d.checked_add_days(Days::new(1)).expect("date in range");
    let after_echeance = next_day(add_months(trigger, months));
    let from_first_day = add_months(next_day(trigger), months);
    let unrolled = after_echeance.min(from_first_day);
    FrancDeadline {
        unrolled,
        last_day: calendar.next_working_day(unrolled),
    }
}

/// The date to advise: [`SAFETY_MARGIN_DAYS`] before `last_day`, moved back to a working day.
pub fn safe_date(last_day: NaiveDate, calendar: &Calendar) -> NaiveDate {
    let earlier = last_day
        .checked_sub_days(Days::new(SAFETY_MARGIN_DAYS))
        .expect("date within range");
    calendar.previous_working_day(earlier)
}

/// Whole days from `from` to `to` (negative when `to` is earlier).
pub fn days_between(from: NaiveDate, to: NaiveDate) -> i64 {
    (to - from).num_days()
}

/// Whether `d` is the last day of its month, which is when the end-of-month rule can bite.
pub fn is_last_day_of_month(d: NaiveDate) -> bool {
    d.checked_add_days(Days::new(1))
        .is_none_or(|n| n.month() != d.month())
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::Weekday;
    use proptest::prelude::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const NAT: Calendar = Calendar::NATIONAL;

    #[test]
    fn add_months_keeps_the_day() {
        assert_eq!(add_months(d(2026, 10, 20), 2), d(2026, 12, 20));
        assert_eq!(add_months(d(2026, 11, 15), 2), d(2027, 1, 15));
        assert_eq!(add_months(d(2026, 3, 10), 12), d(2027, 3, 10));
    }

    #[test]
    fn add_months_clamps_to_the_end_of_short_months() {
        assert_eq!(add_months(d(2025, 12, 31), 2), d(2026, 2, 28));
        assert_eq!(add_months(d(2023, 12, 31), 2), d(2024, 2, 29)); // 2024 is a leap year
        assert_eq!(add_months(d(2027, 12, 30), 2), d(2028, 2, 29)); // 2028 too
        assert_eq!(add_months(d(2099, 12, 29), 2), d(2100, 2, 28)); // 2100 is not
        assert_eq!(add_months(d(2026, 8, 31), 1), d(2026, 9, 30));
        assert_eq!(add_months(d(2026, 1, 31), 4), d(2026, 5, 31));
        assert_eq!(add_months(d(2024, 2, 29), 12), d(2025, 2, 28));
    }

    #[test]
    fn franc_worked_examples_from_the_reference() {
        // Icard: notified 1 October 2007, expiry on Sunday 2 December, so Monday 3 December.
        let f = delai_franc(d(2007, 10, 1), 2, &NAT);
        assert_eq!(f.unrolled, d(2007, 12, 2));
        assert_eq!(f.last_day, d(2007, 12, 3));
        assert!(f.rolled_over());
        // lex-publica: notified 4 February 2019, receivable until 5 April 2019 (a Friday).
        let f = delai_franc(d(2019, 2, 4), 2, &NAT);
        assert_eq!(f.last_day, d(2019, 4, 5));
        assert!(!f.rolled_over());
    }

    #[test]
    fn franc_end_of_month_takes_the_earlier_reading() {
        // T = 30 Dec 2025: add_months(T,2)+1 = 1 March, add_months(31 Dec,2) = 28 Feb.
        // The earlier is Saturday 28 February 2026, rolled to Monday 2 March.
        let f = delai_franc(d(2025, 12, 30), 2, &NAT);
        assert_eq!(f.unrolled, d(2026, 2, 28));
        assert_eq!(f.last_day, d(2026, 3, 2));
        // T = 31 Dec 2025: both readings give 1 March 2026, a Sunday → Monday 2 March.
        let f = delai_franc(d(2025, 12, 31), 2, &NAT);
        assert_eq!(f.unrolled, d(2026, 3, 1));
        assert_eq!(f.last_day, d(2026, 3, 2));
    }

    #[test]
    fn safe_date_is_five_days_back_on_a_working_day() {
        // Monday 21 December 2026 − 5 days = Wednesday 16 December.
        assert_eq!(safe_date(d(2026, 12, 21), &NAT), d(2026, 12, 16));
        // Friday 5 April 2019 − 5 days = Sunday 31 March → Friday 29 March.
        assert_eq!(safe_date(d(2019, 4, 5), &NAT), d(2019, 3, 29));
        // Wednesday 6 May 2026 − 5 = Friday 1 May (holiday) → Thursday 30 April.
        assert_eq!(safe_date(d(2026, 5, 6), &NAT), d(2026, 4, 30));
    }

    #[test]
    fn last_day_of_month() {
        assert!(is_last_day_of_month(d(2028, 2, 29)));
        assert!(!is_last_day_of_month(d(2028, 2, 28)));
        assert!(is_last_day_of_month(d(2100, 2, 28)));
        assert!(is_last_day_of_month(d(2026, 12, 31)));
    }

    fn any_date() -> impl Strategy<Value = NaiveDate> {
        // 2000-01-01 .. 2199-12-31, the range validated facts live in.
        (0i64..73_048).prop_map(|n| d(2000, 1, 1) + chrono::Duration::days(n))
    }

    proptest! {
        #[test]
        fn last_day_is_a_working_day(t in any_date(), m in prop::sample::select(vec![2u32, 4])) {
            let last = delai_franc(t, m, &NAT).last_day;
            prop_assert!(!matches!(last.weekday(), Weekday::Sat | Weekday::Sun));
            prop_assert!(NAT.holiday(last).is_none());
        }

        #[test]
        fn last_day_is_never_before_trigger_plus_months(t in any_date(), m in 1u32..=12) {
            let f = delai_franc(t, m, &NAT);
            prop_assert!(f.last_day >= add_months(t, m));
            prop_assert!(f.last_day >= f.unrolled);
            // And never more than the échéance + 1 day + the longest run of non-working
            // days (a long weekend plus a holiday: 4 days).
            prop_assert!(f.last_day <= add_months(t, m) + chrono::Duration::days(5));
        }

        #[test]
        fn last_day_moves_monotonically_with_the_trigger(t in any_date(), gap in 0i64..400) {
            let later = t + chrono::Duration::days(gap);
            prop_assert!(delai_franc(t, 2, &NAT).last_day <= delai_franc(later, 2, &NAT).last_day);
            prop_assert!(delai_franc(t, 4, &NAT).last_day <= delai_franc(later, 4, &NAT).last_day);
        }

        #[test]
        fn safe_date_is_a_working_day_before_the_last_day(t in any_date()) {
            let last = delai_franc(t, 2, &NAT).last_day;
            let safe = safe_date(last, &NAT);
            prop_assert!(NAT.is_working_day(safe));
            prop_assert!(safe <= last - chrono::Duration::days(SAFETY_MARGIN_DAYS as i64));
        }
    }
}
