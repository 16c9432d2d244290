//! The dossier PDF, read back with poppler's `pdftotext` as an assessor's viewer would.

use crate::mentor::{named, recorded_lesson};
use crate::support::*;
use opnamewijs::recording::{Channel, EventKind, Role};
use opnamewijs::store::Mode;
use opnamewijs::workspace::{
    AssessmentPassed, ConfirmDeletion, LogEvent, LogShare, SelectForAssessment,
};
use std::path::Path;
use std::process::Command;

pub fn poppler(tool: &str, args: &[&str], pdf: &Path) -> String {
    let out = Command::new(tool)
        .args(args)
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| panic!("{tool} is needed for this test (Debian: poppler-utils): {e}"));
    assert!(
        out.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn the_dossier_shows_policy_consent_shares_deletions_and_the_head_hash() {
    let mut env = Env::at(nl(2026, 11, 24, 10, 0));
    named(&mut env, "Sam de Vries", Mode::Student);
    let id = recorded_lesson(&mut env, "Rekenles 3B (feedback)");
    let other = recorded_lesson(&mut env, "Taalles 4A");
    env.ws
        .log_event(LogEvent {
            recording: id.clone(),
            kind: EventKind::StoredSecurely,
            on: None,
            note: None,
        })
        .expect("stored");
    env.ws
        .log_share(LogShare {
            recording: id.clone(),
            role: Role::Mentor,
            channel: Channel::SecureStorage,
            note: None,
        })
        .expect("shared");
    for copy in ["copy-1", "copy-2"] {
        env.ws
            .confirm_deletion(ConfirmDeletion {
                recording: id.clone(),
                copy: copy.into(),
                method: "verwijderd in Foto's en 'Recent verwijderd' geleegd".into(),
                bin_emptied: true,
            })
            .expect("deleted");
    }
    env.ws
        .select_for_assessment(SelectForAssessment {
            recording: id.clone(),
            selected: true,
        })
        .expect("chosen");
    env.clock.set(nl(2027, 1, 20, 14, 0));
    env.ws
        .assessment_passed(AssessmentPassed {
            on: "2027-01-20".into(),
        })
        .expect("passed");

    let path = env.files.path().join("dossier.pdf");
    let report = env.ws.export_dossier(&path).expect("dossier");
    assert_eq!(report.recordings, 1, "only the chosen recording");
    let head = env.ws.status().expect("status").journal.head_hash;
    assert_eq!(report.head_hash, head);
    let bytes = std::fs::read(&path).expect("pdf");
    assert!(bytes.starts_with(b"%PDF-1.7"));
    // To look at it: OPNAMEWIJS_KEEP_DOSSIER=/tmp/dossier.pdf cargo test dossier
    if let Some(keep) = std::env::var_os("OPNAMEWIJS_KEEP_DOSSIER") {
        std::fs::write(keep, &bytes).expect("keep a copy");
    }

    let text = poppler("pdftotext", &["-layout"], &path);
    for expected in [
        "Dossier lesopnamen: Sam de Vries",
        "Rekenles 3B (feedback)",
        "HU lerarenopleiding",
        "2.0.0",
        "(hu-stage-opnamen; ingebouwd in Opnamewijs)",
        "Toegestaan onder voorwaarden",
        "Ik vraag zelf toestemming",
        "Geslaagd op",
        "wo 20 jan. 2027",
        "Kophash van het dagboek",
        "begeleider, vanaf de veilige opslaglocatie",
        "verwijderd door Sam de Vries",
        "'Recent verwijderd' geleegd",
        "NOG NIET VERWIJDERD",
        "Open punten",
        "Alle kopieën verwijderen na het behaalde assessment",
        "pagina 1 van",
    ] {
        assert!(text.contains(expected), "missing {expected:?} in:\n{text}");
    }
    let squeezed: String = text.split_whitespace().collect();
    assert!(squeezed.contains(&head), "head hash {head} printed in full");
    assert!(
        !text.contains("Taalles 4A"),
        "a recording not chosen is left out"
    );
    let _ = other;

    let out = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo");
    let info = String::from_utf8_lossy(&out.stdout);
    let field = |name: &str| {
        info.lines()
            .find_map(|l| l.strip_prefix(name))
            .map(str::trim)
            .unwrap_or_default()
            .to_owned()
    };
    assert_eq!(
        field("Title:"),
        "Dossier lesopnamen – Sam de Vries",
        "{info}"
    );
    assert_eq!(field("Producer:"), "Opnamewijs", "{info}");
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|p| p.trim().parse().ok())
        .expect("page count");
    assert!(pages >= 1);
    assert!(text.contains(&format!("pagina {pages} van {pages}")));

    let again = opnamewijs::ErrorPayload::from(env.ws.export_dossier(&path).expect_err("exists"));
    assert_eq!(again.code, "file.exists");
}

