//! Fuzz target: see `opnamewijs::fuzzing::feedback_receipt`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = opnamewijs::fuzzing::feedback_receipt(data);
});
