//! Fuzz target: see `opnamewijs::fuzzing::ics`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = opnamewijs::fuzzing::ics(data);
});
