//! The session lifecycle: the idle lock and unlocking it, the absolute limit, the limits
//! a manager sets, sessions ended by password changes and deactivation, the purge.
//! The clock is moved by calling at later times. Runs on SQLite and on PostgreSQL.

use chrono::{DateTime, Duration, Utc};
use steward_core::Error;
use steward_core::accounts::audit::AuditQuery;
use steward_core::accounts::auth::{ChangeMyPassword, LoginInput};
use steward_core::accounts::limits::SessionLimits;
use steward_core::accounts::lock::SessionUnlock;
use steward_core::accounts::session::{purge, purge_daily};
use steward_core::accounts::staff::{StaffQuery, StaffSetPassword, StaffUpdate};
use steward_core::api::run;
use steward_core::domain::{AuditEvent, Department, Role};
use steward_core::entities::session as session_row;
use steward_core::sea_orm::{ColumnTrait, EntityTrait, PaginatorTrait, QueryFilter};
use steward_core::{Cx, Session};

use crate::common::{Ctx, PASSWORD, ctx, session};

const NEW_PASSWORD: &str = "Harbour-Lights-42";

fn at(c: &Ctx, token: &str, t: DateTime<Utc>) -> Cx {
    c.core.cx(session(Some(token)), t)
}

/// A call a timer makes (a list refreshing itself): not activity.
fn background(c: &Ctx, token: &str, t: DateTime<Utc>) -> Cx {
    c.core.cx(Session { background: true, ..session(Some(token)) }, t)
}

async fn sign_in(c: &Ctx, username: &str, password: &str, t: DateTime<Utc>) -> String {
    let input = LoginInput { username: username.into(), password: password.into() };
    run::login(c.core.cx(session(None), t), input).await.expect("sign in").token
}

/// An office with the shipped limits, a manager and a desk clerk, both signed in at `c.now`.
async fn office() -> (Ctx, String, String) {
    let c = ctx().await;
    c.default_limits().await;
    let manager = c.manager(false).await;
    let desk = c.staff(&manager, "zhou.desk", Role::Desk, Department::CustomerService).await;
    (c, manager, desk)
}

async fn badges(c: &Ctx, token: &str, t: DateTime<Utc>) -> Result<(), Error> {
    run::desk_badges(at(c, token, t), ()).await.map(|_| ())
}

/// The audit rows of `event`, read in a fresh manager session (the test's may be locked).
async fn audited(c: &Ctx, event: AuditEvent) -> Vec<(Option<String>, String)> {
    let token = sign_in(c, "manager", PASSWORD, c.now).await;
    let page = run::audit_list(at(c, &token, c.now), AuditQuery { event: Some(event), page: 1, page_size: 100 })
        .await
        .expect("audit");
    page.items.into_iter().map(|r| (r.username, r.detail)).collect()
}

#[tokio::test]
async fn an_idle_session_locks_at_fifteen_minutes_and_not_before() {
    let (c, manager, desk) = office().await;
    let t0 = c.now;
    let m = |s: i64| t0 + Duration::seconds(s);
    badges(&c, &desk, m(14 * 60 + 59)).await.expect("14:59 idle: still open");
    // That call was activity: the idle time counts from it.
    let seen = m(14 * 60 + 59);
    badges(&c, &desk, seen + Duration::seconds(14 * 60 + 59)).await.expect("open again");
    let seen = seen + Duration::seconds(14 * 60 + 59);
    // Timers refreshing lists are not activity.
    run::desk_badges(background(&c, &desk, seen + Duration::minutes(10)), ()).await.expect("a background read");
    let locked = badges(&c, &desk, seen + Duration::minutes(15)).await;
    assert!(matches!(locked, Err(Error::SessionLocked)), "{locked:?}");
    // Locked: every command but the lock screen's says so, even a minute later.
    let later = seen + Duration::minutes(16);
    assert!(matches!(badges(&c, &desk, later).await, Err(Error::SessionLocked)));
    let status = run::session_status(at(&c, &desk, later), ()).await.expect("status runs locked");
    assert!(status.locked);
    assert_eq!(status.idle_lock_minutes, 15);
    assert_eq!(run::me(at(&c, &desk, later), ()).await.expect("me runs locked").username, "zhou.desk");
    // Only this session: the manager's is open (it was active).
    badges(&c, &manager, m(60)).await.expect("another session is not locked");
    assert_eq!(audited(&c, AuditEvent::SessionLocked).await, vec![(Some("zhou.desk".into()), "idle".into())]);
}

