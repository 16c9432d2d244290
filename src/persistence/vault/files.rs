//! The vault directory: creating, opening, erasing, and durable writes.

use super::crypto::{JournalKeys, SecretKey};
use super::journal::{self, Head};
use super::keys::{self, Unlock};
use super::snapshot::{self, SNAPSHOT_FILE};
use super::{
    Damage, Entry, JournalCheck, KeyStore, KeyStoreError, Recovery, Resumed, Sensitive, Snapshot,
    Vault, VaultError, HEAD_FILE, JOURNAL_FILE, KEY_FILE,
};
use crate::limits::{read_at_most, MAX_HEAD_BYTES, MAX_JOURNAL_BYTES, MAX_KEY_FILE_BYTES};
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> VaultError + '_ {
    move |source| VaultError::Io {
        path: path.to_owned(),
        source,
    }
}

/// Whether `name` is a file the vault writes: its four files and the temporary files
/// `atomic-write-file` makes next to them (`.journal.head.XXXXXX`, `.vault.key.XXXXXX`,
/// `.state.snap.XXXXXX`).
fn is_vault_file(name: &str) -> bool {
    [JOURNAL_FILE, HEAD_FILE, KEY_FILE, SNAPSHOT_FILE].contains(&name)
        || [HEAD_FILE, KEY_FILE, SNAPSHOT_FILE]
            .iter()
            .any(|f| name.starts_with(&format!(".{f}.")))
}

/// Makes renames and new names in `dir` durable.
pub(crate) fn fsync_dir(dir: &Path) -> Result<(), VaultError> {
    super::faults::check().map_err(io(dir))?;
    #[cfg(unix)]
    File::open(dir)
        .and_then(|d| d.sync_all())
        .map_err(io(dir))?;
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}

/// Replaces `path` atomically: temporary file, fsync, rename, fsync of the directory. The file is
/// readable by the owner only (see [`crate::files::private_atomic_options`]).
pub(crate) fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), VaultError> {
    let options = crate::files::private_atomic_options();
    super::faults::check().map_err(io(path))?;
    let mut file = options.open(path).map_err(io(path))?;
    super::faults::write_all(&mut file, bytes).map_err(io(path))?;
    super::faults::check().map_err(io(path))?;
    file.commit().map_err(io(path))
}

