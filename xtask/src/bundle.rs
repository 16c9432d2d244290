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
    check_file_types(root, &deb)?;
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

/// The file types the app opens (`bundle.fileAssociations` of `tauri.conf.json`): extension and
/// MIME type of each.
fn associations(root: &Path) -> Result<Vec<(String, String)>> {
    let path = root.join("src-tauri/tauri.conf.json");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let conf: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
    let list = conf["bundle"]["fileAssociations"]
        .as_array()
        .ok_or("tauri.conf.json declares no bundle.fileAssociations")?;
    list.iter()
        .map(|a| match (a["ext"][0].as_str(), a["mimeType"].as_str()) {
            (Some(ext), Some(mime)) => Ok((ext.to_owned(), mime.to_owned())),
            _ => Err(format!("a file association without ext or mimeType: {a}")),
        })
        .collect()
}

/// What is wrong with how a desktop entry and a shared-mime-info package declare `types`: the
/// entry must list every MIME type and pass the opened files to the app (`%F`); the package must
/// define each type with its extension's glob.
fn file_type_problems(desktop: &str, mime_xml: &str, types: &[(String, String)]) -> Vec<String> {
    let line = |key: &str| {
        desktop
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .unwrap_or("")
            .to_owned()
    };
    let (listed, exec) = (line("MimeType="), line("Exec="));
    let mut problems = Vec::new();
    if !exec
        .split_whitespace()
        .any(|a| matches!(a, "%F" | "%f" | "%U" | "%u"))
    {
        problems.push(format!("the desktop entry's Exec passes no file: `{exec}`"));
    }
    for (ext, mime) in types {
        if !listed.split(';').any(|m| m == mime) {
            problems.push(format!("the desktop entry's MimeType lacks {mime}"));
        }
        if !mime_xml.contains(&format!("<mime-type type=\"{mime}\">")) {
            problems.push(format!("the MIME package does not define {mime}"));
        }
        if !mime_xml.contains(&format!("<glob pattern=\"*.{ext}\"/>")) {
            problems.push(format!("the MIME package has no glob for *.{ext}"));
        }
    }
    problems
}

/// Fails unless the package's desktop entry and MIME package declare the app's file types.
fn check_file_types(root: &Path, deb: &Path) -> Result {
    let types = associations(root)?;
    let unpacked = deb.with_extension("unpacked");
    let _ = std::fs::remove_dir_all(&unpacked);
    sh(Command::new("dpkg-deb").arg("-x").arg(deb).arg(&unpacked))?;
    let read = |rel: &str| -> Result<String> {
        let dir = unpacked.join(rel);
        let entries = std::fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let mut text = String::new();
        for entry in entries.flatten() {
            text += &std::fs::read_to_string(entry.path()).unwrap_or_default();
        }
        Ok(text)
    };
    let desktop = read("usr/share/applications")?;
    let mime_xml = read("usr/share/mime/packages")?;
    let problems = file_type_problems(&desktop, &mime_xml, &types);
    let _ = std::fs::remove_dir_all(&unpacked);
    if problems.is_empty() {
        println!("{}: opens {} file types", deb.display(), types.len());
        Ok(())
    } else {
        Err(format!("{}: {}", deb.display(), problems.join("; ")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
    }

    fn read(rel: &str) -> String {
        std::fs::read_to_string(root().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// The request, receipt and backup files: the extensions the core writes are the ones the
    /// bundle registers, and the desktop template and MIME package declare them (the built .deb
    /// is checked the same way by `cargo xtask bundle`).
    #[test]
    fn the_bundle_declares_the_three_file_types_of_the_app() {
        let types = associations(&root()).expect("associations");
        let exts: Vec<&str> = types.iter().map(|(e, _)| e.as_str()).collect();
        assert_eq!(
            exts,
            ["opnamewijs-verzoek", "opnamewijs-bewijs", "owbackup"]
        );
        let mentor = read("src/persistence/mentor.rs");
        assert!(mentor.contains("REQUEST_EXTENSION: &str = \"opnamewijs-verzoek\""));
        assert!(mentor.contains("RECEIPT_EXTENSION: &str = \"opnamewijs-bewijs\""));
        assert!(read("src-tauri/src/commands.rs").contains("open_dialog(\"owbackup\")"));
        // The template as the bundler fills it in (it writes the MIME types joined by `;`).
        let listed: Vec<&str> = types.iter().map(|(_, m)| m.as_str()).collect();
        let desktop = read("assets/linux/opnamewijs.desktop.hbs")
            .replace("{{exec}}", "opnamewijs")
            .replace("{{mime_type}}", &format!("{};", listed.join(";")));
        let mime_xml = read("assets/linux/opnamewijs-mime.xml");
        assert_eq!(
            file_type_problems(&desktop, &mime_xml, &types),
            Vec::<String>::new()
        );
        // And the check finds what is missing.
        let broken = desktop.replace(" %F", "");
        assert_eq!(
            file_type_problems(&broken, "", &types).len(),
            1 + 2 * types.len()
        );
    }
}
