//! Entry points for the fuzz targets in `fuzz/` and for the corpus regression test
//! (`tests/core/fuzz_corpus.rs`): one function per kind of file the app reads, taking arbitrary
//! bytes. Each either accepts the input or rejects it with a typed error ([`ErrorPayload`], code
//! and Dutch message); a panic or an unbounded allocation is a bug. Not part of the app's API.
//!
//! To fuzz a new kind of file, add a
//! function here, a target in `fuzz/fuzz_targets/`, its name in `fuzz/Cargo.toml` and in
//! `TARGETS` of `xtask/src/stress.rs`, and seed files in `fuzz/corpus/<target>/`.

use crate::error::ErrorPayload;
use crate::policy::load::parse_pack;
use crate::policy::{PolicyError, ReadProblem};
use crate::recording::{PackRef, Recording};
use crate::text::Lang;
use chrono::{DateTime, NaiveDate, TimeZone, Utc};

pub use crate::vault::fuzzing::{
    seed_backup, seed_head, seed_journal, seed_snapshot, FUZZ_BACKUP_PASSPHRASE,
};

/// What a target did with its input.
pub type Outcome = Result<(), ErrorPayload>;

/// The largest pack file the app reads (larger ones are refused before parsing).
const MAX_PACK_BYTES: usize = crate::limits::MAX_PACK_BYTES as usize;

/// A fixed "now" for fuzzing: Monday 23 November 2026, 10:00 UTC.
fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 10, 0, 0)
        .single()
        .unwrap_or_default()
}

/// A policy pack file: parsed and validated; when it loads, a recording pinned to it is
/// planned, its deadlines derived and its full view rendered, as the app would.
pub fn pack(data: &[u8]) -> Outcome {
    let read = |problem: ReadProblem| PolicyError::Read {
        file: "fuzz.json".to_owned(),
        problem,
    };
    if data.len() > MAX_PACK_BYTES {
        let max_kb = (MAX_PACK_BYTES / 1024) as u64;
        return Err(read(ReadProblem::TooLarge { max_kb }).into());
    }
    let text = std::str::from_utf8(data).map_err(|_| read(ReadProblem::NotText))?;
    let pack = parse_pack("fuzz.json", text)?;
    let rec = Recording::new(
        "fuzz".to_owned(),
        "Fuzzles".to_owned(),
        NaiveDate::from_ymd_opt(2026, 11, 24).unwrap_or_default(),
        PackRef {
            id: pack.id.clone(),
            version: pack.version.clone(),
        },
        now(),
    );
    let _ = crate::deadline::derive(&pack, &rec, now());
    let _ = crate::views::recording_view(&pack, &rec, now(), Lang::Nl);
    let _ = crate::views::summary(&pack, &rec, now(), Lang::En);
    Ok(())
}

/// A vault file (journal, head record or key file): see [`crate::vault::fuzzing::vault_files`].
pub fn vault_files(data: &[u8]) -> Outcome {
    let (journal, _others) = crate::vault::fuzzing::vault_files(data);
    for payload in journal? {
        journal_entry(&payload)?;
    }
    Ok(())
}

/// One journal entry's payload, as replaying the journal reads it; and the same bytes as the
/// parts of a state snapshot (the first part and a batch of recordings).
pub fn journal_entry(data: &[u8]) -> Outcome {
    let part = zeroize::Zeroizing::new(data.to_vec());
    let _ = crate::store::from_snapshot(&[part.clone(), part]);
    crate::store::replay(crate::store::State::default(), std::iter::once((1, data)))
        .map(drop)
        .map_err(|(_, e)| ErrorPayload {
            code: "store.corrupt".to_owned(),
            message: format!("Dagboekitem onleesbaar: {e}"),
        })
}

