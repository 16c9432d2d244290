//! IPC adapters: each command takes the shared [`App`], calls one core operation and returns its
//! view or `{code, message}` error. No rules live here.
//!
//! Every command that reaches the core runs it through [`core`], on a blocking thread of the async
//! runtime: waiting for the journal's open or its background check, and every fsync, happen there,
//! never on the window's event loop (a synchronous Tauri command would run on the main thread).

use opnamewijs::app::{Acted, EraseReport};
use opnamewijs::screens::Show;
use opnamewijs::store::Profile;
use opnamewijs::views::{
    AppStatus, AssessmentView, BackupReport, CalendarReport, DeskView, DossierCheckView,
    DossierReport, FileReport, FinderView, OpenedFileView, OpenedImport, ReceiptPreviewView,
    RecordingSummary, RecordingView, SuggestedFolder,
};
use opnamewijs::workspace::*;
use opnamewijs::{App, ErrorPayload};
use std::future::Future;
use std::path::PathBuf;
use tauri::{AppHandle, Manager};

type Reply<T> = Result<T, ErrorPayload>;

/// A passphrase as the user typed it: its memory is wiped when the command is done with it (the
/// core wipes its own copies too).
type Typed = zeroize::Zeroizing<String>;

/// Runs `f` on the shared [`App`] on a blocking thread, off the event loop.
async fn core<T: Send + 'static>(
    app: AppHandle,
    f: impl FnOnce(&App) -> Reply<T> + Send + 'static,
) -> Reply<T> {
    let handle = app.clone();
    let run = move || f(&app.state::<App>());
    tauri::async_runtime::spawn_blocking(run)
        .await
        .unwrap_or_else(|_| Err(handle.state::<App>().interrupted()))
}

#[tauri::command]
pub async fn app_status(app: AppHandle) -> Reply<AppStatus> {
    core(app, |a| a.with(|ws| ws.status())).await
}

#[tauri::command]
pub async fn unlock(app: AppHandle, passphrase: Typed) -> Reply<Acted<AppStatus>> {
    core(app, move |a| a.answered(a.unlock(&passphrase))).await
}

/// The user's yes to importing the unprotected file of an earlier version.
#[tauri::command]
pub async fn import_legacy(app: AppHandle) -> Reply<Acted<AppStatus>> {
    core(app, |a| a.answered(a.import_legacy())).await
}

/// The user goes on with a journal behind its rollback anchor.
#[tauri::command]
pub async fn accept_older_journal(app: AppHandle) -> Reply<Acted<AppStatus>> {
    core(app, |a| a.answered(a.accept_older_journal())).await
}

#[tauri::command]
pub async fn set_profile(app: AppHandle, input: Profile) -> Reply<Acted<AppStatus>> {
    core(app, |a| a.act(|ws| ws.set_profile(input))).await
}

#[tauri::command]
pub async fn list_recordings(app: AppHandle) -> Reply<Vec<RecordingSummary>> {
    core(app, |a| a.with(|ws| ws.list())).await
}

#[tauri::command]
pub async fn get_recording(app: AppHandle, id: String) -> Reply<RecordingView> {
    core(app, move |a| a.with(|ws| ws.view(&id))).await
}

#[tauri::command]
pub async fn create_recording(app: AppHandle, input: NewRecording) -> Reply<Acted<RecordingView>> {
    core(app, |a| a.act(|ws| ws.create(input))).await
}

#[tauri::command]
pub async fn answer_question(app: AppHandle, input: AnswerQuestion) -> Reply<Acted<RecordingView>> {
    core(app, |a| a.act(|ws| ws.answer(input))).await
}

#[tauri::command]
pub async fn set_item(app: AppHandle, input: SetItem) -> Reply<Acted<RecordingView>> {
    core(app, |a| a.act(|ws| ws.set_item(input))).await
}

#[tauri::command]
pub async fn log_event(app: AppHandle, input: LogEvent) -> Reply<Acted<RecordingView>> {
    core(app, |a| a.act(|ws| ws.log_event(input))).await
}

