/**
 * TEMPORARY: the desk command types, hand-copied from core/src/desk/*.rs on branch `deskdata`
 * until its commands are registered and bindings.ts carries them. The augmentation below
 * adds them to `Commands`, so `call`, useCommand and usePagedList type-check today.
 * When the desk bindings land, this file becomes re-exports of bindings.ts.
 */
import type { Department, Page } from '../../lib/backend';
import type { CaseKind, CaseStatus, Channel, Priority, WorkOrderStatus } from './vocab';

export type { CaseKind, CaseStatus, Channel, Priority, WorkOrderStatus };
export type ChargeKind = 'labour' | 'material' | 'other';
export type FollowUpStatus = 'pending' | 'done' | 'unreachable';
export type AttemptOutcome = 'no_answer' | 'busy' | 'wrong_number' | 'reached';
export type AlertKind = 'overdue_response' | 'overdue_completion' | 'overdue_work_order' | 'dissatisfied';
export type CaseEventKind = import('./vocab').CaseEventKind;

export type DeskPermission =
  | 'case_read'
  | 'case_open'
  | 'case_edit'
  | 'work_order_dispatch'
  | 'work_order_work'
  | 'follow_up_record'
  | 'supplier_read'
  | 'supplier_write'
  | 'desk_settings'
  | 'desk_dashboard'
  | 'desk_escalate'
  | 'alert_read'
  | 'attachment_add';

export type CaseList<T> = { items: Array<T>; total: number; total_exact: boolean; page: number; page_size: number };

