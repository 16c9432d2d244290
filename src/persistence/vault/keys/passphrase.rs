//! Passphrases: the Argon2id derivation of a wrapping key, with its cost stored next to the salt.

use super::Sensitive;
use crate::vault::crypto::{self, Malformed, SecretKey, KEY_LEN};
use crate::vault::VaultError;
use zeroize::Zeroizing;

/// Shortest passphrase accepted when a new key is wrapped with it (a vault or a backup); it must
/// also be hard enough to guess ([`super::estimate`]).
pub const MIN_PASSPHRASE_CHARS: usize = 12;

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
    /// What new vaults and backups use: Argon2id with 64 MiB, 3 passes, 1 lane (RFC 9106's
    /// second recommended option). About a quarter of a second on a student's laptop, once per
    /// unlock or backup; an attacker pays the same memory for every guess. A key file or backup
    /// made with cheaper parameters (19 MiB, 2 passes before December 2026) still opens; a
    /// vault's key is re-wrapped with these at its next unlock.
    pub const RECOMMENDED: KdfParams = KdfParams {
        memory_kib: 64 * 1024,
        iterations: 3,
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
    /// It already protects these data (a backup's), so it is not judged again as a new one.
    existing: bool,
}

impl Passphrase {
    /// A passphrase with [`KdfParams::RECOMMENDED`].
    pub fn new(text: impl Into<String>) -> Self {
        Passphrase {
            text: Sensitive::new(Zeroizing::new(text.into())),
            kdf: KdfParams::RECOMMENDED,
            existing: false,
        }
    }

    /// The same passphrase, marked as one that already protects the data it will wrap (restoring
    /// a backup without a keyring protects the restored vault with the backup's passphrase): it
    /// was judged when it was new, and judging it again would lock the user out of their backup.
    pub fn existing(mut self) -> Self {
        self.existing = true;
        self
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

    /// Refuses a passphrase too short or too easy to guess to protect a new key, saying why.
    pub(crate) fn check_strength(&self) -> Result<(), VaultError> {
        let text = self.text.expose();
        if self.existing {
            return Ok(());
        }
        if text.trim().chars().count() < MIN_PASSPHRASE_CHARS {
            return Err(VaultError::PassphraseTooShort {
                min: MIN_PASSPHRASE_CHARS,
            });
        }
        let estimate = super::estimate(text);
        if !estimate.is_strong() {
            return Err(VaultError::PassphraseWeak {
                weaknesses: estimate.weaknesses,
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

    /// A salt and [`Passphrase::kdf`] header block for a new file: salt[16] | params[12]. Only a
    /// strong enough passphrase protects a new file.
    pub(crate) fn new_kdf_header(&self) -> Result<(Vec<u8>, SecretKey), VaultError> {
        self.check_strength()?;
        self.rewrap_kdf_header()
    }

    /// The same block for a key this passphrase already protects, re-wrapped with today's cost:
    /// the user's passphrase stays what it was, however it would fare as a new one.
    pub(crate) fn rewrap_kdf_header(&self) -> Result<(Vec<u8>, SecretKey), VaultError> {
        let salt: [u8; 16] = crypto::random()?;
        let key = self.derive(&salt, self.kdf)?;
        Ok(([salt.as_slice(), &self.kdf.to_bytes()].concat(), key))
    }

    /// Whether a file derived with `stored` costs an attacker less per guess than this
    /// passphrase's [`Passphrase::kdf`] would.
    pub(crate) fn is_cheaper(&self, stored: KdfParams) -> bool {
        stored.memory_kib < self.kdf.memory_kib || stored.iterations < self.kdf.iterations
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
            .field("existing", &self.existing)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
}
