//! Persistence: every change is an entry in the encrypted, hash-chained journal of a
//! [`Vault`]; the current [`State`] is derived by replaying it. The plain
//! JSON file of earlier versions is migrated into the journal once and then removed. A file that
//! cannot be read is reported and never overwritten.

use crate::error::ErrorCode;
use crate::recording::{EventKind, Recording};
use crate::vault::{Recovery, Unlock, Vault, VaultError};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// The format version of the plain JSON state file of earlier versions.
pub const STATE_FORMAT: u32 = 1;
/// Lock file held while a workspace has the data directory open.
pub const LOCK_FILE: &str = "opnamewijs.lock";
/// Name of the plain JSON state file of earlier versions (migrated into the journal, then removed).
pub const STATE_FILE: &str = "opnamewijs.json";

pub use crate::profile::{Mode, Profile};

/// Everything the app keeps.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct State {
    /// Format version of this file.
    pub format: u32,
    /// The user's profile.
    #[serde(default)]
    pub profile: Profile,
    /// The recordings, in creation order.
    #[serde(default)]
    pub recordings: Vec<Recording>,
    /// Feedback requests received in mentor mode.
    #[serde(default)]
    pub desk: crate::mentor::Desk,
    /// The final assessment.
    #[serde(default)]
    pub assessment: crate::assessment::Assessment,
}

impl Default for State {
    fn default() -> Self {
        State {
            format: STATE_FORMAT,
            profile: Profile::default(),
            recordings: Vec::new(),
            desk: crate::mentor::Desk::default(),
            assessment: crate::assessment::Assessment::default(),
        }
    }
}

/// Why the state could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The vault refused (locked, tampered, unreadable, …).
    #[error(transparent)]
    Vault(#[from] VaultError),
    /// Another Opnamewijs window has this data directory open.
    #[error("Opnamewijs is al geopend met deze gegevens. Ga naar dat venster, of sluit het en probeer het opnieuw.")]
    InUse,
    /// The file system refused.
    #[error("Kan {path} niet lezen of schrijven: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// The file exists but is not valid; it is left untouched.
    #[error("Het gegevensbestand {path} is beschadigd en is niet aangepast ({problem}). Zet een reservekopie terug of neem contact op met de ontwikkelaars.")]
    Corrupt {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        problem: String,
    },
    /// Written by a newer version of the app.
    #[error("Het gegevensbestand {path} is gemaakt door een nieuwere versie van Opnamewijs (formaat {found}). Werk de app bij.")]
    NewerFormat {
        /// The file.
        path: PathBuf,
        /// Its format version.
        found: u32,
    },
}

impl ErrorCode for StoreError {
    fn code(&self) -> &'static str {
        match self {
            StoreError::Vault(e) => e.code(),
            StoreError::InUse => "store.in_use",
            StoreError::Io { .. } => "store.io",
            StoreError::Corrupt { .. } => "store.corrupt",
            StoreError::NewerFormat { .. } => "store.newer_format",
        }
    }
}

/// What one journal entry records: the change, who made it and when, and the record(s) as they
/// are after it. Replaying the entries in order rebuilds the state.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JournalEntry {
    /// When the change was made.
    pub at: DateTime<Utc>,
    /// Who made it (the profile name).
    pub by: String,
    /// What changed.
    pub change: Change,
    /// The recording as it is after the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recording: Option<Recording>,
    /// The profile as it is after the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile: Option<Profile>,
    /// The mentor's desk as it is after the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub desk: Option<crate::mentor::Desk>,
    /// The assessment as it is after the change.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assessment: Option<crate::assessment::Assessment>,
}

