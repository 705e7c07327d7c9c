import { describe, expect, test } from 'vitest';
import type { TFunction } from 'i18next';
import { describeRule, fromRule, toRule, weekdayName, type Repeat } from './recurrence';

const t = ((key: string, values?: Record<string, unknown>) => (values ? `${key}(${Object.values(values).join('|')})` : key)) as unknown as TFunction;

describe('package repeat rules', () => {
  test('each pattern makes its RRULE and reads back as itself', () => {
    const cases: [Repeat, string][] = [
      [{ kind: 'weekly', days: ['TH', 'TU'] }, 'FREQ=WEEKLY;BYDAY=TU,TH'],
      [{ kind: 'fortnightly', days: ['TU'] }, 'FREQ=WEEKLY;INTERVAL=2;BYDAY=TU'],
      [{ kind: 'monthly_days', days: [-1, 15, 1] }, 'FREQ=MONTHLY;BYMONTHDAY=1,15,-1'],
      [{ kind: 'last_working_day' }, 'FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1'],
      [{ kind: 'daily' }, 'FREQ=DAILY'],
    ];
    for (const [repeat, rule] of cases) {
      expect(toRule(repeat)).toBe(rule);
      expect(toRule(fromRule(rule))).toBe(rule);
      expect(fromRule(rule).kind).toBe(repeat.kind);
    }
  });

  test('anything else is a custom rule, kept as written', () => {
    for (const rule of ['FREQ=MONTHLY;BYDAY=1MO', 'FREQ=WEEKLY;INTERVAL=3;BYDAY=MO', 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', 'garbage']) {
      expect(fromRule(rule)).toEqual({ kind: 'custom', rule });
    }
  });

  test('rules are described in the reader’s language', () => {
    expect(weekdayName('TU', 'en')).toBe('Tue');
    expect(weekdayName('TU', 'zh-CN')).toBe('周二');
    expect(describeRule('FREQ=WEEKLY;BYDAY=TU,TH', t, 'zh-CN')).toBe('menus.rule.weekly(周二menus.rule.separator周四)');
    expect(describeRule('FREQ=MONTHLY;BYMONTHDAY=1,-1', t, 'en')).toBe(
      'menus.rule.monthly_days(menus.rule.day_of_month(1)menus.rule.separatormenus.rule.last_day)',
    );
    expect(describeRule('FREQ=MONTHLY;BYDAY=1MO', t, 'en')).toBe('menus.rule.custom(FREQ=MONTHLY;BYDAY=1MO)');
  });
});
