//! Operations on the user's recordings: every verb the app offers, each validating its input,
//! applying the pack's rules and persisting the result before it answers with what it changed
//! ([`RecordingChanged`], [`DeskChanged`], …). What the screen then shows of that change is the
//! presentation's business (`crate::present`, the layer above), so a verb knows no view.
//!
//! One file per family of verbs: `plan` (create, answer, tick, choose a date), `events` (log what
//! happened, confirm feedback), `copies` (shares, deletions, incidents), `profile`, `exports`
//! (the backup), `feedback` (the files exchanged with a mentor) and `assessment`. Their inputs are
//! in `inputs`, their errors in `errors`, the reports of the files they write in `reports`.
//!
//! Every change to a recording goes through one write path, `Workspace::update`: it builds the
//! operation's context once (`Op`: the time, the user and the recording's pack), applies the change
//! to a copy of the recording, appends it to the journal (durably), and only then makes the copy
//! current.

use crate::clock::Clock;
use crate::policy::{PackSet, PolicyPack};
use crate::recording::Recording;
use crate::store::{Change, JournalEntry, Opening, State, Store};
use crate::text::Lang;
use crate::vault::Unlock;
use chrono::{DateTime, Utc};
use std::path::{Path, PathBuf};
use std::sync::Arc;

mod assessment;
mod copies;
mod errors;
mod events;
mod exports;
mod feedback;
mod files;
mod inputs;
mod plan;
mod profile;
mod reports;
mod school;
pub use assessment::{AssessmentNotPassed, AssessmentPassed, SelectForAssessment};
pub use errors::{PackThing, RecordingError, ShareError, WorkspaceError};
pub use feedback::{
    AcceptReceipt, ConfirmRequest, ExportReceipt, ExportRequest, KeyStatus, ReceiptRead,
};
pub use files::{size_label, VerifyAbsent};
pub use inputs::*;
pub use reports::{BackupReport, FileReport};

use errors::unknown;
use events::{feedback_not_confirmed, log_event_on, log_feedback};

type Result<T, E = WorkspaceError> = std::result::Result<T, E>;

/// The user's recordings under the loaded packs, persisted in a data directory.
#[derive(Debug)]
pub struct Workspace {
    data_dir: PathBuf,
    packs: PackSet,
    store: Store,
    state: State,
    clock: Arc<dyn Clock>,
    /// Which dashboard rows the changes since the last [`Workspace::take_touched`] touched.
    touched: Touched,
    /// The mentor's receipt read last, waiting to be accepted (kept in memory only).
    pending_receipt: Option<ReceiptRead>,
}

/// Which recordings' dashboard rows changes touched (see [`Workspace::take_touched`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub enum Touched {
    /// None: the change was to the desk or the assessment, or nothing was changed.
    #[default]
    Nothing,
    /// These recordings (ids, in the order they were changed).
    Recordings(Vec<String>),
    /// Possibly every row (e.g. the profile's language changed every label).
    Everything,
}

impl Touched {
    fn recording(&mut self, id: &str) {
        match self {
            Touched::Nothing => *self = Touched::Recordings(vec![id.to_owned()]),
            Touched::Recordings(ids) if !ids.iter().any(|i| i == id) => ids.push(id.to_owned()),
            Touched::Recordings(_) | Touched::Everything => {}
        }
    }
}

/// What an installation holds that a restore would replace: the user's own data, not their
/// settings (the language they chose to read the app in is not lost data).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contents {
    /// Recordings.
    pub recordings: usize,
    /// Feedback requests on a mentor's desk.
    pub desk_requests: usize,
    /// A mentor's signing key (its receipts could no longer be matched to it).
    pub signing_key: bool,
    /// Anything recorded for the final assessment (portfolio checked, passed).
    pub assessment: bool,
    /// A name other than the default one.
    pub name: Option<String>,
    /// The installation was set up for a mentor.
    pub mentor: bool,
}

impl Contents {
    /// Nothing that a restore would replace.
    pub fn is_empty(&self) -> bool {
        *self == Contents::default()
    }
}

/// A verb changed this recording (its id): the screen shows it anew.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordingChanged {
    /// The recording's id.
    pub id: String,
}

/// A verb changed the mentor's desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DeskChanged;

/// A verb changed the final assessment (its choice, its checks, or "passed").
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AssessmentChanged;

/// A verb changed the profile (name, language or mode).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProfileChanged;

/// One operation on a recording, as it started: the time (read once from the clock), the user who
/// acts and their language, and the recording's pack (resolved once).
struct Op<'a> {
    /// Now, for every time the operation records.
    now: DateTime<Utc>,
    /// The user's language, for every sentence it words.
    lang: Lang,
    /// The profile's name, recorded with ticks, events and the journal entry.
    by: String,
    /// The pack the recording is pinned to.
    pack: &'a PolicyPack,
}

impl Workspace {
    /// Opens the data directory: loads the embedded packs plus any in `<dir>/policies`, unlocks
    /// the vault and replays its journal (creating the vault, and migrating a plain JSON file of an
    /// earlier version, on first use). A vault with a snapshot is read from it and the entries
    /// after it; the rest of the journal is verified on another thread, and every change and
    /// dossier waits for that ([`Workspace::poll_journal_check`]); a backup verifies the journal
    /// itself.
    pub fn open(data_dir: &Path, clock: Arc<dyn Clock>, unlock: Unlock<'_>) -> Result<Self> {
        Workspace::open_with(data_dir, clock, unlock, &Opening::default())
    }

