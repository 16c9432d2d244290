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

/// A backup made on `env`'s installation (one recording, ticked), and its passphrase.
fn backup_of(env: &mut Env, dir: &std::path::Path) -> (std::path::PathBuf, &'static str) {
    let id = env.create("hu-stage-opnamen", "2026-11-24").id;
    env.tick(&id, "vooraf.live");
    let path = dir.join("opnamewijs.owbackup");
    let pass = "wachtwoord voor backup";
    env.ws.export_backup(&path, pass).expect("export");
    (path, pass)
}

fn profile(name: &str, lang: opnamewijs::text::Lang) -> opnamewijs::profile::Profile {
    opnamewijs::profile::Profile {
        name: name.into(),
        lang,
        mode: opnamewijs::profile::Mode::Student,
    }
}

/// A restore replaces only an empty installation. Anything of the user's (their name, the
/// assessment, recordings, a mentor's desk) is named in the refusal, in their language, and stays;
/// the language they read the app in is a setting, not data, and does not stand in the way.
#[test]
fn a_restore_refuses_an_installation_with_data_and_names_what_would_be_lost() {
    use opnamewijs::text::Lang;
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let out = tempfile::tempdir().expect("temp dir");
    let (backup, pass) = backup_of(&mut env, out.path());
    let clock = Arc::new(FixedClock::new(nl(2026, 12, 1, 9, 0)));

    let laptop = tempfile::tempdir().expect("laptop");
    let app = App::open(
        laptop.path(),
        clock.clone(),
        Arc::new(MemoryKeyStore::new()),
    );
    app.act(|ws| ws.set_profile(profile("Ayşe Yılmaz", Lang::Nl)))
        .expect("name");
    app.act(|ws| ws.check_portfolio(true)).expect("portfolio");
    let err = app.import_backup(&backup, pass).expect_err("not empty");
    assert_eq!(err.code, "app.not_empty");
    assert_eq!(
        err.message,
        "Er staan al gegevens in Opnamewijs die je bij het terugzetten kwijt zou raken: wat je \
         voor het eindassessment hebt vastgelegd en je naam (Ayşe Yılmaz). Een reservekopie zet \
         je alleen terug in een lege installatie; maak eerst een reservekopie van deze gegevens \
         en wis ze daarna, als je dat echt wilt."
    );
    app.act(|ws| ws.set_profile(profile("Ayşe Yılmaz", Lang::En)))
        .expect("English");
    let err = app.import_backup(&backup, pass).expect_err("not empty");
    assert!(
        err.message.starts_with(
            "Opnamewijs already holds data you would lose by restoring: what you recorded for \
             the final assessment and your name (Ayşe Yılmaz)."
        ),
        "{}",
        err.message
    );
    let kept = app.with(|ws| ws.status()).expect("status");
    assert_eq!(kept.profile.name, "Ayşe Yılmaz", "nothing was replaced");

    // Only the language changed: still empty.
    let fresh = tempfile::tempdir().expect("another laptop");
    let app = App::open(fresh.path(), clock, Arc::new(MemoryKeyStore::new()));
    app.act(|ws| ws.set_profile(profile("Student", Lang::En)))
        .expect("English");
    let status = app.import_backup(&backup, pass).expect("restored");
    assert_eq!(status.profile.name, "Student");
    assert_eq!(app.with(|ws| ws.list()).expect("list").len(), 1);
}

/// Every part of what a restore would replace has words in both languages.
#[test]
fn what_a_restore_would_replace_is_worded_in_full() {
    use opnamewijs::app::AppError;
    use opnamewijs::error::Localized;
    use opnamewijs::workspace::Contents;
    let err = AppError::NotEmpty {
        holds: Contents {
            recordings: 3,
            desk_requests: 1,
            signing_key: true,
            assessment: true,
            name: Some("Łukasz Şahin-Nguyễn".into()),
            mentor: true,
        },
    };
    assert!(err.to_string().contains(
        ": 3 opnamen, 1 feedbackverzoek op je bureau, je ondertekeningssleutel als begeleider, \
         wat je voor het eindassessment hebt vastgelegd, je naam (Łukasz Şahin-Nguyễn) en de \
         instelling voor een begeleider."
    ));
    assert!(err.english().contains(
        ": 3 recordings, 1 feedback request on your desk, your signing key as a mentor, what you \
         recorded for the final assessment, your name (Łukasz Şahin-Nguyễn) and the setting for \
         a mentor."
    ));
    assert!(Contents::default().is_empty());
}

/// Without a keyring a backup is restored too: on a new laptop before any vault exists, or into
/// an empty installation unlocked with a passphrase. The backup's passphrase then protects the
/// restored data, and is the one to unlock with from then on.
#[test]
fn without_a_keyring_a_backup_is_restored_under_its_own_passphrase() {
    use opnamewijs::vault::KeyStoreError;
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let out = tempfile::tempdir().expect("temp dir");
    let (backup, pass) = backup_of(&mut env, out.path());
    let head = env.ws.status().expect("status").journal.head_hash;
    let clock = Arc::new(FixedClock::new(nl(2026, 12, 1, 9, 0)));
    let no_keyring = || {
        let keys = Arc::new(MemoryKeyStore::new());
        keys.fail_with(KeyStoreError::Unavailable("geen D-Bus-sessie".into()));
        keys
    };

    // A new laptop: nothing yet, no keyring.
    let laptop = tempfile::tempdir().expect("laptop");
    let app = App::open(laptop.path(), clock.clone(), no_keyring());
    assert_eq!(
        app.with(|ws| ws.list()).expect_err("locked").code,
        "vault.keyring_unavailable"
    );
    let status = app.import_backup(&backup, pass).expect("restored");
    assert_eq!(status.journal.head_hash, head);
    drop(app);
    let app = App::open(laptop.path(), clock.clone(), no_keyring());
    assert_eq!(
        app.with(|ws| ws.list()).expect_err("locked").code,
        "vault.needs_passphrase"
    );
    app.unlock(pass).expect("the backup's passphrase opens it");
    assert_eq!(app.with(|ws| ws.list()).expect("list").len(), 1);

    // An empty installation protected by another passphrase makes way the same way.
    let other = tempfile::tempdir().expect("other laptop");
    let app = App::open(other.path(), clock.clone(), no_keyring());
    app.unlock("paarse fiets onder de brug").expect("new vault");
    app.import_backup(&backup, pass).expect("restored");
    assert_eq!(app.with(|ws| ws.list()).expect("list").len(), 1);
    drop(app);
    let app = App::open(other.path(), clock, no_keyring());
    assert_eq!(
        app.unlock("paarse fiets onder de brug")
            .expect_err("the old passphrase no longer")
            .code,
        "vault.wrong_passphrase"
    );
    app.unlock(pass).expect("the backup's passphrase");
    assert_eq!(app.with(|ws| ws.list()).expect("list").len(), 1);
}
