// Generated from the Rust types by `cargo xtask gen`; do not edit.
// A test fails when this file is stale.

export type AgedBuckets = { current_cents: number, days_31_60_cents: number, days_61_90_cents: number, over_90_cents: number, };

export type AgencyDetail = { row: AgencyRow, notes: string, performance: AgencyPerformance, history: Array<ChangeEntry>, };

export type AgencyEdit = { id: number, version: number, agency: AgencyInput, };

export type AgencyGet = { id: number, };

export type AgencyInput = { name: string, 
/**
 * Contact people, one a line.
 */
contacts: string, phone: string, email: string, commission_kind: CommissionKind, 
/**
 * Percent of one month's rent ("50", "37.5") or a fixed sum ("3000.00").
 */
commission_value: string, active: boolean, notes: string, };

export type AgencyPerformance = { referrals: number, 
/**
 * Referrals still in the pipeline.
 */
open_referrals: number, viewings: number, signed: number, 
/**
 * Commission not yet paid, "6000.00".
 */
commission_due: string, commission_paid: string, };

export type AgencyQuery = { 
/**
 * Part of the name.
 */
search: string | null, include_inactive: boolean, page: number, page_size: number, };

export type AgencyRow = { id: number, version: number, name: string, contacts: string, phone: string, email: string, commission_kind: CommissionKind, 
/**
 * "50" (percent) or "3000.00" (fixed), as typed back into the form.
 */
commission_value: string, active: boolean, };

export type AlertKind = "overdue_response" | "overdue_completion" | "overdue_work_order" | "dissatisfied";

export type AlertMarkRead = { 
/**
 * Empty: all of the actor's alerts.
 */
ids: Array<number>, };

export type AlertQuery = { unread_only: boolean, page: number, page_size: number, };

export type AlertRow = { id: number, case_id: number, case_number: string, case_title: string, work_order_id: number | null, level: number, kind: AlertKind, created_at: string, read_at: string | null, };

export type ApiError = { code: ErrorCode, message: string, fields: { [key in string]: string } | null, };

export type AppStatus = { 
/**
 * No manager exists yet: the first start must create one.
 */
needs_setup: boolean, 
/**
 * A property is already on file.
 */
has_data: boolean, demo_requested: boolean, database: DatabaseKind, os_locale: string, locales: Array<LocaleInfo>, version: string, };

export type AttachmentAdd = { case_id: number, work_order_id: number | null, file_name: string, mime: string, 
/**
 * The file, base64 (standard alphabet, padded).
 */
content_base64: string, };

export type AttachmentFile = { file_name: string, mime: string, sha256: string, content_base64: string, };

export type AttachmentGet = { id: number, };

export type AttachmentList = { case_id: number, };

export type AttachmentRow = { id: number, case_id: number, work_order_id: number | null, file_name: string, mime: string, size: number, created_by_name: string, created_at: string, };

export type AttemptOutcome = "no_answer" | "busy" | "wrong_number" | "reached";

export type AttemptRow = { id: number, at: string, staff_name: string, outcome: AttemptOutcome, next_at: string | null, note: string, };

export type AuditEvent = "login_ok" | "login_failed" | "logout" | "refused" | "id_revealed" | "setup" | "staff_deactivated" | "password_set" | "session_locked" | "session_unlocked" | "session_limits_changed" | "connection_changed" | "staff_created" | "role_changed" | "department_changed" | "staff_reactivated" | "password_reset" | "account_locked" | "account_unlocked" | "backup_restored";

export type AuditQuery = { event: AuditEvent | null, page: number, page_size: number, };

export type AuditRow = { id: number, at: string, staff_name: string | null, username: string | null, event: AuditEvent, detail: string, 
/**
 * The staff account a staff or sign-in event was about, with its changes.
 */
subject: AuditSubject | null, };

export type AuditSubject = { staff_id: number, username: string, changes: Array<FieldChange>, 
/**
 * Where the sign-in tries came from, when not this app's own window.
 */
source: string | null, };

export type BackupFile = { 
/**
 * The file's name in the backup folder (what `backup_restore` takes).
 */
name: string, at: string, kind: BackupKind, size_bytes: number, };

export type BackupKind = "automatic" | "exit" | "manual" | "before_migration" | "before_restore";

export type BackupMade = { file: BackupFile, 
/**
 * False when a second folder is set and the copy there failed.
 */
copied: boolean, };

export type BackupMode = "desk" | "server";

export type BackupOverview = { mode: BackupMode, 
/**
 * Where the backups are written (desk mode).
 */
folder: string | null, 
/**
 * The second folder that receives a copy of each backup.
 */
copy_folder: string | null, 
/**
 * Newest first.
 */
backups: Array<BackupFile>, last_server_backup: ServerBackup | null, };

export type BackupRestore = { 
/**
 * A name from the list.
 */
name: string, };

export type BackupRestored = { 
/**
 * The copy of the database as it was before the restore.
 */
kept: BackupFile, };

export type BackupSettings = { 
/**
 * An absolute path to an existing folder, or none.
 */
copy_folder: string | null, };

export type BoardColumn = { stage: ReferralStage, count: number, 
/**
 * The newest referrals of the stage.
 */
rows: Array<ReferralRow>, };

export type Building = { id: number, name: string, code: string, floors: number, unit_count: number, };

export type CaseDetail = { case: CaseView, work_orders: Array<WorkOrderView>, follow_ups: Array<FollowUpView>, timeline: Array<TimelineEntry>, attachments: Array<AttachmentRow>, };

export type CaseEdit = { id: number, version: number, kind: CaseKind, channel: Channel, priority: Priority, title: string, description: string, customer_id: number | null, unit_id: number | null, caller_name: string | null, caller_phone: string | null, language: string | null, consultation_topic: ConsultationTopic | null, };

export type CaseEventKind = "received" | "edited" | "dispatched" | "accepted" | "started" | "paused" | "resumed" | "done" | "verified" | "sent_back" | "cancelled" | "handed_over" | "escalated" | "follow_up_attempt" | "followed_up" | "reopened" | "closed" | "resolved" | "attachment_added" | "charge_added" | "note";

export type CaseGet = { id: number, };

export type CaseHandover = { id: number, version: number, to_staff_id: number, reason: string, };

export type CaseKind = "repair" | "complaint" | "suggestion" | "inquiry" | "service_request" | "praise";

export type CaseLanguageContact = { id: number, version: number, 
/**
 * None takes the contact off the case.
 */
staff_id: number | null, };

export type CaseOpen = { kind: CaseKind, channel: Channel, priority: Priority, 
/**
 * Blank takes the description's first line.
 */
title: string, description: string, 
/**
 * None for a caller not (yet) on file.
 */
customer_id: number | null, unit_id: number | null, caller_name: string | null, caller_phone: string | null, 
/**
 * Blank takes the customer's preferred language.
 */
language: string | null, 
/**
 * A consultation for a foreign resident: what the inquiry is about (inquiries only).
 */
consultation_topic: ConsultationTopic | null, };

export type CaseQuery = { 
/**
 * Words or characters in the title, description, orders, remarks, customer or unit;
 * or a case number ("C000123").
 */
search: string | null, kind: CaseKind | null, status: CaseStatus | null, 
/**
 * Cases with a work order for this department.
 */
department: Department | null, owner_id: number | null, building_id: number | null, customer_id: number | null, unit_id: number | null, 
/**
 * Past a due time that still matters.
 */
overdue: boolean | null, 
/**
 * RFC 3339 times; the screen turns local days into them.
 */
received_from: string | null, received_to: string | null, channel: Channel | null, language: string | null, page: number, page_size: number, };

export type CaseResolve = { id: number, version: number, 
/**
 * What the customer was told or given.
 */
resolution: string, };

export type CaseRow = { id: number, number: string, kind: CaseKind, channel: Channel, priority: Priority, status: CaseStatus, title: string, customer_name: string | null, unit_label: string | null, owner_id: number, owner_name: string, language: string, foreign_language: boolean, consultation_topic: ConsultationTopic | null, received_at: string, due_at: string | null, overdue: boolean, escalation_level: number, satisfaction: number | null, };

export type CaseStatus = "new" | "in_progress" | "awaiting_follow_up" | "closed";

export type CaseStatusCount = { status: CaseStatus, n: number, };

export type CaseView = { id: number, 
/**
 * "C000123".
 */
number: string, version: number, kind: CaseKind, channel: Channel, priority: Priority, status: CaseStatus, title: string, description: string, customer_id: number | null, customer_name: string | null, unit_id: number | null, unit_label: string | null, caller_name: string | null, 
/**
 * Masked unless the actor may write customers.
 */
caller_phone: string | null, language: string, 
/**
 * The customer's language is not Chinese.
 */
foreign_language: boolean, 
/**
 * A staff member who speaks the case's language; none on a foreign-language case
 * means nobody on the desk speaks it.
 */
language_contact_id: number | null, language_contact_name: string | null, consultation_topic: ConsultationTopic | null, received_by: number, received_by_name: string, owner_id: number, owner_name: string, received_at: string, response_due_at: string, completion_due_at: string, due_at: string | null, overdue: boolean, responded_at: string | null, completed_at: string | null, closed_at: string | null, escalation_level: number, reopen_count: number, satisfaction: number | null, };

export type CatalogCreate = { service: CatalogInput, price: NewPrice | null, };

export type CatalogDetail = { id: number, version: number, name: string, department: Department, unit: ServiceUnit, tax_rate: string | null, active: boolean, 
/**
 * In the order of the customer languages.
 */
texts: Array<ServiceText>, missing_languages: Array<string>, price: Price | null, 
/**
 * Prices already set for later dates, soonest first.
 */
upcoming: Array<Price>, 
/**
 * Every price, newest date first.
 */
prices: Array<Price>, history: Array<ChangeEntry>, created_at: string, updated_at: string, };

