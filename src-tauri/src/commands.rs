//! IPC adapters: each command takes the shared [`App`], calls one core operation and returns its
//! view or `{code, message}` error. No rules live here.

use opnamewijs::app::EraseReport;
use opnamewijs::store::Profile;
use opnamewijs::views::{AppStatus, BackupReport, CalendarReport, RecordingSummary, RecordingView};
use opnamewijs::workspace::*;
use opnamewijs::{App, ErrorPayload};
use std::future::Future;
use std::path::PathBuf;
use tauri::State;

type Reply<T> = Result<T, ErrorPayload>;

#[tauri::command]
pub fn app_status(app: State<'_, App>) -> Reply<AppStatus> {
    app.with(|ws| ws.status())
}

#[tauri::command]
pub fn unlock(app: State<'_, App>, passphrase: String) -> Reply<AppStatus> {
    app.unlock(&passphrase)
}

#[tauri::command]
pub fn set_profile(app: State<'_, App>, input: Profile) -> Reply<AppStatus> {
    app.with(|ws| ws.set_profile(input))
}

#[tauri::command]
pub fn list_recordings(app: State<'_, App>) -> Reply<Vec<RecordingSummary>> {
    app.with(|ws| ws.list())
}

#[tauri::command]
pub fn get_recording(app: State<'_, App>, id: String) -> Reply<RecordingView> {
    app.with(|ws| ws.view(&id))
}

#[tauri::command]
pub fn create_recording(app: State<'_, App>, input: NewRecording) -> Reply<RecordingView> {
    app.with(|ws| ws.create(input))
}

#[tauri::command]
pub fn answer_question(app: State<'_, App>, input: AnswerQuestion) -> Reply<RecordingView> {
    app.with(|ws| ws.answer(input))
}

#[tauri::command]
pub fn set_item(app: State<'_, App>, input: SetItem) -> Reply<RecordingView> {
    app.with(|ws| ws.set_item(input))
}

#[tauri::command]
pub fn log_event(app: State<'_, App>, input: LogEvent) -> Reply<RecordingView> {
    app.with(|ws| ws.log_event(input))
}

#[tauri::command]
pub fn confirm_feedback(app: State<'_, App>, input: ConfirmFeedback) -> Reply<RecordingView> {
    app.with(|ws| ws.confirm_feedback(input))
}

#[tauri::command]
pub fn choose_date(app: State<'_, App>, input: ChooseDate) -> Reply<RecordingView> {
    app.with(|ws| ws.choose_date(input))
}

#[tauri::command]
pub fn log_share(app: State<'_, App>, input: LogShare) -> Reply<RecordingView> {
    app.with(|ws| ws.log_share(input))
}

#[tauri::command]
pub fn confirm_deletion(app: State<'_, App>, input: ConfirmDeletion) -> Reply<RecordingView> {
    app.with(|ws| ws.confirm_deletion(input))
}

#[tauri::command]
pub fn log_incident(app: State<'_, App>, input: LogIncident) -> Reply<RecordingView> {
    app.with(|ws| ws.log_incident(input))
}

#[tauri::command]
pub fn incident_clock_done(app: State<'_, App>, input: ClockDone) -> Reply<RecordingView> {
    app.with(|ws| ws.incident_clock_done(input))
}

/// The path the caller gave (tests, WebDriver), or else the one the user picks in a native dialog;
/// `None` when the dialog was cancelled.
async fn chosen<F: Future<Output = Option<rfd::FileHandle>>>(
    path: Option<PathBuf>,
    dialog: impl FnOnce() -> F,
) -> Option<PathBuf> {
    match path {
        Some(path) => Some(path),
        None => dialog().await.map(|file| file.path().to_owned()),
    }
}

#[tauri::command]
pub async fn export_backup(
    app: State<'_, App>,
    path: Option<PathBuf>,
    passphrase: String,
) -> Reply<Option<BackupReport>> {
    let dialog = || {
        rfd::AsyncFileDialog::new()
            .set_file_name("opnamewijs.owbackup")
            .save_file()
    };
    let Some(path) = chosen(path, dialog).await else {
        return Ok(None);
    };
    app.with(|ws| ws.export_backup(&path, &passphrase))
        .map(Some)
}

#[tauri::command]
pub async fn import_backup(
    app: State<'_, App>,
    path: Option<PathBuf>,
    passphrase: String,
) -> Reply<Option<AppStatus>> {
    let dialog = || {
        rfd::AsyncFileDialog::new()
            .add_filter("Opnamewijs", &["owbackup"])
            .pick_file()
    };
    let Some(path) = chosen(path, dialog).await else {
        return Ok(None);
    };
    app.import_backup(&path, &passphrase).map(Some)
}

#[tauri::command]
pub async fn export_calendar(
    app: State<'_, App>,
    path: Option<PathBuf>,
) -> Reply<Option<CalendarReport>> {
    let dialog = || {
        rfd::AsyncFileDialog::new()
            .set_file_name("opnamewijs-termijnen.ics")
            .save_file()
    };
    let Some(path) = chosen(path, dialog).await else {
        return Ok(None);
    };
    app.with(|ws| ws.export_calendar(&path)).map(Some)
}

#[tauri::command]
pub fn erase_all(app: State<'_, App>) -> Reply<EraseReport> {
    app.erase_all()
}
