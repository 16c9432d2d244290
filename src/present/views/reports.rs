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
