//! The calendar of deadlines: every open, dated deadline of every recording as iCalendar text, and
//! that text written to a file the user chose.

use super::Result;
use crate::views::{self, CalendarReport};
use crate::workspace::Workspace;
use std::path::Path;

impl Workspace {
    /// The iCalendar text of every open, dated deadline of every recording.
    pub fn calendar(&self) -> Result<String> {
        let lang = self.lang();
        let now = self.now();
        let mut views = Vec::with_capacity(self.state().recordings.len());
        for rec in &self.state().recordings {
            let pack = self.packs().require(&rec.pack.id, &rec.pack.version)?;
            let deadlines: Vec<_> = crate::deadline::derive(pack, rec, now)
                .iter()
                .map(|d| {
                    let view = views::deadline_view(d, pack, lang);
                    crate::ics::CalendarDeadline {
                        done: view.status == crate::deadline::DeadlineStatus::Done,
                        id: view.id,
                        title: view.title,
                        help: view.help,
                        when: view.when,
                        due: view.due,
                    }
                })
                .collect();
            views.push((rec, deadlines));
        }
        let recordings: Vec<_> = views
            .iter()
            .map(|(rec, deadlines)| crate::ics::RecordingDeadlines {
                id: &rec.id,
                title: &rec.title,
                deadlines,
            })
            .collect();
        Ok(crate::ics::export(&recordings, now))
    }

    /// Writes [`Workspace::calendar`] to `path` and says how many deadlines it holds. A file
    /// already there is replaced only if it is an earlier export ([`crate::ics::is_earlier_export`]),
    /// so a student who picks their own calendar or a document by mistake loses nothing.
    pub fn export_calendar(&self, path: &Path) -> Result<CalendarReport> {
        if !path.is_absolute() {
            return Err(crate::files::FileError::NotAbsolute {
                path: path.display().to_string(),
            }
            .into());
        }
        if !path.parent().is_some_and(Path::is_dir) {
            return Err(crate::files::FileError::NoFolder {
                path: path.display().to_string(),
            }
            .into());
        }
        crate::limits::check_export_path(path, self.data_dir())?;
        let not_ours = || crate::files::FileError::NotOurs {
            path: path.display().to_string(),
        };
        match std::fs::symlink_metadata(path) {
            Ok(meta) if !meta.is_file() => return Err(not_ours().into()),
            Ok(_) => match crate::ics::is_earlier_export(path) {
                Ok(true) => {}
                Ok(false) => return Err(not_ours().into()),
                Err(e) => return Err(crate::files::file_error(path, &e).into()),
            },
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(crate::files::file_error(path, &e).into()),
        }
        let text = self.calendar()?;
        crate::files::write_export(path, text.as_bytes())?;
        Ok(CalendarReport {
            path: path.display().to_string(),
            events: text.matches("BEGIN:VEVENT").count() as u32,
        })
    }
}
