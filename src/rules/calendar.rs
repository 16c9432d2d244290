//! Dutch public holidays and working-day arithmetic.
//!
//! Deadlines such as "within two working days" (binnen twee werkdagen) skip weekends and public
//! holidays (feestdagen). A **working day** (werkdag) here is Monday to Friday unless it is a
//! holiday of the chosen [`DutchCalendar`].
//!
//! The default calendar follows art. 3 of the *Algemene termijnenwet*, the Dutch act that says
//! which days are treated like Sundays for statutory time limits: New Year's Day, Easter Monday,
//! Ascension Day, Whit Monday, Christmas Day and Boxing Day, the day the King's birthday is
//! celebrated, and 5 May (Liberation Day) in every year. Easter Sunday and Whit Sunday are listed
//! as well; they are Sundays, so they never change the count. Good Friday is not in the act, and
//! many collective agreements give 5 May off only once every five years (a lustrum year), so both
//! can be switched in [`DutchCalendar`] by a policy pack.
//!
//! Dates are proleptic Gregorian [`NaiveDate`]s in Dutch local time; Easter is computed with the
//! Gregorian computus ([`easter_sunday`]).

use chrono::{Datelike, Days, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// Whether 5 May (Liberation Day, Bevrijdingsdag) is a holiday every year.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum LiberationDay {
    /// Every year, as art. 3 of the Algemene termijnenwet has it.
    #[default]
    EveryYear,
    /// Only in years divisible by five (2025, 2030, …), as many collective agreements have it.
    LustrumOnly,
}

/// One of the Dutch public holidays this module knows about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Holiday {
    /// Nieuwjaarsdag, 1 January.
    NewYearsDay,
    /// Goede Vrijdag, two days before Easter Sunday; a holiday only when the calendar says so.
    GoodFriday,
    /// Eerste paasdag, Easter Sunday.
    EasterSunday,
    /// Tweede paasdag, the day after Easter Sunday.
    EasterMonday,
    /// Koningsdag: 27 April, or Saturday 26 April when the 27th is a Sunday. Before 2014 this
    /// was Queen's Day (Koninginnedag): 30 April, or Saturday 29 April when the 30th is a Sunday.
    KingsDay,
    /// Bevrijdingsdag, 5 May; every year or only in lustrum years, see [`LiberationDay`].
    LiberationDay,
    /// Hemelvaartsdag, the Thursday 39 days after Easter Sunday.
    AscensionDay,
    /// Eerste pinksterdag, the Sunday 49 days after Easter Sunday.
    WhitSunday,
    /// Tweede pinksterdag, the Monday 50 days after Easter Sunday.
    WhitMonday,
    /// Eerste kerstdag, 25 December.
    ChristmasDay,
    /// Tweede kerstdag, 26 December.
    BoxingDay,
}

impl Holiday {
    /// Every holiday, in the order of the enum (roughly the order of the year).
    pub const ALL: [Holiday; 11] = [
        Holiday::NewYearsDay,
        Holiday::GoodFriday,
        Holiday::EasterSunday,
        Holiday::EasterMonday,
        Holiday::KingsDay,
        Holiday::LiberationDay,
        Holiday::AscensionDay,
        Holiday::WhitSunday,
        Holiday::WhitMonday,
        Holiday::ChristmasDay,
        Holiday::BoxingDay,
    ];

