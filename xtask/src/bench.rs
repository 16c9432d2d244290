//! `cargo xtask bench`: Opnamewijs measured on this machine, side by side with the hello-world
//! Tauri app in `bench/hello` built the same way.
//!
//! - start → first paint and idle memory: each binary is started [`RUNS`] times on each of the
//!   two drawing paths WebKitGTK has ([`PATHS`]), under Xvfb in one private D-Bus session with an
//!   unlocked gnome-keyring, with a fresh HOME and XDG directories per start. Both binaries start
//!   with a hidden window that the page shows once it is in place; the page then reports its
//!   first painted frame (`ui_ready`; the baseline's page calls `ready`), which the shell prints
//!   as [`READY`] on stderr when `OPNAMEWIJS_BENCH=1`. Each path gets median, p90, max and the
//!   starts slower than [`STALL`] × the median. On the first [`MEMORY_RUNS`] starts per path the
//!   resident memory of the whole process tree (the app and its WebKit processes) is summed three
//!   seconds later, RSS and PSS.
//! - click → updated view: the release app opens generated vaults of 1,000 and 10,000
//!   recordings (`benches/app_vaults.rs`) in the real window, through the end-to-end runner, and a
//!   page probe (`bench/click/click.bench.mjs`) times 40 ticks and unticks of one item each, from
//!   the click until the core's answer is in the document, with the longest gap between two
//!   animation frames meanwhile (a blocked event loop shows as a long gap).
//! - the core: `cargo bench` of `benches/core.rs` (criterion medians) and `benches/tick.rs`.
//! - sizes: the release binaries and the `.deb` from [`crate::bundle`].
//!
//! `--quick` checks the harness on a tiny input instead: one start per path of the debug binary
//! (the baseline only if its debug binary exists), the core benches once each in test mode, no
//! release build.

use super::bundle::{deb, target_dir};
use super::{cargo, ensure_system_packages, ensure_ui_packages, npm, Result};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Starts per binary and drawing path for the whole-app figures.
const RUNS: usize = 20;
/// Starts per binary and path whose idle memory is read (each costs [`IDLE`]).
const MEMORY_RUNS: usize = 5;
/// A start slower than this many times its series' median is reported as a stall.
const STALL: f64 = 1.5;
/// The two ways WebKitGTK draws, as `(name, what the table calls it)`.
///
/// - `composited`: the default, drawn with GL (Mesa's software rasteriser under Xvfb). Every start
///   has a fresh HOME, so the shader cache is shared across starts (`MESA_SHADER_CACHE_DIR`), as it
///   is for a user who starts the app a second time.
/// - `non-composited`: what `WEBKIT_DISABLE_COMPOSITING_MODE=1` and
///   `WEBKIT_DISABLE_DMABUF_RENDERER=1` force, common workarounds for blank windows on some drivers
///   and in virtual machines; the end-to-end tests run this way too.
const PATHS: [(&str, &str); 2] = [
    ("composited", "default (composited) path"),
    ("non-composited", "non-composited path (WEBKIT_DISABLE_*)"),
];
/// What the shells print on stderr once the first screen was painted.
const READY: &str = "opnamewijs: ready";
/// How long the app idles before its memory is read.
const IDLE: Duration = Duration::from_secs(3);
/// Longest wait for the ready line.
const START_TIMEOUT: Duration = Duration::from_secs(60);

/// What one start measured (memory 0 where it was not read).
#[derive(Debug, Clone)]
struct Start {
    /// The page's own marks (`script`, `answered`, `drawn`, `shown`, `painted`, …), in ms after
    /// spawn.
    marks: Vec<(String, f64)>,
    ready_ms: f64,
    rss_kb: u64,
    pss_kb: u64,
}

/// One binary's starts on one path.
#[derive(Debug, Clone, Default)]
struct Series(Vec<Start>);

impl Series {
    fn times(&self) -> Vec<f64> {
        let mut t: Vec<f64> = self.0.iter().map(|s| s.ready_ms).collect();
        t.sort_by(f64::total_cmp);
        t
    }

    fn median(&self) -> Option<f64> {
        Some(median(self.times())).filter(|m| m.is_finite())
    }

