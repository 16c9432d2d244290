use crate::support::date;
use opnamewijs::calendar::{easter_sunday, DutchCalendar, Holiday, LiberationDay};

#[test]
fn easter_sunday_matches_known_dates() {
    let known = [
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
        assert_eq!(easter_sunday(year), expected, "Easter {year}");
    }
}

#[test]
fn holidays_2025_to_2030_match_the_official_dates() {
    use Holiday::*;
    let cal = DutchCalendar::default();
    let expected: [(i32, [(u32, u32, Holiday); 10]); 6] = [
        (
            2025,
            [
                (1, 1, NewYearsDay),
                (4, 20, EasterSunday),
                (4, 21, EasterMonday),
                (4, 26, KingsDay),
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
                (4, 27, KingsDay),
                (5, 5, LiberationDay),
                (5, 30, AscensionDay),
                (6, 9, WhitSunday),
                (6, 10, WhitMonday),
                (12, 25, ChristmasDay),
                (12, 26, BoxingDay),
            ],
        ),
    ];
    for (year, days) in expected {
        let want: Vec<_> = days
            .iter()
            .map(|&(m, d, h)| (date(year, m, d), h))
            .collect();
        assert_eq!(cal.holidays(year), want, "holidays {year}");
    }
}

#[test]
fn kings_day_moves_to_saturday_when_the_27th_is_a_sunday() {
    let cal = DutchCalendar::default();
    assert_eq!(
        cal.holiday(date(2025, 4, 26)),
        Some(Holiday::KingsDay),
        "27 April 2025 is a Sunday"
    );
    assert_eq!(cal.holiday(date(2025, 4, 27)), None);
    assert_eq!(
        cal.holiday(date(2031, 4, 26)),
        Some(Holiday::KingsDay),
        "27 April 2031 is a Sunday"
    );
    assert_eq!(
        cal.holiday(date(2013, 4, 30)),
        Some(Holiday::KingsDay),
        "Queen's Day before 2014"
    );
}

#[test]
fn liberation_day_and_good_friday_follow_the_calendar_choice() {
    let lustrum = DutchCalendar {
        liberation_day: LiberationDay::LustrumOnly,
        good_friday: false,
    };
    assert_eq!(
        lustrum.holiday(date(2025, 5, 5)),
        Some(Holiday::LiberationDay)
    );
    assert_eq!(
        lustrum.holiday(date(2030, 5, 5)),
        Some(Holiday::LiberationDay)
    );
    assert_eq!(
        lustrum.holiday(date(2026, 5, 5)),
        None,
        "2026 is no lustrum year"
    );
    assert!(
        lustrum.is_working_day(date(2026, 5, 5)),
        "Tuesday 5 May 2026 is a working day then"
    );
    assert!(
        !DutchCalendar::default().is_working_day(date(2026, 5, 5)),
        "but not under the Algemene termijnenwet"
    );
    let with_good_friday = DutchCalendar {
        liberation_day: LiberationDay::EveryYear,
        good_friday: true,
    };
    assert_eq!(
        with_good_friday.holiday(date(2026, 4, 3)),
        Some(Holiday::GoodFriday)
    );
    assert_eq!(
        DutchCalendar::default().holiday(date(2026, 4, 3)),
        None,
        "not by default"
    );
    assert_eq!(Holiday::KingsDay.name_nl(), "Koningsdag");
    assert_eq!(Holiday::WhitMonday.name_en(), "Whit Monday");
}

#[test]
fn working_days_skip_weekends_and_holidays() {
    let cal = DutchCalendar::default();
    let cases = [
        (
            "Friday + 1 = Monday",
            date(2026, 11, 20),
            1,
            date(2026, 11, 23),
        ),
        (
            "Thursday + 2 across Good Friday (working) and Easter Monday",
            date(2026, 4, 2),
            2,
            date(2026, 4, 7),
        ),
        (
            "Christmas Eve + 1 skips Christmas and the weekend",
            date(2026, 12, 24),
            1,
            date(2026, 12, 28),
        ),
        (
            "New Year's Eve + 1 skips New Year's Day and the weekend",
            date(2026, 12, 31),
            1,
            date(2027, 1, 4),
        ),
        (
            "across King's Day 2026 (a Monday)",
            date(2026, 4, 24),
            1,
            date(2026, 4, 28),
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
            "Whit Monday is skipped",
            date(2026, 5, 22),
            1,
            date(2026, 5, 26),
        ),
    ];
    for (what, from, n, expected) in cases {
        assert_eq!(cal.add_working_days(from, n), expected, "{what}");
    }
    assert!(!cal.is_working_day(date(2026, 11, 22)), "Sunday");
    assert!(cal.is_working_day(date(2026, 11, 24)), "ordinary Tuesday");
}
