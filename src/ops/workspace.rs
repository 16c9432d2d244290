//! Operations on the user's recordings: every verb the app offers, each validating its input,
//! applying the pack's rules and persisting the result before it answers.

use crate::checklist;
use crate::clock::{local_date, start_of_day, Clock};
use crate::error::{ErrorCode, ErrorPayload};
use crate::policy::{Due, PackSet, PolicyError, PolicyPack, Verdict};
pub use crate::profile::MentorRole;
use crate::recording::*;
use crate::store::{Change, JournalEntry, State, Store, StoreError};
use crate::text::{tr, Lang};
use crate::vault::{Passphrase, Unlock, VaultError};
use crate::views::{self, AppStatus, PackSummary, RecordingSummary, RecordingView};
use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use ts_rs::TS;

mod assessment;
mod dossier;
mod feedback;
mod reminders;
pub use assessment::{AssessmentPassed, SelectForAssessment};
pub use dossier::DossierReport;
pub use feedback::{ConfirmRequest, ExportReceipt, ExportRequest};
pub use reminders::Reminder;

/// Longest accepted title.
pub const MAX_TITLE: usize = 120;
/// Longest accepted note or method.
pub const MAX_NOTE: usize = 500;

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
        /// What is wrong with it.
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
        /// Kind of thing ("vraag", "item", "termijn", "kopie", "incidenttype").
        what: &'static str,
        /// The id given.
        id: String,
    },
    /// An answer that does not fit the question.
    #[error("Dit antwoord past niet bij de vraag \"{question}\".")]
    InvalidAnswer {
        /// The question.
        question: String,
    },
    /// An item of a later phase while blocking items of an earlier phase are open.
    #[error("Rond eerst af: {blockers}.")]
    PhaseBlocked {
        /// The open blocking items, worded.
        blockers: String,
    },
    /// The verdict does not allow recording.
    #[error("Volgens het beleid mag je (nog) niet opnemen: {verdict}. {reason}")]
    NotAllowed {
        /// Verdict label.
        verdict: String,
        /// Why.
        reason: String,
    },
    /// The event was already logged.
    #[error("\"{event}\" is al vastgelegd op {at}.")]
    AlreadyLogged {
        /// Event label.
        event: String,
        /// When.
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
        }
    }
}

/// A share the pack does not allow. It is not logged as a share; log an incident instead.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ShareError {
    /// The channel is forbidden.
    #[error("Delen {channel} mag niet: {reason} Is het toch zo gedeeld? Meld dan een incident.")]
    ForbiddenChannel {
        /// Channel label.
        channel: String,
        /// The pack's reason.
        reason: String,
        /// Incident type to offer.
        incident: String,
    },
    /// The role may not see the recording.
    #[error("Alleen {allowed} mogen de opname zien, niet {role}. Is het toch gedeeld? Meld dan een incident.")]
    RoleNotAllowed {
        /// Role label.
        role: String,
        /// Allowed roles, worded.
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
        }
    }
}

type Result<T, E = WorkspaceError> = std::result::Result<T, E>;

/// Input of "new recording".
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct NewRecording {
    /// Title.
    pub title: String,
    /// Planned date, `YYYY-MM-DD`.
    pub planned_for: String,
    /// Pack id; the newest version is used.
    pub pack: String,
}

/// Input of answering a question (`answer: null` clears it).
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct AnswerQuestion {
    /// Recording id.
    pub recording: String,
    /// Question id.
    pub question: String,
    /// The answer, or null to clear.
    pub answer: Option<Answer>,
}

/// Input of ticking or unticking an item.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct SetItem {
    /// Recording id.
    pub recording: String,
    /// Item id.
    pub item: String,
    /// Ticked or not.
    pub done: bool,
    /// Evidence note (only for items that allow one).
    pub note: Option<String>,
}

