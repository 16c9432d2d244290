//! How the vault's failures reach the user: [`VaultError`] with its stable codes and Dutch
//! messages, [`TamperKind`] (what a change outside the app looks like), and the details some
//! errors name: [`Damage`] (why a file cannot be read) and [`DiskProblem`] (why a write failed).
//! Their English is in [`crate::wording`].

use super::crypto::Malformed;
use super::KeyStoreError;
use crate::error::ErrorCode;
use std::path::{Path, PathBuf};

/// How the journal was found to be changed outside the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TamperKind {
    /// An entry's bytes were changed.
    Edited,
    /// An entry stands at another place than where it was appended.
    Reordered,
    /// An entry is there that was not appended at this place (for example a copy).
    Inserted,
    /// An entry was removed from the middle.
    Deleted,
    /// Acknowledged entries were cut from the end.
    Truncated,
    /// The head record is missing, damaged, or does not match the journal.
    Head,
}

impl TamperKind {
    /// A stable machine name (`edited`, `reordered`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            TamperKind::Edited => "edited",
            TamperKind::Reordered => "reordered",
            TamperKind::Inserted => "inserted",
            TamperKind::Deleted => "deleted",
            TamperKind::Truncated => "truncated",
            TamperKind::Head => "head",
        }
    }
}

impl std::fmt::Display for TamperKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            TamperKind::Edited => "inhoud gewijzigd",
            TamperKind::Reordered => "volgorde veranderd",
            TamperKind::Inserted => "item ingevoegd",
            TamperKind::Deleted => "item verwijderd",
            TamperKind::Truncated => "laatste items verwijderd",
            TamperKind::Head => "kopregister klopt niet",
        })
    }
}

