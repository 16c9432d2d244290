//! Limits on what commands accept, checked before anything is read or written: lengths of
//! free text the other checks do not bound, and file paths for exports and imports.
//!
//! Titles, names and notes have their own limits where they are validated
//! ([`crate::workspace::MAX_TITLE`], [`crate::workspace::MAX_NOTE`]); ids that match nothing are
//! refused as unknown. What is left is checked here.

use crate::error::ErrorCode;
use std::path::{Component, Path};

/// Longest accepted passphrase, in characters.
pub const MAX_PASSPHRASE: usize = 1024;
/// Longest accepted file path, in bytes.
pub const MAX_PATH: usize = 4096;

/// Input refused before any work was done.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum InputError {
    /// Longer than any real input.
    #[error("De {what} is te lang (hoogstens {max} tekens).")]
    TooLong {
        /// What was too long.
        what: InputField,
        /// The limit.
        max: usize,
    },
    /// A path that climbs out of a folder with `..`.
    #[error("Kies een bestandslocatie zonder \"..\" erin: {path}")]
    PathTraversal {
        /// The path given (shortened).
        path: String,
    },
    /// An export into the data directory, where only the app itself writes.
    #[error("Kies een bestandslocatie buiten de map met je gegevens ({data_dir}); daar schrijft alleen Opnamewijs zelf.")]
    InsideDataDir {
        /// The data directory.
        data_dir: String,
    },
}

/// Which input [`InputError::TooLong`] refused. `Display` is the Dutch word; the English one is in
/// [`crate::wording`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputField {
    /// A passphrase.
    Passphrase,
    /// A file path.
    Path,
}

impl std::fmt::Display for InputField {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            InputField::Passphrase => "wachtwoordzin",
            InputField::Path => "bestandslocatie",
        })
    }
}

impl ErrorCode for InputError {
    fn code(&self) -> &'static str {
        match self {
            InputError::TooLong { .. } => "input.too_long",
            InputError::PathTraversal { .. } => "file.traversal",
            InputError::InsideDataDir { .. } => "file.inside_data_dir",
        }
    }
}

/// Refuses a passphrase longer than [`MAX_PASSPHRASE`] characters.
pub fn check_passphrase(passphrase: &str) -> Result<(), InputError> {
    if passphrase.chars().count() > MAX_PASSPHRASE {
        return Err(InputError::TooLong {
            what: InputField::Passphrase,
            max: MAX_PASSPHRASE,
        });
    }
    Ok(())
}

/// Refuses a path to read from that is overlong or contains `..`.
pub fn check_import_path(path: &Path) -> Result<(), InputError> {
    if path.as_os_str().len() > MAX_PATH {
        return Err(InputError::TooLong {
            what: InputField::Path,
            max: MAX_PATH,
        });
    }
    if path.components().any(|c| c == Component::ParentDir) {
        return Err(InputError::PathTraversal {
            path: path.display().to_string().chars().take(300).collect(),
        });
    }
    Ok(())
}

/// Refuses a path to write to that [`check_import_path`] refuses, or that lies in `data_dir`
/// (also through a symbolic link), where an export could replace the journal.
pub fn check_export_path(path: &Path, data_dir: &Path) -> Result<(), InputError> {
    check_import_path(path)?;
    let Ok(data_dir) = data_dir.canonicalize() else {
        return Ok(());
    };
    // The file itself if it exists (it may be a link), else its folder.
    let resolved = path.canonicalize().ok().or_else(|| {
        let parent = path.parent()?.canonicalize().ok()?;
        Some(parent.join(path.file_name()?))
    });
    if resolved.is_some_and(|p| p.starts_with(&data_dir)) {
        return Err(InputError::InsideDataDir {
            data_dir: data_dir.display().to_string(),
        });
    }
    Ok(())
}