/// A state snapshot (`state.snap`): read as opening the vault reads it, next to a journal of a
/// given length (see [`crate::vault::fuzzing::snapshot`] for how `data` says what it is), and the
/// parts of one that is used read as the state, as the store does. A snapshot that is not used is
/// no error in the app (the journal is read instead); here it is the rejection
/// `snapshot.ignored`, and parts the store cannot read `snapshot.unreadable`.
pub fn snapshot(data: &[u8]) -> Outcome {
    let rejected = |code: &str, message: &str| ErrorPayload {
        code: code.to_owned(),
        message: message.to_owned(),
    };
    let parts = crate::vault::fuzzing::snapshot(data).ok_or_else(|| {
        rejected(
            "snapshot.ignored",
            "De momentopname past niet bij het dagboek en wordt niet gebruikt.",
        )
    })?;
    crate::store::from_snapshot(&parts).ok_or_else(|| {
        rejected(
            "snapshot.unreadable",
            "De momentopname is niet te lezen; het hele dagboek wordt gelezen.",
        )
    })?;
    Ok(())
}

/// A feedback request file, as a mentor's installation reads it.
pub fn feedback_request(data: &[u8]) -> Outcome {
    crate::mentor::parse_request(data).map_err(ErrorPayload::from)?;
    Ok(())
}

/// A feedback receipt file, as a student's installation reads it (parsed and its signature
/// verified).
pub fn feedback_receipt(data: &[u8]) -> Outcome {
    crate::mentor::parse_receipt(data).map_err(ErrorPayload::from)?;
    Ok(())
}

/// A dossier PDF, as "Dossier controleren" reads it: the structure, the attachments, each
/// receipt's signature and the manifest set again and held against the pages.
pub fn dossier(data: &[u8]) -> Outcome {
    crate::screens::check_dossier(data, Lang::Nl).map_err(ErrorPayload::from)?;
    Ok(())
}

/// A backup file, decrypted under [`FUZZ_BACKUP_PASSPHRASE`] and verified.
pub fn backup(data: &[u8]) -> Outcome {
    crate::vault::fuzzing::backup(data)?;
    Ok(())
}

/// The calendar export round trip: a title and a deadline taken from `data` (as a user and a pack
/// could write them) are exported to iCalendar and parsed back; every event must come back
/// with the same UID, summary and description. A title the app would refuse is rejected as
/// creating the recording would.
pub fn ics(data: &[u8]) -> Outcome {
    let text = String::from_utf8_lossy(data);
    let mut parts = text.split('\u{1}');
    let title = parts.next().unwrap_or_default().trim();
    let deadline = parts.next().unwrap_or("Verwijderen").to_owned();
    let help = parts.next().map(str::to_owned);
    if title.is_empty()
        || title.chars().count() > crate::workspace::MAX_TITLE
        || title.chars().any(char::is_control)
    {
        return Err(crate::workspace::RecordingError::InvalidTitle.into());
    }
    let minutes = data.iter().fold(0i64, |acc, b| {
        (acc * 31 + i64::from(*b)) % (60 * 24 * 365 * 50)
    });
    let due = now() + chrono::Duration::minutes(minutes);
    let deadlines = [crate::ics::CalendarDeadline {
        id: "fuzz/deadline".to_owned(),
        title: deadline.clone(),
        help: help.clone(),
        when: "uiterlijk".to_owned(),
        due: Some(due),
        done: false,
    }];
    let recordings = [crate::ics::RecordingDeadlines {
        id: "00000000-0000-4000-8000-000000000000",
        title,
        deadlines: &deadlines,
    }];
    let exported = crate::ics::export(&recordings, now());
    let parsed: icalendar::Calendar = exported.parse().unwrap_or_else(|e| {
        panic!("the export does not parse again: {e}\n{exported}");
    });
    use icalendar::Component;
    let events: Vec<_> = parsed.events().collect();
    assert_eq!(events.len(), 1, "one event in\n{exported}");
    let event = events[0];
    assert_eq!(
        event.get_uid(),
        Some(crate::ics::uid(recordings[0].id, "fuzz/deadline").as_str())
    );
    assert_eq!(
        event.get_summary(),
        Some(format!("{deadline} — {title}").as_str()),
        "summary round trip in\n{exported}"
    );
    let description = match help {
        Some(h) => format!("uiterlijk\n{h}"),
        None => "uiterlijk".to_owned(),
    };
    assert_eq!(
        event.get_description(),
        Some(description.as_str()),
        "description round trip in\n{exported}"
    );
    Ok(())
}
