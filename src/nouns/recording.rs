//! The nouns of one recording: its answers, ticks, events, copies, shares and incidents.
//!
//! A [`Recording`] stores metadata only — never the footage and never a pupil's name. Consent is
//! kept as counts and states.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use ts_rs::TS;

/// Identifier of a recording (a random UUID).
pub type RecordingId = String;

/// An answer to a pack question. In JSON a boolean, a number or a string.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, TS, schemars::JsonSchema)]
#[serde(untagged)]
#[ts(export)]
pub enum Answer {
    /// Yes (`true`) or no (`false`).
    Flag(bool),
    /// A count.
    Count(u32),
    /// The id of a choice option.
    Choice(String),
    /// The ids of the options chosen, for a question that takes several (in the pack's order).
    Choices(Vec<String>),
}

impl Answer {
    /// Whether this answer is, or (for several options) includes, `value`: how a condition's
    /// `eq` reads an answer.
    pub fn includes(&self, value: &Answer) -> bool {
        match (self, value) {
            (Answer::Choices(chosen), Answer::Choice(v)) => chosen.contains(v),
            _ => self == value,
        }
    }
}

/// Reads an answer by the JSON type it has. (An untagged derive would try each variant in turn and
/// build an error for every miss; answers are read for every journal entry at start-up.)
impl<'de> Deserialize<'de> for Answer {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct AnswerVisitor;

        impl<'v> serde::de::Visitor<'v> for AnswerVisitor {
            type Value = Answer;

            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(
                    "an answer: true or false, a count, the id of a choice or a list of them",
                )
            }

            fn visit_seq<A: serde::de::SeqAccess<'v>>(
                self,
                mut seq: A,
            ) -> Result<Answer, A::Error> {
                let mut ids = Vec::new();
                while let Some(id) = seq.next_element::<String>()? {
                    if ids.len() >= 64 {
                        return Err(serde::de::Error::invalid_length(ids.len() + 1, &self));
                    }
                    ids.push(id);
                }
                Ok(Answer::Choices(ids))
            }

            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<Answer, E> {
                Ok(Answer::Flag(v))
            }

            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<Answer, E> {
                u32::try_from(v)
                    .map(Answer::Count)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Unsigned(v), &self))
            }

            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<Answer, E> {
                u32::try_from(v)
                    .map(Answer::Count)
                    .map_err(|_| E::invalid_value(serde::de::Unexpected::Signed(v), &self))
            }

            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Answer, E> {
                Ok(Answer::Choice(v.to_owned()))
            }

            fn visit_string<E: serde::de::Error>(self, v: String) -> Result<Answer, E> {
                Ok(Answer::Choice(v))
            }
        }

        deserializer.deserialize_any(AnswerVisitor)
    }
}

/// Things that happen to a recording; deadlines run from them.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    TS,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum EventKind {
    /// The planned date of the lesson (start of that day); not recorded, derived from the plan.
    PlannedFor,
    /// The lesson was recorded.
    Recorded,
    /// The footage was put on a secure location.
    StoredSecurely,
    /// The footage was shared with someone.
    Shared,
    /// The mentor (or other supervisor) gave feedback on it.
    FeedbackGiven,
    /// The student passed the final assessment.
    AssessmentPassed,
    /// A request was sent to the privacy officers.
    OfficerRequestSent,
    /// The privacy officers answered.
    OfficerAnswered,
    /// Someone withdrew consent.
    ConsentWithdrawn,
    /// Someone objected to the recording.
    Objection,
    /// The privacy officers said how long their review will take.
    OfficerLeadTimeGiven,
    /// An objection to the recording was upheld: every copy must be deleted or edited.
    ObjectionUpheld,
    /// The student did not pass the final assessment; the note names the resit date.
    AssessmentNotPassed,
    /// An answer (e.g. the purposes) changed after the recording was made; the note says which.
    AnswerChanged,
    /// An incident was logged.
    Incident,
}

