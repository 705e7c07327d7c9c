//! `/v1/events`: committed writes (`change`) and escalation alerts (`alert`) pushed to the
//! desks; and the once-a-minute sweep that raises those alerts.

use std::convert::Infallible;
use std::sync::Arc;

use std::net::SocketAddr;
use std::time::Instant;

use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, HeaderValue};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use chrono::Utc;
use serde_json::{Value, json};
use steward_core::app::Change;
use steward_core::entities::alert;
use steward_core::sea_orm::{ColumnTrait, EntityTrait, QueryFilter, QueryOrder, QuerySelect};
use steward_core::{Session, Steward};
use tokio::sync::broadcast;
use tokio::sync::broadcast::error::RecvError;

use crate::http::{REQUEST_ID, Server, dispatch, failure, request_id, session};
use crate::limits;

/// A new alert for a staff member.
#[derive(Debug, Clone, Copy)]
pub struct Alert {
    pub staff_id: i32,
    pub alert_id: i32,
}

#[derive(Clone)]
pub struct Alerts(broadcast::Sender<Alert>);

impl Default for Alerts {
    fn default() -> Self {
        Self(broadcast::channel(256).0)
    }
}

/// Who the stream belongs to, or the core's refusal.
async fn staff_of(core: &Steward, session: &Session) -> Result<i32, steward_core::ApiError> {
    let me = dispatch(core, "me", session.clone(), Value::Null, Utc::now()).await?;
    Ok(me.get("id").and_then(Value::as_i64).and_then(|id| i32::try_from(id).ok()).unwrap_or_default())
}

struct Feed {
    server: Arc<Server>,
    session: Session,
    staff_id: i32,
    changes: broadcast::Receiver<Change>,
    alerts: broadcast::Receiver<Alert>,
    check: tokio::time::Interval,
    stopping: tokio::sync::watch::Receiver<bool>,
}

/// Opens a desk's event stream; logged like a command (as `events`).
pub async fn stream(
    State(server): State<Arc<Server>>,
    ConnectInfo(peer): ConnectInfo<SocketAddr>,
    headers: HeaderMap,
) -> Response {
    let started = Instant::now();
    let id = request_id(&headers);
    let mut response = open(server, peer, &headers).await;
    if let Ok(v) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID, v);
    }
    let status = response.status().as_u16();
    tracing::info!(request_id = %id, command = "events", status, duration_ms = started.elapsed().as_millis() as u64, "request");
    response
}

async fn open(server: Arc<Server>, peer: SocketAddr, headers: &HeaderMap) -> Response {
    let session = session(headers, peer);
    if !server.limiter.admit(session.token.as_deref(), peer.ip()) {
        return failure(&steward_core::Error::TooManyRequests.to_api(&session.locale));
    }
    if session.token.is_none() {
        return failure(&steward_core::Error::Unauthenticated.to_api(&session.locale));
    }
    // Subscribed before the session check, so nothing committed after it is missed.
    let changes = server.core.changes();
    let alerts = server.alerts.0.subscribe();
    let staff_id = match staff_of(&server.core, &session).await {
        Ok(id) => id,
        Err(e) => return failure(&e),
    };
    if let Some(token) = &session.token {
        server.limiter.accepted(token);
    }
    let mut check = tokio::time::interval(limits::SESSION_CHECK);
    check.reset();
    let stopping = server.stopping.clone();
    let feed = Feed { server, session, staff_id, changes, alerts, check, stopping };
    let events = futures_util::stream::unfold(feed, |mut f| async move {
        loop {
            tokio::select! {
                change = f.changes.recv() => match change {
                    Ok(c) => {
                        let data = json!({ "seq": c.seq, "command": c.command }).to_string();
                        return Some((Ok::<_, Infallible>(Event::default().event("change").data(data)), f));
                    }
                    // The next change's seq shows the gap; the desk refreshes everything.
                    Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => return None,
                },
                alert = f.alerts.recv() => match alert {
                    Ok(a) if a.staff_id == f.staff_id => {
                        let data = json!({ "alertId": a.alert_id }).to_string();
                        return Some((Ok(Event::default().event("alert").data(data)), f));
                    }
                    Ok(_) | Err(RecvError::Lagged(_)) => continue,
                    Err(RecvError::Closed) => return None,
                },
                _ = f.stopping.changed() => return None,
                _ = f.check.tick() => {
                    // A session that ended (sign-out, expiry, deactivation) hears no more.
                    if staff_of(&f.server.core, &f.session).await.is_err() {
                        return None;
                    }
                }
            }
        }
    });
    Sse::new(events).keep_alive(KeepAlive::new().interval(limits::KEEP_ALIVE).text(" keep-alive")).into_response()
}

/// The newest alert's id.
async fn newest_alert(core: &Steward) -> i32 {
    let newest = alert::Entity::find().order_by_desc(alert::Column::Id).limit(1).one(&core.db).await;
    newest.ok().flatten().map_or(0, |a| a.id)
}

/// Alerts raised since `since`, to their staff members' streams; returns the newest id.
async fn tell_new_alerts(core: &Steward, alerts: &Alerts, since: i32) -> i32 {
    let found =
        alert::Entity::find().filter(alert::Column::Id.gt(since)).order_by_asc(alert::Column::Id).all(&core.db).await;
    let Ok(found) = found else { return since };
    let mut newest = since;
    for a in found {
        newest = newest.max(a.id);
        let _ = alerts.0.send(Alert { staff_id: a.staff_id, alert_id: a.id });
    }
    newest
}

/// Every minute: the escalation sweep and the daily package schedule at the server's
/// time (as the desktop app does for itself), then the alerts they raised. Alerts a
/// desk raised with `desk_escalate` are told as soon as that command commits.
pub async fn sweep_every_minute(core: Steward, alerts: Alerts) {
    let mut last = newest_alert(&core).await;
    let mut changes = core.changes();
    let mut every = tokio::time::interval(limits::SWEEP_EVERY);
    every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            _ = every.tick() => {
                sweep(&core).await;
                last = tell_new_alerts(&core, &alerts, last).await;
            }
            change = changes.recv() => match change {
                Ok(c) if c.command == "desk_escalate" => last = tell_new_alerts(&core, &alerts, last).await,
                Ok(_) | Err(RecvError::Lagged(_)) => {}
                Err(RecvError::Closed) => return,
            },
        }
    }
}

async fn sweep(core: &Steward) {
    let now = Utc::now();
    let run: std::pin::Pin<Box<dyn std::future::Future<Output = _> + Send + '_>> =
        Box::pin(steward_core::desk::escalation::sweep(&core.db, now));
    match run.await {
        Ok(s) if s.cases + s.work_orders + s.alerts > 0 => {
            tracing::info!(cases = s.cases, work_orders = s.work_orders, alerts = s.alerts, "escalation sweep");
            core.announce("desk_escalate");
        }
        Ok(_) => {}
        Err(e) => tracing::warn!(error = %e, "escalation sweep failed"),
    }
    let run: std::pin::Pin<Box<dyn std::future::Future<Output = _> + Send + '_>> =
        Box::pin(steward_core::menus::schedule::daily(&core.db, now));
    match run.await {
        Ok(Some(r)) => {
            tracing::info!(
                packages = r.packages,
                created = r.created,
                dispatched = r.dispatched,
                "daily package schedule"
            );
            if r.created + r.dispatched + r.cancelled > 0 {
                core.announce("package_schedule_run");
            }
        }
        Ok(None) => {}
        Err(e) => tracing::warn!(error = %e, "daily package schedule failed"),
    }
}
