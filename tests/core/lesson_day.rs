//! The lesson-day sheet: one page with a recording's checklist and deadlines, read back with
//! poppler, checked with qpdf, and with no pupil data.

use crate::dossier::poppler;
use crate::mentor::named;
use crate::support::*;
use opnamewijs::recording::Answer;
use opnamewijs::store::Mode;
use opnamewijs::workspace::AnswerQuestion;
use std::process::Command;

#[test]
fn the_lesson_day_sheet_is_one_page_with_the_checklist_its_sources_and_the_deadlines() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    named(&mut env, "Łukasz Şahin-Nguyễn", Mode::Student);
    let id = env.create("hu-stage-opnamen", "2026-11-24").id;
    env.tick(&id, "vooraf.lwo");
    let view = env.ws.view(&id).expect("view");
    let path = env.files.path().join("lesdag.pdf");
    let report = env.ws.export_lesson_day(&id, &path).expect("sheet");
    if let Ok(keep) = std::env::var("OPNAMEWIJS_KEEP_SHEET") {
        std::fs::copy(&path, keep).expect("keep a copy to look at");
    }
    assert_eq!(report.path, path.display().to_string());

    let text = poppler("pdftotext", &[], &path);
    let squeezed = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(squeezed.contains("Lesdag: "), "{text}");
    assert!(squeezed.contains("Student Łukasz Şahin-Nguyễn"), "{text}");
    assert!(squeezed.contains("Lesdatum di 24 nov. 2026"), "{text}");
    assert!(squeezed.contains("Stageschool (niet ingevuld)"), "{text}");
    let items: Vec<_> = view.phases.iter().flat_map(|p| &p.items).collect();
    assert!(items.len() > 5, "the pack shows several items");
    for item in &items {
        let words: String = item
            .text
            .split_whitespace()
            .take(4)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            squeezed.contains(&words),
            "item {:?} missing in:\n{text}",
            item.id
        );
    }
    let ticked = items
        .iter()
        .find(|i| i.id == "vooraf.lwo")
        .expect("ticked item");
    let first: String = ticked
        .text
        .split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ");
    // Read as laid out on the page: each box stands in front of its own item.
    let layout = poppler("pdftotext", &["-layout"], &path);
    let line_of = |words: &str| {
        layout
            .lines()
            .find(|l| {
                l.split_whitespace()
                    .collect::<Vec<_>>()
                    .join(" ")
                    .contains(words)
            })
            .unwrap_or_else(|| panic!("{words:?} not on a line of:\n{layout}"))
            .trim_start()
            .to_owned()
    };
    assert!(line_of(&first).starts_with("[x]"), "{layout}");
    for item in items.iter().filter(|i| i.tick.is_none()) {
        let words: String = item
            .text
            .split_whitespace()
            .take(3)
            .collect::<Vec<_>>()
            .join(" ");
        assert!(line_of(&words).starts_with("[ ]"), "an empty box: {layout}");
    }
    assert!(
        squeezed.contains("bron: HU-checklist"),
        "where each rule comes from: {text}"
    );
    for d in &view.deadlines {
        assert!(
            squeezed.contains(&d.title),
            "deadline {:?} missing in:\n{text}",
            d.id
        );
    }

    let info = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.trim_end().ends_with(" 1")),
        "one page: {info}"
    );
    let check = Command::new("qpdf")
        .arg("--check")
        .arg(&path)
        .output()
        .expect("qpdf is needed for this test (Debian: qpdf)");
    assert!(
        check.status.success(),
        "qpdf --check: {}",
        String::from_utf8_lossy(&check.stdout)
    );

    // The same recording gives the same bytes (the writer is deterministic).
    let again = env.ws.lesson_day_pdf(&id).expect("again");
    assert_eq!(again, std::fs::read(&path).expect("read"));
}

#[test]
fn a_recording_with_every_question_answered_still_fits_one_page() {
    let mut env = Env::at(nl(2026, 11, 23, 10, 0));
    named(&mut env, "Ayşe Yılmaz", Mode::Student);
    let id = env.create("hu-stage-opnamen", "2026-11-24").id;
    // Answered twice over (yes, then no), so questions asked only after an answer are answered
    // too, and the checklist shows what these answers call for.
    for yes in [true, false, true] {
        for q in env.ws.view(&id).expect("view").questions {
            let input = serde_json::to_value(&q.input).expect("json");
            let first = |i: usize| input["options"][i]["id"].as_str().map(str::to_owned);
            let answer = match input["type"].as_str() {
                Some("yes_no") => Answer::Flag(yes),
                Some("choice") => Answer::Choice(first(0).expect("an option")),
                Some("choices") => Answer::Choices((0..8).map_while(first).collect()),
                Some("count") => Answer::Count(2),
                _ => continue,
            };
            // An answer the pack refuses in this state is simply left out.
            let _ = env.ws.answer(AnswerQuestion {
                recording: id.clone(),
                question: q.id.clone(),
                answer: Some(answer),
            });
        }
    }
    let view = env.ws.view(&id).expect("view");
    let items: usize = view.phases.iter().map(|p| p.items.len()).sum();
    assert!(items >= 15, "most of the checklist is shown: {items}");
    let path = env.files.path().join("lesdag-vol.pdf");
    env.ws.export_lesson_day(&id, &path).expect("sheet");
    let info = Command::new("pdfinfo")
        .arg(&path)
        .output()
        .expect("pdfinfo");
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Pages:") && l.trim_end().ends_with(" 1")),
        "{items} items and {} deadlines on one page: {info}",
        view.deadlines.len()
    );
}
