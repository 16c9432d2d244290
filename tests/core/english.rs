//! English mode: with the profile set to English, nothing the core produces is Dutch.
//!
//! One journey through the workspace and the app (plan, answer, tick, record, store, share,
//! incidents, deletions, feedback in person and by signed receipt, a chosen date, the assessment,
//! backups, reminders, erasing) runs twice, once in Dutch and once in English, with the same
//! English titles, names and notes (what a user types is not ours to translate). It collects
//! every view as JSON, the calendar, the dossier's text, the reminders and the errors of a sweep
//! of refused actions (at least one of every area). The English outputs must hold:
//!
//! - none of the Dutch catalog: the fixed parts of every error's Dutch sentence (every variant of
//!   every error enum, rendered with placeholders), the Dutch literal of every `tr(…)` call in the
//!   core's source, and the Dutch labels of every event, role, channel, copy, mentor role and
//!   verdict;
//! - none of the Dutch texts the Dutch run showed in the same place (views, step by step), and no
//!   view text that is the same in both runs unless it is language-neutral (listed below);
//! - none of a list of distinctive Dutch words.
//!
//! What legitimately stays Dutch is allowed explicitly below, each with its reason.

use crate::dossier::poppler;
use crate::support::*;
use opnamewijs::app::{Acted, AppError};
use opnamewijs::error::{ErrorPayload, Localized};
use opnamewijs::files::{FileError, FileProblem};
use opnamewijs::limits::{InputError, InputField};
use opnamewijs::mentor::{Defect, MentorError};
use opnamewijs::policy::{
    AnswerRange, JsonKind, PackProblem, PolicyError, ReadProblem, ShapeProblem, Verdict,
};
use opnamewijs::profile::MentorRole;
use opnamewijs::recording::{Channel, CopyKind, EventKind, Role};
use opnamewijs::store::{Corruption, Mode, Profile, StoreError};
use opnamewijs::text::Lang;
use opnamewijs::vault::{
    Damage, DiskProblem, KeyStoreError, Leftover, TamperKind, Unlock, VaultError,
};
use opnamewijs::workspace::*;
use opnamewijs::{views, App};
use serde::Serialize;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Distinctive Dutch words: none of them may appear in English output (after the allowed names
/// below are taken out).
const DUTCH_WORDS: [&str; 19] = [
    "opname",
    "termijn",
    "verwijder",
    "kopie",
    "gegevens",
    "begeleider",
    "bestand",
    "niet",
    "pagina",
    "dagboek",
    "wachtwoord",
    " een ",
    " het ",
    " je ",
    " de ",
    " van ",
    " op ",
    " en ",
    " wordt ",
];

/// Names that stay as they are in every language, taken out of the English output before it is
/// scanned. Lower case.
const ALLOWED_NAMES: [&str; 5] = [
    // The extensions of feedback request and receipt files (a file format's name), in paths.
    ".opnamewijs-verzoek",
    ".opnamewijs-bewijs",
    // The ids of the shipped packs (the dossier prints the pack's id next to its title).
    "hu-stage-opnamen",
    "memo-lesopnamen",
    // The product's name.
    "opnamewijs",
];

/// View texts that are the same in Dutch and English, because they are the same word in both.
const SAME_IN_BOTH: [&str; 15] = [
    "Student",
    "student",
    "Incident",
    "laptop",
    "via IRIS Connect",
    "via WeTransfer",
    "via social media",
    "2.0.0",
    "Feedback",
    "mailbox",
    "iPhone / iPad",
    "Android",
    "OneDrive / SharePoint",
    "iCloud",
    "Windows",
];

/// What the user typed, in English in both runs (not ours to translate).
const TITLE_A: &str = "Maths lesson 3B";
const TITLE_B: &str = "Reading lesson 4A";
const TITLE_C: &str = "Science lesson 2C";
const TITLE_D: &str = "Music lesson 1D";
const STUDENT: &str = "Sam Jones";
const MENTOR: &str = "Anna Smith";
const METHOD: &str = "deleted in Photos and emptied 'Recently Deleted'";
const SHARE_NOTE: &str = "shared for the feedback talk";
const INCIDENT_NOTE: &str = "phone left on the train";
const BACKUP_PASSPHRASE: &str = "a long backup passphrase";

const HU: &str = "hu-stage-opnamen";

/// A refused action: the step, the code and the message in the run's language.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Refusal {
    step: String,
    code: String,
    message: String,
}

/// Everything one run of the journey produced.
struct Run {
    lang: Lang,
    /// Every view, serialized, with the step that produced it.
    views: Vec<(String, Value)>,
    /// The calendar, unfolded and unescaped.
    calendar: String,
    /// The dossiers' text, whitespace squeezed.
    dossiers: Vec<String>,
    /// Reminders and notifications: title and body.
    reminders: Vec<String>,
    /// Refused actions, in order.
    refusals: Vec<Refusal>,
    /// Temporary folders, replaced by `<dir>` in everything above.
    dirs: Vec<String>,
}

impl Run {
    fn new(lang: Lang) -> Run {
        Run {
            lang,
            views: Vec::new(),
            calendar: String::new(),
            dossiers: Vec::new(),
            reminders: Vec::new(),
            refusals: Vec::new(),
            dirs: Vec::new(),
        }
    }

    fn redact(&self, text: &str) -> String {
        let mut text = text.to_owned();
        for dir in &self.dirs {
            text = text.replace(dir.as_str(), "<dir>");
        }
        text
    }

    /// Keeps a view (or any answer the UI renders).
    fn view<T: Serialize>(&mut self, step: &str, value: &T) {
        let json = serde_json::to_string(value).expect("serialize");
        let json = serde_json::from_str(&self.redact(&json)).expect("json");
        self.views.push((step.to_owned(), json));
    }

    /// Keeps the view of a change that must succeed, and returns it.
    fn ok<T: Serialize>(&mut self, step: &str, result: Result<T, WorkspaceError>) -> T {
        let lang = self.lang;
        let value =
            result.unwrap_or_else(|e| panic!("{step}: {}", ErrorPayload::localized(&e, lang)));
        self.view(step, &value);
        value
    }

    /// Keeps the error of a change that must be refused, worded as the app words it.
    fn refused<T>(&mut self, step: &str, result: Result<T, WorkspaceError>) {
        let err = match result {
            Ok(_) => panic!("{step}: accepted"),
            Err(err) => ErrorPayload::localized(&err, self.lang),
        };
        self.refused_payload(step, Err::<(), _>(err));
    }

    /// Keeps an error the app answered.
    fn refused_payload<T>(&mut self, step: &str, result: Result<T, ErrorPayload>) {
        let Err(err) = result else {
            panic!("{step}: accepted")
        };
        self.refusals.push(Refusal {
            step: step.to_owned(),
            code: err.code,
            message: self.redact(&err.message),
        });
    }

    fn remind(&mut self, title: &str, body: &str) {
        let line = self.redact(&format!("{title}\n{body}"));
        self.reminders.push(line);
    }
}

fn profile(name: &str, lang: Lang, mode: Mode) -> Profile {
    Profile {
        name: name.into(),
        lang,
        mode,
    }
}

fn new_recording(title: &str) -> NewRecording {
    NewRecording {
        title: title.into(),
        planned_for: "2026-11-24".into(),
        pack: HU.into(),
    }
}

fn event(recording: &str, kind: EventKind, on: Option<&str>) -> LogEvent {
    LogEvent {
        recording: recording.into(),
        kind,
        on: on.map(Into::into),
        note: None,
    }
}

