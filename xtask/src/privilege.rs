//! Least privilege, checked from the files that grant it: the webview may call exactly the app's
//! own commands (no fs/shell/http/dialog plugin grants), and the CSP allows no remote origin.

#![cfg(test)]

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

fn shell() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../src-tauri")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The command names listed in `src-tauri/build.rs` (the generated permissions).
fn declared_commands() -> BTreeSet<String> {
    let build = read(&shell().join("build.rs"));
    let list = build
        .split("const COMMANDS")
        .nth(1)
        .and_then(|s| s.split("];").next())
        .unwrap_or_default();
    list.split('"')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

/// The commands registered with `generate_handler!` in `src-tauri/src/main.rs`.
fn registered_commands() -> BTreeSet<String> {
    let main = read(&shell().join("src/main.rs"));
    let handler = main
        .split("generate_handler![")
        .nth(1)
        .and_then(|s| s.split(']').next())
        .unwrap_or_default();
    handler
        .split(',')
        .filter_map(|c| c.trim().strip_prefix("commands::"))
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_registered_command_has_a_generated_permission_and_vice_versa() {
    let declared = declared_commands();
    assert!(
        declared.len() >= 10,
        "parsed the command list: {declared:?}"
    );
    assert_eq!(
        declared,
        registered_commands(),
        "build.rs COMMANDS and generate_handler! differ"
    );
}

/// The commands the UI's one IPC module calls: every `run("name"` in `ui/src/ipc/index.ts`.
fn ui_commands() -> BTreeSet<String> {
    let ipc = read(&shell().join("../ui/src/ipc/index.ts"));
    ipc.split("run(\"")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .map(str::to_owned)
        .collect()
}

/// The command list lives in one place, `src-tauri/build.rs`; the handler list (above), the
/// capability (below) and the UI's backend are checked against it. The UI's fake backend
/// implements the same `Backend` interface, which the UI type check enforces.
#[test]
fn the_ui_backend_calls_exactly_the_declared_commands() {
    assert_eq!(
        ui_commands(),
        declared_commands(),
        "ui/src/ipc/index.ts and build.rs COMMANDS differ"
    );
}

#[test]
fn the_main_window_may_call_exactly_the_apps_own_commands() {
    let dir = shell().join("capabilities");
    let files: Vec<_> = std::fs::read_dir(&dir)
        .expect("capabilities dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    assert_eq!(files.len(), 1, "one capability file: {files:?}");
    let cap: serde_json::Value = serde_json::from_str(&read(&files[0])).expect("capability JSON");
    assert_eq!(
        cap["windows"],
        serde_json::json!(["main"]),
        "granted to the main window only"
    );
    assert!(cap.get("remote").is_none(), "no remote URLs get IPC access");
    let granted: BTreeSet<String> = cap["permissions"]
        .as_array()
        .expect("permissions")
        .iter()
        .map(|p| p.as_str().expect("plain permission id").to_owned())
        .collect();
    let expected: BTreeSet<String> = declared_commands()
        .iter()
        .map(|c| format!("allow-{}", c.replace('_', "-")))
        .collect();
    assert_eq!(
        granted, expected,
        "exactly the app's own commands, nothing from core or plugins"
    );
}

#[test]
fn the_shell_pulls_in_no_plugin_that_reaches_files_shell_or_network() {
    let manifest = read(&shell().join("Cargo.toml"));
    for plugin in [
        "tauri-plugin-fs",
        "tauri-plugin-shell",
        "tauri-plugin-http",
        "tauri-plugin-upload",
        "tauri-plugin-websocket",
    ] {
        assert!(
            !manifest.contains(plugin),
            "{plugin} must not be a dependency"
        );
    }
}

#[test]
fn the_csp_allows_no_remote_origin() {
    let conf: serde_json::Value =
        serde_json::from_str(&read(&shell().join("tauri.conf.json"))).expect("tauri.conf.json");
    let csp = conf["app"]["security"]["csp"]
        .as_object()
        .expect("CSP as an object");
    let allowed_sources = [
        "'self'",
        "'none'",
        "'unsafe-inline'",
        "data:",
        "ipc:",
        "http://ipc.localhost",
    ];
    for (directive, sources) in csp {
        for source in sources.as_str().expect("sources string").split_whitespace() {
            assert!(
                allowed_sources.contains(&source),
                "{directive} allows {source}"
            );
        }
    }
    for directive in ["default-src", "script-src", "connect-src", "object-src"] {
        assert!(csp.contains_key(directive), "{directive} is set");
    }
    assert!(
        !csp["script-src"]
            .as_str()
            .unwrap_or_default()
            .contains("unsafe"),
        "no inline or eval scripts"
    );
    assert_eq!(
        conf["app"]["security"]["freezePrototype"],
        serde_json::json!(true)
    );
}

/// The shipped app carries no test seams (fault injection, fuzzing entry points, a snapshot
/// threshold from the environment, a page whose report is ignored): the shell takes the core
/// without its default `test-seams` feature, only its `e2e` feature turns them on, and release
/// builds never enable `e2e`.
#[test]
fn the_release_build_leaves_the_test_seams_out() {
    let manifest = read(&shell().join("Cargo.toml"));
    let core_dep = manifest
        .lines()
        .find(|l| l.starts_with("opnamewijs = "))
        .expect("the shell depends on the core");
    assert!(
        core_dep.contains("default-features = false"),
        "the shell must not take the core's default test seams: {core_dep}"
    );
    let seams: Vec<&str> = manifest
        .lines()
        .filter(|l| l.contains("opnamewijs/test-seams"))
        .collect();
    assert_eq!(
        seams,
        ["e2e = [\"opnamewijs/test-seams\"]"],
        "only `e2e` enables them"
    );
    let xtask = read(&shell().join("../xtask/src/main.rs"));
    assert!(
        xtask.contains(r#"(false, "opnamewijs-app") => "custom-protocol,e2e""#)
            && xtask.contains(r#"_ => "custom-protocol""#),
        "only the debug build of the app (for the end-to-end tests) gets `e2e`"
    );
}

/// Every command that reads or writes a file the user chose takes its location from the native
/// dialog, or from the page only through `App::path_from_page`, which a release build (no test
/// seams) refuses: no command uses a page's path any other way.
#[test]
fn a_file_location_from_the_page_goes_through_the_release_refusal() {
    let commands = read(&shell().join("src/commands.rs"));
    let takes_a_path = commands.matches("path: Option<PathBuf>,").count()
        + commands.matches("path: Option<PathBuf>)").count();
    // `chosen` itself has one such parameter.
    assert!(takes_a_path >= 8, "read the commands: {takes_a_path}");
    assert_eq!(
        commands
            .matches("chosen(&app, path, dialog).await?")
            .count(),
        takes_a_path - 1,
        "each command with a path parameter resolves it through `chosen`"
    );
    let chosen = &commands[commands.find("async fn chosen").expect("chosen")..];
    let chosen = &chosen[..chosen.find("\n}\n").expect("end of chosen")];
    assert!(
        chosen.contains("Some(path) => app.state::<App>().path_from_page(path)"),
        "`chosen` hands a page's path to the core's refusal: {chosen}"
    );
}

/// The stand-in for the native file dialogs (the keyboard-only end-to-end journeys press the real
/// buttons) answers only in the `e2e` build: its one way in checks the feature before it reads its
/// folder from the environment, and only the two dialog helpers call it.
#[test]
fn the_file_dialog_stand_in_is_only_in_the_e2e_build() {
    let stand_in = read(&shell().join("src/stand_in.rs"));
    let folder = &stand_in[stand_in.find("fn folder()").expect("fn folder")..];
    let folder = &folder[..folder.find("\n}\n").expect("end of folder")];
    let gate = folder
        .find("if !cfg!(feature = \"e2e\") {\n        return None;\n    }")
        .expect("the feature is checked first");
    let env = folder
        .find("std::env::var_os")
        .expect("the folder from the environment");
    assert!(gate < env, "{folder}");
    assert_eq!(
        stand_in.matches("std::env").count(),
        1,
        "one way in: {stand_in}"
    );
    let commands = read(&shell().join("src/commands.rs"));
    assert_eq!(
        commands.matches("crate::stand_in::").count(),
        2,
        "only save_dialog and open_dialog use it"
    );
}
