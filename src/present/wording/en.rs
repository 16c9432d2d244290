//! The English catalog: the English sentence of every error the layers below the presentation
//! define, variant by variant, and of the details those sentences name. Each sentence says what
//! the Dutch one in the variant's `#[error]` attribute says. The operations' errors are in
//! `en/operations.rs`, the details of a broken policy pack in `en/pack.rs`.

mod operations;
mod pack;

use crate::dossier_file::{DossierError, Missing, PdfDamage};
use crate::error::Localized;
use crate::files::{FileError, FileProblem};
use crate::limits::{InputError, InputField};
use crate::mentor::{Defect, MentorError, MAX_FIELD};
use crate::policy::PolicyError;
use crate::store::{Corruption, StoreError};
use crate::text::Lang;
use crate::vault::{
    Damage, DiskProblem, KeyStoreError, Leftover, Recovery, TamperKind, VaultError, Weakness,
};

impl Localized for FileError {
    fn english(&self) -> String {
        match self {
            FileError::NotAbsolute { path } => {
                format!("Choose a full file location (not a relative path): {path}")
            }
            FileError::Exists { path } => {
                format!("{path} already exists; choose a new name, nothing is overwritten.")
            }
            FileError::NoFolder { path } => format!("The folder of {path} does not exist."),
            FileError::NotOurs { path } => format!(
                "{path} is not a file of this kind that Opnamewijs made earlier; choose another \
                 name, nothing is overwritten."
            ),
            FileError::File { path, problem } => {
                format!("Cannot read or write {path}: {}.", file_problem(*problem))
            }
        }
    }
}

/// ": it contains a, b and c" for a weak passphrase, or nothing when no pattern was found.
fn because(weaknesses: &[Weakness]) -> String {
    let parts: Vec<String> = weaknesses
        .iter()
        .map(|w| match w {
            Weakness::Common { word } => format!("the common word '{word}'"),
            Weakness::Date => "a year or date".to_owned(),
            Weakness::Sequence => "a run such as abc, 123 or qwerty".to_owned(),
            Weakness::Repeat => "repeated characters".to_owned(),
        })
        .collect();
    if parts.is_empty() {
        return String::new();
    }
    format!(": it contains {}", crate::text::listed(&parts, Lang::En))
}

/// [`FileProblem`] in English.
fn file_problem(problem: FileProblem) -> &'static str {
    match problem {
        FileProblem::NotFound => "the file or folder does not exist",
        FileProblem::PermissionDenied => "no permission",
        FileProblem::IsADirectory => "this is a folder, not a file",
        FileProblem::StorageFull => "the disk is full",
        FileProblem::ReadOnly => "the disk is read-only",
        FileProblem::InvalidName => "the file name is not valid",
        FileProblem::Refused => "the system refused",
    }
}

impl Localized for InputError {
    fn english(&self) -> String {
        match self {
            InputError::TooLong { what, max } => {
                let what = match what {
                    InputField::Passphrase => "passphrase",
                    InputField::Path => "file location",
                };
                format!("The {what} is too long (at most {max} characters).")
            }
            InputError::PathTraversal { path } => {
                format!("Choose a file location without \"..\" in it: {path}")
            }
            InputError::InsideDataDir { data_dir } => format!(
                "Choose a file location outside the folder with your data ({data_dir}); only \
                 Opnamewijs itself writes there."
            ),
        }
    }
}

