//! Appending an entry, and what a failed append leaves: the frame is written and fsynced, then the
//! head record is replaced. When either write fails, the files are put back to the last
//! acknowledged entry (now, or at the next append or when the vault is dropped), so a restart
//! never shows a change the app reported as failed.

use super::journal::{self, Head};
use super::{faults, files, DiskProblem, Vault, VaultError, HEAD_FILE, JOURNAL_FILE};
use crate::limits::MAX_JOURNAL_BYTES;

/// What [`Vault::append`] returns once the entry is durable.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntryInfo {
    /// Sequence number of the new entry.
    pub seq: u64,
    /// The head hash after it, in hex.
    pub head_hash: String,
}

impl Vault {
    /// Appends an entry: encrypted, chained, written and fsynced, then the head is updated.
    /// An entry that would grow the journal past [`MAX_JOURNAL_BYTES`] (which could not be opened
    /// again) is [`VaultError::JournalFull`], and nothing is written.
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
        // A journal that could not be opened again is not written.
        if self.len + frame.len() as u64 > MAX_JOURNAL_BYTES {
            return Err(VaultError::JournalFull {
                max: MAX_JOURNAL_BYTES,
            });
        }
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
        self.sync_anchor(true);
        Ok(EntryInfo {
            seq,
            head_hash: self.head_hash(),
        })
    }

    /// Puts the files back to the last acknowledged entry after a failed append: first the head
    /// (so the journal is never behind its head, even if we crash in between), then the journal
    /// is cut back to its last acknowledged frame.
    pub(super) fn restore(&mut self) -> Result<(), VaultError> {
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

    fn write_failed(&self, name: &str, source: std::io::Error) -> VaultError {
        VaultError::WriteFailed {
            path: self.dir.join(name),
            problem: DiskProblem::of(&source),
            source,
        }
    }

    /// Replaces the head record on disk with `head`.
    pub(super) fn write_head(&mut self, head: &Head) -> Result<(), VaultError> {
        let bytes = journal::encode_head(&self.keys, head)?;
        files::write_atomic(&self.dir.join(HEAD_FILE), &bytes).map_err(|err| match err {
            VaultError::Io { path, source } => VaultError::WriteFailed {
                path,
                problem: DiskProblem::of(&source),
                source,
            },
            other => other,
        })?;
        self.head_on_disk = head.seq;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::vault::{MemoryKeyStore, Unlock};

    #[test]
    fn an_append_past_the_largest_journal_is_refused_and_writes_nothing() {
        let dir = tempfile::tempdir().expect("temp dir");
        let keys = MemoryKeyStore::new();
        let mut vault = Vault::create(dir.path(), Unlock::Keyring(&keys)).expect("create");
        vault.append(b"first").expect("append");
        let on_disk = std::fs::read(dir.path().join(JOURNAL_FILE)).expect("journal");
        // As if the journal were a few bytes short of the limit.
        let real = vault.len;
        vault.len = MAX_JOURNAL_BYTES - 10;
        assert!(matches!(
            vault.append(b"second"),
            Err(VaultError::JournalFull { max }) if max == MAX_JOURNAL_BYTES
        ));
        vault.len = real;
        assert_eq!(vault.head.seq, 1);
        assert_eq!(
            std::fs::read(dir.path().join(JOURNAL_FILE)).expect("journal"),
            on_disk,
            "nothing written"
        );
        vault.append(b"second").expect("under the limit it appends");
    }
}
