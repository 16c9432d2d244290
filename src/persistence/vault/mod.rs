//! The vault: an encrypted, append-only, hash-chained journal in one directory, with its data key
//! wrapped by the OS keyring or a passphrase.
//!
//! Every change the app makes becomes an [`Entry`] appended to the journal. Entries are chained
//! with HMAC-SHA256, so an edited, moved, copied or removed entry is reported with its position
//! ([`VaultError::Tampered`]); a small sealed head record catches whole entries cut from the end.
//! A crash can leave two states, and opening repairs exactly those two ([`Recovery`]): a torn
//! last frame that was never acknowledged, and a journal one entry ahead of its head. Nothing
//! else is ever truncated or overwritten.
//!
//! # Files in the vault directory
//!
//! The vault owns its directory. Every file starts with eight magic bytes and a format version
//! byte ([`FORMAT_VERSION`]); a file with other magic is [`VaultError::NotAVault`], another
//! version is [`VaultError::UnsupportedVersion`].
//!
//! ```text
//! envelope     := magic[8] | version u8 | header_len u16 LE | header | nonce[24] | ciphertext+tag[16]
//!                 XChaCha20-Poly1305; AAD = every byte before the ciphertext | context (not stored)
//! check        := SHA-256(preceding bytes)[..8]   (detects damage; the MAC and tag detect forgery)
//!
//! vault.key    := envelope("OPNWVKEY", vault id[16] | method, "vault.key", data key[32]) | check
//!                 method 1: keyring, wrapping key = keyring secret "vault-<vault id hex>"
//!                 method 2: passphrase, salt[16] | memory KiB u32 | iterations u32 | lanes u32,
//!                           wrapping key = Argon2id(passphrase, salt)
//! journal.log  := "OPNWJRNL" | version u8 | frame*
//! frame        := body_len u32 LE | seq u64 LE | prev[32] | mac[32] | envelope("OPNWENTR", -, seq LE, payload) | check
//! mac          := HMAC-SHA256(chain key, "opnamewijs journal v1 entry" | prev | seq LE | envelope)
//! journal.head := envelope("OPNWHEAD", -, "journal.head", last seq u64 LE | last mac[32]) | check
//! state.snap   := (part_len u32 LE | envelope("OPNWSNAP", id[16] | seq u64 LE | mac[32] | offset u64 LE |
//!                 index u32 LE | count u32 LE, "state.snap", part) | check)*
//! backup       := envelope("OPNWBKUP", salt[16] | params[12], "backup", data key[32] | journal.log bytes) | check
//! ```
//!
//! The encryption key and the chain key are HMAC-SHA256(data key, label) for two fixed labels, so
//! only the data key is wrapped. Entries are numbered from 1. The head is replaced atomically
//! (temporary file, fsync, rename, fsync of the directory) after every append; the journal is
//! fsynced before the head is written, so it is never behind the head and at most one entry ahead.
//!
//! The snapshot (optional) holds what the entries up to `seq` add up to, as the caller gave it, and
//! where in the journal the entry after it starts. [`Vault::resume`] reads it and the entries after
//! it instead of every entry, and owes the verification of the whole journal, which
//! [`Vault::finish_in_background`] runs on another thread. Every append waits for that verification
//! and is refused when it failed, so nothing is ever written to a journal that was not verified
//! from its first entry.
//!
//! What the chain cannot see: the journal *and* its head replaced together by an older pair from
//! the same vault. The head hash printed on a dossier ([`Vault::head_hash`]) is the anchor for that.
//!
//! One process at a time: the app is single-instance, and the vault takes no file lock.

mod backup;
mod crypto;
#[doc(hidden)]
pub mod faults;
mod files;
#[doc(hidden)]
pub mod fuzzing;
mod journal;
mod keys;
mod snapshot;

pub use crypto::FORMAT_VERSION;
pub use journal::MAX_PAYLOAD;
pub use keys::{
    keyring_service, KdfParams, KeyStore, KeyStoreError, MemoryKeyStore, OsKeyring, Passphrase,
    Secret, Sensitive, Unlock, KEYRING_SERVICE_ENV, MIN_PASSPHRASE_CHARS,
};
pub use snapshot::SNAPSHOT_FILE;

use crate::error::ErrorCode;
use crypto::{JournalKeys, SecretKey};
use journal::{Head, Resume};
use std::fs::File;
use std::path::{Path, PathBuf};