/// The kinds of change the journal records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Change {
    /// Copied from the plain JSON file of an earlier version.
    Migrated,
    /// A recording was planned.
    Created,
    /// A question was answered or cleared.
    Answered {
        /// Question id.
        question: String,
    },
    /// An item was ticked or unticked.
    ItemSet {
        /// Item id.
        item: String,
        /// Ticked or not.
        done: bool,
    },
    /// An event was logged.
    EventLogged {
        /// The event.
        kind: EventKind,
    },
    /// A date was chosen for a deadline.
    DateChosen {
        /// Deadline id.
        deadline: String,
    },
    /// A share was logged.
    Shared,
    /// A copy was confirmed deleted.
    DeletionConfirmed {
        /// Copy id.
        copy: String,
    },
    /// An incident was logged.
    IncidentLogged {
        /// Incident type id.
        kind: String,
    },
    /// A clock of an incident was marked done.
    ClockDone {
        /// Incident id.
        incident: String,
        /// Clock id.
        clock: String,
    },
    /// The profile changed.
    ProfileChanged,
    /// The student exported a feedback request.
    FeedbackRequested {
        /// Request id.
        request: String,
    },
    /// The student imported a mentor's verified receipt.
    ReceiptImported {
        /// Request id.
        request: String,
    },
    /// The mentor imported a student's request.
    RequestReceived {
        /// Request id.
        request: String,
    },
    /// The mentor confirmed feedback and signed a receipt.
    FeedbackConfirmed {
        /// Request id.
        request: String,
    },
    /// A recording was chosen for, or taken off, the assessment.
    AssessmentSelection {
        /// Chosen or not.
        selected: bool,
    },
    /// The student checked their portfolio holds no recordings or links.
    PortfolioChecked,
    /// The student passed the final assessment.
    AssessmentPassed,
}

/// The journal of one data directory and the state derived from it.
#[derive(Debug)]
pub struct Store {
    dir: PathBuf,
    vault: Vault,
    recovery: Recovery,
    /// Held open (and locked) for as long as the store lives: one writer per journal.
    _lock: std::fs::File,
}

