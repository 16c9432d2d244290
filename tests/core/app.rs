//! Whole-installation operations: backups out and in, and erasing everything.

use crate::support::*;
use opnamewijs::clock::FixedClock;
use opnamewijs::vault::{MemoryKeyStore, Vault};
use opnamewijs::App;
use std::sync::Arc;

#[test]
fn a_backup_moves_everything_to_a_new_installation() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let id = env.create("hu-stage-opnamen", "2026-11-24").id;
    env.tick(&id, "vooraf.live");
    let original_head = env.ws.status().expect("status").journal.head_hash;
    let out = tempfile::tempdir().expect("temp dir");
    let path = out.path().join("opnamewijs.owbackup");

    let err = opnamewijs::ErrorPayload::from(
        env.ws
            .export_backup(
                std::path::Path::new("relatief.owbackup"),
                "wachtwoord voor backup",
            )
            .expect_err("relative"),
    );
    assert_eq!(err.code, "file.not_absolute");
    let report = env
        .ws
        .export_backup(&path, "wachtwoord voor backup")
        .expect("export");
    assert_eq!(
        (report.entries, report.head_hash.as_str()),
        (2, original_head.as_str())
    );
    let again = opnamewijs::ErrorPayload::from(
        env.ws
            .export_backup(&path, "wachtwoord voor backup")
            .expect_err("exists"),
    );
    assert_eq!(again.code, "file.exists", "{}", again.message);

    let laptop = tempfile::tempdir().expect("new laptop");
    let keys = Arc::new(MemoryKeyStore::new());
    let app = App::open(
        laptop.path(),
        Arc::new(FixedClock::new(nl(2026, 12, 1, 9, 0))),
        keys.clone(),
    );
    assert_eq!(
        app.import_backup(&path, "verkeerd wachtwoord")
            .expect_err("wrong")
            .code,
        "vault.wrong_passphrase"
    );
    let status = app
        .import_backup(&path, "wachtwoord voor backup")
        .expect("import");
    assert_eq!(
        status.journal.head_hash, original_head,
        "same journal, same head hash"
    );
    let list = app.with(|ws| ws.list()).expect("list");
    assert_eq!(
        list.iter().map(|r| r.title.as_str()).collect::<Vec<_>>(),
        ["Rekenles 3B"]
    );
    assert_eq!(
        app.import_backup(&path, "wachtwoord voor backup")
            .expect_err("not empty")
            .code,
        "app.not_empty"
    );
    let left: Vec<_> = std::fs::read_dir(laptop.path())
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.file_name())
        .collect();
    assert!(
        left.iter()
            .all(|n| !n.to_string_lossy().starts_with(".herstel-")),
        "no trial restore left: {left:?}"
    );
}

#[test]
fn erase_all_leaves_nothing_behind() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let id = env.create("hu-stage-opnamen", "2026-11-24").id;
    env.tick(&id, "vooraf.live");
    let dir = env.dir.path().to_owned();
    let keys = env.keys.clone();
    drop(env.ws);
    let app = App::open(&dir, env.clock.clone(), keys.clone());
    assert_eq!(keys.accounts().len(), 1, "one key in the keyring");
    let report = app.erase_all().expect("erase");
    assert!(report.verified_empty);
    assert!(!Vault::exists(&dir), "no vault files");
    assert!(keys.accounts().is_empty(), "the keyring entry is gone");
    assert!(Vault::leftovers(&dir, keys.as_ref()).is_empty());
    let err = app.with(|ws| ws.list()).expect_err("erased");
    assert_eq!(err.code, "app.erased");
    assert!(
        err.message.starts_with("Al je gegevens zijn gewist."),
        "{}",
        err.message
    );
}

#[test]
fn a_backup_never_replaces_a_damaged_or_locked_vault() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let id = env.create("hu-stage-opnamen", "2026-11-24").id;
    env.tick(&id, "vooraf.live");
    let out = tempfile::tempdir().expect("temp dir");
    let path = out.path().join("b.owbackup");
    env.ws
        .export_backup(&path, "wachtwoord voor backup")
        .expect("export");
    let journal = env.dir.path().join(opnamewijs::vault::JOURNAL_FILE);
    let mut bytes = std::fs::read(&journal).expect("journal");
    let at = bytes.len() - 30;
    bytes[at] ^= 0x01;
    std::fs::write(&journal, &bytes).expect("tamper");
    drop(env.ws);
    let app = App::open(env.dir.path(), env.clock.clone(), env.keys.clone());
    let err = app
        .import_backup(&path, "wachtwoord voor backup")
        .expect_err("damaged vault stays");
    assert_eq!(err.code, "vault.tampered");
    assert_eq!(
        std::fs::read(&journal).expect("journal"),
        bytes,
        "the damaged journal is untouched"
    );
}