/// Name of the journal file in the vault directory.
pub const JOURNAL_FILE: &str = "journal.log";
/// Name of the head record in the vault directory.
pub const HEAD_FILE: &str = "journal.head";
/// Name of the key file in the vault directory.
pub const KEY_FILE: &str = "vault.key";

/// How the journal was found to be changed outside the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TamperKind {
    /// An entry's bytes were changed.
    Edited,
    /// An entry stands at another place than where it was appended.
    Reordered,
    /// An entry is there that was not appended at this place (for example a copy).
    Inserted,
    /// An entry was removed from the middle.
    Deleted,
    /// Acknowledged entries were cut from the end.
    Truncated,
    /// The head record is missing, damaged, or does not match the journal.
    Head,
}

impl TamperKind {
    /// A stable machine name (`edited`, `reordered`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            TamperKind::Edited => "edited",
            TamperKind::Reordered => "reordered",
            TamperKind::Inserted => "inserted",
            TamperKind::Deleted => "deleted",
            TamperKind::Truncated => "truncated",
            TamperKind::Head => "head",
        }
    }
}

impl std::fmt::Display for TamperKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TamperKind::Edited => "inhoud gewijzigd",
            TamperKind::Reordered => "volgorde veranderd",
            TamperKind::Inserted => "item ingevoegd",
            TamperKind::Deleted => "item verwijderd",
            TamperKind::Truncated => "laatste items verwijderd",
            TamperKind::Head => "kopregister klopt niet",
        })
    }
}

/// Why the vault could not be created, opened, read or written.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    /// The OS keyring cannot be used; the app offers a passphrase instead.
    #[error("De sleutelbos van je besturingssysteem is niet beschikbaar. Kies een wachtwoordzin om je gegevens te beveiligen.")]
    KeyringUnavailable {
        /// What the keyring answered.
        #[source]
        reason: KeyStoreError,
    },
    /// The keyring works but holds no key for this vault.
    #[error("De sleutel van je gegevens staat niet (meer) in de sleutelbos van je besturingssysteem. Zet een reservekopie terug.")]
    KeyNotFound,
    /// The keyring's key does not open this vault.
    #[error("De sleutel in de sleutelbos past niet bij deze gegevens. Er is niets overschreven.")]
    WrongKey,
    /// The passphrase does not open the vault or backup.
    #[error("Deze wachtwoordzin klopt niet.")]
    WrongPassphrase,
    /// The vault is protected with a passphrase, and none was given.
    #[error("Deze gegevens zijn beveiligd met een wachtwoordzin. Voer je wachtwoordzin in.")]
    NeedsPassphrase,
    /// The vault is protected by the keyring, and a passphrase was given.
    #[error("Deze gegevens zijn beveiligd met de sleutelbos van je besturingssysteem, niet met een wachtwoordzin.")]
    NeedsKeyring,
    /// A new passphrase is too short.
    #[error("Kies een wachtwoordzin van minstens {min} tekens.")]
    PassphraseTooShort {
        /// The minimum number of characters.
        min: usize,
    },
    /// Argon2id refused the derivation parameters.
    #[error("De instellingen voor de wachtwoordzin zijn ongeldig ({problem}).")]
    BadKdfParams {
        /// What Argon2 said.
        problem: String,
    },
    /// The journal was changed outside the app; nothing was written.
    #[error("Het dagboek is gewijzigd buiten Opnamewijs om (item {position}: {kind}). Er is niets overschreven.")]
    Tampered {
        /// The entry (counted from 1) where the journal first differs from what was written.
        position: u64,
        /// What was found there.
        kind: TamperKind,
    },
    /// Written by another format version.
    #[error("{path} is gemaakt door een andere versie van Opnamewijs (formaat {found}). Werk de app bij.")]
    UnsupportedVersion {
        /// The file.
        path: PathBuf,
        /// The version byte found.
        found: u8,
    },
    /// Not a file of Opnamewijs.
    #[error("{path} is geen bestand van Opnamewijs.")]
    NotAVault {
        /// The file.
        path: PathBuf,
    },
    /// A vault file that is damaged or missing; it is left untouched.
    #[error("{path} kan niet worden gelezen: {problem}. Er is niets overschreven; zet een reservekopie terug.")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What is wrong with it, in Dutch.
        problem: String,
    },
    /// The file system refused.
    #[error("Kan {path} niet lezen of schrijven: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// There already is a vault in this directory.
    #[error("In {dir} staan al gegevens van Opnamewijs; die worden niet overschreven.")]
    AlreadyExists {
        /// The directory.
        dir: PathBuf,
    },
    /// There is no vault in this directory.
    #[error("In {dir} staan geen gegevens van Opnamewijs.")]
    NotFound {
        /// The directory.
        dir: PathBuf,
    },
    /// An entry above [`MAX_PAYLOAD`].
    #[error("Dit item is te groot om op te slaan (hoogstens {max} bytes).")]
    EntryTooLarge {
        /// The limit in bytes.
        max: usize,
    },
    /// The OS random generator failed.
    #[error(
        "Je besturingssysteem leverde geen willekeurige getallen ({problem}). Probeer het opnieuw."
    )]
    NoRandomness {
        /// What the OS said.
        problem: String,
    },
    /// An earlier write failed and its undo has not succeeded yet; the next append retries it.
    #[error("Een eerdere schrijfactie is mislukt en nog niet hersteld. Probeer het opnieuw zodra de schijf weer werkt; wat al was opgeslagen blijft bewaard.")]
    Interrupted,
    /// The disk refused to write or sync a vault file; the change was not saved and the vault
    /// is as it was before it.
    #[error("De schijf weigerde te schrijven ({problem}). Je laatste wijziging is niet opgeslagen; wat eerder was opgeslagen blijft bewaard. Maak ruimte vrij of controleer de schijf en probeer het opnieuw.")]
    WriteFailed {
        /// The file.
        path: PathBuf,
        /// What the disk said, in Dutch where it is a common case.
        problem: String,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
}

