//! Persistence: every change is an entry in the encrypted, hash-chained journal of a
//! [`Vault`]; the current [`State`] is derived by replaying it. The plain
//! JSON file of earlier versions is migrated into the journal once and then removed. A file that
//! cannot be read is reported and never overwritten.

mod entry;
mod legacy;
mod replay;
mod snapshot;

pub use entry::{Change, JournalEntry};
pub use legacy::STATE_FILE;
#[cfg(feature = "test-seams")]
pub(crate) use replay::replay;
pub(crate) use snapshot::from_snapshot;
pub use snapshot::SNAPSHOT_AFTER_BYTES;
#[cfg(feature = "test-seams")]
pub use snapshot::{set_snapshot_after_bytes, SNAPSHOT_AFTER_ENV};

use crate::error::ErrorCode;
use crate::recording::Recording;
use crate::vault::{AnchorCheck, Anchors, Position, Recovery, Unlock, Vault, VaultError};
use chrono::{DateTime, Utc};
use legacy::load_legacy;
use serde::{Deserialize, Serialize};
use snapshot::{snapshot_after_bytes, to_snapshot};
use std::path::{Path, PathBuf};

/// The format version of the plain JSON state file of earlier versions.
pub const STATE_FORMAT: u32 = 1;
/// Lock file held while a workspace has the data directory open.
pub const LOCK_FILE: &str = "opnamewijs.lock";

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
        problem: Corruption,
    },
    /// Written by a newer version of the app.
    #[error("Het gegevensbestand {path} is gemaakt door een nieuwere versie van Opnamewijs (formaat {found}). Werk de app bij.")]
    NewerFormat {
        /// The file.
        path: PathBuf,
        /// Its format version.
        found: u32,
    },
    /// There is no vault, but the unprotected plain file of an earlier version: the user decides
    /// whether it is imported ([`Opening::import_legacy`]). Nothing was written.
    #[error("Er staat een oud, onbeveiligd bestand van een eerdere versie van Opnamewijs in {path} ({recordings} opnamen). Importeren? De opnamen komen dan in je beveiligde dagboek, gemarkeerd als 'geïmporteerd uit een onbeveiligd bestand', en het oude bestand wordt verwijderd. Kies 'Niet nu' als je dit bestand niet kent: de app sluit en er verandert niets.")]
    LegacyFound {
        /// The plain file.
        path: PathBuf,
        /// How many recordings it holds.
        recordings: usize,
    },
    /// The journal is behind its rollback anchor: an older copy was put back (or another vault).
    /// Nothing was written; the user decides ([`Opening::accept_older`]).
    #[error("{}", behind_nl(anchor, found, *other_vault))]
    Behind {
        /// Where the journal had come the last time this installation had it open.
        anchor: Position,
        /// Where the journal found now is.
        found: Position,
        /// The anchor was made by another vault's key.
        other_vault: bool,
    },
    /// There is no vault, but the rollback anchor says there was one here. Nothing was written
    /// (and an unprotected plain file of an earlier version is not imported).
    #[error("De gegevens die Opnamewijs hier het laatst opende zijn er niet meer: het dagboek stond op item {} (kop {}), en nu is er geen dagboek.{} Er is niets geschreven. Zet de gegevens of een reservekopie terug en start opnieuw, of begin met lege gegevens.", .anchor.seq, .anchor.short_hash(), if *legacy { " Het oude, onbeveiligde bestand dat er staat wordt niet geïmporteerd, omdat hier een beveiligd dagboek was." } else { "" })]
    Missing {
        /// Where the journal had come.
        anchor: Position,
        /// An unprotected plain file of an earlier version is there.
        legacy: bool,
    },
}

/// The Dutch sentence of [`StoreError::Behind`].
fn behind_nl(anchor: &Position, found: &Position, other_vault: bool) -> String {
    let what = if other_vault {
        "Dit dagboek is niet het dagboek dat Opnamewijs hier het laatst opende."
    } else {
        "Dit dagboek is ouder dan het dagboek dat Opnamewijs hier het laatst opende; misschien is een oudere kopie teruggezet."
    };
    format!(
        "{what} Nu: item {} (kop {}). Het laatst gezien: item {} (kop {}). Er is niets geschreven. \
         Ga je verder met dit dagboek, of sluit je de app om eerst de nieuwere gegevens terug te zetten?",
        found.seq,
        found.short_hash(),
        anchor.seq,
        anchor.short_hash()
    )
}

