//! Every command of `api::ACCESS` over HTTP as no token, a forged token, a deactivated
//! account and each role, judged against the declared table (`ACCESS` and
//! `permission::allows`, the same the core's in-process test uses); refusals of signed-in
//! staff leave their audit rows.

use std::collections::BTreeMap;

use reqwest::StatusCode;
use serde_json::{Value, json};
use steward_core::api::{ACCESS, Access};
use steward_core::domain::{Role, permission};

use crate::common::office;

/// Refused by authentication or authorization (status and the body's code agree).
fn refusal(status: StatusCode, body: &Value) -> Option<&'static str> {
    match (status, body["code"].as_str()) {
        (StatusCode::UNAUTHORIZED, Some("unauthenticated")) => Some("unauthenticated"),
        (StatusCode::FORBIDDEN, Some("forbidden")) => Some("forbidden"),
        (StatusCode::UNAUTHORIZED | StatusCode::FORBIDDEN, _) => panic!("status {status} with body {body}"),
        _ => None,
    }
}

#[tokio::test]
async fn every_command_over_http_as_every_identity() {
    let o = office().await;
    let manager = o.manager().await;
    let (_, desk) = o.staff(&manager, "desk.http", "desk", "customer_service").await;
    let (_, engineer) = o.staff(&manager, "eng.http", "department", "engineering").await;
    let (_, leasing) = o.staff(&manager, "lease.http", "leasing", "leasing").await;
    let (gone_id, gone) = o.staff(&manager, "gone.http", "desk", "customer_service").await;
    let row = o.ok(Some(&manager), "staff_list", json!({ "page": 1, "page_size": 50, "include_inactive": true })).await;
    let version =
        row["items"].as_array().expect("items").iter().find(|s| s["id"] == gone_id).expect("gone")["version"].clone();
    o.ok(
        Some(&manager),
        "staff_update",
        json!({ "id": gone_id, "version": version, "display_name": "gone.http", "role": "desk",
                "department": "customer_service", "languages": [{ "language": "zh-CN", "level": "native" }],
                "active": false }),
    )
    .await;

    // A string where every command wants an object or null: decoding fails after the
    // access check, so an allowed call ends in `validation` and changes nothing.
    let garbage = json!("garbage");
    let anonymous: [(&str, Option<&str>); 3] =
        [("none", None), ("forged", Some("forged-token")), ("deactivated", Some(&gone))];
    for (who, token) in anonymous {
        for (name, access) in ACCESS {
            let (status, body) = o.call(token, name, garbage.clone()).await;
            let expected = if *access == Access::Public { None } else { Some("unauthenticated") };
            assert_eq!(refusal(status, &body), expected, "{name} as {who}: {status} {body}");
        }
    }

    let roles = [
        (Role::Manager, "manager", &manager),
        (Role::Desk, "desk.http", &desk),
        (Role::Department, "eng.http", &engineer),
        (Role::Leasing, "lease.http", &leasing),
    ];
    let mut refused: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (role, username, token) in roles {
        for (name, access) in ACCESS {
            let allowed = match access {
                Access::Public | Access::SignedIn | Access::Session => true,
                Access::Permission(p) => permission::allows(role, *p),
            };
            let (status, body) = o.call(Some(token), name, garbage.clone()).await;
            let expected = if allowed { None } else { Some("forbidden") };
            assert_eq!(refusal(status, &body), expected, "{name} as {role:?}: {status} {body}");
            if allowed {
                assert_eq!(body["code"], "validation", "{name} as {role:?} gets past authorization: {body}");
            } else {
                *refused.entry((username.to_owned(), (*name).to_owned())).or_default() += 1;
            }
        }
    }
    assert!(!refused.is_empty(), "some role lacks some permission");

    // Each refusal of a signed-in role is in the audit log: who and which command.
    let mut audited: BTreeMap<(String, String), usize> = BTreeMap::new();
    for page in 1.. {
        let rows =
            o.ok(Some(&manager), "audit_list", json!({ "event": "refused", "page": page, "page_size": 200 })).await;
        let items = rows["items"].as_array().expect("items").clone();
        if items.is_empty() {
            break;
        }
        for r in items {
            let key = (
                r["username"].as_str().unwrap_or_default().to_owned(),
                r["detail"].as_str().unwrap_or_default().to_owned(),
            );
            *audited.entry(key).or_default() += 1;
        }
    }
    assert_eq!(audited, refused, "one audit row per refused call, naming the staff member and the command");
    o.running.stop().await;
}