#[tauri::command]
pub async fn confirm_feedback(
    app: AppHandle,
    input: ConfirmFeedback,
) -> Reply<Acted<RecordingView>> {
    core(app, |a| a.act(|ws| ws.confirm_feedback(input))).await
}

#[tauri::command]
pub async fn choose_date(app: AppHandle, input: ChooseDate) -> Reply<Acted<RecordingView>> {
    core(app, |a| a.act(|ws| ws.choose_date(input))).await
}

#[tauri::command]
pub async fn keep_secure_copy(
    app: AppHandle,
    input: KeepSecureCopy,
) -> Reply<Acted<RecordingView>> {
    core(app, |a| a.act(|ws| ws.keep_secure_copy(input))).await
}

#[tauri::command]
pub async fn set_school(app: AppHandle, input: SetSchool) -> Reply<Acted<RecordingView>> {
    core(app, |a| a.act(|ws| ws.set_school(input))).await
}

#[tauri::command]
pub async fn add_copy(app: AppHandle, input: AddCopy) -> Reply<Acted<RecordingView>> {
    core(app, |a| a.act(|ws| ws.add_copy(input))).await
}

#[tauri::command]
pub async fn report_forbidden_share(
    app: AppHandle,
    input: ReportShare,
) -> Reply<Acted<RecordingView>> {
    core(app, |a| a.act(|ws| ws.report_forbidden_share(input))).await
}

#[tauri::command]
pub async fn copy_tasks(app: AppHandle, input: CopyTasks) -> Reply<Acted<RecordingView>> {
    core(app, |a| a.act(|ws| ws.copy_tasks(input))).await
}

#[tauri::command]
pub async fn task_done(app: AppHandle, input: TaskDoneInput) -> Reply<Acted<RecordingView>> {
    core(app, |a| a.act(|ws| ws.task_done(input))).await
}

#[tauri::command]
pub async fn log_share(app: AppHandle, input: LogShare) -> Reply<Acted<RecordingView>> {
    core(app, |a| a.act(|ws| ws.log_share(input))).await
}

#[tauri::command]
pub async fn confirm_deletion(
    app: AppHandle,
    input: ConfirmDeletion,
) -> Reply<Acted<RecordingView>> {
    core(app, |a| a.act(|ws| ws.confirm_deletion(input))).await
}

#[tauri::command]
pub async fn log_incident(app: AppHandle, input: LogIncident) -> Reply<Acted<RecordingView>> {
    core(app, |a| a.act(|ws| ws.log_incident(input))).await
}

#[tauri::command]
pub async fn incident_clock_done(app: AppHandle, input: ClockDone) -> Reply<Acted<RecordingView>> {
    core(app, |a| a.act(|ws| ws.incident_clock_done(input))).await
}

/// The file the user picks in a native dialog (`None` when cancelled), or the path the page gave,
/// which only a test build takes ([`App::path_from_page`]; the end-to-end tests drive no dialog).
async fn chosen<F: Future<Output = Option<rfd::FileHandle>>>(
    app: &AppHandle,
    path: Option<PathBuf>,
    dialog: impl FnOnce() -> F,
) -> Reply<Option<PathBuf>> {
    match path {
        Some(path) => app.state::<App>().path_from_page(path).map(Some),
        None => Ok(dialog().await.map(|file| file.path().to_owned())),
    }
}

#[tauri::command]
pub async fn export_backup(
    app: AppHandle,
    path: Option<PathBuf>,
    passphrase: Typed,
) -> Reply<Option<BackupReport>> {
    let dialog = || save_dialog("opnamewijs.owbackup");
    let Some(path) = chosen(&app, path, dialog).await? else {
        return Ok(None);
    };
    core(app, move |a| {
        a.with(|ws| ws.export_backup(&path, &passphrase)).map(Some)
    })
    .await
}

