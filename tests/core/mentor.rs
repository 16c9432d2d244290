//! Feedback confirmed at a distance: a request from the student's installation, a signed receipt
//! from the mentor's installation, verified and bound to that recording.

use crate::support::*;
use opnamewijs::deadline::DeadlineStatus;
use opnamewijs::recording::{Answer, EventKind};
use opnamewijs::store::{Mode, Profile};
use opnamewijs::text::Lang;
use opnamewijs::views::KeyKind;
use opnamewijs::workspace::{
    AcceptReceipt, ConfirmRequest, ExportReceipt, ExportRequest, LogEvent, MentorRole,
};
use opnamewijs::ErrorPayload;
use std::path::{Path, PathBuf};

const HU: &str = "hu-stage-opnamen";

/// A student's HU recording for feedback, recorded on Tuesday 24 November 2026 at 11:00.
pub fn recorded_lesson(env: &mut Env, title: &str) -> String {
    let id = env
        .ws
        .create(opnamewijs::workspace::NewRecording {
            title: title.into(),
            planned_for: "2026-11-24".into(),
            pack: HU.into(),
        })
        .shown(&env.ws)
        .expect("create")
        .id;
    env.answer(
        &id,
        &[
            ("mentor_live", no()),
            ("purpose", choice("feedback")),
            ("media", choice("video")),
            ("device", choice("own_device")),
            ("pupils_in_view", yes()),
            ("consent_basis", choice("student_asks")),
            ("pupils_under_16", yes()),
            ("pupils_without_consent", Answer::Count(0)),
        ],
    );
    // Beforehand, the student agrees the feedback date with the mentor: Tuesday 8 December.
    env.ws
        .choose_date(opnamewijs::workspace::ChooseDate {
            recording: id.clone(),
            deadline: "feedback_krijgen".into(),
            date: "2026-12-08".into(),
        })
        .expect("agreed feedback date");
    env.complete_phases_before(&id, "opslaan");
    env.ws
        .log_event(LogEvent {
            recording: id.clone(),
            kind: EventKind::Recorded,
            on: None,
            note: None,
        })
        .shown(&env.ws)
        .expect("recorded");
    id
}

pub fn named(env: &mut Env, name: &str, mode: Mode) {
    env.ws
        .set_profile(Profile {
            name: name.into(),
            lang: Lang::Nl,
            mode,
        })
        .shown(&env.ws)
        .expect("profile");
}

fn file(env: &Env, name: &str) -> PathBuf {
    env.files.path().join(name)
}

fn code(err: opnamewijs::WorkspaceError) -> String {
    ErrorPayload::from(err).code
}

pub fn export_request(student: &mut Env, id: &str, name: &str) -> PathBuf {
    let path = file(student, name);
    student
        .ws
        .export_feedback_request(ExportRequest {
            recording: id.into(),
            path: path.display().to_string(),
        })
        .shown(&student.ws)
        .expect("request exported");
    path
}

/// The mentor imports `request`, confirms feedback on `on` and exports the receipt.
pub fn mentor_answers(mentor: &mut Env, request: &Path, on: &str, name: &str) -> PathBuf {
    let desk = mentor
        .ws
        .import_feedback_request(request)
        .shown(&mentor.ws)
        .expect("imported");
    let id = desk.requests[0].id.clone();
    mentor
        .ws
        .confirm_request(ConfirmRequest {
            request: id.clone(),
            on: on.into(),
            role: MentorRole::Werkplekbegeleider,
        })
        .shown(&mentor.ws)
        .expect("confirmed");
    let path = file(mentor, name);
    mentor
        .ws
        .export_feedback_receipt(ExportReceipt {
            request: id,
            path: path.display().to_string(),
        })
        .expect("receipt exported");
    path
}

/// The student reads `receipt`, compares the fingerprint and accepts it.
pub fn accepted(
    student: &mut Env,
    receipt: &Path,
) -> Result<opnamewijs::views::RecordingView, opnamewijs::WorkspaceError> {
    let read = student.ws.preview_feedback_receipt(receipt)?;
    student
        .ws
        .accept_feedback_receipt(AcceptReceipt {
            fingerprint: read.fingerprint,
            compared: true,
        })
        .shown(&student.ws)
}

fn student_and_mentor() -> (Env, Env, String) {
    let mut student = Env::at(nl(2026, 11, 24, 10, 0));
    named(&mut student, "Sam de Vries", Mode::Student);
    student.clock.set(nl(2026, 11, 24, 11, 0));
    let id = recorded_lesson(&mut student, "Rekenles 3B");
    let mut mentor = Env::at(nl(2026, 11, 26, 15, 0));
    named(&mut mentor, "Anna de Wit", Mode::Mentor);
    student.clock.set(nl(2026, 11, 26, 16, 0));
    (student, mentor, id)
}

