//! Where the desktop app keeps things on this computer, and removing the places outside the vault
//! when everything is erased.
//!
//! The vault has a folder of its own (the platform's data folder for the app, or one chosen with
//! `--data-dir`). What the window keeps lives apart from it: the web view's data (WebKit's caches,
//! cookie and storage files; the app keeps nothing there itself) in the app's cache folder, and
//! the window's size and position in a file in the app's config folder. Erasing removes both; as
//! the web view keeps working while the app is open and the window's state is written when it
//! closes, both are removed once more when the app exits after an erase ([`Layout::sweep`]).

use serde::Serialize;
use std::path::{Path, PathBuf};

/// The folder for the web view's data inside the app's cache folder.
pub const WEBVIEW_DIR: &str = "webview";

/// What WebKitGTK and WebView2 keep in a web view's data folder. Earlier versions let them keep it
/// in the app's local data folder, which on Linux is the vault's; these names are removed from
/// there (see [`Layout::prepare`]).
const EARLIER_WEBVIEW_FILES: &[&str] = &[
    "CacheStorage",
    "WebKitCache",
    "cookies",
    "databases",
    "deviceidhashsalts",
    "hsts-storage.sqlite",
    "indexeddb",
    "itp",
    "localstorage",
    "mediakeys",
    "serviceworkers",
    "storage",
    "EBWebView",
];

/// The platform's folders for this app, each named after it: on Linux `$XDG_DATA_HOME/<id>`
/// (data and local data), `$XDG_CONFIG_HOME/<id>` and `$XDG_CACHE_HOME/<id>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppDirs {
    /// Where the vault lives unless another folder is chosen.
    pub data: PathBuf,
    /// Where the web view kept its data in earlier versions (on Windows not roaming).
    pub local_data: PathBuf,
    /// Where the window's state file goes.
    pub config: PathBuf,
    /// Where the web view's data goes.
    pub cache: PathBuf,
}

/// The places the app writes to on this computer, apart from the files the user exports.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Layout {
    /// The vault's folder: journal, head, key file, snapshot, lock file, extra policy packs.
    pub data_dir: PathBuf,
    /// The web view's own folder (WebKit's caches and storage), apart from the vault's.
    pub webview_dir: Option<PathBuf>,
    /// The file in which the window's size and position are kept.
    pub window_state: Option<PathBuf>,
    /// The app's own folders (each named after the app), removed by erasing once they are empty.
    pub app_dirs: Vec<PathBuf>,
    /// What the web view of an earlier version may have left outside its folder.
    pub earlier_webview: Vec<PathBuf>,
    /// Where the rollback anchor of a passphrase vault is kept (the app's config folder, outside
    /// the data directory); `None`: such a vault has no anchor.
    pub anchor_dir: Option<PathBuf>,
}

impl Layout {
    /// Only a vault folder, no window: the core on its own (tests, benchmarks).
    pub fn data_only(data_dir: &Path) -> Layout {
        Layout {
            data_dir: data_dir.to_owned(),
            webview_dir: None,
            window_state: None,
            app_dirs: Vec::new(),
            earlier_webview: Vec::new(),
            anchor_dir: None,
        }
    }

    /// The desktop app's layout in the platform's folders for this app: the vault in `dirs.data`,
    /// or in the folder `chosen` instead (then `dirs.data` is not this installation's); the web
    /// view's data in `cache/webview` (on macOS, where WKWebView chooses its folders itself, the
    /// whole of `cache`); the window's state in `config/<window_state_file>`. The web view and the
    /// window's state are the app's, shared by installations in chosen folders.
    pub fn desktop(dirs: AppDirs, chosen: Option<PathBuf>, window_state_file: &str) -> Layout {
        let AppDirs {
            data,
            local_data,
            config,
            cache,
        } = dirs;
        // A chosen folder is another installation: the platform's data folder is not its own.
        let app_dirs = match chosen {
            Some(_) => vec![config.clone(), cache.clone()],
            None => vec![data.clone(), config.clone(), cache.clone()],
        };
        // WKWebView (macOS) has no data folder to choose: it keeps its caches, and the system its
        // URL cache, in the app's cache folder, which is then the web view's folder as a whole.
        let webview_dir = if cfg!(target_os = "macos") {
            cache.clone()
        } else {
            cache.join(WEBVIEW_DIR)
        };
        Layout {
            data_dir: chosen.unwrap_or(data),
            webview_dir: Some(webview_dir),
            window_state: Some(config.join(window_state_file)),
            anchor_dir: Some(config.clone()),
            app_dirs,
            earlier_webview: EARLIER_WEBVIEW_FILES
                .iter()
                .map(|name| local_data.join(name))
                .collect(),
        }
    }

