//! One test per rule of the board memo on recording lessons (seed `000_…`), named after the rule.

use crate::support::*;
use opnamewijs::deadline::DeadlineStatus;
use opnamewijs::policy::Verdict;
use opnamewijs::recording::EventKind;
use opnamewijs::workspace::{LogEvent, LogIncident};
use opnamewijs::ErrorPayload;

const MEMO: &str = "memo-lesopnamen";

/// A memo recording planned for Friday 24 April 2026; now = Thursday 23 April 09:00.
fn planned() -> (Env, String) {
    let mut env = Env::at(nl(2026, 4, 23, 9, 0));
    let id = env.create(MEMO, "2026-04-24").id;
    (env, id)
}

#[test]
fn rule_1_not_visible_may_be_recorded_with_camera_and_microphone_announcements() {
    let (mut env, id) = planned();
    let view = env.answer(&id, &[("students_visible", no())]);
    assert_eq!(view.verdict.verdict, Some(Verdict::AllowedWithConditions));
    assert!(
        view.verdict.reason.contains("andere groepen"),
        "may be shown to later groups"
    );
    let items = shown_items(&view);
    for item in [
        "voor.camera_uit",
        "tijdens.herhaald",
        "tijdens.aangesproken",
    ] {
        assert!(items.contains(&item.to_owned()), "condition 1 item {item}");
    }
    assert!(!items.contains(&"voor.doel".to_owned()));
}

#[test]
fn rule_2_visible_not_because_it_is_convenient() {
    let (mut env, id) = planned();
    let view = env.answer(
        &id,
        &[
            ("students_visible", yes()),
            ("purpose", choice("convenient")),
        ],
    );
    assert_eq!(view.verdict.verdict, Some(Verdict::NotAllowed));
}

#[test]
fn rule_2a_feedback_or_assessment_in_that_lesson() {
    let (mut env, id) = planned();
    let view = env.answer(
        &id,
        &[
            ("students_visible", yes()),
            ("purpose", choice("feedback_assessment")),
        ],
    );
    assert_eq!(view.verdict.verdict, Some(Verdict::AllowedWithConditions));
    let items = shown_items(&view);
    // Conditions 2 (purpose and necessity), 3 (sensitive information), 4 (objection), 5 (consequences), 6 (privacy officers).
    for item in [
        "voor.doel",
        "tijdens.gevoelig",
        "tijdens.bezwaar",
        "voor.gevolgen",
        "na.privacy_officers",
    ] {
        assert!(items.contains(&item.to_owned()), "{item}");
    }
}

#[test]
fn rule_2b_exam_evidence_archived_not_reused_as_teaching_material() {
    let (mut env, id) = planned();
    let view = env.answer(
        &id,
        &[
            ("students_visible", yes()),
            ("purpose", choice("exam_evidence")),
        ],
    );
    assert_eq!(view.verdict.verdict, Some(Verdict::AllowedWithConditions));
    assert!(shown_items(&view).contains(&"na.archief".to_owned()));
}

#[test]
fn rule_2c_other_necessity_needs_the_privacy_officers_within_two_working_days() {
    let (mut env, id) = planned();
    let view = env.answer(
        &id,
        &[
            ("students_visible", yes()),
            ("purpose", choice("other_necessary")),
        ],
    );
    assert_eq!(view.verdict.verdict, Some(Verdict::NeedsOfficerApproval));
    let refused = env
        .ws
        .log_event(LogEvent {
            recording: id.clone(),
            kind: EventKind::Recorded,
            on: None,
            note: None,
        })
        .shown(&env.ws)
        .expect_err("the core refuses this");
    assert_eq!(
        ErrorPayload::from(refused).code,
        "recording.not_allowed",
        "no recording before approval"
    );
    assert_eq!(
        deadline(&view, "doorlooptijd_verzoek").status,
        DeadlineStatus::Waiting
    );
    // Ticking the request item logs the request (Thursday 23 April 2026); King's Day (Monday 27th) does not count.
    let view = env.tick(&id, "voor.verzoek");
    let d = deadline(&view, "doorlooptijd_verzoek");
    assert_eq!(d.when, "uiterlijk di 28 apr. 2026 23:59");
    env.clock.set(nl(2026, 4, 29, 9, 0));
    assert_eq!(
        deadline(&env.ws.view(&id).expect("view"), "doorlooptijd_verzoek").status,
        DeadlineStatus::Overdue
    );
    // Two separate answers, each with its own clock: first the lead time, then the decision by
    // the date they announced.
    assert_eq!(
        deadline(&env.ws.view(&id).expect("view"), "besluit_privacy_officers").status,
        DeadlineStatus::Waiting,
        "the decision's date is asked once the lead time is known"
    );
    let view = env
        .ws
        .log_event(LogEvent {
            recording: id.clone(),
            kind: EventKind::OfficerLeadTimeGiven,
            on: None,
            note: None,
        })
        .shown(&env.ws)
        .expect("lead time given");
    assert_eq!(
        deadline(&view, "doorlooptijd_verzoek").status,
        DeadlineStatus::Done
    );
    let d = deadline(&view, "besluit_privacy_officers");
    assert_eq!(d.status, DeadlineStatus::NeedsDate);
    let view = env
        .ws
        .choose_date(opnamewijs::workspace::ChooseDate {
            recording: id.clone(),
            deadline: "besluit_privacy_officers".into(),
            date: "2026-05-12".into(),
        })
        .shown(&env.ws)
        .expect("the announced date");
    assert_eq!(
        deadline(&view, "besluit_privacy_officers").when,
        "uiterlijk di 12 mei 2026 23:59"
    );
    let view = env
        .ws
        .log_event(LogEvent {
            recording: id.clone(),
            kind: EventKind::OfficerAnswered,
            on: None,
            note: None,
        })
        .shown(&env.ws)
        .expect("answered");
    assert_eq!(
        deadline(&view, "besluit_privacy_officers").status,
        DeadlineStatus::Done
    );
    let view = env.answer(&id, &[("officer_decision", choice("approved"))]);
    assert_eq!(view.verdict.verdict, Some(Verdict::AllowedWithConditions));
    let view = env.answer(&id, &[("officer_decision", choice("rejected"))]);
    assert_eq!(view.verdict.verdict, Some(Verdict::NotAllowed));
}

