//! The state snapshot: what the journal's entries add up to after a given entry, sealed with the
//! vault's key, so that opening decrypts and reads one snapshot and the entries after it instead
//! of every entry since the first.
//!
//! ```text
//! state.snap := part*
//! part       := part_len u32 LE | envelope("OPNWSNAP", header, context "state.snap", bytes) | check[8]
//! header     := snapshot id[16] | seq u64 LE | chain hash[32] | offset u64 LE | index u32 LE | count u32 LE
//! ```
//!
//! The header says after which entry the snapshot was taken, that entry's chain hash, and where
//! the next frame starts in `journal.log`; it is authenticated with each part. The parts are
//! sealed one by one so they can be checked, decrypted and read on all cores; the random snapshot
//! id, index and count keep parts of different snapshots from being mixed. The snapshot is a
//! cache, never evidence: the journal stays the record, and every open still verifies every frame
//! from the first (see `Vault::settle`). A snapshot that is damaged, from another vault or
//! version, or that does not fit the journal is ignored and written anew.

use super::crypto::{self, JournalKeys, Magic};
use super::journal::{Hash, Resume};
use super::VaultError;
use std::path::Path;
use zeroize::Zeroizing;

/// Name of the snapshot file in the vault directory.
pub const SNAPSHOT_FILE: &str = "state.snap";
const SNAPSHOT_MAGIC: &Magic = b"OPNWSNAP";
const SNAPSHOT_CONTEXT: &[u8] = b"state.snap";
const HEADER_LEN: usize = 16 + 8 + 32 + 8 + 4 + 4;

/// Seals `parts` as the state after the entries `at` names.
pub(crate) fn encode(
    keys: &JournalKeys,
    at: &Resume,
    parts: &[Vec<u8>],
) -> Result<Vec<u8>, VaultError> {
    let count = u32::try_from(parts.len()).map_err(|_| VaultError::EntryTooLarge {
        max: u32::MAX as usize,
    })?;
    let id: [u8; 16] = crypto::random()?;
    let indexed: Vec<(u32, &Vec<u8>)> = (0..count).zip(parts).collect();
    let sealed = crate::parallel::map_heavy(&indexed, |&(index, part)| {
        let mut header = [0u8; HEADER_LEN];
        header[..16].copy_from_slice(&id);
        header[16..24].copy_from_slice(&at.seq.to_le_bytes());
        header[24..56].copy_from_slice(&at.hash);
        header[56..64].copy_from_slice(&at.offset.to_le_bytes());
        header[64..68].copy_from_slice(&index.to_le_bytes());
        header[68..].copy_from_slice(&count.to_le_bytes());
        crypto::seal_file(SNAPSHOT_MAGIC, &header, SNAPSHOT_CONTEXT, &keys.enc, part)
    });
    let mut out = Vec::new();
    for part in sealed {
        let part = part?;
        let len = u32::try_from(part.len()).map_err(|_| VaultError::EntryTooLarge {
            max: u32::MAX as usize,
        })?;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&part);
    }
    Ok(out)
}

/// Opens a snapshot; `None` when it cannot be used (damaged, sealed with another key, written by
/// another format version, parts missing or mixed).
pub(crate) fn decode(
    bytes: &[u8],
    keys: &JournalKeys,
) -> Option<(Resume, Vec<Zeroizing<Vec<u8>>>)> {
    let mut sealed = Vec::new();
    let mut rest = bytes;
    while !rest.is_empty() {
        let len = u32::from_le_bytes(rest.get(..4)?.try_into().ok()?) as usize;
        sealed.push(rest.get(4..4 + len)?);
        rest = &rest[4 + len..];
    }
    let opened = crate::parallel::map_heavy(&sealed, |part| {
        let parsed = crypto::parse_file(part, SNAPSHOT_MAGIC).ok()?;
        let header: [u8; HEADER_LEN] = parsed.header.try_into().ok()?;
        let plain = crypto::open(&parsed, SNAPSHOT_CONTEXT, &keys.enc).ok()?;
        Some((header, plain))
    });
    let mut parts = Vec::with_capacity(opened.len());
    let mut first: Option<[u8; HEADER_LEN]> = None;
    for (index, part) in opened.into_iter().enumerate() {
        let (header, plain) = part?;
        let shared = first.get_or_insert(header);
        let expected_count = u32::try_from(sealed.len()).ok()?;
        let fits = header[..64] == shared[..64]
            && header[64..68] == u32::try_from(index).ok()?.to_le_bytes()
            && header[68..] == expected_count.to_le_bytes();
        if !fits {
            return None;
        }
        parts.push(plain);
    }
    let header = first?;
    let hash: Hash = header[24..56].try_into().ok()?;
    let at = Resume {
        seq: u64::from_le_bytes(header[16..24].try_into().ok()?),
        hash,
        offset: u64::from_le_bytes(header[56..64].try_into().ok()?),
    };
    Some((at, parts))
}

/// Replaces the snapshot in `dir` atomically.
pub(crate) fn write(
    dir: &Path,
    keys: &JournalKeys,
    at: &Resume,
    parts: &[Vec<u8>],
) -> Result<(), VaultError> {
    super::files::write_atomic(&dir.join(SNAPSHOT_FILE), &encode(keys, at, parts)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(byte: u8) -> JournalKeys {
        JournalKeys::derive(&[byte; 32])
    }

    const AT: Resume = Resume {
        seq: 7,
        hash: [3; 32],
        offset: 1234,
    };

    #[test]
    fn round_trip_and_what_is_refused() {
        let parts = vec![b"head".to_vec(), Vec::new(), vec![9; 5000]];
        let sealed = encode(&keys(1), &AT, &parts).expect("encode");
        let (at, opened) = decode(&sealed, &keys(1)).expect("decode");
        assert_eq!(at, AT);
        assert_eq!(opened.iter().map(|p| p.to_vec()).collect::<Vec<_>>(), parts);
        // Another key, any changed byte, a cut, a part left out or taken from another snapshot.
        assert!(decode(&sealed, &keys(2)).is_none());
        for at in [0, 5, 40, sealed.len() / 2, sealed.len() - 1] {
            let mut changed = sealed.clone();
            changed[at] ^= 1;
            assert!(decode(&changed, &keys(1)).is_none(), "byte {at} changed");
        }
        assert!(decode(&sealed[..sealed.len() - 1], &keys(1)).is_none());
        let first_len = 4 + u32::from_le_bytes(sealed[..4].try_into().expect("4")) as usize;
        assert!(
            decode(&sealed[first_len..], &keys(1)).is_none(),
            "first part gone"
        );
        let other = encode(&keys(1), &AT, &parts).expect("encode");
        let mixed = [&other[..first_len], &sealed[first_len..]].concat();
        assert!(decode(&mixed, &keys(1)).is_none(), "parts of two snapshots");
        assert!(decode(&[], &keys(1)).is_none(), "no parts");
    }
}
