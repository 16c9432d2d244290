//! Logging what happened to a recording (recorded, stored, feedback given, …) with the rules on
//! when each may be logged, and the copies a recording starts with.

use super::{clean_note, parse_date, Op, RecordingChanged, RecordingError, Result, Workspace};
use super::{ConfirmFeedback, LogEvent};
use crate::checklist;
use crate::clock::{local_date, start_of_day};
use crate::dates::{format_date, format_datetime};
use crate::nouns::names;
use crate::policy::{PolicyPack, Verdict};
use crate::recording::{Copy, CopyKind, Event, EventKind, Recording};
use crate::rules::labels::verdict_label;
use crate::store::Change;
use crate::text::{tr, Lang};
use chrono::{DateTime, Duration, NaiveDate, Utc};

impl Workspace {
    /// Logs that something happened (recorded, feedback given, assessment passed, …).
    pub fn log_event(&mut self, input: LogEvent) -> Result<RecordingChanged> {
        let LogEvent {
            recording,
            kind,
            on,
            note,
        } = input;
        self.update(&recording, Change::EventLogged { kind }, |rec, op| {
            log_event_on(rec, op, kind, on.as_deref(), op.by.clone(), note)
        })
    }

    /// The mentor confirms on the student's laptop that feedback was given: with their name, role
    /// and the day. This starts the "delete after feedback" deadline.
    pub fn confirm_feedback(&mut self, input: ConfirmFeedback) -> Result<RecordingChanged> {
        let lang = self.lang();
        let name = input.mentor.trim();
        if name.is_empty() || name.chars().count() > 80 || name.chars().any(char::is_control) {
            return Err(RecordingError::InvalidName.into());
        }
        let by = format!("{name} ({})", names::mentor_role_label(input.role, lang));
        let note = Some(tr(
            lang,
            "bevestigd op de laptop van de student (niet ondertekend)",
            "confirmed on the student's laptop (not signed)",
        ));
        self.update(
            &input.recording,
            Change::EventLogged {
                kind: EventKind::FeedbackGiven,
            },
            |rec, op| {
                let too_early = tr(
                    op.lang,
                    "Feedback kan niet gegeven zijn vóór de opname.",
                    "Feedback cannot predate the recording.",
                );
                log_feedback(rec, op, parse_date(&input.on)?, by, note, too_early)
            },
        )
    }
}

/// Logs "feedback given" on `day`, refused with `too_early` when that is before the recording.
pub(super) fn log_feedback(
    rec: &mut Recording,
    op: &Op,
    day: NaiveDate,
    by: String,
    note: Option<String>,
    too_early: String,
) -> Result<()> {
    if rec
        .first(EventKind::Recorded)
        .is_some_and(|recorded| day < local_date(recorded))
    {
        return Err(RecordingError::DateOutOfRange { problem: too_early }.into());
    }
    let day = day.to_string();
    log_event_on(rec, op, EventKind::FeedbackGiven, Some(&day), by, note)
}

/// Refuses a second confirmation of feedback on `rec`, naming the first.
pub(super) fn feedback_not_confirmed(rec: &Recording, lang: Lang) -> Result<()> {
    match rec
        .events
        .iter()
        .find(|e| e.kind == EventKind::FeedbackGiven)
    {
        Some(given) => Err(crate::mentor::MentorError::AlreadyConfirmed {
            title: rec.title.clone(),
            by: format!("{}, {}", given.by, format_date(local_date(given.at), lang)),
        }
        .into()),
        None => Ok(()),
    }
}

/// Logs `kind` on `rec` at `on` (a day, default now) after checking it may be logged now.
pub(super) fn log_event_on(
    rec: &mut Recording,
    op: &Op,
    kind: EventKind,
    on: Option<&str>,
    by: String,
    note: Option<String>,
) -> Result<()> {
    if matches!(
        kind,
        EventKind::PlannedFor
            | EventKind::Shared
            | EventKind::Incident
            | EventKind::AnswerChanged
            | EventKind::ObjectionUpheld
            | EventKind::AssessmentNotPassed
    ) {
        return Err(RecordingError::NotLoggable.into());
    }
    let (now, lang) = (op.now, op.lang);
    let at = match on {
        None => now,
        Some(day) => {
            let day = parse_date(day)?;
            if day > local_date(now) {
                let problem = tr(
                    lang,
                    "Die datum ligt in de toekomst.",
                    "That date is in the future.",
                );
                return Err(RecordingError::DateOutOfRange { problem }.into());
            }
            if day == local_date(now) {
                now
            } else {
                start_of_day(day) + Duration::hours(12)
            }
        }
    };
    let repeatable = matches!(kind, EventKind::ConsentWithdrawn | EventKind::Objection);
    if let (false, Some(first)) = (repeatable, rec.first(kind)) {
        return Err(RecordingError::AlreadyLogged {
            event: names::event_label(kind, lang),
            at: format_datetime(first, lang),
        }
        .into());
    }
    if kind == EventKind::Recorded {
        start_recording(rec, op.pack, at, lang)?;
    } else if rec.first(EventKind::Recorded).is_none()
        && !matches!(
            kind,
            EventKind::OfficerRequestSent
                | EventKind::OfficerLeadTimeGiven
                | EventKind::OfficerAnswered
                | EventKind::Objection
        )
    {
        return Err(RecordingError::NotRecordedYet.into());
    }
    rec.events.push(Event {
        kind,
        at,
        by,
        note: clean_note(note)?,
    });
    Ok(())
}

/// Adds a copy of `kind`, there `since`, still to be deleted.
pub(super) fn add_copy(rec: &mut Recording, kind: CopyKind, label: String, since: DateTime<Utc>) {
    let id = format!("copy-{}", rec.copies.len() + 1);
    rec.copies.push(Copy {
        id,
        kind,
        label,
        since,
        deleted: None,
        added: false,
        path: None,
    });
}

/// Checks the verdict allows recording and creates the copies the pack says a recording has.
fn start_recording(
    rec: &mut Recording,
    pack: &PolicyPack,
    at: DateTime<Utc>,
    lang: Lang,
) -> Result<()> {
    let known = checklist::Intake::new(pack, &rec.answers);
    let outcome = crate::overlay::verdict_with_school(pack, rec.school.as_ref(), &known);
    if !matches!(
        outcome.verdict(),
        Some(Verdict::Allowed | Verdict::AllowedWithConditions)
    ) {
        let reason = match &outcome {
            checklist::Outcome::Decided(rule) => rule.reason.get(lang).to_owned(),
            checklist::Outcome::School(school) => school.reason.get(lang).to_owned(),
            checklist::Outcome::Pending => tr(
                lang,
                "Beantwoord eerst de vragen.",
                "Answer the questions first.",
            ),
        };
        return Err(RecordingError::NotAllowed {
            verdict: verdict_label(outcome.verdict(), lang),
            reason,
        }
        .into());
    }
    let copies: Vec<_> = pack
        .copies
        .iter()
        .filter(|rule| {
            rule.when
                .as_ref()
                .is_none_or(|c| c.eval(&known) == Some(true))
        })
        .collect();
    for rule in copies {
        add_copy(rec, rule.kind, rule.label.get(lang).to_owned(), at);
    }
    Ok(())
}
