import { describe, expect, it } from 'vitest';
import { formatArea, formatDate, formatDateTime, formatMoney, formatNumber, todayIso } from './format';

describe('format', () => {
  it('formats date-only values without shifting the day', () => {
    expect(formatDate('2024-03-05', 'en-US')).toBe('03/05/2024');
    expect(formatDate('2024-03-05', 'zh-CN')).toBe('2024/03/05');
    expect(formatDate(null, 'en')).toBe('');
  });

  it('formats timestamps in a given zone', () => {
    expect(formatDateTime('2024-03-05T01:02:03Z', 'zh-CN', 'UTC')).toBe('2024/03/05 01:02');
    expect(formatDateTime('not a date', 'en')).toBe('not a date');
  });

  it('formats numbers with grouping for the locale', () => {
    expect(formatNumber(1234567.5, 'en')).toBe('1,234,567.5');
    expect(formatNumber('12', 'de', 2)).toBe('12,00');
  });

  it('formats areas from exact decimal strings', () => {
    expect(formatArea('85.50', 'en')).toBe('85.50 m²');
    expect(formatArea('1285.5', 'de')).toBe('1.285,50 m²');
    expect(formatArea('oops', 'en')).toBe('oops');
  });

  it('formats money with the currency', () => {
    expect(formatMoney('1234.5', 'CNY', 'zh-CN')).toBe('¥1,234.50');
    expect(formatMoney('1234.5', 'USD', 'en-US')).toBe('$1,234.50');
  });

  it('gives today as an ISO date', () => {
    expect(todayIso(new Date(2024, 0, 9))).toBe('2024-01-09');
  });
});
