//! The demo property: two towers, about 400 units, 600 customers (some 15 % foreign
//! residents preferring English, Japanese or Korean) and staff in every department.
//! Deterministic, so screenshots and tests see the same office every time.

use chrono::{DateTime, Datelike, Duration, NaiveDate, Utc};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, NotSet, QueryFilter, QueryOrder, QuerySelect, Set,
};

use crate::accounts::staff::{LanguageSkill, save_skills};
use crate::api;
use crate::app::{Cx, Session};
use crate::desk::cases::{CaseDetail, CaseOpen, CaseResolve};
use crate::desk::follow_ups::FollowUpRecord;
use crate::desk::work_orders::{WorkOrderDispatch, WorkOrderTransition};
use crate::directory::customers::{CustomerInput, insert as insert_customer};
use crate::domain::{
    CaseKind, Channel, ConsultationTopic, CustomerKind, Department, IdDocumentKind, LanguageLevel, OccupancyRole,
    Priority, Role, ServiceUnit, UnitStatus, UnitUse, WorkOrderStatus,
};
use crate::entities::{building, occupancy, property, staff, unit};
use crate::error::{Error, Result};
use crate::menus::catalog::{CatalogCreate, CatalogInput, CatalogPriceSet, NewPrice, ServiceText};
use crate::menus::packages::{PackageCreate, PackageInput, PackageItemInput};

/// A small deterministic generator (no dependency, same sequence everywhere).
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const SURNAMES: &[&str] = &[
    "王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周", "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗",
    "高", "郑", "梁", "谢", "宋", "唐", "许", "韩", "冯", "邓", "曹", "彭", "曾", "肖", "田", "董", "潘", "袁", "蔡",
    "蒋", "余",
];
const GIVEN: &[&str] = &[
    "伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛", "明", "超", "秀英", "霞",
    "平", "刚", "桂英", "晓明", "建华", "志强", "海燕", "文", "欣怡", "子涵", "浩然", "雨桐", "思远", "嘉怡", "俊杰",
    "婷", "宇轩", "梓萱", "一鸣", "若曦", "天佑",
];
const EN_FIRST: &[&str] =
    &["James", "Emily", "Oliver", "Sophie", "Daniel", "Hannah", "Michael", "Grace", "Thomas", "Chloe"];
const EN_LAST: &[&str] =
    &["Smith", "Clarke", "Walker", "Brown", "Wilson", "Taylor", "Evans", "Turner", "Hughes", "Baker"];
const EN_NATIONS: &[&str] = &["GB", "US", "AU", "CA", "NZ", "IE"];
const JA: &[(&str, &str)] = &[
    ("山田 太郎", "Taro Yamada"),
    ("佐藤 花子", "Hanako Sato"),
    ("鈴木 一郎", "Ichiro Suzuki"),
    ("高橋 美咲", "Misaki Takahashi"),
    ("田中 健", "Ken Tanaka"),
    ("伊藤 由美", "Yumi Ito"),
    ("渡辺 翔", "Sho Watanabe"),
    ("中村 愛", "Ai Nakamura"),
];
const KO: &[(&str, &str)] = &[
    ("김민준", "Kim Min-jun"),
    ("이서연", "Lee Seo-yeon"),
    ("박지훈", "Park Ji-hoon"),
    ("최수빈", "Choi Su-bin"),
    ("정우진", "Jung Woo-jin"),
    ("강하은", "Kang Ha-eun"),
    ("조현우", "Cho Hyun-woo"),
    ("윤지아", "Yoon Ji-a"),
];
const COMPANIES: &[&str] = &[
    "华信科技有限公司",
    "东方律师事务所",
    "滨江贸易有限公司",
    "明德教育咨询有限公司",
    "云帆设计工作室",
    "恒泰投资管理有限公司",
    "绿源餐饮管理有限公司",
    "嘉禾医疗器械有限公司",
    "星辰文化传媒有限公司",
    "瑞丰物流有限公司",
];

struct DemoStaff {
    username: &'static str,
    zh: &'static str,
    role: Role,
    department: Department,
    /// Language and level; the English speaker on the desk is liu.fang (park.minji's English is basic).
    languages: &'static [(&'static str, LanguageLevel)],
}

const STAFF: &[DemoStaff] = &[
    DemoStaff {
        username: "liu.fang",
        zh: "刘芳",
        role: Role::Desk,
        department: Department::CustomerService,
        languages: &[("zh-CN", LanguageLevel::Native), ("en", LanguageLevel::Fluent)],
    },
    DemoStaff {
        username: "chen.jing",
        zh: "陈静",
        role: Role::Desk,
        department: Department::CustomerService,
        languages: &[("zh-CN", LanguageLevel::Native), ("ja", LanguageLevel::Fluent)],
    },
    DemoStaff {
        username: "park.minji",
        zh: "朴敏智",
        role: Role::Desk,
        department: Department::CustomerService,
        languages: &[("ko", LanguageLevel::Native), ("zh-CN", LanguageLevel::Fluent), ("en", LanguageLevel::Basic)],
    },
    DemoStaff {
        username: "wang.qiang",
        zh: "王强",
        role: Role::Department,
        department: Department::Engineering,
        languages: &[("zh-CN", LanguageLevel::Native)],
    },
    DemoStaff {
        username: "zhao.lei",
        zh: "赵磊",
        role: Role::Department,
        department: Department::Engineering,
        languages: &[("zh-CN", LanguageLevel::Native), ("en", LanguageLevel::Working)],
    },
    DemoStaff {
        username: "sun.yong",
        zh: "孙勇",
        role: Role::Department,
        department: Department::Security,
        languages: &[("zh-CN", LanguageLevel::Native)],
    },
    DemoStaff {
        username: "zhou.jun",
        zh: "周军",
        role: Role::Department,
        department: Department::Security,
        languages: &[("zh-CN", LanguageLevel::Native), ("en", LanguageLevel::Working)],
    },
    DemoStaff {
        username: "wu.xia",
        zh: "吴霞",
        role: Role::Department,
        department: Department::Cleaning,
        languages: &[("zh-CN", LanguageLevel::Native)],
    },
    DemoStaff {
        username: "hu.ping",
        zh: "胡平",
        role: Role::Department,
        department: Department::Landscaping,
        languages: &[("zh-CN", LanguageLevel::Native)],
    },
    DemoStaff {
        username: "lin.tao",
        zh: "林涛",
        role: Role::Department,
        department: Department::PublicAffairs,
        languages: &[("zh-CN", LanguageLevel::Native), ("en", LanguageLevel::Fluent)],
    },
    DemoStaff {
        username: "gao.yan",
        zh: "高艳",
        role: Role::Department,
        department: Department::Quality,
        languages: &[("zh-CN", LanguageLevel::Native), ("en", LanguageLevel::Working)],
    },
    DemoStaff {
        username: "he.wen",
        zh: "何文",
        role: Role::Leasing,
        department: Department::Leasing,
        languages: &[("zh-CN", LanguageLevel::Native), ("en", LanguageLevel::Fluent), ("ja", LanguageLevel::Working)],
    },
];

