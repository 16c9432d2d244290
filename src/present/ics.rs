//! Calendar export: every open deadline with a date as an iCalendar (RFC 5545) event, so a
//! student's own calendar can remind them. UIDs are stable per recording and deadline, so
//! importing a newer export updates events instead of duplicating them.

use crate::clock::local_date;
use chrono::{DateTime, Duration, Timelike, Utc};
use icalendar::{Calendar, Component, Event, EventLike, Property};

/// Product identifier written into every export.
pub const PRODID: &str = "-//Opnamewijs//Opnamewijs termijnen//NL";

/// One recording's open deadlines.
#[derive(Debug, Clone)]
pub struct RecordingDeadlines<'a> {
    /// Recording id (part of each UID).
    pub id: &'a str,
    /// Recording title.
    pub title: &'a str,
    /// Its deadlines (done ones and ones without a date are skipped).
    pub deadlines: &'a [CalendarDeadline],
}

/// One deadline of a recording as the calendar writes it, worded in the user's language by the
/// caller (as the user sees it elsewhere in the app).
#[derive(Debug, Clone)]
pub struct CalendarDeadline {
    /// Stable id within the recording (part of the UID).
    pub id: String,
    /// What must be done (the event's summary, before the recording's title).
    pub title: String,
    /// Background, if any (the description's second line).
    pub help: Option<String>,
    /// When, in one line (the description's first line): "uiterlijk di 24 nov. 2026 23:59".
    pub when: String,
    /// Due instant, once known.
    pub due: Option<DateTime<Utc>>,
    /// Done already.
    pub done: bool,
}

/// Whether the file at `path` is a calendar an earlier export wrote: its first lines (read at
/// most 4 KiB) open a calendar with Opnamewijs's product id. Only such a file is replaced.
pub fn is_earlier_export(path: &std::path::Path) -> std::io::Result<bool> {
    use std::io::Read;
    let mut head = Vec::with_capacity(4096);
    std::fs::File::open(path)?
        .take(4096)
        .read_to_end(&mut head)?;
    let head = String::from_utf8_lossy(&head);
    let mut lines = head.lines().map(str::trim_end);
    Ok(lines.next() == Some("BEGIN:VCALENDAR")
        && lines
            .take_while(|l| !l.starts_with("BEGIN:VEVENT"))
            .any(|l| l == format!("PRODID:{PRODID}")))
}

/// The stable UID of a deadline of a recording.
pub fn uid(recording: &str, deadline: &str) -> String {
    format!("{recording}.{}@opnamewijs", deadline.replace('/', "."))
}

/// The calendar text (CRLF line endings, folded lines). `now` becomes each event's DTSTAMP.
/// A deadline that ends at the end of a Dutch day becomes an all-day event on that day; one with
/// an exact time (hours after an incident) becomes a 15-minute event ending at that time.
pub fn export(recordings: &[RecordingDeadlines<'_>], now: DateTime<Utc>) -> String {
    let mut cal = Calendar::empty();
    cal.append_property(Property::new("VERSION", "2.0"));
    cal.append_property(Property::new("PRODID", PRODID));
    cal.append_property(Property::new("CALSCALE", "GREGORIAN"));
    cal.name("Opnamewijs");
    for rec in recordings {
        for d in rec.deadlines.iter().filter(|d| !d.done) {
            let Some(due) = d.due else { continue };
            let mut event = Event::new();
            event
                .uid(&uid(rec.id, &d.id))
                .timestamp(now)
                .summary(&format!("{} — {}", d.title, rec.title));
            let description = match &d.help {
                Some(help) => format!("{}\n{help}", d.when),
                None => d.when.clone(),
            };
            event.description(&description);
            let local = due.with_timezone(&chrono_tz::Europe::Amsterdam);
            if local.hour() == 23 && local.minute() == 59 {
                event.all_day(local_date(due));
            } else {
                event.starts(due - Duration::minutes(15)).ends(due);
            }
            cal.push(event.done());
        }
    }
    cal.done().to_string()
}
