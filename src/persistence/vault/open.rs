//! Creating and opening a vault: what opening repaired after a crash ([`Recovery`]), and what an
//! open from the snapshot read ([`Resumed`]). The files themselves are read and written in
//! `files.rs`.

use super::crypto::{self, JournalKeys};
use super::journal::{self, Head};
use super::{files, Entry, Unlock, Vault, VaultError};
use std::path::Path;

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
}
