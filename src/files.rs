//! Files the user chooses (exports, imports): a new file only where the user pointed, written
//! atomically, and file errors in words a user understands.

use crate::error::ErrorCode;
use std::path::Path;

/// Why a file the user chose could not be read or written.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    /// A relative path (dialogs and tests always give absolute ones).
    #[error("Kies een volledige bestandslocatie (geen relatief pad): {path}")]
    NotAbsolute {
        /// The path given.
        path: String,
    },
    /// The file to write exists already.
    #[error("{path} bestaat al; kies een nieuwe naam, er wordt niets overschreven.")]
    Exists {
        /// The path given.
        path: String,
    },
    /// The folder to write into does not exist.
    #[error("De map van {path} bestaat niet.")]
    NoFolder {
        /// The path given.
        path: String,
    },
    /// The file to replace is not one Opnamewijs wrote (e.g. an export over the user's own
    /// calendar or document).
    #[error("{path} is niet een eerder door Opnamewijs gemaakt bestand van deze soort; kies een andere naam, er wordt niets overschreven.")]
    NotOurs {
        /// The path given.
        path: String,
    },
    /// Reading or writing a file the user chose failed.
    #[error("Kan {path} niet lezen of schrijven: {problem}.")]
    File {
        /// The file.
        path: String,
        /// What went wrong.
        problem: FileProblem,
    },
}

/// What went wrong with a file the user chose, from the OS error's kind. `Display` is the Dutch
/// phrase; the English one is in [`crate::wording`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileProblem {
    /// The file or a folder on its path does not exist.
    NotFound,
    /// The OS refused access.
    PermissionDenied,
    /// The path names a folder.
    IsADirectory,
    /// The disk is full.
    StorageFull,
    /// The disk is read-only.
    ReadOnly,
    /// The OS does not accept the file name.
    InvalidName,
    /// Any other refusal.
    Refused,
}

impl std::fmt::Display for FileProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            FileProblem::NotFound => "het bestand of de map bestaat niet",
            FileProblem::PermissionDenied => "geen toestemming",
            FileProblem::IsADirectory => "dit is een map, geen bestand",
            FileProblem::StorageFull => "de schijf is vol",
            FileProblem::ReadOnly => "de schijf is alleen-lezen",
            FileProblem::InvalidName => "de bestandsnaam is ongeldig",
            FileProblem::Refused => "het systeem weigerde",
        })
    }
}

impl ErrorCode for FileError {
    fn code(&self) -> &'static str {
        match self {
            FileError::NotAbsolute { .. } => "file.not_absolute",
            FileError::Exists { .. } => "file.exists",
            FileError::NoFolder { .. } => "file.no_folder",
            FileError::NotOurs { .. } => "file.not_ours",
            FileError::File { .. } => "file.io",
        }
    }
}

/// Refuses a path to write a new file to unless it is absolute, new, and in an existing folder.
pub fn check_new_file(path: &Path) -> Result<(), FileError> {
    let shown = || {
        path.display()
            .to_string()
            .chars()
            .take(300)
            .collect::<String>()
    };
    if !path.is_absolute() {
        return Err(FileError::NotAbsolute { path: shown() });
    }
    if path.exists() {
        return Err(FileError::Exists { path: shown() });
    }
    if !path.parent().is_some_and(Path::is_dir) {
        return Err(FileError::NoFolder { path: shown() });
    }
    Ok(())
}

/// A file error on a path the user chose, in words a user understands.
pub fn file_error(path: &Path, err: &std::io::Error) -> FileError {
    FileError::File {
        path: path.display().to_string().chars().take(300).collect(),
        problem: FileProblem::of(err),
    }
}

impl FileProblem {
    /// What went wrong, from the OS error's kind.
    pub fn of(err: &std::io::Error) -> Self {
        use std::io::ErrorKind;
        match err.kind() {
            ErrorKind::NotFound => FileProblem::NotFound,
            ErrorKind::PermissionDenied => FileProblem::PermissionDenied,
            ErrorKind::IsADirectory => FileProblem::IsADirectory,
            ErrorKind::StorageFull => FileProblem::StorageFull,
            ErrorKind::ReadOnlyFilesystem => FileProblem::ReadOnly,
            ErrorKind::InvalidFilename => FileProblem::InvalidName,
            _ => FileProblem::Refused,
        }
    }
}

/// Writes an export (calendar, dossier, feedback request or receipt) to `path` atomically: a
/// reader sees the old file or the whole new one, never a half-written one. The file is readable
/// by its owner only, also when it replaces an earlier export that was not.
pub fn write_export(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    let io = |e: std::io::Error| file_error(path, &e);
    let mut file = private_atomic_options().open(path).map_err(io)?;
    std::io::Write::write_all(&mut file, bytes).map_err(io)?;
    file.commit().map_err(io)
}

/// Options for an atomic write whose file is readable and writable by its owner only (0600 on
/// Unix, macOS included), whatever the mode of a file it replaces. On Windows a new file takes
/// the access list of its folder; the user's own folders (their profile, `%APPDATA%`) admit only
/// the user, administrators and the system.
pub fn private_atomic_options() -> atomic_write_file::OpenOptions {
    #[allow(unused_mut)]
    let mut options = atomic_write_file::AtomicWriteFile::options();
    #[cfg(unix)]
    {
        use atomic_write_file::unix::OpenOptionsExt as _;
        std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
        options.preserve_mode(false);
    }
    options
}

/// Creates the folder `dir`, and any missing folder above it, open to its owner only (0700 on
/// Unix, macOS included; on Windows it takes the access list of the folder it is made in). A
/// folder that exists already is left as it is.
pub fn create_private_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
    builder.create(dir)
}

/// Makes the existing file at `path` readable and writable by its owner only (0600 on Unix, macOS
/// included; nothing to do on Windows, see [`private_atomic_options`]). A missing file is fine.
pub fn make_private(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let private = std::fs::Permissions::from_mode(0o600);
        match std::fs::set_permissions(path, private) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}
