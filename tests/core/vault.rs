//! The vault on its own: round trips, every kind of tampering with its position, torn tails after
//! a crash, keys (wrong key, wrong version, no keyring, passphrases), erase, backups, and a real
//! crash test that SIGKILLs a writer process.

use opnamewijs::error::{ErrorCode, ErrorPayload};
use opnamewijs::vault::{
    KdfParams, KeyStore, KeyStoreError, MemoryKeyStore, OsKeyring, Passphrase, Recovery,
    TamperKind, Unlock, Vault, VaultError, HEAD_FILE, JOURNAL_FILE, KEY_FILE,
};
use sha2::{Digest, Sha256};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

// ---------------------------------------------------------------------------------------------
// Helpers

/// A passphrase with cheap Argon2 parameters, so tests stay fast.
fn pass(text: &str) -> Passphrase {
    Passphrase::new(text).with_kdf(KdfParams::INSECURE_FOR_TESTS)
}

fn payload(seq: u64) -> Vec<u8> {
    format!("{{\"event\":\"copy_deleted\",\"n\":{seq}}}").into_bytes()
}

/// A keyring vault in a fresh temp dir with `n` entries.
struct Env {
    tmp: tempfile::TempDir,
    dir: PathBuf,
    store: MemoryKeyStore,
}

impl Env {
    fn with_entries(n: u64) -> (Env, Vault) {
        let tmp = tempfile::tempdir().expect("temp dir");
        let dir = tmp.path().join("vault");
        let store = MemoryKeyStore::new();
        let mut vault = Vault::create(&dir, Unlock::Keyring(&store)).expect("create vault");
        for seq in 1..=n {
            let info = vault.append(&payload(seq)).expect("append");
            assert_eq!(info.seq, seq);
        }
        (Env { tmp, dir, store }, vault)
    }

    fn open(&self) -> Result<(Vault, Recovery), VaultError> {
        Vault::open(&self.dir, Unlock::Keyring(&self.store))
    }

    fn path(&self, name: &str) -> PathBuf {
        self.dir.join(name)
    }

    fn read(&self, name: &str) -> Vec<u8> {
        std::fs::read(self.path(name)).expect("read vault file")
    }

    fn write(&self, name: &str, bytes: &[u8]) {
        std::fs::write(self.path(name), bytes).expect("write vault file");
    }
}

fn seqs(vault: &Vault) -> Vec<u64> {
    vault
        .entries()
        .expect("entries")
        .iter()
        .map(|e| e.seq)
        .collect()
}

/// The journal split into its file header and frames (`len u32 | body | check[8]`).
struct Frames {
    header: Vec<u8>,
    frames: Vec<Vec<u8>>,
}

const FILE_HEADER: usize = 9;
/// Offset of the ciphertext inside a frame: length, seq, prev, mac, envelope header, nonce.
const CIPHERTEXT_AT: usize = 4 + 8 + 32 + 32 + 8 + 1 + 2 + 24;

fn split(bytes: &[u8]) -> Frames {
    let mut frames = Vec::new();
    let mut pos = FILE_HEADER;
    while pos < bytes.len() {
        let len = u32::from_le_bytes(bytes[pos..pos + 4].try_into().expect("4 bytes")) as usize;
        let end = pos + 4 + len + 8;
        frames.push(bytes[pos..end].to_vec());
        pos = end;
    }
    Frames {
        header: bytes[..FILE_HEADER].to_vec(),
        frames,
    }
}

fn join(f: &Frames) -> Vec<u8> {
    let mut out = f.header.clone();
    for frame in &f.frames {
        out.extend_from_slice(frame);
    }
    out
}

/// Recomputes a frame's checksum after an edit, as a careful forger would.
fn fix_checksum(frame: &mut [u8]) {
    let n = frame.len() - 8;
    let digest = Sha256::digest(&frame[..n]);
    frame[n..].copy_from_slice(&digest[..8]);
}

fn tamper_of(result: Result<(Vault, Recovery), VaultError>) -> (u64, TamperKind) {
    match result {
        Err(VaultError::Tampered { position, kind }) => (position, kind),
        Err(other) => panic!("expected Tampered, got {other:?}"),
        Ok((_, recovery)) => panic!("expected Tampered, the vault opened ({recovery:?})"),
    }
}

// ---------------------------------------------------------------------------------------------
// Round trip

#[test]
fn round_trip_and_stable_head_hash() {
    let (env, mut vault) = Env::with_entries(0);
    assert!(vault.is_empty());
    let empty_hash = vault.head_hash();
    assert_eq!(empty_hash.len(), 64);
    for seq in 1..=25 {
        vault.append(&payload(seq)).expect("append");
    }
    let hash = vault.head_hash();
    assert_ne!(hash, empty_hash);
    let written = vault.entries().expect("entries");
    drop(vault);

    let (reopened, recovery) = env.open().expect("reopen");
    assert!(recovery.is_clean(), "{recovery}");
    assert_eq!(reopened.head_hash(), hash, "head hash stable across reopen");
    assert_eq!(reopened.len(), 25);
    let read = reopened.entries().expect("entries");
    assert_eq!(read, written);
    for (i, entry) in read.iter().enumerate() {
        assert_eq!(entry.seq, i as u64 + 1);
        assert_eq!(entry.payload, payload(entry.seq));
    }
    let verified = reopened.verify().expect("verify");
    assert_eq!(verified.entries, 25);
    assert_eq!(verified.head_hash_hex, hash);
}

