//! A derived deadline, worded: what, by when, and where it stands.

use super::{event_label, format_datetime};
use crate::deadline::{Deadline, DeadlineSource, DeadlineStatus};
use crate::rules::labels::status_label;
use crate::text::{tr, Lang};
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// A deadline, worded.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DeadlineView {
    /// Stable id within the recording.
    pub id: String,
    /// What must be done.
    pub title: String,
    /// Background.
    pub help: Option<String>,
    /// Due instant (RFC 3339), once known.
    pub due: Option<DateTime<Utc>>,
    /// Status.
    pub status: DeadlineStatus,
    /// One line: "uiterlijk di 24 nov. 2026 23:59", "wacht op: opgenomen", "gedaan op …".
    pub when: String,
    /// Status label.
    pub status_label: String,
    /// The user must pick the date (reflection retention).
    pub needs_date: bool,
}

/// Words a derived deadline.
pub fn deadline_view(d: &Deadline<'_>, lang: Lang) -> DeadlineView {
    let (title, help) = match &d.source {
        DeadlineSource::Rule(rule) => (
            rule.title.get(lang).to_owned(),
            rule.help.as_ref().map(|h| h.get(lang).to_owned()),
        ),
        DeadlineSource::Incident { kind, clock, .. } => (
            format!("{}: {}", kind.title.get(lang), clock.title.get(lang)),
            None,
        ),
    };
    let when = match (d.status, d.done_at, d.due, d.waits_for) {
        (DeadlineStatus::Done, Some(at), _, _) => format!(
            "{} {}",
            tr(lang, "gedaan op", "done on"),
            format_datetime(at, lang)
        ),
        (_, _, Some(due), _) => format!(
            "{} {}",
            tr(lang, "uiterlijk", "by"),
            format_datetime(due, lang)
        ),
        (_, _, None, Some(ev)) => format!(
            "{} {}",
            tr(lang, "start bij:", "starts at:"),
            event_label(ev, lang).to_lowercase()
        ),
        _ => tr(
            lang,
            "kies zelf een concrete datum",
            "choose a concrete date",
        ),
    };
    DeadlineView {
        id: d.id.to_string(),
        title,
        help,
        due: d.due,
        status: d.status,
        when,
        status_label: status_label(d.status, lang),
        needs_date: matches!(&d.source, DeadlineSource::Rule(r) if matches!(r.due, crate::policy::Due::ChosenDate { .. }))
            && d.done_at.is_none(),
    }
}