export type CatalogEdit = { id: number, version: number, service: CatalogInput, };

export type CatalogGet = { id: number, };

export type CatalogInput = { 
/**
 * A language whose name and description are both blank is left out.
 */
texts: Array<ServiceText>, department: Department, unit: ServiceUnit, 
/**
 * Percent as typed ("6", "5.5"); null or blank for no tax.
 */
tax_rate: string | null, };

export type CatalogPriceOn = { id: number, 
/**
 * YYYY-MM-DD.
 */
date: string, };

export type CatalogPriceSet = { id: number, version: number, price: NewPrice, };

export type CatalogQuery = { 
/**
 * Part of a name in any language.
 */
search: string | null, department: Department | null, unit: ServiceUnit | null, include_inactive: boolean, page: number, page_size: number, };

export type CatalogRow = { id: number, version: number, 
/**
 * In the caller's language, else the first the service has (zh-CN, en, ja, ko).
 */
name: string, department: Department, unit: ServiceUnit, 
/**
 * Percent as text ("6", "5.5"); null when the service is not taxed.
 */
tax_rate: string | null, active: boolean, 
/**
 * The price today; null before the first price takes effect.
 */
price: Price | null, 
/**
 * Customer languages the service has no name in yet.
 */
missing_languages: Array<string>, };

export type CatalogSetActive = { id: number, version: number, active: boolean, };

export type CatalogSettings = { 
/**
 * ISO 4217 code, e.g. "CNY".
 */
currency: string, 
/**
 * IANA name, e.g. "Asia/Shanghai".
 */
time_zone: string, 
/**
 * Package visits go to their department this many days ahead (1–60).
 */
schedule_days: number, };

export type ChangeAction = "create" | "update" | "delete";

export type ChangeEntry = { id: number, at: string, staff_name: string, action: ChangeAction, 
/**
 * Whose field `changes` name: the UI translates `history.<entity>.<field>`.
 */
entity: HistoryEntity, changes: Array<FieldChange>, };

export type ChangeMyPassword = { current: string, new_password: string, };

export type Channel = "hotline" | "walk_in" | "letter" | "online" | "patrol" | "other";

export type ChannelCount = { channel: Channel, n: number, };

export type ChargeKind = "labour" | "material" | "other";

export type ChargeRow = { id: number, kind: ChargeKind, description: string, 
/**
 * Exact decimals as text: "1.5", "80.00", "120.00".
 */
quantity: string, unit_price: string, amount: string, amount_cents: number, created_by_name: string, created_at: string, };

export type CommissionKind = "percent_of_rent" | "fixed";

export type CommissionPay = { id: number, version: number, 
/**
 * YYYY-MM-DD
 */
paid_on: string, 
/**
 * "6000.00"
 */
amount: string, };

export type CommissionQuery = { agency_id: number | null, unpaid_only: boolean, page: number, page_size: number, };

export type CommissionRow = { id: number, version: number, agency_id: number, agency_name: string, referral_id: number, lease_id: number, unit_label: string, tenant_name: string, amount: string, due_on: string, paid_on: string | null, paid: string | null, };

export type Confirmation = { subject: ConfirmationSubject, id: number, 
/**
 * The customer it is for (none: a caller or addressee not registered).
 */
customer_id: number | null, customer_name: string, 
/**
 * The language the text is in.
 */
language: string, 
/**
 * The catalog lacks the requested language: the text is in the fallback (English).
 */
fell_back: boolean, 
/**
 * The customer's preferred language (else the case's, else the caller's).
 */
requested_language: string, 
/**
 * "C000123", "C000123-2", the statement's number, or the mail item's.
 */
reference: string, text: string, };

export type ConfirmationGet = { subject: ConfirmationSubject, id: number, 
/**
 * The screen's offset from UTC, so times read as on the office clock.
 */
utc_offset_minutes: number, };

export type ConfirmationGiven = { subject: ConfirmationSubject, id: number, channel: ContactChannel, utc_offset_minutes: number, };

export type ConfirmationSubject = "case" | "work_order" | "statement" | "mail_item";

export type ConnectionChange = { from: string, to: string, };

export type ConnectionChangeRecorded = { detail: string, };

export type ConsultationTopic = "shopping" | "transport" | "travel" | "everyday_life" | "car_rental" | "medical" | "schools" | "visas" | "other";

export type ContactChannel = "printed" | "sms" | "messaging_app" | "email" | "in_person";

export type ContactDirection = "in" | "out";

export type ContactInput = { customer_id: number, unit_id: number | null, 
/**
 * call, visit, letter, message or other (notices and confirmations record themselves).
 */
kind: ContactKind, direction: ContactDirection, summary: string, language: string, 
/**
 * When it happened (RFC 3339); now when absent.
 */
at: string | null, case_id: number | null, };

export type ContactKind = "call" | "visit" | "letter" | "message" | "notice" | "confirmation" | "other";

export type ContactQuery = { customer_id: number, kind: ContactKind | null, page: number, page_size: number, };

export type ContactRow = { id: number, kind: ContactKind, direction: ContactDirection, channel: ContactChannel | null, summary: string, language: string, at: string, staff_name: string, unit_label: string | null, case_id: number | null, case_number: string | null, work_order_id: number | null, 
/**
 * "C000123-2".
 */
work_order_number: string | null, statement_id: number | null, statement_number: string | null, mail_item_id: number | null, notice_id: number | null, };

export type CustomerAccount = { customer_id: number, currency: string, 
/**
 * Issued minus paid over all statements; negative when the office owes.
 */
balance_cents: number, 
/**
 * What is owed by the age of its statement (days since issue).
 */
aged: AgedBuckets, 
/**
 * Statements with something owed, oldest first.
 */
open: Array<StatementRow>, 
/**
 * The latest statements, newest first (up to 12).
 */
recent: Array<StatementRow>, };

export type CustomerAccountGet = { customer_id: number, };

export type CustomerDetail = { id: number, version: number, kind: CustomerKind, name: string, name_latin: string | null, 
/**
 * Masked unless the actor may write customers.
 */
phones: Array<string>, email: string | null, nationality: string | null, preferred_language: string, vip: boolean, id_document_kind: IdDocumentKind | null, id_document_masked: string | null, notes: string, created_at: string, updated_at: string, occupancies: Array<OccupancyRow>, history: Array<ChangeEntry>, };

export type CustomerGet = { id: number, };

export type CustomerInput = { kind: CustomerKind, name: string, name_latin: string | null, phones: Array<string>, email: string | null, nationality: string | null, preferred_language: string, vip: boolean, id_document_kind: IdDocumentKind | null, 
/**
 * On update, blank keeps the stored number.
 */
id_document_number: string | null, notes: string, };

export type CustomerKind = "person" | "company";

export type CustomerQuery = { search: string | null, kind: CustomerKind | null, language: string | null, vip: boolean | null, page: number, page_size: number, };

export type CustomerRevealId = { id: number, };

export type CustomerRow = { id: number, kind: CustomerKind, name: string, name_latin: string | null, 
/**
 * The first phone, masked: "138****5678".
 */
phone_masked: string | null, preferred_language: string, nationality: string | null, vip: boolean, 
/**
 * Current units, "A座 1203、B座 0801".
 */
units: string, };

export type CustomerUpdate = { id: number, version: number, customer: CustomerInput, };

export type Dashboard = { 
/**
 * Work orders not yet verified or cancelled, now.
 */
by_department: Array<DepartmentLoad>, cases_received: number, 
/**
 * Minutes, over cases received in the period that were responded to / completed.
 */
average_response_minutes: number | null, average_completion_minutes: number | null, 
/**
 * Hundredths: 450 is 4.50.
 */
satisfaction_average_centi: number | null, satisfaction_count: number, low_scores: Array<LowScore>, by_channel: Array<ChannelCount>, by_receiver: Array<ReceiverCount>, 
/**
 * Foreign-language cases received in the period, by language.
 */
foreign_languages: Array<LanguageCases>, };

export type DashboardQuery = { 
/**
 * RFC 3339: cases received from (inclusive) to (exclusive); at most a year apart.
 */
from: string, to: string, };

export type DatabaseKind = "sqlite" | "postgres";

export type Delays = { to_level_2: number, to_level_3: number, to_level_4: number, };

export type Department = "management" | "customer_service" | "engineering" | "security" | "cleaning" | "landscaping" | "public_affairs" | "quality" | "leasing";

export type DepartmentLoad = { department: Department | null, open: number, overdue: number, };

export type DeskBadges = { 
/**
 * Open cases the actor owns.
 */
my_cases: number, 
/**
 * Work orders assigned to the actor and not finished.
 */
my_work_orders: number, 
/**
 * Pending call-backs in the actor's follow-up queue.
 */
follow_ups: number, unread_alerts: number, };

export type DeskSettings = { delays: Delays, 
/**
 * Failed call-backs after which a case may close as "customer unreachable".
 */
unreachable_after: number, 
/**
 * Hours from completion to the follow-up call's due time.
 */
follow_up_hours: number, 
/**
 * A foreign-language case's language contact (and so its follow-up) must speak the
 * language when anyone does; off, a non-speaker is allowed and shown.
 */
require_speaker: boolean, };

export type DeskSettingsSave = { 
/**
 * The version the edit started from.
 */
version: number, targets: Array<DueTarget>, settings: DeskSettings, };

export type DeskSettingsView = { version: number, targets: Array<DueTarget>, settings: DeskSettings, };

export type Document = { file_name: string, mime: string, base64: string, };

export type DroppedCatalog = { code: string, texts: { [key in string]: string }, };

export type DueTarget = { kind: CaseKind, priority: Priority, response_minutes: number, completion_minutes: number, };

export type ErrorCode = "validation" | "not_found" | "forbidden" | "conflict" | "unauthenticated" | "session_locked" | "invalid_credentials" | "rate_limited" | "account_locked" | "already_set_up" | "database" | "internal" | "server_unreachable" | "server_certificate_changed" | "server_incompatible" | "too_large";

