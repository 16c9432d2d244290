//! Where the footage goes and how it ends: shares (only to the pack's audience, never over a
//! forbidden channel), deletion confirmations of copies, incidents and their clocks.

use super::events::add_copy;
use super::TaskDoneInput;
use super::MAX_NOTE;
use super::{
    clean_note, unknown, PackThing, RecordingChanged, RecordingError, Result, ShareError, Workspace,
};
use super::{AddCopy, ClockDone, ConfirmDeletion, CopyTasks, LogIncident, LogShare, ReportShare};
use crate::nouns::names;
use crate::recording::{Channel, Confirmation, CopyKind, Event, EventKind, Incident, Role, Share};
use crate::recording::{CopyTask, TaskAction, TaskCause, TaskDone};
use crate::store::Change;
use crate::text::tr;

impl Workspace {
    /// Logs a share; a forbidden channel or audience is refused (and should be logged as an incident).
    pub fn log_share(&mut self, input: LogShare) -> Result<RecordingChanged> {
        self.update(&input.recording, Change::Shared, |rec, op| {
            let lang = op.lang;
            if let Some(fc) = op
                .pack
                .forbidden_channels
                .iter()
                .find(|f| f.channel == input.channel)
            {
                return Err(ShareError::ForbiddenChannel {
                    channel: names::channel_label(input.channel, lang),
                    reason: fc.reason.get(lang).to_owned(),
                    incident: fc.incident.clone(),
                }
                .into());
            }
            if !op.pack.audience.contains(&input.role) {
                let allowed = op
                    .pack
                    .audience
                    .iter()
                    .map(|r| names::role_label(*r, lang))
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(ShareError::RoleNotAllowed {
                    role: names::role_label(input.role, lang),
                    allowed,
                }
                .into());
            }
            if rec.first(EventKind::Recorded).is_none() {
                return Err(RecordingError::NotRecordedYet.into());
            }
            let note = clean_note(input.note)?;
            if matches!(input.role, Role::Mentor | Role::Assessor | Role::Peer)
                && !matches!(input.channel, Channel::InPerson)
                && !rec
                    .copies
                    .iter()
                    .any(|c| c.kind == CopyKind::MentorAccess && c.deleted.is_none())
            {
                add_copy(
                    rec,
                    CopyKind::MentorAccess,
                    names::copy_label(CopyKind::MentorAccess, lang),
                    op.now,
                );
            }
            rec.shares.push(Share {
                role: input.role,
                channel: input.channel,
                at: op.now,
                note: note.clone(),
            });
            rec.events.push(Event {
                kind: EventKind::Shared,
                at: op.now,
                by: op.by.clone(),
                note,
            });
            Ok(())
        })
    }

    /// Confirms a copy deleted: who (the profile), when (now) and how.
    pub fn confirm_deletion(&mut self, input: ConfirmDeletion) -> Result<RecordingChanged> {
        self.update(
            &input.recording,
            Change::DeletionConfirmed {
                copy: input.copy.clone(),
            },
            |rec, op| {
                let method = input.method.trim();
                if method.is_empty() {
                    return Err(RecordingError::MethodMissing.into());
                }
                if method.chars().count() > MAX_NOTE {
                    return Err(RecordingError::NoteTooLong.into());
                }
                let copy = rec
                    .copies
                    .iter_mut()
                    .find(|c| c.id == input.copy)
                    .ok_or_else(|| unknown(PackThing::Copy, &input.copy))?;
                if copy.deleted.is_some() {
                    return Err(RecordingError::AlreadyDeleted.into());
                }
                confirm_deleted(copy, op, method, input.bin_emptied)
            },
        )
    }

    /// Adds a copy the pack did not predict: the laptop the phone synced to, a USB stick, a
    /// mailbox, … It needs its own deletion confirmation before the recording closes.
    pub fn add_copy(&mut self, input: AddCopy) -> Result<RecordingChanged> {
        let change = Change::CopyAdded { kind: input.kind };
        self.update(&input.recording, change, |rec, op| {
            if rec.first(EventKind::Recorded).is_none() {
                return Err(RecordingError::NotRecordedYet.into());
            }
            if input.kind == CopyKind::File {
                // A file is linked through the finder, with its path.
                return Err(unknown(PackThing::Copy, "file"));
            }
            let description = clean_note(input.description.clone())?;
            if description
                .as_ref()
                .is_some_and(|d| d.chars().count() > MAX_COPY_WORDS)
            {
                return Err(RecordingError::NoteTooLong.into());
            }
            if input.kind == CopyKind::Other && description.is_none() {
                return Err(RecordingError::CopyDescriptionMissing.into());
            }
            let mut label = names::copy_label(input.kind, op.lang);
            if let Some(d) = description {
                label = format!("{label}: {d}");
            }
            let label = capitalised(&label);
            add_user_copy(rec, input.kind, label, op.now);
            Ok(())
        })
    }

