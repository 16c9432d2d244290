//! Whole-installation operations: backups out and in, and erasing everything.

use crate::support::*;
use opnamewijs::app::{AppDirs, Layout};
use opnamewijs::clock::FixedClock;
use opnamewijs::vault::{MemoryKeyStore, Unlock, Vault};
use opnamewijs::{App, Workspace};
use std::path::{Path, PathBuf};
use std::sync::Arc;

#[test]
fn a_backup_moves_everything_to_a_new_installation() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let id = env.create("hu-stage-opnamen", "2026-11-24").id;
    env.tick(&id, "vooraf.lwo");
    let original_head = env.ws.status().expect("status").journal.head_hash;
    let out = tempfile::tempdir().expect("temp dir");
    let path = out.path().join("opnamewijs.owbackup");

    let err = opnamewijs::ErrorPayload::from(
        env.ws
            .export_backup(Path::new("relatief.owbackup"), "wachtwoord voor backup")
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
    env.tick(&id, "vooraf.lwo");
    let dir = env.dir.path().to_owned();
    let keys = env.keys.clone();
    drop(env.ws);
    let app = App::open(&dir, env.clock.clone(), keys.clone());
    assert_eq!(
        keys.accounts().len(),
        2,
        "the vault's key and its rollback anchor in the keyring"
    );
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

/// The desktop layout under `root`, as on Linux: `data`, `config` and `cache` stand for
/// `$XDG_DATA_HOME`, `$XDG_CONFIG_HOME` and `$XDG_CACHE_HOME`, each with the app's folder in it.
fn desktop_layout(root: &Path) -> Layout {
    let app = |xdg: &str| root.join(xdg).join("nl.opnamewijs.app");
    let dirs = AppDirs {
        data: app("data"),
        local_data: app("data"),
        config: app("config"),
        cache: app("cache"),
    };
    Layout::desktop(dirs, None, ".window-state.json")
}

/// What the web view and the window-state plugin write while the app runs (file names as
/// WebKitGTK and the plugin use them).
fn window_writes(layout: &Layout) {
    let webview = layout.webview_dir.as_ref().expect("a web view folder");
    for file in [
        "hsts-storage.sqlite",
        "localstorage/tauri_localhost_0.localstorage",
    ] {
        let path = webview.join(file);
        std::fs::create_dir_all(path.parent().expect("folder")).expect("folder");
        std::fs::write(path, b"webkit").expect("web view file");
    }
    std::fs::write(layout.window_state.as_ref().expect("state file"), b"{}").expect("state");
}

/// Every file and folder under `root`.
fn everything_under(root: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(root).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(everything_under(&path));
        }
        found.push(path);
    }
    found.sort();
    found
}

#[test]
fn erase_all_removes_the_web_views_data_and_the_window_state_and_says_what_it_removed() {
    let root = tempfile::tempdir().expect("temp dir");
    let layout = desktop_layout(root.path());
    let clock = Arc::new(FixedClock::new(nl(2026, 11, 23, 10, 0)));
    let keys = Arc::new(MemoryKeyStore::new());
    layout.prepare().expect("folders");
    let app = App::opening_in(layout.clone(), clock, keys.clone());
    app.finish_open();
    app.act(|ws| {
        ws.create(opnamewijs::workspace::NewRecording {
            title: "Gymles 1C".into(),
            planned_for: "2026-11-24".into(),
            pack: "hu-stage-opnamen".into(),
        })
    })
    .expect("create");
    window_writes(&layout);
    let webview = layout.webview_dir.clone().expect("web view");
    assert!(
        !webview.starts_with(&layout.data_dir) && !layout.data_dir.starts_with(&webview),
        "the web view has a folder of its own"
    );

    let account = |prefix: &str| {
        let accounts = keys.accounts();
        let found = accounts.iter().find(|a| a.starts_with(prefix));
        format!("memory/{}", found.expect("in the keyring"))
    };
    let (key, anchor) = (account("vault-"), account("anchor-"));
    let report = app.erase_all().expect("erase");
    assert!(report.verified_empty);
    let removed: Vec<(&str, &str)> = report
        .removed
        .iter()
        .map(|r| (r.what.as_str(), r.place.as_str()))
        .collect();
    let data = layout.data_dir.display().to_string();
    let state = layout
        .window_state
        .as_ref()
        .expect("state")
        .display()
        .to_string();
    let webview_place = webview.display().to_string();
    assert_eq!(
        removed[..5],
        [
            (
                "Je gegevens: het versleutelde dagboek en de bestanden die erbij horen (4 bestanden)",
                data.as_str()
            ),
            ("De sleutel van je gegevens in de sleutelbos", key.as_str()),
            (
                "Het anker van je dagboek (de laatste stand, om een teruggezette oudere kopie te zien)",
                anchor.as_str()
            ),
            (
                "Wat het venster van de app bewaarde (cache en opslag van de webweergave)",
                webview_place.as_str()
            ),
            ("De plek en grootte van het venster", state.as_str()),
        ],
        "{removed:#?}"
    );
    let folders: Vec<&str> = removed[5..].iter().map(|(_, place)| *place).collect();
    for dir in &layout.app_dirs {
        assert!(
            folders.contains(&dir.display().to_string().as_str()),
            "{} removed: {removed:#?}",
            dir.display()
        );
    }
    assert!(keys.accounts().is_empty(), "no key in the keyring");
    assert_eq!(
        everything_under(root.path()),
        ["cache", "config", "data"].map(|d| root.path().join(d)),
        "only the XDG folders themselves are left"
    );

    // The window, still open, writes its cache and its state again; they go when the app exits.
    layout.prepare().expect("folders");
    window_writes(&layout);
    assert!(app.at_exit().is_empty());
    assert_eq!(
        everything_under(root.path()),
        ["cache", "config", "data"].map(|d| root.path().join(d))
    );
}

