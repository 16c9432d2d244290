use crate::support::date;
use chrono::{Datelike, NaiveDate, Weekday};
use opnamewijs::calendar::{easter_sunday, DutchCalendar, Holiday, LiberationDay};

/// Liberation Day only in lustrum years, Good Friday a working day.
const LUSTRUM: DutchCalendar = DutchCalendar {
    liberation_day: LiberationDay::LustrumOnly,
    good_friday: false,
};

/// Liberation Day every year and Good Friday off.
const WITH_GOOD_FRIDAY: DutchCalendar = DutchCalendar {
    liberation_day: LiberationDay::EveryYear,
    good_friday: true,
};

#[test]
fn easter_sunday_matches_known_dates() {
    let known = [
        (2016, date(2016, 3, 27)),
        (2019, date(2019, 4, 21)),
        (2020, date(2020, 4, 12)),
        (2021, date(2021, 4, 4)),
        (2022, date(2022, 4, 17)),
        (2023, date(2023, 4, 9)),
        (2024, date(2024, 3, 31)),
        (2025, date(2025, 4, 20)),
        (2026, date(2026, 4, 5)),
        (2027, date(2027, 3, 28)),
        (2028, date(2028, 4, 16)),
        (2029, date(2029, 4, 1)),
        (2030, date(2030, 4, 21)),
    ];
    for (year, expected) in known {
        assert_eq!(easter_sunday(year), expected, "Easter Sunday {year}");
    }
}

#[test]
fn easter_sunday_is_a_sunday_between_22_march_and_25_april() {
    for year in 1583..=2400 {
        let easter = easter_sunday(year);
        assert_eq!(easter.year(), year, "Easter {easter} lies in year {year}");
        assert_eq!(
            easter.weekday(),
            Weekday::Sun,
            "Easter {easter} is a Sunday"
        );
        assert!(
            easter >= date(year, 3, 22) && easter <= date(year, 4, 25),
            "Easter {easter} lies between 22 March and 25 April"
        );
    }
}

/// A year's default holidays as (month, day, holiday), in date order.
type YearOfHolidays = (i32, [(u32, u32, Holiday); 10]);

#[test]
fn default_holidays_2025_to_2030_match_the_official_dates() {
    use Holiday::*;
    let expected: [YearOfHolidays; 6] = [
        (
            2025,
            [
                (1, 1, NewYearsDay),
                (4, 20, EasterSunday),
                (4, 21, EasterMonday),
                (4, 26, KingsDay), // 27 April 2025 is a Sunday
                (5, 5, LiberationDay),
                (5, 29, AscensionDay),
                (6, 8, WhitSunday),
                (6, 9, WhitMonday),
                (12, 25, ChristmasDay),
                (12, 26, BoxingDay),
            ],
        ),
        (
            2026,
            [
                (1, 1, NewYearsDay),
                (4, 5, EasterSunday),
                (4, 6, EasterMonday),
                (4, 27, KingsDay),
                (5, 5, LiberationDay),
                (5, 14, AscensionDay),
                (5, 24, WhitSunday),
                (5, 25, WhitMonday),
                (12, 25, ChristmasDay),
                (12, 26, BoxingDay),
            ],
        ),
        (
            2027,
            [
                (1, 1, NewYearsDay),
                (3, 28, EasterSunday),
                (3, 29, EasterMonday),
                (4, 27, KingsDay),
                (5, 5, LiberationDay),
                (5, 6, AscensionDay),
                (5, 16, WhitSunday),
                (5, 17, WhitMonday),
                (12, 25, ChristmasDay),
                (12, 26, BoxingDay),
            ],
        ),
        (
            2028,
            [
                (1, 1, NewYearsDay),
                (4, 16, EasterSunday),
                (4, 17, EasterMonday),
                (4, 27, KingsDay),
                (5, 5, LiberationDay),
                (5, 25, AscensionDay),
                (6, 4, WhitSunday),
                (6, 5, WhitMonday),
                (12, 25, ChristmasDay),
                (12, 26, BoxingDay),
            ],
        ),
        (
            2029,
            [
                (1, 1, NewYearsDay),
                (4, 1, EasterSunday),
                (4, 2, EasterMonday),
                (4, 27, KingsDay),
                (5, 5, LiberationDay),
                (5, 10, AscensionDay),
                (5, 20, WhitSunday),
                (5, 21, WhitMonday),
                (12, 25, ChristmasDay),
                (12, 26, BoxingDay),
            ],
        ),
        (
            2030,
            [
                (1, 1, NewYearsDay),
                (4, 21, EasterSunday),
                (4, 22, EasterMonday),
                (4, 27, KingsDay), // a Saturday: stays, only a Sunday moves
                (5, 5, LiberationDay),
                (5, 30, AscensionDay),
                (6, 9, WhitSunday),
                (6, 10, WhitMonday),
                (12, 25, ChristmasDay),
                (12, 26, BoxingDay),
            ],
        ),
    ];
    let cal = DutchCalendar::default();
    for (year, days) in expected {
        let want: Vec<(NaiveDate, Holiday)> = days
            .iter()
            .map(|&(m, d, h)| (date(year, m, d), h))
            .collect();
        assert_eq!(cal.holidays(year), want, "holidays of {year}");
        for (day, holiday) in want {
            assert_eq!(
                cal.holiday(day),
                Some(holiday),
                "holiday() on {day} agrees with holidays({year})"
            );
        }
    }
}

