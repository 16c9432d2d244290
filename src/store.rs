//! Persistence of the app's state as one JSON file in the user's data directory, replaced
//! atomically on every change. A file that cannot be read is reported and never overwritten.

use crate::error::ErrorCode;
use crate::recording::Recording;
use crate::text::Lang;
use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};

/// The state file's format version.
pub const STATE_FORMAT: u32 = 1;
/// Name of the state file inside the data directory.
pub const STATE_FILE: &str = "opnamewijs.json";

/// Who uses this installation and in which language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ts_rs::TS)]
#[ts(export)]
pub struct Profile {
    /// Name recorded with ticks and confirmations ("Student" until set).
    pub name: String,
    /// Language of the UI.
    pub lang: Lang,
}

impl Default for Profile {
    fn default() -> Self {
        Profile {
            name: "Student".to_owned(),
            lang: Lang::Nl,
        }
    }
}

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
}

impl Default for State {
    fn default() -> Self {
        State {
            format: STATE_FORMAT,
            profile: Profile::default(),
            recordings: Vec::new(),
        }
    }
}

/// Why the state could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
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
        problem: String,
    },
    /// Written by a newer version of the app.
    #[error("Het gegevensbestand {path} is gemaakt door een nieuwere versie van Opnamewijs (formaat {found}). Werk de app bij.")]
    NewerFormat {
        /// The file.
        path: PathBuf,
        /// Its format version.
        found: u32,
    },
}

impl ErrorCode for StoreError {
    fn code(&self) -> &'static str {
        match self {
            StoreError::Io { .. } => "store.io",
            StoreError::Corrupt { .. } => "store.corrupt",
            StoreError::NewerFormat { .. } => "store.newer_format",
        }
    }
}

/// The state file of one data directory.
#[derive(Debug, Clone)]
pub struct Store {
    path: PathBuf,
}

impl Store {
    /// The store in `dir`, creating the directory if needed.
    pub fn open(dir: &Path) -> Result<Self, StoreError> {
        std::fs::create_dir_all(dir).map_err(|source| StoreError::Io {
            path: dir.to_owned(),
            source,
        })?;
        Ok(Store {
            path: dir.join(STATE_FILE),
        })
    }

    /// Path of the state file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Reads the state; a missing file is an empty state.
    pub fn load(&self) -> Result<State, StoreError> {
        let bytes = match std::fs::read(&self.path) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(State::default()),
            Err(source) => {
                return Err(StoreError::Io {
                    path: self.path.clone(),
                    source,
                })
            }
        };
        #[derive(Deserialize)]
        struct Header {
            format: u32,
        }
        let corrupt = |e: serde_json::Error| StoreError::Corrupt {
            path: self.path.clone(),
            problem: e.to_string(),
        };
        let header: Header = serde_json::from_slice(&bytes).map_err(corrupt)?;
        if header.format > STATE_FORMAT {
            return Err(StoreError::NewerFormat {
                path: self.path.clone(),
                found: header.format,
            });
        }
        serde_json::from_slice(&bytes).map_err(corrupt)
    }

    /// Replaces the state file atomically (write to a temporary file, fsync, rename).
    pub fn save(&self, state: &State) -> Result<(), StoreError> {
        let io = |source| StoreError::Io {
            path: self.path.clone(),
            source,
        };
        let json = serde_json::to_vec_pretty(state).map_err(|e| io(std::io::Error::other(e)))?;
        let mut file = atomic_write_file::AtomicWriteFile::open(&self.path).map_err(io)?;
        file.write_all(&json).map_err(io)?;
        file.commit().map_err(io)
    }
}
