//! The IPC surface: every command's name with its input and output types. The shell
//! registers one Tauri command per entry; `bindings()` writes the TypeScript the UI uses.

use ts_rs::{Config, TS};

use crate::app::Session;
use crate::domain::*;
use crate::error::{ApiError, ErrorCode};
use crate::history::FieldChange;
use crate::ops::Page;
use crate::ops::app::{AppStatus, LocaleInfo, SetupInput};
use crate::ops::audit::{AuditQuery, AuditRow};
use crate::ops::auth::{ChangeMyPassword, LoginInput, LoginResult, Me, SetMyLocale};
use crate::ops::customers::{
    ChangeEntry, CustomerDetail, CustomerGet, CustomerInput, CustomerQuery, CustomerRevealId, CustomerRow,
    CustomerUpdate, RevealedId,
};
use crate::ops::occupancy::{OccupancyAdd, OccupancyEnd, OccupancyRow};
use crate::ops::settings::{DatabaseSettings, DatabaseSettingsSave};
use crate::ops::staff::{StaffInput, StaffQuery, StaffRow, StaffSetPassword, StaffUpdate};
use crate::ops::units::{Building, UnitDetail, UnitGet, UnitQuery, UnitRow, UnitUpdate};

macro_rules! commands {
    ($($name:ident: $input:ty => $output:ty),* $(,)?) => {
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        fn signatures(cfg: &Config) -> Vec<(&'static str, String, String)> {
            vec![$((stringify!($name), <$input as TS>::name(cfg), <$output as TS>::name(cfg))),*]
        }
    };
}

commands! {
    app_status: () => AppStatus,
    setup_first_manager: SetupInput => LoginResult,
    login: LoginInput => LoginResult,
    logout: () => (),
    me: () => Me,
    set_my_locale: SetMyLocale => Me,
    change_my_password: ChangeMyPassword => (),
    building_list: () => Vec<Building>,
    unit_list: UnitQuery => Page<UnitRow>,
    unit_get: UnitGet => UnitDetail,
    unit_update: UnitUpdate => UnitDetail,
    customer_list: CustomerQuery => Page<CustomerRow>,
    customer_get: CustomerGet => CustomerDetail,
    customer_create: CustomerInput => CustomerDetail,
    customer_update: CustomerUpdate => CustomerDetail,
    customer_reveal_id: CustomerRevealId => RevealedId,
    occupancy_add: OccupancyAdd => CustomerDetail,
    occupancy_end: OccupancyEnd => CustomerDetail,
    staff_list: StaffQuery => Page<StaffRow>,
    staff_create: StaffInput => StaffRow,
    staff_update: StaffUpdate => StaffRow,
    staff_set_password: StaffSetPassword => (),
    audit_list: AuditQuery => Page<AuditRow>,
    database_settings_get: () => DatabaseSettings,
    database_settings_save: DatabaseSettingsSave => DatabaseSettings,
}

/// The whole of `ui/src/lib/backend/bindings.ts`.
pub fn bindings() -> String {
    let cfg = Config::default();
    let decls = [
        Session::decl(&cfg),
        ErrorCode::decl(&cfg),
        ApiError::decl(&cfg),
        Page::<()>::decl(&cfg),
        Role::decl(&cfg),
        Department::decl(&cfg),
        Permission::decl(&cfg),
        UnitUse::decl(&cfg),
        UnitStatus::decl(&cfg),
        CustomerKind::decl(&cfg),
        OccupancyRole::decl(&cfg),
        IdDocumentKind::decl(&cfg),
        AuditEvent::decl(&cfg),
        ChangeAction::decl(&cfg),
        DatabaseKind::decl(&cfg),
        LocaleInfo::decl(&cfg),
        AppStatus::decl(&cfg),
        SetupInput::decl(&cfg),
        LoginInput::decl(&cfg),
        LoginResult::decl(&cfg),
        Me::decl(&cfg),
        SetMyLocale::decl(&cfg),
        ChangeMyPassword::decl(&cfg),
        Building::decl(&cfg),
        UnitQuery::decl(&cfg),
        UnitRow::decl(&cfg),
        UnitGet::decl(&cfg),
        UnitDetail::decl(&cfg),
        UnitUpdate::decl(&cfg),
        CustomerQuery::decl(&cfg),
        CustomerRow::decl(&cfg),
        CustomerGet::decl(&cfg),
        CustomerDetail::decl(&cfg),
        OccupancyRow::decl(&cfg),
        ChangeEntry::decl(&cfg),
        FieldChange::decl(&cfg),
        CustomerInput::decl(&cfg),
        CustomerUpdate::decl(&cfg),
        CustomerRevealId::decl(&cfg),
        RevealedId::decl(&cfg),
        OccupancyAdd::decl(&cfg),
        OccupancyEnd::decl(&cfg),
        StaffQuery::decl(&cfg),
        StaffRow::decl(&cfg),
        StaffInput::decl(&cfg),
        StaffUpdate::decl(&cfg),
        StaffSetPassword::decl(&cfg),
        AuditQuery::decl(&cfg),
        AuditRow::decl(&cfg),
        DatabaseSettings::decl(&cfg),
        DatabaseSettingsSave::decl(&cfg),
    ];
    let mut out = String::from(
        "// Generated from the Rust types by `cargo xtask gen`; do not edit.\n\
         // A test fails when this file is stale.\n\n",
    );
    for d in decls {
        out.push_str("export ");
        out.push_str(d.trim_end());
        out.push_str("\n\n");
    }
    out.push_str("export interface Commands {\n");
    for (name, input, output) in signatures(&cfg) {
        out.push_str(&format!("  {name}: {{ input: {input}; output: {output} }};\n"));
    }
    out.push_str("}\n");
    out
}
