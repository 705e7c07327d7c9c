//! The declared access of every command in `api::ACCESS`, checked through `dispatch`
//! before any input is decoded: no session → unauthenticated, a role without the
//! permission → forbidden, a role with it gets as far as decoding (validation).

use serde_json::{Value, json};
use steward_core::api::{ACCESS, Access, dispatch};
use steward_core::domain::{Department, Role, permission};
use steward_core::{ApiError, ErrorCode};

use crate::common::{ctx, session};

fn code(r: Result<Value, ApiError>) -> Option<ErrorCode> {
    r.err().map(|e| e.code)
}

fn garbage() -> Value {
    json!("garbage")
}

#[tokio::test]
async fn every_non_public_command_needs_a_session() {
    let c = ctx().await;
    c.manager(false).await;
    for (name, access) in ACCESS {
        if *access == Access::Public {
            continue;
        }
        for token in [None, Some("forged-token")] {
            let r = dispatch(&c.core, name, session(token), garbage(), c.now).await;
            assert_eq!(code(r), Some(ErrorCode::Unauthenticated), "{name} with {token:?}");
        }
    }
}

#[tokio::test]
async fn each_role_is_refused_exactly_the_commands_it_lacks() {
    let c = ctx().await;
    let manager = c.manager(false).await;
    let roles = [
        (Role::Manager, manager.clone()),
        (Role::Desk, c.staff(&manager, "desk.access", Role::Desk, Department::CustomerService).await),
        (Role::Department, c.staff(&manager, "eng.access", Role::Department, Department::Engineering).await),
        (Role::Leasing, c.staff(&manager, "lease.access", Role::Leasing, Department::Leasing).await),
    ];
    for (role, token) in &roles {
        for (name, access) in ACCESS {
            let expected = match access {
                Access::Public => continue,
                Access::SignedIn | Access::Session => ErrorCode::Validation,
                Access::Permission(p) if permission::allows(*role, *p) => ErrorCode::Validation,
                Access::Permission(_) => ErrorCode::Forbidden,
            };
            let r = dispatch(&c.core, name, session(Some(token)), garbage(), c.now).await;
            assert_eq!(code(r), Some(expected), "{name} as {role:?}");
        }
    }
}

#[tokio::test]
async fn an_unknown_command_is_not_found_and_public_ones_need_no_session() {
    let c = ctx().await;
    let r = dispatch(&c.core, "no_such_command", session(None), Value::Null, c.now).await;
    assert_eq!(code(r), Some(ErrorCode::NotFound));
    let status = dispatch(&c.core, "app_status", session(None), Value::Null, c.now).await.expect("public");
    assert_eq!(status["needs_setup"], true);
}

#[tokio::test]
async fn committed_writes_are_announced_in_order_and_reads_are_not() {
    let c = ctx().await;
    let mut changes = c.core.changes();
    let manager = c.manager(false).await;
    let first = changes.try_recv().expect("the set-up wrote");
    assert_eq!(first.command, "setup_first_manager");
    dispatch(&c.core, "me", session(Some(&manager)), Value::Null, c.now).await.expect("a read");
    let refused = dispatch(&c.core, "logout", session(Some("forged")), Value::Null, c.now).await;
    assert_eq!(code(refused), Some(ErrorCode::Unauthenticated));
    assert!(changes.try_recv().is_err(), "reads and refusals commit nothing to announce");
    dispatch(&c.core, "set_my_locale", session(Some(&manager)), json!({ "locale": "en" }), c.now)
        .await
        .expect("a write");
    let next = changes.try_recv().expect("the write is announced");
    assert_eq!((next.command, next.seq), ("set_my_locale", first.seq + 1));
}
