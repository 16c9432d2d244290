//! Feedback confirmed at a distance: the student exports a request, the mentor's installation
//! signs a receipt, the student imports it. See [`crate::mentor`] for the files.

use super::{
    feedback_not_confirmed, log_feedback, parse_date, DeskChanged, FileReport, RecordingChanged,
    Result, Workspace,
};
use crate::clock::local_date;
use crate::dates::format_date;
use crate::deadline::{self};
use crate::mentor::{
    self, FeedbackReceipt, FeedbackRequest, KnownMentor, MentorError, MentorKey, ReceiptBody,
    ReceivedRequest,
};
use crate::nouns::names;
use crate::policy::DoneWhen;
use crate::policy::PolicyPack;
use crate::recording::{EventKind, ReceivedReceipt, Recording, SentRequest};
use crate::store::Change;
use crate::text::tr;
use crate::workspace::{MentorRole, RecordingError};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

/// Input of accepting the receipt read last.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct AcceptReceipt {
    /// The fingerprint the screen showed (it must be the receipt read last).
    pub fingerprint: String,
    /// The student compared the fingerprint with the one on the mentor's screen.
    pub compared: bool,
}

/// A receipt read in and checked, waiting for the student to accept it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReceiptRead {
    /// The recording it confirms feedback on.
    pub recording: String,
    /// That recording's title.
    pub title: String,
    /// The receipt, its signature verified.
    pub receipt: FeedbackReceipt,
    /// Fingerprint of the key that signed it.
    pub fingerprint: String,
    /// Whether this mentor's key is new, known or changed.
    pub key: KeyStatus,
    /// The day feedback was expected by, from this installation's own journal.
    pub expected: Option<NaiveDate>,
    /// Feedback given after that day.
    pub late: bool,
}

/// What this installation knows of the key that signed a receipt.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum KeyStatus {
    /// No receipt of this mentor (name and role) was accepted before.
    New,
    /// The same key as this mentor's earlier receipt, compared then.
    Known {
        /// When its fingerprint was compared.
        compared_at: DateTime<Utc>,
    },
    /// This mentor signed earlier receipts with another key.
    Changed {
        /// That key's fingerprint.
        previous: String,
    },
}

/// The day feedback is expected by under the pack (the end of the feedback deadline, e.g. the
/// date agreed with the mentor), from the recording as this journal has it.
fn feedback_expected(pack: &PolicyPack, rec: &Recording, now: DateTime<Utc>) -> Option<NaiveDate> {
    deadline::derive(pack, rec, now)
        .into_iter()
        .filter(|d| match d.source {
            deadline::DeadlineSource::Rule(rule) => {
                rule.done_when == DoneWhen::Event(EventKind::FeedbackGiven)
            }
            _ => false,
        })
        .find_map(|d| d.due)
        .map(local_date)
}

/// Input of exporting a feedback request.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ExportRequest {
    /// Recording id.
    pub recording: String,
    /// Where to write it (absolute; the file must not exist yet).
    pub path: String,
}

/// Input of the mentor confirming a request.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ConfirmRequest {
    /// Request id.
    pub request: String,
    /// The day feedback was given, `YYYY-MM-DD`.
    pub on: String,
    /// The mentor's role.
    pub role: MentorRole,
}

/// Input of exporting a signed receipt.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ExportReceipt {
    /// Request id.
    pub request: String,
    /// Where to write it (absolute; the file must not exist yet).
    pub path: String,
}

/// An absolute path to an existing file, for reading.
fn readable(path: &Path) -> Result<()> {
    crate::limits::check_import_path(path)?;
    if !path.is_absolute() {
        return Err(crate::files::FileError::NotAbsolute {
            path: path.display().to_string().chars().take(300).collect(),
        }
        .into());
    }
    Ok(())
}

