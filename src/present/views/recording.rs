//! One recording in full: what the recording screen shows, built in one go from the pack, the
//! recording and "now".

use super::checklist::{tick_view, verdict_view};
use super::{
    channel_label, deadline_view, event_label, format_date, format_datetime, provenance_view,
    role_label, school_provenance, DeadlineView, ItemView, OptionView, PhaseView, ProvenanceView,
    QuestionInput, QuestionView, VerdictView,
};
use crate::checklist;
use crate::deadline;
use crate::events::loggable_events;
use crate::policy::{AnswerKind, PolicyPack};
use crate::recording::{Channel, EventKind, PackRef, Recording, Role};
use crate::text::{tr, Lang};
use chrono::{DateTime, Utc};
use serde::Serialize;
use ts_rs::TS;

/// One recording in full.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RecordingView {
    /// Recording id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Planned date, `YYYY-MM-DD`.
    pub planned_for: String,
    /// Planned date, formatted.
    pub planned_for_label: String,
    /// Pack it is pinned to.
    pub pack: PackRef,
    /// Pack title.
    pub pack_title: String,
    /// Where that pack comes from: built in, or a file in the data folder.
    pub pack_origin: String,
    /// Questions currently asked.
    pub questions: Vec<QuestionView>,
    /// Verdict.
    pub verdict: VerdictView,
    /// Checklist by phase.
    pub phases: Vec<PhaseView>,
    /// Deadlines, most urgent first.
    pub deadlines: Vec<DeadlineView>,
    /// Events that can be logged for this recording.
    pub events: Vec<EventView>,
    /// Copies of the footage with their deletion confirmations.
    pub copies: Vec<CopyView>,
    /// The kinds of copy the user can add.
    pub copy_kinds: Vec<OptionView>,
    /// Tasks to delete or edit a copy (after an upheld objection or withdrawn consent).
    pub tasks: Vec<TaskView>,
    /// Logged shares.
    pub shares: Vec<String>,
    /// Who the pack lets see the recording, plus "someone else" (refused, so it can be reported).
    pub share_roles: Vec<OptionView>,
    /// Every channel; the core refuses the forbidden ones.
    pub share_channels: Vec<OptionView>,
    /// Incident types of the pack.
    pub incident_types: Vec<IncidentTypeView>,
    /// Logged incidents.
    pub incidents: Vec<IncidentView>,
    /// Feedback as confirmed, with the reminder the mentor gives the student.
    pub feedback: Option<FeedbackView>,
    /// Feedback requests exported for a mentor, as "made on {date}" lines.
    pub feedback_requests: Vec<String>,
    /// Chosen to be shown at the final assessment.
    pub for_assessment: bool,
    /// Today in the Netherlands, `YYYY-MM-DD` (the default for date fields; the UI's own clock may
    /// be in another time zone).
    pub today: String,
    /// Every copy confirmed deleted.
    pub closed: bool,
    /// The internship school and the version of its rules this recording is checked against.
    pub school: Option<crate::school::School>,
    /// The school's rules, one line each, in the user's language.
    pub school_rules: Vec<String>,
    /// Schools entered on other recordings, newest version each, to choose from (filled by the
    /// screen, which knows every recording).
    pub known_schools: Vec<crate::school::School>,
    /// Decisions to keep the secure copy longer, as lines ("… tot … : reden").
    pub keeps: Vec<String>,
}

/// Confirmed feedback.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FeedbackView {
    /// Who gave it ("Anna de Wit (werkplekbegeleider)").
    pub by: String,
    /// When, formatted.
    pub on: String,
    /// What the mentor tells the student now.
    pub reminder: String,
    /// How it was confirmed: in person, or by a signed receipt (with the key's fingerprint).
    pub how: String,
    /// The mentor flagged the feedback as later than the pack expects.
    pub late: bool,
}

