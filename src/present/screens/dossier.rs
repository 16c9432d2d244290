//! The dossier for the assessors: a PDF, written by the core, that shows how carefully each
//! recording was handled — without any pupil data.

use super::Result;
use crate::checklist::{self, Intake};
use crate::deadline::{self, DeadlineStatus};
use crate::pdf::PdfDocument;
use crate::policy::AnswerKind;
use crate::recording::{Answer, EventKind, Recording};
use crate::text::{tr, Lang};
use crate::views::{self, format_date, format_datetime, DossierReport};
use crate::workspace::Workspace;
use chrono_tz::Europe::Amsterdam;
use std::path::{Path, PathBuf};

impl Workspace {
    /// The recordings a dossier covers: those chosen for the assessment, or else all.
    fn dossier_recordings(&self) -> Vec<&Recording> {
        let chosen: Vec<&Recording> = self
            .state()
            .recordings
            .iter()
            .filter(|r| r.for_assessment)
            .collect();
        if chosen.is_empty() {
            self.state().recordings.iter().collect()
        } else {
            chosen
        }
    }

    /// The dossier as PDF bytes.
    pub fn dossier_pdf(&self) -> Result<Vec<u8>> {
        // The dossier vouches for the journal: not before every entry is verified.
        self.wait_journal_check()?;
        let lang = self.lang();
        let now = self.now();
        let title = tr(lang, "Dossier lesopnamen", "Lesson recordings dossier");
        let student = self.state().profile.name.clone();
        let mut doc = PdfDocument::new(
            &format!("{title} – {student}"),
            &student,
            now.with_timezone(&Amsterdam).fixed_offset(),
        );
        doc.set_language(lang);
        let recordings = self.dossier_recordings();
        doc.heading(&format!("{title}: {student}"));
        doc.paragraph(&tr(
            lang,
            "Dit dossier komt uit Opnamewijs en laat per opname zien hoe de student volgens het beleid van de opleiding met de opname is omgegaan: de toets vooraf, wie de opname zag en hoe, en van elke kopie wie die wanneer en hoe verwijderde. Het bevat geen beelden en geen gegevens van leerlingen.",
            "This dossier comes from Opnamewijs and shows per recording how the student handled it under the programme's policy: the check beforehand, who saw it and how, and for every copy who deleted it, when and how. It holds no footage and no pupil data.",
        ));
        doc.field(&tr(lang, "Student", "Student"), &student);
        doc.field(
            &tr(lang, "Gemaakt op", "Made on"),
            &format_datetime(now, lang),
        );
        doc.field(
            &tr(lang, "Opnamen", "Recordings"),
            &format!(
                "{} ({})",
                recordings.len(),
                if recordings.iter().any(|r| r.for_assessment) {
                    tr(
                        lang,
                        "gekozen voor het assessment",
                        "chosen for the assessment",
                    )
                } else {
                    tr(lang, "alle opnamen", "all recordings")
                }
            ),
        );
        if let Some(passed) = self.state().assessment.passed_on {
            doc.field(
                &tr(lang, "Geslaagd op", "Passed on"),
                &format_date(passed, lang),
            );
        }
        doc.field(
            &tr(lang, "Dagboek", "Journal"),
            &format!(
                "{} {}",
                self.store().entries(),
                tr(
                    lang,
                    "items, versleuteld; de hele keten is bij het openen gecontroleerd",
                    "entries, encrypted; the whole chain was verified when opened"
                )
            ),
        );
        doc.subheading(&tr(lang, "Kophash van het dagboek", "Journal head hash"));
        doc.monospace(&self.store().head_hash());
        doc.paragraph(&tr(
            lang,
            "Elke wijziging staat in een dagboek waarin ieder item aan het vorige gekoppeld is. De kophash is de vingerafdruk van het laatste item: de student kan in Opnamewijs laten zien dat het dagboek op de laptop dezelfde kophash heeft.",
            "Every change is in a journal in which each entry is chained to the previous one. The head hash is the fingerprint of the last entry: the student can show in Opnamewijs that the journal on the laptop has the same head hash.",
        ));
        for rec in recordings {
            self.dossier_recording(&mut doc, rec, lang)?;
        }
        Ok(doc.finish())
    }

