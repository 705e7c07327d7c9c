use serde::{Deserialize, Serialize};
use ts_rs::TS;

use super::Role;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum Permission {
    CustomerRead,
    CustomerWrite,
    CustomerRevealId,
    UnitRead,
    UnitWrite,
    StaffRead,
    StaffManage,
    SettingsManage,
    AuditRead,
}

impl Permission {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::CustomerRead => "customer_read",
            Self::CustomerWrite => "customer_write",
            Self::CustomerRevealId => "customer_reveal_id",
            Self::UnitRead => "unit_read",
            Self::UnitWrite => "unit_write",
            Self::StaffRead => "staff_read",
            Self::StaffManage => "staff_manage",
            Self::SettingsManage => "settings_manage",
            Self::AuditRead => "audit_read",
        }
    }
}

/// The one table of who may do what.
pub fn granted(role: Role) -> &'static [Permission] {
    use Permission::*;
    match role {
        Role::Manager => &[
            CustomerRead,
            CustomerWrite,
            CustomerRevealId,
            UnitRead,
            UnitWrite,
            StaffRead,
            StaffManage,
            SettingsManage,
            AuditRead,
        ],
        // The desk registers customers and needs the ID to do so. Staff management is the manager's.
        Role::Desk => &[CustomerRead, CustomerWrite, CustomerRevealId, UnitRead],
        Role::Department => &[CustomerRead, UnitRead],
        Role::Leasing => &[CustomerRead, CustomerWrite, UnitRead, UnitWrite],
    }
}

pub fn allows(role: Role, permission: Permission) -> bool {
    granted(role).contains(&permission)
}
