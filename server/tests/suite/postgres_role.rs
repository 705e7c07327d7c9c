//! The role `steward-server init` prints really is least-privilege: the server starts
//! and works as it, it adds audit and history rows, and it cannot change or remove them.
//! PostgreSQL only (skipped without STEWARD_TEST_DATABASE_URL).

use chrono::Utc;
use serde_json::json;
use steward_core::Session;
use steward_core::sea_orm::{ConnectionTrait, Database};
use steward_server::cli::Args;
use steward_server::http::dispatch;

use crate::common::{PASSWORD, database_url, temp_dir};

#[tokio::test]
async fn the_printed_role_may_add_audit_rows_but_never_change_them() {
    let Some(url) = database_url().await else { return };
    let owner = steward_server::open_core(&Args { database_url: Some(url.clone()), ..Args::default() }, true)
        .await
        .expect("init as the owner");
    let role = format!("steward_server_t{}", std::process::id());
    let sql = steward_server::admin::role_sql(&owner, &role).await.expect("role SQL");
    let sql = sql.replace("choose-a-long-password", "role-test-password");
    // One statement a line, comments after `--`, as printed.
    for line in sql.lines() {
        let statement = line.split("--").next().unwrap_or_default().trim();
        if !statement.is_empty() {
            owner.db.execute_unprepared(statement).await.unwrap_or_else(|e| panic!("{statement}: {e}"));
        }
    }

    // The server's own start and commands, as the role.
    let (scheme_user, rest) = url.split_once('@').expect("user@host");
    let scheme = scheme_user.split("//").next().expect("scheme");
    let as_role = format!("{scheme}//{role}:role-test-password@{rest}");
    let args = Args { database_url: Some(as_role.clone()), data_dir: Some(temp_dir()), ..Args::default() };
    let core = steward_server::open_core(&args, false).await.expect("the server starts as the role");
    let session = Session::of(None, "en");
    let input = json!({ "username": "manager", "display_name": "Li", "password": PASSWORD, "locale": "en", "load_demo": false });
    dispatch(&core, "setup_first_manager", session, input, Utc::now())
        .await
        .expect("a command that writes staff, session and audit");

    let db = Database::connect(&as_role).await.expect("connect as the role");
    let run = |sql: &'static str| {
        let db = db.clone();
        async move { db.execute_unprepared(sql).await.map(|_| ()).map_err(|e| e.to_string()) }
    };
    run("INSERT INTO audit_log (at, staff_id, username, event, detail) VALUES (now(), NULL, NULL, 'refused', 'role test')")
        .await
        .expect("audit rows can be added");
    run("INSERT INTO change_log (at, staff_id, entity, entity_id, action, changes) VALUES (now(), NULL, 'unit', 1, 'update', '{}')")
        .await
        .expect("history rows can be added");
    for sql in [
        "UPDATE audit_log SET detail = 'rewritten'",
        "DELETE FROM audit_log",
        "TRUNCATE audit_log",
        "UPDATE change_log SET changes = '{}'",
        "DELETE FROM change_log",
        "DELETE FROM seaql_migrations",
        "CREATE TABLE sneaky (id int)",
    ] {
        let e = run(sql).await.expect_err(sql);
        assert!(e.contains("permission denied") || e.contains("must be owner"), "{sql}: {e}");
    }
    run("SELECT nextval(pg_get_serial_sequence('case_event', 'id'))").await.expect("ids reserved for bulk writes");
    run("INSERT INTO setting (key, value) VALUES ('role_test', 'a')").await.expect("business insert");
    run("UPDATE setting SET value = 'b' WHERE key = 'role_test'").await.expect("business update");
    run("DELETE FROM setting WHERE key = 'role_test'").await.expect("business delete");
    run("UPDATE staff SET display_name = 'Li Wei' WHERE username = 'manager'").await.expect("business update");
    db.close().await.ok();
    core.db.clone().close().await.ok();

    owner.db.execute_unprepared(&format!("DROP OWNED BY {role}")).await.ok();
    owner.db.execute_unprepared(&format!("DROP ROLE {role}")).await.ok();
}
