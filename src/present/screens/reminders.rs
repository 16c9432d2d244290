//! What deserves an OS notification: deadlines due at once (again a few hours later, if still
//! open), due today or overdue, and late feedback requests on a mentor's desk.

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
                    // Due at once: reminded at once, and once more after the pack's interval
                    // (a new key, so it is shown again).
                    DeadlineStatus::DoNow => match remind_again_at(&d) {
                        Some(again) if now >= again => (
                            "nu-doen-nogmaals",
                            tr(lang, "Nog steeds nu doen", "Still to do now"),
                        ),
                        _ => ("nu-doen", tr(lang, "Nu doen", "Do it now")),
                    },
                    DeadlineStatus::DueToday => ("vandaag", tr(lang, "Vandaag", "Today")),
                    _ => continue,
                };
                let view = views::deadline_view(&d, pack, lang);
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

/// When a deadline due at once is reminded a second time, if its pack says so.
fn remind_again_at(d: &deadline::Deadline<'_>) -> Option<chrono::DateTime<chrono::Utc>> {
    let deadline::DeadlineSource::Rule(rule) = &d.source else {
        return None;
    };
    let after = rule.grace.as_ref()?.remind_again?;
    Some(deadline::apply_offset(
        d.due?,
        after,
        &crate::calendar::DutchCalendar::default(),
    ))
}
