//! A disk that refuses: the Nth write of a small journey fails (once, or from then on). Every
//! operation that writes then answers with a typed error in Dutch, the workspace keeps its last
//! good state, a restart shows exactly the acknowledged changes, and once the disk works again the
//! next writes succeed and the chain verifies. Prints `io-summary recovered=… tried=…`.

use crate::support::*;
use opnamewijs::error::ErrorPayload;
use opnamewijs::store::Profile;
use opnamewijs::text::Lang;
use opnamewijs::vault::faults::{self, Plan};
use opnamewijs::vault::{Unlock, Vault};
use opnamewijs::workspace::{AnswerQuestion, NewRecording, SetItem, Workspace, WorkspaceError};

type Step = fn(&mut Workspace, &mut String) -> Result<(), WorkspaceError>;

/// A small journey touching every kind of journal write: plan, answer, tick, record, profile.
fn journey() -> Vec<(&'static str, Step)> {
    vec![
        ("plan a recording", |ws, id| {
            *id = ws
                .create(NewRecording {
                    title: "Rekenles 3B".into(),
                    planned_for: "2026-11-24".into(),
                    pack: "hu-stage-opnamen".into(),
                })?
                .id;
            Ok(())
        }),
        ("answer a question", |ws, id| {
            ws.answer(AnswerQuestion {
                recording: id.clone(),
                question: "mentor_live".into(),
                answer: Some(no()),
            })
            .map(drop)
        }),
        ("tick an item", |ws, id| {
            ws.set_item(SetItem {
                recording: id.clone(),
                item: "vooraf.lwo".into(),
                done: true,
                note: None,
            })
            .map(drop)
        }),
        ("change the profile", |ws, _| {
            ws.set_profile(Profile {
                name: "Sam de Vries".into(),
                lang: Lang::Nl,
                mode: Default::default(),
            })
            .map(drop)
        }),
        ("untick the item", |ws, id| {
            ws.set_item(SetItem {
                recording: id.clone(),
                item: "vooraf.lwo".into(),
                done: false,
                note: None,
            })
            .map(drop)
        }),
        ("answer another question", |ws, id| {
            ws.answer(AnswerQuestion {
                recording: id.clone(),
                question: "purpose".into(),
                answer: Some(choice("feedback")),
            })
            .map(drop)
        }),
    ]
}

/// Everything a user can see of the workspace, as one comparable string.
fn snapshot(ws: &Workspace) -> String {
    let status = ws.status().expect("status");
    let views: Vec<_> = ws
        .list()
        .expect("list")
        .iter()
        .map(|s| serde_json::to_string(&ws.view(&s.id).expect("view")).expect("json"))
        .collect();
    format!(
        "{} {} {:?} {}",
        status.journal.entries,
        status.journal.head_hash,
        status.profile,
        views.join("\n")
    )
}

/// Runs the journey without faults: how many write points each step passes.
fn writes_per_step() -> Vec<u64> {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let mut id = String::new();
    journey()
        .into_iter()
        .map(|(name, step)| {
            faults::arm(Plan::Off);
            step(&mut env.ws, &mut id).unwrap_or_else(|e| panic!("{name}: {e}"));
            faults::writes()
        })
        .collect()
}

fn check_refusal(err: WorkspaceError, what: &str) {
    let payload = ErrorPayload::from(err);
    assert!(
        ["vault.write_failed", "vault.interrupted"].contains(&payload.code.as_str()),
        "{what}: {payload}"
    );
    assert!(
        payload
            .message
            .starts_with("De schijf weigerde te schrijven (de schijf is vol)")
            || payload
                .message
                .starts_with("Een eerdere schrijfactie is mislukt"),
        "{what}: {}",
        payload.message
    );
}

/// One run: the journey with the `n`th write point of step `target` failing per `plan`.
fn run(target: usize, n: u64, continuous: bool) -> Result<(), String> {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let mut id = String::new();
    let steps = journey();
    for (i, (name, step)) in steps.iter().enumerate() {
        if i != target {
            faults::arm(Plan::Off);
            step(&mut env.ws, &mut id).map_err(|e| format!("{name} without faults: {e}"))?;
            continue;
        }
        let before = snapshot(&env.ws);
        let what = format!("{name}, write {n}, continuous {continuous}");
        faults::arm(if continuous {
            Plan::From(n)
        } else {
            Plan::Once(n)
        });
        let Err(err) = step(&mut env.ws, &mut id) else {
            return Err(format!("{what}: succeeded although the disk refused"));
        };
        check_refusal(err, &what);
        if snapshot(&env.ws) != before {
            return Err(format!("{what}: the state changed after a refused write"));
        }
        if continuous {
            // The disk still refuses: the same step and the next ones fail, nothing changes.
            for (later, step) in steps[i..].iter().take(2) {
                let mut scratch = id.clone();
                if let Err(err) = step(&mut env.ws, &mut scratch) {
                    if matches!(err, WorkspaceError::Store(_)) {
                        check_refusal(err, later);
                    }
                }
                if snapshot(&env.ws) != before {
                    return Err(format!("{what}: {later} changed state on a full disk"));
                }
            }
        }
        // A restart while the disk is fine shows exactly what was acknowledged before.
        faults::arm(Plan::Off);
        env.restart();
        if snapshot(&env.ws) != before {
            return Err(format!("{what}: after a restart the state differs"));
        }
        // The disk works again: the step succeeds now.
        step(&mut env.ws, &mut id).map_err(|e| format!("{what}: retry failed: {e}"))?;
    }
    let after = snapshot(&env.ws);
    env.restart();
    if snapshot(&env.ws) != after {
        return Err(format!(
            "step {target}: the final state did not survive a restart"
        ));
    }
    let (vault, _) = Vault::open(env.dir.path(), Unlock::Keyring(env.keys.as_ref()))
        .map_err(|e| format!("step {target}: {e}"))?;
    vault
        .verify()
        .map_err(|e| format!("step {target}: chain: {e}"))?;
    Ok(())
}

#[test]
fn the_nth_write_fails_once_or_from_then_on_and_the_app_recovers() {
    let per_step = writes_per_step();
    assert!(
        per_step.iter().all(|&w| w >= 3),
        "write points: {per_step:?}"
    );
    let (mut tried, mut recovered) = (0u32, 0u32);
    let mut failures = Vec::new();
    for (target, &writes) in per_step.iter().enumerate() {
        for n in 1..=writes {
            for continuous in [false, true] {
                tried += 1;
                match run(target, n, continuous) {
                    Ok(()) => recovered += 1,
                    Err(e) => failures.push(e),
                }
            }
        }
    }
    faults::arm(Plan::Off);
    eprintln!("io-summary recovered={recovered} tried={tried}");
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn a_disk_that_refuses_is_reported_in_dutch() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    faults::arm(Plan::From(1));
    let err = env
        .ws
        .create(NewRecording {
            title: "Rekenles 3B".into(),
            planned_for: "2026-11-24".into(),
            pack: "hu-stage-opnamen".into(),
        })
        .expect_err("the disk is full");
    faults::arm(Plan::Off);
    let payload = ErrorPayload::from(err);
    assert_eq!(payload.code, "vault.write_failed");
    assert!(
        payload.message.starts_with(
            "De schijf weigerde te schrijven (de schijf is vol). Je laatste wijziging is niet opgeslagen"
        ),
        "{}",
        payload.message
    );
    assert!(env.ws.list().expect("list").is_empty());
}
