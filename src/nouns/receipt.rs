//! A mentor's signed confirmation that feedback was given, as data: what the mentor signed
//! ([`ReceiptBody`]) and the signed whole ([`FeedbackReceipt`]: body, public key, signature).
//!
//! The student's journal keeps the whole receipt, so its signature can be checked again at any time
//! after it was imported. Signing and verifying are in `crate::mentor`.

use crate::profile::MentorRole;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The signed part of a receipt.
///
/// The fields added after format 1 are left out of the JSON when empty, so a receipt signed by an
/// earlier version serialises to the very bytes it was signed over and still verifies.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReceiptBody {
    /// The request it answers.
    pub request: String,
    /// The recording in the student's app.
    pub recording: String,
    /// The request's nonce.
    pub nonce: String,
    /// Lesson title, as in the request.
    pub title: String,
    /// Student name, as in the request.
    pub student: String,
    /// The mentor's name.
    pub mentor: String,
    /// The mentor's role.
    pub role: MentorRole,
    /// The day feedback was given.
    pub feedback_on: NaiveDate,
    /// Given after the day the request said feedback was expected by, as the mentor's app saw it.
    /// The student's app works lateness out from its own journal instead.
    pub late: bool,
    /// When the mentor's app signed it.
    pub signed_at: DateTime<Utc>,
    /// The day the lesson was recorded, as the request showed it to the mentor (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_on: Option<NaiveDate>,
    /// The day feedback was agreed or expected by, as the request showed it to the mentor
    /// (format 2; empty when the pack sets none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub feedback_due: Option<NaiveDate>,
    /// The request's seal, echoed: the student's app checks it against the fields above, so a
    /// request whose dates, title or name were edited after the app made it is found out (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal: Option<String>,
}

/// A mentor's signed confirmation that feedback was given.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedbackReceipt {
    /// Always `opnamewijs-feedbackbewijs`.
    pub kind: String,
    /// File format version.
    pub format: u32,
    /// What the mentor confirms.
    pub receipt: ReceiptBody,
    /// The mentor installation's Ed25519 public key, hex.
    pub public_key: String,
    /// Ed25519 signature over the context and the body, hex.
    pub signature: String,
}
