//! Opening from the state snapshot: the same state as replaying every entry, the check of the
//! whole journal owed and run on another thread, writes (and dossiers) that wait for it, and a
//! journal changed behind the snapshot refused before anything is written.

use crate::support::{choice, date, nl, no, Env};
use opnamewijs::store::set_snapshot_after_bytes;
use opnamewijs::vault::{TamperKind, Unlock, Vault, VaultError, JOURNAL_FILE, SNAPSHOT_FILE};
use opnamewijs::{App, Workspace};
use std::path::Path;

/// Snapshots from the first byte on, on this thread (each test runs on its own thread).
fn snapshot_always() {
    set_snapshot_after_bytes(Some(0));
}

fn plan_some(env: &mut Env, n: usize) -> Vec<String> {
    (0..n)
        .map(|i| {
            let id = env
                .create("hu-stage-opnamen", &format!("2026-12-{:02}", 1 + i % 20))
                .id;
            env.answer(
                &id,
                &[("mentor_live", no()), ("purpose", choice("reflection"))],
            );
            id
        })
        .collect()
}

/// The state as the workspace shows it, to compare two opens.
fn shown(ws: &Workspace) -> String {
    let views: Vec<_> = ws
        .recordings()
        .iter()
        .map(|r| ws.view(&r.id.to_string()).expect("view"))
        .collect();
    serde_json::to_string(&(ws.status().expect("status").profile, ws.recordings(), views))
        .expect("json")
}

/// The same directory opened without its snapshot: every entry replayed.
fn shown_without_snapshot(env: &mut Env) -> String {
    let snap = env.dir.path().join(SNAPSHOT_FILE);
    let kept = std::fs::read(&snap).ok();
    let _ = std::fs::remove_file(&snap);
    set_snapshot_after_bytes(Some(u64::MAX));
    env.restart();
    let state = shown(&env.ws);
    snapshot_always();
    if let Some(bytes) = kept {
        std::fs::write(&snap, bytes).expect("put the snapshot back");
    }
    state
}

#[test]
fn an_open_from_the_snapshot_shows_what_replaying_every_entry_shows() {
    snapshot_always();
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let ids = plan_some(&mut env, 3);
    env.restart();
    // The snapshot is written on the open's background thread, which settling waits for.
    env.ws.wait_journal_check().expect("verified");
    let snap = env.dir.path().join(SNAPSHOT_FILE);
    assert!(snap.exists(), "the open wrote a snapshot");
    // More changes after the snapshot: the next open reads the snapshot and these entries.
    env.tick(&ids[1], "vooraf.lwo");
    let more = plan_some(&mut env, 2);
    env.ws
        .set_profile(opnamewijs::store::Profile {
            name: "Sanne".into(),
            ..Default::default()
        })
        .expect("profile");
    let before = shown(&env.ws);
    env.restart();
    assert!(
        env.ws.status().expect("status").journal.checking || env.ws.wait_journal_check().is_ok()
    );
    env.ws.wait_journal_check().expect("the journal verifies");
    assert!(!env.ws.status().expect("status").journal.checking);
    assert_eq!(
        shown(&env.ws),
        before,
        "snapshot + later entries = the state before"
    );
    assert_eq!(env.ws.recordings().len(), 5);
    assert_eq!(
        env.ws.recording(&more[1]).expect("new one").planned_for,
        date(2026, 12, 2)
    );
    assert_eq!(
        shown_without_snapshot(&mut env),
        before,
        "= every entry replayed"
    );
    // And a change after an open from the snapshot lands (the append waited for the check).
    env.tick(&ids[2], "vooraf.lwo");
    env.restart();
    assert!(env
        .ws
        .recording(&ids[2])
        .expect("rec")
        .ticks
        .contains_key("vooraf.lwo"));
    set_snapshot_after_bytes(None);
}