/// A copy of the footage.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CopyView {
    /// Copy id.
    pub id: String,
    /// Where it lives.
    pub label: String,
    /// "verwijderd door … op … (methode)", once confirmed.
    pub deleted: Option<String>,
    /// For a copy in a place with a recycle bin: the question and the steps to empty it.
    pub bin: Option<super::BinView>,
    /// Added by the user (or left behind by a forbidden share), not predicted by the pack.
    pub added: bool,
    /// A linked file whose absence the app can check.
    pub verifiable: bool,
}

/// A task to delete or edit one copy.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TaskView {
    /// Task id.
    pub id: String,
    /// "Bezwaar toegekend: Opnameapparaat".
    pub title: String,
    /// Once done: "verwijderd door … op … (hoe)" or "bewerkt door …".
    pub done: Option<String>,
    /// Deleting this copy asks for its recycle bin too.
    pub bin: Option<super::BinView>,
}

/// An incident type the user can report.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct IncidentTypeView {
    /// Type id.
    pub id: String,
    /// Name.
    pub title: String,
    /// What to do.
    pub advice: String,
    /// Where the advice comes from.
    pub from: Option<ProvenanceView>,
}

/// A logged incident.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct IncidentView {
    /// Incident id on the recording.
    pub id: String,
    /// Type name.
    pub title: String,
    /// The pack's advice.
    pub advice: String,
    /// When, formatted.
    pub at: String,
    /// Note.
    pub note: Option<String>,
}

/// An event that can be logged, and whether it was.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct EventView {
    /// The event.
    pub kind: EventKind,
    /// Label ("Opgenomen").
    pub label: String,
    /// When it happened, formatted, once logged.
    pub logged: Option<String>,
}

