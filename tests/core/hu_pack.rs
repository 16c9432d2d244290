//! One test per rule of the HU checklist (seed `002_…`), named after the rule.

use crate::support::*;
use opnamewijs::deadline::DeadlineStatus;
use opnamewijs::policy::{PackSet, Verdict};
use opnamewijs::recording::{Answer, Channel, CopyKind, EventKind, Role};
use opnamewijs::workspace::{ChooseDate, ConfirmDeletion, LogEvent, LogIncident, LogShare};
use opnamewijs::ErrorPayload;

const HU: &str = "hu-stage-opnamen";

#[test]
fn embedded_packs_load_without_errors() {
    let set = PackSet::embedded();
    assert!(set.errors().is_empty(), "{:?}", set.errors());
    let ids: Vec<_> = set
        .packs()
        .iter()
        .map(|p| (p.id.as_str(), p.version.as_str()))
        .collect();
    assert_eq!(
        ids,
        [("hu-stage-opnamen", "1.0.0"), ("memo-lesopnamen", "1.0.0")]
    );
}

/// A planned HU recording on Tuesday 24 November 2026, now = Monday 23 November 10:00.
fn planned() -> (Env, String) {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let view = env.create(HU, "2026-11-24");
    assert_eq!(view.pack.id, HU, "pinned to the pack id");
    assert_eq!(view.pack.version, "1.0.0", "pinned to the pack version");
    (env, view.id)
}

/// Answers for a typical recording: own phone, feedback, pupils in view, student asks consent.
fn typical(env: &mut Env, id: &str, extra: &[(&str, Answer)]) -> opnamewijs::views::RecordingView {
    let mut answers = vec![
        ("mentor_live", no()),
        ("purpose", choice("feedback")),
        ("media", choice("video")),
        ("device", choice("own_device")),
        ("pupils_in_view", yes()),
        ("consent_basis", choice("student_asks")),
        ("pupils_under_16", yes()),
        ("pupils_without_consent", Answer::Count(0)),
    ];
    for (q, a) in extra {
        answers.retain(|(k, _)| k != q);
        answers.push((q, a.clone()));
    }
    env.answer(id, &answers)
}

fn record(env: &mut Env, id: &str) -> opnamewijs::views::RecordingView {
    env.ws
        .log_event(LogEvent {
            recording: id.into(),
            kind: EventKind::Recorded,
            on: None,
            note: None,
        })
        .shown(&env.ws)
        .expect("log recorded")
}

#[test]
fn vooraf_mentor_joining_live_comes_first() {
    let (mut env, id) = planned();
    let view = env.ws.view(&id).expect("view");
    assert_eq!(
        view.questions.first().map(|q| q.id.as_str()),
        Some("mentor_live"),
        "the live alternative is asked first"
    );
    assert_eq!(
        view.verdict.verdict, None,
        "no verdict before the first answer"
    );
    let view = env.answer(&id, &[("mentor_live", yes())]);
    assert_eq!(
        view.verdict.verdict,
        Some(Verdict::NotAllowed),
        "live beats a recording"
    );
    assert_eq!(
        view.questions.len(),
        1,
        "no further questions once the mentor can join live"
    );
    let err = ErrorPayload::from(
        env.ws
            .log_event(LogEvent {
                recording: id.clone(),
                kind: EventKind::Recorded,
                on: None,
                note: None,
            })
            .shown(&env.ws)
            .expect_err("the core refuses this"),
    );
    assert_eq!(err.code, "recording.not_allowed");
}

