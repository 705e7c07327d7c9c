//! The rows of a file checked against the database: what would be created, what is already
//! there (found by its natural key), and each bad row's problems.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use sea_orm::{ConnectionTrait, EntityTrait, QueryOrder, QuerySelect};

use super::file::Table;
use super::values::{self, UnitLabel};
use crate::domain::{CustomerKind, IdDocumentKind, ImportKind, OccupancyRole, UnitStatus, UnitUse, validate};
use crate::entities::{building, customer, occupancy, unit};
use crate::error::Result;

/// The fields a column can be mapped to, per kind; the first ones listed are required.
pub fn fields(kind: ImportKind) -> (&'static [&'static str], &'static [&'static str]) {
    match kind {
        ImportKind::Units => (&["unit"], &["building", "floor", "area_m2", "use_kind", "status"]),
        ImportKind::Customers => (
            &["name"],
            &[
                "name_latin",
                "kind",
                "phone",
                "email",
                "nationality",
                "language",
                "id_document_kind",
                "id_document_number",
                "notes",
            ],
        ),
        ImportKind::Occupancies => {
            (&["unit", "start_date"], &["building", "name", "phone", "id_document_number", "role", "end_date"])
        }
    }
}

/// Header words that suggest a field (compared lower-case, without spaces).
fn synonyms(field: &str) -> &'static [&'static str] {
    match field {
        "unit" => &["unit", "unitno", "room", "房号", "房间", "房间号", "单元", "户号", "部屋", "호실", "호수"],
        "building" => &["building", "tower", "楼栋", "楼号", "座", "栋", "棟", "동"],
        "floor" => &["floor", "楼层", "层", "階", "층"],
        "area_m2" => &["area", "aream2", "面积", "建筑面积", "面積", "면적"],
        "use_kind" => &["use", "usage", "用途", "용도"],
        "status" => &["status", "状态", "状態", "상태"],
        "name" => &[
            "name",
            "customer",
            "fullname",
            "姓名",
            "名称",
            "客户",
            "客户名称",
            "业主",
            "住户",
            "氏名",
            "名前",
            "이름",
            "성명",
        ],
        "name_latin" => &["namelatin", "latinname", "englishname", "pinyin", "英文名", "拼音", "ローマ字", "영문이름"],
        "kind" => &["kind", "type", "类型", "客户类型", "種別", "유형"],
        "phone" => &[
            "phone",
            "phones",
            "tel",
            "mobile",
            "电话",
            "手机",
            "手机号",
            "联系电话",
            "電話",
            "携帯",
            "전화",
            "전화번호",
            "휴대폰",
        ],
        "email" => &["email", "e-mail", "mail", "邮箱", "电子邮件", "メール", "이메일"],
        "nationality" => &["nationality", "country", "国籍", "국적"],
        "language" => &["language", "lang", "语言", "偏好语言", "言語", "언어"],
        "id_document_kind" => &["idkind", "idtype", "documenttype", "证件类型", "証明書種類", "신분증종류"],
        "id_document_number" => &[
            "idnumber",
            "id",
            "idno",
            "passport",
            "证件号",
            "证件号码",
            "身份证号",
            "身份证",
            "護照号",
            "証明書番号",
            "신분증번호",
        ],
        "notes" => &["notes", "note", "remarks", "备注", "備考", "비고"],
        "role" => &["role", "关系", "身份", "角色", "続柄", "관계"],
        "start_date" => {
            &["start", "startdate", "from", "movein", "入住日期", "开始日期", "起始日期", "入居日", "입주일"]
        }
        "end_date" => &["end", "enddate", "to", "moveout", "迁出日期", "结束日期", "退去日", "퇴거일"],
        _ => &[],
    }
}

/// A mapping guessed from the header words.
pub fn suggest(kind: ImportKind, columns: &[String]) -> Vec<Option<String>> {
    let (required, optional) = fields(kind);
    let mut taken = HashSet::new();
    columns
        .iter()
        .map(|c| {
            let c = values::narrow(c).to_lowercase().replace([' ', '_', '-', '(', ')', '（', '）'], "");
            let field = required.iter().chain(optional).find(|f| {
                (!taken.contains(**f) || **f == "phone") && (c == **f || synonyms(f).iter().any(|s| *s == c))
            })?;
            taken.insert(*field);
            Some((*field).to_owned())
        })
        .collect()
}

