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
//!
//! Bounded work on a crafted file: the file's size is checked from its metadata against the
//! journal's ([`max_snapshot_bytes`]) before anything is read; then only the first part is read,
//! after its length is checked ([`MAX_SNAPSHOT_PART_BYTES`]), and opened. Only a first part sealed
//! with this vault's key (so written by this vault) lets the rest be read, and its authenticated
//! header bounds the part count, against the entries the snapshot covers and the bytes that are
//! left, before anything is allocated for the parts. The writer refuses a snapshot that the reader
//! would ignore.

use super::crypto::{self, JournalKeys, Magic, CHECK_LEN, ENVELOPE_OVERHEAD};
use super::journal::{Hash, Resume, FILE_HEADER_LEN, MIN_FRAME_LEN};
use super::VaultError;
use crate::limits::{max_snapshot_bytes, MAX_SNAPSHOT_PART_BYTES};
use std::io::Read;
use std::path::Path;
use zeroize::Zeroizing;

/// Name of the snapshot file in the vault directory.
pub const SNAPSHOT_FILE: &str = "state.snap";
const SNAPSHOT_MAGIC: &Magic = b"OPNWSNAP";
const SNAPSHOT_CONTEXT: &[u8] = b"state.snap";
const HEADER_LEN: usize = 16 + 8 + 32 + 8 + 4 + 4;
/// The shortest sealed part: an envelope of an empty part, with its header and checksum.
const MIN_PART_LEN: usize = ENVELOPE_OVERHEAD + HEADER_LEN + CHECK_LEN;
/// A part's length field.
const LEN_FIELD: usize = 4;

/// The parts of a snapshot, decrypted.
type Parts = Vec<Zeroizing<Vec<u8>>>;
/// A part opened: its header and its bytes.
type Opened = ([u8; HEADER_LEN], Zeroizing<Vec<u8>>);

/// Seals `parts` as the state after the entries `at` names. Refuses (the snapshot is then not
/// written: it is only a cache) what the reader would ignore: a part over
/// [`MAX_SNAPSHOT_PART_BYTES`], more parts than one per entry covered plus one, or a snapshot over
/// [`max_snapshot_bytes`] of the journal up to `at`.
pub(crate) fn encode(
    keys: &JournalKeys,
    at: &Resume,
    parts: &[Vec<u8>],
) -> Result<Vec<u8>, VaultError> {
    let too_large = || VaultError::EntryTooLarge {
        max: usize::try_from(MAX_SNAPSHOT_PART_BYTES).unwrap_or(usize::MAX),
    };
    let count = u32::try_from(parts.len()).map_err(|_| too_large())?;
    if u64::from(count) > at.seq.saturating_add(1) {
        return Err(too_large());
    }
    let id: [u8; 16] = crypto::random()?;
    let indexed: Vec<(u32, &Vec<u8>)> = (0..count).zip(parts).collect();
    let sealed = crate::parallel::map_heavy(&indexed, |&(index, part)| {
        seal_part(keys, &id, at, (index, count), part)
    });
    let mut out = Vec::new();
    for part in sealed {
        let part = part?;
        if part.len() as u64 > MAX_SNAPSHOT_PART_BYTES {
            return Err(too_large());
        }
        let len = u32::try_from(part.len()).map_err(|_| too_large())?;
        out.extend_from_slice(&len.to_le_bytes());
        out.extend_from_slice(&part);
    }
    if out.len() as u64 > max_snapshot_bytes(at.offset) {
        return Err(too_large());
    }
    Ok(out)
}

/// Part `index` of `count` of snapshot `id`, sealed (without its length field).
pub(crate) fn seal_part(
    keys: &JournalKeys,
    id: &[u8; 16],
    at: &Resume,
    (index, count): (u32, u32),
    part: &[u8],
) -> Result<Vec<u8>, VaultError> {
    let mut header = [0u8; HEADER_LEN];
    header[..16].copy_from_slice(id);
    header[16..24].copy_from_slice(&at.seq.to_le_bytes());
    header[24..56].copy_from_slice(&at.hash);
    header[56..64].copy_from_slice(&at.offset.to_le_bytes());
    header[64..68].copy_from_slice(&index.to_le_bytes());
    header[68..].copy_from_slice(&count.to_le_bytes());
    crypto::seal_file(SNAPSHOT_MAGIC, &header, SNAPSHOT_CONTEXT, &keys.enc, part)
}

/// The length a part's length field gives, if a part can have it and `available` bytes hold it.
fn part_len(field: [u8; LEN_FIELD], available: u64) -> Option<usize> {
    let len = u64::from(u32::from_le_bytes(field));
    let plausible = (MIN_PART_LEN as u64..=MAX_SNAPSHOT_PART_BYTES).contains(&len);
    (plausible && len <= available).then(|| usize::try_from(len).ok())?
}

/// The first part of `bytes` and what follows it.
fn split_part(bytes: &[u8]) -> Option<(&[u8], &[u8])> {
    let field = bytes.get(..LEN_FIELD)?.try_into().ok()?;
    let rest = &bytes[LEN_FIELD..];
    let len = part_len(field, rest.len() as u64)?;
    Some(rest.split_at(len))
}