/// A request for the student's recording, answered by the mentor with feedback on 26 November.
/// (Both installations must stay alive: each one's files folder holds its exported file.)
fn exchanged() -> (Env, Env, String, PathBuf, PathBuf) {
    let (mut student, mut mentor, id) = student_and_mentor();
    let request = export_request(&mut student, &id, "verzoek.opnamewijs-verzoek");
    let receipt = mentor_answers(
        &mut mentor,
        &request,
        "2026-11-26",
        "bewijs.opnamewijs-bewijs",
    );
    (student, mentor, id, request, receipt)
}

#[test]
fn a_receipt_from_the_mentors_installation_confirms_the_feedback() {
    let (mut student, mut mentor, id) = student_and_mentor();
    let before = student.ws.view(&id).expect("view");
    assert_eq!(
        deadline(&before, "feedback_krijgen").due,
        Some(nl(2026, 12, 8, 23, 59) + chrono::Duration::seconds(59)),
        "the end of the feedback date agreed with the mentor"
    );
    let request = export_request(&mut student, &id, "verzoek.opnamewijs-verzoek");
    let text = std::fs::read_to_string(&request).expect("readable request");
    assert!(text.contains("\"title\": \"Rekenles 3B\""), "{text}");
    assert!(!text.contains("pupil"), "no pupil data: {text}");

    let desk = mentor
        .ws
        .import_feedback_request(&request)
        .shown(&mentor.ws)
        .expect("imported");
    assert_eq!(desk.requests.len(), 1);
    let r = &desk.requests[0];
    assert_eq!(
        (r.student.as_str(), r.title.as_str(), r.recorded_on.as_str()),
        ("Sam de Vries", "Rekenles 3B", "di 24 nov. 2026")
    );
    assert_eq!(r.feedback_due.as_deref(), Some("di 8 dec. 2026"));
    assert_eq!((r.late.clone(), r.confirmed.clone()), (None, None));
    assert_eq!(
        desk.fingerprint.len(),
        19,
        "a key exists once a request arrived"
    );
    assert_eq!(
        code(
            mentor
                .ws
                .import_feedback_request(&request)
                .shown(&mentor.ws)
                .expect_err("twice")
        ),
        "mentor.already_imported"
    );
    assert_eq!(
        code(
            mentor
                .ws
                .export_feedback_receipt(ExportReceipt {
                    request: r.id.clone(),
                    path: file(&mentor, "early.opnamewijs-bewijs")
                        .display()
                        .to_string(),
                })
                .expect_err("not confirmed yet")
        ),
        "mentor.not_confirmed"
    );
    let desk = mentor
        .ws
        .confirm_request(ConfirmRequest {
            request: r.id.clone(),
            on: "2026-11-26".into(),
            role: MentorRole::Werkplekbegeleider,
        })
        .shown(&mentor.ws)
        .expect("confirmed");
    let r = &desk.requests[0];
    assert_eq!(
        r.reminder.as_deref(),
        Some("Vertel Sam de Vries dat alle kopieën van \"Rekenles 3B\" uiterlijk do 26 nov. 2026 23:59 definitief verwijderd moeten zijn.")
    );
    let receipt = file(&mentor, "bewijs.opnamewijs-bewijs");
    mentor
        .ws
        .export_feedback_receipt(ExportReceipt {
            request: r.id.clone(),
            path: receipt.display().to_string(),
        })
        .expect("receipt");

    // Reading it in changes nothing yet: the student sees the key's fingerprint first.
    let entries = student.ws.status().expect("status").journal.entries;
    let preview = student
        .ws
        .preview_feedback_receipt(&receipt)
        .shown(&student.ws)
        .expect("verified");
    assert_eq!(preview.fingerprint, desk.fingerprint);
    assert_eq!(preview.key_kind, KeyKind::New);
    assert!(preview.needs_comparison);
    assert!(
        preview
            .key_note
            .starts_with("Dit is het eerste ontvangstbewijs van Anna de Wit in deze Opnamewijs."),
        "{}",
        preview.key_note
    );
    assert_eq!(preview.mentor, "Anna de Wit (werkplekbegeleider)");
    assert_eq!(
        preview.signed_dates.as_deref(),
        Some("Je begeleider zag en ondertekende: opgenomen op di 24 nov. 2026, feedback verwacht uiterlijk di 8 dec. 2026")
    );
    assert_eq!(preview.late, None);
    assert_eq!(
        student.ws.status().expect("status").journal.entries,
        entries,
        "reading a receipt writes nothing"
    );
    assert!(student.ws.view(&id).expect("view").feedback.is_none());
    for (fingerprint, compared, code_expected) in [
        (desk.fingerprint.clone(), false, "mentor.not_compared"),
        (
            "0000 0000 0000 0000".to_owned(),
            true,
            "mentor.nothing_to_accept",
        ),
    ] {
        let err = ErrorPayload::from(
            student
                .ws
                .accept_feedback_receipt(AcceptReceipt {
                    fingerprint,
                    compared,
                })
                .expect_err("not accepted"),
        );
        assert_eq!(err.code, code_expected);
    }
    assert_eq!(
        code(
            student
                .ws
                .import_feedback_receipt(&receipt)
                .shown(&student.ws)
                .expect_err("in one step only for a known key")
        ),
        "mentor.not_compared"
    );
    let view = student
        .ws
        .accept_feedback_receipt(AcceptReceipt {
            fingerprint: desk.fingerprint.clone(),
            compared: true,
        })
        .shown(&student.ws)
        .expect("compared and accepted");
    let feedback = view.feedback.expect("feedback confirmed");
    assert_eq!(feedback.by, "Anna de Wit (werkplekbegeleider)");
    assert_eq!(feedback.on, "do 26 nov. 2026");
    assert_eq!(
        feedback.how,
        format!(
            "Ondertekend ontvangstbewijs van de begeleider, sleutel {} (vingerafdruk door de student vergeleken met het scherm van de begeleider op do 26 nov. 2026 16:00)",
            desk.fingerprint
        )
    );
    assert!(!feedback.late);
    assert_eq!(
        deadline(&student.ws.view(&id).expect("view"), "na_feedback").status,
        DeadlineStatus::DueToday,
        "the delete-after-feedback clock started"
    );
    assert_eq!(
        deadline(&student.ws.view(&id).expect("view"), "feedback_krijgen").status,
        DeadlineStatus::Done
    );
    assert_eq!(
        code(
            student
                .ws
                .import_feedback_receipt(&receipt)
                .shown(&student.ws)
                .expect_err("twice")
        ),
        "mentor.already_confirmed"
    );
    student.restart();
    let view = student.ws.view(&id).expect("view after restart");
    assert!(
        view.feedback.is_some(),
        "the confirmation is in the journal"
    );
    // Issue #15, item 3: the journal keeps the whole signed receipt, so it verifies again later.
    let kept = student
        .ws
        .recording(&id)
        .expect("recording")
        .feedback_receipt
        .clone()
        .expect("receipt kept");
    let signed = kept.signed.expect("the whole signed receipt");
    assert_eq!(signed.verify().expect("still verifies"), desk.fingerprint);
    assert_eq!(
        signed,
        serde_json::from_str::<opnamewijs::mentor::FeedbackReceipt>(
            &std::fs::read_to_string(&receipt).expect("receipt")
        )
        .expect("the file"),
        "byte for byte what the mentor signed"
    );
    assert!(kept.key_compared_at.is_some());
}

