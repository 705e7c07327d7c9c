// @vitest-environment jsdom
import { cleanup, render, screen } from '@testing-library/react';
import { App } from 'antd';
import { afterEach, beforeAll, expect, it } from 'vitest';
import type { Me } from '../../lib/backend';
import { applyLocale, type Catalog, catalogsFrom, registerCatalogs } from '../i18n';
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

function renderDeskShell() {
  window.location.hash = '#/desk/my-cases';
  const session: Session = { me: DESK, can: (p) => DESK.permissions.includes(p), signOut: async () => {}, changeLocale: async () => {} };
  render(
    <App>
      <SessionContext.Provider value={session}>
        <Shell badges={{ my_cases: 4, follow_ups: 2 }}>{(location) => <p data-testid="screen">{location.name}</p>}</Shell>
      </SessionContext.Provider>
    </App>,
  );
}

it('offers the desk sections a role may open, with their counts', () => {
  renderDeskShell();
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

it('speaks a language that exists only as a catalog file, English where it has no text', async () => {
  const fixtures = import.meta.glob<Catalog>('../../../../tests/fixtures/locales/*.json', { eager: true, import: 'default' });
  registerCatalogs(catalogsFrom(fixtures));
  await applyLocale('fr');
  try {
    renderDeskShell();
    expect(screen.getByTestId('nav-my-cases').textContent).toBe('Mes dossiers');
    expect(screen.getByTestId('nav-group-desk').textContent).toBe('Accueil');
    expect(screen.getByTestId('nav-cases').textContent).toBe('Cases');
  } finally {
    await applyLocale('zh-CN');
  }
});
