//! Generates the app's own command permissions, so the capability file must list each one.

/// Every command the UI may call; keep in sync with `generate_handler!` in `main.rs`.
const COMMANDS: &[&str] = &[
    "app_status",
    "unlock",
    "import_legacy",
    "accept_older_journal",
    "set_profile",
    "list_recordings",
    "get_recording",
    "create_recording",
    "answer_question",
    "set_item",
    "log_event",
    "confirm_feedback",
    "choose_date",
    "keep_secure_copy",
    "set_school",
    "log_share",
    "export_school_statement",
    "export_lesson_day",
    "finder_suggestions",
    "find_leftovers",
    "finder_progress",
    "cancel_finder",
    "link_found_file",
    "verify_absent",
    "add_copy",
    "report_forbidden_share",
    "copy_tasks",
    "task_done",
    "assessment_not_passed",
    "confirm_deletion",
    "log_incident",
    "incident_clock_done",
    "export_backup",
    "import_backup",
    "erase_all",
    "close_window",
    "export_calendar",
    "export_feedback_request",
    "preview_feedback_receipt",
    "accept_feedback_receipt",
    "import_feedback_request",
    "export_feedback_receipt",
    "confirm_request",
    "get_desk",
    "get_assessment",
    "select_for_assessment",
    "check_portfolio",
    "assessment_passed",
    "export_dossier",
    "first_screen",
    "ui_ready",
];

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(COMMANDS)),
    )
    .expect("tauri build script failed");
}