impl Store {
    /// Opens the vault in `dir` (creating it, and migrating a plain JSON file of an earlier
    /// version, when there is none yet) and replays its journal.
    pub fn open(
        dir: &Path,
        unlock: Unlock<'_>,
        now: DateTime<Utc>,
    ) -> Result<(Store, State), StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_owned(),
            source,
        })?;
        let lock = lock_dir(dir)?;
        if Vault::exists(dir) {
            let (vault, recovery, resumed) = Vault::resume(dir, unlock)?;
            let mut store = Store {
                dir: dir.to_owned(),
                vault,
                recovery,
                _lock: lock,
            };
            let state = store.resume(resumed)?;
            return Ok((store, state));
        }
        let legacy = load_legacy(&dir.join(STATE_FILE))?;
        let vault = Vault::create(dir, unlock)?;
        let mut store = Store {
            dir: dir.to_owned(),
            vault,
            recovery: Recovery::default(),
            _lock: lock,
        };
        if let Some(state) = legacy {
            store.migrate(&state, now)?;
        }
        let state = store.replay()?;
        Ok((store, state))
    }

    /// Copies a legacy state into the journal, verifies it, then removes the plain file.
    fn migrate(&mut self, state: &State, now: DateTime<Utc>) -> Result<(), StoreError> {
        let entry = |recording: Option<Recording>, profile: Option<Profile>| JournalEntry {
            at: now,
            by: state.profile.name.clone(),
            change: Change::Migrated,
            recording,
            profile,
            desk: None,
            assessment: None,
        };
        self.append(&entry(None, Some(state.profile.clone())))?;
        for rec in &state.recordings {
            self.append(&entry(Some(rec.clone()), None))?;
        }
        if self.replay()? != *state {
            return Err(StoreError::Corrupt {
                path: self.dir.join(STATE_FILE),
                problem: "de overgezette gegevens komen niet overeen".to_owned(),
            });
        }
        let path = self.dir.join(STATE_FILE);
        std::fs::remove_file(&path).map_err(|source| StoreError::Io { path, source })
    }

    /// Rebuilds the state from what [`Vault::resume`] read, and leaves the rest of the open (the
    /// check of the journal the snapshot stood in for, and a new snapshot when the entries after
    /// the old one are many) to a background thread.
    fn resume(&mut self, resumed: crate::vault::Resumed) -> Result<State, StoreError> {
        let base = resumed
            .snapshot
            .as_ref()
            .and_then(|snapshot| from_snapshot(&snapshot.parts));
        let state = match (resumed.snapshot.is_some(), base) {
            (_, Some(base)) => self.replay_onto(base, resumed.entries)?,
            (false, None) => self.replay_entries(resumed.entries)?,
            // A snapshot the vault accepted but this version cannot read: the whole journal then.
            (true, None) => {
                self.vault.settle(true)?;
                self.replay()?
            }
        };
        let snapshot = if resumed.bytes_after_snapshot >= snapshot_after_bytes() {
            Some(to_snapshot(&state).map_err(|e| StoreError::Io {
                path: self.dir.clone(),
                source: std::io::Error::other(e),
            })?)
        } else {
            None
        };
        self.vault.finish_in_background(snapshot);
        Ok(state)
    }

    /// Rebuilds the state from the verified journal.
    fn replay(&self) -> Result<State, StoreError> {
        self.replay_entries(self.vault.entries()?)
    }

    /// Rebuilds the state from entries already read and verified.
    fn replay_entries(&self, entries: Vec<crate::vault::Entry>) -> Result<State, StoreError> {
        self.replay_onto(State::default(), entries)
    }

    /// Applies entries already read and verified to `base`.
    fn replay_onto(
        &self,
        base: State,
        entries: Vec<crate::vault::Entry>,
    ) -> Result<State, StoreError> {
        replay(base, entries.iter().map(|e| (e.seq, e.payload.as_slice()))).map_err(|(seq, e)| {
            StoreError::Corrupt {
                path: self.dir.clone(),
                problem: format!("dagboekitem {seq}: {e}"),
            }
        })
    }

    /// Waits until the whole journal is verified (see [`Vault::settle`]); a journal changed
    /// outside the app is its error.
    pub fn wait_checked(&self) -> Result<(), StoreError> {
        self.vault.settle(true)?;
        Ok(())
    }

    /// Collects the journal's background check if it has finished: `Ok(false)` while it runs,
    /// its error if it failed.
    pub fn poll_checked(&self) -> Result<bool, StoreError> {
        Ok(self.vault.settle(false)?)
    }

    /// Whether the whole journal has been verified since it was opened.
    pub fn is_checked(&self) -> bool {
        self.vault.is_checked()
    }

    /// Appends one entry; durable when it returns.
    pub fn append(&mut self, entry: &JournalEntry) -> Result<(), StoreError> {
        let payload = serde_json::to_vec(entry).map_err(|e| StoreError::Io {
            path: self.dir.clone(),
            source: std::io::Error::other(e),
        })?;
        self.vault.append(&payload)?;
        Ok(())
    }

    /// Writes an encrypted backup of the journal to `path`.
    pub fn export_backup(
        &self,
        path: &Path,
        passphrase: &crate::vault::Passphrase,
    ) -> Result<crate::vault::Verified, StoreError> {
        Ok(self.vault.export_backup(path, passphrase)?)
    }

    /// Hex hash of the newest journal entry (printed on dossiers).
    pub fn head_hash(&self) -> String {
        self.vault.head_hash()
    }

    /// Number of journal entries.
    pub fn entries(&self) -> u64 {
        self.vault.len()
    }

    /// What opening repaired after a crash, if anything.
    pub fn recovery(&self) -> Recovery {
        self.recovery
    }
}

/// The parts of a [`JournalEntry`] that replay needs, with the records left unparsed.
#[derive(Deserialize)]
struct EntryParts<'a> {
    #[serde(rename = "at")]
    _at: serde::de::IgnoredAny,
    #[serde(rename = "by")]
    _by: serde::de::IgnoredAny,
    #[serde(rename = "change")]
    _change: Change,
    #[serde(borrow, default)]
    recording: Option<&'a serde_json::value::RawValue>,
    #[serde(borrow, default)]
    profile: Option<&'a serde_json::value::RawValue>,
    #[serde(borrow, default)]
    desk: Option<&'a serde_json::value::RawValue>,
    #[serde(borrow, default)]
    assessment: Option<&'a serde_json::value::RawValue>,
}

/// Just the id of a recording in an entry.
#[derive(Deserialize)]
struct RecordingKey {
    id: crate::recording::RecordingId,
}

