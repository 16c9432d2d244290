//! The English of the operations' errors: refused changes to a recording, refused shares, and
//! the error that carries any area's error across the workspace's API.

use crate::error::Localized;
use crate::workspace::{
    PackThing, RecordingError, ShareError, WorkspaceError, MAX_NOTE, MAX_TITLE,
};

impl Localized for RecordingError {
    fn english(&self) -> String {
        match self {
            RecordingError::NotFound => "This recording does not exist (any more).".to_owned(),
            RecordingError::InvalidTitle => {
                format!("Give the recording a title of 1 to {MAX_TITLE} characters.")
            }
            RecordingError::InvalidDate { input } => {
                format!("\"{input}\" is not a valid date; use the form 2026-11-23.")
            }
            RecordingError::DateOutOfRange { problem } => problem.clone(),
            RecordingError::InvalidName => "Fill in a name of 1 to 80 characters.".to_owned(),
            RecordingError::NoteTooLong => {
                format!("A note can be at most {MAX_NOTE} characters long.")
            }
            RecordingError::Unknown { what, id } => {
                format!(
                    "Unknown {} \"{id}\" in this policy pack.",
                    pack_thing(*what)
                )
            }
            RecordingError::InvalidAnswer { question } => {
                format!("This answer does not fit the question \"{question}\".")
            }
            RecordingError::PhaseBlocked { blockers } => format!("First complete: {blockers}."),
            RecordingError::NotAllowed { verdict, reason } => {
                format!("Under the policy you may not record (yet): {verdict}. {reason}")
            }
            RecordingError::AlreadyLogged { event, at } => {
                format!("\"{event}\" was already logged on {at}.")
            }
            RecordingError::NotLoggable => {
                "You log this kind of event as a share or an incident.".to_owned()
            }
            RecordingError::NotRecordedYet => "First log that the lesson was recorded.".to_owned(),
            RecordingError::AlreadyDeleted => {
                "The deletion of this copy was already confirmed.".to_owned()
            }
            RecordingError::InvalidSchoolName => {
                "Fill in the internship school's name, 1 to 120 characters.".to_owned()
            }
            RecordingError::InvalidRetention => {
                "A school's retention period is 1 to 3650 days.".to_owned()
            }
            RecordingError::BinNotEmptied { copy } => format!(
                "\"{copy}\" is only gone once the recycle bin or 'Recently deleted' is emptied too. \
                 Empty it and tick that."
            ),
            RecordingError::CopyDescriptionMissing => {
                "Say briefly where this copy is (without pupils' names).".to_owned()
            }
            RecordingError::NotForbidden => {
                "This channel is not forbidden; log it as an ordinary share.".to_owned()
            }
            RecordingError::NoCopiesLeft => {
                "Every copy is already deleted; there is nothing left to delete or edit.".to_owned()
            }
            RecordingError::AlreadyLinked => {
                "This file is already linked to the recording.".to_owned()
            }
            RecordingError::FileStillThere { name } => format!(
                "The file \"{name}\" is still there. Delete it (and empty the bin) and check again."
            ),
            RecordingError::KeepReasonMissing => "Write down why you keep the secure copy longer \
                (for example: needed for the final assessment)."
                .to_owned(),
            RecordingError::MethodMissing => "Describe how you deleted the copy (for example: \
                deleted in Photos and emptied 'Recently Deleted')."
                .to_owned(),
        }
    }
}

impl Localized for ShareError {
    fn english(&self) -> String {
        match self {
            ShareError::ForbiddenChannel {
                channel, reason, ..
            } => format!(
                "Sharing {channel} is not allowed: {reason} Was it shared this way anyway? Then \
                 report an incident."
            ),
            ShareError::RoleNotAllowed { role, allowed } => format!(
                "Only {allowed} may see the recording, not {role}. Was it shared anyway? Then \
                 report an incident."
            ),
        }
    }
}

impl Localized for WorkspaceError {
    fn english(&self) -> String {
        match self {
            WorkspaceError::Recording(e) => e.english(),
            WorkspaceError::Share(e) => e.english(),
            WorkspaceError::Policy(e) => e.english(),
            WorkspaceError::Store(e) => e.english(),
            WorkspaceError::File(e) => e.english(),
            WorkspaceError::Mentor(e) => e.english(),
            WorkspaceError::Input(e) => e.english(),
            WorkspaceError::Dossier(e) => e.english(),
        }
    }
}

/// The English word for a kind of thing in a pack.
fn pack_thing(thing: PackThing) -> &'static str {
    {
        match thing {
            PackThing::Question => "question",
            PackThing::Item => "item",
            PackThing::Deadline => "deadline",
            PackThing::ChosenDateDeadline => "deadline with a date you choose",
            PackThing::Copy => "copy",
            PackThing::IncidentType => "incident type",
            PackThing::Incident => "incident",
            PackThing::Task => "task",
        }
    }
}
