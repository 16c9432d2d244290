//! `cargo xtask stress`: the reliability and security suite at full strength, ending in one table
//! of figures. See `docs/security.md` for what each row proves.
//!
//! | row | how |
//! |---|---|
//! | crash | the core's SIGKILL test with `OPNAMEWIJS_CRASH_KILLS` kills (default 1,000) |
//! | tamper, io faults, bad input | the core's counting tests, read from their summary lines |
//! | fuzz | `cargo fuzz run` per target for `OPNAMEWIJS_FUZZ_SECONDS` (default 60), nightly only |
//! | network | `tests/e2e/network.test.mjs`: the app under `strace -f -e trace=connect` |
//! | audits | `cargo audit` against the offline RustSec snapshot `../shared/advisory-db` (each advisory found must be accepted in `docs/security.md`; no snapshot is a skip), and `npm audit` (an unreachable endpoint is a skip) |
//!
//! Set `OPNAMEWIJS_STRESS_SKIP` to a comma-separated list of `crash,tamper,io,input,fuzz,network,audit`
//! to leave rows out (they are reported as skipped).

use crate::{npm, Result};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

/// The fuzz targets (`fuzz/Cargo.toml`, `opnamewijs::fuzzing`). Add mentor request/receipt
/// files here once their parsers exist.
const TARGETS: &[&str] = &[
    "pack",
    "vault_files",
    "journal_entry",
    "backup",
    "ics",
    "feedback_request",
    "feedback_receipt",
    "dossier",
    "snapshot",
];

/// One line of the table.
struct Row {
    check: String,
    result: String,
    /// `false` fails the run; skipped rows pass.
    ok: bool,
}

impl Row {
    fn new(check: impl Into<String>, result: impl Into<String>, ok: bool) -> Row {
        Row {
            check: check.into(),
            result: result.into(),
            ok,
        }
    }

    fn skipped(check: impl Into<String>, why: impl std::fmt::Display) -> Row {
        Row::new(check, format!("skipped: {why}"), true)
    }
}

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn skipped(what: &str) -> bool {
    std::env::var("OPNAMEWIJS_STRESS_SKIP")
        .unwrap_or_default()
        .split(',')
        .any(|s| s.trim() == what)
}

pub fn run(root: &Path) -> Result {
    let started = Instant::now();
    let mut rows = Vec::new();
    let kills = env_number("OPNAMEWIJS_CRASH_KILLS", 1000);
    let seconds = env_number("OPNAMEWIJS_FUZZ_SECONDS", 60);

    if skipped("crash") {
        rows.push(Row::skipped(
            "crash: kills survived",
            "OPNAMEWIJS_STRESS_SKIP",
        ));
    } else {
        rows.push(crash(root, kills));
    }
    if skipped("tamper") && skipped("io") && skipped("input") {
        rows.push(Row::skipped("tamper, io, input", "OPNAMEWIJS_STRESS_SKIP"));
    } else {
        rows.extend(counting_tests(root));
    }
    if skipped("fuzz") {
        rows.push(Row::skipped("fuzz", "OPNAMEWIJS_STRESS_SKIP"));
    } else {
        rows.extend(fuzz(root, seconds));
    }
    if skipped("network") {
        rows.push(Row::skipped(
            "network: connections seen",
            "OPNAMEWIJS_STRESS_SKIP",
        ));
    } else {
        rows.push(network(root));
    }
    if skipped("audit") {
        rows.push(Row::skipped(
            "cargo audit / npm audit",
            "OPNAMEWIJS_STRESS_SKIP",
        ));
    } else {
        rows.push(cargo_audit(root));
        rows.push(npm_audit(root));
    }

    println!(
        "\nstress suite finished in {:.0} s\n",
        started.elapsed().as_secs_f64()
    );
    print!("{}", table(&rows));
    let failed: Vec<_> = rows.iter().filter(|r| !r.ok).map(|r| &r.check).collect();
    if failed.is_empty() {
        Ok(())
    } else {
        Err(format!("stress checks failed: {failed:?}"))
    }
}

