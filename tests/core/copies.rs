//! Every copy accounted for: copies the user adds, the copy a forbidden share left behind, recycle
//! bins, tasks after an upheld objection or withdrawn consent, and the assessment's result.

use crate::mentor::{named, recorded_lesson};
use crate::support::*;
use opnamewijs::deadline::DeadlineStatus;
use opnamewijs::recording::{Channel, CopyKind, EventKind, Role, TaskAction, TaskCause};
use opnamewijs::store::Mode;
use opnamewijs::views::RecordingView;
use opnamewijs::workspace::{
    AddCopy, AssessmentNotPassed, AssessmentPassed, ConfirmDeletion, CopyTasks, LogShare,
    ReportShare, SelectForAssessment, TaskDoneInput,
};
use opnamewijs::ErrorPayload;

/// A recorded HU feedback lesson of "Łukasz Şahin-Nguyễn" (copies: device, cloud, secure).
fn recorded() -> (Env, String) {
    let mut env = Env::at(nl(2026, 11, 24, 10, 0));
    named(&mut env, "Łukasz Şahin-Nguyễn", Mode::Student);
    let id = recorded_lesson(&mut env, "Rekenles 3B");
    (env, id)
}

fn confirm(
    env: &mut Env,
    id: &str,
    copy: &str,
    bin_emptied: bool,
) -> Result<RecordingView, ErrorPayload> {
    env.ws
        .confirm_deletion(ConfirmDeletion {
            recording: id.into(),
            copy: copy.into(),
            method: "definitief verwijderd".into(),
            bin_emptied,
        })
        .shown(&env.ws)
        .map_err(ErrorPayload::from)
}

fn confirm_all(env: &mut Env, id: &str) -> RecordingView {
    let open: Vec<String> = env
        .ws
        .view(id)
        .expect("view")
        .copies
        .iter()
        .filter(|c| c.deleted.is_none())
        .map(|c| c.id.clone())
        .collect();
    let mut view = env.ws.view(id).expect("view");
    for copy in open {
        view = confirm(env, id, &copy, true).expect("confirmed");
    }
    view
}

#[test]
fn an_added_usb_copy_keeps_the_recording_open_until_it_is_confirmed_deleted() {
    let (mut env, id) = recorded();
    let view = env
        .ws
        .add_copy(AddCopy {
            recording: id.clone(),
            kind: CopyKind::UsbStick,
            description: Some("blauwe stick van de sectie".into()),
        })
        .shown(&env.ws)
        .expect("added");
    let usb = view.copies.last().expect("the new copy");
    assert_eq!(usb.label, "USB-stick: blauwe stick van de sectie");
    assert!(usb.added);
    assert!(usb.bin.is_none(), "a USB stick has no recycle bin to empty");
    for copy in ["copy-1", "copy-2", "copy-3"] {
        confirm(&mut env, &id, copy, true).expect("confirmed");
    }
    let view = env.ws.view(&id).expect("view");
    assert!(!view.closed, "the USB stick still holds the footage");
    let view = confirm(&mut env, &id, &usb.id, false).expect("usb deleted");
    assert!(view.closed);

    // "Somewhere else" needs a few words on where; a file is linked through the finder only.
    let (mut env, id) = recorded();
    for (kind, description, code) in [
        (CopyKind::Other, None, "copy.description_missing"),
        (CopyKind::File, Some("x".to_owned()), "recording.unknown"),
    ] {
        let err = env
            .ws
            .add_copy(AddCopy {
                recording: id.clone(),
                kind,
                description,
            })
            .shown(&env.ws)
            .expect_err("refused");
        assert_eq!(ErrorPayload::from(err).code, code);
    }
}

