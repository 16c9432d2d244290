//! Shared by the benchmarks: generated vaults of N recordings, cached under the target directory
//! (generating 10,000 recordings appends ~100,000 entries), and a key store kept in a file next
//! to the cached vault, so the measured open is the real one without a keyring in the way.

#![allow(dead_code)]

pub mod packs;

use chrono::{DateTime, TimeZone, Utc};
use opnamewijs::clock::FixedClock;
use opnamewijs::recording::{Answer, EventKind};
use opnamewijs::store::Profile;
use opnamewijs::vault::{KeyStore, KeyStoreError, Secret, Sensitive, Unlock};
use opnamewijs::workspace::{AnswerQuestion, LogEvent, NewRecording, SetItem};
use opnamewijs::Workspace;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Bump when the generated content changes, so stale caches are not reused.
const GENERATION: u32 = 1;

/// "Now" for every benchmark: Monday 23 November 2026, 10:00 in the Netherlands.
pub fn now() -> DateTime<Utc> {
    Utc.with_ymd_and_hms(2026, 11, 23, 9, 0, 0)
        .single()
        .expect("valid instant")
}

/// A clock standing at [`now`].
pub fn clock() -> Arc<FixedClock> {
    Arc::new(FixedClock::new(now()))
}

/// Wrapping keys in files of one directory (benchmarks only: the app uses the OS keyring).
#[derive(Debug)]
pub struct FileKeyStore(pub PathBuf);

impl KeyStore for FileKeyStore {
    fn get(&self, account: &str) -> Result<Option<Secret>, KeyStoreError> {
        match std::fs::read(self.0.join(account)) {
            Ok(bytes) => Ok(Some(Sensitive::new(zeroize::Zeroizing::new(bytes)))),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(KeyStoreError::Failed(e.to_string())),
        }
    }

    fn set(&self, account: &str, secret: &[u8]) -> Result<(), KeyStoreError> {
        std::fs::create_dir_all(&self.0)
            .and_then(|()| std::fs::write(self.0.join(account), secret))
            .map_err(|e| KeyStoreError::Failed(e.to_string()))
    }

    fn delete(&self, account: &str) -> Result<(), KeyStoreError> {
        match std::fs::remove_file(self.0.join(account)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                Err(KeyStoreError::Failed(e.to_string()))
            }
            _ => Ok(()),
        }
    }
}

/// A generated installation: the data directory and the key store that opens it.
#[derive(Debug)]
pub struct Fixture {
    pub data: PathBuf,
    pub keys: FileKeyStore,
}

impl Fixture {
    fn at(dir: &Path) -> Fixture {
        Fixture {
            data: dir.join("data"),
            keys: FileKeyStore(dir.join("keys")),
        }
    }

    /// Opens the workspace, as the app does at start-up.
    pub fn open(&self) -> Workspace {
        Workspace::open(&self.data, clock(), Unlock::Keyring(&self.keys)).expect("open workspace")
    }
}

