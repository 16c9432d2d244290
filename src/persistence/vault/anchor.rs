//! The rollback anchor: the journal's last position (entry number and head hash) kept outside the
//! data directory, so that a journal put back together with its head from an older copy is seen.
//!
//! The chain cannot see such a rollback: an older journal with its own head record is a valid
//! vault. The anchor is a second record of how far the journal had come, kept where a copy of the
//! data directory does not reach: next to the wrapping key in the keyring (a keyring vault), or
//! in the app's config folder (a passphrase vault, which has no keyring). One anchor per data
//! directory, named after the directory's full path.
//!
//! ```text
//! anchor := "OPNWANCH" | version u8 | seq u64 LE | hash[32] | mac[32]          (81 bytes)
//! mac    := HMAC-SHA256(chain key, "opnamewijs anchor v1" | seq LE | hash)
//! keyring account "anchor-<first 16 bytes of SHA-256(data directory path) in hex>"
//! file            "<config folder>/anchor-<same hex>" (0600)
//! ```
//!
//! **When it is written.** Only after the entries it names are durable and verified: when the
//! vault is opened and verified (if it moved), after every [`ANCHOR_EVERY`]th append, and when the
//! vault is closed. It is never ahead of the journal on disk, so a crash, a kill or a failed write
//! can leave it behind the journal (by fewer than [`ANCHOR_EVERY`] entries) but never in front of
//! it: a healthy vault is never reported as rolled back. Writing it is best effort; a keyring or
//! folder that refuses leaves the old anchor, and opening goes on.
//!
//! **What it cannot see.** A rollback by fewer entries than the anchor lags behind; a rollback
//! when there is no anchor (a vault last opened by an earlier version, a keyring that cannot be
//! read, a passphrase vault of the core used without the app's config folder); a data folder
//! moved or renamed (the anchor is named after its path); and the student, who can remove the
//! anchor as easily as the journal.

use super::crypto::{self, JournalKeys};
use super::journal::Head;
use super::{KeyStore, Vault};
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The anchor is written after this many appends (and when the vault is closed). A keyring write
/// is a round trip to the Secret Service, which rewrites its whole keyring file: not something
/// to do on every tick. After a crash the anchor is at most this many entries behind (less one),
/// a few minutes of work, and a rollback within that gap is not seen.
pub const ANCHOR_EVERY: u64 = 16;

const MAGIC: &[u8; 8] = b"OPNWANCH";
const VERSION: u8 = 1;
const RECORD_LEN: usize = 8 + 1 + 8 + 32 + 32;

/// A place in a journal: the number of entries and the chain hash after the last one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Position {
    /// Entries up to here (0 for an empty or missing journal).
    pub seq: u64,
    /// The chain hash after the last entry, in hex (empty when there is no journal).
    pub head_hash: String,
}

impl Position {
    /// The first characters of the head hash, to show.
    pub fn short_hash(&self) -> &str {
        &self.head_hash[..self.head_hash.len().min(12)]
    }
}

/// Where anchors may be kept, as the app knows its places: the keyring that keeps vault keys,
/// and a folder outside the data directory for passphrase vaults. Either may be missing; then
/// vaults of that kind have no anchor.
#[derive(Debug, Clone, Default)]
pub struct Anchors {
    /// The keyring (the anchor of a keyring vault is kept next to its wrapping key).
    pub keyring: Option<Arc<dyn KeyStore>>,
    /// A folder outside the data directory (the app's config folder), for passphrase vaults.
    pub folder: Option<PathBuf>,
}

/// The anchor of one data directory, in one place.
#[derive(Debug, Clone)]
pub enum AnchorPlace {
    /// In the keyring, under this account.
    Keyring(Arc<dyn KeyStore>, String),
    /// In this file.
    File(PathBuf),
}

/// What an anchor says about a journal ([`Vault::compare_anchor`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AnchorCheck {
    /// There is no anchor, or it could not be read: nothing to compare.
    Missing,
    /// The journal is at the anchor (`current`) or past it.
    Fine {
        /// The anchor names exactly the journal's last entry.
        current: bool,
    },
    /// The journal is behind the anchor: fewer entries, or as many with another head hash, or
    /// an anchor this vault's key did not make (another vault was here).
    Behind {
        /// Where the anchor says the journal had come.
        anchor: Position,
        /// Where the journal found now is.
        found: Position,
        /// The anchor was not made with this vault's key.
        other_vault: bool,
    },
}

/// The name (account or file) of the anchor of the data directory `dir`.
pub fn anchor_name(dir: &Path) -> String {
    let full = std::fs::canonicalize(dir)
        .or_else(|_| std::path::absolute(dir))
        .unwrap_or_else(|_| dir.to_owned());
    let digest = Sha256::digest(full.as_os_str().as_encoded_bytes());
    format!("anchor-{}", crypto::hex(&digest[..16]))
}

