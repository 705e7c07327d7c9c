import { describe, expect, it } from 'vitest';
import { caseActions, chargeAmountCents, dayRange, moveNeeds, remarkRequired, targetOf, totalText, workOrderActions, type Actor } from './caseActions';
import type { WorkOrderView } from './api';

const manager: Actor = { id: 1, role: 'manager', department: 'management' };
const desk: Actor = { id: 2, role: 'desk', department: 'customer_service' };
const engineer: Actor = { id: 3, role: 'department', department: 'engineering' };
const cleaner: Actor = { id: 4, role: 'department', department: 'cleaning' };

type Order = Pick<WorkOrderView, 'status' | 'resume_status' | 'department' | 'supplier_id' | 'assignee_id'>;
const order = (status: Order['status'], rest: Partial<Order> = {}): Order => ({
  status,
  resume_status: null,
  department: 'engineering',
  supplier_id: null,
  assignee_id: null,
  ...rest,
});

describe('work-order actions per role (mirroring the core rules)', () => {
  it('lets the department work its own orders and nobody else’s', () => {
    expect(workOrderActions(order('dispatched'), engineer, 2, 'in_progress')).toEqual(['accept', 'pause']);
    expect(workOrderActions(order('dispatched'), cleaner, 2, 'in_progress')).toEqual([]);
    expect(workOrderActions(order('accepted'), engineer, 2, 'in_progress')).toEqual(['start', 'pause']);
    expect(workOrderActions(order('in_progress'), engineer, 2, 'in_progress')).toEqual(['done', 'pause']);
  });
  it('lets the assignee work an order of another department', () => {
    expect(workOrderActions(order('dispatched', { assignee_id: 4 }), cleaner, 2, 'in_progress')).toEqual(['accept', 'pause']);
  });
  it('lets the case owner verify or send back, and cancel', () => {
    expect(workOrderActions(order('done'), desk, 2, 'in_progress')).toEqual(['verify', 'send-back']);
    expect(workOrderActions(order('done'), engineer, 2, 'in_progress')).toEqual([]);
    expect(workOrderActions(order('in_progress'), desk, 2, 'in_progress')).toEqual(['pause', 'cancel']);
  });
  it('lets the desk record a supplier’s progress', () => {
    const supplier = order('dispatched', { department: null, supplier_id: 9 });
    expect(workOrderActions(supplier, { ...desk, id: 99 }, 2, 'in_progress')).toEqual(['accept', 'pause', 'cancel']);
  });
  it('resumes to the status it was paused from', () => {
    const paused = order('paused', { resume_status: 'accepted' });
    expect(workOrderActions(paused, manager, 2, 'in_progress')).toEqual(['resume', 'cancel']);
    expect(targetOf('resume', paused)).toBe('accepted');
  });
  it('offers nothing on a closed case or a finished order', () => {
    expect(workOrderActions(order('done'), manager, 2, 'closed')).toEqual([]);
    expect(workOrderActions(order('verified'), manager, 2, 'in_progress')).toEqual([]);
    expect(workOrderActions(order('cancelled'), manager, 2, 'in_progress')).toEqual([]);
  });
  it('only the desk or a manager dispatches a draft', () => {
    expect(workOrderActions(order('new'), desk, 5, 'in_progress')).toEqual(['dispatch', 'cancel']);
    expect(workOrderActions(order('new'), engineer, 5, 'in_progress')).toEqual([]);
  });
});

describe('case actions', () => {
  it('offers edit, handover, resolve and dispatch on a new case; nothing once closed', () => {
    expect(caseActions({ status: 'new', owner_id: 2 }, [], desk)).toEqual(['edit', 'handover', 'resolve', 'dispatch']);
    expect(caseActions({ status: 'new', owner_id: 3 }, [], engineer)).toEqual(['edit', 'handover', 'resolve']);
    expect(caseActions({ status: 'in_progress', owner_id: 2 }, [{ status: 'accepted' }], desk)).toEqual(['edit', 'handover', 'dispatch']);
    expect(caseActions({ status: 'closed', owner_id: 2 }, [], manager)).toEqual([]);
  });
});

describe('kanban moves and follow-up rules', () => {
  it('asks for a result to finish and a reason to pause, cancel or send back', () => {
    expect(moveNeeds('in_progress', 'done')).toBe('result');
    expect(moveNeeds('accepted', 'paused')).toBe('reason');
    expect(moveNeeds('new', 'cancelled')).toBe('reason');
    expect(moveNeeds('done', 'in_progress')).toBe('reason');
    expect(moveNeeds('accepted', 'in_progress')).toBeNull();
  });
  it('needs a remark for a score of 3 only', () => {
    expect([1, 2, 3, 4, 5].map(remarkRequired)).toEqual([false, false, true, false, false]);
  });
});

describe('money and ranges', () => {
  it('computes a charge exactly in cents, half-up', () => {
    expect(chargeAmountCents('1.5', '80.00')).toBe(12000n);
    expect(chargeAmountCents('3', '0.1')).toBe(30n);
    expect(chargeAmountCents('0.333', '0.05')).toBe(2n); // 1.665 cents → 2
    expect(chargeAmountCents('2.5', '19.99')).toBe(4998n); // 49.975 → 49.98
    expect(chargeAmountCents('1.2345', '1')).toBeNull();
    expect(chargeAmountCents('1', '1.005')).toBeNull();
    expect(chargeAmountCents('abc', '1')).toBeNull();
  });
  it('turns local days into from-inclusive, to-exclusive instants', () => {
    const { from, to } = dayRange(new Date(2026, 10, 1, 15), new Date(2026, 10, 3, 9));
    expect(new Date(from).getTime()).toBe(new Date(2026, 10, 1).getTime());
    expect(new Date(to).getTime()).toBe(new Date(2026, 10, 4).getTime());
  });
  it('shows a lower bound as "1,000+"', () => {
    expect(totalText(1000, false, 'en')).toBe('1,000+');
    expect(totalText(1234, true, 'en')).toBe('1,234');
  });
});
