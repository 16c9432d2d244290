//! Feedback confirmed at a distance: the files a student and a mentor exchange.
//!
//! 1. The student's app writes a **feedback request** (`*.opnamewijs-verzoek`) for one recording.
//!    It names the recording, the lesson title, the student, the pack, the recording day and, when
//!    the pack has one, the day feedback is expected by. It carries a random *nonce* that only the
//!    student's journal and the request file know.
//! 2. The mentor's installation (mentor mode) imports the request, the mentor confirms "feedback
//!    given on \<day\>", and their app writes a **receipt** (`*.opnamewijs-bewijs`): the request id,
//!    recording id and nonce echoed back with the mentor's name, role and day, signed with the
//!    mentor installation's Ed25519 key.
//! 3. The student's app accepts a receipt only when the signature holds (nothing was changed after
//!    signing) and it answers a request this installation sent for that very recording (same
//!    request id, recording id and nonce). The key's fingerprint is kept with the confirmation and
//!    printed on the dossier, so an assessor can compare it with the one the mentor's app shows.
//!
//! Neither file holds footage or pupil data. Both are small JSON documents, read with a size limit
//! and strict parsing: every rejection is a [`MentorError`] with a Dutch sentence (its English is in
//! [`crate::wording`]).

use crate::error::ErrorCode;
use crate::profile::MentorRole;
pub use crate::receipt::{FeedbackReceipt, ReceiptBody};
use crate::recording::PackRef;
use chrono::{DateTime, NaiveDate, Utc};
use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use hmac::{Hmac, Mac};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::path::Path;

/// The `kind` of a request file.
pub const REQUEST_KIND: &str = "opnamewijs-feedbackverzoek";
/// The `kind` of a receipt file.
pub const RECEIPT_KIND: &str = "opnamewijs-feedbackbewijs";
/// The file format version this app writes and reads. Format 2 adds the request's seal and, in
/// the receipt, the dates the mentor was shown; files of format 1 are still read.
pub const FILE_FORMAT: u32 = 2;
/// Extension of request files.
pub const REQUEST_EXTENSION: &str = "opnamewijs-verzoek";
/// Extension of receipt files.
pub const RECEIPT_EXTENSION: &str = "opnamewijs-bewijs";
/// Larger files are refused before they are parsed.
pub const MAX_FILE_BYTES: u64 = 64 * 1024;
/// Signatures are made over this prefix plus the receipt body, so they can mean nothing else.
const SIGNING_CONTEXT: &[u8] = b"opnamewijs feedback receipt v1\0";
/// Longest title, name or pack field accepted from a file.
pub const MAX_FIELD: usize = 200;

