//! IPC adapters: each command takes the shared [`App`], calls one core operation and returns its
//! view or `{code, message}` error. No rules live here.

use opnamewijs::store::Profile;
use opnamewijs::views::{AppStatus, RecordingSummary, RecordingView};
use opnamewijs::workspace::*;
use opnamewijs::{App, ErrorPayload};
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