#[test]
fn due_and_overdue_deadlines_are_notified_once_each() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = Arc::new(FixedClock::new(nl(2026, 11, 24, 9, 0)));
    let app = App::open(dir.path(), clock.clone(), Arc::new(MemoryKeyStore::new()));
    assert!(app.new_reminders().is_empty(), "nothing planned yet");
    clock.set(nl(2026, 11, 24, 11, 0));
    app.with(|ws| {
        ws.create(opnamewijs::workspace::NewRecording {
            title: "Rekenles 3B".into(),
            planned_for: "2026-11-25".into(),
            pack: "hu-stage-opnamen".into(),
        })
    })
    .expect("created");
    let first = app.new_reminders();
    let titles: Vec<_> = first.iter().map(|r| r.title.as_str()).collect();
    assert!(
        titles.contains(&"Vandaag: Apparatuur uitproberen"),
        "{titles:?}"
    );
    assert!(
        first.iter().all(|r| r.body.starts_with("Rekenles 3B · ")),
        "{first:?}"
    );
    assert!(app.new_reminders().is_empty(), "shown once");
    clock.set(nl(2026, 11, 25, 8, 0));
    let later = app.new_reminders();
    assert!(
        later
            .iter()
            .any(|r| r.title == "Te laat: Apparatuur uitproberen"),
        "turning overdue is news: {later:?}"
    );
}

#[test]
fn calls_made_while_the_journal_opens_in_the_background_wait_for_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let keys = Arc::new(MemoryKeyStore::new());
    let clock = Arc::new(FixedClock::new(nl(2026, 11, 23, 10, 0)));
    // A first run leaves a vault with one recording.
    App::open(dir.path(), clock.clone(), keys.clone())
        .with(|ws| {
            ws.create(opnamewijs::workspace::NewRecording {
                title: "Les 1".into(),
                planned_for: "2026-11-24".into(),
                pack: "hu-stage-opnamen".into(),
            })
        })
        .expect("create");

    let app = App::opening(dir.path(), clock, keys);
    std::thread::scope(|scope| {
        let early = scope.spawn(|| app.with(|ws| ws.list()).expect("list").len());
        // The caller above is blocked until the workspace is there.
        std::thread::sleep(std::time::Duration::from_millis(50));
        assert!(!early.is_finished(), "a call before the open waits for it");
        let opener = scope.spawn(|| app.finish_open());
        app.finish_open(); // a second open at the same time changes nothing
        opener.join().expect("opener");
        assert_eq!(early.join().expect("early call"), 1);
    });
    assert_eq!(app.with(|ws| ws.list()).expect("list").len(), 1);
}

/// A change answers with the rows of the dashboard it touched, at their new place, so a large
/// dashboard is not sent again; a change of the profile (its language relabels every row) and an
/// unlock answer with the whole list.
#[test]
fn a_change_answers_with_the_rows_it_touched_at_their_place() {
    use opnamewijs::app::ListChange;
    use opnamewijs::workspace::{NewRecording, SetItem};
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = Arc::new(FixedClock::new(nl(2026, 11, 23, 10, 0)));
    let app = App::open(dir.path(), clock, Arc::new(MemoryKeyStore::new()));
    let plan = |title: &str, day: &str| {
        app.act(|ws| {
            ws.create(NewRecording {
                title: title.into(),
                planned_for: day.into(),
                pack: "hu-stage-opnamen".into(),
            })
        })
        .expect("create")
    };
    let first = plan("Aardrijkskunde 1A", "2026-12-01");
    let second = plan("Biologie 2B", "2026-11-24");
    let ListChange::Rows { rows } = &second.list else {
        panic!("one new row, not the whole list: {:?}", second.list);
    };
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0].summary.id, second.value.id);
    let listed = app.with(|ws| ws.list()).expect("list");
    assert_eq!(
        listed[rows[0].index as usize].id, second.value.id,
        "its place in the list"
    );
    assert_eq!(second.status.journal.entries, 2);

    let ticked = app
        .act(|ws| {
            ws.set_item(SetItem {
                recording: first.value.id.clone(),
                item: "vooraf.live".into(),
                done: true,
                note: None,
            })
        })
        .expect("tick");
    let ListChange::Rows { rows } = &ticked.list else {
        panic!("only the ticked row: {:?}", ticked.list);
    };
    assert_eq!(
        rows.iter()
            .map(|r| r.summary.id.as_str())
            .collect::<Vec<_>>(),
        [first.value.id.as_str()]
    );
    assert_eq!(rows[0].summary.items_done, 1);

    let relabelled = app
        .act(|ws| {
            let mut profile = ws.status()?.profile;
            profile.lang = opnamewijs::text::Lang::En;
            ws.set_profile(profile)
        })
        .expect("profile");
    let ListChange::All { recordings } = &relabelled.list else {
        panic!(
            "the whole list after a language change: {:?}",
            relabelled.list
        );
    };
    assert_eq!(recordings.len(), 2);
}

#[test]
fn only_a_test_build_takes_a_file_location_from_the_page() {
    use opnamewijs::app::{page_path, AppError, PATHS_FROM_PAGE};
    let path = std::path::PathBuf::from("/home/łukasz/.ssh/id_ed25519");
    assert_eq!(page_path(path.clone(), true), Ok(path.clone()));
    assert_eq!(page_path(path, false), Err(AppError::PathFromPage));
    // The shipped app builds the core without the test seams (checked by the xtask test
    // `the_release_build_leaves_the_test_seams_out`), so there it refuses; these tests run with them.
    assert_eq!(PATHS_FROM_PAGE, cfg!(feature = "test-seams"));
}