/// Input of logging an event.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct LogEvent {
    /// Recording id.
    pub recording: String,
    /// The event.
    pub kind: EventKind,
    /// The day it happened, `YYYY-MM-DD`; absent = now.
    pub on: Option<String>,
    /// Remark.
    pub note: Option<String>,
}

/// Input of the mentor confirming feedback in person.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ConfirmFeedback {
    /// Recording id.
    pub recording: String,
    /// The day feedback was given, `YYYY-MM-DD`.
    pub on: String,
    /// The mentor's name.
    pub mentor: String,
    /// The mentor's role.
    pub role: MentorRole,
}

/// Input of choosing a date for a deadline that asks for one.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ChooseDate {
    /// Recording id.
    pub recording: String,
    /// Deadline id.
    pub deadline: String,
    /// The date, `YYYY-MM-DD`.
    pub date: String,
}

/// Input of logging a share.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct LogShare {
    /// Recording id.
    pub recording: String,
    /// With whom.
    pub role: Role,
    /// How.
    pub channel: Channel,
    /// Remark.
    pub note: Option<String>,
}

/// Input of confirming a copy deleted.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ConfirmDeletion {
    /// Recording id.
    pub recording: String,
    /// Copy id.
    pub copy: String,
    /// How it was deleted.
    pub method: String,
}

/// Input of logging an incident.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct LogIncident {
    /// Recording id.
    pub recording: String,
    /// Incident type id.
    pub kind: String,
    /// What happened (no pupil names).
    pub note: Option<String>,
}

/// Input of marking an incident's clock done.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct ClockDone {
    /// Recording id.
    pub recording: String,
    /// Incident id on the recording.
    pub incident: String,
    /// Clock id of the incident type.
    pub clock: String,
}

/// The user's recordings under the loaded packs, persisted in a data directory.
#[derive(Debug)]
pub struct Workspace {
    data_dir: PathBuf,
    packs: PackSet,
    store: Store,
    state: State,
    clock: Arc<dyn Clock>,
}

/// Parses `YYYY-MM-DD`, accepting years 2000–2100 only.
pub fn parse_date(input: &str) -> Result<NaiveDate, RecordingError> {
    let invalid = || RecordingError::InvalidDate {
        input: input.chars().take(40).collect(),
    };
    let d = NaiveDate::parse_from_str(input.trim(), "%Y-%m-%d").map_err(|_| invalid())?;
    let year = chrono::Datelike::year(&d);
    if (2000..=2100).contains(&year) {
        Ok(d)
    } else {
        Err(invalid())
    }
}

fn clean_note(note: Option<String>) -> Result<Option<String>, RecordingError> {
    match note.map(|n| n.trim().to_owned()).filter(|n| !n.is_empty()) {
        Some(n) if n.chars().count() > MAX_NOTE => Err(RecordingError::NoteTooLong),
        other => Ok(other),
    }
}

impl Workspace {
    /// Opens the data directory: loads the embedded packs plus any in `<dir>/policies`, unlocks
    /// the vault and replays its journal (creating the vault, and migrating a plain JSON file of an
    /// earlier version, on first use). A vault with a snapshot is read from it and the entries
    /// after it; the rest of the journal is verified on another thread, and every change and
    /// dossier waits for that ([`Workspace::poll_journal_check`]); a backup verifies the journal
    /// itself.
    pub fn open(data_dir: &Path, clock: Arc<dyn Clock>, unlock: Unlock<'_>) -> Result<Self> {
        let mut packs = PackSet::embedded();
        packs.add_dir(&data_dir.join("policies"));
        let (store, state) = Store::open(data_dir, unlock, clock.now())?;
        Ok(Workspace {
            data_dir: data_dir.to_owned(),
            packs,
            store,
            state,
            clock,
        })
    }

    /// Collects the background verification of the journal if it has finished (see
    /// [`Store::poll_checked`]): its error once it found the journal changed outside the app.
    pub fn poll_journal_check(&self) -> Result<()> {
        self.store.poll_checked()?;
        Ok(())
    }

