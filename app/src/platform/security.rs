//! Random tokens and their hashes. Tokens go to the browser; only hashes are stored.

use rand::{RngCore, TryRngCore};
use sha2::{Digest, Sha256};

/// 256 random bits from the operating system's CSPRNG, as 64 hex digits.
pub fn random_token() -> String {
    let mut bytes = [0u8; 32];
    rand::rngs::OsRng
        .try_fill_bytes(&mut bytes)
        .unwrap_or_else(|_| rand::rng().fill_bytes(&mut bytes));
    hex::encode(bytes)
}

/// `n` decimal digits from the operating system's CSPRNG, each uniform (bytes of
/// 250 and above are drawn again, so no digit is likelier than another).
pub fn random_digits(n: usize) -> String {
    let mut out = String::with_capacity(n);
    let mut buf = [0u8; 32];
    while out.len() < n {
        rand::rngs::OsRng
            .try_fill_bytes(&mut buf)
            .unwrap_or_else(|_| rand::rng().fill_bytes(&mut buf));
        for b in buf.iter().filter(|b| **b < 250) {
            if out.len() < n {
                out.push(char::from(b'0' + b % 10));
            }
        }
    }
    out
}

/// 128 random bits as 32 hex digits, for a Content-Security-Policy nonce.
pub fn random_nonce() -> String {
    let mut bytes = [0u8; 16];
    rand::rng().fill_bytes(&mut bytes);
    hex::encode(bytes)
}

/// Whether `s` has the shape of a token we issued.
pub fn is_token(s: &str) -> bool {
    s.len() == 64
        && s.bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
}

pub fn hash_token(token: &str) -> String {
    hex::encode(Sha256::digest(token.as_bytes()))
}

/// Encrypts `plain` with AES-256-GCM under a key derived from `secret` for
/// `purpose`, bound to `context` (authenticated, not stored): hex of nonce and
/// ciphertext. For short-lived secrets that must be shown again, never for ones
/// that can be hashed instead.
pub fn seal(secret: &[u8], purpose: &str, context: &str, plain: &str) -> String {
    use aes_gcm::aead::{Aead, Payload};
    let mut nonce = [0u8; 12];
    rand::rngs::OsRng
        .try_fill_bytes(&mut nonce)
        .unwrap_or_else(|_| rand::rng().fill_bytes(&mut nonce));
    let payload = Payload {
        msg: plain.as_bytes(),
        aad: context.as_bytes(),
    };
    match cipher(secret, purpose).encrypt(&nonce.into(), payload) {
        Ok(ct) => hex::encode([&nonce[..], &ct].concat()),
        // Only plaintexts of gigabytes fail; a code is six digits.
        Err(_) => String::new(),
    }
}

/// The plaintext of a [`seal`]ed value, if it is intact and was sealed for this
/// purpose and context.
pub fn unseal(secret: &[u8], purpose: &str, context: &str, sealed: &str) -> Option<String> {
    use aes_gcm::aead::{Aead, Payload};
    let bytes = hex::decode(sealed).ok()?;
    if bytes.len() < 12 + 16 {
        return None;
    }
    let (nonce, ct) = bytes.split_at(12);
    let nonce: [u8; 12] = nonce.try_into().ok()?;
    let payload = Payload {
        msg: ct,
        aad: context.as_bytes(),
    };
    let plain = cipher(secret, purpose)
        .decrypt(&nonce.into(), payload)
        .ok()?;
    String::from_utf8(plain).ok()
}

/// HMAC-SHA256 of the parts, in order, under the server's secret.
pub fn mac(secret: &[u8], parts: &[&[u8]]) -> [u8; 32] {
    use hmac::{Hmac, Mac};
    // HMAC accepts a key of any length, so this cannot fail.
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(secret).expect("HMAC takes any key");
    for part in parts {
        mac.update(part);
    }
    mac.finalize().into_bytes().into()
}

fn cipher(secret: &[u8], purpose: &str) -> aes_gcm::Aes256Gcm {
    use aes_gcm::KeyInit;
    // A key per purpose, derived from the server's secret (HMAC-SHA256 as a KDF).
    let key = mac(secret, &[b"rynok seal key: ", purpose.as_bytes()]);
    aes_gcm::Aes256Gcm::new(&key.into())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sealed_values_open_only_with_their_key_purpose_and_context() {
        let sealed = seal(b"k1", "feed", "user 1", "123456");
        assert!(!sealed.contains("123456"));
        assert_eq!(
            unseal(b"k1", "feed", "user 1", &sealed).as_deref(),
            Some("123456")
        );
        assert_eq!(unseal(b"k2", "feed", "user 1", &sealed), None);
        assert_eq!(unseal(b"k1", "other", "user 1", &sealed), None);
        assert_eq!(unseal(b"k1", "feed", "user 2", &sealed), None);
        assert_eq!(unseal(b"k1", "feed", "user 1", "00ff"), None);
        assert_ne!(
            sealed,
            seal(b"k1", "feed", "user 1", "123456"),
            "a fresh nonce each time"
        );
    }

    #[test]
    fn tokens_are_fresh_and_well_formed() {
        let (a, b) = (random_token(), random_token());
        assert!(is_token(&a) && is_token(&b));
        assert_ne!(a, b);
        assert_ne!(hash_token(&a), a);
        assert!(!is_token("../../etc/passwd"));
    }
}