#[test]
fn vooraf_school_policy_and_agreements_block_the_next_phases() {
    let (mut env, id) = planned();
    let view = typical(&mut env, &id, &[]);
    let vooraf: Vec<_> = view.phases[0]
        .items
        .iter()
        .map(|i| (i.id.as_str(), i.blocking))
        .collect();
    assert_eq!(
        vooraf,
        [
            ("vooraf.live", true),
            ("vooraf.schoolbeleid", true),
            ("vooraf.toestemming_route", true),
            ("vooraf.apparatuur_school", false),
            ("vooraf.afspraken", true),
            ("vooraf.lwo", true)
        ]
    );
    let err = ErrorPayload::from(
        env.ws
            .set_item(opnamewijs::workspace::SetItem {
                recording: id.clone(),
                item: "apparatuur.getest".into(),
                done: true,
                note: None,
            })
            .shown(&env.ws)
            .expect_err("the core refuses this"),
    );
    assert_eq!(err.code, "recording.phase_blocked");
    let locked = env.ws.view(&id).expect("view");
    assert!(
        locked.phases[1].items.iter().all(|i| i.locked),
        "every equipment item is locked"
    );
    let why = locked.phases[1].locked_by.clone().unwrap_or_default();
    assert!(
        why.starts_with("Eerst afronden in een eerdere fase: Nagevraagd of"),
        "{why}"
    );
    assert!(
        err.message.contains("AVG-beleid van de school"),
        "names the open item: {}",
        err.message
    );
    let view = env.complete_phases_before(&id, "apparatuur");
    assert!(
        view.phases[1].locked_by.is_none() && view.phases[1].items.iter().all(|i| !i.locked),
        "equipment phase unlocked"
    );
}

#[test]
fn vooraf_agreements_keep_an_evidence_note_with_who_and_when() {
    let (mut env, id) = planned();
    typical(&mut env, &id, &[]);
    let view = env
        .ws
        .set_item(opnamewijs::workspace::SetItem {
            recording: id.clone(),
            item: "vooraf.afspraken".into(),
            done: true,
            note: Some("  Alleen Anna kijkt mee; weg na nabespreking ".into()),
        })
        .shown(&env.ws)
        .expect("tick with note");
    let tick = view.phases[0]
        .items
        .iter()
        .find(|i| i.id == "vooraf.afspraken")
        .and_then(|i| i.tick.clone())
        .expect("ticked");
    assert_eq!(tick.by, "Student");
    assert_eq!(tick.at, "ma 23 nov. 2026 10:00");
    assert_eq!(
        tick.note.as_deref(),
        Some("Alleen Anna kijkt mee; weg na nabespreking")
    );
}

#[test]
fn apparatuur_own_device_sync_off_before_recording() {
    let (mut env, id) = planned();
    let view = typical(&mut env, &id, &[]);
    assert!(shown_items(&view).contains(&"apparatuur.sync_uit".to_owned()));
    let d = deadline(&view, "sync_uit");
    assert_eq!(
        d.due,
        Some(nl(2026, 11, 23, 23, 59) + chrono::Duration::seconds(59)),
        "the evening before the lesson"
    );
    assert_eq!(d.status, DeadlineStatus::DueToday);
    let view = typical(&mut env, &id, &[("device", choice("iris_connect"))]);
    assert!(
        !shown_items(&view).contains(&"apparatuur.sync_uit".to_owned()),
        "not for IRIS Connect"
    );
    assert!(shown_items(&view).contains(&"apparatuur.iris".to_owned()));
}

#[test]
fn apparatuur_hu_loan_equipment_option() {
    let (mut env, id) = planned();
    let view = typical(&mut env, &id, &[("device", choice("hu_loan"))]);
    assert!(shown_items(&view).contains(&"apparatuur.lenen".to_owned()));
}

#[test]
fn toestemming_asked_per_school_policy_before_the_lesson() {
    let (mut env, id) = planned();
    let view = typical(&mut env, &id, &[]);
    let items = shown_items(&view);
    for item in [
        "toestemming.gevraagd",
        "toestemming.geinformeerd",
        "toestemming.ouders",
    ] {
        assert!(items.contains(&item.to_owned()), "{item} shown");
    }
    assert!(
        !items.contains(&"toestemming.buiten_beeld".to_owned()),
        "everyone consented"
    );
    assert_eq!(
        deadline(&view, "toestemming_vooraf").status,
        DeadlineStatus::DueToday
    );
    let view = typical(
        &mut env,
        &id,
        &[
            ("consent_basis", choice("school_arranged")),
            ("pupils_under_16", no()),
        ],
    );
    let items = shown_items(&view);
    assert!(
        items.contains(&"toestemming.school_lijst".to_owned())
            && !items.contains(&"toestemming.gevraagd".to_owned())
    );
    assert!(
        !items.contains(&"toestemming.ouders".to_owned()),
        "no parents needed from 16"
    );
    assert!(
        view.deadlines.iter().all(|d| d.id != "toestemming_vooraf"),
        "school arranged it"
    );
}

