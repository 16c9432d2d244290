//! Bad input at every command: unknown ids, invalid and impossible dates, huge strings, relative
//! paths, `..`, folders that do not exist, existing files and the data directory itself. Each is
//! refused with a typed error (a code and a Dutch message), and nothing is written: the journal's
//! length and head hash are unchanged and no file appears.

use crate::support::*;
use opnamewijs::clock::FixedClock;
use opnamewijs::error::ErrorPayload;
use opnamewijs::recording::{Channel, EventKind, Role};
use opnamewijs::store::Profile;
use opnamewijs::text::Lang;
use opnamewijs::vault::MemoryKeyStore;
use opnamewijs::workspace::*;
use opnamewijs::App;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const MB: usize = 1 << 20;

fn huge() -> String {
    "x".repeat(MB)
}

type Op = Box<dyn Fn(&mut Workspace) -> Result<(), WorkspaceError>>;

/// Every workspace command with bad input, given a recording `id` that exists and paths.
fn cases(id: &str, out: &Path, data_dir: &Path) -> Vec<(String, Op)> {
    let id = id.to_owned();
    let mut cases: Vec<(String, Op)> = Vec::new();
    let mut add = |name: &str, op: Op| cases.push((name.to_owned(), op));
    let unknown = "00000000-0000-0000-0000-000000000000".to_owned();
    let ids = [
        unknown.clone(),
        huge(),
        "../../etc/passwd".to_owned(),
        String::new(),
    ];

    // Profile and new recordings.
    add(
        "profile: huge name",
        Box::new(|ws| {
            ws.set_profile(Profile {
                name: huge(),
                lang: Lang::Nl,
                mode: Default::default(),
            })
            .map(drop)
        }),
    );
    add(
        "profile: empty name",
        Box::new(|ws| {
            ws.set_profile(Profile {
                name: " ".into(),
                lang: Lang::Nl,
                mode: Default::default(),
            })
            .map(drop)
        }),
    );
    for (name, title, date, pack) in [
        (
            "create: huge title",
            huge(),
            "2026-11-24".to_owned(),
            "hu-stage-opnamen".to_owned(),
        ),
        (
            "create: control chars",
            "Les\u{0}\n".to_owned(),
            "2026-11-24".into(),
            "hu-stage-opnamen".into(),
        ),
        (
            "create: huge date",
            "Les".into(),
            huge(),
            "hu-stage-opnamen".into(),
        ),
        (
            "create: 30 February",
            "Les".into(),
            "2026-02-30".into(),
            "hu-stage-opnamen".into(),
        ),
        (
            "create: year 99999",
            "Les".into(),
            "99999-01-01".into(),
            "hu-stage-opnamen".into(),
        ),
        (
            "create: year 1900",
            "Les".into(),
            "1900-01-01".into(),
            "hu-stage-opnamen".into(),
        ),
        (
            "create: huge pack id",
            "Les".into(),
            "2026-11-24".into(),
            huge(),
        ),
        (
            "create: pack path",
            "Les".into(),
            "2026-11-24".into(),
            "../assets/policies/hu-stage-opnamen".into(),
        ),
    ] {
        add(
            name,
            Box::new(move |ws| {
                ws.create(NewRecording {
                    title: title.clone(),
                    planned_for: date.clone(),
                    pack: pack.clone(),
                })
                .map(drop)
            }),
        );
    }

    // Every recording command with ids that match nothing.
    for bad in ids.clone() {
        let b = bad.clone();
        add(
            "answer: unknown recording",
            Box::new(move |ws| {
                ws.answer(AnswerQuestion {
                    recording: b.clone(),
                    question: "mentor_live".into(),
                    answer: Some(no()),
                })
                .map(drop)
            }),
        );
        let b = bad.clone();
        add(
            "tick: unknown recording",
            Box::new(move |ws| {
                ws.set_item(SetItem {
                    recording: b.clone(),
                    item: "vooraf.lwo".into(),
                    done: true,
                    note: None,
                })
                .map(drop)
            }),
        );
        let b = bad.clone();
        add(
            "event: unknown recording",
            Box::new(move |ws| {
                ws.log_event(LogEvent {
                    recording: b.clone(),
                    kind: EventKind::Recorded,
                    on: None,
                    note: None,
                })
                .map(drop)
            }),
        );
        let b = bad.clone();
        add(
            "feedback: unknown recording",
            Box::new(move |ws| {
                ws.confirm_feedback(ConfirmFeedback {
                    recording: b.clone(),
                    on: "2026-11-24".into(),
                    mentor: "Anna".into(),
                    role: MentorRole::Werkplekbegeleider,
                })
                .map(drop)
            }),
        );
        let b = bad.clone();
        add(
            "date: unknown recording",
            Box::new(move |ws| {
                ws.choose_date(ChooseDate {
                    recording: b.clone(),
                    deadline: "bewaartermijn".into(),
                    date: "2026-12-01".into(),
                })
                .map(drop)
            }),
        );
        let b = bad.clone();
        add(
            "share: unknown recording",
            Box::new(move |ws| {
                ws.log_share(LogShare {
                    recording: b.clone(),
                    role: Role::Mentor,
                    channel: Channel::SecureStorage,
                    note: None,
                })
                .map(drop)
            }),
        );
        let b = bad.clone();
        add(
            "deletion: unknown recording",
            Box::new(move |ws| {
                ws.confirm_deletion(ConfirmDeletion {
                    recording: b.clone(),
                    copy: "copy-1".into(),
                    method: "gewist".into(),
                    bin_emptied: true,
                })
                .map(drop)
            }),
        );
        let b = bad.clone();
        add(
            "incident: unknown recording",
            Box::new(move |ws| {
                ws.log_incident(LogIncident {
                    recording: b.clone(),
                    kind: "apparaat_kwijt".into(),
                    note: None,
                })
                .map(drop)
            }),
        );
        let b = bad.clone();
        add(
            "clock: unknown recording",
            Box::new(move |ws| {
                ws.incident_clock_done(ClockDone {
                    recording: b.clone(),
                    incident: "incident-1".into(),
                    clock: "school".into(),
                })
                .map(drop)
            }),
        );
        let b = bad.clone();
        add(
            "answer: unknown question",
            Box::new({
                let id = id.clone();
                move |ws| {
                    ws.answer(AnswerQuestion {
                        recording: id.clone(),
                        question: b.clone(),
                        answer: Some(no()),
                    })
                    .map(drop)
                }
            }),
        );
        let b = bad.clone();
        add(
            "tick: unknown item",
            Box::new({
                let id = id.clone();
                move |ws| {
                    ws.set_item(SetItem {
                        recording: id.clone(),
                        item: b.clone(),
                        done: true,
                        note: None,
                    })
                    .map(drop)
                }
            }),
        );
        let b = bad.clone();
        add(
            "date: unknown deadline",
            Box::new({
                let id = id.clone();
                move |ws| {
                    ws.choose_date(ChooseDate {
                        recording: id.clone(),
                        deadline: b.clone(),
                        date: "2026-12-01".into(),
                    })
                    .map(drop)
                }
            }),
        );
        let b = bad.clone();
        add(
            "deletion: unknown copy",
            Box::new({
                let id = id.clone();
                move |ws| {
                    ws.confirm_deletion(ConfirmDeletion {
                        recording: id.clone(),
                        copy: b.clone(),
                        method: "gewist".into(),
                        bin_emptied: true,
                    })
                    .map(drop)
                }
            }),
        );
        let b = bad.clone();
        add(
            "incident: unknown kind",
            Box::new({
                let id = id.clone();
                move |ws| {
                    ws.log_incident(LogIncident {
                        recording: id.clone(),
                        kind: b.clone(),
                        note: None,
                    })
                    .map(drop)
                }
            }),
        );
        let b = bad.clone();
        add(
            "clock: unknown incident",
            Box::new({
                let id = id.clone();
                move |ws| {
                    ws.incident_clock_done(ClockDone {
                        recording: id.clone(),
                        incident: b.clone(),
                        clock: "school".into(),
                    })
                    .map(drop)
                }
            }),
        );
    }

    // Answers, notes and dates on the recording that exists.
    let r = id.clone();
    add(
        "answer: wrong choice",
        Box::new(move |ws| {
            ws.answer(AnswerQuestion {
                recording: r.clone(),
                question: "purpose".into(),
                answer: Some(choice(&huge())),
            })
            .map(drop)
        }),
    );
    let r = id.clone();
    add(
        "answer: flag for a choice",
        Box::new(move |ws| {
            ws.answer(AnswerQuestion {
                recording: r.clone(),
                question: "purpose".into(),
                answer: Some(yes()),
            })
            .map(drop)
        }),
    );
    let r = id.clone();
    add(
        "event: huge note",
        Box::new(move |ws| {
            ws.log_event(LogEvent {
                recording: r.clone(),
                kind: EventKind::Objection,
                on: None,
                note: Some(huge()),
            })
            .map(drop)
        }),
    );
    let r = id.clone();
    add(
        "event: impossible day",
        Box::new(move |ws| {
            ws.log_event(LogEvent {
                recording: r.clone(),
                kind: EventKind::Objection,
                on: Some("2026-13-45".into()),
                note: None,
            })
            .map(drop)
        }),
    );
    let r = id.clone();
    add(
        "event: huge day",
        Box::new(move |ws| {
            ws.log_event(LogEvent {
                recording: r.clone(),
                kind: EventKind::Objection,
                on: Some(huge()),
                note: None,
            })
            .map(drop)
        }),
    );
    let r = id.clone();
    add(
        "feedback: huge mentor name",
        Box::new(move |ws| {
            ws.confirm_feedback(ConfirmFeedback {
                recording: r.clone(),
                on: "2026-11-24".into(),
                mentor: huge(),
                role: MentorRole::Schoolopleider,
            })
            .map(drop)
        }),
    );
    let r = id.clone();
    add(
        "feedback: invalid day",
        Box::new(move |ws| {
            ws.confirm_feedback(ConfirmFeedback {
                recording: r.clone(),
                on: "morgen".into(),
                mentor: "Anna".into(),
                role: MentorRole::Schoolopleider,
            })
            .map(drop)
        }),
    );
    for (name, date) in [
        ("date: in the past", "2026-11-01"),
        ("date: more than ten years after the lesson", "2037-01-01"),
        ("date: 31 April", "2027-04-31"),
        ("date: year 2101", "2101-01-01"),
    ] {
        let r = id.clone();
        add(
            name,
            Box::new(move |ws| {
                ws.choose_date(ChooseDate {
                    recording: r.clone(),
                    deadline: "bewaartermijn".into(),
                    date: date.into(),
                })
                .map(drop)
            }),
        );
    }
    let r = id.clone();
    add(
        "date: deadline without a chosen date",
        Box::new(move |ws| {
            ws.choose_date(ChooseDate {
                recording: r.clone(),
                deadline: "veilig_opslaan".into(),
                date: "2026-12-01".into(),
            })
            .map(drop)
        }),
    );
    let r = id.clone();
    add(
        "share: huge note",
        Box::new(move |ws| {
            ws.log_share(LogShare {
                recording: r.clone(),
                role: Role::Mentor,
                channel: Channel::SecureStorage,
                note: Some(huge()),
            })
            .map(drop)
        }),
    );
    let r = id.clone();
    add(
        "incident: huge note",
        Box::new(move |ws| {
            ws.log_incident(LogIncident {
                recording: r.clone(),
                kind: "apparaat_kwijt".into(),
                note: Some(huge()),
            })
            .map(drop)
        }),
    );
    // Export paths.
    let bad_paths: Vec<(&str, PathBuf)> = vec![
        ("relative", PathBuf::from("termijnen.ics")),
        ("dot-dot", out.join("sub/../../termijnen.ics")),
        ("no such folder", out.join("bestaat-niet/termijnen.ics")),
        ("huge", out.join("x".repeat(MB))),
        ("the journal", data_dir.join("journal.log")),
        ("the head", data_dir.join("journal.head")),
        ("new file in the data dir", data_dir.join("nieuw.ics")),
        (
            "a pack in the data dir",
            data_dir.join("policies/nieuw.json"),
        ),
    ];
    for (what, path) in &bad_paths {
        let p = path.clone();
        add(
            &format!("dossier export: {what}"),
            Box::new(move |ws| ws.export_dossier(&p).map(drop)),
        );
        let (p, r) = (path.display().to_string(), id.clone());
        add(
            &format!("feedback request export: {what}"),
            Box::new(move |ws| {
                ws.export_feedback_request(ExportRequest {
                    recording: r.clone(),
                    path: p.clone(),
                })
                .map(drop)
            }),
        );
        let p = path.clone();
        add(
            &format!("receipt import: {what}"),
            Box::new(move |ws| ws.import_feedback_receipt(&p).map(drop)),
        );
        let p = path.clone();
        add(
            &format!("request import: {what}"),
            Box::new(move |ws| ws.import_feedback_request(&p).map(drop)),
        );
        let p = path.clone();
        add(
            &format!("calendar export: {what}"),
            Box::new(move |ws| ws.export_calendar(&p).map(drop)),
        );
        let p = path.clone();
        add(
            &format!("backup export: {what}"),
            Box::new(move |ws| ws.export_backup(&p, "reservekopie wachtwoord").map(drop)),
        );
    }
    for bad in &ids {
        let r = bad.clone();
        add(
            "assessment: unknown recording",
            Box::new(move |ws| {
                ws.select_for_assessment(SelectForAssessment {
                    recording: r.clone(),
                    selected: true,
                })
                .map(drop)
            }),
        );
        let q = bad.clone();
        add(
            "mentor: unknown request",
            Box::new(move |ws| {
                ws.confirm_request(ConfirmRequest {
                    request: q.clone(),
                    on: "2026-11-23".into(),
                    role: MentorRole::Werkplekbegeleider,
                })
                .map(drop)
            }),
        );
        let q = bad.clone();
        let p = out.join("bewijs.opnamewijs-bewijs").display().to_string();
        add(
            "mentor: receipt of an unknown request",
            Box::new(move |ws| {
                ws.export_feedback_receipt(ExportReceipt {
                    request: q.clone(),
                    path: p.clone(),
                })
                .map(drop)
            }),
        );
    }
    for day in ["", "2026-02-30", "gisteren", "1999-01-01"] {
        add(
            &format!("assessment passed on {day:?}"),
            Box::new(move |ws| {
                ws.assessment_passed(AssessmentPassed { on: day.into() })
                    .map(drop)
            }),
        );
    }
    let existing = out.join("bestaat.owbackup");
    add(
        "backup export: existing file",
        Box::new(move |ws| {
            ws.export_backup(&existing, "reservekopie wachtwoord")
                .map(drop)
        }),
    );
    let fresh = out.join("nieuw.owbackup");
    add(
        "backup export: huge passphrase",
        Box::new(move |ws| ws.export_backup(&fresh, &huge()).map(drop)),
    );
    let fresh = out.join("nieuw2.owbackup");
    add(
        "backup export: short passphrase",
        Box::new(move |ws| ws.export_backup(&fresh, "kort").map(drop)),
    );
    cases
}

