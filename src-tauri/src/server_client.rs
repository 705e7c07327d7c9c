//! The desk's HTTPS client to the office server (the wire contract: `/v1/hello`,
//! `/v1/call/<command>`, `/v1/events`). The server's certificate is accepted only when its
//! SHA-256 fingerprint is the pinned one, or, with an office CA configured, by the usual
//! CA and host-name check. Errors come back as the core's `ApiError`, the server's unchanged.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use rustls::DigitallySignedStruct;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use serde::Serialize;
use serde_json::Value;
use sha2::{Digest, Sha256};
use steward_core::{ApiError, ErrorCode, Session};

/// The office server's port when the address names none.
pub const DEFAULT_PORT: u16 = 7443;
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// A command's whole round trip (reports and bulk work included).
const CALL_TIMEOUT: Duration = Duration::from_secs(60);
/// The event stream sends a keep-alive every 15 s; silence this long means it is gone.
const EVENTS_SILENCE: Duration = Duration::from_secs(40);

/// `AB:CD:…`: SHA-256 of the certificate's DER, uppercase hex pairs joined by `:`.
pub fn fingerprint(der: &[u8]) -> String {
    let digest = Sha256::digest(der);
    digest.iter().map(|b| format!("{b:02X}")).collect::<Vec<_>>().join(":")
}

/// A typed fingerprint in the contract's form (case, spaces and separators forgiven),
/// or `None` when it is not 32 bytes of hex.
pub fn normalize_fingerprint(text: &str) -> Option<String> {
    let hex: String = text.chars().filter(|c| c.is_ascii_hexdigit()).collect::<String>().to_ascii_uppercase();
    let clean = text.chars().all(|c| c.is_ascii_hexdigit() || matches!(c, ':' | ' ' | '-'));
    if !clean || hex.len() != 64 {
        return None;
    }
    let pairs: Vec<&str> = (0..32).filter_map(|i| hex.get(i * 2..i * 2 + 2)).collect();
    Some(pairs.join(":"))
}

/// `office-pc`, `10.0.0.5:8443` or `https://office-pc/` → `https://office-pc:7443`.
/// Plain `http://` and addresses with a user or a path are refused.
pub fn normalize_address(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches('/');
    let rest = match text.split_once("://") {
        Some((scheme, rest)) if scheme.eq_ignore_ascii_case("https") => rest,
        Some(_) => return None,
        None => text,
    };
    if rest.is_empty()
        || rest.contains(['/', '@', '?', '#'])
        || rest.chars().any(|c| c.is_whitespace() || c.is_control())
    {
        return None;
    }
    let has_port = match rest.rsplit_once(':') {
        // `[::1]:7443` or `host:7443`; a bare IPv6 address in brackets has no port.
        Some((host, port)) if !host.is_empty() && (!host.contains(':') || host.ends_with(']')) => {
            port.parse::<u16>().ok().filter(|p| *p > 0)?;
            true
        }
        _ => false,
    };
    let url = if has_port { format!("https://{rest}") } else { format!("https://{rest}:{DEFAULT_PORT}") };
    reqwest::Url::parse(&url).ok().filter(|u| u.host_str().is_some()).map(|_| url)
}

/// How the server's certificate is checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Trust {
    /// Only this fingerprint.
    Pinned(String),
    /// The office CA in this PEM file (and the host name).
    OfficeCa(std::path::PathBuf),
    /// Anything, remembering what was shown: only for reading a new server's fingerprint.
    Probe,
}

/// What the server presented, and whether it was refused for not being the pinned one.
#[derive(Debug, Default)]
struct Seen {
    fingerprint: Mutex<Option<String>>,
    refused: AtomicBool,
}

#[derive(Debug)]
struct Verifier {
    trust: Trust,
    ca: Option<Arc<WebPkiServerVerifier>>,
    provider: Arc<CryptoProvider>,
    seen: Arc<Seen>,
}

