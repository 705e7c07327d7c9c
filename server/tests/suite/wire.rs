//! The wire contract end to end: hello, sign-in, errors, limits, events, certificate.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use steward_server::limits::Rate;

use crate::common::{GENEROUS, office, office_with, start};

#[tokio::test]
async fn hello_names_the_product_and_version() {
    let o = office().await;
    let resp = o.client.get(format!("{}/v1/hello", o.base)).send().await.expect("hello");
    assert_eq!(resp.status(), StatusCode::OK);
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body, json!({ "product": "steward", "version": "0.1.0", "name": "test office" }));
    o.running.stop().await;
}

#[tokio::test]
async fn sign_in_then_commands_then_sign_out() {
    let o = office().await;
    let (status, body) = o.call(None, "app_status", Value::Null).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["needs_setup"], true);
    o.manager().await;
    let login = o.ok(None, "login", json!({ "username": "manager", "password": crate::common::PASSWORD })).await;
    let token = login["token"].as_str().expect("token");
    let me = o.ok(Some(token), "me", Value::Null).await;
    assert_eq!(me["username"], "manager");
    // The request id is echoed, or one is made.
    let resp = o
        .client
        .post(format!("{}/v1/call/me", o.base))
        .bearer_auth(token)
        .header("X-Request-Id", "desk-7-42")
        .body("null")
        .send()
        .await
        .expect("me");
    assert_eq!(resp.headers().get("x-request-id").and_then(|v| v.to_str().ok()), Some("desk-7-42"));
    let resp = o.client.post(format!("{}/v1/call/me", o.base)).bearer_auth(token).send().await.expect("me");
    assert_eq!(resp.status(), StatusCode::OK, "an empty body is null");
    assert_eq!(resp.headers().get("x-request-id").map(|v| v.len()), Some(16));

    o.ok(Some(token), "logout", Value::Null).await;
    let (status, body) = o.call(Some(token), "me", Value::Null).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::UNAUTHORIZED, Some("unauthenticated")));
    o.running.stop().await;
}

#[tokio::test]
async fn errors_keep_code_message_and_fields_in_the_requested_language() {
    let o = office().await;
    let (status, body) = o.call_in("zh-CN", None, "login", json!({ "username": "x" })).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    assert_eq!(body["code"], "validation");
    assert_eq!(body["message"], "有字段需要修改。");
    assert_eq!(body["fields"], json!({ "password": "validation.malformed" }));

    let (status, body) =
        o.call_in("zh-CN,zh;q=0.9,en;q=0.8", None, "login", json!({ "username": "nobody", "password": "wrong" })).await;
    assert_eq!(body["code"], "invalid_credentials", "{status}");
    assert_eq!(body["message"], "用户名或密码错误。");

    let (status, body) = o.call(None, "no_such_command", Value::Null).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::NOT_FOUND, Some("not_found")));
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()));

    let resp = o.client.post(format!("{}/v1/call/login", o.base)).body("{not json").send().await.expect("malformed");
    assert_eq!(resp.status(), StatusCode::UNPROCESSABLE_ENTITY);
    o.running.stop().await;
}

#[tokio::test]
async fn a_desk_account_is_refused_a_manager_command() {
    let o = office().await;
    let manager = o.manager().await;
    let (_, desk) = o.staff(&manager, "desk.one", "desk", "customer_service").await;
    let (status, body) = o.call_in("zh-CN", Some(&desk), "staff_list", json!({ "page": 1, "page_size": 20 })).await;
    assert_eq!((status, body["code"].as_str()), (StatusCode::FORBIDDEN, Some("forbidden")));
    assert_eq!(body["message"], "您的角色无权执行此操作。");
    o.running.stop().await;
}

#[tokio::test]
async fn a_body_over_the_limit_is_too_large() {
    let o = office().await;
    let big = "x".repeat(steward_server::limits::BODY_LIMIT + 1);
    let resp = o
        .client
        .post(format!("{}/v1/call/login", o.base))
        .header("Accept-Language", "zh-CN")
        .body(big)
        .send()
        .await
        .expect("a response, not a reset");
    assert_eq!(resp.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body["code"], "too_large");
    assert_eq!(body["message"], "内容过大，无法发送到办公室服务器。");
    o.running.stop().await;
}

#[tokio::test]
async fn too_many_requests_are_rate_limited_per_address_and_per_session() {
    let o = office_with(Rate { per_second: 5, burst: 10 }, Rate::ADDRESS).await;
    let mut limited = 0;
    for _ in 0..(Rate::ADDRESS.burst * 2) {
        let (status, body) = o.call(None, "app_status", Value::Null).await;
        if status == StatusCode::TOO_MANY_REQUESTS {
            assert_eq!(body["code"], "rate_limited");
            limited += 1;
        }
    }
    assert!(limited > 0, "the address's burst of {} was spent", Rate::ADDRESS.burst);

    // The address bucket refills; a signed-in session then has its own.
    tokio::time::sleep(Duration::from_secs(3)).await;
    let token = o.manager().await;
    let mut statuses = Vec::new();
    for _ in 0..30 {
        statuses.push(o.call(Some(&token), "me", Value::Null).await.0);
    }
    assert!(statuses.iter().take(5).all(|s| *s == StatusCode::OK), "{statuses:?}");
    assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS), "the session's burst of 10 was spent: {statuses:?}");
    o.running.stop().await;
}

