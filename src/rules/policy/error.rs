//! Why a pack could not be used: the errors of reading, parsing, validating and looking up packs.

use super::problem::{PackProblem, ReadProblem, ShapeProblem};
use crate::error::ErrorCode;

/// Why a pack could not be used.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PolicyError {
    /// The file could not be read.
    #[error("Beleidspakket {file} kan niet worden gelezen: {problem}")]
    Read {
        /// File name.
        file: String,
        /// Why not.
        problem: ReadProblem,
    },
    /// The JSON does not have the pack's shape (syntax error, missing field, wrong type).
    #[error(
        "Beleidspakket {file}, veld {}: {problem} (regel {line}, kolom {column})",
        .field.as_deref().unwrap_or("(bestand)")
    )]
    Syntax {
        /// File name.
        file: String,
        /// Path of the offending field, e.g. `items[3].phase`; `None` for the file as a whole.
        field: Option<String>,
        /// What is wrong (boxed: it would make every error of the workspace larger).
        problem: Box<ShapeProblem>,
        /// Line of the file where the parser stopped (from 1).
        line: usize,
        /// Column of that line (from 1).
        column: usize,
    },
    /// The JSON has the right shape but its content breaks a rule of the format.
    #[error("Beleidspakket {file}, veld {field}: {problem}")]
    Invalid {
        /// File name.
        file: String,
        /// Path of the offending field.
        field: String,
        /// What is wrong (boxed: it would make every error of the workspace larger).
        problem: Box<PackProblem>,
    },
    /// More pack files than [`MAX_PACK_FILES`](crate::limits::MAX_PACK_FILES) in the packs
    /// folder: those after the first ones in name order were not read.
    #[error("Beleidspakket {file} is niet gelezen: er staan meer dan {max} pakketten in de map (samen {skipped} bestanden niet gelezen, vanaf dit bestand op naamvolgorde)")]
    TooMany {
        /// File name of the first file not read.
        file: String,
        /// How many files were not read.
        skipped: usize,
        /// The limit.
        max: usize,
    },
    /// Two packs with the same id and version.
    #[error("Beleidspakket {file}: {id} versie {version} is al geladen uit een ander bestand")]
    Duplicate {
        /// File name of the second one.
        file: String,
        /// Pack id.
        id: String,
        /// Pack version.
        version: String,
    },
    /// A pack from the data folder that uses the id of a pack built into the app: only the app
    /// itself ships that pack, so no file can pass for the institute's rules.
    #[error("Beleidspakket {file} gebruikt de naam \"{id}\" van een beleidspakket dat in Opnamewijs is ingebouwd en is daarom niet geladen. Een eigen pakket heeft een eigen naam (id).")]
    Impersonates {
        /// The file.
        file: String,
        /// The embedded pack's id it used.
        id: String,
    },
    /// A recording refers to a pack (version) that is not loaded.
    #[error("Beleidspakket {id} versie {version} is niet beschikbaar")]
    Unknown {
        /// Pack id.
        id: String,
        /// Pack version.
        version: String,
    },
}

impl ErrorCode for PolicyError {
    fn code(&self) -> &'static str {
        match self {
            PolicyError::Read { .. } => "policy.read",
            PolicyError::Syntax { .. } => "policy.syntax",
            PolicyError::Invalid { .. } => "policy.invalid",
            PolicyError::TooMany { .. } => "policy.too_many",
            PolicyError::Duplicate { .. } => "policy.duplicate",
            PolicyError::Impersonates { .. } => "policy.impersonates",
            PolicyError::Unknown { .. } => "policy.unknown",
        }
    }
}
