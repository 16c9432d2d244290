//! Files the system opens with the app (a double-click, "Open with", a second start): each is
//! shown as what it is, with what importing it does, and imported only where it belongs.

use crate::mentor::{export_request, mentor_answers, named, recorded_lesson};
use crate::support::*;
use opnamewijs::app::opened_args;
use opnamewijs::store::Mode;
use opnamewijs::views::{OpenedFileView, OpenedImport, OpenedKind};
use opnamewijs::workspace::AcceptReceipt;
use opnamewijs::App;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The installation of `env` as the desktop app holds it (the workspace is closed first).
fn app_of(env: &mut Env) -> App {
    env.close();
    App::open(env.dir.path(), env.clock.clone(), env.keys.clone())
}

fn waiting(app: &App, name: &str) -> OpenedFileView {
    app.opened_files()
        .into_iter()
        .find(|f| f.name == name)
        .unwrap_or_else(|| panic!("{name} is not waiting"))
}

/// Łukasz's request and Ayşe's receipt for it, as files.
fn exchanged() -> (Env, Env, PathBuf, PathBuf) {
    let mut student = Env::at(nl(2026, 11, 24, 10, 0));
    named(&mut student, "Łukasz Şahin-Nguyễn", Mode::Student);
    student.clock.set(nl(2026, 11, 24, 11, 0));
    let id = recorded_lesson(&mut student, "Rekenles 3B");
    let mut mentor = Env::at(nl(2026, 11, 26, 15, 0));
    named(&mut mentor, "Ayşe Yılmaz", Mode::Mentor);
    student.clock.set(nl(2026, 11, 26, 16, 0));
    let request = export_request(&mut student, &id, "Rekenles 3B.opnamewijs-verzoek");
    let receipt = mentor_answers(
        &mut mentor,
        &request,
        "2026-11-26",
        "Rekenles 3B.opnamewijs-bewijs",
    );
    (student, mentor, request, receipt)
}

#[test]
fn a_double_clicked_receipt_is_offered_checked_and_accepted_after_the_comparison() {
    let (mut student, _mentor, request, receipt) = exchanged();
    let junk = student.files.path().join("foto.jpg");
    std::fs::write(&junk, b"\xff\xd8\xff\xe0 not ours").expect("junk");
    let garbled = student.files.path().join("kapot.opnamewijs-bewijs");
    std::fs::write(&garbled, b"{\"kind\": \"opnamewijs-feedbackbewijs\"").expect("garbled");
    let app = app_of(&mut student);
    for file in [&receipt, &request, &junk, &garbled, &receipt] {
        app.file_opened(file.clone());
    }
    assert_eq!(
        app.opened_files().len(),
        4,
        "the same file opened twice waits once"
    );

    let offer = waiting(&app, "Rekenles 3B.opnamewijs-bewijs");
    assert_eq!(offer.kind, OpenedKind::Receipt);
    assert!(offer.what.contains("Ayşe Yılmaz"), "{}", offer.what);
    assert!(offer.what.contains("Rekenles 3B"), "{}", offer.what);
    assert!(offer.effect.contains("vingerafdruk"), "{}", offer.effect);
    assert_eq!(offer.action.as_deref(), Some("Ontvangstbewijs controleren"));
    assert_eq!(offer.blocked, None);

    // A request belongs on a mentor's desk: here it is explained, not imported.
    let misplaced = waiting(&app, "Rekenles 3B.opnamewijs-verzoek");
    assert_eq!(misplaced.kind, OpenedKind::Request);
    assert!(
        misplaced.what.contains("Łukasz Şahin-Nguyễn"),
        "{}",
        misplaced.what
    );
    assert_eq!(misplaced.action, None);
    assert!(misplaced
        .blocked
        .as_deref()
        .unwrap_or("")
        .contains("begeleider"));
    let refused = app
        .import_opened(misplaced.id, "")
        .expect_err("student installation");
    assert_eq!(refused.code, "app.request_needs_mentor");
    assert_eq!(
        app.opened_files().len(),
        4,
        "a refusal leaves the file waiting"
    );

    // A file that is not ours says so by name; one named as ours that does not parse says why.
    let other = waiting(&app, "foto.jpg");
    assert_eq!(other.kind, OpenedKind::Unknown);
    assert!(other
        .blocked
        .as_deref()
        .unwrap_or("")
        .contains("\u{201c}foto.jpg\u{201d} is geen bestand van Opnamewijs"));
    assert_eq!(
        app.import_opened(other.id, "").expect_err("junk").code,
        "app.not_our_file"
    );
    let damaged = waiting(&app, "kapot.opnamewijs-bewijs");
    assert_eq!(damaged.kind, OpenedKind::Unknown);
    let why = damaged.blocked.expect("why");
    assert!(why.contains("ontvangstbewijs"), "{why}");
    assert!(!why.contains("geen bestand van Opnamewijs"), "{why}");

    // Importing reads and checks it; the fingerprint comparison still follows.
    let read = app.import_opened(offer.id, "").expect("read in");
    let OpenedImport::Receipt { preview } = read.value else {
        panic!("a receipt answers with its preview");
    };
    assert!(
        preview.needs_comparison,
        "a mentor's first receipt is compared"
    );
    assert_eq!(
        app.import_opened(offer.id, "").expect_err("gone").code,
        "app.opened_gone"
    );
    let view = app
        .act(|ws| {
            ws.accept_feedback_receipt(AcceptReceipt {
                fingerprint: preview.fingerprint.clone(),
                compared: true,
            })
        })
        .expect("accepted");
    let feedback = view.value.feedback.expect("feedback confirmed");
    assert!(feedback.by.contains("Ayşe Yılmaz"), "{}", feedback.by);
    app.dismiss_opened(misplaced.id);
    assert_eq!(app.opened_files().len(), 2);
}

