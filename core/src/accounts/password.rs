use argon2::password_hash::rand_core::OsRng;
use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};

use crate::error::{Error, Result};

use std::collections::HashSet;
use std::sync::LazyLock;

/// About 19,700 common passwords, lowercase; where they come from: `common-passwords.NOTICE`.
const COMMON_LIST: &str = include_str!("common-passwords.txt");

static COMMON: LazyLock<HashSet<&'static str>> = LazyLock::new(|| COMMON_LIST.lines().collect());

/// Whether `password` (any case) is on the common-password list.
pub fn is_common(password: &str) -> bool {
    COMMON.contains(password.to_lowercase().as_str())
}

/// How many entries the common-password list has.
pub fn common_count() -> usize {
    COMMON.len()
}

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

/// A hash of nothing anyone knows, made like the real ones: an unknown username is
/// checked against it, so it costs the same time as a wrong password.
static DUMMY_HASH: LazyLock<Option<String>> = LazyLock::new(|| hash(&crate::accounts::session::new_token()).ok());

/// Spends the time of one `verify` and answers false.
pub fn verify_nothing(password: &str) -> bool {
    if let Some(h) = DUMMY_HASH.as_deref() {
        verify(h, password);
    }
    false
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
    if one_char || lower == username.to_lowercase() || COMMON.contains(lower.as_str()) {
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
    fn common_list_is_large_and_lowercase() {
        assert!(common_count() >= 10_000, "{}", common_count());
        assert!(COMMON_LIST.lines().all(|l| !l.is_empty() && l == l.to_lowercase()));
        for p in ["iloveyou", "sunshine", "qwertyuiop", "1q2w3e4r5t", "woaini1314", "PASSWORD123"] {
            assert!(is_common(p), "{p}");
        }
        assert!(!is_common("Lotus-Garden-7"));
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
