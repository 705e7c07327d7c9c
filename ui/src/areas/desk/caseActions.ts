/**
 * What the case page offers, mirroring the core's rules (core/src/desk/rules/transitions.rs):
 * a button is shown only for a move the core would allow this person; the core checks again
 * and its refusal is shown translated.
 */
import type { Department, Role } from '../../lib/backend';
import type { CaseStatus, CaseView, WorkOrderStatus, WorkOrderView } from './api';

export type WorkOrderAction = 'dispatch' | 'accept' | 'start' | 'pause' | 'resume' | 'done' | 'verify' | 'send-back' | 'cancel';

/** What each action needs typed before it runs. */
export const ACTION_NEEDS: Record<WorkOrderAction, 'reason' | 'result' | null> = {
  dispatch: null,
  accept: null,
  start: null,
  pause: 'reason',
  resume: null,
  done: 'result',
  verify: null,
  'send-back': 'reason',
  cancel: 'reason',
};

export type Actor = { id: number; role: Role; department: Department };

type Order = Pick<WorkOrderView, 'status' | 'resume_status' | 'department' | 'supplier_id' | 'assignee_id'>;

/** The status an action moves a work order to. */
export function targetOf(action: WorkOrderAction, order: Pick<WorkOrderView, 'resume_status'>): WorkOrderStatus | null {
  switch (action) {
    case 'dispatch':
      return 'dispatched';
    case 'accept':
      return 'accepted';
    case 'start':
    case 'send-back':
      return 'in_progress';
    case 'pause':
      return 'paused';
    case 'resume':
      return order.resume_status;
    case 'done':
      return 'done';
    case 'verify':
      return 'verified';
    case 'cancel':
      return 'cancelled';
  }
}

/** Staff of the order's department, its assignee, or the desk for a supplier's order. */
function isWorker(actor: Actor, order: Order): boolean {
  const ownDepartment = actor.role === 'department' && order.department === actor.department;
  const forSupplier = actor.role === 'desk' && order.department === null && order.supplier_id !== null;
  return ownDepartment || order.assignee_id === actor.id || forSupplier;
}

/** The actions this person may take on a work order of a case they do or do not own. */
export function workOrderActions(order: Order, actor: Actor, caseOwnerId: number, caseStatus: CaseStatus): WorkOrderAction[] {
  if (caseStatus === 'closed') return [];
  const manager = actor.role === 'manager';
  const owner = caseOwnerId === actor.id;
  const worker = manager || isWorker(actor, order);
  const pauser = worker || owner;
  const canceller = manager || owner || actor.role === 'desk';
  const actions: WorkOrderAction[] = [];
  switch (order.status) {
    case 'new':
      if (manager || actor.role === 'desk') actions.push('dispatch');
      break;
    case 'dispatched':
      if (worker) actions.push('accept');
      if (pauser) actions.push('pause');
      break;
    case 'accepted':
      if (worker) actions.push('start');
      if (pauser) actions.push('pause');
      break;
    case 'in_progress':
      if (worker) actions.push('done');
      if (pauser) actions.push('pause');
      break;
    case 'paused':
      if (pauser && order.resume_status) actions.push('resume');
      break;
    case 'done':
      if (manager || owner) actions.push('verify', 'send-back');
      break;
    default:
      break;
  }
  if (['new', 'dispatched', 'accepted', 'in_progress', 'paused'].includes(order.status) && canceller) actions.push('cancel');
  return actions;
}

/** The statuses a card of each kanban column may be dropped on (the core decides per card). */
export const KANBAN_TARGETS: Record<WorkOrderStatus, readonly WorkOrderStatus[]> = {
  new: ['dispatched', 'cancelled'],
  dispatched: ['accepted', 'paused', 'cancelled'],
  accepted: ['in_progress', 'paused', 'cancelled'],
  in_progress: ['done', 'paused', 'cancelled'],
  paused: ['dispatched', 'accepted', 'in_progress', 'cancelled'],
  done: ['verified', 'in_progress'],
  verified: [],
  cancelled: [],
};

/** What a kanban move needs typed: a result for done, a reason to pause, cancel or send back. */
export function moveNeeds(from: WorkOrderStatus, to: WorkOrderStatus): 'reason' | 'result' | null {
  if (to === 'done') return 'result';
  if (to === 'paused' || to === 'cancelled') return 'reason';
  if (from === 'done' && to === 'in_progress') return 'reason';
  return null;
}

export type CaseAction = 'edit' | 'handover' | 'resolve' | 'dispatch';

/** Case-level actions: nothing on a closed (archived) case. */
export function caseActions(c: Pick<CaseView, 'status' | 'owner_id'>, workOrders: Pick<WorkOrderView, 'status'>[], actor: Actor): CaseAction[] {
  if (c.status === 'closed') return [];
  const actions: CaseAction[] = ['edit', 'handover'];
  const active = workOrders.some((w) => w.status !== 'verified' && w.status !== 'cancelled');
  if (c.status === 'new' && !active) actions.push('resolve');
  if ((c.status === 'new' || c.status === 'in_progress') && (actor.role === 'manager' || actor.role === 'desk')) actions.push('dispatch');
  return actions;
}

/** A follow-up score needs a remark at 3; 1–2 reopen the case. */
export function remarkRequired(score: number | null | undefined): boolean {
  return score === 3;
}

/**
 * quantity (≤ 3 decimals) × unit price (≤ 2 decimals) in integer cents, half-up, as the core
 * computes it. Null when either is not a plain non-negative decimal of that precision.
 */
export function chargeAmountCents(quantity: string, unitPrice: string): bigint | null {
  const q = /^(\d+)(?:\.(\d{1,3}))?$/.exec(quantity.trim());
  const p = /^(\d+)(?:\.(\d{1,2}))?$/.exec(unitPrice.trim());
  if (!q || !p) return null;
  const milli = BigInt(q[1]) * 1000n + BigInt((q[2] ?? '').padEnd(3, '0'));
  const cents = BigInt(p[1]) * 100n + BigInt((p[2] ?? '').padEnd(2, '0'));
  const product = milli * cents; // thousandths of a cent
  return (product + 500n) / 1000n;
}

/** Local calendar days → the RFC 3339 bounds the core takes (from inclusive, to exclusive). */
export function dayRange(from: Date, to: Date): { from: string; to: string } {
  const start = new Date(from.getFullYear(), from.getMonth(), from.getDate());
  const end = new Date(to.getFullYear(), to.getMonth(), to.getDate() + 1);
  return { from: start.toISOString(), to: end.toISOString() };
}

/** "1,234" or "1,000+" when the core stopped counting. */
export function totalText(total: number, exact: boolean, locale: string): string {
  const n = new Intl.NumberFormat(locale).format(total);
  return exact ? n : `${n}+`;
}