/// A pack error names the file and the field as they are (they are the pack's), and the problem
/// in English.
impl Localized for PolicyError {
    fn english(&self) -> String {
        match self {
            PolicyError::Read { file, problem } => {
                format!(
                    "Policy pack {file} cannot be read: {}",
                    pack::read_problem(problem)
                )
            }
            PolicyError::Syntax {
                file,
                field,
                problem,
                line,
                column,
            } => {
                let problem = pack::shape_problem(problem);
                match field {
                    Some(field) => format!(
                        "Policy pack {file}, field {field}: {problem} (line {line}, column \
                         {column})"
                    ),
                    None => format!("Policy pack {file}: {problem} (line {line}, column {column})"),
                }
            }
            PolicyError::Invalid {
                file,
                field,
                problem,
            } => format!(
                "Policy pack {file}, field {field}: {}",
                pack::pack_problem(problem)
            ),
            PolicyError::TooMany { file, skipped, max } => format!(
                "Policy pack {file} was not read: the folder holds more than {max} packs \
                 ({skipped} files not read in all, from this one on in name order)"
            ),
            PolicyError::Duplicate { file, id, version } => format!(
                "Policy pack {file}: {id} version {version} is already loaded from another file"
            ),
            PolicyError::Impersonates { file, id } => format!(
                "Policy pack {file} uses the name \"{id}\" of a policy pack built into \
                 Opnamewijs and was therefore not loaded. A pack of your own has a name (id) of \
                 its own."
            ),
            PolicyError::Unknown { id, version } => {
                format!("Policy pack {id} version {version} is not available")
            }
        }
    }
}

impl Localized for KeyStoreError {
    fn english(&self) -> String {
        match self {
            KeyStoreError::Unavailable(why) => {
                format!("Your operating system's keyring is not available ({why}).")
            }
            KeyStoreError::Locked(why) => {
                format!("Your operating system's keyring is locked ({why}).")
            }
            KeyStoreError::Failed(why) => {
                format!("Your operating system's keyring refused ({why}).")
            }
        }
    }
}

impl Localized for VaultError {
    fn english(&self) -> String {
        match self {
            VaultError::KeyringUnavailable { .. } => "Your operating system's keyring is not \
                available. Choose a passphrase to protect your data."
                .to_owned(),
            VaultError::KeyNotFound => "The key to your data is not (or no longer) in your \
                operating system's keyring. Restore a backup."
                .to_owned(),
            VaultError::WrongKey => {
                "The key in the keyring does not fit this data. Nothing was overwritten.".to_owned()
            }
            VaultError::WrongPassphrase => "This passphrase is not correct.".to_owned(),
            VaultError::NeedsPassphrase => {
                "This data is protected with a passphrase. Enter your passphrase.".to_owned()
            }
            VaultError::NeedsKeyring => "This data is protected with your operating system's \
                keyring, not with a passphrase."
                .to_owned(),
            VaultError::PassphraseTooShort { min } => {
                format!("Choose a passphrase of at least {min} characters.")
            }
            VaultError::PassphraseWeak { weaknesses } => format!(
                "This passphrase is easy to guess{}. Choose, for example, four separate words that \
                 do not belong together, such as 'bicycle cloud peanut lantern'.",
                because(weaknesses)
            ),
            VaultError::BadKdfParams { problem } => {
                format!("The settings for the passphrase are not valid ({problem}).")
            }
            VaultError::Tampered { position, kind } => format!(
                "The journal was changed outside Opnamewijs (entry {position}: {}). Nothing was \
                 overwritten.",
                tamper_kind(*kind)
            ),
            VaultError::UnsupportedVersion { path, found } => format!(
                "{} was made by another version of Opnamewijs (format {found}). Update the app.",
                path.display()
            ),
            VaultError::NotAVault { path } => {
                format!("{} is not a file of Opnamewijs.", path.display())
            }
            VaultError::Unreadable { path, problem } => format!(
                "{} cannot be read: {}. Nothing was overwritten; restore a backup.",
                path.display(),
                damage(problem)
            ),
            VaultError::Io { path, source } => {
                format!("Cannot read or write {}: {source}", path.display())
            }
            VaultError::AlreadyExists { dir } => format!(
                "{} already holds data of Opnamewijs; it is not overwritten.",
                dir.display()
            ),
            VaultError::NotFound { dir } => {
                format!("{} holds no data of Opnamewijs.", dir.display())
            }
            VaultError::EntryTooLarge { max } => {
                format!("This entry is too large to save (at most {max} bytes).")
            }
            VaultError::TooLarge { path, max } => format!(
                "{} is larger than a file of Opnamewijs can be (at most {max} bytes) and was not \
                 read. Nothing was overwritten.",
                path.display()
            ),
            VaultError::JournalFull { max } => format!(
                "The journal is as large as Opnamewijs can open (at most {max} bytes). Your last \
                 change was not saved; what was saved before is kept."
            ),
            VaultError::NoRandomness { problem } => {
                format!("Your operating system gave no random numbers ({problem}). Try again.")
            }
            VaultError::Interrupted => "An earlier write failed and has not been undone yet. \
                Try again once the disk works again; what was saved already is kept."
                .to_owned(),
            VaultError::WriteFailed { problem, .. } => format!(
                "The disk refused to write ({}). Your last change was not saved; what was saved \
                 before is kept. Free up space or check the disk and try again.",
                disk_problem(problem)
            ),
        }
    }
}

