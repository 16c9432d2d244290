//! **Wording**: the sentences of the core's errors (and of the few other values it reports, such
//! as what opening repaired), in each language the app speaks.
//!
//! The **Dutch catalog** is where each error is defined: the `#[error("…")]` attribute of each
//! variant is its Dutch sentence (its `Display`), and the details some sentences name (why a file
//! could not be read, which input was too long, …) are small enums whose `Display` is the Dutch
//! phrase. Those enums hold no words, only what happened, so each language can word it.
//!
//! The **English catalog** is [`en`]: one `match` per error enum, with a sentence for each
//! variant, implementing [`Localized`](crate::error::Localized). There is no fallback arm, so a
//! new variant without an English sentence does not compile.
//!
//! The layers decide where each English sentence lives: this module sits in the presentation
//! layer and may not know the verbs above it, so the errors of the operations
//! ([`RecordingError`](crate::workspace::RecordingError),
//! [`ShareError`](crate::workspace::ShareError) and
//! [`WorkspaceError`](crate::workspace::WorkspaceError), which hands each area to its own
//! catalog) carry their English next to their Dutch in `ops/workspace/errors.rs`, and
//! [`AppError`](crate::app::AppError) in `app.rs`. Everything defined below this layer is worded
//! here.
//!
//! The operations build some details of their errors themselves (labels, dates, reasons from the
//! pack) and do that in the user's language already; what this catalog words is everything else.

pub mod en;

use crate::text::Lang;
use crate::vault::{Leftover, Recovery};

/// What opening repaired after a crash, in `lang`.
pub fn recovery(recovery: &Recovery, lang: Lang) -> String {
    match lang {
        Lang::Nl => recovery.to_string(),
        Lang::En => en::recovery(recovery),
    }
}

/// One thing erasing left behind, in `lang`.
pub fn leftover(leftover: &Leftover, lang: Lang) -> String {
    match lang {
        Lang::Nl => leftover.to_string(),
        Lang::En => en::leftover(leftover),
    }
}
