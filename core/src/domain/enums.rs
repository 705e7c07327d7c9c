use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($variant:ident = $s:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, EnumIter, DeriveActiveEnum, Serialize, Deserialize, TS)]
        #[sea_orm(rs_type = "String", db_type = "String(StringLen::None)")]
        pub enum $name {
            $(
                #[sea_orm(string_value = $s)]
                #[serde(rename = $s)]
                $variant,
            )+
        }

        impl $name {
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $s,)+ }
            }
        }
    };
}

vocabulary!(
    /// What a staff member may do is decided by role (and, for department staff, department).
    Role { Manager = "manager", Desk = "desk", Department = "department", Leasing = "leasing" }
);
vocabulary!(Department {
    Management = "management",
    CustomerService = "customer_service",
    Engineering = "engineering",
    Security = "security",
    Cleaning = "cleaning",
    Landscaping = "landscaping",
    PublicAffairs = "public_affairs",
    Quality = "quality",
    Leasing = "leasing",
});
vocabulary!(UnitUse { Residential = "residential", Office = "office", Shop = "shop" });
vocabulary!(UnitStatus { Vacant = "vacant", Occupied = "occupied", ForRent = "for_rent", Renovating = "renovating" });
vocabulary!(CustomerKind { Person = "person", Company = "company" });
vocabulary!(OccupancyRole { Owner = "owner", Tenant = "tenant", Occupant = "occupant" });
vocabulary!(IdDocumentKind {
    ResidentId = "resident_id",
    Passport = "passport",
    BusinessLicense = "business_license",
    Other = "other",
});
vocabulary!(AuditEvent {
    LoginOk = "login_ok",
    LoginFailed = "login_failed",
    Logout = "logout",
    Refused = "refused",
    IdRevealed = "id_revealed",
    Setup = "setup",
    StaffDeactivated = "staff_deactivated",
    PasswordSet = "password_set",
});
vocabulary!(ChangeAction { Create = "create", Update = "update", Delete = "delete" });
vocabulary!(DatabaseKind { Sqlite = "sqlite", Postgres = "postgres" });

impl Department {
    /// Departments whose staff do the work orders (the `department` role).
    pub fn is_operational(self) -> bool {
        matches!(
            self,
            Self::Engineering
                | Self::Security
                | Self::Cleaning
                | Self::Landscaping
                | Self::PublicAffairs
                | Self::Quality
        )
    }

    /// Whether a staff member of `role` may belong to this department.
    pub fn fits(self, role: Role) -> bool {
        match role {
            Role::Manager => matches!(self, Self::Management | Self::Quality),
            Role::Desk => self == Self::CustomerService,
            Role::Department => self.is_operational(),
            Role::Leasing => self == Self::Leasing,
        }
    }
}

/// Languages a customer may prefer. The UI languages come from the catalog files;
/// customers may prefer languages the UI does not ship.
pub const CUSTOMER_LANGUAGES: &[&str] = &["zh-CN", "en", "ja", "ko"];
