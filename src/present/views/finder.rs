//! The finder's screen: the folders worth suggesting, and what a scan found.

use serde::Serialize;
use ts_rs::TS;

/// A folder the finder suggests (the platform's Downloads, Desktop, Videos and Pictures, and the
/// OneDrive, Dropbox and Google Drive folders that exist).
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct SuggestedFolder {
    /// Id to choose it by (the page never sends a path back).
    pub id: u32,
    /// Where it is.
    pub path: String,
}

/// A file the finder found.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct HitView {
    /// Id to link it by (the page never sends a path back).
    pub id: u32,
    /// File name.
    pub name: String,
    /// The folder it is in.
    pub folder: String,
    /// Size, worded.
    pub size: String,
    /// Its time, worded.
    pub time: String,
    /// The recordings it may be a copy of: (id, title).
    pub recordings: Vec<(String, String)>,
}

/// What a scan found.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FinderView {
    /// The files found.
    pub hits: Vec<HitView>,
    /// One line: how much was looked at, what could not be read, why it stopped early.
    pub summary: String,
}
