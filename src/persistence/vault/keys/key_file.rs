//! The key file: the data key wrapped with a keyring secret or a passphrase.
//!
//! ```text
//! vault.key := envelope(magic "OPNWVKEY", header, context "vault.key", plaintext = data key[32]) | check[8]
//! header    := vault id[16] | method u8
//!              method 1 (keyring):    nothing more; the wrapping key is the keyring secret of
//!                                     account "vault-<vault id in hex>"
//!              method 2 (passphrase): salt[16] | memory KiB u32 LE | iterations u32 LE | lanes u32 LE
//! ```

use super::passphrase::{KdfParams, KDF_HEADER_LEN};
use super::Unlock;
use crate::vault::crypto::{self, Malformed, SecretKey, KEY_LEN};
use crate::vault::error::malformed;
use crate::vault::{Damage, VaultError};
use std::path::Path;
use zeroize::Zeroizing;

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

/// Reads the public part of a key file.
pub(crate) fn key_file_info(path: &Path, bytes: &[u8]) -> Result<KeyFileInfo, VaultError> {
    let damaged = |e| malformed(path, e, Damage::KeyFileDamaged);
    let parsed = crypto::parse_file(bytes, KEY_MAGIC).map_err(damaged)?;
    let header = parsed.header;
    let vault_id: [u8; 16] = header
        .get(..16)
        .and_then(|b| b.try_into().ok())
        .ok_or_else(|| damaged(Malformed::Damaged))?;
    let keyring = match header.get(16) {
        Some(&METHOD_KEYRING) if header.len() == 17 => true,
        Some(&METHOD_PASSPHRASE) if header.len() == 17 + KDF_HEADER_LEN => false,
        _ => return Err(damaged(Malformed::Damaged)),
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
        .map_err(|e| malformed(path, e, Damage::KeyFileDamaged))?;
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
                .map_err(|e| malformed(path, e, Damage::KeyFileDamaged))?;
            crypto::open(&parsed, KEY_CONTEXT, &wrapping)
                .map_err(|_| VaultError::WrongPassphrase)?
        }
        (Unlock::Keyring(_), false) => return Err(VaultError::NeedsPassphrase),
        (Unlock::Passphrase(_), true) => return Err(VaultError::NeedsKeyring),
    };
    let data_key: [u8; KEY_LEN] = opened
        .as_slice()
        .try_into()
        .map_err(|_| malformed(path, Malformed::Damaged, Damage::KeyWrongLength))?;
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

/// For a passphrase key file whose derivation is cheaper than what the passphrase in `unlock`
/// would use for a new key ([`KdfParams::RECOMMENDED`] for a typed one), the same data key and
/// vault id wrapped anew with that cost; `None` when nothing needs to change (a keyring key
/// file, or one as costly already). Called after `unlock` opened the file, so the passphrase is
/// the right one.
pub(crate) fn rewrapped_if_cheaper(
    bytes: &[u8],
    info: KeyFileInfo,
    data_key: &[u8; KEY_LEN],
    unlock: Unlock<'_>,
) -> Result<Option<Vec<u8>>, VaultError> {
    let Unlock::Passphrase(passphrase) = unlock else {
        return Ok(None);
    };
    if info.keyring || !kdf_of_key_file(bytes).is_some_and(|stored| passphrase.is_cheaper(stored)) {
        return Ok(None);
    }
    let mut header = info.vault_id.to_vec();
    header.push(METHOD_PASSPHRASE);
    let (block, wrapping) = passphrase.rewrap_kdf_header()?;
    header.extend_from_slice(&block);
    crypto::seal_file(KEY_MAGIC, &header, KEY_CONTEXT, &wrapping, data_key).map(Some)
}

/// The derivation parameters a passphrase key file was made with (`None` for a keyring one).
pub fn kdf_of_key_file(bytes: &[u8]) -> Option<KdfParams> {
    let parsed = crypto::parse_file(bytes, KEY_MAGIC).ok()?;
    (parsed.header.get(16) == Some(&METHOD_PASSPHRASE))
        .then(|| parsed.header.get(17 + 16..17 + KDF_HEADER_LEN))
        .flatten()
        .and_then(KdfParams::from_bytes)
}
