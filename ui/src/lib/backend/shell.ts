import { invoke } from '@tauri-apps/api/core';
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
  try {
    return await invoke<string>('test_clock_advance', { minutes });
  } catch (reason) {
    throw toApiError(reason);
  }
}

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