/// Who may see a recording.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    TS,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Role {
    /// The student teacher who made it.
    Student,
    /// Fellow students, for peer feedback.
    Peer,
    /// Mentor: werkplekbegeleider, schoolopleider or instituutsopleider.
    Mentor,
    /// Assessor (beoordelaar).
    Assessor,
    /// Anyone else.
    Other,
}

/// How a recording reaches someone.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    TS,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Channel {
    /// Access granted from the secure location (OneDrive/Office 365, school network, portfolio).
    SecureStorage,
    /// IRIS Connect.
    IrisConnect,
    /// Shown in person, from the secure location, without handing over a file.
    InPerson,
    /// E-mail attachment or link.
    Email,
    /// WeTransfer or a similar transfer service.
    Wetransfer,
    /// Published on the internet.
    Internet,
    /// Social media.
    SocialMedia,
    /// Chat apps such as WhatsApp.
    Messaging,
    /// USB stick or other loose storage.
    UsbStick,
}

/// Where a copy of the footage lives.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Serialize,
    Deserialize,
    TS,
    schemars::JsonSchema,
)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum CopyKind {
    /// The phone, tablet or camera it was recorded with.
    Device,
    /// A cloud photo service the device synced to (iCloud Photos, Google Photos).
    CloudSync,
    /// The student's laptop.
    Laptop,
    /// The secure location (OneDrive/Office 365, school network, portfolio, IRIS Connect).
    SecureStorage,
    /// A mentor's or assessor's access to it.
    MentorAccess,
    /// A USB stick.
    UsbStick,
    /// An external disk.
    ExternalDisk,
    /// A mailbox (e.g. of someone it was e-mailed to).
    Mailbox,
    /// A chat app (e.g. WhatsApp) and the phones it reached.
    ChatApp,
    /// A mentor's or assessor's own download.
    MentorDownload,
    /// An online service it was put on (a transfer service, a website, social media).
    OnlineService,
    /// A file on this computer that the user linked to the recording (found by the finder).
    File,
    /// Anywhere else, in the user's words.
    Other,
}

impl CopyKind {
    /// Whether deleting a copy of this kind first moves it to a recycle bin ("Recent
    /// verwijderd", Prullenbak) that must be emptied too before the copy is gone.
    pub fn has_bin(self) -> bool {
        matches!(
            self,
            CopyKind::Device
                | CopyKind::CloudSync
                | CopyKind::SecureStorage
                | CopyKind::Laptop
                | CopyKind::ChatApp
                | CopyKind::File
        )
    }
}

/// A tick on a checklist item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Tick {
    /// Who ticked it.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Optional evidence note, e.g. what was agreed with the mentor.
    pub note: Option<String>,
}

/// Something that happened to the recording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Event {
    /// What happened.
    pub kind: EventKind,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// Who reported it.
    pub by: String,
    /// Optional remark.
    pub note: Option<String>,
}

/// Confirmation that a copy is gone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Confirmation {
    /// Who deleted it.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// How, e.g. "verwijderd in Foto's en 'Recent verwijderd' geleegd".
    pub method: String,
    /// For a copy with a recycle bin: the user confirmed the bin was emptied too.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub bin_emptied: bool,
    /// For a linked file: the app checked that the file is gone.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub verified_absent: bool,
}

/// One copy of the footage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Copy {
    /// Identifier within the recording.
    pub id: String,
    /// Where it lives.
    pub kind: CopyKind,
    /// How it is shown.
    pub label: String,
    /// When it came into being.
    pub since: DateTime<Utc>,
    /// Set once the copy is confirmed gone.
    pub deleted: Option<Confirmation>,
    /// Added by the user (not predicted by the pack or a share).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub added: bool,
    /// For a file the user linked: its path, kept only so its deletion can be verified.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
}

/// A logged share.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Share {
    /// With whom (role only, no names of pupils; the recipient's own name is optional).
    pub role: Role,
    /// How.
    pub channel: Channel,
    /// When.
    pub at: DateTime<Utc>,
    /// Optional remark.
    pub note: Option<String>,
}