fn files_in(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            out.extend(files_in(&path));
        } else if !path.ends_with("opnamewijs.lock") {
            out.push((path.clone(), std::fs::read(&path).expect("read")));
        }
    }
    out.sort();
    out
}

#[test]
fn every_command_refuses_bad_input_with_a_typed_error_and_writes_nothing() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let id = env.create("hu-stage-opnamen", "2026-11-24").id;
    env.answer(
        &id,
        &[("mentor_live", no()), ("purpose", choice("reflection"))],
    );
    let out = tempfile::tempdir().expect("out dir");
    std::fs::write(out.path().join("bestaat.owbackup"), b"al hier").expect("existing file");
    std::fs::create_dir_all(env.dir.path().join("policies")).expect("policies dir");
    let data_dir = env.dir.path().to_owned();
    let before = (files_in(&data_dir), files_in(out.path()));
    let status = env.ws.status().expect("status").journal;
    let all = cases(&id, out.path(), &data_dir);
    let mut problems = Vec::new();
    for (name, op) in &all {
        match op(&mut env.ws) {
            Ok(()) => problems.push(format!("{name}: accepted")),
            Err(err) => {
                let p = ErrorPayload::from(err);
                if !p.code.contains('.') || p.message.is_empty() || p.message.len() > 2_000 {
                    problems.push(format!("{name}: untyped or unbounded error {p:?}"));
                }
                if p.message.contains(" the ") || p.message.contains("error") {
                    problems.push(format!("{name}: not Dutch: {}", p.message));
                }
            }
        }
        let now = env.ws.status().expect("status").journal;
        if (now.entries, &now.head_hash) != (status.entries, &status.head_hash) {
            problems.push(format!("{name}: the journal changed"));
        }
    }
    if (files_in(&data_dir), files_in(out.path())) != before {
        problems.push("a file was written or changed".to_owned());
    }
    eprintln!(
        "bad-input-summary refused={} tried={}",
        all.len() - problems.len(),
        all.len()
    );
    assert!(problems.is_empty(), "{problems:#?}");
}