#[test]
fn payloads_are_encrypted_at_rest() {
    let (env, mut vault) = Env::with_entries(0);
    vault
        .append(b"feedback gegeven door mentor Jansen")
        .expect("append");
    let journal = env.read(JOURNAL_FILE);
    assert!(!journal.windows(6).any(|w| w == b"Jansen"));
    assert!(!journal.windows(8).any(|w| w == b"feedback"));
}

#[test]
fn empty_and_large_payloads() {
    let (env, mut vault) = Env::with_entries(0);
    vault.append(b"").expect("empty payload");
    let big = vec![7u8; opnamewijs::vault::MAX_PAYLOAD];
    vault.append(&big).expect("largest payload");
    let too_big = vec![7u8; opnamewijs::vault::MAX_PAYLOAD + 1];
    assert!(matches!(
        vault.append(&too_big),
        Err(VaultError::EntryTooLarge { .. })
    ));
    drop(vault);
    let (vault, _) = env.open().expect("reopen");
    let entries = vault.entries().expect("entries");
    assert_eq!(entries.len(), 2);
    assert!(entries[0].payload.is_empty());
    assert_eq!(entries[1].payload, big);
}

// ---------------------------------------------------------------------------------------------
// Tampering

#[test]
fn tampering_is_detected_with_kind_and_position() {
    type Edit = fn(&mut Frames);
    let cases: &[(&str, Edit, u64, TamperKind)] = &[
        (
            "byte in entry 3's ciphertext",
            |f| f.frames[2][CIPHERTEXT_AT + 3] ^= 0x01,
            3,
            TamperKind::Edited,
        ),
        (
            "byte in entry 3's ciphertext, checksum recomputed",
            |f| {
                f.frames[2][CIPHERTEXT_AT + 3] ^= 0x01;
                fix_checksum(&mut f.frames[2]);
            },
            3,
            TamperKind::Edited,
        ),
        (
            "sequence number of entry 2 changed, checksum recomputed",
            |f| {
                f.frames[1][4] = 9;
                fix_checksum(&mut f.frames[1]);
            },
            2,
            TamperKind::Edited,
        ),
        (
            "byte in the last entry",
            |f| f.frames[4][CIPHERTEXT_AT] ^= 0x80,
            5,
            TamperKind::Edited,
        ),
        (
            "length field of entry 2 garbled",
            |f| f.frames[1][3] = 0x7f,
            2,
            TamperKind::Edited,
        ),
        (
            "entries 2 and 3 swapped",
            |f| f.frames.swap(1, 2),
            2,
            TamperKind::Reordered,
        ),
        (
            "entries 1 and 5 swapped",
            |f| f.frames.swap(0, 4),
            1,
            TamperKind::Reordered,
        ),
        (
            "entry 3 dropped",
            |f| {
                f.frames.remove(2);
            },
            3,
            TamperKind::Deleted,
        ),
        (
            "entry 1 dropped",
            |f| {
                f.frames.remove(0);
            },
            1,
            TamperKind::Deleted,
        ),
        (
            "copy of entry 2 inserted after entry 4",
            |f| {
                let copy = f.frames[1].clone();
                f.frames.insert(4, copy);
            },
            5,
            TamperKind::Inserted,
        ),
        (
            "copy of entry 1 inserted after itself",
            |f| {
                let copy = f.frames[0].clone();
                f.frames.insert(1, copy);
            },
            2,
            TamperKind::Inserted,
        ),
        (
            "copy of the last entry appended",
            |f| {
                let copy = f.frames[4].clone();
                f.frames.push(copy);
            },
            6,
            TamperKind::Inserted,
        ),
        (
            "last two entries cut",
            |f| f.frames.truncate(3),
            4,
            TamperKind::Truncated,
        ),
        (
            "every entry cut",
            |f| f.frames.clear(),
            1,
            TamperKind::Truncated,
        ),
    ];
    for (name, edit, position, kind) in cases {
        let (env, vault) = Env::with_entries(5);
        drop(vault);
        let mut frames = split(&env.read(JOURNAL_FILE));
        edit(&mut frames);
        let tampered = join(&frames);
        env.write(JOURNAL_FILE, &tampered);
        let head = env.read(HEAD_FILE);
        assert_eq!(tamper_of(env.open()), (*position, *kind), "case: {name}");
        assert_eq!(
            env.read(JOURNAL_FILE),
            tampered,
            "journal untouched: {name}"
        );
        assert_eq!(env.read(HEAD_FILE), head, "head untouched: {name}");
    }
}

#[test]
fn cutting_inside_an_acknowledged_entry_is_truncation_not_a_torn_tail() {
    let (env, vault) = Env::with_entries(5);
    drop(vault);
    let journal = env.read(JOURNAL_FILE);
    let cut = &journal[..journal.len() - 10];
    env.write(JOURNAL_FILE, cut);
    assert_eq!(tamper_of(env.open()), (5, TamperKind::Truncated));
    assert_eq!(env.read(JOURNAL_FILE), cut, "nothing repaired");
}

#[test]
fn garbage_after_the_last_acknowledged_entry_is_kept_out_of_history() {
    // A checksum-broken frame in the middle is never treated as a torn tail, even with the
    // frames after it removed: only a frame *beyond* the head may be torn.
    let (env, vault) = Env::with_entries(3);
    drop(vault);
    let mut frames = split(&env.read(JOURNAL_FILE));
    frames.frames[1][CIPHERTEXT_AT] ^= 1;
    env.write(JOURNAL_FILE, &join(&frames));
    assert_eq!(tamper_of(env.open()), (2, TamperKind::Edited));
}