/// The full view of a recording.
pub fn recording_view(
    pack: &PolicyPack,
    rec: &Recording,
    now: DateTime<Utc>,
    lang: Lang,
) -> RecordingView {
    let known = checklist::Intake::new(pack, &rec.answers);
    let outcome = crate::overlay::verdict_with_school(pack, rec.school.as_ref(), &known);
    let options = |opts: &[crate::policy::ChoiceOption]| {
        opts.iter()
            .map(|o| OptionView {
                id: o.id.clone(),
                text: o.text.get(lang).to_owned(),
            })
            .collect()
    };
    let questions = checklist::asked(&known)
        .into_iter()
        .map(|q| QuestionView {
            id: q.id.clone(),
            text: q.text.get(lang).to_owned(),
            help: q.help.as_ref().map(|h| h.get(lang).to_owned()),
            input: match &q.answer {
                AnswerKind::YesNo => QuestionInput::YesNo {
                    yes: tr(lang, "Ja", "Yes"),
                    no: tr(lang, "Nee", "No"),
                },
                AnswerKind::Choice(opts) => QuestionInput::Choice {
                    options: options(opts),
                },
                AnswerKind::Choices(opts) => QuestionInput::Choices {
                    options: options(opts),
                },
                AnswerKind::Count(max) => QuestionInput::Count { max: *max },
            },
            answer: known.answer(&q.id).cloned(),
            from: provenance_view(pack, q.from.as_ref(), lang),
        })
        .collect();
    let all_items = crate::overlay::items_of(pack, rec);
    let phases = pack
        .phases
        .iter()
        .map(|ph| {
            let items: Vec<&crate::policy::Item> = all_items
                .iter()
                .map(|it| &**it)
                .filter(|it| it.phase == ph.id && checklist::shown(it, &known))
                .collect();
            let blockers = items
                .first()
                .map(|it| checklist::blockers(pack, rec, it))
                .unwrap_or_default();
            let locked_by = (!blockers.is_empty()).then(|| {
                let names: Vec<_> = blockers.iter().map(|b| b.text.get(lang)).collect();
                format!(
                    "{} {}",
                    tr(
                        lang,
                        "Eerst afronden in een eerdere fase:",
                        "First complete in an earlier phase:"
                    ),
                    names.join("; ")
                )
            });
            PhaseView {
                id: ph.id.clone(),
                title: ph.title.get(lang).to_owned(),
                items: items
                    .into_iter()
                    .map(|it| ItemView {
                        id: it.id.clone(),
                        text: it.text.get(lang).to_owned(),
                        help: it.help.as_ref().map(|h| h.get(lang).to_owned()),
                        blocking: it.blocking,
                        evidence: it.evidence,
                        locked: locked_by.is_some() && !rec.ticks.contains_key(&it.id),
                        tick: rec.ticks.get(&it.id).map(|t| tick_view(t, lang)),
                        from: if it.id.starts_with(crate::overlay::ITEM_PREFIX) {
                            rec.school
                                .as_ref()
                                .map(|s| school_provenance(&s.name, lang))
                        } else {
                            provenance_view(pack, it.from.as_ref(), lang)
                        },
                    })
                    .collect(),
                locked_by,
            }
        })
        .collect();
    let deadlines = deadline::derive(pack, rec, now);
    let events = loggable_events(pack, rec, &known)
        .into_iter()
        .map(|kind| EventView {
            kind,
            label: event_label(kind, lang),
            logged: rec.first(kind).map(|at| format_datetime(at, lang)),
        })
        .collect();
    RecordingView {
        id: rec.id.clone(),
        title: rec.title.clone(),
        planned_for: rec.planned_for.to_string(),
        planned_for_label: format_date(rec.planned_for, lang),
        pack: rec.pack.clone(),
        pack_title: pack.title.get(lang).to_owned(),
        pack_origin: super::origin_label(&pack.origin, lang),
        questions,
        verdict: verdict_view(&outcome, pack, rec.school.as_ref(), lang),
        phases,
        deadlines: deadlines.iter().map(|d| deadline_view(d, pack, lang)).collect(),
        events,
        copies: rec
            .copies
            .iter()
            .map(|c| CopyView {
                id: c.id.clone(),
                label: c.label.clone(),
                deleted: c.deleted.as_ref().map(|d| deletion_line(d, lang)),
                bin: c
                    .deleted
                    .is_none()
                    .then(|| super::bin_view(c.kind, lang))
                    .flatten(),
                added: c.added,
                verifiable: c.path.is_some() && c.deleted.is_none(),
            })
            .collect(),
        tasks: rec
            .tasks
            .iter()
            .map(|t| {
                let copy = rec.copies.iter().find(|c| c.id == t.copy);
                let cause = match t.cause {
                    crate::recording::TaskCause::ObjectionUpheld => {
                        tr(lang, "Bezwaar toegekend", "Objection upheld")
                    }
                    crate::recording::TaskCause::ConsentWithdrawn => {
                        tr(lang, "Toestemming ingetrokken", "Consent withdrawn")
                    }
                };
                TaskView {
                    id: t.id.clone(),
                    title: format!(
                        "{cause}: {}",
                        copy.map_or(t.copy.as_str(), |c| c.label.as_str())
                    ),
                    done: t.done.as_ref().map(|d| {
                        format!(
                            "{} {} {} {} ({})",
                            match d.action {
                                crate::recording::TaskAction::Deleted => {
                                    tr(lang, "verwijderd door", "deleted by")
                                }
                                crate::recording::TaskAction::Edited => {
                                    tr(lang, "bewerkt door", "edited by")
                                }
                            },
                            d.by,
                            tr(lang, "op", "on"),
                            format_datetime(d.at, lang),
                            d.how
                        )
                    }),
                    bin: copy
                        .filter(|c| c.deleted.is_none())
                        .and_then(|c| super::bin_view(c.kind, lang)),
                }
            })
            .collect(),
        copy_kinds: ADDABLE_COPIES
            .iter()
            .map(|k| OptionView {
                id: enum_id(k),
                text: crate::nouns::names::copy_label(*k, lang),
            })
            .collect(),
        shares: rec
            .shares
            .iter()
            .map(|sh| {
                format!(
                    "{}, {} · {}",
                    role_label(sh.role, lang),
                    channel_label(sh.channel, lang),
                    format_datetime(sh.at, lang)
                )
            })
            .collect(),
        share_roles: pack
            .audience
            .iter()
            .copied()
            .chain(std::iter::once(Role::Other))
            .filter(|r| *r != Role::Student)
            .map(|r| OptionView {
                id: enum_id(&r),
                text: role_label(r, lang),
            })
            .collect(),
        share_channels: ALL_CHANNELS
            .iter()
            .map(|c| OptionView {
                id: enum_id(c),
                text: channel_label(*c, lang),
            })
            .collect(),
        incident_types: pack
            .incidents
            .iter()
            .map(|t| IncidentTypeView {
                id: t.id.clone(),
                title: t.title.get(lang).to_owned(),
                advice: t.advice.get(lang).to_owned(),
                from: provenance_view(pack, t.from.as_ref(), lang),
            })
            .collect(),
        incidents: rec
            .incidents
            .iter()
            .map(|i| {
                let kind = pack.incidents.iter().find(|t| t.id == i.kind);
                IncidentView {
                    id: i.id.clone(),
                    title: kind.map_or_else(|| i.kind.clone(), |t| t.title.get(lang).to_owned()),
                    advice: kind
                        .map(|t| t.advice.get(lang).to_owned())
                        .unwrap_or_default(),
                    at: format_datetime(i.at, lang),
                    note: i.note.clone(),
                }
            })
            .collect(),
        feedback: rec.events.iter().find(|e| e.kind == EventKind::FeedbackGiven).map(|e| {
            let due = deadline::deletion_after(&deadlines, EventKind::FeedbackGiven).and_then(|d| d.due);
            let by_when = due.map(|d| format!(" ({} {})", tr(lang, "uiterlijk", "by"), format_datetime(d, lang))).unwrap_or_default();
            FeedbackView {
                how: match &rec.feedback_receipt {
                    Some(r) => format!("{} {} ({})", tr(lang, "Ondertekend ontvangstbewijs van de begeleider, sleutel", "Signed receipt from the mentor, key"), r.fingerprint, super::key_compared(r, lang)),
                    None => super::in_person(lang),
                },
                late: rec.feedback_receipt.as_ref().is_some_and(|r| r.late),
                by: e.by.clone(),
                on: format_date(crate::clock::local_date(e.at), lang),
                reminder: format!(
                    "{}{by_when}.",
                    tr(lang, "Begeleider: wijs de student erop dat de opname en alle kopieën nu definitief verwijderd moeten worden", "Mentor: remind the student that the recording and every copy must now be deleted for good")
                ),
            }
        }),
        feedback_requests: rec
            .feedback_requests
            .iter()
            .map(|r| format!("{} {}", tr(lang, "Feedbackverzoek gemaakt op", "Feedback request made on"), format_datetime(r.at, lang)))
            .collect(),
        for_assessment: rec.for_assessment,
        today: crate::clock::local_date(now).to_string(),
        closed: rec.is_closed(),
        school: rec.school.clone(),
        school_rules: rec
            .school
            .as_ref()
            .map(|s| school_rules(s, lang))
            .unwrap_or_default(),
        known_schools: Vec::new(),
        keeps: rec
            .keeps
            .iter()
            .map(|k| {
                format!(
                    "{} {}: {} ({} {}, {})",
                    tr(lang, "Veilige kopie bewaard tot en met", "Secure copy kept until"),
                    format_date(k.until, lang),
                    k.reason,
                    tr(lang, "besloten door", "decided by"),
                    k.by,
                    format_datetime(k.at, lang)
                )
            })
            .collect(),
    }
}