/// [`TamperKind`] in English.
fn tamper_kind(kind: TamperKind) -> &'static str {
    match kind {
        TamperKind::Edited => "content changed",
        TamperKind::Reordered => "order changed",
        TamperKind::Inserted => "entry inserted",
        TamperKind::Deleted => "entry removed",
        TamperKind::Truncated => "last entries removed",
        TamperKind::Head => "head record does not match",
    }
}

/// [`Damage`] in English.
fn damage(damage: &Damage) -> String {
    match damage {
        Damage::JournalTooShort => "the journal is too short".to_owned(),
        Damage::JournalMissing => "the journal is missing".to_owned(),
        Damage::HeadDamaged => "the head record is damaged".to_owned(),
        Damage::KeyFileMissing => "the key file is missing".to_owned(),
        Damage::KeyFileDamaged => "the key file is damaged".to_owned(),
        Damage::KeyWrongLength => "the key in the key file has the wrong length".to_owned(),
        Damage::BackupDamaged => "the backup is damaged".to_owned(),
        Damage::BackupIncomplete => "the journal in the backup is incomplete".to_owned(),
        Damage::CheckAborted => "the check of the journal was interrupted".to_owned(),
        Damage::CheckFailed(err) => err.english(),
    }
}

/// [`DiskProblem`] in English.
fn disk_problem(problem: &DiskProblem) -> String {
    match problem {
        DiskProblem::Full => "the disk is full".to_owned(),
        DiskProblem::QuotaExceeded => "your storage space is used up".to_owned(),
        DiskProblem::PermissionDenied => "no permission to write".to_owned(),
        DiskProblem::ReadOnly => "the disk is read-only".to_owned(),
        DiskProblem::Other(message) => format!("the system reported: {message}"),
    }
}

