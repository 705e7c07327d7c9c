//! Language-aware routing and consultations, on SQLite and PostgreSQL: foreign-language
//! cases get a speaker as language contact (level, then open work, then name), their
//! follow-up goes to that contact, the desk setting refuses non-speakers, the dashboard
//! counts them; consultation topics; the knowledge base (search in Chinese and Latin,
//! versions, history, use on a case, permissions); staff languages from the old column.

use crate::common::{Ctx, PASSWORD, ctx};
use steward_core::Error;
use steward_core::accounts::auth::LoginInput;
use steward_core::accounts::staff::{LanguageSkill, StaffInput, StaffLookupQuery};
use steward_core::api::run;
use steward_core::desk::cases::{CaseDetail, CaseGet, CaseOpen, CaseResolve};
use steward_core::desk::dashboard::DashboardQuery;
use steward_core::desk::follow_ups::FollowUpRecord;
use steward_core::desk::knowledge::{KbAnswerInput, KbAnswerUpdate, KbGet, KbQuery, KbText, KbUse};
use steward_core::desk::routing::{CaseLanguageContact, SpeakerQuery};
use steward_core::desk::settings::DeskSettingsSave;
use steward_core::domain::*;
use steward_core::entities::staff_language;
use steward_core::sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter, Statement};

struct Office {
    c: Ctx,
    manager: String,
    /// Receives the calls; speaks Chinese only.
    desk: String,
    ids: std::collections::HashMap<&'static str, i32>,
}

impl Office {
    fn cx(&self, token: &str) -> steward_core::Cx {
        self.c.cx(Some(token))
    }
}

async fn person(
    c: &Ctx,
    manager: &str,
    username: &'static str,
    role: Role,
    department: Department,
    languages: &[(&str, LanguageLevel)],
) -> (i32, String) {
    let row = run::staff_create(
        c.cx(Some(manager)),
        StaffInput {
            username: username.into(),
            display_name: username.into(),
            role,
            department,
            languages: languages.iter().map(|(l, v)| LanguageSkill { language: (*l).into(), level: *v }).collect(),
            password: Some(PASSWORD.into()),
            supervisor: false,
            escalation_tier: None,
        },
    )
    .await
    .expect("create staff");
    let token = run::login(c.cx(None), LoginInput { username: username.into(), password: PASSWORD.into() })
        .await
        .expect("sign in")
        .token;
    (row.id, token)
}

/// amy (desk, English fluent), bob and bea (desk, English working), cat (desk, English
/// basic), dan (engineering, English native), jun (desk, Japanese working); rex receives.
async fn office() -> Office {
    use LanguageLevel::*;
    let c = ctx().await;
    let manager = c.manager(false).await;
    let mut ids = std::collections::HashMap::new();
    let cs = Department::CustomerService;
    let mut desk = String::new();
    for (name, role, dept, langs) in [
        ("rex", Role::Desk, cs, vec![("zh-CN", Native)]),
        ("amy", Role::Desk, cs, vec![("zh-CN", Fluent), ("en", Fluent)]),
        ("bob", Role::Desk, cs, vec![("en", Working)]),
        ("bea", Role::Desk, cs, vec![("en", Working)]),
        ("cat", Role::Desk, cs, vec![("en", Basic)]),
        ("dan", Role::Department, Department::Engineering, vec![("en", Native)]),
        ("jun", Role::Desk, cs, vec![("ja", Working)]),
    ] {
        let (id, token) = person(&c, &manager, name, role, dept, &langs).await;
        ids.insert(name, id);
        if name == "rex" {
            desk = token;
        }
    }
    Office { c, manager, desk, ids }
}

fn open_input(kind: CaseKind, language: &str, topic: Option<ConsultationTopic>) -> CaseOpen {
    CaseOpen {
        kind,
        channel: Channel::WalkIn,
        priority: Priority::Normal,
        title: "Car rental".into(),
        description: "Wants to rent a car".into(),
        customer_id: None,
        unit_id: None,
        caller_name: Some("Emily Clark".into()),
        caller_phone: None,
        language: Some(language.into()),
        consultation_topic: topic,
    }
}

async fn open(o: &Office, language: &str) -> CaseDetail {
    run::case_open(o.cx(&o.desk), open_input(CaseKind::Inquiry, language, Some(ConsultationTopic::CarRental)))
        .await
        .expect("open")
}

