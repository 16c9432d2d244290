//! Tick → durable on disk: the latency of each `set_item` (journal append, fsync, head record
//! replaced atomically) in a vault of 1,000 recordings, as p50/p99 over 1,000 ticks.
//!
//! `cargo bench -p opnamewijs --bench tick`; `OPNAMEWIJS_BENCH_RECORDINGS` and
//! `OPNAMEWIJS_BENCH_TICKS` change the sizes. Without `--bench` (`cargo test --benches`) it runs
//! 20 ticks on 20 recordings. Prints one `tick_us` line for `cargo xtask bench`.

#![allow(clippy::print_stdout)]

mod common;

use opnamewijs::workspace::SetItem;
use std::time::Instant;

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let n = common::scale(if quick { 20 } else { 1_000 });
    let ticks: usize = std::env::var("OPNAMEWIJS_BENCH_TICKS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(if quick { 20 } else { 1_000 });
    let (_tmp, fixture) = common::scratch_copy(n);
    let mut ws = fixture.open();
    // Toggle the first item of each recording (ticked by the generator), round-robin.
    let targets: Vec<(String, String)> = ws
        .list()
        .expect("list")
        .into_iter()
        .map(|s| {
            let view = ws.view(&s.id).expect("view");
            let item = view
                .phases
                .first()
                .and_then(|p| p.items.first())
                .map(|i| i.id.clone())
                .expect("a first item");
            (s.id, item)
        })
        .collect();
    let mut done = vec![true; targets.len()];
    let mut micros: Vec<f64> = Vec::with_capacity(ticks);
    for i in 0..ticks {
        let k = i % targets.len();
        done[k] = !done[k];
        let (recording, item) = &targets[k];
        let input = SetItem {
            recording: recording.clone(),
            item: item.clone(),
            done: done[k],
            note: None,
        };
        let started = Instant::now();
        ws.set_item(input).expect("tick");
        micros.push(started.elapsed().as_secs_f64() * 1e6);
    }
    micros.sort_by(f64::total_cmp);
    let pct = |p: f64| micros[((micros.len() - 1) as f64 * p).round() as usize];
    println!(
        "tick → durable, {ticks} ticks, {n} recordings: p50 {:.0} µs, p99 {:.0} µs, max {:.0} µs",
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
    println!(
        "tick_us p50={:.0} p99={:.0} max={:.0} n={ticks} recordings={n}",
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
    drop(ws);
    fsync_floor(&fixture.data, ticks);
}

/// The disk's own share: appending 1 KiB to a file and fsyncing it, as often as there were ticks
/// (a tick does this once for the journal and twice for the head record's atomic replace).
fn fsync_floor(dir: &std::path::Path, times: usize) {
    use std::io::Write;
    let path = dir.join("fsync-floor.tmp");
    let mut file = std::fs::File::create(&path).expect("create probe file");
    let block = [7u8; 1024];
    let mut micros: Vec<f64> = (0..times)
        .map(|_| {
            let started = Instant::now();
            file.write_all(&block)
                .and_then(|()| file.sync_all())
                .expect("append and fsync");
            started.elapsed().as_secs_f64() * 1e6
        })
        .collect();
    let _ = std::fs::remove_file(&path);
    micros.sort_by(f64::total_cmp);
    let pct = |p: f64| micros[((micros.len() - 1) as f64 * p).round() as usize];
    println!(
        "fsync_us p50={:.0} p99={:.0} max={:.0} n={times}",
        pct(0.5),
        pct(0.99),
        pct(1.0)
    );
}
