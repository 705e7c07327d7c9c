//! The IPC surface: the one list of commands. Each line names the command, its input
//! and output types, the operation and who may call it; everything else is generated:
//! `COMMANDS`, `ACCESS`, the typed entries in `run`, `dispatch` (the door every
//! transport uses) and the TypeScript in `bindings()`.

use std::any::TypeId;
use std::collections::{BTreeMap, HashSet};

use chrono::{DateTime, Utc};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use ts_rs::{Config, TS, TypeVisitor};

use crate::accounts::app::{AppStatus, DroppedCatalog, SetupInput};
use crate::accounts::audit::{AuditQuery, AuditRow};
use crate::accounts::auth::{ChangeMyPassword, LoginInput, LoginResult, Me, SetMyLocale};
use crate::accounts::limits::SessionLimits;
use crate::accounts::lock::{SessionStatus, SessionUnlock};
use crate::accounts::session::{AccountsCache, Admission};
use crate::accounts::settings::{ConnectionChange, ConnectionChangeRecorded};
use crate::accounts::staff::{
    StaffCard, StaffInput, StaffLookupQuery, StaffQuery, StaffRow, StaffSetPassword, StaffUnlock, StaffUpdate,
};
use crate::app::{Cx, Session, Steward};
use crate::backups::{BackupMade, BackupOverview, BackupRestore, BackupRestored, BackupSettings};
use crate::convenience::lending::{
    LendItemEdit, LendItemInput, LendItemQuery, LendItemRow, LoanLend, LoanQuery, LoanReturn, LoanRow,
};
use crate::convenience::mail::{MailDetail, MailGet, MailHandOver, MailQuery, MailReceive, MailRow};
use crate::convenience::notice::MailNotice;
use crate::convenience::storage::{
    StorageCollect, StorageDeposit, StorageDetail, StorageGet, StorageQuery, StorageRow,
};
use crate::desk::attachments::{AttachmentAdd, AttachmentFile, AttachmentGet, AttachmentList, AttachmentRow};
use crate::desk::cases::{
    CaseDetail, CaseEdit, CaseGet, CaseHandover, CaseOpen, CaseQuery, CaseResolve, CaseRow, DeskBadges, KanbanCounts,
    KanbanQuery, MyCasesQuery,
};
use crate::desk::dashboard::{Dashboard, DashboardQuery};
use crate::desk::escalation::{AlertMarkRead, AlertQuery, AlertRow, EscalationSweep};
use crate::desk::follow_ups::{FollowUpAttempt, FollowUpQueueQuery, FollowUpRecord, FollowUpRow, FollowUpUnreachable};
use crate::desk::knowledge::{KbAnswerDetail, KbAnswerInput, KbAnswerUpdate, KbGet, KbQuery, KbRow, KbUse};
use crate::desk::routing::{CaseLanguageContact, Speaker, SpeakerQuery};
use crate::desk::settings::{DeskSettingsSave, DeskSettingsView};
use crate::desk::slip::{Document, WorkOrderSlipInput};
use crate::desk::suppliers::{Supplier, SupplierInput, SupplierQuery, SupplierUpdate};
use crate::desk::work_orders::{
    MyWorkOrdersQuery, WorkOrderAssign, WorkOrderChargeAdd, WorkOrderDispatch, WorkOrderQuery, WorkOrderRow,
    WorkOrderTransition,
};
use crate::directory::buildings::Building;
use crate::directory::contacts::confirmations::{Confirmation, ConfirmationGet, ConfirmationGiven};
use crate::directory::contacts::{ContactInput, ContactQuery, ContactRow};
use crate::directory::customers::{
    CustomerDetail, CustomerGet, CustomerInput, CustomerQuery, CustomerRevealId, CustomerRow, CustomerUpdate,
    RevealedId,
};
use crate::directory::occupancy::{OccupancyAdd, OccupancyEnd};
use crate::directory::units::{UnitDetail, UnitGet, UnitQuery, UnitRow, UnitUpdate};
use crate::domain::{Permission, VOCABULARIES};
use crate::error::{ApiError, Error, ErrorCode, Result};
use crate::export::ListExport;
use crate::import::{ImportCommit, ImportFile, ImportPreview, ImportProgress, ImportResult, ImportRunGet};
use crate::leasing;
use crate::leasing::agencies::{AgencyDetail, AgencyEdit, AgencyGet, AgencyInput, AgencyQuery, AgencyRow};
use crate::leasing::listings::{
    ListingCreate, ListingDetail, ListingEdit, ListingGet, ListingPhotoAdd, ListingPhotoFile, ListingPhotoGet,
    ListingPhotoRemove, ListingQuery, ListingRow, ListingSetStatus,
};
use crate::leasing::matching::{ListingMatch, MatchForListing, MatchForProspect, ProspectMatch};
use crate::leasing::prospects::{ProspectDetail, ProspectEdit, ProspectGet, ProspectInput, ProspectQuery, ProspectRow};
use crate::leasing::referrals::{
    CommissionPay, CommissionQuery, CommissionRow, ReferralBoard, ReferralBoardQuery, ReferralCreate, ReferralDetail,
    ReferralGet, ReferralMove, ReferralQuery, ReferralRow, ReferralSign,
};
use crate::leasing::reminders::{LeasesOfOwner, LeasingReminders, LeasingRemindersQuery, OwnerLeases};
use crate::leasing::sheet::ListingSheet;
use crate::leasing::viewings::{ViewingEdit, ViewingQuery, ViewingRecord, ViewingRow, ViewingSchedule};
use crate::menus::catalog::{
    CatalogCreate, CatalogDetail, CatalogEdit, CatalogGet, CatalogPriceOn, CatalogPriceSet, CatalogQuery, CatalogRow,
    CatalogSetActive, PriceOn,
};
use crate::menus::packages::{
    PackageCreate, PackageDetail, PackageEdit, PackageGet, PackagePauseAdd, PackagePauseRemove, PackageQuery,
    PackageRow, PackageSetActive, VisitExtra, VisitSkip,
};
use crate::menus::schedule::{ScheduleReport, ScheduleRun};
use crate::menus::settings::CatalogSettings;
use crate::menus::statement_print::{StatementExport, StatementPdf};
use crate::menus::statements::{
    CustomerAccount, CustomerAccountGet, NoteAdd, PaymentAdd, StatementDetail, StatementGet, StatementMarkSent,
    StatementQuery, StatementRow, StatementRun, StatementRunProgress,
};
use crate::notices::deliveries::{NoticeDeliveryQuery, NoticeDeliveryRow, NoticeMarkDelivered, NoticeMarked};
use crate::notices::notice::{
    NoticeDetail, NoticeEdit, NoticeGet, NoticeInput, NoticeQuery, NoticeRow, NoticeSetStatus,
};
use crate::notices::print::NoticePrint;
use crate::page::Page;
use crate::{accounts, backups, convenience, db, desk, directory, export, import, menus, notices};

