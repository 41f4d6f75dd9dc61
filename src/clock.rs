//! The one place that reads the wall clock and `SOURCE_DATE_EPOCH`, once per command.
//!
//! A letter's date decides its deadlines and its PDF bytes, so it must come from the case,
//! `--date` or `SOURCE_DATE_EPOCH`. Only when none is given do we ask the system for today.
//! The command line reads a [`Clock`] once and passes it down; no stage reads the
//! environment again (issue 13). A `SOURCE_DATE_EPOCH` that is not a number of seconds in
//! the years letters are dated is refused rather than silently ignored (issue 14, item 10).

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime};

/// Today, and the fixed timestamp reproducible builds ask for, as read at the start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    /// Today in France, or the day `SOURCE_DATE_EPOCH` names.
    pub today: NaiveDate,
    /// `SOURCE_DATE_EPOCH` as a UTC timestamp, when set.
    pub epoch: Option<NaiveDateTime>,
}

impl Clock {
    /// Reads `SOURCE_DATE_EPOCH` and, without it, the system clock. The error is French.
    pub fn from_env() -> Result<Clock, String> {
        match std::env::var("SOURCE_DATE_EPOCH") {
            Ok(raw) => Clock::from_epoch(&raw),
            Err(std::env::VarError::NotPresent) => Ok(Clock::system()),
            Err(std::env::VarError::NotUnicode(_)) => {
                Err("SOURCE_DATE_EPOCH n'est pas un nombre de secondes".into())
            }
        }
    }

    /// The clock `SOURCE_DATE_EPOCH=raw` gives.
    pub fn from_epoch(raw: &str) -> Result<Clock, String> {
        let years = crate::deadlines::facts::PLAUSIBLE_YEARS;
        let bad = || {
            format!(
                "SOURCE_DATE_EPOCH « {} » n'est pas un nombre de secondes depuis 1970 donnant une \
                 date entre {} et {}",
                crate::shown::shown(raw),
                years.start(),
                years.end()
            )
        };
        let secs: i64 = raw.trim().parse().map_err(|_| bad())?;
        let t = DateTime::from_timestamp(secs, 0)
            .map(|d| d.naive_utc())
            .ok_or_else(bad)?;
        if !years.contains(&t.year()) {
            return Err(bad());
        }
        Ok(Clock {
            today: t.date(),
            epoch: Some(t),
        })
    }

    /// The system's today, with no fixed timestamp.
    pub fn system() -> Clock {
        #[allow(
            clippy::disallowed_methods,
            reason = "this is the one place that reads the clock"
        )]
        let now = chrono::Local::now();
        Clock {
            today: now.date_naive(),
            epoch: None,
        }
    }

    /// The clock for one request of a long-running process (`recours serveur`): the same one
    /// when `SOURCE_DATE_EPOCH` fixed it, else the system's today as of now, so that a server
    /// started yesterday dates today's letters today.
    pub fn refreshed(&self) -> Clock {
        if self.epoch.is_some() {
            *self
        } else {
            Clock::system()
        }
    }

    /// A clock fixed at `today`, without `SOURCE_DATE_EPOCH` (tests, the library's callers).
    pub fn at(today: NaiveDate) -> Clock {
        Clock { today, epoch: None }
    }

    /// The timestamp written into a PDF: `SOURCE_DATE_EPOCH` when set, else noon UTC on the
    /// letter's date, so that the same letter gives the same bytes whenever it is produced.
    pub fn pdf_timestamp(&self, letter_date: NaiveDate) -> NaiveDateTime {
        self.epoch.unwrap_or_else(|| noon(letter_date))
    }
}

/// Noon UTC on `date`: a letter's PDF timestamp when no `SOURCE_DATE_EPOCH` is given.
pub fn noon(date: NaiveDate) -> NaiveDateTime {
    date.and_hms_opt(12, 0, 0).expect("noon exists")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_source_date_epoch_is_refused() {
        for raw in ["abc", "", "1e9", "-5", "0", "99999999999999"] {
            let e = Clock::from_epoch(raw).unwrap_err();
            assert!(e.contains("SOURCE_DATE_EPOCH"), "{raw}: {e}");
        }
        let c = Clock::from_epoch(" 1795780800 ").unwrap();
        assert_eq!(c.today, NaiveDate::from_ymd_opt(2026, 11, 27).unwrap());
        assert_eq!(
            c.pdf_timestamp(NaiveDate::from_ymd_opt(2026, 1, 1).unwrap()),
            c.epoch.unwrap()
        );
        let d = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
        assert_eq!(Clock::at(d).pdf_timestamp(d), noon(d));
    }
}