/// Why a request or receipt file was refused.
#[derive(Debug, thiserror::Error)]
pub enum MentorError {
    /// Larger than any real request or receipt.
    #[error("Dit bestand is te groot voor een feedbackverzoek of ontvangstbewijs van Opnamewijs.")]
    TooLarge,
    /// Not a request file (or a damaged one).
    #[error("Dit is geen (leesbaar) feedbackverzoek van Opnamewijs: {problem}.")]
    NotARequest {
        /// What is wrong with it.
        problem: Defect,
    },
    /// Not a receipt file (or a damaged one).
    #[error("Dit is geen (leesbaar) ontvangstbewijs van Opnamewijs: {problem}.")]
    NotAReceipt {
        /// What is wrong with it.
        problem: Defect,
    },
    /// Written by a newer version.
    #[error("Dit bestand is gemaakt door een nieuwere versie van Opnamewijs (formaat {found}). Werk de app bij.")]
    NewerFormat {
        /// Its format version.
        found: u32,
    },
    /// The signature does not match the contents.
    #[error("Het ontvangstbewijs is na het ondertekenen gewijzigd of beschadigd, en is niet gebruikt. Vraag je begeleider om het opnieuw te exporteren.")]
    Modified,
    /// The receipt is for a recording this installation does not have.
    #[error("Dit ontvangstbewijs hoort bij een opname die niet in deze Opnamewijs staat. Er is niets veranderd.")]
    OtherRecording,
    /// The receipt does not answer a request sent for this recording.
    #[error("Dit ontvangstbewijs hoort niet bij een feedbackverzoek dat je voor \"{title}\" hebt gemaakt. Er is niets veranderd.")]
    UnknownRequest {
        /// The recording's title.
        title: String,
    },
    /// Feedback was already confirmed for this recording.
    #[error("De feedback op \"{title}\" is al bevestigd ({by}).")]
    AlreadyConfirmed {
        /// The recording's title.
        title: String,
        /// Who confirmed it, when.
        by: String,
    },
    /// The mentor already has this request.
    #[error("Dit feedbackverzoek (\"{title}\" van {student}) staat al in je lijst.")]
    AlreadyImported {
        /// Lesson title.
        title: String,
        /// Student name.
        student: String,
    },
    /// No request with that id in the mentor's list.
    #[error("Dat feedbackverzoek staat niet (meer) in je lijst.")]
    NoSuchRequest,
    /// The receipt can only be exported after confirming.
    #[error("Bevestig eerst dat je de feedback hebt gegeven; daarna kun je het ontvangstbewijs bewaren.")]
    NotConfirmed,
    /// The mentor has not set a name.
    #[error("Vul eerst je naam in bij Profiel: die komt op het ontvangstbewijs.")]
    NoName,
    /// A request can only be made once the lesson was recorded.
    #[error("Vraag pas om feedback als de les is opgenomen.")]
    NotRecordedYet,
    /// The receipt was signed by this installation's own key.
    #[error("Dit ontvangstbewijs is ondertekend met de sleutel van deze Opnamewijs zelf, niet met die van je begeleider. Een bevestiging die je zelf ondertekent telt niet; vraag je begeleider om het verzoek in de eigen Opnamewijs te bevestigen.")]
    OwnKey,
    /// The request's dates, title or name were changed after the app made it.
    #[error("Het feedbackverzoek is gewijzigd nadat Opnamewijs het maakte (data, titel of naam): je begeleider heeft andere gegevens gezien dan deze Opnamewijs verstuurde. Het ontvangstbewijs is niet gebruikt; maak een nieuw verzoek.")]
    RequestEdited,
    /// The student did not confirm comparing the key's fingerprint.
    #[error("Vergelijk eerst de vingerafdruk van de sleutel met die op het scherm van je begeleider, en bevestig dat ze gelijk zijn.")]
    NotCompared,
    /// Nothing was read to accept, or another receipt than the one shown.
    #[error("Lees het ontvangstbewijs opnieuw in: het bewijs dat je wilt aannemen is niet (meer) het bewijs dat net getoond werd.")]
    NothingToAccept,
    /// Reading the file failed.
    #[error(transparent)]
    File(#[from] crate::files::FileError),
    /// The OS gave no random numbers for a key or nonce.
    #[error("Opnamewijs kon geen veilige willekeurige getallen krijgen van het systeem. Probeer het opnieuw.")]
    NoRandomness,
}

/// What is wrong with a request or receipt file ([`MentorError::NotARequest`],
/// [`MentorError::NotAReceipt`]). `Display` is the Dutch phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Defect {
    /// Not JSON of the file's shape: what does not fit, and where.
    Json {
        /// What does not fit.
        problem: crate::policy::ShapeProblem,
        /// Line of the file (from 1).
        line: usize,
        /// Column of that line (from 1).
        column: usize,
    },
    /// Another kind of file: its `kind` (shortened).
    Kind(String),
    /// A field that is empty.
    Empty(&'static str),
    /// A field longer than the files allow.
    TooLong(&'static str),
    /// A field with control characters.
    ControlCharacters(&'static str),
    /// The nonce is not 64 hexadecimal characters.
    Nonce,
    /// The seal is not 64 hexadecimal characters.
    Seal,
}

impl Defect {
    /// What the JSON parser found wrong, without its words.
    fn json(err: &serde_json::Error) -> Defect {
        Defect::Json {
            problem: crate::policy::shape_problem(err),
            line: err.line(),
            column: err.column(),
        }
    }
}

impl std::fmt::Display for Defect {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Defect::Json {
                problem,
                line,
                column,
            } => write!(f, "{problem} (regel {line}, kolom {column})"),
            Defect::Kind(kind) => write!(f, "soort \"{kind}\""),
            Defect::Empty(field) => write!(f, "{field} is leeg"),
            Defect::TooLong(field) => write!(f, "{field} is langer dan {MAX_FIELD} tekens"),
            Defect::ControlCharacters(field) => write!(f, "{field} bevat stuurtekens"),
            Defect::Nonce => f.write_str("nonce is geen 64 hexadecimale tekens"),
            Defect::Seal => f.write_str("zegel is geen 64 hexadecimale tekens"),
        }
    }
}

impl ErrorCode for MentorError {
    fn code(&self) -> &'static str {
        match self {
            MentorError::TooLarge => "mentor.too_large",
            MentorError::NotARequest { .. } => "mentor.not_a_request",
            MentorError::NotAReceipt { .. } => "mentor.not_a_receipt",
            MentorError::NewerFormat { .. } => "mentor.newer_format",
            MentorError::Modified => "mentor.receipt_modified",
            MentorError::OtherRecording => "mentor.other_recording",
            MentorError::UnknownRequest { .. } => "mentor.unknown_request",
            MentorError::AlreadyConfirmed { .. } => "mentor.already_confirmed",
            MentorError::AlreadyImported { .. } => "mentor.already_imported",
            MentorError::NoSuchRequest => "mentor.no_such_request",
            MentorError::NotConfirmed => "mentor.not_confirmed",
            MentorError::NoName => "mentor.no_name",
            MentorError::NotRecordedYet => "mentor.not_recorded_yet",
            MentorError::OwnKey => "mentor.own_key",
            MentorError::RequestEdited => "mentor.request_edited",
            MentorError::NotCompared => "mentor.not_compared",
            MentorError::NothingToAccept => "mentor.nothing_to_accept",
            MentorError::File(e) => e.code(),
            MentorError::NoRandomness => "mentor.no_randomness",
        }
    }
}