/// Loads the demo office inside the caller's transaction; `staff_id` is recorded as the author.
pub async fn load(db: &impl ConnectionTrait, now: DateTime<Utc>, locale: &str, staff_id: i32) -> Result<()> {
    let mut dice = Dice(20_261_127);
    let prop = property::ActiveModel {
        id: NotSet,
        name: Set(rust_i18n::t!("demo.property_name", locale = locale).into_owned()),
        address: Set(rust_i18n::t!("demo.property_address", locale = locale).into_owned()),
        version: Set(1),
        created_at: Set(now),
        updated_at: Set(now),
    }
    .insert(db)
    .await?;

    let mut units: Vec<(i32, UnitUse)> = Vec::new();
    for code in ["A", "B"] {
        let b = building::ActiveModel {
            id: NotSet,
            property_id: Set(prop.id),
            code: Set(code.to_owned()),
            name: Set(rust_i18n::t!("demo.tower", locale = locale, code = code).into_owned()),
            floors: Set(25),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
        let mut rows = Vec::new();
        for floor in 1..=25 {
            let per_floor = if floor == 1 { 4 } else { 8 };
            for n in 1..=per_floor {
                let use_kind = match (code, floor) {
                    (_, 1) => UnitUse::Shop,
                    ("B", 2..=6) => UnitUse::Office,
                    _ => UnitUse::Residential,
                };
                let base = match use_kind {
                    UnitUse::Shop => 6000,
                    UnitUse::Office => 12000,
                    UnitUse::Residential => [8950, 12880, 14320, 9675][n % 4],
                };
                rows.push(unit::ActiveModel {
                    id: NotSet,
                    building_id: Set(b.id),
                    number: Set(format!("{floor:02}{n:02}")),
                    floor: Set(floor),
                    area_centi_m2: Set(base + (dice.below(400) as i32)),
                    use_kind: Set(use_kind),
                    status: Set(UnitStatus::Vacant),
                    version: Set(1),
                    created_at: Set(now),
                    updated_at: Set(now),
                });
            }
        }
        unit::Entity::insert_many(rows).exec(db).await?;
    }
    for u in unit::Entity::find().all(db).await? {
        units.push((u.id, u.use_kind));
    }

    for s in STAFF {
        let person = staff::ActiveModel {
            id: NotSet,
            username: Set(s.username.to_owned()),
            display_name: Set(s.zh.to_owned()),
            sort_key: Set(crate::directory::names::sort_key(s.zh)),
            role: Set(s.role),
            department: Set(s.department),
            languages: Set(String::new()),
            locale: Set(None),
            active: Set(true),
            // Demo staff sign in once the manager sets their password.
            password_hash: Set(None),
            supervisor: Set(false),
            escalation_tier: Set(None),
            version: Set(1),
            created_at: Set(now),
            updated_at: Set(now),
        }
        .insert(db)
        .await?;
        let skills: Vec<LanguageSkill> =
            s.languages.iter().map(|(l, level)| LanguageSkill { language: (*l).to_owned(), level: *level }).collect();
        save_skills(db, person.id, &skills).await?;
    }

    let today = now.date_naive();
    let mut statuses: Vec<(i32, UnitStatus)> = Vec::new();
    let mut customer_no = 0usize;
    for (i, (unit_id, use_kind)) in units.iter().enumerate() {
        // About one unit in eight has nobody on file: vacant, for rent or being renovated.
        if i % 8 == 5 {
            let s = *dice.pick(&[UnitStatus::Vacant, UnitStatus::ForRent, UnitStatus::Renovating]);
            statuses.push((*unit_id, s));
            continue;
        }
        statuses.push((*unit_id, UnitStatus::Occupied));
        let household = match use_kind {
            UnitUse::Residential => 1 + dice.below(3),
            _ => 1,
        };
        for member in 0..household {
            if customer_no >= 600 {
                break;
            }
            let input = demo_customer(&mut dice, customer_no, *use_kind);
            customer_no += 1;
            let c = insert_customer(db, staff_id, now, &input).await?;
            let role = match (member, use_kind, dice.below(5)) {
                (0, UnitUse::Residential, 0) => OccupancyRole::Tenant,
                (0, UnitUse::Residential, _) => OccupancyRole::Owner,
                (0, _, n) if n < 3 => OccupancyRole::Tenant,
                (0, _, _) => OccupancyRole::Owner,
                _ => OccupancyRole::Occupant,
            };
            let start = move_in(&mut dice, today);
            occupancy::ActiveModel {
                id: NotSet,
                customer_id: Set(c.id),
                unit_id: Set(*unit_id),
                role: Set(role),
                start_date: Set(start),
                end_date: Set(None),
                version: Set(1),
                created_at: Set(now),
                updated_at: Set(now),
            }
            .insert(db)
            .await?;
        }
    }
    for status in [UnitStatus::Vacant, UnitStatus::ForRent, UnitStatus::Renovating] {
        let ids: Vec<i32> = statuses.iter().filter(|(_, s)| *s == status).map(|(id, _)| *id).collect();
        unit::Entity::update_many()
            .col_expr(unit::Column::Status, sea_orm::sea_query::Expr::value(status.as_str()))
            .filter(unit::Column::Id.is_in(ids))
            .exec(db)
            .await?;
    }
    let occupied: Vec<i32> = statuses.iter().filter(|(_, s)| *s == UnitStatus::Occupied).map(|(id, _)| *id).collect();
    unit::Entity::update_many()
        .col_expr(unit::Column::Status, sea_orm::sea_query::Expr::value(UnitStatus::Occupied.as_str()))
        .filter(unit::Column::Id.is_in(occupied))
        .exec(db)
        .await?;
    tracing::info!(customers = customer_no, units = units.len(), "demo property loaded");
    Ok(())
}

fn move_in(dice: &mut Dice, today: NaiveDate) -> NaiveDate {
    let days = 30 + dice.below(365 * 8) as i64;
    let d = today - Duration::days(days);
    NaiveDate::from_ymd_opt(d.year(), d.month(), 1).unwrap_or(d)
}

fn china_mobile(dice: &mut Dice) -> String {
    let prefix = dice.pick(&["138", "139", "136", "150", "186", "189", "177"]);
    format!("{prefix}{:04}{:04}", dice.below(10_000), dice.below(10_000))
}

fn demo_customer(dice: &mut Dice, n: usize, use_kind: UnitUse) -> CustomerInput {
    let base = CustomerInput {
        kind: CustomerKind::Person,
        name: String::new(),
        name_latin: None,
        phones: vec![china_mobile(dice)],
        email: None,
        nationality: Some("CN".into()),
        preferred_language: "zh-CN".into(),
        vip: dice.below(12) == 0,
        id_document_kind: Some(IdDocumentKind::ResidentId),
        id_document_number: Some(format!(
            "{}{:04}{:02}{:02}{:03}{}",
            dice.pick(&["110105", "310104", "440305", "330106", "510107"]),
            1950 + dice.below(55),
            1 + dice.below(12),
            1 + dice.below(28),
            dice.below(1000),
            dice.pick(&["1", "3", "5", "7", "X"])
        )),
        notes: String::new(),
    };
    if use_kind != UnitUse::Residential && n.is_multiple_of(3) {
        let name = COMPANIES[n % COMPANIES.len()].to_owned();
        return CustomerInput {
            kind: CustomerKind::Company,
            name,
            nationality: None,
            id_document_kind: Some(IdDocumentKind::BusinessLicense),
            id_document_number: Some(format!("91310000{:010}", dice.next() % 10_000_000_000)),
            ..base
        };
    }
    // Every seventh customer is a foreign resident: about 15 %.
    match (n % 7, n % 3) {
        (3, 0) => {
            let first = dice.pick(EN_FIRST);
            let last = dice.pick(EN_LAST);
            CustomerInput {
                name: format!("{first} {last}"),
                name_latin: Some(format!("{first} {last}")),
                email: Some(format!("{}.{}@example.com", first.to_lowercase(), last.to_lowercase())),
                nationality: Some((*dice.pick(EN_NATIONS)).to_owned()),
                preferred_language: "en".into(),
                id_document_kind: Some(IdDocumentKind::Passport),
                id_document_number: Some(format!("P{:08}", dice.next() % 100_000_000)),
                ..base
            }
        }
        (3, 1) => {
            let (name, latin) = *dice.pick(JA);
            CustomerInput {
                name: name.into(),
                name_latin: Some(latin.into()),
                nationality: Some("JP".into()),
                preferred_language: "ja".into(),
                id_document_kind: Some(IdDocumentKind::Passport),
                id_document_number: Some(format!("TK{:07}", dice.next() % 10_000_000)),
                ..base
            }
        }
        (3, _) => {
            let (name, latin) = *dice.pick(KO);
            CustomerInput {
                name: name.into(),
                name_latin: Some(latin.into()),
                nationality: Some("KR".into()),
                preferred_language: "ko".into(),
                id_document_kind: Some(IdDocumentKind::Passport),
                id_document_number: Some(format!("M{:08}", dice.next() % 100_000_000)),
                ..base
            }
        }
        _ => CustomerInput { name: format!("{}{}", dice.pick(SURNAMES), dice.pick(GIVEN)), ..base },
    }
}

/// Staff `username` acting at `at`, through a session opened then.
async fn as_staff(cx: &Cx, username: &str, at: DateTime<Utc>) -> Result<Cx> {
    let s =
        staff::Entity::find().filter(staff::Column::Username.eq(username)).one(&cx.db).await?.ok_or(Error::NotFound)?;
    let token = crate::accounts::auth::open_session(&cx.db, s.id, at).await?;
    let session = Session {
        token: Some(token),
        locale: cx.session.locale.clone(),
        background: false,
        source: cx.session.source.clone(),
    };
    Ok(Cx {
        db: cx.db.clone(),
        env: cx.env.clone(),
        session,
        now: at,
        command: "",
        actor: None,
        accounts: cx.accounts.clone(),
        changes: cx.changes.clone(),
        imports: cx.imports.clone(),
    })
}

fn order_version(d: &CaseDetail, id: i32) -> Result<i32> {
    d.work_orders.iter().find(|w| w.id == id).map(|w| w.version).ok_or(Error::NotFound)
}

/// Moves work order `id` through `steps` as the engineer, `minutes` apart from `at`.
async fn walk(
    cx: &Cx,
    mut d: CaseDetail,
    id: i32,
    steps: &[(&str, WorkOrderStatus)],
    at: DateTime<Utc>,
) -> Result<CaseDetail> {
    let result = Some(rust_i18n::t!("demo.desk.result", locale = cx.locale()).into_owned());
    for (i, (who, to)) in steps.iter().enumerate() {
        let when = at + Duration::minutes(20 * (i as i64 + 1));
        let version = order_version(&d, id)?;
        let input = WorkOrderTransition { id, version, to: *to, result: result.clone(), reason: None };
        d = api::run::work_order_transition(as_staff(cx, who, when).await?, input).await?;
    }
    Ok(d)
}

/// Cases across the desk's states (new, overdue, in progress, awaiting follow-up, one
/// unhappy customer) made through the desk's own commands, so numbers, counts, search
/// text and timelines are as in use. `cx` is the first manager's; `now` is first start.
pub async fn load_desk(cx: &Cx, now: DateTime<Utc>) -> Result<()> {
    let homes = occupancy::Entity::find().order_by_asc(occupancy::Column::Id).limit(12).all(&cx.db).await?;
    let engineer = staff::Entity::find()
        .filter(staff::Column::Username.eq("wang.qiang"))
        .one(&cx.db)
        .await?
        .ok_or(Error::NotFound)?;
    let locale = cx.locale().to_owned();
    let text = |n: usize, part: &str| rust_i18n::t!(format!("demo.desk.case{n}.{part}"), locale = &locale).into_owned();
    use WorkOrderStatus::{Accepted, Done, InProgress, Verified};
    let desk = "liu.fang";
    let eng = "wang.qiang";
    // (kind, priority, hours ago, how far it got)
    let plan: [(CaseKind, Priority, i64, u8); 7] = [
        (CaseKind::Repair, Priority::Normal, 1, 0),
        (CaseKind::Complaint, Priority::High, 3, 0),
        (CaseKind::Repair, Priority::Urgent, 8, 1),
        (CaseKind::Repair, Priority::Normal, 26, 2),
        (CaseKind::Repair, Priority::Normal, 50, 2),
        (CaseKind::Repair, Priority::Normal, 72, 3),
        (CaseKind::Inquiry, Priority::Normal, 30, 4),
    ];
    for (n, (kind, priority, hours, stage)) in plan.into_iter().enumerate() {
        let at = now - Duration::hours(hours);
        let home = homes.get(n % homes.len().max(1));
        let input = CaseOpen {
            kind,
            channel: if n % 3 == 1 { Channel::WalkIn } else { Channel::Hotline },
            priority,
            title: text(n + 1, "title"),
            description: text(n + 1, "description"),
            customer_id: home.map(|h| h.customer_id),
            unit_id: home.map(|h| h.unit_id),
            caller_name: None,
            caller_phone: None,
            consultation_topic: None,
            language: None,
        };
        let d = api::run::case_open(as_staff(cx, desk, at).await?, input).await?;
        let case_id = d.case.id;
        if stage == 4 {
            let resolve = CaseResolve { id: case_id, version: d.case.version, resolution: text(n + 1, "resolution") };
            api::run::case_resolve(as_staff(cx, desk, at + Duration::minutes(10)).await?, resolve).await?;
            continue;
        }
        if stage == 0 {
            continue;
        }
        let dispatch = WorkOrderDispatch {
            case_id,
            department: Some(Department::Engineering),
            supplier_id: None,
            assignee_id: Some(engineer.id),
            instructions: text(n + 1, "instructions"),
            priority: None,
            due_at: None,
            draft: false,
        };
        let d = api::run::work_order_dispatch(as_staff(cx, desk, at + Duration::minutes(10)).await?, dispatch).await?;
        let id = d.work_orders.last().map(|w| w.id).ok_or(Error::NotFound)?;
        let start = at + Duration::minutes(10);
        if stage == 1 {
            walk(cx, d, id, &[(eng, Accepted), (eng, InProgress)], start).await?;
            continue;
        }
        let steps = [(eng, Accepted), (eng, InProgress), (eng, Done), (desk, Verified)];
        let d = walk(cx, d, id, &steps, start).await?;
        if stage == 3 {
            let f = d.follow_ups.last().ok_or(Error::NotFound)?;
            let record = FollowUpRecord {
                follow_up_id: f.id,
                version: f.version,
                satisfaction: 2,
                remark: Some(text(n + 1, "remark")),
            };
            api::run::follow_up_record(as_staff(cx, desk, start + Duration::hours(4)).await?, record).await?;
        }
    }
    crate::desk::escalation::sweep(&cx.db, now).await?;
    Ok(())
}

/// One knowledge-base answer of the demo: topic and (language, title, body) texts.
type DemoAnswer = (ConsultationTopic, &'static [(&'static str, &'static str, &'static str)]);

