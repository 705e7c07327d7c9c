// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me, Permission } from '../../lib/backend';
import { applyLocale } from '../../shared/i18n';
import { SessionContext, type Session } from '../../shared/session';
import { UnitsScreen } from './UnitsScreen';

const call = vi.hoisted(() => vi.fn());
const saveDocument = vi.hoisted(() => vi.fn(async (name: string) => `/docs/${name}`));
vi.mock('../../lib/backend', async (original) => ({ ...(await original<object>()), call, saveDocument }));

function me(permissions: Permission[]): Me {
  return { id: 1, username: 'desk', display_name: '刘芳', role: 'desk', department: 'customer_service', languages: ['zh-CN'], locale: 'zh-CN', permissions };
}

function show() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const m = me(['unit_read']);
  const session: Session = { me: m, can: (p) => m.permissions.includes(p), signOut: async () => {}, changeLocale: async () => {} };
  render(
    <QueryClientProvider client={client}>
      <App>
        <SessionContext.Provider value={session}>
          <UnitsScreen openId={null} />
        </SessionContext.Provider>
      </App>
    </QueryClientProvider>,
  );
}

beforeAll(async () => {
  await applyLocale('zh-CN');
});
beforeEach(() => {
  call.mockReset();
  saveDocument.mockClear();
  call.mockImplementation(async (name: string) => {
    switch (name) {
      case 'building_list':
        return [];
      case 'unit_list':
        return { items: [], total: 0, total_is_lower_bound: false, page: 1, page_size: 20 };
      case 'list_export':
        return { file_name: 'units-2026-11-28.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', base64: 'UEsDBA==' };
      default:
        throw new Error(`unexpected ${name}`);
    }
  });
});
afterEach(cleanup);

describe('the units export button', () => {
  it('sends the screen filters and saves the Excel file', async () => {
    show();
    const search = await screen.findByTestId('units-search');
    const input = search.querySelector('input') ?? search;
    fireEvent.change(input, { target: { value: '1203' } });
    fireEvent.keyDown(input, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(call).toHaveBeenCalledWith('unit_list', expect.objectContaining({ search: '1203' })));
    fireEvent.click(screen.getByTestId('units-export'));
    fireEvent.click(await screen.findByTestId('units-export-xlsx'));
    await waitFor(() =>
      expect(call).toHaveBeenCalledWith('list_export', {
        list: 'units',
        query: { building_id: null, floor: null, use_kind: null, status: null, search: '1203', page: 1, page_size: 20 },
        format: 'xlsx',
      }),
    );
    await waitFor(() => expect(saveDocument).toHaveBeenCalledWith('units-2026-11-28.xlsx', 'UEsDBA=='));
    expect(await screen.findByText('已保存到 /docs/units-2026-11-28.xlsx')).toBeTruthy();
  });
});
