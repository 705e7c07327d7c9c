//! Sign-in hardening: throttling per account and per source, lockout and unlock, equal
//! timing for unknown names, the audit of staff changes, common passwords, ID masking and
//! the last manager under concurrent demotions. Runs on SQLite and on PostgreSQL.

use std::time::{Duration as StdDuration, Instant};

use chrono::{DateTime, Duration, Utc};
use steward_core::accounts::audit::AuditQuery;
use steward_core::accounts::auth::LoginInput;
use steward_core::accounts::staff::{StaffInput, StaffQuery, StaffSetPassword, StaffUnlock, StaffUpdate};
use steward_core::api::run::{
    audit_list, login, me, staff_create, staff_list, staff_set_password, staff_unlock, staff_update,
};
use steward_core::domain::{AuditEvent, Department, Role};
use steward_core::entities::setting;
use steward_core::record::audit::AuditSubject;
use steward_core::record::history::FieldChange;
use steward_core::sea_orm::{ActiveModelTrait, Set};
use steward_core::{Cx, Error, Session};

use crate::common::{Ctx, PASSWORD, ctx, session};

fn from(source: Option<&str>) -> Session {
    Session { source: source.map(str::to_owned), ..session(None) }
}

/// A sign-in try as `username` from `source` at `at`.
async fn try_at(c: &Ctx, at: DateTime<Utc>, source: Option<&str>, username: &str, password: &str) -> Result<(), Error> {
    let cx: Cx = c.core.cx(from(source), at);
    login(cx, LoginInput { username: username.into(), password: password.into() }).await.map(|_| ())
}

async fn audit_of(c: &Ctx, manager: &str, event: AuditEvent) -> Vec<steward_core::accounts::audit::AuditRow> {
    audit_list(c.cx(Some(manager)), AuditQuery { event: Some(event), page: 1, page_size: 100 })
        .await
        .expect("audit")
        .items
}

async fn staff_row(c: &Ctx, manager: &str, username: &str) -> steward_core::accounts::staff::StaffRow {
    let page = staff_list(
        c.cx(Some(manager)),
        StaffQuery { search: Some(username.into()), department: None, include_inactive: true, page: 1, page_size: 10 },
    )
    .await
    .expect("staff list");
    page.items.into_iter().find(|r| r.username == username).expect("staff row")
}

#[tokio::test]
async fn failures_make_the_next_try_wait_longer_and_a_success_starts_afresh() {
    let c = ctx().await;
    c.manager(false).await;
    let mut at = c.now;
    for _ in 0..3 {
        let r = try_at(&c, at, None, "manager", "wrong-wrong-1").await;
        assert!(matches!(r, Err(Error::InvalidCredentials)), "{r:?}");
    }
    // The third failure makes the next try wait 1 s, the fourth 2 s, the fifth 4 s.
    for wait in [1, 2, 4] {
        let early = try_at(&c, at, None, "manager", PASSWORD).await;
        assert!(matches!(early, Err(Error::RateLimited(s)) if s == wait), "{early:?}");
        let msg = early.expect_err("refused").to_api("en").message;
        assert!(msg.contains(&format!("{wait} s")), "{msg}");
        at += Duration::seconds(wait);
        let r = try_at(&c, at, None, "manager", "wrong-wrong-1").await;
        assert!(matches!(r, Err(Error::InvalidCredentials)), "{r:?}");
    }
    let still = try_at(&c, at + Duration::seconds(7), None, "manager", PASSWORD).await;
    assert!(matches!(still, Err(Error::RateLimited(1))), "{still:?}");
    at += Duration::seconds(8);
    try_at(&c, at, None, "manager", PASSWORD).await.expect("the right password after the wait");
    // Afresh: three more failures before any wait.
    for _ in 0..3 {
        let r = try_at(&c, at, None, "manager", "wrong-wrong-1").await;
        assert!(matches!(r, Err(Error::InvalidCredentials)), "{r:?}");
    }
    assert!(matches!(try_at(&c, at, None, "manager", PASSWORD).await, Err(Error::RateLimited(1))));
    // Another account at the same time is not slowed by this one.
    let r = try_at(&c, at, None, "someone", "wrong-wrong-1").await;
    assert!(matches!(r, Err(Error::InvalidCredentials)), "{r:?}");
}

