//! Random bearer secrets (session cookies, API tokens, check-in links).
//! Only their SHA-256 is stored, so a copy of the database holds no
//! usable secret.

use sha2::{Digest, Sha256};

/// Random bytes in a secret: 256 bits.
pub const SECRET_BYTES: usize = 32;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// A new random secret as lowercase hex, or `None` if the OS has no
/// randomness to give.
pub fn new_secret() -> Option<String> {
    let mut b = [0u8; SECRET_BYTES];
    getrandom::fill(&mut b).ok()?;
    Some(hex(&b))
}

/// A short random code (for check-in links printed as QR): 16 hex digits.
pub fn new_code() -> Option<String> {
    let mut b = [0u8; 8];
    getrandom::fill(&mut b).ok()?;
    Some(hex(&b))
}

/// The stored form of a secret: SHA-256, hex.
pub fn digest(secret: &str) -> String {
    hex(&Sha256::digest(secret.as_bytes()))
}

#[cfg(test)]
mod tests {
    #[test]
    fn secrets_are_random_and_digests_stable() {
        let a = super::new_secret().unwrap();
        let b = super::new_secret().unwrap();
        assert_ne!(a, b);
        assert_eq!(a.len(), 64);
        assert_eq!(super::digest("x"), super::digest("x"));
        assert_ne!(super::digest(&a), a);
    }
}
