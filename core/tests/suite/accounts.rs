//! First start, sign-in, roles and the audit log. Runs on SQLite and on PostgreSQL.

use crate::common::{self, PASSWORD, ctx};
use steward_core::Error;
use steward_core::accounts::app::SetupInput;
use steward_core::accounts::audit::AuditQuery;
use steward_core::accounts::auth::LoginInput;
use steward_core::accounts::settings::ConnectionChange;
use steward_core::accounts::staff::{LanguageSkill, StaffInput, StaffLookupQuery, StaffQuery, StaffUpdate};
use steward_core::api::run::{
    app_status as status, audit_list, connection_change_record, login, me, setup_first_manager, staff_create as create,
    staff_list as list, staff_lookup, staff_update as update,
};
use steward_core::domain::{AuditEvent, Department, LanguageLevel, Role};

fn setup_input(password: &str) -> SetupInput {
    SetupInput {
        username: "manager".into(),
        display_name: "李经理".into(),
        password: password.into(),
        locale: "en".into(),
        load_demo: false,
    }
}

#[tokio::test]
async fn first_start_creates_one_manager_with_a_strong_password() {
    let c = ctx().await;
    assert!(status(c.cx(None), ()).await.expect("status").needs_setup);

    let weak = setup_first_manager(c.cx(None), setup_input("password1")).await;
    match weak {
        Err(Error::Validation(f)) => {
            assert_eq!(f.get("password").map(String::as_str), Some("validation.password_common"))
        }
        other => panic!("expected validation, got {other:?}"),
    }
    let short = setup_first_manager(c.cx(None), setup_input("Ab1!")).await;
    assert!(matches!(short, Err(Error::Validation(_))));
    assert!(status(c.cx(None), ()).await.expect("status").needs_setup, "a refused setup changes nothing");

    let token = setup_first_manager(c.cx(None), setup_input(PASSWORD)).await.expect("setup").token;
    assert!(!status(c.cx(None), ()).await.expect("status").needs_setup);
    assert_eq!(me(c.cx(Some(&token)), ()).await.expect("me").role, Role::Manager);

    let again = setup_first_manager(c.cx(None), setup_input(PASSWORD)).await;
    assert!(matches!(again, Err(Error::AlreadySetUp)), "{again:?}");
}

#[tokio::test]
async fn sign_in_failures_are_audited_and_uniform() {
    let c = ctx().await;
    let manager = c.manager(false).await;
    let wrong = login(c.cx(None), LoginInput { username: "manager".into(), password: "nope-nope-nope".into() }).await;
    assert!(matches!(wrong, Err(Error::InvalidCredentials)));
    let unknown = login(c.cx(None), LoginInput { username: "ghost".into(), password: PASSWORD.into() }).await;
    assert!(matches!(unknown, Err(Error::InvalidCredentials)));
    let ok = login(c.cx(None), LoginInput { username: " Manager ".into(), password: PASSWORD.into() }).await;
    assert!(ok.is_ok(), "usernames are case- and space-insensitive");

    let failed =
        audit_list(c.cx(Some(&manager)), AuditQuery { event: Some(AuditEvent::LoginFailed), page: 1, page_size: 50 })
            .await
            .expect("audit");
    assert_eq!(failed.total, 2);
    assert!(failed.items.iter().all(|r| r.username.as_deref() != Some("ghost")), "an unknown name is not kept");
    assert!(failed.items.iter().any(|r| r.username.as_deref() == Some("manager")));
}

#[tokio::test]
async fn desk_is_refused_manager_operations_and_the_refusal_is_audited() {
    let c = ctx().await;
    let manager = c.manager(false).await;
    let desk = c.staff(&manager, "liu.desk", Role::Desk, Department::CustomerService).await;

    let refused = list(
        c.cx(Some(&desk)),
        StaffQuery { search: None, department: None, include_inactive: false, page: 1, page_size: 20 },
    )
    .await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    let refused = create(
        c.cx(Some(&desk)),
        StaffInput {
            supervisor: false,
            escalation_tier: None,
            username: "sneaky".into(),
            display_name: "x".into(),
            role: Role::Manager,
            department: Department::Management,
            languages: vec![],
            password: Some(PASSWORD.into()),
        },
    )
    .await;
    assert!(matches!(refused, Err(Error::Forbidden(_))), "{refused:?}");
    let change = ConnectionChange { from: "local".into(), to: "https://office:7443".into() };
    let refused = connection_change_record(c.cx(Some(&desk)), change).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))));
    let refused = audit_list(c.cx(Some(&desk)), AuditQuery { event: None, page: 1, page_size: 10 }).await;
    assert!(matches!(refused, Err(Error::Forbidden(_))));

    let log = audit_list(c.cx(Some(&manager)), AuditQuery { event: Some(AuditEvent::Refused), page: 1, page_size: 50 })
        .await
        .expect("audit");
    let details: Vec<&str> = log.items.iter().map(|r| r.detail.as_str()).collect();
    assert_eq!(details.len(), 4, "{details:?}");
    assert!(details.contains(&"staff_create"));
    assert!(details.contains(&"audit_list"));
    assert!(log.items.iter().all(|r| r.username.as_deref() == Some("liu.desk")));
    let all = list(
        c.cx(Some(&manager)),
        StaffQuery { search: Some("sneaky".into()), department: None, include_inactive: true, page: 1, page_size: 20 },
    )
    .await
    .expect("list");
    assert_eq!(all.total, 0, "the refused create wrote nothing");
}

