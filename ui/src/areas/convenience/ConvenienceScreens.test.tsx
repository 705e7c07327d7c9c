// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { LendItemRow, LoanRow, MailRow, Me, Permission } from '../../lib/backend';
import { applyLocale } from '../../shared/i18n';
import { SessionContext, type Session } from '../../shared/session';
import { LendingScreen, MailScreen } from './ConvenienceScreens';

const call = vi.hoisted(() => vi.fn());
vi.mock('../../lib/backend', async (original) => ({ ...(await original<object>()), call }));

function me(permissions: Permission[]): Me {
  return { id: 1, username: 'desk', display_name: '刘芳', role: 'desk', department: 'customer_service', languages: ['zh-CN'], locale: 'zh-CN', permissions };
}

const MAIL: MailRow = {
  id: 7,
  version: 1,
  kind: 'parcel',
  status: 'waiting',
  unit_id: 3,
  unit_label: 'A座 0306',
  customer_id: 5,
  customer_name: '张三',
  addressee: '张三',
  carrier: '顺丰速运',
  tracking_no: 'SF1234567890',
  shelf: 'B-2',
  notes: '',
  received_at: '2026-11-27T01:30:00Z',
  received_by_name: '刘芳',
  handed_over_at: null,
  handed_over_by_name: null,
  collected_by: null,
  signed: false,
};
const ITEM: LendItemRow = { id: 2, version: 1, kind: 'umbrella', name: '雨伞', total: 20, out: 2, available: 18, overdue: 1, active: true };
const LOAN: LoanRow = {
  id: 9,
  version: 1,
  item_id: 2,
  item_name: '雨伞',
  item_kind: 'umbrella',
  quantity: 1,
  status: 'out',
  overdue: true,
  unit_id: 3,
  unit_label: 'A座 0306',
  customer_id: 5,
  customer_name: '张三',
  borrower: '',
  phone: '',
  notes: '',
  lent_at: '2026-11-25T01:30:00Z',
  lent_by_name: '刘芳',
  due_at: '2026-11-26T01:30:00Z',
  returned_at: null,
  returned_to_name: null,
};
const page = <T,>(items: T[]) => ({ items, total: items.length, total_is_lower_bound: false, page: 1, page_size: 20 });

function show(node: ReactNode, permissions: Permission[]) {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const m = me(permissions);
  const session: Session = { me: m, can: (p) => m.permissions.includes(p), signOut: async () => {}, changeLocale: async () => {} };
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
  call.mockImplementation(async (name: string) => {
    switch (name) {
      case 'mail_list':
        return page([MAIL]);
      case 'unit_list':
        return page([]);
      case 'lend_item_list':
        return page([ITEM]);
      case 'loan_list':
        return page([LOAN]);
      case 'mail_hand_over':
        return { ...MAIL, status: 'handed_over', version: 2 };
      default:
        throw { code: 'internal', message: `unmocked ${name}`, fields: null };
    }
  });
});
afterEach(cleanup);

describe('convenience services in Chinese', { timeout: 30_000 }, () => {
  it('lists waiting mail and hands a parcel over with the collector and signature', async () => {
    show(<MailScreen />, ['convenience_read', 'convenience_write', 'unit_read']);
    const row = await screen.findByTestId('mail-row-7');
    expect(row.textContent).toContain('包裹');
    expect(row.textContent).toContain('SF1234567890');
    expect(row.textContent).toContain('A座 0306');
    expect(call).toHaveBeenCalledWith('mail_list', { status: 'waiting', unit_id: null, kind: null, page: 1, page_size: 20 });
    fireEvent.click(screen.getByTestId('mail-hand-over-7'));
    const collector = await screen.findByTestId('handover-collected-by');
    expect((collector as HTMLInputElement).value).toBe('张三');
    fireEvent.click(screen.getByTestId('handover-signed'));
    fireEvent.click(screen.getByTestId('handover-save'));
    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('mail_hand_over', { id: 7, version: 1, collected_by: '张三', signed: true }),
    );
  });

  it('offers no writes to those who may only read', async () => {
    show(<MailScreen />, ['convenience_read', 'unit_read']);
    await screen.findByTestId('mail-row-7');
    expect(screen.queryByTestId('mail-receive')).toBeNull();
    expect(screen.queryByTestId('mail-hand-over-7')).toBeNull();
    expect(screen.getByTestId('mail-notice-7')).toBeTruthy();
  });

  it('shows availability and marks overdue loans', async () => {
    show(<LendingScreen />, ['convenience_read', 'convenience_write', 'unit_read']);
    const item = await screen.findByTestId('lend-item-row-2');
    expect(screen.getByTestId('lend-item-available-2').textContent).toBe('18');
    expect(screen.getByTestId('lend-item-overdue-2').textContent).toBe('1');
    expect(item.textContent).toContain('雨伞');
    const loan = await screen.findByTestId('loan-row-9');
    expect(loan.getAttribute('data-overdue')).toBe('true');
    expect(loan.className).toContain('steward-row-overdue');
    expect(screen.getByTestId('loan-overdue-9').textContent).toBe('逾期');
  });
});
