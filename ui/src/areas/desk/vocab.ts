/**
 * The desk's vocabularies, in display order. They mirror core/src/domain (design note §3);
 * once bindings.ts carries VOCABULARIES, these become re-exports of it.
 */
export const CASE_KINDS = ['repair', 'complaint', 'suggestion', 'inquiry', 'service_request', 'praise'] as const;
export const CHANNELS = ['hotline', 'walk_in', 'letter', 'online', 'patrol', 'other'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const CASE_STATUSES = ['new', 'in_progress', 'awaiting_follow_up', 'closed'] as const;
export const WORK_ORDER_STATUSES = [
  'new',
  'dispatched',
  'accepted',
  'in_progress',
  'paused',
  'done',
  'verified',
  'cancelled',
] as const;
export const CHARGE_KINDS = ['labour', 'material', 'other'] as const;
export const ATTEMPT_OUTCOMES = ['no_answer', 'busy', 'wrong_number', 'reached'] as const;
export const ALERT_KINDS = ['overdue_response', 'overdue_completion', 'dissatisfied'] as const;
export const CASE_EVENT_KINDS = [
  'received',
  'edited',
  'dispatched',
  'accepted',
  'started',
  'paused',
  'resumed',
  'done',
  'verified',
  'sent_back',
  'cancelled',
  'handed_over',
  'escalated',
  'follow_up_attempt',
  'followed_up',
  'reopened',
  'closed',
  'resolved',
  'attachment_added',
  'charge_added',
  'note',
] as const;

export type CaseKind = (typeof CASE_KINDS)[number];
export type Channel = (typeof CHANNELS)[number];
export type Priority = (typeof PRIORITIES)[number];
export type CaseStatus = (typeof CASE_STATUSES)[number];
export type WorkOrderStatus = (typeof WORK_ORDER_STATUSES)[number];
export type CaseEventKind = (typeof CASE_EVENT_KINDS)[number];