    /// Waits until every journal entry is verified (see [`Store::wait_checked`]).
    pub fn wait_journal_check(&self) -> Result<()> {
        self.store.wait_checked()?;
        Ok(())
    }

    /// The loaded packs.
    pub fn packs(&self) -> &PackSet {
        &self.packs
    }

    fn lang(&self) -> Lang {
        self.state.profile.lang
    }

    /// Data directory, profile and packs.
    pub fn status(&self) -> Result<AppStatus> {
        let lang = self.lang();
        Ok(AppStatus {
            data_dir: self.data_dir.display().to_string(),
            profile: self.state.profile.clone(),
            packs: self
                .packs
                .latest_each()
                .into_iter()
                .map(|p| PackSummary {
                    id: p.id.clone(),
                    version: p.version.clone(),
                    title: p.title.get(lang).to_owned(),
                    source: p.source.get(lang).to_owned(),
                })
                .collect(),
            pack_errors: self
                .packs
                .errors()
                .iter()
                .cloned()
                .map(ErrorPayload::from)
                .collect(),
            journal: views::JournalStatus {
                entries: self.store.entries(),
                checking: !self.store.is_checked(),
                head_hash: self.store.head_hash(),
                recovered: (!self.store.recovery().is_clean())
                    .then(|| self.store.recovery().to_string()),
            },
        })
    }

    /// Sets the name recorded with ticks and the UI language.
    pub fn set_profile(&mut self, profile: crate::profile::Profile) -> Result<AppStatus> {
        let name = profile.name.trim();
        if name.is_empty() || name.chars().count() > 80 {
            return Err(RecordingError::InvalidName.into());
        }
        let profile = crate::profile::Profile {
            name: name.to_owned(),
            lang: profile.lang,
            mode: profile.mode,
        };
        self.record(Change::ProfileChanged, None, Some(profile.clone()))?;
        self.state.profile = profile;
        self.status()
    }

    /// The dashboard: every recording, overdue ones first, then by next deadline.
    pub fn list(&self) -> Result<Vec<RecordingSummary>> {
        let (now, lang) = (self.clock.now(), self.lang());
        // Each summary stands on its own: spread over the cores (a start waits for this list).
        let mut out = crate::parallel::map(&self.state.recordings, |rec| {
            let pack = self.packs.require(&rec.pack.id, &rec.pack.version)?;
            Ok(views::summary(pack, rec, now, lang))
        })
        .into_iter()
        .collect::<Result<Vec<_>>>()?;
        out.sort_by(|a, b| {
            let key = |s: &RecordingSummary| {
                (
                    s.closed,
                    s.overdue == 0,
                    s.next_deadline.as_ref().map(|d| (d.status, d.due)),
                )
            };
            key(a).cmp(&key(b))
        });
        Ok(out)
    }

    /// One recording in full.
    pub fn view(&self, id: &str) -> Result<RecordingView> {
        let rec = self.recording(id)?;
        let pack = self.packs.require(&rec.pack.id, &rec.pack.version)?;
        Ok(views::recording_view(
            pack,
            rec,
            self.clock.now(),
            self.lang(),
        ))
    }

    /// Every stored recording, in the order they were created (for reports and benchmarks).
    pub fn recordings(&self) -> &[Recording] {
        &self.state.recordings
    }

    /// The stored recording (for reports and tests).
    pub fn recording(&self, id: &str) -> Result<&Recording> {
        Ok(self
            .state
            .recordings
            .iter()
            .find(|r| r.id == id)
            .ok_or(RecordingError::NotFound)?)
    }

