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
    env.tick(&id, "vooraf.lwo");
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

#[test]
fn the_calendar_export_replaces_only_an_earlier_calendar_of_opnamewijs() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    env.create("hu-stage-opnamen", "2026-11-24");
    let out = tempfile::tempdir().expect("temp dir");
    // A student in a hurry picks a file of their own in the save dialog and confirms "replace".
    let own_calendar = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Google Inc//Google Calendar 70.9054//EN\r\nBEGIN:VEVENT\r\nSUMMARY:Verjaardag Ayşe Yılmaz\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
    let cases: [(&str, &[u8]); 4] = [
        ("agenda.ics", own_calendar.as_bytes()),
        (
            "verslag.docx",
            b"PK\x03\x04 het lesverslag van \xc5\x81ukasz",
        ),
        ("leeg.ics", b""),
        (
            "half.ics",
            b"BEGIN:VEVENT\r\nPRODID:-//Opnamewijs//Opnamewijs termijnen//NL\r\n",
        ),
    ];
    for (name, bytes) in cases {
        let path = out.path().join(name);
        std::fs::write(&path, bytes).expect("user's file");
        let err =
            opnamewijs::ErrorPayload::from(env.ws.export_calendar(&path).expect_err("not ours"));
        assert_eq!(err.code, "file.not_ours", "{name}");
        assert!(err.message.contains(name), "{name}: {}", err.message);
        assert_eq!(
            std::fs::read(&path).expect("still there"),
            bytes,
            "{name} unchanged"
        );
    }
    // A folder, and (on Unix) a link to the user's file, are not replaced either.
    let folder = out.path().join("map.ics");
    std::fs::create_dir(&folder).expect("folder");
    let err = opnamewijs::ErrorPayload::from(env.ws.export_calendar(&folder).expect_err("dir"));
    assert_eq!(err.code, "file.not_ours");
    #[cfg(unix)]
    {
        let target = out.path().join("agenda.ics");
        let link = out.path().join("link.ics");
        std::os::unix::fs::symlink(&target, &link).expect("link");
        let err = opnamewijs::ErrorPayload::from(env.ws.export_calendar(&link).expect_err("link"));
        assert_eq!(err.code, "file.not_ours");
        assert_eq!(
            std::fs::read(&target).expect("target"),
            own_calendar.as_bytes()
        );
    }
    // An earlier export is replaced, as before.
    let ours = out.path().join("termijnen.ics");
    env.ws.export_calendar(&ours).expect("first export");
    env.ws
        .export_calendar(&ours)
        .expect("replaces the earlier export");
}