#[tauri::command]
pub async fn import_backup(
    app: AppHandle,
    path: Option<PathBuf>,
    passphrase: Typed,
) -> Reply<Option<Acted<AppStatus>>> {
    let dialog = || open_dialog("owbackup");
    let Some(path) = chosen(&app, path, dialog).await? else {
        return Ok(None);
    };
    core(app, move |a| {
        a.answered(a.import_backup(&path, &passphrase)).map(Some)
    })
    .await
}

#[tauri::command]
pub async fn export_calendar(
    app: AppHandle,
    path: Option<PathBuf>,
) -> Reply<Option<CalendarReport>> {
    let dialog = || save_dialog("opnamewijs-termijnen.ics");
    let Some(path) = chosen(&app, path, dialog).await? else {
        return Ok(None);
    };
    core(app, move |a| {
        a.with(|ws| ws.export_calendar(&path)).map(Some)
    })
    .await
}

#[tauri::command]
pub async fn erase_all(app: AppHandle, webview: tauri::Webview) -> Reply<EraseReport> {
    let _ = webview.clear_all_browsing_data();
    core(app, |a| a.erase_all()).await
}

/// Closes the window as its close button does; the app then exits (offered after erasing).
#[tauri::command]
pub fn close_window(window: tauri::WebviewWindow) {
    let _ = window.close();
}

#[tauri::command]
pub async fn export_feedback_request(
    app: AppHandle,
    recording: String,
    path: Option<PathBuf>,
) -> Reply<Option<Acted<RecordingView>>> {
    let dialog = || save_dialog("feedbackverzoek.opnamewijs-verzoek");
    let Some(path) = chosen(&app, path, dialog).await? else {
        return Ok(None);
    };
    let input = ExportRequest {
        recording,
        path: path.display().to_string(),
    };
    core(app, |a| {
        a.act(|ws| ws.export_feedback_request(input)).map(Some)
    })
    .await
}

#[tauri::command]
pub async fn preview_feedback_receipt(
    app: AppHandle,
    path: Option<PathBuf>,
) -> Reply<Option<ReceiptPreviewView>> {
    let dialog = || open_dialog(opnamewijs::mentor::RECEIPT_EXTENSION);
    let Some(path) = chosen(&app, path, dialog).await? else {
        return Ok(None);
    };
    core(app, move |a| {
        a.with(|ws| ws.preview_feedback_receipt(&path)?.show(ws))
            .map(Some)
    })
    .await
}

#[tauri::command]
pub async fn accept_feedback_receipt(
    app: AppHandle,
    input: AcceptReceipt,
) -> Reply<Acted<RecordingView>> {
    core(app, |a| a.act(|ws| ws.accept_feedback_receipt(input))).await
}

#[tauri::command]
pub async fn import_feedback_request(
    app: AppHandle,
    path: Option<PathBuf>,
) -> Reply<Option<Acted<DeskView>>> {
    let dialog = || open_dialog(opnamewijs::mentor::REQUEST_EXTENSION);
    let Some(path) = chosen(&app, path, dialog).await? else {
        return Ok(None);
    };
    core(app, move |a| {
        a.act(|ws| ws.import_feedback_request(&path)).map(Some)
    })
    .await
}

#[tauri::command]
pub async fn export_feedback_receipt(
    app: AppHandle,
    request: String,
    path: Option<PathBuf>,
) -> Reply<Option<FileReport>> {
    let dialog = || save_dialog("ontvangstbewijs.opnamewijs-bewijs");
    let Some(path) = chosen(&app, path, dialog).await? else {
        return Ok(None);
    };
    let input = ExportReceipt {
        request,
        path: path.display().to_string(),
    };
    core(app, |a| {
        a.with(|ws| ws.export_feedback_receipt(input)).map(Some)
    })
    .await
}

#[tauri::command]
pub async fn confirm_request(app: AppHandle, input: ConfirmRequest) -> Reply<Acted<DeskView>> {
    core(app, |a| a.act(|ws| ws.confirm_request(input))).await
}