/// Who may call a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Anyone, before sign-in too.
    Public,
    /// Any signed-in staff member.
    SignedIn,
    /// Any signed-in staff member, with the session locked too (the lock screen's commands).
    Session,
    /// Signed-in staff whose role grants the permission.
    Permission(Permission),
}

macro_rules! access {
    (public) => {
        Access::Public
    };
    (signed_in) => {
        Access::SignedIn
    };
    (session) => {
        Access::Session
    };
    ($permission:ident) => {
        Access::Permission(Permission::$permission)
    };
}

macro_rules! commands {
    ($($name:ident: $input:ty => $output:ty = $op:path, $access:ident;)*) => {
        pub const COMMANDS: &[&str] = &[$(stringify!($name)),*];

        pub const ACCESS: &[(&str, Access)] = &[$((stringify!($name), access!($access))),*];

        /// One typed entry per command: authorizes as the list declares, then runs the
        /// operation. Tests and Rust callers use these.
        pub mod run {
            use super::*;
            $(
                pub async fn $name(cx: Cx, input: $input) -> Result<$output> {
                    let cx = admit(cx, stringify!($name), access!($access)).await?;
                    let (accounts, changes) = (cx.accounts.clone(), cx.changes.clone());
                    let (out, wrote) = db::noting_writes(Box::pin($op(cx, input))).await;
                    settled(&accounts, stringify!($name), stringify!($op));
                    if wrote && out.is_ok() {
                        changes.announce(stringify!($name));
                    }
                    out
                }
            )*
        }

        /// Authorizes before decoding, so a caller without the right learns nothing about the input.
        async fn route(cx: Cx, command: &str, input: Value) -> Result<Value> {
            // Each command runs in its own boxed future: a match whose arms awaited inline
            // gave this function one stack frame holding every command's inputs and outputs
            // at once, which overflowed the shell's worker stack in debug builds.
            let run: std::pin::Pin<Box<dyn std::future::Future<Output = Result<Value>> + Send>> = match command {
                $(stringify!($name) => Box::pin(async move {
                    let cx = admit(cx, stringify!($name), access!($access)).await?;
                    let input: $input = decode(input)?;
                    let (accounts, changes) = (cx.accounts.clone(), cx.changes.clone());
                    let (out, wrote) = db::noting_writes(Box::pin($op(cx, input))).await;
                    settled(&accounts, stringify!($name), stringify!($op));
                    if wrote && out.is_ok() {
                        changes.announce(stringify!($name));
                    }
                    encode(out?)
                }),)*
                _ => return Err(Error::NotFound),
            };
            run.await
        }

        fn visit_commands(v: &mut Declarations) {
            $(
                v.visit_root::<$input>();
                v.visit_root::<$output>();
            )*
        }

        fn signatures(cfg: &Config) -> Vec<(&'static str, String, String)> {
            vec![$((stringify!($name), <$input as TS>::name(cfg), <$output as TS>::name(cfg))),*]
        }
    };
}

