use crate::support::*;
use icalendar::Component;
use opnamewijs::workspace::LogIncident;

#[test]
fn open_deadlines_export_as_a_calendar_that_parses_again() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let id = env.create("hu-stage-opnamen", "2026-11-24").id;
    env.answer(
        &id,
        &[
            ("mentor_live", no()),
            ("device", choice("own_device")),
            ("purpose", choice("feedback")),
        ],
    );
    env.tick(&id, "vooraf.live");
    env.ws
        .log_incident(LogIncident {
            recording: id.clone(),
            kind: "apparaat_kwijt".into(),
            note: None,
        })
        .expect("incident");
    let text = env.ws.calendar().expect("calendar");

    assert!(text.starts_with("BEGIN:VCALENDAR\r\n"), "{text}");
    assert!(text.contains("\r\nPRODID:-//Opnamewijs//Opnamewijs termijnen//NL\r\n"));
    assert!(
        text.split("\r\n").all(|line| !line.contains('\n')),
        "every line ends with CRLF"
    );
    assert!(
        text.contains("\r\nDTSTAMP:20261123T090000Z\r\n"),
        "DTSTAMP is the export time"
    );

    let parsed: icalendar::Calendar = text.parse().expect("re-parses");
    let events: Vec<_> = parsed.events().collect();
    let uids: Vec<_> = events.iter().filter_map(|e| e.get_uid()).collect();
    assert_eq!(
        uids,
        [
            format!("{id}.apparatuur_getest@opnamewijs"),
            format!("{id}.sync_uit@opnamewijs"),
            format!("{id}.incident.incident-1.school@opnamewijs"),
            format!("{id}.incident.incident-1.opleiding@opnamewijs"),
        ],
        "open, dated deadlines only (nothing for clocks that have not started)"
    );
    let sync = events[1];
    assert_eq!(
        sync.get_summary(),
        Some("Cloudsynchronisatie uitzetten — Rekenles 3B")
    );
    assert!(
        text.contains("DTSTART;VALUE=DATE:20261123"),
        "day deadlines are all-day events"
    );
    let school = events[2];
    assert_eq!(
        school.get_end().map(|e| format!("{e:?}")),
        Some(format!(
            "{:?}",
            icalendar::DatePerhapsTime::DateTime(icalendar::CalendarDateTime::Utc(nl(
                2026, 11, 24, 10, 0
            )))
        )),
        "hour clocks end at their exact time"
    );

    env.clock.set(nl(2026, 11, 23, 12, 0));
    let later: icalendar::Calendar = env
        .ws
        .calendar()
        .expect("calendar")
        .parse()
        .expect("parses");
    let later_uids: Vec<_> = later.events().filter_map(|e| e.get_uid()).collect();
    assert_eq!(later_uids, uids, "UIDs are stable across exports");
}

#[test]
fn the_calendar_file_is_written_where_asked_and_only_there() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    env.create("hu-stage-opnamen", "2026-11-24");
    let out = tempfile::tempdir().expect("temp dir");
    let path = out.path().join("termijnen.ics");
    let report = env.ws.export_calendar(&path).expect("export");
    assert_eq!(report.events, 1);
    assert!(std::fs::read_to_string(&path)
        .expect("file")
        .contains("BEGIN:VEVENT"));
    env.ws
        .export_calendar(&path)
        .expect("a newer export replaces the older one");
    let err = opnamewijs::ErrorPayload::from(
        env.ws
            .export_calendar(std::path::Path::new("../termijnen.ics"))
            .expect_err("relative"),
    );
    assert_eq!(err.code, "file.not_absolute");
    let err = opnamewijs::ErrorPayload::from(
        env.ws
            .export_calendar(&out.path().join("nope/termijnen.ics"))
            .expect_err("no folder"),
    );
    assert_eq!(err.code, "file.no_folder");
}
