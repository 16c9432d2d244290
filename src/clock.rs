//! Time as the core sees it: an injectable [`Clock`] and the Dutch local time zone.

use chrono::{DateTime, NaiveDate, NaiveTime, TimeZone, Utc};
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

/// The calendar date in the Netherlands at `at`.
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
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
    let naive = date.and_time(time);
    match Amsterdam.from_local_datetime(&naive) {
        chrono::LocalResult::Single(t) => t.with_timezone(&Utc),
        chrono::LocalResult::Ambiguous(a, _) => a.with_timezone(&Utc),
        chrono::LocalResult::None => Utc.from_utc_datetime(&naive),
    }
}