commands! {
    // name: Input => Output = operation, access;
    app_status: () => AppStatus = accounts::app::status, public;
    locale_catalogs: () => Vec<DroppedCatalog> = accounts::app::dropped_catalogs, public;
    setup_first_manager: SetupInput => LoginResult = accounts::app::setup_first_manager, public;
    login: LoginInput => LoginResult = accounts::auth::login, public;
    logout: () => () = accounts::auth::logout, session;
    me: () => Me = accounts::auth::me, session;
    session_status: () => SessionStatus = accounts::lock::status, session;
    session_lock: () => () = accounts::lock::lock, session;
    session_unlock: SessionUnlock => Me = accounts::lock::unlock, session;
    session_limits_get: () => SessionLimits = accounts::limits::get, SettingsManage;
    session_limits_save: SessionLimits => SessionLimits = accounts::limits::save, SettingsManage;
    set_my_locale: SetMyLocale => Me = accounts::auth::set_my_locale, signed_in;
    change_my_password: ChangeMyPassword => () = accounts::auth::change_my_password, signed_in;
    building_list: () => Vec<Building> = directory::buildings::list, UnitRead;
    unit_list: UnitQuery => Page<UnitRow> = directory::units::list, UnitRead;
    unit_get: UnitGet => UnitDetail = directory::units::get, UnitRead;
    unit_update: UnitUpdate => UnitDetail = directory::units::update, UnitWrite;
    customer_list: CustomerQuery => Page<CustomerRow> = directory::customers::list, CustomerRead;
    customer_get: CustomerGet => CustomerDetail = directory::customers::get, CustomerRead;
    customer_create: CustomerInput => CustomerDetail = directory::customers::create, CustomerWrite;
    customer_update: CustomerUpdate => CustomerDetail = directory::customers::update, CustomerWrite;
    customer_reveal_id: CustomerRevealId => RevealedId = directory::customers::reveal_id, CustomerRevealId;
    occupancy_add: OccupancyAdd => CustomerDetail = directory::occupancy::add, CustomerWrite;
    occupancy_end: OccupancyEnd => CustomerDetail = directory::occupancy::end, CustomerWrite;
    contact_list: ContactQuery => Page<ContactRow> = directory::contacts::list, CustomerRead;
    contact_record: ContactInput => ContactRow = directory::contacts::record, ContactRecord;
    confirmation_get: ConfirmationGet => Confirmation = directory::contacts::confirmations::get, signed_in;
    confirmation_print: ConfirmationGet => Document = directory::contacts::confirmations::print, signed_in;
    confirmation_given: ConfirmationGiven => ContactRow = directory::contacts::confirmations::given, ContactRecord;
    staff_list: StaffQuery => Page<StaffRow> = accounts::staff::list, StaffRead;
    staff_lookup: StaffLookupQuery => Page<StaffCard> = accounts::staff::lookup, signed_in;
    staff_create: StaffInput => StaffRow = accounts::staff::create, StaffManage;
    staff_update: StaffUpdate => StaffRow = accounts::staff::update, StaffManage;
    staff_set_password: StaffSetPassword => () = accounts::staff::set_password, StaffManage;
    staff_unlock: StaffUnlock => StaffRow = accounts::staff::unlock, StaffManage;
    audit_list: AuditQuery => Page<AuditRow> = accounts::audit::list, AuditRead;
    connection_change_record: ConnectionChange => ConnectionChangeRecorded = accounts::settings::change_record, SettingsManage;
    case_open: CaseOpen => CaseDetail = desk::cases::open, CaseOpen;
    case_get: CaseGet => CaseDetail = desk::cases::get, CaseRead;
    case_edit: CaseEdit => CaseDetail = desk::cases::edit, CaseEdit;
    case_handover: CaseHandover => CaseDetail = desk::cases::handover, CaseEdit;
    case_resolve: CaseResolve => CaseDetail = desk::cases::resolve, CaseEdit;
    case_list: CaseQuery => Page<CaseRow> = desk::cases::list, CaseRead;
    case_mine: MyCasesQuery => Page<CaseRow> = desk::cases::mine, CaseRead;
    case_kanban_counts: KanbanQuery => KanbanCounts = desk::cases::kanban_counts, CaseRead;
    desk_badges: () => DeskBadges = desk::cases::badges, CaseRead;
    work_order_dispatch: WorkOrderDispatch => CaseDetail = desk::work_orders::dispatch, WorkOrderDispatch;
    work_order_transition: WorkOrderTransition => CaseDetail = desk::work_orders::transition, WorkOrderWork;
    work_order_assign: WorkOrderAssign => CaseDetail = desk::work_orders::assign, WorkOrderWork;
    work_order_charge_add: WorkOrderChargeAdd => CaseDetail = desk::work_orders::add_charge, WorkOrderWork;
    work_order_list: WorkOrderQuery => Page<WorkOrderRow> = desk::work_orders::list, CaseRead;
    work_order_mine: MyWorkOrdersQuery => Page<WorkOrderRow> = desk::work_orders::mine, CaseRead;
    follow_up_queue: FollowUpQueueQuery => Page<FollowUpRow> = desk::follow_ups::queue, FollowUpRecord;
    follow_up_attempt: FollowUpAttempt => CaseDetail = desk::follow_ups::attempt, FollowUpRecord;
    follow_up_record: FollowUpRecord => CaseDetail = desk::follow_ups::record, FollowUpRecord;
    follow_up_close_unreachable: FollowUpUnreachable => CaseDetail = desk::follow_ups::close_unreachable, FollowUpRecord;
    desk_escalate: () => EscalationSweep = desk::escalation::escalate, DeskEscalate;
    alert_list: AlertQuery => Page<AlertRow> = desk::escalation::alerts, AlertRead;
    alert_mark_read: AlertMarkRead => () = desk::escalation::mark_read, AlertRead;
    desk_settings_get: () => DeskSettingsView = desk::settings::get, CaseRead;
    desk_settings_save: DeskSettingsSave => DeskSettingsView = desk::settings::save, DeskSettings;
    supplier_list: SupplierQuery => Vec<Supplier> = desk::suppliers::list, SupplierRead;
    supplier_create: SupplierInput => Supplier = desk::suppliers::create, SupplierWrite;
    supplier_update: SupplierUpdate => Supplier = desk::suppliers::update, SupplierWrite;
    attachment_add: AttachmentAdd => AttachmentRow = desk::attachments::add, AttachmentAdd;
    attachment_list: AttachmentList => Vec<AttachmentRow> = desk::attachments::list, CaseRead;
    attachment_get: AttachmentGet => AttachmentFile = desk::attachments::get, CaseRead;
    desk_dashboard: DashboardQuery => Dashboard = desk::dashboard::get, DeskDashboard;
    desk_speakers: SpeakerQuery => Vec<Speaker> = desk::routing::speakers, CaseRead;
    case_language_contact: CaseLanguageContact => CaseDetail = desk::routing::set_contact, CaseEdit;
    kb_list: KbQuery => Page<KbRow> = desk::knowledge::list, CaseRead;
    kb_get: KbGet => KbAnswerDetail = desk::knowledge::get, CaseRead;
    kb_create: KbAnswerInput => KbAnswerDetail = desk::knowledge::create, KnowledgeWrite;
    kb_update: KbAnswerUpdate => KbAnswerDetail = desk::knowledge::update, KnowledgeWrite;
    kb_use: KbUse => CaseDetail = desk::knowledge::use_on_case, CaseEdit;
    work_order_slip: WorkOrderSlipInput => Document = desk::slip::work_order_slip, CaseRead;
    catalog_list: CatalogQuery => Page<CatalogRow> = menus::catalog::list, CatalogRead;
    catalog_get: CatalogGet => CatalogDetail = menus::catalog::get, CatalogRead;
    catalog_create: CatalogCreate => CatalogDetail = menus::catalog::create, CatalogWrite;
    catalog_edit: CatalogEdit => CatalogDetail = menus::catalog::edit, CatalogWrite;
    catalog_set_active: CatalogSetActive => CatalogDetail = menus::catalog::set_active, CatalogWrite;
    catalog_price_set: CatalogPriceSet => CatalogDetail = menus::catalog::set_price, CatalogWrite;
    catalog_price_on: CatalogPriceOn => PriceOn = menus::catalog::price_on, CatalogRead;
    catalog_settings_get: () => CatalogSettings = menus::settings::get, CatalogRead;
    catalog_settings_save: CatalogSettings => CatalogSettings = menus::settings::save, CatalogWrite;
    package_list: PackageQuery => Page<PackageRow> = menus::packages::list, PackageRead;
    package_get: PackageGet => PackageDetail = menus::packages::get, PackageRead;
    package_create: PackageCreate => PackageDetail = menus::packages::create, PackageWrite;
    package_edit: PackageEdit => PackageDetail = menus::packages::edit, PackageWrite;
    package_set_active: PackageSetActive => PackageDetail = menus::packages::set_active, PackageWrite;
    package_pause_add: PackagePauseAdd => PackageDetail = menus::packages::pause_add, PackageWrite;
    package_pause_remove: PackagePauseRemove => PackageDetail = menus::packages::pause_remove, PackageWrite;
    package_visit_skip: VisitSkip => PackageDetail = menus::packages::visit_skip, PackageWrite;
    package_visit_extra: VisitExtra => PackageDetail = menus::packages::visit_extra, PackageWrite;
    package_schedule_run: ScheduleRun => ScheduleReport = menus::schedule::run, PackageWrite;
    statement_run: StatementRun => StatementRunProgress = menus::statements::run, StatementIssue;
    statement_list: StatementQuery => Page<StatementRow> = menus::statements::list, StatementRead;
    statement_get: StatementGet => StatementDetail = menus::statements::get, StatementRead;
    statement_mark_sent: StatementMarkSent => StatementDetail = menus::statements::mark_sent, StatementIssue;
    statement_payment_add: PaymentAdd => StatementDetail = menus::statements::pay, StatementIssue;
    statement_note_add: NoteAdd => StatementDetail = menus::statements::note, StatementCorrect;
    statement_pdf: StatementPdf => Document = menus::statement_print::pdf, StatementRead;
    statement_export: StatementExport => Document = menus::statement_print::export, StatementRead;
    customer_account: CustomerAccountGet => CustomerAccount = menus::statements::account, StatementRead;
    mail_list: MailQuery => Page<MailRow> = convenience::mail::list, ConvenienceRead;
    mail_get: MailGet => MailDetail = convenience::mail::get, ConvenienceRead;
    mail_receive: MailReceive => MailRow = convenience::mail::receive, ConvenienceWrite;
    mail_hand_over: MailHandOver => MailRow = convenience::mail::hand_over, ConvenienceWrite;
    mail_notice: MailNotice => Document = convenience::notice::mail_notice, ConvenienceRead;
    storage_list: StorageQuery => Page<StorageRow> = convenience::storage::list, ConvenienceRead;
    storage_get: StorageGet => StorageDetail = convenience::storage::get, ConvenienceRead;
    storage_deposit: StorageDeposit => StorageRow = convenience::storage::deposit, ConvenienceWrite;
    storage_collect: StorageCollect => StorageRow = convenience::storage::collect, ConvenienceWrite;
    lend_item_list: LendItemQuery => Page<LendItemRow> = convenience::lending::items, ConvenienceRead;
    lend_item_create: LendItemInput => LendItemRow = convenience::lending::create_item, ConvenienceWrite;
    lend_item_edit: LendItemEdit => LendItemRow = convenience::lending::edit_item, ConvenienceWrite;
    loan_list: LoanQuery => Page<LoanRow> = convenience::lending::loans, ConvenienceRead;
    loan_lend: LoanLend => LoanRow = convenience::lending::lend, ConvenienceWrite;
    loan_return: LoanReturn => LoanRow = convenience::lending::return_loan, ConvenienceWrite;
    listing_list: ListingQuery => Page<ListingRow> = leasing::listings::list, LeasingRead;
    listing_get: ListingGet => ListingDetail = leasing::listings::get, LeasingRead;
    listing_create: ListingCreate => ListingDetail = leasing::listings::create, LeasingWrite;
    listing_edit: ListingEdit => ListingDetail = leasing::listings::edit, LeasingWrite;
    listing_set_status: ListingSetStatus => ListingDetail = leasing::listings::set_status, LeasingWrite;
    listing_photo_add: ListingPhotoAdd => ListingDetail = leasing::listings::photo_add, LeasingWrite;
    listing_photo_remove: ListingPhotoRemove => ListingDetail = leasing::listings::photo_remove, LeasingWrite;
    listing_photo_get: ListingPhotoGet => ListingPhotoFile = leasing::listings::photo_get, LeasingRead;
    listing_sheet: ListingSheet => Document = leasing::sheet::listing_sheet, LeasingRead;
    agency_list: AgencyQuery => Page<AgencyRow> = leasing::agencies::list, LeasingRead;
    agency_get: AgencyGet => AgencyDetail = leasing::agencies::get, LeasingRead;
    agency_create: AgencyInput => AgencyDetail = leasing::agencies::create, LeasingWrite;
    agency_edit: AgencyEdit => AgencyDetail = leasing::agencies::edit, LeasingWrite;
    prospect_list: ProspectQuery => Page<ProspectRow> = leasing::prospects::list, LeasingRead;
    prospect_get: ProspectGet => ProspectDetail = leasing::prospects::get, LeasingRead;
    prospect_create: ProspectInput => ProspectDetail = leasing::prospects::create, LeasingWrite;
    prospect_edit: ProspectEdit => ProspectDetail = leasing::prospects::edit, LeasingWrite;
    referral_list: ReferralQuery => Page<ReferralRow> = leasing::referrals::list, LeasingRead;
    referral_board: ReferralBoardQuery => ReferralBoard = leasing::referrals::board, LeasingRead;
    referral_get: ReferralGet => ReferralDetail = leasing::referrals::get, LeasingRead;
    referral_create: ReferralCreate => ReferralDetail = leasing::referrals::create, LeasingWrite;
    referral_move: ReferralMove => ReferralDetail = leasing::referrals::move_stage, LeasingWrite;
    referral_sign: ReferralSign => ReferralDetail = leasing::referrals::sign, LeasingWrite;
    match_for_prospect: MatchForProspect => Vec<ListingMatch> = leasing::matching::for_prospect, LeasingRead;
    match_for_listing: MatchForListing => Vec<ProspectMatch> = leasing::matching::for_listing, LeasingRead;
    viewing_list: ViewingQuery => Vec<ViewingRow> = leasing::viewings::list, LeasingRead;
    viewing_schedule: ViewingSchedule => ReferralDetail = leasing::viewings::schedule, LeasingWrite;
    viewing_edit: ViewingEdit => ViewingRow = leasing::viewings::edit, LeasingWrite;
    viewing_record: ViewingRecord => ReferralDetail = leasing::viewings::record, LeasingWrite;
    commission_list: CommissionQuery => Page<CommissionRow> = leasing::referrals::commission_list, LeasingRead;
    commission_pay: CommissionPay => CommissionRow = leasing::referrals::commission_pay, LeasingWrite;
    leasing_reminders: LeasingRemindersQuery => LeasingReminders = leasing::reminders::reminders, LeasingRead;
    leases_of_owner: LeasesOfOwner => OwnerLeases = leasing::reminders::leases_of_owner, LeasingRead;
    notice_languages: () => Vec<String> = notices::notice::notice_languages, NoticeRead;
    notice_list: NoticeQuery => Page<NoticeRow> = notices::notice::list, NoticeRead;
    notice_get: NoticeGet => NoticeDetail = notices::notice::get, NoticeRead;
    notice_create: NoticeInput => NoticeDetail = notices::notice::create, NoticeWrite;
    notice_edit: NoticeEdit => NoticeDetail = notices::notice::edit, NoticeWrite;
    notice_issue: NoticeSetStatus => NoticeDetail = notices::notice::issue, NoticeWrite;
    notice_withdraw: NoticeSetStatus => NoticeDetail = notices::notice::withdraw, NoticeWrite;
    notice_delivery_list: NoticeDeliveryQuery => Page<NoticeDeliveryRow> = notices::deliveries::list, NoticeRead;
    notice_mark_delivered: NoticeMarkDelivered => NoticeMarked = notices::deliveries::mark, NoticeDeliver;
    notice_pdf: NoticePrint => Document = notices::print::notice_pdf, NoticeRead;
    backup_list: () => BackupOverview = backups::list, SettingsManage;
    backup_now: () => BackupMade = backups::back_up, SettingsManage;
    backup_restore: BackupRestore => BackupRestored = backups::restore, SettingsManage;
    backup_settings_save: BackupSettings => BackupOverview = backups::settings_save, SettingsManage;
    import_preview: ImportFile => ImportPreview = import::preview, DirectoryImport;
    import_commit: ImportCommit => ImportResult = import::commit, DirectoryImport;
    import_progress: ImportRunGet => ImportProgress = import::progress, DirectoryImport;
    import_cancel: ImportRunGet => ImportProgress = import::cancel, DirectoryImport;
    // The permission of the list asked for is checked by the operation.
    list_export: ListExport => Document = export::list_export, signed_in;
}

