//! Fault injection for tests: make the Nth write of this thread fail, once or from then on.
//!
//! Every place the vault writes, syncs, renames or truncates a file passes through `check`
//! first. Normally nothing is armed and `check` only counts. Tests arm a [`Plan`] to simulate a
//! disk that refuses (`ENOSPC`, "no space left on device"), and then check that the app reports
//! it, keeps its last good state, and recovers once the disk works again.
//!
//! The plan is per thread, so tests running in parallel do not disturb each other.
//!
//! Only with the `test-seams` feature (the core's tests, fuzzing, the end-to-end build): the
//! shipped app is built without it, and then every write point is a plain write.

use std::io::Write;

#[cfg(feature = "test-seams")]
pub use seams::*;

#[cfg(feature = "test-seams")]
mod seams {
    use std::cell::Cell;
    use std::io::{Error, ErrorKind};

    /// Which write points fail.
    #[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
    pub enum Plan {
        /// Nothing fails.
        #[default]
        Off,
        /// Only the Nth write point (counted from 1 after [`arm`]) fails.
        Once(u64),
        /// The Nth write point and every one after it fail, until [`disarm`].
        From(u64),
    }

    thread_local! {
        static PLAN: Cell<Plan> = const { Cell::new(Plan::Off) };
        static SEEN: Cell<u64> = const { Cell::new(0) };
        static FAILED: Cell<u64> = const { Cell::new(0) };
    }

    /// Arms `plan` for this thread and resets the counters.
    pub fn arm(plan: Plan) {
        PLAN.with(|p| p.set(plan));
        SEEN.with(|s| s.set(0));
        FAILED.with(|f| f.set(0));
    }

    /// Stops failing; the counters keep counting.
    pub fn disarm() {
        PLAN.with(|p| p.set(Plan::Off));
    }

    /// Write points passed on this thread since the last [`arm`].
    pub fn writes() -> u64 {
        SEEN.with(Cell::get)
    }

    /// Write points that were made to fail since the last [`arm`].
    pub fn failures() -> u64 {
        FAILED.with(Cell::get)
    }

    /// Called before every write, sync, rename or truncation of a vault file: counts it and fails it
    /// when the plan says so.
    pub(crate) fn check() -> std::io::Result<()> {
        let n = SEEN.with(|s| {
            let n = s.get() + 1;
            s.set(n);
            n
        });
        let fail = match PLAN.with(Cell::get) {
            Plan::Off => false,
            Plan::Once(at) => n == at,
            Plan::From(at) => n >= at,
        };
        if fail {
            FAILED.with(|f| f.set(f.get() + 1));
            return Err(Error::new(
                ErrorKind::StorageFull,
                "no space left on device (injected)",
            ));
        }
        Ok(())
    }
}

/// Without test seams nothing is injected.
#[cfg(not(feature = "test-seams"))]
pub(crate) fn check() -> std::io::Result<()> {
    Ok(())
}

/// `write_all` through [`check`]. An injected failure writes the first half of `bytes` before
/// it fails, as a disk that fills up halfway does.
pub(crate) fn write_all(out: &mut impl Write, bytes: &[u8]) -> std::io::Result<()> {
    if let Err(e) = check() {
        out.write_all(&bytes[..bytes.len() / 2])?;
        return Err(e);
    }
    out.write_all(bytes)
}
