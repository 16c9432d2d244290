//! The vault's side of [`crate::fuzzing`]: every vault file parsed from arbitrary bytes, in
//! memory, with a fixed data key so a seed journal made with [`seed_journal`] verifies.

use super::backup;
use super::crypto::{JournalKeys, SecretKey};
use super::journal::{self, Head, Resume};
use super::keys::{self, KdfParams, Passphrase, Unlock};
use super::{MemoryKeyStore, VaultError};
use std::path::Path;
use zeroize::Zeroizing;

/// The data key of fuzz journals. Never used for real data.
const FUZZ_DATA_KEY: [u8; 32] = [0x5a; 32];
/// The passphrase of fuzz backups (made with [`KdfParams::INSECURE_FOR_TESTS`]).
pub const FUZZ_BACKUP_PASSPHRASE: &str = "fuzz reservekopie wachtwoord";

fn keys() -> JournalKeys {
    JournalKeys::derive(&FUZZ_DATA_KEY)
}

/// A journal file with `payloads` as entries, chained with the fuzz data key.
pub fn seed_journal(payloads: &[&[u8]]) -> Result<Vec<u8>, VaultError> {
    let keys = keys();
    let mut out = journal::file_header().to_vec();
    let mut prev = journal::genesis(&keys);
    for (i, payload) in payloads.iter().enumerate() {
        let (frame, hash) = journal::encode_frame(&keys, i as u64 + 1, &prev, payload)?;
        out.extend_from_slice(&frame);
        prev = hash;
    }
    Ok(out)
}

/// The head record after `entries` of a journal made by [`seed_journal`].
pub fn seed_head(payloads: &[&[u8]]) -> Result<Vec<u8>, VaultError> {
    let keys = keys();
    let mut prev = journal::genesis(&keys);
    for (i, payload) in payloads.iter().enumerate() {
        prev = journal::encode_frame(&keys, i as u64 + 1, &prev, payload)?.1;
    }
    let head = Head {
        seq: payloads.len() as u64,
        hash: prev,
    };
    journal::encode_head(&keys, &head)
}

/// A backup of a journal made by [`seed_journal`], under [`FUZZ_BACKUP_PASSPHRASE`].
pub fn seed_backup(journal_bytes: &[u8]) -> Result<Vec<u8>, VaultError> {
    let passphrase =
        Passphrase::new(FUZZ_BACKUP_PASSPHRASE).with_kdf(KdfParams::INSECURE_FOR_TESTS);
    let plain = Zeroizing::new([FUZZ_DATA_KEY.as_slice(), journal_bytes].concat());
    backup::seal(&passphrase, &plain)
}

/// A state snapshot of `parts` after `seq` entries, the next frame at `offset`, sealed with the
/// fuzz key: the file as [`snapshot`] reads it when its first byte is even, after the journal
/// length (4 bytes, little-endian).
pub fn seed_snapshot(seq: u64, offset: u64, parts: &[Vec<u8>]) -> Result<Vec<u8>, VaultError> {
    let at = Resume {
        seq,
        hash: [0; 32],
        offset,
    };
    super::snapshot::encode(&keys(), &at, parts)
}

