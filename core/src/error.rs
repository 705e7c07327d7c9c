//! One error type for every operation. It crosses IPC as `{ code, message, fields }`:
//! the UI branches on `code` and translates it; `message` is already translated.

use std::collections::BTreeMap;

use serde::Serialize;
use ts_rs::TS;

/// Stable machine codes. Add one only when a consumer branches on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Validation,
    NotFound,
    Forbidden,
    Conflict,
    Unauthenticated,
    /// The session is locked (idle, or its screen was locked): only the staff member's
    /// password unlocks it.
    SessionLocked,
    InvalidCredentials,
    /// Too many failed sign-ins: the message says when to try again.
    RateLimited,
    /// Locked after too many failed sign-ins until a manager unlocks it.
    AccountLocked,
    AlreadySetUp,
    Database,
    Internal,
    /// The desk could not reach its office server (connect, timeout, reset).
    ServerUnreachable,
    /// The office server's certificate is not the one this desk pinned.
    ServerCertificateChanged,
    /// The address answered, but not as a Steward server this desk can talk to.
    ServerIncompatible,
    /// The office server: the request body is larger than any command accepts.
    TooLarge,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 16] = [
        Self::Validation,
        Self::NotFound,
        Self::Forbidden,
        Self::Conflict,
        Self::Unauthenticated,
        Self::SessionLocked,
        Self::InvalidCredentials,
        Self::RateLimited,
        Self::AccountLocked,
        Self::AlreadySetUp,
        Self::Database,
        Self::Internal,
        Self::ServerUnreachable,
        Self::ServerCertificateChanged,
        Self::ServerIncompatible,
        Self::TooLarge,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Validation => "validation",
            Self::NotFound => "not_found",
            Self::Forbidden => "forbidden",
            Self::Conflict => "conflict",
            Self::Unauthenticated => "unauthenticated",
            Self::SessionLocked => "session_locked",
            Self::InvalidCredentials => "invalid_credentials",
            Self::RateLimited => "rate_limited",
            Self::AccountLocked => "account_locked",
            Self::AlreadySetUp => "already_set_up",
            Self::Database => "database",
            Self::Internal => "internal",
            Self::ServerUnreachable => "server_unreachable",
            Self::ServerCertificateChanged => "server_certificate_changed",
            Self::ServerIncompatible => "server_incompatible",
            Self::TooLarge => "too_large",
        }
    }
}

/// Field name → catalog key of the problem (e.g. `"validation.required"`).
pub type FieldErrors = BTreeMap<String, String>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("validation failed: {0:?}")]
    Validation(FieldErrors),
    #[error("not found")]
    NotFound,
    /// With the catalog key of the reason when the refusal has one the user can act on
    /// (e.g. `validation.transition_owner_only`); the code stays `forbidden`.
    #[error("forbidden")]
    Forbidden(Option<&'static str>),
    #[error("stale version")]
    Conflict,
    #[error("unauthenticated")]
    Unauthenticated,
    #[error("session locked")]
    SessionLocked,
    #[error("invalid credentials")]
    InvalidCredentials,
    /// With the whole seconds to wait before the next try.
    #[error("rate limited for {0} s")]
    RateLimited(i64),
    #[error("account locked")]
    AccountLocked,
    #[error("already set up")]
    AlreadySetUp,
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("internal: {0}")]
    Internal(String),
    /// Refused by the office server's request limits before reaching a command (code
    /// `rate_limited`, as a sign-in wait, with its own message).
    #[error("too many requests")]
    TooManyRequests,
    #[error("request too large")]
    TooLarge,
}

impl Error {
    pub fn field(field: &str, key: &str) -> Self {
        let mut fields = FieldErrors::new();
        fields.insert(field.to_owned(), key.to_owned());
        Self::Validation(fields)
    }

    pub fn code(&self) -> ErrorCode {
        match self {
            Self::Validation(_) => ErrorCode::Validation,
            Self::NotFound => ErrorCode::NotFound,
            Self::Forbidden(_) => ErrorCode::Forbidden,
            Self::Conflict => ErrorCode::Conflict,
            Self::Unauthenticated => ErrorCode::Unauthenticated,
            Self::SessionLocked => ErrorCode::SessionLocked,
            Self::InvalidCredentials => ErrorCode::InvalidCredentials,
            Self::RateLimited(_) => ErrorCode::RateLimited,
            Self::AccountLocked => ErrorCode::AccountLocked,
            Self::AlreadySetUp => ErrorCode::AlreadySetUp,
            Self::Database(_) => ErrorCode::Database,
            Self::Internal(_) => ErrorCode::Internal,
            Self::TooManyRequests => ErrorCode::RateLimited,
            Self::TooLarge => ErrorCode::TooLarge,
        }
    }

    /// The transport form, with the message translated for `locale`.
    pub fn to_api(&self, locale: &str) -> ApiError {
        let code = self.code();
        let key = match self {
            Self::Forbidden(Some(reason)) => (*reason).to_owned(),
            Self::TooManyRequests => "error.too_many_requests".to_owned(),
            _ => format!("error.{}", code.as_str()),
        };
        let message = match self {
            Self::RateLimited(seconds) => rust_i18n::t!(key, locale = locale, seconds = seconds).into_owned(),
            _ => rust_i18n::t!(key, locale = locale).into_owned(),
        };
        let fields = match self {
            Self::Validation(f) => Some(f.clone()),
            _ => None,
        };
        ApiError { code, message, fields }
    }
}

/// Collects field problems during validation, then fails once with all of them.
#[derive(Default)]
pub struct Problems(FieldErrors);

impl Problems {
    pub fn add(&mut self, field: &str, key: &str) {
        self.0.entry(field.to_owned()).or_insert_with(|| key.to_owned());
    }
    pub fn check(&mut self, ok: bool, field: &str, key: &str) {
        if !ok {
            self.add(field, key);
        }
    }
    pub fn into_result(self) -> Result<(), Error> {
        if self.0.is_empty() { Ok(()) } else { Err(Error::Validation(self.0)) }
    }
}

#[derive(Debug, Clone, Serialize, TS)]
pub struct ApiError {
    pub code: ErrorCode,
    pub message: String,
    pub fields: Option<FieldErrors>,
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