#[test]
fn moveable_holidays_fall_on_their_weekday() {
    let cal = WITH_GOOD_FRIDAY;
    for year in 2000..=2100 {
        for (day, holiday) in cal.holidays(year) {
            let weekday = match holiday {
                Holiday::GoodFriday => Some(Weekday::Fri),
                Holiday::EasterSunday | Holiday::WhitSunday => Some(Weekday::Sun),
                Holiday::EasterMonday | Holiday::WhitMonday => Some(Weekday::Mon),
                Holiday::AscensionDay => Some(Weekday::Thu),
                _ => None,
            };
            if let Some(weekday) = weekday {
                assert_eq!(day.weekday(), weekday, "{} {year}", holiday.name_en());
            }
            if holiday == Holiday::KingsDay {
                assert_ne!(
                    day.weekday(),
                    Weekday::Sun,
                    "King's Day {year} is never a Sunday"
                );
            }
        }
    }
}

#[test]
fn kings_day_moves_to_saturday_when_it_falls_on_a_sunday() {
    let cal = DutchCalendar::default();
    let cases = [
        ("King's Day 2014: 27 April was a Sunday", date(2014, 4, 26)),
        ("King's Day 2025: 27 April is a Sunday", date(2025, 4, 26)),
        ("King's Day 2026: an ordinary Monday", date(2026, 4, 27)),
        ("King's Day 2031: 27 April is a Sunday", date(2031, 4, 26)),
        ("Queen's Day 2013: an ordinary Tuesday", date(2013, 4, 30)),
        ("Queen's Day 2006: 30 April was a Sunday", date(2006, 4, 29)),
    ];
    for (what, day) in cases {
        assert_eq!(cal.holiday(day), Some(Holiday::KingsDay), "{what}");
    }
    let not_holidays = [
        ("27 April 2025 is a plain Sunday", date(2025, 4, 27)),
        ("30 April 2026 is no longer Queen's Day", date(2026, 4, 30)),
        ("27 April 2013 was before King's Day", date(2013, 4, 27)),
        ("30 April 2006 moved to the 29th", date(2006, 4, 30)),
    ];
    for (what, day) in not_holidays {
        assert_eq!(cal.holiday(day), None, "{what}");
    }
}

