// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import type { ReactNode } from 'react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Me, NoticeDeliveryRow, NoticeDetail, NoticeRow, Permission } from '../../lib/backend';
import { applyLocale } from '../../shared/i18n';
import { SessionContext, type Session } from '../../shared/session';
import { NoticeScreen } from './NoticeScreen';
import { NoticesScreen } from './NoticesScreen';

const call = vi.hoisted(() => vi.fn());
const saveDocument = vi.hoisted(() => vi.fn(async (name: string) => `/docs/${name}`));
vi.mock('../../lib/backend', async (original) => ({ ...(await original<object>()), call, saveDocument }));

function me(permissions: Permission[]): Me {
  return { id: 1, username: 'desk', display_name: '刘芳', role: 'desk', department: 'customer_service', languages: ['zh-CN'], locale: 'zh-CN', permissions };
}

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

const page = <T,>(items: T[]) => ({ items, total: items.length, total_is_lower_bound: false, page: 1, page_size: 50 });

const ROW: NoticeRow = {
  id: 5,
  version: 2,
  kind: 'water_cut',
  status: 'issued',
  title: '停水通知',
  default_language: 'zh-CN',
  languages: ['zh-CN', 'ko'],
  audience: 'building',
  building_id: 1,
  building_name: 'A座',
  floor_from: null,
  floor_to: null,
  unit_count: 0,
  event_date: '2026-12-03',
  event_end: null,
  deliveries: 2,
  delivered: 1,
  issued_at: '2026-11-27T09:30:00+00:00',
  updated_at: '2026-11-27T09:30:00+00:00',
};

const DETAIL: NoticeDetail = {
  row: ROW,
  texts: [
    { language: 'zh-CN', title: '停水通知', body: '尊敬的{name}：{unit}将于{date}停水。' },
    { language: 'ko', title: '단수 안내', body: '{name}님, {unit} {date} 단수' },
  ],
  missing: ['en', 'ja'],
  units: [],
  fell_back: 1,
  history: [],
};

const DELIVERIES: NoticeDeliveryRow[] = [
  { id: 11, unit_id: 101, unit_label: 'A座 0101', customer_id: 7, customer_name: '김민준', recipient_role: 'tenant', language: 'ko', fell_back: false, delivered_at: '2026-11-27T10:00:00+00:00', delivered_by_name: '朴敏智' },
  { id: 12, unit_id: 102, unit_label: 'A座 0102', customer_id: 8, customer_name: '田中花子', recipient_role: 'occupant', language: 'zh-CN', fell_back: true, delivered_at: null, delivered_by_name: null },
];

beforeAll(async () => {
  await applyLocale('zh-CN');
});
beforeEach(() => {
  call.mockReset();
  saveDocument.mockClear();
  call.mockImplementation(async (name: string) => {
    switch (name) {
      case 'notice_languages':
        return ['zh-CN', 'en', 'ja', 'ko'];
      case 'notice_list':
        return page([ROW]);
      case 'notice_get':
        return DETAIL;
      case 'notice_delivery_list':
        return page(DELIVERIES);
      case 'building_list':
        return [{ id: 1, name: 'A座', code: 'A', floors: 25, unit_count: 196 }];
      case 'unit_list':
        return page([]);
      case 'notice_mark_delivered':
        return { changed: 1 };
      case 'notice_pdf':
        return { file_name: 'notice-5-20261127.pdf', mime: 'application/pdf', base64: 'JVBERi0=' };
      case 'notice_create':
        throw { code: 'validation', message: '有字段需要修改', fields: { 'texts.0.body': 'validation.notice_placeholder' } };
      default:
        throw { code: 'internal', message: `unmocked ${name}`, fields: null };
    }
  });
});
afterEach(cleanup);

describe('notices in Chinese', { timeout: 30_000 }, () => {
  it('lists notices with their audience, languages and how many are delivered', async () => {
    show(<NoticesScreen />, ['notice_read']);
    const row = await screen.findByTestId('notice-row-5', {}, { timeout: 10_000 });
    expect(row.textContent).toContain('停水通知');
    expect(row.textContent).toContain('停水');
    expect(row.textContent).toContain('已发布');
    expect(row.textContent).toContain('A座');
    expect(row.textContent).toContain('1/2');
    expect(screen.queryByTestId('notice-new')).toBeNull();
  });

  it('shows the missing languages in the editor and puts the core’s placeholder error on the right language', async () => {
    show(<NoticesScreen />, ['notice_read', 'notice_write', 'unit_read']);
    fireEvent.click(await screen.findByTestId('notice-new', {}, { timeout: 10_000 }));
    await screen.findByTestId('notice-form', {}, { timeout: 10_000 });
    for (const lang of ['zh-CN', 'en', 'ja', 'ko']) expect(screen.getByTestId(`notice-missing-${lang}`)).toBeTruthy();
    fireEvent.change(screen.getByTestId('notice-title-ko'), { target: { value: '단수 안내' } });
    fireEvent.change(screen.getByTestId('notice-body-ko'), { target: { value: '{room} 단수' } });
    await waitFor(() => expect(screen.getByTestId('notice-written-ko')).toBeTruthy());
    expect(screen.getByTestId('notice-missing').textContent).toContain('英语');
    fireEvent.click(screen.getByTestId('notice-save'));
    await waitFor(() => expect(call).toHaveBeenCalledWith('notice_create', expect.objectContaining({ texts: [{ language: 'ko', title: '단수 안내', body: '{room} 단수' }] })));
    // The core numbered the one text it got 0; the form shows the error under the Korean body.
    await waitFor(() => expect(screen.getByTestId('notice-body-ko').closest('.ant-form-item')!.textContent).toContain('{unit}'));
  });

  it('lists the deliveries with the page language, marks the fall-back, and marks the selected delivered', async () => {
    show(<NoticeScreen id={5} />, ['notice_read', 'notice_deliver', 'unit_read']);
    const kim = await screen.findByTestId('notice-delivery-11', {}, { timeout: 10_000 });
    expect(kim.textContent).toContain('김민준');
    expect(kim.textContent).toContain('朴敏智');
    const tanaka = screen.getByTestId('notice-delivery-12');
    expect(within(tanaka).getByTestId('notice-delivery-language-12').textContent).toContain('默认语言');
    expect(screen.getByTestId('notice-fell-back').textContent).toContain('1');
    expect(screen.queryByTestId('notice-issue')).toBeNull();
    fireEvent.click(within(tanaka).getByRole('checkbox'));
    fireEvent.click(screen.getByTestId('notice-mark-delivered'));
    await waitFor(() => expect(call).toHaveBeenCalledWith('notice_mark_delivered', { notice_id: 5, delivery_ids: [12], delivered: true }));
    fireEvent.click(screen.getByTestId('notice-pdf'));
    await waitFor(() => expect(saveDocument).toHaveBeenCalledWith('notice-5-20261127.pdf', 'JVBERi0='));
    expect(call).toHaveBeenCalledWith('notice_pdf', { id: 5, delivery_ids: [] });
  });
});