/// Why the vault could not be created, opened, read or written.
#[derive(Debug, thiserror::Error)]
pub enum VaultError {
    /// The OS keyring cannot be used; the app offers a passphrase instead.
    #[error("De sleutelbos van je besturingssysteem is niet beschikbaar. Kies een wachtwoordzin om je gegevens te beveiligen.")]
    KeyringUnavailable {
        /// What the keyring answered.
        #[source]
        reason: KeyStoreError,
    },
    /// The keyring works but holds no key for this vault.
    #[error("De sleutel van je gegevens staat niet (meer) in de sleutelbos van je besturingssysteem. Zet een reservekopie terug.")]
    KeyNotFound,
    /// The keyring's key does not open this vault.
    #[error("De sleutel in de sleutelbos past niet bij deze gegevens. Er is niets overschreven.")]
    WrongKey,
    /// The passphrase does not open the vault or backup.
    #[error("Deze wachtwoordzin klopt niet.")]
    WrongPassphrase,
    /// The vault is protected with a passphrase, and none was given.
    #[error("Deze gegevens zijn beveiligd met een wachtwoordzin. Voer je wachtwoordzin in.")]
    NeedsPassphrase,
    /// The vault is protected by the keyring, and a passphrase was given.
    #[error("Deze gegevens zijn beveiligd met de sleutelbos van je besturingssysteem, niet met een wachtwoordzin.")]
    NeedsKeyring,
    /// A new passphrase is too short.
    #[error("Kies een wachtwoordzin van minstens {min} tekens.")]
    PassphraseTooShort {
        /// The minimum number of characters.
        min: usize,
    },
    /// A new passphrase is easy to guess.
    #[error("Deze wachtwoordzin is te makkelijk te raden{}. Kies bijvoorbeeld vier losse woorden die niet bij elkaar horen, zoals 'fiets wolk pindakaas lantaarn'.", because_nl(.weaknesses))]
    PassphraseWeak {
        /// What makes it easy, as found.
        weaknesses: Vec<super::Weakness>,
    },
    /// Argon2id refused the derivation parameters.
    #[error("De instellingen voor de wachtwoordzin zijn ongeldig ({problem}).")]
    BadKdfParams {
        /// What Argon2 said.
        problem: String,
    },
    /// The journal was changed outside the app; nothing was written.
    #[error("Het dagboek is gewijzigd buiten Opnamewijs om (item {position}: {kind}). Er is niets overschreven.")]
    Tampered {
        /// The entry (counted from 1) where the journal first differs from what was written.
        position: u64,
        /// What was found there.
        kind: TamperKind,
    },
    /// Written by another format version.
    #[error("{path} is gemaakt door een andere versie van Opnamewijs (formaat {found}). Werk de app bij.")]
    UnsupportedVersion {
        /// The file.
        path: PathBuf,
        /// The version byte found.
        found: u8,
    },
    /// Not a file of Opnamewijs.
    #[error("{path} is geen bestand van Opnamewijs.")]
    NotAVault {
        /// The file.
        path: PathBuf,
    },
    /// A vault file that is damaged or missing; it is left untouched.
    #[error("{path} kan niet worden gelezen: {problem}. Er is niets overschreven; zet een reservekopie terug.")]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// What is wrong with it.
        problem: Damage,
    },
    /// The file system refused.
    #[error("Kan {path} niet lezen of schrijven: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The OS error.
        source: std::io::Error,
    },
    /// There already is a vault in this directory.
    #[error("In {dir} staan al gegevens van Opnamewijs; die worden niet overschreven.")]
    AlreadyExists {
        /// The directory.
        dir: PathBuf,
    },
    /// There is no vault in this directory.
    #[error("In {dir} staan geen gegevens van Opnamewijs.")]
    NotFound {
        /// The directory.
        dir: PathBuf,
    },
    /// An entry above [`MAX_PAYLOAD`](super::MAX_PAYLOAD).
    #[error("Dit item is te groot om op te slaan (hoogstens {max} bytes).")]
    EntryTooLarge {
        /// The limit in bytes.
        max: usize,
    },
    /// A file larger than any the vault writes (see [`crate::limits`]); it was not read.
    #[error("{path} is groter dan een bestand van Opnamewijs kan zijn (hoogstens {max} bytes) en is niet gelezen. Er is niets overschreven.")]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// The limit in bytes.
        max: u64,
    },
    /// An append would make the journal larger than [`MAX_JOURNAL_BYTES`](crate::limits::MAX_JOURNAL_BYTES),
    /// which could then not be opened; nothing was written.
    #[error("Het dagboek is zo groot als Opnamewijs kan openen (hoogstens {max} bytes). Je laatste wijziging is niet opgeslagen; wat eerder was opgeslagen blijft bewaard.")]
    JournalFull {
        /// The limit in bytes.
        max: u64,
    },
    /// The OS random generator failed.
    #[error(
        "Je besturingssysteem leverde geen willekeurige getallen ({problem}). Probeer het opnieuw."
    )]
    NoRandomness {
        /// What the OS said.
        problem: String,
    },
    /// An earlier write failed and its undo has not succeeded yet; the next append retries it.
    #[error("Een eerdere schrijfactie is mislukt en nog niet hersteld. Probeer het opnieuw zodra de schijf weer werkt; wat al was opgeslagen blijft bewaard.")]
    Interrupted,
    /// The disk refused to write or sync a vault file; the change was not saved and the vault
    /// is as it was before it.
    #[error("De schijf weigerde te schrijven ({problem}). Je laatste wijziging is niet opgeslagen; wat eerder was opgeslagen blijft bewaard. Maak ruimte vrij of controleer de schijf en probeer het opnieuw.")]
    WriteFailed {
        /// The file.
        path: PathBuf,
        /// What the disk said, in words where it is a common case.
        problem: DiskProblem,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
}

/// Why a vault file or backup cannot be read ([`VaultError::Unreadable`]). `Display` is the Dutch
/// phrase.
#[derive(Debug)]
pub enum Damage {
    /// The journal is shorter than its header.
    JournalTooShort,
    /// The journal file is missing while the key file is there.
    JournalMissing,
    /// The head record is damaged.
    HeadDamaged,
    /// The key file is missing while the journal is there.
    KeyFileMissing,
    /// The key file is damaged.
    KeyFileDamaged,
    /// The key in the key file has the wrong length.
    KeyWrongLength,
    /// The backup file is damaged.
    BackupDamaged,
    /// The journal inside the backup ends in an incomplete entry.
    BackupIncomplete,
    /// The background check of the journal stopped before it finished.
    CheckAborted,
    /// The background check of the journal failed with another error, reported again.
    CheckFailed(Box<VaultError>),
}