/// Reads `data` as a state snapshot, as opening the vault does (sizes and counts checked against
/// the journal and the bytes there are, then opened with the fuzz key), and returns its parts
/// when it is used. The first byte says what the rest is:
/// - even: the length of the journal beside it (u32, little-endian), then the file's bytes;
/// - odd: a snapshot described, sealed here with the fuzz key so that the fuzzer reaches what
///   only a genuine snapshot reaches: seq u64 | offset u64 | count u32 | index mask u32 (all
///   little-endian), then the parts, separated by NUL bytes. Part `i` is sealed as part
///   `i ^ mask` of `count`; the journal beside it ends at `offset`.
pub fn snapshot(data: &[u8]) -> Option<Vec<Zeroizing<Vec<u8>>>> {
    let (&mode, rest) = data.split_first()?;
    let word = |at: usize| -> Option<u32> {
        Some(u32::from_le_bytes(rest.get(at..at + 4)?.try_into().ok()?))
    };
    let long = |at: usize| -> Option<u64> {
        Some(u64::from_le_bytes(rest.get(at..at + 8)?.try_into().ok()?))
    };
    let (file, journal_len) = if mode % 2 == 0 {
        (rest.get(4..)?.to_vec(), u64::from(word(0)?))
    } else {
        let at = Resume {
            seq: long(0)?,
            hash: [0; 32],
            offset: long(8)?,
        };
        let (count, mask) = (word(16)?, word(20)?);
        let mut file = Vec::new();
        for (i, part) in (0u32..).zip(rest.get(24..)?.split(|&b| b == 0)) {
            let sealed =
                super::snapshot::seal_part(&keys(), &[7; 16], &at, (i ^ mask, count), part).ok()?;
            file.extend_from_slice(&u32::try_from(sealed.len()).ok()?.to_le_bytes());
            file.extend_from_slice(&sealed);
        }
        (file, at.offset)
    };
    let len = file.len() as u64;
    super::snapshot::read_from(file.as_slice(), len, &keys(), journal_len).map(|(_, parts)| parts)
}

/// Reads `data` as a journal (verified and decrypted, with the crash repairs of opening), as a
/// head record and as a key file. Returns the journal's payloads.
pub fn vault_files(data: &[u8]) -> (Result<Vec<Vec<u8>>, VaultError>, Vec<VaultError>) {
    let path = Path::new("fuzz");
    let keys = keys();
    let journal = (|| {
        let scan = journal::scan(path, data, &keys)?;
        let head = Head {
            seq: scan.len(),
            hash: scan.last_hash(),
        };
        journal::reconcile(&scan, &head, true)?;
        scan.frames
            .iter()
            .map(|f| journal::decrypt(f, &keys))
            .collect::<Result<Vec<_>, _>>()
    })();
    let mut others = Vec::new();
    // As a state snapshot: split into parts, each checked and opened (no error type: an unusable
    // snapshot is ignored).
    let _ = super::snapshot::decode(data, &keys);
    if let Err(e) = journal::decode_head(path, data, &keys, 0) {
        others.push(e);
    }
    let store = MemoryKeyStore::new();
    if let Err(e) = keys::unwrap_data_key(path, data, Unlock::Keyring(&store)) {
        others.push(e);
    }
    let cheap = Passphrase::new(FUZZ_BACKUP_PASSPHRASE);
    if let Ok(info) = keys::key_file_info(path, data) {
        // Only cheap derivations: the cost bounds of KdfParams are checked, not spent.
        if !info.keyring && cheap_kdf(data.get(11 + 17..).unwrap_or_default()) {
            if let Err(e) = keys::unwrap_data_key(path, data, Unlock::Passphrase(&cheap)) {
                others.push(e);
            }
        }
    }
    (journal, others)
}

/// Whether a salt-and-params block asks for at most the test cost (so fuzzing stays fast; the
/// real bounds are [`KdfParams`]' maximum, checked before any derivation).
fn cheap_kdf(block: &[u8]) -> bool {
    block
        .get(16..28)
        .and_then(KdfParams::from_bytes)
        .is_some_and(|k| k.memory_kib <= 64 && k.iterations <= 2 && k.lanes <= 2)
}

/// Reads `data` as a backup file under [`FUZZ_BACKUP_PASSPHRASE`] (decrypted and its journal
/// verified, as importing does before it writes anything). Returns the number of entries.
pub fn backup(data: &[u8]) -> Result<u64, VaultError> {
    let path = Path::new("fuzz.owbackup");
    let passphrase = Passphrase::new(FUZZ_BACKUP_PASSPHRASE);
    if let Some(header) = backup::header_of(data) {
        if !cheap_kdf(header) {
            return Err(VaultError::BadKdfParams {
                problem: "te duur voor een fuzz-test".to_owned(),
            });
        }
    }
    let opened = backup::open_bytes(path, data, &passphrase)?;
    let _: &SecretKey = &opened.data_key;
    Ok(opened.head.seq)
}
