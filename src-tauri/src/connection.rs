//! The desk's connection commands, before the core: where the data is (this computer or an
//! office server), reading a server's fingerprint for a manager to confirm, choosing, and
//! retrying after a failed start.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use steward_core::settings_file::Connection;
use steward_core::{ApiError, ErrorCode, Session};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::backend::{Phase, Problem, save_choice, trust};
use crate::server_client::{ServerClient, ServerHello, Trust, client_error, normalize_address, normalize_fingerprint};
use crate::{Backend, Shell, live};

/// The window hears this whenever the connection's phase or the server's reachability changes.
pub const STATE_EVENT: &str = "connection-state";

#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum State {
    Connecting,
    Ready,
    Failed,
}

/// What the window shows before sign-in (and in Settings → Connection).
#[derive(Debug, Clone, Serialize)]
pub struct ConnectionStatus {
    pub state: State,
    /// The connection in use or tried; none when the settings file could not be read.
    pub connection: Option<Connection>,
    /// Why the start failed (`state: failed`), translated, with a technical detail.
    pub problem: Option<ApiError>,
    pub problem_kind: Option<Problem>,
    pub detail: Option<String>,
    /// A one-time notice: `direct_database_removed`.
    pub notice: Option<&'static str>,
    /// In server mode: whether the server answered lately (false shows the banner).
    pub online: bool,
    /// The database was chosen by `--database-url`/`STEWARD_DATABASE_URL`: not changeable here.
    pub overridden: bool,
}

pub fn status(backend: &Backend, shell: &Shell, locale: &str) -> ConnectionStatus {
    let (state, connection, problem) = match backend.phase() {
        Phase::Connecting(c) => (State::Connecting, Some(c), None),
        Phase::Local(_) => (State::Ready, Some(Connection::Local), None),
        Phase::Remote { connection, .. } => (State::Ready, Some(connection), None),
        Phase::Failed { connection, problem, detail } => (State::Failed, connection, Some((problem, detail))),
    };
    let problem_error = problem.as_ref().map(|(p, _)| {
        let key = format!(
            "connection.problem.{}",
            serde_json::to_value(p).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
        );
        ApiError {
            code: match p {
                Problem::ServerUnreachable => ErrorCode::ServerUnreachable,
                Problem::ServerCertificateChanged => ErrorCode::ServerCertificateChanged,
                Problem::ServerIncompatible => ErrorCode::ServerIncompatible,
                _ => ErrorCode::Database,
            },
            message: steward_core::locales::text(locale, &key),
            fields: None,
        }
    });
    ConnectionStatus {
        state,
        connection,
        problem: problem_error,
        problem_kind: problem.as_ref().map(|(p, _)| *p),
        detail: problem.map(|(_, d)| d).filter(|d| !d.is_empty()),
        notice: backend.notice().map(|n| n.as_str()),
        online: shell.link.is_online(),
        overridden: backend.options().is_some_and(|o| o.database_override.is_some()),
    }
}

/// The window's language as the shell knows it (the computer's before the first call).
pub fn locale<R: Runtime>(app: &AppHandle<R>) -> String {
    let (Some(backend), Some(shell)) = (app.try_state::<Backend>(), app.try_state::<Shell>()) else {
        return "en".to_owned();
    };
    shell.link.locale(backend.options().map(|o| o.os_locale.as_str()))
}

/// Tells the window the connection's state changed.
pub fn announce<R: Runtime>(app: &AppHandle<R>) {
    let (Some(backend), Some(shell)) = (app.try_state::<Backend>(), app.try_state::<Shell>()) else { return };
    let locale = locale(app);
    if let Err(e) = app.emit(STATE_EVENT, status(&backend, &shell, &locale)) {
        tracing::warn!(error = %e, "connection event not sent");
    }
}

/// The connection's state now.
#[tauri::command]
pub async fn connection_status<R: Runtime>(app: AppHandle<R>) -> Result<ConnectionStatus, ApiError> {
    let backend = app.state::<Backend>();
    let shell = app.state::<Shell>();
    let locale = locale(&app);
    Ok(status(&backend, &shell, &locale))
}

/// Reads an office server's name and certificate fingerprint, for a manager to compare
/// with what the server printed. Nothing is saved.
#[tauri::command]
pub async fn connection_probe(
    address: String,
    ca_file: Option<String>,
    locale: String,
) -> Result<ServerHello, ApiError> {
    let Some(address) = normalize_address(&address) else {
        return Err(field_error("address", &locale));
    };
    let trust = match ca_file.as_deref().filter(|f| !f.trim().is_empty()) {
        Some(file) => Trust::OfficeCa(file.into()),
        None => Trust::Probe,
    };
    let client = ServerClient::new(&address, trust).map_err(|_| field_error("ca_file", &locale))?;
    client.hello(&locale).await
}

fn field_error(field: &str, locale: &str) -> ApiError {
    let mut fields = std::collections::BTreeMap::new();
    fields.insert(field.to_owned(), "validation.invalid".to_owned());
    ApiError {
        code: ErrorCode::Validation,
        message: steward_core::locales::text(locale, "error.validation"),
        fields: Some(fields),
    }
}

/// What the window chose: `{kind: "local"}` or `{kind: "server", address, fingerprint, ca_file?}`.
#[derive(Debug, Clone, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Choice {
    Local,
    Server { address: String, fingerprint: String, ca_file: Option<String> },
}

