//! The background check: the verification of the whole journal that an open from the snapshot
//! owes, run on another thread, then the new snapshot. Appends wait for it and are refused when it
//! failed.

use super::journal::Resume;
use super::{files, snapshot, Damage, Vault, VaultError, JOURNAL_FILE};
use std::path::PathBuf;

/// The verification of the whole journal an open from a snapshot owes.
#[derive(Debug)]
pub(super) enum JournalCheck {
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

impl VaultError {
    /// The same error once more, for a failure that is reported at every later call. Only the
    /// errors a verification can end in are kept exactly; an OS error keeps its kind and text.
    fn repeat(&self) -> VaultError {
        match self {
            VaultError::Tampered { .. }
            | VaultError::UnsupportedVersion { .. }
            | VaultError::NotAVault { .. }
            | VaultError::Unreadable { .. }
            | VaultError::TooLarge { .. }
            | VaultError::Io { .. } => self.duplicate(),
            other => VaultError::Unreadable {
                path: PathBuf::from(JOURNAL_FILE),
                problem: Damage::CheckFailed(Box::new(other.duplicate())),
            },
        }
    }
}

impl Vault {
    /// Starts, on another thread, what is left after opening: the verification of the whole
    /// journal if [`Vault::resume`] owes it, then (if it passes) writing `snapshot` as the state
    /// after the last entry, in parts that are each sealed on their own (and so read on all
    /// cores). A snapshot that cannot be written is left out; it is only a cache. The thread
    /// stays on one core at the lowest priority. Does nothing when there is nothing to do or it
    /// was started before.
    pub fn finish_in_background(&mut self, snapshot: Option<Vec<Vec<u8>>>) {
        let check = self.check.get_mut().unwrap_or_else(|e| e.into_inner());
        let owed = match check {
            JournalCheck::Owed => true,
            JournalCheck::Done => false,
            JournalCheck::Running(..) | JournalCheck::Failed(_) => return,
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
            *check = JournalCheck::Running(handle, owed);
        }
    }

    /// Whether every entry has been verified. With `wait`, runs or waits for an owed check
    /// (`Ok(true)`); without, only collects a check that has finished (`Ok(false)` while it runs).
    /// A failed check is its error, now and at every later call.
    pub fn settle(&self, wait: bool) -> Result<bool, VaultError> {
        let mut check = self.check.lock().unwrap_or_else(|e| e.into_inner());
        let outcome = match std::mem::replace(&mut *check, JournalCheck::Done) {
            JournalCheck::Done => return Ok(true),
            JournalCheck::Owed if wait => files::check_whole(&self.dir, &self.keys, &self.head),
            JournalCheck::Running(handle, _) if wait || handle.is_finished() => {
                handle.join().unwrap_or_else(|_| {
                    Err(VaultError::Unreadable {
                        path: self.dir.join(JOURNAL_FILE),
                        problem: Damage::CheckAborted,
                    })
                })
            }
            JournalCheck::Failed(err) => Err(err),
            pending => {
                *check = pending;
                return Ok(false);
            }
        };
        match outcome {
            Ok(()) => Ok(true),
            Err(err) => {
                let again = err.repeat();
                *check = JournalCheck::Failed(err);
                Err(again)
            }
        }
    }

    /// Whether every entry has been verified, without waiting (see [`Vault::settle`]).
    pub fn is_checked(&self) -> bool {
        matches!(
            *self.check.lock().unwrap_or_else(|e| e.into_inner()),
            JournalCheck::Done | JournalCheck::Running(_, false)
        )
    }
}
