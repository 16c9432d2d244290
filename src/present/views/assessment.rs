//! The final assessment: the recordings chosen for it and whether each is ready.

use super::DeadlineView;
use serde::Serialize;
use ts_rs::TS;

/// The final assessment: chosen recordings and their readiness.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AssessmentView {
    /// Recordings chosen for the assessment.
    pub chosen: Vec<AssessmentRecordingView>,
    /// Recordings that could still be chosen (recorded, not closed).
    pub candidates: Vec<CandidateView>,
    /// The portfolio check, once done ("gecontroleerd door … op …").
    pub portfolio_checked: Option<String>,
    /// Every chosen recording is ready (and there is at least one).
    pub ready: bool,
    /// The day the assessment was passed, formatted.
    pub passed: Option<String>,
    /// The last "not passed", with its resit date, worded.
    pub not_passed: Option<String>,
    /// Today in the Netherlands, `YYYY-MM-DD`.
    pub today: String,
}

/// A recording chosen for the assessment.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct AssessmentRecordingView {
    /// Recording id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Planned date, formatted.
    pub planned_for: String,
    /// Readiness checks.
    pub checks: Vec<CheckView>,
    /// Every check holds.
    pub ready: bool,
    /// The after-assessment deletion deadline, once passed.
    pub deadline: Option<DeadlineView>,
    /// Every copy confirmed deleted.
    pub closed: bool,
}

/// A recording that can be chosen.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CandidateView {
    /// Recording id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Planned date, formatted.
    pub planned_for: String,
}

/// One readiness check.
#[derive(Debug, Clone, Serialize, TS)]
#[ts(export)]
pub struct CheckView {
    /// What is checked.
    pub label: String,
    /// It holds.
    pub ok: bool,
    /// What to do when it does not.
    pub hint: Option<String>,
}
