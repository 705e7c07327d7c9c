// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '../../lib/backend';
import { applyLocale } from '../../shared/i18n';
import { SessionContext, type Session } from '../../shared/session';
import type { CaseRow, WorkOrderRow } from './api';
import { AlertsBell } from './AlertsBell';
import { openCase } from './DeskIntake';
import { DashboardScreen } from './DashboardScreen';
import { KanbanScreen } from './KanbanScreen';
import { CasesScreen, MyCasesScreen } from './Lists';
import { SuppliersScreen } from './SuppliersScreen';

const call = vi.hoisted(() => vi.fn());
vi.mock('../../lib/backend', async (original) => ({ ...(await original<object>()), call }));

const MANAGER: Me = {
  id: 1,
  username: 'boss',
  display_name: '王经理',
  role: 'manager',
  department: 'management',
  languages: ['zh-CN'],
  locale: 'zh-CN',
  permissions: ['case_read', 'supplier_read', 'supplier_write', 'desk_dashboard', 'unit_read'],
};

const ROW: CaseRow = {
  id: 7,
  number: 'C000007',
  kind: 'complaint',
  channel: 'hotline',
  priority: 'urgent',
  status: 'in_progress',
  title: '楼上噪音',
  customer_name: 'John Smith',
  unit_label: 'B座 0801',
  owner_id: 1,
  owner_name: '王经理',
  language: 'en',
  foreign_language: true,
  consultation_topic: null,
  received_at: '2026-11-27T01:00:00Z',
  due_at: '2020-01-01T00:00:00Z',
  overdue: true,
  escalation_level: 1,
  satisfaction: null,
};
const WO: WorkOrderRow = {
  id: 55,
  number: 'C000007-1',
  case_id: 7,
  case_title: '楼上噪音',
  version: 2,
  department: 'security',
  supplier_name: null,
  assignee_id: null,
  assignee_name: null,
  priority: 'urgent',
  status: 'dispatched',
  instructions: '上门查看',
  due_at: '2099-01-01T00:00:00Z',
  overdue: false,
  escalation_level: 0,
};

function show(node: ReactNode) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const session: Session = { me: MANAGER, can: (p) => MANAGER.permissions.includes(p), signOut: async () => {}, changeLocale: async () => {} };
  render(
    <QueryClientProvider client={client}>
      <App>
        <SessionContext.Provider value={session}>{node}</SessionContext.Provider>
      </App>
    </QueryClientProvider>,
  );
}

beforeAll(async () => {
  await applyLocale('zh-CN');
});
beforeEach(() => {
  call.mockReset();
  call.mockImplementation(async (name: string, input: { status?: string }) => {
    switch (name) {
      case 'case_list':
      case 'case_mine':
        return { items: [ROW], total: 1000, total_is_lower_bound: true, page: 1, page_size: 20 };
      case 'building_list':
        return [{ id: 1, name: 'A座', code: 'A', floors: 30, unit_count: 120 }];
      case 'case_kanban_counts':
        return { cases: [], work_orders: [{ status: 'dispatched', n: 3 }] };
      case 'work_order_list':
        return { items: input.status === 'dispatched' ? [WO] : [], total: input.status === 'dispatched' ? 1 : 0, page: 1, page_size: 30 };
      case 'alert_list':
        return {
          items: [{ id: 9, case_id: 7, case_number: 'C000007', case_title: '楼上噪音', work_order_id: null, level: 2, kind: 'overdue_completion', created_at: '2026-11-27T02:00:00Z', read_at: null }],
          total: 1,
          page: 1,
          page_size: 20,
        };
      case 'alert_mark_read':
        return null;
      case 'supplier_list':
        return [{ id: 3, version: 1, name: '迅达电梯', trade: '电梯维保', contact: '刘先生', phone: '021-5555', notes: '', active: true }];
      case 'desk_dashboard':
        return {
          by_department: [{ department: 'engineering', open: 4, overdue: 1 }],
          cases_received: 12,
          average_response_minutes: 25,
          average_completion_minutes: 190,
          satisfaction_average_centi: 450,
          satisfaction_count: 8,
          low_scores: [{ case_id: 7, case_number: 'C000007', case_title: '楼上噪音', satisfaction: 2, remark: '太慢', at: '2026-11-27T05:00:00Z' }],
          by_channel: [{ channel: 'hotline', n: 9 }],
          by_receiver: [{ staff_id: 1, staff_name: '王经理', n: 12 }],
          foreign_languages: [{ language: 'en', cases: 3, with_speaker_contact: 2, followed_up_by_speaker: 1 }],
        };
      case 'case_open':
        return { case: { id: 77 } };
      default:
        throw { code: 'internal', message: `unmocked ${name}`, fields: null };
    }
  });
});
afterEach(cleanup);