#[test]
fn what_an_earlier_version_left_is_removed_or_made_private_at_start() {
    let root = tempfile::tempdir().expect("temp dir");
    let layout = desktop_layout(root.path());
    let clock = Arc::new(FixedClock::new(nl(2026, 11, 23, 10, 0)));
    let keys = Arc::new(MemoryKeyStore::new());
    let app = App::opening_in(layout.clone(), clock.clone(), keys.clone());
    app.finish_open();
    drop(app);
    // As WebKitGTK left them in the app's local data folder, which on Linux is the vault's.
    let earlier = [
        "hsts-storage.sqlite",
        "WebKitCache/Version 17/salt",
        "storage/salt",
    ];
    for name in earlier {
        let path = layout.data_dir.join(name);
        std::fs::create_dir_all(path.parent().expect("folder")).expect("folder");
        std::fs::write(&path, b"webkit").expect("file");
    }
    std::fs::create_dir_all(layout.data_dir.join("policies")).expect("packs folder");
    layout.prepare().expect("prepare");
    let mut left: Vec<String> = std::fs::read_dir(&layout.data_dir)
        .expect("vault folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    left.sort();
    assert_eq!(
        left,
        [
            "journal.head",
            "journal.log",
            "opnamewijs.lock",
            "policies",
            "vault.key"
        ]
    );
    #[cfg(unix)]
    let lock = layout.data_dir.join(opnamewijs::store::LOCK_FILE);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // As an earlier version made it.
        std::fs::set_permissions(&lock, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    }
    let app = App::opening_in(layout, clock, keys);
    app.finish_open();
    app.with(|ws| ws.list()).expect("the vault opens as before");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&lock).expect("lock").permissions().mode();
        assert_eq!(
            mode & 0o777,
            0o600,
            "the lock file is made private: {mode:o}"
        );
    }
}

#[test]
fn erase_all_reports_what_is_not_the_apps_and_leaves_it() {
    let root = tempfile::tempdir().expect("temp dir");
    let layout = desktop_layout(root.path());
    let clock = Arc::new(FixedClock::new(nl(2026, 11, 23, 10, 0)));
    layout.prepare().expect("folders");
    let app = App::opening_in(layout.clone(), clock, Arc::new(MemoryKeyStore::new()));
    app.finish_open();
    window_writes(&layout);
    let config_dir = layout
        .window_state
        .as_ref()
        .and_then(|f| f.parent())
        .expect("config");
    let notes = config_dir.join("notities.txt");
    std::fs::write(&notes, b"van de gebruiker").expect("notes");
    let err = app.erase_all().expect_err("a file that is not the app's");
    assert_eq!(err.code, "app.erase_incomplete");
    assert!(
        err.message.contains(&notes.display().to_string()),
        "{}",
        err.message
    );
    assert!(notes.exists(), "the user's file stays");
    assert!(!layout.webview_dir.as_ref().expect("web view").exists());
}

