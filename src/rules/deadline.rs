//! Deadlines: derived from a recording's events and answers by its pack's rules, and their status
//! at a given "now".

use crate::calendar::DutchCalendar;
use crate::clock::{end_of_day, local_date};
use crate::policy::{DoneWhen, Due, Offset, PolicyPack};
use crate::recording::{CopyKind, EventKind, Recording};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use ts_rs::TS;

/// Where a deadline stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum DeadlineStatus {
    /// Past due and not done.
    Overdue,
    /// Due at once ("direct", "meteen") and not done, within the app's grace (the rest of that
    /// day): do it now.
    DoNow,
    /// Due before the end of today.
    DueToday,
    /// Due later.
    Upcoming,
    /// The user still has to choose the date (mandatory).
    NeedsDate,
    /// The event that starts the clock has not happened yet.
    Waiting,
    /// Done.
    Done,
}

/// What a deadline is about: a pack deadline rule, or a clock of a logged incident.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DeadlineSource<'p> {
    /// A deadline rule of the pack.
    Rule(&'p crate::policy::DeadlineRule),
    /// The end date of a decision to keep the secure copy longer than a deadline that deletes
    /// every copy.
    Keep(crate::recording::KeepDecision),
    /// A task to delete or edit a copy after an upheld objection or withdrawn consent.
    Task {
        /// Why.
        cause: crate::recording::TaskCause,
        /// The copy's label.
        copy: String,
    },
    /// Kept for the resit of the final assessment: every copy deleted after it.
    Resit {
        /// The resit's day.
        on: NaiveDate,
    },
    /// The internship school's retention: every copy deleted this many days after recording.
    School {
        /// The school's name.
        name: String,
        /// Its retention in days.
        days: u32,
    },
    /// A clock of an incident logged on the recording.
    Incident {
        /// The incident's id on the recording.
        incident: String,
        /// The incident type.
        kind: &'p crate::policy::IncidentType,
        /// The clock.
        clock: &'p crate::policy::IncidentClock,
    },
}

/// One derived deadline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Deadline<'p> {
    /// Stable id within the recording: the rule id, or `incident/<incident>/<clock>`.
    pub id: Cow<'p, str>,
    /// Where it comes from.
    pub source: DeadlineSource<'p>,
    /// When it falls due, once known.
    pub due: Option<DateTime<Utc>>,
    /// When it was done, if it was.
    pub done_at: Option<DateTime<Utc>>,
    /// The event it waits for, while waiting.
    pub waits_for: Option<EventKind>,
    /// Status at the "now" it was derived for.
    pub status: DeadlineStatus,
    /// For a deadline due at once: when the app's grace ends and it becomes overdue.
    pub overdue_after: Option<DateTime<Utc>>,
    /// For a chosen date with advice: the latest date Opnamewijs advises.
    pub advised_latest: Option<NaiveDate>,
    /// A deadline that deletes every copy, of which the secure copy is kept by a decision (see
    /// [`DeadlineSource::Keep`]): done when every other copy is gone.
    pub keeps_secure_copy: bool,
}

impl<'p> Deadline<'p> {
    /// Whether it is an open obligation when the recording is shown at the final assessment: a
    /// date the student must still choose (e.g. a reflection recording's retention date), or a
    /// deletion, task or incident clock that is overdue or due now. What was to be prepared
    /// before the lesson (done by ticking an item) no longer matters for showing it.
    pub fn open_at_assessment(&self) -> bool {
        match self.status {
            DeadlineStatus::NeedsDate => true,
            DeadlineStatus::Overdue | DeadlineStatus::DoNow => !matches!(
                self.source,
                DeadlineSource::Rule(rule) if matches!(rule.done_when, DoneWhen::Item(_))
            ),
            _ => false,
        }
    }

    /// A deadline without the app's grace, an advised date or a kept secure copy (the school's
    /// retention, a task, a resit, a keep decision, an incident clock), with its status at `now`.
    fn plain(
        id: Cow<'p, str>,
        source: DeadlineSource<'p>,
        due: Option<DateTime<Utc>>,
        done_at: Option<DateTime<Utc>>,
        waits_for: Option<EventKind>,
        now: &Now,
    ) -> Self {
        Deadline {
            id,
            source,
            due,
            done_at,
            waits_for,
            status: now.status(due, done_at, DeadlineStatus::Waiting, None),
            overdue_after: None,
            advised_latest: None,
            keeps_secure_copy: false,
        }
    }
}

/// Adds `offset` to the instant `from` in the Dutch calendar of `cal`.
pub fn apply_offset(from: DateTime<Utc>, offset: Offset, cal: &DutchCalendar) -> DateTime<Utc> {
    match offset {
        Offset::Hours(h) => from + Duration::hours(i64::from(h)),
        Offset::Days(d) => end_of_day(local_date(from) + Duration::days(i64::from(d))),
        Offset::WorkingDays(n) => end_of_day(cal.add_working_days(local_date(from), n)),
    }
}