#[test]
fn liberation_day_every_year_or_only_in_lustrum_years() {
    let default = DutchCalendar::default();
    let cases = [
        (2025, true, true),
        (2026, true, false),
        (2029, true, false),
        (2030, true, true),
    ];
    for (year, every_year, lustrum) in cases {
        let may5 = date(year, 5, 5);
        let expect = |counted: bool| counted.then_some(Holiday::LiberationDay);
        assert_eq!(
            default.holiday(may5),
            expect(every_year),
            "5 May {year} under the Algemene termijnenwet"
        );
        assert_eq!(
            LUSTRUM.holiday(may5),
            expect(lustrum),
            "5 May {year} with LustrumOnly"
        );
        assert_eq!(
            LUSTRUM.holidays(year).len(),
            if lustrum { 10 } else { 9 },
            "number of holidays in {year} with LustrumOnly"
        );
    }
    assert!(
        LUSTRUM.is_working_day(date(2026, 5, 5)),
        "Tuesday 5 May 2026 is a working day outside a lustrum year"
    );
    assert!(
        !default.is_working_day(date(2026, 5, 5)),
        "Tuesday 5 May 2026 is a holiday under the Algemene termijnenwet"
    );
}

#[test]
fn good_friday_counts_only_when_enabled() {
    let good_fridays = [
        date(2025, 4, 18),
        date(2026, 4, 3),
        date(2027, 3, 26),
        date(2028, 4, 14),
        date(2029, 3, 30),
        date(2030, 4, 19),
    ];
    for day in good_fridays {
        let year = day.year();
        assert_eq!(
            WITH_GOOD_FRIDAY.holiday(day),
            Some(Holiday::GoodFriday),
            "Good Friday {year} when enabled"
        );
        assert!(
            !WITH_GOOD_FRIDAY.is_working_day(day),
            "Good Friday {year} is a day off when enabled"
        );
        assert_eq!(
            DutchCalendar::default().holiday(day),
            None,
            "Good Friday {year} is not a holiday by default"
        );
        assert!(
            DutchCalendar::default().is_working_day(day),
            "Good Friday {year} is a working day by default"
        );
        assert_eq!(
            WITH_GOOD_FRIDAY.holidays(year).get(1),
            Some(&(day, Holiday::GoodFriday)),
            "Good Friday {year} is listed right after New Year's Day"
        );
    }
}

#[test]
fn holidays_on_the_same_date_are_both_listed() {
    // Easter 2016 was 27 March, so Ascension Day fell on 5 May.
    let both = DutchCalendar::default()
        .holidays(2016)
        .into_iter()
        .filter(|&(day, _)| day == date(2016, 5, 5))
        .map(|(_, holiday)| holiday)
        .collect::<Vec<_>>();
    assert_eq!(
        both,
        [Holiday::LiberationDay, Holiday::AscensionDay],
        "5 May 2016 is Liberation Day and Ascension Day"
    );
    assert_eq!(
        DutchCalendar::default().holiday(date(2016, 5, 5)),
        Some(Holiday::LiberationDay),
        "holiday() returns the first in enum order"
    );
    assert_eq!(
        LUSTRUM.holiday(date(2016, 5, 5)),
        Some(Holiday::AscensionDay),
        "2016 is no lustrum year, but Ascension Day still counts"
    );
}

#[test]
fn is_working_day_on_weekdays_weekends_and_holidays() {
    let cal = DutchCalendar::default();
    let cases = [
        ("ordinary Monday", date(2026, 11, 23), true),
        ("ordinary Friday", date(2026, 11, 27), true),
        ("Saturday", date(2026, 11, 21), false),
        ("Sunday", date(2026, 11, 22), false),
        ("New Year's Day 2026 (Thursday)", date(2026, 1, 1), false),
        ("Easter Monday 2026", date(2026, 4, 6), false),
        ("King's Day 2026 (Monday)", date(2026, 4, 27), false),
        ("Ascension Day 2026", date(2026, 5, 14), false),
        (
            "day after Ascension Day 2026 (Friday)",
            date(2026, 5, 15),
            true,
        ),
        ("Whit Monday 2026", date(2026, 5, 25), false),
        ("Christmas Day 2026 (Friday)", date(2026, 12, 25), false),
        ("Christmas Eve 2026 (Thursday)", date(2026, 12, 24), true),
        ("Boxing Day 2025 (Friday)", date(2025, 12, 26), false),
        ("King's Day 2025 (Saturday)", date(2025, 4, 26), false),
        ("Friday before King's Day 2025", date(2025, 4, 25), true),
    ];
    for (what, day, working) in cases {
        assert_eq!(cal.is_working_day(day), working, "{what}: {day}");
    }
}

