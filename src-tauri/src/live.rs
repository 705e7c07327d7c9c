//! Server mode's live link: while someone is signed in the shell follows the server's event
//! stream (`/v1/events`) and tells the window — `server-change` after any desk's write (the
//! window refetches what it shows), an alert as the OS notification the local sweep would
//! raise. Lost connections are retried with a growing pause; the window hears whether the
//! server is reachable (`connection-state`) and shows a banner meanwhile.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::StreamExt;
use serde_json::{Value, json};
use steward_core::{ErrorCode, Session};
use tauri::{AppHandle, Emitter, Manager, Runtime};
use tokio::sync::watch;

use crate::server_client::{EventReader, ServerClient, ServerEvent};
use crate::{Shell, connection, escalation};

/// The window refetches its data when it hears this (payload: `{seq, command}`).
pub const CHANGE_EVENT: &str = "server-change";
const FIRST_PAUSE: Duration = Duration::from_secs(1);
const LONGEST_PAUSE: Duration = Duration::from_secs(15);

/// Who is signed in (for the event stream), and whether the server answers.
pub struct Link {
    signed_in: watch::Sender<Option<Session>>,
    /// `None` while the server answers; else why not (unreachable, certificate changed).
    trouble: Mutex<Option<ErrorCode>>,
    /// The window's language, once it made a call.
    locale: Mutex<Option<String>>,
    task: Mutex<Option<tauri::async_runtime::JoinHandle<()>>>,
}

impl Default for Link {
    fn default() -> Self {
        Self {
            signed_in: watch::Sender::new(None),
            trouble: Mutex::new(None),
            locale: Mutex::new(None),
            task: Mutex::new(None),
        }
    }
}

impl Link {
    /// Remembers the window's language and, for a signed-in call, its session (a new token
    /// resubscribes the stream).
    pub fn saw(&self, session: &Session) {
        if let Ok(mut l) = self.locale.lock() {
            *l = Some(session.locale.clone());
        }
        if session.token.is_some() {
            self.signed_in.send_if_modified(|current| {
                let changed = current.as_ref().map(|s| &s.token) != Some(&session.token);
                if changed {
                    *current = Some(session.clone());
                }
                changed
            });
        }
    }

    /// The session `token` ended (sign-out, or the server refused it).
    pub fn signed_out(&self, token: Option<&str>) {
        self.signed_in.send_if_modified(|current| {
            let ends = token.is_none() || current.as_ref().and_then(|s| s.token.as_deref()) == token;
            if ends && current.is_some() {
                *current = None;
                return true;
            }
            false
        });
    }

    /// The window's language (the computer's until the window made a call).
    pub fn locale(&self, computer: Option<&str>) -> String {
        let seen = self.locale.lock().ok().and_then(|l| l.clone());
        seen.unwrap_or_else(|| steward_core::locales::resolve(computer.unwrap_or("en")))
    }

    pub fn is_online(&self) -> bool {
        self.trouble().is_none()
    }

    pub fn trouble(&self) -> Option<ErrorCode> {
        self.trouble.lock().ok().and_then(|t| *t)
    }

    /// Records whether the server answers; true when that changed.
    pub fn set_trouble(&self, trouble: Option<ErrorCode>) -> bool {
        match self.trouble.lock() {
            Ok(mut t) if *t != trouble => {
                *t = trouble;
                true
            }
            _ => false,
        }
    }

    pub fn set_online(&self, online: bool) -> bool {
        self.set_trouble(if online { None } else { Some(ErrorCode::ServerUnreachable) })
    }

    /// Stops following the server (the connection is being changed).
    pub fn stop(&self) {
        if let Ok(mut task) = self.task.lock()
            && let Some(task) = task.take()
        {
            task.abort();
        }
    }
}

/// After a remote call: the server's reachability as that call saw it.
pub fn after_call<R: Runtime>(app: &AppHandle<R>, outcome: Option<ErrorCode>) {
    let trouble = outcome.filter(|c| matches!(c, ErrorCode::ServerUnreachable | ErrorCode::ServerCertificateChanged));
    mark(app, trouble);
}

fn refresh<R: Runtime>(app: &AppHandle<R>, payload: Value) {
    if let Err(e) = app.emit(CHANGE_EVENT, payload) {
        tracing::warn!(error = %e, "change event not sent");
    }
}

enum Ended {
    /// The stream or the server went away (after having been open, or not).
    Lost { was_open: bool, trouble: ErrorCode },
    /// The server does not know the session any more.
    SignedOut(String),
    /// The server answers again (nobody signed in).
    Reachable,
}

