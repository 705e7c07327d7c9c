// Generated from the Rust types by `cargo xtask gen`; do not edit.
// A test fails when this file is stale.

export type Session = { token: string | null, locale: string, };

export type ErrorCode = "validation" | "not_found" | "forbidden" | "conflict" | "unauthenticated" | "invalid_credentials" | "already_set_up" | "database" | "internal";

export type ApiError = { code: ErrorCode, message: string, fields: { [key in string]: string } | null, };

export type Page<T> = { items: Array<T>, total: number, page: number, page_size: number, };

export type Role = "manager" | "desk" | "department" | "leasing";

export type Department = "management" | "customer_service" | "engineering" | "security" | "cleaning" | "landscaping" | "public_affairs" | "quality" | "leasing";

export type Permission = "customer_read" | "customer_write" | "customer_reveal_id" | "unit_read" | "unit_write" | "staff_read" | "staff_manage" | "settings_manage" | "audit_read" | "case_read" | "case_open" | "case_edit" | "work_order_dispatch" | "work_order_work" | "follow_up_record" | "supplier_read" | "supplier_write" | "desk_settings" | "desk_dashboard" | "desk_escalate" | "alert_read" | "attachment_add";

export type UnitUse = "residential" | "office" | "shop";

export type UnitStatus = "vacant" | "occupied" | "for_rent" | "renovating";

export type CustomerKind = "person" | "company";

export type OccupancyRole = "owner" | "tenant" | "occupant";

export type IdDocumentKind = "resident_id" | "passport" | "business_license" | "other";

export type AuditEvent = "login_ok" | "login_failed" | "logout" | "refused" | "id_revealed" | "setup" | "staff_deactivated" | "password_set";

export type ChangeAction = "create" | "update" | "delete";

export type DatabaseKind = "sqlite" | "postgres";

export type LocaleInfo = { code: string, name: string, };

export type AppStatus = { 
/**
 * No manager exists yet: the first start must create one.
 */
needs_setup: boolean, 
/**
 * A property is already on file.
 */
has_data: boolean, demo_requested: boolean, database: DatabaseKind, os_locale: string, locales: Array<LocaleInfo>, version: string, };

export type SetupInput = { username: string, display_name: string, password: string, locale: string, load_demo: boolean, };

export type LoginInput = { username: string, password: string, };

export type LoginResult = { token: string, me: Me, };

export type Me = { id: number, username: string, display_name: string, role: Role, department: Department, languages: Array<string>, locale: string | null, permissions: Array<Permission>, };

export type SetMyLocale = { locale: string, };

export type ChangeMyPassword = { current: string, new_password: string, };

export type Building = { id: number, name: string, code: string, floors: number, unit_count: number, };

export type UnitQuery = { building_id: number | null, floor: number | null, use_kind: UnitUse | null, status: UnitStatus | null, search: string | null, page: number, page_size: number, };

export type UnitRow = { id: number, building_id: number, building_name: string, number: string, floor: number, 
/**
 * Exact decimal square metres, e.g. "85.50".
 */
area_m2: string, use_kind: UnitUse, status: UnitStatus, 
/**
 * Names of the current occupants.
 */
occupants: string, };

export type UnitGet = { id: number, };

export type UnitDetail = { unit: UnitRow, version: number, occupancies: Array<OccupancyRow>, };

export type UnitUpdate = { id: number, version: number, use_kind: UnitUse, status: UnitStatus, area_m2: string, };

export type CustomerQuery = { search: string | null, kind: CustomerKind | null, language: string | null, vip: boolean | null, page: number, page_size: number, };

export type CustomerRow = { id: number, kind: CustomerKind, name: string, name_latin: string | null, 
/**
 * The first phone, masked: "138****5678".
 */
phone_masked: string | null, preferred_language: string, nationality: string | null, vip: boolean, 
/**
 * Current units, "A座 1203、B座 0801".
 */
units: string, };

export type CustomerGet = { id: number, };

export type CustomerDetail = { id: number, version: number, kind: CustomerKind, name: string, name_latin: string | null, 
/**
 * Masked unless the actor may write customers.
 */
phones: Array<string>, email: string | null, nationality: string | null, preferred_language: string, vip: boolean, id_document_kind: IdDocumentKind | null, id_document_masked: string | null, notes: string, created_at: string, updated_at: string, occupancies: Array<OccupancyRow>, history: Array<ChangeEntry>, };

