import { describe, expect, it } from 'vitest';
import {
  formatArea,
  formatCents,
  formatDate,
  formatDateTime,
  formatMoney,
  formatMonth,
  formatNumber,
  formatTime,
  todayIso,
} from './format';

describe('format', () => {
  // Expected texts are CLDR's medium dates, yMMMM months and 24-hour short times.
  it('formats dates as CLDR medium dates without shifting the day', () => {
    expect(formatDate('2026-11-27', 'zh-CN')).toBe('2026年11月27日');
    expect(formatDate('2026-11-27', 'en')).toBe('Nov\u00a027,\u00a02026');
    expect(formatDate('2026-11-27', 'ja')).toBe('2026/11/27');
    expect(formatDate('2026-11-27', 'ko')).toBe('2026.\u00a011.\u00a027.');
    expect(formatDate('2024-03-05', 'en-US')).toBe('Mar\u00a05,\u00a02024');
    expect(formatDate(null, 'en')).toBe('');
    expect(formatDate('oops', 'en')).toBe('oops');
  });

  it('formats months as titles', () => {
    expect(formatMonth('2026-12', 'zh-CN')).toBe('2026年12月');
    expect(formatMonth('2026-12', 'en')).toBe('December 2026');
    expect(formatMonth('2026-12', 'ja')).toBe('2026年12月');
    expect(formatMonth('2026-12', 'ko')).toBe('2026년 12월');
    expect(formatMonth('later', 'en')).toBe('later');
  });

  it('formats timestamps and times in a given zone on a 24-hour clock', () => {
    const at = '2026-11-27T15:05:00Z';
    expect(formatDateTime(at, 'zh-CN', 'UTC')).toBe('2026年11月27日 15:05');
    expect(formatDateTime(at, 'en', 'UTC')).toBe('Nov\u00a027,\u00a02026, 15:05');
    expect(formatDateTime(at, 'ja', 'UTC')).toBe('2026/11/27 15:05');
    expect(formatDateTime(at, 'ko', 'UTC')).toBe('2026.\u00a011.\u00a027. 15:05');
    expect(formatTime('2026-11-27T09:05:00Z', 'ja', 'UTC')).toBe('9:05');
    expect(formatTime('2026-11-27T09:05:00Z', 'en', 'UTC')).toBe('09:05');
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
  });

  it('formats numbers with grouping for the locale', () => {
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
    expect(formatNumber('12', 'de', 2)).toBe('12,00');
  });

  it('formats areas from exact decimal strings', () => {
    expect(formatArea('85.50', 'en')).toBe('85.50\u00a0m²');
    expect(formatArea('1285.5', 'de')).toBe('1.285,50\u00a0m²');
    expect(formatArea('oops', 'en')).toBe('oops');
  });

  it('formats money with the currency', () => {
    expect(formatMoney('1234.5', 'CNY', 'zh-CN')).toBe('¥1,234.50');
    expect(formatMoney('1234.5', 'USD', 'en-US')).toBe('$1,234.50');
  });

  it('formats cents with the currency signs, grouping and minus', () => {
    expect(formatCents(123_456_789, 'zh-CN')).toBe('¥1,234,567.89');
    expect(formatCents(123_456_789, 'en')).toBe('CN¥1,234,567.89');
    expect(formatCents(123_456_789, 'ja')).toBe('元\u00a01,234,567.89');
    expect(formatCents(123_456_789, 'ko')).toBe('CN¥1,234,567.89');
    expect(formatCents(-1_000, 'en')).toBe('-CN¥10.00');
    expect(formatCents(-1_000, 'ko', 'USD')).toBe('-US$10.00');
  });

  it('gives today as an ISO date', () => {
    expect(todayIso(new Date(2024, 0, 9))).toBe('2024-01-09');
  });
});