/// What the student asks the mentor to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FeedbackRequest {
    /// Always [`REQUEST_KIND`].
    pub kind: String,
    /// File format version.
    pub format: u32,
    /// Random id of this request.
    pub id: String,
    /// The recording's id in the student's app.
    pub recording: String,
    /// The lesson's title as the student wrote it.
    pub title: String,
    /// The student's name.
    pub student: String,
    /// The pack the recording is checked against.
    pub pack: PackRef,
    /// The day the lesson was recorded.
    pub recorded_on: NaiveDate,
    /// The day feedback is expected by under the pack, if it sets one.
    pub feedback_due: Option<NaiveDate>,
    /// 32 random bytes, hex: the receipt must echo them.
    pub nonce: String,
    /// When the request was made.
    pub created_at: DateTime<Utc>,
    /// HMAC-SHA256 of the fields the receipt echoes, with a key only the student's journal holds
    /// ([`seal`]), hex (format 2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seal: Option<String>,
}

/// What a mentor's installation keeps: its signing key and the requests it received.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Desk {
    /// Created when the first request is imported.
    #[serde(default)]
    pub key: Option<MentorKey>,
    /// Requests in the order they were imported.
    #[serde(default)]
    pub requests: Vec<ReceivedRequest>,
    /// Student: the mentors whose receipts were accepted, each with the key the student compared.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentors: Vec<KnownMentor>,
}

/// A mentor whose key the student compared with the fingerprint on the mentor's own screen.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KnownMentor {
    /// The mentor's name, as signed.
    pub name: String,
    /// The mentor's role, as signed.
    pub role: MentorRole,
    /// The mentor installation's public key, hex.
    pub public_key: String,
    /// When the student compared its fingerprint.
    pub compared_at: DateTime<Utc>,
}

impl Desk {
    /// The mentor known by `name` and `role`, if any.
    pub fn mentor(&self, name: &str, role: MentorRole) -> Option<&KnownMentor> {
        self.mentors
            .iter()
            .find(|m| m.name == name && m.role == role)
    }

    /// Remembers `mentor`, replacing the key known for the same name and role.
    pub fn remember(&mut self, mentor: KnownMentor) {
        self.mentors
            .retain(|m| !(m.name == mentor.name && m.role == mentor.role));
        self.mentors.push(mentor);
    }

    /// Whether `public_key` (hex) is this installation's own signing key.
    pub fn is_own_key(&self, public_key: &str) -> bool {
        self.key
            .as_ref()
            .and_then(MentorKey::public_key)
            .is_some_and(|own| own.eq_ignore_ascii_case(public_key))
    }
}