#[tokio::test]
async fn the_password_unlocks_the_same_session_and_a_wrong_one_is_a_failed_sign_in() {
    let (c, _manager, desk) = office().await;
    let t = c.now + Duration::minutes(20);
    assert!(matches!(badges(&c, &desk, t).await, Err(Error::SessionLocked)));
    let wrong = run::session_unlock(at(&c, &desk, t), SessionUnlock { password: "not-the-password".into() }).await;
    assert!(matches!(wrong, Err(Error::InvalidCredentials)), "{wrong:?}");
    assert!(matches!(badges(&c, &desk, t).await, Err(Error::SessionLocked)), "still locked");
    let me = run::session_unlock(at(&c, &desk, t), SessionUnlock { password: PASSWORD.into() }).await.expect("unlock");
    assert_eq!(me.username, "zhou.desk");
    badges(&c, &desk, t).await.expect("the same token works again");
    // The idle time starts again from the unlock.
    badges(&c, &desk, t + Duration::minutes(14)).await.expect("open");
    assert!(!run::session_status(at(&c, &desk, t + Duration::minutes(14)), ()).await.expect("status").locked);

    let failed = audited(&c, AuditEvent::LoginFailed).await;
    assert_eq!(failed, vec![(Some("zhou.desk".into()), "unlock".into())]);
    assert_eq!(audited(&c, AuditEvent::SessionUnlocked).await.len(), 1);
}

#[tokio::test]
async fn the_screen_locks_itself_and_someone_else_may_sign_out_instead() {
    let (c, _manager, desk) = office().await;
    let t = c.now + Duration::minutes(2);
    run::session_lock(at(&c, &desk, t), ()).await.expect("lock");
    assert!(matches!(badges(&c, &desk, t).await, Err(Error::SessionLocked)));
    run::session_lock(at(&c, &desk, t), ()).await.expect("locking twice is harmless");
    run::logout(at(&c, &desk, t), ()).await.expect("sign out from the lock screen");
    assert!(matches!(badges(&c, &desk, t).await, Err(Error::Unauthenticated)));
    let unlock = run::session_unlock(at(&c, &desk, t), SessionUnlock { password: PASSWORD.into() }).await;
    assert!(matches!(unlock, Err(Error::Unauthenticated)), "a signed-out session stays out: {unlock:?}");
}

#[tokio::test]
async fn a_session_ends_twelve_hours_after_sign_in_however_active() {
    let (c, _manager, desk) = office().await;
    for minutes in (10..12 * 60).step_by(10) {
        badges(&c, &desk, c.now + Duration::minutes(minutes)).await.expect("active all day");
    }
    badges(&c, &desk, c.now + Duration::hours(12) - Duration::seconds(1)).await.expect("the last second");
    let ended = badges(&c, &desk, c.now + Duration::hours(12)).await;
    assert!(matches!(ended, Err(Error::Unauthenticated)), "{ended:?}");
    let status = run::session_status(at(&c, &desk, c.now + Duration::hours(12)), ()).await;
    assert!(matches!(status, Err(Error::Unauthenticated)), "not even the lock screen");
    // A locked session ends at the same time.
    let t = c.now + Duration::hours(13);
    let again = sign_in(&c, "zhou.desk", PASSWORD, t).await;
    let late = t + Duration::hours(11);
    assert!(matches!(badges(&c, &again, late).await, Err(Error::SessionLocked)));
    let unlock =
        run::session_unlock(at(&c, &again, t + Duration::hours(12)), SessionUnlock { password: PASSWORD.into() });
    assert!(matches!(unlock.await, Err(Error::Unauthenticated)));
}

