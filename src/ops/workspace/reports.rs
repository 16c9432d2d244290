//! What the verbs that write a file answer: where it went and what it holds.

use serde::Serialize;
use ts_rs::TS;

/// A written backup.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BackupReport {
    /// Where it was written.
    pub path: String,
    /// Journal entries in it.
    #[ts(type = "number")]
    pub entries: u64,
    /// Head hash of the journal it holds.
    pub head_hash: String,
}

/// A file the app wrote.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FileReport {
    /// Where it was written.
    pub path: String,
}
