//! The envelope every encrypted blob of the vault is stored in, and the small primitives around
//! it: random bytes, checksums, and keys derived from the data key.
//!
//! ```text
//! envelope := magic[8] | version u8 | header_len u16 LE | header[header_len] | nonce[24] | ciphertext+tag[16]
//! AAD      := every byte before the ciphertext | context
//! ```
//!
//! The `header` holds public parameters the reader needs before it can decrypt (for example the
//! Argon2id salt); the `context` is never stored: it binds a ciphertext to where it belongs (an
//! entry's sequence number, the name of the file), so a blob moved elsewhere does not open.

use super::VaultError;
use chacha20poly1305::aead::{Aead, KeyInit, Payload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use zeroize::Zeroizing;

/// Format version written in every envelope and file header of this release.
pub const FORMAT_VERSION: u8 = 1;
/// Length of a key: data key, wrapping key, derived keys.
pub(crate) const KEY_LEN: usize = 32;
/// Length of an XChaCha20 nonce.
pub(crate) const NONCE_LEN: usize = 24;
/// Length of a Poly1305 tag.
pub(crate) const TAG_LEN: usize = 16;
/// Length of the truncated SHA-256 checksum on frames and sealed files.
pub(crate) const CHECK_LEN: usize = 8;
/// Bytes an envelope adds around its header and plaintext.
pub(crate) const ENVELOPE_OVERHEAD: usize = 8 + 1 + 2 + NONCE_LEN + TAG_LEN;

/// A 32-byte secret that is wiped from memory when dropped.
pub(crate) type SecretKey = Zeroizing<[u8; KEY_LEN]>;

/// The first eight bytes of a vault file or envelope, naming what it is.
pub(crate) type Magic = [u8; 8];

/// Why an envelope could not be read (before any decryption).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Malformed {
    /// Not the magic bytes expected here.
    WrongMagic,
    /// The expected magic, written by another format version.
    Version(u8),
    /// Too short or inconsistent lengths.
    Damaged,
}

/// An envelope split into its parts; nothing is decrypted yet.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Parsed<'a> {
    /// Public parameters stored in clear (authenticated).
    pub header: &'a [u8],
    /// Every byte before the ciphertext: magic, version, header length, header, nonce.
    authenticated: &'a [u8],
    nonce: &'a [u8],
    ciphertext: &'a [u8],
}

/// Checks magic and version only: the first question asked of any vault file.
pub(crate) fn check_magic(bytes: &[u8], magic: &Magic) -> Result<(), Malformed> {
    if bytes.len() < magic.len() || &bytes[..magic.len()] != magic {
        return Err(Malformed::WrongMagic);
    }
    match bytes.get(magic.len()) {
        None => Err(Malformed::Damaged),
        Some(&FORMAT_VERSION) => Ok(()),
        Some(&other) => Err(Malformed::Version(other)),
    }
}

/// Splits an envelope; fails on wrong magic, another version or inconsistent lengths.
pub(crate) fn parse<'a>(bytes: &'a [u8], magic: &Magic) -> Result<Parsed<'a>, Malformed> {
    check_magic(bytes, magic)?;
    let len_at = magic.len() + 1;
    let header_len = bytes
        .get(len_at..len_at + 2)
        .map(|b| usize::from(u16::from_le_bytes([b[0], b[1]])))
        .ok_or(Malformed::Damaged)?;
    let header_at = len_at + 2;
    let nonce_at = header_at + header_len;
    let ct_at = nonce_at + NONCE_LEN;
    if bytes.len() < ct_at + TAG_LEN {
        return Err(Malformed::Damaged);
    }
    Ok(Parsed {
        header: &bytes[header_at..nonce_at],
        authenticated: &bytes[..ct_at],
        nonce: &bytes[nonce_at..ct_at],
        ciphertext: &bytes[ct_at..],
    })
}