/// A handful of answers the desk gives foreign residents, in Chinese and English (some in
/// Japanese and Korean too; the rest show as missing).
const ANSWERS: &[DemoAnswer] = &[
    (
        ConsultationTopic::CarRental,
        &[
            (
                "zh-CN",
                "外籍人士租车",
                "持护照、有效的中国驾驶证（或临时驾驶许可）和信用卡，可在园区东门对面的租车点租车。国际驾照在中国大陆不能直接使用。押金一般为 3000 元，还车后 30 天内退回。",
            ),
            (
                "en",
                "Renting a car as a foreign resident",
                "Bring your passport, a valid Chinese driving licence (or a temporary driving permit) and a credit card to the rental office opposite the east gate. An international driving permit is not accepted on its own in mainland China. The deposit is usually CNY 3,000, refunded within 30 days of return.",
            ),
            (
                "ja",
                "外国籍の方のレンタカー",
                "パスポート、有効な中国の運転免許証（または臨時運転許可）とクレジットカードをお持ちのうえ、東門向かいのレンタカー店へお越しください。国際運転免許証だけでは中国本土で運転できません。保証金は通常 3,000 元で、返却後 30 日以内に返金されます。",
            ),
        ],
    ),
    (
        ConsultationTopic::Transport,
        &[
            (
                "zh-CN",
                "地铁和公交",
                "最近的地铁站是 2 号线科技园站，步行约 8 分钟。乘车可用支付宝或微信的乘车码，也可在站内购买交通卡。",
            ),
            (
                "en",
                "Metro and buses",
                "The nearest metro station is Science Park on Line 2, about 8 minutes on foot. Pay with the transit QR code in Alipay or WeChat, or buy a transport card at the station.",
            ),
            (
                "ko",
                "지하철과 버스",
                "가장 가까운 지하철역은 2호선 과학단지역으로 걸어서 약 8분 걸립니다. 알리페이나 위챗의 교통 QR코드로 결제하거나 역에서 교통카드를 구입할 수 있습니다.",
            ),
        ],
    ),
    (
        ConsultationTopic::Medical,
        &[
            (
                "zh-CN",
                "看病和国际门诊",
                "市第一人民医院设有国际门诊，提供英语服务，可在微信公众号预约。紧急情况请拨打 120。",
            ),
            (
                "en",
                "Seeing a doctor",
                "The First People's Hospital has an international clinic with English-speaking staff; book through its WeChat account. In an emergency call 120.",
            ),
            (
                "ja",
                "病院と国際外来",
                "市第一人民病院には英語対応の国際外来があり、WeChat の公式アカウントで予約できます。緊急時は 120 に電話してください。",
            ),
            (
                "ko",
                "병원과 국제 진료",
                "시 제1인민병원에는 영어로 진료받을 수 있는 국제 진료소가 있으며 위챗 공식 계정으로 예약할 수 있습니다. 응급 상황에는 120에 전화하세요.",
            ),
        ],
    ),
    (
        ConsultationTopic::Visas,
        &[
            (
                "zh-CN",
                "居留许可续签",
                "居留许可到期前 30 天内到市出入境管理局办理续签，需携带护照、住宿登记表和单位证明。住宿登记表可在服务台开具。",
            ),
            (
                "en",
                "Renewing a residence permit",
                "Renew at the city Exit-Entry Administration within 30 days before the permit expires. Bring your passport, the registration form of temporary residence and a letter from your employer. The desk can issue the registration form.",
            ),
        ],
    ),
    (
        ConsultationTopic::Shopping,
        &[
            ("zh-CN", "附近购物", "园区南侧有大型超市（营业至 22:00），进口食品在二层。网购快递可在服务台代收。"),
            (
                "en",
                "Shopping nearby",
                "There is a large supermarket south of the estate (open until 22:00), with imported food on the first floor. The desk can take in your online-shopping parcels.",
            ),
        ],
    ),
    (
        ConsultationTopic::Schools,
        &[
            ("zh-CN", "国际学校", "附近有两所接收外籍学生的国际学校，入学需提前半年申请。服务台可提供联系方式。"),
            (
                "en",
                "International schools",
                "Two international schools nearby take foreign pupils; apply about six months ahead. The desk can give you their contacts.",
            ),
        ],
    ),
    (
        ConsultationTopic::EverydayLife,
        &[
            ("zh-CN", "水电燃气缴费", "水电燃气费可在支付宝“生活缴费”中按户号缴纳，户号见服务台发放的入住资料。"),
            (
                "en",
                "Paying water, power and gas",
                "Pay water, electricity and gas in Alipay under \"Utilities\" with the account numbers in your move-in pack from the desk.",
            ),
            (
                "ko",
                "수도·전기·가스 요금 납부",
                "수도, 전기, 가스 요금은 알리페이의 '생활 요금 납부'에서 고객 번호로 낼 수 있습니다. 고객 번호는 입주 시 받은 안내 자료에 있습니다.",
            ),
        ],
    ),
    (
        ConsultationTopic::Travel,
        &[
            (
                "zh-CN",
                "周末出游",
                "高铁站乘地铁 40 分钟可到，购票需使用护照实名。周边古镇一日游可在服务台领取中英文地图。",
            ),
            (
                "en",
                "Weekend trips",
                "The high-speed rail station is 40 minutes away by metro; tickets are bought in your name with your passport. The desk has maps in Chinese and English for day trips to the old towns nearby.",
            ),
        ],
    ),
];

