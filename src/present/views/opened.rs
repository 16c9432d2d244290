//! A file the system opened with Opnamewijs (a double-click, "Open with", a second start): what it
//! is, what importing it does, and what importing it answered.

use super::{AppStatus, DeskView, ReceiptPreviewView};
use serde::Serialize;
use ts_rs::TS;

/// What kind of Opnamewijs file it is, by its contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum OpenedKind {
    /// A student's feedback request, for a mentor's desk.
    Request,
    /// A mentor's signed receipt, for the student's recording.
    Receipt,
    /// An encrypted backup of a whole installation.
    Backup,
    /// Not a file of Opnamewijs, or one that cannot be read.
    Unknown,
}

/// The offer shown for an opened file.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OpenedFileView {
    /// Id to import it by (the page never hands a path back).
    pub id: u32,
    /// The file's name.
    pub name: String,
    /// What kind of file it is.
    pub kind: OpenedKind,
    /// What it is, in a sentence ("Feedbackverzoek van … voor …").
    pub what: String,
    /// What importing it does, in a sentence or two.
    pub effect: String,
    /// The import button's words; absent when it cannot be imported here.
    pub action: Option<String>,
    /// Why it cannot be imported here (wrong kind of file, wrong profile, data already present).
    pub blocked: Option<String>,
    /// Importing needs the backup's passphrase.
    pub needs_passphrase: bool,
}

/// What importing an opened file answered.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum OpenedImport {
    /// The request is on the desk.
    Request {
        /// The desk after it.
        desk: DeskView,
    },
    /// The receipt was read and checked; accepting it is the next step.
    Receipt {
        /// What the receipt says, with the key's fingerprint to compare.
        preview: ReceiptPreviewView,
    },
    /// The backup was restored.
    Backup {
        /// The installation after it.
        status: AppStatus,
    },
}
