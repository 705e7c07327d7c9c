import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import type { ApiError } from './bindings';
import { currentSession, toApiError } from './ipc';

/** Where this desk's data lives (the desk's settings file, kept by the shell). */
export type Connection = { kind: 'local' } | { kind: 'server'; address: string; fingerprint: string; ca_file?: string | null };

export type ConnectionProblem =
  | 'settings_unreadable'
  | 'settings_corrupt'
  | 'database'
  | 'server_unreachable'
  | 'server_certificate_changed'
  | 'server_incompatible';

/** The shell's connection before (and after) sign-in. */
export type ConnectionStatus = {
  state: 'connecting' | 'ready' | 'failed';
  connection: Connection | null;
  /** Why the start failed, translated. */
  problem: ApiError | null;
  problem_kind: ConnectionProblem | null;
  /** A technical detail for whoever repairs it. */
  detail: string | null;
  /** Shown once: the old direct database address was removed from this desk. */
  notice: 'direct_database_removed' | null;
  /** Server mode: false while the server does not answer (the banner shows). */
  online: boolean;
  /** The database is set on the command line or by STEWARD_DATABASE_URL (tests, developers). */
  overridden: boolean;
};

/** What an office server answered, with its certificate's fingerprint to confirm. */
export type ServerHello = { address: string; name: string; version: string; fingerprint: string };

export type ConnectionChoice =
  | { kind: 'local' }
  | { kind: 'server'; address: string; fingerprint: string; ca_file: string | null };

async function shell<T>(command: string, args: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (reason) {
    throw toApiError(reason);
  }
}

export function connectionStatus(): Promise<ConnectionStatus> {
  // The shell answers in the window's language, or the computer's before the first call.
  return shell('connection_status', {});
}

/** Reads a server's name and fingerprint; nothing is saved. */
export function probeServer(address: string, caFile: string | null): Promise<ServerHello> {
  return shell('connection_probe', { address, caFile, locale: currentSession().locale });
}

/**
 * Switches this desk's connection. Signed in, it needs the manager role (and is audited);
 * the session ends either way, since it belonged to the old connection.
 */
export function chooseConnection(choice: ConnectionChoice): Promise<ConnectionStatus> {
  return shell('connection_choose', { session: currentSession(), choice });
}

/** Tries the saved connection again after a failed start. */
export function retryConnection(): Promise<ConnectionStatus> {
  return shell('connection_retry', {});
}

async function listenTo<T>(event: string, handler: (payload: T) => void): Promise<() => void> {
  try {
    return await listen<T>(event, (e) => handler(e.payload));
  } catch {
    return () => undefined;
  }
}

/** The connection's state changed (opened, failed, the server stopped or started answering). */
export function onConnectionState(handler: (status: ConnectionStatus) => void): Promise<() => void> {
  return listenTo('connection-state', handler);
}

/** Some desk wrote to the office server: what is on screen may be out of date. */
export function onServerChange(handler: (payload: void) => void): Promise<() => void> {
  return listenTo('server-change', () => handler());
}
