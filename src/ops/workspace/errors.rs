//! Why an operation was refused: one enum per area, each with stable codes and a sentence for
//! the user, and [`WorkspaceError`] that carries any of them across the workspace's API.
//!
//! The Dutch sentence of each variant is its `#[error]` attribute; the English one is in the
//! English catalog, [`crate::wording::en`].

use super::inputs::{MAX_NOTE, MAX_TITLE};
use crate::error::ErrorCode;
use crate::policy::PolicyError;
use crate::store::StoreError;
use crate::vault::VaultError;

/// Why an operation on a recording was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RecordingError {
    /// No recording with that id.
    #[error("Deze opname bestaat niet (meer).")]
    NotFound,
    /// Empty or overlong title.
    #[error("Geef de opname een titel van 1 tot {MAX_TITLE} tekens.")]
    InvalidTitle,
    /// A date that cannot be read or lies outside the accepted range.
    #[error("\"{input}\" is geen geldige datum; gebruik de vorm 2026-11-23.")]
    InvalidDate {
        /// What was entered.
        input: String,
    },
    /// A date outside what this field accepts.
    #[error("{problem}")]
    DateOutOfRange {
        /// What is wrong with it, in the user's language.
        problem: String,
    },
    /// An empty or overlong profile name.
    #[error("Vul een naam in van 1 tot 80 tekens.")]
    InvalidName,
    /// A note that is too long.
    #[error("Een notitie mag hoogstens {MAX_NOTE} tekens lang zijn.")]
    NoteTooLong,
    /// Something the pack does not define.
    #[error("Onbekend(e) {what} \"{id}\" in dit beleidspakket.")]
    Unknown {
        /// Kind of thing.
        what: PackThing,
        /// The id given.
        id: String,
    },
    /// An answer that does not fit the question.
    #[error("Dit antwoord past niet bij de vraag \"{question}\".")]
    InvalidAnswer {
        /// The question, in the user's language.
        question: String,
    },
    /// An item of a later phase while blocking items of an earlier phase are open.
    #[error("Rond eerst af: {blockers}.")]
    PhaseBlocked {
        /// The open blocking items, in the user's language.
        blockers: String,
    },
    /// The verdict does not allow recording.
    #[error("Volgens het beleid mag je (nog) niet opnemen: {verdict}. {reason}")]
    NotAllowed {
        /// Verdict label, in the user's language.
        verdict: String,
        /// Why, in the user's language.
        reason: String,
    },
    /// The event was already logged.
    #[error("\"{event}\" is al vastgelegd op {at}.")]
    AlreadyLogged {
        /// Event label, in the user's language.
        event: String,
        /// When, in the user's language.
        at: String,
    },
    /// The event is logged through another form.
    #[error("Dit soort gebeurtenis leg je vast via delen of een incident.")]
    NotLoggable,
    /// A step that needs the recording to exist first.
    #[error("Leg eerst vast dat er is opgenomen.")]
    NotRecordedYet,
    /// The copy was already confirmed deleted.
    #[error("Van deze kopie is de verwijdering al bevestigd.")]
    AlreadyDeleted,
    /// A confirmation without a method.
    #[error("Beschrijf hoe je de kopie hebt verwijderd (bijvoorbeeld: verwijderd in Foto's en 'Recent verwijderd' geleegd).")]
    MethodMissing,
    /// A school whose name is empty, too long or has control characters.
    #[error("Vul de naam van de stageschool in, 1 tot 120 tekens.")]
    InvalidSchoolName,
    /// A retention period the school cannot have.
    #[error("Een bewaartermijn van de school is 1 tot 3650 dagen.")]
    InvalidRetention,
    /// A copy with a recycle bin confirmed deleted without the bin emptied.
    #[error("\"{copy}\" is pas weg als ook de prullenbak of 'Recent verwijderd' is geleegd. Leeg die en vink dat aan.")]
    BinNotEmptied {
        /// The copy's label.
        copy: String,
    },
    /// "Somewhere else" without saying where.
    #[error("Beschrijf kort waar deze kopie staat (zonder namen van leerlingen).")]
    CopyDescriptionMissing,
    /// A forbidden share reported over a channel the pack allows.
    #[error("Dit kanaal is niet verboden; leg het vast als gewone deling.")]
    NotForbidden,
    /// A file linked to the recording a second time.
    #[error("Dit bestand is al aan de opname gekoppeld.")]
    AlreadyLinked,
    /// A linked file checked and found still there.
    #[error("Het bestand \"{name}\" staat er nog. Verwijder het (en leeg de prullenbak) en controleer opnieuw.")]
    FileStillThere {
        /// The file's name.
        name: String,
    },
    /// Tasks for copies when every copy is already deleted.
    #[error("Alle kopieën zijn al verwijderd; er is niets meer te verwijderen of te bewerken.")]
    NoCopiesLeft,
    /// A decision to keep the secure copy without a reason.
    #[error("Schrijf op waarom je de veilige kopie langer bewaart (bijvoorbeeld: nodig voor het eindassessment).")]
    KeepReasonMissing,
}

