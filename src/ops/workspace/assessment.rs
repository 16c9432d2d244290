//! The final assessment: choosing recordings, checking their readiness, and "passed".

use super::{log_event_on, parse_date, AssessmentChanged, Result, Workspace};
use crate::assessment::NotPassed;
use crate::recording::{Event, EventKind, Tick};
use crate::store::Change;
use crate::text::tr;
use crate::workspace::RecordingError;
use serde::Deserialize;
use ts_rs::TS;

/// Input of choosing a recording for (or taking it off) the assessment.
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct SelectForAssessment {
    /// Recording id.
    pub recording: String,
    /// Chosen or not.
    pub selected: bool,
}

/// Input of "I passed".
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct AssessmentPassed {
    /// The day the result was known, `YYYY-MM-DD`.
    pub on: String,
}

/// Input of "I did not pass (yet)".
#[derive(Debug, Clone, Deserialize, TS)]
#[ts(export)]
pub struct AssessmentNotPassed {
    /// The day the result was known, `YYYY-MM-DD`.
    pub on: String,
    /// The day of the resit, `YYYY-MM-DD`.
    pub resit: String,
}

impl Workspace {
    /// Chooses a recorded lesson for the assessment, or takes it off.
    pub fn select_for_assessment(
        &mut self,
        input: SelectForAssessment,
    ) -> Result<AssessmentChanged> {
        let selected = input.selected;
        self.update(
            &input.recording,
            Change::AssessmentSelection { selected },
            |rec, _| {
                if selected && rec.first(EventKind::Recorded).is_none() {
                    return Err(RecordingError::NotRecordedYet.into());
                }
                if selected && rec.is_closed() {
                    return Err(RecordingError::AlreadyDeleted.into());
                }
                rec.for_assessment = selected;
                Ok(())
            },
        )?;
        Ok(AssessmentChanged)
    }

    /// Confirms (or withdraws) that the portfolio holds no recordings or links to them.
    pub fn check_portfolio(&mut self, done: bool) -> Result<AssessmentChanged> {
        let mut next = self.state.assessment.clone();
        next.portfolio_checked = done.then(|| Tick {
            by: self.state.profile.name.clone(),
            at: self.clock.now(),
            note: None,
        });
        self.record_entry(Change::PortfolioChecked, |e| {
            e.assessment = Some(next.clone());
        })?;
        self.state.assessment = next;
        Ok(AssessmentChanged)
    }

    /// The student did not pass: the chosen recordings are kept for the resit, each with a
    /// deadline after it, and the result is logged on each of them.
    pub fn assessment_not_passed(
        &mut self,
        input: AssessmentNotPassed,
    ) -> Result<AssessmentChanged> {
        let lang = self.lang();
        let on = parse_date(&input.on)?;
        let resit = parse_date(&input.resit)?;
        if resit <= on || resit > on + chrono::Duration::days(730) {
            return Err(RecordingError::DateOutOfRange {
                problem: tr(
                    lang,
                    "De herkansing ligt na de uitslag, binnen twee jaar.",
                    "The resit comes after the result, within two years.",
                ),
            }
            .into());
        }
        let chosen = self.chosen_for_assessment(lang)?;
        let by = self.state.profile.name.clone();
        for id in chosen {
            let by = by.clone();
            let change = Change::EventLogged {
                kind: EventKind::AssessmentNotPassed,
            };
            self.update(&id, change, |rec, op| {
                if rec.first(EventKind::AssessmentPassed).is_some() {
                    return Ok(());
                }
                let note = format!(
                    "{} {}",
                    tr(op.lang, "herkansing op", "resit on"),
                    crate::dates::format_date(resit, op.lang)
                );
                rec.events.push(Event {
                    kind: EventKind::AssessmentNotPassed,
                    at: crate::clock::start_of_day(on) + chrono::Duration::hours(12),
                    by,
                    note: Some(note),
                });
                rec.resit = Some(resit);
                Ok(())
            })?;
        }
        let mut next = self.state.assessment.clone();
        next.not_passed.push(NotPassed { on, resit });
        self.record_entry(Change::AssessmentNotPassed, |e| {
            e.assessment = Some(next.clone());
        })?;
        self.state.assessment = next;
        Ok(AssessmentChanged)
    }

    /// The recordings chosen for the assessment; refused when there are none.
    fn chosen_for_assessment(&self, lang: crate::text::Lang) -> Result<Vec<String>> {
        let chosen: Vec<String> = self
            .state
            .recordings
            .iter()
            .filter(|r| r.for_assessment)
            .map(|r| r.id.clone())
            .collect();
        if chosen.is_empty() {
            return Err(RecordingError::DateOutOfRange {
                problem: tr(
                    lang,
                    "Kies eerst de opnamen die je op het assessment hebt laten zien.",
                    "First choose the recordings you showed at the assessment.",
                ),
            }
            .into());
        }
        Ok(chosen)
    }

    /// The student passed: logs it on every chosen recording, which starts their delete-now
    /// deadlines.
    pub fn assessment_passed(&mut self, input: AssessmentPassed) -> Result<AssessmentChanged> {
        let lang = self.lang();
        let day = parse_date(&input.on)?;
        let chosen = self.chosen_for_assessment(lang)?;
        let by = self.state.profile.name.clone();
        for id in chosen {
            if self
                .recording(&id)?
                .first(EventKind::AssessmentPassed)
                .is_some()
            {
                continue;
            }
            let by = by.clone();
            self.update(
                &id,
                Change::EventLogged {
                    kind: EventKind::AssessmentPassed,
                },
                |rec, op| {
                    let on = Some(input.on.as_str());
                    log_event_on(rec, op, EventKind::AssessmentPassed, on, by, None)
                },
            )?;
        }
        let mut next = self.state.assessment.clone();
        next.passed_on = Some(day);
        self.record_entry(Change::AssessmentPassed, |e| {
            e.assessment = Some(next.clone());
        })?;
        self.state.assessment = next;
        Ok(AssessmentChanged)
    }
}