    /// Before the window opens: removes what the web view of an earlier version left in the app's
    /// local data folder (on Linux the vault's), and creates the web view's folder and the folder
    /// of the window's state file, each open to the user only (see
    /// [`crate::files::create_private_dir`]). Folders that exist are left as they are.
    pub fn prepare(&self) -> std::io::Result<()> {
        remove_all(&self.earlier_webview);
        let state_dir = self.window_state.as_deref().and_then(Path::parent);
        for dir in [self.webview_dir.as_deref(), state_dir]
            .into_iter()
            .flatten()
        {
            crate::files::create_private_dir(dir)?;
        }
        Ok(())
    }

    /// Removes the web view's data and the window's state, then the app's own folders that are
    /// empty after that (the vault's folder too, once the vault is erased). Answers what was
    /// there and is gone now. Something that cannot be removed now is left to the next sweep: the
    /// web view may hold its files open, or write them again, while the app is open.
    pub fn sweep(&self) -> Vec<Swept> {
        let webview = self.earlier_webview.iter().chain(&self.webview_dir);
        let mut swept: Vec<Swept> = remove_all(webview)
            .into_iter()
            .map(Swept::WebviewData)
            .collect();
        swept.extend(
            remove_all(&self.window_state)
                .into_iter()
                .map(Swept::WindowState),
        );
        let parents = [&self.webview_dir, &self.window_state]
            .into_iter()
            .flatten()
            .filter_map(|p| p.parent());
        let mut dirs: Vec<&Path> = parents
            .chain(self.app_dirs.iter().map(|d| d.as_path()))
            .collect();
        dirs.push(&self.data_dir);
        dirs.dedup();
        for dir in dirs {
            // Only an empty folder is removed; anything in it is somebody's and stays.
            if self.owns(dir) && dir.exists() && std::fs::remove_dir(dir).is_ok() {
                swept.push(Swept::Folder(dir.to_owned()));
            }
        }
        swept
    }

    /// What is still there of the places outside the vault: the web view's data, the window's
    /// state, and anything in the app's own folders (the vault's folder is the vault's to report).
    pub fn remains(&self) -> Vec<PathBuf> {
        let mut left: Vec<PathBuf> = [&self.webview_dir, &self.window_state]
            .into_iter()
            .flatten()
            .filter(|p| p.exists())
            .cloned()
            .collect();
        for dir in self.app_dirs.iter().filter(|d| **d != self.data_dir) {
            let Ok(entries) = std::fs::read_dir(dir) else {
                continue;
            };
            for entry in entries.flatten() {
                let path = entry.path();
                // Rollback anchors of other installations (other data folders) live here too;
                // this one's is removed and checked before (see `App::erase_all`).
                if entry.file_name().to_string_lossy().starts_with("anchor-") {
                    continue;
                }
                if !left.iter().any(|l| path.starts_with(l)) {
                    left.push(path);
                }
            }
        }
        left.sort();
        left.dedup();
        left
    }

    /// Whether `dir` is one of the app's own folders (or the web view's), which may be removed
    /// when empty.
    fn owns(&self, dir: &Path) -> bool {
        dir == self.data_dir
            || self.app_dirs.iter().any(|d| d == dir)
            || self.webview_dir.as_deref() == Some(dir)
    }
}

/// Removes each of `paths` that exists, file or folder (a link itself, not what it points to);
/// answers those it removed.
fn remove_all<'p>(paths: impl IntoIterator<Item = &'p PathBuf>) -> Vec<PathBuf> {
    let mut removed = Vec::new();
    for path in paths {
        let gone = match std::fs::symlink_metadata(path) {
            Ok(meta) if meta.is_dir() => std::fs::remove_dir_all(path),
            Ok(_) => std::fs::remove_file(path),
            Err(_) => continue,
        };
        if gone.is_ok() {
            removed.push(path.clone());
        }
    }
    removed
}

/// Something [`Layout::sweep`] removed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Swept {
    /// The web view's data folder.
    WebviewData(PathBuf),
    /// The window's state file.
    WindowState(PathBuf),
    /// An empty folder of the app.
    Folder(PathBuf),
}

/// One thing erasing removed, worded for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ts_rs::TS)]
#[ts(export)]
pub struct Removed {
    /// What it was, in the user's language.
    pub what: String,
    /// Where it was: a file or folder, or the keyring entry.
    pub place: String,
}