/// One problem of one row: its number in the file (the header is row 1), the column and
/// the catalog key of what is wrong.
#[derive(Debug, Clone)]
pub struct Problem {
    pub row: u32,
    pub column: Option<String>,
    pub key: &'static str,
    /// The offending text, shown beside the message.
    pub value: String,
}

pub struct NewBuilding {
    pub code: String,
    pub name: String,
    pub floors: i32,
}

pub struct NewUnit {
    pub row: u32,
    /// An existing building's id, or the index of one in `Plan::buildings`.
    pub building: BuildingRef,
    pub number: String,
    pub floor: i32,
    pub area_centi_m2: i32,
    pub use_kind: UnitUse,
    pub status: UnitStatus,
}

#[derive(Debug, Clone, Copy)]
pub enum BuildingRef {
    Existing(i32),
    New(usize),
}

pub struct NewCustomer {
    pub row: u32,
    pub kind: CustomerKind,
    pub name: String,
    pub name_latin: Option<String>,
    pub phones: Vec<String>,
    pub email: Option<String>,
    pub nationality: Option<String>,
    pub language: &'static str,
    pub id_document_kind: Option<IdDocumentKind>,
    pub id_document_number: Option<String>,
    pub notes: String,
}

pub struct NewOccupancy {
    pub row: u32,
    pub customer_id: i32,
    pub unit_id: i32,
    pub role: OccupancyRole,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
}

#[derive(Default)]
pub struct Plan {
    /// Data rows (blank lines not counted).
    pub rows: u32,
    /// Rows already in the database, by their natural key: nothing is written for them.
    pub existing: u32,
    pub problems: Vec<Problem>,
    /// Rows with at least one problem.
    pub bad_rows: u32,
    pub buildings: Vec<NewBuilding>,
    pub units: Vec<NewUnit>,
    pub customers: Vec<NewCustomer>,
    pub occupancies: Vec<NewOccupancy>,
}

impl Plan {
    pub fn good(&self) -> u32 {
        (self.units.len() + self.customers.len() + self.occupancies.len()) as u32
    }
}

/// A customer's natural key: the ID document number, else the name and the first phone's digits.
pub fn customer_key(name: &str, phones: &[String], id_number: Option<&str>) -> String {
    match id_number {
        Some(n) if !n.is_empty() => format!("id:{}", n.to_uppercase().replace(' ', "")),
        _ => format!("np:{}|{}", name.trim(), phones.first().map(|p| validate::digits(p)).unwrap_or_default()),
    }
}

/// The buildings as a label names them: code, name, name without its 座/栋 word, ordinal.
struct Buildings {
    by_word: HashMap<String, i32>,
    /// Ids in code order: "1号楼" is the first.
    ordered: Vec<i32>,
}

impl Buildings {
    async fn load(db: &impl ConnectionTrait) -> Result<Self> {
        let all = building::Entity::find().order_by_asc(building::Column::Code).all(db).await?;
        let mut by_word = HashMap::new();
        for b in &all {
            let name = values::narrow(&b.name).to_uppercase();
            by_word.insert(values::narrow(&b.code).to_uppercase(), b.id);
            if let Some(l) = values::unit_label(&format!("{name} 1")) {
                by_word.entry(l.building).or_insert(b.id);
            }
            by_word.entry(name).or_insert(b.id);
        }
        Ok(Self { by_word, ordered: all.iter().map(|b| b.id).collect() })
    }

    fn find(&self, label: &UnitLabel) -> Option<i32> {
        if label.building.is_empty() {
            return (self.ordered.len() == 1).then(|| self.ordered[0]);
        }
        if !label.ordinal
            && let Some(id) = self.by_word.get(&label.building)
        {
            return Some(*id);
        }
        if label.building.chars().all(|c| c.is_ascii_digit()) {
            let n: usize = label.building.parse().ok()?;
            return self.by_word.get(&label.building).copied().or_else(|| self.ordered.get(n.checked_sub(1)?).copied());
        }
        self.by_word.get(&label.building).copied()
    }
}

