use crate::support::*;
use opnamewijs::app::data_dir_override;
use opnamewijs::clock::FixedClock;
use opnamewijs::store::{Mode, Profile, STATE_FILE};
use opnamewijs::text::Lang;
use opnamewijs::vault::{KeyStoreError, MemoryKeyStore, Unlock, Vault, JOURNAL_FILE};
use opnamewijs::workspace::{NewRecording, SetItem};
use opnamewijs::{App, ErrorPayload};
use std::path::PathBuf;
use std::sync::Arc;

#[test]
fn ticks_survive_a_restart_with_who_and_when() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let id = env.create("hu-stage-opnamen", "2026-11-24").id;
    env.tick(&id, "vooraf.lwo");
    env.clock.set(nl(2026, 11, 23, 10, 5));
    env.tick(&id, "vooraf.schoolbeleid");
    env.restart();
    let view = env.ws.view(&id).expect("view after restart");
    let ticks: Vec<_> = view.phases[0]
        .items
        .iter()
        .filter_map(|i| {
            i.tick
                .as_ref()
                .map(|t| (i.id.as_str(), t.by.as_str(), t.at.as_str()))
        })
        .collect();
    assert_eq!(
        ticks,
        [
            ("vooraf.schoolbeleid", "Student", "ma 23 nov. 2026 10:05"),
            ("vooraf.lwo", "Student", "ma 23 nov. 2026 10:00")
        ]
    );
    let list = env.ws.list().expect("list");
    assert_eq!((list.len(), list[0].items_done), (1, 2));
}

#[test]
fn unticking_removes_the_tick() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let id = env.create("hu-stage-opnamen", "2026-11-24").id;
    env.tick(&id, "vooraf.lwo");
    let view = env
        .ws
        .set_item(SetItem {
            recording: id.clone(),
            item: "vooraf.lwo".into(),
            done: false,
            note: None,
        })
        .shown(&env.ws)
        .expect("untick");
    assert!(view.phases[0].items[0].tick.is_none());
}

#[test]
fn bad_input_is_refused_with_a_code_and_a_dutch_message() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let new = |title: &str, date: &str, pack: &str| NewRecording {
        title: title.into(),
        planned_for: date.into(),
        pack: pack.into(),
    };
    let cases = [
        (
            new("", "2026-11-24", "hu-stage-opnamen"),
            "recording.invalid_title",
            "Geef de opname een titel van 1 tot 120 tekens.",
        ),
        (
            new(&"x".repeat(121), "2026-11-24", "hu-stage-opnamen"),
            "recording.invalid_title",
            "Geef de opname een titel van 1 tot 120 tekens.",
        ),
        (
            new("Les", "24-11-2026", "hu-stage-opnamen"),
            "recording.invalid_date",
            "\"24-11-2026\" is geen geldige datum; gebruik de vorm 2026-11-23.",
        ),
        (
            new("Les", "2026-02-30", "hu-stage-opnamen"),
            "recording.invalid_date",
            "\"2026-02-30\" is geen geldige datum; gebruik de vorm 2026-11-23.",
        ),
        (
            new("Les", "1999-12-31", "hu-stage-opnamen"),
            "recording.invalid_date",
            "\"1999-12-31\" is geen geldige datum; gebruik de vorm 2026-11-23.",
        ),
        (
            new("Les", "2026-11-24", "onbekend"),
            "policy.unknown",
            "Beleidspakket onbekend versie * is niet beschikbaar",
        ),
    ];
    for (input, code, message) in cases {
        let err = ErrorPayload::from(
            env.ws
                .create(input)
                .shown(&env.ws)
                .expect_err("the core refuses this"),
        );
        assert_eq!((err.code.as_str(), err.message.as_str()), (code, message));
    }
    assert!(
        env.ws.list().expect("list").is_empty(),
        "nothing was stored"
    );
    let err = ErrorPayload::from(env.ws.view("geen-id").expect_err("the core refuses this"));
    assert_eq!(err.code, "recording.not_found");
    let id = env.create("hu-stage-opnamen", "2026-11-24").id;
    let err = ErrorPayload::from(
        env.ws
            .set_item(SetItem {
                recording: id,
                item: "../../etc".into(),
                done: true,
                note: None,
            })
            .shown(&env.ws)
            .expect_err("the core refuses this"),
    );
    assert_eq!(
        err.message,
        "Onbekend(e) item \"../../etc\" in dit beleidspakket."
    );
}