/// The status of a deadline due at `due` (if known), done at `done_at` (if done), at `now`.
pub fn status_at(
    due: Option<DateTime<Utc>>,
    done_at: Option<DateTime<Utc>>,
    waiting: DeadlineStatus,
    now: DateTime<Utc>,
) -> DeadlineStatus {
    Now::new(now).status(due, done_at, waiting, None)
}

/// When a deadline due at `due` with `grace` stops being "do it now" and becomes overdue.
pub fn grace_end(due: DateTime<Utc>, grace: &crate::policy::Grace) -> DateTime<Utc> {
    match grace.until {
        crate::policy::GraceEnd::EndOfDay => end_of_day(local_date(due)),
    }
}

/// "Now" and the Dutch date it falls on, worked out once for many deadlines.
#[derive(Debug, Clone, Copy)]
struct Now {
    at: DateTime<Utc>,
    today: NaiveDate,
}

impl Now {
    fn new(at: DateTime<Utc>) -> Self {
        Now {
            at,
            today: local_date(at),
        }
    }

    fn status(
        &self,
        due: Option<DateTime<Utc>>,
        done_at: Option<DateTime<Utc>>,
        waiting: DeadlineStatus,
        overdue_after: Option<DateTime<Utc>>,
    ) -> DeadlineStatus {
        match (done_at, due) {
            (Some(_), _) => DeadlineStatus::Done,
            (None, None) => waiting,
            (None, Some(due)) if self.at > overdue_after.unwrap_or(due) => DeadlineStatus::Overdue,
            (None, Some(due)) if overdue_after.is_some() && self.at >= due => DeadlineStatus::DoNow,
            (None, Some(due)) if local_date(due) == self.today => DeadlineStatus::DueToday,
            (None, Some(_)) => DeadlineStatus::Upcoming,
        }
    }
}

/// The calendar a pack's working days are counted in.
pub fn calendar_of(pack: &PolicyPack) -> DutchCalendar {
    DutchCalendar {
        liberation_day: pack.calendar.liberation_day,
        good_friday: pack.calendar.good_friday,
    }
}

/// Every deadline that applies to `rec` under `pack`, most urgent first.
pub fn derive<'p>(pack: &'p PolicyPack, rec: &Recording, now: DateTime<Utc>) -> Vec<Deadline<'p>> {
    derive_known(
        pack,
        rec,
        &crate::checklist::Intake::new(pack, &rec.answers),
        now,
    )
}