#[test]
fn head_tampering_is_detected() {
    let (env, mut vault) = Env::with_entries(3);
    let old_head = env.read(HEAD_FILE);
    vault.append(&payload(4)).expect("append");
    vault.append(&payload(5)).expect("append");
    drop(vault);

    let head = env.read(HEAD_FILE);
    std::fs::remove_file(env.path(HEAD_FILE)).expect("remove head");
    assert_eq!(tamper_of(env.open()), (5, TamperKind::Head), "head removed");

    env.write(HEAD_FILE, &old_head);
    assert_eq!(
        tamper_of(env.open()),
        (4, TamperKind::Head),
        "head rolled back"
    );

    let (other, other_vault) = Env::with_entries(5);
    drop(other_vault);
    env.write(HEAD_FILE, &other.read(HEAD_FILE));
    assert_eq!(
        tamper_of(env.open()),
        (5, TamperKind::Head),
        "head of another vault"
    );

    let mut damaged = head.clone();
    damaged[20] ^= 1;
    env.write(HEAD_FILE, &damaged);
    assert_eq!(tamper_of(env.open()), (5, TamperKind::Head), "head damaged");

    env.write(HEAD_FILE, &head);
    env.open().expect("the real head opens again");
}

#[test]
fn tampering_while_open_is_seen_by_verify_and_entries() {
    let (env, vault) = Env::with_entries(4);
    let mut frames = split(&env.read(JOURNAL_FILE));
    frames.frames.swap(2, 3);
    env.write(JOURNAL_FILE, &join(&frames));
    assert!(matches!(
        vault.verify(),
        Err(VaultError::Tampered {
            position: 3,
            kind: TamperKind::Reordered
        })
    ));
    assert!(matches!(
        vault.entries(),
        Err(VaultError::Tampered { position: 3, .. })
    ));
}

#[test]
fn tamper_error_reads_as_dutch_with_a_stable_code() {
    let err = VaultError::Tampered {
        position: 7,
        kind: TamperKind::Deleted,
    };
    let payload = ErrorPayload::from(err);
    assert_eq!(payload.code, "vault.tampered");
    assert_eq!(
        payload.message,
        "Het dagboek is gewijzigd buiten Opnamewijs om (item 7: item verwijderd). Er is niets overschreven."
    );
}

// ---------------------------------------------------------------------------------------------
// Torn tails

#[test]
fn torn_tail_at_every_offset_is_discarded_and_repaired() {
    let (env, mut vault) = Env::with_entries(4);
    let head_before = env.read(HEAD_FILE);
    let start = env.read(JOURNAL_FILE).len();
    vault.append(&payload(5)).expect("append");
    drop(vault);
    let full = env.read(JOURNAL_FILE);
    // A crash while entry 5 was being written: the head still says 4, the frame is partial.
    for cut in start + 1..full.len() {
        env.write(JOURNAL_FILE, &full[..cut]);
        env.write(HEAD_FILE, &head_before);
        let (vault, recovery) = env.open().unwrap_or_else(|e| panic!("cut at {cut}: {e}"));
        assert_eq!(
            recovery.discarded_tail_bytes,
            (cut - start) as u64,
            "cut at {cut}"
        );
        assert!(!recovery.head_repaired);
        assert_eq!(seqs(&vault), vec![1, 2, 3, 4], "cut at {cut}");
        assert_eq!(
            std::fs::metadata(env.path(JOURNAL_FILE))
                .expect("metadata")
                .len(),
            start as u64,
            "file repaired, cut at {cut}"
        );
        drop(vault);
        let (_, again) = env.open().expect("reopen after repair");
        assert!(again.is_clean(), "second open is clean, cut at {cut}");
    }
    // And the journal goes on from there.
    let (mut vault, _) = env.open().expect("open");
    vault.append(&payload(5)).expect("append after repair");
    assert_eq!(seqs(&vault), vec![1, 2, 3, 4, 5]);
}

#[test]
fn zeroed_last_frame_is_a_torn_tail() {
    let (env, mut vault) = Env::with_entries(2);
    let head_before = env.read(HEAD_FILE);
    let start = env.read(JOURNAL_FILE).len();
    vault.append(&payload(3)).expect("append");
    drop(vault);
    let mut journal = env.read(JOURNAL_FILE);
    // The file grew but the frame's data never reached the disk.
    journal[start + 20..].fill(0);
    env.write(JOURNAL_FILE, &journal);
    env.write(HEAD_FILE, &head_before);
    let (vault, recovery) = env.open().expect("open");
    assert_eq!(
        recovery.discarded_tail_bytes,
        (journal.len() - start) as u64
    );
    assert_eq!(seqs(&vault), vec![1, 2]);
    assert!(recovery.to_string().contains("onvolledig"));
}

#[test]
fn journal_one_ahead_of_the_head_is_accepted_and_the_head_fixed() {
    let (env, mut vault) = Env::with_entries(3);
    let head_before = env.read(HEAD_FILE);
    vault.append(&payload(4)).expect("append");
    let hash = vault.head_hash();
    drop(vault);
    // A crash between the journal's fsync and the head update.
    env.write(HEAD_FILE, &head_before);
    let (vault, recovery) = env.open().expect("open");
    assert!(recovery.head_repaired);
    assert_eq!(recovery.discarded_tail_bytes, 0);
    assert_eq!(vault.head_hash(), hash);
    assert_eq!(seqs(&vault), vec![1, 2, 3, 4]);
    drop(vault);
    let (_, again) = env.open().expect("reopen");
    assert!(again.is_clean());
}

