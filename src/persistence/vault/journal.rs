//! The journal file: framing, the hash chain, verification, and the sealed head record.
//!
//! ```text
//! journal.log  := "OPNWJRNL" | version u8 | frame*
//! frame        := body_len u32 LE | body | check[8]        check = SHA-256(body_len | body)[..8]
//! body         := seq u64 LE | prev[32] | mac[32] | envelope("OPNWENTR", no header, context = seq LE)
//! mac          := HMAC-SHA256(chain key, "opnamewijs journal v1 entry" | prev | seq LE | envelope)
//! genesis      := HMAC-SHA256(chain key, "opnamewijs journal v1 genesis" | "OPNWJRNL" | version)
//! journal.head := envelope("OPNWHEAD", no header, context "journal.head", seq u64 LE | hash[32]) | check[8]
//! ```
//!
//! Entries are numbered from 1; `prev` of entry 1 is the genesis hash, and the head of an empty
//! journal is `(0, genesis)`. Storing `prev` in every frame lets each frame be checked on its own
//! (is it genuine?) and in place (does it follow its predecessor?), which is what tells an edited
//! entry from a moved, copied or missing one.

use super::crypto::{self, JournalKeys, Magic, Malformed, CHECK_LEN, ENVELOPE_OVERHEAD};
use super::{Damage, TamperKind, VaultError};
use std::path::Path;
use zeroize::Zeroizing;

/// Magic bytes of the journal file.
pub(crate) const JOURNAL_MAGIC: &Magic = b"OPNWJRNL";
/// Magic bytes of an entry's envelope.
const ENTRY_MAGIC: &Magic = b"OPNWENTR";
/// Magic bytes of the head record.
const HEAD_MAGIC: &Magic = b"OPNWHEAD";
const HEAD_CONTEXT: &[u8] = b"journal.head";
const ENTRY_LABEL: &[u8] = b"opnamewijs journal v1 entry";
const GENESIS_LABEL: &[u8] = b"opnamewijs journal v1 genesis";

/// Length of the journal file header (magic and version).
pub(crate) const FILE_HEADER_LEN: usize = 9;
/// Largest payload one entry may carry (1 MiB).
pub const MAX_PAYLOAD: usize = 1 << 20;
const BODY_FIXED: usize = 8 + 32 + 32;
const MIN_BODY: usize = BODY_FIXED + ENVELOPE_OVERHEAD;
const MAX_BODY: usize = MIN_BODY + MAX_PAYLOAD;
/// The shortest frame: an entry with an empty payload.
pub(crate) const MIN_FRAME_LEN: usize = 4 + MIN_BODY + CHECK_LEN;

/// A chain hash: the MAC of an entry, or the genesis value.
pub(crate) type Hash = [u8; 32];

/// The header every journal file starts with.
pub(crate) fn file_header() -> [u8; FILE_HEADER_LEN] {
    let mut out = [0u8; FILE_HEADER_LEN];
    out[..8].copy_from_slice(JOURNAL_MAGIC);
    out[8] = crypto::FORMAT_VERSION;
    out
}

/// The hash an empty journal ends in.
pub(crate) fn genesis(keys: &JournalKeys) -> Hash {
    crypto::hmac(keys.mac.as_ref(), &[GENESIS_LABEL, &file_header()])
}

/// Encodes entry `seq` after `prev`; returns the frame and the entry's chain hash.
pub(crate) fn encode_frame(
    keys: &JournalKeys,
    seq: u64,
    prev: &Hash,
    payload: &[u8],
) -> Result<(Vec<u8>, Hash), VaultError> {
    if payload.len() > MAX_PAYLOAD {
        return Err(VaultError::EntryTooLarge { max: MAX_PAYLOAD });
    }
    let seq_le = seq.to_le_bytes();
    let envelope = crypto::seal(ENTRY_MAGIC, &[], &seq_le, &keys.enc, payload)?;
    let mac = crypto::hmac(keys.mac.as_ref(), &[ENTRY_LABEL, prev, &seq_le, &envelope]);
    let body_len = u32::try_from(BODY_FIXED + envelope.len())
        .map_err(|_| VaultError::EntryTooLarge { max: MAX_PAYLOAD })?
        .to_le_bytes();
    let mut frame = Vec::with_capacity(4 + BODY_FIXED + envelope.len() + CHECK_LEN);
    frame.extend_from_slice(&body_len);
    frame.extend_from_slice(&seq_le);
    frame.extend_from_slice(prev);
    frame.extend_from_slice(&mac);
    frame.extend_from_slice(&envelope);
    let check = crypto::checksum(&[&frame]);
    frame.extend_from_slice(&check);
    Ok((frame, mac))
}