export type EscalationSweep = { cases: number, work_orders: number, alerts: number, };

export type EscalationTier = "branch" | "head_office";

export type ExportFormat = "csv" | "xlsx";

export type FieldChange = { field: string, old: string | null, new: string | null, };

export type FollowUpAttempt = { follow_up_id: number, version: number, 
/**
 * Not `reached`: a reached customer gives a result (`follow_up_record`).
 */
outcome: AttemptOutcome, 
/**
 * RFC 3339: call again at.
 */
next_at: string | null, note: string, };

export type FollowUpQueueQuery = { 
/**
 * Managers and the desk may see everyone's queue.
 */
everyone: boolean, page: number, page_size: number, };

export type FollowUpRecord = { follow_up_id: number, version: number, 
/**
 * 1–5.
 */
satisfaction: number, 
/**
 * Required for 3.
 */
remark: string | null, };

export type FollowUpRow = { id: number, version: number, case_id: number, case_number: string, case_title: string, customer_name: string | null, caller_phone: string | null, owner_name: string, due_at: string, overdue: boolean, attempts: number, language: string, };

export type FollowUpStatus = "pending" | "done" | "unreachable";

export type FollowUpUnreachable = { follow_up_id: number, version: number, note: string, };

export type FollowUpView = { id: number, case_id: number, version: number, owner_id: number, owner_name: string, status: FollowUpStatus, due_at: string, attempts: number, satisfaction: number | null, remark: string | null, 
/**
 * The customer's language: the call is made in it.
 */
language: string, done_at: string | null, done_by_name: string | null, 
/**
 * On a foreign-language case: whether the one who completed it speaks the language.
 */
by_speaker: boolean | null, attempt_log: Array<AttemptRow>, };

export type HistoryEntity = "customer" | "occupancy" | "unit" | "supplier" | "catalog_service" | "package" | "mail_item" | "storage_item" | "lend_item" | "loan" | "listing" | "agency" | "prospect" | "referral" | "notice" | "kb_answer";

export type IdDocumentKind = "resident_id" | "passport" | "business_license" | "other";

export type ImportCommit = { file: ImportFile, 
/**
 * Chosen by the caller (any unique text) to read progress and cancel while this runs.
 */
run: string, };

export type ImportFile = { kind: ImportKind, 
/**
 * The picked file's name: ".xlsx" reads Excel, anything else CSV.
 */
file_name: string, 
/**
 * The file's bytes, base64 (standard alphabet, padded).
 */
content_base64: string, 
/**
 * One entry per column: the field it fills, or null to leave it out. Null for the
 * remembered (or guessed) mapping.
 */
mapping: Array<string | null> | null, };

export type ImportKind = "units" | "customers" | "occupancies";

export type ImportPreview = { kind: ImportKind, 
/**
 * What the file was read as: "UTF-8", "GBK", "UTF-16LE", "xlsx".
 */
encoding: string, columns: Array<string>, 
/**
 * The first data rows as read (at most 5), for the mapping screen.
 */
sample: Array<Array<string>>, 
/**
 * The fields of this kind (the UI's choices), the required ones first.
 */
fields: Array<string>, required: Array<string>, 
/**
 * The mapping used: remembered, guessed from the headers, or the one sent.
 */
mapping: Array<string | null>, 
/**
 * Data rows in the file.
 */
rows: number, 
/**
 * Rows that would be created.
 */
to_create: number, 
/**
 * Rows already in the database: left alone.
 */
existing: number, 
/**
 * Rows with problems: left out.
 */
bad_rows: number, error_count: number, errors: Array<ImportRowError>, };

export type ImportProgress = { 
/**
 * Rows written so far (the transaction is not committed until `finished`).
 */
done: number, total: number, finished: boolean, cancelled: boolean, };

export type ImportResult = { created: number, 
/**
 * Buildings created for units whose building was not there yet.
 */
buildings_created: number, existing: number, 
/**
 * Rows left out for their problems.
 */
bad_rows: number, };

export type ImportRowError = { 
/**
 * The row in the file (the header is row 1), as Excel numbers it.
 */
row: number, 
/**
 * The column's header, when the problem is in one column.
 */
column: string | null, 
/**
 * Catalog key: `import.error.bad_phone`, `unknown_unit`, `invalid_date`, `duplicate`,
 * `unsupported_language`, `unknown_customer`, `required`, `invalid`.
 */
code: string, 
/**
 * Translated for the caller.
 */
message: string, 
/**
 * The offending text.
 */
value: string, };

export type ImportRunGet = { run: string, };

export type KanbanCounts = { cases: Array<CaseStatusCount>, work_orders: Array<WorkOrderStatusCount>, };

export type KanbanQuery = { 
/**
 * Only this owner's cases.
 */
owner_id: number | null, 
/**
 * Only this department's work orders.
 */
department: Department | null, };

export type KbAnswerDetail = { id: number, version: number, topic: ConsultationTopic, active: boolean, texts: Array<KbText>, missing_languages: Array<string>, history: Array<ChangeEntry>, created_at: string, updated_at: string, };

export type KbAnswerInput = { topic: ConsultationTopic, active: boolean, 
/**
 * Languages left blank (no title and no body) are left out.
 */
texts: Array<KbText>, };

export type KbAnswerUpdate = { id: number, version: number, answer: KbAnswerInput, };

export type KbGet = { id: number, };

export type KbQuery = { 
/**
 * Words or characters of a title or body, in any language.
 */
search: string | null, topic: ConsultationTopic | null, include_inactive: boolean, 
/**
 * Show titles in this language when the answer has it (the customer's).
 */
language: string | null, page: number, page_size: number, };

export type KbRow = { id: number, version: number, topic: ConsultationTopic, active: boolean, 
/**
 * In the language asked for, else the caller's, else Chinese, else the first.
 */
title: string, body: string, 
/**
 * The language `title` and `body` are in.
 */
language: string, languages: Array<string>, 
/**
 * Catalog languages the answer has no text in yet.
 */
missing_languages: Array<string>, updated_at: string, };

export type KbText = { language: string, title: string, body: string, };

export type KbUse = { case_id: number, answer_id: number, };

export type LanguageCases = { language: string, cases: number, 
/**
 * With a language contact who speaks it.
 */
with_speaker_contact: number, 
/**
 * Followed up by someone who speaks it.
 */
followed_up_by_speaker: number, };

export type LanguageLevel = "native" | "fluent" | "working" | "basic";

export type LanguageSkill = { language: string, level: LanguageLevel, };

export type LeaseReminder = { lease: LeaseRow, 
/**
 * lease_ending_30/60/90; null when the lease ends later than 90 days out.
 */
kind: LeasingReminderKind | null, days_left: bigint, 
/**
 * In the caller's language: "Lease ends in 25 days (2026-12-22): renew or list again".
 */
text: string, };

export type LeaseRow = { id: number, referral_id: number, listing_id: number, unit_id: number, unit_label: string, customer_id: number, tenant_name: string, owner_id: number, owner_name: string, starts_on: string, ends_on: string, monthly_rent: string, deposit: string, payment_day: number, };

export type LeasesOfOwner = { customer_id: number, 
/**
 * YYYY-MM-DD; blank for today.
 */
date: string | null, };

export type LeasingReminderKind = "lease_ending_90" | "lease_ending_60" | "lease_ending_30" | "commission_due";

export type LeasingReminders = { as_of: string, 
/**
 * Leases ending within 90 days, soonest first.
 */
leases: Array<LeaseReminder>, 
/**
 * Unpaid commissions due on or before the date plus 30 days, oldest first.
 */
commissions_due: Array<CommissionRow>, 
/**
 * Scheduled viewings whose reminder time has come.
 */
viewings: Array<ViewingRow>, };

export type LeasingRemindersQuery = { 
/**
 * YYYY-MM-DD; blank for today.
 */
date: string | null, };

export type LendItemEdit = { id: number, version: number, item: LendItemInput, active: boolean, };

export type LendItemInput = { kind: LendKind, name: string, 
/**
 * How many the office owns.
 */
total: number, };

export type LendItemQuery = { include_inactive: boolean, page: number, page_size: number, };

export type LendItemRow = { id: number, version: number, kind: LendKind, name: string, 
/**
 * How many the office owns.
 */
total: number, 
/**
 * How many are lent out now.
 */
out: number, available: number, 
/**
 * How many of those out are past their due time.
 */
overdue: number, active: boolean, };

export type LendKind = "umbrella" | "cart" | "pet_bag" | "other";

export type LineKind = "visit" | "month_fee" | "charge" | "credit" | "debit";

export type ListExport = { "list": "cases", query: CaseQuery, format: ExportFormat, } | { "list": "work_orders", query: WorkOrderQuery, format: ExportFormat, } | { "list": "customers", query: CustomerQuery, format: ExportFormat, } | { "list": "units", query: UnitQuery, format: ExportFormat, } | { "list": "statements", query: StatementQuery, format: ExportFormat, };

export type ListingCreate = { listing: ListingInput, 
/**
 * Draft or open.
 */
status: ListingStatus, };

export type ListingDetail = { row: ListingRow, deposit_months: number, deposit_terms: string, min_term_months: number, notes: string, texts: Array<ListingTextView>, photos: Array<ListingPhotoRow>, 
/**
 * Referrals of this listing, newest first.
 */
referrals: Array<ReferralRow>, history: Array<ChangeEntry>, created_at: string, updated_at: string, };

export type ListingEdit = { id: number, version: number, listing: ListingInput, };

export type ListingFeature = "furnished" | "pets" | "parking";

export type ListingGet = { id: number, };