impl ServerCertVerifier for Verifier {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let shown = fingerprint(end_entity.as_ref());
        if let Ok(mut seen) = self.seen.fingerprint.lock() {
            *seen = Some(shown.clone());
        }
        let verdict = match (&self.trust, &self.ca) {
            (Trust::Pinned(pinned), _) if *pinned == shown => Ok(ServerCertVerified::assertion()),
            (Trust::Pinned(_), _) => {
                Err(rustls::Error::InvalidCertificate(rustls::CertificateError::ApplicationVerificationFailure))
            }
            (Trust::OfficeCa(_), Some(ca)) => {
                ca.verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
            }
            (Trust::OfficeCa(_), None) => {
                Err(rustls::Error::InvalidCertificate(rustls::CertificateError::UnknownIssuer))
            }
            (Trust::Probe, _) => Ok(ServerCertVerified::assertion()),
        };
        self.seen.refused.store(verdict.is_err(), Ordering::SeqCst);
        verdict
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(message, cert, dss, &self.provider.signature_verification_algorithms)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.provider.signature_verification_algorithms.supported_schemes()
    }
}

/// The server's answer to `/v1/hello`, and the fingerprint of the certificate it showed.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct ServerHello {
    pub address: String,
    pub name: String,
    pub version: String,
    pub fingerprint: String,
}

/// One office server: a connection pool that trusts only the configured certificate.
#[derive(Debug)]
pub struct ServerClient {
    address: String,
    http: reqwest::Client,
    /// Without the whole-request timeout: the event stream lasts as long as the sign-in.
    events: reqwest::Client,
    seen: Arc<Seen>,
}

/// The client-side refusals, translated like the core's.
pub fn client_error(code: ErrorCode, locale: &str) -> ApiError {
    ApiError { code, message: steward_core::locales::text(locale, &format!("error.{}", code.as_str())), fields: None }
}

fn config(trust: &Trust, seen: Arc<Seen>) -> Result<rustls::ClientConfig, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let ca = match trust {
        Trust::OfficeCa(path) => {
            use rustls::pki_types::pem::PemObject;
            let mut roots = rustls::RootCertStore::empty();
            let certs = CertificateDer::pem_file_iter(path).map_err(|e| format!("office CA file: {e}"))?;
            for cert in certs {
                roots.add(cert.map_err(|e| format!("office CA file: {e}"))?).map_err(|e| format!("office CA: {e}"))?;
            }
            let verifier = WebPkiServerVerifier::builder_with_provider(Arc::new(roots), provider.clone())
                .build()
                .map_err(|e| format!("office CA: {e}"))?;
            Some(verifier)
        }
        _ => None,
    };
    let verifier = Verifier { trust: trust.clone(), ca, provider: provider.clone(), seen };
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .dangerous()
        .with_custom_certificate_verifier(Arc::new(verifier))
        .with_no_client_auth())
}

impl ServerClient {
    /// A client for `address` (already normalized) trusting `trust`. Fails only on an
    /// unreadable office CA file.
    pub fn new(address: &str, trust: Trust) -> Result<Self, String> {
        let seen = Arc::new(Seen::default());
        let build = |whole: Option<Duration>| -> Result<reqwest::Client, String> {
            let mut builder = reqwest::Client::builder()
                .tls_backend_preconfigured(config(&trust, seen.clone())?)
                .https_only(true)
                .no_proxy()
                .connect_timeout(CONNECT_TIMEOUT)
                .user_agent(concat!("steward-desk/", env!("CARGO_PKG_VERSION")));
            builder = match whole {
                Some(t) => builder.timeout(t),
                None => builder.read_timeout(EVENTS_SILENCE),
            };
            builder.build().map_err(|e| e.to_string())
        };
        Ok(Self {
            address: address.trim_end_matches('/').to_owned(),
            http: build(Some(CALL_TIMEOUT))?,
            events: build(None)?,
            seen,
        })
    }

    pub fn address(&self) -> &str {
        &self.address
    }

    /// A transport failure as the UI sees it: the pinned certificate refused, or no server.
    fn transport(&self, error: &reqwest::Error, locale: &str) -> ApiError {
        if self.seen.refused.load(Ordering::SeqCst) {
            tracing::warn!(server = %self.address, "server certificate refused");
            return client_error(ErrorCode::ServerCertificateChanged, locale);
        }
        tracing::warn!(server = %self.address, error = %error, "server unreachable");
        client_error(ErrorCode::ServerUnreachable, locale)
    }

