// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CatalogDetail, CatalogRow, Me, Permission } from '../../lib/backend';
import { applyLocale } from '../../shared/i18n';
import { SessionContext, type Session } from '../../shared/session';
import { CatalogScreen } from './CatalogScreen';

const call = vi.hoisted(() => vi.fn());
vi.mock('../../lib/backend', async (original) => ({ ...(await original<object>()), call }));

function me(permissions: Permission[]): Me {
  return { id: 1, username: 'boss', display_name: '王经理', role: 'manager', department: 'management', languages: ['zh-CN'], locale: 'zh-CN', permissions };
}

const PRICE = { effective_from: '2026-09-01', amount: '60.00', amount_cents: 6000, currency: 'CNY' };
const NEXT = { effective_from: '2026-12-01', amount: '65.00', amount_cents: 6500, currency: 'CNY' };
const ROW: CatalogRow = {
  id: 4,
  version: 2,
  name: '入室保洁',
  department: 'cleaning',
  unit: 'per_hour',
  tax_rate: '6',
  active: true,
  price: PRICE,
  missing_languages: ['ja', 'ko'],
};
const DETAIL: CatalogDetail = {
  ...ROW,
  texts: [
    { language: 'zh-CN', name: '入室保洁', description: '上门打扫' },
    { language: 'en', name: 'In-home cleaning', description: 'A cleaner comes to your home' },
  ],
  upcoming: [NEXT],
  prices: [NEXT, PRICE],
  history: [
    {
      id: 12,
      at: '2026-11-27T02:00:00Z',
      staff_name: '王经理',
      action: 'update',
      entity: 'catalog_service',
      changes: [
        { field: 'unit', old: 'per_visit', new: 'per_hour' },
        { field: 'name.en', old: null, new: 'In-home cleaning' },
      ],
    },
  ],
  created_at: '2026-11-27T01:00:00Z',
  updated_at: '2026-11-27T01:00:00Z',
};

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
      case 'catalog_list':
        return { items: [ROW], total: 1, total_is_lower_bound: false, page: 1, page_size: 20 };
      case 'catalog_get':
      case 'catalog_edit':
        return DETAIL;
      case 'catalog_settings_get':
        return { currency: 'CNY', time_zone: 'Asia/Shanghai', schedule_days: 14 };
      default:
        throw { code: 'internal', message: `unmocked ${name}`, fields: null };
    }
  });
});
afterEach(cleanup);

describe('the service catalog in Chinese', { timeout: 30_000 }, () => {
  it('lists services with the languages they lack and today’s price', async () => {
    show(<CatalogScreen />, ['catalog_read', 'catalog_write']);
    const row = await screen.findByTestId('catalog-row-4');
    expect(row.textContent).toContain('入室保洁');
    expect(row.textContent).toContain('日语');
    expect(row.textContent).toContain('韩语');
    expect(row.textContent).toContain('每小时');
    expect(row.textContent).toContain('60.00');
    expect(row.textContent).toContain('6%');
    expect(call).toHaveBeenCalledWith('catalog_list', { search: null, department: null, unit: null, include_inactive: false, page: 1, page_size: 20 });
    expect(screen.getByTestId('catalog-new')).toBeTruthy();
  });

  it('edits the names per language and shows the price history', async () => {
    show(<CatalogScreen />, ['catalog_read', 'catalog_write']);
    fireEvent.click(await screen.findByTestId('catalog-open-4'));
    const prices = await screen.findByTestId('catalog-prices');
    expect(prices.textContent).toContain('当前');
    expect(prices.textContent).toContain('待生效');
    fireEvent.click(screen.getByText('变更记录'));
    const history = await screen.findByTestId('catalog-history');
    await waitFor(() => expect(history.textContent).toContain('每次 → 每小时'));
    expect(history.textContent).toContain('名称（英文）');
    fireEvent.click(screen.getByTestId('catalog-tab-ja'));
    fireEvent.change(screen.getByTestId('catalog-name-ja'), { target: { value: 'ハウスクリーニング' } });
    fireEvent.click(screen.getByTestId('catalog-save'));
    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('catalog_edit', {
        id: 4,
        version: 2,
        service: {
          texts: [
            { language: 'zh-CN', name: '入室保洁', description: '上门打扫' },
            { language: 'en', name: 'In-home cleaning', description: 'A cleaner comes to your home' },
            { language: 'ja', name: 'ハウスクリーニング', description: '' },
            { language: 'ko', name: '', description: '' },
          ],
          department: 'cleaning',
          unit: 'per_hour',
          tax_rate: '6',
        },
      }),
    );
  });

  it('is read-only for the desk', async () => {
    show(<CatalogScreen />, ['catalog_read']);
    fireEvent.click(await screen.findByTestId('catalog-open-4'));
    await screen.findByTestId('catalog-prices');
    expect(screen.queryByTestId('catalog-new')).toBeNull();
    expect(screen.queryByTestId('catalog-save')).toBeNull();
    expect(screen.queryByTestId('catalog-price-form')).toBeNull();
    expect(screen.getByTestId('catalog-currency').textContent).toBe('币种: CNY');
  });
});
