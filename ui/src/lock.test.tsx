// @vitest-environment jsdom
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({
  invoke: (_call: string, args: { command: string; input: unknown }) => invoke(args.command, args.input),
}));

import { App } from './App';
import { TEST_CLOCK_MOVED_EVENT } from './lib/backend';

const ME = {
  id: 1,
  username: 'manager',
  display_name: '王建国',
  role: 'manager',
  department: 'management',
  languages: ['zh-CN'],
  locale: 'en',
  permissions: ['staff_read', 'settings_manage'],
};
const PASSWORD = 'Lotus-Garden-7';

/** The backend's session, as the mock keeps it. */
const backend = { locked: false, ended: false };

const responses: Record<string, unknown> = {
  app_status: { needs_setup: false, has_data: true, demo_requested: false, database: 'sqlite', os_locale: 'en', locales: [], version: '0.1.0' },
  login: { token: 't', me: ME },
  set_my_locale: ME,
  logout: null,
  session_lock: null,
  session_limits_get: { version: 0, idle_lock_minutes: 15, session_hours: 12 },
};

async function answer(name: string, input: unknown) {
  if (backend.ended && name !== 'app_status' && name !== 'login') throw { code: 'unauthenticated', message: 'ended', fields: null };
  if (name === 'session_status') return { locked: backend.locked, idle_lock_minutes: 15, ends_at: '2026-11-28T21:30:00Z' };
  if (name === 'session_unlock') {
    if ((input as { password: string }).password !== PASSWORD) throw { code: 'invalid_credentials', message: 'Wrong password.', fields: null };
    backend.locked = false;
    return ME;
  }
  if (backend.locked && !['app_status', 'login', 'me', 'logout', 'session_lock'].includes(name)) throw { code: 'session_locked', message: 'locked', fields: null };
  if (name in responses) return responses[name];
  throw { code: 'internal', message: `unmocked ${name}`, fields: null };
}

beforeAll(() => {
  const computed = window.getComputedStyle.bind(window);
  window.getComputedStyle = (element: Element) => computed(element);
  invoke.mockImplementation(answer);
});

afterEach(cleanup);

/** The clock moved: the lock watch asks the backend at once. */
async function clockMoved() {
  await act(async () => {
    window.dispatchEvent(new Event(TEST_CLOCK_MOVED_EVENT));
  });
}

describe('the lock screen', () => {
  it('covers the app without unmounting it and the password unlocks the same session', { timeout: 60_000 }, async () => {
    window.location.hash = '#/settings';
    render(<App />);
    fireEvent.change(await screen.findByTestId('login-username', undefined, { timeout: 15_000 }), { target: { value: 'manager' } });
    fireEvent.change(screen.getByTestId('login-password'), { target: { value: PASSWORD } });
    fireEvent.click(screen.getByTestId('login-submit'));
    const draft = (await screen.findByTestId('password-current', undefined, { timeout: 15_000 })) as HTMLInputElement;
    fireEvent.change(draft, { target: { value: 'typed before the lock' } });

    backend.locked = true;
    await clockMoved();
    const lock = await screen.findByTestId('lock-screen', undefined, { timeout: 5000 });
    expect(screen.getByTestId('lock-who').textContent).toContain('王建国');
    // The work is still there, out of reach.
    expect((screen.getByTestId('password-current') as HTMLInputElement).value).toBe('typed before the lock');
    expect(screen.getByTestId('settings-screen').closest('[inert]')).not.toBeNull();
    expect(lock.closest('[inert]')).toBeNull();

    fireEvent.change(screen.getByTestId('lock-password'), { target: { value: 'wrong-password' } });
    fireEvent.click(screen.getByTestId('lock-unlock'));
    await screen.findByText('Wrong password.', undefined, { timeout: 5000 });
    expect(screen.getByTestId('lock-screen')).toBeTruthy();

    fireEvent.change(screen.getByTestId('lock-password'), { target: { value: PASSWORD } });
    fireEvent.click(screen.getByTestId('lock-unlock'));
    await waitFor(() => expect(screen.queryByTestId('lock-screen')).toBeNull(), { timeout: 5000 });
    expect(invoke).toHaveBeenCalledWith('session_unlock', { password: PASSWORD });
    expect((screen.getByTestId('password-current') as HTMLInputElement).value).toBe('typed before the lock');
    expect(screen.getByTestId('settings-screen').closest('[inert]')).toBeNull();

    // Later the session runs out: back to sign-in, saying why.
    backend.ended = true;
    await clockMoved();
    const notice = await screen.findByTestId('login-notice', undefined, { timeout: 5000 });
    expect(notice.textContent).toContain('Please sign in again');
    backend.ended = false;
  });

  it('lets someone else sign the locked session out', { timeout: 60_000 }, async () => {
    backend.locked = false;
    window.location.hash = '#/settings';
    render(<App />);
    fireEvent.change(await screen.findByTestId('login-username', undefined, { timeout: 15_000 }), { target: { value: 'manager' } });
    fireEvent.change(screen.getByTestId('login-password'), { target: { value: PASSWORD } });
    fireEvent.click(screen.getByTestId('login-submit'));
    await screen.findByTestId('settings-screen', undefined, { timeout: 15_000 });
    backend.locked = true;
    await clockMoved();
    fireEvent.click(await screen.findByTestId('lock-sign-out', undefined, { timeout: 5000 }));
    await screen.findByTestId('login-form', undefined, { timeout: 5000 });
    expect(invoke).toHaveBeenCalledWith('logout', null);
    expect(screen.queryByTestId('lock-screen')).toBeNull();
    expect(screen.queryByTestId('login-notice')).toBeNull();
    backend.locked = false;
  });
});
