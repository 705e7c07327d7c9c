//! The escalation sweep in the shell: every minute (and right after the test clock moves)
//! the core escalates what is overdue at the shell's `now`; alerts that reach the staff
//! member signed in to this window are shown as OS notifications (best effort: a desktop
//! without a notification service only logs). A sweep that changed anything tells the
//! window (event `desk-swept`), so the screens it shows refetch what was escalated. The
//! same timer purges old sessions once a day.

use std::sync::Mutex;
use std::time::Duration;

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use steward_core::desk::escalation::EscalationSweep;
use steward_core::{Session, Steward};
use tauri::{AppHandle, Emitter, Manager, Runtime};

use crate::{Backend, Shell};

/// How often the sweep runs with the real clock.
pub const EVERY: Duration = Duration::from_secs(60);
/// The core command that lists the signed-in staff member's alerts.
const ALERT_LIST: &str = "alert_list";
/// The event the window hears after a sweep escalated something (payload: the sweep's counts).
pub const SWEPT_EVENT: &str = "desk-swept";

/// The core's sweep at `now`: how many cases and work orders it escalated, and the alerts.
async fn core_sweep(core: &Steward, now: DateTime<Utc>) -> Result<EscalationSweep, String> {
    let sweep: std::pin::Pin<Box<dyn std::future::Future<Output = _> + Send + '_>> =
        Box::pin(steward_core::desk::escalation::sweep(&core.db, now));
    sweep.await.map_err(|e| e.to_string())
}

/// Who is signed in to the window, and the newest alert already shown to them.
#[derive(Default)]
pub struct Watcher {
    session: Mutex<Option<Session>>,
    /// `(token, newest alert id seen)`: a new sign-in starts a new baseline.
    seen: Mutex<Option<(String, i64)>>,
    /// One sweep at a time (timer and test clock).
    running: tokio::sync::Mutex<()>,
}

impl Watcher {
    /// Remembers the session of the window's latest signed-in call.
    pub fn saw(&self, session: &Session) {
        if session.token.is_some()
            && let Ok(mut s) = self.session.lock()
        {
            *s = Some(session.clone());
        }
    }

    fn session(&self) -> Option<Session> {
        self.session.lock().ok().and_then(|s| s.clone())
    }

    /// The window's sign-in is over (the connection changed).
    pub fn forget_all(&self) {
        if let Ok(mut s) = self.session.lock() {
            *s = None;
        }
    }

    pub fn forget(&self, token: &str) {
        if let Ok(mut s) = self.session.lock()
            && s.as_ref().and_then(|s| s.token.as_deref()) == Some(token)
        {
            *s = None;
        }
    }
}

/// Starts the once-a-minute sweep.
pub fn start<R: Runtime>(app: AppHandle<R>) {
    tauri::async_runtime::spawn(async move {
        let mut every = tokio::time::interval(EVERY);
        every.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            every.tick().await;
            tick(&app).await;
        }
    });
}

/// One sweep at the shell's time, then OS notifications for new alerts of the signed-in
/// staff member.
pub async fn tick<R: Runtime>(app: &AppHandle<R>) {
    let (Some(backend), Some(shell)) = (app.try_state::<Backend>(), app.try_state::<Shell>()) else {
        return;
    };
    let Some(core) = backend.core() else { return };
    let core = &core;
    let watcher = &shell.watcher;
    let _one = watcher.running.lock().await;
    let now = shell.clock.now();
    let session = watcher.session();
    // The baseline is taken before the sweep, so what this sweep raises is new.
    if let Some(s) = &session {
        baseline(core, watcher, s, now).await;
    }
    purge_sessions(core, now).await;
    match core_sweep(core, now).await {
        Ok(sweep) if sweep.cases == 0 && sweep.work_orders == 0 && sweep.alerts == 0 => {}
        Ok(sweep) => {
            tracing::info!(
                cases = sweep.cases,
                work_orders = sweep.work_orders,
                alerts = sweep.alerts,
                "escalation sweep"
            );
            // The window's cached case pages, lists and alerts are now out of date.
            if let Err(e) = app.emit(SWEPT_EVENT, &sweep) {
                tracing::warn!(error = %e, "sweep event not sent");
            }
        }
        Err(e) => {
            tracing::warn!(error = %e, "escalation sweep failed");
            return;
        }
    }
    schedule(app, core, now).await;
    if let Some(s) = session {
        for alert in new_alerts(core, watcher, &s, now).await {
            notify(app, &s.locale, &alert);
        }
    }
}

/// Ended and expired sessions past their retention, once a day (the first tick is at start).
async fn purge_sessions(core: &Steward, now: DateTime<Utc>) {
    match steward_core::accounts::session::purge_daily(&core.db, now).await {
        Ok(Some(deleted)) => tracing::info!(deleted, "old sessions purged"),
        Ok(None) => {}
        Err(e) => tracing::warn!(error = %e, "session purge failed"),
    }
}

