//! What the UI renders: plain data, already decided and worded by the core in the user's language.

use crate::checklist::{self, Outcome};
use crate::deadline::{self, Deadline, DeadlineSource, DeadlineStatus};
use crate::error::ErrorPayload;
use crate::policy::{AnswerKind, PolicyPack, Verdict};
use crate::profile::Profile;
use crate::recording::{Answer, Channel, CopyKind, EventKind, PackRef, Recording, Role, Tick};
use crate::text::{tr, Lang};
use chrono::{DateTime, Datelike, NaiveDate, Timelike, Utc};
use serde::Serialize;
use ts_rs::TS;

/// The app's state around the recordings: where data lives, the packs and what failed to load.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AppStatus {
    /// The data directory.
    pub data_dir: String,
    /// The user's profile.
    pub profile: Profile,
    /// Packs a new recording can be checked against (newest version of each).
    pub packs: Vec<PackSummary>,
    /// Packs that could not be loaded, with the reason.
    pub pack_errors: Vec<ErrorPayload>,
    /// The journal was opened and its whole hash chain verified.
    pub journal: JournalStatus,
}

/// A written calendar export.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CalendarReport {
    /// Where it was written.
    pub path: String,
    /// Number of deadlines in it.
    pub events: u32,
}

/// A written backup.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct BackupReport {
    /// Where it was written.
    pub path: String,
    /// Journal entries in it.
    #[ts(type = "number")]
    pub entries: u64,
    /// Head hash of the journal it holds.
    pub head_hash: String,
}

/// The journal: how many entries, and whether all of them are verified yet.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct JournalStatus {
    /// Number of entries.
    #[ts(type = "number")]
    pub entries: u64,
    /// The journal was opened from its snapshot and is still being verified from its first
    /// entry on another thread (writes wait for it); `false` once every entry is verified.
    pub checking: bool,
    /// Hex hash of the newest entry.
    pub head_hash: String,
    /// What opening repaired after a crash, if anything.
    pub recovered: Option<String>,
}

/// A pack as offered when planning.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PackSummary {
    /// Pack id.
    pub id: String,
    /// Pack version.
    pub version: String,
    /// Title.
    pub title: String,
    /// Source document.
    pub source: String,
}

/// A line on the dashboard.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct RecordingSummary {
    /// Recording id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Planned date, formatted.
    pub planned_for: String,
    /// Pack title and version.
    pub pack: String,
    /// Verdict so far.
    pub verdict: VerdictView,
    /// The most urgent open deadline.
    pub next_deadline: Option<DeadlineView>,
    /// Number of overdue deadlines.
    pub overdue: u32,
    /// Ticked items.
    pub items_done: u32,
    /// Items in this recording's checklist.
    pub items_total: u32,
    /// Every copy confirmed deleted.
    pub closed: bool,
}

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

/// A file the app wrote.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct FileReport {
    /// Where it was written.
    pub path: String,
}

/// The mentor's desk: feedback requests from students.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DeskView {
    /// Fingerprint of this installation's signing key (empty until the first request).
    pub fingerprint: String,
    /// Requests, newest first.
    pub requests: Vec<DeskRequestView>,
    /// Today in the Netherlands, `YYYY-MM-DD`.
    pub today: String,
}

/// One request on the mentor's desk.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DeskRequestView {
    /// Request id.
    pub id: String,
    /// Lesson title.
    pub title: String,
    /// Student name.
    pub student: String,
    /// Pack and version.
    pub pack: String,
    /// Recording day, formatted.
    pub recorded_on: String,
    /// Recording day, `YYYY-MM-DD` (the earliest day feedback can be given).
    pub recorded_on_iso: String,
    /// The day feedback is expected by, formatted.
    pub feedback_due: Option<String>,
    /// When it was imported, formatted.
    pub received_at: String,
    /// What was confirmed, once confirmed.
    pub confirmed: Option<String>,
    /// Why the feedback is (or was) late, if it is.
    pub late: Option<String>,
    /// What to tell the student now, once confirmed.
    pub reminder: Option<String>,
}

/// The final assessment: chosen recordings and their readiness.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AssessmentView {
    /// Recordings chosen for the assessment.
    pub chosen: Vec<AssessmentRecordingView>,
    /// Recordings that could still be chosen (recorded, not closed).
    pub candidates: Vec<CandidateView>,
    /// The portfolio check, once done ("gecontroleerd door … op …").
    pub portfolio_checked: Option<String>,
    /// Every chosen recording is ready (and there is at least one).
    pub ready: bool,
    /// The day the assessment was passed, formatted.
    pub passed: Option<String>,
    /// Today in the Netherlands, `YYYY-MM-DD`.
    pub today: String,
}