    /// The nearest-rank percentile `p` (0–100) of the start times.
    fn percentile(&self, p: f64) -> Option<f64> {
        let t = self.times();
        let rank = ((p / 100.0) * t.len() as f64).ceil() as usize;
        t.get(rank.clamp(1, t.len().max(1)) - 1).copied()
    }

    fn max(&self) -> Option<f64> {
        self.times().last().copied()
    }

    /// The starts slower than [`STALL`] × the median.
    fn stalls(&self) -> Vec<f64> {
        let Some(m) = self.median() else {
            return Vec::new();
        };
        self.times()
            .into_iter()
            .filter(|t| *t > m * STALL)
            .collect()
    }

    /// Median of the page's mark `name` over the starts that reported it.
    fn mark(&self, name: &str) -> Option<f64> {
        let at: Vec<f64> = self
            .0
            .iter()
            .filter_map(|s| s.marks.iter().find(|(k, _)| k == name).map(|(_, v)| *v))
            .collect();
        Some(median(at)).filter(|m| m.is_finite())
    }

    /// Median memory of the starts whose memory was read.
    fn memory(&self, f: fn(&Start) -> u64) -> Option<f64> {
        let read: Vec<f64> = self
            .0
            .iter()
            .map(f)
            .filter(|kb| *kb > 0)
            .map(|kb| kb as f64 / 1024.0)
            .collect();
        Some(median(read)).filter(|m| m.is_finite())
    }
}

/// `cargo xtask bench [--quick]`.
pub fn bench(root: &Path, quick: bool) -> Result {
    ensure_system_packages()?;
    ensure_ui_packages(root)?;
    let target = target_dir(root);
    let (app, hello, runs) = if quick {
        let app = target.join("debug/opnamewijs");
        if !app.exists() {
            return Err(format!(
                "{} is missing: build it with `cargo build -p opnamewijs-app --features custom-protocol`",
                app.display()
            ));
        }
        let hello = Some(target.join("debug/bench-hello")).filter(|p| p.exists());
        (app, hello, 1)
    } else {
        npm(root, &["run", "build"])?;
        // One cargo run each, so neither carries the other's features (the app's build is the
        // one `cargo xtask bundle` packages).
        for package in ["opnamewijs-app", "opnamewijs-bench-hello"] {
            crate::build_embedded(root, package, true)?;
        }
        let hello = target.join("release/bench-hello");
        (target.join("release/opnamewijs"), Some(hello), RUNS)
    };

    let core = core_benches(root, &target, quick)?;
    let mut binaries = vec![("app", app.clone())];
    binaries.extend(hello.clone().map(|h| ("hello", h)));
    let starts = start_session(root, runs, &binaries)?;
    let clicks = clicks(root, &app, quick)?;
    let deb_size = if quick {
        None
    } else {
        Some(file_size(&deb(root)?)?)
    };

    // (binary, path) → its starts, in the order the table shows them.
    let series = |label: &str, path: &str| {
        Series(
            starts
                .iter()
                .filter(|(l, p, _)| l == label && p == path)
                .map(|(_, _, s)| s.clone())
                .collect(),
        )
    };
    let paths = PATHS.map(|(name, title)| PathSeries {
        title,
        app: series("app", name),
        hello: series("hello", name),
    });
    let report = Report {
        quick,
        runs,
        paths,
        clicks,
        core,
        app_size: file_size(&app)?,
        hello_size: hello.as_deref().map(file_size).transpose()?,
        deb_size,
    };
    let table = report.table();
    println!("\n{table}");
    let out = target.join("bench-report.md");
    std::fs::write(&out, &table).map_err(|e| format!("{}: {e}", out.display()))?;
    println!("(also written to {})", out.display());
    Ok(())
}

fn median(mut xs: Vec<f64>) -> f64 {
    xs.sort_by(f64::total_cmp);
    let n = xs.len();
    match n {
        0 => f64::NAN,
        _ if n % 2 == 1 => xs[n / 2],
        _ => (xs[n / 2 - 1] + xs[n / 2]) / 2.0,
    }
}