describe('desk screens in Chinese', { timeout: 30_000 }, () => {
  it('lists cases with filters, a search box, overdue rows and a lower-bound total', async () => {
    show(<CasesScreen />);
    const row = await screen.findByTestId('case-row-7');
    expect(row.className).toContain('steward-row-overdue');
    expect(row.textContent).toContain('投诉');
    expect(row.textContent).toContain('1 级督办');
    expect(await screen.findByText('共 1,000+ 条')).toBeTruthy();
    fireEvent.change(screen.getByTestId('case-search').querySelector('input') ?? screen.getByTestId('case-search'), { target: { value: '噪' } });
    await waitFor(() => expect(call).toHaveBeenCalledWith('case_list', expect.objectContaining({ search: '噪', page: 1 })), { timeout: 3000 });
  });

  it('shows my cases', async () => {
    show(<MyCasesScreen />);
    expect((await screen.findByTestId('case-row-7')).textContent).toContain('C000007');
    expect(call).toHaveBeenCalledWith('case_mine', { status: null, page: 1, page_size: 20 });
  });

  it('shows the kanban with the counts of the core and a card per work order', async () => {
    show(<KanbanScreen />);
    const card = await screen.findByTestId('kanban-card-55');
    expect(card.textContent).toContain('C000007-1');
    expect(screen.getByTestId('kanban-col-dispatched').textContent).toContain('已派工');
    await waitFor(() => expect(screen.getByTestId('kanban-count-dispatched').textContent).toBe('3'));
  });

  it('lists unread alerts behind the bell and marks one read when opened', async () => {
    show(<AlertsBell />);
    fireEvent.click(await screen.findByTestId('alerts-bell'));
    const row = await screen.findByTestId('alert-row-9');
    expect(row.textContent).toContain('C000007');
    fireEvent.click(row);
    await waitFor(() => expect(call).toHaveBeenCalledWith('alert_mark_read', { ids: [9] }));
    expect(window.location.hash).toBe('#/cases/7');
  });

  it('shows suppliers and the dashboard', async () => {
    show(<SuppliersScreen />);
    expect((await screen.findByTestId('supplier-row-3')).textContent).toContain('电梯维保');
    cleanup();
    show(<DashboardScreen />);
    await screen.findByText('太慢');
    await waitFor(() => expect(screen.getByTestId('dashboard-satisfaction').textContent).toContain('4.50'));
    expect(screen.getByTestId('dashboard-completion').textContent).toContain('3 小时 10 分钟');
  });

  it('opens a case through case_open and answers its id', async () => {
    const values = {
      customer_id: 41,
      unit_id: null,
      caller_name: null,
      caller_phone: null,
      language: 'zh-CN',
      kind: 'repair' as const,
      consultation_topic: null,
      channel: 'hotline' as const,
      priority: 'normal' as const,
      title: '水龙头漏水',
      description: '水龙头漏水',
    };
    expect(await openCase(values)).toEqual({ id: 77 });
    expect(call).toHaveBeenCalledWith('case_open', values);
  });
});