#[test]
fn toestemming_legitimate_interest_offers_objection() {
    let (mut env, id) = planned();
    let view = typical(
        &mut env,
        &id,
        &[("consent_basis", choice("legitimate_interest"))],
    );
    assert!(shown_items(&view).contains(&"toestemming.bezwaar".to_owned()));
}

#[test]
fn toestemming_pupils_without_consent_stay_out_of_view() {
    let (mut env, id) = planned();
    let view = typical(
        &mut env,
        &id,
        &[("pupils_without_consent", Answer::Count(3))],
    );
    assert_eq!(
        view.verdict.verdict, None,
        "undecided until we know whether they can be moved"
    );
    assert!(view.questions.iter().any(|q| q.id == "seat_out_of_view"));
    let view = env.answer(&id, &[("seat_out_of_view", yes())]);
    assert_eq!(view.verdict.verdict, Some(Verdict::AllowedWithConditions));
    let item = view
        .phases
        .iter()
        .flat_map(|p| &p.items)
        .find(|i| i.id == "toestemming.buiten_beeld")
        .expect("shown");
    assert!(item.blocking);
    let view = env.answer(&id, &[("seat_out_of_view", no())]);
    assert_eq!(view.verdict.verdict, Some(Verdict::NotAllowed));
}

#[test]
fn no_pupils_in_view_is_allowed_and_skips_consent_questions() {
    let (mut env, id) = planned();
    let view = env.answer(
        &id,
        &[
            ("mentor_live", no()),
            ("purpose", choice("reflection")),
            ("media", choice("audio")),
            ("device", choice("school")),
            ("pupils_in_view", no()),
        ],
    );
    assert_eq!(view.verdict.verdict, Some(Verdict::Allowed));
    assert!(view
        .questions
        .iter()
        .all(|q| q.id != "consent_basis" && q.id != "pupils_without_consent"));
    assert!(view
        .phases
        .iter()
        .find(|p| p.id == "toestemming")
        .is_some_and(|p| p.items.is_empty()));
}

#[test]
fn opslaan_store_securely_the_same_day_and_delete_from_device_and_cloud() {
    let (mut env, id) = planned();
    typical(&mut env, &id, &[]);
    env.complete_phases_before(&id, "opslaan");
    let early = env
        .ws
        .set_item(opnamewijs::workspace::SetItem {
            recording: id.clone(),
            item: "opslaan.veilig".into(),
            done: true,
            note: None,
        })
        .shown(&env.ws);
    assert_eq!(
        ErrorPayload::from(early.expect_err("nothing to store yet")).code,
        "recording.not_recorded_yet"
    );
    env.clock.set(nl(2026, 11, 24, 11, 0));
    let view = record(&mut env, &id);
    for d in ["veilig_opslaan", "van_apparaat", "uit_cloud"] {
        let d = deadline(&view, d);
        assert_eq!(d.status, DeadlineStatus::DueToday, "{} due today", d.id);
        assert_eq!(d.when, "uiterlijk di 24 nov. 2026 23:59");
    }
    let rec = env.ws.recording(&id).expect("recording").clone();
    let kinds: Vec<_> = rec.copies.iter().map(|c| c.kind).collect();
    assert_eq!(
        kinds,
        [
            CopyKind::Device,
            CopyKind::CloudSync,
            CopyKind::SecureStorage
        ]
    );
    let view = env.tick(&id, "opslaan.veilig");
    assert_eq!(
        deadline(&view, "veilig_opslaan").status,
        DeadlineStatus::Done,
        "ticking stores the event"
    );
    env.clock.set(nl(2026, 11, 25, 9, 0));
    let view = env.ws.view(&id).expect("view");
    assert_eq!(
        deadline(&view, "van_apparaat").status,
        DeadlineStatus::Overdue
    );
    let view = env
        .ws
        .confirm_deletion(ConfirmDeletion {
            recording: id.clone(),
            copy: "copy-1".into(),
            method: "Verwijderd in Foto's en 'Recent verwijderd' geleegd".into(),
        })
        .shown(&env.ws)
        .expect("confirm");
    assert_eq!(deadline(&view, "van_apparaat").status, DeadlineStatus::Done);
    assert_eq!(
        view.copies[0].deleted.as_deref(),
        Some("verwijderd door Student op wo 25 nov. 2026 09:00 (Verwijderd in Foto's en 'Recent verwijderd' geleegd)")
    );
    let err = ErrorPayload::from(
        env.ws
            .confirm_deletion(ConfirmDeletion {
                recording: id.clone(),
                copy: "copy-2".into(),
                method: "  ".into(),
            })
            .shown(&env.ws)
            .expect_err("the core refuses this"),
    );
    assert_eq!(err.code, "recording.method_missing");
}

