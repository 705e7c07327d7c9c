// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({
  invoke: (_call: string, args: { command: string }) => invoke(args.command, args),
}));

import { App } from './App';

const ME = {
  id: 2,
  username: 'li',
  display_name: '李娜',
  role: 'desk',
  department: 'customer_service',
  languages: ['zh-CN', 'en'],
  locale: 'en',
  permissions: ['customer_read', 'unit_read', 'case_read', 'case_open', 'case_edit', 'work_order_dispatch', 'work_order_work', 'follow_up_record', 'supplier_read', 'alert_read', 'attachment_add'],
};
const CASE = {
  case: {
    id: 123, number: 'C000123', version: 1, kind: 'repair', channel: 'hotline', priority: 'urgent', status: 'new',
    title: 'Lift stuck', description: 'Lift B stuck on floor 3', customer_id: null, customer_name: null, unit_id: null, unit_label: null,
    caller_name: 'Ms Li', caller_phone: '139****1111', language: 'en', received_by: 2, received_by_name: '李娜', owner_id: 2, owner_name: '李娜',
    received_at: '2026-11-27T07:55:00Z', response_due_at: '2099-01-01T00:00:00Z', completion_due_at: '2099-01-01T00:00:00Z', due_at: '2099-01-01T00:00:00Z',
    overdue: false, responded_at: null, completed_at: null, closed_at: null, escalation_level: 0, reopen_count: 0, satisfaction: null,
  },
  work_orders: [],
  follow_ups: [],
  timeline: [{ id: 1, at: '2026-11-27T07:55:00Z', kind: 'received', work_order_id: null, staff_id: 2, staff_name: '李娜', note: '', data: {} }],
  attachments: [],
};
const responses: Record<string, unknown> = {
  locale_catalogs: [],
  app_status: { needs_setup: false, has_data: true, demo_requested: false, database: 'sqlite', os_locale: 'en_US.UTF-8', locales: [], version: '0.1.0' },
  login: { token: 't', me: ME },
  desk_badges: { my_cases: 3, my_work_orders: 1, follow_ups: 2, unread_alerts: 0 },
  alert_list: { items: [], total: 0, page: 1, page_size: 20 },
  case_mine: { items: [], total: 0, total_is_lower_bound: false, page: 1, page_size: 20 },
  case_get: CASE,
  supplier_list: [],
};

beforeAll(() => {
  const computed = window.getComputedStyle.bind(window);
  window.getComputedStyle = (element: Element) => computed(element);
  invoke.mockImplementation(async (name: string) => {
    if (name in responses) return responses[name];
    throw { code: 'internal', message: `unmocked ${name}`, fields: null };
  });
});
afterEach(cleanup);

describe('the desk inside the app', () => {
  it('opens on my cases with the badges, then a case page by its address', { timeout: 60_000 }, async () => {
    window.location.hash = '';
    render(<App />);
    fireEvent.change(await screen.findByTestId('login-username'), { target: { value: 'li' } });
    fireEvent.change(screen.getByTestId('login-password'), { target: { value: 'secret-password' } });
    fireEvent.click(screen.getByTestId('login-submit'));
    await screen.findByTestId('my-cases-screen', {}, { timeout: 15_000 });
    expect(window.location.hash).toBe('#/desk/my-cases');
    await waitFor(() => expect(screen.getByTestId('nav-my-cases-badge').textContent).toBe('3'));
    expect(screen.getByTestId('nav-follow-ups-badge').textContent).toBe('2');
    expect(screen.getByTestId('alerts-bell')).toBeTruthy();
    expect(screen.getByTestId('intake-open')).toBeTruthy();
    expect(screen.queryByTestId('nav-dashboard')).toBeNull();

    await act(async () => {
      window.location.hash = '#/cases/123';
      window.dispatchEvent(new HashChangeEvent('hashchange'));
    });
    expect((await screen.findByTestId('case-number', {}, { timeout: 15_000 })).textContent).toBe('C000123');
    expect(screen.getByTestId('case-status').textContent).toBe('New');
    expect(screen.getByTestId('dispatch-open')).toBeTruthy();
    expect(screen.getByTestId('case-resolve')).toBeTruthy();
    expect(screen.getByTestId('case-language').textContent).toBe('English');
  });
});
