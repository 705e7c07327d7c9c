//! The one row-version check every edit goes through: an edit names the version it was
//! made from, and is saved only if nobody saved the row since.

use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, QueryFilter};

use crate::entities::{agency, commission, kb_answer, listing, notice, prospect, referral, viewing};
use crate::entities::{
    building, catalog_service, customer, due_target, follow_up, occupancy, property, service_case, staff,
};
use crate::entities::{lend_item, loan, mail_item, package, statement, storage_item, supplier, unit, work_order};
use crate::error::{Error, Result};

/// An entity whose rows carry an `id` and a `version` bumped on every save.
pub trait Versioned: EntityTrait {
    const ID: Self::Column;
    const VERSION: Self::Column;
}

macro_rules! versioned {
    ($($entity:ident),* $(,)?) => {
        $(impl Versioned for $entity::Entity {
            const ID: Self::Column = $entity::Column::Id;
            const VERSION: Self::Column = $entity::Column::Version;
        })*
    };
}

versioned!(
    building,
    catalog_service,
    customer,
    due_target,
    follow_up,
    lend_item,
    loan,
    mail_item,
    occupancy,
    package,
    property,
    service_case,
    staff,
    statement,
    storage_item,
    supplier,
    unit,
    work_order
);
versioned!(agency, commission, listing, prospect, referral, viewing);
versioned!(notice);
versioned!(kb_answer);

/// Saves the set fields of `changes` to row `id` if it is still at `version`, bumps the
/// version and returns the saved row. Someone else's save in between is `conflict`; a row
/// that is gone is `not_found`. `changes`' own id and version are ignored.
pub async fn update<E: Versioned>(
    db: &impl ConnectionTrait,
    id: i32,
    version: i32,
    mut changes: E::ActiveModel,
) -> Result<E::Model> {
    changes.not_set(E::ID);
    changes.not_set(E::VERSION);
    let res = E::update_many()
        .set(changes)
        .col_expr(E::VERSION, Expr::col(E::VERSION).add(1))
        .filter(E::ID.eq(id))
        .filter(E::VERSION.eq(version))
        .exec(db)
        .await?;
    if res.rows_affected != 1 {
        return Err(stale_or_missing::<E>(db, id).await?);
    }
    E::find().filter(E::ID.eq(id)).one(db).await?.ok_or(Error::NotFound)
}

/// An edit that matched no row at its version: the row is gone, or someone saved first.
pub async fn stale_or_missing<E: Versioned>(db: &impl ConnectionTrait, id: i32) -> Result<Error> {
    let exists = E::find().filter(E::ID.eq(id)).one(db).await?.is_some();
    Ok(if exists { Error::Conflict } else { Error::NotFound })
}