#[test]
fn delen_only_mentor_assessor_or_peers() {
    let (mut env, id) = planned();
    typical(&mut env, &id, &[]);
    env.complete_phases_before(&id, "opslaan");
    record(&mut env, &id);
    env.ws
        .log_share(LogShare {
            recording: id.clone(),
            role: Role::Mentor,
            channel: Channel::SecureStorage,
            note: None,
        })
        .shown(&env.ws)
        .expect("mentor via secure storage");
    let rec = env.ws.recording(&id).expect("rec");
    assert!(
        rec.copies.iter().any(|c| c.kind == CopyKind::MentorAccess),
        "sharing creates a copy to revoke later"
    );
    let err = ErrorPayload::from(
        env.ws
            .log_share(LogShare {
                recording: id.clone(),
                role: Role::Other,
                channel: Channel::SecureStorage,
                note: None,
            })
            .shown(&env.ws)
            .expect_err("the core refuses this"),
    );
    assert_eq!(err.code, "share.role_not_allowed");
}

#[test]
fn delen_never_by_email_wetransfer_internet_or_social_media() {
    let (mut env, id) = planned();
    typical(&mut env, &id, &[]);
    env.complete_phases_before(&id, "opslaan");
    record(&mut env, &id);
    for channel in [
        Channel::Email,
        Channel::Wetransfer,
        Channel::Internet,
        Channel::SocialMedia,
        Channel::Messaging,
        Channel::UsbStick,
    ] {
        let err = env
            .ws
            .log_share(LogShare {
                recording: id.clone(),
                role: Role::Mentor,
                channel,
                note: None,
            })
            .shown(&env.ws)
            .expect_err("the core refuses this");
        let payload = ErrorPayload::from(err);
        assert_eq!(payload.code, "share.forbidden_channel", "{channel:?}");
        assert!(
            payload.message.contains("Meld dan een incident"),
            "offers an incident: {}",
            payload.message
        );
    }
    assert!(
        env.ws.recording(&id).expect("rec").shares.is_empty(),
        "refused shares are not logged"
    );
    let view = env
        .ws
        .log_incident(LogIncident {
            recording: id.clone(),
            kind: "verkeerd_gedeeld".into(),
            note: None,
        })
        .shown(&env.ws)
        .expect("incident");
    let d = deadline(&view, "incident/incident-1/school");
    assert_eq!(
        d.due,
        Some(nl(2026, 11, 24, 10, 0)),
        "tell the school within 24 hours"
    );
}

