// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, beforeAll, expect, it } from 'vitest';
import type { Me } from '../../lib/backend';
import { applyLocale } from '../i18n';
import { SessionContext, type Session } from '../session';
import { Shell } from './Shell';

const DESK: Me = {
  id: 2,
  username: 'li',
  display_name: '李娜',
  role: 'desk',
  department: 'customer_service',
  languages: ['zh-CN'],
  locale: 'zh-CN',
  permissions: ['customer_read', 'unit_read', 'case_read', 'follow_up_record', 'supplier_read'],
};

beforeAll(async () => {
  await applyLocale('zh-CN');
});
afterEach(cleanup);

it('offers the desk sections a role may open, with their counts', () => {
  window.location.hash = '#/desk/my-cases';
  const session: Session = { me: DESK, can: (p) => DESK.permissions.includes(p), signOut: async () => {}, changeLocale: async () => {} };
  render(
    <App>
      <SessionContext.Provider value={session}>
        <Shell badges={{ my_cases: 4, follow_ups: 2 }}>{(location) => <p data-testid="screen">{location.name}</p>}</Shell>
      </SessionContext.Provider>
    </App>,
  );
  expect(screen.getByTestId('screen').textContent).toBe('my_cases');
  expect(screen.getByTestId('nav-my-cases').textContent).toBe('我的案件');
  expect(screen.getByTestId('nav-my-cases-badge').textContent).toBe('4');
  expect(screen.getByTestId('nav-follow-ups-badge').textContent).toBe('2');
  for (const id of ['nav-my-work-orders', 'nav-kanban', 'nav-cases', 'nav-suppliers', 'nav-customers']) expect(screen.getByTestId(id)).toBeTruthy();
  // Manager-only sections are not offered to the desk.
  expect(screen.queryByTestId('nav-dashboard')).toBeNull();
  expect(screen.queryByTestId('nav-desk-settings')).toBeNull();
  expect(screen.queryByTestId('nav-staff')).toBeNull();
});
