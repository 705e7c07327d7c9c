import { useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent } from 'react';

/** A key chord: `key` as in KeyboardEvent.key; `mod` is Ctrl on Windows/Linux and Cmd on macOS. */
export type Hotkey = { key: string; mod?: boolean };

export function matchesHotkey(event: KeyboardEvent | ReactKeyboardEvent, hotkey: Hotkey): boolean {
  const mod = event.ctrlKey || event.metaKey;
  if (Boolean(hotkey.mod) !== mod || event.altKey) return false;
  return event.key.toLowerCase() === hotkey.key.toLowerCase();
}

/**
 * Calls `handler` when any of the chords is pressed anywhere in the window (also inside
 * inputs), and stops the browser's own action for it (Ctrl+N would open a window).
 */
export function useHotkey(hotkeys: Hotkey[], handler: (event: KeyboardEvent) => void, enabled = true): void {
  const latest = useRef({ hotkeys, handler });
  latest.current = { hotkeys, handler };
  useEffect(() => {
    if (!enabled) return;
    const listener = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      if (!latest.current.hotkeys.some((hotkey) => matchesHotkey(event, hotkey))) return;
      event.preventDefault();
      latest.current.handler(event);
    };
    window.addEventListener('keydown', listener);
    return () => window.removeEventListener('keydown', listener);
  }, [enabled]);
}
