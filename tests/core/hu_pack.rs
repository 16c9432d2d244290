//! One test per rule of the HU checklist (seed `002_…`), named after the rule.

use crate::support::*;
use opnamewijs::deadline::DeadlineStatus;
use opnamewijs::policy::{PackSet, Verdict};
use opnamewijs::recording::{Answer, Channel, CopyKind, EventKind, Role};
use opnamewijs::school::ConsentArrangement;
use opnamewijs::views::ProvenanceKind;
use opnamewijs::workspace::{
    ChooseDate, ConfirmDeletion, KeepSecureCopy, LogEvent, LogIncident, LogShare, SchoolInput,
    SetSchool,
};
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
        [
            ("hu-stage-opnamen", "1.0.0"),
            ("memo-lesopnamen", "1.0.0"),
            ("hu-stage-opnamen", "2.0.0"),
            ("memo-lesopnamen", "2.0.0")
        ]
    );
}

/// A planned HU recording on Tuesday 24 November 2026, now = Monday 23 November 10:00.
fn planned() -> (Env, String) {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let view = env.create(HU, "2026-11-24");
    assert_eq!(view.pack.id, HU, "pinned to the pack id");
    assert_eq!(
        view.pack.version, "2.0.0",
        "pinned to the newest pack version"
    );
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
fn wat_mag_purpose_comes_first_and_live_watching_is_asked_for_feedback_only() {
    let (mut env, id) = planned();
    let view = env.ws.view(&id).expect("view");
    assert_eq!(
        view.questions.first().map(|q| q.id.as_str()),
        Some("purpose"),
        "the purpose is asked first"
    );
    assert!(
        !view.questions.iter().any(|q| q.id == "mentor_live"),
        "live watching is not asked before a feedback purpose is chosen"
    );
    let view = env.answer(&id, &[("purpose", choices(&["assessment"]))]);
    assert!(
        !view.questions.iter().any(|q| q.id == "mentor_live"),
        "an assessment recording is not asked about live watching"
    );
    let view = env.answer(&id, &[("purpose", choices(&["feedback", "assessment"]))]);
    assert!(
        view.questions.iter().any(|q| q.id == "mentor_live"),
        "a feedback recording is"
    );
}

#[test]
fn wat_mag_a_mentor_who_can_join_live_is_a_preference_not_a_veto() {
    for purposes in [
        &["assessment"][..],
        &["feedback"],
        &["feedback", "assessment"],
    ] {
        let (mut env, id) = planned();
        let mut answers = vec![("purpose", choices(purposes)), ("mentor_live", yes())];
        answers.extend([
            ("media", choice("video")),
            ("device", choice("school")),
            ("pupils_in_view", yes()),
            ("others_in_view", no()),
            ("consent_basis", choice("school_arranged")),
            ("pupils_under_16", yes()),
            ("pupils_without_consent", Answer::Count(0)),
        ]);
        let view = env.answer(&id, &answers);
        assert_eq!(
            view.verdict.verdict,
            Some(Verdict::AllowedWithConditions),
            "{purposes:?}: allowed with conditions"
        );
        let live_item = view.phases[0].items.iter().find(|i| i.id == "vooraf.live");
        if purposes.contains(&"feedback") {
            assert!(
                view.verdict.reason.contains("live"),
                "{purposes:?}: the verdict names the preference: {}",
                view.verdict.reason
            );
            let item = live_item.expect("the agreement about live watching is an item");
            assert!(item.evidence, "the agreement is kept as a note");
        } else {
            assert!(live_item.is_none(), "{purposes:?}: no live-watching item");
        }
        env.complete_phases_before(&id, "opslaan");
        record(&mut env, &id);
        let view = env.ws.view(&id).expect("view");
        assert!(
            view.events
                .iter()
                .any(|e| e.kind == EventKind::Recorded && e.logged.is_some()),
            "{purposes:?}: the recording may be made"
        );
    }
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
        why.starts_with("Eerst afronden in een eerdere fase: Met je begeleider besproken of live"),
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
    assert_eq!(
        view.verdict.verdict, None,
        "undecided while nobody has said whether other adults are in view"
    );
    let view = env.answer(&id, &[("others_in_view", no())]);
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
    // "Direct": due the moment the recording is logged, shown as "do it now"; the rest of the
    // day is the app's grace, and it says so.
    for d in ["veilig_opslaan", "van_apparaat", "uit_cloud"] {
        let d = deadline(&view, d);
        assert_eq!(d.status, DeadlineStatus::DoNow, "{} do it now", d.id);
        assert_eq!(d.when, "nu doen");
        assert_eq!(d.due, Some(nl(2026, 11, 24, 11, 0)), "due at the recording");
        assert_eq!(
            d.grace.as_deref(),
            Some(
                "De regel zegt direct: doe het nu. Opnamewijs telt het pas als te laat na di 24 \
                 nov. 2026 23:59."
            )
        );
        let from = d.from.as_ref().expect("provenance");
        assert_eq!(from.label, "HU-checklist › Na opname veilig opslaan");
    }
    // Reminded at once, and once more three hours later while still open.
    let titles = |env: &Env| -> Vec<String> {
        env.ws
            .reminders()
            .expect("reminders")
            .into_iter()
            .filter(|r| r.key.contains("/van_apparaat/"))
            .map(|r| r.title)
            .collect()
    };
    assert_eq!(
        titles(&env),
        ["Nu doen: Verwijderen van het opnameapparaat"]
    );
    env.clock.set(nl(2026, 11, 24, 14, 0));
    assert_eq!(
        titles(&env),
        ["Nog steeds nu doen: Verwijderen van het opnameapparaat"]
    );
    env.clock.set(nl(2026, 11, 24, 23, 0));
    let late_evening = env.ws.view(&id).expect("view");
    assert_eq!(
        deadline(&late_evening, "van_apparaat").status,
        DeadlineStatus::DoNow,
        "still within the grace that evening"
    );
    env.clock.set(nl(2026, 11, 25, 0, 1));
    let next_day = env.ws.view(&id).expect("view");
    assert_eq!(
        deadline(&next_day, "van_apparaat").status,
        DeadlineStatus::Overdue,
        "overdue after the end of that day"
    );
    env.clock.set(nl(2026, 11, 24, 11, 0));
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
            bin_emptied: true,
        })
        .shown(&env.ws)
        .expect("confirm");
    assert_eq!(deadline(&view, "van_apparaat").status, DeadlineStatus::Done);
    assert_eq!(
        view.copies[0].deleted.as_deref(),
        Some("verwijderd door Student op wo 25 nov. 2026 09:00 (Verwijderd in Foto's en 'Recent verwijderd' geleegd), prullenbak geleegd")
    );
    let err = ErrorPayload::from(
        env.ws
            .confirm_deletion(ConfirmDeletion {
                recording: id.clone(),
                copy: "copy-2".into(),
                method: "  ".into(),
                bin_emptied: true,
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
                bin_emptied: true,
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
    // The year is advice of Opnamewijs, not the institute's rule: a later date is accepted
    // with the advice and its reason next to it.
    let later = env
        .ws
        .choose_date(ChooseDate {
            recording: id.clone(),
            deadline: "bewaartermijn".into(),
            date: "2028-01-01".into(),
        })
        .shown(&env.ws)
        .expect("a date later than advised is the student's choice");
    let d = deadline(&later, "bewaartermijn");
    let note = d.note.as_deref().expect("the advice is shown");
    assert!(
        note.starts_with("Later dan Opnamewijs aanraadt, namelijk uiterlijk wo 24 nov. 2027:"),
        "{note}"
    );
    assert_eq!(
        d.from.as_ref().map(|f| f.label.as_str()),
        Some("HU-checklist › Verwijderen opname na reflectie")
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

/// Logs feedback given at the clock's time.
fn feedback(env: &mut Env, id: &str) -> opnamewijs::views::RecordingView {
    env.ws
        .log_event(LogEvent {
            recording: id.into(),
            kind: EventKind::FeedbackGiven,
            on: None,
            note: None,
        })
        .shown(&env.ws)
        .expect("feedback")
}

fn delete_copy(env: &mut Env, id: &str, copy: &str) -> opnamewijs::views::RecordingView {
    env.ws
        .confirm_deletion(ConfirmDeletion {
            recording: id.into(),
            copy: copy.into(),
            method: "definitief verwijderd".into(),
            bin_emptied: true,
        })
        .shown(&env.ws)
        .expect("confirm")
}

#[test]
fn several_purposes_feedback_and_assessment_keep_the_secure_copy_only_by_an_explicit_decision() {
    let (mut env, id) = planned();
    let view = typical(
        &mut env,
        &id,
        &[("purpose", choices(&["feedback", "assessment"]))],
    );
    let ids: Vec<_> = view.deadlines.iter().map(|d| d.id.as_str()).collect();
    for both in ["feedback_krijgen", "na_feedback", "na_assessment"] {
        assert!(ids.contains(&both), "{both} applies: {ids:?}");
    }
    let items = shown_items(&view);
    for both in ["verwijderen.na_feedback", "verwijderen.na_assessment"] {
        assert!(
            items.iter().any(|i| i == both),
            "{both} is on the checklist"
        );
    }
    env.complete_phases_before(&id, "opslaan");
    record(&mut env, &id);
    env.clock.set(nl(2026, 11, 26, 15, 0));
    let view = feedback(&mut env, &id);
    // The earliest deadline wins: after the feedback every copy goes, the secure one too.
    let after_feedback = deadline(&view, "na_feedback");
    assert_eq!(after_feedback.status, DeadlineStatus::DueToday);
    assert!(
        after_feedback.can_keep,
        "keeping the secure copy is offered"
    );
    assert_eq!(
        deadline(&view, "na_assessment").status,
        DeadlineStatus::Waiting
    );
    let refused = env
        .ws
        .keep_secure_copy(KeepSecureCopy {
            recording: id.clone(),
            deadline: "na_feedback".into(),
            reason: "  ".into(),
            until: "2027-06-30".into(),
        })
        .shown(&env.ws)
        .expect_err("a decision needs its reason");
    assert_eq!(
        ErrorPayload::from(refused).code,
        "recording.keep_reason_missing"
    );
    let view = env
        .ws
        .keep_secure_copy(KeepSecureCopy {
            recording: id.clone(),
            deadline: "na_feedback".into(),
            reason: "Nodig voor het eindassessment in juni".into(),
            until: "2027-06-30".into(),
        })
        .shown(&env.ws)
        .expect("kept");
    let after_feedback = deadline(&view, "na_feedback");
    assert!(!after_feedback.can_keep);
    assert_eq!(
        after_feedback.note.as_deref(),
        Some(
            "De veilige kopie blijft bewaard door jouw besluit; verwijder hier alle andere kopieën."
        )
    );
    let kept = deadline(&view, "keep/na_feedback");
    assert_eq!(kept.when, "uiterlijk wo 30 jun. 2027 23:59");
    assert_eq!(
        kept.help.as_deref(),
        Some("Besloten door Student op: Nodig voor het eindassessment in juni")
    );
    assert_eq!(view.keeps.len(), 1, "the decision is on the recording");
    // The device and cloud copies go; the secure copy stays, and the feedback deadline is met.
    delete_copy(&mut env, &id, "copy-1");
    let view = delete_copy(&mut env, &id, "copy-2");
    assert_eq!(deadline(&view, "na_feedback").status, DeadlineStatus::Done);
    assert!(!view.closed, "the secure copy still exists");
    assert_eq!(
        deadline(&view, "keep/na_feedback").status,
        DeadlineStatus::Upcoming
    );
    // Passing the assessment before the end date: that deadline now comes first.
    env.clock.set(nl(2027, 6, 10, 14, 0));
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
    assert_eq!(
        deadline(&view, "na_assessment").status,
        DeadlineStatus::DueToday
    );
    let view = delete_copy(&mut env, &id, "copy-3");
    assert!(view.closed);
    assert_eq!(
        deadline(&view, "keep/na_feedback").status,
        DeadlineStatus::Done
    );
}

#[test]
fn a_change_of_purposes_after_recording_is_logged_and_recomputes_the_deadlines() {
    let (mut env, id) = planned();
    typical(&mut env, &id, &[]);
    env.complete_phases_before(&id, "opslaan");
    record(&mut env, &id);
    let view = env.ws.view(&id).expect("view");
    assert!(!view.deadlines.iter().any(|d| d.id == "na_assessment"));
    env.clock.set(nl(2026, 11, 25, 9, 0));
    let view = env.answer(&id, &[("purpose", choices(&["feedback", "assessment"]))]);
    assert!(
        view.deadlines.iter().any(|d| d.id == "na_assessment"),
        "the assessment's deadline applies now"
    );
    let rec = env.ws.recording(&id).expect("recording");
    let changed = rec
        .events
        .iter()
        .find(|e| e.kind == EventKind::AnswerChanged)
        .expect("the change is on the timeline");
    assert_eq!(changed.at, nl(2026, 11, 25, 9, 0));
    assert_eq!(
        changed.note.as_deref(),
        Some(
            "Waarvoor maak je de opname? Kies alles wat geldt.: Nabespreken met mijn begeleider \
             (feedback) → Nabespreken met mijn begeleider (feedback), Het eindassessment"
        )
    );
    // The same answer again is no change.
    let before = env.ws.recording(&id).expect("recording").events.len();
    env.answer(&id, &[("purpose", choices(&["assessment", "feedback"]))]);
    assert_eq!(
        env.ws.recording(&id).expect("recording").events.len(),
        before,
        "the same purposes in another order change nothing"
    );
}

#[test]
fn feedback_is_late_after_the_date_agreed_with_the_mentor_not_after_a_number_of_days() {
    let (mut env, id) = planned();
    let view = typical(&mut env, &id, &[]);
    let d = deadline(&view, "feedback_krijgen");
    assert_eq!(d.status, DeadlineStatus::NeedsDate, "asked beforehand");
    let from = d.from.as_ref().expect("provenance");
    assert_eq!(from.kind, ProvenanceKind::Advice);
    assert!(
        from.detail
            .as_deref()
            .is_some_and(|why| why.starts_with("De HU noemt geen termijn voor feedback.")),
        "{from:?}"
    );
    let packs = PackSet::embedded();
    let hu = packs.latest(HU).expect("hu");
    for rule in &hu.deadlines {
        if let opnamewijs::policy::Due::AfterEvent { offset, .. } = rule.due {
            assert!(
                !matches!(offset, opnamewijs::policy::Offset::WorkingDays(_)),
                "{}: the HU text sets no number of working days",
                rule.id
            );
        }
    }
}

#[test]
fn everyone_in_view_colleagues_and_other_adults_are_informed_too() {
    let (mut env, id) = planned();
    let view = env.answer(
        &id,
        &[
            ("purpose", choices(&["reflection"])),
            ("media", choice("video")),
            ("device", choice("school")),
            ("pupils_in_view", no()),
            ("others_in_view", yes()),
        ],
    );
    assert!(
        shown_items(&view).contains(&"toestemming.geinformeerd".to_owned()),
        "colleagues in view are told beforehand too"
    );
    assert_eq!(view.verdict.verdict, Some(Verdict::AllowedWithConditions));
}

/// The school "De Regenboog" as the student enters it: no own devices, storage on its OneDrive,
/// consent arranged by the school, recordings kept at most 30 days.
fn regenboog() -> SchoolInput {
    SchoolInput {
        id: None,
        name: "De Regenboog".into(),
        privacy_contact: Some("privacy@deregenboog.example".into()),
        own_devices_allowed: false,
        school_equipment_required: false,
        consent: Some(ConsentArrangement::SchoolArranged),
        consent_basis: Some("toestemmingsformulier bij inschrijving".into()),
        storage: Some("OneDrive van de school".into()),
        max_retention_days: Some(30),
    }
}

fn set_school(
    env: &mut Env,
    id: &str,
    school: Option<SchoolInput>,
) -> opnamewijs::views::RecordingView {
    env.ws
        .set_school(SetSchool {
            recording: id.into(),
            school,
        })
        .shown(&env.ws)
        .expect("school set")
}

#[test]
fn a_school_that_forbids_own_devices_turns_the_own_device_answer_into_not_allowed() {
    let (mut env, id) = planned();
    let view = typical(&mut env, &id, &[]);
    assert_eq!(view.verdict.verdict, Some(Verdict::AllowedWithConditions));
    let view = set_school(&mut env, &id, Some(regenboog()));
    assert_eq!(view.verdict.verdict, Some(Verdict::NotAllowed));
    assert!(
        view.verdict
            .reason
            .starts_with("Jouw stageschool De Regenboog staat"),
        "{}",
        view.verdict.reason
    );
    let from = view.verdict.from.as_ref().expect("provenance");
    assert_eq!(
        (from.kind, from.label.as_str()),
        (
            ProvenanceKind::School,
            "Regel van je stageschool De Regenboog"
        )
    );
    env.complete_phases_before(&id, "opslaan");
    let refused = env
        .ws
        .log_event(LogEvent {
            recording: id.clone(),
            kind: EventKind::Recorded,
            on: None,
            note: None,
        })
        .shown(&env.ws)
        .expect_err("the school does not allow it");
    let refused = ErrorPayload::from(refused);
    assert_eq!(refused.code, "recording.not_allowed");
    assert!(
        refused.message.contains("De Regenboog"),
        "{}",
        refused.message
    );
    // With the school's equipment the school's rule is met, and the pack decides again.
    let view = env.answer(&id, &[("device", choice("school"))]);
    assert_eq!(view.verdict.verdict, Some(Verdict::AllowedWithConditions));
    assert_eq!(
        view.verdict.from.as_ref().map(|f| f.kind),
        Some(ProvenanceKind::Source)
    );
}

#[test]
fn a_school_that_requires_its_own_equipment_refuses_borrowed_and_own_devices() {
    let (mut env, id) = planned();
    typical(&mut env, &id, &[("device", choice("hu_loan"))]);
    let view = set_school(
        &mut env,
        &id,
        Some(SchoolInput {
            own_devices_allowed: true,
            school_equipment_required: true,
            ..regenboog()
        }),
    );
    assert_eq!(view.verdict.verdict, Some(Verdict::NotAllowed));
    assert!(view.verdict.reason.contains("apparatuur van de school"));
    let view = env.answer(&id, &[("device", choice("iris_connect"))]);
    assert_eq!(view.verdict.verdict, Some(Verdict::AllowedWithConditions));
}

#[test]
fn the_schools_storage_and_consent_become_items_and_its_retention_a_stricter_deadline() {
    let (mut env, id) = planned();
    typical(
        &mut env,
        &id,
        &[
            ("device", choice("school")),
            ("purpose", choices(&["reflection"])),
        ],
    );
    let view = set_school(&mut env, &id, Some(regenboog()));
    let items: Vec<_> = view
        .phases
        .iter()
        .flat_map(|p| p.items.iter().map(move |i| (p.id.as_str(), i)))
        .filter(|(_, i)| i.id.starts_with("school."))
        .map(|(phase, i)| (phase, i.id.as_str(), i.from.as_ref().map(|f| f.kind)))
        .collect();
    assert_eq!(
        items,
        [
            (
                "toestemming",
                "school.toestemming",
                Some(ProvenanceKind::School)
            ),
            ("opslaan", "school.opslag", Some(ProvenanceKind::School)),
        ]
    );
    assert!(view
        .school_rules
        .iter()
        .any(|r| r == "Opslaan op: OneDrive van de school"));
    assert!(view
        .school_rules
        .iter()
        .any(|r| r == "Bewaartermijn: 30 dagen na de opname"));
    env.ws
        .choose_date(ChooseDate {
            recording: id.clone(),
            deadline: "bewaartermijn".into(),
            date: "2027-06-30".into(),
        })
        .expect("the student's own date");
    env.complete_phases_before(&id, "opslaan");
    let view = record(&mut env, &id);
    let school = deadline(&view, "school/bewaartermijn");
    assert_eq!(
        school.when, "uiterlijk wo 23 dec. 2026 23:59",
        "30 days, stricter"
    );
    assert_eq!(
        school.from.as_ref().map(|f| f.kind),
        Some(ProvenanceKind::School)
    );
    // The school's item can be ticked like any other.
    let view = env.tick(&id, "school.opslag");
    assert!(view
        .phases
        .iter()
        .flat_map(|p| &p.items)
        .any(|i| i.id == "school.opslag" && i.tick.is_some()));
}

#[test]
fn a_school_entered_once_is_offered_again_and_each_change_is_a_new_version() {
    let (mut env, first) = planned();
    let view = set_school(&mut env, &first, Some(regenboog()));
    let school = view.school.clone().expect("school");
    assert_eq!(school.version, 1);
    let second = env.create(HU, "2026-12-01").id;
    let view = env.ws.view(&second).expect("view");
    assert_eq!(
        view.known_schools
            .iter()
            .map(|s| s.name.as_str())
            .collect::<Vec<_>>(),
        ["De Regenboog"],
        "offered on the next recording"
    );
    let reused = set_school(
        &mut env,
        &second,
        Some(SchoolInput {
            id: Some(school.id.clone()),
            ..regenboog()
        }),
    );
    assert_eq!(
        reused.school.as_ref().map(|s| s.version),
        Some(1),
        "unchanged: same version"
    );
    let changed = set_school(
        &mut env,
        &second,
        Some(SchoolInput {
            id: Some(school.id.clone()),
            max_retention_days: Some(14),
            ..regenboog()
        }),
    );
    let v2 = changed.school.expect("school");
    assert_eq!((v2.id.as_str(), v2.version), (school.id.as_str(), 2));
    assert_eq!(
        env.ws.view(&first).expect("view").school.map(|s| s.version),
        Some(1),
        "the first recording keeps the version it was checked against"
    );
    env.restart();
    assert_eq!(
        env.ws
            .view(&second)
            .expect("view")
            .school
            .map(|s| s.version),
        Some(2),
        "from the journal after a restart"
    );
    for (bad, code) in [
        (
            SchoolInput {
                name: " ".into(),
                ..regenboog()
            },
            "school.invalid_name",
        ),
        (
            SchoolInput {
                max_retention_days: Some(0),
                ..regenboog()
            },
            "school.invalid_retention",
        ),
    ] {
        let err = env
            .ws
            .set_school(SetSchool {
                recording: second.clone(),
                school: Some(bad),
            })
            .shown(&env.ws)
            .expect_err("refused");
        assert_eq!(ErrorPayload::from(err).code, code);
    }
}