impl Workspace {
    /// Student: writes a feedback request for a recorded lesson to `path`.
    pub fn export_feedback_request(&mut self, input: ExportRequest) -> Result<RecordingChanged> {
        let path = PathBuf::from(&input.path);
        crate::limits::check_export_path(&path, &self.data_dir)?;
        crate::files::check_new_file(&path)?;
        let rec = self.recording(&input.recording)?;
        let recorded = rec
            .first(EventKind::Recorded)
            .ok_or(MentorError::NotRecordedYet)?;
        feedback_not_confirmed(rec, self.lang())?;
        let pack = self.packs.require(&rec.pack.id, &rec.pack.version)?;
        let feedback_due = feedback_expected(pack, rec, self.clock.now());
        let seal_key = mentor::seal_key()?;
        let mut request = FeedbackRequest {
            kind: mentor::REQUEST_KIND.to_owned(),
            format: mentor::FILE_FORMAT,
            id: uuid::Uuid::new_v4().to_string(),
            recording: rec.id.clone(),
            title: rec.title.clone(),
            student: self.state.profile.name.clone(),
            pack: rec.pack.clone(),
            recorded_on: local_date(recorded),
            feedback_due,
            nonce: mentor::nonce()?,
            created_at: self.clock.now(),
            seal: None,
        };
        request.seal = mentor::seal(&seal_key, &mentor::Sealed::of_request(&request));
        let sent = SentRequest {
            id: request.id.clone(),
            nonce: request.nonce.clone(),
            at: request.created_at,
            seal_key: Some(seal_key),
        };
        // Journal first: a request the journal does not know could never be answered.
        let changed = self.update(
            &input.recording,
            Change::FeedbackRequested {
                request: sent.id.clone(),
            },
            |rec, _| {
                rec.feedback_requests.push(sent);
                Ok(())
            },
        )?;
        crate::files::write_export(&path, &mentor::to_file_bytes(&request))?;
        Ok(changed)
    }

    /// Student: reads a mentor's receipt and checks it without changing anything: the signature,
    /// that it is not this installation's own key, that it answers a request this installation
    /// made for that recording, and that the request's seal still covers what the mentor saw.
    /// The receipt waits in memory for [`Workspace::accept_feedback_receipt`]; what it reports
    /// says whether the key is new, known or changed for this mentor.
    pub fn preview_feedback_receipt(&mut self, path: &Path) -> Result<ReceiptRead> {
        readable(path)?;
        let (receipt, fingerprint) = mentor::parse_receipt(&mentor::read_limited(path)?)?;
        let read = self.check_receipt(receipt, fingerprint)?;
        self.pending_receipt = Some(read.clone());
        Ok(read)
    }

    /// Student: accepts the receipt read last ([`Workspace::preview_feedback_receipt`]) and
    /// confirms the feedback with it. A mentor's first receipt, and a known mentor's receipt with
    /// another key, need `compared`: the student compared the fingerprint with the one on the
    /// mentor's screen. The journal keeps the whole signed receipt and remembers the mentor's key.
    pub fn accept_feedback_receipt(&mut self, input: AcceptReceipt) -> Result<RecordingChanged> {
        let pending = self
            .pending_receipt
            .clone()
            .filter(|p| p.fingerprint == input.fingerprint)
            .ok_or(MentorError::NothingToAccept)?;
        // Checked again: the journal may have changed since it was read.
        let read = self.check_receipt(pending.receipt, pending.fingerprint)?;
        let now = self.clock.now();
        let key_compared_at = match read.key {
            KeyStatus::Known { compared_at } => compared_at,
            KeyStatus::New | KeyStatus::Changed { .. } if input.compared => now,
            KeyStatus::New | KeyStatus::Changed { .. } => {
                return Err(MentorError::NotCompared.into())
            }
        };
        let lang = self.lang();
        let body = read.receipt.receipt.clone();
        let by = format!(
            "{} ({})",
            body.mentor,
            names::mentor_role_label(body.role, lang)
        );
        let note = Some(format!(
            "{} {}",
            tr(
                lang,
                "bevestigd met een ondertekend ontvangstbewijs, sleutel",
                "confirmed with a signed receipt, key"
            ),
            read.fingerprint
        ));
        let received = ReceivedReceipt {
            request: body.request.clone(),
            mentor: body.mentor.clone(),
            role: body.role,
            feedback_on: body.feedback_on,
            late: read.late,
            fingerprint: read.fingerprint.clone(),
            signed_at: body.signed_at,
            signed: Some(read.receipt.clone()),
            key_compared_at: Some(key_compared_at),
        };
        let mut desk = self.state.desk.clone();
        desk.remember(KnownMentor {
            name: body.mentor.clone(),
            role: body.role,
            public_key: read.receipt.public_key.to_ascii_lowercase(),
            compared_at: key_compared_at,
        });
        let changed = self.update_with(
            &read.recording,
            Change::ReceiptImported {
                request: body.request.clone(),
            },
            |rec, op| {
                let too_early = tr(
                    op.lang,
                    "Volgens het ontvangstbewijs is de feedback gegeven vóór de opname.",
                    "The receipt dates the feedback before the recording.",
                );
                // The mentor's clock may run a little ahead; a day later is still "today" there.
                let day = body.feedback_on.min(local_date(op.now));
                log_feedback(rec, op, day, by, note, too_early)?;
                rec.feedback_receipt = Some(received);
                Ok(())
            },
            |entry| entry.desk = Some(desk.clone()),
        )?;
        self.state.desk = desk;
        self.pending_receipt = None;
        Ok(changed)
    }

