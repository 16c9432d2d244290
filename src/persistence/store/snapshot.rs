//! The state snapshot: when opening writes a new one, and how a [`State`] is split into its parts
//! and read back from them.

use super::{State, STATE_FORMAT};
use crate::profile::Profile;
use crate::recording::Recording;
use serde::{Deserialize, Serialize};

/// Journal bytes after the snapshot from which opening writes a new one (about 4,000 entries).
pub const SNAPSHOT_AFTER_BYTES: u64 = 4 << 20;

#[cfg(feature = "test-seams")]
thread_local! {
    static SNAPSHOT_AFTER: std::cell::Cell<Option<u64>> = const { std::cell::Cell::new(None) };
}

/// Environment variable that sets [`SNAPSHOT_AFTER_BYTES`] for a whole process: the end-to-end
/// tests use it to give a small vault a snapshot. Read only with the `test-seams` feature.
#[cfg(feature = "test-seams")]
pub const SNAPSHOT_AFTER_ENV: &str = "OPNAMEWIJS_SNAPSHOT_AFTER_BYTES";

/// Sets, for opens on this thread, after how many journal bytes a new snapshot is written
/// (`None`: [`SNAPSHOT_AFTER_ENV`], else [`SNAPSHOT_AFTER_BYTES`]). For tests, which need
/// snapshots of small vaults.
#[cfg(feature = "test-seams")]
pub fn set_snapshot_after_bytes(bytes: Option<u64>) {
    SNAPSHOT_AFTER.with(|cell| cell.set(bytes));
}

/// After how many journal bytes past the snapshot opening writes a new one: the value set for
/// this thread, else [`SNAPSHOT_AFTER_ENV`], else [`SNAPSHOT_AFTER_BYTES`].
#[cfg(feature = "test-seams")]
pub(super) fn snapshot_after_bytes() -> u64 {
    SNAPSHOT_AFTER
        .with(std::cell::Cell::get)
        .unwrap_or_else(|| {
            std::env::var(SNAPSHOT_AFTER_ENV)
                .ok()
                .and_then(|v| v.parse().ok())
                .unwrap_or(SNAPSHOT_AFTER_BYTES)
        })
}

/// After how many journal bytes past the snapshot opening writes a new one (the shipped app).
#[cfg(not(feature = "test-seams"))]
pub(super) fn snapshot_after_bytes() -> u64 {
    SNAPSHOT_AFTER_BYTES
}

/// The first part of a snapshot: everything of a [`State`] but its recordings, which follow in
/// parts of [`SNAPSHOT_BATCH`] as JSON arrays, so they are written and read on all cores.
#[derive(Serialize, Deserialize)]
struct SnapshotHead<P, D, A> {
    format: u32,
    profile: P,
    desk: D,
    assessment: A,
}

/// Most recordings per snapshot part.
const SNAPSHOT_BATCH: usize = 256;
/// A part of more recordings than one, whose JSON is larger than this, is split in two, so every
/// part stays well under what the vault reads
/// ([`MAX_SNAPSHOT_PART_BYTES`](crate::limits::MAX_SNAPSHOT_PART_BYTES)): one recording fits in a
/// journal entry, at most 1 MiB.
const SNAPSHOT_PART_TARGET: usize = 1 << 20;

/// `batch` as JSON arrays of at most [`SNAPSHOT_PART_TARGET`] bytes, or of one recording each.
fn batch_json(batch: &[Recording], out: &mut Vec<Vec<u8>>) -> Result<(), serde_json::Error> {
    let json = serde_json::to_vec(batch)?;
    if json.len() > SNAPSHOT_PART_TARGET && batch.len() > 1 {
        let (first, second) = batch.split_at(batch.len() / 2);
        batch_json(first, out)?;
        return batch_json(second, out);
    }
    out.push(json);
    Ok(())
}

/// `state` as snapshot parts (see [`SnapshotHead`]).
pub(super) fn to_snapshot(state: &State) -> Result<Vec<Vec<u8>>, serde_json::Error> {
    let head = SnapshotHead {
        format: state.format,
        profile: &state.profile,
        desk: &state.desk,
        assessment: &state.assessment,
    };
    let batches: Vec<&[Recording]> = state.recordings.chunks(SNAPSHOT_BATCH).collect();
    let mut parts = vec![serde_json::to_vec(&head)?];
    for split in crate::parallel::map_heavy(&batches, |batch| {
        let mut out = Vec::new();
        batch_json(batch, &mut out).map(|()| out)
    }) {
        parts.extend(split?);
    }
    Ok(parts)
}

/// The state snapshot parts hold; `None` when this version cannot read them (written by a newer
/// one).
pub(crate) fn from_snapshot(parts: &[zeroize::Zeroizing<Vec<u8>>]) -> Option<State> {
    let (head, batches) = parts.split_first()?;
    type Head = SnapshotHead<Profile, crate::mentor::Desk, crate::assessment::Assessment>;
    let head: Head = serde_json::from_slice(head).ok()?;
    if head.format != STATE_FORMAT {
        return None;
    }
    let read = crate::parallel::map_heavy(batches, |batch| {
        serde_json::from_slice::<Vec<Recording>>(batch).ok()
    })
    .into_iter()
    .collect::<Option<Vec<_>>>()?;
    let mut recordings = Vec::with_capacity(read.iter().map(Vec::len).sum());
    for batch in read {
        recordings.extend(batch);
    }
    Some(State {
        format: STATE_FORMAT,
        profile: head.profile,
        recordings,
        desk: head.desk,
        assessment: head.assessment,
    })
}