fn file_size(path: &Path) -> Result<u64> {
    std::fs::metadata(path)
        .map(|m| m.len())
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// Core figures, in milliseconds (`None` in quick mode, where criterion only checks).
#[derive(Debug, Default)]
struct Core {
    open_ms: Option<f64>,
    verified_ms: Option<f64>,
    deadlines_ms: Option<f64>,
    list_ms: Option<f64>,
    /// Loading the packs with a folder of crafted ones, less loading the embedded ones alone.
    crafted_packs_ms: Option<f64>,
    tick_p50_ms: Option<f64>,
    tick_p99_ms: Option<f64>,
    tick_line: String,
}

fn core_benches(root: &Path, target: &Path, quick: bool) -> Result<Core> {
    let mut core = Core::default();
    let tick_out = if quick {
        capture(
            Command::new(cargo_bin())
                .current_dir(root)
                .args(["test", "-p", "opnamewijs", "--bench", "core", "--bench"])
                .arg("tick"),
        )?
    } else {
        cargo(root, &["bench", "-p", "opnamewijs", "--bench", "core"])?;
        let estimate = |name: &str| -> Result<f64> {
            let path = target.join(format!("criterion/core/{name}/new/estimates.json"));
            let text =
                std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
            let json: serde_json::Value =
                serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))?;
            json["median"]["point_estimate"]
                .as_f64()
                .map(|ns| ns / 1e6)
                .ok_or_else(|| format!("{}: no median", path.display()))
        };
        core.open_ms = Some(estimate("open_vault")?);
        core.verified_ms = Some(estimate("open_vault_verified")?);
        core.deadlines_ms = Some(estimate("deadlines")?);
        core.list_ms = Some(estimate("list")?);
        core.crafted_packs_ms = Some(estimate("packs_crafted")? - estimate("packs_embedded")?);
        capture(Command::new(cargo_bin()).current_dir(root).args([
            "bench",
            "-p",
            "opnamewijs",
            "--bench",
            "tick",
        ]))?
    };
    let line = tick_out
        .lines()
        .find(|l| l.starts_with("tick_us "))
        .ok_or("the tick benchmark printed no `tick_us` line")?;
    let field = |key: &str| -> Option<f64> {
        line.split_whitespace()
            .find_map(|kv| kv.strip_prefix(key)?.strip_prefix('=')?.parse().ok())
    };
    core.tick_p50_ms = field("p50").map(|us| us / 1e3);
    core.tick_p99_ms = field("p99").map(|us| us / 1e3);
    core.tick_line = tick_out
        .lines()
        .filter(|l| l.starts_with("tick_us ") || l.starts_with("fsync_us "))
        .collect::<Vec<_>>()
        .join("`, `");
    Ok(core)
}

fn cargo_bin() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// Runs a command, echoing it and its output, and returns its stdout.
fn capture(cmd: &mut Command) -> Result<String> {
    println!("$ {}", format!("{cmd:?}").replace('"', ""));
    let out = cmd
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("could not start {cmd:?}: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    print!("{stdout}");
    if out.status.success() {
        Ok(stdout)
    } else {
        Err(format!("{cmd:?} exited with {}", out.status))
    }
}

/// Runs `bench-session` inside Xvfb and a private D-Bus session with an unlocked gnome-keyring
/// (like `tests/e2e/run.sh`) and collects its `start` lines.
fn start_session(
    root: &Path,
    runs: usize,
    binaries: &[(&str, PathBuf)],
) -> Result<Vec<(String, String, Start)>> {
    let exe = std::env::current_exe().map_err(|e| format!("current exe: {e}"))?;
    let tmp = std::env::temp_dir().join(format!("opnamewijs-bench-{}", std::process::id()));
    let keyring_home = tmp.join("keyring-home");
    std::fs::create_dir_all(keyring_home.join("data"))
        .map_err(|e| format!("{}: {e}", tmp.display()))?;
    let script = r#"out=$(printf pw | gnome-keyring-daemon --unlock --components=secrets 2>/dev/null)
while IFS= read -r line; do case "$line" in [A-Z]*=*) export "$line" ;; esac; done <<EOF
$out
EOF
exec "$@""#;
    let mut cmd = Command::new("xvfb-run");
    cmd.current_dir(root)
        .args([
            "-a",
            "-s",
            "-screen 0 1280x1024x24",
            "dbus-run-session",
            "--",
        ])
        .args(["bash", "-c", script, "bench-session"])
        .arg(&exe)
        .arg("bench-session")
        .arg(tmp.join("runs"))
        .arg(runs.to_string());
    for (label, path) in binaries {
        cmd.arg(format!("{label}={}", path.display()));
    }
    cmd.env("HOME", &keyring_home)
        .env("XDG_DATA_HOME", keyring_home.join("data"))
        .env_remove("DBUS_SESSION_BUS_ADDRESS")
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY");
    let out = capture(&mut cmd);
    let _ = std::fs::remove_dir_all(&tmp);
    let out = out?;
    let mut starts = Vec::new();
    for line in out.lines() {
        let mut words = line.split_whitespace();
        if words.next() != Some("start") {
            continue;
        }
        let label = words.next().unwrap_or_default().to_owned();
        let mut path = String::new();
        let mut start = Start {
            marks: Vec::new(),
            ready_ms: f64::NAN,
            rss_kb: 0,
            pss_kb: 0,
        };
        for kv in words {
            match kv.split_once('=') {
                Some((k, v)) if k.starts_with("mark_") => {
                    if let Ok(ms) = v.parse() {
                        start.marks.push((k["mark_".len()..].to_owned(), ms));
                    }
                }
                Some(("path", v)) => path = v.to_owned(),
                Some(("ready_ms", v)) => start.ready_ms = v.parse().unwrap_or(f64::NAN),
                Some(("rss_kb", v)) => start.rss_kb = v.parse().unwrap_or(0),
                Some(("pss_kb", v)) => start.pss_kb = v.parse().unwrap_or(0),
                _ => {}
            }
        }
        starts.push((label, path, start));
    }
    let expected = runs * binaries.len() * PATHS.len();
    if starts.len() != expected {
        return Err(format!("expected {expected} starts, got {}", starts.len()));
    }
    Ok(starts)
}

