// @vitest-environment jsdom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({
  invoke: (command: string, args: Record<string, unknown>) => invoke(command, args),
}));

import '../../shared/i18n';
import { groupFingerprint, throttle } from '../../shared/connection';
import { ConnectionChooser } from './ConnectionChooser';
import { StartupError } from './StartupError';
import type { ConnectionStatus } from '../../lib/backend';

const FINGERPRINT = Array.from({ length: 32 }, (_, i) => (i + 160).toString(16).toUpperCase()).join(':');
const FAILED: ConnectionStatus = {
  state: 'failed',
  connection: null,
  problem: { code: 'database', message: 'The settings file is damaged.', fields: null },
  problem_kind: 'settings_corrupt',
  detail: 'expected value at line 1',
  notice: null,
  online: true,
  overridden: false,
};
const READY: ConnectionStatus = { ...FAILED, state: 'ready', connection: { kind: 'local' }, problem: null, problem_kind: null, detail: null };

beforeAll(() => {
  const computed = window.getComputedStyle.bind(window);
  window.getComputedStyle = (element: Element) => computed(element);
});
afterEach(() => {
  cleanup();
  invoke.mockReset();
});

describe('connection pieces', () => {
  it('groups a fingerprint in fours for reading aloud', () => {
    const groups = groupFingerprint(FINGERPRINT);
    expect(groups).toHaveLength(8);
    expect(groups[0]).toBe('A0:A1:A2:A3');
  });

  it('throttles change notices to one refetch per window', async () => {
    vi.useFakeTimers();
    const run = vi.fn();
    const heard = throttle(run, 300);
    heard();
    heard();
    heard();
    await vi.advanceTimersByTimeAsync(0);
    expect(run).toHaveBeenCalledTimes(1);
    heard();
    heard();
    await vi.advanceTimersByTimeAsync(299);
    expect(run).toHaveBeenCalledTimes(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(run).toHaveBeenCalledTimes(2);
    vi.useRealTimers();
  });

  it('the start-up error offers Retry and Choose connection', async () => {
    invoke.mockImplementation(async (command: string) => {
      if (command === 'connection_retry') return READY;
      throw { code: 'internal', message: command, fields: null };
    });
    const onStatus = vi.fn();
    render(
      <AntApp>
        <StartupError status={FAILED} onStatus={onStatus} />
      </AntApp>,
    );
    expect(screen.getByTestId('startup-reason').textContent).toBe('The settings file is damaged.');
    fireEvent.click(screen.getByTestId('startup-retry'));
    await waitFor(() => expect(onStatus).toHaveBeenCalledWith(READY));
    fireEvent.click(screen.getByTestId('startup-choose'));
    expect(screen.getByTestId('connection-chooser')).toBeTruthy();
  });

  it('an office server is used only after its fingerprint was confirmed', async () => {
    invoke.mockImplementation(async (command: string, args: Record<string, unknown>) => {
      if (command === 'connection_probe') {
        return { address: 'https://office-pc:7443', name: 'Front office', version: '0.1.0', fingerprint: FINGERPRINT };
      }
      if (command === 'connection_choose') return { ...READY, connection: args.choice };
      throw { code: 'internal', message: command, fields: null };
    });
    const onChosen = vi.fn();
    render(
      <AntApp>
        <ConnectionChooser current={{ kind: 'local' }} onChosen={onChosen} />
      </AntApp>,
    );
    fireEvent.click(screen.getByTestId('connection-kind-server'));
    fireEvent.change(await screen.findByTestId('connection-address'), { target: { value: 'office-pc' } });
    fireEvent.click(screen.getByTestId('connection-probe'));
    const shown = await screen.findByTestId('connection-fingerprint');
    expect(shown.textContent).toContain('A0:A1:A2:A3  A4:A5:A6:A7');
    const use = screen.getByTestId('connection-use').closest('button');
    expect(use?.disabled).toBe(true);
    fireEvent.click(screen.getByTestId('connection-confirm'));
    await waitFor(() => expect(use?.disabled).toBe(false));
    fireEvent.click(use!);
    await waitFor(() => expect(onChosen).toHaveBeenCalled());
    expect(invoke).toHaveBeenCalledWith(
      'connection_choose',
      expect.objectContaining({
        choice: { kind: 'server', address: 'https://office-pc:7443', fingerprint: FINGERPRINT, ca_file: null },
      }),
    );
  });
});