/// Reads a file of at most `max` bytes; `None` when it does not exist, and
/// [`VaultError::TooLarge`], unread, when it is larger.
fn read_optional(path: &Path, max: u64) -> Result<Option<Vec<u8>>, VaultError> {
    match read_at_most(path, max) {
        Ok(Some(bytes)) => Ok(Some(bytes)),
        Ok(None) => Err(VaultError::TooLarge {
            path: path.to_owned(),
            max,
        }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(io(path)(e)),
    }
}

/// The key file, if there is one; one too large to be a key file is left unread and counts as
/// none (for erasing, which removes it all the same).
fn key_file_if_any(path: &Path) -> Result<Option<Vec<u8>>, VaultError> {
    match read_optional(path, MAX_KEY_FILE_BYTES) {
        Err(VaultError::TooLarge { .. }) => Ok(None),
        other => other,
    }
}

fn open_append(path: &Path) -> std::io::Result<File> {
    OpenOptions::new().read(true).append(true).open(path)
}

/// Writes a new vault: journal, head, and last the key file (the commit point), with the data
/// key wrapped by `unlock`. On failure everything written is removed again.
pub(crate) fn install(
    dir: &Path,
    data_key: SecretKey,
    journal_bytes: &[u8],
    head: Head,
    unlock: Unlock<'_>,
) -> Result<Vault, VaultError> {
    crate::files::create_private_dir(dir).map_err(io(dir))?;
    if Vault::exists(dir) {
        return Err(VaultError::AlreadyExists {
            dir: dir.to_owned(),
        });
    }
    let new_key = keys::wrap_data_key(&data_key, unlock)?;
    let account = new_key.info.account();
    if let (Unlock::Keyring(store), Some(wrapping)) = (unlock, &new_key.wrapping_key) {
        store
            .set(&account, wrapping.as_ref())
            .map_err(|reason| VaultError::KeyringUnavailable { reason })?;
    }
    let keys = JournalKeys::derive(&data_key);
    let written = (|| {
        let journal_path = dir.join(JOURNAL_FILE);
        let mut options = OpenOptions::new();
        options.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        let mut file = options.open(&journal_path).map_err(io(&journal_path))?;
        super::faults::write_all(&mut file, journal_bytes)
            .and_then(|()| file.sync_all())
            .map_err(io(&journal_path))?;
        write_atomic(&dir.join(HEAD_FILE), &journal::encode_head(&keys, &head)?)?;
        write_atomic(&dir.join(KEY_FILE), &new_key.bytes)?;
        fsync_dir(dir)?;
        open_append(&journal_path).map_err(io(&journal_path))
    })();
    match written {
        Ok(file) => Ok(Vault {
            dir: dir.to_owned(),
            data_key: Sensitive::new(data_key),
            keys,
            file,
            len: journal_bytes.len() as u64,
            head,
            head_on_disk: head.seq,
            dirty: false,
            check: std::sync::Mutex::new(JournalCheck::Done),
            anchor: None,
        }),
        Err(err) => {
            for name in [KEY_FILE, HEAD_FILE, JOURNAL_FILE] {
                let _ = std::fs::remove_file(dir.join(name));
            }
            if let Unlock::Keyring(store) = unlock {
                let _ = store.delete(&account);
            }
            Err(err)
        }
    }
}

/// How much of the journal an open reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Reading {
    /// Verify it; decrypt nothing.
    Verify,
    /// Verify it and decrypt every entry.
    Entries,
    /// Decrypt the snapshot and the entries after it, and owe the verification of the entries
    /// before it; verify and decrypt everything when there is no usable snapshot.
    Resume,
}

/// See [`Vault::open`].
pub(crate) fn open(
    dir: &Path,
    unlock: Unlock<'_>,
    read: Reading,
) -> Result<(Vault, Recovery, Resumed), VaultError> {
    let key_path = dir.join(KEY_FILE);
    let journal_path = dir.join(JOURNAL_FILE);
    let head_path = dir.join(HEAD_FILE);
    let Some(key_bytes) = read_optional(&key_path, MAX_KEY_FILE_BYTES)? else {
        if Vault::exists(dir) {
            return Err(VaultError::Unreadable {
                path: key_path,
                problem: Damage::KeyFileMissing,
            });
        }
        return Err(VaultError::NotFound {
            dir: dir.to_owned(),
        });
    };
    let (info, data_key) = keys::unwrap_data_key(&key_path, &key_bytes, unlock)?;
    // A key wrapped with an older, cheaper derivation gets today's at this unlock (atomically:
    // the old or the new file, both opened by the same passphrase).
    if let Some(rewrapped) = keys::rewrapped_if_cheaper(&key_bytes, info, &data_key, unlock)? {
        write_atomic(&key_path, &rewrapped)?;
    }
    remove_stale_temporaries(dir);
    let keys = JournalKeys::derive(&data_key);
    if read == Reading::Resume {
        if let Some(found) = from_snapshot(dir, &keys) {
            let file = open_append(&journal_path).map_err(io(&journal_path))?;
            let vault = Vault {
                dir: dir.to_owned(),
                data_key: Sensitive::new(data_key),
                keys,
                file,
                len: found.len,
                head: found.head,
                head_on_disk: found.head.seq,
                dirty: false,
                check: std::sync::Mutex::new(JournalCheck::Owed),
                anchor: None,
            };
            let resumed = Resumed {
                bytes_after_snapshot: found.len - found.offset,
                snapshot: Some(found.snapshot),
                entries: found.entries,
            };
            return Ok((vault, Recovery::default(), resumed));
        }
    }
    let bytes = read_journal(&journal_path)?;
    let scan = journal::scan(&journal_path, &bytes, &keys)?;
    let head = read_head(&head_path, &keys, scan.len())?;
    let repair = journal::reconcile(&scan, &head, true)?;
    let last = Head {
        seq: scan.len(),
        hash: scan.last_hash(),
    };
    // The scan just verified every frame: decrypting them now spares the caller a second read
    // and check of the whole journal.
    let entries = if read == Reading::Verify {
        Vec::new()
    } else {
        decrypt_all(&scan.frames, &keys)?
    };
    let mut recovery = Recovery::default();
    let file = open_append(&journal_path).map_err(io(&journal_path))?;
    let len = match repair.truncate_at {
        Some(at) => {
            super::faults::check()
                .and_then(|()| file.set_len(at as u64))
                .and_then(|()| file.sync_all())
                .map_err(io(&journal_path))?;
            recovery.discarded_tail_bytes = (bytes.len() - at) as u64;
            at as u64
        }
        None => bytes.len() as u64,
    };
    let mut vault = Vault {
        dir: dir.to_owned(),
        data_key: Sensitive::new(data_key),
        keys,
        file,
        len,
        head: last,
        head_on_disk: head.seq,
        dirty: false,
        check: std::sync::Mutex::new(JournalCheck::Done),
        anchor: None,
    };
    if repair.head_behind {
        vault.write_head(&last)?;
        recovery.head_repaired = true;
    }
    let resumed = Resumed {
        bytes_after_snapshot: vault.len.saturating_sub(journal::FILE_HEADER_LEN as u64),
        snapshot: None,
        entries,
    };
    Ok((vault, recovery, resumed))
}