/// Encrypts `plaintext` under `key` into a new envelope.
pub(crate) fn seal(
    magic: &Magic,
    header: &[u8],
    context: &[u8],
    key: &[u8; KEY_LEN],
    plaintext: &[u8],
) -> Result<Vec<u8>, VaultError> {
    let header_len = u16::try_from(header.len()).map_err(|_| VaultError::EntryTooLarge {
        max: usize::from(u16::MAX),
    })?;
    let nonce: [u8; NONCE_LEN] = random()?;
    let mut out = Vec::with_capacity(ENVELOPE_OVERHEAD + header.len() + plaintext.len());
    out.extend_from_slice(magic);
    out.push(FORMAT_VERSION);
    out.extend_from_slice(&header_len.to_le_bytes());
    out.extend_from_slice(header);
    out.extend_from_slice(&nonce);
    let aad = [out.as_slice(), context].concat();
    let cipher = XChaCha20Poly1305::new(key.into());
    let ciphertext = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            Payload {
                msg: plaintext,
                aad: &aad,
            },
        )
        // Encryption only fails for messages beyond 256 GiB; entries are limited far below.
        .map_err(|_| VaultError::EntryTooLarge {
            max: super::journal::MAX_PAYLOAD,
        })?;
    out.extend_from_slice(&ciphertext);
    Ok(out)
}

/// A sealed file: an envelope followed by its [`checksum`], so that a damaged file is told apart
/// from a wrong key or passphrase (both make the AEAD fail; only damage breaks the checksum).
pub(crate) fn seal_file(
    magic: &Magic,
    header: &[u8],
    context: &[u8],
    key: &[u8; KEY_LEN],
    plaintext: &[u8],
) -> Result<Vec<u8>, VaultError> {
    let mut out = seal(magic, header, context, key, plaintext)?;
    let check = checksum(&[&out]);
    out.extend_from_slice(&check);
    Ok(out)
}

/// Splits a sealed file: magic and version first, then the checksum, then the envelope.
pub(crate) fn parse_file<'a>(bytes: &'a [u8], magic: &Magic) -> Result<Parsed<'a>, Malformed> {
    check_magic(bytes, magic)?;
    let body_len = bytes
        .len()
        .checked_sub(CHECK_LEN)
        .ok_or(Malformed::Damaged)?;
    let (body, check) = bytes.split_at(body_len);
    if checksum(&[body]) != check {
        return Err(Malformed::Damaged);
    }
    parse(body, magic)
}

/// The key did not open the envelope: a wrong key, or a changed envelope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct AeadFailure;

/// Decrypts and authenticates a parsed envelope.
pub(crate) fn open(
    parsed: &Parsed<'_>,
    context: &[u8],
    key: &[u8; KEY_LEN],
) -> Result<Zeroizing<Vec<u8>>, AeadFailure> {
    let aad = [parsed.authenticated, context].concat();
    let cipher = XChaCha20Poly1305::new(key.into());
    cipher
        .decrypt(
            XNonce::from_slice(parsed.nonce),
            Payload {
                msg: parsed.ciphertext,
                aad: &aad,
            },
        )
        .map(Zeroizing::new)
        .map_err(|_| AeadFailure)
}

/// Fills an array from the operating system's random generator.
pub(crate) fn random<const N: usize>() -> Result<[u8; N], VaultError> {
    let mut out = [0u8; N];
    getrandom::getrandom(&mut out).map_err(|e| VaultError::NoRandomness {
        problem: e.to_string(),
    })?;
    Ok(out)
}

/// A fresh random secret key.
pub(crate) fn random_key() -> Result<SecretKey, VaultError> {
    let mut key = Zeroizing::new([0u8; KEY_LEN]);
    getrandom::getrandom(key.as_mut()).map_err(|e| VaultError::NoRandomness {
        problem: e.to_string(),
    })?;
    Ok(key)
}