/// One structurally sound frame (length and checksum fine), not yet verified.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Frame<'a> {
    /// The sequence number it claims.
    pub seq: u64,
    prev: Hash,
    mac: Hash,
    envelope: &'a [u8],
}

/// What is wrong with the first frame that could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BadKind {
    /// The file ends inside the frame (its length is plausible, or not even that is there).
    Incomplete,
    /// A length no frame can have.
    Implausible,
    /// Complete, but the checksum does not match; `at_eof` if nothing follows it.
    Garbled {
        /// The frame ends exactly at the end of the file.
        at_eof: bool,
    },
}

/// The first frame that could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct BadFrame {
    /// Where it starts; everything before it is sound.
    pub offset: usize,
    /// What is wrong.
    pub kind: BadKind,
}

/// A journal file (or its part after a known entry) read and its chain verified as far as it is
/// sound.
#[derive(Debug)]
pub(crate) struct Scan<'a> {
    /// Number of entries before the first frame scanned (0 for a whole file).
    pub base: u64,
    /// The sound frames, verified, in order: frame `i` is entry `base + i + 1`.
    pub frames: Vec<Frame<'a>>,
    /// `hashes[n]` is the chain hash after `base + n` entries; `hashes[0]` is the genesis for a
    /// whole file.
    pub hashes: Vec<Hash>,
    /// The first unreadable frame, if any.
    pub bad: Option<BadFrame>,
}

impl Scan<'_> {
    /// Number of entries up to the last verified one.
    pub(crate) fn len(&self) -> u64 {
        self.base + self.frames.len() as u64
    }

    /// The chain hash after the last verified entry.
    pub(crate) fn last_hash(&self) -> Hash {
        *self
            .hashes
            .last()
            .expect("hashes always holds the starting hash")
    }

    /// The chain hash after entry `seq`, if that lies in the scanned range.
    pub(crate) fn hash_after(&self, seq: u64) -> Option<Hash> {
        let at = usize::try_from(seq.checked_sub(self.base)?).ok()?;
        self.hashes.get(at).copied()
    }
}

/// Where a scan starts: after `seq` entries whose chain hash is `hash`, at byte `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Resume {
    /// Entries before this point.
    pub seq: u64,
    /// The chain hash after them.
    pub hash: Hash,
    /// Where the next frame starts in the journal file.
    pub offset: u64,
}

/// Reads a journal file: header, frames, chain. Frames after the first unreadable one are not
/// looked at; a chain error (edited, moved, copied or missing entry) is returned as
/// [`VaultError::Tampered`] with its position.
pub(crate) fn scan<'a>(
    path: &Path,
    bytes: &'a [u8],
    keys: &JournalKeys,
) -> Result<Scan<'a>, VaultError> {
    crypto::check_magic(bytes, JOURNAL_MAGIC)
        .map_err(|e| super::error::malformed(path, e, Damage::JournalTooShort))?;
    let (frames, bad) = split(bytes, FILE_HEADER_LEN);
    let hashes = walk(&frames, keys, 0, genesis(keys))?;
    Ok(Scan {
        base: 0,
        frames,
        hashes,
        bad,
    })
}

/// Reads the frames of `tail`, the part of a journal file after the entries `from` names, and
/// verifies that they continue that chain. Offsets in the result count from the start of `tail`.
pub(crate) fn scan_tail<'a>(
    tail: &'a [u8],
    keys: &JournalKeys,
    from: &Resume,
) -> Result<Scan<'a>, VaultError> {
    let (frames, bad) = split(tail, 0);
    let hashes = walk(&frames, keys, from.seq, from.hash)?;
    Ok(Scan {
        base: from.seq,
        frames,
        hashes,
        bad,
    })
}

