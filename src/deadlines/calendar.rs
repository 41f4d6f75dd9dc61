//! French public holidays and working days, for rolling a deadline over to the next working
//! day.
//!
//! A délai that ends on a Saturday, a Sunday or a « jour férié ou chômé » is extended to the
//! next working day (CE 19 sept. 2014, n° 362568; lex-publica, reference `legal.md` §1.6).
//! The holidays are an explicit list rather than a library's table because the list is a legal
//! choice we must be able to read and argue about. Easter is computed (Meeus/Butcher), so the
//! calendar never runs out of years.
//!
//! The national list is the one of Code du travail art. L. 3133-1, recalled from memory: the
//! reference marks it « UNCONFIRMED ». Alsace-Moselle and the overseas departments have extra
//! days; they are offered as [`Region`]s but are not the default, because which local calendar
//! applies to a recours (the sender's, the authority's, the court's) is itself unconfirmed.

use chrono::{Datelike, Days, NaiveDate, Weekday};

/// A French public holiday, named so that an explanation can say why a deadline moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Holiday {
    /// 1 January.
    JourDeLAn,
    /// Friday before Easter; Alsace-Moselle only.
    VendrediSaint,
    /// Monday after Easter.
    LundiDePaques,
    /// 1 May.
    FeteDuTravail,
    /// 8 May.
    Victoire1945,
    /// Thursday 39 days after Easter.
    Ascension,
    /// Monday 50 days after Easter (still a public holiday although it is also the « journée
    /// de solidarité » in many workplaces).
    LundiDePentecote,
    /// 14 July.
    FeteNationale,
    /// 15 August.
    Assomption,
    /// 1 November.
    Toussaint,
    /// 11 November.
    Armistice,
    /// 25 December.
    Noel,
    /// 26 December; Alsace-Moselle only.
    SaintEtienne,
    /// Commemoration of the abolition of slavery; the day differs by overseas department.
    AbolitionDeLEsclavage,
}

impl Holiday {
    /// The holiday's usual French name, with its article, for explanations.
    pub fn name_fr(self) -> &'static str {
        match self {
            Holiday::JourDeLAn => "le jour de l’an",
            Holiday::VendrediSaint => "le vendredi saint",
            Holiday::LundiDePaques => "le lundi de Pâques",
            Holiday::FeteDuTravail => "la fête du Travail",
            Holiday::Victoire1945 => "la commémoration du 8 mai 1945",
            Holiday::Ascension => "l’Ascension",
            Holiday::LundiDePentecote => "le lundi de Pentecôte",
            Holiday::FeteNationale => "la fête nationale",
            Holiday::Assomption => "l’Assomption",
            Holiday::Toussaint => "la Toussaint",
            Holiday::Armistice => "l’armistice de 1918",
            Holiday::Noel => "Noël",
            Holiday::SaintEtienne => "la Saint-Étienne",
            Holiday::AbolitionDeLEsclavage => "la commémoration de l’abolition de l’esclavage",
        }
    }
}

/// Which set of public holidays applies.
///
/// Only [`Region::National`] is backed by the reference (and even it is « UNCONFIRMED »); the
/// others add days recalled from memory (Alsace-Moselle: Good Friday and 26 December; overseas:
/// the abolition-of-slavery day of loi n° 83-550 and décret n° 83-1003) and must be checked
/// before being relied on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Region {
    /// The eleven national holidays.
    #[default]
    National,
    /// Bas-Rhin, Haut-Rhin, Moselle: national list, Good Friday, 26 December.
    AlsaceMoselle,
    /// National list and 27 May.
    Guadeloupe,
    /// National list and 22 May.
    Martinique,
    /// National list and 10 June.
    Guyane,
    /// National list and 20 December.
    LaReunion,
    /// National list and 27 April.
    Mayotte,
}

/// The working-day calendar used to roll deadlines over.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Calendar {
    region: Region,
}