/// Switches this desk to `choice`. Signed in, the current connection's manager role is
/// needed and the change is audited there first; before sign-in it is allowed only while
/// the desk has no working connection or has never been set up. A server is used only
/// after it showed the confirmed certificate.
#[tauri::command]
pub async fn connection_choose<R: Runtime>(
    app: AppHandle<R>,
    session: Session,
    choice: Choice,
) -> Result<ConnectionStatus, ApiError> {
    let backend = app.state::<Backend>();
    let shell = app.state::<Shell>();
    let locale = session.locale.clone();
    let Some(options) = backend.options().cloned() else {
        return Err(client_error(ErrorCode::Forbidden, &locale));
    };
    if options.database_override.is_some() {
        return Err(client_error(ErrorCode::Forbidden, &locale));
    }
    let connection = match choice {
        Choice::Local => Connection::Local,
        Choice::Server { address, fingerprint, ca_file } => {
            let address = normalize_address(&address).ok_or_else(|| field_error("address", &locale))?;
            let ca_file = ca_file.filter(|f| !f.trim().is_empty());
            let fingerprint = match (normalize_fingerprint(&fingerprint), &ca_file) {
                (Some(f), _) => f,
                (None, Some(_)) => String::new(),
                (None, None) => return Err(field_error("fingerprint", &locale)),
            };
            // The server must show the confirmed certificate before anything is saved.
            let client = ServerClient::new(&address, trust(&fingerprint, ca_file.as_deref()))
                .map_err(|_| field_error("ca_file", &locale))?;
            client.hello(&locale).await?;
            Connection::Server { address, fingerprint, ca_file }
        }
    };
    let current = backend.phase();
    let from = match &current {
        Phase::Local(_) => Connection::Local.describe(),
        Phase::Remote { client, .. } => client.address().to_owned(),
        Phase::Connecting(c) => c.describe(),
        Phase::Failed { connection, .. } => {
            connection.as_ref().map_or_else(|| "local".to_owned(), Connection::describe)
        }
    };
    let working = matches!(current, Phase::Local(_) | Phase::Remote { .. });
    if session.token.is_some() && working {
        let input = json!({ "from": from, "to": connection.describe() });
        backend.call("connection_change_record", session.clone(), input, shell.clock.now()).await?;
    } else if working && !needs_setup(&backend, &shell, &locale).await {
        // A working, set-up desk changes its connection only by a signed-in manager.
        return Err(client_error(ErrorCode::Unauthenticated, &locale));
    }
    save_choice(&options.settings_path(), &connection).map_err(|e| {
        tracing::error!(error = %e.kind(), "connection choice not saved");
        client_error(ErrorCode::Internal, &locale)
    })?;
    tracing::info!(from = %from, to = %connection.describe(), "connection changed");
    Ok(reopen(&app, connection).await)
}

async fn needs_setup(backend: &Backend, shell: &Shell, locale: &str) -> bool {
    let session = Session::of(None, locale);
    match backend.call("app_status", session, Value::Null, shell.clock.now()).await {
        Ok(status) => status.get("needs_setup").and_then(Value::as_bool).unwrap_or(false),
        Err(_) => false,
    }
}

/// Opens the saved connection again (after a failed start).
#[tauri::command]
pub async fn connection_retry<R: Runtime>(app: AppHandle<R>) -> Result<ConnectionStatus, ApiError> {
    let backend = app.state::<Backend>();
    let locale = locale(&app);
    if matches!(backend.phase(), Phase::Local(_) | Phase::Remote { .. }) {
        let shell = app.state::<Shell>();
        return Ok(status(&backend, &shell, &locale));
    }
    open(&app).await;
    let shell = app.state::<Shell>();
    Ok(status(&backend, &shell, &locale))
}

/// Opens what the settings choose (at start and on Retry), then starts what the phase needs.
pub async fn open<R: Runtime>(app: &AppHandle<R>) {
    let backend = app.state::<Backend>();
    let shell = app.state::<Shell>();
    shell.link.stop();
    announce(app);
    let phase = backend.open().await;
    settle(app, phase);
}

async fn reopen<R: Runtime>(app: &AppHandle<R>, connection: Connection) -> ConnectionStatus {
    let backend = app.state::<Backend>();
    let shell = app.state::<Shell>();
    shell.link.stop();
    shell.watcher.forget_all();
    announce(app);
    let phase = backend.switch(connection).await;
    settle(app, phase);
    status(&backend, &shell, &locale(app))
}

/// After `backup_restore` staged a backup: the database is closed and opened again, which
/// puts the backup in place; the window's sessions then sign in again.
pub async fn reopen_after_restore<R: Runtime>(app: &AppHandle<R>) {
    let backend = app.state::<Backend>();
    let shell = app.state::<Shell>();
    shell.watcher.forget_all();
    announce(app);
    let phase = backend.reopen_local().await;
    settle(app, phase);
}

fn settle<R: Runtime>(app: &AppHandle<R>, phase: Phase) {
    let shell = app.state::<Shell>();
    match phase {
        Phase::Remote { client, .. } => {
            shell.link.set_online(true);
            live::start(app.clone(), client);
        }
        _ => {
            shell.link.set_online(true);
        }
    }
    announce(app);
}
