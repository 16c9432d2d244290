//! Fuzz target: see `opnamewijs::fuzzing::journal_entry`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = opnamewijs::fuzzing::journal_entry(data);
});
