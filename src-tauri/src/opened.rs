//! Files the system opens with the app: named on the command line of the first start (Linux and
//! Windows pass a double-clicked file that way), handed over by a second start through the
//! single-instance plugin, or (macOS) sent as an "open documents" event. Each goes to the core,
//! which keeps it until the user imports it or puts it aside; the page is then nudged to ask.

use opnamewijs::app::opened_args;
use opnamewijs::App;
use std::path::{Path, PathBuf};
use tauri::{AppHandle, Manager, Runtime};

/// The event the page listens for on `window`: "an opened file waits, ask for it". It carries no
/// data (the page asks the core through its own command), so it needs no capability.
const NUDGE: &str = "window.dispatchEvent(new Event('opnamewijs-opened'))";

/// Hands the files of a command line (`args` without the program) to the core.
pub fn from_args<R: Runtime>(app: &AppHandle<R>, args: Vec<String>, cwd: Option<&Path>) {
    hand_over(app, opened_args(args, cwd));
}

/// The single-instance plugin's callback: a second start brings this window forward with the
/// files it was given.
pub fn second_start<R: Runtime>(app: &AppHandle<R>, argv: Vec<String>, cwd: String) {
    let files = opened_args(argv.into_iter().skip(1), Some(Path::new(&cwd)));
    hand_over(app, files);
    crate::reveal::bring_forward(app);
}

/// Gives `files` to the core and, if there were any, nudges the page.
pub fn hand_over<R: Runtime>(app: &AppHandle<R>, files: Vec<PathBuf>) {
    let Some(state) = app.try_state::<App>() else {
        return;
    };
    if files.is_empty() {
        return;
    }
    for file in files {
        state.file_opened(file);
    }
    if let Some(window) = app.get_webview_window("main") {
        let _ = window.eval(NUDGE);
    }
}