#[tokio::test]
async fn the_managers_limits_are_validated_audited_and_applied() {
    let (c, manager, desk) = office().await;
    let limits = run::session_limits_get(at(&c, &manager, c.now), ()).await.expect("limits");
    assert_eq!((limits.idle_lock_minutes, limits.session_hours), (15, 12));
    let refused = run::session_limits_get(at(&c, &desk, c.now), ()).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "managers only: {refused:?}");

    let save =
        |idle: i32, hours: i32, version: i32| SessionLimits { version, idle_lock_minutes: idle, session_hours: hours };
    for (idle, hours, field) in [
        (0, 12, "idle_lock_minutes"),
        (15, 0, "session_hours"),
        (15, 25, "session_hours"),
        (180, 2, "idle_lock_minutes"),
        // Found by the bad-input proptest: hours × 60 overflowed before the range refused it.
        (15, i32::MAX, "session_hours"),
    ] {
        match run::session_limits_save(at(&c, &manager, c.now), save(idle, hours, limits.version)).await {
            Err(Error::Validation(f)) => assert!(f.contains_key(field), "{idle}/{hours}: {f:?}"),
            other => panic!("{idle}/{hours}: expected validation, got {other:?}"),
        }
    }
    let saved = run::session_limits_save(at(&c, &manager, c.now), save(30, 2, limits.version)).await.expect("save");
    assert_eq!((saved.idle_lock_minutes, saved.session_hours), (30, 2));
    let stale = run::session_limits_save(at(&c, &manager, c.now), save(20, 3, limits.version)).await;
    assert!(matches!(stale, Err(Error::Conflict)), "{stale:?}");
    let detail = audited(&c, AuditEvent::SessionLimitsChanged).await;
    assert_eq!(detail, vec![(Some("manager".into()), "idle_lock_minutes 15 → 30; session_hours 12 → 2".into())]);

    // 20 minutes idle is fine now, 30 locks; two hours end it.
    badges(&c, &desk, c.now + Duration::minutes(20)).await.expect("under 30 minutes idle");
    let locked = badges(&c, &desk, c.now + Duration::minutes(50)).await;
    assert!(matches!(locked, Err(Error::SessionLocked)), "{locked:?}");
    let fresh = sign_in(&c, "zhou.desk", PASSWORD, c.now + Duration::minutes(60)).await;
    badges(&c, &fresh, c.now + Duration::minutes(80)).await.expect("open");
    badges(&c, &fresh, c.now + Duration::minutes(100)).await.expect("open");
    let ended = badges(&c, &fresh, c.now + Duration::minutes(180)).await;
    assert!(matches!(ended, Err(Error::Unauthenticated)), "{ended:?}");
    let status = run::session_status(at(&c, &manager, c.now + Duration::minutes(1)), ()).await.expect("status");
    assert_eq!(status.idle_lock_minutes, 30);
}

#[tokio::test]
async fn changing_ones_password_ends_ones_other_sessions_only() {
    let (c, manager, desk) = office().await;
    let other_desk = sign_in(&c, "zhou.desk", PASSWORD, c.now).await;
    let t = c.now + Duration::minutes(1);
    let change = ChangeMyPassword { current: PASSWORD.into(), new_password: NEW_PASSWORD.into() };
    run::change_my_password(at(&c, &desk, t), change).await.expect("change");
    badges(&c, &desk, t).await.expect("this session goes on");
    assert!(matches!(badges(&c, &other_desk, t).await, Err(Error::Unauthenticated)), "the other one ended");
    badges(&c, &manager, t).await.expect("someone else's is untouched");
}