    /// `GET /v1/hello`: is this a Steward server of our major version, and which certificate
    /// did it show.
    pub async fn hello(&self, locale: &str) -> Result<ServerHello, ApiError> {
        let url = format!("{}/v1/hello", self.address);
        let response = self.http.get(url).send().await.map_err(|e| self.transport(&e, locale))?;
        let incompatible = || client_error(ErrorCode::ServerIncompatible, locale);
        if !response.status().is_success() {
            return Err(incompatible());
        }
        let bytes = response.bytes().await.map_err(|e| self.transport(&e, locale))?;
        let body: Value = serde_json::from_slice(&bytes).map_err(|_| incompatible())?;
        let product = body.get("product").and_then(Value::as_str);
        let version = body.get("version").and_then(Value::as_str).unwrap_or_default();
        if product != Some("steward") || !same_major(version, env!("CARGO_PKG_VERSION")) {
            return Err(incompatible());
        }
        let fingerprint = self.seen.fingerprint.lock().ok().and_then(|f| f.clone()).ok_or_else(incompatible)?;
        Ok(ServerHello {
            address: self.address.clone(),
            name: body.get("name").and_then(Value::as_str).unwrap_or_default().to_owned(),
            version: version.to_owned(),
            fingerprint,
        })
    }

    /// `POST /v1/call/<command>` as `session`: the output, or the server's ApiError as sent.
    pub async fn call(&self, command: &str, session: &Session, input: Value) -> Result<Value, ApiError> {
        let url = format!("{}/v1/call/{command}", self.address);
        let mut request = self
            .http
            .post(url)
            .header(reqwest::header::ACCEPT_LANGUAGE, session.locale.as_str())
            .header(reqwest::header::CONTENT_TYPE, "application/json")
            .body(serde_json::to_vec(&input).map_err(|_| client_error(ErrorCode::Internal, &session.locale))?);
        if let Some(token) = &session.token {
            request = request.bearer_auth(token);
        }
        if session.background {
            // A timer's call, not the person's: it must not keep the session from locking.
            request = request.header("X-Steward-Background", "1");
        }
        let response = request.send().await.map_err(|e| self.transport(&e, &session.locale))?;
        let status = response.status();
        let body = response.bytes().await.map_err(|e| self.transport(&e, &session.locale))?;
        let incompatible = || client_error(ErrorCode::ServerIncompatible, &session.locale);
        let value: Value = serde_json::from_slice(&body).map_err(|_| incompatible())?;
        if status.is_success() { Ok(value) } else { Err(api_error(&value).ok_or_else(incompatible)?) }
    }

    /// `GET /v1/events` as `token`: the open stream, or why not (an ended session is the
    /// server's `unauthenticated`).
    pub async fn events(&self, token: &str, locale: &str) -> Result<reqwest::Response, ApiError> {
        let url = format!("{}/v1/events", self.address);
        let response = self
            .events
            .get(url)
            .bearer_auth(token)
            .header(reqwest::header::ACCEPT, "text/event-stream")
            .header(reqwest::header::ACCEPT_LANGUAGE, locale)
            .send()
            .await
            .map_err(|e| self.transport(&e, locale))?;
        if response.status().is_success() {
            return Ok(response);
        }
        let bytes = response.bytes().await.unwrap_or_default();
        let body: Value = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Err(api_error(&body).unwrap_or_else(|| client_error(ErrorCode::ServerIncompatible, locale)))
    }
}

/// The server's `{code, message, fields}`; a code this desk does not know stays visible as
/// `internal` with the server's message.
fn api_error(body: &Value) -> Option<ApiError> {
    let code = body.get("code")?.as_str()?;
    let message = body.get("message").and_then(Value::as_str).unwrap_or_default().to_owned();
    let fields = body.get("fields").and_then(|f| serde_json::from_value(f.clone()).ok());
    let known = ErrorCode::ALL.into_iter().find(|c| c.as_str() == code);
    Some(ApiError { code: known.unwrap_or(ErrorCode::Internal), message, fields })
}

fn same_major(theirs: &str, ours: &str) -> bool {
    let major = |v: &str| v.split('.').next().map(str::to_owned);
    // Before 1.0 the minor version is the breaking one.
    let key = |v: &str| {
        let mut parts = v.split('.');
        match (parts.next(), parts.next()) {
            (Some("0"), Some(minor)) => Some(format!("0.{minor}")),
            _ => major(v),
        }
    };
    key(theirs).is_some() && key(theirs) == key(ours)
}