/// The first [`CHECK_LEN`] bytes of SHA-256 over `parts`: detects torn or garbled bytes, not
/// tampering (anyone can recompute it; the MAC and the AEAD tag catch that).
pub(crate) fn checksum(parts: &[&[u8]]) -> [u8; CHECK_LEN] {
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part);
    }
    let digest = hasher.finalize();
    let mut out = [0u8; CHECK_LEN];
    out.copy_from_slice(&digest[..CHECK_LEN]);
    out
}

/// HMAC-SHA256 of `parts` under `key`.
pub(crate) fn hmac(key: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC accepts keys of any length");
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

/// Whether `expected` is the HMAC-SHA256 of `parts` under `key`, compared in constant time.
pub(crate) fn hmac_matches(key: &[u8], parts: &[&[u8]], expected: &[u8; 32]) -> bool {
    let mut mac =
        <Hmac<Sha256> as Mac>::new_from_slice(key).expect("HMAC accepts keys of any length");
    for part in parts {
        mac.update(part);
    }
    mac.verify_slice(expected).is_ok()
}

/// The two keys the journal uses, both derived from the data key so that one secret is wrapped.
#[derive(Clone)]
pub(crate) struct JournalKeys {
    /// Encrypts entries and the head record.
    pub enc: SecretKey,
    /// Keys the hash chain.
    pub mac: SecretKey,
}

impl std::fmt::Debug for JournalKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("JournalKeys(..)")
    }
}

impl JournalKeys {
    /// Derives the encryption and chain keys: HMAC-SHA256(data key, label).
    pub(crate) fn derive(data_key: &[u8; KEY_LEN]) -> Self {
        JournalKeys {
            enc: Zeroizing::new(hmac(data_key, &[b"opnamewijs vault v1 encryption key"])),
            mac: Zeroizing::new(hmac(data_key, &[b"opnamewijs vault v1 chain key"])),
        }
    }
}

/// Lower-case hex of `bytes`.
pub(crate) fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes
        .iter()
        .fold(String::with_capacity(bytes.len() * 2), |mut s, b| {
            let _ = write!(s, "{b:02x}");
            s
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const MAGIC: &Magic = b"OPNWTEST";

    #[test]
    fn seal_open_round_trip_and_context_binding() {
        let key = [7u8; KEY_LEN];
        let sealed = seal(MAGIC, b"hdr", b"ctx", &key, b"hallo").expect("seal");
        let parsed = parse(&sealed, MAGIC).expect("parse");
        assert_eq!(parsed.header, b"hdr");
        assert_eq!(
            open(&parsed, b"ctx", &key).expect("open").as_slice(),
            b"hallo"
        );
        assert_eq!(open(&parsed, b"other", &key), Err(AeadFailure));
        assert_eq!(open(&parsed, b"ctx", &[8u8; KEY_LEN]), Err(AeadFailure));
    }

    #[test]
    fn header_is_authenticated() {
        let key = [7u8; KEY_LEN];
        let mut sealed = seal(MAGIC, b"hdr", b"", &key, b"hallo").expect("seal");
        sealed[11] ^= 1; // first header byte
        let parsed = parse(&sealed, MAGIC).expect("parse");
        assert_eq!(open(&parsed, b"", &key), Err(AeadFailure));
    }

    #[test]
    fn magic_and_version_are_checked_first() {
        let key = [7u8; KEY_LEN];
        let mut sealed = seal(MAGIC, b"", b"", &key, b"x").expect("seal");
        assert!(matches!(
            parse(&sealed, b"OPNWELSE"),
            Err(Malformed::WrongMagic)
        ));
        sealed[8] = 9;
        assert!(matches!(parse(&sealed, MAGIC), Err(Malformed::Version(9))));
        assert!(matches!(
            parse(&sealed[..20], b"OPNWTEST"),
            Err(Malformed::Version(9))
        ));
        sealed[8] = FORMAT_VERSION;
        assert!(matches!(
            parse(&sealed[..20], MAGIC),
            Err(Malformed::Damaged)
        ));
    }

    #[test]
    fn hex_is_lower_case() {
        assert_eq!(hex(&[0, 0xab, 0x10]), "00ab10");
    }
}
