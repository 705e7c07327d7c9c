//! The desk's office-server client against a small fake server speaking the wire contract
//! (HTTPS with a self-made certificate; `/v1/call` runs the real core in-process): commands
//! round-trip with the server's errors unchanged, the pinned certificate is accepted and a
//! changed one refused, a dead address is `server_unreachable`, the event stream is heard,
//! and the backend opens what the settings file says — or says why it cannot.

// A test's own setup failing is the test failing: expect() says where.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;
use futures_util::StreamExt;
use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full, StreamBody};
use hyper::body::{Frame, Incoming};
use hyper::{Request, Response, StatusCode};
use serde_json::{Value, json};
use steward_app::backend::{Backend, Phase, Problem, StartOptions};
use steward_app::server_client::{EventReader, ServerClient, Trust};
use steward_core::db::{self, DatabaseTarget};
use steward_core::settings_file::{Connection, SettingsFile};
use steward_core::{ErrorCode, Session, Steward};
use tokio::sync::broadcast;

const PASSWORD: &str = "Lotus-Garden-7";

struct FakeServer {
    address: String,
    fingerprint: String,
    _task: tokio::task::JoinHandle<()>,
}

fn temp_dir(name: &str) -> PathBuf {
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
    let dir = std::env::temp_dir().join(format!("steward-client-{name}-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

async fn core(dir: &Path) -> Steward {
    let target = DatabaseTarget::Sqlite(dir.join("server.db"));
    let conn = db::open(&target, chrono::Utc::now()).await.expect("open database");
    let env = steward_core::Environment {
        target,
        settings_file: dir.join("server-settings.json"),
        database_from_environment: false,
        demo_requested: false,
        os_locale: "en".into(),
        version: "test".into(),
    };
    Steward::new(conn, env)
}

type Body = BoxBody<Bytes, Infallible>;

fn json_response(status: StatusCode, value: &Value) -> Response<Body> {
    let mut r = Response::new(Full::new(Bytes::from(value.to_string())).boxed());
    *r.status_mut() = status;
    r.headers_mut().insert("content-type", "application/json".parse().expect("header"));
    r
}

fn status_for(code: ErrorCode) -> StatusCode {
    match code {
        ErrorCode::Validation => StatusCode::UNPROCESSABLE_ENTITY,
        ErrorCode::Unauthenticated => StatusCode::UNAUTHORIZED,
        ErrorCode::Forbidden => StatusCode::FORBIDDEN,
        ErrorCode::NotFound => StatusCode::NOT_FOUND,
        ErrorCode::Conflict => StatusCode::CONFLICT,
        _ => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

async fn handle(
    core: Steward,
    product: &'static str,
    changes: broadcast::Sender<String>,
    request: Request<Incoming>,
) -> Response<Body> {
    let path = request.uri().path().to_owned();
    let header = |name: &str| request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
    let token = header("authorization").and_then(|a| a.strip_prefix("Bearer ").map(str::to_owned));
    let locale = header("accept-language").unwrap_or_else(|| "en".into());
    if path == "/v1/hello" {
        return json_response(
            StatusCode::OK,
            &json!({ "product": product, "version": "0.1.0", "name": "Test office" }),
        );
    }
    if path == "/v1/events" {
        if token.is_none() {
            return json_response(
                StatusCode::UNAUTHORIZED,
                &json!({ "code": "unauthenticated", "message": "", "fields": null }),
            );
        }
        let first =
            futures_util::stream::once(async { Ok::<_, Infallible>(Frame::data(Bytes::from(": keep-alive\n\n"))) });
        let rx = changes.subscribe();
        let rest = futures_util::stream::unfold(rx, |mut rx| async move {
            let command = rx.recv().await.ok()?;
            let text = format!("event: change\ndata: {}\n\n", json!({ "seq": 1, "command": command }));
            Some((Ok::<_, Infallible>(Frame::data(Bytes::from(text))), rx))
        });
        let mut r = Response::new(BodyExt::boxed(StreamBody::new(first.chain(rest))));
        r.headers_mut().insert("content-type", "text/event-stream".parse().expect("header"));
        return r;
    }
    let Some(command) = path.strip_prefix("/v1/call/").map(str::to_owned) else {
        return json_response(StatusCode::NOT_FOUND, &json!({ "code": "not_found", "message": "", "fields": null }));
    };
    let body = request.into_body().collect().await.map(|b| b.to_bytes()).unwrap_or_default();
    let input: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let session = Session { token, locale, background: false, source: None };
    match steward_app::backend::dispatch(&core, &command, session, input, chrono::Utc::now()).await {
        Ok(output) => {
            let _ = changes.send(command);
            json_response(StatusCode::OK, &output)
        }
        Err(e) => json_response(status_for(e.code), &serde_json::to_value(&e).expect("error json")),
    }
}

/// A server on a free loopback port with its own certificate; `product` other than
/// "steward" makes it something else answering.
async fn fake_server(name: &str, product: &'static str) -> FakeServer {
    let dir = temp_dir(name);
    let core = core(&dir).await;
    let made = rcgen::generate_simple_self_signed(vec!["localhost".into(), "127.0.0.1".into()]).expect("certificate");
    let der = made.cert.der().clone();
    let fingerprint = steward_app::server_client::fingerprint(der.as_ref());
    let key = rustls::pki_types::PrivatePkcs8KeyDer::from(made.signing_key.serialize_der());
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(rustls::crypto::ring::default_provider()))
        .with_safe_default_protocol_versions()
        .expect("versions")
        .with_no_client_auth()
        .with_single_cert(vec![der], key.into())
        .expect("server config");
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = listener.local_addr().expect("address").port();
    let (changes, _) = broadcast::channel(64);
    let task = tokio::spawn(async move {
        loop {
            let Ok((tcp, _)) = listener.accept().await else { return };
            let (acceptor, core, changes) = (acceptor.clone(), core.clone(), changes.clone());
            tokio::spawn(async move {
                // A client that refuses our certificate ends the handshake; nothing to serve.
                let Ok(tls) = acceptor.accept(tcp).await else { return };
                let service = hyper::service::service_fn(move |request| {
                    let (core, changes) = (core.clone(), changes.clone());
                    async move { Ok::<_, Infallible>(handle(core, product, changes, request).await) }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(tls), service)
                    .await;
            });
        }
    });
    FakeServer { address: format!("https://127.0.0.1:{port}"), fingerprint, _task: task }
}

fn session(token: Option<&str>, locale: &str) -> Session {
    Session::of(token.map(str::to_owned), locale)
}

#[tokio::test]
async fn real_commands_round_trip_over_the_pinned_certificate() {
    let server = fake_server("round-trip", "steward").await;
    let client = ServerClient::new(&server.address, Trust::Pinned(server.fingerprint.clone())).expect("client");
    let hello = client.hello("en").await.expect("hello");
    assert_eq!((hello.name.as_str(), hello.fingerprint.as_str()), ("Test office", server.fingerprint.as_str()));

    let status = client.call("app_status", &session(None, "en"), Value::Null).await.expect("status");
    assert_eq!(status["needs_setup"], true);
    let setup = json!({ "username": "manager", "display_name": "Li", "password": PASSWORD, "locale": "en", "load_demo": false });
    let signed_in = client.call("setup_first_manager", &session(None, "en"), setup).await.expect("setup");
    let token = signed_in["token"].as_str().expect("token");
    let me = client.call("me", &session(Some(token), "en"), Value::Null).await.expect("me");
    assert_eq!(me["role"], "manager");

    // The server's refusal arrives as sent: code, translated message, fields.
    let wrong = json!({ "username": "manager", "password": "not-the-password" });
    let e = client.call("login", &session(None, "zh-CN"), wrong).await.expect_err("wrong password");
    assert_eq!(e.code, ErrorCode::InvalidCredentials);
    assert_eq!(e.message, steward_core::locales::text("zh-CN", "error.invalid_credentials"));
    let e = client.call("staff_create", &session(Some(token), "en"), json!({})).await.expect_err("malformed");
    assert_eq!(e.code, ErrorCode::Validation);
    let e = client.call("no_such_command", &session(Some(token), "en"), Value::Null).await.expect_err("unknown");
    assert_eq!(e.code, ErrorCode::NotFound);
}

#[tokio::test]
async fn a_probe_reads_the_fingerprint_to_confirm() {
    let server = fake_server("probe", "steward").await;
    let client = ServerClient::new(&server.address, Trust::Probe).expect("client");
    let hello = client.hello("en").await.expect("hello");
    assert_eq!(hello.fingerprint, server.fingerprint);
    assert_eq!(hello.fingerprint.len(), 95);
    assert_eq!(hello.address, server.address);
}

#[tokio::test]
async fn a_changed_certificate_is_refused() {
    let server = fake_server("changed", "steward").await;
    let other = fake_server("changed-other", "steward").await;
    // Pinned to the other server's certificate: this one's is "changed".
    let client = ServerClient::new(&server.address, Trust::Pinned(other.fingerprint.clone())).expect("client");
    let e = client.hello("en").await.expect_err("refused");
    assert_eq!(e.code, ErrorCode::ServerCertificateChanged);
    let e = client.call("app_status", &session(None, "ja"), Value::Null).await.expect_err("refused");
    assert_eq!(e.code, ErrorCode::ServerCertificateChanged);
    assert_eq!(e.message, steward_core::locales::text("ja", "error.server_certificate_changed"));
    assert!(!e.message.is_empty() && !e.message.starts_with("error."));
}

#[tokio::test]
async fn no_server_is_unreachable_and_something_else_is_incompatible() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = listener.local_addr().expect("address").port();
    drop(listener);
    let client = ServerClient::new(&format!("https://127.0.0.1:{port}"), Trust::Probe).expect("client");
    let e = client.call("app_status", &session(None, "en"), Value::Null).await.expect_err("nobody there");
    assert_eq!(e.code, ErrorCode::ServerUnreachable);

    let other = fake_server("other-product", "not-steward").await;
    let client = ServerClient::new(&other.address, Trust::Probe).expect("client");
    assert_eq!(client.hello("en").await.expect_err("not steward").code, ErrorCode::ServerIncompatible);
}

#[tokio::test]
async fn the_event_stream_tells_of_writes() {
    let server = fake_server("events", "steward").await;
    let client = ServerClient::new(&server.address, Trust::Pinned(server.fingerprint.clone())).expect("client");
    let setup = json!({ "username": "manager", "display_name": "Li", "password": PASSWORD, "locale": "en", "load_demo": false });
    let signed_in = client.call("setup_first_manager", &session(None, "en"), setup).await.expect("setup");
    let token = signed_in["token"].as_str().expect("token").to_owned();
    let response = client.events(&token, "en").await.expect("stream");
    let mut stream = response.bytes_stream();
    // The keep-alive comes first: once it is read the subscription is in place.
    let mut reader = EventReader::default();
    let first = tokio::time::timeout(Duration::from_secs(5), stream.next()).await.expect("keep-alive").expect("chunk");
    assert!(reader.push(&first.expect("bytes")).is_empty());
    client.call("me", &session(Some(&token), "en"), Value::Null).await.expect("me");
    let heard = tokio::time::timeout(Duration::from_secs(5), async {
        while let Some(chunk) = stream.next().await {
            if let Some(event) = reader.push(&chunk.expect("bytes")).into_iter().next() {
                return event;
            }
        }
        panic!("stream ended");
    })
    .await
    .expect("an event within 5 s");
    assert_eq!(heard.name, "change");
    assert_eq!(serde_json::from_str::<Value>(&heard.data).expect("json")["command"], "me");
}

fn options(dir: &Path) -> StartOptions {
    StartOptions { data_dir: dir.to_path_buf(), database_override: None, demo: false, os_locale: "en".into() }
}

#[tokio::test]
async fn the_backend_opens_the_pinned_server_or_says_why_not() {
    let server = fake_server("backend", "steward").await;
    let dir = temp_dir("backend-desk");
    let pinned =
        Connection::Server { address: server.address.clone(), fingerprint: server.fingerprint.clone(), ca_file: None };
    SettingsFile { connection: pinned, ..Default::default() }.save(&dir.join("settings.json")).expect("settings");
    // A Korean desk on an English server: the window starts in the desk's language.
    let backend = Backend::connecting(StartOptions { os_locale: "ko-KR".into(), ..options(&dir) });
    assert!(matches!(backend.open().await, Phase::Remote { .. }));
    let status =
        backend.call("app_status", session(None, "en"), Value::Null, chrono::Utc::now()).await.expect("status");
    assert_eq!(status["needs_setup"], true);
    assert_eq!(status["os_locale"], "ko");
    assert!(!dir.join("steward.db").exists(), "no local database in server mode");

    let other = fake_server("backend-other", "steward").await;
    let changed = Connection::Server { address: server.address.clone(), fingerprint: other.fingerprint, ca_file: None };
    SettingsFile { connection: changed, ..Default::default() }.save(&dir.join("settings.json")).expect("settings");
    let backend = Backend::connecting(options(&dir));
    match backend.open().await {
        Phase::Failed { problem, .. } => assert_eq!(problem, Problem::ServerCertificateChanged),
        _ => panic!("a changed certificate must not connect"),
    }
    let e = backend.call("app_status", session(None, "en"), Value::Null, chrono::Utc::now()).await.expect_err("failed");
    assert_eq!(e.code, ErrorCode::ServerCertificateChanged);

    let gone =
        Connection::Server { address: "https://127.0.0.1:1".into(), fingerprint: server.fingerprint, ca_file: None };
    SettingsFile { connection: gone, ..Default::default() }.save(&dir.join("settings.json")).expect("settings");
    let backend = Backend::connecting(options(&dir));
    match backend.open().await {
        Phase::Failed { problem, .. } => assert_eq!(problem, Problem::ServerUnreachable),
        _ => panic!("an unreachable server must not fall back"),
    }
    assert!(!dir.join("steward.db").exists(), "never an empty local database instead");
}

#[tokio::test]
async fn a_damaged_settings_file_stops_the_start() {
    let dir = temp_dir("corrupt");
    std::fs::write(dir.join("settings.json"), "{ \"connection\": ").expect("write");
    let backend = Backend::connecting(options(&dir));
    match backend.open().await {
        Phase::Failed { problem, connection, .. } => {
            assert_eq!(problem, Problem::SettingsCorrupt);
            assert_eq!(connection, None);
        }
        _ => panic!("a damaged file must not open anything"),
    }
    assert!(!dir.join("steward.db").exists(), "no silent local database");
    assert_eq!(
        std::fs::read_to_string(dir.join("settings.json")).expect("kept"),
        "{ \"connection\": ",
        "left for repair"
    );
}

#[tokio::test]
async fn an_old_database_address_is_removed_and_told_once() {
    let dir = temp_dir("migrate");
    std::fs::write(dir.join("settings.json"), r#"{"database_url":"postgres://desk:s3cret@10.0.0.5:5432/steward"}"#)
        .expect("write");
    let backend = Backend::connecting(options(&dir));
    assert!(matches!(backend.open().await, Phase::Local(_)), "starts on this computer");
    assert_eq!(backend.notice().map(|n| n.as_str()), Some("direct_database_removed"));
    let text = std::fs::read_to_string(dir.join("settings.json")).expect("settings");
    assert!(!text.contains("s3cret") && !text.contains("postgres"), "{text}");
    let again = Backend::connecting(options(&dir));
    again.open().await;
    assert_eq!(again.notice(), None, "once");
}

/// The shell in server mode (Tauri's mock runtime): once someone is signed in it follows the
/// server's event stream and tells the window of every write (`server-change`).
#[test]
fn server_mode_tells_the_window_of_changes() {
    use tauri::Listener;
    use tauri::test::{mock_builder, mock_context, noop_assets};
    tauri::async_runtime::block_on(async {
        let server = fake_server("live", "steward").await;
        let dir = temp_dir("live-desk");
        let pinned = Connection::Server {
            address: server.address.clone(),
            fingerprint: server.fingerprint.clone(),
            ca_file: None,
        };
        SettingsFile { connection: pinned, ..Default::default() }.save(&dir.join("settings.json")).expect("settings");
        let app = mock_builder()
            .manage(Backend::connecting(options(&dir)))
            .manage(steward_app::Shell::new(&steward_app::Flags::default()))
            .build(mock_context(noop_assets()))
            .expect("mock app");
        let handle = app.handle().clone();
        let (tx, mut heard) = tokio::sync::mpsc::unbounded_channel::<String>();
        handle.listen_any("server-change", move |event| {
            let _ = tx.send(event.payload().to_owned());
        });
        steward_app::connection::open(&handle).await;
        let status = steward_app::connection::connection_status(handle.clone()).await.expect("status");
        assert_eq!(serde_json::to_value(&status).expect("json")["state"], "ready");

        let call = |command: &str, token: Option<&str>, input: Value| {
            let handle = handle.clone();
            let (command, session) = (command.to_owned(), session(token, "en"));
            async move {
                use tauri::Manager;
                steward_app::commands::call(
                    handle.clone(),
                    handle.state(),
                    handle.state(),
                    command,
                    session,
                    Some(input),
                )
                .await
            }
        };
        let setup = json!({ "username": "manager", "display_name": "Li", "password": PASSWORD, "locale": "en", "load_demo": false });
        let signed_in = call("setup_first_manager", None, setup).await.expect("setup");
        let token = signed_in["token"].as_str().expect("token").to_owned();
        // The first signed-in call starts the stream; calls go on until a change is heard.
        let mut payload = None;
        for _ in 0..50 {
            call("me", Some(&token), Value::Null).await.expect("me");
            if let Ok(Some(p)) = tokio::time::timeout(Duration::from_millis(200), heard.recv()).await {
                payload = Some(p);
                break;
            }
        }
        let payload: Value = serde_json::from_str(&payload.expect("a change heard within 10 s")).expect("json");
        assert_eq!(payload["command"], "me");
    });
}
