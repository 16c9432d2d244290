//! No silent replacement of history: the unprotected plain file of an earlier version is imported
//! only when no vault was here and the user says yes, and a journal put back from an older copy
//! (with its head) is seen by the rollback anchor kept outside the data directory.

use crate::support::*;
use opnamewijs::app::{AppDirs, Layout};
use opnamewijs::clock::FixedClock;
use opnamewijs::store::{Opening, Store, StoreError, STATE_FILE};
use opnamewijs::text::Lang;
use opnamewijs::vault::{
    Anchors, KeyStore, KeyStoreError, MemoryKeyStore, Unlock, Vault, ANCHOR_EVERY,
};
use opnamewijs::workspace::{NewRecording, SetItem, Workspace};
use opnamewijs::{App, ErrorPayload};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

const STUDENT: &str = "Łukasz Şahin-Nguyễn";

fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new(nl(2026, 11, 23, 10, 0)))
}

/// Every file in `dir` with its bytes (the lock file, which holds nothing, left out).
fn files_in(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .expect("list")
        .flatten()
        .filter(|e| e.file_name() != "opnamewijs.lock")
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// Copies the vault's files from `from` to `to` (replacing what is there).
fn copy_vault(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("folder");
    for name in files_in(to).keys() {
        std::fs::remove_file(to.join(name)).expect("remove");
    }
    for (name, bytes) in files_in(from) {
        std::fs::write(to.join(name), bytes).expect("copy");
    }
}

fn plan(app: &App, title: &str) -> String {
    app.act(|ws| {
        ws.create(NewRecording {
            title: title.into(),
            planned_for: "2026-11-24".into(),
            pack: "hu-stage-opnamen".into(),
        })
    })
    .expect("create")
    .value
    .id
}

fn tick(app: &App, id: &str, item: &str, done: bool) {
    app.act(|ws| {
        ws.set_item(SetItem {
            recording: id.to_owned(),
            item: item.to_owned(),
            done,
            note: None,
        })
    })
    .expect("tick");
}

fn entries(app: &App) -> u64 {
    app.with(|ws| ws.status()).expect("status").journal.entries
}

fn head(app: &App) -> String {
    app.with(|ws| ws.status())
        .expect("status")
        .journal
        .head_hash
}

/// A plain state file of the first version with one recording of `STUDENT`.
fn legacy_file(dir: &Path) -> (PathBuf, String) {
    let mut env = Env::at(nl(2026, 11, 20, 9, 0));
    let id = env.create("hu-stage-opnamen", "2026-11-24").id;
    env.tick(&id, "vooraf.lwo");
    let recording = env.ws.recording(&id).expect("recording").clone();
    let legacy = serde_json::json!({
        "format": 1,
        "profile": { "name": STUDENT, "lang": "nl" },
        "recordings": [recording],
    });
    std::fs::create_dir_all(dir).expect("folder");
    let path = dir.join(STATE_FILE);
    std::fs::write(&path, legacy.to_string()).expect("write");
    (path, id)
}

#[test]
fn the_old_file_is_imported_only_after_the_users_yes_and_is_marked_on_the_dossier() {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("data");
    let (legacy, id) = legacy_file(&dir);
    let before = files_in(&dir);
    let keys = Arc::new(MemoryKeyStore::new());

    // Asked first; nothing is written while the question stands.
    let app = App::open(&dir, clock(), keys.clone());
    let err = app.with(|ws| ws.list()).expect_err("waits for the user");
    assert_eq!(err.code, "store.legacy_found");
    assert!(
        err.message
            .starts_with("Er staat een oud, onbeveiligd bestand van een eerdere versie"),
        "{}",
        err.message
    );
    assert!(
        err.message.contains("(1 opnamen). Importeren?"),
        "{}",
        err.message
    );
    assert!(
        !Vault::exists(&dir),
        "no vault made before the user decided"
    );
    assert_eq!(files_in(&dir), before, "the old file is left as it was");
    assert!(keys.accounts().is_empty(), "nothing in the keyring either");
    drop(app);

    // "Not now" closes the app; the next start asks again, still having written nothing.
    let app = App::open(&dir, clock(), keys.clone());
    assert_eq!(
        app.with(|ws| ws.list()).expect_err("asks").code,
        "store.legacy_found"
    );
    assert_eq!(files_in(&dir), before);

    // Yes: imported, marked, journalled, and the plain file is gone.
    let status = app.import_legacy().expect("import");
    assert_eq!(status.profile.name, STUDENT);
    assert_eq!(status.journal.entries, 2, "the profile and one recording");
    let imported = app
        .with(|ws| Ok(ws.recording(&id)?.imported_unprotected))
        .expect("recording");
    assert_eq!(imported, Some(nl(2026, 11, 23, 10, 0)));
    assert!(
        !legacy.exists(),
        "the plain file is removed after the import"
    );

    let pdf = root.path().join("dossier.pdf");
    app.with(|ws| ws.export_dossier(&pdf)).expect("dossier");
    let text = crate::dossier::poppler("pdftotext", &[], &pdf).replace('\n', " ");
    assert!(
        text.contains("geïmporteerd uit een onbeveiligd bestand op"),
        "{text}"
    );
    assert!(text.contains(STUDENT), "{text}");
    drop(app);

    // The mark is in the journal: it is there after a restart.
    let app = App::open(&dir, clock(), keys.clone());
    let again = app
        .with(|ws| Ok(ws.recording(&id)?.imported_unprotected))
        .expect("recording");
    assert_eq!(again, imported);
}

#[test]
fn the_question_about_the_old_file_is_asked_in_english_too() {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("data");
    legacy_file(&dir);
    let app = App::opening(&dir, clock(), Arc::new(MemoryKeyStore::new()));
    app.set_system_language(Lang::En);
    app.finish_open();
    let err = app.with(|ws| ws.list()).expect_err("asks");
    assert!(
        err.message
            .starts_with("There is an old, unprotected file of an earlier version"),
        "{}",
        err.message
    );
}

#[test]
fn the_old_file_is_not_imported_while_the_keyring_knows_a_vault_was_here() {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("data");
    let keys = Arc::new(MemoryKeyStore::new());
    let app = App::open(&dir, clock(), keys.clone());
    let id = plan(&app, "Rekenles 5A");
    tick(&app, &id, "vooraf.lwo", true);
    let was = (entries(&app), head(&app));
    drop(app);

    // The vault's files removed and an old plain file put in their place.
    for name in files_in(&dir).keys() {
        std::fs::remove_file(dir.join(name)).expect("remove");
    }
    let (legacy, _) = legacy_file(&dir);
    let before = files_in(&dir);

    let app = App::open(&dir, clock(), keys.clone());
    let err = app.with(|ws| ws.list()).expect_err("refused");
    assert_eq!(err.code, "store.missing");
    let short = &was.1[..12];
    assert!(
        err.message
            .contains(&format!("item {} (kop {short})", was.0)),
        "{}",
        err.message
    );
    assert!(
        err.message.contains("wordt niet geïmporteerd"),
        "{}",
        err.message
    );
    // Even a yes to the import does not import it.
    assert_eq!(
        app.import_legacy().expect_err("still refused").code,
        "store.missing"
    );
    assert_eq!(
        files_in(&dir),
        before,
        "nothing written, the old file untouched"
    );
    assert!(!Vault::exists(&dir));

    // The same at the core's own door, with the keyring's entry the only trace of the vault.
    let opening = Opening {
        anchors: Anchors {
            keyring: Some(keys.clone()),
            folder: None,
        },
        import_legacy: true,
        accept_older: false,
    };
    match Store::open_with(
        &dir,
        Unlock::Keyring(keys.as_ref()),
        nl(2026, 11, 23, 10, 0),
        &opening,
    ) {
        Err(StoreError::Missing { anchor, legacy }) => {
            assert_eq!(anchor.seq, was.0);
            assert!(legacy);
        }
        other => panic!("expected store.missing, got {other:?}"),
    }
    assert_eq!(files_in(&dir), before);

    // Going on without the old data: a new, empty journal whose first entry says so.
    let status = app.accept_older_journal().expect("go on");
    assert_eq!(status.journal.entries, 1, "the reset, journalled");
    assert!(app.with(|ws| ws.list()).expect("list").is_empty());
    assert!(
        legacy.exists(),
        "the old file is left where it was, not imported"
    );
}

#[test]
fn a_journal_put_back_with_its_head_is_seen_with_both_positions_and_nothing_is_written() {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("data");
    let copy = root.path().join("copy");
    let keys = Arc::new(MemoryKeyStore::new());
    let app = App::open(&dir, clock(), keys.clone());
    app.with(|ws| {
        let mut profile = ws.state().profile.clone();
        profile.name = STUDENT.into();
        ws.set_profile(profile)
    })
    .expect("name");
    let id = plan(&app, "Gymles 1C");
    tick(&app, &id, "vooraf.lwo", true);
    let old = (entries(&app), head(&app));
    drop(app);
    copy_vault(&dir, &copy);

    let app = App::open(&dir, clock(), keys.clone());
    for n in 0..5 {
        tick(&app, &id, "vooraf.schoolbeleid", n % 2 == 0);
    }
    let new = (entries(&app), head(&app));
    drop(app);
    let anchor_before = keys.accounts();

    // The older journal and head put back together, as a file-history restore would.
    copy_vault(&copy, &dir);
    let before = files_in(&dir);
    let app = App::open(&dir, clock(), keys.clone());
    let err = app.with(|ws| ws.list()).expect_err("warned");
    assert_eq!(err.code, "store.behind");
    assert!(
        err.message.contains(&format!(
            "Nu: item {} (kop {}). Het laatst gezien: item {} (kop {}).",
            old.0,
            &old.1[..12],
            new.0,
            &new.1[..12]
        )),
        "{}",
        err.message
    );
    assert!(
        err.message.contains("Er is niets geschreven."),
        "{}",
        err.message
    );
    // Nothing is written, also by calls made while the warning stands.
    let refused = app.act(|ws| {
        ws.create(NewRecording {
            title: "Taalles".into(),
            planned_for: "2026-11-24".into(),
            pack: "hu-stage-opnamen".into(),
        })
    });
    assert_eq!(refused.expect_err("refused").code, "store.behind");
    drop(app);
    assert_eq!(files_in(&dir), before, "no file in the data folder changed");
    assert_eq!(keys.accounts(), anchor_before);
    let anchor_account = anchor_before
        .iter()
        .find(|a| a.starts_with("anchor-"))
        .expect("anchor");
    let anchor_bytes = |keys: &MemoryKeyStore| {
        keys.get(anchor_account)
            .expect("keyring")
            .expect("anchor")
            .expose()
            .to_vec()
    };
    let kept = anchor_bytes(&keys);

    // In English, with the same positions.
    let app = App::opening(&dir, clock(), keys.clone());
    app.set_system_language(Lang::En);
    app.finish_open();
    let err = app.with(|ws| ws.list()).expect_err("warned");
    assert!(
        err.message.contains(&format!(
            "Now: entry {} (head {}). Last seen: entry {} (head {}).",
            old.0,
            &old.1[..12],
            new.0,
            &new.1[..12]
        )),
        "{}",
        err.message
    );
    assert_eq!(
        anchor_bytes(&keys),
        kept,
        "the anchor is not moved back either"
    );

    // Going on with the older journal: journalled, and the anchor is set to it.
    let status = app.accept_older_journal().expect("go on");
    assert_eq!(
        status.journal.entries,
        old.0 + 1,
        "one entry records the choice"
    );
    assert_ne!(anchor_bytes(&keys), kept, "the anchor was reset");
    tick(&app, &id, "vooraf.schoolbeleid", true);
    drop(app);
    let app = App::open(&dir, clock(), keys.clone());
    assert_eq!(entries(&app), old.0 + 2, "opens without a warning now");
}

#[test]
fn an_older_copy_grown_to_the_same_length_is_seen_by_its_head_hash() {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("data");
    let copy = root.path().join("copy");
    let keys = Arc::new(MemoryKeyStore::new());
    let app = App::open(&dir, clock(), keys.clone());
    let id = plan(&app, "Muziekles 2B");
    drop(app);
    copy_vault(&dir, &copy);
    let app = App::open(&dir, clock(), keys.clone());
    tick(&app, &id, "vooraf.lwo", true);
    tick(&app, &id, "vooraf.schoolbeleid", true);
    let new = (entries(&app), head(&app));
    drop(app);

    // The copy put back and grown by as many other entries outside the app's anchor.
    copy_vault(&copy, &dir);
    let mut ws = Workspace::open(&dir, clock(), Unlock::Keyring(keys.as_ref())).expect("open");
    for item in ["vooraf.schoolbeleid", "vooraf.lwo"] {
        ws.set_item(SetItem {
            recording: id.clone(),
            item: item.into(),
            done: true,
            note: None,
        })
        .expect("tick");
    }
    let grown = ws.status().expect("status").journal.entries;
    assert_eq!(grown, new.0, "as long as the newer journal");
    drop(ws);

    let app = App::open(&dir, clock(), keys.clone());
    let err = app.with(|ws| ws.list()).expect_err("warned");
    assert_eq!(err.code, "store.behind");
    assert!(
        err.message.contains(&format!(
            "Het laatst gezien: item {} (kop {})",
            new.0,
            &new.1[..12]
        )),
        "{}",
        err.message
    );
}

#[test]
fn a_healthy_vault_opens_whatever_the_anchor_lags_or_the_keyring_does() {
    let root = tempfile::tempdir().expect("temp dir");
    let dir = root.path().join("data");
    let keys = Arc::new(MemoryKeyStore::new());
    let app = App::open(&dir, clock(), keys.clone());
    let id = plan(&app, "Aardrijkskunde 3C");
    drop(app);
    // Appends the anchor does not follow (a run killed before it closed): the journal is ahead.
    let mut ws = Workspace::open(&dir, clock(), Unlock::Keyring(keys.as_ref())).expect("open");
    for n in 0..ANCHOR_EVERY + 2 {
        ws.set_item(SetItem {
            recording: id.clone(),
            item: "vooraf.lwo".into(),
            done: n % 2 == 0,
            note: None,
        })
        .expect("tick");
    }
    drop(ws);
    let app = App::open(&dir, clock(), keys.clone());
    assert_eq!(entries(&app), ANCHOR_EVERY + 3);
    drop(app);

    // The anchor removed from the keyring: nothing to compare, the vault opens.
    for account in keys.accounts().iter().filter(|a| a.starts_with("anchor-")) {
        keys.delete(account).expect("delete");
    }
    let app = App::open(&dir, clock(), keys.clone());
    assert_eq!(entries(&app), ANCHOR_EVERY + 3);
    drop(app);
    assert!(
        keys.accounts().iter().any(|a| a.starts_with("anchor-")),
        "and the anchor is written anew"
    );
}

#[test]
fn a_passphrase_vault_keeps_its_anchor_in_the_config_folder() {
    let root = tempfile::tempdir().expect("temp dir");
    let app_dir = |xdg: &str| root.path().join(xdg).join("nl.opnamewijs.app");
    let layout = Layout::desktop(
        AppDirs {
            data: app_dir("data"),
            local_data: app_dir("data"),
            config: app_dir("config"),
            cache: app_dir("cache"),
        },
        None,
        ".window-state.json",
    );
    let dir = layout.data_dir.clone();
    let copy = root.path().join("copy");
    let keys = Arc::new(MemoryKeyStore::new());
    keys.fail_with(KeyStoreError::Unavailable("no Secret Service".into()));
    let passphrase = "verkeerde fiets onder de brug";
    let open = || {
        let app = App::opening_in(layout.clone(), clock(), keys.clone());
        app.finish_open();
        app
    };

    let app = open();
    app.unlock(passphrase)
        .expect("a new vault with a passphrase");
    let id = plan(&app, "Biologie 4H");
    let old = entries(&app);
    drop(app);
    copy_vault(&dir, &copy);
    let app = open();
    app.unlock(passphrase).expect("unlock");
    tick(&app, &id, "vooraf.lwo", true);
    let new = entries(&app);
    drop(app);
    let anchors: Vec<_> = std::fs::read_dir(app_dir("config"))
        .expect("config folder")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    assert!(
        anchors.len() == 1 && anchors[0].starts_with("anchor-"),
        "{anchors:?}"
    );
    assert!(!files_in(&dir).keys().any(|n| n.starts_with("anchor")));

    copy_vault(&copy, &dir);
    let before = files_in(&dir);
    let app = open();
    let err = app.unlock(passphrase).expect_err("warned");
    assert_eq!(err.code, "store.behind");
    assert!(
        err.message
            .contains(&format!("Het laatst gezien: item {new}")),
        "{}",
        err.message
    );
    assert_eq!(files_in(&dir), before, "nothing written");
    // The passphrase is not asked again for the decision.
    let status = app.accept_older_journal().expect("go on");
    assert_eq!(status.journal.entries, old + 1, "the choice, journalled");
    drop(app);

    // Erasing removes the anchor with everything else.
    let app = open();
    app.unlock(passphrase).expect("unlock");
    let report = app.erase_all().expect("erase");
    assert!(
        report
            .removed
            .iter()
            .any(|r| r.what.starts_with("Het anker van je dagboek")),
        "{:?}",
        report.removed
    );
    let config = app_dir("config");
    assert!(
        !config.exists() || std::fs::read_dir(&config).expect("list").next().is_none(),
        "nothing left in the config folder"
    );
}

/// The codes of the opens that wait for a decision, as the UI branches on them.
#[test]
fn the_decisions_have_stable_codes() {
    let err = StoreError::LegacyFound {
        path: PathBuf::from("/x/opnamewijs.json"),
        recordings: 3,
    };
    assert_eq!(ErrorPayload::from(err).code, "store.legacy_found");
}