/// Reads the journal file, if it is at most [`MAX_JOURNAL_BYTES`]; a missing one is unreadable
/// (the vault's other files are there).
fn read_journal(path: &Path) -> Result<Vec<u8>, VaultError> {
    read_optional(path, MAX_JOURNAL_BYTES)?.ok_or_else(|| VaultError::Unreadable {
        path: path.to_owned(),
        problem: Damage::JournalMissing,
    })
}

/// Reads and opens the head record; a missing or forged one is tampering, reported at
/// `position`, and so is one larger than [`MAX_HEAD_BYTES`] (left unread).
pub(crate) fn read_head(
    path: &Path,
    keys: &JournalKeys,
    position: u64,
) -> Result<Head, VaultError> {
    let tampered = || VaultError::Tampered {
        position,
        kind: super::TamperKind::Head,
    };
    match read_optional(path, MAX_HEAD_BYTES) {
        Ok(Some(bytes)) => journal::decode_head(path, &bytes, keys, position),
        Ok(None) | Err(VaultError::TooLarge { .. }) => Err(tampered()),
        Err(e) => Err(e),
    }
}

fn decrypt_all(
    frames: &[journal::Frame<'_>],
    keys: &JournalKeys,
) -> Result<Vec<Entry>, VaultError> {
    crate::parallel::map(frames, |frame| {
        Ok(Entry {
            seq: frame.seq,
            payload: journal::decrypt(frame, keys)?,
        })
    })
    .into_iter()
    .collect()
}

/// An open from the snapshot: the snapshot, the entries after it, and the journal as it is.
struct FromSnapshot {
    snapshot: Snapshot,
    entries: Vec<Entry>,
    /// Where the first entry after the snapshot starts.
    offset: u64,
    len: u64,
    head: Head,
}

/// Reads the snapshot and the part of the journal after it. Only a clean state is resumed: a
/// snapshot that opens with this key and fits the journal's size (see [`snapshot::read`]), a
/// journal that continues its chain with sound frames up to exactly the head record. Anything else
/// (no snapshot, a damaged, foreign or implausible one, a journal or head over its limit, a torn
/// tail, a head that is behind, tampering) is `None`, and the caller reads the whole journal,
/// which repairs or reports it as it always did.
fn from_snapshot(dir: &Path, keys: &JournalKeys) -> Option<FromSnapshot> {
    let mut file = File::open(dir.join(JOURNAL_FILE)).ok()?;
    let file_len = file.metadata().ok()?.len();
    if file_len > MAX_JOURNAL_BYTES {
        return None;
    }
    let (from, parts) = snapshot::read(dir, keys, file_len)?;
    if from.offset < journal::FILE_HEADER_LEN as u64 || from.offset > file_len {
        return None;
    }
    file.seek(SeekFrom::Start(from.offset)).ok()?;
    let tail_len = file_len - from.offset;
    let mut tail = Vec::with_capacity(usize::try_from(tail_len).ok()?);
    file.take(tail_len + 1).read_to_end(&mut tail).ok()?;
    if tail.len() as u64 != tail_len {
        return None;
    }
    let scan = journal::scan_tail(&tail, keys, &from).ok()?;
    if scan.bad.is_some() {
        return None;
    }
    let head_path = dir.join(HEAD_FILE);
    let head_bytes = read_at_most(&head_path, MAX_HEAD_BYTES).ok()??;
    let head = journal::decode_head(&head_path, &head_bytes, keys, 0).ok()?;
    let last = Head {
        seq: scan.len(),
        hash: scan.last_hash(),
    };
    if head != last {
        return None;
    }
    let entries = decrypt_all(&scan.frames, keys).ok()?;
    Some(FromSnapshot {
        snapshot: Snapshot {
            seq: from.seq,
            parts,
        },
        entries,
        offset: from.offset,
        len: from.offset + tail.len() as u64,
        head,
    })
}

/// Verifies the whole journal in `dir` from its first entry against its head record, which must
/// be `head`: the check an open from a snapshot owes. Reports what opening without a snapshot
/// would have reported.
pub(crate) fn check_whole(dir: &Path, keys: &JournalKeys, head: &Head) -> Result<(), VaultError> {
    let journal_path = dir.join(JOURNAL_FILE);
    let head_path = dir.join(HEAD_FILE);
    let bytes = read_journal(&journal_path)?;
    let scan = journal::scan(&journal_path, &bytes, keys)?;
    let on_disk = read_head(&head_path, keys, scan.len())?;
    let repair = journal::reconcile(&scan, &on_disk, true)?;
    if repair.truncate_at.is_some() || repair.head_behind || on_disk != *head {
        return Err(VaultError::Tampered {
            position: on_disk.seq.min(scan.len()),
            kind: super::TamperKind::Head,
        });
    }
    Ok(())
}

/// Removes temporary files an interrupted atomic write left behind; they never hold the only
/// copy of anything (the rename that would have made them current did not happen).
fn remove_stale_temporaries(dir: &Path) {
    for name in dir_names(dir).unwrap_or_default() {
        if is_vault_file(&name) && name.starts_with('.') {
            let _ = std::fs::remove_file(dir.join(name));
        }
    }
}

/// What [`Vault::erase`] removed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Erased {
    /// The vault's files that were removed.
    pub files: Vec<PathBuf>,
    /// The account of the keyring entry the vault's key was deleted from, when it kept its key
    /// in the keyring.
    pub keyring_account: Option<String>,
    /// Whether the folder itself was removed (it was empty after the vault's files).
    pub dir_removed: bool,
    /// The account of the rollback anchor removed from the keyring, if there was one.
    pub keyring_anchor: Option<String>,
}

