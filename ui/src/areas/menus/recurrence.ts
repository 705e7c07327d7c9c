import type { TFunction } from 'i18next';

/** RFC 5545 weekday codes, Monday first (as an office week is read). */
export const WEEKDAYS = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * The patterns the editor offers. Anything else is `custom`: the RRULE text itself, which
 * the core reads with the full RFC 5545 grammar.
 */
export type Repeat =
  | { kind: 'daily' }
  | { kind: 'weekly'; days: Weekday[] }
  | { kind: 'fortnightly'; days: Weekday[] }
  | { kind: 'monthly_days'; days: number[] }
  | { kind: 'last_working_day' }
  | { kind: 'custom'; rule: string };

export const REPEAT_KINDS = ['weekly', 'fortnightly', 'monthly_days', 'last_working_day', 'daily', 'custom'] as const;

const byWeekday = (days: Weekday[]) => [...days].sort((a, b) => WEEKDAYS.indexOf(a) - WEEKDAYS.indexOf(b));
/** Days of the month in order, the last day (-1) at the end. */
const byMonthDay = (days: number[]) => [...days].sort((a, b) => (a < 0 ? 100 : a) - (b < 0 ? 100 : b));

export function toRule(r: Repeat): string {
  switch (r.kind) {
    case 'daily':
      return 'FREQ=DAILY';
    case 'weekly':
      return `FREQ=WEEKLY;BYDAY=${byWeekday(r.days).join(',')}`;
    case 'fortnightly':
      return `FREQ=WEEKLY;INTERVAL=2;BYDAY=${byWeekday(r.days).join(',')}`;
    case 'monthly_days':
      return `FREQ=MONTHLY;BYMONTHDAY=${byMonthDay(r.days).join(',')}`;
    case 'last_working_day':
      return 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1';
    case 'custom':
      return r.rule.trim();
  }
}

function parts(rule: string): Map<string, string> | null {
  const map = new Map<string, string>();
  for (const part of rule.trim().toUpperCase().replace(/^RRULE:/, '').split(';')) {
    const [key, value] = part.split('=');
    if (!key || value === undefined || map.has(key)) return null;
    map.set(key, value);
  }
  return map;
}

const isWeekday = (d: string): d is Weekday => (WEEKDAYS as readonly string[]).includes(d);

/** The pattern a stored rule is, so the editor can show it as chosen; else `custom`. */
export function fromRule(rule: string): Repeat {
  const custom: Repeat = { kind: 'custom', rule };
  const p = parts(rule);
  if (!p) return custom;
  const keys = [...p.keys()].sort().join(',');
  const freq = p.get('FREQ');
  const days = (p.get('BYDAY') ?? '').split(',').filter(Boolean);
  if (freq === 'DAILY' && keys === 'FREQ') return { kind: 'daily' };
  if (freq === 'WEEKLY' && keys === 'BYDAY,FREQ' && days.every(isWeekday)) return { kind: 'weekly', days: days as Weekday[] };
  if (freq === 'WEEKLY' && keys === 'BYDAY,FREQ,INTERVAL' && p.get('INTERVAL') === '2' && days.every(isWeekday)) {
    return { kind: 'fortnightly', days: days as Weekday[] };
  }
  if (freq === 'MONTHLY' && keys === 'BYMONTHDAY,FREQ') {
    const monthDays = (p.get('BYMONTHDAY') ?? '').split(',').map(Number);
    if (monthDays.every((d) => Number.isInteger(d) && ((d >= 1 && d <= 31) || d === -1))) return { kind: 'monthly_days', days: monthDays };
  }
  if (freq === 'MONTHLY' && keys === 'BYDAY,BYSETPOS,FREQ' && p.get('BYSETPOS') === '-1' && p.get('BYDAY') === 'MO,TU,WE,TH,FR') {
    return { kind: 'last_working_day' };
  }
  return custom;
}

/** A weekday's short name in `locale` ("Tue", "周二"), from a week known to start on a Monday. */
export function weekdayName(day: Weekday, locale: string): string {
  const monday = Date.UTC(2026, 10, 30); // 30 November 2026 is a Monday.
  const date = new Date(monday + WEEKDAYS.indexOf(day) * 86_400_000);
  return new Intl.DateTimeFormat(locale, { weekday: 'short', timeZone: 'UTC' }).format(date);
}

/** How people say the rule: "Every week on Tue, Thu", "每月 1日、15日". */
export function describeRule(rule: string, t: TFunction, locale: string): string {
  const r = fromRule(rule);
  const list = (items: string[]) => items.join(t('menus.rule.separator'));
  switch (r.kind) {
    case 'daily':
      return t('menus.rule.daily');
    case 'weekly':
      return t('menus.rule.weekly', { days: list(byWeekday(r.days).map((d) => weekdayName(d, locale))) });
    case 'fortnightly':
      return t('menus.rule.fortnightly', { days: list(byWeekday(r.days).map((d) => weekdayName(d, locale))) });
    case 'monthly_days':
      return t('menus.rule.monthly_days', {
        days: list(byMonthDay(r.days).map((d) => (d === -1 ? t('menus.rule.last_day') : t('menus.rule.day_of_month', { day: d })))),
      });
    case 'last_working_day':
      return t('menus.rule.last_working_day');
    case 'custom':
      return t('menus.rule.custom', { rule: r.rule });
  }
}
