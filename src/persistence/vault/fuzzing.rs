//! The vault's side of [`crate::fuzzing`]: every vault file parsed from arbitrary bytes, in
//! memory, with a fixed data key so a seed journal made with [`seed_journal`] verifies.

use super::backup;
use super::crypto::{JournalKeys, SecretKey};
use super::journal::{self, Head};
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