/// See [`Vault::erase`].
pub(crate) fn erase(dir: &Path, keystore: &dyn KeyStore) -> Result<Erased, VaultError> {
    let mut erased = Erased::default();
    if !dir.exists() {
        return Ok(erased);
    }
    let key_path = dir.join(KEY_FILE);
    let mut keyring_failure = None;
    // The rollback anchor lives next to the key; a keyring that cannot be reached at all (a
    // passphrase vault) holds none of this vault's.
    let anchor = super::anchor_name(dir);
    let had_anchor = matches!(keystore.get(&anchor), Ok(Some(_)));
    let anchor_failure = keystore.delete(&anchor).err();
    if had_anchor && anchor_failure.is_none() {
        erased.keyring_anchor = Some(anchor);
    }
    if let Some(bytes) = key_file_if_any(&key_path)? {
        if let Ok(info) = keys::key_file_info(&key_path, &bytes) {
            if info.keyring {
                keyring_failure = keystore.delete(&info.account()).err().or(anchor_failure);
                erased.keyring_account = Some(info.account());
            }
        }
    }
    for name in dir_names(dir)? {
        let keep = keyring_failure.is_some() && name == KEY_FILE;
        if is_vault_file(&name) && !keep {
            let path = dir.join(&name);
            std::fs::remove_file(&path).map_err(io(&path))?;
            erased.files.push(path);
        }
    }
    fsync_dir(dir)?;
    if let Some(reason) = keyring_failure {
        return Err(VaultError::KeyringUnavailable { reason });
    }
    if dir_names(dir)?.is_empty() {
        std::fs::remove_dir(dir).map_err(io(dir))?;
        erased.dir_removed = true;
        if let Some(parent) = dir.parent().filter(|p| !p.as_os_str().is_empty()) {
            fsync_dir(parent)?;
        }
    }
    Ok(erased)
}

