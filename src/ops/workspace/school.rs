//! The recording's internship school and the decision to keep its secure copy longer: both
//! change which rules and deadlines apply, so both are journalled like any other change.

use super::{parse_date, RecordingChanged, RecordingError, Result, Workspace};
use super::{KeepSecureCopy, SchoolInput, SetSchool};
use crate::clock::local_date;
use crate::recording::KeepDecision;
use crate::school::School;
use crate::store::Change;
use crate::text::tr;

/// Longest school name.
const MAX_SCHOOL_NAME: usize = 120;
/// Longest free text of a school's rules (contact, basis, storage).
const MAX_SCHOOL_TEXT: usize = 200;
/// Longest retention a school can set, in days (ten years).
const MAX_RETENTION_DAYS: u32 = 3650;

impl Workspace {
    /// Names the recording's internship school with its rules (a new school, or one entered
    /// before, possibly changed), or clears it. A changed school gets the next version; the
    /// recording is checked against the version it names.
    pub fn set_school(&mut self, input: SetSchool) -> Result<RecordingChanged> {
        let school = match input.school {
            Some(entered) => Some(self.school_version(entered)?),
            None => None,
        };
        let change = Change::SchoolSet {
            school: school.as_ref().map(|s| format!("{}@{}", s.id, s.version)),
        };
        self.update(&input.recording, change, |rec, _| {
            rec.school = school;
            Ok(())
        })
    }

    /// The schools entered on any recording, each in its newest version, by name.
    pub fn schools(&self) -> Vec<School> {
        let mut newest: Vec<School> = Vec::new();
        for s in self
            .state
            .recordings
            .iter()
            .filter_map(|r| r.school.as_ref())
        {
            match newest.iter_mut().find(|n| n.id == s.id) {
                Some(n) if n.version < s.version => *n = s.clone(),
                Some(_) => {}
                None => newest.push(s.clone()),
            }
        }
        newest.sort_by_key(|s| s.name.to_lowercase());
        newest
    }

    /// `entered` as a school version: checked, with the id and version it gets (the same version
    /// when nothing changed).
    fn school_version(&self, entered: SchoolInput) -> Result<School> {
        let name = entered.name.trim();
        if name.is_empty()
            || name.chars().count() > MAX_SCHOOL_NAME
            || name.chars().any(char::is_control)
        {
            return Err(RecordingError::InvalidSchoolName.into());
        }
        if entered
            .max_retention_days
            .is_some_and(|d| d == 0 || d > MAX_RETENTION_DAYS)
        {
            return Err(RecordingError::InvalidRetention.into());
        }
        let text = |t: Option<String>| -> Result<Option<String>> {
            match t.map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()) {
                Some(t)
                    if t.chars().count() > MAX_SCHOOL_TEXT || t.chars().any(char::is_control) =>
                {
                    Err(RecordingError::NoteTooLong.into())
                }
                other => Ok(other),
            }
        };
        let known = entered
            .id
            .as_deref()
            .and_then(|id| self.schools().into_iter().find(|s| s.id == id));
        let mut school = School {
            id: known
                .as_ref()
                .map_or_else(|| uuid::Uuid::new_v4().to_string(), |k| k.id.clone()),
            name: name.to_owned(),
            privacy_contact: text(entered.privacy_contact)?,
            own_devices_allowed: entered.own_devices_allowed,
            school_equipment_required: entered.school_equipment_required,
            consent: entered.consent,
            consent_basis: text(entered.consent_basis)?,
            storage: text(entered.storage)?,
            max_retention_days: entered.max_retention_days,
            version: 1,
            changed_at: self.clock.now(),
        };
        if let Some(known) = known {
            let same_rules = School {
                version: known.version,
                changed_at: known.changed_at,
                ..school.clone()
            };
            if same_rules == known {
                return Ok(known);
            }
            school.version = known.version + 1;
        }
        Ok(school)
    }

    /// Keeps the secure copy past the deadlines that delete every copy before `until`: an
    /// explicit decision with a reason and an end date, which becomes a deadline of its own.
    pub fn keep_secure_copy(&mut self, input: KeepSecureCopy) -> Result<RecordingChanged> {
        let reason = input.reason.trim().to_owned();
        if reason.is_empty() {
            return Err(RecordingError::KeepReasonMissing.into());
        }
        if reason.chars().count() > super::MAX_NOTE {
            return Err(RecordingError::NoteTooLong.into());
        }
        let until = parse_date(&input.until)?;
        let change = Change::SecureCopyKept {
            deadline: input.deadline.clone(),
        };
        self.update(&input.recording, change, |rec, op| {
            let deletes_every_copy = op.pack.deadlines.iter().any(|d| {
                d.id == input.deadline && d.done_when == crate::policy::DoneWhen::AllCopiesDeleted
            });
            if !deletes_every_copy {
                return Err(super::unknown(super::PackThing::Deadline, &input.deadline));
            }
            if until < local_date(op.now) {
                return Err(RecordingError::DateOutOfRange {
                    problem: tr(
                        op.lang,
                        "Kies een einddatum vanaf vandaag.",
                        "Choose an end date from today on.",
                    ),
                }
                .into());
            }
            rec.keeps.push(KeepDecision {
                deadline: input.deadline.clone(),
                reason,
                until,
                at: op.now,
                by: op.by.clone(),
            });
            Ok(())
        })
    }
}