/// One Server-Sent Event: its name (`message` when none) and data.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ServerEvent {
    pub name: String,
    pub data: String,
}

/// Cuts a byte stream into events (comments and keep-alives dropped).
#[derive(Debug, Default)]
pub struct EventReader {
    pending: Vec<u8>,
    name: Option<String>,
    data: Vec<String>,
}

impl EventReader {
    pub fn push(&mut self, chunk: &[u8]) -> Vec<ServerEvent> {
        self.pending.extend_from_slice(chunk);
        let mut events = Vec::new();
        while let Some(end) = self.pending.iter().position(|b| *b == b'\n') {
            let line: Vec<u8> = self.pending.drain(..=end).collect();
            let line = String::from_utf8_lossy(&line);
            let line = line.trim_end_matches(['\n', '\r']);
            if line.is_empty() {
                if !self.data.is_empty() {
                    events.push(ServerEvent {
                        name: self.name.take().unwrap_or_else(|| "message".to_owned()),
                        data: self.data.join("\n"),
                    });
                }
                self.name = None;
                self.data.clear();
                continue;
            }
            if line.starts_with(':') {
                continue;
            }
            let (field, value) = line.split_once(':').unwrap_or((line, ""));
            let value = value.strip_prefix(' ').unwrap_or(value);
            match field {
                "event" => self.name = Some(value.to_owned()),
                "data" => self.data.push(value.to_owned()),
                _ => {}
            }
        }
        events
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_are_normalized() {
        assert_eq!(normalize_address("office-pc").as_deref(), Some("https://office-pc:7443"));
        assert_eq!(normalize_address(" https://10.0.0.5:8443/ ").as_deref(), Some("https://10.0.0.5:8443"));
        assert_eq!(normalize_address("[::1]:9000").as_deref(), Some("https://[::1]:9000"));
        assert_eq!(normalize_address("http://office-pc"), None);
        assert_eq!(normalize_address("https://u:p@office-pc"), None);
        assert_eq!(normalize_address("office-pc:http"), None);
        assert_eq!(normalize_address(""), None);
    }

    #[test]
    fn fingerprints_in_the_contract_form() {
        let f = fingerprint(b"certificate");
        assert_eq!(f.len(), 95);
        assert!(f.chars().all(|c| c.is_ascii_hexdigit() && !c.is_ascii_lowercase() || c == ':'));
        assert_eq!(normalize_fingerprint(&f.to_lowercase().replace(':', " ")), Some(f.clone()));
        assert_eq!(normalize_fingerprint("AB:CD"), None);
        assert_eq!(normalize_fingerprint(&"ZZ:".repeat(32)), None);
    }

    #[test]
    fn versions_and_errors() {
        assert!(same_major("0.1.0", "0.1.3"));
        assert!(!same_major("0.2.0", "0.1.0"));
        assert!(same_major("1.4.0", "1.0.0"));
        assert!(!same_major("", "0.1.0"));
        let e = api_error(&serde_json::json!({"code": "rate_limited_someday", "message": "slow down", "fields": null}));
        assert_eq!(e.map(|e| (e.code, e.message)), Some((ErrorCode::Internal, "slow down".to_owned())));
        let e = api_error(
            &serde_json::json!({"code": "validation", "message": "m", "fields": {"name": "validation.required"}}),
        );
        assert_eq!(e.and_then(|e| e.fields).map(|f| f.len()), Some(1));
    }

    #[test]
    fn reads_server_sent_events() {
        let mut reader = EventReader::default();
        assert!(reader.push(b": keep-alive\n\nevent: change\ndata: {\"seq\":1,").is_empty());
        let events = reader.push(b"\"command\":\"case_open\"}\n\nevent: alert\r\ndata: {\"alertId\":7}\r\n\r\n");
        assert_eq!(
            events,
            [
                ServerEvent { name: "change".into(), data: "{\"seq\":1,\"command\":\"case_open\"}".into() },
                ServerEvent { name: "alert".into(), data: "{\"alertId\":7}".into() },
            ]
        );
    }
}