#[test]
fn verwijderen_after_feedback_closes_the_recording() {
    let (mut env, id) = planned();
    typical(&mut env, &id, &[]);
    env.complete_phases_before(&id, "opslaan");
    record(&mut env, &id);
    let view = env.ws.view(&id).expect("view");
    assert_eq!(
        deadline(&view, "na_feedback").status,
        DeadlineStatus::Waiting
    );
    env.clock.set(nl(2026, 11, 26, 15, 0));
    let view = env
        .ws
        .log_event(LogEvent {
            recording: id.clone(),
            kind: EventKind::FeedbackGiven,
            on: None,
            note: None,
        })
        .shown(&env.ws)
        .expect("feedback");
    let d = deadline(&view, "na_feedback");
    assert_eq!(
        (d.status, d.due),
        (
            DeadlineStatus::DueToday,
            Some(nl(2026, 11, 26, 23, 59) + chrono::Duration::seconds(59))
        )
    );
    for copy in ["copy-1", "copy-2", "copy-3"] {
        env.ws
            .confirm_deletion(ConfirmDeletion {
                recording: id.clone(),
                copy: copy.into(),
                method: "definitief verwijderd".into(),
            })
            .shown(&env.ws)
            .expect("confirm");
    }
    let view = env.ws.view(&id).expect("view");
    assert_eq!(deadline(&view, "na_feedback").status, DeadlineStatus::Done);
    assert!(view.closed, "every copy confirmed gone");
}

#[test]
fn verwijderen_after_reflection_needs_a_concrete_date() {
    let (mut env, id) = planned();
    let view = typical(&mut env, &id, &[("purpose", choice("reflection"))]);
    let d = deadline(&view, "bewaartermijn");
    assert_eq!(d.status, DeadlineStatus::NeedsDate);
    assert!(d.needs_date);
    let too_late = env
        .ws
        .choose_date(ChooseDate {
            recording: id.clone(),
            deadline: "bewaartermijn".into(),
            date: "2028-01-01".into(),
        })
        .shown(&env.ws)
        .expect_err("the core refuses this");
    assert_eq!(
        ErrorPayload::from(too_late).message,
        "Bewaar niet langer dan nodig: kies uiterlijk wo 24 nov. 2027."
    );
    let past = env
        .ws
        .choose_date(ChooseDate {
            recording: id.clone(),
            deadline: "bewaartermijn".into(),
            date: "2026-11-01".into(),
        })
        .shown(&env.ws)
        .expect_err("the core refuses this");
    assert_eq!(ErrorPayload::from(past).code, "recording.date_out_of_range");
    let view = env
        .ws
        .choose_date(ChooseDate {
            recording: id.clone(),
            deadline: "bewaartermijn".into(),
            date: "2027-01-31".into(),
        })
        .shown(&env.ws)
        .expect("choose");
    assert_eq!(
        deadline(&view, "bewaartermijn").status,
        DeadlineStatus::Upcoming
    );
}

#[test]
fn beoordeling_portfolio_holds_no_recordings_or_links() {
    let (mut env, id) = planned();
    let view = typical(&mut env, &id, &[]);
    assert!(shown_items(&view).contains(&"verwijderen.portfolio".to_owned()));
}

#[test]
fn assessment_show_from_secure_storage_and_delete_right_after_passing() {
    let (mut env, id) = planned();
    let view = typical(&mut env, &id, &[("purpose", choice("assessment"))]);
    let items = shown_items(&view);
    assert!(
        items.contains(&"verwijderen.assessment_tonen".to_owned())
            && items.contains(&"verwijderen.na_assessment".to_owned())
    );
    env.complete_phases_before(&id, "opslaan");
    record(&mut env, &id);
    env.clock.set(nl(2027, 6, 14, 16, 30));
    let view = env
        .ws
        .log_event(LogEvent {
            recording: id.clone(),
            kind: EventKind::AssessmentPassed,
            on: None,
            note: None,
        })
        .shown(&env.ws)
        .expect("passed");
    let d = deadline(&view, "na_assessment");
    assert_eq!(d.when, "uiterlijk ma 14 jun. 2027 23:59");
}