    /// Plans a new recording, pinned to the newest version of the chosen pack.
    pub fn create(&mut self, input: NewRecording) -> Result<RecordingView> {
        let title = input.title.trim();
        if title.is_empty()
            || title.chars().count() > MAX_TITLE
            || title.chars().any(char::is_control)
        {
            return Err(RecordingError::InvalidTitle.into());
        }
        let planned_for = parse_date(&input.planned_for)?;
        let pack = self
            .packs
            .latest(&input.pack)
            .ok_or_else(|| PolicyError::Unknown {
                id: input.pack.chars().take(64).collect(),
                version: "*".to_owned(),
            })?;
        let rec = Recording::new(
            uuid::Uuid::new_v4().to_string(),
            title.to_owned(),
            planned_for,
            PackRef {
                id: pack.id.clone(),
                version: pack.version.clone(),
            },
            self.clock.now(),
        );
        let id = rec.id.clone();
        self.record(Change::Created, Some(rec.clone()), None)?;
        self.state.recordings.push(rec);
        self.view(&id)
    }

    /// Answers (or clears) a question.
    pub fn answer(&mut self, input: AnswerQuestion) -> Result<RecordingView> {
        self.update(
            &input.recording,
            Change::Answered {
                question: input.question.clone(),
            },
            |rec, pack, _| {
                let q = pack
                    .questions
                    .iter()
                    .find(|q| q.id == input.question)
                    .ok_or_else(|| unknown("vraag", &input.question))?;
                let Some(answer) = input.answer else {
                    rec.answers.remove(&q.id);
                    return Ok(());
                };
                if !crate::policy::load::fits(&q.answer, &answer) {
                    return Err(RecordingError::InvalidAnswer {
                        question: q.text.nl.clone(),
                    }
                    .into());
                }
                rec.answers.insert(q.id.clone(), answer);
                Ok(())
            },
        )
    }

    /// Ticks or unticks a checklist item.
    pub fn set_item(&mut self, input: SetItem) -> Result<RecordingView> {
        let by = self.state.profile.name.clone();
        let lang = self.lang();
        self.update(
            &input.recording,
            Change::ItemSet {
                item: input.item.clone(),
                done: input.done,
            },
            |rec, pack, now| {
                let item = pack
                    .items
                    .iter()
                    .find(|i| i.id == input.item)
                    .ok_or_else(|| unknown("item", &input.item))?;
                if !input.done {
                    rec.ticks.remove(&item.id);
                    return Ok(());
                }
                let blockers = checklist::blockers(pack, rec, item);
                if !blockers.is_empty() {
                    let blockers = blockers
                        .iter()
                        .map(|b| b.text.get(lang))
                        .collect::<Vec<_>>()
                        .join("; ");
                    return Err(RecordingError::PhaseBlocked { blockers }.into());
                }
                let note = if item.evidence {
                    clean_note(input.note)?
                } else {
                    None
                };
                rec.ticks.insert(
                    item.id.clone(),
                    Tick {
                        by: by.clone(),
                        at: now,
                        note,
                    },
                );
                if let Some(kind) = item.records_event.filter(|k| rec.first(*k).is_none()) {
                    // The same rules as logging the event by hand (e.g. nothing is stored
                    // securely before it was recorded).
                    let note = Some(format!("item {}", item.id));
                    log_event_on(rec, pack, now, lang, kind, None, by, note)?;
                }
                Ok(())
            },
        )
    }

    /// Logs that something happened (recorded, feedback given, assessment passed, …).
    pub fn log_event(&mut self, input: LogEvent) -> Result<RecordingView> {
        let by = self.state.profile.name.clone();
        let lang = self.lang();
        let LogEvent {
            recording,
            kind,
            on,
            note,
        } = input;
        self.update(
            &recording,
            Change::EventLogged { kind },
            |rec, pack, now| log_event_on(rec, pack, now, lang, kind, on.as_deref(), by, note),
        )
    }

