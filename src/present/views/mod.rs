//! What the UI renders: plain data, already decided and worded by the core in the user's language.
//!
//! One file per screen or concern: the app's status and the dashboard ([`summary`]), one recording
//! in full ([`recording_view`]), the checklist's parts, deadlines ([`deadline_view`]), the mentor's
//! desk, the final assessment and reports of written files. The names they share with errors and
//! the dossier (dates, [`format_date`]; labels, [`event_label`], …) live with what they name and
//! are re-exported here, so every item's path is `views::…` whatever file holds it.

mod assessment;
mod bins;
mod checklist;
mod dashboard;
mod deadline;
mod desk;
mod finder;
mod opened;
mod provenance;
mod recording;
mod reports;

pub use assessment::{AssessmentRecordingView, AssessmentView, CandidateView, CheckView};
pub use bins::{bin_view, BinView, PlatformSteps};
pub use checklist::{
    ItemView, OptionView, PhaseView, QuestionInput, QuestionView, TickView, VerdictView,
};
pub use dashboard::{
    origin_label, summary, AppStatus, JournalStatus, PackSummary, RecordingSummary,
};
pub use deadline::{deadline_view, DeadlineView};
pub use desk::{in_person, key_compared, DeskRequestView, DeskView, KeyKind, ReceiptPreviewView};
pub use finder::{FinderView, HitView, SuggestedFolder};
pub use opened::{OpenedFileView, OpenedImport, OpenedKind};
pub use provenance::{
    advice_view, provenance_view, school_provenance, ProvenanceKind, ProvenanceView,
};
// The words the views share with errors and the dossier live with what they name (dates in the
// foundation, nouns' names with the nouns, verdicts with the rules); re-exported as `views::…`.
pub use crate::dates::{format_date, format_datetime};
pub use crate::nouns::names::{
    channel_label, copy_label, event_label, mentor_role_label, role_label,
};
pub use crate::rules::labels::verdict_label;
pub use recording::{
    deletion_line, recording_view, school_rules, CopyView, EventView, FeedbackView,
    IncidentTypeView, IncidentView, RecordingView, TaskView,
};
pub use reports::{
    BackupReport, CalendarReport, DossierCheckView, DossierReport, FileReport, ProvenView,
    StatementsView,
};

// Which events a recording may log now is a rule (`crate::events`); re-exported where it was
// first defined, so `views::loggable_events` still names it.
pub use crate::events::loggable_events;