#[tokio::test]
async fn deactivating_a_staff_member_ends_their_sessions() {
    let c = ctx().await;
    let manager = c.manager(false).await;
    let desk = c.staff(&manager, "chen.desk", Role::Desk, Department::CustomerService).await;
    let me_desk = me(c.cx(Some(&desk)), ()).await.expect("desk session works");
    let row = list(
        c.cx(Some(&manager)),
        StaffQuery {
            search: Some("chen.desk".into()),
            department: None,
            include_inactive: true,
            page: 1,
            page_size: 5,
        },
    )
    .await
    .expect("list")
    .items
    .remove(0);
    assert_eq!(row.id, me_desk.id);
    update(
        c.cx(Some(&manager)),
        StaffUpdate {
            supervisor: false,
            escalation_tier: None,
            id: row.id,
            version: row.version,
            display_name: row.display_name.clone(),
            role: row.role,
            department: row.department,
            languages: row.languages.clone(),
            active: false,
        },
    )
    .await
    .expect("deactivate");
    assert!(matches!(me(c.cx(Some(&desk)), ()).await, Err(Error::Unauthenticated)));
    let again = login(c.cx(None), LoginInput { username: "chen.desk".into(), password: PASSWORD.into() }).await;
    assert!(matches!(again, Err(Error::InvalidCredentials)));

    // The same staff row edited from a stale version is a conflict.
    let stale = update(
        c.cx(Some(&manager)),
        StaffUpdate {
            supervisor: false,
            escalation_tier: None,
            id: row.id,
            version: row.version,
            display_name: "x".into(),
            role: row.role,
            department: row.department,
            languages: vec![],
            active: true,
        },
    )
    .await;
    assert!(matches!(stale, Err(Error::Conflict)), "{stale:?}");
}

#[tokio::test]
async fn the_last_manager_cannot_be_deactivated() {
    let c = ctx().await;
    let manager = c.manager(false).await;
    let me_ = me(c.cx(Some(&manager)), ()).await.expect("me");
    let r = update(
        c.cx(Some(&manager)),
        StaffUpdate {
            supervisor: false,
            escalation_tier: None,
            id: me_.id,
            version: 1,
            display_name: me_.display_name,
            role: Role::Manager,
            department: Department::Management,
            languages: vec![],
            active: false,
        },
    )
    .await;
    match r {
        Err(Error::Validation(f)) => assert!(f.contains_key("active")),
        other => panic!("expected validation, got {other:?}"),
    }
}

#[tokio::test]
async fn department_must_fit_the_role() {
    let c = ctx().await;
    let manager = c.manager(false).await;
    let r = create(
        c.cx(Some(&manager)),
        StaffInput {
            supervisor: false,
            escalation_tier: None,
            username: "wang.eng".into(),
            display_name: "王工".into(),
            role: Role::Department,
            department: Department::CustomerService,
            languages: vec![LanguageSkill { language: "zh-CN".into(), level: LanguageLevel::Native }],
            password: None,
        },
    )
    .await;
    assert!(matches!(r, Err(Error::Validation(ref f)) if f.contains_key("department")), "{r:?}");
}