// ---------------------------------------------------------------------------------------------
// Keys, versions, keyring, passphrases

#[test]
fn a_different_keyring_secret_is_a_wrong_key() {
    let (env, vault) = Env::with_entries(2);
    drop(vault);
    let accounts = env.store.accounts();
    assert_eq!(accounts.len(), 1);
    assert!(accounts[0].starts_with("vault-"));
    env.store
        .set(&accounts[0], &[42u8; 32])
        .expect("replace secret");
    assert!(matches!(env.open(), Err(VaultError::WrongKey)));
    assert!(matches!(
        Vault::open(&env.dir, Unlock::Keyring(&MemoryKeyStore::new())),
        Err(VaultError::KeyNotFound)
    ));
}

#[test]
fn wrong_magic_and_version_are_typed_errors() {
    type Edit = fn(&mut Vec<u8>);
    let cases: &[(&str, &str, Edit, &str)] = &[
        (
            "key file magic",
            KEY_FILE,
            |b| b[0] = b'X',
            "vault.not_a_vault",
        ),
        (
            "key file version",
            KEY_FILE,
            |b| b[8] = 2,
            "vault.unsupported_version",
        ),
        (
            "journal magic",
            JOURNAL_FILE,
            |b| b[..8].copy_from_slice(b"NOTMINE!"),
            "vault.not_a_vault",
        ),
        (
            "journal version",
            JOURNAL_FILE,
            |b| b[8] = 2,
            "vault.unsupported_version",
        ),
        (
            "head version",
            HEAD_FILE,
            |b| b[8] = 2,
            "vault.unsupported_version",
        ),
        (
            "key file damaged",
            KEY_FILE,
            |b| {
                let n = b.len();
                b[n - 20] ^= 1;
            },
            "vault.unreadable",
        ),
        (
            "key file cut",
            KEY_FILE,
            |b| b.truncate(30),
            "vault.unreadable",
        ),
    ];
    for (name, file, edit, code) in cases {
        let (env, vault) = Env::with_entries(2);
        drop(vault);
        let mut bytes = env.read(file);
        edit(&mut bytes);
        env.write(file, &bytes);
        let err = env.open().err().unwrap_or_else(|| panic!("{name}: opened"));
        assert_eq!(err.code(), *code, "{name}: {err}");
        if let VaultError::UnsupportedVersion { found, path } = &err {
            assert_eq!(*found, 2, "{name}");
            assert_eq!(path, &env.path(file), "{name}");
        }
        if let VaultError::NotAVault { path } = &err {
            assert_eq!(path, &env.path(file), "{name}");
        }
        assert_eq!(env.read(file), bytes, "{name}: file untouched");
    }
}

#[test]
fn no_keyring_then_passphrase() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("vault");
    let store = MemoryKeyStore::new();
    store.fail_with(KeyStoreError::Unavailable("no D-Bus session".into()));
    let err = Vault::create(&dir, Unlock::Keyring(&store)).expect_err("no keyring");
    assert!(matches!(err, VaultError::KeyringUnavailable { .. }));
    let shown = ErrorPayload::from(err);
    assert_eq!(shown.code, "vault.keyring_unavailable");
    assert_eq!(
        shown.message,
        "De sleutelbos van je besturingssysteem is niet beschikbaar. Kies een wachtwoordzin om je gegevens te beveiligen."
    );
    assert!(!Vault::exists(&dir), "nothing written without a key");

    let passphrase = pass("correct paard batterij");
    let mut vault = Vault::create(&dir, Unlock::Passphrase(&passphrase)).expect("create");
    vault.append(b"een").expect("append");
    vault.append(b"twee").expect("append");
    drop(vault);

    let (vault, _) = Vault::open(&dir, Unlock::Passphrase(&pass("correct paard batterij")))
        .expect("open with passphrase");
    assert_eq!(vault.entries().expect("entries").len(), 2);
    drop(vault);

    let wrong = Vault::open(&dir, Unlock::Passphrase(&pass("verkeerd paard batterij")));
    assert!(
        matches!(wrong, Err(VaultError::WrongPassphrase)),
        "{wrong:?}"
    );
    assert_eq!(
        wrong.err().map(|e| e.to_string()),
        Some("Deze wachtwoordzin klopt niet.".to_owned())
    );

    store.heal();
    assert!(matches!(
        Vault::open(&dir, Unlock::Keyring(&store)),
        Err(VaultError::NeedsPassphrase)
    ));

    // A damaged key file is damage, not a wrong passphrase.
    let key_path = dir.join(KEY_FILE);
    let mut key = std::fs::read(&key_path).expect("key file");
    let n = key.len();
    key[n - 12] ^= 1;
    std::fs::write(&key_path, &key).expect("write key file");
    assert!(matches!(
        Vault::open(&dir, Unlock::Passphrase(&passphrase)),
        Err(VaultError::Unreadable { .. })
    ));
}

