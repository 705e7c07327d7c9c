/**
 * Locale-aware formatting of dates, numbers, areas and money (Intl only, no hand-rolled rules):
 * CLDR's medium date ("Nov 27, 2026", "2026年11月27日", "2026/11/27", "2026. 11. 27.") and
 * short time on the office's 24-hour clock, the same patterns the core prints with.
 */

const TIME = { timeStyle: 'short', hourCycle: 'h23' } as const;

/**
 * A date, or a number with its unit, must not break across lines in a narrow table cell
 * ("2026. 11. 27." in Korean has three spaces): its spaces become no-break spaces.
 */
function unbroken(text: string): string {
  return text.replace(/ /g, '\u00a0');
}

export function formatDate(value: string | null | undefined, locale: string): string {
  if (!value) return '';
  const dateOnly = /^\d{4}-\d{2}-\d{2}$/.test(value);
  const date = dateOnly ? new Date(`${value}T00:00:00Z`) : new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  return unbroken(
    new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      ...(dateOnly ? { timeZone: 'UTC' } : {}),
    }).format(date),
  );
}

export function formatDateTime(value: string | null | undefined, locale: string, timeZone?: string): string {
  if (!value) return '';
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) return value;
  const parts = new Intl.DateTimeFormat(locale, {
    dateStyle: 'medium',
    ...TIME,
    ...(timeZone ? { timeZone } : {}),
  }).formatToParts(date);
  // The date and the time each hold together; the line may break between them.
  const hour = parts.findIndex((part) => part.type === 'hour');
  return parts.map((part, i) => (i === hour - 1 ? part.value : unbroken(part.value))).join('');
}

/** A month as a title: "November 2026", "2026年11月", "2026년 11월". */
export function formatMonth(value: string, locale: string): string {
  const match = /^(\d{4})-(\d{2})/.exec(value);
  if (!match) return value;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 1));
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(date);
}

export function formatNumber(value: number | string, locale: string, fractionDigits?: number): string {
  const number = typeof value === 'string' ? Number(value) : value;
  if (!Number.isFinite(number)) return String(value);
  return new Intl.NumberFormat(locale, {
    minimumFractionDigits: fractionDigits ?? 0,
    maximumFractionDigits: fractionDigits ?? 2,
  }).format(number);
}

/** Area comes from the backend as an exact decimal string ("85.50"). */
export function formatArea(value: string, locale: string): string {
  const number = Number(value);
  if (!Number.isFinite(number)) return value;
  return `${new Intl.NumberFormat(locale, { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(number)}\u00a0m²`;
}

/** Money comes as an exact decimal string; Intl formats it with the currency's own digits. */
export function formatMoney(value: string, currency: string, locale: string): string {
  const number = Number(value);
  if (!Number.isFinite(number)) return value;
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(number);
}

/** Today as YYYY-MM-DD in local time, the form the backend takes dates in. */
export function todayIso(now: Date = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/**
 * Money held as integer cents (the core's `*_cents` fields): the decimal string is built from
 * the integer, so no float arithmetic touches the amount; Intl formats it for the locale.
 */
export function formatCents(cents: number | bigint, locale: string, currency = 'CNY'): string {
  const whole = BigInt(cents);
  const negative = whole < 0n;
  const abs = negative ? -whole : whole;
  const decimal = `${negative ? '-' : ''}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
  // Intl.NumberFormat takes exact decimal strings (ES2023); the cast is for TypeScript's ES2022 lib.
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(decimal as unknown as number);
}

export type DurationParts = { days: number; hours: number; minutes: number };

/** Whole minutes between two instants, split into days, hours and minutes (absolute value). */
export function durationParts(milliseconds: number): DurationParts {
  const total = Math.floor(Math.abs(milliseconds) / 60_000);
  return { days: Math.floor(total / 1440), hours: Math.floor((total % 1440) / 60), minutes: total % 60 };
}

/** A calendar column's heading: weekday and day ("Mon 11/30", "11/30 周一"). */
export function formatDayHeading(date: Date, locale: string): string {
  return new Intl.DateTimeFormat(locale, { weekday: 'short', month: '2-digit', day: '2-digit' }).format(date);
}

/** The time of day of an instant, 24-hour ("14:30", "9:05" in Japanese). */
export function formatTime(value: string | Date, locale: string, timeZone?: string): string {
  const date = typeof value === 'string' ? new Date(value) : value;
  if (Number.isNaN(date.getTime())) return String(value);
  return new Intl.DateTimeFormat(locale, { ...TIME, ...(timeZone ? { timeZone } : {}) }).format(date);
}