/// Units by (building id, number without leading zeros).
async fn unit_index(db: &impl ConnectionTrait) -> Result<HashMap<(i32, String), i32>> {
    let rows: Vec<(i32, i32, String)> = unit::Entity::find()
        .select_only()
        .column(unit::Column::Id)
        .column(unit::Column::BuildingId)
        .column(unit::Column::Number)
        .into_tuple()
        .all(db)
        .await?;
    Ok(rows.into_iter().map(|(id, b, n)| ((b, values::number_key(&n)), id)).collect())
}

/// Existing customers by natural key (both keys when they have an ID number).
async fn customer_index(db: &impl ConnectionTrait) -> Result<HashMap<String, i32>> {
    let rows: Vec<(i32, String, String, Option<String>)> = customer::Entity::find()
        .select_only()
        .column(customer::Column::Id)
        .column(customer::Column::Name)
        .column(customer::Column::Phones)
        .column(customer::Column::IdDocumentNumber)
        .into_tuple()
        .all(db)
        .await?;
    let mut index = HashMap::with_capacity(rows.len() * 2);
    for (id, name, phones, number) in rows {
        let phones: Vec<String> = serde_json::from_str(&phones).unwrap_or_default();
        if number.is_some() {
            index.insert(customer_key(&name, &phones, number.as_deref()), id);
        }
        index.insert(customer_key(&name, &phones, None), id);
    }
    Ok(index)
}

/// One row's cells by field, and its problems as they are found.
struct Row<'a> {
    number: u32,
    cells: &'a [String],
    mapping: &'a [Option<String>],
    columns: &'a [String],
    problems: Vec<Problem>,
}

impl<'a> Row<'a> {
    /// The first non-empty cell mapped to `field` (several phone columns are joined).
    fn get(&self, field: &str) -> &'a str {
        self.mapping
            .iter()
            .enumerate()
            .filter(|(_, f)| f.as_deref() == Some(field))
            .filter_map(|(i, _)| self.cells.get(i).map(String::as_str))
            .find(|c| !c.is_empty())
            .unwrap_or("")
    }

    fn all(&self, field: &str) -> String {
        self.mapping
            .iter()
            .enumerate()
            .filter(|(_, f)| f.as_deref() == Some(field))
            .filter_map(|(i, _)| self.cells.get(i).map(String::as_str))
            .filter(|c| !c.is_empty())
            .collect::<Vec<_>>()
            .join(";")
    }

    fn problem(&mut self, field: &str, key: &'static str, value: &str) {
        let column =
            self.mapping.iter().position(|f| f.as_deref() == Some(field)).and_then(|i| self.columns.get(i).cloned());
        self.problems.push(Problem { row: self.number, column, key, value: value.chars().take(100).collect() });
    }

    /// Text of at most `max` characters, `None` when empty.
    fn text(&mut self, field: &str, max: usize, required: bool) -> Option<String> {
        let v = self.get(field);
        match validate::text(v, max, required) {
            Ok(t) => t,
            Err(k) => {
                let key = if k == validate::REQUIRED { "import.error.required" } else { "import.error.invalid" };
                self.problem(field, key, v);
                None
            }
        }
    }

    fn date(&mut self, field: &str, required: bool) -> Option<NaiveDate> {
        let v = self.get(field);
        if v.is_empty() {
            if required {
                self.problem(field, "import.error.required", v);
            }
            return None;
        }
        let d = values::date(v);
        if d.is_none() {
            self.problem(field, "import.error.invalid_date", v);
        }
        d
    }

    fn phones(&mut self) -> Vec<String> {
        let cell = self.all("phone");
        match values::phones(&cell) {
            Ok(p) if p.len() <= 5 => p,
            Ok(_) => {
                self.problem("phone", "import.error.bad_phone", &cell);
                Vec::new()
            }
            Err(bad) => {
                self.problem("phone", "import.error.bad_phone", &bad);
                Vec::new()
            }
        }
    }

    /// A vocabulary value from its code or its name in any catalog language.
    fn choice<T: Copy>(&mut self, field: &str, options: &[(&[&str], T)], default: T) -> T {
        let v = values::narrow(self.get(field)).to_lowercase();
        if v.is_empty() {
            return default;
        }
        match options.iter().find(|(words, _)| words.contains(&v.as_str())) {
            Some((_, t)) => *t,
            None => {
                let raw = self.get(field);
                self.problem(field, "import.error.invalid", raw);
                default
            }
        }
    }

    fn unit_label(&mut self) -> Option<UnitLabel> {
        let (b, u) = (self.get("building"), self.get("unit"));
        if u.is_empty() {
            self.problem("unit", "import.error.required", u);
            return None;
        }
        let text = if b.is_empty() { u.to_owned() } else { format!("{b} {u}") };
        let label = values::unit_label(&text);
        if label.is_none() {
            self.problem("unit", "import.error.unknown_unit", &text);
        }
        label
    }
}

