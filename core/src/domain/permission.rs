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