impl Anchors {
    /// Where the anchor of `dir` is kept for a vault unlocked by the keyring (`keyring`) or by a
    /// passphrase; `None` when the app has no such place.
    pub fn place(&self, dir: &Path, keyring: bool) -> Option<AnchorPlace> {
        let name = anchor_name(dir);
        if keyring {
            self.keyring
                .as_ref()
                .map(|store| AnchorPlace::Keyring(store.clone(), name))
        } else {
            self.folder
                .as_ref()
                .map(|folder| AnchorPlace::File(folder.join(name)))
        }
    }

    /// The position an anchor of `dir` names in either place, unverified (there is no key to
    /// check it with): what is known of a vault that was here. `None` when neither place holds
    /// one or can be read.
    pub fn any(&self, dir: &Path) -> Option<Position> {
        [self.place(dir, true), self.place(dir, false)]
            .into_iter()
            .flatten()
            .find_map(|place| place.read().and_then(|bytes| decode(&bytes)))
            .map(|(seq, hash, _)| Position {
                seq,
                head_hash: crypto::hex(&hash),
            })
    }

    /// Removes the anchor of `dir` from both places (erasing, restoring a backup). A keyring
    /// that cannot be reached keeps it; its answer is returned.
    pub fn forget(&self, dir: &Path) -> Result<(), super::KeyStoreError> {
        let mut outcome = Ok(());
        for place in [self.place(dir, true), self.place(dir, false)]
            .into_iter()
            .flatten()
        {
            if let Err(e) = place.delete() {
                outcome = Err(e);
            }
        }
        outcome
    }

    /// Whether an anchor of `dir` is still in either place (for the check after erasing).
    pub fn left(&self, dir: &Path) -> Vec<String> {
        [self.place(dir, true), self.place(dir, false)]
            .into_iter()
            .flatten()
            .filter(|place| place.read().is_some())
            .map(|place| place.describe())
            .collect()
    }
}

impl AnchorPlace {
    /// The record's bytes, if there is one that can be read.
    fn read(&self) -> Option<Vec<u8>> {
        match self {
            AnchorPlace::Keyring(store, account) => store
                .get(account)
                .ok()
                .flatten()
                .map(|secret| secret.expose().to_vec()),
            AnchorPlace::File(path) => crate::limits::read_at_most(path, RECORD_LEN as u64)
                .ok()
                .flatten(),
        }
    }

    fn write(&self, bytes: &[u8]) -> bool {
        match self {
            AnchorPlace::Keyring(store, account) => store.set(account, bytes).is_ok(),
            AnchorPlace::File(path) => {
                use std::io::Write;
                let Some(folder) = path.parent() else {
                    return false;
                };
                crate::files::create_private_dir(folder)
                    .and_then(|()| crate::files::private_atomic_options().open(path))
                    .and_then(|mut file| {
                        file.write_all(bytes)?;
                        file.commit()
                    })
                    .is_ok()
            }
        }
    }

    fn delete(&self) -> Result<(), super::KeyStoreError> {
        match self {
            AnchorPlace::Keyring(store, account) => store.delete(account),
            AnchorPlace::File(path) => match std::fs::remove_file(path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(
                    super::KeyStoreError::Failed(format!("{}: {e}", path.display())),
                ),
                _ => Ok(()),
            },
        }
    }

    /// Where it is, for messages.
    pub fn describe(&self) -> String {
        match self {
            AnchorPlace::Keyring(store, account) => store.describe(account),
            AnchorPlace::File(path) => path.display().to_string(),
        }
    }
}

fn mac(keys: &JournalKeys, seq: u64, hash: &[u8; 32]) -> [u8; 32] {
    crypto::hmac(
        keys.mac.as_ref(),
        &[b"opnamewijs anchor v1", &seq.to_le_bytes(), hash],
    )
}

fn encode(keys: &JournalKeys, head: &Head) -> Vec<u8> {
    let mut out = Vec::with_capacity(RECORD_LEN);
    out.extend_from_slice(MAGIC);
    out.push(VERSION);
    out.extend_from_slice(&head.seq.to_le_bytes());
    out.extend_from_slice(&head.hash);
    out.extend_from_slice(&mac(keys, head.seq, &head.hash));
    out
}

/// `(seq, hash, mac)` of a record of the right shape.
fn decode(bytes: &[u8]) -> Option<(u64, [u8; 32], [u8; 32])> {
    if bytes.len() != RECORD_LEN || &bytes[..8] != MAGIC || bytes[8] != VERSION {
        return None;
    }
    let seq = u64::from_le_bytes(bytes[9..17].try_into().ok()?);
    let hash: [u8; 32] = bytes[17..49].try_into().ok()?;
    let mac: [u8; 32] = bytes[49..81].try_into().ok()?;
    Some((seq, hash, mac))
}

/// The anchor a vault keeps up to date.
#[derive(Debug)]
pub(super) struct Keeper {
    place: AnchorPlace,
    /// The entry the anchor in its place names, when it names one of this journal.
    written: Option<u64>,
}

impl Vault {
    /// Where the journal is now.
    pub fn position(&self) -> Position {
        Position {
            seq: self.head.seq,
            head_hash: self.head_hash(),
        }
    }

