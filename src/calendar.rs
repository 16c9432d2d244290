//! Dutch public holidays and working-day arithmetic.
//!
//! A deadline "within two working days" skips weekends and public holidays. Which holidays count
//! follows the Dutch *Algemene termijnenwet* (art. 3) by default: New Year's Day, Easter Monday,
//! Ascension Day, Whit Monday, both Christmas days, King's Day, and Liberation Day (5 May) every
//! year. Easter Sunday and Whit Sunday are listed too, though they fall on Sundays anyway. Many
//! employers give 5 May off only in lustrum years and some give Good Friday off; a policy pack can
//! choose either through [`DutchCalendar`].

use chrono::{Datelike, Duration, NaiveDate, Weekday};
use serde::{Deserialize, Serialize};

/// When 5 May (Liberation Day) is a day off.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum LiberationDay {
    /// Every year, as in the Algemene termijnenwet.
    #[default]
    EveryYear,
    /// Only in years divisible by five (2025, 2030, …), as in many collective agreements.
    LustrumOnly,
}

/// A Dutch public holiday.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Holiday {
    /// 1 January.
    NewYearsDay,
    /// Friday before Easter (only when the calendar counts it).
    GoodFriday,
    /// Easter Sunday.
    EasterSunday,
    /// Easter Monday.
    EasterMonday,
    /// The King's birthday: 27 April, or Saturday 26 April when the 27th is a Sunday.
    KingsDay,
    /// 5 May.
    LiberationDay,
    /// Easter + 39 days.
    AscensionDay,
    /// Easter + 49 days.
    WhitSunday,
    /// Easter + 50 days.
    WhitMonday,
    /// 25 December.
    ChristmasDay,
    /// 26 December.
    BoxingDay,
}

impl Holiday {
    /// Dutch name.
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

    /// English name.
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

/// The Dutch calendar of days off. `Default` is the Algemene termijnenwet.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct DutchCalendar {
    /// When Liberation Day counts.
    pub liberation_day: LiberationDay,
    /// Whether Good Friday is a day off.
    pub good_friday: bool,
}

/// Easter Sunday of `year` in the Gregorian calendar (the anonymous, or Meeus/Jones/Butcher,
/// algorithm).
pub fn easter_sunday(year: i32) -> NaiveDate {
    let a = year.rem_euclid(19);
    let b = year.div_euclid(100);
    let c = year.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    ymd(year, month as u32, day as u32)
}

/// A date known to exist (month 1–12 and a day that month has).
fn ymd(year: i32, month: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, day).unwrap_or(NaiveDate::MIN)
}

impl DutchCalendar {
    /// Every holiday of `year`, sorted by date.
    pub fn holidays(&self, year: i32) -> Vec<(NaiveDate, Holiday)> {
        let easter = easter_sunday(year);
        let mut days = vec![
            (ymd(year, 1, 1), Holiday::NewYearsDay),
            (easter, Holiday::EasterSunday),
            (easter + Duration::days(1), Holiday::EasterMonday),
            (kings_day(year), Holiday::KingsDay),
            (easter + Duration::days(39), Holiday::AscensionDay),
            (easter + Duration::days(49), Holiday::WhitSunday),
            (easter + Duration::days(50), Holiday::WhitMonday),
            (ymd(year, 12, 25), Holiday::ChristmasDay),
            (ymd(year, 12, 26), Holiday::BoxingDay),
        ];
        if self.good_friday {
            days.push((easter - Duration::days(2), Holiday::GoodFriday));
        }
        if self.liberation_day == LiberationDay::EveryYear || year % 5 == 0 {
            days.push((ymd(year, 5, 5), Holiday::LiberationDay));
        }
        days.sort_by_key(|(d, _)| *d);
        days
    }

    /// The holiday on `date`, if any.
    pub fn holiday(&self, date: NaiveDate) -> Option<Holiday> {
        self.holidays(date.year())
            .into_iter()
            .find(|(d, _)| *d == date)
            .map(|(_, h)| h)
    }

    /// Monday to Friday and not a holiday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !matches!(date.weekday(), Weekday::Sat | Weekday::Sun) && self.holiday(date).is_none()
    }

    /// The date `n` working days after `from` (`from` itself never counts). With `n = 0`: `from`
    /// when it is a working day, else the next working day.
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> NaiveDate {
        let mut date = from;
        if n == 0 {
            while !self.is_working_day(date) {
                date += Duration::days(1);
            }
            return date;
        }
        let mut left = n;
        while left > 0 {
            date += Duration::days(1);
            if self.is_working_day(date) {
                left -= 1;
            }
        }
        date
    }
}

/// King's Day (from 2014) or Queen's Day (before), moved to the Saturday before when it falls on
/// a Sunday.
fn kings_day(year: i32) -> NaiveDate {
    let day = if year >= 2014 {
        ymd(year, 4, 27)
    } else {
        ymd(year, 4, 30)
    };
    if day.weekday() == Weekday::Sun {
        day - Duration::days(1)
    } else {
        day
    }
}
