//! Opnamewijs desktop shell: opens the core's workspace in the user's data directory and exposes
//! it to the UI through thin commands (see `commands.rs`).

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;
mod opened;
mod reveal;
mod stand_in;

use opnamewijs::app::{data_dir_override, AppDirs, Layout};
use opnamewijs::clock::SystemClock;
use opnamewijs::vault::OsKeyring;
use opnamewijs::App;
use std::sync::Arc;
use std::time::Duration;
use tauri::{Manager, RunEvent};
use tauri_plugin_notification::NotificationExt;
use tauri_plugin_window_state::StateFlags;

/// How often the core is asked for new reminders.
const REMINDER_INTERVAL: Duration = Duration::from_secs(60);
/// When the first reminders are shown after start.
const FIRST_REMINDER_AFTER: Duration = Duration::from_secs(3);

fn main() {
    let chosen_dir = data_dir_override(
        std::env::args().skip(1),
        std::env::var("OPNAMEWIJS_DATA_DIR").ok(),
    );
    let mut builder = tauri::Builder::default();
    // One window on the user's own data; a second start brings it to the front. An explicit data
    // directory is a deliberate separate installation (a mentor's next to a student's, tests),
    // which the journal's lock already keeps to one writer.
    if chosen_dir.is_none() {
        builder = builder.plugin(tauri_plugin_single_instance::init(opened::second_start));
    }
    // The window starts hidden and is shown by `reveal` once the page drew its first screen, so
    // the window-state plugin restores size and position but never the visibility.
    let window_state = StateFlags::all() - StateFlags::VISIBLE;
    builder
        .plugin(
            tauri_plugin_window_state::Builder::default()
                .with_state_flags(window_state)
                .build(),
        )
        .plugin(tauri_plugin_notification::init())
        .manage(reveal::Shown::default())
        .on_page_load(|webview, payload| reveal::on_page_load(webview, payload.event()))
        .setup(move |app| {
            reveal::fallback_after_start(app.handle());
            let paths = app.path();
            let dirs = AppDirs {
                data: paths.app_data_dir()?,
                local_data: paths.app_local_data_dir()?,
                config: paths.app_config_dir()?,
                cache: paths.app_cache_dir()?,
            };
            let state_file = tauri_plugin_window_state::DEFAULT_FILENAME;
            let layout = Layout::desktop(dirs, chosen_dir, state_file);
            open_window(app, &layout)?;
            // The journal is opened while the window loads; commands wait for it.
            app.manage(App::opening_in(
                layout,
                Arc::new(SystemClock),
                Arc::new(OsKeyring::new()),
            ));
            // A new installation starts in the computer's language (Dutch for nl-*, else English).
            let locale = sys_locale::get_locale().unwrap_or_default();
            app.state::<App>()
                .set_system_language(opnamewijs::text::Lang::from_locale(&locale));
            // A file the system opened the app with waits for the page to ask for it.
            let cwd = std::env::current_dir().ok();
            let args = std::env::args().skip(1).collect();
            opened::from_args(app.handle(), args, cwd.as_deref());
            let handle = app.handle().clone();
            std::thread::spawn(move || {
                handle.state::<App>().finish_open();
                remind(&handle);
            });
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::unlock,
            commands::import_legacy,
            commands::accept_older_journal,
            commands::set_profile,
            commands::list_recordings,
            commands::get_recording,
            commands::create_recording,
            commands::answer_question,
            commands::set_item,
            commands::log_event,
            commands::confirm_feedback,
            commands::choose_date,
            commands::keep_secure_copy,
            commands::set_school,
            commands::log_share,
            commands::export_school_statement,
            commands::export_lesson_day,
            commands::finder_suggestions,
            commands::find_leftovers,
            commands::finder_progress,
            commands::cancel_finder,
            commands::link_found_file,
            commands::verify_absent,
            commands::add_copy,
            commands::report_forbidden_share,
            commands::copy_tasks,
            commands::task_done,
            commands::assessment_not_passed,
            commands::confirm_deletion,
            commands::log_incident,
            commands::incident_clock_done,
            commands::export_backup,
            commands::import_backup,
            commands::erase_all,
            commands::close_window,
            commands::export_calendar,
            commands::export_feedback_request,
            commands::preview_feedback_receipt,
            commands::accept_feedback_receipt,
            commands::import_feedback_request,
            commands::export_feedback_receipt,
            commands::confirm_request,
            commands::get_desk,
            commands::get_assessment,
            commands::select_for_assessment,
            commands::check_portfolio,
            commands::assessment_passed,
            commands::export_dossier,
            commands::app_language,
            commands::opened_files,
            commands::import_opened,
            commands::dismiss_opened,
            commands::check_dossier,
            commands::first_screen,
            commands::ui_ready,
        ])
        .build(tauri::generate_context!())
        .expect("Opnamewijs could not start")
        .run(|handle, event| match event {
            // After the window-state plugin saved the window (plugins see the event first).
            RunEvent::Exit => {
                if let Some(app) = handle.try_state::<App>() {
                    for left in app.at_exit() {
                        eprintln!("Opnamewijs: not erased: {}", left.display());
                    }
                }
            }
            // macOS hands documents opened with the app (double-click, "Open with") as URLs.
            #[cfg(target_os = "macos")]
            RunEvent::Opened { urls } => {
                let files = urls.iter().filter_map(|u| u.to_file_path().ok()).collect();
                opened::hand_over(handle, files);
            }
            _ => {}
        });
}

/// Opens the main window of `tauri.conf.json` (which does not create it itself) with the web
/// view's data in its own folder, apart from the vault's.
fn open_window(app: &tauri::App, layout: &Layout) -> tauri::Result<()> {
    layout.prepare()?;
    let config = &app.config().app.windows[0];
    let mut window = tauri::WebviewWindowBuilder::from_config(app.handle(), config)?;
    if let Some(dir) = &layout.webview_dir {
        window = window.data_directory(dir.clone());
    }
    window.build()?;
    Ok(())
}

/// Shows the core's new reminders as OS notifications, shortly after start and every minute
/// after. The first check waits a moment so it does not compete with the dashboard's first load.
fn remind(handle: &tauri::AppHandle) {
    std::thread::sleep(FIRST_REMINDER_AFTER);
    loop {
        for reminder in handle.state::<App>().new_reminders() {
            let note = handle.notification().builder();
            let _ = note.title(reminder.title).body(reminder.body).show();
        }
        std::thread::sleep(REMINDER_INTERVAL);
    }
}
