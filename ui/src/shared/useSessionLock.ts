import { useCallback, useEffect, useState } from 'react';
import { call, onSessionLocked, TEST_CLOCK_MOVED_EVENT } from '../lib/backend';
import { watchIdle } from './idle';

/** Until the backend says otherwise (the shipped default). */
export const DEFAULT_IDLE_LOCK_MINUTES = 15;
/** How often the session's state is asked: a lock or end decided by the backend shows this soon. */
export const STATUS_EVERY_MS = 30_000;

export type SessionLock = {
  locked: boolean;
  /** The password was accepted: the same session goes on. */
  unlocked: () => void;
};

/**
 * The signed-in window's lock: locked after the idle time without input (and the backend
 * told, so the session is locked there too), or when the backend answers `session_locked`.
 * Every 30 s the session's state is asked; with input in the last minute that call also
 * counts as activity, so typing without saving keeps the session open.
 */
export function useSessionLock(signedIn: boolean): SessionLock {
  const [locked, setLocked] = useState(false);
  const [idleMinutes, setIdleMinutes] = useState(DEFAULT_IDLE_LOCK_MINUTES);

  useEffect(() => {
    if (!signedIn) {
      setLocked(false);
      return;
    }
    let live = true;
    const check = async () => {
      try {
        const status = await call('session_status', null);
        if (!live) return;
        setIdleMinutes(status.idle_lock_minutes);
        if (status.locked) setLocked(true);
      } catch {
        // An ended session is handled where every call's `unauthenticated` is.
      }
    };
    onSessionLocked(() => setLocked(true));
    void check();
    const every = setInterval(() => void check(), STATUS_EVERY_MS);
    const moved = () => void check();
    window.addEventListener(TEST_CLOCK_MOVED_EVENT, moved);
    return () => {
      live = false;
      onSessionLocked(null);
      clearInterval(every);
      window.removeEventListener(TEST_CLOCK_MOVED_EVENT, moved);
    };
  }, [signedIn]);

  useEffect(() => {
    if (!signedIn || locked) return;
    return watchIdle({
      idleMs: idleMinutes * 60_000,
      onIdle: () => {
        setLocked(true);
        void call('session_lock', null).catch(() => undefined);
      },
    });
  }, [signedIn, locked, idleMinutes]);

  const unlocked = useCallback(() => setLocked(false), []);
  return { locked, unlocked };
}