/// A recording chosen for the assessment.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AssessmentRecordingView {
    /// Recording id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Planned date, formatted.
    pub planned_for: String,
    /// Readiness checks.
    pub checks: Vec<CheckView>,
    /// Every check holds.
    pub ready: bool,
    /// The after-assessment deletion deadline, once passed.
    pub deadline: Option<DeadlineView>,
    /// Every copy confirmed deleted.
    pub closed: bool,
}

/// A recording that can be chosen.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CandidateView {
    /// Recording id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Planned date, formatted.
    pub planned_for: String,
}

/// One readiness check.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CheckView {
    /// What is checked.
    pub label: String,
    /// It holds.
    pub ok: bool,
    /// What to do when it does not.
    pub hint: Option<String>,
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

/// A question with its current answer.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct QuestionView {
    /// Question id.
    pub id: String,
    /// The question.
    pub text: String,
    /// Help text.
    pub help: Option<String>,
    /// How it is answered.
    pub input: QuestionInput,
    /// The answer so far.
    pub answer: Option<Answer>,
}

/// How a question is answered.
#[derive(Debug, Clone, Serialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
#[ts(export)]
pub enum QuestionInput {
    /// Ja / Nee.
    YesNo {
        /// Label of yes.
        yes: String,
        /// Label of no.
        no: String,
    },
    /// One of the options.
    Choice {
        /// The options.
        options: Vec<OptionView>,
    },
    /// A number from 0 to `max`.
    Count {
        /// Largest accepted number.
        max: u32,
    },
}

/// A choice option.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct OptionView {
    /// Value to answer with.
    pub id: String,
    /// Label.
    pub text: String,
}

/// The verdict, worded.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct VerdictView {
    /// The verdict; absent while questions decide it.
    pub verdict: Option<Verdict>,
    /// Short label ("Toegestaan onder voorwaarden").
    pub label: String,
    /// Why.
    pub reason: String,
}

/// A phase of the checklist.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct PhaseView {
    /// Phase id.
    pub id: String,
    /// Heading.
    pub title: String,
    /// Why the phase's items cannot be ticked yet: the open blocking items of earlier phases.
    pub locked_by: Option<String>,
    /// Items shown for this recording.
    pub items: Vec<ItemView>,
}

/// A checklist item.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct ItemView {
    /// Item id.
    pub id: String,
    /// What to do.
    pub text: String,
    /// How or why.
    pub help: Option<String>,
    /// Must be done before the next phase.
    pub blocking: bool,
    /// A note may be kept with the tick.
    pub evidence: bool,
    /// Cannot be ticked yet (see the phase's `locked_by`).
    pub locked: bool,
    /// The tick, once ticked.
    pub tick: Option<TickView>,
}

/// A tick, worded.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct TickView {
    /// Who ticked.
    pub by: String,
    /// When, formatted.
    pub at: String,
    /// Note.
    pub note: Option<String>,
}

/// A deadline, worded.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct DeadlineView {
    /// Stable id within the recording.
    pub id: String,
    /// What must be done.
    pub title: String,
    /// Background.
    pub help: Option<String>,
    /// Due instant (RFC 3339), once known.
    pub due: Option<DateTime<Utc>>,
    /// Status.
    pub status: DeadlineStatus,
    /// One line: "uiterlijk di 24 nov. 2026 23:59", "wacht op: opgenomen", "gedaan op …".
    pub when: String,
    /// Status label.
    pub status_label: String,
    /// The user must pick the date (reflection retention).
    pub needs_date: bool,
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

const WEEKDAYS_NL: [&str; 7] = ["ma", "di", "wo", "do", "vr", "za", "zo"];
const WEEKDAYS_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
const MONTHS_NL: [&str; 12] = [
    "jan.", "feb.", "mrt.", "apr.", "mei", "jun.", "jul.", "aug.", "sep.", "okt.", "nov.", "dec.",
];
const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// "di 24 nov. 2026" / "Tue 24 Nov 2026".
pub fn format_date(d: NaiveDate, lang: Lang) -> String {
    let wd = d.weekday().num_days_from_monday() as usize;
    let m = d.month0() as usize;
    match lang {
        Lang::Nl => format!(
            "{} {} {} {}",
            WEEKDAYS_NL[wd],
            d.day(),
            MONTHS_NL[m],
            d.year()
        ),
        Lang::En => format!(
            "{} {} {} {}",
            WEEKDAYS_EN[wd],
            d.day(),
            MONTHS_EN[m],
            d.year()
        ),
    }
}