/// `cargo xtask bench-session <dir> <runs> <label>=<binary>...`, run by [`bench`] inside Xvfb and
/// a D-Bus session: per drawing path, starts each binary once to warm up (the app creates its
/// vault then, the composited path fills the shared shader cache), then `runs` times in turn,
/// printing one `start` line per start.
pub fn session(args: &[String]) -> Result {
    let [dir, runs, binaries @ ..] = args else {
        return Err("usage: bench-session <dir> <runs> <label>=<binary>...".into());
    };
    let dir = PathBuf::from(dir);
    let runs: usize = runs.parse().map_err(|e| format!("runs: {e}"))?;
    let binaries: Vec<(&str, &str)> = binaries.iter().filter_map(|b| b.split_once('=')).collect();
    for (path, _) in PATHS {
        for (label, binary) in &binaries {
            let s = start_once(&dir, path, label, binary, "warm-up", false)?;
            println!("warm-up {label} path={path} ready_ms={:.1}", s.ready_ms);
        }
        for run in 0..runs {
            for (label, binary) in &binaries {
                let measure = run < MEMORY_RUNS;
                let s = start_once(&dir, path, label, binary, &run.to_string(), measure)?;
                let marks: Vec<String> = s
                    .marks
                    .iter()
                    .map(|(k, v)| format!("mark_{k}={v:.1}"))
                    .collect();
                println!(
                    "start {label} path={path} run={run} ready_ms={:.1} rss_kb={} pss_kb={} {}",
                    s.ready_ms,
                    s.rss_kb,
                    s.pss_kb,
                    marks.join(" ")
                );
            }
        }
    }
    Ok(())
}

