//! `cargo xtask bundle`: the Linux installer (`.deb`) of the release app, checked with `dpkg-deb`.
//!
//! The Tauri CLI comes from the UI's npm dev dependencies (`@tauri-apps/cli` ships a prebuilt
//! binary as an npm package), so a fresh machine needs nothing beyond `npm install`. The release
//! binary is built once with cargo; `tauri bundle` only packages it. The msi and dmg targets stay
//! in `tauri.conf.json` for builds on Windows and macOS.

use super::{ensure_system_packages, ensure_ui_packages, npm, sh, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Builds the UI and the release app, then the `.deb`; returns its path.
pub fn bundle(root: &Path) -> Result<PathBuf> {
    ensure_system_packages()?;
    ensure_ui_packages(root)?;
    npm(root, &["run", "build"])?;
    crate::build_embedded(root, "opnamewijs-app", true)?;
    let deb = deb(root)?;
    println!("{}", deb.display());
    Ok(deb)
}

/// The cargo target directory (`CARGO_TARGET_DIR`, else `target/`).
pub fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root.join(dir),
        None => root.join("target"),
    }
}

/// Packages the already built release binary as a `.deb` and checks what is in it.
pub fn deb(root: &Path) -> Result<PathBuf> {
    let tauri = root.join("ui/node_modules/.bin/tauri");
    if !tauri.exists() {
        return Err(format!(
            "{} is missing: run `npm install` in ui/",
            tauri.display()
        ));
    }
    let out_dir = target_dir(root).join("release/bundle/deb");
    let _ = std::fs::remove_dir_all(&out_dir);
    sh(Command::new(&tauri)
        .current_dir(root.join("src-tauri"))
        .args(["bundle", "--bundles", "deb"]))?;
    let deb = std::fs::read_dir(&out_dir)
        .map_err(|e| format!("{}: {e}", out_dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .find(|p| p.extension().is_some_and(|x| x == "deb"))
        .ok_or_else(|| format!("no .deb in {}", out_dir.display()))?;
    check_deb(&deb)?;
    Ok(deb)
}

/// Fails unless the package holds the binary, a `.desktop` file and icons.
fn check_deb(deb: &Path) -> Result {
    let listing = Command::new("dpkg-deb")
        .arg("-c")
        .arg(deb)
        .output()
        .map_err(|e| format!("dpkg-deb: {e}"))?;
    let listing = String::from_utf8_lossy(&listing.stdout);
    let has = |needle: &dyn Fn(&str) -> bool| listing.lines().any(needle);
    let checks: [(&str, bool); 3] = [
        (
            "usr/bin/opnamewijs",
            has(&|l| l.ends_with("usr/bin/opnamewijs")),
        ),
        (
            "a .desktop file",
            has(&|l| l.contains("usr/share/applications/") && l.ends_with(".desktop")),
        ),
        (
            "icons",
            has(&|l| l.contains("usr/share/icons/hicolor/") && l.ends_with(".png")),
        ),
    ];
    let missing: Vec<&str> = checks
        .iter()
        .filter(|(_, ok)| !ok)
        .map(|(what, _)| *what)
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "{} lacks {}:\n{listing}",
            deb.display(),
            missing.join(", ")
        ))
    }
}