/// Issue #15, item 3: a receipt kept by an earlier version (the fingerprint only) still loads.
#[test]
fn a_receipt_kept_before_whole_receipts_were_kept_still_loads() {
    let old = r#"{"request":"r","mentor":"Anna de Wit","role":"werkplekbegeleider",
        "feedback_on":"2026-11-26","late":false,"fingerprint":"AB12 CD34 EF56 7890",
        "signed_at":"2026-11-26T14:00:00Z"}"#;
    let kept: opnamewijs::recording::ReceivedReceipt =
        serde_json::from_str(old).expect("an earlier version's receipt");
    assert_eq!((kept.signed, kept.key_compared_at), (None, None));
    let old_request = r#"{"id":"r","nonce":"ab","at":"2026-11-26T14:00:00Z"}"#;
    let sent: opnamewijs::recording::SentRequest =
        serde_json::from_str(old_request).expect("an earlier version's request");
    assert_eq!(sent.seal_key, None);
}

#[test]
fn a_modified_receipt_is_refused_and_nothing_changes() {
    let (mut student, _mentor, id, request, receipt) = exchanged();
    let original = std::fs::read_to_string(&receipt).expect("receipt");
    let entries = student.ws.status().expect("status").journal.entries;
    for (what, from, to) in [
        (
            "day",
            "\"feedback_on\": \"2026-11-26\"",
            "\"feedback_on\": \"2026-11-25\"",
        ),
        (
            "name",
            "\"mentor\": \"Anna de Wit\"",
            "\"mentor\": \"Anna de Wit-Jansen\"",
        ),
        ("late flag", "\"late\": false", "\"late\": true"),
    ] {
        assert!(original.contains(from), "{what}: {original}");
        let tampered = file(&student, &format!("{what}.opnamewijs-bewijs"));
        std::fs::write(&tampered, original.replace(from, to)).expect("write");
        assert_eq!(
            code(
                student
                    .ws
                    .import_feedback_receipt(&tampered)
                    .shown(&student.ws)
                    .expect_err(what)
            ),
            "mentor.receipt_modified",
            "{what}"
        );
    }
    let garbage = file(&student, "garbage.opnamewijs-bewijs");
    std::fs::write(&garbage, b"\x00\xffnot json").expect("write");
    let err = ErrorPayload::from(
        student
            .ws
            .import_feedback_receipt(&garbage)
            .shown(&student.ws)
            .expect_err("garbage"),
    );
    assert_eq!(err.code, "mentor.not_a_receipt");
    assert!(err
        .message
        .starts_with("Dit is geen (leesbaar) ontvangstbewijs"));
    assert_eq!(
        code(
            student
                .ws
                .import_feedback_receipt(&request)
                .shown(&student.ws)
                .expect_err("a request is not a receipt")
        ),
        "mentor.not_a_receipt"
    );
    let huge = file(&student, "huge.opnamewijs-bewijs");
    std::fs::write(&huge, vec![b' '; 70_000]).expect("write");
    assert_eq!(
        code(
            student
                .ws
                .import_feedback_receipt(&huge)
                .shown(&student.ws)
                .expect_err("huge")
        ),
        "mentor.too_large"
    );
    assert_eq!(
        code(
            student
                .ws
                .import_feedback_receipt(Path::new("relative.opnamewijs-bewijs"))
                .shown(&student.ws)
                .expect_err("relative")
        ),
        "file.not_absolute"
    );
    assert_eq!(
        student.ws.status().expect("status").journal.entries,
        entries,
        "nothing was written"
    );
    assert!(student.ws.view(&id).expect("view").feedback.is_none());
}

