//! What the UI sends for each verb, and the checks every verb shares on dates and notes.

use super::errors::RecordingError;
pub use crate::profile::MentorRole;
use crate::recording::{Answer, Channel, EventKind, Role};
use chrono::NaiveDate;
use serde::Deserialize;
use ts_rs::TS;

/// Longest accepted title.
pub const MAX_TITLE: usize = 120;
/// Longest accepted note or method.
pub const MAX_NOTE: usize = 500;

/// Input of "new recording".
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct NewRecording {
    /// Title.
    pub title: String,
    /// Planned date, `YYYY-MM-DD`.
    pub planned_for: String,
    /// Pack id; the newest version is used.
    pub pack: String,
}

/// Input of answering a question (`answer: null` clears it).
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct AnswerQuestion {
    /// Recording id.
    pub recording: String,
    /// Question id.
    pub question: String,
    /// The answer, or null to clear.
    pub answer: Option<Answer>,
}

/// Input of ticking or unticking an item.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct SetItem {
    /// Recording id.
    pub recording: String,
    /// Item id.
    pub item: String,
    /// Ticked or not.
    pub done: bool,
    /// Evidence note (only for items that allow one).
    pub note: Option<String>,
}

/// Input of logging an event.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct LogEvent {
    /// Recording id.
    pub recording: String,
    /// The event.
    pub kind: EventKind,
    /// The day it happened, `YYYY-MM-DD`; absent = now.
    pub on: Option<String>,
    /// Remark.
    pub note: Option<String>,
}

/// Input of the mentor confirming feedback in person.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ConfirmFeedback {
    /// Recording id.
    pub recording: String,
    /// The day feedback was given, `YYYY-MM-DD`.
    pub on: String,
    /// The mentor's name.
    pub mentor: String,
    /// The mentor's role.
    pub role: MentorRole,
}

/// Input of choosing a date for a deadline that asks for one.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ChooseDate {
    /// Recording id.
    pub recording: String,
    /// Deadline id.
    pub deadline: String,
    /// The date, `YYYY-MM-DD`.
    pub date: String,
}

/// Input of deciding to keep the secure copy past a deadline that deletes every copy.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct KeepSecureCopy {
    /// Recording id.
    pub recording: String,
    /// The deadline (one that deletes every copy) the secure copy is kept past.
    pub deadline: String,
    /// Why.
    pub reason: String,
    /// The last day it is kept, `YYYY-MM-DD`.
    pub until: String,
}

/// An internship school's rules as entered.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct SchoolInput {
    /// The id of a school entered before (to reuse or change it); none for a new school.
    pub id: Option<String>,
    /// Name.
    pub name: String,
    /// Privacy contact.
    pub privacy_contact: Option<String>,
    /// Own phones and tablets allowed.
    pub own_devices_allowed: bool,
    /// The school's equipment required.
    pub school_equipment_required: bool,
    /// How consent is arranged.
    pub consent: Option<crate::school::ConsentArrangement>,
    /// The basis in the school's words.
    pub consent_basis: Option<String>,
    /// Where recordings must be stored.
    pub storage: Option<String>,
    /// Retention in days, if the school sets one.
    pub max_retention_days: Option<u32>,
}

/// Input of naming (or clearing) a recording's internship school.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct SetSchool {
    /// Recording id.
    pub recording: String,
    /// The school, or null for none.
    pub school: Option<SchoolInput>,
}

/// Input of logging a share.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct LogShare {
    /// Recording id.
    pub recording: String,
    /// With whom.
    pub role: Role,
    /// How.
    pub channel: Channel,
    /// Remark.
    pub note: Option<String>,
}

/// Input of confirming a copy deleted.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ConfirmDeletion {
    /// Recording id.
    pub recording: String,
    /// Copy id.
    pub copy: String,
    /// How it was deleted.
    pub method: String,
    /// For a copy with a recycle bin ("Recent verwijderd", Prullenbak): it was emptied too.
    #[serde(default)]
    pub bin_emptied: bool,
}

/// Input of adding a copy the pack did not predict (a laptop, a USB stick, a mailbox, …).
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct AddCopy {
    /// Recording id.
    pub recording: String,
    /// Where it lives.
    pub kind: crate::recording::CopyKind,
    /// A few words on where exactly (required for "somewhere else"); no pupils' names.
    pub description: Option<String>,
}

/// Input of an upheld objection or withdrawn consent: every copy gets a task.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct CopyTasks {
    /// Recording id.
    pub recording: String,
    /// Why.
    pub cause: crate::recording::TaskCause,
    /// What happened, without names.
    pub note: Option<String>,
}

/// Input of a task done: a copy deleted, or the person's footage cut out or blurred.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct TaskDoneInput {
    /// Recording id.
    pub recording: String,
    /// Task id.
    pub task: String,
    /// Deleted or edited.
    pub action: crate::recording::TaskAction,
    /// How.
    pub how: String,
    /// When deleting a copy with a recycle bin: it was emptied too.
    #[serde(default)]
    pub bin_emptied: bool,
}

/// Input of reporting a share over a forbidden channel that happened anyway: the incident, and
/// the copy it left.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ReportShare {
    /// Recording id.
    pub recording: String,
    /// With whom.
    pub role: Role,
    /// The forbidden channel it went over.
    pub channel: Channel,
    /// What happened, without pupils' names.
    pub note: Option<String>,
}

/// Input of logging an incident.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct LogIncident {
    /// Recording id.
    pub recording: String,
    /// Incident type id.
    pub kind: String,
    /// What happened (no pupil names).
    pub note: Option<String>,
}

/// Input of marking an incident's clock done.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ClockDone {
    /// Recording id.
    pub recording: String,
    /// Incident id on the recording.
    pub incident: String,
    /// Clock id of the incident type.
    pub clock: String,
}

/// Parses `YYYY-MM-DD`, accepting years 2000–2100 only.
pub fn parse_date(input: &str) -> Result<NaiveDate, RecordingError> {
    let invalid = || RecordingError::InvalidDate {
        input: input.chars().take(40).collect(),
    };
    let d = NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d").map_err(|_| invalid())?;
    let year = chrono::Datelike::year(&d);
    if (2000..=2100).contains(&year) {
        Ok(d)
    } else {
        Err(invalid())
    }
}

/// A trimmed note, `None` when empty; refused when longer than [`MAX_NOTE`].
pub(super) fn clean_note(note: Option<String>) -> Result<Option<String>, RecordingError> {
    match note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()) {
        Some(n) if n.chars().count() > MAX_NOTE => Err(RecordingError::NoteTooLong),
        other => Ok(other),
    }
}
