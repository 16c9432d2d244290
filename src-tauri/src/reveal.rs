//! The main window starts hidden (`"visible": false` in `tauri.conf.json`) and is shown once the
//! page has put its first screen in place.
//!
//! Why: when WebKitGTK draws on its non-composited path (`WEBKIT_DISABLE_COMPOSITING_MODE` or
//! `WEBKIT_DISABLE_DMABUF_RENDERER`, which users set against blank windows on some drivers and in
//! virtual machines), the first GTK draw of a *visible* web view asks the web process for a paint
//! and blocks the UI thread for up to 500 ms. If the web process is at that moment waiting on the
//! UI process itself (for its network-process connection, at the start of the page load), both
//! wait until the 500 ms run out. A window that is shown only after the page has loaded never draws
//! an empty web view, so that wait cannot happen. See `docs/benchmarks.md`.
//!
//! A page that never says it is ready must not leave an invisible app behind: the window is shown
//! anyway [`AFTER_LOAD`] after the page load finished (a page that failed to load or whose script
//! broke), and [`AFTER_START`] after start in any case (a load that never finishes).

use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;
use tauri::webview::PageLoadEvent;
use tauri::{AppHandle, Manager, Runtime, Webview};

/// How long a loaded page may take to report its first screen before the window is shown anyway.
pub const AFTER_LOAD: Duration = Duration::from_millis(1500);
/// The latest moment the window is shown after start, whatever the page did.
pub const AFTER_START: Duration = Duration::from_secs(5);

/// Whether the main window was shown; managed as app state.
#[derive(Default)]
pub struct Shown(AtomicBool);

/// Shows and focuses the main window the first time it is called; later calls do nothing, so a
/// fallback firing after the page's own report does not steal the focus back.
pub fn reveal<R: Runtime>(app: &AppHandle<R>) {
    if app.state::<Shown>().0.swap(true, Ordering::SeqCst) {
        return;
    }
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.show();
        let _ = window.set_focus();
    }
}

/// Brings the window forward at the user's request (a second start, a file opened with the app):
/// shown, unminimized and focused, whether or not the page was ready.
pub fn bring_forward<R: Runtime>(app: &AppHandle<R>) {
    app.state::<Shown>().0.store(true, Ordering::SeqCst);
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.show();
        let _ = window.unminimize();
        let _ = window.set_focus();
    }
}

/// Starts the fallback that shows the window [`AFTER_START`] after start.
pub fn fallback_after_start<R: Runtime>(app: &AppHandle<R>) {
    reveal_after(app.clone(), AFTER_START);
}

/// `Builder::on_page_load` hook: once a page load finished, the page has [`AFTER_LOAD`] to report.
pub fn on_page_load<R: Runtime>(webview: &Webview<R>, event: PageLoadEvent) {
    if event == PageLoadEvent::Finished {
        reveal_after(webview.app_handle().clone(), AFTER_LOAD);
    }
}

fn reveal_after<R: Runtime>(app: AppHandle<R>, delay: Duration) {
    std::thread::spawn(move || {
        std::thread::sleep(delay);
        reveal(&app);
    });
}

/// Whether the page's report of its first screen is ignored: only in the build the end-to-end
/// tests drive (feature `e2e`), to test the fallback with a page that never reports.
pub fn page_report_ignored() -> bool {
    cfg!(feature = "e2e")
        && std::env::var_os("OPNAMEWIJS_E2E_SILENT_PAGE").is_some_and(|v| v == "1")
}
