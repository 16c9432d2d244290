//! The finder for leftover files, on a fixture tree: only media files within a day of a
//! recording, nothing outside the chosen folders, bounded, cancellable; a linked file's deletion
//! verified.

use crate::mentor::{named, recorded_lesson};
use crate::support::*;
use opnamewijs::finder::{self, Limits, Stopped, Window};
use opnamewijs::store::Mode;
use opnamewijs::workspace::VerifyAbsent;
use opnamewijs::ErrorPayload;
use std::fs::File;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicU64};
use std::time::{Duration, SystemTime};

/// A file of `bytes` bytes at `path`, last modified at `when`.
fn file(path: &Path, bytes: usize, when: SystemTime) {
    std::fs::create_dir_all(path.parent().expect("parent")).expect("dirs");
    std::fs::write(path, vec![7u8; bytes]).expect("write");
    File::options()
        .write(true)
        .open(path)
        .expect("open")
        .set_modified(when)
        .expect("set time");
}

fn at(t: chrono::DateTime<chrono::Utc>) -> SystemTime {
    SystemTime::from(t)
}

#[test]
fn the_finder_lists_media_files_within_a_day_of_a_recording_and_nothing_else() {
    let root = tempfile::tempdir().expect("temp");
    let outside = tempfile::tempdir().expect("temp");
    let recorded = nl(2026, 11, 24, 11, 0);
    let window = [Window {
        recording: "r1".into(),
        at: recorded,
    }];
    let near = at(recorded + chrono::Duration::hours(3));
    let far = at(recorded + chrono::Duration::days(3));
    let chosen = root.path().join("Downloads");
    file(&chosen.join("IMG_0042.MOV"), 1200, near);
    file(&chosen.join("les/3B/VID_20261124.mp4"), 800, near);
    file(&chosen.join("notulen.docx"), 100, near);
    file(&chosen.join("oud.mp4"), 100, far);
    file(&chosen.join("a/b/c/d/e/f/g/h/i/diep.mp4"), 100, near);
    // Outside the chosen folder, and reachable only through links.
    file(&outside.path().join("buiten.mp4"), 100, near);
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outside.path(), chosen.join("link-naar-buiten")).expect("link");
        std::os::unix::fs::symlink(&chosen, chosen.join("les/lus")).expect("loop");
    }
    let missing = root.path().join("bestaat-niet");

    let cancel = AtomicBool::new(false);
    let progress = AtomicU64::new(0);
    let report = finder::scan(
        &[chosen.clone(), missing],
        &window,
        Limits::default(),
        &cancel,
        &progress,
    );
    let mut names: Vec<String> = report
        .hits
        .iter()
        .map(|h| {
            h.path
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    assert_eq!(names, ["IMG_0042.MOV", "VID_20261124.mp4"]);
    assert!(
        report.hits.iter().all(|h| h.path.starts_with(&chosen)),
        "nothing from outside"
    );
    assert!(report.hits.iter().all(|h| h.recordings == ["r1"]));
    assert_eq!(report.unreadable, 1, "the missing folder");
    assert_eq!(report.too_deep, 1, "the ninth level is not entered");
    assert_eq!(report.stopped, None);
    assert_eq!(
        progress.load(std::sync::atomic::Ordering::Relaxed),
        report.entries
    );

    // A folder the user may not read is counted, not fatal (root reads everything: then it is
    // simply read).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let closed = chosen.join("dicht");
        std::fs::create_dir_all(&closed).expect("dir");
        std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o000)).expect("chmod");
        let readable = std::fs::read_dir(&closed).is_ok();
        let report = finder::scan(
            std::slice::from_ref(&chosen),
            &window,
            Limits::default(),
            &cancel,
            &progress,
        );
        assert_eq!(report.unreadable, u64::from(!readable));
        std::fs::set_permissions(&closed, std::fs::Permissions::from_mode(0o700)).expect("chmod");
    }
}

