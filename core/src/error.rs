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
    InvalidCredentials,
    AlreadySetUp,
    Database,
    Internal,
    /// The office server: too many requests from one session or address; try again shortly.
    RateLimited,
    /// The office server: the request body is larger than any command accepts.
    TooLarge,
}

impl ErrorCode {
    pub const ALL: [ErrorCode; 11] = [
        Self::Validation,
        Self::NotFound,
        Self::Forbidden,
        Self::Conflict,
        Self::Unauthenticated,
        Self::InvalidCredentials,
        Self::AlreadySetUp,
        Self::Database,
        Self::Internal,
        Self::RateLimited,
        Self::TooLarge,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Self::Validation => "validation",
            Self::NotFound => "not_found",
            Self::Forbidden => "forbidden",
            Self::Conflict => "conflict",
            Self::Unauthenticated => "unauthenticated",
            Self::InvalidCredentials => "invalid_credentials",
            Self::AlreadySetUp => "already_set_up",
            Self::Database => "database",
            Self::Internal => "internal",
            Self::RateLimited => "rate_limited",
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
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("already set up")]
    AlreadySetUp,
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("internal: {0}")]
    Internal(String),
    /// Refused by the office server's limits before reaching a command.
    #[error("rate limited")]
    RateLimited,
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
            Self::InvalidCredentials => ErrorCode::InvalidCredentials,
            Self::AlreadySetUp => ErrorCode::AlreadySetUp,
            Self::Database(_) => ErrorCode::Database,
            Self::Internal(_) => ErrorCode::Internal,
            Self::RateLimited => ErrorCode::RateLimited,
            Self::TooLarge => ErrorCode::TooLarge,
        }
    }

    /// The transport form, with the message translated for `locale`.
    pub fn to_api(&self, locale: &str) -> ApiError {
        let code = self.code();
        let key = match self {
            Self::Forbidden(Some(reason)) => (*reason).to_owned(),
            _ => format!("error.{}", code.as_str()),
        };
        let message = rust_i18n::t!(key, locale = locale).into_owned();
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