/// Checks and opens one sealed part.
fn open_part(part: &[u8], keys: &JournalKeys) -> Option<Opened> {
    let parsed = crypto::parse_file(part, SNAPSHOT_MAGIC).ok()?;
    let header: [u8; HEADER_LEN] = parsed.header.try_into().ok()?;
    let plain = crypto::open(&parsed, SNAPSHOT_CONTEXT, &keys.enc).ok()?;
    Some((header, plain))
}

/// Where the snapshot's entries end, from a part's header.
fn resume_of(header: &[u8; HEADER_LEN]) -> Option<Resume> {
    let hash: Hash = header[24..56].try_into().ok()?;
    Some(Resume {
        seq: u64::from_le_bytes(header[16..24].try_into().ok()?),
        hash,
        offset: u64::from_le_bytes(header[56..64].try_into().ok()?),
    })
}

/// The part count the first part's header gives, if it is the first part and `rest` (the bytes
/// after it) can hold the others.
fn count_of(first: &[u8; HEADER_LEN], rest: u64) -> Option<usize> {
    let index = u32::from_le_bytes(first[64..68].try_into().ok()?);
    let count = u64::from(u32::from_le_bytes(first[68..].try_into().ok()?));
    let fits = index == 0 && count >= 1 && (count - 1) * (LEN_FIELD + MIN_PART_LEN) as u64 <= rest;
    fits.then(|| usize::try_from(count).ok())?
}

/// The parts after `first` in `rest`, which must be exactly `count - 1` parts of the same
/// snapshot in order.
fn assemble(
    first: Opened,
    count: usize,
    mut rest: &[u8],
    keys: &JournalKeys,
) -> Option<(Resume, Parts)> {
    let (header, plain) = first;
    let mut sealed = Vec::with_capacity(count - 1);
    while !rest.is_empty() {
        if sealed.len() == count - 1 {
            return None;
        }
        let (part, after) = split_part(rest)?;
        sealed.push(part);
        rest = after;
    }
    if sealed.len() != count - 1 {
        return None;
    }
    let opened = crate::parallel::map_heavy(&sealed, |part| open_part(part, keys));
    let mut parts = Vec::with_capacity(count);
    parts.push(plain);
    for (index, part) in (1u32..).zip(opened) {
        let (other, plain) = part?;
        let fits = other[..64] == header[..64]
            && other[64..68] == index.to_le_bytes()
            && other[68..] == header[68..];
        if !fits {
            return None;
        }
        parts.push(plain);
    }
    Some((resume_of(&header)?, parts))
}

/// Opens a snapshot from its bytes; `None` when it cannot be used (damaged, sealed with another
/// key, written by another format version, parts missing, mixed or implausible). Used by the unit
/// tests and the fuzz target; opening reads a snapshot part by part instead.
#[cfg(any(test, feature = "test-seams"))]
pub(crate) fn decode(bytes: &[u8], keys: &JournalKeys) -> Option<(Resume, Parts)> {
    let (first, rest) = split_part(bytes)?;
    let first = open_part(first, keys)?;
    let count = count_of(&first.0, rest.len() as u64)?;
    assemble(first, count, rest, keys)
}

/// Reads the snapshot in `dir` next to a journal of `journal_len` bytes (see [`read_from`]).
pub(crate) fn read(dir: &Path, keys: &JournalKeys, journal_len: u64) -> Option<(Resume, Parts)> {
    let file = std::fs::File::open(dir.join(SNAPSHOT_FILE)).ok()?;
    let len = file.metadata().ok()?.len();
    read_from(file, len, keys, journal_len)
}

