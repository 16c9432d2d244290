//! Keys: secrets as types, where the wrapping key lives (the OS keyring, or a key derived from a
//! passphrase), and the key file that holds the data key wrapped.
//!
//! ```text
//! vault.key := envelope(magic "OPNWVKEY", header, context "vault.key", plaintext = data key[32]) | check[8]
//! header    := vault id[16] | method u8
//!              method 1 (keyring):    nothing more; the wrapping key is the keyring secret of
//!                                     account "vault-<vault id in hex>"
//!              method 2 (passphrase): salt[16] | memory KiB u32 LE | iterations u32 LE | lanes u32 LE
//! ```

use super::crypto::{self, Malformed, SecretKey, KEY_LEN};
use super::VaultError;
use crate::error::ErrorCode;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;
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

/// Shortest passphrase accepted when a new key is wrapped with it (a vault or a backup).
pub const MIN_PASSPHRASE_CHARS: usize = 8;

/// Cost of the Argon2id key derivation for a passphrase. Stored next to the salt, so a vault or
/// backup always opens with the parameters it was made with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KdfParams {
    /// Memory in KiB.
    pub memory_kib: u32,
    /// Number of passes.
    pub iterations: u32,
    /// Degree of parallelism (lanes).
    pub lanes: u32,
}

impl KdfParams {
    /// What new vaults and backups use: the OWASP minimum for Argon2id (19 MiB, 2 passes, 1 lane),
    /// well under a second on a student's laptop.
    pub const RECOMMENDED: KdfParams = KdfParams {
        memory_kib: 19 * 1024,
        iterations: 2,
        lanes: 1,
    };

    /// Cheap parameters that keep tests fast. Never use them for real data.
    #[doc(hidden)]
    pub const INSECURE_FOR_TESTS: KdfParams = KdfParams {
        memory_kib: 8,
        iterations: 1,
        lanes: 1,
    };

    /// Upper bounds accepted when reading a file, so a crafted file cannot demand gigabytes.
    const MAX: KdfParams = KdfParams {
        memory_kib: 1024 * 1024,
        iterations: 64,
        lanes: 16,
    };

    fn to_bytes(self) -> [u8; 12] {
        let mut out = [0u8; 12];
        out[..4].copy_from_slice(&self.memory_kib.to_le_bytes());
        out[4..8].copy_from_slice(&self.iterations.to_le_bytes());
        out[8..].copy_from_slice(&self.lanes.to_le_bytes());
        out
    }

    pub(crate) fn from_bytes(b: &[u8]) -> Option<KdfParams> {
        let word = |i: usize| -> Option<u32> {
            Some(u32::from_le_bytes(b.get(i..i + 4)?.try_into().ok()?))
        };
        let params = KdfParams {
            memory_kib: word(0)?,
            iterations: word(4)?,
            lanes: word(8)?,
        };
        let max = KdfParams::MAX;
        (params.memory_kib <= max.memory_kib
            && params.iterations <= max.iterations
            && params.lanes <= max.lanes)
            .then_some(params)
    }
}

impl Default for KdfParams {
    fn default() -> Self {
        KdfParams::RECOMMENDED
    }
}

/// A passphrase typed by the user, with the cost used when it wraps a new key.
pub struct Passphrase {
    text: Sensitive<Zeroizing<String>>,
    kdf: KdfParams,
}

impl Passphrase {
    /// A passphrase with [`KdfParams::RECOMMENDED`].
    pub fn new(text: impl Into<String>) -> Self {
        Passphrase {
            text: Sensitive::new(Zeroizing::new(text.into())),
            kdf: KdfParams::RECOMMENDED,
        }
    }

    /// The same passphrase with other derivation costs for new keys.
    pub fn with_kdf(mut self, kdf: KdfParams) -> Self {
        self.kdf = kdf;
        self
    }

    /// The derivation cost for new keys.
    pub fn kdf(&self) -> KdfParams {
        self.kdf
    }