#[test]
fn incident_lost_device_is_a_data_breach_with_24_hour_clocks() {
    let (mut env, id) = planned();
    typical(&mut env, &id, &[]);
    let view = env
        .ws
        .log_incident(LogIncident {
            recording: id.clone(),
            kind: "apparaat_kwijt".into(),
            note: Some("telefoon in de trein laten liggen".into()),
        })
        .shown(&env.ws)
        .expect("incident");
    assert_eq!(view.incidents.len(), 1);
    assert!(
        view.incidents[0].advice.starts_with("Dit is een datalek."),
        "{}",
        view.incidents[0].advice
    );
    let school = deadline(&view, "incident/incident-1/school");
    assert_eq!(
        (school.status, school.due),
        (DeadlineStatus::Upcoming, Some(nl(2026, 11, 24, 10, 0)))
    );
    let view = env
        .ws
        .incident_clock_done(opnamewijs::workspace::ClockDone {
            recording: id.clone(),
            incident: "incident-1".into(),
            clock: "school".into(),
        })
        .shown(&env.ws)
        .expect("done");
    assert_eq!(
        deadline(&view, "incident/incident-1/school").status,
        DeadlineStatus::Done
    );
}

#[test]
fn only_events_that_fit_the_recording_are_offered() {
    let (mut env, id) = planned();
    let kinds =
        |v: &opnamewijs::views::RecordingView| v.events.iter().map(|e| e.kind).collect::<Vec<_>>();
    let view = typical(&mut env, &id, &[]);
    assert_eq!(
        kinds(&view),
        [EventKind::Recorded],
        "before recording only 'recorded'"
    );
    env.complete_phases_before(&id, "opslaan");
    let view = record(&mut env, &id);
    assert_eq!(
        kinds(&view),
        [
            EventKind::Recorded,
            EventKind::StoredSecurely,
            EventKind::FeedbackGiven
        ],
        "no assessment event for a feedback recording"
    );
    assert!(view.events[0].logged.is_some());
}

#[test]
fn verwijderen_mentor_confirms_feedback_in_person_and_reminds_the_student() {
    use opnamewijs::workspace::{ConfirmFeedback, MentorRole};
    let (mut env, id) = planned();
    typical(&mut env, &id, &[]);
    env.complete_phases_before(&id, "opslaan");
    env.clock.set(nl(2026, 11, 24, 11, 0));
    record(&mut env, &id);
    env.clock.set(nl(2026, 11, 26, 15, 0));
    let confirm = |mentor: &str, on: &str| ConfirmFeedback {
        recording: id.clone(),
        on: on.into(),
        mentor: mentor.into(),
        role: MentorRole::Werkplekbegeleider,
    };
    let err = ErrorPayload::from(
        env.ws
            .confirm_feedback(confirm(" ", "2026-11-26"))
            .shown(&env.ws)
            .expect_err("no name"),
    );
    assert_eq!(err.code, "profile.invalid_name");
    let err = ErrorPayload::from(
        env.ws
            .confirm_feedback(confirm("Anna de Wit", "2026-11-23"))
            .shown(&env.ws)
            .expect_err("before the recording"),
    );
    assert_eq!(
        err.message,
        "Feedback kan niet gegeven zijn vóór de opname."
    );
    let view = env
        .ws
        .confirm_feedback(confirm("Anna de Wit", "2026-11-26"))
        .shown(&env.ws)
        .expect("confirmed");
    assert_eq!(
        view.today, "2026-11-26",
        "today in Dutch time, for date fields"
    );
    let feedback = view.feedback.clone().expect("feedback shown");
    assert_eq!(feedback.by, "Anna de Wit (werkplekbegeleider)");
    assert_eq!(feedback.on, "do 26 nov. 2026");
    assert!(
        feedback
            .reminder
            .ends_with("nu definitief verwijderd moeten worden (uiterlijk do 26 nov. 2026 23:59)."),
        "{}",
        feedback.reminder
    );
    assert_eq!(
        deadline(&view, "na_feedback").status,
        DeadlineStatus::DueToday,
        "the delete clock started"
    );
    let again = ErrorPayload::from(
        env.ws
            .confirm_feedback(confirm("Anna de Wit", "2026-11-26"))
            .shown(&env.ws)
            .expect_err("twice"),
    );
    assert_eq!(again.code, "recording.already_logged");
}