/// Reads a snapshot of `len` bytes from `source` next to a journal of `journal_len` bytes, in
/// bounded steps (see the module documentation): `None`, with no more read than one part of
/// [`MAX_SNAPSHOT_PART_BYTES`], when it cannot be used. It must also fit the journal: end where a
/// frame of it can start, and cover no more entries than frames fit before that.
pub(crate) fn read_from(
    source: impl Read,
    len: u64,
    keys: &JournalKeys,
    journal_len: u64,
) -> Option<(Resume, Parts)> {
    if len > max_snapshot_bytes(journal_len) {
        return None;
    }
    let mut source = source.take(len);
    let mut field = [0u8; LEN_FIELD];
    source.read_exact(&mut field).ok()?;
    let rest_len = len - LEN_FIELD as u64;
    let first_len = part_len(field, rest_len)?;
    let mut first = vec![0u8; first_len];
    source.read_exact(&mut first).ok()?;
    let first = open_part(&first, keys)?;
    let at = resume_of(&first.0)?;
    let entries_room = at.offset.checked_sub(FILE_HEADER_LEN as u64)? / MIN_FRAME_LEN as u64;
    if at.offset > journal_len || at.seq > entries_room {
        return None;
    }
    let rest_len = rest_len - first_len as u64;
    let count = count_of(&first.0, rest_len)?;
    if count as u64 > at.seq + 1 {
        return None;
    }
    let mut rest = Vec::with_capacity(usize::try_from(rest_len).ok()?);
    source.read_to_end(&mut rest).ok()?;
    if rest.len() as u64 != rest_len {
        return None;
    }
    assemble(first, count, &rest, keys)
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

    /// A source that counts the bytes read from it.
    struct Counted<'a> {
        bytes: &'a [u8],
        read: &'a std::cell::Cell<usize>,
    }

    impl Read for Counted<'_> {
        fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
            let n = self.bytes.read(buf)?;
            self.read.set(self.read.get() + n);
            Ok(n)
        }
    }

    /// Reads `bytes` as the snapshot beside a journal of `journal_len` bytes: whether it is used,
    /// and how many bytes were read.
    fn read_counted(bytes: &[u8], journal_len: u64) -> (bool, usize) {
        let read = std::cell::Cell::new(0);
        let source = Counted { bytes, read: &read };
        let used = read_from(source, bytes.len() as u64, &keys(1), journal_len).is_some();
        (used, read.get())
    }

    /// Journal bytes enough for `seq` frames after the header.
    fn room_for(seq: u64) -> u64 {
        FILE_HEADER_LEN as u64 + seq * MIN_FRAME_LEN as u64
    }

    /// `count` empty parts, each sealed claiming `at` and `count`.
    fn claiming(at: Resume, count: u32) -> Vec<u8> {
        let mut out = Vec::new();
        for index in 0..count {
            let part = seal_part(&keys(1), &[9; 16], &at, (index, count), &[]).expect("seal");
            out.extend_from_slice(&(part.len() as u32).to_le_bytes());
            out.extend_from_slice(&part);
        }
        out
    }

    #[test]
    fn what_the_reader_checks_before_it_reads_or_allocates() {
        let at = Resume {
            seq: 3,
            hash: [3; 32],
            offset: room_for(3),
        };
        let parts = [b"head".to_vec(), vec![1; 100], vec![2; 100]];
        let sealed = encode(&keys(1), &at, &parts).expect("encode");
        assert_eq!(
            read_counted(&sealed, at.offset),
            (true, sealed.len()),
            "a genuine snapshot, read once"
        );
        // Larger than the journal beside it allows: nothing read.
        let mut crafted = vec![0u8; max_snapshot_bytes(0) as usize + 1];
        assert_eq!(read_counted(&crafted, 0), (false, 0));
        // A first part's length that no part can have: only the length read.
        let lengths = [
            0,
            MIN_PART_LEN as u32 - 1,
            MAX_SNAPSHOT_PART_BYTES as u32 + 1,
            u32::MAX,
        ];
        for len in lengths {
            crafted[..4].copy_from_slice(&len.to_le_bytes());
            assert_eq!(read_counted(&crafted, 1 << 20), (false, 4), "length {len}");
        }
        // A plausible first part that does not open with the key: only it read.
        crafted[..4].copy_from_slice(&1000u32.to_le_bytes());
        assert_eq!(read_counted(&crafted, 1 << 20), (false, 1004));
        // A genuine first part whose header does not fit: the rest not read.
        let mut cut = claiming(at, 4);
        cut.truncate(first_len(&cut) + 10);
        for (name, bytes, journal_len) in [
            ("ends after the journal", claiming(at, 3), at.offset - 1),
            (
                "more entries than frames fit before its end",
                claiming(Resume { seq: 4, ..at }, 2),
                1 << 20,
            ),
            (
                "more parts than entries, plus one",
                claiming(at, 5),
                1 << 20,
            ),
            (
                "more parts than the bytes after the first hold",
                cut,
                1 << 20,
            ),
        ] {
            let first = first_len(&bytes);
            assert_eq!(read_counted(&bytes, journal_len), (false, first), "{name}");
        }
        assert!(
            read_counted(&claiming(at, 4), at.offset).0,
            "one part per entry, plus one"
        );
    }

    fn first_len(bytes: &[u8]) -> usize {
        4 + u32::from_le_bytes(bytes[..4].try_into().expect("4")) as usize
    }

    #[test]
    fn the_writer_refuses_what_the_reader_would_ignore() {
        let at = Resume {
            seq: 1,
            hash: [3; 32],
            offset: room_for(1),
        };
        assert!(encode(&keys(1), &at, &[Vec::new(), Vec::new()]).is_ok());
        assert!(
            encode(&keys(1), &at, &[Vec::new(), Vec::new(), Vec::new()]).is_err(),
            "more parts than entries, plus one"
        );
        let big = vec![0; MAX_SNAPSHOT_PART_BYTES as usize];
        let roomy = Resume {
            offset: 64 << 20,
            seq: 1000,
            ..at
        };
        assert!(
            encode(&keys(1), &roomy, &[big]).is_err(),
            "a part over the limit"
        );
        let parts = vec![vec![0; 40 << 10]; 3];
        assert!(
            encode(&keys(1), &at, &parts).is_err(),
            "larger than the journal allows"
        );
        assert!(encode(&keys(1), &roomy, &parts).is_ok());
    }
}
