// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
// The shell has one command, `call`; the mock answers by the command name inside it.
vi.mock('@tauri-apps/api/core', () => ({
  invoke: (_call: string, args: { command: string }) => invoke(args.command, args),
}));

import { App } from './App';
import { applyLocale } from './shared/i18n';

const ME = {
  id: 1,
  username: 'manager',
  display_name: '王建国',
  role: 'manager',
  department: 'management',
  languages: ['zh-CN'],
  locale: 'zh-CN',
  permissions: [
    'customer_read',
    'customer_write',
    'customer_reveal_id',
    'unit_read',
    'unit_write',
    'staff_read',
    'staff_manage',
    'settings_manage',
    'audit_read',
  ],
};
const UNIT = {
  id: 7,
  building_id: 1,
  building_name: 'A座',
  number: '1203',
  floor: 12,
  area_m2: '85.50',
  use_kind: 'residential',
  status: 'occupied',
  occupants: '张三',
};
const OCCUPANCY = {
  id: 3,
  version: 1,
  customer_id: 5,
  customer_name: '张三',
  unit_id: 7,
  unit_label: 'A座 1203',
  role: 'owner',
  start_date: '2020-01-01',
  end_date: null,
  current: true,
};
const CUSTOMER = {
  id: 5,
  version: 2,
  kind: 'person',
  name: '张三',
  name_latin: 'Zhang San',
  phones: ['13812345678'],
  email: null,
  nationality: 'CN',
  preferred_language: 'zh-CN',
  vip: true,
  id_document_kind: 'resident_id',
  id_document_masked: '**************1234',
  notes: '',
  created_at: '2024-01-01T00:00:00Z',
  updated_at: '2024-01-02T00:00:00Z',
  occupancies: [OCCUPANCY],
  history: [
    { id: 1, at: '2024-01-02T00:00:00Z', staff_name: '王建国', action: 'update', entity: 'customer', changes: [{ field: 'vip', old: 'false', new: 'true' }] },
    { id: 2, at: '2024-01-02T00:00:00Z', staff_name: '王建国', action: 'create', entity: 'occupancy', changes: [{ field: 'occupancy', old: null, new: 'A座 1203 · owner · 2020-01-01–' }] },
  ],
};
const page = <T,>(items: T[]) => ({ items, total: items.length, page: 1, page_size: 20 });

const responses: Record<string, unknown> = {
  locale_catalogs: [],
  app_status: {
    needs_setup: false,
    has_data: true,
    demo_requested: false,
    database: 'sqlite',
    os_locale: 'zh_CN.UTF-8',
    locales: [],
    version: '0.1.0',
  },
  login: { token: 't', me: ME },
  set_my_locale: ME,
  building_list: [{ id: 1, name: 'A座', code: 'A', floors: 30, unit_count: 120 }],
  unit_list: page([UNIT]),
  unit_get: { unit: UNIT, version: 1, occupancies: [OCCUPANCY] },
  customer_list: page([
    { id: 5, kind: 'person', name: '张三', name_latin: 'Zhang San', phone_masked: '138****5678', preferred_language: 'zh-CN', nationality: 'CN', vip: true, units: 'A-1203' },
  ]),
  customer_get: CUSTOMER,
  staff_list: page([
    { id: 1, version: 1, username: 'manager', display_name: '王建国', role: 'manager', department: 'management', languages: ['zh-CN', 'en'], active: true, has_password: true },
  ]),
  staff_lookup: page([{ id: 1, username: 'manager', display_name: '王建国', department: 'management', languages: ['zh-CN', 'en'] }]),
  audit_list: page([{ id: 1, at: '2024-01-01T00:00:00Z', staff_name: '王建国', username: 'manager', event: 'login_ok', detail: '' }]),
};

beforeAll(() => {
  // jsdom cannot compute pseudo-element styles; antd only asks for measurements.
  const computed = window.getComputedStyle.bind(window);
  window.getComputedStyle = (element: Element) => computed(element);
  invoke.mockImplementation(async (name: string) => {
    if (name in responses) return responses[name];
    throw { code: 'internal', message: `unmocked ${name}`, fields: null };
  });
});

afterEach(cleanup);

async function signIn() {
  render(<App />);
  const username = await screen.findByTestId('login-username');
  fireEvent.change(username, { target: { value: 'manager' } });
  fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'secret-password' } });
  fireEvent.click(screen.getByTestId('login-submit'));
  await screen.findByTestId('nav-customers', {}, { timeout: 5000 });
}

describe('screens render against a mocked backend', () => {
  it('shows the login screen in the computer language, then every screen after sign-in', { timeout: 60_000 }, async () => {
    window.location.hash = '';
    render(<App />);
    await waitFor(() => expect(screen.getByTestId('app-title').textContent).toContain('物业管家'));
    cleanup();

    await signIn();
    expect(screen.getByTestId('current-user').textContent).toBe('王建国');
    expect(screen.getByTestId('nav-units').textContent).toBe('房屋单元');
    // The first screen of an area waits for its code to load.
    await screen.findByText('138****5678', undefined, { timeout: 15_000 });

    const visit = async (hash: string, testId: string, text: string) => {
      await act(async () => {
        window.location.hash = hash;
        window.dispatchEvent(new HashChangeEvent('hashchange'));
      });
      await screen.findByTestId(testId, undefined, { timeout: 15_000 });
      await screen.findAllByText(text, undefined, { timeout: 3000 });
    };
    await visit('#/units', 'units-screen', '85.50 m²');
    await visit('#/units/7', 'unit-form', '张三');
    expect(invoke).toHaveBeenCalledWith('unit_get', expect.objectContaining({ input: { id: 7 } }));
    await visit('#/customers/5', 'customer-screen', '**************1234');
    expect(screen.getByTestId('customer-occupancies').textContent).toContain('A座 1203');
    expect(screen.getByTestId('customer-history').textContent).toContain('VIP 客户');
    expect(screen.getByTestId('customer-history').textContent).toContain('否 → 是');
    expect(screen.getByTestId('customer-history').textContent).toContain('A座 1203 · 业主 · 2020-01-01–');
    await visit('#/staff', 'staff-screen', 'manager');
    // End-to-end tests pick options by data-testid: antd must keep passing them to the options.
    fireEvent.click(screen.getByTestId('staff-new'));
    fireEvent.mouseDown(screen.getByTestId('staff-role').querySelector('input') ?? screen.getByTestId('staff-role'));
    expect((await screen.findByTestId('staff-role-option-desk')).textContent).toBe('客服');
    await visit('#/audit', 'audit-screen', '登录成功');
    await visit('#/settings', 'settings-screen', '本机');

    await visit('#/customers/5', 'customer-screen', '**************1234');
    fireEvent.click(screen.getByTestId('customer-edit'));
    invoke.mockImplementation(async (name: string) => {
      if (name === 'customer_update') throw { code: 'conflict', message: 'stale', fields: null };
      if (name in responses) return responses[name];
      throw { code: 'internal', message: `unmocked ${name}`, fields: null };
    });
    fireEvent.click(screen.getByTestId('customer-submit'));
    const alert = await screen.findByTestId('conflict-alert', {}, { timeout: 5000 });
    expect(alert.textContent).toContain('其他人已修改');
    expect(invoke).toHaveBeenCalledWith('customer_update', expect.objectContaining({ input: expect.objectContaining({ id: 5, version: 2 }) }));

    await act(async () => {
      await applyLocale('en');
    });
    expect(screen.getByTestId('conflict-alert').textContent).toContain('Someone else changed this record');
    expect(screen.getByTestId('nav-units').textContent).toBe('Units');
  });
});
