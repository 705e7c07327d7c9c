import { createContext, useContext } from 'react';
import type { ConnectionStatus } from '../lib/backend';

/** The desk's connection, and what to do once it was changed (sign out, start over). */
export type ConnectionContextValue = {
  status: ConnectionStatus | null;
  changed: (status: ConnectionStatus) => void;
};

export const ConnectionContext = createContext<ConnectionContextValue>({ status: null, changed: () => undefined });

export function useConnection(): ConnectionContextValue {
  return useContext(ConnectionContext);
}

/** `AB:CD:…` (32 pairs) in groups of four pairs, for reading aloud. */
export function groupFingerprint(fingerprint: string): string[] {
  const pairs = fingerprint.split(':').filter(Boolean);
  const groups: string[] = [];
  for (let i = 0; i < pairs.length; i += 4) groups.push(pairs.slice(i, i + 4).join(':'));
  return groups;
}

/** Leading and trailing calls at most every `ms`: many change notices, one refetch. */
export function throttle(run: () => void, ms: number): () => void {
  let last = 0;
  let timer: ReturnType<typeof setTimeout> | null = null;
  return () => {
    if (timer) return;
    const wait = Math.max(0, last + ms - Date.now());
    timer = setTimeout(() => {
      timer = null;
      last = Date.now();
      run();
    }, wait);
  };
}
