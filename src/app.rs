//! The desktop app's handle on the core: one [`Workspace`] behind a lock (or the reason it could
//! not be opened), plus the operations that replace the workspace as a whole: unlocking with a
//! passphrase, restoring a backup and erasing everything.
//!
//! Errors leave here as [`ErrorPayload`]s in the language of the open workspace's profile, or,
//! while none is open (after erasing, or a restore that could not be opened), of the last one that
//! was open in this run. Before any workspace was open (it could not be opened at start, or it
//! waits for a passphrase) the language is not known, and they are Dutch.

mod error;
mod finder;
mod layout;
mod opened;

pub use error::AppError;
pub use layout::{AppDirs, Layout, Removed, Swept, WEBVIEW_DIR};

use crate::clock::Clock;
use crate::error::{ErrorCode, ErrorPayload, Localized};
use crate::screens::{Reminder, Show};
use crate::store::{LOCK_FILE, STATE_FILE};
use crate::text::{tr, Lang};
use crate::vault::{KeyStore, Leftover, Passphrase, Sensitive, Unlock, Vault, VaultError};
use crate::views::{AppStatus, RecordingSummary};
use crate::workspace::{Touched, Workspace, WorkspaceError};
use serde::Serialize;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock};
use zeroize::Zeroizing;

impl App {
    /// Restores the backup into a scratch folder next to the data and removes it again: whether
    /// it opens with `unlock` (the outer error is the scratch folder's own).
    fn try_restore(
        &self,
        path: &Path,
        passphrase: &Passphrase,
        unlock: Unlock<'_>,
        lang: Lang,
    ) -> Result<Result<(), VaultError>, ErrorPayload> {
        let probe = tempdir_in(&self.layout.data_dir, lang)?;
        let trial = Vault::import_backup(path, passphrase, &probe, unlock).map(drop);
        let _ = Vault::erase(&probe, self.keystore.as_ref());
        let _ = std::fs::remove_dir_all(&probe);
        Ok(trial)
    }
}

/// Whether this build takes a file's location from the page: only with the test seams, which the
/// shipped app does not enable (see [`App::path_from_page`]).
pub const PATHS_FROM_PAGE: bool = cfg!(feature = "test-seams");

/// `path` if a build that takes locations from the page (`allowed`) got it, else the refusal.
pub fn page_path(path: PathBuf, allowed: bool) -> Result<PathBuf, AppError> {
    if allowed {
        Ok(path)
    } else {
        Err(AppError::PathFromPage)
    }
}

/// Turns an error into its payload in `lang`.
fn in_lang<E: Localized>(lang: Lang) -> impl Fn(E) -> ErrorPayload {
    move |err| ErrorPayload::localized(&err, lang)
}

/// What a change answers: its own result, the app's status after it, and what changed in the
/// dashboard's list, so the UI needs one round trip per action.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Acted<T> {
    /// The change's own answer (the recording's view, the assessment, the desk, …).
    pub value: T,
    /// Profile, packs and the journal's state after the change.
    pub status: AppStatus,
    /// The dashboard's list after the change.
    pub list: ListChange,
}

/// How the dashboard's list changed: only the rows a change touched, each with its new place in
/// the list (most changes touch one recording, and a list of thousands is not sent again), or the
/// whole list when every row may have changed.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[serde(tag = "kind", rename_all = "snake_case")]
#[ts(export)]
pub enum ListChange {
    /// These rows changed: take each out of the list and put it back at its index.
    Rows {
        /// The changed rows, by index ascending.
        rows: Vec<ListedRow>,
    },
    /// The whole list, in order.
    All {
        /// Every recording's summary.
        recordings: Vec<RecordingSummary>,
    },
}

/// One row of the dashboard's list and where it stands in it.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct ListedRow {
    /// The row's place in the list after the change (0 = first).
    pub index: u32,
    /// The recording's summary.
    pub summary: RecordingSummary,
}

/// More touched rows than this are answered with the whole list.
const MAX_ROWS: usize = 50;