/// What the user decided before the store is opened, and where rollback anchors are kept.
#[derive(Debug, Clone, Default)]
pub struct Opening {
    /// Where anchors are kept; without places, nothing is compared or kept.
    pub anchors: Anchors,
    /// The user said yes to importing the unprotected plain file of an earlier version.
    pub import_legacy: bool,
    /// The user chose to go on with a journal behind its anchor, or without the journal the
    /// anchor names.
    pub accept_older: bool,
}

/// What is wrong with a data file ([`StoreError::Corrupt`]). `Display` is the Dutch phrase; the
/// English one is in [`crate::wording`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Corruption {
    /// The plain file of an earlier version is not valid JSON of its format.
    Unparsable {
        /// What does not fit.
        problem: crate::policy::ShapeProblem,
        /// Line of the file (from 1).
        line: usize,
        /// Column of that line (from 1).
        column: usize,
    },
    /// The state migrated from the plain file does not match it when read back.
    MigrationMismatch,
    /// The plain file of an earlier version is larger than any state can be; it was not read.
    TooLarge {
        /// The limit in bytes.
        max: u64,
    },
    /// A journal entry does not hold a valid change.
    Entry {
        /// The entry's number (from 1).
        seq: u64,
        /// What does not fit.
        problem: crate::policy::ShapeProblem,
    },
}

impl std::fmt::Display for Corruption {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Corruption::Unparsable {
                problem,
                line,
                column,
            } => write!(f, "{problem} (regel {line}, kolom {column})"),
            Corruption::MigrationMismatch => {
                f.write_str("de overgezette gegevens komen niet overeen")
            }
            Corruption::TooLarge { max } => {
                write!(
                    f,
                    "het bestand is groter dan {max} bytes en is niet gelezen"
                )
            }
            Corruption::Entry { seq, problem } => write!(f, "dagboekitem {seq}: {problem}"),
        }
    }
}