#[tokio::test]
async fn an_account_locks_after_ten_failures_and_a_manager_unlocks_it() {
    let c = ctx().await;
    let manager = c.manager(false).await;
    c.staff(&manager, "chen.desk", Role::Desk, Department::CustomerService).await;
    let mut at = c.now;
    for n in 1..=10 {
        at += Duration::seconds(61);
        let r = try_at(&c, at, Some("192.0.2.7"), "chen.desk", "wrong-wrong-1").await;
        assert!(matches!(r, Err(Error::InvalidCredentials)), "failure {n}: {r:?}");
    }
    at += Duration::hours(5);
    let locked = try_at(&c, at, Some("192.0.2.8"), "chen.desk", PASSWORD).await;
    assert!(matches!(locked, Err(Error::AccountLocked)), "even the right password: {locked:?}");
    assert!(locked.expect_err("locked").to_api("en").message.contains("locked"));

    let entries = audit_of(&c, &manager, AuditEvent::AccountLocked).await;
    assert_eq!(entries.len(), 1, "locked once");
    let subject = entries[0].subject.clone().expect("subject");
    assert_eq!(subject.username, "chen.desk");
    assert_eq!(subject.source.as_deref(), Some("192.0.2.7"));
    assert!(staff_row(&c, &manager, "chen.desk").await.locked);

    let row = staff_unlock(c.cx(Some(&manager)), StaffUnlock { id: subject.staff_id }).await.expect("unlock");
    assert!(!row.locked);
    let unlocked = audit_of(&c, &manager, AuditEvent::AccountUnlocked).await;
    assert_eq!(unlocked.len(), 1);
    assert_eq!(unlocked[0].username.as_deref(), Some("manager"), "the manager who unlocked it");
    assert_eq!(unlocked[0].subject.as_ref().map(|s| s.username.as_str()), Some("chen.desk"));
    try_at(&c, at, Some("192.0.2.8"), "chen.desk", PASSWORD).await.expect("signs in after the unlock");
}

#[tokio::test]
async fn unlocking_is_for_managers_only() {
    let c = ctx().await;
    let manager = c.manager(false).await;
    let desk = c.staff(&manager, "chen.desk", Role::Desk, Department::CustomerService).await;
    let id = me(c.cx(Some(&desk)), ()).await.expect("me").id;
    let r = staff_unlock(c.cx(Some(&desk)), StaffUnlock { id }).await;
    assert!(matches!(r, Err(Error::Forbidden(_))), "{r:?}");
}

#[tokio::test]
async fn the_lockout_limit_is_a_setting() {
    let c = ctx().await;
    let manager = c.manager(false).await;
    c.staff(&manager, "chen.desk", Role::Desk, Department::CustomerService).await;
    setting::ActiveModel { key: Set("accounts.lock_after".into()), value: Set("4".into()) }
        .insert(&c.core.db)
        .await
        .expect("setting");
    let mut at = c.now;
    for _ in 0..4 {
        at += Duration::seconds(61);
        let _ = try_at(&c, at, None, "chen.desk", "wrong-wrong-1").await;
    }
    let r = try_at(&c, at + Duration::seconds(61), None, "chen.desk", PASSWORD).await;
    assert!(matches!(r, Err(Error::AccountLocked)), "{r:?}");
}

#[tokio::test]
async fn one_source_failing_across_accounts_is_slowed_and_others_are_not() {
    let c = ctx().await;
    let manager = c.manager(false).await;
    let at = c.now;
    for n in 0..20 {
        let r = try_at(&c, at, Some("198.51.100.4"), &format!("guess{n}"), "wrong-wrong-1").await;
        assert!(matches!(r, Err(Error::InvalidCredentials)), "try {n}: {r:?}");
    }
    let slowed = try_at(&c, at, Some("198.51.100.4"), "guess99", "wrong-wrong-1").await;
    assert!(matches!(slowed, Err(Error::RateLimited(1))), "{slowed:?}");
    let slowed = try_at(&c, at, Some("198.51.100.4"), "manager", PASSWORD).await;
    assert!(matches!(slowed, Err(Error::RateLimited(_))), "a real account from that source too: {slowed:?}");
    try_at(&c, at, Some("198.51.100.5"), "manager", PASSWORD).await.expect("another source is not slowed");
    try_at(&c, at, None, "manager", PASSWORD).await.expect("nor this desk");
    // The source's failures are forgotten after a quiet quarter of an hour.
    try_at(&c, at + Duration::minutes(16), Some("198.51.100.4"), "manager", PASSWORD).await.expect("later");

    // Names that are no account are not kept in the audit (they may be passwords typed in
    // the wrong box); a failure of a real account names it.
    let _ = try_at(&c, at + Duration::minutes(17), None, "manager", "wrong-wrong-1").await;
    let failed = audit_of(&c, &manager, AuditEvent::LoginFailed).await;
    assert_eq!(failed.len(), 21);
    assert!(failed.iter().all(|r| !r.username.as_deref().unwrap_or("").starts_with("guess")));
    assert_eq!(failed.iter().filter(|r| r.username.is_none() && r.staff_name.is_none()).count(), 20);
    assert_eq!(failed[0].username.as_deref(), Some("manager"));
}

