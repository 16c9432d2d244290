//! The fuzz targets' seed corpus (`fuzz/corpus/<target>/`, plus any crash inputs saved there)
//! run through the same entry points `cargo fuzz` uses, on stable: no panic, and every rejection
//! a typed error with a code and a Dutch message. Files named `ok-*` must be accepted.
//!
//! `cargo test -p opnamewijs --test core fuzz_corpus::write_seed_corpus -- --ignored` rewrites the
//! generated seeds (journal, head, key files, entries, backup) from a real journey, and
//! `fuzz_corpus::write_snapshot_seeds -- --ignored` those of the state snapshot.

use crate::support::*;
use opnamewijs::error::ErrorPayload;
use opnamewijs::fuzzing;
use opnamewijs::vault::{KdfParams, MemoryKeyStore, Passphrase, Unlock, Vault};
use std::path::{Path, PathBuf};

type Target = fn(&[u8]) -> Result<(), ErrorPayload>;

/// Every fuzz target and its entry point; `fuzz/Cargo.toml` has one `[[bin]]` per name.
const TARGETS: &[(&str, Target)] = &[
    ("pack", fuzzing::pack),
    ("vault_files", fuzzing::vault_files),
    ("journal_entry", fuzzing::journal_entry),
    ("backup", fuzzing::backup),
    ("ics", fuzzing::ics),
    ("feedback_request", fuzzing::feedback_request),
    ("feedback_receipt", fuzzing::feedback_receipt),
    ("dossier", fuzzing::dossier),
    ("snapshot", fuzzing::snapshot),
];

fn corpus(target: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz/corpus")
        .join(target)
}

#[test]
fn every_corpus_file_is_accepted_or_refused_with_a_typed_error() {
    let mut total = 0;
    for (target, run) in TARGETS {
        let dir = corpus(target);
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.expect("dir entry").path())
            .collect();
        files.sort();
        assert!(!files.is_empty(), "{target}: no seed files");
        for file in files {
            let bytes = std::fs::read(&file).expect("read corpus file");
            let name = file
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            match run(&bytes) {
                Ok(()) => {}
                Err(e) => {
                    assert!(!name.starts_with("ok-"), "{target}/{name} refused: {e}");
                    assert!(
                        e.code.contains('.') && !e.message.is_empty(),
                        "{target}/{name}: untyped rejection {e:?}"
                    );
                }
            }
            total += 1;
        }
    }
    assert!(total >= 15, "only {total} corpus files");
}

#[test]
fn truncations_and_bit_flips_of_the_seeds_are_refused_cleanly() {
    // A cheap stand-in for fuzzing on stable: every seed cut short and flipped at a few places.
    for (target, run) in TARGETS {
        for entry in std::fs::read_dir(corpus(target)).expect("corpus dir") {
            let bytes = std::fs::read(entry.expect("entry").path()).expect("read");
            let step = (bytes.len() / 64).max(1);
            for at in (0..bytes.len()).step_by(step) {
                let _ = run(&bytes[..at]);
                let mut flipped = bytes.clone();
                flipped[at] ^= 0x20;
                let _ = run(&flipped);
            }
        }
    }
}

