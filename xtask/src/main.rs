//! Project tasks: `cargo xtask run` starts the app, `cargo xtask test` runs every test.
//!
//! Both install what a fresh Debian/Ubuntu machine is missing (apt packages, npm packages,
//! tauri-driver) before they start, so a clone needs no other set-up.

#![allow(clippy::print_stdout)]

mod bench;
mod bundle;
mod layers;
mod privilege;
mod stress;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::Instant;

/// Debian packages the desktop build and the end-to-end tests need.
const APT_PACKAGES: &[&str] = &[
    "libwebkit2gtk-4.1-dev",
    "build-essential",
    "curl",
    "file",
    "libxdo-dev",
    "libssl-dev",
    "libayatana-appindicator3-dev",
    "librsvg2-dev",
    "xvfb",
    "xauth",
    "webkit2gtk-driver",
    "dbus-x11",
    "gnome-keyring",
    "libsecret-1-dev",
    "poppler-utils",
    // The dossier PDF's structural check (`tests/core/pdf.rs`, `qpdf --check`).
    "qpdf",
    // The core's OS keyring (keyring crate, `sync-secret-service`) links libdbus via pkg-config.
    "libdbus-1-dev",
    "pkg-config",
    // The no-network end-to-end test traces the app's connect() calls.
    "strace",
];

type Result<T = ()> = std::result::Result<T, String>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = project_root();
    let outcome = match args.first().map(String::as_str) {
        Some("run") => run(&root),
        Some("bench") => bench::bench(&root, args.iter().any(|a| a == "--quick")),
        Some("bench-session") => bench::session(&args[1..]),
        Some("bundle") => bundle::bundle(&root).map(drop),
        Some("test") => test(&root),
        Some("stress") => stress::run(&root),
        _ => {
            println!("usage: cargo xtask <run|test|stress|bench|bundle>\n  run     build the UI and start Opnamewijs on its embedded defaults\n  test    fmt, clippy, Rust tests, UI checks and tests, app build, end-to-end tests\n  stress  1,000 crash kills, tamper and I/O-fault counts, fuzzing, no-network check, audits: one table\n  bench   start-up, memory, tick latency, scale and sizes against a hello-world Tauri app\n          (--quick: the debug binary and a tiny vault, once)\n  bundle  the release app as a .deb, checked with dpkg-deb");
            Ok(())
        }
    };
    match outcome {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("xtask: {e}");
            ExitCode::FAILURE
        }
    }
}

fn project_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

fn run(root: &Path) -> Result {
    ensure_system_packages()?;
    ensure_ui_packages(root)?;
    npm(root, &["run", "build"])?;
    cargo(
        root,
        &[
            "run",
            "-p",
            "opnamewijs-app",
            "--features",
            "custom-protocol",
        ],
    )
}

