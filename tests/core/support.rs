use chrono::{DateTime, NaiveDate, TimeZone, Utc};
use chrono_tz::Europe::Amsterdam;
use opnamewijs::clock::FixedClock;
use opnamewijs::recording::Answer;
use opnamewijs::screens::Show;
use opnamewijs::vault::{MemoryKeyStore, Unlock};
use opnamewijs::views::RecordingView;
use opnamewijs::workspace::{AnswerQuestion, NewRecording, SetItem, Workspace, WorkspaceError};
use std::sync::Arc;

/// An instant given in Dutch wall-clock time.
pub fn nl(y: i32, m: u32, d: u32, h: u32, min: u32) -> DateTime<Utc> {
    Amsterdam
        .with_ymd_and_hms(y, m, d, h, min, 0)
        .single()
        .expect("unambiguous Dutch time")
        .with_timezone(&Utc)
}

pub fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// A workspace in a fresh temp dir whose clock the test controls.
pub struct Env {
    pub dir: tempfile::TempDir,
    /// A folder outside the data directory for exported and imported files.
    pub files: tempfile::TempDir,
    pub clock: Arc<FixedClock>,
    pub keys: Arc<MemoryKeyStore>,
    pub ws: Workspace,
}

impl Env {
    pub fn at(now: DateTime<Utc>) -> Env {
        let dir = tempfile::tempdir().expect("temp dir");
        let clock = Arc::new(FixedClock::new(now));
        let keys = Arc::new(MemoryKeyStore::new());
        let ws = Workspace::open(dir.path(), clock.clone(), Unlock::Keyring(keys.as_ref()))
            .expect("open workspace");
        Env {
            dir,
            files: tempfile::tempdir().expect("temp dir"),
            clock,
            keys,
            ws,
        }
    }

    /// Closes and reopens the workspace on the same directory, as an app restart does.
    pub fn restart(&mut self) {
        // Close the running workspace first (it holds the data directory's lock), as quitting does.
        self.close();
        // A child process another test (the crash test) is spawning holds a copy of every open
        // descriptor, our lock included, until it execs: wait for that instead of failing.
        let mut tries = 0;
        self.ws = loop {
            match Workspace::open(
                self.dir.path(),
                self.clock.clone(),
                Unlock::Keyring(self.keys.as_ref()),
            ) {
                Err(WorkspaceError::Store(opnamewijs::store::StoreError::InUse)) if tries < 100 => {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20));
                }
                other => break other.expect("reopen workspace"),
            }
        };
    }

    /// Closes the workspace, as quitting does (releasing the data directory's lock and waiting for
    /// its background work); `ws` is then an empty placeholder elsewhere.
    pub fn close(&mut self) {
        let scratch = tempfile::tempdir().expect("temp dir");
        let keys = MemoryKeyStore::new();
        let placeholder =
            Workspace::open(scratch.path(), self.clock.clone(), Unlock::Keyring(&keys))
                .expect("placeholder");
        drop(std::mem::replace(&mut self.ws, placeholder));
    }

    pub fn create(&mut self, pack: &str, planned_for: &str) -> RecordingView {
        self.ws
            .create(NewRecording {
                title: "Rekenles 3B".into(),
                planned_for: planned_for.into(),
                pack: pack.into(),
            })
            .shown(&self.ws)
            .expect("create recording")
    }

    /// Answers questions in order; panics with the question id when one is refused.
    pub fn answer(&mut self, id: &str, answers: &[(&str, Answer)]) -> RecordingView {
        let mut view = self.ws.view(id).expect("view");
        for (q, a) in answers {
            view = self
                .ws
                .answer(AnswerQuestion {
                    recording: id.into(),
                    question: (*q).into(),
                    answer: Some(a.clone()),
                })
                .shown(&self.ws)
                .unwrap_or_else(|e| panic!("answer {q}: {e}"));
        }
        view
    }

    pub fn tick(&mut self, id: &str, item: &str) -> RecordingView {
        self.ws
            .set_item(SetItem {
                recording: id.into(),
                item: item.into(),
                done: true,
                note: None,
            })
            .shown(&self.ws)
            .unwrap_or_else(|e| panic!("tick {item}: {e}"))
    }

    /// Ticks every shown item of the phases before `phase` (in order).
    pub fn complete_phases_before(&mut self, id: &str, phase: &str) -> RecordingView {
        let view = self.ws.view(id).expect("view");
        let ids: Vec<String> = view
            .phases
            .iter()
            .take_while(|p| p.id != phase)
            .flat_map(|p| {
                p.items
                    .iter()
                    .filter(|i| i.tick.is_none())
                    .map(|i| i.id.clone())
            })
            .collect();
        for item in ids {
            self.tick(id, &item);
        }
        self.ws.view(id).expect("view")
    }
}

pub fn yes() -> Answer {
    Answer::Flag(true)
}
pub fn no() -> Answer {
    Answer::Flag(false)
}
pub fn choice(c: &str) -> Answer {
    Answer::Choice(c.into())
}

/// Several options of a question that takes more than one (e.g. the purposes).
pub fn choices(cs: &[&str]) -> Answer {
    Answer::Choices(cs.iter().map(|c| (*c).to_owned()).collect())
}

/// Shown item ids of a view.
pub fn shown_items(view: &RecordingView) -> Vec<String> {
    view.phases
        .iter()
        .flat_map(|p| p.items.iter().map(|i| i.id.clone()))
        .collect()
}

/// Deadline of a view by id.
pub fn deadline<'v>(view: &'v RecordingView, id: &str) -> &'v opnamewijs::views::DeadlineView {
    view.deadlines
        .iter()
        .find(|d| d.id == id)
        .unwrap_or_else(|| {
            panic!(
                "deadline {id} not in {:?}",
                view.deadlines.iter().map(|d| &d.id).collect::<Vec<_>>()
            )
        })
}

/// A verb's answer as the screen the app shows for it (what `App::act` answers): the verbs
/// answer with what they changed, the presentation shows it.
pub trait Shown {
    /// The screen.
    type View;
    /// The screen of the change, or the verb's error.
    fn shown(self, ws: &Workspace) -> Result<Self::View, WorkspaceError>;
}

impl<C: Show> Shown for Result<C, WorkspaceError> {
    type View = C::View;
    fn shown(self, ws: &Workspace) -> Result<C::View, WorkspaceError> {
        self.and_then(|changed| changed.show(ws))
    }
}