#[test]
fn the_finder_is_bounded_in_entries_and_time_and_can_be_cancelled() {
    let root = tempfile::tempdir().expect("temp");
    let recorded = nl(2026, 11, 24, 11, 0);
    let window = [Window {
        recording: "r1".into(),
        at: recorded,
    }];
    let when = at(recorded);
    for i in 0..20_000 {
        let dir = root.path().join(format!("map-{}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&dir).expect("dir");
        }
        std::fs::write(dir.join(format!("f{i}.txt")), b"x").expect("write");
    }
    file(&root.path().join("map-19/zz.mp4"), 10, when);
    let cancel = AtomicBool::new(false);
    let progress = AtomicU64::new(0);
    let all = finder::scan(
        &[root.path().to_owned()],
        &window,
        Limits::default(),
        &cancel,
        &progress,
    );
    assert_eq!(all.stopped, None);
    assert_eq!(all.entries, 20_000 + 20 + 1, "every file and folder once");
    assert_eq!(all.hits.len(), 1);

    let few = Limits {
        entries: 5_000,
        ..Limits::default()
    };
    let bounded = finder::scan(&[root.path().to_owned()], &window, few, &cancel, &progress);
    assert_eq!(bounded.stopped, Some(Stopped::TooManyEntries));
    assert_eq!(bounded.entries, 5_000);

    let no_time = Limits {
        time: Duration::ZERO,
        ..Limits::default()
    };
    let late = finder::scan(
        &[root.path().to_owned()],
        &window,
        no_time,
        &cancel,
        &progress,
    );
    assert_eq!(late.stopped, Some(Stopped::TooLong));

    cancel.store(true, std::sync::atomic::Ordering::Relaxed);
    let cancelled = finder::scan(
        &[root.path().to_owned()],
        &window,
        Limits::default(),
        &cancel,
        &progress,
    );
    assert_eq!(cancelled.stopped, Some(Stopped::Cancelled));
    assert_eq!(cancelled.entries, 0);
}

#[test]
fn a_linked_file_is_verified_absent_once_it_is_gone_and_the_recording_can_close() {
    let mut env = Env::at(nl(2026, 11, 24, 10, 0));
    named(&mut env, "Ayşe Yılmaz", Mode::Student);
    let id = recorded_lesson(&mut env, "Rekenles 3B");
    let windows = env.ws.finder_windows();
    assert_eq!(windows.len(), 1);
    let video = env.files.path().join("Downloads/IMG_0042.MOV");
    file(&video, 4_200_000, at(windows[0].at));

    let view = env
        .ws
        .link_file(&id, &video, 4_200_000)
        .shown(&env.ws)
        .expect("linked");
    let linked = view.copies.last().expect("copy");
    assert_eq!(
        linked.label,
        "Bestand op deze computer: IMG_0042.MOV (4,2 MB)"
    );
    assert!(linked.verifiable);
    let again = env
        .ws
        .link_file(&id, &video, 4_200_000)
        .shown(&env.ws)
        .expect_err("once");
    assert_eq!(ErrorPayload::from(again).code, "copy.already_linked");

    let verify = |env: &mut Env| {
        env.ws
            .verify_absent(VerifyAbsent {
                recording: id.clone(),
                copy: "copy-4".into(),
            })
            .shown(&env.ws)
    };
    let still = ErrorPayload::from(verify(&mut env).expect_err("still there"));
    assert_eq!(still.code, "copy.file_still_there");
    assert!(still.message.contains("IMG_0042.MOV"), "{}", still.message);
    std::fs::remove_file(&video).expect("student deletes it");
    let view = verify(&mut env).expect("verified");
    let deleted = view.copies[3].deleted.as_deref().expect("deleted");
    assert!(
        deleted.ends_with("door Opnamewijs gecontroleerd: bestand is weg"),
        "{deleted}"
    );
    assert_eq!(
        env.ws.finder_windows().len(),
        1,
        "still open: the other copies"
    );
}
