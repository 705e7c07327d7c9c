//! The endpoints of the wire contract: `/v1/hello`, `/v1/call/<command>`, `/v1/events`.

use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Instant;

use axum::Router;
use axum::body::{Body, Bytes};
use axum::extract::{ConnectInfo, Path, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use chrono::Utc;
use serde_json::{Value, json};
use steward_core::api::Access;
use steward_core::{ApiError, Error, ErrorCode, Session, Steward, api};
use tokio::sync::Semaphore;

use crate::events::Alerts;
use crate::limits::{self, Limiter, Rate};

pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

pub struct Server {
    pub core: Steward,
    pub name: String,
    pub limiter: Limiter,
    pub alerts: Alerts,
    /// Becomes true when the server stops: event streams end so shutdown need not wait.
    pub stopping: tokio::sync::watch::Receiver<bool>,
    running: Semaphore,
}

impl Server {
    pub fn new(
        core: Steward,
        name: String,
        (session, address): (Rate, Rate),
        alerts: Alerts,
        stopping: tokio::sync::watch::Receiver<bool>,
    ) -> Self {
        Self {
            core,
            name,
            limiter: Limiter::new(session, address),
            alerts,
            stopping,
            running: Semaphore::new(limits::CONCURRENT_COMMANDS),
        }
    }
}

pub fn router(server: Arc<Server>) -> Router {
    Router::new()
        .route("/v1/hello", get(hello))
        .route("/v1/call/{command}", post(call))
        .route("/v1/events", get(crate::events::stream))
        .with_state(server)
}

async fn hello(State(server): State<Arc<Server>>) -> Response {
    axum::Json(json!({ "product": crate::PRODUCT, "version": crate::VERSION, "name": server.name })).into_response()
}

/// The request's session as the core wants it: the bearer token, the first language of
/// `Accept-Language` (default `en`), whether a timer sent it (`X-Steward-Background: 1`,
/// which does not keep the session from the idle lock) and the client's address (sign-in
/// failures are counted per source).
pub fn session(headers: &HeaderMap, peer: SocketAddr) -> Session {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_owned())
        .filter(|t| !t.is_empty());
    let locale = headers
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(',').next())
        .map(|v| v.split(';').next().unwrap_or_default().trim().to_owned())
        .filter(|v| !v.is_empty() && v.len() <= 35 && v != "*")
        .unwrap_or_else(|| "en".to_owned());
    let background = headers.get("x-steward-background").is_some_and(|v| v.as_bytes() == b"1");
    Session { token, locale, background, source: Some(peer.ip().to_string()) }
}

pub fn status_of(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::Validation => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::Unauthenticated => StatusCode::UNAUTHORIZED,
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::Conflict => StatusCode::CONFLICT,
        ErrorCode::TooLarge => StatusCode::PAYLOAD_TOO_LARGE,
        ErrorCode::RateLimited => StatusCode::TOO_MANY_REQUESTS,
        ErrorCode::InvalidCredentials => StatusCode::UNAUTHORIZED,
        // The session (idle lock) or the account (too many failures) is locked.
        ErrorCode::SessionLocked | ErrorCode::AccountLocked => StatusCode::LOCKED,
        ErrorCode::AlreadySetUp => StatusCode::CONFLICT,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

pub fn failure(e: &ApiError) -> Response {
    (status_of(e.code), axum::Json(e)).into_response()
}

/// The caller's `X-Request-Id` when it is a short plain token, else a new one.
pub fn request_id(headers: &HeaderMap) -> String {
    headers
        .get(&REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .filter(|v| !v.is_empty() && v.len() <= 64 && v.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)))
        .map(str::to_owned)
        .unwrap_or_else(|| format!("{:016x}", rand::random::<u64>()))
}

/// One command: limits, then `api::dispatch` with the server's clock.
async fn call(
    State(server): State<Arc<Server>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    Path(command): Path<String>,
    headers: HeaderMap,
    body: Body,
) -> Response {
    let started = Instant::now();
    let id = request_id(&headers);
    let session = session(&headers, peer);
    // Only names from the list reach the log; anything else is logged as unknown.
    let logged = api::COMMANDS.iter().find(|c| **c == command).copied().unwrap_or("unknown");
    let (status, mut response) = answer(&server, peer, &command, session, headers, body).await;
    if let Ok(v) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID, v);
    }
    tracing::info!(
        request_id = %id,
        command = logged,
        status = status.as_u16(),
        duration_ms = started.elapsed().as_millis() as u64,
        "request"
    );
    response
}