#[test]
fn a_refused_email_share_reported_leaves_a_tracked_mailbox_copy_and_an_incident() {
    let (mut env, id) = recorded();
    let refused = env
        .ws
        .log_share(LogShare {
            recording: id.clone(),
            role: Role::Mentor,
            channel: Channel::Email,
            note: None,
        })
        .shown(&env.ws)
        .expect_err("e-mail is forbidden");
    assert_eq!(ErrorPayload::from(refused).code, "share.forbidden_channel");
    let view = env
        .ws
        .report_forbidden_share(ReportShare {
            recording: id.clone(),
            role: Role::Mentor,
            channel: Channel::Email,
            note: Some("per ongeluk als bijlage verstuurd".into()),
        })
        .shown(&env.ws)
        .expect("reported");
    let mailbox = view.copies.last().expect("left-behind copy");
    assert_eq!(
        mailbox.label,
        "Mailbox van de ontvanger (en je eigen verzonden items)"
    );
    assert!(mailbox.deleted.is_none());
    let incident = view.incidents.last().expect("incident");
    assert_eq!(
        incident.title,
        "Gedeeld met de verkeerde persoon of via een verboden kanaal"
    );
    assert_eq!(
        incident.note.as_deref(),
        Some("gedeeld met begeleider, per e-mail: per ongeluk als bijlage verstuurd")
    );
    assert!(view
        .deadlines
        .iter()
        .any(|d| d.id.starts_with("incident/") && d.title.contains("Gemeld bij de school")));
    let view = confirm_all(&mut env, &id);
    assert!(view.closed, "closed only once the mailbox copy is gone too");
    // A channel the pack allows is not reported this way.
    let (mut env, id) = recorded();
    let err = env
        .ws
        .report_forbidden_share(ReportShare {
            recording: id,
            role: Role::Mentor,
            channel: Channel::SecureStorage,
            note: None,
        })
        .shown(&env.ws)
        .expect_err("not forbidden");
    assert_eq!(ErrorPayload::from(err).code, "share.not_forbidden");
}

#[test]
fn deleting_from_a_phone_or_a_cloud_needs_the_recycle_bin_emptied_too() {
    let (mut env, id) = recorded();
    let view = env.ws.view(&id).expect("view");
    let phone = &view.copies[0];
    let bin = phone.bin.as_ref().expect("a phone has 'Recently deleted'");
    assert_eq!(
        bin.question,
        "Ook de prullenbak of 'Recent verwijderd' geleegd"
    );
    let names: Vec<_> = bin.platforms.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["iPhone / iPad", "Android"]);
    assert!(bin.platforms[0].steps[0].contains("Recent verwijderd"));
    let cloud = view.copies[1].bin.as_ref().expect("cloud bin");
    assert_eq!(
        cloud
            .platforms
            .iter()
            .map(|p| p.name.as_str())
            .collect::<Vec<_>>(),
        ["iCloud", "Google Drive / Google Foto's"]
    );
    let secure = view.copies[2].bin.as_ref().expect("OneDrive bin");
    assert!(secure.platforms[0].steps[2].contains("tweede fase"));

    let refused = confirm(&mut env, &id, "copy-1", false).expect_err("bin not emptied");
    assert_eq!(refused.code, "copy.bin_not_emptied");
    assert!(
        refused.message.contains("Recent verwijderd"),
        "{}",
        refused.message
    );
    let view = confirm(&mut env, &id, "copy-1", true).expect("confirmed");
    assert!(view.copies[0]
        .deleted
        .as_deref()
        .is_some_and(|d| d.ends_with(", prullenbak geleegd")));
    assert!(view.copies[0].bin.is_none(), "no steps once it is gone");
}

