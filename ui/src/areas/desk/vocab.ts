/**
 * The desk's vocabularies, in display order: the generated lists of bindings.ts (from
 * core/src/domain), so they never drift from the core.
 */
import { VOCABULARIES } from '../../lib/backend';

export const CASE_KINDS = VOCABULARIES.case_kind;
export const CHANNELS = VOCABULARIES.channel;
export const PRIORITIES = VOCABULARIES.priority;
export const CASE_STATUSES = VOCABULARIES.case_status;
export const WORK_ORDER_STATUSES = VOCABULARIES.work_order_status;
export const CHARGE_KINDS = VOCABULARIES.charge_kind;
export const ATTEMPT_OUTCOMES = VOCABULARIES.attempt_outcome;
export const ALERT_KINDS = VOCABULARIES.alert_kind;
export const CASE_EVENT_KINDS = VOCABULARIES.case_event_kind;

export type { CaseEventKind, CaseKind, CaseStatus, Channel, Priority, WorkOrderStatus } from '../../lib/backend';