impl std::fmt::Display for Damage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self {
            Damage::JournalTooShort => "het dagboek is te kort",
            Damage::JournalMissing => "het dagboek ontbreekt",
            Damage::HeadDamaged => "het kopregister is beschadigd",
            Damage::KeyFileMissing => "het sleutelbestand ontbreekt",
            Damage::KeyFileDamaged => "het sleutelbestand is beschadigd",
            Damage::KeyWrongLength => "de sleutel in het sleutelbestand heeft een verkeerde lengte",
            Damage::BackupDamaged => "de reservekopie is beschadigd",
            Damage::BackupIncomplete => "het dagboek in de reservekopie is onvolledig",
            Damage::CheckAborted => "de controle van het dagboek werd afgebroken",
            Damage::CheckFailed(err) => return write!(f, "{err}"),
        })
    }
}

impl Damage {
    /// The same damage once more (see [`VaultError::duplicate`]).
    fn duplicate(&self) -> Damage {
        match self {
            Damage::JournalTooShort => Damage::JournalTooShort,
            Damage::JournalMissing => Damage::JournalMissing,
            Damage::HeadDamaged => Damage::HeadDamaged,
            Damage::KeyFileMissing => Damage::KeyFileMissing,
            Damage::KeyFileDamaged => Damage::KeyFileDamaged,
            Damage::KeyWrongLength => Damage::KeyWrongLength,
            Damage::BackupDamaged => Damage::BackupDamaged,
            Damage::BackupIncomplete => Damage::BackupIncomplete,
            Damage::CheckAborted => Damage::CheckAborted,
            Damage::CheckFailed(err) => Damage::CheckFailed(Box::new(err.duplicate())),
        }
    }
}

/// Why the disk refused a write ([`VaultError::WriteFailed`]), from the OS error's kind.
/// `Display` is the Dutch phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DiskProblem {
    /// The disk is full.
    Full,
    /// The user's storage quota is used up.
    QuotaExceeded,
    /// No permission to write.
    PermissionDenied,
    /// The disk is read-only.
    ReadOnly,
    /// Anything else: the OS's own message.
    Other(String),
}

impl DiskProblem {
    /// The problem of an OS write error.
    pub(crate) fn of(err: &std::io::Error) -> DiskProblem {
        use std::io::ErrorKind;
        match err.kind() {
            ErrorKind::StorageFull => DiskProblem::Full,
            ErrorKind::QuotaExceeded => DiskProblem::QuotaExceeded,
            ErrorKind::PermissionDenied => DiskProblem::PermissionDenied,
            ErrorKind::ReadOnlyFilesystem => DiskProblem::ReadOnly,
            _ => DiskProblem::Other(err.to_string()),
        }
    }
}

impl std::fmt::Display for DiskProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DiskProblem::Full => f.write_str("de schijf is vol"),
            DiskProblem::QuotaExceeded => f.write_str("je opslagruimte is op"),
            DiskProblem::PermissionDenied => f.write_str("geen toestemming om te schrijven"),
            DiskProblem::ReadOnly => f.write_str("de schijf is alleen-lezen"),
            DiskProblem::Other(message) => write!(f, "foutmelding van het systeem: {message}"),
        }
    }
}

/// ": het bevat a, b en c" for [`VaultError::PassphraseWeak`], or nothing when no pattern was
/// found (it is short, or of few kinds of characters).
fn because_nl(weaknesses: &[super::Weakness]) -> String {
    let parts: Vec<String> = weaknesses.iter().map(ToString::to_string).collect();
    if parts.is_empty() {
        return String::new();
    }
    format!(
        ": hij bevat {}",
        crate::text::listed(&parts, crate::text::Lang::Nl)
    )
}