/// A school's rules, one line each: what the overlay uses, and who to ask.
pub fn school_rules(s: &crate::school::School, lang: Lang) -> Vec<String> {
    use crate::school::ConsentArrangement;
    let mut out = vec![format!(
        "{} {} · {} {}",
        tr(lang, "Versie", "Version"),
        s.version,
        tr(lang, "ingevoerd op", "entered on"),
        format_datetime(s.changed_at, lang)
    )];
    out.push(if s.own_devices_allowed {
        tr(
            lang,
            "Eigen telefoon of tablet: toegestaan",
            "Own phone or tablet: allowed",
        )
    } else {
        tr(
            lang,
            "Eigen telefoon of tablet: niet toegestaan",
            "Own phone or tablet: not allowed",
        )
    });
    if s.school_equipment_required {
        out.push(tr(
            lang,
            "Apparatuur van de school is verplicht",
            "The school's equipment is required",
        ));
    }
    if let Some(c) = s.consent {
        let how = match c {
            ConsentArrangement::SchoolArranged => tr(
                lang,
                "de school regelt toestemming",
                "the school arranges consent",
            ),
            ConsentArrangement::StudentAsks => tr(
                lang,
                "de student vraagt toestemming",
                "the student asks for consent",
            ),
            ConsentArrangement::LegitimateInterest => tr(
                lang,
                "gerechtvaardigd belang, met recht van bezwaar",
                "legitimate interest, with a right to object",
            ),
        };
        let basis = s
            .consent_basis
            .as_deref()
            .map(|b| format!(" ({b})"))
            .unwrap_or_default();
        out.push(format!(
            "{}: {how}{basis}",
            tr(lang, "Toestemming", "Consent")
        ));
    }
    if let Some(storage) = &s.storage {
        out.push(format!("{}: {storage}", tr(lang, "Opslaan op", "Store on")));
    }
    if let Some(days) = s.max_retention_days {
        out.push(format!(
            "{}: {days} {}",
            tr(lang, "Bewaartermijn", "Retention"),
            tr(lang, "dagen na de opname", "days after recording")
        ));
    }
    if let Some(contact) = &s.privacy_contact {
        out.push(format!(
            "{}: {contact}",
            tr(lang, "Privacycontact", "Privacy contact")
        ));
    }
    out
}

