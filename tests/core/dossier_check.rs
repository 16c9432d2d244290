//! "Dossier controleren" (issue #15, item 3): the dossier PDF carries every mentor receipt whole
//! and a manifest as attached files; checking it verifies each receipt's signature and holds the
//! manifest against the printed text, and names what changed.

use crate::mentor::{accepted, export_request, mentor_answers, named, recorded_lesson};
use crate::support::*;
use opnamewijs::screens::check_dossier;
use opnamewijs::store::Mode;
use opnamewijs::text::Lang;
use opnamewijs::workspace::ConfirmDeletion;
use opnamewijs::ErrorPayload;
use std::process::Command;

const STUDENT: &str = "Łukasz Şahin-Nguyễn";
const MENTOR: &str = "Ayşe Yılmaz";

/// A student's dossier with one recording whose feedback the mentor signed on her own
/// installation, and whose phone copy the student confirmed deleted.
fn signed_dossier() -> (Env, Vec<u8>) {
    let (env, bytes, _) = signed_dossier_and_key();
    (env, bytes)
}

/// [`signed_dossier`] and the fingerprint of the mentor's key.
fn signed_dossier_and_key() -> (Env, Vec<u8>, String) {
    let mut student = Env::at(nl(2026, 11, 24, 10, 0));
    named(&mut student, STUDENT, Mode::Student);
    student.clock.set(nl(2026, 11, 24, 11, 0));
    let id = recorded_lesson(&mut student, "Rekenles 3B");
    let mut mentor = Env::at(nl(2026, 11, 26, 15, 0));
    named(&mut mentor, MENTOR, Mode::Mentor);
    student.clock.set(nl(2026, 11, 26, 16, 0));
    let request = export_request(&mut student, &id, "verzoek.opnamewijs-verzoek");
    let receipt = mentor_answers(
        &mut mentor,
        &request,
        "2026-11-26",
        "bewijs.opnamewijs-bewijs",
    );
    let (_, fingerprint) =
        opnamewijs::mentor::parse_receipt(&std::fs::read(&receipt).expect("receipt"))
            .expect("valid receipt");
    accepted(&mut student, &receipt).expect("accepted");
    student
        .ws
        .confirm_deletion(ConfirmDeletion {
            recording: id.clone(),
            copy: "copy-1".into(),
            method: "verwijderd in Foto's en 'Recent verwijderd' geleegd".into(),
            bin_emptied: true,
        })
        .expect("deleted");
    let bytes = student.ws.dossier_pdf().expect("dossier");
    (student, bytes, fingerprint)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn find_after(haystack: &[u8], from: usize, needle: &[u8]) -> usize {
    from + find(&haystack[from..], needle).expect("needle after offset")
}

#[test]
fn a_dossier_round_trips_through_the_check() {
    let (student, bytes, fingerprint) = signed_dossier_and_key();
    assert_eq!(
        student.ws.dossier_pdf().expect("again"),
        bytes,
        "the same journal gives the same bytes"
    );
    // To look at it: OPNAMEWIJS_KEEP_DOSSIER=/tmp/dossier.pdf cargo test dossier_check
    if let Some(keep) = std::env::var_os("OPNAMEWIJS_KEEP_DOSSIER") {
        std::fs::write(keep, &bytes).expect("keep a copy");
    }
    eprintln!("dossier of the test scenario: {} bytes", bytes.len());

    let view = check_dossier(&bytes, Lang::Nl).expect("checked");
    assert!(view.valid, "{:?}", view.problems);
    assert!(view.problems.is_empty());
    assert!(
        view.summary.starts_with("Dit dossier klopt"),
        "{}",
        view.summary
    );
    assert_eq!(view.student, STUDENT);
    assert_eq!(
        view.head_hash,
        student.ws.status().expect("status").journal.head_hash
    );
    assert_eq!(view.proven.len(), 1);
    let proven = &view.proven[0];
    assert!(proven.signed);
    assert_eq!(proven.attachment, "bewijs-1.opnamewijs-bewijs");
    assert_eq!(proven.recording, "Rekenles 3B");
    assert_eq!(proven.mentor, "Ayşe Yılmaz (werkplekbegeleider)");
    assert!(
        proven.what.contains("feedback gegeven op do 26 nov. 2026"),
        "{}",
        proven.what
    );
    assert!(
        proven
            .what
            .contains("feedback verwacht uiterlijk di 8 dec. 2026"),
        "{}",
        proven.what
    );
    assert_eq!(proven.fingerprint, fingerprint);
    assert!(
        proven
            .compared
            .starts_with("vingerafdruk door de student vergeleken"),
        "{}",
        proven.compared
    );
    let lines = &view.statements[0].lines;
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("Kopie ") && l.contains("verwijderd door Łukasz Şahin-Nguyễn")),
        "{lines:?}"
    );
    assert!(
        lines.iter().any(|l| l.starts_with("Afgevinkt: ")),
        "{lines:?}"
    );
    assert!(view
        .explanation
        .contains("eigen verklaringen van de student"));

    // An assessor whose app speaks English reads the same dossier in English.
    let en = check_dossier(&bytes, Lang::En).expect("checked");
    assert!(en.valid);
    assert!(
        en.summary.starts_with("This dossier holds"),
        "{}",
        en.summary
    );
    assert_eq!(en.proven[0].mentor, "Ayşe Yılmaz (workplace supervisor)");

    // The text says what the signature proves and what the student states, in plain words.
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("dossier.pdf");
    std::fs::write(&path, &bytes).expect("write");
    let text = crate::dossier::poppler("pdftotext", &[], &path);
    let flowing = text.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "Bewezen door de handtekening van de begeleider",
        "Eigen verklaringen van de student",
        "Kopieën en verwijderbevestigingen (verklaringen van de student)",
        "Afgevinkt (verklaringen van de student)",
        "ondertekend met sleutel",
        "als bijlage bewijs-1.opnamewijs-bewijs",
        "Łukasz Şahin-Nguyễn",
        "Ayşe Yılmaz",
    ] {
        assert!(
            flowing.contains(expected),
            "missing {expected:?} in:\n{text}"
        );
    }
    // The workspace checks the file it is given, as the command does.
    let checked = student.ws.check_dossier(&path).expect("checked");
    assert!(checked.valid);
}