/// Number of recordings from `OPNAMEWIJS_BENCH_RECORDINGS`, else `default`.
pub fn scale(default: usize) -> usize {
    std::env::var("OPNAMEWIJS_BENCH_RECORDINGS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("target"))
}

/// The cached installation with `n` recordings, generated on first use.
pub fn cached(n: usize) -> Fixture {
    let dir = cache_dir(&format!("g{GENERATION}-{n}"), |scratch| {
        generate_into(&Fixture::at(scratch), n)
    });
    Fixture::at(&dir)
}

/// `<target>/bench-vaults/<name>`, made by `make` in a scratch directory the first time and
/// copied there. fsync is all but free on tmpfs: generate there, then copy to the real disk.
fn cache_dir(name: &str, make: impl FnOnce(&Path)) -> PathBuf {
    let dir = target_dir().join("bench-vaults").join(name);
    if !dir.join("done").exists() {
        let _ = std::fs::remove_dir_all(&dir);
        let shm = Path::new("/dev/shm");
        let scratch = if shm.is_dir() {
            tempfile::tempdir_in(shm)
        } else {
            tempfile::tempdir()
        }
        .expect("scratch dir");
        let started = std::time::Instant::now();
        make(scratch.path());
        copy_dir(scratch.path(), &dir);
        std::fs::write(dir.join("done"), b"").expect("mark cache done");
        eprintln!(
            "generated {name} in {:.1} s: {}",
            started.elapsed().as_secs_f64(),
            dir.display()
        );
    }
    dir
}

/// A copy of the cached installation with `n` recordings in a new temporary directory on the
/// same disk as the target directory (so fsync costs what it costs there).
pub fn scratch_copy(n: usize) -> (tempfile::TempDir, Fixture) {
    let cache = cached(n);
    let parent = target_dir().join("bench-scratch");
    std::fs::create_dir_all(&parent).expect("scratch parent");
    let tmp = tempfile::tempdir_in(&parent).expect("scratch dir");
    copy_dir(cache.data.parent().expect("cache has a parent"), tmp.path());
    let fixture = Fixture::at(tmp.path());
    (tmp, fixture)
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create copy dir");
    for entry in std::fs::read_dir(from).expect("read dir") {
        let entry = entry.expect("dir entry");
        let target = to.join(entry.file_name());
        if entry.file_type().expect("file type").is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

fn flag(b: bool) -> Answer {
    Answer::Flag(b)
}

fn choice(c: &str) -> Answer {
    Answer::Choice(c.into())
}

/// The passphrase that opens the installations of [`cached_for_app`].
pub const APP_PASSPHRASE: &str = "bench wachtwoordzin voor de app";

/// An installation of `n` recordings whose key is wrapped with [`APP_PASSPHRASE`] instead of a
/// key store, so the desktop app opens it (it asks for the passphrase) without a keyring entry;
/// opened once after generation, so it has a snapshot as a user's would. Returns its data
/// directory, cached under the target directory.
#[allow(dead_code)] // used by the app_vaults bench only
pub fn cached_for_app(n: usize) -> PathBuf {
    let dir = cache_dir(&format!("g{GENERATION}-app-{n}"), |scratch| {
        let data = scratch.join("data");
        let pass = opnamewijs::vault::Passphrase::new(APP_PASSPHRASE);
        let open = || Workspace::open(&data, clock(), Unlock::Passphrase(&pass));
        generate(&mut open().expect("create the vault"), n);
        // The first open after many changes writes the snapshot (after its check).
        open()
            .expect("reopen")
            .wait_journal_check()
            .expect("the generated journal verifies");
    });
    dir.join("data")
}

/// Fills an installation with `n` HU recordings as a student works through them: planned over a
/// school year, the eight intake questions answered, the first phase ticked, and two in three
/// logged as recorded (which starts their deadlines). About 13 journal entries per recording.
fn generate_into(fixture: &Fixture, n: usize) {
    generate(&mut fixture.open(), n);
}

fn generate(ws: &mut Workspace, n: usize) {
    ws.set_profile(Profile {
        name: "Student".into(),
        ..Default::default()
    })
    .expect("set profile");
    let answers = [
        ("mentor_live", flag(false)),
        ("purpose", choice("feedback")),
        ("media", choice("video")),
        ("device", choice("own_device")),
        ("pupils_in_view", flag(true)),
        ("consent_basis", choice("student_asks")),
        ("pupils_under_16", flag(true)),
        ("pupils_without_consent", Answer::Count(0)),
    ];
    let first_day = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).expect("valid date");
    for i in 0..n {
        let day = first_day + chrono::Duration::days((i % 320) as i64);
        let view = ws
            .create(NewRecording {
                title: format!("Les {i}"),
                planned_for: day.to_string(),
                pack: "hu-stage-opnamen".into(),
            })
            .expect("create recording");
        let id = view.id;
        for (q, a) in &answers {
            ws.answer(AnswerQuestion {
                recording: id.clone(),
                question: (*q).into(),
                answer: Some(a.clone()),
            })
            .expect("answer");
        }
        let view = ws.view(&id).expect("view");
        let first: Vec<String> = view
            .phases
            .first()
            .map(|p| p.items.iter().map(|i| i.id.clone()).collect())
            .unwrap_or_default();
        for item in first {
            ws.set_item(SetItem {
                recording: id.clone(),
                item,
                done: true,
                note: None,
            })
            .expect("tick");
        }
        if i % 3 != 0 {
            ws.log_event(LogEvent {
                recording: id.clone(),
                kind: EventKind::Recorded,
                on: Some(day.to_string()),
                note: None,
            })
            .expect("log recorded");
        }
    }
}