fn split(bytes: &[u8], start: usize) -> (Vec<Frame<'_>>, Option<BadFrame>) {
    // First where each frame starts and ends (cheap, in order), then the checksums (every byte
    // of the journal, spread over the cores), then the first frame that failed.
    let mut spans = Vec::new();
    let mut bad = None;
    let mut pos = start;
    while pos < bytes.len() {
        let mut stop = |kind| bad = Some(BadFrame { offset: pos, kind });
        let Some(len_bytes) = bytes.get(pos..pos + 4) else {
            stop(BadKind::Incomplete);
            break;
        };
        let body_len = u32::from_le_bytes(len_bytes.try_into().expect("four bytes")) as usize;
        if !(MIN_BODY..=MAX_BODY).contains(&body_len) {
            stop(BadKind::Implausible);
            break;
        }
        let end = pos + 4 + body_len + CHECK_LEN;
        if end > bytes.len() {
            stop(BadKind::Incomplete);
            break;
        }
        spans.push((pos, end));
        pos = end;
    }
    let sound = crate::parallel::map(&spans, |&(start, end)| {
        crypto::checksum(&[&bytes[start..end - CHECK_LEN]]) == bytes[end - CHECK_LEN..end]
    });
    let mut frames = Vec::with_capacity(spans.len());
    for (&(start, end), sound) in spans.iter().zip(sound) {
        if !sound {
            let at_eof = end == bytes.len();
            return (
                frames,
                Some(BadFrame {
                    offset: start,
                    kind: BadKind::Garbled { at_eof },
                }),
            );
        }
        let body = &bytes[start + 4..end - CHECK_LEN];
        let seq = u64::from_le_bytes(body[..8].try_into().expect("eight bytes"));
        frames.push(Frame {
            seq,
            prev: body[8..40].try_into().expect("32 bytes"),
            mac: body[40..72].try_into().expect("32 bytes"),
            envelope: &body[72..],
        });
    }
    (frames, bad)
}

/// Whether a frame was written by the holder of the chain key, wherever it now stands.
fn genuine(frame: &Frame<'_>, keys: &JournalKeys) -> bool {
    let seq_le = frame.seq.to_le_bytes();
    crypto::hmac_matches(
        keys.mac.as_ref(),
        &[ENTRY_LABEL, &frame.prev, &seq_le, frame.envelope],
        &frame.mac,
    )
}

/// Follows the chain over `frames`, which come after `base` entries ending in `start`.
fn walk(
    frames: &[Frame<'_>],
    keys: &JournalKeys,
    base: u64,
    start: Hash,
) -> Result<Vec<Hash>, VaultError> {
    // Each frame's MAC can be checked on its own, so that is spread over the cores; the chain
    // (does each frame follow the one before?) is then followed in order.
    let genuine_frames = crate::parallel::map(frames, |frame| genuine(frame, keys));
    let mut hashes = Vec::with_capacity(frames.len() + 1);
    hashes.push(start);
    for (i, frame) in frames.iter().enumerate() {
        let position = base + i as u64 + 1;
        let tampered = |kind| Err(VaultError::Tampered { position, kind });
        if !genuine_frames[i] {
            return tampered(TamperKind::Edited);
        }
        if frame.seq == position && frame.prev == hashes[i] {
            hashes.push(frame.mac);
            continue;
        }
        if frame.seq <= position {
            // A genuine entry that was already seen (a copy), or one of another history.
            return tampered(TamperKind::Inserted);
        }
        let later = frames[i + 1..]
            .iter()
            .zip(&genuine_frames[i + 1..])
            .any(|(f, &genuine)| f.seq == position && genuine);
        return tampered(if later {
            TamperKind::Reordered
        } else {
            TamperKind::Deleted
        });
    }
    Ok(hashes)
}

/// Decrypts a verified frame's payload.
pub(crate) fn decrypt(frame: &Frame<'_>, keys: &JournalKeys) -> Result<Vec<u8>, VaultError> {
    let edited = || VaultError::Tampered {
        position: frame.seq,
        kind: TamperKind::Edited,
    };
    let seq_le = frame.seq.to_le_bytes();
    let parsed = crypto::parse(frame.envelope, ENTRY_MAGIC).map_err(|_| edited())?;
    let plain = crypto::open(&parsed, &seq_le, &keys.enc).map_err(|_| edited())?;
    Ok(plain.to_vec())
}

/// The sealed head record: how many entries the journal had when the last append was
/// acknowledged, and its chain hash.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Head {
    /// Sequence number of the last acknowledged entry (0 for none).
    pub seq: u64,
    /// The chain hash after it.
    pub hash: Hash,
}