#[test]
fn a_receipt_for_another_recording_or_request_is_refused() {
    let (mut student, mut mentor, first) = student_and_mentor();
    student.clock.set(nl(2026, 11, 24, 11, 30));
    let second = recorded_lesson(&mut student, "Taalles 4A");
    student.clock.set(nl(2026, 11, 26, 16, 0));
    let request = export_request(&mut student, &first, "eerste.opnamewijs-verzoek");
    let receipt = mentor_answers(
        &mut mentor,
        &request,
        "2026-11-26",
        "eerste.opnamewijs-bewijs",
    );

    // Re-pointing the receipt at the other recording breaks the signature …
    let text = std::fs::read_to_string(&receipt).expect("receipt");
    let moved = file(&student, "verplaatst.opnamewijs-bewijs");
    std::fs::write(&moved, text.replace(&first, &second)).expect("write");
    assert_eq!(
        code(
            student
                .ws
                .import_feedback_receipt(&moved)
                .shown(&student.ws)
                .expect_err("moved")
        ),
        "mentor.receipt_modified"
    );
    // … a validly signed receipt for a request this installation never made is refused …
    let mut forger = Env::at(nl(2026, 11, 26, 15, 0));
    named(&mut forger, "Iemand Anders", Mode::Mentor);
    let mut request_json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&request).expect("request")).expect("json");
    request_json["id"] = "00000000-0000-4000-8000-000000000000".into();
    request_json["recording"] = second.clone().into();
    let forged_request = file(&forger, "vals.opnamewijs-verzoek");
    std::fs::write(&forged_request, request_json.to_string()).expect("write");
    let forged = mentor_answers(
        &mut forger,
        &forged_request,
        "2026-11-26",
        "vals.opnamewijs-bewijs",
    );
    let err = ErrorPayload::from(
        student
            .ws
            .import_feedback_receipt(&forged)
            .shown(&student.ws)
            .expect_err("unknown request"),
    );
    assert_eq!(err.code, "mentor.unknown_request");
    assert_eq!(
        err.message,
        "Dit ontvangstbewijs hoort niet bij een feedbackverzoek dat je voor \"Taalles 4A\" hebt gemaakt. Er is niets veranderd."
    );
    // … and so is one for a recording that is not in this installation at all.
    let mut stranger = Env::at(nl(2026, 11, 24, 10, 0));
    named(&mut stranger, "Kim", Mode::Student);
    let theirs = recorded_lesson(&mut stranger, "Andermans les");
    stranger.clock.set(nl(2026, 11, 26, 10, 0));
    let their_request = export_request(&mut stranger, &theirs, "ander.opnamewijs-verzoek");
    let their_receipt = mentor_answers(
        &mut mentor,
        &their_request,
        "2026-11-26",
        "ander.opnamewijs-bewijs",
    );
    assert_eq!(
        code(
            student
                .ws
                .import_feedback_receipt(&their_receipt)
                .shown(&student.ws)
                .expect_err("not ours")
        ),
        "mentor.other_recording"
    );
    assert!(student.ws.view(&second).expect("view").feedback.is_none());
    assert!(accepted(&mut student, &receipt)
        .expect("the real one still works")
        .feedback
        .is_some());
}

