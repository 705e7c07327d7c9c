import { markActivity } from '../lib/backend';

/** What counts as the person being there. */
export const INPUT_EVENTS = ['mousemove', 'mousedown', 'keydown', 'wheel', 'touchstart'] as const;

export type IdleWatchOptions = {
  /** No input for this long is idle. */
  idleMs: number;
  /** Called once, when the idle time has passed; the watch then stops. */
  onIdle: () => void;
  /** Where input is heard (the window). */
  target?: Pick<EventTarget, 'addEventListener' | 'removeEventListener'>;
};

/**
 * Calls `onIdle` after `idleMs` without mouse or keyboard input, and tells the backend
 * layer about each input (so calls made then count as activity). One timer, re-armed for
 * the time left when it fires: input itself only notes the time. Returns the stop function.
 */
export function watchIdle({ idleMs, onIdle, target = window }: IdleWatchOptions): () => void {
  let last = Date.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const check = () => {
    const left = last + idleMs - Date.now();
    if (left <= 0) {
      timer = undefined;
      stop();
      onIdle();
    } else {
      timer = setTimeout(check, left);
    }
  };
  const input = () => {
    last = Date.now();
    markActivity(last);
  };
  const stop = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    for (const name of INPUT_EVENTS) target.removeEventListener(name, input, true);
  };
  for (const name of INPUT_EVENTS) target.addEventListener(name, input, true);
  timer = setTimeout(check, idleMs);
  return stop;
}
