//! The bulk insert (`db::insert_all`) writes exactly what it is given: text with the
//! characters its PostgreSQL array form escapes, nulls, and every value type in use.

use crate::common::ctx;
use chrono::{TimeZone, Utc};
use steward_core::domain::{CustomerKind, IdDocumentKind};
use steward_core::entities::customer;
use steward_core::sea_orm::{ActiveModelTrait, EntityTrait, QueryOrder};

#[tokio::test]
async fn bulk_insert_keeps_text_nulls_and_types() {
    let c = ctx().await;
    let at = Utc.with_ymd_and_hms(2026, 11, 28, 6, 30, 15).single().expect("valid time")
        + chrono::Duration::microseconds(123_456);
    let names = [
        r#"say "hi" \ back\slash"#,
        "{braces}, commas, NULL",
        "NULL",
        "",
        "多行\n文字\t和 emoji 🏠 한국어 日本語",
        "  spaces  ",
    ];
    let rows: Vec<customer::Model> = names
        .iter()
        .enumerate()
        .map(|(i, name)| customer::Model {
            id: 9000 + i as i32,
            kind: if i % 2 == 0 { CustomerKind::Person } else { CustomerKind::Company },
            name: (*name).to_owned(),
            name_latin: (i % 2 == 0).then(|| format!("Latin \"{i}\"")),
            sort_key: name.to_lowercase(),
            phones: r#"["+86 138 0000 0000"]"#.to_owned(),
            email: None,
            nationality: Some("CN".into()),
            preferred_language: "zh-CN".into(),
            vip: i % 3 == 0,
            id_document_kind: (i == 1).then_some(IdDocumentKind::Passport),
            id_document_number: None,
            notes: format!("note {i}: a,b {{c}} \"d\""),
            version: 1,
            created_at: at,
            updated_at: at,
        })
        .collect();
    let active: Vec<customer::ActiveModel> =
        rows.iter().cloned().map(|m| customer::ActiveModel::from(m).reset_all()).collect();
    steward_core::db::insert_all(&c.core.db, active).await.expect("bulk insert");
    let back = customer::Entity::find().order_by_asc(customer::Column::Id).all(&c.core.db).await.expect("read back");
    let back: Vec<customer::Model> = back.into_iter().filter(|m| m.id >= 9000).collect();
    assert_eq!(back, rows);
}