    /// The Dutch name, as shown to users ("Tweede paasdag").
    pub fn name_nl(self) -> &'static str {
        match self {
            Holiday::NewYearsDay => "Nieuwjaarsdag",
            Holiday::GoodFriday => "Goede Vrijdag",
            Holiday::EasterSunday => "Eerste paasdag",
            Holiday::EasterMonday => "Tweede paasdag",
            Holiday::KingsDay => "Koningsdag",
            Holiday::LiberationDay => "Bevrijdingsdag",
            Holiday::AscensionDay => "Hemelvaartsdag",
            Holiday::WhitSunday => "Eerste pinksterdag",
            Holiday::WhitMonday => "Tweede pinksterdag",
            Holiday::ChristmasDay => "Eerste kerstdag",
            Holiday::BoxingDay => "Tweede kerstdag",
        }
    }

    /// The English name ("Easter Monday"), for logs and documentation.
    pub fn name_en(self) -> &'static str {
        match self {
            Holiday::NewYearsDay => "New Year's Day",
            Holiday::GoodFriday => "Good Friday",
            Holiday::EasterSunday => "Easter Sunday",
            Holiday::EasterMonday => "Easter Monday",
            Holiday::KingsDay => "King's Day",
            Holiday::LiberationDay => "Liberation Day",
            Holiday::AscensionDay => "Ascension Day",
            Holiday::WhitSunday => "Whit Sunday",
            Holiday::WhitMonday => "Whit Monday",
            Holiday::ChristmasDay => "Christmas Day",
            Holiday::BoxingDay => "Boxing Day",
        }
    }
}

/// Which days off count when working days are counted.
///
/// `DutchCalendar::default()` is the Algemene termijnenwet: Liberation Day every year, Good Friday
/// a working day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DutchCalendar {
    /// Whether 5 May is a holiday every year or only in lustrum years.
    pub liberation_day: LiberationDay,
    /// Whether Good Friday is a holiday (it is not under the Algemene termijnenwet).
    pub good_friday: bool,
}

/// Easter Sunday of `year` in the Gregorian calendar, by the anonymous Gregorian computus (also
/// known as the Meeus/Jones/Butcher algorithm).
///
/// For a year outside the range chrono can represent this returns [`NaiveDate::MIN`] instead of
/// panicking.
pub fn easter_sunday(year: i32) -> NaiveDate {
    // Each step follows the published algorithm; the letters are its traditional names.
    let a = year.rem_euclid(19); // position in the 19-year Metonic cycle
    let b = year.div_euclid(100); // century
    let c = year.rem_euclid(100); // year within the century
    let d = b.div_euclid(4);
    let e = b.rem_euclid(4);
    let f = (b + 8).div_euclid(25);
    let g = (b - f + 1).div_euclid(3);
    let h = (19 * a + b - d - g + 15).rem_euclid(30); // epact-like correction
    let i = c.div_euclid(4);
    let k = c.rem_euclid(4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7); // days to the next Sunday
    let m = (a + 11 * h + 22 * l).div_euclid(451);
    let n = h + l - 7 * m + 114;
    // `n / 31` is 3 or 4 and `n % 31 + 1` is 1..=31, so the conversions cannot fail.
    let month = u32::try_from(n.div_euclid(31)).unwrap_or(4);
    let day = u32::try_from(n.rem_euclid(31) + 1).unwrap_or(1);
    date_or_min(year, month, day)
}

/// `year-month-day`, or [`NaiveDate::MIN`] when that date does not exist. Only called with month
/// and day constants that exist in every year, so the fallback is reached only for years beyond
/// chrono's range.
fn date_or_min(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

/// `date` moved `days` days forward (positive) or back (negative), clamped to chrono's range.
fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    let magnitude = Days::new(days.unsigned_abs());
    let moved = if days >= 0 {
        date.checked_add_days(magnitude)
    } else {
        date.checked_sub_days(magnitude)
    };
    moved.unwrap_or(if days >= 0 {
        NaiveDate::MAX
    } else {
        NaiveDate::MIN
    })
}

/// The day King's Day (from 2014) or Queen's Day (before 2014) is celebrated in `year`: moved to
/// the Saturday before when the date falls on a Sunday.
///
/// Before 1980 Queen's Day moved to the Monday after instead, and before 1949 it was on 31 August;
/// those older rules are not modelled, since deadlines are never that old.
fn kings_day(year: i32) -> NaiveDate {
    let birthday = if year >= 2014 {
        date_or_min(year, 4, 27)
    } else {
        date_or_min(year, 4, 30)
    };
    if birthday.weekday() == Weekday::Sun {
        shift(birthday, -1)
    } else {
        birthday
    }
}