#[test]
fn locked_keyring_and_short_passphrases() {
    let (env, vault) = Env::with_entries(1);
    drop(vault);
    env.store
        .fail_with(KeyStoreError::Locked("collection is locked".into()));
    assert!(matches!(
        env.open(),
        Err(VaultError::KeyringUnavailable {
            reason: KeyStoreError::Locked(_)
        })
    ));
    env.store.heal();
    assert!(matches!(
        Vault::open(&env.dir, Unlock::Passphrase(&pass("whatever long enough"))),
        Err(VaultError::NeedsKeyring)
    ));

    let tmp = tempfile::tempdir().expect("temp dir");
    assert!(matches!(
        Vault::create(tmp.path(), Unlock::Passphrase(&pass("kort"))),
        Err(VaultError::PassphraseTooShort { min: 12 })
    ));
    assert!(!Vault::exists(tmp.path()));
}

/// A new passphrase must be hard to guess, and the refusal says why, in Dutch and English; the
/// passphrase of an existing vault is never judged again.
#[test]
fn weak_new_passphrases_are_refused_with_the_reason() {
    use opnamewijs::error::Localized;
    use opnamewijs::vault::Weakness;
    let tmp = tempfile::tempdir().expect("temp dir");
    let err = Vault::create(tmp.path(), Unlock::Passphrase(&pass("Welkom2026!!")))
        .expect_err("weak passphrase");
    let VaultError::PassphraseWeak { weaknesses } = &err else {
        panic!("{err:?}");
    };
    assert_eq!(
        weaknesses,
        &[
            Weakness::Common {
                word: "welkom".into()
            },
            Weakness::Date,
        ]
    );
    assert_eq!(
        err.to_string(),
        "Deze wachtwoordzin is te makkelijk te raden: hij bevat het veelgebruikte woord 'welkom' \
         en een jaartal of datum. Kies bijvoorbeeld vier losse woorden die niet bij elkaar \
         horen, zoals 'fiets wolk pindakaas lantaarn'."
    );
    assert_eq!(
        err.english(),
        "This passphrase is easy to guess: it contains the common word 'welkom' and a year or \
         date. Choose, for example, four separate words that do not belong together, such as \
         'bicycle cloud peanut lantern'."
    );
    assert!(!Vault::exists(tmp.path()), "nothing written");
    for weak in [
        "wachtwoord123",
        "qwertyuiop12",
        "aaaaaaaaaaaaaaaa",
        "ikhouvanjou1234",
    ] {
        assert!(
            matches!(
                Vault::create(tmp.path(), Unlock::Passphrase(&pass(weak))),
                Err(VaultError::PassphraseWeak { .. })
            ),
            "{weak}"
        );
    }
    let backup = tmp.path().join("backup.owbackup");
    let (env, vault) = Env::with_entries(2);
    assert!(matches!(
        vault.export_backup(&backup, &pass("geheim geheim")),
        Err(VaultError::PassphraseWeak { .. })
    ));
    drop((env, vault));
    Vault::create(
        tmp.path(),
        Unlock::Passphrase(&pass("Łukasz fietst naar Zwolle")),
    )
    .expect("a strong passphrase");
}

/// New keys get Argon2id at 64 MiB and three passes; a vault made with cheaper parameters still
/// opens with its passphrase, and that unlock re-wraps its key with today's (the data stays).
#[test]
fn an_older_cheaper_key_is_rewrapped_at_the_next_unlock() {
    use opnamewijs::vault::kdf_of_key_file;
    const { assert!(KdfParams::RECOMMENDED.memory_kib >= 64 * 1024) };
    const { assert!(KdfParams::RECOMMENDED.iterations >= 3) };
    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("vault");
    let words = "paarse fiets onder de brug";
    let old = KdfParams {
        memory_kib: 19 * 1024,
        iterations: 2,
        lanes: 1,
    };
    let mut vault = Vault::create(
        &dir,
        Unlock::Passphrase(&Passphrase::new(words).with_kdf(old)),
    )
    .expect("create with the parameters of an earlier version");
    vault.append(b"een").expect("append");
    drop(vault);
    let key_path = dir.join(KEY_FILE);
    assert_eq!(
        kdf_of_key_file(&std::fs::read(&key_path).expect("key")),
        Some(old)
    );

    // The app unlocks with a typed passphrase, which carries today's parameters.
    let (vault, _) = Vault::open(&dir, Unlock::Passphrase(&Passphrase::new(words))).expect("opens");
    assert_eq!(vault.entries().expect("entries").len(), 1);
    drop(vault);
    let rewrapped = std::fs::read(&key_path).expect("key");
    assert_eq!(kdf_of_key_file(&rewrapped), Some(KdfParams::RECOMMENDED));
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&key_path)
            .expect("meta")
            .permissions()
            .mode();
        assert_eq!(mode & 0o777, 0o600, "the new key file is the user's only");
    }

    // Opens again, with the same passphrase only; a second unlock changes nothing.
    assert!(matches!(
        Vault::open(
            &dir,
            Unlock::Passphrase(&Passphrase::new("verkeerde fiets onder de brug"))
        ),
        Err(VaultError::WrongPassphrase)
    ));
    let (vault, _) =
        Vault::open(&dir, Unlock::Passphrase(&Passphrase::new(words))).expect("opens again");
    assert_eq!(vault.entries().expect("entries").len(), 1);
    drop(vault);
    assert_eq!(std::fs::read(&key_path).expect("key"), rewrapped);
}

