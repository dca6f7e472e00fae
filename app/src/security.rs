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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_fresh_and_well_formed() {
        let (a, b) = (random_token(), random_token());
        assert!(is_token(&a) && is_token(&b));
        assert_ne!(a, b);
        assert_ne!(hash_token(&a), a);
        assert!(!is_token("../../etc/passwd"));
    }
}
