//! Where the footage goes and how it ends: shares (only to the pack's audience, never over a
//! forbidden channel), deletion confirmations of copies, incidents and their clocks.

use super::events::add_copy;
use super::MAX_NOTE;
use super::{
    clean_note, unknown, PackThing, RecordingChanged, RecordingError, Result, ShareError, Workspace,
};
use super::{ClockDone, ConfirmDeletion, LogIncident, LogShare};
use crate::nouns::names;
use crate::recording::{Channel, Confirmation, CopyKind, Event, EventKind, Incident, Role, Share};
use crate::store::Change;

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
                copy.deleted = Some(Confirmation {
                    by: op.by.clone(),
                    at: op.now,
                    method: method.to_owned(),
                });
                Ok(())
            },
        )
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