fn field_key(e: Error) -> String {
    match e {
        Error::Validation(f) => f.into_values().collect::<Vec<_>>().join(","),
        other => format!("{other:?}"),
    }
}

#[tokio::test]
async fn a_foreign_language_case_goes_to_a_speaker_and_its_follow_up_with_them() {
    let o = office().await;
    let d = open(&o, "en").await;
    assert!(d.case.foreign_language);
    assert_eq!(d.case.consultation_topic, Some(ConsultationTopic::CarRental));
    assert_eq!(d.case.owner_id, o.ids["rex"], "the first receiver owns the case");
    assert_eq!(d.case.language_contact_id, Some(o.ids["amy"]), "fluent before working; basic and non-desk never");
    assert_eq!(d.case.language_contact_name.as_deref(), Some("amy"));

    // A Chinese case: no flag, no contact.
    let zh = run::case_open(o.cx(&o.desk), open_input(CaseKind::Repair, "zh-CN", None)).await.expect("open");
    assert!(!zh.case.foreign_language);
    assert_eq!(zh.case.language_contact_id, None);

    // Answered on the spot: the follow-up goes to the language contact.
    let resolve = CaseResolve { id: d.case.id, version: d.case.version, resolution: "Told them".into() };
    let d = run::case_resolve(o.cx(&o.desk), resolve).await.expect("resolve");
    let f = d.follow_ups.last().expect("follow-up");
    assert_eq!(f.owner_id, o.ids["amy"]);
    let amy = run::login(o.c.cx(None), LoginInput { username: "amy".into(), password: PASSWORD.into() })
        .await
        .expect("sign in")
        .token;
    let record = FollowUpRecord { follow_up_id: f.id, version: f.version, satisfaction: 5, remark: None };
    let d = run::follow_up_record(o.cx(&amy), record).await.expect("record");
    assert_eq!(d.follow_ups.last().and_then(|f| f.by_speaker), Some(true));

    // The dashboard: one English case, a speaker as contact and on the follow-up.
    let q = DashboardQuery {
        from: (o.c.now - chrono::Duration::days(1)).to_rfc3339(),
        to: (o.c.now + chrono::Duration::days(1)).to_rfc3339(),
    };
    let dash = run::desk_dashboard(o.cx(&o.manager), q).await.expect("dashboard");
    assert_eq!(dash.foreign_languages.len(), 1);
    let en = &dash.foreign_languages[0];
    assert_eq!((en.language.as_str(), en.cases, en.with_speaker_contact, en.followed_up_by_speaker), ("en", 1, 1, 1));
    crate::common::assert_counts(&o.c.core.db).await;
}

#[tokio::test]
async fn speakers_rank_by_level_then_open_work_then_name() {
    let o = office().await;
    // bob and bea are both working level: bea first by name, until she has more open work.
    let q = || SpeakerQuery { language: "en".into(), department: None };
    let all = run::desk_speakers(o.cx(&o.desk), q()).await.expect("speakers");
    let names: Vec<&str> = all.iter().map(|s| s.display_name.as_str()).collect();
    assert_eq!(names, ["dan", "amy", "bea", "bob"], "native, fluent, then working by name; basic left out");
    let desk_only = SpeakerQuery { language: "en".into(), department: Some(Department::CustomerService) };
    let names: Vec<String> = run::desk_speakers(o.cx(&o.desk), desk_only)
        .await
        .expect("speakers")
        .into_iter()
        .map(|s| s.display_name)
        .collect();
    assert_eq!(names, ["amy", "bea", "bob"]);

    // Take amy off the English cases (she leaves); two cases then go bea, bob (load).
    let mut settings_amy = run::staff_list(
        o.cx(&o.manager),
        steward_core::accounts::staff::StaffQuery {
            search: Some("amy".into()),
            department: None,
            include_inactive: false,
            page: 1,
            page_size: 10,
        },
    )
    .await
    .expect("list");
    let amy = settings_amy.items.remove(0);
    assert_eq!(amy.languages.len(), 2);
    let update = steward_core::accounts::staff::StaffUpdate {
        id: amy.id,
        version: amy.version,
        display_name: amy.display_name,
        role: amy.role,
        department: amy.department,
        languages: vec![LanguageSkill { language: "zh-CN".into(), level: LanguageLevel::Fluent }],
        active: true,
        supervisor: false,
        escalation_tier: None,
    };
    run::staff_update(o.cx(&o.manager), update).await.expect("update");
    let first = open(&o, "en").await;
    assert_eq!(first.case.language_contact_id, Some(o.ids["bea"]));
    let second = open(&o, "en").await;
    assert_eq!(second.case.language_contact_id, Some(o.ids["bob"]), "bea has more open work now");

    // Nobody speaks Korean: no contact, and the case shows it.
    let ko = open(&o, "ko").await;
    assert!(ko.case.foreign_language);
    assert_eq!(ko.case.language_contact_id, None);

    // The colleague picker shows languages with levels.
    let cards = run::staff_lookup(
        o.cx(&o.desk),
        StaffLookupQuery { search: Some("jun".into()), department: None, page: 1, page_size: 10 },
    )
    .await
    .expect("lookup");
    assert_eq!(cards.items[0].languages, [LanguageSkill { language: "ja".into(), level: LanguageLevel::Working }]);
}

