// @vitest-environment jsdom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

vi.mock('@tauri-apps/api/core', () => ({ invoke: vi.fn() }));

import { isActive } from '../lib/backend';
import { watchIdle } from './idle';

const MINUTE = 60_000;

describe('the idle watch', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it('fires after the idle time without input, not before', () => {
    const onIdle = vi.fn();
    const stop = watchIdle({ idleMs: 15 * MINUTE, onIdle });
    vi.advanceTimersByTime(15 * MINUTE - 1);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(60 * MINUTE);
    expect(onIdle).toHaveBeenCalledTimes(1);
    stop();
  });

  it('counts from the last mouse or keyboard input, and marks calls as activity', () => {
    const onIdle = vi.fn();
    const stop = watchIdle({ idleMs: 15 * MINUTE, onIdle });
    vi.advanceTimersByTime(10 * MINUTE);
    window.dispatchEvent(new KeyboardEvent('keydown', { key: 'a' }));
    expect(isActive()).toBe(true);
    vi.advanceTimersByTime(14 * MINUTE);
    expect(isActive()).toBe(false);
    window.dispatchEvent(new MouseEvent('mousemove'));
    vi.advanceTimersByTime(15 * MINUTE - 1);
    expect(onIdle).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(onIdle).toHaveBeenCalledTimes(1);
    stop();
  });

  it('stops listening and timing when stopped', () => {
    const onIdle = vi.fn();
    const remove = vi.fn();
    const target = { addEventListener: vi.fn(), removeEventListener: remove };
    const stop = watchIdle({ idleMs: MINUTE, onIdle, target });
    stop();
    vi.advanceTimersByTime(10 * MINUTE);
    expect(onIdle).not.toHaveBeenCalled();
    expect(remove).toHaveBeenCalledWith('keydown', expect.any(Function), true);
  });
});