/// The declared access of `command`, if it is in the list.
pub fn access_of(command: &str) -> Option<Access> {
    ACCESS.iter().find(|(name, _)| *name == command).map(|(_, a)| *a)
}

/// After a command of the accounts area (its transaction over): resolved sessions may
/// have ended or changed role, so none is reused.
fn settled(accounts: &AccountsCache, command: &str, op: &str) {
    let read = matches!(command, "me" | "app_status" | "session_status")
        || ["_list", "_lookup", "_get"].iter().any(|r| command.ends_with(r));
    if !read && op.replace(' ', "").starts_with("accounts::") {
        accounts.clear();
    }
}

/// Names the command in the context and resolves the actor its access needs.
async fn admit(mut cx: Cx, command: &'static str, access: Access) -> Result<Cx> {
    cx.command = command;
    let permission = match access {
        Access::Public => return Ok(cx),
        Access::SignedIn | Access::Session => None,
        Access::Permission(p) => Some(p),
    };
    let token = cx.session.token.as_deref().ok_or(Error::Unauthenticated)?;
    let how = Admission { background: cx.session.background, even_locked: access == Access::Session };
    let actor = cx.accounts.resolve(&cx.db, token, cx.now, how).await?;
    let allowed = permission.is_none_or(|p| actor.can(p));
    cx.actor = Some(actor);
    if !allowed {
        return cx.refuse().await;
    }
    Ok(cx)
}

