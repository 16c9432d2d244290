//! Fuzz target: see `opnamewijs::fuzzing::pack`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = opnamewijs::fuzzing::pack(data);
});