#[test]
fn restore_and_unlock_refuse_bad_paths_and_passphrases() {
    let dir = tempfile::tempdir().expect("temp dir");
    let app = App::open(
        dir.path(),
        Arc::new(FixedClock::new(nl(2026, 11, 23, 10, 0))),
        Arc::new(MemoryKeyStore::new()),
    );
    let before = files_in(dir.path());
    let cases: Vec<(&str, PathBuf, String, &str)> = vec![
        (
            "relative",
            PathBuf::from("backup.owbackup"),
            "reservekopie wachtwoord".into(),
            "file.not_absolute",
        ),
        (
            "dot-dot",
            dir.path().join("../x/../backup.owbackup"),
            "reservekopie wachtwoord".into(),
            "file.traversal",
        ),
        (
            "missing",
            dir.path().join("weg.owbackup"),
            "reservekopie wachtwoord".into(),
            "vault.io",
        ),
        (
            "the journal itself",
            dir.path().join("journal.log"),
            "reservekopie wachtwoord".into(),
            "vault.not_a_vault",
        ),
        (
            "huge path",
            dir.path().join("x".repeat(MB)),
            "reservekopie wachtwoord".into(),
            "input.too_long",
        ),
        (
            "huge passphrase",
            dir.path().join("b.owbackup"),
            huge(),
            "input.too_long",
        ),
    ];
    for (name, path, pass, code) in cases {
        let err = app.import_backup(&path, &pass).expect_err(name);
        assert_eq!(err.code, code, "{name}: {}", err.message);
    }
    let err = app.unlock(&huge()).expect_err("huge passphrase");
    assert_eq!(err.code, "input.too_long");
    assert_eq!(
        err.message,
        "De wachtwoordzin is te lang (hoogstens 1024 tekens)."
    );
    assert_eq!(files_in(dir.path()), before, "nothing written");
}

