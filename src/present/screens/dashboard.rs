//! The app's status, the dashboard and one recording in full.

use super::Result;
use crate::error::ErrorPayload;
use crate::views::{self, AppStatus, PackSummary, RecordingSummary, RecordingView};
use crate::workspace::Workspace;

impl Workspace {
    /// Data directory, profile and packs.
    pub fn status(&self) -> Result<AppStatus> {
        let lang = self.lang();
        Ok(AppStatus {
            data_dir: self.data_dir().display().to_string(),
            profile: self.state().profile.clone(),
            packs: self
                .packs()
                .latest_each()
                .into_iter()
                .map(|p| PackSummary {
                    id: p.id.clone(),
                    version: p.version.clone(),
                    title: p.title.get(lang).to_owned(),
                    source: p.source.get(lang).to_owned(),
                    scope: p.scope.as_ref().map(|s| s.get(lang).to_owned()),
                    origin: views::origin_label(&p.origin, lang),
                    from_file: p.origin != crate::policy::PackOrigin::Embedded,
                })
                .collect(),
            pack_errors: self
                .packs()
                .errors()
                .iter()
                .map(|e| ErrorPayload::localized(e, lang))
                .collect(),
            journal: views::JournalStatus {
                entries: self.store().entries(),
                checking: !self.store().is_checked(),
                head_hash: self.store().head_hash(),
                recovered: (!self.store().recovery().is_clean())
                    .then(|| crate::wording::recovery(&self.store().recovery(), lang)),
            },
        })
    }

    /// The dashboard: every recording, overdue ones first, then by next deadline.
    pub fn list(&self) -> Result<Vec<RecordingSummary>> {
        let (now, lang) = (self.now(), self.lang());
        // Each summary stands on its own: spread over the cores (a start waits for this list).
        let mut out = crate::parallel::map(&self.state().recordings, |rec| {
            let pack = self.packs().require(&rec.pack.id, &rec.pack.version)?;
            Ok(views::summary(pack, rec, now, lang))
        })
        .into_iter()
        .collect::<Result<Vec<_>>>()?;
        out.sort_by(|a, b| {
            let key = |s: &RecordingSummary| {
                (
                    s.closed,
                    s.overdue == 0,
                    s.next_deadline.as_ref().map(|d| (d.status, d.due)),
                )
            };
            key(a).cmp(&key(b))
        });
        Ok(out)
    }

    /// One recording in full.
    pub fn view(&self, id: &str) -> Result<RecordingView> {
        let rec = self.recording(id)?;
        let pack = self.packs().require(&rec.pack.id, &rec.pack.version)?;
        let mut view = views::recording_view(pack, rec, self.now(), self.lang());
        view.known_schools = self.schools();
        Ok(view)
    }
}