#[tokio::test]
async fn every_role_can_look_up_active_colleagues_but_only_the_manager_reads_staff() {
    let c = ctx().await;
    let manager = c.manager(false).await;
    let desk = c.staff(&manager, "wang.desk", Role::Desk, Department::CustomerService).await;
    let fixer = c.staff(&manager, "li.fixer", Role::Department, Department::Engineering).await;
    c.staff(&manager, "zhao.gone", Role::Department, Department::Engineering).await;
    let query = |search: Option<&str>, department| StaffLookupQuery {
        search: search.map(Into::into),
        department,
        page: 1,
        page_size: 20,
    };
    let staff_query = StaffQuery {
        search: Some("zhao.gone".into()),
        department: None,
        include_inactive: true,
        page: 1,
        page_size: 5,
    };
    let row = list(c.cx(Some(&manager)), staff_query).await.expect("list").items.remove(0);
    update(
        c.cx(Some(&manager)),
        StaffUpdate {
            supervisor: false,
            escalation_tier: None,
            id: row.id,
            version: row.version,
            display_name: row.display_name.clone(),
            role: row.role,
            department: row.department,
            languages: row.languages.clone(),
            active: false,
        },
    )
    .await
    .expect("deactivate");

    let engineers =
        staff_lookup(c.cx(Some(&desk)), query(None, Some(Department::Engineering))).await.expect("desk looks up");
    let names: Vec<_> = engineers.items.iter().map(|s| s.username.as_str()).collect();
    assert_eq!(names, ["li.fixer"], "active engineers only");
    let found = staff_lookup(c.cx(Some(&fixer)), query(Some("wang"), None)).await.expect("department staff look up");
    assert_eq!(found.items.iter().map(|s| s.username.as_str()).collect::<Vec<_>>(), ["wang.desk"]);
    assert!(matches!(staff_lookup(c.cx(None), query(None, None)).await, Err(Error::Unauthenticated)));
    let read = list(
        c.cx(Some(&desk)),
        StaffQuery { search: None, department: None, include_inactive: false, page: 1, page_size: 5 },
    )
    .await;
    assert!(matches!(read, Err(Error::Forbidden(_))), "{read:?}");
}

#[tokio::test]
async fn a_resolved_session_is_reused_briefly_but_never_past_a_change() {
    use steward_core::api::run::desk_badges;
    use steward_core::sea_orm::{ConnectionTrait, Statement};
    let c = ctx().await;
    let manager = c.manager(false).await;
    let desk = c.staff(&manager, "chen.desk", Role::Desk, Department::CustomerService).await;
    let id = me(c.cx(Some(&desk)), ()).await.expect("desk session works").id;
    desk_badges(c.cx(Some(&desk)), ()).await.expect("a read resolves and keeps the session");
    // A change through the core ends the reuse at once.
    let row = list(
        c.cx(Some(&manager)),
        StaffQuery {
            search: Some("chen.desk".into()),
            department: None,
            include_inactive: true,
            page: 1,
            page_size: 5,
        },
    )
    .await
    .expect("list")
    .items
    .remove(0);
    update(
        c.cx(Some(&manager)),
        StaffUpdate {
            supervisor: false,
            escalation_tier: None,
            id,
            version: row.version,
            display_name: row.display_name.clone(),
            role: row.role,
            department: row.department,
            languages: vec![],
            active: false,
        },
    )
    .await
    .expect("deactivate");
    assert!(matches!(desk_badges(c.cx(Some(&desk)), ()).await, Err(Error::Unauthenticated)), "sessions ended");

    // A change made elsewhere (another process on the database) shows within seconds.
    let desk2 = c.staff(&manager, "wang.desk", Role::Desk, Department::CustomerService).await;
    desk_badges(c.cx(Some(&desk2)), ()).await.expect("resolved");
    let db = &c.core.db;
    db.execute_raw(Statement::from_string(
        db.get_database_backend(),
        "UPDATE session SET ended_at = created_at WHERE ended_at IS NULL AND staff_id <> (SELECT MIN(id) FROM staff)",
    ))
    .await
    .expect("end sessions behind the core's back");
    desk_badges(c.cx(Some(&desk2)), ()).await.expect("still the resolved session, for a moment");
    let later = c.core.cx(common::session(Some(&desk2)), c.now + chrono::Duration::seconds(6));
    assert!(matches!(desk_badges(later, ()).await, Err(Error::Unauthenticated)));
}

#[tokio::test]
async fn connection_change_is_audited_with_addresses_only() {
    let c = ctx().await;
    let manager = c.manager(false).await;
    let change = ConnectionChange { from: "local".into(), to: "https://10.0.0.5:7443".into() };
    let recorded = connection_change_record(c.cx(Some(&manager)), change).await.expect("recorded");
    assert_eq!(recorded.detail, "local → https://10.0.0.5:7443");
    let with_password = ConnectionChange { from: "local".into(), to: "postgres://desk:pw@10.0.0.5/steward".into() };
    let refused = connection_change_record(c.cx(Some(&manager)), with_password).await;
    assert!(matches!(refused, Err(Error::Validation(_))), "{refused:?}");
    let log = audit_list(
        c.cx(Some(&manager)),
        AuditQuery { event: Some(AuditEvent::ConnectionChanged), page: 1, page_size: 10 },
    )
    .await
    .expect("audit");
    let details: Vec<&str> = log.items.iter().map(|r| r.detail.as_str()).collect();
    assert_eq!(details, ["local → https://10.0.0.5:7443"]);
}
