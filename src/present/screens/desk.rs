//! The mentor's desk: the requests received, newest first, with late flags and what to tell the
//! student once feedback is confirmed.

use super::Result;
use crate::clock::{local_date, start_of_day};
use crate::deadline::{self, apply_offset};
use crate::mentor::MentorKey;
use crate::policy::Due;
use crate::recording::EventKind;
use crate::text::{tr, Lang};
use crate::views::{self, DeskRequestView, DeskView, KeyKind, ReceiptPreviewView};
use crate::workspace::{KeyStatus, ReceiptRead, Workspace};
use chrono::Duration;

impl Workspace {
    /// Mentor: the requests on the desk, newest first, with late flags and reminders.
    pub fn desk(&self) -> Result<DeskView> {
        let lang = self.lang();
        let now = self.now();
        let today = local_date(now);
        let requests = self
            .state()
            .desk
            .requests
            .iter()
            .rev()
            .map(|r| {
                let req = &r.request;
                let pack = self.packs().require(&req.pack.id, &req.pack.version).ok();
                let due = req.feedback_due.map(|d| views::format_date(d, lang));
                let confirmed = r.receipt.as_ref().map(|rc| &rc.receipt);
                let late = match (confirmed, req.feedback_due) {
                    (Some(c), Some(due)) if c.late => Some(format!(
                        "{} {} {}",
                        tr(lang, "Te laat: feedback gegeven op", "Late: feedback given on"),
                        views::format_date(c.feedback_on, lang),
                        tr(lang, &format!("terwijl die uiterlijk {} verwacht werd; de opname is daardoor langer bewaard dan nodig.", views::format_date(due, lang)), &format!("while it was expected by {}; the recording was kept longer than needed.", views::format_date(due, lang)))
                    )),
                    (None, Some(due)) if today > due => Some(format!(
                        "{} {}. {}",
                        tr(lang, "Te laat: feedback werd uiterlijk verwacht op", "Late: feedback was expected by"),
                        views::format_date(due, lang),
                        tr(lang, "Zolang je niet bevestigt, blijft de opname bewaard.", "Until you confirm, the recording is kept.")
                    )),
                    _ => None,
                };
                let reminder = confirmed.map(|c| {
                    let delete_by = pack.and_then(|p| {
                        p.deadlines.iter().find_map(|rule| match rule.due {
                            Due::AfterEvent {
                                event: EventKind::FeedbackGiven,
                                offset,
                            } => Some(apply_offset(
                                start_of_day(c.feedback_on) + Duration::hours(12),
                                offset,
                                &deadline::calendar_of(p),
                            )),
                            _ => None,
                        })
                    });
                    let by_when = delete_by
                        .map(|d| format!(" {} {}", tr(lang, "uiterlijk", "by"), views::format_datetime(d, lang)))
                        .unwrap_or_default();
                    format!(
                        "{} {} {} \"{}\"{by_when} {}",
                        tr(lang, "Vertel", "Tell"),
                        req.student,
                        tr(lang, "dat alle kopieën van", "that every copy of"),
                        req.title,
                        tr(lang, "definitief verwijderd moeten zijn.", "must be deleted for good.")
                    )
                });
                DeskRequestView {
                    id: req.id.clone(),
                    title: req.title.clone(),
                    student: req.student.clone(),
                    pack: pack.map_or_else(
                        || format!("{} {}", req.pack.id, req.pack.version),
                        |p| format!("{} {}", p.title.get(lang), p.version),
                    ),
                    recorded_on: views::format_date(req.recorded_on, lang),
                    recorded_on_iso: req.recorded_on.to_string(),
                    feedback_due: due,
                    received_at: views::format_datetime(r.received_at, lang),
                    confirmed: confirmed.map(|c| {
                        format!(
                            "{} {} {} {}",
                            tr(lang, "Feedback gegeven op", "Feedback given on"),
                            views::format_date(c.feedback_on, lang),
                            tr(lang, "· bevestigd als", "· confirmed as"),
                            views::mentor_role_label(c.role, lang)
                        )
                    }),
                    late,
                    reminder,
                }
            })
            .collect();
        Ok(DeskView {
            fingerprint: self
                .state()
                .desk
                .key
                .as_ref()
                .map(MentorKey::fingerprint)
                .unwrap_or_default(),
            requests,
            today: today.to_string(),
        })
    }
}