/// Where `value` holds a NUL character, as a field path (`a.b[0]`; empty for the root).
/// PostgreSQL can neither store nor compare text with NUL in it, and no Steward text
/// needs one: refused at the door for every command rather than failing in the database.
fn nul_at(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => s.contains('\0').then(String::new),
        Value::Array(items) => items.iter().enumerate().find_map(|(i, v)| {
            nul_at(v).map(|rest| {
                format!("[{i}]{}", if rest.starts_with('[') || rest.is_empty() { rest } else { format!(".{rest}") })
            })
        }),
        Value::Object(fields) => fields.iter().find_map(|(k, v)| {
            if k.contains('\0') {
                return Some(String::new());
            }
            nul_at(v).map(|rest| {
                if rest.is_empty() || rest.starts_with('[') { format!("{k}{rest}") } else { format!("{k}.{rest}") }
            })
        }),
        _ => None,
    }
}

/// A malformed input names the offending field, like any other validation problem.
fn decode<T: DeserializeOwned>(input: Value) -> Result<T> {
    if let Some(path) = nul_at(&input) {
        let field = if path.is_empty() { "input" } else { path.as_str() };
        return Err(Error::field(field, "validation.invalid"));
    }
    serde_path_to_error::deserialize(input).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.inner().to_string();
        // serde reports a missing field at its parent; name the field itself.
        let missing = inner.strip_prefix("missing field `").and_then(|rest| rest.split('`').next());
        let field = match (path.as_str(), missing) {
            (".", Some(m)) => m.to_owned(),
            (".", None) => "input".to_owned(),
            (p, Some(m)) => format!("{p}.{m}"),
            (p, None) => p.to_owned(),
        };
        tracing::debug!(field, error = %inner, "malformed input");
        Error::field(&field, "validation.malformed")
    })
}

