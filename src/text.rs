//! Bilingual text as it appears in policy packs, and the language a view is rendered in.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A text in Dutch (the source language of every pack) and English.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Text {
    /// Dutch, always present: the institutes write their rules in Dutch.
    pub nl: String,
    /// English translation.
    pub en: String,
}

impl Text {
    /// The text in `lang`.
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Nl => &self.nl,
            Lang::En => &self.en,
        }
    }
}

/// The language views are rendered in. Dutch first.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum Lang {
    /// Nederlands.
    #[default]
    Nl,
    /// English.
    En,
}

impl Lang {
    /// The language for a system locale tag such as `nl-NL`, `nl_BE.UTF-8` or `en-US`: Dutch for
    /// every Dutch locale, English for any other.
    pub fn from_locale(tag: &str) -> Lang {
        let lower = tag.trim().to_ascii_lowercase();
        if lower == "nl"
            || lower.starts_with("nl-")
            || lower.starts_with("nl_")
            || lower.starts_with("nl.")
        {
            Lang::Nl
        } else {
            Lang::En
        }
    }
}

/// Picks the Dutch or English form of a short literal from the core.
pub(crate) fn tr(lang: Lang, nl: &str, en: &str) -> String {
    match lang {
        Lang::Nl => nl.to_owned(),
        Lang::En => en.to_owned(),
    }
}

/// "a, b en c" (or "a, b and c"): `parts` as one phrase in `lang`; empty when there are none.
pub fn listed(parts: &[String], lang: Lang) -> String {
    let and = match lang {
        Lang::Nl => "en",
        Lang::En => "and",
    };
    match parts.split_last() {
        None => String::new(),
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} {and} {last}", rest.join(", ")),
    }
}

/// "1 opname" / "3 opnamen"; nothing for none.
pub fn counted(n: usize, one: &str, many: &str) -> Option<String> {
    match n {
        0 => None,
        1 => Some(format!("1 {one}")),
        n => Some(format!("{n} {many}")),
    }
}
