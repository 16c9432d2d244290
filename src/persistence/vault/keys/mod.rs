//! Keys: secrets as types, where the wrapping key lives (the OS keyring, or a key derived from a
//! passphrase), and the key file that holds the data key wrapped.
//!
//! The wrapping key is kept in a [`KeyStore`] (`key_store.rs`) or derived from a [`Passphrase`]
//! (`passphrase.rs`); `key_file.rs` wraps and unwraps the data key with it.

mod key_file;
mod key_store;
mod passphrase;
mod strength;

pub use key_file::kdf_of_key_file;
pub(crate) use key_file::{key_file_info, rewrapped_if_cheaper, unwrap_data_key, wrap_data_key};
pub use key_store::{
    keyring_service, KeyStore, KeyStoreError, MemoryKeyStore, OsKeyring, KEYRING_SERVICE_ENV,
};
pub use passphrase::{KdfParams, Passphrase, MIN_PASSPHRASE_CHARS};
pub use strength::{estimate, Estimate, Weakness, MIN_GUESSES_LOG2};

use zeroize::Zeroizing;

/// A secret value: its `Debug` prints `Sensitive(..)` and it cannot be serialized, so it never
/// ends up in a log, an error message or a file by accident.
pub struct Sensitive<T>(T);

impl<T> Sensitive<T> {
    /// Wraps a secret.
    pub fn new(secret: T) -> Self {
        Sensitive(secret)
    }

    /// The secret itself, for the few places that must use it.
    pub fn expose(&self) -> &T {
        &self.0
    }

    /// Unwraps the secret.
    pub fn into_inner(self) -> T {
        self.0
    }
}

impl<T> std::fmt::Debug for Sensitive<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Sensitive(..)")
    }
}

impl<T: Clone> Clone for Sensitive<T> {
    fn clone(&self) -> Self {
        Sensitive(self.0.clone())
    }
}

/// A secret as a key store returns it.
pub type Secret = Sensitive<Zeroizing<Vec<u8>>>;

/// How the data key is unwrapped (or, for a new vault, wrapped).
#[derive(Debug, Clone, Copy)]
pub enum Unlock<'a> {
    /// With a random wrapping key kept in a key store (normally the OS keyring).
    Keyring(&'a dyn KeyStore),
    /// With a key derived from the user's passphrase, when no keyring is available.
    Passphrase(&'a Passphrase),
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sensitive_debug_is_redacted() {
        let s = Sensitive::new("geheim".to_owned());
        assert_eq!(format!("{s:?}"), "Sensitive(..)");
        let p = Passphrase::new("nog geheimer");
        assert!(!format!("{p:?}").contains("geheim"));
    }
}