/// A request on the mentor's desk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceivedRequest {
    /// The request as imported.
    pub request: FeedbackRequest,
    /// When it was imported.
    pub received_at: DateTime<Utc>,
    /// The signed receipt, once the mentor confirmed.
    #[serde(default)]
    pub receipt: Option<FeedbackReceipt>,
}

/// The mentor installation's signing key (kept inside its encrypted journal).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MentorKey(String);

impl std::fmt::Debug for MentorKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("MentorKey(…)")
    }
}

impl MentorKey {
    /// A new random key.
    pub fn generate() -> Result<Self, MentorError> {
        let seed = zeroize::Zeroizing::new(random32()?);
        Ok(MentorKey(hex(seed.as_ref())))
    }

    fn signing(&self) -> Option<SigningKey> {
        let seed: [u8; 32] = unhex(&self.0)?.try_into().ok()?;
        Some(SigningKey::from_bytes(&seed))
    }

    /// The public key, hex.
    pub fn public_key(&self) -> Option<String> {
        self.signing().map(|k| hex(&k.verifying_key().to_bytes()))
    }

    /// Fingerprint of the public key, as shown to mentor, student and assessor.
    pub fn fingerprint(&self) -> String {
        self.signing()
            .map(|k| fingerprint(&k.verifying_key().to_bytes()))
            .unwrap_or_default()
    }

    /// Signs `body` into a receipt.
    pub fn sign(&self, body: ReceiptBody) -> Result<FeedbackReceipt, MentorError> {
        let key = self.signing().ok_or(MentorError::NotConfirmed)?;
        let signature = key.sign(&signed_bytes(&body));
        Ok(FeedbackReceipt {
            kind: RECEIPT_KIND.to_owned(),
            format: FILE_FORMAT,
            receipt: body,
            public_key: hex(&key.verifying_key().to_bytes()),
            signature: hex(&signature.to_bytes()),
        })
    }
}

/// Short, readable fingerprint of a public key: `AB12 CD34 EF56 7890`.
pub fn fingerprint(public_key: &[u8]) -> String {
    let digest = Sha256::digest(public_key);
    hex(&digest[..8])
        .to_uppercase()
        .as_bytes()
        .chunks(4)
        .map(|c| String::from_utf8_lossy(c).into_owned())
        .collect::<Vec<_>>()
        .join(" ")
}

/// A fresh key for a request's seal, hex (kept in the student's journal only).
pub fn seal_key() -> Result<String, MentorError> {
    Ok(hex(&random32()?))
}

/// The fields a request's seal covers, as the request states them and the receipt echoes them.
#[derive(Debug, Serialize)]
pub struct Sealed<'a> {
    /// Request id.
    pub request: &'a str,
    /// Recording id.
    pub recording: &'a str,
    /// The request's nonce.
    pub nonce: &'a str,
    /// Lesson title.
    pub title: &'a str,
    /// Student name.
    pub student: &'a str,
    /// Recording day.
    pub recorded_on: Option<NaiveDate>,
    /// The day feedback was agreed or expected by.
    pub feedback_due: Option<NaiveDate>,
}

impl<'a> Sealed<'a> {
    /// What a request states.
    pub fn of_request(r: &'a FeedbackRequest) -> Self {
        Sealed {
            request: &r.id,
            recording: &r.recording,
            nonce: &r.nonce,
            title: &r.title,
            student: &r.student,
            recorded_on: Some(r.recorded_on),
            feedback_due: r.feedback_due,
        }
    }

    /// What a receipt echoes of its request.
    pub fn of_receipt(b: &'a ReceiptBody) -> Self {
        Sealed {
            request: &b.request,
            recording: &b.recording,
            nonce: &b.nonce,
            title: &b.title,
            student: &b.student,
            recorded_on: b.recorded_on,
            feedback_due: b.feedback_due,
        }
    }
}

/// The seal of `fields` under `key` (hex): HMAC-SHA256, hex. `None` for a key that is not hex.
pub fn seal(key: &str, fields: &Sealed<'_>) -> Option<String> {
    let key = zeroize::Zeroizing::new(unhex(key)?);
    let mut mac = Hmac::<Sha256>::new_from_slice(&key).ok()?;
    mac.update(b"opnamewijs feedback request seal v1\0");
    mac.update(&serde_json::to_vec(fields).unwrap_or_default());
    Some(hex(&mac.finalize().into_bytes()))
}