/// Starts `binary` on drawing `path` with a fresh HOME and XDG directories, waits for [`READY`],
/// optionally idles and reads the process tree's memory, then stops the whole tree.
fn start_once(
    dir: &Path,
    path: &str,
    label: &str,
    binary: &str,
    run: &str,
    measure: bool,
) -> Result<Start> {
    let home = dir.join(format!("{path}-{label}-{run}"));
    let xdg = ["data", "config", "cache", "runtime"].map(|d| home.join(d));
    for d in &xdg {
        std::fs::create_dir_all(d).map_err(|e| format!("{}: {e}", d.display()))?;
    }
    use std::os::unix::fs::PermissionsExt;
    let _ = std::fs::set_permissions(&xdg[3], std::fs::Permissions::from_mode(0o700));
    let mut cmd = Command::new(binary);
    if label == "app" {
        // One data directory for all starts: the warm-up creates the vault, the rest open it.
        cmd.arg("--data-dir").arg(dir.join("app-data"));
    }
    if path == "composited" {
        cmd.env_remove("WEBKIT_DISABLE_DMABUF_RENDERER")
            .env_remove("WEBKIT_DISABLE_COMPOSITING_MODE")
            .env("MESA_SHADER_CACHE_DIR", dir.join("mesa-shader-cache"));
    } else {
        cmd.env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
    cmd.env("OPNAMEWIJS_BENCH", "1")
        .env("OPNAMEWIJS_KEYRING_SERVICE", "nl.opnamewijs.bench")
        .env("HOME", &home)
        .env("XDG_DATA_HOME", &xdg[0])
        .env("XDG_CONFIG_HOME", &xdg[1])
        .env("XDG_CACHE_HOME", &xdg[2])
        .env("XDG_RUNTIME_DIR", &xdg[3])
        .env("NO_AT_BRIDGE", "1")
        .env("GDK_BACKEND", "x11")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped());
    let started = Instant::now();
    let spawned_ms = epoch_ms(std::time::SystemTime::now());
    let mut child = cmd.spawn().map_err(|e| format!("{binary}: {e}"))?;
    let pid = child.id();
    let (tx, rx) = mpsc::channel();
    if let Some(stderr) = child.stderr.take() {
        std::thread::spawn(move || {
            let mut tail = Vec::new();
            for line in BufReader::new(stderr).lines().map_while(|l| l.ok()) {
                if line.contains(READY) {
                    let _ = tx.send(Ok((started.elapsed(), line)));
                } else {
                    tail.push(line);
                }
            }
            let _ = tx.send(Err(tail.join("\n")));
        });
    }
    let ready = rx.recv_timeout(START_TIMEOUT);
    let outcome = match ready {
        Ok(Ok((elapsed, line))) => {
            let mut s = Start {
                marks: page_marks(&line, spawned_ms),
                ready_ms: elapsed.as_secs_f64() * 1e3,
                rss_kb: 0,
                pss_kb: 0,
            };
            if measure {
                std::thread::sleep(IDLE);
                let tree = process_tree(pid);
                s.rss_kb = tree.iter().map(|p| status_kb(*p, "VmRSS:")).sum();
                s.pss_kb = tree.iter().map(|p| pss_kb(*p)).sum();
                if run == "0" {
                    let names: Vec<String> = tree.iter().map(|p| comm(*p)).collect();
                    eprintln!("{label} ({path}): process tree {}", names.join(", "));
                }
            }
            Ok(s)
        }
        Ok(Err(stderr)) => Err(format!("{label} exited before it was ready:\n{stderr}")),
        Err(_) => Err(format!("{label} was not ready within {START_TIMEOUT:?}")),
    };
    stop_tree(pid, &mut child);
    outcome
}

fn epoch_ms(t: std::time::SystemTime) -> f64 {
    t.duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs_f64() * 1e3)
        .unwrap_or(f64::NAN)
}

/// The marks of a ready line (`opnamewijs: ready origin=… script=… …`, ms since the page's time
/// origin, which is itself ms since the epoch) as ms after the spawn.
fn page_marks(line: &str, spawned_ms: f64) -> Vec<(String, f64)> {
    let pairs: Vec<(&str, f64)> = line
        .split_whitespace()
        .filter_map(|kv| kv.split_once('='))
        .filter_map(|(k, v)| Some((k, v.parse().ok()?)))
        .collect();
    let Some(origin) = pairs.iter().find(|(k, _)| *k == "origin").map(|(_, v)| *v) else {
        return Vec::new();
    };
    pairs
        .into_iter()
        .filter(|(k, _)| *k != "origin")
        .map(|(k, v)| (k.to_owned(), origin + v - spawned_ms))
        .collect()
}

/// `pid` and all its descendants, from the parent pids in `/proc/*/stat`.
fn process_tree(pid: u32) -> Vec<u32> {
    let parents: Vec<(u32, u32)> = std::fs::read_dir("/proc")
        .into_iter()
        .flatten()
        .filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|p| Some((p, parent_of(p)?)))
        .collect();
    let mut tree = vec![pid];
    let mut i = 0;
    while i < tree.len() {
        let parent = tree[i];
        tree.extend(
            parents
                .iter()
                .filter(|(_, pp)| *pp == parent)
                .map(|(p, _)| *p),
        );
        i += 1;
    }
    tree
}

