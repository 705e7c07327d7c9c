use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::{Error, Result};

const COMMON: &str = include_str!("common-passwords.txt");

/// OWASP's argon2id minimum: 19 MiB, 2 iterations, 1 lane.
fn hasher() -> Result<Argon2<'static>> {
    let params = Params::new(19 * 1024, 2, 1, None).map_err(|e| Error::Internal(e.to_string()))?;
    Ok(Argon2::new(Algorithm::Argon2id, Version::V0x13, params))
}

pub fn hash(password: &str) -> Result<String> {
    let salt = SaltString::generate(&mut OsRng);
    hasher()?
        .hash_password(password.as_bytes(), &salt)
        .map(|h| h.to_string())
        .map_err(|e| Error::Internal(e.to_string()))
}

/// A malformed stored hash verifies as false rather than failing the login loudly.
pub fn verify(stored: &str, password: &str) -> bool {
    let Ok(parsed) = PasswordHash::new(stored) else { return false };
    let Ok(h) = hasher() else { return false };
    h.verify_password(password.as_bytes(), &parsed).is_ok()
}

/// Catalog key of the first rule the password breaks.
pub fn check_rules(password: &str, username: &str) -> Result<(), &'static str> {
    if password.chars().count() < 8 {
        return Err("validation.password_too_short");
    }
    if password.chars().count() > 200 {
        return Err("validation.too_long");
    }
    let lower = password.to_lowercase();
    let one_char = lower.chars().all(|c| lower.starts_with(c));
    if one_char || lower == username.to_lowercase() || COMMON.lines().any(|c| c == lower) {
        return Err("validation.password_common");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules() {
        assert_eq!(check_rules("short", "x"), Err("validation.password_too_short"));
        assert_eq!(check_rules("Password1", "x"), Err("validation.password_common"));
        assert_eq!(check_rules("zzzzzzzzzz", "x"), Err("validation.password_common"));
        assert_eq!(check_rules("wangfang99", "wangfang99"), Err("validation.password_common"));
        assert_eq!(check_rules("Lotus-Garden-7", "x"), Ok(()));
    }

    #[test]
    fn hash_is_argon2id_with_owasp_params() -> Result<()> {
        let h = hash("Lotus-Garden-7")?;
        assert!(h.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{h}");
        assert!(verify(&h, "Lotus-Garden-7"));
        assert!(!verify(&h, "lotus-garden-7"));
        assert!(!verify("not a hash", "x"));
        Ok(())
    }
}