#[test]
fn errors_cross_ipc_as_code_and_message() {
    let payload = ErrorPayload {
        code: "recording.not_found".into(),
        message: "Deze opname bestaat niet (meer).".into(),
    };
    assert_eq!(
        serde_json::to_value(&payload).expect("serialise"),
        serde_json::json!({ "code": "recording.not_found", "message": "Deze opname bestaat niet (meer)." })
    );
}

#[test]
fn a_damaged_data_file_is_reported_and_never_overwritten() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join(STATE_FILE);
    std::fs::write(&path, b"{ \"format\": 1, \"recordings\": [ {").expect("write");
    let app = App::open(
        dir.path(),
        Arc::new(FixedClock::new(nl(2026, 11, 23, 10, 0))),
        Arc::new(MemoryKeyStore::new()),
    );
    let err = app.with(|ws| ws.list()).expect_err("the core refuses this");
    assert_eq!(err.code, "store.corrupt");
    assert!(
        err.message.starts_with("Het gegevensbestand"),
        "{}",
        err.message
    );
    let err = app
        .with(|ws| {
            ws.create(NewRecording {
                title: "Les".into(),
                planned_for: "2026-11-24".into(),
                pack: "hu-stage-opnamen".into(),
            })
            .shown(ws)
        })
        .expect_err("the core refuses this");
    assert_eq!(err.code, "store.corrupt");
    assert_eq!(
        std::fs::read(&path).expect("read"),
        b"{ \"format\": 1, \"recordings\": [ {",
        "file untouched"
    );
}

#[test]
fn a_file_from_a_newer_version_is_not_touched() {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(STATE_FILE), b"{ \"format\": 99 }").expect("write");
    let app = App::open(
        dir.path(),
        Arc::new(FixedClock::new(nl(2026, 11, 23, 10, 0))),
        Arc::new(MemoryKeyStore::new()),
    );
    assert_eq!(
        app.with(|ws| ws.list())
            .expect_err("the core refuses this")
            .code,
        "store.newer_format"
    );
}

#[test]
fn the_data_dir_comes_from_the_command_line_or_the_environment() {
    let args = |a: &[&str]| a.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        data_dir_override(args(&["--data-dir", "/tmp/a"]), None),
        Some(PathBuf::from("/tmp/a"))
    );
    assert_eq!(
        data_dir_override(args(&["--data-dir=/tmp/b"]), Some("/tmp/env".into())),
        Some(PathBuf::from("/tmp/b"))
    );
    assert_eq!(
        data_dir_override(args(&[]), Some("/tmp/env".into())),
        Some(PathBuf::from("/tmp/env"))
    );
    assert_eq!(data_dir_override(args(&[]), Some(String::new())), None);
    assert_eq!(data_dir_override(args(&["--other"]), None), None);
}

#[test]
fn the_dashboard_puts_overdue_recordings_first() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let later = env.create("hu-stage-opnamen", "2026-12-10").id;
    let soon = env.create("hu-stage-opnamen", "2026-11-20").id;
    env.answer(
        &soon,
        &[("mentor_live", no()), ("device", choice("own_device"))],
    );
    let list = env.ws.list().expect("list");
    assert_eq!(list[0].id, soon, "overdue one first");
    assert!(list[0].overdue >= 1);
    assert_eq!(list[1].id, later);
}

