//! Installations for the click benchmark of `cargo xtask bench`: the desktop app opens them (with
//! [`common::APP_PASSPHRASE`]) and a page probe measures a click until the updated view, on 1,000
//! recordings and on 10,000 while the journal check still runs.
//!
//! `cargo bench -p opnamewijs --bench app_vaults` prints `app-vault n=<n> dir=<data dir>` for
//! each (generated once, then cached under the target directory); `cargo test --bench app_vaults`
//! makes a tiny one instead.

#![allow(clippy::print_stdout)] // its output is what the bench harness reads

mod common;

fn main() {
    let quick = !std::env::args().any(|a| a == "--bench");
    let sizes: &[usize] = if quick { &[20] } else { &[1_000, 10_000] };
    for &n in sizes {
        let dir = common::cached_for_app(n);
        println!("app-vault n={n} dir={}", dir.display());
    }
    println!("app-vault-passphrase {}", common::APP_PASSPHRASE);
}
