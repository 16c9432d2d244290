//! A derived deadline, worded: what, by when, and where it stands.

use super::{event_label, format_date, format_datetime};
use super::{provenance_view, school_provenance, ProvenanceView};
use crate::deadline::{Deadline, DeadlineSource, DeadlineStatus};
use crate::policy::{Due, PolicyPack};
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
    /// Where the deadline comes from.
    pub from: Option<ProvenanceView>,
    /// For a deadline due at once: that the source says "at once" and the rest of the day is the
    /// app's grace, with when it counts as overdue.
    pub grace: Option<String>,
    /// A note when a decision keeps the secure copy past this deadline, or when a chosen date
    /// is later than Opnamewijs advises.
    pub note: Option<String>,
    /// For a deadline that deletes every copy, once it runs and while the secure copy is not
    /// kept: the user may decide to keep the secure copy longer (with a reason and an end date).
    pub can_keep: bool,
}

/// Words a derived deadline.
pub fn deadline_view(d: &Deadline<'_>, pack: &PolicyPack, lang: Lang) -> DeadlineView {
    let (title, help, from) = match &d.source {
        DeadlineSource::Rule(rule) => (
            rule.title.get(lang).to_owned(),
            rule.help.as_ref().map(|h| h.get(lang).to_owned()),
            provenance_view(pack, rule.from.as_ref(), lang),
        ),
        DeadlineSource::Incident { kind, clock, .. } => (
            format!("{}: {}", kind.title.get(lang), clock.title.get(lang)),
            None,
            provenance_view(pack, clock.from.as_ref(), lang),
        ),
        DeadlineSource::Keep(keep) => (
            tr(
                lang,
                "De bewaarde veilige kopie verwijderen",
                "Delete the secure copy you kept",
            ),
            Some(format!(
                "{} {} {}: {}",
                tr(lang, "Besloten door", "Decided by"),
                keep.by,
                tr(lang, "op", "on"),
                keep.reason
            )),
            Some(ProvenanceView {
                kind: super::ProvenanceKind::Advice,
                label: tr(lang, "Jouw eigen besluit", "Your own decision"),
                detail: None,
            }),
        ),
        DeadlineSource::Task { cause, copy } => (
            format!(
                "{}: {copy}",
                match cause {
                    crate::recording::TaskCause::ObjectionUpheld => tr(
                        lang,
                        "Bezwaar toegekend, verwijderen of bewerken",
                        "Objection upheld, delete or edit"
                    ),
                    crate::recording::TaskCause::ConsentWithdrawn => tr(
                        lang,
                        "Toestemming ingetrokken, verwijderen of bewerken",
                        "Consent withdrawn, delete or edit"
                    ),
                }
            ),
            Some(tr(
                lang,
                "Verwijder deze kopie, of knip of vervaag de beelden van wie bezwaar maakte of toestemming introk.",
                "Delete this copy, or cut or blur the footage of the person who objected or withdrew consent.",
            )),
            Some(super::advice_view(
                &tr(
                    lang,
                    "de bronnen noemen geen termijn; Opnamewijs geeft een dag, zodat niemand langer dan nodig in beeld blijft.",
                    "the sources name no term; Opnamewijs gives a day, so nobody stays on screen longer than needed.",
                ),
                lang,
            )),
        ),
        DeadlineSource::Resit { on } => (
            format!(
                "{} {}",
                tr(
                    lang,
                    "Alle kopieën verwijderen na de herkansing van",
                    "Delete every copy after the resit on"
                ),
                format_date(*on, lang)
            ),
            Some(tr(
                lang,
                "Slaag je bij de herkansing, leg dat vast: dan geldt meteen verwijderen.",
                "If you pass the resit, log it: then deleting at once applies.",
            )),
            Some(super::advice_view(
                &tr(
                    lang,
                    "de HU zegt verwijderen na het behalen; voor een herkansing heb je de opname nog nodig, dus Opnamewijs houdt haar tot de dag na de herkansing.",
                    "HU says delete after passing; for a resit you still need the recording, so Opnamewijs keeps it until the day after the resit.",
                ),
                lang,
            )),
        ),
        DeadlineSource::School { name, days } => (
            format!(
                "{} {name}",
                tr(
                    lang,
                    "Alle kopieën verwijderen volgens de bewaartermijn van",
                    "Delete every copy by the retention period of"
                )
            ),
            Some(format!(
                "{name} {} {days} {}",
                tr(
                    lang,
                    "bewaart opnamen hoogstens",
                    "keeps recordings at most"
                ),
                tr(lang, "dagen na de opname.", "days after recording.")
            )),
            Some(school_provenance(name, lang)),
        ),
    };
    let grace = d.overdue_after.map(|end| {
        format!(
            "{} {}.",
            tr(
                lang,
                "De regel zegt direct: doe het nu. Opnamewijs telt het pas als te laat na",
                "The rule says at once: do it now. Opnamewijs only counts it as overdue after"
            ),
            format_datetime(end, lang)
        )
    });
    let advised = match &d.source {
        DeadlineSource::Rule(rule) => match &rule.due {
            Due::ChosenDate {
                advised_max: Some(advised),
                ..
            } => Some(advised),
            _ => None,
        },
        _ => None,
    };
    let note = if d.keeps_secure_copy {
        Some(tr(
            lang,
            "De veilige kopie blijft bewaard door jouw besluit; verwijder hier alle andere kopieën.",
            "The secure copy stays by your decision; delete every other copy here.",
        ))
    } else {
        match (advised, d.advised_latest, d.due) {
            (Some(advised), Some(latest), Some(due)) if crate::clock::local_date(due) > latest => {
                let why = match &advised.from {
                    crate::policy::Provenance::Advice(t)
                    | crate::policy::Provenance::Section(t) => t.get(lang),
                };
                Some(format!(
                    "{} {}: {why}",
                    tr(
                        lang,
                        "Later dan Opnamewijs aanraadt, namelijk uiterlijk",
                        "Later than Opnamewijs advises, which is at the latest"
                    ),
                    format_date(latest, lang)
                ))
            }
            _ => None,
        }
    };
    let can_keep = matches!(&d.source, DeadlineSource::Rule(rule)
        if rule.done_when == crate::policy::DoneWhen::AllCopiesDeleted)
        && !d.keeps_secure_copy
        && d.due.is_some()
        && d.done_at.is_none();
    let when = match (d.status, d.done_at, d.due, d.waits_for) {
        (DeadlineStatus::DoNow, _, _, _) => tr(lang, "nu doen", "do it now"),
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
        needs_date: matches!(&d.source, DeadlineSource::Rule(r) if matches!(r.due, Due::ChosenDate { .. }))
            && d.done_at.is_none()
            && d.waits_for.is_none(),
        from,
        grace,
        note,
        can_keep,
    }
}