#[test]
#[ignore = "writes the generated seed files into fuzz/corpus"]
fn write_seed_corpus() {
    let write = |target: &str, name: &str, bytes: &[u8]| {
        let dir = corpus(target);
        std::fs::create_dir_all(&dir).expect("corpus dir");
        std::fs::write(dir.join(name), bytes).expect("write seed");
    };
    // A real journey, whose journal entries become the payloads of the seeds.
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let id = env.create("hu-stage-opnamen", "2026-11-24").id;
    env.answer(
        &id,
        &[
            ("mentor_live", no()),
            ("purpose", choice("feedback")),
            ("device", choice("own_device")),
        ],
    );
    env.tick(&id, "vooraf.lwo");
    let dir = env.dir.path().to_owned();
    let keys = env.keys.clone();
    env.restart();
    let key_file = std::fs::read(dir.join("vault.key")).expect("key file");
    let (vault, _) = Vault::open(&dir, Unlock::Keyring(keys.as_ref())).expect("open");
    let payloads: Vec<Vec<u8>> = vault
        .entries()
        .expect("entries")
        .into_iter()
        .map(|e| e.payload)
        .collect();
    let refs: Vec<&[u8]> = payloads.iter().map(Vec::as_slice).collect();
    for (i, p) in payloads.iter().enumerate() {
        write("journal_entry", &format!("ok-entry-{}.json", i + 1), p);
    }
    let journal = fuzzing::seed_journal(&refs).expect("journal");
    write("vault_files", "ok-journal.log", &journal);
    write(
        "vault_files",
        "ok-journal-empty.log",
        &fuzzing::seed_journal(&[]).expect("empty journal"),
    );
    write(
        "vault_files",
        "journal.head",
        &fuzzing::seed_head(&refs).expect("head"),
    );
    write("vault_files", "vault-keyring.key", &key_file);
    let tmp = tempfile::tempdir().expect("temp dir");
    let pass =
        Passphrase::new(fuzzing::FUZZ_BACKUP_PASSPHRASE).with_kdf(KdfParams::INSECURE_FOR_TESTS);
    drop(Vault::create(tmp.path(), Unlock::Passphrase(&pass)).expect("passphrase vault"));
    write(
        "vault_files",
        "vault-passphrase.key",
        &std::fs::read(tmp.path().join("vault.key")).expect("key file"),
    );
    write(
        "backup",
        "ok-backup.owbackup",
        &fuzzing::seed_backup(&journal).expect("backup"),
    );
    drop(MemoryKeyStore::new());
}

#[test]
#[ignore = "writes the generated seed files into fuzz/corpus"]
fn write_snapshot_seeds() {
    use opnamewijs::store::set_snapshot_after_bytes;
    let write = |name: &str, bytes: &[u8]| {
        let dir = corpus("snapshot");
        std::fs::create_dir_all(&dir).expect("corpus dir");
        std::fs::write(dir.join(name), bytes).expect("write seed");
    };
    // The parts of a real snapshot: two recordings, a profile.
    set_snapshot_after_bytes(Some(0));
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    for day in ["2026-11-24", "2026-11-25"] {
        let id = env.create("hu-stage-opnamen", day).id;
        env.answer(
            &id,
            &[("mentor_live", no()), ("purpose", choice("feedback"))],
        );
    }
    env.restart();
    env.ws.wait_journal_check().expect("verified");
    let dir = env.dir.path().to_owned();
    let keys = env.keys.clone();
    env.close();
    let (vault, _, resumed) = Vault::resume(&dir, Unlock::Keyring(keys.as_ref())).expect("resume");
    let snapshot = resumed.snapshot.expect("opened from its snapshot");
    drop(vault);
    set_snapshot_after_bytes(None);
    let parts: Vec<Vec<u8>> = snapshot.parts.iter().map(|p| p.to_vec()).collect();
    // Sealed with the fuzz key, beside a journal that ends where the snapshot says.
    let offset = std::fs::metadata(dir.join("journal.log"))
        .expect("journal")
        .len();
    let sealed = fuzzing::seed_snapshot(snapshot.seq, offset, &parts).expect("seal");
    let journal_len = u32::try_from(offset).expect("small journal");
    write(
        "ok-file.snap",
        &[&[0u8][..], &journal_len.to_le_bytes(), &sealed].concat(),
    );
    // The same parts described, to be sealed by the target: seq, offset, count, index mask.
    let mut described = vec![1u8];
    described.extend_from_slice(&snapshot.seq.to_le_bytes());
    described.extend_from_slice(&offset.to_le_bytes());
    described.extend_from_slice(&u32::try_from(parts.len()).expect("count").to_le_bytes());
    described.extend_from_slice(&0u32.to_le_bytes());
    described.extend_from_slice(&parts.join(&0u8));
    write("ok-described.snap", &described);
    // Beside a journal shorter than it covers: ignored after its first part.
    write(
        "beside-a-shorter-journal.snap",
        &[&[0u8][..], &9u32.to_le_bytes(), &sealed].concat(),
    );
}