#[test]
fn an_upheld_objection_blocks_closing_until_every_copy_has_its_task_done() {
    let (mut env, id) = recorded();
    confirm(&mut env, &id, "copy-1", true).expect("phone copy gone already");
    env.clock.set(nl(2026, 11, 25, 9, 0));
    let view = env
        .ws
        .copy_tasks(CopyTasks {
            recording: id.clone(),
            cause: TaskCause::ObjectionUpheld,
            note: Some("ouder van een leerling uit 3B".into()),
        })
        .shown(&env.ws)
        .expect("tasks");
    let titles: Vec<_> = view.tasks.iter().map(|t| t.title.as_str()).collect();
    assert_eq!(
        titles,
        [
            "Bezwaar toegekend: Cloud van je eigen apparaat (iCloud-foto's, Google Foto's)",
            "Bezwaar toegekend: Veilige opslaglocatie (schoolnetwerk, OneDrive/Office 365, portfolio of IRIS Connect)"
        ],
        "a task for every copy still there, none for the one already gone"
    );
    let task_deadline = deadline(&view, "task/task-1");
    assert_eq!(task_deadline.when, "uiterlijk do 26 nov. 2026 23:59");
    assert_eq!(
        task_deadline.from.as_ref().map(|f| f.kind),
        Some(opnamewijs::views::ProvenanceKind::Advice)
    );
    let rec = env.ws.recording(&id).expect("recording");
    let upheld = rec
        .events
        .iter()
        .find(|e| e.kind == EventKind::ObjectionUpheld)
        .expect("on the timeline");
    assert_eq!(
        upheld.note.as_deref(),
        Some("ouder van een leerling uit 3B")
    );

    // Deleting the cloud copy through its task confirms the copy too; the secure copy is edited.
    let view = env
        .ws
        .task_done(TaskDoneInput {
            recording: id.clone(),
            task: "task-1".into(),
            action: TaskAction::Deleted,
            how: "uit iCloud en 'Recent verwijderd' gehaald".into(),
            bin_emptied: true,
        })
        .shown(&env.ws)
        .expect("task 1");
    assert!(view.copies[1].deleted.is_some());
    let view = env
        .ws
        .task_done(TaskDoneInput {
            recording: id.clone(),
            task: "task-2".into(),
            action: TaskAction::Edited,
            how: "leerling vervaagd in de hele opname".into(),
            bin_emptied: false,
        })
        .shown(&env.ws)
        .expect("task 2");
    assert!(view.tasks.iter().all(|t| t.done.is_some()));
    assert!(
        view.copies[2].deleted.is_none(),
        "an edited copy still exists"
    );
    assert!(!view.closed);
    let view = confirm_all(&mut env, &id);
    assert!(view.closed);

    // Until the tasks are done the recording stays open, even with every copy gone.
    let (mut env, id) = recorded();
    env.ws
        .copy_tasks(CopyTasks {
            recording: id.clone(),
            cause: TaskCause::ConsentWithdrawn,
            note: None,
        })
        .expect("tasks");
    let view = confirm_all(&mut env, &id);
    assert!(
        !view.closed,
        "the tasks say what was done for the person concerned"
    );
    assert_eq!(
        deadline(&view, "task/task-1").status,
        DeadlineStatus::Upcoming,
        "due by the end of tomorrow"
    );
}

#[test]
fn not_passed_keeps_the_chosen_recordings_until_after_the_resit() {
    let (mut env, id) = recorded();
    env.ws
        .select_for_assessment(SelectForAssessment {
            recording: id.clone(),
            selected: true,
        })
        .expect("chosen");
    env.clock.set(nl(2027, 1, 20, 16, 0));
    let refused = env
        .ws
        .assessment_not_passed(AssessmentNotPassed {
            on: "2027-01-20".into(),
            resit: "2027-01-10".into(),
        })
        .shown(&env.ws)
        .expect_err("a resit after the result");
    assert_eq!(
        ErrorPayload::from(refused).code,
        "recording.date_out_of_range"
    );
    let view = env
        .ws
        .assessment_not_passed(AssessmentNotPassed {
            on: "2027-01-20".into(),
            resit: "2027-03-15".into(),
        })
        .shown(&env.ws)
        .expect("not passed");
    assert_eq!(
        view.not_passed.as_deref(),
        Some("Niet behaald, uitslag op wo 20 jan. 2027; herkansing op ma 15 mrt. 2027")
    );
    let rec = env.ws.view(&id).expect("view");
    let resit = deadline(&rec, "resit/2027-03-15");
    assert_eq!(
        resit.when, "uiterlijk di 16 mrt. 2027 23:59",
        "the day after the resit"
    );
    assert_eq!(resit.status, DeadlineStatus::Upcoming);
    assert!(
        rec.deadlines
            .iter()
            .all(|d| d.id != "na_assessment" || d.due.is_none()),
        "nothing is due for deletion now"
    );
    // Passing the resit: delete now, and the resit deadline goes.
    env.clock.set(nl(2027, 3, 16, 10, 0));
    env.ws
        .assessment_passed(AssessmentPassed {
            on: "2027-03-16".into(),
        })
        .expect("passed the resit");
    let rec = env.ws.view(&id).expect("view");
    assert!(rec.deadlines.iter().all(|d| !d.id.starts_with("resit/")));
    assert_eq!(
        deadline(&rec, "na_assessment").status,
        DeadlineStatus::DueToday
    );
}

