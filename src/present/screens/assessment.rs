//! The final assessment's screen: the chosen recordings with their readiness, and what can still be
//! chosen.

use super::Result;
use crate::assessment::{self, ReadinessCheck};
use crate::clock::local_date;
use crate::deadline::{self, DeadlineSource};
use crate::policy::Due;
use crate::recording::EventKind;
use crate::text::{tr, Lang};
use crate::views::{self, AssessmentRecordingView, AssessmentView, CandidateView, CheckView};
use crate::workspace::Workspace;

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
            "Check your portfolio and tick that below.",
        ),
    };
    (label.to_owned(), hint.to_owned())
}

/// The readiness check "no open items": the deadlines of `rec` that are open at the assessment
/// ([`deadline::Deadline::open_at_assessment`]), worded.
fn open_items(
    pack: &crate::policy::PolicyPack,
    rec: &crate::recording::Recording,
    now: chrono::DateTime<chrono::Utc>,
    lang: Lang,
) -> CheckView {
    let open: Vec<String> = deadline::derive(pack, rec, now)
        .iter()
        .filter(|d| d.open_at_assessment())
        .map(|d| {
            let v = views::deadline_view(d, pack, lang);
            format!("{} ({})", v.title, v.status_label.to_lowercase())
        })
        .collect();
    CheckView {
        label: tr(lang, "Geen open punten", "No open items"),
        ok: open.is_empty(),
        hint: (!open.is_empty()).then(|| open.join("; ")),
    }
}

impl Workspace {
    /// The assessment view: chosen recordings with their readiness, and what can still be chosen.
    pub fn assessment(&self) -> Result<AssessmentView> {
        let lang = self.lang();
        let now = self.now();
        let state = &self.state().assessment;
        let mut chosen = Vec::new();
        let mut candidates = Vec::new();
        for rec in &self.state().recordings {
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
            let pack = self.packs().require(&rec.pack.id, &rec.pack.version)?;
            let mut checks: Vec<CheckView> = assessment::readiness(rec, state)
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
            checks.push(open_items(pack, rec, now, lang));
            let deadline = deadline::derive(pack, rec, now)
                .iter()
                .find(|d| {
                    matches!(d.source, DeadlineSource::Rule(rule) if matches!(rule.due, Due::AfterEvent { event: EventKind::AssessmentPassed, .. }))
                        && d.due.is_some()
                })
                .map(|d| views::deadline_view(d, pack, lang));
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
            not_passed: state.not_passed.last().map(|n| {
                format!(
                    "{} {}; {} {}",
                    tr(lang, "Niet behaald, uitslag op", "Not passed, result on"),
                    views::format_date(n.on, lang),
                    tr(lang, "herkansing op", "resit on"),
                    views::format_date(n.resit, lang)
                )
            }),
            today: local_date(now).to_string(),
        })
    }
}