    /// The mentor confirms on the student's laptop that feedback was given: with their name, role
    /// and the day. This starts the "delete after feedback" deadline.
    pub fn confirm_feedback(&mut self, input: ConfirmFeedback) -> Result<RecordingView> {
        let lang = self.lang();
        let name = input.mentor.trim();
        if name.is_empty() || name.chars().count() > 80 || name.chars().any(char::is_control) {
            return Err(RecordingError::InvalidName.into());
        }
        let by = format!("{name} ({})", views::mentor_role_label(input.role, lang));
        let note = Some(tr(
            lang,
            "bevestigd door de begeleider op de laptop van de student",
            "confirmed by the mentor on the student's laptop",
        ));
        self.update(
            &input.recording,
            Change::EventLogged {
                kind: EventKind::FeedbackGiven,
            },
            |rec, pack, now| {
                let too_early = tr(
                    lang,
                    "Feedback kan niet gegeven zijn vóór de opname.",
                    "Feedback cannot predate the recording.",
                );
                log_feedback(
                    rec,
                    pack,
                    now,
                    lang,
                    parse_date(&input.on)?,
                    by,
                    note,
                    too_early,
                )
            },
        )
    }

    /// Chooses the date for a deadline that asks for one (e.g. reflection retention).
    pub fn choose_date(&mut self, input: ChooseDate) -> Result<RecordingView> {
        let lang = self.lang();
        self.update(
            &input.recording,
            Change::DateChosen {
                deadline: input.deadline.clone(),
            },
            |rec, pack, now| {
                let rule = pack
                    .deadlines
                    .iter()
                    .find(|d| d.id == input.deadline)
                    .ok_or_else(|| unknown("termijn", &input.deadline))?;
                let Due::ChosenDate { max_days, .. } = rule.due else {
                    return Err(unknown("termijn met zelfgekozen datum", &input.deadline));
                };
                let date = parse_date(&input.date)?;
                if date < local_date(now) {
                    return Err(RecordingError::DateOutOfRange {
                        problem: tr(
                            lang,
                            "Kies een datum vanaf vandaag.",
                            "Choose a date from today on.",
                        ),
                    }
                    .into());
                }
                if let Some(max) = max_days {
                    let latest = rec.planned_for + Duration::days(i64::from(max));
                    if date > latest {
                        let problem = format!(
                            "{} {}.",
                            tr(
                                lang,
                                "Bewaar niet langer dan nodig: kies uiterlijk",
                                "Keep it no longer than needed: choose at the latest"
                            ),
                            views::format_date(latest, lang)
                        );
                        return Err(RecordingError::DateOutOfRange { problem }.into());
                    }
                }
                rec.chosen_dates.insert(rule.id.clone(), date);
                Ok(())
            },
        )
    }

