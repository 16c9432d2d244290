//! Stand-ins for the native file dialogs, only in the build the end-to-end tests drive (feature
//! `e2e`): WebDriver cannot reach a GTK dialog, and a keyboard-only journey must press the same
//! buttons a user presses. With `OPNAMEWIJS_E2E_DIALOG_DIR` set to a folder, a save dialog answers
//! `<folder>/<suggested name>` and an open dialog the first file in the folder (by name) with the
//! asked extension. A release build never has them; without the variable the real dialog opens.

use std::path::PathBuf;

fn folder() -> Option<PathBuf> {
    if !cfg!(feature = "e2e") {
        return None;
    }
    std::env::var_os("OPNAMEWIJS_E2E_DIALOG_DIR").map(PathBuf::from)
}

/// Where a save dialog that suggests `name` saves, when a stand-in answers it.
pub fn save(name: &str) -> Option<PathBuf> {
    folder().map(|dir| dir.join(name))
}

/// Which file an open dialog for `extension` picks, when a stand-in answers it (`None` in the
/// folder: as if cancelled).
pub fn open(extension: &str) -> Option<Option<PathBuf>> {
    let dir = folder()?;
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == extension))
        .collect();
    files.sort();
    Some(files.into_iter().next())
}
