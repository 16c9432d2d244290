//! The final assessment: which recordings the student shows, whether each is ready to be shown
//! (from secure storage, gone from phone and cloud, no portfolio links) and, once passed, the
//! deadline to delete every copy.

use crate::recording::{CopyKind, EventKind, Recording, Tick};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// What the app keeps about the assessment, next to the recordings' own `for_assessment` flag.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Assessment {
    /// The student confirmed the portfolio holds no recordings and no links to them.
    #[serde(default)]
    pub portfolio_checked: Option<Tick>,
    /// The day the student heard they passed.
    #[serde(default)]
    pub passed_on: Option<NaiveDate>,
    /// Each time the student heard they did not pass, with the resit date.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub not_passed: Vec<NotPassed>,
}

/// A result "not passed", with the resit it leads to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NotPassed {
    /// The day the result was known.
    pub on: NaiveDate,
    /// The day of the resit.
    pub resit: NaiveDate,
}

/// One readiness check of a recording.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadinessCheck {
    /// Logged as stored securely, and the secure copy still exists.
    OnSecureStorage,
    /// Every device, laptop and cloud-sync copy is confirmed deleted.
    OffDevices,
    /// The portfolio holds no recordings or links.
    NoPortfolioLinks,
}

/// The checks of `rec` with their outcome.
pub fn readiness(rec: &Recording, assessment: &Assessment) -> Vec<(ReadinessCheck, bool)> {
    let secure = rec.first(EventKind::StoredSecurely).is_some()
        && rec
            .copies
            .iter()
            .any(|c| c.kind == CopyKind::SecureStorage && c.deleted.is_none());
    let off_devices = rec
        .copies
        .iter()
        .filter(|c| {
            matches!(
                c.kind,
                CopyKind::Device | CopyKind::CloudSync | CopyKind::Laptop
            )
        })
        .all(|c| c.deleted.is_some());
    vec![
        (ReadinessCheck::OnSecureStorage, secure),
        (ReadinessCheck::OffDevices, off_devices),
        (
            ReadinessCheck::NoPortfolioLinks,
            assessment.portfolio_checked.is_some(),
        ),
    ]
}