    /// Logs a share; a forbidden channel or audience is refused (and should be logged as an incident).
    pub fn log_share(&mut self, input: LogShare) -> Result<RecordingView> {
        let by = self.state.profile.name.clone();
        let lang = self.lang();
        self.update(&input.recording, Change::Shared, |rec, pack, now| {
            if let Some(fc) = pack
                .forbidden_channels
                .iter()
                .find(|f| f.channel == input.channel)
            {
                return Err(ShareError::ForbiddenChannel {
                    channel: views::channel_label(input.channel, lang),
                    reason: fc.reason.get(lang).to_owned(),
                    incident: fc.incident.clone(),
                }
                .into());
            }
            if !pack.audience.contains(&input.role) {
                let allowed = pack
                    .audience
                    .iter()
                    .map(|r| views::role_label(*r, lang))
                    .collect::<Vec<_>>()
                    .join(", ");
                return Err(ShareError::RoleNotAllowed {
                    role: views::role_label(input.role, lang),
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
                    views::copy_label(CopyKind::MentorAccess, lang),
                    now,
                );
            }
            rec.shares.push(Share {
                role: input.role,
                channel: input.channel,
                at: now,
                note: note.clone(),
            });
            rec.events.push(Event {
                kind: EventKind::Shared,
                at: now,
                by,
                note,
            });
            Ok(())
        })
    }

    /// Confirms a copy deleted: who (the profile), when (now) and how.
    pub fn confirm_deletion(&mut self, input: ConfirmDeletion) -> Result<RecordingView> {
        let by = self.state.profile.name.clone();
        self.update(
            &input.recording,
            Change::DeletionConfirmed {
                copy: input.copy.clone(),
            },
            |rec, _, now| {
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
                    .ok_or_else(|| unknown("kopie", &input.copy))?;
                if copy.deleted.is_some() {
                    return Err(RecordingError::AlreadyDeleted.into());
                }
                copy.deleted = Some(Confirmation {
                    by,
                    at: now,
                    method: method.to_owned(),
                });
                Ok(())
            },
        )
    }

    /// Logs an incident; its clocks start now.
    pub fn log_incident(&mut self, input: LogIncident) -> Result<RecordingView> {
        let by = self.state.profile.name.clone();
        self.update(
            &input.recording,
            Change::IncidentLogged {
                kind: input.kind.clone(),
            },
            |rec, pack, now| {
                let kind = pack
                    .incidents
                    .iter()
                    .find(|t| t.id == input.kind)
                    .ok_or_else(|| unknown("incidenttype", &input.kind))?;
                let note = clean_note(input.note)?;
                let id = format!("incident-{}", rec.incidents.len() + 1);
                rec.incidents.push(Incident {
                    id: id.clone(),
                    kind: kind.id.clone(),
                    at: now,
                    note,
                    clocks_done: Default::default(),
                });
                rec.events.push(Event {
                    kind: EventKind::Incident,
                    at: now,
                    by,
                    note: Some(id),
                });
                Ok(())
            },
        )
    }

    /// Marks a clock of a logged incident done.
    pub fn incident_clock_done(&mut self, input: ClockDone) -> Result<RecordingView> {
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
            |rec, pack, now| {
                let inc = rec
                    .incidents
                    .iter_mut()
                    .find(|i| i.id == incident)
                    .ok_or_else(|| unknown("incident", incident))?;
                let kind = pack
                    .incidents
                    .iter()
                    .find(|t| t.id == inc.kind)
                    .ok_or_else(|| unknown("incidenttype", &inc.kind))?;
                if !kind.clocks.iter().any(|c| c.id == clock) {
                    return Err(unknown("termijn", clock));
                }
                inc.clocks_done.entry(clock.to_owned()).or_insert(now);
                Ok(())
            },
        )
    }

    /// Writes an encrypted backup of the whole journal to `path`, protected by `passphrase`.
    pub fn export_backup(&self, path: &Path, passphrase: &str) -> Result<views::BackupReport> {
        crate::files::check_new_file(path)?;
        crate::limits::check_export_path(path, &self.data_dir)?;
        crate::limits::check_passphrase(passphrase)?;
        let verified = self
            .store
            .export_backup(path, &Passphrase::new(passphrase))?;
        Ok(views::BackupReport {
            path: path.display().to_string(),
            entries: verified.entries,
            head_hash: verified.head_hash_hex,
        })
    }

    /// The iCalendar text of every open, dated deadline of every recording.
    pub fn calendar(&self) -> Result<String> {
        let lang = self.lang();
        let now = self.clock.now();
        let mut views = Vec::with_capacity(self.state.recordings.len());
        for rec in &self.state.recordings {
            let pack = self.packs.require(&rec.pack.id, &rec.pack.version)?;
            let deadlines: Vec<_> = crate::deadline::derive(pack, rec, now)
                .iter()
                .map(|d| {
                    let view = views::deadline_view(d, lang);
                    crate::ics::CalendarDeadline {
                        done: view.status == crate::deadline::DeadlineStatus::Done,
                        id: view.id,
                        title: view.title,
                        help: view.help,
                        when: view.when,
                        due: view.due,
                    }
                })
                .collect();
            views.push((rec, deadlines));
        }
        let recordings: Vec<_> = views
            .iter()
            .map(|(rec, deadlines)| crate::ics::RecordingDeadlines {
                id: &rec.id,
                title: &rec.title,
                deadlines,
            })
            .collect();
        Ok(crate::ics::export(&recordings, now))
    }

