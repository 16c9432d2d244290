//! Fuzz target: see `opnamewijs::fuzzing::backup`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = opnamewijs::fuzzing::backup(data);
});
