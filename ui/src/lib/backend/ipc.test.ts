import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));

import { ACTIVE_WITHIN_MS, call, isActive, markActivity, onSessionLocked, onUnauthenticated, setSessionLocale, setSessionToken, toApiError } from './ipc';

describe('ipc', () => {
  beforeEach(() => {
    invoke.mockReset();
    setSessionToken(null);
    setSessionLocale('en');
    onUnauthenticated(null);
  });

  it('sends the session and the input', async () => {
    invoke.mockResolvedValue({ items: [], total: 0, page: 1, page_size: 20 });
    setSessionToken('abc');
    setSessionLocale('zh-CN');
    const input = { event: null, page: 1, page_size: 20 };
    await call('audit_list', input);
    expect(invoke).toHaveBeenCalledWith('call', { command: 'audit_list', session: { token: 'abc', locale: 'zh-CN', background: true }, input });
  });

  it('passes an ApiError through', async () => {
    const error = { code: 'conflict', message: 'changed', fields: null };
    invoke.mockRejectedValue(error);
    await expect(call('me', null)).rejects.toEqual(error);
  });

  it('keeps field errors', async () => {
    invoke.mockRejectedValue({ code: 'validation', message: 'x', fields: { name: 'validation.required' } });
    await expect(call('me', null)).rejects.toEqual({
      code: 'validation',
      message: 'x',
      fields: { name: 'validation.required' },
    });
  });

  it('turns anything else into internal', async () => {
    invoke.mockRejectedValue('command me not found');
    await expect(call('me', null)).rejects.toEqual({ code: 'internal', message: 'command me not found', fields: null });
    expect(toApiError(new Error('boom'))).toEqual({ code: 'internal', message: 'boom', fields: null });
    expect(toApiError({ code: 'nonsense' }).code).toBe('internal');
    expect(toApiError(undefined).code).toBe('internal');
  });

  it('drops the token and notifies on unauthenticated', async () => {
    const listener = vi.fn();
    onUnauthenticated(listener);
    setSessionToken('old');
    invoke.mockRejectedValue({ code: 'unauthenticated', message: '', fields: null });
    await expect(call('me', null)).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(listener).toHaveBeenCalledTimes(1);
    invoke.mockResolvedValue(null);
    await call('logout', null);
    expect(invoke).toHaveBeenLastCalledWith('call', { command: 'logout', session: { token: null, locale: 'en', background: true }, input: null });
  });

  it("marks calls as the person's while there was input in the last minute", async () => {
    invoke.mockResolvedValue(null);
    const at = Date.now();
    markActivity(at);
    await call('me', null);
    expect(invoke).toHaveBeenLastCalledWith('call', expect.objectContaining({ session: expect.objectContaining({ background: false }) }));
    expect(isActive(at + ACTIVE_WITHIN_MS - 1)).toBe(true);
    expect(isActive(at + ACTIVE_WITHIN_MS)).toBe(false);
  });

  it('tells the lock screen when the session is locked, keeping the token', async () => {
    const locked = vi.fn();
    const ended = vi.fn();
    onSessionLocked(locked);
    onUnauthenticated(ended);
    setSessionToken('abc');
    invoke.mockRejectedValue({ code: 'session_locked', message: '', fields: null });
    await expect(call('desk_badges', null)).rejects.toMatchObject({ code: 'session_locked' });
    expect(locked).toHaveBeenCalledTimes(1);
    expect(ended).not.toHaveBeenCalled();
    invoke.mockResolvedValue(null);
    await call('me', null);
    expect(invoke).toHaveBeenLastCalledWith('call', expect.objectContaining({ session: expect.objectContaining({ token: 'abc' }) }));
    onSessionLocked(null);
  });
});