impl DutchCalendar {
    /// Every holiday of `year` under this calendar, sorted by date.
    ///
    /// Two holidays can fall on the same date (Ascension Day is 5 May when Easter is on 27 March,
    /// as in 2016); both are listed then, in the order of [`Holiday::ALL`].
    pub fn holidays(&self, year: i32) -> Vec<(NaiveDate, Holiday)> {
        let easter = easter_sunday(year);
        let mut days: Vec<(NaiveDate, Holiday)> = Holiday::ALL
            .into_iter()
            .filter_map(|holiday| Some((self.date_of(holiday, year, easter)?, holiday)))
            .collect();
        // A stable sort keeps holidays that share a date in enum order.
        days.sort_by_key(|&(date, _)| date);
        days
    }

    /// The date of `holiday` in `year` (whose Easter Sunday is `easter`), or `None` when this
    /// calendar does not have it that year.
    fn date_of(&self, holiday: Holiday, year: i32, easter: NaiveDate) -> Option<NaiveDate> {
        Some(match holiday {
            Holiday::NewYearsDay => date_or_min(year, 1, 1),
            Holiday::GoodFriday if self.good_friday => shift(easter, -2),
            Holiday::GoodFriday => return None,
            Holiday::EasterSunday => easter,
            Holiday::EasterMonday => shift(easter, 1),
            Holiday::KingsDay => kings_day(year),
            Holiday::LiberationDay => match self.liberation_day {
                LiberationDay::EveryYear => date_or_min(year, 5, 5),
                LiberationDay::LustrumOnly if year.rem_euclid(5) == 0 => date_or_min(year, 5, 5),
                LiberationDay::LustrumOnly => return None,
            },
            Holiday::AscensionDay => shift(easter, 39),
            Holiday::WhitSunday => shift(easter, 49),
            Holiday::WhitMonday => shift(easter, 50),
            Holiday::ChristmasDay => date_or_min(year, 12, 25),
            Holiday::BoxingDay => date_or_min(year, 12, 26),
        })
    }

    /// The dates of `year`'s holidays under this calendar, in [`Holiday::ALL`] order (`None` for
    /// one it does not have that year). Deadlines for thousands of recordings ask for the same
    /// few years, so the last year asked is kept per thread.
    fn holiday_dates(&self, year: i32) -> [Option<NaiveDate>; Holiday::ALL.len()] {
        type Dates = [Option<NaiveDate>; Holiday::ALL.len()];
        thread_local! {
            static LAST: std::cell::Cell<Option<(DutchCalendar, i32, Dates)>> =
                const { std::cell::Cell::new(None) };
        }
        LAST.with(|last| match last.get() {
            Some((cal, y, dates)) if cal == *self && y == year => dates,
            _ => {
                let easter = easter_sunday(year);
                let dates = Holiday::ALL.map(|holiday| self.date_of(holiday, year, easter));
                last.set(Some((*self, year, dates)));
                dates
            }
        })
    }

    /// The holiday on `date` under this calendar, if any. When two share the date, the first in
    /// [`Holiday::ALL`] order is returned.
    pub fn holiday(&self, date: NaiveDate) -> Option<Holiday> {
        let dates = self.holiday_dates(date.year());
        let i = dates.iter().position(|&d| d == Some(date))?;
        Some(Holiday::ALL[i])
    }

    /// Whether `date` is a working day: Monday to Friday and not a holiday of this calendar.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && self.holiday(date).is_none()
    }

    /// The date `n` working days after `from`. The day `from` itself never counts, whether or not
    /// it is a working day, so Friday + 1 is the next Monday (when that is not a holiday).
    ///
    /// With `n = 0` the result is `from` when it is a working day, else the next working day.
    /// The result stops at [`NaiveDate::MAX`] rather than panicking past chrono's range.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut date = from;
        let mut left = n;
        if left == 0 {
            while !self.is_working_day(date) {
                match date.succ_opt() {
                    Some(next) => date = next,
                    None => return date,
                }
            }
            return date;
        }
        while left > 0 {
            match date.succ_opt() {
                Some(next) => date = next,
                None => return date,
            }
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        date
    }
}
