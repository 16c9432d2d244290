//! Fuzz target: see `opnamewijs::fuzzing::snapshot`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = opnamewijs::fuzzing::snapshot(data);
});
