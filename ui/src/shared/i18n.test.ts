// @vitest-environment jsdom
import dayjs from 'dayjs';
import { renderHook } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import i18next, {
  antdPackFor,
  applyLocale,
  type Catalog,
  catalogLocales,
  catalogsFrom,
  dayjsPackFor,
  matchLocale,
  nestCatalog,
  registerCatalogs,
  useAntdLocale,
} from './i18n';

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

  it('gives Japanese and Korean their own packs, with nothing listed for them', async () => {
    for (const [code, antd, day] of [
      ['ja', 'ja', 'ja'],
      ['ko', 'ko', 'ko'],
    ] as const) {
      if (!catalogLocales().some((locale) => locale.code === code)) continue; // catalog not in this checkout
      await applyLocale(code);
      const { result } = renderHook(() => useAntdLocale());
      expect(result.current.locale).toBe(antd);
      expect(dayjs.locale()).toBe(day);
    }
    await applyLocale('en');
  });

  it('lets the last of overlapping switches win', async () => {
    await Promise.all([applyLocale('zh-CN'), applyLocale('en')]);
    expect(i18next.language).toBe('en');
    expect(dayjs.locale()).toBe('en');
  });
});

describe('a language that is only a catalog file', () => {
  // tests/fixtures/locales/fr.json exists nowhere else: no code names French.
  const fixtures = import.meta.glob<Catalog>('../../../tests/fixtures/locales/*.json', { eager: true, import: 'default' });

  it('joins the language list, with the Ant Design and Day.js texts its code implies', async () => {
    registerCatalogs(catalogsFrom(fixtures));
    expect(catalogLocales()).toContainEqual({ code: 'fr', name: 'Français' });
    expect(matchLocale('fr-FR')).toBe('fr');

    await applyLocale('fr');
    expect(i18next.language).toBe('fr');
    expect(dayjs.locale()).toBe('fr');
    const { result } = renderHook(() => useAntdLocale());
    expect(result.current.locale).toBe('fr');
    expect(i18next.t('nav.my_cases')).toBe('Mes dossiers');
    // What the fixture lacks reads as English.
    expect(i18next.t('nav.cases')).toBe('Cases');
    await applyLocale('en');
  });

  it('takes a catalog the core read at run time, as dotted keys, and merges one for a known language', async () => {
    registerCatalogs({ eo: nestCatalog({ 'locale.name': 'Esperanto', 'nav.my_cases': 'Miaj aferoj' }) });
    expect(catalogLocales()).toContainEqual({ code: 'eo', name: 'Esperanto' });
    registerCatalogs({ en: nestCatalog({ 'nav.my_cases': 'My files' }) });
    await applyLocale('en');
    expect(i18next.t('nav.my_cases')).toBe('My files');
    // The rest of English is still there.
    expect(i18next.t('nav.cases')).toBe('Cases');
    expect(catalogLocales()).toContainEqual({ code: 'en', name: 'English' });
  });

  it('derives packs from codes for languages nobody listed', () => {
    const antd = ['en_GB', 'en_US', 'fr_BE', 'fr_FR', 'ja_JP', 'ko_KR', 'pt_BR', 'pt_PT', 'zh_CN', 'zh_TW'];
    expect(antdPackFor('ja', antd)).toBe('ja_JP');
    expect(antdPackFor('ko', antd)).toBe('ko_KR');
    expect(antdPackFor('zh-CN', antd)).toBe('zh_CN');
    expect(antdPackFor('fr', antd)).toBe('fr_FR');
    expect(antdPackFor('pt-BR', antd)).toBe('pt_BR');
    expect(antdPackFor('en', antd)).toBe('en_US');
    expect(antdPackFor('eo', antd)).toBeUndefined();
    const dayjsNames = ['en', 'fr', 'fr-ca', 'ja', 'ko', 'zh-cn', 'zh-tw'];
    expect(dayjsPackFor('zh-CN', dayjsNames)).toBe('zh-cn');
    expect(dayjsPackFor('fr-CA', dayjsNames)).toBe('fr-ca');
    expect(dayjsPackFor('fr-BE', dayjsNames)).toBe('fr');
    expect(dayjsPackFor('eo', dayjsNames)).toBeUndefined();
  });
});