impl VaultError {
    /// The same error once more, for a failure that is reported at every later call. Only the
    /// errors a verification can end in are kept exactly; an OS error keeps its kind and text.
    fn repeat(&self) -> VaultError {
        match self {
            VaultError::Tampered { position, kind } => VaultError::Tampered {
                position: *position,
                kind: *kind,
            },
            VaultError::UnsupportedVersion { path, found } => VaultError::UnsupportedVersion {
                path: path.clone(),
                found: *found,
            },
            VaultError::NotAVault { path } => VaultError::NotAVault { path: path.clone() },
            VaultError::Unreadable { path, problem } => VaultError::Unreadable {
                path: path.clone(),
                problem: problem.clone(),
            },
            VaultError::Io { path, source } => VaultError::Io {
                path: path.clone(),
                source: std::io::Error::new(source.kind(), source.to_string()),
            },
            other => VaultError::Unreadable {
                path: PathBuf::from(JOURNAL_FILE),
                problem: other.to_string(),
            },
        }
    }
}

/// A write error of the OS in words a user understands.
fn dutch_io(err: &std::io::Error) -> String {
    use std::io::ErrorKind;
    match err.kind() {
        ErrorKind::StorageFull => "de schijf is vol".to_owned(),
        ErrorKind::QuotaExceeded => "je opslagruimte is op".to_owned(),
        ErrorKind::PermissionDenied => "geen toestemming om te schrijven".to_owned(),
        ErrorKind::ReadOnlyFilesystem => "de schijf is alleen-lezen".to_owned(),
        _ => format!("foutmelding van het systeem: {err}"),
    }
}

impl ErrorCode for VaultError {
    fn code(&self) -> &'static str {
        match self {
            VaultError::KeyringUnavailable { .. } => "vault.keyring_unavailable",
            VaultError::KeyNotFound => "vault.key_not_found",
            VaultError::WrongKey => "vault.wrong_key",
            VaultError::WrongPassphrase => "vault.wrong_passphrase",
            VaultError::NeedsPassphrase => "vault.needs_passphrase",
            VaultError::NeedsKeyring => "vault.needs_keyring",
            VaultError::PassphraseTooShort { .. } => "vault.passphrase_too_short",
            VaultError::BadKdfParams { .. } => "vault.bad_kdf_params",
            VaultError::Tampered { .. } => "vault.tampered",
            VaultError::UnsupportedVersion { .. } => "vault.unsupported_version",
            VaultError::NotAVault { .. } => "vault.not_a_vault",
            VaultError::Unreadable { .. } => "vault.unreadable",
            VaultError::Io { .. } => "vault.io",
            VaultError::AlreadyExists { .. } => "vault.already_exists",
            VaultError::NotFound { .. } => "vault.not_found",
            VaultError::EntryTooLarge { .. } => "vault.entry_too_large",
            VaultError::NoRandomness { .. } => "vault.no_randomness",
            VaultError::Interrupted => "vault.interrupted",
            VaultError::WriteFailed { .. } => "vault.write_failed",
        }
    }
}