/// Date and Dutch local time: "di 24 nov. 2026 23:59".
pub fn format_datetime(at: DateTime<Utc>, lang: Lang) -> String {
    let local = at.with_timezone(&chrono_tz::Europe::Amsterdam);
    format!(
        "{} {:02}:{:02}",
        format_date(local.date_naive(), lang),
        local.hour(),
        local.minute()
    )
}

/// Label of a verdict.
pub fn verdict_label(v: Option<Verdict>, lang: Lang) -> String {
    match v {
        Some(Verdict::Allowed) => tr(lang, "Toegestaan", "Allowed"),
        Some(Verdict::AllowedWithConditions) => tr(
            lang,
            "Toegestaan onder voorwaarden",
            "Allowed with conditions",
        ),
        Some(Verdict::NeedsOfficerApproval) => tr(
            lang,
            "Eerst toestemming van de privacy officers",
            "Needs privacy officer approval",
        ),
        Some(Verdict::NotAllowed) => tr(lang, "Niet toegestaan", "Not allowed"),
        None => tr(lang, "Nog niet bepaald", "Not decided yet"),
    }
}

/// Label of an event.
pub fn event_label(kind: EventKind, lang: Lang) -> String {
    let (nl, en) = match kind {
        EventKind::PlannedFor => ("Geplande lesdatum", "Planned lesson date"),
        EventKind::Recorded => ("Opgenomen", "Recorded"),
        EventKind::StoredSecurely => ("Veilig opgeslagen", "Stored securely"),
        EventKind::Shared => ("Gedeeld", "Shared"),
        EventKind::FeedbackGiven => ("Feedback ontvangen", "Feedback given"),
        EventKind::AssessmentPassed => ("Assessment behaald", "Assessment passed"),
        EventKind::OfficerRequestSent => (
            "Verzoek aan privacy officers verstuurd",
            "Request sent to privacy officers",
        ),
        EventKind::OfficerAnswered => (
            "Antwoord van privacy officers ontvangen",
            "Privacy officers answered",
        ),
        EventKind::ConsentWithdrawn => ("Toestemming ingetrokken", "Consent withdrawn"),
        EventKind::Objection => ("Bezwaar gemaakt", "Objection raised"),
        EventKind::Incident => ("Incident", "Incident"),
    };
    tr(lang, nl, en)
}

/// Label of a role.
pub fn role_label(role: Role, lang: Lang) -> String {
    let (nl, en) = match role {
        Role::Student => ("student", "student"),
        Role::Peer => ("medestudent (peerfeedback)", "peer (peer feedback)"),
        Role::Mentor => ("begeleider", "mentor"),
        Role::Assessor => ("beoordelaar", "assessor"),
        Role::Other => ("iemand anders", "someone else"),
    };
    tr(lang, nl, en)
}

/// Label of a mentor role.
pub fn mentor_role_label(role: crate::profile::MentorRole, lang: Lang) -> String {
    use crate::profile::MentorRole;
    let (nl, en) = match role {
        MentorRole::Werkplekbegeleider => ("werkplekbegeleider", "workplace supervisor"),
        MentorRole::Schoolopleider => ("schoolopleider", "school-based teacher educator"),
        MentorRole::Instituutsopleider => {
            ("instituutsopleider", "institute-based teacher educator")
        }
    };
    tr(lang, nl, en)
}

/// Label of a channel.
pub fn channel_label(channel: Channel, lang: Lang) -> String {
    let (nl, en) = match channel {
        Channel::SecureStorage => ("vanaf de veilige opslaglocatie", "from the secure location"),
        Channel::IrisConnect => ("via IRIS Connect", "via IRIS Connect"),
        Channel::InPerson => (
            "samen bekeken, zonder bestand over te dragen",
            "watched together, no file handed over",
        ),
        Channel::Email => ("per e-mail", "by e-mail"),
        Channel::Wetransfer => ("via WeTransfer", "via WeTransfer"),
        Channel::Internet => ("op internet gezet", "published on the internet"),
        Channel::SocialMedia => ("via social media", "via social media"),
        Channel::Messaging => ("via een chat-app", "via a chat app"),
        Channel::UsbStick => ("op een USB-stick", "on a USB stick"),
    };
    tr(lang, nl, en)
}