impl ErrorCode for StoreError {
    fn code(&self) -> &'static str {
        match self {
            StoreError::Vault(e) => e.code(),
            StoreError::InUse => "store.in_use",
            StoreError::Io { .. } => "store.io",
            StoreError::Corrupt { .. } => "store.corrupt",
            StoreError::NewerFormat { .. } => "store.newer_format",
            StoreError::LegacyFound { .. } => "store.legacy_found",
            StoreError::Behind { .. } => "store.behind",
            StoreError::Missing { .. } => "store.missing",
        }
    }
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
    /// Opens the vault in `dir` (creating it when there is none) and replays its journal, with no
    /// rollback anchors and no decisions of the user ([`Store::open_with`]): a plain file of an
    /// earlier version is [`StoreError::LegacyFound`].
    pub fn open(
        dir: &Path,
        unlock: Unlock<'_>,
        now: DateTime<Utc>,
    ) -> Result<(Store, State), StoreError> {
        Store::open_with(dir, unlock, now, &Opening::default())
    }

    /// Opens the vault in `dir` and replays its journal, comparing it with its rollback anchor
    /// and keeping that up to date. Creates the vault when there is none; then a plain JSON file
    /// of an earlier version is imported only when no anchor says a vault was here and the user
    /// said yes. Nothing is written before the user decides: a journal behind its anchor is
    /// [`StoreError::Behind`], a missing one [`StoreError::Missing`], a plain file
    /// [`StoreError::LegacyFound`] (apart from the crash repairs every open makes).
    pub fn open_with(
        dir: &Path,
        unlock: Unlock<'_>,
        now: DateTime<Utc>,
        opening: &Opening,
    ) -> Result<(Store, State), StoreError> {
        crate::files::create_private_dir(dir).map_err(|source| StoreError::Io {
            path: dir.to_owned(),
            source,
        })?;
        let lock = lock_dir(dir)?;
        let place = opening
            .anchors
            .place(dir, matches!(unlock, Unlock::Keyring(_)));
        if Vault::exists(dir) {
            let (vault, recovery, resumed) = Vault::resume(dir, unlock)?;
            let check = place
                .as_ref()
                .map_or(AnchorCheck::Missing, |p| vault.compare_anchor(p));
            let current = check == AnchorCheck::Fine { current: true };
            let behind = match check {
                AnchorCheck::Behind {
                    anchor,
                    found,
                    other_vault,
                } if !opening.accept_older => {
                    return Err(StoreError::Behind {
                        anchor,
                        found,
                        other_vault,
                    })
                }
                AnchorCheck::Behind { anchor, found, .. } => Some((anchor, found)),
                _ => None,
            };
            let mut store = Store {
                dir: dir.to_owned(),
                vault,
                recovery,
                _lock: lock,
            };
            let state = store.resume(resumed)?;
            if let Some(place) = place {
                store.vault.keep_anchor(place, current);
            }
            if let Some((anchor, found)) = behind {
                store.reset_anchor(&state, now, anchor, found)?;
            }
            return Ok((store, state));
        }
        let legacy = load_legacy(&dir.join(STATE_FILE))?;
        let anchored = opening.anchors.any(dir);
        match (&anchored, &legacy) {
            (Some(anchor), _) if !opening.accept_older => {
                return Err(StoreError::Missing {
                    anchor: anchor.clone(),
                    legacy: legacy.is_some(),
                })
            }
            (None, Some(state)) if !opening.import_legacy => {
                return Err(StoreError::LegacyFound {
                    path: dir.join(STATE_FILE),
                    recordings: state.recordings.len(),
                })
            }
            _ => {}
        }
        let vault = Vault::create(dir, unlock)?;
        let mut store = Store {
            dir: dir.to_owned(),
            vault,
            recovery: Recovery::default(),
            _lock: lock,
        };
        if let Some(place) = place {
            store.vault.keep_anchor(place, false);
        }
        match (anchored, legacy) {
            (Some(anchor), _) => {
                let found = Position {
                    seq: 0,
                    head_hash: String::new(),
                };
                store.reset_anchor(&State::default(), now, anchor, found)?;
            }
            (None, Some(state)) => store.migrate(&state, now)?,
            (None, None) => {}
        }
        let state = store.replay()?;
        Ok((store, state))
    }

    /// Journals that the user went on with a journal behind its anchor, then sets the anchor to
    /// it.
    fn reset_anchor(
        &mut self,
        state: &State,
        now: DateTime<Utc>,
        anchor: Position,
        found: Position,
    ) -> Result<(), StoreError> {
        self.append(&JournalEntry {
            at: now,
            by: state.profile.name.clone(),
            change: Change::AnchorReset {
                anchor_seq: anchor.seq,
                anchor_hash: anchor.head_hash,
                found_seq: found.seq,
                found_hash: found.head_hash,
            },
            recording: None,
            profile: None,
            desk: None,
            assessment: None,
        })?;
        self.vault.reset_anchor();
        Ok(())
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

/// Takes the exclusive lock on `dir`, so a second window cannot append to the same journal. The OS
/// releases it when the file is closed, also after a crash.
fn lock_dir(dir: &Path) -> Result<std::fs::File, StoreError> {
    let path = dir.join(LOCK_FILE);
    let io = |source| StoreError::Io {
        path: path.clone(),
        source,
    };
    let mut options = std::fs::OpenOptions::new();
    options.create(true).truncate(false).write(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    let file = options.open(&path).map_err(io)?;
    // One made by an earlier version may be readable by others. It holds nothing, so a file
    // system without modes (a chosen folder on a USB stick) is no reason to refuse.
    let _ = crate::files::make_private(&path);
    match file.try_lock() {
        Ok(()) => Ok(file),
        Err(std::fs::TryLockError::WouldBlock) => Err(StoreError::InUse),
        Err(std::fs::TryLockError::Error(e)) => Err(io(e)),
    }
}