/// What opening repaired after a crash. Both repairs only drop or fix what was never
/// acknowledged; anything else that does not match is [`VaultError::Tampered`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Recovery {
    /// Bytes of an incomplete last entry cut from the journal (0 if none).
    pub discarded_tail_bytes: u64,
    /// The head record was one entry behind the journal and was brought up to date.
    pub head_repaired: bool,
}

impl Recovery {
    /// Nothing needed repair.
    pub fn is_clean(&self) -> bool {
        *self == Recovery::default()
    }
}

impl std::fmt::Display for Recovery {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.is_clean() {
            return f.write_str("Er was niets te herstellen.");
        }
        if self.discarded_tail_bytes > 0 {
            write!(
                f,
                "Een onvolledig laatste item ({} bytes) is weggelaten; Opnamewijs werd onderbroken terwijl het werd opgeslagen.",
                self.discarded_tail_bytes
            )?;
            if self.head_repaired {
                f.write_str(" ")?;
            }
        }
        if self.head_repaired {
            f.write_str(
                "Het laatste item was opgeslagen maar nog niet bevestigd; het is nu bevestigd.",
            )?;
        }
        Ok(())
    }
}

/// One entry of the journal, verified and decrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Sequence number, counted from 1.
    pub seq: u64,
    /// What was appended.
    pub payload: Vec<u8>,
}

/// The state a snapshot holds, as [`Vault::finish_in_background`] was given it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Snapshot {
    /// The entries it covers: those numbered 1 to `seq`.
    pub seq: u64,
    /// What was written, part by part.
    pub parts: Vec<zeroize::Zeroizing<Vec<u8>>>,
}

/// What [`Vault::resume`] read: the newest snapshot that fits the journal, and the entries after
/// it; or, without a usable snapshot, every entry.
#[derive(Debug)]
pub struct Resumed {
    /// The snapshot the entries continue, if one was used.
    pub snapshot: Option<Snapshot>,
    /// The entries after the snapshot (all entries without one), verified and decrypted.
    pub entries: Vec<Entry>,
    /// Journal bytes after the snapshot (after the file header without one): how much a next
    /// snapshot would save.
    pub bytes_after_snapshot: u64,
}

/// The verification of the whole journal an open from a snapshot owes.
#[derive(Debug)]
enum Check {
    /// Every entry was verified (or there was nothing to owe).
    Done,
    /// Not started.
    Owed,
    /// Running on another thread, which afterwards may write a snapshot; `true` while that
    /// thread still has the journal to verify (`false`: it only writes the snapshot).
    Running(std::thread::JoinHandle<Result<(), VaultError>>, bool),
    /// It failed: the journal was changed outside the app. Every append is refused.
    Failed(VaultError),
}

/// What [`Vault::append`] returns once the entry is durable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryInfo {
    /// Sequence number of the new entry.
    pub seq: u64,
    /// The head hash after it, in hex.
    pub head_hash: String,
}

/// The outcome of a full verification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    /// Number of entries.
    pub entries: u64,
    /// The chain hash after the last entry, in hex.
    pub head_hash_hex: String,
}

/// An open vault. Appends are durable when [`Vault::append`] returns.
#[derive(Debug)]
pub struct Vault {
    dir: PathBuf,
    data_key: Sensitive<SecretKey>,
    keys: JournalKeys,
    file: File,
    /// Length of the journal file up to the last complete frame.
    len: u64,
    /// The last appended entry.
    head: Head,
    /// Sequence number the head record on disk holds.
    head_on_disk: u64,
    /// An append failed and the files may hold more than `len` and `head` say, until
    /// [`Vault::restore`] succeeds.
    dirty: bool,
    /// Whether the journal still has to be verified from its first entry.
    check: std::sync::Mutex<Check>,
}

