//! Core benchmarks at scale (criterion): opening a vault of 10,000 recordings up to the
//! dashboard's data, and recomputing every recording's deadlines.
//!
//! `cargo bench -p opnamewijs --bench core`; `OPNAMEWIJS_BENCH_RECORDINGS` changes the scale.
//! `cargo test --benches` runs each once on a tiny vault.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use opnamewijs::deadline;
use std::hint::black_box;

fn recordings() -> usize {
    let quick = !std::env::args().any(|a| a == "--bench");
    common::scale(if quick { 20 } else { 10_000 })
}

fn core(c: &mut Criterion) {
    let n = recordings();
    let fixture = common::cached(n);
    let mut group = c.benchmark_group("core");
    group.sample_size(10);

    // The first open writes the snapshot (on its background thread); every later start reads it.
    fixture
        .open()
        .wait_journal_check()
        .expect("the generated journal verifies");
    // The real start-up path: unlock, read the snapshot and the entries after it, replay; then
    // the list. The check of the whole journal runs meanwhile on another thread; closing the
    // workspace (which waits for it) is not timed here, but in `open_vault_verified`.
    group.bench_function("open_vault", |b| {
        b.iter_custom(|iters| {
            let mut spent = std::time::Duration::ZERO;
            for _ in 0..iters {
                let started = std::time::Instant::now();
                let ws = fixture.open();
                black_box(ws.list().expect("list"));
                spent += started.elapsed();
                drop(ws);
            }
            spent
        })
    });
    // Until every entry is verified as well: when the first change may be written.
    group.bench_function("open_vault_verified", |b| {
        b.iter(|| {
            let ws = fixture.open();
            black_box(ws.list().expect("list"));
            ws.wait_journal_check().expect("verified");
        })
    });

    let ws = fixture.open();
    assert_eq!(ws.recordings().len(), n, "the vault holds {n} recordings");
    // In the order the workspace keeps them, as `list()` and the reminders walk them.
    let recs: Vec<_> = ws
        .recordings()
        .iter()
        .map(|rec| {
            let pack = ws
                .packs()
                .require(&rec.pack.id, &rec.pack.version)
                .expect("pack");
            (pack, rec)
        })
        .collect();
    let now = common::now();
    group.bench_function("deadlines", |b| {
        b.iter(|| {
            for (pack, rec) in &recs {
                black_box(deadline::derive(pack, rec, now));
            }
        })
    });
    // The dashboard list from memory: deadlines plus summaries, sorted.
    group.bench_function("list", |b| b.iter(|| black_box(ws.list().expect("list"))));
    group.finish();
}

criterion_group!(benches, core);
criterion_main!(benches);