#[test]
fn a_damaged_foreign_or_stale_snapshot_is_ignored_and_written_anew() {
    snapshot_always();
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    plan_some(&mut env, 2);
    env.restart();
    env.ws.wait_journal_check().expect("verified");
    let snap = env.dir.path().join(SNAPSHOT_FILE);
    let stale = std::fs::read(&snap).expect("snapshot");
    plan_some(&mut env, 1);
    let before = shown(&env.ws);

    let mut damaged = stale.clone();
    let middle = damaged.len() / 2;
    damaged[middle] ^= 0x20;
    let other = {
        let mut other_env = Env::at(nl(2026, 11, 23, 10, 0));
        plan_some(&mut other_env, 2);
        other_env.restart();
        other_env.ws.wait_journal_check().expect("verified");
        std::fs::read(other_env.dir.path().join(SNAPSHOT_FILE)).expect("their snapshot")
    };
    for (name, bytes) in [
        ("damaged", damaged),
        ("of another vault", other),
        ("cut short", stale[..stale.len() - 3].to_vec()),
        ("garbage", b"geen momentopname".to_vec()),
        ("older", stale.clone()),
        ("empty", Vec::new()),
    ] {
        std::fs::write(&snap, &bytes).expect("write snapshot");
        env.restart();
        env.ws.wait_journal_check().expect("verified");
        assert_eq!(shown(&env.ws), before, "{name} snapshot: same state");
        env.close();
        let rewritten = std::fs::read(&snap).expect("snapshot");
        assert_ne!(rewritten, bytes, "{name} snapshot replaced");
        env.restart();
        assert_eq!(
            shown(&env.ws),
            before,
            "{name}: the new snapshot reads back"
        );
    }
    set_snapshot_after_bytes(None);
}

/// Offset and length of entry `seq` (from 1) in a journal file.
fn frame_of(journal: &[u8], seq: usize) -> (usize, usize) {
    let mut pos = 9;
    for n in 1.. {
        let len = 4 + u32::from_le_bytes(journal[pos..pos + 4].try_into().expect("4")) as usize + 8;
        if n == seq {
            return (pos, len);
        }
        pos += len;
    }
    unreachable!()
}

fn tamper_entry(dir: &Path, seq: usize) -> Vec<u8> {
    let path = dir.join(JOURNAL_FILE);
    let mut journal = std::fs::read(&path).expect("journal");
    let (at, len) = frame_of(&journal, seq);
    journal[at + len / 2] ^= 0x01;
    std::fs::write(&path, &journal).expect("tamper");
    journal
}

#[test]
fn a_journal_changed_behind_the_snapshot_is_refused_before_anything_is_written() {
    snapshot_always();
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let ids = plan_some(&mut env, 3);
    env.restart();
    env.close();
    // Entry 2 lies behind the snapshot: the open itself does not read it.
    let tampered = tamper_entry(env.dir.path(), 2);
    let snap_before = std::fs::read(env.dir.path().join(SNAPSHOT_FILE)).expect("snapshot");

    let app = App::open(env.dir.path(), env.clock.clone(), env.keys.clone());
    // The first call may come before the check has finished; a write waits for it and fails.
    let err = app
        .with(|ws| {
            ws.set_item(opnamewijs::workspace::SetItem {
                recording: ids[0].clone(),
                item: "vooraf.lwo".into(),
                done: true,
                note: None,
            })
        })
        .expect_err("refused");
    assert_eq!(err.code, "vault.tampered");
    assert!(err.message.contains("item 2"), "{}", err.message);
    // From then on every call reports it, as if the open had failed.
    let err = app.with(|ws| ws.list()).expect_err("still refused");
    assert_eq!(err.code, "vault.tampered");
    drop(app);
    assert_eq!(
        std::fs::read(env.dir.path().join(JOURNAL_FILE)).expect("journal"),
        tampered,
        "nothing written to the journal"
    );
    assert_eq!(
        std::fs::read(env.dir.path().join(SNAPSHOT_FILE)).expect("snapshot"),
        snap_before,
        "no new snapshot over a tampered journal"
    );
    // The same error an open without a snapshot gives.
    let keys = env.keys.clone();
    match Vault::open(env.dir.path(), Unlock::Keyring(keys.as_ref())) {
        Err(VaultError::Tampered {
            position: 2,
            kind: TamperKind::Edited,
        }) => {}
        other => panic!("expected tampering at 2, got {other:?}"),
    }
    // A dossier waits for the check as well.
    let ws = Workspace::open(
        env.dir.path(),
        env.clock.clone(),
        Unlock::Keyring(keys.as_ref()),
    )
    .expect("the open from the snapshot itself succeeds");
    assert_eq!(
        ws.dossier_pdf().expect_err("no dossier").to_string(),
        VaultError::Tampered {
            position: 2,
            kind: TamperKind::Edited
        }
        .to_string()
    );
    set_snapshot_after_bytes(None);
}
