//! IPC adapters: each command takes the shared [`App`], calls one core operation and returns its
//! view or `{code, message}` error. No rules live here.

use opnamewijs::app::EraseReport;
use opnamewijs::store::Profile;
use opnamewijs::views::{
    AppStatus, AssessmentView, BackupReport, CalendarReport, DeskView, FileReport,
    RecordingSummary, RecordingView,
};
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
    let dialog = || save_dialog("opnamewijs.owbackup");
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
    let dialog = || open_dialog("owbackup");
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
    let dialog = || save_dialog("opnamewijs-termijnen.ics");
    let Some(path) = chosen(path, dialog).await else {
        return Ok(None);
    };
    app.with(|ws| ws.export_calendar(&path)).map(Some)
}

#[tauri::command]
pub fn erase_all(app: State<'_, App>) -> Reply<EraseReport> {
    app.erase_all()
}

#[tauri::command]
pub async fn export_feedback_request(
    app: State<'_, App>,
    recording: String,
    path: Option<PathBuf>,
) -> Reply<Option<FileReport>> {
    let dialog = || save_dialog("feedbackverzoek.opnamewijs-verzoek");
    let Some(path) = chosen(path, dialog).await else {
        return Ok(None);
    };
    let path = path.display().to_string();
    app.with(|ws| ws.export_feedback_request(ExportRequest { recording, path }))
        .map(Some)
}

#[tauri::command]
pub async fn import_feedback_receipt(
    app: State<'_, App>,
    path: Option<PathBuf>,
) -> Reply<Option<RecordingView>> {
    let dialog = || open_dialog(opnamewijs::mentor::RECEIPT_EXTENSION);
    let Some(path) = chosen(path, dialog).await else {
        return Ok(None);
    };
    app.with(|ws| ws.import_feedback_receipt(&path)).map(Some)
}

#[tauri::command]
pub async fn import_feedback_request(
    app: State<'_, App>,
    path: Option<PathBuf>,
) -> Reply<Option<DeskView>> {
    let dialog = || open_dialog(opnamewijs::mentor::REQUEST_EXTENSION);
    let Some(path) = chosen(path, dialog).await else {
        return Ok(None);
    };
    app.with(|ws| ws.import_feedback_request(&path)).map(Some)
}

#[tauri::command]
pub async fn export_feedback_receipt(
    app: State<'_, App>,
    request: String,
    path: Option<PathBuf>,
) -> Reply<Option<FileReport>> {
    let dialog = || save_dialog("ontvangstbewijs.opnamewijs-bewijs");
    let Some(path) = chosen(path, dialog).await else {
        return Ok(None);
    };
    let path = path.display().to_string();
    app.with(|ws| ws.export_feedback_receipt(ExportReceipt { request, path }))
        .map(Some)
}

#[tauri::command]
pub fn confirm_request(app: State<'_, App>, input: ConfirmRequest) -> Reply<DeskView> {
    app.with(|ws| ws.confirm_request(input))
}

#[tauri::command]
pub fn get_desk(app: State<'_, App>) -> Reply<DeskView> {
    app.with(|ws| ws.desk())
}

#[tauri::command]
pub fn get_assessment(app: State<'_, App>) -> Reply<AssessmentView> {
    app.with(|ws| ws.assessment())
}

#[tauri::command]
pub fn select_for_assessment(
    app: State<'_, App>,
    input: SelectForAssessment,
) -> Reply<AssessmentView> {
    app.with(|ws| ws.select_for_assessment(input))
}

#[tauri::command]
pub fn check_portfolio(app: State<'_, App>, done: bool) -> Reply<AssessmentView> {
    app.with(|ws| ws.check_portfolio(done))
}

#[tauri::command]
pub fn assessment_passed(app: State<'_, App>, input: AssessmentPassed) -> Reply<AssessmentView> {
    app.with(|ws| ws.assessment_passed(input))
}

fn save_dialog(name: &str) -> impl Future<Output = Option<rfd::FileHandle>> {
    rfd::AsyncFileDialog::new().set_file_name(name).save_file()
}

fn open_dialog(extension: &str) -> impl Future<Output = Option<rfd::FileHandle>> {
    rfd::AsyncFileDialog::new()
        .add_filter("Opnamewijs", &[extension])
        .pick_file()
}

#[tauri::command]
pub async fn export_dossier(
    app: State<'_, App>,
    path: Option<PathBuf>,
) -> Reply<Option<DossierReport>> {
    let dialog = || save_dialog("dossier-lesopnamen.pdf");
    let Some(path) = chosen(path, dialog).await else {
        return Ok(None);
    };
    app.with(|ws| ws.export_dossier(&path)).map(Some)
}

/// The UI put its first screen in place: the hidden window is shown (see `reveal`).
#[tauri::command]
pub fn first_screen(app: tauri::AppHandle) {
    if !crate::reveal::page_report_ignored() {
        crate::reveal::reveal(&app);
    }
}

/// The UI painted its first screen; with `OPNAMEWIJS_BENCH=1` the shell says so (`cargo xtask bench`).
#[tauri::command]
pub fn ui_ready() {
    if std::env::var_os("OPNAMEWIJS_BENCH").is_some_and(|v| v == "1") {
        eprintln!("opnamewijs: ready");
    }
}