/// serde_json's own wording, which must never reach a user: its messages for data and syntax
/// errors and the position it appends.
const PARSER_WORDS: [&str; 14] = [
    "EOF while parsing",
    "missing field `",
    "unknown field `",
    "unknown variant `",
    "duplicate field `",
    "invalid type:",
    "invalid value:",
    "invalid length",
    "trailing characters",
    "expected value",
    "expected `",
    "key must be a string",
    " at line ",
    "control character",
];

/// Broken JSON of every kind a user may hand the app by mistake, as bytes.
fn broken_json() -> Vec<(&'static str, Vec<u8>)> {
    vec![
        (
            "cut short",
            b"{\"kind\": \"opnamewijs-feedbackverzoek\", \"format\": 1, \"id\"".to_vec(),
        ),
        (
            "not JSON",
            b"Hallo Ayse, hierbij de les van Lukasz.".to_vec(),
        ),
        (
            "a missing field",
            b"{\"kind\": \"opnamewijs-feedbackverzoek\", \"format\": 1}".to_vec(),
        ),
        (
            "a field of the wrong kind",
            b"{\"kind\": 7, \"format\": \"een\"}".to_vec(),
        ),
        (
            "a field twice",
            b"{\"kind\": \"a\", \"kind\": \"b\"}".to_vec(),
        ),
        ("trailing text", b"{} en nog wat".to_vec()),
        ("an array", b"[1, 2, 3]".to_vec()),
        ("a control character", b"{\"kind\": \"a\x01b\"}".to_vec()),
        (
            "the legacy state with a bad field",
            b"{\"format\": 1, \"recordings\": 5}".to_vec(),
        ),
    ]
}