    /// Compares this journal with the anchor in `place` (see [`AnchorCheck`]).
    pub fn compare_anchor(&self, place: &AnchorPlace) -> AnchorCheck {
        let Some((seq, hash, tag)) = place.read().and_then(|bytes| decode(&bytes)) else {
            return AnchorCheck::Missing;
        };
        let ours = crypto::hmac_matches(
            self.keys.mac.as_ref(),
            &[b"opnamewijs anchor v1", &seq.to_le_bytes(), &hash],
            &tag,
        );
        let behind = seq > self.head.seq || (seq == self.head.seq && hash != self.head.hash);
        if ours && !behind {
            return AnchorCheck::Fine {
                current: seq == self.head.seq,
            };
        }
        AnchorCheck::Behind {
            anchor: Position {
                seq,
                head_hash: crypto::hex(&hash),
            },
            found: self.position(),
            other_vault: !ours,
        }
    }

    /// Keeps the anchor in `place` up to date from now on (see the module's text for when it is
    /// written); `current` says it already names this journal's position.
    pub fn keep_anchor(&mut self, place: AnchorPlace, current: bool) {
        self.anchor = Some(Keeper {
            place,
            written: current.then_some(self.head.seq),
        });
        self.sync_anchor(false);
    }

    /// Writes the anchor if it is not at the journal's position (with `every`, only once it is
    /// [`ANCHOR_EVERY`] entries behind), and only when every entry up to there is verified and
    /// acknowledged.
    pub(super) fn sync_anchor(&mut self, every: bool) {
        if self.dirty || !self.is_checked() {
            return;
        }
        let head = self.head;
        let Some(keeper) = self.anchor.as_mut() else {
            return;
        };
        let due = match keeper.written {
            None => true,
            Some(seq) if every => head.seq >= seq + ANCHOR_EVERY,
            Some(seq) => seq != head.seq,
        };
        if due && keeper.place.write(&encode(&self.keys, &head)) {
            keeper.written = Some(head.seq);
        }
    }

    /// Writes the anchor now at the journal's position (after the user chose to go on with an
    /// older journal).
    pub fn reset_anchor(&mut self) {
        if let Some(keeper) = self.anchor.as_mut() {
            keeper.written = None;
        }
        self.sync_anchor(false);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::{MemoryKeyStore, Unlock};

    #[test]
    fn the_anchor_follows_every_sixteenth_append_and_the_close() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Arc::new(MemoryKeyStore::new());
        let mut vault = Vault::create(dir.path(), Unlock::Keyring(store.as_ref())).expect("create");
        let place = AnchorPlace::Keyring(store.clone(), anchor_name(dir.path()));
        assert_eq!(vault.compare_anchor(&place), AnchorCheck::Missing);
        vault.keep_anchor(place.clone(), false);
        assert_eq!(
            vault.compare_anchor(&place),
            AnchorCheck::Fine { current: true }
        );
        let at = |place: &AnchorPlace| decode(&place.read().expect("anchor")).expect("shape").0;
        for n in 1..=ANCHOR_EVERY + 3 {
            vault
                .append(format!("entry {n}").as_bytes())
                .expect("append");
        }
        assert_eq!(at(&place), ANCHOR_EVERY, "written after the 16th append");
        drop(vault);
        assert_eq!(at(&place), ANCHOR_EVERY + 3, "and when the vault closes");
        let (vault, _) = Vault::open(dir.path(), Unlock::Keyring(store.as_ref())).expect("open");
        assert_eq!(
            vault.compare_anchor(&place),
            AnchorCheck::Fine { current: true }
        );
    }

    #[test]
    fn an_anchor_of_another_vault_or_further_on_is_behind() {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Arc::new(MemoryKeyStore::new());
        let mut vault = Vault::create(dir.path(), Unlock::Keyring(store.as_ref())).expect("create");
        vault.append(b"one").expect("append");
        let place = AnchorPlace::File(dir.path().join("elsewhere").join("anchor"));
        vault.keep_anchor(place.clone(), false);
        let other = tempfile::tempdir().expect("temp dir");
        let mut foreign = Vault::create(other.path(), Unlock::Keyring(store.as_ref())).expect("c");
        foreign.append(b"one").expect("append");
        match foreign.compare_anchor(&place) {
            AnchorCheck::Behind {
                other_vault: true,
                anchor,
                found,
            } => assert_eq!((anchor.seq, found.seq), (1, 1)),
            other => panic!("expected another vault's anchor, got {other:?}"),
        }
        let head = vault.head;
        vault.append(b"two").expect("append");
        vault.reset_anchor();
        // As if the journal were back at entry 1.
        vault.head = head;
        match vault.compare_anchor(&place) {
            AnchorCheck::Behind {
                other_vault: false,
                anchor,
                found,
            } => assert_eq!((anchor.seq, found.seq), (2, 1)),
            other => panic!("expected behind, got {other:?}"),
        }
    }
}