#[test]
fn the_profile_names_who_ticked_and_switches_the_language() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let id = env.create("hu-stage-opnamen", "2026-11-24").id;
    let err = ErrorPayload::from(
        env.ws
            .set_profile(Profile {
                name: "  ".into(),
                lang: Lang::Nl,
                mode: Mode::Student,
            })
            .shown(&env.ws)
            .expect_err("empty name"),
    );
    assert_eq!(
        (err.code.as_str(), err.message.as_str()),
        (
            "profile.invalid_name",
            "Vul een naam in van 1 tot 80 tekens."
        )
    );
    let status = env
        .ws
        .set_profile(Profile {
            name: " Sam de Vries ".into(),
            lang: Lang::En,
            mode: Mode::Student,
        })
        .shown(&env.ws)
        .expect("profile");
    assert_eq!(
        status.profile,
        Profile {
            name: "Sam de Vries".into(),
            lang: Lang::En,
            mode: Mode::Student,
        }
    );
    let view = env.tick(&id, "vooraf.lwo");
    let tick = view.phases[0]
        .items
        .iter()
        .find(|i| i.id == "vooraf.lwo")
        .and_then(|i| i.tick.clone())
        .expect("ticked");
    assert_eq!(
        (tick.by.as_str(), tick.at.as_str()),
        ("Sam de Vries", "Mon 23 Nov 2026 10:00")
    );
    assert_eq!(
        view.phases[0].title, "Beforehand",
        "views follow the language"
    );
    env.restart();
    assert_eq!(
        env.ws.status().expect("status").profile.lang,
        Lang::En,
        "the profile is persisted"
    );
}

#[test]
fn every_change_is_a_journal_entry_and_the_state_is_replayed_from_it() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let id = env.create("hu-stage-opnamen", "2026-11-24").id;
    env.answer(&id, &[("mentor_live", no())]);
    env.tick(&id, "vooraf.lwo");
    let status = env.ws.status().expect("status");
    assert_eq!(status.journal.entries, 3, "created, answered, ticked");
    assert_eq!(status.journal.head_hash.len(), 64, "hex SHA-256 head");
    assert!(status.journal.recovered.is_none());
    let before = env.ws.view(&id).expect("view");
    env.restart();
    let after = env.ws.view(&id).expect("view after replay");
    assert_eq!(
        serde_json::to_value(&after).ok(),
        serde_json::to_value(&before).ok(),
        "replay rebuilds the same state"
    );
    assert_eq!(
        env.ws.status().expect("status").journal.head_hash,
        status.journal.head_hash
    );
    let on_disk = std::fs::read(env.dir.path().join(JOURNAL_FILE)).expect("journal");
    assert!(
        !on_disk.windows(b"Rekenles".len()).any(|w| w == b"Rekenles"),
        "the journal is encrypted at rest"
    );
}

#[test]
fn the_plain_json_of_the_skeleton_is_migrated_into_the_journal_and_removed() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let id = env.create("hu-stage-opnamen", "2026-11-24").id;
    env.tick(&id, "vooraf.lwo");
    let recording = env.ws.recording(&id).expect("rec").clone();
    let legacy = serde_json::json!({
        "format": 1,
        "profile": { "name": "Sam", "lang": "nl" },
        "recordings": [recording],
    });
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join(STATE_FILE), legacy.to_string()).expect("write legacy");
    let keys = MemoryKeyStore::new();
    let clock = Arc::new(FixedClock::new(nl(2026, 11, 23, 11, 0)));
    let yes = opnamewijs::store::Opening {
        import_legacy: true,
        ..Default::default()
    };
    let ws =
        opnamewijs::Workspace::open_with(dir.path(), clock.clone(), Unlock::Keyring(&keys), &yes)
            .expect("migrate");
    let mut recording = recording;
    recording.imported_unprotected = Some(nl(2026, 11, 23, 11, 0));
    assert_eq!(ws.recording(&id).expect("migrated recording"), &recording);
    assert_eq!(ws.status().expect("status").profile.name, "Sam");
    assert_eq!(
        ws.status().expect("status").journal.entries,
        2,
        "profile + one recording"
    );
    assert!(
        !dir.path().join(STATE_FILE).exists(),
        "the plain file is gone after a verified migration"
    );
    drop(ws);
    let ws =
        opnamewijs::Workspace::open(dir.path(), clock, Unlock::Keyring(&keys)).expect("reopen");
    assert_eq!(ws.recording(&id).expect("still there"), &recording);
}