/// Answers the HU questions for `purpose`, keeping the view after each answer.
fn answer_all(run: &mut Run, env: &mut Env, id: &str, purpose: &str) {
    let answers = [
        ("mentor_live", no()),
        ("purpose", choice(purpose)),
        ("media", choice("video")),
        ("device", choice("own_device")),
        ("pupils_in_view", yes()),
        ("consent_basis", choice("student_asks")),
        ("pupils_under_16", yes()),
        (
            "pupils_without_consent",
            opnamewijs::recording::Answer::Count(0),
        ),
    ];
    for (question, answer) in answers {
        let view = env
            .ws
            .answer(AnswerQuestion {
                recording: id.into(),
                question: question.into(),
                answer: Some(answer),
            })
            .shown(&env.ws);
        run.ok(&format!("answer {question}"), view);
    }
}

/// The journey, in `lang`.
fn journey(lang: Lang) -> Run {
    let mut run = Run::new(lang);
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    run.dirs = vec![
        env.dir.path().display().to_string(),
        env.files.path().display().to_string(),
    ];
    let files = env.files.path().to_owned();
    let file = |name: &str| files.join(name);
    // A copy of a shipped pack in the data directory: refused, it uses a built-in pack's name;
    // listed in the status.
    // Beside it, broken packs: cut short, a field with a typo, a rule broken; each listed with
    // its field and its problem.
    let policies = env.dir.path().join("policies");
    std::fs::create_dir_all(&policies).expect("policies");
    let memo = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/policies/memo-lesopnamen.json");
    std::fs::copy(&memo, policies.join("memo-copy.json")).expect("copy pack");
    let memo = std::fs::read_to_string(&memo).expect("read pack");
    let broken = [
        (
            "cut-short.json",
            memo.chars().take(memo.len() / 2).collect(),
        ),
        (
            "typo.json",
            memo.replacen("\"audience\"", "\"audiense\"", 1),
        ),
        (
            "format-3.json",
            memo.replacen("\"format\": 2", "\"format\": 3", 1),
        ),
    ];
    for (name, text) in &broken {
        assert_ne!(text, &memo, "{name} is broken");
        std::fs::write(policies.join(name), text).expect("write broken pack");
    }
    env.restart();

    let status = env
        .ws
        .set_profile(profile(STUDENT, lang, Mode::Student))
        .shown(&env.ws);
    let status = run.ok("profile", status);
    let codes: Vec<&str> = status.pack_errors.iter().map(|e| e.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "policy.syntax",
            "policy.invalid",
            "policy.impersonates",
            "policy.syntax"
        ],
        "the broken and the duplicate packs are listed, by file name"
    );

    // Plan recording A and work through its checklist.
    let created = env.ws.create(new_recording(TITLE_A)).shown(&env.ws);
    let a = run.ok("create A", created).id;
    let r = env
        .ws
        .create(NewRecording {
            title: " ".into(),
            ..new_recording(TITLE_A)
        })
        .shown(&env.ws);
    run.refused("create: empty title", r);
    let r = env
        .ws
        .create(NewRecording {
            planned_for: "next Tuesday".into(),
            ..new_recording(TITLE_A)
        })
        .shown(&env.ws);
    run.refused("create: invalid date", r);
    let r = env
        .ws
        .create(NewRecording {
            pack: "no-such-pack".into(),
            ..new_recording(TITLE_A)
        })
        .shown(&env.ws);
    run.refused("create: unknown pack", r);
    let r = env
        .ws
        .log_event(event(&a, EventKind::Recorded, None))
        .shown(&env.ws);
    run.refused("record before answering", r);
    let r = env
        .ws
        .answer(AnswerQuestion {
            recording: a.clone(),
            question: "no_such_question".into(),
            answer: Some(no()),
        })
        .shown(&env.ws);
    run.refused("answer: unknown question", r);
    let r = env
        .ws
        .answer(AnswerQuestion {
            recording: a.clone(),
            question: "purpose".into(),
            answer: Some(yes()),
        })
        .shown(&env.ws);
    run.refused("answer: flag for a choice", r);
    answer_all(&mut run, &mut env, &a, "feedback");
    let r = env
        .ws
        .set_item(SetItem {
            recording: a.clone(),
            item: "apparatuur.getest".into(),
            done: true,
            note: None,
        })
        .shown(&env.ws);
    run.refused("tick: earlier phase open", r);
    let r = env
        .ws
        .set_item(SetItem {
            recording: a.clone(),
            item: "no.such.item".into(),
            done: true,
            note: None,
        })
        .shown(&env.ws);
    run.refused("tick: unknown item", r);
    let view = env.complete_phases_before(&a, "opslaan");
    run.view("checklist before storing", &view);

    // Record, store, share.
    env.clock.set(nl(2026, 11, 24, 11, 0));
    let recorded = env
        .ws
        .log_event(event(&a, EventKind::Recorded, None))
        .shown(&env.ws);
    run.ok("record A", recorded);
    let r = env
        .ws
        .log_event(event(&a, EventKind::Recorded, None))
        .shown(&env.ws);
    run.refused("record twice", r);
    let r = env
        .ws
        .log_event(event(&a, EventKind::Shared, None))
        .shown(&env.ws);
    run.refused("log a share as an event", r);
    let r = env
        .ws
        .log_event(event(&a, EventKind::StoredSecurely, Some("2026-12-25")))
        .shown(&env.ws);
    run.refused("event in the future", r);
    let r = env
        .ws
        .log_event(event(&a, EventKind::StoredSecurely, Some("tomorrow")))
        .shown(&env.ws);
    run.refused("event on an invalid day", r);
    let r = env
        .ws
        .log_event(LogEvent {
            note: Some("x".repeat(600)),
            ..event(&a, EventKind::StoredSecurely, None)
        })
        .shown(&env.ws);
    run.refused("event with a long note", r);
    let stored = env
        .ws
        .log_event(event(&a, EventKind::StoredSecurely, None))
        .shown(&env.ws);
    run.ok("store A", stored);
    let shared = env
        .ws
        .log_share(LogShare {
            recording: a.clone(),
            role: Role::Mentor,
            channel: Channel::SecureStorage,
            note: Some(SHARE_NOTE.into()),
        })
        .shown(&env.ws);
    run.ok("share A", shared);
    let r = env
        .ws
        .log_share(LogShare {
            recording: a.clone(),
            role: Role::Mentor,
            channel: Channel::Email,
            note: None,
        })
        .shown(&env.ws);
    run.refused("share by e-mail", r);
    let r = env
        .ws
        .log_share(LogShare {
            recording: a.clone(),
            role: Role::Other,
            channel: Channel::SecureStorage,
            note: None,
        })
        .shown(&env.ws);
    run.refused("share with someone else", r);

    // An incident and its clocks.
    let incident = env
        .ws
        .log_incident(LogIncident {
            recording: a.clone(),
            kind: "apparaat_kwijt".into(),
            note: Some(INCIDENT_NOTE.into()),
        })
        .shown(&env.ws);
    run.ok("incident", incident);
    let done = env
        .ws
        .incident_clock_done(ClockDone {
            recording: a.clone(),
            incident: "incident-1".into(),
            clock: "school".into(),
        })
        .shown(&env.ws);
    run.ok("incident clock done", done);
    let r = env
        .ws
        .log_incident(LogIncident {
            recording: a.clone(),
            kind: "no_such_kind".into(),
            note: None,
        })
        .shown(&env.ws);
    run.refused("incident: unknown type", r);
    let r = env
        .ws
        .incident_clock_done(ClockDone {
            recording: a.clone(),
            incident: "incident-9".into(),
            clock: "school".into(),
        })
        .shown(&env.ws);
    run.refused("incident: unknown incident", r);
    let r = env
        .ws
        .incident_clock_done(ClockDone {
            recording: a.clone(),
            incident: "incident-1".into(),
            clock: "no_such_clock".into(),
        })
        .shown(&env.ws);
    run.refused("incident: unknown clock", r);

    // Deletions.
    let deletion = |copy: &str, method: &str| ConfirmDeletion {
        recording: a.clone(),
        copy: copy.into(),
        method: method.into(),
        bin_emptied: true,
    };
    let deleted = env
        .ws
        .confirm_deletion(deletion("copy-1", METHOD))
        .shown(&env.ws);
    run.ok("delete copy-1", deleted);
    let r = env
        .ws
        .confirm_deletion(deletion("copy-1", METHOD))
        .shown(&env.ws);
    run.refused("delete copy-1 again", r);
    let r = env
        .ws
        .confirm_deletion(deletion("copy-2", " "))
        .shown(&env.ws);
    run.refused("delete without a method", r);
    let r = env
        .ws
        .confirm_deletion(deletion("copy-9", METHOD))
        .shown(&env.ws);
    run.refused("delete an unknown copy", r);

    // Feedback confirmed on the student's laptop.
    env.clock.set(nl(2026, 11, 26, 15, 0));
    let feedback = |mentor: &str, on: &str| ConfirmFeedback {
        recording: a.clone(),
        on: on.into(),
        mentor: mentor.into(),
        role: MentorRole::Werkplekbegeleider,
    };
    let r = env
        .ws
        .confirm_feedback(feedback(" ", "2026-11-26"))
        .shown(&env.ws);
    run.refused("feedback without a name", r);
    let r = env
        .ws
        .confirm_feedback(feedback(MENTOR, "2026-11-20"))
        .shown(&env.ws);
    run.refused("feedback before the recording", r);
    let confirmed = env
        .ws
        .confirm_feedback(feedback(MENTOR, "2026-11-26"))
        .shown(&env.ws);
    run.ok("feedback on A", confirmed);
    let r = env
        .ws
        .export_feedback_request(ExportRequest {
            recording: a.clone(),
            path: file("late-request.opnamewijs-verzoek")
                .display()
                .to_string(),
        })
        .shown(&env.ws);
    run.refused("request after feedback", r);

    // Recording B, for reflection: a date of one's own choosing, and feedback by signed receipt.
    let created = env.ws.create(new_recording(TITLE_B)).shown(&env.ws);
    let b = run.ok("create B", created).id;
    answer_all(&mut run, &mut env, &b, "reflection");
    let choose = |deadline: &str, date: &str| ChooseDate {
        recording: b.clone(),
        deadline: deadline.into(),
        date: date.into(),
    };
    let r = env
        .ws
        .choose_date(choose("bewaartermijn", "2026-11-01"))
        .shown(&env.ws);
    run.refused("date in the past", r);
    let r = env
        .ws
        .choose_date(choose("bewaartermijn", "2037-06-01"))
        .shown(&env.ws);
    run.refused("date beyond the window", r);
    let r = env
        .ws
        .choose_date(choose("no_such_deadline", "2027-03-01"))
        .shown(&env.ws);
    run.refused("date for an unknown deadline", r);
    let r = env
        .ws
        .choose_date(choose("veilig_opslaan", "2027-03-01"))
        .shown(&env.ws);
    run.refused("date for a deadline without one", r);
    let chosen = env
        .ws
        .choose_date(choose("bewaartermijn", "2027-03-01"))
        .shown(&env.ws);
    run.ok("choose a date", chosen);
    let r = env
        .ws
        .export_feedback_request(ExportRequest {
            recording: b.clone(),
            path: file("early-request.opnamewijs-verzoek")
                .display()
                .to_string(),
        })
        .shown(&env.ws);
    run.refused("request before recording", r);
    let view = env.complete_phases_before(&b, "opslaan");
    run.view("checklist of B", &view);
    let recorded = env
        .ws
        .log_event(event(&b, EventKind::Recorded, None))
        .shown(&env.ws);
    run.ok("record B", recorded);

    // Recording D, for feedback by a signed receipt from the mentor's own installation.
    let created = env.ws.create(new_recording(TITLE_D)).shown(&env.ws);
    let d = run.ok("create D", created).id;
    answer_all(&mut run, &mut env, &d, "feedback");
    let view = env.complete_phases_before(&d, "opslaan");
    run.view("checklist of D", &view);
    let recorded = env
        .ws
        .log_event(event(&d, EventKind::Recorded, None))
        .shown(&env.ws);
    run.ok("record D", recorded);
    let request_path = file("request.opnamewijs-verzoek");
    let exported = env
        .ws
        .export_feedback_request(ExportRequest {
            recording: d.clone(),
            path: request_path.display().to_string(),
        })
        .shown(&env.ws);
    run.ok("export request", exported);

    // The mentor's installation.
    let mut mentor = Env::at(nl(2026, 12, 20, 9, 0));
    run.dirs.push(mentor.dir.path().display().to_string());
    let status = mentor
        .ws
        .set_profile(profile("Student", lang, Mode::Mentor))
        .shown(&mentor.ws);
    run.ok("mentor profile without a name", status);
    let desk = mentor
        .ws
        .import_feedback_request(&request_path)
        .shown(&mentor.ws);
    let request_id = run.ok("mentor imports", desk).requests[0].id.clone();
    let confirm = |on: &str| ConfirmRequest {
        request: request_id.clone(),
        on: on.into(),
        role: MentorRole::Schoolopleider,
    };
    let r = mentor
        .ws
        .confirm_request(confirm("2026-12-18"))
        .shown(&mentor.ws);
    run.refused("mentor without a name", r);
    let status = mentor
        .ws
        .set_profile(profile(MENTOR, lang, Mode::Mentor))
        .shown(&mentor.ws);
    run.ok("mentor profile", status);
    let r = mentor
        .ws
        .import_feedback_request(&request_path)
        .shown(&mentor.ws);
    run.refused("mentor imports twice", r);
    let receipt_path = file("receipt.opnamewijs-bewijs");
    let export_receipt = |request: &str| ExportReceipt {
        request: request.into(),
        path: receipt_path.display().to_string(),
    };
    let r = mentor
        .ws
        .export_feedback_receipt(export_receipt(&request_id));
    run.refused("receipt before confirming", r);
    let r = mentor
        .ws
        .confirm_request(ConfirmRequest {
            request: "no-such-request".into(),
            ..confirm("2026-12-18")
        })
        .shown(&mentor.ws);
    run.refused("confirm an unknown request", r);
    let r = mentor
        .ws
        .confirm_request(confirm("2026-12-25"))
        .shown(&mentor.ws);
    run.refused("confirm a day in the future", r);
    let r = mentor
        .ws
        .confirm_request(confirm("2026-11-20"))
        .shown(&mentor.ws);
    run.refused("confirm a day before the recording", r);
    let late = mentor.ws.desk();
    run.ok("desk with a late request", late);
    for reminder in mentor.ws.reminders().expect("mentor reminders") {
        run.remind(&reminder.title, &reminder.body);
    }
    let confirmed = mentor
        .ws
        .confirm_request(confirm("2026-12-18"))
        .shown(&mentor.ws);
    run.ok("mentor confirms late", confirmed);
    let exported = mentor
        .ws
        .export_feedback_receipt(export_receipt(&request_id));
    run.ok("mentor exports the receipt", exported);
    let r = mentor
        .ws
        .import_feedback_receipt(&receipt_path)
        .shown(&mentor.ws);
    run.refused("receipt for another installation", r);

    // Files that are not what they should be.
    let garbage = file("garbage.json");
    std::fs::write(&garbage, b"not json").expect("write");
    let r = env.ws.import_feedback_receipt(&garbage).shown(&env.ws);
    run.refused("receipt that is not JSON", r);
    let calendar_kind = file("other-kind.json");
    std::fs::write(&calendar_kind, br#"{"kind": "calendar", "format": 1}"#).expect("write");
    let r = env
        .ws
        .import_feedback_receipt(&calendar_kind)
        .shown(&env.ws);
    run.refused("receipt of another kind", r);
    let huge = file("huge.json");
    std::fs::write(&huge, vec![b' '; 70_000]).expect("write");
    let r = mentor.ws.import_feedback_request(&huge).shown(&mentor.ws);
    run.refused("request too large", r);
    let mut json: Value =
        serde_json::from_slice(&std::fs::read(&request_path).expect("read")).expect("json");
    json["title"] = Value::String(" ".into());
    let empty_title = file("empty-title.json");
    std::fs::write(&empty_title, json.to_string()).expect("write");
    let r = mentor
        .ws
        .import_feedback_request(&empty_title)
        .shown(&mentor.ws);
    run.refused("request without a title", r);
    let mut json: Value =
        serde_json::from_slice(&std::fs::read(&receipt_path).expect("read")).expect("json");
    json["receipt"]["feedback_on"] = Value::String("2026-12-01".into());
    let changed = file("changed.json");
    std::fs::write(&changed, json.to_string()).expect("write");
    let r = env.ws.import_feedback_receipt(&changed).shown(&env.ws);
    run.refused("receipt changed after signing", r);
    let r = env
        .ws
        .import_feedback_receipt(&file("missing.json"))
        .shown(&env.ws);
    run.refused("receipt that does not exist", r);

    env.clock.set(nl(2026, 12, 21, 9, 0));
    let read = env.ws.preview_feedback_receipt(&receipt_path);
    let fingerprint = read
        .as_ref()
        .map(|r| r.fingerprint.clone())
        .unwrap_or_default();
    run.ok("student reads the receipt", read.shown(&env.ws));
    let r = env
        .ws
        .accept_feedback_receipt(AcceptReceipt {
            fingerprint: fingerprint.clone(),
            compared: false,
        })
        .shown(&env.ws);
    run.refused("receipt accepted without comparing the key", r);
    let imported = env
        .ws
        .accept_feedback_receipt(AcceptReceipt {
            fingerprint,
            compared: true,
        })
        .shown(&env.ws);
    run.ok("student imports the receipt", imported);
    let r = env.ws.import_feedback_receipt(&receipt_path).shown(&env.ws);
    run.refused("receipt imported twice", r);
    let desk = mentor.ws.desk();
    run.ok("desk after confirming", desk);
    drop(mentor);

    // Recording C stays planned; the assessment.
    env.clock.set(nl(2027, 1, 20, 14, 0));
    let created = env.ws.create(new_recording(TITLE_C)).shown(&env.ws);
    let c = run.ok("create C", created).id;
    let r = env
        .ws
        .assessment_passed(AssessmentPassed {
            on: "2027-01-20".into(),
        })
        .shown(&env.ws);
    run.refused("passed without choosing", r);
    let r = env
        .ws
        .select_for_assessment(SelectForAssessment {
            recording: c.clone(),
            selected: true,
        })
        .shown(&env.ws);
    run.refused("choose a lesson not recorded", r);
    let view = env.ws.assessment();
    run.ok("assessment before choosing", view);
    let dossier = file("dossier-all.pdf");
    let report = env.ws.export_dossier(&dossier);
    run.ok("dossier of all recordings", report);
    let selected = env
        .ws
        .select_for_assessment(SelectForAssessment {
            recording: a.clone(),
            selected: true,
        })
        .shown(&env.ws);
    run.ok("choose A", selected);
    let checked = env.ws.check_portfolio(true).shown(&env.ws);
    run.ok("portfolio checked", checked);
    let passed = env
        .ws
        .assessment_passed(AssessmentPassed {
            on: "2027-01-20".into(),
        })
        .shown(&env.ws);
    run.ok("passed", passed);

    // Files out, and paths that are refused.
    let r = env.ws.export_dossier(&dossier);
    run.refused("dossier over an existing file", r);
    let r = env.ws.export_calendar(Path::new("deadlines.ics"));
    run.refused("calendar to a relative path", r);
    let r = env
        .ws
        .export_calendar(&file("no-such-folder/deadlines.ics"));
    run.refused("calendar into a missing folder", r);
    let r = env
        .ws
        .export_calendar(&env.dir.path().join("deadlines.ics"));
    run.refused("calendar into the data folder", r);
    let r = env.ws.export_dossier(&file("sub/../dossier2.pdf"));
    run.refused("dossier path with ..", r);
    let r = env.ws.export_backup(&file("short.owbackup"), "short");
    run.refused("backup with a short passphrase", r);
    let r = env
        .ws
        .export_backup(&file("long.owbackup"), &"x".repeat(2_000));
    run.refused("backup with a huge passphrase", r);
    let r = env.ws.view("no-such-recording");
    run.refused("view an unknown recording", r);
    let second = Workspace::open(
        env.dir.path(),
        env.clock.clone(),
        Unlock::Keyring(env.keys.as_ref()),
    );
    run.refused("a second window", second);
    let backup = file("backup.owbackup");
    let report = env.ws.export_backup(&backup, BACKUP_PASSPHRASE);
    run.ok("backup", report);
    let report = env.ws.export_calendar(&file("deadlines.ics"));
    run.ok("calendar export", report);
    let report = env.ws.export_dossier(&file("dossier.pdf"));
    run.ok("dossier export", report);

    // What the screens show now.
    let list = env.ws.list();
    run.ok("dashboard", list);
    let status = env.ws.status();
    run.ok("status", status);
    for id in [&a, &b, &c, &d] {
        let view = env.ws.view(id);
        run.ok("recording", view);
    }
    let view = env.ws.assessment();
    run.ok("assessment", view);
    let calendar = env.ws.calendar().expect("calendar");
    run.calendar = run.redact(&calendar_text(&calendar));
    for path in [dossier, file("dossier.pdf")] {
        let text = poppler("pdftotext", &[], &path);
        let squeezed = text.split_whitespace().collect::<Vec<_>>().join(" ");
        run.dossiers.push(run.redact(&squeezed));
    }
    env.clock.set(nl(2027, 6, 1, 9, 0));
    for reminder in env.ws.reminders().expect("reminders") {
        run.remind(&reminder.title, &reminder.body);
    }

    // The app around the workspace.
    env.close();
    let app = App::open(env.dir.path(), env.clock.clone(), env.keys.clone());
    let reminders = app.new_reminders();
    assert_eq!(reminders[0].key, "summary", "more than three at once");
    for reminder in reminders {
        run.remind(&reminder.title, &reminder.body);
    }
    let r = app.with(|ws| ws.view("no-such-recording"));
    run.refused_payload("app: unknown recording", r);
    let r = app.act(|ws| ws.create(new_recording(" ")));
    run.refused_payload("app: empty title", r);
    let r = app.unlock(&"x".repeat(2_000));
    run.refused_payload("app: huge passphrase", r);
    let r = app.import_backup(&backup, BACKUP_PASSPHRASE);
    run.refused_payload("app: restore into a full installation", r);
    let interrupted = app.interrupted();
    run.refused_payload("app: interrupted", Err::<(), _>(interrupted));
    let status = app.with(|ws| ws.status()).expect("status");
    run.view("app status", &status);
    // Erasing leaves what is not the vault's (the pack folder): reported, then gone.
    let r = app.erase_all();
    run.refused_payload("app: erase leaves a folder", r);
    std::fs::remove_dir_all(&policies).expect("remove the pack folder");
    let erased = app.erase_all().expect("erase");
    run.view("erased", &erased);
    let r = app.with(|ws| ws.list());
    run.refused_payload("app: after erasing", r);
    let r = app.unlock("a long passphrase");
    run.refused_payload("app: unlock after erasing", r);

    // Restoring the backup into a new, empty installation.
    let fresh = tempfile::tempdir().expect("temp dir");
    run.dirs.push(fresh.path().display().to_string());
    let keys = Arc::new(opnamewijs::vault::MemoryKeyStore::new());
    let app = App::open(fresh.path(), env.clock.clone(), keys.clone());
    let acted: Result<Acted<_>, _> =
        app.act(|ws| ws.set_profile(profile(STUDENT, lang, Mode::Student)));
    run.view("new installation", &acted.expect("profile"));
    let r = app.import_backup(&backup, BACKUP_PASSPHRASE);
    run.refused_payload("restore: the new installation holds a name", r);
    let acted: Result<Acted<_>, _> =
        app.act(|ws| ws.set_profile(profile("Student", lang, Mode::Student)));
    run.view("new installation, default name", &acted.expect("profile"));
    let r = app.import_backup(&backup, "not the right passphrase");
    run.refused_payload("restore: wrong passphrase", r);
    let r = app.import_backup(&file("missing.owbackup"), BACKUP_PASSPHRASE);
    run.refused_payload("restore: missing file", r);
    let r = app.import_backup(&request_path, BACKUP_PASSPHRASE);
    run.refused_payload("restore: not a backup", r);
    let r = app.import_backup(&file("x/../backup.owbackup"), BACKUP_PASSPHRASE);
    run.refused_payload("restore: path with ..", r);
    let restored = app.import_backup(&backup, BACKUP_PASSPHRASE);
    run.view("restored", &restored.expect("restore"));
    run
}