#[test]
fn a_request_opened_on_the_mentors_laptop_goes_onto_the_desk() {
    let (_student, _, request, _) = exchanged();
    let mut laptop = Env::at(nl(2026, 11, 27, 9, 0));
    named(&mut laptop, "Ayşe Yılmaz", Mode::Mentor);
    let app = app_of(&mut laptop);
    app.file_opened(request.clone());
    let offer = waiting(&app, "Rekenles 3B.opnamewijs-verzoek");
    assert_eq!(offer.action.as_deref(), Some("Op mijn bureau zetten"));
    let imported = app.import_opened(offer.id, "").expect("imported");
    let OpenedImport::Request { desk } = imported.value else {
        panic!("a request answers with the desk");
    };
    assert_eq!(desk.requests.len(), 1);
    assert!(app.opened_files().is_empty());

    // A receipt does nothing on a mentor's installation.
    let (_s, _m, _, receipt) = exchanged();
    app.file_opened(receipt);
    let offer = waiting(&app, "Rekenles 3B.opnamewijs-bewijs");
    assert_eq!(offer.action, None);
    assert_eq!(
        app.import_opened(offer.id, "").expect_err("mentor").code,
        "app.receipt_needs_student"
    );
}

#[test]
fn an_opened_backup_is_restored_only_into_an_empty_installation() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    env.create("hu-stage-opnamen", "2026-11-24");
    let head = env.ws.status().expect("status").journal.head_hash;
    let backup = env.files.path().join("Opnamewijs.owbackup");
    env.ws
        .export_backup(&backup, "wachtwoord voor backup")
        .expect("backup");

    // The installation it came from holds data: the offer says what would be lost.
    let full = app_of(&mut env);
    full.file_opened(backup.clone());
    let offer = waiting(&full, "Opnamewijs.owbackup");
    assert_eq!(offer.kind, OpenedKind::Backup);
    assert!(offer.needs_passphrase);
    assert_eq!(offer.action, None);
    assert!(offer.blocked.as_deref().unwrap_or("").contains("1 opname"));
    assert_eq!(
        full.import_opened(offer.id, "wachtwoord voor backup")
            .expect_err("not empty")
            .code,
        "app.not_empty"
    );

    let laptop = tempfile::tempdir().expect("new laptop");
    let keys = Arc::new(opnamewijs::vault::MemoryKeyStore::new());
    let fresh = App::open(laptop.path(), env.clock.clone(), keys);
    fresh.file_opened(backup);
    let offer = waiting(&fresh, "Opnamewijs.owbackup");
    assert_eq!(offer.action.as_deref(), Some("Reservekopie terugzetten"));
    assert_eq!(
        fresh
            .import_opened(offer.id, "verkeerd wachtwoord")
            .expect_err("wrong")
            .code,
        "vault.wrong_passphrase"
    );
    let restored = fresh
        .import_opened(offer.id, "wachtwoord voor backup")
        .expect("restored");
    let OpenedImport::Backup { status } = restored.value else {
        panic!("a backup answers with the status");
    };
    assert_eq!(status.journal.head_hash, head);
}

#[test]
fn the_files_on_a_command_line_are_its_arguments_that_are_not_options() {
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    let cwd = Path::new("/home/ayse");
    assert_eq!(
        opened_args(
            args(&[
                "--data-dir",
                "/data",
                "Les 3.opnamewijs-verzoek",
                "--automation",
                "/tmp/b.opnamewijs-bewijs"
            ]),
            Some(cwd)
        ),
        vec![
            PathBuf::from("/home/ayse/Les 3.opnamewijs-verzoek"),
            PathBuf::from("/tmp/b.opnamewijs-bewijs")
        ]
    );
    assert!(opened_args(args(&["--data-dir=/data"]), Some(cwd)).is_empty());
}