/// Journal bytes after the snapshot from which opening writes a new one (about 4,000 entries).
pub const SNAPSHOT_AFTER_BYTES: u64 = 4 << 20;

thread_local! {
    static SNAPSHOT_AFTER: std::cell::Cell<Option<u64>> = const { std::cell::Cell::new(None) };
}

/// Environment variable that sets [`SNAPSHOT_AFTER_BYTES`] for a whole process: the end-to-end
/// tests use it to give a small vault a snapshot.
pub const SNAPSHOT_AFTER_ENV: &str = "OPNAMEWIJS_SNAPSHOT_AFTER_BYTES";

/// Sets, for opens on this thread, after how many journal bytes a new snapshot is written
/// (`None`: [`SNAPSHOT_AFTER_ENV`], else [`SNAPSHOT_AFTER_BYTES`]). For tests, which need
/// snapshots of small vaults.
#[doc(hidden)]
pub fn set_snapshot_after_bytes(bytes: Option<u64>) {
    SNAPSHOT_AFTER.with(|cell| cell.set(bytes));
}

fn snapshot_after_bytes() -> u64 {
    SNAPSHOT_AFTER
        .with(std::cell::Cell::get)
        .unwrap_or_else(|| {
            std::env::var(SNAPSHOT_AFTER_ENV)
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(SNAPSHOT_AFTER_BYTES)
        })
}

/// The first part of a snapshot: everything of a [`State`] but its recordings, which follow in
/// parts of [`SNAPSHOT_BATCH`] as JSON arrays, so they are written and read on all cores.
#[derive(Serialize, Deserialize)]
struct SnapshotHead<P, D, A> {
    format: u32,
    profile: P,
    desk: D,
    assessment: A,
}

/// Recordings per snapshot part.
const SNAPSHOT_BATCH: usize = 256;

/// `state` as snapshot parts (see [`SnapshotHead`]).
fn to_snapshot(state: &State) -> Result<Vec<Vec<u8>>, serde_json::Error> {
    let head = SnapshotHead {
        format: state.format,
        profile: &state.profile,
        desk: &state.desk,
        assessment: &state.assessment,
    };
    let batches: Vec<&[Recording]> = state.recordings.chunks(SNAPSHOT_BATCH).collect();
    std::iter::once(serde_json::to_vec(&head))
        .chain(crate::parallel::map_heavy(&batches, |batch| {
            serde_json::to_vec(batch)
        }))
        .collect()
}

/// The state snapshot parts hold; `None` when this version cannot read them (written by a newer
/// one).
pub(crate) fn from_snapshot(parts: &[zeroize::Zeroizing<Vec<u8>>]) -> Option<State> {
    let (head, batches) = parts.split_first()?;
    type Head = SnapshotHead<Profile, crate::mentor::Desk, crate::assessment::Assessment>;
    let head: Head = serde_json::from_slice(head).ok()?;
    if head.format != STATE_FORMAT {
        return None;
    }
    let mut recordings = Vec::with_capacity(batches.len() * SNAPSHOT_BATCH);
    for batch in crate::parallel::map_heavy(batches, |batch| {
        serde_json::from_slice::<Vec<Recording>>(batch)
    }) {
        recordings.extend(batch.ok()?);
    }
    Some(State {
        format: STATE_FORMAT,
        profile: head.profile,
        recordings,
        desk: head.desk,
        assessment: head.assessment,
    })
}

