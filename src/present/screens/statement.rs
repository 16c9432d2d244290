//! The statement for an internship school at the end of the internship: a PDF for the school's
//! privacy contact listing the recordings made there (title, date, purposes) and, for each copy,
//! when it was deleted — or that it is still open. No footage, no pupil data.

use super::Result;
use crate::pdf::PdfDocument;
use crate::policy::AnswerKind;
use crate::recording::{Answer, EventKind, Recording};
use crate::text::{tr, Lang};
use crate::views::{format_date, format_datetime, FileReport};
use crate::workspace::{RecordingError, Workspace};
use chrono_tz::Europe::Amsterdam;
use std::path::{Path, PathBuf};

impl Workspace {
    /// The statement for the school `school` (an id), as PDF bytes.
    pub fn school_statement_pdf(&self, school: &str) -> Result<Vec<u8>> {
        self.wait_journal_check()?;
        let lang = self.lang();
        let now = self.now();
        let newest = self
            .schools()
            .into_iter()
            .find(|s| s.id == school)
            .ok_or(RecordingError::NotFound)?;
        let recordings: Vec<&Recording> = self
            .state()
            .recordings
            .iter()
            .filter(|r| r.school.as_ref().is_some_and(|s| s.id == school))
            .collect();
        let student = self.state().profile.name.clone();
        let title = tr(
            lang,
            "Verklaring lesopnamen",
            "Statement on lesson recordings",
        );
        let mut doc = PdfDocument::new(
            &format!("{title} – {}", newest.name),
            &student,
            now.with_timezone(&Amsterdam).fixed_offset(),
        );
        doc.set_language(lang);
        doc.heading(&format!("{title}: {}", newest.name));
        doc.paragraph(&tr(
            lang,
            "Deze verklaring komt uit Opnamewijs. De student laat hierin zien welke lesopnamen tijdens de stage op deze school zijn gemaakt en wanneer elke kopie is verwijderd. Er staan geen beelden en geen gegevens van leerlingen in; verwijderingen zijn door de student zelf bevestigd.",
            "This statement comes from Opnamewijs. In it the student shows which lesson recordings were made at this school during the internship and when each copy was deleted. It holds no footage and no pupil data; deletions were confirmed by the student.",
        ));
        doc.field(&tr(lang, "Student", "Student"), &student);
        if let Some(contact) = &newest.privacy_contact {
            doc.field(&tr(lang, "Voor", "For"), contact);
        }
        doc.field(
            &tr(lang, "Gemaakt op", "Made on"),
            &format_datetime(now, lang),
        );
        let mut open = 0usize;
        for rec in &recordings {
            open += self.statement_recording(&mut doc, rec, lang)?;
        }
        doc.rule();
        doc.field(
            &tr(lang, "Stand", "Status"),
            &if recordings.is_empty() {
                tr(
                    lang,
                    "Geen opnamen op deze school vastgelegd.",
                    "No recordings logged at this school.",
                )
            } else if open == 0 {
                tr(
                    lang,
                    "Van elke opname is elke kopie verwijderd.",
                    "Every copy of every recording has been deleted.",
                )
            } else {
                format!(
                    "{open} {}",
                    tr(
                        lang,
                        "kopie(ën) of taken nog open; zie hierboven.",
                        "copies or tasks still open; see above."
                    )
                )
            },
        );
        Ok(doc.finish())
    }

    /// One recording on the statement; answers how many copies and tasks are still open.
    fn statement_recording(
        &self,
        doc: &mut PdfDocument,
        rec: &Recording,
        lang: Lang,
    ) -> Result<usize> {
        let pack = self.packs().require(&rec.pack.id, &rec.pack.version)?;
        doc.subheading(&format!(
            "{} – {}",
            rec.title,
            format_date(rec.planned_for, lang)
        ));
        if let (Some(q), Some(answer)) = (
            pack.questions.iter().find(|q| q.id == "purpose"),
            rec.answers.get("purpose"),
        ) {
            let options = match &q.answer {
                AnswerKind::Choice(o) | AnswerKind::Choices(o) => o.as_slice(),
                _ => &[],
            };
            let label = |id: &String| {
                options
                    .iter()
                    .find(|o| &o.id == id)
                    .map_or_else(|| id.clone(), |o| o.text.get(lang).to_owned())
            };
            let purposes = match answer {
                Answer::Choice(c) => label(c),
                Answer::Choices(cs) => cs.iter().map(label).collect::<Vec<_>>().join("; "),
                _ => String::new(),
            };
            doc.field(&tr(lang, "Doel", "Purpose"), &purposes);
        }
        if rec.first(EventKind::Recorded).is_none() {
            doc.bullet(&tr(lang, "Niet opgenomen.", "Not recorded."));
            return Ok(0);
        }
        let mut open = 0;
        for c in &rec.copies {
            let state = match &c.deleted {
                Some(d) => format!(
                    "{} {}",
                    tr(lang, "verwijderd op", "deleted on"),
                    format_date(crate::clock::local_date(d.at), lang)
                ),
                None => {
                    open += 1;
                    tr(lang, "NOG NIET VERWIJDERD", "NOT DELETED YET")
                }
            };
            doc.bullet(&format!("{}: {state}", c.label));
        }
        for t in rec.tasks.iter().filter(|t| t.done.is_none()) {
            open += 1;
            let copy = rec
                .copies
                .iter()
                .find(|c| c.id == t.copy)
                .map_or(t.copy.as_str(), |c| c.label.as_str());
            doc.bullet(&format!(
                "{}: {copy}",
                tr(
                    lang,
                    "NOG OPEN: verwijderen of bewerken na bezwaar of ingetrokken toestemming",
                    "STILL OPEN: delete or edit after an objection or withdrawn consent"
                )
            ));
        }
        Ok(open)
    }

    /// Writes the statement for the school `school` to `path` (absolute, new).
    pub fn export_school_statement(&self, school: &str, path: &Path) -> Result<FileReport> {
        crate::limits::check_export_path(path, self.data_dir())?;
        crate::files::check_new_file(path)?;
        let bytes = self.school_statement_pdf(school)?;
        crate::files::write_export(path, &bytes)?;
        Ok(FileReport {
            path: PathBuf::from(path).display().to_string(),
        })
    }
}