export type OccupancyRow = { id: number, version: number, customer_id: number, customer_name: string, unit_id: number, 
/**
 * Building and number, e.g. "A座 1203".
 */
unit_label: string, role: OccupancyRole, 
/**
 * YYYY-MM-DD
 */
start_date: string, end_date: string | null, current: boolean, };

export type ChangeEntry = { id: number, at: string, staff_name: string, action: ChangeAction, entity: string, changes: Array<FieldChange>, };

export type FieldChange = { field: string, old: string | null, new: string | null, };

export type CustomerInput = { kind: CustomerKind, name: string, name_latin: string | null, phones: Array<string>, email: string | null, nationality: string | null, preferred_language: string, vip: boolean, id_document_kind: IdDocumentKind | null, 
/**
 * On update, blank keeps the stored number.
 */
id_document_number: string | null, notes: string, };

export type CustomerUpdate = { id: number, version: number, customer: CustomerInput, };

export type CustomerRevealId = { id: number, };

export type RevealedId = { number: string, };

export type OccupancyAdd = { customer_id: number, unit_id: number, role: OccupancyRole, start_date: string, };

export type OccupancyEnd = { id: number, version: number, end_date: string, };

export type StaffQuery = { search: string | null, department: Department | null, include_inactive: boolean, page: number, page_size: number, };

export type StaffRow = { id: number, version: number, username: string, display_name: string, role: Role, department: Department, languages: Array<string>, active: boolean, has_password: boolean, };

export type StaffInput = { username: string, display_name: string, role: Role, department: Department, languages: Array<string>, password: string | null, };

export type StaffUpdate = { id: number, version: number, display_name: string, role: Role, department: Department, languages: Array<string>, active: boolean, };

export type StaffSetPassword = { id: number, password: string, };

export type AuditQuery = { event: AuditEvent | null, page: number, page_size: number, };

export type AuditRow = { id: number, at: string, staff_name: string | null, username: string | null, event: AuditEvent, detail: string, };

export type DatabaseSettings = { 
/**
 * The database chosen for the next start.
 */
kind: DatabaseKind, sqlite_path: string, 
/**
 * Password shown as ***.
 */
postgres_url: string | null, 
/**
 * `STEWARD_DATABASE_URL` overrides the saved choice.
 */
from_environment: boolean, 
/**
 * The saved choice differs from the database in use.
 */
restart_needed: boolean, };

export type DatabaseSettingsSave = { kind: DatabaseKind, postgres_url: string | null, };

export interface Commands {
  app_status: { input: null; output: AppStatus };
  setup_first_manager: { input: SetupInput; output: LoginResult };
  login: { input: LoginInput; output: LoginResult };
  logout: { input: null; output: null };
  me: { input: null; output: Me };
  set_my_locale: { input: SetMyLocale; output: Me };
  change_my_password: { input: ChangeMyPassword; output: null };
  building_list: { input: null; output: Array<Building> };
  unit_list: { input: UnitQuery; output: Page<UnitRow> };
  unit_get: { input: UnitGet; output: UnitDetail };
  unit_update: { input: UnitUpdate; output: UnitDetail };
  customer_list: { input: CustomerQuery; output: Page<CustomerRow> };
  customer_get: { input: CustomerGet; output: CustomerDetail };
  customer_create: { input: CustomerInput; output: CustomerDetail };
  customer_update: { input: CustomerUpdate; output: CustomerDetail };
  customer_reveal_id: { input: CustomerRevealId; output: RevealedId };
  occupancy_add: { input: OccupancyAdd; output: CustomerDetail };
  occupancy_end: { input: OccupancyEnd; output: CustomerDetail };
  staff_list: { input: StaffQuery; output: Page<StaffRow> };
  staff_create: { input: StaffInput; output: StaffRow };
  staff_update: { input: StaffUpdate; output: StaffRow };
  staff_set_password: { input: StaffSetPassword; output: null };
  audit_list: { input: AuditQuery; output: Page<AuditRow> };
  database_settings_get: { input: null; output: DatabaseSettings };
  database_settings_save: { input: DatabaseSettingsSave; output: DatabaseSettings };
}