    /// Student: reads a receipt and accepts it at once, which only a mentor whose key this
    /// installation already knows can pass: any other is refused with
    /// [`MentorError::NotCompared`] (the app itself reads in two steps, showing the fingerprint).
    pub fn import_feedback_receipt(&mut self, path: &Path) -> Result<RecordingChanged> {
        let read = self.preview_feedback_receipt(path)?;
        self.accept_feedback_receipt(AcceptReceipt {
            fingerprint: read.fingerprint,
            compared: false,
        })
    }

    /// Every check of a verified receipt against this installation's journal.
    fn check_receipt(&self, receipt: FeedbackReceipt, fingerprint: String) -> Result<ReceiptRead> {
        let state = &self.state;
        if state.desk.is_own_key(&receipt.public_key) {
            return Err(MentorError::OwnKey.into());
        }
        let body = &receipt.receipt;
        let rec = state
            .recordings
            .iter()
            .find(|r| r.id == body.recording)
            .ok_or(MentorError::OtherRecording)?;
        let sent = rec
            .feedback_requests
            .iter()
            .find(|r| r.id == body.request && r.nonce == body.nonce)
            .ok_or_else(|| MentorError::UnknownRequest {
                title: rec.title.clone(),
            })?;
        if let Some(key) = &sent.seal_key {
            let holds = body.seal.as_deref().is_some_and(|claimed| {
                mentor::seal_holds(key, &mentor::Sealed::of_receipt(body), claimed)
            });
            if !holds {
                return Err(MentorError::RequestEdited.into());
            }
        }
        feedback_not_confirmed(rec, self.lang())?;
        let key = match state.desk.mentor(&body.mentor, body.role) {
            None => KeyStatus::New,
            Some(known) if known.public_key.eq_ignore_ascii_case(&receipt.public_key) => {
                KeyStatus::Known {
                    compared_at: known.compared_at,
                }
            }
            Some(known) => KeyStatus::Changed {
                previous: mentor::fingerprint(
                    &mentor::unhex(&known.public_key).unwrap_or_default(),
                ),
            },
        };
        let pack = self.packs.require(&rec.pack.id, &rec.pack.version)?;
        let expected = feedback_expected(pack, rec, self.clock.now());
        Ok(ReceiptRead {
            recording: rec.id.clone(),
            title: rec.title.clone(),
            late: expected.is_some_and(|due| body.feedback_on > due),
            expected,
            key,
            fingerprint,
            receipt,
        })
    }