const USES: &[(&[&str], UnitUse)] = &[
    (&["residential", "住宅", "居住", "住居", "주거"], UnitUse::Residential),
    (&["office", "办公", "办公室", "写字楼", "事務所", "オフィス", "사무실"], UnitUse::Office),
    (&["shop", "商铺", "商业", "店铺", "店舗", "상가"], UnitUse::Shop),
];
const STATUSES: &[(&[&str], UnitStatus)] = &[
    (&["vacant", "空置", "空室", "공실"], UnitStatus::Vacant),
    (&["occupied", "已入住", "入住", "入居中", "입주"], UnitStatus::Occupied),
    (&["for_rent", "待租", "出租", "募集中", "임대"], UnitStatus::ForRent),
    (&["renovating", "装修", "装修中", "改装中", "공사중"], UnitStatus::Renovating),
];
const CUSTOMER_KINDS: &[(&[&str], CustomerKind)] = &[
    (&["person", "个人", "個人", "개인"], CustomerKind::Person),
    (&["company", "公司", "企业", "单位", "法人", "会社", "회사"], CustomerKind::Company),
];
const ID_KINDS: &[(&[&str], IdDocumentKind)] = &[
    (&["resident_id", "身份证", "居民身份证", "id", "在留カード", "주민등록증"], IdDocumentKind::ResidentId),
    (&["passport", "护照", "護照", "パスポート", "여권"], IdDocumentKind::Passport),
    (&["business_license", "营业执照", "営業許可", "사업자등록증"], IdDocumentKind::BusinessLicense),
    (&["other", "其他", "その他", "기타"], IdDocumentKind::Other),
];
const ROLES: &[(&[&str], OccupancyRole)] = &[
    (&["owner", "业主", "产权人", "オーナー", "所有者", "소유자", "집주인"], OccupancyRole::Owner),
    (&["tenant", "租户", "租客", "賃借人", "入居者", "세입자"], OccupancyRole::Tenant),
    (&["occupant", "住户", "居住人", "家属", "同居人", "거주자"], OccupancyRole::Occupant),
];

/// Checks every row of `table` mapped by `mapping` against the database.
pub async fn plan(
    db: &impl ConnectionTrait,
    kind: ImportKind,
    table: &Table,
    mapping: &[Option<String>],
) -> Result<Plan> {
    let mut plan = Plan::default();
    match kind {
        ImportKind::Units => plan_units(db, table, mapping, &mut plan).await?,
        ImportKind::Customers => plan_customers(db, table, mapping, &mut plan).await?,
        ImportKind::Occupancies => plan_occupancies(db, table, mapping, &mut plan).await?,
    }
    Ok(plan)
}

/// The data rows with their file row numbers, blank ones left out.
fn rows<'a>(table: &'a Table, mapping: &'a [Option<String>], plan: &mut Plan) -> impl Iterator<Item = Row<'a>> + 'a {
    plan.rows = table.rows.iter().filter(|r| r.iter().any(|c| !c.is_empty())).count() as u32;
    table.rows.iter().enumerate().filter(|(_, r)| r.iter().any(|c| !c.is_empty())).map(move |(i, cells)| Row {
        number: i as u32 + 2,
        cells,
        mapping,
        columns: &table.columns,
        problems: Vec::new(),
    })
}

fn finish(plan: &mut Plan, row: Row) -> bool {
    if row.problems.is_empty() {
        return true;
    }
    plan.bad_rows += 1;
    plan.problems.extend(row.problems);
    false
}

