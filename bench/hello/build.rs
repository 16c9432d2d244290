//! Generates the permission for the one command, as the app's build script does.

fn main() {
    tauri_build::try_build(
        tauri_build::Attributes::new()
            .app_manifest(tauri_build::AppManifest::new().commands(&["shown", "ready"])),
    )
    .expect("tauri build script failed");
}
