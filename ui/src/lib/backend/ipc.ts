import { invoke } from '@tauri-apps/api/core';
import { ERROR_CODES } from './bindings';
import type { ApiError, Commands } from './bindings';

/** The session this window holds: kept in memory only, gone when the window closes. */
const session: { token: string | null; locale: string } = { token: null, locale: 'en' };
let unauthenticatedListener: (() => void) | null = null;
let lockedListener: (() => void) | null = null;

/** A call within this long after the person's last input counts as their activity. */
export const ACTIVE_WITHIN_MS = 60_000;
let lastInputAt = Number.NEGATIVE_INFINITY;

/** The person used the mouse or keyboard: the next calls keep the session from locking. */
export function markActivity(at: number = Date.now()): void {
  lastInputAt = at;
}

/** Whether a call now is the person's (not a timer's while they are away). */
export function isActive(at: number = Date.now()): boolean {
  return at - lastInputAt < ACTIVE_WITHIN_MS;
}

export function setSessionToken(token: string | null): void {
  session.token = token;
}

export function hasSessionToken(): boolean {
  return session.token !== null;
}

/** The session as the shell's own commands take it (the connection's). */
export function currentSession(): { token: string | null; locale: string } {
  return { token: session.token, locale: session.locale };
}

export function setSessionLocale(locale: string): void {
  session.locale = locale;
}

/** Called whenever the backend says the session is gone (expired, signed out elsewhere). */
export function onUnauthenticated(listener: (() => void) | null): void {
  unauthenticatedListener = listener;
}

/** Called whenever the backend says the session is locked (idle): the lock screen shows. */
export function onSessionLocked(listener: (() => void) | null): void {
  lockedListener = listener;
}

export function isApiError(value: unknown): value is ApiError {
  if (typeof value !== 'object' || value === null) return false;
  const code = (value as { code?: unknown }).code;
  return typeof code === 'string' && (ERROR_CODES as ReadonlyArray<string>).includes(code);
}

/** Turns whatever a command rejected with into an ApiError; unknown shapes become `internal`. */
export function toApiError(reason: unknown): ApiError {
  if (isApiError(reason)) {
    const raw = reason as Partial<ApiError>;
    return {
      code: reason.code,
      message: typeof raw.message === 'string' ? raw.message : '',
      fields: raw.fields && typeof raw.fields === 'object' ? raw.fields : null,
    };
  }
  let message = '';
  if (typeof reason === 'string') message = reason;
  else if (reason instanceof Error) message = reason.message;
  else {
    try {
      message = JSON.stringify(reason) ?? '';
    } catch {
      message = String(reason);
    }
  }
  return { code: 'internal', message, fields: null };
}

/** The one way the UI talks to the Rust side. Rejects only with ApiError. */
export async function call<K extends keyof Commands>(
  name: K,
  input: Commands[K]['input'],
): Promise<Commands[K]['output']> {
  try {
    // The shell has one command, `call`; the core routes by name.
    return await invoke<Commands[K]['output']>('call', {
      command: name,
      session: { token: session.token, locale: session.locale, background: !isActive() },
      input,
    });
  } catch (reason) {
    const error = toApiError(reason);
    if (error.code === 'unauthenticated' && name !== 'login' && session.token !== null) {
      session.token = null;
      unauthenticatedListener?.();
    }
    if (error.code === 'session_locked') lockedListener?.();
    throw error;
  }
}