#[test]
fn add_working_days_skips_weekends_and_holidays() {
    let cal = DutchCalendar::default();
    let cases = [
        (
            "Friday + 1 is Monday",
            date(2026, 11, 20),
            1,
            date(2026, 11, 23),
        ),
        (
            "Monday + 5 is next Monday",
            date(2026, 11, 23),
            5,
            date(2026, 11, 30),
        ),
        (
            "Saturday + 1 is Monday",
            date(2026, 11, 21),
            1,
            date(2026, 11, 23),
        ),
        (
            "Sunday + 2 is Tuesday",
            date(2026, 11, 22),
            2,
            date(2026, 11, 24),
        ),
        (
            "Thursday 2 April 2026 + 1 is Good Friday, a working day by default",
            date(2026, 4, 2),
            1,
            date(2026, 4, 3),
        ),
        (
            "Thursday 2 April 2026 + 2 skips the weekend and Easter Monday",
            date(2026, 4, 2),
            2,
            date(2026, 4, 7),
        ),
        (
            "Christmas Eve 2026 + 1 skips Christmas (Friday) and the weekend",
            date(2026, 12, 24),
            1,
            date(2026, 12, 28),
        ),
        (
            "Christmas Eve 2025 + 1 skips both Christmas days and the weekend",
            date(2025, 12, 24),
            1,
            date(2025, 12, 29),
        ),
        (
            "New Year's Eve 2026 + 1 skips New Year's Day and the weekend",
            date(2026, 12, 31),
            1,
            date(2027, 1, 4),
        ),
        (
            "23 December 2026 + 3 crosses Christmas and ends on Tuesday",
            date(2026, 12, 23),
            3,
            date(2026, 12, 29),
        ),
        (
            "Friday 24 April 2026 + 1 skips the weekend and King's Day",
            date(2026, 4, 24),
            1,
            date(2026, 4, 28),
        ),
        (
            "Monday 4 May 2026 + 1 skips Liberation Day",
            date(2026, 5, 4),
            1,
            date(2026, 5, 6),
        ),
        (
            "Wednesday 13 May 2026 + 1 skips Ascension Day",
            date(2026, 5, 13),
            1,
            date(2026, 5, 15),
        ),
        (
            "Friday 22 May 2026 + 1 skips Whit Monday",
            date(2026, 5, 22),
            1,
            date(2026, 5, 26),
        ),
        (
            "0 on a Saturday is the next Monday",
            date(2026, 11, 21),
            0,
            date(2026, 11, 23),
        ),
        (
            "0 on a working day is that day",
            date(2026, 11, 23),
            0,
            date(2026, 11, 23),
        ),
        (
            "0 on Christmas Day 2026 is Monday 28 December",
            date(2026, 12, 25),
            0,
            date(2026, 12, 28),
        ),
    ];
    for (what, from, n, expected) in cases {
        assert_eq!(cal.add_working_days(from, n), expected, "{what}");
    }
}

#[test]
fn add_working_days_follows_the_calendar_choice() {
    let cases = [
        (
            "Good Friday off: Thursday 2 April 2026 + 1 is Tuesday 7 April",
            WITH_GOOD_FRIDAY,
            date(2026, 4, 2),
            1,
            date(2026, 4, 7),
        ),
        (
            "LustrumOnly: Monday 4 May 2026 + 1 is Liberation Day itself",
            LUSTRUM,
            date(2026, 5, 4),
            1,
            date(2026, 5, 5),
        ),
        (
            "LustrumOnly: Friday 2 May 2025 + 1 skips Liberation Day 2025",
            LUSTRUM,
            date(2025, 5, 2),
            1,
            date(2025, 5, 6),
        ),
    ];
    for (what, cal, from, n, expected) in cases {
        assert_eq!(cal.add_working_days(from, n), expected, "{what}");
    }
}

#[test]
fn add_working_days_never_panics_at_the_end_of_time() {
    let cal = DutchCalendar::default();
    let last = NaiveDate::MAX;
    assert_eq!(
        cal.add_working_days(last, 3),
        last,
        "stops at the last date chrono can represent"
    );
    assert_eq!(
        cal.add_working_days(last.pred_opt().unwrap_or(last), 0),
        last,
        "0 near the end of time does not panic either"
    );
}

