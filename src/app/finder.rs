//! The finder as the desktop app runs it: the folders it may suggest, one scan at a time without
//! holding the workspace (so the window stays usable), its progress and cancel, and the files it
//! found — kept in memory only, referred to by number, so the page never hands the core a path.

use super::App;
use crate::error::ErrorPayload;
use crate::finder::{self, Hit, Limits, Stopped};
use crate::text::{tr, Lang};
use crate::views::{FinderView, HitView, RecordingView, SuggestedFolder};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Arc;

/// What the app keeps of the finder between calls, in memory only.
#[derive(Debug, Default)]
pub(super) struct FinderState {
    /// The folders last suggested, by id.
    suggested: Vec<PathBuf>,
    /// The files the last scan found, by id.
    hits: Vec<Hit>,
    /// Set to stop the running scan.
    cancel: Arc<AtomicBool>,
    /// Entries the running scan has looked at.
    progress: Arc<AtomicU64>,
}

impl App {
    /// The folders worth suggesting, of `known` (the platform's user folders) and the cloud
    /// folders in `home`, each that exists.
    pub fn finder_suggestions(
        &self,
        home: Option<&Path>,
        known: Vec<PathBuf>,
    ) -> Vec<SuggestedFolder> {
        let folders = finder::suggested_folders(home, known);
        let view = folders
            .iter()
            .enumerate()
            .map(|(i, p)| SuggestedFolder {
                id: i as u32,
                path: p.display().to_string(),
            })
            .collect();
        self.finder_state().suggested = folders;
        view
    }

    /// The suggested folders with these ids.
    pub fn suggested_folders(&self, ids: &[u32]) -> Vec<PathBuf> {
        let state = self.finder_state();
        ids.iter()
            .filter_map(|&i| state.suggested.get(i as usize).cloned())
            .collect()
    }

    /// Scans `folders` for leftover files of the recordings not yet closed.
    pub fn find_leftovers(&self, folders: Vec<PathBuf>) -> Result<FinderView, ErrorPayload> {
        let (windows, titles, lang) = self.with(|ws| {
            let titles: Vec<(String, String)> = ws
                .state()
                .recordings
                .iter()
                .map(|r| (r.id.clone(), r.title.clone()))
                .collect();
            Ok((ws.finder_windows(), titles, ws.lang()))
        })?;
        let (cancel, progress) = {
            let mut state = self.finder_state();
            state.cancel = Arc::new(AtomicBool::new(false));
            state.progress = Arc::new(AtomicU64::new(0));
            state.hits.clear();
            (state.cancel.clone(), state.progress.clone())
        };
        let report = finder::scan(&folders, &windows, Limits::default(), &cancel, &progress);
        let hits = report
            .hits
            .iter()
            .enumerate()
            .map(|(i, h)| HitView {
                id: i as u32,
                name: h
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                folder: h
                    .path
                    .parent()
                    .map(|p| p.display().to_string())
                    .unwrap_or_default(),
                size: crate::workspace::size_label(h.size),
                time: crate::dates::format_datetime(h.time, lang),
                recordings: h
                    .recordings
                    .iter()
                    .filter_map(|id| titles.iter().find(|(t, _)| t == id).cloned())
                    .collect(),
            })
            .collect();
        let summary = summary(&report, windows.len(), lang);
        self.finder_state().hits = report.hits;
        Ok(FinderView { hits, summary })
    }

    /// Entries the running scan has looked at so far.
    pub fn finder_progress(&self) -> u64 {
        self.finder_state().progress.load(Ordering::Relaxed)
    }

    /// Stops the running scan at its next entry.
    pub fn cancel_finder(&self) {
        self.finder_state().cancel.store(true, Ordering::Relaxed);
    }

    /// Links the file `hit` of the last scan to `recording` as a copy.
    pub fn link_found_file(
        &self,
        recording: &str,
        hit: u32,
    ) -> Result<crate::app::Acted<RecordingView>, ErrorPayload> {
        let found = self.finder_state().hits.get(hit as usize).cloned();
        self.act(|ws| {
            let Some(found) = found else {
                return Err(crate::workspace::RecordingError::NotFound.into());
            };
            // `link_file` refuses a recording that was not made yet.
            ws.link_file(recording, &found.path, found.size)
        })
    }

    fn finder_state(&self) -> std::sync::MutexGuard<'_, FinderState> {
        self.finder.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// One line on a scan, in `lang`.
fn summary(report: &finder::Report, looked_for: usize, lang: Lang) -> String {
    let mut line = format!(
        "{} {} {} {} {}.",
        report.entries,
        tr(
            lang,
            "bestanden en mappen bekeken voor",
            "files and folders looked at for"
        ),
        looked_for,
        tr(
            lang,
            "opname(n) die nog niet afgerond zijn;",
            "recording(s) not yet closed;"
        ),
        match report.hits.len() {
            0 => tr(lang, "niets gevonden", "nothing found"),
            n => format!(
                "{n} {}",
                tr(
                    lang,
                    "mogelijke kopie(ën) gevonden",
                    "possible copies found"
                )
            ),
        }
    );
    if report.unreadable > 0 {
        line.push_str(&format!(
            " {} {}",
            report.unreadable,
            tr(lang, "map(pen) niet leesbaar.", "folder(s) not readable.")
        ));
    }
    if report.too_deep > 0 {
        line.push_str(&format!(
            " {} {}",
            report.too_deep,
            tr(
                lang,
                "map(pen) te diep, overgeslagen.",
                "folder(s) too deep, skipped."
            )
        ));
    }
    if let Some(stopped) = report.stopped {
        line.push(' ');
        line.push_str(&match stopped {
            Stopped::Cancelled => tr(
                lang,
                "Je hebt het zoeken gestopt.",
                "You stopped the search.",
            ),
            Stopped::TooManyEntries => tr(
                lang,
                "Gestopt: te veel bestanden. Kies een kleinere map.",
                "Stopped: too many files. Choose a smaller folder.",
            ),
            Stopped::TooLong => tr(
                lang,
                "Gestopt: het zoeken duurde te lang. Kies een kleinere map.",
                "Stopped: the search took too long. Choose a smaller folder.",
            ),
        });
    }
    line
}