/// Label of a copy kind.
pub fn copy_label(kind: CopyKind, lang: Lang) -> String {
    let (nl, en) = match kind {
        CopyKind::Device => ("opnameapparaat", "recording device"),
        CopyKind::CloudSync => ("cloudsynchronisatie", "cloud sync"),
        CopyKind::Laptop => ("laptop", "laptop"),
        CopyKind::SecureStorage => ("veilige opslaglocatie", "secure location"),
        CopyKind::MentorAccess => ("toegang begeleider/beoordelaar", "mentor/assessor access"),
    };
    tr(lang, nl, en)
}

fn status_label(status: DeadlineStatus, lang: Lang) -> String {
    let (nl, en) = match status {
        DeadlineStatus::Overdue => ("Te laat", "Overdue"),
        DeadlineStatus::DueToday => ("Vandaag", "Due today"),
        DeadlineStatus::Upcoming => ("Gepland", "Upcoming"),
        DeadlineStatus::NeedsDate => ("Kies een datum", "Choose a date"),
        DeadlineStatus::Waiting => ("Nog niet gestart", "Not started"),
        DeadlineStatus::Done => ("Gedaan", "Done"),
    };
    tr(lang, nl, en)
}

/// Words a derived deadline.
pub fn deadline_view(d: &Deadline<'_>, lang: Lang) -> DeadlineView {
    let (title, help) = match &d.source {
        DeadlineSource::Rule(rule) => (
            rule.title.get(lang).to_owned(),
            rule.help.as_ref().map(|h| h.get(lang).to_owned()),
        ),
        DeadlineSource::Incident { kind, clock, .. } => (
            format!("{}: {}", kind.title.get(lang), clock.title.get(lang)),
            None,
        ),
    };
    let when = match (d.status, d.done_at, d.due, d.waits_for) {
        (DeadlineStatus::Done, Some(at), _, _) => format!(
            "{} {}",
            tr(lang, "gedaan op", "done on"),
            format_datetime(at, lang)
        ),
        (_, _, Some(due), _) => format!(
            "{} {}",
            tr(lang, "uiterlijk", "by"),
            format_datetime(due, lang)
        ),
        (_, _, None, Some(ev)) => format!(
            "{} {}",
            tr(lang, "start bij:", "starts at:"),
            event_label(ev, lang).to_lowercase()
        ),
        _ => tr(
            lang,
            "kies zelf een concrete datum",
            "choose a concrete date",
        ),
    };
    DeadlineView {
        id: d.id.to_string(),
        title,
        help,
        due: d.due,
        status: d.status,
        when,
        status_label: status_label(d.status, lang),
        needs_date: matches!(&d.source, DeadlineSource::Rule(r) if matches!(r.due, crate::policy::Due::ChosenDate { .. }))
            && d.done_at.is_none(),
    }
}

fn verdict_view(outcome: &Outcome<'_>, lang: Lang) -> VerdictView {
    let reason = match outcome {
        Outcome::Decided(rule) => rule.reason.get(lang).to_owned(),
        Outcome::Pending => tr(
            lang,
            "Beantwoord de vragen om te zien of en hoe je mag opnemen.",
            "Answer the questions to see whether and how you may record.",
        ),
    };
    VerdictView {
        verdict: outcome.verdict(),
        label: verdict_label(outcome.verdict(), lang),
        reason,
    }
}

fn tick_view(t: &Tick, lang: Lang) -> TickView {
    TickView {
        by: t.by.clone(),
        at: format_datetime(t.at, lang),
        note: t.note.clone(),
    }
}

/// The events a user can log on this recording now: "recorded", plus the events that the
/// deadlines and items applying to it refer to. Until the recording exists only the events that
/// may precede it are offered (e.g. a request to the privacy officers); shares and incidents have
/// their own forms. Events already logged stay listed with their time.
pub fn loggable_events(
    pack: &PolicyPack,
    rec: &Recording,
    known: &checklist::Known<'_>,
) -> Vec<EventKind> {
    let mut kinds = vec![EventKind::Recorded];
    for rule in pack.deadlines.iter().filter(|r| {
        r.applies_when
            .as_ref()
            .is_none_or(|c| c.eval(known) == Some(true))
    }) {
        if let crate::policy::Due::AfterEvent { event, .. } = rule.due {
            kinds.push(event);
        }
        if let crate::policy::DoneWhen::Event(event) = rule.done_when {
            kinds.push(event);
        }
    }
    kinds.extend(
        pack.items
            .iter()
            .filter(|i| checklist::shown(i, known))
            .filter_map(|i| i.records_event),
    );
    kinds.sort();
    kinds.dedup();
    let recorded = rec.first(EventKind::Recorded).is_some();
    kinds.retain(|k| {
        let logged = rec.first(*k).is_some() && *k != EventKind::PlannedFor;
        let offered = match k {
            EventKind::PlannedFor | EventKind::Shared | EventKind::Incident => false,
            EventKind::Recorded
            | EventKind::OfficerRequestSent
            | EventKind::OfficerAnswered
            | EventKind::Objection => true,
            _ => recorded,
        };
        logged || offered
    });
    kinds
}