#[test]
fn long_dossiers_break_across_pages_and_keep_every_line() {
    let mut env = Env::at(nl(2026, 11, 24, 10, 0));
    named(&mut env, "Sam de Vries", Mode::Student);
    for n in 0..6 {
        recorded_lesson(&mut env, &format!("Les nummer {n}"));
    }
    let path = env.files.path().join("lang.pdf");
    env.ws.export_dossier(&path).expect("dossier");
    let out = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo");
    let info = String::from_utf8_lossy(&out.stdout);
    let pages: u32 = info
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|p| p.trim().parse().ok())
        .expect("page count");
    assert!(pages > 2, "{info}");
    let text = poppler("pdftotext", &["-layout"], &path);
    for n in 0..6 {
        assert!(
            text.contains(&format!("Les nummer {n}")),
            "recording {n} present"
        );
    }
    // xref offsets point at their objects (found through startxref, read as bytes: the binary
    // comment line would shift offsets in a lossy string).
    let bytes = std::fs::read(&path).expect("pdf");
    let tail = String::from_utf8_lossy(&bytes[bytes.len() - 40..]);
    let start: usize = tail
        .rsplit("startxref\n")
        .next()
        .and_then(|t| t.lines().next())
        .and_then(|n| n.parse().ok())
        .expect("startxref");
    let xref = std::str::from_utf8(&bytes[start..]).expect("ASCII xref and trailer");
    assert!(xref.starts_with("xref\n"));
    let mut checked = 0;
    for (i, line) in xref
        .lines()
        .skip(3)
        .take_while(|l| l.ends_with(" n "))
        .enumerate()
    {
        let offset: usize = line[..10].parse().expect("offset");
        assert!(
            bytes[offset..].starts_with(format!("{} 0 obj", i + 1).as_bytes()),
            "object {} at {offset}",
            i + 1
        );
        checked += 1;
    }
    assert!(checked > 6, "every object has an entry: {checked}");
}

/// A pack from a file in the data folder says so in the picker, on the recording and on the
/// dossier; a built-in one says it is built in.
#[test]
fn every_pack_shows_where_it_comes_from() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    let policies = env.dir.path().join("policies");
    std::fs::create_dir_all(&policies).expect("policies");
    let own = opnamewijs::policy::load::EMBEDDED[0].1.replacen(
        "\"hu-stage-opnamen\"",
        "\"mijn-stageschool\"",
        1,
    );
    std::fs::write(policies.join("mijn-school.json"), own).expect("own pack");
    env.restart();
    let status = env.ws.status().expect("status");
    let origins: Vec<(&str, &str, bool)> = status
        .packs
        .iter()
        .map(|p| (p.id.as_str(), p.origin.as_str(), p.from_file))
        .collect();
    assert!(origins.contains(&("hu-stage-opnamen", "ingebouwd in Opnamewijs", false)));
    assert!(origins.contains(&(
        "mijn-stageschool",
        "eigen bestand mijn-school.json in de map policies",
        true
    )));
    let view = env.create("mijn-stageschool", "2026-11-24");
    assert_eq!(
        view.pack_origin,
        "eigen bestand mijn-school.json in de map policies"
    );
    let path = env.files.path().join("dossier.pdf");
    env.ws.export_dossier(&path).expect("dossier");
    let text = poppler("pdftotext", &[], &path).replace('\n', " ");
    assert!(
        text.contains("eigen bestand mijn-school.json in de map policies"),
        "{text}"
    );
}

#[test]
fn the_dossier_shows_the_purposes_the_school_and_its_rules_and_where_each_deadline_comes_from() {
    use opnamewijs::workspace::{AnswerQuestion, KeepSecureCopy, SchoolInput, SetSchool};
    let mut env = Env::at(nl(2026, 11, 24, 10, 0));
    named(&mut env, "Łukasz Şahin-Nguyễn", Mode::Student);
    let id = recorded_lesson(&mut env, "Rekenles 3B");
    env.ws
        .answer(AnswerQuestion {
            recording: id.clone(),
            question: "purpose".into(),
            answer: Some(choices(&["feedback", "assessment"])),
        })
        .expect("purposes");
    env.ws
        .set_school(SetSchool {
            recording: id.clone(),
            school: Some(SchoolInput {
                id: None,
                name: "De Regenboog".into(),
                privacy_contact: None,
                own_devices_allowed: true,
                school_equipment_required: false,
                consent: None,
                consent_basis: None,
                storage: Some("OneDrive van de school".into()),
                max_retention_days: Some(90),
            }),
        })
        .expect("school");
    env.ws
        .log_event(LogEvent {
            recording: id.clone(),
            kind: EventKind::FeedbackGiven,
            on: None,
            note: None,
        })
        .expect("feedback");
    env.ws
        .keep_secure_copy(KeepSecureCopy {
            recording: id.clone(),
            deadline: "na_feedback".into(),
            reason: "Voor het eindassessment".into(),
            until: "2027-02-28".into(),
        })
        .expect("kept");
    let path = env.files.path().join("dossier.pdf");
    env.ws.export_dossier(&path).expect("dossier");
    let text = poppler("pdftotext", &["-layout"], &path);
    let squeezed: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        // The value wraps beside its label: its two halves.
        "Nabespreken met mijn begeleider (feedback);",
        "eindassessment",
        "Stageschool: De Regenboog",
        "Opslaan op: OneDrive van de school",
        "Bewaartermijn: 90 dagen na de opname",
        "Termijnen en waar ze vandaan komen",
        "bron: HU-checklist › Na opname veilig opslaan",
        "bron: Advies van Opnamewijs (De HU noemt geen termijn voor feedback.",
        "bron: Regel van je stageschool De Regenboog",
        // A label wraps in its column beside the value.
        "Veilige kopie langer",
        "Voor het eindassessment",
        "Antwoord gewijzigd",
        "Over dit beleid",
    ] {
        assert!(
            squeezed.contains(expected),
            "missing {expected:?} in:\n{text}"
        );
    }
}