async fn answer(
    server: &Server,
    peer: SocketAddr,
    command: &str,
    session: Session,
    headers: HeaderMap,
    body: Body,
) -> (StatusCode, Response) {
    let locale = session.locale.clone();
    let refuse = |e: Error| {
        let api = e.to_api(&locale);
        (status_of(api.code), failure(&api))
    };
    if !server.limiter.admit(session.token.as_deref(), peer.ip()) {
        return refuse(Error::TooManyRequests);
    }
    let declared =
        headers.get(header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()).and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > limits::BODY_LIMIT) {
        return refuse(Error::TooLarge);
    }
    let Ok(bytes) = axum::body::to_bytes(body, limits::BODY_LIMIT).await else {
        return refuse(Error::TooLarge);
    };
    let Some(input) = input(&bytes) else {
        return refuse(Error::field("input", "validation.malformed"));
    };
    let run = async {
        let _turn = server.running.acquire().await.map_err(|_| Error::Internal("server stopping".into()))?;
        Ok::<_, Error>(dispatch(&server.core, command, session.clone(), input, Utc::now()).await)
    };
    let result = match tokio::time::timeout(limits::REQUEST_TIMEOUT, run).await {
        Ok(Ok(result)) => result,
        Ok(Err(e)) => return refuse(e),
        Err(_) => {
            tracing::warn!(
                command = api::COMMANDS.iter().find(|c| **c == command).copied().unwrap_or("unknown"),
                "request timed out"
            );
            return refuse(Error::Internal("timed out".into()));
        }
    };
    // Only a command that checks the token proves it real (public and unknown ones do not).
    let checked = api::access_of(command).is_some_and(|a| a != Access::Public);
    let proven = match &result {
        Ok(_) => checked,
        Err(e) => checked && e.code != ErrorCode::Unauthenticated,
    };
    if proven && let Some(token) = &session.token {
        server.limiter.accepted(token);
    }
    match result {
        Ok(output) => {
            // A sign-in's new token gets the session's allowance at once.
            if let Some(token) = output.get("token").and_then(Value::as_str) {
                server.limiter.accepted(token);
            }
            (StatusCode::OK, axum::Json(output).into_response())
        }
        Err(e) => (status_of(e.code), failure(&e)),
    }
}

/// The body as JSON; an empty body is `null` (the input of commands without one).
fn input(bytes: &Bytes) -> Option<Value> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Some(Value::Null);
    }
    serde_json::from_slice(bytes).ok()
}

/// `api::dispatch` as a boxed `Send` future (see the app's `backend::dispatch`: the
/// compiler cannot prove the nested futures `Send` for every lifetime otherwise).
pub fn dispatch<'a>(
    core: &'a Steward,
    command: &'a str,
    session: Session,
    input: Value,
    now: chrono::DateTime<Utc>,
) -> std::pin::Pin<Box<dyn std::future::Future<Output = Result<Value, ApiError>> + Send + 'a>> {
    Box::pin(api::dispatch(core, command, session, input, now))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_refusal_a_person_can_act_on_has_its_own_status() {
        assert_eq!(status_of(ErrorCode::InvalidCredentials), StatusCode::UNAUTHORIZED);
        assert_eq!(status_of(ErrorCode::SessionLocked), StatusCode::LOCKED);
        assert_eq!(status_of(ErrorCode::AccountLocked), StatusCode::LOCKED);
        assert_eq!(status_of(ErrorCode::RateLimited), StatusCode::TOO_MANY_REQUESTS);
        for code in ErrorCode::ALL {
            let server_side = matches!(code, ErrorCode::Database | ErrorCode::Internal);
            // The desk-side codes never come from a server; everything else says what happened.
            let desk_side = matches!(
                code,
                ErrorCode::ServerUnreachable | ErrorCode::ServerCertificateChanged | ErrorCode::ServerIncompatible
            );
            if !server_side && !desk_side {
                assert_ne!(status_of(code), StatusCode::INTERNAL_SERVER_ERROR, "{}", code.as_str());
            }
        }
    }
}