/// The package schedule, once per office day (the core remembers the day): visits of the
/// coming weeks written and sent to their departments.
async fn schedule<R: Runtime>(app: &AppHandle<R>, core: &Steward, now: DateTime<Utc>) {
    let run: std::pin::Pin<Box<dyn std::future::Future<Output = _> + Send + '_>> =
        Box::pin(steward_core::menus::schedule::daily(&core.db, now));
    match run.await {
        Ok(Some(report)) => {
            tracing::info!(
                packages = report.packages,
                created = report.created,
                dispatched = report.dispatched,
                "daily package schedule"
            );
            if report.created + report.dispatched + report.cancelled > 0
                && let Err(e) = app.emit(SWEPT_EVENT, &EscalationSweep::default())
            {
                tracing::warn!(error = %e, "schedule event not sent");
            }
        }
        Ok(None) => {}
        Err(e) => tracing::warn!(error = %e, "daily package schedule failed"),
    }
}

async fn unread(core: &Steward, watcher: &Watcher, session: &Session, now: DateTime<Utc>) -> Option<Vec<Value>> {
    let input = json!({ "unread_only": true, "page": 1, "page_size": 50 });
    // The sweep's own look: it must not keep an unattended session from locking.
    let background = Session { background: true, ..session.clone() };
    match crate::backend::dispatch(core, ALERT_LIST, background, input, now).await {
        Ok(page) => Some(page.get("items").and_then(Value::as_array).cloned().unwrap_or_default()),
        Err(e) => {
            if e.code == steward_core::ErrorCode::Unauthenticated
                && let Some(token) = &session.token
            {
                watcher.forget(token);
            }
            None
        }
    }
}

fn newest(alerts: &[Value]) -> i64 {
    alerts.iter().filter_map(|a| a.get("id").and_then(Value::as_i64)).max().unwrap_or(0)
}

async fn baseline(core: &Steward, watcher: &Watcher, session: &Session, now: DateTime<Utc>) {
    let Some(token) = session.token.clone() else { return };
    let known = watcher.seen.lock().ok().and_then(|s| s.clone()).is_some_and(|(t, _)| t == token);
    if !known && let Some(alerts) = unread(core, watcher, session, now).await {
        let top = newest(&alerts);
        if let Ok(mut seen) = watcher.seen.lock() {
            *seen = Some((token, top));
        }
    }
}

async fn new_alerts(core: &Steward, watcher: &Watcher, session: &Session, now: DateTime<Utc>) -> Vec<Value> {
    let Some(token) = session.token.clone() else { return Vec::new() };
    let Some(alerts) = unread(core, watcher, session, now).await else { return Vec::new() };
    let Ok(mut seen) = watcher.seen.lock() else { return Vec::new() };
    let last = seen.as_ref().filter(|(t, _)| *t == token).map_or(0, |(_, n)| *n);
    let fresh: Vec<Value> =
        alerts.iter().filter(|a| a.get("id").and_then(Value::as_i64).is_some_and(|id| id > last)).cloned().collect();
    *seen = Some((token, last.max(newest(&alerts))));
    fresh
}

/// The notification's words, in the window's language.
pub fn words(locale: &str, alert: &Value) -> (String, String) {
    let number = alert.get("case_number").and_then(Value::as_str).unwrap_or_default();
    let title = alert.get("case_title").and_then(Value::as_str).unwrap_or_default();
    let level = alert.get("level").and_then(Value::as_i64).unwrap_or(0);
    if locale.starts_with("zh") {
        (format!("工单超时升级（第 {level} 级）"), format!("{number} {title}"))
    } else {
        (format!("Overdue, escalated to level {level}"), format!("{number} {title}"))
    }
}

pub fn notify<R: Runtime>(app: &AppHandle<R>, locale: &str, alert: &Value) {
    use tauri_plugin_notification::NotificationExt;
    let (title, body) = words(locale, alert);
    let id = alert.get("id").and_then(Value::as_i64).unwrap_or(0);
    match app.notification().builder().title(&title).body(&body).show() {
        Ok(()) => tracing::info!(alert = id, "alert notified"),
        Err(e) => tracing::warn!(alert = id, error = %e, "OS notification not shown"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notification_words_follow_the_language() {
        let alert = json!({ "id": 3, "case_number": "C-000012", "case_title": "漏水", "level": 2 });
        assert_eq!(words("zh-CN", &alert), ("工单超时升级（第 2 级）".into(), "C-000012 漏水".into()));
        assert_eq!(words("en", &alert).0, "Overdue, escalated to level 2");
        assert_eq!(newest(&[alert, json!({ "id": 9 })]), 9);
    }
}
