// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App } from 'antd';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { BackupOverview } from '../../lib/backend';
import { applyLocale } from '../../shared/i18n';
import { BackupsCard, formatSize } from './BackupsCard';

const call = vi.hoisted(() => vi.fn());
vi.mock('../../lib/backend', async (original) => ({ ...(await original<object>()), call }));

const DESK: BackupOverview = {
  mode: 'desk',
  folder: '/home/office/.local/share/office.steward.desk/backups',
  copy_folder: null,
  backups: [
    { name: 'steward-20261128T120000Z-manual.db', at: '2026-11-28T12:00:00Z', kind: 'manual', size_bytes: 5_400_000 },
    { name: 'steward-20261128T113000Z-automatic.db', at: '2026-11-28T11:30:00Z', kind: 'automatic', size_bytes: 5_300_000 },
  ],
  last_server_backup: null,
};

function show() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={client}>
      <App>
        <BackupsCard />
      </App>
    </QueryClientProvider>,
  );
}

beforeAll(async () => {
  await applyLocale('zh-CN');
});
beforeEach(() => {
  call.mockReset();
});
afterEach(cleanup);

describe('Settings → Backups', { timeout: 30_000 }, () => {
  it('formats sizes', () => {
    expect(formatSize(512, 'en')).toBe('512 B');
    expect(formatSize(5_400_000, 'en')).toBe('5.1 MB');
  });

  it('lists backups and restores one only after the confirmation says what happens', async () => {
    call.mockImplementation(async (name: string) => {
      if (name === 'backup_list') return DESK;
      if (name === 'backup_restore') return { kept: { ...DESK.backups[0], kind: 'before_restore' } };
      throw { code: 'internal', message: `unmocked ${name}`, fields: null };
    });
    show();
    const table = await screen.findByTestId('backups-table');
    await waitFor(() => expect(table.textContent).toContain('手动'));
    expect(table.textContent).toContain('自动');
    expect(table.textContent).toContain('5.1 MB');
    fireEvent.click(screen.getAllByTestId('backups-restore')[0]);
    expect(await screen.findByText(/当前数据另存一份/)).toBeTruthy();
    expect(call).not.toHaveBeenCalledWith('backup_restore', expect.anything());
    fireEvent.click(screen.getByTestId('backups-restore-confirm'));
    await waitFor(() => expect(call).toHaveBeenCalledWith('backup_restore', { name: DESK.backups[0].name }));
  });

  it('shows why a damaged backup was not restored', async () => {
    call.mockImplementation(async (name: string) => {
      if (name === 'backup_list') return DESK;
      throw { code: 'validation', message: 'invalid', fields: { name: 'validation.backup_damaged' } };
    });
    show();
    fireEvent.click((await screen.findAllByTestId('backups-restore'))[1]);
    fireEvent.click(await screen.findByTestId('backups-restore-confirm'));
    expect((await screen.findByTestId('backups-restore-error')).textContent).toContain('已损坏');
  });

  it('on an office server shows when it was last backed up', async () => {
    call.mockImplementation(async () => ({
      mode: 'server',
      folder: null,
      copy_folder: null,
      backups: [],
      last_server_backup: { at: '2026-11-28T02:00:00Z', file: 'steward-20261128T020000Z.dump', size_bytes: 48_000_000 },
    }));
    show();
    const last = await screen.findByTestId('backups-server-last');
    expect(last.textContent).toContain('2026');
    expect(screen.queryByTestId('backups-now')).toBeNull();
  });
});
