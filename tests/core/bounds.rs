//! Bounded work on every input (`opnamewijs::limits`): every file the core reads is refused
//! unread when it is larger than its limit (the files here are sparse, so a read would cost a
//! gigabyte), a state snapshot that does not fit the journal is ignored (the vault opens from the
//! journal) without being read, a crafted 16 MiB snapshot costs at most a few MiB of memory
//! (measured in a child process), and a folder of more packs than are read is reported.

use crate::support::nl;
use opnamewijs::clock::FixedClock;
use opnamewijs::limits::{
    max_snapshot_bytes, MAX_BACKUP_BYTES, MAX_HEAD_BYTES, MAX_JOURNAL_BYTES, MAX_KEY_FILE_BYTES,
    MAX_LEGACY_STATE_BYTES, MAX_PACK_FILES, MAX_SNAPSHOT_PART_BYTES,
};
use opnamewijs::policy::{PackSet, PolicyError};
use opnamewijs::recording::{PackRef, Recording};
use opnamewijs::store::{
    set_snapshot_after_bytes, Change, Corruption, JournalEntry, Store, StoreError, STATE_FILE,
};
use opnamewijs::vault::{
    KdfParams, MemoryKeyStore, Passphrase, TamperKind, Unlock, Vault, VaultError, HEAD_FILE,
    JOURNAL_FILE, KEY_FILE, SNAPSHOT_FILE,
};
use opnamewijs::workspace::{NewRecording, Workspace};
use std::io::Write;
use std::path::Path;
use std::sync::Arc;

/// Makes `path` `len` bytes long without writing them (a sparse file: reading it would cost
/// `len` bytes of memory, checking its size costs nothing).
fn grow_sparse(path: &Path, len: u64) {
    std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .and_then(|f| f.set_len(len))
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn len_of(path: &Path) -> u64 {
    std::fs::metadata(path).expect("metadata").len()
}

/// A keyring vault of three entries in a fresh directory.
fn small_vault(keys: &MemoryKeyStore) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    let mut vault = Vault::create(dir.path(), Unlock::Keyring(keys)).expect("create");
    for n in 0..3 {
        vault
            .append(format!("item {n}").as_bytes())
            .expect("append");
    }
    dir
}

#[test]
fn a_journal_over_its_limit_is_refused_unread() {
    let keys = MemoryKeyStore::new();
    let dir = small_vault(&keys);
    let journal = dir.path().join(JOURNAL_FILE);
    grow_sparse(&journal, MAX_JOURNAL_BYTES + 1);
    for (how, opened) in [
        (
            "open",
            Vault::open(dir.path(), Unlock::Keyring(&keys)).map(drop),
        ),
        (
            "resume",
            Vault::resume(dir.path(), Unlock::Keyring(&keys)).map(drop),
        ),
    ] {
        match opened {
            Err(VaultError::TooLarge { path, max }) => {
                assert_eq!((path, max), (journal.clone(), MAX_JOURNAL_BYTES), "{how}");
            }
            other => panic!("{how}: expected vault.too_large, got {other:?}"),
        }
    }
    assert_eq!(len_of(&journal), MAX_JOURNAL_BYTES + 1, "left as it was");
}

#[test]
fn a_key_file_over_its_limit_is_refused_unread_and_still_erased() {
    let keys = MemoryKeyStore::new();
    let dir = small_vault(&keys);
    let key_file = dir.path().join(KEY_FILE);
    grow_sparse(&key_file, MAX_KEY_FILE_BYTES + 1);
    match Vault::open(dir.path(), Unlock::Keyring(&keys)) {
        Err(VaultError::TooLarge { path, max }) => {
            assert_eq!((path, max), (key_file.clone(), MAX_KEY_FILE_BYTES));
        }
        other => panic!("expected vault.too_large, got {other:?}"),
    }
    assert_eq!(len_of(&key_file), MAX_KEY_FILE_BYTES + 1, "left as it was");
    Vault::erase(dir.path(), &keys).expect("erasing removes it unread");
    assert!(!dir.path().exists(), "the vault's folder is gone");
}