fn test(root: &Path) -> Result {
    let started = Instant::now();
    let mut passed = 0u32;
    let mut stage = |name: &str, f: &mut dyn FnMut() -> Result| -> Result {
        println!("\n==> {name}");
        let t = Instant::now();
        match f() {
            Ok(()) => {
                passed += 1;
                println!("<== {name}: ok ({:.1} s)", t.elapsed().as_secs_f64());
                Ok(())
            }
            Err(e) => {
                println!("\nstages: {passed} passed, 1 failed");
                Err(format!("{name} failed: {e}"))
            }
        }
    };
    stage("install missing system and npm packages", &mut || {
        ensure_system_packages()?;
        ensure_ui_packages(root)?;
        ensure_tauri_driver()
    })?;
    stage("cargo fmt --check", &mut || {
        cargo(root, &["fmt", "--all", "--check"])
    })?;
    stage("core tests (also regenerates the IPC types)", &mut || {
        cargo(root, &["test", "-p", "opnamewijs"])
    })?;
    stage(
        "generated IPC types and pack schema match the committed ones",
        &mut || bindings_unchanged(root),
    )?;
    stage(
        "vault against a real Secret Service (gnome-keyring)",
        &mut || secret_service_test(root),
    )?;
    stage("UI type check", &mut || npm(root, &["run", "check"]))?;
    stage("UI unit tests", &mut || npm(root, &["test"]))?;
    stage("UI build", &mut || npm(root, &["run", "build"]))?;
    stage("least privilege: capabilities and CSP", &mut || {
        cargo(root, &["test", "-p", "xtask"])
    })?;
    stage("clippy -D warnings", &mut || {
        cargo(
            root,
            &[
                "clippy",
                "--workspace",
                "--all-targets",
                "--",
                "-D",
                "warnings",
            ],
        )
    })?;
    stage("cargo doc -D warnings", &mut || {
        sh(Command::new("cargo")
            .current_dir(root)
            .env("RUSTDOCFLAGS", "-D warnings")
            .args(["doc", "-p", "opnamewijs", "--no-deps"]))
    })?;
    stage("app build with embedded UI", &mut || {
        build_embedded(root, "opnamewijs-app", false)
    })?;
    stage("bench harness on a tiny input", &mut || {
        bench::bench(root, true)
    })?;
    stage("end-to-end tests in a real window", &mut || {
        let app = root.join("target/debug/opnamewijs");
        sh(Command::new("bash")
            .current_dir(root)
            .arg("tests/e2e/run.sh")
            .arg(&app))
    })?;
    println!(
        "\nAll stages passed in {:.0} s.",
        started.elapsed().as_secs_f64()
    );
    println!("stages: {passed} passed, 0 failed");
    Ok(())
}

/// Runs the vault's ignored keyring test against a real Secret Service: gnome-keyring on a private
/// D-Bus session, with a throwaway home so no real keyring is touched.
fn secret_service_test(root: &Path) -> Result {
    let home = std::env::var("HOME").unwrap_or_default();
    let cargo_home = std::env::var("CARGO_HOME").unwrap_or_else(|_| format!("{home}/.cargo"));
    let rustup_home = std::env::var("RUSTUP_HOME").unwrap_or_else(|_| format!("{home}/.rustup"));
    let tmp = std::env::temp_dir().join(format!("opnamewijs-keyring-{}", std::process::id()));
    std::fs::create_dir_all(tmp.join("data")).map_err(|e| format!("{}: {e}", tmp.display()))?;
    let script = "printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null \
        && cargo test -p opnamewijs --test core vault::os_keyring_round_trip_with_secret_service -- --ignored --exact";
    let outcome = sh(Command::new("dbus-run-session")
        .current_dir(root)
        .args(["--", "bash", "-c", script])
        .env("HOME", &tmp)
        .env("XDG_DATA_HOME", tmp.join("data"))
        .env("CARGO_HOME", cargo_home)
        .env("RUSTUP_HOME", rustup_home)
        .env("OPNAMEWIJS_TEST_SECRET_SERVICE", "1")
        .env("OPNAMEWIJS_KEYRING_SERVICE", "nl.opnamewijs.test"));
    let _ = std::fs::remove_dir_all(&tmp);
    outcome
}

/// Runs a command, echoing it, and fails on a non-zero exit.
fn sh(cmd: &mut Command) -> Result {
    println!("$ {}", format!("{cmd:?}").replace('"', ""));
    let status = cmd
        .status()
        .map_err(|e| format!("could not start {cmd:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?} exited with {status}"))
    }
}

fn cargo(root: &Path, args: &[&str]) -> Result {
    sh(
        Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .current_dir(root)
            .args(args),
    )
}

