//! Before the final assessment: choosing recordings, readiness, "passed" → delete every copy.

use crate::mentor::{named, recorded_lesson};
use crate::support::*;
use opnamewijs::deadline::DeadlineStatus;
use opnamewijs::recording::EventKind;
use opnamewijs::store::Mode;
use opnamewijs::workspace::{AssessmentPassed, ConfirmDeletion, LogEvent, SelectForAssessment};
use opnamewijs::ErrorPayload;

fn select(env: &mut Env, id: &str, selected: bool) -> opnamewijs::views::AssessmentView {
    env.ws
        .select_for_assessment(SelectForAssessment {
            recording: id.into(),
            selected,
        })
        .shown(&env.ws)
        .expect("selection")
}

fn delete_copy(env: &mut Env, id: &str, copy: &str) {
    env.ws
        .confirm_deletion(ConfirmDeletion {
            recording: id.into(),
            copy: copy.into(),
            method: "verwijderd en prullenbak geleegd".into(),
            bin_emptied: true,
        })
        .shown(&env.ws)
        .expect("deleted");
}

#[test]
fn chosen_recordings_are_checked_then_passing_starts_delete_now_for_every_copy() {
    let mut env = Env::at(nl(2026, 11, 24, 10, 0));
    named(&mut env, "Sam de Vries", Mode::Student);
    let id = recorded_lesson(&mut env, "Rekenles 3B");
    let other = recorded_lesson(&mut env, "Taalles 4A");
    let view = env.ws.assessment().expect("view");
    assert_eq!(view.candidates.len(), 2);
    assert!(view.chosen.is_empty() && !view.ready);

    let view = select(&mut env, &id, true);
    assert_eq!(
        view.candidates.len(),
        1,
        "the other one can still be chosen"
    );
    let checks: Vec<_> = view.chosen[0]
        .checks
        .iter()
        .map(|c| (c.label.as_str(), c.ok))
        .collect();
    assert_eq!(
        checks,
        [
            ("Staat op de veilige opslaglocatie", false),
            ("Niet meer op telefoon, laptop of in de cloud", false),
            ("Geen opnamen of links in je portfolio", false),
            ("Geen open punten", false)
        ]
    );
    assert!(view.chosen[0].checks[0].hint.is_some());

    env.ws
        .log_event(LogEvent {
            recording: id.clone(),
            kind: EventKind::StoredSecurely,
            on: None,
            note: None,
        })
        .shown(&env.ws)
        .expect("stored");
    let copies = env.ws.view(&id).expect("view").copies;
    let labels: Vec<_> = copies.iter().map(|c| c.id.clone()).collect();
    assert_eq!(
        labels,
        ["copy-1", "copy-2", "copy-3"],
        "device, cloud, secure"
    );
    delete_copy(&mut env, &id, "copy-1");
    delete_copy(&mut env, &id, "copy-2");
    env.ws
        .check_portfolio(true)
        .shown(&env.ws)
        .expect("portfolio");
    let view = env.ws.assessment().expect("view");
    assert!(
        view.chosen[0].checks.iter().all(|c| c.ok),
        "{:?}",
        view.chosen[0].checks
    );
    assert!(view.ready);
    assert!(view
        .portfolio_checked
        .as_deref()
        .is_some_and(|p| p.starts_with("gecontroleerd door Sam de Vries op")));

    env.clock.set(nl(2027, 1, 20, 14, 0));
    let view = env
        .ws
        .assessment_passed(AssessmentPassed {
            on: "2027-01-20".into(),
        })
        .shown(&env.ws)
        .expect("passed");
    assert_eq!(view.passed.as_deref(), Some("wo 20 jan. 2027"));
    let deadline = view.chosen[0]
        .deadline
        .clone()
        .expect("delete-now deadline");
    assert_eq!(deadline.status, DeadlineStatus::DueToday);
    let rec = env.ws.view(&id).expect("view");
    assert_eq!(
        crate::support::deadline(&rec, "na_assessment").status,
        DeadlineStatus::DueToday,
        "a feedback recording chosen for the assessment gets the after-assessment deadline"
    );
    let untouched = env.ws.view(&other).expect("view");
    assert!(
        untouched.deadlines.iter().all(|d| d.id != "na_assessment"),
        "a recording that was not chosen does not"
    );
    delete_copy(&mut env, &id, "copy-3");
    let view = env.ws.assessment().expect("view");
    assert!(view.chosen[0].closed);
    assert_eq!(
        view.chosen[0].deadline.as_ref().map(|d| d.status),
        Some(DeadlineStatus::Done)
    );
    env.restart();
    assert_eq!(
        env.ws.assessment().expect("view").passed.as_deref(),
        Some("wo 20 jan. 2027"),
        "kept in the journal"
    );
}

#[test]
fn only_recorded_lessons_can_be_chosen_and_passing_needs_a_choice() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let planned = env.create("hu-stage-opnamen", "2026-11-24").id;
    let err = ErrorPayload::from(
        env.ws
            .select_for_assessment(SelectForAssessment {
                recording: planned,
                selected: true,
            })
            .shown(&env.ws)
            .expect_err("not recorded"),
    );
    assert_eq!(err.code, "recording.not_recorded_yet");
    let err = ErrorPayload::from(
        env.ws
            .assessment_passed(AssessmentPassed {
                on: "2026-11-23".into(),
            })
            .shown(&env.ws)
            .expect_err("nothing chosen"),
    );
    assert_eq!(
        err.message,
        "Kies eerst de opnamen die je op het assessment hebt laten zien."
    );
}
