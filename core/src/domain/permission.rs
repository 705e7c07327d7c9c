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
    CaseRead,
    CaseOpen,
    /// Edit, hand over, resolve; the operation narrows it to the owner, the desk and managers.
    CaseEdit,
    WorkOrderDispatch,
    /// Move work orders and add charges; the transition rules narrow it per order.
    WorkOrderWork,
    FollowUpRecord,
    SupplierRead,
    SupplierWrite,
    DeskSettings,
    DeskDashboard,
    DeskEscalate,
    AlertRead,
    AttachmentAdd,
    /// See the service catalog and its prices.
    CatalogRead,
    /// Add and edit catalog services and set their prices.
    CatalogWrite,
    /// See customers' service packages and their visits.
    PackageRead,
    /// Set up, change, pause and stop packages; skip and add visits; run the schedule.
    PackageWrite,
    /// See statements, payments and customers' balances; print and export them.
    StatementRead,
    /// Issue the month's statements, mark them sent, record payments.
    StatementIssue,
    /// Raise credit and debit notes against issued statements.
    StatementCorrect,
    /// See mail waiting at the desk, stored items, the lending inventory and loans.
    ConvenienceRead,
    /// Receive and hand over mail, store and release items, lend and take back, keep the inventory.
    ConvenienceWrite,
    /// See listings, agencies, prospects, referrals, viewings, leases and commissions.
    LeasingRead,
    /// Change leasing records: list units, refer, schedule viewings, sign leases, pay commissions.
    LeasingWrite,
    /// Log a call, visit, letter or message on a customer's timeline; mark a confirmation given.
    ContactRecord,
    /// See notices and their delivery lists; print them.
    NoticeRead,
    /// Write, issue and withdraw notices.
    NoticeWrite,
    /// Record that a notice was delivered to a unit.
    NoticeDeliver,
    /// Write the desk's knowledge base of consultation answers.
    KnowledgeWrite,
    /// Bring in an office's existing lists of units, customers and occupancies from files.
    DirectoryImport,
}

/// The one table of who may do what.
pub fn granted(role: Role) -> &'static [Permission] {
    use Permission::*;
    match role {
        Role::Manager => &[
            DirectoryImport,
            CustomerRead,
            CustomerWrite,
            CustomerRevealId,
            UnitRead,
            UnitWrite,
            StaffRead,
            StaffManage,
            SettingsManage,
            AuditRead,
            CaseRead,
            CaseOpen,
            CaseEdit,
            WorkOrderDispatch,
            WorkOrderWork,
            FollowUpRecord,
            SupplierRead,
            SupplierWrite,
            DeskSettings,
            DeskDashboard,
            DeskEscalate,
            AlertRead,
            AttachmentAdd,
            CatalogRead,
            CatalogWrite,
            PackageRead,
            PackageWrite,
            StatementRead,
            StatementIssue,
            StatementCorrect,
            ConvenienceRead,
            ConvenienceWrite,
            LeasingRead,
            LeasingWrite,
            ContactRecord,
            NoticeRead,
            NoticeWrite,
            NoticeDeliver,
            KnowledgeWrite,
        ],
        // The desk registers customers and needs the ID to do so. Staff management is the manager's.
        Role::Desk => &[
            CustomerRead,
            CustomerWrite,
            CustomerRevealId,
            UnitRead,
            CaseRead,
            CaseOpen,
            CaseEdit,
            WorkOrderDispatch,
            WorkOrderWork,
            FollowUpRecord,
            SupplierRead,
            SupplierWrite,
            DeskEscalate,
            AlertRead,
            AttachmentAdd,
            CatalogRead,
            PackageRead,
            PackageWrite,
            StatementRead,
            StatementIssue,
            ConvenienceRead,
            ConvenienceWrite,
            LeasingRead,
            ContactRecord,
            // The desk prints the manager's notices and records who took them to each door.
            NoticeRead,
            NoticeDeliver,
            KnowledgeWrite,
        ],
        // Anyone may receive a request (staff on patrol too) and so own it, work its
        // orders and call the customer back; the operations check the relationship.
        Role::Department => &[
            CustomerRead,
            UnitRead,
            CaseRead,
            CaseOpen,
            CaseEdit,
            WorkOrderWork,
            FollowUpRecord,
            SupplierRead,
            DeskEscalate,
            AlertRead,
            AttachmentAdd,
            // Staff in the lobby or on patrol can tell a resident what waits at the desk.
            ConvenienceRead,
            // They call customers back and visit them: the timeline says so.
            ContactRecord,
        ],
        Role::Leasing => &[
            CustomerRead,
            CustomerWrite,
            UnitRead,
            UnitWrite,
            CaseRead,
            CaseOpen,
            CaseEdit,
            WorkOrderWork,
            FollowUpRecord,
            SupplierRead,
            DeskEscalate,
            AlertRead,
            AttachmentAdd,
            // Leasing staff meet tenants too.
            ConvenienceRead,
            // The office's services and their currency, which rents and commissions are in.
            CatalogRead,
            LeasingRead,
            LeasingWrite,
        ],
    }
}

pub fn allows(role: Role, permission: Permission) -> bool {
    granted(role).contains(&permission)
}