    /// Mentor: imports a student's request onto the desk (creating the signing key on first use).
    pub fn import_feedback_request(&mut self, path: &Path) -> Result<DeskChanged> {
        readable(path)?;
        let request = mentor::parse_request(&mentor::read_limited(path)?)?;
        if let Some(known) = self
            .state
            .desk
            .requests
            .iter()
            .find(|r| r.request.id == request.id)
        {
            return Err(MentorError::AlreadyImported {
                title: known.request.title.clone(),
                student: known.request.student.clone(),
            }
            .into());
        }
        let mut desk = self.state.desk.clone();
        if desk.key.is_none() {
            desk.key = Some(MentorKey::generate()?);
        }
        let id = request.id.clone();
        desk.requests.push(ReceivedRequest {
            request,
            received_at: self.clock.now(),
            receipt: None,
        });
        self.record_entry(Change::RequestReceived { request: id }, |e| {
            e.desk = Some(desk.clone());
        })?;
        self.state.desk = desk;
        Ok(DeskChanged)
    }

    /// Mentor: confirms that feedback was given and signs the receipt.
    pub fn confirm_request(&mut self, input: ConfirmRequest) -> Result<DeskChanged> {
        let lang = self.lang();
        let mentor_name = self.state.profile.name.trim().to_owned();
        if mentor_name.is_empty() || mentor_name == crate::profile::Profile::default().name {
            return Err(MentorError::NoName.into());
        }
        let mut desk = self.state.desk.clone();
        let key = desk.key.clone().ok_or(MentorError::NoSuchRequest)?;
        let entry = desk
            .requests
            .iter_mut()
            .find(|r| r.request.id == input.request)
            .ok_or(MentorError::NoSuchRequest)?;
        if let Some(done) = &entry.receipt {
            return Err(MentorError::AlreadyConfirmed {
                title: entry.request.title.clone(),
                by: format!(
                    "{}, {}",
                    done.receipt.mentor,
                    format_date(done.receipt.feedback_on, lang)
                ),
            }
            .into());
        }
        let on = parse_date(&input.on)?;
        let today = local_date(self.clock.now());
        if on > today {
            return Err(RecordingError::DateOutOfRange {
                problem: tr(
                    lang,
                    "Die datum ligt in de toekomst.",
                    "That date is in the future.",
                ),
            }
            .into());
        }
        if on < entry.request.recorded_on {
            return Err(RecordingError::DateOutOfRange {
                problem: tr(
                    lang,
                    "Feedback kan niet gegeven zijn vóór de opname.",
                    "Feedback cannot predate the recording.",
                ),
            }
            .into());
        }
        let req = &entry.request;
        entry.receipt = Some(key.sign(ReceiptBody {
            request: req.id.clone(),
            recording: req.recording.clone(),
            nonce: req.nonce.clone(),
            title: req.title.clone(),
            student: req.student.clone(),
            mentor: mentor_name,
            role: input.role,
            feedback_on: on,
            late: req.feedback_due.is_some_and(|due| on > due),
            signed_at: self.clock.now(),
            recorded_on: Some(req.recorded_on),
            feedback_due: req.feedback_due,
            seal: req.seal.clone(),
        })?);
        self.record_entry(
            Change::FeedbackConfirmed {
                request: input.request.clone(),
            },
            |e| e.desk = Some(desk.clone()),
        )?;
        self.state.desk = desk;
        Ok(DeskChanged)
    }

    /// Mentor: writes the signed receipt of a confirmed request to `path`.
    pub fn export_feedback_receipt(&self, input: ExportReceipt) -> Result<FileReport> {
        let path = PathBuf::from(&input.path);
        crate::limits::check_export_path(&path, &self.data_dir)?;
        crate::files::check_new_file(&path)?;
        let entry = self
            .state
            .desk
            .requests
            .iter()
            .find(|r| r.request.id == input.request)
            .ok_or(MentorError::NoSuchRequest)?;
        let receipt = entry.receipt.as_ref().ok_or(MentorError::NotConfirmed)?;
        crate::files::write_export(&path, &mentor::to_file_bytes(receipt))?;
        Ok(FileReport {
            path: path.display().to_string(),
        })
    }
}