fn table(rows: &[Row]) -> String {
    let width = rows
        .iter()
        .map(|r| r.check.chars().count())
        .max()
        .unwrap_or(0)
        .max(5)
        + 2;
    let mut out = format!("{:<width$}result\n", "check");
    for r in rows {
        let mark = if r.ok { "" } else { "   <-- FAILED" };
        out.push_str(&format!("{:<width$}{}{mark}\n", r.check, r.result));
    }
    out
}

/// Runs a command, echoing it; returns whether it succeeded and its stdout and stderr together.
fn capture(cmd: &mut Command) -> (bool, String) {
    println!("$ {}", format!("{cmd:?}").replace('"', ""));
    match cmd.output() {
        Ok(out) => {
            let text = format!(
                "{}{}",
                String::from_utf8_lossy(&out.stdout),
                String::from_utf8_lossy(&out.stderr)
            );
            (out.status.success(), text)
        }
        Err(e) => (false, format!("could not start: {e}")),
    }
}

fn tail(text: &str, lines: usize) -> String {
    let all: Vec<_> = text.lines().collect();
    all[all.len().saturating_sub(lines)..].join("\n")
}

/// The `key=value` fields of the first line starting with `tag`.
fn summary(text: &str, tag: &str) -> Option<Vec<(String, u64)>> {
    // `node --test` prints a test's console output as TAP comments (`# …`).
    let line = text.lines().find_map(|l| {
        l.trim()
            .trim_start_matches('#')
            .trim_start()
            .strip_prefix(tag)
    })?;
    Some(
        line.split_whitespace()
            .filter_map(|kv| {
                let (k, v) = kv.split_once('=')?;
                Some((k.to_owned(), v.parse().ok()?))
            })
            .collect(),
    )
}

fn field(fields: &[(String, u64)], key: &str) -> u64 {
    fields.iter().find(|(k, _)| k == key).map_or(0, |(_, v)| *v)
}

fn core_test(root: &Path, filter: &str, envs: &[(&str, String)]) -> (bool, String) {
    let mut cmd = Command::new(cargo_bin());
    cmd.current_dir(root).args([
        "test",
        "-p",
        "opnamewijs",
        "--test",
        "core",
        filter,
        "--",
        "--nocapture",
    ]);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    capture(&mut cmd)
}

fn cargo_bin() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn crash(root: &Path, kills: u64) -> Row {
    println!("\n==> crash: {kills} SIGKILLs of a writing process");
    let check = "crash: kills survived";
    let (ok, out) = core_test(
        root,
        "vault::kill_during_appends_loses_nothing_acknowledged",
        &[("OPNAMEWIJS_CRASH_KILLS", kills.to_string())],
    );
    match summary(&out, "crash-summary") {
        Some(f) => {
            let (survived, lost) = (field(&f, "survived"), field(&f, "lost"));
            Row::new(
                check,
                format!(
                    "{survived} / {} (entries lost: {lost}, tails repaired: {}, entries acknowledged: {}, reopened from a snapshot: {})",
                    field(&f, "kills"),
                    field(&f, "repaired"),
                    field(&f, "acked"),
                    field(&f, "from_snapshot")
                ),
                ok && lost == 0 && survived == field(&f, "kills"),
            )
        }
        None => Row::new(check, format!("no summary: {}", tail(&out, 15)), false),
    }
}