#[tokio::test]
async fn the_desk_setting_refuses_non_speakers_unless_nobody_speaks_it() {
    let o = office().await;
    let d = open(&o, "en").await;
    // Off: a non-speaker may be chosen.
    let set = |d: &CaseDetail, who: &str| CaseLanguageContact {
        id: d.case.id,
        version: d.case.version,
        staff_id: Some(o.ids[who]),
    };
    let d = run::case_language_contact(o.cx(&o.desk), set(&d, "cat")).await.expect("allowed when not required");
    assert_eq!(d.case.language_contact_id, Some(o.ids["cat"]));

    let view = run::desk_settings_get(o.cx(&o.manager), ()).await.expect("settings");
    let mut settings = view.settings.clone();
    settings.require_speaker = true;
    let save = DeskSettingsSave { version: view.version, targets: vec![], settings };
    let saved = run::desk_settings_save(o.cx(&o.manager), save).await.expect("save");
    assert!(saved.settings.require_speaker);

    let err = run::case_language_contact(o.cx(&o.desk), set(&d, "rex")).await.expect_err("refused");
    assert_eq!(field_key(err), "validation.speaker_required");
    let d = run::case_language_contact(o.cx(&o.desk), set(&d, "bob")).await.expect("a speaker");
    assert_eq!(d.case.language_contact_id, Some(o.ids["bob"]));
    assert!(d.timeline.iter().any(|e| e.kind == CaseEventKind::Edited));

    // Korean: nobody speaks it, so anyone may take it.
    let ko = open(&o, "ko").await;
    let ko = run::case_language_contact(o.cx(&o.desk), set(&ko, "rex")).await.expect("nobody speaks Korean");
    assert_eq!(ko.case.language_contact_id, Some(o.ids["rex"]));

    // A department's staff may not change another's case.
    let (_, eng) = person(&o.c, &o.manager, "eng", Role::Department, Department::Engineering, &[]).await;
    let d = run::case_get(o.cx(&o.desk), CaseGet { id: d.case.id }).await.expect("get");
    let err = run::case_language_contact(o.cx(&eng), set(&d, "bob")).await.expect_err("not theirs");
    assert!(matches!(err, Error::Forbidden(_)), "{err:?}");
}

#[tokio::test]
async fn consultation_topics_belong_to_inquiries() {
    let o = office().await;
    let bad = open_input(CaseKind::Repair, "en", Some(ConsultationTopic::Visas));
    let err = run::case_open(o.cx(&o.desk), bad).await.expect_err("refused");
    assert_eq!(field_key(err), "validation.topic_inquiry_only");
    let plain = run::case_open(o.cx(&o.desk), open_input(CaseKind::Inquiry, "en", None)).await.expect("plain inquiry");
    assert_eq!(plain.case.consultation_topic, None);
}

fn answer(topic: ConsultationTopic, texts: &[(&str, &str, &str)]) -> KbAnswerInput {
    KbAnswerInput {
        topic,
        active: true,
        texts: texts
            .iter()
            .map(|(l, t, b)| KbText { language: (*l).into(), title: (*t).into(), body: (*b).into() })
            .collect(),
    }
}

fn kb_query(search: &str) -> KbQuery {
    KbQuery {
        search: Some(search.into()),
        topic: None,
        include_inactive: false,
        language: None,
        page: 1,
        page_size: 20,
    }
}