#[test]
fn a_head_over_its_limit_is_tampering_and_left_unread() {
    let keys = MemoryKeyStore::new();
    let dir = small_vault(&keys);
    let head = dir.path().join(HEAD_FILE);
    grow_sparse(&head, MAX_HEAD_BYTES + 1);
    match Vault::open(dir.path(), Unlock::Keyring(&keys)) {
        Err(VaultError::Tampered {
            position: 3,
            kind: TamperKind::Head,
        }) => {}
        other => panic!("expected tampering with the head, got {other:?}"),
    }
    assert_eq!(len_of(&head), MAX_HEAD_BYTES + 1, "left as it was");
}

#[test]
fn a_backup_over_its_limit_is_refused_unread() {
    let files = tempfile::tempdir().expect("temp dir");
    let backup = files.path().join("groot.owbackup");
    grow_sparse(&backup, MAX_BACKUP_BYTES + 1);
    let target = files.path().join("nieuw");
    let keys = MemoryKeyStore::new();
    match Vault::import_backup(
        &backup,
        &Passphrase::new("reservekopie wachtwoord"),
        &target,
        Unlock::Keyring(&keys),
    ) {
        Err(VaultError::TooLarge { path, max }) => {
            assert_eq!((path, max), (backup.clone(), MAX_BACKUP_BYTES));
        }
        other => panic!("expected vault.too_large, got {other:?}"),
    }
    assert!(!Vault::exists(&target), "nothing restored");
}

#[test]
fn a_plain_state_file_over_its_limit_is_refused_unread() {
    let dir = tempfile::tempdir().expect("temp dir");
    let legacy = dir.path().join(STATE_FILE);
    grow_sparse(&legacy, MAX_LEGACY_STATE_BYTES + 1);
    let keys = MemoryKeyStore::new();
    match Store::open(dir.path(), Unlock::Keyring(&keys), nl(2026, 11, 23, 10, 0)) {
        Err(StoreError::Corrupt {
            path,
            problem: Corruption::TooLarge { max },
        }) => assert_eq!((path, max), (legacy.clone(), MAX_LEGACY_STATE_BYTES)),
        other => panic!("expected store.corrupt, got {other:?}"),
    }
    assert_eq!(
        len_of(&legacy),
        MAX_LEGACY_STATE_BYTES + 1,
        "left as it was"
    );
    assert!(!Vault::exists(dir.path()), "no vault made");
}

// ---------------------------------------------------------------------------------------------
// The state snapshot

/// 16 MiB crafted as a snapshot: (name, bytes). None of them is sealed with the vault's key; each
/// claims what would cost the most to believe.
fn crafted_snapshots() -> Vec<(&'static str, Vec<u8>)> {
    const LEN: usize = 16 << 20;
    let len_field = |n: u64| u32::try_from(n).expect("u32").to_le_bytes();
    let mut one_huge_part = len_field(LEN as u64 - 4).to_vec();
    one_huge_part.resize(LEN, 0x5a);
    // The largest part a snapshot may have, looking like one, then as many of the smallest as fit.
    let mut largest_then_many = len_field(MAX_SNAPSHOT_PART_BYTES).to_vec();
    largest_then_many.extend_from_slice(b"OPNWSNAP\x01\x4c\x00");
    largest_then_many.resize(4 + MAX_SNAPSHOT_PART_BYTES as usize, 0);
    while largest_then_many.len() + 147 <= LEN {
        largest_then_many.extend_from_slice(&len_field(143));
        largest_then_many.extend_from_slice(b"OPNWSNAP\x01\x4c\x00");
        largest_then_many.resize(largest_then_many.len() + 132, 0);
    }
    largest_then_many.resize(LEN, 0);
    let mut state = 0x9e37_79b9_7f4a_7c15u64;
    let noise: Vec<u8> = (0..LEN)
        .map(|_| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state as u8
        })
        .collect();
    vec![
        ("four million empty parts", vec![0; LEN]),
        ("one part of 16 MiB", one_huge_part),
        ("the largest part, then the smallest", largest_then_many),
        ("noise", noise),
    ]
}

