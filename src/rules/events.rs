//! Which events a user can log on a recording now, by its pack's deadlines and checklist items.

use crate::checklist;
use crate::policy::PolicyPack;
use crate::recording::{EventKind, Recording};

/// The events a user can log on this recording now: "recorded", plus the events that the
/// deadlines and items applying to it refer to. Until the recording exists only the events that
/// may precede it are offered (e.g. a request to the privacy officers); shares and incidents have
/// their own forms. Events already logged stay listed with their time.
pub fn loggable_events(
    pack: &PolicyPack,
    rec: &Recording,
    known: &checklist::Intake<'_>,
) -> Vec<EventKind> {
    let mut kinds = vec![EventKind::Recorded];
    for rule in pack.deadlines.iter().filter(|r| {
        r.applies_when
            .as_ref()
            .is_none_or(|c| c.eval(known) == Some(true))
    }) {
        if let crate::policy::Due::AfterEvent { event, .. } = rule.due {
            kinds.push(event);
        }
        if let crate::policy::DoneWhen::Event(event) = rule.done_when {
            kinds.push(event);
        }
        if let crate::policy::Due::ChosenDate {
            asked_after: Some(event),
            ..
        } = rule.due
        {
            kinds.push(event);
        }
    }
    kinds.extend(
        pack.items
            .iter()
            .filter(|i| checklist::shown(i, known))
            .filter_map(|i| i.records_event),
    );
    kinds.sort();
    kinds.dedup();
    let recorded = rec.first(EventKind::Recorded).is_some();
    kinds.retain(|k| {
        let logged = rec.first(*k).is_some() && *k != EventKind::PlannedFor;
        let offered = match k {
            EventKind::PlannedFor | EventKind::Shared | EventKind::Incident => false,
            EventKind::Recorded
            | EventKind::OfficerRequestSent
            | EventKind::OfficerAnswered
            | EventKind::OfficerLeadTimeGiven
            | EventKind::Objection => true,
            EventKind::AnswerChanged
            | EventKind::ObjectionUpheld
            | EventKind::AssessmentNotPassed => false,
            _ => recorded,
        };
        logged || offered
    });
    kinds
}
