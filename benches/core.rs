//! Core benchmarks at scale (criterion): opening a vault of 10,000 recordings up to the
//! dashboard's data, recomputing every recording's deadlines, and loading the policy packs at
//! start-up, the embedded ones alone and with a folder of packs crafted to cost the most the
//! limits allow.
//!
//! `cargo bench -p opnamewijs --bench core`; `OPNAMEWIJS_BENCH_RECORDINGS` changes the scale.
//! `cargo test --benches` runs each once on a tiny vault.

mod common;

use criterion::{criterion_group, criterion_main, Criterion};
use opnamewijs::deadline;
use opnamewijs::policy::PackSet;
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
    drop(ws);

    // The packs at start-up (what `Workspace::open` does before it reads the journal): the
    // embedded ones, and those plus a folder of crafted ones at every limit (the most files read,
    // each as large as a pack may be, every condition as large and deep as allowed, plus files
    // past the most read). The difference is what a crafted folder adds to a start.
    let crafted = tempfile::tempdir().expect("temp dir");
    common::packs::write_crafted(crafted.path());
    let loaded = {
        let mut set = PackSet::embedded();
        set.add_dir(crafted.path());
        set
    };
    assert_eq!(
        loaded.packs().len(),
        opnamewijs::policy::load::EMBEDDED.len() + opnamewijs::limits::MAX_PACK_FILES,
        "every crafted pack that is read loads: {:?}",
        loaded.errors()
    );
    group.bench_function("packs_embedded", |b| {
        b.iter(|| black_box(PackSet::embedded()))
    });
    group.bench_function("packs_crafted", |b| {
        b.iter(|| {
            let mut set = PackSet::embedded();
            set.add_dir(crafted.path());
            black_box(set)
        })
    });
    group.finish();
}

criterion_group!(benches, core);
criterion_main!(benches);
