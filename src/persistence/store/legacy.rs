//! The plain JSON state file of earlier versions: read once, copied into the journal, then removed.

use super::{Change, JournalEntry, State, Store, StoreError, STATE_FORMAT};
use crate::limits::{read_at_most, MAX_LEGACY_STATE_BYTES};
use crate::profile::Profile;
use crate::recording::Recording;
use chrono::{DateTime, Utc};
use serde::Deserialize;
use std::path::Path;

/// Name of the plain JSON state file of earlier versions (migrated into the journal, then removed).
pub const STATE_FILE: &str = "opnamewijs.json";

impl Store {
    /// Copies a legacy state into the journal (each recording marked as imported from an
    /// unprotected file), verifies it, then removes the plain file. Only after the user said yes.
    pub(super) fn migrate(&mut self, state: &State, now: DateTime<Utc>) -> Result<(), StoreError> {
        let mut state = state.clone();
        for rec in &mut state.recordings {
            rec.imported_unprotected = Some(now);
        }
        let state = &state;
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
                problem: super::Corruption::MigrationMismatch,
            });
        }
        let path = self.dir.join(STATE_FILE);
        std::fs::remove_file(&path).map_err(|source| StoreError::Io { path, source })
    }
}

/// Reads the plain JSON state of an earlier version; `None` when there is none. One over
/// [`MAX_LEGACY_STATE_BYTES`] is not read, and is reported as damaged (it is left untouched).
pub(super) fn load_legacy(path: &Path) -> Result<Option<State>, StoreError> {
    let bytes = match read_at_most(path, MAX_LEGACY_STATE_BYTES) {
        Ok(Some(b)) => b,
        Ok(None) => {
            return Err(StoreError::Corrupt {
                path: path.to_owned(),
                problem: super::Corruption::TooLarge {
                    max: MAX_LEGACY_STATE_BYTES,
                },
            })
        }
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
        problem: super::Corruption::Unparsable {
            problem: crate::policy::shape_problem(&e),
            line: e.line(),
            column: e.column(),
        },
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