#[test]
fn create_refuses_an_existing_vault_and_open_an_empty_dir() {
    let (env, vault) = Env::with_entries(1);
    drop(vault);
    assert!(matches!(
        Vault::create(&env.dir, Unlock::Keyring(&env.store)),
        Err(VaultError::AlreadyExists { .. })
    ));
    let tmp = tempfile::tempdir().expect("temp dir");
    assert!(matches!(
        Vault::open(tmp.path(), Unlock::Keyring(&env.store)),
        Err(VaultError::NotFound { .. })
    ));
}

// ---------------------------------------------------------------------------------------------
// Erase and backups

#[test]
fn erase_leaves_nothing() {
    let (env, mut vault) = Env::with_entries(3);
    vault.append(b"laatste").expect("append");
    drop(vault);
    // A temporary file an interrupted head update left behind is the vault's too.
    env.write(".journal.head.AbC123", b"half");
    assert!(!Vault::leftovers(&env.dir, &env.store).is_empty());
    Vault::erase(&env.dir, &env.store).expect("erase");
    assert_eq!(Vault::leftovers(&env.dir, &env.store), Vec::<String>::new());
    assert!(env.store.accounts().is_empty(), "keyring entry deleted");
    assert!(!env.dir.exists(), "directory removed");
    assert!(!Vault::exists(&env.dir));
    Vault::erase(&env.dir, &env.store).expect("erasing twice is fine");
}

#[test]
fn erase_without_keyring_keeps_the_key_file_and_says_so() {
    let (env, vault) = Env::with_entries(2);
    drop(vault);
    env.store
        .fail_with(KeyStoreError::Unavailable("no D-Bus session".into()));
    assert!(matches!(
        Vault::erase(&env.dir, &env.store),
        Err(VaultError::KeyringUnavailable { .. })
    ));
    let left = Vault::leftovers(&env.dir, &env.store);
    assert!(!env.path(JOURNAL_FILE).exists());
    assert!(!env.path(HEAD_FILE).exists());
    assert!(left.iter().any(|l| l.ends_with(KEY_FILE)), "{left:?}");
    assert!(
        left.iter().any(|l| l.contains("niet te controleren")),
        "{left:?}"
    );
    env.store.heal();
    Vault::erase(&env.dir, &env.store).expect("erase again");
    assert!(Vault::leftovers(&env.dir, &env.store).is_empty());
    assert!(env.store.accounts().is_empty());
}

#[test]
fn erase_leaves_files_that_are_not_the_vaults() {
    let (env, vault) = Env::with_entries(1);
    drop(vault);
    env.write("notities.txt", b"van de gebruiker");
    Vault::erase(&env.dir, &env.store).expect("erase");
    let left = Vault::leftovers(&env.dir, &env.store);
    assert_eq!(left.len(), 1, "{left:?}");
    assert!(left[0].ends_with("notities.txt"));
}

#[test]
fn backup_export_import_round_trip() {
    let (env, vault) = Env::with_entries(6);
    let backup = env.tmp.path().join("reservekopie.owbackup");
    let backup_pass = pass("reservekopie wachtwoord");
    let verified = vault.export_backup(&backup, &backup_pass).expect("export");
    assert_eq!(verified.entries, 6);
    let bytes = std::fs::read(&backup).expect("backup file");
    assert_eq!(&bytes[..8], b"OPNWBKUP");
    assert!(!bytes.windows(13).any(|w| w == b"copy_deleted\""));

    // Restore on another machine: a new dir, a new keyring.
    let target = env.tmp.path().join("restored");
    let store = MemoryKeyStore::new();
    let mut restored = Vault::import_backup(
        &backup,
        &pass("reservekopie wachtwoord"),
        &target,
        Unlock::Keyring(&store),
    )
    .expect("import");
    assert_eq!(
        restored.entries().expect("entries"),
        vault.entries().expect("entries")
    );
    assert_eq!(restored.head_hash(), vault.head_hash(), "same head hash");
    restored.append(&payload(7)).expect("append after import");
    drop(restored);
    let (reopened, recovery) =
        Vault::open(&target, Unlock::Keyring(&store)).expect("reopen restored");
    assert!(recovery.is_clean());
    assert_eq!(reopened.len(), 7);

    // Importing over an existing vault is refused, before any work.
    assert!(matches!(
        Vault::import_backup(&backup, &backup_pass, &env.dir, Unlock::Keyring(&env.store)),
        Err(VaultError::AlreadyExists { .. })
    ));
    assert!(matches!(
        Vault::import_backup(&backup, &backup_pass, &target, Unlock::Keyring(&store)),
        Err(VaultError::AlreadyExists { .. })
    ));
}

#[test]
fn backup_with_wrong_passphrase_damage_or_wrong_magic() {
    let (env, vault) = Env::with_entries(2);
    let backup = env.tmp.path().join("reservekopie.owbackup");
    vault
        .export_backup(&backup, &pass("reservekopie wachtwoord"))
        .expect("export");
    let target = env.tmp.path().join("restored");
    let store = MemoryKeyStore::new();
    let import =
        |p: &str| Vault::import_backup(&backup, &pass(p), &target, Unlock::Keyring(&store));

    assert!(matches!(
        import("verkeerd wachtwoord"),
        Err(VaultError::WrongPassphrase)
    ));
    assert!(!Vault::exists(&target), "nothing written");
    assert!(store.accounts().is_empty(), "nothing in the keyring");

    let good = std::fs::read(&backup).expect("backup");
    let mut damaged = good.clone();
    let n = damaged.len();
    damaged[n - 30] ^= 1;
    std::fs::write(&backup, &damaged).expect("write");
    assert!(matches!(
        import("reservekopie wachtwoord"),
        Err(VaultError::Unreadable { .. })
    ));

    std::fs::write(&backup, env.read(JOURNAL_FILE)).expect("write");
    assert!(matches!(
        import("reservekopie wachtwoord"),
        Err(VaultError::NotAVault { .. })
    ));

    std::fs::write(&backup, &good).expect("write");
    import("reservekopie wachtwoord").expect("the intact backup imports");
}

