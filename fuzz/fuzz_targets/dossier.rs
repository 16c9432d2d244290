//! Fuzz target: see `opnamewijs::fuzzing::dossier`.
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let _ = opnamewijs::fuzzing::dossier(data);
});