#[test]
fn condition_4_objection_upheld_means_the_recordings_are_destroyed() {
    let (mut env, id) = planned();
    env.answer(
        &id,
        &[
            ("students_visible", yes()),
            ("purpose", choice("feedback_assessment")),
        ],
    );
    let view = env
        .ws
        .log_incident(LogIncident {
            recording: id.clone(),
            kind: "bezwaar_toegekend".into(),
            note: None,
        })
        .shown(&env.ws)
        .expect("incident");
    assert_eq!(
        deadline(&view, "incident/incident-1/vernietigd").when,
        "uiterlijk do 23 apr. 2026 23:59"
    );
}

#[test]
fn condition_6_objections_and_incidents_go_to_the_privacy_officers() {
    let (mut env, id) = planned();
    env.answer(
        &id,
        &[
            ("students_visible", yes()),
            ("purpose", choice("feedback_assessment")),
        ],
    );
    let view = env
        .ws
        .log_incident(LogIncident {
            recording: id.clone(),
            kind: "bezwaar".into(),
            note: None,
        })
        .shown(&env.ws)
        .expect("incident");
    // One working day after Thursday 23 April is Friday 24 April.
    assert_eq!(
        deadline(&view, "incident/incident-1/privacy_officers").when,
        "uiterlijk vr 24 apr. 2026 23:59"
    );
}

#[test]
fn the_memo_pack_says_what_it_is_an_interim_rule_for_lecturers() {
    let env = Env::at(nl(2026, 4, 23, 9, 0));
    let status = env.ws.status().expect("status");
    let memo = status.packs.iter().find(|p| p.id == MEMO).expect("offered");
    let scope = memo.scope.as_deref().expect("scope in the picker");
    assert!(scope.contains("docenten"), "{scope}");
    assert!(scope.contains("tijdelijke regel"), "{scope}");
    assert!(memo.source.contains("23 maart 2021"), "{}", memo.source);
}

#[test]
fn rule_1_a_recording_without_students_may_be_offered_to_later_groups_after_a_check() {
    let (mut env, id) = planned();
    let view = env.answer(&id, &[("students_visible", no())]);
    assert!(shown_items(&view).contains(&"na.later_aanbieden".to_owned()));
    let from = view.verdict.from.as_ref().expect("provenance");
    assert_eq!(from.label, "Memo CvB Avans › Tijdelijke regels, regel 1");
}

#[test]
fn rule_2a_the_recording_is_deleted_after_its_use_in_that_lesson() {
    let (mut env, id) = planned();
    let view = env.answer(
        &id,
        &[
            ("students_visible", yes()),
            ("purpose", choice("feedback_assessment")),
        ],
    );
    assert!(shown_items(&view).contains(&"voor.alleen_deze_les".to_owned()));
    env.complete_phases_before(&id, "tijdens");
    env.clock.set(nl(2026, 4, 24, 10, 0));
    let view = env
        .ws
        .log_event(LogEvent {
            recording: id.clone(),
            kind: EventKind::Recorded,
            on: None,
            note: None,
        })
        .shown(&env.ws)
        .expect("recorded");
    let d = deadline(&view, "na_les_verwijderen");
    assert_eq!(d.when, "uiterlijk vr 24 apr. 2026 23:59");
    let from = d.from.as_ref().expect("provenance");
    assert_eq!(
        from.kind,
        opnamewijs::views::ProvenanceKind::Advice,
        "the memo names no term: the end of the lesson day is the app's"
    );
}
