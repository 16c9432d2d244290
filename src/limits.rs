//! Limits on what commands accept and on the files the core reads, checked before anything is
//! read, allocated or written: lengths of free text the other checks do not bound, file paths for
//! exports and imports, and the size of every file the core did not just write itself, with the
//! counts and sizes inside those files.
//!
//! Titles, names and notes have their own limits where they are validated
//! ([`crate::workspace::MAX_TITLE`], [`crate::workspace::MAX_NOTE`]), the mentor's request and
//! receipt files theirs where they are read ([`crate::mentor::MAX_FILE_BYTES`]); ids that match
//! nothing are refused as unknown. What is left is here. `docs/security.md` lists every bound,
//! what happens past it, and the test that shows it.

use crate::error::ErrorCode;
use std::io::Read;
use std::path::{Component, Path};

/// Longest accepted passphrase, in characters.
pub const MAX_PASSPHRASE: usize = 1024;
/// Longest accepted file path, in bytes.
pub const MAX_PATH: usize = 4096;

/// Largest journal (`journal.log`) the vault opens or appends to: 1 GiB. Opening reads the whole
/// journal into memory; the largest benchmarked vault, 10,000 recordings, has a 124 MB journal.
pub const MAX_JOURNAL_BYTES: u64 = 1 << 30;
/// Largest backup file restored: a journal of [`MAX_JOURNAL_BYTES`] with its data key, envelope
/// and passphrase parameters (about 130 bytes; 4 KiB of room).
pub const MAX_BACKUP_BYTES: u64 = MAX_JOURNAL_BYTES + 4096;
/// Largest key file (`vault.key`) read: 64 KiB. One is about 150 bytes; the room is for more ways
/// of wrapping the data key.
pub const MAX_KEY_FILE_BYTES: u64 = 64 * 1024;
/// Largest head record (`journal.head`) read: 4 KiB; one is 99 bytes. A larger one is a damaged
/// head, which is tampering.
pub const MAX_HEAD_BYTES: u64 = 4096;
/// Largest part of the state snapshot (`state.snap`), sealed, as its length field gives it:
/// 2 MiB. The store writes its recordings in parts of at most 256 recordings and, where that is
/// more, about 1 MiB (one recording fits in a journal entry, at most 1 MiB); a snapshot with a
/// larger part is not written. The reader checks a part's length before it reads the part.
pub const MAX_SNAPSHOT_PART_BYTES: u64 = 2 << 20;
/// What a snapshot may hold beyond [`SNAPSHOT_BYTES_PER_JOURNAL_BYTE`] times the journal: 64 KiB
/// (an empty state's first part is a few hundred bytes).
pub const SNAPSHOT_SLACK_BYTES: u64 = 64 * 1024;
/// A snapshot holds what the journal's entries add up to, and every entry carries the records it
/// changed in full, so it is never larger than the journal; the store's snapshot of 10,000
/// recordings is a tenth of it. Two bytes per journal byte leave room for records written by an
/// older version, which read back with more fields.
pub const SNAPSHOT_BYTES_PER_JOURNAL_BYTE: u64 = 2;
/// Largest plain JSON state file of an earlier version migrated into the journal: 64 MiB, five
/// times the state of 10,000 recordings.
pub const MAX_LEGACY_STATE_BYTES: u64 = 64 << 20;

/// Largest dossier PDF read by "Dossier controleren": 64 MiB. A dossier takes some 20 kB per
/// recording with its manifest, so this is room for a few thousand recordings.
pub const MAX_DOSSIER_BYTES: u64 = 64 << 20;

/// Largest snapshot read or written next to a journal of `journal_len` bytes (see
/// [`SNAPSHOT_BYTES_PER_JOURNAL_BYTE`]); a larger one is ignored, unread.
pub const fn max_snapshot_bytes(journal_len: u64) -> u64 {
    journal_len
        .saturating_mul(SNAPSHOT_BYTES_PER_JOURNAL_BYTE)
        .saturating_add(SNAPSHOT_SLACK_BYTES)
}

/// Largest policy pack file read: 128 KiB, almost five times the largest pack that ships (27 KB).
/// With [`MAX_PACK_FILES`] it bounds what packs can add to a start: eight packs of 128 KiB
/// crafted to cost the most each check allows load in well under 100 ms (`docs/benchmarks.md`).
pub const MAX_PACK_BYTES: u64 = 128 * 1024;
/// Most pack files read from `<data dir>/policies/`, in name order: eight (room for another
/// institute's packs in several versions; a student follows one institute's rules); the others
/// are reported as one pack error and not read.
pub const MAX_PACK_FILES: usize = 8;
/// Most entries in any list of a pack (phases, questions, a question's options, verdict rules,
/// items, deadlines, copies, audience, forbidden channels, incidents, an incident's clocks): 256,
/// ten times the longest list of the packs that ship (26 items).
pub const MAX_PACK_LIST: usize = 256;
/// Deepest nesting of one condition of a pack (`all`, `any` and `not` each add a level; a
/// comparison is one): 8. The packs that ship nest 1 deep. The JSON parser refuses anything nested
/// deeper than 128 levels before this is checked.
pub const MAX_CONDITION_DEPTH: usize = 8;
/// Most parts (comparisons, `all`, `any`, `not`, and each value of an `in`) of one condition: 64.
pub const MAX_CONDITION_NODES: usize = 64;
/// The work a pack's conditions may take to check that each can be true: combinations of answers
/// tried times the condition's parts and questions, summed over the pack: 16,384 (the HU pack
/// needs 340). Past it, the remaining conditions are not checked for this (the check helps pack
/// authors; it protects nothing); the pack still loads.
pub const MAX_SATISFIABILITY_STEPS: usize = 1 << 14;

/// Reads the file at `path` if it holds at most `max` bytes: the size is taken from the open
/// file's metadata before anything is read or allocated, and the read stops after `max + 1` bytes
/// in case the file grows meanwhile (or is not a regular file). `Ok(None)` when it is larger.
pub fn read_at_most(path: &Path, max: u64) -> std::io::Result<Option<Vec<u8>>> {
    let file = std::fs::File::open(path)?;
    let len = file.metadata()?.len();
    if len > max {
        return Ok(None);
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(max.saturating_add(1)).read_to_end(&mut bytes)?;
    Ok((bytes.len() as u64 <= max).then_some(bytes))
}

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