impl Localized for StoreError {
    fn english(&self) -> String {
        match self {
            StoreError::Vault(err) => err.english(),
            StoreError::InUse => "Opnamewijs is already open with this data. Go to that window, \
                or close it and try again."
                .to_owned(),
            StoreError::Io { path, source } => {
                format!("Cannot read or write {}: {source}", path.display())
            }
            StoreError::Corrupt { path, problem } => format!(
                "The data file {} is damaged and was not changed ({}). Restore a backup or \
                 contact the developers.",
                path.display(),
                corruption(problem)
            ),
            StoreError::NewerFormat { path, found } => format!(
                "The data file {} was made by a newer version of Opnamewijs (format {found}). \
                 Update the app.",
                path.display()
            ),
            StoreError::LegacyFound { path, recordings } => format!(
                "There is an old, unprotected file of an earlier version of Opnamewijs in {} \
                 ({recordings} recordings). Import it? The recordings then go into your \
                 protected journal, marked 'imported from an unprotected file', and the old \
                 file is removed. Choose 'Not now' if you do not know this file: the app closes \
                 and nothing changes.",
                path.display()
            ),
            StoreError::Behind {
                anchor,
                found,
                other_vault,
            } => {
                let what = if *other_vault {
                    "This journal is not the one Opnamewijs last opened here."
                } else {
                    "This journal is older than the one Opnamewijs last opened here; an older \
                     copy may have been put back."
                };
                format!(
                    "{what} Now: entry {} (head {}). Last seen: entry {} (head {}). Nothing \
                     was written. Do you go on with this journal, or close the app to put the \
                     newer data back first?",
                    found.seq,
                    found.short_hash(),
                    anchor.seq,
                    anchor.short_hash()
                )
            }
            StoreError::Missing { anchor, legacy } => format!(
                "The data Opnamewijs last opened here is gone: the journal was at entry {} \
                 (head {}), and now there is no journal.{} Nothing was written. Put the data or \
                 a backup back and start again, or begin with empty data.",
                anchor.seq,
                anchor.short_hash(),
                if *legacy {
                    " The old, unprotected file that is there is not imported, because a \
                     protected journal was here."
                } else {
                    ""
                }
            ),
        }
    }
}

/// [`Corruption`] in English.
fn corruption(corruption: &Corruption) -> String {
    match corruption {
        Corruption::Unparsable {
            problem,
            line,
            column,
        } => format!(
            "{} (line {line}, column {column})",
            pack::shape_problem(problem)
        ),
        Corruption::MigrationMismatch => "the migrated data does not match".to_owned(),
        Corruption::TooLarge { max } => {
            format!("the file is larger than {max} bytes and was not read")
        }
        Corruption::Entry { seq, problem } => {
            format!("journal entry {seq}: {}", pack::shape_problem(problem))
        }
    }
}

impl Localized for MentorError {
    fn english(&self) -> String {
        match self {
            MentorError::TooLarge => {
                "This file is too large for a feedback request or receipt of Opnamewijs.".to_owned()
            }
            MentorError::NotARequest { problem } => format!(
                "This is not a (readable) feedback request of Opnamewijs: {}.",
                defect(problem)
            ),
            MentorError::NotAReceipt { problem } => format!(
                "This is not a (readable) receipt of Opnamewijs: {}.",
                defect(problem)
            ),
            MentorError::NewerFormat { found } => format!(
                "This file was made by a newer version of Opnamewijs (format {found}). Update \
                 the app."
            ),
            MentorError::Modified => "The receipt was changed or damaged after it was signed, \
                and was not used. Ask your mentor to export it again."
                .to_owned(),
            MentorError::OtherRecording => "This receipt belongs to a recording that is not in \
                this Opnamewijs. Nothing was changed."
                .to_owned(),
            MentorError::UnknownRequest { title } => format!(
                "This receipt does not answer a feedback request you made for \"{title}\". \
                 Nothing was changed."
            ),
            MentorError::AlreadyConfirmed { title, by } => {
                format!("The feedback on \"{title}\" was already confirmed ({by}).")
            }
            MentorError::AlreadyImported { title, student } => format!(
                "This feedback request (\"{title}\" from {student}) is already in your list."
            ),
            MentorError::NoSuchRequest => {
                "That feedback request is not (or no longer) in your list.".to_owned()
            }
            MentorError::NotConfirmed => "First confirm that you gave the feedback; then you can \
                save the receipt."
                .to_owned(),
            MentorError::NoName => {
                "First fill in your name in your profile: it goes on the receipt.".to_owned()
            }
            MentorError::NotRecordedYet => {
                "Ask for feedback only once the lesson has been recorded.".to_owned()
            }
            MentorError::OwnKey => "This receipt was signed with the key of this Opnamewijs \
                itself, not with your mentor's. A confirmation you sign yourself does not count; \
                ask your mentor to confirm the request in their own Opnamewijs."
                .to_owned(),
            MentorError::RequestEdited => "The feedback request was changed after Opnamewijs \
                made it (dates, title or name): your mentor saw other details than this \
                Opnamewijs sent. The receipt was not used; make a new request."
                .to_owned(),
            MentorError::NotCompared => "First compare the key's fingerprint with the one on \
                your mentor's screen, and confirm that they are the same."
                .to_owned(),
            MentorError::NothingToAccept => "Read the receipt in again: the receipt you want to \
                accept is not (or no longer) the one just shown."
                .to_owned(),
            MentorError::File(err) => err.english(),
            MentorError::NoRandomness => "Opnamewijs could not get secure random numbers from \
                the system. Try again."
                .to_owned(),
        }
    }
}