    /// Writes [`Workspace::calendar`] to `path` (replacing an earlier export there) and says how
    /// many deadlines it holds.
    pub fn export_calendar(&self, path: &Path) -> Result<views::CalendarReport> {
        if !path.is_absolute() {
            return Err(crate::files::FileError::NotAbsolute {
                path: path.display().to_string(),
            }
            .into());
        }
        if !path.parent().is_some_and(Path::is_dir) {
            return Err(crate::files::FileError::NoFolder {
                path: path.display().to_string(),
            }
            .into());
        }
        crate::limits::check_export_path(path, &self.data_dir)?;
        let text = self.calendar()?;
        crate::files::write_export(path, text.as_bytes())?;
        Ok(views::CalendarReport {
            path: path.display().to_string(),
            events: text.matches("BEGIN:VEVENT").count() as u32,
        })
    }

    /// Whether any recording exists (a backup is only restored into an empty installation).
    pub fn is_empty(&self) -> bool {
        self.state.recordings.is_empty()
    }

    /// Applies `f` to a copy of the recording, journals it, and only then makes it current.
    fn update(
        &mut self,
        id: &str,
        change: Change,
        f: impl FnOnce(&mut Recording, &PolicyPack, DateTime<Utc>) -> Result<()>,
    ) -> Result<RecordingView> {
        let index = self
            .state
            .recordings
            .iter()
            .position(|r| r.id == id)
            .ok_or(RecordingError::NotFound)?;
        let mut rec = self.state.recordings[index].clone();
        let pack = self.packs.require(&rec.pack.id, &rec.pack.version)?;
        f(&mut rec, pack, self.clock.now())?;
        self.record(change, Some(rec.clone()), None)?;
        self.state.recordings[index] = rec;
        self.view(id)
    }

    /// Appends the change to the journal (durably); the caller changes the in-memory state only
    /// after this succeeded.
    fn record(
        &mut self,
        change: Change,
        recording: Option<Recording>,
        profile: Option<crate::profile::Profile>,
    ) -> Result<()> {
        self.record_entry(change, |entry| {
            entry.recording = recording;
            entry.profile = profile;
        })
    }

    /// Appends the change with the snapshots `fill` puts in it (durably).
    fn record_entry(&mut self, change: Change, fill: impl FnOnce(&mut JournalEntry)) -> Result<()> {
        let mut entry = JournalEntry {
            at: self.clock.now(),
            by: self.state.profile.name.clone(),
            change,
            recording: None,
            profile: None,
            desk: None,
            assessment: None,
        };
        fill(&mut entry);
        Ok(self.store.append(&entry)?)
    }
}

fn unknown(what: &'static str, id: &str) -> WorkspaceError {
    RecordingError::Unknown {
        what,
        id: id.chars().take(64).collect(),
    }
    .into()
}

/// Logs "feedback given" on `day`, refused with `too_early` when that is before the recording.
#[allow(clippy::too_many_arguments)]
fn log_feedback(
    rec: &mut Recording,
    pack: &PolicyPack,
    now: DateTime<Utc>,
    lang: Lang,
    day: NaiveDate,
    by: String,
    note: Option<String>,
    too_early: String,
) -> Result<()> {
    if rec
        .first(EventKind::Recorded)
        .is_some_and(|recorded| day < local_date(recorded))
    {
        return Err(RecordingError::DateOutOfRange { problem: too_early }.into());
    }
    let day = day.to_string();
    log_event_on(
        rec,
        pack,
        now,
        lang,
        EventKind::FeedbackGiven,
        Some(&day),
        by,
        note,
    )
}

/// Refuses a second confirmation of feedback on `rec`, naming the first.
fn feedback_not_confirmed(rec: &Recording, lang: Lang) -> Result<()> {
    match rec
        .events
        .iter()
        .find(|e| e.kind == EventKind::FeedbackGiven)
    {
        Some(given) => Err(crate::mentor::MentorError::AlreadyConfirmed {
            title: rec.title.clone(),
            by: format!(
                "{}, {}",
                given.by,
                views::format_date(local_date(given.at), lang)
            ),
        }
        .into()),
        None => Ok(()),
    }
}