/// Whether `claimed` (hex) is the seal of `fields` under `key`, compared in constant time.
pub fn seal_holds(key: &str, fields: &Sealed<'_>, claimed: &str) -> bool {
    let (Some(key), Some(claimed)) = (unhex(key), unhex(claimed)) else {
        return false;
    };
    let Ok(mut mac) = Hmac::<Sha256>::new_from_slice(&key) else {
        return false;
    };
    mac.update(b"opnamewijs feedback request seal v1\0");
    mac.update(&serde_json::to_vec(fields).unwrap_or_default());
    mac.verify_slice(&claimed).is_ok()
}

fn signed_bytes(body: &ReceiptBody) -> Vec<u8> {
    let mut bytes = SIGNING_CONTEXT.to_vec();
    // Serialising a struct of strings, dates and enums cannot fail.
    bytes.extend(serde_json::to_vec(body).unwrap_or_default());
    bytes
}

impl FeedbackReceipt {
    /// Checks the signature; returns the fingerprint of the key that made it.
    pub fn verify(&self) -> Result<String, MentorError> {
        let public: [u8; 32] = unhex(&self.public_key)
            .and_then(|b| b.try_into().ok())
            .ok_or(MentorError::Modified)?;
        let signature: [u8; 64] = unhex(&self.signature)
            .and_then(|b| b.try_into().ok())
            .ok_or(MentorError::Modified)?;
        let key = VerifyingKey::from_bytes(&public).map_err(|_| MentorError::Modified)?;
        key.verify_strict(
            &signed_bytes(&self.receipt),
            &ed25519_dalek::Signature::from_bytes(&signature),
        )
        .map_err(|_| MentorError::Modified)?;
        Ok(fingerprint(&public))
    }
}

/// 32 bytes from the OS's secure random source.
fn random32() -> Result<[u8; 32], MentorError> {
    let mut bytes = [0u8; 32];
    getrandom::getrandom(&mut bytes).map_err(|_| MentorError::NoRandomness)?;
    Ok(bytes)
}

/// A fresh random nonce, hex.
pub fn nonce() -> Result<String, MentorError> {
    let bytes = random32()?;
    Ok(hex(&bytes))
}

/// Reads a file of at most [`MAX_FILE_BYTES`].
pub fn read_limited(path: &Path) -> Result<Vec<u8>, MentorError> {
    use std::io::Read;
    let io = |e: std::io::Error| MentorError::from(crate::files::file_error(path, &e));
    let file = std::fs::File::open(path).map_err(io)?;
    let mut bytes = Vec::new();
    file.take(MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(MentorError::TooLarge);
    }
    Ok(bytes)
}

/// Parses and checks a request file's contents.
pub fn parse_request(bytes: &[u8]) -> Result<FeedbackRequest, MentorError> {
    let bad = |problem: Defect| MentorError::NotARequest { problem };
    check_header(bytes, REQUEST_KIND, &bad)?;
    let req: FeedbackRequest = serde_json::from_slice(bytes).map_err(|e| bad(Defect::json(&e)))?;
    for (field, value) in [
        ("id", &req.id),
        ("recording", &req.recording),
        ("title", &req.title),
        ("student", &req.student),
        ("pack.id", &req.pack.id),
        ("pack.version", &req.pack.version),
    ] {
        check_field(field, value).map_err(bad)?;
    }
    if unhex(&req.nonce).is_none_or(|n| n.len() != 32) {
        return Err(bad(Defect::Nonce));
    }
    if req
        .seal
        .as_deref()
        .is_some_and(|s| unhex(s).is_none_or(|n| n.len() != 32))
    {
        return Err(bad(Defect::Seal));
    }
    Ok(req)
}