export type CaseOpen = {
  kind: CaseKind;
  channel: Channel;
  priority: Priority;
  title: string;
  description: string;
  customer_id: number | null;
  unit_id: number | null;
  caller_name: string | null;
  caller_phone: string | null;
  language: string | null;
};
export type CaseView = {
  id: number;
  number: string;
  version: number;
  kind: CaseKind;
  channel: Channel;
  priority: Priority;
  status: CaseStatus;
  title: string;
  description: string;
  customer_id: number | null;
  customer_name: string | null;
  unit_id: number | null;
  unit_label: string | null;
  caller_name: string | null;
  caller_phone: string | null;
  language: string;
  received_by: number;
  received_by_name: string;
  owner_id: number;
  owner_name: string;
  received_at: string;
  response_due_at: string;
  completion_due_at: string;
  due_at: string | null;
  overdue: boolean;
  responded_at: string | null;
  completed_at: string | null;
  closed_at: string | null;
  escalation_level: number;
  reopen_count: number;
  satisfaction: number | null;
};
export type TimelineEntry = {
  id: number;
  at: string;
  kind: CaseEventKind;
  work_order_id: number | null;
  staff_id: number | null;
  staff_name: string | null;
  note: string;
  data: Record<string, unknown>;
};
export type ChargeRow = {
  id: number;
  kind: ChargeKind;
  description: string;
  quantity: string;
  unit_price: string;
  amount: string;
  amount_cents: number;
  created_by_name: string;
  created_at: string;
};
export type WorkOrderView = {
  id: number;
  number: string;
  case_id: number;
  version: number;
  department: Department | null;
  supplier_id: number | null;
  supplier_name: string | null;
  assignee_id: number | null;
  assignee_name: string | null;
  instructions: string;
  priority: Priority;
  status: WorkOrderStatus;
  resume_status: WorkOrderStatus | null;
  due_at: string;
  overdue: boolean;
  result: string | null;
  reason: string | null;
  dispatched_at: string | null;
  accepted_at: string | null;
  started_at: string | null;
  done_at: string | null;
  verified_at: string | null;
  cancelled_at: string | null;
  escalation_level: number;
  charges: Array<ChargeRow>;
  charges_total: string;
};
export type AttemptRow = { id: number; at: string; staff_name: string; outcome: AttemptOutcome; next_at: string | null; note: string };
export type FollowUpView = {
  id: number;
  case_id: number;
  version: number;
  owner_id: number;
  owner_name: string;
  status: FollowUpStatus;
  due_at: string;
  attempts: number;
  satisfaction: number | null;
  remark: string | null;
  language: string;
  done_at: string | null;
  done_by_name: string | null;
  attempt_log: Array<AttemptRow>;
};
export type AttachmentRow = {
  id: number;
  case_id: number;
  work_order_id: number | null;
  file_name: string;
  mime: string;
  size: number;
  created_by_name: string;
  created_at: string;
};
export type CaseDetail = {
  case: CaseView;
  work_orders: Array<WorkOrderView>;
  follow_ups: Array<FollowUpView>;
  timeline: Array<TimelineEntry>;
  attachments: Array<AttachmentRow>;
};
export type CaseGet = { id: number };
export type CaseEdit = Omit<CaseOpen, never> & { id: number; version: number };
export type CaseHandover = { id: number; version: number; to_staff_id: number; reason: string };
export type CaseResolve = { id: number; version: number; resolution: string };
export type CaseQuery = {
  search: string | null;
  kind: CaseKind | null;
  status: CaseStatus | null;
  department: Department | null;
  owner_id: number | null;
  building_id: number | null;
  customer_id: number | null;
  unit_id: number | null;
  overdue: boolean | null;
  received_from: string | null;
  received_to: string | null;
  channel: Channel | null;
  language: string | null;
  page: number;
  page_size: number;
};
export type CaseRow = {
  id: number;
  number: string;
  kind: CaseKind;
  channel: Channel;
  priority: Priority;
  status: CaseStatus;
  title: string;
  customer_name: string | null;
  unit_label: string | null;
  owner_id: number;
  owner_name: string;
  language: string;
  received_at: string;
  due_at: string | null;
  overdue: boolean;
  escalation_level: number;
  satisfaction: number | null;
};
export type MyCasesQuery = { status: CaseStatus | null; page: number; page_size: number };
export type KanbanQuery = { owner_id: number | null; department: Department | null };
export type KanbanCounts = {
  cases: Array<{ status: CaseStatus; n: number }>;
  work_orders: Array<{ status: WorkOrderStatus; n: number }>;
};
export type DeskBadges = { my_cases: number; my_work_orders: number; follow_ups: number; unread_alerts: number };
export type WorkOrderDispatch = {
  case_id: number;
  department: Department | null;
  supplier_id: number | null;
  assignee_id: number | null;
  instructions: string;
  priority: Priority | null;
  due_at: string | null;
  draft: boolean;
};
export type WorkOrderTransition = { id: number; version: number; to: WorkOrderStatus; result: string | null; reason: string | null };
export type WorkOrderAssign = { id: number; version: number; assignee_id: number | null };
export type WorkOrderChargeAdd = { work_order_id: number; kind: ChargeKind; description: string; quantity: string; unit_price: string };
export type WorkOrderQuery = {
  status: WorkOrderStatus | null;
  active: boolean | null;
  department: Department | null;
  assignee_id: number | null;
  supplier_id: number | null;
  overdue: boolean | null;
  page: number;
  page_size: number;
};
export type WorkOrderRow = {
  id: number;
  number: string;
  case_id: number;
  case_title: string;
  version: number;
  department: Department | null;
  supplier_name: string | null;
  assignee_id: number | null;
  assignee_name: string | null;
  priority: Priority;
  status: WorkOrderStatus;
  instructions: string;
  due_at: string;
  overdue: boolean;
  escalation_level: number;
};
export type MyWorkOrdersQuery = { page: number; page_size: number };
export type FollowUpQueueQuery = { everyone: boolean; page: number; page_size: number };
export type FollowUpRow = {
  id: number;
  version: number;
  case_id: number;
  case_number: string;
  case_title: string;
  customer_name: string | null;
  caller_phone: string | null;
  owner_name: string;
  due_at: string;
  overdue: boolean;
  attempts: number;
  language: string;
};
export type FollowUpAttempt = { follow_up_id: number; version: number; outcome: AttemptOutcome; next_at: string | null; note: string };
export type FollowUpRecord = { follow_up_id: number; version: number; satisfaction: number; remark: string | null };
export type FollowUpUnreachable = { follow_up_id: number; version: number; note: string };
export type AlertQuery = { unread_only: boolean; page: number; page_size: number };
export type AlertRow = {
  id: number;
  case_id: number;
  case_number: string;
  case_title: string;
  work_order_id: number | null;
  level: number;
  kind: AlertKind;
  created_at: string;
  read_at: string | null;
};
export type AlertMarkRead = { ids: Array<number> };
export type Delays = { to_level_2: number; to_level_3: number; to_level_4: number };
export type DeskSettings = { delays: Delays; unreachable_after: number; follow_up_hours: number };
export type DueTarget = { kind: CaseKind; priority: Priority; response_minutes: number; completion_minutes: number };
export type DeskSettingsView = { targets: Array<DueTarget>; settings: DeskSettings };
export type DeskSettingsSave = DeskSettingsView;
export type Supplier = { id: number; version: number; name: string; trade: string; contact: string; phone: string; notes: string; active: boolean };
export type SupplierQuery = { include_inactive: boolean };
export type SupplierInput = { name: string; trade: string; contact: string; phone: string; notes: string; active: boolean };
export type SupplierUpdate = { id: number; version: number; supplier: SupplierInput };
export type AttachmentAdd = { case_id: number; work_order_id: number | null; file_name: string; mime: string; content_base64: string };
export type AttachmentList = { case_id: number };
export type AttachmentGet = { id: number };
export type AttachmentFile = { file_name: string; mime: string; sha256: string; content_base64: string };
export type DashboardQuery = { from: string; to: string };
export type DepartmentLoad = { department: Department | null; open: number; overdue: number };
export type LowScore = { case_id: number; case_number: string; case_title: string; satisfaction: number; remark: string | null; at: string };
export type Dashboard = {
  by_department: Array<DepartmentLoad>;
  cases_received: number;
  average_response_minutes: number | null;
  average_completion_minutes: number | null;
  satisfaction_average_centi: number | null;
  satisfaction_count: number;
  low_scores: Array<LowScore>;
  by_channel: Array<{ channel: Channel; n: number }>;
  by_receiver: Array<{ staff_id: number; staff_name: string; n: number }>;
};

declare module '../../lib/backend/bindings' {
  interface Commands {
    case_open: { input: CaseOpen; output: CaseDetail };
    case_get: { input: CaseGet; output: CaseDetail };
    case_edit: { input: CaseEdit; output: CaseDetail };
    case_handover: { input: CaseHandover; output: CaseDetail };
    case_resolve: { input: CaseResolve; output: CaseDetail };
    case_list: { input: CaseQuery; output: CaseList<CaseRow> };
    case_mine: { input: MyCasesQuery; output: CaseList<CaseRow> };
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
  }
}