#[test]
fn late_feedback_is_flagged_for_the_mentor_and_travels_with_the_receipt() {
    let (mut student, mut mentor, id) = student_and_mentor();
    let request = export_request(&mut student, &id, "verzoek.opnamewijs-verzoek");
    mentor.clock.set(nl(2026, 12, 10, 9, 0));
    let desk = mentor
        .ws
        .import_feedback_request(&request)
        .shown(&mentor.ws)
        .expect("imported");
    assert_eq!(
        desk.requests[0].late.as_deref(),
        Some("Te laat: feedback werd uiterlijk verwacht op di 8 dec. 2026. Zolang je niet bevestigt, blijft de opname bewaard."),
        "overdue while waiting"
    );
    let desk = mentor
        .ws
        .confirm_request(ConfirmRequest {
            request: desk.requests[0].id.clone(),
            on: "2026-12-09".into(),
            role: MentorRole::Schoolopleider,
        })
        .shown(&mentor.ws)
        .expect("confirmed");
    assert_eq!(
        desk.requests[0].late.as_deref(),
        Some("Te laat: feedback gegeven op wo 9 dec. 2026 terwijl die uiterlijk di 8 dec. 2026 verwacht werd; de opname is daardoor langer bewaard dan nodig.")
    );
    let receipt = file(&mentor, "bewijs.opnamewijs-bewijs");
    mentor
        .ws
        .export_feedback_receipt(ExportReceipt {
            request: desk.requests[0].id.clone(),
            path: receipt.display().to_string(),
        })
        .expect("exported");
    student.clock.set(nl(2026, 12, 10, 10, 0));
    let preview = student
        .ws
        .preview_feedback_receipt(&receipt)
        .shown(&student.ws)
        .expect("read");
    assert_eq!(
        preview.late.as_deref(),
        Some("Te laat: feedback gegeven op wo 9 dec. 2026 terwijl die volgens deze Opnamewijs uiterlijk verwacht werd op di 8 dec. 2026.")
    );
    let view = accepted(&mut student, &receipt).expect("imported");
    assert!(view.feedback.expect("confirmed").late);
    assert_eq!(
        deadline(&student.ws.view(&id).expect("view"), "feedback_krijgen").status,
        DeadlineStatus::Done
    );
}

#[test]
fn the_mentor_must_name_themselves_and_give_a_sensible_day() {
    let (mut student, _, id) = student_and_mentor();
    let request = export_request(&mut student, &id, "verzoek.opnamewijs-verzoek");
    let mut mentor = Env::at(nl(2026, 11, 26, 15, 0));
    let desk = mentor
        .ws
        .import_feedback_request(&request)
        .shown(&mentor.ws)
        .expect("imported");
    let confirm = |on: &str| ConfirmRequest {
        request: desk.requests[0].id.clone(),
        on: on.into(),
        role: MentorRole::Werkplekbegeleider,
    };
    assert_eq!(
        code(
            mentor
                .ws
                .confirm_request(confirm("2026-11-26"))
                .shown(&mentor.ws)
                .expect_err("no name")
        ),
        "mentor.no_name"
    );
    named(&mut mentor, "Anna de Wit", Mode::Mentor);
    for (on, expected) in [
        ("2026-11-23", "recording.date_out_of_range"),
        ("2026-11-27", "recording.date_out_of_range"),
        ("26-11-2026", "recording.invalid_date"),
    ] {
        assert_eq!(
            code(
                mentor
                    .ws
                    .confirm_request(confirm(on))
                    .shown(&mentor.ws)
                    .expect_err(on)
            ),
            expected,
            "{on}"
        );
    }
    mentor
        .ws
        .confirm_request(confirm("2026-11-26"))
        .shown(&mentor.ws)
        .expect("ok");
    assert_eq!(
        code(
            mentor
                .ws
                .confirm_request(confirm("2026-11-26"))
                .shown(&mentor.ws)
                .expect_err("twice")
        ),
        "mentor.already_confirmed"
    );
    mentor.restart();
    let desk = mentor.ws.desk().expect("desk after restart");
    assert!(desk.requests[0].confirmed.is_some(), "kept in the journal");
}