async fn plan_units(
    db: &impl ConnectionTrait,
    table: &Table,
    mapping: &[Option<String>],
    plan: &mut Plan,
) -> Result<()> {
    let buildings = Buildings::load(db).await?;
    let units = unit_index(db).await?;
    let mut new_buildings: HashMap<String, usize> = HashMap::new();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for mut row in rows(table, mapping, plan) {
        let label = row.unit_label();
        let floor_cell = values::narrow(row.get("floor"));
        let floor: Option<i32> = if floor_cell.is_empty() {
            None
        } else {
            let f = floor_cell.trim_end_matches(['F', 'f', '层', '楼', '階', '층']).parse().ok();
            if f.is_none() {
                row.problem("floor", "import.error.invalid", &floor_cell);
            }
            f
        };
        let area_cell = values::narrow(row.get("area_m2"));
        let area = if area_cell.is_empty() {
            0
        } else {
            validate::area_centi(area_cell.trim_end_matches(['㎡', 'm', '²', '2']).trim()).unwrap_or_else(|| {
                row.problem("area_m2", "import.error.invalid", &area_cell);
                0
            })
        };
        let use_kind = row.choice("use_kind", USES, UnitUse::Residential);
        let status = row.choice("status", STATUSES, UnitStatus::Vacant);
        let Some(label) = label else {
            finish(plan, row);
            continue;
        };
        let number_digits: String = label.number.chars().filter(char::is_ascii_digit).collect();
        let floor = floor.unwrap_or_else(|| {
            number_digits.get(..number_digits.len().saturating_sub(2)).and_then(|f| f.parse().ok()).unwrap_or(1)
        });
        let building = match buildings.find(&label) {
            Some(id) => BuildingRef::Existing(id),
            None if label.building.is_empty() => {
                row.problem("building", "import.error.required", "");
                finish(plan, row);
                continue;
            }
            None => {
                let next = plan.buildings.len();
                let i = *new_buildings.entry(label.building.clone()).or_insert(next);
                if i == next {
                    let raw = row.get("building");
                    let name = if raw.is_empty() { label.building.clone() } else { raw.to_owned() };
                    plan.buildings.push(NewBuilding { code: label.building.clone(), name, floors: 1 });
                }
                BuildingRef::New(i)
            }
        };
        let key = (
            match building {
                BuildingRef::Existing(id) => format!("e{id}"),
                BuildingRef::New(i) => format!("n{i}"),
            },
            values::number_key(&label.number),
        );
        if !seen.insert(key.clone()) {
            let v = row.get("unit");
            row.problem("unit", "import.error.duplicate", v);
        }
        let number = row.number;
        if !finish(plan, row) {
            continue;
        }
        if let BuildingRef::Existing(id) = building
            && units.contains_key(&(id, key.1.clone()))
        {
            plan.existing += 1;
            continue;
        }
        if let BuildingRef::New(i) = building {
            plan.buildings[i].floors = plan.buildings[i].floors.max(floor);
        }
        out.push(NewUnit { row: number, building, number: label.number, floor, area_centi_m2: area, use_kind, status });
    }
    plan.units = out;
    Ok(())
}