/// The tamper, I/O-fault and bad-input tests in one `cargo test` run.
fn counting_tests(root: &Path) -> Vec<Row> {
    println!("\n==> tamper cases, I/O faults, bad input");
    let mut rows = Vec::new();
    let runs = [
        (
            "tamper",
            "tamper::",
            "tamper-summary",
            "tamper: detected / tried",
        ),
        (
            "io",
            "io_faults::",
            "io-summary",
            "io faults: recovered / tried",
        ),
        (
            "input",
            "bad_input::",
            "bad-input-summary",
            "bad input: refused / tried",
        ),
    ];
    for (name, filter, tag, check) in runs {
        if skipped(name) {
            rows.push(Row::skipped(check, "OPNAMEWIJS_STRESS_SKIP"));
            continue;
        }
        let (ok, out) = core_test(root, filter, &[]);
        let row = match summary(&out, tag) {
            Some(f) => {
                let (good, tried) = match name {
                    "tamper" => (field(&f, "detected"), field(&f, "tried")),
                    "io" => (field(&f, "recovered"), field(&f, "tried")),
                    _ => (field(&f, "refused"), field(&f, "tried")),
                };
                let (mut extra, mut same) = (String::new(), true);
                if name == "tamper" {
                    extra = format!(
                        " (files changed by a refused open: {}; documented limit: {} — an older journal+head pair, visible only in the head hash)",
                        field(&f, "overwritten"),
                        field(&f, "limits")
                    );
                    // The same cases with a snapshot in place (see tests/core/tamper.rs).
                    let s = summary(&out, "tamper-snapshot-summary").unwrap_or_default();
                    let (s_tried, differ) = (field(&s, "tried"), field(&s, "differ"));
                    extra.push_str(&format!(
                        "; behind a snapshot: refused the same way {} / {s_tried}, {} of them only by the owed check",
                        s_tried.saturating_sub(differ),
                        field(&s, "opened-from-snapshot")
                    ));
                    same = s_tried > 0 && differ == 0;
                }
                Row::new(
                    check,
                    format!("{good} / {tried}{extra}"),
                    ok && same && good == tried && tried > 0,
                )
            }
            None => Row::new(check, format!("no summary: {}", tail(&out, 15)), false),
        };
        rows.push(row);
    }
    rows
}

fn has_nightly() -> bool {
    Command::new("rustup")
        .args(["run", "nightly", "rustc", "--version"])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn has_cargo_fuzz() -> bool {
    Command::new("rustup")
        .args(["run", "nightly", "cargo", "fuzz", "--version"])
        .output()
        .is_ok_and(|o| o.status.success())
}

fn target_dir(root: &Path) -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map(|p| if p.is_absolute() { p } else { root.join(p) })
        .unwrap_or_else(|| root.join("target"))
}

/// Executions from libFuzzer's final statistics (`-print_final_stats=1`) or its last status line.
fn fuzz_execs(output: &str) -> Option<u64> {
    output
        .lines()
        .find_map(|l| {
            l.trim()
                .strip_prefix("stat::number_of_executed_units:")
                .and_then(|n| n.trim().parse().ok())
        })
        .or_else(|| {
            output.lines().rev().find_map(|l| {
                let rest = l.strip_prefix('#')?;
                rest.split_whitespace().next()?.parse().ok()
            })
        })
}

fn fuzz(root: &Path, seconds: u64) -> Vec<Row> {
    println!("\n==> fuzzing, {seconds} s per target");
    if !has_nightly() {
        return vec![Row::skipped(
            "fuzz",
            "no nightly toolchain (rustup toolchain install nightly)",
        )];
    }
    if !has_cargo_fuzz() {
        let _ = crate::sh(Command::new("cargo").args(["install", "cargo-fuzz", "--locked"]));
        if !has_cargo_fuzz() {
            return vec![Row::skipped("fuzz", "cargo-fuzz could not be installed")];
        }
    }
    let work = target_dir(root).join("stress-fuzz");
    let _ = std::fs::remove_dir_all(&work);
    let mut rows = Vec::new();
    for target in TARGETS {
        let check = format!("fuzz {target}: execs / crashes");
        let corpus = work.join("corpus").join(target);
        let artifacts = work.join("artifacts").join(target);
        if let Err(e) = std::fs::create_dir_all(&corpus).and(std::fs::create_dir_all(&artifacts)) {
            rows.push(Row::new(check, format!("{}: {e}", work.display()), false));
            continue;
        }
        let (_, out) = capture(
            Command::new("rustup")
                .current_dir(root)
                .env_remove("RUSTUP_TOOLCHAIN")
                .env_remove("RUSTC")
                .env("CARGO_TARGET_DIR", target_dir(root).join("fuzz"))
                .args(["run", "nightly", "cargo", "fuzz", "run", target])
                .arg(&corpus)
                .arg(root.join("fuzz/corpus").join(target))
                .arg("--")
                .arg(format!("-max_total_time={seconds}"))
                .arg("-rss_limit_mb=2048")
                .arg("-malloc_limit_mb=1024")
                .arg("-timeout=10")
                .arg("-print_final_stats=1")
                .arg(format!("-artifact_prefix={}/", artifacts.display())),
        );
        let crashes: Vec<String> = std::fs::read_dir(&artifacts)
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        rows.push(match fuzz_execs(&out) {
            Some(execs) => Row::new(
                check,
                if crashes.is_empty() {
                    format!("{execs} / 0")
                } else {
                    format!(
                        "{execs} / {} (in {}: {})",
                        crashes.len(),
                        artifacts.display(),
                        crashes.join(", ")
                    )
                },
                crashes.is_empty(),
            ),
            None => Row::new(check, format!("did not run: {}", tail(&out, 12)), false),
        });
    }
    rows
}