/// Parses a receipt file's contents and verifies its signature; returns it with the key's
/// fingerprint.
pub fn parse_receipt(bytes: &[u8]) -> Result<(FeedbackReceipt, String), MentorError> {
    let bad = |problem: Defect| MentorError::NotAReceipt { problem };
    check_header(bytes, RECEIPT_KIND, &bad)?;
    let receipt: FeedbackReceipt =
        serde_json::from_slice(bytes).map_err(|e| bad(Defect::json(&e)))?;
    let fingerprint = receipt.verify()?;
    let body = &receipt.receipt;
    for (field, value) in [
        ("request", &body.request),
        ("recording", &body.recording),
        ("title", &body.title),
        ("student", &body.student),
        ("mentor", &body.mentor),
    ] {
        check_field(field, value).map_err(bad)?;
    }
    Ok((receipt, fingerprint))
}

/// Checks `kind` and `format` first, so a newer or different file gets the right message.
fn check_header(
    bytes: &[u8],
    kind: &str,
    bad: &dyn Fn(Defect) -> MentorError,
) -> Result<(), MentorError> {
    #[derive(Deserialize)]
    struct Header {
        kind: String,
        format: u32,
    }
    let header: Header = serde_json::from_slice(bytes).map_err(|e| bad(Defect::json(&e)))?;
    if header.kind != kind {
        return Err(bad(Defect::Kind(clip(&header.kind))));
    }
    if header.format > FILE_FORMAT {
        return Err(MentorError::NewerFormat {
            found: header.format,
        });
    }
    Ok(())
}

fn check_field(field: &'static str, value: &str) -> Result<(), Defect> {
    if value.trim().is_empty() {
        Err(Defect::Empty(field))
    } else if value.chars().count() > MAX_FIELD {
        Err(Defect::TooLong(field))
    } else if value.chars().any(char::is_control) {
        Err(Defect::ControlCharacters(field))
    } else {
        Ok(())
    }
}

fn clip(s: &str) -> String {
    s.chars().filter(|c| !c.is_control()).take(40).collect()
}

/// Serialises a file for writing: pretty JSON, so a curious user can read what is in it.
pub fn to_file_bytes<T: Serialize>(value: &T) -> Vec<u8> {
    let mut bytes = serde_json::to_vec_pretty(value).unwrap_or_default();
    bytes.push(b'\n');
    bytes
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Bytes from hex; `None` for anything else.
pub fn unhex(s: &str) -> Option<Vec<u8>> {
    if !s.len().is_multiple_of(2) || !s.is_ascii() {
        return None;
    }
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).ok())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body() -> ReceiptBody {
        ReceiptBody {
            request: "req-1".into(),
            recording: "rec-1".into(),
            nonce: "ab".repeat(32),
            title: "Rekenles 3B".into(),
            student: "Sam".into(),
            mentor: "Anna de Wit".into(),
            role: MentorRole::Werkplekbegeleider,
            feedback_on: NaiveDate::from_ymd_opt(2026, 11, 20).unwrap_or_default(),
            late: false,
            signed_at: DateTime::<Utc>::MIN_UTC,
            recorded_on: None,
            feedback_due: None,
            seal: None,
        }
    }

    #[test]
    fn a_signed_receipt_verifies_and_any_change_breaks_it() {
        let key = MentorKey::generate().expect("key");
        let receipt = key.sign(body()).expect("sign");
        assert_eq!(receipt.verify().expect("valid"), key.fingerprint());
        let mut changed = receipt.clone();
        changed.receipt.feedback_on = NaiveDate::from_ymd_opt(2026, 11, 21).unwrap_or_default();
        assert!(matches!(changed.verify(), Err(MentorError::Modified)));
        let mut other_key = receipt.clone();
        other_key.public_key = hex(&[7u8; 32]);
        assert!(matches!(other_key.verify(), Err(MentorError::Modified)));
    }

    #[test]
    fn fingerprints_are_grouped_upper_case_hex() {
        let fp = fingerprint(&[1u8; 32]);
        assert_eq!(fp.len(), 19);
        assert!(fp
            .chars()
            .all(|c| c == ' ' || c.is_ascii_hexdigit() && !c.is_ascii_lowercase()));
    }

    #[test]
    fn hex_round_trips_and_rejects_odd_or_non_ascii_input() {
        assert_eq!(unhex(&hex(&[0, 15, 255])), Some(vec![0, 15, 255]));
        assert_eq!(unhex("abc"), None);
        assert_eq!(unhex("zz"), None);
        assert_eq!(unhex("é1"), None);
    }
}