#[tokio::test]
async fn a_password_reset_or_deactivation_ends_that_persons_sessions() {
    let (c, manager, desk) = office().await;
    let desk_id = run::me(at(&c, &desk, c.now), ()).await.expect("me").id;
    let second = sign_in(&c, "zhou.desk", PASSWORD, c.now).await;
    let reset = StaffSetPassword { id: desk_id, password: NEW_PASSWORD.into() };
    run::staff_set_password(at(&c, &manager, c.now), reset).await.expect("reset");
    for token in [&desk, &second] {
        assert!(matches!(badges(&c, token, c.now).await, Err(Error::Unauthenticated)));
    }
    // A manager resetting their own password here keeps this session, ends the others.
    let manager_id = run::me(at(&c, &manager, c.now), ()).await.expect("me").id;
    let manager_elsewhere = sign_in(&c, "manager", PASSWORD, c.now).await;
    run::staff_set_password(
        at(&c, &manager, c.now),
        StaffSetPassword { id: manager_id, password: NEW_PASSWORD.into() },
    )
    .await
    .expect("own reset");
    badges(&c, &manager, c.now).await.expect("kept");
    assert!(matches!(badges(&c, &manager_elsewhere, c.now).await, Err(Error::Unauthenticated)));

    let desk = sign_in(&c, "zhou.desk", NEW_PASSWORD, c.now).await;
    let query = StaffQuery {
        search: Some("zhou.desk".into()),
        department: None,
        include_inactive: true,
        page: 1,
        page_size: 5,
    };
    let row = run::staff_list(at(&c, &manager, c.now), query).await.expect("list").items.remove(0);
    let update = StaffUpdate {
        id: row.id,
        version: row.version,
        display_name: row.display_name,
        role: row.role,
        department: row.department,
        languages: row.languages,
        active: false,
        supervisor: row.supervisor,
        escalation_tier: row.escalation_tier,
    };
    run::staff_update(at(&c, &manager, c.now), update).await.expect("deactivate");
    assert!(matches!(badges(&c, &desk, c.now).await, Err(Error::Unauthenticated)));
}

#[tokio::test]
async fn the_purge_deletes_only_sessions_over_for_a_month() {
    let (c, manager, _desk) = office().await;
    let db = &c.core.db;
    let id = run::me(at(&c, &manager, c.now), ()).await.expect("me").id;
    let now = c.now + Duration::days(40);
    let open = |t: DateTime<Utc>| steward_core::accounts::auth::open_session(db, id, t);
    let end = |token: String, t: DateTime<Utc>| async move {
        let hash = steward_core::accounts::session::token_hash(&token);
        session_row::Entity::update_many()
            .col_expr(session_row::Column::EndedAt, steward_core::sea_orm::sea_query::Expr::value(t))
            .filter(session_row::Column::TokenHash.eq(hash))
            .exec(db)
            .await
            .expect("end");
    };
    let hashes =
        |tokens: &[&String]| tokens.iter().map(|t| steward_core::accounts::session::token_hash(t)).collect::<Vec<_>>();
    // Over for more than 30 days: ended 31 days ago; signed in 32 days ago, never ended.
    let ended_long_ago = open(now - Duration::days(33)).await.expect("session");
    end(ended_long_ago.clone(), now - Duration::days(31)).await;
    let expired_long_ago = open(now - Duration::days(32)).await.expect("session");
    // Kept: ended 29 days ago; signed in 30 days ago (it may have run until 29 days ago); live.
    let ended_recently = open(now - Duration::days(29) - Duration::hours(1)).await.expect("session");
    end(ended_recently.clone(), now - Duration::days(29)).await;
    let expired_recently = open(now - Duration::days(30)).await.expect("session");
    let live = open(now - Duration::hours(1)).await.expect("session");

    let count = |tokens: Vec<String>| async move {
        session_row::Entity::find().filter(session_row::Column::TokenHash.is_in(tokens)).count(db).await.expect("count")
    };
    let before = session_row::Entity::find().count(db).await.expect("count");
    assert_eq!(purge_daily(db, now).await.expect("purge"), Some(2 + before - 5));
    assert_eq!(count(hashes(&[&ended_long_ago, &expired_long_ago])).await, 0);
    assert_eq!(count(hashes(&[&ended_recently, &expired_recently, &live])).await, 3);
    assert_eq!(purge_daily(db, now + Duration::hours(1)).await.expect("purge"), None, "once a day");
    assert_eq!(purge(db, now).await.expect("purge"), 0, "nothing more to delete");
}