/// Builds `package` (the app or the bench baseline) with its UI embedded (`custom-protocol`), as
/// end-to-end tests, benchmarks and bundles need it.
/// Builds `package` with its UI embedded: the release build users get, or the debug build the
/// end-to-end tests drive, which also carries the app's test hooks (feature `e2e`).
fn build_embedded(root: &Path, package: &str, release: bool) -> Result {
    let features = match (release, package) {
        (false, "opnamewijs-app") => "custom-protocol,e2e",
        _ => "custom-protocol",
    };
    let mut args = vec!["build", "-p", package, "--features", features];
    if release {
        args.push("--release");
    }
    cargo(root, &args)
}

fn npm(root: &Path, args: &[&str]) -> Result {
    sh(Command::new("npm").current_dir(root.join("ui")).args(args))
}

fn found(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Installs the Debian packages that are missing (as root, or through passwordless sudo).
fn ensure_system_packages() -> Result {
    if !found("dpkg-query") {
        println!("Not a Debian/Ubuntu system: make sure the equivalents of {APT_PACKAGES:?} and Node.js are installed.");
        return Ok(());
    }
    let mut missing: Vec<&str> = APT_PACKAGES
        .iter()
        .copied()
        .filter(|pkg| {
            let out = Command::new("dpkg-query")
                .args(["-W", "-f=${Status}", pkg])
                .output();
            !out.is_ok_and(|o| String::from_utf8_lossy(&o.stdout).contains("install ok installed"))
        })
        .collect();
    if !found("node") || !found("npm") {
        missing.extend(["nodejs", "npm"]);
    }
    if missing.is_empty() {
        return Ok(());
    }
    println!("Installing missing packages: {}", missing.join(" "));
    let is_root = Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0");
    let apt = |args: &[&str]| -> Result {
        let mut cmd = if is_root {
            Command::new("apt-get")
        } else {
            Command::new("sudo")
        };
        if !is_root {
            cmd.args(["-n", "apt-get"]);
        }
        sh(cmd.env("DEBIAN_FRONTEND", "noninteractive").args(args))
    };
    apt(&["update", "-qq"])?;
    let mut install = vec!["install", "-y", "-qq", "--no-install-recommends"];
    install.extend(missing);
    apt(&install)
}

/// Runs `npm install` when `node_modules` is missing or older than the manifest or lockfile.
fn ensure_ui_packages(root: &Path) -> Result {
    let ui = root.join("ui");
    let modified = |p: PathBuf| std::fs::metadata(p).and_then(|m| m.modified()).ok();
    let installed = modified(ui.join("node_modules/.package-lock.json"));
    let wanted = [
        modified(ui.join("package.json")),
        modified(ui.join("package-lock.json")),
    ]
    .into_iter()
    .flatten()
    .max();
    if installed.is_some() && installed >= wanted {
        return Ok(());
    }
    npm(root, &["install", "--no-audit", "--no-fund"])
}

/// Installs tauri-driver (the WebDriver bridge for the end-to-end tests) when it is missing.
pub(crate) fn ensure_tauri_driver() -> Result {
    let home = std::env::var("HOME").unwrap_or_default();
    if found("tauri-driver") || Path::new(&home).join(".cargo/bin/tauri-driver").exists() {
        return Ok(());
    }
    sh(Command::new("cargo").args(["install", "tauri-driver", "--locked"]))
}

/// Fails when regenerating the ts-rs bindings or the pack schema changed or added a file that is
/// not staged (`git add` the regenerated files, or commit them).
fn bindings_unchanged(root: &Path) -> Result {
    let paths = ["ui/src/ipc/bindings", "assets/policies/schema.json"];
    let git = |args: &[&str]| -> Result<String> {
        let out = Command::new("git")
            .current_dir(root)
            .args(args)
            .args(paths)
            .output()
            .map_err(|e| format!("git: {e}"))?;
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let changed = git(&["diff", "--stat", "--"])?;
    let added = git(&["ls-files", "--others", "--exclude-standard", "--"])?;
    if changed.trim().is_empty() && added.trim().is_empty() {
        Ok(())
    } else {
        Err(format!("the generated IPC types or pack schema differ from the committed ones; review and commit them:\n{changed}{added}"))
    }
}