/// The knowledge base's answers and one consultation: an English-speaking tenant asks
/// about renting a car; the desk's English speaker is its language contact and the
/// answer is on its timeline. `cx` is the first manager's; `now` is first start.
pub async fn load_consultations(cx: &Cx, now: DateTime<Utc>) -> Result<()> {
    use crate::desk::knowledge::{KbAnswerInput, KbText, KbUse};
    use crate::entities::customer;
    let mut car_rental = None;
    for (topic, texts) in ANSWERS {
        let input = KbAnswerInput {
            topic: *topic,
            active: true,
            texts: texts
                .iter()
                .map(|(l, t, b)| KbText { language: (*l).to_owned(), title: (*t).to_owned(), body: (*b).to_owned() })
                .collect(),
        };
        let a = api::run::kb_create(as_staff(cx, "liu.fang", now - Duration::days(20)).await?, input).await?;
        if *topic == ConsultationTopic::CarRental {
            car_rental = Some(a.id);
        }
    }
    let english = occupancy::Entity::find()
        .inner_join(customer::Entity)
        .filter(customer::Column::PreferredLanguage.eq("en"))
        .order_by_asc(occupancy::Column::Id)
        .offset(1)
        .one(&cx.db)
        .await?;
    let (Some(o), Some(answer_id)) = (english, car_rental) else { return Ok(()) };
    let locale = cx.locale().to_owned();
    let text = |key: &str| rust_i18n::t!(format!("demo.consultation.{key}"), locale = &locale).into_owned();
    let at = now - Duration::hours(5);
    let input = CaseOpen {
        kind: CaseKind::Inquiry,
        channel: Channel::WalkIn,
        priority: Priority::Normal,
        title: text("title"),
        description: text("description"),
        customer_id: Some(o.customer_id),
        unit_id: Some(o.unit_id),
        caller_name: None,
        caller_phone: None,
        language: None,
        consultation_topic: Some(ConsultationTopic::CarRental),
    };
    let d = api::run::case_open(as_staff(cx, "chen.jing", at).await?, input).await?;
    let use_it = KbUse { case_id: d.case.id, answer_id };
    api::run::kb_use(as_staff(cx, "chen.jing", at + Duration::minutes(5)).await?, use_it).await?;
    Ok(())
}