/// Reads the event stream until an event of `kind` whose data satisfies `wanted`.
async fn next_event(resp: &mut reqwest::Response, kind: &str, wanted: impl Fn(&Value) -> bool) -> Value {
    let mut text = String::new();
    loop {
        let chunk = tokio::time::timeout(Duration::from_secs(10), resp.chunk())
            .await
            .expect("an event within 10 s")
            .expect("stream")
            .expect("stream open");
        text.push_str(&String::from_utf8_lossy(&chunk));
        while let Some(end) = text.find("\n\n") {
            let block: String = text.drain(..end + 2).collect();
            let event = block.lines().find_map(|l| l.strip_prefix("event: ").or_else(|| l.strip_prefix("event:")));
            let data = block.lines().find_map(|l| l.strip_prefix("data: ").or_else(|| l.strip_prefix("data:")));
            if event == Some(kind)
                && let Some(data) = data.and_then(|d| serde_json::from_str::<Value>(d).ok())
                && wanted(&data)
            {
                return data;
            }
        }
    }
}

#[tokio::test]
async fn events_tell_one_desk_about_another_desks_write() {
    let o = office().await;
    let manager = o.manager().await;
    let (_, desk) = o.staff(&manager, "desk.watch", "desk", "customer_service").await;

    let resp = o.client.get(format!("{}/v1/events", o.base)).bearer_auth("forged").send().await.expect("events");
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body["code"], "unauthenticated");

    let mut stream = o.client.get(format!("{}/v1/events", o.base)).bearer_auth(&desk).send().await.expect("events");
    assert_eq!(stream.status(), StatusCode::OK);
    assert_eq!(stream.headers().get("content-type").and_then(|v| v.to_str().ok()), Some("text/event-stream"));
    // Another client (the manager's) writes.
    let other = crate::common::client(&o.running.fingerprint);
    let resp = other
        .post(format!("{}/v1/call/staff_create", o.base))
        .bearer_auth(&manager)
        .json(&json!({
            "username": "new.hire", "display_name": "New hire", "role": "desk", "department": "customer_service",
            "languages": [{ "language": "en", "level": "native" }], "password": crate::common::PASSWORD
        }))
        .send()
        .await
        .expect("write");
    assert_eq!(resp.status(), StatusCode::OK);
    let change = next_event(&mut stream, "change", |d| d["command"] == "staff_create").await;
    assert!(change["seq"].as_u64().is_some_and(|s| s > 0), "{change}");
    // A read commits nothing and is not announced; the next write has a higher seq.
    o.ok(Some(&manager), "staff_list", json!({ "page": 1, "page_size": 10, "include_inactive": false })).await;
    o.ok(Some(&desk), "set_my_locale", json!({ "locale": "zh-CN" })).await;
    let next = next_event(&mut stream, "change", |_| true).await;
    assert_eq!(next["command"], "set_my_locale");
    assert_eq!(next["seq"].as_u64(), change["seq"].as_u64().map(|s| s + 1));
    o.running.stop().await;
}

#[tokio::test]
async fn an_alert_reaches_the_stream_of_the_staff_member_it_is_for() {
    use steward_core::domain::AlertKind;
    use steward_core::entities::alert;
    use steward_core::sea_orm::{ActiveModelTrait, NotSet, Set};

    let o = crate::common::office_sweeping().await;
    let manager = o.manager().await;
    let (desk_id, desk) = o.staff(&manager, "desk.alerted", "desk", "customer_service").await;
    let (_, other) = o.staff(&manager, "desk.quiet", "desk", "customer_service").await;
    let case = o
        .ok(
            Some(&desk),
            "case_open",
            json!({ "kind": "repair", "channel": "hotline", "priority": "normal", "title": "漏水",
                    "description": "卫生间漏水", "customer_id": null, "unit_id": null,
                    "caller_name": "王先生", "caller_phone": "13800000000", "language": null }),
        )
        .await;
    let mut mine = o.client.get(format!("{}/v1/events", o.base)).bearer_auth(&desk).send().await.expect("events");
    let mut theirs = o.client.get(format!("{}/v1/events", o.base)).bearer_auth(&other).send().await.expect("events");

    // An alert as the sweep raises them, then a desk's escalation run: its commit makes
    // the server tell each new alert to its staff member's streams.
    let db = o.database().await;
    let raised = alert::ActiveModel {
        id: NotSet,
        staff_id: Set(i32::try_from(desk_id).expect("id")),
        case_id: Set(i32::try_from(case["case"]["id"].as_i64().expect("case id")).expect("id")),
        work_order_id: Set(None),
        level: Set(1),
        kind: Set(AlertKind::OverdueResponse),
        created_at: Set(chrono::Utc::now()),
        read_at: Set(None),
    }
    .insert(&db)
    .await
    .expect("alert");
    o.ok(Some(&manager), "desk_escalate", Value::Null).await;
    let told = next_event(&mut mine, "alert", |_| true).await;
    assert_eq!(told, json!({ "alertId": raised.id }));
    // The other desk hears the escalation run as a change, and no alert.
    let change = next_event(&mut theirs, "change", |d| d["command"] == "desk_escalate").await;
    assert!(change["seq"].as_u64().is_some());
    let more = tokio::time::timeout(Duration::from_millis(500), next_event(&mut theirs, "alert", |_| true)).await;
    assert!(more.is_err(), "no alert on another staff member's stream");
    o.running.stop().await;
}

