//! A vault written by the release before pack version 2.0.0 (three recordings pinned to 1.0.0 of
//! both packs, in passphrase mode; `fixtures/vault-pack-1.0.0`) opens after the upgrade and every
//! recording still follows the version it was checked against.

use crate::support::*;
use opnamewijs::clock::FixedClock;
use opnamewijs::deadline::DeadlineStatus;
use opnamewijs::policy::Verdict;
use opnamewijs::vault::{Passphrase, Unlock, JOURNAL_FILE};
use opnamewijs::Workspace;
use std::path::Path;
use std::sync::Arc;

/// The fixture, copied to a temp dir (opening writes a snapshot and a lock next to it).
fn fixture() -> tempfile::TempDir {
    let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/core/fixtures/vault-pack-1.0.0");
    let dir = tempfile::tempdir().expect("temp dir");
    for name in ["journal.head", "journal.log", "vault.key"] {
        std::fs::copy(from.join(name), dir.path().join(name)).expect("copy fixture");
    }
    dir
}

#[test]
fn a_vault_with_recordings_of_pack_1_0_0_opens_unchanged_after_the_upgrade() {
    let dir = fixture();
    let journal_before = std::fs::read(dir.path().join(JOURNAL_FILE)).expect("journal");
    let clock = Arc::new(FixedClock::new(nl(2026, 11, 25, 10, 0)));
    let pass = Passphrase::new("lesopname-fixture-2026-sterk").existing();
    let ws = Workspace::open(dir.path(), clock, Unlock::Passphrase(&pass)).expect("opens");
    let status = ws.status().expect("status");
    assert_eq!(status.profile.name, "Łukasz Şahin-Nguyễn");
    let list = ws.list().expect("list");
    assert_eq!(list.len(), 3);
    for row in &list {
        assert!(row.pack.ends_with(" 1.0.0"), "{}: {}", row.title, row.pack);
    }
    let by_title = |title: &str| {
        let id = &list.iter().find(|r| r.title == title).expect(title).id;
        ws.view(id).expect("view")
    };

    // The feedback recording: 1.0.0's questions, deadlines and wording, no provenance labels.
    let feedback = by_title("Rekenles 3B (feedback)");
    assert_eq!(feedback.pack.version, "1.0.0");
    assert_eq!(
        feedback.questions.first().map(|q| q.id.as_str()),
        Some("mentor_live"),
        "1.0.0 asked about live watching first"
    );
    assert_eq!(
        feedback.verdict.verdict,
        Some(Verdict::AllowedWithConditions)
    );
    assert!(feedback.questions.iter().all(|q| q.from.is_none()));
    assert!(feedback.deadlines.iter().all(|d| d.from.is_none()));
    let due = deadline(&feedback, "feedback_krijgen");
    assert_eq!(
        due.when, "uiterlijk di 8 dec. 2026 23:59",
        "ten working days, as 1.0.0 said"
    );
    let stored = deadline(&feedback, "veilig_opslaan");
    assert_eq!(
        (stored.status, stored.grace.as_deref()),
        (DeadlineStatus::Overdue, None),
        "due the same day, without 2.0.0's grace"
    );
    assert!(shown_items(&feedback).contains(&"vooraf.live".to_owned()));

    // 1.0.0 refused a recording when the mentor could watch live; that recording keeps it.
    let live = by_title("Gymles (begeleider kijkt live)");
    assert_eq!(live.verdict.verdict, Some(Verdict::NotAllowed));

    let memo = by_title("Hoorcollege");
    assert_eq!(memo.pack.version, "1.0.0");
    assert_eq!(memo.verdict.verdict, Some(Verdict::AllowedWithConditions));

    // New recordings use the newest version.
    drop(ws);
    let journal_after = std::fs::read(dir.path().join(JOURNAL_FILE)).expect("journal");
    assert_eq!(
        journal_before, journal_after,
        "opening and viewing wrote nothing to the journal"
    );
    let clock = Arc::new(FixedClock::new(nl(2026, 11, 25, 10, 0)));
    let mut ws = Workspace::open(dir.path(), clock, Unlock::Passphrase(&pass)).expect("reopens");
    let new = ws
        .create(opnamewijs::workspace::NewRecording {
            title: "Nieuwe les".into(),
            planned_for: "2026-12-02".into(),
            pack: "hu-stage-opnamen".into(),
        })
        .shown(&ws)
        .expect("create");
    assert_eq!(new.pack.version, "2.0.0");
}