#[tokio::test]
async fn the_knowledge_base_is_searched_in_chinese_and_latin_and_used_on_cases() {
    let o = office().await;
    let car = run::kb_create(
        o.cx(&o.desk),
        answer(
            ConsultationTopic::CarRental,
            &[
                ("zh-CN", "外籍人士租车", "需要护照和中国驾驶证，押金三千元。"),
                ("en", "Renting a car", "Bring your passport and a Chinese driving licence."),
            ],
        ),
    )
    .await
    .expect("create");
    assert_eq!(
        car.missing_languages,
        ["ja", "ko"]
            .iter()
            .filter(|l| steward_core::locales::is_available(l))
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
    );
    let metro = run::kb_create(
        o.cx(&o.manager),
        answer(ConsultationTopic::Transport, &[("zh-CN", "地铁", "最近的地铁站步行八分钟。")]),
    )
    .await
    .expect("create");
    // Blank languages are left out; an answer needs one.
    let err =
        run::kb_create(o.cx(&o.desk), answer(ConsultationTopic::Other, &[("en", "", "")])).await.expect_err("empty");
    assert_eq!(field_key(err), "validation.kb_text_required");

    let ids = |p: steward_core::page::Page<steward_core::desk::knowledge::KbRow>| {
        p.items.into_iter().map(|r| r.id).collect::<Vec<_>>()
    };
    assert_eq!(ids(run::kb_list(o.cx(&o.desk), kb_query("租车")).await.expect("zh")), [car.id]);
    assert_eq!(ids(run::kb_list(o.cx(&o.desk), kb_query("驾驶")).await.expect("zh body")), [car.id]);
    assert_eq!(ids(run::kb_list(o.cx(&o.desk), kb_query("licen")).await.expect("prefix")), [car.id]);
    assert_eq!(ids(run::kb_list(o.cx(&o.desk), kb_query("地铁")).await.expect("metro")), [metro.id]);
    assert!(run::kb_list(o.cx(&o.desk), kb_query("visa")).await.expect("none").items.is_empty());
    let mut by_topic = kb_query("");
    by_topic.topic = Some(ConsultationTopic::Transport);
    assert_eq!(ids(run::kb_list(o.cx(&o.desk), by_topic).await.expect("topic")), [metro.id]);
    let mut english = kb_query("");
    english.language = Some("en".into());
    let rows = run::kb_list(o.cx(&o.desk), english).await.expect("all");
    assert_eq!(rows.total, 2);
    let row = rows.items.iter().find(|r| r.id == car.id).expect("car");
    assert_eq!((row.title.as_str(), row.language.as_str()), ("Renting a car", "en"));

    // Edits: row versions and history.
    let update = KbAnswerUpdate {
        id: metro.id,
        version: metro.version,
        answer: answer(
            ConsultationTopic::Transport,
            &[("zh-CN", "地铁", "最近的地铁站步行八分钟。"), ("en", "Metro", "Eight minutes on foot.")],
        ),
    };
    let metro2 = run::kb_update(o.cx(&o.desk), update.clone()).await.expect("update");
    assert_eq!(metro2.version, metro.version + 1);
    assert_eq!(metro2.history.len(), 2);
    assert!(metro2.history[0].changes.iter().any(|c| c.field == "title.en"));
    assert!(matches!(run::kb_update(o.cx(&o.desk), update).await, Err(Error::Conflict)));
    assert_eq!(ids(run::kb_list(o.cx(&o.desk), kb_query("metro")).await.expect("reindexed")), [metro.id]);

    // Department staff read but do not write.
    let (_, eng) = person(&o.c, &o.manager, "eng", Role::Department, Department::Engineering, &[]).await;
    run::kb_get(o.cx(&eng), KbGet { id: car.id }).await.expect("read");
    let err = run::kb_create(o.cx(&eng), answer(ConsultationTopic::Other, &[("en", "x", "y")])).await.expect_err("no");
    assert!(matches!(err, Error::Forbidden(_)), "{err:?}");

    // Used on an English case: the English text, on the timeline.
    let d = open(&o, "en").await;
    let d = run::kb_use(o.cx(&o.desk), KbUse { case_id: d.case.id, answer_id: car.id }).await.expect("use");
    let e = d.timeline.last().expect("event");
    assert_eq!(e.kind, CaseEventKind::Note);
    assert!(e.note.starts_with("Renting a car"));
    assert_eq!(e.data["language"], "en");
    assert_eq!(e.data["fallback"], false);
    assert_eq!(e.data["kb_answer_id"], car.id);
    // A Japanese case: no Japanese text, so Chinese, flagged.
    let ja = open(&o, "ja").await;
    let ja = run::kb_use(o.cx(&o.desk), KbUse { case_id: ja.case.id, answer_id: car.id }).await.expect("use");
    let e = ja.timeline.last().expect("event");
    assert_eq!((e.data["language"].as_str(), e.data["fallback"].as_bool()), (Some("zh-CN"), Some(true)));
}

