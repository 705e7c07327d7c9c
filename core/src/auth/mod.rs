//! Passwords, sessions and the acting staff member.

mod password;
mod session;

pub use password::{check_rules, hash, verify};
pub use session::{Actor, end_sessions_of, new_token, token_hash};