/// A copy's deletion confirmation in one line: who, when and how (and that the bin was emptied,
/// or the file checked gone).
pub fn deletion_line(d: &crate::recording::Confirmation, lang: Lang) -> String {
    let mut line = format!(
        "{} {} {} {} ({})",
        tr(lang, "verwijderd door", "deleted by"),
        d.by,
        tr(lang, "op", "on"),
        format_datetime(d.at, lang),
        d.method
    );
    if d.bin_emptied {
        line.push_str(&tr(lang, ", prullenbak geleegd", ", bin emptied"));
    }
    if d.verified_absent {
        line.push_str(&tr(
            lang,
            ", door Opnamewijs gecontroleerd: bestand is weg",
            ", checked by Opnamewijs: the file is gone",
        ));
    }
    line
}

/// The kinds of copy a user can add, in the order the UI offers them.
const ADDABLE_COPIES: [crate::recording::CopyKind; 8] = [
    crate::recording::CopyKind::Laptop,
    crate::recording::CopyKind::UsbStick,
    crate::recording::CopyKind::ExternalDisk,
    crate::recording::CopyKind::Mailbox,
    crate::recording::CopyKind::ChatApp,
    crate::recording::CopyKind::MentorDownload,
    crate::recording::CopyKind::OnlineService,
    crate::recording::CopyKind::Other,
];

/// Every channel, in the order the UI offers them.
const ALL_CHANNELS: [Channel; 9] = [
    Channel::SecureStorage,
    Channel::IrisConnect,
    Channel::InPerson,
    Channel::Email,
    Channel::Wetransfer,
    Channel::Messaging,
    Channel::UsbStick,
    Channel::Internet,
    Channel::SocialMedia,
];

/// The JSON name of a unit enum variant (what the UI sends back).
fn enum_id<T: Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
