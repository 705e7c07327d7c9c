// @vitest-environment jsdom
import dayjs from 'dayjs';
import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import i18next, { applyLocale, matchLocale, useAntdLocale } from './i18n';

describe('locale switching', () => {
  it('matches requested tags to catalog languages', () => {
    expect(matchLocale('zh_CN.UTF-8')).toBe('zh-CN');
    expect(matchLocale('zh-Hans-CN')).toBe('zh-CN');
    expect(matchLocale('en-US')).toBe('en');
    expect(matchLocale('fr-FR')).toBe('en');
  });

  it('loads the Ant Design and Day.js texts of the language with it', async () => {
    const { result, rerender } = renderHook(() => useAntdLocale());
    expect(result.current.locale).toBe('en');

    await applyLocale('zh-CN');
    rerender();
    expect(result.current.locale).toBe('zh-cn');
    expect(dayjs.locale()).toBe('zh-cn');
    expect(i18next.language).toBe('zh-CN');
    expect(document.documentElement.lang).toBe('zh-CN');

    await applyLocale('en');
    rerender();
    expect(result.current.locale).toBe('en');
    expect(dayjs.locale()).toBe('en');
  });

  it('lets the last of overlapping switches win', async () => {
    await Promise.all([applyLocale('zh-CN'), applyLocale('en')]);
    expect(i18next.language).toBe('en');
    expect(dayjs.locale()).toBe('en');
  });
});