fn encode<T: Serialize>(output: T) -> Result<Value> {
    serde_json::to_value(output).map_err(|e| Error::Internal(format!("cannot encode output: {e}")))
}

/// Runs `command` for `session` at `now`: the one door for every transport. Unknown
/// command → `not_found`; no live session → `unauthenticated`; missing permission →
/// `forbidden` (audited); malformed input → `validation`. Errors come back translated.
pub async fn dispatch(
    core: &Steward,
    command: &str,
    session: Session,
    input: Value,
    now: DateTime<Utc>,
) -> Result<Value, ApiError> {
    let locale = session.locale.clone();
    route(core.cx(session, now), command, input).await.map_err(|e| {
        match &e {
            Error::Database(_) | Error::Internal(_) => tracing::error!(command, error = %e, "operation failed"),
            _ => tracing::debug!(command, code = e.code().as_str(), "operation refused"),
        }
        e.to_api(&locale)
    })
}

/// Collects the declarations of every type reachable from the commands, once each.
struct Declarations {
    cfg: Config,
    seen: HashSet<TypeId>,
    /// Name → declaration, sorted: ts-rs visits fields in an order that varies between builds.
    out: BTreeMap<String, String>,
}

impl Declarations {
    fn visit_root<T: TS + 'static + ?Sized>(&mut self) {
        self.visit::<T>();
        T::visit_generics(self);
    }
}

