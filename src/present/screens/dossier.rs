//! The dossier for the assessors: a PDF, written by the core, that shows how carefully each
//! recording was handled — without any pupil data.

use super::Result;
use crate::checklist::{self, Intake};
use crate::deadline::{self, DeadlineStatus};
use crate::dossier_file::{
    InPerson, JournalHead, Manifest, ManifestCopy, ManifestDeadline, ManifestReceipt,
    ManifestRecording, ManifestTick, MANIFEST_FORMAT, MANIFEST_KIND, MANIFEST_NAME,
};
use crate::pdf::PdfDocument;
use crate::policy::AnswerKind;
use crate::recording::{Answer, EventKind, ReceivedReceipt, Recording};
use crate::text::{tr, Lang};
use crate::views::{self, format_date, format_datetime, DossierReport};
use crate::workspace::Workspace;
use chrono::{DateTime, Utc};
use chrono_tz::Europe::Amsterdam;
use std::path::{Path, PathBuf};

/// The version of Opnamewijs, as the dossier names it.
pub(super) const APP_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The document title of a dossier.
pub(super) fn dossier_title(lang: Lang) -> String {
    tr(lang, "Dossier lesopnamen", "Lesson recordings dossier")
}

/// The "Journal" field's value.
pub(super) fn journal_line(entries: u64, lang: Lang) -> String {
    format!(
        "{entries} {}",
        tr(
            lang,
            "items, versleuteld; de hele keten is bij het openen gecontroleerd",
            "entries, encrypted; the whole chain was verified when opened"
        )
    )
}

/// The "Made with" field's value.
pub(super) fn made_with(version: &str) -> String {
    format!("Opnamewijs {version}")
}

/// The label of the receipt's field (short enough for one line of the label column).
pub(super) fn receipt_label(lang: Lang) -> String {
    tr(lang, "Feedbackbewijs", "Feedback receipt")
}

/// The value of a receipt's field: who signed what, with which key, and whether it was compared.
pub(super) fn receipt_line(
    receipt: &ReceivedReceipt,
    attachment: Option<&str>,
    lang: Lang,
) -> String {
    let mut line = format!(
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
    );
    match attachment {
        Some(name) => line.push_str(&format!(
            ". {} {name}",
            tr(lang, "Het ondertekende bewijs zit in dit PDF-bestand als bijlage", "The signed receipt is attached to this PDF as")
        )),
        None => line.push_str(&format!(
            ". {}",
            tr(
                lang,
                "Alleen de vingerafdruk is bewaard (ingelezen met een eerdere versie): dit bewijs kan niet opnieuw gecontroleerd worden",
                "Only the fingerprint was kept (read in with an earlier version): this receipt cannot be checked again"
            )
        )),
    }
    line
}

/// The label and value of a feedback confirmation typed on the student's laptop.
pub(super) fn in_person_field(by: &str, at: DateTime<Utc>, lang: Lang) -> (String, String) {
    (
        tr(lang, "Feedbackbevestiging", "Feedback confirmation"),
        format!(
            "{}, {} {}; {}",
            by,
            tr(lang, "feedback op", "feedback on"),
            format_date(crate::clock::local_date(at), lang),
            views::in_person(lang).to_lowercase()
        ),
    )
}

/// The bullet of a ticked item.
pub(super) fn tick_line(text: &str, by: &str, at: DateTime<Utc>, lang: Lang) -> String {
    format!("{text} – {by}, {}", format_datetime(at, lang))
}

/// The heading above the ticked items.
pub(super) fn ticks_heading(lang: Lang) -> String {
    tr(
        lang,
        "Afgevinkt (verklaringen van de student)",
        "Ticked (the student's statements)",
    )
}

/// The value of a copy's field: its deletion confirmation, or that it is not deleted.
pub(super) fn copy_line(deleted: Option<&crate::recording::Confirmation>, lang: Lang) -> String {
    match deleted {
        Some(d) => views::deletion_line(d, lang),
        None => tr(lang, "NOG NIET VERWIJDERD", "NOT DELETED YET"),
    }
}