/// Follows `client` for as long as it is the backend.
pub fn start<R: Runtime>(app: AppHandle<R>, client: Arc<ServerClient>) {
    let shell = app.state::<Shell>();
    shell.link.stop();
    let mut sessions = shell.link.signed_in.subscribe();
    let task_app = app.clone();
    let task = tauri::async_runtime::spawn(async move {
        let app = task_app;
        let mut pause = FIRST_PAUSE;
        loop {
            let session = sessions.borrow_and_update().clone();
            let work = async {
                match &session {
                    Some(s) => follow(&app, &client, s).await,
                    None => reachable(&app, &client).await,
                }
            };
            tokio::select! {
                ended = work => match ended {
                    Ended::Lost { was_open, trouble } => {
                        mark(&app, Some(trouble));
                        if was_open { pause = FIRST_PAUSE; }
                        tokio::select! {
                            _ = tokio::time::sleep(pause) => {}
                            _ = sessions.changed() => {}
                        }
                        pause = (pause * 2).min(LONGEST_PAUSE);
                    }
                    Ended::SignedOut(token) => {
                        let shell = app.state::<Shell>();
                        shell.link.signed_out(Some(&token));
                    }
                    Ended::Reachable => pause = FIRST_PAUSE,
                },
                changed = sessions.changed() => {
                    if changed.is_err() { return; }
                    pause = FIRST_PAUSE;
                }
            }
        }
    });
    if let Ok(mut slot) = shell.link.task.lock() {
        *slot = Some(task);
    }
}

/// Reachability, signed out: while the server answers there is nothing to do; after
/// trouble, `/v1/hello` is asked until it answers.
async fn reachable<R: Runtime>(app: &AppHandle<R>, client: &ServerClient) -> Ended {
    let shell = app.state::<Shell>();
    // Calls report trouble too: look again now and then.
    while shell.link.is_online() {
        tokio::time::sleep(FIRST_PAUSE * 2).await;
    }
    match client.hello(&connection::locale(app)).await {
        Ok(_) => {
            mark(app, None);
            Ended::Reachable
        }
        Err(e) => Ended::Lost { was_open: false, trouble: e.code },
    }
}

fn mark<R: Runtime>(app: &AppHandle<R>, trouble: Option<ErrorCode>) {
    let shell = app.state::<Shell>();
    let back = trouble.is_none() && !shell.link.is_online();
    if shell.link.set_trouble(trouble) {
        connection::announce(app);
    }
    if back {
        // Whatever changed while the link was down is refetched.
        refresh(app, json!({ "seq": 0, "command": "" }));
    }
}

async fn follow<R: Runtime>(app: &AppHandle<R>, client: &ServerClient, session: &Session) -> Ended {
    let Some(token) = session.token.clone() else { return Ended::Reachable };
    let response = match client.events(&token, &session.locale).await {
        Ok(r) => r,
        Err(e) if e.code == ErrorCode::Unauthenticated => return Ended::SignedOut(token),
        Err(e) => {
            let trouble = match e.code {
                ErrorCode::ServerCertificateChanged => e.code,
                _ => ErrorCode::ServerUnreachable,
            };
            return Ended::Lost { was_open: false, trouble };
        }
    };
    mark(app, None);
    tracing::info!("following the server's events");
    let mut reader = EventReader::default();
    let mut stream = response.bytes_stream();
    while let Some(chunk) = stream.next().await {
        let Ok(bytes) = chunk else { break };
        for event in reader.push(&bytes) {
            heard(app, client, session, event).await;
        }
    }
    tracing::info!("the server's event stream ended");
    Ended::Lost { was_open: true, trouble: ErrorCode::ServerUnreachable }
}

async fn heard<R: Runtime>(app: &AppHandle<R>, client: &ServerClient, session: &Session, event: ServerEvent) {
    let data: Value = serde_json::from_str(&event.data).unwrap_or(Value::Null);
    match event.name.as_str() {
        "change" => refresh(app, data),
        "alert" => {
            let id = data.get("alertId").and_then(Value::as_i64).unwrap_or(0);
            alert(app, client, session, id).await;
        }
        _ => {}
    }
}

/// An escalation alert for the signed-in staff member: the OS notification and the
/// window's refresh, as the local sweep does.
async fn alert<R: Runtime>(app: &AppHandle<R>, client: &ServerClient, session: &Session, id: i64) {
    let input = json!({ "unread_only": true, "page": 1, "page_size": 50 });
    match client.call("alert_list", session, input).await {
        Ok(page) => {
            let items = page.get("items").and_then(Value::as_array).cloned().unwrap_or_default();
            if let Some(alert) = items.iter().find(|a| a.get("id").and_then(Value::as_i64) == Some(id)) {
                escalation::notify(app, &session.locale, alert);
            }
        }
        Err(e) => tracing::warn!(alert = id, code = e.code.as_str(), "alert not read"),
    }
    if let Err(e) = app.emit(escalation::SWEPT_EVENT, json!({ "cases": 0, "work_orders": 0, "alerts": 1 })) {
        tracing::warn!(error = %e, "alert event not sent");
    }
}