export type ListingInput = { unit_id: number, 
/**
 * The owner (a customer) who lists the unit.
 */
owner_id: number, 
/**
 * Monthly rent asked, "12000" or "12000.50".
 */
asking_rent: string, deposit_months: number, 
/**
 * The deposit terms in words ("two months, paid at signing").
 */
deposit_terms: string, 
/**
 * YYYY-MM-DD
 */
available_from: string, min_term_months: number, rooms: number, furnished: boolean, pets: boolean, parking: boolean, notes: string, 
/**
 * One per language the owner wants; replaced as a whole on edit.
 */
texts: Array<ListingTextInput>, };

export type ListingMatch = { listing: ListingRow, 
/**
 * 0–100; 100 fits every need.
 */
score: number, reasons: Array<MatchReasonView>, };

export type ListingPhotoAdd = { listing_id: number, file_name: string, 
/**
 * "image/jpeg", "image/png".
 */
mime: string, 
/**
 * The file, base64 (standard alphabet, padded).
 */
content_base64: string, };

export type ListingPhotoFile = { id: number, file_name: string, mime: string, content_base64: string, };

export type ListingPhotoGet = { photo_id: number, };

export type ListingPhotoRemove = { listing_id: number, photo_id: number, };

export type ListingPhotoRow = { id: number, position: number, file_name: string, mime: string, size: number, };

export type ListingQuery = { status: ListingStatus | null, unit_id: number | null, owner_id: number | null, page: number, page_size: number, };

export type ListingRow = { id: number, version: number, unit_id: number, 
/**
 * "A座 1203".
 */
unit_label: string, owner_id: number, owner_name: string, 
/**
 * "12000.00".
 */
asking_rent: string, available_from: string, rooms: number, 
/**
 * The unit's area in m², "85.50".
 */
area: string, furnished: boolean, pets: boolean, parking: boolean, status: ListingStatus, 
/**
 * In the caller's language, else the first text's.
 */
title: string, };

export type ListingSetStatus = { id: number, version: number, 
/**
 * Any but "let", which only signing sets.
 */
status: ListingStatus, };

export type ListingSheet = { id: number, 
/**
 * A customer language (zh-CN, en, ja, ko): the description's; labels follow it where
 * the catalog ships that language, else English.
 */
language: string, };

export type ListingStatus = "draft" | "open" | "reserved" | "let" | "withdrawn";

export type ListingTextInput = { 
/**
 * A customer language: zh-CN, en, ja, ko.
 */
language: string, title: string, description: string, };

export type ListingTextView = { language: string, title: string, description: string, };

export type LoanLend = { item_id: number, quantity: number, unit_id: number | null, customer_id: number | null, 
/**
 * Who took it, as they give their name.
 */
borrower: string, phone: string, 
/**
 * RFC 3339; after now.
 */
due_at: string, notes: string, };

export type LoanQuery = { 
/**
 * Null: every status.
 */
status: LoanStatus | null, 
/**
 * Only loans out past their due time.
 */
overdue_only: boolean, item_id: number | null, unit_id: number | null, page: number, page_size: number, };

export type LoanReturn = { id: number, version: number, };

export type LoanRow = { id: number, version: number, item_id: number, item_name: string, item_kind: LendKind, quantity: number, status: LoanStatus, 
/**
 * Out, and the due time has passed.
 */
overdue: boolean, unit_id: number | null, unit_label: string | null, customer_id: number | null, customer_name: string | null, borrower: string, phone: string, notes: string, 
/**
 * RFC 3339.
 */
lent_at: string, lent_by_name: string, due_at: string, returned_at: string | null, returned_to_name: string | null, };

export type LoanStatus = "out" | "returned";

export type LocaleInfo = { code: string, name: string, };

export type LoginInput = { username: string, password: string, };

export type LoginResult = { token: string, me: Me, };

export type LowScore = { case_id: number, case_number: string, case_title: string, satisfaction: number, remark: string | null, at: string, };

export type MailDetail = { item: MailRow, history: Array<ChangeEntry>, };

export type MailGet = { id: number, };

export type MailHandOver = { id: number, version: number, 
/**
 * Who collected it, as they give their name.
 */
collected_by: string, 
/**
 * The collector signed the desk's book (or the pad).
 */
signed: boolean, };

export type MailKind = "letter" | "newspaper" | "parcel";

export type MailNotice = { unit_id: number, 
/**
 * The screen's offset from UTC, so printed times read as on the office clock.
 */
utc_offset_minutes: number, };

export type MailQuery = { 
/**
 * Null: every status.
 */
status: MailStatus | null, unit_id: number | null, kind: MailKind | null, page: number, page_size: number, };

export type MailReceive = { kind: MailKind, 
/**
 * Required: the unit the item is for.
 */
unit_id: number | null, 
/**
 * The customer it is addressed to, when known.
 */
customer_id: number | null, 
/**
 * The name on the label.
 */
addressee: string, carrier: string, tracking_no: string, 
/**
 * Where it waits ("shelf B-3").
 */
shelf: string, notes: string, };

export type MailRow = { id: number, version: number, kind: MailKind, status: MailStatus, unit_id: number, unit_label: string, customer_id: number | null, customer_name: string | null, addressee: string, carrier: string, tracking_no: string, shelf: string, notes: string, 
/**
 * RFC 3339.
 */
received_at: string, received_by_name: string, handed_over_at: string | null, handed_over_by_name: string | null, 
/**
 * The collector's name as typed at the hand-over.
 */
collected_by: string | null, signed: boolean, };

export type MailStatus = "waiting" | "handed_over";

export type MatchForListing = { listing_id: number, limit: number, };

export type MatchForProspect = { prospect_id: number, 
/**
 * Rows returned (1–200).
 */
limit: number, };

export type MatchReason = "over_budget" | "too_few_rooms" | "too_small" | "available_late" | "missing_furnished" | "missing_pets" | "missing_parking" | "term_too_short";

export type MatchReasonView = { code: MatchReason, 
/**
 * In the caller's language: "Over budget by 2000.00".
 */
text: string, };

export type Me = { id: number, username: string, display_name: string, role: Role, department: Department, languages: Array<string>, locale: string | null, permissions: Array<Permission>, };

export type MyCasesQuery = { 
/**
 * None: every open case.
 */
status: CaseStatus | null, page: number, page_size: number, };

export type MyWorkOrdersQuery = { 
/**
 * The actor's department's orders that nobody has taken yet, instead of their own.
 */
unassigned_in_my_department: boolean, page: number, page_size: number, };

export type NewPrice = { 
/**
 * "65", "65.5" or "65.50", in the catalog's currency.
 */
amount: string, 
/**
 * YYYY-MM-DD.
 */
effective_from: string, };

export type NoteAdd = { statement_id: number, version: number, kind: NoteKind, 
/**
 * Before tax, "20".
 */
amount: string, 
/**
 * Percent ("6"); blank for none.
 */
tax_rate: string | null, reason: string, };

export type NoteKind = "credit" | "debit";

export type NoteView = { id: number, kind: NoteKind, amount_cents: number, tax_rate: string | null, reason: string, 
/**
 * The later statement that carries it; null until the next run.
 */
billed_number: string | null, created_at: string, staff_name: string, };

export type NoticeAudience = "all" | "building" | "floors" | "units";

export type NoticeDeliveryQuery = { notice_id: number, 
/**
 * Only delivered (true) or only not yet delivered (false).
 */
delivered: boolean | null, building_id: number | null, page: number, page_size: number, };

export type NoticeDeliveryRow = { id: number, unit_id: number, 
/**
 * "A座 1203".
 */
unit_label: string, customer_id: number | null, customer_name: string | null, recipient_role: OccupancyRole | null, 
/**
 * The language of this unit's page.
 */
language: string, 
/**
 * The recipient prefers a language the notice has no text in.
 */
fell_back: boolean, 
/**
 * RFC 3339
 */
delivered_at: string | null, delivered_by_name: string | null, };

export type NoticeDetail = { row: NoticeRow, texts: Array<NoticeTextView>, 
/**
 * Languages a notice may be written in that have no text yet.
 */
missing: Array<string>, units: Array<NoticeUnitRef>, 
/**
 * Recipients whose page falls back to the default language (issued notices).
 */
fell_back: number, history: Array<ChangeEntry>, };

export type NoticeEdit = { id: number, version: number, notice: NoticeInput, };

export type NoticeGet = { id: number, };

export type NoticeInput = { kind: NoticeKind, 
/**
 * The text given to recipients whose language has none; it must have a text.
 */
default_language: string, 
/**
 * YYYY-MM-DD: what `{date}` reads as, with `event_end` for a span of days.
 */
event_date: string | null, event_end: string | null, audience: NoticeAudience, 
/**
 * For `building` and `floors`.
 */
building_id: number | null, 
/**
 * For `floors`: first and last floor, inclusive.
 */
floor_from: number | null, floor_to: number | null, 
/**
 * For `units`.
 */
unit_ids: Array<number>, 
/**
 * One per language written; replaced as a whole on edit.
 */
texts: Array<NoticeTextInput>, };

export type NoticeKind = "water_cut" | "power_cut" | "fire_drill" | "holiday_hours" | "event" | "maintenance" | "other";

export type NoticeMarkDelivered = { notice_id: number, delivery_ids: Array<number>, delivered: boolean, };

export type NoticeMarked = { 
/**
 * Rows changed; rows already as asked are left as they were.
 */
changed: number, };

export type NoticePrint = { id: number, 
/**
 * Only these deliveries' pages (a reprint); empty prints every unit.
 */
delivery_ids: Array<number>, };

export type NoticeQuery = { status: NoticeStatus | null, kind: NoticeKind | null, page: number, page_size: number, };