/// The attachment name of the `n`th receipt (from 1).
pub(super) fn receipt_attachment(n: usize) -> String {
    format!("bewijs-{n}.{}", crate::mentor::RECEIPT_EXTENSION)
}

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
        let title = dossier_title(lang);
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
        doc.subheading(&tr(
            lang,
            "Wat dit dossier bewijst",
            "What this dossier proves",
        ));
        doc.paragraph(&tr(
            lang,
            "Bewezen door de handtekening van de begeleider: alleen wat op een ontvangstbewijs staat dat de begeleider in de eigen Opnamewijs ondertekende (dat de feedback op die dag gegeven is, over welke opname, met de data die de begeleider zag). Zo'n bewijs zit in dit PDF-bestand als bijlage en iedereen kan de handtekening nagaan met Opnamewijs › Gegevens › Dossier controleren. Of de sleutel echt van de begeleider is, blijkt uit de vingerafdruk: vergelijk die met het scherm van de begeleider.",
            "Proven by the mentor's signature: only what a receipt says that the mentor signed in their own Opnamewijs (that feedback was given on that day, on which recording, with the dates the mentor saw). Such a receipt is attached to this PDF, and anyone can check its signature with Opnamewijs › Data › Check a dossier. Whether the key is really the mentor's shows from its fingerprint: compare it with the mentor's screen.",
        ));
        doc.paragraph(&tr(
            lang,
            "Eigen verklaringen van de student: al het andere. Afgevinkte punten, gebeurtenissen, verwijderbevestigingen en een bevestiging die op de laptop van de student is ingetypt, staan erin zoals de student ze opgaf, met wie en wanneer; ze bewijzen niet dat beelden echt weg zijn. Het dagboek en de bijlage met het manifest laten zien dat dit dossier niet achteraf is veranderd, niet dat de student de waarheid zei.",
            "The student's own statements: everything else. Ticks on the checklist, events, deletion confirmations and a confirmation typed on the student's laptop are listed as the student gave them, with who and when; they do not prove that footage is gone. The journal and the attached manifest show that this dossier was not changed afterwards, not that the student told the truth.",
        ));
        doc.field(&tr(lang, "Student", "Student"), &student);
        doc.field(
            &tr(lang, "Gemaakt op", "Made on"),
            &format_datetime(now, lang),
        );
        doc.field(
            &tr(lang, "Gemaakt met", "Made with"),
            &made_with(APP_VERSION),
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
        let entries = self.store().entries();
        doc.field(
            &tr(lang, "Dagboek", "Journal"),
            &journal_line(entries, lang),
        );
        doc.subheading(&tr(lang, "Kophash van het dagboek", "Journal head hash"));
        doc.monospace(&self.store().head_hash());
        doc.paragraph(&tr(
            lang,
            "Elke wijziging staat in een dagboek waarin ieder item aan het vorige gekoppeld is. De kophash is de vingerafdruk van het laatste item: de student kan in Opnamewijs laten zien dat het dagboek op de laptop dezelfde kophash heeft.",
            "Every change is in a journal in which each entry is chained to the previous one. The head hash is the fingerprint of the last entry: the student can show in Opnamewijs that the journal on the laptop has the same head hash.",
        ));
        let mut listed = Vec::with_capacity(recordings.len());
        let mut receipts = 0;
        for rec in recordings {
            let attachment = match rec
                .feedback_receipt
                .as_ref()
                .and_then(|r| r.signed.as_ref())
            {
                Some(signed) => {
                    receipts += 1;
                    let name = receipt_attachment(receipts);
                    doc.attach(
                        &name,
                        &format!(
                            "{} {} – {}",
                            tr(lang, "Ondertekend ontvangstbewijs van", "Signed receipt of"),
                            signed.receipt.mentor,
                            rec.title
                        ),
                        true,
                        crate::mentor::to_file_bytes(signed),
                    );
                    Some(name)
                }
                None => None,
            };
            listed.push(self.dossier_recording(&mut doc, rec, attachment, lang)?);
        }
        let manifest = Manifest {
            kind: MANIFEST_KIND.to_owned(),
            format: MANIFEST_FORMAT,
            app_version: APP_VERSION.to_owned(),
            made_at: now,
            student: student.clone(),
            lang,
            title: format!("{title} – {student}"),
            journal: JournalHead {
                entries,
                head_hash: self.store().head_hash(),
            },
            recordings: listed,
            printed: doc.blocks().to_vec(),
        };
        let mut bytes = serde_json::to_vec_pretty(&manifest).unwrap_or_default();
        bytes.push(b'\n');
        doc.attach(
            MANIFEST_NAME,
            &tr(
                lang,
                "Manifest: wat dit dossier vermeldt, als gegevens, en de afgedrukte tekst",
                "Manifest: what this dossier states, as data, and the printed text",
            ),
            false,
            bytes,
        );
        Ok(doc.finish())
    }

    fn dossier_recording(
        &self,
        doc: &mut PdfDocument,
        rec: &Recording,
        attachment: Option<String>,
        lang: Lang,
    ) -> Result<ManifestRecording> {
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
            .filter(|_| rec.feedback_receipt.is_none())
            .map(|given| InPerson {
                by: given.by.clone(),
                at: given.at,
            });
        if let Some(given) = &in_person {
            let (label, value) = in_person_field(&given.by, given.at, lang);
            doc.field(&label, &value);
        }
        let receipt = rec.feedback_receipt.as_ref().map(|receipt| {
            doc.field(
                &receipt_label(lang),
                &receipt_line(receipt, attachment.as_deref(), lang),
            );
            ManifestReceipt {
                attachment: attachment.clone(),
                mentor: receipt.mentor.clone(),
                role: receipt.role,
                feedback_on: receipt.feedback_on,
                fingerprint: receipt.fingerprint.clone(),
                late: receipt.late,
                key_compared_at: receipt.key_compared_at,
                signed_at: receipt.signed_at,
            }
        });
        doc.subheading(&tr(
            lang,
            "Termijnen en waar ze vandaan komen",
            "Deadlines and where they come from",
        ));
        let deadlines = deadline::derive(pack, rec, now);
        if deadlines.is_empty() {
            doc.bullet(&tr(lang, "Geen.", "None."));
        }
        let mut listed_deadlines = Vec::with_capacity(deadlines.len());
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
            let line = format!("{} ({}): {} – {from}", v.title, v.status_label, v.when);
            doc.bullet(&line);
            listed_deadlines.push(ManifestDeadline {
                id: d.id.to_string(),
                status: serde_json::to_value(d.status)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default(),
                line,
            });
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
            "Kopieën en verwijderbevestigingen (verklaringen van de student)",
            "Copies and deletion confirmations (the student's statements)",
        ));
        if rec.copies.is_empty() {
            doc.bullet(&tr(
                lang,
                "Geen kopieën (niet opgenomen).",
                "No copies (not recorded).",
            ));
        }
        for c in &rec.copies {
            doc.field(&c.label, &copy_line(c.deleted.as_ref(), lang));
        }
        let mut ticks = Vec::new();
        for it in &pack.items {
            if let Some(tick) = rec.ticks.get(&it.id) {
                ticks.push(ManifestTick {
                    item: it.id.clone(),
                    text: it.text.get(lang).to_owned(),
                    by: tick.by.clone(),
                    at: tick.at,
                });
            }
        }
        if !ticks.is_empty() {
            doc.subheading(&ticks_heading(lang));
            for t in &ticks {
                doc.bullet(&tick_line(&t.text, &t.by, t.at, lang));
            }
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
        Ok(ManifestRecording {
            id: rec.id.clone(),
            title: rec.title.clone(),
            planned_for: rec.planned_for,
            pack: rec.pack.clone(),
            closed: rec.is_closed(),
            deadlines: listed_deadlines,
            copies: rec
                .copies
                .iter()
                .map(|c| ManifestCopy {
                    label: c.label.clone(),
                    deleted: c.deleted.clone(),
                })
                .collect(),
            ticks,
            in_person,
            receipt,
        })
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