/// What a reader sees of a calendar: the calendar's name and each event's summary and
/// description, with folded lines joined and escapes undone. The rest are identifiers no user
/// reads: the PRODID ("-//Opnamewijs//Opnamewijs termijnen//NL", the same for every export so
/// calendars recognise the product) and the UIDs (recording id and the pack's deadline id).
fn calendar_text(ics: &str) -> String {
    ics.replace("\r\n ", "")
        .split("\r\n")
        .filter(|line| {
            ["SUMMARY:", "DESCRIPTION:", "NAME:", "X-WR-CALNAME:"]
                .iter()
                .any(|p| line.starts_with(p))
        })
        .map(|line| {
            line.replace("\\n", "\n")
                .replace("\\,", ",")
                .replace("\\;", ";")
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One value of every variant of every error enum of the core, string fields set to `text` and
/// paths to `path`.
fn every_error(text: &str, path: &str) -> Vec<Box<dyn Localized>> {
    let s = || text.to_owned();
    let p = || PathBuf::from(path);
    let io = || std::io::Error::other(text.to_owned());
    let keystore = [
        KeyStoreError::Unavailable(s()),
        KeyStoreError::Locked(s()),
        KeyStoreError::Failed(s()),
    ];
    let mut vault: Vec<VaultError> = vec![
        VaultError::KeyringUnavailable {
            reason: KeyStoreError::Unavailable(s()),
        },
        VaultError::KeyNotFound,
        VaultError::WrongKey,
        VaultError::WrongPassphrase,
        VaultError::NeedsPassphrase,
        VaultError::NeedsKeyring,
        VaultError::PassphraseTooShort { min: 8 },
        VaultError::PassphraseWeak { weaknesses: vec![] },
        VaultError::PassphraseWeak {
            weaknesses: vec![
                opnamewijs::vault::Weakness::Common { word: s() },
                opnamewijs::vault::Weakness::Date,
                opnamewijs::vault::Weakness::Sequence,
                opnamewijs::vault::Weakness::Repeat,
            ],
        },
        VaultError::BadKdfParams { problem: s() },
        VaultError::UnsupportedVersion {
            path: p(),
            found: 9,
        },
        VaultError::NotAVault { path: p() },
        VaultError::Io {
            path: p(),
            source: io(),
        },
        VaultError::AlreadyExists { dir: p() },
        VaultError::NotFound { dir: p() },
        VaultError::EntryTooLarge { max: 1024 },
        VaultError::TooLarge {
            path: p(),
            max: 4096,
        },
        VaultError::JournalFull { max: 4096 },
        VaultError::NoRandomness { problem: s() },
        VaultError::Interrupted,
    ];
    for kind in [
        TamperKind::Edited,
        TamperKind::Reordered,
        TamperKind::Inserted,
        TamperKind::Deleted,
        TamperKind::Truncated,
        TamperKind::Head,
    ] {
        vault.push(VaultError::Tampered { position: 7, kind });
    }
    for problem in [
        Damage::JournalTooShort,
        Damage::JournalMissing,
        Damage::HeadDamaged,
        Damage::KeyFileMissing,
        Damage::KeyFileDamaged,
        Damage::KeyWrongLength,
        Damage::BackupDamaged,
        Damage::BackupIncomplete,
        Damage::CheckAborted,
        Damage::CheckFailed(Box::new(VaultError::WrongKey)),
    ] {
        vault.push(VaultError::Unreadable { path: p(), problem });
    }
    for problem in [
        DiskProblem::Full,
        DiskProblem::QuotaExceeded,
        DiskProblem::PermissionDenied,
        DiskProblem::ReadOnly,
        DiskProblem::Other(s()),
    ] {
        vault.push(VaultError::WriteFailed {
            path: p(),
            problem,
            source: io(),
        });
    }
    let store = vec![
        StoreError::InUse,
        StoreError::Io {
            path: p(),
            source: io(),
        },
        StoreError::Corrupt {
            path: p(),
            problem: Corruption::Unparsable {
                problem: ShapeProblem::EndsEarly,
                line: 3,
                column: 14,
            },
        },
        StoreError::Corrupt {
            path: p(),
            problem: Corruption::MigrationMismatch,
        },
        StoreError::Corrupt {
            path: p(),
            problem: Corruption::TooLarge { max: 4096 },
        },
        StoreError::Corrupt {
            path: p(),
            problem: Corruption::Entry {
                seq: 7,
                problem: ShapeProblem::MissingField(s()),
            },
        },
        StoreError::NewerFormat {
            path: p(),
            found: 9,
        },
        StoreError::Vault(VaultError::WrongPassphrase),
    ];
    let mut files = vec![
        FileError::NotAbsolute { path: s() },
        FileError::Exists { path: s() },
        FileError::NoFolder { path: s() },
        FileError::NotOurs { path: s() },
    ];
    for problem in [
        FileProblem::NotFound,
        FileProblem::PermissionDenied,
        FileProblem::IsADirectory,
        FileProblem::StorageFull,
        FileProblem::ReadOnly,
        FileProblem::InvalidName,
        FileProblem::Refused,
    ] {
        files.push(FileError::File { path: s(), problem });
    }
    let input = vec![
        InputError::TooLong {
            what: InputField::Passphrase,
            max: 1024,
        },
        InputError::TooLong {
            what: InputField::Path,
            max: 4096,
        },
        InputError::PathTraversal { path: s() },
        InputError::InsideDataDir { data_dir: s() },
    ];
    let mut policy = vec![
        PolicyError::Read {
            file: s(),
            problem: ReadProblem::TooLarge { max_kb: 1024 },
        },
        PolicyError::Read {
            file: s(),
            problem: ReadProblem::NotText,
        },
        PolicyError::Duplicate {
            file: s(),
            id: s(),
            version: s(),
        },
        PolicyError::Impersonates { file: s(), id: s() },
        PolicyError::TooMany {
            file: s(),
            skipped: 4,
            max: 8,
        },
        PolicyError::Unknown {
            id: s(),
            version: s(),
        },
    ];
    policy.extend(files.iter().filter_map(|e| match e {
        FileError::File { problem, .. } => Some(PolicyError::Read {
            file: s(),
            problem: ReadProblem::File(*problem),
        }),
        _ => None,
    }));
    let kinds = [
        JsonKind::Boolean,
        JsonKind::Count,
        JsonKind::Integer,
        JsonKind::Number,
        JsonKind::Text,
        JsonKind::List,
        JsonKind::Object,
        JsonKind::Null,
    ];
    let mut shapes = vec![
        ShapeProblem::NotJson,
        ShapeProblem::EndsEarly,
        ShapeProblem::TooDeep,
        ShapeProblem::MissingField(s()),
        ShapeProblem::UnknownField {
            name: s(),
            allowed: vec![s(), s()],
        },
        ShapeProblem::UnknownField {
            name: s(),
            allowed: vec![],
        },
        ShapeProblem::DuplicateField(s()),
        ShapeProblem::UnknownName {
            name: s(),
            allowed: vec![s(), s()],
        },
        ShapeProblem::UnknownName {
            name: s(),
            allowed: vec![],
        },
        ShapeProblem::WrongValue { expected: None },
        ShapeProblem::WrongLength {
            found: 1,
            expected: Some(2),
        },
        ShapeProblem::WrongLength {
            found: 1,
            expected: None,
        },
        ShapeProblem::Other,
    ];
    for kind in kinds {
        shapes.push(ShapeProblem::WrongKind {
            found: kind,
            expected: None,
        });
        shapes.push(ShapeProblem::WrongKind {
            found: JsonKind::Null,
            expected: Some(kind),
        });
        shapes.push(ShapeProblem::WrongValue {
            expected: Some(kind),
        });
    }
    for (field, problem) in [Some(s()), None].into_iter().flat_map(|field| {
        shapes
            .iter()
            .map(move |problem| (field.clone(), problem.clone()))
    }) {
        policy.push(PolicyError::Syntax {
            file: s(),
            field,
            problem: Box::new(problem),
            line: 3,
            column: 14,
        });
    }
    for problem in [
        PackProblem::UnsupportedFormat {
            found: 2,
            expected: 1,
        },
        PackProblem::BadVersion(s()),
        PackProblem::BadId(s()),
        PackProblem::DuplicateId(s()),
        PackProblem::EmptyText(Lang::Nl),
        PackProblem::EmptyText(Lang::En),
        PackProblem::NoPhases,
        PackProblem::NoVerdictRules,
        PackProblem::NoAudience,
        PackProblem::UnknownPhase(s()),
        PackProblem::UnknownQuestion(s()),
        PackProblem::UnknownItem(s()),
        PackProblem::UnknownIncidentType(s()),
        PackProblem::DuplicateChannel,
        PackProblem::TooFewOptions,
        PackProblem::ZeroMaximum,
        PackProblem::DefaultDoesNotFit,
        PackProblem::Cycle(vec![s(), s()]),
        PackProblem::EmptyValueList(s()),
        PackProblem::ValueDoesNotFit {
            value: s(),
            question: s(),
            expected: AnswerRange::YesNo,
        },
        PackProblem::ValueDoesNotFit {
            value: s(),
            question: s(),
            expected: AnswerRange::OneOf(vec![s(), s()]),
        },
        PackProblem::ValueDoesNotFit {
            value: s(),
            question: s(),
            expected: AnswerRange::UpTo(3),
        },
        PackProblem::NeverTrue,
        PackProblem::LastRuleHasCondition,
        PackProblem::UnconditionalRuleNotLast,
        PackProblem::NegativeOffset,
        PackProblem::TooManyEntries { max: 256 },
        PackProblem::ConditionTooDeep { max: 8 },
        PackProblem::ConditionTooLarge { max: 64 },
    ] {
        policy.push(PolicyError::Invalid {
            file: s(),
            field: s(),
            problem: Box::new(problem),
        });
    }
    let mut mentor = vec![
        MentorError::TooLarge,
        MentorError::NewerFormat { found: 9 },
        MentorError::Modified,
        MentorError::OtherRecording,
        MentorError::UnknownRequest { title: s() },
        MentorError::AlreadyConfirmed {
            title: s(),
            by: s(),
        },
        MentorError::AlreadyImported {
            title: s(),
            student: s(),
        },
        MentorError::NoSuchRequest,
        MentorError::NotConfirmed,
        MentorError::NoName,
        MentorError::NotRecordedYet,
        MentorError::File(FileError::Exists { path: s() }),
        MentorError::NoRandomness,
        MentorError::OwnKey,
        MentorError::RequestEdited,
        MentorError::NotCompared,
        MentorError::NothingToAccept,
    ];
    let defects = || {
        [
            Defect::Json {
                problem: ShapeProblem::NotJson,
                line: 1,
                column: 2,
            },
            Defect::Kind(s()),
            Defect::Empty("title"),
            Defect::TooLong("title"),
            Defect::ControlCharacters("title"),
            Defect::Nonce,
            Defect::Seal,
        ]
    };
    mentor.extend(defects().map(|problem| MentorError::NotARequest { problem }));
    mentor.extend(defects().map(|problem| MentorError::NotAReceipt { problem }));
    let mut recording = vec![
        RecordingError::NotFound,
        RecordingError::InvalidTitle,
        RecordingError::InvalidDate { input: s() },
        RecordingError::DateOutOfRange { problem: s() },
        RecordingError::InvalidName,
        RecordingError::NoteTooLong,
        RecordingError::InvalidAnswer { question: s() },
        RecordingError::PhaseBlocked { blockers: s() },
        RecordingError::NotAllowed {
            verdict: s(),
            reason: s(),
        },
        RecordingError::AlreadyLogged {
            event: s(),
            at: s(),
        },
        RecordingError::NotLoggable,
        RecordingError::NotRecordedYet,
        RecordingError::AlreadyDeleted,
        RecordingError::MethodMissing,
    ];
    for what in [
        PackThing::Question,
        PackThing::Item,
        PackThing::Deadline,
        PackThing::ChosenDateDeadline,
        PackThing::Copy,
        PackThing::IncidentType,
        PackThing::Incident,
    ] {
        recording.push(RecordingError::Unknown { what, id: s() });
    }
    let share = vec![
        ShareError::ForbiddenChannel {
            channel: s(),
            reason: s(),
            incident: s(),
        },
        ShareError::RoleNotAllowed {
            role: s(),
            allowed: s(),
        },
    ];
    let app = vec![
        AppError::NotEmpty {
            holds: Contents {
                recordings: 2,
                desk_requests: 2,
                signing_key: true,
                assessment: true,
                name: Some(s()),
                mentor: true,
            },
        },
        AppError::Erased,
        AppError::EraseIncomplete { leftovers: s() },
        AppError::Interrupted,
        AppError::PathFromPage,
    ];
    let mut all: Vec<Box<dyn Localized>> = Vec::new();
    all.extend(keystore.map(|e| Box::new(e) as Box<dyn Localized>));
    all.extend(vault.into_iter().map(|e| Box::new(e) as Box<dyn Localized>));
    all.extend(store.into_iter().map(|e| Box::new(e) as Box<dyn Localized>));
    all.extend(files.into_iter().map(|e| Box::new(e) as Box<dyn Localized>));
    all.extend(input.into_iter().map(|e| Box::new(e) as Box<dyn Localized>));
    all.extend(
        policy
            .into_iter()
            .map(|e| Box::new(e) as Box<dyn Localized>),
    );
    all.extend(
        mentor
            .into_iter()
            .map(|e| Box::new(e) as Box<dyn Localized>),
    );
    all.extend(
        recording
            .into_iter()
            .map(|e| Box::new(e) as Box<dyn Localized>),
    );
    all.extend(share.into_iter().map(|e| Box::new(e) as Box<dyn Localized>));
    all.extend(app.into_iter().map(|e| Box::new(e) as Box<dyn Localized>));
    // The workspace's error hands each area to its own sentences.
    all.push(Box::new(WorkspaceError::Store(StoreError::InUse)));
    all.push(Box::new(WorkspaceError::Recording(
        RecordingError::NotFound,
    )));
    all
}

/// Where a placeholder stands in a Dutch sentence; what is between them is the Dutch catalog.
const MARK: &str = "\u{1}";

/// The fixed parts of every Dutch error sentence (and of the details they name), at least six
/// characters long.
pub(crate) fn dutch_error_fragments() -> Vec<String> {
    let mut fragments: Vec<String> = every_error(MARK, MARK)
        .iter()
        .flat_map(|e| {
            e.message(Lang::Nl)
                .split(MARK)
                .map(|f| f.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
                .collect::<Vec<_>>()
        })
        .filter(|f| f.chars().count() >= 6)
        .collect();
    // The leftovers erasing reports.
    let leftovers = [
        Leftover::KeyringEntry(MARK.into()),
        Leftover::KeyringUnchecked {
            place: MARK.into(),
            problem: KeyStoreError::Locked(MARK.into()),
        },
    ];
    for leftover in &leftovers {
        fragments.extend(
            opnamewijs::wording::leftover(leftover, Lang::Nl)
                .split(MARK)
                .map(|f| f.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
                .filter(|f| f.chars().count() >= 6),
        );
    }
    fragments.sort();
    fragments.dedup();
    fragments
}

/// The Dutch and English literal of every `tr(lang, "…", "…")` call in the core's source.
fn tr_literals() -> Vec<(String, String)> {
    fn rs_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                rs_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    /// The string literal `s` starts with, unescaped, and what follows it.
    fn literal(s: &str) -> Option<(String, &str)> {
        let mut chars = s.strip_prefix('"')?.char_indices();
        let mut out = String::new();
        while let Some((i, c)) = chars.next() {
            match c {
                '"' => return Some((out, &s[i + 2..])),
                '\\' => match chars.next()?.1 {
                    'n' => out.push('\n'),
                    '\n' => {
                        while chars.clone().next().is_some_and(|(_, c)| c.is_whitespace()) {
                            chars.next();
                        }
                    }
                    other => out.push(other),
                },
                other => out.push(other),
            }
        }
        None
    }
    let mut files = Vec::new();
    rs_files(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    let mut found = Vec::new();
    for file in files {
        let code = std::fs::read_to_string(&file).expect("read source");
        for (i, _) in code.match_indices("tr(") {
            if code[..i]
                .chars()
                .last()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                continue;
            }
            let rest = &code[i + 3..];
            let Some(comma) = rest.find(',') else {
                continue;
            };
            let Some((nl, rest)) = literal(rest[comma + 1..].trim_start()) else {
                continue;
            };
            let rest = rest.trim_start().strip_prefix(',').unwrap_or(rest);
            let Some((en, _)) = literal(rest.trim_start()) else {
                continue;
            };
            found.push((nl, en));
        }
    }
    found
}

/// The Dutch labels of every event, role, channel, copy, mentor role and verdict.
fn dutch_labels() -> Vec<(String, String)> {
    let both = |f: &dyn Fn(Lang) -> String| (f(Lang::Nl), f(Lang::En));
    let mut labels = Vec::new();
    for kind in [
        EventKind::PlannedFor,
        EventKind::Recorded,
        EventKind::StoredSecurely,
        EventKind::Shared,
        EventKind::FeedbackGiven,
        EventKind::AssessmentPassed,
        EventKind::OfficerRequestSent,
        EventKind::OfficerAnswered,
        EventKind::ConsentWithdrawn,
        EventKind::Objection,
        EventKind::Incident,
    ] {
        labels.push(both(&|l| views::event_label(kind, l)));
    }
    for role in [
        Role::Student,
        Role::Peer,
        Role::Mentor,
        Role::Assessor,
        Role::Other,
    ] {
        labels.push(both(&|l| views::role_label(role, l)));
    }
    for channel in [
        Channel::SecureStorage,
        Channel::IrisConnect,
        Channel::InPerson,
        Channel::Email,
        Channel::Wetransfer,
        Channel::Internet,
        Channel::SocialMedia,
        Channel::Messaging,
        Channel::UsbStick,
    ] {
        labels.push(both(&|l| views::channel_label(channel, l)));
    }
    for kind in [
        CopyKind::Device,
        CopyKind::CloudSync,
        CopyKind::Laptop,
        CopyKind::SecureStorage,
        CopyKind::MentorAccess,
    ] {
        labels.push(both(&|l| views::copy_label(kind, l)));
    }
    for role in [
        MentorRole::Werkplekbegeleider,
        MentorRole::Schoolopleider,
        MentorRole::Instituutsopleider,
    ] {
        labels.push(both(&|l| views::mentor_role_label(role, l)));
    }
    for verdict in [
        None,
        Some(Verdict::Allowed),
        Some(Verdict::AllowedWithConditions),
        Some(Verdict::NeedsOfficerApproval),
        Some(Verdict::NotAllowed),
    ] {
        labels.push(both(&|l| views::verdict_label(verdict, l)));
    }
    labels
}

/// Whether `text` holds `phrase` as whole words (not inside a longer word).
fn holds(text: &str, phrase: &str) -> bool {
    let edge = |c: Option<char>| !c.is_some_and(char::is_alphanumeric);
    text.match_indices(phrase).any(|(i, _)| {
        edge(text[..i].chars().last()) && edge(text[i + phrase.len()..].chars().next())
    })
}

/// The Dutch found in `text`: phrases of the Dutch catalog, and Dutch words.
pub(crate) fn dutch_in(text: &str, catalog: &[String]) -> Vec<String> {
    let mut found: Vec<String> = catalog
        .iter()
        .filter(|phrase| holds(text, phrase))
        .cloned()
        .collect();
    let mut lower = format!(" {} ", text.to_lowercase().replace('\n', " "));
    for name in ALLOWED_NAMES {
        lower = lower.replace(name, " ");
    }
    found.extend(
        DUTCH_WORDS
            .iter()
            .filter(|w| lower.contains(*w))
            .map(|w| format!("word {w:?}")),
    );
    found
}

/// The keys whose string values are identifiers or machine values, not text for a reader.
const NOT_TEXT: [&str; 14] = [
    "id",
    "key_kind",
    "kind",
    "status",
    "type",
    "lang",
    "mode",
    "answer",
    "verdict",
    "code",
    "today",
    "recorded_on_iso",
    "due",
    "head_hash",
];

/// Every string a reader sees in `value`, with its path.
fn texts(value: &Value, path: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::String(s) => out.push((path.to_owned(), s.clone())),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                texts(item, &format!("{path}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                let machine = item.is_string()
                    || item
                        .as_array()
                        .is_some_and(|a| !a.is_empty() && a.iter().all(Value::is_string));
                if machine && NOT_TEXT.contains(&key.as_str()) {
                    continue;
                }
                texts(item, &format!("{path}.{key}"), out);
            }
        }
        _ => {}
    }
}

/// Whether a text shown in both runs the same way is language-neutral: typed by the user, a name
/// that is the same in both languages, or no words at all (dates in ISO form, numbers, hashes).
fn neutral(text: &str) -> bool {
    let typed = [
        TITLE_A,
        TITLE_B,
        TITLE_C,
        TITLE_D,
        STUDENT,
        MENTOR,
        METHOD,
        SHARE_NOTE,
        INCIDENT_NOTE,
    ];
    typed.contains(&text)
        || SAME_IN_BOTH.contains(&text)
        || text.contains("<dir>")
        || !text.chars().any(char::is_alphabetic)
        || text.chars().all(|c| c.is_ascii_hexdigit() || c == ' ')
        || text == "hu-stage-opnamen"
}

#[test]
fn in_english_nothing_the_core_produces_is_dutch() {
    let dutch = journey(Lang::Nl);
    let english = journey(Lang::En);

    // The Dutch catalog: error sentences, `tr` literals, labels; only what differs in English.
    let mut catalog = dutch_error_fragments();
    let literals = tr_literals();
    assert!(literals.len() > 80, "read the tr calls: {}", literals.len());
    let labels = dutch_labels();
    catalog.extend(
        literals
            .into_iter()
            .chain(labels)
            .filter(|(nl, en)| nl != en)
            .map(|(nl, _)| nl.trim().to_owned())
            .filter(|nl| !nl.is_empty()),
    );

    let mut problems = Vec::new();
    // Views: the same place in both runs shows different text, unless it is neutral; every Dutch
    // text the Dutch run showed joins the catalog.
    assert_eq!(dutch.views.len(), english.views.len(), "same journey");
    for ((step, nl), (_, en)) in dutch.views.iter().zip(&english.views) {
        let (mut nl_texts, mut en_texts) = (Vec::new(), Vec::new());
        texts(nl, "", &mut nl_texts);
        texts(en, "", &mut en_texts);
        assert_eq!(nl_texts.len(), en_texts.len(), "{step}: same shape");
        for ((path, nl), (_, en)) in nl_texts.iter().zip(&en_texts) {
            if nl == en && !neutral(en) {
                problems.push(format!("{step} {path}: the same in Dutch: {en:?}"));
            }
            if nl != en && nl.contains(' ') && !neutral(nl) {
                catalog.push(nl.clone());
            }
        }
    }
    catalog.sort();
    catalog.dedup();

    let mut english_texts: Vec<(String, String)> = Vec::new();
    for (step, view) in &english.views {
        let mut found = Vec::new();
        texts(view, "", &mut found);
        english_texts.extend(found.into_iter().map(|(p, t)| (format!("{step} {p}"), t)));
    }
    english_texts.push(("calendar".into(), english.calendar.clone()));
    for (i, dossier) in english.dossiers.iter().enumerate() {
        english_texts.push((format!("dossier {i}"), dossier.clone()));
    }
    for reminder in &english.reminders {
        english_texts.push(("reminder".into(), reminder.clone()));
    }
    // Refusals: the same code in both languages, another message, and no Dutch in it.
    assert_eq!(dutch.refusals.len(), english.refusals.len(), "same journey");
    for (nl, en) in dutch.refusals.iter().zip(&english.refusals) {
        assert_eq!(nl.code, en.code, "{}: the code is the same", en.step);
        if nl.message == en.message {
            problems.push(format!("{}: not translated: {}", en.step, en.message));
        }
        english_texts.push((format!("refused: {}", en.step), en.message.clone()));
    }
    let codes: std::collections::BTreeSet<&str> = english
        .refusals
        .iter()
        .map(|r| r.code.split('.').next().unwrap_or_default())
        .collect();
    for area in [
        "recording",
        "share",
        "policy",
        "store",
        "vault",
        "file",
        "mentor",
        "input",
        "app",
        "profile",
    ] {
        assert!(codes.contains(area), "no refusal of area {area}: {codes:?}");
    }

    // To read them: OPNAMEWIJS_KEEP_ENGLISH=/tmp/english.txt cargo test english
    if let Some(keep) = std::env::var_os("OPNAMEWIJS_KEEP_ENGLISH") {
        let all: Vec<String> = english_texts
            .iter()
            .map(|(place, text)| format!("{place}: {text}"))
            .collect();
        std::fs::write(keep, all.join("\n")).expect("keep the English texts");
    }
    for (place, text) in &english_texts {
        for found in dutch_in(text, &catalog) {
            problems.push(format!("{place}: {found} in {text:?}"));
        }
    }
    eprintln!(
        "english-summary texts={} refusals={} catalog={}",
        english_texts.len(),
        english.refusals.len(),
        catalog.len()
    );
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn every_error_has_an_english_sentence_without_dutch() {
    let catalog = dutch_error_fragments();
    assert!(catalog.len() > 80, "{}", catalog.len());
    let mut problems = Vec::new();
    let errors = every_error("TEXT", "/tmp/file");
    for err in &errors {
        let (nl, en) = (err.message(Lang::Nl), err.message(Lang::En));
        let payload = ErrorPayload::localized(err.as_ref(), Lang::En);
        assert_eq!(payload.code, err.code());
        assert_eq!(payload.message, en);
        assert_eq!(nl, err.to_string(), "Dutch is the Display");
        // A sentence that is all field (a date's problem, worded by the operation) is the same.
        if nl == en && nl != "TEXT" {
            problems.push(format!("{}: not translated: {en}", err.code()));
        }
        for found in dutch_in(&en, &catalog) {
            problems.push(format!("{}: {found} in {en:?}", err.code()));
        }
    }
    for leftover in [
        Leftover::Path("/tmp/file".into()),
        Leftover::Unlisted(VaultError::NotFound {
            dir: "/tmp/dir".into(),
        }),
        Leftover::KeyringEntry("memory/vault-1".into()),
        Leftover::KeyringUnchecked {
            place: "memory/vault-1".into(),
            problem: KeyStoreError::Locked("TEXT".into()),
        },
    ] {
        let en = opnamewijs::wording::leftover(&leftover, Lang::En);
        for found in dutch_in(&en, &catalog) {
            problems.push(format!("leftover: {found} in {en:?}"));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    eprintln!("english-errors variants={}", errors.len());
}

#[test]
fn what_opening_repaired_is_worded_in_english() {
    use opnamewijs::vault::Recovery;
    let catalog = dutch_error_fragments();
    for recovery in [
        Recovery::default(),
        Recovery {
            discarded_tail_bytes: 12,
            head_repaired: false,
        },
        Recovery {
            discarded_tail_bytes: 12,
            head_repaired: true,
        },
        Recovery {
            discarded_tail_bytes: 0,
            head_repaired: true,
        },
    ] {
        let nl = opnamewijs::wording::recovery(&recovery, Lang::Nl);
        let en = opnamewijs::wording::recovery(&recovery, Lang::En);
        assert_eq!(nl, recovery.to_string());
        assert_ne!(nl, en);
        assert!(dutch_in(&en, &catalog).is_empty(), "{en}");
        assert!(dutch_in(&en, &[nl]).is_empty(), "{en}");
    }
}
