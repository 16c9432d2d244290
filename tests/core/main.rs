//! Integration tests of the Opnamewijs core, one module per area. No webview is involved.

/// Shared helpers: a workspace in a temp dir with a fixed clock, Dutch-time instants.
mod support;

/// No silent replacement of history: the old plain file only with the user's yes, and the
/// rollback anchor that sees an older journal put back with its head.
mod anchor;
/// Backups out and in, and erasing everything.
mod app;
/// Before the final assessment: choosing recordings, readiness, passed → delete now.
mod assessment;
/// Bad input at every command: typed Dutch errors, nothing written.
mod bad_input;
/// Bounded work on every input: files over their limits refused unread, crafted snapshots and
/// pack folders.
mod bounds;
/// Dutch public holidays and working-day arithmetic.
mod calendar;
/// Every copy accounted for: added copies, forbidden shares, bins, tasks, the assessment's result.
mod copies;
/// Deadline arithmetic (hours, days, working days; DST) and statuses.
mod deadlines;
/// The dossier PDF for the assessors, read back with poppler.
mod dossier;
/// "Dossier controleren": attached receipts and manifest, verified against the printed text.
mod dossier_check;
/// English mode: nothing the core produces is Dutch (views, calendar, dossier, reminders, errors).
mod english;
/// The finder for leftover files, and verifying a linked file is gone.
mod finder;
/// The fuzz targets' seed corpus through the same entry points, on stable.
mod fuzz_corpus;
/// The packs that ship with the app load, and each rule of the HU checklist holds.
mod hu_pack;
/// Open deadlines as an iCalendar file.
mod ics;
/// A disk that refuses the Nth write: typed Dutch errors, last good state kept, recovery.
mod io_faults;
/// The lesson-day sheet: one page of checklist and deadlines, no pupil data.
mod lesson_day;
/// Broken packs are rejected with the file, the field and the problem.
mod malformed_packs;
/// Each rule of the board memo on recording lessons holds.
mod memo_pack;
/// Feedback confirmed from the mentor's own installation: signed receipts bound to a request.
mod mentor;
/// Files the system opens with the app: what each is, and importing it.
mod opened;
/// The PDF writer: read back with poppler, and its file structure.
mod pdf;
/// Opening from the state snapshot, and the check of the whole journal it owes.
mod snapshot;
/// Every tampering of a real vault, counted: flipped bytes, cuts, splices, replays, wrong keys.
mod tamper;
/// A vault of the release before pack version 2.0.0 opens, each recording on its own version.
mod upgrade;
/// Encrypted, hash-chained journal: tamper, torn tail, keys, backups.
mod vault;
/// Recordings, ticks, events, shares, copies and incidents, persisted across restarts.
mod workspace;
