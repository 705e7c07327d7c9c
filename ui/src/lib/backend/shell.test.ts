// @vitest-environment jsdom
import { beforeEach, describe, expect, it, vi } from 'vitest';

const invoke = vi.fn();
vi.mock('@tauri-apps/api/core', () => ({ invoke: (...args: unknown[]) => invoke(...args) }));
const listen = vi.fn();
vi.mock('@tauri-apps/api/event', () => ({ listen: (...args: unknown[]) => listen(...args) }));

import { advanceTestClock, DESK_SWEPT_EVENT, installTestHooks, onDeskSwept, saveDocument } from './shell';

describe('shell commands', () => {
  beforeEach(() => {
    invoke.mockReset();
    delete window.__stewardTest;
  });

  it('installs the test hooks only when the shell has a test clock', async () => {
    invoke.mockRejectedValue({ code: 'forbidden', message: 'no', fields: null });
    expect(await installTestHooks()).toBe(false);
    expect(window.__stewardTest).toBeUndefined();
    invoke.mockResolvedValue('2026-11-27T10:00:00+00:00');
    expect(await installTestHooks()).toBe(true);
    expect(invoke).toHaveBeenLastCalledWith('test_clock_advance', { minutes: 0 });
    expect(window.__stewardTest?.advanceTestClock).toBe(advanceTestClock);
  });

  it('saves a document and reports refusals as ApiError', async () => {
    invoke.mockResolvedValue('/d/documents/WO-1.pdf');
    expect(await saveDocument('WO-1.pdf', 'JVBE')).toBe('/d/documents/WO-1.pdf');
    expect(invoke).toHaveBeenCalledWith('save_document', { fileName: 'WO-1.pdf', base64: 'JVBE' });
    invoke.mockRejectedValue('boom');
    await expect(saveDocument('x.pdf', '')).rejects.toMatchObject({ code: 'internal', message: 'boom' });
  });

  it('hears the escalation sweep of the shell, and nothing outside it', async () => {
    const unlisten = vi.fn();
    let heard: (() => void) | undefined;
    listen.mockImplementation(async (_event: string, handler: () => void) => {
      heard = handler;
      return unlisten;
    });
    const handler = vi.fn();
    expect(await onDeskSwept(handler)).toBe(unlisten);
    expect(listen).toHaveBeenCalledWith(DESK_SWEPT_EVENT, expect.any(Function));
    heard?.();
    expect(handler).toHaveBeenCalledTimes(1);
    listen.mockRejectedValue(new TypeError('no __TAURI_INTERNALS__'));
    const stop = await onDeskSwept(handler);
    expect(() => stop()).not.toThrow();
  });
});