struct DemoService {
    zh: (&'static str, &'static str),
    en: (&'static str, &'static str),
    department: Department,
    unit: ServiceUnit,
    tax_rate: Option<&'static str>,
    price: &'static str,
}

/// The catalog's five services, named in Chinese and English; Japanese and Korean are
/// left for the manager (the catalog shows them as missing).
const SERVICES: &[DemoService] = &[
    DemoService {
        zh: ("入室保洁", "保洁员上门打扫：地面、厨房、卫生间，自带清洁用品。"),
        en: ("In-home cleaning", "A cleaner comes to your home: floors, kitchen and bathrooms, supplies included."),
        department: Department::Cleaning,
        unit: ServiceUnit::PerHour,
        tax_rate: Some("6"),
        price: "60",
    },
    DemoService {
        zh: ("室内植物代养代换", "定期浇水、修剪、施肥，长势不好的植物及时更换。"),
        en: (
            "Indoor plant care and replacement",
            "Regular watering, pruning and feeding; plants that do poorly are replaced.",
        ),
        department: Department::Landscaping,
        unit: ServiceUnit::PerMonth,
        tax_rate: Some("6"),
        price: "120",
    },
    DemoService {
        zh: ("洗衣取送", "上门收取待洗衣物，洗好后送回。"),
        en: ("Laundry pick-up", "We collect your laundry at the door and bring it back clean."),
        department: Department::Cleaning,
        unit: ServiceUnit::PerItem,
        tax_rate: Some("6"),
        price: "15",
    },
    DemoService {
        zh: ("洗车", "在小区停车场为您清洗车辆内外。"),
        en: ("Car washing", "Your car washed inside and out in the estate car park."),
        department: Department::Cleaning,
        unit: ServiceUnit::PerVisit,
        tax_rate: Some("6"),
        price: "35",
    },
    DemoService {
        zh: ("快递送货上门", "服务中心代收的快递由工作人员送到家门口。"),
        en: ("Parcel delivery to the door", "Parcels received at the service centre, brought to your door."),
        department: Department::Security,
        unit: ServiceUnit::PerItem,
        tax_rate: None,
        price: "5",
    },
];

/// The service catalog, through the catalog's own commands: five services priced from
/// three months before first start, and cleaning's next price from the 1st of next month.
/// `cx` is the first manager's.
pub async fn load_menus(cx: &Cx, now: DateTime<Utc>) -> Result<()> {
    let manager = || Cx {
        db: cx.db.clone(),
        env: cx.env.clone(),
        session: cx.session.clone(),
        now,
        command: "",
        actor: None,
        accounts: cx.accounts.clone(),
        changes: cx.changes.clone(),
        imports: cx.imports.clone(),
    };
    let today = now.date_naive();
    let since = today - Duration::days(90);
    let next_month = NaiveDate::from_ymd_opt(today.year(), today.month(), 1)
        .and_then(|d| d.checked_add_months(chrono::Months::new(1)))
        .ok_or(Error::NotFound)?;
    let text = |language: &str, (name, description): (&str, &str)| ServiceText {
        language: language.to_owned(),
        name: name.to_owned(),
        description: description.to_owned(),
    };
    let mut ids = Vec::new();
    for (i, s) in SERVICES.iter().enumerate() {
        let input = CatalogCreate {
            service: CatalogInput {
                texts: vec![text("zh-CN", s.zh), text("en", s.en)],
                department: s.department,
                unit: s.unit,
                tax_rate: s.tax_rate.map(str::to_owned),
            },
            price: Some(NewPrice { amount: s.price.to_owned(), effective_from: since.to_string() }),
        };
        let d = api::run::catalog_create(manager(), input).await?;
        if i == 0 {
            let price = NewPrice { amount: "65".to_owned(), effective_from: next_month.to_string() };
            let set = CatalogPriceSet { id: d.id, version: d.version, price };
            api::run::catalog_price_set(manager(), set).await?;
        }
        ids.push(d.id);
    }
    Box::pin(load_packages(cx, &manager, &ids, today)).await
}