#[tauri::command]
pub async fn get_desk(app: AppHandle) -> Reply<DeskView> {
    core(app, |a| a.with(|ws| ws.desk())).await
}

#[tauri::command]
pub async fn get_assessment(app: AppHandle) -> Reply<AssessmentView> {
    core(app, |a| a.with(|ws| ws.assessment())).await
}

#[tauri::command]
pub async fn select_for_assessment(
    app: AppHandle,
    input: SelectForAssessment,
) -> Reply<Acted<AssessmentView>> {
    core(app, |a| a.act(|ws| ws.select_for_assessment(input))).await
}

#[tauri::command]
pub async fn check_portfolio(app: AppHandle, done: bool) -> Reply<Acted<AssessmentView>> {
    core(app, move |a| a.act(|ws| ws.check_portfolio(done))).await
}

#[tauri::command]
pub async fn assessment_passed(
    app: AppHandle,
    input: AssessmentPassed,
) -> Reply<Acted<AssessmentView>> {
    core(app, |a| a.act(|ws| ws.assessment_passed(input))).await
}

#[tauri::command]
pub async fn assessment_not_passed(
    app: AppHandle,
    input: AssessmentNotPassed,
) -> Reply<Acted<AssessmentView>> {
    core(app, |a| a.act(|ws| ws.assessment_not_passed(input))).await
}

fn save_dialog(name: &str) -> impl Future<Output = Option<rfd::FileHandle>> {
    let stand_in = crate::stand_in::save(name);
    let dialog = rfd::AsyncFileDialog::new().set_file_name(name);
    async move {
        match stand_in {
            Some(path) => Some(path.into()),
            None => dialog.save_file().await,
        }
    }
}

fn open_dialog(extension: &str) -> impl Future<Output = Option<rfd::FileHandle>> {
    let stand_in = crate::stand_in::open(extension);
    let dialog = rfd::AsyncFileDialog::new().add_filter("Opnamewijs", &[extension]);
    async move {
        match stand_in {
            Some(picked) => picked.map(Into::into),
            None => dialog.pick_file().await,
        }
    }
}

/// Checks a dossier PDF (any installation's): its receipts' signatures and its manifest against
/// the printed text.
#[tauri::command]
pub async fn check_dossier(
    app: AppHandle,
    path: Option<PathBuf>,
) -> Reply<Option<DossierCheckView>> {
    let dialog = || open_dialog("pdf");
    let Some(path) = chosen(&app, path, dialog).await? else {
        return Ok(None);
    };
    core(app, move |a| a.with(|ws| ws.check_dossier(&path)).map(Some)).await
}

#[tauri::command]
pub async fn export_dossier(app: AppHandle, path: Option<PathBuf>) -> Reply<Option<DossierReport>> {
    let dialog = || save_dialog("dossier-lesopnamen.pdf");
    let Some(path) = chosen(&app, path, dialog).await? else {
        return Ok(None);
    };
    core(app, move |a| {
        a.with(|ws| ws.export_dossier(&path)).map(Some)
    })
    .await
}

#[tauri::command]
pub async fn export_school_statement(
    app: AppHandle,
    school: String,
    path: Option<PathBuf>,
) -> Reply<Option<FileReport>> {
    let dialog = || save_dialog("verklaring-lesopnamen.pdf");
    let Some(path) = chosen(&app, path, dialog).await? else {
        return Ok(None);
    };
    core(app, move |a| {
        a.with(|ws| ws.export_school_statement(&school, &path))
            .map(Some)
    })
    .await
}

#[tauri::command]
pub async fn export_lesson_day(
    app: AppHandle,
    recording: String,
    path: Option<PathBuf>,
) -> Reply<Option<FileReport>> {
    let dialog = || save_dialog("lesdag.pdf");
    let Some(path) = chosen(&app, path, dialog).await? else {
        return Ok(None);
    };
    core(app, move |a| {
        a.with(|ws| ws.export_lesson_day(&recording, &path))
            .map(Some)
    })
    .await
}

