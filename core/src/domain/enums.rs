use super::contacts::*;
use super::convenience::*;
use super::desk::*;
use super::leasing::*;
use super::menus::*;
use super::notices::*;
use sea_orm::entity::prelude::*;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// A closed list of values stored as checked strings; the UI gets every one in its bindings.
pub trait Vocabulary {
    /// The name in the catalog (`enum.<NAME>.<value>`) and in the UI's `VOCABULARIES`.
    const NAME: &'static str;
    const ALL: &'static [&'static str];
}

macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident = $key:literal { $($variant:ident = $s:literal),+ $(,)? }) => {
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

        impl Vocabulary for $name {
            const NAME: &'static str = $key;
            const ALL: &'static [&'static str] = &[$($s),+];
        }
    };
}

vocabulary!(
    /// What a staff member may do is decided by role (and, for department staff, department).
    Role = "role" { Manager = "manager", Desk = "desk", Department = "department", Leasing = "leasing" }
);
vocabulary!(Department = "department" {
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
vocabulary!(UnitUse = "unit_use" { Residential = "residential", Office = "office", Shop = "shop" });
vocabulary!(UnitStatus = "unit_status" { Vacant = "vacant", Occupied = "occupied", ForRent = "for_rent", Renovating = "renovating" });
vocabulary!(CustomerKind = "customer_kind" { Person = "person", Company = "company" });
vocabulary!(OccupancyRole = "occupancy_role" { Owner = "owner", Tenant = "tenant", Occupant = "occupant" });
vocabulary!(IdDocumentKind = "id_document_kind" {
    ResidentId = "resident_id",
    Passport = "passport",
    BusinessLicense = "business_license",
    Other = "other",
});
vocabulary!(AuditEvent = "audit_event" {
    LoginOk = "login_ok",
    LoginFailed = "login_failed",
    Logout = "logout",
    Refused = "refused",
    IdRevealed = "id_revealed",
    Setup = "setup",
    StaffDeactivated = "staff_deactivated",
    PasswordSet = "password_set",
    SessionLocked = "session_locked",
    SessionUnlocked = "session_unlocked",
    SessionLimitsChanged = "session_limits_changed",
    ConnectionChanged = "connection_changed",
    StaffCreated = "staff_created",
    RoleChanged = "role_changed",
    DepartmentChanged = "department_changed",
    StaffReactivated = "staff_reactivated",
    PasswordReset = "password_reset",
    AccountLocked = "account_locked",
    AccountUnlocked = "account_unlocked",
    BackupRestored = "backup_restored",
});
vocabulary!(ChangeAction = "change_action" { Create = "create", Update = "update", Delete = "delete" });
vocabulary!(DatabaseKind = "database_kind" { Sqlite = "sqlite", Postgres = "postgres" });
vocabulary!(ImportKind = "import_kind" { Units = "units", Customers = "customers", Occupancies = "occupancies" });

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

vocabulary!(
    /// Whose record a change-history entry is about; the UI translates `history.<entity>.<field>`.
    HistoryEntity = "history_entity" {
        Customer = "customer",
        Occupancy = "occupancy",
        Unit = "unit",
        Supplier = "supplier",
        CatalogService = "catalog_service",
        Package = "package",
        MailItem = "mail_item",
        StorageItem = "storage_item",
        LendItem = "lend_item",
        Loan = "loan",
        Listing = "listing",
        Agency = "agency",
        Prospect = "prospect",
        Referral = "referral",
        Notice = "notice",
        KbAnswer = "kb_answer",
    }
);

/// Every vocabulary, by name: the one registry the bindings and the catalog test read.
pub const VOCABULARIES: &[(&str, &[&str])] = &[
    (Role::NAME, Role::ALL),
    (Department::NAME, Department::ALL),
    (UnitUse::NAME, UnitUse::ALL),
    (UnitStatus::NAME, UnitStatus::ALL),
    (CustomerKind::NAME, CustomerKind::ALL),
    (OccupancyRole::NAME, OccupancyRole::ALL),
    (IdDocumentKind::NAME, IdDocumentKind::ALL),
    (AuditEvent::NAME, AuditEvent::ALL),
    (ChangeAction::NAME, ChangeAction::ALL),
    (DatabaseKind::NAME, DatabaseKind::ALL),
    (HistoryEntity::NAME, HistoryEntity::ALL),
    (CaseKind::NAME, CaseKind::ALL),
    (Channel::NAME, Channel::ALL),
    (Priority::NAME, Priority::ALL),
    (CaseStatus::NAME, CaseStatus::ALL),
    (WorkOrderStatus::NAME, WorkOrderStatus::ALL),
    (ChargeKind::NAME, ChargeKind::ALL),
    (CaseEventKind::NAME, CaseEventKind::ALL),
    (FollowUpStatus::NAME, FollowUpStatus::ALL),
    (AttemptOutcome::NAME, AttemptOutcome::ALL),
    (AlertKind::NAME, AlertKind::ALL),
    (EscalationTier::NAME, EscalationTier::ALL),
    (LanguageLevel::NAME, LanguageLevel::ALL),
    (ConsultationTopic::NAME, ConsultationTopic::ALL),
    (ServiceUnit::NAME, ServiceUnit::ALL),
    (VisitStatus::NAME, VisitStatus::ALL),
    (LineKind::NAME, LineKind::ALL),
    (NoteKind::NAME, NoteKind::ALL),
    (PaymentMethod::NAME, PaymentMethod::ALL),
    (MailKind::NAME, MailKind::ALL),
    (MailStatus::NAME, MailStatus::ALL),
    (StorageStatus::NAME, StorageStatus::ALL),
    (LendKind::NAME, LendKind::ALL),
    (LoanStatus::NAME, LoanStatus::ALL),
    (ListingStatus::NAME, ListingStatus::ALL),
    (CommissionKind::NAME, CommissionKind::ALL),
    (ProspectSource::NAME, ProspectSource::ALL),
    (ReferralStage::NAME, ReferralStage::ALL),
    (ViewingStatus::NAME, ViewingStatus::ALL),
    (ListingFeature::NAME, ListingFeature::ALL),
    (MatchReason::NAME, MatchReason::ALL),
    (LeasingReminderKind::NAME, LeasingReminderKind::ALL),
    (ContactKind::NAME, ContactKind::ALL),
    (ContactDirection::NAME, ContactDirection::ALL),
    (ConfirmationSubject::NAME, ConfirmationSubject::ALL),
    (ContactChannel::NAME, ContactChannel::ALL),
    (NoticeKind::NAME, NoticeKind::ALL),
    (NoticeStatus::NAME, NoticeStatus::ALL),
    (NoticeAudience::NAME, NoticeAudience::ALL),
    (ImportKind::NAME, ImportKind::ALL),
];

/// Languages a customer may prefer. The UI languages come from the catalog files;
/// customers may prefer languages the UI does not ship.
pub const CUSTOMER_LANGUAGES: &[&str] = &["zh-CN", "en", "ja", "ko"];