// ---------------------------------------------------------------------------------------------
// Crashes

const CRASH_ENV: &str = "OPNAMEWIJS_VAULT_CRASH_CHILD";
const CRASH_PASS: &str = "crash test wachtwoord";
/// How many times the crash test kills its writer (`cargo xtask stress` sets 1,000).
const CRASH_KILLS_ENV: &str = "OPNAMEWIJS_CRASH_KILLS";
/// A fresh vault after this many kills, so reopening stays quick however many kills there are.
const KILLS_PER_VAULT: u64 = 20;

/// Entry `seq` of the crash test: from a few bytes to 6 KiB, so a kill often lands in the middle
/// of writing a frame.
fn crash_payload(seq: u64) -> Vec<u8> {
    let mut bytes = payload(seq);
    let pad = (seq.wrapping_mul(7919) % 6_144) as usize;
    bytes.extend(std::iter::repeat_n(b'x', pad));
    bytes
}

/// A small deterministic random sequence (xorshift64*), so a failing round can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d) % n
    }
}

/// The child writer of [`kill_during_appends_loses_nothing_acknowledged`]; does nothing unless
/// the environment variable names a vault directory.
#[test]
fn crash_child() {
    let Ok(dir) = std::env::var(CRASH_ENV) else {
        return;
    };
    // As the app opens: from the snapshot when there is one, then the owed check of the whole
    // journal and a new snapshot (its content: how many entries it covers) on another thread,
    // so kills also land in the check, in snapshot writes, and in appends waiting for both.
    let (mut vault, _, _) =
        Vault::resume(Path::new(&dir), Unlock::Passphrase(&pass(CRASH_PASS))).expect("child opens");
    let covered = vault.len();
    vault.finish_in_background(Some(vec![covered.to_string().into_bytes()]));
    let mut out = std::io::stdout().lock();
    writeln!(out, "OPEN {}", vault.len()).expect("write to parent");
    out.flush().expect("flush to parent");
    let started = Instant::now();
    // Bounded, in case the parent died: it kills us long before this.
    while started.elapsed() < Duration::from_secs(10) {
        let seq = vault.len() + 1;
        let info = vault.append(&crash_payload(seq)).expect("child appends");
        writeln!(out, "ACK {}", info.seq).expect("write to parent");
        out.flush().expect("flush to parent");
    }
}

/// SQLite-style crash test: a child process appends entries and reports each acknowledged one;
/// the parent SIGKILLs it at a moving point (after a random number of acknowledged appends, from
/// none to ten, plus a random delay of up to five milliseconds, so the kill lands before,
/// inside and between writes and head updates however fast the machine is), then reopens the
/// vault, which must verify and hold every acknowledged entry. Prints one summary line for `cargo xtask
/// stress`: `crash-summary kills=… survived=… lost=… repaired=… acked=…`.
#[test]
fn kill_during_appends_loses_nothing_acknowledged() {
    let kills: u64 = std::env::var(CRASH_KILLS_ENV)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(30);
    let tmp = tempfile::tempdir().expect("temp dir");
    let exe = std::env::current_exe().expect("test binary");
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15 ^ kills);
    let (mut survived, mut lost, mut repaired, mut total_acked) = (0u64, 0u64, 0u64, 0u64);
    let mut from_snapshot = 0u64;
    let mut failures = Vec::new();
    let mut dir = PathBuf::new();
    let mut acknowledged = 0u64;
    for round in 0..kills {
        if round % KILLS_PER_VAULT == 0 {
            dir = tmp.path().join(format!("vault-{round}"));
            drop(Vault::create(&dir, Unlock::Passphrase(&pass(CRASH_PASS))).expect("create"));
            acknowledged = 0;
        }
        let mut child = std::process::Command::new(&exe)
            .args(["--exact", "vault::crash_child", "--nocapture"])
            .env(CRASH_ENV, &dir)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("spawn child writer");
        let stdout = child.stdout.take().expect("child stdout");
        // The reader counts the child's progress: 0 once it opened the vault, then each ack.
        let (progress_tx, progress_rx) = std::sync::mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut acks = Vec::new();
            for line in std::io::BufReader::new(stdout)
                .lines()
                .map_while(Result::ok)
            {
                if line.starts_with("OPEN ") {
                    let _ = progress_tx.send(0);
                } else if let Some(seq) = line.strip_prefix("ACK ").and_then(|n| n.parse().ok()) {
                    acks.push(seq);
                    let _ = progress_tx.send(acks.len());
                }
            }
            acks
        });
        // The kill point moves: after 0 to 10 acknowledged appends, then up to 5 ms more.
        let target = rng.below(11) as usize;
        while let Ok(seen) = progress_rx.recv_timeout(Duration::from_secs(10)) {
            if seen >= target {
                break;
            }
        }
        std::thread::sleep(Duration::from_micros(rng.below(5_000)));
        child.kill().expect("SIGKILL the child");
        child.wait().expect("reap the child");
        let acked: Vec<u64> = reader.join().expect("reader thread");
        total_acked += acked.len() as u64;
        if let Some(&last) = acked.last() {
            acknowledged = acknowledged.max(last);
        }

        let outcome = (|| -> Result<bool, String> {
            // First as the app reopens: the snapshot (if it fits) and the entries after it, which
            // must add up to the journal, and the owed check, which must pass.
            let (vault, recovery, resumed) =
                Vault::resume(&dir, Unlock::Passphrase(&pass(CRASH_PASS)))
                    .map_err(|e| format!("reopen failed: {e}"))?;
            let first = match &resumed.snapshot {
                Some(snap) => {
                    if snap.parts.len() != 1
                        || snap.parts[0][..] != *snap.seq.to_string().as_bytes()
                    {
                        return Err(format!("the snapshot at {} holds something else", snap.seq));
                    }
                    from_snapshot += 1;
                    snap.seq
                }
                None => 0,
            };
            for (i, entry) in resumed.entries.iter().enumerate() {
                if entry.seq != first + i as u64 + 1 || entry.payload != crash_payload(entry.seq) {
                    return Err(format!(
                        "entry {} after the snapshot is not what was written",
                        i + 1
                    ));
                }
            }
            if first + resumed.entries.len() as u64 != vault.len() {
                return Err("snapshot and entries do not add up to the journal".to_owned());
            }
            vault.settle(true).map_err(|e| format!("owed check: {e}"))?;
            drop(vault);
            let (vault, _) = Vault::open(&dir, Unlock::Passphrase(&pass(CRASH_PASS)))
                .map_err(|e| format!("reopen failed: {e}"))?;
            let entries = vault.entries().map_err(|e| e.to_string())?;
            for (i, entry) in entries.iter().enumerate() {
                if entry.seq != i as u64 + 1 || entry.payload != crash_payload(entry.seq) {
                    return Err(format!("entry {} is not what was written", i + 1));
                }
            }
            let present = entries.len() as u64;
            if acknowledged > present {
                lost += acknowledged - present;
                return Err(format!(
                    "acknowledged {acknowledged} but only {present} entries"
                ));
            }
            vault.verify().map_err(|e| format!("chain: {e}"))?;
            Ok(!recovery.is_clean())
        })();
        match outcome {
            Ok(was_repaired) => {
                survived += 1;
                repaired += u64::from(was_repaired);
            }
            Err(e) => failures.push(format!("round {round}: {e}")),
        }
    }
    eprintln!(
        "crash-summary kills={kills} survived={survived} lost={lost} repaired={repaired} acked={total_acked} from_snapshot={from_snapshot}"
    );
    assert!(failures.is_empty(), "crash rounds failed: {failures:#?}");
    assert!(
        total_acked >= kills,
        "the children appended too little to test anything ({total_acked} acks, {repaired} repairs)"
    );
}

