//! How errors leave the core: every area has its own `thiserror` enum whose `Display` is the
//! Dutch sentence a user reads; [`ErrorPayload`] is the `{code, message}` shape that crosses IPC.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An error as the UI receives it: a stable machine code to branch on and a Dutch message to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct ErrorPayload {
    /// Stable identifier, `area.kind` (e.g. `recording.not_found`). The UI may branch on it.
    pub code: String,
    /// A complete Dutch sentence for the user.
    pub message: String,
}

/// An error with a stable code.
pub trait ErrorCode: std::error::Error {
    /// The `area.kind` code of this error.
    fn code(&self) -> &'static str;
}

impl<E: ErrorCode> From<E> for ErrorPayload {
    fn from(err: E) -> Self {
        ErrorPayload {
            code: err.code().to_owned(),
            message: err.to_string(),
        }
    }
}

impl std::fmt::Display for ErrorPayload {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} ({})", self.message, self.code)
    }
}