export type NoticeRow = { id: number, version: number, kind: NoticeKind, status: NoticeStatus, 
/**
 * In the caller's language, else the default language's.
 */
title: string, default_language: string, 
/**
 * Languages with a text.
 */
languages: Array<string>, audience: NoticeAudience, building_id: number | null, building_name: string | null, floor_from: number | null, floor_to: number | null, 
/**
 * Listed units (audience `units`).
 */
unit_count: number, 
/**
 * YYYY-MM-DD
 */
event_date: string | null, event_end: string | null, 
/**
 * Units the issued notice went to, and how many have it delivered.
 */
deliveries: number, delivered: number, 
/**
 * RFC 3339
 */
issued_at: string | null, updated_at: string, };

export type NoticeSetStatus = { id: number, version: number, };

export type NoticeStatus = "draft" | "issued" | "withdrawn";

export type NoticeTextInput = { 
/**
 * One of [`languages`].
 */
language: string, title: string, 
/**
 * May hold `{unit}`, `{date}` and `{name}`.
 */
body: string, };

export type NoticeTextView = { language: string, title: string, body: string, };

export type NoticeUnitRef = { unit_id: number, unit_label: string, };

export type OccupancyAdd = { customer_id: number, unit_id: number, role: OccupancyRole, start_date: string, };

export type OccupancyEnd = { id: number, version: number, end_date: string, };

export type OccupancyRole = "owner" | "tenant" | "occupant";

export type OccupancyRow = { id: number, version: number, customer_id: number, customer_name: string, unit_id: number, 
/**
 * Building and number, e.g. "A座 1203".
 */
unit_label: string, role: OccupancyRole, 
/**
 * YYYY-MM-DD
 */
start_date: string, end_date: string | null, current: boolean, };

export type OwnerLeases = { as_of: string, 
/**
 * Leases of the owner's units not yet ended, soonest end first; those ending within
 * 90 days carry their reminder.
 */
leases: Array<LeaseReminder>, };

export type PackageCreate = { package: PackageInput, };

export type PackageDetail = { id: number, version: number, customer_id: number, customer_name: string, customer_language: string, unit_id: number | null, unit_label: string | null, owner_name: string, starts_on: string, ends_on: string | null, window_start: string | null, window_end: string | null, notes: string, active: boolean, items: Array<PackageItemView>, pauses: Array<PauseView>, 
/**
 * Visits from today on, soonest first (up to 40).
 */
next_visits: Array<VisitView>, 
/**
 * Visits before today, latest first (up to 40).
 */
past_visits: Array<VisitView>, history: Array<ChangeEntry>, 
/**
 * The office's date today, as the schedule sees it.
 */
today: string, created_at: string, updated_at: string, };

export type PackageEdit = { id: number, version: number, package: PackageInput, };

export type PackageGet = { id: number, };

export type PackageInput = { customer_id: number, unit_id: number | null, starts_on: string, ends_on: string | null, window_start: string | null, window_end: string | null, 
/**
 * "Key at the desk", "no visits during Chinese New Year".
 */
notes: string, 
/**
 * Items left out of an edit end: their future visits are cancelled.
 */
items: Array<PackageItemInput>, };

export type PackageItemInput = { 
/**
 * An existing item being edited; null for a new one.
 */
id: number | null, service_id: number, 
/**
 * RFC 5545 RRULE value, e.g. "FREQ=WEEKLY;BYDAY=TU".
 */
rule: string, 
/**
 * YYYY-MM-DD; the rule's first day.
 */
starts_on: string, ends_on: string | null, 
/**
 * "HH:MM"; blank for the package's window.
 */
window_start: string | null, window_end: string | null, 
/**
 * Units of the service per visit ("1", "1.5" hours); blank for 1.
 */
quantity: string | null, notes: string, };

export type PackageItemView = { id: number, version: number, service_id: number, service_name: string, department: Department, unit: ServiceUnit, rule: string, starts_on: string, ends_on: string | null, window_start: string | null, window_end: string | null, 
/**
 * "1", "1.5".
 */
quantity: string, notes: string, active: boolean, 
/**
 * The rule's next dates from today (pauses left out), up to eight.
 */
upcoming: Array<string>, };

export type PackagePauseAdd = { id: number, version: number, 
/**
 * YYYY-MM-DD, both included.
 */
from_date: string, to_date: string, note: string, };

export type PackagePauseRemove = { id: number, version: number, pause_id: number, };

export type PackageQuery = { 
/**
 * Part of the customer's name.
 */
search: string | null, customer_id: number | null, include_inactive: boolean, page: number, page_size: number, };

export type PackageRow = { id: number, version: number, customer_id: number, customer_name: string, unit_label: string | null, 
/**
 * The services' names in the caller's language.
 */
services: Array<string>, starts_on: string, ends_on: string | null, active: boolean, 
/**
 * The next planned visit's date, if one is written.
 */
next_visit: string | null, };

export type PackageSetActive = { id: number, version: number, active: boolean, };

export type Page<T> = { items: Array<T>, total: number, 
/**
 * Set when counting stopped early: there are at least `total` items (show "1000+").
 */
total_is_lower_bound: boolean, page: number, page_size: number, };

export type PauseView = { id: number, from_date: string, to_date: string, note: string, };

export type PaymentAdd = { statement_id: number, version: number, 
/**
 * "150", "150.5".
 */
amount: string, 
/**
 * YYYY-MM-DD.
 */
paid_on: string, method: PaymentMethod, reference: string, };

export type PaymentMethod = "cash" | "bank_transfer" | "wechat_pay" | "alipay" | "card" | "other";

export type PaymentView = { id: number, amount_cents: number, paid_on: string, method: PaymentMethod, reference: string, staff_name: string, };

export type Permission = "customer_read" | "customer_write" | "customer_reveal_id" | "unit_read" | "unit_write" | "staff_read" | "staff_manage" | "settings_manage" | "audit_read" | "case_read" | "case_open" | "case_edit" | "work_order_dispatch" | "work_order_work" | "follow_up_record" | "supplier_read" | "supplier_write" | "desk_settings" | "desk_dashboard" | "desk_escalate" | "alert_read" | "attachment_add" | "catalog_read" | "catalog_write" | "package_read" | "package_write" | "statement_read" | "statement_issue" | "statement_correct" | "convenience_read" | "convenience_write" | "leasing_read" | "leasing_write" | "contact_record" | "notice_read" | "notice_write" | "notice_deliver" | "knowledge_write" | "directory_import";

export type Price = { 
/**
 * YYYY-MM-DD.
 */
effective_from: string, 
/**
 * "65.00".
 */
amount: string, amount_cents: number, currency: string, };

export type PriceOn = { id: number, date: string, 
/**
 * Null before the service's first price.
 */
price: Price | null, };

export type Priority = "low" | "normal" | "high" | "urgent";

export type ProspectDetail = { row: ProspectRow, notes: string, referrals: Array<ReferralRow>, history: Array<ChangeEntry>, };

export type ProspectEdit = { id: number, version: number, prospect: ProspectInput, };

export type ProspectGet = { id: number, };

export type ProspectInput = { name: string, company: string, phone: string, email: string, 
/**
 * A customer language: zh-CN, en, ja, ko.
 */
preferred_language: string, 
/**
 * ISO 3166 two letters, "JP".
 */
nationality: string | null, 
/**
 * Monthly rent range; blank for no limit.
 */
budget_min: string | null, budget_max: string | null, rooms_min: number | null, 
/**
 * m², "80".
 */
area_min: string | null, 
/**
 * YYYY-MM-DD
 */
move_in: string | null, term_months: number | null, must_haves: Array<ListingFeature>, source: ProspectSource, 
/**
 * The agency that brought the prospect (source agency).
 */
agency_id: number | null, notes: string, active: boolean, };

export type ProspectMatch = { prospect: ProspectRow, score: number, reasons: Array<MatchReasonView>, };

export type ProspectQuery = { 
/**
 * Part of the name or company.
 */
search: string | null, source: ProspectSource | null, agency_id: number | null, include_inactive: boolean, page: number, page_size: number, };

export type ProspectRow = { id: number, version: number, name: string, company: string, phone: string, email: string, preferred_language: string, nationality: string | null, budget_min: string | null, budget_max: string | null, rooms_min: number | null, area_min: string | null, move_in: string | null, term_months: number | null, must_haves: Array<ListingFeature>, source: ProspectSource, agency_id: number | null, agency_name: string | null, 
/**
 * The tenant customer once a lease is signed.
 */
customer_id: number | null, active: boolean, };

export type ProspectSource = "walk_in" | "agency" | "resident" | "online";

export type ReceiverCount = { staff_id: number, staff_name: string, n: number, };

export type ReferralBoard = { columns: Array<BoardColumn>, };

export type ReferralBoardQuery = { agency_id: number | null, listing_id: number | null, 
/**
 * Rows per column (1–100).
 */
per_stage: number, };

export type ReferralCreate = { listing_id: number, prospect_id: number, 
/**
 * Referred through this agency; null for a direct referral.
 */
agency_id: number | null, note: string, };

export type ReferralDetail = { row: ReferralRow, 
/**
 * The versions a signing must name.
 */
listing_version: number, prospect_version: number, steps: Array<ReferralStepView>, viewings: Array<ViewingRow>, lease: LeaseRow | null, commission: CommissionRow | null, history: Array<ChangeEntry>, };

export type ReferralGet = { id: number, };

export type ReferralMove = { id: number, version: number, to: ReferralStage, 
/**
 * Required for withdrawn and lost.
 */
reason: string | null, note: string, };

export type ReferralQuery = { stage: ReferralStage | null, agency_id: number | null, listing_id: number | null, prospect_id: number | null, page: number, page_size: number, };

export type ReferralRow = { id: number, version: number, listing_id: number, listing_title: string, unit_label: string, asking_rent: string, prospect_id: number, prospect_name: string, prospect_language: string, agency_id: number | null, agency_name: string | null, stage: ReferralStage, lost_reason: string | null, 
/**
 * The next scheduled viewing's start (RFC 3339).
 */
next_viewing: string | null, 
/**
 * When the referral entered its current stage (RFC 3339): the board's "days in stage".
 */
stage_since: string, created_at: string, updated_at: string, };

