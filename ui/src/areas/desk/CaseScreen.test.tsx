// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../lib/backend';
import { applyLocale } from '../../shared/i18n';
import { SessionContext, type Session } from '../../shared/session';
import type { CaseDetail, WorkOrderView } from './api';
import { CaseScreen } from './CaseScreen';

const call = vi.hoisted(() => vi.fn());
vi.mock('../../lib/backend', async (original) => ({ ...(await original<object>()), call }));

const DESK: Me = {
  id: 2,
  username: 'li',
  display_name: '李娜',
  role: 'desk',
  department: 'customer_service',
  languages: ['zh-CN', 'en'],
  locale: 'en',
  permissions: ['customer_read', 'staff_read', 'case_read', 'case_edit', 'work_order_dispatch', 'work_order_work', 'follow_up_record', 'attachment_add'],
};
const ENGINEER: Me = { ...DESK, id: 3, username: 'zhao', display_name: '赵工', role: 'department', department: 'engineering' };

const ORDER: WorkOrderView = {
  id: 11,
  number: 'C000123-1',
  case_id: 123,
  version: 4,
  department: 'engineering',
  supplier_id: null,
  supplier_name: null,
  assignee_id: null,
  assignee_name: null,
  instructions: 'Replace the kitchen tap',
  priority: 'high',
  status: 'in_progress',
  resume_status: null,
  due_at: '2099-01-01T00:00:00Z',
  overdue: false,
  result: null,
  reason: null,
  dispatched_at: '2026-11-27T08:00:00Z',
  accepted_at: '2026-11-27T08:10:00Z',
  started_at: '2026-11-27T08:20:00Z',
  done_at: null,
  verified_at: null,
  cancelled_at: null,
  escalation_level: 0,
  charges: [
    {
      id: 1,
      kind: 'labour',
      description: 'Labour',
      quantity: '1.5',
      unit_price: '80.00',
      amount: '120.00',
      amount_cents: 12000,
      created_by_name: '赵工',
      created_at: '2026-11-27T09:00:00Z',
    },
  ],
  charges_total: '120.00',
};

function detail(overrides: Partial<CaseDetail['case']> = {}, orders: WorkOrderView[] = [ORDER], extra: Partial<CaseDetail> = {}): CaseDetail {
  return {
    case: {
      id: 123,
      number: 'C000123',
      version: 7,
      kind: 'repair',
      channel: 'hotline',
      priority: 'high',
      status: 'in_progress',
      title: 'Kitchen tap leaking',
      description: 'Kitchen tap leaking since this morning',
      customer_id: 41,
      customer_name: '王建国',
      unit_id: 7,
      unit_label: 'A座 1203',
      caller_name: null,
      caller_phone: null,
      language: 'zh-CN',
      foreign_language: false,
      language_contact_id: null,
      language_contact_name: null,
      consultation_topic: null,
      received_by: 2,
      received_by_name: '李娜',
      owner_id: 2,
      owner_name: '李娜',
      received_at: '2026-11-27T07:55:00Z',
      response_due_at: '2026-11-27T08:25:00Z',
      completion_due_at: '2020-01-01T00:00:00Z',
      due_at: '2020-01-01T00:00:00Z',
      overdue: true,
      responded_at: '2026-11-27T08:00:00Z',
      completed_at: null,
      closed_at: null,
      escalation_level: 2,
      reopen_count: 0,
      satisfaction: null,
      ...overrides,
    },
    work_orders: orders,
    follow_ups: [],
    timeline: [
      { id: 1, at: '2026-11-27T07:55:00Z', kind: 'received', work_order_id: null, staff_id: 2, staff_name: '李娜', note: '', data: {} },
      { id: 2, at: '2026-11-27T08:00:00Z', kind: 'dispatched', work_order_id: 11, staff_id: 2, staff_name: '李娜', note: '', data: { from: 'new', to: 'dispatched' } },
    ],
    attachments: [],
    ...extra,
  };
}

let me: Me = DESK;
function renderCase(workOrderId: number | null = null): void {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const session: Session = { me, can: (p) => me.permissions.includes(p), signOut: async () => {}, changeLocale: async () => {} };
  const wrap = (children: ReactNode) => (
    <QueryClientProvider client={client}>
      <App>
        <SessionContext.Provider value={session}>{children}</SessionContext.Provider>
      </App>
    </QueryClientProvider>
  );
  render(wrap(<CaseScreen id={123} workOrderId={workOrderId} />));
}