/// The full view of a recording.
pub fn recording_view(
    pack: &PolicyPack,
    rec: &Recording,
    now: DateTime<Utc>,
    lang: Lang,
) -> RecordingView {
    let known = checklist::Known::new(pack, &rec.answers);
    let outcome = checklist::verdict(pack, &known);
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
                    options: opts
                        .iter()
                        .map(|o| OptionView {
                            id: o.id.clone(),
                            text: o.text.get(lang).to_owned(),
                        })
                        .collect(),
                },
                AnswerKind::Count(max) => QuestionInput::Count { max: *max },
            },
            answer: known.answer(&q.id).cloned(),
        })
        .collect();
    let phases = pack
        .phases
        .iter()
        .map(|ph| {
            let items: Vec<_> = pack
                .items
                .iter()
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
        questions,
        verdict: verdict_view(&outcome, lang),
        phases,
        deadlines: deadlines.iter().map(|d| deadline_view(d, lang)).collect(),
        events,
        copies: rec
            .copies
            .iter()
            .map(|c| CopyView {
                id: c.id.clone(),
                label: c.label.clone(),
                deleted: c.deleted.as_ref().map(|d| deletion_line(d, lang)),
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
            let due = deadlines.iter().find(|d| d.id == "na_feedback").and_then(|d| d.due);
            let by_when = due.map(|d| format!(" ({} {})", tr(lang, "uiterlijk", "by"), format_datetime(d, lang))).unwrap_or_default();
            FeedbackView {
                how: match &rec.feedback_receipt {
                    Some(r) => format!("{} {}", tr(lang, "Ondertekend ontvangstbewijs van de begeleider, sleutel", "Signed receipt from the mentor, key"), r.fingerprint),
                    None => tr(lang, "Bevestigd door de begeleider op deze laptop", "Confirmed by the mentor on this laptop"),
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
    }
}

/// A copy's deletion confirmation in one line: who, when and how.
pub fn deletion_line(d: &crate::recording::Confirmation, lang: Lang) -> String {
    format!(
        "{} {} {} {} ({})",
        tr(lang, "verwijderd door", "deleted by"),
        d.by,
        tr(lang, "op", "on"),
        format_datetime(d.at, lang),
        d.method
    )
}

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

/// The dashboard line of a recording.
pub fn summary(
    pack: &PolicyPack,
    rec: &Recording,
    now: DateTime<Utc>,
    lang: Lang,
) -> RecordingSummary {
    let known = checklist::Known::new(pack, &rec.answers);
    let deadlines = deadline::derive_known(pack, rec, &known, now);
    let shown: Vec<_> = pack
        .items
        .iter()
        .filter(|it| checklist::shown(it, &known))
        .collect();
    RecordingSummary {
        id: rec.id.clone(),
        title: rec.title.clone(),
        planned_for: format_date(rec.planned_for, lang),
        pack: format!("{} {}", pack.title.get(lang), pack.version),
        verdict: verdict_view(&checklist::verdict(pack, &known), lang),
        next_deadline: deadlines
            .iter()
            .find(|d| {
                matches!(
                    d.status,
                    DeadlineStatus::Overdue
                        | DeadlineStatus::DueToday
                        | DeadlineStatus::Upcoming
                        | DeadlineStatus::NeedsDate
                )
            })
            .map(|d| deadline_view(d, lang)),
        overdue: deadlines
            .iter()
            .filter(|d| d.status == DeadlineStatus::Overdue)
            .count() as u32,
        items_done: shown
            .iter()
            .filter(|it| rec.ticks.contains_key(&it.id))
            .count() as u32,
        items_total: shown.len() as u32,
        closed: rec.is_closed(),
    }
}