#[tokio::test]
async fn staff_languages_come_from_the_old_comma_list() {
    use steward_migrations::Migrator;
    use steward_migrations::sea_orm_migration::MigratorTrait;
    let dir = std::env::temp_dir().join(format!("steward-routing-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let url = match crate::common::target(&dir).await {
        steward_core::db::DatabaseTarget::Postgres(url) => url,
        steward_core::db::DatabaseTarget::Sqlite(path) => format!("sqlite://{}?mode=rwc", path.display()),
    };
    let db = steward_core::sea_orm::Database::connect(&url).await.expect("connect");
    // Every migration before this one.
    let before = Migrator::migrations()
        .iter()
        .position(|m| m.name() == "m20261128_000012_language_routing")
        .expect("the language routing migration");
    Migrator::up(&db, Some(u32::try_from(before).expect("count"))).await.expect("older migrations");
    db.execute_unprepared(
        "INSERT INTO staff (username, display_name, role, department, languages, active, supervisor, version, created_at, updated_at) \
         VALUES ('old', 'Old', 'desk', 'customer_service', 'zh-CN, en,en,ja', TRUE, FALSE, 1, '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z')",
    )
    .await
    .expect("old staff");
    Migrator::up(&db, None).await.expect("this migration");
    let rows = staff_language::Entity::find()
        .filter(staff_language::Column::Language.is_in(["zh-CN", "en", "ja"]))
        .all(&db)
        .await
        .expect("rows");
    let mut langs: Vec<(String, LanguageLevel)> = rows.into_iter().map(|r| (r.language, r.level)).collect();
    langs.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        langs,
        [
            ("en".into(), LanguageLevel::Fluent),
            ("ja".into(), LanguageLevel::Fluent),
            ("zh-CN".into(), LanguageLevel::Fluent)
        ]
    );
    let n = db
        .query_one_raw(Statement::from_string(db.get_database_backend(), "SELECT COUNT(*) FROM kb_answer"))
        .await
        .expect("kb table")
        .expect("row");
    assert_eq!(n.try_get_by_index::<i64>(0).expect("count"), 0);
}

#[tokio::test]
async fn the_demo_has_speakers_answers_and_a_routed_consultation() {
    let c = ctx().await;
    let manager = c.manager(true).await;
    let cx = || c.cx(Some(&manager));
    let speakers =
        run::desk_speakers(cx(), SpeakerQuery { language: "en".into(), department: Some(Department::CustomerService) })
            .await
            .expect("speakers");
    assert_eq!(speakers.first().map(|s| s.display_name.as_str()), Some("刘芳"));
    for l in ["ja", "ko"] {
        let s = run::desk_speakers(
            cx(),
            SpeakerQuery { language: l.into(), department: Some(Department::CustomerService) },
        )
        .await
        .expect("speakers");
        assert!(!s.is_empty(), "{l}");
    }
    let answers = run::kb_list(cx(), kb_query("")).await.expect("answers");
    assert!(answers.total >= 8);
    let mut q = kb_query("");
    q.topic = Some(ConsultationTopic::CarRental);
    assert_eq!(run::kb_list(cx(), q).await.expect("car").total, 1);
    let case = steward_core::entities::service_case::Entity::find()
        .filter(steward_core::entities::service_case::Column::ConsultationTopic.eq(ConsultationTopic::CarRental))
        .one(&c.core.db)
        .await
        .expect("query")
        .expect("a consultation");
    let d = run::case_get(cx(), CaseGet { id: case.id }).await.expect("case");
    assert_eq!(d.case.language, "en");
    assert_eq!(d.case.language_contact_name.as_deref(), Some("刘芳"));
    assert!(d.timeline.iter().any(|e| e.data.get("kb_answer_id").is_some()));
}