fn dir_names(dir: &Path) -> Result<Vec<String>, VaultError> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io(dir))? {
        let entry = entry.map_err(io(dir))?;
        names.push(entry.file_name().to_string_lossy().into_owned());
    }
    names.sort();
    Ok(names)
}

/// Something of a vault that is still there after erasing ([`Vault::remains`]). `Display` is the
/// Dutch line of [`Vault::leftovers`]; the English one is in [`crate::wording`].
#[derive(Debug)]
pub enum Leftover {
    /// A file or folder still in the data directory.
    Path(String),
    /// The data directory could not be listed.
    Unlisted(VaultError),
    /// The key is still in the keyring, at this place.
    KeyringEntry(String),
    /// Whether the key is still in the keyring could not be checked.
    KeyringUnchecked {
        /// Where the key would be.
        place: String,
        /// What the keyring answered.
        problem: KeyStoreError,
    },
}

impl std::fmt::Display for Leftover {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Leftover::Path(path) => f.write_str(path),
            Leftover::Unlisted(err) => write!(f, "{err}"),
            Leftover::KeyringEntry(place) => write!(f, "sleutelbos: {place}"),
            Leftover::KeyringUnchecked { place, problem } => {
                write!(f, "sleutelbos: {place} (niet te controleren: {problem})")
            }
        }
    }
}

/// See [`Vault::remains`].
pub(crate) fn remains(dir: &Path, keystore: &dyn KeyStore) -> Vec<Leftover> {
    let mut left = Vec::new();
    if !dir.exists() {
        return left;
    }
    match dir_names(dir) {
        Ok(names) => left.extend(
            names
                .iter()
                .map(|n| Leftover::Path(dir.join(n).display().to_string())),
        ),
        Err(e) => left.push(Leftover::Unlisted(e)),
    }
    let anchor = super::anchor_name(dir);
    if let Ok(Some(_)) = keystore.get(&anchor) {
        left.push(Leftover::KeyringEntry(keystore.describe(&anchor)));
    }
    let key_path: PathBuf = dir.join(KEY_FILE);
    if let Ok(Some(bytes)) = read_optional(&key_path, MAX_KEY_FILE_BYTES) {
        if let Some(info) = keys::key_file_info(&key_path, &bytes)
            .ok()
            .filter(|i| i.keyring)
        {
            let account = info.account();
            match keystore.get(&account) {
                Ok(None) => {}
                Ok(Some(_)) => left.push(Leftover::KeyringEntry(keystore.describe(&account))),
                Err(problem) => left.push(Leftover::KeyringUnchecked {
                    place: keystore.describe(&account),
                    problem,
                }),
            }
        }
    }
    left
}
