//! Opnamewijs desktop shell: opens the core's workspace in the user's data directory and exposes
//! it to the UI through thin commands (see `commands.rs`).

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod commands;

use opnamewijs::clock::SystemClock;
use opnamewijs::vault::OsKeyring;
use opnamewijs::workspace::data_dir_override;
use opnamewijs::App;
use std::sync::Arc;
use tauri::Manager;

fn main() {
    tauri::Builder::default()
        .setup(|app| {
            let dir = match data_dir_override(
                std::env::args().skip(1),
                std::env::var("OPNAMEWIJS_DATA_DIR").ok(),
            ) {
                Some(dir) => dir,
                None => app.path().app_data_dir()?,
            };
            app.manage(App::open(
                &dir,
                Arc::new(SystemClock),
                Arc::new(OsKeyring::new()),
            ));
            Ok(())
        })
        .invoke_handler(tauri::generate_handler![
            commands::app_status,
            commands::unlock,
            commands::set_profile,
            commands::list_recordings,
            commands::get_recording,
            commands::create_recording,
            commands::answer_question,
            commands::set_item,
            commands::log_event,
            commands::confirm_feedback,
            commands::choose_date,
            commands::log_share,
            commands::confirm_deletion,
            commands::log_incident,
            commands::incident_clock_done,
            commands::export_backup,
            commands::import_backup,
            commands::erase_all,
            commands::export_calendar,
        ])
        .run(tauri::generate_context!())
        .expect("Opnamewijs could not start");
}