impl TypeVisitor for Declarations {
    fn visit<T: TS + 'static + ?Sized>(&mut self) {
        // Primitives and wrappers have no declaration; their parameters arrive as generics.
        if T::output_path().is_none() || !self.seen.insert(TypeId::of::<T>()) {
            return;
        }
        // `Page<UnitRow>` and `Page<CustomerRow>` share one generic declaration.
        self.out.entry(T::ident(&self.cfg)).or_insert_with(|| T::decl(&self.cfg));
        T::visit_dependencies(self);
    }
}

fn quoted<'a>(values: impl IntoIterator<Item = &'a str>) -> String {
    values.into_iter().map(|v| format!("\"{v}\"")).collect::<Vec<_>>().join(", ")
}

/// The whole of `ui/src/lib/backend/bindings.ts`.
pub fn bindings() -> String {
    let mut d = Declarations { cfg: Config::default(), seen: HashSet::new(), out: BTreeMap::new() };
    d.visit_root::<Session>();
    d.visit_root::<ApiError>();
    d.visit_root::<ErrorCode>();
    d.visit_root::<Page<()>>();
    visit_commands(&mut d);
    let mut out = String::from(
        "// Generated from the Rust types by `cargo xtask gen`; do not edit.\n\
         // A test fails when this file is stale.\n\n",
    );
    for decl in d.out.values() {
        out.push_str("export ");
        out.push_str(decl.trim_end());
        out.push_str("\n\n");
    }
    out.push_str(&format!(
        "export const ERROR_CODES = [{}] as const;\n\n",
        quoted(ErrorCode::ALL.iter().map(|c| c.as_str()))
    ));
    out.push_str("export const VOCABULARIES = {\n");
    for (name, values) in VOCABULARIES {
        out.push_str(&format!("  {name}: [{}],\n", quoted(values.iter().copied())));
    }
    out.push_str("} as const;\n\n");
    out.push_str("export interface Commands {\n");
    for (name, input, output) in signatures(&d.cfg) {
        out.push_str(&format!("  {name}: {{ input: {input}; output: {output} }};\n"));
    }
    out.push_str("}\n");
    out
}
