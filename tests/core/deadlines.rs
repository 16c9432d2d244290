use crate::support::nl;
use opnamewijs::calendar::DutchCalendar;
use opnamewijs::deadline::{apply_offset, status_at, DeadlineStatus};
use opnamewijs::policy::Offset;

#[test]
fn offsets_land_on_the_expected_dutch_instant() {
    let cal = DutchCalendar::default();
    // (description, from, offset, expected due)
    let cases = [
        (
            "same day ends at 23:59:59 local (winter, UTC+1)",
            nl(2026, 11, 23, 10, 0),
            Offset::Days(0),
            nl(2026, 11, 23, 23, 59),
        ),
        (
            "one day later",
            nl(2026, 11, 23, 10, 0),
            Offset::Days(1),
            nl(2026, 11, 24, 23, 59),
        ),
        (
            "day before the lesson",
            nl(2026, 11, 23, 0, 0),
            Offset::Days(-1),
            nl(2026, 11, 22, 23, 59),
        ),
        (
            "24 hours across spring DST is 25 wall-clock hours",
            nl(2026, 3, 28, 12, 0),
            Offset::Hours(24),
            nl(2026, 3, 29, 13, 0),
        ),
        (
            "24 hours across autumn DST is 23 wall-clock hours",
            nl(2026, 10, 24, 12, 0),
            Offset::Hours(24),
            nl(2026, 10, 25, 11, 0),
        ),
        (
            "a day across spring DST still ends at local midnight",
            nl(2026, 3, 28, 12, 0),
            Offset::Days(1),
            nl(2026, 3, 29, 23, 59),
        ),
        (
            "a day across autumn DST still ends at local midnight",
            nl(2026, 10, 24, 12, 0),
            Offset::Days(1),
            nl(2026, 10, 25, 23, 59),
        ),
        (
            "working day after Friday is Monday",
            nl(2026, 11, 20, 16, 0),
            Offset::WorkingDays(1),
            nl(2026, 11, 23, 23, 59),
        ),
        (
            "two working days from Friday is Tuesday",
            nl(2026, 11, 20, 16, 0),
            Offset::WorkingDays(2),
            nl(2026, 11, 24, 23, 59),
        ),
        (
            "Christmas and the weekend are skipped",
            nl(2026, 12, 24, 9, 0),
            Offset::WorkingDays(1),
            nl(2026, 12, 28, 23, 59),
        ),
        (
            "King's Day (Monday 27 April 2026) is skipped",
            nl(2026, 4, 23, 9, 0),
            Offset::WorkingDays(2),
            nl(2026, 4, 28, 23, 59),
        ),
        (
            "Easter Monday is skipped",
            nl(2026, 4, 3, 9, 0),
            Offset::WorkingDays(1),
            nl(2026, 4, 7, 23, 59),
        ),
        (
            "Ascension Day is skipped",
            nl(2026, 5, 13, 9, 0),
            Offset::WorkingDays(1),
            nl(2026, 5, 15, 23, 59),
        ),
        (
            "New Year's Day is skipped",
            nl(2026, 12, 31, 9, 0),
            Offset::WorkingDays(1),
            nl(2027, 1, 4, 23, 59),
        ),
    ];
    for (what, from, offset, expected) in cases {
        let due = apply_offset(from, offset, &cal);
        // end_of_day is 23:59:59; the helper builds 23:59:00, so compare to the minute.
        assert_eq!(
            due.timestamp() / 60,
            expected.timestamp() / 60,
            "{what}: got {due}"
        );
    }
}

#[test]
fn status_follows_the_clock() {
    let due = Some(nl(2026, 11, 23, 23, 59));
    let cases = [
        (
            "earlier day",
            nl(2026, 11, 22, 12, 0),
            None,
            DeadlineStatus::Upcoming,
        ),
        (
            "same local day",
            nl(2026, 11, 23, 8, 0),
            None,
            DeadlineStatus::DueToday,
        ),
        (
            "after the due instant",
            nl(2026, 11, 24, 0, 1),
            None,
            DeadlineStatus::Overdue,
        ),
        (
            "done wins over overdue",
            nl(2026, 11, 25, 0, 0),
            Some(nl(2026, 11, 24, 9, 0)),
            DeadlineStatus::Done,
        ),
    ];
    for (what, now, done, expected) in cases {
        assert_eq!(
            status_at(due, done, DeadlineStatus::Waiting, now),
            expected,
            "{what}"
        );
    }
    assert_eq!(
        status_at(None, None, DeadlineStatus::NeedsDate, nl(2026, 1, 1, 0, 0)),
        DeadlineStatus::NeedsDate,
        "no due date yet"
    );
}