    /// [`Workspace::open`] with rollback anchors and what the user decided (see
    /// [`Store::open_with`]): a plain file of an earlier version is imported only with the user's
    /// yes, and a journal behind its anchor opens only when the user chose to go on with it.
    pub fn open_with(
        data_dir: &Path,
        clock: Arc<dyn Clock>,
        unlock: Unlock<'_>,
        opening: &Opening,
    ) -> Result<Self> {
        let mut packs = PackSet::embedded();
        packs.add_dir(&data_dir.join("policies"));
        let (store, state) = Store::open_with(data_dir, unlock, clock.now(), opening)?;
        Ok(Workspace {
            data_dir: data_dir.to_owned(),
            packs,
            store,
            state,
            clock,
            touched: Touched::default(),
            pending_receipt: None,
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

    /// What is kept: the profile, the recordings, the mentor's desk and the assessment.
    pub fn state(&self) -> &State {
        &self.state
    }

    /// The journal, for what the screens show of it (entries, head hash, what opening repaired).
    pub(crate) fn store(&self) -> &Store {
        &self.store
    }

    /// Now, from the workspace's clock.
    pub fn now(&self) -> DateTime<Utc> {
        self.clock.now()
    }

    /// The data directory.
    pub fn data_dir(&self) -> &Path {
        &self.data_dir
    }

    /// The loaded packs.
    pub fn packs(&self) -> &PackSet {
        &self.packs
    }

    /// The user's language (from the profile): every view, sentence and error of this
    /// workspace is worded in it.
    pub fn lang(&self) -> Lang {
        self.state.profile.lang
    }

    /// Whose installation this is (student or mentor), from the profile.
    pub fn mode(&self) -> crate::profile::Mode {
        self.state.profile.mode
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

    /// Which dashboard rows the changes since the last call touched, and starts counting anew: the
    /// app answers a change with only those rows, so a large dashboard is not sent again.
    pub fn take_touched(&mut self) -> Touched {
        std::mem::take(&mut self.touched)
    }

    /// What this installation holds that restoring a backup would replace.
    pub fn contents(&self) -> Contents {
        let state = &self.state;
        let default = crate::profile::Profile::default();
        let assessment = &state.assessment;
        Contents {
            recordings: state.recordings.len(),
            desk_requests: state.desk.requests.len(),
            signing_key: state.desk.key.is_some(),
            assessment: assessment.passed_on.is_some() || assessment.portfolio_checked.is_some(),
            name: (state.profile.name != default.name).then(|| state.profile.name.clone()),
            mentor: state.profile.mode != default.mode,
        }
    }

    /// Whether this installation holds nothing a restore would replace ([`Contents::is_empty`]).
    pub fn is_empty(&self) -> bool {
        self.contents().is_empty()
    }

    /// Applies `f` to a copy of the recording within one [`Op`], journals it, and only then makes
    /// it current.
    fn update(
        &mut self,
        id: &str,
        change: Change,
        f: impl FnOnce(&mut Recording, &Op) -> Result<()>,
    ) -> Result<RecordingChanged> {
        self.update_with(id, change, f, |_| {})
    }

    /// [`Workspace::update`] with more snapshots `fill` puts in the same entry (e.g. the desk);
    /// the caller makes those current only after this succeeded.
    fn update_with(
        &mut self,
        id: &str,
        change: Change,
        f: impl FnOnce(&mut Recording, &Op) -> Result<()>,
        fill: impl FnOnce(&mut JournalEntry),
    ) -> Result<RecordingChanged> {
        let index = self
            .state
            .recordings
            .iter()
            .position(|r| r.id == id)
            .ok_or(RecordingError::NotFound)?;
        let mut rec = self.state.recordings[index].clone();
        let op = Op {
            now: self.clock.now(),
            lang: self.lang(),
            by: self.state.profile.name.clone(),
            pack: self.packs.require(&rec.pack.id, &rec.pack.version)?,
        };
        f(&mut rec, &op)?;
        let mut entry = journal_entry(op.now, &op.by, change);
        entry.recording = Some(rec.clone());
        fill(&mut entry);
        self.store.append(&entry)?;
        self.touched.recording(id);
        self.state.recordings[index] = rec;
        Ok(RecordingChanged { id: id.to_owned() })
    }

    /// Appends a change with the snapshots `fill` puts in it (durably): a new recording, the
    /// profile, the mentor's desk, the assessment. The caller changes the in-memory state only
    /// after this succeeded.
    fn record_entry(&mut self, change: Change, fill: impl FnOnce(&mut JournalEntry)) -> Result<()> {
        let mut entry = journal_entry(self.clock.now(), &self.state.profile.name, change);
        fill(&mut entry);
        self.store.append(&entry)?;
        if entry.profile.is_some() {
            self.touched = Touched::Everything;
        } else if let Some(rec) = &entry.recording {
            self.touched.recording(&rec.id);
        }
        Ok(())
    }
}

/// A journal entry for `change`, made `at` by `by`, with no snapshot yet.
fn journal_entry(at: DateTime<Utc>, by: &str, change: Change) -> JournalEntry {
    JournalEntry {
        at,
        by: by.to_owned(),
        change,
        recording: None,
        profile: None,
        desk: None,
        assessment: None,
    }
}