    /// Refuses a passphrase too short to protect a new key.
    pub(crate) fn check_strength(&self) -> Result<(), VaultError> {
        if self.text.expose().trim().chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(VaultError::PassphraseTooShort {
                min: MIN_PASSPHRASE_CHARS,
            });
        }
        Ok(())
    }

    /// Argon2id(passphrase, salt) with `kdf`.
    pub(crate) fn derive(&self, salt: &[u8], kdf: KdfParams) -> Result<SecretKey, VaultError> {
        let params = argon2::Params::new(kdf.memory_kib, kdf.iterations, kdf.lanes, Some(KEY_LEN))
            .map_err(|e| VaultError::BadKdfParams {
                problem: e.to_string(),
            })?;
        let argon =
            argon2::Argon2::new(argon2::Algorithm::Argon2id, argon2::Version::V0x13, params);
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        argon
            .hash_password_into(self.text.expose().as_bytes(), salt, key.as_mut())
            .map_err(|e| VaultError::BadKdfParams {
                problem: e.to_string(),
            })?;
        Ok(key)
    }

    /// A salt and [`Passphrase::kdf`] header block for a new file: salt[16] | params[12].
    pub(crate) fn new_kdf_header(&self) -> Result<(Vec<u8>, SecretKey), VaultError> {
        self.check_strength()?;
        let salt: [u8; 16] = crypto::random()?;
        let key = self.derive(&salt, self.kdf)?;
        Ok(([salt.as_slice(), &self.kdf.to_bytes()].concat(), key))
    }

    /// The key for a file whose header starts with a salt and params block.
    pub(crate) fn derive_from_header(&self, block: &[u8]) -> Result<SecretKey, Malformed> {
        let salt = block.get(..16).ok_or(Malformed::Damaged)?;
        let kdf = block
            .get(16..28)
            .and_then(KdfParams::from_bytes)
            .ok_or(Malformed::Damaged)?;
        self.derive(salt, kdf).map_err(|_| Malformed::Damaged)
    }
}

/// Length of the salt-and-params block [`Passphrase::new_kdf_header`] writes.
pub(crate) const KDF_HEADER_LEN: usize = 16 + 12;

impl std::fmt::Debug for Passphrase {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Passphrase")
            .field("text", &self.text)
            .field("kdf", &self.kdf)
            .finish()
    }
}

/// How the data key is unwrapped (or, for a new vault, wrapped).
#[derive(Debug, Clone, Copy)]
pub enum Unlock<'a> {
    /// With a random wrapping key kept in a key store (normally the OS keyring).
    Keyring(&'a dyn KeyStore),
    /// With a key derived from the user's passphrase, when no keyring is available.
    Passphrase(&'a Passphrase),
}

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

/// Magic bytes of the key file.
pub(crate) const KEY_MAGIC: &crypto::Magic = b"OPNWVKEY";
const KEY_CONTEXT: &[u8] = b"vault.key";
const METHOD_KEYRING: u8 = 1;
const METHOD_PASSPHRASE: u8 = 2;

/// The public part of a key file: which vault, and how its data key is wrapped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct KeyFileInfo {
    /// Random id of the vault; names its keyring account.
    pub vault_id: [u8; 16],
    /// Wrapped with a keyring secret (`true`) or a passphrase (`false`).
    pub keyring: bool,
}

impl KeyFileInfo {
    /// The keyring account holding this vault's wrapping key.
    pub(crate) fn account(&self) -> String {
        format!("vault-{}", crypto::hex(&self.vault_id))
    }
}

/// Maps a malformed vault file to the error the user sees.
pub(crate) fn malformed(path: &Path, err: Malformed, problem: &str) -> VaultError {
    match err {
        Malformed::WrongMagic => VaultError::NotAVault {
            path: path.to_owned(),
        },
        Malformed::Version(found) => VaultError::UnsupportedVersion {
            path: path.to_owned(),
            found,
        },
        Malformed::Damaged => VaultError::Unreadable {
            path: path.to_owned(),
            problem: problem.to_owned(),
        },
    }
}

