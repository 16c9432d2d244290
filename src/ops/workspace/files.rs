//! Files on this computer as copies: a file the finder found is linked to a recording (its path
//! is kept only from then on), and its deletion can be verified by checking it is gone.

use super::{RecordingChanged, RecordingError, Result, Workspace};
use crate::finder::Window;
use crate::recording::{Confirmation, CopyKind, EventKind};
use crate::store::Change;
use crate::text::tr;
use serde::Deserialize;
use std::path::Path;
use ts_rs::TS;

/// Input of checking that a linked file is gone.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct VerifyAbsent {
    /// Recording id.
    pub recording: String,
    /// Copy id (a linked file).
    pub copy: String,
}

impl Workspace {
    /// What the finder looks for: every recorded recording that is not closed, with the time it
    /// was recorded.
    pub fn finder_windows(&self) -> Vec<Window> {
        self.state
            .recordings
            .iter()
            .filter(|r| !r.is_closed())
            .filter_map(|r| {
                r.first(EventKind::Recorded).map(|at| Window {
                    recording: r.id.clone(),
                    at,
                })
            })
            .collect()
    }

    /// Links the file at `path` (found by the finder) to a recording as a copy: from now on its
    /// path is kept, so its deletion can be verified.
    pub fn link_file(
        &mut self,
        recording: &str,
        path: &Path,
        size: u64,
    ) -> Result<RecordingChanged> {
        let path_text = path.display().to_string();
        let change = Change::CopyAdded {
            kind: CopyKind::File,
        };
        self.update(recording, change, |rec, op| {
            if rec.first(EventKind::Recorded).is_none() {
                return Err(RecordingError::NotRecordedYet.into());
            }
            if rec
                .copies
                .iter()
                .any(|c| c.path.as_deref() == Some(path_text.as_str()))
            {
                return Err(RecordingError::AlreadyLinked.into());
            }
            let name = path
                .file_name()
                .map_or_else(|| path_text.clone(), |n| n.to_string_lossy().into_owned());
            let label = format!(
                "{}: {name} ({})",
                tr(op.lang, "Bestand op deze computer", "File on this computer"),
                size_label(size)
            );
            super::copies::add_user_copy(rec, CopyKind::File, label, op.now);
            if let Some(copy) = rec.copies.last_mut() {
                copy.path = Some(path_text.clone());
            }
            Ok(())
        })
    }

    /// Checks that a linked file is gone and, if so, records its deletion as verified by the app.
    pub fn verify_absent(&mut self, input: VerifyAbsent) -> Result<RecordingChanged> {
        let change = Change::DeletionConfirmed {
            copy: input.copy.clone(),
        };
        self.update(&input.recording, change, |rec, op| {
            let copy = rec
                .copies
                .iter_mut()
                .find(|c| c.id == input.copy)
                .ok_or_else(|| super::unknown(super::PackThing::Copy, &input.copy))?;
            let Some(path) = copy.path.clone() else {
                return Err(super::unknown(super::PackThing::Copy, &input.copy));
            };
            if copy.deleted.is_some() {
                return Err(RecordingError::AlreadyDeleted.into());
            }
            // Not following a link: a link left where the file was is still something there.
            if std::fs::symlink_metadata(&path).is_ok() {
                return Err(RecordingError::FileStillThere {
                    name: Path::new(&path)
                        .file_name()
                        .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned()),
                }
                .into());
            }
            copy.deleted = Some(Confirmation {
                by: op.by.clone(),
                at: op.now,
                method: tr(
                    op.lang,
                    "bestand verwijderd (en uit de prullenbak)",
                    "file deleted (and from the bin)",
                ),
                bin_emptied: false,
                verified_absent: true,
            });
            Ok(())
        })
    }
}

/// A size as people read it: "12,3 MB".
pub fn size_label(bytes: u64) -> String {
    let mb = bytes as f64 / 1_000_000.0;
    if mb >= 1000.0 {
        format!("{:.1} GB", mb / 1000.0).replace('.', ",")
    } else if mb >= 1.0 {
        format!("{mb:.1} MB").replace('.', ",")
    } else {
        format!("{} kB", bytes.div_ceil(1000))
    }
}