#[test]
fn a_snapshot_that_does_not_fit_the_journal_is_ignored_and_written_anew() {
    set_snapshot_after_bytes(Some(0));
    let dir = tempfile::tempdir().expect("temp dir");
    let clock = Arc::new(FixedClock::new(nl(2026, 11, 23, 10, 0)));
    let keys = MemoryKeyStore::new();
    let open = || Workspace::open(dir.path(), clock.clone(), Unlock::Keyring(&keys));
    let mut ws = open().expect("open");
    plan(&mut ws, 2);
    drop(ws);
    let journal_len = len_of(&dir.path().join(JOURNAL_FILE));
    let snap = dir.path().join(SNAPSHOT_FILE);
    let mut over_the_journal =
        vec![0u8; usize::try_from(max_snapshot_bytes(journal_len) + 1).expect("small")];
    over_the_journal[..4].copy_from_slice(&143u32.to_le_bytes());
    let mut cases = crafted_snapshots();
    cases.push(("one byte more than the journal allows", over_the_journal));
    for (name, bytes) in cases {
        std::fs::write(&snap, &bytes).expect("write snapshot");
        let ws = open().unwrap_or_else(|e| panic!("{name}: {e}"));
        ws.wait_journal_check().expect("verified");
        assert_eq!(ws.recordings().len(), 2, "{name}: opened from the journal");
        drop(ws);
        let written = std::fs::read(&snap).expect("snapshot");
        assert_ne!(written, bytes, "{name}: replaced by a new snapshot");
        let ws = open().expect("reopen");
        assert_eq!(
            ws.recordings().len(),
            2,
            "{name}: the new snapshot reads back"
        );
        drop(ws);
    }
    set_snapshot_after_bytes(None);
}

/// Plans `n` recordings on the HU pack.
fn plan(ws: &mut Workspace, n: usize) {
    for i in 0..n {
        ws.create(NewRecording {
            title: format!("Les {i}"),
            planned_for: "2026-12-01".into(),
            pack: "hu-stage-opnamen".into(),
        })
        .expect("plan");
    }
}

const MEMORY_CHILD_ENV: &str = "OPNAMEWIJS_BOUNDS_MEMORY_CHILD";
const MEMORY_PASS: &str = "geheugen test wachtwoord";

fn memory_pass() -> Passphrase {
    Passphrase::new(MEMORY_PASS).with_kdf(KdfParams::INSECURE_FOR_TESTS)
}

/// A line of `/proc/self/status`, in KiB.
#[cfg(target_os = "linux")]
fn status_kib(key: &str) -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").expect("/proc/self/status");
    status
        .lines()
        .find_map(|l| l.strip_prefix(key)?.strip_prefix(':'))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or_else(|| panic!("no {key} in /proc/self/status"))
}

/// The child of [`a_crafted_16_mib_snapshot_costs_at_most_a_few_mib`]: opens the workspace in the
/// directory the environment names as the app does, waits for the check of the journal, and prints
/// how far the process's peak resident memory rose above what it used just before. Does nothing
/// without that variable (when the whole suite runs).
#[test]
#[cfg(target_os = "linux")]
fn memory_child() {
    let Ok(dir) = std::env::var(MEMORY_CHILD_ENV) else {
        return;
    };
    // No new snapshot: every open does the same work, with or without the crafted file.
    set_snapshot_after_bytes(Some(u64::MAX));
    let clock = Arc::new(FixedClock::new(nl(2026, 11, 23, 10, 0)));
    let pass = memory_pass();
    // "5" resets the peak (VmHWM) to what is resident now (Linux 4.0 and later).
    let reset = std::fs::write("/proc/self/clear_refs", "5").is_ok();
    let before = status_kib("VmRSS");
    let ws = Workspace::open(Path::new(&dir), clock, Unlock::Passphrase(&pass)).expect("opens");
    ws.wait_journal_check().expect("verified");
    let peak = status_kib("VmHWM");
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "MEMORY reset={reset} growth_kib={} recordings={}",
        peak.saturating_sub(before),
        ws.recordings().len()
    )
    .expect("write to the parent");
}