/// A logged incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct Incident {
    /// Identifier within the recording.
    pub id: String,
    /// Incident type id from the pack.
    pub kind: String,
    /// When it happened.
    pub at: DateTime<Utc>,
    /// What happened, without pupil names.
    pub note: Option<String>,
    /// Clocks of the incident marked done, with when.
    pub clocks_done: BTreeMap<String, DateTime<Utc>>,
}

/// The pack (and version) a recording was checked against.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct PackRef {
    /// Pack id.
    pub id: String,
    /// Pack version.
    pub version: String,
}

/// A recording of a lesson, as far as the app knows about it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Recording {
    /// Identifier.
    pub id: RecordingId,
    /// Short description chosen by the student ("Les 3B rekenen, feedback Anna").
    pub title: String,
    /// Date the lesson will be (or was) recorded.
    pub planned_for: NaiveDate,
    /// The pack it is checked against.
    pub pack: PackRef,
    /// When it was created in the app.
    pub created_at: DateTime<Utc>,
    /// Answers by question id.
    #[serde(default)]
    pub answers: BTreeMap<String, Answer>,
    /// Ticked items by item id.
    #[serde(default)]
    pub ticks: BTreeMap<String, Tick>,
    /// Events in the order they were logged.
    #[serde(default)]
    pub events: Vec<Event>,
    /// User-chosen dates by deadline id.
    #[serde(default)]
    pub chosen_dates: BTreeMap<String, NaiveDate>,
    /// Copies of the footage.
    #[serde(default)]
    pub copies: Vec<Copy>,
    /// Shares.
    #[serde(default)]
    pub shares: Vec<Share>,
    /// Incidents.
    #[serde(default)]
    pub incidents: Vec<Incident>,
    /// Feedback requests exported for a mentor's installation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub feedback_requests: Vec<SentRequest>,
    /// The mentor's signed receipt this recording's feedback was confirmed with, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback_receipt: Option<ReceivedReceipt>,
    /// Chosen to be shown at the final assessment.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub for_assessment: bool,
    /// Decisions to keep the secure copy past a deadline that deletes every copy, in the order
    /// they were made; per deadline the last one is in force.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keeps: Vec<KeepDecision>,
    /// Tasks per copy to delete or edit it, after an upheld objection or withdrawn consent.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tasks: Vec<CopyTask>,
    /// The resit of the final assessment, while the recording is kept for it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resit: Option<NaiveDate>,
    /// The internship school it is recorded at, with the version of its rules the recording is
    /// checked against (on top of the pack's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub school: Option<crate::school::School>,
    /// When it was imported from the unprotected plain file of an earlier version, if it was: what
    /// happened to it before then was never in the journal (the dossier says so).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub imported_unprotected: Option<DateTime<Utc>>,
}

/// Why a copy must be deleted or edited before the recording can close.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TaskCause {
    /// An objection was upheld.
    ObjectionUpheld,
    /// Someone withdrew consent.
    ConsentWithdrawn,
}

/// What was done with a copy for a task.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum TaskAction {
    /// The copy was deleted.
    Deleted,
    /// The footage of the person concerned was cut out or blurred.
    Edited,
}

/// A task to delete or edit one copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct CopyTask {
    /// Identifier within the recording.
    pub id: String,
    /// The copy it is about.
    pub copy: String,
    /// Why.
    pub cause: TaskCause,
    /// When it was created.
    pub since: DateTime<Utc>,
    /// Once done: by whom, when, what and how.
    pub done: Option<TaskDone>,
}

/// A task done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct TaskDone {
    /// Who did it.
    pub by: String,
    /// When.
    pub at: DateTime<Utc>,
    /// Deleted or edited.
    pub action: TaskAction,
    /// How, in the user's words.
    pub how: String,
}

/// A decision to keep the secure copy longer than a deadline that deletes every copy (e.g. the
/// feedback is given, but the recording is also meant for the assessment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct KeepDecision {
    /// The deadline (a rule of the pack that deletes every copy) the secure copy is kept past.
    pub deadline: String,
    /// Why it is kept.
    pub reason: String,
    /// The last day it is kept.
    pub until: NaiveDate,
    /// When the decision was made.
    pub at: DateTime<Utc>,
    /// Who made it.
    pub by: String,
}

