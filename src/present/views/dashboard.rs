//! The app's status and the dashboard: where data lives, the packs, the journal, and one line per
//! recording.

use super::checklist::verdict_view;
use super::{deadline_view, format_date, DeadlineView, VerdictView};
use crate::checklist;
use crate::deadline::{self, DeadlineStatus};
use crate::error::ErrorPayload;
use crate::policy::{PackOrigin, PolicyPack};
use crate::profile::Profile;
use crate::recording::Recording;
use crate::text::Lang;
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// The app's state around the recordings: where data lives, the packs and what failed to load.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppStatus {
    /// The data directory.
    pub data_dir: String,
    /// The user's profile.
    pub profile: Profile,
    /// Packs a new recording can be checked against (newest version of each).
    pub packs: Vec<PackSummary>,
    /// Packs that could not be loaded, with the reason.
    pub pack_errors: Vec<ErrorPayload>,
    /// The journal was opened and its whole hash chain verified.
    pub journal: JournalStatus,
}

/// The journal: how many entries, and whether all of them are verified yet.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct JournalStatus {
    /// Number of entries.
    #[ts(type = "number")]
    pub entries: u64,
    /// The journal was opened from its snapshot and is still being verified from its first
    /// entry on another thread (writes wait for it); `false` once every entry is verified.
    pub checking: bool,
    /// Hex hash of the newest entry.
    pub head_hash: String,
    /// What opening repaired after a crash, if anything.
    pub recovered: Option<String>,
}

/// A pack as offered when planning.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PackSummary {
    /// Pack id.
    pub id: String,
    /// Pack version.
    pub version: String,
    /// Title.
    pub title: String,
    /// Source document.
    pub source: String,
    /// What the document is and for whom it was written, when the pack says.
    pub scope: Option<String>,
    /// Where the pack comes from: built in, or a file in the data folder ([`origin_label`]).
    pub origin: String,
    /// It comes from a file in the data folder, not from the app itself.
    pub from_file: bool,
}

/// Where a pack comes from, in `lang`: "ingebouwd in Opnamewijs" or the file in the data folder.
pub fn origin_label(origin: &PackOrigin, lang: Lang) -> String {
    match (origin, lang) {
        (PackOrigin::Embedded, Lang::Nl) => "ingebouwd in Opnamewijs".to_owned(),
        (PackOrigin::Embedded, Lang::En) => "built into Opnamewijs".to_owned(),
        (PackOrigin::File(file), Lang::Nl) => format!("eigen bestand {file} in de map policies"),
        (PackOrigin::File(file), Lang::En) => format!("own file {file} in the policies folder"),
    }
}

/// A line on the dashboard.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RecordingSummary {
    /// Recording id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Planned date, formatted.
    pub planned_for: String,
    /// Pack title and version.
    pub pack: String,
    /// Verdict so far.
    pub verdict: VerdictView,
    /// The most urgent open deadline.
    pub next_deadline: Option<DeadlineView>,
    /// Number of overdue deadlines.
    pub overdue: u32,
    /// Ticked items.
    pub items_done: u32,
    /// Items in this recording's checklist.
    pub items_total: u32,
    /// Every copy confirmed deleted.
    pub closed: bool,
}

/// The dashboard line of a recording.
pub fn summary(
    pack: &PolicyPack,
    rec: &Recording,
    now: DateTime<Utc>,
    lang: Lang,
) -> RecordingSummary {
    let known = checklist::Intake::new(pack, &rec.answers);
    let deadlines = deadline::derive_known(pack, rec, &known, now);
    let shown: Vec<_> = pack
        .items
        .iter()
        .filter(|it| checklist::shown(it, &known))
        .collect();
    RecordingSummary {
        id: rec.id.clone(),
        title: rec.title.clone(),
        planned_for: format_date(rec.planned_for, lang),
        pack: format!("{} {}", pack.title.get(lang), pack.version),
        verdict: verdict_view(
            &crate::overlay::verdict_with_school(pack, rec.school.as_ref(), &known),
            pack,
            rec.school.as_ref(),
            lang,
        ),
        next_deadline: deadlines
            .iter()
            .find(|d| {
                matches!(
                    d.status,
                    DeadlineStatus::Overdue
                        | DeadlineStatus::DoNow
                        | DeadlineStatus::DueToday
                        | DeadlineStatus::Upcoming
                        | DeadlineStatus::NeedsDate
                )
            })
            .map(|d| deadline_view(d, pack, lang)),
        overdue: deadlines
            .iter()
            .filter(|d| d.status == DeadlineStatus::Overdue)
            .count() as u32,
        items_done: shown
            .iter()
            .filter(|it| rec.ticks.contains_key(&it.id))
            .count() as u32,
        items_total: shown.len() as u32,
        closed: rec.is_closed(),
    }
}