export type ReferralSign = { id: number, version: number, listing_version: number, prospect_version: number, 
/**
 * YYYY-MM-DD; the tenant's occupancy starts then.
 */
starts_on: string, ends_on: string, 
/**
 * "12000.00".
 */
monthly_rent: string, deposit: string, 
/**
 * Day of the month rent is due, 1–31.
 */
payment_day: number, };

export type ReferralStage = "referred" | "viewing_scheduled" | "viewed" | "offer" | "signed" | "withdrawn" | "lost";

export type ReferralStepView = { from: ReferralStage | null, to: ReferralStage, at: string, staff_name: string, note: string, };

export type RevealedId = { number: string, };

export type Role = "manager" | "desk" | "department" | "leasing";

export type ScheduleReport = { packages: number, 
/**
 * Visits written with their work orders.
 */
created: number, 
/**
 * Planned orders sent to their department as their day came near.
 */
dispatched: number, 
/**
 * Future visits the package no longer wants (edited, paused, stopped).
 */
cancelled: number, 
/**
 * Future orders whose time or instructions followed a package edit.
 */
updated: number, };

export type ScheduleRun = { 
/**
 * One package, or every active package when null.
 */
package_id: number | null, };

export type ServerBackup = { at: string, 
/**
 * The file's name only (the server's folders are not shown to desks).
 */
file: string, size_bytes: number, };

export type ServiceText = { 
/**
 * One of the customer languages (zh-CN, en, ja, ko).
 */
language: string, name: string, description: string, };

export type ServiceUnit = "per_visit" | "per_hour" | "per_month" | "per_item";

export type Session = { token: string | null, locale: string, 
/**
 * Sent by a timer rather than by the person (a list refreshing itself, the shell's
 * sweep): it does not keep the session from locking when idle.
 */
background: boolean, };

export type SessionLimits = { 
/**
 * Bumped on every save, so two managers editing at once do not overwrite each other.
 */
version: number, 
/**
 * Minutes without activity after which a session locks (1–480).
 */
idle_lock_minutes: number, 
/**
 * Hours after sign-in after which a session ends, however active (1–24).
 */
session_hours: number, };

export type SessionStatus = { 
/**
 * Only the password unlocks it; other commands answer `session_locked`.
 */
locked: boolean, 
/**
 * Minutes without input after which the screen locks.
 */
idle_lock_minutes: number, 
/**
 * When the session ends however active (RFC 3339).
 */
ends_at: string, };

export type SessionUnlock = { password: string, };

export type SetMyLocale = { locale: string, };

export type SetupInput = { username: string, display_name: string, password: string, locale: string, load_demo: boolean, };

export type Speaker = { staff_id: number, username: string, display_name: string, department: Department, level: LanguageLevel, 
/**
 * Open cases owned and pending follow-ups.
 */
load: bigint, };

export type SpeakerQuery = { language: string, 
/**
 * Only staff of this department (a work order's assignees).
 */
department: Department | null, };

export type StaffCard = { id: number, username: string, display_name: string, department: Department, languages: Array<LanguageSkill>, };

export type StaffInput = { username: string, display_name: string, role: Role, department: Department, languages: Array<LanguageSkill>, password: string | null, 
/**
 * Department supervisor: the first to hear of an overdue work order.
 */
supervisor: boolean, 
/**
 * Branch or head-office quality: the upper escalation levels.
 */
escalation_tier: EscalationTier | null, };

export type StaffLookupQuery = { search: string | null, department: Department | null, page: number, page_size: number, };

export type StaffQuery = { search: string | null, department: Department | null, include_inactive: boolean, page: number, page_size: number, };

export type StaffRow = { id: number, version: number, username: string, display_name: string, role: Role, department: Department, languages: Array<LanguageSkill>, active: boolean, has_password: boolean, supervisor: boolean, escalation_tier: EscalationTier | null, 
/**
 * Locked after too many failed sign-ins; a manager unlocks it.
 */
locked: boolean, };

export type StaffSetPassword = { id: number, password: string, };

export type StaffUnlock = { id: number, };

export type StaffUpdate = { id: number, version: number, display_name: string, role: Role, department: Department, languages: Array<LanguageSkill>, active: boolean, 
/**
 * Department supervisor: the first to hear of an overdue work order.
 */
supervisor: boolean, 
/**
 * Branch or head-office quality: the upper escalation levels.
 */
escalation_tier: EscalationTier | null, };

export type StatementDetail = { unit_label: string | null, subtotal_cents: number, tax_cents: number, lines: Array<StatementLineView>, payments: Array<PaymentView>, 
/**
 * Corrections raised against this statement.
 */
notes: Array<NoteView>, issued_by: string, id: number, version: number, number: string, customer_id: number, customer_name: string, month: string, language: string, currency: string, total_cents: number, paid_cents: number, balance_cents: number, status: StatementStatus, issued_at: string, sent_at: string | null, };

export type StatementExport = { 
/**
 * "2026-12".
 */
month: string, };

export type StatementGet = { id: number, };

export type StatementLineView = { kind: LineKind, 
/**
 * YYYY-MM-DD.
 */
date: string, description: string, 
/**
 * A `ServiceUnit` value, or "" for charges and notes.
 */
unit: string, 
/**
 * "1", "1.5".
 */
quantity: string, unit_price_cents: number, 
/**
 * Percent as text; null when untaxed.
 */
tax_rate: string | null, net_cents: number, tax_cents: number, gross_cents: number, };

export type StatementMarkSent = { id: number, version: number, };

export type StatementPdf = { id: number, };

export type StatementQuery = { month: string | null, customer_id: number | null, 
/**
 * Only statements with something still owed.
 */
unpaid_only: boolean, page: number, page_size: number, };

export type StatementRow = { id: number, version: number, number: string, customer_id: number, customer_name: string, month: string, language: string, currency: string, total_cents: number, paid_cents: number, balance_cents: number, status: StatementStatus, issued_at: string, sent_at: string | null, };

export type StatementRun = { 
/**
 * "2026-12".
 */
month: string, 
/**
 * Customers after this id; null to start.
 */
after: number | null, 
/**
 * Customers per call (default 200, at most 1,000).
 */
batch: number | null, };

export type StatementRunProgress = { 
/**
 * Customers looked at in this call.
 */
processed: number, 
/**
 * Statements issued in this call.
 */
issued: number, 
/**
 * Customers still to look at after this call.
 */
remaining: number, 
/**
 * Where the next call starts; null when done.
 */
next_after: number | null, done: boolean, };

export type StatementStatus = "issued" | "sent" | "part_paid" | "paid" | "credit";

export type StorageCollect = { id: number, version: number, collected_by: string, };

export type StorageDeposit = { 
/**
 * What it is ("a box of documents", "keys").
 */
description: string, unit_id: number | null, customer_id: number | null, deposited_by: string, deposited_for: string, location: string, notes: string, };

export type StorageDetail = { item: StorageRow, history: Array<ChangeEntry>, };

export type StorageGet = { id: number, };

export type StorageQuery = { status: StorageStatus | null, unit_id: number | null, page: number, page_size: number, };

export type StorageRow = { id: number, version: number, status: StorageStatus, description: string, unit_id: number | null, unit_label: string | null, customer_id: number | null, customer_name: string | null, 
/**
 * Who brought it.
 */
deposited_by: string, 
/**
 * Who is to collect it.
 */
deposited_for: string, 
/**
 * Where it is kept.
 */
location: string, notes: string, 
/**
 * RFC 3339.
 */
deposited_at: string, received_by_name: string, collected_at: string | null, collected_by: string | null, handed_over_by_name: string | null, };

export type StorageStatus = "stored" | "collected";

export type Supplier = { id: number, version: number, name: string, trade: string, contact: string, phone: string, notes: string, active: boolean, };

export type SupplierInput = { name: string, 
/**
 * What they do: "电梯维保", "plumbing".
 */
trade: string, contact: string, phone: string, notes: string, active: boolean, };

export type SupplierQuery = { include_inactive: boolean, };

export type SupplierUpdate = { id: number, version: number, supplier: SupplierInput, };

export type TimelineEntry = { id: number, at: string, kind: CaseEventKind, work_order_id: number | null, staff_id: number | null, staff_name: string | null, note: string, 
/**
 * From/to statuses, field changes, score… as stored.
 */
data: Record<string, unknown>, };

export type UnitDetail = { unit: UnitRow, version: number, occupancies: Array<OccupancyRow>, };

export type UnitGet = { id: number, };

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

export type UnitStatus = "vacant" | "occupied" | "for_rent" | "renovating";

export type UnitUpdate = { id: number, version: number, use_kind: UnitUse, status: UnitStatus, area_m2: string, };

export type UnitUse = "residential" | "office" | "shop";

export type ViewingEdit = { id: number, version: number, starts_at: string, ends_at: string, staff_id: number | null, remind_at: string | null, notes: string, 
/**
 * Cancels the appointment (the referral stays where it is).
 */
cancel: boolean, };

export type ViewingQuery = { 
/**
 * RFC 3339 instants: viewings starting in [from, to).
 */
from: string, to: string, staff_id: number | null, include_cancelled: boolean, };

export type ViewingRecord = { id: number, version: number, 
/**
 * How it went.
 */
notes: string, };

export type ViewingRow = { id: number, version: number, referral_id: number, referral_stage: ReferralStage, listing_id: number, listing_title: string, unit_label: string, prospect_id: number, prospect_name: string, prospect_language: string, agency_name: string | null, starts_at: string, ends_at: string, staff_id: number, staff_name: string, status: ViewingStatus, remind_at: string | null, 
/**
 * Scheduled, and its reminder time has come (as of the call).
 */
remind_now: boolean, notes: string, };