#[test]
fn the_caller_cannot_set_its_source() {
    let s: Session =
        serde_json::from_value(serde_json::json!({"token": null, "locale": "en", "source": "10.0.0.1"})).expect("json");
    assert_eq!(s.source, None);
}

fn median(mut v: Vec<StdDuration>) -> StdDuration {
    v.sort();
    v[v.len() / 2]
}

#[tokio::test]
async fn an_unknown_name_costs_as_long_as_a_wrong_password() {
    let c = ctx().await;
    c.manager(false).await;
    // The dummy hash is made on first use; not part of what is measured.
    let _ = try_at(&c, c.now, Some("warm-up"), "nobody", "wrong-wrong-1").await;
    let (mut unknown, mut wrong) = (Vec::new(), Vec::new());
    for i in 0..7 {
        // A fresh source and an hour apart: no wait interferes.
        let at = c.now + Duration::hours(i + 1);
        let source = format!("203.0.113.{i}");
        let t = Instant::now();
        let r = try_at(&c, at, Some(&source), "nobody-here", "wrong-wrong-1").await;
        unknown.push(t.elapsed());
        assert!(matches!(r, Err(Error::InvalidCredentials)), "{r:?}");
        let t = Instant::now();
        let r = try_at(&c, at, Some(&source), "manager", "wrong-wrong-1").await;
        wrong.push(t.elapsed());
        assert!(matches!(r, Err(Error::InvalidCredentials)), "{r:?}");
        // Keep the account below its waits and lock.
        try_at(&c, at + Duration::minutes(1), Some(&source), "manager", PASSWORD).await.expect("sign in");
    }
    let (u, w) = (median(unknown), median(wrong));
    let ratio = u.as_secs_f64() / w.as_secs_f64();
    assert!((0.5..=2.0).contains(&ratio), "unknown {u:?} vs wrong password {w:?}");
}

#[tokio::test]
async fn staff_changes_are_audited_old_to_new_without_passwords() {
    let c = ctx().await;
    let manager = c.manager(false).await;
    let created = staff_create(
        c.cx(Some(&manager)),
        StaffInput {
            username: "li.desk".into(),
            display_name: "Li".into(),
            role: Role::Desk,
            department: Department::CustomerService,
            languages: vec![],
            password: Some(PASSWORD.into()),
            supervisor: false,
            escalation_tier: None,
        },
    )
    .await
    .expect("create");
    let change = |field: &str, old: Option<&str>, new: Option<&str>| FieldChange {
        field: field.into(),
        old: old.map(str::to_owned),
        new: new.map(str::to_owned),
    };
    let entry = audit_of(&c, &manager, AuditEvent::StaffCreated).await;
    assert_eq!(
        entry[0].subject,
        Some(AuditSubject {
            staff_id: created.id,
            username: "li.desk".into(),
            changes: vec![change("role", None, Some("desk")), change("department", None, Some("customer_service"))],
            source: None,
        })
    );

    let edit = |version, role, department, active| StaffUpdate {
        id: created.id,
        version,
        display_name: "Li".into(),
        role,
        department,
        languages: vec![],
        active,
        supervisor: false,
        escalation_tier: None,
    };
    let v2 = staff_update(c.cx(Some(&manager)), edit(1, Role::Manager, Department::Management, true))
        .await
        .expect("promote")
        .version;
    let v3 = staff_update(c.cx(Some(&manager)), edit(v2, Role::Manager, Department::Management, false))
        .await
        .expect("deactivate")
        .version;
    staff_update(c.cx(Some(&manager)), edit(v3, Role::Manager, Department::Management, true)).await.expect("back");
    staff_set_password(c.cx(Some(&manager)), StaffSetPassword { id: created.id, password: "Quiet-River-42".into() })
        .await
        .expect("reset");

    let only = |rows: Vec<steward_core::accounts::audit::AuditRow>| {
        assert_eq!(rows.len(), 1, "{rows:?}");
        rows[0].subject.clone().expect("subject").changes
    };
    assert_eq!(
        only(audit_of(&c, &manager, AuditEvent::RoleChanged).await),
        vec![change("role", Some("desk"), Some("manager"))]
    );
    assert_eq!(
        only(audit_of(&c, &manager, AuditEvent::DepartmentChanged).await),
        vec![change("department", Some("customer_service"), Some("management"))]
    );
    assert_eq!(
        only(audit_of(&c, &manager, AuditEvent::StaffDeactivated).await),
        vec![change("active", Some("true"), Some("false"))]
    );
    assert_eq!(
        only(audit_of(&c, &manager, AuditEvent::StaffReactivated).await),
        vec![change("active", Some("false"), Some("true"))]
    );
    let reset = audit_of(&c, &manager, AuditEvent::PasswordReset).await;
    assert_eq!(reset.len(), 1);
    assert_eq!(reset[0].subject.as_ref().map(|s| s.staff_id), Some(created.id));
    let all =
        audit_list(c.cx(Some(&manager)), AuditQuery { event: None, page: 1, page_size: 100 }).await.expect("audit");
    for row in &all.items {
        assert!(!row.detail.contains("Quiet-River") && !row.detail.contains(PASSWORD), "{row:?}");
    }
}

