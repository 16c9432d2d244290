//! The mentor's desk: the feedback requests a mentor imported from students.

use crate::dates::format_datetime;
use crate::recording::ReceivedReceipt;
use crate::text::{tr, Lang};
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

/// Whether the key of a receipt that was read in is new, known or changed for its mentor.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum KeyKind {
    /// This mentor's first receipt: compare the fingerprint.
    New,
    /// The key this mentor signed with before, compared then.
    Known,
    /// This mentor signed earlier receipts with another key: compare again.
    Changed,
}

/// Student: a mentor's receipt that was read in and checked, before it is accepted.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ReceiptPreviewView {
    /// The recording's id.
    pub recording: String,
    /// The recording's title.
    pub title: String,
    /// Who signed it ("Anna de Wit (werkplekbegeleider)").
    pub mentor: String,
    /// The day feedback was given, formatted.
    pub feedback_on: String,
    /// The key's fingerprint, to compare with the one on the mentor's screen.
    pub fingerprint: String,
    /// New, known or changed.
    pub key_kind: KeyKind,
    /// What that means and what to do, in a sentence.
    pub key_note: String,
    /// Accepting needs the confirmation that the fingerprints were compared.
    pub needs_comparison: bool,
    /// What the mentor was shown and signed: the recording day and the day feedback was expected by.
    pub signed_dates: Option<String>,
    /// Why the feedback counts as late by this installation's own journal, if it does.
    pub late: Option<String>,
}

/// Whether the key of an accepted receipt was compared with the one on the mentor's screen.
pub fn key_compared(receipt: &ReceivedReceipt, lang: Lang) -> String {
    match receipt.key_compared_at {
        Some(at) => format!(
            "{} {}",
            tr(
                lang,
                "vingerafdruk door de student vergeleken met het scherm van de begeleider op",
                "fingerprint compared by the student with the mentor's screen on"
            ),
            format_datetime(at, lang)
        ),
        None => tr(
            lang,
            "vingerafdruk niet vergeleken: ingelezen met een eerdere versie van Opnamewijs",
            "fingerprint not compared: read in with an earlier version of Opnamewijs",
        ),
    }
}

/// How a confirmation typed on the student's laptop is labelled wherever it is shown: no one
/// signed it.
pub fn in_person(lang: Lang) -> String {
    tr(
        lang,
        "Bevestigd op de laptop van de student (niet ondertekend)",
        "Confirmed on the student's laptop (not signed)",
    )
}
