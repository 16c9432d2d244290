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
//! anchor       := "OPNWANCH" | version u8 | seq u64 LE | hash[32] | HMAC-SHA256(chain key, "opnamewijs anchor v1" | seq LE | hash)
//!                 kept outside the directory: keyring account "anchor-<SHA-256(directory path)[..16] hex>",
//!                 or for a passphrase vault the file of that name in the app's config folder (see [`anchor`])
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
//! the same vault. The rollback anchor ([`anchor`]) sees it: the last position, kept outside the
//! data directory and compared when the vault is opened ([`Vault::compare_anchor`]); and the
//! head hash printed on a dossier ([`Vault::head_hash`]).
//!
//! One process at a time: the app is single-instance, and the vault takes no file lock.

pub mod anchor;
mod append;
mod background;
mod backup;
mod crypto;
mod error;
#[doc(hidden)]
pub mod faults;
mod files;
#[cfg(feature = "test-seams")]
#[doc(hidden)]
pub mod fuzzing;
mod journal;
mod keys;
mod open;
mod snapshot;

pub use anchor::{anchor_name, AnchorCheck, AnchorPlace, Anchors, Position, ANCHOR_EVERY};
pub use append::EntryInfo;
pub use backup::looks_like_backup;
pub use crypto::FORMAT_VERSION;
pub use error::{Damage, DiskProblem, TamperKind, VaultError};
pub use files::{Erased, Leftover};
pub use journal::MAX_PAYLOAD;
pub use keys::{
    estimate, kdf_of_key_file, keyring_service, Estimate, KdfParams, KeyStore, KeyStoreError,
    MemoryKeyStore, OsKeyring, Passphrase, Secret, Sensitive, Unlock, Weakness,
    KEYRING_SERVICE_ENV, MIN_GUESSES_LOG2, MIN_PASSPHRASE_CHARS,
};
pub use open::{Recovery, Resumed, Snapshot};
pub use snapshot::SNAPSHOT_FILE;

use background::JournalCheck;
use crypto::{JournalKeys, SecretKey};
use journal::Head;
use std::fs::File;
use std::path::{Path, PathBuf};

/// Name of the journal file in the vault directory.
pub const JOURNAL_FILE: &str = "journal.log";
/// Name of the head record in the vault directory.
pub const HEAD_FILE: &str = "journal.head";
/// Name of the key file in the vault directory.
pub const KEY_FILE: &str = "vault.key";

/// One entry of the journal, verified and decrypted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Sequence number, counted from 1.
    pub seq: u64,
    /// What was appended.
    pub payload: Vec<u8>,
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
    check: std::sync::Mutex<JournalCheck>,
    /// The rollback anchor this vault keeps up to date, if any (see [`anchor`]).
    anchor: Option<anchor::Keeper>,
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
        if let JournalCheck::Running(handle, _) = std::mem::replace(check, JournalCheck::Done) {
            // A check that failed leaves the anchor where it was.
            if !matches!(handle.join(), Ok(Ok(()))) {
                *check = JournalCheck::Failed(VaultError::Interrupted);
            }
        }
        // Closing brings the anchor up to the journal (only a verified, acknowledged one).
        self.sync_anchor(false);
    }
}

impl Vault {
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
    /// Answers what it removed.
    pub fn erase(dir: &Path, keystore: &dyn KeyStore) -> Result<Erased, VaultError> {
        files::erase(dir, keystore)
    }

    /// Everything that is left of a vault in `dir`: each remaining file or directory in it, and
    /// the keyring entry if it still exists (or cannot be checked). Empty after a complete
    /// [`Vault::erase`].
    pub fn leftovers(dir: &Path, keystore: &dyn KeyStore) -> Vec<String> {
        Vault::remains(dir, keystore)
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    /// [`Vault::leftovers`] as values, to word in the user's language.
    pub fn remains(dir: &Path, keystore: &dyn KeyStore) -> Vec<Leftover> {
        files::remains(dir, keystore)
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
    /// vault; a wrong passphrase is [`VaultError::WrongPassphrase`], a file over
    /// [`MAX_BACKUP_BYTES`](crate::limits::MAX_BACKUP_BYTES) [`VaultError::TooLarge`], unread.
    pub fn import_backup(
        path: &Path,
        passphrase: &Passphrase,
        dir: &Path,
        unlock: Unlock<'_>,
    ) -> Result<Vault, VaultError> {
        backup::import(path, passphrase, dir, unlock)
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

    /// The journal's bytes, if it is at most [`MAX_JOURNAL_BYTES`](crate::limits::MAX_JOURNAL_BYTES).
    fn read_journal(&self) -> Result<Vec<u8>, VaultError> {
        let max = crate::limits::MAX_JOURNAL_BYTES;
        match crate::limits::read_at_most(&self.dir.join(JOURNAL_FILE), max) {
            Ok(Some(bytes)) => Ok(bytes),
            Ok(None) => Err(VaultError::TooLarge {
                path: self.dir.join(JOURNAL_FILE),
                max,
            }),
            Err(e) => Err(self.io(JOURNAL_FILE, e)),
        }
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