impl Drop for Vault {
    /// A vault closed after a failed append makes one more attempt to put its files back, so the
    /// next start does not show the change that was reported as failed. If the disk still refuses
    /// (or the process dies first), the next start finds a complete entry one ahead of its head,
    /// exactly as after a crash between the two writes, and keeps it: nothing is lost, but that
    /// one change turns out to be saved after all.
    fn drop(&mut self) {
        if self.dirty {
            let _ = self.restore();
        }
        // The background check may still write the snapshot: it must be done before the
        // directory is anyone else's (erased, reopened).
        let check = self.check.get_mut().unwrap_or_else(|e| e.into_inner());
        if let Check::Running(handle, _) = std::mem::replace(check, Check::Done) {
            let _ = handle.join();
        }
    }
}

impl Vault {
    /// Creates an empty vault in `dir` (created if needed) with a new random data key. With
    /// [`Unlock::Keyring`] a failing keyring is [`VaultError::KeyringUnavailable`] and nothing is
    /// written: ask for a passphrase and try again with [`Unlock::Passphrase`].
    pub fn create(dir: &Path, unlock: Unlock<'_>) -> Result<Vault, VaultError> {
        let data_key = crypto::random_key()?;
        let keys = JournalKeys::derive(&data_key);
        let head = Head {
            seq: 0,
            hash: journal::genesis(&keys),
        };
        files::install(dir, data_key, &journal::file_header(), head, unlock)
    }

    /// Opens the vault in `dir`, verifying the whole journal against its head, and repairs what a
    /// crash can leave (see [`Recovery`]).
    pub fn open(dir: &Path, unlock: Unlock<'_>) -> Result<(Vault, Recovery), VaultError> {
        files::open(dir, unlock, files::Reading::Verify)
            .map(|(vault, recovery, _)| (vault, recovery))
    }

    /// [`Vault::open`], also returning every entry decrypted: what [`Vault::entries`] would
    /// return right after opening, without reading and checking the journal a second time.
    pub fn open_with_entries(
        dir: &Path,
        unlock: Unlock<'_>,
    ) -> Result<(Vault, Recovery, Vec<Entry>), VaultError> {
        files::open(dir, unlock, files::Reading::Entries)
            .map(|(vault, recovery, resumed)| (vault, recovery, resumed.entries))
    }

    /// Opens the vault from its snapshot: decrypts the snapshot and the entries after it, which
    /// must continue the snapshot's chain up to exactly the head record. The verification of the
    /// entries before it is owed: start it with [`Vault::finish_in_background`]; appends wait for
    /// it. Without a usable snapshot (none, damaged, foreign, not fitting the journal, or a
    /// journal that needs repair or is tampered with) this is [`Vault::open_with_entries`].
    pub fn resume(
        dir: &Path,
        unlock: Unlock<'_>,
    ) -> Result<(Vault, Recovery, Resumed), VaultError> {
        files::open(dir, unlock, files::Reading::Resume)
    }

    /// Starts, on another thread, what is left after opening: the verification of the whole
    /// journal if [`Vault::resume`] owes it, then (if it passes) writing `snapshot` as the state
    /// after the last entry, in parts that are each sealed on their own (and so read on all
    /// cores). A snapshot that cannot be written is left out; it is only a cache. The thread
    /// stays on one core at the lowest priority. Does nothing when there is nothing to do or it
    /// was started before.
    pub fn finish_in_background(&mut self, snapshot: Option<Vec<Vec<u8>>>) {
        let check = self.check.get_mut().unwrap_or_else(|e| e.into_inner());
        let owed = match check {
            Check::Owed => true,
            Check::Done => false,
            Check::Running(..) | Check::Failed(_) => return,
        };
        if !owed && snapshot.is_none() {
            return;
        }
        let (dir, keys, head) = (self.dir.clone(), self.keys.clone(), self.head);
        let at = Resume {
            seq: head.seq,
            hash: head.hash,
            offset: self.len,
        };
        let work = move || {
            // What the user waits for (the first screen) goes first; an append that needs the
            // result waits idle, so then this thread has the core.
            let _ =
                thread_priority::set_current_thread_priority(thread_priority::ThreadPriority::Min);
            crate::parallel::stay_on_this_thread();
            if owed {
                files::check_whole(&dir, &keys, &head)?;
            }
            if let Some(parts) = snapshot {
                let _ = snapshot::write(&dir, &keys, &at, &parts);
            }
            Ok(())
        };
        // Without a thread to be had the check stays owed, and the next append runs it.
        if let Ok(handle) = std::thread::Builder::new()
            .name("opnamewijs-journal-check".to_owned())
            .spawn(work)
        {
            *check = Check::Running(handle, owed);
        }
    }