fn parent_of(pid: u32) -> Option<u32> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name may hold spaces and parentheses: the fields after the last ')' are fixed.
    let rest = stat.rsplit_once(')')?.1;
    rest.split_whitespace().nth(1)?.parse().ok()
}

fn comm(pid: u32) -> String {
    std::fs::read_to_string(format!("/proc/{pid}/comm"))
        .map(|c| c.trim().to_owned())
        .unwrap_or_default()
}

/// A `kB` field of `/proc/<pid>/status`.
fn status_kb(pid: u32, key: &str) -> u64 {
    kb_field(&format!("/proc/{pid}/status"), key)
}

fn pss_kb(pid: u32) -> u64 {
    kb_field(&format!("/proc/{pid}/smaps_rollup"), "Pss:")
}

fn kb_field(path: &str, key: &str) -> u64 {
    std::fs::read_to_string(path)
        .ok()
        .and_then(|text| {
            text.lines()
                .find_map(|l| l.strip_prefix(key)?.split_whitespace().next()?.parse().ok())
        })
        .unwrap_or(0)
}

/// Ends `pid` and everything it started (WebKit processes), politely first.
fn stop_tree(pid: u32, child: &mut std::process::Child) {
    let tree = process_tree(pid);
    let signal = |sig: &str, pids: &[u32]| {
        let _ = Command::new("kill")
            .arg(sig)
            .args(pids.iter().map(u32::to_string))
            .stderr(Stdio::null())
            .status();
    };
    signal("-TERM", &tree);
    let deadline = Instant::now() + Duration::from_secs(5);
    while Instant::now() < deadline {
        if matches!(child.try_wait(), Ok(Some(_)))
            && tree
                .iter()
                .all(|p| !Path::new(&format!("/proc/{p}")).exists())
        {
            return;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    let left: Vec<u32> = tree
        .into_iter()
        .filter(|p| Path::new(&format!("/proc/{p}")).exists())
        .collect();
    signal("-KILL", &left);
    let _ = child.wait();
}

/// Click → updated view in the real window, on one vault (see `bench/click/click.bench.mjs`).
#[derive(Debug, Clone, Default)]
struct Click {
    recordings: usize,
    p50_ms: f64,
    p99_ms: f64,
    max_ms: f64,
    max_gap_ms: f64,
    checking_first: bool,
}

/// Generates the passphrase vaults (`benches/app_vaults.rs`: 1,000 and 10,000 recordings, or 20
/// in quick mode) and runs the click probe on them in the real window, through the end-to-end
/// runner (Xvfb, D-Bus, tauri-driver): ticks and unticks one item 40 times per vault.
fn clicks(root: &Path, app: &Path, quick: bool) -> Result<Vec<Click>> {
    crate::ensure_tauri_driver()?;
    let mode = if quick { "test" } else { "bench" };
    let out = capture(Command::new(cargo_bin()).current_dir(root).args([
        mode,
        "-p",
        "opnamewijs",
        "--bench",
        "app_vaults",
    ]))?;
    let mut vaults = Vec::new();
    let mut passphrase = String::new();
    for line in out.lines() {
        if let Some(p) = line.strip_prefix("app-vault-passphrase ") {
            passphrase = p.to_owned();
        } else if let Some(rest) = line.strip_prefix("app-vault n=") {
            if let Some((n, dir)) = rest.split_once(" dir=") {
                vaults.push(format!("{n}={dir}"));
            }
        }
    }
    let out = capture(
        Command::new("bash")
            .current_dir(root)
            .arg("tests/e2e/run.sh")
            .arg(app)
            .arg("bench/click/click.bench.mjs")
            .env("OPNAMEWIJS_CLICK_VAULTS", vaults.join(";"))
            .env("OPNAMEWIJS_CLICK_PASSPHRASE", passphrase),
    )?;
    let clicks: Vec<Click> = out
        .lines()
        .filter_map(|l| l.trim_start_matches("# ").strip_prefix("click "))
        .map(|l| {
            let mut c = Click::default();
            for kv in l.split_whitespace() {
                match kv.split_once('=') {
                    Some(("n", v)) => c.recordings = v.parse().unwrap_or(0),
                    Some(("p50_ms", v)) => c.p50_ms = v.parse().unwrap_or(f64::NAN),
                    Some(("p99_ms", v)) => c.p99_ms = v.parse().unwrap_or(f64::NAN),
                    Some(("max_ms", v)) => c.max_ms = v.parse().unwrap_or(f64::NAN),
                    Some(("max_gap_ms", v)) => c.max_gap_ms = v.parse().unwrap_or(f64::NAN),
                    Some(("checking_first", v)) => c.checking_first = v == "true",
                    _ => {}
                }
            }
            c
        })
        .collect();
    if clicks.len() != vaults.len() {
        return Err(format!(
            "the click probe measured {} of {} vaults",
            clicks.len(),
            vaults.len()
        ));
    }
    Ok(clicks)
}

/// The starts of both binaries on one drawing path.
#[derive(Debug)]
struct PathSeries {
    title: &'static str,
    app: Series,
    hello: Series,
}

impl PathSeries {
    /// The app's median within 10 % of the baseline's, and no stall of the app.
    fn start_ok(&self) -> Option<bool> {
        let app = self.app.median()?;
        let fair = self.hello.median().is_none_or(|h| app <= h * 1.10);
        Some(fair && self.app.stalls().is_empty())
    }
}

/// Everything the table shows.
#[derive(Debug)]
struct Report {
    quick: bool,
    runs: usize,
    paths: [PathSeries; 2],
    clicks: Vec<Click>,
    core: Core,
    app_size: u64,
    hello_size: Option<u64>,
    deb_size: Option<u64>,
}

/// `median / p90 / max ms, N stalls (…)` of one series, or `–` when it has none.
fn starts_cell(series: &Series) -> String {
    let (Some(med), Some(p90), Some(max)) =
        (series.median(), series.percentile(90.0), series.max())
    else {
        return "–".to_owned();
    };
    let stalls = series.stalls();
    let stalls = match stalls.len() {
        0 => "0 stalls".to_owned(),
        n => {
            let times: Vec<String> = stalls.iter().map(|t| format!("{t:.0}")).collect();
            format!("**{n} stall(s)**: {} ms", times.join(", "))
        }
    };
    format!("{med:.1} / {p90:.1} / {max:.1} ms, {stalls}")
}

impl Report {
    /// Where a start goes: the medians of the page's marks, in ms after spawn.
    fn marks_table(&self) -> String {
        const MARKS: [(&str, &str); 6] = [
            ("script", "page script runs"),
            ("asked", "first data asked (app)"),
            ("answered", "first data answered (app)"),
            ("drawn", "first screen in the document (app)"),
            ("shown", "window shown (the shell answered)"),
            ("painted", "first frame painted"),
        ];
        let mut out = String::from(
            "\nWhere a start goes: medians of the page's own marks, ms after spawn.\n\n| step |",
        );
        let mut columns = Vec::new();
        for path in &self.paths {
            for (label, series) in [("app", &path.app), ("hello", &path.hello)] {
                out.push_str(&format!(" {label}, {} |", path.title));
                columns.push(series);
            }
        }
        out.push_str(&format!("\n|---|{}\n", "---|".repeat(columns.len())));
        for (mark, what) in MARKS {
            out.push_str(&format!("| {what} |"));
            for series in &columns {
                match series.mark(mark) {
                    Some(ms) => out.push_str(&format!(" {ms:.0} |")),
                    None => out.push_str(" – |"),
                }
            }
            out.push('\n');
        }
        out
    }

    fn table(&self) -> String {
        let bytes_mb = |b: u64| b as f64 / 1e6;
        let cell = |v: Option<f64>, unit: &str| match v {
            Some(v) if v.is_finite() => format!("{v:.1} {unit}"),
            _ => "–".to_owned(),
        };
        let verdict = |ok: Option<bool>| match ok {
            _ if self.quick => "(quick: not judged)",
            Some(true) => "pass",
            Some(false) => "**miss**",
            None => "–",
        };
        let c = &self.core;
        let tick = match (c.tick_p50_ms, c.tick_p99_ms) {
            (Some(a), Some(b)) => format!("{a:.2} / {b:.2} ms"),
            _ => "–".to_owned(),
        };
        let mut rows = Vec::new();
        for path in &self.paths {
            rows.push((
                format!(
                    "start → first painted screen, {}: median / p90 / max",
                    path.title
                ),
                starts_cell(&path.app),
                starts_cell(&path.hello),
                "median ≤ baseline + 10 %, no stall",
                verdict(path.start_ok()),
            ));
        }
        for path in &self.paths {
            let rss = |s: &Series| s.memory(|s| s.rss_kb);
            rows.push((
                format!("idle RSS of the process tree after 3 s, {}", path.title),
                cell(rss(&path.app), "MB"),
                cell(rss(&path.hello), "MB"),
                "≤ 250 MB",
                verdict(rss(&path.app).map(|v| v <= 250.0)),
            ));
            let pss = |s: &Series| s.memory(|s| s.pss_kb);
            rows.push((
                format!("idle PSS of the process tree after 3 s, {}", path.title),
                cell(pss(&path.app), "MB"),
                cell(pss(&path.hello), "MB"),
                "(information)",
                "–",
            ));
        }
        for click in &self.clicks {
            rows.push((
                format!(
                    "click → updated view in the window, {} recordings{}: p50 / p99 / max; longest frame gap",
                    click.recordings,
                    if click.checking_first {
                        " (first click while the journal check runs)"
                    } else {
                        ""
                    }
                ),
                format!(
                    "{:.1} / {:.1} / {:.1} ms; gap {:.1} ms",
                    click.p50_ms, click.p99_ms, click.max_ms, click.max_gap_ms
                ),
                "".to_owned(),
                "no frame gap > 50 ms",
                verdict(Some(click.max_gap_ms <= 50.0)),
            ));
        }
        rows.extend([
            (
                "tick → durable p50 / p99, 1,000 recordings".to_owned(),
                tick,
                "".to_owned(),
                "p99 ≤ 5 ms",
                verdict(c.tick_p99_ms.map(|v| v <= 5.0)),
            ),
            (
                "open 10,000 recordings → dashboard data ready".to_owned(),
                cell(c.open_ms, "ms"),
                "".to_owned(),
                "≤ 150 ms",
                verdict(c.open_ms.map(|v| v <= 150.0)),
            ),
            (
                "open 10,000 recordings → every entry verified (first write)".to_owned(),
                cell(c.verified_ms, "ms"),
                "".to_owned(),
                "(information)",
                "–",
            ),
            (
                "deadline recomputation, 10,000 recordings".to_owned(),
                cell(c.deadlines_ms, "ms"),
                "".to_owned(),
                "≤ 20 ms",
                verdict(c.deadlines_ms.map(|v| v <= 20.0)),
            ),
            (
                "dashboard list from memory, 10,000 recordings".to_owned(),
                cell(c.list_ms, "ms"),
                "".to_owned(),
                "(information)",
                "–",
            ),
            (
                "start-up with a folder of crafted packs at every limit: extra time".to_owned(),
                cell(c.crafted_packs_ms, "ms"),
                "".to_owned(),
                "≤ 100 ms",
                verdict(c.crafted_packs_ms.map(|v| v <= 100.0)),
            ),
            (
                format!(
                    "{} binary size",
                    if self.quick { "debug" } else { "release" }
                ),
                cell(Some(bytes_mb(self.app_size)), "MB"),
                cell(self.hello_size.map(bytes_mb), "MB"),
                "≤ 12 MB",
                verdict(Some(bytes_mb(self.app_size) <= 12.0)),
            ),
            (
                ".deb size".to_owned(),
                cell(self.deb_size.map(bytes_mb), "MB"),
                "".to_owned(),
                "≤ 5 MB",
                verdict(self.deb_size.map(|b| bytes_mb(b) <= 5.0)),
            ),
        ]);
        let mut out = format!(
            "{} start(s) per binary and drawing path (memory read on the first {}); a start \
             slower than {STALL} × its median is a stall. Core figures are criterion medians.\n\n\
             | metric | Opnamewijs | hello-world baseline | target | result |\n|---|---|---|---|---|\n",
            self.runs,
            self.runs.min(MEMORY_RUNS),
        );
        for (metric, app, hello, target, result) in rows {
            out.push_str(&format!(
                "| {metric} | {app} | {hello} | {target} | {result} |\n"
            ));
        }
        out.push_str(&format!("\n`{}`\n", c.tick_line));
        out.push_str(&self.marks_table());
        out
    }
}