    /// Reports a share over a forbidden channel that happened anyway: logs the share as it was,
    /// the pack's incident for that channel (its clocks start now), and the copy the share left
    /// behind (e.g. the recipient's mailbox), which needs its own deletion confirmation.
    pub fn report_forbidden_share(&mut self, input: ReportShare) -> Result<RecordingChanged> {
        let change = Change::ForbiddenShareReported {
            channel: input.channel,
        };
        self.update(&input.recording, change, |rec, op| {
            let lang = op.lang;
            let fc = op
                .pack
                .forbidden_channels
                .iter()
                .find(|f| f.channel == input.channel)
                .ok_or(RecordingError::NotForbidden)?;
            if rec.first(EventKind::Recorded).is_none() {
                return Err(RecordingError::NotRecordedYet.into());
            }
            let note = clean_note(input.note)?;
            let incident_id = format!("incident-{}", rec.incidents.len() + 1);
            let what = format!(
                "{} {}, {}",
                tr(lang, "gedeeld met", "shared with"),
                names::role_label(input.role, lang),
                names::channel_label(input.channel, lang)
            );
            rec.incidents.push(Incident {
                id: incident_id,
                kind: fc.incident.clone(),
                at: op.now,
                note: Some(match &note {
                    Some(n) => format!("{what}: {n}"),
                    None => what,
                }),
                clocks_done: Default::default(),
            });
            rec.events.push(Event {
                kind: EventKind::Incident,
                at: op.now,
                by: op.by.clone(),
                note: Some(fc.incident.clone()),
            });
            rec.shares.push(Share {
                role: input.role,
                channel: input.channel,
                at: op.now,
                note: Some(tr(
                    lang,
                    "verboden kanaal, gemeld als incident",
                    "forbidden channel, reported as an incident",
                )),
            });
            let (kind, label) = left_behind(input.channel, lang);
            add_user_copy(rec, kind, label, op.now);
            Ok(())
        })
    }

    /// An objection was upheld, or someone withdrew consent: every copy not yet deleted gets a task
    /// to delete it or cut out / blur the person's footage, and the recording closes only when
    /// each is done.
    pub fn copy_tasks(&mut self, input: CopyTasks) -> Result<RecordingChanged> {
        let change = Change::CopyTasksCreated { cause: input.cause };
        self.update(&input.recording, change, |rec, op| {
            if rec.first(EventKind::Recorded).is_none() {
                return Err(RecordingError::NotRecordedYet.into());
            }
            let note = clean_note(input.note)?;
            let open: Vec<String> = rec
                .copies
                .iter()
                .filter(|c| c.deleted.is_none())
                .map(|c| c.id.clone())
                .collect();
            if open.is_empty() {
                return Err(RecordingError::NoCopiesLeft.into());
            }
            rec.events.push(Event {
                kind: match input.cause {
                    TaskCause::ObjectionUpheld => EventKind::ObjectionUpheld,
                    TaskCause::ConsentWithdrawn => EventKind::ConsentWithdrawn,
                },
                at: op.now,
                by: op.by.clone(),
                note,
            });
            for copy in open {
                let id = format!("task-{}", rec.tasks.len() + 1);
                rec.tasks.push(CopyTask {
                    id,
                    copy,
                    cause: input.cause,
                    since: op.now,
                    done: None,
                });
            }
            Ok(())
        })
    }

    /// A task done: the copy deleted (which confirms its deletion too), or the footage edited.
    pub fn task_done(&mut self, input: TaskDoneInput) -> Result<RecordingChanged> {
        let change = Change::TaskDone {
            task: input.task.clone(),
        };
        self.update(&input.recording, change, |rec, op| {
            let how = input.how.trim().to_owned();
            if how.is_empty() {
                return Err(RecordingError::MethodMissing.into());
            }
            if how.chars().count() > MAX_NOTE {
                return Err(RecordingError::NoteTooLong.into());
            }
            let task = rec
                .tasks
                .iter()
                .position(|t| t.id == input.task)
                .ok_or_else(|| unknown(PackThing::Task, &input.task))?;
            if rec.tasks[task].done.is_some() {
                return Err(RecordingError::AlreadyDeleted.into());
            }
            if input.action == TaskAction::Deleted {
                let copy_id = rec.tasks[task].copy.clone();
                if let Some(copy) = rec.copies.iter_mut().find(|c| c.id == copy_id) {
                    if copy.deleted.is_none() {
                        confirm_deleted(copy, op, &how, input.bin_emptied)?;
                    }
                }
            }
            rec.tasks[task].done = Some(TaskDone {
                by: op.by.clone(),
                at: op.now,
                action: input.action,
                how,
            });
            Ok(())
        })
    }