#[tokio::test]
async fn common_passwords_are_refused() {
    let c = ctx().await;
    let manager = c.manager(false).await;
    for weak in ["iloveyou", "Sunshine", "qwertyuiop", "1q2w3e4r5t", "woaini1314", "baseball1"] {
        let r = staff_create(
            c.cx(Some(&manager)),
            StaffInput {
                username: "weak.one".into(),
                display_name: "Weak".into(),
                role: Role::Desk,
                department: Department::CustomerService,
                languages: vec![],
                password: Some(weak.into()),
                supervisor: false,
                escalation_tier: None,
            },
        )
        .await;
        match r {
            Err(Error::Validation(f)) => {
                assert_eq!(f.get("password").map(String::as_str), Some("validation.password_common"), "{weak}")
            }
            other => panic!("{weak}: expected validation, got {other:?}"),
        }
    }
    assert!(steward_core::accounts::password::common_count() >= 10_000);
}

#[test]
fn id_numbers_show_at_most_their_last_four() {
    use steward_core::directory::customers::mask_id;
    assert_eq!(mask_id("E12345678"), "*****5678", "a passport");
    assert_eq!(mask_id("110101199001011234"), "**************1234");
    assert_eq!(mask_id("AB1234"), "***234", "a short number shows half at most");
    assert_eq!(mask_id("1234"), "**34");
    for n in ["E12345678", "G1234567", "110101199001011234", "X99"] {
        let shown = mask_id(n).chars().filter(|c| *c != '*').count();
        assert!(shown <= 4 && shown * 2 <= n.chars().count(), "{n} → {}", mask_id(n));
    }
}

/// Two managers demoting each other at once must leave one manager (PostgreSQL runs the
/// two writes truly at once; SQLite's write lock runs them one after the other).
#[tokio::test]
async fn two_managers_demoting_each_other_at_once_leave_one() {
    let c = ctx().await;
    let first = c.manager(false).await;
    let second = c.staff(&first, "second.manager", Role::Manager, Department::Management).await;
    let first_id = me(c.cx(Some(&first)), ()).await.expect("me").id;
    let second_id = me(c.cx(Some(&second)), ()).await.expect("me").id;
    let demote = |id, version| StaffUpdate {
        id,
        version,
        display_name: "x".into(),
        role: Role::Desk,
        department: Department::CustomerService,
        languages: vec![],
        active: true,
        supervisor: false,
        escalation_tier: None,
    };
    let promote =
        |id, version| StaffUpdate { role: Role::Manager, department: Department::Management, ..demote(id, version) };
    for round in 0..5 {
        let a = staff_row(&c, &first, "manager").await;
        let b = staff_row(&c, &first, "second.manager").await;
        let (r1, r2) = tokio::join!(
            staff_update(c.cx(Some(&first)), demote(second_id, b.version)),
            staff_update(c.cx(Some(&second)), demote(first_id, a.version)),
        );
        let ok = [r1.is_ok(), r2.is_ok()];
        assert_eq!(ok.iter().filter(|o| **o).count(), 1, "round {round}: exactly one demotion: {r1:?} {r2:?}");
        for r in [&r1, &r2] {
            if let Err(e) = r {
                // Refused as the last manager, or (when the other demotion committed before
                // this one began) because its actor is no longer a manager.
                assert!(
                    matches!(e, Error::Validation(f) if f.contains_key("active")) || matches!(e, Error::Forbidden(_)),
                    "round {round}: {e:?}"
                );
            }
        }
        // Put things back: the remaining manager promotes the other again.
        let (stayed, demoted_id, demoted_name) =
            if r1.is_ok() { (&first, second_id, "second.manager") } else { (&second, first_id, "manager") };
        let v = staff_row(&c, stayed, demoted_name).await.version;
        staff_update(c.cx(Some(stayed)), promote(demoted_id, v)).await.expect("promote back");
    }
}