#[test]
fn a_request_needs_a_recorded_lesson_and_a_new_file() {
    let mut student = Env::at(nl(2026, 11, 23, 10, 0));
    let id = student.create(HU, "2026-11-24").id;
    let path = file(&student, "verzoek.opnamewijs-verzoek");
    let export = |ws: &mut opnamewijs::Workspace, path: &Path| {
        ws.export_feedback_request(ExportRequest {
            recording: id.clone(),
            path: path.display().to_string(),
        })
        .shown(ws)
    };
    assert_eq!(
        code(export(&mut student.ws, &path).expect_err("not recorded")),
        "mentor.not_recorded_yet"
    );
    assert!(!path.exists());
    std::fs::write(&path, b"er staat al iets").expect("write");
    assert_eq!(
        code(export(&mut student.ws, &path).expect_err("exists")),
        "file.exists"
    );
    assert_eq!(
        std::fs::read(&path).expect("read"),
        b"er staat al iets",
        "an existing file is never overwritten"
    );
}

#[test]
fn request_files_with_bad_contents_are_refused_with_a_reason() {
    let mut mentor = Env::at(nl(2026, 11, 26, 15, 0));
    for (name, contents, expected) in [
        ("leeg", "", "mentor.not_a_request"),
        (
            "ander",
            r#"{"kind":"iets-anders","format":1}"#,
            "mentor.not_a_request",
        ),
        (
            "nieuwer",
            r#"{"kind":"opnamewijs-feedbackverzoek","format":99}"#,
            "mentor.newer_format",
        ),
        (
            "onvolledig",
            r#"{"kind":"opnamewijs-feedbackverzoek","format":1,"id":"x"}"#,
            "mentor.not_a_request",
        ),
    ] {
        let path = file(&mentor, name);
        std::fs::write(&path, contents).expect("write");
        assert_eq!(
            code(
                mentor
                    .ws
                    .import_feedback_request(&path)
                    .shown(&mentor.ws)
                    .expect_err(name)
            ),
            expected,
            "{name}"
        );
    }
    assert!(mentor.ws.desk().expect("desk").requests.is_empty());
    assert_eq!(mentor.ws.desk().expect("desk").fingerprint, "");
}

/// Issue #15, item 1: a student who switches their own installation to mentor mode under the
/// mentor's name cannot confirm their own request.
#[test]
fn a_receipt_signed_by_this_installations_own_key_is_refused() {
    let mut student = Env::at(nl(2026, 11, 24, 10, 0));
    named(&mut student, "Łukasz Şahin-Nguyễn", Mode::Student);
    student.clock.set(nl(2026, 11, 24, 11, 0));
    let id = recorded_lesson(&mut student, "Rekenles 3B");
    student.clock.set(nl(2026, 11, 26, 16, 0));
    let request = export_request(&mut student, &id, "verzoek.opnamewijs-verzoek");
    named(&mut student, "Ayşe Yılmaz", Mode::Mentor);
    let receipt = mentor_answers(
        &mut student,
        &request,
        "2026-11-26",
        "zelf.opnamewijs-bewijs",
    );
    named(&mut student, "Łukasz Şahin-Nguyễn", Mode::Student);
    let entries = student.ws.status().expect("status").journal.entries;
    let err = ErrorPayload::from(
        student
            .ws
            .preview_feedback_receipt(&receipt)
            .shown(&student.ws)
            .expect_err("own key"),
    );
    assert_eq!(err.code, "mentor.own_key");
    assert!(
        err.message.starts_with(
            "Dit ontvangstbewijs is ondertekend met de sleutel van deze Opnamewijs zelf"
        ),
        "{}",
        err.message
    );
    assert_eq!(
        code(
            student
                .ws
                .accept_feedback_receipt(AcceptReceipt {
                    fingerprint: student.ws.desk().expect("desk").fingerprint,
                    compared: true,
                })
                .expect_err("nothing was read to accept")
        ),
        "mentor.nothing_to_accept"
    );
    assert_eq!(
        student.ws.status().expect("status").journal.entries,
        entries
    );
    assert!(student.ws.view(&id).expect("view").feedback.is_none());
}