    /// Whether every entry has been verified. With `wait`, runs or waits for an owed check
    /// (`Ok(true)`); without, only collects a check that has finished (`Ok(false)` while it runs).
    /// A failed check is its error, now and at every later call.
    pub fn settle(&self, wait: bool) -> Result<bool, VaultError> {
        let mut check = self.check.lock().unwrap_or_else(|e| e.into_inner());
        let outcome = match std::mem::replace(&mut *check, Check::Done) {
            Check::Done => return Ok(true),
            Check::Owed if wait => files::check_whole(&self.dir, &self.keys, &self.head),
            Check::Running(handle, _) if wait || handle.is_finished() => {
                handle.join().unwrap_or_else(|_| {
                    Err(VaultError::Unreadable {
                        path: self.dir.join(JOURNAL_FILE),
                        problem: "de controle van het dagboek werd afgebroken".to_owned(),
                    })
                })
            }
            Check::Failed(err) => Err(err),
            pending => {
                *check = pending;
                return Ok(false);
            }
        };
        match outcome {
            Ok(()) => Ok(true),
            Err(err) => {
                let again = err.repeat();
                *check = Check::Failed(err);
                Err(again)
            }
        }
    }

    /// Whether every entry has been verified, without waiting (see [`Vault::settle`]).
    pub fn is_checked(&self) -> bool {
        matches!(
            *self.check.lock().unwrap_or_else(|e| e.into_inner()),
            Check::Done | Check::Running(_, false)
        )
    }

    /// Whether `dir` holds a vault (or the remains of one).
    pub fn exists(dir: &Path) -> bool {
        [KEY_FILE, JOURNAL_FILE, HEAD_FILE, SNAPSHOT_FILE]
            .iter()
            .any(|name| dir.join(name).exists())
    }

    /// Removes the vault's files from `dir` (journal, head, key file and the temporary files of
    /// atomic writes) and its key from `keystore`, then the directory itself if it is empty.
    /// When the keyring cannot be reached, the key file is kept (it names the keyring entry) and
    /// [`VaultError::KeyringUnavailable`] is returned; erasing again later finishes the job.
    pub fn erase(dir: &Path, keystore: &dyn KeyStore) -> Result<(), VaultError> {
        files::erase(dir, keystore)
    }

    /// Everything that is left of a vault in `dir`: each remaining file or directory in it, and
    /// the keyring entry if it still exists (or cannot be checked). Empty after a complete
    /// [`Vault::erase`].
    pub fn leftovers(dir: &Path, keystore: &dyn KeyStore) -> Vec<String> {
        files::leftovers(dir, keystore)
    }

    /// Writes an encrypted backup of the whole vault to `path` (replaced atomically), protected
    /// by `passphrase`. The journal is verified first; a tampered vault is not backed up.
    pub fn export_backup(
        &self,
        path: &Path,
        passphrase: &Passphrase,
    ) -> Result<Verified, VaultError> {
        backup::export(self, path, passphrase)
    }

    /// Restores a backup into `dir` as a new vault whose data key is wrapped with `unlock`. The
    /// entries and head hash are those of the backed-up vault. Refuses when `dir` already holds a
    /// vault; a wrong passphrase is [`VaultError::WrongPassphrase`].
    pub fn import_backup(
        path: &Path,
        passphrase: &Passphrase,
        dir: &Path,
        unlock: Unlock<'_>,
    ) -> Result<Vault, VaultError> {
        backup::import(path, passphrase, dir, unlock)
    }

    /// Appends an entry: encrypted, chained, written and fsynced, then the head is updated.
    /// When it returns `Ok`, the entry survives a crash. When it returns an error, the entry is
    /// not there: the files are put back to the last acknowledged entry (now, or at the next
    /// append if the disk still refuses), so a restart never shows a change the app reported
    /// as failed.
    pub fn append(&mut self, payload: &[u8]) -> Result<EntryInfo, VaultError> {
        self.settle(true)?;
        if self.dirty {
            self.restore()?;
        }
        let seq = self.head.seq + 1;
        let (frame, hash) = journal::encode_frame(&self.keys, seq, &self.head.hash, payload)?;
        let head = Head { seq, hash };
        let written = faults::write_all(&mut self.file, &frame)
            .and_then(|()| faults::check())
            .and_then(|()| self.file.sync_all())
            .map_err(|source| self.write_failed(JOURNAL_FILE, source))
            .and_then(|()| self.write_head(&head));
        if let Err(err) = written {
            // Neither the frame nor a head naming it may outlive the error the caller sees.
            self.dirty = true;
            let _ = self.restore();
            return Err(err);
        }
        self.len += frame.len() as u64;
        self.head = head;
        Ok(EntryInfo {
            seq,
            head_hash: self.head_hash(),
        })
    }

