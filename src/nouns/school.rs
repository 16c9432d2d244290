//! The internship school's own rules, as the student entered them. The HU checklist starts with
//! "follow the school's own privacy policy": these are the parts of it that change what the app
//! checks. A recording keeps the version of its school's rules it was checked against, as it
//! keeps its pack's version; every change is a new version in the journal.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// How the school arranges consent for images of its pupils.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum ConsentArrangement {
    /// The school has asked for consent already (e.g. at enrolment).
    SchoolArranged,
    /// The student asks for consent, following the school's policy.
    StudentAsks,
    /// The school relies on legitimate interest; people may object.
    LegitimateInterest,
}

/// One internship school's rules for recordings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[ts(export)]
pub struct School {
    /// Stable id (a random UUID), shared by every version.
    pub id: String,
    /// The school's name.
    pub name: String,
    /// Who handles privacy questions at the school (a name, role or address).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub privacy_contact: Option<String>,
    /// Whether the school lets students record with their own phone or tablet.
    pub own_devices_allowed: bool,
    /// Whether the school requires its own recording equipment.
    pub school_equipment_required: bool,
    /// How consent is arranged, if the student knows.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<ConsentArrangement>,
    /// The basis or arrangement in the school's words (e.g. "toestemmingsformulier bij
    /// inschrijving").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent_basis: Option<String>,
    /// Where the school requires recordings to be stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub storage: Option<String>,
    /// The school's retention: every copy deleted this many days after recording, at the latest.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_retention_days: Option<u32>,
    /// 1 for the first version, one more for each change.
    pub version: u32,
    /// When this version was entered.
    pub changed_at: DateTime<Utc>,
}