#[test]
fn a_tampered_journal_is_reported_and_left_as_it_is() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let id = env.create("hu-stage-opnamen", "2026-11-24").id;
    env.tick(&id, "vooraf.lwo");
    let path = env.dir.path().join(JOURNAL_FILE);
    let mut bytes = std::fs::read(&path).expect("journal");
    let middle = bytes.len() - 40;
    bytes[middle] ^= 0x01;
    std::fs::write(&path, &bytes).expect("tamper");
    drop(env.ws);
    let app = App::open(env.dir.path(), env.clock.clone(), env.keys.clone());
    let err = app.with(|ws| ws.list()).expect_err("tampered");
    assert_eq!(err.code, "vault.tampered");
    assert!(
        err.message
            .starts_with("Het dagboek is gewijzigd buiten Opnamewijs om (item 2"),
        "{}",
        err.message
    );
    assert_eq!(
        std::fs::read(&path).expect("journal"),
        bytes,
        "nothing overwritten"
    );
}

#[test]
fn without_a_keyring_a_passphrase_protects_the_data() {
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = Arc::new(FixedClock::new(nl(2026, 11, 23, 10, 0)));
    let keys = Arc::new(MemoryKeyStore::new());
    keys.fail_with(KeyStoreError::Unavailable("no D-Bus session".into()));
    let app = App::open(dir.path(), clock.clone(), keys.clone());
    let err = app.with(|ws| ws.list()).expect_err("no keyring");
    assert_eq!(err.code, "vault.keyring_unavailable");
    assert!(
        !Vault::exists(dir.path()),
        "nothing written before a passphrase is chosen"
    );
    assert_eq!(
        app.unlock("kort").expect_err("too short").code,
        "vault.passphrase_too_short"
    );
    app.unlock("paarse fiets onder de brug")
        .expect("create with passphrase");
    app.with(|ws| {
        ws.create(NewRecording {
            title: "Les".into(),
            planned_for: "2026-11-24".into(),
            pack: "hu-stage-opnamen".into(),
        })
        .shown(ws)
    })
    .expect("works once unlocked");
    drop(app);
    let again = App::open(dir.path(), clock, keys.clone());
    assert_eq!(
        again.with(|ws| ws.list()).expect_err("locked").code,
        "vault.needs_passphrase"
    );
    assert_eq!(
        again
            .unlock("verkeerde wachtwoordzin")
            .expect_err("wrong")
            .code,
        "vault.wrong_passphrase"
    );
    let status = again
        .unlock("paarse fiets onder de brug")
        .expect("right passphrase");
    assert_eq!(status.journal.entries, 1);
}

#[test]
fn a_second_window_on_the_same_data_cannot_write_to_the_journal() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    env.create("hu-stage-opnamen", "2026-11-24");
    let second = opnamewijs::Workspace::open(
        env.dir.path(),
        env.clock.clone(),
        Unlock::Keyring(env.keys.as_ref()),
    );
    let err = ErrorPayload::from(second.expect_err("the data directory is in use"));
    assert_eq!(err.code, "store.in_use");
    assert!(
        err.message
            .starts_with("Opnamewijs is al geopend met deze gegevens."),
        "{}",
        err.message
    );
    env.restart();
    assert_eq!(
        env.ws.list().expect("list").len(),
        1,
        "reopens once the first window is gone"
    );
}

#[test]
fn a_new_installation_takes_the_computers_language_once_and_the_switch_stays() {
    use opnamewijs::text::Lang;
    for (tag, lang) in [
        ("nl-NL", Lang::Nl),
        ("nl_BE.UTF-8", Lang::Nl),
        ("nl", Lang::Nl),
        ("en-US", Lang::En),
        ("de_DE.UTF-8", Lang::En),
        ("", Lang::En),
        ("nld", Lang::En),
    ] {
        assert_eq!(Lang::from_locale(tag), lang, "{tag}");
    }
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    assert!(env.ws.adopt_system_language(Lang::En).expect("adopted"));
    assert_eq!(env.ws.status().expect("status").profile.lang, Lang::En);
    env.restart();
    assert_eq!(
        env.ws.status().expect("status").profile.lang,
        Lang::En,
        "kept"
    );
    // Once the installation holds anything, the computer's language no longer decides.
    env.ws
        .set_profile(Profile {
            name: "Ayşe Yılmaz".into(),
            lang: Lang::Nl,
            mode: Mode::Student,
        })
        .expect("switched");
    assert!(!env.ws.adopt_system_language(Lang::En).expect("nothing"));
    assert_eq!(env.ws.status().expect("status").profile.lang, Lang::Nl);
}