/// A feedback request the student exported (see [`crate::mentor`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SentRequest {
    /// Request id.
    pub id: String,
    /// The nonce a receipt must echo.
    pub nonce: String,
    /// When it was made.
    pub at: DateTime<Utc>,
    /// The key of the request's seal, hex: only this journal knows it (requests made before
    /// format 2 have none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal_key: Option<String>,
}

/// What a verified mentor receipt said.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedReceipt {
    /// The request it answered.
    pub request: String,
    /// The mentor's name.
    pub mentor: String,
    /// The mentor's role.
    pub role: crate::profile::MentorRole,
    /// The day feedback was given.
    pub feedback_on: NaiveDate,
    /// Later than the pack expects.
    pub late: bool,
    /// Fingerprint of the key that signed it.
    pub fingerprint: String,
    /// When the mentor's app signed it.
    pub signed_at: DateTime<Utc>,
    /// The whole signed receipt (body, public key, signature), so it can be verified again;
    /// receipts imported before this was kept have only the fingerprint.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signed: Option<crate::receipt::FeedbackReceipt>,
    /// When the student compared the key's fingerprint with the one on the mentor's screen (for
    /// a key already known from an earlier receipt of this mentor: that earlier comparison);
    /// empty for receipts imported before keys were compared.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_compared_at: Option<DateTime<Utc>>,
}

impl Recording {
    /// A newly planned recording: nothing answered, ticked or logged yet.
    pub fn new(
        id: RecordingId,
        title: String,
        planned_for: NaiveDate,
        pack: PackRef,
        created_at: DateTime<Utc>,
    ) -> Self {
        Recording {
            id,
            title,
            planned_for,
            pack,
            created_at,
            answers: BTreeMap::new(),
            ticks: BTreeMap::new(),
            events: Vec::new(),
            chosen_dates: BTreeMap::new(),
            copies: Vec::new(),
            shares: Vec::new(),
            incidents: Vec::new(),
            feedback_requests: Vec::new(),
            feedback_receipt: None,
            for_assessment: false,
            keeps: Vec::new(),
            tasks: Vec::new(),
            resit: None,
            school: None,
            imported_unprotected: None,
        }
    }

    /// When `kind` first happened, if it did. [`EventKind::PlannedFor`] is the start of the
    /// planned day.
    pub fn first(&self, kind: EventKind) -> Option<DateTime<Utc>> {
        if kind == EventKind::PlannedFor {
            return Some(crate::clock::start_of_day(self.planned_for));
        }
        self.events
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| e.at)
            .min()
    }

    /// Whether every copy of `kind` (and at least one) is confirmed deleted.
    pub fn copies_deleted(&self, kind: Option<CopyKind>) -> Option<DateTime<Utc>> {
        let mut relevant = self
            .copies
            .iter()
            .filter(|c| kind.is_none_or(|k| c.kind == k))
            .peekable();
        relevant.peek()?;
        relevant
            .map(|c| c.deleted.as_ref().map(|d| d.at))
            .try_fold(DateTime::<Utc>::MIN_UTC, |acc, at| at.map(|at| acc.max(at)))
    }

    /// When every copy but those of `kept` was confirmed deleted (the moment of the last of
    /// them); `Some` also when there are no others.
    pub fn copies_deleted_except(&self, kept: CopyKind) -> Option<DateTime<Utc>> {
        self.copies
            .iter()
            .filter(|c| c.kind != kept)
            .map(|c| c.deleted.as_ref().map(|d| d.at))
            .try_fold(self.created_at, |acc, at| at.map(|at| acc.max(at)))
    }

    /// The decision in force to keep the secure copy past `deadline`, if any (the last one made).
    pub fn keep_past(&self, deadline: &str) -> Option<&KeepDecision> {
        self.keeps.iter().rev().find(|k| k.deadline == deadline)
    }

    /// Closed: footage existed, every copy is confirmed gone and every task to delete or edit a
    /// copy is done.
    pub fn is_closed(&self) -> bool {
        self.copies_deleted(None).is_some() && self.tasks.iter().all(|t| t.done.is_some())
    }
}