let current: CaseDetail;
beforeAll(async () => {
  await applyLocale('en');
});
beforeEach(() => {
  me = DESK;
  current = detail();
  call.mockReset();
  call.mockImplementation(async (name: string) => {
    if (name === 'case_get') return current;
    if (name === 'staff_lookup') {
      return {
        items: [{ id: 5, username: 'chen', display_name: '陈静', department: 'customer_service', languages: ['zh-CN'] }],
        total: 1,
        page: 1,
        page_size: 50,
      };
    }
    if (name === 'supplier_list') return [];
    throw { code: 'internal', message: `unmocked ${name}`, fields: null };
  });
});
afterEach(cleanup);

describe('case page', { timeout: 30_000 }, () => {
  it('shows the header, the work order with its charges and the timeline', async () => {
    renderCase(11);
    expect((await screen.findByTestId('case-number')).textContent).toBe('C000123');
    expect(screen.getByTestId('case-status').textContent).toBe('In progress');
    expect(screen.getByTestId('case-owner').textContent).toBe('李娜');
    expect(screen.getByTestId('case-escalation').textContent).toContain('Level 2');
    expect(screen.getByTestId('case-header').textContent).toContain('Overdue by');
    expect(screen.getByTestId('case-customer-link').getAttribute('href')).toBe('#/customers/41');
    expect(screen.getByTestId('wo-C000123-1-status').textContent).toBe('In progress');
    expect(screen.getByTestId('wo-C000123-1').className).toContain('is-selected');
    expect(screen.getByTestId('wo-C000123-1-charges-total').textContent).toMatch(/CN¥120\.00/);
    expect(screen.getByTestId('case-timeline').textContent).toContain('C000123-1');
    expect(screen.queryByTestId('case-archived')).toBeNull();
    // The owner on the desk may pause or cancel, not report the department's result.
    expect(screen.getByTestId('wo-C000123-1-pause')).toBeTruthy();
    expect(screen.getByTestId('wo-C000123-1-cancel')).toBeTruthy();
    expect(screen.queryByTestId('wo-C000123-1-done')).toBeNull();
  });

  it('reports done with a result (the department)', async () => {
    me = ENGINEER;
    renderCase();
    fireEvent.click(await screen.findByTestId('wo-C000123-1-done'));
    const result = await screen.findByTestId('wo-result');
    fireEvent.click(screen.getByTestId('action-confirm'));
    expect(await screen.findByText('Describe the result.')).toBeTruthy(); // required before the core is asked
    call.mockImplementationOnce(async () => detail({}, [{ ...ORDER, status: 'done', version: 5, result: 'Tap replaced' }]));
    fireEvent.change(result, { target: { value: 'Tap replaced' } });
    fireEvent.click(screen.getByTestId('action-confirm'));
    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('work_order_transition', { id: 11, version: 4, to: 'done', result: 'Tap replaced', reason: null }),
    );
    await waitFor(() => expect(screen.getByTestId('wo-C000123-1-status').textContent).toBe('Done'));
    expect(screen.queryByTestId('wo-C000123-1-verify')).toBeNull(); // verifying is the owner's
  });

  it('verifies at once as the owner, and shows the core’s reason when a move is refused', async () => {
    current = detail({}, [{ ...ORDER, status: 'done' }]);
    renderCase();
    call.mockImplementationOnce(async () => {
      throw { code: 'forbidden', message: 'Only the case owner or a manager can verify or send back.', fields: null };
    });
    fireEvent.click(await screen.findByTestId('wo-C000123-1-verify'));
    expect((await screen.findByTestId('error-toast')).textContent).toBe('Only the case owner or a manager can verify or send back.');
    expect(call).toHaveBeenCalledWith('work_order_transition', { id: 11, version: 4, to: 'verified', result: null, reason: null });
    expect(screen.getByTestId('wo-C000123-1-status').textContent).toBe('Done');
  });

  it('sends back with a reason', async () => {
    current = detail({}, [{ ...ORDER, status: 'done' }]);
    renderCase();
    fireEvent.click(await screen.findByTestId('wo-C000123-1-send-back'));
    fireEvent.change(await screen.findByTestId('reason-input'), { target: { value: 'Still dripping' } });
    call.mockImplementationOnce(async () => detail({}, [{ ...ORDER, status: 'in_progress', reason: 'Still dripping' }]));
    fireEvent.click(screen.getByTestId('action-confirm'));
    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('work_order_transition', { id: 11, version: 4, to: 'in_progress', result: null, reason: 'Still dripping' }),
    );
  });

  it('hands the case over to a staff member with a reason', async () => {
    renderCase();
    fireEvent.click(await screen.findByTestId('case-handover'));
    const select = await screen.findByTestId('handover-to');
    fireEvent.mouseDown(select.querySelector('input') ?? select);
    fireEvent.click(await screen.findByTestId('handover-to-option-chen'));
    fireEvent.change(screen.getByTestId('handover-reason'), { target: { value: 'Going on leave' } });
    call.mockImplementationOnce(async () => detail({ owner_id: 5, owner_name: '陈静', version: 8 }));
    fireEvent.click(screen.getByTestId('handover-save'));
    await waitFor(() => expect(call).toHaveBeenCalledWith('case_handover', { id: 123, version: 7, to_staff_id: 5, reason: 'Going on leave' }));
    await waitFor(() => expect(screen.getByTestId('case-owner').textContent).toBe('陈静'));
  });

  it('shows a conflict on edit with a reload', async () => {
    renderCase();
    fireEvent.click(await screen.findByTestId('case-edit'));
    call.mockImplementationOnce(async () => {
      throw { code: 'conflict', message: 'stale', fields: null };
    });
    fireEvent.click(await screen.findByTestId('case-edit-save'));
    expect((await screen.findByTestId('conflict-alert')).textContent).toContain('Someone else changed this record');
    expect(call).toHaveBeenCalledWith('case_edit', expect.objectContaining({ id: 123, version: 7, title: 'Kitchen tap leaking' }));
  });

  it('records a follow-up: a 3 needs a remark', async () => {
    current = detail({ status: 'awaiting_follow_up' }, [{ ...ORDER, status: 'verified' }], {
      follow_ups: [
        {
          id: 31,
          case_id: 123,
          version: 1,
          owner_id: 2,
          owner_name: '李娜',
          status: 'pending',
          due_at: '2099-01-01T00:00:00Z',
          attempts: 0,
          satisfaction: null,
          remark: null,
          language: 'en',
          done_at: null,
          done_by_name: null,
          by_speaker: null,
          attempt_log: [],
        },
      ],
    });
    renderCase();
    fireEvent.click(await screen.findByTestId('follow-up-score-3'));
    expect(screen.getByTestId('follow-up-save').hasAttribute('disabled')).toBe(true);
    fireEvent.change(screen.getByTestId('follow-up-remark'), { target: { value: 'Slow, but fixed' } });
    expect(screen.getByTestId('follow-up-save').hasAttribute('disabled')).toBe(false);
    expect(screen.queryByTestId('follow-up-unreachable')).toBeNull(); // fewer than 3 calls
    call.mockImplementationOnce(async () => detail({ status: 'closed', closed_at: '2026-11-27T12:00:00Z', satisfaction: 3 }, [{ ...ORDER, status: 'verified' }]));
    fireEvent.click(screen.getByTestId('follow-up-save'));
    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('follow_up_record', { follow_up_id: 31, version: 1, satisfaction: 3, remark: 'Slow, but fixed' }),
    );
    expect(await screen.findByTestId('case-archived')).toBeTruthy();
  });

  it('shows escalations, edits and scores on the timeline in words', async () => {
    current = detail({}, [ORDER], {
      timeline: [
        { id: 5, at: '2026-11-27T09:00:00Z', kind: 'escalated', work_order_id: null, staff_id: null, staff_name: null, note: '', data: { from: 0, to: 1, kind: 'overdue_completion' } },
        { id: 6, at: '2026-11-27T09:05:00Z', kind: 'edited', work_order_id: null, staff_id: 2, staff_name: '李娜', note: '', data: { changes: [{ field: 'priority', old: 'normal', new: 'high' }] } },
        { id: 7, at: '2026-11-27T09:10:00Z', kind: 'handed_over', work_order_id: null, staff_id: 2, staff_name: '李娜', note: 'Going on leave', data: { from: 2, to: 5 } },
        { id: 8, at: '2026-11-27T09:20:00Z', kind: 'followed_up', work_order_id: null, staff_id: 2, staff_name: '李娜', note: '', data: { satisfaction: 4 } },
      ],
    });
    renderCase();
    const timeline = await screen.findByTestId('case-timeline');
    expect(screen.getByTestId('event-5').textContent).toContain('Escalation: Not escalated → Level 1 · Department supervisor');
    expect(screen.getByTestId('event-5').textContent).toContain('System');
    expect(screen.getByTestId('event-6-priority').textContent).toBe('Priority: Normal → High');
    expect(screen.getByTestId('event-7').textContent).toContain('Going on leave');
    expect(screen.queryByTestId('event-7-status')).toBeNull();
    expect(timeline.textContent).toContain('Satisfaction 4/5');
  });

  it('shows a closed case read-only', async () => {
    current = detail({ status: 'closed', closed_at: '2026-11-27T12:00:00Z', satisfaction: 5 }, [{ ...ORDER, status: 'verified' }]);
    renderCase();
    expect((await screen.findByTestId('case-archived')).textContent).toContain('read-only');
    for (const id of ['case-edit', 'case-handover', 'dispatch-open', 'case-resolve', 'attachment-add', 'wo-C000123-1-charge-add']) {
      expect(screen.queryByTestId(id)).toBeNull();
    }
    // Archived means nothing changes; reprinting the slip changes nothing, so it stays.
    const buttons = within(screen.getByTestId('wo-C000123-1')).queryAllByRole('button');
    expect(buttons.map((b) => b.getAttribute('data-testid'))).toEqual(['wo-C000123-1-slip']);
  });

  it('dispatches a work order to a department', async () => {
    current = detail({ status: 'new', responded_at: null }, []);
    renderCase();
    fireEvent.click(await screen.findByTestId('dispatch-open'));
    const select = await screen.findByTestId('dispatch-department');
    fireEvent.mouseDown(select.querySelector('input') ?? select);
    fireEvent.click(await screen.findByTestId('dispatch-department-option-engineering'));
    fireEvent.change(screen.getByTestId('dispatch-instructions'), { target: { value: 'Replace the tap' } });
    call.mockImplementationOnce(async () => detail({}, [ORDER]));
    await act(async () => {
      fireEvent.click(screen.getByTestId('dispatch-save'));
    });
    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('work_order_dispatch', {
        case_id: 123,
        department: 'engineering',
        supplier_id: null,
        assignee_id: null,
        instructions: 'Replace the tap',
        priority: 'high',
        due_at: null,
        draft: false,
      }),
    );
    expect(await screen.findByTestId('wo-C000123-1-status')).toBeTruthy();
  });

  it('a consultation for an English speaker: its language contact and the knowledge base', async () => {
    current = detail({
      kind: 'inquiry',
      language: 'en',
      foreign_language: true,
      language_contact_id: 7,
      language_contact_name: '刘芳',
      consultation_topic: 'car_rental',
    }, []);
    const answer = {
      id: 4, version: 1, topic: 'car_rental', active: true, title: 'Renting a car', body: 'Bring your passport.', language: 'en',
      languages: ['zh-CN', 'en'], missing_languages: ['ja', 'ko'], updated_at: '2026-11-27T00:00:00Z',
    };
    const base = call.getMockImplementation()!;
    call.mockImplementation(async (name: string, input: unknown) => {
      if (name === 'kb_list') return { items: [answer], total: 1, total_is_lower_bound: false, page: 1, page_size: 8 };
      if (name === 'kb_use') return current;
      return base(name, input);
    });
    renderCase();
    expect((await screen.findByTestId('case-language-contact')).textContent).toBe('刘芳');
    expect(screen.getByTestId('case-topic').textContent).toBe('Car rental');
    expect(call).toHaveBeenCalledWith('kb_list', expect.objectContaining({ topic: 'car_rental', language: 'en' }));
    fireEvent.click(await screen.findByTestId('kb-use-4'));
    await waitFor(() => expect(call).toHaveBeenCalledWith('kb_use', { case_id: 123, answer_id: 4 }));
  });

  it('a foreign-language case nobody speaks says so', async () => {
    current = detail({ language: 'ko', foreign_language: true });
    renderCase();
    expect((await screen.findByTestId('case-no-speaker')).textContent).toContain('Korean');
    expect(screen.queryByTestId('kb-panel')).toBeNull();
  });
});