/// The list change for the rows `touched` (see [`Workspace::take_touched`]).
fn list_change(ws: &mut Workspace) -> Result<ListChange, WorkspaceError> {
    let ids = match ws.take_touched() {
        Touched::Nothing => return Ok(ListChange::Rows { rows: Vec::new() }),
        Touched::Recordings(ids) if ids.len() <= MAX_ROWS => ids,
        Touched::Recordings(_) | Touched::Everything => {
            return Ok(ListChange::All {
                recordings: ws.list()?,
            })
        }
    };
    let rows = ws
        .list()?
        .into_iter()
        .enumerate()
        .filter(|(_, s)| ids.contains(&s.id))
        .map(|(index, summary)| ListedRow {
            index: index as u32,
            summary,
        })
        .collect();
    Ok(ListChange::Rows { rows })
}

/// What "erase all my data" removed and verified.
#[derive(Debug, Clone, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct EraseReport {
    /// The data directory that was emptied.
    pub data_dir: String,
    /// Checked afterwards: nothing of the vault is left, on disk or in the keyring, and nothing
    /// else in the app's own folders.
    pub verified_empty: bool,
    /// What was removed, in the user's language, in the order it was removed.
    pub removed: Vec<Removed>,
}

/// A workspace behind a lock, or the reason it could not be opened: what the desktop shell holds.
/// Every command goes through [`App::with`], so a locked or damaged vault is reported on every call
/// and never overwritten.
#[derive(Debug)]
pub struct App {
    layout: Layout,
    /// Set by [`App::erase_all`]: what the window keeps is removed again at exit.
    erased: AtomicBool,
    clock: Arc<dyn Clock>,
    keystore: Arc<dyn KeyStore>,
    /// Set once the workspace is opened (see [`App::opening`]); every call waits for it.
    inner: OnceLock<Mutex<Result<Workspace, ErrorPayload>>>,
    /// Reminders already shown in this run, by key.
    reminded: Mutex<std::collections::BTreeSet<String>>,
    /// The language of the last workspace open in this run (Dutch until one is), for the errors
    /// of calls while none is.
    lang: Mutex<Lang>,
    /// The finder's suggestions, running scan and last results (in memory only).
    finder: Mutex<finder::FinderState>,
    /// The computer's language, once the shell has told it.
    system_lang: Mutex<Option<Lang>>,
    /// Files the system opened with the app, waiting for the user (in memory only).
    opened: Mutex<opened::OpenedState>,
    /// What the user decided about an old plain file or a journal behind its anchor, for the next
    /// open (see [`App::import_legacy`], [`App::accept_older_journal`]).
    consent: Mutex<Consent>,
    /// The passphrase a vault was unlocked with when its open stopped for the user's decision,
    /// kept (wiped when dropped) until the user decides, so they need not type it again.
    pending: Mutex<Option<Sensitive<Zeroizing<String>>>>,
}

/// The user's answers to the questions an open can stop for.
#[derive(Debug, Clone, Copy, Default)]
struct Consent {
    import_legacy: bool,
    accept_older: bool,
}

/// The codes of the opens that wait for the user's decision.
const LEGACY_FOUND: &str = "store.legacy_found";
const OLDER_JOURNAL: [&str; 2] = ["store.behind", "store.missing"];

/// At most this many separate notifications at once; more are summed up in one.
const MAX_NOTIFICATIONS: usize = 3;

impl App {
    /// Opens the workspace in `data_dir`, unlocking it with the key kept in `keystore`.
    pub fn open(data_dir: &Path, clock: Arc<dyn Clock>, keystore: Arc<dyn KeyStore>) -> Self {
        let app = App::opening(data_dir, clock, keystore);
        app.finish_open();
        app
    }

    /// An app whose workspace [`App::finish_open`] still has to open, so the shell can show its
    /// window while the journal is read on another thread (the key comes from the OS keyring over
    /// D-Bus, and a large journal takes a while). Until then every call waits.
    pub fn opening(data_dir: &Path, clock: Arc<dyn Clock>, keystore: Arc<dyn KeyStore>) -> Self {
        App::opening_in(Layout::data_only(data_dir), clock, keystore)
    }