    /// Puts the files back to the last acknowledged entry after a failed append: first the head
    /// (so the journal is never behind its head, even if we crash in between), then the journal
    /// is cut back to its last acknowledged frame.
    fn restore(&mut self) -> Result<(), VaultError> {
        let head = self.head;
        self.write_head(&head)?;
        faults::check()
            .and_then(|()| self.file.set_len(self.len))
            .and_then(|()| faults::check())
            .and_then(|()| self.file.sync_all())
            .map_err(|source| self.write_failed(JOURNAL_FILE, source))?;
        self.dirty = false;
        Ok(())
    }

    /// All entries, read from disk, verified and decrypted.
    pub fn entries(&self) -> Result<Vec<Entry>, VaultError> {
        let bytes = self.read_journal()?;
        let scan = self.check(&bytes)?;
        scan.frames
            .iter()
            .map(|frame| {
                Ok(Entry {
                    seq: frame.seq,
                    payload: journal::decrypt(frame, &self.keys)?,
                })
            })
            .collect()
    }

    /// Verifies the journal on disk against what this vault wrote and against the head record.
    pub fn verify(&self) -> Result<Verified, VaultError> {
        let bytes = self.read_journal()?;
        let scan = self.check(&bytes)?;
        for frame in &scan.frames {
            journal::decrypt(frame, &self.keys)?;
        }
        Ok(Verified {
            entries: scan.len(),
            head_hash_hex: self.head_hash(),
        })
    }

    /// The chain hash after the last entry, in hex: printed on dossiers, so a later copy of the
    /// journal can be checked against it.
    pub fn head_hash(&self) -> String {
        crypto::hex(&self.head.hash)
    }

    /// Number of entries.
    pub fn len(&self) -> u64 {
        self.head.seq
    }

    /// Whether the journal has no entries.
    pub fn is_empty(&self) -> bool {
        self.head.seq == 0
    }

    /// The vault directory.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn io(&self, name: &str, source: std::io::Error) -> VaultError {
        VaultError::Io {
            path: self.dir.join(name),
            source,
        }
    }

    fn write_failed(&self, name: &str, source: std::io::Error) -> VaultError {
        VaultError::WriteFailed {
            path: self.dir.join(name),
            problem: dutch_io(&source),
            source,
        }
    }

    fn read_journal(&self) -> Result<Vec<u8>, VaultError> {
        std::fs::read(self.dir.join(JOURNAL_FILE)).map_err(|e| self.io(JOURNAL_FILE, e))
    }

    /// Replaces the head record on disk with `head`.
    fn write_head(&mut self, head: &Head) -> Result<(), VaultError> {
        let bytes = journal::encode_head(&self.keys, head)?;
        files::write_atomic(&self.dir.join(HEAD_FILE), &bytes).map_err(|err| match err {
            VaultError::Io { path, source } => VaultError::WriteFailed {
                path,
                problem: dutch_io(&source),
                source,
            },
            other => other,
        })?;
        self.head_on_disk = head.seq;
        Ok(())
    }

    /// Scans `bytes` strictly against this vault's state and checks the head record.
    fn check<'a>(&self, bytes: &'a [u8]) -> Result<journal::Scan<'a>, VaultError> {
        if self.dirty {
            return Err(VaultError::Interrupted);
        }
        let path = self.dir.join(JOURNAL_FILE);
        let scan = journal::scan(&path, bytes, &self.keys)?;
        journal::reconcile(&scan, &self.head, false)?;
        let on_disk = files::read_head(&self.dir.join(HEAD_FILE), &self.keys, scan.len())?;
        let expected = Head {
            seq: self.head_on_disk,
            hash: scan
                .hash_after(self.head_on_disk)
                .expect("reconciled: the journal reaches the head on disk"),
        };
        if on_disk != expected {
            return Err(VaultError::Tampered {
                position: on_disk.seq.min(scan.len()),
                kind: TamperKind::Head,
            });
        }
        Ok(scan)
    }
}