#[test]
fn without_an_erase_the_window_state_is_kept_and_made_private() {
    let root = tempfile::tempdir().expect("temp dir");
    let layout = desktop_layout(root.path());
    let clock = Arc::new(FixedClock::new(nl(2026, 11, 23, 10, 0)));
    layout.prepare().expect("folders");
    let app = App::opening_in(layout.clone(), clock, Arc::new(MemoryKeyStore::new()));
    app.finish_open();
    window_writes(&layout);
    assert!(app.at_exit().is_empty());
    let state = layout.window_state.as_ref().expect("state");
    assert!(state.exists(), "the window opens where it was left");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(state)
            .expect("state")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "{mode:o}");
    }
}

/// The data directory is created open to the user only, and every file the app writes, exports
/// included (also one that replaces an earlier, readable export), is readable by the user only.
#[cfg(unix)]
#[test]
fn the_data_directory_and_every_file_the_app_writes_are_private_to_the_user() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |p: &Path| std::fs::metadata(p).expect("metadata").permissions().mode() & 0o777;
    let root = tempfile::tempdir().expect("temp dir");
    let layout = desktop_layout(root.path());
    layout.prepare().expect("folders");
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    drop(std::mem::replace(
        &mut env.ws,
        Workspace::open(
            &layout.data_dir,
            env.clock.clone(),
            Unlock::Keyring(env.keys.as_ref()),
        )
        .expect("open in a new folder"),
    ));
    let id = crate::mentor::recorded_lesson(&mut env, "Aardrijkskunde 2B");
    let out = env.files.path().to_owned();
    let calendar = out.join("termijnen.ics");
    env.ws
        .export_calendar(&calendar)
        .expect("an earlier export");
    std::fs::set_permissions(&calendar, std::fs::Permissions::from_mode(0o644)).expect("chmod");
    env.ws
        .export_calendar(&calendar)
        .expect("calendar, replacing its earlier file");
    env.ws
        .export_backup(
            &out.join("reservekopie.owbackup"),
            "reservekopie wachtwoord",
        )
        .expect("backup");
    env.ws
        .export_dossier(&out.join("dossier.pdf"))
        .expect("dossier");
    let request = out.join("verzoek.opnamewijs-verzoek");
    env.ws
        .export_feedback_request(opnamewijs::workspace::ExportRequest {
            recording: id,
            path: request.display().to_string(),
        })
        .expect("request");

    let config_dir = layout.window_state.as_ref().and_then(|f| f.parent());
    for dir in [
        Some(layout.data_dir.as_path()),
        layout.webview_dir.as_deref(),
        config_dir,
    ] {
        let dir = dir.expect("folder");
        assert_eq!(mode(dir), 0o700, "{}", dir.display());
    }
    let written: Vec<PathBuf> = everything_under(&layout.data_dir)
        .into_iter()
        .chain(everything_under(&out))
        .filter(|p| p.is_file())
        .collect();
    assert!(
        written.len() >= 8,
        "vault, lock and four exports: {written:?}"
    );
    for file in written {
        assert_eq!(mode(&file), 0o600, "{}", file.display());
    }
}

#[test]
fn a_backup_never_replaces_a_damaged_or_locked_vault() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let id = env.create("hu-stage-opnamen", "2026-11-24").id;
    env.tick(&id, "vooraf.lwo");
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
                item: "vooraf.lwo".into(),
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
    let path = PathBuf::from("/home/łukasz/.ssh/id_ed25519");
    assert_eq!(page_path(path.clone(), true), Ok(path.clone()));
    assert_eq!(page_path(path, false), Err(AppError::PathFromPage));
    // The shipped app builds the core without the test seams (checked by the xtask test
    // `the_release_build_leaves_the_test_seams_out`), so there it refuses; these tests run with them.
    assert_eq!(PATHS_FROM_PAGE, cfg!(feature = "test-seams"));
}

/// A backup made on `env`'s installation (one recording, ticked), and its passphrase.
fn backup_of(env: &mut Env, dir: &Path) -> (PathBuf, &'static str) {
    let id = env.create("hu-stage-opnamen", "2026-11-24").id;
    env.tick(&id, "vooraf.lwo");
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