/// Two packages from tomorrow: an English-speaking resident's weekly cleaning (two hours,
/// Tuesdays) and fortnightly plant care (Thursdays), and a Chinese-speaking owner's
/// cleaning on the 1st and 15th; their visits of the coming weeks are written at once.
async fn load_packages(cx: &Cx, manager: &impl Fn() -> Cx, services: &[i32], today: NaiveDate) -> Result<()> {
    let (Some(&cleaning), Some(&plants)) = (services.first(), services.get(1)) else { return Ok(()) };
    let resident_of = |language: &'static str| {
        occupancy::Entity::find()
            .filter(occupancy::Column::EndDate.is_null())
            .filter(
                occupancy::Column::CustomerId.in_subquery(
                    sea_orm::sea_query::Query::select()
                        .column(crate::entities::customer::Column::Id)
                        .from(crate::entities::customer::Entity)
                        .and_where(crate::entities::customer::Column::PreferredLanguage.eq(language))
                        .to_owned(),
                ),
            )
            .order_by_asc(occupancy::Column::Id)
            .one(&cx.db)
    };
    let starts = (today + Duration::days(1)).to_string();
    let item = |service_id: i32, rule: &str, quantity: Option<&str>, notes: &str| PackageItemInput {
        id: None,
        service_id,
        rule: rule.to_owned(),
        starts_on: starts.clone(),
        ends_on: None,
        window_start: None,
        window_end: None,
        quantity: quantity.map(str::to_owned),
        notes: notes.to_owned(),
    };
    let mut made = Vec::new();
    if let Some(o) = resident_of("en").await? {
        made.push(PackageInput {
            customer_id: o.customer_id,
            unit_id: Some(o.unit_id),
            starts_on: starts.clone(),
            ends_on: None,
            window_start: Some("09:00".to_owned()),
            window_end: Some("11:00".to_owned()),
            notes: rust_i18n::t!("demo.package.key_at_desk", locale = cx.locale()).into_owned(),
            items: vec![
                item(cleaning, "FREQ=WEEKLY;BYDAY=TU", Some("2"), ""),
                item(plants, "FREQ=WEEKLY;INTERVAL=2;BYDAY=TH", None, ""),
            ],
        });
    }
    if let Some(o) = resident_of("zh-CN").await? {
        made.push(PackageInput {
            customer_id: o.customer_id,
            unit_id: Some(o.unit_id),
            starts_on: starts.clone(),
            ends_on: None,
            window_start: Some("14:00".to_owned()),
            window_end: Some("17:00".to_owned()),
            notes: rust_i18n::t!("demo.package.no_new_year", locale = cx.locale()).into_owned(),
            items: vec![item(cleaning, "FREQ=MONTHLY;BYMONTHDAY=1,15", Some("3"), "")],
        });
    }
    for package in made {
        Box::pin(api::run::package_create(manager(), PackageCreate { package })).await?;
    }
    Ok(())
}

/// Convenience services through their own commands: the desk's lending inventory
/// (umbrellas, carts, pet bags), parcels and letters waiting for a few units (one for an
/// English-speaking resident), one handed over, an item in storage, an umbrella out and
/// one overdue. `cx` is the first manager's; `now` is first start.
pub async fn load_convenience(cx: &Cx, now: DateTime<Utc>) -> Result<()> {
    use crate::convenience::lending::{LendItemInput, LoanLend};
    use crate::convenience::mail::{MailHandOver, MailReceive};
    use crate::convenience::storage::StorageDeposit;
    use crate::domain::{LendKind, MailKind};
    use crate::entities::customer;
    let locale = cx.locale().to_owned();
    let text = |key: &str| rust_i18n::t!(format!("demo.convenience.{key}"), locale = &locale).into_owned();
    let desk = "liu.fang";
    let mut items = Vec::new();
    for (kind, key, total) in
        [(LendKind::Umbrella, "umbrella", 20), (LendKind::Cart, "cart", 4), (LendKind::PetBag, "pet_bag", 50)]
    {
        let input = LendItemInput { kind, name: text(key), total };
        items.push(api::run::lend_item_create(as_staff(cx, desk, now - Duration::days(30)).await?, input).await?);
    }
    let homes = occupancy::Entity::find().order_by_asc(occupancy::Column::Id).offset(12).limit(5).all(&cx.db).await?;
    let english = occupancy::Entity::find()
        .inner_join(customer::Entity)
        .filter(customer::Column::PreferredLanguage.eq("en"))
        .order_by_asc(occupancy::Column::Id)
        .one(&cx.db)
        .await?;
    let carriers = ["顺丰速运", "京东物流", "中国邮政", "EMS", "中通快递"];
    let kinds = [MailKind::Parcel, MailKind::Parcel, MailKind::Letter, MailKind::Newspaper, MailKind::Parcel];
    let mut received = Vec::new();
    for (i, o) in homes.iter().chain(english.iter()).enumerate() {
        let c = customer::Entity::find_by_id(o.customer_id).one(&cx.db).await?.ok_or(Error::NotFound)?;
        let kind = kinds[i % kinds.len()];
        let parcel = kind == MailKind::Parcel;
        let input = MailReceive {
            kind,
            unit_id: Some(o.unit_id),
            customer_id: Some(c.id),
            addressee: c.name.clone(),
            carrier: if parcel { carriers[i % carriers.len()].to_owned() } else { String::new() },
            tracking_no: if parcel { format!("SF{:010}", 1_300_000_000 + i * 7919) } else { String::new() },
            shelf: format!("B-{}", i + 1),
            notes: String::new(),
        };
        let at = now - Duration::hours(3 * (i as i64 + 1));
        received.push(api::run::mail_receive(as_staff(cx, desk, at).await?, input).await?);
    }
    if let Some(first) = received.first() {
        let input =
            MailHandOver { id: first.id, version: first.version, collected_by: first.addressee.clone(), signed: true };
        api::run::mail_hand_over(as_staff(cx, desk, now - Duration::hours(1)).await?, input).await?;
    }
    if let Some(o) = homes.get(1) {
        let input = StorageDeposit {
            description: text("stored_item"),
            unit_id: Some(o.unit_id),
            customer_id: Some(o.customer_id),
            deposited_by: text("stored_by"),
            deposited_for: String::new(),
            location: "C-1".to_owned(),
            notes: String::new(),
        };
        api::run::storage_deposit(as_staff(cx, desk, now - Duration::hours(5)).await?, input).await?;
    }
    // One umbrella out today, one two days out and due back yesterday.
    for (o, lent_ago, due_in) in homes.iter().skip(2).zip([(2, 1), (48, -24)]).map(|(o, (a, d))| (o, a, d)) {
        let at = now - Duration::hours(lent_ago);
        let input = LoanLend {
            item_id: items[0].id,
            quantity: 1,
            unit_id: Some(o.unit_id),
            customer_id: Some(o.customer_id),
            borrower: String::new(),
            phone: String::new(),
            due_at: (now + Duration::hours(due_in)).to_rfc3339(),
            notes: String::new(),
        };
        api::run::loan_lend(as_staff(cx, desk, at).await?, input).await?;
    }
    Ok(())
}