    /// [`App::opening`] with the desktop app's whole [`Layout`]: erasing also removes what the
    /// window keeps outside the vault.
    pub fn opening_in(layout: Layout, clock: Arc<dyn Clock>, keystore: Arc<dyn KeyStore>) -> Self {
        App {
            layout,
            erased: AtomicBool::new(false),
            clock,
            keystore,
            inner: OnceLock::new(),
            reminded: Mutex::new(std::collections::BTreeSet::new()),
            lang: Mutex::new(Lang::Nl),
            finder: Mutex::new(finder::FinderState::default()),
            system_lang: Mutex::new(None),
            opened: Mutex::new(opened::OpenedState::default()),
            consent: Mutex::new(Consent::default()),
            pending: Mutex::new(None),
        }
    }

    /// The computer's language, from its locale: what a new installation starts in (and what
    /// the screens before the first open speak).
    pub fn set_system_language(&self, lang: Lang) {
        *self.system_lang.lock().unwrap_or_else(|e| e.into_inner()) = Some(lang);
        *self.lang.lock().unwrap_or_else(|e| e.into_inner()) = lang;
    }

    /// The language of the screens shown while no workspace is open (a passphrase to enter, a
    /// decision to make, a journal that could not be opened): that of the last workspace open in
    /// this run, else the computer's, else Dutch. The same language the errors of those screens
    /// are worded in.
    pub fn language(&self) -> Lang {
        *self.lang.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// A newly opened workspace of a new installation takes the computer's language.
    fn adopt_system_language(&self, ws: &mut Result<Workspace, ErrorPayload>) {
        let system = *self.system_lang.lock().unwrap_or_else(|e| e.into_inner());
        if let (Ok(ws), Some(lang)) = (ws.as_mut(), system) {
            // Not being able to write it only means starting in the default language.
            let _ = ws.adopt_system_language(lang);
        }
    }

    /// Opens the workspace of an [`App::opening`]; calls waiting for it go on. Opens once, however
    /// often (and from however many threads) it is called.
    pub fn finish_open(&self) {
        self.inner.get_or_init(|| {
            let ws = self.open_workspace(Unlock::Keyring(self.keystore.as_ref()));
            let mut ws = ws.map_err(|e| self.open_error(e));
            self.adopt_system_language(&mut ws);
            Mutex::new(ws)
        });
    }

    /// Where rollback anchors are kept: the keyring, and the app's config folder for a
    /// passphrase vault.
    pub fn anchors(&self) -> crate::vault::Anchors {
        crate::vault::Anchors {
            keyring: Some(self.keystore.clone()),
            folder: self.layout.anchor_dir.clone(),
        }
    }

    /// Opens the workspace with the anchors and what the user decided so far; a decision is
    /// used for one successful open.
    fn open_workspace(&self, unlock: Unlock<'_>) -> Result<Workspace, WorkspaceError> {
        let mut consent = self.consent.lock().unwrap_or_else(|e| e.into_inner());
        let opening = crate::store::Opening {
            anchors: self.anchors(),
            import_legacy: consent.import_legacy,
            accept_older: consent.accept_older,
        };
        let ws = Workspace::open_with(&self.layout.data_dir, self.clock.clone(), unlock, &opening);
        if ws.is_ok() {
            *consent = Consent::default();
        }
        ws
    }

    /// The payload of an open that failed: the questions the user must answer in the computer's
    /// language (they stand on a screen of their own); the rest in Dutch, as before any
    /// workspace was open.
    fn open_error(&self, err: WorkspaceError) -> ErrorPayload {
        let code = err.code();
        if code == LEGACY_FOUND || OLDER_JOURNAL.contains(&code) {
            let lang = *self.lang.lock().unwrap_or_else(|e| e.into_inner());
            ErrorPayload::localized(&err, lang)
        } else {
            ErrorPayload::from(err)
        }
    }

    /// The user said yes to importing the unprotected plain file of an earlier version that the
    /// open stopped for (`store.legacy_found`): opens again with that yes. Without a keyring the
    /// answer is `vault.keyring_unavailable`, and the yes holds for the passphrase that follows.
    pub fn import_legacy(&self) -> Result<AppStatus, ErrorPayload> {
        self.decide(&[LEGACY_FOUND], |c| c.import_legacy = true)
    }

    /// The user chose to go on with the journal that is behind its rollback anchor, or without
    /// the journal the anchor names (`store.behind`, `store.missing`): opens it, journals the
    /// choice and sets the anchor to it.
    pub fn accept_older_journal(&self) -> Result<AppStatus, ErrorPayload> {
        self.decide(&OLDER_JOURNAL, |c| c.accept_older = true)
    }

    /// Records a decision and opens again, when the open waits for that decision; otherwise
    /// answers as things are.
    fn decide(
        &self,
        codes: &[&str],
        set: impl FnOnce(&mut Consent),
    ) -> Result<AppStatus, ErrorPayload> {
        let mut guard = self.lock();
        match guard.as_ref() {
            Err(e) if codes.contains(&e.code.as_str()) => {}
            _ => return self.status_of(&guard),
        }
        set(&mut self.consent.lock().unwrap_or_else(|e| e.into_inner()));
        let pending = self
            .pending
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .take();
        let opened = match &pending {
            Some(text) => {
                let passphrase = Passphrase::new(text.expose().as_str());
                self.open_workspace(Unlock::Passphrase(&passphrase))
            }
            None => self.open_workspace(Unlock::Keyring(self.keystore.as_ref())),
        };
        *guard = opened.map_err(|e| self.open_error(e));
        self.keep_pending(&guard, pending);
        self.adopt_system_language(&mut guard);
        self.status_of(&guard)
    }

    /// Keeps the passphrase while the open waits for the user's decision.
    fn keep_pending(
        &self,
        ws: &Result<Workspace, ErrorPayload>,
        passphrase: Option<Sensitive<Zeroizing<String>>>,
    ) {
        let waits = ws
            .as_ref()
            .is_err_and(|e| e.code == LEGACY_FOUND || OLDER_JOURNAL.contains(&e.code.as_str()));
        *self.pending.lock().unwrap_or_else(|e| e.into_inner()) = passphrase.filter(|_| waits);
    }

    /// Reminders not shown before in this run (a deadline that turns from "today" to "overdue"
    /// is new again). More than a few at once become one summary.
    pub fn new_reminders(&self) -> Vec<Reminder> {
        let Ok(all) = self.with(|ws| ws.reminders()) else {
            return Vec::new();
        };
        let mut seen = self.reminded.lock().unwrap_or_else(|e| e.into_inner());
        let fresh: Vec<Reminder> = all
            .into_iter()
            .filter(|r| seen.insert(r.key.clone()))
            .collect();
        if fresh.len() <= MAX_NOTIFICATIONS {
            return fresh;
        }
        let lang = self.with(|ws| Ok(ws.lang())).unwrap_or_default();
        vec![Reminder {
            key: "summary".to_owned(),
            title: match lang {
                Lang::Nl => format!("{} termijnen vragen aandacht", fresh.len()),
                Lang::En => format!("{} deadlines need attention", fresh.len()),
            },
            body: fresh
                .iter()
                .take(MAX_NOTIFICATIONS)
                .map(|r| r.title.as_str())
                .collect::<Vec<_>>()
                .join("\n"),
        }]
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Result<Workspace, ErrorPayload>> {
        self.inner.wait().lock().unwrap_or_else(|e| e.into_inner())
    }

    /// The language errors are worded in: the open workspace's (remembered), or that of the last
    /// one open in this run.
    fn lang_of(&self, ws: &Result<Workspace, ErrorPayload>) -> Lang {
        let mut last = self.lang.lock().unwrap_or_else(|e| e.into_inner());
        if let Ok(ws) = ws {
            *last = ws.lang();
        }
        *last
    }

    /// Runs one operation on the open workspace.
    pub fn with<T>(
        &self,
        f: impl FnOnce(&mut Workspace) -> Result<T, WorkspaceError>,
    ) -> Result<T, ErrorPayload> {
        let mut guard = self.lock();
        let lang = self.lang_of(&guard);
        let ws = guard.as_mut().map_err(|e| e.clone())?;
        // A journal that its background check found changed is as if it had failed to open:
        // from now on every call reports it, and nothing is written.
        if let Err(err) = ws.poll_journal_check() {
            let payload = ErrorPayload::localized(&err, lang);
            *guard = Err(payload.clone());
            return Err(payload);
        }
        let outcome = f(ws);
        // In the language after the operation, which may have changed the profile.
        let lang = self.lang_of(&guard);
        outcome.map_err(in_lang(lang))
    }

    /// The answer of a command that stopped half-way because of a fault in Opnamewijs itself
    /// ([`AppError::Interrupted`]), in the language of the last workspace open in this run.
    pub fn interrupted(&self) -> ErrorPayload {
        self.refused(&AppError::Interrupted)
    }

    /// `err` in the language of the last workspace open in this run.
    fn refused(&self, err: &AppError) -> ErrorPayload {
        let lang = *self.lang.lock().unwrap_or_else(|e| e.into_inner());
        ErrorPayload::localized(err, lang)
    }

    /// A file's location that the page gave instead of the system's file window: used only by a
    /// build with the test seams (the end-to-end tests drive no native dialog), refused by the
    /// shipped app ([`AppError::PathFromPage`]), so a page cannot make it read or write elsewhere.
    pub fn path_from_page(&self, path: PathBuf) -> Result<PathBuf, ErrorPayload> {
        page_path(path, PATHS_FROM_PAGE).map_err(|e| self.refused(&e))
    }

    /// Runs one change on the open workspace and answers with the screen that shows what it
    /// changed ([`Show`]), the status and the dashboard rows it changed, so the UI needs one round
    /// trip per action.
    pub fn act<C: Show>(
        &self,
        f: impl FnOnce(&mut Workspace) -> Result<C, WorkspaceError>,
    ) -> Result<Acted<C::View>, ErrorPayload> {
        self.with(|ws| {
            let value = f(ws)?.show(ws)?;
            Ok(Acted {
                value,
                status: ws.status()?,
                list: list_change(ws)?,
            })
        })
    }

    /// The outcome of an operation on the whole installation (unlock, restore) with the whole
    /// dashboard after it.
    pub fn answered<T>(&self, outcome: Result<T, ErrorPayload>) -> Result<Acted<T>, ErrorPayload> {
        let value = outcome?;
        self.with(|ws| {
            ws.take_touched();
            Ok(Acted {
                value,
                status: ws.status()?,
                list: ListChange::All {
                    recordings: ws.list()?,
                },
            })
        })
    }

    /// Opens (or, on first use without a keyring, creates) the vault with a passphrase. A workspace
    /// that is already open stays as it is.
    pub fn unlock(&self, passphrase: &str) -> Result<AppStatus, ErrorPayload> {
        let mut guard = self.lock();
        let lang = self.lang_of(&guard);
        crate::limits::check_passphrase(passphrase).map_err(in_lang(lang))?;
        if guard
            .as_ref()
            .is_err_and(|e| e.code != AppError::Erased.code())
        {
            let typed = Sensitive::new(Zeroizing::new(passphrase.to_owned()));
            let passphrase = Passphrase::new(passphrase);
            *guard = self
                .open_workspace(Unlock::Passphrase(&passphrase))
                .map_err(in_lang(lang));
            self.keep_pending(&guard, Some(typed));
            self.adopt_system_language(&mut guard);
        }
        self.status_of(&guard)
    }

    /// Restores a backup into this installation, which must be empty
    /// ([`crate::workspace::Contents::is_empty`]): otherwise it is refused with what would be lost. The restored vault's key goes into the
    /// keyring; without a keyring, the backup's passphrase protects it (the user unlocks with
    /// that from then on). Without a keyring a restore also works before any vault was created.
    pub fn import_backup(&self, path: &Path, passphrase: &str) -> Result<AppStatus, ErrorPayload> {
        let mut guard = self.lock();
        let lang = self.lang_of(&guard);
        crate::limits::check_passphrase(passphrase).map_err(in_lang(lang))?;
        crate::limits::check_import_path(path).map_err(in_lang(lang))?;
        // Only an open, empty workspace makes way, or no vault at all on a machine without a
        // keyring: a vault that is locked or damaged is never replaced, so nothing that could
        // still be recovered is lost.
        let keyring_down = VaultError::KeyringUnavailable {
            reason: crate::vault::KeyStoreError::Unavailable(String::new()),
        }
        .code();
        match guard.as_ref() {
            Ok(ws) if ws.is_empty() => {}
            Ok(ws) => {
                let err = AppError::NotEmpty {
                    holds: ws.contents(),
                };
                return Err(ErrorPayload::localized(&err, lang));
            }
            Err(e) if e.code == keyring_down && !Vault::exists(&self.layout.data_dir) => {}
            Err(e) => return Err(e.clone()),
        }
        if !path.is_absolute() {
            let err = crate::files::FileError::NotAbsolute {
                path: path.display().to_string(),
            };
            return Err(ErrorPayload::localized(&err, lang));
        }
        let passphrase = Passphrase::new(passphrase).existing();
        // Check the backup opens (and where its key can go) before the empty vault makes way.
        let keyring = Unlock::Keyring(self.keystore.as_ref());
        let unlock = match self.try_restore(path, &passphrase, keyring, lang)? {
            Err(VaultError::KeyringUnavailable { .. }) => {
                let unlock = Unlock::Passphrase(&passphrase);
                self.try_restore(path, &passphrase, unlock, lang)?
                    .map_err(in_lang(lang))?;
                unlock
            }
            tried => {
                tried.map_err(in_lang(lang))?;
                keyring
            }
        };
        *guard = Err(ErrorPayload::localized(&AppError::Erased, lang));
        // The restored journal is where this installation is now: its anchor starts anew.
        let _ = self.anchors().forget(&self.layout.data_dir);
        Vault::erase(&self.layout.data_dir, self.keystore.as_ref()).map_err(in_lang(lang))?;
        Vault::import_backup(path, &passphrase, &self.layout.data_dir, unlock)
            .map_err(in_lang(lang))?;
        *guard = self.open_workspace(unlock).map_err(in_lang(lang));
        // From here in the restored workspace's language.
        self.status_of(&guard)
    }

    /// Erases everything the app keeps: the vault's files, its key in the keyring, a plain file
    /// of an earlier version, the web view's data and the window's state, and the app's folders
    /// once empty; then checks that nothing is left, and reports what it removed. The app must be
    /// restarted after. The web view may write its files again while the app stays open, so they
    /// are removed once more when it exits ([`App::at_exit`]).
    pub fn erase_all(&self) -> Result<EraseReport, ErrorPayload> {
        let mut guard = self.lock();
        let lang = self.lang_of(&guard);
        *guard = Err(ErrorPayload::localized(&AppError::Erased, lang));
        self.erased.store(true, Ordering::SeqCst);
        let incomplete = |leftovers: Vec<String>| {
            let err = AppError::EraseIncomplete {
                leftovers: leftovers.join(", "),
            };
            ErrorPayload::localized(&err, lang)
        };
        let data_dir = &self.layout.data_dir;
        let keystore = self.keystore.as_ref();
        // The rollback anchor, while the data folder is still there to name it; the one in the
        // keyring goes with the vault's key.
        let anchors = crate::vault::Anchors {
            keyring: None,
            folder: self.layout.anchor_dir.clone(),
        };
        let anchor_files = anchors.left(data_dir);
        anchors
            .forget(data_dir)
            .map_err(|e| incomplete(vec![e.message(lang)]))?;
        let vault = Vault::erase(data_dir, keystore).map_err(in_lang(lang))?;
        let mut files = vault.files.len();
        for name in [STATE_FILE, LOCK_FILE] {
            match std::fs::remove_file(data_dir.join(name)) {
                Ok(()) => files += 1,
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(incomplete(vec![format!("{name} ({e})")]));
                }
                Err(_) => {}
            }
        }
        let swept = self.layout.sweep();

        let mut leftovers: Vec<String> = Vault::remains(data_dir, keystore)
            .iter()
            .map(|l| crate::wording::leftover(l, lang))
            .collect();
        if let Some(account) = &vault.keyring_account {
            let place = keystore.describe(account);
            let left = match keystore.get(account) {
                Ok(None) => None,
                Ok(Some(_)) => Some(Leftover::KeyringEntry(place)),
                Err(problem) => Some(Leftover::KeyringUnchecked { place, problem }),
            };
            leftovers.extend(left.map(|l| crate::wording::leftover(&l, lang)));
        }
        // The web view may already have written its files again: they go at exit.
        let again = [&self.layout.webview_dir, &self.layout.window_state];
        let outside = self.layout.remains().into_iter();
        leftovers.extend(
            outside
                .filter(|p| !again.iter().any(|a| a.as_deref() == Some(p.as_path())))
                .map(|p| p.display().to_string()),
        );
        if !leftovers.is_empty() {
            return Err(incomplete(leftovers));
        }

        let mut removed = Vec::new();
        if files > 0 {
            removed.push(removed_item(
                lang,
                Removal::VaultFiles(files),
                data_dir.display().to_string(),
            ));
        }
        if let Some(account) = &vault.keyring_account {
            removed.push(removed_item(lang, Removal::Key, keystore.describe(account)));
        }
        let keyring_anchor = vault.keyring_anchor.iter().map(|a| keystore.describe(a));
        for place in keyring_anchor.chain(anchor_files) {
            removed.push(removed_item(lang, Removal::Anchor, place));
        }
        if vault.dir_removed {
            let place = data_dir.display().to_string();
            removed.push(removed_item(lang, Removal::Folder, place));
        }
        removed.extend(swept.iter().map(|s| match s {
            Swept::WebviewData(p) => removed_item(lang, Removal::Webview, p.display().to_string()),
            Swept::WindowState(p) => removed_item(lang, Removal::Window, p.display().to_string()),
            Swept::Folder(p) => removed_item(lang, Removal::Folder, p.display().to_string()),
        }));
        Ok(EraseReport {
            data_dir: data_dir.display().to_string(),
            verified_empty: true,
            removed,
        })
    }

    /// What the desktop shell does when the app exits, after the window saved its state: the
    /// workspace is closed (later calls answer `app.interrupted`). After an
    /// erase: the web view's data and the window's state, which the open window may have written
    /// again, are removed once more, with the app's folders that are empty then; the answer is
    /// what is still left (normally nothing). Otherwise the window's state file is made readable
    /// by the user only.
    pub fn at_exit(&self) -> Vec<PathBuf> {
        // The workspace is closed here, as the process ends without dropping it: closing brings
        // the rollback anchor up to the journal and waits for the background check.
        if let Some(inner) = self.inner.get() {
            let mut guard = inner.lock().unwrap_or_else(|e| e.into_inner());
            if guard.is_ok() {
                *guard = Err(self.interrupted());
            }
        }
        if !self.erased.load(Ordering::SeqCst) {
            if let Some(file) = &self.layout.window_state {
                let _ = crate::files::make_private(file);
            }
            return Vec::new();
        }
        self.layout.sweep();
        let mut left = self.layout.remains();
        if self.layout.data_dir.exists() {
            left.push(self.layout.data_dir.clone());
        }
        left
    }

    /// The status of the open workspace, or why there is none.
    fn status_of(&self, ws: &Result<Workspace, ErrorPayload>) -> Result<AppStatus, ErrorPayload> {
        let lang = self.lang_of(ws);
        ws.as_ref()
            .map_err(Clone::clone)?
            .status()
            .map_err(in_lang(lang))
    }
}

/// A fresh, empty directory inside `dir` for trying a restore; its error in `lang`.
fn tempdir_in(dir: &Path, lang: Lang) -> Result<PathBuf, ErrorPayload> {
    let probe = dir.join(format!(".herstel-{}", uuid::Uuid::new_v4()));
    crate::files::create_private_dir(&probe).map_err(|source| {
        let err = crate::store::StoreError::Io {
            path: probe.clone(),
            source,
        };
        ErrorPayload::localized(&err, lang)
    })?;
    Ok(probe)
}

/// The kinds of things [`App::erase_all`] removes.
enum Removal {
    /// The vault's files (and the lock file, and a plain file of an earlier version): how many.
    VaultFiles(usize),
    /// The vault's key in the keyring.
    Key,
    /// The rollback anchor of a passphrase vault, in the app's config folder.
    Anchor,
    /// The web view's data folder.
    Webview,
    /// The window's state file.
    Window,
    /// An empty folder of the app.
    Folder,
}

/// One line of the erase report: what was removed, in `lang`, and where it was.
fn removed_item(lang: Lang, what: Removal, place: String) -> Removed {
    let what = match what {
        Removal::VaultFiles(1) => tr(lang, "Je gegevens (1 bestand)", "Your data (1 file)"),
        Removal::VaultFiles(n) => match lang {
            Lang::Nl => format!(
                "Je gegevens: het versleutelde dagboek en de bestanden die erbij horen ({n} bestanden)"
            ),
            Lang::En => format!("Your data: the encrypted journal and its files ({n} files)"),
        },
        Removal::Key => tr(
            lang,
            "De sleutel van je gegevens in de sleutelbos",
            "The key to your data in the keyring",
        ),
        Removal::Anchor => tr(
            lang,
            "Het anker van je dagboek (de laatste stand, om een teruggezette oudere kopie te zien)",
            "Your journal's anchor (its last position, to notice an older copy put back)",
        ),
        Removal::Webview => tr(
            lang,
            "Wat het venster van de app bewaarde (cache en opslag van de webweergave)",
            "What the app's window kept (the web view's cache and storage)",
        ),
        Removal::Window => tr(
            lang,
            "De plek en grootte van het venster",
            "The window's position and size",
        ),
        Removal::Folder => tr(lang, "De lege map van Opnamewijs", "Opnamewijs's empty folder"),
    };
    Removed { what, place }
}

/// The data directory chosen on the command line (`--data-dir <path>` or `--data-dir=<path>`) or
/// in `OPNAMEWIJS_DATA_DIR`; `None` means the platform default.
pub fn data_dir_override(
    args: impl IntoIterator<Item = String>,
    env: Option<String>,
) -> Option<PathBuf> {
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            return args.next().map(PathBuf::from);
        }
        if let Some(path) = arg.strip_prefix("--data-dir=") {
            return Some(PathBuf::from(path));
        }
    }
    env.filter(|e| !e.is_empty()).map(PathBuf::from)
}

/// The files named on a command line (what the system passes when the user opens a file with the
/// app, and what a second start hands to the running one): every argument that is not an option
/// and not the value of `--data-dir`, relative ones taken from `cwd`.
pub fn opened_args(args: impl IntoIterator<Item = String>, cwd: Option<&Path>) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut args = args.into_iter();
    while let Some(arg) = args.next() {
        if arg == "--data-dir" {
            args.next();
        } else if !arg.starts_with('-') && !arg.is_empty() {
            let path = PathBuf::from(arg);
            files.push(match cwd {
                Some(cwd) if path.is_relative() => cwd.join(path),
                _ => path,
            });
        }
    }
    files
}