/// qpdf finds the dossier with its attached files sound and lists them.
#[test]
fn qpdf_finds_the_dossier_with_its_attachments_sound() {
    let (_student, bytes) = signed_dossier();
    let dir = tempfile::tempdir().expect("dir");
    let path = dir.path().join("dossier.pdf");
    std::fs::write(&path, &bytes).expect("write");
    let Ok(check) = Command::new("qpdf").arg("--check").arg(&path).output() else {
        eprintln!("SKIPPED: qpdf is not installed; `cargo xtask test` installs it");
        return;
    };
    let report = String::from_utf8_lossy(&check.stdout);
    assert!(
        check.status.success() && report.contains("No syntax or stream encoding errors found"),
        "{report}{}",
        String::from_utf8_lossy(&check.stderr)
    );
    let list = Command::new("qpdf")
        .args(["--list-attachments"])
        .arg(&path)
        .output()
        .expect("qpdf");
    let listed = String::from_utf8_lossy(&list.stdout);
    assert!(listed.contains("bewijs-1.opnamewijs-bewijs"), "{listed}");
    assert!(listed.contains("opnamewijs-manifest.json"), "{listed}");
    // The attachment qpdf extracts is the receipt file as the mentor's app wrote it.
    let shown = Command::new("qpdf")
        .args(["--show-attachment=bewijs-1.opnamewijs-bewijs"])
        .arg(&path)
        .output()
        .expect("qpdf");
    let (receipt, _) = opnamewijs::mentor::parse_receipt(&shown.stdout).expect("a valid receipt");
    assert_eq!(receipt.receipt.mentor, MENTOR);
}

#[test]
fn one_changed_byte_in_an_embedded_receipt_is_reported() {
    let (_student, bytes) = signed_dossier();
    let receipt =
        find(&bytes, b"\"kind\": \"opnamewijs-feedbackbewijs\"").expect("receipt attached");
    let day = find_after(&bytes, receipt, b"\"feedback_on\": \"2026-11-2")
        + b"\"feedback_on\": \"2026-11-2".len();
    let mut changed = bytes.clone();
    changed[day] = b'5';
    let view = check_dossier(&changed, Lang::Nl).expect("checked");
    assert!(!view.valid);
    assert!(
        view.problems.contains(
            &"bijlage bewijs-1.opnamewijs-bewijs is gewijzigd: de handtekening klopt niet"
                .to_owned()
        ),
        "{:?}",
        view.problems
    );
    assert!(!view.proven[0].signed);
    assert!(view.summary.starts_with("Dit dossier klopt niet"));
    let en = check_dossier(&changed, Lang::En).expect("checked");
    assert!(
        en.problems.contains(
            &"attachment bewijs-1.opnamewijs-bewijs was changed: the signature does not hold"
                .to_owned()
        ),
        "{:?}",
        en.problems
    );

    // A byte that breaks the receipt's JSON is named too.
    let mut broken = bytes.clone();
    broken[receipt] = b'!';
    let view = check_dossier(&broken, Lang::Nl).expect("checked");
    assert!(
        view.problems.iter().any(|p| p.starts_with(
            "bijlage bewijs-1.opnamewijs-bewijs is gewijzigd: het is geen leesbaar ontvangstbewijs meer"
        )),
        "{:?}",
        view.problems
    );
}