#[tokio::test]
async fn the_self_made_certificate_is_kept_and_its_fingerprint_is_its_der_hash() {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;
    use sha2::{Digest, Sha256};

    let o = office().await;
    let first = o.running.fingerprint.clone();
    let args = o.args.clone();
    o.running.stop().await;
    let data_dir = args.data_dir.clone().expect("data dir");

    let der = CertificateDer::from_pem_file(data_dir.join("server-cert.pem")).expect("pem");
    let hex: Vec<String> = Sha256::digest(der.as_ref()).iter().map(|b| format!("{b:02X}")).collect();
    assert_eq!(first, hex.join(":"));
    assert_eq!(first.len(), 95);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(data_dir.join("server-key.pem")).expect("key").permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }

    let again = start(args, GENEROUS, GENEROUS).await;
    assert_eq!(again.running.fingerprint, first, "the same certificate after a restart");
    let (status, _) = again.call(None, "app_status", Value::Null).await;
    assert_eq!(status, StatusCode::OK);
    // A desk pinned to another certificate refuses this server.
    let stranger = crate::common::client(&["00"; 32].join(":"));
    assert!(stranger.get(format!("{}/v1/hello", again.base)).send().await.is_err());
    again.running.stop().await;

    let printed = std::process::Command::new(env!("CARGO_BIN_EXE_steward-server"))
        .arg("fingerprint")
        .arg("--data-dir")
        .arg(&data_dir)
        .output()
        .expect("steward-server fingerprint");
    assert!(printed.status.success());
    assert_eq!(String::from_utf8_lossy(&printed.stdout).trim(), first);
}

#[tokio::test]
async fn create_manager_and_backup_from_the_command_line() {
    if crate::common::database_url().await.is_some() {
        return; // SQLite's file; pg_dump is the PostgreSQL form.
    }
    let dir = crate::common::temp_dir();
    let bin = env!("CARGO_BIN_EXE_steward-server");
    let create = || {
        std::process::Command::new(bin)
            .args(["create-manager", "--username", "li.manager", "--name", "李经理", "--data-dir"])
            .arg(&dir)
            .env("STEWARD_MANAGER_PASSWORD", crate::common::PASSWORD)
            .output()
            .expect("create-manager")
    };
    let first = create();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let second = create();
    assert!(!second.status.success(), "a second manager by this route is refused");

    let backup = std::process::Command::new(bin).arg("backup").arg("--data-dir").arg(&dir).output().expect("backup");
    assert!(backup.status.success(), "{}", String::from_utf8_lossy(&backup.stderr));
    let out = String::from_utf8_lossy(&backup.stdout);
    let file = out.trim().strip_prefix("backup written: ").expect("path printed");
    assert!(std::path::Path::new(file).exists());

    // A damaged file is refused and nothing changes; a good one is restored, the current
    // database kept beside the backups.
    let damaged = dir.join("damaged.db");
    std::fs::write(&damaged, b"SQLite format 3\0 but not really").expect("write");
    let run =
        |args: &[&str]| std::process::Command::new(bin).args(args).arg("--data-dir").arg(&dir).output().expect("run");
    let refused = run(&["restore", "--from", &damaged.to_string_lossy()]);
    assert!(!refused.status.success());
    let restored = run(&["restore", "--from", file]);
    assert!(restored.status.success(), "{}", String::from_utf8_lossy(&restored.stderr));
    assert!(String::from_utf8_lossy(&restored.stdout).contains("before-restore"));
    let migrate = run(&["migrate"]);
    assert!(migrate.status.success(), "{}", String::from_utf8_lossy(&migrate.stderr));

    let init = std::process::Command::new(bin).arg("init").arg("--data-dir").arg(&dir).output().expect("init");
    assert!(init.status.success());
}