/// Rebuilds the state from journal entries `(seq, payload)`, oldest first, on top of `base` (the
/// state after the entries before them: a snapshot, or the empty state).
///
/// Every entry carries the records it changed as they are after the change, so the state is the
/// newest copy of each. Every entry is checked for its shape, but only those newest copies are
/// read in full: a vault with 10,000 recordings holds some 130,000 entries, and building every
/// older copy only to throw it away was most of the time an open took.
pub(crate) fn replay<'a>(
    base: State,
    entries: impl Iterator<Item = (u64, &'a [u8])>,
) -> Result<State, (u64, serde_json::Error)> {
    fn parse<'a, T: Deserialize<'a>>(
        seq: u64,
        json: &'a str,
    ) -> Result<T, (u64, serde_json::Error)> {
        serde_json::from_str(json).map_err(|e| (seq, e))
    }
    let entries: Vec<(u64, &'a [u8])> = entries.collect();
    if entries.is_empty() {
        return Ok(base);
    }
    // Reading each entry's shape and recording id needs no other entry: spread over the cores.
    let parsed = crate::parallel::map(&entries, |&(seq, payload)| {
        let parts: EntryParts<'a> = serde_json::from_slice(payload).map_err(|e| (seq, e))?;
        let key = match parts.recording {
            Some(raw) => Some(parse::<RecordingKey>(seq, raw.get())?.id),
            None => None,
        };
        Ok((seq, parts, key))
    });
    // Recordings in the order they first appeared (those of `base` first), each with its newest
    // copy from the entries, if any.
    let mut state = base;
    let mut newest: Vec<Option<(u64, &serde_json::value::RawValue)>> =
        vec![None; state.recordings.len()];
    let mut index: HashMap<crate::recording::RecordingId, usize> = state
        .recordings
        .iter()
        .enumerate()
        .map(|(at, rec)| (rec.id.clone(), at))
        .collect();
    let (mut profile, mut desk, mut assessment) = (None, None, None);
    for result in parsed {
        let (seq, parts, key) = result?;
        if let (Some(raw), Some(id)) = (parts.recording, key) {
            match index.get(&id) {
                Some(&at) => newest[at] = Some((seq, raw)),
                None => {
                    index.insert(id, newest.len());
                    newest.push(Some((seq, raw)));
                }
            }
        }
        profile = parts.profile.map(|raw| (seq, raw)).or(profile);
        desk = parts.desk.map(|raw| (seq, raw)).or(desk);
        assessment = parts.assessment.map(|raw| (seq, raw)).or(assessment);
    }
    if let Some((seq, raw)) = profile {
        state.profile = parse(seq, raw.get())?;
    }
    if let Some((seq, raw)) = desk {
        state.desk = parse(seq, raw.get())?;
    }
    if let Some((seq, raw)) = assessment {
        state.assessment = parse(seq, raw.get())?;
    }
    let changed: Vec<(usize, u64, &serde_json::value::RawValue)> = newest
        .iter()
        .enumerate()
        .filter_map(|(at, copy)| copy.map(|(seq, raw)| (at, seq, raw)))
        .collect();
    let built = crate::parallel::map(&changed, |&(_, seq, raw)| {
        parse::<Recording>(seq, raw.get())
    });
    for (&(at, _, _), rec) in changed.iter().zip(built) {
        let rec = rec?;
        match state.recordings.get_mut(at) {
            Some(slot) => *slot = rec,
            None => state.recordings.push(rec),
        }
    }
    Ok(state)
}

/// Takes the exclusive lock on `dir`, so a second window cannot append to the same journal. The OS
/// releases it when the file is closed, also after a crash.
fn lock_dir(dir: &Path) -> Result<std::fs::File, StoreError> {
    let path = dir.join(LOCK_FILE);
    let io = |source| StoreError::Io {
        path: path.clone(),
        source,
    };
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(&path)
        .map_err(io)?;
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::InUse),
        Err(std::fs::TryLockError::Error(e)) => Err(io(e)),
    }
}

/// Reads the plain JSON state of an earlier version; `None` when there is none.
fn load_legacy(path: &Path) -> Result<Option<State>, StoreError> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(source) => {
            return Err(StoreError::Io {
                path: path.to_owned(),
                source,
            })
        }
    };
    #[derive(Deserialize)]
    struct Header {
        format: u32,
    }
    let corrupt = |e: serde_json::Error| StoreError::Corrupt {
        path: path.to_owned(),
        problem: e.to_string(),
    };
    let header: Header = serde_json::from_slice(&bytes).map_err(corrupt)?;
    if header.format > STATE_FORMAT {
        return Err(StoreError::NewerFormat {
            path: path.to_owned(),
            found: header.format,
        });
    }
    serde_json::from_slice(&bytes).map(Some).map_err(corrupt)
}