    fn dossier_recording(&self, doc: &mut PdfDocument, rec: &Recording, lang: Lang) -> Result<()> {
        let now = self.now();
        let pack = self.packs().require(&rec.pack.id, &rec.pack.version)?;
        let known = Intake::new(pack, &rec.answers);
        doc.rule();
        doc.heading(&rec.title);
        doc.field(
            &tr(lang, "Lesdatum", "Lesson date"),
            &format_date(rec.planned_for, lang),
        );
        if let Some(at) = rec.imported_unprotected {
            doc.field(
                &tr(lang, "Herkomst", "Origin"),
                &format!(
                    "{} {}{}",
                    tr(
                        lang,
                        "geïmporteerd uit een onbeveiligd bestand op",
                        "imported from an unprotected file on"
                    ),
                    format_datetime(at, lang),
                    tr(
                        lang,
                        "; wat er daarvoor met deze opname gebeurde, staat niet in het beveiligde dagboek",
                        "; what happened to this recording before then is not in the protected journal"
                    )
                ),
            );
        }
        doc.field(
            &tr(lang, "Beleid", "Policy"),
            &format!(
                "{} {} ({}; {})",
                pack.title.get(lang),
                pack.version,
                pack.id,
                views::origin_label(&pack.origin, lang)
            ),
        );
        if let Some(scope) = &pack.scope {
            doc.field(
                &tr(lang, "Over dit beleid", "About this policy"),
                scope.get(lang),
            );
        }
        let outcome = crate::overlay::verdict_with_school(pack, rec.school.as_ref(), &known);
        let verdict = views::recording_view(pack, rec, now, lang).verdict;
        doc.field(
            &tr(lang, "Oordeel", "Verdict"),
            &match &verdict.from {
                Some(from) => format!(
                    "{} ({} {})",
                    views::verdict_label(outcome.verdict(), lang),
                    tr(lang, "bron:", "source:"),
                    from.label
                ),
                None => views::verdict_label(outcome.verdict(), lang),
            },
        );
        match &rec.school {
            Some(school) => {
                doc.subheading(&format!(
                    "{}: {}",
                    tr(lang, "Stageschool", "Internship school"),
                    school.name
                ));
                for line in views::school_rules(school, lang) {
                    doc.bullet(&line);
                }
            }
            None => doc.field(
                &tr(lang, "Stageschool", "Internship school"),
                &tr(lang, "(niet ingevuld)", "(not entered)"),
            ),
        }
        doc.subheading(&tr(
            lang,
            "Doel, grondslag en toestemming",
            "Purpose, basis and consent",
        ));
        for q in checklist::asked(&known) {
            let Some(answer) = known.answer(&q.id) else {
                doc.field(
                    q.text.get(lang),
                    &tr(lang, "(niet beantwoord)", "(not answered)"),
                );
                continue;
            };
            let value = match (answer, &q.answer) {
                (Answer::Flag(true), _) => tr(lang, "Ja", "Yes"),
                (Answer::Flag(false), _) => tr(lang, "Nee", "No"),
                (Answer::Count(n), _) => n.to_string(),
                (Answer::Choice(c), AnswerKind::Choice(options)) => options
                    .iter()
                    .find(|o| &o.id == c)
                    .map_or_else(|| c.clone(), |o| o.text.get(lang).to_owned()),
                (Answer::Choice(c), _) => c.clone(),
                (Answer::Choices(chosen), AnswerKind::Choices(options)) => chosen
                    .iter()
                    .map(|c| {
                        options
                            .iter()
                            .find(|o| &o.id == c)
                            .map_or_else(|| c.clone(), |o| o.text.get(lang).to_owned())
                    })
                    .collect::<Vec<_>>()
                    .join("; "),
                (Answer::Choices(chosen), _) => chosen.join("; "),
            };
            doc.field(q.text.get(lang), &value);
        }
        doc.subheading(&tr(lang, "Verloop", "Timeline"));
        if rec.events.is_empty() {
            doc.bullet(&tr(lang, "Nog niet opgenomen.", "Not recorded yet."));
        }
        for e in &rec.events {
            let mut line = format!(
                "{}: {} ({})",
                views::event_label(e.kind, lang),
                format_datetime(e.at, lang),
                e.by
            );
            if let Some(note) = &e.note {
                line.push_str(&format!(" – {note}"));
            }
            doc.bullet(&line);
        }
        let in_person = rec
            .events
            .iter()
            .find(|e| e.kind == EventKind::FeedbackGiven)
            .filter(|_| rec.feedback_receipt.is_none());
        if let Some(given) = in_person {
            doc.field(
                &tr(lang, "Feedbackbevestiging", "Feedback confirmation"),
                &format!(
                    "{}, {} {}; {}",
                    given.by,
                    tr(lang, "feedback op", "feedback on"),
                    format_date(crate::clock::local_date(given.at), lang),
                    views::in_person(lang).to_lowercase()
                ),
            );
        }
        if let Some(receipt) = &rec.feedback_receipt {
            doc.field(
                &tr(lang, "Feedbackbewijs", "Feedback receipt"),
                &format!(
                    "{} ({}), {} {}; {} {} ({}){}",
                    receipt.mentor,
                    views::mentor_role_label(receipt.role, lang),
                    tr(lang, "feedback op", "feedback on"),
                    format_date(receipt.feedback_on, lang),
                    tr(lang, "ondertekend met sleutel", "signed with key"),
                    receipt.fingerprint,
                    views::key_compared(receipt, lang),
                    if receipt.late {
                        tr(lang, " – later dan verwacht", " – later than expected")
                    } else {
                        String::new()
                    }
                ),
            );
        }
        doc.subheading(&tr(
            lang,
            "Termijnen en waar ze vandaan komen",
            "Deadlines and where they come from",
        ));
        let deadlines = deadline::derive(pack, rec, now);
        if deadlines.is_empty() {
            doc.bullet(&tr(lang, "Geen.", "None."));
        }
        for d in &deadlines {
            let v = views::deadline_view(d, pack, lang);
            let from = v.from.as_ref().map_or_else(
                || {
                    tr(
                        lang,
                        "bron: niet vermeld in deze versie",
                        "source: not stated in this version",
                    )
                },
                |f| match &f.detail {
                    Some(why) => format!("{} {} ({why})", tr(lang, "bron:", "source:"), f.label),
                    None => format!("{} {}", tr(lang, "bron:", "source:"), f.label),
                },
            );
            doc.bullet(&format!(
                "{} ({}): {} – {from}",
                v.title, v.status_label, v.when
            ));
        }
        for k in &rec.keeps {
            doc.field(
                &tr(
                    lang,
                    "Veilige kopie langer bewaard",
                    "Secure copy kept longer",
                ),
                &format!(
                    "{} {} ({} {}): {} – {} {}, {}",
                    tr(lang, "tot en met", "until"),
                    format_date(k.until, lang),
                    tr(lang, "in plaats van termijn", "instead of deadline"),
                    k.deadline,
                    k.reason,
                    tr(lang, "besloten door", "decided by"),
                    k.by,
                    format_datetime(k.at, lang)
                ),
            );
        }
        doc.subheading(&tr(lang, "Gedeeld", "Shared"));
        if rec.shares.is_empty() {
            doc.bullet(&tr(lang, "Met niemand gedeeld.", "Not shared with anyone."));
        }
        for sh in &rec.shares {
            doc.bullet(&format!(
                "{}, {} · {}",
                views::role_label(sh.role, lang),
                views::channel_label(sh.channel, lang),
                format_datetime(sh.at, lang)
            ));
        }
        if !rec.incidents.is_empty() {
            doc.subheading(&tr(lang, "Incidenten", "Incidents"));
            for i in &rec.incidents {
                let kind = pack.incidents.iter().find(|t| t.id == i.kind);
                doc.bullet(&format!(
                    "{} · {}",
                    kind.map_or(i.kind.as_str(), |t| t.title.get(lang)),
                    format_datetime(i.at, lang)
                ));
            }
        }
        doc.subheading(&tr(
            lang,
            "Kopieën en verwijderbevestigingen",
            "Copies and deletion confirmations",
        ));
        if rec.copies.is_empty() {
            doc.bullet(&tr(
                lang,
                "Geen kopieën (niet opgenomen).",
                "No copies (not recorded).",
            ));
        }
        for c in &rec.copies {
            let state = match &c.deleted {
                Some(d) => views::deletion_line(d, lang),
                None => tr(lang, "NOG NIET VERWIJDERD", "NOT DELETED YET"),
            };
            doc.field(&c.label, &state);
        }
        doc.subheading(&tr(lang, "Open punten", "Open items"));
        let mut open = 0;
        for it in pack.items.iter().filter(|it| checklist::shown(it, &known)) {
            if !rec.ticks.contains_key(&it.id) {
                open += 1;
                doc.bullet(&format!(
                    "{}: {}",
                    tr(lang, "Niet afgevinkt", "Not ticked"),
                    it.text.get(lang)
                ));
            }
        }
        for d in deadline::derive(pack, rec, now) {
            if matches!(
                d.status,
                DeadlineStatus::Overdue
                    | DeadlineStatus::DoNow
                    | DeadlineStatus::DueToday
                    | DeadlineStatus::Upcoming
                    | DeadlineStatus::NeedsDate
            ) {
                open += 1;
                let v = views::deadline_view(&d, pack, lang);
                doc.bullet(&format!("{} ({}): {}", v.title, v.status_label, v.when));
            }
        }
        if open == 0 {
            doc.bullet(&tr(lang, "Geen.", "None."));
        }
        doc.field(
            &tr(lang, "Status", "Status"),
            &if rec.is_closed() {
                tr(
                    lang,
                    "Afgerond: elke kopie is aantoonbaar verwijderd",
                    "Closed: every copy provably deleted",
                )
            } else if rec.first(EventKind::Recorded).is_some() {
                tr(
                    lang,
                    "Nog open: niet elke kopie is verwijderd",
                    "Open: not every copy is deleted",
                )
            } else {
                tr(lang, "Gepland", "Planned")
            },
        );
        Ok(())
    }

    /// Writes the dossier PDF to `path` (absolute, new).
    pub fn export_dossier(&self, path: &Path) -> Result<DossierReport> {
        crate::limits::check_export_path(path, self.data_dir())?;
        crate::files::check_new_file(path)?;
        let bytes = self.dossier_pdf()?;
        crate::files::write_export(path, &bytes)?;
        Ok(DossierReport {
            path: PathBuf::from(path).display().to_string(),
            recordings: self.dossier_recordings().len() as u32,
            head_hash: self.store().head_hash(),
        })
    }
}
