//! Fuzz target: see `opnamewijs::fuzzing::vault_files`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = opnamewijs::fuzzing::vault_files(data);
});