impl Calendar {
    /// The national calendar, the default for every computation.
    pub const NATIONAL: Calendar = Calendar {
        region: Region::National,
    };

    /// A calendar with a region's extra holidays.
    pub fn new(region: Region) -> Self {
        Calendar { region }
    }

    /// The region whose holidays this calendar knows.
    pub fn region(&self) -> Region {
        self.region
    }

    /// Every public holiday of `year`, in date order.
    pub fn holidays(&self, year: i32) -> Vec<(NaiveDate, Holiday)> {
        let fixed = |m, d| ymd(year, m, d);
        let easter = easter_sunday(year);
        let from_easter = |days: i64| {
            easter
                .checked_add_signed(chrono::Duration::days(days))
                .expect("Easter ± 50 days fits")
        };
        let mut days = vec![
            (fixed(1, 1), Holiday::JourDeLAn),
            (from_easter(1), Holiday::LundiDePaques),
            (fixed(5, 1), Holiday::FeteDuTravail),
            (fixed(5, 8), Holiday::Victoire1945),
            (from_easter(39), Holiday::Ascension),
            (from_easter(50), Holiday::LundiDePentecote),
            (fixed(7, 14), Holiday::FeteNationale),
            (fixed(8, 15), Holiday::Assomption),
            (fixed(11, 1), Holiday::Toussaint),
            (fixed(11, 11), Holiday::Armistice),
            (fixed(12, 25), Holiday::Noel),
        ];
        match self.region {
            Region::National => {}
            Region::AlsaceMoselle => {
                days.push((from_easter(-2), Holiday::VendrediSaint));
                days.push((fixed(12, 26), Holiday::SaintEtienne));
            }
            Region::Guadeloupe => days.push((fixed(5, 27), Holiday::AbolitionDeLEsclavage)),
            Region::Martinique => days.push((fixed(5, 22), Holiday::AbolitionDeLEsclavage)),
            Region::Guyane => days.push((fixed(6, 10), Holiday::AbolitionDeLEsclavage)),
            Region::LaReunion => days.push((fixed(12, 20), Holiday::AbolitionDeLEsclavage)),
            Region::Mayotte => days.push((fixed(4, 27), Holiday::AbolitionDeLEsclavage)),
        }
        // Ascension can fall on 1 or 8 May; keep both entries, the date order is what matters.
        days.sort();
        days
    }

    /// The public holiday falling on `d`, if any.
    pub fn holiday(&self, d: NaiveDate) -> Option<Holiday> {
        self.holidays(d.year())
            .into_iter()
            .find(|(day, _)| *day == d)
            .map(|(_, h)| h)
    }

    /// Whether a deadline may end on `d`: not a Saturday, a Sunday or a public holiday.
    pub fn is_working_day(&self, d: NaiveDate) -> bool {
        !matches!(d.weekday(), Weekday::Sat | Weekday::Sun) && self.holiday(d).is_none()
    }

    /// `d` itself when it is a working day, else the first working day after it: where a
    /// délai that expires on `d` really ends.
    pub fn next_working_day(&self, d: NaiveDate) -> NaiveDate {
        let mut day = d;
        while !self.is_working_day(day) {
            day = day
                .checked_add_days(Days::new(1))
                .expect("date within chrono's range");
        }
        day
    }

    /// `d` itself when it is a working day, else the last working day before it: a « safe »
    /// date must be a day the post office is open.
    pub fn previous_working_day(&self, d: NaiveDate) -> NaiveDate {
        let mut day = d;
        while !self.is_working_day(day) {
            day = day
                .checked_sub_days(Days::new(1))
                .expect("date within chrono's range");
        }
        day
    }
}

/// Whether `d` is a working day in the national calendar (see [`Calendar::is_working_day`]).
pub fn is_working_day(d: NaiveDate) -> bool {
    Calendar::NATIONAL.is_working_day(d)
}

