import type { ViewingRow } from '../../lib/backend';

/** Dates are handled as local calendar days ("YYYY-MM-DD") and local instants. */
const pad = (n: number) => String(n).padStart(2, '0');

export function dayKey(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function startOfDay(date: Date): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate());
}

export function addDays(date: Date, days: number): Date {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate() + days);
}

/** The Monday of the date's week (the office's week starts on Monday). */
export function startOfWeek(date: Date): Date {
  const day = startOfDay(date);
  return addDays(day, -((day.getDay() + 6) % 7));
}

/** The days a view shows: one, or the seven of the week. */
export function viewDays(anchor: Date, view: 'day' | 'week'): Date[] {
  const first = view === 'day' ? startOfDay(anchor) : startOfWeek(anchor);
  return Array.from({ length: view === 'day' ? 1 : 7 }, (_, i) => addDays(first, i));
}

/** The viewing_list range of a view: [first day 00:00, day after the last 00:00) as RFC 3339. */
export function viewRange(days: Date[]): { from: string; to: string } {
  return { from: days[0].toISOString(), to: addDays(days[days.length - 1], 1).toISOString() };
}

/** Viewings by the local day they start on. */
export function byDay(viewings: ViewingRow[]): Map<string, ViewingRow[]> {
  const map = new Map<string, ViewingRow[]>();
  for (const v of [...viewings].sort((a, b) => a.starts_at.localeCompare(b.starts_at))) {
    const key = dayKey(new Date(v.starts_at));
    map.set(key, [...(map.get(key) ?? []), v]);
  }
  return map;
}

/** The hours the grid shows; a viewing outside them is drawn at the nearest edge. */
export const FIRST_HOUR = 8;
export const LAST_HOUR = 21;

/** Where a viewing sits in its day column, as fractions of the shown hours (top, height). */
export function placement(v: Pick<ViewingRow, 'starts_at' | 'ends_at'>): { top: number; height: number } {
  const span = (LAST_HOUR - FIRST_HOUR) * 60;
  const minutes = (iso: string) => {
    const d = new Date(iso);
    return d.getHours() * 60 + d.getMinutes() - FIRST_HOUR * 60;
  };
  const start = Math.min(Math.max(minutes(v.starts_at), 0), span - 15);
  const end = Math.min(Math.max(minutes(v.ends_at), start + 15), span);
  return { top: start / span, height: (end - start) / span };
}

/** A scheduled viewing whose reminder has come, or comes within the hour. */
export function remindSoon(v: ViewingRow, now: Date = new Date()): boolean {
  if (v.status !== 'scheduled') return false;
  if (v.remind_now) return true;
  if (!v.remind_at) return false;
  return new Date(v.remind_at).getTime() <= now.getTime() + 3_600_000;
}