fn network(root: &Path) -> Row {
    println!("\n==> no network: the app under strace through a journey");
    let check = "network: connections seen";
    let has = |program: &str| {
        Command::new("sh")
            .args(["-c", &format!("command -v {program}")])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    for tool in ["strace", "xvfb-run", "dbus-run-session", "node"] {
        if !has(tool) {
            return Row::skipped(check, format!("{tool} is not installed"));
        }
    }
    let built = crate::ensure_ui_packages(root)
        .and_then(|()| npm(root, &["run", "build"]))
        .and_then(|()| crate::build_embedded(root, "opnamewijs-app", false));
    if let Err(e) = built {
        return Row::new(check, format!("app build failed: {e}"), false);
    }
    let app = target_dir(root).join("debug/opnamewijs");
    let (ok, out) = capture(
        Command::new("bash")
            .current_dir(root)
            .arg("tests/e2e/run.sh")
            .arg(&app)
            .arg("tests/e2e/network.test.mjs"),
    );
    match summary(&out, "network-summary") {
        Some(f) => {
            let other = field(&f, "other");
            Row::new(
                check,
                format!(
                    "unix {}, loopback {}, other {other} (journey steps: {})",
                    field(&f, "unix"),
                    field(&f, "loopback"),
                    field(&f, "steps")
                ),
                ok && other == 0,
            )
        }
        None => Row::new(check, format!("no summary: {}", tail(&out, 20)), false),
    }
}

/// Where the offline snapshot of the RustSec advisory database lives: `shared/advisory-db` next
/// to the repository (`../shared/advisory-db` from its root).
fn advisory_db(root: &Path) -> PathBuf {
    let db = root.join("..").join("shared").join("advisory-db");
    db.canonicalize().unwrap_or(db)
}

/// `cargo audit` against the offline advisory database, without fetching it. Every advisory it
/// reports must be listed in `docs/security.md` as accepted, with the reason; one listed there as
/// fixed must not come back.
fn cargo_audit(root: &Path) -> Row {
    println!("\n==> cargo audit");
    let check = "cargo audit";
    let db = advisory_db(root);
    if !db.join("crates").is_dir() {
        return Row::skipped(
            check,
            format!(
                "no advisory database at {} (the offline snapshot of RustSec's; see docs/security.md)",
                db.display()
            ),
        );
    }
    let installed = || {
        Command::new(cargo_bin())
            .args(["audit", "--version"])
            .output()
            .is_ok_and(|o| o.status.success())
    };
    if !installed() {
        let _ = crate::sh(Command::new(cargo_bin()).args(["install", "cargo-audit", "--locked"]));
        if !installed() {
            return Row::skipped(check, "cargo-audit could not be installed");
        }
    }
    let mut cmd = Command::new(cargo_bin());
    cmd.current_dir(root)
        .args(["audit", "--no-fetch", "--stale", "--json", "--db"])
        .arg(&db);
    println!("$ {}", format!("{cmd:?}").replace('"', ""));
    let out = match cmd.output() {
        Ok(out) => out,
        Err(e) => return Row::new(check, format!("could not start: {e}"), false),
    };
    let listed = match std::fs::read_to_string(root.join("docs/security.md")) {
        Ok(doc) => listed_advisories(&doc),
        Err(e) => return Row::new(check, format!("docs/security.md: {e}"), false),
    };
    let report = match serde_json::from_slice::<serde_json::Value>(&out.stdout) {
        Ok(report) => report,
        Err(_) => {
            let text = String::from_utf8_lossy(&out.stderr);
            return Row::new(check, format!("failed: {}", tail(&text, 6)), false);
        }
    };
    let (lines, row) = audit_verdict(check, &report, &listed);
    for line in lines {
        println!("  {line}");
    }
    row
}

/// One advisory `cargo audit` reported: its id, the crate and version, and its kind
/// (`vulnerability`, `unmaintained`, `unsound`, …).
#[derive(Debug, PartialEq, Eq)]
struct Finding {
    id: String,
    package: String,
    kind: String,
}

/// The advisories in `cargo audit --json`'s report: the vulnerabilities and the warnings that
/// carry an advisory. A yanked crate is a warning without one: its id is `yanked`.
fn findings(report: &serde_json::Value) -> Vec<Finding> {
    let package = |v: &serde_json::Value| {
        format!(
            "{} {}",
            v["package"]["name"].as_str().unwrap_or("?"),
            v["package"]["version"].as_str().unwrap_or("?")
        )
    };
    let mut found = Vec::new();
    for v in report["vulnerabilities"]["list"]
        .as_array()
        .into_iter()
        .flatten()
    {
        found.push(Finding {
            id: v["advisory"]["id"].as_str().unwrap_or("?").to_owned(),
            package: package(v),
            kind: "vulnerability".to_owned(),
        });
    }
    for (kind, list) in report["warnings"].as_object().into_iter().flatten() {
        for w in list.as_array().into_iter().flatten() {
            found.push(Finding {
                id: w["advisory"]["id"].as_str().unwrap_or("yanked").to_owned(),
                package: package(w),
                kind: kind.clone(),
            });
        }
    }
    found.sort_by(|a, b| (&a.id, &a.package).cmp(&(&b.id, &b.package)));
    found
}

/// How `docs/security.md` lists an advisory: `fixed` or `accepted`, and why.
#[derive(Debug, PartialEq, Eq)]
struct Listed {
    status: String,
    reason: String,
}

/// The advisories listed in `docs/security.md`: each table row whose first cell is an advisory
/// id (`| RUSTSEC-2024-0370 | crate | accepted | reason |`).
fn listed_advisories(doc: &str) -> std::collections::BTreeMap<String, Listed> {
    doc.lines()
        .filter_map(|line| {
            let cells: Vec<&str> = line
                .trim()
                .trim_matches('|')
                .split('|')
                .map(str::trim)
                .collect();
            let id = cells.first()?.trim_matches('`');
            if !id.starts_with("RUSTSEC-") || cells.len() < 4 {
                return None;
            }
            let listed = Listed {
                status: cells[2].trim_matches('*').to_lowercase(),
                reason: cells[3..].join(" | "),
            };
            Some((id.to_owned(), listed))
        })
        .collect()
}

/// Each advisory as a line (fixed, accepted with its reason, or not listed), and the row: it
/// fails when an advisory is found that `docs/security.md` does not accept.
fn audit_verdict(
    check: &str,
    report: &serde_json::Value,
    listed: &std::collections::BTreeMap<String, Listed>,
) -> (Vec<String>, Row) {
    let (yanked, found): (Vec<Finding>, Vec<Finding>) =
        findings(report).into_iter().partition(|f| f.id == "yanked");
    let mut lines = Vec::new();
    let (mut accepted, mut unlisted) = (0, 0);
    for f in &found {
        let what = format!("{} {} ({})", f.id, f.package, f.kind);
        match listed.get(&f.id) {
            Some(l) if l.status == "accepted" => {
                accepted += 1;
                lines.push(format!("accepted  {what}: {}", l.reason));
            }
            Some(l) => {
                unlisted += 1;
                lines.push(format!(
                    "FOUND     {what}: docs/security.md says {}",
                    l.status
                ));
            }
            None => {
                unlisted += 1;
                lines.push(format!("FOUND     {what}: not listed in docs/security.md"));
            }
        }
    }
    // Not an advisory, so nothing to accept: a newer release of the same crate exists.
    for f in &yanked {
        lines.push(format!(
            "yanked    {} (update it: cargo update -p)",
            f.package
        ));
    }
    let mut fixed = 0;
    for (id, l) in listed {
        if found.iter().any(|f| &f.id == id) {
            continue;
        }
        if l.status == "fixed" {
            fixed += 1;
            lines.push(format!("fixed     {id}: {}", l.reason));
        } else {
            lines.push(format!(
                "gone      {id}: no longer found (listed as {})",
                l.status
            ));
        }
    }
    let mut result = format!(
        "{} advisories found: {accepted} accepted (docs/security.md), {unlisted} not accepted; {fixed} fixed",
        found.len()
    );
    if !yanked.is_empty() {
        result.push_str(&format!("; {} yanked crates", yanked.len()));
    }
    (lines, Row::new(check, result, unlisted == 0))
}

fn npm_audit(root: &Path) -> Row {
    println!("\n==> npm audit");
    let check = "npm audit";
    if let Err(e) = crate::ensure_ui_packages(root) {
        return Row::skipped(check, format!("npm packages not installed: {e}"));
    }
    let (ok, out) = capture(
        Command::new("npm")
            .current_dir(root.join("ui"))
            .arg("audit"),
    );
    npm_audit_row(check, ok, &out)
}

fn npm_audit_row(check: &str, ok: bool, out: &str) -> Row {
    if let Some(line) = out.lines().find(|l| l.contains("found 0 vulnerabilities")) {
        return Row::new(check, line.trim().replace("found ", ""), true);
    }
    if let Some(line) = out.lines().find(|l| {
        l.contains("vulnerabilit") && l.chars().next().is_some_and(|c| c.is_ascii_digit())
    }) {
        return Row::new(check, line.trim(), ok);
    }
    if [
        "ENOTFOUND",
        "EAI_AGAIN",
        "ECONNREFUSED",
        "audit endpoint returned an error",
    ]
    .iter()
    .any(|s| out.contains(s))
    {
        let why = out
            .lines()
            .find_map(|l| l.trim().strip_prefix("npm warn audit "))
            .map(|w| format!(" ({w})"))
            .unwrap_or_default();
        return Row::skipped(
            check,
            format!("the npm advisory endpoint is unreachable from this machine{why}; see docs/security.md"),
        );
    }
    Row::new(check, format!("failed: {}", tail(out, 6)), ok)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn summary_lines_are_read_among_test_output() {
        let out = "running 1 test\ncrash-summary kills=1000 survived=1000 lost=0 repaired=312 acked=4100\ntest ok";
        let f = summary(out, "crash-summary").expect("summary");
        assert_eq!(
            (field(&f, "kills"), field(&f, "repaired"), field(&f, "nope")),
            (1000, 312, 0)
        );
        assert!(summary(out, "tamper-summary").is_none());
        let tap = "# connections seen:\n# network-summary unix=18 loopback=2 other=0 steps=7\nok 1";
        let f = summary(tap, "network-summary").expect("TAP comment");
        assert_eq!((field(&f, "unix"), field(&f, "other")), (18, 0));
    }

    #[test]
    fn libfuzzer_executions_come_from_the_final_stats_or_the_last_status_line() {
        let stats = "#1024 pulse cov: 10\nDone 51234 runs in 61 second(s)\nstat::number_of_executed_units: 51234\nstat::peak_rss_mb: 80";
        assert_eq!(fuzz_execs(stats), Some(51234));
        let crashed =
            "#2 INITED cov: 3\n#77 NEW cov: 5 ft: 6\n==1== ERROR: libFuzzer: deadly signal";
        assert_eq!(fuzz_execs(crashed), Some(77));
        assert_eq!(fuzz_execs("error: no such command: fuzz"), None);
    }

    #[test]
    fn an_unreachable_npm_endpoint_is_a_skip_and_a_clean_audit_passes() {
        assert_eq!(
            npm_audit_row("npm audit", true, "found 0 vulnerabilities\n").result,
            "0 vulnerabilities"
        );
        let row = npm_audit_row(
            "npm audit",
            false,
            "npm warn audit 405 Method Not Allowed\naudit endpoint returned an error",
        );
        assert!(
            row.ok && row.result.starts_with("skipped: "),
            "{}",
            row.result
        );
    }

    #[test]
    fn without_the_advisory_snapshot_the_audit_is_skipped_with_the_reason() {
        let row = cargo_audit(Path::new("/nonexistent/opnamewijs"));
        assert!(row.ok, "{}", row.result);
        assert!(
            row.result.starts_with("skipped: no advisory database at ")
                && row.result.contains("advisory-db"),
            "{}",
            row.result
        );
    }

    const REPORT: &str = r#"{
        "vulnerabilities": {"found": true, "count": 1, "list": [
            {"advisory": {"id": "RUSTSEC-2099-0001", "title": "a hole"},
             "package": {"name": "leaky", "version": "1.0.0"}}
        ]},
        "warnings": {
            "unmaintained": [
                {"kind": "unmaintained", "advisory": {"id": "RUSTSEC-2099-0002"},
                 "package": {"name": "old", "version": "0.1.0"}}
            ],
            "yanked": [
                {"kind": "yanked", "advisory": null, "package": {"name": "oops", "version": "2.0.1"}}
            ]
        }
    }"#;

    #[test]
    fn advisories_are_read_from_the_json_report() {
        let report: serde_json::Value = serde_json::from_str(REPORT).expect("json");
        let found: Vec<(String, String, String)> = findings(&report)
            .into_iter()
            .map(|f| (f.id, f.package, f.kind))
            .collect();
        assert_eq!(
            found,
            [
                ("RUSTSEC-2099-0001", "leaky 1.0.0", "vulnerability"),
                ("RUSTSEC-2099-0002", "old 0.1.0", "unmaintained"),
                ("yanked", "oops 2.0.1", "yanked"),
            ]
            .map(|(a, b, c)| (a.to_owned(), b.to_owned(), c.to_owned()))
        );
    }

    #[test]
    fn every_advisory_found_must_be_accepted_in_the_security_doc() {
        let report: serde_json::Value = serde_json::from_str(REPORT).expect("json");
        let doc = "| advisory | crate | status | reason |\n|---|---|---|---|\n\
                   | RUSTSEC-2099-0001 | leaky | accepted | only reached from a test |\n\
                   | `RUSTSEC-2099-0002` | old | **accepted** | no successor yet |\n\
                   | RUSTSEC-2000-0009 | gone | fixed | updated to 2.0 |\n";
        let listed = listed_advisories(doc);
        assert_eq!(listed.len(), 3);
        assert_eq!(listed["RUSTSEC-2099-0002"].status, "accepted");
        let (lines, row) = audit_verdict("cargo audit", &report, &listed);
        assert!(row.ok, "{lines:#?}");
        assert_eq!(
            row.result,
            "2 advisories found: 2 accepted (docs/security.md), 0 not accepted; 1 fixed; 1 yanked crates"
        );
        assert!(lines.iter().any(|l| {
            l == "accepted  RUSTSEC-2099-0001 leaky 1.0.0 (vulnerability): only reached from a test"
        }));
        assert!(lines
            .iter()
            .any(|l| l == "fixed     RUSTSEC-2000-0009: updated to 2.0"));
        assert!(lines.iter().any(|l| l.starts_with("yanked    oops 2.0.1")));
        let mut listed = listed_advisories("| RUSTSEC-2099-0002 | old | accepted | r |");
        let (lines, row) = audit_verdict("cargo audit", &report, &listed);
        assert!(!row.ok, "an advisory that is not listed: {lines:#?}");
        assert!(lines.iter().any(|l| {
            l == "FOUND     RUSTSEC-2099-0001 leaky 1.0.0 (vulnerability): not listed in docs/security.md"
        }));
        listed = listed_advisories(doc);
        listed.get_mut("RUSTSEC-2099-0001").expect("listed").status = "fixed".into();
        let (lines, row) = audit_verdict("cargo audit", &report, &listed);
        assert!(
            !row.ok,
            "an advisory listed as fixed is found again: {lines:#?}"
        );
    }

    #[test]
    fn the_table_lines_up_and_marks_failures() {
        let t = table(&[
            Row::new("crash: kills survived", "1000 / 1000", true),
            Row::new("npm audit", "2 vulnerabilities", false),
        ]);
        assert_eq!(
            t,
            "check                  result\ncrash: kills survived  1000 / 1000\nnpm audit              2 vulnerabilities   <-- FAILED\n"
        );
    }
}
