//! Key stores: where wrapping keys are kept, one secret per account. The OS keyring in the app,
//! a store in memory for tests.

use super::{Secret, Sensitive};
use crate::error::ErrorCode;
use std::collections::BTreeMap;
use std::sync::Mutex;
use zeroize::Zeroizing;

/// Why a key store refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyStoreError {
    /// There is no keyring (no Secret Service, no D-Bus session, …).
    #[error("De sleutelbos van je besturingssysteem is niet beschikbaar ({0}).")]
    Unavailable(String),
    /// The keyring exists but is locked and could not be opened.
    #[error("De sleutelbos van je besturingssysteem is vergrendeld ({0}).")]
    Locked(String),
    /// Any other refusal.
    #[error("De sleutelbos van je besturingssysteem weigerde ({0}).")]
    Failed(String),
}

impl ErrorCode for KeyStoreError {
    fn code(&self) -> &'static str {
        match self {
            KeyStoreError::Unavailable(_) => "keystore.unavailable",
            KeyStoreError::Locked(_) => "keystore.locked",
            KeyStoreError::Failed(_) => "keystore.failed",
        }
    }
}

/// Where wrapping keys are kept, one secret per account name.
pub trait KeyStore: std::fmt::Debug + Send + Sync {
    /// The secret of `account`, or `None` when there is none.
    fn get(&self, account: &str) -> Result<Option<Secret>, KeyStoreError>;
    /// Stores (or replaces) the secret of `account`.
    fn set(&self, account: &str, secret: &[u8]) -> Result<(), KeyStoreError>;
    /// Removes the secret of `account`; removing a missing secret succeeds.
    fn delete(&self, account: &str) -> Result<(), KeyStoreError>;
    /// Where the secrets live, for messages such as the leftovers list.
    fn describe(&self, account: &str) -> String {
        account.to_owned()
    }
}

/// Environment variable that overrides the keyring service name (tests, end-to-end runs).
pub const KEYRING_SERVICE_ENV: &str = "OPNAMEWIJS_KEYRING_SERVICE";

/// The keyring service name: `nl.opnamewijs.app` in release builds, `nl.opnamewijs.app.dev` in
/// debug builds, or the value of [`KEYRING_SERVICE_ENV`] when set, so development and tests never
/// touch a user's real key.
pub fn keyring_service() -> String {
    match std::env::var(KEYRING_SERVICE_ENV) {
        Ok(service) if !service.trim().is_empty() => service,
        _ if cfg!(debug_assertions) => "nl.opnamewijs.app.dev".to_owned(),
        _ => "nl.opnamewijs.app".to_owned(),
    }
}

/// The operating system's keyring: Keychain on macOS, Credential Manager on Windows, the Secret
/// Service (GNOME Keyring, KWallet) on Linux.
#[derive(Debug, Clone)]
pub struct OsKeyring {
    service: String,
}

impl OsKeyring {
    /// The keyring under [`keyring_service`].
    pub fn new() -> Self {
        OsKeyring {
            service: keyring_service(),
        }
    }

    /// The keyring under another service name.
    pub fn with_service(service: impl Into<String>) -> Self {
        OsKeyring {
            service: service.into(),
        }
    }

    /// The service name secrets are stored under.
    pub fn service(&self) -> &str {
        &self.service
    }

    fn entry(&self, account: &str) -> Result<keyring::Entry, KeyStoreError> {
        keyring::Entry::new(&self.service, account).map_err(map_keyring_error)
    }
}

impl Default for OsKeyring {
    fn default() -> Self {
        OsKeyring::new()
    }
}

fn map_keyring_error(err: keyring::Error) -> KeyStoreError {
    match err {
        keyring::Error::NoStorageAccess(e) => KeyStoreError::Locked(e.to_string()),
        keyring::Error::PlatformFailure(e) => KeyStoreError::Unavailable(e.to_string()),
        other => KeyStoreError::Failed(other.to_string()),
    }
}

impl KeyStore for OsKeyring {
    fn get(&self, account: &str) -> Result<Option<Secret>, KeyStoreError> {
        match self.entry(account)?.get_secret() {
            Ok(secret) => Ok(Some(Sensitive::new(Zeroizing::new(secret)))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(e) => Err(map_keyring_error(e)),
        }
    }

    fn set(&self, account: &str, secret: &[u8]) -> Result<(), KeyStoreError> {
        self.entry(account)?
            .set_secret(secret)
            .map_err(map_keyring_error)
    }

    fn delete(&self, account: &str) -> Result<(), KeyStoreError> {
        match self.entry(account)?.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(e) => Err(map_keyring_error(e)),
        }
    }

    fn describe(&self, account: &str) -> String {
        format!("{}/{account}", self.service)
    }
}

/// A key store in memory, for tests: every call can be made to fail with an injected error.
#[derive(Debug, Default)]
pub struct MemoryKeyStore {
    secrets: Mutex<BTreeMap<String, Secret>>,
    failure: Mutex<Option<KeyStoreError>>,
}

impl MemoryKeyStore {
    /// An empty store that works.
    pub fn new() -> Self {
        MemoryKeyStore::default()
    }

    /// Makes every following call fail with `err` (for example "no keyring" or "locked").
    pub fn fail_with(&self, err: KeyStoreError) {
        *self.failure.lock().unwrap_or_else(|e| e.into_inner()) = Some(err);
    }

    /// Makes the store work again.
    pub fn heal(&self) {
        *self.failure.lock().unwrap_or_else(|e| e.into_inner()) = None;
    }

    /// The accounts that hold a secret.
    pub fn accounts(&self) -> Vec<String> {
        self.secrets
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .keys()
            .cloned()
            .collect()
    }

    fn check(&self) -> Result<(), KeyStoreError> {
        match &*self.failure.lock().unwrap_or_else(|e| e.into_inner()) {
            Some(err) => Err(err.clone()),
            None => Ok(()),
        }
    }
}

impl KeyStore for MemoryKeyStore {
    fn get(&self, account: &str) -> Result<Option<Secret>, KeyStoreError> {
        self.check()?;
        let secrets = self.secrets.lock().unwrap_or_else(|e| e.into_inner());
        Ok(secrets.get(account).cloned())
    }

    fn set(&self, account: &str, secret: &[u8]) -> Result<(), KeyStoreError> {
        self.check()?;
        let mut secrets = self.secrets.lock().unwrap_or_else(|e| e.into_inner());
        secrets.insert(
            account.to_owned(),
            Sensitive::new(Zeroizing::new(secret.to_vec())),
        );
        Ok(())
    }

    fn delete(&self, account: &str) -> Result<(), KeyStoreError> {
        self.check()?;
        self.secrets
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(account);
        Ok(())
    }

    fn describe(&self, account: &str) -> String {
        format!("memory/{account}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn memory_store_injects_failures() {
        let store = MemoryKeyStore::new();
        store.set("a", b"x").expect("set");
        store.fail_with(KeyStoreError::Locked("test".into()));
        assert!(matches!(store.get("a"), Err(KeyStoreError::Locked(_))));
        store.heal();
        assert!(store.get("a").expect("get").is_some());
        store.delete("a").expect("delete");
        assert!(store.get("a").expect("get").is_none());
    }
}