// ---------------------------------------------------------------------------------------------
// The real OS keyring

/// Runs against a real Secret Service; the end-to-end harness runs it under `dbus-run-session`
/// with an unlocked gnome-keyring and `OPNAMEWIJS_TEST_SECRET_SERVICE=1`.
#[test]
#[ignore = "needs a Secret Service: set OPNAMEWIJS_TEST_SECRET_SERVICE=1 under dbus-run-session"]
fn os_keyring_round_trip_with_secret_service() {
    if std::env::var("OPNAMEWIJS_TEST_SECRET_SERVICE").as_deref() != Ok("1") {
        return;
    }
    let keyring = OsKeyring::new();
    assert_ne!(
        keyring.service(),
        "nl.opnamewijs.app",
        "tests never use the release service name"
    );
    keyring.set("probe", b"\x00\x01geheim").expect("set");
    let secret = keyring.get("probe").expect("get").expect("present");
    assert_eq!(secret.expose().as_slice(), b"\x00\x01geheim");
    keyring.delete("probe").expect("delete");
    assert!(keyring.get("probe").expect("get").is_none());
    keyring.delete("probe").expect("deleting twice is fine");

    let tmp = tempfile::tempdir().expect("temp dir");
    let dir = tmp.path().join("vault");
    let mut vault = Vault::create(&dir, Unlock::Keyring(&keyring)).expect("create");
    vault.append(b"via de sleutelbos").expect("append");
    drop(vault);
    let (vault, _) = Vault::open(&dir, Unlock::Keyring(&OsKeyring::new())).expect("reopen");
    assert_eq!(
        vault.entries().expect("entries")[0].payload,
        b"via de sleutelbos"
    );
    drop(vault);
    let left = Vault::leftovers(&dir, &keyring);
    assert!(
        left.iter().any(|l| l.starts_with("sleutelbos: ")),
        "{left:?}"
    );
    Vault::erase(&dir, &keyring).expect("erase");
    assert!(Vault::leftovers(&dir, &keyring).is_empty());
}

#[cfg(unix)]
#[test]
fn vault_files_are_private_to_the_owner() {
    use std::os::unix::fs::PermissionsExt;
    let (env, vault) = Env::with_entries(1);
    let backup = env.tmp.path().join("reservekopie.owbackup");
    vault
        .export_backup(&backup, &pass("reservekopie wachtwoord"))
        .expect("export");
    for path in [
        env.path(JOURNAL_FILE),
        env.path(HEAD_FILE),
        env.path(KEY_FILE),
        backup,
    ] {
        let mode = std::fs::metadata(&path)
            .expect("metadata")
            .permissions()
            .mode();
        assert_eq!(mode & 0o077, 0, "{} is {mode:o}", path.display());
    }
}
