//! The mentor's desk: the feedback requests a mentor imported from students.

use serde::Serialize;
use ts_rs::TS;

/// The mentor's desk: feedback requests from students.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DeskView {
    /// Fingerprint of this installation's signing key (empty until the first request).
    pub fingerprint: String,
    /// Requests, newest first.
    pub requests: Vec<DeskRequestView>,
    /// Today in the Netherlands, `YYYY-MM-DD`.
    pub today: String,
}

/// One request on the mentor's desk.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DeskRequestView {
    /// Request id.
    pub id: String,
    /// Lesson title.
    pub title: String,
    /// Student name.
    pub student: String,
    /// Pack and version.
    pub pack: String,
    /// Recording day, formatted.
    pub recorded_on: String,
    /// Recording day, `YYYY-MM-DD` (the earliest day feedback can be given).
    pub recorded_on_iso: String,
    /// The day feedback is expected by, formatted.
    pub feedback_due: Option<String>,
    /// When it was imported, formatted.
    pub received_at: String,
    /// What was confirmed, once confirmed.
    pub confirmed: Option<String>,
    /// Why the feedback is (or was) late, if it is.
    pub late: Option<String>,
    /// What to tell the student now, once confirmed.
    pub reminder: Option<String>,
}
