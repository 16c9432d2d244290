//! Time as the core sees it: an injectable [`Clock`] and the Dutch local time zone.

use chrono::{DateTime, Datelike, NaiveDate, NaiveDateTime, NaiveTime, TimeZone, Timelike, Utc};
use chrono_tz::Europe::Amsterdam;
use std::sync::Mutex;

/// Where "now" comes from. The app uses [`SystemClock`]; tests use [`FixedClock`].
pub trait Clock: Send + Sync + std::fmt::Debug {
    /// The current instant.
    fn now(&self) -> DateTime<Utc>;
}

/// The operating system's clock.
#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}

/// A clock that stands still until a test moves it.
#[derive(Debug)]
pub struct FixedClock(Mutex<DateTime<Utc>>);

impl FixedClock {
    /// A clock showing `now`.
    pub fn new(now: DateTime<Utc>) -> Self {
        Self(Mutex::new(now))
    }

    /// Moves the clock to `now`.
    pub fn set(&self, now: DateTime<Utc>) {
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = now;
    }
}

impl Clock for FixedClock {
    fn now(&self) -> DateTime<Utc> {
        *self.0.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// Years in which Amsterdam keeps the EU summer-time rule: UTC+2 from 01:00 UTC on the last Sunday
/// of March to 01:00 UTC on the last Sunday of October, UTC+1 otherwise. The tz database has it so
/// from 1996 on (a unit test compares every hour of these years with it). Deadlines are computed
/// for thousands of recordings at a time, and this rule is a few comparisons where the database
/// is a search; other years go to the database.
const EU_RULE_YEARS: std::ops::RangeInclusive<i32> = 1996..=2099;

/// The last Sunday of March or October of `year` (both months have 31 days).
fn last_sunday(year: i32, month: u32) -> Option<NaiveDate> {
    let last = NaiveDate::from_ymd_opt(year, month, 31)?;
    last.checked_sub_days(chrono::Days::new(u64::from(
        last.weekday().num_days_from_sunday(),
    )))
}

/// Summer time of one year under the EU rule: when it starts and ends in UTC, and the same two
/// moments in Dutch local time (03:00 on both days: the clocks jump from 02:00 to 03:00 in March,
/// and 03:00 is the first unambiguous local time after they go back in October).
#[derive(Debug, Clone, Copy)]
struct Summer {
    utc: (NaiveDateTime, NaiveDateTime),
    local: (NaiveDateTime, NaiveDateTime),
}

/// The summer time of `year`, when the EU rule applies (worked out once for all those years).
fn summer(year: i32) -> Option<Summer> {
    static PERIODS: std::sync::OnceLock<Vec<Option<Summer>>> = std::sync::OnceLock::new();
    let periods = PERIODS.get_or_init(|| {
        EU_RULE_YEARS
            .map(|year| {
                let (one, three) = (
                    NaiveTime::from_hms_opt(1, 0, 0)?,
                    NaiveTime::from_hms_opt(3, 0, 0)?,
                );
                let (march, october) = (last_sunday(year, 3)?, last_sunday(year, 10)?);
                Some(Summer {
                    utc: (march.and_time(one), october.and_time(one)),
                    local: (march.and_time(three), october.and_time(three)),
                })
            })
            .collect()
    });
    let index = usize::try_from(year.checked_sub(*EU_RULE_YEARS.start())?).ok()?;
    periods.get(index).copied().flatten()
}

/// Seconds in a day.
const DAY: u32 = 86_400;

/// The calendar date in the Netherlands at `at`.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    let utc = at.naive_utc();
    let Some(summer) = summer(utc.year()) else {
        return local_date_tzdb(at);
    };
    let offset = if (summer.utc.0..summer.utc.1).contains(&utc) {
        7_200
    } else {
        3_600
    };
    // Dutch time is ahead of UTC: the date is the next one once the offset crosses midnight.
    if utc.time().num_seconds_from_midnight() + offset >= DAY {
        utc.date().succ_opt().unwrap_or(NaiveDate::MAX)
    } else {
        utc.date()
    }
}

fn local_date_tzdb(at: DateTime<Utc>) -> NaiveDate {
    at.with_timezone(&Amsterdam).date_naive()
}

/// The first instant of `date` in the Netherlands.
pub fn start_of_day(date: NaiveDate) -> DateTime<Utc> {
    local_instant(date, NaiveTime::MIN)
}

/// The last second of `date` in the Netherlands (23:59:59 local time): a deadline "on" a day means
/// "before the day is over".
pub fn end_of_day(date: NaiveDate) -> DateTime<Utc> {
    let last = NaiveTime::from_hms_opt(23, 59, 59).unwrap_or(NaiveTime::MIN);
    local_instant(date, last)
}

/// `date` at wall-clock `time` in Amsterdam. DST gaps never hit midnight or 23:59 in the
/// Netherlands (the clocks change at 02:00/03:00), but an ambiguous or missing instant still
/// resolves to the earliest valid one instead of failing.
fn local_instant(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    // The EU rule, outside the hour in which the clocks change (02:00–03:00 local).
    if time.hour() != 2 && time.nanosecond() == 0 {
        if let Some(summer) = summer(date.year()) {
            let local = date.and_time(time);
            let offset = if (summer.local.0..summer.local.1).contains(&local) {
                7_200
            } else {
                3_600
            };
            let secs = time.num_seconds_from_midnight();
            let (day, secs) = match secs.checked_sub(offset) {
                Some(secs) => (Some(date), secs),
                None => (date.pred_opt(), secs + DAY - offset),
            };
            if let (Some(day), Some(time)) =
                (day, NaiveTime::from_num_seconds_from_midnight_opt(secs, 0))
            {
                return day.and_time(time).and_utc();
            }
        }
    }
    local_instant_tzdb(date, time)
}

fn local_instant_tzdb(date: NaiveDate, time: NaiveTime) -> DateTime<Utc> {
    let naive = date.and_time(time);
    match Amsterdam.from_local_datetime(&naive) {
        chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(a, _) => a.with_timezone(&Utc),
        chrono::LocalResult::None => Utc.from_utc_datetime(&naive),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_eu_rule_agrees_with_the_tz_database_in_every_hour_it_is_used() {
        let mut at = Utc.with_ymd_and_hms(1995, 6, 1, 0, 30, 0).unwrap();
        let stop = Utc.with_ymd_and_hms(2101, 1, 1, 0, 0, 0).unwrap();
        while at < stop {
            assert_eq!(local_date(at), local_date_tzdb(at), "{at}");
            at += chrono::Duration::minutes(30);
        }
    }

    #[test]
    fn local_instants_agree_with_the_tz_database_on_every_day_it_is_used() {
        let times = [(0, 0, 0), (1, 59, 59), (3, 0, 0), (12, 0, 0), (23, 59, 59)];
        let mut day = NaiveDate::from_ymd_opt(1995, 1, 1).expect("a date");
        while day.year() <= 2100 {
            for (h, m, s) in times {
                let time = NaiveTime::from_hms_opt(h, m, s).expect("a time");
                assert_eq!(
                    local_instant(day, time),
                    local_instant_tzdb(day, time),
                    "{day} {time}"
                );
            }
            day = day.succ_opt().expect("within chrono's range");
        }
    }
}