#[test]
fn names_and_serde_spellings_are_stable() {
    let expected = [
        (
            Holiday::NewYearsDay,
            "Nieuwjaarsdag",
            "New Year's Day",
            "new_years_day",
        ),
        (
            Holiday::GoodFriday,
            "Goede Vrijdag",
            "Good Friday",
            "good_friday",
        ),
        (
            Holiday::EasterSunday,
            "Eerste paasdag",
            "Easter Sunday",
            "easter_sunday",
        ),
        (
            Holiday::EasterMonday,
            "Tweede paasdag",
            "Easter Monday",
            "easter_monday",
        ),
        (Holiday::KingsDay, "Koningsdag", "King's Day", "kings_day"),
        (
            Holiday::LiberationDay,
            "Bevrijdingsdag",
            "Liberation Day",
            "liberation_day",
        ),
        (
            Holiday::AscensionDay,
            "Hemelvaartsdag",
            "Ascension Day",
            "ascension_day",
        ),
        (
            Holiday::WhitSunday,
            "Eerste pinksterdag",
            "Whit Sunday",
            "whit_sunday",
        ),
        (
            Holiday::WhitMonday,
            "Tweede pinksterdag",
            "Whit Monday",
            "whit_monday",
        ),
        (
            Holiday::ChristmasDay,
            "Eerste kerstdag",
            "Christmas Day",
            "christmas_day",
        ),
        (
            Holiday::BoxingDay,
            "Tweede kerstdag",
            "Boxing Day",
            "boxing_day",
        ),
    ];
    assert_eq!(
        expected.map(|(h, ..)| h),
        Holiday::ALL,
        "Holiday::ALL lists every holiday once, in enum order"
    );
    for (holiday, nl, en, json) in expected {
        assert_eq!(holiday.name_nl(), nl, "Dutch name of {holiday:?}");
        assert_eq!(holiday.name_en(), en, "English name of {holiday:?}");
        let quoted = format!("\"{json}\"");
        assert_eq!(
            serde_json::to_string(&holiday).ok().as_deref(),
            Some(quoted.as_str()),
            "JSON spelling of {holiday:?}"
        );
        assert_eq!(
            serde_json::from_str::<Holiday>(&quoted).ok(),
            Some(holiday),
            "{quoted} reads back as {holiday:?}"
        );
    }
    for (choice, json) in [
        (LiberationDay::EveryYear, "\"every_year\""),
        (LiberationDay::LustrumOnly, "\"lustrum_only\""),
    ] {
        assert_eq!(
            serde_json::to_string(&choice).ok().as_deref(),
            Some(json),
            "JSON spelling of {choice:?}"
        );
        assert_eq!(
            serde_json::from_str::<LiberationDay>(json).ok(),
            Some(choice),
            "{json} reads back as {choice:?}"
        );
    }
    assert_eq!(
        LiberationDay::default(),
        LiberationDay::EveryYear,
        "the Algemene termijnenwet is the default"
    );
    assert_eq!(
        DutchCalendar::default(),
        DutchCalendar {
            liberation_day: LiberationDay::EveryYear,
            good_friday: false,
        },
        "the default calendar is the Algemene termijnenwet"
    );
}

#[test]
fn holiday_agrees_with_the_year_list_on_every_day_of_three_centuries() {
    // `holiday()` computes one date in place (it runs for every day a working-day count passes);
    // `holidays()` lists the year. They must never disagree, in any calendar variant.
    for liberation_day in [LiberationDay::EveryYear, LiberationDay::LustrumOnly] {
        for good_friday in [false, true] {
            let cal = DutchCalendar {
                liberation_day,
                good_friday,
            };
            for year in 1900..2200 {
                let list = cal.holidays(year);
                let mut day = date(year, 1, 1);
                while day.year() == year {
                    let first = list.iter().find(|&&(d, _)| d == day).map(|&(_, h)| h);
                    assert_eq!(cal.holiday(day), first, "{day} in {cal:?}");
                    day = day.succ_opt().expect("within chrono's range");
                }
            }
        }
    }
}