/// `d` or the next working day in the national calendar (see
/// [`Calendar::next_working_day`]).
pub fn next_working_day(d: NaiveDate) -> NaiveDate {
    Calendar::NATIONAL.next_working_day(d)
}

/// Easter Sunday of a Gregorian `year`, by the anonymous algorithm published by Meeus
/// (« Astronomical Algorithms », ch. 8, after Butcher, 1876), valid for every Gregorian year.
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    ymd(year, n.div_euclid(31) as u32, (n.rem_euclid(31) + 1) as u32)
}

fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).expect("fixed holiday is a valid date")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    const NAT: Calendar = Calendar::NATIONAL;

    #[test]
    fn easter_matches_published_dates() {
        // Published Easter dates (Gregorian), including the earliest possible (22 March, as
        // in 2285) and the latest (25 April, as in 2038).
        let known = [
            (2000, 4, 23),
            (2008, 3, 23),
            (2019, 4, 21),
            (2024, 3, 31),
            (2025, 4, 20),
            (2026, 4, 5),
            (2027, 3, 28),
            (2038, 4, 25),
            (2285, 3, 22),
        ];
        for (y, m, day) in known {
            assert_eq!(easter_sunday(y), d(y, m, day), "Easter {y}");
        }
    }

    #[test]
    fn easter_is_always_a_sunday_between_22_march_and_25_april() {
        for y in 1583..=3000 {
            let e = easter_sunday(y);
            assert_eq!(e.weekday(), Weekday::Sun, "{y}");
            assert!(e >= d(y, 3, 22) && e <= d(y, 4, 25), "{y}: {e}");
        }
    }

    #[test]
    fn movable_holidays() {
        // Easter 2026 is 5 April: Monday 6 April, Ascension 14 May, Whit Monday 25 May.
        assert_eq!(NAT.holiday(d(2026, 4, 6)), Some(Holiday::LundiDePaques));
        assert_eq!(NAT.holiday(d(2026, 5, 14)), Some(Holiday::Ascension));
        assert_eq!(NAT.holiday(d(2026, 5, 25)), Some(Holiday::LundiDePentecote));
        // Easter 2024 is 31 March: Monday 1 April, Ascension 9 May, Whit Monday 20 May.
        assert_eq!(NAT.holiday(d(2024, 4, 1)), Some(Holiday::LundiDePaques));
        assert_eq!(NAT.holiday(d(2024, 5, 9)), Some(Holiday::Ascension));
        assert_eq!(NAT.holiday(d(2024, 5, 20)), Some(Holiday::LundiDePentecote));
        // Easter 2038 is 25 April: Ascension 3 June, Whit Monday 14 June.
        assert_eq!(NAT.holiday(d(2038, 4, 26)), Some(Holiday::LundiDePaques));
        assert_eq!(NAT.holiday(d(2038, 6, 3)), Some(Holiday::Ascension));
        assert_eq!(NAT.holiday(d(2038, 6, 14)), Some(Holiday::LundiDePentecote));
        // Easter Sunday and Whit Sunday are not holidays of their own (they are Sundays).
        assert_eq!(NAT.holiday(d(2026, 4, 5)), None);
        // Good Friday is not a national holiday.
        assert_eq!(NAT.holiday(d(2026, 4, 3)), None);
    }

    #[test]
    fn fixed_holidays() {
        let fixed = [
            ((1, 1), Holiday::JourDeLAn),
            ((5, 1), Holiday::FeteDuTravail),
            ((5, 8), Holiday::Victoire1945),
            ((7, 14), Holiday::FeteNationale),
            ((8, 15), Holiday::Assomption),
            ((11, 1), Holiday::Toussaint),
            ((11, 11), Holiday::Armistice),
            ((12, 25), Holiday::Noel),
        ];
        for year in [2025, 2026, 2100] {
            for ((m, day), h) in fixed {
                assert_eq!(NAT.holiday(d(year, m, day)), Some(h), "{year}-{m}-{day}");
            }
        }
        assert_eq!(NAT.holidays(2026).len(), 11);
    }

    #[test]
    fn ascension_on_1_may_is_one_day_two_holidays() {
        // Easter 2008 was 23 March, so Ascension fell on Thursday 1 May 2008.
        let list = NAT.holidays(2008);
        let on_1_may: Vec<_> = list
            .iter()
            .filter(|(day, _)| *day == d(2008, 5, 1))
            .collect();
        assert_eq!(on_1_may.len(), 2);
        assert!(!NAT.is_working_day(d(2008, 5, 1)));
    }

    #[test]
    fn working_days_skip_weekends_and_holidays() {
        // Saturday 28 February 2026 → Monday 2 March.
        assert_eq!(NAT.next_working_day(d(2026, 2, 28)), d(2026, 3, 2));
        // A working day is returned unchanged.
        assert_eq!(NAT.next_working_day(d(2026, 3, 3)), d(2026, 3, 3));
        // Easter weekend 2026: Saturday 4 April → Tuesday 7 April (Monday 6 is Easter Monday).
        assert_eq!(NAT.next_working_day(d(2026, 4, 4)), d(2026, 4, 7));
        // Christmas 2026 is a Friday: 25 December → Monday 28 December.
        assert_eq!(NAT.next_working_day(d(2026, 12, 25)), d(2026, 12, 28));
        // Whit Monday 2027 is 17 May: Saturday 15 May → Tuesday 18 May.
        assert_eq!(NAT.next_working_day(d(2027, 5, 15)), d(2027, 5, 18));
        // Ascension 2027 is Thursday 6 May.
        assert_eq!(NAT.next_working_day(d(2027, 5, 6)), d(2027, 5, 7));
        // Backwards: Easter Monday 2025 (21 April) → Friday 18 April (Good Friday is a working
        // day outside Alsace-Moselle).
        assert_eq!(NAT.previous_working_day(d(2025, 4, 21)), d(2025, 4, 18));
    }

    #[test]
    fn national_shortcuts_match_the_calendar() {
        assert!(!is_working_day(d(2026, 7, 14)));
        assert!(is_working_day(d(2026, 7, 15)));
        assert_eq!(next_working_day(d(2026, 8, 15)), d(2026, 8, 17));
    }

    #[test]
    fn alsace_moselle_adds_good_friday_and_26_december() {
        let am = Calendar::new(Region::AlsaceMoselle);
        assert_eq!(am.holiday(d(2026, 4, 3)), Some(Holiday::VendrediSaint));
        assert_eq!(am.holiday(d(2025, 12, 26)), Some(Holiday::SaintEtienne));
        // Friday 25 Dec 2026 and Saturday 26: Monday 28 either way; in 2025 Thursday 25 →
        // Friday 26 nationally, Monday 29 in Alsace-Moselle.
        assert_eq!(NAT.next_working_day(d(2025, 12, 25)), d(2025, 12, 26));
        assert_eq!(am.next_working_day(d(2025, 12, 25)), d(2025, 12, 29));
        assert_eq!(am.holidays(2026).len(), 13);
    }

    #[test]
    fn overseas_regions_add_one_day() {
        let cases = [
            (Region::Guadeloupe, d(2026, 5, 27)),
            (Region::Martinique, d(2026, 5, 22)),
            (Region::Guyane, d(2026, 6, 10)),
            (Region::LaReunion, d(2026, 12, 20)),
            (Region::Mayotte, d(2026, 4, 27)),
        ];
        for (region, day) in cases {
            let cal = Calendar::new(region);
            assert_eq!(
                cal.holiday(day),
                Some(Holiday::AbolitionDeLEsclavage),
                "{region:?}"
            );
            assert_eq!(NAT.holiday(day), None);
        }
    }
}