#[test]
fn one_changed_byte_in_the_manifest_is_reported() {
    let (_student, bytes) = signed_dossier();
    let manifest =
        find(&bytes, b"\"kind\": \"opnamewijs-dossiermanifest\"").expect("manifest attached");

    // What the manifest states as data: a deletion confirmation's method.
    let method =
        find_after(&bytes, manifest, b"\"method\": \"verwijderd") + b"\"method\": \"".len();
    let mut changed = bytes.clone();
    changed[method] = b'V';
    let view = check_dossier(&changed, Lang::Nl).expect("checked");
    assert!(!view.valid);
    assert!(
        view.problems.contains(&"bijlage opnamewijs-manifest.json is gewijzigd na het maken van het dossier: de grootte of het controlegetal klopt niet".to_owned()),
        "{:?}",
        view.problems
    );
    assert!(
        view.problems.iter().any(|p| p
            .starts_with("manifest komt niet overeen met de afgedrukte tekst: de kopie \"")
            && p.ends_with("bij \"Rekenles 3B\" staat niet zo in de tekst")),
        "{:?}",
        view.problems
    );

    // The printed text the manifest carries: the page no longer matches, and says where.
    let printed = find_after(&bytes, manifest, b"\"printed\"");
    let heading = find_after(&bytes, printed, b"\"Rekenles 3B\"") + 1;
    let mut changed = bytes.clone();
    changed[heading] = b'P';
    let view = check_dossier(&changed, Lang::Nl).expect("checked");
    assert!(
        view.problems.iter().any(|p| p
            .starts_with("manifest komt niet overeen met de afgedrukte tekst: pagina ")
            && p.contains("afgedrukt staat \"Rekenles 3B\", het manifest zegt \"Pekenles 3B\"")),
        "{:?}",
        view.problems
    );

    // And the printed page itself changed, not the manifest: one glyph of the heading.
    let face_hex = find(&bytes, b"Td <").expect("a shown string") + 4;
    let mut changed = bytes.clone();
    changed[face_hex + 3] = if changed[face_hex + 3] == b'1' {
        b'2'
    } else {
        b'1'
    };
    let view = check_dossier(&changed, Lang::Nl).expect("checked");
    assert!(
        view.problems.iter().any(|p| p.starts_with(
            "manifest komt niet overeen met de afgedrukte tekst: pagina 1:"
        )),
        "{:?}",
        view.problems
    );
}

#[test]
fn what_is_not_a_dossier_gets_a_clear_error_and_nothing_panics() {
    let code = |bytes: &[u8]| {
        let err = check_dossier(bytes, Lang::Nl).expect_err("refused");
        let nl = ErrorPayload::localized(&opnamewijs::WorkspaceError::from(err.clone()), Lang::Nl);
        let en = ErrorPayload::localized(&opnamewijs::WorkspaceError::from(err), Lang::En);
        assert!(!nl.message.is_empty() && !en.message.is_empty());
        assert_ne!(nl.message, en.message);
        (nl.code, nl.message, en.message)
    };
    let (c, nl, en) = code(b"Hallo, dit is een tekstbestand.");
    assert_eq!(c, "dossier.not_a_pdf");
    assert_eq!(
        nl,
        "Dit bestand is geen PDF-bestand, dus geen dossier van Opnamewijs."
    );
    assert_eq!(
        en,
        "This file is not a PDF file, so not a dossier of Opnamewijs."
    );
    assert_eq!(code(b"").0, "dossier.not_a_pdf");

    let (_student, bytes) = signed_dossier();
    // Cut off: the end is gone.
    let (c, nl, _) = code(&bytes[..bytes.len() / 2]);
    assert_eq!(c, "dossier.damaged");
    assert!(
        nl.starts_with("Dit PDF-bestand is beschadigd of afgebroken"),
        "{nl}"
    );
    // A PDF of another kind: no manifest.
    let created = chrono::DateTime::parse_from_rfc3339("2026-11-24T10:00:00+01:00").expect("date");
    let mut other = opnamewijs::pdf::PdfDocument::new("Brief", "Iemand", created);
    other.paragraph("Een gewone brief.");
    let (c, nl, en) = code(&other.finish());
    assert_eq!(c, "dossier.not_a_dossier");
    assert_eq!(
        nl,
        "Dit PDF-bestand is geen dossier van Opnamewijs: er zit geen manifest van Opnamewijs in."
    );
    assert_eq!(
        en,
        "This PDF file is not a dossier of Opnamewijs: it holds no manifest of Opnamewijs."
    );

    // Cut at, or changed in, places all through the file: an answer every time, never a panic.
    let step = (bytes.len() / 300).max(1);
    for at in (0..bytes.len()).step_by(step) {
        let _ = check_dossier(&bytes[..at], Lang::Nl);
        let mut flipped = bytes.clone();
        flipped[at] ^= 0x5a;
        let _ = check_dossier(&flipped, Lang::Nl);
    }
}

#[test]
fn a_file_over_the_limit_is_refused_unread() {
    let env = Env::at(nl(2026, 11, 24, 10, 0));
    let path = env.files.path().join("groot.pdf");
    let file = std::fs::File::create(&path).expect("file");
    file.set_len(opnamewijs::limits::MAX_DOSSIER_BYTES + 1)
        .expect("sparse");
    let err = ErrorPayload::from(env.ws.check_dossier(&path).expect_err("too large"));
    assert_eq!(err.code, "dossier.too_large");
    let missing = ErrorPayload::from(
        env.ws
            .check_dossier(&env.files.path().join("weg.pdf"))
            .expect_err("missing"),
    );
    assert_eq!(missing.code, "file.io");
}
