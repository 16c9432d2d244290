//! How the vault's failures reach the user: [`VaultError`] with its stable codes and Dutch
//! messages, and [`TamperKind`], what a change outside the app looks like.

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
        /// What is wrong with it, in Dutch.
        problem: String,
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
        /// What the disk said, in Dutch where it is a common case.
        problem: String,
        /// The OS error.
        #[source]
        source: std::io::Error,
    },
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
            VaultError::BadKdfParams { .. } => "vault.bad_kdf_params",
            VaultError::Tampered { .. } => "vault.tampered",
            VaultError::UnsupportedVersion { .. } => "vault.unsupported_version",
            VaultError::NotAVault { .. } => "vault.not_a_vault",
            VaultError::Unreadable { .. } => "vault.unreadable",
            VaultError::Io { .. } => "vault.io",
            VaultError::AlreadyExists { .. } => "vault.already_exists",
            VaultError::NotFound { .. } => "vault.not_found",
            VaultError::EntryTooLarge { .. } => "vault.entry_too_large",
            VaultError::NoRandomness { .. } => "vault.no_randomness",
            VaultError::Interrupted => "vault.interrupted",
            VaultError::WriteFailed { .. } => "vault.write_failed",
        }
    }
}

/// Maps a malformed vault file to the error the user sees.
pub(crate) fn malformed(path: &Path, err: Malformed, problem: &str) -> VaultError {
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
            problem: problem.to_owned(),
        },
    }
}