/// Reads the public part of a key file.
pub(crate) fn key_file_info(path: &Path, bytes: &[u8]) -> Result<KeyFileInfo, VaultError> {
    let damaged = "het sleutelbestand is beschadigd";
    let parsed = crypto::parse_file(bytes, KEY_MAGIC).map_err(|e| malformed(path, e, damaged))?;
    let header = parsed.header;
    let vault_id: [u8; 16] = header
        .get(..16)
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| malformed(path, Malformed::Damaged, damaged))?;
    let keyring = match header.get(16) {
        Some(&METHOD_KEYRING) if header.len() == 17 => true,
        Some(&METHOD_PASSPHRASE) if header.len() == 17 + KDF_HEADER_LEN => false,
        _ => return Err(malformed(path, Malformed::Damaged, damaged)),
    };
    Ok(KeyFileInfo { vault_id, keyring })
}

/// Unwraps the data key of a key file with `unlock`.
pub(crate) fn unwrap_data_key(
    path: &Path,
    bytes: &[u8],
    unlock: Unlock<'_>,
) -> Result<(KeyFileInfo, SecretKey), VaultError> {
    let info = key_file_info(path, bytes)?;
    let parsed = crypto::parse_file(bytes, KEY_MAGIC)
        .map_err(|e| malformed(path, e, "het sleutelbestand is beschadigd"))?;
    let opened = match (unlock, info.keyring) {
        (Unlock::Keyring(store), true) => {
            let secret = store
                .get(&info.account())
                .map_err(|reason| VaultError::KeyringUnavailable { reason })?
                .ok_or(VaultError::KeyNotFound)?;
            let wrapping: &[u8; KEY_LEN] = secret
                .expose()
                .as_slice()
                .try_into()
                .map_err(|_| VaultError::WrongKey)?;
            crypto::open(&parsed, KEY_CONTEXT, wrapping).map_err(|_| VaultError::WrongKey)?
        }
        (Unlock::Passphrase(passphrase), false) => {
            let wrapping = passphrase
                .derive_from_header(&parsed.header[17..])
                .map_err(|e| malformed(path, e, "het sleutelbestand is beschadigd"))?;
            crypto::open(&parsed, KEY_CONTEXT, &wrapping)
                .map_err(|_| VaultError::WrongPassphrase)?
        }
        (Unlock::Keyring(_), false) => return Err(VaultError::NeedsPassphrase),
        (Unlock::Passphrase(_), true) => return Err(VaultError::NeedsKeyring),
    };
    let data_key: [u8; KEY_LEN] = opened.as_slice().try_into().map_err(|_| {
        malformed(
            path,
            Malformed::Damaged,
            "de sleutel in het sleutelbestand heeft een verkeerde lengte",
        )
    })?;
    Ok((info, Zeroizing::new(data_key)))
}

/// A new key file wrapping `data_key` with `unlock`. For the keyring, the new wrapping key is
/// returned with its account; the caller stores it in the keyring before writing the file.
pub(crate) struct NewKeyFile {
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// Its public part.
    pub info: KeyFileInfo,
    /// For a keyring vault: the wrapping key to store under `info.account()`.
    pub wrapping_key: Option<SecretKey>,
}

/// Wraps `data_key` for a new vault.
pub(crate) fn wrap_data_key(
    data_key: &[u8; KEY_LEN],
    unlock: Unlock<'_>,
) -> Result<NewKeyFile, VaultError> {
    let vault_id: [u8; 16] = crypto::random()?;
    let mut header = vault_id.to_vec();
    let (wrapping, keyring) = match unlock {
        Unlock::Keyring(_) => {
            header.push(METHOD_KEYRING);
            (crypto::random_key()?, true)
        }
        Unlock::Passphrase(passphrase) => {
            header.push(METHOD_PASSPHRASE);
            let (block, key) = passphrase.new_kdf_header()?;
            header.extend_from_slice(&block);
            (key, false)
        }
    };
    let bytes = crypto::seal_file(KEY_MAGIC, &header, KEY_CONTEXT, &wrapping, data_key)?;
    Ok(NewKeyFile {
        bytes,
        info: KeyFileInfo { vault_id, keyring },
        wrapping_key: keyring.then_some(wrapping),
    })
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

    #[test]
    fn kdf_params_round_trip_and_bounds() {
        let p = KdfParams::RECOMMENDED;
        assert_eq!(KdfParams::from_bytes(&p.to_bytes()), Some(p));
        let huge = KdfParams {
            memory_kib: u32::MAX,
            ..p
        };
        assert_eq!(KdfParams::from_bytes(&huge.to_bytes()), None);
    }

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
