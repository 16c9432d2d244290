//! The journal entry: what one change records, and the kinds of change.

use crate::profile::Profile;
use crate::recording::{EventKind, Recording};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// What one journal entry records: the change, who made it and when, and the record(s) as they
/// are after it. Replaying the entries in order rebuilds the state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// When the change was made.
    pub at: DateTime<Utc>,
    /// Who made it (the profile name).
    pub by: String,
    /// What changed.
    pub change: Change,
    /// The recording as it is after the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording: Option<Recording>,
    /// The profile as it is after the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    /// The mentor's desk as it is after the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desk: Option<crate::mentor::Desk>,
    /// The assessment as it is after the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<crate::assessment::Assessment>,
}

/// The kinds of change the journal records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Change {
    /// Copied from the plain JSON file of an earlier version, after the user said yes.
    Migrated,
    /// The user chose to go on with a journal behind its rollback anchor (an older copy put back,
    /// or no journal where one had been); the anchor was set to this journal.
    AnchorReset {
        /// How many entries the anchor named.
        anchor_seq: u64,
        /// The head hash the anchor named.
        anchor_hash: String,
        /// How many entries the journal had when it was opened.
        found_seq: u64,
        /// Its head hash then (empty when there was no journal).
        found_hash: String,
    },
    /// A recording was planned.
    Created,
    /// A question was answered or cleared.
    Answered {
        /// Question id.
        question: String,
    },
    /// An item was ticked or unticked.
    ItemSet {
        /// Item id.
        item: String,
        /// Ticked or not.
        done: bool,
    },
    /// An event was logged.
    EventLogged {
        /// The event.
        kind: EventKind,
    },
    /// A date was chosen for a deadline.
    DateChosen {
        /// Deadline id.
        deadline: String,
    },
    /// A share was logged.
    Shared,
    /// A copy was confirmed deleted.
    DeletionConfirmed {
        /// Copy id.
        copy: String,
    },
    /// An incident was logged.
    IncidentLogged {
        /// Incident type id.
        kind: String,
    },
    /// A clock of an incident was marked done.
    ClockDone {
        /// Incident id.
        incident: String,
        /// Clock id.
        clock: String,
    },
    /// The profile changed.
    ProfileChanged,
    /// The student exported a feedback request.
    FeedbackRequested {
        /// Request id.
        request: String,
    },
    /// The student imported a mentor's verified receipt.
    ReceiptImported {
        /// Request id.
        request: String,
    },
    /// The mentor imported a student's request.
    RequestReceived {
        /// Request id.
        request: String,
    },
    /// The mentor confirmed feedback and signed a receipt.
    FeedbackConfirmed {
        /// Request id.
        request: String,
    },
    /// A recording was chosen for, or taken off, the assessment.
    AssessmentSelection {
        /// Chosen or not.
        selected: bool,
    },
    /// The student checked their portfolio holds no recordings or links.
    PortfolioChecked,
    /// The student passed the final assessment.
    AssessmentPassed,
    /// The student decided to keep the secure copy past a deadline that deletes every copy.
    SecureCopyKept {
        /// That deadline's id.
        deadline: String,
    },
    /// The user added a copy.
    CopyAdded {
        /// Where it lives.
        kind: crate::recording::CopyKind,
    },
    /// A share over a forbidden channel was reported: incident and left-behind copy.
    ForbiddenShareReported {
        /// The channel.
        channel: crate::recording::Channel,
    },
    /// An upheld objection or withdrawn consent gave every copy a task.
    CopyTasksCreated {
        /// Why.
        cause: crate::recording::TaskCause,
    },
    /// A task to delete or edit a copy was done.
    TaskDone {
        /// Task id.
        task: String,
    },
    /// The student did not pass the assessment.
    AssessmentNotPassed,
    /// The recording's internship school (or its rules) was set or cleared.
    SchoolSet {
        /// The school's id and version, if one is set.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        school: Option<String>,
    },
}
