import { invoke } from '@tauri-apps/api/core';
import { listen } from '@tauri-apps/api/event';
import { toApiError } from './ipc';

/**
 * Saves a document the UI produced (a PDF as base64) in the documents folder and returns
 * its path; the desktop opens it in the OS viewer (not in test runs).
 */
export async function saveDocument(fileName: string, base64: string): Promise<string> {
  try {
    return await invoke<string>('save_document', { fileName, base64 });
  } catch (reason) {
    throw toApiError(reason);
  }
}

/**
 * Moves the shell's clock forward by `minutes` and runs the escalation sweep at the new
 * time; returns the new time. Refused unless Steward was started with `--test-clock`.
 */
export async function advanceTestClock(minutes: number): Promise<string> {
  let moved: string;
  try {
    moved = await invoke<string>('test_clock_advance', { minutes });
  } catch (reason) {
    throw toApiError(reason);
  }
  // The session's idle and absolute limits run on this clock: let the lock watch look now.
  if (minutes > 0) window.dispatchEvent(new Event(TEST_CLOCK_MOVED_EVENT));
  return moved;
}

/** A window event after the test clock moved forward. */
export const TEST_CLOCK_MOVED_EVENT = 'steward-test-clock-moved';

declare global {
  interface Window {
    /** Present only in `--test-clock` runs: lets end-to-end tests move time. */
    __stewardTest?: { advanceTestClock: typeof advanceTestClock };
  }
}

/** Puts `window.__stewardTest` in place when the shell has a test clock (asked by moving it 0 minutes). */
export async function installTestHooks(): Promise<boolean> {
  try {
    await advanceTestClock(0);
  } catch {
    return false;
  }
  window.__stewardTest = { advanceTestClock };
  return true;
}

/** The shell's event after an escalation sweep (each minute, or after the test clock moved) changed data. */
export const DESK_SWEPT_EVENT = 'desk-swept';

/**
 * Calls `handler` whenever the shell's escalation sweep escalated cases or work orders or
 * raised alerts; resolves to the function that stops listening (a no-op outside the shell).
 */
export async function onDeskSwept(handler: () => void): Promise<() => void> {
  try {
    return await listen(DESK_SWEPT_EVENT, () => handler());
  } catch {
    return () => undefined;
  }
}

/** In the app's window (not a unit test or a browser tab): the shell answers calls. */
export function inShell(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window;
}

let uiReadySent = false;

/**
 * Tells the shell that the first screen is on display; it logs `ui_ready` with the time
 * since the app started (the window benchmark reads it). Once; a no-op outside the shell.
 */
export function reportUiReady(): void {
  if (uiReadySent) return;
  uiReadySent = true;
  Promise.resolve()
    .then(() => invoke('ui_ready', { pageMs: Math.round(performance.now()) }))
    .catch(() => undefined);
}