export type ViewingSchedule = { referral_id: number, 
/**
 * RFC 3339.
 */
starts_at: string, ends_at: string, 
/**
 * Who shows the unit; null for the caller.
 */
staff_id: number | null, 
/**
 * When the calendar reminds (RFC 3339); null for none.
 */
remind_at: string | null, notes: string, };

export type ViewingStatus = "scheduled" | "done" | "cancelled";

export type VisitExtra = { package_id: number, item_id: number, 
/**
 * YYYY-MM-DD, today or later.
 */
date: string, quantity: string | null, note: string, };

export type VisitSkip = { 
/**
 * The visit.
 */
id: number, version: number, 
/**
 * "Customer away".
 */
reason: string, };

export type VisitStatus = "planned" | "skipped" | "cancelled";

export type VisitView = { id: number, version: number, item_id: number, service_name: string, date: string, 
/**
 * Added by hand, outside the rule.
 */
extra: boolean, status: VisitStatus, quantity: string, reason: string | null, case_id: number | null, work_order_id: number | null, 
/**
 * "C000123-2".
 */
work_order_number: string | null, work_order_status: WorkOrderStatus | null, due_at: string | null, };

export type WorkOrderAssign = { id: number, version: number, assignee_id: number | null, };

export type WorkOrderChargeAdd = { work_order_id: number, kind: ChargeKind, description: string, 
/**
 * Decimal text, up to three places: "1.5" hours.
 */
quantity: string, 
/**
 * Decimal text, up to two places: "80.00".
 */
unit_price: string, };

export type WorkOrderDispatch = { case_id: number, 
/**
 * A department, a supplier, or both (a department overseeing a supplier).
 */
department: Department | null, supplier_id: number | null, assignee_id: number | null, instructions: string, 
/**
 * None takes the case's.
 */
priority: Priority | null, 
/**
 * RFC 3339; none takes the case's completion due time.
 */
due_at: string | null, 
/**
 * Keep as `new` (not yet sent); dispatch it later with a move.
 */
draft: boolean, };

export type WorkOrderQuery = { status: WorkOrderStatus | null, 
/**
 * Only active (not verified or cancelled) orders.
 */
active: boolean | null, department: Department | null, assignee_id: number | null, 
/**
 * Only orders nobody is assigned to.
 */
unassigned: boolean, supplier_id: number | null, overdue: boolean | null, page: number, page_size: number, };

export type WorkOrderRow = { id: number, number: string, case_id: number, case_title: string, version: number, department: Department | null, supplier_name: string | null, assignee_id: number | null, assignee_name: string | null, priority: Priority, status: WorkOrderStatus, instructions: string, due_at: string, overdue: boolean, escalation_level: number, };

export type WorkOrderSlipInput = { work_order_id: number, 
/**
 * The screen's offset from UTC, so printed times read as on the office clock.
 */
utc_offset_minutes: number, };

export type WorkOrderStatus = "new" | "dispatched" | "accepted" | "in_progress" | "paused" | "done" | "verified" | "cancelled";

export type WorkOrderStatusCount = { status: WorkOrderStatus, n: number, };

export type WorkOrderTransition = { id: number, version: number, to: WorkOrderStatus, 
/**
 * Required when reporting done.
 */
result: string | null, 
/**
 * Required to pause, send back or cancel.
 */
reason: string | null, };

export type WorkOrderView = { id: number, 
/**
 * "C000123-2".
 */
number: string, case_id: number, version: number, department: Department | null, supplier_id: number | null, supplier_name: string | null, assignee_id: number | null, assignee_name: string | null, instructions: string, priority: Priority, status: WorkOrderStatus, resume_status: WorkOrderStatus | null, due_at: string, overdue: boolean, result: string | null, reason: string | null, dispatched_at: string | null, accepted_at: string | null, started_at: string | null, done_at: string | null, verified_at: string | null, cancelled_at: string | null, escalation_level: number, charges: Array<ChargeRow>, charges_total: string, };

export const ERROR_CODES = ["validation", "not_found", "forbidden", "conflict", "unauthenticated", "session_locked", "invalid_credentials", "rate_limited", "account_locked", "already_set_up", "database", "internal", "server_unreachable", "server_certificate_changed", "server_incompatible", "too_large"] as const;

export const VOCABULARIES = {
  role: ["manager", "desk", "department", "leasing"],
  department: ["management", "customer_service", "engineering", "security", "cleaning", "landscaping", "public_affairs", "quality", "leasing"],
  unit_use: ["residential", "office", "shop"],
  unit_status: ["vacant", "occupied", "for_rent", "renovating"],
  customer_kind: ["person", "company"],
  occupancy_role: ["owner", "tenant", "occupant"],
  id_document_kind: ["resident_id", "passport", "business_license", "other"],
  audit_event: ["login_ok", "login_failed", "logout", "refused", "id_revealed", "setup", "staff_deactivated", "password_set", "session_locked", "session_unlocked", "session_limits_changed", "connection_changed", "staff_created", "role_changed", "department_changed", "staff_reactivated", "password_reset", "account_locked", "account_unlocked", "backup_restored"],
  change_action: ["create", "update", "delete"],
  database_kind: ["sqlite", "postgres"],
  history_entity: ["customer", "occupancy", "unit", "supplier", "catalog_service", "package", "mail_item", "storage_item", "lend_item", "loan", "listing", "agency", "prospect", "referral", "notice", "kb_answer"],
  case_kind: ["repair", "complaint", "suggestion", "inquiry", "service_request", "praise"],
  channel: ["hotline", "walk_in", "letter", "online", "patrol", "other"],
  priority: ["low", "normal", "high", "urgent"],
  case_status: ["new", "in_progress", "awaiting_follow_up", "closed"],
  work_order_status: ["new", "dispatched", "accepted", "in_progress", "paused", "done", "verified", "cancelled"],
  charge_kind: ["labour", "material", "other"],
  case_event_kind: ["received", "edited", "dispatched", "accepted", "started", "paused", "resumed", "done", "verified", "sent_back", "cancelled", "handed_over", "escalated", "follow_up_attempt", "followed_up", "reopened", "closed", "resolved", "attachment_added", "charge_added", "note"],
  follow_up_status: ["pending", "done", "unreachable"],
  attempt_outcome: ["no_answer", "busy", "wrong_number", "reached"],
  alert_kind: ["overdue_response", "overdue_completion", "overdue_work_order", "dissatisfied"],
  escalation_tier: ["branch", "head_office"],
  language_level: ["native", "fluent", "working", "basic"],
  consultation_topic: ["shopping", "transport", "travel", "everyday_life", "car_rental", "medical", "schools", "visas", "other"],
  service_unit: ["per_visit", "per_hour", "per_month", "per_item"],
  visit_status: ["planned", "skipped", "cancelled"],
  line_kind: ["visit", "month_fee", "charge", "credit", "debit"],
  note_kind: ["credit", "debit"],
  payment_method: ["cash", "bank_transfer", "wechat_pay", "alipay", "card", "other"],
  mail_kind: ["letter", "newspaper", "parcel"],
  mail_status: ["waiting", "handed_over"],
  storage_status: ["stored", "collected"],
  lend_kind: ["umbrella", "cart", "pet_bag", "other"],
  loan_status: ["out", "returned"],
  listing_status: ["draft", "open", "reserved", "let", "withdrawn"],
  commission_kind: ["percent_of_rent", "fixed"],
  prospect_source: ["walk_in", "agency", "resident", "online"],
  referral_stage: ["referred", "viewing_scheduled", "viewed", "offer", "signed", "withdrawn", "lost"],
  viewing_status: ["scheduled", "done", "cancelled"],
  listing_feature: ["furnished", "pets", "parking"],
  match_reason: ["over_budget", "too_few_rooms", "too_small", "available_late", "missing_furnished", "missing_pets", "missing_parking", "term_too_short"],
  leasing_reminder_kind: ["lease_ending_90", "lease_ending_60", "lease_ending_30", "commission_due"],
  contact_kind: ["call", "visit", "letter", "message", "notice", "confirmation", "other"],
  contact_direction: ["in", "out"],
  confirmation_subject: ["case", "work_order", "statement", "mail_item"],
  contact_channel: ["printed", "sms", "messaging_app", "email", "in_person"],
  notice_kind: ["water_cut", "power_cut", "fire_drill", "holiday_hours", "event", "maintenance", "other"],
  notice_status: ["draft", "issued", "withdrawn"],
  notice_audience: ["all", "building", "floors", "units"],
  import_kind: ["units", "customers", "occupancies"],
} as const;