async fn plan_customers(
    db: &impl ConnectionTrait,
    table: &Table,
    mapping: &[Option<String>],
    plan: &mut Plan,
) -> Result<()> {
    let existing = customer_index(db).await?;
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for mut row in rows(table, mapping, plan) {
        let name = row.text("name", 200, true);
        let name_latin = row.text("name_latin", 200, false);
        let kind = row.choice("kind", CUSTOMER_KINDS, CustomerKind::Person);
        let phones = row.phones();
        let email = row.text("email", 200, false);
        if let Some(e) = &email
            && !validate::email(e)
        {
            row.problem("email", "import.error.invalid", e);
        }
        let nationality = row.text("nationality", 2, false).map(|n| values::narrow(&n).to_uppercase());
        if let Some(n) = &nationality
            && !validate::nationality(n)
        {
            row.problem("nationality", "import.error.invalid", n);
        }
        let language_cell = row.get("language");
        let language = if language_cell.is_empty() {
            "zh-CN"
        } else {
            values::language(language_cell).unwrap_or_else(|| {
                row.problem("language", "import.error.unsupported_language", language_cell);
                "zh-CN"
            })
        };
        let id_number =
            row.text("id_document_number", 64, false).map(|n| values::narrow(&n).to_uppercase().replace(' ', ""));
        let id_kind_cell = row.get("id_document_kind");
        let id_kind = if id_kind_cell.is_empty() && id_number.is_none() {
            None
        } else if id_kind_cell.is_empty() {
            Some(IdDocumentKind::ResidentId)
        } else {
            Some(row.choice("id_document_kind", ID_KINDS, IdDocumentKind::Other))
        };
        let notes = row.text("notes", 4000, false).unwrap_or_default();
        let Some(name) = name else {
            finish(plan, row);
            continue;
        };
        // Known by its ID number, or by name and first phone (a row with an ID number but
        // no phone is not matched by its name alone).
        let mut keys = vec![customer_key(&name, &phones, id_number.as_deref())];
        if id_number.is_some() && !phones.is_empty() {
            keys.push(customer_key(&name, &phones, None));
        }
        if keys.iter().any(|k| seen.contains(k)) {
            let v = id_number.clone().unwrap_or_else(|| name.clone());
            row.problem(if id_number.is_some() { "id_document_number" } else { "name" }, "import.error.duplicate", &v);
        }
        seen.extend(keys.iter().cloned());
        let number = row.number;
        if !finish(plan, row) {
            continue;
        }
        let known = keys.iter().any(|k| existing.contains_key(k));
        if known {
            plan.existing += 1;
            continue;
        }
        out.push(NewCustomer {
            row: number,
            kind,
            name,
            name_latin,
            phones,
            email,
            nationality,
            language,
            id_document_kind: id_kind,
            id_document_number: id_number,
            notes,
        });
    }
    plan.customers = out;
    Ok(())
}

async fn plan_occupancies(
    db: &impl ConnectionTrait,
    table: &Table,
    mapping: &[Option<String>],
    plan: &mut Plan,
) -> Result<()> {
    let buildings = Buildings::load(db).await?;
    let units = unit_index(db).await?;
    let customers = customer_index(db).await?;
    let current: HashSet<(i32, i32, NaiveDate)> = occupancy::Entity::find()
        .select_only()
        .column(occupancy::Column::CustomerId)
        .column(occupancy::Column::UnitId)
        .column(occupancy::Column::StartDate)
        .into_tuple()
        .all(db)
        .await?
        .into_iter()
        .collect();
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for mut row in rows(table, mapping, plan) {
        let unit_id = row.unit_label().and_then(|l| {
            let id = buildings.find(&l).and_then(|b| units.get(&(b, values::number_key(&l.number))).copied());
            if id.is_none() {
                let text = [row.get("building"), row.get("unit")].join(" ");
                row.problem("unit", "import.error.unknown_unit", text.trim());
            }
            id
        });
        let name = row.get("name").trim().to_owned();
        let phones = row.phones();
        let id_number = values::narrow(row.get("id_document_number")).to_uppercase().replace(' ', "");
        let customer_id = if id_number.is_empty() && name.is_empty() {
            row.problem("name", "import.error.required", "");
            None
        } else {
            let by_id = (!id_number.is_empty()).then(|| customers.get(&customer_key(&name, &phones, Some(&id_number))));
            let found = by_id.flatten().or_else(|| customers.get(&customer_key(&name, &phones, None))).copied();
            if found.is_none() {
                let v = if id_number.is_empty() { name.clone() } else { id_number.clone() };
                row.problem(
                    if id_number.is_empty() { "name" } else { "id_document_number" },
                    "import.error.unknown_customer",
                    &v,
                );
            }
            found
        };
        let role = row.choice("role", ROLES, OccupancyRole::Owner);
        let start = row.date("start_date", true);
        let end = row.date("end_date", false);
        if let (Some(s), Some(e)) = (start, end)
            && e < s
        {
            let v = row.get("end_date");
            row.problem("end_date", "import.error.invalid_date", v);
        }
        let (Some(customer_id), Some(unit_id), Some(start)) = (customer_id, unit_id, start) else {
            finish(plan, row);
            continue;
        };
        if !seen.insert((customer_id, unit_id, start)) {
            let v = row.get("unit");
            row.problem("unit", "import.error.duplicate", v);
        }
        let number = row.number;
        if !finish(plan, row) {
            continue;
        }
        if current.contains(&(customer_id, unit_id, start)) {
            plan.existing += 1;
            continue;
        }
        out.push(NewOccupancy { row: number, customer_id, unit_id, role, start, end });
    }
    plan.occupancies = out;
    Ok(())
}