/// [`derive()`] for a caller that already resolved the recording's answers.
pub fn derive_known<'p>(
    pack: &'p PolicyPack,
    rec: &Recording,
    known: &crate::checklist::Intake<'_>,
    now: DateTime<Utc>,
) -> Vec<Deadline<'p>> {
    let cal = calendar_of(pack);
    let now = Now::new(now);
    // Several rules run from the same event with the same offset (three "the same day" rules
    // after the recording): that due time is worked out once per recording.
    let mut last_due: Option<(DateTime<Utc>, Offset, DateTime<Utc>)> = None;
    let mut due_after = |at: DateTime<Utc>, offset: Offset| match last_due {
        Some((a, o, due)) if a == at && o == offset => due,
        _ => {
            let due = apply_offset(at, offset, &cal);
            last_due = Some((at, offset, due));
            due
        }
    };
    let mut out = Vec::with_capacity(pack.deadlines.len() + 1);
    // A decision to keep the secure copy past a deadline that deletes every copy: that deadline
    // leaves the secure copy alone, and the decision's end date is a deadline of its own.
    let mut kept = Vec::new();
    for rule in &pack.deadlines {
        // A recording chosen for the assessment gets the pack's after-assessment deadlines,
        // whatever purpose it was first recorded for.
        let assessment_rule = matches!(
            rule.due,
            Due::AfterEvent {
                event: EventKind::AssessmentPassed,
                ..
            }
        );
        if let Some(cond) = &rule.applies_when {
            if cond.eval(known) != Some(true) && !(rec.for_assessment && assessment_rule) {
                continue;
            }
        }
        let (due, waits_for, waiting) = match &rule.due {
            Due::AfterEvent { event, offset } => match rec.first(*event) {
                Some(at) => (Some(due_after(at, *offset)), None, DeadlineStatus::Waiting),
                None => (None, Some(*event), DeadlineStatus::Waiting),
            },
            Due::ChosenDate {
                asked_after: Some(event),
                ..
            } if rec.first(*event).is_none() => (None, Some(*event), DeadlineStatus::Waiting),
            Due::ChosenDate { .. } => (
                rec.chosen_dates.get(&rule.id).map(|d| end_of_day(*d)),
                None,
                DeadlineStatus::NeedsDate,
            ),
        };
        let keep = (rule.done_when == DoneWhen::AllCopiesDeleted)
            .then(|| rec.keep_past(&rule.id))
            .flatten();
        let keeps_secure_copy = keep.is_some();
        kept.extend(keep);
        let done_at = match &rule.done_when {
            DoneWhen::Event(kind) => rec.first(*kind),
            DoneWhen::Item(item) => rec.ticks.get(item).map(|t| t.at),
            DoneWhen::CopyDeleted(kind) => rec.copies_deleted(Some(*kind)),
            DoneWhen::AllCopiesDeleted if keeps_secure_copy => {
                rec.copies_deleted_except(CopyKind::SecureStorage)
            }
            DoneWhen::AllCopiesDeleted => rec.copies_deleted(None),
        };
        let overdue_after = rule
            .grace
            .as_ref()
            .zip(due)
            .map(|(grace, due)| grace_end(due, grace));
        let status = now.status(due, done_at, waiting, overdue_after);
        let advised_latest = match &rule.due {
            Due::ChosenDate {
                advised_max: Some(advised),
                ..
            } => Some(rec.planned_for + Duration::days(i64::from(advised.days))),
            _ => None,
        };
        out.push(Deadline {
            id: Cow::Borrowed(&rule.id),
            source: DeadlineSource::Rule(rule),
            due,
            done_at,
            waits_for,
            status,
            overdue_after,
            advised_latest,
            keeps_secure_copy,
        });
    }
    if let Some((school, days)) = rec
        .school
        .as_ref()
        .and_then(|s| s.max_retention_days.map(|d| (s, d)))
    {
        // The school's rule is not the student's to stretch: a decision to keep the secure copy
        // does not reach it.
        let offset = Offset::Days(i32::try_from(days).unwrap_or(i32::MAX));
        let due = rec
            .first(EventKind::Recorded)
            .map(|at| due_after(at, offset));
        let done_at = rec.copies_deleted(None);
        out.push(Deadline::plain(
            Cow::Borrowed("school/bewaartermijn"),
            DeadlineSource::School {
                name: school.name.clone(),
                days,
            },
            due,
            done_at,
            due.is_none().then_some(EventKind::Recorded),
            &now,
        ));
    }
    for task in &rec.tasks {
        // A day for each task: the app's advice (the sources name no term).
        let due = Some(apply_offset(task.since, Offset::Days(1), &cal));
        let done_at = task.done.as_ref().map(|d| d.at);
        let copy = rec
            .copies
            .iter()
            .find(|c| c.id == task.copy)
            .map_or_else(|| task.copy.clone(), |c| c.label.clone());
        out.push(Deadline::plain(
            Cow::Owned(format!("task/{}", task.id)),
            DeadlineSource::Task {
                cause: task.cause,
                copy,
            },
            due,
            done_at,
            None,
            &now,
        ));
    }
    if let Some(resit) = rec
        .resit
        .filter(|_| rec.first(EventKind::AssessmentPassed).is_none())
    {
        let due = Some(end_of_day(resit + Duration::days(1)));
        let done_at = rec.copies_deleted(None);
        out.push(Deadline::plain(
            Cow::Owned(format!("resit/{resit}")),
            DeadlineSource::Resit { on: resit },
            due,
            done_at,
            None,
            &now,
        ));
    }
    for keep in kept {
        let until = end_of_day(keep.until);
        let done_at = rec.copies_deleted(None);
        out.push(Deadline::plain(
            Cow::Owned(format!("keep/{}", keep.deadline)),
            DeadlineSource::Keep(keep.clone()),
            Some(until),
            done_at,
            None,
            &now,
        ));
    }
    for incident in &rec.incidents {
        let Some(kind) = pack.incidents.iter().find(|t| t.id == incident.kind) else {
            continue;
        };
        for clock in &kind.clocks {
            let due = Some(apply_offset(incident.at, clock.offset, &cal));
            let done_at = incident.clocks_done.get(&clock.id).copied();
            out.push(Deadline::plain(
                Cow::Owned(format!("incident/{}/{}", incident.id, clock.id)),
                DeadlineSource::Incident {
                    incident: incident.id.clone(),
                    kind,
                    clock,
                },
                due,
                done_at,
                None,
                &now,
            ));
        }
    }
    out.sort_by_key(|d| (d.status, d.due));
    out
}

/// The deadline to delete every copy once `event` has happened (the deletion after the feedback,
/// or after the assessment), the most urgent if several apply: a rule of the pack that runs from
/// `event` and is done when every copy is confirmed deleted.
pub fn deletion_after<'d, 'p>(
    deadlines: &'d [Deadline<'p>],
    event: EventKind,
) -> Option<&'d Deadline<'p>> {
    deadlines.iter().find(|d| match &d.source {
        DeadlineSource::Rule(rule) => {
            rule.done_when == DoneWhen::AllCopiesDeleted
                && matches!(rule.due, Due::AfterEvent { event: from, .. } if from == event)
        }
        DeadlineSource::Incident { .. }
        | DeadlineSource::Keep(_)
        | DeadlineSource::Task { .. }
        | DeadlineSource::Resit { .. }
        | DeadlineSource::School { .. } => false,
    })
}
