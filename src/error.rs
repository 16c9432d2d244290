//! How errors leave the core: every area has its own `thiserror` enum whose `Display` is the
//! Dutch sentence a user reads, and whose [`Localized::english`] is the English one;
//! [`ErrorPayload`] is the `{code, message}` shape that crosses IPC.

use crate::text::Lang;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An error as the UI receives it: a stable machine code to branch on and a message to show, in
/// the user's language ([`ErrorPayload::localized`]) or in Dutch when that is not known yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ErrorPayload {
    /// Stable identifier, `area.kind` (e.g. `recording.not_found`). The UI may branch on it.
    pub code: String,
    /// A complete sentence for the user, in the user's language.
    pub message: String,
}

/// An error with a stable code.
pub trait ErrorCode: std::error::Error {
    /// The `area.kind` code of this error.
    fn code(&self) -> &'static str;
}

/// An error worded in both languages. Its `Display` is the Dutch sentence: the `#[error]`
/// attribute of each variant is the Dutch catalog. [`Localized::english`] is the English sentence,
/// from the English catalog ([`crate::wording`]). Every error enum of the core implements it with
/// an exhaustive `match`, so a variant without an English sentence does not compile.
pub trait Localized: ErrorCode {
    /// The English sentence for the user.
    fn english(&self) -> String;

    /// The sentence in `lang`: the Dutch `Display` or the English one.
    fn message(&self, lang: Lang) -> String {
        match lang {
            Lang::Nl => self.to_string(),
            Lang::En => self.english(),
        }
    }
}

/// The Dutch payload of an error, for where the user's language is not known (the workspace could
/// not be opened yet). Everywhere else, use [`ErrorPayload::localized`].
impl<E: ErrorCode> From<E> for ErrorPayload {
    fn from(err: E) -> Self {
        ErrorPayload {
            code: err.code().to_owned(),
            message: err.to_string(),
        }
    }
}

impl ErrorPayload {
    /// The payload of `err` with its message in `lang`; the code is the same in every language.
    pub fn localized<E: Localized + ?Sized>(err: &E, lang: Lang) -> Self {
        ErrorPayload {
            code: err.code().to_owned(),
            message: err.message(lang),
        }
    }
}

impl std::fmt::Display for ErrorPayload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}