#[tauri::command]
pub async fn finder_suggestions(app: AppHandle) -> Reply<Vec<SuggestedFolder>> {
    let p = app.path();
    let known = [
        p.download_dir(),
        p.desktop_dir(),
        p.video_dir(),
        p.picture_dir(),
    ];
    let home = p.home_dir().ok();
    Ok(app
        .state::<App>()
        .finder_suggestions(home.as_deref(), known.into_iter().flatten().collect()))
}

/// Scans the suggested folders chosen by id, and folders picked in the native dialog (`choose`);
/// a test build may name folders itself (`folders`, refused in a release build).
#[tauri::command]
pub async fn find_leftovers(
    app: AppHandle,
    suggested: Vec<u32>,
    choose: bool,
    folders: Option<Vec<PathBuf>>,
) -> Reply<Option<FinderView>> {
    let state = app.state::<App>();
    let mut chosen: Vec<PathBuf> = folders
        .unwrap_or_default()
        .into_iter()
        .map(|f| state.path_from_page(f))
        .collect::<Reply<_>>()?;
    chosen.extend(state.suggested_folders(&suggested));
    if choose {
        let Some(picked) = rfd::AsyncFileDialog::new().pick_folders().await else {
            return Ok(None);
        };
        chosen.extend(picked.iter().map(|f| f.path().to_owned()));
    }
    core(app, move |a| a.find_leftovers(chosen).map(Some)).await
}

#[tauri::command]
pub fn finder_progress(app: AppHandle) -> u64 {
    app.state::<App>().finder_progress()
}

#[tauri::command]
pub fn cancel_finder(app: AppHandle) {
    app.state::<App>().cancel_finder();
}

#[tauri::command]
pub async fn link_found_file(
    app: AppHandle,
    recording: String,
    hit: u32,
) -> Reply<Acted<RecordingView>> {
    core(app, move |a| a.link_found_file(&recording, hit)).await
}

#[tauri::command]
pub async fn verify_absent(app: AppHandle, input: VerifyAbsent) -> Reply<Acted<RecordingView>> {
    core(app, |a| a.act(|ws| ws.verify_absent(input))).await
}

/// The language of the screens shown while no workspace is open.
#[tauri::command]
pub fn app_language(app: AppHandle) -> opnamewijs::text::Lang {
    app.state::<App>().language()
}

/// The files the system opened with the app that wait for the user, with what each is.
#[tauri::command]
pub async fn opened_files(app: AppHandle) -> Reply<Vec<OpenedFileView>> {
    core(app, |a| Ok(a.opened_files())).await
}

/// Imports an opened file as its kind asks (`passphrase` only for a backup).
#[tauri::command]
pub async fn import_opened(
    app: AppHandle,
    id: u32,
    passphrase: Typed,
) -> Reply<Acted<OpenedImport>> {
    core(app, move |a| a.import_opened(id, &passphrase)).await
}

/// Puts an opened file aside without importing it.
#[tauri::command]
pub fn dismiss_opened(app: AppHandle, id: u32) {
    app.state::<App>().dismiss_opened(id);
}

/// The UI put its first screen in place: the hidden window is shown (see `reveal`).
#[tauri::command]
pub fn first_screen(app: AppHandle) {
    if !crate::reveal::page_report_ignored() {
        crate::reveal::reveal(&app);
    }
}

/// The UI painted its first screen; with `OPNAMEWIJS_BENCH=1` the shell says so, with the
/// moments of the start the page measured (`cargo xtask bench`).
#[tauri::command]
pub fn ui_ready(marks: std::collections::BTreeMap<String, f64>) {
    if std::env::var_os("OPNAMEWIJS_BENCH").is_some_and(|v| v == "1") {
        let marks: Vec<String> = marks.iter().map(|(k, v)| format!("{k}={v:.1}")).collect();
        eprintln!("opnamewijs: ready {}", marks.join(" "));
    }
}