/// Issue #15, item 1: mentor keys are remembered per mentor; a known key passes without a new
/// comparison, a known mentor with another key is warned about and compared again.
#[test]
fn a_known_mentor_with_a_new_key_must_be_compared_again() {
    let mut student = Env::at(nl(2026, 11, 24, 10, 0));
    named(&mut student, "Łukasz Şahin-Nguyễn", Mode::Student);
    student.clock.set(nl(2026, 11, 24, 11, 0));
    let lessons: Vec<String> = ["Rekenles 3B", "Taalles 4A", "Gymles 1C"]
        .iter()
        .map(|t| recorded_lesson(&mut student, t))
        .collect();
    student.clock.set(nl(2026, 11, 26, 16, 0));
    let mut mentor = Env::at(nl(2026, 11, 26, 15, 0));
    named(&mut mentor, "Ayşe Yılmaz", Mode::Mentor);

    let first = export_request(&mut student, &lessons[0], "1.opnamewijs-verzoek");
    let first = mentor_answers(&mut mentor, &first, "2026-11-26", "1.opnamewijs-bewijs");
    let old_fingerprint = mentor.ws.desk().expect("desk").fingerprint;
    accepted(&mut student, &first).expect("first receipt, compared");

    // The same mentor and key: known, no new comparison needed.
    let second = export_request(&mut student, &lessons[1], "2.opnamewijs-verzoek");
    let second = mentor_answers(&mut mentor, &second, "2026-11-26", "2.opnamewijs-bewijs");
    let preview = student
        .ws
        .preview_feedback_receipt(&second)
        .shown(&student.ws)
        .expect("read");
    assert_eq!(
        (preview.key_kind, preview.needs_comparison),
        (KeyKind::Known, false)
    );
    assert_eq!(
        preview.key_note,
        "Dezelfde sleutel als bij het vorige ontvangstbewijs van Ayşe Yılmaz; vergeleken op do 26 nov. 2026 16:00."
    );
    let view = student
        .ws
        .import_feedback_receipt(&second)
        .shown(&student.ws)
        .expect("a known key in one step");
    assert!(view.feedback.expect("confirmed").how.contains("vergeleken"));

    // The mentor on a new laptop: the same name and role, another key.
    let mut new_laptop = Env::at(nl(2026, 11, 27, 9, 0));
    named(&mut new_laptop, "Ayşe Yılmaz", Mode::Mentor);
    student.clock.set(nl(2026, 11, 27, 10, 0));
    let third = export_request(&mut student, &lessons[2], "3.opnamewijs-verzoek");
    let third = mentor_answers(&mut new_laptop, &third, "2026-11-27", "3.opnamewijs-bewijs");
    let preview = student
        .ws
        .preview_feedback_receipt(&third)
        .shown(&student.ws)
        .expect("read");
    assert_eq!(
        (preview.key_kind, preview.needs_comparison),
        (KeyKind::Changed, true)
    );
    assert_eq!(
        preview.fingerprint,
        new_laptop.ws.desk().expect("desk").fingerprint
    );
    assert_eq!(
        preview.key_note,
        format!("Let op: Ayşe Yılmaz ondertekende eerder met een andere sleutel, {old_fingerprint}. Een nieuwe laptop of een nieuwe installatie kan de reden zijn, maar vergelijk de vingerafdruk met die op het scherm van je begeleider voordat je het bewijs aanneemt.")
    );
    assert_eq!(
        code(
            student
                .ws
                .import_feedback_receipt(&third)
                .shown(&student.ws)
                .expect_err("a changed key needs a comparison")
        ),
        "mentor.not_compared"
    );
    accepted(&mut student, &third).expect("compared again");
    // The dossier says per receipt that its key was compared.
    let pdf = file(&student, "dossier.pdf");
    student.ws.export_dossier(&pdf).expect("dossier");
    let text = crate::dossier::poppler("pdftotext", &[], &pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(
        text.matches("vingerafdruk door de student vergeleken met het scherm van de begeleider")
            .count(),
        3,
        "{text}"
    );
    // Issue #15, item 4: every name prints, and copies as text.
    assert!(text.contains("Student Łukasz Şahin-Nguyễn"), "{text}");
    assert_eq!(
        text.matches("Ayşe Yılmaz (werkplekbegeleider)").count(),
        6,
        "{text}"
    );
    assert!(
        !text.contains("Ay?e") && !text.contains("?ukasz"),
        "nothing lost"
    );
    student.restart();
    let known = &student.ws.state().desk.mentors;
    assert_eq!(known.len(), 1, "one key per mentor: the newest");
    assert_eq!(
        opnamewijs::mentor::fingerprint(
            &opnamewijs::mentor::unhex(&known[0].public_key).expect("hex")
        ),
        preview.fingerprint
    );
}

/// Issue #15, item 2: the mentor signs the dates the request showed; a request whose dates were
/// edited before it was sent is found out when its receipt comes back.
#[test]
fn an_edited_request_date_is_detected_when_the_receipt_returns() {
    let (mut student, mut mentor, id) = student_and_mentor();
    let request = export_request(&mut student, &id, "verzoek.opnamewijs-verzoek");
    let text = std::fs::read_to_string(&request).expect("request");
    assert!(text.contains("\"seal\": \""), "{text}");
    let mut edits = vec![
        (
            "later expected date",
            text.replace(
                "\"feedback_due\": \"2026-12-08\"",
                "\"feedback_due\": \"2026-12-22\"",
            ),
        ),
        (
            "recording day",
            text.replace(
                "\"recorded_on\": \"2026-11-24\"",
                "\"recorded_on\": \"2026-11-23\"",
            ),
        ),
    ];
    let mut json: serde_json::Value = serde_json::from_str(&text).expect("json");
    json.as_object_mut().expect("object").remove("seal");
    json["feedback_due"] = serde_json::Value::Null;
    edits.push(("seal removed, no date", json.to_string()));
    for (i, (what, edited)) in edits.into_iter().enumerate() {
        assert_ne!(edited, text, "{what}");
        let path = file(&student, &format!("gewijzigd-{i}.opnamewijs-verzoek"));
        std::fs::write(&path, edited).expect("write");
        let mut their_mentor = Env::at(nl(2026, 11, 26, 15, 0));
        named(&mut their_mentor, "Anna de Wit", Mode::Mentor);
        let receipt = mentor_answers(
            &mut their_mentor,
            &path,
            "2026-11-26",
            &format!("gewijzigd-{i}.opnamewijs-bewijs"),
        );
        let err = ErrorPayload::from(
            student
                .ws
                .preview_feedback_receipt(&receipt)
                .shown(&student.ws)
                .expect_err(what),
        );
        assert_eq!(err.code, "mentor.request_edited", "{what}");
        assert!(err.message.starts_with("Het feedbackverzoek is gewijzigd"));
    }
    // The unedited request still works, and its receipt carries the dates the mentor saw.
    let receipt = mentor_answers(
        &mut mentor,
        &request,
        "2026-11-26",
        "echt.opnamewijs-bewijs",
    );
    let signed: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&receipt).expect("receipt")).expect("json");
    assert_eq!(signed["receipt"]["recorded_on"], "2026-11-24");
    assert_eq!(signed["receipt"]["feedback_due"], "2026-12-08");
    assert_eq!(signed["receipt"]["feedback_on"], "2026-11-26");
    assert!(accepted(&mut student, &receipt)
        .expect("accepted")
        .feedback
        .is_some());
}