impl ErrorCode for RecordingError {
    fn code(&self) -> &'static str {
        match self {
            RecordingError::NotFound => "recording.not_found",
            RecordingError::InvalidTitle => "recording.invalid_title",
            RecordingError::InvalidDate { .. } => "recording.invalid_date",
            RecordingError::DateOutOfRange { .. } => "recording.date_out_of_range",
            RecordingError::InvalidName => "profile.invalid_name",
            RecordingError::NoteTooLong => "recording.note_too_long",
            RecordingError::Unknown { .. } => "recording.unknown",
            RecordingError::InvalidAnswer { .. } => "recording.invalid_answer",
            RecordingError::PhaseBlocked { .. } => "recording.phase_blocked",
            RecordingError::NotAllowed { .. } => "recording.not_allowed",
            RecordingError::AlreadyLogged { .. } => "recording.already_logged",
            RecordingError::NotLoggable => "recording.not_loggable",
            RecordingError::NotRecordedYet => "recording.not_recorded_yet",
            RecordingError::AlreadyDeleted => "recording.already_deleted",
            RecordingError::MethodMissing => "recording.method_missing",
            RecordingError::InvalidSchoolName => "school.invalid_name",
            RecordingError::InvalidRetention => "school.invalid_retention",
            RecordingError::KeepReasonMissing => "recording.keep_reason_missing",
            RecordingError::BinNotEmptied { .. } => "copy.bin_not_emptied",
            RecordingError::CopyDescriptionMissing => "copy.description_missing",
            RecordingError::NotForbidden => "share.not_forbidden",
            RecordingError::NoCopiesLeft => "copy.none_left",
            RecordingError::AlreadyLinked => "copy.already_linked",
            RecordingError::FileStillThere { .. } => "copy.file_still_there",
        }
    }
}

/// What kind of thing [`RecordingError::Unknown`] did not find. `Display` is the Dutch word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PackThing {
    /// A question of the pack.
    Question,
    /// A checklist item of the pack.
    Item,
    /// A deadline of the pack, or a clock of an incident type.
    Deadline,
    /// A deadline whose date the user chooses.
    ChosenDateDeadline,
    /// A copy of the recording.
    Copy,
    /// An incident type of the pack.
    IncidentType,
    /// An incident logged on the recording.
    Incident,
    /// A task to delete or edit a copy.
    Task,
}

impl std::fmt::Display for PackThing {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            PackThing::Question => "vraag",
            PackThing::Item => "item",
            PackThing::Deadline => "termijn",
            PackThing::ChosenDateDeadline => "termijn met zelfgekozen datum",
            PackThing::Copy => "kopie",
            PackThing::IncidentType => "incidenttype",
            PackThing::Incident => "incident",
            PackThing::Task => "taak",
        })
    }
}

/// A share the pack does not allow. It is not logged as a share; log an incident instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShareError {
    /// The channel is forbidden.
    #[error("Delen {channel} mag niet: {reason} Is het toch zo gedeeld? Meld dan een incident.")]
    ForbiddenChannel {
        /// Channel label, in the user's language.
        channel: String,
        /// The pack's reason, in the user's language.
        reason: String,
        /// Incident type to offer.
        incident: String,
    },
    /// The role may not see the recording.
    #[error("Alleen {allowed} mogen de opname zien, niet {role}. Is het toch gedeeld? Meld dan een incident.")]
    RoleNotAllowed {
        /// Role label, in the user's language.
        role: String,
        /// Allowed roles, in the user's language.
        allowed: String,
    },
}

impl ErrorCode for ShareError {
    fn code(&self) -> &'static str {
        match self {
            ShareError::ForbiddenChannel { .. } => "share.forbidden_channel",
            ShareError::RoleNotAllowed { .. } => "share.role_not_allowed",
        }
    }
}

/// Any error of a workspace operation, by area.
#[derive(Debug, thiserror::Error)]
pub enum WorkspaceError {
    /// Recording rules.
    #[error(transparent)]
    Recording(#[from] RecordingError),
    /// Sharing rules.
    #[error(transparent)]
    Share(#[from] ShareError),
    /// Policy packs.
    #[error(transparent)]
    Policy(#[from] PolicyError),
    /// Storage.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Files the user chose.
    #[error(transparent)]
    File(#[from] crate::files::FileError),
    /// Feedback request and receipt files.
    #[error(transparent)]
    Mentor(#[from] crate::mentor::MentorError),
    /// Input refused by [`crate::limits`].
    #[error(transparent)]
    Input(#[from] crate::limits::InputError),
    /// A dossier PDF that cannot be checked.
    #[error(transparent)]
    Dossier(#[from] crate::dossier_file::DossierError),
}

impl From<VaultError> for WorkspaceError {
    fn from(e: VaultError) -> Self {
        WorkspaceError::Store(StoreError::Vault(e))
    }
}

impl ErrorCode for WorkspaceError {
    fn code(&self) -> &'static str {
        match self {
            WorkspaceError::Recording(e) => e.code(),
            WorkspaceError::Share(e) => e.code(),
            WorkspaceError::Policy(e) => e.code(),
            WorkspaceError::Store(e) => e.code(),
            WorkspaceError::File(e) => e.code(),
            WorkspaceError::Mentor(e) => e.code(),
            WorkspaceError::Input(e) => e.code(),
            WorkspaceError::Dossier(e) => e.code(),
        }
    }
}

/// An id the pack or the recording does not know (a stale UI, or a crafted call).
pub(super) fn unknown(what: PackThing, id: &str) -> WorkspaceError {
    RecordingError::Unknown {
        what,
        id: id.chars().take(64).collect(),
    }
    .into()
}