/// No message about a malformed file carries the JSON parser's words, in either language: a
/// mentor's request or receipt, the plain file of an earlier version, a policy pack.
#[test]
fn no_message_about_a_malformed_file_carries_the_parsers_words() {
    let mut messages: Vec<(String, String)> = Vec::new();
    let mut note = |what: String, err: WorkspaceError| {
        for lang in [Lang::Nl, Lang::En] {
            messages.push((what.clone(), ErrorPayload::localized(&err, lang).message));
        }
    };
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    for (name, bytes) in broken_json() {
        let path = env
            .files
            .path()
            .join(format!("{}.opnamewijs-verzoek", name.replace(' ', "-")));
        std::fs::write(&path, &bytes).expect("file");
        let err = env.ws.import_feedback_request(&path).expect_err("request");
        note(format!("request, {name}"), err);
        let err = env.ws.import_feedback_receipt(&path).expect_err("receipt");
        note(format!("receipt, {name}"), err);

        let old = tempfile::tempdir().expect("an earlier version's data");
        std::fs::write(old.path().join(opnamewijs::store::STATE_FILE), &bytes).expect("file");
        let keys = MemoryKeyStore::new();
        let clock = Arc::new(FixedClock::new(nl(2026, 11, 23, 10, 0)));
        let opened = Workspace::open(old.path(), clock, opnamewijs::vault::Unlock::Keyring(&keys));
        // Some of these are a valid (empty) file of the earlier format; the rest is refused.
        if let Err(err) = opened {
            note(format!("earlier version's file, {name}"), err);
        }

        let err = opnamewijs::policy::parse_pack("kapot.json", &String::from_utf8_lossy(&bytes))
            .expect_err("pack");
        note(format!("pack, {name}"), err.into());
    }
    assert!(messages.len() >= 64, "{}", messages.len());
    for (what, message) in &messages {
        assert!(!message.is_empty(), "{what}");
        for words in PARSER_WORDS {
            assert!(
                !message.contains(words),
                "{what}: the parser's \"{words}\" in: {message}"
            );
        }
    }
}
