//! Encrypted backups: the whole journal and its data key in one file, sealed with a key derived
//! from a backup passphrase.
//!
//! ```text
//! backup := envelope("OPNWBKUP", salt[16] | memory KiB u32 | iterations u32 | lanes u32, context "backup",
//!                    data key[32] | journal.log bytes) | check[8]
//! ```
//!
//! Because the data key travels along, a restored vault has the same entries *and* the same head
//! hash, so a dossier printed before the restore still matches. Only the wrapping changes: the
//! restored vault gets a new key file for the keyring or passphrase chosen at import.

use super::crypto::{self, JournalKeys, KEY_LEN};
use super::error::malformed;
use super::journal::{self, Head};
use super::keys::{Passphrase, Unlock};
use super::{files, Damage, Vault, VaultError, Verified};
use crate::limits::{read_at_most, MAX_BACKUP_BYTES};
use std::path::Path;
use zeroize::Zeroizing;

const BACKUP_MAGIC: &crypto::Magic = b"OPNWBKUP";
const BACKUP_CONTEXT: &[u8] = b"backup";

/// See [`Vault::export_backup`].
pub(crate) fn export(
    vault: &Vault,
    path: &Path,
    passphrase: &Passphrase,
) -> Result<Verified, VaultError> {
    passphrase.check_strength()?;
    let bytes = vault.read_journal()?;
    let verified = vault.verify()?;
    let end = usize::try_from(vault.len).expect("the journal was read into memory");
    let journal_bytes = bytes.get(..end).ok_or(VaultError::Tampered {
        position: vault.head.seq,
        kind: super::TamperKind::Truncated,
    })?;
    let plain = Zeroizing::new([vault.data_key.expose().as_slice(), journal_bytes].concat());
    let sealed = seal(passphrase, &plain)?;
    files::write_atomic(path, &sealed)?;
    Ok(verified)
}

/// Whether `start`, the first bytes of a file, begins as an Opnamewijs backup does (nothing more
/// is checked: opening it needs its passphrase).
pub fn looks_like_backup(start: &[u8]) -> bool {
    start.starts_with(BACKUP_MAGIC)
}

/// Seals `plain` (data key and journal bytes) as a backup file under `passphrase`.
pub(crate) fn seal(passphrase: &Passphrase, plain: &[u8]) -> Result<Vec<u8>, VaultError> {
    let (header, key) = passphrase.new_kdf_header()?;
    crypto::seal_file(BACKUP_MAGIC, &header, BACKUP_CONTEXT, &key, plain)
}

/// The salt-and-params header of a backup file, if its envelope can be parsed.
#[cfg(feature = "test-seams")]
pub(crate) fn header_of(bytes: &[u8]) -> Option<&[u8]> {
    crypto::parse_file(bytes, BACKUP_MAGIC)
        .ok()
        .map(|parsed| parsed.header)
}

/// See [`Vault::import_backup`].
pub(crate) fn import(
    path: &Path,
    passphrase: &Passphrase,
    dir: &Path,
    unlock: Unlock<'_>,
) -> Result<Vault, VaultError> {
    if Vault::exists(dir) {
        return Err(VaultError::AlreadyExists {
            dir: dir.to_owned(),
        });
    }
    let bytes = read_at_most(path, MAX_BACKUP_BYTES)
        .map_err(|source| VaultError::Io {
            path: path.to_owned(),
            source,
        })?
        .ok_or_else(|| VaultError::TooLarge {
            path: path.to_owned(),
            max: MAX_BACKUP_BYTES,
        })?;
    let opened = open_bytes(path, &bytes, passphrase)?;
    let journal_bytes = &opened.plain[KEY_LEN..];
    files::install(dir, opened.data_key, journal_bytes, opened.head, unlock)
}

/// A backup decrypted and its journal verified, not yet installed.
pub(crate) struct Opened {
    /// The data key.
    pub data_key: Zeroizing<[u8; KEY_LEN]>,
    /// The data key followed by the journal file's bytes.
    pub plain: Zeroizing<Vec<u8>>,
    /// The head of the journal.
    pub head: Head,
}

/// Decrypts a backup's bytes (`path` names it in errors) and verifies the journal in it.
pub(crate) fn open_bytes(
    path: &Path,
    bytes: &[u8],
    passphrase: &Passphrase,
) -> Result<Opened, VaultError> {
    let damaged = |e| malformed(path, e, Damage::BackupDamaged);
    let parsed = crypto::parse_file(bytes, BACKUP_MAGIC).map_err(damaged)?;
    let key = passphrase
        .derive_from_header(parsed.header)
        .map_err(damaged)?;
    let plain =
        crypto::open(&parsed, BACKUP_CONTEXT, &key).map_err(|_| VaultError::WrongPassphrase)?;
    let unreadable = |problem: Damage| VaultError::Unreadable {
        path: path.to_owned(),
        problem,
    };
    let data_key: [u8; KEY_LEN] = plain
        .get(..KEY_LEN)
        .and_then(|k| k.try_into().ok())
        .ok_or_else(|| unreadable(Damage::BackupDamaged))?;
    let data_key = Zeroizing::new(data_key);
    let keys = JournalKeys::derive(&data_key);
    let scan = journal::scan(path, &plain[KEY_LEN..], &keys)?;
    if scan.bad.is_some() {
        return Err(unreadable(Damage::BackupIncomplete));
    }
    for frame in &scan.frames {
        journal::decrypt(frame, &keys)?;
    }
    let head = Head {
        seq: scan.len(),
        hash: scan.last_hash(),
    };
    drop(scan);
    Ok(Opened {
        data_key,
        plain,
        head,
    })
}