/// Leasing referrals through their own commands: two partner agencies (one on a share of
/// a month's rent, one on a fixed fee), three open listings of units with nobody on file
/// (owned by demo owners; texts in Chinese and English, one in Japanese too), three
/// prospects (one Japanese-speaking, preferred language `ja`) and two referrals, one with
/// a viewing tomorrow. `cx` is the first manager's; `now` is first start.
pub async fn load_leasing(cx: &Cx, now: DateTime<Utc>) -> Result<()> {
    use crate::domain::{CommissionKind, ListingFeature, ListingStatus, ProspectSource};
    use crate::leasing::agencies::AgencyInput;
    use crate::leasing::listings::{ListingCreate, ListingInput, ListingTextInput};
    use crate::leasing::prospects::ProspectInput;
    use crate::leasing::referrals::ReferralCreate;
    use crate::leasing::viewings::ViewingSchedule;
    let manager = || Cx {
        db: cx.db.clone(),
        env: cx.env.clone(),
        session: cx.session.clone(),
        now,
        command: "",
        actor: None,
        accounts: cx.accounts.clone(),
        changes: cx.changes.clone(),
        imports: cx.imports.clone(),
    };
    let today = now.date_naive();
    let agency = |name: &str, kind: CommissionKind, value: &str, phone: &str| AgencyInput {
        name: name.to_owned(),
        contacts: String::new(),
        phone: phone.to_owned(),
        email: String::new(),
        commission_kind: kind,
        commission_value: value.to_owned(),
        active: true,
        notes: String::new(),
    };
    let local = api::run::agency_create(
        manager(),
        agency("链家地产（世纪大道店）", CommissionKind::PercentOfRent, "50", "021-5888 1234"),
    )
    .await?;
    let relocation = api::run::agency_create(
        manager(),
        agency("Sakura Relocation 樱花安居", CommissionKind::Fixed, "3000", "021-6188 5678"),
    )
    .await?;
    let free: Vec<i32> = unit::Entity::find()
        .select_only()
        .column(unit::Column::Id)
        .filter(unit::Column::Status.is_in([UnitStatus::ForRent, UnitStatus::Vacant]))
        .filter(unit::Column::UseKind.eq(UnitUse::Residential))
        .order_by_asc(unit::Column::Id)
        .limit(4)
        .into_tuple()
        .all(&cx.db)
        .await?;
    let owners: Vec<i32> = occupancy::Entity::find()
        .select_only()
        .column(occupancy::Column::CustomerId)
        .filter(occupancy::Column::Role.eq(OccupancyRole::Owner))
        .order_by_asc(occupancy::Column::Id)
        .limit(4)
        .into_tuple()
        .all(&cx.db)
        .await?;
    let text = |language: &str, title: &str, description: &str| ListingTextInput {
        language: language.to_owned(),
        title: title.to_owned(),
        description: description.to_owned(),
    };
    let offers = [
        (
            "13500",
            2,
            true,
            vec![
                text("zh-CN", "精装两房 近地铁 拎包入住", "南北通透，全套家具家电，步行五分钟到地铁站。"),
                text(
                    "en",
                    "Furnished two-bedroom near the metro",
                    "Bright, fully furnished, five minutes' walk to the metro.",
                ),
                text("ja", "家具付き2LDK・駅近", "南北に窓のある明るいお部屋。家具・家電付き、駅まで徒歩5分。"),
            ],
        ),
        (
            "9800",
            1,
            false,
            vec![
                text("zh-CN", "一房一厅 安静朝南", "朝南一房，安静，适合单身或情侣。"),
                text("en", "Quiet one-bedroom facing south", "A quiet south-facing one-bedroom."),
            ],
        ),
        (
            "18000",
            3,
            true,
            vec![
                text("zh-CN", "三房两卫 家庭首选 可养宠物", "三房两卫，带车位，可养宠物，近国际学校。"),
                text(
                    "en",
                    "Three-bed family home, pets welcome",
                    "Three bedrooms, two bathrooms, parking, near the international school.",
                ),
            ],
        ),
    ];
    let mut listings = Vec::new();
    for (i, ((rent, rooms, furnished, texts), (unit_id, owner_id))) in
        offers.into_iter().zip(free.iter().zip(owners.iter())).enumerate()
    {
        let input = ListingInput {
            unit_id: *unit_id,
            owner_id: *owner_id,
            asking_rent: rent.to_owned(),
            deposit_months: 2,
            deposit_terms: String::new(),
            available_from: (today + Duration::days(7 * i as i64)).to_string(),
            min_term_months: 12,
            rooms,
            furnished,
            pets: i == 2,
            parking: i == 2,
            notes: String::new(),
            texts,
        };
        listings.push(
            api::run::listing_create(manager(), ListingCreate { listing: input, status: ListingStatus::Open }).await?,
        );
    }
    let prospect = |name: &str, language: &str, nationality: &str, budget: &str, rooms: i32| ProspectInput {
        name: name.to_owned(),
        company: String::new(),
        phone: String::new(),
        email: String::new(),
        preferred_language: language.to_owned(),
        nationality: Some(nationality.to_owned()),
        budget_min: None,
        budget_max: Some(budget.to_owned()),
        rooms_min: Some(rooms),
        area_min: None,
        move_in: Some((today + Duration::days(21)).to_string()),
        term_months: Some(12),
        must_haves: vec![],
        source: ProspectSource::WalkIn,
        agency_id: None,
        notes: String::new(),
        active: true,
    };
    let tanaka = api::run::prospect_create(
        manager(),
        ProspectInput {
            company: "Sakura Trading Co., Ltd.".to_owned(),
            must_haves: vec![ListingFeature::Furnished],
            source: ProspectSource::Agency,
            agency_id: Some(relocation.row.id),
            ..prospect("田中 健", "ja", "JP", "15000", 2)
        },
    )
    .await?;
    let clark = api::run::prospect_create(
        manager(),
        ProspectInput { source: ProspectSource::Online, ..prospect("Emily Clark", "en", "GB", "10000", 1) },
    )
    .await?;
    api::run::prospect_create(manager(), prospect("王磊", "zh-CN", "CN", "20000", 3)).await?;
    if let (Some(first), Some(second)) = (listings.first(), listings.get(1)) {
        let r = api::run::referral_create(
            manager(),
            ReferralCreate {
                listing_id: first.row.id,
                prospect_id: tanaka.row.id,
                agency_id: Some(relocation.row.id),
                note: String::new(),
            },
        )
        .await?;
        let tomorrow = now + Duration::days(1);
        api::run::viewing_schedule(
            manager(),
            ViewingSchedule {
                referral_id: r.row.id,
                starts_at: tomorrow.to_rfc3339(),
                ends_at: (tomorrow + Duration::minutes(45)).to_rfc3339(),
                staff_id: None,
                remind_at: Some((tomorrow - Duration::hours(2)).to_rfc3339()),
                notes: String::new(),
            },
        )
        .await?;
        api::run::referral_create(
            manager(),
            ReferralCreate {
                listing_id: second.row.id,
                prospect_id: clark.row.id,
                agency_id: Some(local.row.id),
                note: String::new(),
            },
        )
        .await?;
    }
    // A lease signed ten months ago for a year: it ends within 60 days (renew or list again)
    // and its commission is still due.
    if let (Some(&unit_id), Some(&owner_id)) = (free.get(3), owners.get(3)) {
        signed_lease(&manager, now, (unit_id, owner_id), local.row.id).await?;
    }
    Ok(())
}

