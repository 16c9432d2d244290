//! Hello world in Tauri v2: one window with one static page that reports its first paint. The
//! baseline `cargo xtask bench` measures Opnamewijs against.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

/// The page is in place: show the window, which starts hidden like Opnamewijs's.
#[tauri::command]
fn shown(window: tauri::WebviewWindow) {
    let _ = window.show();
    let _ = window.set_focus();
}

/// The page painted its first screen; reported like Opnamewijs's `ui_ready`, with the moments
/// of the start the page measured.
#[tauri::command]
fn ready(marks: std::collections::BTreeMap<String, f64>) {
    if std::env::var_os("OPNAMEWIJS_BENCH").is_some_and(|v| v == "1") {
        let marks: Vec<String> = marks.iter().map(|(k, v)| format!("{k}={v:.1}")).collect();
        eprintln!("opnamewijs: ready {}", marks.join(" "));
    }
}

fn main() {
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![shown, ready])
        .run(tauri::generate_context!())
        .expect("the hello-world baseline could not start");
}