#[test]
fn readiness_lists_a_reflection_recording_without_a_retention_date() {
    let (mut env, id) = recorded();
    env.ws
        .answer(opnamewijs::workspace::AnswerQuestion {
            recording: id.clone(),
            question: "purpose".into(),
            answer: Some(choices(&["reflection", "assessment"])),
        })
        .expect("purposes");
    let view = env
        .ws
        .select_for_assessment(SelectForAssessment {
            recording: id.clone(),
            selected: true,
        })
        .shown(&env.ws)
        .expect("chosen");
    let open = view.chosen[0]
        .checks
        .iter()
        .find(|c| c.label == "Geen open punten")
        .expect("the open-items check");
    assert!(!open.ok);
    assert!(
        open.hint
            .as_deref()
            .is_some_and(|h| h.contains("Verwijderen op je gekozen bewaardatum (kies een datum)")),
        "{:?}",
        open.hint
    );
}

#[test]
fn the_end_of_internship_statement_lists_each_recording_at_the_school_and_each_copy() {
    use opnamewijs::workspace::{SchoolInput, SetSchool};
    let (mut env, first) = recorded();
    let second = recorded_lesson(&mut env, "Taalles 4A");
    let elsewhere = recorded_lesson(&mut env, "Gymles op een andere school");
    let school = |id: Option<String>, name: &str| SchoolInput {
        id,
        name: name.into(),
        privacy_contact: Some("privacy@regenboog.example".into()),
        own_devices_allowed: true,
        school_equipment_required: false,
        consent: None,
        consent_basis: None,
        storage: None,
        max_retention_days: None,
    };
    let view = env
        .ws
        .set_school(SetSchool {
            recording: first.clone(),
            school: Some(school(None, "De Regenboog")),
        })
        .shown(&env.ws)
        .expect("school");
    let id = view.school.expect("school").id;
    env.ws
        .set_school(SetSchool {
            recording: second.clone(),
            school: Some(school(Some(id.clone()), "De Regenboog")),
        })
        .expect("same school");
    env.ws
        .set_school(SetSchool {
            recording: elsewhere,
            school: Some(school(None, "Het Baken")),
        })
        .expect("other school");
    confirm_all(&mut env, &first);
    confirm(&mut env, &second, "copy-1", true).expect("phone copy");

    let path = env.files.path().join("verklaring.pdf");
    env.ws
        .export_school_statement(&id, &path)
        .expect("statement");
    let text = crate::dossier::poppler("pdftotext", &["-layout"], &path);
    let squeezed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Verklaring lesopnamen: De Regenboog",
        "Voor privacy@regenboog.example",
        "Rekenles 3B – di 24 nov. 2026",
        "Taalles 4A",
        "Nabespreken met mijn begeleider (feedback)",
        "verwijderd op",
        "NOG NIET VERWIJDERD",
        "2 kopie(ën) of taken nog open",
    ] {
        assert!(
            squeezed.contains(expected),
            "missing {expected:?} in:\n{text}"
        );
    }
    assert!(
        !text.contains("Gymles op een andere school"),
        "only the recordings made at this school"
    );
    let info = std::process::Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.trim_end().ends_with(" 1")),
        "one page: {info}"
    );
}