/// Issue #15, item 6: a confirmation typed on the student's laptop is labelled as such on the
/// recording and on the dossier: nobody signed it.
#[test]
fn feedback_confirmed_on_the_students_laptop_is_labelled_as_not_signed() {
    let mut student = Env::at(nl(2026, 11, 24, 10, 0));
    named(&mut student, "Sam de Vries", Mode::Student);
    student.clock.set(nl(2026, 11, 24, 11, 0));
    let id = recorded_lesson(&mut student, "Rekenles 3B");
    student.clock.set(nl(2026, 11, 26, 16, 0));
    let view = student
        .ws
        .confirm_feedback(opnamewijs::workspace::ConfirmFeedback {
            recording: id.clone(),
            on: "2026-11-26".into(),
            mentor: "Anna de Wit".into(),
            role: MentorRole::Werkplekbegeleider,
        })
        .shown(&student.ws)
        .expect("confirmed in person");
    assert_eq!(
        view.feedback.expect("feedback").how,
        "Bevestigd op de laptop van de student (niet ondertekend)"
    );
    let pdf = file(&student, "dossier.pdf");
    student.ws.export_dossier(&pdf).expect("dossier");
    let text = crate::dossier::poppler("pdftotext", &[], &pdf)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        text.contains("Feedbackbevestiging Anna de Wit (werkplekbegeleider), feedback op do 26 nov. 2026; bevestigd op de laptop van de student (niet ondertekend)"),
        "{text}"
    );
    assert!(!text.contains("Feedbackbewijs"), "no receipt: {text}");
}

/// Rewrites the fuzz seeds of the request and receipt files from a real exchange:
/// `cargo test -p opnamewijs --test core mentor::write_seed_corpus -- --ignored`.
#[test]
#[ignore]
fn write_seed_corpus() {
    let (_student, _mentor, _, request, receipt) = exchanged();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz/corpus");
    for (target, file, name) in [
        ("feedback_request", &request, "ok-request.json"),
        ("feedback_receipt", &receipt, "ok-receipt.json"),
    ] {
        let dir = root.join(target);
        std::fs::create_dir_all(&dir).expect("corpus dir");
        let text = std::fs::read_to_string(file).expect("read");
        std::fs::write(dir.join(name), &text).expect("write");
        std::fs::write(
            dir.join("changed.json"),
            text.replace("Rekenles 3B", "Rekenles 3C"),
        )
        .expect("write");
        std::fs::write(dir.join("truncated.json"), &text[..text.len() / 2]).expect("write");
    }
}