/// [`Defect`] in English.
fn defect(defect: &Defect) -> String {
    match defect {
        Defect::Json {
            problem,
            line,
            column,
        } => format!(
            "{} (line {line}, column {column})",
            pack::shape_problem(problem)
        ),
        Defect::Kind(kind) => format!("kind \"{kind}\""),
        Defect::Empty(field) => format!("{field} is empty"),
        Defect::TooLong(field) => format!("{field} is longer than {MAX_FIELD} characters"),
        Defect::ControlCharacters(field) => format!("{field} contains control characters"),
        Defect::Nonce => "the nonce is not 64 hexadecimal characters".to_owned(),
        Defect::Seal => "the seal is not 64 hexadecimal characters".to_owned(),
    }
}

/// What opening repaired after a crash (the English of [`Recovery`]'s `Display`).
pub fn recovery(recovery: &Recovery) -> String {
    if recovery.is_clean() {
        return "There was nothing to repair.".to_owned();
    }
    let mut out = Vec::new();
    if recovery.discarded_tail_bytes > 0 {
        out.push(format!(
            "An incomplete last entry ({} bytes) was left out; Opnamewijs was interrupted while \
             it was being saved.",
            recovery.discarded_tail_bytes
        ));
    }
    if recovery.head_repaired {
        out.push("The last entry was saved but not yet confirmed; it is confirmed now.".to_owned());
    }
    out.join(" ")
}

/// One thing erasing left behind (the English of [`Leftover`]'s `Display`).
pub fn leftover(leftover: &Leftover) -> String {
    match leftover {
        Leftover::Path(path) => path.clone(),
        Leftover::Unlisted(err) => err.english(),
        Leftover::KeyringEntry(place) => format!("keyring: {place}"),
        Leftover::KeyringUnchecked { place, problem } => {
            format!(
                "keyring: {place} (cannot be checked: {})",
                problem.english()
            )
        }
    }
}

impl Localized for DossierError {
    fn english(&self) -> String {
        match self {
            DossierError::TooLarge { max } => {
                format!("This file is larger than a dossier of Opnamewijs can be ({max} MB).")
            }
            DossierError::NotAPdf => {
                "This file is not a PDF file, so not a dossier of Opnamewijs.".to_owned()
            }
            DossierError::Damaged { what } => format!(
                "This PDF file is damaged or cut off ({}); it cannot be checked.",
                match what {
                    PdfDamage::NoEnd => "the end of the file is missing",
                    PdfDamage::CrossReference => "the file's table of contents cannot be read",
                    PdfDamage::Object => "a part is not where the table of contents says",
                    PdfDamage::Stream => "a block of data is cut off",
                }
            ),
            DossierError::NotADossier { what } => format!(
                "This PDF file is not a dossier of Opnamewijs: {}.",
                match what {
                    Missing::Pages => "its pages are not in the form Opnamewijs writes",
                    Missing::Attachments => "its attachments are not in the form Opnamewijs writes",
                    Missing::Manifest => "it holds no manifest of Opnamewijs",
                    Missing::TooMany => "it has more pages, attachments or parts than a dossier",
                }
            ),
        }
    }
}