    /// Logs an incident; its clocks start now.
    pub fn log_incident(&mut self, input: LogIncident) -> Result<RecordingChanged> {
        self.update(
            &input.recording,
            Change::IncidentLogged {
                kind: input.kind.clone(),
            },
            |rec, op| {
                let kind = op
                    .pack
                    .incidents
                    .iter()
                    .find(|t| t.id == input.kind)
                    .ok_or_else(|| unknown(PackThing::IncidentType, &input.kind))?;
                let note = clean_note(input.note)?;
                let id = format!("incident-{}", rec.incidents.len() + 1);
                rec.incidents.push(Incident {
                    id: id.clone(),
                    kind: kind.id.clone(),
                    at: op.now,
                    note,
                    clocks_done: Default::default(),
                });
                rec.events.push(Event {
                    kind: EventKind::Incident,
                    at: op.now,
                    by: op.by.clone(),
                    note: Some(id),
                });
                Ok(())
            },
        )
    }

    /// Marks a clock of a logged incident done.
    pub fn incident_clock_done(&mut self, input: ClockDone) -> Result<RecordingChanged> {
        let ClockDone {
            recording,
            incident,
            clock,
        } = input;
        let (incident, clock) = (incident.as_str(), clock.as_str());
        self.update(
            &recording,
            Change::ClockDone {
                incident: incident.to_owned(),
                clock: clock.to_owned(),
            },
            |rec, op| {
                let inc = rec
                    .incidents
                    .iter_mut()
                    .find(|i| i.id == incident)
                    .ok_or_else(|| unknown(PackThing::Incident, incident))?;
                let kind = op
                    .pack
                    .incidents
                    .iter()
                    .find(|t| t.id == inc.kind)
                    .ok_or_else(|| unknown(PackThing::IncidentType, &inc.kind))?;
                if !kind.clocks.iter().any(|c| c.id == clock) {
                    return Err(unknown(PackThing::Deadline, clock));
                }
                inc.clocks_done.entry(clock.to_owned()).or_insert(op.now);
                Ok(())
            },
        )
    }
}

/// Longest description of an added copy.
const MAX_COPY_WORDS: usize = 120;

/// The first letter upper-case ("USB-stick: blauw" stays, "laptop" becomes "Laptop").
fn capitalised(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The copy a share over a forbidden channel leaves behind, and what it is called.
fn left_behind(channel: Channel, lang: crate::text::Lang) -> (CopyKind, String) {
    let (kind, nl, en) = match channel {
        Channel::Email => (
            CopyKind::Mailbox,
            "Mailbox van de ontvanger (en je eigen verzonden items)",
            "The recipient's mailbox (and your own sent items)",
        ),
        Channel::Messaging => (
            CopyKind::ChatApp,
            "Chat-app: het gesprek en de telefoons van de ontvangers",
            "Chat app: the conversation and the recipients' phones",
        ),
        Channel::UsbStick => (CopyKind::UsbStick, "USB-stick", "USB stick"),
        Channel::Wetransfer => (
            CopyKind::OnlineService,
            "Overdrachtsdienst en de download van de ontvanger",
            "Transfer service and the recipient's download",
        ),
        Channel::Internet | Channel::SocialMedia => (
            CopyKind::OnlineService,
            "Online geplaatst (en wie het downloadde)",
            "Published online (and whoever downloaded it)",
        ),
        Channel::SecureStorage | Channel::IrisConnect | Channel::InPerson => (
            CopyKind::Other,
            "Kopie bij de ontvanger",
            "Copy with the recipient",
        ),
    };
    (kind, tr(lang, nl, en))
}

/// Confirms `copy` deleted now, by the profile, `how`; a copy with a recycle bin only when the
/// bin was emptied too (deleted from a phone, a cloud or a laptop is only gone then).
fn confirm_deleted(
    copy: &mut crate::recording::Copy,
    op: &super::Op,
    how: &str,
    bin_emptied: bool,
) -> Result<()> {
    if copy.kind.has_bin() && !bin_emptied {
        return Err(RecordingError::BinNotEmptied {
            copy: copy.label.clone(),
        }
        .into());
    }
    copy.deleted = Some(Confirmation {
        by: op.by.clone(),
        at: op.now,
        method: how.to_owned(),
        bin_emptied: copy.kind.has_bin(),
        verified_absent: false,
    });
    Ok(())
}

/// Adds a copy the pack did not predict (the user's, or one a forbidden share left).
pub(super) fn add_user_copy(
    rec: &mut crate::recording::Recording,
    kind: CopyKind,
    label: String,
    since: chrono::DateTime<chrono::Utc>,
) {
    add_copy(rec, kind, label, since);
    if let Some(copy) = rec.copies.last_mut() {
        copy.added = true;
    }
}