/// Seals a head record.
pub(crate) fn encode_head(keys: &JournalKeys, head: &Head) -> Result<Vec<u8>, VaultError> {
    let plain = Zeroizing::new([head.seq.to_le_bytes().as_slice(), &head.hash].concat());
    crypto::seal_file(HEAD_MAGIC, &[], HEAD_CONTEXT, &keys.enc, &plain)
}

/// Opens a head record. A damaged or forged head is tampering, reported at `position`.
pub(crate) fn decode_head(
    path: &Path,
    bytes: &[u8],
    keys: &JournalKeys,
    position: u64,
) -> Result<Head, VaultError> {
    let tampered = || VaultError::Tampered {
        position,
        kind: TamperKind::Head,
    };
    let parsed = match crypto::parse_file(bytes, HEAD_MAGIC) {
        Ok(parsed) => parsed,
        Err(Malformed::Damaged) => return Err(tampered()),
        Err(e) => return Err(super::error::malformed(path, e, Damage::HeadDamaged)),
    };
    let plain = crypto::open(&parsed, HEAD_CONTEXT, &keys.enc).map_err(|_| tampered())?;
    if plain.len() != 40 {
        return Err(tampered());
    }
    Ok(Head {
        seq: u64::from_le_bytes(plain[..8].try_into().expect("eight bytes")),
        hash: plain[8..].try_into().expect("32 bytes"),
    })
}

/// What opening may repair: nothing else is ever changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Repair {
    /// Cut the file here: the last frame was torn by a crash and never acknowledged.
    pub truncate_at: Option<usize>,
    /// The journal holds one entry more than the head: the crash came between appending it and
    /// updating the head. The head is rewritten.
    pub head_behind: bool,
}

/// Compares a scanned journal with its head. `lenient` (when opening) accepts the two states a
/// crash can leave: a torn, unacknowledged last frame and a journal one entry ahead of the head.
/// Anything else that does not match is tampering.
pub(crate) fn reconcile(scan: &Scan<'_>, head: &Head, lenient: bool) -> Result<Repair, VaultError> {
    let k = scan.len();
    let tampered = |position, kind| Err(VaultError::Tampered { position, kind });
    let mut truncate_at = None;
    if let Some(bad) = scan.bad {
        let torn = match bad.kind {
            BadKind::Incomplete | BadKind::Implausible | BadKind::Garbled { at_eof: true } => true,
            BadKind::Garbled { at_eof: false } => false,
        };
        if lenient && torn && k == head.seq {
            truncate_at = Some(bad.offset);
        } else if k < head.seq {
            let kind = match bad.kind {
                BadKind::Incomplete => TamperKind::Truncated,
                _ => TamperKind::Edited,
            };
            return tampered(k + 1, kind);
        } else if k == head.seq {
            return tampered(k + 1, TamperKind::Edited);
        } else {
            return tampered(k + 1, TamperKind::Inserted);
        }
    }
    if k < head.seq {
        return tampered(k + 1, TamperKind::Truncated);
    }
    let ahead = k - head.seq;
    if ahead > u64::from(lenient) {
        return tampered(
            head.seq + 1,
            if lenient {
                TamperKind::Head
            } else {
                TamperKind::Inserted
            },
        );
    }
    if scan.hash_after(head.seq) != Some(head.hash) {
        let kind = if lenient {
            TamperKind::Head
        } else {
            TamperKind::Edited
        };
        return tampered(head.seq, kind);
    }
    Ok(Repair {
        truncate_at,
        head_behind: ahead == 1,
    })
}