/// Opens `dir` in a child process ([`memory_child`]); its peak memory growth in KiB (`None` when
/// the kernel does not let the child reset its peak) and the recordings it saw.
#[cfg(target_os = "linux")]
fn open_in_child(dir: &Path) -> (Option<u64>, usize) {
    let exe = std::env::current_exe().expect("test binary");
    let out = std::process::Command::new(exe)
        .args([
            "--exact",
            "bounds::memory_child",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(MEMORY_CHILD_ENV, dir)
        .output()
        .expect("run the child");
    let stdout = String::from_utf8_lossy(&out.stdout);
    // The harness prints the test's name on the same line.
    let line = stdout
        .lines()
        .find_map(|l| Some(&l[l.find("MEMORY ")?..]))
        .unwrap_or_else(|| {
            panic!(
                "the child printed no MEMORY line: {stdout}\n{}",
                String::from_utf8_lossy(&out.stderr)
            )
        });
    let field = |key: &str| -> String {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('='))
            .unwrap_or_default()
            .to_owned()
    };
    let growth: u64 = field("growth_kib").parse().expect("growth");
    let recordings = field("recordings").parse().expect("recordings");
    ((field("reset") == "true").then_some(growth), recordings)
}

/// A passphrase vault of `recordings` (id, title) written through the store as the app would, so
/// a child process can unlock it.
fn vault_of(dir: &Path, recordings: &[(String, String)]) {
    let now = nl(2026, 11, 23, 10, 0);
    let pass = memory_pass();
    let (mut store, _) = Store::open(dir, Unlock::Passphrase(&pass), now).expect("create");
    for (id, title) in recordings {
        let rec = Recording::new(
            id.clone(),
            title.clone(),
            crate::support::date(2026, 12, 1),
            PackRef {
                id: "hu-stage-opnamen".into(),
                version: "1.0.0".into(),
            },
            now,
        );
        store
            .append(&JournalEntry {
                at: now,
                by: "Sanne".into(),
                change: Change::Created,
                recording: Some(rec),
                profile: None,
                desk: None,
                assessment: None,
            })
            .expect("append");
    }
}

/// A crafted 16 MiB `state.snap` costs at most 4 MiB more memory than opening the same vault
/// without one.
///
/// How it is measured: a counting `#[global_allocator]` cannot be installed in the shared test
/// binary, so each open runs in a child process (this binary again, running only
/// [`memory_child`]), which resets its peak resident set (`/proc/self/clear_refs`), opens the
/// workspace as the app does, waits for the journal check, and reports how far `VmHWM` rose above
/// `VmRSS` before the open. That counts every page the open touched, in every thread, whatever
/// allocated it, and nothing of other tests; the baseline (the same vault without a snapshot, the
/// same code to fault in) is measured the same way. Each open has a copy of the vault of its own,
/// so the children run side by side. Two vaults: a small one, whose journal allows a snapshot of
/// only 64 KiB and some bytes, so the crafted file is refused from its size; and one whose journal
/// (9 MB) allows 16 MiB, so the parts are read: only the first, after its length is checked
/// against [`MAX_SNAPSHOT_PART_BYTES`], and it does not open with the vault's key. Where the
/// kernel does not let a process reset its peak, the test says so and measures nothing.
#[test]
#[cfg(target_os = "linux")]
fn a_crafted_16_mib_snapshot_costs_at_most_a_few_mib() {
    const ALLOWED_KIB: u64 = 4 * 1024;
    let small: Vec<(String, String)> = (0..3)
        .map(|i| {
            (
                format!("00000000-0000-4000-8000-00000000000{i}"),
                format!("Les {i}"),
            )
        })
        .collect();
    // Ten recordings of 900 kB each (a title the store does not check): a 9 MB journal.
    let large: Vec<(String, String)> = (0..10)
        .map(|i| {
            let id = format!("00000000-0000-4000-8000-00000000001{i}");
            (id, format!("Les {i} {}", "x".repeat(900_000)))
        })
        .collect();
    let crafted = crafted_snapshots();
    let mut report = Vec::new();
    for (vault, recordings) in [("small", &small), ("large", &large)] {
        let tmp = tempfile::tempdir().expect("temp dir");
        let original = tmp.path().join("vault");
        vault_of(&original, recordings);
        let journal_len = len_of(&original.join(JOURNAL_FILE));
        let fits_16_mib = max_snapshot_bytes(journal_len) >= 16 << 20;
        assert_eq!(
            fits_16_mib,
            vault == "large",
            "{vault}: journal of {journal_len} bytes"
        );
        // One copy of the vault per open: the baseline without a snapshot, then each crafted one.
        let cases: Vec<(&str, Option<&Vec<u8>>)> = std::iter::once(("no snapshot", None))
            .chain(crafted.iter().map(|(name, bytes)| (*name, Some(bytes))))
            .collect();
        let dirs: Vec<_> = cases
            .iter()
            .enumerate()
            .map(|(i, (_, bytes))| {
                let dir = tmp.path().join(format!("open-{i}"));
                std::fs::create_dir(&dir).expect("copy");
                for entry in std::fs::read_dir(&original).expect("vault").flatten() {
                    std::fs::copy(entry.path(), dir.join(entry.file_name())).expect("copy");
                }
                let _ = std::fs::remove_file(dir.join(SNAPSHOT_FILE));
                if let Some(bytes) = bytes {
                    std::fs::write(dir.join(SNAPSHOT_FILE), bytes).expect("crafted snapshot");
                }
                dir
            })
            .collect();
        let measured: Vec<(Option<u64>, usize)> = std::thread::scope(|scope| {
            let children: Vec<_> = dirs
                .iter()
                .map(|dir| scope.spawn(move || open_in_child(dir)))
                .collect();
            children
                .into_iter()
                .map(|c| c.join().expect("child"))
                .collect()
        });
        let Some(baseline) = measured[0].0 else {
            eprintln!("this kernel does not let a process reset its peak memory: not measured");
            return;
        };
        for (((name, bytes), dir), (growth, seen)) in cases.iter().zip(&dirs).zip(&measured) {
            let growth = growth.expect("measured");
            report.push(format!(
                "{vault} vault ({journal_len} B journal), {name}: +{growth} KiB"
            ));
            assert_eq!(
                *seen,
                recordings.len(),
                "{vault}, {name}: opened from the journal"
            );
            if let Some(bytes) = bytes {
                let after = std::fs::read(dir.join(SNAPSHOT_FILE)).expect("snapshot");
                assert!(
                    after == **bytes,
                    "{vault}, {name}: the crafted file is left as it was"
                );
            }
            assert!(
                growth <= baseline + ALLOWED_KIB,
                "{vault}, {name}: the open grew by {growth} KiB, without a snapshot by \
                 {baseline} KiB\n{}",
                report.join("\n")
            );
        }
    }
    eprintln!("snapshot-memory {}", report.join("; "));
}

// ---------------------------------------------------------------------------------------------
// Policy packs

/// A valid pack with id `id`.
fn pack_json(id: &str) -> String {
    opnamewijs::policy::load::EMBEDDED[1]
        .1
        .replacen("\"memo-lesopnamen\"", &format!("\"{id}\""), 1)
}

#[test]
fn packs_past_the_most_read_are_reported_and_not_read() {
    let dir = tempfile::tempdir().expect("temp dir");
    let extra = 4;
    let names: Vec<String> = (0..MAX_PACK_FILES + extra)
        .map(|i| format!("pakket-{i:02}.json"))
        .collect();
    for name in &names {
        let id = name.trim_end_matches(".json");
        std::fs::write(dir.path().join(name), pack_json(id)).expect("write pack");
    }
    // Not packs: not counted.
    std::fs::write(dir.path().join("schema.json"), "{}").expect("write");
    std::fs::write(dir.path().join("notities.txt"), "x").expect("write");
    let mut set = PackSet::embedded();
    set.add_dir(dir.path());
    for (i, name) in names.iter().enumerate() {
        let id = name.trim_end_matches(".json");
        assert_eq!(
            set.latest(id).is_some(),
            i < MAX_PACK_FILES,
            "{name}: read only among the first {MAX_PACK_FILES}"
        );
    }
    assert_eq!(
        set.errors(),
        [PolicyError::TooMany {
            file: names[MAX_PACK_FILES].clone(),
            skipped: extra,
            max: MAX_PACK_FILES,
        }]
    );
    let err = &set.errors()[0];
    assert_eq!(
        err.to_string(),
        "Beleidspakket pakket-08.json is niet gelezen: er staan meer dan 8 pakketten in de map \
         (samen 4 bestanden niet gelezen, vanaf dit bestand op naamvolgorde)"
    );
    let en = opnamewijs::error::Localized::message(err, opnamewijs::text::Lang::En);
    assert_eq!(
        en,
        "Policy pack pakket-08.json was not read: the folder holds more than 8 packs (4 files \
         not read in all, from this one on in name order)"
    );
}