/// Student: what a receipt that was read in says, and what to compare before accepting it.
pub(super) fn receipt_preview(read: &ReceiptRead, lang: Lang) -> ReceiptPreviewView {
    let body = &read.receipt.receipt;
    let mentor = format!(
        "{} ({})",
        body.mentor,
        views::mentor_role_label(body.role, lang)
    );
    let (key_kind, key_note) = match &read.key {
        KeyStatus::New => (
            KeyKind::New,
            format!(
                "{} {} {}",
                tr(lang, "Dit is het eerste ontvangstbewijs van", "This is the first receipt from"),
                body.mentor,
                tr(
                    lang,
                    "in deze Opnamewijs. Vraag je begeleider de sleutel te laten zien (in de eigen Opnamewijs bij Feedbackverzoeken van studenten, \"Sleutel van deze installatie\") en vergelijk die teken voor teken met de vingerafdruk hieronder.",
                    "in this Opnamewijs. Ask your mentor to show their key (in their own Opnamewijs under Feedback requests from students, \"This installation's key\") and compare it character by character with the fingerprint below."
                )
            ),
        ),
        KeyStatus::Known { compared_at } => (
            KeyKind::Known,
            format!(
                "{} {}{}.",
                tr(lang, "Dezelfde sleutel als bij het vorige ontvangstbewijs van", "The same key as on the earlier receipt from"),
                body.mentor,
                tr(lang, &format!("; vergeleken op {}", views::format_datetime(*compared_at, lang)), &format!("; compared on {}", views::format_datetime(*compared_at, lang)))
            ),
        ),
        KeyStatus::Changed { previous } => (
            KeyKind::Changed,
            format!(
                "{} {} {} {previous}. {}",
                tr(lang, "Let op:", "Warning:"),
                body.mentor,
                tr(lang, "ondertekende eerder met een andere sleutel,", "signed earlier receipts with another key,"),
                tr(
                    lang,
                    "Een nieuwe laptop of een nieuwe installatie kan de reden zijn, maar vergelijk de vingerafdruk met die op het scherm van je begeleider voordat je het bewijs aanneemt.",
                    "A new laptop or a new installation may be the reason, but compare the fingerprint with the one on your mentor's screen before you accept the receipt."
                )
            ),
        ),
    };
    let signed_dates = body.recorded_on.map(|recorded| {
        let due = body.feedback_due.map_or_else(
            || tr(lang, "geen feedbackdatum", "no feedback date"),
            |d| {
                format!(
                    "{} {}",
                    tr(lang, "feedback verwacht uiterlijk", "feedback expected by"),
                    views::format_date(d, lang)
                )
            },
        );
        format!(
            "{} {}, {due}",
            tr(
                lang,
                "Je begeleider zag en ondertekende: opgenomen op",
                "Your mentor saw and signed: recorded on"
            ),
            views::format_date(recorded, lang)
        )
    });
    let late = read.expected.filter(|_| read.late).map(|due| {
        format!(
            "{} {} {} {}.",
            tr(
                lang,
                "Te laat: feedback gegeven op",
                "Late: feedback given on"
            ),
            views::format_date(body.feedback_on, lang),
            tr(
                lang,
                "terwijl die volgens deze Opnamewijs uiterlijk verwacht werd op",
                "while this Opnamewijs expected it by"
            ),
            views::format_date(due, lang)
        )
    });
    ReceiptPreviewView {
        recording: read.recording.clone(),
        title: read.title.clone(),
        mentor,
        feedback_on: views::format_date(body.feedback_on, lang),
        fingerprint: read.fingerprint.clone(),
        needs_comparison: key_kind != KeyKind::Known,
        key_kind,
        key_note,
        signed_dates,
        late,
    }
}
