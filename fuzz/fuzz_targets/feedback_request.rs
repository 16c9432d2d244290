//! Fuzz target: see `opnamewijs::fuzzing::feedback_request`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = opnamewijs::fuzzing::feedback_request(data);
});