/// Takes a referral from listing to signing as the desk did ten months before `now`.
async fn signed_lease(
    manager: &impl Fn() -> Cx,
    now: DateTime<Utc>,
    (unit_id, owner_id): (i32, i32),
    agency_id: i32,
) -> Result<()> {
    use crate::domain::{ListingStatus, ProspectSource, ReferralStage};
    use crate::leasing::listings::{ListingCreate, ListingInput, ListingTextInput};
    use crate::leasing::prospects::ProspectInput;
    use crate::leasing::referrals::{ReferralCreate, ReferralMove, ReferralSign};
    use crate::leasing::viewings::{ViewingRecord, ViewingSchedule};
    let then = now - Duration::days(305);
    let at = |t: DateTime<Utc>| Cx { now: t, ..manager() };
    let starts = then.date_naive() + Duration::days(14);
    let listing = api::run::listing_create(
        at(then),
        ListingCreate {
            listing: ListingInput {
                unit_id,
                owner_id,
                asking_rent: "11000".to_owned(),
                deposit_months: 2,
                deposit_terms: String::new(),
                available_from: starts.to_string(),
                min_term_months: 12,
                rooms: 2,
                furnished: true,
                pets: false,
                parking: false,
                notes: String::new(),
                texts: vec![ListingTextInput {
                    language: "zh-CN".to_owned(),
                    title: "两房一厅 南向".to_owned(),
                    description: "采光好，家电齐全。".to_owned(),
                }],
            },
            status: ListingStatus::Open,
        },
    )
    .await?;
    let prospect = api::run::prospect_create(
        at(then),
        ProspectInput {
            name: "Kim Min-jun".to_owned(),
            company: String::new(),
            phone: String::new(),
            email: String::new(),
            preferred_language: "ko".to_owned(),
            nationality: Some("KR".to_owned()),
            budget_min: None,
            budget_max: Some("12000".to_owned()),
            rooms_min: Some(2),
            area_min: None,
            move_in: Some(starts.to_string()),
            term_months: Some(12),
            must_haves: vec![],
            source: ProspectSource::Agency,
            agency_id: Some(agency_id),
            notes: String::new(),
            active: true,
        },
    )
    .await?;
    let r = api::run::referral_create(
        at(then),
        ReferralCreate {
            listing_id: listing.row.id,
            prospect_id: prospect.row.id,
            agency_id: Some(agency_id),
            note: String::new(),
        },
    )
    .await?;
    let view_at = then + Duration::days(2);
    let r = api::run::viewing_schedule(
        at(then),
        ViewingSchedule {
            referral_id: r.row.id,
            starts_at: view_at.to_rfc3339(),
            ends_at: (view_at + Duration::minutes(45)).to_rfc3339(),
            staff_id: None,
            remind_at: None,
            notes: String::new(),
        },
    )
    .await?;
    let viewing = r.viewings.first().ok_or(Error::NotFound)?;
    let later = view_at + Duration::hours(2);
    let r = api::run::viewing_record(
        at(later),
        ViewingRecord { id: viewing.id, version: viewing.version, notes: String::new() },
    )
    .await?;
    let r = api::run::referral_move(
        at(later),
        ReferralMove {
            id: r.row.id,
            version: r.row.version,
            to: ReferralStage::Offer,
            reason: None,
            note: String::new(),
        },
    )
    .await?;
    api::run::referral_sign(
        at(later),
        ReferralSign {
            id: r.row.id,
            version: r.row.version,
            listing_version: r.listing_version,
            prospect_version: r.prospect_version,
            starts_on: starts.to_string(),
            ends_on: (starts + Duration::days(364)).to_string(),
            monthly_rent: "11000".to_owned(),
            deposit: "22000".to_owned(),
            payment_day: 5,
        },
    )
    .await?;
    Ok(())
}

/// An issued water cut for tower B in four languages, written a week ago by the manager;
/// the desk has delivered it on the lower floors.
pub async fn load_notices(cx: &Cx, now: DateTime<Utc>) -> Result<()> {
    use crate::domain::{NoticeAudience, NoticeKind};
    use crate::notices::deliveries::{NoticeDeliveryQuery, NoticeMarkDelivered};
    use crate::notices::notice::{NoticeInput, NoticeSetStatus, NoticeTextInput};
    let Some(tower) = building::Entity::find().filter(building::Column::Code.eq("B")).one(&cx.db).await? else {
        return Ok(());
    };
    let written = now - Duration::days(7);
    let manager = || Cx {
        db: cx.db.clone(),
        env: cx.env.clone(),
        session: cx.session.clone(),
        now: written,
        command: "",
        actor: None,
        accounts: cx.accounts.clone(),
        changes: cx.changes.clone(),
        imports: cx.imports.clone(),
    };
    let day = (now + Duration::days(3)).date_naive();
    let text = |language: &str, title: &str, body: &str| NoticeTextInput {
        language: language.to_owned(),
        title: title.to_owned(),
        body: body.to_owned(),
    };
    let d = api::run::notice_create(
        manager(),
        NoticeInput {
            kind: NoticeKind::WaterCut,
            default_language: "zh-CN".to_owned(),
            event_date: Some(day.to_string()),
            event_end: None,
            audience: NoticeAudience::Building,
            building_id: Some(tower.id),
            floor_from: None,
            floor_to: None,
            unit_ids: vec![],
            texts: vec![
                text(
                    "zh-CN",
                    "停水通知",
                    "尊敬的{name}：\n因二次供水水箱清洗，{unit}将于{date} 9:00–17:00 停止供水。请提前储水，关闭水龙头。给您带来不便，敬请谅解。",
                ),
                text(
                    "en",
                    "Water supply interruption",
                    "Dear {name},\nThe water tanks will be cleaned: there will be no water in {unit} on {date} from 9:00 to 17:00. Please store water beforehand and keep taps closed. We apologise for the inconvenience.",
                ),
                text(
                    "ja",
                    "断水のお知らせ",
                    "{name}様\n受水槽清掃のため、{date} 9:00～17:00、{unit}は断水いたします。事前に水をお汲み置きのうえ、蛇口をお閉めください。ご不便をおかけしますが、ご理解のほどお願い申し上げます。",
                ),
                text(
                    "ko",
                    "단수 안내",
                    "{name}님께\n물탱크 청소로 {date} 9:00~17:00에 {unit}의 급수가 중단됩니다. 미리 물을 받아 두시고 수도꼭지를 잠가 주십시오. 불편을 드려 죄송합니다.",
                ),
            ],
        },
    )
    .await?;
    let d = api::run::notice_issue(manager(), NoticeSetStatus { id: d.row.id, version: d.row.version }).await?;
    let first = api::run::notice_delivery_list(
        manager(),
        NoticeDeliveryQuery { notice_id: d.row.id, delivered: None, building_id: None, page: 1, page_size: 30 },
    )
    .await?;
    let ids = first.items.iter().map(|r| r.id).collect();
    let desk = as_staff(cx, "park.minji", written + Duration::hours(3)).await?;
    api::run::notice_mark_delivered(
        desk,
        NoticeMarkDelivered { notice_id: d.row.id, delivery_ids: ids, delivered: true },
    )
    .await?;
    Ok(())
}
