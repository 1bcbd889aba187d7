//! Password hashing with argon2id (the crate's defaults: 19 MiB, 2 passes),
//! off the async threads.

use argon2::{Argon2, PasswordHasher, PasswordVerifier};

/// Longest password accepted: argon2 takes any length, but a multi-megabyte
/// "password" is a cheap way to burn server CPU.
pub const MAX_PASSWORD_LEN: usize = 256;

/// Hashes `password` into a PHC string (`$argon2id$v=19$...`).
pub fn hash(password: &str) -> Result<String, argon2::password_hash::Error> {
    let h = Argon2::default().hash_password(password.as_bytes())?;
    Ok(h.to_string())
}

/// Whether `password` matches the PHC string `phc`.
pub fn verify(password: &str, phc: &str) -> bool {
    password.len() <= MAX_PASSWORD_LEN
        && Argon2::default()
            .verify_password(password.as_bytes(), phc)
            .is_ok()
}

/// [`hash`] on the blocking pool.
pub async fn hash_async(password: String) -> Option<String> {
    tokio::task::spawn_blocking(move || hash(&password).ok())
        .await
        .ok()
        .flatten()
}

/// [`verify`] on the blocking pool.
pub async fn verify_async(password: String, phc: String) -> bool {
    tokio::task::spawn_blocking(move || verify(&password, &phc))
        .await
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    #[test]
    fn hashes_are_argon2id_and_verify() {
        let h = super::hash("mật khẩu").unwrap();
        assert!(h.starts_with("$argon2id$"), "{h}");
        assert!(super::verify("mật khẩu", &h));
        assert!(!super::verify("mat khau", &h));
    }
}
