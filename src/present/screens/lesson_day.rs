//! The lesson-day sheet: one page with a recording's checklist (every item shown for it, ticked
//! or not, and where its rule comes from) and its deadlines, for a student who keeps the laptop
//! closed during the lesson. It holds no pupil data: the recording's title and date, the school's
//! name, the pack, and the student's own name.

use super::Result;
use crate::pdf::PdfDocument;
use crate::text::{tr, Lang};
use crate::views::{format_datetime, FileReport, ProvenanceView};
use crate::workspace::Workspace;
use chrono_tz::Europe::Amsterdam;
use std::path::{Path, PathBuf};

/// " (bron: HU-checklist › Opslaan)" for an item or deadline whose source is known.
fn source(from: Option<&ProvenanceView>, lang: Lang) -> String {
    from.map_or_else(String::new, |f| {
        format!(" ({} {})", tr(lang, "bron:", "source:"), f.label)
    })
}

impl Workspace {
    /// The lesson-day sheet of the recording `id`, as PDF bytes: one A4 page for a recording of
    /// the HU pack, also with every question answered (19 items and 7 deadlines; checked in the
    /// tests); a longer checklist of another pack would continue on a second page.
    pub fn lesson_day_pdf(&self, id: &str) -> Result<Vec<u8>> {
        let view = self.view(id)?;
        let rec = self.recording(id)?;
        let lang = self.lang();
        let now = self.now();
        let student = self.state().profile.name.clone();
        let title = tr(lang, "Lesdag", "Lesson day");
        let mut doc = PdfDocument::new(
            &format!("{title} – {}", view.title),
            &student,
            now.with_timezone(&Amsterdam).fixed_offset(),
        );
        doc.set_language(lang);
        doc.heading(&format!("{title}: {}", view.title));
        doc.field(&tr(lang, "Student", "Student"), &student);
        doc.field(
            &tr(lang, "Lesdatum", "Lesson date"),
            &view.planned_for_label,
        );
        doc.field(
            &tr(lang, "Stageschool", "Internship school"),
            &rec.school.as_ref().map_or_else(
                || tr(lang, "(niet ingevuld)", "(not entered)"),
                |s| s.name.clone(),
            ),
        );
        doc.field(
            &tr(lang, "Beleid", "Policy"),
            &format!("{} {}", view.pack_title, view.pack.version),
        );
        doc.field(&tr(lang, "Stand van", "As of"), &format_datetime(now, lang));
        doc.subheading(&tr(lang, "Checklist", "Checklist"));
        for phase in view.phases.iter().filter(|p| !p.items.is_empty()) {
            doc.check_line(&phase.title, "");
            for item in &phase.items {
                let mark = if item.tick.is_some() { "[x]" } else { "[  ]" };
                let blocking = if item.blocking && item.tick.is_none() {
                    tr(lang, " – eerst afronden", " – finish first")
                } else {
                    String::new()
                };
                let text = format!(
                    "{}{blocking}{}",
                    item.text,
                    source(item.from.as_ref(), lang)
                );
                doc.check_line(mark, &text);
            }
        }
        doc.subheading(&tr(lang, "Termijnen", "Deadlines"));
        if view.deadlines.is_empty() {
            doc.check_line("", &tr(lang, "Nog geen termijnen.", "No deadlines yet."));
        }
        for d in &view.deadlines {
            let text = format!(
                "{}: {} – {}{}",
                d.title,
                d.when,
                d.status_label,
                source(d.from.as_ref(), lang)
            );
            doc.check_line("•", &text);
        }
        Ok(doc.finish())
    }

    /// Writes the lesson-day sheet of the recording `id` to `path` (absolute, new).
    pub fn export_lesson_day(&self, id: &str, path: &Path) -> Result<FileReport> {
        crate::limits::check_export_path(path, self.data_dir())?;
        crate::files::check_new_file(path)?;
        let bytes = self.lesson_day_pdf(id)?;
        crate::files::write_export(path, &bytes)?;
        Ok(FileReport {
            path: PathBuf::from(path).display().to_string(),
        })
    }
}
