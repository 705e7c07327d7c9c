//! The shell's one command, `call`, on Tauri's mock runtime: every listed command answers,
//! errors cross IPC as `{code, message, fields}`, malformed input is a translated
//! validation error, and the core's refusal reaches the UI as `forbidden`.

// A test's own setup failing is the test failing: expect() says where.
#![allow(clippy::expect_used, clippy::unwrap_used)]

use serde_json::{Value, json};
use steward_app::{Backend, Flags};
use steward_core::db::{self, DatabaseTarget};
use steward_core::{Environment, Steward};
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{INVOKE_KEY, MockRuntime, get_ipc_response, mock_builder, mock_context, noop_assets};
use tauri::webview::InvokeRequest;
use tauri::{App, WebviewWindow, WebviewWindowBuilder};

struct Shell {
    _app: App<MockRuntime>,
    window: WebviewWindow<MockRuntime>,
}

fn shell() -> Shell {
    let dir = std::env::temp_dir().join(format!("steward-cmd-{}-{}", std::process::id(), rand_suffix()));
    let target = DatabaseTarget::Sqlite(dir.join("steward.db"));
    let conn = tauri::async_runtime::block_on(db::open(&target, chrono::Utc::now())).expect("open database");
    let env = Environment {
        target,
        settings_file: dir.join("settings.json"),
        database_from_environment: false,
        demo_requested: false,
        os_locale: "en".into(),
        version: "test".into(),
    };
    let app = mock_builder()
        .manage(Backend::ready(Steward::new(conn, env)))
        .manage(steward_app::Shell::new(&Flags::default()))
        .invoke_handler(steward_app::handlers!())
        .build(mock_context(noop_assets()))
        .expect("mock app");
    let window = WebviewWindowBuilder::new(&app, "main", Default::default()).build().expect("window");
    Shell { _app: app, window }
}

fn rand_suffix() -> u128 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0)
}

impl Shell {
    fn invoke(&self, cmd: &str, token: Option<&str>, locale: &str, input: Value) -> Result<Value, Value> {
        let request = InvokeRequest {
            cmd: "call".into(),
            callback: CallbackFn(0),
            error: CallbackFn(1),
            // On Linux the mock runtime only accepts this origin.
            url: "tauri://localhost".parse().expect("url"),
            body: InvokeBody::Json(json!({
                "command": cmd,
                "session": { "token": token, "locale": locale },
                "input": input,
            })),
            headers: Default::default(),
            invoke_key: INVOKE_KEY.to_string(),
        };
        get_ipc_response(&self.window, request).map(|b| b.deserialize::<Value>().expect("json response"))
    }

    fn manager(&self) -> String {
        let r = self
            .invoke(
                "setup_first_manager",
                None,
                "en",
                json!({ "username": "manager", "display_name": "Li", "password": "Lotus-Garden-7", "locale": "en", "load_demo": false }),
            )
            .expect("setup");
        r["token"].as_str().expect("token").to_owned()
    }
}

#[test]
fn every_listed_command_is_answered() {
    let s = shell();
    for name in steward_core::api::COMMANDS {
        if let Err(e) = s.invoke(name, None, "en", Value::Null) {
            assert!(e.get("code").is_some(), "{name} did not answer with an ApiError: {e}");
            assert!(!e.to_string().contains("command not found"), "{name} is not served: {e}");
        }
    }
    let e = s.invoke("no_such_command", None, "en", Value::Null).expect_err("unknown");
    assert_eq!(e["code"], "not_found");
}

#[test]
fn errors_cross_ipc_with_a_code_and_a_translated_message() {
    let s = shell();
    let e = s.invoke("me", None, "zh-CN", Value::Null).expect_err("no session");
    assert_eq!(e["code"], "unauthenticated");
    assert_eq!(e["message"], "登录已失效，请重新登录。");

    let e = s
        .invoke(
            "setup_first_manager",
            None,
            "en",
            json!({ "username": "x", "display_name": "", "password": "short", "locale": "en", "load_demo": false }),
        )
        .expect_err("bad input");
    assert_eq!(e["code"], "validation");
    assert_eq!(e["message"], "Some fields need attention.");
    assert_eq!(e["fields"]["username"], "validation.username_format");
    assert_eq!(e["fields"]["display_name"], "validation.required");
    assert_eq!(e["fields"]["password"], "validation.password_too_short");
}

#[test]
fn a_desk_account_is_refused_manager_operations() {
    let s = shell();
    let manager = s.manager();
    s.invoke(
        "staff_create",
        Some(&manager),
        "en",
        json!({ "username": "desk1", "display_name": "Desk", "role": "desk", "department": "customer_service", "languages": [{ "language": "zh-CN", "level": "native" }, { "language": "en", "level": "fluent" }], "password": "Front-Desk-Tea-2026" }),
    )
    .expect("manager creates a desk account");
    let desk = s
        .invoke("login", None, "en", json!({ "username": "desk1", "password": "Front-Desk-Tea-2026" }))
        .expect("desk signs in");
    let desk = desk["token"].as_str().expect("token");
    assert!(
        s.invoke(
            "customer_list",
            Some(desk),
            "en",
            json!({ "search": null, "kind": null, "language": null, "vip": null, "page": 1, "page_size": 20 })
        )
        .is_ok()
    );

    let e = s
        .invoke("audit_list", Some(desk), "en", json!({ "event": null, "page": 1, "page_size": 20 }))
        .expect_err("desk may not read the audit log");
    assert_eq!(e["code"], "forbidden");
    assert_eq!(e["message"], "Your role does not allow this.");
    assert!(e["fields"].is_null());
    let e = s
        .invoke("connection_change_record", Some(desk), "en", json!({"from": "local", "to": "https://office:7443"}))
        .expect_err("manager only");
    assert_eq!(e["code"], "forbidden");

    let log = s
        .invoke("audit_list", Some(&manager), "en", json!({ "event": "refused", "page": 1, "page_size": 20 }))
        .expect("manager reads");
    assert_eq!(log["total"], 2);
}

#[test]
fn malformed_input_is_a_translated_validation_error() {
    let s = shell();
    let manager = s.manager();
    let e = s.invoke("customer_get", Some(&manager), "en", json!({ "id": "not a number" })).expect_err("bad shape");
    assert_eq!(e["code"], "validation");
    assert_eq!(e["message"], "Some fields need attention.");
    assert_eq!(e["fields"]["id"], "validation.malformed");

    let e = s
        .invoke("unit_list", Some(&manager), "zh-CN", json!({ "page": -1, "page_size": 20 }))
        .expect_err("negative page");
    assert_eq!(e["code"], "validation");
    assert_eq!(e["message"], "有字段需要修改。");
    assert_eq!(e["fields"]["page"], "validation.malformed");

    let e = s.invoke("customer_get", Some(&manager), "zh-CN", json!({})).expect_err("missing field");
    assert_eq!(e["fields"]["id"], "validation.malformed");
}
