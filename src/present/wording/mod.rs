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
//! Every error enum of the core below the desktop shell's handle is worded here, whatever layer
//! defines it: the presentation is the top layer, so it may name them all.
//! [`AppError`](crate::app::AppError), the handle's own, carries its English next to its Dutch in
//! `app.rs`.
//!
//! The operations build some details of their errors themselves (labels, dates, reasons from the
//! pack) and do that in the user's language already, with the names of [`crate::nouns::names`],
//! [`crate::rules::labels`] and [`crate::dates`]; what this catalog words is everything else.

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
