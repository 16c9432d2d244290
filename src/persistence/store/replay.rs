//! Replay: the state rebuilt from journal entries, reading only the newest copy of each record.

use super::{Change, State, Store, StoreError};
use crate::recording::Recording;
use serde::Deserialize;
use std::collections::HashMap;

impl Store {
    /// Rebuilds the state from the verified journal.
    pub(super) fn replay(&self) -> Result<State, StoreError> {
        self.replay_entries(self.vault.entries()?)
    }

    /// Rebuilds the state from entries already read and verified.
    pub(super) fn replay_entries(
        &self,
        entries: Vec<crate::vault::Entry>,
    ) -> Result<State, StoreError> {
        self.replay_onto(State::default(), entries)
    }

    /// Applies entries already read and verified to `base`.
    pub(super) fn replay_onto(
        &self,
        base: State,
        entries: Vec<crate::vault::Entry>,
    ) -> Result<State, StoreError> {
        replay(base, entries.iter().map(|e| (e.seq, e.payload.as_slice()))).map_err(|(seq, e)| {
            StoreError::Corrupt {
                path: self.dir.clone(),
                problem: super::Corruption::Entry {
                    seq,
                    problem: crate::policy::shape_problem(&e),
                },
            }
        })
    }
}

/// The parts of a [`JournalEntry`](super::JournalEntry) that replay needs, with the records left unparsed.
#[derive(Deserialize)]
struct EntryParts<'a> {
    #[serde(rename = "at")]
    _at: serde::de::IgnoredAny,
    #[serde(rename = "by")]
    _by: serde::de::IgnoredAny,
    #[serde(rename = "change")]
    _change: Change,
    #[serde(borrow, default)]
    recording: Option<&'a serde_json::value::RawValue>,
    #[serde(borrow, default)]
    profile: Option<&'a serde_json::value::RawValue>,
    #[serde(borrow, default)]
    desk: Option<&'a serde_json::value::RawValue>,
    #[serde(borrow, default)]
    assessment: Option<&'a serde_json::value::RawValue>,
}

/// Just the id of a recording in an entry.
#[derive(Deserialize)]
struct RecordingKey {
    id: crate::recording::RecordingId,
}

/// Rebuilds the state from journal entries `(seq, payload)`, oldest first, on top of `base` (the
/// state after the entries before them: a snapshot, or the empty state).
///
/// Every entry carries the records it changed as they are after the change, so the state is the
/// newest copy of each. Every entry is checked for its shape, but only those newest copies are
/// read in full: a vault with 10,000 recordings holds some 130,000 entries, and building every
/// older copy only to throw it away was most of the time an open took.
pub(crate) fn replay<'a>(
    base: State,
    entries: impl Iterator<Item = (u64, &'a [u8])>,
) -> Result<State, (u64, serde_json::Error)> {
    fn parse<'a, T: Deserialize<'a>>(
        seq: u64,
        json: &'a str,
    ) -> Result<T, (u64, serde_json::Error)> {
        serde_json::from_str(json).map_err(|e| (seq, e))
    }
    let entries: Vec<(u64, &'a [u8])> = entries.collect();
    if entries.is_empty() {
        return Ok(base);
    }
    // Reading each entry's shape and recording id needs no other entry: spread over the cores.
    let parsed = crate::parallel::map(&entries, |&(seq, payload)| {
        let parts: EntryParts<'a> = serde_json::from_slice(payload).map_err(|e| (seq, e))?;
        let key = match parts.recording {
            Some(raw) => Some(parse::<RecordingKey>(seq, raw.get())?.id),
            None => None,
        };
        Ok((seq, parts, key))
    });
    // Recordings in the order they first appeared (those of `base` first), each with its newest
    // copy from the entries, if any.
    let mut state = base;
    let mut newest: Vec<Option<(u64, &serde_json::value::RawValue)>> =
        vec![None; state.recordings.len()];
    let mut index: HashMap<crate::recording::RecordingId, usize> = state
        .recordings
        .iter()
        .enumerate()
        .map(|(at, rec)| (rec.id.clone(), at))
        .collect();
    let (mut profile, mut desk, mut assessment) = (None, None, None);
    for result in parsed {
        let (seq, parts, key) = result?;
        if let (Some(raw), Some(id)) = (parts.recording, key) {
            match index.get(&id) {
                Some(&at) => newest[at] = Some((seq, raw)),
                None => {
                    index.insert(id, newest.len());
                    newest.push(Some((seq, raw)));
                }
            }
        }
        profile = parts.profile.map(|raw| (seq, raw)).or(profile);
        desk = parts.desk.map(|raw| (seq, raw)).or(desk);
        assessment = parts.assessment.map(|raw| (seq, raw)).or(assessment);
    }
    if let Some((seq, raw)) = profile {
        state.profile = parse(seq, raw.get())?;
    }
    if let Some((seq, raw)) = desk {
        state.desk = parse(seq, raw.get())?;
    }
    if let Some((seq, raw)) = assessment {
        state.assessment = parse(seq, raw.get())?;
    }
    let changed: Vec<(usize, u64, &serde_json::value::RawValue)> = newest
        .iter()
        .enumerate()
        .filter_map(|(at, copy)| copy.map(|(seq, raw)| (at, seq, raw)))
        .collect();
    let built = crate::parallel::map(&changed, |&(_, seq, raw)| {
        parse::<Recording>(seq, raw.get())
    });
    for (&(at, _, _), rec) in changed.iter().zip(built) {
        let rec = rec?;
        match state.recordings.get_mut(at) {
            Some(slot) => *slot = rec,
            None => state.recordings.push(rec),
        }
    }
    Ok(state)
}
