/**
 * Browsers still fill the legacy `keyCode` / `which` of keyboard events; user-event in jsdom
 * does not, and rc-select (antd Select / AutoComplete) reads `which` for Enter and the arrows.
 * This fills them in from `key`, in the capture phase, before any component sees the event.
 */
const CODES: Record<string, number> = {
  Backspace: 8,
  Tab: 9,
  Enter: 13,
  Escape: 27,
  ' ': 32,
  ArrowLeft: 37,
  ArrowUp: 38,
  ArrowRight: 39,
  ArrowDown: 40,
  Delete: 46,
  F2: 113,
};

function codeOf(key: string): number {
  if (key in CODES) return CODES[key];
  if (/^[0-9]$/.test(key)) return key.charCodeAt(0);
  if (/^[a-z]$/i.test(key)) return key.toUpperCase().charCodeAt(0);
  return 0;
}

export function installKeyCodes(): () => void {
  const fill = (event: Event) => {
    if (!(event instanceof KeyboardEvent) || event.keyCode) return;
    const code = codeOf(event.key);
    Object.defineProperty(event, 'keyCode', { value: code });
    Object.defineProperty(event, 'which', { value: code });
  };
  window.addEventListener('keydown', fill, true);
  window.addEventListener('keyup', fill, true);
  return () => {
    window.removeEventListener('keydown', fill, true);
    window.removeEventListener('keyup', fill, true);
  };
}
