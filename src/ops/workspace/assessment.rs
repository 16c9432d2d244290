//! The final assessment: choosing recordings, checking their readiness, and "passed".

use super::{log_event_on, parse_date, Result, Workspace};
use crate::assessment::{self, ReadinessCheck};
use crate::clock::local_date;
use crate::deadline::{self, DeadlineSource};
use crate::policy::Due;
use crate::recording::{EventKind, Tick};
use crate::store::Change;
use crate::text::{tr, Lang};
use crate::views::{self, AssessmentRecordingView, AssessmentView, CandidateView, CheckView};
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
    /// The day of the assessment, `YYYY-MM-DD`.
    pub on: String,
}

fn check_text(check: ReadinessCheck, lang: Lang) -> (String, String) {
    let (label, hint) = match (check, lang) {
        (ReadinessCheck::OnSecureStorage, Lang::Nl) => (
            "Staat op de veilige opslaglocatie",
            "Log eerst 'Veilig opgeslagen'. Is de kopie op de veilige locatie al verwijderd, dan kun je deze opname niet meer tonen.",
        ),
        (ReadinessCheck::OnSecureStorage, Lang::En) => (
            "Is on the secure location",
            "Log 'Stored securely' first. If the secure copy was already deleted, this recording can no longer be shown.",
        ),
        (ReadinessCheck::OffDevices, Lang::Nl) => (
            "Niet meer op telefoon, laptop of in de cloud",
            "Bevestig bij Kopieën dat je die kopieën hebt verwijderd.",
        ),
        (ReadinessCheck::OffDevices, Lang::En) => (
            "No longer on phone, laptop or in the cloud",
            "Confirm under Copies that you deleted those copies.",
        ),
        (ReadinessCheck::NoPortfolioLinks, Lang::Nl) => (
            "Geen opnamen of links in je portfolio",
            "Controleer je portfolio en vink dat hieronder aan.",
        ),
        (ReadinessCheck::NoPortfolioLinks, Lang::En) => (
            "No recordings or links in your portfolio",
            "ReadinessCheck your portfolio and tick that below.",
        ),
    };
    (label.to_owned(), hint.to_owned())
}

impl Workspace {
    /// Chooses a recorded lesson for the assessment, or takes it off.
    pub fn select_for_assessment(&mut self, input: SelectForAssessment) -> Result<AssessmentView> {
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
        self.assessment()
    }

    /// Confirms (or withdraws) that the portfolio holds no recordings or links to them.
    pub fn check_portfolio(&mut self, done: bool) -> Result<AssessmentView> {
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
        self.assessment()
    }

    /// The student passed: logs it on every chosen recording, which starts their delete-now
    /// deadlines.
    pub fn assessment_passed(&mut self, input: AssessmentPassed) -> Result<AssessmentView> {
        let lang = self.lang();
        let day = parse_date(&input.on)?;
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
        self.assessment()
    }

    /// The assessment view: chosen recordings with their readiness, and what can still be chosen.
    pub fn assessment(&self) -> Result<AssessmentView> {
        let lang = self.lang();
        let now = self.clock.now();
        let state = &self.state.assessment;
        let mut chosen = Vec::new();
        let mut candidates = Vec::new();
        for rec in &self.state.recordings {
            if !rec.for_assessment {
                if rec.first(EventKind::Recorded).is_some() && !rec.is_closed() {
                    candidates.push(CandidateView {
                        id: rec.id.clone(),
                        title: rec.title.clone(),
                        planned_for: views::format_date(rec.planned_for, lang),
                    });
                }
                continue;
            }
            let pack = self.packs.require(&rec.pack.id, &rec.pack.version)?;
            let checks: Vec<CheckView> = assessment::readiness(rec, state)
                .into_iter()
                .map(|(check, ok)| {
                    let (label, hint) = check_text(check, lang);
                    CheckView {
                        label,
                        ok,
                        hint: (!ok).then_some(hint),
                    }
                })
                .collect();
            let deadline = deadline::derive(pack, rec, now)
                .iter()
                .find(|d| {
                    matches!(d.source, DeadlineSource::Rule(rule) if matches!(rule.due, Due::AfterEvent { event: EventKind::AssessmentPassed, .. }))
                        && d.due.is_some()
                })
                .map(|d| views::deadline_view(d, lang));
            chosen.push(AssessmentRecordingView {
                id: rec.id.clone(),
                title: rec.title.clone(),
                planned_for: views::format_date(rec.planned_for, lang),
                ready: checks.iter().all(|c| c.ok),
                checks,
                deadline,
                closed: rec.is_closed(),
            });
        }
        Ok(AssessmentView {
            ready: !chosen.is_empty() && chosen.iter().all(|c| c.ready),
            chosen,
            candidates,
            portfolio_checked: state.portfolio_checked.as_ref().map(|t| {
                format!(
                    "{} {} {} {}",
                    tr(lang, "gecontroleerd door", "checked by"),
                    t.by,
                    tr(lang, "op", "on"),
                    views::format_datetime(t.at, lang)
                )
            }),
            passed: state.passed_on.map(|d| views::format_date(d, lang)),
            today: local_date(now).to_string(),
        })
    }
}