export interface Commands {
  app_status: { input: null; output: AppStatus };
  locale_catalogs: { input: null; output: Array<DroppedCatalog> };
  setup_first_manager: { input: SetupInput; output: LoginResult };
  login: { input: LoginInput; output: LoginResult };
  logout: { input: null; output: null };
  me: { input: null; output: Me };
  session_status: { input: null; output: SessionStatus };
  session_lock: { input: null; output: null };
  session_unlock: { input: SessionUnlock; output: Me };
  session_limits_get: { input: null; output: SessionLimits };
  session_limits_save: { input: SessionLimits; output: SessionLimits };
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
  contact_list: { input: ContactQuery; output: Page<ContactRow> };
  contact_record: { input: ContactInput; output: ContactRow };
  confirmation_get: { input: ConfirmationGet; output: Confirmation };
  confirmation_print: { input: ConfirmationGet; output: Document };
  confirmation_given: { input: ConfirmationGiven; output: ContactRow };
  staff_list: { input: StaffQuery; output: Page<StaffRow> };
  staff_lookup: { input: StaffLookupQuery; output: Page<StaffCard> };
  staff_create: { input: StaffInput; output: StaffRow };
  staff_update: { input: StaffUpdate; output: StaffRow };
  staff_set_password: { input: StaffSetPassword; output: null };
  staff_unlock: { input: StaffUnlock; output: StaffRow };
  audit_list: { input: AuditQuery; output: Page<AuditRow> };
  connection_change_record: { input: ConnectionChange; output: ConnectionChangeRecorded };
  case_open: { input: CaseOpen; output: CaseDetail };
  case_get: { input: CaseGet; output: CaseDetail };
  case_edit: { input: CaseEdit; output: CaseDetail };
  case_handover: { input: CaseHandover; output: CaseDetail };
  case_resolve: { input: CaseResolve; output: CaseDetail };
  case_list: { input: CaseQuery; output: Page<CaseRow> };
  case_mine: { input: MyCasesQuery; output: Page<CaseRow> };
  case_kanban_counts: { input: KanbanQuery; output: KanbanCounts };
  desk_badges: { input: null; output: DeskBadges };
  work_order_dispatch: { input: WorkOrderDispatch; output: CaseDetail };
  work_order_transition: { input: WorkOrderTransition; output: CaseDetail };
  work_order_assign: { input: WorkOrderAssign; output: CaseDetail };
  work_order_charge_add: { input: WorkOrderChargeAdd; output: CaseDetail };
  work_order_list: { input: WorkOrderQuery; output: Page<WorkOrderRow> };
  work_order_mine: { input: MyWorkOrdersQuery; output: Page<WorkOrderRow> };
  follow_up_queue: { input: FollowUpQueueQuery; output: Page<FollowUpRow> };
  follow_up_attempt: { input: FollowUpAttempt; output: CaseDetail };
  follow_up_record: { input: FollowUpRecord; output: CaseDetail };
  follow_up_close_unreachable: { input: FollowUpUnreachable; output: CaseDetail };
  desk_escalate: { input: null; output: EscalationSweep };
  alert_list: { input: AlertQuery; output: Page<AlertRow> };
  alert_mark_read: { input: AlertMarkRead; output: null };
  desk_settings_get: { input: null; output: DeskSettingsView };
  desk_settings_save: { input: DeskSettingsSave; output: DeskSettingsView };
  supplier_list: { input: SupplierQuery; output: Array<Supplier> };
  supplier_create: { input: SupplierInput; output: Supplier };
  supplier_update: { input: SupplierUpdate; output: Supplier };
  attachment_add: { input: AttachmentAdd; output: AttachmentRow };
  attachment_list: { input: AttachmentList; output: Array<AttachmentRow> };
  attachment_get: { input: AttachmentGet; output: AttachmentFile };
  desk_dashboard: { input: DashboardQuery; output: Dashboard };
  desk_speakers: { input: SpeakerQuery; output: Array<Speaker> };
  case_language_contact: { input: CaseLanguageContact; output: CaseDetail };
  kb_list: { input: KbQuery; output: Page<KbRow> };
  kb_get: { input: KbGet; output: KbAnswerDetail };
  kb_create: { input: KbAnswerInput; output: KbAnswerDetail };
  kb_update: { input: KbAnswerUpdate; output: KbAnswerDetail };
  kb_use: { input: KbUse; output: CaseDetail };
  work_order_slip: { input: WorkOrderSlipInput; output: Document };
  catalog_list: { input: CatalogQuery; output: Page<CatalogRow> };
  catalog_get: { input: CatalogGet; output: CatalogDetail };
  catalog_create: { input: CatalogCreate; output: CatalogDetail };
  catalog_edit: { input: CatalogEdit; output: CatalogDetail };
  catalog_set_active: { input: CatalogSetActive; output: CatalogDetail };
  catalog_price_set: { input: CatalogPriceSet; output: CatalogDetail };
  catalog_price_on: { input: CatalogPriceOn; output: PriceOn };
  catalog_settings_get: { input: null; output: CatalogSettings };
  catalog_settings_save: { input: CatalogSettings; output: CatalogSettings };
  package_list: { input: PackageQuery; output: Page<PackageRow> };
  package_get: { input: PackageGet; output: PackageDetail };
  package_create: { input: PackageCreate; output: PackageDetail };
  package_edit: { input: PackageEdit; output: PackageDetail };
  package_set_active: { input: PackageSetActive; output: PackageDetail };
  package_pause_add: { input: PackagePauseAdd; output: PackageDetail };
  package_pause_remove: { input: PackagePauseRemove; output: PackageDetail };
  package_visit_skip: { input: VisitSkip; output: PackageDetail };
  package_visit_extra: { input: VisitExtra; output: PackageDetail };
  package_schedule_run: { input: ScheduleRun; output: ScheduleReport };
  statement_run: { input: StatementRun; output: StatementRunProgress };
  statement_list: { input: StatementQuery; output: Page<StatementRow> };
  statement_get: { input: StatementGet; output: StatementDetail };
  statement_mark_sent: { input: StatementMarkSent; output: StatementDetail };
  statement_payment_add: { input: PaymentAdd; output: StatementDetail };
  statement_note_add: { input: NoteAdd; output: StatementDetail };
  statement_pdf: { input: StatementPdf; output: Document };
  statement_export: { input: StatementExport; output: Document };
  customer_account: { input: CustomerAccountGet; output: CustomerAccount };
  mail_list: { input: MailQuery; output: Page<MailRow> };
  mail_get: { input: MailGet; output: MailDetail };
  mail_receive: { input: MailReceive; output: MailRow };
  mail_hand_over: { input: MailHandOver; output: MailRow };
  mail_notice: { input: MailNotice; output: Document };
  storage_list: { input: StorageQuery; output: Page<StorageRow> };
  storage_get: { input: StorageGet; output: StorageDetail };
  storage_deposit: { input: StorageDeposit; output: StorageRow };
  storage_collect: { input: StorageCollect; output: StorageRow };
  lend_item_list: { input: LendItemQuery; output: Page<LendItemRow> };
  lend_item_create: { input: LendItemInput; output: LendItemRow };
  lend_item_edit: { input: LendItemEdit; output: LendItemRow };
  loan_list: { input: LoanQuery; output: Page<LoanRow> };
  loan_lend: { input: LoanLend; output: LoanRow };
  loan_return: { input: LoanReturn; output: LoanRow };
  listing_list: { input: ListingQuery; output: Page<ListingRow> };
  listing_get: { input: ListingGet; output: ListingDetail };
  listing_create: { input: ListingCreate; output: ListingDetail };
  listing_edit: { input: ListingEdit; output: ListingDetail };
  listing_set_status: { input: ListingSetStatus; output: ListingDetail };
  listing_photo_add: { input: ListingPhotoAdd; output: ListingDetail };
  listing_photo_remove: { input: ListingPhotoRemove; output: ListingDetail };
  listing_photo_get: { input: ListingPhotoGet; output: ListingPhotoFile };
  listing_sheet: { input: ListingSheet; output: Document };
  agency_list: { input: AgencyQuery; output: Page<AgencyRow> };
  agency_get: { input: AgencyGet; output: AgencyDetail };
  agency_create: { input: AgencyInput; output: AgencyDetail };
  agency_edit: { input: AgencyEdit; output: AgencyDetail };
  prospect_list: { input: ProspectQuery; output: Page<ProspectRow> };
  prospect_get: { input: ProspectGet; output: ProspectDetail };
  prospect_create: { input: ProspectInput; output: ProspectDetail };
  prospect_edit: { input: ProspectEdit; output: ProspectDetail };
  referral_list: { input: ReferralQuery; output: Page<ReferralRow> };
  referral_board: { input: ReferralBoardQuery; output: ReferralBoard };
  referral_get: { input: ReferralGet; output: ReferralDetail };
  referral_create: { input: ReferralCreate; output: ReferralDetail };
  referral_move: { input: ReferralMove; output: ReferralDetail };
  referral_sign: { input: ReferralSign; output: ReferralDetail };
  match_for_prospect: { input: MatchForProspect; output: Array<ListingMatch> };
  match_for_listing: { input: MatchForListing; output: Array<ProspectMatch> };
  viewing_list: { input: ViewingQuery; output: Array<ViewingRow> };
  viewing_schedule: { input: ViewingSchedule; output: ReferralDetail };
  viewing_edit: { input: ViewingEdit; output: ViewingRow };
  viewing_record: { input: ViewingRecord; output: ReferralDetail };
  commission_list: { input: CommissionQuery; output: Page<CommissionRow> };
  commission_pay: { input: CommissionPay; output: CommissionRow };
  leasing_reminders: { input: LeasingRemindersQuery; output: LeasingReminders };
  leases_of_owner: { input: LeasesOfOwner; output: OwnerLeases };
  notice_languages: { input: null; output: Array<string> };
  notice_list: { input: NoticeQuery; output: Page<NoticeRow> };
  notice_get: { input: NoticeGet; output: NoticeDetail };
  notice_create: { input: NoticeInput; output: NoticeDetail };
  notice_edit: { input: NoticeEdit; output: NoticeDetail };
  notice_issue: { input: NoticeSetStatus; output: NoticeDetail };
  notice_withdraw: { input: NoticeSetStatus; output: NoticeDetail };
  notice_delivery_list: { input: NoticeDeliveryQuery; output: Page<NoticeDeliveryRow> };
  notice_mark_delivered: { input: NoticeMarkDelivered; output: NoticeMarked };
  notice_pdf: { input: NoticePrint; output: Document };
  backup_list: { input: null; output: BackupOverview };
  backup_now: { input: null; output: BackupMade };
  backup_restore: { input: BackupRestore; output: BackupRestored };
  backup_settings_save: { input: BackupSettings; output: BackupOverview };
  import_preview: { input: ImportFile; output: ImportPreview };
  import_commit: { input: ImportCommit; output: ImportResult };
  import_progress: { input: ImportRunGet; output: ImportProgress };
  import_cancel: { input: ImportRunGet; output: ImportProgress };
  list_export: { input: ListExport; output: Document };
}