impl VaultError {
    /// The same error once more, field for field (an OS error keeps its kind and text), for a
    /// failure that is reported at every later call.
    pub(crate) fn duplicate(&self) -> VaultError {
        let io = |source: &std::io::Error| std::io::Error::new(source.kind(), source.to_string());
        match self {
            VaultError::KeyringUnavailable { reason } => VaultError::KeyringUnavailable {
                reason: reason.clone(),
            },
            VaultError::KeyNotFound => VaultError::KeyNotFound,
            VaultError::WrongKey => VaultError::WrongKey,
            VaultError::WrongPassphrase => VaultError::WrongPassphrase,
            VaultError::NeedsPassphrase => VaultError::NeedsPassphrase,
            VaultError::NeedsKeyring => VaultError::NeedsKeyring,
            VaultError::PassphraseTooShort { min } => VaultError::PassphraseTooShort { min: *min },
            VaultError::PassphraseWeak { weaknesses } => VaultError::PassphraseWeak {
                weaknesses: weaknesses.clone(),
            },
            VaultError::BadKdfParams { problem } => VaultError::BadKdfParams {
                problem: problem.clone(),
            },
            VaultError::Tampered { position, kind } => VaultError::Tampered {
                position: *position,
                kind: *kind,
            },
            VaultError::UnsupportedVersion { path, found } => VaultError::UnsupportedVersion {
                path: path.clone(),
                found: *found,
            },
            VaultError::NotAVault { path } => VaultError::NotAVault { path: path.clone() },
            VaultError::Unreadable { path, problem } => VaultError::Unreadable {
                path: path.clone(),
                problem: problem.duplicate(),
            },
            VaultError::Io { path, source } => VaultError::Io {
                path: path.clone(),
                source: io(source),
            },
            VaultError::AlreadyExists { dir } => VaultError::AlreadyExists { dir: dir.clone() },
            VaultError::NotFound { dir } => VaultError::NotFound { dir: dir.clone() },
            VaultError::EntryTooLarge { max } => VaultError::EntryTooLarge { max: *max },
            VaultError::TooLarge { path, max } => VaultError::TooLarge {
                path: path.clone(),
                max: *max,
            },
            VaultError::JournalFull { max } => VaultError::JournalFull { max: *max },
            VaultError::NoRandomness { problem } => VaultError::NoRandomness {
                problem: problem.clone(),
            },
            VaultError::Interrupted => VaultError::Interrupted,
            VaultError::WriteFailed {
                path,
                problem,
                source,
            } => VaultError::WriteFailed {
                path: path.clone(),
                problem: problem.clone(),
                source: io(source),
            },
        }
    }
}

impl ErrorCode for VaultError {
    fn code(&self) -> &'static str {
        match self {
            VaultError::KeyringUnavailable { .. } => "vault.keyring_unavailable",
            VaultError::KeyNotFound => "vault.key_not_found",
            VaultError::WrongKey => "vault.wrong_key",
            VaultError::WrongPassphrase => "vault.wrong_passphrase",
            VaultError::NeedsPassphrase => "vault.needs_passphrase",
            VaultError::NeedsKeyring => "vault.needs_keyring",
            VaultError::PassphraseTooShort { .. } => "vault.passphrase_too_short",
            VaultError::PassphraseWeak { .. } => "vault.passphrase_weak",
            VaultError::BadKdfParams { .. } => "vault.bad_kdf_params",
            VaultError::Tampered { .. } => "vault.tampered",
            VaultError::UnsupportedVersion { .. } => "vault.unsupported_version",
            VaultError::NotAVault { .. } => "vault.not_a_vault",
            VaultError::Unreadable { .. } => "vault.unreadable",
            VaultError::Io { .. } => "vault.io",
            VaultError::AlreadyExists { .. } => "vault.already_exists",
            VaultError::NotFound { .. } => "vault.not_found",
            VaultError::EntryTooLarge { .. } => "vault.entry_too_large",
            VaultError::TooLarge { .. } => "vault.too_large",
            VaultError::JournalFull { .. } => "vault.journal_full",
            VaultError::NoRandomness { .. } => "vault.no_randomness",
            VaultError::Interrupted => "vault.interrupted",
            VaultError::WriteFailed { .. } => "vault.write_failed",
        }
    }
}

/// Maps a malformed vault file to the error the user sees.
pub(crate) fn malformed(path: &Path, err: Malformed, problem: Damage) -> VaultError {
    match err {
        Malformed::WrongMagic => VaultError::NotAVault {
            path: path.to_owned(),
        },
        Malformed::Version(found) => VaultError::UnsupportedVersion {
            path: path.to_owned(),
            found,
        },
        Malformed::Damaged => VaultError::Unreadable {
            path: path.to_owned(),
            problem,
        },
    }
}
