//! Feedback confirmed at a distance: the student exports a request, the mentor's installation
//! signs a receipt, the student imports it. See [`crate::mentor`] for the files.

use super::{
    feedback_not_confirmed, log_feedback, parse_date, DeskChanged, FileReport, RecordingChanged,
    Result, Workspace,
};
use crate::clock::local_date;
use crate::dates::format_date;
use crate::deadline::{self};
use crate::mentor::{self, FeedbackRequest, MentorError, MentorKey, ReceiptBody, ReceivedRequest};
use crate::nouns::names;
use crate::policy::DoneWhen;
use crate::recording::{EventKind, ReceivedReceipt, SentRequest};
use crate::store::Change;
use crate::text::tr;
use crate::workspace::{MentorRole, RecordingError};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use ts_rs::TS;

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
        let feedback_due = deadline::derive(pack, rec, self.clock.now())
            .into_iter()
            .filter(|d| match d.source {
                deadline::DeadlineSource::Rule(rule) => {
                    rule.done_when == DoneWhen::Event(EventKind::FeedbackGiven)
                }
                _ => false,
            })
            .find_map(|d| d.due)
            .map(local_date);
        let request = FeedbackRequest {
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
        };
        let sent = SentRequest {
            id: request.id.clone(),
            nonce: request.nonce.clone(),
            at: request.created_at,
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

    /// Student: imports a mentor's receipt, verifies it and confirms the feedback with it.
    pub fn import_feedback_receipt(&mut self, path: &Path) -> Result<RecordingChanged> {
        readable(path)?;
        let lang = self.lang();
        let (receipt, fingerprint) = mentor::parse_receipt(&mentor::read_limited(path)?)?;
        let body = receipt.receipt;
        let rec = self
            .state
            .recordings
            .iter()
            .find(|r| r.id == body.recording)
            .ok_or(MentorError::OtherRecording)?;
        if !rec
            .feedback_requests
            .iter()
            .any(|r| r.id == body.request && r.nonce == body.nonce)
        {
            return Err(MentorError::UnknownRequest {
                title: rec.title.clone(),
            }
            .into());
        }
        feedback_not_confirmed(rec, lang)?;
        let by = format!(
            "{} ({})",
            body.mentor,
            names::mentor_role_label(body.role, lang)
        );
        let note = Some(format!(
            "{} {fingerprint}",
            tr(
                lang,
                "bevestigd met een ondertekend ontvangstbewijs, sleutel",
                "confirmed with a signed receipt, key"
            )
        ));
        let received = ReceivedReceipt {
            request: body.request.clone(),
            mentor: body.mentor.clone(),
            role: body.role,
            feedback_on: body.feedback_on,
            late: body.late,
            fingerprint,
            signed_at: body.signed_at,
        };
        let recording = body.recording.clone();
        self.update(
            &recording,
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
        )
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
