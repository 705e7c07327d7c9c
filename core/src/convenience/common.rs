//! What the three parts share: names for rows, checks of the unit and customer a record
//! names, and its change history.

use std::collections::HashMap;

use sea_orm::{ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, QuerySelect};

use crate::desk::common::staff_names;
use crate::directory::customers::ChangeEntry;
use crate::directory::occupancy::unit_labels;
use crate::domain::{HistoryEntity, validate};
use crate::entities::{change_log, customer, unit};
use crate::error::{Problems, Result};

/// Labels of the units, customers and staff a page of rows names.
#[derive(Default)]
pub struct Names {
    pub units: HashMap<i32, String>,
    pub customers: HashMap<i32, String>,
    pub staff: HashMap<i32, String>,
}

impl Names {
    pub async fn of(
        db: &impl ConnectionTrait,
        unit_ids: Vec<i32>,
        customer_ids: Vec<i32>,
        staff_ids: Vec<i32>,
    ) -> Result<Names> {
        let units = if unit_ids.is_empty() { HashMap::new() } else { unit_labels(db, unit_ids).await? };
        let customers = if customer_ids.is_empty() {
            HashMap::new()
        } else {
            customer::Entity::find()
                .select_only()
                .column(customer::Column::Id)
                .column(customer::Column::Name)
                .filter(customer::Column::Id.is_in(customer_ids))
                .into_tuple::<(i32, String)>()
                .all(db)
                .await?
                .into_iter()
                .collect()
        };
        let staff = staff_names(db, staff_ids).await?;
        Ok(Names { units, customers, staff })
    }

    pub fn unit(&self, id: Option<i32>) -> Option<String> {
        id.and_then(|i| self.units.get(&i).cloned())
    }

    pub fn customer(&self, id: Option<i32>) -> Option<String> {
        id.and_then(|i| self.customers.get(&i).cloned())
    }

    pub fn staff(&self, id: Option<i32>) -> Option<String> {
        id.and_then(|i| self.staff.get(&i).cloned())
    }
}

/// A text field: trimmed, at most `max` characters, required or not; problems under `field`.
pub fn text(p: &mut Problems, field: &str, value: &str, max: usize, required: bool) -> String {
    match validate::text(value, max, required) {
        Ok(v) => v.unwrap_or_default(),
        Err(k) => {
            p.add(field, k);
            String::new()
        }
    }
}

/// The unit and customer a record names must exist (`validation.not_found` otherwise).
pub async fn check_refs(
    db: &impl ConnectionTrait,
    p: &mut Problems,
    unit_id: Option<i32>,
    customer_id: Option<i32>,
) -> Result<()> {
    if let Some(id) = unit_id {
        p.check(unit::Entity::find_by_id(id).count(db).await? > 0, "unit_id", "validation.not_found");
    }
    if let Some(id) = customer_id {
        p.check(customer::Entity::find_by_id(id).count(db).await? > 0, "customer_id", "validation.not_found");
    }
    Ok(())
}

/// The record's change history, newest first.
pub async fn history_of(db: &impl ConnectionTrait, entity: HistoryEntity, id: i32) -> Result<Vec<ChangeEntry>> {
    let entries = change_log::Entity::find()
        .filter(change_log::Column::Entity.eq(entity.as_str()))
        .filter(change_log::Column::EntityId.eq(id))
        .order_by_desc(change_log::Column::Id)
        .limit(100)
        .all(db)
        .await?;
    let names = staff_names(db, entries.iter().filter_map(|e| e.staff_id).collect::<Vec<_>>()).await?;
    Ok(entries
        .into_iter()
        .map(|e| ChangeEntry {
            staff_name: e.staff_id.and_then(|s| names.get(&s).cloned()).unwrap_or_default(),
            changes: serde_json::from_str(&e.changes).unwrap_or_default(),
            id: e.id,
            at: e.at.to_rfc3339(),
            action: e.action,
            entity,
        })
        .collect())
}
