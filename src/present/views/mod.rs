//! What the UI renders: plain data, already decided and worded by the core in the user's language.
//!
//! One file per screen or concern: the app's status and the dashboard ([`summary`]), one recording
//! in full ([`recording_view`]), the checklist's parts, deadlines ([`deadline_view`]), the mentor's
//! desk, the final assessment, reports of written files, and the wording shared by all of them:
//! dates ([`format_date`]) and labels ([`event_label`], …). Every item is re-exported here, so its
//! path is `views::…` whatever file holds it.

mod assessment;
mod checklist;
mod dashboard;
mod deadline;
mod desk;
mod format;
mod labels;
mod recording;
mod reports;

pub use assessment::{AssessmentRecordingView, AssessmentView, CandidateView, CheckView};
pub use checklist::{
    ItemView, OptionView, PhaseView, QuestionInput, QuestionView, TickView, VerdictView,
};
pub use dashboard::{summary, AppStatus, JournalStatus, PackSummary, RecordingSummary};
pub use deadline::{deadline_view, DeadlineView};
pub use desk::{DeskRequestView, DeskView};
pub use format::{format_date, format_datetime};
pub use labels::{
    channel_label, copy_label, event_label, mentor_role_label, role_label, verdict_label,
};
pub use recording::{
    deletion_line, recording_view, CopyView, EventView, FeedbackView, IncidentTypeView,
    IncidentView, RecordingView,
};
pub use reports::{BackupReport, CalendarReport, FileReport};

// Which events a recording may log now is a rule (`crate::events`); re-exported where it was
// first defined, so `views::loggable_events` still names it.
pub use crate::events::loggable_events;
