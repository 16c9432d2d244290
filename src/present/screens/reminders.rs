//! What deserves an OS notification: deadlines due today or overdue, and late feedback requests
//! on a mentor's desk.

use super::Result;
use crate::deadline::{self, DeadlineStatus};
use crate::profile::Mode;
use crate::text::tr;
use crate::views;
use crate::workspace::Workspace;

/// One notification.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reminder {
    /// Stable while the reason is the same (recording, deadline and status), so each is shown once.
    pub key: String,
    /// Title line.
    pub title: String,
    /// Body text.
    pub body: String,
}

impl Workspace {
    /// Every reason for a notification right now, most urgent first.
    pub fn reminders(&self) -> Result<Vec<Reminder>> {
        let lang = self.lang();
        let now = self.now();
        let mut out = Vec::new();
        if self.state().profile.mode == Mode::Mentor {
            for r in self.desk()?.requests {
                if let (Some(late), None) = (r.late, &r.confirmed) {
                    out.push(Reminder {
                        key: format!("desk/{}", r.id),
                        title: format!(
                            "{} {}",
                            tr(lang, "Feedback te laat:", "Feedback late:"),
                            r.title
                        ),
                        body: late,
                    });
                }
            }
            return Ok(out);
        }
        for rec in self.state().recordings.iter().filter(|r| !r.is_closed()) {
            let pack = self.packs().require(&rec.pack.id, &rec.pack.version)?;
            for d in deadline::derive(pack, rec, now) {
                let (status, prefix) = match d.status {
                    DeadlineStatus::Overdue => ("te-laat", tr(lang, "Te laat", "Overdue")),
                    DeadlineStatus::DueToday => ("vandaag", tr(lang, "Vandaag", "Today")),
                    _ => continue,
                };
                let view = views::deadline_view(&d, lang);
                out.push(Reminder {
                    key: format!("{}/{}/{status}", rec.id, d.id),
                    title: format!("{prefix}: {}", view.title),
                    body: format!("{} · {}", rec.title, view.when),
                });
            }
        }
        out.sort_by_key(|r| !r.key.ends_with("te-laat"));
        Ok(out)
    }
}