/// Logs `kind` on `rec` at `on` (a day, default now) after checking it may be logged now.
#[allow(clippy::too_many_arguments)]
fn log_event_on(
    rec: &mut Recording,
    pack: &PolicyPack,
    now: DateTime<Utc>,
    lang: Lang,
    kind: EventKind,
    on: Option<&str>,
    by: String,
    note: Option<String>,
) -> Result<()> {
    if matches!(
        kind,
        EventKind::PlannedFor | EventKind::Shared | EventKind::Incident
    ) {
        return Err(RecordingError::NotLoggable.into());
    }
    let at = match on {
        None => now,
        Some(day) => {
            let day = parse_date(day)?;
            if day > local_date(now) {
                let problem = tr(
                    lang,
                    "Die datum ligt in de toekomst.",
                    "That date is in the future.",
                );
                return Err(RecordingError::DateOutOfRange { problem }.into());
            }
            if day == local_date(now) {
                now
            } else {
                start_of_day(day) + Duration::hours(12)
            }
        }
    };
    let repeatable = matches!(kind, EventKind::ConsentWithdrawn | EventKind::Objection);
    if let (false, Some(first)) = (repeatable, rec.first(kind)) {
        return Err(RecordingError::AlreadyLogged {
            event: views::event_label(kind, lang),
            at: views::format_datetime(first, lang),
        }
        .into());
    }
    if kind == EventKind::Recorded {
        start_recording(rec, pack, at, lang)?;
    } else if rec.first(EventKind::Recorded).is_none()
        && !matches!(
            kind,
            EventKind::OfficerRequestSent | EventKind::OfficerAnswered | EventKind::Objection
        )
    {
        return Err(RecordingError::NotRecordedYet.into());
    }
    rec.events.push(Event {
        kind,
        at,
        by,
        note: clean_note(note)?,
    });
    Ok(())
}

fn add_copy(rec: &mut Recording, kind: CopyKind, label: String, since: DateTime<Utc>) {
    let id = format!("copy-{}", rec.copies.len() + 1);
    rec.copies.push(Copy {
        id,
        kind,
        label,
        since,
        deleted: None,
    });
}

/// Checks the verdict allows recording and creates the copies the pack says a recording has.
fn start_recording(
    rec: &mut Recording,
    pack: &PolicyPack,
    at: DateTime<Utc>,
    lang: Lang,
) -> Result<()> {
    let known = checklist::Known::new(pack, &rec.answers);
    let outcome = checklist::verdict(pack, &known);
    if !matches!(
        outcome.verdict(),
        Some(Verdict::Allowed | Verdict::AllowedWithConditions)
    ) {
        let reason = match &outcome {
            checklist::Outcome::Decided(rule) => rule.reason.get(lang).to_owned(),
            checklist::Outcome::Pending => tr(
                lang,
                "Beantwoord eerst de vragen.",
                "Answer the questions first.",
            ),
        };
        return Err(RecordingError::NotAllowed {
            verdict: views::verdict_label(outcome.verdict(), lang),
            reason,
        }
        .into());
    }
    let copies: Vec<_> = pack
        .copies
        .iter()
        .filter(|rule| {
            rule.when
                .as_ref()
                .is_none_or(|c| c.eval(&known) == Some(true))
        })
        .collect();
    for rule in copies {
        add_copy(rec, rule.kind, rule.label.get(lang).to_owned(), at);
    }
    Ok(())
}

/// The data directory chosen on the command line (`--data-dir <path>` or `--data-dir=<path>`) or
/// in `OPNAMEWIJS_DATA_DIR`; `None` means the platform default.
pub fn data_dir_override(
    args: impl IntoIterator<Item = String>,
    env: Option<String>,
) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(path));
        }
    }
    env.filter(|e| !e.is_empty()).map(PathBuf::from)
}
