//! # Opnamewijs core
//!
//! Everything Opnamewijs decides lives here, tested without a desktop around it: the desktop shell
//! (`src-tauri/`) only adapts these functions to IPC, and the UI only renders their answers.
//!
//! ## Terminology
//! - **Recording** (opname): a lesson a student teacher films or records at the internship school.
//!   The app keeps metadata about it, never the footage and never a pupil's name.
//! - **Policy pack** (beleidspakket): an institute's rules as versioned data in `assets/policies/`:
//!   questions, verdict rules, checklist items by phase, deadline rules, audience, forbidden
//!   channels, incident types. Each recording is pinned to a pack id and version.
//! - **Phase** (fase): a stage of the checklist, e.g. *Vooraf*, *Opslaan*, *Verwijderen*. A
//!   **blocking** item must be done before items of later phases can be ticked.
//! - **Verdict** (oordeel): allowed, allowed with conditions, needs privacy-officer approval, or not
//!   allowed — the first matching verdict rule decides.
//! - **Event** (gebeurtenis): something that happened to a recording (recorded, stored securely,
//!   feedback given, …). **Deadlines** (termijnen) run from events, in hours, days or working days
//!   (Dutch public holidays excluded), or on a date the user must choose.
//! - **Copy** (kopie): a place the footage lives (device, cloud sync, laptop, secure storage,
//!   mentor access). A copy ends with a deletion **confirmation**: who, when, how. A recording is
//!   closed when every copy is confirmed gone.
//! - **Journal** (dagboek): the append-only record of every change, kept by the [`vault`]. Each
//!   **entry** (item) is encrypted and chained to the one before it with an HMAC, so an edited,
//!   moved, copied or removed entry is detected and reported with its position.
//! - **Head** (kopregister): a small sealed record of the last acknowledged entry and its chain
//!   hash. It catches entries cut from the end; its hash, the **head hash**, is printed on
//!   dossiers.
//! - **Data key** (gegevenssleutel): the random key that encrypts and chains the journal. It is
//!   stored only *wrapped*, in the vault's key file.
//! - **Wrapping key** (sleutel van de sleutel): the key that wraps the data key: a random secret in
//!   the OS keyring, or, when there is no keyring, a key derived from the user's passphrase.
//! - **Snapshot** (momentopname): an encrypted copy of the whole state after a given entry
//!   (`state.snap`), so a large journal opens fast. It is a cache, not evidence: an open from it
//!   owes the **journal check**, the verification of every entry, which runs in the background;
//!   every change waits for it and is refused if it fails.
//! - **Store**: turns the state into journal entries and back ([`store`]); the **vault** keeps those
//!   entries on disk ([`vault`]).
//! - **Pack set**: the packs this installation knows: the embedded ones and any dropped into
//!   `<data dir>/policies/`, with the errors of those that did not load.
//! - **Intake** ([`checklist::Intake`]): a recording's answers seen through its pack: which
//!   questions are asked (a question can depend on an earlier answer), which are answered, which
//!   are still open. Verdicts, items and deadlines are decided from it.
//! - **Outcome** ([`checklist::Outcome`]): the verdict so far: decided by a verdict rule, or
//!   pending while a question it needs is open.
//! - **Copy rule**: a pack rule that says which copies a recording has once it is recorded (e.g.
//!   "cloud sync" only when an own phone was used).
//! - **Incident** and its **clocks**: a data breach (a lost phone, a file sent to the wrong person)
//!   with the pack's advice and the deadlines that start when it is logged (tell the school, …).
//! - **Desk** (bureau): what a mentor's installation keeps: its signing key and the feedback
//!   requests it received. A **request** (`.opnamewijs-verzoek`) is the file a student sends for
//!   one recording; the mentor answers with a **receipt** (`.opnamewijs-bewijs`), signed with the
//!   mentor's Ed25519 key; its **fingerprint** is the short form of that key people can compare.
//! - **Readiness check** ([`assessment::ReadinessCheck`]): one thing a recording chosen for the
//!   final assessment must be (on secure storage, off phone and cloud, no portfolio links).
//! - **Dossier**: the PDF for the assessors: per recording its policy, answers, timeline and every
//!   deletion confirmation, and the journal's head hash. No pupil data.
//! - **Workspace** ([`workspace::Workspace`]): an open journal with its state and pack set; its
//!   methods are the verbs. Each change runs in one **operation context** (the time, the user,
//!   the recording's pack, read once) and answers with what it **changed**
//!   ([`workspace::RecordingChanged`], …).
//! - **View** ([`views`]): what the UI renders, in the user's language, built by the core. A
//!   **screen** ([`screens`]) is a workspace's view; [`screens::Show`] turns what a verb changed
//!   into the screen that shows it. The **dashboard** is the app's status with every recording's
//!   summary, and a change answers with it too (**acted**, [`app::Acted`]), so the UI needs one
//!   round trip per action.
//! - **Names** ([`nouns::names`], [`rules::labels`], [`dates`]): what a noun, a verdict or a date
//!   is called in the user's language; views, errors and the dossier share them.
//! - **Test seams**: what only tests use (the vault's fault injection, the fuzzing entry points, a
//!   settable snapshot threshold), behind the `test-seams` feature that the shipped app does not
//!   enable.
//!
//! ## House rules
//! - Every error has an area enum with a stable code, a Dutch message (its `Display`) and an
//!   English one ([`error::Localized`], [`wording`]); it reaches the user in their language.
//! - Time comes from a [`clock::Clock`], so tests control "now".
//! - A change is persisted before it becomes the current state; a file that cannot be read is
//!   reported and never overwritten.

// The layers, each importing only those above it in this list (checked by `cargo xtask test`,
// see `xtask/src/layers.rs`). Their modules are re-exported at the crate root, so a path names
// the module, not its layer: `crate::recording`, `opnamewijs::views`.

// Foundation: errors, time, dates, language, limits, user files, parallel helpers.
pub mod clock;
pub mod dates;
pub mod error;
pub mod files;
pub mod limits;
mod parallel;
pub mod text;

pub mod nouns;
pub use nouns::{assessment, profile, receipt, recording, school};

pub mod rules;
pub use rules::{calendar, checklist, deadline, events, overlay, policy};

pub mod persistence;
pub use persistence::{dossier_file, mentor, store, vault};

pub mod ops;
pub use ops::{finder, workspace};

pub mod present;
pub use present::{ics, pdf, screens, views, wording};

// The desktop shell's handle on one workspace.
pub mod app;

// Entry points for the fuzz targets, with the other test seams (the vault's fault injection, the
// snapshot threshold): only with the `test-seams` feature, which the shipped app does not enable.
#[cfg(feature = "test-seams")]
#[doc(hidden)]
pub mod fuzzing;

pub use app::App;
pub use error::ErrorPayload;
pub use workspace::{Workspace, WorkspaceError};
