//! The finder for leftover files: in folders the user chose, the video and audio files whose time
//! lies within a day of a recording's recording time. It reads names, sizes and times only — never
//! a file's contents — keeps what it found in memory only (a path is stored only when the user
//! links a file to a recording as a copy), never runs in the background, and is bounded: so many
//! files, so deep, so long, and it can be cancelled.

use chrono::{DateTime, Duration, Utc};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::time::Instant;

/// How far a scan may go.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Entries (files and folders) looked at, in all folders together.
    pub entries: u64,
    /// Folder levels below a chosen folder.
    pub depth: usize,
    /// Time.
    pub time: std::time::Duration,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            entries: 200_000,
            depth: 8,
            time: std::time::Duration::from_secs(20),
        }
    }
}

/// A recording the finder looks for: its id and when it was recorded.
#[derive(Debug, Clone)]
pub struct Window {
    /// Recording id.
    pub recording: String,
    /// When it was recorded.
    pub at: DateTime<Utc>,
}

/// A file that may be a copy of a recording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    /// Where it is.
    pub path: PathBuf,
    /// Its size in bytes.
    pub size: u64,
    /// Its time (modified, or created when that is closer to a recording).
    pub time: DateTime<Utc>,
    /// The recordings whose time it is within a day of.
    pub recordings: Vec<String>,
}

/// Why a scan stopped before it looked at everything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stopped {
    /// The user cancelled it.
    Cancelled,
    /// It looked at as many entries as it may.
    TooManyEntries,
    /// It ran as long as it may.
    TooLong,
}

/// What a scan found.
#[derive(Debug, Clone, Default)]
pub struct Report {
    /// The matching files, in the order found.
    pub hits: Vec<Hit>,
    /// Entries looked at.
    pub entries: u64,
    /// Folders that could not be read (no permission, gone), counted, not named.
    pub unreadable: u64,
    /// Folders not entered because they were deeper than allowed.
    pub too_deep: u64,
    /// Set when the scan did not finish.
    pub stopped: Option<Stopped>,
}

/// File name extensions of video and audio files.
const MEDIA: [&str; 24] = [
    "mp4", "mov", "m4v", "avi", "mkv", "webm", "3gp", "wmv", "mts", "m2ts", "mpg", "mpeg", "hevc",
    "m4a", "mp3", "wav", "aac", "ogg", "opus", "flac", "amr", "wma", "caf", "aiff",
];

/// Whether `path` names a video or audio file (by its extension).
pub fn is_media(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| MEDIA.iter().any(|m| m.eq_ignore_ascii_case(e)))
}

/// Scans `folders` for media files within a day of a window. Symbolic links are not followed (so
/// a link loop or a link out of the chosen folders is never entered); `progress` is told the
/// number of entries looked at every so often; `cancel` stops the scan at the next entry.
pub fn scan(
    folders: &[PathBuf],
    windows: &[Window],
    limits: Limits,
    cancel: &AtomicBool,
    progress: &AtomicU64,
) -> Report {
    let started = Instant::now();
    let mut report = Report::default();
    let mut stack: Vec<(PathBuf, usize)> = folders.iter().rev().map(|f| (f.clone(), 0)).collect();
    while let Some((dir, depth)) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            report.unreadable += 1;
            continue;
        };
        let mut below = Vec::new();
        for entry in entries {
            if cancel.load(Ordering::Relaxed) {
                report.stopped = Some(Stopped::Cancelled);
                return report;
            }
            if report.entries >= limits.entries {
                report.stopped = Some(Stopped::TooManyEntries);
                return report;
            }
            if report.entries % 256 == 0 && started.elapsed() > limits.time {
                report.stopped = Some(Stopped::TooLong);
                return report;
            }
            report.entries += 1;
            progress.store(report.entries, Ordering::Relaxed);
            let Ok(entry) = entry else { continue };
            // `file_type` of a directory entry does not follow links.
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            if kind.is_symlink() {
                continue;
            }
            let path = entry.path();
            if kind.is_dir() {
                if depth < limits.depth {
                    below.push((path, depth + 1));
                } else {
                    report.too_deep += 1;
                }
                continue;
            }
            if !kind.is_file() || !is_media(&path) {
                continue;
            }
            let Ok(meta) = entry.metadata() else { continue };
            let times: Vec<DateTime<Utc>> = [meta.modified(), meta.created()]
                .into_iter()
                .filter_map(Result::ok)
                .map(DateTime::<Utc>::from)
                .collect();
            let recordings: Vec<String> = windows
                .iter()
                .filter(|w| times.iter().any(|t| (*t - w.at).abs() <= Duration::days(1)))
                .map(|w| w.recording.clone())
                .collect();
            if recordings.is_empty() {
                continue;
            }
            let time = times
                .iter()
                .copied()
                .min_by_key(|t| {
                    windows
                        .iter()
                        .map(|w| (*t - w.at).abs())
                        .min()
                        .unwrap_or(Duration::MAX)
                })
                .unwrap_or_default();
            report.hits.push(Hit {
                path,
                size: meta.len(),
                time,
                recordings,
            });
        }
        // Depth first, in name order within a folder, so a scan is repeatable.
        below.sort();
        stack.extend(below.into_iter().rev());
    }
    report
}

/// The folders worth suggesting: `known` (the platform's Downloads, Desktop, Videos and Pictures
/// folders, as the shell knows them) and the OneDrive, Dropbox and Google Drive folders in `home`,
/// each only when it exists.
pub fn suggested_folders(home: Option<&Path>, known: Vec<PathBuf>) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = known;
    if let Some(home) = home {
        if let Ok(entries) = std::fs::read_dir(home) {
            let mut clouds: Vec<PathBuf> = entries
                .filter_map(Result::ok)
                .filter(|e| {
                    let name = e.file_name().to_string_lossy().to_lowercase();
                    name.starts_with("onedrive")
                        || name == "dropbox"
                        || name == "google drive"
                        || name == "my drive"
                        || name == "googledrive"
                })
                .map(|e| e.path())
                .collect();
            clouds.sort();
            out.extend(clouds);
        }
    }
    out.retain(|p| p.is_dir());
    out.dedup();
    out
}
