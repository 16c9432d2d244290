//! Reports of files the app wrote: a calendar export, a dossier, a backup, any other file.

use serde::Serialize;
use ts_rs::TS;

/// A written calendar export.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CalendarReport {
    /// Where it was written.
    pub path: String,
    /// Number of deadlines in it.
    pub events: u32,
}

/// A written dossier.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DossierReport {
    /// Where it was written.
    pub path: String,
    /// Recordings in it.
    pub recordings: u32,
    /// Journal head hash printed on it.
    pub head_hash: String,
}

// The reports of the files the verbs write themselves are the verbs' answers.
pub use crate::workspace::{BackupReport, FileReport};

/// What "Dossier controleren" found in a dossier PDF.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DossierCheckView {
    /// Every receipt's signature holds and the manifest matches the printed text.
    pub valid: bool,
    /// One sentence that sums it up.
    pub summary: String,
    /// The student the dossier is about.
    pub student: String,
    /// When it was made, and with which version.
    pub made: String,
    /// The journal as the dossier names it: entries and head hash.
    pub journal: String,
    /// The head hash.
    pub head_hash: String,
    /// What the mentors' signatures prove, one per receipt.
    pub proven: Vec<ProvenView>,
    /// What the student states, per recording.
    pub statements: Vec<StatementsView>,
    /// What does not match, each in one sentence.
    pub problems: Vec<String>,
    /// What is proven by a signature and what is a statement, in plain words.
    pub explanation: String,
}

/// One receipt of a dossier, checked.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ProvenView {
    /// The attachment it is in.
    pub attachment: String,
    /// The recording's title.
    pub recording: String,
    /// Whether its signature holds.
    pub signed: bool,
    /// The mentor and role it was signed by.
    pub mentor: String,
    /// What the mentor signed: the feedback day and the dates the mentor saw.
    pub what: String,
    /// The key's fingerprint.
    pub fingerprint: String,
    /// Whether the student compared the key's fingerprint when importing it (their app's word).
    pub compared: String,
}

/// The student's own statements about one recording.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct StatementsView {
    /// The recording's title.
    pub recording: String,
    /// Each statement in one line.
    pub lines: Vec<String>,
}
